#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SfEpisodeType:
 * @SF_EPISODE_REGULAR: a numbered episode of a season
 * @SF_EPISODE_SIGNIFICANT_SPECIAL: a special TVmaze lists with the season
 * @SF_EPISODE_INSIGNIFICANT_SPECIAL: a minor special (recap, behind the scenes, ...)
 *
 * TVmaze's episode `type`. An episode without a number is a special whatever its type says;
 * a special of unknown kind (2017-era data has no `type`) is significant.
 */
typedef enum
{
  SF_EPISODE_REGULAR,
  SF_EPISODE_SIGNIFICANT_SPECIAL,
  SF_EPISODE_INSIGNIFICANT_SPECIAL,
} SfEpisodeType;

#define SF_TYPE_EPISODE_TYPE (sf_episode_type_get_type ())
GType sf_episode_type_get_type (void) G_GNUC_CONST;

#define SF_TYPE_EPISODE (sf_episode_get_type ())

G_DECLARE_FINAL_TYPE (SfEpisode, sf_episode, SF, EPISODE, GObject)

/**
 * sf_episode_new_from_json:
 * @node: a TVmaze Episode object
 * @error: return location for a #SfModelError
 *
 * Builds an episode from TVmaze JSON. Every field but a positive integer `id` is optional
 * (absent, null, "" or of the wrong type read as unknown), so 2017-era and current payloads
 * both load. Safe to call from any thread.
 *
 * Returns: (transfer full): the episode, or %NULL with @error set
 */
SfEpisode     *sf_episode_new_from_json      (JsonNode     *node,
                                              GError      **error);

/* All read-only properties of the same names: id, url, name, season, number, episode-type,
 * is-special, airdate, airtime, airstamp, runtime, rating, image-medium, summary-html. */
gint64         sf_episode_get_id             (SfEpisode    *self);
/* TVmaze web page (attribution link), https; nullable */
const char    *sf_episode_get_url            (SfEpisode    *self);
/* nullable */
const char    *sf_episode_get_name           (SfEpisode    *self);
/* season number (1, 2, ...); 0 when unknown */
int            sf_episode_get_season         (SfEpisode    *self);
/* number within the season; -1 for specials (TVmaze sends null) */
int            sf_episode_get_number         (SfEpisode    *self);
SfEpisodeType  sf_episode_get_episode_type   (SfEpisode    *self);
gboolean       sf_episode_is_special         (SfEpisode    *self);
/* the broadcaster's programming day, "YYYY-MM-DD"; nullable */
const char    *sf_episode_get_airdate        (SfEpisode    *self);
/* the broadcaster's local "HH:MM"; NULL when TVmaze announced no time ("") */
const char    *sf_episode_get_airtime        (SfEpisode    *self);
/* the instant it airs, in UTC; nullable. Without an airtime it is only TVmaze's
 * placeholder for the day (often 12:00 UTC): show the date, not the time. */
GDateTime     *sf_episode_get_airstamp       (SfEpisode    *self);
/* minutes; -1 when unknown */
int            sf_episode_get_runtime        (SfEpisode    *self);
/* average rating 0..10; -1 when TVmaze has none */
double         sf_episode_get_rating         (SfEpisode    *self);
gboolean       sf_episode_has_rating         (SfEpisode    *self);
/* landscape image URLs, https; nullable */
const char    *sf_episode_get_image_medium   (SfEpisode    *self);
const char    *sf_episode_get_image_original (SfEpisode    *self);
/* TVmaze's HTML as sent; nullable */
const char    *sf_episode_get_summary_html   (SfEpisode    *self);
/* from `_links.show`; 0 when absent */
gint64         sf_episode_get_show_id        (SfEpisode    *self);

/* "S03E04"; "Special" (translated) for specials; "E04" when the season is unknown */
char          *sf_episode_dup_code           (SfEpisode    *self);

/**
 * sf_episode_dup_local_airtime:
 * @self: an episode
 * @zone: the zone to show the time in (the person's, g_time_zone_new_local())
 *
 * Returns: (transfer full) (nullable): the airstamp in @zone, or %NULL when TVmaze gave no
 *   instant or no air time (the airstamp is then a placeholder)
 */
GDateTime     *sf_episode_dup_local_airtime  (SfEpisode    *self,
                                              GTimeZone    *zone);

/**
 * sf_episode_dup_air_date:
 * @self: an episode
 * @zone: the person's zone
 *
 * The day the episode airs for the person: the airstamp's date in @zone when there is an
 * air time, else TVmaze's airdate (a streaming release day has no meaningful instant).
 *
 * Returns: (transfer full) (nullable): the date, or %NULL when unknown
 */
GDate         *sf_episode_dup_air_date       (SfEpisode    *self,
                                              GTimeZone    *zone);

/* The same as sf_schedule_dup_episode_text() (see sf-schedule.h), for older callers. */
char          *sf_episode_dup_relative_text  (SfEpisode    *self,
                                              GDateTime    *now,
                                              GTimeZone    *zone);

G_END_DECLS
