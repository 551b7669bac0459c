#include "config.h"

#include "sf-latency-probe.h"
#include "sf-test-kit.h"

static gboolean
block_cb (gpointer data)
{
  /* Deliberately hold the loop, as a bug in the program would. */
  g_usleep (GPOINTER_TO_UINT (data) * 1000);
  return G_SOURCE_REMOVE;
}

static void
test_idle_loop (void)
{
  g_autoptr(SfLatencyProbe) probe = sf_latency_probe_new (NULL);

  sf_test_run_for (200);

  /* A probe due every millisecond fires many times in 200 ms of an idle loop. */
  g_assert_cmpuint (sf_latency_probe_get_samples (probe), >, 50);
  g_assert_cmpint (sf_latency_probe_get_percentile (probe, 50), <=,
                   sf_latency_probe_get_percentile (probe, 99));
  g_assert_cmpint (sf_latency_probe_get_percentile (probe, 99), <=,
                   sf_latency_probe_get_max (probe));
}

static void
test_blocked_loop (void)
{
  g_autoptr(SfLatencyProbe) probe = sf_latency_probe_new (NULL);
  g_autofree char *summary = NULL;

  sf_test_run_for (20);
  g_timeout_add (5, block_cb, GUINT_TO_POINTER (60));
  sf_test_run_for (150);

  /* The 60 ms block must show as (at least nearly) 60 ms of lateness. */
  g_assert_cmpint (sf_latency_probe_get_max (probe), >=, 55000);
  g_assert_cmpint (sf_latency_probe_get_percentile (probe, 100), ==,
                   sf_latency_probe_get_max (probe));

  summary = sf_latency_probe_dup_summary (probe);
  g_assert_true (g_str_has_prefix (summary, "main loop latency: max "));

  sf_latency_probe_reset (probe);
  g_assert_cmpint (sf_latency_probe_get_max (probe), ==, 0);
  g_assert_cmpuint (sf_latency_probe_get_samples (probe), ==, 0);
}

static void
test_env (void)
{
  g_unsetenv ("SERIES_FINDER_DEBUG");
  g_assert_false (sf_latency_probe_enabled_by_env ());
  g_setenv ("SERIES_FINDER_DEBUG", "http,latency", TRUE);
  g_assert_true (sf_latency_probe_enabled_by_env ());
  g_unsetenv ("SERIES_FINDER_DEBUG");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/latency-probe/idle-loop", test_idle_loop);
  g_test_add_func ("/series-finder/latency-probe/blocked-loop", test_blocked_loop);
  g_test_add_func ("/series-finder/latency-probe/env", test_env);

  return g_test_run ();
}
