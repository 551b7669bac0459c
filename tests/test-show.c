/* test-show.c: SfShow and the TVmaze JSON parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-model-error.h"
#include "sf-show.h"
#include "sf-show-list.h"
#include "sf-test-kit.h"

static char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static SfShow *
parse_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  SfShow *show;

  data = load_fixture (name, &length);
  show = sf_show_parse (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (show);

  return show;
}

/* Parses one show object given inline; fails the test if it is rejected. */
static SfShow *
parse_inline (const char *json)
{
  g_autoptr(GError) error = NULL;
  SfShow *show = sf_show_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (SF_IS_SHOW (show));

  return show;
}

static void
assert_strv (const char * const *actual,
             const char * const *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (g_strv_length ((char **) actual), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
}

static void
assert_all_unknown_but_id_and_name (SfShow *show)
{
  g_assert_null (sf_show_get_url (show));
  g_assert_null (sf_show_get_show_type (show));
  g_assert_null (sf_show_get_language (show));
  g_assert_null (sf_show_get_status (show));
  g_assert_nonnull (sf_show_get_genres (show));
  g_assert_null (sf_show_get_genres (show)[0]);
  g_assert_cmpint (sf_show_get_runtime (show), ==, -1);
  g_assert_cmpint (sf_show_get_average_runtime (show), ==, -1);
  g_assert_null (sf_show_get_premiered (show));
  g_assert_null (sf_show_get_ended (show));
  g_assert_cmpint (sf_show_get_premiere_year (show), ==, 0);
  g_assert_cmpint (sf_show_get_end_year (show), ==, 0);
  g_assert_null (sf_show_get_official_site (show));
  g_assert_null (sf_show_get_schedule_time (show));
  g_assert_nonnull (sf_show_get_schedule_days (show));
  g_assert_null (sf_show_get_schedule_days (show)[0]);
  g_assert_false (sf_show_has_rating (show));
  g_assert_cmpfloat (sf_show_get_rating (show), <, 0.0);
  g_assert_cmpint (sf_show_get_weight (show), ==, -1);
  g_assert_null (sf_show_get_network_name (show));
  g_assert_null (sf_show_get_web_channel_name (show));
  g_assert_null (sf_show_get_channel_name (show));
  g_assert_null (sf_show_get_country_code (show));
  g_assert_null (sf_show_get_country_name (show));
  g_assert_null (sf_show_get_timezone (show));
  g_assert_null (sf_show_get_imdb_id (show));
  g_assert_null (sf_show_get_image_medium (show));
  g_assert_null (sf_show_get_image_original (show));
  g_assert_null (sf_show_get_summary_html (show));
  g_assert_cmpint (sf_show_get_updated (show), ==, 0);
  g_assert_cmpint (sf_show_get_previous_episode_id (show), ==, 0);
  g_assert_cmpint (sf_show_get_next_episode_id (show), ==, 0);
  g_assert_cmpfloat (sf_show_get_score (show), ==, 0.0);
  g_assert_null (sf_show_dup_years_text (show));
}

static void
test_full (void)
{
  g_autoptr(SfShow) show = parse_fixture ("show-full.json");
  g_autofree char *years = NULL;
  const char * const genres[] = { "Drama", "Crime", "Mystery", NULL };
  const char * const days[] = { "Monday", "Tuesday", NULL };

  g_assert_cmpint (sf_show_get_id (show), ==, 4242);
  g_assert_cmpstr (sf_show_get_name (show), ==, "Harbour Lights");
  g_assert_cmpstr (sf_show_get_url (show), ==, "https://www.tvmaze.com/shows/4242/harbour-lights");
  g_assert_cmpstr (sf_show_get_show_type (show), ==, "Scripted");
  g_assert_cmpstr (sf_show_get_language (show), ==, "English");
  g_assert_cmpstr (sf_show_get_status (show), ==, "Ended");
  assert_strv (sf_show_get_genres (show), genres);
  g_assert_cmpint (sf_show_get_runtime (show), ==, 60);
  g_assert_cmpint (sf_show_get_average_runtime (show), ==, 58);
  g_assert_cmpstr (sf_show_get_premiered (show), ==, "2019-03-04");
  g_assert_cmpstr (sf_show_get_ended (show), ==, "2023-11-20");
  g_assert_cmpint (sf_show_get_premiere_year (show), ==, 2019);
  g_assert_cmpint (sf_show_get_end_year (show), ==, 2023);
  g_assert_cmpstr (sf_show_get_official_site (show), ==, "https://www.example.org/harbour-lights");
  g_assert_cmpstr (sf_show_get_schedule_time (show), ==, "21:00");
  assert_strv (sf_show_get_schedule_days (show), days);
  g_assert_true (sf_show_has_rating (show));
  g_assert_cmpfloat_with_epsilon (sf_show_get_rating (show), 7.4, 1e-9);
  g_assert_cmpint (sf_show_get_weight (show), ==, 87);
  g_assert_cmpstr (sf_show_get_network_name (show), ==, "Coastline One");
  g_assert_null (sf_show_get_web_channel_name (show));
  g_assert_cmpstr (sf_show_get_channel_name (show), ==, "Coastline One");
  g_assert_cmpstr (sf_show_get_country_code (show), ==, "GB");
  g_assert_cmpstr (sf_show_get_country_name (show), ==, "United Kingdom");
  g_assert_cmpstr (sf_show_get_timezone (show), ==, "Europe/London");
  g_assert_cmpstr (sf_show_get_imdb_id (show), ==, "tt9900112");
  g_assert_cmpstr (sf_show_get_image_medium (show), ==,
                   "https://static.tvmaze.com/uploads/images/medium_portrait/12/30001.jpg");
  g_assert_cmpstr (sf_show_get_image_original (show), ==,
                   "https://static.tvmaze.com/uploads/images/original_untouched/12/30001.jpg");
  /* kept exactly as sent: escaping is the display's job */
  g_assert_cmpstr (sf_show_get_summary_html (show), ==,
                   "<p>A <b>harbour</b> town &amp; its <i>secrets</i>.</p>");
  g_assert_cmpint (sf_show_get_updated (show), ==, 1700000123);
  g_assert_cmpint (sf_show_get_previous_episode_id (show), ==, 555001);
  g_assert_cmpint (sf_show_get_next_episode_id (show), ==, 555002);
  g_assert_cmpfloat (sf_show_get_score (show), ==, 0.0);

  years = sf_show_dup_years_text (show);
  g_assert_cmpstr (years, ==, "2019–2023");
}

static void
test_nulls (void)
{
  g_autoptr(SfShow) show = parse_fixture ("show-nulls.json");

  g_assert_cmpint (sf_show_get_id (show), ==, 77);
  g_assert_cmpstr (sf_show_get_name (show), ==, "Nothing Known");
  assert_all_unknown_but_id_and_name (show);
}

static void
test_absent (void)
{
  g_autoptr(SfShow) show = parse_inline ("{\"id\": 3, \"name\": \"Bare\"}");
  g_autoptr(SfShow) empty_parts = NULL;

  g_assert_cmpint (sf_show_get_id (show), ==, 3);
  g_assert_cmpstr (sf_show_get_name (show), ==, "Bare");
  assert_all_unknown_but_id_and_name (show);

  /* containers present but empty */
  empty_parts = parse_inline ("{\"id\": 4, \"name\": \"Hollow\", \"schedule\": {}, \"rating\": {},"
                              " \"network\": {}, \"webChannel\": {\"country\": {}},"
                              " \"externals\": {}, \"image\": {}, \"_links\": {}}");
  assert_all_unknown_but_id_and_name (empty_parts);
}

static void
test_wrong_types (void)
{
  g_autoptr(SfShow) show = NULL;
  g_autoptr(SfShow) nested = NULL;
  g_autoptr(SfShow) range = NULL;

  show = parse_inline ("{\"id\": 5, \"name\": \"Odd\", \"url\": 1, \"type\": [\"Scripted\"],"
                       " \"language\": true, \"genres\": \"Drama\", \"status\": {},"
                       " \"runtime\": \"60\", \"averageRuntime\": 45.5,"
                       " \"premiered\": 2012, \"ended\": [], \"officialSite\": false,"
                       " \"schedule\": \"22:00\", \"rating\": 7.5, \"weight\": \"98\","
                       " \"network\": \"HBO\", \"webChannel\": [\"Netflix\"],"
                       " \"externals\": [\"tt1\"], \"image\": \"https://static.tvmaze.com/x.jpg\","
                       " \"summary\": 42, \"updated\": \"1611310521\", \"_links\": []}");
  assert_all_unknown_but_id_and_name (show);

  nested = parse_inline ("{\"id\": 6, \"name\": \"Odder\", \"schedule\": {\"time\": 2200,"
                         " \"days\": \"Sunday\"}, \"rating\": {\"average\": \"7.5\"},"
                         " \"network\": {\"name\": 8, \"country\": \"US\"},"
                         " \"webChannel\": {\"name\": null, \"country\": {\"code\": 1,"
                         " \"name\": [], \"timezone\": {}}},"
                         " \"externals\": {\"imdb\": 1723816}, \"image\": {\"medium\": 1,"
                         " \"original\": null}, \"_links\": {\"previousepisode\": \"x\","
                         " \"nextepisode\": {\"href\": 5}}}");
  assert_all_unknown_but_id_and_name (nested);

  /* right types, impossible values */
  range = parse_inline ("{\"id\": 7, \"name\": \"Broken\", \"runtime\": 0,"
                        " \"averageRuntime\": -30, \"premiered\": \"2019-02-30\","
                        " \"ended\": \"2019-13-01\", \"schedule\": {\"time\": \"25:00\","
                        " \"days\": []}, \"rating\": {\"average\": 11}, \"weight\": -1,"
                        " \"updated\": -5}");
  assert_all_unknown_but_id_and_name (range);
}

static void
test_invalid_values (void)
{
  const struct {
    const char *json;
    const char *premiered;
    const char *time;
  } cases[] = {
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012\"}", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-4-15\"}", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-04-15T00:00\"}", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"20x2-04-15\"}", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2024-02-29\"}", "2024-02-29", NULL },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2023-02-29\"}", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"schedule\":{\"time\":\"9:00\"}}", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"schedule\":{\"time\":\"09:60\"}}", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"schedule\":{\"time\":\"00:00\"}}", NULL, "00:00" },
    { "{\"id\":1,\"name\":\"a\",\"schedule\":{\"time\":\"23:59\"}}", NULL, "23:59" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfShow) show = parse_inline (cases[i].json);

      g_assert_cmpstr (sf_show_get_premiered (show), ==, cases[i].premiered);
      g_assert_cmpstr (sf_show_get_schedule_time (show), ==, cases[i].time);
    }
}

static void
test_required (void)
{
  const char *rejected[] = {
    "{\"name\": \"No Id\"}",
    "{\"id\": null, \"name\": \"Null Id\"}",
    "{\"id\": 0, \"name\": \"Zero\"}",
    "{\"id\": -1, \"name\": \"Negative\"}",
    "{\"id\": \"139\", \"name\": \"String Id\"}",
    "{\"id\": 139.0, \"name\": \"Float Id\"}",
    "{\"id\": true, \"name\": \"Bool Id\"}",
    "{\"id\": 139}",
    "{\"id\": 139, \"name\": null}",
    "{\"id\": 139, \"name\": 5}",
    "{\"id\": 139, \"name\": [\"Girls\"]}",
    "{\"id\": 139, \"name\": \"\"}",
    "[{\"id\": 139, \"name\": \"In An Array\"}]",
    "\"Girls\"",
    "139",
    "null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfShow) show = sf_show_parse (rejected[i], -1, &error);

      g_test_message ("%s", rejected[i]);
      g_assert_null (show);
      g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
    }
}

static void
test_big_ids (void)
{
  g_autoptr(SfShow) show = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) overflow = NULL;

  /* ids are 64-bit all the way */
  show = parse_inline ("{\"id\": 9007199254740993, \"name\": \"Huge\", \"_links\": {"
                       "\"previousepisode\": {\"href\": \"https://api.tvmaze.com/episodes/"
                       "4294967297\"}}}");
  g_assert_cmpint (sf_show_get_id (show), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpint (sf_show_get_previous_episode_id (show), ==, G_GINT64_CONSTANT (4294967297));

  /* Beyond 64 bits: json-glib 1.6 wraps this one to a negative number, 1.10 clamps it to
   * G_MAXINT64; rejected on both */
  overflow = sf_show_parse ("{\"id\": 9223372036854775808, \"name\": \"Wrapped\"}", -1, &error);
  g_assert_null (overflow);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_clear_error (&error);

  overflow = sf_show_parse ("{\"id\": 99999999999999999999, \"name\": \"Clamped\"}", -1, &error);
  g_assert_null (overflow);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_clear_error (&error);

  /* The largest 64-bit id reads as the clamped value, so it is refused too */
  overflow = sf_show_parse ("{\"id\": 9223372036854775807, \"name\": \"Limit\"}", -1, &error);
  g_assert_null (overflow);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
}

static void
test_new_from_json (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"id\": 8, \"name\": \"Direct\"}", NULL);
  g_autoptr(JsonNode) array = json_from_string ("[1, 2]", NULL);
  g_autoptr(SfShow) show = NULL;
  g_autoptr(GError) error = NULL;

  show = sf_show_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sf_show_get_id (show), ==, 8);

  g_assert_null (sf_show_new_from_json (array, &error));
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_clear_error (&error);

  /* a NULL error is fine */
  g_assert_null (sf_show_new_from_json (array, NULL));
}

static void
test_2017_shape (void)
{
  g_autoptr(SfShow) show = parse_fixture ("show-2017.json");
  g_autofree char *years = NULL;

  g_assert_cmpint (sf_show_get_id (show), ==, 310);
  g_assert_cmpstr (sf_show_get_name (show), ==, "Garage Founders");
  /* TVmaze's own http:// links become https:// */
  g_assert_cmpstr (sf_show_get_url (show), ==, "https://www.tvmaze.com/shows/310/garage-founders");
  g_assert_cmpstr (sf_show_get_image_medium (show), ==,
                   "https://static.tvmaze.com/uploads/images/medium_portrait/40/100001.jpg");
  g_assert_cmpstr (sf_show_get_image_original (show), ==,
                   "https://static.tvmaze.com/uploads/images/original_untouched/40/100001.jpg");
  /* ... but not other sites' */
  g_assert_cmpstr (sf_show_get_official_site (show), ==, "http://www.example.com/garage-founders/");

  g_assert_cmpint (sf_show_get_runtime (show), ==, 30);
  g_assert_cmpint (sf_show_get_average_runtime (show), ==, -1);
  g_assert_null (sf_show_get_ended (show));
  g_assert_cmpint (sf_show_get_end_year (show), ==, 0);
  g_assert_cmpint (sf_show_get_premiere_year (show), ==, 2015);
  /* an integer average */
  g_assert_true (sf_show_has_rating (show));
  g_assert_cmpfloat (sf_show_get_rating (show), ==, 8.0);
  g_assert_cmpstr (sf_show_get_network_name (show), ==, "Cable Nine");
  g_assert_cmpstr (sf_show_get_country_code (show), ==, "US");
  g_assert_cmpstr (sf_show_get_timezone (show), ==, "America/New_York");
  g_assert_cmpint (sf_show_get_previous_episode_id (show), ==, 1100001);
  g_assert_cmpint (sf_show_get_next_episode_id (show), ==, 0);

  years = sf_show_dup_years_text (show);
  g_assert_cmpstr (years, ==, "2015–");
}

static void
test_runtime_fallback (void)
{
  const struct {
    const char *json;
    int runtime;
    int average;
  } cases[] = {
    { "{\"id\":1,\"name\":\"a\",\"runtime\":null,\"averageRuntime\":45}", 45, 45 },
    { "{\"id\":1,\"name\":\"a\",\"averageRuntime\":22}", 22, 22 },
    { "{\"id\":1,\"name\":\"a\",\"runtime\":30,\"averageRuntime\":45}", 30, 45 },
    { "{\"id\":1,\"name\":\"a\",\"runtime\":30,\"averageRuntime\":null}", 30, -1 },
    { "{\"id\":1,\"name\":\"a\",\"runtime\":\"30\",\"averageRuntime\":25}", 25, 25 },
    { "{\"id\":1,\"name\":\"a\",\"runtime\":null,\"averageRuntime\":null}", -1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfShow) show = parse_inline (cases[i].json);

      g_assert_cmpint (sf_show_get_runtime (show), ==, cases[i].runtime);
      g_assert_cmpint (sf_show_get_average_runtime (show), ==, cases[i].average);
    }
}

static void
test_channel (void)
{
  const struct {
    const char *json;
    const char *network;
    const char *web;
    const char *channel;
    const char *code;
    const char *timezone;
  } cases[] = {
    /* streaming, global: no country at all */
    { "{\"id\":1,\"name\":\"a\",\"network\":null,\"webChannel\":{\"id\":1,\"name\":\"StreamBox\","
      "\"country\":null}}", NULL, "StreamBox", "StreamBox", NULL, NULL },
    /* streaming, local */
    { "{\"id\":1,\"name\":\"a\",\"network\":null,\"webChannel\":{\"name\":\"Brat\",\"country\":"
      "{\"name\":\"United States\",\"code\":\"US\",\"timezone\":\"America/New_York\"}}}",
      NULL, "Brat", "Brat", "US", "America/New_York" },
    /* both: the web channel wins, the network's country fills in for a global one */
    { "{\"id\":1,\"name\":\"a\",\"network\":{\"name\":\"TV One\",\"country\":{\"code\":\"NZ\","
      "\"timezone\":\"Pacific/Auckland\"}},\"webChannel\":{\"name\":\"Global Stream\","
      "\"country\":null}}", "TV One", "Global Stream", "Global Stream", "NZ", "Pacific/Auckland" },
    /* both with countries: the web channel's */
    { "{\"id\":1,\"name\":\"a\",\"network\":{\"name\":\"BBC One\",\"country\":{\"code\":\"GB\"}},"
      "\"webChannel\":{\"name\":\"iPlayer\",\"country\":{\"code\":\"IE\"}}}",
      "BBC One", "iPlayer", "iPlayer", "IE", NULL },
    /* a web channel without a name does not hide the network */
    { "{\"id\":1,\"name\":\"a\",\"network\":{\"name\":\"NBC\",\"country\":{\"code\":\"US\"}},"
      "\"webChannel\":{\"name\":\"\"}}", "NBC", NULL, "NBC", "US", NULL },
    /* broadcast only */
    { "{\"id\":1,\"name\":\"a\",\"network\":{\"name\":\"NBC\",\"country\":null},"
      "\"webChannel\":null}", "NBC", NULL, "NBC", NULL, NULL },
    { "{\"id\":1,\"name\":\"a\",\"network\":null,\"webChannel\":null}",
      NULL, NULL, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfShow) show = parse_inline (cases[i].json);

      g_test_message ("case %u", i);
      g_assert_cmpstr (sf_show_get_network_name (show), ==, cases[i].network);
      g_assert_cmpstr (sf_show_get_web_channel_name (show), ==, cases[i].web);
      g_assert_cmpstr (sf_show_get_channel_name (show), ==, cases[i].channel);
      g_assert_cmpstr (sf_show_get_country_code (show), ==, cases[i].code);
      g_assert_cmpstr (sf_show_get_timezone (show), ==, cases[i].timezone);
    }
}

static void
test_links (void)
{
  const struct {
    const char *href;
    gint64 id;
  } cases[] = {
    { "https://api.tvmaze.com/episodes/1079686", 1079686 },
    { "http://api.tvmaze.com/episodes/12", 12 },
    { "/episodes/3", 3 },
    { "https://api.tvmaze.com/episodes/", 0 },
    { "https://api.tvmaze.com/episodes/0", 0 },
    { "https://api.tvmaze.com/episodes/-5", 0 },
    { "https://api.tvmaze.com/episodes/12abc", 0 },
    { "https://api.tvmaze.com/episodes/12?x=1", 0 },
    { "https://api.tvmaze.com/shows/139", 0 },
    { "https://api.tvmaze.com/episodes/99999999999999999999", 0 },
    { "1079686", 0 },
    { "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":1,\"name\":\"a\",\"_links\":{"
                                               "\"nextepisode\":{\"href\":\"%s\"}}}",
                                               cases[i].href);
      g_autoptr(SfShow) show = parse_inline (json);

      g_test_message ("%s", cases[i].href);
      g_assert_cmpint (sf_show_get_next_episode_id (show), ==, cases[i].id);
      g_assert_cmpint (sf_show_get_previous_episode_id (show), ==, 0);
    }
}

static void
test_urls (void)
{
  const struct {
    const char *sent;
    const char *kept;
  } cases[] = {
    { "https://static.tvmaze.com/uploads/a.jpg", "https://static.tvmaze.com/uploads/a.jpg" },
    { "http://static.tvmaze.com/uploads/a.jpg", "https://static.tvmaze.com/uploads/a.jpg" },
    { "HTTP://Static.TVmaze.com/uploads/a.jpg", "https://Static.TVmaze.com/uploads/a.jpg" },
    { "http://static.tvmaze.com:80/a.jpg", "http://static.tvmaze.com:80/a.jpg" },
    { "http://static.tvmaze.com", "https://static.tvmaze.com" },
    { "http://static.tvmaze.com.evil.example/a.jpg",
      "http://static.tvmaze.com.evil.example/a.jpg" },
    { "http://images.example.net/a.jpg", "http://images.example.net/a.jpg" },
    { "file:///etc/passwd", NULL },
    { "javascript:alert(1)", NULL },
    { "//static.tvmaze.com/a.jpg", NULL },
    { "https://", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":1,\"name\":\"a\",\"url\":\"%s\","
                                               "\"officialSite\":\"%s\",\"image\":{"
                                               "\"medium\":\"%s\",\"original\":\"%s\"}}",
                                               cases[i].sent, cases[i].sent, cases[i].sent,
                                               cases[i].sent);
      g_autoptr(SfShow) show = parse_inline (json);

      g_test_message ("%s", cases[i].sent);
      g_assert_cmpstr (sf_show_get_image_medium (show), ==, cases[i].kept);
      g_assert_cmpstr (sf_show_get_image_original (show), ==, cases[i].kept);
      g_assert_cmpstr (sf_show_get_url (show), ==, cases[i].kept);
      g_assert_cmpstr (sf_show_get_official_site (show), ==, cases[i].kept);
    }
}

static void
test_strings_as_sent (void)
{
  g_autoptr(SfShow) show = NULL;

  show = parse_inline ("{\"id\": 9, \"name\": \"<b>Tom &amp; \\\"Jerry\\\"</b> \\u00e9\\u2013\","
                       " \"summary\": \"  <p>x</p>  \", \"genres\": [\"Science-Fiction\"]}");
  g_assert_cmpstr (sf_show_get_name (show), ==, "<b>Tom &amp; \"Jerry\"</b> é–");
  g_assert_cmpstr (sf_show_get_summary_html (show), ==, "  <p>x</p>  ");
  g_assert_cmpstr (sf_show_get_genres (show)[0], ==, "Science-Fiction");
}

static void
test_years_text (void)
{
  const struct {
    const char *json;
    const char *text;
  } cases[] = {
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-04-15\",\"ended\":\"2017-04-16\"}",
      "2012–2017" },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-04-15\",\"ended\":\"2012-12-01\"}",
      "2012" },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-04-15\",\"status\":\"Running\"}",
      "2012–" },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-04-15\"}", "2012–" },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-04-15\",\"status\":\"Ended\"}", "2012" },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":\"2012-04-15\",\"ended\":\"2010-01-01\"}", "2012" },
    { "{\"id\":1,\"name\":\"a\",\"ended\":\"2017-04-16\"}", NULL },
    { "{\"id\":1,\"name\":\"a\",\"premiered\":null}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfShow) show = parse_inline (cases[i].json);
      g_autofree char *text = sf_show_dup_years_text (show);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_properties (void)
{
  g_autoptr(SfShow) show = parse_fixture ("show-full.json");
  g_autoptr(SfShow) bare = parse_inline ("{\"id\": 2, \"name\": \"Bare\"}");
  const char *props[] = { "id", "name", "rating", "premiere-year", "channel-name", "genres",
                          "runtime", "weight", "status", "url", "image-medium", "score" };
  g_autofree char *name = NULL;
  g_autofree char *channel = NULL;
  g_auto(GStrv) genres = NULL;
  gint64 id = 0;
  double rating = 0;
  int year = 0;
  int runtime = 0;

  g_object_get (show,
                "id", &id,
                "name", &name,
                "rating", &rating,
                "premiere-year", &year,
                "channel-name", &channel,
                "genres", &genres,
                "runtime", &runtime,
                NULL);
  g_assert_cmpint (id, ==, 4242);
  g_assert_cmpstr (name, ==, "Harbour Lights");
  g_assert_cmpfloat_with_epsilon (rating, 7.4, 1e-9);
  g_assert_cmpint (year, ==, 2019);
  g_assert_cmpstr (channel, ==, "Coastline One");
  g_assert_cmpstr (genres[2], ==, "Mystery");
  g_assert_cmpint (runtime, ==, 60);

  g_object_get (bare, "rating", &rating, "premiere-year", &year, NULL);
  g_assert_cmpfloat (rating, ==, -1.0);
  g_assert_cmpint (year, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (show), props[i]);

      g_test_message ("%s", props[i]);
      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_READABLE);
      g_assert_true (pspec->flags & G_PARAM_STATIC_NAME);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      /* only the score of a search hit may change */
      g_assert_cmpint (!!(pspec->flags & G_PARAM_WRITABLE), ==, g_str_equal (props[i], "score"));
    }
}

static void
test_score (void)
{
  g_autoptr(SfShow) show = parse_inline ("{\"id\": 2, \"name\": \"Scored\"}");
  g_autoptr(SfTestNotify) notified = sf_test_notify_new (show, "score");
  double score = 0;

  sf_show_set_score (show, 0.75);
  g_assert_cmpfloat (sf_show_get_score (show), ==, 0.75);
  g_assert_cmpuint (sf_test_notify_get_count (notified), ==, 1);

  sf_show_set_score (show, 0.75);
  g_assert_cmpuint (sf_test_notify_get_count (notified), ==, 1);

  g_object_set (show, "score", 42.0, NULL);
  g_object_get (show, "score", &score, NULL);
  g_assert_cmpfloat (score, ==, 42.0);
  g_assert_cmpuint (sf_test_notify_get_count (notified), ==, 2);
}

static void
test_to_json (void)
{
  g_autoptr(SfShow) full = parse_fixture ("show-full.json");
  g_autoptr(SfShow) bare = parse_inline ("{\"id\": 2, \"name\": \"Bare \\\"Quoted\\\"\"}");
  g_autoptr(SfShow) web = parse_inline ("{\"id\": 3, \"name\": \"Web\", \"averageRuntime\": 24,"
                                        " \"webChannel\": {\"name\": \"StreamBox\"},"
                                        " \"image\": {\"original\": \"https://i.example/o.png\"}}");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonArray *genres;
  const char *keys[] = { "id", "name", "url", "premiered", "ended", "status", "type", "genres",
                         "rating", "network", "webChannel", "language", "runtime", "weight",
                         "country", "image" };

  node = sf_show_to_json (full);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (object, keys[i]));

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 4242);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Harbour Lights");
  g_assert_cmpstr (json_object_get_string_member (object, "premiered"), ==, "2019-03-04");
  g_assert_cmpstr (json_object_get_string_member (object, "ended"), ==, "2023-11-20");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "Ended");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "Scripted");
  genres = json_object_get_array_member (object, "genres");
  g_assert_cmpuint (json_array_get_length (genres), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (genres, 1), ==, "Crime");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "rating"), 7.4, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (object, "network"), ==, "Coastline One");
  g_assert_true (json_object_get_null_member (object, "webChannel"));
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "English");
  g_assert_cmpint (json_object_get_int_member (object, "runtime"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (object, "weight"), ==, 87);
  g_assert_cmpstr (json_object_get_string_member (object, "country"), ==, "GB");
  g_assert_cmpstr (json_object_get_string_member (object, "image"), ==,
                   "https://static.tvmaze.com/uploads/images/medium_portrait/12/30001.jpg");
  g_clear_pointer (&node, json_node_unref);

  /* unknowns are null, and the text survives a round trip through the generator */
  node = sf_show_to_json (bare);
  text = json_to_string (node, FALSE);
  reparsed = json_from_string (text, NULL);
  g_assert_nonnull (reparsed);
  object = json_node_get_object (reparsed);
  g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (keys));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Bare \"Quoted\"");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "genres")), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_str_equal (keys[i], "id") && !g_str_equal (keys[i], "name") &&
          !g_str_equal (keys[i], "genres"))
        g_assert_true (json_object_get_null_member (object, keys[i]));
    }
  g_clear_pointer (&node, json_node_unref);

  node = sf_show_to_json (web);
  object = json_node_get_object (node);
  g_assert_true (json_object_get_null_member (object, "network"));
  g_assert_cmpstr (json_object_get_string_member (object, "webChannel"), ==, "StreamBox");
  g_assert_cmpint (json_object_get_int_member (object, "runtime"), ==, 24);
  g_assert_cmpstr (json_object_get_string_member (object, "image"), ==, "https://i.example/o.png");
}

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autofree char *data = NULL;
  gsize length;
  const struct {
    gint64 id;
    double score;
  } expected[] = {
    { 900, 0.91 }, { 12, 0.88 }, { 5000, 0.0 }, { 6, 0.0 }, { 1, 23.0 },
  };
  SfShow *first;
  SfShow *second;

  data = load_fixture ("search-results.json", &length);
  shows = sf_show_list_parse_search (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shows);

  /* the server's order, unusable hits skipped, scores kept whatever their scale */
  g_assert_cmpuint (shows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);

      g_assert_cmpint (sf_show_get_id (show), ==, expected[i].id);
      g_assert_cmpfloat_with_epsilon (sf_show_get_score (show), expected[i].score, 1e-9);
    }

  first = g_ptr_array_index (shows, 0);
  g_assert_cmpstr (sf_show_get_name (first), ==, "Night Ferry");
  g_assert_null (sf_show_get_network_name (first));
  g_assert_cmpstr (sf_show_get_channel_name (first), ==, "StreamBox");
  g_assert_null (sf_show_get_country_code (first));
  g_assert_false (sf_show_has_rating (first));
  g_assert_null (sf_show_get_summary_html (first));
  g_assert_null (sf_show_get_image_medium (first));

  second = g_ptr_array_index (shows, 1);
  g_assert_cmpstr (sf_show_get_genres (second)[0], ==, "Children");
  g_assert_null (sf_show_get_genres (second)[1]);
  g_assert_cmpstr (sf_show_get_country_code (second), ==, "CA");

  /* the array owns the shows */
  g_assert_true (G_OBJECT (first)->ref_count == 1);
}

static void
test_search_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = sf_show_list_parse_search (" [ ]\n", -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shows);
  g_assert_cmpuint (shows->len, ==, 0);
}

static void
test_not_array (void)
{
  const char *bodies[] = {
    "{\"name\":\"Not Found\",\"message\":\"\",\"code\":0,\"status\":404}",
    "null",
    "  null\n",
    "\"girls\"",
    "42",
    "true",
    "{\"score\": 0.9, \"show\": {\"id\": 1, \"name\": \"a\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) search_error = NULL;
      g_autoptr(GError) shows_error = NULL;
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GPtrArray) page = NULL;

      g_test_message ("%s", bodies[i]);
      hits = sf_show_list_parse_search (bodies[i], -1, &search_error);
      g_assert_null (hits);
      g_assert_error (search_error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);

      page = sf_show_list_parse_shows (bodies[i], -1, &shows_error);
      g_assert_null (page);
      g_assert_error (shows_error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
    }
}

static void
test_shows_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autofree char *data = NULL;
  gsize length;
  const gint64 ids[] = { 250, 254, 499 };
  SfShow *second;
  SfShow *last;

  data = load_fixture ("shows-page.json", &length);
  shows = sf_show_list_parse_shows (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shows->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < shows->len; i++)
    {
      g_assert_cmpint (sf_show_get_id (g_ptr_array_index (shows, i)), ==, ids[i]);
      g_assert_cmpfloat (sf_show_get_score (g_ptr_array_index (shows, i)), ==, 0.0);
    }

  second = g_ptr_array_index (shows, 1);
  g_assert_null (sf_show_get_genres (second)[0]);
  g_assert_cmpint (sf_show_get_runtime (second), ==, -1);

  last = g_ptr_array_index (shows, 2);
  g_assert_cmpstr (sf_show_get_channel_name (last), ==, "Web Only");
  g_assert_cmpstr (sf_show_get_country_code (last), ==, "DE");
  g_assert_cmpstr (sf_show_get_country_name (last), ==, "Germany");
  g_assert_cmpstr (sf_show_get_timezone (last), ==, "Europe/Berlin");

  /* search results are not a plain show array: every entry lacks an id */
  g_clear_pointer (&shows, g_ptr_array_unref);
  g_clear_pointer (&data, g_free);
  data = load_fixture ("search-results.json", &length);
  shows = sf_show_list_parse_shows (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shows->len, ==, 0);
}

static void
test_parse_single (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = NULL;

  show = sf_show_parse ("{\"id\": 526, \"name\": \"Office Hours\", \"_embedded\": {\"cast\": []}}",
                        -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sf_show_get_id (show), ==, 526);

  g_clear_object (&show);
  show = sf_show_parse ("[{\"id\": 526, \"name\": \"Office Hours\"}]", -1, &error);
  g_assert_null (show);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
}

static void
assert_invalid_json (const char *data,
                     gssize      length)
{
  g_autoptr(GError) search_error = NULL;
  g_autoptr(GError) shows_error = NULL;
  g_autoptr(GError) show_error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(SfShow) show = NULL;

  hits = sf_show_list_parse_search (data, length, &search_error);
  g_assert_null (hits);
  g_assert_error (search_error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON);

  page = sf_show_list_parse_shows (data, length, &shows_error);
  g_assert_null (page);
  g_assert_error (shows_error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON);

  show = sf_show_parse (data, length, &show_error);
  g_assert_null (show);
  g_assert_error (show_error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON);
}

static void
test_invalid_json (void)
{
  const char *bodies[] = {
    "",
    "   \n\t",
    "[",
    "[{\"score\": 0.9, \"show\": {\"id\": 1, \"name\": \"Girls",
    "{\"id\": 1, \"name\": \"a\"",
    "[1, 2,]",
    "[1] trailing",
    "<html><body>502 Bad Gateway</body></html>",
    "{id: 1}",
    "[NaN]",
    "[\"\\ud800\"]",
  };
  g_autofree char *data = NULL;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_test_message ("%s", bodies[i]);
      assert_invalid_json (bodies[i], -1);
    }

  /* a real body cut short anywhere */
  data = load_fixture ("search-results.json", &length);
  for (gsize cut = 0; cut < length; cut += 97)
    assert_invalid_json (data, cut);
}

static void
test_invalid_utf8 (void)
{
  static const char with_nul[] = "{\"id\": 1, \"name\": \"a\0b\"}";

  /* json-glib 1.6 checks the whole text itself; these pin that it still does */
  assert_invalid_json ("[{\"score\": 1, \"show\": {\"id\": 1, \"name\": \"Caf\xe9\"}}]", -1);
  assert_invalid_json ("{\"id\": 1, \"name\": \"\xc0\xaf\"}", -1);
  assert_invalid_json ("{\"id\": 1, \"name\": \"\xed\xa0\x80\"}", -1);
  assert_invalid_json ("{\"id\": 1, \"name\": \"a\"}\xff", -1);
  assert_invalid_json ("\xff\xfe[]", -1);
  /* an embedded NUL inside the given length */
  assert_invalid_json (with_nul, sizeof (with_nul) - 1);
}

static void
test_length (void)
{
  const char *data = "{\"id\": 1, \"name\": \"a\"}GARBAGE THAT IS NOT JSON";
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = NULL;

  /* only the first @length bytes count */
  show = sf_show_parse (data, strlen ("{\"id\": 1, \"name\": \"a\"}"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sf_show_get_name (show), ==, "a");

  assert_invalid_json (data, -1);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) in_string = g_string_new ("[{\"id\": 1, \"name\": \"");
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;

  /* enough to overflow json-glib's recursive parser if it ever got this */
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (deep, ']');

  shows = sf_show_list_parse_shows (deep->str, deep->len, &error);
  g_assert_null (shows);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_clear_error (&error);

  /* brackets inside strings (escaped quotes included) are not nesting */
  for (guint i = 0; i < 1000; i++)
    g_string_append (in_string, "[{\\\"");
  g_string_append (in_string, "\"}]");
  shows = sf_show_list_parse_shows (in_string->str, in_string->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpuint (strlen (sf_show_get_name (g_ptr_array_index (shows, 0))), ==, 3000);
  g_clear_pointer (&shows, g_ptr_array_unref);

  /* realistic nesting still parses */
  shows = sf_show_list_parse_search ("[{\"show\": {\"id\": 1, \"name\": \"a\","
                                     " \"_embedded\": {\"episodes\": [{\"_links\":"
                                     " {\"self\": {\"href\": \"x\"}}}]}}}]",
                                     -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shows->len, ==, 1);
}

typedef struct
{
  const char *data;
  gsize       length;
} ThreadData;

static gpointer
parse_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  guint total = 0;

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GPtrArray) shows = sf_show_list_parse_search (data->data, data->length, NULL);

      g_assert_nonnull (shows);
      for (guint i = 0; i < shows->len; i++)
        total += (guint) sf_show_get_id (g_ptr_array_index (shows, i));
    }

  return GUINT_TO_POINTER (total);
}

static void
test_threads (void)
{
  g_autofree char *data = NULL;
  GThread *threads[8];
  ThreadData thread_data;
  gsize length;

  data = load_fixture ("search-results.json", &length);
  thread_data.data = data;
  thread_data.length = length;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_in_thread, &thread_data);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      guint total = GPOINTER_TO_UINT (g_thread_join (threads[i]));

      g_assert_cmpuint (total, ==, 50 * (900 + 12 + 5000 + 6 + 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/show/full", test_full);
  g_test_add_func ("/series-finder/show/nulls", test_nulls);
  g_test_add_func ("/series-finder/show/absent", test_absent);
  g_test_add_func ("/series-finder/show/wrong-types", test_wrong_types);
  g_test_add_func ("/series-finder/show/invalid-values", test_invalid_values);
  g_test_add_func ("/series-finder/show/required", test_required);
  g_test_add_func ("/series-finder/show/big-ids", test_big_ids);
  g_test_add_func ("/series-finder/show/new-from-json", test_new_from_json);
  g_test_add_func ("/series-finder/show/2017-shape", test_2017_shape);
  g_test_add_func ("/series-finder/show/runtime-fallback", test_runtime_fallback);
  g_test_add_func ("/series-finder/show/channel", test_channel);
  g_test_add_func ("/series-finder/show/links", test_links);
  g_test_add_func ("/series-finder/show/urls", test_urls);
  g_test_add_func ("/series-finder/show/strings-as-sent", test_strings_as_sent);
  g_test_add_func ("/series-finder/show/years-text", test_years_text);
  g_test_add_func ("/series-finder/show/properties", test_properties);
  g_test_add_func ("/series-finder/show/score", test_score);
  g_test_add_func ("/series-finder/show/to-json", test_to_json);
  g_test_add_func ("/series-finder/show/search", test_search);
  g_test_add_func ("/series-finder/show/search-empty", test_search_empty);
  g_test_add_func ("/series-finder/show/not-array", test_not_array);
  g_test_add_func ("/series-finder/show/shows-page", test_shows_page);
  g_test_add_func ("/series-finder/show/parse-single", test_parse_single);
  g_test_add_func ("/series-finder/show/invalid-json", test_invalid_json);
  g_test_add_func ("/series-finder/show/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/series-finder/show/length", test_length);
  g_test_add_func ("/series-finder/show/deep-nesting", test_deep_nesting);
  g_test_add_func ("/series-finder/show/threads", test_threads);

  return g_test_run ();
}
