#pragma once

#include <gtk/gtk.h>

#include "sf-show-details.h"

G_BEGIN_DECLS

#define SF_TYPE_SEASON_ROW (sf_season_row_get_type ())

G_DECLARE_FINAL_TYPE (SfSeasonRow, sf_season_row, SF, SEASON_ROW, GtkListBoxRow)

/* A row for one season (@group's episodes) that expands to its episodes. Their rows are made
 * on demand, a few at a time, by whoever calls sf_season_row_build_next() (the page, within
 * its time budget); "notify::expanded" says when they are wanted. */
GtkWidget *sf_season_row_new             (SfEpisodeGroup *group);
int        sf_season_row_get_number      (SfSeasonRow    *self);
/* TVmaze's season (dates, name) once it is known; nullable */
void       sf_season_row_set_season      (SfSeasonRow    *self,
                                          SfSeason       *season);
gboolean   sf_season_row_get_expanded    (SfSeasonRow    *self);
void       sf_season_row_set_expanded    (SfSeasonRow    *self,
                                          gboolean        expanded);
/* TRUE while the row was expanded and not all of its episode rows exist yet */
gboolean   sf_season_row_needs_build     (SfSeasonRow    *self);
/* Creates the next episode row; returns TRUE while more remain. */
gboolean   sf_season_row_build_next      (SfSeasonRow    *self,
                                          GTimeZone      *zone);
guint      sf_season_row_get_n_episodes  (SfSeasonRow    *self);
/* episode rows created so far */
guint      sf_season_row_get_n_built     (SfSeasonRow    *self);
/* (nullable) the @index-th episode row (an SfEpisodeRow), for tests */
GtkWidget *sf_season_row_get_episode_row (SfSeasonRow    *self,
                                          guint           index);

G_END_DECLS
