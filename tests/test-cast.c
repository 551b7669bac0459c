/* test-cast.c: TVmaze cast rows, current and 2017-era
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-model-error.h"
#include "sf-show-details.h"

/* Hand-written fixtures in the shapes of TVMAZE.md §3.5. */
#define PERSON_FULL \
  "{\"id\": 501, \"url\": \"https://www.tvmaze.com/people/501/ada-quill\"," \
  " \"name\": \"Ada Quill\"," \
  " \"country\": {\"name\": \"Ireland\", \"code\": \"IE\", \"timezone\": \"Europe/Dublin\"}," \
  " \"birthday\": \"1971-03-09\", \"deathday\": \"2024-08-01\", \"gender\": \"Female\"," \
  " \"image\": {\"medium\":" \
  " \"https://static.tvmaze.com/uploads/images/medium_portrait/1/501.jpg\"," \
  "            \"original\":" \
  " \"https://static.tvmaze.com/uploads/images/original_untouched/1/501.jpg\"}," \
  " \"updated\": 1700000000," \
  " \"_links\": {\"self\": {\"href\": \"https://api.tvmaze.com/people/501\"}}}"

#define CHARACTER_FULL \
  "{\"id\": 901, \"url\": \"https://www.tvmaze.com/characters/901/harbour-captain-mara-vell\"," \
  " \"name\": \"Captain Mara Vell\"," \
  " \"image\": {\"medium\":" \
  " \"https://static.tvmaze.com/uploads/images/medium_portrait/1/901.jpg\"," \
  "            \"original\":" \
  " \"https://static.tvmaze.com/uploads/images/original_untouched/1/901.jpg\"}," \
  " \"_links\": {\"self\": {\"href\": \"https://api.tvmaze.com/characters/901\"}}}"

static SfCastMember *
parse_row (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  SfCastMember *member;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  member = sf_cast_member_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (SF_IS_CAST_MEMBER (member));
  return member;
}

static void
test_full (void)
{
  g_autoptr(SfCastMember) member = parse_row ("{\"person\": " PERSON_FULL ", \"character\": "
                                              CHARACTER_FULL ", \"self\": false,"
                                              " \"voice\": true}");
  g_autofree char *character = NULL;
  gboolean voice = FALSE;

  g_assert_cmpint (sf_cast_member_get_person_id (member), ==, 501);
  g_assert_cmpstr (sf_cast_member_get_person_name (member), ==, "Ada Quill");
  g_assert_cmpstr (sf_cast_member_get_person_url (member), ==,
                   "https://www.tvmaze.com/people/501/ada-quill");
  g_assert_cmpstr (sf_cast_member_get_person_image_medium (member), ==,
                   "https://static.tvmaze.com/uploads/images/medium_portrait/1/501.jpg");
  g_assert_cmpstr (sf_cast_member_get_person_image_original (member), ==,
                   "https://static.tvmaze.com/uploads/images/original_untouched/1/501.jpg");
  g_assert_cmpstr (sf_cast_member_get_person_country_code (member), ==, "IE");
  g_assert_cmpstr (sf_cast_member_get_person_country_name (member), ==, "Ireland");
  g_assert_cmpstr (sf_cast_member_get_person_birthday (member), ==, "1971-03-09");
  g_assert_cmpstr (sf_cast_member_get_person_deathday (member), ==, "2024-08-01");
  g_assert_cmpstr (sf_cast_member_get_person_gender (member), ==, "Female");
  g_assert_cmpint (sf_cast_member_get_character_id (member), ==, 901);
  g_assert_cmpstr (sf_cast_member_get_character_name (member), ==, "Captain Mara Vell");
  g_assert_cmpstr (sf_cast_member_get_character_url (member), ==,
                   "https://www.tvmaze.com/characters/901/harbour-captain-mara-vell");
  g_assert_cmpstr (sf_cast_member_get_character_image_medium (member), ==,
                   "https://static.tvmaze.com/uploads/images/medium_portrait/1/901.jpg");
  g_assert_false (sf_cast_member_get_self (member));
  g_assert_true (sf_cast_member_get_voice (member));
  /* the row shows the actor's photo */
  g_assert_cmpstr (sf_cast_member_get_image_medium (member), ==,
                   sf_cast_member_get_person_image_medium (member));

  g_object_get (member, "character-name", &character, "voice", &voice, NULL);
  g_assert_cmpstr (character, ==, "Captain Mara Vell");
  g_assert_true (voice);
}

static void
test_null_images (void)
{
  g_autoptr(SfCastMember) none = parse_row (
    "{\"person\": {\"id\": 502, \"name\": \"Bo Reyes\", \"image\": null, \"country\": null,"
    "              \"birthday\": null, \"deathday\": null, \"gender\": null},"
    " \"character\": {\"id\": 902, \"name\": \"Deckhand\", \"image\": null},"
    " \"self\": false, \"voice\": false}");
  g_autoptr(SfCastMember) character_only = parse_row (
    "{\"person\": {\"id\": 503, \"name\": \"Cy Ortega\", \"image\": null},"
    " \"character\": {\"id\": 903, \"name\": \"Pilot\","
    "                 \"image\": {\"medium\": \"https://static.tvmaze.com/c/903.jpg\","
    "                            \"original\": null}}}");

  g_assert_null (sf_cast_member_get_person_image_medium (none));
  g_assert_null (sf_cast_member_get_person_image_original (none));
  g_assert_null (sf_cast_member_get_character_image_medium (none));
  g_assert_null (sf_cast_member_get_image_medium (none));
  g_assert_null (sf_cast_member_get_person_country_code (none));
  g_assert_null (sf_cast_member_get_person_birthday (none));
  g_assert_null (sf_cast_member_get_person_deathday (none));
  g_assert_null (sf_cast_member_get_person_gender (none));

  /* no photo of the actor: the character's picture stands in */
  g_assert_cmpstr (sf_cast_member_get_image_medium (character_only), ==,
                   "https://static.tvmaze.com/c/903.jpg");
  g_assert_null (sf_cast_member_get_character_image_original (character_only));
}

static void
test_old_shape (void)
{
  /* 2017 shape: no self, voice, country, birthday, gender, updated; http:// links */
  g_autoptr(SfCastMember) member = parse_row (
    "{\"person\": {\"id\": 504, \"url\": \"http://www.tvmaze.com/people/504/dee-kahn\","
    "              \"name\": \"Dee Kahn\","
    "              \"image\": {\"medium\":"
    " \"http://static.tvmaze.com/uploads/images/medium_portrait/3/504.jpg\","
    "                         \"original\":"
    " \"http://static.tvmaze.com/uploads/images/original_untouched/3/504.jpg\"},"
    "              \"_links\": {\"self\": {\"href\": \"http://api.tvmaze.com/people/504\"}}},"
    " \"character\": {\"id\": 904, \"url\": \"http://www.tvmaze.com/characters/904/harbour-jo\","
    "                 \"name\": \"Jo\", \"image\": null,"
    "                 \"_links\": {\"self\": {\"href\":"
    " \"http://api.tvmaze.com/characters/904\"}}}}");

  g_assert_cmpstr (sf_cast_member_get_person_name (member), ==, "Dee Kahn");
  g_assert_cmpstr (sf_cast_member_get_person_url (member), ==,
                   "https://www.tvmaze.com/people/504/dee-kahn");
  g_assert_cmpstr (sf_cast_member_get_person_image_medium (member), ==,
                   "https://static.tvmaze.com/uploads/images/medium_portrait/3/504.jpg");
  g_assert_null (sf_cast_member_get_person_country_code (member));
  g_assert_null (sf_cast_member_get_person_birthday (member));
  g_assert_null (sf_cast_member_get_person_gender (member));
  g_assert_false (sf_cast_member_get_self (member));
  g_assert_false (sf_cast_member_get_voice (member));
  g_assert_cmpstr (sf_cast_member_get_character_name (member), ==, "Jo");
}

static void
test_absent_character (void)
{
  g_autoptr(SfCastMember) absent = parse_row (
    "{\"person\": {\"id\": 505, \"name\": \"Eli Park\"}, \"self\": true}");
  g_autoptr(SfCastMember) odd = parse_row (
    "{\"person\": {\"id\": 506, \"name\": \"Fay Lu\", \"birthday\": \"yesterday\","
    "              \"gender\": 1, \"country\": \"IE\", \"url\": \"ftp://x\"},"
    " \"character\": \"Herself\", \"self\": \"yes\", \"voice\": 1}");

  g_assert_null (sf_cast_member_get_character_name (absent));
  g_assert_cmpint (sf_cast_member_get_character_id (absent), ==, 0);
  g_assert_true (sf_cast_member_get_self (absent));

  /* values of the wrong type read as unknown, never as a warning */
  g_assert_null (sf_cast_member_get_person_birthday (odd));
  g_assert_null (sf_cast_member_get_person_gender (odd));
  g_assert_null (sf_cast_member_get_person_country_code (odd));
  g_assert_null (sf_cast_member_get_person_url (odd));
  g_assert_null (sf_cast_member_get_character_name (odd));
  g_assert_false (sf_cast_member_get_self (odd));
  g_assert_false (sf_cast_member_get_voice (odd));
}

static void
test_invalid (void)
{
  const char *rows[] = {
    "null", "[]", "{}", "{\"person\": null}", "{\"person\": {\"id\": 7}}",
    "{\"person\": {\"name\": \"No Id\"}}", "{\"person\": {\"id\": 7, \"name\": \"\"}}",
    "{\"person\": {\"id\": -7, \"name\": \"Negative\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (rows[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SfCastMember) member = NULL;

      g_assert_nonnull (node);
      member = sf_cast_member_new_from_json (node, &error);
      g_assert_null (member);
      g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
    }
}

static void
test_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cast = NULL;

  /* unusable rows are skipped, the order is kept */
  cast = sf_cast_list_parse ("[{\"person\": " PERSON_FULL ", \"character\": " CHARACTER_FULL "},"
                             " null, 5, {\"person\": {\"id\": 8}},"
                             " {\"person\": {\"id\": 502, \"name\": \"Bo Reyes\"}}]",
                             -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cast->len, ==, 2);
  g_assert_cmpstr (sf_cast_member_get_person_name (g_ptr_array_index (cast, 0)), ==,
                   "Ada Quill");
  g_assert_cmpstr (sf_cast_member_get_person_name (g_ptr_array_index (cast, 1)), ==,
                   "Bo Reyes");
  g_clear_pointer (&cast, g_ptr_array_unref);

  cast = sf_cast_list_parse ("[]", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cast->len, ==, 0);
  g_clear_pointer (&cast, g_ptr_array_unref);

  cast = sf_cast_list_parse ("{\"name\":\"Not Found\",\"message\":\"\",\"code\":0,\"status\":404}",
                             -1, &error);
  g_assert_null (cast);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_clear_error (&error);

  cast = sf_cast_list_parse ("[{\"person\": {\"id\": 502, \"name\": \"Bo", -1, &error);
  g_assert_null (cast);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/cast/full", test_full);
  g_test_add_func ("/series-finder/cast/null-images", test_null_images);
  g_test_add_func ("/series-finder/cast/old-shape", test_old_shape);
  g_test_add_func ("/series-finder/cast/absent-character", test_absent_character);
  g_test_add_func ("/series-finder/cast/invalid", test_invalid);
  g_test_add_func ("/series-finder/cast/list", test_list);

  return g_test_run ();
}
