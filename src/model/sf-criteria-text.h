#pragma once

#include <glib.h>

#include "sf-criteria.h"

G_BEGIN_DECLS

/**
 * SfCriterionLabel:
 * @criterion: the part of the criteria it stands for
 * @value: (nullable): the value of a value-list criterion, %NULL for a range, a rating or
 *   the person
 * @label: what a person reads ("Drama", "not Reality", "2010–2015", "★ ≥ 7", "With Rainn
 *   Wilson")
 *
 * One active criterion, as a removable chip shows it.
 */
typedef struct
{
  SfCriterion  criterion;
  char        *value;
  char        *label;
} SfCriterionLabel;

/**
 * sf_criteria_get_known_values:
 * @criterion: %SF_CRITERION_GENRES_ALL (for genres), %SF_CRITERION_STATUS or
 *   %SF_CRITERION_TYPE
 *
 * TVmaze's values as it sends them (28 genres, 4 statuses, 11 types), in a sensible order
 * for a person. These are open sets: other values may turn up in the data.
 *
 * Returns: (transfer none): a %NULL-terminated array, empty for the other criteria
 */
const char * const *sf_criteria_get_known_values (SfCriterion        criterion);

/**
 * sf_criteria_get_value_label:
 * @criterion: a value-list criterion (any of the three genre lists means a genre)
 *
 * The translated name of a known genre, status or type, or @value itself (data from the
 * internet: show it as plain text).
 */
const char         *sf_criteria_get_value_label  (SfCriterion        criterion,
                                                  const char        *value);

/**
 * sf_criteria_describe:
 *
 * The active criteria, one entry per value or range, in a stable order (the person, genres,
 * status, type, language, channel, country, years, rating, runtime). The title text and the sort order are
 * not described: the search entry and the sort control show those.
 *
 * Returns: (transfer full) (element-type SfCriterionLabel)
 */
GPtrArray          *sf_criteria_describe         (const SfCriteria  *self);

/**
 * sf_criteria_copy_without:
 * @value: (nullable): the value to remove from a value-list criterion; ignored for ranges
 *   and the rating, which are cleared
 *
 * Returns: (transfer full): a copy of @self without that part
 */
SfCriteria         *sf_criteria_copy_without     (const SfCriteria  *self,
                                                  SfCriterion        criterion,
                                                  const char        *value);

/* "★ ≥ 7", "★ ≥ 7.5": the minimum rating as chips and the panel show it. */
char               *sf_criteria_format_rating    (double             rating);

void                sf_criterion_label_free      (SfCriterionLabel  *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCriterionLabel, sf_criterion_label_free)

G_END_DECLS
