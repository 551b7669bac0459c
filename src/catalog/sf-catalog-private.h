#pragma once

/* What SfCatalogSync and the catalog's own units need from it beyond the public API. */

#include "sf-catalog.h"

G_BEGIN_DECLS

typedef enum
{
  SF_CATALOG_PAGE_STORED,
  SF_CATALOG_PAGE_MISSING,   /* answered 404 although later ids exist (a gap) */
} SfCatalogPageState;

typedef struct
{
  int                page;
  SfCatalogPageState state;
  guint              n_shows;
} SfCatalogPageInfo;

typedef struct
{
  gint64 id;
  gint64 updated;
} SfCatalogShowStamp;

typedef struct
{
  SfCatalogState  state;
  GArray         *pages;    /* SfCatalogPageInfo, by page */
  GArray         *stamps;   /* SfCatalogShowStamp, by id */
} SfCatalogSyncInfo;

void               sf_catalog_sync_info_free           (SfCatalogSyncInfo *info);

/* The order of facet counts, from SQLite and from the index alike: by criterion, then the
 * most shows first, then by value (for g_ptr_array_sort()). */
int                sf_facet_count_compare              (gconstpointer      a,
                                                        gconstpointer      b);

void               sf_catalog_load_sync_info_async     (SfCatalog     *self,
                                                        GCancellable  *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer       user_data);
SfCatalogSyncInfo *sf_catalog_load_sync_info_finish    (SfCatalog     *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* Records that @page answered 404 although the index goes on; its shows are removed. */
void               sf_catalog_mark_page_missing_async  (SfCatalog     *self,
                                                        int            page,
                                                        GCancellable  *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer       user_data);
gboolean           sf_catalog_mark_page_missing_finish (SfCatalog     *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* @ids: (element-type gint64) shows TVmaze no longer has */
void               sf_catalog_delete_shows_async       (SfCatalog     *self,
                                                        GArray        *ids,
                                                        GCancellable  *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer       user_data);
gboolean           sf_catalog_delete_shows_finish      (SfCatalog     *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* Records the end of a sync: @complete when every page of the index is stored; @timestamp
 * becomes the last sync time (Unix seconds). A complete sync also refreshes the query
 * planner's statistics. */
void               sf_catalog_end_sync_async           (SfCatalog     *self,
                                                        gboolean       complete,
                                                        gint64         timestamp,
                                                        GCancellable  *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer       user_data);
gboolean           sf_catalog_end_sync_finish          (SfCatalog     *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

G_END_DECLS
