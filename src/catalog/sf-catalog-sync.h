#pragma once

#include <gio/gio.h>

#include "sf-catalog.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

#define SF_TYPE_CATALOG_SYNC (sf_catalog_sync_get_type ())

G_DECLARE_FINAL_TYPE (SfCatalogSync, sf_catalog_sync, SF, CATALOG_SYNC, GObject)

/**
 * SfCatalogSyncMode:
 * @SF_CATALOG_SYNC_AUTO: build or resume an incomplete catalog; refresh a complete one that
 *   is older than the maximum age; else do nothing (no request at all)
 * @SF_CATALOG_SYNC_REFRESH: as AUTO, but refresh a complete catalog whatever its age
 */
typedef enum
{
  SF_CATALOG_SYNC_AUTO,
  SF_CATALOG_SYNC_REFRESH,
} SfCatalogSyncMode;

/**
 * sf_catalog_sync_new:
 * @catalog: an open catalog
 * @client: the program's TVmaze client (its rate limiter is shared with everything else)
 *
 * Builds, resumes and refreshes @catalog from TVmaze's show index. Requests go out at
 * background priority, several pages at a time; pages are parsed on a worker pool with a
 * thread per core and stored through the catalog's writer. Progress is in the properties
 * ("shows-scanned" of "shows-estimated", ...), each stored batch of shows comes with
 * #SfCatalogSync::shows-stored, all on the main context of the caller of
 * sf_catalog_sync_run_async().
 */
SfCatalogSync *sf_catalog_sync_new                (SfCatalog        *catalog,
                                                   SfTvmazeClient   *client);

/* Index pages (or single shows) fetched, parsed or stored at once (default 6). */
void           sf_catalog_sync_set_max_in_flight  (SfCatalogSync    *self,
                                                   guint             max_in_flight);
/* A complete catalog older than this is refreshed (default a day). */
void           sf_catalog_sync_set_max_age        (SfCatalogSync    *self,
                                                   gint64            max_age_seconds);
/* How long to wait before fetching the pages that failed again (default 10 s; tests make it
 * short). Failed pages are tried again this way up to 3 times within one run. */
void           sf_catalog_sync_set_retry_delay    (SfCatalogSync    *self,
                                                   guint             delay_ms);

/**
 * sf_catalog_sync_run_async:
 *
 * Runs one sync. Cancelling stops it and keeps every page already stored; the next run
 * resumes from the pages still missing. It ends with %SF_CATALOG_ERROR_INCOMPLETE (stored
 * pages kept) when some pages could still not be fetched, %SF_CATALOG_ERROR_NO_NETWORK
 * when TVmaze could not be reached at all, %G_IO_ERROR_PENDING when a run is going on.
 */
void           sf_catalog_sync_run_async          (SfCatalogSync    *self,
                                                   SfCatalogSyncMode mode,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean       sf_catalog_sync_run_finish         (SfCatalogSync    *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);

gboolean       sf_catalog_sync_get_running        (SfCatalogSync    *self);
/* TRUE while a run refreshes a complete catalog rather than building it */
gboolean       sf_catalog_sync_get_refreshing     (SfCatalogSync    *self);
/* shows in the catalog's stored pages, as the run goes */
guint          sf_catalog_sync_get_shows_scanned  (SfCatalogSync    *self);
/* how many shows TVmaze has (from `/updates/shows`); 0 until known */
guint          sf_catalog_sync_get_shows_estimated (SfCatalogSync   *self);
guint          sf_catalog_sync_get_pages_done     (SfCatalogSync    *self);
/* highest id / 250 + 1; 0 until known */
guint          sf_catalog_sync_get_pages_estimated (SfCatalogSync   *self);
/* 0..1: the share of this run's work done */
double         sf_catalog_sync_get_fraction       (SfCatalogSync    *self);

G_END_DECLS
