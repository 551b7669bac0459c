/* sf-catalog-schema.c: the catalog's connections, its schema, migrations and sync state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "sf-catalog-db-private.h"

/*
 * Schema (version 2)
 *
 *   shows        one row per show: a column for every criterion, indexed, and the folded
 *                title (`name_key`, see sf_criteria_normalize_text()). Kept narrow so that
 *                a scan of all 90,000 rows stays in a few MB.
 *   show_json    the show's JSON as TVmaze sent it, read only for the rows a query returns
 *   show_genres  (genre, show) pairs, NOCASE, so "any of / all of / none of" are index lookups
 *   show_names   FTS5 over `name_key` with the `ascii` tokenizer: `name_key` is already
 *                folded words separated by single spaces, and its ASCII part is only
 *                letters and digits, so the tokenizer splits exactly where
 *                sf_criteria_matches() does. Without FTS5, LIKE does the same job.
 *   pages        index pages stored (or found missing), for resuming a sync
 *   sync_state   key/value: last_sync, complete, fts
 *
 * Every SQL rule below mirrors sf-criteria.c: NOCASE columns compare like
 * g_ascii_strcasecmp(); NULL sorts lowest, so DESC puts unknown values last as
 * sf_criteria_compare() does; BINARY text order is strcmp() order.
 *
 * Version 1 (the first layout) kept the JSON in `shows` and had neither genres, channels nor
 * FTS; it is migrated by parsing each stored JSON again. Anything else unknown is rebuilt:
 * the catalog is a cache.
 */

#define BUSY_TIMEOUT_MS 10000

static const char * const stmt_sql[N_STMTS] = {
  [STMT_INSERT_SHOW] =
    "INSERT INTO shows (id, name, name_key, type, language, status, network, web_channel,"
    " country, premiered, year, runtime, rating, weight, updated)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
  [STMT_INSERT_JSON] = "INSERT INTO show_json (id, json) VALUES (?1, ?2)",
  [STMT_INSERT_GENRE] = "INSERT OR IGNORE INTO show_genres (genre, show_id) VALUES (?1, ?2)",
  [STMT_INSERT_NAME] = "INSERT INTO show_names (rowid, name_key) VALUES (?1, ?2)",
  [STMT_DELETE_SHOWS] = "DELETE FROM shows WHERE id BETWEEN ?1 AND ?2",
  [STMT_DELETE_JSON] = "DELETE FROM show_json WHERE id BETWEEN ?1 AND ?2",
  [STMT_DELETE_GENRES] = "DELETE FROM show_genres WHERE show_id BETWEEN ?1 AND ?2",
  [STMT_DELETE_NAMES] = "DELETE FROM show_names WHERE rowid BETWEEN ?1 AND ?2",
  [STMT_PUT_PAGE] =
    "INSERT OR REPLACE INTO pages (page, state, n_shows, fetched) VALUES (?1, ?2, ?3, ?4)",
  [STMT_SELECT_JSON] = "SELECT json FROM show_json WHERE id = ?1",
  [STMT_SET_STATE] = "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)",
  [STMT_GET_STATE] = "SELECT value FROM sync_state WHERE key = ?1",
};

static const char schema_v2[] =
  "CREATE TABLE shows ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL,"
  "  name_key    TEXT NOT NULL,"
  "  type        TEXT COLLATE NOCASE,"
  "  language    TEXT COLLATE NOCASE,"
  "  status      TEXT COLLATE NOCASE,"
  "  network     TEXT COLLATE NOCASE,"
  "  web_channel TEXT COLLATE NOCASE,"
  "  country     TEXT COLLATE NOCASE,"
  "  premiered   TEXT,"
  "  year        INTEGER,"
  "  runtime     INTEGER,"
  "  rating      REAL,"
  "  weight      INTEGER,"
  "  updated     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX shows_type ON shows (type);"
  "CREATE INDEX shows_language ON shows (language);"
  "CREATE INDEX shows_status ON shows (status);"
  "CREATE INDEX shows_network ON shows (network);"
  "CREATE INDEX shows_web_channel ON shows (web_channel);"
  "CREATE INDEX shows_country ON shows (country);"
  "CREATE INDEX shows_year ON shows (year);"
  "CREATE INDEX shows_runtime ON shows (runtime);"
  "CREATE INDEX shows_rating ON shows (rating);"
  "CREATE INDEX shows_weight ON shows (weight);"
  "CREATE INDEX shows_premiered ON shows (premiered);"
  "CREATE INDEX shows_name_key ON shows (name_key, name);"
  "CREATE TABLE show_json (id INTEGER PRIMARY KEY, json TEXT NOT NULL);"
  "CREATE TABLE show_genres ("
  "  genre   TEXT NOT NULL COLLATE NOCASE,"
  "  show_id INTEGER NOT NULL,"
  "  PRIMARY KEY (genre, show_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX show_genres_show ON show_genres (show_id);"
  "CREATE TABLE pages ("
  "  page    INTEGER PRIMARY KEY,"
  "  state   INTEGER NOT NULL,"
  "  n_shows INTEGER NOT NULL,"
  "  fetched INTEGER NOT NULL"
  ");"
  "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value INTEGER);";

static const char fts_schema[] =
  "CREATE VIRTUAL TABLE show_names USING fts5 ("
  "  name_key, tokenize = 'ascii', prefix = '1 2 3', detail = 'none')";

static const SfSqliteErrors catalog_errors = {
  .domain = sf_catalog_error_quark,
  .open_code = SF_CATALOG_ERROR_OPEN,
  .database_code = SF_CATALOG_ERROR_DATABASE,
  .corrupt_code = SF_CATALOG_ERROR_CORRUPT,
  .prefix = "Catalog",
  .n_cached = N_STMTS,
};

sqlite3_stmt *
sf_catalog_db_stmt (SfCatalogDb  *db,
                    Stmt          id,
                    GError      **error)
{
  return sf_sqlite_get_cached (db->sql, id, stmt_sql[id], error);
}

gboolean
sf_catalog_db_get_state_value (SfCatalogDb  *db,
                               const char   *key,
                               gint64        fallback,
                               gint64       *out_value,
                               GError      **error)
{
  sqlite3_stmt *stmt = sf_catalog_db_stmt (db, STMT_GET_STATE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    *out_value = fallback;
  else
    {
      sf_sqlite_set_error (db->sql, rc, "reading the sync state", error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
sf_catalog_db_set_state_value (SfCatalogDb  *db,
                               const char   *key,
                               gint64        value,
                               GError      **error)
{
  sqlite3_stmt *stmt = sf_catalog_db_stmt (db, STMT_SET_STATE, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  return sf_sqlite_step_done (db->sql, stmt, error);
}

void
sf_catalog_db_set_cancellable (SfCatalogDb  *db,
                               GCancellable *cancellable)
{
  sf_sqlite_set_cancellable (db->sql, cancellable);
}

void
sf_catalog_db_close (SfCatalogDb *db)
{
  if (db == NULL)
    return;

  sf_sqlite_close (db->sql);
  g_free (db);
}

static SfCatalogDb *
connect (const char  *path,
         gboolean     writer,
         GError     **error)
{
  g_autofree char *what = g_strdup_printf ("Could not open the catalog %s", path);
  SfSqlite *sql = sf_sqlite_open (&catalog_errors, path, writer, BUSY_TIMEOUT_MS, what, error);
  SfCatalogDb *db;

  if (sql == NULL)
    return NULL;

  sf_sqlite_set_damage_marker (sql, TRUE);
  db = g_new0 (SfCatalogDb, 1);
  db->sql = sql;
  return db;
}

gboolean
sf_catalog_db_begin (SfCatalogDb  *db,
                     GError      **error)
{
  return sf_sqlite_begin (db->sql, error);
}

gboolean
sf_catalog_db_commit (SfCatalogDb  *db,
                      GError      **error)
{
  return sf_sqlite_commit (db->sql, error);
}

void
sf_catalog_db_rollback (SfCatalogDb *db)
{
  sf_sqlite_rollback (db->sql);
}

/* Creates, fills or drops the title index so that it matches @allow_fts. */
static gboolean
setup_fts (SfCatalogDb  *db,
           gboolean      allow_fts,
           GError      **error)
{
  gboolean exists = FALSE;
  gint64 flag = 0;

  if (!sf_sqlite_table_exists (db->sql, "show_names", &exists, error) ||
      !sf_catalog_db_get_state_value (db, "fts", 0, &flag, error))
    return FALSE;

  if (!allow_fts)
    {
      db->use_fts = FALSE;
      if (exists && !sf_sqlite_exec (db->sql, "DROP TABLE show_names", error))
        return FALSE;
      return sf_catalog_db_set_state_value (db, "fts", 0, error);
    }

  if (exists && flag != 0)
    {
      db->use_fts = TRUE;
      return TRUE;
    }

  if (exists && !sf_sqlite_exec (db->sql, "DROP TABLE show_names", error))
    return FALSE;

  /* SQLite built without FTS5: titles are matched with LIKE instead. */
  if (sqlite3_exec (sf_sqlite_get_handle (db->sql), fts_schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("Catalog: no FTS5 (%s), titles are matched with LIKE",
               sqlite3_errmsg (sf_sqlite_get_handle (db->sql)));
      db->use_fts = FALSE;
      return sf_catalog_db_set_state_value (db, "fts", 0, error);
    }

  db->use_fts = TRUE;
  return sf_sqlite_exec (db->sql,
                         "INSERT INTO show_names (rowid, name_key) SELECT id, name_key FROM shows",
                         error) &&
         sf_catalog_db_set_state_value (db, "fts", 1, error);
}

static gboolean
create_schema (SfCatalogDb  *db,
               GError      **error)
{
  return sf_sqlite_exec (db->sql, schema_v2, error) &&
         sf_sqlite_set_user_version (db->sql, SF_CATALOG_SCHEMA_VERSION, error);
}

/* Version 1 had one wide table with the JSON inside; the new columns are read from it. */
static gboolean
migrate_1_to_2 (SfCatalogDb  *db,
                GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) lost_pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_debug ("Catalog: migrating from schema 1 to 2");

  if (!sf_sqlite_exec (db->sql,
                       "ALTER TABLE shows RENAME TO shows_v1;"
                       "ALTER TABLE pages RENAME TO pages_v1;", error) ||
      !sf_sqlite_exec (db->sql, schema_v2, error))
    return FALSE;

  stmt = sf_sqlite_prepare (db->sql, "SELECT id, json FROM shows_v1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *json = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(SfShow) show = NULL;

      if (json != NULL)
        show = sf_show_parse (json, -1, NULL);

      /* A row that no longer reads as a show: its page is fetched again by the next sync. */
      if (show == NULL || sf_show_get_id (show) != id)
        {
          gint64 page = id / SF_CATALOG_PAGE_SIZE;

          g_array_append_val (lost_pages, page);
          continue;
        }

      if (!sf_catalog_db_insert_show (db, show, json, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sf_sqlite_set_error (db->sql, rc, "reading the old shows", error);

  if (!sf_sqlite_exec (db->sql,
                       "INSERT INTO pages (page, state, n_shows, fetched)"
                       " SELECT page, 0, n_shows, fetched FROM pages_v1;"
                       "DROP TABLE shows_v1;"
                       "DROP TABLE pages_v1;", error))
    return FALSE;

  for (guint i = 0; i < lost_pages->len; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("DELETE FROM pages WHERE page = %" G_GINT64_FORMAT,
                         g_array_index (lost_pages, gint64, i));

      if (!sf_sqlite_exec (db->sql, sql, error))
        return FALSE;
    }

  return sf_sqlite_set_user_version (db->sql, 2, error);
}

/* Opens, checks and migrates; CORRUPT means "move the file aside and start again". */
static SfCatalogDb *
try_open_writer (const char  *path,
                 gboolean     allow_fts,
                 gboolean    *out_rebuild,
                 GError     **error)
{
  SfCatalogDb *db;
  gint64 version = 0;
  gint64 n_tables = 0;
  gint64 ignored;

  *out_rebuild = FALSE;

  db = connect (path, TRUE, error);
  if (db == NULL)
    return NULL;

  /* The first statements read the header: a file that is not a database fails here. A
   * corrupt WAL or table shows in the checks that follow. */
  if (!sf_sqlite_exec (db->sql, "PRAGMA journal_mode = WAL", error) ||
      !sf_sqlite_exec (db->sql, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8000", error) ||
      !sf_sqlite_query_int (db->sql, "PRAGMA user_version", 0, &version, error) ||
      !sf_sqlite_query_int (db->sql, "SELECT count(*) FROM sqlite_master", 0, &n_tables, error))
    goto fail;

  if (version != 0 && version != 1 && version != SF_CATALOG_SCHEMA_VERSION)
    {
      /* From a newer (or unknown) program: not ours to read, and only a cache. */
      g_debug ("Catalog: unknown schema version %" G_GINT64_FORMAT ", rebuilding", version);
      *out_rebuild = TRUE;
      goto fail;
    }

  if (version == 0 && n_tables > 0)
    {
      *out_rebuild = TRUE;
      goto fail;
    }

  if (!sf_catalog_db_begin (db, error))
    goto fail;

  if ((version == 0 && !create_schema (db, error)) ||
      (version == 1 && !migrate_1_to_2 (db, error)) ||
      !setup_fts (db, allow_fts, error) ||
      !sf_catalog_db_commit (db, error))
    {
      sf_catalog_db_rollback (db);
      goto fail;
    }

  /* Touches the tables every query reads, so a damaged file shows now, not in the middle
   * of a sync. The b-tree walk of quick_check is left out: it reads the whole file. */
  if (!sf_sqlite_query_int (db->sql, "SELECT count(*) FROM pages", 0, &ignored, error) ||
      !sf_sqlite_query_int (db->sql, "SELECT max(id) FROM shows", 0, &ignored, error) ||
      !sf_sqlite_query_int (db->sql, "SELECT count(*) FROM sync_state", 0, &ignored, error))
    goto fail;

  return db;

fail:
  sf_catalog_db_close (db);
  return NULL;
}

SfCatalogDb *
sf_catalog_db_open_writer (const char  *path,
                           gboolean     allow_fts,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *marker = g_strconcat (path, ".damaged", NULL);
  SfCatalogDb *db;
  gboolean rebuild = FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_OPEN,
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_unlink (marker);
      g_set_error_literal (&local_error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_CORRUPT,
                           "damage was found while it was in use");
    }
  else
    {
      db = try_open_writer (path, allow_fts, &rebuild, &local_error);
      if (db != NULL)
        return db;
    }

  if (g_error_matches (local_error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_CORRUPT))
    {
      g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);

      /* Only a cache: keep the damaged file for a bug report, and start again. */
      g_message ("The catalog %s is damaged (%s); it is moved to %s and rebuilt",
                 path, local_error->message, aside);
      g_unlink (aside);
      if (g_rename (path, aside) != 0)
        g_unlink (path);
      sf_sqlite_remove_files (path);
      g_unlink (marker);
    }
  else if (rebuild)
    {
      sf_sqlite_remove_files (path);
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_clear_error (&local_error);
  return try_open_writer (path, allow_fts, &rebuild, error);
}

SfCatalogDb *
sf_catalog_db_open_reader (const char  *path,
                           GError     **error)
{
  SfCatalogDb *db = connect (path, FALSE, error);
  gint64 fts = 0;

  if (db == NULL)
    return NULL;

  if (!sf_sqlite_exec (db->sql, "PRAGMA query_only = 1; PRAGMA cache_size = -16000", error) ||
      !sf_catalog_db_get_state_value (db, "fts", 0, &fts, error))
    {
      sf_catalog_db_close (db);
      return NULL;
    }

  db->use_fts = fts != 0;
  return db;
}
