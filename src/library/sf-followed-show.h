#pragma once

#include <glib-object.h>

#include "sf-episode.h"
#include "sf-show.h"

G_BEGIN_DECLS

/**
 * SfFollowedGroup:
 * @SF_FOLLOWED_UPCOMING: TVmaze announced a next episode
 * @SF_FOLLOWED_NOTHING_ANNOUNCED: still running (or unknown), no next episode announced
 * @SF_FOLLOWED_ENDED: the show ended
 *
 * Where a followed show goes on the Watchlist page, in this order.
 */
typedef enum
{
  SF_FOLLOWED_UPCOMING,
  SF_FOLLOWED_NOTHING_ANNOUNCED,
  SF_FOLLOWED_ENDED,
} SfFollowedGroup;

#define SF_TYPE_FOLLOWED_GROUP (sf_followed_group_get_type ())
GType sf_followed_group_get_type (void) G_GNUC_CONST;

#define SF_TYPE_FOLLOWED_SHOW (sf_followed_show_get_type ())

G_DECLARE_FINAL_TYPE (SfFollowedShow, sf_followed_show, SF, FOLLOWED_SHOW, GObject)

/**
 * sf_followed_show_new:
 * @show: the show as last stored
 * @next: (nullable): its next episode as last stored
 * @previous: (nullable): its previous episode as last stored
 * @added: when it was followed (Unix seconds)
 * @refreshed: when it was last fetched from TVmaze (Unix seconds), 0 for never
 *
 * One entry of the watchlist; immutable. Safe to build on any thread.
 */
SfFollowedShow  *sf_followed_show_new                  (SfShow         *show,
                                                        SfEpisode      *next,
                                                        SfEpisode      *previous,
                                                        gint64          added,
                                                        gint64          refreshed);

/* Read-only properties of the same names: id, name, show, next-episode, previous-episode,
 * added, refreshed, group. */
gint64           sf_followed_show_get_id               (SfFollowedShow *self);
const char      *sf_followed_show_get_name             (SfFollowedShow *self);
SfShow          *sf_followed_show_get_show             (SfFollowedShow *self);
/* nullable */
SfEpisode       *sf_followed_show_get_next_episode     (SfFollowedShow *self);
/* nullable */
SfEpisode       *sf_followed_show_get_previous_episode (SfFollowedShow *self);
gint64           sf_followed_show_get_added            (SfFollowedShow *self);
gint64           sf_followed_show_get_refreshed        (SfFollowedShow *self);
SfFollowedGroup  sf_followed_show_get_group            (SfFollowedShow *self);

/**
 * sf_followed_show_compare:
 * @a: (type SfFollowedShow): a followed show
 * @b: (type SfFollowedShow): another
 * @user_data: unused
 *
 * The Watchlist order: by group; upcoming shows by when their next episode airs (soonest
 * first, an episode without a date after those with one); then by name (case folded), then
 * by id. A pure #GCompareDataFunc, for g_list_store_sort() or gtk_custom_sorter_new().
 */
int              sf_followed_show_compare              (gconstpointer   a,
                                                        gconstpointer   b,
                                                        gpointer        user_data);
/* The order within Nothing Announced and Ended: by case-folded name, then id. */
int              sf_followed_show_compare_names        (gconstpointer   a,
                                                        gconstpointer   b,
                                                        gpointer        user_data);

G_END_DECLS
