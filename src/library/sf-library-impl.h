#pragma once

/* What the units of SfLibrary share: sf-library.c (the object, open and close, follow and
 * unfollow, reading, refresh results), sf-library-monitor.c (writes by other processes) and
 * sf-library-transfer.c (export and import). Nothing else includes it. */

#include <glib/gi18n.h>

#include "sf-db-worker.h"
#include "sf-library-private.h"

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
/* The task of a public async call, tagged @source_tag; %NULL (and the task answered) when the
 * library cannot take jobs. */
GTask      *sf_library_task_new           (SfLibrary         *self,
                                           gpointer           source_tag,
                                           GCancellable      *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer           user_data);
/* A public async call that is one job: its task takes @data (freed with @data_free), the
 * job's input, and is queued, or answered at once when the library cannot take jobs. */
void        sf_library_start_job          (SfLibrary         *self,
                                           const SfDbJobInfo *info,
                                           gpointer           data,
                                           GDestroyNotify     data_free,
                                           gpointer           source_tag,
                                           GCancellable      *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer           user_data);
/* The checks of a public finish function, then the task's answer. */
gboolean    sf_library_finish_boolean     (SfLibrary         *self,
                                           GAsyncResult      *result,
                                           GError           **error);
gpointer    sf_library_finish_pointer     (SfLibrary         *self,
                                           GAsyncResult      *result,
                                           GError           **error);
/* id -> name of every row, the rows' names taken. */
GHashTable *sf_library_followed_from_rows (GArray            *rows);

/* Watches the file's folder (or polls) while open, and reloads the followed set when
 * another process committed (sf-library-monitor.c). */
void        sf_library_start_monitor      (SfLibrary         *self);
void        sf_library_stop_monitor       (SfLibrary         *self);

G_END_DECLS
