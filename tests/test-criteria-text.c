/* Criteria in words: the labels of the chips, and taking one away. */
#include "config.h"

#include "sf-criteria-text.h"

static void
assert_labels (const SfCriteria   *criteria,
               const char * const *expected)
{
  g_autoptr(GPtrArray) labels = sf_criteria_describe (criteria);
  guint n = g_strv_length ((GStrv) expected);

  for (guint i = 0; i < MIN (n, labels->len); i++)
    g_assert_cmpstr (((SfCriterionLabel *) labels->pdata[i])->label, ==, expected[i]);
  g_assert_cmpuint (labels->len, ==, n);
}

static void
test_empty (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  const char * const none[] = { NULL };

  assert_labels (criteria, none);

  /* The title text and the sort order are shown elsewhere. */
  sf_criteria_set_text (criteria, "girls");
  sf_criteria_set_sort (criteria, SF_SORT_NAME);
  assert_labels (criteria, none);
}

static void
test_values (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GPtrArray) labels = NULL;
  /* Values are kept sorted: the "any of" genres read Comedy, or Crime, or Western. */
  const char * const expected[] = {
    "Drama", "Comedy", "or Crime", "or Western", "not Reality", "Ended", "Running",
    "Talk Show", "Japanese", "<b>x</b>", "HBO", "Country: GB", NULL
  };

  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ANY, "Western");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ANY, "Crime");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ANY, "Comedy");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_EXCLUDE, "Reality");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Running");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Ended");
  sf_criteria_add_value (criteria, SF_CRITERION_TYPE, "Talk Show");
  sf_criteria_add_value (criteria, SF_CRITERION_LANGUAGE, "Japanese");
  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, "HBO");
  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, "<b>x</b>");
  sf_criteria_add_value (criteria, SF_CRITERION_COUNTRY, "GB");

  assert_labels (criteria, expected);

  labels = sf_criteria_describe (criteria);
  g_assert_cmpint (((SfCriterionLabel *) labels->pdata[0])->criterion, ==, SF_CRITERION_GENRES_ALL);
  g_assert_cmpstr (((SfCriterionLabel *) labels->pdata[0])->value, ==, "Drama");
  g_assert_cmpint (((SfCriterionLabel *) labels->pdata[4])->criterion, ==,
                   SF_CRITERION_GENRES_EXCLUDE);
  g_assert_cmpstr (((SfCriterionLabel *) labels->pdata[4])->value, ==, "Reality");
}

static void
test_ranges (void)
{
  static const struct {
    int         year_from, year_to;
    double      rating;
    int         runtime_from, runtime_to;
    const char *labels[4];
  } cases[] = {
    { 2010, 2015, 7, 30, 60, { "2010–2015", "★ ≥ 7", "30–60 min", NULL } },
    { 2010, 0, 7.5, 30, 0, { "from 2010", "★ ≥ 7.5", "≥ 30 min", NULL } },
    { 0, 2015, 0, 0, 60, { "until 2015", "≤ 60 min", NULL } },
    { 2012, 2012, 0.5, 45, 45, { "2012", "★ ≥ 0.5", "45 min", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SfCriteria) criteria = sf_criteria_new ();

      sf_criteria_set_year_range (criteria, cases[i].year_from, cases[i].year_to);
      sf_criteria_set_min_rating (criteria, cases[i].rating);
      sf_criteria_set_runtime_range (criteria, cases[i].runtime_from, cases[i].runtime_to);
      assert_labels (criteria, cases[i].labels);
    }
}

static void
test_copy_without (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GPtrArray) labels = NULL;

  sf_criteria_set_text (criteria, "girls");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Crime");
  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, "HBO");
  sf_criteria_set_year_range (criteria, 2010, 2015);
  sf_criteria_set_min_rating (criteria, 7);

  /* Removing each described part in turn leaves exactly the others. */
  labels = sf_criteria_describe (criteria);
  g_assert_cmpuint (labels->len, ==, 5);
  for (guint i = 0; i < labels->len; i++)
    {
      SfCriterionLabel *label = labels->pdata[i];
      g_autoptr(SfCriteria) without = sf_criteria_copy_without (criteria, label->criterion,
                                                                 label->value);
      g_autoptr(GPtrArray) left = sf_criteria_describe (without);

      g_assert_cmpuint (left->len, ==, labels->len - 1);
      for (guint j = 0; j < left->len; j++)
        g_assert_cmpstr (((SfCriterionLabel *) left->pdata[j])->label, !=, label->label);
      g_assert_cmpstr (sf_criteria_get_text (without), ==, "girls");
      g_assert_cmpint (sf_criteria_get_sort (without), ==, sf_criteria_get_sort (criteria));
    }

  /* The original is untouched. */
  g_assert_cmpuint (g_strv_length ((GStrv) sf_criteria_get_values (criteria,
                                                                   SF_CRITERION_GENRES_ALL)),
                    ==, 2);
}

/* "With Rainn Wilson": the person's chip comes first, keeps their name as sent, and taking
 * it away leaves the other criteria. */
static void
test_person (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(SfCriteria) copy = NULL;
  g_autoptr(SfCriteria) without = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  const gint64 ids[] = { 526, 3, 526 };
  const char * const expected[] = { "With Rainn <Wilson>", "Comedy", "from 2005", NULL };
  const char * const unnamed[] = { "With person 19396", NULL };
  const char * const rest[] = { "Comedy", "from 2005", NULL };
  guint n = 0;

  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Comedy");
  sf_criteria_set_year_range (criteria, 2005, 0);
  g_assert_false (sf_criteria_is_set (criteria, SF_CRITERION_PERSON));
  sf_criteria_set_person (criteria, 19396, "Rainn <Wilson>", ids, G_N_ELEMENTS (ids));
  g_assert_true (sf_criteria_is_set (criteria, SF_CRITERION_PERSON));
  assert_labels (criteria, expected);

  labels = sf_criteria_describe (criteria);
  g_assert_cmpint (((SfCriterionLabel *) labels->pdata[0])->criterion, ==, SF_CRITERION_PERSON);
  g_assert_null (((SfCriterionLabel *) labels->pdata[0])->value);

  /* a copy (the window's model) keeps the name for its chip */
  copy = sf_criteria_copy (criteria);
  assert_labels (copy, expected);
  g_assert_nonnull (sf_criteria_get_person_show_ids (copy, &n));
  g_assert_cmpuint (n, ==, 2);

  without = sf_criteria_copy_without (criteria, SF_CRITERION_PERSON, NULL);
  assert_labels (without, rest);
  g_assert_cmpint (sf_criteria_get_person_id (without), ==, 0);
  g_assert_null (sf_criteria_get_person_name (without));
  g_assert_true (sf_criteria_is_set (criteria, SF_CRITERION_PERSON));

  sf_criteria_clear (copy, SF_CRITERION_PERSON);
  assert_labels (copy, rest);
  g_assert_true (sf_criteria_equal (copy, without));

  sf_criteria_clear (copy, SF_CRITERION_GENRES_ALL);
  sf_criteria_clear (copy, SF_CRITERION_YEAR);
  sf_criteria_set_person (copy, 19396, NULL, NULL, 0);
  g_assert_false (sf_criteria_is_empty (copy));
  assert_labels (copy, unnamed);
}

static void
test_known_values (void)
{
  g_assert_cmpuint (g_strv_length ((GStrv) sf_criteria_get_known_values (SF_CRITERION_GENRES_ALL)),
                    ==, 28);
  g_assert_cmpuint (g_strv_length ((GStrv) sf_criteria_get_known_values (SF_CRITERION_STATUS)),
                    ==, 4);
  g_assert_cmpuint (g_strv_length ((GStrv) sf_criteria_get_known_values (SF_CRITERION_TYPE)),
                    ==, 11);
  g_assert_cmpuint (g_strv_length ((GStrv) sf_criteria_get_known_values (SF_CRITERION_LANGUAGE)),
                    ==, 0);

  /* Known values by their (translated) names, anything else as it is */
  g_assert_cmpstr (sf_criteria_get_value_label (SF_CRITERION_GENRES_ANY, "science-fiction"), ==,
                   "Science-Fiction");
  g_assert_cmpstr (sf_criteria_get_value_label (SF_CRITERION_TYPE, "Sports"), ==, "Sports");
  g_assert_cmpstr (sf_criteria_get_value_label (SF_CRITERION_GENRES_ALL, "<i>odd</i>"), ==,
                   "<i>odd</i>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/criteria-text/empty", test_empty);
  g_test_add_func ("/series-finder/criteria-text/values", test_values);
  g_test_add_func ("/series-finder/criteria-text/ranges", test_ranges);
  g_test_add_func ("/series-finder/criteria-text/copy-without", test_copy_without);
  g_test_add_func ("/series-finder/criteria-text/known-values", test_known_values);
  g_test_add_func ("/series-finder/criteria-text/person", test_person);

  return g_test_run ();
}
