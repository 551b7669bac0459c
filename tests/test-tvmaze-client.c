/* test-tvmaze-client.c: the TVmaze client against the fake server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-fake-server.h"
#include "sf-show.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-client.h"
#include "sf-tvmaze-error.h"

#define N_SHOWS 300
#define MSEC ((gint64) 1000)
#define SECOND ((gint64) G_USEC_PER_SEC)
/* the longest any single wait may take before the test fails */
#define WAIT_LIMIT_MS 10000

typedef struct
{
  SfFakeServer   *server;
  SoupSession    *session;
  SfTvmazeClient *client;
  SfRateLimiter  *limiter;   /* borrowed */
} Fixture;

typedef struct
{
  gboolean   done;
  GBytes    *bytes;
  GPtrArray *shows;
  GError    *error;
  gint64     started_at;
  gint64     finished_at;
  guint      order;
  guint     *counter;        /* nullable: gives each completion its rank */
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->bytes, g_bytes_unref);
  g_clear_pointer (&result->shows, g_ptr_array_unref);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
result_done (Result *result)
{
  g_assert_false (result->done);
  result->done = TRUE;
  result->finished_at = g_get_monotonic_time ();
  if (result->counter != NULL)
    result->order = ++(*result->counter);
}

static gint64
result_elapsed_ms (Result *result)
{
  return (result->finished_at - result->started_at) / MSEC;
}

static void
on_get_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Result *res = user_data;

  res->bytes = sf_tvmaze_client_get_finish (SF_TVMAZE_CLIENT (object), result, &res->error);
  g_assert_true ((res->bytes == NULL) != (res->error == NULL));
  result_done (res);
}

static void
on_search_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Result *res = user_data;

  res->shows = sf_tvmaze_client_search_shows_finish (SF_TVMAZE_CLIENT (object), result,
                                                     &res->error);
  g_assert_true ((res->shows == NULL) != (res->error == NULL));
  result_done (res);
}

static void
on_image_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Result *res = user_data;

  res->bytes = sf_tvmaze_client_get_image_finish (SF_TVMAZE_CLIENT (object), result,
                                                  &res->error);
  g_assert_true ((res->bytes == NULL) != (res->error == NULL));
  result_done (res);
}

static void
start_get (Fixture      *fixture,
           const char   *path,
           int           priority,
           GCancellable *cancellable,
           Result       *res)
{
  res->started_at = g_get_monotonic_time ();
  sf_tvmaze_client_get_async (fixture->client, path, priority, cancellable, on_get_done, res);
}

static void
get (Fixture    *fixture,
     const char *path,
     Result     *res)
{
  start_get (fixture, path, SF_TVMAZE_PRIORITY_INTERACTIVE, NULL, res);
  sf_test_wait_flag (&res->done, WAIT_LIMIT_MS, path);
}

static void
search (Fixture    *fixture,
        const char *query,
        Result     *res)
{
  res->started_at = g_get_monotonic_time ();
  sf_tvmaze_client_search_shows_async (fixture->client, query, NULL, on_search_done, res);
  sf_test_wait_flag (&res->done, WAIT_LIMIT_MS, query);
}

/* a search that has results: the name of show 1 */
static void
search_known (Fixture *fixture,
              Result  *res)
{
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, 1);

  g_assert_nonnull (name);
  search (fixture, name, res);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sf_fake_server_new (N_SHOWS, 42);
  g_assert_true (sf_fake_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
  fixture->client = sf_tvmaze_client_new (fixture->session,
                                          sf_fake_server_get_url (fixture->server));
  fixture->limiter = sf_tvmaze_client_get_rate_limiter (fixture->client);
  /* 10 ms, 20 ms, 40 ms ... instead of 2 s, 4 s, 8 s */
  sf_tvmaze_client_set_retry_base_delay (fixture->client, 10 * MSEC);
  /* a request cancelled while its server stalls is left to libsoup, and stopped after this */
  sf_tvmaze_client_set_abandon_grace (fixture->client, 200 * MSEC);
}

static gboolean
client_is_drained (gconstpointer data)
{
  return sf_tvmaze_client_get_n_abandoned ((SfTvmazeClient *) data) == 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* every request has returned, and libsoup has ended the attempts it was left (within the
   * grace), so nothing holds the client any more */
  if (fixture->client != NULL)
    {
      sf_test_wait_until (client_is_drained, fixture->client, WAIT_LIMIT_MS,
                          "abandoned attempts to end");
      g_assert_finalize_object (fixture->client);
    }

  sf_fake_server_stop (fixture->server);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->server);
}

static void
test_results (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, 1);
  gboolean found = FALSE;

  g_assert_nonnull (name);
  search (fixture, name, &res);

  g_assert_no_error (res.error);
  g_assert_cmpuint (res.shows->len, >=, 1);
  g_assert_cmpuint (res.shows->len, <=, 10);

  for (guint i = 0; i < res.shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (res.shows, i);

      g_assert_true (SF_IS_SHOW (show));
      g_assert_cmpint (sf_show_get_id (show), >, 0);
      if (sf_show_get_id (show) == 1)
        {
          g_assert_cmpstr (sf_show_get_name (show), ==, name);
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/search/shows"), ==, 1);
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
}

static void
test_no_results (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  search (fixture, "qqqzzzxxx nothing like this exists 0451", &res);

  g_assert_no_error (res.error);
  g_assert_cmpuint (res.shows->len, ==, 0);
}

static void
test_odd_query (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const queries[] = { "Law & Order", "#1 Show", "100%", "C++", "a/b?c",
                                          "Café 📺", "" };

  /* whatever the text, the server gets a well-formed request and answers an array */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto(Result) res = { 0 };

      search (fixture, queries[i], &res);
      g_assert_no_error (res.error);
      g_assert_cmpuint (res.shows->len, <=, 10);
    }
}

static void
test_get (Fixture       *fixture,
          gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  gsize size;
  const char *body;

  get (fixture, "/shows/1", &res);

  g_assert_no_error (res.error);
  body = g_bytes_get_data (res.bytes, &size);
  g_assert_cmpuint (size, >, 2);
  g_assert_cmpint (body[0], ==, '{');
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  get (fixture, "/shows/999999", &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
  g_assert_false (sf_tvmaze_error_is_offline (res.error));
  /* a 404 is an answer, not a failure to retry */
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/999999"), ==, 1);
}

typedef struct
{
  Fixture *fixture;
  GArray  *states;         /* gboolean: each value notified */
  gint64   backed_off_at;
  Result  *other;          /* started while the back-off holds */
} BackOffWatch;

static void
on_backing_off (SfRateLimiter *limiter,
                GParamSpec    *pspec,
                BackOffWatch  *watch)
{
  gboolean backing_off = sf_rate_limiter_get_backing_off (limiter);

  g_array_append_val (watch->states, backing_off);

  if (backing_off && watch->other != NULL)
    {
      watch->backed_off_at = g_get_monotonic_time ();
      start_get (watch->fixture, "/shows/2", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL, watch->other);
    }
}

static void
test_rate_limited_then_success (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_auto(Result) other = { 0 };
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (gboolean));
  BackOffWatch watch = { fixture, states, 0, &other };
  gulong handler;

  handler = g_signal_connect (fixture->limiter, "notify::backing-off",
                              G_CALLBACK (on_backing_off), &watch);
  sf_fake_server_set_retry_after (fixture->server, 1);
  sf_fake_server_fail_next (fixture->server, "/shows/1", SF_FAKE_FAILURE_RATE_LIMIT, 1);

  get (fixture, "/shows/1", &res);
  sf_test_wait_flag (&other.done, WAIT_LIMIT_MS, "the request started during the back-off");
  g_signal_handler_disconnect (fixture->limiter, handler);

  g_assert_no_error (res.error);
  g_assert_no_error (other.error);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/1"), ==, 2);

  /* Retry-After: 1 holds back the retry and every other request */
  g_test_message ("429 + Retry-After 1 s: retried after %" G_GINT64_FORMAT " ms",
                  result_elapsed_ms (&res));
  g_assert_cmpint (res.finished_at - res.started_at, >=, SECOND);
  g_assert_cmpint (other.finished_at - watch.backed_off_at, >=, 990 * MSEC);
  g_assert_cmpint (res.finished_at - res.started_at, <, 3 * SECOND);

  /* "busy" once, then clear after the success */
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_true (g_array_index (states, gboolean, 0));
  g_assert_false (g_array_index (states, gboolean, 1));
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
}

static void
test_rate_limited_bare (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  /* no Retry-After: the exponential back-off (10 ms, 20 ms here) */
  sf_fake_server_fail_next (fixture->server, "/shows/1", SF_FAKE_FAILURE_RATE_LIMIT_BARE, 2);
  get (fixture, "/shows/1", &res);

  g_assert_no_error (res.error);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/1"), ==, 3);
  g_assert_cmpint (res.finished_at - res.started_at, >=, 30 * MSEC);
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
}

static void
test_rate_limit_storm (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_tvmaze_client_set_max_retries (fixture->client, 3);
  sf_fake_server_fail_next (fixture->server, NULL, SF_FAKE_FAILURE_RATE_LIMIT_BARE, 100);

  get (fixture, "/shows/1", &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED);
  g_test_message ("%s", res.error->message);
  /* the first try and 3 retries */
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/1"), ==, 4);
  /* nothing retries any more, so the UI must not keep saying "retrying" */
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
}

static void
test_server_error_then_success (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_fake_server_fail_next (fixture->server, "/search/", SF_FAKE_FAILURE_SERVER_ERROR, 1);
  search_known (fixture, &res);

  g_assert_no_error (res.error);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/search/"), ==, 2);
  /* 10 ms */
  g_assert_cmpint (res.finished_at - res.started_at, >=, 10 * MSEC);
  /* a 5xx is no reason to hold back everyone */
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
}

static void
test_server_error_persistent (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_tvmaze_client_set_max_retries (fixture->client, 2);
  sf_fake_server_fail_next (fixture->server, NULL, SF_FAKE_FAILURE_UNAVAILABLE, 100);

  /* Background work gets every retry. */
  start_get (fixture, "/shows/1", SF_TVMAZE_PRIORITY_BACKGROUND, NULL, &res);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "/shows/1");
  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_HTTP);
  g_assert_nonnull (strstr (res.error->message, "503"));
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/1"), ==, 3);
}

/* A search someone waits for fails fast: one quiet retry, then the error (it spun 15-30 s
 * with four retries before). */
static void
test_server_error_interactive (Fixture       *fixture,
                               gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_tvmaze_client_set_max_retries (fixture->client, 4);
  sf_fake_server_fail_next (fixture->server, "/search/", SF_FAKE_FAILURE_SERVER_ERROR, 100);
  search_known (fixture, &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_HTTP);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/search/"), ==, 2);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_fake_server_fail_next (fixture->server, "/search/", SF_FAKE_FAILURE_TRUNCATED, 100);
  search_known (fixture, &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE);
}

static void
test_invalid_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_fake_server_fail_next (fixture->server, "/search/", SF_FAKE_FAILURE_INVALID_JSON, 1);
  search_known (fixture, &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/search/"), ==, 1);
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  /* JSON text must be UTF-8: the model rejects the body rather than guess */
  sf_fake_server_fail_next (fixture->server, "/search/", SF_FAKE_FAILURE_INVALID_UTF8, 1);
  search_known (fixture, &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  soup_session_set_timeout (fixture->session, 1);
  sf_fake_server_fail_next (fixture->server, "/shows/1", SF_FAKE_FAILURE_STALL, 1);
  get (fixture, "/shows/1", &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT);
  /* What every layer takes for "offline": answer from what is stored */
  g_assert_true (sf_tvmaze_error_is_offline (res.error));
  g_assert_false (sf_tvmaze_error_is_offline (NULL));
  g_test_message ("%s after %" G_GINT64_FORMAT " ms", res.error->message,
                  result_elapsed_ms (&res));
  g_assert_cmpint (result_elapsed_ms (&res), >=, 900);
  g_assert_cmpint (result_elapsed_ms (&res), <, 3000);
}

static void
test_dropped_connection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_fake_server_fail_next (fixture->server, "/shows/1", SF_FAKE_FAILURE_DROP, 2);
  get (fixture, "/shows/1", &res);

  g_assert_no_error (res.error);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/1"), >=, 3);
}

static void
test_dropped_connection_persistent (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  sf_tvmaze_client_set_max_retries (fixture->client, 2);
  sf_fake_server_fail_next (fixture->server, NULL, SF_FAKE_FAILURE_DROP, 100);
  get (fixture, "/shows/1", &res);

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK);
  g_assert_true (sf_tvmaze_error_is_offline (res.error));
  g_test_message ("%s", res.error->message);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  sf_fake_server_fail_next (fixture->server, "/shows/1", SF_FAKE_FAILURE_STALL, 1);
  start_get (fixture, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE, cancellable, &res);
  g_timeout_add (100, cancel_later, cancellable);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "cancelled request");

  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result_elapsed_ms (&res), <, 600);
}

static void
test_cancel_search (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  sf_fake_server_set_latency (fixture->server, 2000, 0);
  res.started_at = g_get_monotonic_time ();
  sf_tvmaze_client_search_shows_async (fixture->client, "show", cancellable,
                                       on_search_done, &res);
  g_timeout_add (50, cancel_later, cancellable);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "cancelled search");

  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result_elapsed_ms (&res), <, 600);
}

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  start_get (fixture, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE, cancellable, &res);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "request cancelled before it started");

  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, NULL), ==, 0);
}

static gpointer
cancel_thread (gpointer data)
{
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_queued (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) first = { 0 };
  g_auto(Result) queued = { 0 };
  g_auto(Result) queued2 = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancellable2 = g_cancellable_new ();
  g_autoptr(GThread) thread = NULL;

  /* one request per 10 s: the second waits in the queue for a long time */
  sf_rate_limiter_set_limits (fixture->limiter, 1, 10 * SECOND);
  start_get (fixture, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL, &first);
  start_get (fixture, "/shows/2", SF_TVMAZE_PRIORITY_INTERACTIVE, cancellable, &queued);
  start_get (fixture, "/shows/3", SF_TVMAZE_PRIORITY_BACKGROUND, cancellable2, &queued2);
  sf_test_wait_flag (&first.done, WAIT_LIMIT_MS, "first request");
  g_assert_no_error (first.error);

  g_cancellable_cancel (cancellable);
  sf_test_wait_flag (&queued.done, WAIT_LIMIT_MS, "queued request cancelled");
  g_assert_error (queued.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* from another thread too */
  queued2.started_at = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_thread, cancellable2);
  sf_test_wait_flag (&queued2.done, WAIT_LIMIT_MS, "queued request cancelled from a thread");
  g_assert_error (queued2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result_elapsed_ms (&queued2), <, 200);

  /* they never reached the server */
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/2"), ==, 0);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/3"), ==, 0);
  g_assert_cmpint (queued.finished_at - first.started_at, <, SECOND);
}

static void
test_cancel_waiting_retry (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* a 5xx makes the request wait 5 s before it retries; cancelling ends the wait */
  sf_tvmaze_client_set_retry_base_delay (fixture->client, 5 * SECOND);
  sf_fake_server_fail_next (fixture->server, "/shows/1", SF_FAKE_FAILURE_SERVER_ERROR, 1);
  start_get (fixture, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE, cancellable, &res);
  g_timeout_add (200, cancel_later, cancellable);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "request waiting to retry");

  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result_elapsed_ms (&res), <, 1000);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/1"), ==, 1);
}

static void
test_no_server (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfTvmazeClient) client = NULL;
  g_autofree char *url = NULL;
  g_auto(Result) res = { 0 };
  g_auto(Result) image = { 0 };
  g_autofree char *image_url = NULL;

  /* a port that was free a moment ago and has nobody listening on it */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = sf_tvmaze_client_new (fixture->session, url);
  res.started_at = g_get_monotonic_time ();
  sf_tvmaze_client_get_async (client, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL,
                              on_get_done, &res);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "request to a closed port");

  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK);
  g_test_message ("%s", res.error->message);
  g_assert_true (g_str_has_prefix (res.error->message, "Could not reach TVmaze"));
  /* no retry, no back-off */
  g_assert_cmpint (result_elapsed_ms (&res), <, 500);
  g_assert_false (sf_rate_limiter_get_backing_off (sf_tvmaze_client_get_rate_limiter (client)));

  image_url = g_strconcat (url, "/image.jpg", NULL);
  sf_tvmaze_client_get_image_async (client, image_url, 1024, NULL, on_image_done, &image);
  sf_test_wait_flag (&image.done, WAIT_LIMIT_MS, "image from a closed port");
  g_assert_error (image.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK);
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_auto(Result) search_res = { 0 };
  g_auto(Result) ok = { 0 };
  g_auto(Result) exact = { 0 };
  gsize size;

  get (fixture, "/shows/1", &ok);
  g_assert_no_error (ok.error);
  size = g_bytes_get_size (ok.bytes);

  /* one byte over */
  sf_tvmaze_client_set_max_body_size (fixture->client, size - 1);
  get (fixture, "/shows/1", &res);
  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE);

  /* exactly the cap is fine */
  sf_tvmaze_client_set_max_body_size (fixture->client, size);
  get (fixture, "/shows/1", &exact);
  g_assert_no_error (exact.error);
  g_assert_true (g_bytes_equal (exact.bytes, ok.bytes));

  /* a slow body is counted as it comes */
  sf_tvmaze_client_set_max_body_size (fixture->client, 64);
  sf_fake_server_fail_next (fixture->server, "/search/", SF_FAKE_FAILURE_SLOW_DRIP, 1);
  search_known (fixture, &search_res);
  g_assert_error (search_res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE);
}

static void
test_slow_drip (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_auto(Result) normal = { 0 };

  search_known (fixture, &normal);
  g_assert_no_error (normal.error);

  sf_fake_server_fail_next (fixture->server, "/search/", SF_FAKE_FAILURE_SLOW_DRIP, 1);
  search_known (fixture, &res);
  g_assert_no_error (res.error);
  g_assert_cmpuint (res.shows->len, ==, normal.shows->len);
}

static void
test_priorities (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Result) first = { 0 };
  g_auto(Result) background = { 0 };
  g_auto(Result) interactive = { 0 };
  g_auto(Result) background2 = { 0 };
  guint counter = 0;
  gint64 start = g_get_monotonic_time ();

  /* one request every 200 ms */
  sf_rate_limiter_set_limits (fixture->limiter, 1, 200 * MSEC);
  first.counter = background.counter = interactive.counter = background2.counter = &counter;

  start_get (fixture, "/shows/1", SF_TVMAZE_PRIORITY_BACKGROUND, NULL, &first);
  start_get (fixture, "/shows/2", SF_TVMAZE_PRIORITY_BACKGROUND, NULL, &background);
  start_get (fixture, "/shows/3", SF_TVMAZE_PRIORITY_BACKGROUND, NULL, &background2);
  start_get (fixture, "/shows/4", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL, &interactive);

  sf_test_wait_flag (&background2.done, WAIT_LIMIT_MS, "the last background request");
  g_assert_true (first.done && background.done && interactive.done);
  g_assert_no_error (first.error);
  g_assert_no_error (background.error);
  g_assert_no_error (background2.error);
  g_assert_no_error (interactive.error);

  /* the interactive request overtakes the queued background ones, which keep their order */
  g_assert_cmpuint (first.order, ==, 1);
  g_assert_cmpuint (interactive.order, ==, 2);
  g_assert_cmpuint (background.order, ==, 3);
  g_assert_cmpuint (background2.order, ==, 4);

  /* paced by the limiter: 0, 200, 400, 600 ms */
  g_test_message ("finished at %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                  ", %" G_GINT64_FORMAT " ms",
                  (first.finished_at - start) / MSEC, (interactive.finished_at - start) / MSEC,
                  (background.finished_at - start) / MSEC,
                  (background2.finished_at - start) / MSEC);
  g_assert_cmpint (interactive.finished_at - start, >=, 200 * MSEC);
  g_assert_cmpint (background.finished_at - start, >=, 400 * MSEC);
  g_assert_cmpint (background2.finished_at - start, >=, 600 * MSEC);
  g_assert_cmpint (background2.finished_at - start, <, 1500 * MSEC);
}

static void
test_rate_limit_window (Fixture       *fixture,
                        gconstpointer  data)
{
  Result results[25] = { { 0 } };
  char *paths[25] = { NULL };
  guint counter = 0;
  gint64 start = g_get_monotonic_time ();

  /* TVmaze's 20 per window, on a 300 ms window: 20 at once, then the rest one window later */
  sf_rate_limiter_set_limits (fixture->limiter, 20, 300 * MSEC);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      paths[i] = g_strdup_printf ("/shows/%u", i + 1);
      results[i].counter = &counter;
      start_get (fixture, paths[i], SF_TVMAZE_PRIORITY_BACKGROUND, NULL, &results[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      sf_test_wait_flag (&results[i].done, WAIT_LIMIT_MS, paths[i]);
      g_assert_true (results[i].error == NULL ||
                     g_error_matches (results[i].error, SF_TVMAZE_ERROR,
                                      SF_TVMAZE_ERROR_NOT_FOUND));
      if (i >= 20)
        g_assert_cmpint (results[i].finished_at - start, >=, 300 * MSEC);
    }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_free (paths[i]);
      paths[i] = NULL;
      result_clear (&results[i]);
    }
}

static void
test_dispose_in_flight (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_auto(Result) queued = { 0 };
  SfTvmazeClient *client = g_steal_pointer (&fixture->client);

  sf_fake_server_set_latency (fixture->server, 200, 0);
  sf_rate_limiter_set_limits (fixture->limiter, 1, 100 * MSEC);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);

  sf_tvmaze_client_get_async (client, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL,
                              on_get_done, &res);
  sf_tvmaze_client_get_async (client, "/shows/2", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL,
                              on_get_done, &queued);

  /* the owner lets go with requests in flight and queued: they still complete */
  g_object_unref (client);
  g_assert_nonnull (client);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "request of a released client");
  sf_test_wait_flag (&queued.done, WAIT_LIMIT_MS, "queued request of a released client");
  g_assert_no_error (res.error);
  g_assert_no_error (queued.error);

  while (client != NULL)
    sf_test_run_for (10);
}

static void
test_dispose_explicit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  g_auto(Result) queued = { 0 };

  sf_rate_limiter_set_limits (fixture->limiter, 1, 10 * SECOND);
  start_get (fixture, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL, &res);
  start_get (fixture, "/shows/2", SF_TVMAZE_PRIORITY_INTERACTIVE, NULL, &queued);

  /* an explicit dispose ends what is queued; what is in flight finishes */
  g_object_run_dispose (G_OBJECT (fixture->client));
  sf_test_wait_flag (&queued.done, WAIT_LIMIT_MS, "queued request of a disposed client");
  g_assert_error (queued.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "request in flight of a disposed client");
  g_assert_no_error (res.error);
}

static char *
first_image_url (Fixture *fixture)
{
  g_auto(Result) res = { 0 };
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, 1);

  search (fixture, name, &res);
  g_assert_no_error (res.error);

  for (guint i = 0; i < res.shows->len; i++)
    {
      const char *url = sf_show_get_image_medium (g_ptr_array_index (res.shows, i));

      if (url != NULL)
        return g_strdup (url);
    }

  g_assert_not_reached ();
}

static void
test_image (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *url = first_image_url (fixture);
  g_autofree char *missing = NULL;
  g_auto(Result) res = { 0 };
  g_auto(Result) small = { 0 };
  g_auto(Result) not_found = { 0 };
  g_auto(Result) invalid = { 0 };
  guint api_requests = sf_fake_server_get_request_count (fixture->server, "/search/");

  g_test_message ("image URL %s", url);

  /* images skip the rate limiter, even when it is saturated */
  sf_rate_limiter_set_limits (fixture->limiter, 1, 10 * SECOND);
  sf_tvmaze_client_get_image_async (fixture->client, url, 8 * 1024 * 1024, NULL,
                                    on_image_done, &res);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, url);
  g_assert_no_error (res.error);
  g_assert_cmpuint (g_bytes_get_size (res.bytes), >, 0);

  sf_tvmaze_client_get_image_async (fixture->client, url, 16, NULL, on_image_done, &small);
  sf_test_wait_flag (&small.done, WAIT_LIMIT_MS, url);
  g_assert_error (small.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE);

  missing = g_strconcat (sf_fake_server_get_url (fixture->server), "/no/such/image.jpg", NULL);
  sf_tvmaze_client_get_image_async (fixture->client, missing, 1024, NULL, on_image_done,
                                    &not_found);
  sf_test_wait_flag (&not_found.done, WAIT_LIMIT_MS, missing);
  g_assert_error (not_found.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);

  sf_tvmaze_client_get_image_async (fixture->client, "not a url", 1024, NULL, on_image_done,
                                    &invalid);
  sf_test_wait_flag (&invalid.done, WAIT_LIMIT_MS, "an invalid URL");
  g_assert_error (invalid.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_HTTP);

  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/search/"), ==,
                    api_requests);
}

static void
test_image_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = first_image_url (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Result) res = { 0 };

  sf_fake_server_set_latency (fixture->server, 0, 3000);
  res.started_at = g_get_monotonic_time ();
  sf_tvmaze_client_get_image_async (fixture->client, url, 8 * 1024 * 1024, cancellable,
                                    on_image_done, &res);
  g_timeout_add (50, cancel_later, cancellable);
  sf_test_wait_flag (&res.done, WAIT_LIMIT_MS, "cancelled image");

  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result_elapsed_ms (&res), <, 600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/series-finder/tvmaze-client/" name, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("results", test_results);
  ADD ("no-results", test_no_results);
  ADD ("odd-query", test_odd_query);
  ADD ("get", test_get);
  ADD ("not-found", test_not_found);
  ADD ("rate-limited-then-success", test_rate_limited_then_success);
  ADD ("rate-limited-bare", test_rate_limited_bare);
  ADD ("rate-limit-storm", test_rate_limit_storm);
  ADD ("server-error-then-success", test_server_error_then_success);
  ADD ("server-error-persistent", test_server_error_persistent);
  ADD ("server-error-interactive", test_server_error_interactive);
  ADD ("truncated", test_truncated);
  ADD ("invalid-json", test_invalid_json);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("timeout", test_timeout);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("dropped-connection-persistent", test_dropped_connection_persistent);
  ADD ("cancel-in-flight", test_cancel_in_flight);
  ADD ("cancel-search", test_cancel_search);
  ADD ("cancel-before", test_cancel_before);
  ADD ("cancel-queued", test_cancel_queued);
  ADD ("cancel-waiting-retry", test_cancel_waiting_retry);
  ADD ("no-server", test_no_server);
  ADD ("too-large", test_too_large);
  ADD ("slow-drip", test_slow_drip);
  ADD ("priorities", test_priorities);
  ADD ("rate-limit-window", test_rate_limit_window);
  ADD ("dispose-in-flight", test_dispose_in_flight);
  ADD ("dispose-explicit", test_dispose_explicit);
  ADD ("image", test_image);
  ADD ("image-cancel", test_image_cancel);

#undef ADD

  return g_test_run ();
}
