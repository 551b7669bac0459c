/* fuzz-criteria-text.c: any command-line criteria, and their description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-criteria-text.h"
#include "sf-criteria.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

/* One line per field: year, runtime, rating, sort, title text, then "N:value" lines that
 * add a value to criterion N (genres, status, type, language, channel, country). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(SfCriteria) copy = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree char *described = NULL;
  g_autofree char *normalized = NULL;
  guint n;

  if (size > 64 * 1024)
    return 0;

  /* command-line arguments are valid UTF-8 by the time they reach the model */
  text = g_utf8_make_valid ((const char *) data, size);
  lines = g_strsplit (text, "\n", 64);
  n = g_strv_length (lines);

  if (n > 0)
    sf_criteria_set_year_range_from_string (criteria, lines[0], NULL);
  if (n > 1)
    sf_criteria_set_runtime_range_from_string (criteria, lines[1], NULL);
  if (n > 2)
    sf_criteria_set_min_rating_from_string (criteria, lines[2], NULL);
  if (n > 3)
    sf_criteria_set_sort_from_string (criteria, lines[3], NULL);
  if (n > 4)
    sf_criteria_set_text (criteria, lines[4]);
  for (guint i = 5; i < n; i++)
    {
      int criterion = lines[i][0] - '0';

      if (criterion >= SF_CRITERION_GENRES_ALL && criterion <= SF_CRITERION_COUNTRY &&
          lines[i][1] == ':')
        sf_criteria_add_value (criteria, criterion, lines[i] + 2);
    }

  labels = sf_criteria_describe (criteria);
  for (guint i = 0; i < labels->len; i++)
    {
      SfCriterionLabel *label = labels->pdata[i];

      g_assert (g_utf8_validate (label->label, -1, NULL));
      copy = sf_criteria_copy_without (criteria, label->criterion, label->value);
      g_clear_pointer (&copy, sf_criteria_unref);
    }

  described = sf_criteria_to_string (criteria);
  normalized = sf_criteria_normalize_text (text);
  g_assert (g_utf8_validate (normalized, -1, NULL));

  return 0;
}
