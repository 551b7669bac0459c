/* sf-catalog.c: the local show index, one writer thread and a few reader threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-catalog-db.h"
#include "sf-catalog-impl.h"

/*
 * Threads
 *
 *   caller (main) ── jobs ──► writer thread: the only writing connection. Store jobs that
 *                 │                          queue up together share one transaction.
 *                 └─ jobs ──► reader threads: one connection each, WAL lets them read
 *                                             while the writer writes.
 *
 * SfDbWorker runs them; this file never calls SQLite, sf-catalog-*.c do, on those threads
 * only. Results travel back through GTask to the caller's main context. The reads and writes
 * themselves are in sf-catalog-requests.c.
 */

#define MAX_BATCH 16
#define MAX_READERS 4
/* The index is rebuilt once writes have been quiet this long (a sync writes without pause:
 * meanwhile SQLite answers, and rebuilding after every page would only burn the CPU). */
#define INDEX_QUIET_MS 400

G_DEFINE_FINAL_TYPE (SfCatalog, sf_catalog, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_OPEN,
  PROP_INDEXED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_index (SfCatalog *self);
static void update_indexed (SfCatalog *self);

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_main_context_unref (shared->context);
  g_weak_ref_clear (&shared->catalog);
  g_mutex_clear (&shared->lock);
  g_clear_pointer (&shared->index, sf_catalog_index_unref);
  g_free (shared->path);
}

static void
shared_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, shared_clear);
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  Shared *shared = user_data;
  g_autoptr(SfCatalog) self = g_weak_ref_get (&shared->catalog);

  g_atomic_int_set (&shared->changed_pending, FALSE);
  if (self != NULL)
    {
      update_indexed (self);
      schedule_index (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  return G_SOURCE_REMOVE;
}

/* The connections, for SfDbWorker (on its threads) */

static gpointer
open_writer (gpointer   data,
             SfDbJob   *job,
             GError   **error)
{
  Shared *shared = data;

  return sf_catalog_db_open_writer (shared->path, shared->allow_fts, error);
}

static gpointer
open_reader (gpointer   data,
             GError   **error)
{
  Shared *shared = data;

  return sf_catalog_db_open_reader (shared->path, error);
}

static void
close_db (gpointer db)
{
  sf_catalog_db_close (db);
}

static gboolean
begin (gpointer   db,
       GError   **error)
{
  return sf_catalog_db_begin (db, error);
}

static gboolean
commit (gpointer   db,
        GError   **error)
{
  return sf_catalog_db_commit (db, error);
}

static void
rollback (gpointer db)
{
  sf_catalog_db_rollback (db);
}

static void
set_cancellable (gpointer      db,
                 GCancellable *cancellable)
{
  sf_catalog_db_set_cancellable (db, cancellable);
}

/* On the writer thread, after a commit: the cached state and one "changed" at a time. */
static void
refresh_state (gpointer data,
               gpointer db)
{
  Shared *shared = data;
  g_autoptr(GError) error = NULL;
  SfCatalogState state;

  if (!sf_catalog_db_read_state (db, &state, &error))
    {
      g_debug ("Catalog: could not read the state: %s", error->message);
      return;
    }

  g_mutex_lock (&shared->lock);
  shared->state = state;
  shared->write_gen++;
  g_mutex_unlock (&shared->lock);

  if (g_atomic_int_compare_and_exchange (&shared->changed_pending, FALSE, TRUE))
    g_main_context_invoke_full (shared->context, G_PRIORITY_DEFAULT, emit_changed_cb,
                                g_atomic_rc_box_acquire (shared), shared_release);
}

static GError *
new_closed_error (void)
{
  return g_error_new_literal (SF_CATALOG_ERROR, SF_CATALOG_ERROR_CLOSED,
                              "The catalog is not open");
}

static const SfDbWorkerOps worker_ops = {
  .open_writer = open_writer,
  .open_reader = open_reader,
  .close = close_db,
  .begin = begin,
  .commit = commit,
  .rollback = rollback,
  .set_cancellable = set_cancellable,
  .after_writes = refresh_state,
  .new_closed_error = new_closed_error,
};

char *
sf_catalog_dup_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "series-finder", "catalog.db", NULL);
}

static void
sf_catalog_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SfCatalog *self = SF_CATALOG (object);

  switch (prop_id)
    {
    case PROP_OPEN:
      g_value_set_boolean (value, sf_catalog_is_open (self));
      break;
    case PROP_INDEXED:
      g_value_set_boolean (value, sf_catalog_is_indexed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_catalog_finalize (GObject *object)
{
  SfCatalog *self = (SfCatalog *) object;

  g_clear_handle_id (&self->index_source, g_source_remove);

  /* Not closed: the writer closes everything by itself, in the background. */
  g_clear_object (&self->worker);
  shared_release (self->shared);

  G_OBJECT_CLASS (sf_catalog_parent_class)->finalize (object);
}

static void
sf_catalog_class_init (SfCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_catalog_finalize;
  object_class->get_property = sf_catalog_get_property;

  /**
   * SfCatalog:open:
   *
   * Between a successful open and close; waiting for it needs no polling.
   */
  properties[PROP_OPEN] =
    g_param_spec_boolean ("open", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SfCatalog:indexed:
   *
   * The in-memory index holds the catalog as it is (see sf_catalog_is_indexed()).
   */
  properties[PROP_INDEXED] =
    g_param_spec_boolean ("indexed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  SfDbWorkerConfig config = {
    .writer_name = "sf-cat-writer",
    .reader_name = "sf-cat-reader",
    /* Queries are short; a few connections serve a typing person, the facets and a sync. */
    .n_readers = CLAMP (g_get_num_processors (), 2, MAX_READERS),
    .max_batch = MAX_BATCH,
    /* Writes are background work (a sync); reads answer a person, and keep their priority. */
    .background = TRUE,
  };
  SfCatalog *self = g_object_new (SF_TYPE_CATALOG, NULL);
  Shared *shared = g_atomic_rc_box_new0 (Shared);

  shared->path = path != NULL ? g_strdup (path) : sf_catalog_dup_default_path ();
  shared->allow_fts = (flags & SF_CATALOG_FLAGS_NO_FTS) == 0;
  shared->allow_index = (flags & SF_CATALOG_FLAGS_NO_INDEX) == 0;
  shared->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&shared->catalog, self);
  g_mutex_init (&shared->lock);
  shared->state.last_page = -1;

  self->shared = shared;
  self->worker = sf_db_worker_new (&config, &worker_ops,
                                   g_atomic_rc_box_acquire (shared), shared_release);

  return self;
}

const char *
sf_catalog_get_path (SfCatalog *self)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);

  return self->shared->path;
}

gboolean
sf_catalog_is_open (SfCatalog *self)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), FALSE);

  return sf_db_worker_get_state (self->worker) == SF_DB_WORKER_OPEN;
}

gboolean
sf_catalog_is_indexed (SfCatalog *self)
{
  gboolean indexed;

  g_return_val_if_fail (SF_IS_CATALOG (self), FALSE);

  g_mutex_lock (&self->shared->lock);
  indexed = self->shared->index != NULL && self->shared->index_gen == self->shared->write_gen;
  g_mutex_unlock (&self->shared->lock);

  return indexed && sf_catalog_is_open (self);
}

SfCatalogIndex *
sf_catalog_dup_fresh_index (SfCatalog *self)
{
  SfCatalogIndex *index = NULL;

  g_mutex_lock (&self->shared->lock);
  if (self->shared->index != NULL && self->shared->index_gen == self->shared->write_gen)
    index = sf_catalog_index_ref (self->shared->index);
  g_mutex_unlock (&self->shared->lock);

  return index;
}

SfCatalogIndex *
sf_catalog_dup_latest_index (SfCatalog *self)
{
  SfCatalogIndex *index = NULL;

  g_mutex_lock (&self->shared->lock);
  if (self->shared->index != NULL)
    index = sf_catalog_index_ref (self->shared->index);
  g_mutex_unlock (&self->shared->lock);

  return index;
}

static void
update_indexed (SfCatalog *self)
{
  gboolean indexed = sf_catalog_is_indexed (self);

  if (indexed == self->indexed)
    return;

  self->indexed = indexed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEXED]);
}

void
sf_catalog_get_state (SfCatalog      *self,
                      SfCatalogState *state)
{
  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (state != NULL);

  g_mutex_lock (&self->shared->lock);
  *state = self->shared->state;
  g_mutex_unlock (&self->shared->lock);
}

gboolean
sf_catalog_finish_boolean (SfCatalog     *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
sf_catalog_finish_pointer (SfCatalog     *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (SF_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Open and close */

static void
update_open (SfCatalog *self)
{
  gboolean open = sf_catalog_is_open (self);

  if (open == self->open)
    return;

  self->open = open;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
}

/* On the caller's context, before the open's caller hears back. */
static void
opened (gpointer  source_object,
        SfDbJob  *job)
{
  update_open (SF_CATALOG (source_object));
}

static void
closed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfCatalog *self = SF_CATALOG (source);
  g_autoptr(GError) error = NULL;

  update_open (self);
  update_indexed (self);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
sf_catalog_open_async (SfCatalog           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_catalog_open_async);

  if (sf_db_worker_open (self->worker, task, opened))
    g_steal_pointer (&task);
  else if (sf_db_worker_get_state (self->worker) == SF_DB_WORKER_OPEN)
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
  return sf_catalog_finish_boolean (self, result, sf_catalog_open_async, error);
}

void
sf_catalog_close_async (SfCatalog           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SF_IS_CATALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_catalog_close_async);

  /* From here on, new jobs are refused; the writer closes after what is queued. Then the
   * open property falls, before the caller hears back. */
  g_clear_handle_id (&self->index_source, g_source_remove);
  sf_db_worker_close (self->worker, g_task_new (self, NULL, closed_cb, task));
  update_open (self);
  update_indexed (self);
}

gboolean
sf_catalog_close_finish (SfCatalog     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return sf_catalog_finish_boolean (self, result, sf_catalog_close_async, error);
}

/* The in-memory index */

static gboolean
read_index (gpointer   db,
            SfDbJob   *job,
            GError   **error)
{
  Shared *shared = g_task_get_task_data (sf_db_job_get_task (job));
  g_autoptr(GPtrArray) shows = NULL;
  SfCatalogIndex *index;
  guint64 gen;

  /* Read before the snapshot: every write counted is in it. A later write may be in it too;
   * the index is then thought stale and rebuilt, never wrongly trusted. */
  g_mutex_lock (&shared->lock);
  gen = shared->write_gen;
  g_mutex_unlock (&shared->lock);

  shows = sf_catalog_db_load_shows (db, error);
  if (shows == NULL)
    return FALSE;

  index = sf_catalog_index_new (shows);
  g_mutex_lock (&shared->lock);
  if (shared->index == NULL || gen >= shared->index_gen)
    {
      g_clear_pointer (&shared->index, sf_catalog_index_unref);
      shared->index = index;
      shared->index_gen = gen;
      index = NULL;
    }
  g_mutex_unlock (&shared->lock);
  g_clear_pointer (&index, sf_catalog_index_unref);

  sf_db_job_return_boolean (job, TRUE);
  return TRUE;
}

static const SfDbJobInfo read_index_job = {
  .kind = SF_DB_JOB_READ,
  .run = read_index,
};

static void
index_built_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(SfCatalog) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  gboolean built = g_task_propagate_boolean (G_TASK (result), &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL)
    return;

  self->index_building = FALSE;
  self->index_duration = g_get_monotonic_time () - self->index_started;
  if (!built)
    {
      g_debug ("Catalog: could not build the index: %s", error->message);
      return;
    }

  update_indexed (self);
  /* Written meanwhile: once more, when the writes pause. */
  if (!self->indexed)
    schedule_index (self);
}

static gboolean
index_timeout_cb (gpointer user_data)
{
  SfCatalog *self = user_data;
  GWeakRef *ref;
  GTask *task;

  self->index_source = 0;
  if (self->index_building || !sf_catalog_is_open (self) || sf_catalog_is_indexed (self))
    return G_SOURCE_REMOVE;

  self->index_building = TRUE;
  self->index_started = g_get_monotonic_time ();
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  /* No source object: a build in flight never keeps the catalog alive after its close. */
  task = g_task_new (NULL, NULL, index_built_cb, ref);
  g_task_set_source_tag (task, index_timeout_cb);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->shared), shared_release);
  sf_db_worker_submit (self->worker, task, &read_index_job);

  return G_SOURCE_REMOVE;
}

/* After a write (or the open): the index, once the writes have paused. */
static void
schedule_index (SfCatalog *self)
{
  if (!self->shared->allow_index || self->index_building || !sf_catalog_is_open (self))
    return;

  /* Writes with pauses (a rate-limited sync) would otherwise keep a rebuild running: wait
   * at least twice as long as the last build took, so that it costs a third of a core at
   * most. */
  g_clear_handle_id (&self->index_source, g_source_remove);
  self->index_source = g_timeout_add (MAX (INDEX_QUIET_MS, 2 * self->index_duration / 1000),
                                      index_timeout_cb, self);
}
