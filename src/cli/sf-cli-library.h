#pragma once

#include "sf-library.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/*
 * The watchlist from the terminal. Each function opens @library (the backend's, not open
 * yet), does its work and closes it, running the thread-default main context until done
 * (create @client on that context). Results go to stdout, messages to stderr.
 * Returns: the exit status: 0 on success, 1 on failure, 2 for an id that is not positive.
 */

/* `--watchlist`: refreshes snapshots older than an hour (without using up the desktop's
 * notifications), then prints the followed shows: those with a next episode soonest
 * first, with its local date and time and "in 3 days"; then those with nothing announced;
 * then ended ones. Offline, it prints what was stored, with a note. */
int sf_cli_watchlist_run (SfTvmazeClient *client,
                          SfLibrary      *library);

/* `--follow=ID`: fetches the show (with its next and previous episode) and follows it:
 * "Following NAME". An unknown id is "No series with id ID" and exit status 1. */
int sf_cli_follow_run    (SfTvmazeClient *client,
                          SfLibrary      *library,
                          gint64          id);

/* `--unfollow=ID`: "No longer following NAME"; an id not followed is exit status 1. */
int sf_cli_unfollow_run  (SfLibrary      *library,
                          gint64          id);

G_END_DECLS
