/* test-person.c: SfPerson and SfCredit from TVmaze JSON, odd data included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-model-error.h"
#include "sf-person.h"

static SfPerson *
person_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  SfPerson *person = sf_person_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);
  return person;
}

static void
test_person_full (void)
{
  g_autoptr(SfPerson) person = person_from (
    "{\"id\": 19396, \"url\": \"https://www.tvmaze.com/people/19396/rainn-wilson\","
    " \"name\": \"Rainn Wilson\","
    " \"country\": {\"name\": \"United States\", \"code\": \"US\", \"timezone\": \"America/New_York\"},"
    " \"birthday\": \"1966-01-20\", \"deathday\": null, \"gender\": \"Male\","
    " \"image\": {\"medium\": \"http://static.tvmaze.com/m.jpg\", \"original\": \"https://static.tvmaze.com/o.jpg\"},"
    " \"updated\": 1703200077, \"_links\": {\"self\": {\"href\": \"https://api.tvmaze.com/people/19396\"}}}");

  g_assert_cmpint (sf_person_get_id (person), ==, 19396);
  g_assert_cmpstr (sf_person_get_name (person), ==, "Rainn Wilson");
  g_assert_cmpstr (sf_person_get_url (person), ==, "https://www.tvmaze.com/people/19396/rainn-wilson");
  g_assert_cmpstr (sf_person_get_country_name (person), ==, "United States");
  g_assert_cmpstr (sf_person_get_country_code (person), ==, "US");
  g_assert_cmpstr (sf_person_get_birthday (person), ==, "1966-01-20");
  g_assert_null (sf_person_get_deathday (person));
  g_assert_cmpstr (sf_person_get_gender (person), ==, "Male");
  /* TVmaze's own http:// links become https:// */
  g_assert_cmpstr (sf_person_get_image_medium (person), ==, "https://static.tvmaze.com/m.jpg");
  g_assert_cmpstr (sf_person_get_image_original (person), ==, "https://static.tvmaze.com/o.jpg");
}

static void
test_person_sparse (void)
{
  /* The 2017 shape: no country, birthday, gender, updated; and a null image. */
  g_autoptr(SfPerson) old = person_from ("{\"id\": 27753, \"name\": \"Thomas Middleditch\","
                                         " \"url\": \"http://www.tvmaze.com/people/27753/x\"}");
  g_autoptr(SfPerson) nulls = person_from ("{\"id\": 5, \"name\": \"N\", \"image\": null,"
                                           " \"country\": null, \"birthday\": null,"
                                           " \"gender\": null, \"deathday\": \"not a date\"}");
  g_autoptr(SfPerson) wrong = person_from ("{\"id\": 6, \"name\": \"W\", \"image\": 3,"
                                           " \"country\": \"US\", \"birthday\": 1966,"
                                           " \"gender\": [], \"deathday\": \"2023-02-30\"}");

  g_assert_cmpstr (sf_person_get_url (old), ==, "https://www.tvmaze.com/people/27753/x");
  for (guint i = 0; i < 3; i++)
    {
      SfPerson *person = i == 0 ? old : i == 1 ? nulls : wrong;

      g_assert_null (sf_person_get_image_medium (person));
      g_assert_null (sf_person_get_image_original (person));
      g_assert_null (sf_person_get_country_name (person));
      g_assert_null (sf_person_get_country_code (person));
      g_assert_null (sf_person_get_birthday (person));
      g_assert_null (sf_person_get_deathday (person));
      g_assert_null (sf_person_get_gender (person));
    }
}

static void
test_person_hostile_names (void)
{
  /* Markup is kept as text (widgets never parse it); control characters and line breaks go. */
  g_autoptr(SfPerson) markup = person_from ("{\"id\": 1, \"name\": \"<b>Bold</b> & \\\"Co\\\"\"}");
  g_autoptr(SfPerson) controls = person_from (
    "{\"id\": 2, \"name\": \"\\u001b[31mRed\\u0007\\nLine\\u0085 \\t Two\\u0000\","
    " \"country\": {\"name\": \"\\u001bX\", \"code\": \"\\u0001\"}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SfPerson) empty = NULL;

  g_assert_cmpstr (sf_person_get_name (markup), ==, "<b>Bold</b> & \"Co\"");
  g_assert_cmpstr (sf_person_get_name (controls), ==, "[31mRed Line Two");
  g_assert_cmpstr (sf_person_get_country_name (controls), ==, "X");
  g_assert_null (sf_person_get_country_code (controls));

  /* A name of control characters only is no name. */
  empty = sf_person_parse ("{\"id\": 3, \"name\": \"\\u0001\\n\"}", -1, &error);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_assert_null (empty);
}

static void
test_person_errors (void)
{
  const char *bodies[] = {
    "{\"name\": \"No Id\"}",
    "{\"id\": 0, \"name\": \"Zero\"}",
    "{\"id\": -4, \"name\": \"Negative\"}",
    "{\"id\": \"7\", \"name\": \"String id\"}",
    "{\"id\": 7}",
    "{\"id\": 7, \"name\": \"\"}",
    "[]",
    "null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SfPerson) person = sf_person_parse (bodies[i], -1, &error);

      g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
      g_assert_null (person);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SfPerson) person = sf_person_parse ("{\"id\": 1, \"name\": \"tru", -1, &error);

    g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON);
    g_assert_null (person);
  }
}

static void
test_person_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);

  people = sf_person_list_parse_search (
    "[{\"score\": 75.1, \"person\": {\"id\": 27753, \"name\": \"Thomas Middleditch\","
    "  \"image\": {\"medium\": \"http://static.tvmaze.com/a.jpg\","
    "             \"original\": \"http://static.tvmaze.com/b.jpg\"}}},"
    " {\"score\": 3, \"person\": {\"id\": 0, \"name\": \"skipped\"}},"
    " {\"score\": 2, \"show\": {\"id\": 1, \"name\": \"skipped\"}},"
    " 7, null,"
    " {\"person\": {\"id\": 9, \"name\": \"No score\"}}]", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpint (sf_person_get_id (g_ptr_array_index (people, 0)), ==, 27753);
  g_assert_cmpfloat_with_epsilon (sf_person_get_score (g_ptr_array_index (people, 0)), 75.1, 1e-9);
  g_assert_cmpint (sf_person_get_id (g_ptr_array_index (people, 1)), ==, 9);
  g_assert_cmpfloat (sf_person_get_score (g_ptr_array_index (people, 1)), ==, 0);
  g_clear_pointer (&people, g_ptr_array_unref);

  people = sf_person_list_parse_search ("{\"name\": \"Not Found\", \"status\": 404}", -1, &error);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_assert_null (people);
  g_clear_error (&error);

  /* The shared reader's nesting guard. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  people = sf_person_list_parse_search (deep->str, deep->len, &error);
  g_assert_nonnull (error);
  g_assert_null (people);
  g_clear_error (&error);

  /* Invalid UTF-8 is not JSON. */
  people = sf_person_list_parse_search ("[{\"person\": {\"id\": 1, \"name\": \"\xff\xfe\"}}]",
                                        -1, &error);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_INVALID_JSON);
  g_assert_null (people);
}

#define SHOW(id, name, premiered) \
  "{\"id\": " #id ", \"name\": \"" name "\", \"premiered\": " premiered "}"

static void
test_credits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) credits = NULL;
  g_autoptr(GArray) ids = NULL;
  SfCredit *credit;

  credits = sf_credit_list_parse (
    "["
    /* old, with a character */
    " {\"self\": false, \"voice\": false,"
    "  \"_links\": {\"show\": {\"href\": \"https://api.tvmaze.com/shows/526\"}},"
    "  \"_embedded\": {\"show\": " SHOW (526, "The Office", "\"2005-03-24\"") ","
    "                 \"character\": {\"id\": 1, \"name\": \"Dwight\\u0007 Schrute\"}}},"
    /* newest, a voice role */
    " {\"voice\": true, \"_embedded\": {\"show\": " SHOW (900, "Cartoon", "\"2020-01-01\"") "}},"
    /* the show missing from the embed: kept with its id */
    " {\"self\": true, \"_links\": {\"show\": {\"href\": \"https://api.tvmaze.com/shows/77\"}}},"
    /* an unusable embedded show, but a link: kept with its id */
    " {\"_links\": {\"show\": {\"href\": \"https://api.tvmaze.com/shows/78\"}},"
    "  \"_embedded\": {\"show\": {\"id\": \"x\"}}},"
    /* no premiere date: after the dated ones */
    " {\"_embedded\": {\"show\": " SHOW (300, "Undated", "null") "}},"
    /* the same show twice (two characters) */
    " {\"_embedded\": {\"show\": " SHOW (526, "The Office", "\"2005-03-24\"") ","
    "                 \"character\": {\"name\": \"<i>Mose</i>\"}}},"
    /* not credits */
    " {\"_links\": {\"show\": {\"href\": \"https://api.tvmaze.com/episodes/3\"}}},"
    " {}, 4, null"
    "]", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credits->len, ==, 6);

  credit = g_ptr_array_index (credits, 0);
  g_assert_cmpint (sf_credit_get_show_id (credit), ==, 900);
  g_assert_true (sf_credit_get_voice (credit));
  g_assert_false (sf_credit_get_self (credit));
  g_assert_null (sf_credit_get_character_name (credit));
  g_assert_cmpstr (sf_show_get_name (sf_credit_get_show (credit)), ==, "Cartoon");

  credit = g_ptr_array_index (credits, 1);
  g_assert_cmpint (sf_credit_get_show_id (credit), ==, 526);
  g_assert_false (sf_credit_get_voice (credit));
  credit = g_ptr_array_index (credits, 2);
  g_assert_cmpint (sf_credit_get_show_id (credit), ==, 526);
  g_assert_true (g_strcmp0 (sf_credit_get_character_name (g_ptr_array_index (credits, 1)),
                            "Dwight Schrute") == 0 ||
                 g_strcmp0 (sf_credit_get_character_name (credit), "Dwight Schrute") == 0);

  /* Then the undated and the id-only ones, higher id first. */
  credit = g_ptr_array_index (credits, 3);
  g_assert_cmpint (sf_credit_get_show_id (credit), ==, 300);
  credit = g_ptr_array_index (credits, 4);
  g_assert_cmpint (sf_credit_get_show_id (credit), ==, 78);
  g_assert_null (sf_credit_get_show (credit));
  credit = g_ptr_array_index (credits, 5);
  g_assert_cmpint (sf_credit_get_show_id (credit), ==, 77);
  g_assert_null (sf_credit_get_show (credit));
  g_assert_true (sf_credit_get_self (credit));

  ids = sf_credit_list_dup_show_ids (credits);
  g_assert_cmpuint (ids->len, ==, 5);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 77);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 78);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 300);
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, 526);
  g_assert_cmpint (g_array_index (ids, gint64, 4), ==, 900);
  g_clear_pointer (&credits, g_ptr_array_unref);

  credits = sf_credit_list_parse ("[]", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credits->len, ==, 0);
  g_clear_pointer (&credits, g_ptr_array_unref);

  credits = sf_credit_list_parse ("null", -1, &error);
  g_assert_error (error, SF_MODEL_ERROR, SF_MODEL_ERROR_UNEXPECTED_SHAPE);
  g_assert_null (credits);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/person/full", test_person_full);
  g_test_add_func ("/person/sparse", test_person_sparse);
  g_test_add_func ("/person/hostile-names", test_person_hostile_names);
  g_test_add_func ("/person/errors", test_person_errors);
  g_test_add_func ("/person/search", test_person_search);
  g_test_add_func ("/person/credits", test_credits);

  return g_test_run ();
}
