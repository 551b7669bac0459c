/* test-store.c: the store layer on its own: SQLite errors mapped with context, cancellation,
 * and SfDbWorker's jobs (in order, batched, cancelled, refused when closed, delivered on the
 * owner's context)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sf-db-worker.h"
#include "sf-sqlite.h"

/* the longest any single wait may take before the test fails */
#define TIMEOUT_S 30

typedef enum
{
  TEST_ERROR_OPEN,
  TEST_ERROR_DATABASE,
  TEST_ERROR_CORRUPT,
  TEST_ERROR_CLOSED,
} TestError;

static GQuark test_error_quark (void);
G_DEFINE_QUARK (sf-test-store-error-quark, test_error)

enum { STMT_INSERT, STMT_COUNT, N_STMTS };

static const SfSqliteErrors test_errors = {
  .domain = test_error_quark,
  .open_code = TEST_ERROR_OPEN,
  .database_code = TEST_ERROR_DATABASE,
  .corrupt_code = TEST_ERROR_CORRUPT,
  .prefix = "Test database",
  .n_cached = N_STMTS,
};

typedef struct
{
  char *dir;      /* owned: a private temporary folder */
  char *path;     /* owned: DIR/test.db */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out after %d s waiting for %s", TIMEOUT_S, (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Iterates @context until *@done. */
static void
wait_for (GMainContext *context,
          gboolean     *done,
          const char   *what)
{
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (TIMEOUT_S);

  g_source_set_callback (timeout, timeout_cb, (gpointer) what, NULL);
  g_source_attach (timeout, context);
  while (!*done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
}

/* ------------------------------------------------------------------------------------------
 * sf-sqlite
 */

static void
test_sqlite_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SfSqlite *db;
  sqlite3_stmt *stmt;
  gint64 value = 0;

  db = sf_sqlite_open (&test_errors, fixture->path, TRUE, 1000, "Could not open", &error);
  g_assert_no_error (error);
  g_assert_true (sf_sqlite_is_writer (db));

  /* A failing statement: the owner's domain, and a sentence for a person (issue 11, case
   * 12): the statement and SQLite's words go to the debug log only. */
  g_assert_false (sf_sqlite_exec (db, "SELECT * FROM missing_table", &error));
  g_assert_error (error, test_error_quark (), TEST_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, "Series Finder could not use its data in "));
  g_assert_null (strstr (error->message, "SELECT"));
  g_assert_null (strstr (error->message, "no such table"));
  g_clear_error (&error);

  g_assert_true (sf_sqlite_exec (db, "CREATE TABLE t (x INTEGER)", &error));
  g_assert_no_error (error);

  /* A read-only database (query_only fails writes as a read-only folder would, even for
   * root): the plain message names the folder. */
  {
    g_autofree char *folder = g_path_get_dirname (fixture->path);
    g_autofree char *expected = g_strdup_printf ("Series Finder can’t write to its data folder "
                                                 "(%s): it is read-only.", folder);

    g_assert_true (sf_sqlite_exec (db, "PRAGMA query_only = 1", &error));
    g_assert_false (sf_sqlite_exec (db, "INSERT INTO t (x) VALUES (1)", &error));
    g_assert_error (error, test_error_quark (), TEST_ERROR_DATABASE);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
    g_assert_true (sf_sqlite_exec (db, "PRAGMA query_only = 0", &error));
  }

  /* Cached statements come back reset, and a transaction rolls back. */
  g_assert_true (sf_sqlite_begin (db, &error));
  for (int i = 0; i < 3; i++)
    {
      stmt = sf_sqlite_get_cached (db, STMT_INSERT, "INSERT INTO t (x) VALUES (?1)", &error);
      g_assert_nonnull (stmt);
      sqlite3_bind_int (stmt, 1, i);
      g_assert_true (sf_sqlite_step_done (db, stmt, &error));
    }
  sf_sqlite_rollback (db);
  g_assert_true (sf_sqlite_query_int (db, "SELECT count(*) FROM t", -1, &value, &error));
  g_assert_cmpint (value, ==, 0);

  g_assert_true (sf_sqlite_begin (db, &error));
  stmt = sf_sqlite_get_cached (db, STMT_INSERT, "INSERT INTO t (x) VALUES (?1)", &error);
  sf_sqlite_bind_text_or_null (stmt, 1, NULL);
  g_assert_true (sf_sqlite_step_done (db, stmt, &error));
  g_assert_true (sf_sqlite_commit (db, &error));
  g_assert_no_error (error);

  /* NULL and no row give the fallback. */
  g_assert_true (sf_sqlite_query_int (db, "SELECT max(x) FROM t", 7, &value, &error));
  g_assert_cmpint (value, ==, 7);
  g_assert_true (sf_sqlite_query_int (db, "SELECT x FROM t WHERE 0", 8, &value, &error));
  g_assert_cmpint (value, ==, 8);

  {
    gboolean exists = FALSE;

    g_assert_true (sf_sqlite_table_exists (db, "t", &exists, &error));
    g_assert_true (exists);
    g_assert_true (sf_sqlite_table_exists (db, "u", &exists, &error));
    g_assert_false (exists);
  }

  g_assert_true (sf_sqlite_require_wal (db, &error));
  g_assert_true (sf_sqlite_quick_check (db, &error));
  g_assert_no_error (error);
  sf_sqlite_close (db);

  /* A folder that does not exist: the open code, a sentence naming the folder (the caller's
   * words and SQLite's go to the debug log). */
  {
    g_autofree char *nowhere = g_build_filename (fixture->dir, "no", "such", "x.db", NULL);
    g_autofree char *expected = g_strdup_printf ("Series Finder can’t open its data in "
                                                 "%s/no/such.", fixture->dir);

    db = sf_sqlite_open (&test_errors, nowhere, TRUE, 1000, "Could not open x", &error);
    g_assert_null (db);
    g_assert_error (error, test_error_quark (), TEST_ERROR_OPEN);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
  }
}

static void
test_sqlite_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = g_strconcat (fixture->path, ".damaged", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  SfSqlite *db;
  gint64 value = 0;

  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, &error));

  /* Opening does not read the file; the first statement finds it is not a database. */
  db = sf_sqlite_open (&test_errors, fixture->path, TRUE, 1000, "Could not open", &error);
  g_assert_no_error (error);
  sf_sqlite_set_damage_marker (db, TRUE);
  g_assert_false (sf_sqlite_query_int (db, "PRAGMA user_version", 0, &value, &error));
  g_assert_error (error, test_error_quark (), TEST_ERROR_CORRUPT);
  g_assert_true (sf_sqlite_is_corrupt_code (SQLITE_NOTADB));
  /* and leaves the marker for the next open */
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  sf_sqlite_close (db);

  sf_sqlite_remove_files (fixture->path);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_sqlite_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SfSqlite *db;
  gint64 value = 0;

  db = sf_sqlite_open (&test_errors, fixture->path, TRUE, 1000, "Could not open", &error);
  g_assert_no_error (error);

  /* A statement that would run for minutes stops at the next progress check. */
  g_cancellable_cancel (cancellable);
  sf_sqlite_set_cancellable (db, cancellable);
  g_assert_true (sf_sqlite_get_cancellable (db) == cancellable);
  g_assert_false (sf_sqlite_query_int (db,
                                       "WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL"
                                       " SELECT n + 1 FROM c WHERE n < 1000000000)"
                                       " SELECT count(*) FROM c", 0, &value, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Without it, the same connection works again. */
  sf_sqlite_set_cancellable (db, NULL);
  g_assert_true (sf_sqlite_query_int (db, "SELECT 41 + 1", 0, &value, &error));
  g_assert_cmpint (value, ==, 42);
  sf_sqlite_close (db);
}

/* ------------------------------------------------------------------------------------------
 * SfDbWorker, over sf-sqlite connections
 */

typedef struct
{
  char   *path;
  GMutex  lock;
  GArray *opened_on;    /* GThread*: where connections were opened */
} Owner;

static void
owner_free (gpointer data)
{
  Owner *owner = data;

  g_free (owner->path);
  g_array_unref (owner->opened_on);
  g_mutex_clear (&owner->lock);
  g_free (owner);
}

static gpointer
open_writer (gpointer   data,
             SfDbJob   *job,
             GError   **error)
{
  Owner *owner = data;
  SfSqlite *db = sf_sqlite_open (&test_errors, owner->path, TRUE, 5000, "Could not open", error);
  GThread *self = g_thread_self ();

  if (db == NULL)
    return NULL;
  if (!sf_sqlite_exec (db, "PRAGMA journal_mode = WAL;"
                           "CREATE TABLE IF NOT EXISTS log (n INTEGER UNIQUE)", error))
    {
      sf_sqlite_close (db);
      return NULL;
    }

  g_mutex_lock (&owner->lock);
  g_array_append_val (owner->opened_on, self);
  g_mutex_unlock (&owner->lock);
  return db;
}

static gpointer
open_reader (gpointer   data,
             GError   **error)
{
  Owner *owner = data;

  return sf_sqlite_open (&test_errors, owner->path, FALSE, 5000, "Could not open", error);
}

static void
close_db (gpointer db)
{
  sf_sqlite_close (db);
}

static gboolean
begin (gpointer   db,
       GError   **error)
{
  return sf_sqlite_begin (db, error);
}

static gboolean
commit (gpointer   db,
        GError   **error)
{
  return sf_sqlite_commit (db, error);
}

static void
rollback (gpointer db)
{
  sf_sqlite_rollback (db);
}

static void
set_cancellable (gpointer      db,
                 GCancellable *cancellable)
{
  sf_sqlite_set_cancellable (db, cancellable);
}

static GError *
new_closed_error (void)
{
  return g_error_new_literal (test_error_quark (), TEST_ERROR_CLOSED, "closed");
}

static const SfDbWorkerOps test_ops = {
  .open_writer = open_writer,
  .open_reader = open_reader,
  .close = close_db,
  .begin = begin,
  .commit = commit,
  .rollback = rollback,
  .set_cancellable = set_cancellable,
  .new_closed_error = new_closed_error,
};

/* A job's input (task data), and what the test sees of it. */
typedef struct
{
  int           n;
  GMainContext *context;    /* where the result must arrive */
  GThread      *ran_on;
  gboolean      applied;
  gboolean      ran;
} Input;

static gboolean
insert_run (gpointer   db,
            SfDbJob   *job,
            GError   **error)
{
  Input *input = sf_db_job_get_data (job);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO log (n) VALUES (%d)", input->n);

  input->ran = TRUE;
  input->ran_on = g_thread_self ();
  if (!sf_sqlite_exec (db, sql, error))
    return FALSE;

  sf_db_job_set_changed (job, TRUE);
  sf_db_job_return_int (job, input->n);
  return TRUE;
}

static gboolean
list_run (gpointer   db,
          SfDbJob   *job,
          GError   **error)
{
  Input *input = sf_db_job_get_data (job);
  sqlite3_stmt *stmt = sf_sqlite_prepare (db, "SELECT n FROM log ORDER BY rowid", error);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  input->ran = TRUE;
  input->ran_on = g_thread_self ();
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 0);

      g_array_append_val (values, n);
    }
  sqlite3_finalize (stmt);

  sf_db_job_return_pointer (job, values, (GDestroyNotify) g_array_unref);
  return TRUE;
}

static void
check_apply (gpointer  source_object,
             SfDbJob  *job)
{
  Input *input = g_task_get_task_data (sf_db_job_get_task (job));

  /* on the owner's context, before the task returns */
  g_assert_true (g_main_context_is_owner (input->context));
  input->applied = TRUE;
}

static const SfDbJobInfo insert_job = {
  .kind = SF_DB_JOB_WRITE,
  .run = insert_run,
  .apply = check_apply,
};

static const SfDbJobInfo batch_job = {
  .kind = SF_DB_JOB_BATCH,
  .run = insert_run,
  .apply = check_apply,
};

static const SfDbJobInfo list_job = {
  .kind = SF_DB_JOB_READ,
  .run = list_run,
  .apply = check_apply,
};

typedef struct
{
  guint       n_done;
  guint       n_expected;
  gboolean    all_done;
  GPtrArray  *results;    /* GAsyncResult, in the order they came */
} Results;

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Results *results = user_data;
  Input *input = g_task_get_task_data (G_TASK (result));

  g_assert_true (g_main_context_is_owner (input->context));
  g_ptr_array_add (results->results, g_object_ref (result));
  results->all_done = ++results->n_done == results->n_expected;
}

static SfDbWorker *
new_worker (const char *path,
            guint       n_readers,
            gboolean    queue_while_opening)
{
  SfDbWorkerConfig config = {
    .writer_name = "test-writer",
    .reader_name = "test-reader",
    .n_readers = n_readers,
    .max_batch = 4,
    .queue_while_opening = queue_while_opening,
  };
  Owner *owner = g_new0 (Owner, 1);

  owner->path = g_strdup (path);
  g_mutex_init (&owner->lock);
  owner->opened_on = g_array_new (FALSE, FALSE, sizeof (GThread *));
  return sf_db_worker_new (&config, &test_ops, owner, owner_free);
}

static GTask *
new_task (GObject      *source,
          GMainContext *context,
          int           n,
          GCancellable *cancellable,
          Results      *results)
{
  GTask *task = g_task_new (source, cancellable, result_cb, results);
  Input *input = g_new0 (Input, 1);

  input->n = n;
  input->context = context;
  g_task_set_task_data (task, input, g_free);
  results->n_expected++;
  results->all_done = FALSE;
  return task;
}

/* Jobs asked for from a thread with its own context: they run on the worker's threads, in
 * order, and each comes back on that context, through its apply, in the order asked. */
static void
test_worker_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(SfDbWorker) worker = new_worker (fixture->path, 0, TRUE);
  Results results = { 0, 0, FALSE, g_ptr_array_new_with_free_func (g_object_unref) };
  GArray *values;

  g_main_context_push_thread_default (context);
  g_assert_cmpint (sf_db_worker_get_state (worker), ==, SF_DB_WORKER_NEW);

  g_assert_true (sf_db_worker_open (worker, new_task (owner, context, -1, NULL, &results),
                                    check_apply));
  /* Opening twice is refused, the task left to the caller. */
  {
    g_autoptr(GTask) again = g_task_new (owner, NULL, NULL, NULL);

    g_assert_false (sf_db_worker_open (worker, again, NULL));
  }

  /* queued behind the open */
  for (int i = 0; i < 10; i++)
    sf_db_worker_submit (worker, new_task (owner, context, i, NULL, &results), &insert_job);
  sf_db_worker_submit (worker, new_task (owner, context, 100, NULL, &results), &list_job);
  wait_for (context, &results.all_done, "the jobs");

  g_assert_cmpint (sf_db_worker_get_state (worker), ==, SF_DB_WORKER_OPEN);
  g_assert_cmpuint (results.results->len, ==, 12);
  g_assert_true (g_task_propagate_boolean (g_ptr_array_index (results.results, 0), NULL));
  for (int i = 0; i < 10; i++)
    {
      GTask *task = g_ptr_array_index (results.results, i + 1);
      Input *input = g_task_get_task_data (task);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_task_propagate_int (task, &error), ==, i);
      g_assert_no_error (error);
      g_assert_true (input->applied);
      g_assert_true (input->ran_on != g_thread_self ());
    }

  values = g_task_propagate_pointer (g_ptr_array_index (results.results, 11), NULL);
  g_assert_cmpuint (values->len, ==, 10);
  for (guint i = 0; i < values->len; i++)
    g_assert_cmpint (g_array_index (values, int, i), ==, i);
  g_array_unref (values);

  /* Closing answers once the connection is closed; then jobs are refused. */
  {
    g_autoptr(GTask) task = new_task (owner, context, -1, NULL, &results);

    sf_db_worker_close (worker, g_object_ref (task));
    wait_for (context, &results.all_done, "the close");
    g_assert_true (g_task_propagate_boolean (task, NULL));
    g_assert_cmpint (sf_db_worker_get_state (worker), ==, SF_DB_WORKER_CLOSED);
  }
  {
    g_autoptr(GTask) task = new_task (owner, context, 1, NULL, &results);
    g_autoptr(GError) error = NULL;

    sf_db_worker_submit (worker, g_object_ref (task), &insert_job);
    wait_for (context, &results.all_done, "a refused job");
    g_assert_false (g_task_propagate_boolean (task, &error));
    g_assert_error (error, test_error_quark (), TEST_ERROR_CLOSED);
  }

  g_main_context_pop_thread_default (context);
  g_ptr_array_unref (results.results);
}

/* A cancelled job never runs; a batch with a failing job writes the others one by one. */
static void
test_worker_cancel_and_batch (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(SfDbWorker) worker = new_worker (fixture->path, 2, FALSE);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  GMainContext *context = g_main_context_default ();
  Results results = { 0, 0, FALSE, g_ptr_array_new_with_free_func (g_object_unref) };
  g_autoptr(GTask) cancelled_task = NULL;
  g_autoptr(GTask) first3 = NULL;
  g_autoptr(GTask) second3 = NULL;
  g_autoptr(GTask) four = NULL;
  g_autoptr(GTask) list = NULL;
  GArray *values;
  GTask *task;

  /* Not open yet, and this worker does not queue behind the open. */
  task = new_task (owner, context, 1, NULL, &results);
  sf_db_worker_submit (worker, task, &insert_job);
  wait_for (context, &results.all_done, "a refused job");

  g_assert_true (sf_db_worker_open (worker, new_task (owner, context, -1, NULL, &results),
                                    NULL));
  wait_for (context, &results.all_done, "the open");

  /* The tasks are kept rather than found by their place in results: GTask calls back a
   * cancelled task one main-loop iteration later than it is returned (never from inside the
   * return), so the cancelled write's callback can come after the batch's when both are
   * delivered in the same iteration. The worker delivers them in order; their callbacks need
   * not be. */
  g_cancellable_cancel (cancelled);
  cancelled_task = new_task (owner, context, 2, cancelled, &results);
  sf_db_worker_submit (worker, g_object_ref (cancelled_task), &insert_job);
  /* 3 twice: the UNIQUE constraint fails the second, alone */
  first3 = new_task (owner, context, 3, NULL, &results);
  sf_db_worker_submit (worker, g_object_ref (first3), &batch_job);
  second3 = new_task (owner, context, 3, NULL, &results);
  sf_db_worker_submit (worker, g_object_ref (second3), &batch_job);
  four = new_task (owner, context, 4, NULL, &results);
  sf_db_worker_submit (worker, g_object_ref (four), &batch_job);
  wait_for (context, &results.all_done, "the writes");
  /* reads go to a reader thread, which sees the committed writes */
  list = new_task (owner, context, 0, NULL, &results);
  sf_db_worker_submit (worker, g_object_ref (list), &list_job);
  wait_for (context, &results.all_done, "the read");

  {
    g_autoptr(GError) error = NULL;
    Input *input;

    g_assert_false (g_task_propagate_boolean (g_ptr_array_index (results.results, 0), &error));
    g_assert_error (error, test_error_quark (), TEST_ERROR_CLOSED);
    g_clear_error (&error);

    g_assert_cmpuint (results.results->len, ==, 7);
    input = g_task_get_task_data (cancelled_task);
    g_assert_cmpint (g_task_propagate_int (cancelled_task, &error), ==, -1);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (input->ran);
    g_clear_error (&error);

    g_assert_cmpint (g_task_propagate_int (first3, NULL), ==, 3);
    g_assert_cmpint (g_task_propagate_int (second3, &error), ==, -1);
    g_assert_error (error, test_error_quark (), TEST_ERROR_DATABASE);
    g_assert_cmpint (g_task_propagate_int (four, NULL), ==, 4);

    values = g_task_propagate_pointer (list, NULL);
    g_assert_cmpuint (values->len, ==, 2);
    g_assert_cmpint (g_array_index (values, int, 0), ==, 3);
    g_assert_cmpint (g_array_index (values, int, 1), ==, 4);
    g_array_unref (values);
  }

  /* Dropped without a close: the threads close everything by themselves. */
  g_clear_object (&worker);
  g_ptr_array_unref (results.results);
}

/* A worker never opened closes at once. */
static void
test_worker_never_opened (void)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(SfDbWorker) worker = new_worker ("/nonexistent/never.db", 0, TRUE);
  Results results = { 0, 0, FALSE, g_ptr_array_new_with_free_func (g_object_unref) };
  g_autoptr(GTask) task = new_task (owner, g_main_context_default (), 0, NULL, &results);

  sf_db_worker_close (worker, g_object_ref (task));
  wait_for (NULL, &results.all_done, "the close");
  g_assert_true (g_task_propagate_boolean (task, NULL));
  g_assert_cmpint (sf_db_worker_get_state (worker), ==, SF_DB_WORKER_CLOSED);
  g_ptr_array_unref (results.results);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/series-finder/store/" name, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("sqlite-errors", test_sqlite_errors);
  ADD ("sqlite-corrupt", test_sqlite_corrupt);
  ADD ("sqlite-cancel", test_sqlite_cancel);
  ADD ("worker-order", test_worker_order);
  ADD ("worker-cancel-and-batch", test_worker_cancel_and_batch);
  g_test_add_func ("/series-finder/store/worker-never-opened", test_worker_never_opened);

  return g_test_run ();
}
