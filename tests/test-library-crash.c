/* test-library-crash.c: a writer process killed at random moments, many times over; every
 * reopen must find the watchlist exactly as it was before or after the last write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child (this binary with --writer) applies write number G = start+1, start+2, ... to
 * the watchlist through SfLibrary, each a transaction; it appends "-G\n" to a log before
 * asking for write G and "G\n" once it has been committed. The writes are a pure function
 * of G (follow show G, unfollow show G-1, or import ten shows in one transaction), so the
 * parent knows the watchlist after any G. After SIGKILL at a random moment, with L the
 * last write logged as committed, the database must hold exactly the watchlist after L
 * (the next write was lost, or never committed) or after L+1 (committed, killed before
 * logging it); nothing in between, no broken row, and SQLite's integrity check must pass.
 * The next child goes on from there.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "sf-library.h"
#include "sf-test-kit.h"

#define N_KILLS 30
#define MIN_DELAY_MS 0
#define MAX_DELAY_MS 250
#define TIMEOUT_MS 30000
#define IMPORT_SIZE 10
#define IMPORT_BASE 1000000

static char *self_path;

/* ------------------------------------------------------------------------------------------
 * The model: what the watchlist holds after write G
 */

typedef enum
{
  OP_FOLLOW,
  OP_UNFOLLOW,
  OP_IMPORT,
} Op;

static Op
op_for (gint64 generation)
{
  if (generation % 7 == 0)
    return OP_IMPORT;
  if (generation % 3 == 0)
    return OP_UNFOLLOW;
  return OP_FOLLOW;
}

static char *
dup_follow_name (gint64 id)
{
  return g_strdup_printf ("Show %" G_GINT64_FORMAT " “crash” ★", id);
}

static char *
dup_import_name (gint64 id)
{
  return g_strdup_printf ("Imported %" G_GINT64_FORMAT, id);
}

/* id -> expected name, after @generation writes */
static GHashTable *
model_after (gint64 generation)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (gint64 g = 1; g <= generation; g++)
    {
      switch (op_for (g))
        {
        case OP_FOLLOW:
          if (!g_hash_table_contains (set, &g))
            g_hash_table_insert (set, g_memdup2 (&g, sizeof g), dup_follow_name (g));
          break;
        case OP_UNFOLLOW:
          {
            gint64 id = g - 1;

            g_hash_table_remove (set, &id);
          }
          break;
        case OP_IMPORT:
          for (gint64 k = 0; k < IMPORT_SIZE; k++)
            {
              gint64 id = IMPORT_BASE + g * IMPORT_SIZE + k;

              g_hash_table_insert (set, g_memdup2 (&id, sizeof id), dup_import_name (id));
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return set;
}

/* ------------------------------------------------------------------------------------------
 * The child
 */

/* A TVmaze-like snapshot of a few KB, so that a write spans several pages. */
static char *
dup_snapshot (gint64      id,
              const char *name)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (summary, "<p>Paragraph %u of show %" G_GINT64_FORMAT ".</p>", i, id);

  return g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"name\":\"%s\",\"status\":\"Running\","
                          "\"summary\":\"%s\"}", id, name, summary->str);
}

static gboolean
child_write (SfLibrary   *library,
             gint64       generation,
             const char  *dir,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  switch (op_for (generation))
    {
    case OP_FOLLOW:
      {
        g_autofree char *name = dup_follow_name (generation);
        g_autofree char *json = dup_snapshot (generation, name);
        g_autoptr(JsonNode) node = json_from_string (json, NULL);
        g_autoptr(SfShow) show = sf_show_new_from_json (node, error);

        if (show == NULL)
          return FALSE;
        sf_library_follow_async (library, show, json, NULL, sf_test_result_cb, &result);
        return sf_library_follow_finish (library,
                                         sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                  "the child's call"), error);
      }

    case OP_UNFOLLOW:
      sf_library_unfollow_async (library, generation - 1, NULL, sf_test_result_cb, &result);
      return sf_library_unfollow_finish (library,
                                         sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                  "the child's call"), error);

    case OP_IMPORT:
      {
        g_autoptr(GString) text = g_string_new ("{\"format\":\"series-finder-watchlist\","
                                                "\"version\":1,\"shows\":[");
        g_autofree char *path = g_build_filename (dir, "import.json", NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        guint n_added = 0;

        for (gint64 k = 0; k < IMPORT_SIZE; k++)
          {
            gint64 id = IMPORT_BASE + generation * IMPORT_SIZE + k;
            g_autofree char *name = dup_import_name (id);

            g_string_append_printf (text, "%s{\"id\":%" G_GINT64_FORMAT ",\"name\":\"%s\"}",
                                    k > 0 ? "," : "", id, name);
          }
        g_string_append (text, "]}");
        if (!g_file_set_contents (path, text->str, (gssize) text->len, error))
          return FALSE;

        sf_library_import_async (library, file, NULL, sf_test_result_cb, &result);
        if (!sf_library_import_finish (library,
                                       sf_test_wait_for_result (&result, TIMEOUT_MS, "an import"),
                                       &n_added, NULL, error))
          return FALSE;
        g_assert_cmpuint (n_added, ==, IMPORT_SIZE);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* --writer DB LOG START: writes until killed; never returns normally. */
static int
child_main (const char *db_path,
            const char *log_path,
            gint64      start)
{
  g_autoptr(SfLibrary) library = sf_library_new (db_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (log_path);
  int log_fd;

  log_fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0)
    return 3;

  sf_library_open_async (library, NULL, sf_test_result_cb, &result);
  if (!sf_library_open_finish (library,
                               sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                        "the child's call"), &error))
    {
      g_printerr ("writer: open failed: %s\n", error->message);
      return 4;
    }
  if (sf_library_get_recovery_message (library) != NULL)
    {
      g_printerr ("writer: the database was found damaged\n");
      return 5;
    }

  for (gint64 generation = start + 1; ; generation++)
    {
      char line[32];
      int length;

      length = g_snprintf (line, sizeof line, "-%" G_GINT64_FORMAT "\n", generation);
      if (write (log_fd, line, (size_t) length) != length)
        return 7;

      if (!child_write (library, generation, dir, &error))
        {
          g_printerr ("writer: write %" G_GINT64_FORMAT " failed: %s\n", generation,
                      error->message);
          return 6;
        }

      /* Only now is write G known to be committed. */
      length = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n", generation);
      if (write (log_fd, line, (size_t) length) != length)
        return 7;
    }
}

/* ------------------------------------------------------------------------------------------
 * The parent
 */

/* The last write logged as committed; *out_in_flight when the next one had been asked for. */
static gint64
read_last_logged (const char *log_path,
                  gint64      fallback,
                  gboolean   *out_in_flight)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 last = fallback;

  *out_in_flight = FALSE;
  if (!g_file_get_contents (log_path, &text, NULL, NULL))
    return fallback;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* A line is written whole or not at all; an empty one is the end. */
      if (lines[i][0] == '-')
        {
          g_assert_cmpint (g_ascii_strtoll (lines[i] + 1, NULL, 10), ==, last + 1);
          *out_in_flight = TRUE;
        }
      else if (lines[i][0] != '\0')
        {
          gint64 value = g_ascii_strtoll (lines[i], NULL, 10);

          g_assert_cmpint (value, ==, last + 1);
          g_assert_true (*out_in_flight);
          last = value;
          *out_in_flight = FALSE;
        }
    }

  return last;
}

/* id -> name as stored, after checking SQLite's integrity check and every row's shape. */
static GHashTable *
read_database (const char *path)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Killed before the file was even created. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return set;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* A kill while creating the file leaves no schema at all, never half of one. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return set;
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, name, added, snapshot FROM shows", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *snapshot = (const char *) sqlite3_column_text (stmt, 3);

      g_assert_cmpint (id, >, 0);
      g_assert_nonnull (name);
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), >, 0);

      if (id < IMPORT_BASE)
        {
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(GError) error = NULL;

          /* A followed show's snapshot is there, whole. */
          g_assert_nonnull (snapshot);
          node = json_from_string (snapshot, &error);
          g_assert_no_error (error);
          g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "id"), ==, id);
        }
      else
        g_assert_null (snapshot);

      g_hash_table_insert (set, g_memdup2 (&id, sizeof id), g_strdup (name));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return set;
}

static gboolean
sets_equal (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

/* The watchlist as the program itself sees it on its next start. */
static void
check_through_library (const char *path,
                       GHashTable *expected)
{
  g_autoptr(SfLibrary) library = sf_library_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  sf_library_open_async (library, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_open_finish (library,
                                         sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                  "open"), &error));
  g_assert_no_error (error);
  g_assert_null (sf_library_get_recovery_message (library));
  g_assert_cmpuint (sf_library_get_n_followed (library), ==, g_hash_table_size (expected));

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (sf_library_lookup_name (library, *(gint64 *) key), ==, value);

  sf_library_close_async (library, NULL, sf_test_result_cb, &closed);
  g_assert_true (sf_library_close_finish (library,
                                          sf_test_wait_for_result (&closed, TIMEOUT_MS,
                                                                   "close"), &error));
  g_clear_object (&result);
  g_clear_object (&closed);
  g_assert_finalize_object (g_steal_pointer (&library));
}

/* SF_TEST_SLOWDOWN=N: the kills spread over N times as long, for builds where the child
 * takes longer to get going (ASan and UBSan in CI). */
static int
slowdown_factor (void)
{
  const char *text = g_getenv ("SF_TEST_SLOWDOWN");
  gint64 factor = 1;

  if (text != NULL && !g_ascii_string_to_signed (text, 10, 1, 100, &factor, NULL))
    factor = 1;
  return (int) factor;
}

static void
sleep_ms (guint ms)
{
  g_usleep ((gulong) ms * 1000);
}

static void
test_kill_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-library-crash-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *log_path = g_build_filename (dir, "committed.log", NULL);
  gint64 generation = 0;
  guint n_before = 0, n_after = 0, n_empty = 0, n_in_flight = 0;
  gint64 started = g_get_monotonic_time ();

  g_assert_no_error (error);

  for (guint kill_number = 0; kill_number < N_KILLS; kill_number++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, generation);
      g_autoptr(GHashTable) stored = NULL;
      g_autoptr(GHashTable) expected_before = NULL;
      g_autoptr(GHashTable) expected_after = NULL;
      guint delay = (guint) g_test_rand_int_range (MIN_DELAY_MS,
                                                   MAX_DELAY_MS * slowdown_factor () + 1);
      gint64 logged;
      gboolean in_flight = FALSE;

      g_remove (log_path);
      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, self_path,
                                "--writer", db_path, log_path, start, NULL);
      g_assert_no_error (error);

      sleep_ms (delay);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);

      /* It died of the kill, not of a failure of its own. */
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      logged = read_last_logged (log_path, generation, &in_flight);
      /* Killed between asking for a write and hearing it was committed. */
      if (in_flight)
        n_in_flight++;
      stored = read_database (db_path);
      expected_before = model_after (logged);
      expected_after = model_after (logged + 1);

      if (sets_equal (stored, expected_before))
        {
          n_before++;
          generation = logged;
        }
      else if (sets_equal (stored, expected_after))
        {
          /* Committed, killed before it could say so. */
          g_assert_true (in_flight);
          n_after++;
          generation = logged + 1;
        }
      else
        g_error ("After kill %u (at %u ms, last logged write %" G_GINT64_FORMAT "), the "
                 "watchlist holds %u shows: neither the %u before nor the %u after that write",
                 kill_number + 1, delay, logged, g_hash_table_size (stored),
                 g_hash_table_size (expected_before), g_hash_table_size (expected_after));

      if (g_hash_table_size (stored) == 0)
        n_empty++;

      check_through_library (db_path, stored);
    }

  g_test_message ("%u kills in %.1f s, %" G_GINT64_FORMAT " writes committed in all; %u kills "
                  "landed while a write was in flight (asked for, not yet reported done); "
                  "reopens found the state before the last write %u times and after it %u "
                  "times (committed, not yet logged), never anything else; %u found an empty "
                  "watchlist (killed before the first commit)",
                  N_KILLS, (g_get_monotonic_time () - started) / 1e6, generation, n_in_flight,
                  n_before, n_after, n_empty);
  /* The writes went somewhere: a test that never got past opening proves nothing. */
  g_assert_cmpint (generation, >, N_KILLS);

  sf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--writer"))
    return child_main (argv[2], argv[3], g_ascii_strtoll (argv[4], NULL, 10));

  g_test_init (&argc, &argv, NULL);

  self_path = g_canonicalize_filename (argv[0], NULL);
  if (!g_file_test (self_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_free (self_path);
      self_path = g_file_read_link ("/proc/self/exe", NULL);
    }

  g_test_add_func ("/series-finder/library-crash/kill-writer", test_kill_writer);

  return g_test_run ();
}
