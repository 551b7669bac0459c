#pragma once

/* What the catalog's SQLite units (schema, store, query, facets) share; nothing outside
 * sf-catalog-*.c that speaks SQL includes it. */

#include "sf-catalog-db.h"
#include "sf-show-list.h"
#include "sf-sqlite.h"

G_BEGIN_DECLS

/* The cached statements (their SQL is in sf-catalog-schema.c). */
typedef enum
{
  STMT_INSERT_SHOW,
  STMT_INSERT_JSON,
  STMT_INSERT_GENRE,
  STMT_INSERT_NAME,
  STMT_DELETE_SHOWS,
  STMT_DELETE_JSON,
  STMT_DELETE_GENRES,
  STMT_DELETE_NAMES,
  STMT_PUT_PAGE,
  STMT_SELECT_JSON,
  STMT_SET_STATE,
  STMT_GET_STATE,
  N_STMTS
} Stmt;

struct _SfCatalogDb
{
  SfSqlite *sql;
  gboolean  use_fts;    /* the title index exists (FTS5); LIKE otherwise */
};

/* The cached statement @id, reset and ready to bind. */
sqlite3_stmt *sf_catalog_db_stmt            (SfCatalogDb       *db,
                                             Stmt               id,
                                             GError           **error);

/* sync_state values */
gboolean      sf_catalog_db_get_state_value (SfCatalogDb       *db,
                                             const char        *key,
                                             gint64             fallback,
                                             gint64            *out_value,
                                             GError           **error);
gboolean      sf_catalog_db_set_state_value (SfCatalogDb       *db,
                                             const char        *key,
                                             gint64             value,
                                             GError           **error);

/* Adds a show that is not in the catalog (its id was just deleted). */
gboolean      sf_catalog_db_insert_show     (SfCatalogDb       *db,
                                             SfShow            *show,
                                             const char        *json,
                                             GError           **error);

/* The count of shows @criteria matches (sf-catalog-query.c). */
gboolean      sf_catalog_db_count_matches   (SfCatalogDb       *db,
                                             const SfCriteria  *criteria,
                                             guint             *out_count,
                                             GError           **error);

G_END_DECLS
