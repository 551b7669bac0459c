/* Benchmark of the title search in the real window, against the fake TVmaze.
 *
 * 1. Slow server (3 s per API answer) with posters loading: a person types several queries
 *    letter by letter and scrolls; the latency probe reports how long the main loop was held.
 * 2. Instant server: the time from the end of the debounce (the entry's search-changed) to the
 *    results painted on screen (the first frame after the results model changed).
 *
 * It prints numbers; it does not pass or fail on them. */
#include "config.h"

#include "sf-fake-server.h"
#include "sf-latency-probe.h"
#include "sf-test-kit.h"
#include "sf-window.h"

static gint64 search_changed_at;
static gboolean results_pending;
static GArray *to_screen;

static gboolean
search_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               data)
{
  search_changed_at = g_get_monotonic_time ();
  return TRUE;
}

static void
results_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    gpointer    data)
{
  if (added > 0)
    results_pending = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  if (results_pending)
    {
      gint64 elapsed = g_get_monotonic_time () - search_changed_at;

      results_pending = FALSE;
      g_array_append_val (to_screen, elapsed);
    }
}

/* The window's search entry, a child of its template */
static GtkEditable *
window_entry (SfWindow *window)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), SF_TYPE_WINDOW,
                                                      "search_entry"));
}

static void
type_slowly (SfWindow   *window,
             const char *text)
{
  GtkEditable *entry = window_entry (window);
  g_autoptr(GString) typed = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_string_append_unichar (typed, g_utf8_get_char (p));
      gtk_editable_set_text (entry, typed->str);
      sf_test_run_for (120);
    }
}

static GtkWidget *
find_grid (GtkWidget *widget)
{
  if (GTK_IS_GRID_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_grid (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
scroll_results (SfWindow *window)
{
  GtkWidget *grid = find_grid (GTK_WIDGET (window));
  GtkAdjustment *adj;

  g_assert (grid != NULL);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  for (int i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj)
                                      - gtk_adjustment_get_page_size (adj)) * (i % 2));
      sf_test_run_for (30);
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SfFakeServer) server = NULL;
  g_autoptr(SfApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *slow_queries[] = { "river", "night", "house", "crime", "star", "garden" };
  const char *fast_queries[] = { "river", "night", "house", "crime", "star", "garden",
                                 "doctor", "city", "love", "blue", "ship", "summer" };
  SfLatencyProbe *probe;
  SfWindow *window;
  GdkFrameClock *clock;
  gint64 max = 0, sum = 0;

  gtk_init ();

  server = sf_fake_server_new (20000, 1);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("fake server: %s", error->message);
  g_setenv ("SERIES_FINDER_API_URL", sf_fake_server_get_url (server), TRUE);

  app = sf_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  window = sf_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  sf_test_run_for (500);

  /* 1. Slow answers, posters loading, typing and scrolling all the while. */
  sf_fake_server_set_latency (server, 3000, 300);
  probe = sf_latency_probe_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (slow_queries); i++)
    {
      g_autoptr(SfLatencyProbe) per_query = sf_latency_probe_new (NULL);
      gint64 typed_max, waited_max;

      type_slowly (window, slow_queries[i]);
      typed_max = sf_latency_probe_get_max (per_query);
      sf_latency_probe_reset (per_query);
      sf_test_run_for (3500);
      waited_max = sf_latency_probe_get_max (per_query);
      sf_latency_probe_reset (per_query);
      scroll_results (window);
      g_print ("  query %u “%s”: longest dispatch while typing %.1f ms, while the answer and "
               "posters arrive %.1f ms, while scrolling %.1f ms\n", i + 1, slow_queries[i],
               typed_max / 1000.0, waited_max / 1000.0,
               sf_latency_probe_get_max (per_query) / 1000.0);
    }
  summary = sf_latency_probe_dup_summary (probe);
  g_print ("slow server (3 s API latency, posters loading, %zu queries typed letter by letter):\n"
           "  %s\n", G_N_ELEMENTS (slow_queries), summary);
  g_print ("  longest dispatch %.2f ms, p99 %.2f ms (target: none over 8 ms)\n",
           sf_latency_probe_get_max (probe) / 1000.0,
           sf_latency_probe_get_percentile (probe, 99) / 1000.0);
  sf_latency_probe_free (probe);

  /* 2. Instant answers: debounce end to pixels. */
  sf_fake_server_set_latency (server, 0, 0);
  to_screen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                              search_changed_hook, NULL, NULL);
  g_signal_connect (gtk_widget_get_template_child (GTK_WIDGET (window), SF_TYPE_WINDOW, "results"),
                    "items-changed", G_CALLBACK (results_changed_cb), NULL);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fast_queries); i++)
    {
      gtk_editable_set_text (window_entry (window), "");
      sf_test_run_for (400);
      gtk_editable_set_text (window_entry (window), fast_queries[i]);
      sf_test_run_for (700);
    }

  g_array_sort (to_screen, compare_gint64);
  for (guint i = 0; i < to_screen->len; i++)
    {
      sum += g_array_index (to_screen, gint64, i);
      max = MAX (max, g_array_index (to_screen, gint64, i));
    }
  if (to_screen->len > 0)
    g_print ("instant server: debounce end to results on screen over %u searches: "
             "median %.1f ms, mean %.1f ms, max %.1f ms (target: under 50 ms)\n",
             to_screen->len,
             g_array_index (to_screen, gint64, to_screen->len / 2) / 1000.0,
             sum / 1000.0 / to_screen->len, max / 1000.0);
  else
    g_print ("instant server: no results reached the screen\n");

  gtk_window_destroy (GTK_WINDOW (window));
  sf_test_run_for (100);
  g_array_unref (to_screen);
  sf_fake_server_stop (server);

  return 0;
}
