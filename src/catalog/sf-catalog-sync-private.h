#pragma once

/* What the units of SfCatalogSync share: sf-catalog-sync.c (the object, and a run's phases:
 * sync info, /updates/shows, the plan, the end) and sf-catalog-sync-items.c (the pipeline
 * of pages and shows between them). Nothing else includes it. */

#include "sf-catalog-parse-pool.h"
#include "sf-catalog-plan.h"
#include "sf-catalog-private.h"
#include "sf-catalog-sync.h"

G_BEGIN_DECLS

#define DEFAULT_MAX_IN_FLIGHT   6
#define DEFAULT_MAX_AGE         (24 * 60 * 60)
#define DEFAULT_RETRY_DELAY_MS  10000
#define MAX_ROUNDS              3
#define MAX_PROBES_PAST_END     50

typedef enum
{
  ITEM_PAGE,
  ITEM_PROBE,
  ITEM_SHOW,
} ItemKind;

typedef struct
{
  ItemKind kind;
  gint64   n;       /* page number or show id */
} Item;

typedef struct
{
  GTask              *task;            /* owned: the run's task */
  GCancellable       *cancellable;     /* owned: cancelled by the caller's or a fatal error */
  GCancellable       *caller_cancellable; /* owned, nullable */
  gulong              caller_cancel_id;
  SfCatalogSyncMode   mode;
  SfCatalogSyncInfo  *info;            /* owned, nullable */
  SfCatalogPlan      *plan;            /* owned, nullable */
  GQueue              queue;           /* Item*, owned */
  GPtrArray          *failed;          /* Item*, owned */
  GHashTable         *page_counts;     /* page → shows stored */
  GError             *fatal;           /* owned, nullable */
  GError             *last_failure;    /* owned, nullable */
  GSource            *retry_source;    /* owned, nullable */
  guint               in_flight;
  guint               rounds;
  int                 next_probe;      /* -1: not probing */
  int                 probe_limit;
  gboolean            probe_in_flight;
  gboolean            probe_failed;
  gboolean            end_found;
  gboolean            finishing;
  guint               n_items;
  guint               n_items_done;
  guint               n_fetched;
} Run;

struct _SfCatalogSync
{
  GObject         parent_instance;

  /* owned */
  SfCatalog      *catalog;
  SfTvmazeClient *client;
  Run            *run;               /* nullable */

  guint           max_in_flight;
  gint64          max_age;
  guint           retry_delay_ms;

  gboolean        refreshing;
  guint           shows_scanned;
  guint           shows_estimated;
  guint           pages_done;
  guint           pages_estimated;
  double          fraction;
};

/* The failure the run reports if it cannot finish. */
static inline void
sf_catalog_sync_remember_failure (Run          *run,
                                  const GError *error)
{
  g_clear_error (&run->last_failure);
  run->last_failure = g_error_copy (error);
}

/* sf-catalog-sync.c */
void sf_catalog_sync_update_progress    (SfCatalogSync       *self);
/* Once nothing is in flight: the end of the sync, or the run's error. */
void sf_catalog_sync_finish_run         (SfCatalogSync       *self);
void sf_catalog_sync_emit_shows_stored  (SfCatalogSync       *self,
                                         GPtrArray           *shows);

/* sf-catalog-sync-items.c */
void sf_catalog_sync_queue_item         (Run                 *run,
                                         ItemKind             kind,
                                         gint64               n);
/* Starts queued items up to max_in_flight; with none left, another round or the end. */
void sf_catalog_sync_pump               (SfCatalogSync       *self);
/* Deletes @ids (planned deletes), as one item. */
void sf_catalog_sync_delete_shows       (SfCatalogSync       *self,
                                         GArray              *ids);
/* Calls @callback after the retry delay, or at once when the run is stopped meanwhile. */
void sf_catalog_sync_retry_later        (SfCatalogSync       *self,
                                         GSourceFunc          callback);
/* A body to the parse pool, for this run. */
void sf_catalog_sync_run_work           (SfCatalogSync       *self,
                                         SfCatalogWorkKind    kind,
                                         GBytes              *bytes,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);

G_END_DECLS
