#pragma once

/* The synchronous SQLite layer of the watchlist. Only the library's writer thread calls it,
 * on its one connection; nothing here runs on the main thread. */

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema this code writes; older versions are migrated, newer ones refused. */
#define SF_LIBRARY_SCHEMA_VERSION 2

typedef struct _SfLibraryDb SfLibraryDb;

/* One followed show as stored. */
typedef struct
{
  gint64   id;
  char    *name;            /* owned */
  gint64   added;           /* Unix seconds */
  char    *snapshot;        /* owned, nullable: the show's TVmaze JSON */
  gint64   refreshed;       /* Unix seconds, 0 for never */
  int      latest_season;   /* the notifier's baseline, -1 when unknown */
  GStrv    notified;        /* owned, nullable: what was notified (when asked for) */
} SfLibraryRow;

void          sf_library_row_clear           (SfLibraryRow        *row);

/**
 * sf_library_db_open:
 * @path: the database file; its folder is created
 * @out_moved_to: (out) (transfer full): where a damaged file was moved, else %NULL
 *
 * Opens or creates the file (WAL, synchronous=FULL) and migrates its schema. A file that
 * is not a database, or fails `PRAGMA quick_check`, is moved aside with its WAL to
 * `PATH.corrupt-TIMESTAMP` and a new database takes its place, into which every followed show
 * that can still be read from the damaged file is copied (@out_n_recovered says how many),
 * and every saved search, with the ids it has seen (@out_n_searches_recovered).
 * Any other failure (permissions, a newer schema, a foreign file) leaves the file as it is.
 */
SfLibraryDb  *sf_library_db_open             (const char          *path,
                                              char               **out_moved_to,
                                              guint               *out_n_recovered,
                                              guint               *out_n_searches_recovered,
                                              GError             **error);
void          sf_library_db_close            (SfLibraryDb         *db);

/* BEGIN IMMEDIATE: a write transaction from the start, so it never has to upgrade. */
gboolean      sf_library_db_begin            (SfLibraryDb         *db,
                                              GError             **error);
gboolean      sf_library_db_commit           (SfLibraryDb         *db,
                                              GError             **error);
void          sf_library_db_rollback         (SfLibraryDb         *db);
/* The connection itself, for the tables of other units (sf-library-saved.c). */
struct _SfSqlite *sf_library_db_get_sqlite   (SfLibraryDb         *db);

/* Changes when another connection (another process: `--follow`) committed since the last
 * call; this connection's own commits leave it as it is. */
gboolean      sf_library_db_data_version     (SfLibraryDb         *db,
                                              gint64              *out_version,
                                              GError             **error);

/* Inserts the show unless it is followed already (then nothing changes). */
gboolean      sf_library_db_follow           (SfLibraryDb         *db,
                                              gint64               id,
                                              const char          *name,
                                              gint64               added,
                                              const char          *snapshot,
                                              int                  latest_season,
                                              gboolean            *out_inserted,
                                              GError             **error);
gboolean      sf_library_db_unfollow         (SfLibraryDb         *db,
                                              gint64               id,
                                              gboolean            *out_removed,
                                              GError             **error);

/* Returns: (element-type SfLibraryRow): every followed show by id; %NULL on error */
GArray       *sf_library_db_list             (SfLibraryDb         *db,
                                              gboolean             with_notified,
                                              GError             **error);

/**
 * sf_library_db_store_refresh:
 * @track: also store @latest_season and record @keys (else only the snapshot changes)
 * @keys: (nullable): notifications about to be posted
 * @out_new_keys: (element-type utf8): receives those of @keys not recorded before
 * @out_followed: %FALSE when the show is no longer followed (nothing was written)
 *
 * Stores a refreshed snapshot; forgets notifications older than a month.
 */
gboolean      sf_library_db_store_refresh    (SfLibraryDb         *db,
                                              gint64               id,
                                              const char          *name,
                                              const char          *snapshot,
                                              gint64               refreshed,
                                              gboolean             track,
                                              int                  latest_season,
                                              const char * const  *keys,
                                              GPtrArray           *out_new_keys,
                                              gboolean            *out_followed,
                                              GError             **error);

G_END_DECLS
