/* sf-catalog-store.c: the catalog's writes (pages and shows stored, deleted) and the state
 * a sync resumes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-catalog-db-private.h"

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

      stmt = sf_catalog_db_stmt (db, deletes[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, first);
      sqlite3_bind_int64 (stmt, 2, last);
      if (!sf_sqlite_step_done (db->sql, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Adds a show that is not in the catalog (its id was just deleted). */
gboolean
sf_catalog_db_insert_show (SfCatalogDb  *db,
                           SfShow       *show,
                           const char   *json,
                           GError      **error)
{
  const char * const *genres = sf_show_get_genres (show);
  const char *key = sf_criteria_get_show_key (show);
  gint64 id = sf_show_get_id (show);
  sqlite3_stmt *stmt;

  stmt = sf_catalog_db_stmt (db, STMT_INSERT_SHOW, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, sf_show_get_name (show), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sf_sqlite_bind_text_or_null (stmt, 4, sf_show_get_show_type (show));
  sf_sqlite_bind_text_or_null (stmt, 5, sf_show_get_language (show));
  sf_sqlite_bind_text_or_null (stmt, 6, sf_show_get_status (show));
  sf_sqlite_bind_text_or_null (stmt, 7, sf_show_get_network_name (show));
  sf_sqlite_bind_text_or_null (stmt, 8, sf_show_get_web_channel_name (show));
  sf_sqlite_bind_text_or_null (stmt, 9, sf_show_get_country_code (show));
  sf_sqlite_bind_text_or_null (stmt, 10, sf_show_get_premiered (show));
  if (sf_show_get_premiere_year (show) > 0)
    sqlite3_bind_int (stmt, 11, sf_show_get_premiere_year (show));
  if (sf_show_get_runtime (show) > 0)
    sqlite3_bind_int (stmt, 12, sf_show_get_runtime (show));
  if (sf_show_has_rating (show))
    sqlite3_bind_double (stmt, 13, sf_show_get_rating (show));
  if (sf_show_get_weight (show) >= 0)
    sqlite3_bind_int (stmt, 14, sf_show_get_weight (show));
  sqlite3_bind_int64 (stmt, 15, sf_show_get_updated (show));
  if (!sf_sqlite_step_done (db->sql, stmt, error))
    return FALSE;

  stmt = sf_catalog_db_stmt (db, STMT_INSERT_JSON, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  if (!sf_sqlite_step_done (db->sql, stmt, error))
    return FALSE;

  for (guint i = 0; genres[i] != NULL; i++)
    {
      stmt = sf_catalog_db_stmt (db, STMT_INSERT_GENRE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, genres[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!sf_sqlite_step_done (db->sql, stmt, error))
        return FALSE;
    }

  if (db->use_fts)
    {
      stmt = sf_catalog_db_stmt (db, STMT_INSERT_NAME, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      if (!sf_sqlite_step_done (db->sql, stmt, error))
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
  sqlite3_stmt *stmt = sf_catalog_db_stmt (db, STMT_PUT_PAGE, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, page);
  sqlite3_bind_int (stmt, 2, state);
  sqlite3_bind_int (stmt, 3, n_shows);
  sqlite3_bind_int64 (stmt, 4, now);
  return sf_sqlite_step_done (db->sql, stmt, error);
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

  g_assert (sf_sqlite_is_writer (db->sql));
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

      if (!sf_catalog_db_insert_show (db, show, g_ptr_array_index (json, i), error))
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
  g_assert (sf_sqlite_is_writer (db->sql));
  g_assert (shows->len == json->len);

  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      gint64 id = sf_show_get_id (show);

      if (!delete_range (db, id, id, error) ||
          !sf_catalog_db_insert_show (db, show, g_ptr_array_index (json, i), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
sf_catalog_db_delete_shows (SfCatalogDb  *db,
                            GArray       *ids,
                            GError      **error)
{
  g_assert (sf_sqlite_is_writer (db->sql));

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

  g_assert (sf_sqlite_is_writer (db->sql));

  return delete_range (db, first, first + SF_CATALOG_PAGE_SIZE - 1, error) &&
         put_page (db, page, SF_CATALOG_PAGE_MISSING, 0, now, error);
}

gboolean
sf_catalog_db_end_sync (SfCatalogDb  *db,
                        gboolean      complete,
                        gint64        timestamp,
                        GError      **error)
{
  g_assert (sf_sqlite_is_writer (db->sql));

  if (!sf_catalog_db_set_state_value (db, "complete", complete, error))
    return FALSE;

  if (!complete)
    return TRUE;

  if (!sf_catalog_db_set_state_value (db, "last_sync", timestamp, error))
    return FALSE;

  /* Statistics for the query planner, now that the table has its real shape. A sample is
   * enough and keeps this short. */
  return sf_sqlite_exec (db->sql, "PRAGMA analysis_limit = 1000; ANALYZE", error);
}

gboolean
sf_catalog_db_read_state (SfCatalogDb     *db,
                          SfCatalogState  *state,
                          GError         **error)
{
  gint64 n_shows, n_pages, last_page, max_id, last_sync, complete;

  if (!sf_sqlite_query_int (db->sql, "SELECT count(*) FROM shows", 0, &n_shows, error) ||
      !sf_sqlite_query_int (db->sql, "SELECT count(*) FROM pages WHERE state = 0", 0, &n_pages,
                            error) ||
      !sf_sqlite_query_int (db->sql, "SELECT max(page) FROM pages WHERE state = 0", -1, &last_page,
                            error) ||
      !sf_sqlite_query_int (db->sql, "SELECT max(id) FROM shows", 0, &max_id, error) ||
      !sf_catalog_db_get_state_value (db, "last_sync", 0, &last_sync, error) ||
      !sf_catalog_db_get_state_value (db, "complete", 0, &complete, error))
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

  stmt = sf_sqlite_prepare (db->sql, "SELECT page, state, n_shows FROM pages ORDER BY page", error);
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
      sf_sqlite_set_error (db->sql, rc, "reading the pages", error);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = sf_sqlite_prepare (db->sql, "SELECT id, updated FROM shows ORDER BY id", error);
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
      sf_sqlite_set_error (db->sql, rc, "reading the shows", error);
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
