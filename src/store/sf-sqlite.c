/* sf-sqlite.c: one SQLite connection and the helpers every database here uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sf-sqlite.h"

/* How often (in virtual machine steps) a running statement looks at its cancellable. */
#define PROGRESS_OPS 4000

struct _SfSqlite
{
  sqlite3               *db;
  char                  *path;
  const SfSqliteErrors  *errors;
  gboolean               writer;
  gboolean               mark_damage;
  sqlite3_stmt         **cached;         /* errors->n_cached */
  GCancellable          *cancellable;    /* borrowed, during one job */
};

gboolean
sf_sqlite_is_corrupt_code (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* The folder of @path as a person would write it ("~/.local/share/series-finder"). */
static char *
dup_folder_text (const char *path)
{
  g_autofree char *folder = path != NULL ? g_path_get_dirname (path) : g_strdup (".");
  const char *home = g_get_home_dir ();
  gsize home_len = home != NULL ? strlen (home) : 0;

  if (home_len > 1 && g_str_has_prefix (folder, home) &&
      (folder[home_len] == '\0' || folder[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", folder + home_len, NULL);

  return g_steal_pointer (&folder);
}

char *
sf_sqlite_dup_plain_message (int         rc,
                             const char *path)
{
  g_autofree char *folder = dup_folder_text (path);

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      return g_strdup_printf (_("Series Finder can’t write to its data folder (%s): it is "
                                "read-only."), folder);
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return g_strdup_printf (_("Series Finder is not allowed to write to its data folder "
                                "(%s)."), folder);
    case SQLITE_FULL:
      return g_strdup_printf (_("The disk that holds Series Finder’s data folder (%s) is "
                                "full."), folder);
    case SQLITE_CANTOPEN:
      return g_strdup_printf (_("Series Finder can’t open its data in %s."), folder);
    case SQLITE_IOERR:
      return g_strdup_printf (_("Series Finder could not read or write its data in %s: the "
                                "disk reported an error."), folder);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return g_strdup_printf (_("Another program is using Series Finder’s data in %s; try "
                                "again in a moment."), folder);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return g_strdup_printf (_("Series Finder’s data in %s is damaged."), folder);
    case SQLITE_NOMEM:
      return g_strdup (_("Series Finder ran out of memory."));
    default:
      return g_strdup_printf (_("Series Finder could not use its data in %s."), folder);
    }
}

gboolean
sf_sqlite_set_error (SfSqlite    *db,
                     int          rc,
                     const char  *what,
                     GError     **error)
{
  const char *message = db->db != NULL ? sqlite3_errmsg (db->db) : sqlite3_errstr (rc);
  gboolean corrupt = sf_sqlite_is_corrupt_code (rc);
  g_autofree char *plain = NULL;

  if ((rc & 0xff) == SQLITE_INTERRUPT && db->cancellable != NULL &&
      g_cancellable_is_cancelled (db->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
      return FALSE;
    }

  /* Damage found while running: the next open moves the file aside and starts again. */
  if (corrupt && db->mark_damage && db->path != NULL)
    {
      g_autofree char *marker = g_strconcat (db->path, ".damaged", NULL);

      g_file_set_contents (marker, "", 0, NULL);
    }

  /* The statement and SQLite's words are for the debug log; the person gets a sentence. */
  g_debug ("%s: %s: %s (SQLite error %d)", db->errors->prefix, what, message, rc);
  plain = sf_sqlite_dup_plain_message (rc, db->path);
  g_set_error_literal (error, db->errors->domain (),
                       corrupt ? db->errors->corrupt_code : db->errors->database_code, plain);
  return FALSE;
}

void
sf_sqlite_close (SfSqlite *db)
{
  if (db == NULL)
    return;

  for (guint i = 0; i < db->errors->n_cached; i++)
    g_clear_pointer (&db->cached[i], sqlite3_finalize);
  g_free (db->cached);

  /* The last connection to close checkpoints the WAL into the file. */
  if (db->db != NULL)
    sqlite3_close_v2 (db->db);
  g_free (db->path);
  g_free (db);
}

static SfSqlite *
open_with_flags (const SfSqliteErrors  *errors,
                 const char            *path,
                 const char            *filename,
                 int                    flags,
                 gboolean               writer,
                 int                    busy_timeout_ms,
                 const char            *open_what,
                 GError               **error)
{
  SfSqlite *db = g_new0 (SfSqlite, 1);
  int rc;

  db->errors = errors;
  db->writer = writer;
  db->path = g_strdup (path);
  db->cached = g_new0 (sqlite3_stmt *, MAX (errors->n_cached, 1));
  rc = sqlite3_open_v2 (filename, &db->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *plain = sf_sqlite_dup_plain_message (rc, path);

      g_debug ("%s: %s (SQLite error %d)", open_what,
               db->db != NULL ? sqlite3_errmsg (db->db) : sqlite3_errstr (rc), rc);
      g_set_error_literal (error, errors->domain (), errors->open_code, plain);
      sf_sqlite_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db->db, 1);
  sqlite3_busy_timeout (db->db, busy_timeout_ms);

  return db;
}

SfSqlite *
sf_sqlite_open (const SfSqliteErrors  *errors,
                const char            *path,
                gboolean               writer,
                int                    busy_timeout_ms,
                const char            *open_what,
                GError               **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  if (writer)
    flags |= SQLITE_OPEN_CREATE;

  return open_with_flags (errors, path, path, flags, writer, busy_timeout_ms, open_what,
                          error);
}

SfSqlite *
sf_sqlite_open_read_only (const SfSqliteErrors  *errors,
                          const char            *path,
                          const char            *open_what,
                          GError               **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *filename = NULL;
  g_autoptr(GError) local_error = NULL;

  /* immutable: in a folder that cannot be written, SQLite could create neither the WAL nor
   * its shared-memory index, which reading a WAL database otherwise needs. */
  uri = g_filename_to_uri (path, NULL, &local_error);
  if (uri == NULL)
    {
      g_autofree char *plain = sf_sqlite_dup_plain_message (SQLITE_CANTOPEN, path);

      g_debug ("%s: %s", open_what, local_error->message);
      g_set_error_literal (error, errors->domain (), errors->open_code, plain);
      return NULL;
    }
  filename = g_strconcat (uri, "?immutable=1", NULL);

  return open_with_flags (errors, path, filename,
                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, FALSE,
                          0, open_what, error);
}

sqlite3 *
sf_sqlite_get_handle (SfSqlite *db)
{
  return db->db;
}

const char *
sf_sqlite_get_path (SfSqlite *db)
{
  return db->path;
}

gboolean
sf_sqlite_is_writer (SfSqlite *db)
{
  return db->writer;
}

void
sf_sqlite_set_damage_marker (SfSqlite *db,
                             gboolean  mark)
{
  db->mark_damage = mark;
}

static int
progress_cb (void *user_data)
{
  SfSqlite *db = user_data;

  return db->cancellable != NULL && g_cancellable_is_cancelled (db->cancellable);
}

void
sf_sqlite_set_cancellable (SfSqlite     *db,
                           GCancellable *cancellable)
{
  db->cancellable = cancellable;
  sqlite3_progress_handler (db->db, PROGRESS_OPS, cancellable != NULL ? progress_cb : NULL, db);
}

GCancellable *
sf_sqlite_get_cancellable (SfSqlite *db)
{
  return db->cancellable;
}

gboolean
sf_sqlite_exec (SfSqlite    *db,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return sf_sqlite_set_error (db, rc, sql, error);

  return TRUE;
}

sqlite3_stmt *
sf_sqlite_prepare (SfSqlite    *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sf_sqlite_set_error (db, rc, "preparing a statement", error);
      return NULL;
    }

  return stmt;
}

sqlite3_stmt *
sf_sqlite_get_cached (SfSqlite    *db,
                      guint        id,
                      const char  *sql,
                      GError     **error)
{
  g_assert (id < db->errors->n_cached);

  if (db->cached[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (db->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                   &db->cached[id], NULL);

      if (rc != SQLITE_OK)
        {
          sf_sqlite_set_error (db, rc, sql, error);
          return NULL;
        }
    }

  sqlite3_reset (db->cached[id]);
  sqlite3_clear_bindings (db->cached[id]);
  return db->cached[id];
}

gboolean
sf_sqlite_step_done (SfSqlite      *db,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      sf_sqlite_set_error (db, rc, sqlite3_sql (stmt), error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
sf_sqlite_query_int (SfSqlite    *db,
                     const char  *sql,
                     gint64       fallback,
                     gint64      *out_value,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return sf_sqlite_set_error (db, rc, sql, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_type (stmt, 0) == SQLITE_NULL
                 ? fallback : sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_value = fallback;
  else
    {
      sf_sqlite_set_error (db, rc, sql, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
sf_sqlite_table_exists (SfSqlite    *db,
                        const char  *name,
                        gboolean    *out_exists,
                        GError     **error)
{
  sqlite3_stmt *stmt = sf_sqlite_prepare (db, "SELECT 1 FROM sqlite_master WHERE name = ?1",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sf_sqlite_set_error (db, rc, "reading the schema", error);

  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

void
sf_sqlite_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
sf_sqlite_set_user_version (SfSqlite  *db,
                            int        version,
                            GError   **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  return sf_sqlite_exec (db, sql, error);
}

gboolean
sf_sqlite_require_wal (SfSqlite  *db,
                       GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc = sqlite3_prepare_v2 (db->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return sf_sqlite_set_error (db, rc, "PRAGMA journal_mode", error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return sf_sqlite_set_error (db, rc, "PRAGMA journal_mode", error);

  /* Without WAL (a file system that lacks shared memory) a crash could still not break
   * the file, but readers would block the writer; refuse rather than run half-safe. */
  if (!wal)
    {
      g_set_error (error, db->errors->domain (), db->errors->open_code,
                   "%s: this file system does not support WAL", db->errors->prefix);
      return FALSE;
    }

  return TRUE;
}

gboolean
sf_sqlite_quick_check (SfSqlite  *db,
                       GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc = sqlite3_prepare_v2 (db->db, "PRAGMA quick_check", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return sf_sqlite_set_error (db, rc, "PRAGMA quick_check", error);

  /* One row "ok", or the problems found. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0 && problem == NULL)
        problem = g_strdup (text != NULL ? text : "?");
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return sf_sqlite_set_error (db, rc, "PRAGMA quick_check", error);

  if (problem != NULL)
    {
      g_set_error (error, db->errors->domain (), db->errors->corrupt_code,
                   "%s: the integrity check failed: %s", db->errors->prefix, problem);
      return FALSE;
    }

  return TRUE;
}

gboolean
sf_sqlite_begin (SfSqlite  *db,
                 GError   **error)
{
  return sf_sqlite_exec (db, db->writer ? "BEGIN IMMEDIATE" : "BEGIN", error);
}

gboolean
sf_sqlite_commit (SfSqlite  *db,
                  GError   **error)
{
  return sf_sqlite_exec (db, "COMMIT", error);
}

void
sf_sqlite_rollback (SfSqlite *db)
{
  if (!sqlite3_get_autocommit (db->db))
    sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
}

void
sf_sqlite_remove_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}
