/* Benchmark of the catalog (issue 4), against the fake TVmaze run as its own process:
 *
 * 1. a full sync of 90,000 shows with 80 ms per answer, without a rate limit (and, with
 *    --rate-limited, at TVmaze's 20 requests per 10 s): wall time, shows per second, peak
 *    memory (VmHWM), and the main loop's lateness during the sync (sf-latency-probe);
 * 2. parsing the same index pages: json-glib alone, sf_show_list_parse_shows(),
 *    sf_index_page_parse();
 * 3. typical criteria queries over the synced catalog: p50 and max over the runs;
 * 4. the same questions answered by jq over the index pages.
 *
 * It prints numbers; it does not pass or fail on them. build-aux/bench runs it.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "sf-catalog-sync.h"
#include "sf-latency-probe.h"
#include "sf-show-list.h"
#include "sf-index-page.h"
#include "sf-test-kit.h"

/* A bound on every wait, far above any run (a rate-limited sync takes minutes): a hang ends
 * with a message rather than at the harness's timeout. */
#define WAIT_MS (60 * 60 * 1000)

static int n_shows = 90000;
static int latency_ms = 80;
static int in_flight = 6;
static int n_rounds = 5;
static gboolean rate_limited = FALSE;
static gboolean only_rate_limited = FALSE;
static gboolean sync_only = FALSE;
static int fake_nice = 10;
static char *keep_catalog = NULL;
static char *queries_catalog = NULL;
static char *fake_path = NULL;

static const GOptionEntry entries[] = {
  { "shows", 0, 0, G_OPTION_ARG_INT, &n_shows, "Catalog size (default 90000)", "N" },
  { "latency", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay of each API answer (default 80)", "MS" },
  { "in-flight", 0, 0, G_OPTION_ARG_INT, &in_flight, "Pages in flight (default 6)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds,
    "Rounds of the 10 typical queries (default 5)", "N" },
  { "rate-limited", 0, 0, G_OPTION_ARG_NONE, &rate_limited,
    "Also sync at TVmaze's rate limit (20 per 10 s: minutes)", NULL },
  { "only-rate-limited", 0, 0, G_OPTION_ARG_NONE, &only_rate_limited,
    "Only the rate-limited sync", NULL },
  { "fake-nice", 0, 0, G_OPTION_ARG_INT, &fake_nice,
    "Nice value of the fake server, which stands in for a remote one (default 10)", "N" },
  { "keep-catalog", 0, 0, G_OPTION_ARG_FILENAME, &keep_catalog,
    "Write the synced catalog here and keep it (the file must not exist)", "PATH" },
  { "queries-only", 0, 0, G_OPTION_ARG_FILENAME, &queries_catalog,
    "Only the queries, over this synced catalog", "PATH" },
  { "sync-only", 0, 0, G_OPTION_ARG_NONE, &sync_only, "Only the sync (for profiling)", NULL },
  { "fake-tvmaze", 0, 0, G_OPTION_ARG_FILENAME, &fake_path, "The fake-tvmaze program", "PATH" },
  { NULL }
};

/* Helpers */

static gint64
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
        return g_ascii_strtoll (lines[i] + strlen (key) + 1, NULL, 10);
    }

  return -1;
}

/* Linux >= 4.0: writing 5 resets the high-water mark to the current RSS. */
static void
reset_peak_memory (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  if (file == NULL || fputs ("5", file) < 0 || fclose (file) != 0)
    g_printerr ("note: could not reset VmHWM; the peak includes earlier phases\n");
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static void
print_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *meminfo = NULL;
  const char *model = "unknown";
  g_auto(GStrv) lines = NULL;
  gint64 mem_kb = 0;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      lines = g_strsplit (cpuinfo, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "model name"))
            {
              model = strchr (lines[i], ':') + 1;
              while (*model == ' ')
                model++;
              break;
            }
        }
    }

  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL) &&
      g_str_has_prefix (meminfo, "MemTotal:"))
    mem_kb = g_ascii_strtoll (meminfo + strlen ("MemTotal:"), NULL, 10);

  printf ("## Machine\n\n");
  printf ("- CPU: %s, %u cores (nproc)\n", model, g_get_num_processors ());
  printf ("- RAM: %.1f GiB\n", mem_kb / 1024.0 / 1024.0);
  printf ("- SQLite %s, GLib %u.%u.%u, json-glib %u.%u.%u\n\n", sqlite3_libversion (),
          glib_major_version, glib_minor_version, glib_micro_version,
          JSON_MAJOR_VERSION, JSON_MINOR_VERSION, JSON_MICRO_VERSION);
}

/* How long the main loop works between two polls: what our code costs the main thread,
 * apart from the time the system gives the CPU to someone else while the loop sleeps. */

static gint64 sync_start;
static gint64 last_poll_end;
static gint64 last_poll_end_cpu;
static GArray *busy_times;
static GArray *busy_cpu_times;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = thread_cpu_time ();
  gint result;

  if (busy_times != NULL && last_poll_end != 0)
    {
      gint64 busy = now - last_poll_end;
      gint64 busy_cpu = now_cpu - last_poll_end_cpu;

      g_array_append_val (busy_times, busy);
      g_array_append_val (busy_cpu_times, busy_cpu);
      if (busy_cpu > 5000 && g_getenv ("BENCH_SHOW_SLOW") != NULL)
        g_printerr ("slow main loop iteration: %.1f ms of CPU at %.3f s\n", busy_cpu / 1000.0,
                    (now - sync_start) / (double) G_USEC_PER_SEC);
    }

  result = g_poll (fds, n_fds, timeout);
  last_poll_end = g_get_monotonic_time ();
  last_poll_end_cpu = thread_cpu_time ();
  return result;
}

/* The fake server, as its own process */

typedef struct
{
  GSubprocess *process;
  char        *url;
} Fake;

static void
fake_start (Fake *fake,
            int   latency)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shows_arg = g_strdup_printf ("--shows=%d", n_shows);
  g_autofree char *latency_arg = g_strdup_printf ("--latency=%d", latency);
  g_autoptr(GDataInputStream) out = NULL;
  gint64 pid;

  fake->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, fake_path,
                                    shows_arg, latency_arg, NULL);
  if (fake->process == NULL)
    g_error ("Could not start %s: %s", fake_path, error->message);

  /* In real life the server is another machine: here it shares the cores, so it yields them
   * to the program under test when both want one. */
  pid = g_ascii_strtoll (g_subprocess_get_identifier (fake->process), NULL, 10);
  if (setpriority (PRIO_PROCESS, (id_t) pid, fake_nice) != 0)
    g_printerr ("note: could not renice the fake server\n");

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fake->process));
  fake->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (fake->url == NULL)
    g_error ("No URL from %s: %s", fake_path, error ? error->message : "end of output");
}

static void
fake_stop (Fake *fake)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_send_signal (fake->process, SIGTERM);
  g_subprocess_wait_async (fake->process, NULL, sf_test_result_cb, &result);
  g_subprocess_wait_finish (fake->process, sf_test_wait_for_result (&result, WAIT_MS, "an answer"),
                            NULL);
  g_clear_object (&fake->process);
  g_clear_pointer (&fake->url, g_free);
}

/* The session the benchmarks use: like the program's, without the disk cache, and with as
 * many connections as pages in flight (HTTP/1.1 to the fake; TVmaze multiplexes HTTP/2). */
static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 60,
                                        "max-conns-per-host", MAX (in_flight, 2),
                                        "max-conns", MAX (in_flight, 2) + 4,
                                        NULL);
}

static SfCatalog *
open_catalog_with_flags (const char     *path,
                         SfCatalogFlags  flags)
{
  g_autoptr(SfCatalog) catalog = sf_catalog_new (path, flags);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_open_async (catalog, NULL, sf_test_result_cb, &result);
  if (!sf_catalog_open_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "an answer"),
                               &error))
    g_error ("Could not open %s: %s", path, error->message);
  return g_steal_pointer (&catalog);
}

static SfCatalog *
open_catalog (const char *path)
{
  return open_catalog_with_flags (path, SF_CATALOG_FLAGS_NONE);
}

static void
close_catalog (SfCatalog *catalog)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_catalog_close_async (catalog, NULL, sf_test_result_cb, &result);
  sf_catalog_close_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "an answer"), NULL);
}

/* 1. The sync */

typedef struct
{
  SfCriteria *criteria;
  guint       n_matches;
  gint64      next_report;
} Streaming;

/* What the results view does with each stored page: keep the matches. */
static void
shows_stored_cb (SfCatalogSync *sync,
                 GPtrArray     *shows,
                 Streaming     *streaming)
{
  for (guint i = 0; i < shows->len; i++)
    streaming->n_matches += sf_criteria_matches (streaming->criteria, g_ptr_array_index (shows, i));

  /* Only to a terminal: a write to a file can wait for the disk (the writer thread is
   * filling the page cache), which the probe would blame on the sync. */
  if (isatty (STDERR_FILENO) && g_get_monotonic_time () >= streaming->next_report)
    {
      g_printerr ("  %u of ~%u shows scanned, %u matches so far\n",
                  sf_catalog_sync_get_shows_scanned (sync),
                  sf_catalog_sync_get_shows_estimated (sync), streaming->n_matches);
      streaming->next_report = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    }
}

static void
bench_sync (const char *url,
            const char *db_path,
            gboolean    limited)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(SfTvmazeClient) client = sf_tvmaze_client_new (session, url);
  g_autoptr(SfCatalog) catalog = open_catalog (db_path);
  g_autoptr(SfCatalogSync) sync = sf_catalog_sync_new (catalog, client);
  g_autoptr(SfLatencyProbe) probe = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Streaming streaming = { sf_criteria_new (), 0, 0 };
  SfCatalogState state;
  gint64 rss_before, start, elapsed;

  if (!limited)
    sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000000,
                                G_USEC_PER_SEC);
  sf_catalog_sync_set_max_in_flight (sync, in_flight);
  sf_criteria_add_value (streaming.criteria, SF_CRITERION_GENRES_ALL, "Drama");
  g_signal_connect (sync, "shows-stored", G_CALLBACK (shows_stored_cb), &streaming);

  /* GIO loads its proxy modules (libproxy and its C++ runtime) on the first connection of the
   * process, a few ms on the main thread: the program has done that long before it syncs. */
  g_proxy_resolver_get_default ();

  reset_peak_memory ();
  rss_before = read_status_kb ("VmRSS");
  probe = sf_latency_probe_new (NULL);
  busy_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  busy_cpu_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  last_poll_end = 0;
  g_main_context_set_poll_func (g_main_context_default (), timed_poll);

  g_printerr ("Syncing %d shows (%s)...\n", n_shows,
              limited ? "TVmaze's rate limit, 20 per 10 s" : "no rate limit");
  start = sync_start = g_get_monotonic_time ();
  sf_catalog_sync_run_async (sync, SF_CATALOG_SYNC_AUTO, NULL, sf_test_result_cb, &result);
  if (!sf_catalog_sync_run_finish (sync, sf_test_wait_for_result (&result, WAIT_MS, "an answer"),
                                   &error))
    g_error ("The sync failed: %s", error->message);
  elapsed = g_get_monotonic_time () - start;
  g_main_context_set_poll_func (g_main_context_default (), g_poll);
  g_array_sort (busy_times, compare_int64);
  g_array_sort (busy_cpu_times, compare_int64);

  sf_catalog_get_state (catalog, &state);

  printf ("### Full sync, %s\n\n", limited ? "at TVmaze's rate limit (20 requests per 10 s)"
                                           : "without a rate limit");
  printf ("| | |\n|---|---|\n");
  printf ("| shows stored | %u (%u pages) |\n", state.n_shows, state.n_pages);
  printf ("| wall time | %.1f s |\n", elapsed / (double) G_USEC_PER_SEC);
  printf ("| throughput | %.0f shows/s |\n", state.n_shows / (elapsed / (double) G_USEC_PER_SEC));
  printf ("| pages in flight | %d |\n", in_flight);
  printf ("| peak memory (VmHWM) | %.1f MB (RSS before the sync: %.1f MB) |\n",
          read_status_kb ("VmHWM") / 1024.0, rss_before / 1024.0);
  printf ("| main loop lateness | max %.2f ms, p99 %.2f ms, p50 %.2f ms over %u samples |\n",
          ms (sf_latency_probe_get_max (probe)),
          ms (sf_latency_probe_get_percentile (probe, 99)),
          ms (sf_latency_probe_get_percentile (probe, 50)),
          sf_latency_probe_get_samples (probe));
  printf ("| main loop iterations (from one poll to the next) | %u: wall time max %.2f ms, "
          "p99 %.2f ms; CPU time of the main thread max %.2f ms, p99 %.2f ms |\n",
          busy_times->len,
          ms (g_array_index (busy_times, gint64, busy_times->len - 1)),
          ms (g_array_index (busy_times, gint64, (busy_times->len * 99) / 100)),
          ms (g_array_index (busy_cpu_times, gint64, busy_cpu_times->len - 1)),
          ms (g_array_index (busy_cpu_times, gint64, (busy_cpu_times->len * 99) / 100)));
  printf ("| Drama matches streamed during the sync | %u |\n\n", streaming.n_matches);
  g_clear_pointer (&busy_times, g_array_unref);
  g_clear_pointer (&busy_cpu_times, g_array_unref);
  fflush (stdout);

  g_clear_pointer (&probe, sf_latency_probe_free);
  sf_criteria_unref (streaming.criteria);
  g_signal_handlers_disconnect_by_func (sync, shows_stored_cb, &streaming);
  g_clear_object (&sync);
  g_clear_object (&result);
  close_catalog (catalog);
}

/* 2. Parsing */

static GPtrArray *
fetch_pages (const char *url,
             const char *dir)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(SfTvmazeClient) client = sf_tvmaze_client_new (session, url);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint n_pages = n_shows / SF_CATALOG_PAGE_SIZE + 1;
  GAsyncResult **results = g_new0 (GAsyncResult *, n_pages);

  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000000,
                              G_USEC_PER_SEC);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *path = g_strdup_printf ("/shows?page=%u", i);

      sf_tvmaze_client_get_async (client, path, SF_TVMAZE_PRIORITY_BACKGROUND, NULL,
                                  sf_test_result_cb,
                                  &results[i]);
    }

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_strdup_printf ("%s/page-%04u.json", dir, i);
      GBytes *bytes = sf_tvmaze_client_get_finish (client,
                                                   sf_test_wait_for_result (&results[i], WAIT_MS,
                                                                            "an answer"), &error);

      if (bytes == NULL)
        g_error ("page %u: %s", i, error->message);
      g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
      g_ptr_array_add (pages, bytes);
      g_clear_object (&results[i]);
    }

  g_free (results);
  return pages;
}

typedef enum
{
  PARSE_JSON_GLIB,
  PARSE_SHOW_LIST,
  PARSE_SHOW_PAGE,
} ParseWay;

static gint64
parse_all (GPtrArray *pages,
           ParseWay   way,
           guint     *n_shows_out)
{
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  for (guint i = 0; i < pages->len; i++)
    {
      gsize length;
      const char *data = g_bytes_get_data (g_ptr_array_index (pages, i), &length);

      switch (way)
        {
        case PARSE_JSON_GLIB:
          {
            g_autoptr(JsonParser) parser = json_parser_new ();

            if (!json_parser_load_from_data (parser, data, length, NULL))
              g_error ("json-glib failed on page %u", i);
            n += json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
          }
          break;

        case PARSE_SHOW_LIST:
          {
            g_autoptr(GPtrArray) shows = sf_show_list_parse_shows (data, length, NULL);

            n += shows->len;
          }
          break;

        case PARSE_SHOW_PAGE:
          {
            g_autoptr(GPtrArray) json = NULL;
            g_autoptr(GPtrArray) shows = sf_index_page_parse (data, length, &json, NULL);

            n += shows->len;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  *n_shows_out = n;
  return g_get_monotonic_time () - start;
}

static void
bench_parsing (GPtrArray *pages)
{
  static const struct {
    ParseWay    way;
    const char *name;
  } ways[] = {
    { PARSE_JSON_GLIB, "json-glib alone (`json_parser_load_from_data`)" },
    { PARSE_SHOW_LIST, "`sf_show_list_parse_shows` (JSON to SfShow)" },
    { PARSE_SHOW_PAGE, "`sf_index_page_parse` (SfShow + each show's JSON, what the sync uses)" },
  };
  gsize total = 0;

  for (guint i = 0; i < pages->len; i++)
    total += g_bytes_get_size (g_ptr_array_index (pages, i));

  printf ("### Parsing the same %u index pages (%.1f MB), one thread\n\n", pages->len,
          total / 1e6);
  printf ("| parser | time | MB/s | shows/s |\n|---|---|---|---|\n");
  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      gint64 best = G_MAXINT64;
      guint n = 0;

      /* best of three: the first run also warms the allocator */
      for (guint r = 0; r < 3; r++)
        best = MIN (best, parse_all (pages, ways[w].way, &n));

      printf ("| %s | %.0f ms | %.0f | %.0f |\n", ways[w].name, ms (best),
              total / 1e6 / (best / (double) G_USEC_PER_SEC),
              n / (best / (double) G_USEC_PER_SEC));
    }
  printf ("\nThe sync parses pages on a pool of %u threads (one per core).\n\n",
          g_get_num_processors ());
  fflush (stdout);
}

/* 3. Queries, and 4. jq */

typedef struct
{
  const char *description;
  SfCriteria *criteria;
} Typical;

static GPtrArray *
typical_queries (void)
{
  GPtrArray *queries = g_ptr_array_new ();
  Typical *t;

#define ADD(desc) (t = g_new0 (Typical, 1), t->description = desc, \
                   t->criteria = sf_criteria_new (), g_ptr_array_add (queries, t), t->criteria)

  {
    SfCriteria *c = ADD ("genre Drama, by rating");
    sf_criteria_add_value (c, SF_CRITERION_GENRES_ALL, "Drama");
    sf_criteria_set_sort (c, SF_SORT_RATING);
  }
  {
    SfCriteria *c = ADD ("Drama + Running, by rating");
    sf_criteria_add_value (c, SF_CRITERION_GENRES_ALL, "Drama");
    sf_criteria_add_value (c, SF_CRITERION_STATUS, "Running");
    sf_criteria_set_sort (c, SF_SORT_RATING);
  }
  {
    SfCriteria *c = ADD ("Comedy, Running, English, by popularity");
    sf_criteria_add_value (c, SF_CRITERION_GENRES_ALL, "Comedy");
    sf_criteria_add_value (c, SF_CRITERION_STATUS, "Running");
    sf_criteria_add_value (c, SF_CRITERION_LANGUAGE, "English");
    sf_criteria_set_sort (c, SF_SORT_POPULARITY);
  }
  {
    SfCriteria *c = ADD ("title words \"the night\", relevance");
    sf_criteria_set_text (c, "the night");
  }
  {
    SfCriteria *c = ADD ("premiered 2010..2015, rating >= 7.5, newest");
    sf_criteria_set_year_range (c, 2010, 2015);
    sf_criteria_set_min_rating (c, 7.5);
    sf_criteria_set_sort (c, SF_SORT_NEWEST);
  }
  {
    SfCriteria *c = ADD ("channel HBO or Netflix, by rating");
    sf_criteria_add_value (c, SF_CRITERION_CHANNEL, "HBO");
    sf_criteria_add_value (c, SF_CRITERION_CHANNEL, "Netflix");
    sf_criteria_set_sort (c, SF_SORT_RATING);
  }
  {
    SfCriteria *c = ADD ("Scripted, 30..60 min, Crime or Thriller, not Comedy");
    sf_criteria_add_value (c, SF_CRITERION_TYPE, "Scripted");
    sf_criteria_set_runtime_range (c, 30, 60);
    sf_criteria_add_value (c, SF_CRITERION_GENRES_ANY, "Crime");
    sf_criteria_add_value (c, SF_CRITERION_GENRES_ANY, "Thriller");
    sf_criteria_add_value (c, SF_CRITERION_GENRES_EXCLUDE, "Comedy");
  }
  {
    SfCriteria *c = ADD ("country GB, Ended, by name");
    sf_criteria_add_value (c, SF_CRITERION_COUNTRY, "GB");
    sf_criteria_add_value (c, SF_CRITERION_STATUS, "Ended");
    sf_criteria_set_sort (c, SF_SORT_NAME);
  }
  {
    SfCriteria *c = ADD ("every show, by popularity");
    sf_criteria_set_sort (c, SF_SORT_POPULARITY);
  }
  {
    SfCriteria *c = ADD ("Japanese Anime, rating >= 8, newest");
    sf_criteria_add_value (c, SF_CRITERION_LANGUAGE, "Japanese");
    sf_criteria_add_value (c, SF_CRITERION_GENRES_ALL, "Anime");
    sf_criteria_set_min_rating (c, 8.0);
    sf_criteria_set_sort (c, SF_SORT_NEWEST);
  }
#undef ADD

  return queries;
}

typedef enum
{
  OP_QUERY,
  OP_COUNT,
  OP_FACETS,
  OP_ALL_FACETS,
  OP_CLICK,
} Op;

/* From the caller's point of view: asked on the main thread, answered on it. */
static gint64
time_op (SfCatalog  *catalog,
         SfCriteria *criteria,
         Op          op,
         guint      *n_out)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  switch (op)
    {
    case OP_QUERY:
      {
        g_autoptr(GPtrArray) shows = NULL;

        sf_catalog_query_async (catalog, criteria, 0, 50, NULL, sf_test_result_cb, &result);
        shows = sf_catalog_query_finish (catalog,
                                         sf_test_wait_for_result (&result, WAIT_MS,
                                                                  "an answer"), &error);
        *n_out = shows != NULL ? shows->len : 0;
      }
      break;

    case OP_COUNT:
      sf_catalog_count_async (catalog, criteria, NULL, sf_test_result_cb, &result);
      sf_catalog_count_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "an answer"),
                               n_out, &error);
      break;

    case OP_FACETS:
      {
        g_autoptr(GPtrArray) counts = NULL;

        sf_catalog_count_facets_async (catalog, criteria, NULL, sf_test_result_cb, &result);
        counts = sf_catalog_count_facets_finish (catalog,
                                                 sf_test_wait_for_result (&result, WAIT_MS,
                                                                          "an answer"), &error);
        *n_out = counts != NULL ? counts->len : 0;
      }
      break;

    case OP_ALL_FACETS:
      {
        g_autoptr(SfCatalogFacets) facets = NULL;

        sf_catalog_count_all_facets_async (catalog, criteria, NULL, sf_test_result_cb, &result);
        facets = sf_catalog_count_all_facets_finish (catalog,
                                                     sf_test_wait_for_result (&result, WAIT_MS,
                                                                              "an answer"),
                                                     &error);
        *n_out = facets != NULL ? facets->counts->len : 0;
      }
      break;

    case OP_CLICK:
      {
        /* What a click asks: the first 50 results and every count, both at once; answered
         * when both are in. */
        g_autoptr(GAsyncResult) facets_result = NULL;
        g_autoptr(GPtrArray) shows = NULL;
        g_autoptr(SfCatalogFacets) facets = NULL;

        sf_catalog_query_async (catalog, criteria, 0, 50, NULL, sf_test_result_cb, &result);
        sf_catalog_count_all_facets_async (catalog, criteria, NULL, sf_test_result_cb,
                                           &facets_result);
        shows = sf_catalog_query_finish (catalog,
                                         sf_test_wait_for_result (&result, WAIT_MS, "an answer"),
                                         &error);
        if (shows != NULL)
          facets = sf_catalog_count_all_facets_finish (catalog,
                                                       sf_test_wait_for_result (&facets_result,
                                                                                WAIT_MS,
                                                                                "an answer"),
                                                       &error);
        else
          sf_test_wait_for_result (&facets_result, WAIT_MS, "an answer");
        *n_out = shows != NULL ? shows->len : 0;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  elapsed = g_get_monotonic_time () - start;
  if (error != NULL)
    g_error ("query failed: %s", error->message);
  return elapsed;
}

static void
print_latencies (const char *what,
                 GArray     *times)
{
  g_array_sort (times, compare_int64);
  printf ("| %s | %u | %.1f ms | %.1f ms | %.1f ms | %.1f ms |\n", what, times->len,
          ms (g_array_index (times, gint64, times->len / 2)),
          ms (g_array_index (times, gint64, (times->len * 9) / 10)),
          ms (g_array_index (times, gint64, (times->len * 99) / 100)),
          ms (g_array_index (times, gint64, times->len - 1)));
}

static void
bench_queries (const char *db_path,
               gboolean    indexed)
{
  g_autoptr(SfCatalog) catalog = open_catalog_with_flags (db_path,
                                                          indexed ? SF_CATALOG_FLAGS_NONE
                                                                  : SF_CATALOG_FLAGS_NO_INDEX);
  g_autoptr(GArray) all_facet_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) click_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 index_time = 0;
  g_autoptr(GPtrArray) queries = typical_queries ();
  g_autoptr(GArray) query_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) count_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) facet_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) completion_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) country_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_countries = 0;
  SfCatalogState state;

  if (indexed)
    {
      gint64 start = g_get_monotonic_time ();

      SF_TEST_WAIT_UNTIL (sf_catalog_is_indexed (catalog), WAIT_MS, "the index");
      index_time = g_get_monotonic_time () - start;
    }

  sf_catalog_get_state (catalog, &state);
  if (indexed)
    {
      printf ("### Criteria queries over %u shows, in-memory index\n\n", state.n_shows);
      printf ("The index (bitsets and sort orders, sf-catalog-index.c) was built on a reader "
              "thread in %.0f ms after the open (loading and parsing every show's JSON). "
              "Each query is asked on the main thread and answered on it; a pool thread "
              "answers from the index.\n\n", ms (index_time));
    }
  else
    {
      printf ("### Criteria queries over %u shows, SQL (no index)\n\n", state.n_shows);
      printf ("Each query asked on the main thread and answered on it (a reader thread runs the "
              "SQL and parses the first 50 shows from their JSON).\n\n");
    }
  printf ("| query | matches | first 50 (median of %d) |\n|---|---|---|\n", n_rounds);

  for (guint q = 0; q < queries->len; q++)
    {
      Typical *t = g_ptr_array_index (queries, q);
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint n_matches = 0, n = 0;

      time_op (catalog, t->criteria, OP_COUNT, &n_matches);
      for (int r = 0; r < n_rounds; r++)
        {
          gint64 elapsed = time_op (catalog, t->criteria, OP_QUERY, &n);

          g_array_append_val (mine, elapsed);
          g_array_append_val (query_times, elapsed);
          elapsed = time_op (catalog, t->criteria, OP_COUNT, &n);
          g_array_append_val (count_times, elapsed);
        }
      g_array_sort (mine, compare_int64);
      printf ("| %s | %u | %.1f ms |\n", t->description, n_matches,
              ms (g_array_index (mine, gint64, mine->len / 2)));
    }

  for (guint q = 0; q < queries->len; q++)
    {
      Typical *t = g_ptr_array_index (queries, q);
      guint n;
      gint64 elapsed = time_op (catalog, t->criteria, OP_FACETS, &n);

      g_array_append_val (facet_times, elapsed);
    }

  for (int r = 0; r < n_rounds; r++)
    for (guint q = 0; q < queries->len; q++)
      {
        Typical *t = g_ptr_array_index (queries, q);
        guint n;
        gint64 elapsed = time_op (catalog, t->criteria, OP_ALL_FACETS, &n);

        g_array_append_val (all_facet_times, elapsed);
        elapsed = time_op (catalog, t->criteria, OP_CLICK, &n);
        g_array_append_val (click_times, elapsed);
      }

  for (const char *p = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"; *p != '\0'; p++)
    {
      char prefix[2] = { *p, '\0' };
      g_autoptr(GAsyncResult) result = NULL;
      g_auto(GStrv) names = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed;

      sf_catalog_complete_channel_async (catalog, prefix, 10, NULL, sf_test_result_cb, &result);
      names = sf_catalog_complete_channel_finish (catalog,
                                                  sf_test_wait_for_result (&result, WAIT_MS,
                                                                           "an answer"), NULL);
      elapsed = g_get_monotonic_time () - start;
      g_array_append_val (completion_times, elapsed);
    }

  for (int r = 0; r < n_rounds; r++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) countries = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed;

      sf_catalog_list_countries_async (catalog, NULL, sf_test_result_cb, &result);
      countries = sf_catalog_list_countries_finish (catalog,
                                                    sf_test_wait_for_result (&result, WAIT_MS,
                                                                             "an answer"), &error);
      elapsed = g_get_monotonic_time () - start;
      if (countries == NULL)
        g_error ("listing the countries failed: %s", error->message);
      n_countries = countries->len;
      g_array_append_val (country_times, elapsed);
    }

  printf ("\n| operation | runs | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
  print_latencies ("query, first 50 results", query_times);
  print_latencies ("count", count_times);
  print_latencies ("facet counts (genre, status, type, language)", facet_times);
  print_latencies ("every count with the total (+ network, country)", all_facet_times);
  print_latencies ("a click: first 50 results and every count, both asked at once",
                   click_times);
  print_latencies ("channel completion (one letter, 10 names)", completion_times);
  {
    g_autofree char *what = g_strdup_printf ("country list (%u countries, names and counts)",
                                             n_countries);

    print_latencies (what, country_times);
  }
  printf ("\n");
  fflush (stdout);

  for (guint q = 0; q < queries->len; q++)
    {
      Typical *t = g_ptr_array_index (queries, q);

      sf_criteria_unref (t->criteria);
      g_free (t);
    }
  close_catalog (catalog);
}

static char *
run_jq (const char  *filter,
        const char  *dir,
        guint        n_pages,
        gint64      *elapsed)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) jq = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 start;

  g_ptr_array_add (argv, g_strdup ("jq"));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup ("-n"));
  g_ptr_array_add (argv, g_strdup (filter));
  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (argv, g_strdup_printf ("%s/page-%04u.json", dir, i));
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  jq = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                          &error);
  if (jq == NULL || !g_subprocess_communicate_utf8 (jq, NULL, NULL, &out, NULL, &error))
    {
      g_printerr ("jq: %s\n", error->message);
      return NULL;
    }
  *elapsed = g_get_monotonic_time () - start;

  return g_strstrip (g_steal_pointer (&out));
}

static char *
catalog_ids (const char *db_path,
             SfCriteria *criteria,
             guint       limit)
{
  g_autoptr(SfCatalog) catalog = open_catalog (db_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GString) text = g_string_new ("[");

  sf_catalog_query_async (catalog, criteria, 0, limit, NULL, sf_test_result_cb, &result);
  shows = sf_catalog_query_finish (catalog,
                                   sf_test_wait_for_result (&result, WAIT_MS, "an answer"), NULL);
  for (guint i = 0; i < shows->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            sf_show_get_id (g_ptr_array_index (shows, i)));
  g_string_append_c (text, ']');
  g_clear_object (&result);
  close_catalog (catalog);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
bench_jq (const char *db_path,
          const char *dir,
          guint       n_pages)
{
  g_autoptr(SfCriteria) drama = sf_criteria_new ();
  g_autoptr(SfCriteria) channel = sf_criteria_new ();
  g_autoptr(SfCatalog) catalog = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *jq_top = NULL;
  g_autofree char *jq_count = NULL;
  g_autofree char *ours_top = NULL;
  gint64 jq_top_time = 0, jq_count_time = 0, ours_top_time, ours_count_time;
  guint ours_count = 0, n;

  sf_criteria_add_value (drama, SF_CRITERION_GENRES_ALL, "Drama");
  sf_criteria_add_value (drama, SF_CRITERION_STATUS, "Running");
  sf_criteria_set_sort (drama, SF_SORT_RATING);
  sf_criteria_add_value (channel, SF_CRITERION_CHANNEL, "HBO");

  /* The same rules as the catalog: ASCII case ignored, unrated last, ties by id. */
  jq_top = run_jq ("[inputs[] | select((.genres | map(ascii_downcase) | index(\"drama\"))"
                   " and ((.status // \"\") | ascii_downcase) == \"running\")]"
                   " | sort_by([-(.rating.average // -1), .id]) | .[:50] | map(.id)",
                   dir, n_pages, &jq_top_time);
  jq_count = run_jq ("[inputs[] | select(((.network.name // \"\") | ascii_downcase) == \"hbo\""
                     " or ((.webChannel.name // \"\") | ascii_downcase) == \"hbo\")] | length",
                     dir, n_pages, &jq_count_time);

  ours_top = catalog_ids (db_path, drama, 50);
  catalog = open_catalog (db_path);
  ours_top_time = time_op (catalog, drama, OP_QUERY, &n);
  ours_count_time = time_op (catalog, channel, OP_COUNT, &ours_count);
  g_clear_object (&result);
  close_catalog (catalog);

  printf ("### The same questions answered by jq over the %u index pages\n\n", n_pages);
  printf ("| question | jq | catalog | same answer |\n|---|---|---|---|\n");
  printf ("| Drama + Running, by rating, first 50 ids | %.0f ms | %.1f ms | %s |\n",
          ms (jq_top_time), ms (ours_top_time),
          g_strcmp0 (jq_top, ours_top) == 0 ? "yes" : "NO");
  {
    g_autofree char *ours = g_strdup_printf ("%u", ours_count);

    printf ("| how many shows on HBO | %.0f ms | %.1f ms | %s (%s) |\n\n",
            ms (jq_count_time), ms (ours_count_time),
            g_strcmp0 (jq_count, ours) == 0 ? "yes" : "NO", ours);
  }
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark of the catalog");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *pages_dir = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  Fake fake = { NULL, NULL };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (fake_path == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (argv[0]);

      fake_path = g_build_filename (dir, "fake-tvmaze", NULL);
    }

  if (queries_catalog != NULL)
    {
      print_machine ();
      bench_queries (queries_catalog, FALSE);
      bench_queries (queries_catalog, TRUE);
      return 0;
    }

  tmpdir = sf_test_make_temp_dir ("bench-catalog-XXXXXX");
  pages_dir = g_build_filename (tmpdir, "pages", NULL);
  g_mkdir (pages_dir, 0700);

  printf ("# Catalog benchmark\n\n");
  print_machine ();
  printf ("Fake TVmaze (its own process, nice %d): %d shows, %d ms per API answer.\n\n",
          fake_nice, n_shows, latency_ms);
  fflush (stdout);

  fake_start (&fake, latency_ms);

  if (!only_rate_limited)
    {
      db_path = keep_catalog != NULL ? g_strdup (keep_catalog)
                                      : g_build_filename (tmpdir, "catalog.db", NULL);
      bench_sync (fake.url, db_path, FALSE);
    }

  if (rate_limited || only_rate_limited)
    {
      g_autofree char *limited_path = g_build_filename (tmpdir, "catalog-limited.db", NULL);

      bench_sync (fake.url, limited_path, TRUE);
      if (db_path == NULL)
        db_path = g_steal_pointer (&limited_path);
    }

  if (sync_only)
    {
      fake_stop (&fake);
      sf_test_remove_tree (tmpdir);
      g_free (fake_path);
      return 0;
    }

  g_printerr ("Fetching the index pages again for the parsers and jq...\n");
  pages = fetch_pages (fake.url, pages_dir);
  fake_stop (&fake);

  bench_parsing (pages);
  bench_queries (db_path, FALSE);
  bench_queries (db_path, TRUE);
  bench_jq (db_path, pages_dir, pages->len);

  g_clear_pointer (&pages, g_ptr_array_unref);
  sf_test_remove_tree (tmpdir);
  g_free (fake_path);

  return 0;
}
