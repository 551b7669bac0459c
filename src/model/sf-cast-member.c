/* sf-cast-member.c: one row of a TVmaze show's cast (a person playing a character)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-cast-member.h"
#include "sf-json-reader.h"
#include "sf-model-error.h"

struct _SfCastMember
{
  GObject   parent_instance;

  gint64    person_id;
  char     *person_name;
  char     *person_url;                 /* nullable */
  char     *person_image_medium;        /* nullable */
  char     *person_image_original;      /* nullable */
  char     *person_country_code;        /* nullable */
  char     *person_country_name;        /* nullable */
  char     *person_birthday;            /* nullable, checked "YYYY-MM-DD" */
  char     *person_deathday;            /* nullable, checked "YYYY-MM-DD" */
  char     *person_gender;              /* nullable */

  gint64    character_id;               /* 0: unknown */
  char     *character_name;             /* nullable */
  char     *character_url;              /* nullable */
  char     *character_image_medium;     /* nullable */
  char     *character_image_original;   /* nullable */

  gboolean  self;
  gboolean  voice;
};

G_DEFINE_FINAL_TYPE (SfCastMember, sf_cast_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSON_ID,
  PROP_PERSON_NAME,
  PROP_PERSON_IMAGE_MEDIUM,
  PROP_CHARACTER_NAME,
  PROP_CHARACTER_IMAGE_MEDIUM,
  PROP_SELF,
  PROP_VOICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sf_cast_member_finalize (GObject *object)
{
  SfCastMember *self = (SfCastMember *) object;

  g_clear_pointer (&self->person_name, g_free);
  g_clear_pointer (&self->person_url, g_free);
  g_clear_pointer (&self->person_image_medium, g_free);
  g_clear_pointer (&self->person_image_original, g_free);
  g_clear_pointer (&self->person_country_code, g_free);
  g_clear_pointer (&self->person_country_name, g_free);
  g_clear_pointer (&self->person_birthday, g_free);
  g_clear_pointer (&self->person_deathday, g_free);
  g_clear_pointer (&self->person_gender, g_free);
  g_clear_pointer (&self->character_name, g_free);
  g_clear_pointer (&self->character_url, g_free);
  g_clear_pointer (&self->character_image_medium, g_free);
  g_clear_pointer (&self->character_image_original, g_free);

  G_OBJECT_CLASS (sf_cast_member_parent_class)->finalize (object);
}

static void
sf_cast_member_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SfCastMember *self = SF_CAST_MEMBER (object);

  switch (prop_id)
    {
    case PROP_PERSON_ID:
      g_value_set_int64 (value, self->person_id);
      break;
    case PROP_PERSON_NAME:
      g_value_set_string (value, self->person_name);
      break;
    case PROP_PERSON_IMAGE_MEDIUM:
      g_value_set_string (value, self->person_image_medium);
      break;
    case PROP_CHARACTER_NAME:
      g_value_set_string (value, self->character_name);
      break;
    case PROP_CHARACTER_IMAGE_MEDIUM:
      g_value_set_string (value, self->character_image_medium);
      break;
    case PROP_SELF:
      g_value_set_boolean (value, self->self);
      break;
    case PROP_VOICE:
      g_value_set_boolean (value, self->voice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_cast_member_class_init (SfCastMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sf_cast_member_finalize;
  object_class->get_property = sf_cast_member_get_property;

  /* Fixed once parsed: nothing ever notifies. */
  properties[PROP_PERSON_ID] = g_param_spec_int64 ("person-id", NULL, NULL,
                                                   0, G_MAXINT64, 0, ro);
  properties[PROP_PERSON_NAME] = g_param_spec_string ("person-name", NULL, NULL, NULL, ro);
  properties[PROP_PERSON_IMAGE_MEDIUM] = g_param_spec_string ("person-image-medium",
                                                              NULL, NULL, NULL, ro);
  properties[PROP_CHARACTER_NAME] = g_param_spec_string ("character-name", NULL, NULL,
                                                         NULL, ro);
  properties[PROP_CHARACTER_IMAGE_MEDIUM] = g_param_spec_string ("character-image-medium",
                                                                 NULL, NULL, NULL, ro);
  properties[PROP_SELF] = g_param_spec_boolean ("self", NULL, NULL, FALSE, ro);
  properties[PROP_VOICE] = g_param_spec_boolean ("voice", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_cast_member_init (SfCastMember *self)
{
}

SfCastMember *
sf_cast_member_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(SfCastMember) self = NULL;
  JsonObject *object;
  JsonObject *person;
  JsonObject *character;
  JsonObject *country;
  g_autofree char *name = NULL;
  gint64 person_id = 0;
  gint64 value;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sf_json_reader_expect_object (node, "A cast row", error);
  if (object == NULL)
    return NULL;
  person = sf_json_reader_get_object_member (object, "person");
  /* text: repaired rather than refused (see sf-json-reader.h) */
  name = sf_json_reader_dup_string_member (person, "name");

  if (!sf_json_reader_get_int_member (person, "id", 1, G_MAXINT64, &person_id) ||
      name == NULL)
    {
      g_set_error_literal (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                           "A cast row needs a “person” with an “id” and a “name”");
      return NULL;
    }

  self = g_object_new (SF_TYPE_CAST_MEMBER, NULL);
  self->person_id = person_id;
  self->person_name = g_steal_pointer (&name);
  self->person_url = sf_json_reader_dup_web_url_member (person, "url");
  sf_json_reader_dup_image_member (person, "image", &self->person_image_medium,
                                   &self->person_image_original);
  country = sf_json_reader_get_object_member (person, "country");
  self->person_country_code = sf_json_reader_dup_token_member (country, "code");
  self->person_country_name = sf_json_reader_dup_string_member (country, "name");
  self->person_birthday = sf_json_reader_dup_date_member (person, "birthday");
  self->person_deathday = sf_json_reader_dup_date_member (person, "deathday");
  self->person_gender = sf_json_reader_dup_string_member (person, "gender");

  character = sf_json_reader_get_object_member (object, "character");
  if (sf_json_reader_get_int_member (character, "id", 1, G_MAXINT64, &value))
    self->character_id = value;
  self->character_name = sf_json_reader_dup_string_member (character, "name");
  self->character_url = sf_json_reader_dup_web_url_member (character, "url");
  sf_json_reader_dup_image_member (character, "image", &self->character_image_medium,
                                   &self->character_image_original);

  self->self = sf_json_reader_get_bool_member (object, "self", FALSE);
  self->voice = sf_json_reader_get_bool_member (object, "voice", FALSE);

  return g_steal_pointer (&self);
}

gint64
sf_cast_member_get_person_id (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), 0);

  return self->person_id;
}

const char *
sf_cast_member_get_person_name (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_name;
}

const char *
sf_cast_member_get_person_url (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_url;
}

const char *
sf_cast_member_get_person_image_medium (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_image_medium;
}

const char *
sf_cast_member_get_person_image_original (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_image_original;
}

const char *
sf_cast_member_get_person_country_code (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_country_code;
}

const char *
sf_cast_member_get_person_country_name (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_country_name;
}

const char *
sf_cast_member_get_person_birthday (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_birthday;
}

const char *
sf_cast_member_get_person_deathday (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_deathday;
}

const char *
sf_cast_member_get_person_gender (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_gender;
}

gint64
sf_cast_member_get_character_id (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), 0);

  return self->character_id;
}

const char *
sf_cast_member_get_character_name (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->character_name;
}

const char *
sf_cast_member_get_character_url (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->character_url;
}

const char *
sf_cast_member_get_character_image_medium (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->character_image_medium;
}

const char *
sf_cast_member_get_character_image_original (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->character_image_original;
}

gboolean
sf_cast_member_get_self (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), FALSE);

  return self->self;
}

gboolean
sf_cast_member_get_voice (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), FALSE);

  return self->voice;
}

const char *
sf_cast_member_get_image_medium (SfCastMember *self)
{
  g_return_val_if_fail (SF_IS_CAST_MEMBER (self), NULL);

  return self->person_image_medium != NULL ? self->person_image_medium
                                           : self->character_image_medium;
}
