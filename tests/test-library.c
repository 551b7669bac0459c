/* test-library.c: the watchlist: follow, unfollow, persistence, export and import, damage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "sf-library-file.h"
#include "sf-library.h"
#include "sf-library-db.h"
#include "sf-test-kit.h"

/* the longest any single wait may take before the test fails */
#define TIMEOUT_MS 30000
#define N_LATENCY_SAMPLES 40

typedef struct
{
  char *dir;      /* owned: a private temporary folder */
  char *path;     /* owned: DIR/library.db */
} Fixture;

static GThread *main_thread;

/* ------------------------------------------------------------------------------------------
 * Waiting, always bounded
 */

/* ------------------------------------------------------------------------------------------
 * Helpers
 */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sf_test_make_temp_dir ("test-library-XXXXXX");
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

static void
on_changed (SfLibrary *library,
            guint     *count)
{
  g_assert_true (g_thread_self () == main_thread);
  (*count)++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  g_assert_true (g_thread_self () == main_thread);
  (*count)++;
}

static SfLibrary *
open_library (const char *path)
{
  g_autoptr(SfLibrary) library = sf_library_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_open_async (library, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_open_finish (library,
                                         sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                  "open"), &error));
  g_assert_no_error (error);
  g_assert_true (sf_library_is_open (library));

  return g_steal_pointer (&library);
}

/* Closes @library and checks that nothing else holds it. */
static void
close_library (SfLibrary *library)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_close_async (library, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_close_finish (library,
                                          sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                   "close"), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_finalize_object (library);
}

static SfShow *
show_new (gint64      id,
          const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  SfShow *show;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  show = sf_show_new_from_json (root, &error);
  g_assert_no_error (error);
  return show;
}

static void
follow (SfLibrary  *library,
        SfShow     *show,
        const char *json)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_follow_async (library, show, json, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_follow_finish (library,
                                           sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                    "follow"), &error));
  g_assert_no_error (error);
}

static void
follow_id (SfLibrary  *library,
           gint64      id,
           const char *name)
{
  g_autoptr(SfShow) show = show_new (id, name);

  follow (library, show, NULL);
}

static void
unfollow (SfLibrary *library,
          gint64     id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_unfollow_async (library, id, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_unfollow_finish (library,
                                             sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                      "unfollow"),
                                             &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (SfLibrary *library)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *shows;

  sf_library_list_async (library, NULL, sf_test_result_cb, &result);
  shows = sf_library_list_finish (library, sf_test_wait_for_result (&result, TIMEOUT_MS, "list"),
                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (shows);
  return shows;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "1=Name|2=Other|..." by id, with the added times when asked: a watchlist to compare. */
static char *
dup_list_text (SfLibrary *library,
               gboolean   with_added)
{
  g_autoptr(GPtrArray) shows = list (library);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < shows->len; i++)
    {
      SfFollowedShow *followed = g_ptr_array_index (shows, i);

      g_assert_true (sf_library_is_followed (library, sf_followed_show_get_id (followed)));
      g_assert_cmpstr (sf_library_lookup_name (library, sf_followed_show_get_id (followed)), ==,
                       sf_followed_show_get_name (followed));
      g_assert_cmpint (sf_followed_show_get_added (followed), >, 0);
      if (with_added)
        g_ptr_array_add (lines, g_strdup_printf ("%010" G_GINT64_FORMAT "=%s@%" G_GINT64_FORMAT,
                                                 sf_followed_show_get_id (followed),
                                                 sf_followed_show_get_name (followed),
                                                 sf_followed_show_get_added (followed)));
      else
        g_ptr_array_add (lines, g_strdup_printf ("%010" G_GINT64_FORMAT "=%s",
                                                 sf_followed_show_get_id (followed),
                                                 sf_followed_show_get_name (followed)));
    }
  g_assert_cmpuint (sf_library_get_n_followed (library), ==, shows->len);

  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("|", (GStrv) lines->pdata);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_bytes (const char *path,
             const char *data,
             gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static gboolean
export_to (SfLibrary   *library,
           const char  *path,
           guint       *out_n_shows,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_export_async (library, file, NULL, sf_test_result_cb, &result);
  return sf_library_export_finish (library,
                                   sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                            "export"), out_n_shows,
                                   error);
}

static gboolean
import_from (SfLibrary   *library,
             const char  *path,
             guint       *out_n_added,
             guint       *out_n_present,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_import_async (library, file, NULL, sf_test_result_cb, &result);
  return sf_library_import_finish (library,
                                   sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                            "import"), out_n_added,
                                   out_n_present, error);
}

/* ------------------------------------------------------------------------------------------
 * Follow, unfollow, list
 */

static void
test_follow_unfollow (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autoptr(GPtrArray) shows = NULL;
  g_autofree char *text = NULL;
  guint changed = 0;

  g_assert_null (sf_library_get_recovery_message (library));
  g_assert_cmpuint (sf_library_get_n_followed (library), ==, 0);
  g_signal_connect (library, "changed", G_CALLBACK (on_changed), &changed);

  follow_id (library, 139, "Girls");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (sf_library_is_followed (library, 139));
  g_assert_false (sf_library_is_followed (library, 140));
  follow_id (library, 1, "Under the Dome");
  follow_id (library, 82, "Game of Thrones");
  g_assert_cmpuint (changed, ==, 3);

  /* Following again changes nothing, not even the name or the time. */
  follow_id (library, 82, "Another Name");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpstr (sf_library_lookup_name (library, 82), ==, "Game of Thrones");

  text = dup_list_text (library, FALSE);
  g_assert_cmpstr (text, ==, "0000000001=Under the Dome|0000000082=Game of Thrones|"
                             "0000000139=Girls");
  g_clear_pointer (&text, g_free);

  unfollow (library, 1);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_false (sf_library_is_followed (library, 1));
  g_assert_null (sf_library_lookup_name (library, 1));

  /* Unfollowing what is not followed changes nothing. */
  unfollow (library, 1);
  unfollow (library, 999999);
  g_assert_cmpuint (changed, ==, 4);

  text = dup_list_text (library, FALSE);
  g_assert_cmpstr (text, ==, "0000000082=Game of Thrones|0000000139=Girls");

  shows = list (library);
  for (guint i = 0; i < shows->len; i++)
    {
      SfFollowedShow *followed = g_ptr_array_index (shows, i);

      /* Followed from a bare show: nothing refreshed or announced yet. */
      g_assert_cmpint (sf_followed_show_get_refreshed (followed), ==, 0);
      g_assert_null (sf_followed_show_get_next_episode (followed));
      g_assert_cmpint (sf_followed_show_get_group (followed), ==, SF_FOLLOWED_NOTHING_ANNOUNCED);
    }

  g_signal_handlers_disconnect_by_data (library, &changed);
  close_library (g_steal_pointer (&library));
}

static void
test_persistence (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (gint64 id = 1; id <= 20; id++)
    {
      g_autofree char *name = g_strdup_printf ("Show %" G_GINT64_FORMAT, id);

      follow_id (library, id, name);
    }
  unfollow (library, 7);
  before = dup_list_text (library, TRUE);
  close_library (g_steal_pointer (&library));

  library = open_library (fixture->path);
  /* Known as soon as the open finishes, before any list. */
  g_assert_true (sf_library_is_followed (library, 20));
  g_assert_false (sf_library_is_followed (library, 7));
  g_assert_cmpuint (sf_library_get_n_followed (library), ==, 19);
  after = dup_list_text (library, TRUE);
  g_assert_cmpstr (before, ==, after);
  close_library (g_steal_pointer (&library));

  /* The file itself: WAL, the schema version and the application id. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SF_LIBRARY_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
assert_same_show (SfShow *a,
                  SfShow *b)
{
  g_autoptr(JsonNode) node_a = sf_show_to_json (a);
  g_autoptr(JsonNode) node_b = sf_show_to_json (b);

  g_assert_true (json_node_equal (node_a, node_b));
  g_assert_cmpstr (sf_show_get_summary_html (a), ==, sf_show_get_summary_html (b));
  g_assert_cmpstr (sf_show_get_official_site (a), ==, sf_show_get_official_site (b));
  g_assert_cmpstr (sf_show_get_schedule_time (a), ==, sf_show_get_schedule_time (b));
  g_assert_cmpstr (sf_show_get_timezone (a), ==, sf_show_get_timezone (b));
  g_assert_cmpstr (sf_show_get_imdb_id (a), ==, sf_show_get_imdb_id (b));
  g_assert_cmpstr (sf_show_get_image_original (a), ==, sf_show_get_image_original (b));
  g_assert_cmpint (sf_show_get_average_runtime (a), ==, sf_show_get_average_runtime (b));
  g_assert_cmpint (sf_show_get_updated (a), ==, sf_show_get_updated (b));
  g_assert_cmpint (sf_show_get_next_episode_id (a), ==, sf_show_get_next_episode_id (b));
  g_assert_cmpint (sf_show_get_previous_episode_id (a), ==, sf_show_get_previous_episode_id (b));
}

static SfShow *
load_show (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *text = read_text (path);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  SfShow *show;

  g_assert_nonnull (node);
  show = sf_show_new_from_json (node, &error);
  g_assert_no_error (error);
  return show;
}

/* A followed show comes back as it was given, with or without its TVmaze JSON. */
static void
test_snapshot (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const files[] = { "show-full.json", "show-nulls.json", "show-2017.json" };
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      SfShow *show = load_show (files[i]);

      g_ptr_array_add (originals, show);
      follow (library, show, NULL);
    }

  shows = list (library);
  g_assert_cmpuint (shows->len, ==, originals->len);
  for (guint i = 0; i < originals->len; i++)
    {
      SfShow *original = g_ptr_array_index (originals, i);
      gboolean found = FALSE;

      for (guint j = 0; j < shows->len; j++)
        {
          SfFollowedShow *followed = g_ptr_array_index (shows, j);

          if (sf_followed_show_get_id (followed) != sf_show_get_id (original))
            continue;
          assert_same_show (original, sf_followed_show_get_show (followed));
          found = TRUE;
        }
      g_assert_true (found);
    }

  close_library (g_steal_pointer (&library));
}

/* TVmaze JSON with an embedded next episode airing at @airstamp (NULL: none). */
static char *
dup_show_json (gint64      id,
               const char *name,
               const char *status,
               const char *airstamp)
{
  g_autofree char *embedded = NULL;

  if (airstamp != NULL)
    embedded = g_strdup_printf (",\"_links\":{\"nextepisode\":{\"href\":"
                                "\"https://api.tvmaze.com/episodes/%" G_GINT64_FORMAT "\"}},"
                                "\"_embedded\":{\"nextepisode\":{\"id\":%" G_GINT64_FORMAT ","
                                "\"name\":\"Next\",\"season\":2,\"number\":3,"
                                "\"airdate\":\"%.10s\",\"airtime\":\"21:00\","
                                "\"airstamp\":\"%s\"}}",
                                id * 100, id * 100, airstamp, airstamp);

  return g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"name\":\"%s\",\"status\":\"%s\"%s}",
                          id, name, status, embedded != NULL ? embedded : "");
}

static void
follow_json (SfLibrary  *library,
             const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(SfShow) show = sf_show_new_from_json (node, NULL);

  g_assert_nonnull (show);
  follow (library, show, json);
}

/* Soonest next episode first; then nothing announced; then ended; by name within. */
static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct {
    gint64      id;
    const char *name;
    const char *status;
    const char *airstamp;
  } shows[] = {
    { 10, "Zebra", "Running", NULL },
    { 11, "Late", "Running", "2026-12-24T02:00:00+00:00" },
    { 12, "alpha", "Ended", NULL },
    { 13, "Soon", "Running", "2026-11-02T01:00:00+00:00" },
    { 14, "Beta", "Ended", NULL },
    { 15, "Apple", "To Be Determined", NULL },
    { 16, "Middle", "Running", "2026-11-30T20:00:00+00:00" },
  };
  static const gint64 expected[] = { 13, 16, 11, 15, 10, 12, 14 };
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autoptr(GPtrArray) list_shows = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shows); i++)
    {
      g_autofree char *json = dup_show_json (shows[i].id, shows[i].name, shows[i].status,
                                             shows[i].airstamp);

      follow_json (library, json);
    }

  list_shows = list (library);
  g_assert_cmpuint (list_shows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SfFollowedShow *followed = g_ptr_array_index (list_shows, i);

      g_assert_cmpint (sf_followed_show_get_id (followed), ==, expected[i]);
      if (i < 3)
        {
          g_assert_cmpint (sf_followed_show_get_group (followed), ==, SF_FOLLOWED_UPCOMING);
          g_assert_nonnull (sf_followed_show_get_next_episode (followed));
          g_assert_cmpint (sf_episode_get_id (sf_followed_show_get_next_episode (followed)), ==,
                           expected[i] * 100);
        }
      else if (i < 5)
        g_assert_cmpint (sf_followed_show_get_group (followed), ==,
                         SF_FOLLOWED_NOTHING_ANNOUNCED);
      else
        g_assert_cmpint (sf_followed_show_get_group (followed), ==, SF_FOLLOWED_ENDED);
    }

  close_library (g_steal_pointer (&library));
}

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
test_follow_latency (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_LATENCY_SAMPLES; i++)
    {
      g_autoptr(SfShow) show = show_new (1000 + i, "Latency");
      gint64 start = g_get_monotonic_time ();
      gint64 took;

      follow (library, show, NULL);
      took = g_get_monotonic_time () - start;
      g_array_append_val (samples, took);
    }

  g_array_sort (samples, compare_int64);
  /* Numbers only, never asserted: a slow disk is not a failure. */
  g_test_message ("follow latency, request to answer (one fsync'd commit): median %.2f ms, "
                  "max %.2f ms over %u",
                  g_array_index (samples, gint64, N_LATENCY_SAMPLES / 2) / 1000.0,
                  g_array_index (samples, gint64, N_LATENCY_SAMPLES - 1) / 1000.0,
                  N_LATENCY_SAMPLES);
  close_library (g_steal_pointer (&library));
}

/* ------------------------------------------------------------------------------------------
 * Export and import
 */

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autoptr(SfLibrary) other = NULL;
  g_autofree char *export_path = g_build_filename (fixture->dir, "watchlist.json", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other", "library.db", NULL);
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  guint n_shows = 0, n_added = 0, n_present = 0;
  guint changed = 0;

  follow_id (library, 139, "Girls");
  follow_id (library, 5, "True Detective \"Season\" ★ <i>tilt</i>");
  follow_id (library, 82, "Game of Thrones");
  before = dup_list_text (library, TRUE);

  g_assert_true (export_to (library, export_path, &n_shows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_shows, ==, 3);

  text = read_text (export_path);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==,
                   "series-finder-watchlist");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "shows")), ==, 3);

  /* Exporting again replaces the file. */
  unfollow (library, 82);
  g_assert_true (export_to (library, export_path, &n_shows, &error));
  g_assert_cmpuint (n_shows, ==, 2);
  follow_id (library, 82, "Game of Thrones");
  g_assert_true (export_to (library, export_path, &n_shows, &error));
  g_assert_cmpuint (n_shows, ==, 3);
  g_clear_pointer (&before, g_free);
  before = dup_list_text (library, FALSE);

  other = open_library (other_path);
  g_signal_connect (other, "changed", G_CALLBACK (on_changed), &changed);
  g_assert_true (import_from (other, export_path, &n_added, &n_present, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 3);
  g_assert_cmpuint (n_present, ==, 0);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (sf_library_is_followed (other, 5));
  after = dup_list_text (other, FALSE);
  g_assert_cmpstr (before, ==, after);

  /* The added times travel too. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = dup_list_text (library, TRUE);
  after = dup_list_text (other, TRUE);
  g_assert_cmpstr (before, ==, after);

  /* Importing the same again adds nothing and says so. */
  g_assert_true (import_from (other, export_path, &n_added, &n_present, &error));
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpuint (n_present, ==, 3);
  g_assert_cmpuint (changed, ==, 1);

  g_signal_handlers_disconnect_by_data (other, &changed);
  close_library (g_steal_pointer (&other));
  close_library (g_steal_pointer (&library));
}

static void
test_export_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *path = g_build_filename (fixture->dir, "no", "such", "folder", "w.json", NULL);
  g_autoptr(GError) error = NULL;

  follow_id (library, 1, "One");
  g_assert_false (export_to (library, path, NULL, &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "w.json"));
  close_library (g_steal_pointer (&library));
}

typedef struct
{
  const char     *name;
  const char     *text;     /* NULL: built by the test */
  SfLibraryError  code;
  gsize           length;   /* of text, 0: up to its NUL */
} BadFile;

#define VALID_HEAD "{\"format\":\"series-finder-watchlist\",\"version\":1,\"shows\":["
#define VALID_ENTRY "{\"id\":1,\"name\":\"One\"}"

static const BadFile bad_files[] = {
  { "empty", "", SF_LIBRARY_ERROR_INVALID_FILE },
  { "blank", " \n\t ", SF_LIBRARY_ERROR_INVALID_FILE },
  { "bom-only", "\xef\xbb\xbf", SF_LIBRARY_ERROR_INVALID_FILE },
  { "null", "null", SF_LIBRARY_ERROR_INVALID_FILE },
  { "array", "[" VALID_ENTRY "]", SF_LIBRARY_ERROR_INVALID_FILE },
  { "string", "\"series-finder-watchlist\"", SF_LIBRARY_ERROR_INVALID_FILE },
  { "png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", SF_LIBRARY_ERROR_INVALID_FILE, 16 },
  { "utf16", "\xff\xfe{\x00\"\x00", SF_LIBRARY_ERROR_INVALID_FILE, 6 },
  { "nul-byte", VALID_HEAD "{\"id\":1,\"name\":\"A\x00B\"}]}", SF_LIBRARY_ERROR_INVALID_FILE,
    sizeof VALID_HEAD - 1 + 23 },
  { "latin1-name", VALID_HEAD "{\"id\":1,\"name\":\"Caf\xe9\"}]}", SF_LIBRARY_ERROR_INVALID_FILE },
  { "no-format", "{\"version\":1,\"shows\":[" VALID_ENTRY "]}", SF_LIBRARY_ERROR_INVALID_FILE },
  { "wrong-format", "{\"format\":\"tvtime-export\",\"version\":1,\"shows\":[]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "format-not-string", "{\"format\":1,\"version\":1,\"shows\":[]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "no-version", "{\"format\":\"series-finder-watchlist\",\"shows\":[]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "version-string", "{\"format\":\"series-finder-watchlist\",\"version\":\"1\",\"shows\":[]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "version-zero", "{\"format\":\"series-finder-watchlist\",\"version\":0,\"shows\":[]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "version-float", "{\"format\":\"series-finder-watchlist\",\"version\":1.5,\"shows\":[]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "newer-version", "{\"format\":\"series-finder-watchlist\",\"version\":3,\"shows\":[]}",
    SF_LIBRARY_ERROR_NEWER_VERSION },
  { "no-shows", "{\"format\":\"series-finder-watchlist\",\"version\":1}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "shows-object", "{\"format\":\"series-finder-watchlist\",\"version\":1,\"shows\":{}}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  /* 2^64 + 1 wraps around to 1 in json-glib: must not alias show 1 */
  { "id-wraps", VALID_HEAD "{\"id\":18446744073709551617,\"name\":\"Wrap\"}]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "id-huge", VALID_HEAD "{\"id\":99999999999999999999999999,\"name\":\"Huge\"}]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "name-nul", VALID_HEAD "{\"id\":3,\"name\":\"Cut\\u0000Here\"}]}",
    SF_LIBRARY_ERROR_INVALID_FILE },
  { "truncated", VALID_HEAD VALID_ENTRY ",{\"id\":2,\"na", SF_LIBRARY_ERROR_INVALID_FILE },
  { "unclosed", VALID_HEAD VALID_ENTRY, SF_LIBRARY_ERROR_INVALID_FILE },
  { "trailing-comma", VALID_HEAD VALID_ENTRY ",]}", SF_LIBRARY_ERROR_INVALID_FILE },
  { "trailing-garbage", VALID_HEAD VALID_ENTRY "]} rm -rf", SF_LIBRARY_ERROR_INVALID_FILE },
  { "two-documents", VALID_HEAD VALID_ENTRY "]}" VALID_HEAD "]}", SF_LIBRARY_ERROR_INVALID_FILE },
  { "comment", VALID_HEAD VALID_ENTRY "] /* x */}", SF_LIBRARY_ERROR_INVALID_FILE },
  { "line-comment", VALID_HEAD VALID_ENTRY "] // x\n}", SF_LIBRARY_ERROR_INVALID_FILE },
  { "single-quotes", VALID_HEAD "{'id':1,'name':'One'}]}", SF_LIBRARY_ERROR_INVALID_FILE },
  { "deep-nesting", NULL, SF_LIBRARY_ERROR_INVALID_FILE },
  { "too-many-shows", NULL, SF_LIBRARY_ERROR_TOO_LARGE },
  { "huge", NULL, SF_LIBRARY_ERROR_TOO_LARGE },

};

static GBytes *
build_bad_file (const BadFile *bad)
{
  GString *text;

  if (bad->text != NULL)
    return g_bytes_new_static (bad->text, bad->length > 0 ? bad->length : strlen (bad->text));

  text = g_string_new (VALID_HEAD);
  if (g_str_equal (bad->name, "deep-nesting"))
    {
      g_string_append (text, "{\"id\":3,\"name\":\"Deep\",\"x\":");
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (text, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (text, ']');
      g_string_append (text, "}]}");
    }
  else if (g_str_equal (bad->name, "too-many-shows"))
    {
      for (guint i = 1; i <= SF_LIBRARY_FILE_MAX_SHOWS + 1; i++)
        g_string_append_printf (text, "%s{\"id\":%u,\"name\":\"S\"}", i > 1 ? "," : "", i);
      g_string_append (text, "]}");
    }
  else if (g_str_equal (bad->name, "huge"))
    {
      /* Valid JSON, one entry and 6 MB of an unknown key. */
      g_string_append (text, "{\"id\":3,\"name\":\"Padded\",\"padding\":\"");
      while (text->len < 6 * 1024 * 1024)
        g_string_append (text, "abcdefghijklmnopqrstuvwxyz0123456789");
      g_string_append (text, "\"}]}");
    }
  else
    g_assert_not_reached ();

  return g_string_free_to_bytes (text);
}

static void
test_import_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *before = NULL;
  guint changed = 0;

  follow_id (library, 1, "One");
  follow_id (library, 2, "Two");
  before = dup_list_text (library, TRUE);
  g_signal_connect (library, "changed", G_CALLBACK (on_changed), &changed);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFile *bad = &bad_files[i];
      g_autofree char *name = g_strdup_printf ("%s.json", bad->name);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GBytes) bytes = build_bad_file (bad);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(GArray) parsed = NULL;
      g_autofree char *after = NULL;
      gsize size;
      const char *content = g_bytes_get_data (bytes, &size);
      guint n_added = 99;

      g_test_message ("refusing %s", bad->name);
      write_bytes (path, content, (gssize) size);

      parsed = sf_library_file_parse (content, size, &parse_error);
      g_assert_null (parsed);
      g_assert_error (parse_error, SF_LIBRARY_ERROR, (int) bad->code);

      g_assert_false (import_from (library, path, &n_added, NULL, &error));
      g_assert_error (error, SF_LIBRARY_ERROR, (int) bad->code);
      /* The message names the file and what is wrong. */
      g_assert_nonnull (strstr (error->message, name));
      g_assert_cmpuint (strlen (error->message), >, strlen (name) + 20);
      g_assert_cmpuint (n_added, ==, 99);

      after = dup_list_text (library, TRUE);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpuint (changed, ==, 0);
    }

  g_signal_handlers_disconnect_by_data (library, &changed);
  close_library (g_steal_pointer (&library));
}


/* Issue 11, case 6: a show broken alone is left out and counted, or its name normalized; the
 * rest of the file is imported. */
typedef struct
{
  const char *name;
  const char *text;       /* NULL: built by the test */
  guint       n_kept;
  guint       n_skipped;
  const char *kept_name;  /* nullable: the name of the last show kept */
} SkippedFile;

static const SkippedFile skipped_files[] = {
  { "entry-number", VALID_HEAD VALID_ENTRY ",1]}", 1, 1, "One" },
  { "entry-null", VALID_HEAD VALID_ENTRY ",null]}", 1, 1, "One" },
  { "entry-array", VALID_HEAD "[1,\"One\"]]}", 0, 1, NULL },
  { "id-missing", VALID_HEAD VALID_ENTRY ",{\"name\":\"Two\"}]}", 1, 1, "One" },
  { "id-zero", VALID_HEAD "{\"id\":0,\"name\":\"Zero\"}]}", 0, 1, NULL },
  { "id-negative", VALID_HEAD "{\"id\":-5,\"name\":\"Minus\"}]}", 0, 1, NULL },
  { "id-float", VALID_HEAD "{\"id\":1.5,\"name\":\"Half\"}]}", 0, 1, NULL },
  { "id-float-whole", VALID_HEAD "{\"id\":2.0,\"name\":\"Two\"}]}", 0, 1, NULL },
  { "id-exponent", VALID_HEAD "{\"id\":1e3,\"name\":\"K\"}]}", 0, 1, NULL },
  { "id-string", VALID_HEAD "{\"id\":\"7\",\"name\":\"Seven\"}]}", 0, 1, NULL },
  { "id-bool", VALID_HEAD "{\"id\":true,\"name\":\"True\"}]}", 0, 1, NULL },
  { "id-over-32-bits", VALID_HEAD "{\"id\":4294967297,\"name\":\"Big\"}]}", 0, 1, NULL },
  { "name-missing", VALID_HEAD "{\"id\":3}]}", 0, 1, NULL },
  { "name-empty", VALID_HEAD "{\"id\":3,\"name\":\"\"}]}", 0, 1, NULL },
  { "name-only-controls", VALID_HEAD "{\"id\":3,\"name\":\" \\t\\u001b \"}]}", 0, 1, NULL },
  { "name-null", VALID_HEAD "{\"id\":3,\"name\":null}]}", 0, 1, NULL },
  { "name-number", VALID_HEAD "{\"id\":3,\"name\":3}]}", 0, 1, NULL },
  { "name-object", VALID_HEAD "{\"id\":3,\"name\":{\"en\":\"Three\"}}]}", 0, 1, NULL },
  /* normalized, kept */
  { "name-escape", VALID_HEAD "{\"id\":3,\"name\":\"\\u001b[2JGone\"}]}", 1, 0, "[2JGone" },
  { "name-newline", VALID_HEAD "{\"id\":3,\"name\":\"Two\\nLines\\tTab\"}]}", 1, 0,
    "Two Lines Tab" },
  { "name-lone-surrogate", VALID_HEAD "{\"id\":3,\"name\":\"Half \\ud800 a pair\"}]}", 1, 0,
    NULL },
  { "name-too-long", NULL, 1, 0, NULL },
  { "added-past-9999", VALID_HEAD "{\"id\":3,\"name\":\"Far\",\"added\":999999999999999}]}",
    1, 0, "Far" },
  /* one bad entry among 50 good ones */
  { "last-entry-bad", NULL, 50, 1, "Good 149" },
};

static GBytes *
build_skipped_file (const SkippedFile *file)
{
  GString *text;

  if (file->text != NULL)
    return g_bytes_new_static (file->text, strlen (file->text));

  text = g_string_new (VALID_HEAD);
  if (g_str_equal (file->name, "name-too-long"))
    {
      g_string_append (text, "{\"id\":3,\"name\":\"");
      for (guint i = 0; i < SF_LIBRARY_FILE_MAX_NAME - 1; i++)
        g_string_append_c (text, 'x');
      /* a 2-byte character across the limit */
      g_string_append (text, "\xc3\xa9\xc3\xa9\"}]}");
    }
  else if (g_str_equal (file->name, "last-entry-bad"))
    {
      for (guint i = 100; i < 150; i++)
        g_string_append_printf (text, "{\"id\":%u,\"name\":\"Good %u\"},", i, i);
      g_string_append (text, "{\"id\":-1,\"name\":\"Bad\"}]}");
    }
  else
    g_assert_not_reached ();

  return g_string_free_to_bytes (text);
}

static void
test_import_skips_bad_shows (Fixture       *fixture,
                             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (skipped_files); i++)
    {
      const SkippedFile *file = &skipped_files[i];
      g_autofree char *name = g_strdup_printf ("%s.json", file->name);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *db_path = g_strdup_printf ("%s-%u", fixture->path, i);
      g_autoptr(SfLibrary) library = open_library (db_path);
      g_autoptr(GBytes) bytes = build_skipped_file (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) parsed = NULL;
      g_autoptr(GFile) gfile = g_file_new_for_path (path);
      g_autoptr(GAsyncResult) result = NULL;
      gsize size;
      const char *content = g_bytes_get_data (bytes, &size);
      guint n_skipped = 99, n_added = 99, n_present = 99;

      g_test_message ("importing %s", file->name);
      write_bytes (path, content, (gssize) size);

      parsed = sf_library_file_parse_full (content, size, &n_skipped, &error);
      g_assert_no_error (error);
      g_assert_nonnull (parsed);
      g_assert_cmpuint (parsed->len, ==, file->n_kept);
      g_assert_cmpuint (n_skipped, ==, file->n_skipped);
      for (guint j = 0; j < parsed->len; j++)
        {
          SfLibraryFileEntry *entry = &g_array_index (parsed, SfLibraryFileEntry, j);
          g_autofree char *again = sf_library_file_normalize_name (entry->name);

          g_assert_true (g_utf8_validate (entry->name, -1, NULL));
          g_assert_cmpuint (strlen (entry->name), <=, SF_LIBRARY_FILE_MAX_NAME);
          g_assert_cmpstr (again, ==, entry->name);
          g_assert_cmpint (entry->added, >=, 0);
          g_assert_cmpint (entry->added, <=, SF_LIBRARY_FILE_MAX_ADDED);
          if (j == parsed->len - 1 && file->kept_name != NULL)
            g_assert_cmpstr (entry->name, ==, file->kept_name);
        }

      sf_library_import_async (library, gfile, NULL, sf_test_result_cb, &result);
      g_assert_true (sf_library_import_finish_full (library,
                                                    sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                             "import"),
                                                    &n_added, &n_present, &n_skipped, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_added, ==, file->n_kept);
      g_assert_cmpuint (n_present, ==, 0);
      g_assert_cmpuint (n_skipped, ==, file->n_skipped);
      g_assert_cmpuint (sf_library_get_n_followed (library), ==, file->n_kept);
      g_clear_object (&result);
      close_library (g_steal_pointer (&library));
    }
}

/* Issue 11, case 6: random followed shows (names with control characters, invalid UTF-8,
 * names far too long, odd dates) -> export -> import into an empty library -> the same
 * shows, and the second export is the first byte for byte. */
static char *
random_name (GRand *rand)
{
  static const char *pieces[] = {
    "The", " ", "Wire", "\t", "\n", "\r", "\033[2J", "\x7f", "\xc2\x9b", "\xff", "\xc3",
    "é", "🎬", "\u202e", "<b>", "&amp;", "\"", "\\", "  ", "\u2028", "日本",
  };
  GString *name = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 8);

  /* now and then, far beyond the limit */
  if (g_rand_int_range (rand, 0, 10) == 0)
    n = g_rand_int_range (rand, 300, 700);

  for (guint i = 0; i < n; i++)
    g_string_append (name, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  return g_string_free (name, FALSE);
}

static gint64
random_added (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return 0;
    case 1:
      return -g_rand_int_range (rand, 1, G_MAXINT32);
    case 2:
      return SF_LIBRARY_FILE_MAX_ADDED + g_rand_int_range (rand, 0, 2);
    case 3:
      return G_MAXINT64 / 2;
    default:
      return g_rand_int_range (rand, 1, G_MAXINT32);
    }
}

static void
test_export_import_property (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (611);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (SfLibraryFileEntry));
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      g_autoptr(GArray) parsed = NULL;
      g_autoptr(GArray) reparsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->dir, "round.json", NULL);
      g_autofree char *db_path = g_strdup_printf ("%s-round-%u", fixture->path, round);
      g_autoptr(SfLibrary) library = NULL;
      g_autoptr(GPtrArray) shows = NULL;
      guint n_shows = g_rand_int_range (rand, 1, 40);
      guint n_skipped = 99, n_added = 0;

      g_array_set_clear_func (entries, (GDestroyNotify) sf_library_file_entry_clear);
      for (guint i = 0; i < n_shows; i++)
        {
          SfLibraryFileEntry entry = { i + 1 + round * 1000, random_name (rand),
                                       random_added (rand) };

          g_array_append_val (entries, entry);
        }

      /* what export writes, import takes back whole */
      first = sf_library_file_build ((SfLibraryFileEntry *) (gpointer) entries->data,
                                     entries->len);
      parsed = sf_library_file_parse_full (g_bytes_get_data (first, NULL),
                                           g_bytes_get_size (first), &n_skipped, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_skipped, ==, 0);
      g_assert_cmpuint (parsed->len, ==, entries->len);
      for (guint i = 0; i < parsed->len; i++)
        {
          SfLibraryFileEntry *in = &g_array_index (entries, SfLibraryFileEntry, i);
          SfLibraryFileEntry *out = &g_array_index (parsed, SfLibraryFileEntry, i);
          g_autofree char *expected = sf_library_file_normalize_name (in->name);

          g_assert_cmpint (out->id, ==, in->id);
          if (expected == NULL)
            expected = g_strdup_printf ("%" G_GINT64_FORMAT, in->id);
          g_assert_cmpstr (out->name, ==, expected);
          g_assert_cmpint (out->added, ==, sf_library_file_normalize_added (in->added));
        }

      second = sf_library_file_build ((SfLibraryFileEntry *) (gpointer) parsed->data,
                                      parsed->len);
      g_assert_true (g_bytes_equal (first, second));

      /* and through a library: import into an empty one, export, the same file */
      g_file_set_contents (path, g_bytes_get_data (first, NULL),
                           (gssize) g_bytes_get_size (first), &error);
      g_assert_no_error (error);
      library = open_library (db_path);
      g_assert_true (import_from (library, path, &n_added, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_added, ==, entries->len);
      shows = list (library);
      g_assert_cmpuint (shows->len, ==, entries->len);
      for (guint i = 0; i < parsed->len; i++)
        {
          SfLibraryFileEntry *entry = &g_array_index (parsed, SfLibraryFileEntry, i);

          g_assert_cmpstr (sf_library_lookup_name (library, entry->id), ==, entry->name);
        }
      g_assert_true (export_to (library, path, NULL, &error));
      g_assert_no_error (error);
      {
        g_autofree char *text = NULL;
        gsize size;

        g_assert_true (g_file_get_contents (path, &text, &size, NULL));
        reparsed = sf_library_file_parse_full (text, size, &n_skipped, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (n_skipped, ==, 0);
        g_assert_cmpuint (reparsed->len, ==, parsed->len);
      }
      close_library (g_steal_pointer (&library));
    }
}

/* Files that are not files of bytes: missing, a folder, endless. */
static void
test_import_unreadable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (import_from (library, missing, NULL, NULL, &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_clear_error (&error);

  g_assert_false (import_from (library, fixture->dir, NULL, NULL, &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_IO);
  g_clear_error (&error);

  /* Read up to the cap and no further. */
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_assert_false (import_from (library, "/dev/zero", NULL, NULL, &error));
      g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_TOO_LARGE);
      g_clear_error (&error);
    }

  g_assert_cmpuint (sf_library_get_n_followed (library), ==, 0);
  close_library (g_steal_pointer (&library));
}

/* Every strict prefix of a real export is refused, whatever the cut. */
static void
test_import_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *export_path = g_build_filename (fixture->dir, "full.json", NULL);
  g_autofree char *cut_path = g_build_filename (fixture->dir, "cut.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, end;
  guint n_async = 0;

  for (gint64 id = 1; id <= 12; id++)
    {
      g_autofree char *name = g_strdup_printf ("Show “%" G_GINT64_FORMAT "” ✓", id);

      follow_id (library, id, name);
    }
  g_assert_true (export_to (library, export_path, NULL, &error));
  close_library (g_steal_pointer (&library));

  text = read_text (export_path);
  length = strlen (text);
  end = length;
  while (end > 0 && g_ascii_isspace (text[end - 1]))
    end--;

  library = open_library (cut_path);
  for (gsize cut = 0; cut < end; cut++)
    {
      g_autoptr(GArray) entries = sf_library_file_parse (text, cut, &error);

      g_assert_null (entries);
      g_assert_true (error->domain == SF_LIBRARY_ERROR);
      g_clear_error (&error);

      /* Through the whole import for a sample of the cuts. */
      if (cut % 97 == 0)
        {
          g_autofree char *path = g_build_filename (fixture->dir, "cut.json", NULL);

          write_bytes (path, text, (gssize) cut);
          g_assert_false (import_from (library, path, NULL, NULL, &error));
          g_assert_true (error->domain == SF_LIBRARY_ERROR);
          g_clear_error (&error);
          n_async++;
        }
    }
  g_assert_cmpuint (n_async, >, 5);
  g_assert_cmpuint (sf_library_get_n_followed (library), ==, 0);

  /* The whole file, and the file with its trailing newline cut, import. */
  {
    g_autoptr(GArray) entries = sf_library_file_parse (text, end, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 12);
  }

  close_library (g_steal_pointer (&library));
}

static void
test_import_duplicates (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *path = g_build_filename (fixture->dir, "dups.json", NULL);
  g_autoptr(GString) text = g_string_new (VALID_HEAD);
  g_autoptr(GError) error = NULL;
  guint n_added = 0, n_present = 0;

  follow_id (library, 10, "Ten, followed before");

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "{\"id\":1,\"name\":\"One #%u\"},", i);
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (text, "{\"id\":%u,\"name\":\"Again %u\",\"added\":%u},",
                            2 + i % 3, i, 1700000000 + i);
  g_string_append (text, "{\"id\":10,\"name\":\"Ten, renamed\"},{\"id\":10,\"name\":\"Ten\"}]}");
  write_bytes (path, text->str, (gssize) text->len);

  g_assert_true (import_from (library, path, &n_added, &n_present, &error));
  g_assert_no_error (error);
  /* 1, 2, 3 and 4 are new; 10 was there and keeps its name. */
  g_assert_cmpuint (n_added, ==, 4);
  g_assert_cmpuint (n_present, ==, 1);
  g_assert_cmpuint (sf_library_get_n_followed (library), ==, 5);
  g_assert_cmpstr (sf_library_lookup_name (library, 1), ==, "One #0");
  g_assert_cmpstr (sf_library_lookup_name (library, 2), ==, "Again 0");
  g_assert_cmpstr (sf_library_lookup_name (library, 4), ==, "Again 2");
  g_assert_cmpstr (sf_library_lookup_name (library, 10), ==, "Ten, followed before");

  {
    g_autofree char *listed = dup_list_text (library, TRUE);

    /* The first entry's added time wins. */
    g_assert_nonnull (strstr (listed, "0000000002=Again 0@1700000000"));
  }

  close_library (g_steal_pointer (&library));
}

/* Markup in names is text: kept byte for byte, never interpreted; unknown keys ignored. */
static void
test_import_markup (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const names[] = {
    "<b>Bold</b> &amp; <span foreground=\"red\" size=\"999999\">Loud</span>",
    "<script>alert(1)</script>",
    "&lt;not an entity&gt; &#0; &bogus;",
    "Ünïcödé ★ 日本語 \xe2\x80\xae reversed",
    "%s%s%s%n %x",
  };
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *path = g_build_filename (fixture->dir, "markup.json", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_added = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "series-finder-watchlist");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "comment");
  json_builder_add_string_value (builder, "<img src=x onerror=alert(1)>");
  json_builder_set_member_name (builder, "shows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, 500 + i);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "__proto__");
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "added");
      json_builder_add_string_value (builder, "not a date");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  write_bytes (path, text, -1);

  g_assert_true (import_from (library, path, &n_added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (sf_library_lookup_name (library, 500 + i), ==, names[i]);

  {
    g_autoptr(GPtrArray) shows = list (library);

    for (guint i = 0; i < shows->len; i++)
      {
        SfFollowedShow *followed = g_ptr_array_index (shows, i);
        gint64 id = sf_followed_show_get_id (followed);

        g_assert_cmpstr (sf_followed_show_get_name (followed), ==, names[id - 500]);
        /* An unreadable "added" reads as the time of the import. */
        g_assert_cmpint (sf_followed_show_get_added (followed), >, 1700000000);
      }
  }

  close_library (g_steal_pointer (&library));
}

static void
test_file_format (void)
{
  SfLibraryFileEntry entries[] = {
    { 139, (char *) "Girls", 1730000000 },
    { 5, (char *) "Quote \" and \\ and ★", 0 },
  };
  g_autoptr(GBytes) bytes = sf_library_file_build (entries, G_N_ELEMENTS (entries));
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);
  g_autofree char *with_bom = NULL;

  g_assert_true (g_str_has_prefix (text, "{\"format\":\"series-finder-watchlist\",\"version\":1,"));
  g_assert_nonnull (strstr (text, "\"added\":\"2024-10-27T03:33:20Z\""));

  parsed = sf_library_file_parse (text, size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 2);
  for (guint i = 0; i < parsed->len; i++)
    {
      SfLibraryFileEntry *entry = &g_array_index (parsed, SfLibraryFileEntry, i);

      g_assert_cmpint (entry->id, ==, entries[i].id);
      g_assert_cmpstr (entry->name, ==, entries[i].name);
      g_assert_cmpint (entry->added, ==, entries[i].added);
    }
  g_clear_pointer (&parsed, g_array_unref);

  /* A byte order mark, as some editors write, is fine. */
  with_bom = g_strconcat ("\xef\xbb\xbf", text, NULL);
  parsed = sf_library_file_parse (with_bom, strlen (with_bom), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 2);
  g_clear_pointer (&parsed, g_array_unref);

  /* An empty watchlist is a valid one. */
  parsed = sf_library_file_parse (VALID_HEAD "]}", strlen (VALID_HEAD "]}"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 0);
}

/* ------------------------------------------------------------------------------------------
 * Damage, versions and states
 */

static void
assert_recovered (SfLibrary  *library,
                  const char *path,
                  const char *old_content,
                  gsize       old_length)
{
  const char *message = sf_library_get_recovery_message (library);
  const char *moved = sf_library_get_moved_aside_path (library);
  g_autofree char *moved_name = NULL;
  g_autofree char *moved_content = NULL;
  g_autofree char *property = NULL;
  gsize moved_length = 0;

  g_assert_nonnull (message);
  g_assert_nonnull (moved);
  g_object_get (library, "recovery-message", &property, NULL);
  g_assert_cmpstr (property, ==, message);

  moved_name = g_path_get_basename (moved);
  g_assert_true (g_str_has_prefix (moved, path));
  g_assert_true (g_str_has_prefix (moved_name, "library.db.corrupt-"));
  /* The message says where the old file went. */
  g_assert_nonnull (strstr (message, moved_name));

  g_file_get_contents (moved, &moved_content, &moved_length, NULL);
  g_assert_nonnull (moved_content);
  if (old_content != NULL)
    {
      g_assert_cmpuint (moved_length, ==, old_length);
      g_assert_true (memcmp (moved_content, old_content, old_length) == 0);
    }

  /* A new, working watchlist with what could be salvaged (issue 11, case 7), and the
   * message says how much. */
  g_assert_cmpuint (sf_library_get_n_followed (library), ==,
                    sf_library_get_n_recovered (library));
  if (sf_library_get_n_recovered (library) > 0)
    {
      g_autofree char *count = g_strdup_printf (" %u series ",
                                                sf_library_get_n_recovered (library));

      g_assert_nonnull (strstr (message, count));
    }
  follow_id (library, 424242, "After the damage");
  g_assert_true (sf_library_is_followed (library, 424242));
}

/* Issue 11, case 7: 150 followed shows on some 40 pages, one page in the middle overwritten.
 * The damaged file is kept, and nearly every show comes back. */
static void
test_corrupt_salvage (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *content = NULL;
  sqlite3 *db = NULL;
  gsize length = 0;
  gsize n_pages, page;
  guint n_recovered;

  for (gint64 id = 1; id <= 150; id++)
    {
      g_autofree char *padded = g_strdup_printf ("Show %" G_GINT64_FORMAT " %0900d", id, 0);

      follow_id (library, id, padded);
    }
  close_library (g_steal_pointer (&library));

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  g_file_get_contents (fixture->path, &content, &length, NULL);
  n_pages = length / 4096;
  g_test_message ("%" G_GSIZE_FORMAT " pages", n_pages);
  g_assert_cmpuint (n_pages, >=, 30);
  page = n_pages / 2;
  memset (content + page * 4096, 0xa5, 4096);
  write_bytes (fixture->path, content, (gssize) length);

  library = open_library (fixture->path);
  n_recovered = sf_library_get_n_recovered (library);
  g_test_message ("%u of 150 recovered", n_recovered);
  g_assert_cmpuint (n_recovered, >=, 140);
  g_assert_cmpuint (n_recovered, <, 150);
  g_assert_true (sf_library_is_followed (library, 1));
  g_assert_true (sf_library_is_followed (library, 150));
  g_assert_true (g_str_has_prefix (sf_library_lookup_name (library, 150), "Show 150 "));
  assert_recovered (library, fixture->path, content, length);
  close_library (g_steal_pointer (&library));
}

static void
test_corrupt_garbage (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char garbage[] = "This is not a database, but a person's notes. 0123456789";
  g_autoptr(SfLibrary) library = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  guint notified = 0;

  write_bytes (fixture->path, garbage, sizeof garbage);
  library = sf_library_new (fixture->path);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    g_signal_connect (library, "notify::recovery-message", G_CALLBACK (on_notify), &notified);
    sf_library_open_async (library, NULL, sf_test_result_cb, &result);
    g_assert_true (sf_library_open_finish (library,
                                           sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                    "open"), &error));
    g_assert_no_error (error);
    /* The UI hears of it through the property. */
    g_assert_cmpuint (notified, ==, 1);
    g_signal_handlers_disconnect_by_data (library, &notified);
  }
  assert_recovered (library, fixture->path, garbage, sizeof garbage);
  close_library (g_steal_pointer (&library));

  /* Said once: the next open finds a sound file. */
  library = open_library (fixture->path);
  g_assert_null (sf_library_get_recovery_message (library));
  g_assert_true (sf_library_is_followed (library, 424242));
  close_library (g_steal_pointer (&library));

  /* A second damage goes aside next to the first, never over it. */
  for (guint i = 0; i < 8192; i++)
    g_string_append_c (big, (char) (0x80 | (i * 7919) % 127));
  write_bytes (fixture->path, big->str, (gssize) big->len);
  g_remove (wal);
  library = open_library (fixture->path);
  assert_recovered (library, fixture->path, big->str, big->len);
  close_library (g_steal_pointer (&library));
}

/* A real watchlist whose pages got overwritten: quick_check finds it. */
static void
test_corrupt_pages (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);
  g_autofree char *content = NULL;
  g_autofree char *big_name = g_strnfill (300, 'n');
  sqlite3 *db = NULL;
  gsize length = 0;

  for (gint64 id = 1; id <= 300; id++)
    follow_id (library, id, big_name);
  close_library (g_steal_pointer (&library));

  /* Everything into the main file, then damage the b-tree pages past the header. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  g_file_get_contents (fixture->path, &content, &length, NULL);
  g_assert_cmpuint (length, >, 16384);
  for (gsize i = 4096; i < length; i += 4096)
    memset (content + i, 0xa5, 64);
  write_bytes (fixture->path, content, (gssize) length);

  library = open_library (fixture->path);
  assert_recovered (library, fixture->path, content, length);
  close_library (g_steal_pointer (&library));
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Files that are sound but not ours to change: refused, left byte for byte. */
static void
test_refused_files (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char     *sql;
    SfLibraryError  code;
  } cases[] = {
    { "CREATE TABLE shows (id INTEGER PRIMARY KEY, future TEXT);"
      "PRAGMA application_id = 1397115991; PRAGMA user_version = 99;",
      SF_LIBRARY_ERROR_NEWER_VERSION },
    { "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me');",
      SF_LIBRARY_ERROR_FOREIGN },
    { "CREATE TABLE t (x); PRAGMA application_id = 1234;", SF_LIBRARY_ERROR_FOREIGN },
    { "PRAGMA journal_mode = WAL; CREATE TABLE t (x); PRAGMA user_version = 3;",
      SF_LIBRARY_ERROR_FOREIGN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfLibrary) library = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GAsyncResult) closed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_length = 0, after_length = 0;

      g_remove (fixture->path);
      exec_sql (fixture->path, cases[i].sql);
      g_file_get_contents (fixture->path, &before, &before_length, NULL);

      library = sf_library_new (fixture->path);
      sf_library_open_async (library, NULL, sf_test_result_cb, &result);
      g_assert_false (sf_library_open_finish (library,
                                              sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                       "open"), &error));
      g_assert_error (error, SF_LIBRARY_ERROR, (int) cases[i].code);
      g_assert_null (sf_library_get_recovery_message (library));
      g_assert_false (sf_library_is_open (library));
      g_clear_error (&error);

      /* Nothing works on it, and closing it still ends the thread. */
      {
        g_autoptr(GAsyncResult) listed = NULL;

        sf_library_list_async (library, NULL, sf_test_result_cb, &listed);
        g_assert_null (sf_library_list_finish (library,
                                               sf_test_wait_for_result (&listed, TIMEOUT_MS,
                                                                        "list"), &error));
        g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_CLOSED);
        g_clear_error (&error);
      }
      sf_library_close_async (library, NULL, sf_test_result_cb, &closed);
      g_assert_true (sf_library_close_finish (library,
                                              sf_test_wait_for_result (&closed, TIMEOUT_MS,
                                                                       "close"), NULL));
      g_clear_object (&result);
      g_clear_object (&closed);
      g_assert_finalize_object (g_steal_pointer (&library));

      g_file_get_contents (fixture->path, &after, &after_length, NULL);
      g_assert_cmpuint (before_length, ==, after_length);
      g_assert_true (memcmp (before, after, before_length) == 0);
    }
}

static void
test_states (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SfLibrary) library = sf_library_new (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = show_new (1, "One");

  /* Before opening: nothing is followed, nothing is done. */
  g_assert_false (sf_library_is_open (library));
  g_assert_false (sf_library_is_followed (library, 1));
  sf_library_follow_async (library, show, NULL, NULL, sf_test_result_cb, &result);
  g_assert_false (sf_library_follow_finish (library,
                                            sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                     "follow"), &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_CLOSED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Calls made while opening wait for it. */
  sf_library_open_async (library, NULL, sf_test_result_cb, &result);
  {
    g_autoptr(GAsyncResult) followed = NULL;

    sf_library_follow_async (library, show, NULL, NULL, sf_test_result_cb, &followed);
    g_assert_true (sf_library_follow_finish (library,
                                             sf_test_wait_for_result (&followed, TIMEOUT_MS,
                                                                      "follow"),
                                             &error));
    g_assert_no_error (error);
  }
  g_assert_true (sf_library_open_finish (library,
                                         sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                  "open"), &error));
  g_assert_true (sf_library_is_followed (library, 1));
  g_clear_object (&result);

  /* A second open is refused. */
  sf_library_open_async (library, NULL, sf_test_result_cb, &result);
  g_assert_false (sf_library_open_finish (library,
                                          sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                   "open"), &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_OPEN);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A cancelled write that had not started changes nothing. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(SfShow) two = show_new (2, "Two");

    g_cancellable_cancel (cancellable);
    sf_library_follow_async (library, two, NULL, cancellable, sf_test_result_cb, &result);
    g_assert_false (sf_library_follow_finish (library,
                                              sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                       "follow"), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (sf_library_is_followed (library, 2));
    g_clear_error (&error);
    g_clear_object (&result);
  }

  sf_library_close_async (library, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_close_finish (library,
                                          sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                   "close"), &error));
  g_clear_object (&result);

  /* After closing: refused. */
  sf_library_unfollow_async (library, 1, NULL, sf_test_result_cb, &result);
  g_assert_false (sf_library_unfollow_finish (library,
                                              sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                       "unfollow"), &error));
  g_assert_error (error, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_CLOSED);
  g_clear_object (&result);

  g_assert_finalize_object (g_steal_pointer (&library));
}

/* A library dropped without closing ends its thread by itself, and loses nothing. */
static void
test_unclosed (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SfLibrary) library = open_library (fixture->path);

  follow_id (library, 77, "Seventy-seven");
  g_assert_finalize_object (g_steal_pointer (&library));

  library = open_library (fixture->path);
  g_assert_true (sf_library_is_followed (library, 77));
  close_library (g_steal_pointer (&library));
}

/* Iterates the default context until @library says whether @id is followed as @expected. */
static void
wait_followed (SfLibrary  *library,
               gint64      id,
               gboolean    expected,
               const char *what)
{
  SF_TEST_WAIT_UNTIL (sf_library_is_followed (library, id) == expected, TIMEOUT_MS, what);
}

/* Another connection to the file (as `series-finder --follow` from a terminal would be)
 * writes while this one is open: the open one reloads and says so. Its own writes are
 * said once, not once more by the folder monitor. */
static void
test_other_writer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SfLibrary) window = open_library (fixture->path);
  g_autoptr(SfLibrary) terminal = open_library (fixture->path);
  g_autofree char *text = NULL;
  guint changed = 0;

  g_signal_connect (window, "changed", G_CALLBACK (on_changed), &changed);

  follow_id (terminal, 5, "Followed Elsewhere");
  wait_followed (window, 5, TRUE, "the other connection's follow");
  g_assert_cmpuint (changed, >=, 1);
  g_assert_cmpstr (sf_library_lookup_name (window, 5), ==, "Followed Elsewhere");
  text = dup_list_text (window, FALSE);
  g_assert_cmpstr (text, ==, "0000000005=Followed Elsewhere");

  unfollow (terminal, 5);
  wait_followed (window, 5, FALSE, "the other connection's unfollow");
  g_assert_cmpuint (sf_library_get_n_followed (window), ==, 0);

  /* Let the monitor's events of those writes settle, then write here. */
  sf_test_run_for (500);
  changed = 0;
  follow_id (window, 6, "Followed Here");
  sf_test_run_for (500);
  g_assert_cmpuint (changed, ==, 1);

  /* ... and the other connection sees it in turn. */
  wait_followed (terminal, 6, TRUE, "this connection's follow, seen by the other");

  g_signal_handlers_disconnect_by_data (window, &changed);
  close_library (g_steal_pointer (&terminal));
  close_library (g_steal_pointer (&window));
}

/* The same where no file monitor works: the library asks SQLite at intervals instead. */
static void
test_other_writer_polling (Fixture       *fixture,
                           gconstpointer  data)
{
  g_setenv ("SERIES_FINDER_LIBRARY_POLL_MS", "50", TRUE);
  test_other_writer (fixture, data);
  g_unsetenv ("SERIES_FINDER_LIBRARY_POLL_MS");
}

static void
test_default_path (void)
{
  g_autofree char *path = sf_library_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "series-finder",
                                                "library.db", NULL);
  g_autoptr(SfLibrary) library = sf_library_new (NULL);

  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpstr (sf_library_get_path (library), ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

#define ADD(name, func) \
  g_test_add ("/series-finder/library/" name, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("follow-unfollow", test_follow_unfollow);
  ADD ("persistence", test_persistence);
  ADD ("snapshot", test_snapshot);
  ADD ("order", test_order);
  ADD ("follow-latency", test_follow_latency);
  ADD ("export-import", test_export_import);
  ADD ("export-failure", test_export_failure);
  ADD ("import-refused", test_import_refused);
  ADD ("import-skips-bad-shows", test_import_skips_bad_shows);
  ADD ("export-import-property", test_export_import_property);
  ADD ("import-unreadable", test_import_unreadable);
  ADD ("import-truncated", test_import_truncated);
  ADD ("import-duplicates", test_import_duplicates);
  ADD ("import-markup", test_import_markup);
  ADD ("corrupt-garbage", test_corrupt_garbage);
  ADD ("corrupt-pages", test_corrupt_pages);
  ADD ("corrupt-salvage", test_corrupt_salvage);
  ADD ("refused-files", test_refused_files);
  ADD ("states", test_states);
  ADD ("unclosed", test_unclosed);
  ADD ("other-writer", test_other_writer);
  ADD ("other-writer-polling", test_other_writer_polling);
  g_test_add_func ("/series-finder/library/file-format", test_file_format);
  g_test_add_func ("/series-finder/library/default-path", test_default_path);

  return g_test_run ();
}
