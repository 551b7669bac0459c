#pragma once

#include <glib.h>

#include "sf-criteria.h"

G_BEGIN_DECLS

/* Longest name of a saved search, in bytes. */
#define SF_SAVED_SEARCH_MAX_NAME 200

/**
 * SfSavedSearch:
 * @name: what the person called it, unique (trimmed, never empty)
 * @criteria: the title and criteria it runs
 * @created: when it was saved (Unix seconds)
 * @opened: when it was last opened (Unix seconds), or 0
 * @seen: (element-type gint64): the ids the person has seen, sorted
 * @notified: (element-type gint64): the ids already announced but not yet seen, sorted
 *
 * A search saved under a name, and what of its matches the person knows of.
 */
typedef struct
{
  char       *name;
  SfCriteria *criteria;
  gint64      created;
  gint64      opened;
  GArray     *seen;
  GArray     *notified;
} SfSavedSearch;

SfSavedSearch *sf_saved_search_new          (const char          *name,
                                             const SfCriteria    *criteria);
void           sf_saved_search_free         (SfSavedSearch       *search);
/* Whether @id is among the seen (or, with @or_notified, the announced) ids. */
gboolean       sf_saved_search_knows        (const SfSavedSearch *search,
                                             gint64               id,
                                             gboolean             or_notified);

/**
 * sf_saved_search_check_name:
 *
 * Trims @name and checks it: not empty, at most %SF_SAVED_SEARCH_MAX_NAME bytes, valid UTF-8
 * without control characters.
 *
 * Returns: (transfer full): the trimmed name, or %NULL with @error set (%G_IO_ERROR_INVALID_ARGUMENT,
 *   with a message for the person)
 */
char          *sf_saved_search_check_name   (const char          *name,
                                             GError             **error);

/* The criteria as a JSON object, and back; unknown keys are ignored on the way back. */
char          *sf_criteria_to_json          (const SfCriteria    *criteria);
SfCriteria    *sf_criteria_from_json        (const char          *json,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfSavedSearch, sf_saved_search_free)

G_END_DECLS
