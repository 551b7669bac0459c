/* sf-show.c: one TVmaze show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-json-reader.h"
#include "sf-json.h"
#include "sf-model-error.h"
#include "sf-show.h"

/* Sanity limits: values outside them are broken data and read as unknown. */
#define MAX_RUNTIME_MINUTES 10000
#define MAX_RATING 10.0

struct _SfShow
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *url;                   /* nullable */
  char     *show_type;             /* nullable */
  char     *language;              /* nullable */
  char     *status;                /* nullable */
  GStrv     genres;                /* never NULL */
  int       runtime;               /* -1: unknown */
  int       average_runtime;       /* -1: unknown */
  char     *premiered;             /* nullable, checked "YYYY-MM-DD" */
  char     *ended;                 /* nullable, checked "YYYY-MM-DD" */
  int       premiere_year;         /* 0: unknown */
  int       end_year;              /* 0: unknown */
  char     *official_site;         /* nullable */
  char     *schedule_time;         /* nullable, checked "HH:MM" */
  GStrv     schedule_days;         /* never NULL */
  double    rating;                /* negative: none */
  int       weight;                /* -1: unknown */
  char     *network_name;          /* nullable */
  char     *web_channel_name;      /* nullable */
  char     *country_code;          /* nullable */
  char     *country_name;          /* nullable */
  char     *timezone;              /* nullable */
  char     *imdb_id;               /* nullable */
  char     *image_medium;          /* nullable */
  char     *image_original;        /* nullable */
  char     *summary_html;          /* nullable */
  gint64    updated;               /* 0: unknown */
  gint64    previous_episode_id;   /* 0: none */
  gint64    next_episode_id;       /* 0: none */
  double    score;
};

G_DEFINE_FINAL_TYPE (SfShow, sf_show, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_URL,
  PROP_SHOW_TYPE,
  PROP_LANGUAGE,
  PROP_STATUS,
  PROP_GENRES,
  PROP_RUNTIME,
  PROP_PREMIERED,
  PROP_ENDED,
  PROP_PREMIERE_YEAR,
  PROP_END_YEAR,
  PROP_RATING,
  PROP_WEIGHT,
  PROP_NETWORK_NAME,
  PROP_WEB_CHANNEL_NAME,
  PROP_CHANNEL_NAME,
  PROP_COUNTRY_CODE,
  PROP_IMAGE_MEDIUM,
  PROP_SUMMARY_HTML,
  PROP_SCORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* JSON readers. Absent members, null and values of another type all give "unknown"; none of
 * them may warn (json_object_get_string_member() and friends do on absent members). */

static GStrv
dup_string_array_member (JsonObject *object,
                         const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *value;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            continue;

          /* a genre or a day is text: repaired, not dropped (see sf-json-reader.h) */
          value = json_node_get_string (element);
          if (value != NULL && *value != '\0')
            {
              g_autofree char *text = g_utf8_make_valid (value, -1);

              g_strv_builder_add (builder, text);
            }
        }
    }

  return g_strv_builder_end (builder);
}

/* A real calendar date written "YYYY-MM-DD" (else NULL), and its year (else 0). */
static char *
dup_date_member (JsonObject *object,
                 const char *member,
                 int        *out_year)
{
  char *date = sf_json_reader_dup_date_member (object, member);

  *out_year = date != NULL ? (int) g_ascii_strtoll (date, NULL, 10) : 0;
  return date;
}

/* "https://api.tvmaze.com/episodes/1079686" gives 1079686; anything else 0. */
static gint64
episode_id_from_link (JsonObject *links,
                      const char *member)
{
  const char *href = sf_json_reader_get_string_member (sf_json_reader_get_object_member (links, member), "href");
  const char *slash;
  guint64 id;

  if (href == NULL)
    return 0;

  slash = strrchr (href, '/');
  if (slash == NULL || slash - href < 9 || strncmp (slash - 9, "/episodes", 9) != 0)
    return 0;

  if (!g_ascii_string_to_unsigned (slash + 1, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  return (gint64) id;
}

static void
read_country (SfShow     *self,
              JsonObject *country)
{
  self->country_code = sf_json_reader_dup_token_member (country, "code");
  self->country_name = sf_json_reader_dup_string_member (country, "name");
  /* it goes to g_time_zone_new_identifier(), which opens paths */
  self->timezone = sf_json_reader_dup_time_zone_member (country, "timezone");
}

static void
sf_show_finalize (GObject *object)
{
  SfShow *self = (SfShow *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->show_type, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->genres, g_strfreev);
  g_clear_pointer (&self->premiered, g_free);
  g_clear_pointer (&self->ended, g_free);
  g_clear_pointer (&self->official_site, g_free);
  g_clear_pointer (&self->schedule_time, g_free);
  g_clear_pointer (&self->schedule_days, g_strfreev);
  g_clear_pointer (&self->network_name, g_free);
  g_clear_pointer (&self->web_channel_name, g_free);
  g_clear_pointer (&self->country_code, g_free);
  g_clear_pointer (&self->country_name, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->imdb_id, g_free);
  g_clear_pointer (&self->image_medium, g_free);
  g_clear_pointer (&self->image_original, g_free);
  g_clear_pointer (&self->summary_html, g_free);

  G_OBJECT_CLASS (sf_show_parent_class)->finalize (object);
}

static void
sf_show_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SfShow *self = SF_SHOW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_SHOW_TYPE:
      g_value_set_string (value, self->show_type);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_GENRES:
      g_value_set_boxed (value, self->genres);
      break;
    case PROP_RUNTIME:
      g_value_set_int (value, sf_show_get_runtime (self));
      break;
    case PROP_PREMIERED:
      g_value_set_string (value, self->premiered);
      break;
    case PROP_ENDED:
      g_value_set_string (value, self->ended);
      break;
    case PROP_PREMIERE_YEAR:
      g_value_set_int (value, self->premiere_year);
      break;
    case PROP_END_YEAR:
      g_value_set_int (value, self->end_year);
      break;
    case PROP_RATING:
      g_value_set_double (value, self->rating);
      break;
    case PROP_WEIGHT:
      g_value_set_int (value, self->weight);
      break;
    case PROP_NETWORK_NAME:
      g_value_set_string (value, self->network_name);
      break;
    case PROP_WEB_CHANNEL_NAME:
      g_value_set_string (value, self->web_channel_name);
      break;
    case PROP_CHANNEL_NAME:
      g_value_set_string (value, sf_show_get_channel_name (self));
      break;
    case PROP_COUNTRY_CODE:
      g_value_set_string (value, self->country_code);
      break;
    case PROP_IMAGE_MEDIUM:
      g_value_set_string (value, self->image_medium);
      break;
    case PROP_SUMMARY_HTML:
      g_value_set_string (value, self->summary_html);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_show_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SfShow *self = SF_SHOW (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      sf_show_set_score (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                              G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
int_property (const char *name,
              int         min,
              int         default_value)
{
  return g_param_spec_int (name, NULL, NULL, min, G_MAXINT, default_value,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY);
}

static void
sf_show_class_init (SfShowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sf_show_finalize;
  object_class->get_property = sf_show_get_property;
  object_class->set_property = sf_show_set_property;

  /* Everything but the score is fixed once parsed, so only the score ever notifies. */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_URL] = string_property ("url");
  properties[PROP_SHOW_TYPE] = string_property ("show-type");
  properties[PROP_LANGUAGE] = string_property ("language");
  properties[PROP_STATUS] = string_property ("status");
  properties[PROP_GENRES] = g_param_spec_boxed ("genres", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_RUNTIME] = int_property ("runtime", -1, -1);
  properties[PROP_PREMIERED] = string_property ("premiered");
  properties[PROP_ENDED] = string_property ("ended");
  properties[PROP_PREMIERE_YEAR] = int_property ("premiere-year", 0, 0);
  properties[PROP_END_YEAR] = int_property ("end-year", 0, 0);
  properties[PROP_RATING] = g_param_spec_double ("rating", NULL, NULL,
                                                 -1.0, MAX_RATING, -1.0, ro);
  properties[PROP_WEIGHT] = int_property ("weight", -1, -1);
  properties[PROP_NETWORK_NAME] = string_property ("network-name");
  properties[PROP_WEB_CHANNEL_NAME] = string_property ("web-channel-name");
  properties[PROP_CHANNEL_NAME] = string_property ("channel-name");
  properties[PROP_COUNTRY_CODE] = string_property ("country-code");
  properties[PROP_IMAGE_MEDIUM] = string_property ("image-medium");
  properties[PROP_SUMMARY_HTML] = string_property ("summary-html");
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL,
                                                -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_show_init (SfShow *self)
{
  self->runtime = -1;
  self->average_runtime = -1;
  self->rating = -1.0;
  self->weight = -1;
}

SfShow *
sf_show_new_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(SfShow) self = NULL;
  JsonObject *object;
  JsonObject *network;
  JsonObject *web_channel;
  JsonObject *web_country;
  JsonObject *image;
  JsonObject *links;
  g_autofree char *name = NULL;
  gint64 id = 0;
  gint64 value;
  double number;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sf_json_reader_expect_object (node, "A show", error);
  if (object == NULL)
    return NULL;
  if (!sf_json_reader_expect_id (object, "A show", &id, error))
    return NULL;

  /* a name with a broken character is still the show's name: repaired, not refused */
  name = sf_json_reader_dup_string_member (object, "name");
  if (name == NULL)
    {
      g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                   "Show %" G_GINT64_FORMAT " has no “name”", id);
      return NULL;
    }

  self = g_object_new (SF_TYPE_SHOW, NULL);
  self->id = id;
  self->name = g_steal_pointer (&name);
  self->url = sf_json_reader_dup_web_url_member (object, "url");
  self->show_type = sf_json_reader_dup_string_member (object, "type");
  self->language = sf_json_reader_dup_string_member (object, "language");
  self->status = sf_json_reader_dup_string_member (object, "status");
  self->genres = dup_string_array_member (object, "genres");

  if (sf_json_reader_get_int_member (object, "runtime", 1, MAX_RUNTIME_MINUTES, &value))
    self->runtime = (int) value;
  if (sf_json_reader_get_int_member (object, "averageRuntime", 1, MAX_RUNTIME_MINUTES, &value))
    self->average_runtime = (int) value;

  self->premiered = dup_date_member (object, "premiered", &self->premiere_year);
  self->ended = dup_date_member (object, "ended", &self->end_year);
  self->official_site = sf_json_reader_dup_web_url_member (object, "officialSite");

  self->schedule_time = sf_json_reader_dup_time_member (sf_json_reader_get_object_member (object, "schedule"), "time");
  self->schedule_days = dup_string_array_member (sf_json_reader_get_object_member (object, "schedule"),
                                                 "days");

  if (sf_json_reader_get_number_member (sf_json_reader_get_object_member (object, "rating"), "average", &number) &&
      number >= 0.0 && number <= MAX_RATING)
    self->rating = number;

  if (sf_json_reader_get_int_member (object, "weight", 0, G_MAXINT, &value))
    self->weight = (int) value;

  network = sf_json_reader_get_object_member (object, "network");
  web_channel = sf_json_reader_get_object_member (object, "webChannel");
  self->network_name = sf_json_reader_dup_string_member (network, "name");
  self->web_channel_name = sf_json_reader_dup_string_member (web_channel, "name");

  /* Global streaming services have no country; the network's, if any, is the next best. */
  web_country = sf_json_reader_get_object_member (web_channel, "country");
  if (web_country != NULL)
    read_country (self, web_country);
  else
    read_country (self, sf_json_reader_get_object_member (network, "country"));

  self->imdb_id = sf_json_reader_dup_token_member (sf_json_reader_get_object_member (object, "externals"), "imdb");

  image = sf_json_reader_get_object_member (object, "image");
  self->image_medium = sf_json_reader_dup_web_url_member (image, "medium");
  self->image_original = sf_json_reader_dup_web_url_member (image, "original");

  self->summary_html = sf_json_reader_dup_string_member (object, "summary");

  if (sf_json_reader_get_int_member (object, "updated", 0, G_MAXINT64, &value))
    self->updated = value;

  links = sf_json_reader_get_object_member (object, "_links");
  self->previous_episode_id = episode_id_from_link (links, "previousepisode");
  self->next_episode_id = episode_id_from_link (links, "nextepisode");

  return g_steal_pointer (&self);
}

gint64
sf_show_get_id (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), 0);

  return self->id;
}

const char *
sf_show_get_name (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->name;
}

const char *
sf_show_get_url (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->url;
}

const char *
sf_show_get_show_type (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->show_type;
}

const char *
sf_show_get_language (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->language;
}

const char *
sf_show_get_status (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->status;
}

const char * const *
sf_show_get_genres (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return (const char * const *) self->genres;
}

int
sf_show_get_runtime (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), -1);

  /* runtime is null for variable-length shows; the average is then the best answer */
  return self->runtime > 0 ? self->runtime : self->average_runtime;
}

int
sf_show_get_average_runtime (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), -1);

  return self->average_runtime;
}

const char *
sf_show_get_premiered (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->premiered;
}

const char *
sf_show_get_ended (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->ended;
}

int
sf_show_get_premiere_year (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), 0);

  return self->premiere_year;
}

int
sf_show_get_end_year (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), 0);

  return self->end_year;
}

const char *
sf_show_get_official_site (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->official_site;
}

const char *
sf_show_get_schedule_time (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->schedule_time;
}

const char * const *
sf_show_get_schedule_days (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return (const char * const *) self->schedule_days;
}

double
sf_show_get_rating (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), -1.0);

  return self->rating;
}

gboolean
sf_show_has_rating (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), FALSE);

  return self->rating >= 0.0;
}

int
sf_show_get_weight (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), -1);

  return self->weight;
}

const char *
sf_show_get_network_name (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->network_name;
}

const char *
sf_show_get_web_channel_name (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->web_channel_name;
}

const char *
sf_show_get_channel_name (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->web_channel_name != NULL ? self->web_channel_name : self->network_name;
}

const char *
sf_show_get_country_code (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->country_code;
}

const char *
sf_show_get_country_name (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->country_name;
}

const char *
sf_show_get_timezone (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->timezone;
}

const char *
sf_show_get_imdb_id (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->imdb_id;
}

const char *
sf_show_get_image_medium (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->image_medium;
}

const char *
sf_show_get_image_original (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->image_original;
}

const char *
sf_show_get_summary_html (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  return self->summary_html;
}

gint64
sf_show_get_updated (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), 0);

  return self->updated;
}

gint64
sf_show_get_previous_episode_id (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), 0);

  return self->previous_episode_id;
}

gint64
sf_show_get_next_episode_id (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), 0);

  return self->next_episode_id;
}

double
sf_show_get_score (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), 0.0);

  return self->score;
}

/**
 * sf_show_set_score:
 * @self: a show
 * @score: the relevance score TVmaze gave the search hit
 *
 * Sets #SfShow:score, notifying only when it changes.
 */
void
sf_show_set_score (SfShow *self,
                   double  score)
{
  g_return_if_fail (SF_IS_SHOW (self));

  if (self->score == score)
    return;

  self->score = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

/**
 * sf_show_dup_years_text:
 * @self: a show
 *
 * The years a show ran, for display: "2012" (one season, or ended at an unknown date),
 * "2012–2017", "2012–" (still running, or its end is unknown), or %NULL when the premiere is
 * unknown.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
sf_show_dup_years_text (SfShow *self)
{
  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  if (self->premiere_year <= 0)
    return NULL;

  if (self->end_year > self->premiere_year)
    return g_strdup_printf ("%d–%d", self->premiere_year, self->end_year);

  /* Ended in its first year; an end before the start is broken data, shown as the start. */
  if (self->end_year > 0)
    return g_strdup_printf ("%d", self->premiere_year);

  /* 2017-era data has no "ended": an ended show must not read as running. */
  if (g_strcmp0 (self->status, "Ended") == 0)
    return g_strdup_printf ("%d", self->premiere_year);

  return g_strdup_printf ("%d–", self->premiere_year);
}

JsonNode *
sf_show_to_json (SfShow *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (SF_IS_SHOW (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  sf_json_builder_add_int (builder, "id", self->id, TRUE);
  sf_json_builder_add_string (builder, "name", self->name);
  sf_json_builder_add_string (builder, "url", self->url);
  sf_json_builder_add_string (builder, "premiered", self->premiered);
  sf_json_builder_add_string (builder, "ended", self->ended);
  sf_json_builder_add_string (builder, "status", self->status);
  sf_json_builder_add_string (builder, "type", self->show_type);

  json_builder_set_member_name (builder, "genres");
  json_builder_begin_array (builder);
  for (guint i = 0; self->genres[i] != NULL; i++)
    json_builder_add_string_value (builder, self->genres[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rating");
  if (sf_show_has_rating (self))
    json_builder_add_double_value (builder, self->rating);
  else
    json_builder_add_null_value (builder);

  sf_json_builder_add_string (builder, "network", self->network_name);
  sf_json_builder_add_string (builder, "webChannel", self->web_channel_name);
  sf_json_builder_add_string (builder, "language", self->language);
  sf_json_builder_add_int (builder, "runtime", sf_show_get_runtime (self),
                           sf_show_get_runtime (self) > 0);
  sf_json_builder_add_int (builder, "weight", self->weight, self->weight >= 0);
  sf_json_builder_add_string (builder, "country", self->country_code);
  sf_json_builder_add_string (builder, "image",
                      self->image_medium != NULL ? self->image_medium : self->image_original);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

int
sf_show_id_compare (gconstpointer a,
                    gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

void
sf_show_ids_sort_unique (GArray *ids)
{
  guint kept = 0;

  g_return_if_fail (ids != NULL);

  g_array_sort (ids, sf_show_id_compare);
  for (guint i = 0; i < ids->len; i++)
    if (kept == 0 || g_array_index (ids, gint64, kept - 1) != g_array_index (ids, gint64, i))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);
}
