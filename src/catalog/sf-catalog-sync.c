/* sf-catalog-sync.c: building, resuming and refreshing the catalog from TVmaze's show index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-catalog-sync-private.h"
#include "sf-tvmaze-error.h"

/*
 * One run, on the caller's main context:
 *
 *   sync info (reader) ─► /updates/shows ─► plan (worker) ─► pipeline ─► end of sync (writer)
 *
 * The plan lists the pages to fetch (every page up to the highest id of /updates/shows that
 * is not stored, so a resumed run starts at the first missing page) and, on a refresh, the
 * single shows to fetch and the ids to delete. The pipeline keeps up to max_in_flight items
 * between "requested" and "stored":
 *
 *   item ─► client (background priority, shared rate limiter) ─► parse (worker pool)
 *        ─► store (catalog writer) ─► "shows-stored", progress
 *
 * The end of the index: a 404 for a page at or below the highest known id is a gap (recorded,
 * the run goes on); once the planned pages are done, pages above it are probed one at a time,
 * and the first 404 there is the end. Items that fail after the client's own retries wait for
 * a later round (up to MAX_ROUNDS); whatever is stored stays stored.
 *
 * Refresh (a complete catalog older than max-age): /updates/shows against each stored
 * show's `updated` (sf-catalog-plan.c). A page with SF_CATALOG_PAGE_THRESHOLD or more
 * changed shows is fetched whole (one request instead of many: requests are what the rate limit counts), the others one by one
 * through /shows/ID (cached 1 h by TVmaze, where index pages are cached up to 24 h, so these
 * are fresher); shows missing from /updates/shows are deleted.
 */

G_DEFINE_FINAL_TYPE (SfCatalogSync, sf_catalog_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_CLIENT,
  PROP_RUNNING,
  PROP_REFRESHING,
  PROP_SHOWS_SCANNED,
  PROP_SHOWS_ESTIMATED,
  PROP_PAGES_DONE,
  PROP_PAGES_ESTIMATED,
  PROP_FRACTION,
  N_PROPS
};

enum {
  SHOWS_STORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean retry_updates_cb (gpointer       user_data);

/* Progress */

static void
set_uint (SfCatalogSync *self,
          guint         *field,
          guint          value,
          int            prop)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

void
sf_catalog_sync_update_progress (SfCatalogSync *self)
{
  Run *run = self->run;
  GHashTableIter iter;
  gpointer key, value;
  guint shows = 0;
  int top = -1;
  double fraction;

  g_object_freeze_notify (G_OBJECT (self));

  g_hash_table_iter_init (&iter, run->page_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      shows += GPOINTER_TO_UINT (value);
      top = MAX (top, GPOINTER_TO_INT (key));
    }

  set_uint (self, &self->shows_scanned, shows, PROP_SHOWS_SCANNED);
  set_uint (self, &self->pages_done, g_hash_table_size (run->page_counts), PROP_PAGES_DONE);
  if (run->plan != NULL && run->plan->updates != NULL)
    set_uint (self, &self->shows_estimated, run->plan->updates->len, PROP_SHOWS_ESTIMATED);
  if (run->plan != NULL)
    set_uint (self, &self->pages_estimated, MAX (run->plan->max_page, top) + 1,
              PROP_PAGES_ESTIMATED);

  fraction = run->n_items > 0 ? (double) run->n_items_done / run->n_items : 0.0;
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
sf_catalog_sync_emit_shows_stored (SfCatalogSync *self,
                                   GPtrArray     *shows)
{
  g_signal_emit (self, signals[SHOWS_STORED], 0, shows);
}

/* Start and end of a run */

static void
run_free (Run *run)
{
  g_clear_object (&run->task);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->caller_cancellable);
  g_clear_pointer (&run->info, sf_catalog_sync_info_free);
  g_clear_pointer (&run->plan, sf_catalog_plan_free);
  g_queue_clear_full (&run->queue, g_free);
  g_clear_pointer (&run->failed, g_ptr_array_unref);
  g_clear_pointer (&run->page_counts, g_hash_table_unref);
  g_clear_error (&run->fatal);
  g_clear_error (&run->last_failure);
  if (run->retry_source != NULL)
    {
      g_source_destroy (run->retry_source);
      g_clear_pointer (&run->retry_source, g_source_unref);
    }
  g_free (run);
}

static void
return_result (SfCatalogSync *self,
               GError        *error)
{
  Run *run = g_steal_pointer (&self->run);
  g_autoptr(GTask) task = g_steal_pointer (&run->task);

  if (run->caller_cancel_id != 0)
    g_cancellable_disconnect (run->caller_cancellable, run->caller_cancel_id);
  run_free (run);

  g_object_freeze_notify (G_OBJECT (self));
  if (error == NULL && self->fraction != 1.0)
    {
      self->fraction = 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (self->refreshing)
    {
      self->refreshing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
end_sync_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SfCatalogSync) self = user_data;
  GError *error = NULL;

  if (!sf_catalog_end_sync_finish (SF_CATALOG (source), result, &error))
    {
      return_result (self, error);
      return;
    }

  return_result (self, NULL);
}


void
sf_catalog_sync_finish_run (SfCatalogSync *self)
{
  Run *run = self->run;
  gboolean complete;

  g_assert (run->in_flight == 0);

  if (run->finishing)
    return;
  run->finishing = TRUE;

  if (run->fatal != NULL)
    {
      return_result (self, g_steal_pointer (&run->fatal));
      return;
    }

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      return_result (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                "The sync was stopped"));
      return;
    }

  if (run->failed->len > 0)
    {
      g_assert (run->last_failure != NULL);

      if (run->n_fetched == 0 && sf_tvmaze_error_is_offline (run->last_failure))
        return_result (self, g_error_new_literal (SF_CATALOG_ERROR, SF_CATALOG_ERROR_NO_NETWORK,
                                                  run->last_failure->message));
      else
        return_result (self, g_error_new (SF_CATALOG_ERROR, SF_CATALOG_ERROR_INCOMPLETE,
                                          "%u parts of the index could not be fetched "
                                          "(they will be next time): %s",
                                          run->failed->len, run->last_failure->message));
      return;
    }

  if (run->plan == NULL || run->plan->updates == NULL)
    {
      /* Without /updates/shows the end of the index cannot be told from a gap. */
      return_result (self, g_error_new (SF_CATALOG_ERROR,
                                        run->n_fetched == 0 ? SF_CATALOG_ERROR_NO_NETWORK
                                                            : SF_CATALOG_ERROR_INCOMPLETE,
                                        "The list of shows (/updates/shows) could not be read%s%s",
                                        run->last_failure != NULL ? ": " : "",
                                        run->last_failure != NULL ? run->last_failure->message
                                                                  : ""));
      return;
    }

  complete = run->end_found;
  sf_catalog_end_sync_async (self->catalog, complete, g_get_real_time () / G_USEC_PER_SEC,
                             NULL, end_sync_cb, g_object_ref (self));
}

static void
plan_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SfCatalogSync) self = user_data;
  Run *run = self->run;
  g_autoptr(GError) error = NULL;
  SfCatalogPlan *plan;

  run->in_flight--;
  plan = g_task_propagate_pointer (G_TASK (result), &error);
  if (plan == NULL)
    {
      sf_catalog_sync_finish_run (self);
      return;
    }

  run->plan = plan;
  g_debug ("Sync: %u pages, %u shows to fetch, %u to delete, highest page %d",
           plan->pages->len, plan->shows->len, plan->deletes->len, plan->max_page);

  for (guint i = 0; i < plan->pages->len; i++)
    sf_catalog_sync_queue_item (run, ITEM_PAGE, g_array_index (plan->pages, int, i));
  for (guint i = 0; i < plan->shows->len; i++)
    sf_catalog_sync_queue_item (run, ITEM_SHOW, g_array_index (plan->shows, gint64, i));

  run->next_probe = plan->probe_from;
  run->probe_limit = plan->probe_from + MAX_PROBES_PAST_END;

  if (plan->deletes->len > 0)
    sf_catalog_sync_delete_shows (self, plan->deletes);

  sf_catalog_sync_update_progress (self);
  sf_catalog_sync_pump (self);
}

static void
updates_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SfCatalogSync) self = user_data;
  Run *run = self->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  run->in_flight--;
  bytes = sf_tvmaze_client_get_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          sf_catalog_sync_finish_run (self);
          return;
        }

      g_debug ("Sync: /updates/shows failed: %s", error->message);
      sf_catalog_sync_remember_failure (run, error);

      /* The plan needs it (without it, pages go one at a time and the end is uncertain):
       * worth a few more tries, unless TVmaze cannot be reached at all. */
      if (!sf_tvmaze_error_is_offline (error) && run->rounds < MAX_ROUNDS)
        {
          run->rounds++;
          sf_catalog_sync_retry_later (self, retry_updates_cb);
          return;
        }
      run->rounds = 0;
    }
  else
    {
      run->n_fetched++;
    }

  run->in_flight++;
  sf_catalog_sync_run_work (self, SF_CATALOG_WORK_PLAN, bytes, plan_cb, g_object_ref (self));
}

static gboolean
is_fresh (SfCatalogSync        *self,
          const SfCatalogState *state)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* (a clock set back makes it stale rather than fresh for years) */
  return state->complete && now >= state->last_sync && now - state->last_sync < self->max_age;
}

/* An automatic run of a complete and fresh catalog has nothing to do: it ends at once. */
static gboolean
end_if_fresh (SfCatalogSync        *self,
              const SfCatalogState *state)
{
  if (self->run->mode != SF_CATALOG_SYNC_AUTO || !is_fresh (self, state))
    return FALSE;

  g_debug ("Sync: the catalog is complete and fresh");
  self->run->finishing = TRUE;
  return_result (self, NULL);
  return TRUE;
}

static void
fetch_updates (SfCatalogSync *self)
{
  Run *run = self->run;

  run->in_flight++;
  sf_tvmaze_client_get_async (self->client, "/updates/shows", SF_TVMAZE_PRIORITY_BACKGROUND,
                              run->cancellable, updates_cb, g_object_ref (self));
}

static gboolean
retry_updates_cb (gpointer user_data)
{
  SfCatalogSync *self = user_data;
  Run *run = self->run;

  g_clear_pointer (&run->retry_source, g_source_unref);
  if (g_cancellable_is_cancelled (run->cancellable))
    sf_catalog_sync_finish_run (self);
  else
    fetch_updates (self);

  return G_SOURCE_REMOVE;
}

static void
info_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SfCatalogSync) self = user_data;
  Run *run = self->run;
  g_autoptr(GError) error = NULL;
  SfCatalogState *state;

  run->in_flight--;
  run->info = sf_catalog_load_sync_info_finish (SF_CATALOG (source), result, &error);
  if (run->info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        run->fatal = g_steal_pointer (&error);
      sf_catalog_sync_finish_run (self);
      return;
    }

  for (guint i = 0; i < run->info->pages->len; i++)
    {
      const SfCatalogPageInfo *page = &g_array_index (run->info->pages, SfCatalogPageInfo, i);

      if (page->state == SF_CATALOG_PAGE_STORED)
        g_hash_table_insert (run->page_counts, GINT_TO_POINTER (page->page),
                             GUINT_TO_POINTER (page->n_shows));
    }
  sf_catalog_sync_update_progress (self);

  state = &run->info->state;
  if (end_if_fresh (self, state))
    return;

  if (state->complete)
    {
      self->refreshing = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
    }

  fetch_updates (self);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  /* May run on any thread; cancelling is thread-safe and the rest happens on our context. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
sf_catalog_sync_run_async (SfCatalogSync       *self,
                           SfCatalogSyncMode    mode,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SfCatalogState state;
  Run *run;

  g_return_if_fail (SF_IS_CATALOG_SYNC (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_catalog_sync_run_async);

  if (self->run != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The catalog is being synced already");
      return;
    }

  run = g_new0 (Run, 1);
  run->task = g_steal_pointer (&task);
  run->mode = mode;
  run->cancellable = g_cancellable_new ();
  run->failed = g_ptr_array_new_with_free_func (g_free);
  run->page_counts = g_hash_table_new (NULL, NULL);
  run->next_probe = -1;
  g_queue_init (&run->queue);
  self->run = run;

  if (cancellable != NULL)
    {
      run->caller_cancellable = g_object_ref (cancellable);
      run->caller_cancel_id = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (caller_cancelled_cb),
                                                     g_object_ref (run->cancellable),
                                                     g_object_unref);
    }

  g_object_freeze_notify (G_OBJECT (self));
  self->fraction = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));

  /* Complete and fresh: nothing to do, and the catalog's cached state says so without
   * reading the list of every stored show. */
  sf_catalog_get_state (self->catalog, &state);
  if (end_if_fresh (self, &state))
    return;

  run->in_flight++;
  sf_catalog_load_sync_info_async (self->catalog, run->cancellable, info_cb,
                                   g_object_ref (self));
}

gboolean
sf_catalog_sync_run_finish (SfCatalogSync  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sf_catalog_sync_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object */

static void
sf_catalog_sync_dispose (GObject *object)
{
  SfCatalogSync *self = (SfCatalogSync *) object;

  /* A run holds a reference on us, so there is none here. */
  g_assert (self->run == NULL);

  g_clear_object (&self->catalog);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (sf_catalog_sync_parent_class)->dispose (object);
}

static void
sf_catalog_sync_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SfCatalogSync *self = SF_CATALOG_SYNC (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->run != NULL);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;
    case PROP_SHOWS_SCANNED:
      g_value_set_uint (value, self->shows_scanned);
      break;
    case PROP_SHOWS_ESTIMATED:
      g_value_set_uint (value, self->shows_estimated);
      break;
    case PROP_PAGES_DONE:
      g_value_set_uint (value, self->pages_done);
      break;
    case PROP_PAGES_ESTIMATED:
      g_value_set_uint (value, self->pages_estimated);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_catalog_sync_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SfCatalogSync *self = SF_CATALOG_SYNC (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_catalog_sync_class_init (SfCatalogSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sf_catalog_sync_dispose;
  object_class->get_property = sf_catalog_sync_get_property;
  object_class->set_property = sf_catalog_sync_set_property;

  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, SF_TYPE_CATALOG, co);
  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, SF_TYPE_TVMAZE_CLIENT, co);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_REFRESHING] = g_param_spec_boolean ("refreshing", NULL, NULL, FALSE, ro);
  properties[PROP_SHOWS_SCANNED] = g_param_spec_uint ("shows-scanned", NULL, NULL,
                                                      0, G_MAXUINT, 0, ro);
  properties[PROP_SHOWS_ESTIMATED] = g_param_spec_uint ("shows-estimated", NULL, NULL,
                                                        0, G_MAXUINT, 0, ro);
  properties[PROP_PAGES_DONE] = g_param_spec_uint ("pages-done", NULL, NULL,
                                                   0, G_MAXUINT, 0, ro);
  properties[PROP_PAGES_ESTIMATED] = g_param_spec_uint ("pages-estimated", NULL, NULL,
                                                        0, G_MAXUINT, 0, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SfCatalogSync::shows-stored:
   * @shows: (element-type SfShow): the shows just stored (a page, or refreshed shows)
   *
   * For streaming matches into results while the sync goes on: filter them with
   * sf_criteria_matches() and place them with sf_criteria_compare().
   */
  signals[SHOWS_STORED] = g_signal_new ("shows-stored", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1,
                                        G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
sf_catalog_sync_init (SfCatalogSync *self)
{
  self->max_in_flight = DEFAULT_MAX_IN_FLIGHT;
  self->max_age = DEFAULT_MAX_AGE;
  self->retry_delay_ms = DEFAULT_RETRY_DELAY_MS;
}

SfCatalogSync *
sf_catalog_sync_new (SfCatalog      *catalog,
                     SfTvmazeClient *client)
{
  g_return_val_if_fail (SF_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), NULL);

  return g_object_new (SF_TYPE_CATALOG_SYNC, "catalog", catalog, "client", client, NULL);
}

void
sf_catalog_sync_set_max_in_flight (SfCatalogSync *self,
                                   guint          max_in_flight)
{
  g_return_if_fail (SF_IS_CATALOG_SYNC (self));

  self->max_in_flight = MAX (max_in_flight, 1);
}

void
sf_catalog_sync_set_max_age (SfCatalogSync *self,
                             gint64         max_age_seconds)
{
  g_return_if_fail (SF_IS_CATALOG_SYNC (self));

  self->max_age = MAX (max_age_seconds, 0);
}

void
sf_catalog_sync_set_retry_delay (SfCatalogSync *self,
                                 guint          delay_ms)
{
  g_return_if_fail (SF_IS_CATALOG_SYNC (self));

  self->retry_delay_ms = delay_ms;
}

gboolean
sf_catalog_sync_get_running (SfCatalogSync *self)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), FALSE);

  return self->run != NULL;
}

gboolean
sf_catalog_sync_get_refreshing (SfCatalogSync *self)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), FALSE);

  return self->refreshing;
}

guint
sf_catalog_sync_get_shows_scanned (SfCatalogSync *self)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), 0);

  return self->shows_scanned;
}

guint
sf_catalog_sync_get_shows_estimated (SfCatalogSync *self)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), 0);

  return self->shows_estimated;
}

guint
sf_catalog_sync_get_pages_done (SfCatalogSync *self)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), 0);

  return self->pages_done;
}

guint
sf_catalog_sync_get_pages_estimated (SfCatalogSync *self)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), 0);

  return self->pages_estimated;
}

double
sf_catalog_sync_get_fraction (SfCatalogSync *self)
{
  g_return_val_if_fail (SF_IS_CATALOG_SYNC (self), 0.0);

  return self->fraction;
}
