#pragma once

#include <gio/gio.h>

#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/* The plumbing of sf-tvmaze-details.c shared with the other per-resource units
 * (sf-tvmaze-people.c): a GET through sf_tvmaze_client_get_async() at
 * %SF_TVMAZE_PRIORITY_INTERACTIVE (so through the rate limiter and the HTTP cache), its body
 * parsed on a worker thread by @parse, the result delivered on the caller's context. A parse
 * failure is %SF_TVMAZE_ERROR_PARSE. */

typedef gpointer (*SfTvmazeParseFunc) (const char  *data,
                                       gssize       length,
                                       GError     **error);

void     sf_tvmaze_fetch_parsed_async  (SfTvmazeClient      *self,
                                        const char          *path,
                                        SfTvmazeParseFunc    parse,
                                        GDestroyNotify       free_result,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The same for a resource by id: PREFIX ID SUFFIX ("/shows/", 139, "/cast"; @suffix
 * nullable), after the public entry checks (a client, an id > 0, a cancellable or NULL). */
void     sf_tvmaze_fetch_id_async      (SfTvmazeClient      *self,
                                        const char          *prefix,
                                        gint64               id,
                                        const char          *suffix,
                                        SfTvmazeParseFunc    parse,
                                        GDestroyNotify       free_result,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gpointer sf_tvmaze_fetch_parsed_finish (SfTvmazeClient      *self,
                                        GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);

G_END_DECLS
