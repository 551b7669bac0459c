/* sf-catalog-query.c: criteria to SQL, the query and count of matching shows, and channel
 * completion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-catalog-query.h"


void
sf_catalog_query_init (SfCatalogQuery *q,
                       const char     *select)
{
  q->sql = g_string_new (select);
  q->texts = g_ptr_array_new_with_free_func (g_free);
  q->binds = g_array_new (FALSE, FALSE, sizeof (Bind));
}

void
sf_catalog_query_clear (SfCatalogQuery *q)
{
  g_string_free (q->sql, TRUE);
  g_ptr_array_unref (q->texts);
  g_array_unref (q->binds);
}

void
sf_catalog_query_bind_text (SfCatalogQuery *q,
                            const char     *text)
{
  Bind bind = { BIND_TEXT, q->texts->len, 0, 0.0 };

  g_ptr_array_add (q->texts, g_strdup (text));
  g_array_append_val (q->binds, bind);
}

void
sf_catalog_query_bind_int (SfCatalogQuery *q,
                           gint64          value)
{
  Bind bind = { BIND_INT, 0, value, 0.0 };

  g_array_append_val (q->binds, bind);
}

void
sf_catalog_query_bind_double (SfCatalogQuery *q,
                              double          value)
{
  Bind bind = { BIND_DOUBLE, 0, 0, value };

  g_array_append_val (q->binds, bind);
}

/* " AND column IN (?, ?, ...)" */
static void
append_in (SfCatalogQuery     *q,
           const char         *prefix,
           const char * const *values)
{
  g_string_append (q->sql, prefix);
  g_string_append (q->sql, " IN (");
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_string_append (q->sql, i > 0 ? ", ?" : "?");
      sf_catalog_query_bind_text (q, values[i]);
    }
  g_string_append_c (q->sql, ')');
}

static void
append_range (SfCatalogQuery *q,
              const char     *column,
              int             from,
              int             to)
{
  if (from > 0)
    {
      g_string_append_printf (q->sql, " AND %s >= ?", column);
      sf_catalog_query_bind_int (q, from);
    }
  if (to > 0)
    {
      g_string_append_printf (q->sql, " AND %s <= ?", column);
      sf_catalog_query_bind_int (q, to);
    }
}

/* The WHERE clause of @criteria over `shows s`, leaving @skip out (-1: nothing).
 * Returns FALSE when nothing filters. */
gboolean
sf_catalog_query_append_where (SfCatalogQuery   *q,
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
          sf_catalog_query_bind_text (q, match->str);
        }
      else
        {
          for (guint i = 0; tokens[i] != NULL; i++)
            {
              g_autofree char *pattern = g_strdup_printf ("%% %s%%", tokens[i]);

              g_string_append (q->sql, " AND (' ' || s.name_key) LIKE ?");
              sf_catalog_query_bind_text (q, pattern);
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
          sf_catalog_query_bind_text (q, values[i]);
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
      sf_catalog_query_bind_double (q, sf_criteria_get_min_rating (criteria));
    }

  /* With a person: their series only. The ids are integers written by us, so they go into
   * the text (a person with thousands of credits would pass SQLite's bind limit). */
  if (sf_criteria_get_person_id (criteria) > 0)
    {
      guint n;
      const gint64 *ids = sf_criteria_get_person_show_ids (criteria, &n);

      if (n == 0)
        g_string_append (q->sql, " AND 0");
      else
        {
          g_string_append (q->sql, " AND s.id IN (");
          for (guint i = 0; i < n; i++)
            g_string_append_printf (q->sql, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
          g_string_append_c (q->sql, ')');
        }
    }

  return q->sql->len > start;
}

/* sf_criteria_compare() in SQL. */
static void
append_order (SfCatalogQuery   *q,
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
          sf_catalog_query_bind_text (q, key);
          sf_catalog_query_bind_text (q, key);
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

sqlite3_stmt *
sf_catalog_query_prepare (SfCatalogDb     *db,
                          SfCatalogQuery  *q,
                          GError         **error)
{
  sqlite3_stmt *stmt = sf_sqlite_prepare (db->sql, q->sql->str, error);

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

gboolean
sf_catalog_db_count_matches (SfCatalogDb       *db,
                             const SfCriteria  *criteria,
                             guint             *out_count,
                             GError           **error)
{
  SfCatalogQuery q;
  sqlite3_stmt *stmt;
  int rc;

  sf_catalog_query_init (&q, "SELECT count(*) FROM shows s");
  sf_catalog_query_append_where (&q, db->use_fts, criteria, -1);
  stmt = sf_catalog_query_prepare (db, &q, error);
  sf_catalog_query_clear (&q);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sf_sqlite_set_error (db->sql, rc, "counting shows", error);
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
  SfCatalogQuery q;
  int rc;

  /* Ids first, sorted and cut in the database; the JSON only for the rows returned. One
   * read transaction, so both see the same catalog. */
  sf_catalog_query_init (&q, "SELECT s.id FROM shows s");
  sf_catalog_query_append_where (&q, db->use_fts, criteria, -1);
  append_order (&q, criteria);
  g_string_append (q.sql, " LIMIT ? OFFSET ?");
  sf_catalog_query_bind_int (&q, limit > 0 ? (gint64) limit : -1);
  sf_catalog_query_bind_int (&q, offset);

  if (!sf_catalog_db_begin (db, error))
    {
      sf_catalog_query_clear (&q);
      return NULL;
    }

  stmt = sf_catalog_query_prepare (db, &q, error);
  sf_catalog_query_clear (&q);
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
      sf_sqlite_set_error (db->sql, rc, "querying shows", error);
      goto fail;
    }

  shows = g_ptr_array_new_full (ids->len, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      SfShow *show;

      stmt = sf_catalog_db_stmt (db, STMT_SELECT_JSON, error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sf_sqlite_set_error (db->sql, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "reading a show",
                               error);
          sqlite3_reset (stmt);
          goto fail;
        }

      /* It was parsed before it was stored, so it parses again. */
      show = sf_show_parse ((const char *) sqlite3_column_text (stmt, 0),
                            sqlite3_column_bytes (stmt, 0), NULL);
      sqlite3_reset (stmt);
      if (show != NULL)
        g_ptr_array_add (shows, show);

      if (i % 64 == 63 &&
          g_cancellable_set_error_if_cancelled (sf_sqlite_get_cancellable (db->sql), error))
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
  return sf_catalog_db_count_matches (db, criteria, count, error);
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
  stmt = sf_sqlite_prepare (db->sql,
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
      sf_sqlite_set_error (db->sql, rc, "completing a channel name", error);
      return NULL;
    }

  return g_strv_builder_end (names);
}


GPtrArray *
sf_catalog_db_load_shows (SfCatalogDb  *db,
                          GError      **error)
{
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!sf_catalog_db_begin (db, error))
    return NULL;

  stmt = sf_sqlite_prepare (db->sql, "SELECT json FROM show_json ORDER BY id", error);
  if (stmt == NULL)
    goto fail;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* It was parsed before it was stored, so it parses again. */
      SfShow *show = sf_show_parse ((const char *) sqlite3_column_text (stmt, 0),
                                    sqlite3_column_bytes (stmt, 0), NULL);

      if (show != NULL)
        g_ptr_array_add (shows, show);

      if (shows->len % 256 == 0 &&
          g_cancellable_set_error_if_cancelled (sf_sqlite_get_cancellable (db->sql), error))
        {
          sqlite3_finalize (stmt);
          goto fail;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sf_sqlite_set_error (db->sql, rc, "loading the shows", error);
      goto fail;
    }

  if (!sf_catalog_db_commit (db, error))
    goto fail;

  return g_steal_pointer (&shows);

fail:
  sf_catalog_db_rollback (db);
  return NULL;
}
