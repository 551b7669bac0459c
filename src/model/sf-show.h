#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SF_TYPE_SHOW (sf_show_get_type ())

G_DECLARE_FINAL_TYPE (SfShow, sf_show, SF, SHOW, GObject)

/**
 * sf_show_new_from_json:
 * @node: a TVmaze Show object
 * @error: return location for a #SfModelError
 *
 * Builds a show from TVmaze JSON. Every field but `id` and `name` is optional: absent keys,
 * `null`, empty strings and values of the wrong type all read as "unknown", so 2017-era and
 * current payloads both load. Strings are kept exactly as sent (they are escaped where they
 * are displayed); dates and times that are not "YYYY-MM-DD" / "HH:MM" and links that are not
 * http(s) read as unknown.
 *
 * Returns: (transfer full): the show, or %NULL with @error set if @node is not an object
 *   with a positive integer `id` and a non-empty string `name`
 */
SfShow      *sf_show_new_from_json          (JsonNode    *node,
                                             GError     **error);

/* The id (positive) and name are always set; every other string getter returns NULL when
 * TVmaze did not say. Properties: id, name, url, show-type, language, status, genres, runtime,
 * premiered, ended, premiere-year, end-year, rating, weight, network-name, web-channel-name,
 * channel-name, country-code, image-medium, summary-html (all read-only) and score. */
gint64       sf_show_get_id                 (SfShow      *self);
const char  *sf_show_get_name               (SfShow      *self);
/* TVmaze web page of the show (attribution link); nullable */
const char  *sf_show_get_url                (SfShow      *self);
const char  *sf_show_get_show_type          (SfShow      *self);
const char  *sf_show_get_language           (SfShow      *self);
const char  *sf_show_get_status             (SfShow      *self);
/* never NULL, may be empty */
const char * const *sf_show_get_genres      (SfShow      *self);
/* runtime in minutes, falling back to averageRuntime; -1 when unknown */
int          sf_show_get_runtime            (SfShow      *self);
/* TVmaze's averageRuntime alone (absent from 2017-era data); -1 when unknown */
int          sf_show_get_average_runtime    (SfShow      *self);
/* "YYYY-MM-DD" or NULL */
const char  *sf_show_get_premiered          (SfShow      *self);
const char  *sf_show_get_ended              (SfShow      *self);
/* year of the premiere, or 0 when unknown */
int          sf_show_get_premiere_year      (SfShow      *self);
int          sf_show_get_end_year           (SfShow      *self);
const char  *sf_show_get_official_site      (SfShow      *self);
/* "HH:MM" or NULL */
const char  *sf_show_get_schedule_time      (SfShow      *self);
/* never NULL, may be empty */
const char * const *sf_show_get_schedule_days (SfShow    *self);
/* average rating 0..10, or -1 when TVmaze has none */
double       sf_show_get_rating             (SfShow      *self);
gboolean     sf_show_has_rating             (SfShow      *self);
/* TVmaze's popularity weight (0..100), or -1 when unknown */
int          sf_show_get_weight             (SfShow      *self);
const char  *sf_show_get_network_name       (SfShow      *self);
const char  *sf_show_get_web_channel_name   (SfShow      *self);
/* the web channel if there is one, else the network; nullable */
const char  *sf_show_get_channel_name       (SfShow      *self);
/* ISO 3166 code and name of the channel's country (web channel, else network); nullable */
const char  *sf_show_get_country_code       (SfShow      *self);
const char  *sf_show_get_country_name       (SfShow      *self);
/* IANA time zone of the channel's country; nullable */
const char  *sf_show_get_timezone           (SfShow      *self);
const char  *sf_show_get_imdb_id            (SfShow      *self);
/* image URLs, https:// even when TVmaze sent http://; nullable */
const char  *sf_show_get_image_medium       (SfShow      *self);
const char  *sf_show_get_image_original     (SfShow      *self);
/* TVmaze's HTML summary as sent; nullable */
const char  *sf_show_get_summary_html       (SfShow      *self);
gint64       sf_show_get_updated            (SfShow      *self);
/* ids parsed from _links.previousepisode / nextepisode; 0 when absent */
gint64       sf_show_get_previous_episode_id (SfShow     *self);
gint64       sf_show_get_next_episode_id    (SfShow      *self);

/* relevance score of a search hit (scale varies over time); 0 when not from a search */
double       sf_show_get_score              (SfShow      *self);
void         sf_show_set_score              (SfShow      *self,
                                             double       score);

/* "2012", "2012–2017", "2012–" or NULL, for display */
char        *sf_show_dup_years_text         (SfShow      *self);

/**
 * sf_show_to_json:
 * @self: a show
 *
 * Serialises the fields of the command-line `--json` output (`id`, `name`, `url`, `premiered`,
 * `ended`, `status`, `type`, `genres`, `rating`, `network`, `webChannel`, `language`,
 * `runtime`, `weight`, `country`, `image`). Unknown values are `null`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode    *sf_show_to_json                (SfShow      *self);

/* Arrays of show ids (element-type gint64): the order (for g_array_sort() and bsearch()),
 * and sorting with repeats dropped. */
int          sf_show_id_compare             (gconstpointer a,
                                             gconstpointer b);
void         sf_show_ids_sort_unique        (GArray      *ids);

G_END_DECLS
