/* sf-season.c: one season of a TVmaze show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-json-reader.h"
#include "sf-model-error.h"
#include "sf-season.h"

#define MAX_NUMBER 100000

struct _SfSeason
{
  GObject   parent_instance;

  gint64    id;
  char     *url;               /* nullable */
  int       number;            /* 0: unknown */
  char     *name;              /* nullable */
  int       episode_order;     /* -1: unknown */
  char     *premiere_date;     /* nullable, checked "YYYY-MM-DD" */
  char     *end_date;          /* nullable, checked "YYYY-MM-DD" */
  char     *network_name;      /* nullable */
  char     *web_channel_name;  /* nullable */
  char     *image_medium;      /* nullable */
  char     *image_original;    /* nullable */
  char     *summary_html;      /* nullable */
};

G_DEFINE_FINAL_TYPE (SfSeason, sf_season, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_NAME,
  PROP_EPISODE_ORDER,
  PROP_PREMIERE_DATE,
  PROP_END_DATE,
  PROP_CHANNEL_NAME,
  PROP_IMAGE_MEDIUM,
  PROP_SUMMARY_HTML,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sf_season_finalize (GObject *object)
{
  SfSeason *self = (SfSeason *) object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->premiere_date, g_free);
  g_clear_pointer (&self->end_date, g_free);
  g_clear_pointer (&self->network_name, g_free);
  g_clear_pointer (&self->web_channel_name, g_free);
  g_clear_pointer (&self->image_medium, g_free);
  g_clear_pointer (&self->image_original, g_free);
  g_clear_pointer (&self->summary_html, g_free);

  G_OBJECT_CLASS (sf_season_parent_class)->finalize (object);
}

static void
sf_season_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SfSeason *self = SF_SEASON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EPISODE_ORDER:
      g_value_set_int (value, self->episode_order);
      break;
    case PROP_PREMIERE_DATE:
      g_value_set_string (value, self->premiere_date);
      break;
    case PROP_END_DATE:
      g_value_set_string (value, self->end_date);
      break;
    case PROP_CHANNEL_NAME:
      g_value_set_string (value, sf_season_get_channel_name (self));
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
sf_season_class_init (SfSeasonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sf_season_finalize;
  object_class->get_property = sf_season_get_property;

  /* Fixed once parsed: nothing ever notifies. */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NUMBER] = g_param_spec_int ("number", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_EPISODE_ORDER] = g_param_spec_int ("episode-order", NULL, NULL,
                                                     -1, G_MAXINT, -1, ro);
  properties[PROP_PREMIERE_DATE] = g_param_spec_string ("premiere-date", NULL, NULL, NULL, ro);
  properties[PROP_END_DATE] = g_param_spec_string ("end-date", NULL, NULL, NULL, ro);
  properties[PROP_CHANNEL_NAME] = g_param_spec_string ("channel-name", NULL, NULL, NULL, ro);
  properties[PROP_IMAGE_MEDIUM] = g_param_spec_string ("image-medium", NULL, NULL, NULL, ro);
  properties[PROP_SUMMARY_HTML] = g_param_spec_string ("summary-html", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_season_init (SfSeason *self)
{
  self->episode_order = -1;
}

SfSeason *
sf_season_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(SfSeason) self = NULL;
  JsonObject *object;
  gint64 id = 0;
  gint64 value;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sf_json_reader_expect_object (node, "A season", error);
  if (object == NULL)
    return NULL;
  if (!sf_json_reader_expect_id (object, "A season", &id, error))
    return NULL;

  self = g_object_new (SF_TYPE_SEASON, NULL);
  self->id = id;
  self->url = sf_json_reader_dup_web_url_member (object, "url");
  if (sf_json_reader_get_int_member (object, "number", 1, MAX_NUMBER, &value))
    self->number = (int) value;
  self->name = sf_json_reader_dup_string_member (object, "name");
  if (sf_json_reader_get_int_member (object, "episodeOrder", 0, MAX_NUMBER, &value))
    self->episode_order = (int) value;
  self->premiere_date = sf_json_reader_dup_date_member (object, "premiereDate");
  self->end_date = sf_json_reader_dup_date_member (object, "endDate");
  self->network_name = sf_json_reader_dup_channel_name (object, "network");
  self->web_channel_name = sf_json_reader_dup_channel_name (object, "webChannel");
  sf_json_reader_dup_image_member (object, "image",
                                   &self->image_medium, &self->image_original);
  self->summary_html = sf_json_reader_dup_string_member (object, "summary");

  return g_steal_pointer (&self);
}

gint64
sf_season_get_id (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), 0);

  return self->id;
}

const char *
sf_season_get_url (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->url;
}

int
sf_season_get_number (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), 0);

  return self->number;
}

const char *
sf_season_get_name (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->name;
}

int
sf_season_get_episode_order (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), -1);

  return self->episode_order;
}

const char *
sf_season_get_premiere_date (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->premiere_date;
}

const char *
sf_season_get_end_date (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->end_date;
}

const char *
sf_season_get_network_name (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->network_name;
}

const char *
sf_season_get_web_channel_name (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->web_channel_name;
}

const char *
sf_season_get_channel_name (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->web_channel_name != NULL ? self->web_channel_name : self->network_name;
}

const char *
sf_season_get_image_medium (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->image_medium;
}

const char *
sf_season_get_image_original (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->image_original;
}

const char *
sf_season_get_summary_html (SfSeason *self)
{
  g_return_val_if_fail (SF_IS_SEASON (self), NULL);

  return self->summary_html;
}
