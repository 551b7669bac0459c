/* sf-backend-cache.c: the HTTP cache on disk: its size cap, its size, clearing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sf-backend-cache.h"

#define MEGABYTE (G_GUINT64_CONSTANT (1024) * 1024)

char *
sf_backend_dup_http_cache_dir (void)
{
  g_autofree char *cache_dir = sf_backend_dup_cache_dir ();

  return g_build_filename (cache_dir, "http", NULL);
}

/* (nullable): the session's cache, when the backend could create its folder */
static SoupCache *
get_soup_cache (SfBackend *self)
{
  SoupSession *session = sf_tvmaze_client_get_session (sf_backend_get_client (self));
  SoupSessionFeature *feature = soup_session_get_feature (session, SOUP_TYPE_CACHE);

  return feature != NULL ? SOUP_CACHE (feature) : NULL;
}

/* ------------------------------------------------------------------------------------------
 * The size cap
 */

static void
cache_size_changed_cb (GSettings  *settings,
                       const char *key,
                       SoupCache  *cache)
{
  guint64 mb = (guint64) CLAMP (g_settings_get_int (settings, "cache-size-mb"),
                                SF_CACHE_SIZE_MIN_MB, SF_CACHE_SIZE_MAX_MB);

  /* SoupCache counts in a guint: 4096 MB is one byte too many. */
  soup_cache_set_max_size (cache, (guint) MIN (mb * MEGABYTE, (guint64) G_MAXUINT));
}

void
sf_backend_bind_cache_size (SfBackend *self,
                            GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  SoupCache *cache;

  g_return_if_fail (SF_IS_BACKEND (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  cache = get_soup_cache (self);
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (cache == NULL || !g_settings_schema_has_key (schema, "cache-size-mb"))
    return;

  /* Bound to the cache's lifetime: the handler goes with it. */
  g_signal_connect_object (settings, "changed::cache-size-mb",
                           G_CALLBACK (cache_size_changed_cb), cache, 0);
  cache_size_changed_cb (settings, "cache-size-mb", cache);
}

/* ------------------------------------------------------------------------------------------
 * Walking the folder on a worker thread
 */

typedef struct
{
  char     *dir;        /* owned: the HTTP cache folder */
  gboolean  delete;     /* delete what is found, else only count it */
  guint64   bytes;      /* counted, or deleted */
  GError   *error;      /* owned, nullable: the first failure */
} Walk;

static void
walk_free (Walk *walk)
{
  g_clear_pointer (&walk->dir, g_free);
  g_clear_error (&walk->error);
  g_free (walk);
}

static void
walk_record_error (Walk       *walk,
                   GFile      *file,
                   GError    **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (walk->error == NULL)
    {
      walk->error = g_steal_pointer (error);
      g_prefix_error (&walk->error, "%s: ", path);
    }
  g_clear_error (error);
}

/* Depth first; symbolic links are entries like files (NOFOLLOW), so nothing outside @dir
 * is ever reached. */
static void
walk_dir (Walk         *walk,
          GFile        *dir,
          GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        walk_record_error (walk, dir, &error);
      return;
    }

  while (!g_cancellable_is_cancelled (cancellable))
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      guint64 size;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &error))
        {
          walk_record_error (walk, dir, &error);
          return;
        }
      if (info == NULL)
        return;

      size = (guint64) g_file_info_get_size (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          walk_dir (walk, child, cancellable);
          size = 0;
        }

      if (!walk->delete)
        walk->bytes += size;
      else if (g_file_delete (child, cancellable, &error))
        walk->bytes += size;
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        walk_record_error (walk, child, &error);
      else
        g_clear_error (&error);
    }
}

/* TRUE when @dir is @ancestor or inside it */
static gboolean
path_is_within (const char *dir,
                const char *ancestor)
{
  gsize len = strlen (ancestor);

  return strncmp (dir, ancestor, len) == 0 && (dir[len] == '\0' || dir[len] == G_DIR_SEPARATOR);
}

static void
walk_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Walk *walk = task_data;
  g_autoptr(GFile) root = g_file_new_for_path (walk->dir);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "series-finder", NULL);

  /* The watchlist is never in the way of a cache clear, however the XDG folders are set. */
  if (walk->delete && path_is_within (data_dir, walk->dir))
    {
      /* Translators: both %s are folders */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The cache folder “%s” holds the watchlist folder “%s”: "
                                 "nothing was deleted"), walk->dir, data_dir);
      return;
    }

  /* A cache folder that is a link (or not there) has nothing of ours in it. */
  if (g_file_query_file_type (root, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable) ==
      G_FILE_TYPE_DIRECTORY)
    walk_dir (walk, root, cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (walk->error != NULL)
    g_task_return_error (task, g_steal_pointer (&walk->error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The worker task has no source object and owns only plain data, so that its last
 * reference, which the pool may drop after the main thread is done, frees nothing that
 * belongs to the main thread. */
static void
run_walk (gboolean             delete,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          GTask               *outer)
{
  g_autoptr(GTask) worker = g_task_new (NULL, cancellable, callback, outer);
  Walk *walk = g_new0 (Walk, 1);

  walk->dir = sf_backend_dup_http_cache_dir ();
  walk->delete = delete;
  g_task_set_source_tag (worker, run_walk);
  g_task_set_task_data (worker, walk, (GDestroyNotify) walk_free);
  g_task_run_in_thread (worker, walk_thread);
}

/* Back on the main thread: hands the worker's outcome to @user_data (the outer task,
 * adopted), with its byte count. */
static void
walk_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Walk *walk = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint64 *bytes;

  /* After a clear, the files are gone (or most are, after an error); the cache must forget
   * its entries, or it would count files it no longer has. soup_cache_clear() deletes too,
   * here on the main thread, but only what is left: what was written meanwhile, which is
   * little. A cancelled clear leaves the cache as it is (an entry whose file is gone is
   * fetched again). */
  if (walk->delete && !g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      SoupCache *cache = get_soup_cache (g_task_get_source_object (task));

      if (cache != NULL)
        soup_cache_clear (cache);
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_new (guint64, 1);
  *bytes = walk->bytes;
  g_task_return_pointer (task, bytes, g_free);
}

/* Measuring and clearing are one walk of the folder: @delete says which. */
static void
start_walk (SfBackend           *self,
            gboolean             delete,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_BACKEND (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  run_walk (delete, cancellable, walk_done_cb, g_steal_pointer (&task));
}

static gboolean
finish_walk (SfBackend     *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             guint64       *out_bytes,
             GError       **error)
{
  g_autofree guint64 *bytes = NULL;

  g_return_val_if_fail (SF_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (out_bytes != NULL)
    *out_bytes = bytes != NULL ? *bytes : 0;

  return bytes != NULL;
}

void
sf_backend_measure_cache_async (SfBackend           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  start_walk (self, FALSE, cancellable, callback, user_data, sf_backend_measure_cache_async);
}

gboolean
sf_backend_measure_cache_finish (SfBackend     *self,
                                 GAsyncResult  *result,
                                 guint64       *out_bytes,
                                 GError       **error)
{
  return finish_walk (self, result, sf_backend_measure_cache_async, out_bytes, error);
}

void
sf_backend_clear_cache_async (SfBackend           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  start_walk (self, TRUE, cancellable, callback, user_data, sf_backend_clear_cache_async);
}

gboolean
sf_backend_clear_cache_finish (SfBackend     *self,
                               GAsyncResult  *result,
                               guint64       *out_freed,
                               GError       **error)
{
  return finish_walk (self, result, sf_backend_clear_cache_async, out_freed, error);
}
