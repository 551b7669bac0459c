#pragma once

#include <gio/gio.h>

#include "sf-backend.h"

G_BEGIN_DECLS

/* Bounds of the `cache-size-mb` setting */
#define SF_CACHE_SIZE_MIN_MB 32
#define SF_CACHE_SIZE_MAX_MB 4096

/* "$XDG_CACHE_HOME/series-finder/http": the HTTP cache (API answers and posters) */
char     *sf_backend_dup_http_cache_dir     (void);

/**
 * sf_backend_bind_cache_size:
 * @settings: the application's settings
 *
 * Caps the HTTP cache at `cache-size-mb` now and whenever the setting changes. The cap
 * applies as new answers are stored: a smaller cap evicts old entries as room is needed.
 */
void      sf_backend_bind_cache_size        (SfBackend           *self,
                                             GSettings           *settings);

/**
 * sf_backend_measure_cache_async:
 *
 * Adds up the bytes of every file of the HTTP cache, on a worker thread.
 */
void      sf_backend_measure_cache_async    (SfBackend           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  sf_backend_measure_cache_finish   (SfBackend           *self,
                                             GAsyncResult        *result,
                                             guint64             *out_bytes,
                                             GError             **error);

/**
 * sf_backend_clear_cache_async:
 *
 * Deletes every file and folder under sf_backend_dup_http_cache_dir() on a worker thread
 * (symbolic links are removed, never followed), then empties the session's #SoupCache on
 * this thread so that it forgets the entries. Nothing else is touched: not the catalog
 * next to it, and never the watchlist in `$XDG_DATA_HOME/series-finder`. Files that could
 * not be deleted fail the operation with the first error, after trying every other file.
 */
void      sf_backend_clear_cache_async      (SfBackend           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* @out_freed: (out) (optional): bytes deleted */
gboolean  sf_backend_clear_cache_finish     (SfBackend           *self,
                                             GAsyncResult        *result,
                                             guint64             *out_freed,
                                             GError             **error);

G_END_DECLS
