#pragma once

#include <adwaita.h>

#include "sf-episode.h"

G_BEGIN_DECLS

#define SF_TYPE_EPISODE_ROW (sf_episode_row_get_type ())

G_DECLARE_FINAL_TYPE (SfEpisodeRow, sf_episode_row, SF, EPISODE_ROW, AdwExpanderRow)

/* A row for one episode: name, code, air date and time in @zone, runtime and rating. The
 * summary label is only created when the row is first expanded. */
GtkWidget *sf_episode_row_new            (SfEpisode    *episode,
                                          GTimeZone    *zone);
SfEpisode *sf_episode_row_get_episode    (SfEpisodeRow *self);
/* For tests: the summary label, NULL until the row was expanded */
GtkLabel  *sf_episode_row_get_summary_label (SfEpisodeRow *self);

G_END_DECLS
