/* sf-rate-limiter.c: when may the next TVmaze request start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-rate-limiter.h"

/* The server's Retry-After is honoured up to this long: a broken or hostile header must not
 * freeze the program for hours. */
#define MAX_RETRY_AFTER_USEC (120 * G_USEC_PER_SEC)
#define DEFAULT_BACK_OFF_BASE_USEC (2 * G_USEC_PER_SEC)
/* The exponential back-off stops growing at 30 × base (60 s for the default 2 s). */
#define BACK_OFF_CAP_FACTOR 30

struct _SfRateLimiter
{
  GObject      parent_instance;

  guint        max_requests;
  gint64       window_usec;
  /* start times of the requests still inside the window, oldest first */
  GArray      *starts;              /* owned, element-type gint64 */

  /* every request is held back until then (0: no pause) */
  gint64       paused_until;
  gint64       back_off_base_usec;
  gboolean     backing_off;

  SfClockFunc  clock;
  gpointer     clock_data;          /* borrowed */
};

G_DEFINE_FINAL_TYPE (SfRateLimiter, sf_rate_limiter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BACKING_OFF,
  PROP_RETRY_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
default_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
set_backing_off (SfRateLimiter *self,
                 gboolean       backing_off)
{
  backing_off = !!backing_off;
  if (self->backing_off == backing_off)
    return;

  self->backing_off = backing_off;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKING_OFF]);
}

/* Forgets the starts that have left the window by @now. */
static void
prune (SfRateLimiter *self,
       gint64         now)
{
  guint n_old = 0;

  while (n_old < self->starts->len &&
         now - g_array_index (self->starts, gint64, n_old) >= self->window_usec)
    n_old++;

  if (n_old > 0)
    g_array_remove_range (self->starts, 0, n_old);
}

static gint64
delay_at (SfRateLimiter *self,
          gint64         now)
{
  gint64 delay = 0;

  prune (self, now);

  if (self->starts->len >= self->max_requests)
    {
      /* the request that must leave the window before one more may start */
      guint index = self->starts->len - self->max_requests;
      gint64 leaves = g_array_index (self->starts, gint64, index) + self->window_usec;

      delay = MAX (delay, leaves - now);
    }

  if (self->paused_until > now)
    delay = MAX (delay, self->paused_until - now);

  return delay;
}

static void
sf_rate_limiter_finalize (GObject *object)
{
  SfRateLimiter *self = SF_RATE_LIMITER (object);

  g_clear_pointer (&self->starts, g_array_unref);

  G_OBJECT_CLASS (sf_rate_limiter_parent_class)->finalize (object);
}

static void
sf_rate_limiter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SfRateLimiter *self = SF_RATE_LIMITER (object);

  switch (prop_id)
    {
    case PROP_BACKING_OFF:
      g_value_set_boolean (value, self->backing_off);
      break;

    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->paused_until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_rate_limiter_class_init (SfRateLimiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_rate_limiter_finalize;
  object_class->get_property = sf_rate_limiter_get_property;

  /**
   * SfRateLimiter:backing-off:
   *
   * Whether requests are held back because the server answered 429 ("busy, retrying").
   */
  properties[PROP_BACKING_OFF] =
    g_param_spec_boolean ("backing-off", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SfRateLimiter:retry-at:
   *
   * When requests held back by a 429 may start again, in the limiter's monotonic clock
   * (sf_rate_limiter_now()); 0 before any 429. Notified each time a 429 moves it, so the
   * window's busy banner and the command line can say how long the wait is
   * (sf_rate_limiter_get_seconds_left()).
   */
  properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_rate_limiter_init (SfRateLimiter *self)
{
  self->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->back_off_base_usec = DEFAULT_BACK_OFF_BASE_USEC;
  self->clock = default_clock;
}

SfRateLimiter *
sf_rate_limiter_new (guint  max_requests,
                     gint64 window_usec)
{
  SfRateLimiter *self;

  g_return_val_if_fail (max_requests > 0, NULL);
  g_return_val_if_fail (window_usec >= 0, NULL);

  self = g_object_new (SF_TYPE_RATE_LIMITER, NULL);
  self->max_requests = max_requests;
  self->window_usec = window_usec;

  return self;
}

/**
 * sf_rate_limiter_set_clock:
 * @clock: (nullable): returns monotonic microseconds; %NULL restores g_get_monotonic_time()
 * @user_data: passed to @clock
 *
 * Replaces the clock, for tests.
 */
void
sf_rate_limiter_set_clock (SfRateLimiter *self,
                           SfClockFunc    clock,
                           gpointer       user_data)
{
  g_return_if_fail (SF_IS_RATE_LIMITER (self));

  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
}

/**
 * sf_rate_limiter_set_limits:
 * @max_requests: how many requests may start within @window_usec
 * @window_usec: the sliding window
 *
 * Changes the limits; the requests already counted stay counted.
 */
void
sf_rate_limiter_set_limits (SfRateLimiter *self,
                            guint          max_requests,
                            gint64         window_usec)
{
  g_return_if_fail (SF_IS_RATE_LIMITER (self));
  g_return_if_fail (max_requests > 0);
  g_return_if_fail (window_usec >= 0);

  self->max_requests = max_requests;
  self->window_usec = window_usec;
}

/**
 * sf_rate_limiter_set_back_off_base:
 * @base_usec: the first exponential back-off (default 2 s); it doubles up to 30 × @base_usec
 *
 * Scales the back-off used when the server sends no Retry-After; tests make it short.
 */
void
sf_rate_limiter_set_back_off_base (SfRateLimiter *self,
                                   gint64         base_usec)
{
  g_return_if_fail (SF_IS_RATE_LIMITER (self));
  g_return_if_fail (base_usec >= 0);

  self->back_off_base_usec = base_usec;
}

/**
 * sf_rate_limiter_now:
 *
 * Returns: the limiter's clock, in monotonic microseconds
 */
gint64
sf_rate_limiter_now (SfRateLimiter *self)
{
  g_return_val_if_fail (SF_IS_RATE_LIMITER (self), 0);

  return self->clock (self->clock_data);
}

gint64
sf_rate_limiter_get_delay (SfRateLimiter *self)
{
  g_return_val_if_fail (SF_IS_RATE_LIMITER (self), 0);

  return delay_at (self, sf_rate_limiter_now (self));
}

gboolean
sf_rate_limiter_try_acquire (SfRateLimiter *self)
{
  gint64 now;

  g_return_val_if_fail (SF_IS_RATE_LIMITER (self), FALSE);

  now = sf_rate_limiter_now (self);
  if (delay_at (self, now) > 0)
    return FALSE;

  g_array_append_val (self->starts, now);

  return TRUE;
}

/**
 * sf_rate_limiter_exponential_delay:
 * @base_usec: the first delay
 * @attempt: 1 for the first retry, 2 for the second, ...
 *
 * Returns: @base_usec × 2^(@attempt - 1), capped at 30 × @base_usec
 */
gint64
sf_rate_limiter_exponential_delay (gint64 base_usec,
                                   guint  attempt)
{
  gint64 cap = base_usec * BACK_OFF_CAP_FACTOR;
  gint64 delay = base_usec;

  for (guint i = 1; i < attempt && delay < cap; i++)
    delay *= 2;

  return MIN (delay, cap);
}

gint64
sf_rate_limiter_back_off (SfRateLimiter *self,
                          gint64         retry_after_usec,
                          guint          attempt)
{
  gint64 delay;
  gint64 now;

  g_return_val_if_fail (SF_IS_RATE_LIMITER (self), 0);

  if (retry_after_usec >= 0)
    delay = MIN (retry_after_usec, MAX_RETRY_AFTER_USEC);
  else
    delay = sf_rate_limiter_exponential_delay (self->back_off_base_usec, MAX (attempt, 1));

  now = sf_rate_limiter_now (self);
  if (now + delay > self->paused_until)
    {
      self->paused_until = now + delay;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
    }

  set_backing_off (self, TRUE);

  return delay;
}

void
sf_rate_limiter_success (SfRateLimiter *self)
{
  g_return_if_fail (SF_IS_RATE_LIMITER (self));

  /* A request that was already in flight when the 429 came may succeed during the pause:
   * the requests held back still wait for it, and the "busy" note stays with them. */
  if (sf_rate_limiter_now (self) < self->paused_until)
    return;

  set_backing_off (self, FALSE);
}

/**
 * sf_rate_limiter_end_backing_off:
 *
 * Ends the backing-off state without a success, when no request waits any more (the last
 * one gave up or was cancelled), so the UI stops saying "retrying". The pause stays.
 */
void
sf_rate_limiter_end_backing_off (SfRateLimiter *self)
{
  g_return_if_fail (SF_IS_RATE_LIMITER (self));

  set_backing_off (self, FALSE);
}

gboolean
sf_rate_limiter_get_backing_off (SfRateLimiter *self)
{
  g_return_val_if_fail (SF_IS_RATE_LIMITER (self), FALSE);

  return self->backing_off;
}

gint64
sf_rate_limiter_get_retry_at (SfRateLimiter *self)
{
  g_return_val_if_fail (SF_IS_RATE_LIMITER (self), 0);

  return self->paused_until;
}

int
sf_rate_limiter_get_seconds_left (SfRateLimiter *self)
{
  gint64 left;

  g_return_val_if_fail (SF_IS_RATE_LIMITER (self), 0);

  left = self->paused_until - sf_rate_limiter_now (self);
  if (left <= 0)
    return 0;

  return (int) MIN ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, G_MAXINT);
}
