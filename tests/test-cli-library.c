/* test-cli-library.c: `--watchlist`, `--follow=ID` and `--unfollow=ID` against the fake TVmaze
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sf-cli-library.h"
#include "sf-cli-text.h"
#include "sf-fake-server.h"
#include "sf-library.h"
#include "sf-show-details.h"
#include "sf-test-kit.h"

#define N_SHOWS 300
#define SEED 42
#define MISSING_SHOW 100000
#define MSEC ((gint64) 1000)
#define TIMEOUT_MS 30000

typedef struct
{
  char           *dir;
  char           *path;
  SfFakeServer   *server;
  SoupSession    *session;
  SfTvmazeClient *client;
} Fixture;

typedef struct
{
  int   status;
  char *out;      /* owned */
  char *err;      /* owned */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef enum
{
  CMD_WATCHLIST,
  CMD_FOLLOW,
  CMD_UNFOLLOW,
} Command;

/* The file's text without GTest's "# " comment lines (debug messages land there too). */
static char *
read_and_remove (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *kept = g_string_new (NULL);

  g_file_get_contents (path, &text, NULL, NULL);
  g_remove (path);
  if (text == NULL)
    return g_string_free (kept, FALSE);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "# "))
        continue;
      g_string_append (kept, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (kept, '\n');
    }

  return g_string_free (kept, FALSE);
}

/* What the program's g_print does outside a test: the text as it is, on stdout. */
static void
print_to_stdout (const char *text)
{
  fputs (text, stdout);
}

typedef struct
{
  GLogFunc func;
  gpointer data;
} LogHandler;

/* Debug messages are what GTest prints as comments; the rest goes to GTest as usual. */
static void
drop_debug_log (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
  LogHandler *test_handler = user_data;

  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return;
  test_handler->func (domain, level, message, test_handler->data);
}

/* Runs a command as the program would, with stdout and stderr captured in files. */
static void
run_command (Fixture *fixture,
             Command  command,
             gint64   id,
             Run     *run)
{
  g_autofree char *out_path = g_build_filename (fixture->dir, "stdout", NULL);
  g_autofree char *err_path = g_build_filename (fixture->dir, "stderr", NULL);
  /* As the program does: the backend's watchlist, not open yet */
  g_autoptr(SfLibrary) library = sf_library_new (fixture->path);
  int out_fd, err_fd, saved_out, saved_err;
  GPrintFunc test_print;
  LogHandler test_log;
  guint timeout;

  fflush (stdout);
  fflush (stderr);
  out_fd = open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  err_fd = open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  saved_out = dup (STDOUT_FILENO);
  saved_err = dup (STDERR_FILENO);
  dup2 (out_fd, STDOUT_FILENO);
  dup2 (err_fd, STDERR_FILENO);
  /* From GLib 2.80, g_test_init() installs a print handler that puts "# " before every
   * g_print (TAP comments), so the command's output would read as comments: while it runs,
   * g_print prints as in the program. GTest's log handler prints debug messages with
   * g_print too, which would then land in the output unmarked, so they are dropped
   * meanwhile. */
  test_log.func = g_log_set_default_handler (drop_debug_log, &test_log);
  test_log.data = NULL;
  test_print = g_set_print_handler (print_to_stdout);

  /* The commands run their own loops; a hang fails the test instead of blocking it. */
  timeout = sf_test_watchdog_add (TIMEOUT_MS, "a command");
  switch (command)
    {
    case CMD_WATCHLIST:
      run->status = sf_cli_watchlist_run (fixture->client, library);
      break;
    case CMD_FOLLOW:
      run->status = sf_cli_follow_run (fixture->client, library, id);
      break;
    case CMD_UNFOLLOW:
      run->status = sf_cli_unfollow_run (library, id);
      break;
    default:
      g_assert_not_reached ();
    }
  g_source_remove (timeout);
  g_set_print_handler (test_print);
  g_log_set_default_handler (test_log.func, test_log.data);

  fflush (stdout);
  fflush (stderr);
  dup2 (saved_out, STDOUT_FILENO);
  dup2 (saved_err, STDERR_FILENO);
  close (saved_out);
  close (saved_err);
  close (out_fd);
  close (err_fd);

  run->out = read_and_remove (out_path);
  run->err = read_and_remove (err_path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sf_test_make_temp_dir ("test-cli-library-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "data", "library.db", NULL);

  fixture->server = sf_fake_server_new (N_SHOWS, SEED);
  g_assert_true (sf_fake_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
  fixture->client = sf_tvmaze_client_new (fixture->session,
                                          sf_fake_server_get_url (fixture->server));
  sf_tvmaze_client_set_retry_base_delay (fixture->client, 10 * MSEC);
  sf_tvmaze_client_set_max_retries (fixture->client, 1);
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (fixture->client), 10000,
                              G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  sf_fake_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  sf_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_follow_unfollow (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, 12);
  g_autofree char *following = g_strdup_printf ("Following %s\n", name);
  g_autofree char *already = g_strdup_printf ("Already following %s\n", name);
  g_autofree char *unfollowed = g_strdup_printf ("No longer following %s\n", name);

  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 12, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, following));
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 12, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, already);
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, MISSING_SHOW, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, "No series with id 100000\n");
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 0, &run);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_UNFOLLOW, 12, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, unfollowed);
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_UNFOLLOW, 12, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "You are not following a series with id 12.\n");
  }
}

/* When the next episode airs, for ordering; G_MAXINT64 when there is none. */
static gint64
next_airs (Fixture *fixture,
           gint64   id)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SfShowDetails) details = NULL;
  g_autofree char *url = g_strdup_printf ("%s/shows/%" G_GINT64_FORMAT "?embed=nextepisode",
                                          sf_fake_server_get_url (fixture->server), id);
  SfEpisode *next;

  message = soup_message_new ("GET", url);
  bytes = soup_session_send_and_read (session, message, NULL, NULL);
  g_assert_nonnull (bytes);
  details = sf_show_details_parse_embedded (g_bytes_get_data (bytes, NULL),
                                            (gssize) g_bytes_get_size (bytes), NULL);
  g_assert_nonnull (details);

  next = sf_show_details_get_next_episode (details);
  if (next == NULL || sf_episode_get_airstamp (next) == NULL)
    return G_MAXINT64;

  return g_date_time_to_unix (sf_episode_get_airstamp (next));
}

static void
test_watchlist (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const char *section = NULL;
  guint n_sections = 0;
  gint64 last_airs = G_MININT64;

  {
    g_auto(Run) empty = { 0, };

    run_command (fixture, CMD_WATCHLIST, 0, &empty);
    g_assert_cmpint (empty.status, ==, 0);
    g_assert_cmpstr (empty.out, ==, "");
    g_assert_nonnull (strstr (empty.err, "empty"));
  }

  for (gint64 id = 2; id <= 25; id++)
    {
      g_auto(Run) follow = { 0, };

      run_command (fixture, CMD_FOLLOW, id, &follow);
      g_assert_cmpint (follow.status, ==, 0);
    }

  run_command (fixture, CMD_WATCHLIST, 0, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_test_message ("--watchlist printed:\n%s", run.out);

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gint64 id;
      g_autofree char *name = NULL;

      if (*line == '\0')
        continue;

      if (line[0] != ' ')
        {
          /* Headings come in this order, each at most once. */
          g_assert_true (g_str_equal (line, "Next episodes") ||
                         g_str_equal (line, "Nothing announced") || g_str_equal (line, "Ended"));
          if (section != NULL)
            g_assert_true ((g_str_equal (section, "Next episodes")) ||
                           (g_str_equal (section, "Nothing announced") &&
                            g_str_equal (line, "Ended")));
          section = line;
          n_sections++;
          continue;
        }

      g_assert_nonnull (section);
      id = g_ascii_strtoll (line + 2, NULL, 10);
      g_assert_cmpint (id, >=, 2);
      g_assert_cmpint (id, <=, 25);
      g_assert_true (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)));
      name = sf_fake_server_dup_show_name (fixture->server, id);
      g_assert_nonnull (strstr (line, name));

      if (g_str_equal (section, "Next episodes"))
        {
          gint64 airs = next_airs (fixture, id);

          /* soonest first, with "in N days" or "N days ago" */
          g_assert_cmpint (airs, >=, last_airs);
          last_airs = airs;
          g_assert_true (strstr (line, " · S") != NULL || strstr (line, " · Special") != NULL);
          g_assert_true (strstr (line, "day") != NULL || strstr (line, "today") != NULL);
        }
      else
        g_assert_cmpint (next_airs (fixture, id), ==, G_MAXINT64);
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 24);
  g_assert_cmpuint (n_sections, >=, 2);
}

static void
test_watchlist_offline (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, 7);

  {
    g_auto(Run) follow = { 0, };

    run_command (fixture, CMD_FOLLOW, 7, &follow);
    g_assert_cmpint (follow.status, ==, 0);
  }

  sf_fake_server_stop (fixture->server);
  run_command (fixture, CMD_WATCHLIST, 0, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, name));
  g_assert_nonnull (strstr (run.err, "showing what was known before"));
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (fixture->path, "garbage, not a database at all", -1, &error);
  g_assert_no_error (error);

  run_command (fixture, CMD_WATCHLIST, 0, &run);
  g_assert_cmpint (run.status, ==, 0);
  /* Said, not silently emptied. */
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_assert_nonnull (strstr (run.err, "library.db.corrupt-"));
}

static void
count_changed (SfLibrary *library,
               guint     *count)
{
  (*count)++;
}

/* The window is open while `--follow` and `--unfollow` run in a terminal: its watchlist
 * follows without a restart. */
static void
test_window_sees_terminal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SfLibrary) window = sf_library_new (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  sf_library_open_async (window, NULL, sf_test_result_cb, &result);
  SF_TEST_WAIT_UNTIL (result != NULL, TIMEOUT_MS, "the open");
  g_assert_true (sf_library_open_finish (window, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_signal_connect (window, "changed", G_CALLBACK (count_changed), &changed);

  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 21, &run);
    g_assert_cmpint (run.status, ==, 0);
  }
  SF_TEST_WAIT_UNTIL (sf_library_is_followed (window, 21), TIMEOUT_MS, "the window to see it");
  g_assert_cmpuint (changed, >=, 1);

  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_UNFOLLOW, 21, &run);
    g_assert_cmpint (run.status, ==, 0);
  }
  SF_TEST_WAIT_UNTIL (!sf_library_is_followed (window, 21), TIMEOUT_MS, "the window to see it");

  g_signal_handlers_disconnect_by_data (window, &changed);
  sf_library_close_async (window, NULL, sf_test_result_cb, &result);
  SF_TEST_WAIT_UNTIL (result != NULL, TIMEOUT_MS, "the close");
  g_assert_true (sf_library_close_finish (window, result, &error));
  g_assert_no_error (error);
}

/* Issue 11, case 10: asked for one show, the server answered another; nothing is followed. */
static void
test_follow_wrong_show (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *asked = sf_fake_server_dup_show_name (fixture->server, 12);
  g_autofree char *served = sf_fake_server_dup_show_name (fixture->server, 77);

  g_assert_nonnull (asked);
  g_assert_nonnull (served);
  sf_fake_server_alias_show (fixture->server, 12, 77);

  run_command (fixture, CMD_FOLLOW, 12, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "series-finder: TVmaze answered with series 77 when asked for "
                                "series 12; nothing was followed.\n");

  {
    g_auto(Run) list = { 0, };

    run_command (fixture, CMD_WATCHLIST, 0, &list);
    g_assert_cmpint (list.status, ==, 0);
    g_assert_cmpstr (list.out, ==, "");
    g_assert_nonnull (strstr (list.err, "empty"));
  }
}

/* Issue 11, case 4: a show named with escape sequences, CR/LF and a right-to-left override
 * reaches the terminal without any of them, in --follow, --watchlist and --unfollow. */
#define HOSTILE_NAME "Evil\033]0;pwned\007\033[2J\r\nFAKE 1 Line\tTab\u202Eesrever\u2066x\u2069\302\233"
#define CLEAN_NAME "Evil]0;pwned[2J  FAKE 1 Line Tabesreverx"

static void
assert_terminal_safe (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c == '\n' || (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F)));
      g_assert_false ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
                      c == 0x200E || c == 0x200F);
    }
}

static void
test_terminal_injection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *clean = NULL;

  /* the one function every text printer uses */
  clean = sf_cli_text_clean (HOSTILE_NAME);
  g_assert_cmpstr (clean, ==, CLEAN_NAME);
  g_clear_pointer (&clean, g_free);
  clean = sf_cli_text_clean_lines ("one\n\033[31mtwo\r\n\u200Fthree");
  g_assert_cmpstr (clean, ==, "one\n[31mtwo \nthree");
  g_clear_pointer (&clean, g_free);
  clean = sf_cli_text_clean ("bad \xff\xfe utf-8");
  g_assert_true (g_utf8_validate (clean, -1, NULL));
  g_assert_null (sf_cli_text_clean (NULL));

  sf_fake_server_override_show (fixture->server, 12, HOSTILE_NAME, NULL);

  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 12, &run);
    g_assert_cmpint (run.status, ==, 0);
    assert_terminal_safe (run.out);
    g_assert_true (g_str_has_prefix (run.out, "Following " CLEAN_NAME "\n"));
  }
  {
    g_auto(Run) run = { 0, };
    g_auto(GStrv) lines = NULL;

    run_command (fixture, CMD_WATCHLIST, 0, &run);
    g_assert_cmpint (run.status, ==, 0);
    assert_terminal_safe (run.out);
    assert_terminal_safe (run.err);
    g_assert_nonnull (strstr (run.out, " " CLEAN_NAME));
    /* a heading and one show: no forged line */
    lines = g_strsplit (run.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), <=, 3);
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 12, &run);
    g_assert_cmpstr (run.out, ==, "Already following " CLEAN_NAME "\n");
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_UNFOLLOW, 12, &run);
    g_assert_cmpstr (run.out, ==, "No longer following " CLEAN_NAME "\n");
  }
}

/* Issue 11, case 12: a data folder that cannot be written. --watchlist still lists, follow
 * and unfollow fail with a sentence for a person, never SQL. Root writes anywhere, so the
 * read-only path is forced here; read-only-folder below uses a real chmod when not root. */
static void
check_read_only_commands (Fixture *fixture)
{
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  /* g_printerr() converts to the locale's charset: the apostrophe may come out as '?' */
  g_autofree char *expected = g_strdup_printf (" write to its data folder (%s): it is "
                                               "read-only.\n", folder);

  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_WATCHLIST, 0, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, " 12 "));
    g_assert_nonnull (strstr (run.out, " 13 "));
    g_assert_null (strstr (run.err, "INSERT"));
    g_assert_null (strstr (run.err, "UPDATE"));
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 14, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_true (g_str_has_prefix (run.err, "series-finder: Series Finder can"));
    g_assert_true (g_str_has_suffix (run.err, expected));
  }
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_UNFOLLOW, 12, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, "series-finder: Series Finder can"));
    g_assert_true (g_str_has_suffix (run.err, expected));
  }
}

static void
follow_two (Fixture *fixture)
{
  for (gint64 id = 12; id <= 13; id++)
    {
      g_auto(Run) run = { 0, };

      run_command (fixture, CMD_FOLLOW, id, &run);
      g_assert_cmpint (run.status, ==, 0);
    }
}

static void
test_read_only_forced (Fixture       *fixture,
                       gconstpointer  data)
{
  follow_two (fixture);
  g_setenv ("SERIES_FINDER_TEST_READ_ONLY_DATA", "1", TRUE);
  check_read_only_commands (fixture);
  g_unsetenv ("SERIES_FINDER_TEST_READ_ONLY_DATA");

  /* writable again: nothing was lost */
  {
    g_auto(Run) run = { 0, };

    run_command (fixture, CMD_FOLLOW, 14, &run);
    g_assert_cmpint (run.status, ==, 0);
  }
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->path);

  follow_two (fixture);
  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  if (access (folder, W_OK) == 0)
    {
      g_chmod (folder, 0700);
      g_chmod (fixture->path, 0600);
      g_test_skip ("running as root: a folder without write permission is still writable "
                   "(read-only-forced covers the path)");
      return;
    }

  check_read_only_commands (fixture);
  g_chmod (folder, 0700);
  g_chmod (fixture->path, 0600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/series-finder/cli-library/" name, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("follow-unfollow", test_follow_unfollow);
  ADD ("follow-wrong-show", test_follow_wrong_show);
  ADD ("terminal-injection", test_terminal_injection);
  ADD ("read-only-forced", test_read_only_forced);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("watchlist", test_watchlist);
  ADD ("watchlist-offline", test_watchlist_offline);
  ADD ("damaged", test_damaged);
  ADD ("window-sees-terminal", test_window_sees_terminal);

  return g_test_run ();
}
