#pragma once

/* The SQL builder of the catalog's queries: @criteria as a WHERE clause over `shows s`, with
 * its values bound in order. Shared by the query and the facet counts. */

#include "sf-catalog-db-private.h"

G_BEGIN_DECLS

typedef enum
{
  BIND_TEXT,
  BIND_INT,
  BIND_DOUBLE,
} BindType;

typedef struct
{
  BindType type;
  guint    text;    /* index into texts */
  gint64   i;
  double   d;
} Bind;

typedef struct
{
  GString   *sql;
  GPtrArray *texts;   /* owned strings, bound in order with the other values */
  GArray    *binds;   /* Bind */
} SfCatalogQuery;

void          sf_catalog_query_init         (SfCatalogQuery    *q,
                                             const char        *select);
void          sf_catalog_query_clear        (SfCatalogQuery    *q);
void          sf_catalog_query_bind_text    (SfCatalogQuery    *q,
                                             const char        *text);
void          sf_catalog_query_bind_int     (SfCatalogQuery    *q,
                                             gint64             value);
void          sf_catalog_query_bind_double  (SfCatalogQuery    *q,
                                             double             value);
/* The WHERE clause of @criteria, leaving @skip out (-1: nothing). FALSE when nothing
 * filters. */
gboolean      sf_catalog_query_append_where (SfCatalogQuery    *q,
                                             gboolean           use_fts,
                                             const SfCriteria  *criteria,
                                             int                skip);
/* The statement with every value bound (copied). */
sqlite3_stmt *sf_catalog_query_prepare      (SfCatalogDb       *db,
                                             SfCatalogQuery    *q,
                                             GError           **error);

G_END_DECLS
