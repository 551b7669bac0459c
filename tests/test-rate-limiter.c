/* test-rate-limiter.c: the limiter's bookkeeping, on a fake clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-rate-limiter.h"

#define SECOND ((gint64) G_USEC_PER_SEC)
#define WINDOW (10 * SECOND)

typedef struct
{
  SfRateLimiter *limiter;
  gint64         now;
  guint          n_notifies;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
on_backing_off_notify (SfRateLimiter *limiter,
                       GParamSpec    *pspec,
                       Fixture       *fixture)
{
  fixture->n_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* an arbitrary start, far from 0, so nothing relies on the clock starting at zero */
  fixture->now = 1000 * SECOND;
  fixture->limiter = sf_rate_limiter_new (20, WINDOW);
  sf_rate_limiter_set_clock (fixture->limiter, fake_clock, fixture);
  g_signal_connect (fixture->limiter, "notify::backing-off",
                    G_CALLBACK (on_backing_off_notify), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->limiter);
}

static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 first = fixture->now;

  g_assert_cmpint (sf_rate_limiter_now (fixture->limiter), ==, first);

  /* 20 starts, 100 ms apart */
  for (guint i = 0; i < 20; i++)
    {
      g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 0);
      g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));
      fixture->now += 100 * 1000;
    }

  /* the 21st waits exactly until the first leaves the window */
  g_assert_false (sf_rate_limiter_try_acquire (fixture->limiter));
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==,
                   first + WINDOW - fixture->now);

  fixture->now = first + WINDOW - 1;
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 1);
  g_assert_false (sf_rate_limiter_try_acquire (fixture->limiter));

  fixture->now = first + WINDOW;
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 0);
  g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));

  /* and the 22nd waits for the second, 100 ms later */
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 100 * 1000);

  /* a failed try takes nothing */
  g_assert_false (sf_rate_limiter_try_acquire (fixture->limiter));
  fixture->now += 100 * 1000;
  g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));

  /* once everything has left the window, 20 may start at the same instant */
  fixture->now += WINDOW;
  for (guint i = 0; i < 20; i++)
    g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));
  g_assert_false (sf_rate_limiter_try_acquire (fixture->limiter));
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, WINDOW);

  g_assert_cmpuint (fixture->n_notifies, ==, 0);
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
}

static void
test_set_limits (Fixture       *fixture,
                 gconstpointer  data)
{
  sf_rate_limiter_set_limits (fixture->limiter, 2, 50 * 1000);

  g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));
  g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));
  g_assert_false (sf_rate_limiter_try_acquire (fixture->limiter));
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 50 * 1000);

  /* shrinking keeps what was counted: the newest of the two must leave first */
  sf_rate_limiter_set_limits (fixture->limiter, 1, 50 * 1000);
  fixture->now += 10 * 1000;
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 40 * 1000);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 start = fixture->now;

  g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));

  /* the server's Retry-After wins over the exponential delay, for every request */
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, 5 * SECOND, 3), ==, 5 * SECOND);
  g_assert_true (sf_rate_limiter_get_backing_off (fixture->limiter));
  g_assert_cmpuint (fixture->n_notifies, ==, 1);
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 5 * SECOND);
  g_assert_false (sf_rate_limiter_try_acquire (fixture->limiter));

  fixture->now = start + 5 * SECOND - 1;
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 1);
  g_assert_false (sf_rate_limiter_try_acquire (fixture->limiter));

  fixture->now = start + 5 * SECOND;
  g_assert_true (sf_rate_limiter_try_acquire (fixture->limiter));

  /* a shorter back-off never shortens a pause already agreed on */
  sf_rate_limiter_back_off (fixture->limiter, 10 * SECOND, 1);
  sf_rate_limiter_back_off (fixture->limiter, 1 * SECOND, 1);
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 10 * SECOND);

  /* Retry-After: 0 means "now" */
  fixture->now += 10 * SECOND;
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, 0, 1), ==, 0);
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 0);

  /* an absurd Retry-After is capped at two minutes */
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, 24 * 3600 * SECOND, 1), ==,
                   120 * SECOND);
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 120 * SECOND);

  /* one notification for the whole back-off */
  g_assert_cmpuint (fixture->n_notifies, ==, 1);
}

static void
test_exponential (Fixture       *fixture,
                  gconstpointer  data)
{
  static const gint64 expected[] = { 2, 4, 8, 16, 32, 60, 60, 60 };

  for (guint attempt = 1; attempt <= G_N_ELEMENTS (expected); attempt++)
    {
      gint64 delay = sf_rate_limiter_back_off (fixture->limiter, -1, attempt);

      g_assert_cmpint (delay, ==, expected[attempt - 1] * SECOND);
      g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, delay);
      fixture->now += delay;
      g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 0);
    }

  /* no overflow for silly attempts; 0 reads as the first */
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, -1, G_MAXUINT), ==, 60 * SECOND);
  fixture->now += 60 * SECOND;
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, -1, 0), ==, 2 * SECOND);

  /* the base scales the whole curve, cap included */
  sf_rate_limiter_set_back_off_base (fixture->limiter, 10 * 1000);
  fixture->now += 2 * SECOND;
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, -1, 1), ==, 10 * 1000);
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, -1, 3), ==, 40 * 1000);
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, -1, 10), ==, 300 * 1000);

  g_assert_cmpint (sf_rate_limiter_exponential_delay (SECOND, 1), ==, SECOND);
  g_assert_cmpint (sf_rate_limiter_exponential_delay (SECOND, 5), ==, 16 * SECOND);
  g_assert_cmpint (sf_rate_limiter_exponential_delay (SECOND, 6), ==, 30 * SECOND);

  g_assert_cmpuint (fixture->n_notifies, ==, 1);
}

static void
test_notify (Fixture       *fixture,
             gconstpointer  data)
{
  /* success without a back-off changes nothing */
  sf_rate_limiter_success (fixture->limiter);
  g_assert_cmpuint (fixture->n_notifies, ==, 0);

  sf_rate_limiter_back_off (fixture->limiter, -1, 1);
  g_assert_cmpuint (fixture->n_notifies, ==, 1);
  sf_rate_limiter_back_off (fixture->limiter, -1, 2);
  sf_rate_limiter_back_off (fixture->limiter, SECOND, 3);
  g_assert_cmpuint (fixture->n_notifies, ==, 1);

  /* the pause running out is not a success: still backing off */
  fixture->now += 60 * SECOND;
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 0);
  g_assert_true (sf_rate_limiter_get_backing_off (fixture->limiter));

  sf_rate_limiter_success (fixture->limiter);
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
  g_assert_cmpuint (fixture->n_notifies, ==, 2);
  sf_rate_limiter_success (fixture->limiter);
  g_assert_cmpuint (fixture->n_notifies, ==, 2);

  /* and again, through end_backing_off this time */
  sf_rate_limiter_back_off (fixture->limiter, -1, 1);
  g_assert_cmpuint (fixture->n_notifies, ==, 3);
  sf_rate_limiter_end_backing_off (fixture->limiter);
  sf_rate_limiter_end_backing_off (fixture->limiter);
  g_assert_cmpuint (fixture->n_notifies, ==, 4);
  g_assert_false (sf_rate_limiter_get_backing_off (fixture->limiter));
}

static void
test_success_clears (Fixture       *fixture,
                     gconstpointer  data)
{
  gboolean backing_off = FALSE;

  sf_rate_limiter_back_off (fixture->limiter, 3 * SECOND, 1);
  g_object_get (fixture->limiter, "backing-off", &backing_off, NULL);
  g_assert_true (backing_off);

  /* a request already in flight succeeds during the pause: the requests held back still
   * wait, so the state stays, and so does the server's pause */
  sf_rate_limiter_success (fixture->limiter);
  g_object_get (fixture->limiter, "backing-off", &backing_off, NULL);
  g_assert_true (backing_off);
  g_assert_cmpint (sf_rate_limiter_get_delay (fixture->limiter), ==, 3 * SECOND);

  /* once the pause is over, a success clears it */
  fixture->now += 3 * SECOND;
  sf_rate_limiter_success (fixture->limiter);
  g_object_get (fixture->limiter, "backing-off", &backing_off, NULL);
  g_assert_false (backing_off);

  /* the next 429 starts the exponential curve from the attempt given, not from history */
  g_assert_cmpint (sf_rate_limiter_back_off (fixture->limiter, -1, 1), ==, 2 * SECOND);
  g_assert_true (sf_rate_limiter_get_backing_off (fixture->limiter));
  g_assert_cmpuint (fixture->n_notifies, ==, 3);
}

static void
test_default_clock (void)
{
  g_autoptr(SfRateLimiter) limiter = sf_rate_limiter_new (1, 60 * SECOND);
  gint64 before = g_get_monotonic_time ();
  gint64 now = sf_rate_limiter_now (limiter);

  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now, <=, g_get_monotonic_time ());

  g_assert_true (sf_rate_limiter_try_acquire (limiter));
  g_assert_cmpint (sf_rate_limiter_get_delay (limiter), >, 59 * SECOND);
  g_assert_cmpint (sf_rate_limiter_get_delay (limiter), <=, 60 * SECOND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/series-finder/rate-limiter/" name, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("window", test_window);
  ADD ("set-limits", test_set_limits);
  ADD ("retry-after", test_retry_after);
  ADD ("exponential", test_exponential);
  ADD ("notify", test_notify);
  ADD ("success-clears", test_success_clears);
  g_test_add_func ("/series-finder/rate-limiter/default-clock", test_default_clock);

#undef ADD

  return g_test_run ();
}
