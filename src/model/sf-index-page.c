/* sf-show-page.c: an index page into shows, keeping each show's own JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-model-error.h"
#include "sf-show-list.h"
#include "sf-index-page.h"

typedef struct
{
  gsize start;
  gsize end;
} Span;

static gsize
skip_blank (const char *data,
            gsize       length,
            gsize       i)
{
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i;
}

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON, "Invalid JSON: %s", message);
  return FALSE;
}

/* Finds where each element of the top-level array starts and ends, without building a tree:
 * brackets outside strings are counted, strings are skipped with their escapes. Whether an
 * element is valid JSON is left to the parser that reads it. */
static gboolean
split_array (const char  *data,
             gsize        length,
             GArray      *spans,
             GError     **error)
{
  gsize i = skip_blank (data, length, 0);

  if (i >= length)
    return fail (error, "empty document");
  if (data[i] != '[')
    {
      g_set_error_literal (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE,
                           "Expected a JSON array of shows");
      return FALSE;
    }

  i = skip_blank (data, length, i + 1);
  if (i < length && data[i] == ']')
    {
      i = skip_blank (data, length, i + 1);
      return i == length ? TRUE : fail (error, "data after the end of the array");
    }

  for (;;)
    {
      Span span = { i, i };
      guint depth = 0;

      while (i < length)
        {
          char c = data[i];

          if (c == '"')
            {
              for (i++; i < length && data[i] != '"'; i++)
                {
                  if (data[i] == '\\')
                    i++;
                }
              if (i >= length)
                return fail (error, "unterminated string");
              i++;
              continue;
            }

          if (c == '[' || c == '{')
            depth++;
          else if (c == ']' || c == '}')
            {
              if (depth == 0)
                break;
              depth--;
            }
          else if (c == ',' && depth == 0)
            break;
          else if (c == '\0')
            return fail (error, "embedded NUL");

          i++;
        }

      if (i >= length)
        return fail (error, "the array is not closed (truncated?)");

      span.end = i;
      while (span.end > span.start &&
             (data[span.end - 1] == ' ' || data[span.end - 1] == '\t' ||
              data[span.end - 1] == '\n' || data[span.end - 1] == '\r'))
        span.end--;
      if (span.end == span.start)
        return fail (error, "an empty array element");

      g_array_append_val (spans, span);

      if (data[i] == ',')
        {
          i = skip_blank (data, length, i + 1);
          continue;
        }

      if (data[i] == ']')
        break;

      return fail (error, "mismatched brackets");
    }

  i = skip_blank (data, length, i + 1);
  if (i != length)
    return fail (error, "data after the end of the array");

  return TRUE;
}

GPtrArray *
sf_index_page_parse (const char  *data,
                    gssize       length,
                    GPtrArray  **out_json,
                    GError     **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GPtrArray) json = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (out_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *out_json = NULL;

  if (length < 0)
    length = strlen (data);

  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  if (!split_array (data, length, spans, error))
    return NULL;

  shows = g_ptr_array_new_full (spans->len, g_object_unref);
  json = g_ptr_array_new_full (spans->len, g_free);

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      g_autoptr(GError) local_error = NULL;
      SfShow *show;

      show = sf_show_parse (data + span->start, span->end - span->start, &local_error);
      if (show == NULL)
        {
          /* Broken text breaks the page (as it does for sf_show_list_parse_shows()); a
           * well-formed element that is not a show is skipped. */
          if (g_error_matches (local_error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON))
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                          "Element %u: ", i);
              return NULL;
            }
          continue;
        }

      g_ptr_array_add (shows, show);
      g_ptr_array_add (json, g_strndup (data + span->start, span->end - span->start));
    }

  *out_json = g_steal_pointer (&json);
  return g_steal_pointer (&shows);
}
