#pragma once

#include <gtk/gtk.h>

#include "sf-episode.h"

G_BEGIN_DECLS

#define SF_TYPE_EPISODE_ROW (sf_episode_row_get_type ())

G_DECLARE_FINAL_TYPE (SfEpisodeRow, sf_episode_row, SF, EPISODE_ROW, GtkListBoxRow)

/* A row for one episode: name, code, air date and time in @zone, runtime and rating.
 * Activating it shows its summary, whose label is only made then. */
GtkWidget *sf_episode_row_new               (SfEpisode    *episode,
                                             GTimeZone    *zone);
SfEpisode *sf_episode_row_get_episode       (SfEpisodeRow *self);
gboolean   sf_episode_row_get_expanded      (SfEpisodeRow *self);
/* Does nothing for an episode without a summary. */
void       sf_episode_row_set_expanded      (SfEpisodeRow *self,
                                             gboolean      expanded);
/* For tests: the summary label, NULL until the row was first expanded */
GtkLabel  *sf_episode_row_get_summary_label (SfEpisodeRow *self);

G_END_DECLS
