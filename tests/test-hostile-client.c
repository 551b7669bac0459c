/* test-hostile-client.c: the TVmaze client (and the program) against a server that misbehaves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-hostile-server.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-client.h"
#include "sf-tvmaze-error.h"

/* Short limits: a test never waits for the real ones. */
#define TEST_DEADLINE_USEC (1500 * G_TIME_SPAN_MILLISECOND)
#define DRIP_INTERVAL_MS   300
#define TEST_ABANDON_GRACE_USEC (1000 * G_TIME_SPAN_MILLISECOND)
/* A request that ended for its caller, left to libsoup, ends there too within this */
#define DRAIN_LIMIT_MS     10000

typedef struct
{
  SfHostileServer *server;
  SoupSession     *session;
  SfTvmazeClient  *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->server = sf_hostile_server_new ();
  /* libsoup's own per-read timeout is longer than any drip interval, as in the program */
  fixture->session = soup_session_new_with_options ("timeout", 30, NULL);
  fixture->client = sf_tvmaze_client_new (fixture->session,
                                          sf_hostile_server_get_url (fixture->server));
  sf_tvmaze_client_set_deadline (fixture->client, TEST_DEADLINE_USEC);
  sf_tvmaze_client_set_abandon_grace (fixture->client, TEST_ABANDON_GRACE_USEC);
  sf_tvmaze_client_set_retry_base_delay (fixture->client, 10 * G_TIME_SPAN_MILLISECOND);
}

static gboolean
client_is_drained (gconstpointer data)
{
  return sf_tvmaze_client_get_n_abandoned ((SfTvmazeClient *) data) == 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* Every request libsoup still has ends on its own first (late headers, or the grace), so
   * the abort only closes idle connections: it never cancels a request that waits for its
   * headers, which libsoup 3.6 would finish twice. */
  sf_test_wait_until (client_is_drained, fixture->client, DRAIN_LIMIT_MS,
                      "abandoned requests to end");
  g_clear_object (&fixture->client);
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  /* let the closed connections go */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&fixture->server, sf_hostile_server_free);
}

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static GError *
get_error (Fixture    *fixture,
           const char *path,
           gint64     *out_elapsed)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  sf_tvmaze_client_get_async (fixture->client, path, SF_TVMAZE_PRIORITY_INTERACTIVE, NULL,
                              on_result, &result);
  bytes = sf_tvmaze_client_get_finish (fixture->client, wait_result (&result), &error);
  g_assert_null (bytes);
  if (out_elapsed != NULL)
    *out_elapsed = g_get_monotonic_time () - start;

  return error;
}

static GBytes *
body_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_drip (Fixture       *fixture,
           gconstpointer  user_data)
{
  SfHostileMode mode = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  /* 200 bytes at 300 ms each: a minute if nothing stopped it */
  sf_hostile_server_add (fixture->server, "/search/shows", mode, 200, NULL,
                         body_of ("[                                                        "
                                  "                                                         "
                                  "                                                         "
                                  "                         ]"),
                         DRIP_INTERVAL_MS);

  error = get_error (fixture, "/search/shows?q=x", &elapsed);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "took too long"));
  g_assert_cmpint (elapsed, >=, TEST_DEADLINE_USEC);
  g_assert_cmpint (elapsed, <, TEST_DEADLINE_USEC + 2 * G_USEC_PER_SEC);
  /* a timeout is not retried: the server was asked once */
  g_assert_cmpuint (sf_hostile_server_count (fixture->server, "/search/shows"), ==, 1);

  /* A drip of headers: the caller had its error while libsoup still waited for them; that
   * attempt is left to libsoup (never cancelled mid-headers), and past the grace, with still
   * no headers, it is stopped. A drip of the body was ours to cancel: nothing is left. */
  if (mode == SF_HOSTILE_DRIP_HEADERS)
    {
      g_assert_cmpuint (sf_tvmaze_client_get_n_abandoned (fixture->client), ==, 1);
      sf_test_wait_until (client_is_drained, fixture->client, DRAIN_LIMIT_MS,
                          "the header drip to be stopped after the grace");
    }
  else
    {
      g_assert_cmpuint (sf_tvmaze_client_get_n_abandoned (fixture->client), ==, 0);
    }
}

static void
test_drip_image (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (sf_hostile_server_get_url (fixture->server),
                                      "/poster.jpg", NULL);
  gint64 start = g_get_monotonic_time ();

  sf_hostile_server_add (fixture->server, "/poster.jpg", SF_HOSTILE_DRIP_BODY, 200, NULL,
                         g_bytes_new_take (g_malloc0 (1000), 1000), DRIP_INTERVAL_MS);

  sf_tvmaze_client_get_image_async (fixture->client, url, 1024 * 1024, NULL, on_result, &result);
  bytes = sf_tvmaze_client_get_image_finish (fixture->client, wait_result (&result), &error);
  g_assert_null (bytes);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, TEST_DEADLINE_USEC + 2 * G_USEC_PER_SEC);
}

static void
test_deadline_then_cancel (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* cancelling a request in flight still reports a cancellation, not a timeout */
  sf_hostile_server_add (fixture->server, "/shows/1", SF_HOSTILE_DRIP_BODY, 200, NULL,
                         body_of ("{\"id\": 1, \"name\": \"x\"}"), DRIP_INTERVAL_MS);
  sf_tvmaze_client_get_async (fixture->client, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE,
                              cancellable, on_result, &result);
  g_timeout_add_once (400, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  bytes = sf_tvmaze_client_get_finish (fixture->client, wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Cancelled while libsoup waits for the headers (what leaving a page does): the caller has
 * its cancellation at once, and libsoup's attempt ends by itself when the headers come,
 * without being cancelled (the grace here is far longer than the test). */
static void
test_cancel_awaiting_headers (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at;

  sf_tvmaze_client_set_abandon_grace (fixture->client, 600 * G_USEC_PER_SEC);
  /* ~76 bytes of status line and headers at 30 ms each: about 2.3 s */
  sf_hostile_server_add (fixture->server, "/shows/1", SF_HOSTILE_DRIP_HEADERS, 200, NULL,
                         body_of ("{\"id\": 1, \"name\": \"x\"}"), 30);
  sf_tvmaze_client_get_async (fixture->client, "/shows/1", SF_TVMAZE_PRIORITY_INTERACTIVE,
                              cancellable, on_result, &result);
  sf_test_run_for (300);
  g_assert_null (result);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  bytes = sf_tvmaze_client_get_finish (fixture->client, wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* at once: no header, no drip interval awaited */
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 100 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (sf_tvmaze_client_get_n_abandoned (fixture->client), ==, 1);

  /* the headers come in the end: libsoup returns them to nobody, the body is closed unread */
  sf_test_wait_until (client_is_drained, fixture->client, DRAIN_LIMIT_MS,
                      "the attempt to end with its late headers");
  g_assert_cmpuint (sf_hostile_server_count (fixture->server, "/shows/1"), ==, 1);
}

/* The deadline passes while libsoup waits for headers that come just after: the caller has
 * its timeout, and the late answer (headers and a body) is dropped without being read. */
static void
test_deadline_then_late_answer (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  sf_tvmaze_client_set_deadline (fixture->client, 200 * G_TIME_SPAN_MILLISECOND);
  sf_tvmaze_client_set_abandon_grace (fixture->client, 600 * G_USEC_PER_SEC);
  /* ~76 bytes of status line and headers at 20 ms each: about 1.5 s */
  sf_hostile_server_add (fixture->server, "/shows/1", SF_HOSTILE_DRIP_HEADERS, 200, NULL,
                         body_of ("{\"id\": 1, \"name\": \"x\"}"), 20);

  error = get_error (fixture, "/shows/1", &elapsed);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT);
  g_assert_cmpint (elapsed, <, 200 * G_TIME_SPAN_MILLISECOND + G_USEC_PER_SEC);
  g_assert_cmpuint (sf_tvmaze_client_get_n_abandoned (fixture->client), ==, 1);

  /* the headers arrive in the end, with the server still there: libsoup returns them, and
   * the attempt ends then */
  sf_test_wait_until (client_is_drained, fixture->client, DRAIN_LIMIT_MS,
                      "the late answer to be dropped");
}

static void
test_body_caps (void)
{
  g_assert_cmpuint (sf_tvmaze_max_body_size_for_path ("/search/shows?q=girls"), ==,
                    SF_TVMAZE_MAX_SEARCH_BODY);
  g_assert_cmpuint (sf_tvmaze_max_body_size_for_path ("/singlesearch/shows?q=girls"), ==,
                    SF_TVMAZE_MAX_SEARCH_BODY);
  g_assert_cmpuint (sf_tvmaze_max_body_size_for_path ("/shows?page=3"), ==,
                    SF_TVMAZE_MAX_INDEX_PAGE_BODY);
  g_assert_cmpuint (sf_tvmaze_max_body_size_for_path ("/updates/shows"), ==,
                    SF_TVMAZE_MAX_UPDATES_BODY);
  g_assert_cmpuint (sf_tvmaze_max_body_size_for_path ("/shows/1?embed=cast"), ==,
                    SF_TVMAZE_MAX_SHOW_BODY);
  /* the real answers, with a margin: a search ~20 KB, a page ~0.6 MB, updates ~2 MB */
  g_assert_cmpuint (SF_TVMAZE_MAX_SEARCH_BODY, >=, 50 * 20 * 1024);
  g_assert_cmpuint (SF_TVMAZE_MAX_INDEX_PAGE_BODY, >=, 10 * 600 * 1024);
  g_assert_cmpuint (SF_TVMAZE_MAX_UPDATES_BODY, >=, 5 * 2 * 1024 * 1024);
}

/* `[` + @n spaces + `]`: valid JSON that compresses a thousandfold. */
static GBytes *
blank_array (gsize n)
{
  char *data = g_malloc (n + 2);

  data[0] = '[';
  memset (data + 1, ' ', n);
  data[n + 1] = ']';

  return g_bytes_new_take (data, n + 2);
}

static void
test_gzip_bomb (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* 60 MB that arrive as ~60 KB: refused once the decoded search passes its 1 MiB cap */
  sf_hostile_server_add (fixture->server, "/search/shows", SF_HOSTILE_GZIP, 200, NULL,
                         blank_array (60 * 1024 * 1024), 0);
  sf_tvmaze_client_set_deadline (fixture->client, 30 * G_USEC_PER_SEC);

  error = get_error (fixture, "/search/shows?q=x", NULL);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE);
}

static void
test_gzip_under_cap (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* a compressed answer under its cap still arrives whole */
  sf_hostile_server_add (fixture->server, "/shows?page=0", SF_HOSTILE_GZIP, 200, NULL,
                         blank_array (2 * 1024 * 1024), 0);
  sf_tvmaze_client_get_async (fixture->client, "/shows?page=0", SF_TVMAZE_PRIORITY_INTERACTIVE,
                              NULL, on_result, &result);
  bytes = sf_tvmaze_client_get_finish (fixture->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 2 * 1024 * 1024 + 2);
}

static void
on_retry_at (SfRateLimiter *limiter,
             GParamSpec    *pspec,
             guint         *n_notified)
{
  (*n_notified)++;
}

static void
test_retry_after_huge (Fixture       *fixture,
                       gconstpointer  user_data)
{
  SfRateLimiter *limiter = sf_tvmaze_client_get_rate_limiter (fixture->client);
  g_autoptr(GError) error = NULL;
  guint n_notified = 0;
  gint64 elapsed;

  sf_hostile_server_add (fixture->server, "/search/shows", SF_HOSTILE_BODY, 429,
                         "Retry-After: 3600\r\n", body_of ("{}"), 0);
  g_signal_connect (limiter, "notify::retry-at", G_CALLBACK (on_retry_at), &n_notified);

  /* an hour is past any budget: "busy" at once, not 4 silent waits of minutes */
  error = get_error (fixture, "/search/shows?q=x", &elapsed);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "3600 s"));
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (sf_hostile_server_count (fixture->server, "/search/shows"), ==, 1);

  /* the wait is visible, and capped */
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpint (sf_rate_limiter_get_seconds_left (limiter), >, 50);
  g_assert_cmpint (sf_rate_limiter_get_seconds_left (limiter), <=, 60);
  g_assert_cmpint (sf_rate_limiter_get_retry_at (limiter), >, 0);

  g_signal_handlers_disconnect_by_func (limiter, on_retry_at, &n_notified);
}

static void
test_retry_after_budget (Fixture       *fixture,
                         gconstpointer  user_data)
{
  SfRateLimiter *limiter = sf_tvmaze_client_get_rate_limiter (fixture->client);
  g_autoptr(GError) error = NULL;
  guint n_notified = 0;
  gint64 elapsed;

  /* 1 s waits within a 1.5 s budget: one wait, then the second 429 ends it */
  sf_tvmaze_client_set_max_retry_wait (fixture->client, 1500 * G_TIME_SPAN_MILLISECOND);
  sf_hostile_server_add (fixture->server, "/search/shows", SF_HOSTILE_BODY, 429,
                         "Retry-After: 1\r\n", body_of ("{}"), 0);
  g_signal_connect (limiter, "notify::retry-at", G_CALLBACK (on_retry_at), &n_notified);

  error = get_error (fixture, "/search/shows?q=x", &elapsed);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED);
  g_assert_cmpuint (sf_hostile_server_count (fixture->server, "/search/shows"), ==, 2);
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_notified, >=, 1);

  g_signal_handlers_disconnect_by_func (limiter, on_retry_at, &n_notified);
}

/* The whole program, as a person runs it, against the hostile server. */
static int
run_cli (SfHostileServer  *server,
         const char       *deadline_ms,
         char            **out_err,
         gint64           *out_elapsed,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("sf-hostile-XXXXXX", &error);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *out = NULL;
  g_autofree char *rm = NULL;
  const char *binary = g_getenv ("SERIES_FINDER_BINARY");
  const char *arg;
  gint64 start = g_get_monotonic_time ();
  va_list args;

  g_assert_no_error (error);
  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, out_elapsed);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "SERIES_FINDER_API_URL",
                                sf_hostile_server_get_url (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "SERIES_FINDER_REQUEST_DEADLINE_MS", deadline_ms, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "BROADWAY_DISPLAY");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, out_err, &error);
  g_assert_no_error (error);
  *out_elapsed = g_get_monotonic_time () - start;

  rm = g_strdup_printf ("rm -rf '%s'", home);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));

  /* a crash (the stack overflow of a deep nesting) is a signal, never an exit status */
  g_assert_false (g_subprocess_get_if_signaled (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_cli_search_drip (void)
{
  g_autoptr(SfHostileServer) server = sf_hostile_server_new ();
  g_autofree char *err = NULL;
  gint64 elapsed;
  int status;

  sf_hostile_server_add (server, "/search/shows", SF_HOSTILE_DRIP_HEADERS, 200, NULL,
                         body_of ("[]"), DRIP_INTERVAL_MS);

  status = run_cli (server, "1500", &err, &elapsed, "--search=girls", NULL);
  g_test_message ("status %d, %.1f s, stderr: %s", status, elapsed / 1e6, err);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "too long"));
  g_assert_cmpint (elapsed, <, 15 * G_USEC_PER_SEC);
}

static void
test_cli_sync_deep_updates (void)
{
  g_autoptr(SfHostileServer) server = sf_hostile_server_new ();
  g_autofree char *err = NULL;
  g_autofree char *deep = g_malloc (1000000);
  gint64 elapsed;
  int status;

  /* a million '[': json-glib parses recursively, so this overflows any thread's stack */
  memset (deep, '[', 1000000);
  sf_hostile_server_add (server, "/updates/shows", SF_HOSTILE_BODY, 200, NULL,
                         g_bytes_new_take (g_steal_pointer (&deep), 1000000), 0);
  sf_hostile_server_add (server, "/shows?page=0", SF_HOSTILE_BODY, 200, NULL,
                         body_of ("[{\"id\": 1, \"name\": \"One\"}]"), 0);

  status = run_cli (server, "10000", &err, &elapsed, "--sync", NULL);
  g_test_message ("status %d, %.1f s, stderr: %s", status, elapsed / 1e6, err);
  g_assert_cmpint (status, <=, 1);
  g_assert_cmpuint (sf_hostile_server_count (server, "/updates/shows"), >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/series-finder/hostile-client/" name, Fixture, data, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("deadline/body-drip", test_drip, GINT_TO_POINTER (SF_HOSTILE_DRIP_BODY));
  ADD ("deadline/header-drip", test_drip, GINT_TO_POINTER (SF_HOSTILE_DRIP_HEADERS));
  ADD ("deadline/image-drip", test_drip_image, NULL);
  ADD ("deadline/cancel-in-flight", test_deadline_then_cancel, NULL);
  ADD ("deadline/cancel-awaiting-headers", test_cancel_awaiting_headers, NULL);
  ADD ("deadline/late-answer", test_deadline_then_late_answer, NULL);
  g_test_add_func ("/series-finder/hostile-client/body-caps", test_body_caps);
  ADD ("gzip-bomb", test_gzip_bomb, NULL);
  ADD ("gzip-under-cap", test_gzip_under_cap, NULL);
  ADD ("retry-after/huge", test_retry_after_huge, NULL);
  ADD ("retry-after/budget", test_retry_after_budget, NULL);
  g_test_add_func ("/series-finder/hostile-client/cli/search-drip", test_cli_search_drip);
  g_test_add_func ("/series-finder/hostile-client/cli/sync-deep-updates",
                   test_cli_sync_deep_updates);

  return g_test_run ();
}
