#pragma once

/* One SQLite connection with the helpers the catalog and the library share: cached
 * statements, errors mapped to the owner's GError domain with the statement for context,
 * cancellation through the progress handler, transactions and pragmas. Only worker threads
 * use it (see sf-db-worker.h); nothing here runs on the main thread. */

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* How a connection reports its errors: codes in the owner's domain, and a message prefix
 * ("Catalog", "Watchlist database"). Static: the connection keeps the pointer. */
typedef struct
{
  GQuark     (*domain) (void);
  int          open_code;       /* the file could not be opened */
  int          database_code;   /* any other SQLite failure */
  int          corrupt_code;    /* SQLITE_CORRUPT, SQLITE_NOTADB */
  const char  *prefix;
  guint        n_cached;        /* statements sf_sqlite_get_cached() keeps */
} SfSqliteErrors;

typedef struct _SfSqlite SfSqlite;

/* @open_what: the start of the message should the file not open ("Could not open X").
 * A @writer may create the file, and begins its transactions IMMEDIATE. */
SfSqlite     *sf_sqlite_open              (const SfSqliteErrors  *errors,
                                           const char            *path,
                                           gboolean               writer,
                                           int                    busy_timeout_ms,
                                           const char            *open_what,
                                           GError               **error);
/* Opens @path read-only and immutable (a data folder that cannot be written): every write
 * fails with SQLITE_READONLY, whose message says so. */
SfSqlite     *sf_sqlite_open_read_only    (const SfSqliteErrors  *errors,
                                           const char            *path,
                                           const char            *open_what,
                                           GError               **error);
void          sf_sqlite_close             (SfSqlite              *db);

sqlite3      *sf_sqlite_get_handle        (SfSqlite              *db);
const char   *sf_sqlite_get_path          (SfSqlite              *db);
gboolean      sf_sqlite_is_writer         (SfSqlite              *db);

/* Damage found while running leaves "PATH.damaged" behind, for the next open to see. */
void          sf_sqlite_set_damage_marker (SfSqlite              *db,
                                           gboolean               mark);

/* Statements check @cancellable as they run and stop with G_IO_ERROR_CANCELLED. */
void          sf_sqlite_set_cancellable   (SfSqlite              *db,
                                           GCancellable          *cancellable);
GCancellable *sf_sqlite_get_cancellable   (SfSqlite              *db);

gboolean      sf_sqlite_is_corrupt_code   (int                    rc);
/* A sentence for a person about SQLite's @rc on the file @path ("Series Finder can't write
 * to its data folder (~/.local/share/series-finder): it is read-only."). */
char         *sf_sqlite_dup_plain_message (int                    rc,
                                           const char            *path);
/* Sets @error from @rc: sf_sqlite_dup_plain_message(); "PREFIX: WHAT: SQLite's message" goes
 * to the debug log only. Always returns FALSE. */
gboolean      sf_sqlite_set_error         (SfSqlite              *db,
                                           int                    rc,
                                           const char            *what,
                                           GError               **error);

gboolean      sf_sqlite_exec              (SfSqlite              *db,
                                           const char            *sql,
                                           GError               **error);
sqlite3_stmt *sf_sqlite_prepare           (SfSqlite              *db,
                                           const char            *sql,
                                           GError               **error);
/* The cached statement @id (< n_cached) for @sql, reset and ready to bind. */
sqlite3_stmt *sf_sqlite_get_cached        (SfSqlite              *db,
                                           guint                  id,
                                           const char            *sql,
                                           GError               **error);
/* Runs a statement that returns no rows, and resets it. */
gboolean      sf_sqlite_step_done         (SfSqlite              *db,
                                           sqlite3_stmt          *stmt,
                                           GError               **error);
/* The single integer @sql returns (@fallback for no row or NULL). */
gboolean      sf_sqlite_query_int         (SfSqlite              *db,
                                           const char            *sql,
                                           gint64                 fallback,
                                           gint64                *out_value,
                                           GError               **error);
gboolean      sf_sqlite_table_exists      (SfSqlite              *db,
                                           const char            *name,
                                           gboolean              *out_exists,
                                           GError               **error);
void          sf_sqlite_bind_text_or_null (sqlite3_stmt          *stmt,
                                           int                    index,
                                           const char            *text);

gboolean      sf_sqlite_set_user_version  (SfSqlite              *db,
                                           int                    version,
                                           GError               **error);
/* Turns WAL on; an error (@open_code) where the file system cannot have it. */
gboolean      sf_sqlite_require_wal       (SfSqlite              *db,
                                           GError               **error);
/* `PRAGMA quick_check`: a @corrupt_code error naming the first problem found. */
gboolean      sf_sqlite_quick_check       (SfSqlite              *db,
                                           GError               **error);

gboolean      sf_sqlite_begin             (SfSqlite              *db,
                                           GError               **error);
gboolean      sf_sqlite_commit            (SfSqlite              *db,
                                           GError               **error);
/* Rolls back the open transaction, if any. */
void          sf_sqlite_rollback          (SfSqlite              *db);

/* Removes the file with its WAL and shared memory. */
void          sf_sqlite_remove_files      (const char            *path);

G_END_DECLS
