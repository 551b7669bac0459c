/* Benchmark of GNOME Shell's search provider (issue 13): the time from a GetInitialResultSet
 * call to its answer, and of the GetResultMetas that follows, over D-Bus as the Shell sees
 * it, on a catalog of 90,000 shows. Run under a bus of its own (dbus-run-session: see
 * build-aux/bench --provider). It syncs the catalog from an in-process fake TVmaze without
 * latency, or takes one made by `bench-catalog --keep-catalog=PATH` (--catalog=PATH).
 *
 * It prints numbers (p50, p99, max); it does not pass or fail on them.
 */
#include "config.h"

#include <stdio.h>

#include "sf-application.h"
#include "sf-catalog-sync.h"
#include "sf-fake-server.h"
#include "sf-search-provider.h"
#include "sf-test-kit.h"

#define WAIT_MS (30 * 60 * 1000)
#define BUS_NAME "io.github.seriesfinder.SeriesFinder.Bench"
#define OBJECT_PATH "/io/github/seriesfinder/SeriesFinder/Bench/SearchProvider"

static int n_shows = 90000;
static int n_rounds = 20;
static char *catalog_path = NULL;

static const GOptionEntry entries[] = {
  { "shows", 0, 0, G_OPTION_ARG_INT, &n_shows, "Catalog size when syncing (default 90000)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "Rounds over the terms (default 20)", "N" },
  { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
    "A synced catalog to use instead of syncing one", "PATH" },
  { NULL }
};

/* What people type in the overview: whole words, prefixes, two words, a single letter, and
 * words no title has. */
static const char * const queries[] = {
  "harbour", "det", "silent kingdom", "the", "a", "lost", "café", "neon galaxy", "mid",
  "frozen river", "zyzzyva", "k", "kings", "saga", "royal court", "qqqq",
};

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile_ms (GArray *sorted,
               double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, gint64, MIN (i, sorted->len - 1)) / 1000.0;
}

static SfCatalog *
open_catalog (const char *path)
{
  g_autoptr(SfCatalog) catalog = sf_catalog_new (path, SF_CATALOG_FLAGS_NONE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_open_async (catalog, NULL, sf_test_result_cb, &result);
  if (!sf_catalog_open_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "open"),
                               &error))
    g_error ("Could not open %s: %s", path, error->message);
  return g_steal_pointer (&catalog);
}

static void
sync_catalog (SfCatalog *catalog)
{
  g_autoptr(SfFakeServer) server = sf_fake_server_new (n_shows, 42);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 8, NULL);
  g_autoptr(SfTvmazeClient) client = NULL;
  g_autoptr(SfCatalogSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);
  client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000000,
                              G_USEC_PER_SEC);
  sync = sf_catalog_sync_new (catalog, client);
  g_printerr ("Syncing %d shows from the fake TVmaze...\n", n_shows);
  sf_catalog_sync_run_async (sync, SF_CATALOG_SYNC_AUTO, NULL, sf_test_result_cb, &result);
  if (!sf_catalog_sync_run_finish (sync, sf_test_wait_for_result (&result, WAIT_MS, "sync"),
                                   &error))
    g_error ("The sync failed: %s", error->message);
  sf_fake_server_stop (server);
}

static gboolean
catalog_indexed (gconstpointer data)
{
  return sf_catalog_is_indexed (SF_CATALOG ((gpointer) data));
}

static GVariant *
timed_call (GDBusProxy *proxy,
            const char *method,
            GVariant   *parameters,
            gint64     *elapsed)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GVariant *reply;

  g_dbus_proxy_call (proxy, method, parameters, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                     sf_test_result_cb, &result);
  reply = g_dbus_proxy_call_finish (proxy, sf_test_wait_for_result (&result, WAIT_MS, method),
                                    &error);
  *elapsed = g_get_monotonic_time () - start;
  if (reply == NULL)
    g_error ("%s: %s", method, error->message);
  return reply;
}

static void
print_row (const char *what,
           GArray     *times)
{
  g_array_sort (times, compare_int64);
  printf ("| %s | %u | %.1f ms | %.1f ms | %.1f ms |\n", what, times->len,
          percentile_ms (times, 0.5), percentile_ms (times, 0.99),
          g_array_index (times, gint64, times->len - 1) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(SfCatalog) catalog = NULL;
  g_autoptr(SfSearchProvider) provider = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusProxy) proxy = NULL;
  g_autoptr(GArray) initial = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) metas = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) per_query = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  SfCatalogState state;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  sf_ui_register_resources ();

  if (catalog_path != NULL)
    {
      catalog = open_catalog (catalog_path);
    }
  else
    {
      tmp = sf_test_make_temp_dir ("sf-bench-provider-XXXXXX");
      path = g_build_filename (tmp, "catalog.db", NULL);
      catalog = open_catalog (path);
      sync_catalog (catalog);
    }
  sf_catalog_get_state (catalog, &state);

  /* The provider answers from the catalog's in-memory index, built once the writes pause
   * (before it, from SQLite): measured as a running app has it. */
  {
    gint64 start = g_get_monotonic_time ();

    sf_test_wait_until (catalog_indexed, catalog, WAIT_MS, "the catalog's index");
    g_printerr ("Index ready after %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_error ("No session bus (run under dbus-run-session): %s", error->message);

  app = g_application_new (BUS_NAME, G_APPLICATION_NON_UNIQUE);
  provider = sf_search_provider_new (app, catalog, NULL);
  if (!sf_search_provider_export (provider, bus, OBJECT_PATH, &error))
    g_error ("%s", error->message);
  proxy = g_dbus_proxy_new_sync (bus, G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                 G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS, NULL,
                                 g_dbus_connection_get_unique_name (bus), OBJECT_PATH,
                                 "org.gnome.Shell.SearchProvider2", NULL, &error);
  if (proxy == NULL)
    g_error ("%s", error->message);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    g_ptr_array_add (per_query, g_array_new (FALSE, FALSE, sizeof (gint64)));

  for (int round = 0; round < n_rounds; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_auto(GStrv) terms = g_strsplit (queries[q], " ", -1);
        g_autoptr(GVariant) ids_reply = NULL;
        g_autoptr(GVariant) metas_reply = NULL;
        g_autoptr(GVariant) ids = NULL;
        gint64 elapsed;

        ids_reply = timed_call (proxy, "GetInitialResultSet",
                                g_variant_new ("(^as)", terms), &elapsed);
        g_array_append_val (initial, elapsed);
        g_array_append_val (g_ptr_array_index (per_query, q), elapsed);
        ids = g_variant_get_child_value (ids_reply, 0);
        /* The Shell asks for the metas of the first few. */
        {
          g_autofree const char **all = g_variant_get_strv (ids, NULL);
          g_autoptr(GStrvBuilder) first = g_strv_builder_new ();
          g_auto(GStrv) wanted = NULL;

          for (guint i = 0; all[i] != NULL && i < 5; i++)
            g_strv_builder_add (first, all[i]);
          wanted = g_strv_builder_end (first);
          metas_reply = timed_call (proxy, "GetResultMetas",
                                    g_variant_new ("(^as)", wanted), &elapsed);
          g_array_append_val (metas, elapsed);
        }
      }

  printf ("### GNOME Shell search provider over D-Bus (%u shows, from the in-memory index)\n\n",
          state.n_shows);
  printf ("| call | runs | p50 | p99 | max |\n|---|---|---|---|---|\n");
  print_row ("GetInitialResultSet", initial);
  print_row ("GetResultMetas (5 results)", metas);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *what = g_strdup_printf ("GetInitialResultSet ['%s']", queries[q]);

      print_row (what, g_ptr_array_index (per_query, q));
    }

  sf_search_provider_unexport (provider);
  if (tmp != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;

      sf_catalog_close_async (catalog, NULL, sf_test_result_cb, &result);
      sf_catalog_close_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "close"), NULL);
      sf_test_remove_tree (tmp);
    }

  return 0;
}
