/* sf-catalog-db.c: the catalog's SQLite schema, writes and queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "sf-catalog-db.h"
#include "sf-show-list.h"

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

#define PROGRESS_OPS 4000
#define BUSY_TIMEOUT_MS 10000

typedef enum
{
  STMT_INSERT_SHOW,
  STMT_INSERT_JSON,
  STMT_INSERT_GENRE,
  STMT_INSERT_NAME,
  STMT_DELETE_SHOWS,
  STMT_DELETE_JSON,
  STMT_DELETE_GENRES,
  STMT_DELETE_NAMES,
  STMT_PUT_PAGE,
  STMT_SELECT_JSON,
  STMT_SET_STATE,
  STMT_GET_STATE,
  N_STMTS
} Stmt;

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

struct _SfCatalogDb
{
  sqlite3      *db;
  char         *path;
  gboolean      writer;
  gboolean      use_fts;
  sqlite3_stmt *stmts[N_STMTS];
  GCancellable *cancellable;      /* borrowed, during one job */
};

static gboolean
is_corrupt_code (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

static gboolean
set_error (SfCatalogDb  *db,
           int           rc,
           const char   *what,
           GError      **error)
{
  const char *message = db->db != NULL ? sqlite3_errmsg (db->db) : sqlite3_errstr (rc);

  if ((rc & 0xff) == SQLITE_INTERRUPT && db->cancellable != NULL &&
      g_cancellable_is_cancelled (db->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
      return FALSE;
    }

  /* Damage found while running: the next open moves the file aside and starts again. */
  if (is_corrupt_code (rc) && db->path != NULL)
    {
      g_autofree char *marker = g_strconcat (db->path, ".damaged", NULL);

      g_file_set_contents (marker, "", 0, NULL);
    }

  g_set_error (error, SF_CATALOG_ERROR,
               is_corrupt_code (rc) ? SF_CATALOG_ERROR_CORRUPT : SF_CATALOG_ERROR_DATABASE,
               "Catalog: %s: %s", what, message);
  return FALSE;
}

static gboolean
exec (SfCatalogDb  *db,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (db->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (db, rc, sql, error);

  return TRUE;
}

static sqlite3_stmt *
prepare (SfCatalogDb  *db,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (db, rc, "preparing a statement", error);
      return NULL;
    }

  return stmt;
}

/* A cached statement, reset and ready to bind. */
static sqlite3_stmt *
get_stmt (SfCatalogDb  *db,
          Stmt          id,
          GError      **error)
{
  if (db->stmts[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (db->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &db->stmts[id], NULL);

      if (rc != SQLITE_OK)
        {
          set_error (db, rc, stmt_sql[id], error);
          return NULL;
        }
    }

  sqlite3_reset (db->stmts[id]);
  sqlite3_clear_bindings (db->stmts[id]);
  return db->stmts[id];
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (SfCatalogDb   *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error (db, rc, sqlite3_sql (stmt), error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/* The single integer a query returns (@fallback for no row or NULL). */
static gboolean
query_int (SfCatalogDb  *db,
           const char   *sql,
           gint64        fallback,
           gint64       *out_value,
           GError      **error)
{
  sqlite3_stmt *stmt = prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_type (stmt, 0) == SQLITE_NULL
                 ? fallback : sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_value = fallback;
  else
    {
      set_error (db, rc, sql, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
get_state_value (SfCatalogDb  *db,
                 const char   *key,
                 gint64        fallback,
                 gint64       *out_value,
                 GError      **error)
{
  sqlite3_stmt *stmt = get_stmt (db, STMT_GET_STATE, error);
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
      set_error (db, rc, "reading the sync state", error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
set_state_value (SfCatalogDb  *db,
                 const char   *key,
                 gint64        value,
                 GError      **error)
{
  sqlite3_stmt *stmt = get_stmt (db, STMT_SET_STATE, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  return step_done (db, stmt, error);
}

static int
progress_cb (void *user_data)
{
  SfCatalogDb *db = user_data;

  return db->cancellable != NULL && g_cancellable_is_cancelled (db->cancellable);
}

void
sf_catalog_db_set_cancellable (SfCatalogDb  *db,
                               GCancellable *cancellable)
{
  db->cancellable = cancellable;
  sqlite3_progress_handler (db->db, PROGRESS_OPS, cancellable != NULL ? progress_cb : NULL, db);
}

void
sf_catalog_db_close (SfCatalogDb *db)
{
  if (db == NULL)
    return;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&db->stmts[i], sqlite3_finalize);

  /* The last connection to close checkpoints the WAL into the file. */
  if (db->db != NULL)
    sqlite3_close_v2 (db->db);
  g_free (db->path);
  g_free (db);
}

static SfCatalogDb *
connect (const char  *path,
         gboolean     writer,
         GError     **error)
{
  SfCatalogDb *db = g_new0 (SfCatalogDb, 1);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  if (writer)
    flags |= SQLITE_OPEN_CREATE;

  db->writer = writer;
  db->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &db->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_OPEN,
                   "Could not open the catalog %s: %s", path,
                   db->db != NULL ? sqlite3_errmsg (db->db) : sqlite3_errstr (rc));
      sf_catalog_db_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db->db, 1);
  sqlite3_busy_timeout (db->db, BUSY_TIMEOUT_MS);

  return db;
}

gboolean
sf_catalog_db_begin (SfCatalogDb  *db,
                     GError      **error)
{
  return exec (db, db->writer ? "BEGIN IMMEDIATE" : "BEGIN", error);
}

gboolean
sf_catalog_db_commit (SfCatalogDb  *db,
                      GError      **error)
{
  return exec (db, "COMMIT", error);
}

void
sf_catalog_db_rollback (SfCatalogDb *db)
{
  if (!sqlite3_get_autocommit (db->db))
    sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
delete_range (SfCatalogDb  *db,
              gint64        first,
              gint64        last,
              GError      **error)
{
  static const Stmt deletes[] = {
    STMT_DELETE_SHOWS, STMT_DELETE_JSON, STMT_DELETE_GENRES, STMT_DELETE_NAMES,
  };

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      sqlite3_stmt *stmt;

      if (deletes[i] == STMT_DELETE_NAMES && !db->use_fts)
        continue;

      stmt = get_stmt (db, deletes[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, first);
      sqlite3_bind_int64 (stmt, 2, last);
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Adds a show that is not in the catalog (its id was just deleted). */
static gboolean
insert_show (SfCatalogDb  *db,
             SfShow       *show,
             const char   *json,
             GError      **error)
{
  const char * const *genres = sf_show_get_genres (show);
  const char *key = sf_criteria_get_show_key (show);
  gint64 id = sf_show_get_id (show);
  sqlite3_stmt *stmt;

  stmt = get_stmt (db, STMT_INSERT_SHOW, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, sf_show_get_name (show), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, sf_show_get_show_type (show));
  bind_text_or_null (stmt, 5, sf_show_get_language (show));
  bind_text_or_null (stmt, 6, sf_show_get_status (show));
  bind_text_or_null (stmt, 7, sf_show_get_network_name (show));
  bind_text_or_null (stmt, 8, sf_show_get_web_channel_name (show));
  bind_text_or_null (stmt, 9, sf_show_get_country_code (show));
  bind_text_or_null (stmt, 10, sf_show_get_premiered (show));
  if (sf_show_get_premiere_year (show) > 0)
    sqlite3_bind_int (stmt, 11, sf_show_get_premiere_year (show));
  if (sf_show_get_runtime (show) > 0)
    sqlite3_bind_int (stmt, 12, sf_show_get_runtime (show));
  if (sf_show_has_rating (show))
    sqlite3_bind_double (stmt, 13, sf_show_get_rating (show));
  if (sf_show_get_weight (show) >= 0)
    sqlite3_bind_int (stmt, 14, sf_show_get_weight (show));
  sqlite3_bind_int64 (stmt, 15, sf_show_get_updated (show));
  if (!step_done (db, stmt, error))
    return FALSE;

  stmt = get_stmt (db, STMT_INSERT_JSON, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  if (!step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; genres[i] != NULL; i++)
    {
      stmt = get_stmt (db, STMT_INSERT_GENRE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, genres[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  if (db->use_fts)
    {
      stmt = get_stmt (db, STMT_INSERT_NAME, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
put_page (SfCatalogDb         *db,
          int                  page,
          SfCatalogPageState   state,
          guint                n_shows,
          gint64               now,
          GError             **error)
{
  sqlite3_stmt *stmt = get_stmt (db, STMT_PUT_PAGE, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, page);
  sqlite3_bind_int (stmt, 2, state);
  sqlite3_bind_int (stmt, 3, n_shows);
  sqlite3_bind_int64 (stmt, 4, now);
  return step_done (db, stmt, error);
}

gboolean
sf_catalog_db_store_page (SfCatalogDb  *db,
                          int           page,
                          GPtrArray    *shows,
                          GPtrArray    *json,
                          gint64        now,
                          GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = g_new (gint64, MAX (shows->len, 1));
  gint64 first = (gint64) page * SF_CATALOG_PAGE_SIZE;
  gint64 last = first + SF_CATALOG_PAGE_SIZE - 1;

  g_assert (db->writer);
  g_assert (shows->len == json->len);

  /* The page replaces what its id range held: shows deleted upstream go too. */
  if (!delete_range (db, first, last, error))
    return FALSE;

  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      gint64 id = ids[i] = sf_show_get_id (show);

      /* TVmaze keeps ids in their page and sends each once; a show that strays or comes
       * twice replaces its other copy rather than appearing twice. */
      if ((id < first || id > last || g_hash_table_contains (seen, &id)) &&
          !delete_range (db, id, id, error))
        return FALSE;
      g_hash_table_add (seen, &ids[i]);

      if (!insert_show (db, show, g_ptr_array_index (json, i), error))
        return FALSE;
    }

  return put_page (db, page, SF_CATALOG_PAGE_STORED, shows->len, now, error);
}

gboolean
sf_catalog_db_store_shows (SfCatalogDb  *db,
                           GPtrArray    *shows,
                           GPtrArray    *json,
                           GError      **error)
{
  g_assert (db->writer);
  g_assert (shows->len == json->len);

  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      gint64 id = sf_show_get_id (show);

      if (!delete_range (db, id, id, error) ||
          !insert_show (db, show, g_ptr_array_index (json, i), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
sf_catalog_db_delete_shows (SfCatalogDb  *db,
                            GArray       *ids,
                            GError      **error)
{
  g_assert (db->writer);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!delete_range (db, id, id, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
sf_catalog_db_mark_page_missing (SfCatalogDb  *db,
                                 int           page,
                                 gint64        now,
                                 GError      **error)
{
  gint64 first = (gint64) page * SF_CATALOG_PAGE_SIZE;

  g_assert (db->writer);

  return delete_range (db, first, first + SF_CATALOG_PAGE_SIZE - 1, error) &&
         put_page (db, page, SF_CATALOG_PAGE_MISSING, 0, now, error);
}

gboolean
sf_catalog_db_end_sync (SfCatalogDb  *db,
                        gboolean      complete,
                        gint64        timestamp,
                        GError      **error)
{
  g_assert (db->writer);

  if (!set_state_value (db, "complete", complete, error))
    return FALSE;

  if (!complete)
    return TRUE;

  if (!set_state_value (db, "last_sync", timestamp, error))
    return FALSE;

  /* Statistics for the query planner, now that the table has its real shape. A sample is
   * enough and keeps this short. */
  return exec (db, "PRAGMA analysis_limit = 1000; ANALYZE", error);
}

gboolean
sf_catalog_db_read_state (SfCatalogDb     *db,
                          SfCatalogState  *state,
                          GError         **error)
{
  gint64 n_shows, n_pages, last_page, max_id, last_sync, complete;

  if (!query_int (db, "SELECT count(*) FROM shows", 0, &n_shows, error) ||
      !query_int (db, "SELECT count(*) FROM pages WHERE state = 0", 0, &n_pages, error) ||
      !query_int (db, "SELECT max(page) FROM pages WHERE state = 0", -1, &last_page, error) ||
      !query_int (db, "SELECT max(id) FROM shows", 0, &max_id, error) ||
      !get_state_value (db, "last_sync", 0, &last_sync, error) ||
      !get_state_value (db, "complete", 0, &complete, error))
    return FALSE;

  state->n_shows = n_shows;
  state->n_pages = n_pages;
  state->last_page = last_page;
  state->max_id = max_id;
  state->last_sync = last_sync;
  state->complete = complete != 0;

  return TRUE;
}

void
sf_catalog_sync_info_free (SfCatalogSyncInfo *info)
{
  if (info == NULL)
    return;

  g_clear_pointer (&info->pages, g_array_unref);
  g_clear_pointer (&info->stamps, g_array_unref);
  g_free (info);
}

SfCatalogSyncInfo *
sf_catalog_db_load_sync_info (SfCatalogDb  *db,
                              GError      **error)
{
  SfCatalogSyncInfo *info = g_new0 (SfCatalogSyncInfo, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  info->pages = g_array_new (FALSE, FALSE, sizeof (SfCatalogPageInfo));
  info->stamps = g_array_new (FALSE, FALSE, sizeof (SfCatalogShowStamp));

  if (!sf_catalog_db_begin (db, error))
    goto fail;

  if (!sf_catalog_db_read_state (db, &info->state, error))
    goto fail;

  stmt = prepare (db, "SELECT page, state, n_shows FROM pages ORDER BY page", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SfCatalogPageInfo page = {
        sqlite3_column_int (stmt, 0),
        sqlite3_column_int (stmt, 1),
        sqlite3_column_int (stmt, 2),
      };

      g_array_append_val (info->pages, page);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (db, rc, "reading the pages", error);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (db, "SELECT id, updated FROM shows ORDER BY id", error);
  if (stmt == NULL)
    goto fail;
  g_array_set_size (info->stamps, info->state.n_shows);
  g_array_set_size (info->stamps, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SfCatalogShowStamp stamp = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
      };

      g_array_append_val (info->stamps, stamp);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (db, rc, "reading the shows", error);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!sf_catalog_db_commit (db, error))
    goto fail;

  return info;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sf_catalog_db_rollback (db);
  sf_catalog_sync_info_free (info);
  return NULL;
}

/* Schema and opening */

static gboolean
table_exists (SfCatalogDb  *db,
              const char   *name,
              gboolean     *out_exists,
              GError      **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT 1 FROM sqlite_master WHERE name = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (db, rc, "reading the schema", error);

  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Creates, fills or drops the title index so that it matches @allow_fts. */
static gboolean
setup_fts (SfCatalogDb  *db,
           gboolean      allow_fts,
           GError      **error)
{
  gboolean exists = FALSE;
  gint64 flag = 0;

  if (!table_exists (db, "show_names", &exists, error) ||
      !get_state_value (db, "fts", 0, &flag, error))
    return FALSE;

  if (!allow_fts)
    {
      db->use_fts = FALSE;
      if (exists && !exec (db, "DROP TABLE show_names", error))
        return FALSE;
      return set_state_value (db, "fts", 0, error);
    }

  if (exists && flag != 0)
    {
      db->use_fts = TRUE;
      return TRUE;
    }

  if (exists && !exec (db, "DROP TABLE show_names", error))
    return FALSE;

  /* SQLite built without FTS5: titles are matched with LIKE instead. */
  if (sqlite3_exec (db->db, fts_schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("Catalog: no FTS5 (%s), titles are matched with LIKE", sqlite3_errmsg (db->db));
      db->use_fts = FALSE;
      return set_state_value (db, "fts", 0, error);
    }

  db->use_fts = TRUE;
  return exec (db, "INSERT INTO show_names (rowid, name_key) SELECT id, name_key FROM shows",
               error) &&
         set_state_value (db, "fts", 1, error);
}

static gboolean
set_user_version (SfCatalogDb  *db,
                  int           version,
                  GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  return exec (db, sql, error);
}

static gboolean
create_schema (SfCatalogDb  *db,
               GError      **error)
{
  return exec (db, schema_v2, error) && set_user_version (db, SF_CATALOG_SCHEMA_VERSION, error);
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

  if (!exec (db,
             "ALTER TABLE shows RENAME TO shows_v1;"
             "ALTER TABLE pages RENAME TO pages_v1;", error) ||
      !exec (db, schema_v2, error))
    return FALSE;

  stmt = prepare (db, "SELECT id, json FROM shows_v1 ORDER BY id", error);
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

      if (!insert_show (db, show, json, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error (db, rc, "reading the old shows", error);

  if (!exec (db,
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

      if (!exec (db, sql, error))
        return FALSE;
    }

  return set_user_version (db, 2, error);
}

static void
remove_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
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
  if (!exec (db, "PRAGMA journal_mode = WAL", error) ||
      !exec (db, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8000", error) ||
      !query_int (db, "PRAGMA user_version", 0, &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_master", 0, &n_tables, error))
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
  if (!query_int (db, "SELECT count(*) FROM pages", 0, &ignored, error) ||
      !query_int (db, "SELECT max(id) FROM shows", 0, &ignored, error) ||
      !query_int (db, "SELECT count(*) FROM sync_state", 0, &ignored, error))
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
      remove_files (path);
      g_unlink (marker);
    }
  else if (rebuild)
    {
      remove_files (path);
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

  if (!exec (db, "PRAGMA query_only = 1; PRAGMA cache_size = -16000", error) ||
      !get_state_value (db, "fts", 0, &fts, error))
    {
      sf_catalog_db_close (db);
      return NULL;
    }

  db->use_fts = fts != 0;
  return db;
}

/* Queries */

typedef struct
{
  GString   *sql;
  GPtrArray *texts;   /* owned strings, bound in order with the other values */
  GArray    *binds;   /* Bind */
} Query;

typedef enum
{
  BIND_TEXT,
  BIND_INT,
  BIND_DOUBLE,
} BindType;

typedef struct
{
  BindType type;
  guint    text;    /* index into texts */
  gint64   i;
  double   d;
} Bind;

static void
query_init (Query      *q,
            const char *select)
{
  q->sql = g_string_new (select);
  q->texts = g_ptr_array_new_with_free_func (g_free);
  q->binds = g_array_new (FALSE, FALSE, sizeof (Bind));
}

static void
query_clear (Query *q)
{
  g_string_free (q->sql, TRUE);
  g_ptr_array_unref (q->texts);
  g_array_unref (q->binds);
}

static void
bind_text (Query      *q,
           const char *text)
{
  Bind bind = { BIND_TEXT, q->texts->len, 0, 0.0 };

  g_ptr_array_add (q->texts, g_strdup (text));
  g_array_append_val (q->binds, bind);
}

static void
bind_int (Query  *q,
          gint64  value)
{
  Bind bind = { BIND_INT, 0, value, 0.0 };

  g_array_append_val (q->binds, bind);
}

static void
bind_double (Query  *q,
             double  value)
{
  Bind bind = { BIND_DOUBLE, 0, 0, value };

  g_array_append_val (q->binds, bind);
}

/* " AND column IN (?, ?, ...)" */
static void
append_in (Query              *q,
           const char         *prefix,
           const char * const *values)
{
  g_string_append (q->sql, prefix);
  g_string_append (q->sql, " IN (");
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_string_append (q->sql, i > 0 ? ", ?" : "?");
      bind_text (q, values[i]);
    }
  g_string_append_c (q->sql, ')');
}

static void
append_range (Query      *q,
              const char *column,
              int         from,
              int         to)
{
  if (from > 0)
    {
      g_string_append_printf (q->sql, " AND %s >= ?", column);
      bind_int (q, from);
    }
  if (to > 0)
    {
      g_string_append_printf (q->sql, " AND %s <= ?", column);
      bind_int (q, to);
    }
}

/* The WHERE clause of @criteria over `shows s`, leaving @skip out (-1: nothing).
 * Returns FALSE when nothing filters. */
static gboolean
append_where (Query            *q,
              gboolean          use_fts,
              const SfCriteria *criteria,
              int               skip)
{
  const char * const *values;
  gsize start;
  int from, to;

  g_string_append (q->sql, " WHERE 1");
  start = q->sql->len;

  if (skip != SF_CRITERION_TEXT && sf_criteria_is_set (criteria, SF_CRITERION_TEXT))
    {
      g_autofree char *key = sf_criteria_normalize_text (sf_criteria_get_text (criteria));
      g_auto(GStrv) tokens = g_strsplit (key, " ", -1);

      if (use_fts)
        {
          g_autoptr(GString) match = g_string_new (NULL);

          /* Each word as a quoted prefix; words hold no quote (letters and digits only). */
          for (guint i = 0; tokens[i] != NULL; i++)
            g_string_append_printf (match, "%s\"%s\"*", i > 0 ? " " : "", tokens[i]);

          g_string_append (q->sql,
                           " AND s.id IN (SELECT rowid FROM show_names WHERE show_names MATCH ?)");
          bind_text (q, match->str);
        }
      else
        {
          for (guint i = 0; tokens[i] != NULL; i++)
            {
              g_autofree char *pattern = g_strdup_printf ("%% %s%%", tokens[i]);

              g_string_append (q->sql, " AND (' ' || s.name_key) LIKE ?");
              bind_text (q, pattern);
            }
        }
    }

  if (skip != SF_CRITERION_GENRES_ALL)
    {
      values = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_ALL);
      for (guint i = 0; values[i] != NULL; i++)
        {
          g_string_append (q->sql,
                           " AND s.id IN (SELECT show_id FROM show_genres WHERE genre = ?)");
          bind_text (q, values[i]);
        }
    }

  values = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_ANY);
  if (skip != SF_CRITERION_GENRES_ANY && values[0] != NULL)
    {
      append_in (q, " AND s.id IN (SELECT show_id FROM show_genres WHERE genre", values);
      g_string_append_c (q->sql, ')');
    }

  values = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_EXCLUDE);
  if (skip != SF_CRITERION_GENRES_EXCLUDE && values[0] != NULL)
    {
      append_in (q, " AND s.id NOT IN (SELECT show_id FROM show_genres WHERE genre", values);
      g_string_append_c (q->sql, ')');
    }

  values = sf_criteria_get_values (criteria, SF_CRITERION_STATUS);
  if (skip != SF_CRITERION_STATUS && values[0] != NULL)
    append_in (q, " AND s.status", values);

  values = sf_criteria_get_values (criteria, SF_CRITERION_TYPE);
  if (skip != SF_CRITERION_TYPE && values[0] != NULL)
    append_in (q, " AND s.type", values);

  values = sf_criteria_get_values (criteria, SF_CRITERION_LANGUAGE);
  if (skip != SF_CRITERION_LANGUAGE && values[0] != NULL)
    append_in (q, " AND s.language", values);

  values = sf_criteria_get_values (criteria, SF_CRITERION_CHANNEL);
  if (skip != SF_CRITERION_CHANNEL && values[0] != NULL)
    {
      append_in (q, " AND (s.network", values);
      append_in (q, " OR s.web_channel", values);
      g_string_append_c (q->sql, ')');
    }

  values = sf_criteria_get_values (criteria, SF_CRITERION_COUNTRY);
  if (skip != SF_CRITERION_COUNTRY && values[0] != NULL)
    append_in (q, " AND s.country", values);

  if (skip != SF_CRITERION_YEAR)
    {
      sf_criteria_get_year_range (criteria, &from, &to);
      append_range (q, "s.year", from, to);
    }

  if (skip != SF_CRITERION_RUNTIME)
    {
      sf_criteria_get_runtime_range (criteria, &from, &to);
      append_range (q, "s.runtime", from, to);
    }

  if (skip != SF_CRITERION_RATING && sf_criteria_is_set (criteria, SF_CRITERION_RATING))
    {
      g_string_append (q->sql, " AND s.rating >= ?");
      bind_double (q, sf_criteria_get_min_rating (criteria));
    }

  return q->sql->len > start;
}

/* sf_criteria_compare() in SQL. */
static void
append_order (Query            *q,
              const SfCriteria *criteria)
{
  switch (sf_criteria_get_sort (criteria))
    {
    case SF_SORT_RELEVANCE:
      g_string_append (q->sql, " ORDER BY ");
      if (sf_criteria_is_set (criteria, SF_CRITERION_TEXT))
        {
          g_autofree char *key = sf_criteria_normalize_text (sf_criteria_get_text (criteria));

          g_string_append (q->sql, "CASE WHEN s.name_key = ? THEN 2"
                                   " WHEN instr(s.name_key, ?) = 1 THEN 1 ELSE 0 END DESC, ");
          bind_text (q, key);
          bind_text (q, key);
        }
      g_string_append (q->sql, "s.weight DESC, s.id");
      break;

    case SF_SORT_RATING:
      g_string_append (q->sql, " ORDER BY s.rating DESC, s.id");
      break;

    case SF_SORT_POPULARITY:
      g_string_append (q->sql, " ORDER BY s.weight DESC, s.id");
      break;

    case SF_SORT_NEWEST:
      g_string_append (q->sql, " ORDER BY s.premiered DESC, s.id");
      break;

    case SF_SORT_NAME:
      g_string_append (q->sql, " ORDER BY s.name_key, s.name, s.id");
      break;

    default:
      g_assert_not_reached ();
    }
}

static sqlite3_stmt *
query_prepare (SfCatalogDb  *db,
               Query        *q,
               GError      **error)
{
  sqlite3_stmt *stmt = prepare (db, q->sql->str, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < q->binds->len; i++)
    {
      const Bind *bind = &g_array_index (q->binds, Bind, i);

      switch (bind->type)
        {
        case BIND_TEXT:
          /* copied: the query text and values go before the statement runs */
          sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (q->texts, bind->text), -1,
                             SQLITE_TRANSIENT);
          break;
        case BIND_INT:
          sqlite3_bind_int64 (stmt, i + 1, bind->i);
          break;
        case BIND_DOUBLE:
          sqlite3_bind_double (stmt, i + 1, bind->d);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return stmt;
}

static gboolean
count_matches (SfCatalogDb      *db,
               const SfCriteria *criteria,
               guint            *out_count,
               GError          **error)
{
  Query q;
  sqlite3_stmt *stmt;
  int rc;

  query_init (&q, "SELECT count(*) FROM shows s");
  append_where (&q, db->use_fts, criteria, -1);
  stmt = query_prepare (db, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error (db, rc, "counting shows", error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *out_count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

GPtrArray *
sf_catalog_db_query (SfCatalogDb       *db,
                     const SfCriteria  *criteria,
                     guint              offset,
                     guint              limit,
                     GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) shows = NULL;
  sqlite3_stmt *stmt;
  Query q;
  int rc;

  /* Ids first, sorted and cut in the database; the JSON only for the rows returned. One
   * read transaction, so both see the same catalog. */
  query_init (&q, "SELECT s.id FROM shows s");
  append_where (&q, db->use_fts, criteria, -1);
  append_order (&q, criteria);
  g_string_append (q.sql, " LIMIT ? OFFSET ?");
  bind_int (&q, limit > 0 ? (gint64) limit : -1);
  bind_int (&q, offset);

  if (!sf_catalog_db_begin (db, error))
    {
      query_clear (&q);
      return NULL;
    }

  stmt = query_prepare (db, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    goto fail;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (db, rc, "querying shows", error);
      goto fail;
    }

  shows = g_ptr_array_new_full (ids->len, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      SfShow *show;

      stmt = get_stmt (db, STMT_SELECT_JSON, error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          set_error (db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "reading a show", error);
          sqlite3_reset (stmt);
          goto fail;
        }

      /* It was parsed before it was stored, so it parses again. */
      show = sf_show_parse ((const char *) sqlite3_column_text (stmt, 0),
                            sqlite3_column_bytes (stmt, 0), NULL);
      sqlite3_reset (stmt);
      if (show != NULL)
        g_ptr_array_add (shows, show);

      if (i % 64 == 63 && g_cancellable_set_error_if_cancelled (db->cancellable, error))
        goto fail;
    }

  if (!sf_catalog_db_commit (db, error))
    goto fail;

  return g_steal_pointer (&shows);

fail:
  sf_catalog_db_rollback (db);
  return NULL;
}

gboolean
sf_catalog_db_count (SfCatalogDb       *db,
                     const SfCriteria  *criteria,
                     guint             *count,
                     GError           **error)
{
  return count_matches (db, criteria, count, error);
}

static gboolean count_facet (SfCatalogDb       *db,
                             const SfCriteria  *criteria,
                             SfCriterion        criterion,
                             gboolean           with_excluded,
                             GPtrArray         *counts,
                             GError           **error);

/* The grouped count cannot see an excluded genre (its shows are filtered out); each one
 * counts what its exclusion hides, as sf_criteria_copy_for_facet() defines: the grouped
 * count of those criteria, whose row for that genre also names it by its smallest spelling.
 * A person excludes a few genres, so one query each is cheap. */
static gboolean
count_excluded_genres (SfCatalogDb       *db,
                       const SfCriteria  *criteria,
                       GPtrArray         *counts,
                       GError           **error)
{
  const char * const *excluded = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_EXCLUDE);

  for (guint i = 0; excluded != NULL && excluded[i] != NULL; i++)
    {
      g_autoptr(SfCriteria) facet = NULL;
      g_autoptr(GPtrArray) genres = NULL;

      facet = sf_criteria_copy_for_facet (criteria, SF_CRITERION_GENRES_ALL, excluded[i]);
      genres = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_facet_count_free);
      if (!count_facet (db, facet, SF_CRITERION_GENRES_ALL, FALSE, genres, error))
        return FALSE;

      for (guint j = 0; j < genres->len; j++)
        {
          SfFacetCount *count = g_ptr_array_index (genres, j);

          if (g_ascii_strcasecmp (count->value, excluded[i]) == 0)
            {
              g_ptr_array_add (counts, g_ptr_array_steal_index_fast (genres, j));
              break;
            }
        }
    }

  return TRUE;
}

static gboolean
count_facet (SfCatalogDb       *db,
             const SfCriteria  *criteria,
             SfCriterion        criterion,
             gboolean           with_excluded,
             GPtrArray         *counts,
             GError           **error)
{
  static const char * const columns[SF_N_CRITERIA] = {
    [SF_CRITERION_STATUS] = "s.status",
    [SF_CRITERION_TYPE] = "s.type",
    [SF_CRITERION_LANGUAGE] = "s.language",
  };
  sqlite3_stmt *stmt;
  Query q;
  int rc;

  if (criterion == SF_CRITERION_GENRES_ALL)
    {
      /* Without the "any of" genres, plus this one (sf_criteria_copy_for_facet()). With
       * nothing else to filter, the genre index alone answers, 6 times faster. */
      query_init (&q, "SELECT min(g.genre COLLATE BINARY), count(*)"
                      " FROM show_genres g JOIN shows s ON s.id = g.show_id");
      if (!append_where (&q, db->use_fts, criteria, SF_CRITERION_GENRES_ANY))
        {
          query_clear (&q);
          query_init (&q, "SELECT min(g.genre COLLATE BINARY), count(*) FROM show_genres g");
        }
      g_string_append (q.sql, " GROUP BY g.genre");
    }
  else
    {
      const char *column = columns[criterion];

      /* The same values differing in case group together; the smallest spelling names them. */
      query_init (&q, NULL);
      g_string_append_printf (q.sql, "SELECT min(%s COLLATE BINARY), count(*) FROM shows s",
                              column);
      append_where (&q, db->use_fts, criteria, criterion);
      g_string_append_printf (q.sql, " AND %s IS NOT NULL GROUP BY %s", column, column);
    }

  stmt = query_prepare (db, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SfFacetCount *count = g_new0 (SfFacetCount, 1);

      count->criterion = criterion;
      count->value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error (db, rc, "counting facets", error);

  if (criterion == SF_CRITERION_GENRES_ALL && with_excluded &&
      !count_excluded_genres (db, criteria, counts, error))
    return FALSE;

  return TRUE;
}

static int
compare_facets (gconstpointer a,
                gconstpointer b)
{
  const SfFacetCount *fa = *(SfFacetCount * const *) a;
  const SfFacetCount *fb = *(SfFacetCount * const *) b;

  if (fa->criterion != fb->criterion)
    return fa->criterion < fb->criterion ? -1 : 1;
  if (fa->count != fb->count)
    return fa->count > fb->count ? -1 : 1;
  return strcmp (fa->value, fb->value);
}

GPtrArray *
sf_catalog_db_count_facets (SfCatalogDb       *db,
                            const SfCriteria  *criteria,
                            GError           **error)
{
  static const SfCriterion facets[] = {
    SF_CRITERION_GENRES_ALL, SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE,
  };
  g_autoptr(GPtrArray) counts = NULL;

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_facet_count_free);
  if (!sf_catalog_db_begin (db, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (facets); i++)
    {
      if (!count_facet (db, criteria, facets[i], TRUE, counts, error))
        {
          sf_catalog_db_rollback (db);
          return NULL;
        }
    }

  if (!sf_catalog_db_commit (db, error))
    {
      sf_catalog_db_rollback (db);
      return NULL;
    }

  g_ptr_array_sort (counts, compare_facets);
  return g_steal_pointer (&counts);
}

static int
compare_relax (gconstpointer a,
               gconstpointer b)
{
  const SfRelaxCount *ra = a;
  const SfRelaxCount *rb = b;

  if (ra->count != rb->count)
    return ra->count > rb->count ? -1 : 1;
  return (int) ra->criterion - (int) rb->criterion;
}

GArray *
sf_catalog_db_count_relaxed (SfCatalogDb       *db,
                             const SfCriteria  *criteria,
                             GError           **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (SfRelaxCount));

  if (!sf_catalog_db_begin (db, error))
    return NULL;

  for (guint i = 0; i < SF_N_CRITERIA; i++)
    {
      g_autoptr(SfCriteria) relaxed = NULL;
      SfRelaxCount count = { i, 0 };

      if (!sf_criteria_is_set (criteria, i))
        continue;

      relaxed = sf_criteria_copy (criteria);
      sf_criteria_clear (relaxed, i);
      if (!count_matches (db, relaxed, &count.count, error))
        {
          sf_catalog_db_rollback (db);
          return NULL;
        }
      g_array_append_val (counts, count);
    }

  if (!sf_catalog_db_commit (db, error))
    {
      sf_catalog_db_rollback (db);
      return NULL;
    }

  g_array_sort (counts, compare_relax);
  return g_steal_pointer (&counts);
}

GStrv
sf_catalog_db_complete_channel (SfCatalogDb  *db,
                                const char   *prefix,
                                guint         limit,
                                GError      **error)
{
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  for (const char *p = prefix; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  /* A channel's shows under either role count for it; ASCII case is folded as everywhere. */
  stmt = prepare (db,
                  "SELECT min(name COLLATE BINARY), count(*) AS n FROM ("
                  "  SELECT network AS name FROM shows WHERE network LIKE ?1 ESCAPE '\\'"
                  "  UNION ALL"
                  "  SELECT web_channel FROM shows WHERE web_channel LIKE ?1 ESCAPE '\\')"
                  " GROUP BY name ORDER BY n DESC, 1 LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, pattern->str, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (db, rc, "completing a channel name", error);
      return NULL;
    }

  return g_strv_builder_end (names);
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const SfCountryCount *ca = *(SfCountryCount * const *) a;
  const SfCountryCount *cb = *(SfCountryCount * const *) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return strcmp (ca->code, cb->code);
}

GPtrArray *
sf_catalog_db_list_countries (SfCatalogDb  *db,
                              GError      **error)
{
  g_autoptr(GPtrArray) countries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* The grouping reads the country index alone; only one JSON per country is read, the
   * lowest id's, and parsed as when it was stored, so that its name goes with the code the
   * `country` column holds (the web channel's country, else the network's). */
  stmt = prepare (db,
                  "SELECT c.code, c.n, j.json FROM ("
                  "  SELECT min(country COLLATE BINARY) AS code, count(*) AS n, min(id) AS first"
                  "  FROM shows WHERE country IS NOT NULL GROUP BY country) c"
                  " LEFT JOIN show_json j ON j.id = c.first", error);
  if (stmt == NULL)
    return NULL;

  countries = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_country_count_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SfCountryCount *country = g_new0 (SfCountryCount, 1);
      const char *json = (const char *) sqlite3_column_text (stmt, 2);

      country->code = g_ascii_strup ((const char *) sqlite3_column_text (stmt, 0), -1);
      country->count = sqlite3_column_int64 (stmt, 1);
      if (json != NULL)
        {
          g_autoptr(SfShow) show = sf_show_parse (json, sqlite3_column_bytes (stmt, 2), NULL);

          if (show != NULL)
            country->name = g_strdup (sf_show_get_country_name (show));
        }
      g_ptr_array_add (countries, country);

      if (countries->len % 64 == 0 &&
          g_cancellable_set_error_if_cancelled (db->cancellable, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (db, rc, "listing the countries", error);
      return NULL;
    }

  g_ptr_array_sort (countries, compare_countries);
  return g_steal_pointer (&countries);
}
