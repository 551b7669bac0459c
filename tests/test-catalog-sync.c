/* The catalog sync against the fake TVmaze: 429 bursts, broken pages, gaps, stalls, a process
 * killed mid-sync, stop and resume, refresh. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "sf-catalog-plan.h"
#include "sf-catalog-sync.h"
#include "sf-fake-server.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-error.h"

#define TIMEOUT_MS 90000
#define N_SHOWS 3000
#define N_PAGES (N_SHOWS / SF_CATALOG_PAGE_SIZE + 1)
#define SEED 11

static SfFakeServer *server;
static char *tmpdir;
static char *self_path;

/* A fixture: a client, a catalog and a sync */

typedef struct
{
  SoupSession    *session;
  SfTvmazeClient *client;
  SfCatalog      *catalog;
  SfCatalogSync  *sync;
  char           *path;
  guint           n_stored_signals;
  guint           n_stored_shows;
  GHashTable     *streamed;     /* ids of streamed matches of @criteria */
  SfCriteria     *criteria;
} Fixture;

static SfTvmazeClient *
make_client (SoupSession *session,
             const char  *url)
{
  SfTvmazeClient *client = sf_tvmaze_client_new (session, url);
  SfRateLimiter *limiter = sf_tvmaze_client_get_rate_limiter (client);

  /* TVmaze's limit would make every test last minutes: short windows and back-offs. */
  sf_rate_limiter_set_limits (limiter, 1000, G_USEC_PER_SEC);
  sf_rate_limiter_set_back_off_base (limiter, 10 * 1000);
  sf_tvmaze_client_set_retry_base_delay (client, 10 * 1000);
  return client;
}

static SfCatalog *
open_catalog (const char *path)
{
  g_autoptr(SfCatalog) catalog = sf_catalog_new (path, SF_CATALOG_FLAGS_NONE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_open_async (catalog, NULL, sf_test_result_cb, &result);
  sf_catalog_open_finish (catalog, sf_test_wait_for_result (&result, TIMEOUT_MS, "open"), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&catalog);
}

static void
close_catalog (SfCatalog *catalog)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_close_async (catalog, NULL, sf_test_result_cb, &result);
  sf_catalog_close_finish (catalog, sf_test_wait_for_result (&result, TIMEOUT_MS, "close"), &error);
  g_assert_no_error (error);
}

static void
shows_stored_cb (SfCatalogSync *sync,
                 GPtrArray     *shows,
                 Fixture       *fixture)
{
  fixture->n_stored_signals++;
  fixture->n_stored_shows += shows->len;

  /* what the results view does while the sync runs */
  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);

      if (sf_criteria_matches (fixture->criteria, show))
        g_hash_table_add (fixture->streamed, g_memdup2 (&(gint64) { sf_show_get_id (show) },
                                                        sizeof (gint64)));
    }
}

static void
fixture_open_catalog (Fixture *fixture)
{
  fixture->catalog = open_catalog (fixture->path);
  fixture->sync = sf_catalog_sync_new (fixture->catalog, fixture->client);
  sf_catalog_sync_set_retry_delay (fixture->sync, 50);
  g_signal_connect (fixture->sync, "shows-stored", G_CALLBACK (shows_stored_cb), fixture);
}

static void
fixture_open (Fixture    *fixture,
              const char *name,
              const char *url,
              guint       timeout_s)
{
  fixture->path = g_build_filename (tmpdir, name, NULL);
  fixture->session = soup_session_new_with_options ("timeout", timeout_s, NULL);
  fixture->client = make_client (fixture->session, url);
  fixture->streamed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  fixture->criteria = sf_criteria_new ();
  sf_criteria_add_value (fixture->criteria, SF_CRITERION_GENRES_ALL, "Drama");
  fixture_open_catalog (fixture);
}

static void
fixture_close_catalog (Fixture *fixture)
{
  SfCatalog *catalog = g_steal_pointer (&fixture->catalog);

  g_signal_handlers_disconnect_by_func (fixture->sync, shows_stored_cb, fixture);
  g_assert_finalize_object (g_steal_pointer (&fixture->sync));
  close_catalog (catalog);
  g_assert_finalize_object (catalog);
}

static void
fixture_close (Fixture *fixture)
{
  fixture_close_catalog (fixture);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->streamed, g_hash_table_unref);
  g_clear_pointer (&fixture->criteria, sf_criteria_unref);
  g_clear_pointer (&fixture->path, g_free);
}

static gboolean
run_sync (Fixture           *fixture,
          SfCatalogSyncMode  mode,
          GCancellable      *cancellable,
          GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_catalog_sync_run_async (fixture->sync, mode, cancellable, sf_test_result_cb, &result);
  return sf_catalog_sync_run_finish (fixture->sync,
                                     sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                              "a sync"), error);
}

static GPtrArray *
query_all (SfCatalog *catalog,
           SfSort     sort)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *shows;

  sf_criteria_set_sort (criteria, sort);
  sf_catalog_query_async (catalog, criteria, 0, 0, NULL, sf_test_result_cb, &result);
  shows = sf_catalog_query_finish (catalog,
                                   sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                            "a query"), &error);
  g_assert_no_error (error);
  return shows;
}

static guint
n_existing (gint64 first,
            gint64 last)
{
  guint n = 0;

  for (gint64 id = first; id <= last; id++)
    {
      g_autofree char *name = sf_fake_server_dup_show_name (server, id);

      n += name != NULL;
    }
  return n;
}

/* The catalog holds exactly the fake's shows, once each, under their names; @skip_page's
 * shows excepted (-1: none). */
static void
assert_catalog_matches_server (SfCatalog *catalog,
                               int        skip_page)
{
  g_autoptr(GPtrArray) shows = query_all (catalog, SF_SORT_POPULARITY);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint expected = n_existing (1, N_SHOWS);
  SfCatalogState state;

  if (skip_page >= 0)
    expected -= n_existing (skip_page * SF_CATALOG_PAGE_SIZE,
                            skip_page * SF_CATALOG_PAGE_SIZE + SF_CATALOG_PAGE_SIZE - 1);

  g_assert_cmpuint (shows->len, ==, expected);
  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      gint64 *id = g_new (gint64, 1);
      g_autofree char *name = NULL;

      *id = sf_show_get_id (show);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
      g_assert_cmpint (*id / SF_CATALOG_PAGE_SIZE, !=, skip_page);
      name = sf_fake_server_dup_show_name (server, *id);
      g_assert_cmpstr (sf_show_get_name (show), ==, name);
    }
  g_hash_table_foreach (seen, (GHFunc) (void (*) (void)) g_free, NULL);

  sf_catalog_get_state (catalog, &state);
  g_assert_cmpuint (state.n_shows, ==, expected);
}

/* The whole index in one go; then nothing to do; then a refresh with nothing changed. */
static void
test_full (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drama = NULL;
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GAsyncResult) result = NULL;
  SfCatalogState state;
  guint pages_before, updates_before;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fixture_open (&fixture, "full.db", sf_fake_server_get_url (server), 30);
  pages_before = sf_fake_server_get_request_count (server, "/shows?page=");
  updates_before = sf_fake_server_get_request_count (server, "/updates/shows");

  sf_catalog_sync_run_async (fixture.sync, SF_CATALOG_SYNC_AUTO, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_catalog_sync_get_running (fixture.sync));
  g_assert_true (sf_catalog_sync_run_finish (fixture.sync,
                                             sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                      "a sync"),
                                             &error));
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_false (sf_catalog_sync_get_running (fixture.sync));

  /* every page once, plus the one past the end */
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows?page=") - pages_before,
                    ==, N_PAGES + 1);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/updates/shows") - updates_before,
                    ==, 1);

  assert_catalog_matches_server (fixture.catalog, -1);
  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_true (state.complete);
  g_assert_cmpuint (state.n_pages, ==, N_PAGES);
  g_assert_cmpint (state.last_sync, >=, now);

  g_assert_cmpuint (sf_catalog_sync_get_shows_scanned (fixture.sync), ==, state.n_shows);
  g_assert_cmpuint (sf_catalog_sync_get_shows_estimated (fixture.sync), ==, state.n_shows);
  g_assert_cmpuint (sf_catalog_sync_get_pages_done (fixture.sync), ==, N_PAGES);
  g_assert_cmpuint (sf_catalog_sync_get_pages_estimated (fixture.sync), ==, N_PAGES);
  g_assert_cmpfloat (sf_catalog_sync_get_fraction (fixture.sync), ==, 1.0);
  g_assert_cmpuint (fixture.n_stored_shows, ==, state.n_shows);
  g_assert_cmpuint (fixture.n_stored_signals, ==, N_PAGES);

  /* the matches streamed during the sync are the matches of the finished catalog */
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_catalog_query_async (fixture.catalog, criteria, 0, 0, NULL, sf_test_result_cb, &result);
  drama = sf_catalog_query_finish (fixture.catalog,
                                   sf_test_wait_for_result (&result, TIMEOUT_MS, "query"), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (drama->len, >, 0);
  g_assert_cmpuint (g_hash_table_size (fixture.streamed), ==, drama->len);
  for (guint i = 0; i < drama->len; i++)
    {
      gint64 id = sf_show_get_id (g_ptr_array_index (drama, i));

      g_assert_true (g_hash_table_contains (fixture.streamed, &id));
    }

  /* complete and fresh: no request at all */
  pages_before = sf_fake_server_get_request_count (server, NULL);
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, NULL), ==, pages_before);

  /* a refresh with nothing changed: the list of updates and a look past the end */
  pages_before = sf_fake_server_get_request_count (server, "/shows");
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_REFRESH, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sf_catalog_sync_get_fraction (fixture.sync) == 1.0);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows") - pages_before, ==, 1);
  assert_catalog_matches_server (fixture.catalog, -1);

  fixture_close (&fixture);
}

/* Bursts of 429 (more than the client retries), a truncated page, broken JSON and UTF-8. */
static void
test_failures (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  SfCatalogState state;
  guint updates_before;

  fixture_open (&fixture, "failures.db", sf_fake_server_get_url (server), 30);

  sf_fake_server_fail_next (server, "/shows?page=", SF_FAKE_FAILURE_RATE_LIMIT_BARE, 12);
  sf_fake_server_fail_next (server, "/shows?page=3", SF_FAKE_FAILURE_TRUNCATED, 1);
  sf_fake_server_fail_next (server, "/shows?page=4", SF_FAKE_FAILURE_INVALID_UTF8, 1);
  sf_fake_server_fail_next (server, "/shows?page=7", SF_FAKE_FAILURE_INVALID_JSON, 1);
  sf_fake_server_fail_next (server, "/shows?page=8", SF_FAKE_FAILURE_SERVER_ERROR, 6);
  sf_fake_server_fail_next (server, "/shows?page=9", SF_FAKE_FAILURE_DROP, 2);
  /* more failures than the client retries: the sync asks again a little later */
  sf_fake_server_fail_next (server, "/updates/shows", SF_FAKE_FAILURE_RATE_LIMIT_BARE, 2);
  sf_fake_server_fail_next (server, "/updates/shows", SF_FAKE_FAILURE_SERVER_ERROR, 6);

  updates_before = sf_fake_server_get_request_count (server, "/updates/shows");
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  sf_fake_server_clear_failures (server);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/updates/shows") - updates_before,
                    >, 5);

  assert_catalog_matches_server (fixture.catalog, -1);
  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_true (state.complete);

  fixture_close (&fixture);
}

/* A proxy in front of the fake that answers 404 for chosen index pages: a gap mid-index. */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *upstream;
  char         *url;
  GMutex        lock;
  GCond         cond;
  GHashTable   *gaps;     /* page numbers as strings; under lock */
} GapProxy;

static void
proxy_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  GapProxy *proxy = user_data;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) upstream = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  const char *query_text = g_uri_get_query (soup_server_message_get_uri (msg));
  gboolean gap;

  g_mutex_lock (&proxy->lock);
  gap = g_str_equal (path, "/shows") && page != NULL && g_hash_table_contains (proxy->gaps, page);
  g_mutex_unlock (&proxy->lock);

  /* no idle connection outlives the proxy */
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Connection",
                               "close");

  if (gap)
    {
      static const char not_found[] =
        "{\"name\":\"Not Found\",\"message\":\"\",\"code\":0,\"status\":404}";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        not_found, sizeof not_found - 1);
      return;
    }

  /* One request at a time on this thread is plenty for a test. */
  uri = g_strconcat (proxy->upstream, path, query_text != NULL ? "?" : "",
                     query_text != NULL ? query_text : "", NULL);
  session = soup_session_new ();
  upstream = soup_message_new (SOUP_METHOD_GET, uri);
  body = soup_session_send_and_read (session, upstream, NULL, &error);
  if (body == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
      return;
    }

  soup_server_message_set_status (msg, soup_message_get_status (upstream), NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gpointer
proxy_main (gpointer data)
{
  GapProxy *proxy = data;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (proxy->context);

  soup_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup_server, NULL, proxy_handler, proxy, NULL);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (soup_server);
  g_mutex_lock (&proxy->lock);
  proxy->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  if (g_str_has_suffix (proxy->url, "/"))
    proxy->url[strlen (proxy->url) - 1] = '\0';
  g_cond_signal (&proxy->cond);
  g_mutex_unlock (&proxy->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (proxy->loop);

  soup_server_disconnect (soup_server);
  g_clear_object (&soup_server);
  while (g_main_context_iteration (proxy->context, FALSE))
    ;
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

static GapProxy *
gap_proxy_new (const char *upstream)
{
  GapProxy *proxy = g_new0 (GapProxy, 1);

  proxy->upstream = g_strdup (upstream);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->gaps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->cond);

  g_mutex_lock (&proxy->lock);
  proxy->thread = g_thread_new ("gap-proxy", proxy_main, proxy);
  while (proxy->url == NULL)
    g_cond_wait (&proxy->cond, &proxy->lock);
  g_mutex_unlock (&proxy->lock);

  return proxy;
}

static void
gap_proxy_set_gap (GapProxy *proxy,
                   int       page,
                   gboolean  gap)
{
  g_autofree char *key = g_strdup_printf ("%d", page);

  g_mutex_lock (&proxy->lock);
  if (gap)
    g_hash_table_add (proxy->gaps, g_steal_pointer (&key));
  else
    g_hash_table_remove (proxy->gaps, key);
  g_mutex_unlock (&proxy->lock);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
gap_proxy_free (GapProxy *proxy)
{
  g_main_context_invoke (proxy->context, quit_cb, proxy->loop);
  g_thread_join (proxy->thread);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_hash_table_unref (proxy->gaps);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->cond);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_free (proxy);
}

static void
test_gap (void)
{
  GapProxy *proxy = gap_proxy_new (sf_fake_server_get_url (server));
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  SfCatalogState state;
  guint before;

  /* page 6 answers 404 though ids above it exist: not the end */
  gap_proxy_set_gap (proxy, 6, TRUE);
  fixture_open (&fixture, "gap.db", proxy->url, 30);
  before = sf_fake_server_get_request_count (server, "/shows?page=");

  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  assert_catalog_matches_server (fixture.catalog, 6);
  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_true (state.complete);
  g_assert_cmpuint (state.n_pages, ==, N_PAGES - 1);
  g_assert_cmpint (state.last_page, ==, N_PAGES - 1);
  /* the pages after the gap were fetched, and the one past the end */
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows?page=") - before,
                    ==, N_PAGES);

  /* the gap is tried again by the next refresh, and filled once the page is back */
  gap_proxy_set_gap (proxy, 6, FALSE);
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_REFRESH, NULL, &error));
  g_assert_no_error (error);
  assert_catalog_matches_server (fixture.catalog, -1);

  fixture_close (&fixture);

  /* the page holding the highest id answers 404 (the index lags /updates/shows): a gap too,
   * the end is still found past it */
  gap_proxy_set_gap (proxy, N_PAGES - 1, TRUE);
  fixture_open (&fixture, "gap-last.db", proxy->url, 30);
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  assert_catalog_matches_server (fixture.catalog, N_PAGES - 1);
  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_true (state.complete);
  g_assert_cmpuint (state.n_pages, ==, N_PAGES - 1);
  g_assert_cmpint (state.last_page, ==, N_PAGES - 2);

  fixture_close (&fixture);
  gap_proxy_free (proxy);
}

/* A server that stops answering: the session's timeout, then the page again later. */
static void
test_stall (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  SfCatalogState state;

  fixture_open (&fixture, "stall.db", sf_fake_server_get_url (server), 1);
  sf_fake_server_fail_next (server, "/shows?page=2", SF_FAKE_FAILURE_STALL, 2);
  sf_fake_server_fail_next (server, "/shows?page=5", SF_FAKE_FAILURE_SLOW_DRIP, 1);

  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  sf_fake_server_clear_failures (server);
  assert_catalog_matches_server (fixture.catalog, -1);
  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_true (state.complete);

  fixture_close (&fixture);
}

/* Nothing answers at all: the sync ends with an error, in bounded time. */
static void
test_unreachable (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  SfCatalogState state;

  fixture_open (&fixture, "unreachable.db", sf_fake_server_get_url (server), 1);
  sf_fake_server_fail_next (server, NULL, SF_FAKE_FAILURE_STALL, 1000);

  g_assert_false (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_error (error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_NO_NETWORK);
  sf_fake_server_clear_failures (server);

  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_false (state.complete);
  g_assert_cmpuint (state.n_shows, ==, 0);

  /* some pages fail for good: an error that keeps what was stored */
  g_clear_error (&error);
  sf_fake_server_fail_next (server, "/shows?page=4", SF_FAKE_FAILURE_SERVER_ERROR, 1000);
  g_assert_false (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_error (error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_INCOMPLETE);
  sf_fake_server_clear_failures (server);
  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_false (state.complete);
  g_assert_cmpuint (state.n_pages, ==, N_PAGES - 1);

  /* and the next run completes it */
  g_clear_error (&error);
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  assert_catalog_matches_server (fixture.catalog, -1);

  fixture_close (&fixture);
}

/* Stop keeps what is stored; the next run resumes. */
static void
stop_after_pages_cb (SfCatalogSync *sync,
                     GPtrArray     *shows,
                     GCancellable  *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_stop (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SfCatalogState state;
  gulong id;
  guint before;

  sf_fake_server_set_latency (server, 30, 0);
  fixture_open (&fixture, "stop.db", sf_fake_server_get_url (server), 30);
  sf_catalog_sync_set_max_in_flight (fixture.sync, 2);

  id = g_signal_connect (fixture.sync, "shows-stored", G_CALLBACK (stop_after_pages_cb),
                         cancellable);
  g_assert_false (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_signal_handler_disconnect (fixture.sync, id);
  g_assert_false (sf_catalog_sync_get_running (fixture.sync));

  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_false (state.complete);
  g_assert_cmpuint (state.n_pages, >=, 1);
  g_assert_cmpuint (state.n_pages, <, N_PAGES);

  /* resumed: only the missing pages (and the one past the end) */
  g_clear_error (&error);
  before = sf_fake_server_get_request_count (server, "/shows?page=");
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows?page=") - before,
                    ==, N_PAGES - state.n_pages + 1);
  assert_catalog_matches_server (fixture.catalog, -1);
  sf_fake_server_set_latency (server, 0, 0);

  fixture_close (&fixture);
}

/* Killed for real: a child process syncs, and SIGKILL hits it after a few pages. */

static void
child_stored_cb (SfCatalogSync *sync,
                 GPtrArray     *shows,
                 gpointer       user_data)
{
  fputs ("stored\n", stdout);
}

static int
run_child (const char *url,
           const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SfTvmazeClient) client = make_client (session, url);
  g_autoptr(SfCatalog) catalog = open_catalog (path);
  g_autoptr(SfCatalogSync) sync = sf_catalog_sync_new (catalog, client);
  g_autoptr(GAsyncResult) result = NULL;

  setvbuf (stdout, NULL, _IONBF, 0);
  sf_catalog_sync_set_max_in_flight (sync, 2);
  g_signal_connect (sync, "shows-stored", G_CALLBACK (child_stored_cb), NULL);
  sf_catalog_sync_run_async (sync, SF_CATALOG_SYNC_AUTO, NULL, sf_test_result_cb, &result);
  sf_test_wait_for_result (&result, TIMEOUT_MS, "the child's sync");
  printf ("done\n");
  return 0;
}

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                     NULL, &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("EOF");
}

static void
test_killed (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "killed.db", NULL);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  g_autoptr(GPtrArray) resumed = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  Fixture fixture = { 0, };
  Fixture clean = { 0, };
  SfCatalogState state;
  guint n_stored = 0;
  guint before;

  /* slow enough that the kill lands in the middle */
  sf_fake_server_set_latency (server, 50, 0);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--sync-child",
                            sf_fake_server_get_url (server), path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  while (n_stored < 4)
    {
      g_autofree char *line = NULL;

      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_cb, &line);
      sf_test_wait_pointer ((gpointer *) &line, TIMEOUT_MS, "a line from the child");
      g_assert_cmpstr (line, ==, "stored");
      n_stored++;
    }

  g_subprocess_force_exit (child);
  g_subprocess_wait_async (child, NULL, sf_test_result_cb, &waited);
  g_subprocess_wait_finish (child,
                            sf_test_wait_for_result (&waited, TIMEOUT_MS,
                                                     "the child to die"), &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  sf_fake_server_set_latency (server, 0, 0);

  /* what the dead process left: committed pages only, never half a page */
  fixture_open (&fixture, "killed.db", sf_fake_server_get_url (server), 30);
  sf_catalog_get_state (fixture.catalog, &state);
  g_test_message ("killed after %u pages were stored", state.n_pages);
  g_assert_false (state.complete);
  g_assert_cmpuint (state.n_pages, >=, 4);
  g_assert_cmpuint (state.n_pages, <, N_PAGES);
  {
    g_autoptr(GPtrArray) shows = query_all (fixture.catalog, SF_SORT_POPULARITY);
    guint per_page[N_PAGES] = { 0, };
    guint n_pages = 0;

    g_assert_cmpuint (shows->len, ==, state.n_shows);
    for (guint i = 0; i < shows->len; i++)
      per_page[sf_show_get_id (g_ptr_array_index (shows, i)) / SF_CATALOG_PAGE_SIZE]++;

    /* every page there whole, or not at all */
    for (guint page = 0; page < N_PAGES; page++)
      {
        if (per_page[page] == 0)
          continue;
        n_pages++;
        g_assert_cmpuint (per_page[page], ==,
                          n_existing (page * SF_CATALOG_PAGE_SIZE,
                                      page * SF_CATALOG_PAGE_SIZE + SF_CATALOG_PAGE_SIZE - 1));
      }
    g_assert_cmpuint (n_pages, ==, state.n_pages);
  }

  before = sf_fake_server_get_request_count (server, "/shows?page=");
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  /* the missing pages only, and the one past the end */
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows?page=") - before,
                    ==, N_PAGES - state.n_pages + 1);
  assert_catalog_matches_server (fixture.catalog, -1);

  /* the same catalog as a sync that was never interrupted */
  fixture_open (&clean, "uninterrupted.db", sf_fake_server_get_url (server), 30);
  g_assert_true (run_sync (&clean, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  for (SfSort sort = SF_SORT_RELEVANCE; sort <= SF_SORT_NAME; sort++)
    {
      g_clear_pointer (&resumed, g_ptr_array_unref);
      g_clear_pointer (&reference, g_ptr_array_unref);
      resumed = query_all (fixture.catalog, sort);
      reference = query_all (clean.catalog, sort);
      g_assert_cmpuint (resumed->len, ==, reference->len);
      for (guint i = 0; i < resumed->len; i++)
        {
          SfShow *a = g_ptr_array_index (resumed, i);
          SfShow *b = g_ptr_array_index (reference, i);

          g_assert_cmpint (sf_show_get_id (a), ==, sf_show_get_id (b));
          g_assert_cmpstr (sf_show_get_summary_html (a), ==, sf_show_get_summary_html (b));
        }
    }

  fixture_close (&clean);
  fixture_close (&fixture);
}

/* Refresh: changed shows one by one, a page with many changes whole, deleted shows gone. */
static void
test_refresh (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 phantom = 0;
  guint pages_before, shows_before;
  SfCatalogState state;
  int n_stale = -1;

  fixture_open (&fixture, "refresh.db", sf_fake_server_get_url (server), 30);
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  fixture_close_catalog (&fixture);

  /* a gap id of the fake, to stand for a show TVmaze deleted */
  for (gint64 id = 300; phantom == 0; id++)
    {
      g_autofree char *name = sf_fake_server_dup_show_name (server, id);

      if (name == NULL)
        phantom = id;
    }

  /* Behind the catalog's back: 3 shows of page 1 and 20 of page 2 look outdated, a phantom
   * show is there, and the last sync was two days ago. */
  g_assert_cmpint (sqlite3_open (fixture.path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf (
    "UPDATE shows SET updated = 0 WHERE id IN (SELECT id FROM shows WHERE id BETWEEN 250 AND 499"
    " ORDER BY id LIMIT 3);"
    "UPDATE shows SET updated = 0 WHERE id IN (SELECT id FROM shows WHERE id BETWEEN 500 AND 749"
    " ORDER BY id LIMIT 20);"
    "INSERT INTO shows (id, name, name_key, updated) VALUES (%" G_GINT64_FORMAT
    ", 'Phantom', 'phantom', 0);"
    "INSERT INTO show_json (id, json) VALUES (%" G_GINT64_FORMAT
    ", '{\"id\": %" G_GINT64_FORMAT ", \"name\": \"Phantom\"}');"
    "UPDATE sync_state SET value = strftime('%%s', 'now') - 2 * 86400 WHERE key = 'last_sync';",
    phantom, phantom, phantom);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture_open_catalog (&fixture);

  pages_before = sf_fake_server_get_request_count (server, "/shows?page=");
  shows_before = sf_fake_server_get_request_count (server, "/shows/");
  fixture.n_stored_shows = 0;
  g_assert_true (run_sync (&fixture, SF_CATALOG_SYNC_AUTO, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sf_catalog_sync_get_fraction (fixture.sync) == 1.0);

  /* page 2 whole (plus the look past the end), the 3 shows of page 1 one by one */
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows?page=") - pages_before,
                    ==, 2);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows/") - shows_before, ==, 3);
  g_assert_cmpuint (fixture.n_stored_shows, ==, 3 + n_existing (500, 749));
  assert_catalog_matches_server (fixture.catalog, -1);
  sf_catalog_get_state (fixture.catalog, &state);
  g_assert_cmpint (state.last_sync, >=, g_get_real_time () / G_USEC_PER_SEC - 60);
  fixture_close_catalog (&fixture);

  g_assert_cmpint (sqlite3_open (fixture.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM shows WHERE updated = 0", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n_stale = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (n_stale, ==, 0);

  fixture_open_catalog (&fixture);
  fixture_close (&fixture);
}

/* Issue 11, case 2: one absurd id in /updates/shows planned millions of pages in an int. The
 * plan stays bounded, whatever the map says, and its page count stays honest. */
static SfCatalogPlan *
plan_for (const char *updates_json)
{
  SfCatalogSyncInfo info = { 0, };
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (SfCatalogPageInfo));
  g_autoptr(GArray) stamps = g_array_new (FALSE, FALSE, sizeof (SfCatalogShowStamp));
  g_autoptr(GBytes) bytes = g_bytes_new (updates_json, strlen (updates_json));

  info.pages = pages;
  info.stamps = stamps;
  return sf_catalog_plan_new (&info, bytes);
}

static void
test_plan_absurd_id (void)
{
  g_autoptr(GString) map = g_string_new ("{");
  g_autoptr(SfCatalogPlan) plan = NULL;
  const char *absurd[] = { "2147483647999", "9223372036854775807", "600000", "30000" };

  /* 3000 dense ids, then one absurd id each time */
  for (guint i = 1; i <= N_SHOWS; i++)
    g_string_append_printf (map, "%s\"%u\": 1700000000", i > 1 ? ", " : "", i);

  for (guint k = 0; k < G_N_ELEMENTS (absurd); k++)
    {
      g_autofree char *json = g_strdup_printf ("%s, \"%s\": 1700000001}", map->str, absurd[k]);

      plan = plan_for (json);
      g_assert_nonnull (plan->updates);
      g_assert_cmpuint (plan->n_ignored, ==, 1);
      g_assert_cmpuint (plan->updates->len, ==, N_SHOWS);
      g_assert_cmpint (plan->max_page, ==, N_SHOWS / SF_CATALOG_PAGE_SIZE);
      g_assert_cmpuint (plan->pages->len, ==, N_PAGES);
      g_assert_cmpint (plan->probe_from, ==, N_PAGES);
      g_clear_pointer (&plan, sf_catalog_plan_free);
    }

  /* alone, an id past the hard cap plans nothing; within it, a sparse map is kept */
  plan = plan_for ("{\"2147483648000\": 1}");
  g_assert_null (plan->updates);
  g_assert_cmpuint (plan->pages->len, ==, 0);
  g_clear_pointer (&plan, sf_catalog_plan_free);

  plan = plan_for ("{\"1\": 1, \"5000\": 1, \"10000\": 1}");
  g_assert_cmpuint (plan->n_ignored, ==, 0);
  g_assert_cmpint (plan->max_page, ==, 40);
  g_assert_cmpuint (plan->pages->len, ==, 41);
  g_assert_cmpuint (plan->pages->len, <=, SF_CATALOG_PLAN_MAX_PAGES);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (argc == 4 && g_str_equal (argv[1], "--sync-child"))
    return run_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

  self_path = g_canonicalize_filename (argv[0], NULL);
  tmpdir = sf_test_make_temp_dir ("test-catalog-sync-XXXXXX");

  server = sf_fake_server_new (N_SHOWS, SEED);
  sf_fake_server_start (server, 0, &error);
  g_assert_no_error (error);

  g_test_add_func ("/series-finder/catalog-sync/full", test_full);
  g_test_add_func ("/series-finder/catalog-sync/failures", test_failures);
  g_test_add_func ("/series-finder/catalog-sync/gap", test_gap);
  g_test_add_func ("/series-finder/catalog-sync/stall", test_stall);
  g_test_add_func ("/series-finder/catalog-sync/unreachable", test_unreachable);
  g_test_add_func ("/series-finder/catalog-sync/stop", test_stop);
  g_test_add_func ("/series-finder/catalog-sync/killed", test_killed);
  g_test_add_func ("/series-finder/catalog-sync/refresh", test_refresh);
  g_test_add_func ("/series-finder/catalog-sync/plan-absurd-id", test_plan_absurd_id);

  status = g_test_run ();

  sf_fake_server_stop (server);
  g_clear_object (&server);
  sf_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (self_path);

  return status;
}
