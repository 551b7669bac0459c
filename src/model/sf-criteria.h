#pragma once

#include <glib-object.h>

#include "sf-show.h"

G_BEGIN_DECLS

#define SF_TYPE_CRITERIA (sf_criteria_get_type ())
#define SF_CRITERIA_ERROR (sf_criteria_error_quark ())

/**
 * SfCriteriaError:
 * @SF_CRITERIA_ERROR_INVALID: a range, rating or sort key that cannot be read
 */
typedef enum
{
  SF_CRITERIA_ERROR_INVALID,
} SfCriteriaError;

/**
 * SfSort:
 * @SF_SORT_RELEVANCE: the title match first (exact, then prefix), then popularity
 * @SF_SORT_RATING: highest rating first, shows without one last
 * @SF_SORT_POPULARITY: highest TVmaze weight first
 * @SF_SORT_NEWEST: latest premiere first, shows without one last
 * @SF_SORT_NAME: by folded title
 *
 * Every order ends with the show id, so results are the same on every run.
 */
typedef enum
{
  SF_SORT_RELEVANCE,
  SF_SORT_RATING,
  SF_SORT_POPULARITY,
  SF_SORT_NEWEST,
  SF_SORT_NAME,
} SfSort;

/**
 * SfCriterion:
 *
 * One part of the criteria, for chips ("remove this"), facets and relaxing. The value-list
 * parts (genres, status, type, language, channel, country) hold strings compared without
 * regard to ASCII case; status, type, language, channel and country match when the show has
 * any of the values.
 */
typedef enum
{
  SF_CRITERION_TEXT,
  SF_CRITERION_GENRES_ALL,
  SF_CRITERION_GENRES_ANY,
  SF_CRITERION_GENRES_EXCLUDE,
  SF_CRITERION_STATUS,
  SF_CRITERION_TYPE,
  SF_CRITERION_LANGUAGE,
  SF_CRITERION_CHANNEL,
  SF_CRITERION_COUNTRY,
  SF_CRITERION_YEAR,
  SF_CRITERION_RATING,
  SF_CRITERION_RUNTIME,
  SF_CRITERION_PERSON,
} SfCriterion;

/* The parts the filter panel, the facets and the index handle; %SF_CRITERION_PERSON ("With
 * Rainn Wilson", see sf_criteria_set_person()) comes after them: it has a chip, and
 * sf_criteria_is_set() and sf_criteria_clear() take it, but it has no values and no facet. */
#define SF_N_CRITERIA (SF_CRITERION_RUNTIME + 1)

typedef struct _SfCriteria SfCriteria;

GType        sf_criteria_get_type          (void) G_GNUC_CONST;
GQuark       sf_criteria_error_quark       (void);

/* Empty criteria (every show), sorted by relevance. */
SfCriteria  *sf_criteria_new               (void);
SfCriteria  *sf_criteria_ref               (SfCriteria        *self);
void         sf_criteria_unref             (SfCriteria        *self);
/* A deep copy: give the copy to another thread, keep editing the original. */
SfCriteria  *sf_criteria_copy              (const SfCriteria  *self);
/* TRUE when both select the same shows in the same order (text compared normalized). */
gboolean     sf_criteria_equal             (const SfCriteria  *a,
                                            const SfCriteria  *b);
/* TRUE when nothing filters (the sort does not count). */
gboolean     sf_criteria_is_empty          (const SfCriteria  *self);
gboolean     sf_criteria_is_set            (const SfCriteria  *self,
                                            SfCriterion        criterion);
void         sf_criteria_clear             (SfCriteria        *self,
                                            SfCriterion        criterion);

/* Title words: each word must start a word of the title (case, accents and punctuation
 * ignored). */
const char  *sf_criteria_get_text          (const SfCriteria  *self);
void         sf_criteria_set_text          (SfCriteria        *self,
                                            const char        *text);

/* Value lists, kept trimmed, without duplicates and sorted; never NULL. */
const char * const *sf_criteria_get_values (const SfCriteria  *self,
                                            SfCriterion        criterion);
void         sf_criteria_set_values        (SfCriteria        *self,
                                            SfCriterion        criterion,
                                            const char * const *values);
/* Return TRUE when the list changed. */
gboolean     sf_criteria_add_value         (SfCriteria        *self,
                                            SfCriterion        criterion,
                                            const char        *value);
gboolean     sf_criteria_remove_value      (SfCriteria        *self,
                                            SfCriterion        criterion,
                                            const char        *value);

/* Inclusive ranges; 0 leaves a side open. Shows with an unknown value never match a range. */
void         sf_criteria_set_year_range    (SfCriteria        *self,
                                            int                from,
                                            int                to);
void         sf_criteria_get_year_range    (const SfCriteria  *self,
                                            int               *from,
                                            int               *to);
void         sf_criteria_set_runtime_range (SfCriteria        *self,
                                            int                from,
                                            int                to);
void         sf_criteria_get_runtime_range (const SfCriteria  *self,
                                            int               *from,
                                            int               *to);
/* 0 means no minimum; with one, unrated shows do not match. */
void         sf_criteria_set_min_rating    (SfCriteria        *self,
                                            double             min_rating);
double       sf_criteria_get_min_rating    (const SfCriteria  *self);
void         sf_criteria_set_sort          (SfCriteria        *self,
                                            SfSort             sort);
SfSort       sf_criteria_get_sort          (const SfCriteria  *self);

/* Command-line forms: "2010..2015", "2010..", "..2015", "2012" (and "2010-2015"). */
gboolean     sf_criteria_set_year_range_from_string    (SfCriteria  *self,
                                                        const char  *text,
                                                        GError     **error);
/* Minutes: "30..60", "..30", "45". */
gboolean     sf_criteria_set_runtime_range_from_string (SfCriteria  *self,
                                                        const char  *text,
                                                        GError     **error);
/* "7.5" (0..10, a dot as decimal separator). */
gboolean     sf_criteria_set_min_rating_from_string    (SfCriteria  *self,
                                                        const char  *text,
                                                        GError     **error);
/* "relevance", "rating", "popularity" (or "weight"), "newest", "name". */
gboolean     sf_criteria_set_sort_from_string          (SfCriteria  *self,
                                                        const char  *text,
                                                        GError     **error);
const char  *sf_sort_to_string             (SfSort             sort);

/**
 * sf_criteria_matches:
 *
 * The in-memory filter: exactly what the catalog's queries select. Safe from any thread
 * while nobody edits @self.
 */
gboolean     sf_criteria_matches           (const SfCriteria  *self,
                                            SfShow            *show);

/**
 * sf_criteria_compare:
 *
 * The sort order of @self, exactly the catalog's; a total order (ties end on the id).
 *
 * Returns: < 0 when @a comes first
 */
int          sf_criteria_compare           (const SfCriteria  *self,
                                            SfShow            *a,
                                            SfShow            *b);

/**
 * sf_criteria_copy_for_facet:
 * @criterion: %SF_CRITERION_GENRES_ALL (for "genre"), %SF_CRITERION_STATUS,
 *   %SF_CRITERION_TYPE or %SF_CRITERION_LANGUAGE
 *
 * The criteria whose count a facet shows next to @value: for a genre, @self without its
 * "any of" genres and without excluding @value, plus @value as a required genre; for the
 * others, @self with that part replaced by @value alone. ("Drama 12,431": this many shows
 * if Drama were picked; for an excluded genre, how many shows its exclusion hides.)
 */
SfCriteria  *sf_criteria_copy_for_facet    (const SfCriteria  *self,
                                            SfCriterion        criterion,
                                            const char        *value);

/**
 * sf_criteria_normalize_text:
 *
 * The words of @text, case-folded, without accents, joined by single spaces
 * ("Grey's Anatomy" gives "grey s anatomy"): how titles are indexed and matched.
 */
char        *sf_criteria_normalize_text    (const char        *text);
/* The normalized title of @show (cached on the show). */
const char  *sf_criteria_get_show_key      (SfShow            *show);

/**
 * sf_criteria_set_person:
 * @person_id: a TVmaze person id, 0 to clear
 * @name: (nullable): their name, for the chip ("With Rainn Wilson")
 * @show_ids: (array length=n_show_ids): the series of their credits
 *
 * "With this person": only the series in @show_ids match (the person's credits; the catalog
 * answers the rest of the criteria). %SF_CRITERION_PERSON for chips and clearing, but not one
 * of the %SF_N_CRITERIA parts: it is set from a person's page or `--with-person`, never from
 * the filter panel.
 */
void         sf_criteria_set_person        (SfCriteria        *self,
                                            gint64             person_id,
                                            const char        *name,
                                            const gint64      *show_ids,
                                            guint              n_show_ids);
/* 0 when unset */
gint64       sf_criteria_get_person_id     (const SfCriteria  *self);
/* nullable */
const char  *sf_criteria_get_person_name   (const SfCriteria  *self);
/* sorted, without duplicates; NULL (and *n = 0) when unset */
const gint64 *sf_criteria_get_person_show_ids (const SfCriteria *self,
                                               guint            *n_show_ids);

/* For logs and tests: "text:'girls' genre:Drama status:Running|Ended year:2010..2015 ..." */
char        *sf_criteria_to_string         (const SfCriteria  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCriteria, sf_criteria_unref)

G_END_DECLS
