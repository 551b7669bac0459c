/* sf-episode.c: one TVmaze episode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-episode.h"
#include "sf-json-reader.h"
#include "sf-model-error.h"
#include "sf-schedule.h"

/* Sanity limits: values outside them are broken data and read as unknown. */
#define MAX_RUNTIME_MINUTES 10000
#define MAX_RATING 10.0
#define MAX_NUMBER 100000

struct _SfEpisode
{
  GObject        parent_instance;

  gint64         id;
  char          *url;             /* nullable */
  char          *name;            /* nullable */
  int            season;          /* 0: unknown */
  int            number;          /* -1: special (null) */
  SfEpisodeType  type;
  char          *airdate;         /* nullable, checked "YYYY-MM-DD" */
  char          *airtime;         /* nullable, checked "HH:MM" */
  GDateTime     *airstamp;        /* nullable, UTC */
  int            runtime;         /* -1: unknown */
  double         rating;          /* negative: none */
  char          *image_medium;    /* nullable */
  char          *image_original;  /* nullable */
  char          *summary_html;    /* nullable */
  gint64         show_id;         /* 0: unknown */
};

G_DEFINE_FINAL_TYPE (SfEpisode, sf_episode, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SfEpisodeType, sf_episode_type,
  G_DEFINE_ENUM_VALUE (SF_EPISODE_REGULAR, "regular"),
  G_DEFINE_ENUM_VALUE (SF_EPISODE_SIGNIFICANT_SPECIAL, "significant-special"),
  G_DEFINE_ENUM_VALUE (SF_EPISODE_INSIGNIFICANT_SPECIAL, "insignificant-special"))

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_NAME,
  PROP_SEASON,
  PROP_NUMBER,
  PROP_EPISODE_TYPE,
  PROP_IS_SPECIAL,
  PROP_AIRDATE,
  PROP_AIRTIME,
  PROP_AIRSTAMP,
  PROP_RUNTIME,
  PROP_RATING,
  PROP_IMAGE_MEDIUM,
  PROP_SUMMARY_HTML,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sf_episode_finalize (GObject *object)
{
  SfEpisode *self = (SfEpisode *) object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->airdate, g_free);
  g_clear_pointer (&self->airtime, g_free);
  g_clear_pointer (&self->airstamp, g_date_time_unref);
  g_clear_pointer (&self->image_medium, g_free);
  g_clear_pointer (&self->image_original, g_free);
  g_clear_pointer (&self->summary_html, g_free);

  G_OBJECT_CLASS (sf_episode_parent_class)->finalize (object);
}

static void
sf_episode_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SfEpisode *self = SF_EPISODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SEASON:
      g_value_set_int (value, self->season);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    case PROP_EPISODE_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_IS_SPECIAL:
      g_value_set_boolean (value, sf_episode_is_special (self));
      break;
    case PROP_AIRDATE:
      g_value_set_string (value, self->airdate);
      break;
    case PROP_AIRTIME:
      g_value_set_string (value, self->airtime);
      break;
    case PROP_AIRSTAMP:
      g_value_set_boxed (value, self->airstamp);
      break;
    case PROP_RUNTIME:
      g_value_set_int (value, self->runtime);
      break;
    case PROP_RATING:
      g_value_set_double (value, self->rating);
      break;
    case PROP_IMAGE_MEDIUM:
      g_value_set_string (value, self->image_medium);
      break;
    case PROP_SUMMARY_HTML:
      g_value_set_string (value, self->summary_html);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_episode_class_init (SfEpisodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sf_episode_finalize;
  object_class->get_property = sf_episode_get_property;

  /* Fixed once parsed: nothing ever notifies. */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_SEASON] = g_param_spec_int ("season", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_NUMBER] = g_param_spec_int ("number", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_EPISODE_TYPE] = g_param_spec_enum ("episode-type", NULL, NULL,
                                                     SF_TYPE_EPISODE_TYPE,
                                                     SF_EPISODE_REGULAR, ro);
  properties[PROP_IS_SPECIAL] = g_param_spec_boolean ("is-special", NULL, NULL, FALSE, ro);
  properties[PROP_AIRDATE] = g_param_spec_string ("airdate", NULL, NULL, NULL, ro);
  properties[PROP_AIRTIME] = g_param_spec_string ("airtime", NULL, NULL, NULL, ro);
  properties[PROP_AIRSTAMP] = g_param_spec_boxed ("airstamp", NULL, NULL,
                                                  G_TYPE_DATE_TIME, ro);
  properties[PROP_RUNTIME] = g_param_spec_int ("runtime", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_RATING] = g_param_spec_double ("rating", NULL, NULL,
                                                 -1.0, MAX_RATING, -1.0, ro);
  properties[PROP_IMAGE_MEDIUM] = g_param_spec_string ("image-medium", NULL, NULL, NULL, ro);
  properties[PROP_SUMMARY_HTML] = g_param_spec_string ("summary-html", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_episode_init (SfEpisode *self)
{
  self->number = -1;
  self->runtime = -1;
  self->rating = -1.0;
}

/* TVmaze writes "2013-06-25T02:00:00+00:00"; an instant without an offset is taken as UTC. */
static GDateTime *
parse_airstamp (JsonObject *object)
{
  const char *text = sf_json_reader_get_string_member (object, "airstamp");
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

SfEpisode *
sf_episode_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(SfEpisode) self = NULL;
  JsonObject *object;
  JsonObject *rating;
  JsonObject *links;
  const char *type;
  gint64 id = 0;
  gint64 value;
  double number;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sf_json_reader_expect_object (node, "An episode", error);
  if (object == NULL)
    return NULL;
  if (!sf_json_reader_expect_id (object, "An episode", &id, error))
    return NULL;

  self = g_object_new (SF_TYPE_EPISODE, NULL);
  self->id = id;
  self->url = sf_json_reader_dup_web_url_member (object, "url");
  self->name = sf_json_reader_dup_string_member (object, "name");

  if (sf_json_reader_get_int_member (object, "season", 1, MAX_NUMBER, &value))
    self->season = (int) value;

  /* A special has "number": null; 2017-era data says nothing else about it, newer data
   * also has "type". A number the type calls special keeps its number but is a special. */
  type = sf_json_reader_get_string_member (object, "type");
  if (sf_json_reader_get_int_member (object, "number", 0, MAX_NUMBER, &value))
    self->number = (int) value;

  if (g_strcmp0 (type, "insignificant_special") == 0)
    self->type = SF_EPISODE_INSIGNIFICANT_SPECIAL;
  else if (g_strcmp0 (type, "significant_special") == 0 || self->number < 0)
    self->type = SF_EPISODE_SIGNIFICANT_SPECIAL;
  else
    self->type = SF_EPISODE_REGULAR;

  self->airdate = sf_json_reader_dup_date_member (object, "airdate");
  self->airtime = sf_json_reader_dup_time_member (object, "airtime");
  self->airstamp = parse_airstamp (object);

  if (sf_json_reader_get_int_member (object, "runtime", 1, MAX_RUNTIME_MINUTES, &value))
    self->runtime = (int) value;

  rating = sf_json_reader_get_object_member (object, "rating");
  if (sf_json_reader_get_number_member (rating, "average", &number) &&
      number >= 0.0 && number <= MAX_RATING)
    self->rating = number;

  sf_json_reader_dup_image_member (object, "image",
                                   &self->image_medium, &self->image_original);
  self->summary_html = sf_json_reader_dup_string_member (object, "summary");
  links = sf_json_reader_get_object_member (object, "_links");
  self->show_id = sf_json_reader_get_link_id (links, "show", "shows");

  return g_steal_pointer (&self);
}

gint64
sf_episode_get_id (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), 0);

  return self->id;
}

const char *
sf_episode_get_url (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->url;
}

const char *
sf_episode_get_name (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->name;
}

int
sf_episode_get_season (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), 0);

  return self->season;
}

int
sf_episode_get_number (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), -1);

  return self->number;
}

SfEpisodeType
sf_episode_get_episode_type (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), SF_EPISODE_REGULAR);

  return self->type;
}

gboolean
sf_episode_is_special (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), FALSE);

  return self->type != SF_EPISODE_REGULAR;
}

const char *
sf_episode_get_airdate (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->airdate;
}

const char *
sf_episode_get_airtime (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->airtime;
}

GDateTime *
sf_episode_get_airstamp (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->airstamp;
}

int
sf_episode_get_runtime (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), -1);

  return self->runtime;
}

double
sf_episode_get_rating (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), -1.0);

  return self->rating;
}

gboolean
sf_episode_has_rating (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), FALSE);

  return self->rating >= 0.0;
}

const char *
sf_episode_get_image_medium (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->image_medium;
}

const char *
sf_episode_get_image_original (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->image_original;
}

const char *
sf_episode_get_summary_html (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return self->summary_html;
}

gint64
sf_episode_get_show_id (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), 0);

  return self->show_id;
}

char *
sf_episode_dup_code (SfEpisode *self)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  if (sf_episode_is_special (self) || self->number < 0)
    return g_strdup (_("Special"));

  if (self->season > 0)
    return g_strdup_printf ("S%02dE%02d", self->season, self->number);

  return g_strdup_printf ("E%02d", self->number);
}

GDateTime *
sf_episode_dup_local_airtime (SfEpisode *self,
                              GTimeZone *zone)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  if (self->airstamp == NULL || self->airtime == NULL)
    return NULL;

  return g_date_time_to_timezone (self->airstamp, zone);
}

static GDate *
date_new_from_datetime (GDateTime *datetime)
{
  int year, month, day;

  g_date_time_get_ymd (datetime, &year, &month, &day);
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

GDate *
sf_episode_dup_air_date (SfEpisode *self,
                         GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  local = sf_episode_dup_local_airtime (self, zone);
  if (local != NULL)
    return date_new_from_datetime (local);

  if (self->airdate == NULL)
    return NULL;

  /* Checked "YYYY-MM-DD" (a real date) at parse time. */
  return g_date_new_dmy ((GDateDay) g_ascii_strtoull (self->airdate + 8, NULL, 10),
                         (GDateMonth) g_ascii_strtoull (self->airdate + 5, NULL, 10),
                         (GDateYear) g_ascii_strtoull (self->airdate, NULL, 10));
}

/* Kept for the callers outside the page; the wording lives in sf-schedule.c. */
char *
sf_episode_dup_relative_text (SfEpisode *self,
                              GDateTime *now,
                              GTimeZone *zone)
{
  g_return_val_if_fail (SF_IS_EPISODE (self), NULL);

  return sf_schedule_dup_episode_text (self, now, zone);
}
