/* sf-catalog-requests.c: the reads and writes callers queue on the catalog's threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-catalog-db.h"
#include "sf-catalog-impl.h"

/* Each request is a row in a table: the job the worker runs on its connection (for a read,
 * what SQLite answers and how to free it), and for a read, the in-memory index's answer when
 * the index is fresh. The public functions only check their arguments and pick their row. */

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

static gboolean
write_page (gpointer   db,
            SfDbJob   *job,
            GError   **error)
{
  WriteData *write = sf_db_job_get_data (job);

  return sf_catalog_db_store_page (db, write->page, write->shows, write->json,
                                   g_get_real_time () / G_USEC_PER_SEC, error);
}

static gboolean
write_shows (gpointer   db,
             SfDbJob   *job,
             GError   **error)
{
  WriteData *write = sf_db_job_get_data (job);

  return sf_catalog_db_store_shows (db, write->shows, write->json, error);
}

static gboolean
write_missing (gpointer   db,
               SfDbJob   *job,
               GError   **error)
{
  WriteData *write = sf_db_job_get_data (job);

  return sf_catalog_db_mark_page_missing (db, write->page, g_get_real_time () / G_USEC_PER_SEC,
                                          error);
}

static gboolean
write_delete (gpointer   db,
              SfDbJob   *job,
              GError   **error)
{
  WriteData *write = sf_db_job_get_data (job);

  return sf_catalog_db_delete_shows (db, write->ids, error);
}

static gboolean
write_end_sync (gpointer   db,
                SfDbJob   *job,
                GError   **error)
{
  WriteData *write = sf_db_job_get_data (job);

  return sf_catalog_db_end_sync (db, write->complete, write->timestamp, error);
}

enum
{
  WRITE_PAGE,
  WRITE_SHOWS,
  WRITE_MISSING,
  WRITE_DELETE,
  WRITE_END_SYNC,
};

/* Store jobs that queue up together share one transaction; the end of a sync has its own. */
static const SfDbJobInfo write_jobs[] = {
  [WRITE_PAGE] = { SF_DB_JOB_BATCH, write_page, NULL, write_data_release },
  [WRITE_SHOWS] = { SF_DB_JOB_BATCH, write_shows, NULL, write_data_release },
  [WRITE_MISSING] = { SF_DB_JOB_BATCH, write_missing, NULL, write_data_release },
  [WRITE_DELETE] = { SF_DB_JOB_BATCH, write_delete, NULL, write_data_release },
  [WRITE_END_SYNC] = { SF_DB_JOB_WRITE, write_end_sync, NULL, write_data_release },
};

/* Queues @info's job with a copy of @args (and a reference to each of its arrays). */
static void
start_write (SfCatalog           *self,
             const SfDbJobInfo   *info,
             const WriteData     *args,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  WriteData *data = g_memdup2 (args, sizeof *args);

  if (data->shows != NULL)
    g_ptr_array_ref (data->shows);
  if (data->json != NULL)
    g_ptr_array_ref (data->json);
  if (data->ids != NULL)
    g_array_ref (data->ids);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  sf_db_worker_submit (self->worker, task, info);
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
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (page >= 0);
  g_return_if_fail (shows != NULL && json != NULL && shows->len == json->len);

  start_write (self, &write_jobs[WRITE_PAGE],
               &(WriteData) { .page = page, .shows = shows, .json = json },
               sf_catalog_store_page_async, cancellable, callback, user_data);
}

gboolean
sf_catalog_store_page_finish (SfCatalog     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return sf_catalog_finish_boolean (self, result, sf_catalog_store_page_async, error);
}

void
sf_catalog_store_shows_async (SfCatalog           *self,
                              GPtrArray           *shows,
                              GPtrArray           *json,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (shows != NULL && json != NULL && shows->len == json->len);

  start_write (self, &write_jobs[WRITE_SHOWS], &(WriteData) { .shows = shows, .json = json },
               sf_catalog_store_shows_async, cancellable, callback, user_data);
}

gboolean
sf_catalog_store_shows_finish (SfCatalog     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sf_catalog_finish_boolean (self, result, sf_catalog_store_shows_async, error);
}

void
sf_catalog_mark_page_missing_async (SfCatalog           *self,
                                    int                  page,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (page >= 0);

  start_write (self, &write_jobs[WRITE_MISSING], &(WriteData) { .page = page },
               sf_catalog_mark_page_missing_async, cancellable, callback, user_data);
}

gboolean
sf_catalog_mark_page_missing_finish (SfCatalog     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return sf_catalog_finish_boolean (self, result, sf_catalog_mark_page_missing_async, error);
}

void
sf_catalog_delete_shows_async (SfCatalog           *self,
                               GArray              *ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (ids != NULL);

  start_write (self, &write_jobs[WRITE_DELETE], &(WriteData) { .ids = ids },
               sf_catalog_delete_shows_async, cancellable, callback, user_data);
}

gboolean
sf_catalog_delete_shows_finish (SfCatalog     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return sf_catalog_finish_boolean (self, result, sf_catalog_delete_shows_async, error);
}

void
sf_catalog_end_sync_async (SfCatalog           *self,
                           gboolean             complete,
                           gint64               timestamp,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));

  start_write (self, &write_jobs[WRITE_END_SYNC],
               &(WriteData) { .complete = complete, .timestamp = timestamp },
               sf_catalog_end_sync_async, cancellable, callback, user_data);
}

gboolean
sf_catalog_end_sync_finish (SfCatalog     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return sf_catalog_finish_boolean (self, result, sf_catalog_end_sync_async, error);
}

/* Reads */

typedef struct _ReadOp ReadOp;

typedef struct
{
  const ReadOp *op;
  SfCriteria   *criteria;   /* owned, nullable: a copy of the caller's */
  char         *prefix;     /* owned, nullable */
  guint         offset;
  guint         limit;
} ReadData;

/* What a caller asks; start_read() copies it. */
typedef struct
{
  const SfCriteria *criteria;   /* nullable */
  const char       *prefix;     /* nullable */
  guint             offset;
  guint             limit;
} ReadArgs;

/* On a reader thread: SQLite's answer, or %NULL and @error. */
typedef gpointer (*ReadFunc)  (SfCatalogDb    *db,
                               ReadData       *data,
                               GError        **error);
/* On a pool thread: the index's answer, returned on @task (a few bitset operations). */
typedef void     (*IndexFunc) (GTask          *task,
                               SfCatalogIndex *index,
                               ReadData       *data);

struct _ReadOp
{
  SfDbJobInfo     job;      /* .run is read_pointer() unless the answer is not a pointer */
  ReadFunc        read;     /* for read_pointer() */
  GDestroyNotify  free;     /* of what @read returns */
  IndexFunc       index;    /* nullable: no answer from the index */
};

static void
read_data_free (ReadData *data)
{
  g_clear_pointer (&data->criteria, sf_criteria_unref);
  g_free (data->prefix);
  g_free (data);
}

static gboolean
read_pointer (gpointer   db,
              SfDbJob   *job,
              GError   **error)
{
  ReadData *data = sf_db_job_get_data (job);
  gpointer result;

  result = data->op->read (db, data, error);
  if (result == NULL)
    return FALSE;

  sf_db_job_return_pointer (job, result, data->op->free);
  return TRUE;
}

typedef struct
{
  SfCatalogIndex *index;
  IndexFunc       func;
} IndexJob;

static void
index_job_free (IndexJob *job)
{
  g_clear_pointer (&job->index, sf_catalog_index_unref);
  g_free (job);
}

static void
index_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ReadData *data = task_data;
  IndexJob *job = g_object_get_data (G_OBJECT (task), "sf-index-job");

  if (!g_task_return_error_if_cancelled (task))
    job->func (task, job->index, data);
  /* Let go here: if a rebuild replaced it meanwhile, the last reference frees every show,
   * which must not happen on the caller's (main) thread. */
  g_clear_pointer (&job->index, sf_catalog_index_unref);
}

/* Takes @index. */
static void
run_on_index (GTask          *task,
              SfCatalogIndex *index,
              IndexFunc       func)
{
  IndexJob *job = g_new0 (IndexJob, 1);

  job->index = index;
  job->func = func;
  g_object_set_data_full (G_OBJECT (task), "sf-index-job", job, (GDestroyNotify) index_job_free);
  g_task_run_in_thread (task, index_thread);
}

/* Answers from @index (taken, nullable) when there is one, else queues @op's job on a
 * reader. */
static void
start_read_on (SfCatalog           *self,
               const ReadOp        *op,
               SfCatalogIndex      *index,
               const ReadArgs      *args,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  data->op = op;
  if (args->criteria != NULL)
    data->criteria = sf_criteria_copy (args->criteria);
  data->prefix = g_strdup (args->prefix);
  data->offset = args->offset;
  data->limit = args->limit;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  if (index != NULL)
    run_on_index (task, index, op->index);
  else
    sf_db_worker_submit (self->worker, g_steal_pointer (&task), &op->job);
}

/* Answers from the index when it is fresh, else queues @op's job on a reader. */
static void
start_read (SfCatalog           *self,
            const ReadOp        *op,
            const ReadArgs      *args,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  start_read_on (self, op, op->index != NULL ? sf_catalog_dup_fresh_index (self) : NULL, args,
                 source_tag, cancellable, callback, user_data);
}

/* Query */

static gpointer
db_query (SfCatalogDb  *db,
          ReadData     *data,
          GError      **error)
{
  return sf_catalog_db_query (db, data->criteria, data->offset, data->limit, error);
}

static void
index_query (GTask          *task,
             SfCatalogIndex *index,
             ReadData       *data)
{
  g_task_return_pointer (task,
                         sf_catalog_index_query (index, data->criteria, data->offset,
                                                 data->limit, NULL),
                         (GDestroyNotify) g_ptr_array_unref);
}

static const ReadOp query_op = {
  .job = { SF_DB_JOB_READ, read_pointer },
  .read = db_query,
  .free = (GDestroyNotify) g_ptr_array_unref,
  .index = index_query,
};

void
sf_catalog_query_async (SfCatalog           *self,
                        const SfCriteria    *criteria,
                        guint                offset,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  start_read (self, &query_op,
              &(ReadArgs) { .criteria = criteria, .offset = offset, .limit = limit },
              sf_catalog_query_async, cancellable, callback, user_data);
}

GPtrArray *
sf_catalog_query_finish (SfCatalog     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_query_async, error);
}

void
sf_catalog_find_titles_async (SfCatalog           *self,
                              const char          *text,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  SfCatalogIndex *index;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (text != NULL);

  sf_criteria_set_text (criteria, text);
  /* From memory whenever an index exists, fresh or not: a few words looked up in sorted
   * arrays. SQLite only before the first index. */
  index = sf_catalog_is_open (self) ? sf_catalog_dup_latest_index (self) : NULL;
  start_read_on (self, &query_op, index, &(ReadArgs) { .criteria = criteria, .limit = limit },
                 sf_catalog_find_titles_async, cancellable, callback, user_data);
}

GPtrArray *
sf_catalog_find_titles_finish (SfCatalog     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_find_titles_async, error);
}

/* Count: an integer answer, so a job of its own */

static gboolean
read_count (gpointer   db,
            SfDbJob   *job,
            GError   **error)
{
  ReadData *data = sf_db_job_get_data (job);
  guint count = 0;

  if (!sf_catalog_db_count (db, data->criteria, &count, error))
    return FALSE;

  sf_db_job_return_int (job, count);
  return TRUE;
}

static void
index_count (GTask          *task,
             SfCatalogIndex *index,
             ReadData       *data)
{
  g_autoptr(GPtrArray) none = NULL;
  guint total = 0;

  /* limit 1 past the end: only the count is wanted */
  none = sf_catalog_index_query (index, data->criteria, G_MAXUINT - 1, 1, &total);
  g_task_return_int (task, total);
}

static const ReadOp count_op = {
  .job = { SF_DB_JOB_READ, read_count },
  .index = index_count,
};

void
sf_catalog_count_async (SfCatalog           *self,
                        const SfCriteria    *criteria,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  start_read (self, &count_op, &(ReadArgs) { .criteria = criteria }, sf_catalog_count_async,
              cancellable, callback, user_data);
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

/* Facets */

static gpointer
db_facets (SfCatalogDb  *db,
           ReadData     *data,
           GError      **error)
{
  return sf_catalog_db_count_facets (db, data->criteria, FALSE, NULL, error);
}

/* Only what sf_catalog_count_facets_async() promises: genres, status, type, language. */
static void
index_facets (GTask          *task,
              SfCatalogIndex *index,
              ReadData       *data)
{
  g_autoptr(SfCatalogFacets) facets = sf_catalog_index_facets (index, data->criteria);
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_facet_count_free);

  for (guint i = 0; i < facets->counts->len; i++)
    {
      SfFacetCount *count = g_ptr_array_index (facets->counts, i);

      if (count->criterion != SF_CRITERION_CHANNEL && count->criterion != SF_CRITERION_COUNTRY)
        g_ptr_array_add (counts, g_steal_pointer (&facets->counts->pdata[i]));
    }
  g_task_return_pointer (task, counts, (GDestroyNotify) g_ptr_array_unref);
}

static gpointer
db_all_facets (SfCatalogDb  *db,
               ReadData     *data,
               GError      **error)
{
  SfCatalogFacets *facets = g_new0 (SfCatalogFacets, 1);

  facets->counts = sf_catalog_db_count_facets (db, data->criteria, TRUE, &facets->total, error);
  if (facets->counts == NULL)
    g_clear_pointer (&facets, sf_catalog_facets_free);

  return facets;
}

static void
index_all_facets (GTask          *task,
                  SfCatalogIndex *index,
                  ReadData       *data)
{
  g_task_return_pointer (task, sf_catalog_index_facets (index, data->criteria),
                         (GDestroyNotify) sf_catalog_facets_free);
}

static const ReadOp facets_op = {
  .job = { SF_DB_JOB_READ, read_pointer },
  .read = db_facets,
  .free = (GDestroyNotify) g_ptr_array_unref,
  .index = index_facets,
};

static const ReadOp all_facets_op = {
  .job = { SF_DB_JOB_READ, read_pointer },
  .read = db_all_facets,
  .free = (GDestroyNotify) sf_catalog_facets_free,
  .index = index_all_facets,
};

void
sf_catalog_count_facets_async (SfCatalog           *self,
                               const SfCriteria    *criteria,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  start_read (self, &facets_op, &(ReadArgs) { .criteria = criteria },
              sf_catalog_count_facets_async, cancellable, callback, user_data);
}

GPtrArray *
sf_catalog_count_facets_finish (SfCatalog     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_count_facets_async, error);
}

void
sf_catalog_count_all_facets_async (SfCatalog           *self,
                                   const SfCriteria    *criteria,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  start_read (self, &all_facets_op, &(ReadArgs) { .criteria = criteria },
              sf_catalog_count_all_facets_async, cancellable, callback, user_data);
}

SfCatalogFacets *
sf_catalog_count_all_facets_finish (SfCatalog     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_count_all_facets_async, error);
}

/* SQLite only */

static gpointer
db_relaxed (SfCatalogDb  *db,
            ReadData     *data,
            GError      **error)
{
  return sf_catalog_db_count_relaxed (db, data->criteria, error);
}

static gpointer
db_complete_channel (SfCatalogDb  *db,
                     ReadData     *data,
                     GError      **error)
{
  return sf_catalog_db_complete_channel (db, data->prefix, data->limit, error);
}

static gpointer
db_countries (SfCatalogDb  *db,
              ReadData     *data,
              GError      **error)
{
  return sf_catalog_db_list_countries (db, error);
}

static gpointer
db_sync_info (SfCatalogDb  *db,
              ReadData     *data,
              GError      **error)
{
  return sf_catalog_db_load_sync_info (db, error);
}

static const ReadOp relaxed_op = {
  .job = { SF_DB_JOB_READ, read_pointer },
  .read = db_relaxed,
  .free = (GDestroyNotify) g_array_unref,
};

static const ReadOp complete_channel_op = {
  .job = { SF_DB_JOB_READ, read_pointer },
  .read = db_complete_channel,
  .free = (GDestroyNotify) g_strfreev,
};

static const ReadOp countries_op = {
  .job = { SF_DB_JOB_READ, read_pointer },
  .read = db_countries,
  .free = (GDestroyNotify) g_ptr_array_unref,
};

static const ReadOp sync_info_op = {
  .job = { SF_DB_JOB_READ, read_pointer },
  .read = db_sync_info,
  .free = (GDestroyNotify) sf_catalog_sync_info_free,
};

void
sf_catalog_count_relaxed_async (SfCatalog           *self,
                                const SfCriteria    *criteria,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (criteria != NULL);

  start_read (self, &relaxed_op, &(ReadArgs) { .criteria = criteria },
              sf_catalog_count_relaxed_async, cancellable, callback, user_data);
}

GArray *
sf_catalog_count_relaxed_finish (SfCatalog     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_count_relaxed_async, error);
}

void
sf_catalog_complete_channel_async (SfCatalog           *self,
                                   const char          *prefix,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (prefix != NULL);

  start_read (self, &complete_channel_op, &(ReadArgs) { .prefix = prefix, .limit = limit },
              sf_catalog_complete_channel_async, cancellable, callback, user_data);
}

GStrv
sf_catalog_complete_channel_finish (SfCatalog     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_complete_channel_async, error);
}

void
sf_catalog_list_countries_async (SfCatalog           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));

  start_read (self, &countries_op, &(ReadArgs) { NULL }, sf_catalog_list_countries_async,
              cancellable, callback, user_data);
}

GPtrArray *
sf_catalog_list_countries_finish (SfCatalog     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_list_countries_async, error);
}

void
sf_catalog_load_sync_info_async (SfCatalog           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SF_IS_CATALOG (self));

  start_read (self, &sync_info_op, &(ReadArgs) { NULL }, sf_catalog_load_sync_info_async,
              cancellable, callback, user_data);
}

SfCatalogSyncInfo *
sf_catalog_load_sync_info_finish (SfCatalog     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return sf_catalog_finish_pointer (self, result, sf_catalog_load_sync_info_async, error);
}
