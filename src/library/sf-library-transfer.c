/* sf-library-transfer.c: the watchlist exported to a file and imported from one (the file
 * format is sf-library-file.c's)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-library-file.h"
#include "sf-library-impl.h"

#define IMPORT_READ_CHUNK (64 * 1024)


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
  g_autoptr(GPtrArray) searches = NULL;
  ExportData *data;

  if (rows == NULL)
    return FALSE;
  searches = sf_library_saved_list (sf_library_db_get_sqlite (writer->db), error);
  if (searches == NULL)
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
  data->bytes = sf_library_file_build_searches ((const SfLibraryFileEntry *) (gpointer) entries->data,
                                                entries->len, searches);
  data->n_shows = entries->len;
  sf_db_job_return_pointer (job, data, (GDestroyNotify) export_data_free);
  return TRUE;
}

static const SfDbJobInfo export_job = {
  .kind = SF_DB_JOB_READ,
  .run = export_run,
};

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

  task = sf_library_new_task (self, sf_library_export_async, NULL, NULL, cancellable, callback,
                              user_data);
  if (task == NULL)
    return;

  request = g_new0 (ExportRequest, 1);
  request->task = g_steal_pointer (&task);
  request->file = g_object_ref (file);

  build_task = g_task_new (self, cancellable, on_export_built, request);
  g_task_set_source_tag (build_task, export_run);
  sf_library_queue_job (self, g_steal_pointer (&build_task), &export_job);
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
  GArray    *entries;     /* owned (SfLibraryFileEntry): validated */
  GPtrArray *searches;    /* owned (SfSavedSearch): validated */
  gint64     now;
  guint      n_skipped;   /* entries of the file left out by the rule */
} ImportData;

typedef struct
{
  GArray *added;          /* owned (SfLibraryFileEntry): the shows that were new */
  SfLibraryImportCounts counts;
} ImportResult;

static void
import_data_free (ImportData *data)
{
  g_clear_pointer (&data->entries, g_array_unref);
  g_clear_pointer (&data->searches, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportData, import_data_free)

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
  g_autoptr(ImportData) parsed = g_new0 (ImportData, 1);
  gconstpointer data;
  gsize size;

  bytes = read_capped (file, SF_LIBRARY_FILE_MAX_SIZE, cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  parsed->entries = sf_library_file_parse_searches (data != NULL ? data : "", size,
                                                    &parsed->searches, &parsed->n_skipped,
                                                    &error);
  if (parsed->entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&parsed), (GDestroyNotify) import_data_free);
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
  result->counts.n_skipped = data->n_skipped;
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
        result->counts.n_present++;
    }

  if (!sf_library_saved_import (sf_library_db_get_sqlite (writer->db), data->searches, data->now,
                                &result->counts.n_searches_added,
                                &result->counts.n_searches_renamed,
                                &result->counts.n_searches_present, error))
    return FALSE;

  sf_db_job_set_changed (job, result->added->len > 0 || data->searches->len > 0);
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

      g_hash_table_insert (self->followed, sf_library_int64_dup (entry->id),
                           g_strdup (entry->name));
    }
}

static const SfDbJobInfo import_job = {
  .kind = SF_DB_JOB_WRITE,
  .run = import_run,
  .apply = import_apply,
};

static void
on_import_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SfLibrary *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(ImportData) data = NULL;

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (data == NULL)
    {
      g_autofree char *name = dup_file_display_name (file);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not import “%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!sf_library_check_open (self, task))
    return;

  data->now = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) import_data_free);

  sf_library_queue_job (self, g_steal_pointer (&task), &import_job);
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

  task = sf_library_new_task (self, sf_library_import_async, NULL, NULL, cancellable, callback,
                              user_data);
  if (task == NULL)
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
  return sf_library_import_finish_full (self, result, out_n_added, out_n_present, NULL, error);
}

gboolean
sf_library_import_finish_full (SfLibrary     *self,
                               GAsyncResult  *result,
                               guint         *out_n_added,
                               guint         *out_n_present,
                               guint         *out_n_skipped,
                               GError       **error)
{
  SfLibraryImportCounts counts;

  if (!sf_library_import_finish_counts (self, result, &counts, NULL, error))
    return FALSE;

  if (out_n_added != NULL)
    *out_n_added = counts.n_added;
  if (out_n_present != NULL)
    *out_n_present = counts.n_present;
  if (out_n_skipped != NULL)
    *out_n_skipped = counts.n_skipped;
  return TRUE;
}

gboolean
sf_library_import_finish_counts (SfLibrary              *self,
                                 GAsyncResult           *result,
                                 SfLibraryImportCounts  *out_counts,
                                 GArray                **out_added,
                                 GError                **error)
{
  ImportResult *import;

  g_return_val_if_fail (SF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (out_counts != NULL, FALSE);

  import = g_task_propagate_pointer (G_TASK (result), error);
  if (import == NULL)
    return FALSE;

  *out_counts = import->counts;
  out_counts->n_added = import->added->len;
  if (out_added != NULL)
    {
      *out_added = g_array_sized_new (FALSE, FALSE, sizeof (gint64), import->added->len);
      for (guint i = 0; i < import->added->len; i++)
        g_array_append_val (*out_added,
                            g_array_index (import->added, SfLibraryFileEntry, i).id);
    }
  import_result_free (import);
  return TRUE;
}
