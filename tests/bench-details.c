/* Benchmark: a details page as four concurrent requests (show, seasons, episodes, cast) or as
 * one `embed[]` request, against the fake TVmaze, for the long show (35 seasons, ~1,000
 * episodes, 1,400 cast rows) and a small one, with no latency and with 80 ms per API answer.
 *
 * "first" is when the first section (the show) could be drawn, "all" when every section is
 * there. The rate limiter is opened wide so that only the requests are measured; with
 * TVmaze's 20 requests per 10 s the four requests also cost four slots instead of one.
 *
 * It prints numbers; it does not pass or fail on them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sf-fake-server.h"
#include "sf-show-list.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-details.h"

#define N_SHOWS 300
#define LONG_SHOW 1
#define SMALL_SHOW 6
#define WARM_UP 2
#define WAIT_LIMIT_MS 60000

static guint iterations = 15;

typedef struct
{
  guint   n_pending;
  gint64  started;
  gint64  first;        /* the show arrived */
  gint64  all;          /* everything arrived */
  guint   n_episodes;
  guint   n_specials;
  guint   n_cast;
  gboolean failed;
} Run;

static void
part_done (Run     *run,
           gboolean is_show,
           GError  *error)
{
  gint64 now = g_get_monotonic_time ();

  if (error != NULL)
    {
      g_printerr ("bench-details: %s\n", error->message);
      run->failed = TRUE;
    }
  if (is_show)
    run->first = now;
  if (--run->n_pending == 0)
    run->all = now;
}

static void
on_show (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = sf_tvmaze_client_get_show_finish (SF_TVMAZE_CLIENT (object), result,
                                                             &error);

  part_done (user_data, TRUE, error);
}

static void
on_seasons (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seasons = sf_tvmaze_client_get_seasons_finish (SF_TVMAZE_CLIENT (object),
                                                                      result, &error);

  part_done (user_data, FALSE, error);
}

static void
on_episodes (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = sf_tvmaze_client_get_episodes_finish (
    SF_TVMAZE_CLIENT (object), result, &error);

  if (episodes != NULL)
    {
      g_autoptr(GPtrArray) groups = sf_episode_list_group_by_season (episodes);

      run->n_episodes = episodes->len;
      for (guint i = 0; i < groups->len; i++)
        run->n_specials += ((SfEpisodeGroup *) g_ptr_array_index (groups, i))->n_specials;
    }
  part_done (run, FALSE, error);
}

static void
on_cast (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cast = sf_tvmaze_client_get_cast_finish (SF_TVMAZE_CLIENT (object),
                                                                result, &error);

  if (cast != NULL)
    run->n_cast = cast->len;
  part_done (run, FALSE, error);
}

static void
on_embedded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShowDetails) details = sf_tvmaze_client_get_details_embedded_finish (
    SF_TVMAZE_CLIENT (object), result, &error);

  if (details != NULL)
    {
      run->n_episodes = sf_show_details_get_episodes (details)->len;
      run->n_specials = sf_show_details_get_n_specials (details);
      run->n_cast = sf_show_details_get_cast (details)->len;
    }
  part_done (run, TRUE, error);
}

/* The four requests a details page sends, each section usable as it lands. */
static void
run_concurrent (SfTvmazeClient *client,
                gint64          id,
                Run            *run)
{
  memset (run, 0, sizeof *run);
  run->n_pending = 4;
  run->started = g_get_monotonic_time ();
  sf_tvmaze_client_get_show_async (client, id, NULL, on_show, run);
  sf_tvmaze_client_get_seasons_async (client, id, NULL, on_seasons, run);
  sf_tvmaze_client_get_episodes_async (client, id, NULL, on_episodes, run);
  sf_tvmaze_client_get_cast_async (client, id, NULL, on_cast, run);
  SF_TEST_WAIT_UNTIL (run->n_pending == 0, WAIT_LIMIT_MS, "four requests");
}

static void
run_embedded (SfTvmazeClient *client,
              gint64          id,
              Run            *run)
{
  memset (run, 0, sizeof *run);
  run->n_pending = 1;
  run->started = g_get_monotonic_time ();
  sf_tvmaze_client_get_details_embedded_async (client, id, NULL, on_embedded, run);
  SF_TEST_WAIT_UNTIL (run->n_pending == 0, WAIT_LIMIT_MS, "one embed request");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* "median (min-max)" in milliseconds; ASCII, as the benchmark runs in the C locale */
static char *
dup_stats (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  return g_strdup_printf ("%7.1f (%6.1f-%6.1f)", g_array_index (ms, double, ms->len / 2),
                          g_array_index (ms, double, 0),
                          g_array_index (ms, double, ms->len - 1));
}

typedef void (*RunFunc) (SfTvmazeClient *client,
                         gint64          id,
                         Run            *run);

static void
measure (SfTvmazeClient *client,
         const char     *label,
         gint64          id,
         RunFunc         func)
{
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *first_text = NULL;
  g_autofree char *all_text = NULL;
  Run run;

  for (guint i = 0; i < WARM_UP + iterations; i++)
    {
      double first_ms;
      double all_ms;

      func (client, id, &run);
      if (run.failed)
        exit (1);
      if (i < WARM_UP)
        continue;
      first_ms = (run.first - run.started) / 1000.0;
      all_ms = (run.all - run.started) / 1000.0;
      g_array_append_val (first, first_ms);
      g_array_append_val (all, all_ms);
    }

  first_text = dup_stats (first);
  all_text = dup_stats (all);
  g_print ("  %-26s first %s  all %s  [%u episodes, %u specials, %u cast]\n", label,
           first_text, all_text, run.n_episodes, run.n_specials, run.n_cast);
}

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
} Fetch;

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = sf_tvmaze_client_get_finish (SF_TVMAZE_CLIENT (object), result, NULL);
  fetch->done = TRUE;
}

typedef gpointer (*ParseFunc) (const char *data, gssize length, GError **error);

/* Body size and the time one core takes to parse it (median of 5). */
static void
body_stats (SfTvmazeClient *client,
            const char     *path,
            const char     *label,
            ParseFunc       parse,
            GDestroyNotify  free_result)
{
  Fetch fetch = { 0 };
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  gsize size;
  const char *data;

  sf_tvmaze_client_get_async (client, path, SF_TVMAZE_PRIORITY_INTERACTIVE, NULL, on_fetched,
                              &fetch);
  sf_test_wait_flag (&fetch.done, WAIT_LIMIT_MS, path);
  if (fetch.bytes == NULL)
    exit (1);

  data = g_bytes_get_data (fetch.bytes, &size);
  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gpointer result = parse (data, (gssize) size, NULL);
      double elapsed = (g_get_monotonic_time () - start) / 1000.0;

      g_assert_nonnull (result);
      free_result (result);
      g_array_append_val (ms, elapsed);
    }
  g_array_sort (ms, compare_doubles);
  g_print ("  %-32s %8.1f KiB  parse %6.2f ms\n", label != NULL ? label : path, size / 1024.0,
           g_array_index (ms, double, 2));
  g_bytes_unref (fetch.bytes);
}

static void
print_bodies (SfTvmazeClient *client,
              gint64          id)
{
  g_autofree char *show = g_strdup_printf ("/shows/%" G_GINT64_FORMAT, id);
  g_autofree char *seasons = g_strdup_printf ("%s/seasons", show);
  g_autofree char *episodes = g_strdup_printf ("%s/episodes?specials=1", show);
  g_autofree char *cast = g_strdup_printf ("%s/cast", show);
  g_autofree char *embedded = g_strdup_printf ("%s?embed%%5B%%5D=episodes&embed%%5B%%5D=cast"
                                               "&embed%%5B%%5D=seasons"
                                               "&embed%%5B%%5D=nextepisode"
                                               "&embed%%5B%%5D=previousepisode", show);
  g_autofree char *embedded_label = g_strdup_printf ("%s?embed[]=... (5 embeds)", show);

  body_stats (client, show, NULL, (ParseFunc) sf_show_parse, g_object_unref);
  body_stats (client, seasons, NULL, (ParseFunc) sf_season_list_parse,
              (GDestroyNotify) g_ptr_array_unref);
  body_stats (client, episodes, NULL, (ParseFunc) sf_episode_list_parse,
              (GDestroyNotify) g_ptr_array_unref);
  body_stats (client, cast, NULL, (ParseFunc) sf_cast_list_parse,
              (GDestroyNotify) g_ptr_array_unref);
  body_stats (client, embedded, embedded_label, (ParseFunc) sf_show_details_parse_embedded,
              g_object_unref);
}

static SfTvmazeClient *
client_new (SfFakeServer *server,
            guint         max_conns_per_host)
{
  g_autoptr(SoupSession) session = NULL;
  SfTvmazeClient *client;

  /* like the program's session (SfBackend), which keeps libsoup's default of 2 */
  session = soup_session_new_with_options ("max-conns-per-host", max_conns_per_host, NULL);
  client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));
  /* only the requests are measured, not TVmaze's pacing */
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000000,
                              G_USEC_PER_SEC);
  return client;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SfFakeServer) server = NULL;
  g_autoptr(GError) error = NULL;
  static const guint latencies[] = { 0, 80 };
  static const guint conns[] = { 2, 4 };
  static const gint64 shows[] = { LONG_SHOW, SMALL_SHOW };

  if (argc > 1)
    iterations = MAX (1, (guint) g_ascii_strtoull (argv[1], NULL, 10));

  server = sf_fake_server_new (N_SHOWS, 42);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("%s", error->message);

  g_print ("Details page: 4 concurrent requests vs one embed request (fake TVmaze, %u runs "
           "after %u warm-up; ms, median (min-max); %u cores)\n",
           iterations, WARM_UP, g_get_num_processors ());

  {
    g_autoptr(SfTvmazeClient) client = client_new (server, 2);

    g_print ("\nBodies (size, one core's parse time):\n");
    print_bodies (client, LONG_SHOW);
    print_bodies (client, SMALL_SHOW);
  }

  for (guint l = 0; l < G_N_ELEMENTS (latencies); l++)
    {
      sf_fake_server_set_latency (server, latencies[l], 0);

      for (guint c = 0; c < G_N_ELEMENTS (conns); c++)
        {
          g_autoptr(SfTvmazeClient) client = client_new (server, conns[c]);

          g_print ("\nLatency %u ms per API answer, %u connection%s per host%s:\n",
                   latencies[l], conns[c], conns[c] == 1 ? "" : "s",
                   conns[c] == 2 ? " (the program's session)" : " (as HTTP/2 would)");
          for (guint s = 0; s < G_N_ELEMENTS (shows); s++)
            {
              g_autofree char *concurrent = g_strdup_printf ("show %" G_GINT64_FORMAT
                                                             ", 4 concurrent", shows[s]);
              g_autofree char *embedded = g_strdup_printf ("show %" G_GINT64_FORMAT
                                                           ", 1 embed", shows[s]);

              measure (client, concurrent, shows[s], run_concurrent);
              measure (client, embedded, shows[s], run_embedded);
            }
        }
    }

  sf_fake_server_stop (server);
  return 0;
}
