/* sf-person.c: a TVmaze person and their cast credits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-json-reader.h"
#include "sf-model-error.h"
#include "sf-person.h"

/* ------------------------------------------------------------------------------------------
 * Text
 */

/* A copy of a string member without control characters (C0, DEL, C1) and with the runs of
 * white space they leave collapsed, or NULL when nothing is left. Names end up in labels,
 * window titles and the terminal: a newline or an escape sequence there is never meant. */
static char *
dup_text_member (JsonObject *object,
                 const char *member)
{
  const char *text = sf_json_reader_get_string_member (object, member);
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------------------------
 * SfPerson
 */

struct _SfPerson
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *url;               /* nullable */
  char    *image_medium;      /* nullable */
  char    *image_original;    /* nullable */
  char    *birthday;          /* nullable */
  char    *deathday;          /* nullable */
  char    *gender;            /* nullable */
  char    *country_name;      /* nullable */
  char    *country_code;      /* nullable */
  double   score;
};

G_DEFINE_FINAL_TYPE (SfPerson, sf_person, G_TYPE_OBJECT)

enum {
  PERSON_PROP_0,
  PERSON_PROP_ID,
  PERSON_PROP_NAME,
  PERSON_PROP_IMAGE_MEDIUM,
  PERSON_N_PROPS
};

static GParamSpec *person_properties[PERSON_N_PROPS];

static void
sf_person_finalize (GObject *object)
{
  SfPerson *self = (SfPerson *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->image_medium, g_free);
  g_clear_pointer (&self->image_original, g_free);
  g_clear_pointer (&self->birthday, g_free);
  g_clear_pointer (&self->deathday, g_free);
  g_clear_pointer (&self->gender, g_free);
  g_clear_pointer (&self->country_name, g_free);
  g_clear_pointer (&self->country_code, g_free);

  G_OBJECT_CLASS (sf_person_parent_class)->finalize (object);
}

static void
sf_person_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SfPerson *self = SF_PERSON (object);

  switch (prop_id)
    {
    case PERSON_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PERSON_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PERSON_PROP_IMAGE_MEDIUM:
      g_value_set_string (value, self->image_medium);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_person_class_init (SfPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sf_person_finalize;
  object_class->get_property = sf_person_get_property;

  /* Fixed once parsed: nothing ever notifies. */
  person_properties[PERSON_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL,
                                                          0, G_MAXINT64, 0, ro);
  person_properties[PERSON_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  person_properties[PERSON_PROP_IMAGE_MEDIUM] = g_param_spec_string ("image-medium", NULL,
                                                                     NULL, NULL, ro);
  g_object_class_install_properties (object_class, PERSON_N_PROPS, person_properties);
}

static void
sf_person_init (SfPerson *self)
{
}

SfPerson *
sf_person_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(SfPerson) self = NULL;
  g_autofree char *name = NULL;
  JsonObject *object;
  JsonObject *country;
  gint64 id = 0;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sf_json_reader_expect_object (node, "A person", error);
  if (object == NULL)
    return NULL;
  name = dup_text_member (object, "name");
  if (!sf_json_reader_get_int_member (object, "id", 1, G_MAXINT64, &id) || name == NULL)
    {
      g_set_error_literal (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                           "A person needs an “id” and a “name”");
      return NULL;
    }

  self = g_object_new (SF_TYPE_PERSON, NULL);
  self->id = id;
  self->name = g_steal_pointer (&name);
  self->url = sf_json_reader_dup_web_url_member (object, "url");
  sf_json_reader_dup_image_member (object, "image", &self->image_medium,
                                   &self->image_original);
  self->birthday = sf_json_reader_dup_date_member (object, "birthday");
  self->deathday = sf_json_reader_dup_date_member (object, "deathday");
  self->gender = dup_text_member (object, "gender");
  country = sf_json_reader_get_object_member (object, "country");
  self->country_name = dup_text_member (country, "name");
  self->country_code = dup_text_member (country, "code");

  return g_steal_pointer (&self);
}

gint64
sf_person_get_id (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), 0);
  return self->id;
}

const char *
sf_person_get_name (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->name;
}

const char *
sf_person_get_url (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->url;
}

const char *
sf_person_get_image_medium (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->image_medium;
}

const char *
sf_person_get_image_original (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->image_original;
}

const char *
sf_person_get_birthday (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->birthday;
}

const char *
sf_person_get_deathday (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->deathday;
}

const char *
sf_person_get_gender (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->gender;
}

const char *
sf_person_get_country_name (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->country_name;
}

const char *
sf_person_get_country_code (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), NULL);
  return self->country_code;
}

double
sf_person_get_score (SfPerson *self)
{
  g_return_val_if_fail (SF_IS_PERSON (self), 0);
  return self->score;
}

SfPerson *
sf_person_parse (const char  *data,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = sf_json_reader_parse_root_of (data, length, JSON_NODE_OBJECT, "a person", error);
  if (root == NULL)
    return NULL;

  return sf_person_new_from_json (root, error);
}

GPtrArray *
sf_person_list_parse_search (const char  *data,
                             gssize       length,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) people = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = sf_json_reader_parse_root_of (data, length, JSON_NODE_ARRAY, "a JSON array of people",
                                       error);
  if (root == NULL)
    return NULL;

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  people = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *hit;
      JsonNode *person_node;
      SfPerson *person;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      hit = json_node_get_object (element);
      person_node = json_object_get_member (hit, "person");
      if (person_node == NULL)
        continue;
      person = sf_person_new_from_json (person_node, NULL);
      if (person == NULL)
        continue;
      sf_json_reader_get_number_member (hit, "score", &person->score);
      g_ptr_array_add (people, person);
    }

  return g_steal_pointer (&people);
}

/* ------------------------------------------------------------------------------------------
 * SfCredit
 */

struct _SfCredit
{
  GObject   parent_instance;

  gint64    show_id;
  SfShow   *show;             /* nullable */
  char     *character_name;   /* nullable */
  gboolean  voice;
  gboolean  self;
};

G_DEFINE_FINAL_TYPE (SfCredit, sf_credit, G_TYPE_OBJECT)

enum {
  CREDIT_PROP_0,
  CREDIT_PROP_SHOW_ID,
  CREDIT_PROP_SHOW,
  CREDIT_PROP_CHARACTER_NAME,
  CREDIT_PROP_VOICE,
  CREDIT_PROP_SELF,
  CREDIT_N_PROPS
};

static GParamSpec *credit_properties[CREDIT_N_PROPS];

static void
sf_credit_finalize (GObject *object)
{
  SfCredit *self = (SfCredit *) object;

  g_clear_object (&self->show);
  g_clear_pointer (&self->character_name, g_free);

  G_OBJECT_CLASS (sf_credit_parent_class)->finalize (object);
}

static void
sf_credit_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SfCredit *self = SF_CREDIT (object);

  switch (prop_id)
    {
    case CREDIT_PROP_SHOW_ID:
      g_value_set_int64 (value, self->show_id);
      break;
    case CREDIT_PROP_SHOW:
      g_value_set_object (value, self->show);
      break;
    case CREDIT_PROP_CHARACTER_NAME:
      g_value_set_string (value, self->character_name);
      break;
    case CREDIT_PROP_VOICE:
      g_value_set_boolean (value, self->voice);
      break;
    case CREDIT_PROP_SELF:
      g_value_set_boolean (value, self->self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_credit_class_init (SfCreditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sf_credit_finalize;
  object_class->get_property = sf_credit_get_property;

  credit_properties[CREDIT_PROP_SHOW_ID] = g_param_spec_int64 ("show-id", NULL, NULL,
                                                               0, G_MAXINT64, 0, ro);
  credit_properties[CREDIT_PROP_SHOW] = g_param_spec_object ("show", NULL, NULL,
                                                             SF_TYPE_SHOW, ro);
  credit_properties[CREDIT_PROP_CHARACTER_NAME] = g_param_spec_string ("character-name",
                                                                       NULL, NULL, NULL, ro);
  credit_properties[CREDIT_PROP_VOICE] = g_param_spec_boolean ("voice", NULL, NULL, FALSE, ro);
  credit_properties[CREDIT_PROP_SELF] = g_param_spec_boolean ("self", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, CREDIT_N_PROPS, credit_properties);
}

static void
sf_credit_init (SfCredit *self)
{
}

SfCredit *
sf_credit_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(SfCredit) self = NULL;
  g_autoptr(SfShow) show = NULL;
  JsonObject *object;
  JsonObject *embedded;
  JsonNode *show_node;
  gint64 show_id;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sf_json_reader_expect_object (node, "A credit", error);
  if (object == NULL)
    return NULL;
  embedded = sf_json_reader_get_object_member (object, "_embedded");
  show_node = embedded != NULL ? json_object_get_member (embedded, "show") : NULL;
  if (show_node != NULL)
    show = sf_show_new_from_json (show_node, NULL);

  show_id = show != NULL ? sf_show_get_id (show)
          : sf_json_reader_get_link_id (sf_json_reader_get_object_member (object, "_links"),
                                        "show", "shows");
  if (show_id <= 0)
    {
      g_set_error_literal (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                           "A credit needs a show");
      return NULL;
    }

  self = g_object_new (SF_TYPE_CREDIT, NULL);
  self->show_id = show_id;
  self->show = g_steal_pointer (&show);
  self->character_name = dup_text_member (sf_json_reader_get_object_member (embedded,
                                                                            "character"),
                                          "name");
  self->voice = sf_json_reader_get_bool_member (object, "voice", FALSE);
  self->self = sf_json_reader_get_bool_member (object, "self", FALSE);

  return g_steal_pointer (&self);
}

gint64
sf_credit_get_show_id (SfCredit *self)
{
  g_return_val_if_fail (SF_IS_CREDIT (self), 0);
  return self->show_id;
}

SfShow *
sf_credit_get_show (SfCredit *self)
{
  g_return_val_if_fail (SF_IS_CREDIT (self), NULL);
  return self->show;
}

const char *
sf_credit_get_character_name (SfCredit *self)
{
  g_return_val_if_fail (SF_IS_CREDIT (self), NULL);
  return self->character_name;
}

gboolean
sf_credit_get_voice (SfCredit *self)
{
  g_return_val_if_fail (SF_IS_CREDIT (self), FALSE);
  return self->voice;
}

gboolean
sf_credit_get_self (SfCredit *self)
{
  g_return_val_if_fail (SF_IS_CREDIT (self), FALSE);
  return self->self;
}

/* Newest first: a later premiere first ("YYYY-MM-DD" sorts as text), no date last, then the
 * higher show id first, so the order never depends on the server's. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  SfCredit *ca = *(SfCredit **) a;
  SfCredit *cb = *(SfCredit **) b;
  const char *da = ca->show != NULL ? sf_show_get_premiered (ca->show) : NULL;
  const char *db = cb->show != NULL ? sf_show_get_premiered (cb->show) : NULL;
  int order;

  if (da != NULL && db == NULL)
    return -1;
  if (da == NULL && db != NULL)
    return 1;
  if (da != NULL && (order = strcmp (db, da)) != 0)
    return order;

  return (cb->show_id > ca->show_id) - (cb->show_id < ca->show_id);
}

GPtrArray *
sf_credit_list_parse (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) credits = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = sf_json_reader_parse_root_of (data, length, JSON_NODE_ARRAY, "a JSON array of credits",
                                       error);
  if (root == NULL)
    return NULL;

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  credits = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      SfCredit *credit = sf_credit_new_from_json (json_array_get_element (array, i), NULL);

      if (credit != NULL)
        g_ptr_array_add (credits, credit);
    }
  g_ptr_array_sort (credits, compare_newest_first);

  return g_steal_pointer (&credits);
}

GArray *
sf_credit_list_dup_show_ids (GPtrArray *credits)
{
  GArray *ids;

  g_return_val_if_fail (credits != NULL, NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), credits->len);
  for (guint i = 0; i < credits->len; i++)
    {
      SfCredit *credit = g_ptr_array_index (credits, i);

      g_array_append_val (ids, credit->show_id);
    }
  sf_show_ids_sort_unique (ids);

  return ids;
}
