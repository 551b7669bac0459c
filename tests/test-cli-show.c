/* test-cli-show.c: `series-finder --show=ID [--json]` output against the fake server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sf-cli-show.h"
#include "sf-fake-server.h"

#define N_SHOWS 300
#define LONG_SHOW 1
#define MISSING_SHOW 100000
/* a child that has not finished by then fails the test */
#define CHILD_TIMEOUT_USEC (30 * G_USEC_PER_SEC)

/* In the child: what sf_cli_run() does around sf_cli_show_run(), against a fake TVmaze. */
static int
run_show (gint64   id,
          gboolean json)
{
  g_autoptr(SfFakeServer) server = sf_fake_server_new (N_SHOWS, 42);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SfTvmazeClient) client = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (sf_fake_server_start (server, 0, &error));
  g_assert_no_error (error);

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));
  status = sf_cli_show_run (client, id, json);
  g_clear_object (&client);
  g_clear_object (&session);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  sf_fake_server_stop (server);
  return status;
}

static void
test_text (void)
{
  g_autofree char *name = NULL;
  g_autofree char *first_line = NULL;
  g_autoptr(SfFakeServer) server = NULL;

  if (g_test_subprocess ())
    {
      g_assert_cmpint (run_show (LONG_SHOW, FALSE), ==, 0);
      exit (0);
    }

  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  server = sf_fake_server_new (N_SHOWS, 42);
  name = sf_fake_server_dup_show_name (server, LONG_SHOW);
  first_line = g_strdup_printf ("%s (*)\n*", name);
  g_test_trap_assert_stdout (first_line);
  g_test_trap_assert_stdout ("*\nStatus: Running\n*");
  g_test_trap_assert_stdout ("*\nType: Animation\n*");
  g_test_trap_assert_stdout ("*\nRating: 8.9\n*");
  g_test_trap_assert_stdout ("*\nTVmaze: https://www.tvmaze.com/shows/1/*");
  g_test_trap_assert_stdout ("*\nSeasons (35)\n  Season 1 * 2? episodes*\n  Season 35 *");
  g_test_trap_assert_stdout ("*\nCast (1400)\n  * as *");
  /* TVmaze links an episode of early November 2026 (the fake's) as next; by now it has aired,
   * so it is the latest episode, as in the watchlist, and never "Next episode: … days ago". */
  g_test_trap_assert_stdout ("*\nLatest episode: S35E?? “*”, * ago\n*");
  g_test_trap_assert_stdout_unmatched ("*Next episode:*");
  /* a summary as plain text, never HTML */
  g_test_trap_assert_stdout_unmatched ("*<p>*");
  g_test_trap_assert_stderr ("");
}

/* In the child: the JSON output, read back from a file that stdout was sent to. */
static void
check_json_output (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *object;
  JsonArray *seasons;
  JsonArray *cast;
  JsonObject *first_season;
  JsonObject *first_cast;
  gint64 episodes = 0;
  int fd;

  fd = g_file_open_tmp ("test-cli-show-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  fflush (stdout);
  g_assert_cmpint (dup2 (fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  g_assert_cmpint (run_show (LONG_SHOW, TRUE), ==, 0);
  close (fd);
  g_file_get_contents (path, &output, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);

  /* exactly one JSON object, on one line */
  lines = g_strsplit (output, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
  root = json_from_string (lines[0], &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);

  /* the fields of sf_show_to_json() ... */
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, LONG_SHOW);
  g_assert_true (json_object_has_member (object, "name"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "Running");
  g_assert_cmpfloat (json_object_get_double_member (object, "rating"), ==, 8.9);

  /* ... and the details */
  seasons = json_object_get_array_member (object, "seasons");
  g_assert_cmpuint (json_array_get_length (seasons), ==, 35);
  first_season = json_array_get_object_element (seasons, 0);
  g_assert_cmpint (json_object_get_int_member (first_season, "number"), ==, 1);
  g_assert_true (json_object_has_member (first_season, "name"));
  g_assert_cmpint (json_object_get_int_member (first_season, "episodes"), >=, 28);
  g_assert_nonnull (json_object_get_string_member (first_season, "premiereDate"));
  g_assert_true (json_object_has_member (first_season, "endDate"));
  for (guint i = 0; i < json_array_get_length (seasons); i++)
    episodes += json_object_get_int_member (json_array_get_object_element (seasons, i),
                                            "episodes");

  cast = json_object_get_array_member (object, "cast");
  g_assert_cmpuint (json_array_get_length (cast), ==, 1400);
  first_cast = json_array_get_object_element (cast, 0);
  g_assert_nonnull (json_object_get_string_member (first_cast, "person"));
  g_assert_true (json_object_has_member (first_cast, "character"));
  g_assert_true (json_object_has_member (first_cast, "self"));
  g_assert_true (json_object_has_member (first_cast, "voice"));

  g_assert_cmpint (json_object_get_int_member (object, "episodeCount"), ==, episodes);
  g_assert_cmpint (episodes, >=, 35 * 28);
  g_assert_cmpint (json_object_get_int_member (object, "specialCount"), >, 0);
}

static void
test_json (void)
{
  if (g_test_subprocess ())
    {
      check_json_output ();
      exit (0);
    }

  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_not_found (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpint (run_show (MISSING_SHOW, FALSE), ==, 1);
      exit (0);
    }

  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("No series with id 100000\n");
}

static void
test_bad_id (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpint (run_show (0, TRUE), ==, 2);
      exit (0);
    }

  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*positive*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/cli-show/text", test_text);
  g_test_add_func ("/series-finder/cli-show/json", test_json);
  g_test_add_func ("/series-finder/cli-show/not-found", test_not_found);
  g_test_add_func ("/series-finder/cli-show/bad-id", test_bad_id);

  return g_test_run ();
}
