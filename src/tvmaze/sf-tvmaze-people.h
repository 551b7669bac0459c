#pragma once

#include <gio/gio.h>

#include "sf-person.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/*
 * People on TVmaze, through sf_tvmaze_client_get_async() (the shared rate limiter, retries
 * and HTTP cache) at %SF_TVMAZE_PRIORITY_INTERACTIVE. Bodies are parsed on a worker thread;
 * results and errors come back on the caller's thread-default main context. Errors:
 * %SF_TVMAZE_ERROR_NOT_FOUND for an unknown id, %SF_TVMAZE_ERROR_PARSE for a body that is not
 * what TVmaze sends, any other %SF_TVMAZE_ERROR from the client, %G_IO_ERROR_CANCELLED.
 */

/* `/search/people?q=QUERY`, best first. Returns: (transfer full) (element-type SfPerson) */
void       sf_tvmaze_client_search_people_async  (SfTvmazeClient       *self,
                                                  const char           *query,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray *sf_tvmaze_client_search_people_finish (SfTvmazeClient       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* `/people/ID`. Returns: (transfer full) */
void       sf_tvmaze_client_get_person_async     (SfTvmazeClient       *self,
                                                  gint64                person_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
SfPerson  *sf_tvmaze_client_get_person_finish    (SfTvmazeClient       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* `/people/ID/castcredits` with the show and the character embedded, newest first (see
 * sf_credit_list_parse()). Returns: (transfer full) (element-type SfCredit) */
void       sf_tvmaze_client_get_credits_async    (SfTvmazeClient       *self,
                                                  gint64                person_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray *sf_tvmaze_client_get_credits_finish   (SfTvmazeClient       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* "/search/people?q=..." with @query trimmed and escaped */
char      *sf_tvmaze_build_people_search_path    (const char           *query);

G_END_DECLS
