/* sf-catalog.c: the local show index, one writer thread and a few reader threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "sf-catalog-db.h"
#include "sf-catalog-private.h"
#include "sf-catalog.h"

/*
 * Threads
 *
 *   caller (main) ── jobs ──► writer thread: the only writing connection. Store jobs that
 *                 │                          queue up together share one transaction.
 *                 └─ jobs ──► reader threads: one connection each, WAL lets them read
 *                                             while the writer writes.
 *
 * This file never calls SQLite; sf-catalog-db.c does, on those threads only. Results travel
 * back through GTask to the caller's main context. The threads share a refcounted Core, so
 * the GObject can go away (even from one of these threads) without waiting for them.
 */

#define MAX_BATCH 16
#define MAX_READERS 4

typedef enum
{
  JOB_OPEN,
  JOB_WRITE,
  JOB_READ,
  JOB_CLOSE,
  JOB_QUIT,
} JobKind;

typedef struct _Job Job;

typedef gboolean (*WriteFunc) (SfCatalogDb  *db,
                               gpointer      data,
                               GError      **error);
typedef void     (*ReadFunc)  (SfCatalogDb  *db,
                               Job          *job);

typedef enum
{
  RESULT_BOOLEAN,
  RESULT_INT,
  RESULT_POINTER,
} ResultType;

/* A job owns its task until the result is delivered on the task's context: the threads never
 * hold the last reference to a task (or, through it, to the catalog). */
struct _Job
{
  JobKind         kind;
  GTask          *task;         /* owned, nullable (QUIT) */
  WriteFunc       write;
  ReadFunc        read;
  gboolean        batchable;    /* may share a transaction with its neighbours */

  ResultType      result_type;
  gssize          result_int;
  gpointer        result;       /* owned, nullable */
  GDestroyNotify  result_free;
  GError         *error;        /* owned, nullable */
};

typedef enum
{
  CORE_NEW,
  CORE_OPENING,
  CORE_OPEN,
  CORE_FAILED,
  CORE_CLOSED,
} CoreStatus;

typedef struct
{
  gatomicrefcount  ref;
  char            *path;
  gboolean         allow_fts;
  guint            n_readers;
  GAsyncQueue     *writes;          /* Job */
  GAsyncQueue     *reads;           /* Job */
  GMainContext    *context;         /* where "changed" is emitted */
  GWeakRef         catalog;
  gint             changed_pending; /* atomic */

  GMutex           lock;
  CoreStatus       status;          /* under lock */
  SfCatalogState   state;           /* under lock */
} Core;

struct _SfCatalog
{
  GObject  parent_instance;

  /* owned */
  Core    *core;
  GThread *writer;
};

G_DEFINE_FINAL_TYPE (SfCatalog, sf_catalog, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Below the main thread but not idle: a sync that saturates a 2-core laptop must not delay
 * the main loop's wake-ups, and must still make progress. */
#define BACKGROUND_NICE 10

void
sf_catalog_lower_thread_priority (void)
{
#ifdef __linux__
  /* On Linux the nice value is per thread. */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICE) != 0)
    g_debug ("Catalog: could not lower a thread's priority: %s", g_strerror (errno));
#endif
}

static Core *
core_ref (Core *core)
{
  g_atomic_ref_count_inc (&core->ref);
  return core;
}

static void
core_unref (Core *core)
{
  if (!g_atomic_ref_count_dec (&core->ref))
    return;

  g_async_queue_unref (core->writes);
  g_async_queue_unref (core->reads);
  g_main_context_unref (core->context);
  g_weak_ref_clear (&core->catalog);
  g_mutex_clear (&core->lock);
  g_free (core->path);
  g_free (core);
}

static void
job_free (Job *job)
{
  if (job->result != NULL && job->result_free != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_free (job);
}

static Job *
job_new (JobKind  kind,
         GTask   *task)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->task = task;
  /* a job that does not say otherwise succeeded */
  job->result_type = RESULT_BOOLEAN;
  job->result_int = TRUE;
  return job;
}

static void
job_return_error (Job    *job,
                  GError *error)
{
  g_clear_error (&job->error);
  job->error = error;
}

static void
job_return_boolean (Job      *job,
                    gboolean  value)
{
  job->result_type = RESULT_BOOLEAN;
  job->result_int = value;
}

static void
job_return_int (Job    *job,
                gssize  value)
{
  job->result_type = RESULT_INT;
  job->result_int = value;
}

static void
job_return_pointer (Job            *job,
                    gpointer        result,
                    GDestroyNotify  result_free)
{
  job->result_type = RESULT_POINTER;
  job->result = result;
  job->result_free = result_free;
}

static gboolean
deliver_cb (gpointer user_data)
{
  Job *job = user_data;

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else if (job->result_type == RESULT_POINTER)
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);
  else if (job->result_type == RESULT_INT)
    g_task_return_int (job->task, job->result_int);
  else
    g_task_return_boolean (job->task, job->result_int);

  job_free (job);
  return G_SOURCE_REMOVE;
}

/* Hands @job (and its task) over to the task's context, which returns and frees it. */
static void
job_deliver (Job *job)
{
  if (job->task == NULL)
    {
      job_free (job);
      return;
    }

  g_main_context_invoke_full (g_task_get_context (job->task), G_PRIORITY_DEFAULT,
                              deliver_cb, job, NULL);
}

static gboolean
job_deliver_if_cancelled (Job *job)
{
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (job->task), &error))
    return FALSE;

  job_return_error (job, error);
  job_deliver (job);
  return TRUE;
}

static void
job_fail (Job          *job,
          const GError *error)
{
  job_return_error (job, g_error_copy (error));
  job_deliver (job);
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  Core *core = user_data;
  g_autoptr(SfCatalog) self = g_weak_ref_get (&core->catalog);

  g_atomic_int_set (&core->changed_pending, FALSE);
  if (self != NULL)
    g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* On the writer thread, after a commit: the cached state and one "changed" at a time. */
static void
refresh_state (Core        *core,
               SfCatalogDb *db)
{
  g_autoptr(GError) error = NULL;
  SfCatalogState state;

  if (!sf_catalog_db_read_state (db, &state, &error))
    {
      g_debug ("Catalog: could not read the state: %s", error->message);
      return;
    }

  g_mutex_lock (&core->lock);
  core->state = state;
  g_mutex_unlock (&core->lock);

  if (g_atomic_int_compare_and_exchange (&core->changed_pending, FALSE, TRUE))
    g_main_context_invoke_full (core->context, G_PRIORITY_DEFAULT, emit_changed_cb,
                                core_ref (core), (GDestroyNotify) core_unref);
}

static gpointer
reader_main (gpointer data)
{
  Core *core = data;
  SfCatalogDb *db = NULL;

  /* Open now, so that the first query does not pay for it (the writer has set the file up;
   * should this fail, the first job tries again and reports why). */
  db = sf_catalog_db_open_reader (core->path, NULL);

  for (;;)
    {
      Job *job = g_async_queue_pop (core->reads);
      g_autoptr(GError) error = NULL;

      if (job->kind == JOB_QUIT)
        {
          job_free (job);
          break;
        }

      g_assert (job->kind == JOB_READ);

      if (job_deliver_if_cancelled (job))
        continue;

      if (db == NULL && (db = sf_catalog_db_open_reader (core->path, &error)) == NULL)
        {
          job_return_error (job, g_steal_pointer (&error));
          job_deliver (job);
          continue;
        }

      sf_catalog_db_set_cancellable (db, g_task_get_cancellable (job->task));
      job->read (db, job);
      sf_catalog_db_set_cancellable (db, NULL);
      job_deliver (job);
    }

  sf_catalog_db_close (db);
  core_unref (core);
  return NULL;
}

static void write_data_release (gpointer data);

/* One job in its own transaction. */
static GError *
run_write (SfCatalogDb *db,
           Job         *job)
{
  GError *error = NULL;

  if (!sf_catalog_db_begin (db, &error))
    return error;

  if (!job->write (db, g_task_get_task_data (job->task), &error) ||
      !sf_catalog_db_commit (db, &error))
    {
      sf_catalog_db_rollback (db);
      return error;
    }

  return NULL;
}

/* Runs @batch (owned jobs, handed on) in one transaction; should it fail, each job alone, so
 * only the culprit fails. The cached state is brought up to date before any caller hears
 * back. */
static void
run_writes (Core        *core,
            SfCatalogDb *db,
            GPtrArray   *batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  gboolean ok = FALSE;

  for (guint i = 0; i < batch->len; i++)
    {
      Job *job = g_ptr_array_index (batch, i);

      /* Cancelled before it ran: nothing is written. */
      if (!job_deliver_if_cancelled (job))
        g_ptr_array_add (live, job);
    }

  if (live->len == 0)
    return;

  if (live->len > 1 && sf_catalog_db_begin (db, &error))
    {
      ok = TRUE;
      for (guint i = 0; i < live->len && ok; i++)
        {
          Job *job = g_ptr_array_index (live, i);

          ok = job->write (db, g_task_get_task_data (job->task), &error);
        }

      if (ok)
        ok = sf_catalog_db_commit (db, &error);
      if (!ok)
        {
          sf_catalog_db_rollback (db);
          g_debug ("Catalog: a batch of %u writes failed (%s), writing them one by one",
                   live->len, error->message);
        }
    }

  if (!ok)
    {
      for (guint i = 0; i < live->len; i++)
        {
          Job *job = g_ptr_array_index (live, i);

          job_return_error (job, run_write (db, job));
        }
    }

  refresh_state (core, db);

  /* Page data can be big: let it go here rather than on the caller's thread. */
  for (guint i = 0; i < live->len; i++)
    {
      Job *job = g_ptr_array_index (live, i);

      write_data_release (g_task_get_task_data (job->task));
      job_deliver (job);
    }
}

static gpointer
writer_main (gpointer data)
{
  Core *core = data;
  g_autoptr(GPtrArray) readers = g_ptr_array_new ();
  g_autoptr(GError) closed_error = NULL;
  SfCatalogDb *db = NULL;
  Job *held = NULL;

  /* Writes are background work (a sync); reads answer a person, and keep their priority. */
  sf_catalog_lower_thread_priority ();

  closed_error = g_error_new_literal (SF_CATALOG_ERROR, SF_CATALOG_ERROR_CLOSED,
                                      "The catalog is not open");

  for (;;)
    {
      Job *job = held != NULL ? held : g_async_queue_pop (core->writes);
      g_autoptr(GError) error = NULL;

      held = NULL;

      switch (job->kind)
        {
        case JOB_OPEN:
          db = sf_catalog_db_open_writer (core->path, core->allow_fts, &error);
          if (db == NULL)
            {
              g_mutex_lock (&core->lock);
              core->status = CORE_FAILED;
              g_mutex_unlock (&core->lock);
              job_return_error (job, g_steal_pointer (&error));
              job_deliver (job);
              break;
            }

          for (guint i = 0; i < core->n_readers; i++)
            g_ptr_array_add (readers, g_thread_new ("sf-cat-reader", reader_main,
                                                    core_ref (core)));

          g_mutex_lock (&core->lock);
          /* closed while opening: stays closed */
          if (core->status == CORE_OPENING)
            core->status = CORE_OPEN;
          g_mutex_unlock (&core->lock);
          refresh_state (core, db);
          job_return_boolean (job, TRUE);
          job_deliver (job);
          break;

        case JOB_WRITE:
          {
            g_autoptr(GPtrArray) batch = g_ptr_array_new ();

            g_ptr_array_add (batch, job);
            if (job->batchable)
              {
                Job *next;

                while (batch->len < MAX_BATCH &&
                       (next = g_async_queue_try_pop (core->writes)) != NULL)
                  {
                    if (next->kind == JOB_WRITE && next->batchable)
                      {
                        g_ptr_array_add (batch, next);
                        continue;
                      }
                    held = next;
                    break;
                  }
              }

            if (db != NULL)
              run_writes (core, db, batch);
            else
              g_ptr_array_foreach (batch, (GFunc) job_fail, closed_error);
          }
          break;

        case JOB_CLOSE:
        case JOB_QUIT:
          /* Readers finish what they have queued, then go. */
          for (guint i = 0; i < readers->len; i++)
            g_async_queue_push (core->reads, job_new (JOB_QUIT, NULL));
          for (guint i = 0; i < readers->len; i++)
            g_thread_join (g_ptr_array_index (readers, i));
          g_ptr_array_set_size (readers, 0);

          /* the last connection to close checkpoints the WAL into the file */
          g_clear_pointer (&db, sf_catalog_db_close);

          g_mutex_lock (&core->lock);
          core->status = CORE_CLOSED;
          g_mutex_unlock (&core->lock);

          /* Nothing is accepted once closing, but a job may have been held. */
          {
            Job *stray;

            while ((stray = g_async_queue_try_pop (core->writes)) != NULL)
              job_fail (stray, closed_error);
            while ((stray = g_async_queue_try_pop (core->reads)) != NULL)
              job_fail (stray, closed_error);
          }

          job_deliver (job);
          core_unref (core);
          return NULL;

        case JOB_READ:
        default:
          g_assert_not_reached ();
        }
    }
}

char *
sf_catalog_dup_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "series-finder", "catalog.db", NULL);
}

static void
sf_catalog_finalize (GObject *object)
{
  SfCatalog *self = (SfCatalog *) object;
  gboolean closed;

  g_mutex_lock (&self->core->lock);
  closed = self->core->status == CORE_CLOSED;
  if (!closed)
    self->core->status = CORE_CLOSED;
  g_mutex_unlock (&self->core->lock);

  if (closed && g_thread_self () != self->writer)
    {
      /* closed: the thread has returned or is about to */
      g_thread_join (self->writer);
    }
  else
    {
      /* Not closed: the writer closes everything by itself, in the background. */
      if (!closed)
        g_async_queue_push (self->core->writes, job_new (JOB_QUIT, NULL));
      g_thread_unref (self->writer);
    }

  core_unref (self->core);

  G_OBJECT_CLASS (sf_catalog_parent_class)->finalize (object);
}

static void
sf_catalog_class_init (SfCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_catalog_finalize;

  /**
   * SfCatalog::changed:
   *
   * The catalog was written (see sf_catalog_get_state()). Several writes in a row may give
   * one emission.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sf_catalog_init (SfCatalog *self)
{
}

SfCatalog *
sf_catalog_new (const char     *path,
                SfCatalogFlags  flags)
{
  SfCatalog *self = g_object_new (SF_TYPE_CATALOG, NULL);
  Core *core = g_new0 (Core, 1);

  g_atomic_ref_count_init (&core->ref);
  core->path = path != NULL ? g_strdup (path) : sf_catalog_dup_default_path ();
  core->allow_fts = (flags & SF_CATALOG_FLAGS_NO_FTS) == 0;
  /* Queries are short; a few connections serve a typing person, the facets and a sync. */
  core->n_readers = CLAMP (g_get_num_processors (), 2, MAX_READERS);
  core->writes = g_async_queue_new ();
  core->reads = g_async_queue_new ();
  core->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&core->catalog, self);
  g_mutex_init (&core->lock);
  core->status = CORE_NEW;
  core->state.last_page = -1;

  self->core = core;
  self->writer = g_thread_new ("sf-cat-writer", writer_main, core_ref (core));

  return self;
}

const char *
sf_catalog_get_path (SfCatalog *self)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);

  return self->core->path;
}

gboolean
sf_catalog_is_open (SfCatalog *self)
{
  gboolean open;

  g_return_val_if_fail (SF_IS_CATALOG (self), FALSE);

  g_mutex_lock (&self->core->lock);
  open = self->core->status == CORE_OPEN;
  g_mutex_unlock (&self->core->lock);

  return open;
}

void
sf_catalog_get_state (SfCatalog      *self,
                      SfCatalogState *state)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (state != NULL);

  g_mutex_lock (&self->core->lock);
  *state = self->core->state;
  g_mutex_unlock (&self->core->lock);
}

/* Queues @task's job if the catalog is open; else the task fails at once. */
static void
submit (SfCatalog *self,
        Job       *job)
{
  gboolean open;

  g_mutex_lock (&self->core->lock);
  open = self->core->status == CORE_OPEN;
  if (open)
    g_async_queue_push (job->kind == JOB_READ ? self->core->reads : self->core->writes, job);
  g_mutex_unlock (&self->core->lock);

  if (!open)
    {
      g_task_return_new_error (job->task, SF_CATALOG_ERROR, SF_CATALOG_ERROR_CLOSED,
                               "The catalog is not open");
      job_free (job);
    }
}

static void
submit_read (SfCatalog *self,
             GTask     *task,
             ReadFunc   func)
{
  Job *job = job_new (JOB_READ, task);

  job->read = func;
  submit (self, job);
}

static void
submit_write (SfCatalog *self,
              GTask     *task,
              WriteFunc  func,
              gboolean   batchable)
{
  Job *job = job_new (JOB_WRITE, task);

  job->write = func;
  job->batchable = batchable;
  submit (self, job);
}

static gboolean
finish_boolean (SfCatalog     *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Open and close */

void
sf_catalog_open_async (SfCatalog           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CoreStatus status;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_catalog_open_async);

  g_mutex_lock (&self->core->lock);
  status = self->core->status;
  if (status == CORE_NEW)
    {
      self->core->status = CORE_OPENING;
      g_async_queue_push (self->core->writes, job_new (JOB_OPEN, g_steal_pointer (&task)));
    }
  g_mutex_unlock (&self->core->lock);

  if (task == NULL)
    return;

  if (status == CORE_OPEN)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, SF_CATALOG_ERROR, SF_CATALOG_ERROR_CLOSED,
                             "The catalog was closed or could not be opened");
}

gboolean
sf_catalog_open_finish (SfCatalog     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return finish_boolean (self, result, sf_catalog_open_async, error);
}

void
sf_catalog_close_async (SfCatalog           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean closed;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_catalog_close_async);

  /* From here on, new jobs are refused; the writer closes after what is queued. */
  g_mutex_lock (&self->core->lock);
  closed = self->core->status == CORE_CLOSED;
  if (!closed)
    {
      self->core->status = CORE_CLOSED;
      g_async_queue_push (self->core->writes, job_new (JOB_CLOSE, g_steal_pointer (&task)));
    }
  g_mutex_unlock (&self->core->lock);

  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

gboolean
sf_catalog_close_finish (SfCatalog     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_boolean (self, result, sf_catalog_close_async, error);
}

/* Writes */

typedef struct
{
  int         page;
  GPtrArray  *shows;      /* owned, nullable */
  GPtrArray  *json;       /* owned, nullable */
  GArray     *ids;        /* owned, nullable */
  gboolean    complete;
  gint64      timestamp;
} WriteData;

static void
write_data_release (gpointer data)
{
  WriteData *write = data;

  g_clear_pointer (&write->shows, g_ptr_array_unref);
  g_clear_pointer (&write->json, g_ptr_array_unref);
  g_clear_pointer (&write->ids, g_array_unref);
}

static void
write_data_free (WriteData *data)
{
  write_data_release (data);
  g_free (data);
}

static GTask *
write_task_new (SfCatalog           *self,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (WriteData, 1), (GDestroyNotify) write_data_free);
  return task;
}

static gboolean
write_page (SfCatalogDb  *db,
            gpointer      data,
            GError      **error)
{
  WriteData *write = data;

  return sf_catalog_db_store_page (db, write->page, write->shows, write->json,
                                   g_get_real_time () / G_USEC_PER_SEC, error);
}

void
sf_catalog_store_page_async (SfCatalog           *self,
                             int                  page,
                             GPtrArray           *shows,
                             GPtrArray           *json,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (page >= 0);
  g_return_if_fail (shows != NULL && json != NULL && shows->len == json->len);

  task = write_task_new (self, sf_catalog_store_page_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->page = page;
  data->shows = g_ptr_array_ref (shows);
  data->json = g_ptr_array_ref (json);
  submit_write (self, g_steal_pointer (&task), write_page, TRUE);
}

gboolean
sf_catalog_store_page_finish (SfCatalog     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_boolean (self, result, sf_catalog_store_page_async, error);
}

static gboolean
write_shows (SfCatalogDb  *db,
             gpointer      data,
             GError      **error)
{
  WriteData *write = data;

  return sf_catalog_db_store_shows (db, write->shows, write->json, error);
}

void
sf_catalog_store_shows_async (SfCatalog           *self,
                              GPtrArray           *shows,
                              GPtrArray           *json,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (shows != NULL && json != NULL && shows->len == json->len);

  task = write_task_new (self, sf_catalog_store_shows_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->shows = g_ptr_array_ref (shows);
  data->json = g_ptr_array_ref (json);
  submit_write (self, g_steal_pointer (&task), write_shows, TRUE);
}

gboolean
sf_catalog_store_shows_finish (SfCatalog     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_boolean (self, result, sf_catalog_store_shows_async, error);
}

static gboolean
write_missing (SfCatalogDb  *db,
               gpointer      data,
               GError      **error)
{
  WriteData *write = data;

  return sf_catalog_db_mark_page_missing (db, write->page, g_get_real_time () / G_USEC_PER_SEC,
                                          error);
}

void
sf_catalog_mark_page_missing_async (SfCatalog           *self,
                                    int                  page,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (page >= 0);

  task = write_task_new (self, sf_catalog_mark_page_missing_async, cancellable, callback,
                         user_data);
  ((WriteData *) g_task_get_task_data (task))->page = page;
  submit_write (self, g_steal_pointer (&task), write_missing, TRUE);
}

gboolean
sf_catalog_mark_page_missing_finish (SfCatalog     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_boolean (self, result, sf_catalog_mark_page_missing_async, error);
}

static gboolean
write_delete (SfCatalogDb  *db,
              gpointer      data,
              GError      **error)
{
  WriteData *write = data;

  return sf_catalog_db_delete_shows (db, write->ids, error);
}

void
sf_catalog_delete_shows_async (SfCatalog           *self,
                               GArray              *ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (ids != NULL);

  task = write_task_new (self, sf_catalog_delete_shows_async, cancellable, callback, user_data);
  ((WriteData *) g_task_get_task_data (task))->ids = g_array_ref (ids);
  submit_write (self, g_steal_pointer (&task), write_delete, TRUE);
}

gboolean
sf_catalog_delete_shows_finish (SfCatalog     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_boolean (self, result, sf_catalog_delete_shows_async, error);
}

static gboolean
write_end_sync (SfCatalogDb  *db,
                gpointer      data,
                GError      **error)
{
  WriteData *write = data;

  return sf_catalog_db_end_sync (db, write->complete, write->timestamp, error);
}

void
sf_catalog_end_sync_async (SfCatalog           *self,
                           gboolean             complete,
                           gint64               timestamp,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (SF_IS_CATALOG (self));

  task = write_task_new (self, sf_catalog_end_sync_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->complete = complete;
  data->timestamp = timestamp;
  submit_write (self, g_steal_pointer (&task), write_end_sync, FALSE);
}

gboolean
sf_catalog_end_sync_finish (SfCatalog     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish_boolean (self, result, sf_catalog_end_sync_async, error);
}

/* Reads */

typedef struct
{
  SfCriteria *criteria;   /* owned, nullable: a copy of the caller's */
  char       *prefix;     /* owned, nullable */
  guint       offset;
  guint       limit;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_pointer (&data->criteria, sf_criteria_unref);
  g_free (data->prefix);
  g_free (data);
}

static GTask *
read_task_new (SfCatalog           *self,
               const SfCriteria    *criteria,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_task_set_source_tag (task, source_tag);
  if (criteria != NULL)
    data->criteria = sf_criteria_copy (criteria);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  return task;
}

static void
read_query (SfCatalogDb *db,
            Job         *job)
{
  ReadData *data = g_task_get_task_data (job->task);
  GError *error = NULL;
  GPtrArray *shows;

  shows = sf_catalog_db_query (db, data->criteria, data->offset, data->limit, &error);
  if (shows == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, shows, (GDestroyNotify) g_ptr_array_unref);
}

void
sf_catalog_query_async (SfCatalog           *self,
                        const SfCriteria    *criteria,
                        guint                offset,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  task = read_task_new (self, criteria, sf_catalog_query_async, cancellable, callback,
                        user_data);
  data = g_task_get_task_data (task);
  data->offset = offset;
  data->limit = limit;
  submit_read (self, g_steal_pointer (&task), read_query);
}

GPtrArray *
sf_catalog_query_finish (SfCatalog     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sf_catalog_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_count (SfCatalogDb *db,
            Job         *job)
{
  ReadData *data = g_task_get_task_data (job->task);
  GError *error = NULL;
  guint count = 0;

  if (!sf_catalog_db_count (db, data->criteria, &count, &error))
    job_return_error (job, error);
  else
    job_return_int (job, count);
}

void
sf_catalog_count_async (SfCatalog           *self,
                        const SfCriteria    *criteria,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  submit_read (self, read_task_new (self, criteria, sf_catalog_count_async, cancellable,
                                    callback, user_data),
               read_count);
}

gboolean
sf_catalog_count_finish (SfCatalog     *self,
                         GAsyncResult  *result,
                         guint         *count,
                         GError       **error)
{
  gssize value;

  g_return_val_if_fail (SF_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sf_catalog_count_async, FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value < 0)
    return FALSE;

  if (count != NULL)
    *count = value;
  return TRUE;
}

static void
read_facets (SfCatalogDb *db,
             Job         *job)
{
  ReadData *data = g_task_get_task_data (job->task);
  GError *error = NULL;
  GPtrArray *counts;

  counts = sf_catalog_db_count_facets (db, data->criteria, &error);
  if (counts == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, counts, (GDestroyNotify) g_ptr_array_unref);
}

void
sf_catalog_count_facets_async (SfCatalog           *self,
                               const SfCriteria    *criteria,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  submit_read (self, read_task_new (self, criteria, sf_catalog_count_facets_async, cancellable,
                                    callback, user_data),
               read_facets);
}

GPtrArray *
sf_catalog_count_facets_finish (SfCatalog     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sf_catalog_count_facets_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_relaxed (SfCatalogDb *db,
              Job         *job)
{
  ReadData *data = g_task_get_task_data (job->task);
  GError *error = NULL;
  GArray *counts;

  counts = sf_catalog_db_count_relaxed (db, data->criteria, &error);
  if (counts == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, counts, (GDestroyNotify) g_array_unref);
}

void
sf_catalog_count_relaxed_async (SfCatalog           *self,
                                const SfCriteria    *criteria,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  submit_read (self, read_task_new (self, criteria, sf_catalog_count_relaxed_async, cancellable,
                                    callback, user_data),
               read_relaxed);
}

GArray *
sf_catalog_count_relaxed_finish (SfCatalog     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sf_catalog_count_relaxed_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_complete_channel (SfCatalogDb *db,
                       Job         *job)
{
  ReadData *data = g_task_get_task_data (job->task);
  GError *error = NULL;
  GStrv names;

  names = sf_catalog_db_complete_channel (db, data->prefix, data->limit, &error);
  if (names == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, names, (GDestroyNotify) g_strfreev);
}

void
sf_catalog_complete_channel_async (SfCatalog           *self,
                                   const char          *prefix,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (prefix != NULL);

  task = read_task_new (self, NULL, sf_catalog_complete_channel_async, cancellable, callback,
                        user_data);
  data = g_task_get_task_data (task);
  data->prefix = g_strdup (prefix);
  data->limit = limit;
  submit_read (self, g_steal_pointer (&task), read_complete_channel);
}

GStrv
sf_catalog_complete_channel_finish (SfCatalog     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sf_catalog_complete_channel_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_countries (SfCatalogDb *db,
                Job         *job)
{
  GError *error = NULL;
  GPtrArray *countries;

  countries = sf_catalog_db_list_countries (db, &error);
  if (countries == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, countries, (GDestroyNotify) g_ptr_array_unref);
}

void
sf_catalog_list_countries_async (SfCatalog           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));

  submit_read (self, read_task_new (self, NULL, sf_catalog_list_countries_async, cancellable,
                                    callback, user_data),
               read_countries);
}

GPtrArray *
sf_catalog_list_countries_finish (SfCatalog     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sf_catalog_list_countries_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_sync_info (SfCatalogDb *db,
                Job         *job)
{
  GError *error = NULL;
  SfCatalogSyncInfo *info;

  info = sf_catalog_db_load_sync_info (db, &error);
  if (info == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, info, (GDestroyNotify) sf_catalog_sync_info_free);
}

void
sf_catalog_load_sync_info_async (SfCatalog           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));

  submit_read (self, read_task_new (self, NULL, sf_catalog_load_sync_info_async, cancellable,
                                    callback, user_data),
               read_sync_info);
}

SfCatalogSyncInfo *
sf_catalog_load_sync_info_finish (SfCatalog     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sf_facet_count_free (SfFacetCount *count)
{
  if (count == NULL)
    return;

  g_free (count->value);
  g_free (count);
}

void
sf_country_count_free (SfCountryCount *count)
{
  if (count == NULL)
    return;

  g_free (count->code);
  g_free (count->name);
  g_free (count);
}
