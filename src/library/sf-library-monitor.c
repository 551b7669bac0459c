/* sf-library-monitor.c: the watchlist written by another process (`--follow` from a
 * terminal): a folder monitor, or polling where there is none, and a reload of the followed
 * set when SQLite's data_version says another connection committed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-library-impl.h"

static void schedule_reload (SfLibrary *self,
                             guint      delay_ms);

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

  sf_db_job_return_pointer (job, sf_library_followed_from_rows (rows),
                            (GDestroyNotify) g_hash_table_unref);
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

static const SfDbJobInfo reload_job = {
  .kind = SF_DB_JOB_READ,
  .run = reload_run,
  .apply = reload_apply,
};

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
  sf_library_queue_job (self, g_steal_pointer (&task), &reload_job);

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

void
sf_library_start_monitor (SfLibrary *self)
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

void
sf_library_stop_monitor (SfLibrary *self)
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
