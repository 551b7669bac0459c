/* sf-library-db.c: the watchlist's SQLite schema and writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "sf-library-db.h"
#include "sf-library-error.h"
#include "sf-library-file.h"
#include "sf-saved-search.h"
#include "sf-sqlite.h"

/*
 * Schema (version 2)
 *
 *   shows      one row per followed show: what the person chose (id, name, when) and the
 *              last snapshot of it from TVmaze (its JSON, with the next and previous
 *              episode embedded once refreshed)
 *   notified   what the refresh told the person about each show ("airs-today:EPISODE",
 *              "new-season:N"), so nothing is said twice
 *
 * Unlike the catalog this is not a cache: it is never rebuilt. WAL with synchronous=FULL
 * makes every commit durable before the caller hears of it, and every write is one
 * transaction, so a crash leaves the state before or after it. A file from a newer
 * version is refused, never touched; a damaged one is moved aside, never deleted.
 */

#define BUSY_TIMEOUT_MS 5000
/* "SFLW" */
#define LIBRARY_APPLICATION_ID 1397115991
#define NOTIFIED_KEEP_SECONDS (31 * 24 * 3600)

/* migrations[N] brings a database from version N to N + 1, in the same transaction that
 * sets user_version. */
static const char * const migrations[SF_LIBRARY_SCHEMA_VERSION] = {
  "CREATE TABLE shows ("
  "  id            INTEGER PRIMARY KEY CHECK (id > 0),"
  "  name          TEXT NOT NULL CHECK (name <> ''),"
  "  added         INTEGER NOT NULL,"
  "  snapshot      TEXT,"
  "  refreshed     INTEGER NOT NULL DEFAULT 0,"
  "  latest_season INTEGER"
  ");"
  "CREATE TABLE notified ("
  "  show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,"
  "  what    TEXT NOT NULL,"
  "  at      INTEGER NOT NULL,"
  "  PRIMARY KEY (show_id, what)"
  ") WITHOUT ROWID;",

  /* 1 -> 2: saved searches (sf-library-saved.c), and what of their matches the person has
   * seen (seen = 1) or was told about (seen = 0). */
  "CREATE TABLE saved_searches ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  criteria TEXT NOT NULL,"
  "  created  INTEGER NOT NULL,"
  "  opened   INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE saved_search_ids ("
  "  search_id INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,"
  "  show_id   INTEGER NOT NULL,"
  "  seen      INTEGER NOT NULL,"
  "  PRIMARY KEY (search_id, show_id)"
  ") WITHOUT ROWID;",
};

typedef enum
{
  STMT_FOLLOW,
  STMT_UNFOLLOW,
  STMT_LIST,
  STMT_LIST_NOTIFIED,
  STMT_UPDATE_SNAPSHOT,
  STMT_UPDATE_TRACKED,
  STMT_INSERT_NOTIFIED,
  STMT_PRUNE_NOTIFIED,
  N_STMTS
} Stmt;

static const char * const stmt_sql[N_STMTS] = {
  [STMT_FOLLOW] =
    "INSERT INTO shows (id, name, added, snapshot, latest_season) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (id) DO NOTHING",
  [STMT_UNFOLLOW] = "DELETE FROM shows WHERE id = ?1",
  [STMT_LIST] =
    "SELECT id, name, added, snapshot, refreshed, latest_season FROM shows ORDER BY id",
  [STMT_LIST_NOTIFIED] = "SELECT show_id, what FROM notified ORDER BY show_id, what",
  [STMT_UPDATE_SNAPSHOT] =
    "UPDATE shows SET name = ?2, snapshot = ?3, refreshed = ?4 WHERE id = ?1",
  [STMT_UPDATE_TRACKED] =
    "UPDATE shows SET name = ?2, snapshot = ?3, refreshed = ?4, latest_season = ?5"
    " WHERE id = ?1",
  [STMT_INSERT_NOTIFIED] =
    "INSERT OR IGNORE INTO notified (show_id, what, at) VALUES (?1, ?2, ?3)",
  [STMT_PRUNE_NOTIFIED] = "DELETE FROM notified WHERE at < ?1",
};

static const SfSqliteErrors library_errors = {
  .domain = sf_library_error_quark,
  .open_code = SF_LIBRARY_ERROR_OPEN,
  .database_code = SF_LIBRARY_ERROR_DATABASE,
  .corrupt_code = SF_LIBRARY_ERROR_CORRUPT,
  .prefix = "Watchlist database",
  .n_cached = N_STMTS,
};

struct _SfLibraryDb
{
  SfSqlite *sql;
};

void
sf_library_row_clear (SfLibraryRow *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->snapshot, g_free);
  g_clear_pointer (&row->notified, g_strfreev);
}

/* A cached statement, reset and ready to bind. */
static sqlite3_stmt *
get_stmt (SfLibraryDb  *db,
          Stmt          id,
          GError      **error)
{
  return sf_sqlite_get_cached (db->sql, id, stmt_sql[id], error);
}

/* Whether this code may write to the file at all: ours (or new), and not from a newer
 * version. Reads only, so a refused file stays byte for byte as it was. */
static gboolean
check_ownership (SfLibraryDb  *db,
                 gint64       *out_version,
                 GError      **error)
{
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;

  if (!sf_sqlite_query_int (db->sql, "PRAGMA user_version", 0, &version, error) ||
      !sf_sqlite_query_int (db->sql, "PRAGMA application_id", 0, &app_id, error) ||
      !sf_sqlite_query_int (db->sql, "SELECT count(*) FROM sqlite_master", 0, &n_tables, error))
    return FALSE;

  if ((app_id != 0 && app_id != LIBRARY_APPLICATION_ID) ||
      (app_id == 0 && (version != 0 || n_tables != 0)))
    {
      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_FOREIGN,
                           _("The watchlist file belongs to another program; it was left "
                             "as it is."));
      return FALSE;
    }

  if (version > SF_LIBRARY_SCHEMA_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_NEWER_VERSION,
                   _("The watchlist was saved by a newer version of Series Finder "
                     "(database version %s). Update Series Finder to open it; the file was "
                     "left as it is."), number);
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

/* Brings the schema to SF_LIBRARY_SCHEMA_VERSION in one transaction. */
static gboolean
migrate (SfLibraryDb  *db,
         gint64        version,
         GError      **error)
{
  g_autofree char *set_version = NULL;

  if (version == SF_LIBRARY_SCHEMA_VERSION)
    return TRUE;

  if (!sf_sqlite_exec (db->sql, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another process may have done it meanwhile. */
  if (!check_ownership (db, &version, error))
    goto failed;

  for (gint64 v = version; v < SF_LIBRARY_SCHEMA_VERSION; v++)
    if (!sf_sqlite_exec (db->sql, migrations[v], error))
      goto failed;

  set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                 SF_LIBRARY_SCHEMA_VERSION, LIBRARY_APPLICATION_ID);
  if (!sf_sqlite_exec (db->sql, set_version, error) || !sf_sqlite_exec (db->sql, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  sf_sqlite_rollback (db->sql);
  return FALSE;
}

void
sf_library_db_close (SfLibraryDb *db)
{
  if (db == NULL)
    return;

  sf_sqlite_close (db->sql);
  g_free (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfLibraryDb, sf_library_db_close)

static SfLibraryDb *
try_open (const char  *path,
          GError     **error)
{
  g_autoptr(SfLibraryDb) db = g_new0 (SfLibraryDb, 1);
  g_autoptr(GError) local_error = NULL;

  db->sql = sf_sqlite_open (&library_errors, path, TRUE, BUSY_TIMEOUT_MS,
                            "Watchlist database: opening", &local_error);
  if (db->sql != NULL)
    {
      gint64 version = 0;

      /* The first read of the file: garbage is SQLITE_NOTADB here. */
      if (check_ownership (db, &version, &local_error) &&
          sf_sqlite_quick_check (db->sql, &local_error) &&
          sf_sqlite_require_wal (db->sql, &local_error) &&
          sf_sqlite_exec (db->sql, "PRAGMA synchronous = FULL", &local_error) &&
          sf_sqlite_exec (db->sql, "PRAGMA foreign_keys = ON", &local_error) &&
          migrate (db, version, &local_error))
        return g_steal_pointer (&db);
    }

  /* Only damage is told apart; anything else (permissions, locks, I/O) is "could not open",
   * and the file stays as it is. */
  if (local_error->domain == SF_LIBRARY_ERROR && local_error->code == SF_LIBRARY_ERROR_DATABASE)
    local_error->code = SF_LIBRARY_ERROR_OPEN;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* A watchlist in a data folder that cannot be written is still read: --watchlist lists it,
 * and following fails with a message that says why. access() says yes to root for every
 * folder, so the tests force it with SERIES_FINDER_TEST_READ_ONLY_DATA=1. */
static gboolean
must_open_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  if (g_strcmp0 (g_getenv ("SERIES_FINDER_TEST_READ_ONLY_DATA"), "1") == 0)
    return TRUE;
  return access (path, W_OK) != 0 || access (dir, W_OK) != 0;
}

static SfLibraryDb *
try_open_read_only (const char  *path,
                    GError     **error)
{
  g_autoptr(SfLibraryDb) db = g_new0 (SfLibraryDb, 1);
  gint64 version = 0;

  db->sql = sf_sqlite_open_read_only (&library_errors, path, "Watchlist database: opening",
                                      error);
  if (db->sql == NULL)
    return NULL;

  if (!check_ownership (db, &version, error))
    return NULL;

  /* An older schema cannot be migrated without writing. */
  if (version != SF_LIBRARY_SCHEMA_VERSION)
    {
      g_autofree char *plain = sf_sqlite_dup_plain_message (SQLITE_READONLY, path);

      g_set_error_literal (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_OPEN, plain);
      return NULL;
    }

  g_debug ("Watchlist: %s opened read-only", path);
  return g_steal_pointer (&db);
}

/* "PATH.corrupt-20261101T120000Z", made unique. */
static char *
dup_aside_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }

  return aside;
}

/* Moves the damaged file and its WAL out of the way (nothing is deleted but the shared
 * memory index, which SQLite rebuilds). */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autofree char *aside = dup_aside_path (path);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  static const char * const suffixes[] = { "-wal", "-journal" };

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_OPEN,
                   _("The watchlist file is damaged and could not be moved aside: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_OPEN,
                       _("The watchlist file is damaged and its journal could not be moved "
                         "aside: %s"), g_strerror (saved_errno));
          return NULL;
        }
    }

  g_remove (shm);
  return g_steal_pointer (&aside);
}

/* Salvage: the rows of a damaged file that can still be read, copied into the new one.
 *
 * SQLite reads a table through its b-tree: a damaged page makes every statement that walks
 * into it fail, though the pages on either side are sound. So the followed shows are read in
 * id order, one at a time ("the first id above N"), and when a read fails the walk jumps
 * past the damage: doubling steps find an id above it that reads again, and a bisection
 * brings the restart back as close to the damage as reads allow. Each row that comes out is
 * checked as an import would check it (sf-library-file.h), since a damaged page can also
 * yield garbage that looks like a row. */

#define SALVAGE_MAX_ID G_GINT64_CONSTANT (0x7fffffff)

typedef enum
{
  SALVAGE_ROW,
  SALVAGE_END,
  SALVAGE_ERROR,
} SalvageStep;

static SalvageStep
salvage_next (sqlite3_stmt *stmt,
              gint64        after)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, after);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return SALVAGE_ROW;
  return rc == SQLITE_DONE ? SALVAGE_END : SALVAGE_ERROR;
}

/* The smallest N > @bad (where reading failed) from which reading works, at most @good. */
static gint64
salvage_bisect (sqlite3_stmt *stmt,
                gint64        bad,
                gint64        good)
{
  while (good - bad > 1)
    {
      gint64 middle = bad + (good - bad) / 2;

      if (salvage_next (stmt, middle) == SALVAGE_ERROR)
        bad = middle;
      else
        good = middle;
    }

  return good;
}

static gboolean
salvage_copy_row (SfLibraryDb  *db,
                  sqlite3_stmt *stmt,
                  gpointer      user_data)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *raw_name = (const char *) sqlite3_column_text (stmt, 1);
  gint64 added = sf_library_file_normalize_added (sqlite3_column_int64 (stmt, 2));
  const char *snapshot = (const char *) sqlite3_column_text (stmt, 3);
  int latest_season = sqlite3_column_type (stmt, 4) == SQLITE_INTEGER
                      ? sqlite3_column_int (stmt, 4) : -1;
  g_autofree char *name = sf_library_file_normalize_name (raw_name);
  g_autoptr(GError) error = NULL;
  gboolean inserted = FALSE;

  if (!sf_library_file_id_is_valid (id) || name == NULL)
    return FALSE;
  if (snapshot != NULL && !g_utf8_validate (snapshot, -1, NULL))
    snapshot = NULL;
  if (added == 0)
    added = g_get_real_time () / G_USEC_PER_SEC;

  if (!sf_library_db_follow (db, id, name, added, snapshot, MAX (latest_season, -1),
                             &inserted, &error))
    {
      g_debug ("Watchlist salvage: show %" G_GINT64_FORMAT " not copied: %s", id,
               error->message);
      return FALSE;
    }

  return inserted;
}

/* A saved search, under its old row id (its ids refer to it). A name that fails the checks
 * of a new one is garbage from a damaged page; criteria that do not read come back as none,
 * as the list reads them (sf-library-saved.c), rather than losing the name. */
static gboolean
salvage_copy_search (SfLibraryDb  *db,
                     sqlite3_stmt *stmt,
                     gpointer      user_data)
{
  GArray *copied_ids = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *raw_name = (const char *) sqlite3_column_text (stmt, 1);
  const char *raw_criteria = (const char *) sqlite3_column_text (stmt, 2);
  gint64 created = sqlite3_column_int64 (stmt, 3);
  gint64 opened = sqlite3_column_int64 (stmt, 4);
  g_autoptr(SfCriteria) criteria = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *insert;
  int rc;

  if (id <= 0 || raw_name == NULL)
    return FALSE;
  name = sf_saved_search_check_name (raw_name, NULL);
  if (name == NULL)
    return FALSE;
  if (raw_criteria != NULL && g_utf8_validate (raw_criteria, -1, NULL))
    criteria = sf_criteria_from_json (raw_criteria, NULL);
  if (criteria == NULL)
    criteria = sf_criteria_new ();
  json = sf_criteria_to_json (criteria);
  if (created <= 0)
    created = g_get_real_time () / G_USEC_PER_SEC;
  if (opened < 0)
    opened = 0;

  insert = sf_sqlite_prepare (db->sql, "INSERT OR IGNORE INTO saved_searches"
                              " (id, name, criteria, created, opened) VALUES (?1, ?2, ?3, ?4, ?5)",
                              NULL);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_text (insert, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 3, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 4, created);
  sqlite3_bind_int64 (insert, 5, opened);
  rc = sqlite3_step (insert);
  sqlite3_finalize (insert);
  if (rc != SQLITE_DONE || sqlite3_changes (sf_sqlite_get_handle (db->sql)) == 0)
    {
      g_debug ("Watchlist salvage: saved search %" G_GINT64_FORMAT " not copied", id);
      return FALSE;
    }

  g_array_append_val (copied_ids, id);
  return TRUE;
}

/* One id a saved search has seen (seen = 1) or announced (seen = 0). */
static gboolean
salvage_copy_search_id (SfLibraryDb  *db,
                        sqlite3_stmt *stmt,
                        gpointer      user_data)
{
  gint64 search_id = *(const gint64 *) user_data;
  gint64 show_id = sqlite3_column_int64 (stmt, 0);
  gint64 seen = sqlite3_column_int64 (stmt, 1);
  sqlite3_stmt *insert;
  int rc;

  if (!sf_library_file_id_is_valid (show_id))
    return FALSE;

  insert = sf_sqlite_prepare (db->sql, "INSERT OR IGNORE INTO saved_search_ids"
                              " (search_id, show_id, seen) VALUES (?1, ?2, ?3)", NULL);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, search_id);
  sqlite3_bind_int64 (insert, 2, show_id);
  sqlite3_bind_int (insert, 3, seen != 0);
  rc = sqlite3_step (insert);
  sqlite3_finalize (insert);

  return rc == SQLITE_DONE;
}

typedef gboolean (*SalvageCopy) (SfLibraryDb  *db,
                                 sqlite3_stmt *stmt,
                                 gpointer      user_data);

/* Walks @stmt ("... WHERE key > ?1 ORDER BY key LIMIT 1", the key in column 0; any other
 * parameter bound by the caller) past every damaged stretch, and gives each row to @copy.
 * Returns how many rows @copy took. */
static guint
salvage_walk (SfLibraryDb  *db,
              sqlite3_stmt *stmt,
              SalvageCopy   copy,
              gpointer      user_data,
              guint        *n_gaps)
{
  gint64 after = 0;
  guint n_copied = 0;

  while (after < SALVAGE_MAX_ID)
    {
      SalvageStep step = salvage_next (stmt, after);

      if (step == SALVAGE_END)
        break;

      if (step == SALVAGE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (id <= after)
            break;          /* a damaged page that loops: stop */
          if (copy (db, stmt, user_data))
            n_copied++;
          after = id;
          continue;
        }

      /* Damage past @after: find where reading works again. */
      (*n_gaps)++;
      {
        gint64 jump = 1;
        gint64 good = -1;

        while (after + jump < SALVAGE_MAX_ID)
          {
            if (salvage_next (stmt, after + jump) != SALVAGE_ERROR)
              {
                good = after + jump;
                break;
              }
            jump *= 2;
          }

        if (good < 0)
          break;
        after = salvage_bisect (stmt, after + jump / 2, good);
      }
    }

  sqlite3_reset (stmt);
  return n_copied;
}

/* The saved searches (schema 2) of @old, with what they have seen, into @db. A file of
 * schema 1 has none: its statements do not prepare, and nothing is copied. */
static guint
salvage_searches (SfLibraryDb *db,
                  sqlite3     *old,
                  guint       *n_gaps)
{
  g_autoptr(GArray) copied = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *searches = NULL;
  sqlite3_stmt *ids = NULL;
  guint n_ids = 0;

  if (sqlite3_prepare_v2 (old,
                          "SELECT id, name, criteria, created, opened FROM saved_searches "
                          "WHERE id > ?1 ORDER BY id LIMIT 1",
                          -1, &searches, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (old,
                          "SELECT show_id, seen FROM saved_search_ids "
                          "WHERE search_id = ?2 AND show_id > ?1 ORDER BY show_id LIMIT 1",
                          -1, &ids, NULL) != SQLITE_OK)
    {
      g_debug ("Watchlist salvage: no saved searches to read: %s", sqlite3_errmsg (old));
      sqlite3_finalize (searches);
      sqlite3_finalize (ids);
      return 0;
    }

  salvage_walk (db, searches, salvage_copy_search, copied, n_gaps);

  for (guint i = 0; i < copied->len; i++)
    {
      gint64 *search_id = &g_array_index (copied, gint64, i);

      sqlite3_bind_int64 (ids, 2, *search_id);
      n_ids += salvage_walk (db, ids, salvage_copy_search_id, search_id, n_gaps);
    }

  sqlite3_finalize (searches);
  sqlite3_finalize (ids);

  g_debug ("Watchlist salvage: %u saved searches copied, with %u of their ids",
           copied->len, n_ids);
  return copied->len;
}

/* Copies what can be read of the followed shows and the saved searches in @aside into @db.
 * Returns how many shows; @out_n_searches how many saved searches. */
static guint
salvage (SfLibraryDb *db,
         const char  *aside,
         guint       *out_n_searches)
{
  sqlite3 *old = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;
  guint n_copied = 0;
  guint n_searches = 0;
  guint n_gaps = 0;

  *out_n_searches = 0;

  if (sqlite3_open_v2 (aside, &old, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK ||
      sqlite3_prepare_v2 (old,
                          "SELECT id, name, added, snapshot, latest_season FROM shows "
                          "WHERE id > ?1 ORDER BY id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Watchlist salvage: %s cannot be read at all: %s", aside,
               old != NULL ? sqlite3_errmsg (old) : "out of memory");
      sqlite3_close_v2 (old);
      return 0;
    }

  if (!sf_library_db_begin (db, &error))
    {
      sqlite3_finalize (stmt);
      sqlite3_close_v2 (old);
      return 0;
    }

  n_copied = salvage_walk (db, stmt, salvage_copy_row, NULL, &n_gaps);
  sqlite3_finalize (stmt);
  n_searches = salvage_searches (db, old, &n_gaps);
  sqlite3_close_v2 (old);

  if (!sf_library_db_commit (db, &error))
    {
      g_debug ("Watchlist salvage: could not be saved: %s", error->message);
      sf_sqlite_exec (db->sql, "ROLLBACK", NULL);
      return 0;
    }

  g_debug ("Watchlist salvage: %u shows and %u saved searches copied from %s "
           "(%u damaged stretches skipped)", n_copied, n_searches, aside, n_gaps);
  *out_n_searches = n_searches;
  return n_copied;
}

SfLibraryDb *
sf_library_db_open (const char  *path,
                    char       **out_moved_to,
                    guint       *out_n_recovered,
                    guint       *out_n_searches_recovered,
                    GError     **error)
{
  guint n_recovered = 0;
  guint n_searches = 0;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *moved_to = NULL;
  SfLibraryDb *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (out_moved_to != NULL, NULL);

  *out_moved_to = NULL;
  if (out_n_recovered != NULL)
    *out_n_recovered = 0;
  if (out_n_searches_recovered != NULL)
    *out_n_searches_recovered = 0;

  if (must_open_read_only (path))
    return try_open_read_only (path, error);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_OPEN,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  db = try_open (path, &local_error);
  if (db != NULL)
    return db;

  if (!g_error_matches (local_error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_debug ("Watchlist: %s is damaged (%s); moving it aside", path, local_error->message);

  moved_to = move_aside (path, error);
  if (moved_to == NULL)
    return NULL;

  db = try_open (path, error);
  if (db == NULL)
    return NULL;

  /* The damaged file stays as it was; what can be read of it comes back. */
  n_recovered = salvage (db, moved_to, &n_searches);
  if (out_n_recovered != NULL)
    *out_n_recovered = n_recovered;
  if (out_n_searches_recovered != NULL)
    *out_n_searches_recovered = n_searches;

  *out_moved_to = g_steal_pointer (&moved_to);
  return db;
}

gboolean
sf_library_db_begin (SfLibraryDb  *db,
                     GError      **error)
{
  return sf_sqlite_exec (db->sql, "BEGIN IMMEDIATE", error);
}

gboolean
sf_library_db_commit (SfLibraryDb  *db,
                      GError      **error)
{
  return sf_sqlite_exec (db->sql, "COMMIT", error);
}

gboolean
sf_library_db_data_version (SfLibraryDb  *db,
                            gint64       *out_version,
                            GError      **error)
{
  return sf_sqlite_query_int (db->sql, "PRAGMA data_version", 0, out_version, error);
}

SfSqlite *
sf_library_db_get_sqlite (SfLibraryDb *db)
{
  return db->sql;
}

void
sf_library_db_rollback (SfLibraryDb *db)
{
  sf_sqlite_rollback (db->sql);
}

gboolean
sf_library_db_follow (SfLibraryDb  *db,
                      gint64        id,
                      const char   *name,
                      gint64        added,
                      const char   *snapshot,
                      int           latest_season,
                      gboolean     *out_inserted,
                      GError      **error)
{
  sqlite3_stmt *stmt = get_stmt (db, STMT_FOLLOW, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, added);
  if (snapshot != NULL)
    sqlite3_bind_text (stmt, 4, snapshot, -1, SQLITE_TRANSIENT);
  if (latest_season >= 0)
    sqlite3_bind_int (stmt, 5, latest_season);

  if (!sf_sqlite_step_done (db->sql, stmt, error))
    return FALSE;

  *out_inserted = sqlite3_changes (sf_sqlite_get_handle (db->sql)) > 0;
  return TRUE;
}

gboolean
sf_library_db_unfollow (SfLibraryDb  *db,
                        gint64        id,
                        gboolean     *out_removed,
                        GError      **error)
{
  sqlite3_stmt *stmt = get_stmt (db, STMT_UNFOLLOW, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!sf_sqlite_step_done (db->sql, stmt, error))
    return FALSE;

  /* The notified rows go with it (ON DELETE CASCADE). */
  *out_removed = sqlite3_changes (sf_sqlite_get_handle (db->sql)) > 0;
  return TRUE;
}

static gint
compare_row_id (gconstpointer a,
                gconstpointer b)
{
  gint64 id = *(const gint64 *) a;
  gint64 other = ((const SfLibraryRow *) b)->id;

  return id < other ? -1 : id > other ? 1 : 0;
}

/* Attaches each show's notified keys to its row (@rows are sorted by id). */
static gboolean
load_notified (SfLibraryDb  *db,
               GArray       *rows,
               GError      **error)
{
  sqlite3_stmt *stmt = get_stmt (db, STMT_LIST_NOTIFIED, error);
  g_autoptr(GPtrArray) keys = NULL;
  SfLibraryRow *row = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *what = (const char *) sqlite3_column_text (stmt, 1);
      guint index;

      if (row == NULL || row->id != id)
        {
          if (row != NULL)
            {
              g_ptr_array_add (keys, NULL);
              row->notified = (GStrv) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
            }
          row = NULL;
          if (g_array_binary_search (rows, &id, compare_row_id, &index))
            {
              row = &g_array_index (rows, SfLibraryRow, index);
              keys = g_ptr_array_new_with_free_func (g_free);
            }
        }

      if (row != NULL && what != NULL)
        g_ptr_array_add (keys, g_strdup (what));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return sf_sqlite_set_error (db->sql, rc, stmt_sql[STMT_LIST_NOTIFIED], error);

  if (row != NULL)
    {
      g_ptr_array_add (keys, NULL);
      row->notified = (GStrv) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
    }

  return TRUE;
}

GArray *
sf_library_db_list (SfLibraryDb  *db,
                    gboolean      with_notified,
                    GError      **error)
{
  sqlite3_stmt *stmt = get_stmt (db, STMT_LIST, error);
  g_autoptr(GArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_array_new (FALSE, TRUE, sizeof (SfLibraryRow));
  g_array_set_clear_func (rows, (GDestroyNotify) sf_library_row_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SfLibraryRow row = { 0, };
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *snapshot = (const char *) sqlite3_column_text (stmt, 3);

      row.id = sqlite3_column_int64 (stmt, 0);
      /* NOT NULL and non-empty by the schema's CHECK */
      row.name = g_strdup (name != NULL ? name : "");
      row.added = sqlite3_column_int64 (stmt, 2);
      row.snapshot = g_strdup (snapshot);
      row.refreshed = sqlite3_column_int64 (stmt, 4);
      row.latest_season = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                          ? -1 : sqlite3_column_int (stmt, 5);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      sf_sqlite_set_error (db->sql, rc, stmt_sql[STMT_LIST], error);
      return NULL;
    }

  if (with_notified && !load_notified (db, rows, error))
    return NULL;

  return g_steal_pointer (&rows);
}

gboolean
sf_library_db_store_refresh (SfLibraryDb         *db,
                             gint64               id,
                             const char          *name,
                             const char          *snapshot,
                             gint64               refreshed,
                             gboolean             track,
                             int                  latest_season,
                             const char * const  *keys,
                             GPtrArray           *out_new_keys,
                             gboolean            *out_followed,
                             GError             **error)
{
  sqlite3_stmt *stmt;

  *out_followed = FALSE;

  stmt = get_stmt (db, track ? STMT_UPDATE_TRACKED : STMT_UPDATE_SNAPSHOT, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, snapshot, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, refreshed);
  if (track && latest_season >= 0)
    sqlite3_bind_int (stmt, 5, latest_season);

  if (!sf_sqlite_step_done (db->sql, stmt, error))
    return FALSE;

  /* Unfollowed while it was being fetched. */
  if (sqlite3_changes (sf_sqlite_get_handle (db->sql)) == 0)
    return TRUE;

  *out_followed = TRUE;

  if (!track)
    return TRUE;

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      stmt = get_stmt (db, STMT_INSERT_NOTIFIED, error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, keys[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, refreshed);
      if (!sf_sqlite_step_done (db->sql, stmt, error))
        return FALSE;

      if (sqlite3_changes (sf_sqlite_get_handle (db->sql)) > 0)
        g_ptr_array_add (out_new_keys, g_strdup (keys[i]));
    }

  stmt = get_stmt (db, STMT_PRUNE_NOTIFIED, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, refreshed - NOTIFIED_KEEP_SECONDS);
  return sf_sqlite_step_done (db->sql, stmt, error);
}
