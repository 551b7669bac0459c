/* sf-catalog-sync-items.c: the pipeline of a sync run, from request to stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-catalog-sync-private.h"
#include "sf-tvmaze-error.h"

/* Every item (an index page, a probe past the end, a single show) goes
 *
 *   client (background priority, shared rate limiter) ─► parse (worker pool)
 *   ─► store (catalog writer) ─► "shows-stored", progress
 *
 * with up to max_in_flight of them between "requested" and "stored". One that fails waits
 * for the next round; a 404 marks a gap, the end of the index or a deleted show. */

void
sf_catalog_sync_run_work (SfCatalogSync       *self,
                          SfCatalogWorkKind    kind,
                          GBytes              *bytes,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  sf_catalog_parse_pool_push (self, self->run->cancellable, kind, bytes, self->run->info,
                              callback, user_data);
}

typedef struct
{
  SfCatalogSync   *self;    /* owned */
  Item             item;
  SfCatalogParsed *parsed;  /* owned, nullable */
} Op;

static Op *
op_new (SfCatalogSync *self,
        const Item    *item)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->item = *item;
  return op;
}

static void
op_free (Op *op)
{
  g_clear_pointer (&op->parsed, sf_catalog_parsed_free);
  g_clear_object (&op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

void
sf_catalog_sync_queue_item (Run      *run,
                            ItemKind  kind,
                            gint64    n)
{
  Item *item = g_new (Item, 1);

  item->kind = kind;
  item->n = n;
  g_queue_push_tail (&run->queue, item);
  run->n_items++;
}

/* Every item ends here, exactly once. */
static void
op_done (Op *op)
{
  SfCatalogSync *self = op->self;
  Run *run = self->run;

  g_assert (run->in_flight > 0);
  run->in_flight--;
  run->n_items_done++;
  if (op->item.kind == ITEM_PROBE)
    run->probe_in_flight = FALSE;

  sf_catalog_sync_update_progress (self);
  sf_catalog_sync_pump (self);
}

static void
op_failed (Op           *op,
           const GError *error)
{
  Run *run = op->self->run;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      Item *item = g_memdup2 (&op->item, sizeof (Item));

      g_debug ("Sync: %s %" G_GINT64_FORMAT " failed, to be tried again: %s",
               op->item.kind == ITEM_SHOW ? "show" : "page", op->item.n, error->message);
      g_ptr_array_add (run->failed, item);
      sf_catalog_sync_remember_failure (run, error);
      if (op->item.kind == ITEM_PROBE)
        run->probe_failed = TRUE;
      /* the retry counts as an item of its own */
      run->n_items++;
    }

  op_done (op);
}

/* A database error will not go away by retrying: the run stops, keeping what it stored. */
static void
op_fatal (Op     *op,
          GError *error)
{
  Run *run = op->self->run;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && run->fatal == NULL)
    {
      run->fatal = g_error_copy (error);
      g_cancellable_cancel (run->cancellable);
    }
  g_error_free (error);

  op_done (op);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  SfCatalogSync *self = op->self;
  Run *run = self->run;
  GError *error = NULL;
  gboolean ok;

  if (op->item.kind == ITEM_SHOW)
    ok = sf_catalog_store_shows_finish (SF_CATALOG (source), result, &error);
  else
    ok = sf_catalog_store_page_finish (SF_CATALOG (source), result, &error);

  if (!ok)
    {
      op_fatal (op, error);
      return;
    }

  if (op->item.kind != ITEM_SHOW)
    g_hash_table_insert (run->page_counts, GINT_TO_POINTER ((int) op->item.n),
                         GUINT_TO_POINTER (op->parsed->shows->len));

  if (op->parsed->shows->len > 0)
    sf_catalog_sync_emit_shows_stored (self, op->parsed->shows);

  /* 250 shows are worth freeing off the main loop (whatever the handlers kept stays). */
  sf_catalog_parse_pool_release (g_steal_pointer (&op->parsed->shows));

  op_done (op);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  SfCatalogSync *self = op->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *shows, *json;
  int page;

  op->parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (op->parsed == NULL)
    {
      /* a truncated or broken body: fetched again in the next round */
      op_failed (op, error);
      return;
    }

  /* Arguments are read before the op is handed over (their order is unspecified); the JSON
   * goes to the catalog for good, which frees it on its writer thread. */
  shows = op->parsed->shows;
  json = g_steal_pointer (&op->parsed->json);
  page = (int) op->item.n;
  if (op->item.kind == ITEM_SHOW)
    sf_catalog_store_shows_async (self->catalog, shows, json, self->run->cancellable,
                                  stored_cb, g_steal_pointer (&op));
  else
    sf_catalog_store_page_async (self->catalog, page, shows, json, self->run->cancellable,
                                 stored_cb, g_steal_pointer (&op));
  g_ptr_array_unref (json);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      op_fatal (op, error);
      return;
    }

  op_done (op);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  SfCatalogSync *self = op->self;
  Run *run = self->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SfCatalogWorkKind kind;
  int page;

  bytes = sf_tvmaze_client_get_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (bytes == NULL && g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND))
    {
      run->n_fetched++;

      switch (op->item.kind)
        {
        case ITEM_PROBE:
          /* Above the highest id TVmaze lists: the end of the index. */
          g_debug ("Sync: page %" G_GINT64_FORMAT " is past the end", op->item.n);
          run->end_found = TRUE;
          op_done (op);
          break;

        case ITEM_PAGE:
          /* Ids above it exist: a gap, not the end. */
          g_debug ("Sync: page %" G_GINT64_FORMAT " is missing (a gap)", op->item.n);
          g_hash_table_remove (run->page_counts, GINT_TO_POINTER ((int) op->item.n));
          page = (int) op->item.n;
          sf_catalog_mark_page_missing_async (self->catalog, page, run->cancellable,
                                              written_cb, g_steal_pointer (&op));
          break;

        case ITEM_SHOW:
          {
            g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

            g_array_append_val (ids, op->item.n);
            sf_catalog_delete_shows_async (self->catalog, ids, run->cancellable,
                                           written_cb, g_steal_pointer (&op));
          }
          break;

        default:
          g_assert_not_reached ();
        }
      return;
    }

  if (bytes == NULL)
    {
      op_failed (op, error);
      return;
    }

  run->n_fetched++;
  kind = op->item.kind == ITEM_SHOW ? SF_CATALOG_WORK_SHOW : SF_CATALOG_WORK_PAGE;
  sf_catalog_sync_run_work (self, kind, bytes, parsed_cb, g_steal_pointer (&op));
}

static void
start_item (SfCatalogSync *self,
            const Item    *item)
{
  Run *run = self->run;
  g_autofree char *path = NULL;

  if (item->kind == ITEM_SHOW)
    path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT, item->n);
  else
    path = g_strdup_printf ("/shows?page=%" G_GINT64_FORMAT, item->n);

  if (item->kind == ITEM_PROBE)
    run->probe_in_flight = TRUE;

  run->in_flight++;
  sf_tvmaze_client_get_async (self->client, path, SF_TVMAZE_PRIORITY_BACKGROUND,
                              run->cancellable, fetched_cb, op_new (self, item));
}

static gboolean
keep_source_cb (GCancellable *cancellable,
                gpointer      user_data)
{
  return G_SOURCE_CONTINUE;
}

void
sf_catalog_sync_retry_later (SfCatalogSync *self,
                             GSourceFunc    callback)
{
  Run *run = self->run;
  g_autoptr(GSource) cancel_source = g_cancellable_source_new (run->cancellable);

  g_assert (run->retry_source == NULL);

  /* a child source that fires dispatches its parent */
  run->retry_source = g_timeout_source_new (self->retry_delay_ms);
  g_source_set_static_name (run->retry_source, "[sf] catalog sync retry");
  g_source_set_callback (run->retry_source, callback, self, NULL);
  g_source_set_callback (cancel_source, G_SOURCE_FUNC (keep_source_cb), NULL, NULL);
  g_source_add_child_source (run->retry_source, cancel_source);
  g_source_attach (run->retry_source, g_task_get_context (run->task));
}

static gboolean
retry_round_cb (gpointer user_data)
{
  SfCatalogSync *self = user_data;
  Run *run = self->run;

  g_clear_pointer (&run->retry_source, g_source_unref);
  if (g_cancellable_is_cancelled (run->cancellable))
    {
      sf_catalog_sync_pump (self);
      return G_SOURCE_REMOVE;
    }

  g_debug ("Sync: round %u for %u failed items", run->rounds, run->failed->len);
  for (guint i = 0; i < run->failed->len; i++)
    g_queue_push_tail (&run->queue, g_steal_pointer (&run->failed->pdata[i]));
  g_ptr_array_set_size (run->failed, 0);
  run->probe_failed = FALSE;

  sf_catalog_sync_pump (self);
  return G_SOURCE_REMOVE;
}

void
sf_catalog_sync_delete_shows (SfCatalogSync *self,
                              GArray        *ids)
{
  Run *run = self->run;
  Item item = { ITEM_SHOW, 0 };

  run->in_flight++;
  run->n_items++;
  sf_catalog_delete_shows_async (self->catalog, ids, run->cancellable, written_cb,
                                 op_new (self, &item));
}

void
sf_catalog_sync_pump (SfCatalogSync *self)
{
  Run *run = self->run;

  if (run->finishing || run->retry_source != NULL)
    return;

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      if (run->in_flight == 0)
        sf_catalog_sync_finish_run (self);
      return;
    }

  while (run->in_flight < self->max_in_flight)
    {
      g_autofree Item *item = g_queue_pop_head (&run->queue);

      if (item == NULL)
        {
          Item probe = { ITEM_PROBE, run->next_probe };

          /* Past the planned pages, one page at a time until the first 404. */
          if (run->next_probe < 0 || run->end_found || run->probe_in_flight ||
              run->probe_failed)
            break;

          if (run->next_probe > run->probe_limit)
            {
              run->end_found = TRUE;
              break;
            }

          run->next_probe++;
          run->n_items++;
          start_item (self, &probe);
          continue;
        }

      start_item (self, item);
    }

  if (run->in_flight > 0)
    return;

  /* Another round helps a page that failed among pages that worked; when nothing at all got
   * through, TVmaze cannot be reached and waiting only delays saying so. */
  if (run->failed->len > 0 && run->rounds < MAX_ROUNDS &&
      !(run->n_fetched == 0 && sf_tvmaze_error_is_offline (run->last_failure)))
    {
      run->rounds++;
      sf_catalog_sync_retry_later (self, retry_round_cb);
      return;
    }

  sf_catalog_sync_finish_run (self);
}
