/* sf-tvmaze-details.c: a show's details, seasons, episodes and cast from TVmaze
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-show-list.h"
#include "sf-tvmaze-details.h"
#include "sf-tvmaze-error.h"
#include "sf-tvmaze-fetch-private.h"

/* The embeds of one details request; `embed[]=` with the brackets encoded. */
#define DETAILS_EMBEDS \
  "embed%5B%5D=episodes&embed%5B%5D=cast&embed%5B%5D=seasons" \
  "&embed%5B%5D=nextepisode&embed%5B%5D=previousepisode"

/* Task data of one fetch: how to turn the body into the result. */
typedef struct
{
  SfTvmazeParseFunc parse;
  GDestroyNotify  free_result;
} Fetch;

/* Task data of the worker that parses a body. */
typedef struct
{
  GBytes         *bytes;          /* owned */
  SfTvmazeParseFunc parse;
  GDestroyNotify  free_result;
} Parse;

static void
parse_free (gpointer data)
{
  Parse *parse = data;

  g_clear_pointer (&parse->bytes, g_bytes_unref);
  g_free (parse);
}

static void
parse_thread (GTask        *parse_task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Parse *parse = task_data;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gpointer result;
  gsize size;

  /* A page that was left does not need its 1 MB cast list parsed. */
  if (g_task_return_error_if_cancelled (parse_task))
    return;

  data = g_bytes_get_data (parse->bytes, &size);
  if (data == NULL)
    data = "";

  result = parse->parse (data, (gssize) size, &error);
  if (result == NULL)
    {
      g_task_return_new_error (parse_task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE,
                               "TVmaze sent an unexpected answer: %s", error->message);
      return;
    }

  g_task_return_pointer (parse_task, result, parse->free_result);
}

static void
on_parsed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Fetch *fetch = g_task_get_task_data (task);
  gpointer value;

  value = g_task_propagate_pointer (G_TASK (result), &error);
  if (value == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, value, fetch->free_result);
}

static void
on_got (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) parse_task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Fetch *fetch = g_task_get_task_data (task);
  GCancellable *cancellable;
  Parse *parse;

  bytes = sf_tvmaze_client_get_finish (SF_TVMAZE_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  parse = g_new0 (Parse, 1);
  parse->bytes = g_steal_pointer (&bytes);
  parse->parse = fetch->parse;
  parse->free_result = fetch->free_result;

  /* The worker's task has no source object, so the last reference on the client (and its
   * session) is never dropped on a worker thread. */
  cancellable = g_task_get_cancellable (task);
  parse_task = g_task_new (NULL, cancellable, on_parsed, g_steal_pointer (&task));
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, parse, parse_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

void
sf_tvmaze_fetch_parsed_async (SfTvmazeClient      *self,
                              const char          *path,
                              SfTvmazeParseFunc    parse,
                              GDestroyNotify       free_result,
                              gpointer             source_tag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  fetch = g_new0 (Fetch, 1);
  fetch->parse = parse;
  fetch->free_result = free_result;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, fetch, g_free);

  sf_tvmaze_client_get_async (self, path, SF_TVMAZE_PRIORITY_INTERACTIVE, cancellable,
                              on_got, g_steal_pointer (&task));
}

void
sf_tvmaze_fetch_id_async (SfTvmazeClient      *self,
                          const char          *prefix,
                          gint64               id,
                          const char          *suffix,
                          SfTvmazeParseFunc    parse,
                          GDestroyNotify       free_result,
                          gpointer             source_tag,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("%s%" G_GINT64_FORMAT "%s", prefix, id, suffix != NULL ? suffix : "");
  sf_tvmaze_fetch_parsed_async (self, path, parse, free_result, source_tag, cancellable,
                                callback, user_data);
}

gpointer
sf_tvmaze_fetch_parsed_finish (SfTvmazeClient  *self,
                               GAsyncResult    *result,
                               gpointer         source_tag,
                               GError         **error)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sf_tvmaze_client_get_show_async:
 * @self: a client
 * @show_id: a positive show id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/shows/ID`.
 */
void
sf_tvmaze_client_get_show_async (SfTvmazeClient      *self,
                                 gint64               show_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/shows/", show_id, NULL, (SfTvmazeParseFunc) sf_show_parse,
                            g_object_unref, sf_tvmaze_client_get_show_async, cancellable,
                            callback, user_data);
}

/**
 * sf_tvmaze_client_get_show_finish:
 *
 * Returns: (transfer full): the show, or %NULL with @error set
 */
SfShow *
sf_tvmaze_client_get_show_finish (SfTvmazeClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_show_async, error);
}

/**
 * sf_tvmaze_client_get_seasons_async:
 * @self: a client
 * @show_id: a positive show id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/shows/ID/seasons`.
 */
void
sf_tvmaze_client_get_seasons_async (SfTvmazeClient      *self,
                                    gint64               show_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/shows/", show_id, "/seasons",
                            (SfTvmazeParseFunc) sf_season_list_parse,
                            (GDestroyNotify) g_ptr_array_unref,
                            sf_tvmaze_client_get_seasons_async, cancellable, callback,
                            user_data);
}

/**
 * sf_tvmaze_client_get_seasons_finish:
 *
 * Returns: (transfer full) (element-type SfSeason): the seasons, or %NULL with @error set
 */
GPtrArray *
sf_tvmaze_client_get_seasons_finish (SfTvmazeClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_seasons_async, error);
}

/**
 * sf_tvmaze_client_get_episodes_async:
 * @self: a client
 * @show_id: a positive show id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/shows/ID/episodes?specials=1`.
 */
void
sf_tvmaze_client_get_episodes_async (SfTvmazeClient      *self,
                                     gint64               show_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/shows/", show_id, "/episodes?specials=1",
                            (SfTvmazeParseFunc) sf_episode_list_parse,
                            (GDestroyNotify) g_ptr_array_unref,
                            sf_tvmaze_client_get_episodes_async, cancellable, callback,
                            user_data);
}

/**
 * sf_tvmaze_client_get_episodes_finish:
 *
 * Returns: (transfer full) (element-type SfEpisode): the episodes, or %NULL with @error set
 */
GPtrArray *
sf_tvmaze_client_get_episodes_finish (SfTvmazeClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_episodes_async, error);
}

/**
 * sf_tvmaze_client_get_cast_async:
 * @self: a client
 * @show_id: a positive show id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/shows/ID/cast`.
 */
void
sf_tvmaze_client_get_cast_async (SfTvmazeClient      *self,
                                 gint64               show_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/shows/", show_id, "/cast",
                            (SfTvmazeParseFunc) sf_cast_list_parse,
                            (GDestroyNotify) g_ptr_array_unref,
                            sf_tvmaze_client_get_cast_async, cancellable, callback,
                            user_data);
}

/**
 * sf_tvmaze_client_get_cast_finish:
 *
 * Returns: (transfer full) (element-type SfCastMember): the cast, or %NULL with @error set
 */
GPtrArray *
sf_tvmaze_client_get_cast_finish (SfTvmazeClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_cast_async, error);
}

/**
 * sf_tvmaze_client_get_episode_async:
 * @self: a client
 * @episode_id: a positive episode id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses `/episodes/ID`.
 */
void
sf_tvmaze_client_get_episode_async (SfTvmazeClient      *self,
                                    gint64               episode_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/episodes/", episode_id, NULL,
                            (SfTvmazeParseFunc) sf_episode_parse, g_object_unref,
                            sf_tvmaze_client_get_episode_async, cancellable, callback,
                            user_data);
}

/**
 * sf_tvmaze_client_get_episode_finish:
 *
 * Returns: (transfer full): the episode, or %NULL with @error set
 */
SfEpisode *
sf_tvmaze_client_get_episode_finish (SfTvmazeClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_episode_async, error);
}

/**
 * sf_tvmaze_client_get_details_embedded_async:
 * @self: a client
 * @show_id: a positive show id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches and parses the show with its seasons, episodes (no specials), cast, next and
 * previous episode embedded, in one request.
 */
void
sf_tvmaze_client_get_details_embedded_async (SfTvmazeClient      *self,
                                             gint64               show_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  sf_tvmaze_fetch_id_async (self, "/shows/", show_id, "?" DETAILS_EMBEDS,
                            (SfTvmazeParseFunc) sf_show_details_parse_embedded,
                            g_object_unref, sf_tvmaze_client_get_details_embedded_async,
                            cancellable, callback, user_data);
}

/**
 * sf_tvmaze_client_get_details_embedded_finish:
 *
 * Returns: (transfer full): the details, or %NULL with @error set
 */
SfShowDetails *
sf_tvmaze_client_get_details_embedded_finish (SfTvmazeClient  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_details_embedded_async,
                                        error);
}

/* ------------------------------------------------------------------------------------------
 * The four requests of sf_tvmaze_client_get_details_async()
 */

typedef struct
{
  GCancellable *caller_cancellable;  /* owned, nullable */
  gulong        caller_handler;
  GCancellable *cancellable;         /* owned: cancels the rest when one part fails */
  guint         n_pending;
  SfShow       *show;                /* owned, nullable */
  GPtrArray    *seasons;             /* owned, nullable */
  GPtrArray    *episodes;            /* owned, nullable */
  GPtrArray    *cast;                /* owned, nullable */
  GError       *error;               /* owned, nullable: the first real failure */
  gboolean      cancelled;
} Details;

static void
details_free (gpointer data)
{
  Details *details = data;

  /* Waits for a handler running on another thread, so nothing touches us afterwards. */
  if (details->caller_handler != 0)
    g_cancellable_disconnect (details->caller_cancellable, details->caller_handler);
  g_clear_object (&details->caller_cancellable);
  g_clear_object (&details->cancellable);
  g_clear_object (&details->show);
  g_clear_pointer (&details->seasons, g_ptr_array_unref);
  g_clear_pointer (&details->episodes, g_ptr_array_unref);
  g_clear_pointer (&details->cast, g_ptr_array_unref);
  g_clear_error (&details->error);
  g_free (details);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  /* Any thread: GCancellable is thread-safe and the client reacts on its own context. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
details_part_done (GTask  *task,
                   GError *error)
{
  Details *details = g_task_get_task_data (task);

  if (error != NULL)
    {
      /* The parts cancelled because another failed only echo that failure. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        details->cancelled = TRUE;
      else if (details->error == NULL)
        details->error = g_error_copy (error);
      g_cancellable_cancel (details->cancellable);
    }

  g_assert (details->n_pending > 0);
  if (--details->n_pending > 0)
    return;

  if (details->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&details->error));
      return;
    }

  if (details->cancelled)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Operation was cancelled");
      return;
    }

  g_task_return_pointer (task,
                         sf_show_details_new (details->show, details->seasons,
                                              details->episodes, details->cast),
                         g_object_unref);
}

static void
on_details_show (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Details *details = g_task_get_task_data (task);

  details->show = sf_tvmaze_client_get_show_finish (SF_TVMAZE_CLIENT (object), result, &error);
  details_part_done (task, error);
}

static void
on_details_seasons (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Details *details = g_task_get_task_data (task);

  details->seasons = sf_tvmaze_client_get_seasons_finish (SF_TVMAZE_CLIENT (object), result,
                                                          &error);
  details_part_done (task, error);
}

static void
on_details_episodes (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Details *details = g_task_get_task_data (task);

  details->episodes = sf_tvmaze_client_get_episodes_finish (SF_TVMAZE_CLIENT (object), result,
                                                            &error);
  details_part_done (task, error);
}

static void
on_details_cast (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Details *details = g_task_get_task_data (task);

  details->cast = sf_tvmaze_client_get_cast_finish (SF_TVMAZE_CLIENT (object), result, &error);
  details_part_done (task, error);
}

/**
 * sf_tvmaze_client_get_details_async:
 * @self: a client
 * @show_id: a positive show id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Fetches the show, its seasons, episodes (specials included) and cast concurrently.
 */
void
sf_tvmaze_client_get_details_async (SfTvmazeClient      *self,
                                    gint64               show_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Details *details;

  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (show_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  details = g_new0 (Details, 1);
  details->cancellable = g_cancellable_new ();
  details->n_pending = 4;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_tvmaze_client_get_details_async);
  g_task_set_task_data (task, details, details_free);

  if (cancellable != NULL)
    {
      details->caller_cancellable = g_object_ref (cancellable);
      /* Runs the handler at once if already cancelled. */
      details->caller_handler = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (on_caller_cancelled),
                                                       g_object_ref (details->cancellable),
                                                       g_object_unref);
    }

  sf_tvmaze_client_get_show_async (self, show_id, details->cancellable,
                                   on_details_show, g_object_ref (task));
  sf_tvmaze_client_get_seasons_async (self, show_id, details->cancellable,
                                      on_details_seasons, g_object_ref (task));
  sf_tvmaze_client_get_episodes_async (self, show_id, details->cancellable,
                                       on_details_episodes, g_object_ref (task));
  sf_tvmaze_client_get_cast_async (self, show_id, details->cancellable,
                                   on_details_cast, g_object_ref (task));
}

/**
 * sf_tvmaze_client_get_details_finish:
 *
 * Returns: (transfer full): the details, or %NULL with @error set
 */
SfShowDetails *
sf_tvmaze_client_get_details_finish (SfTvmazeClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return sf_tvmaze_fetch_parsed_finish (self, result, sf_tvmaze_client_get_details_async, error);
}
