/* test-schedule.c: when episodes and shows air, as the person reads it
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-schedule.h"
#include "sf-show-details.h"

static SfEpisode *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  SfEpisode *episode = sf_episode_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (SF_IS_EPISODE (episode));
  return episode;
}

static GDateTime *
utc (const char *iso8601)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  GDateTime *datetime = g_date_time_new_from_iso8601 (iso8601, zone);

  g_assert_nonnull (datetime);
  return datetime;
}

static GTimeZone *
zone_new (const char *identifier)
{
  GTimeZone *zone = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (zone);
  return zone;
}

/* "now" is Sunday 2026-11-01 10:00 in Berlin (09:00 UTC); the episode airs Wednesday
 * 2026-11-04 at 21:00 Berlin time. */
static char *
relative_text (const char *airstamp,
               const char *airtime,
               const char *now_utc,
               const char *zone_name)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": 8001, \"name\": \"Low Tide\", \"season\": 3, \"number\": 4,"
    " \"airdate\": \"%.10s\", \"airtime\": \"%s\", \"airstamp\": \"%s\"}",
    airstamp, airtime, airstamp);
  g_autoptr(SfEpisode) episode = parse_ok (json);
  g_autoptr(GDateTime) now = utc (now_utc);
  g_autoptr(GTimeZone) zone = zone_new (zone_name);

  return sf_schedule_dup_episode_text (episode, now, zone);
}

static void
assert_relative (const char *airstamp,
                 const char *airtime,
                 const char *now_utc,
                 const char *zone_name,
                 const char *expected)
{
  g_autofree char *text = relative_text (airstamp, airtime, now_utc, zone_name);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_next_text (void)
{
  const char *now = "2026-11-01T09:00:00Z";

  assert_relative ("2026-11-04T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Wed 21:00, in 3 days");
  assert_relative ("2026-11-01T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Sun 21:00, today");
  assert_relative ("2026-11-02T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Mon 21:00, tomorrow");
  /* already aired earlier today is still today */
  assert_relative ("2026-11-01T07:00:00+00:00", "08:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Sun 08:00, today");
  /* six days ahead is still named by its weekday */
  assert_relative ("2026-11-07T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Sat 21:00, in 6 days");
  /* further away, the date (the year only when it is not this year's) */
  assert_relative ("2026-12-15T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Tue 15 Dec 21:00, in 44 days");
  assert_relative ("2027-01-20T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Wed 20 Jan 2027 21:00, in 3 months");
  /* counted in days up to two months, then months, then years */
  assert_relative ("2026-12-31T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Thu 31 Dec 21:00, in 60 days");
  assert_relative ("2027-01-01T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Fri 1 Jan 2027 21:00, in 2 months");
  assert_relative ("2028-12-01T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Fri 1 Dec 2028 21:00, in 2 years");
}

static void
test_previous_text (void)
{
  const char *now = "2026-11-01T09:00:00Z";

  assert_relative ("2026-10-31T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Sat 21:00, yesterday");
  assert_relative ("2026-10-27T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Tue 21:00, 5 days ago");
  assert_relative ("2025-10-27T20:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Mon 27 Oct 2025 21:00, 1 year ago");
  assert_relative ("2026-05-01T19:00:00+00:00", "21:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Fri 1 May 21:00, 6 months ago");
  /* an ended series' last episode, long ago */
  assert_relative ("2003-12-29T03:00:00+00:00", "04:00", now, "Europe/Berlin",
                   "S03E04 “Low Tide”, Mon 29 Dec 2003 04:00, 22 years ago");
}

static void
test_text_zone (void)
{
  /* 23:30 UTC on Sunday: still Sunday in London, already Monday in Tokyo */
  const char *now = "2026-11-01T12:00:00Z";

  assert_relative ("2026-11-01T23:30:00+00:00", "18:30", now, "Europe/London",
                   "S03E04 “Low Tide”, Sun 23:30, today");
  assert_relative ("2026-11-01T23:30:00+00:00", "18:30", now, "Asia/Tokyo",
                   "S03E04 “Low Tide”, Mon 08:30, tomorrow");
  /* "now" late on Sunday in New York is Monday in UTC: the person's calendar counts */
  assert_relative ("2026-11-03T01:00:00+00:00", "20:00", "2026-11-02T03:00:00Z",
                   "America/New_York", "S03E04 “Low Tide”, Mon 20:00, tomorrow");
}

static void
test_text_without_time_or_name (void)
{
  g_autoptr(SfEpisode) streaming = parse_ok (
    "{\"id\": 8002, \"name\": \"Drop\", \"season\": 1, \"number\": 2,"
    " \"airdate\": \"2026-11-04\", \"airtime\": \"\", \"airstamp\":"
    " \"2026-11-04T12:00:00+00:00\"}");
  g_autoptr(SfEpisode) special = parse_ok (
    "{\"id\": 8003, \"season\": 1, \"number\": null, \"airdate\": \"2026-11-03\","
    " \"airtime\": \"20:00\", \"airstamp\": \"2026-11-03T19:00:00+00:00\"}");
  g_autoptr(SfEpisode) undated = parse_ok ("{\"id\": 8004, \"name\": \"TBA\", \"season\": 4,"
                                           " \"number\": 1}");
  g_autoptr(GDateTime) now = utc ("2026-11-01T09:00:00Z");
  g_autoptr(GTimeZone) zone = zone_new ("Pacific/Honolulu");
  g_autofree char *streaming_text = sf_schedule_dup_episode_text (streaming, now, zone);
  g_autofree char *special_text = sf_schedule_dup_episode_text (special, now, zone);
  g_autofree char *undated_text = sf_schedule_dup_episode_text (undated, now, zone);

  /* It is still Saturday 31 October in Honolulu. No time: the airdate's weekday, never the
   * placeholder's 02:00 in Honolulu. */
  g_assert_cmpstr (streaming_text, ==, "S01E02 “Drop”, Wed, in 4 days");
  g_assert_cmpstr (special_text, ==, "Special, Tue 09:00, in 3 days");
  g_assert_cmpstr (undated_text, ==, "S04E01 “TBA”");
}

static void
test_relative_day (void)
{
  static const struct { int days; const char *text; } cases[] = {
    { 0, "today" }, { 1, "tomorrow" }, { -1, "yesterday" },
    { 2, "in 2 days" }, { -5, "5 days ago" }, { 60, "in 60 days" }, { -60, "60 days ago" },
    { 61, "in 2 months" }, { -200, "7 months ago" }, { 364, "in 12 months" },
    { 365, "in 1 year" }, { -366, "1 year ago" }, { -8363, "22 years ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sf_schedule_dup_relative_day (cases[i].days);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_next_and_previous (void)
{
  g_autoptr(SfEpisode) episode = parse_ok (
    "{\"id\": 8001, \"name\": \"Low Tide\", \"season\": 3, \"number\": 4,"
    " \"airdate\": \"2026-11-04\", \"airtime\": \"21:00\","
    " \"airstamp\": \"2026-11-04T20:00:00+00:00\"}");
  g_autoptr(GDateTime) now = utc ("2026-11-01T09:00:00Z");
  g_autoptr(GDateTime) later = utc ("2026-11-08T09:00:00Z");
  g_autoptr(GTimeZone) zone = zone_new ("Europe/Berlin");
  g_autofree char *next = sf_schedule_dup_next_text (episode, now, zone);
  g_autofree char *latest = sf_schedule_dup_latest_text (episode, later, zone);
  g_autofree char *old_name = sf_episode_dup_relative_text (episode, now, zone);
  g_autofree char *text = sf_schedule_dup_episode_text (episode, now, zone);

  g_assert_cmpstr (next, ==, "Next episode: S03E04 “Low Tide”, Wed 21:00, in 3 days");
  g_assert_cmpstr (latest, ==, "Latest episode: S03E04 “Low Tide”, Wed 21:00, 4 days ago");
  g_assert_cmpstr (old_name, ==, text);
}

/* TVmaze's next link lags: a "next" episode that aired 30 days ago is the latest one, on the
 * page and in the command line as in the watchlist; nothing is called next then. */
static void
test_next_that_aired_is_latest (void)
{
  g_autoptr(SfEpisode) next = parse_ok (
    "{\"id\": 8101, \"name\": \"Neighbours\", \"season\": 35, \"number\": 21,"
    " \"airdate\": \"2026-10-02\", \"airtime\": \"22:35\","
    " \"airstamp\": \"2026-10-02T20:35:00+00:00\"}");
  g_autoptr(SfEpisode) previous = parse_ok (
    "{\"id\": 8100, \"name\": \"Rising Court\", \"season\": 35, \"number\": 20,"
    " \"airdate\": \"2026-09-25\", \"airtime\": \"22:35\","
    " \"airstamp\": \"2026-09-25T20:35:00+00:00\"}");
  g_autoptr(SfEpisode) tonight = parse_ok (
    "{\"id\": 8102, \"name\": \"Tonight\", \"season\": 35, \"number\": 22,"
    " \"airdate\": \"2026-11-01\", \"airtime\": \"22:35\","
    " \"airstamp\": \"2026-11-01T21:35:00+00:00\"}");
  g_autoptr(GDateTime) now = utc ("2026-11-01T09:00:00Z");
  g_autoptr(GTimeZone) zone = zone_new ("Europe/Berlin");
  g_autofree char *latest_text = NULL;
  SfEpisode *upcoming = NULL;
  SfEpisode *latest = NULL;

  g_assert_true (sf_schedule_episode_has_aired (next, now, zone));
  g_assert_false (sf_schedule_episode_has_aired (tonight, now, zone));

  sf_schedule_pick_episodes (next, previous, now, zone, &upcoming, &latest);
  g_assert_null (upcoming);
  g_assert_true (latest == next);
  latest_text = sf_schedule_dup_latest_text (latest, now, zone);
  g_assert_cmpstr (latest_text, ==,
                   "Latest episode: S35E21 “Neighbours”, Fri 2 Oct 22:35, 30 days ago");

  /* Today's episode is still the next one; the previous stays the latest. */
  sf_schedule_pick_episodes (tonight, previous, now, zone, &upcoming, &latest);
  g_assert_true (upcoming == tonight);
  g_assert_true (latest == previous);

  sf_schedule_pick_episodes (NULL, previous, now, zone, &upcoming, &latest);
  g_assert_null (upcoming);
  g_assert_true (latest == previous);
}

static SfShow *
show_with_slot (const char *days,
                const char *time,
                const char *zone_name)
{
  g_autofree char *country = zone_name != NULL
    ? g_strdup_printf ("{\"name\": \"Somewhere\", \"code\": \"XX\", \"timezone\": \"%s\"}",
                       zone_name)
    : g_strdup ("null");
  g_autofree char *json = g_strdup_printf (
    "{\"id\": 5, \"name\": \"Harbour\", \"schedule\": {\"time\": \"%s\", \"days\": [%s]},"
    " \"network\": {\"id\": 1, \"name\": \"Channel\", \"country\": %s}}",
    time, days, country);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  SfShow *show;

  g_assert_no_error (error);
  show = sf_show_new_from_json (node, &error);
  g_assert_no_error (error);
  return show;
}

static void
assert_slot (const char *days,
             const char *time,
             const char *channel_zone,
             const char *person_zone,
             const char *expected,
             const char *expected_given)
{
  g_autoptr(SfShow) show = show_with_slot (days, time, channel_zone);
  g_autoptr(GDateTime) now = utc ("2026-11-01T09:00:00Z");
  g_autoptr(GTimeZone) zone = zone_new (person_zone);
  g_autofree char *given = NULL;
  g_autofree char *text = sf_schedule_dup_slot_text (show, now, zone, &given);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (given, ==, expected_given);
}

static void
test_slot (void)
{
  /* Paris 23:35 on Wednesday is 22:35 in London (both on winter time by then). */
  assert_slot ("\"Wednesday\"", "23:35", "Europe/Paris", "Europe/London",
               "Wed 22:35", "Wed 23:35 in Europe/Paris");
  /* Across midnight: a late New York slot is the next day in Berlin. */
  assert_slot ("\"Monday\", \"Tuesday\"", "20:00", "America/New_York", "Europe/Berlin",
               "Tue, Wed 02:00", "Mon, Tue 20:00 in America/New_York");
  /* The same zone: nothing converted, but still the given slot. */
  assert_slot ("\"Sunday\"", "21:00", "Europe/Berlin", "Europe/Berlin", "Sun 21:00",
               "Sun 21:00 in Europe/Berlin");
  /* No time zone, no day, no time. */
  assert_slot ("\"Friday\"", "21:00", NULL, "Europe/Berlin", "Fri 21:00", NULL);
  assert_slot ("\"Friday\"", "", "Europe/Paris", "Europe/Berlin", "Fri", NULL);
  assert_slot ("", "", "Europe/Paris", "Europe/Berlin", NULL, NULL);
  /* A time without days: today's slot. */
  assert_slot ("", "21:00", "Europe/Paris", "Asia/Tokyo", "05:00", "21:00 in Europe/Paris");
  /* A broken time is no time. */
  assert_slot ("\"Friday\"", "25:99", "Europe/Paris", "Europe/Berlin", "Fri", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/schedule/next-text", test_next_text);
  g_test_add_func ("/series-finder/schedule/previous-text", test_previous_text);
  g_test_add_func ("/series-finder/schedule/text-zone", test_text_zone);
  g_test_add_func ("/series-finder/schedule/text-without-time-or-name",
                   test_text_without_time_or_name);
  g_test_add_func ("/series-finder/schedule/relative-day", test_relative_day);
  g_test_add_func ("/series-finder/schedule/next-and-previous", test_next_and_previous);
  g_test_add_func ("/series-finder/schedule/next-that-aired-is-latest",
                   test_next_that_aired_is_latest);
  g_test_add_func ("/series-finder/schedule/slot", test_slot);

  return g_test_run ();
}
