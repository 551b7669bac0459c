#pragma once

#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/**
 * sf_cli_show_run:
 * @client: the TVmaze client, created on the thread-default main context
 * @id: a show id
 * @json: %TRUE for one JSON object, %FALSE for text
 *
 * `series-finder --show=ID [--json]`: fetches the show with its seasons, episodes and cast
 * and prints them on stdout. Runs a main loop on the thread-default main context until
 * done. Failures are a message on stderr ("No series with id N" for an unknown id).
 *
 * Returns: the exit status: 0 on success, 1 on failure, 2 for an id that is not positive
 */
int sf_cli_show_run (SfTvmazeClient *client,
                     gint64          id,
                     gboolean        json);

G_END_DECLS
