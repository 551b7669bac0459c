/* sf-show-list.c: TVmaze response bodies to shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-model-error.h"
#include "sf-show-list.h"

/* TVmaze nests a handful of levels (a search hit's network country is 4 deep); json-glib
 * parses recursively, so a hostile body of a few 100,000 '[' would overflow the stack. */
#define MAX_NESTING 64

/* Walks the text the way json-glib's scanner does (it also takes single-quoted strings and
 * C comments) to find how deep arrays and objects nest, without recursion. */
static gboolean
check_nesting (const char *data,
               gsize       length,
               gboolean   *out_blank)
{
  guint depth = 0;
  gboolean blank = TRUE;
  gsize i = 0;

  while (i < length)
    {
      char c = data[i++];

      switch (c)
        {
        case ' ': case '\t': case '\n': case '\r':
          continue;

        case '[': case '{':
          if (++depth > MAX_NESTING)
            return FALSE;
          break;

        case ']': case '}':
          if (depth > 0)
            depth--;
          break;

        case '"':
          while (i < length && data[i] != '"')
            i += data[i] == '\\' ? 2 : 1;
          i++;
          break;

        case '\'':
          while (i < length && data[i] != '\'')
            i++;
          i++;
          break;

        case '/':
          if (i < length && data[i] == '*')
            {
              for (i++; i + 1 < length && !(data[i] == '*' && data[i + 1] == '/'); i++)
                ;
              i += 2;
            }
          break;

        default:
          break;
        }

      blank = FALSE;
    }

  *out_blank = blank;
  return TRUE;
}

/* Returns the root node, a JSON null node for the body "null", or NULL with @error set. */
static JsonNode *
parse_root (const char  *data,
            gssize       length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gboolean blank = TRUE;

  if (length < 0)
    length = strlen (data);

  if (!check_nesting (data, length, &blank))
    {
      g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                   "JSON nested more than %d levels deep", MAX_NESTING);
      return NULL;
    }

  /* json-glib takes an empty body for a valid document without a root. */
  if (blank)
    {
      g_set_error_literal (error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON,
                           "Empty JSON document");
      return NULL;
    }

  /* json-glib 1.6 itself rejects invalid UTF-8 (and embedded NULs) anywhere in the data. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON,
                   "Invalid JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    root = json_node_new (JSON_NODE_NULL);

  return root;
}

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

  root = parse_root (data, length, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                   "Expected a JSON array of %s, got %s",
                   search ? "search results" : "shows", json_node_type_name (root));
      return NULL;
    }

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
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = parse_root (data, length, error);
  if (root == NULL)
    return NULL;

  return sf_show_new_from_json (root, error);
}
