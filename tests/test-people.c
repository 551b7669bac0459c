/* test-people.c: person search, a person, their credits and the command line, against the
 * fake server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sf-cli-people.h"
#include "sf-cli-text.h"
#include "sf-fake-catalog.h"
#include "sf-fake-server.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-error.h"
#include "sf-tvmaze-people.h"

#define N_SHOWS 300
#define SEED 42
#define WAIT_MS 20000
/* a person of the fake: the first cast row of show 2 (every test checks it exists) */
#define MISSING_PERSON ((gint64) 99999 * SHOW_ID_STRIDE + 1)
#define CHILD_TIMEOUT_USEC (30 * G_USEC_PER_SEC)

typedef struct
{
  SfFakeServer   *server;
  SoupSession    *session;
  SfTvmazeClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sf_fake_server_new (N_SHOWS, SEED);
  g_assert_true (sf_fake_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
  fixture->client = sf_tvmaze_client_new (fixture->session,
                                          sf_fake_server_get_url (fixture->server));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  sf_fake_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

static SfPerson *
get_person (Fixture *fixture,
            gint64   id,
            GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_tvmaze_client_get_person_async (fixture->client, id, NULL, sf_test_result_cb, &result);
  return sf_tvmaze_client_get_person_finish (fixture->client,
                                             sf_test_wait_for_result (&result, WAIT_MS,
                                                                      "person"),
                                             error);
}

static GPtrArray *
get_credits (Fixture *fixture,
             gint64   id,
             GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_tvmaze_client_get_credits_async (fixture->client, id, NULL, sf_test_result_cb, &result);
  return sf_tvmaze_client_get_credits_finish (fixture->client,
                                              sf_test_wait_for_result (&result, WAIT_MS,
                                                                       "credits"),
                                              error);
}

static GPtrArray *
search_people (Fixture    *fixture,
               const char *query,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_tvmaze_client_search_people_async (fixture->client, query, NULL, sf_test_result_cb,
                                        &result);
  return sf_tvmaze_client_search_people_finish (fixture->client,
                                                sf_test_wait_for_result (&result, WAIT_MS,
                                                                         "search"),
                                                error);
}

/* The name of a person the fake has, through the API itself. */
static char *
dup_some_person_name (Fixture *fixture,
                      gint64  *out_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfPerson) person = NULL;

  for (gint64 show = 2; show < N_SHOWS; show++)
    {
      gint64 id = show * SHOW_ID_STRIDE + 1;

      g_clear_error (&error);
      person = get_person (fixture, id, &error);
      if (person != NULL)
        {
          *out_id = id;
          return g_strdup (sf_person_get_name (person));
        }
      g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
    }
  g_assert_not_reached ();
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *name = NULL;
  g_autofree char *upper = NULL;
  gint64 id = 0;
  gboolean found = FALSE;

  name = dup_some_person_name (fixture, &id);
  upper = g_utf8_strup (name, -1);
  people = search_people (fixture, upper, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 0);
  g_assert_cmpuint (people->len, <=, MAX_SEARCH_RESULTS);
  for (guint i = 0; i < people->len; i++)
    {
      SfPerson *person = g_ptr_array_index (people, i);
      g_autofree char *folded = g_utf8_casefold (sf_person_get_name (person), -1);
      g_autofree char *needle = g_utf8_casefold (name, -1);

      g_assert_nonnull (strstr (folded, needle));
      found |= sf_person_get_id (person) == id;
    }
  g_assert_true (found);
  g_clear_pointer (&people, g_ptr_array_unref);

  /* Reserved characters are escaped, nothing matches, and it is no error. */
  people = search_people (fixture, "&#%+/?zzqx", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
}

static void
test_person (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfPerson) person = NULL;
  guint before;

  person = get_person (fixture, MANY_CREDITS_PERSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sf_person_get_id (person), ==, MANY_CREDITS_PERSON_ID);
  g_assert_nonnull (sf_person_get_name (person));
  g_clear_object (&person);

  /* Through the client: the rate limiter and its cache; the same answer again is fine
   * either way, and the server counts what it served. */
  before = sf_fake_server_get_request_count (fixture->server, "/people/");
  person = get_person (fixture, MANY_CREDITS_PERSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/people/"), <=,
                    before + 1);
  g_clear_object (&person);

  person = get_person (fixture, MISSING_PERSON, &error);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
  g_assert_null (person);
  g_clear_error (&error);

  /* a failing server is an error, not a crash */
  sf_fake_server_fail_next (fixture->server, "/people/", SF_FAKE_FAILURE_INVALID_JSON, 1);
  person = get_person (fixture, 2 * SHOW_ID_STRIDE + 1, &error);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE);
  g_assert_null (person);
}

static void
test_credits (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) credits = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *previous = NULL;

  credits = get_credits (fixture, MANY_CREDITS_PERSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credits->len, ==, MANY_CREDITS);
  for (guint i = 0; i < credits->len; i++)
    {
      SfCredit *credit = g_ptr_array_index (credits, i);
      SfShow *show = sf_credit_get_show (credit);
      const char *premiered;

      g_assert_nonnull (show);
      g_assert_cmpint (sf_show_get_id (show), ==, sf_credit_get_show_id (credit));
      g_assert_nonnull (sf_credit_get_character_name (credit));
      /* newest first */
      premiered = sf_show_get_premiered (show);
      if (premiered != NULL && previous != NULL)
        g_assert_cmpstr (premiered, <=, previous);
      if (premiered != NULL)
        previous = premiered;
    }
  ids = sf_credit_list_dup_show_ids (credits);
  g_assert_cmpuint (ids->len, >, 200);
  g_assert_cmpuint (ids->len, <, N_SHOWS);

  /* deterministic */
  again = get_credits (fixture, MANY_CREDITS_PERSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, credits->len);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpstr (sf_credit_get_character_name (g_ptr_array_index (again, i)), ==,
                     sf_credit_get_character_name (g_ptr_array_index (credits, i)));
  g_clear_pointer (&credits, g_ptr_array_unref);

  credits = get_credits (fixture, MISSING_PERSON, &error);
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
  g_assert_null (credits);
}

/* The command line, in a child (it prints on stdout): what sf_cli_run() does around it. */
static int
run_cli (const char *name,
         gint64      credits_id,
         gboolean    json)
{
  g_autoptr(SfFakeServer) server = sf_fake_server_new (N_SHOWS, SEED);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SfTvmazeClient) client = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (sf_fake_server_start (server, 0, &error));
  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));
  status = name != NULL ? sf_cli_person_run (client, name, json)
                        : sf_cli_person_credits_run (client, credits_id, json);
  g_clear_object (&client);
  g_clear_object (&session);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  sf_fake_server_stop (server);
  return status;
}

static void
test_cli_person (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  gint64 id = 0;

  if (g_test_subprocess ())
    {
      const char *variant = g_getenv ("SF_TEST_VARIANT");

      if (g_strcmp0 (variant, "json") == 0)
        g_assert_cmpint (run_cli (g_getenv ("SF_TEST_NAME"), 0, TRUE), ==, 0);
      else if (g_strcmp0 (variant, "empty") == 0)
        g_assert_cmpint (run_cli ("  ", 0, FALSE), ==, 2);
      else
        g_assert_cmpint (run_cli (g_getenv ("SF_TEST_NAME"), 0, FALSE), ==, 0);
      exit (0);
    }

  name = dup_some_person_name (fixture, &id);
  g_setenv ("SF_TEST_NAME", name, TRUE);

  g_setenv ("SF_TEST_VARIANT", "text", TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  pattern = g_strdup_printf ("*%" G_GINT64_FORMAT "*%s · *\n*", id, name);
  g_test_trap_assert_stdout (pattern);
  g_clear_pointer (&pattern, g_free);

  g_setenv ("SF_TEST_VARIANT", "json", TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  pattern = g_strdup_printf ("*{\"id\":%" G_GINT64_FORMAT ",\"name\":\"%s\",\"birthday\":*",
                             id, name);
  g_test_trap_assert_stdout (pattern);

  g_setenv ("SF_TEST_VARIANT", "empty", TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*name is empty*");
}

static void
test_cli_credits (Fixture       *fixture,
                  gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      const char *variant = g_getenv ("SF_TEST_VARIANT");

      if (g_strcmp0 (variant, "json") == 0)
        g_assert_cmpint (run_cli (NULL, MANY_CREDITS_PERSON_ID, TRUE), ==, 0);
      else if (g_strcmp0 (variant, "missing") == 0)
        g_assert_cmpint (run_cli (NULL, MISSING_PERSON, FALSE), ==, 2);
      else if (g_strcmp0 (variant, "zero") == 0)
        g_assert_cmpint (run_cli (NULL, 0, FALSE), ==, 2);
      else
        g_assert_cmpint (run_cli (NULL, MANY_CREDITS_PERSON_ID, FALSE), ==, 0);
      exit (0);
    }

  g_setenv ("SF_TEST_VARIANT", "text", TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*(*) · * · ★ * · *\n*");

  g_setenv ("SF_TEST_VARIANT", "json", TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("{\"id\":*\"name\":*\"character\":*\n*");

  g_setenv ("SF_TEST_VARIANT", "missing", TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("No person with id 999990001\n");

  g_setenv ("SF_TEST_VARIANT", "zero", TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*positive*");
}

/* The people's text lines go through the shared cleaner (sf-cli-text.c): what it does to a
 * hostile name. */
static void
test_strip_controls (void)
{
  g_autofree char *clean = sf_cli_text_clean ("\x1b[2Jname\x07\ttab\nline\xc2\x85!");

  /* U+0085 (NEL) ends a line, so it becomes a space like \n */
  g_assert_cmpstr (clean, ==, "[2Jname tab line !");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/series-finder/people/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("search", test_search);
  ADD ("person", test_person);
  ADD ("credits", test_credits);
  ADD ("cli-person", test_cli_person);
  ADD ("cli-credits", test_cli_credits);
#undef ADD
  g_test_add_func ("/series-finder/people/strip-controls", test_strip_controls);

  return g_test_run ();
}
