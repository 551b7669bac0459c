#include "config.h"

#include <string.h>

#include "sf-latency-probe.h"

/* Lateness is kept in a histogram of 50 µs buckets up to 1 s (anything later lands in the
 * last bucket; the exact maximum is kept apart), so a probe can run for hours in fixed memory. */
#define BUCKET_USEC 50
#define N_BUCKETS   (1000000 / BUCKET_USEC)
#define PERIOD_USEC 1000

typedef struct
{
  GSource         source;
  SfLatencyProbe *probe;
} ProbeSource;

struct _SfLatencyProbe
{
  GSource *source;          /* owned */
  gint64   max;
  guint    samples;
  guint    buckets[N_BUCKETS];
};

static gboolean
probe_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  ProbeSource *self = (ProbeSource *) source;
  SfLatencyProbe *probe = self->probe;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - g_source_get_ready_time (source);
  guint bucket;

  if (late < 0)
    late = 0;

  if (late > probe->max)
    probe->max = late;

  bucket = MIN (late / BUCKET_USEC, N_BUCKETS - 1);
  probe->buckets[bucket]++;
  probe->samples++;

  g_source_set_ready_time (source, now + PERIOD_USEC);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs probe_source_funcs = {
  .dispatch = probe_source_dispatch,
};

/**
 * sf_latency_probe_new:
 * @context: (nullable): the main context to watch
 *
 * Returns: (transfer full): a running probe; free it with sf_latency_probe_free()
 */
SfLatencyProbe *
sf_latency_probe_new (GMainContext *context)
{
  SfLatencyProbe *self = g_new0 (SfLatencyProbe, 1);
  ProbeSource *source;

  source = (ProbeSource *) g_source_new (&probe_source_funcs, sizeof (ProbeSource));
  source->probe = self;
  self->source = (GSource *) source;

  /* Above every other priority, so a late firing can only mean that the loop was held. */
  g_source_set_priority (self->source, G_PRIORITY_HIGH - 100);
  g_source_set_name (self->source, "[series-finder] latency probe");
  g_source_set_ready_time (self->source, g_get_monotonic_time () + PERIOD_USEC);
  g_source_attach (self->source, context);

  return self;
}

void
sf_latency_probe_free (SfLatencyProbe *self)
{
  if (self == NULL)
    return;

  g_source_destroy (self->source);
  g_source_unref (self->source);
  g_free (self);
}

void
sf_latency_probe_reset (SfLatencyProbe *self)
{
  g_return_if_fail (self != NULL);

  self->max = 0;
  self->samples = 0;
  memset (self->buckets, 0, sizeof self->buckets);
}

gint64
sf_latency_probe_get_max (SfLatencyProbe *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max;
}

guint
sf_latency_probe_get_samples (SfLatencyProbe *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->samples;
}

gint64
sf_latency_probe_get_percentile (SfLatencyProbe *self,
                                 double          percentile)
{
  guint64 wanted;
  guint64 seen = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->samples == 0)
    return 0;

  percentile = CLAMP (percentile, 0.0, 100.0);
  wanted = (guint64) (self->samples * percentile / 100.0 + 0.5);
  if (wanted == 0)
    wanted = 1;

  for (guint i = 0; i < N_BUCKETS; i++)
    {
      seen += self->buckets[i];
      if (seen >= wanted)
        return MIN ((gint64) (i + 1) * BUCKET_USEC, self->max);
    }

  return self->max;
}

char *
sf_latency_probe_dup_summary (SfLatencyProbe *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup_printf ("main loop latency: max %.1f ms, p99 %.1f ms, p50 %.1f ms over %u samples",
                          self->max / 1000.0,
                          sf_latency_probe_get_percentile (self, 99) / 1000.0,
                          sf_latency_probe_get_percentile (self, 50) / 1000.0,
                          self->samples);
}

gboolean
sf_latency_probe_enabled_by_env (void)
{
  const char *debug = g_getenv ("SERIES_FINDER_DEBUG");

  return debug != NULL && strstr (debug, "latency") != NULL;
}
