/* Criteria: the in-memory filter, the sort order and the command-line forms. */
#include "config.h"

#include <string.h>

#include "sf-criteria.h"
#include "sf-show-list.h"

/* A show from a few fields; the rest stays unknown. */
static SfShow *
make_show (gint64      id,
           const char *name,
           const char *extra_json)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  SfShow *show;

  json = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"name\": \"%s\"%s%s}", id, name,
                          extra_json != NULL ? ", " : "", extra_json != NULL ? extra_json : "");
  show = sf_show_parse (json, -1, &error);
  g_assert_no_error (error);
  return show;
}

static void
test_normalize (void)
{
  static const struct {
    const char *text;
    const char *key;
  } cases[] = {
    { "Grey's Anatomy", "grey s anatomy" },
    { "  Café   Noir! ", "cafe noir" },
    { "Pokémon: XY", "pokemon xy" },
    { "Straße", "strasse" },
    { "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc" },   /* fullwidth ABC */
    { "\xe2\x84\xa1 Show", "tel show" },                   /* ℡ */
    { "9-1-1: Lone Star", "9 1 1 lone star" },
    { "!!!", "" },
    { "", "" },
    { "Ölüdeniz", "oludeniz" },
    { "Дом 2", "дом 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = sf_criteria_normalize_text (cases[i].text);

      g_assert_cmpstr (key, ==, cases[i].key);
    }

  /* Invalid UTF-8 does not break it. */
  {
    g_autofree char *key = sf_criteria_normalize_text ("bad \xff byte");

    g_assert_true (g_utf8_validate (key, -1, NULL));
  }
}

static void
test_text (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(SfShow) grey = make_show (1, "Grey's Anatomy", NULL);
  g_autoptr(SfShow) cafe = make_show (2, "Café Society", NULL);

  g_assert_true (sf_criteria_is_empty (criteria));
  g_assert_true (sf_criteria_matches (criteria, grey));

  sf_criteria_set_text (criteria, "gre ana");
  g_assert_false (sf_criteria_is_empty (criteria));
  g_assert_true (sf_criteria_matches (criteria, grey));
  g_assert_false (sf_criteria_matches (criteria, cafe));

  /* word order does not matter, a word must start a word */
  sf_criteria_set_text (criteria, "ANATOMY grey's");
  g_assert_true (sf_criteria_matches (criteria, grey));
  sf_criteria_set_text (criteria, "rey");
  g_assert_false (sf_criteria_matches (criteria, grey));

  sf_criteria_set_text (criteria, "cafe");
  g_assert_true (sf_criteria_matches (criteria, cafe));
  sf_criteria_set_text (criteria, "CAFÉ soc");
  g_assert_true (sf_criteria_matches (criteria, cafe));

  /* punctuation alone is no text */
  sf_criteria_set_text (criteria, " ?! ");
  g_assert_false (sf_criteria_is_set (criteria, SF_CRITERION_TEXT));
  g_assert_true (sf_criteria_matches (criteria, cafe));
  g_assert_cmpstr (sf_criteria_get_text (criteria), ==, " ?! ");
}

static void
test_values (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(SfShow) a = make_show (1, "A", "\"genres\": [\"Drama\", \"Crime\"], "
                                   "\"status\": \"Running\", \"type\": \"Scripted\", "
                                   "\"language\": \"English\", "
                                   "\"network\": {\"name\": \"HBO\","
                                   " \"country\": {\"code\": \"US\"}}");
  g_autoptr(SfShow) b = make_show (2, "B", "\"genres\": [\"Comedy\"], \"status\": \"Ended\", "
                                   "\"type\": \"Animation\", \"language\": \"Japanese\", "
                                   "\"webChannel\": {\"name\": \"Netflix\", \"country\": null}, "
                                   "\"network\": {\"name\": \"Fuji TV\","
                                   " \"country\": {\"code\": \"JP\"}}");
  g_autoptr(SfShow) none = make_show (3, "C", NULL);

  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "drama");
  g_assert_true (sf_criteria_matches (criteria, a));
  g_assert_false (sf_criteria_matches (criteria, b));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Comedy");
  g_assert_false (sf_criteria_matches (criteria, a));
  sf_criteria_clear (criteria, SF_CRITERION_GENRES_ALL);

  sf_criteria_set_values (criteria, SF_CRITERION_GENRES_ANY,
                          (const char * const[]) { "Comedy", "Crime", NULL });
  g_assert_true (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_clear (criteria, SF_CRITERION_GENRES_ANY);

  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_EXCLUDE, "CRIME");
  g_assert_false (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  g_assert_true (sf_criteria_matches (criteria, none));
  sf_criteria_clear (criteria, SF_CRITERION_GENRES_EXCLUDE);

  sf_criteria_set_values (criteria, SF_CRITERION_STATUS,
                          (const char * const[]) { "ended", "To Be Determined", NULL });
  g_assert_false (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_clear (criteria, SF_CRITERION_STATUS);

  sf_criteria_add_value (criteria, SF_CRITERION_TYPE, "scripted");
  g_assert_true (sf_criteria_matches (criteria, a));
  g_assert_false (sf_criteria_matches (criteria, b));
  sf_criteria_clear (criteria, SF_CRITERION_TYPE);

  sf_criteria_add_value (criteria, SF_CRITERION_LANGUAGE, "Japanese");
  g_assert_false (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  sf_criteria_clear (criteria, SF_CRITERION_LANGUAGE);

  /* network or web channel */
  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, "netflix");
  g_assert_false (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  sf_criteria_set_values (criteria, SF_CRITERION_CHANNEL,
                          (const char * const[]) { "Fuji TV", NULL });
  g_assert_true (sf_criteria_matches (criteria, b));
  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, "hbo");
  g_assert_true (sf_criteria_matches (criteria, a));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_clear (criteria, SF_CRITERION_CHANNEL);

  /* the country of the channel (the network's when the web channel is global) */
  sf_criteria_add_value (criteria, SF_CRITERION_COUNTRY, "jp");
  g_assert_false (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  sf_criteria_clear (criteria, SF_CRITERION_COUNTRY);

  g_assert_true (sf_criteria_is_empty (criteria));
}

static void
test_ranges (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(SfShow) a = make_show (1, "A", "\"premiered\": \"2012-04-15\", \"runtime\": 30, "
                                   "\"rating\": {\"average\": 7.5}");
  g_autoptr(SfShow) b = make_show (2, "B", "\"premiered\": \"1999-01-01\", \"runtime\": null, "
                                   "\"averageRuntime\": 55, \"rating\": {\"average\": 8.9}");
  g_autoptr(SfShow) none = make_show (3, "C", "\"rating\": {\"average\": null}");

  sf_criteria_set_year_range (criteria, 2010, 0);
  g_assert_true (sf_criteria_matches (criteria, a));
  g_assert_false (sf_criteria_matches (criteria, b));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_set_year_range (criteria, 0, 2012);
  g_assert_true (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_set_year_range (criteria, 2013, 2020);
  g_assert_false (sf_criteria_matches (criteria, a));
  sf_criteria_clear (criteria, SF_CRITERION_YEAR);

  /* runtime falls back to averageRuntime */
  sf_criteria_set_runtime_range (criteria, 45, 60);
  g_assert_false (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_set_runtime_range (criteria, 0, 30);
  g_assert_true (sf_criteria_matches (criteria, a));
  sf_criteria_clear (criteria, SF_CRITERION_RUNTIME);

  sf_criteria_set_min_rating (criteria, 7.5);
  g_assert_true (sf_criteria_matches (criteria, a));
  g_assert_true (sf_criteria_matches (criteria, b));
  g_assert_false (sf_criteria_matches (criteria, none));
  sf_criteria_set_min_rating (criteria, 8.0);
  g_assert_false (sf_criteria_matches (criteria, a));
  sf_criteria_set_min_rating (criteria, 0.0);
  g_assert_true (sf_criteria_matches (criteria, none));

  /* an inverted range is put right */
  sf_criteria_set_year_range (criteria, 2015, 2010);
  {
    int from, to;

    sf_criteria_get_year_range (criteria, &from, &to);
    g_assert_cmpint (from, ==, 2010);
    g_assert_cmpint (to, ==, 2015);
  }
}

static void
test_parse (void)
{
  static const struct {
    const char *text;
    int         from;
    int         to;
  } years[] = {
    { "2010..2015", 2010, 2015 },
    { "2010..", 2010, 0 },
    { "..2015", 0, 2015 },
    { "2012", 2012, 2012 },
    { " 2010 - 2015 ", 2010, 2015 },
  };
  static const char * const bad_years[] = { "..", "abc", "2015..2010", "2010..x", "1..2..3", "0" };
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  int from, to;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sf_criteria_set_year_range_from_string (criteria, years[i].text, &error));
      g_assert_no_error (error);
      sf_criteria_get_year_range (criteria, &from, &to);
      g_assert_cmpint (from, ==, years[i].from);
      g_assert_cmpint (to, ==, years[i].to);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_years); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sf_criteria_set_year_range_from_string (criteria, bad_years[i], &error));
      g_assert_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID);
    }

  /* a failed parse leaves the criteria as they were */
  sf_criteria_get_year_range (criteria, &from, &to);
  g_assert_cmpint (from, ==, 2010);
  g_assert_cmpint (to, ==, 2015);

  g_assert_true (sf_criteria_set_runtime_range_from_string (criteria, "30..60", NULL));
  sf_criteria_get_runtime_range (criteria, &from, &to);
  g_assert_cmpint (from, ==, 30);
  g_assert_cmpint (to, ==, 60);
  g_assert_true (sf_criteria_set_runtime_range_from_string (criteria, "..30", NULL));
  sf_criteria_get_runtime_range (criteria, &from, &to);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (to, ==, 30);
  g_assert_true (sf_criteria_set_runtime_range_from_string (criteria, "", NULL));
  g_assert_false (sf_criteria_is_set (criteria, SF_CRITERION_RUNTIME));

  g_assert_true (sf_criteria_set_min_rating_from_string (criteria, "7.5", NULL));
  g_assert_cmpfloat (sf_criteria_get_min_rating (criteria), ==, 7.5);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sf_criteria_set_min_rating_from_string (criteria, "11", &error));
    g_assert_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sf_criteria_set_min_rating_from_string (criteria, "7,5", &error));
    g_assert_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID);
  }

  for (SfSort sort = SF_SORT_RELEVANCE; sort <= SF_SORT_NAME; sort++)
    {
      g_assert_true (sf_criteria_set_sort_from_string (criteria, sf_sort_to_string (sort), NULL));
      g_assert_cmpint (sf_criteria_get_sort (criteria), ==, sort);
    }
  g_assert_true (sf_criteria_set_sort_from_string (criteria, "Weight", NULL));
  g_assert_cmpint (sf_criteria_get_sort (criteria), ==, SF_SORT_POPULARITY);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sf_criteria_set_sort_from_string (criteria, "loudness", &error));
    g_assert_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID);
  }
}

static void
assert_order (SfCriteria *criteria,
              SfShow    **shows,
              guint       n,
              const gint64 *expected)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      guint pos = 0;

      /* insertion sort with the comparator, as the streaming view does */
      while (pos < sorted->len &&
             sf_criteria_compare (criteria, g_ptr_array_index (sorted, pos), shows[i]) < 0)
        pos++;
      g_ptr_array_insert (sorted, pos, shows[i]);
    }

  for (guint i = 0; i < n; i++)
    g_assert_cmpint (sf_show_get_id (g_ptr_array_index (sorted, i)), ==, expected[i]);
}

static void
test_compare (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  SfShow *shows[] = {
    make_show (5, "The Office", "\"weight\": 90, \"rating\": {\"average\": 8.1}, "
               "\"premiered\": \"2005-03-24\""),
    make_show (2, "Office", "\"weight\": 50, \"rating\": {\"average\": 8.1}, "
               "\"premiered\": \"2001-07-09\""),
    make_show (9, "office hours", "\"weight\": 90, \"rating\": {\"average\": null}"),
    make_show (4, "Offices of the Dead", "\"rating\": {\"average\": 9.0}, "
               "\"premiered\": \"2020-01-01\""),
    make_show (7, "Office", "\"weight\": 10"),
  };
  const guint n = G_N_ELEMENTS (shows);

  /* relevance without text: popularity, unknown weight last, then id */
  assert_order (criteria, shows, n, (const gint64[]) { 5, 9, 2, 7, 4 });

  /* exact title first, then titles starting with the text, then the rest */
  sf_criteria_set_text (criteria, "office");
  assert_order (criteria, shows, n, (const gint64[]) { 2, 7, 9, 4, 5 });

  sf_criteria_set_sort (criteria, SF_SORT_RATING);
  assert_order (criteria, shows, n, (const gint64[]) { 4, 2, 5, 7, 9 });

  sf_criteria_set_sort (criteria, SF_SORT_POPULARITY);
  assert_order (criteria, shows, n, (const gint64[]) { 5, 9, 2, 7, 4 });

  sf_criteria_set_sort (criteria, SF_SORT_NEWEST);
  assert_order (criteria, shows, n, (const gint64[]) { 4, 5, 2, 7, 9 });

  /* by folded title, then the title as written, then id */
  sf_criteria_set_sort (criteria, SF_SORT_NAME);
  assert_order (criteria, shows, n, (const gint64[]) { 2, 7, 9, 4, 5 });

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (sf_criteria_compare (criteria, shows[i], shows[i]), ==, 0);
      g_object_unref (shows[i]);
    }
}

static void
test_copy_equal (void)
{
  g_autoptr(SfCriteria) a = sf_criteria_new ();
  g_autoptr(SfCriteria) b = NULL;
  g_autoptr(SfCriteria) c = NULL;

  sf_criteria_set_text (a, "Grey's");
  sf_criteria_set_values (a, SF_CRITERION_GENRES_ANY,
                          (const char * const[]) { "Drama", " Comedy ", "drama", "", NULL });
  sf_criteria_set_year_range (a, 2000, 2010);
  sf_criteria_set_min_rating (a, 6.5);
  sf_criteria_set_sort (a, SF_SORT_RATING);

  /* trimmed, without duplicates (ASCII case ignored), sorted */
  g_assert_cmpstrv (sf_criteria_get_values (a, SF_CRITERION_GENRES_ANY),
                    ((const char * const[]) { "Comedy", "Drama", NULL }));

  b = sf_criteria_copy (a);
  g_assert_true (sf_criteria_equal (a, b));

  /* the same words are the same search */
  sf_criteria_set_text (b, "  GREY S ");
  g_assert_true (sf_criteria_equal (a, b));

  /* the order values were added in does not matter */
  c = sf_criteria_new ();
  sf_criteria_set_text (c, "grey's");
  sf_criteria_add_value (c, SF_CRITERION_GENRES_ANY, "Drama");
  sf_criteria_add_value (c, SF_CRITERION_GENRES_ANY, "Comedy");
  g_assert_false (sf_criteria_add_value (c, SF_CRITERION_GENRES_ANY, "comedy"));
  sf_criteria_set_year_range (c, 2000, 2010);
  sf_criteria_set_min_rating (c, 6.5);
  sf_criteria_set_sort (c, SF_SORT_RATING);
  g_assert_true (sf_criteria_equal (a, c));

  /* every change is seen */
  sf_criteria_set_sort (b, SF_SORT_NAME);
  g_assert_false (sf_criteria_equal (a, b));
  sf_criteria_set_sort (b, SF_SORT_RATING);
  g_assert_true (sf_criteria_remove_value (b, SF_CRITERION_GENRES_ANY, "DRAMA"));
  g_assert_false (sf_criteria_remove_value (b, SF_CRITERION_GENRES_ANY, "Drama"));
  g_assert_false (sf_criteria_equal (a, b));
  sf_criteria_add_value (b, SF_CRITERION_GENRES_ANY, "Drama");
  g_assert_true (sf_criteria_equal (a, b));
  sf_criteria_set_runtime_range (b, 0, 30);
  g_assert_false (sf_criteria_equal (a, b));

  /* the copy is independent */
  sf_criteria_clear (a, SF_CRITERION_TEXT);
  g_assert_cmpstr (sf_criteria_get_text (c), ==, "grey's");
  g_assert_true (sf_criteria_is_set (c, SF_CRITERION_TEXT));

  /* boxed */
  {
    g_autoptr(SfCriteria) boxed = g_boxed_copy (SF_TYPE_CRITERIA, c);

    g_assert_true (boxed == c);
    sf_criteria_unref (boxed);
    boxed = NULL;
  }
}

static void
test_facet (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(SfCriteria) genre = NULL;
  g_autoptr(SfCriteria) status = NULL;

  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ANY, "Comedy");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Crime");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Ended");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Running");

  genre = sf_criteria_copy_for_facet (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  g_assert_cmpstrv (sf_criteria_get_values (genre, SF_CRITERION_GENRES_ALL),
                    ((const char * const[]) { "Crime", "Drama", NULL }));
  g_assert_false (sf_criteria_is_set (genre, SF_CRITERION_GENRES_ANY));
  g_assert_cmpstrv (sf_criteria_get_values (genre, SF_CRITERION_STATUS),
                    ((const char * const[]) { "Ended", "Running", NULL }));

  status = sf_criteria_copy_for_facet (criteria, SF_CRITERION_STATUS, "In Development");
  g_assert_cmpstrv (sf_criteria_get_values (status, SF_CRITERION_STATUS),
                    ((const char * const[]) { "In Development", NULL }));
  g_assert_true (sf_criteria_is_set (status, SF_CRITERION_GENRES_ANY));
}

static void
test_to_string (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autofree char *empty = sf_criteria_to_string (criteria);
  g_autofree char *text = NULL;

  g_assert_cmpstr (empty, ==, "sort:relevance");

  sf_criteria_set_text (criteria, "Girls");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Running");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Ended");
  sf_criteria_set_year_range (criteria, 2010, 0);
  sf_criteria_set_min_rating (criteria, 7.5);
  sf_criteria_set_sort (criteria, SF_SORT_NEWEST);
  text = sf_criteria_to_string (criteria);
  g_assert_cmpstr (text, ==,
                   "text:'girls' genre:Drama status:Ended|Running year:2010.. rating:7.5"
                   " sort:newest");
}

static void
test_person (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(SfCriteria) copy = NULL;
  g_autoptr(SfShow) in = make_show (526, "The Office", "\"genres\": [\"Comedy\"]");
  g_autoptr(SfShow) out = make_show (527, "The Other", "\"genres\": [\"Comedy\"]");
  g_autoptr(SfShow) drama = make_show (900, "Drama Show", "\"genres\": [\"Drama\"]");
  g_autofree char *text = NULL;
  const gint64 ids[] = { 900, 526, 900, 12 };
  const gint64 *kept;
  guint n = 99;

  g_assert_null (sf_criteria_get_person_show_ids (criteria, &n));
  g_assert_cmpuint (n, ==, 0);

  sf_criteria_set_person (criteria, 19396, "Rainn Wilson", ids, G_N_ELEMENTS (ids));
  g_assert_false (sf_criteria_is_empty (criteria));
  g_assert_cmpint (sf_criteria_get_person_id (criteria), ==, 19396);
  g_assert_cmpstr (sf_criteria_get_person_name (criteria), ==, "Rainn Wilson");
  kept = sf_criteria_get_person_show_ids (criteria, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (kept[0], ==, 12);
  g_assert_cmpint (kept[1], ==, 526);
  g_assert_cmpint (kept[2], ==, 900);

  /* The person's series only, combined with the other criteria. */
  g_assert_true (sf_criteria_matches (criteria, in));
  g_assert_false (sf_criteria_matches (criteria, out));
  g_assert_true (sf_criteria_matches (criteria, drama));
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Comedy");
  g_assert_true (sf_criteria_matches (criteria, in));
  g_assert_false (sf_criteria_matches (criteria, drama));

  copy = sf_criteria_copy (criteria);
  g_assert_true (sf_criteria_equal (copy, criteria));
  text = sf_criteria_to_string (copy);
  g_assert_nonnull (strstr (text, "with:19396"));
  sf_criteria_set_person (copy, 19396, "Rainn Wilson", ids, 1);
  g_assert_false (sf_criteria_equal (copy, criteria));

  /* No credits: nothing matches; 0 clears. */
  sf_criteria_set_person (copy, 5, NULL, NULL, 0);
  g_assert_false (sf_criteria_matches (copy, in));
  sf_criteria_set_person (copy, 0, NULL, NULL, 0);
  g_assert_true (sf_criteria_matches (copy, in));
  g_assert_null (sf_criteria_get_person_name (copy));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/criteria/normalize", test_normalize);
  g_test_add_func ("/series-finder/criteria/text", test_text);
  g_test_add_func ("/series-finder/criteria/values", test_values);
  g_test_add_func ("/series-finder/criteria/ranges", test_ranges);
  g_test_add_func ("/series-finder/criteria/parse", test_parse);
  g_test_add_func ("/series-finder/criteria/compare", test_compare);
  g_test_add_func ("/series-finder/criteria/copy-equal", test_copy_equal);
  g_test_add_func ("/series-finder/criteria/facet", test_facet);
  g_test_add_func ("/series-finder/criteria/to-string", test_to_string);
  g_test_add_func ("/series-finder/criteria/person", test_person);

  return g_test_run ();
}
