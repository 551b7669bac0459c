#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sf-rate-limiter.h"
#include "sf-show.h"

G_BEGIN_DECLS

#define SF_TYPE_TVMAZE_CLIENT (sf_tvmaze_client_get_type ())

G_DECLARE_FINAL_TYPE (SfTvmazeClient, sf_tvmaze_client, SF, TVMAZE_CLIENT, GObject)

/* Priorities of queued API requests: what a person waits for goes first. */
#define SF_TVMAZE_PRIORITY_INTERACTIVE G_PRIORITY_DEFAULT
#define SF_TVMAZE_PRIORITY_BACKGROUND  G_PRIORITY_LOW

/**
 * sf_tvmaze_client_new:
 * @session: the one session of the program (User-Agent, HTTP cache, timeouts set by the caller)
 * @base_url: e.g. `https://api.tvmaze.com`, without a trailing slash
 *
 * A TVmaze client. Every API request goes through one #SfRateLimiter (20 per 10 s) and is
 * retried a bounded number of times on 429 (honouring Retry-After), 5xx and dropped
 * connections. All I/O is asynchronous on the thread-default main context of the caller;
 * JSON is parsed on worker threads.
 */
SfTvmazeClient *sf_tvmaze_client_new                 (SoupSession     *session,
                                                      const char      *base_url);

const char     *sf_tvmaze_client_get_base_url        (SfTvmazeClient  *self);
SoupSession    *sf_tvmaze_client_get_session         (SfTvmazeClient  *self);
SfRateLimiter  *sf_tvmaze_client_get_rate_limiter    (SfTvmazeClient  *self);

/* Retries after a 429, 5xx or dropped connection before giving up (default 4). */
void            sf_tvmaze_client_set_max_retries     (SfTvmazeClient  *self,
                                                      guint            max_retries);
/* Largest body accepted for any API request, in bytes (default 64 MiB); each endpoint has its
 * own, smaller cap too (sf_tvmaze_max_body_size_for_path()). */
void            sf_tvmaze_client_set_max_body_size   (SfTvmazeClient  *self,
                                                      gsize            max_size);
/* Longest time one attempt may take, from sending to the last byte (default 60 s; 0: none).
 * Past it the request ends with %SF_TVMAZE_ERROR_TIMEOUT. The environment variable
 * SERIES_FINDER_REQUEST_DEADLINE_MS sets the default, for tests of the whole program. */
void            sf_tvmaze_client_set_deadline        (SfTvmazeClient  *self,
                                                      gint64           deadline_usec);
gint64          sf_tvmaze_client_get_deadline        (SfTvmazeClient  *self);
/* A request whose caller cancels, or whose deadline passes, while libsoup still waits for the
 * headers ends for its caller at once; libsoup finishes that attempt alone (its answer is
 * dropped), and cancels it only if it still has no headers after the grace (default 60 s). */
void            sf_tvmaze_client_set_abandon_grace   (SfTvmazeClient  *self,
                                                      gint64           grace_usec);
guint           sf_tvmaze_client_get_n_abandoned     (SfTvmazeClient  *self);
/* Longest a request waits in all for a busy server (429s), default 60 s. A Retry-After past
 * what is left ends the request at once with %SF_TVMAZE_ERROR_RATE_LIMITED. The environment
 * variable SERIES_FINDER_MAX_RETRY_WAIT_MS sets the default, for tests. */
void            sf_tvmaze_client_set_max_retry_wait  (SfTvmazeClient  *self,
                                                      gint64           max_wait_usec);

/* Body caps of API answers, counted after decompression. */
#define SF_TVMAZE_MAX_SEARCH_BODY     (1 * 1024 * 1024)
#define SF_TVMAZE_MAX_INDEX_PAGE_BODY (8 * 1024 * 1024)
#define SF_TVMAZE_MAX_UPDATES_BODY    (16 * 1024 * 1024)
#define SF_TVMAZE_MAX_SHOW_BODY       (16 * 1024 * 1024)

/* The body cap of an API path (`/search/shows?q=x`, `/shows?page=3`, ...). */
gsize           sf_tvmaze_max_body_size_for_path     (const char      *path);

/* First retry delay after a 5xx or a 429 without Retry-After (default 2 s, doubling, capped
 * at 30 times it); tests make it short. */
void            sf_tvmaze_client_set_retry_base_delay (SfTvmazeClient *self,
                                                      gint64           base_usec);

/**
 * sf_tvmaze_client_get_async:
 * @path: path and query below the base URL, e.g. `/shows/1?embed=cast` (already encoded)
 * @priority: %SF_TVMAZE_PRIORITY_INTERACTIVE or %SF_TVMAZE_PRIORITY_BACKGROUND
 *
 * Fetches an API resource through the rate limiter with retries; a 2xx body comes back as
 * bytes. 404 gives %SF_TVMAZE_ERROR_NOT_FOUND. Cancelling gives %G_IO_ERROR_CANCELLED.
 */
void            sf_tvmaze_client_get_async           (SfTvmazeClient  *self,
                                                      const char      *path,
                                                      int              priority,
                                                      GCancellable    *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer         user_data);
GBytes         *sf_tvmaze_client_get_finish          (SfTvmazeClient  *self,
                                                      GAsyncResult    *result,
                                                      GError         **error);

/**
 * sf_tvmaze_client_search_shows_async:
 * @query: what the person typed (any UTF-8; it is encoded here)
 *
 * `/search/shows?q=QUERY`: at most 10 shows, in TVmaze's order, parsed off the main thread.
 */
void            sf_tvmaze_client_search_shows_async  (SfTvmazeClient  *self,
                                                      const char      *query,
                                                      GCancellable    *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer         user_data);
/* Returns: (transfer full) (element-type SfShow) */
GPtrArray      *sf_tvmaze_client_search_shows_finish (SfTvmazeClient  *self,
                                                      GAsyncResult    *result,
                                                      GError         **error);

/**
 * sf_tvmaze_client_get_image_async:
 * @url: an absolute image URL as TVmaze gave it (http is upgraded to https for TVmaze hosts)
 * @max_size: largest body accepted, in bytes
 *
 * Fetches image bytes. Images come from a CDN, not the API, so they skip the rate limiter
 * but share the session (and its HTTP cache).
 */
void            sf_tvmaze_client_get_image_async     (SfTvmazeClient  *self,
                                                      const char      *url,
                                                      gsize            max_size,
                                                      GCancellable    *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer         user_data);
GBytes         *sf_tvmaze_client_get_image_finish    (SfTvmazeClient  *self,
                                                      GAsyncResult    *result,
                                                      GError         **error);

/**
 * sf_tvmaze_build_search_path:
 * @query: any UTF-8 text
 *
 * Returns: (transfer full): `/search/shows?q=` followed by @query encoded as a URL component
 */
char           *sf_tvmaze_build_search_path          (const char      *query);

G_END_DECLS
