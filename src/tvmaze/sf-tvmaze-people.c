/* sf-tvmaze-people.c: person search, a person and their cast credits from TVmaze
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-tvmaze-fetch-private.h"
#include "sf-tvmaze-people.h"

/* The character's name is only in its embed; `embed[]=` with the brackets encoded. */
#define CREDITS_EMBEDS "embed%5B%5D=show&embed%5B%5D=character"

char *
sf_tvmaze_build_people_search_path (const char *query)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  trimmed = g_strstrip (g_strdup (query));
  /* no reserved character is allowed through: & # % + / ? all get encoded */
  escaped = g_uri_escape_string (trimmed, NULL, FALSE);

  return g_strconcat ("/search/people?q=", escaped, NULL);
}

/**
 * sf_tvmaze_client_search_people_async:
 * @self: a client
 * @query: what the person typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/search/people?q=QUERY`.
 */
void
sf_tvmaze_client_search_people_async (SfTvmazeClient      *self,
                                      const char          *query,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = sf_tvmaze_build_people_search_path (query);
  sf_tvmaze_fetch_parsed_async (self, path, (SfTvmazeParseFunc) sf_person_list_parse_search,
                                (GDestroyNotify) g_ptr_array_unref,
                                sf_tvmaze_client_search_people_async, cancellable, callback,
                                user_data);
}

/**
 * sf_tvmaze_client_search_people_finish:
 *
 * Returns: (transfer full) (element-type SfPerson): the people, or %NULL with @error set
 */
GPtrArray *
sf_tvmaze_client_search_people_finish (SfTvmazeClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_search_people_async,
                                        error);
}

/**
 * sf_tvmaze_client_get_person_async:
 * @self: a client
 * @person_id: a positive person id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/people/ID`.
 */
void
sf_tvmaze_client_get_person_async (SfTvmazeClient      *self,
                                   gint64               person_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/people/", person_id, NULL,
                            (SfTvmazeParseFunc) sf_person_parse, g_object_unref,
                            sf_tvmaze_client_get_person_async, cancellable, callback,
                            user_data);
}

/**
 * sf_tvmaze_client_get_person_finish:
 *
 * Returns: (transfer full): the person, or %NULL with @error set
 */
SfPerson *
sf_tvmaze_client_get_person_finish (SfTvmazeClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_person_async,
                                        error);
}

/**
 * sf_tvmaze_client_get_credits_async:
 * @self: a client
 * @person_id: a positive person id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/people/ID/castcredits` with the show and the character embedded.
 */
void
sf_tvmaze_client_get_credits_async (SfTvmazeClient      *self,
                                    gint64               person_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/people/", person_id, "/castcredits?" CREDITS_EMBEDS,
                            (SfTvmazeParseFunc) sf_credit_list_parse,
                            (GDestroyNotify) g_ptr_array_unref,
                            sf_tvmaze_client_get_credits_async, cancellable, callback,
                            user_data);
}

/**
 * sf_tvmaze_client_get_credits_finish:
 *
 * Returns: (transfer full) (element-type SfCredit): the credits, or %NULL with @error set
 */
GPtrArray *
sf_tvmaze_client_get_credits_finish (SfTvmazeClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_credits_async,
                                        error);
}
