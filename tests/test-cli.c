#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sf-fake-server.h"

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

/* Runs the real program, as a person would from a terminal. */
/* @args: the arguments after the program, %NULL-terminated */
static void
run_cli_argv (const char         *api_url,
              Run                *run,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("SERIES_FINDER_BINARY");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "SERIES_FINDER_API_URL", api_url, TRUE);
  /* No display at all: the terminal mode must not need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "BROADWAY_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GDK_BACKEND");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_cli (const char  *api_url,
         Run         *run,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_cli_argv (api_url, run, (const char * const *) args->pdata);
}

static char *
first_word_of_show (gint64 id)
{
  g_autofree char *name = sf_fake_server_dup_show_name (server, id);
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) >= 5 && g_str_is_ascii (words[i]))
      return g_strdup (words[i]);

  return NULL;
}

static char *
usable_query (void)
{
  for (gint64 id = 3; id < 500; id++)
    {
      char *word = first_word_of_show (id);

      if (word != NULL)
        return word;
    }
  g_error ("No usable name in the fake catalog");
}

static void
test_json (void)
{
  g_autofree char *query = usable_query ();
  g_autofree char *arg = g_strconcat ("--search=", query, NULL);
  g_autofree char *folded_query = g_utf8_casefold (query, -1);
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };
  guint n = 0;

  run_cli (sf_fake_server_get_url (server), &run, arg, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *folded = NULL;
      JsonObject *object;

      if (*lines[i] == '\0')
        continue;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));

      /* The fields DESIGN.md promises, each present (possibly null). */
      for (const char * const *key = (const char * const[]) { "id", "name", "premiered", "status",
                                                              "genres", "rating", "network",
                                                              "language", "type", NULL };
           *key != NULL; key++)
        g_assert_true (json_object_has_member (object, *key));

      g_assert_cmpint (json_object_get_int_member (object, "id"), >, 0);
      folded = g_utf8_casefold (json_object_get_string_member (object, "name"), -1);
      g_assert_nonnull (strstr (folded, folded_query));
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "genres")));
      n++;
    }

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, 10);
  run_clear (&run);
}

static void
test_text (void)
{
  g_autofree char *query = usable_query ();
  g_autofree char *arg = g_strconcat ("--search=", query, NULL);
  Run run = { 0 };

  run_cli (sf_fake_server_get_url (server), &run, arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, query));
  /* One line a show, each with the rating column (a number or "—"). */
  g_assert_nonnull (strstr (run.out, "★"));
  run_clear (&run);
}

static void
test_no_results (void)
{
  Run run = { 0 };

  run_cli (sf_fake_server_get_url (server), &run, "--search=zzzz qqqq", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "No series found"));
  run_clear (&run);
}

static void
test_server_error (void)
{
  Run run = { 0 };

  /* More failures than the client retries. */
  sf_fake_server_fail_next (server, "/search/shows", SF_FAKE_FAILURE_TRUNCATED, 1);
  run_cli (sf_fake_server_get_url (server), &run, "--search=anything", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "series-finder: "));
  run_clear (&run);
}

/* A 429 with Retry-After: one line on stderr says the wait, then the results come. */
static void
test_busy (void)
{
  /* a query of its own: an answer from the HTTP cache would never reach the server */
  g_autofree char *arg = g_strdup_printf ("--search=busy %" G_GINT64_FORMAT, g_get_real_time ());
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };
  guint n_busy = 0;
  gint64 start = g_get_monotonic_time ();

  sf_fake_server_set_retry_after (server, 2);
  sf_fake_server_fail_next (server, "/search/shows", SF_FAKE_FAILURE_RATE_LIMIT, 1);
  run_cli (sf_fake_server_get_url (server), &run, arg, NULL);
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  /* the answer came after the wait */
  g_assert_nonnull (strstr (run.err, "No series found"));

  lines = g_strsplit (run.err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "TVmaze is busy; retrying in "))
      {
        g_assert_true (g_str_equal (lines[i], "TVmaze is busy; retrying in 2 s…") ||
                       g_str_equal (lines[i], "TVmaze is busy; retrying in 1 s…"));
        n_busy++;
      }
  g_assert_cmpuint (n_busy, ==, 1);
  run_clear (&run);

  /* without a 429, nothing of the kind */
  run_cli (sf_fake_server_get_url (server), &run, arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "TVmaze is busy"));
  run_clear (&run);
}

/* The URL of a port that was free a moment ago and that nobody listens on. */
static char *
dup_unreachable_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
test_unreachable (void)
{
  g_autofree char *url = dup_unreachable_url ();
  Run run = { 0 };

  /* Nothing saved yet (the catalog is built by the criteria test, later). */
  run_cli (url, &run, "--search=girls", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "TVmaze"));
  run_clear (&run);
}

static void
test_usage (void)
{
  Run run = { 0 };

  run_cli (sf_fake_server_get_url (server), &run, "--json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--search"));
  run_clear (&run);

  run_cli (sf_fake_server_get_url (server), &run, "--search=   ", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run_cli (sf_fake_server_get_url (server), &run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "series-finder "));
  run_clear (&run);
}

/* Every option that takes a TVmaze id refuses anything but a whole number above 0, as a
 * usage error (2) that names the option, and never opens a window (there is no display). */
static void
test_bad_ids (void)
{
  static const char * const options[] = { "--show", "--follow", "--unfollow", "--person-credits" };
  static const char * const values[] = { "0", "abc", "-3", "12x", "99999999999999999999999", "" };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    for (guint j = 0; j < G_N_ELEMENTS (values); j++)
      {
        g_autofree char *arg = g_strdup_printf ("%s=%s", options[i], values[j]);
        Run run = { 0 };

        run_cli (sf_fake_server_get_url (server), &run, arg, NULL);
        g_test_message ("%s: status %d, %s", arg, run.status, run.err);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_nonnull (strstr (run.err, options[i]));
        g_assert_nonnull (strstr (run.err, "TVmaze id"));
        g_assert_null (strstr (run.err, "display"));
        g_assert_cmpstr (run.out, ==, "");
        run_clear (&run);
      }
}

static void
test_show (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = sf_fake_server_dup_show_name (server, 1);
  JsonObject *object;
  Run run = { 0 };

  run_cli (sf_fake_server_get_url (server), &run, "--show=1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, name);
  /* The long show of the fake catalog: 35 seasons. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "seasons")), ==, 35);
  run_clear (&run);

  run_cli (sf_fake_server_get_url (server), &run, "--show=999999", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "999999"));
  run_clear (&run);
}

static void
test_follow_and_watchlist (void)
{
  g_autofree char *name = sf_fake_server_dup_show_name (server, 5);
  Run run = { 0 };

  run_cli (sf_fake_server_get_url (server), &run, "--follow=5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (sf_fake_server_get_url (server), &run, "--watchlist", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, name));
  run_clear (&run);

  run_cli (sf_fake_server_get_url (server), &run, "--unfollow=5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (sf_fake_server_get_url (server), &run, "--watchlist", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, name));
  run_clear (&run);

  /* Two modes at once is a usage error. */
  run_cli (sf_fake_server_get_url (server), &run, "--follow=5", "--show=5", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
}

static void
test_criteria (void)
{
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };
  guint n = 0;

  /* Criteria build the catalog from the (fake) TVmaze first, then answer from it. */
  run_cli (sf_fake_server_get_url (server), &run, "--genre=Drama", "--status=Ended",
           "--sort=rating", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      JsonArray *genres;
      gboolean drama = FALSE;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "Ended");
      genres = json_object_get_array_member (object, "genres");
      for (guint j = 0; j < json_array_get_length (genres); j++)
        drama |= g_str_equal (json_array_get_string_element (genres, j), "Drama");
      g_assert_true (drama);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  run_clear (&run);

  /* A bad range is a usage error with a message. */
  run_cli (sf_fake_server_get_url (server), &run, "--year=soon", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.err, !=, "");
  run_clear (&run);
}

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += *lines[i] != '\0';
  return n;
}

/* How many series the search prints with these arguments (--json, one a line). */
static guint
count_matches (const char *first,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  Run run = { 0 };
  const char *arg;
  va_list ap;
  guint n;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, NULL);

  run_cli_argv (sf_fake_server_get_url (server), &run, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  n = count_lines (run.out);
  run_clear (&run);
  return n;
}

/* --facets: the counts of the same question, title included; total == the lines printed. */
static void
test_facets (void)
{
  g_autofree char *word = usable_query ();
  g_autofree char *prefix = g_utf8_substring (word, 0, 1);
  g_autofree char *search = g_strdup_printf ("--search=%s", prefix);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object, *genres, *status;
  Run run = { 0 };
  guint total;

  run_cli (sf_fake_server_get_url (server), &run, search, "--genre=Drama", "--not-genre=Comedy",
           "--facets", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  for (const char * const *key = (const char * const[]) { "total", "genres", "status", "type",
                                                          "language", "network", "country",
                                                          NULL };
       *key != NULL; key++)
    g_assert_true (json_object_has_member (object, *key));

  total = json_object_get_int_member (object, "total");
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (total, ==, count_matches (search, "--genre=Drama", "--not-genre=Comedy", NULL));

  /* a required genre counts every match; an excluded one, what its exclusion hides */
  genres = json_object_get_object_member (object, "genres");
  g_assert_cmpint (json_object_get_int_member (genres, "Drama"), ==, total);
  g_assert_cmpuint (json_object_get_int_member_with_default (genres, "Comedy", 0), ==,
                    count_matches (search, "--genre=Drama", "--genre=Comedy", NULL));

  /* a status: what picking it would give */
  status = json_object_get_object_member (object, "status");
  g_assert_cmpuint (json_object_get_int_member_with_default (status, "Ended", 0), ==,
                    count_matches (search, "--genre=Drama", "--not-genre=Comedy",
                                   "--status=Ended", NULL));
  run_clear (&run);

  /* as text: the total first, then each facet under its heading */
  run_cli (sf_fake_server_get_url (server), &run, search, "--genre=Drama", "--not-genre=Comedy",
           "--facets", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *first = g_strdup_printf ("%u series match\n", total);

    g_assert_true (g_str_has_prefix (run.out, first));
  }
  g_assert_nonnull (strstr (run.out, "\nGenres:\n"));
  g_assert_nonnull (strstr (run.out, "Comedy (excluded, hidden)\n"));
  g_assert_nonnull (strstr (run.out, "\nStatus:\n"));
  run_clear (&run);
}

/* Once a catalog is saved, a title search that can't reach TVmaze answers from it. */
static void
test_unreachable_saved (void)
{
  g_autofree char *url = dup_unreachable_url ();
  g_autofree char *word = usable_query ();
  g_autofree char *folded = g_utf8_casefold (word, -1);
  g_autofree char *arg = g_strdup_printf ("--search=%s", word);
  g_auto(GStrv) lines = NULL;
  Run run = { 0 };
  guint n = 0;

  /* Save the catalog while TVmaze (the fake) is there. */
  run_cli (sf_fake_server_get_url (server), &run, "--sync", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (url, &run, arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "saved"));
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_utf8_casefold (lines[i], -1);

      if (*line == '\0')
        continue;
      g_assert_nonnull (strstr (line, folded));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  run_clear (&run);

  /* Nothing saved matches: the failure is said, as before. */
  run_cli (url, &run, "--search=zzqxjv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "TVmaze"));
  run_clear (&run);
}

/* Issue 11, case 4: escape sequences, CR/LF and bidi overrides in a server's name reach
 * neither --search nor --show in text mode; --json keeps the name exact. */
#define HOSTILE_ID 450
#define HOSTILE_NAME "Zyzzyvarant\033]0;pwned\007\033[2J\r\nFAKE\t1\u202Eesrever\302\233"
#define CLEAN_NAME "Zyzzyvarant]0;pwned[2J  FAKE 1esrever"

static void
assert_terminal_safe (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c == '\n' || (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F)));
      g_assert_false ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }
}

static void
test_terminal_injection (void)
{
  g_autofree char *show_arg = g_strdup_printf ("--show=%d", HOSTILE_ID);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  sf_fake_server_override_show (server, HOSTILE_ID, HOSTILE_NAME, "<p>Line\033[2J one</p>");

  run_cli (sf_fake_server_get_url (server), &run, "--search=Zyzzyvarant", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_terminal_safe (run.out);
  assert_terminal_safe (run.err);
  g_assert_nonnull (strstr (run.out, " " CLEAN_NAME " "));
  run_clear (&run);

  run_cli (sf_fake_server_get_url (server), &run, show_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_terminal_safe (run.out);
  g_assert_true (g_str_has_prefix (run.out, CLEAN_NAME));
  g_assert_nonnull (strstr (run.out, "Line[2J one"));
  run_clear (&run);

  /* --json: exact, escaped by json-glib, on one line */
  run_cli (sf_fake_server_get_url (server), &run, "--search=Zyzzyvarant", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\033'));
  g_assert_cmpuint (strlen (run.out), >, 0);
  g_assert_cmpint (strchr (run.out, '\n') - run.out, ==, (gssize) strlen (run.out) - 1);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "name"), ==, HOSTILE_NAME);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sf_fake_server_new (3000, 11);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);

  g_test_add_func ("/series-finder/cli/json", test_json);
  g_test_add_func ("/series-finder/cli/text", test_text);
  g_test_add_func ("/series-finder/cli/no-results", test_no_results);
  g_test_add_func ("/series-finder/cli/server-error", test_server_error);
  g_test_add_func ("/series-finder/cli/busy", test_busy);
  g_test_add_func ("/series-finder/cli/unreachable", test_unreachable);
  g_test_add_func ("/series-finder/cli/usage", test_usage);
  g_test_add_func ("/series-finder/cli/show", test_show);
  g_test_add_func ("/series-finder/cli/bad-ids", test_bad_ids);
  g_test_add_func ("/series-finder/cli/criteria", test_criteria);
  g_test_add_func ("/series-finder/cli/facets", test_facets);
  g_test_add_func ("/series-finder/cli/follow-and-watchlist", test_follow_and_watchlist);
  g_test_add_func ("/series-finder/cli/terminal-injection", test_terminal_injection);
  g_test_add_func ("/series-finder/cli/unreachable-saved", test_unreachable_saved);

  status = g_test_run ();

  sf_fake_server_stop (server);
  g_object_unref (server);

  return status;
}
