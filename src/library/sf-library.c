/* sf-library.c: the watchlist, one writer thread in front of SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sf-library-impl.h"
#include "sf-show-details.h"
#include "sf-show-snapshot.h"

/*
 * Threads
 *
 *   caller (main) ── jobs ──► writer thread: the only connection. Reads and writes run in
 *                             the order they were asked for, each write in its own
 *                             transaction (the watchlist is small: one thread is plenty).
 *   import ─────────────────► a GTask worker reads and validates the file first.
 *   folder monitor ─────────► after another process wrote the file (`--follow` from a
 *                             terminal), a read job that reloads the followed set when
 *                             SQLite's data_version says another connection committed.
 *
 * SfDbWorker runs the thread; this file never calls SQLite, sf-library-db.c does, on the
 * writer thread only. A job owns its task until the result is delivered on the task's
 * context, so the thread never holds the last reference to a task or, through it, to the
 * library. The monitor is sf-library-monitor.c's, export and import sf-library-transfer.c's. The in-memory set of
 * followed ids lives on the caller's context and is updated there from each committed
 * write, just before "changed" and the task's result.
 */

G_DEFINE_FINAL_TYPE (SfLibrary, sf_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_RECOVERY_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------
 * The writer thread (SfDbWorker) and its connection
 */

static gboolean open_run (Writer      *writer,
                          const char  *path,
                          SfDbJob     *job,
                          GError     **error);

static gpointer
open_writer (gpointer   data,
             SfDbJob   *job,
             GError   **error)
{
  Writer *writer;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (sf_db_job_get_task (job)),
                                            error))
    return NULL;

  writer = g_new0 (Writer, 1);
  if (!open_run (writer, data, job, error))
    {
      g_free (writer);
      return NULL;
    }

  return writer;
}

static void
close_writer (gpointer connection)
{
  Writer *writer = connection;

  sf_library_db_close (writer->db);
  g_free (writer);
}

static gboolean
begin (gpointer   connection,
       GError   **error)
{
  return sf_library_db_begin (((Writer *) connection)->db, error);
}

static gboolean
commit (gpointer   connection,
        GError   **error)
{
  return sf_library_db_commit (((Writer *) connection)->db, error);
}

static void
rollback (gpointer connection)
{
  sf_library_db_rollback (((Writer *) connection)->db);
}

static GError *
new_closed_error (void)
{
  return g_error_new_literal (SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_CLOSED,
                              _("The watchlist is not open."));
}

/* After the job's own apply: the in-memory set is up to date, so "changed" can go. */
static void
delivered (gpointer  source_object,
           SfDbJob  *job)
{
  if (sf_db_job_get_error (job) == NULL && sf_db_job_get_changed (job))
    g_signal_emit (source_object, signals[CHANGED], 0);
}

static const SfDbWorkerOps worker_ops = {
  .open_writer = open_writer,
  .close = close_writer,
  .begin = begin,
  .commit = commit,
  .rollback = rollback,
  .new_closed_error = new_closed_error,
  .delivered = delivered,
};

/* Takes @task; the job's input is the task data. */
void
sf_library_queue_job (SfLibrary         *self,
           GTask             *task,
           const SfDbJobInfo *info)
{
  /* A committed write is reported as done even if cancelled meanwhile. */
  if (info->kind != SF_DB_JOB_READ)
    g_task_set_check_cancellable (task, FALSE);

  sf_db_worker_submit (self->worker, task, info);
}

/* FALSE (and @task answered) when the library cannot take jobs. */
gboolean
sf_library_check_open (SfLibrary *self,
            GTask     *task)
{
  if (self->state == STATE_OPENING || self->state == STATE_OPEN)
    return TRUE;

  g_task_return_new_error (task, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_CLOSED,
                           _("The watchlist is not open."));
  return FALSE;
}

GTask *
sf_library_new_task (SfLibrary           *self,
                     gpointer             source_tag,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (data != NULL)
    g_task_set_task_data (task, data, data_free);
  if (!sf_library_check_open (self, task))
    return NULL;

  return g_steal_pointer (&task);
}

void
sf_library_submit (SfLibrary           *self,
                   gpointer             source_tag,
                   gpointer             data,
                   GDestroyNotify       data_free,
                   const SfDbJobInfo   *info,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = sf_library_new_task (self, source_tag, data, data_free, cancellable, callback,
                                     user_data);

  if (task != NULL)
    sf_library_queue_job (self, task, info);
}

gboolean
sf_library_finish_boolean (SfLibrary     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
sf_library_finish_pointer (SfLibrary     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------
 * Snapshots
 */

int
sf_library_known_latest_season (SfEpisode *previous,
                                SfEpisode *next,
                                gboolean   complete)
{
  int latest = -1;

  if (previous != NULL)
    latest = MAX (latest, sf_episode_get_season (previous));
  if (next != NULL)
    latest = MAX (latest, sf_episode_get_season (next));

  if (latest < 0 && complete)
    return 0;

  return latest;
}

/* The watchlist entry of a stored row; a snapshot that does not read back (it never
 * should) leaves the id and name. */
static SfFollowedShow *
followed_show_from_row (const SfLibraryRow *row)
{
  g_autoptr(SfShowDetails) details = NULL;
  g_autoptr(SfShow) show = NULL;

  if (row->snapshot != NULL)
    details = sf_show_details_parse_embedded (row->snapshot, -1, NULL);

  if (details != NULL && sf_show_get_id (sf_show_details_get_show (details)) == row->id)
    return sf_followed_show_new (sf_show_details_get_show (details),
                                 sf_show_details_get_next_episode (details),
                                 sf_show_details_get_previous_episode (details),
                                 row->added, row->refreshed);

  show = sf_show_new_minimal (row->id, row->name);
  if (show == NULL)
    return NULL;

  return sf_followed_show_new (show, NULL, NULL, row->added, row->refreshed);
}

/* ------------------------------------------------------------------------------------------
 * GObject
 */

static void
sf_library_finalize (GObject *object)
{
  SfLibrary *self = (SfLibrary *) object;

  /* Not closed: the thread closes the connection on its own and ends. */
  g_clear_object (&self->worker);
  sf_library_stop_monitor (self);
  g_clear_pointer (&self->followed, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->recovery_message, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);

  G_OBJECT_CLASS (sf_library_parent_class)->finalize (object);
}

static void
sf_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SfLibrary *self = SF_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_RECOVERY_MESSAGE:
      g_value_set_string (value, self->recovery_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_library_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SfLibrary *self = SF_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_assert (self->path == NULL);
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = sf_library_dup_default_path ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_library_class_init (SfLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_library_finalize;
  object_class->get_property = sf_library_get_property;
  object_class->set_property = sf_library_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SfLibrary:recovery-message:
   *
   * Set when opening found the watchlist file damaged and moved it aside: the sentence to
   * show the person. %NULL otherwise.
   */
  properties[PROP_RECOVERY_MESSAGE] =
    g_param_spec_string ("recovery-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SfLibrary::changed:
   *
   * The watchlist changed: emitted on the library's context after each committed write
   * that changed something (and once after opening), when sf_library_is_followed() already
   * answers from the new state.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sf_library_init (SfLibrary *self)
{
  self->followed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

char *
sf_library_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "series-finder", "library.db", NULL);
}

SfLibrary *
sf_library_new (const char *path)
{
  return g_object_new (SF_TYPE_LIBRARY, "path", path, NULL);
}

const char *
sf_library_get_path (SfLibrary *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);

  return self->path;
}

gboolean
sf_library_is_open (SfLibrary *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);

  return self->state == STATE_OPEN;
}

guint
sf_library_get_n_recovered (SfLibrary *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), 0);

  return self->n_recovered;
}

guint
sf_library_get_n_searches_recovered (SfLibrary *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), 0);

  return self->n_searches_recovered;
}

const char *
sf_library_get_recovery_message (SfLibrary *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);

  return self->recovery_message;
}

const char *
sf_library_get_moved_aside_path (SfLibrary *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);

  return self->moved_aside_path;
}

gboolean
sf_library_is_followed (SfLibrary *self,
                        gint64     id)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);

  return g_hash_table_contains (self->followed, &id);
}

const char *
sf_library_lookup_name (SfLibrary *self,
                        gint64     id)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);

  return g_hash_table_lookup (self->followed, &id);
}

guint
sf_library_get_n_followed (SfLibrary *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), 0);

  return g_hash_table_size (self->followed);
}

/* ------------------------------------------------------------------------------------------
 * Open and close
 */

typedef struct
{
  GHashTable *followed;     /* owned: gint64* id -> char* name */
  char       *moved_to;     /* owned, nullable */
  guint       n_recovered;
  guint       n_searches_recovered;
} OpenResult;

static void
open_result_free (OpenResult *result)
{
  g_clear_pointer (&result->followed, g_hash_table_unref);
  g_clear_pointer (&result->moved_to, g_free);
  g_free (result);
}

/* id -> name of every row, the rows' names taken. */
GHashTable *
sf_library_followed_from_rows (GArray *rows)
{
  GHashTable *followed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      SfLibraryRow *row = &g_array_index (rows, SfLibraryRow, i);

      g_hash_table_insert (followed, sf_library_int64_dup (row->id), g_steal_pointer (&row->name));
    }

  return followed;
}

static gboolean
open_run (Writer      *writer,
          const char  *path,
          SfDbJob     *job,
          GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autofree char *moved_to = NULL;
  guint n_recovered = 0;
  guint n_searches_recovered = 0;
  OpenResult *result;

  writer->db = sf_library_db_open (path, &moved_to, &n_recovered, &n_searches_recovered, error);
  if (writer->db == NULL)
    return FALSE;

  rows = sf_library_db_list (writer->db, FALSE, error);
  if (rows == NULL ||
      !sf_library_db_data_version (writer->db, &writer->data_version, error))
    {
      g_clear_pointer (&writer->db, sf_library_db_close);
      return FALSE;
    }

  result = g_new0 (OpenResult, 1);
  result->followed = sf_library_followed_from_rows (rows);
  result->moved_to = g_steal_pointer (&moved_to);
  result->n_recovered = n_recovered;
  result->n_searches_recovered = n_searches_recovered;

  sf_db_job_return_pointer (job, result, (GDestroyNotify) open_result_free);
  /* The set of followed ids went from nothing to what is stored. */
  sf_db_job_set_changed (job, TRUE);
  return TRUE;
}

static void
open_apply (gpointer  source_object,
            SfDbJob  *job)
{
  SfLibrary *self = source_object;
  OpenResult *result = sf_db_job_get_result (job);

  if (sf_db_job_get_error (job) != NULL)
    {
      self->state = STATE_FAILED;
      return;
    }

  self->state = STATE_OPEN;
  g_clear_pointer (&self->followed, g_hash_table_unref);
  self->followed = g_steal_pointer (&result->followed);
  sf_library_start_monitor (self);
  /* open_finish() answers a boolean */
  sf_db_job_return_boolean (job, TRUE);

  if (result->moved_to != NULL)
    {
      g_autofree char *display = g_filename_display_name (result->moved_to);

      g_free (self->moved_aside_path);
      self->moved_aside_path = g_steal_pointer (&result->moved_to);
      g_free (self->recovery_message);
      self->n_recovered = result->n_recovered;
      self->n_searches_recovered = result->n_searches_recovered;
      if (result->n_recovered == 0)
        self->recovery_message =
          g_strdup_printf (_("Your watchlist could not be read because its file was damaged. "
                             "The damaged file was kept as “%s”, and a new, empty watchlist "
                             "was started."), display);
      else
        self->recovery_message =
          g_strdup_printf (ngettext ("Your watchlist file was damaged. %u series could be "
                                     "recovered from it into a new watchlist; the damaged "
                                     "file was kept as “%s”.",
                                     "Your watchlist file was damaged. %u series could be "
                                     "recovered from it into a new watchlist; the damaged "
                                     "file was kept as “%s”.",
                                     result->n_recovered),
                           result->n_recovered, display);
      if (result->n_searches_recovered > 0)
        {
          g_autofree char *searches =
            g_strdup_printf (ngettext ("%u saved search was recovered.",
                                       "%u saved searches were recovered.",
                                       result->n_searches_recovered),
                             result->n_searches_recovered);
          char *both = g_strconcat (self->recovery_message, " ", searches, NULL);

          g_free (self->recovery_message);
          self->recovery_message = both;
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERY_MESSAGE]);
    }
}

void
sf_library_open_async (SfLibrary           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  static const SfDbWorkerConfig config = {
    .writer_name = "sf-library",
    /* Reads and writes in the order they were asked for (one thread is plenty). */
    .n_readers = 0,
    .queue_while_opening = TRUE,
  };
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_open_async);

  if (self->state != STATE_NEW)
    {
      g_task_return_new_error (task, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_OPEN,
                               _("The watchlist was opened already."));
      return;
    }

  self->worker = sf_db_worker_new (&config, &worker_ops, g_strdup (self->path), g_free);
  self->state = STATE_OPENING;
  sf_db_worker_open (self->worker, g_steal_pointer (&task), open_apply);
}

gboolean
sf_library_open_finish (SfLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

void
sf_library_close_async (SfLibrary           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_close_async);
  /* Closing always completes: a cancelled close would leave the thread running. */
  g_task_set_check_cancellable (task, FALSE);

  self->state = STATE_CLOSED;
  sf_library_stop_monitor (self);

  if (self->worker == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Answered once the connection is closed and the thread has ended. */
  sf_db_worker_close (self->worker, g_steal_pointer (&task));
}

gboolean
sf_library_close_finish (SfLibrary     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

/* ------------------------------------------------------------------------------------------
 * Follow and unfollow
 */

typedef struct
{
  SfShow *show;       /* owned */
  char   *json;       /* owned, nullable */
  gint64  added;
} FollowData;

static void
follow_data_free (FollowData *data)
{
  g_clear_object (&data->show);
  g_clear_pointer (&data->json, g_free);
  g_free (data);
}

static gboolean
follow_run (gpointer   connection,
            SfDbJob   *job,
            GError   **error)
{
  Writer *writer = connection;
  FollowData *data = sf_db_job_get_data (job);
  gint64 id = sf_show_get_id (data->show);
  g_autoptr(SfShowDetails) details = NULL;
  g_autofree char *snapshot = NULL;
  int latest_season;
  gboolean inserted = FALSE;

  /* JSON that does not read back as this show is not worth keeping. */
  if (data->json != NULL)
    details = sf_show_details_parse_embedded (data->json, -1, NULL);

  if (details != NULL && sf_show_get_id (sf_show_details_get_show (details)) == id)
    {
      snapshot = g_strdup (data->json);
      /* Whether the JSON embedded the episodes is not known here: without them, unknown. */
      latest_season =
        sf_library_known_latest_season (sf_show_details_get_previous_episode (details),
                                        sf_show_details_get_next_episode (details), FALSE);
    }
  else
    {
      snapshot = sf_show_snapshot_dup_json (data->show);
      latest_season = -1;
    }

  if (!sf_library_db_follow (writer->db, id, sf_show_get_name (data->show), data->added,
                             snapshot, latest_season, &inserted, error))
    return FALSE;

  sf_db_job_set_changed (job, inserted);
  return TRUE;
}

static void
follow_apply (gpointer  source_object,
              SfDbJob  *job)
{
  SfLibrary *self = source_object;
  FollowData *data = sf_db_job_get_data (job);

  if (sf_db_job_get_error (job) == NULL && sf_db_job_get_changed (job))
    g_hash_table_insert (self->followed, sf_library_int64_dup (sf_show_get_id (data->show)),
                         g_strdup (sf_show_get_name (data->show)));
}

static const SfDbJobInfo follow_job = {
  .kind = SF_DB_JOB_WRITE,
  .run = follow_run,
  .apply = follow_apply,
};

void
sf_library_follow_async (SfLibrary           *self,
                         SfShow              *show,
                         const char          *json,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  FollowData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (SF_IS_SHOW (show));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FollowData, 1);
  data->show = g_object_ref (show);
  data->json = g_strdup (json);
  data->added = g_get_real_time () / G_USEC_PER_SEC;
  sf_library_submit (self, sf_library_follow_async, data, (GDestroyNotify) follow_data_free,
                     &follow_job, cancellable, callback, user_data);
}

gboolean
sf_library_follow_finish (SfLibrary     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

static gboolean
unfollow_run (gpointer   connection,
              SfDbJob   *job,
              GError   **error)
{
  Writer *writer = connection;
  gint64 *id = sf_db_job_get_data (job);
  gboolean removed = FALSE;

  if (!sf_library_db_unfollow (writer->db, *id, &removed, error))
    return FALSE;

  sf_db_job_set_changed (job, removed);
  return TRUE;
}

static void
unfollow_apply (gpointer  source_object,
                SfDbJob  *job)
{
  SfLibrary *self = source_object;
  gint64 *id = sf_db_job_get_data (job);

  if (sf_db_job_get_error (job) == NULL && sf_db_job_get_changed (job))
    g_hash_table_remove (self->followed, id);
}

static const SfDbJobInfo unfollow_job = {
  .kind = SF_DB_JOB_WRITE,
  .run = unfollow_run,
  .apply = unfollow_apply,
};

void
sf_library_unfollow_async (SfLibrary           *self,
                           gint64               id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  sf_library_submit (self, sf_library_unfollow_async, sf_library_int64_dup (id), g_free,
                     &unfollow_job, cancellable, callback, user_data);
}

gboolean
sf_library_unfollow_finish (SfLibrary     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

/* ------------------------------------------------------------------------------------------
 * Reading
 */

static gint
compare_followed (gconstpointer a,
                  gconstpointer b)
{
  return sf_followed_show_compare (*(SfFollowedShow * const *) a,
                                   *(SfFollowedShow * const *) b, NULL);
}

static gboolean
list_run (gpointer   connection,
          SfDbJob   *job,
          GError   **error)
{
  Writer *writer = connection;
  g_autoptr(GArray) rows = sf_library_db_list (writer->db, FALSE, error);
  GPtrArray *shows;

  if (rows == NULL)
    return FALSE;

  shows = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      SfFollowedShow *followed = followed_show_from_row (&g_array_index (rows, SfLibraryRow, i));

      if (followed != NULL)
        g_ptr_array_add (shows, followed);
    }
  g_ptr_array_sort (shows, compare_followed);

  sf_db_job_return_pointer (job, shows, (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static const SfDbJobInfo list_job = {
  .kind = SF_DB_JOB_READ,
  .run = list_run,
};

void
sf_library_list_async (SfLibrary           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  sf_library_submit (self, sf_library_list_async, NULL, NULL, &list_job, cancellable, callback,
                     user_data);
}

GPtrArray *
sf_library_list_finish (SfLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return sf_library_finish_pointer (self, result, error);
}

static gboolean
load_rows_run (gpointer   connection,
               SfDbJob   *job,
               GError   **error)
{
  Writer *writer = connection;
  GArray *rows = sf_library_db_list (writer->db, TRUE, error);

  if (rows == NULL)
    return FALSE;

  sf_db_job_return_pointer (job, rows, (GDestroyNotify) g_array_unref);
  return TRUE;
}

static const SfDbJobInfo load_rows_job = {
  .kind = SF_DB_JOB_READ,
  .run = load_rows_run,
};

void
sf_library_load_rows_async (SfLibrary           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{

  g_return_if_fail (SF_IS_LIBRARY (self));

  sf_library_submit (self, sf_library_load_rows_async, NULL, NULL, &load_rows_job, cancellable,
                     callback, user_data);
}

GArray *
sf_library_load_rows_finish (SfLibrary     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return sf_library_finish_pointer (self, result, error);
}

/* ------------------------------------------------------------------------------------------
 * Refresh results
 */

typedef struct
{
  gint64   id;
  char    *name;          /* owned */
  GBytes  *snapshot;      /* owned */
  gint64   refreshed;
  gboolean track;
  int      latest_season;
  GStrv    keys;          /* owned, nullable */
} StoreData;

typedef struct
{
  GStrv    new_keys;      /* owned */
  gboolean followed;
} StoreResult;

static void
store_data_free (StoreData *data)
{
  g_clear_pointer (&data->name, g_free);
  g_clear_pointer (&data->snapshot, g_bytes_unref);
  g_clear_pointer (&data->keys, g_strfreev);
  g_free (data);
}

static void
store_result_free (StoreResult *result)
{
  g_clear_pointer (&result->new_keys, g_strfreev);
  g_free (result);
}

static gboolean
store_refresh_run (gpointer   connection,
                   SfDbJob   *job,
                   GError   **error)
{
  Writer *writer = connection;
  StoreData *data = sf_db_job_get_data (job);
  g_autoptr(GPtrArray) new_keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *snapshot = NULL;
  gconstpointer bytes;
  gsize size;
  StoreResult *result;
  gboolean followed = FALSE;

  bytes = g_bytes_get_data (data->snapshot, &size);
  snapshot = g_strndup (bytes, size);

  if (!sf_library_db_store_refresh (writer->db, data->id, data->name, snapshot,
                                    data->refreshed, data->track, data->latest_season,
                                    (const char * const *) data->keys, new_keys, &followed,
                                    error))
    return FALSE;

  g_ptr_array_add (new_keys, NULL);
  result = g_new0 (StoreResult, 1);
  result->new_keys = (GStrv) g_ptr_array_free (g_steal_pointer (&new_keys), FALSE);
  result->followed = followed;
  sf_db_job_return_pointer (job, result, (GDestroyNotify) store_result_free);
  sf_db_job_set_changed (job, followed);
  return TRUE;
}

static void
store_refresh_apply (gpointer  source_object,
                     SfDbJob  *job)
{
  SfLibrary *self = source_object;
  StoreData *data = sf_db_job_get_data (job);

  /* TVmaze may have renamed it. */
  if (sf_db_job_get_error (job) == NULL && sf_db_job_get_changed (job) &&
      g_strcmp0 (g_hash_table_lookup (self->followed, &data->id), data->name) != 0)
    g_hash_table_insert (self->followed, sf_library_int64_dup (data->id), g_strdup (data->name));
}

static const SfDbJobInfo store_refresh_job = {
  .kind = SF_DB_JOB_WRITE,
  .run = store_refresh_run,
  .apply = store_refresh_apply,
};

void
sf_library_store_refresh_async (SfLibrary           *self,
                                gint64               id,
                                const char          *name,
                                GBytes              *snapshot,
                                gint64               refreshed,
                                gboolean             track,
                                int                  latest_season,
                                const char * const  *keys,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  StoreData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (snapshot != NULL);

  data = g_new0 (StoreData, 1);
  data->id = id;
  data->name = g_strdup (name);
  data->snapshot = g_bytes_ref (snapshot);
  data->refreshed = refreshed;
  data->track = track;
  data->latest_season = latest_season;
  data->keys = g_strdupv ((GStrv) keys);
  sf_library_submit (self, sf_library_store_refresh_async, data, (GDestroyNotify) store_data_free,
                     &store_refresh_job, cancellable, callback, user_data);
}

GStrv
sf_library_store_refresh_finish (SfLibrary     *self,
                                 GAsyncResult  *result,
                                 gboolean      *out_followed,
                                 GError       **error)
{
  StoreResult *store;
  GStrv keys;

  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  store = g_task_propagate_pointer (G_TASK (result), error);
  if (store == NULL)
    return NULL;

  if (out_followed != NULL)
    *out_followed = store->followed;
  keys = g_steal_pointer (&store->new_keys);
  store_result_free (store);
  return keys;
}
