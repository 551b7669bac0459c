#pragma once

#include "sf-criteria.h"
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

/**
 * sf_cli_person_criterion:
 * @client: the TVmaze client, created on the thread-default main context
 * @id_text: the value of `--with-person`
 * @criteria: where the person goes (sf_criteria_set_person())
 *
 * `--with-person=ID`: the person's name and the series of their cast credits, as one more
 * criterion of @criteria. Errors go to stderr.
 *
 * Returns: the exit status so far: 0 when the criterion is set, 1 when TVmaze could not
 *   answer, 2 for an id that is not a positive number or unknown to TVmaze ("No person with
 *   id N")
 */
int sf_cli_person_criterion   (SfTvmazeClient *client,
                               const char     *id_text,
                               SfCriteria     *criteria);

G_END_DECLS
