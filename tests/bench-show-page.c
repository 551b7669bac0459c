/* bench-show-page.c: the page of a long series, in a real window, against the fake TVmaze
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens show 1 of the fake TVmaze (35 seasons, about 1,000 episodes, 1,400 cast rows, like
 * The Simpsons) a few times in the same page, as a person going from show to show would, and
 * reports for each load:
 * - the main loop's longest dispatch and its 99th percentile (sf-latency-probe), from the
 *   load to the end of the measurement (target: none over 8 ms);
 * - the longest main loop iteration in wall time and in this thread's CPU time: on a busy
 *   machine the wall time also counts moments the system ran another process;
 * - the frames: time to the end of the layout phase and time spent painting, longest and p99;
 * - when each section was shown and when the page was complete (every row and card made);
 * - after that, three seasons are opened one after the other (their episode rows are made
 *   then), still under the probe;
 * - the memory the page adds: resident size (/proc/self/statm) before the first load, after
 *   it once the main loop has run a little, after all the loads, and after malloc_trim() (the
 *   heap the JSON parsers freed but malloc kept); and after each load, once malloc_trim() has
 *   run, the resident size and the heap in use (mallinfo2()), so that a growth from load to
 *   load can be told from a one-time cost, and a leak (the heap in use grows) from the holes
 *   freed memory leaves in malloc's arenas (only the resident size grows).
 *
 * The fake server runs as its own process (FAKE_TVMAZE, else next to this program), so that
 * neither its memory nor its threads are measured. It prints numbers; it does not pass or
 * fail on them. Run it under the test wrapper, `tests/test-wrapper.sh --broadway
 * _build/tests/bench-show-page` or `GSK_RENDERER=cairo tests/test-wrapper.sh --xvfb ...`.
 * BENCH_ITERATIONS=N sets the number of loads (default 5); BENCH_VERBOSE=1 prints every frame
 * and every main loop iteration over 5 ms of CPU. BENCH_HIDDEN=1 never shows the window:
 * nothing is drawn, which tells the page's own memory from the renderer's (no frame times
 * then).
 */

#include "config.h"

#include <malloc.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "sf-application.h"
#include "sf-latency-probe.h"
#include "sf-season-row.h"
#include "sf-cast-section.h"
#include "sf-seasons-section.h"
#include "sf-show-page.h"
#include "sf-test-kit.h"

#define LONG_SHOW        1
#define WAIT_USEC        (60 * G_USEC_PER_SEC)

static const char * const sections[] = { "show", "seasons", "episodes", "cast", "next" };

/* The page's parts, looked up through its template and its sections' properties. */
static SfPageSection *
section_of (SfShowPage *page,
            const char *name)
{
  const char *id = g_str_equal (name, "show") ? "facts_section"
                   : g_str_equal (name, "cast") ? "cast_section"
                   : g_str_equal (name, "next") ? "next_section" : "seasons_section";

  return SF_PAGE_SECTION (gtk_widget_get_template_child (GTK_WIDGET (page), SF_TYPE_SHOW_PAGE,
                                                         id));
}

static gboolean
section_is_loaded (SfShowPage *page,
                   const char *name)
{
  SfPageSection *section = section_of (page, name);

  if (g_str_equal (name, "seasons"))
    return sf_seasons_section_get_dates_state (SF_SEASONS_SECTION (section)) ==
           SF_PAGE_SECTION_LOADED;
  return sf_page_section_get_state (section) == SF_PAGE_SECTION_LOADED;
}

static gboolean
page_is_complete (SfShowPage *page)
{
  gboolean complete;

  g_object_get (page, "complete", &complete, NULL);
  return complete;
}

/* The children in view of a section's list (those of a previous show are hidden). */
static guint
count_visible (SfShowPage *page,
               const char *section,
               GType       type,
               const char *list)
{
  GtkWidget *parent = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (section_of (page, section)),
                                                                 type, list));
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (parent); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_get_visible (child);

  return n;
}

static SfSeasonRow *
season_row (SfShowPage *page,
            guint       index)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (section_of (page, "seasons")),
                                                               SF_TYPE_SEASONS_SECTION,
                                                               "season_list"));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row) && index-- == 0)
      return SF_SEASON_ROW (row);

  g_assert_not_reached ();
}
static gboolean verbose;

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Longest and 99th percentile of @array (sorted in place) */
static void
summarize (GArray *array,
           gint64 *max,
           gint64 *p99)
{
  *max = *p99 = 0;
  if (array->len == 0)
    return;
  g_array_sort (array, compare_int64);
  *max = g_array_index (array, gint64, array->len - 1);
  *p99 = g_array_index (array, gint64, MIN (array->len - 1, (guint) (array->len * 0.99)));
}

/* Resident set size in KiB */
static gint64
rss_kib (void)
{
  g_autofree char *text = NULL;
  char *end;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    return 0;
  g_ascii_strtoll (text, &end, 10);

  return g_ascii_strtoll (end, NULL, 10) * sysconf (_SC_PAGESIZE) / 1024;
}

/* What malloc has handed out and not had back, in every arena, in KiB. Unlike the resident
 * size it does not count the holes freed memory leaves in the arenas: a leak makes it grow,
 * fragmentation does not. */
static gint64
heap_in_use_kib (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) ((info.uordblks + info.hblkhd) / 1024);
}

/* How long each main loop iteration works between two polls, in wall and CPU time. */

static gint64 last_poll_end;
static gint64 last_poll_end_cpu;
static gint64 busy_max;
static gint64 busy_cpu_max;

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

  if (last_poll_end != 0)
    {
      gint64 busy = now - last_poll_end;
      gint64 busy_cpu = now_cpu - last_poll_end_cpu;

      busy_max = MAX (busy_max, busy);
      busy_cpu_max = MAX (busy_cpu_max, busy_cpu);
      if (verbose && busy_cpu > 5000)
        g_print ("  iteration of %.2f ms, %.2f ms of CPU\n", ms (busy), ms (busy_cpu));
    }

  result = g_poll (fds, n_fds, timeout);
  last_poll_end = g_get_monotonic_time ();
  last_poll_end_cpu = thread_cpu_time ();
  return result;
}

/* Where the time of each frame goes: from its start (before-paint) to the end of the layout
 * phase (GTK's measuring and allocating), then to the end of the paint phase (snapshot and
 * rendering). Our handlers run after GTK's, so they see the end of each phase. */

typedef struct
{
  gint64  frame_start;
  gint64  layout_end;
  GArray *layout;      /* gint64 µs per frame */
  GArray *paint;
} Frames;

static Frames frames;
static SfShowPage *the_page;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  frames.frame_start = g_get_monotonic_time ();
  frames.layout_end = 0;
}

static void
layout_cb (GdkFrameClock *clock,
           gpointer       data)
{
  if (frames.frame_start != 0)
    frames.layout_end = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          gpointer       data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 layout;
  gint64 paint;

  if (frames.layout_end == 0)
    return;

  layout = frames.layout_end - frames.frame_start;
  paint = now - frames.layout_end;
  g_array_append_val (frames.layout, layout);
  g_array_append_val (frames.paint, paint);
  frames.frame_start = 0;

  if (verbose)
    g_print ("  frame: layout %.2f ms, paint %.2f ms (%u season rows, %u cast cards)\n",
             ms (layout), ms (paint), count_visible (the_page, "seasons", SF_TYPE_SEASONS_SECTION, "season_list"),
             count_visible (the_page, "cast", SF_TYPE_CAST_SECTION, "cast_flow"));
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
start_fake (char **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *fallback = NULL;
  const char *path = g_getenv ("FAKE_TVMAZE");
  GSubprocess *process;

  if (path == NULL)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : g_strdup (".");

      fallback = g_build_filename (dir, "fake-tvmaze", NULL);
      path = fallback;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* It goes with us, even if we are killed. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, path, "--shows=2000", NULL);
  if (process == NULL)
    g_error ("Could not start %s: %s", path, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (*url == NULL)
    g_error ("No URL from %s: %s", path, error != NULL ? error->message : "end of output");
  /* The first line may say more than the URL. */
  g_strdelimit (*url, " \t", '\0');

  return process;
}

typedef struct
{
  gint64 section_at[G_N_ELEMENTS (sections)];
  gint64 complete_at;
  gint64 expanded_at;
  gint64 max;
  gint64 p99;
  gint64 busy_max;
  gint64 busy_cpu_max;
  guint  n_frames;
  gint64 layout_max;
  gint64 layout_p99;
  gint64 paint_max;
  gint64 paint_p99;
} Iteration;

static void
load_and_measure (SfShowPage     *page,
                  SfLatencyProbe *probe,
                  Iteration      *it)
{
  static const guint expand[] = { 0, 16, 34 };
  gint64 start;
  gint64 deadline;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    it->section_at[i] = -1;

  sf_latency_probe_reset (probe);
  busy_max = busy_cpu_max = 0;
  g_array_set_size (frames.layout, 0);
  g_array_set_size (frames.paint, 0);

  start = g_get_monotonic_time ();
  deadline = start + WAIT_USEC;
  sf_show_page_load (page, LONG_SHOW, NULL);

  while (!page_is_complete (page) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        if (it->section_at[i] < 0 && section_is_loaded (page, sections[i]))
          it->section_at[i] = g_get_monotonic_time () - start;
    }
  if (!page_is_complete (page))
    g_error ("The page was not complete after %d s", (int) (WAIT_USEC / G_USEC_PER_SEC));
  it->complete_at = g_get_monotonic_time () - start;

  /* A person opens a few seasons: their episode rows are made now. */
  for (guint i = 0; i < G_N_ELEMENTS (expand); i++)
    {
      SfSeasonRow *row = season_row (page, expand[i]);

      sf_season_row_set_expanded (row, TRUE);
      while (sf_season_row_get_n_built (row) < sf_season_row_get_n_episodes (row) &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      sf_test_run_for (100);
    }
  it->expanded_at = g_get_monotonic_time () - start;

  /* Posters, photos and the last frames. */
  sf_test_run_for (500);

  it->max = sf_latency_probe_get_max (probe);
  it->p99 = sf_latency_probe_get_percentile (probe, 99);
  it->busy_max = busy_max;
  it->busy_cpu_max = busy_cpu_max;
  it->n_frames = frames.paint->len;
  summarize (frames.layout, &it->layout_max, &it->layout_p99);
  summarize (frames.paint, &it->paint_max, &it->paint_p99);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) fake = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SfTvmazeClient) client = NULL;
  g_autoptr(SfImageLoader) loader = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(SfLatencyProbe) probe = NULL;
  const char *iterations_env = g_getenv ("BENCH_ITERATIONS");
  guint iterations = iterations_env != NULL ? (guint) atoi (iterations_env) : 5;
  GtkWindow *window;
  GdkFrameClock *clock;
  SfShowPage *page;
  gint64 rss_before;
  gint64 rss_after_first = 0;
  gint64 rss_first_trimmed = 0;
  gint64 rss_last_trimmed = 0;
  gint64 heap_first = 0;
  gint64 heap_last = 0;
  gint64 rss_after_all;
  gint64 rss_after_trim;
  gint64 worst = 0;
  gint64 worst_cpu = 0;
  gboolean hidden;

  verbose = g_getenv ("BENCH_VERBOSE") != NULL;
  hidden = g_getenv ("BENCH_HIDDEN") != NULL;

  gtk_init ();
  adw_init ();
  sf_ui_register_resources ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/seriesfinder/SeriesFinder/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  fake = start_fake (&url);

  session = soup_session_new_with_options ("timeout", 60, NULL);
  client = sf_tvmaze_client_new (session, url);
  /* Every load is a first visit as far as TVmaze's rate limit goes. */
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000, G_USEC_PER_SEC);
  loader = sf_image_loader_new (client, 32 * 1024 * 1024);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 800);
  page = sf_show_page_new (client, loader);
  the_page = page;
  gtk_window_set_child (window, GTK_WIDGET (page));
  if (!hidden)
    gtk_window_present (window);
  sf_test_run_for (500);

  frames.layout = g_array_new (FALSE, FALSE, sizeof (gint64));
  frames.paint = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* A window never shown has no frame clock. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock != NULL)
    {
      g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
      g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
      g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
    }

  g_main_context_set_poll_func (NULL, timed_poll);
  probe = sf_latency_probe_new (NULL);
  rss_before = rss_kib ();

  g_print ("Show page of the long show (35 seasons, ~1,000 episodes, 1,400 cast) from %s, "
           "GDK backend %s, renderer %s%s\n", url, g_getenv ("GDK_BACKEND") ?: "default",
           g_getenv ("GSK_RENDERER") ?: "default", hidden ? ", window hidden (nothing drawn)" : "");
  g_print ("times from load(): when each section was shown, when the page was complete, when "
           "3 seasons were open; main loop lateness (probe)\n");
  g_print ("%-4s %9s %9s %9s %9s %9s %10s %11s %9s %9s\n", "run", "show", "seasons",
           "episodes", "cast", "next", "complete", "+3 seasons", "max", "p99");

  for (guint i = 0; i < iterations; i++)
    {
      Iteration it;

      load_and_measure (page, probe, &it);
      g_print ("%-4u", i + 1);
      for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
        g_print (" %7.1fms", ms (it.section_at[s]));
      g_print (" %8.1fms %9.1fms %7.2fms %7.2fms\n", ms (it.complete_at), ms (it.expanded_at),
               ms (it.max), ms (it.p99));
      g_print ("     longest iteration %.2f ms (%.2f ms of CPU); %u frames: layout max %.2f ms, "
               "p99 %.2f ms; paint max %.2f ms, p99 %.2f ms\n",
               ms (it.busy_max), ms (it.busy_cpu_max), it.n_frames, ms (it.layout_max),
               ms (it.layout_p99), ms (it.paint_max), ms (it.paint_p99));
      worst = MAX (worst, it.max);
      worst_cpu = MAX (worst_cpu, it.busy_cpu_max);

      if (i == 0)
        rss_after_first = rss_kib ();

      /* Outside the measured time: the next load starts after it. */
      malloc_trim (0);
      rss_last_trimmed = rss_kib ();
      heap_last = heap_in_use_kib ();
      if (i == 0)
        {
          rss_first_trimmed = rss_last_trimmed;
          heap_first = heap_last;
        }
      g_print ("     memory after malloc_trim: RSS %.1f MiB (%+.1f MiB since run 1), heap in use "
               "%.1f MiB (%+.2f MiB since run 1)\n", rss_last_trimmed / 1024.0,
               (rss_last_trimmed - rss_first_trimmed) / 1024.0, heap_last / 1024.0,
               (heap_last - heap_first) / 1024.0);
    }

  sf_show_page_stop (page);
  sf_test_run_for (300);
  rss_after_all = rss_kib ();
  malloc_trim (0);
  rss_after_trim = rss_kib ();

  g_print ("longest dispatch over all runs: %.2f ms (target: none over 8 ms); "
           "longest in CPU time: %.2f ms\n", ms (worst), ms (worst_cpu));
  g_print ("memory: RSS %.1f MiB before the first load; +%.1f MiB after it (35 season rows, "
           "3 seasons open, 24 cast cards, 1,400 cast members, images); +%.1f MiB after %u "
           "loads, +%.1f MiB of it once malloc gave back what the parsers freed\n",
           rss_before / 1024.0, (rss_after_first - rss_before) / 1024.0,
           (rss_after_all - rss_before) / 1024.0, iterations,
           (rss_after_trim - rss_before) / 1024.0);
  if (iterations > 1)
    g_print ("from run 1 to run %u, each after malloc_trim: RSS %+.1f MiB (%+.2f MiB a run), "
             "heap in use %+.2f MiB (%+.3f MiB a run)\n", iterations,
             (rss_last_trimmed - rss_first_trimmed) / 1024.0,
             (rss_last_trimmed - rss_first_trimmed) / 1024.0 / (iterations - 1),
             (heap_last - heap_first) / 1024.0,
             (heap_last - heap_first) / 1024.0 / (iterations - 1));

  g_main_context_set_poll_func (NULL, g_poll);
  sf_latency_probe_free (g_steal_pointer (&probe));
  if (clock != NULL)
    g_signal_handlers_disconnect_by_data (clock, NULL);
  gtk_window_destroy (window);
  sf_test_run_for (100);
  g_array_unref (frames.layout);
  g_array_unref (frames.paint);

  g_subprocess_send_signal (fake, SIGTERM);
  g_subprocess_wait (fake, NULL, NULL);

  return 0;
}
