#pragma once

/* Saved searches: a title and criteria under a name, and which of their matches the person
 * has seen. Stored in the watchlist's database, one transaction per write, like the
 * watchlist itself. */

#include "sf-library.h"
#include "sf-saved-search.h"

G_BEGIN_DECLS

/* Every saved search, by name (with its seen and announced ids). */
void       sf_library_list_searches_async  (SfLibrary           *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Returns: (transfer full) (element-type SfSavedSearch) */
GPtrArray *sf_library_list_searches_finish (SfLibrary           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/**
 * sf_library_save_search_async:
 * @seen: (element-type gint64) (nullable): the matches the person sees as it is saved
 *
 * Saves @criteria under @name (trimmed). %SF_LIBRARY_ERROR_INVALID_NAME for an empty name,
 * %SF_LIBRARY_ERROR_EXISTS when the name is taken: then nothing changes.
 */
void       sf_library_save_search_async    (SfLibrary           *self,
                                            const char          *name,
                                            const SfCriteria    *criteria,
                                            GArray              *seen,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   sf_library_save_search_finish   (SfLibrary           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* %SF_LIBRARY_ERROR_NOT_FOUND, _EXISTS or _INVALID_NAME leave everything as it was. */
void       sf_library_rename_search_async  (SfLibrary           *self,
                                            const char          *name,
                                            const char          *new_name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   sf_library_rename_search_finish (SfLibrary           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

void       sf_library_delete_search_async  (SfLibrary           *self,
                                            const char          *name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   sf_library_delete_search_finish (SfLibrary           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/**
 * sf_library_mark_search_async:
 * @ids: (element-type gint64): matches of the search
 * @seen: %TRUE: the person has seen @ids (the search was opened: its time is now);
 *   %FALSE: @ids were announced (a notification), not yet seen
 */
void       sf_library_mark_search_async    (SfLibrary           *self,
                                            const char          *name,
                                            GArray              *ids,
                                            gboolean             seen,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   sf_library_mark_search_finish   (SfLibrary           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* sf_library_mark_search_async() for a caller with nothing to do after: a failure (the
 * marks stay as they were) goes to the debug log. */
void       sf_library_mark_search          (SfLibrary           *self,
                                            const char          *name,
                                            GArray              *ids,
                                            gboolean             seen,
                                            GCancellable        *cancellable);

G_END_DECLS
