/* sf-json-reader.c: lenient readers for untrusted TVmaze JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-json-reader.h"
#include "sf-model-error.h"

/* TVmaze nests a handful of levels (a cast row's person country is 4 deep, 6 inside an
 * embed); json-glib parses recursively, so a hostile body of a few 100,000 '[' would
 * overflow the stack. Same limit as sf-show-list.c. */
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

JsonNode *
sf_json_reader_parse_root (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gboolean blank = TRUE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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
  parser = json_parser_new_immutable ();
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

static JsonNode *
get_value_member (JsonObject *object,
                  const char *member,
                  GType       value_type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) != value_type)
    return NULL;

  return node;
}

JsonNode *
sf_json_reader_parse_root_of (const char  *data,
                              gssize       length,
                              JsonNodeType type,
                              const char  *what,
                              GError     **error)
{
  g_autoptr(JsonNode) root = sf_json_reader_parse_root (data, length, error);

  if (root == NULL)
    return NULL;

  if (JSON_NODE_TYPE (root) != type)
    {
      g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                   "Expected %s, got %s", what, json_node_type_name (root));
      return NULL;
    }

  return g_steal_pointer (&root);
}

gpointer
sf_json_reader_parse_item (const char    *data,
                           gssize         length,
                           SfJsonNewFunc  new_func,
                           GError       **error)
{
  g_autoptr(JsonNode) root = sf_json_reader_parse_root (data, length, error);

  if (root == NULL)
    return NULL;

  return new_func (root, error);
}

JsonObject *
sf_json_reader_expect_object (JsonNode    *node,
                              const char  *what,
                              GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                   "%s is a JSON object, got %s", what, json_node_type_name (node));
      return NULL;
    }

  return json_node_get_object (node);
}

gboolean
sf_json_reader_expect_id (JsonObject  *object,
                          const char  *what,
                          gint64      *out_id,
                          GError     **error)
{
  if (!sf_json_reader_get_int_member (object, "id", 1, G_MAXINT64, out_id))
    {
      g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                   "%s needs a positive integer “id”", what);
      return FALSE;
    }

  return TRUE;
}

JsonObject *
sf_json_reader_get_object_member (JsonObject *object,
                                  const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
sf_json_reader_get_array_member (JsonObject *object,
                                 const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/* json-glib 1.6 validates the bytes of the text, but not what its escapes decode to: a lone
 * surrogate ("\ud800") comes out as the bytes ED A0 80, invalid UTF-8 that would reach GTK
 * labels, library.db and the --json output. So every string is checked where it is handed
 * out. A borrowed string cannot be repaired in place: it is refused. */
static const char *
get_raw_string_member (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

const char *
sf_json_reader_get_string_member (JsonObject *object,
                                  const char *member)
{
  const char *value = get_raw_string_member (object, member);

  return value != NULL && g_utf8_validate (value, -1, NULL) ? value : NULL;
}

char *
sf_json_reader_dup_text (const char *value)
{
  if (value == NULL || *value == '\0')
    return NULL;

  return g_utf8_make_valid (value, -1);
}

char *
sf_json_reader_dup_string_member (JsonObject *object,
                                  const char *member)
{
  return sf_json_reader_dup_text (get_raw_string_member (object, member));
}

char *
sf_json_reader_dup_token_member (JsonObject *object,
                                 const char *member)
{
  const char *value = sf_json_reader_get_string_member (object, member);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

gboolean
sf_json_reader_is_time_zone_name (const char *name)
{
  gsize length;
  gsize segment = 0;

  if (name == NULL)
    return FALSE;

  length = strlen (name);
  if (length == 0 || length > SF_JSON_READER_MAX_TIME_ZONE_LENGTH)
    return FALSE;

  for (gsize i = 0; i <= length; i++)
    {
      char c = name[i];

      if (c == '/' || c == '\0')
        {
          /* no empty segment (no leading, trailing or doubled '/'), and no segment that
           * starts with '.' ("..", ".", hidden files) */
          if (segment == 0 || name[i - segment] == '.')
            return FALSE;
          segment = 0;
          continue;
        }

      if (!g_ascii_isalnum (c) && c != '_' && c != '-' && c != '+' && c != '.')
        return FALSE;
      segment++;
    }

  return TRUE;
}

char *
sf_json_reader_dup_time_zone_member (JsonObject *object,
                                     const char *member)
{
  const char *value = sf_json_reader_get_string_member (object, member);

  return sf_json_reader_is_time_zone_name (value) ? g_strdup (value) : NULL;
}

gboolean
sf_json_reader_get_int_member (JsonObject *object,
                               const char *member,
                               gint64      min,
                               gint64      max,
                               gint64     *out_value)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_INT64);
  gint64 value;

  if (node == NULL)
    return FALSE;

  value = json_node_get_int (node);
  /* An integer beyond 64 bits is out of range on every json-glib, but not the same way:
   * json-glib 1.6 wraps it (2^63 reads as G_MININT64), 1.10 clamps it to G_MAXINT64 or
   * G_MININT64. Either way the two limits are what such a number reads as, so they are
   * refused as well (no field of ours can honestly reach them). */
  if (value == G_MAXINT64 || value == G_MININT64)
    return FALSE;
  if (value < min || value > max)
    return FALSE;

  *out_value = value;
  return TRUE;
}

gboolean
sf_json_reader_get_number_member (JsonObject *object,
                                  const char *member,
                                  double     *out_value)
{
  JsonNode *node;

  if ((node = get_value_member (object, member, G_TYPE_DOUBLE)) != NULL)
    *out_value = json_node_get_double (node);
  else if ((node = get_value_member (object, member, G_TYPE_INT64)) != NULL)
    *out_value = (double) json_node_get_int (node);
  else
    return FALSE;

  return TRUE;
}

gboolean
sf_json_reader_get_bool_member (JsonObject *object,
                                const char *member,
                                gboolean    default_value)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : default_value;
}

static gboolean
is_digits (const char *s,
           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
    }
  return TRUE;
}

static int
two_digits (const char *s)
{
  return g_ascii_digit_value (s[0]) * 10 + g_ascii_digit_value (s[1]);
}

char *
sf_json_reader_dup_date_member (JsonObject *object,
                                const char *member)
{
  const char *value = sf_json_reader_get_string_member (object, member);
  int year;

  if (value == NULL || strlen (value) != 10 || value[4] != '-' || value[7] != '-' ||
      !is_digits (value, 4) || !is_digits (value + 5, 2) || !is_digits (value + 8, 2))
    return NULL;

  year = two_digits (value) * 100 + two_digits (value + 2);
  if (!g_date_valid_dmy (two_digits (value + 8), two_digits (value + 5), year))
    return NULL;

  return g_strdup (value);
}

char *
sf_json_reader_dup_time_member (JsonObject *object,
                                const char *member)
{
  const char *value = sf_json_reader_get_string_member (object, member);

  if (value == NULL || strlen (value) != 5 || value[2] != ':' ||
      !is_digits (value, 2) || !is_digits (value + 3, 2))
    return NULL;

  if (two_digits (value) > 23 || two_digits (value + 3) > 59)
    return NULL;

  return g_strdup (value);
}

static gboolean
has_prefix_ascii_nocase (const char *s,
                         const char *prefix)
{
  return g_ascii_strncasecmp (s, prefix, strlen (prefix)) == 0;
}

static gboolean
is_tvmaze_host (const char *host,
                gsize       len)
{
  static const char * const hosts[] = {
    "static.tvmaze.com", "www.tvmaze.com", "tvmaze.com", "api.tvmaze.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      if (strlen (hosts[i]) == len && g_ascii_strncasecmp (host, hosts[i], len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Only http(s) links are kept: they end up opened in a browser or fetched, and a "file:" or
 * "javascript:" link from a broken or hostile server must not. */
char *
sf_json_reader_dup_web_url_member (JsonObject *object,
                                   const char *member)
{
  const char *value = sf_json_reader_get_string_member (object, member);
  const char *host;
  gsize host_len;

  if (value == NULL)
    return NULL;

  if (has_prefix_ascii_nocase (value, "https://") && value[8] != '\0')
    return g_strdup (value);

  if (!has_prefix_ascii_nocase (value, "http://") || value[7] == '\0')
    return NULL;

  /* An explicit port (":80") would be wrong for https, so such links stay as they are. */
  host = value + 7;
  host_len = strcspn (host, "/:?#");
  if (host[host_len] != ':' && is_tvmaze_host (host, host_len))
    return g_strconcat ("https://", host, NULL);

  return g_strdup (value);
}

void
sf_json_reader_dup_image_member (JsonObject  *object,
                                 const char  *member,
                                 char       **out_medium,
                                 char       **out_original)
{
  JsonObject *image = sf_json_reader_get_object_member (object, member);

  *out_medium = sf_json_reader_dup_web_url_member (image, "medium");
  *out_original = sf_json_reader_dup_web_url_member (image, "original");
}

char *
sf_json_reader_dup_channel_name (JsonObject *object,
                                 const char *member)
{
  JsonObject *channel = sf_json_reader_get_object_member (object, member);

  return sf_json_reader_dup_string_member (channel, "name");
}

gint64
sf_json_reader_get_link_id (JsonObject *links,
                            const char *member,
                            const char *kind)
{
  JsonObject *link;
  const char *href;
  const char *slash;
  gsize kind_len = strlen (kind);
  guint64 id;

  link = sf_json_reader_get_object_member (links, member);
  href = sf_json_reader_get_string_member (link, "href");
  if (href == NULL)
    return 0;

  slash = strrchr (href, '/');
  if (slash == NULL || (gsize) (slash - href) < kind_len + 1 ||
      slash[-(gssize) kind_len - 1] != '/' ||
      strncmp (slash - kind_len, kind, kind_len) != 0)
    return 0;

  if (!g_ascii_string_to_unsigned (slash + 1, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  return (gint64) id;
}
