#pragma once

#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/* Both run a main loop on the thread-default main context until done and print on stdout;
 * text output has its control characters dropped. */

/**
 * sf_cli_person_run:
 * @client: the TVmaze client, created on the thread-default main context
 * @name: what to search for
 * @json: %TRUE for one JSON object a line, %FALSE for text
 *
 * `series-finder --person=NAME [--json]`: the matching people, one a line: id, name,
 * birthday, country.
 *
 * Returns: the exit status: 0 on success (none found included), 1 on failure, 2 for an empty
 *   name
 */
int sf_cli_person_run         (SfTvmazeClient *client,
                               const char     *name,
                               gboolean        json);

/**
 * sf_cli_person_credits_run:
 * @client: the TVmaze client, created on the thread-default main context
 * @id: a person id
 * @json: %TRUE for one JSON object a line, %FALSE for text
 *
 * `series-finder --person-credits=ID [--json]`: the person's series, newest first, each with
 * the show's usual fields plus `character`.
 *
 * Returns: the exit status: 0 on success, 1 on failure, 2 for an id that is not positive or
 *   unknown to TVmaze ("No person with id N")
 */
int sf_cli_person_credits_run (SfTvmazeClient *client,
                               gint64          id,
                               gboolean        json);

/* @text without control characters (C0, DEL, C1; a tab or line break becomes a space), for
 * the terminal. Returns: (transfer full) */
char *sf_cli_people_strip_controls (const char *text);

G_END_DECLS
