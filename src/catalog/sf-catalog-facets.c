/* sf-catalog-facets.c: the counts beside the results (genres, status, type, language),
 * what each criterion costs, and the countries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-catalog-query.h"

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
    [SF_CRITERION_COUNTRY] = "s.country",
  };
  sqlite3_stmt *stmt;
  SfCatalogQuery q;
  int rc;

  if (criterion == SF_CRITERION_CHANNEL)
    {
      /* A show counts once for a channel it has under either role; ASCII case folds as in
       * the columns' collation. */
      sf_catalog_query_init (&q, "SELECT min(c.name COLLATE BINARY), count(DISTINCT c.id) FROM ("
                                 " SELECT s.id AS id, s.network AS name FROM shows s");
      sf_catalog_query_append_where (&q, db->use_fts, criteria, criterion);
      g_string_append (q.sql, " AND s.network IS NOT NULL UNION ALL"
                              " SELECT s.id, s.web_channel FROM shows s");
      sf_catalog_query_append_where (&q, db->use_fts, criteria, criterion);
      g_string_append (q.sql, " AND s.web_channel IS NOT NULL) c"
                              " GROUP BY c.name COLLATE NOCASE");
    }
  else if (criterion == SF_CRITERION_GENRES_ALL)
    {
      /* Without the "any of" genres, plus this one (sf_criteria_copy_for_facet()). With
       * nothing else to filter, the genre index alone answers, 6 times faster. */
      sf_catalog_query_init (&q, "SELECT min(g.genre COLLATE BINARY), count(*)"
                      " FROM show_genres g JOIN shows s ON s.id = g.show_id");
      if (!sf_catalog_query_append_where (&q, db->use_fts, criteria, SF_CRITERION_GENRES_ANY))
        {
          sf_catalog_query_clear (&q);
          sf_catalog_query_init (&q,
                                 "SELECT min(g.genre COLLATE BINARY), count(*) FROM show_genres g");
        }
      g_string_append (q.sql, " GROUP BY g.genre");
    }
  else
    {
      const char *column = columns[criterion];

      /* The same values differing in case group together; the smallest spelling names them. */
      sf_catalog_query_init (&q, NULL);
      g_string_append_printf (q.sql, "SELECT min(%s COLLATE BINARY), count(*) FROM shows s",
                              column);
      sf_catalog_query_append_where (&q, db->use_fts, criteria, criterion);
      g_string_append_printf (q.sql, " AND %s IS NOT NULL GROUP BY %s", column, column);
    }

  stmt = sf_catalog_query_prepare (db, &q, error);
  sf_catalog_query_clear (&q);
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
    return sf_sqlite_set_error (db->sql, rc, "counting facets", error);

  if (criterion == SF_CRITERION_GENRES_ALL && with_excluded &&
      !count_excluded_genres (db, criteria, counts, error))
    return FALSE;

  return TRUE;
}

GPtrArray *
sf_catalog_db_count_facets (SfCatalogDb       *db,
                            const SfCriteria  *criteria,
                            gboolean           all,
                            guint             *total,
                            GError           **error)
{
  static const SfCriterion facets[] = {
    SF_CRITERION_GENRES_ALL, SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE,
    SF_CRITERION_CHANNEL, SF_CRITERION_COUNTRY,
  };
  g_autoptr(GPtrArray) counts = NULL;

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_facet_count_free);
  if (!sf_catalog_db_begin (db, error))
    return NULL;

  /* The total in the same transaction: counts and total answer the same catalog. */
  if (total != NULL && !sf_catalog_db_count_matches (db, criteria, total, error))
    {
      sf_catalog_db_rollback (db);
      return NULL;
    }

  for (guint i = 0; i < (all ? G_N_ELEMENTS (facets) : 4); i++)
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

  g_ptr_array_sort (counts, sf_facet_count_compare);
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
      if (!sf_catalog_db_count_matches (db, relaxed, &count.count, error))
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
  stmt = sf_sqlite_prepare (db->sql,
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
          g_cancellable_set_error_if_cancelled (sf_sqlite_get_cancellable (db->sql), error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sf_sqlite_set_error (db->sql, rc, "listing the countries", error);
      return NULL;
    }

  g_ptr_array_sort (countries, compare_countries);
  return g_steal_pointer (&countries);
}

int
sf_facet_count_compare (gconstpointer a,
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

void
sf_facet_count_free (SfFacetCount *count)
{
  if (count == NULL)
    return;

  g_free (count->value);
  g_free (count);
}

void
sf_country_count_free (SfCountryCount *count)
{
  if (count == NULL)
    return;

  g_free (count->code);
  g_free (count->name);
  g_free (count);
}
