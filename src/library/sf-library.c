/* sf-library.c: the watchlist, one writer thread in front of SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sf-json.h"
#include "sf-library-file.h"
#include "sf-db-worker.h"
#include "sf-library-private.h"
#include "sf-show-details.h"

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
 * This file never calls SQLite; sf-library-db.c does, on the writer thread only. A job owns
 * its task until the result is delivered on the task's context, so the thread never holds
 * the last reference to a task or, through it, to the library. The in-memory set of
 * followed ids lives on the caller's context and is updated there from each committed
 * write, just before "changed" and the task's result.
 */

#define IMPORT_READ_CHUNK (64 * 1024)

/* The writer thread's connection, and what it last saw of other connections' commits. */
typedef struct
{
  SfLibraryDb *db;            /* owned */
  gint64       data_version;
} Writer;

typedef enum
{
  STATE_NEW,
  STATE_OPENING,
  STATE_OPEN,
  STATE_FAILED,
  STATE_CLOSED,
} State;

struct _SfLibrary
{
  GObject       parent_instance;

  /* owned */
  char         *path;
  SfDbWorker   *worker;             /* nullable: made by open */
  GHashTable   *followed;           /* gint64* id -> char* name */
  char         *recovery_message;   /* nullable */
  char         *moved_aside_path;   /* nullable */
  GFileMonitor *monitor;            /* nullable: watches the file's folder while open */

  GSource      *reload_source;      /* owned, nullable: the reload waiting (debounce, poll) */
  guint         poll_ms;            /* > 0: no monitor; a reload this often instead */
  State         state;
};

G_DEFINE_FINAL_TYPE (SfLibrary, sf_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_RECOVERY_MESSAGE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void stop_monitor    (SfLibrary *self);
static void schedule_reload (SfLibrary *self,
                             guint      delay_ms);

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
static void
queue_job (SfLibrary         *self,
           GTask             *task,
           const SfDbJobInfo *info)
{
  /* A committed write is reported as done even if cancelled meanwhile. */
  if (info->kind != SF_DB_JOB_READ)
    g_task_set_check_cancellable (task, FALSE);

  sf_db_worker_submit (self->worker, task, info);
}

/* FALSE (and @task answered) when the library cannot take jobs. */
static gboolean
check_open (SfLibrary *self,
            GTask     *task)
{
  if (self->state == STATE_OPENING || self->state == STATE_OPEN)
    return TRUE;

  g_task_return_new_error (task, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_CLOSED,
                           _("The watchlist is not open."));
  return FALSE;
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

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value,
         gboolean     known)
{
  json_builder_set_member_name (builder, member);
  if (known)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_channel (JsonBuilder *builder,
             const char  *member,
             const char  *name,
             SfShow      *show,
             gboolean     with_country)
{
  json_builder_set_member_name (builder, member);
  if (name == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_string (builder, "name", name);
  json_builder_set_member_name (builder, "country");
  if (with_country && sf_show_get_country_code (show) != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "name", sf_show_get_country_name (show));
      add_string (builder, "code", sf_show_get_country_code (show));
      add_string (builder, "timezone", sf_show_get_timezone (show));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_episode_link (JsonBuilder *builder,
                  const char  *member,
                  gint64       id)
{
  g_autofree char *href = NULL;

  if (id <= 0)
    return;

  href = g_strdup_printf ("https://api.tvmaze.com/episodes/%" G_GINT64_FORMAT, id);
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_string (builder, "href", href);
  json_builder_end_object (builder);
}

/* A TVmaze-shaped Show object from @show, which sf_show_new_from_json() reads back the same
 * (sf_show_to_json() is the command line's flatter shape). */
static char *
dup_snapshot_from_show (SfShow *show)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *network = sf_show_get_network_name (show);
  const char *web_channel = sf_show_get_web_channel_name (show);
  int runtime = sf_show_get_runtime (show);
  int average_runtime = sf_show_get_average_runtime (show);

  json_builder_begin_object (builder);
  add_int (builder, "id", sf_show_get_id (show), TRUE);
  add_string (builder, "url", sf_show_get_url (show));
  add_string (builder, "name", sf_show_get_name (show));
  add_string (builder, "type", sf_show_get_show_type (show));
  add_string (builder, "language", sf_show_get_language (show));
  add_strv (builder, "genres", sf_show_get_genres (show));
  add_string (builder, "status", sf_show_get_status (show));
  /* runtime falls back to averageRuntime when read */
  add_int (builder, "runtime", runtime, runtime > 0 && runtime != average_runtime);
  add_int (builder, "averageRuntime", average_runtime, average_runtime > 0);
  if (runtime > 0 && average_runtime <= 0)
    {
      json_builder_set_member_name (builder, "runtime");
      json_builder_add_int_value (builder, runtime);
    }
  add_string (builder, "premiered", sf_show_get_premiered (show));
  add_string (builder, "ended", sf_show_get_ended (show));
  add_string (builder, "officialSite", sf_show_get_official_site (show));

  json_builder_set_member_name (builder, "schedule");
  json_builder_begin_object (builder);
  add_string (builder, "time", sf_show_get_schedule_time (show) != NULL
                               ? sf_show_get_schedule_time (show) : "");
  add_strv (builder, "days", sf_show_get_schedule_days (show));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "rating");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "average");
  if (sf_show_has_rating (show))
    json_builder_add_double_value (builder, sf_show_get_rating (show));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  add_int (builder, "weight", sf_show_get_weight (show), sf_show_get_weight (show) >= 0);
  /* The show knows one country: the web channel's, else the network's. Put on the network
   * when there is one, it reads back the same either way. */
  add_channel (builder, "network", network, show, TRUE);
  add_channel (builder, "webChannel", web_channel, show, network == NULL);

  json_builder_set_member_name (builder, "externals");
  json_builder_begin_object (builder);
  add_string (builder, "imdb", sf_show_get_imdb_id (show));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "image");
  if (sf_show_get_image_medium (show) != NULL || sf_show_get_image_original (show) != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "medium", sf_show_get_image_medium (show));
      add_string (builder, "original", sf_show_get_image_original (show));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_string (builder, "summary", sf_show_get_summary_html (show));
  add_int (builder, "updated", sf_show_get_updated (show), TRUE);

  json_builder_set_member_name (builder, "_links");
  json_builder_begin_object (builder);
  add_episode_link (builder, "previousepisode", sf_show_get_previous_episode_id (show));
  add_episode_link (builder, "nextepisode", sf_show_get_next_episode_id (show));
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return sf_json_to_string (root);
}

static SfShow *
show_new_minimal (gint64      id,
                  const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_int (builder, "id", id, TRUE);
  add_string (builder, "name", name);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return sf_show_new_from_json (root, NULL);
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

  show = show_new_minimal (row->id, row->name);
  if (show == NULL)
    return NULL;

  return sf_followed_show_new (show, NULL, NULL, row->added, row->refreshed);
}

static gint64 *
int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
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
  stop_monitor (self);
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
} OpenResult;

static void
open_result_free (OpenResult *result)
{
  g_clear_pointer (&result->followed, g_hash_table_unref);
  g_clear_pointer (&result->moved_to, g_free);
  g_free (result);
}

/* id -> name of every row, the rows' names taken. */
static GHashTable *
followed_from_rows (GArray *rows)
{
  GHashTable *followed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      SfLibraryRow *row = &g_array_index (rows, SfLibraryRow, i);

      g_hash_table_insert (followed, int64_dup (row->id), g_steal_pointer (&row->name));
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
  OpenResult *result;

  writer->db = sf_library_db_open (path, &moved_to, error);
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
  result->followed = followed_from_rows (rows);
  result->moved_to = g_steal_pointer (&moved_to);

  sf_db_job_return_pointer (job, result, (GDestroyNotify) open_result_free);
  /* The set of followed ids went from nothing to what is stored. */
  sf_db_job_set_changed (job, TRUE);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * Writes by other processes
 */

static gboolean
reload_run (gpointer   connection,
            SfDbJob   *job,
            GError   **error)
{
  Writer *writer = connection;
  g_autoptr(GArray) rows = NULL;
  gint64 version;

  if (!sf_library_db_data_version (writer->db, &version, error))
    return FALSE;
  /* Only this connection wrote (or nobody did): nothing to reload. */
  if (version == writer->data_version)
    return TRUE;

  rows = sf_library_db_list (writer->db, FALSE, error);
  if (rows == NULL)
    return FALSE;
  writer->data_version = version;

  sf_db_job_return_pointer (job, followed_from_rows (rows), (GDestroyNotify) g_hash_table_unref);
  return TRUE;
}

static void
reload_apply (gpointer  source_object,
              SfDbJob  *job)
{
  SfLibrary *self = source_object;
  if (sf_db_job_get_error (job) != NULL)
    {
      g_debug ("Could not reload the watchlist: %s", sf_db_job_get_error (job)->message);
      return;
    }
  if (sf_db_job_get_result (job) == NULL || self->state != STATE_OPEN)
    return;

  /* Another process committed: what it changed (a show followed, a snapshot refreshed)
   * is for every view to read again. */
  g_clear_pointer (&self->followed, g_hash_table_unref);
  self->followed = sf_db_job_steal_result (job);
  sf_db_job_set_changed (job, TRUE);
}

static const SfDbJobInfo reload_job = { SF_DB_JOB_READ, reload_run, reload_apply, NULL };

static gboolean
reload_cb (gpointer user_data)
{
  SfLibrary *self = user_data;
  g_autoptr(GTask) task = NULL;

  g_clear_pointer (&self->reload_source, g_source_unref);
  if (self->state != STATE_OPEN)
    return G_SOURCE_REMOVE;

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, reload_cb);
  queue_job (self, g_steal_pointer (&task), &reload_job);

  if (self->poll_ms > 0)
    schedule_reload (self, self->poll_ms);
  return G_SOURCE_REMOVE;
}

/* One reload after @delay_ms, unless one is already waiting; on the context the monitor
 * reports on (the library's), not the global default. */
static void
schedule_reload (SfLibrary *self,
                 guint      delay_ms)
{
  if (self->reload_source != NULL)
    return;

  self->reload_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (self->reload_source, reload_cb, self, NULL);
  g_source_set_static_name (self->reload_source, "[sf-library] reload");
  g_source_attach (self->reload_source, g_main_context_get_thread_default ());
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    SfLibrary         *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *ours = g_path_get_basename (self->path);

  /* The database, its WAL or its shared memory; a burst of events makes one reload. */
  if (g_str_has_prefix (name, ours))
    schedule_reload (self, 100);
}

static void
start_monitor (SfLibrary *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL || self->poll_ms > 0 || folder == NULL)
    return;

  if (g_getenv ("SERIES_FINDER_LIBRARY_POLL_MS") != NULL)
    self->poll_ms = CLAMP (g_ascii_strtoull (g_getenv ("SERIES_FINDER_LIBRARY_POLL_MS"),
                                             NULL, 10), 10, 60000);
  else if ((self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL,
                                                      &error)) == NULL)
    {
      /* No file monitor here (no inotify): ask SQLite every few seconds instead, which
       * costs one PRAGMA on the writer thread. */
      g_debug ("Cannot watch the watchlist's folder (%s); polling instead", error->message);
      self->poll_ms = 3000;
    }

  if (self->poll_ms > 0)
    {
      schedule_reload (self, self->poll_ms);
      return;
    }

  g_file_monitor_set_rate_limit (self->monitor, 100);
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                           G_CONNECT_DEFAULT);
}

static void
stop_monitor (SfLibrary *self)
{
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_clear_object (&self->monitor);
    }
  self->poll_ms = 0;
  if (self->reload_source != NULL)
    {
      g_source_destroy (self->reload_source);
      g_clear_pointer (&self->reload_source, g_source_unref);
    }
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
  start_monitor (self);
  /* open_finish() answers a boolean */
  sf_db_job_return_boolean (job, TRUE);

  if (result->moved_to != NULL)
    {
      g_autofree char *display = g_filename_display_name (result->moved_to);

      g_free (self->moved_aside_path);
      self->moved_aside_path = g_steal_pointer (&result->moved_to);
      g_free (self->recovery_message);
      self->recovery_message =
        g_strdup_printf (_("Your watchlist could not be read because its file was damaged. "
                           "The damaged file was kept as “%s”, and a new, empty watchlist "
                           "was started."), display);
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
  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
  stop_monitor (self);

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
  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
      snapshot = dup_snapshot_from_show (data->show);
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
    g_hash_table_insert (self->followed, int64_dup (sf_show_get_id (data->show)),
                         g_strdup (sf_show_get_name (data->show)));
}

static const SfDbJobInfo follow_job = { SF_DB_JOB_WRITE, follow_run, follow_apply, NULL };

void
sf_library_follow_async (SfLibrary           *self,
                         SfShow              *show,
                         const char          *json,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FollowData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (SF_IS_SHOW (show));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_follow_async);
  if (!check_open (self, task))
    return;

  data = g_new0 (FollowData, 1);
  data->show = g_object_ref (show);
  data->json = g_strdup (json);
  data->added = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, data, (GDestroyNotify) follow_data_free);

  queue_job (self, g_steal_pointer (&task), &follow_job);
}

gboolean
sf_library_follow_finish (SfLibrary     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

static const SfDbJobInfo unfollow_job = { SF_DB_JOB_WRITE, unfollow_run, unfollow_apply, NULL };

void
sf_library_unfollow_async (SfLibrary           *self,
                           gint64               id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_unfollow_async);
  if (!check_open (self, task))
    return;

  g_task_set_task_data (task, int64_dup (id), g_free);
  queue_job (self, g_steal_pointer (&task), &unfollow_job);
}

gboolean
sf_library_unfollow_finish (SfLibrary     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

static const SfDbJobInfo list_job = { SF_DB_JOB_READ, list_run, NULL, NULL };

void
sf_library_list_async (SfLibrary           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_list_async);
  if (!check_open (self, task))
    return;

  queue_job (self, g_steal_pointer (&task), &list_job);
}

GPtrArray *
sf_library_list_finish (SfLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

static const SfDbJobInfo load_rows_job = { SF_DB_JOB_READ, load_rows_run, NULL, NULL };

void
sf_library_load_rows_async (SfLibrary           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_load_rows_async);
  if (!check_open (self, task))
    return;

  queue_job (self, g_steal_pointer (&task), &load_rows_job);
}

GArray *
sf_library_load_rows_finish (SfLibrary     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (SF_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
    g_hash_table_insert (self->followed, int64_dup (data->id), g_strdup (data->name));
}

static const SfDbJobInfo store_refresh_job = { SF_DB_JOB_WRITE, store_refresh_run, store_refresh_apply, NULL };

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
  g_autoptr(GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (snapshot != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_store_refresh_async);
  if (!check_open (self, task))
    return;

  data = g_new0 (StoreData, 1);
  data->id = id;
  data->name = g_strdup (name);
  data->snapshot = g_bytes_ref (snapshot);
  data->refreshed = refreshed;
  data->track = track;
  data->latest_season = latest_season;
  data->keys = g_strdupv ((GStrv) keys);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  queue_job (self, g_steal_pointer (&task), &store_refresh_job);
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

/* ------------------------------------------------------------------------------------------
 * Export
 */

typedef struct
{
  GBytes *bytes;      /* owned */
  guint   n_shows;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static gint
compare_entry_added (gconstpointer a,
                     gconstpointer b)
{
  const SfLibraryFileEntry *entry = a;
  const SfLibraryFileEntry *other = b;

  if (entry->added != other->added)
    return entry->added < other->added ? -1 : 1;
  return entry->id < other->id ? -1 : entry->id > other->id ? 1 : 0;
}

static gboolean
export_run (gpointer   connection,
            SfDbJob   *job,
            GError   **error)
{
  Writer *writer = connection;
  g_autoptr(GArray) rows = sf_library_db_list (writer->db, FALSE, error);
  g_autoptr(GArray) entries = NULL;
  ExportData *data;

  if (rows == NULL)
    return FALSE;

  entries = g_array_sized_new (FALSE, TRUE, sizeof (SfLibraryFileEntry), rows->len);
  g_array_set_clear_func (entries, (GDestroyNotify) sf_library_file_entry_clear);
  for (guint i = 0; i < rows->len; i++)
    {
      SfLibraryRow *row = &g_array_index (rows, SfLibraryRow, i);
      SfLibraryFileEntry entry = { row->id, g_steal_pointer (&row->name), row->added };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entry_added);

  data = g_new0 (ExportData, 1);
  data->bytes = sf_library_file_build ((const SfLibraryFileEntry *) (gpointer) entries->data,
                                       entries->len);
  data->n_shows = entries->len;
  sf_db_job_return_pointer (job, data, (GDestroyNotify) export_data_free);
  return TRUE;
}

static const SfDbJobInfo export_job = { SF_DB_JOB_READ, export_run, NULL, NULL };

static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

static void
on_export_replaced (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  guint n_shows = GPOINTER_TO_UINT (g_task_get_task_data (task));

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = dup_file_display_name (G_FILE (object));

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_IO,
                                 _("Could not write “%s”: %s"), name, error->message);
      return;
    }

  g_task_return_int (task, n_shows);
}

typedef struct
{
  GTask *task;        /* owned: the caller's */
  GFile *file;        /* owned */
} ExportRequest;

static void
on_export_built (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExportRequest *request = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&request->task);
  g_autoptr(GFile) file = g_steal_pointer (&request->file);
  g_autoptr(GError) error = NULL;
  ExportData *data;

  g_free (request);

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, GUINT_TO_POINTER (data->n_shows), NULL);
  /* A temporary file renamed over the old one (GIO's replace), so a crash while writing
   * never leaves half a watchlist in its place. */
  g_file_replace_contents_bytes_async (file, data->bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       g_task_get_cancellable (task), on_export_replaced,
                                       g_object_ref (task));
  export_data_free (data);
}

void
sf_library_export_async (SfLibrary           *self,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) build_task = NULL;
  ExportRequest *request;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_export_async);
  if (!check_open (self, task))
    return;

  request = g_new0 (ExportRequest, 1);
  request->task = g_steal_pointer (&task);
  request->file = g_object_ref (file);

  build_task = g_task_new (self, cancellable, on_export_built, request);
  g_task_set_source_tag (build_task, export_run);
  queue_job (self, g_steal_pointer (&build_task), &export_job);
}

gboolean
sf_library_export_finish (SfLibrary     *self,
                          GAsyncResult  *result,
                          guint         *out_n_shows,
                          GError       **error)
{
  gssize n_shows;

  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n_shows = g_task_propagate_int (G_TASK (result), error);
  if (n_shows < 0)
    return FALSE;

  if (out_n_shows != NULL)
    *out_n_shows = (guint) n_shows;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * Import
 */

typedef struct
{
  GArray *entries;        /* owned (SfLibraryFileEntry): validated */
  gint64  now;
} ImportData;

typedef struct
{
  GArray *added;          /* owned (SfLibraryFileEntry): the shows that were new */
  guint   n_present;
} ImportResult;

static void
import_data_free (ImportData *data)
{
  g_clear_pointer (&data->entries, g_array_unref);
  g_free (data);
}

static void
import_result_free (ImportResult *result)
{
  g_clear_pointer (&result->added, g_array_unref);
  g_free (result);
}

/* At most @max_size bytes of @file, or TOO_LARGE: a hostile file is never read whole. */
static GBytes *
read_capped (GFile         *file,
             gsize          max_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    goto failed;

  for (;;)
    {
      gsize old_len = buffer->len;
      gssize n;

      g_byte_array_set_size (buffer, old_len + IMPORT_READ_CHUNK);
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + old_len,
                               IMPORT_READ_CHUNK, cancellable, &local_error);
      if (n < 0)
        goto failed;

      g_byte_array_set_size (buffer, old_len + (gsize) n);
      if (n == 0)
        break;

      if (buffer->len > max_size)
        {
          g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_TOO_LARGE,
                       _("The file is larger than %u MB; a watchlist is never that large."),
                       (guint) (max_size / (1024 * 1024)));
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_IO, local_error->message);
  return NULL;
}

static void
import_read_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GArray *entries;
  gconstpointer data;
  gsize size;

  bytes = read_capped (file, SF_LIBRARY_FILE_MAX_SIZE, cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  entries = sf_library_file_parse (data != NULL ? data : "", size, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, entries, (GDestroyNotify) g_array_unref);
}

static gboolean
import_run (gpointer   connection,
            SfDbJob   *job,
            GError   **error)
{
  Writer *writer = connection;
  ImportData *data = sf_db_job_get_data (job);
  ImportResult *result = g_new0 (ImportResult, 1);

  result->added = g_array_new (FALSE, TRUE, sizeof (SfLibraryFileEntry));
  g_array_set_clear_func (result->added, (GDestroyNotify) sf_library_file_entry_clear);
  sf_db_job_return_pointer (job, result, (GDestroyNotify) import_result_free);

  for (guint i = 0; i < data->entries->len; i++)
    {
      SfLibraryFileEntry *entry = &g_array_index (data->entries, SfLibraryFileEntry, i);
      gboolean inserted = FALSE;
      gint64 added = entry->added > 0 ? entry->added : data->now;

      /* No snapshot: the next refresh fetches one. */
      if (!sf_library_db_follow (writer->db, entry->id, entry->name, added, NULL, -1,
                                 &inserted, error))
        return FALSE;

      if (inserted)
        {
          SfLibraryFileEntry copy = { entry->id, g_strdup (entry->name), added };

          g_array_append_val (result->added, copy);
        }
      else
        result->n_present++;
    }

  sf_db_job_set_changed (job, result->added->len > 0);
  return TRUE;
}

static void
import_apply (gpointer  source_object,
              SfDbJob  *job)
{
  SfLibrary *self = source_object;
  ImportResult *result = sf_db_job_get_result (job);

  if (sf_db_job_get_error (job) != NULL)
    return;

  for (guint i = 0; i < result->added->len; i++)
    {
      SfLibraryFileEntry *entry = &g_array_index (result->added, SfLibraryFileEntry, i);

      g_hash_table_insert (self->followed, int64_dup (entry->id), g_strdup (entry->name));
    }
}

static const SfDbJobInfo import_job = { SF_DB_JOB_WRITE, import_run, import_apply, NULL };

static void
on_import_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SfLibrary *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GArray) entries = NULL;
  ImportData *data;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (entries == NULL)
    {
      g_autofree char *name = dup_file_display_name (file);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not import “%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!check_open (self, task))
    return;

  data = g_new0 (ImportData, 1);
  data->entries = g_steal_pointer (&entries);
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  queue_job (self, g_steal_pointer (&task), &import_job);
}

void
sf_library_import_async (SfLibrary           *self,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_library_import_async);
  if (!check_open (self, task))
    return;

  /* The worker's task has no source object, so the library is never released on it. */
  read_task = g_task_new (NULL, cancellable, on_import_read, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, import_read_thread);
  g_task_set_task_data (read_task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (read_task, import_read_thread);
}

gboolean
sf_library_import_finish (SfLibrary     *self,
                          GAsyncResult  *result,
                          guint         *out_n_added,
                          guint         *out_n_present,
                          GError       **error)
{
  ImportResult *import;

  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  import = g_task_propagate_pointer (G_TASK (result), error);
  if (import == NULL)
    return FALSE;

  if (out_n_added != NULL)
    *out_n_added = import->added->len;
  if (out_n_present != NULL)
    *out_n_present = import->n_present;
  import_result_free (import);
  return TRUE;
}
