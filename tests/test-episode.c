/* test-episode.c: TVmaze episodes and their times (their wording: test-schedule.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-model-error.h"
#include "sf-show-details.h"

/* Hand-written fixtures in TVmaze's current shape (see TVMAZE.md §3.3). */
#define REGULAR_JSON \
  "{\"id\": 7001, \"url\": \"https://www.tvmaze.com/episodes/7001/harbour-3x04-low-tide\"," \
  " \"name\": \"Low Tide\", \"season\": 3, \"number\": 4, \"type\": \"regular\"," \
  " \"airdate\": \"2026-11-04\", \"airtime\": \"21:00\"," \
  " \"airstamp\": \"2026-11-05T02:00:00+00:00\", \"runtime\": 44," \
  " \"rating\": {\"average\": 7.8}," \
  " \"image\": {\"medium\":" \
  " \"https://static.tvmaze.com/uploads/images/medium_landscape/2/5001.jpg\"," \
  "            \"original\":" \
  " \"https://static.tvmaze.com/uploads/images/original_untouched/2/5001.jpg\"}," \
  " \"summary\": \"<p>The <b>tide</b> turns.</p>\"," \
  " \"_links\": {\"self\": {\"href\": \"https://api.tvmaze.com/episodes/7001\"}," \
  "             \"show\": {\"href\": \"https://api.tvmaze.com/shows/42\", \"name\": \"Harbour\"}}}"

static SfEpisode *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  SfEpisode *episode = sf_episode_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (SF_IS_EPISODE (episode));
  return episode;
}

static GTimeZone *
zone_new (const char *identifier)
{
  GTimeZone *zone = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (zone);
  return zone;
}

static void
assert_datetime (GDateTime  *datetime,
                 const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (datetime);
  text = g_date_time_format_iso8601 (datetime);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_regular (void)
{
  g_autoptr(SfEpisode) episode = parse_ok (REGULAR_JSON);
  g_autofree char *code = sf_episode_dup_code (episode);
  g_autofree char *name = NULL;
  int number;

  g_assert_cmpint (sf_episode_get_id (episode), ==, 7001);
  g_assert_cmpstr (sf_episode_get_url (episode), ==,
                   "https://www.tvmaze.com/episodes/7001/harbour-3x04-low-tide");
  g_assert_cmpstr (sf_episode_get_name (episode), ==, "Low Tide");
  g_assert_cmpint (sf_episode_get_season (episode), ==, 3);
  g_assert_cmpint (sf_episode_get_number (episode), ==, 4);
  g_assert_cmpint (sf_episode_get_episode_type (episode), ==, SF_EPISODE_REGULAR);
  g_assert_false (sf_episode_is_special (episode));
  g_assert_cmpstr (sf_episode_get_airdate (episode), ==, "2026-11-04");
  g_assert_cmpstr (sf_episode_get_airtime (episode), ==, "21:00");
  assert_datetime (sf_episode_get_airstamp (episode), "2026-11-05T02:00:00Z");
  g_assert_cmpint (g_date_time_get_utc_offset (sf_episode_get_airstamp (episode)), ==, 0);
  g_assert_cmpint (sf_episode_get_runtime (episode), ==, 44);
  g_assert_true (sf_episode_has_rating (episode));
  g_assert_cmpfloat_with_epsilon (sf_episode_get_rating (episode), 7.8, 1e-9);
  g_assert_cmpstr (sf_episode_get_image_medium (episode), ==,
                   "https://static.tvmaze.com/uploads/images/medium_landscape/2/5001.jpg");
  g_assert_cmpstr (sf_episode_get_image_original (episode), ==,
                   "https://static.tvmaze.com/uploads/images/original_untouched/2/5001.jpg");
  g_assert_cmpstr (sf_episode_get_summary_html (episode), ==, "<p>The <b>tide</b> turns.</p>");
  g_assert_cmpint (sf_episode_get_show_id (episode), ==, 42);
  g_assert_cmpstr (code, ==, "S03E04");

  /* the properties say the same */
  g_object_get (episode, "name", &name, "number", &number, NULL);
  g_assert_cmpstr (name, ==, "Low Tide");
  g_assert_cmpint (number, ==, 4);
}

static void
test_special_null_number (void)
{
  g_autoptr(SfEpisode) significant = parse_ok (
    "{\"id\": 7002, \"name\": \"Holiday Special\", \"season\": 2, \"number\": null,"
    " \"type\": \"significant_special\", \"airdate\": \"2025-12-24\", \"airtime\": \"20:00\","
    " \"airstamp\": \"2025-12-25T01:00:00+00:00\", \"runtime\": 60, \"rating\": {\"average\":"
    " null},"
    " \"image\": null, \"summary\": null}");
  g_autoptr(SfEpisode) minor = parse_ok (
    "{\"id\": 7003, \"name\": \"Recap\", \"season\": 2, \"number\": null,"
    " \"type\": \"insignificant_special\"}");
  g_autofree char *code = sf_episode_dup_code (significant);
  gboolean is_special = FALSE;

  g_assert_true (sf_episode_is_special (significant));
  g_assert_cmpint (sf_episode_get_number (significant), ==, -1);
  g_assert_cmpint (sf_episode_get_season (significant), ==, 2);
  g_assert_cmpint (sf_episode_get_episode_type (significant), ==, SF_EPISODE_SIGNIFICANT_SPECIAL);
  g_assert_cmpstr (code, ==, "Special");
  g_assert_false (sf_episode_has_rating (significant));
  g_assert_null (sf_episode_get_image_medium (significant));
  g_assert_null (sf_episode_get_summary_html (significant));
  g_object_get (significant, "is-special", &is_special, NULL);
  g_assert_true (is_special);

  g_assert_true (sf_episode_is_special (minor));
  g_assert_cmpint (sf_episode_get_episode_type (minor), ==, SF_EPISODE_INSIGNIFICANT_SPECIAL);
}

static void
test_special_without_type (void)
{
  /* 2017-era specials: number null, no type at all; a null number wins over "regular" too */
  g_autoptr(SfEpisode) untyped = parse_ok ("{\"id\": 7004, \"season\": 1, \"number\": null}");
  g_autoptr(SfEpisode) absent = parse_ok ("{\"id\": 7005, \"season\": 1}");
  g_autoptr(SfEpisode) contradictory = parse_ok (
    "{\"id\": 7006, \"season\": 1, \"number\": null, \"type\": \"regular\"}");
  g_autoptr(SfEpisode) numbered_special = parse_ok (
    "{\"id\": 7007, \"season\": 1, \"number\": 9, \"type\": \"significant_special\"}");

  g_assert_true (sf_episode_is_special (untyped));
  g_assert_cmpint (sf_episode_get_episode_type (untyped), ==, SF_EPISODE_SIGNIFICANT_SPECIAL);
  g_assert_cmpint (sf_episode_get_number (untyped), ==, -1);
  g_assert_true (sf_episode_is_special (absent));
  g_assert_true (sf_episode_is_special (contradictory));
  g_assert_true (sf_episode_is_special (numbered_special));
  g_assert_cmpint (sf_episode_get_number (numbered_special), ==, 9);
}

static void
test_empty_airtime (void)
{
  /* A streaming release: no time, and the airstamp is only TVmaze's noon placeholder. */
  g_autoptr(SfEpisode) episode = parse_ok (
    "{\"id\": 7008, \"name\": \"Drop\", \"season\": 1, \"number\": 1, \"type\": \"regular\","
    " \"airdate\": \"2026-11-06\", \"airtime\": \"\", \"airstamp\":"
    " \"2026-11-06T12:00:00+00:00\"}");
  g_autoptr(GTimeZone) tokyo = zone_new ("Asia/Tokyo");
  g_autoptr(GTimeZone) honolulu = zone_new ("Pacific/Honolulu");
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDate) date_tokyo = NULL;
  g_autoptr(GDate) date_honolulu = NULL;

  g_assert_null (sf_episode_get_airtime (episode));
  g_assert_nonnull (sf_episode_get_airstamp (episode));
  local = sf_episode_dup_local_airtime (episode, tokyo);
  g_assert_null (local);

  /* the day is TVmaze's airdate wherever the person is, not the placeholder's local day */
  date_tokyo = sf_episode_dup_air_date (episode, tokyo);
  date_honolulu = sf_episode_dup_air_date (episode, honolulu);
  g_assert_cmpint (g_date_get_day (date_tokyo), ==, 6);
  g_assert_cmpint (g_date_get_day (date_honolulu), ==, 6);
  g_assert_cmpint (g_date_get_month (date_honolulu), ==, 11);
  g_assert_cmpint (g_date_get_year (date_honolulu), ==, 2026);
}

static void
test_old_shape (void)
{
  /* 2017 shape: no type, no rating, http:// links, tabs for indentation */
  g_autoptr(SfEpisode) episode = parse_ok (
    "{\n\t\"id\": 7009,\n\t\"url\": \"http://www.tvmaze.com/episodes/7009/harbour-1x01-pilot\",\n"
    "\t\"name\": \"Pilot\",\n\t\"season\": 1,\n\t\"number\": 1,\n\t\"airdate\": \"2014-04-06\",\n"
    "\t\"airtime\": \"22:00\",\n\t\"airstamp\": \"2014-04-06T22:00:00-04:00\",\n\t\"runtime\":"
    " 30,\n"
    "\t\"image\": {\"medium\":"
    " \"http://static.tvmaze.com/uploads/images/medium_landscape/1/9.jpg\","
    " \"original\": \"http://static.tvmaze.com/uploads/images/original_untouched/1/9.jpg\"},\n"
    "\t\"summary\": \"<p>It begins.</p>\",\n"
    "\t\"_links\": {\"self\": {\"href\": \"http://api.tvmaze.com/episodes/7009\"}}\n}");

  g_assert_false (sf_episode_is_special (episode));
  g_assert_cmpint (sf_episode_get_episode_type (episode), ==, SF_EPISODE_REGULAR);
  g_assert_false (sf_episode_has_rating (episode));
  g_assert_cmpfloat (sf_episode_get_rating (episode), ==, -1.0);
  g_assert_cmpint (sf_episode_get_show_id (episode), ==, 0);
  g_assert_cmpstr (sf_episode_get_url (episode), ==,
                   "https://www.tvmaze.com/episodes/7009/harbour-1x01-pilot");
  g_assert_cmpstr (sf_episode_get_image_medium (episode), ==,
                   "https://static.tvmaze.com/uploads/images/medium_landscape/1/9.jpg");
  /* an offset other than +00:00 is still the same instant, kept in UTC */
  assert_datetime (sf_episode_get_airstamp (episode), "2014-04-07T02:00:00Z");
}

static void
test_airstamp_local (void)
{
  g_autoptr(SfEpisode) episode = parse_ok (REGULAR_JSON);
  g_autoptr(GTimeZone) new_york = zone_new ("America/New_York");
  g_autoptr(GTimeZone) berlin = zone_new ("Europe/Berlin");
  g_autoptr(GTimeZone) kolkata = zone_new ("+05:30");
  g_autoptr(GDateTime) in_new_york = sf_episode_dup_local_airtime (episode, new_york);
  g_autoptr(GDateTime) in_berlin = sf_episode_dup_local_airtime (episode, berlin);
  g_autoptr(GDateTime) in_kolkata = sf_episode_dup_local_airtime (episode, kolkata);
  g_autoptr(GDate) date_new_york = sf_episode_dup_air_date (episode, new_york);
  g_autoptr(GDate) date_berlin = sf_episode_dup_air_date (episode, berlin);

  /* 02:00 UTC on the 5th: 21:00 on the 4th in New York (EST), 03:00 on the 5th in Berlin */
  assert_datetime (in_new_york, "2026-11-04T21:00:00-05");
  assert_datetime (in_berlin, "2026-11-05T03:00:00+01");
  assert_datetime (in_kolkata, "2026-11-05T07:30:00+05:30");
  g_assert_cmpint (g_date_get_day (date_new_york), ==, 4);
  g_assert_cmpint (g_date_get_day (date_berlin), ==, 5);
}

static void
test_airstamp_odd (void)
{
  g_autoptr(SfEpisode) no_offset = parse_ok (
    "{\"id\": 7010, \"airtime\": \"20:00\", \"airstamp\": \"2026-11-05T02:00:00\"}");
  g_autoptr(SfEpisode) garbage = parse_ok (
    "{\"id\": 7011, \"airdate\": \"2026-02-30\", \"airtime\": \"25:00\", \"airstamp\": \"soon\"}");
  g_autoptr(SfEpisode) wrong_types = parse_ok (
    "{\"id\": 7012, \"airdate\": 20261105, \"airtime\": 2000, \"airstamp\": 1,"
    " \"season\": \"3\", \"number\": \"4\", \"name\": 5, \"runtime\": \"long\","
    " \"rating\": 7, \"image\": \"x.jpg\", \"summary\": [], \"_links\": null}");
  g_autoptr(SfEpisode) hostile_url = parse_ok (
    "{\"id\": 7013, \"url\": \"javascript:alert(1)\","
    " \"image\": {\"medium\": \"file:///etc/passwd\", \"original\": null}}");
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();

  /* an instant without an offset is UTC */
  assert_datetime (sf_episode_get_airstamp (no_offset), "2026-11-05T02:00:00Z");

  g_assert_null (sf_episode_get_airdate (garbage));
  g_assert_null (sf_episode_get_airtime (garbage));
  g_assert_null (sf_episode_get_airstamp (garbage));
  g_assert_null (sf_episode_dup_air_date (garbage, zone));

  g_assert_null (sf_episode_get_airdate (wrong_types));
  g_assert_null (sf_episode_get_airstamp (wrong_types));
  g_assert_cmpint (sf_episode_get_season (wrong_types), ==, 0);
  g_assert_cmpint (sf_episode_get_number (wrong_types), ==, -1);
  g_assert_null (sf_episode_get_name (wrong_types));
  g_assert_cmpint (sf_episode_get_runtime (wrong_types), ==, -1);
  g_assert_false (sf_episode_has_rating (wrong_types));
  g_assert_null (sf_episode_get_image_medium (wrong_types));
  g_assert_null (sf_episode_get_summary_html (wrong_types));

  g_assert_null (sf_episode_get_url (hostile_url));
  g_assert_null (sf_episode_get_image_medium (hostile_url));
}

static void
test_invalid (void)
{
  const char *bodies[] = {
    "null", "[]", "\"episode\"", "{}", "{\"id\": 0}", "{\"id\": -5}", "{\"id\": \"7\"}",
    "{\"id\": 1.5}", "{\"name\": \"No id\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfEpisode) episode = sf_episode_parse (bodies[i], -1, &error);

      g_assert_null (episode);
      g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
    }
}

static void
test_code (void)
{
  g_autoptr(SfEpisode) big = parse_ok ("{\"id\": 1, \"season\": 12, \"number\": 105}");
  g_autoptr(SfEpisode) seasonless = parse_ok ("{\"id\": 2, \"number\": 3}");
  g_autofree char *big_code = sf_episode_dup_code (big);
  g_autofree char *seasonless_code = sf_episode_dup_code (seasonless);

  g_assert_cmpstr (big_code, ==, "S12E105");
  g_assert_cmpstr (seasonless_code, ==, "E03");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/episode/regular", test_regular);
  g_test_add_func ("/series-finder/episode/special-null-number", test_special_null_number);
  g_test_add_func ("/series-finder/episode/special-without-type", test_special_without_type);
  g_test_add_func ("/series-finder/episode/empty-airtime", test_empty_airtime);
  g_test_add_func ("/series-finder/episode/old-shape", test_old_shape);
  g_test_add_func ("/series-finder/episode/airstamp-local", test_airstamp_local);
  g_test_add_func ("/series-finder/episode/airstamp-odd", test_airstamp_odd);
  g_test_add_func ("/series-finder/episode/invalid", test_invalid);
  g_test_add_func ("/series-finder/episode/code", test_code);

  return g_test_run ();
}
