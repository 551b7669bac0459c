#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SF_TYPE_FAKE_SERVER (sf_fake_server_get_type ())

G_DECLARE_FINAL_TYPE (SfFakeServer, sf_fake_server, SF, FAKE_SERVER, GObject)

/* What the next requests get instead of a normal answer. */
typedef enum
{
  SF_FAKE_FAILURE_NONE,
  SF_FAKE_FAILURE_RATE_LIMIT,        /* 429 with Retry-After: the configured seconds */
  SF_FAKE_FAILURE_RATE_LIMIT_BARE,   /* 429 with no Retry-After */
  SF_FAKE_FAILURE_SERVER_ERROR,      /* 500 with TVmaze's JSON error envelope */
  SF_FAKE_FAILURE_UNAVAILABLE,       /* 503 */
  SF_FAKE_FAILURE_TRUNCATED,         /* 200, the body cut in the middle */
  SF_FAKE_FAILURE_INVALID_JSON,      /* 200, not JSON */
  SF_FAKE_FAILURE_INVALID_UTF8,      /* 200, JSON with invalid UTF-8 in a string */
  SF_FAKE_FAILURE_DROP,              /* connection closed without an answer */
  SF_FAKE_FAILURE_STALL,             /* never answers (until the server stops) */
  SF_FAKE_FAILURE_SLOW_DRIP,         /* 200, the body sent a few bytes at a time */
} SfFakeFailure;

/**
 * sf_fake_server_new:
 * @n_shows: size of the generated catalog (ids 1..n_shows, with a few gaps)
 * @seed: the catalog is a pure function of (n_shows, seed)
 *
 * A fake TVmaze on 127.0.0.1 (ephemeral port), a real HTTP server running on its own thread
 * and main context, so a stalled or slow answer never blocks the code under test.
 */
SfFakeServer *sf_fake_server_new            (guint          n_shows,
                                             guint64        seed);
gboolean      sf_fake_server_start          (SfFakeServer  *self,
                                             guint          port,
                                             GError       **error);
void          sf_fake_server_stop           (SfFakeServer  *self);
/* "http://127.0.0.1:PORT" */
const char   *sf_fake_server_get_url        (SfFakeServer  *self);

/* Knobs, callable from any thread at any time. */
void          sf_fake_server_set_latency    (SfFakeServer  *self,
                                             guint          api_ms,
                                             guint          image_ms);
/* the next @count API requests (not images) whose path starts with @path_prefix (NULL: any)
 * fail as @failure; a prefix ending in '$' matches that whole path and query only
 * ("/shows/9$": the show, not "/shows/9/cast") */
void          sf_fake_server_fail_next      (SfFakeServer  *self,
                                             const char    *path_prefix,
                                             SfFakeFailure  failure,
                                             guint          count);
/* Forgets every pending failure rule. */
void          sf_fake_server_clear_failures (SfFakeServer  *self);
void          sf_fake_server_set_retry_after (SfFakeServer *self,
                                             guint          seconds);
/* Replace a generated show's name and summary (hostile input tests). */
void          sf_fake_server_override_show  (SfFakeServer  *self,
                                             gint64         id,
                                             const char    *name,
                                             const char    *summary_html);
/* Shows above @max_id do not exist until it is raised (0: every generated show exists): new
 * shows appear between two syncs. */
void          sf_fake_server_set_max_show_id (SfFakeServer *self,
                                              gint64        max_id);
/* /shows/@asked (the show itself, not its parts) answers show @served: a server that
 * answers with another show than the one asked for. */
void          sf_fake_server_alias_show     (SfFakeServer  *self,
                                             gint64         asked,
                                             gint64         served);
/* Requests served so far whose path starts with @path_prefix (NULL: all). */
guint         sf_fake_server_get_request_count (SfFakeServer *self,
                                             const char    *path_prefix);
/* Name of the generated show @id (NULL if @id is a gap or out of range), for assertions. */
char         *sf_fake_server_dup_show_name  (SfFakeServer  *self,
                                             gint64         id);

G_END_DECLS
