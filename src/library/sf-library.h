#pragma once

#include <gio/gio.h>

#include "sf-followed-show.h"
#include "sf-library-error.h"
#include "sf-show.h"

G_BEGIN_DECLS

#define SF_TYPE_LIBRARY (sf_library_get_type ())

G_DECLARE_FINAL_TYPE (SfLibrary, sf_library, SF, LIBRARY, GObject)

/* "$XDG_DATA_HOME/series-finder/library.db" */
char           *sf_library_dup_default_path      (void);

/**
 * sf_library_new:
 * @path: (nullable): the database file, or %NULL for sf_library_dup_default_path()
 *
 * The person's watchlist: the shows they follow, in SQLite (WAL, synchronous=FULL) apart
 * from every cache. One writer thread owns the only connection and runs every read and
 * write in order, each write in one transaction; nothing touches SQLite on the calling
 * thread. Call every function from the thread-default main context that was current at
 * construction (results, #SfLibrary::changed and property notifications come back there).
 * Call sf_library_open_async() first; sf_library_close_async() before exit.
 */
SfLibrary      *sf_library_new                   (const char      *path);
const char     *sf_library_get_path              (SfLibrary       *self);

/**
 * sf_library_open_async:
 *
 * Creates or opens the file and migrates its schema. A damaged file (not a database, or
 * failing SQLite's quick check) is moved aside to `PATH.corrupt-TIMESTAMP` and an empty
 * watchlist is started: the open succeeds and #SfLibrary:recovery-message says what
 * happened, for the UI to show. Fails with %SF_LIBRARY_ERROR_NEWER_VERSION for a file of
 * a newer Series Finder and %SF_LIBRARY_ERROR_OPEN otherwise, leaving the file untouched.
 */
void            sf_library_open_async            (SfLibrary       *self,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
gboolean        sf_library_open_finish           (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/* Waits for everything queued before it, then closes the database and ends the thread.
 * Later calls fail with %SF_LIBRARY_ERROR_CLOSED. */
void            sf_library_close_async           (SfLibrary       *self,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
gboolean        sf_library_close_finish          (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/* TRUE between a successful open and close */
gboolean        sf_library_is_open               (SfLibrary       *self);

/**
 * sf_library_get_recovery_message:
 *
 * Returns: (nullable): a sentence for the person when opening found the file damaged and
 *   moved it aside ("… It was moved to “PATH” …"), else %NULL. Property
 *   #SfLibrary:recovery-message.
 */
const char     *sf_library_get_recovery_message  (SfLibrary       *self);
/* (nullable): where the damaged file went */
const char     *sf_library_get_moved_aside_path  (SfLibrary       *self);
/* How many followed shows were salvaged from the damaged file (see recovery-message). */
guint           sf_library_get_n_recovered       (SfLibrary       *self);
/* How many saved searches were salvaged from it, with what they had seen. */
guint           sf_library_get_n_searches_recovered (SfLibrary    *self);

/**
 * sf_library_is_followed:
 * @id: a show id
 *
 * Answers from memory, never from the database: an in-memory copy of the followed ids,
 * brought up to date on this thread as each write commits (just before
 * #SfLibrary::changed). %FALSE until the open has finished.
 */
gboolean        sf_library_is_followed           (SfLibrary       *self,
                                                  gint64           id);
/* (nullable): the name of a followed show, from the same in-memory copy */
const char     *sf_library_lookup_name           (SfLibrary       *self,
                                                  gint64           id);
guint           sf_library_get_n_followed        (SfLibrary       *self);

/**
 * sf_library_follow_async:
 * @show: the show to follow
 * @json: (nullable): the show's TVmaze JSON as fetched (may embed `nextepisode` and
 *   `previousepisode`), stored as the first snapshot; %NULL builds one from @show
 *
 * Adds @show with the current time. Following a followed show changes nothing.
 */
void            sf_library_follow_async          (SfLibrary       *self,
                                                  SfShow          *show,
                                                  const char      *json,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
/* Returns: %TRUE on success (also when it was followed already) */
gboolean        sf_library_follow_finish         (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/* Removes a show and what was notified about it; unfollowing an unknown id changes nothing. */
void            sf_library_unfollow_async        (SfLibrary       *self,
                                                  gint64           id,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
gboolean        sf_library_unfollow_finish       (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/**
 * sf_library_list_async:
 *
 * Every followed show with its last snapshot (next and previous episode once refreshed),
 * in sf_followed_show_compare() order. Snapshots are parsed on the writer thread.
 */
void            sf_library_list_async            (SfLibrary       *self,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
/* Returns: (transfer full) (element-type SfFollowedShow) */
GPtrArray      *sf_library_list_finish           (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/**
 * sf_library_export_async:
 * @file: where to write
 *
 * Writes the watchlist as JSON (see sf-library-file.h) with g_file_replace_contents():
 * a temporary file renamed over @file, so a crash never leaves half a file in its place.
 */
void            sf_library_export_async          (SfLibrary       *self,
                                                  GFile           *file,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
gboolean        sf_library_export_finish         (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  guint           *out_n_shows,
                                                  GError         **error);

/**
 * sf_library_import_async:
 * @file: a file written by sf_library_export_async() (or by hand)
 *
 * Reads and validates the whole file on a worker thread before anything is written (see
 * sf_library_file_parse_full()); a file that is not a watchlist as a whole is refused with
 * an %SF_LIBRARY_ERROR whose message names the file and what is wrong, and nothing changes.
 * Shows of a valid file that break the rule alone are left out and counted (see
 * sf_library_import_finish_full()). The rest is merged in one transaction: shows not followed
 * yet are added (with their `added` time when the file has one), the others are left as
 * they are.
 */
void            sf_library_import_async          (SfLibrary       *self,
                                                  GFile           *file,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
gboolean        sf_library_import_finish         (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  guint           *out_n_added,
                                                  guint           *out_n_present,
                                                  GError         **error);
/* @out_n_skipped: the shows of the file left out, each broken alone (no id, no name) */
gboolean        sf_library_import_finish_full    (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  guint           *out_n_added,
                                                  guint           *out_n_present,
                                                  guint           *out_n_skipped,
                                                  GError         **error);

/* @out_added: (transfer full) (element-type gint64): the ids of the shows that were new */
gboolean        sf_library_import_finish_ids     (SfLibrary       *self,
                                                  GAsyncResult    *result,
                                                  GArray         **out_added,
                                                  guint           *out_n_present,
                                                  guint           *out_n_skipped,
                                                  GError         **error);

G_END_DECLS
