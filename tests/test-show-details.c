/* test-show-details.c: seasons, episode lists, grouping and embedded show details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-model-error.h"
#include "sf-show-details.h"
#include "sf-show-list.h"

/* Hand-written fixtures in the shapes of TVMAZE.md §3. */
#define EPISODE(id, season, number, type) \
  "{\"id\": " #id ", \"name\": \"Episode " #id "\", \"season\": " #season ", \"number\": " \
  #number ", \"type\": \"" type "\", \"airdate\": \"2020-01-01\", \"airtime\": \"20:00\"," \
  " \"airstamp\": \"2020-01-02T01:00:00+00:00\"}"

#define SHOW_HEAD \
  "{\"id\": 42, \"name\": \"Harbour\", \"status\": \"Running\"," \
  " \"_links\": {\"self\": {\"href\": \"https://api.tvmaze.com/shows/42\"}," \
  "   \"previousepisode\": {\"href\": \"https://api.tvmaze.com/episodes/12\", \"name\": \"B\"}," \
  "   \"nextepisode\": {\"href\": \"https://api.tvmaze.com/episodes/21\"}}"

static void
test_season (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seasons = NULL;
  SfSeason *first;
  SfSeason *second;
  SfSeason *third;

  seasons = sf_season_list_parse (
    "[{\"id\": 661, \"url\": \"http://www.tvmaze.com/seasons/661/harbour-season-1\","
    "  \"number\": 1, \"name\": \"\", \"episodeOrder\": 8, \"premiereDate\": \"2014-04-06\","
    "  \"endDate\": \"2014-06-01\","
    "  \"network\": {\"id\": 8, \"name\": \"Harbour TV\", \"country\": {\"code\": \"US\"}},"
    "  \"webChannel\": null,"
    "  \"image\": {\"medium\": \"http://static.tvmaze.com/uploads/images/medium_portrait/1/1.jpg\","
    "             \"original\":"
    " \"http://static.tvmaze.com/uploads/images/original_untouched/1/1.jpg\"},"
    "  \"summary\": \"\", \"_links\": {\"self\": {\"href\":"
    " \"http://api.tvmaze.com/seasons/661\"}}},"
    " {\"id\": 662, \"number\": 2, \"name\": \"The Return\", \"episodeOrder\": null,"
    "  \"premiereDate\": null, \"endDate\": \"not a date\", \"network\": {\"name\": \"Harbour"
    " TV\"},"
    "  \"webChannel\": {\"name\": \"Streamly\", \"country\": null}, \"image\": null,"
    "  \"summary\": \"<p>Back.</p>\"},"
    " {\"id\": 663},"
    " {\"number\": 4}]",
    -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seasons->len, ==, 3);

  first = g_ptr_array_index (seasons, 0);
  g_assert_cmpint (sf_season_get_id (first), ==, 661);
  g_assert_cmpint (sf_season_get_number (first), ==, 1);
  g_assert_null (sf_season_get_name (first));
  g_assert_cmpint (sf_season_get_episode_order (first), ==, 8);
  g_assert_cmpstr (sf_season_get_premiere_date (first), ==, "2014-04-06");
  g_assert_cmpstr (sf_season_get_end_date (first), ==, "2014-06-01");
  g_assert_cmpstr (sf_season_get_channel_name (first), ==, "Harbour TV");
  g_assert_null (sf_season_get_web_channel_name (first));
  g_assert_cmpstr (sf_season_get_url (first), ==,
                   "https://www.tvmaze.com/seasons/661/harbour-season-1");
  g_assert_cmpstr (sf_season_get_image_medium (first), ==,
                   "https://static.tvmaze.com/uploads/images/medium_portrait/1/1.jpg");
  g_assert_null (sf_season_get_summary_html (first));

  second = g_ptr_array_index (seasons, 1);
  g_assert_cmpstr (sf_season_get_name (second), ==, "The Return");
  g_assert_cmpint (sf_season_get_episode_order (second), ==, -1);
  g_assert_null (sf_season_get_premiere_date (second));
  g_assert_null (sf_season_get_end_date (second));
  /* the web channel wins, as for shows */
  g_assert_cmpstr (sf_season_get_channel_name (second), ==, "Streamly");
  g_assert_cmpstr (sf_season_get_network_name (second), ==, "Harbour TV");
  g_assert_null (sf_season_get_image_medium (second));
  g_assert_cmpstr (sf_season_get_summary_html (second), ==, "<p>Back.</p>");

  third = g_ptr_array_index (seasons, 2);
  g_assert_cmpint (sf_season_get_number (third), ==, 0);
  g_assert_null (sf_season_get_channel_name (third));
}

static void
test_bad_bodies (void)
{
  struct {
    const char *body;
    int         code;
  } cases[] = {
    { "", SF_MODEL_ERROR_INVALID_JSON },
    { "  \n", SF_MODEL_ERROR_INVALID_JSON },
    { "[{\"id\": 1, \"name\": \"Trunc", SF_MODEL_ERROR_INVALID_JSON },
    { "[{\"id\": 1}", SF_MODEL_ERROR_INVALID_JSON },
    { "<html>502 Bad Gateway</html>", SF_MODEL_ERROR_INVALID_JSON },
    { "[{\"id\": 1, \"name\": \"\xff\xfe\"}]", SF_MODEL_ERROR_INVALID_JSON },
    { "null", SF_MODEL_ERROR_UNEXPECTED_SHAPE },
    { "{\"name\":\"Not Found\",\"message\":\"\",\"code\":0,\"status\":404}",
      SF_MODEL_ERROR_UNEXPECTED_SHAPE },
    { "42", SF_MODEL_ERROR_UNEXPECTED_SHAPE },
  };
  g_autofree char *deep = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) episodes_error = NULL;
      g_autoptr(GError) seasons_error = NULL;
      g_autoptr(GError) cast_error = NULL;
      g_autoptr(GPtrArray) episodes = sf_episode_list_parse (cases[i].body, -1,
                                                             &episodes_error);
      g_autoptr(GPtrArray) seasons = sf_season_list_parse (cases[i].body, -1, &seasons_error);
      g_autoptr(GPtrArray) cast = sf_cast_list_parse (cases[i].body, -1, &cast_error);

      g_assert_null (episodes);
      g_assert_error (episodes_error, SF_MODEL_ERROR, cases[i].code);
      g_assert_null (seasons);
      g_assert_error (seasons_error, SF_MODEL_ERROR, cases[i].code);
      g_assert_null (cast);
      g_assert_error (cast_error, SF_MODEL_ERROR, cases[i].code);
    }

  /* A hostile body nesting 100,000 deep is refused before json-glib recurses into it. */
  deep = g_malloc (200001);
  memset (deep, '[', 100000);
  memset (deep + 100000, ']', 100000);
  deep[200000] = '\0';
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) episodes = sf_episode_list_parse (deep, -1, &error);
    g_autoptr(SfShowDetails) details = NULL;

    g_assert_null (episodes);
    g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
    g_clear_error (&error);

    details = sf_show_details_parse_embedded (deep, -1, &error);
    g_assert_null (details);
    g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  }
}

static void
test_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  const char *two = "[" EPISODE (1, 1, 1, "regular") "," EPISODE (2, 1, 2, "regular") "]garbage";

  /* only @length bytes count: the body need not be nul-terminated */
  episodes = sf_episode_list_parse (two, strlen (two) - strlen ("garbage"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 2);
}

static GPtrArray *
parse_episodes (const char *json)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *episodes = sf_episode_list_parse (json, -1, &error);

  g_assert_no_error (error);
  return episodes;
}

static void
assert_group (SfEpisodeGroup *group,
              int             season,
              const gint64   *ids,
              guint           n_ids,
              guint           n_specials)
{
  g_assert_cmpint (group->season, ==, season);
  g_assert_cmpuint (group->episodes->len, ==, n_ids);
  g_assert_cmpuint (group->n_specials, ==, n_specials);
  g_assert_cmpuint (group->n_regular, ==, n_ids - n_specials);
  for (guint i = 0; i < n_ids; i++)
    g_assert_cmpint (sf_episode_get_id (g_ptr_array_index (group->episodes, i)), ==, ids[i]);
}

static void
test_group (void)
{
  /* Airing order with a special between episodes, season 3 listed before season 2 (the
   * order of the groups comes from the numbers) and one episode without season or number. */
  g_autoptr(GPtrArray) episodes = parse_episodes (
    "[" EPISODE (11, 1, 1, "regular") "," EPISODE (12, 1, 2, "regular") ","
    "{\"id\": 13, \"name\": \"Xmas\", \"season\": 1, \"number\": null,"
    " \"type\": \"significant_special\"},"
    EPISODE (14, 1, 3, "regular") ","
    "{\"id\": 99, \"name\": \"Lost\"},"
    EPISODE (31, 3, 1, "regular") ","
    EPISODE (21, 2, 1, "regular") "," EPISODE (22, 2, 2, "regular") ","
    "{\"id\": 23, \"season\": 2, \"number\": null}]");
  g_autoptr(GPtrArray) groups = sf_episode_list_group_by_season (episodes);
  static const gint64 season1[] = { 11, 12, 13, 14 };
  static const gint64 season2[] = { 21, 22, 23 };
  static const gint64 season3[] = { 31 };
  static const gint64 unknown[] = { 99 };
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) no_groups = sf_episode_list_group_by_season (empty);

  g_assert_cmpuint (groups->len, ==, 4);
  assert_group (g_ptr_array_index (groups, 0), 1, season1, G_N_ELEMENTS (season1), 1);
  assert_group (g_ptr_array_index (groups, 1), 2, season2, G_N_ELEMENTS (season2), 1);
  assert_group (g_ptr_array_index (groups, 2), 3, season3, G_N_ELEMENTS (season3), 0);
  assert_group (g_ptr_array_index (groups, 3), 0, unknown, G_N_ELEMENTS (unknown), 1);

  g_assert_cmpuint (no_groups->len, ==, 0);

  g_assert_true (sf_episode_list_find (episodes, 23) == g_ptr_array_index (episodes, 8));
  g_assert_null (sf_episode_list_find (episodes, 1234));
  g_assert_null (sf_episode_list_find (episodes, 0));
}

static void
test_embedded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShowDetails) details = NULL;
  SfEpisode *next;
  SfEpisode *previous;

  details = sf_show_details_parse_embedded (
    SHOW_HEAD ", \"_embedded\": {"
    "\"seasons\": [{\"id\": 4201, \"number\": 1}, {\"id\": 4202, \"number\": 2}],"
    "\"episodes\": [" EPISODE (11, 1, 1, "regular") "," EPISODE (12, 1, 2, "regular") ","
    EPISODE (21, 2, 1, "regular") "],"
    "\"cast\": [{\"person\": {\"id\": 1, \"name\": \"Ada Quill\"},"
    "           \"character\": {\"id\": 2, \"name\": \"Mara\"}, \"self\": false, \"voice\":"
    " false}],"
    "\"nextepisode\": " EPISODE (21, 2, 1, "regular") "}}",
    -1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (sf_show_get_name (sf_show_details_get_show (details)), ==, "Harbour");
  g_assert_cmpuint (sf_show_details_get_seasons (details)->len, ==, 2);
  g_assert_cmpuint (sf_show_details_get_episodes (details)->len, ==, 3);
  g_assert_cmpuint (sf_show_details_get_cast (details)->len, ==, 1);
  g_assert_cmpuint (sf_show_details_get_episode_groups (details)->len, ==, 2);
  g_assert_cmpuint (sf_show_details_get_n_regular (details), ==, 3);
  g_assert_cmpuint (sf_show_details_get_n_specials (details), ==, 0);
  g_assert_cmpuint (sf_show_details_find_group (details, 1)->episodes->len, ==, 2);
  g_assert_null (sf_show_details_find_group (details, 3));
  g_assert_cmpint (sf_season_get_id (sf_show_details_find_season (details, 2)), ==, 4202);
  g_assert_null (sf_show_details_find_season (details, 7));

  /* next from the embed, previous found among the episodes by the _links id */
  next = sf_show_details_get_next_episode (details);
  previous = sf_show_details_get_previous_episode (details);
  g_assert_nonnull (next);
  g_assert_cmpint (sf_episode_get_id (next), ==, 21);
  g_assert_nonnull (previous);
  g_assert_cmpint (sf_episode_get_id (previous), ==, 12);
}

static void
test_embedded_absent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShowDetails) details = NULL;
  g_autoptr(SfShowDetails) odd = NULL;

  /* no _embedded at all (the embeds were not honoured): empty lists, not a failure */
  details = sf_show_details_parse_embedded (SHOW_HEAD "}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_show_details_get_seasons (details)->len, ==, 0);
  g_assert_cmpuint (sf_show_details_get_episodes (details)->len, ==, 0);
  g_assert_cmpuint (sf_show_details_get_cast (details)->len, ==, 0);
  g_assert_null (sf_show_details_get_next_episode (details));
  g_assert_null (sf_show_details_get_previous_episode (details));

  /* embeds of the wrong type read as empty too */
  odd = sf_show_details_parse_embedded (SHOW_HEAD ", \"_embedded\": {\"episodes\": {},"
                                        " \"cast\": null, \"seasons\": \"x\","
                                        " \"nextepisode\": []}}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_show_details_get_episodes (odd)->len, ==, 0);
  g_assert_null (sf_show_details_get_next_episode (odd));
}

static void
test_embedded_invalid (void)
{
  const char *bodies[] = {
    "null", "[]", "{\"name\":\"Not Found\",\"message\":\"\",\"code\":0,\"status\":404}",
    "{\"id\": 42, \"_embedded\": {}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfShowDetails) details = sf_show_details_parse_embedded (bodies[i], -1, &error);

      g_assert_null (details);
      g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
    }
}

static void
test_new_partial (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = sf_show_parse (SHOW_HEAD "}", -1, &error);
  g_autoptr(SfShowDetails) details = NULL;

  g_assert_no_error (error);

  /* a page whose lists have not arrived yet */
  details = sf_show_details_new (show, NULL, NULL, NULL);
  g_assert_true (sf_show_details_get_show (details) == show);
  g_assert_null (sf_show_details_get_seasons (details));
  g_assert_null (sf_show_details_get_episodes (details));
  g_assert_null (sf_show_details_get_cast (details));
  g_assert_cmpuint (sf_show_details_get_episode_groups (details)->len, ==, 0);
  g_assert_null (sf_show_details_get_next_episode (details));
  g_assert_null (sf_show_details_find_season (details, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/show-details/season", test_season);
  g_test_add_func ("/series-finder/show-details/bad-bodies", test_bad_bodies);
  g_test_add_func ("/series-finder/show-details/length", test_length);
  g_test_add_func ("/series-finder/show-details/group", test_group);
  g_test_add_func ("/series-finder/show-details/embedded", test_embedded);
  g_test_add_func ("/series-finder/show-details/embedded-absent", test_embedded_absent);
  g_test_add_func ("/series-finder/show-details/embedded-invalid", test_embedded_invalid);
  g_test_add_func ("/series-finder/show-details/new-partial", test_new_partial);

  return g_test_run ();
}
