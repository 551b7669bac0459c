#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sf-saved-search.h"

/* The value-list criteria and their keys in the JSON form. */
static const struct
{
  SfCriterion  criterion;
  const char  *key;
} list_keys[] = {
  { SF_CRITERION_GENRES_ALL, "genres" },
  { SF_CRITERION_GENRES_ANY, "genresAny" },
  { SF_CRITERION_GENRES_EXCLUDE, "genresExclude" },
  { SF_CRITERION_STATUS, "status" },
  { SF_CRITERION_TYPE, "type" },
  { SF_CRITERION_LANGUAGE, "language" },
  { SF_CRITERION_CHANNEL, "channel" },
  { SF_CRITERION_COUNTRY, "country" },
};

static GArray *
new_id_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

SfSavedSearch *
sf_saved_search_new (const char       *name,
                     const SfCriteria *criteria)
{
  SfSavedSearch *search = g_new0 (SfSavedSearch, 1);

  search->name = g_strdup (name);
  search->criteria = criteria != NULL ? sf_criteria_copy (criteria) : sf_criteria_new ();
  search->seen = new_id_array ();
  search->notified = new_id_array ();

  return search;
}

void
sf_saved_search_free (SfSavedSearch *search)
{
  if (search == NULL)
    return;

  g_free (search->name);
  g_clear_pointer (&search->criteria, sf_criteria_unref);
  g_clear_pointer (&search->seen, g_array_unref);
  g_clear_pointer (&search->notified, g_array_unref);
  g_free (search);
}

static gboolean
sorted_contains (GArray *ids,
                 gint64  id)
{
  guint lo = 0, hi = ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 value = g_array_index (ids, gint64, mid);

      if (value == id)
        return TRUE;
      if (value < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

gboolean
sf_saved_search_knows (const SfSavedSearch *search,
                       gint64               id,
                       gboolean             or_notified)
{
  g_return_val_if_fail (search != NULL, FALSE);

  return sorted_contains (search->seen, id) ||
         (or_notified && sorted_contains (search->notified, id));
}

char *
sf_saved_search_check_name (const char  *name,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The name of a saved search must be text."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A saved search needs a name."));
      return NULL;
    }
  if (strlen (trimmed) > SF_SAVED_SEARCH_MAX_NAME)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The name of a saved search can have at most %d bytes."),
                   SF_SAVED_SEARCH_MAX_NAME);
      return NULL;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("The name of a saved search cannot contain control characters."));
        return NULL;
      }

  return g_steal_pointer (&trimmed);
}

static void
add_range (JsonBuilder *builder,
           const char  *key,
           int          from,
           int          to)
{
  if (from == 0 && to == 0)
    return;

  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, from);
  json_builder_add_int_value (builder, to);
  json_builder_end_array (builder);
}

char *
sf_criteria_to_json (const SfCriteria *criteria)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *text = sf_criteria_get_text (criteria);
  int from, to;

  g_return_val_if_fail (criteria != NULL, NULL);

  json_builder_begin_object (builder);
  if (text != NULL && *text != '\0')
    {
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (list_keys); i++)
    {
      const char * const *values = sf_criteria_get_values (criteria, list_keys[i].criterion);

      if (values[0] == NULL)
        continue;
      json_builder_set_member_name (builder, list_keys[i].key);
      json_builder_begin_array (builder);
      for (guint j = 0; values[j] != NULL; j++)
        json_builder_add_string_value (builder, values[j]);
      json_builder_end_array (builder);
    }
  sf_criteria_get_year_range (criteria, &from, &to);
  add_range (builder, "year", from, to);
  sf_criteria_get_runtime_range (criteria, &from, &to);
  add_range (builder, "runtime", from, to);
  if (sf_criteria_get_min_rating (criteria) > 0)
    {
      json_builder_set_member_name (builder, "minRating");
      json_builder_add_double_value (builder, sf_criteria_get_min_rating (criteria));
    }
  json_builder_set_member_name (builder, "sort");
  json_builder_add_string_value (builder, sf_sort_to_string (sf_criteria_get_sort (criteria)));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
read_range (JsonObject *object,
            const char *key,
            int        *from,
            int        *to)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonArray *array;

  *from = *to = 0;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (array = json_node_get_array (node)) != 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        return FALSE;
      *(i == 0 ? from : to) = (int) CLAMP (json_node_get_int (element), 0, 100000);
    }
  return TRUE;
}

SfCriteria *
sf_criteria_from_json (const char  *json,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  JsonObject *object;
  JsonNode *node;
  int from, to;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;

  object = json_node_get_object (json_parser_get_root (parser));

  node = json_object_get_member (object, "text");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        goto invalid;
      sf_criteria_set_text (criteria, json_node_get_string (node));
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_keys); i++)
    {
      JsonArray *array;

      node = json_object_get_member (object, list_keys[i].key);
      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto invalid;
      array = json_node_get_array (node);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *element = json_array_get_element (array, j);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            goto invalid;
          sf_criteria_add_value (criteria, list_keys[i].criterion, json_node_get_string (element));
        }
    }

  if (!read_range (object, "year", &from, &to))
    goto invalid;
  sf_criteria_set_year_range (criteria, from, to);
  if (!read_range (object, "runtime", &from, &to))
    goto invalid;
  sf_criteria_set_runtime_range (criteria, from, to);

  node = json_object_get_member (object, "minRating");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node))
        goto invalid;
      sf_criteria_set_min_rating (criteria, CLAMP (json_node_get_double (node), 0.0, 10.0));
    }

  node = json_object_get_member (object, "sort");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !sf_criteria_set_sort_from_string (criteria, json_node_get_string (node), NULL))
        goto invalid;
    }

  return g_steal_pointer (&criteria);

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The criteria of a saved search are damaged."));
  return NULL;
}
