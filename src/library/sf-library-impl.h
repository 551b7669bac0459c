#pragma once

/* What the units of SfLibrary share: sf-library.c (the object, open and close, follow and
 * unfollow, reading, refresh results), sf-library-monitor.c (writes by other processes) and
 * sf-library-transfer.c (export and import). Nothing else includes it. */

#include <glib/gi18n.h>

#include "sf-db-worker.h"
#include "sf-library-private.h"
#include "sf-sqlite.h"

G_BEGIN_DECLS

/* The writer thread's connection, and what it last saw of other connections' commits. */
typedef struct
{
  SfLibraryDb *db;            /* owned */
  gint64       data_version;
} Writer;

typedef enum
{
  STATE_NEW,
  STATE_OPENING,
  STATE_OPEN,
  STATE_FAILED,
  STATE_CLOSED,
} State;

struct _SfLibrary
{
  GObject       parent_instance;

  /* owned */
  char         *path;
  SfDbWorker   *worker;             /* nullable: made by open */
  GHashTable   *followed;           /* gint64* id -> char* name */
  char         *recovery_message;   /* nullable */
  char         *moved_aside_path;   /* nullable */
  guint         n_recovered;        /* shows salvaged from the damaged file */
  guint         n_searches_recovered; /* saved searches salvaged from it */
  GFileMonitor *monitor;            /* nullable: watches the file's folder while open */

  GSource      *reload_source;      /* owned, nullable: the reload waiting (debounce, poll) */
  guint         poll_ms;            /* > 0: no monitor; a reload this often instead */
  State         state;
};


static inline gint64 *
sf_library_int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

/* Queues a job on the writer thread; takes @task, whose data is the job's input. */
void        sf_library_queue_job          (SfLibrary         *self,
                                           GTask             *task,
                                           const SfDbJobInfo *info);
/* FALSE (and @task answered) when the library cannot take jobs. */
gboolean    sf_library_check_open         (SfLibrary         *self,
                                           GTask             *task);
/* The start every entry point shares: a task tagged @source_tag that owns @data (nullable),
 * or NULL when the library cannot take jobs (then the caller has been answered). */
GTask      *sf_library_new_task           (SfLibrary           *self,
                                           gpointer             source_tag,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* sf_library_new_task() and sf_library_queue_job() in one: the whole of most entry points. */
void        sf_library_submit             (SfLibrary           *self,
                                           gpointer             source_tag,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           const SfDbJobInfo   *info,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The finish functions' shared half: the task is checked to come from @self. */
gboolean    sf_library_finish_boolean     (SfLibrary           *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gpointer    sf_library_finish_pointer     (SfLibrary           *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* id -> name of every row, the rows' names taken. */
GHashTable *sf_library_followed_from_rows (GArray            *rows);

/* Saved searches on the writer's connection (sf-library-saved.c), for export and import:
 * every one by name; and @searches merged in (inside the caller's transaction): a new name
 * is added, the same name with the same criteria takes the seen ids, the same name with
 * other criteria is added as "Name (2)". */
GPtrArray  *sf_library_saved_list         (SfSqlite          *sql,
                                           GError           **error);
gboolean    sf_library_saved_import       (SfSqlite          *sql,
                                           GPtrArray         *searches,
                                           gint64             now,
                                           guint             *n_added,
                                           guint             *n_renamed,
                                           guint             *n_present,
                                           GError           **error);

/* Watches the file's folder (or polls) while open, and reloads the followed set when
 * another process committed (sf-library-monitor.c). */
void        sf_library_start_monitor      (SfLibrary         *self);
void        sf_library_stop_monitor       (SfLibrary         *self);

G_END_DECLS
