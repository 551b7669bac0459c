/* fuzz-markup.c: any summary HTML into Pango markup, which must always parse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pango.h>

#include "fuzz-common.h"
#include "sf-markup.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *html = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 256 * 1024)
    return 0;

  /* what the model hands over: a nul-terminated, valid UTF-8 string */
  html = g_utf8_make_valid ((const char *) data, size);

  markup = sf_markup_from_html (html);
  if (markup != NULL)
    {
      if (!pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error))
        {
          g_printerr ("Markup that Pango refuses (%s):\n%s\n", error->message, markup);
          g_assert_not_reached ();
        }
    }

  text = sf_markup_html_to_text (html);
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));

  return 0;
}
