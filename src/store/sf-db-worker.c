/* sf-db-worker.c: one writer thread, a few reader threads, and the way back through GTask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE   /* SCHED_BATCH */
#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sched.h>
#endif
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "sf-db-worker.h"

typedef enum
{
  JOB_OPEN,
  JOB_RUN,        /* info says read, write or batch */
  JOB_CLOSE,
  JOB_QUIT,
} JobType;

typedef enum
{
  RESULT_BOOLEAN,
  RESULT_INT,
  RESULT_POINTER,
} ResultType;

typedef struct _Core Core;

/* A job owns its task until the result is delivered on the task's context. */
struct _SfDbJob
{
  JobType            type;
  GTask             *task;          /* owned, nullable (QUIT) */
  const SfDbJobInfo *info;          /* JOB_RUN */
  const SfDbWorkerOps *ops;
  SfDbApplyFunc      apply;         /* nullable */
  SfDbWorker        *worker;        /* owned, JOB_CLOSE: joins the thread once delivered */

  ResultType         result_type;
  gssize             result_int;
  gpointer           result;        /* owned, nullable */
  GDestroyNotify     result_free;
  gboolean           changed;
  GError            *error;         /* owned, nullable */
};

/* What the threads share with the object, which can go away before them. */
struct _Core
{
  gatomicrefcount         ref;
  SfDbWorkerConfig        config;
  const SfDbWorkerOps    *ops;
  gpointer                data;
  GDestroyNotify          data_free;
  GAsyncQueue            *writes;   /* SfDbJob */
  GAsyncQueue            *reads;    /* SfDbJob */

  GMutex                  lock;
  SfDbWorkerState         state;    /* under lock */
};

struct _SfDbWorker
{
  GObject  parent_instance;

  Core    *core;      /* owned */
  GThread *writer;    /* owned, nullable: started by open, joined once closed */
};

G_DEFINE_FINAL_TYPE (SfDbWorker, sf_db_worker, G_TYPE_OBJECT)

/* Below the main thread but not idle: background work that saturates a 2-core laptop must
 * not delay the main loop's wake-ups, and must still make progress. */
#define BACKGROUND_NICE 10

void
sf_db_worker_lower_thread_priority (void)
{
#ifdef __linux__
  struct sched_param param = { .sched_priority = 0 };

  /* SCHED_BATCH: the thread never preempts another on waking up, so the main thread, woken
   * for a frame or an answer, runs its iteration to the end instead of waiting for a writer
   * or a parser that woke at the same moment (the main loop's lateness during a sync). Not
   * SCHED_IDLE: on a busy machine that would starve the sync altogether. Any thread may
   * lower its own policy; where it cannot (some sandboxes), the nice value still applies. */
  if (sched_setscheduler (0, SCHED_BATCH, &param) != 0)
    g_debug ("Could not make a thread SCHED_BATCH: %s", g_strerror (errno));
  /* On Linux the nice value is per thread. */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICE) != 0)
    g_debug ("Could not lower a thread's priority: %s", g_strerror (errno));
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
  if (core->data_free != NULL)
    core->data_free (core->data);
  g_mutex_clear (&core->lock);
  g_free (core);
}

static void
set_state (Core            *core,
           SfDbWorkerState  state)
{
  g_mutex_lock (&core->lock);
  core->state = state;
  g_mutex_unlock (&core->lock);
}

/* Jobs */

static void
job_free (SfDbJob *job)
{
  if (job->result != NULL && job->result_free != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_clear_object (&job->worker);
  g_free (job);
}

static SfDbJob *
job_new (Core    *core,
         JobType  type,
         GTask   *task)
{
  SfDbJob *job = g_new0 (SfDbJob, 1);

  job->ops = core->ops;
  job->type = type;
  job->task = task;
  /* a job that does not say otherwise succeeded */
  job->result_type = RESULT_BOOLEAN;
  job->result_int = TRUE;
  return job;
}

static void
job_set_error (SfDbJob *job,
               GError  *error)
{
  g_clear_error (&job->error);
  job->error = error;
}

static gboolean
deliver_cb (gpointer user_data)
{
  SfDbJob *job = user_data;

  if (job->apply != NULL)
    job->apply (g_task_get_source_object (job->task), job);
  if (job->ops->delivered != NULL)
    job->ops->delivered (g_task_get_source_object (job->task), job);

  /* The thread has closed every connection and is returning. */
  if (job->type == JOB_CLOSE && job->worker->writer != NULL)
    g_thread_join (g_steal_pointer (&job->worker->writer));

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
job_deliver (SfDbJob *job)
{
  g_autoptr(GSource) source = NULL;

  if (job->task == NULL)
    {
      job_free (job);
      return;
    }

  /* An idle source, not g_main_context_invoke(): that one runs the callback right here
   * when this thread can acquire the context (the default context is every plain thread's
   * thread-default), which would put the result and what the owner does with it on this
   * thread whenever the owner's thread is between two iterations. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, job, NULL);
  g_source_set_static_name (source, "[sf-db-worker] deliver");
  g_source_attach (source, g_task_get_context (job->task));
}

static void
job_fail (SfDbJob      *job,
          const GError *error)
{
  job_set_error (job, g_error_copy (error));
  job_deliver (job);
}

static gboolean
job_deliver_if_cancelled (SfDbJob *job)
{
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (job->task), &error))
    return FALSE;

  job_set_error (job, error);
  job_deliver (job);
  return TRUE;
}

/* A read: no transaction of its own (the job begins one if it needs to). */
static void
run_read (Core     *core,
          gpointer  db,
          SfDbJob  *job)
{
  GError *error = NULL;

  if (job_deliver_if_cancelled (job))
    return;

  if (db == NULL)
    {
      job_set_error (job, core->ops->new_closed_error ());
      job_deliver (job);
      return;
    }

  if (core->ops->set_cancellable != NULL)
    core->ops->set_cancellable (db, g_task_get_cancellable (job->task));
  if (!job->info->run (db, job, &error))
    job_set_error (job, error);
  if (core->ops->set_cancellable != NULL)
    core->ops->set_cancellable (db, NULL);
  job_deliver (job);
}

static gpointer
reader_main (gpointer data)
{
  Core *core = data;
  gpointer db;

  /* Open now, so that the first job does not pay for it (the writer has set the file up;
   * should this fail, the first job tries again and reports why). */
  db = core->ops->open_reader (core->data, NULL);

  for (;;)
    {
      SfDbJob *job = g_async_queue_pop (core->reads);
      GError *error = NULL;

      if (job->type == JOB_QUIT)
        {
          job_free (job);
          break;
        }

      g_assert (job->type == JOB_RUN && job->info->kind == SF_DB_JOB_READ);

      if (db == NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (job->task)) &&
          (db = core->ops->open_reader (core->data, &error)) == NULL)
        {
          job_set_error (job, error);
          job_deliver (job);
          continue;
        }

      run_read (core, db, job);
    }

  if (db != NULL)
    core->ops->close (db);
  core_unref (core);
  return NULL;
}

/* One job in its own transaction. */
static GError *
run_write (Core     *core,
           gpointer  db,
           SfDbJob  *job)
{
  GError *error = NULL;

  job->changed = FALSE;
  if (!core->ops->begin (db, &error))
    return error;

  if (!job->info->run (db, job, &error) || !core->ops->commit (db, &error))
    {
      core->ops->rollback (db);
      job->changed = FALSE;
      return error;
    }

  return NULL;
}

/* Runs @batch (owned jobs, handed on) in one transaction; should it fail, each job alone, so
 * only the culprit fails. after_writes runs before any caller hears back. */
static void
run_writes (Core      *core,
            gpointer   db,
            GPtrArray *batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  gboolean ok = FALSE;

  for (guint i = 0; i < batch->len; i++)
    {
      SfDbJob *job = g_ptr_array_index (batch, i);

      /* Cancelled before it ran: nothing is written. */
      if (!job_deliver_if_cancelled (job))
        g_ptr_array_add (live, job);
    }

  if (live->len == 0)
    return;

  if (live->len > 1 && core->ops->begin (db, &error))
    {
      ok = TRUE;
      for (guint i = 0; i < live->len && ok; i++)
        {
          SfDbJob *job = g_ptr_array_index (live, i);

          ok = job->info->run (db, job, &error);
        }

      if (ok)
        ok = core->ops->commit (db, &error);
      if (!ok)
        {
          core->ops->rollback (db);
          g_debug ("A batch of %u writes failed (%s), writing them one by one",
                   live->len, error->message);
        }
    }

  if (!ok)
    {
      for (guint i = 0; i < live->len; i++)
        {
          SfDbJob *job = g_ptr_array_index (live, i);

          job_set_error (job, run_write (core, db, job));
        }
    }

  if (core->ops->after_writes != NULL)
    core->ops->after_writes (core->data, db);

  /* The job's data can be big: let it go here rather than on the caller's thread. */
  for (guint i = 0; i < live->len; i++)
    {
      SfDbJob *job = g_ptr_array_index (live, i);

      if (job->info->release != NULL)
        job->info->release (g_task_get_task_data (job->task));
      job_deliver (job);
    }
}

static gboolean
job_is_batchable (SfDbJob *job)
{
  return job->type == JOB_RUN && job->info->kind == SF_DB_JOB_BATCH;
}

static gpointer
writer_main (gpointer data)
{
  Core *core = data;
  g_autoptr(GPtrArray) readers = g_ptr_array_new ();
  g_autoptr(GError) closed_error = core->ops->new_closed_error ();
  gpointer db = NULL;
  SfDbJob *held = NULL;

  if (core->config.background)
    sf_db_worker_lower_thread_priority ();

  for (;;)
    {
      SfDbJob *job = held != NULL ? held : g_async_queue_pop (core->writes);
      GError *error = NULL;

      held = NULL;

      switch (job->type)
        {
        case JOB_OPEN:
          db = core->ops->open_writer (core->data, job, &error);
          if (db == NULL)
            {
              set_state (core, SF_DB_WORKER_FAILED);
              job_set_error (job, error);
              job_deliver (job);
              break;
            }

          for (guint i = 0; i < core->config.n_readers; i++)
            g_ptr_array_add (readers, g_thread_new (core->config.reader_name, reader_main,
                                                    core_ref (core)));

          g_mutex_lock (&core->lock);
          /* closed while opening: stays closed */
          if (core->state == SF_DB_WORKER_OPENING)
            core->state = SF_DB_WORKER_OPEN;
          g_mutex_unlock (&core->lock);
          if (core->ops->after_writes != NULL)
            core->ops->after_writes (core->data, db);
          job_deliver (job);
          break;

        case JOB_RUN:
          if (job->info->kind == SF_DB_JOB_READ)
            {
              run_read (core, db, job);
              break;
            }

          {
            g_autoptr(GPtrArray) batch = g_ptr_array_new ();
            SfDbJob *next;

            g_ptr_array_add (batch, job);
            while (job_is_batchable (job) && batch->len < MAX (core->config.max_batch, 1) &&
                   (next = g_async_queue_try_pop (core->writes)) != NULL)
              {
                if (job_is_batchable (next))
                  {
                    g_ptr_array_add (batch, next);
                    continue;
                  }
                held = next;
                break;
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
            g_async_queue_push (core->reads, job_new (core, JOB_QUIT, NULL));
          for (guint i = 0; i < readers->len; i++)
            g_thread_join (g_ptr_array_index (readers, i));
          g_ptr_array_set_size (readers, 0);

          /* the last connection to close checkpoints the WAL into the file */
          if (db != NULL)
            core->ops->close (db);
          set_state (core, SF_DB_WORKER_CLOSED);

          /* Nothing is accepted once closing, but a job may have been held. */
          {
            SfDbJob *stray;

            while ((stray = g_async_queue_try_pop (core->writes)) != NULL)
              job_fail (stray, closed_error);
            while ((stray = g_async_queue_try_pop (core->reads)) != NULL)
              job_fail (stray, closed_error);
          }

          /* Only once the connections are closed. */
          job_deliver (job);
          core_unref (core);
          return NULL;

        default:
          g_assert_not_reached ();
        }
    }
}

/* GObject */

static void
sf_db_worker_finalize (GObject *object)
{
  SfDbWorker *self = (SfDbWorker *) object;

  /* Not closed (a close holds the object until it is done): the writer closes everything by
   * itself, in the background. */
  if (self->writer != NULL)
    {
      set_state (self->core, SF_DB_WORKER_CLOSED);
      g_async_queue_push (self->core->writes, job_new (self->core, JOB_QUIT, NULL));
      g_clear_pointer (&self->writer, g_thread_unref);
    }

  core_unref (self->core);

  G_OBJECT_CLASS (sf_db_worker_parent_class)->finalize (object);
}

static void
sf_db_worker_class_init (SfDbWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_db_worker_finalize;
}

static void
sf_db_worker_init (SfDbWorker *self)
{
}

SfDbWorker *
sf_db_worker_new (const SfDbWorkerConfig *config,
                  const SfDbWorkerOps    *ops,
                  gpointer                data,
                  GDestroyNotify          data_free)
{
  SfDbWorker *self;
  Core *core;

  g_return_val_if_fail (config != NULL && ops != NULL, NULL);
  g_return_val_if_fail (config->n_readers == 0 || ops->open_reader != NULL, NULL);

  self = g_object_new (SF_TYPE_DB_WORKER, NULL);
  core = g_new0 (Core, 1);
  g_atomic_ref_count_init (&core->ref);
  core->config = *config;
  core->ops = ops;
  core->data = data;
  core->data_free = data_free;
  core->writes = g_async_queue_new ();
  core->reads = g_async_queue_new ();
  g_mutex_init (&core->lock);
  core->state = SF_DB_WORKER_NEW;
  self->core = core;

  return self;
}

SfDbWorkerState
sf_db_worker_get_state (SfDbWorker *self)
{
  SfDbWorkerState state;

  g_return_val_if_fail (SF_IS_DB_WORKER (self), SF_DB_WORKER_CLOSED);

  g_mutex_lock (&self->core->lock);
  state = self->core->state;
  g_mutex_unlock (&self->core->lock);

  return state;
}

gboolean
sf_db_worker_open (SfDbWorker    *self,
                   GTask         *task,
                   SfDbApplyFunc  apply)
{
  SfDbJob *job;

  g_return_val_if_fail (SF_IS_DB_WORKER (self), FALSE);
  g_return_val_if_fail (G_IS_TASK (task), FALSE);

  g_mutex_lock (&self->core->lock);
  if (self->core->state != SF_DB_WORKER_NEW)
    {
      g_mutex_unlock (&self->core->lock);
      return FALSE;
    }
  self->core->state = SF_DB_WORKER_OPENING;
  g_mutex_unlock (&self->core->lock);

  job = job_new (self->core, JOB_OPEN, task);
  job->apply = apply;
  self->writer = g_thread_new (self->core->config.writer_name, writer_main,
                               core_ref (self->core));
  g_async_queue_push (self->core->writes, job);
  return TRUE;
}

void
sf_db_worker_submit (SfDbWorker        *self,
                     GTask             *task,
                     const SfDbJobInfo *info)
{
  SfDbJob *job;
  gboolean open;

  g_return_if_fail (SF_IS_DB_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));

  job = job_new (self->core, JOB_RUN, task);
  job->info = info;
  job->apply = info->apply;

  g_mutex_lock (&self->core->lock);
  open = self->core->state == SF_DB_WORKER_OPEN ||
         (self->core->state == SF_DB_WORKER_OPENING && self->core->config.queue_while_opening);
  if (open)
    g_async_queue_push (info->kind == SF_DB_JOB_READ && self->core->config.n_readers > 0
                        ? self->core->reads : self->core->writes, job);
  g_mutex_unlock (&self->core->lock);

  if (!open)
    {
      g_task_return_error (job->task, self->core->ops->new_closed_error ());
      job_free (job);
    }
}

void
sf_db_worker_close (SfDbWorker *self,
                    GTask      *task)
{
  SfDbJob *job = NULL;

  g_return_if_fail (SF_IS_DB_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));

  /* From here on, new jobs are refused; the writer closes after what is queued. */
  g_mutex_lock (&self->core->lock);
  if (self->core->state != SF_DB_WORKER_CLOSED && self->writer != NULL)
    {
      job = job_new (self->core, JOB_CLOSE, task);
      job->worker = g_object_ref (self);
      g_async_queue_push (self->core->writes, job);
    }
  self->core->state = SF_DB_WORKER_CLOSED;
  g_mutex_unlock (&self->core->lock);

  if (job == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

/* The job's side */

GTask *
sf_db_job_get_task (SfDbJob *job)
{
  return job->task;
}

gpointer
sf_db_job_get_data (SfDbJob *job)
{
  return g_task_get_task_data (job->task);
}

void
sf_db_job_return_boolean (SfDbJob  *job,
                          gboolean  value)
{
  job->result_type = RESULT_BOOLEAN;
  job->result_int = value;
}

void
sf_db_job_return_int (SfDbJob *job,
                      gssize   value)
{
  job->result_type = RESULT_INT;
  job->result_int = value;
}

void
sf_db_job_return_pointer (SfDbJob        *job,
                          gpointer        result,
                          GDestroyNotify  result_free)
{
  if (job->result != NULL && job->result_free != NULL)
    job->result_free (job->result);
  job->result_type = RESULT_POINTER;
  job->result = result;
  job->result_free = result_free;
}

gpointer
sf_db_job_get_result (SfDbJob *job)
{
  return job->result;
}

gpointer
sf_db_job_steal_result (SfDbJob *job)
{
  return g_steal_pointer (&job->result);
}

const GError *
sf_db_job_get_error (SfDbJob *job)
{
  return job->error;
}

void
sf_db_job_set_changed (SfDbJob  *job,
                       gboolean  changed)
{
  job->changed = changed;
}

gboolean
sf_db_job_get_changed (SfDbJob *job)
{
  return job->changed;
}
