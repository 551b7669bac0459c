/* sf-catalog-sync.c: building, resuming and refreshing the catalog from TVmaze's show index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sf-catalog-private.h"
#include "sf-catalog-sync.h"
#include "sf-show-list.h"
#include "sf-index-page.h"
#include "sf-json-reader.h"
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
 * show's `updated`. A page with PAGE_THRESHOLD or more changed shows is fetched whole (one
 * request instead of many: requests are what the rate limit counts), the others one by one
 * through /shows/ID (cached 1 h by TVmaze, where index pages are cached up to 24 h, so these
 * are fresher); shows missing from /updates/shows are deleted.
 */

#define DEFAULT_MAX_IN_FLIGHT   6
#define DEFAULT_MAX_AGE         (24 * 60 * 60)
#define DEFAULT_RETRY_DELAY_MS  10000
#define MAX_ROUNDS              3
#define PAGE_THRESHOLD          8
#define MAX_PROBES_PAST_END     50

typedef enum
{
  ITEM_PAGE,
  ITEM_PROBE,
  ITEM_SHOW,
} ItemKind;

typedef struct
{
  ItemKind kind;
  gint64   n;       /* page number or show id */
} Item;

typedef struct
{
  GArray  *updates;       /* SfCatalogShowStamp by id, nullable: unknown */
  GArray  *pages;         /* int */
  GArray  *shows;         /* gint64 */
  GArray  *deletes;       /* gint64 */
  int      max_page;      /* -1: unknown */
  int      probe_from;
} Plan;

typedef struct
{
  GTask              *task;            /* owned: the run's task */
  GCancellable       *cancellable;     /* owned: cancelled by the caller's or a fatal error */
  GCancellable       *caller_cancellable; /* owned, nullable */
  gulong              caller_cancel_id;
  SfCatalogSyncMode   mode;
  SfCatalogSyncInfo  *info;            /* owned, nullable */
  Plan               *plan;            /* owned, nullable */
  GQueue              queue;           /* Item*, owned */
  GPtrArray          *failed;          /* Item*, owned */
  GHashTable         *page_counts;     /* page → shows stored */
  GError             *fatal;           /* owned, nullable */
  GError             *last_failure;    /* owned, nullable */
  GSource            *retry_source;    /* owned, nullable */
  guint               in_flight;
  guint               rounds;
  int                 next_probe;      /* -1: not probing */
  int                 probe_limit;
  gboolean            probe_in_flight;
  gboolean            probe_failed;
  gboolean            end_found;
  gboolean            finishing;
  guint               n_items;
  guint               n_items_done;
  guint               n_fetched;
} Run;

struct _SfCatalogSync
{
  GObject         parent_instance;

  /* owned */
  SfCatalog      *catalog;
  SfTvmazeClient *client;
  Run            *run;               /* nullable */

  guint           max_in_flight;
  gint64          max_age;
  guint           retry_delay_ms;

  gboolean        refreshing;
  guint           shows_scanned;
  guint           shows_estimated;
  guint           pages_done;
  guint           pages_estimated;
  double          fraction;
};

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

static void     pump             (SfCatalogSync *self);
static void     finish           (SfCatalogSync *self);
static gboolean retry_updates_cb (gpointer       user_data);

/* The worker pool: a thread per core parses pages (and plans) while the main loop goes on. */

typedef enum
{
  WORK_PAGE,
  WORK_SHOW,
  WORK_PLAN,
} WorkKind;

typedef struct
{
  WorkKind            kind;
  GBytes             *bytes;        /* owned, nullable */
  SfCatalogSyncInfo  *info;         /* borrowed (PLAN): the run keeps it and waits */
  gpointer            result;       /* owned, nullable */
  GDestroyNotify      result_free;
  GError             *error;        /* owned, nullable */
} Work;

typedef struct
{
  GPtrArray *shows;   /* owned */
  GPtrArray *json;    /* owned */
} Parsed;

static void
work_free (Work *work)
{
  g_clear_pointer (&work->bytes, g_bytes_unref);
  if (work->result != NULL)
    work->result_free (work->result);
  g_clear_error (&work->error);
  g_free (work);
}

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->shows, g_ptr_array_unref);
  g_clear_pointer (&parsed->json, g_ptr_array_unref);
  g_free (parsed);
}

static void
plan_free (Plan *plan)
{
  g_clear_pointer (&plan->updates, g_array_unref);
  g_clear_pointer (&plan->pages, g_array_unref);
  g_clear_pointer (&plan->shows, g_array_unref);
  g_clear_pointer (&plan->deletes, g_array_unref);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

static int
compare_stamps (gconstpointer a,
                gconstpointer b)
{
  const SfCatalogShowStamp *sa = a;
  const SfCatalogShowStamp *sb = b;

  return sa->id < sb->id ? -1 : (sa->id > sb->id ? 1 : 0);
}

/* `{"1": 1631010933, ...}` into stamps sorted by id, or NULL. */
static GArray *
parse_updates (GBytes  *bytes,
               GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) stamps = NULL;
  g_autoptr(GList) members = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *object;

  /* with the nesting guard: json-glib recurses, a deep answer would overflow the stack */
  root = sf_json_reader_parse_root (data != NULL ? data : "", length, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE,
                           "/updates/shows is not a JSON object");
      return NULL;
    }

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  stamps = g_array_sized_new (FALSE, FALSE, sizeof (SfCatalogShowStamp),
                              json_object_get_size (object));

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      SfCatalogShowStamp stamp = { 0, 0 };

      if (!g_ascii_string_to_signed (l->data, 10, 1, G_MAXINT64, &stamp.id, NULL))
        continue;
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
        stamp.updated = json_node_get_int (value);
      g_array_append_val (stamps, stamp);
    }

  g_array_sort (stamps, compare_stamps);
  return g_steal_pointer (&stamps);
}

static gboolean
page_is_stored (GHashTable *stored,
                int         page)
{
  return g_hash_table_contains (stored, GINT_TO_POINTER (page));
}

static Plan *
make_plan (SfCatalogSyncInfo *info,
           GBytes            *updates_bytes)
{
  g_autoptr(Plan) plan = g_new0 (Plan, 1);
  g_autoptr(GHashTable) stored = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) whole = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) stale_per_page = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  int last_stored = -1;
  int top;

  plan->pages = g_array_new (FALSE, FALSE, sizeof (int));
  plan->shows = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->deletes = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->max_page = -1;

  if (updates_bytes != NULL)
    {
      g_autoptr(GError) error = NULL;

      plan->updates = parse_updates (updates_bytes, &error);
      if (plan->updates == NULL)
        g_debug ("Sync: unreadable /updates/shows: %s", error->message);
      else if (plan->updates->len == 0)
        g_clear_pointer (&plan->updates, g_array_unref);
    }

  for (guint i = 0; i < info->pages->len; i++)
    {
      const SfCatalogPageInfo *page = &g_array_index (info->pages, SfCatalogPageInfo, i);

      if (page->state == SF_CATALOG_PAGE_STORED)
        {
          g_hash_table_add (stored, GINT_TO_POINTER (page->page));
          last_stored = MAX (last_stored, page->page);
        }
    }

  if (plan->updates != NULL)
    {
      const SfCatalogShowStamp *last =
        &g_array_index (plan->updates, SfCatalogShowStamp, plan->updates->len - 1);
      GArray *local = info->stamps;
      guint j = 0;

      plan->max_page = last->id / SF_CATALOG_PAGE_SIZE;

      /* Both lists are sorted by id: one walk finds the changed, new and deleted shows. */
      for (guint i = 0; i < plan->updates->len; i++)
        {
          const SfCatalogShowStamp *u = &g_array_index (plan->updates, SfCatalogShowStamp, i);
          int page = u->id / SF_CATALOG_PAGE_SIZE;
          guint n_stale;

          while (j < local->len && g_array_index (local, SfCatalogShowStamp, j).id < u->id)
            {
              gint64 gone = g_array_index (local, SfCatalogShowStamp, j).id;

              g_array_append_val (plan->deletes, gone);
              j++;
            }

          if (j < local->len && g_array_index (local, SfCatalogShowStamp, j).id == u->id)
            {
              gboolean changed = g_array_index (local, SfCatalogShowStamp, j).updated < u->updated;

              j++;
              if (!changed)
                continue;
            }

          /* Changed or new; new shows on pages not stored come with their page anyway. */
          if (!page_is_stored (stored, page))
            continue;

          n_stale = GPOINTER_TO_UINT (g_hash_table_lookup (stale_per_page,
                                                           GINT_TO_POINTER (page)));
          g_array_append_val (stale, u->id);
          g_hash_table_insert (stale_per_page, GINT_TO_POINTER (page),
                               GUINT_TO_POINTER (n_stale + 1));
        }
      /* Local ids above the highest id of /updates/shows may be newer than it: kept. */
    }

  top = MAX (plan->max_page, last_stored);
  for (int page = 0; page <= top; page++)
    {
      guint n_stale = GPOINTER_TO_UINT (g_hash_table_lookup (stale_per_page,
                                                             GINT_TO_POINTER (page)));

      if (!page_is_stored (stored, page) || n_stale >= PAGE_THRESHOLD)
        {
          g_array_append_val (plan->pages, page);
          g_hash_table_add (whole, GINT_TO_POINTER (page));
        }
    }

  for (guint i = 0; i < stale->len; i++)
    {
      gint64 id = g_array_index (stale, gint64, i);

      if (!g_hash_table_contains (whole, GINT_TO_POINTER ((int) (id / SF_CATALOG_PAGE_SIZE))))
        g_array_append_val (plan->shows, id);
    }

  plan->probe_from = top + 1;
  return g_steal_pointer (&plan);
}

/* On the task's context: workers never drop the last reference to a task (and through it
 * to the sync), so nothing is finalized off the main thread. */
static gboolean
work_deliver_cb (gpointer data)
{
  g_autoptr(GTask) task = data;
  Work *work = g_task_get_task_data (task);

  if (work->error != NULL)
    g_task_return_error (task, g_steal_pointer (&work->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&work->result), work->result_free);

  return G_SOURCE_REMOVE;
}

static void
work_thread (gpointer data,
             gpointer pool_data)
{
  static GPrivate lowered;
  GTask *task = data;
  Work *work = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_private_get (&lowered) == NULL)
    {
      sf_catalog_lower_thread_priority ();
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &work->error))
    goto deliver;

  switch (work->kind)
    {
    case WORK_PAGE:
    case WORK_SHOW:
      {
        g_autoptr(GPtrArray) shows = NULL;
        g_autoptr(GPtrArray) json = NULL;
        gsize length;
        const char *body = g_bytes_get_data (work->bytes, &length);
        Parsed *parsed;

        if (work->kind == WORK_PAGE)
          {
            shows = sf_index_page_parse (body, length, &json, &error);
          }
        else
          {
            SfShow *show = sf_show_parse (body, length, &error);

            if (show != NULL)
              {
                shows = g_ptr_array_new_with_free_func (g_object_unref);
                json = g_ptr_array_new_with_free_func (g_free);
                g_ptr_array_add (shows, show);
                g_ptr_array_add (json, g_strndup (body, length));
              }
          }

        if (shows == NULL)
          {
            work->error = g_error_new (SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE, "%s",
                                       error->message);
            break;
          }

        parsed = g_new0 (Parsed, 1);
        parsed->shows = g_steal_pointer (&shows);
        parsed->json = g_steal_pointer (&json);
        work->result = parsed;
        work->result_free = (GDestroyNotify) parsed_free;
      }
      break;

    case WORK_PLAN:
      work->result = make_plan (work->info, work->bytes);
      work->result_free = (GDestroyNotify) plan_free;
      break;

    default:
      g_assert_not_reached ();
    }

  /* the body is not needed any more: free it here rather than on the main thread */
  g_clear_pointer (&work->bytes, g_bytes_unref);

deliver:
  g_main_context_invoke_full (g_task_get_context (task), g_task_get_priority (task),
                              work_deliver_cb, task, NULL);
}

static GThreadPool *
get_pool (void)
{
  static gsize pool = 0;

  if (g_once_init_enter (&pool))
    {
      /* Exclusive: these threads run at a lower priority, and must not be lent to other
       * pools (GIO's, say) that serve the interface. */
      GThreadPool *new_pool = g_thread_pool_new (work_thread, NULL,
                                                 MAX (g_get_num_processors (), 1),
                                                 TRUE, NULL);

      g_once_init_leave (&pool, (gsize) new_pool);
    }

  return (GThreadPool *) pool;
}

static void
release_thread (gpointer data,
                gpointer pool_data)
{
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      sf_catalog_lower_thread_priority ();
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }

  g_ptr_array_unref (data);
}

/* Drops @array (owned) on a background thread. */
static void
release_in_background (GPtrArray *array)
{
  static gsize pool = 0;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, (gsize) g_thread_pool_new (release_thread, NULL, 1, TRUE, NULL));

  g_thread_pool_push ((GThreadPool *) pool, array, NULL);
}

static void
run_work (SfCatalogSync       *self,
          WorkKind             kind,
          GBytes              *bytes,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, self->run->cancellable, callback, user_data);
  Work *work = g_new0 (Work, 1);

  work->kind = kind;
  work->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  work->info = self->run->info;
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_set_source_tag (task, run_work);
  g_thread_pool_push (get_pool (), task, NULL);
}

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

static void
update_progress (SfCatalogSync *self)
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

/* Items */

typedef struct
{
  SfCatalogSync *self;    /* owned */
  Item           item;
  Parsed        *parsed;  /* owned, nullable */
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
  g_clear_pointer (&op->parsed, parsed_free);
  g_clear_object (&op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static void
queue_item (Run      *run,
            ItemKind  kind,
            gint64    n)
{
  Item *item = g_new (Item, 1);

  item->kind = kind;
  item->n = n;
  g_queue_push_tail (&run->queue, item);
  run->n_items++;
}

static void
remember_failure (Run          *run,
                  const GError *error)
{
  g_clear_error (&run->last_failure);
  run->last_failure = g_error_copy (error);
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

  update_progress (self);
  pump (self);
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
      remember_failure (run, error);
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
    g_signal_emit (self, signals[SHOWS_STORED], 0, op->parsed->shows);

  /* 250 shows are worth freeing off the main loop (whatever the handlers kept stays). */
  release_in_background (g_steal_pointer (&op->parsed->shows));

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
  WorkKind kind;
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
  kind = op->item.kind == ITEM_SHOW ? WORK_SHOW : WORK_PAGE;
  run_work (self, kind, bytes, parsed_cb, g_steal_pointer (&op));
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

/* Calls @callback after the retry delay, or at once when the run is stopped meanwhile. */
static void
retry_later (SfCatalogSync *self,
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
      pump (self);
      return G_SOURCE_REMOVE;
    }

  g_debug ("Sync: round %u for %u failed items", run->rounds, run->failed->len);
  for (guint i = 0; i < run->failed->len; i++)
    g_queue_push_tail (&run->queue, g_steal_pointer (&run->failed->pdata[i]));
  g_ptr_array_set_size (run->failed, 0);
  run->probe_failed = FALSE;

  pump (self);
  return G_SOURCE_REMOVE;
}

static gboolean
is_offline_error (const GError *error)
{
  return g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK) ||
         g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT);
}

static void
pump (SfCatalogSync *self)
{
  Run *run = self->run;

  if (run->finishing || run->retry_source != NULL)
    return;

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      if (run->in_flight == 0)
        finish (self);
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
      !(run->n_fetched == 0 && is_offline_error (run->last_failure)))
    {
      run->rounds++;
      retry_later (self, retry_round_cb);
      return;
    }

  finish (self);
}

/* Start and end of a run */

static void
run_free (Run *run)
{
  g_clear_object (&run->task);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->caller_cancellable);
  g_clear_pointer (&run->info, sf_catalog_sync_info_free);
  g_clear_pointer (&run->plan, plan_free);
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


static void
finish (SfCatalogSync *self)
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

      if (run->n_fetched == 0 && is_offline_error (run->last_failure))
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
  Plan *plan;

  run->in_flight--;
  plan = g_task_propagate_pointer (G_TASK (result), &error);
  if (plan == NULL)
    {
      finish (self);
      return;
    }

  run->plan = plan;
  g_debug ("Sync: %u pages, %u shows to fetch, %u to delete, highest page %d",
           plan->pages->len, plan->shows->len, plan->deletes->len, plan->max_page);

  for (guint i = 0; i < plan->pages->len; i++)
    queue_item (run, ITEM_PAGE, g_array_index (plan->pages, int, i));
  for (guint i = 0; i < plan->shows->len; i++)
    queue_item (run, ITEM_SHOW, g_array_index (plan->shows, gint64, i));

  run->next_probe = plan->probe_from;
  run->probe_limit = plan->probe_from + MAX_PROBES_PAST_END;

  if (plan->deletes->len > 0)
    {
      Item item = { ITEM_SHOW, 0 };

      run->in_flight++;
      run->n_items++;
      sf_catalog_delete_shows_async (self->catalog, plan->deletes, run->cancellable,
                                     written_cb, op_new (self, &item));
    }

  update_progress (self);
  pump (self);
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
          finish (self);
          return;
        }

      g_debug ("Sync: /updates/shows failed: %s", error->message);
      remember_failure (run, error);

      /* The plan needs it (without it, pages go one at a time and the end is uncertain):
       * worth a few more tries, unless TVmaze cannot be reached at all. */
      if (!is_offline_error (error) && run->rounds < MAX_ROUNDS)
        {
          run->rounds++;
          retry_later (self, retry_updates_cb);
          return;
        }
      run->rounds = 0;
    }
  else
    {
      run->n_fetched++;
    }

  run->in_flight++;
  run_work (self, WORK_PLAN, bytes, plan_cb, g_object_ref (self));
}

static gboolean
is_fresh (SfCatalogSync        *self,
          const SfCatalogState *state)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* (a clock set back makes it stale rather than fresh for years) */
  return state->complete && now >= state->last_sync && now - state->last_sync < self->max_age;
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
    finish (self);
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
      finish (self);
      return;
    }

  for (guint i = 0; i < run->info->pages->len; i++)
    {
      const SfCatalogPageInfo *page = &g_array_index (run->info->pages, SfCatalogPageInfo, i);

      if (page->state == SF_CATALOG_PAGE_STORED)
        g_hash_table_insert (run->page_counts, GINT_TO_POINTER (page->page),
                             GUINT_TO_POINTER (page->n_shows));
    }
  update_progress (self);

  state = &run->info->state;
  if (run->mode == SF_CATALOG_SYNC_AUTO && is_fresh (self, state))
    {
      g_debug ("Sync: the catalog is complete and fresh");
      run->finishing = TRUE;
      return_result (self, NULL);
      return;
    }

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
  if (mode == SF_CATALOG_SYNC_AUTO && is_fresh (self, &state))
    {
      g_debug ("Sync: the catalog is complete and fresh");
      run->finishing = TRUE;
      return_result (self, NULL);
      return;
    }

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
