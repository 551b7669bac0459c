#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SF_TYPE_RATE_LIMITER (sf_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (SfRateLimiter, sf_rate_limiter, SF, RATE_LIMITER, GObject)

/* Monotonic time in microseconds; tests inject a fake clock. */
typedef gint64 (*SfClockFunc) (gpointer user_data);

/**
 * sf_rate_limiter_new:
 * @max_requests: how many requests may start within @window_usec (TVmaze: 20)
 * @window_usec: the sliding window (TVmaze: 10 s)
 *
 * A pure bookkeeping object shared by every request: it says how long a request must wait
 * (sliding window, plus a common back-off after a 429 or 5xx) and never sleeps itself.
 */
SfRateLimiter *sf_rate_limiter_new            (guint          max_requests,
                                               gint64         window_usec);
void           sf_rate_limiter_set_clock      (SfRateLimiter *self,
                                               SfClockFunc    clock,
                                               gpointer       user_data);
gint64         sf_rate_limiter_now            (SfRateLimiter *self);
/* Changes the limits (tests use a tiny window); counted requests stay counted. */
void           sf_rate_limiter_set_limits     (SfRateLimiter *self,
                                               guint          max_requests,
                                               gint64         window_usec);
/* First exponential back-off (default 2 s), for tests; the cap is 30 times it. */
void           sf_rate_limiter_set_back_off_base (SfRateLimiter *self,
                                                  gint64         base_usec);

/**
 * sf_rate_limiter_get_delay:
 *
 * Returns: microseconds until a request may start (0: now)
 */
gint64         sf_rate_limiter_get_delay      (SfRateLimiter *self);

/**
 * sf_rate_limiter_try_acquire:
 *
 * Takes a slot if one is free now.
 *
 * Returns: %TRUE if the request may start now and has been counted
 */
gboolean       sf_rate_limiter_try_acquire    (SfRateLimiter *self);

/**
 * sf_rate_limiter_back_off:
 * @retry_after_usec: the server's Retry-After, or -1 if it sent none
 * @attempt: 1 for the first retry of a request, 2 for the second, ...
 *
 * Holds every request back after a 429 (or 5xx): for Retry-After when given, else for an
 * exponential delay (2 s, 4 s, 8 s ... capped at 60 s). Returns the delay chosen.
 */
gint64         sf_rate_limiter_back_off       (SfRateLimiter *self,
                                               gint64         retry_after_usec,
                                               guint          attempt);

/* Called when a request succeeded: the back-off state ends, unless the pause a 429 asked for
 * still runs (a request that was in flight before it; the ones held back still wait). */
void           sf_rate_limiter_success        (SfRateLimiter *self);

/* Ends "backing-off" (not the pause) when no request waits any more: all gave up or were
 * cancelled, so nothing is "retrying". */
void           sf_rate_limiter_end_backing_off (SfRateLimiter *self);

/* TRUE while requests are held back by a 429; notifies "backing-off" on change. */
gboolean       sf_rate_limiter_get_backing_off (SfRateLimiter *self);

/* When held-back requests may start again (limiter clock, µs; 0 before any 429); the
 * "retry-at" property, notified when a 429 moves it. */
gint64         sf_rate_limiter_get_retry_at   (SfRateLimiter *self);
/* Whole seconds until then, rounded up (0: no wait): what "busy, retrying in N s" says. */
int            sf_rate_limiter_get_seconds_left (SfRateLimiter *self);

/* @base_usec × 2^(@attempt - 1), capped at 30 × @base_usec (shared with the client's 5xx delay) */
gint64         sf_rate_limiter_exponential_delay (gint64      base_usec,
                                                  guint       attempt);

G_END_DECLS
