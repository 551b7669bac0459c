/* sf-cli-text.c: server text made safe for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-cli-text.h"
#include "sf-tvmaze-error.h"

/* Invisible characters that change the order in which a terminal shows text: the embeddings
 * and overrides (U+202A-202E), the isolates (U+2066-2069), and the marks (U+200E, U+200F,
 * U+061C). The marks cannot reorder a whole line as an override can, but they have no use in
 * a series name on a terminal and can still move neutral characters around a forged
 * "id · name" line, so they go too. */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200E || c == 0x200F || c == 0x061C;
}

static char *
clean (const char *text,
       gboolean    keep_newlines)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C ||
               c == 0x85 || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || is_bidi_control (c))
        continue;
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

char *
sf_cli_text_clean (const char *text)
{
  return clean (text, FALSE);
}

char *
sf_cli_text_clean_lines (const char *text)
{
  return clean (text, TRUE);
}

void
sf_cli_print_error (const char *message)
{
  g_autofree char *clean = sf_cli_text_clean (message);

  g_printerr ("series-finder: %s\n", clean);
}

int
sf_cli_print_fetch_error (const GError *error,
                          const char   *not_found,
                          gint64        id,
                          int           not_found_status)
{
  g_return_val_if_fail (error != NULL, 1);
  g_return_val_if_fail (not_found != NULL, 1);

  if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND))
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* @not_found is the caller's translated literal, with one %s: the id's digits. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_printerr (not_found, id_text);
#pragma GCC diagnostic pop
      return not_found_status;
    }

  sf_cli_print_error (error->message);
  return 1;
}
