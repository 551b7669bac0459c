#pragma once

#include "sf-catalog.h"
#include "sf-library-saved.h"

G_BEGIN_DECLS

/**
 * SfSavedSearchStatus:
 * @search: the saved search
 * @total: how many series match it in the catalog now
 * @new_shows: (element-type SfShow): the matches the person has not seen, in its order
 * @unannounced: (element-type SfShow): those of @new_shows no notification told of yet
 */
typedef struct
{
  SfSavedSearch *search;
  guint          total;
  GPtrArray     *new_shows;
  GPtrArray     *unannounced;
} SfSavedSearchStatus;

void       sf_saved_search_status_free  (SfSavedSearchStatus *status);
/* Returns: (transfer full) (element-type gint64): the ids of @shows */
GArray    *sf_saved_search_ids_of       (GPtrArray           *shows);

/**
 * sf_saved_searches_check_async:
 * @only: (nullable): the name of one saved search, or %NULL for all
 *
 * Runs saved searches on the catalog as it is (never the network): each one's total and
 * the matches that are new to the person. Both must be open. %SF_LIBRARY_ERROR_NOT_FOUND
 * when @only names no saved search.
 */
void       sf_saved_searches_check_async  (SfLibrary           *library,
                                           SfCatalog           *catalog,
                                           const char          *only,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Returns: (transfer full) (element-type SfSavedSearchStatus): by name */
GPtrArray *sf_saved_searches_check_finish (GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfSavedSearchStatus, sf_saved_search_status_free)

G_END_DECLS
