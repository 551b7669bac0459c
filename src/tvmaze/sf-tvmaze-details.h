#pragma once

#include <gio/gio.h>

#include "sf-show-details.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/*
 * Everything about one show, through sf_tvmaze_client_get_async() (so through the shared
 * rate limiter and retries), at %SF_TVMAZE_PRIORITY_INTERACTIVE: a person is waiting. Each
 * body is parsed on a worker thread; results and errors come back on the caller's
 * thread-default main context. Errors: %SF_TVMAZE_ERROR_NOT_FOUND for an unknown id,
 * %SF_TVMAZE_ERROR_PARSE for a body that is not what TVmaze sends, any other
 * %SF_TVMAZE_ERROR from the client, %G_IO_ERROR_CANCELLED when cancelled (then nothing else
 * is delivered).
 */

/* `/shows/ID`. Returns: (transfer full) */
void           sf_tvmaze_client_get_show_async         (SfTvmazeClient       *self,
                                                        gint64                show_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
SfShow        *sf_tvmaze_client_get_show_finish        (SfTvmazeClient       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* `/shows/ID/seasons`. Returns: (transfer full) (element-type SfSeason) */
void           sf_tvmaze_client_get_seasons_async      (SfTvmazeClient       *self,
                                                        gint64                show_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray     *sf_tvmaze_client_get_seasons_finish     (SfTvmazeClient       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* `/shows/ID/episodes?specials=1`: every episode in airing order, specials included.
 * Returns: (transfer full) (element-type SfEpisode) */
void           sf_tvmaze_client_get_episodes_async     (SfTvmazeClient       *self,
                                                        gint64                show_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray     *sf_tvmaze_client_get_episodes_finish    (SfTvmazeClient       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* `/shows/ID/cast`, most important first. Returns: (transfer full) (element-type SfCastMember) */
void           sf_tvmaze_client_get_cast_async         (SfTvmazeClient       *self,
                                                        gint64                show_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray     *sf_tvmaze_client_get_cast_finish        (SfTvmazeClient       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* `/episodes/ID`, e.g. sf_show_get_next_episode_id(). Returns: (transfer full) */
void           sf_tvmaze_client_get_episode_async      (SfTvmazeClient       *self,
                                                        gint64                episode_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
SfEpisode     *sf_tvmaze_client_get_episode_finish     (SfTvmazeClient       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/**
 * sf_tvmaze_client_get_details_async:
 * @show_id: a show id
 *
 * The show, its seasons, every episode (specials included) and its cast, as four concurrent
 * requests; fails as soon as one fails (the others are cancelled). This is the faster way
 * for long shows (the bodies are parsed in parallel) and gets the specials, which TVmaze
 * leaves out of embedded episodes. Returns: (transfer full)
 */
void           sf_tvmaze_client_get_details_async      (SfTvmazeClient       *self,
                                                        gint64                show_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
SfShowDetails *sf_tvmaze_client_get_details_finish     (SfTvmazeClient       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/**
 * sf_tvmaze_client_get_details_embedded_async:
 * @show_id: a show id
 *
 * The same in one request, `/shows/ID` with `embed[]=` episodes, cast, seasons, nextepisode
 * and previousepisode. TVmaze leaves specials out of embedded episodes.
 * Returns: (transfer full)
 */
void           sf_tvmaze_client_get_details_embedded_async  (SfTvmazeClient  *self,
                                                             gint64           show_id,
                                                             GCancellable    *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer         user_data);
SfShowDetails *sf_tvmaze_client_get_details_embedded_finish (SfTvmazeClient  *self,
                                                             GAsyncResult    *result,
                                                             GError         **error);

G_END_DECLS
