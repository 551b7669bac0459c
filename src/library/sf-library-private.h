#pragma once

/* What SfLibraryRefresh needs from the library beyond the public API. */

#include "sf-library-db.h"
#include "sf-library.h"

G_BEGIN_DECLS

/* Every followed show as stored, with what was notified about it. */
void       sf_library_load_rows_async       (SfLibrary          *self,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
/* Returns: (transfer full) (element-type SfLibraryRow): by id */
GArray    *sf_library_load_rows_finish      (SfLibrary          *self,
                                             GAsyncResult       *result,
                                             GError            **error);

/**
 * sf_library_store_refresh_async:
 * @snapshot: the show's JSON as TVmaze sent it
 * @track: also store @latest_season and record @keys (see sf_library_db_store_refresh())
 * @keys: (nullable): notifications about to be posted
 *
 * One transaction; emits #SfLibrary::changed when the show is still followed.
 */
void       sf_library_store_refresh_async   (SfLibrary          *self,
                                             gint64              id,
                                             const char         *name,
                                             GBytes             *snapshot,
                                             gint64              refreshed,
                                             gboolean            track,
                                             int                 latest_season,
                                             const char * const *keys,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
/* Returns: (transfer full): those of the keys that were not recorded before; an empty
 *   vector when the show is no longer followed (then *out_followed is FALSE) */
GStrv      sf_library_store_refresh_finish  (SfLibrary          *self,
                                             GAsyncResult       *result,
                                             gboolean           *out_followed,
                                             GError            **error);

/* The highest season number among @previous and @next; when neither is given, 0 if
 * @complete (the snapshot embedded both and the show has no episode yet), else -1
 * (unknown). */
int        sf_library_known_latest_season   (SfEpisode          *previous,
                                             SfEpisode          *next,
                                             gboolean            complete);

G_END_DECLS
