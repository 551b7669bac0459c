#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SF_TYPE_SEASON (sf_season_get_type ())

G_DECLARE_FINAL_TYPE (SfSeason, sf_season, SF, SEASON, GObject)

/**
 * sf_season_new_from_json:
 * @node: a TVmaze Season object (`/shows/:id/seasons`)
 * @error: return location for a #SfModelError
 *
 * Builds a season from TVmaze JSON. Only a positive integer `id` is required; everything
 * else reads as unknown when absent, null, "" or of the wrong type. Safe to call from any
 * thread.
 *
 * Returns: (transfer full): the season, or %NULL with @error set
 */
SfSeason   *sf_season_new_from_json        (JsonNode   *node,
                                            GError    **error);

/* Read-only properties of the same names: id, number, name, episode-order, premiere-date,
 * end-date, channel-name, image-medium, summary-html. */
gint64      sf_season_get_id               (SfSeason   *self);
/* TVmaze web page, https; nullable */
const char *sf_season_get_url              (SfSeason   *self);
/* 1, 2, ...; 0 when unknown */
int         sf_season_get_number           (SfSeason   *self);
/* TVmaze usually sends ""; NULL then */
const char *sf_season_get_name             (SfSeason   *self);
/* episodes announced for the season; -1 when unknown */
int         sf_season_get_episode_order    (SfSeason   *self);
/* "YYYY-MM-DD"; nullable */
const char *sf_season_get_premiere_date    (SfSeason   *self);
const char *sf_season_get_end_date         (SfSeason   *self);
/* nullable */
const char *sf_season_get_network_name     (SfSeason   *self);
const char *sf_season_get_web_channel_name (SfSeason   *self);
/* the web channel if there is one, else the network; nullable */
const char *sf_season_get_channel_name     (SfSeason   *self);
/* poster URLs, https; nullable */
const char *sf_season_get_image_medium     (SfSeason   *self);
const char *sf_season_get_image_original   (SfSeason   *self);
/* TVmaze's HTML as sent; nullable */
const char *sf_season_get_summary_html     (SfSeason   *self);

G_END_DECLS
