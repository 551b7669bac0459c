#pragma once

/* What the units of SfCatalog share: sf-catalog.c (the object, its threads, open and close,
 * the in-memory index) and sf-catalog-requests.c (the reads and writes callers queue).
 * Nothing else includes it. */

#include "sf-catalog-index.h"
#include "sf-catalog-private.h"
#include "sf-db-worker.h"

G_BEGIN_DECLS

/* What the threads share with the catalog, which can go away before them (refcounted). */
typedef struct
{
  char           *path;
  gboolean        allow_fts;
  gboolean        allow_index;
  GMainContext   *context;         /* where "changed" is emitted */
  GWeakRef        catalog;
  gint            changed_pending; /* atomic */

  GMutex          lock;
  SfCatalogState  state;           /* under lock */
  /* Under lock: a count of committed write batches, and the in-memory index with the count
   * its snapshot saw. The index answers only while both are equal: a query never misses
   * a write that finished before it. */
  guint64         write_gen;
  guint64         index_gen;
  SfCatalogIndex *index;
} Shared;

struct _SfCatalog
{
  GObject     parent_instance;

  /* owned */
  Shared     *shared;
  SfDbWorker *worker;
  guint       index_source;
  gboolean    index_building;
  gint64      index_started;
  gint64      index_duration;   /* of the last build, µs */
  gboolean    open;
  gboolean    indexed;
};

/* The index when it holds the catalog as it is, else %NULL (SQLite answers). */
SfCatalogIndex *sf_catalog_dup_fresh_index (SfCatalog     *self);
/* The newest index, even if the last writes are not in it yet (%NULL: none built). */
SfCatalogIndex *sf_catalog_dup_latest_index (SfCatalog    *self);

/* The checks of a public finish function, then the task's answer. */
gboolean        sf_catalog_finish_boolean  (SfCatalog     *self,
                                            GAsyncResult  *result,
                                            gpointer       source_tag,
                                            GError       **error);
gpointer        sf_catalog_finish_pointer  (SfCatalog     *self,
                                            GAsyncResult  *result,
                                            gpointer       source_tag,
                                            GError       **error);

G_END_DECLS
