#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * sf_markup_from_html:
 * @html: (nullable): TVmaze's HTML (summaries), untrusted
 *
 * Turns TVmaze's HTML into Pango markup that gtk_label_set_markup() always accepts: `<p>`
 * becomes a paragraph break, `<br>` a line break, `<b>`/`<strong>` bold, `<i>`/`<em>` italic;
 * every other tag is dropped (its text kept; block elements such as `<div>` and `<li>` still
 * end the line), HTML entities are decoded and all text is escaped, so no input can inject
 * markup. Whitespace is collapsed as a browser would (a run of breaks is at most one blank
 * line, none at either end), control characters are dropped and invalid UTF-8 is replaced.
 *
 * Returns: (transfer full): valid Pango markup, possibly empty, never %NULL
 */
char *sf_markup_from_html  (const char *html);

/**
 * sf_markup_html_to_text:
 * @html: (nullable): TVmaze's HTML
 *
 * Like sf_markup_from_html() but plain text (no markup at all), for the terminal and for
 * accessible descriptions.
 *
 * Returns: (transfer full): plain UTF-8 text, never %NULL
 */
char *sf_markup_html_to_text (const char *html);

G_END_DECLS
