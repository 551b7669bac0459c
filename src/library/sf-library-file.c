/* sf-library-file.c: the watchlist export format, written and strictly validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sf-json.h"
#include "sf-json-reader.h"
#include "sf-library-error.h"
#include "sf-library-file.h"
#include "sf-model-error.h"

/* An integer literal longer than this may overflow, and json-glib 1.6 then wraps it
 * around silently (99999999999999999999 reads as -1), so a hostile id could alias a real
 * one. */
#define MAX_INTEGER_DIGITS 18

void
sf_library_file_entry_clear (SfLibraryFileEntry *entry)
{
  g_clear_pointer (&entry->name, g_free);
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What json-glib 1.6 lets through but a watchlist must not have: text after the top-level
 * object (it parses "{…} garbage" as "{…}"), comments and single quotes, "\u0000" escapes
 * (it cuts the string there) and integers that overflow (it wraps them). The text is valid
 * UTF-8 without NULs by now. */
static gboolean
check_lexically (const char  *data,
                 gsize        length,
                 GError     **error)
{
  gsize i = 0;
  int depth = 0;
  gboolean in_string = FALSE;
  guint digits = 0;

  while (i < length && is_json_space (data[i]))
    i++;

  if (i == length)
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                           _("The file is empty."));
      return FALSE;
    }

  if (data[i] != '{')
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                           _("The file is not a Series Finder watchlist."));
      return FALSE;
    }

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            {
              if (data[i + 1] == 'u' && i + 5 < length && memcmp (data + i + 2, "0000", 4) == 0)
                {
                  g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                                       _("The file contains a NUL character."));
                  return FALSE;
                }
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (g_ascii_isdigit (c))
        {
          if (++digits > MAX_INTEGER_DIGITS)
            {
              g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                                   _("The file contains a number too large to be an id."));
              return FALSE;
            }
          continue;
        }
      digits = 0;

      /* json-glib also takes comments and single-quoted strings; JSON has neither. */
      if (c == '/' || c == '\'')
        {
          g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                               _("The file is not valid JSON."));
          return FALSE;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (--depth == 0)
            break;
        }
    }

  /* An unterminated document is left to json-glib, which says where it ends. */
  if (i < length)
    {
      for (i++; i < length; i++)
        {
          if (!is_json_space (data[i]))
            {
              g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                                   _("The file has unexpected text after the watchlist."));
              return FALSE;
            }
        }
    }

  return TRUE;
}

char *
sf_library_file_normalize_name (const char *name)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  gsize end;

  if (name == NULL)
    return NULL;

  valid = g_utf8_make_valid (name, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Control characters (newlines, terminal escapes) have no place in a title. */
      if (c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 ||
          c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else if (!g_unichar_iscntrl (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));

  if (out->len > SF_LIBRARY_FILE_MAX_NAME)
    {
      /* cut before the character that would cross the limit */
      end = g_utf8_find_prev_char (out->str, out->str + SF_LIBRARY_FILE_MAX_NAME + 1) - out->str;
      g_string_truncate (out, end);
      g_strchomp (out->str);
      g_string_set_size (out, strlen (out->str));
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gint64
sf_library_file_normalize_added (gint64 added)
{
  return added > 0 && added <= SF_LIBRARY_FILE_MAX_ADDED ? added : 0;
}

gboolean
sf_library_file_id_is_valid (gint64 id)
{
  return id >= 1 && id <= SF_LIBRARY_FILE_MAX_ID;
}

static gint64
parse_added (JsonObject *entry)
{
  JsonNode *node = json_object_get_member (entry, "added");
  g_autoptr(GDateTime) when = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return sf_library_file_normalize_added (json_node_get_int (node));

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return 0;

  when = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  return when != NULL ? sf_library_file_normalize_added (g_date_time_to_unix (when)) : 0;
}

/* FALSE: the entry is left out (debug log says why). */
static gboolean
parse_entry (JsonNode            *node,
             guint                position,
             SfLibraryFileEntry  *out_entry)
{
  JsonObject *entry;
  JsonNode *member;
  g_autofree char *name = NULL;
  gint64 id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("Watchlist file: show %u is not an object: left out", position);
      return FALSE;
    }

  entry = json_node_get_object (node);
  member = json_object_get_member (entry, "id");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 ||
      !sf_library_file_id_is_valid (id = json_node_get_int (member)))
    {
      g_debug ("Watchlist file: show %u has no valid id: left out", position);
      return FALSE;
    }

  member = json_object_get_member (entry, "name");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    name = sf_library_file_normalize_name (json_node_get_string (member));
  if (name == NULL)
    {
      g_debug ("Watchlist file: show %u has no name: left out", position);
      return FALSE;
    }

  out_entry->id = id;
  out_entry->name = g_steal_pointer (&name);
  out_entry->added = parse_added (entry);
  return TRUE;
}

GArray *
sf_library_file_parse (const char  *data,
                       gsize        length,
                       GError     **error)
{
  return sf_library_file_parse_full (data, length, NULL, error);
}

/* The value of the four hex digits at @p, or -1. */
static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A copy of @data where every \u escape of a lone UTF-16 surrogate reads \ufffd (the same
 * length), or NULL when there is none. json-glib 1.6 turns a lone surrogate into invalid
 * UTF-8 and 1.10 refuses the whole document; either way one damaged name would cost every
 * show in the file, where the rule is that a show broken alone is left out on its own. */
static char *
dup_without_lone_surrogates (const char *data,
                             gsize       length)
{
  char *copy = NULL;

  for (gsize i = 0; i + 1 < length; i++)
    {
      int value;

      if (data[i] != '\\')
        continue;
      if (data[i + 1] != 'u' || i + 6 > length || (value = hex4 (data + i + 2)) < 0)
        {
          i++;   /* another escape: its character is not a backslash to look at */
          continue;
        }
      if (value >= 0xD800 && value <= 0xDBFF && i + 12 <= length && data[i + 6] == '\\' &&
          data[i + 7] == 'u' && hex4 (data + i + 8) >= 0xDC00 && hex4 (data + i + 8) <= 0xDFFF)
        {
          i += 11;   /* a real pair */
          continue;
        }
      if (value >= 0xD800 && value <= 0xDFFF)
        {
          if (copy == NULL)
            copy = g_memdup2 (data, length);
          memcpy (copy + i + 2, "fffd", 4);
        }
      i += 5;
    }

  return copy;
}

GArray *
sf_library_file_parse_full (const char  *data,
                            gsize        length,
                            guint       *out_n_skipped,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *repaired = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *shows;
  gint64 version;
  guint n_shows;
  guint n_skipped = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > SF_LIBRARY_FILE_MAX_SIZE)
    {
      g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB; a watchlist is never that large."),
                   SF_LIBRARY_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (length == 0)
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                           _("The file is empty."));
      return NULL;
    }

  /* Some editors start UTF-8 files with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* With a length, this also refuses NUL bytes. */
  if (!g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                           _("The file is not UTF-8 text."));
      return NULL;
    }

  if (!check_lexically (data, length, error))
    return NULL;

  repaired = dup_without_lone_surrogates (data, length);
  if (repaired != NULL)
    data = repaired;

  root = sf_json_reader_parse_root (data, (gssize) length, &local_error);
  if (root == NULL)
    {
      if (g_error_matches (local_error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE))
        g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                             _("The file nests too deeply to be a watchlist."));
      else
        {
          /* The parser's words (line, column, token) are for the log, not the person. */
          g_debug ("Watchlist file: %s", local_error->message);
          g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                               _("The file is not valid JSON: it may be cut short or damaged."));
        }
      return NULL;
    }

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL ||
      g_strcmp0 (sf_json_reader_get_string_member (object, "format"),
                 SF_LIBRARY_FILE_FORMAT) != 0)
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                           _("The file is not a Series Finder watchlist."));
      return NULL;
    }

  member = json_object_get_member (object, "version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 ||
      (version = json_node_get_int (member)) < 1)
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                           _("The watchlist has no valid format version."));
      return NULL;
    }

  if (version > SF_LIBRARY_FILE_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_NEWER_VERSION,
                   _("The watchlist was written by a newer version of Series Finder "
                     "(format version %s)."), number);
      return NULL;
    }

  member = json_object_get_member (object, "shows");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_FILE,
                           _("The watchlist has no list of shows."));
      return NULL;
    }

  shows = json_node_get_array (member);
  n_shows = json_array_get_length (shows);
  if (n_shows > SF_LIBRARY_FILE_MAX_SHOWS)
    {
      g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_TOO_LARGE,
                   _("The watchlist lists more than %u shows."), SF_LIBRARY_FILE_MAX_SHOWS);
      return NULL;
    }

  entries = g_array_sized_new (FALSE, TRUE, sizeof (SfLibraryFileEntry), n_shows);
  g_array_set_clear_func (entries, (GDestroyNotify) sf_library_file_entry_clear);
  /* ids fit in 32 bits by now */
  seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < n_shows; i++)
    {
      SfLibraryFileEntry entry = { 0, };

      if (!parse_entry (json_array_get_element (shows, i), i + 1, &entry))
        {
          n_skipped++;
          continue;
        }

      if (!g_hash_table_add (seen, GINT_TO_POINTER ((int) entry.id)))
        {
          sf_library_file_entry_clear (&entry);
          continue;
        }

      g_array_append_val (entries, entry);
    }

  if (out_n_skipped != NULL)
    *out_n_skipped = n_skipped;
  return g_steal_pointer (&entries);
}

GBytes *
sf_library_file_build (const SfLibraryFileEntry *entries,
                       guint                     n_entries)
{
  GString *out = g_string_new (NULL);
  guint n_written = 0;

  g_return_val_if_fail (entries != NULL || n_entries == 0, NULL);

  g_string_append_printf (out, "{\"format\":\"%s\",\"version\":%d,\"shows\":[",
                          SF_LIBRARY_FILE_FORMAT, SF_LIBRARY_FILE_VERSION);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *line = NULL;
      g_autofree char *name = NULL;
      gint64 added_time = sf_library_file_normalize_added (entries[i].added);

      /* An id the import would refuse cannot be written in a way it takes back. */
      if (!sf_library_file_id_is_valid (entries[i].id))
        {
          g_debug ("Watchlist export: id %" G_GINT64_FORMAT " left out", entries[i].id);
          continue;
        }

      name = sf_library_file_normalize_name (entries[i].name);
      if (name == NULL)
        name = g_strdup_printf ("%" G_GINT64_FORMAT, entries[i].id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, entries[i].id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      if (added_time > 0)
        {
          g_autoptr(GDateTime) added = g_date_time_new_from_unix_utc (added_time);
          g_autofree char *text = added != NULL ? g_date_time_format_iso8601 (added) : NULL;

          if (text != NULL)
            {
              json_builder_set_member_name (builder, "added");
              json_builder_add_string_value (builder, text);
            }
        }
      json_builder_end_object (builder);

      node = json_builder_get_root (builder);
      line = sf_json_to_string (node);
      g_string_append_printf (out, "%s\n%s", n_written > 0 ? "," : "", line);
      n_written++;
    }

  g_string_append (out, "\n]}\n");

  return g_string_free_to_bytes (out);
}
