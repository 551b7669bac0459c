#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SfLatencyProbe SfLatencyProbe;

/**
 * sf_latency_probe_new:
 * @context: (nullable): the main context to watch (%NULL: the global default)
 *
 * Measures how responsive a main loop is: a high-priority source due every millisecond
 * records how late it fires. A late firing means some other dispatch held the loop.
 */
SfLatencyProbe *sf_latency_probe_new        (GMainContext   *context);
void            sf_latency_probe_free       (SfLatencyProbe *self);

void            sf_latency_probe_reset      (SfLatencyProbe *self);
/* longest lateness seen, in microseconds */
gint64          sf_latency_probe_get_max    (SfLatencyProbe *self);
/* the given percentile (0..100) of lateness, in microseconds */
gint64          sf_latency_probe_get_percentile (SfLatencyProbe *self,
                                                 double          percentile);
guint           sf_latency_probe_get_samples (SfLatencyProbe *self);
/* "main loop latency: max 3.2 ms, p99 1.1 ms over 1234 samples" */
char           *sf_latency_probe_dup_summary (SfLatencyProbe *self);

/* TRUE when SERIES_FINDER_DEBUG contains "latency" */
gboolean        sf_latency_probe_enabled_by_env (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfLatencyProbe, sf_latency_probe_free)

G_END_DECLS
