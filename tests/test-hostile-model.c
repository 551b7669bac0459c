/* test-hostile-model.c: what a hostile server can put in the JSON the model reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-json-reader.h"
#include "sf-json.h"
#include "sf-model-error.h"
#include "sf-show-details.h"
#include "sf-show-list.h"
#include "sf-show.h"

/* json-glib 1.6 (Debian 12) decodes a lone surrogate escape into the bytes ED A0 80 (invalid
 * UTF-8), which our reader repairs into U+FFFD; json-glib 1.10 (Debian 13) refuses the document
 * ("malformed surrogate pair"). Both are safe: what must never happen is invalid UTF-8 reaching
 * the app, a crash, or an error outside our domain. */
#define LONE "\\ud800"

static const char show_json[] =
  "{\"id\": 7, \"name\": \"Bad " LONE " name\", \"type\": \"Scripted\","
  " \"language\": \"English\", \"status\": \"Running\","
  " \"genres\": [\"Drama\", \"Cr\\udc00ime\", \"" LONE "x\"],"
  " \"summary\": \"<p>Sum " LONE "mary</p>\","
  " \"schedule\": {\"time\": \"21:00\", \"days\": [\"Mon" LONE "day\"]},"
  " \"network\": {\"id\": 1, \"name\": \"Net " LONE "work\","
  "   \"country\": {\"name\": \"Land " LONE "x\", \"code\": \"U" LONE "S\","
  "                 \"timezone\": \"America/New" LONE "_York\"}},"
  " \"externals\": {\"imdb\": \"tt" LONE "1\"},"
  " \"image\": {\"medium\": \"https://static.tvmaze.com/" LONE ".jpg\"}}";

static void
assert_valid (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* TRUE when @parsed came back (then @error is unset); FALSE when the document was refused, which
 * must be an SF_MODEL_ERROR_INVALID_JSON with a readable message and no half-built result. */
static gboolean
parsed_or_refused (gconstpointer parsed, const GError *error)
{
  if (error == NULL)
    {
      g_assert_nonnull (parsed);
      return TRUE;
    }

  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (parsed);
  g_test_message ("refused: %s", error->message);
  return FALSE;
}

static void
test_lone_surrogate_show (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = sf_show_parse (show_json, -1, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  const char * const *genres;

  if (!parsed_or_refused (show, error))
    return;

  /* text people read is repaired */
  /* (json-glib 1.6 also swallows the character after a lone high surrogate) */
  assert_valid (sf_show_get_name (show));
  g_assert_true (g_str_has_prefix (sf_show_get_name (show), "Bad \xef\xbf\xbd"));
  assert_valid (sf_show_get_summary_html (show));
  g_assert_nonnull (strstr (sf_show_get_summary_html (show), "\xef\xbf\xbd"));
  assert_valid (sf_show_get_network_name (show));
  g_assert_nonnull (sf_show_get_network_name (show));
  assert_valid (sf_show_get_country_name (show));

  genres = sf_show_get_genres (show);
  g_assert_cmpuint (g_strv_length ((char **) genres), ==, 3);
  for (guint i = 0; genres[i] != NULL; i++)
    assert_valid (genres[i]);
  g_assert_cmpstr (genres[0], ==, "Drama");

  /* codes, ids, zones and links are refused rather than repaired into other values */
  g_assert_null (sf_show_get_country_code (show));
  g_assert_null (sf_show_get_timezone (show));
  g_assert_null (sf_show_get_imdb_id (show));
  g_assert_null (sf_show_get_image_medium (show));

  /* the --json output is valid UTF-8 JSON that parses back */
  node = sf_show_to_json (show);
  json = sf_json_to_string (node);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
  }
}

static void
test_lone_surrogate_search (void)
{
  g_autofree char *body = g_strdup_printf ("[{\"score\": 1, \"show\": %s}]", show_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = sf_show_list_parse_search (body, -1, &error);

  if (!parsed_or_refused (shows, error))
    return;
  g_assert_cmpuint (shows->len, ==, 1);
  assert_valid (sf_show_get_name (shows->pdata[0]));
}

static void
test_lone_surrogate_details (void)
{
  static const char cast[] =
    "[{\"person\": {\"id\": 1, \"name\": \"Per" LONE "son\","
    "   \"country\": {\"name\": \"C" LONE "x\", \"code\": \"G" LONE "B\"}, \"gender\": \"" LONE "x\"},"
    "  \"character\": {\"id\": 2, \"name\": \"Char" LONE "acter\"}}]";
  static const char episodes[] =
    "[{\"id\": 3, \"name\": \"Epi" LONE "sode\", \"season\": 1, \"number\": 1,"
    "  \"type\": \"reg" LONE "ular\", \"summary\": \"<p>" LONE "</p>\","
    "  \"airstamp\": \"2020-01-01T00:00:00" LONE "+00:00\"}]";
  static const char seasons[] =
    "[{\"id\": 4, \"number\": 1, \"name\": \"Sea" LONE "son\", \"summary\": \"" LONE "x\","
    "  \"network\": {\"name\": \"N" LONE "x\"}}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cast_list = sf_cast_list_parse (cast, -1, &error);
  g_autoptr(GPtrArray) episode_list = NULL;
  g_autoptr(GPtrArray) season_list = NULL;

  if (parsed_or_refused (cast_list, error))
    {
      SfCastMember *member;

      g_assert_cmpuint (cast_list->len, ==, 1);
      member = cast_list->pdata[0];
      assert_valid (sf_cast_member_get_person_name (member));
      g_assert_nonnull (strstr (sf_cast_member_get_person_name (member), "\xef\xbf\xbd"));
      assert_valid (sf_cast_member_get_person_country_name (member));
      assert_valid (sf_cast_member_get_person_gender (member));
      assert_valid (sf_cast_member_get_character_name (member));
      g_assert_null (sf_cast_member_get_person_country_code (member));
    }
  g_clear_error (&error);

  episode_list = sf_episode_list_parse (episodes, -1, &error);
  if (parsed_or_refused (episode_list, error))
    {
      SfEpisode *episode;

      g_assert_cmpuint (episode_list->len, ==, 1);
      episode = episode_list->pdata[0];
      assert_valid (sf_episode_get_name (episode));
      assert_valid (sf_episode_get_summary_html (episode));
      g_assert_null (sf_episode_get_airstamp (episode));
      g_assert_false (sf_episode_is_special (episode));
    }
  g_clear_error (&error);

  season_list = sf_season_list_parse (seasons, -1, &error);
  if (parsed_or_refused (season_list, error))
    {
      SfSeason *season;

      g_assert_cmpuint (season_list->len, ==, 1);
      season = season_list->pdata[0];
      assert_valid (sf_season_get_name (season));
      assert_valid (sf_season_get_summary_html (season));
      assert_valid (sf_season_get_network_name (season));
    }
}

static void
test_json_writer_invalid_utf8 (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *json = NULL;

  /* bytes that json-glib itself can produce from "\ud800", then a truncated sequence */
  json_node_set_string (node, "a\xed\xa0\x80z\xc3");
  json = sf_json_to_string (node);
  g_assert_cmpstr (json, ==, "\"a\\ufffd\\ufffd\\ufffdz\\ufffd\"");
}

static void
test_time_zone_names (void)
{
  static const char * const good[] = {
    "America/New_York", "Europe/London", "Etc/GMT+5", "Etc/GMT-14", "UTC", "Asia/Ho_Chi_Minh",
    "America/Argentina/Buenos_Aires", "America/Port-au-Prince",
  };
  static const char * const bad[] = {
    "", "/etc/passwd", "../../../etc/passwd", "Europe/../../../tmp/fifo", "./UTC", "Europe/",
    "Europe//London", "/", "..", ".", "Europe/.hidden", "Europe/Lon don", "Europe\\London",
    "Europe/London\n", "C:\\zone", "Zone\xc3\xa9",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (sf_json_reader_is_time_zone_name (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (sf_json_reader_is_time_zone_name (bad[i]));
    }
  g_assert_false (sf_json_reader_is_time_zone_name (NULL));
}

static void
test_time_zone_from_server (void)
{
  static const char * const paths[] = {
    "/etc/passwd", "../../../../etc/passwd", "/tmp/sf-fifo", "UTC/../../etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *body =
        g_strdup_printf ("{\"id\": 1, \"name\": \"x\", \"network\": {\"name\": \"n\","
                         " \"country\": {\"code\": \"US\", \"timezone\": \"%s\"}}}", paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SfShow) show = sf_show_parse (body, -1, &error);

      g_assert_no_error (error);
      g_assert_null (sf_show_get_timezone (show));
      g_assert_cmpstr (sf_show_get_country_code (show), ==, "US");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SfShow) show =
      sf_show_parse ("{\"id\": 1, \"name\": \"x\", \"webChannel\": {\"name\": \"n\","
                     " \"country\": {\"timezone\": \"Europe/London\"}}}", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sf_show_get_timezone (show), ==, "Europe/London");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/hostile-model/lone-surrogate/show", test_lone_surrogate_show);
  g_test_add_func ("/series-finder/hostile-model/lone-surrogate/search", test_lone_surrogate_search);
  g_test_add_func ("/series-finder/hostile-model/lone-surrogate/details", test_lone_surrogate_details);
  g_test_add_func ("/series-finder/hostile-model/json-writer-invalid-utf8", test_json_writer_invalid_utf8);
  g_test_add_func ("/series-finder/hostile-model/time-zone/names", test_time_zone_names);
  g_test_add_func ("/series-finder/hostile-model/time-zone/from-server", test_time_zone_from_server);

  return g_test_run ();
}
