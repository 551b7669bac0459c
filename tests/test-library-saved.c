/* Saved searches in the watchlist's database: saving, refusals, renaming, deleting, seen and
 * announced ids, and a version-1 file brought up to date with its watchlist intact. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "sf-library-error.h"
#include "sf-library-saved.h"
#include "sf-test-kit.h"

#define WAIT_MS 10000

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sf_test_make_temp_dir ("test-library-saved-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sf_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static SfLibrary *
open_library (const char *path)
{
  g_autoptr(SfLibrary) library = sf_library_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_open_async (library, NULL, sf_test_result_cb, &result);
  sf_library_open_finish (library, sf_test_wait_for_result (&result, WAIT_MS, "open"), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&library);
}

static void
close_library (SfLibrary *library)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_close_async (library, NULL, sf_test_result_cb, &result);
  sf_library_close_finish (library, sf_test_wait_for_result (&result, WAIT_MS, "close"), &error);
  g_assert_no_error (error);
  g_object_unref (library);
}

static GArray *
ids_of (const gint64 *ids,
        guint         n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (array, ids, n);
  return array;
}

static gboolean
save (SfLibrary        *library,
      const char       *name,
      const SfCriteria *criteria,
      GArray           *seen,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_save_search_async (library, name, criteria, seen, NULL, sf_test_result_cb, &result);
  return sf_library_save_search_finish (library, sf_test_wait_for_result (&result, WAIT_MS, "save"),
                                        error);
}

static gboolean
rename_search (SfLibrary  *library,
               const char *name,
               const char *new_name,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_rename_search_async (library, name, new_name, NULL, sf_test_result_cb, &result);
  return sf_library_rename_search_finish (library,
                                          sf_test_wait_for_result (&result, WAIT_MS, "rename"),
                                          error);
}

static gboolean
delete_search (SfLibrary  *library,
               const char *name,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_delete_search_async (library, name, NULL, sf_test_result_cb, &result);
  return sf_library_delete_search_finish (library,
                                          sf_test_wait_for_result (&result, WAIT_MS, "delete"),
                                          error);
}

static gboolean
mark (SfLibrary  *library,
      const char *name,
      GArray     *ids,
      gboolean    seen,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_mark_search_async (library, name, ids, seen, NULL, sf_test_result_cb, &result);
  return sf_library_mark_search_finish (library, sf_test_wait_for_result (&result, WAIT_MS, "mark"),
                                        error);
}

static GPtrArray *
list (SfLibrary *library)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *searches;

  sf_library_list_searches_async (library, NULL, sf_test_result_cb, &result);
  searches = sf_library_list_searches_finish (library,
                                              sf_test_wait_for_result (&result, WAIT_MS, "list"),
                                              &error);
  g_assert_no_error (error);
  return searches;
}

static SfCriteria *
british_crime (void)
{
  SfCriteria *criteria = sf_criteria_new ();

  sf_criteria_set_text (criteria, "detective");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Crime");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_criteria_add_value (criteria, SF_CRITERION_COUNTRY, "GB");
  sf_criteria_set_year_range (criteria, 2010, 0);
  sf_criteria_set_min_rating (criteria, 7.5);
  sf_criteria_set_sort (criteria, SF_SORT_RATING);
  return criteria;
}

static void
test_criteria_json (void)
{
  g_autoptr(SfCriteria) criteria = british_crime ();
  g_autofree char *json = sf_criteria_to_json (criteria);
  g_autoptr(SfCriteria) back = sf_criteria_from_json (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SfCriteria) bad = sf_criteria_from_json ("{\"genres\": [1]}", &error);

  g_assert_nonnull (back);
  g_assert_true (sf_criteria_equal (criteria, back));
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_save_rename_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autoptr(SfCriteria) criteria = british_crime ();
  g_autoptr(SfCriteria) other = sf_criteria_new ();
  const gint64 first_ids[] = { 30, 10, 20 };
  g_autoptr(GArray) seen = ids_of (first_ids, G_N_ELEMENTS (first_ids));
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  SfSavedSearch *search;

  g_assert_true (save (library, "  British crime dramas ", criteria, seen, &error));
  g_assert_no_error (error);

  /* Refused, and nothing changes: an empty name, a duplicate */
  g_assert_false (save (library, "   ", other, NULL, &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (save (library, "British crime dramas", other, NULL, &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "British crime dramas"));
  g_clear_error (&error);

  g_assert_true (save (library, "Anything", other, NULL, &error));
  g_assert_no_error (error);

  searches = list (library);
  g_assert_cmpuint (searches->len, ==, 2);
  search = g_ptr_array_index (searches, 1);
  g_assert_cmpstr (search->name, ==, "British crime dramas");
  g_assert_true (sf_criteria_equal (search->criteria, criteria));
  g_assert_cmpuint (search->seen->len, ==, 3);
  g_assert_true (sf_saved_search_knows (search, 20, FALSE));
  g_assert_false (sf_saved_search_knows (search, 40, TRUE));
  g_assert_cmpint (search->created, >, 0);
  g_clear_pointer (&searches, g_ptr_array_unref);

  /* Renaming: onto a taken name, or an unknown one, is refused */
  g_assert_false (rename_search (library, "Anything", "British crime dramas", &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (rename_search (library, "Nothing", "Something", &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rename_search (library, "Anything", "", &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_true (rename_search (library, "British crime dramas", "UK crime", &error));
  g_assert_no_error (error);

  /* Announced ids stay apart from seen ones until seen */
  {
    const gint64 fresh[] = { 40, 50 };
    g_autoptr(GArray) announced = ids_of (fresh, 2);
    const gint64 one[] = { 40 };
    g_autoptr(GArray) opened = ids_of (one, 1);

    g_assert_true (mark (library, "UK crime", announced, FALSE, &error));
    g_assert_true (mark (library, "UK crime", opened, TRUE, &error));
    g_assert_no_error (error);
    g_assert_false (mark (library, "Nothing", opened, TRUE, &error));
    g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  close_library (g_steal_pointer (&library));
  library = open_library (fixture->path);
  searches = list (library);
  g_assert_cmpuint (searches->len, ==, 2);
  search = g_ptr_array_index (searches, 1);
  g_assert_cmpstr (search->name, ==, "UK crime");
  g_assert_cmpuint (search->seen->len, ==, 4);
  g_assert_cmpuint (search->notified->len, ==, 1);
  g_assert_true (sf_saved_search_knows (search, 40, FALSE));
  g_assert_false (sf_saved_search_knows (search, 50, FALSE));
  g_assert_true (sf_saved_search_knows (search, 50, TRUE));
  g_assert_cmpint (search->opened, >=, search->created);
  g_clear_pointer (&searches, g_ptr_array_unref);

  g_assert_false (delete_search (library, "Nothing", &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (delete_search (library, "UK crime", &error));
  g_assert_no_error (error);
  searches = list (library);
  g_assert_cmpuint (searches->len, ==, 1);
  g_assert_cmpstr (((SfSavedSearch *) g_ptr_array_index (searches, 0))->name, ==, "Anything");

  close_library (g_steal_pointer (&library));
}

/* A watchlist written by the previous version (schema 1) opens with its shows, and takes
 * saved searches. */
static void
test_migrate_from_1 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SfLibrary) library = NULL;
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA journal_mode = WAL;"
                                 "CREATE TABLE shows (id INTEGER PRIMARY KEY CHECK (id > 0),"
                                 " name TEXT NOT NULL CHECK (name <> ''), added INTEGER NOT NULL,"
                                 " snapshot TEXT, refreshed INTEGER NOT NULL DEFAULT 0,"
                                 " latest_season INTEGER);"
                                 "CREATE TABLE notified (show_id INTEGER NOT NULL REFERENCES shows (id)"
                                 " ON DELETE CASCADE, what TEXT NOT NULL, at INTEGER NOT NULL,"
                                 " PRIMARY KEY (show_id, what)) WITHOUT ROWID;"
                                 "INSERT INTO shows (id, name, added) VALUES (139, 'Girls', 1);"
                                 "PRAGMA application_id = 1397115991; PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  library = open_library (fixture->path);
  g_assert_true (sf_library_is_followed (library, 139));
  sf_criteria_set_text (criteria, "girls");
  g_assert_true (save (library, "Girls", criteria, NULL, &error));
  g_assert_no_error (error);
  searches = list (library);
  g_assert_cmpuint (searches->len, ==, 1);
  close_library (g_steal_pointer (&library));
}

static char *
numbered_name (guint n)
{
  /* long rows, so that the searches spread over many pages */
  return g_strdup_printf ("Search %03u %0150d", n, 0);
}

/* Issue 11, case 7, for saved searches: a page of the saved_searches table overwritten. The
 * damaged file is kept, every search that can still be read comes back with its criteria and
 * what it had seen, and the message says how many. */
static void
test_salvage (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autoptr(SfCriteria) empty = sf_criteria_new ();
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *count = NULL;
  const char *message;
  const char *hit;
  sqlite3 *db = NULL;
  gsize length = 0;
  gsize page;
  guint n_recovered;
  gboolean found_first = FALSE, found_last = FALSE, found_damaged = FALSE;

  for (guint n = 1; n <= 60; n++)
    {
      g_autoptr(SfCriteria) criteria = british_crime ();
      g_autofree char *name = numbered_name (n);
      g_autofree char *text = g_strdup_printf ("detective %u %0400d", n, 0);
      const gint64 ids[] = { n, 1000 + n, 2000 + n };
      g_autoptr(GArray) seen = ids_of (ids, G_N_ELEMENTS (ids));

      sf_criteria_set_text (criteria, text);
      g_assert_true (save (library, name, criteria, seen, &error));
      g_assert_no_error (error);
    }
  close_library (g_steal_pointer (&library));

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  /* the table page that holds search 30 (its criteria: the name is in the index too) */
  g_assert_true (g_file_get_contents (fixture->path, &content, &length, NULL));
  marker = g_strdup ("detective 30 0");
  hit = NULL;
  for (gsize i = 0; hit == NULL && i + strlen (marker) <= length; i++)
    if (memcmp (content + i, marker, strlen (marker)) == 0)
      hit = content + i;
  g_assert_nonnull (hit);
  page = (gsize) (hit - content) / 4096;
  g_test_message ("%" G_GSIZE_FORMAT " pages, search 30 on page %" G_GSIZE_FORMAT,
                  length / 4096, page);
  g_assert_cmpuint (page, >, 1);
  memset (content + page * 4096, 0xa5, 4096);
  g_assert_true (g_file_set_contents (fixture->path, content, (gssize) length, NULL));

  library = open_library (fixture->path);
  message = sf_library_get_recovery_message (library);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  n_recovered = sf_library_get_n_searches_recovered (library);
  g_assert_cmpuint (n_recovered, >=, 40);
  g_assert_cmpuint (n_recovered, <, 60);
  count = g_strdup_printf ("%u saved searches were recovered.", n_recovered);
  g_assert_nonnull (strstr (message, count));

  searches = list (library);
  g_assert_cmpuint (searches->len, ==, n_recovered);
  for (guint i = 0; i < searches->len; i++)
    {
      SfSavedSearch *search = g_ptr_array_index (searches, i);
      guint n = (guint) g_ascii_strtoull (search->name + strlen ("Search "), NULL, 10);
      g_autofree char *name = numbered_name (n);

      g_assert_cmpstr (search->name, ==, name);
      g_assert_cmpstr (sf_criteria_get_text (search->criteria), !=, NULL);
      g_assert_true (g_str_has_prefix (sf_criteria_get_text (search->criteria), "detective "));
      g_assert_cmpuint (search->seen->len, ==, 3);
      g_assert_true (sf_saved_search_knows (search, 1000 + n, FALSE));
      found_first |= n == 1;
      found_last |= n == 60;
      found_damaged |= n == 30;
    }
  g_assert_true (found_first);
  g_assert_true (found_last);
  g_assert_false (found_damaged);

  /* the new file takes new searches */
  g_assert_true (save (library, "After the damage", empty, NULL, &error));
  g_assert_no_error (error);
  close_library (g_steal_pointer (&library));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/library-saved/criteria-json", test_criteria_json);
  g_test_add ("/series-finder/library-saved/save-rename-delete", Fixture, NULL,
              fixture_set_up, test_save_rename_delete, fixture_tear_down);
  g_test_add ("/series-finder/library-saved/salvage", Fixture, NULL,
              fixture_set_up, test_salvage, fixture_tear_down);
  g_test_add ("/series-finder/library-saved/migrate-from-1", Fixture, NULL,
              fixture_set_up, test_migrate_from_1, fixture_tear_down);

  return g_test_run ();
}
