/* bench-show-page.c: the page of a long series, in a real window, against the fake TVmaze
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens show 1 of the fake TVmaze (35 seasons, about 1,000 episodes, 1,400 cast rows, like
 * The Simpsons) a few times and reports, for each load:
 * - the main loop's longest dispatch and its 99th percentile (sf-latency-probe), from the
 *   load to the end of the measurement (target: none over 8 ms);
 * - when each section was shown and when the page was complete;
 * - after the page is complete, three seasons are expanded one after the other (their
 *   episode rows are made then), still under the probe;
 * - the memory the page adds: resident size (/proc/self/statm) before the first load and
 *   after it, once the main loop has run a little.
 *
 * The fake server runs as its own process (FAKE_TVMAZE, else next to this program), so that
 * neither its memory nor its threads are measured. It prints numbers; it does not pass or
 * fail on them. Run it under the test wrapper: `tests/test-wrapper.sh --broadway
 * _build/tests/bench-show-page` (or `--xvfb` with GSK_RENDERER=cairo).
 */

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include "sf-application.h"
#include "sf-latency-probe.h"
#include "sf-season-row.h"
#include "ui/sf-show-page.h"

#define LONG_SHOW   1
#define ITERATIONS  5
#define WAIT_USEC   (60 * G_USEC_PER_SEC)

static const char * const sections[] = { "show", "seasons", "episodes", "cast", "next" };

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

/* Resident set size in KiB */
static gint64
rss_kib (void)
{
  g_autofree char *text = NULL;
  gint64 pages = 0;
  char *end;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    return 0;
  g_ascii_strtoll (text, &end, 10);
  pages = g_ascii_strtoll (end, NULL, 10);

  return pages * sysconf (_SC_PAGESIZE) / 1024;
}

static GSubprocess *
start_fake (char **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *here = g_path_get_dirname (g_get_prgname () != NULL ? g_get_prgname () : ".");
  g_autofree char *fallback = NULL;
  const char *path = g_getenv ("FAKE_TVMAZE");
  GSubprocess *process;

  if (path == NULL)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : g_strdup (here);

      fallback = g_build_filename (dir, "fake-tvmaze", NULL);
      path = fallback;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, path, "--shows=2000",
                              NULL);
  if (process == NULL)
    g_error ("Could not start %s: %s", path, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (*url == NULL)
    g_error ("No URL from %s: %s", path, error != NULL ? error->message : "end of output");
  /* The first line may say more than the URL ("http://127.0.0.1:PORT ..."). */
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
  guint  samples;
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
  start = g_get_monotonic_time ();
  deadline = start + WAIT_USEC;
  sf_show_page_load (page, LONG_SHOW, NULL);

  while (!sf_show_page_is_complete (page) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        if (it->section_at[i] < 0 && sf_show_page_section_is_loaded (page, sections[i]))
          it->section_at[i] = g_get_monotonic_time () - start;
    }
  if (!sf_show_page_is_complete (page))
    g_error ("The page was not complete after %d s", (int) (WAIT_USEC / G_USEC_PER_SEC));
  it->complete_at = g_get_monotonic_time () - start;

  /* A person opens a few seasons: their episode rows are made now. */
  for (guint i = 0; i < G_N_ELEMENTS (expand); i++)
    {
      SfSeasonRow *row = SF_SEASON_ROW (sf_show_page_get_season_row (page, expand[i]));

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      while (sf_season_row_get_n_built (row) < sf_season_row_get_n_episodes (row) &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      run_for (100);
    }
  it->expanded_at = g_get_monotonic_time () - start;

  /* Posters, photos and the last frames. */
  run_for (500);

  it->max = sf_latency_probe_get_max (probe);
  it->p99 = sf_latency_probe_get_percentile (probe, 99);
  it->samples = sf_latency_probe_get_samples (probe);
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
  GtkWindow *window;
  SfShowPage *page;
  gint64 rss_before;
  gint64 rss_after_first = 0;
  gint64 rss_after_all;
  gint64 worst = 0;

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
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  run_for (500);

  probe = sf_latency_probe_new (NULL);
  rss_before = rss_kib ();

  g_print ("Show page of the long show (35 seasons, ~1,000 episodes, 1,400 cast) from %s, "
           "renderer %s\n", url, g_getenv ("GSK_RENDERER") ?: "default");
  g_print ("%-4s %10s %10s %10s %10s %10s %10s %12s %9s %9s\n", "run", "show", "seasons",
           "episodes", "cast", "next", "complete", "+3 seasons", "max", "p99");

  for (guint i = 0; i < ITERATIONS; i++)
    {
      Iteration it;

      load_and_measure (page, probe, &it);
      g_print ("%-4u", i + 1);
      for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
        g_print (" %8.1fms", ms (it.section_at[s]));
      g_print (" %8.1fms %10.1fms %7.2fms %7.2fms  (%u samples)\n", ms (it.complete_at),
               ms (it.expanded_at), ms (it.max), ms (it.p99), it.samples);
      worst = MAX (worst, it.max);

      if (i == 0)
        rss_after_first = rss_kib ();
    }

  sf_show_page_stop (page);
  run_for (300);
  rss_after_all = rss_kib ();

  g_print ("longest dispatch over all runs: %.2f ms (target: none over 8 ms)\n", ms (worst));
  g_print ("memory: RSS %.1f MiB before the first load, +%.1f MiB after it "
           "(page, 35 seasons, 3 expanded, 1,400 cast, images), +%.1f MiB after %d loads\n",
           rss_before / 1024.0, (rss_after_first - rss_before) / 1024.0,
           (rss_after_all - rss_before) / 1024.0, ITERATIONS);

  sf_latency_probe_free (g_steal_pointer (&probe));
  gtk_window_destroy (window);
  run_for (100);

  g_subprocess_send_signal (fake, SIGTERM);
  g_subprocess_wait (fake, NULL, NULL);

  return 0;
}
