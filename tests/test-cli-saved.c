/* Saved searches from the terminal, with the real program: save, list, new matches across a
 * catalog refresh (the fake TVmaze adds shows between two syncs), delete, and the exit
 * status 2 with no change for bad input. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sf-fake-server.h"
#include "sf-test-kit.h"

#define N_SHOWS 1500
#define FIRST_MAX_ID 1200

static SfFakeServer *server;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  run_clear (run);
  g_ptr_array_add (argv, (gpointer) g_getenv ("SERIES_FINDER_BINARY"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "SERIES_FINDER_API_URL",
                                sf_fake_server_get_url (server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "BROADWAY_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GDK_BACKEND");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_saved_searches (void)
{
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };
  Run before = { 0 };
  guint total_before;
  guint n_new = 0;

  /* The catalog as it was: ids up to FIRST_MAX_ID */
  sf_fake_server_set_max_show_id (server, FIRST_MAX_ID);
  run_cli (&run, "--sync", NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_cli (&run, "--save-search=Dramas", "--genre=Drama", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = json_from_string (run.out, NULL);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Dramas");
    total_before = json_object_get_int_member (object, "total");
    g_assert_cmpuint (total_before, >, 0);
  }

  /* Bad input: exit status 2, a message, and nothing changes */
  run_cli (&before, "--saved", "--json", NULL);
  run_cli (&run, "--save-search=Dramas", "--genre=Crime", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "exists already"));
  run_cli (&run, "--save-search=   ", "--genre=Crime", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "needs a name"));
  run_cli (&run, "--delete-search=Nothing", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no saved search"));
  run_cli (&run, "--new-matches=Nothing", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--saved", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, before.out);

  /* Nothing is new right after saving */
  run_cli (&run, "--new-matches", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");

  /* TVmaze adds shows; the next sync brings them in, and the search sees them as new */
  sf_fake_server_set_max_show_id (server, 0);
  run_cli (&run, "--sync", NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_cli (&run, "--saved", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Dramas · "));
  g_assert_null (strstr (run.out, " · 0 new"));

  run_cli (&run, "--new-matches=Dramas", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      JsonArray *genres;
      gboolean drama = FALSE;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], NULL);
      object = json_node_get_object (node);
      g_assert_cmpint (json_object_get_int_member (object, "id"), >, FIRST_MAX_ID);
      g_assert_cmpstr (json_object_get_string_member (object, "savedSearch"), ==, "Dramas");
      genres = json_object_get_array_member (object, "genres");
      for (guint j = 0; j < json_array_get_length (genres); j++)
        drama |= g_str_equal (json_array_get_string_element (genres, j), "Drama");
      g_assert_true (drama);
      n_new++;
    }
  g_assert_cmpuint (n_new, >, 0);

  /* Looked at: no longer new */
  run_cli (&run, "--new-matches", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  run_cli (&run, "--saved", "--json", NULL);
  {
    g_autoptr(JsonNode) node = json_from_string (run.out, NULL);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, total_before + n_new);
    g_assert_cmpint (json_object_get_int_member (object, "new"), ==, 0);
  }

  run_cli (&run, "--delete-search=Dramas", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, "--saved", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 0);

  run_clear (&run);
  run_clear (&before);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sf_fake_server_new (N_SHOWS, 7);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);

  g_test_add_func ("/series-finder/cli-saved/saved-searches", test_saved_searches);

  status = g_test_run ();

  sf_fake_server_stop (server);
  g_clear_object (&server);
  return status;
}
