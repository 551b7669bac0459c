#pragma once

#include <gio/gio.h>

#include "sf-catalog.h"
#include "sf-criteria.h"

G_BEGIN_DECLS

#define SF_TYPE_SEARCH (sf_search_get_type ())
#define SF_TYPE_SEARCH_STATE (sf_search_state_get_type ())

G_DECLARE_FINAL_TYPE (SfSearch, sf_search, SF, SEARCH, GObject)

/**
 * SfSearchState:
 * @SF_SEARCH_STATE_IDLE: no question asked yet
 * @SF_SEARCH_STATE_WAITING: asked, the catalog is not open yet (it answers when it opens)
 * @SF_SEARCH_STATE_SEARCHING: the first results or the counts are on their way
 * @SF_SEARCH_STATE_STREAMING: the first results and every count are in; more results come
 * @SF_SEARCH_STATE_DONE: every result and count answers the question
 * @SF_SEARCH_STATE_FAILED: the catalog could not answer (see #SfSearch:error-message)
 */
typedef enum
{
  SF_SEARCH_STATE_IDLE,
  SF_SEARCH_STATE_WAITING,
  SF_SEARCH_STATE_SEARCHING,
  SF_SEARCH_STATE_STREAMING,
  SF_SEARCH_STATE_DONE,
  SF_SEARCH_STATE_FAILED,
} SfSearchState;

GType          sf_search_state_get_type       (void) G_GNUC_CONST;

/**
 * sf_search_new:
 *
 * One search over @catalog: the question (a title and criteria, as one #SfCriteria), and the
 * answer that goes with it: the results (a #GListModel of #SfShow, filled in batches), their
 * total and every facet count, always for the same question, title included. Each new
 * question cancels the previous one; an answer to an older question is never shown. Every
 * part notifies; nobody polls. Both the window and the command line use it.
 */
SfSearch          *sf_search_new                (SfCatalog        *catalog);
SfCatalog         *sf_search_get_catalog        (SfSearch         *self);

/**
 * sf_search_set_batches:
 * @first: the size of the first batch of results (default 50: a screenful, at once)
 * @next: the size of each later batch (default 500)
 *
 * 0 for @first loads every result in one go (the command line). Takes effect at the next
 * question.
 */
void               sf_search_set_batches        (SfSearch         *self,
                                                 guint             first,
                                                 guint             next);

/* At most @max_results results (0, the default: all); the total still counts them all.
 * Takes effect at the next question. */
void               sf_search_set_max_results    (SfSearch         *self,
                                                 guint             max_results);

/* (transfer none): never %NULL; the question last asked (a copy of the caller's) */
const SfCriteria  *sf_search_get_criteria       (SfSearch         *self);
/* Asks @criteria (copied); the same question again (sf_criteria_equal()) does nothing unless
 * the catalog changed since. */
void               sf_search_set_criteria       (SfSearch         *self,
                                                 const SfCriteria *criteria);
/* Asks the same question again (the catalog changed). */
void               sf_search_refresh            (SfSearch         *self);
/* Counts the same question again (the catalog grew); the results stay as they are. */
void               sf_search_refresh_counts     (SfSearch         *self);

/**
 * sf_search_merge:
 * @shows: (element-type SfShow): shows from elsewhere (a page the sync just stored, TVmaze's
 *   own title search)
 * @min_position: no show goes before this position (the cards on screen stay put)
 *
 * Adds to the results those of @shows that answer the question and are not there yet, each
 * where the sort order puts it but not above @min_position. Nothing before the question has
 * its first answer.
 *
 * Returns: how many were added
 */
guint              sf_search_merge              (SfSearch         *self,
                                                 GPtrArray        *shows,
                                                 guint             min_position);

/**
 * sf_search_set_offline_reason:
 * @reason: (nullable): why TVmaze could not answer a title search, shown with the results
 *   the saved catalog gives instead; %NULL when TVmaze answers
 */
void               sf_search_set_offline_reason (SfSearch         *self,
                                                 const char       *reason);
const char        *sf_search_get_offline_reason (SfSearch         *self);

/* (transfer none): the results, in the order of the criteria's sort */
GListModel        *sf_search_get_results        (SfSearch         *self);
/* How many shows the question selects, or -1 before the first count */
int                sf_search_get_total          (SfSearch         *self);
/* (transfer none) (nullable): the counts of the question, %NULL before the first */
SfCatalogFacets   *sf_search_get_facets         (SfSearch         *self);
/* The count of @value in @criterion's facet (see #SfCatalogFacets), or -1 when not counted
 * yet; 0 when counted and not found. */
int                sf_search_get_facet_count    (SfSearch         *self,
                                                 SfCriterion       criterion,
                                                 const char       *value);
SfSearchState      sf_search_get_state          (SfSearch         *self);
/* (nullable): why the search failed */
const char        *sf_search_get_error_message  (SfSearch         *self);
/* TRUE in the states DONE and FAILED: the question has its whole answer */
gboolean           sf_search_is_finished        (SfSearch         *self);
/* A number that grows with each question asked */
guint              sf_search_get_generation     (SfSearch         *self);

G_END_DECLS
