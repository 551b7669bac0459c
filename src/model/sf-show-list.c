/* sf-show-list.c: TVmaze response bodies to shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-json-reader.h"
#include "sf-model-error.h"
#include "sf-show-list.h"

static GPtrArray *
parse_array (const char  *data,
             gssize       length,
             gboolean     search,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  JsonArray *array;
  guint n;

  root = sf_json_reader_parse_root_of (data, length, JSON_NODE_ARRAY,
                                       search ? "a JSON array of search results"
                                              : "a JSON array of shows",
                                       error);
  if (root == NULL)
    return NULL;

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  shows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *show_node = element;
      JsonObject *hit = NULL;
      SfShow *show;

      if (search)
        {
          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          hit = json_node_get_object (element);
          show_node = json_object_get_member (hit, "show");
          if (show_node == NULL)
            continue;
        }

      show = sf_show_new_from_json (show_node, NULL);
      if (show == NULL)
        continue;

      if (hit != NULL)
        {
          JsonNode *score = json_object_get_member (hit, "score");

          if (score != NULL && JSON_NODE_HOLDS_VALUE (score) &&
              (json_node_get_value_type (score) == G_TYPE_DOUBLE ||
               json_node_get_value_type (score) == G_TYPE_INT64))
            sf_show_set_score (show, json_node_get_double (score));
        }

      g_ptr_array_add (shows, show);
    }

  return g_steal_pointer (&shows);
}

GPtrArray *
sf_show_list_parse_search (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_array (data, length, TRUE, error);
}

GPtrArray *
sf_show_list_parse_shows (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_array (data, length, FALSE, error);
}

SfShow *
sf_show_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sf_json_reader_parse_item (data, length, (SfJsonNewFunc) sf_show_new_from_json, error);
}
