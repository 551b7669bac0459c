/* sf-library-saved.c: saved searches in the watchlist's database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "sf-library-db.h"
#include "sf-library-error.h"
#include "sf-library-impl.h"
#include "sf-library-saved.h"
#include "sf-sqlite.h"

typedef struct
{
  char       *name;       /* owned, nullable */
  char       *new_name;   /* owned, nullable */
  char       *criteria;   /* owned, nullable: as JSON */
  GArray     *ids;        /* owned, nullable */
  gboolean    seen;
  gint64      now;
} SavedData;

static void
saved_data_free (SavedData *data)
{
  g_free (data->name);
  g_free (data->new_name);
  g_free (data->criteria);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

static int
compare_id (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The row id of the search @name, or 0 (and no error) when there is none. */
static gboolean
find_search (SfSqlite    *sql,
             const char  *name,
             gint64      *out_id,
             GError     **error)
{
  sqlite3_stmt *stmt = sf_sqlite_prepare (sql, "SELECT id FROM saved_searches WHERE name = ?1",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sf_sqlite_set_error (sql, rc, "saved search", error);
  return TRUE;
}

static gboolean
not_found (const char  *name,
           GError     **error)
{
  g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_NOT_FOUND,
               _("There is no saved search named “%s”."), name);
  return FALSE;
}

static gboolean
exists (const char  *name,
        GError     **error)
{
  g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_EXISTS,
               _("A saved search named “%s” exists already."), name);
  return FALSE;
}

/* Runs @stmt (bound) to its end and lets it go. */
static gboolean
step_once (SfSqlite      *sql,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  gboolean done = sf_sqlite_step_done (sql, stmt, error);

  sqlite3_finalize (stmt);
  return done;
}

/* Records @ids for the search: seen, or announced (which never undoes a seen). */
static gboolean
store_ids (SfSqlite    *sql,
           gint64       search_id,
           GArray      *ids,
           gboolean     seen,
           GError     **error)
{
  sqlite3_stmt *stmt;

  if (ids == NULL || ids->len == 0)
    return TRUE;

  stmt = sf_sqlite_prepare (sql, seen
                            ? "INSERT INTO saved_search_ids (search_id, show_id, seen)"
                              " VALUES (?1, ?2, 1)"
                              " ON CONFLICT (search_id, show_id) DO UPDATE SET seen = 1"
                            : "INSERT OR IGNORE INTO saved_search_ids (search_id, show_id, seen)"
                              " VALUES (?1, ?2, 0)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, search_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!sf_sqlite_step_done (sql, stmt, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
insert_search (SfSqlite            *sql,
               const char          *name,
               const char          *criteria,
               gint64               now,
               gint64              *out_id,
               GError             **error)
{
  sqlite3_stmt *stmt = sf_sqlite_prepare (sql, "INSERT INTO saved_searches"
                                          " (name, criteria, created, opened)"
                                          " VALUES (?1, ?2, ?3, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, criteria, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!step_once (sql, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (sf_sqlite_get_handle (sql));
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * List
 */

GPtrArray *
sf_library_saved_list (SfSqlite  *sql,
                       GError   **error)
{
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_saved_search_free);
  g_autoptr(GArray) row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = sf_sqlite_prepare (sql, "SELECT id, name, criteria, created, opened FROM saved_searches"
                            " ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SfCriteria) criteria = NULL;
      SfSavedSearch *search;
      gint64 row_id = sqlite3_column_int64 (stmt, 0);

      /* A damaged criteria column reads as no criteria rather than losing the name. */
      criteria = sf_criteria_from_json ((const char *) sqlite3_column_text (stmt, 2), NULL);
      search = sf_saved_search_new ((const char *) sqlite3_column_text (stmt, 1), criteria);
      search->created = sqlite3_column_int64 (stmt, 3);
      search->opened = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (searches, search);
      g_array_append_val (row_ids, row_id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sf_sqlite_set_error (sql, rc, "saved searches", error);
      return NULL;
    }

  stmt = sf_sqlite_prepare (sql, "SELECT show_id, seen FROM saved_search_ids WHERE search_id = ?1"
                            " ORDER BY show_id", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < searches->len; i++)
    {
      SfSavedSearch *search = g_ptr_array_index (searches, i);

      sqlite3_bind_int64 (stmt, 1, g_array_index (row_ids, gint64, i));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 show_id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (sqlite3_column_int (stmt, 1) ? search->seen : search->notified,
                              show_id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          sf_sqlite_set_error (sql, rc, "saved searches", error);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&searches);
}

static gboolean
list_run (gpointer   connection,
          SfDbJob   *job,
          GError   **error)
{
  GPtrArray *searches =
    sf_library_saved_list (sf_library_db_get_sqlite (((Writer *) connection)->db), error);

  if (searches == NULL)
    return FALSE;
  sf_db_job_return_pointer (job, searches, (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static const SfDbJobInfo list_job = {
  .kind = SF_DB_JOB_READ,
  .run = list_run,
};

/* The way in every operation shares: its data, the open check, the name check (when
 * @name_field is given: @name is checked, trimmed, and stored there) and the job. */
static void
submit (SfLibrary           *self,
        gpointer             source_tag,
        SavedData           *data,
        const char          *name,
        char               **name_field,
        const SfDbJobInfo   *info,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) task = sf_library_new_task (self, source_tag, data,
                                               (GDestroyNotify) saved_data_free, cancellable,
                                               callback, user_data);
  g_autoptr(GError) error = NULL;

  if (task == NULL)
    return;

  if (name_field != NULL &&
      (*name_field = sf_saved_search_check_name (name, &error)) == NULL)
    {
      g_task_return_new_error (task, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_NAME,
                               "%s", error->message);
      return;
    }

  sf_library_queue_job (self, g_steal_pointer (&task), info);
}

/* A write that went through: the library says it changed. */
static gboolean
changed (SfDbJob *job)
{
  sf_db_job_set_changed (job, TRUE);
  sf_db_job_return_boolean (job, TRUE);
  return TRUE;
}

void
sf_library_list_searches_async (SfLibrary           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SF_IS_LIBRARY (self));

  submit (self, sf_library_list_searches_async, g_new0 (SavedData, 1), NULL, NULL, &list_job,
          cancellable, callback, user_data);
}

GPtrArray *
sf_library_list_searches_finish (SfLibrary     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return sf_library_finish_pointer (self, result, error);
}

/* ------------------------------------------------------------------------------------------
 * Save, rename, delete, mark
 */

static gboolean
save_run (gpointer   connection,
          SfDbJob   *job,
          GError   **error)
{
  SfSqlite *sql = sf_library_db_get_sqlite (((Writer *) connection)->db);
  SavedData *data = sf_db_job_get_data (job);
  gint64 id = 0;

  if (!find_search (sql, data->name, &id, error))
    return FALSE;
  if (id != 0)
    return exists (data->name, error);

  if (!insert_search (sql, data->name, data->criteria, data->now, &id, error))
    return FALSE;

  if (!store_ids (sql, id, data->ids, TRUE, error))
    return FALSE;

  return changed (job);
}

static gboolean
rename_run (gpointer   connection,
            SfDbJob   *job,
            GError   **error)
{
  SfSqlite *sql = sf_library_db_get_sqlite (((Writer *) connection)->db);
  SavedData *data = sf_db_job_get_data (job);
  sqlite3_stmt *stmt;
  gint64 id = 0, other = 0;

  if (!find_search (sql, data->name, &id, error))
    return FALSE;
  if (id == 0)
    return not_found (data->name, error);
  if (!find_search (sql, data->new_name, &other, error))
    return FALSE;
  if (other != 0 && other != id)
    return exists (data->new_name, error);

  stmt = sf_sqlite_prepare (sql, "UPDATE saved_searches SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, data->new_name, -1, SQLITE_TRANSIENT);
  if (!step_once (sql, stmt, error))
    return FALSE;

  return changed (job);
}

static gboolean
delete_run (gpointer   connection,
            SfDbJob   *job,
            GError   **error)
{
  SfSqlite *sql = sf_library_db_get_sqlite (((Writer *) connection)->db);
  SavedData *data = sf_db_job_get_data (job);
  sqlite3_stmt *stmt;
  gboolean removed;

  stmt = sf_sqlite_prepare (sql, "DELETE FROM saved_searches WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, data->name, -1, SQLITE_TRANSIENT);
  if (!step_once (sql, stmt, error))
    return FALSE;

  /* Its ids go with it (ON DELETE CASCADE). */
  removed = sqlite3_changes (sf_sqlite_get_handle (sql)) > 0;
  if (!removed)
    return not_found (data->name, error);

  return changed (job);
}

static gboolean
mark_run (gpointer   connection,
          SfDbJob   *job,
          GError   **error)
{
  SfSqlite *sql = sf_library_db_get_sqlite (((Writer *) connection)->db);
  SavedData *data = sf_db_job_get_data (job);
  gint64 id = 0;

  if (!find_search (sql, data->name, &id, error))
    return FALSE;
  if (id == 0)
    return not_found (data->name, error);

  if (!store_ids (sql, id, data->ids, data->seen, error))
    return FALSE;

  if (data->seen)
    {
      sqlite3_stmt *stmt = sf_sqlite_prepare (sql, "UPDATE saved_searches SET opened = ?2"
                                              " WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, data->now);
      if (!step_once (sql, stmt, error))
        return FALSE;
    }

  return changed (job);
}

/* A name not taken yet for an imported search whose name is: "Name (2)", "Name (3)", ... */
static char *
dup_free_name (SfSqlite    *sql,
               const char  *name,
               GError     **error)
{
  for (guint n = 2; n < 10000; n++)
    {
      g_autofree char *suffix = g_strdup_printf (" (%u)", n);
      gsize room = SF_SAVED_SEARCH_MAX_NAME - strlen (suffix);
      g_autofree char *base = NULL;
      g_autofree char *candidate = NULL;
      gint64 id = 0;

      /* Cut at a character, so that the name stays valid UTF-8. */
      if (strlen (name) > room)
        {
          const char *end = g_utf8_find_prev_char (name, name + room + 1);

          base = g_strndup (name, end != NULL ? (gsize) (end - name) : 0);
        }
      candidate = g_strconcat (base != NULL ? base : name, suffix, NULL);
      if (!find_search (sql, candidate, &id, error))
        return NULL;
      if (id == 0)
        return g_steal_pointer (&candidate);
    }

  return exists (name, error), NULL;
}

gboolean
sf_library_saved_import (SfSqlite    *sql,
                         GPtrArray   *searches,
                         gint64       now,
                         guint       *n_added,
                         guint       *n_renamed,
                         guint       *n_present,
                         GError     **error)
{
  g_autoptr(GPtrArray) existing = sf_library_saved_list (sql, error);

  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < searches->len; i++)
    {
      SfSavedSearch *search = g_ptr_array_index (searches, i);
      g_autofree char *criteria = sf_criteria_to_json (search->criteria);
      g_autofree char *renamed = NULL;
      gint64 id = 0;

      if (!find_search (sql, search->name, &id, error))
        return FALSE;

      if (id != 0)
        {
          g_autofree char *stored = NULL;

          for (guint j = 0; j < existing->len && stored == NULL; j++)
            {
              SfSavedSearch *other = g_ptr_array_index (existing, j);

              if (g_str_equal (other->name, search->name))
                stored = sf_criteria_to_json (other->criteria);
            }

          /* The same search: what the file saw is seen here too. */
          if (g_strcmp0 (stored, criteria) == 0)
            {
              if (!store_ids (sql, id, search->seen, TRUE, error))
                return FALSE;
              (*n_present)++;
              continue;
            }

          /* Another search under the same name: both are kept. */
          renamed = dup_free_name (sql, search->name, error);
          if (renamed == NULL)
            return FALSE;
          (*n_renamed)++;
        }

      if (!insert_search (sql, renamed != NULL ? renamed : search->name, criteria, now, &id,
                          error) ||
          !store_ids (sql, id, search->seen, TRUE, error))
        return FALSE;
      (*n_added)++;
    }

  return TRUE;
}

static const SfDbJobInfo save_job = { .kind = SF_DB_JOB_WRITE, .run = save_run };
static const SfDbJobInfo rename_job = { .kind = SF_DB_JOB_WRITE, .run = rename_run };
static const SfDbJobInfo delete_job = { .kind = SF_DB_JOB_WRITE, .run = delete_run };
static const SfDbJobInfo mark_job = { .kind = SF_DB_JOB_WRITE, .run = mark_run };

static GArray *
sorted_copy (GArray *ids)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids != NULL)
    g_array_append_vals (copy, ids->data, ids->len);
  g_array_sort (copy, compare_id);
  return copy;
}

void
sf_library_save_search_async (SfLibrary           *self,
                              const char          *name,
                              const SfCriteria    *criteria,
                              GArray              *seen,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SavedData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));
  g_return_if_fail (criteria != NULL);

  data = g_new0 (SavedData, 1);
  data->criteria = sf_criteria_to_json (criteria);
  data->ids = sorted_copy (seen);
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  submit (self, sf_library_save_search_async, data, name, &data->name, &save_job, cancellable,
          callback, user_data);
}

gboolean
sf_library_save_search_finish (SfLibrary     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

void
sf_library_rename_search_async (SfLibrary           *self,
                                const char          *name,
                                const char          *new_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SavedData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));

  data = g_new0 (SavedData, 1);
  data->name = g_strdup (name != NULL ? name : "");
  submit (self, sf_library_rename_search_async, data, new_name, &data->new_name, &rename_job,
          cancellable, callback, user_data);
}

gboolean
sf_library_rename_search_finish (SfLibrary     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

void
sf_library_delete_search_async (SfLibrary           *self,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SavedData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));

  data = g_new0 (SavedData, 1);
  data->name = g_strdup (name != NULL ? name : "");
  submit (self, sf_library_delete_search_async, data, NULL, NULL, &delete_job, cancellable,
          callback, user_data);
}

gboolean
sf_library_delete_search_finish (SfLibrary     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

void
sf_library_mark_search_async (SfLibrary           *self,
                              const char          *name,
                              GArray              *ids,
                              gboolean             seen,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SavedData *data;

  g_return_if_fail (SF_IS_LIBRARY (self));

  data = g_new0 (SavedData, 1);
  data->name = g_strdup (name != NULL ? name : "");
  data->ids = sorted_copy (ids);
  data->seen = seen;
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  submit (self, sf_library_mark_search_async, data, NULL, NULL, &mark_job, cancellable,
          callback, user_data);
}

gboolean
sf_library_mark_search_finish (SfLibrary     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sf_library_finish_boolean (self, result, error);
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sf_library_mark_search_finish (SF_LIBRARY (source), result, &error))
    g_debug ("Saved search: %s", error->message);
}

void
sf_library_mark_search (SfLibrary    *self,
                        const char   *name,
                        GArray       *ids,
                        gboolean      seen,
                        GCancellable *cancellable)
{
  sf_library_mark_search_async (self, name, ids, seen, cancellable, marked_cb, NULL);
}
