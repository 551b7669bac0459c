/* test-details.c: a show's details, seasons, episodes and cast against the fake server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-fake-server.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-details.h"
#include "sf-tvmaze-error.h"

#define N_SHOWS 300
#define LONG_SHOW 1
#define MISSING_SHOW 100000
#define MSEC ((gint64) 1000)
/* the longest any single wait may take before the test fails */
#define WAIT_LIMIT_MS 20000

typedef struct
{
  SfFakeServer   *server;
  SoupSession    *session;
  SfTvmazeClient *client;
} Fixture;

typedef struct
{
  guint      n_calls;
  gpointer   value;          /* owned, nullable: the result */
  GDestroyNotify free_value;
  GError    *error;          /* owned, nullable */
} Result;

static void
result_clear (Result *result)
{
  if (result->value != NULL)
    result->free_value (result->value);
  result->value = NULL;
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* For sf_test_wait_until(): @data (a Result) has its answer. */
static gboolean
result_answered (gconstpointer data)
{
  return ((const Result *) data)->n_calls > 0;
}

static void
result_done (Result         *result,
             gpointer        value,
             GDestroyNotify  free_value,
             GError         *error)
{
  result->n_calls++;
  g_assert_cmpuint (result->n_calls, ==, 1);
  g_assert_true ((value == NULL) != (error == NULL));
  result->value = value;
  result->free_value = free_value;
  result->error = error;
}

static void
on_show (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GError *error = NULL;
  SfShow *show = sf_tvmaze_client_get_show_finish (SF_TVMAZE_CLIENT (object), res, &error);

  result_done (user_data, show, g_object_unref, error);
}

static void
on_seasons (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  GError *error = NULL;
  GPtrArray *seasons = sf_tvmaze_client_get_seasons_finish (SF_TVMAZE_CLIENT (object), res,
                                                            &error);

  result_done (user_data, seasons, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
on_episodes (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  GError *error = NULL;
  GPtrArray *episodes = sf_tvmaze_client_get_episodes_finish (SF_TVMAZE_CLIENT (object), res,
                                                              &error);

  result_done (user_data, episodes, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
on_cast (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GError *error = NULL;
  GPtrArray *cast = sf_tvmaze_client_get_cast_finish (SF_TVMAZE_CLIENT (object), res, &error);

  result_done (user_data, cast, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
on_episode (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  GError *error = NULL;
  SfEpisode *episode = sf_tvmaze_client_get_episode_finish (SF_TVMAZE_CLIENT (object), res,
                                                            &error);

  result_done (user_data, episode, g_object_unref, error);
}

static void
on_details (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  GError *error = NULL;
  SfShowDetails *details = sf_tvmaze_client_get_details_finish (SF_TVMAZE_CLIENT (object), res,
                                                                &error);

  result_done (user_data, details, g_object_unref, error);
}

static void
on_details_embedded (GObject      *object,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  GError *error = NULL;
  SfShowDetails *details = sf_tvmaze_client_get_details_embedded_finish (
    SF_TVMAZE_CLIENT (object), res, &error);

  result_done (user_data, details, g_object_unref, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sf_fake_server_new (N_SHOWS, 42);
  g_assert_true (sf_fake_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
  fixture->client = sf_tvmaze_client_new (fixture->session,
                                          sf_fake_server_get_url (fixture->server));
  /* 10 ms, 20 ms, 40 ms ... instead of 2 s, 4 s, 8 s */
  sf_tvmaze_client_set_retry_base_delay (fixture->client, 10 * MSEC);
  /* a request cancelled while its server stalls is left to libsoup, and stopped after this */
  sf_tvmaze_client_set_abandon_grace (fixture->client, 200 * MSEC);
}

static gboolean
client_is_drained (gconstpointer data)
{
  return sf_tvmaze_client_get_n_abandoned ((SfTvmazeClient *) data) == 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* every request has returned, and libsoup has ended the attempts it was left (within the
   * grace), so nothing holds the client any more */
  sf_test_wait_until (client_is_drained, fixture->client, WAIT_LIMIT_MS,
                      "abandoned attempts to end");
  g_assert_finalize_object (fixture->client);
  sf_fake_server_stop (fixture->server);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->server);
}

static void
test_long_show (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) show = { 0 };
  g_auto(Result) seasons = { 0 };
  g_auto(Result) episodes = { 0 };
  g_auto(Result) cast = { 0 };
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, LONG_SHOW);
  g_autoptr(GPtrArray) groups = NULL;
  GPtrArray *list;
  guint n_specials = 0;

  /* the four requests of a details page, all at once */
  sf_tvmaze_client_get_show_async (fixture->client, LONG_SHOW, NULL, on_show, &show);
  sf_tvmaze_client_get_seasons_async (fixture->client, LONG_SHOW, NULL, on_seasons, &seasons);
  sf_tvmaze_client_get_episodes_async (fixture->client, LONG_SHOW, NULL, on_episodes,
                                       &episodes);
  sf_tvmaze_client_get_cast_async (fixture->client, LONG_SHOW, NULL, on_cast, &cast);
  sf_test_wait_until (result_answered, &show, WAIT_LIMIT_MS, "the show");
  sf_test_wait_until (result_answered, &seasons, WAIT_LIMIT_MS, "the seasons");
  sf_test_wait_until (result_answered, &episodes, WAIT_LIMIT_MS, "the episodes");
  sf_test_wait_until (result_answered, &cast, WAIT_LIMIT_MS, "the cast");

  g_assert_no_error (show.error);
  g_assert_cmpint (sf_show_get_id (show.value), ==, LONG_SHOW);
  g_assert_cmpstr (sf_show_get_name (show.value), ==, name);

  g_assert_no_error (seasons.error);
  list = seasons.value;
  g_assert_cmpuint (list->len, ==, 35);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (sf_season_get_number (g_ptr_array_index (list, i)), ==, i + 1);

  /* 35 seasons of 28 or 29 episodes, plus specials (number null) */
  g_assert_no_error (episodes.error);
  list = episodes.value;
  for (guint i = 0; i < list->len; i++)
    {
      SfEpisode *episode = g_ptr_array_index (list, i);

      if (sf_episode_is_special (episode))
        {
          g_assert_cmpint (sf_episode_get_number (episode), ==, -1);
          n_specials++;
        }
      g_assert_nonnull (sf_episode_get_airstamp (episode));
    }
  g_assert_cmpuint (list->len - n_specials, >=, 35 * 28);
  g_assert_cmpuint (list->len - n_specials, <=, 35 * 29);
  g_assert_cmpuint (n_specials, >, 0);

  groups = sf_episode_list_group_by_season (list);
  g_assert_cmpuint (groups->len, ==, 35);
  for (guint i = 0; i < groups->len; i++)
    {
      SfEpisodeGroup *group = g_ptr_array_index (groups, i);

      g_assert_cmpint (group->season, ==, i + 1);
      g_assert_cmpuint (group->n_regular, >=, 28);
      g_assert_cmpuint (group->n_regular, <=, 29);
    }

  g_assert_no_error (cast.error);
  list = cast.value;
  g_assert_cmpuint (list->len, ==, 1400);
}

static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) res = { 0 };
  SfShowDetails *details;
  SfShow *show;
  SfEpisode *next;

  sf_tvmaze_client_get_details_async (fixture->client, LONG_SHOW, NULL, on_details, &res);
  sf_test_wait_until (result_answered, &res, WAIT_LIMIT_MS, "the details");
  g_assert_no_error (res.error);

  details = res.value;
  show = sf_show_details_get_show (details);
  g_assert_cmpint (sf_show_get_id (show), ==, LONG_SHOW);
  g_assert_cmpuint (sf_show_details_get_seasons (details)->len, ==, 35);
  g_assert_cmpuint (sf_show_details_get_episode_groups (details)->len, ==, 35);
  g_assert_cmpuint (sf_show_details_get_n_regular (details), >=, 35 * 28);
  g_assert_cmpuint (sf_show_details_get_n_specials (details), >, 0);
  g_assert_cmpuint (sf_show_details_get_cast (details)->len, ==, 1400);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, NULL), ==, 4);

  /* a running show: TVmaze's next episode is among the episodes */
  g_assert_cmpint (sf_show_get_next_episode_id (show), >, 0);
  next = sf_show_details_get_next_episode (details);
  g_assert_nonnull (next);
  g_assert_cmpint (sf_episode_get_id (next), ==, sf_show_get_next_episode_id (show));
}

static void
test_embedded (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Result) concurrent = { 0 };
  g_auto(Result) embedded = { 0 };
  SfShowDetails *a;
  SfShowDetails *b;

  for (gint64 id = LONG_SHOW; id <= 6; id += 5)
    {
      sf_tvmaze_client_get_details_async (fixture->client, id, NULL, on_details, &concurrent);
      sf_tvmaze_client_get_details_embedded_async (fixture->client, id, NULL,
                                                   on_details_embedded, &embedded);
      sf_test_wait_until (result_answered, &concurrent, WAIT_LIMIT_MS, "the details");
      sf_test_wait_until (result_answered, &embedded, WAIT_LIMIT_MS, "the embedded details");
      g_assert_no_error (concurrent.error);
      g_assert_no_error (embedded.error);

      /* the same show either way, except that embedded episodes leave out the specials */
      a = concurrent.value;
      b = embedded.value;
      g_assert_cmpstr (sf_show_get_name (sf_show_details_get_show (a)), ==,
                       sf_show_get_name (sf_show_details_get_show (b)));
      g_assert_cmpuint (sf_show_details_get_seasons (a)->len, ==,
                        sf_show_details_get_seasons (b)->len);
      g_assert_cmpuint (sf_show_details_get_cast (a)->len, ==,
                        sf_show_details_get_cast (b)->len);
      g_assert_cmpuint (sf_show_details_get_n_regular (a), ==,
                        sf_show_details_get_n_regular (b));
      g_assert_cmpuint (sf_show_details_get_n_specials (b), ==, 0);
      if (sf_show_get_next_episode_id (sf_show_details_get_show (b)) > 0)
        g_assert_nonnull (sf_show_details_get_next_episode (b));
      if (sf_show_get_previous_episode_id (sf_show_details_get_show (b)) > 0)
        g_assert_nonnull (sf_show_details_get_previous_episode (b));

      result_clear (&concurrent);
      result_clear (&embedded);
      concurrent.n_calls = embedded.n_calls = 0;
    }

  /* two shows: 4 + 1 requests each */
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, NULL), ==, 10);
}

static void
test_episode (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) show = { 0 };
  g_auto(Result) episode = { 0 };
  gint64 previous_id;

  sf_tvmaze_client_get_show_async (fixture->client, LONG_SHOW, NULL, on_show, &show);
  sf_test_wait_until (result_answered, &show, WAIT_LIMIT_MS, "the show");
  g_assert_no_error (show.error);
  previous_id = sf_show_get_previous_episode_id (show.value);
  g_assert_cmpint (previous_id, >, 0);

  sf_tvmaze_client_get_episode_async (fixture->client, previous_id, NULL, on_episode,
                                      &episode);
  sf_test_wait_until (result_answered, &episode, WAIT_LIMIT_MS, "the previous episode");
  g_assert_no_error (episode.error);
  g_assert_cmpint (sf_episode_get_id (episode.value), ==, previous_id);
  g_assert_cmpint (sf_episode_get_show_id (episode.value), ==, LONG_SHOW);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) show = { 0 };
  g_auto(Result) cast = { 0 };
  g_auto(Result) details = { 0 };
  g_auto(Result) embedded = { 0 };

  sf_tvmaze_client_get_show_async (fixture->client, MISSING_SHOW, NULL, on_show, &show);
  sf_tvmaze_client_get_cast_async (fixture->client, MISSING_SHOW, NULL, on_cast, &cast);
  sf_tvmaze_client_get_details_async (fixture->client, MISSING_SHOW, NULL, on_details,
                                      &details);
  sf_tvmaze_client_get_details_embedded_async (fixture->client, MISSING_SHOW, NULL,
                                               on_details_embedded, &embedded);
  sf_test_wait_until (result_answered, &show, WAIT_LIMIT_MS, "the show");
  sf_test_wait_until (result_answered, &cast, WAIT_LIMIT_MS, "the cast");
  sf_test_wait_until (result_answered, &details, WAIT_LIMIT_MS, "the details");
  sf_test_wait_until (result_answered, &embedded, WAIT_LIMIT_MS, "the embedded details");

  g_assert_error (show.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
  g_assert_error (cast.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
  g_assert_error (details.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
  g_assert_error (embedded.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
}

static void
test_bad_bodies (Fixture       *fixture,
                 gconstpointer  data)
{
  const SfFakeFailure failures[] = {
    SF_FAKE_FAILURE_TRUNCATED, SF_FAKE_FAILURE_INVALID_JSON, SF_FAKE_FAILURE_INVALID_UTF8,
  };

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_auto(Result) cast = { 0 };
      g_auto(Result) embedded = { 0 };

      /* a 200 with a bad body is not retried: one failure per request */
      sf_fake_server_fail_next (fixture->server, "/shows/", failures[i], 2);
      sf_tvmaze_client_get_cast_async (fixture->client, LONG_SHOW, NULL, on_cast, &cast);
      sf_tvmaze_client_get_details_embedded_async (fixture->client, 2, NULL,
                                                   on_details_embedded, &embedded);
      sf_test_wait_until (result_answered, &cast, WAIT_LIMIT_MS, "a bad cast list");
      sf_test_wait_until (result_answered, &embedded, WAIT_LIMIT_MS, "bad embedded details");

      g_assert_error (cast.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE);
      g_assert_error (embedded.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE);
    }

  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, NULL), ==,
                    2 * G_N_ELEMENTS (failures));
}

static void
test_one_part_fails (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Result) res = { 0 };

  /* the cast is truncated: the whole result fails, once, with PARSE */
  sf_fake_server_fail_next (fixture->server, "/shows/2/cast", SF_FAKE_FAILURE_TRUNCATED, 1);
  sf_tvmaze_client_get_details_async (fixture->client, 2, NULL, on_details, &res);
  sf_test_wait_until (result_answered, &res, WAIT_LIMIT_MS, "the details");
  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE);

  /* nothing else arrives later */
  sf_test_run_for (100);
  g_assert_cmpuint (res.n_calls, ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Result) episodes = { 0 };
  g_auto(Result) cast = { 0 };
  g_auto(Result) details = { 0 };
  g_auto(Result) embedded = { 0 };

  /* slow answers: everything is still in flight when the page is left */
  sf_fake_server_set_latency (fixture->server, 300, 0);
  sf_tvmaze_client_get_episodes_async (fixture->client, LONG_SHOW, cancellable, on_episodes,
                                       &episodes);
  sf_tvmaze_client_get_cast_async (fixture->client, LONG_SHOW, cancellable, on_cast, &cast);
  sf_tvmaze_client_get_details_async (fixture->client, LONG_SHOW, cancellable, on_details,
                                      &details);
  sf_tvmaze_client_get_details_embedded_async (fixture->client, LONG_SHOW, cancellable,
                                               on_details_embedded, &embedded);
  sf_test_run_for (50);
  g_assert_cmpuint (details.n_calls, ==, 0);
  g_cancellable_cancel (cancellable);

  sf_test_wait_until (result_answered, &episodes, WAIT_LIMIT_MS, "cancelled episodes");
  sf_test_wait_until (result_answered, &cast, WAIT_LIMIT_MS, "a cancelled cast");
  sf_test_wait_until (result_answered, &details, WAIT_LIMIT_MS, "cancelled details");
  sf_test_wait_until (result_answered, &embedded, WAIT_LIMIT_MS, "cancelled embedded details");
  g_assert_error (episodes.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (cast.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (details.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (embedded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* and nothing arrives after the answers come back from the slow server */
  sf_test_run_for (500);
  g_assert_cmpuint (details.n_calls, ==, 1);
  g_assert_cmpuint (cast.n_calls, ==, 1);
}

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Result) show = { 0 };
  g_auto(Result) details = { 0 };

  g_cancellable_cancel (cancellable);
  sf_tvmaze_client_get_show_async (fixture->client, LONG_SHOW, cancellable, on_show, &show);
  sf_tvmaze_client_get_details_async (fixture->client, LONG_SHOW, cancellable, on_details,
                                      &details);
  sf_test_wait_until (result_answered, &show, WAIT_LIMIT_MS, "a cancelled show");
  sf_test_wait_until (result_answered, &details, WAIT_LIMIT_MS, "cancelled details");

  g_assert_error (show.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (details.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, NULL), ==, 0);
}

static void
test_cancel_while_parsing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Result) cast = { 0 };

  /* Cancel from inside the main loop right after the body may have arrived: whichever stage
   * the request is in (network, worker, return), the answer is CANCELLED and only that. */
  for (guint delay = 0; delay < 60; delay += 15)
    {
      g_autoptr(GCancellable) each = g_cancellable_new ();

      sf_tvmaze_client_get_cast_async (fixture->client, LONG_SHOW, each, on_cast, &cast);
      sf_test_run_for (delay);
      g_cancellable_cancel (each);
      sf_test_wait_until (result_answered, &cast, WAIT_LIMIT_MS, "a cancelled cast");
      if (cast.error != NULL)
        g_assert_error (cast.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      else
        g_assert_cmpuint (((GPtrArray *) cast.value)->len, ==, 1400);
      result_clear (&cast);
      cast.n_calls = 0;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/series-finder/details/" name, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("long-show", test_long_show);
  ADD ("details", test_details);
  ADD ("embedded", test_embedded);
  ADD ("episode", test_episode);
  ADD ("not-found", test_not_found);
  ADD ("bad-bodies", test_bad_bodies);
  ADD ("one-part-fails", test_one_part_fails);
  ADD ("cancel", test_cancel);
  ADD ("cancel-before", test_cancel_before);
  ADD ("cancel-while-parsing", test_cancel_while_parsing);

#undef ADD

  return g_test_run ();
}
