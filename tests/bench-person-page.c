/* bench-person-page.c: the page of a person with 500 series, in a real window, against the
 * fake TVmaze
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens person MANY_CREDITS_PERSON_ID of the fake TVmaze (500 cast credits, each with its
 * show embedded) a few times in the same page, as a person going from person to person
 * would, and reports for each load:
 * - when the person and their series were shown, and when the page was complete (every
 *   card made);
 * - the main loop's longest dispatch and its 99th percentile (sf-latency-probe), from the
 *   load until the page has been open a while: complete, scrolled from top to bottom and
 *   back, and the window made narrower and wider again (target: none over 8 ms);
 * - the longest main loop iteration in wall time and in this thread's CPU time (on a busy
 *   machine the wall time also counts moments the system ran another process);
 * - the frames: the longest layout and paint phases and their 99th percentiles, in CPU time.
 *
 * The fake server runs as its own process (FAKE_TVMAZE, else next to this program). It prints
 * numbers; it does not pass or fail on them. `build-aux/bench --person-page` runs it, or
 * `tests/test-wrapper.sh --broadway _build/tests/bench-person-page`. BENCH_ITERATIONS=N sets
 * the number of loads (default 5); BENCH_VERBOSE=1 prints every iteration over 5 ms of CPU.
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>

#include "sf-application.h"
#include "sf-fake-catalog.h"
#include "sf-latency-probe.h"
#include "sf-person-page.h"
#include "sf-person-sections.h"
#include "sf-test-kit.h"

#define WAIT_USEC  (60 * G_USEC_PER_SEC)

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

/* The layout phase of each frame, from before-paint to the end of GTK's layout, in CPU time
 * of this thread (on a loaded machine the wall time also counts other processes), and the
 * paint phase after it. */
static gint64 frame_start;
static gint64 layout_end;
static GArray *layouts;
static GArray *paints;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  frame_start = thread_cpu_time ();
}

static void
layout_cb (GdkFrameClock *clock,
           gpointer       data)
{
  gint64 layout;

  if (frame_start == 0)
    return;
  layout_end = thread_cpu_time ();
  layout = layout_end - frame_start;
  g_array_append_val (layouts, layout);
  frame_start = 0;
}

static void
paint_cb (GdkFrameClock *clock,
          gpointer       data)
{
  gint64 paint;

  if (layout_end == 0)
    return;
  paint = thread_cpu_time () - layout_end;
  g_array_append_val (paints, paint);
  layout_end = 0;
  if (verbose)
    g_print ("  frame: layout %.2f ms, paint %.2f ms of CPU\n",
             ms (g_array_index (layouts, gint64, layouts->len - 1)), ms (paint));
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
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, path, "--shows=2000", NULL);
  if (process == NULL)
    g_error ("Could not start %s: %s", path, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (*url == NULL)
    g_error ("No URL from %s: %s", path, error != NULL ? error->message : "end of output");
  g_strdelimit (*url, " \t", '\0');

  return process;
}

static gpointer
child_of (SfPersonPage *page,
          const char   *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), SF_TYPE_PERSON_PAGE, name);
}

static gboolean
page_is_complete (SfPersonPage *page)
{
  gboolean complete;

  g_object_get (page, "complete", &complete, NULL);
  return complete;
}

typedef struct
{
  gint64 person_at;
  gint64 credits_at;
  gint64 complete_at;
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

/* The page in use: scrolled down to the last card in steps, back up, then the window made
 * narrower (fewer cards a line) and wider again. */
static void
use_page (GtkWindow    *window,
          SfPersonPage *page)
{
  GtkScrolledWindow *scrolled =
    GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (child_of (page, "credits_section"),
                                                        SF_TYPE_PERSON_CREDITS_SECTION,
                                                        "scrolled"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  for (int direction = 1; direction >= -1; direction -= 2)
    for (guint step = 0; step < 20; step++)
      {
        double upper = gtk_adjustment_get_upper (adjustment) -
                       gtk_adjustment_get_page_size (adjustment);
        double at = direction > 0 ? upper * (step + 1) / 20 : upper * (19 - step) / 20;

        gtk_adjustment_set_value (adjustment, at);
        sf_test_run_for (30);
      }

  gtk_window_set_default_size (window, 600, 800);
  sf_test_run_for (300);
  gtk_window_set_default_size (window, 1000, 800);
  sf_test_run_for (300);
}

static void
load_and_measure (GtkWindow      *window,
                  SfPersonPage   *page,
                  SfLatencyProbe *probe,
                  Iteration      *it)
{
  SfPersonHeaderSection *header = child_of (page, "header_section");
  SfPersonCreditsSection *credits = child_of (page, "credits_section");
  gint64 start;
  gint64 deadline;

  it->person_at = it->credits_at = -1;
  sf_latency_probe_reset (probe);
  busy_max = busy_cpu_max = 0;
  g_array_set_size (layouts, 0);
  g_array_set_size (paints, 0);

  start = g_get_monotonic_time ();
  deadline = start + WAIT_USEC;
  sf_person_page_load (page, MANY_CREDITS_PERSON_ID);

  while (!page_is_complete (page) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (it->person_at < 0 && sf_person_header_section_get_person (header) != NULL)
        it->person_at = g_get_monotonic_time () - start;
      if (it->credits_at < 0 && sf_person_credits_section_get_credits (credits) != NULL)
        it->credits_at = g_get_monotonic_time () - start;
    }
  if (!page_is_complete (page))
    g_error ("The page was not complete after %d s", (int) (WAIT_USEC / G_USEC_PER_SEC));
  it->complete_at = g_get_monotonic_time () - start;
  if (sf_person_credits_section_get_credits (credits)->len != MANY_CREDITS)
    g_error ("%u credits, not %d", sf_person_credits_section_get_credits (credits)->len,
             MANY_CREDITS);

  /* The photo, the last frames, then the page in use. */
  sf_test_run_for (300);
  use_page (window, page);

  it->max = sf_latency_probe_get_max (probe);
  it->p99 = sf_latency_probe_get_percentile (probe, 99);
  it->busy_max = busy_max;
  it->busy_cpu_max = busy_cpu_max;
  it->n_frames = layouts->len;
  summarize (layouts, &it->layout_max, &it->layout_p99);
  summarize (paints, &it->paint_max, &it->paint_p99);
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
  SfPersonPage *page;
  gint64 worst = 0;
  gint64 worst_cpu = 0;
  gint64 worst_layout = 0;

  verbose = g_getenv ("BENCH_VERBOSE") != NULL;

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
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000, G_USEC_PER_SEC);
  loader = sf_image_loader_new (client, 32 * 1024 * 1024);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 800);
  page = sf_person_page_new (client, loader);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  sf_test_run_for (500);

  layouts = g_array_new (FALSE, FALSE, sizeof (gint64));
  paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock != NULL)
    {
      g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
      g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
      g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
    }

  g_main_context_set_poll_func (NULL, timed_poll);
  probe = sf_latency_probe_new (NULL);

  g_print ("Person page of a person with %d series (person %" G_GINT64_FORMAT ") from %s, "
           "GDK backend %s, renderer %s\n", MANY_CREDITS, (gint64) MANY_CREDITS_PERSON_ID, url,
           g_getenv ("GDK_BACKEND") ?: "default", g_getenv ("GSK_RENDERER") ?: "default");
  g_print ("times from load(): person shown, series answered, page complete (every card); "
           "main loop lateness (probe) until the page was scrolled and resized\n");
  g_print ("%-4s %9s %9s %10s %9s %9s\n", "run", "person", "series", "complete", "max", "p99");

  for (guint i = 0; i < iterations; i++)
    {
      Iteration it;

      load_and_measure (window, page, probe, &it);
      g_print ("%-4u %7.1fms %7.1fms %8.1fms %7.2fms %7.2fms\n", i + 1, ms (it.person_at),
               ms (it.credits_at), ms (it.complete_at), ms (it.max), ms (it.p99));
      g_print ("     longest iteration %.2f ms (%.2f ms of CPU); %u frames, in CPU time: layout "
               "max %.2f ms, p99 %.2f ms; paint max %.2f ms, p99 %.2f ms\n", ms (it.busy_max),
               ms (it.busy_cpu_max), it.n_frames, ms (it.layout_max), ms (it.layout_p99),
               ms (it.paint_max), ms (it.paint_p99));
      worst = MAX (worst, it.max);
      worst_cpu = MAX (worst_cpu, it.busy_cpu_max);
      worst_layout = MAX (worst_layout, it.layout_max);
    }

  sf_person_page_stop (page);
  sf_test_run_for (300);

  g_print ("longest dispatch with the page open, over all runs: %.2f ms (target: none over "
           "8 ms); longest in CPU time: %.2f ms; longest layout (CPU): %.2f ms\n", ms (worst),
           ms (worst_cpu), ms (worst_layout));

  gtk_window_destroy (window);
  sf_test_run_for (100);
  g_array_unref (layouts);
  g_array_unref (paints);
  g_subprocess_force_exit (fake);

  return 0;
}
