#pragma once

/* Server text made safe for a terminal. Every string that came from TVmaze (or from a file)
 * goes through here before the text output prints it: escape sequences could clear the
 * screen or set the window title, CR/LF could forge lines, and bidi overrides could make a
 * line read differently from what it is. `--json` never goes through here: json-glib escapes
 * what it writes, and the output stays exact. */

#include <glib.h>

G_BEGIN_DECLS

/* One line: C0 and C1 controls, DEL, bidi overrides, isolates and marks are dropped; tabs,
 * newlines and line or paragraph separators become spaces; invalid UTF-8 becomes U+FFFD.
 * @text: (nullable). Returns: (nullable): NULL for NULL. */
char *sf_cli_text_clean       (const char *text);

/* The same, but newlines are kept (a summary's paragraphs). */
char *sf_cli_text_clean_lines (const char *text);

/* "series-finder: MESSAGE" on stderr, the message cleaned (an error can quote a server). */
void  sf_cli_print_error      (const char *message);

/* The error of a request by id: TVmaze's 404 (%SF_TVMAZE_ERROR_NOT_FOUND) as @not_found, a
 * translated line whose one "%s" is the id ("No person with id %s\n"); anything else with
 * sf_cli_print_error(). Returns: the exit status: @not_found_status for a 404, else 1. */
int   sf_cli_print_fetch_error (const GError *error,
                                const char   *not_found,
                                gint64        id,
                                int           not_found_status);

G_END_DECLS
