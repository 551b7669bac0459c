#pragma once

/* SfDbWorker: the threads in front of a database. One writer thread owns the only writing
 * connection; read jobs go to reader threads with their own connections (WAL lets them read
 * while the writer writes), or, with no readers, to the writer in the order they came.
 *
 *   caller (its context) ── jobs ──► writer: open, writes (each in a transaction; batchable
 *                        │                    neighbours share one), close
 *                        └─ reads ──► readers
 *
 * Every job belongs to a GTask; the task's result is returned on the task's context, after
 * the job's apply function (also on that context) has seen it. The threads never hold the
 * last reference to a task, nor to the owner through it, nor to the worker: the owner can go
 * away while they finish. The worker knows nothing of SQL: what a connection is comes from
 * SfDbWorkerOps. */

#include <gio/gio.h>

G_BEGIN_DECLS

#define SF_TYPE_DB_WORKER (sf_db_worker_get_type ())

G_DECLARE_FINAL_TYPE (SfDbWorker, sf_db_worker, SF, DB_WORKER, GObject)

typedef struct _SfDbJob SfDbJob;

typedef enum
{
  SF_DB_WORKER_NEW,
  SF_DB_WORKER_OPENING,
  SF_DB_WORKER_OPEN,
  SF_DB_WORKER_FAILED,
  SF_DB_WORKER_CLOSED,
} SfDbWorkerState;

typedef enum
{
  SF_DB_JOB_READ,       /* a reader's connection (the writer's without readers), as is */
  SF_DB_JOB_WRITE,      /* the writer's connection, in a transaction of its own */
  SF_DB_JOB_BATCH,      /* a write that may share one transaction with queued neighbours */
} SfDbJobKind;

/* On a worker thread, with its connection. FALSE and @error: the job failed. */
typedef gboolean (*SfDbJobFunc)   (gpointer      connection,
                                   SfDbJob      *job,
                                   GError      **error);
/* On the task's context, before the result is returned (also after a failure). */
typedef void     (*SfDbApplyFunc) (gpointer      source_object,
                                   SfDbJob      *job);

typedef struct
{
  SfDbJobKind     kind;
  SfDbJobFunc     run;
  SfDbApplyFunc   apply;      /* nullable */
  GDestroyNotify  release;    /* nullable: lets go of the task data's bulk on the thread */
} SfDbJobInfo;

/* What a connection is. Every function but delivered runs on a worker thread, and @data is shared by
 * them: what it holds that changes needs a lock. */
typedef struct
{
  /* The writer's connection, made on the writer thread by sf_db_worker_open(). */
  gpointer (*open_writer)     (gpointer      data,
                               SfDbJob      *job,
                               GError      **error);
  /* A reader's connection; only with n_readers > 0. */
  gpointer (*open_reader)     (gpointer      data,
                               GError      **error);
  void     (*close)           (gpointer      connection);
  gboolean (*begin)           (gpointer      connection,
                               GError      **error);
  gboolean (*commit)          (gpointer      connection,
                               GError      **error);
  void     (*rollback)        (gpointer      connection);
  /* nullable: makes a read stop early when its task is cancelled */
  void     (*set_cancellable) (gpointer      connection,
                               GCancellable *cancellable);
  /* nullable: on the writer, after an open and after each batch of writes, before any of
   * their callers hear back */
  void     (*after_writes)    (gpointer      data,
                               gpointer      connection);
  /* nullable: on the task's context, after the job's apply, before the task returns */
  void     (*delivered)       (gpointer      source_object,
                               SfDbJob      *job);
  /* The error of a job the worker cannot take (not open, closed). */
  GError  *(*new_closed_error) (void);
} SfDbWorkerOps;

typedef struct
{
  const char *writer_name;      /* thread names */
  const char *reader_name;
  guint       n_readers;
  guint       max_batch;        /* SF_DB_JOB_BATCH jobs in one transaction, at most */
  gboolean    background;       /* the writer yields the CPU to the interface */
  gboolean    queue_while_opening; /* jobs may be queued behind the open */
} SfDbWorkerConfig;

/* @config is copied, @ops is static; @data is freed with @data_free when the last thread is done
 * with it. */
SfDbWorker     *sf_db_worker_new          (const SfDbWorkerConfig *config,
                                           const SfDbWorkerOps    *ops,
                                           gpointer                data,
                                           GDestroyNotify          data_free);
SfDbWorkerState sf_db_worker_get_state    (SfDbWorker             *self);

/* Starts the threads and queues the open, which takes @task: FALSE (and @task untouched)
 * unless the worker is new. */
gboolean        sf_db_worker_open         (SfDbWorker             *self,
                                           GTask                  *task,
                                           SfDbApplyFunc           apply);
/* Queues a job that takes @task; a worker that cannot take it answers @task with the closed
 * error (after @info's apply has seen it). */
void            sf_db_worker_submit       (SfDbWorker             *self,
                                           GTask                  *task,
                                           const SfDbJobInfo      *info);
/* Refuses new jobs; what is queued runs, then the connections close and @task (taken)
 * returns TRUE. A worker never opened answers at once. */
void            sf_db_worker_close        (SfDbWorker             *self,
                                           GTask                  *task);

/* Makes the calling (background) thread yield the CPU to the main thread when both want it:
 * on a busy machine the interface stays responsive and the work just takes a little longer. */
void            sf_db_worker_lower_thread_priority (void);

/* The job's side */
GTask          *sf_db_job_get_task        (SfDbJob                *job);
gpointer        sf_db_job_get_data        (SfDbJob                *job);
void            sf_db_job_return_boolean  (SfDbJob                *job,
                                           gboolean                value);
void            sf_db_job_return_int      (SfDbJob                *job,
                                           gssize                  value);
void            sf_db_job_return_pointer  (SfDbJob                *job,
                                           gpointer                result,
                                           GDestroyNotify          result_free);
/* The result so far, and taking it (apply functions) */
gpointer        sf_db_job_get_result      (SfDbJob                *job);
gpointer        sf_db_job_steal_result    (SfDbJob                *job);
const GError   *sf_db_job_get_error       (SfDbJob                *job);
/* A committed write changed the data (cleared when its transaction fails). */
void            sf_db_job_set_changed     (SfDbJob                *job,
                                           gboolean                changed);
gboolean        sf_db_job_get_changed     (SfDbJob                *job);

G_END_DECLS
