#pragma once

#include "sf-rate-limiter.h"

G_BEGIN_DECLS

/*
 * While the client waits for a busy TVmaze (a 429 with its Retry-After), the terminal mode
 * says so on stderr, one line for each wait: "TVmaze is busy; retrying in N s…". A 429 that
 * the client gives up on at once (a wait past its budget) says nothing here: the error does.
 */
typedef struct _SfCliBusy SfCliBusy;

/* Watches @limiter on the thread-default main context. */
SfCliBusy *sf_cli_busy_new  (SfRateLimiter *limiter);
void       sf_cli_busy_free (SfCliBusy     *busy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCliBusy, sf_cli_busy_free)

G_END_DECLS
