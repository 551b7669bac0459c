/* sf-search.c: one search state for the window and the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-search.h"

/* The first batch fills the first screen; the rest stream in larger batches. */
#define FIRST_BATCH 50
#define NEXT_BATCH 500

struct _SfSearch
{
  GObject          parent_instance;

  SfCatalog       *catalog;
  SfCriteria      *criteria;
  GListStore      *results;
  GCancellable    *cancellable;
  guint            generation;
  SfSearchState    state;
  int              total;
  SfCatalogFacets *facets;
  GHashTable      *facet_index;   /* "criterion:folded value" -> count */
  char            *offline_reason;
  char            *error_message;
  guint            n_loaded;
  guint            first_batch;
  guint            next_batch;
  guint            max_results;   /* 0: all */
  guint            facets_serial; /* a recount of the same question gets a new one */
  GHashTable      *ids;           /* gint64 ids of the shows in results */
  gboolean         results_done;
  gboolean         facets_done;
  gulong           open_handler;
  gulong           changed_handler;
  gboolean         stale;         /* the catalog changed since the answer */
};

G_DEFINE_FINAL_TYPE (SfSearch, sf_search, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SfSearchState, sf_search_state,
  G_DEFINE_ENUM_VALUE (SF_SEARCH_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SF_SEARCH_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (SF_SEARCH_STATE_SEARCHING, "searching"),
  G_DEFINE_ENUM_VALUE (SF_SEARCH_STATE_STREAMING, "streaming"),
  G_DEFINE_ENUM_VALUE (SF_SEARCH_STATE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (SF_SEARCH_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_RESULTS,
  PROP_TOTAL,
  PROP_FACETS,
  PROP_STATE,
  PROP_OFFLINE_REASON,
  PROP_ERROR_MESSAGE,
  PROP_GENERATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start (SfSearch *self);

/* What a callback needs to know whether its question is still the one asked. */
typedef struct
{
  SfSearch *self;    /* weak: the cancellable goes with the search */
  guint     generation;
  guint     offset;
  guint     limit;
  guint     facets_serial;
} Request;

static Request *
request_new (SfSearch *self,
             guint     offset,
             guint     limit)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->generation = self->generation;
  request->offset = offset;
  request->limit = limit;
  request->facets_serial = self->facets_serial;
  return request;
}

static void
set_state (SfSearch      *self,
           SfSearchState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
update_state (SfSearch *self)
{
  if (self->state == SF_SEARCH_STATE_FAILED)
    return;

  if (self->results_done && self->facets_done)
    set_state (self, SF_SEARCH_STATE_DONE);
  else if (self->n_loaded > 0 && self->facets_done)
    set_state (self, SF_SEARCH_STATE_STREAMING);
}

static void
fail (SfSearch     *self,
      const GError *error)
{
  g_free (self->error_message);
  self->error_message = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  set_state (self, SF_SEARCH_STATE_FAILED);
}

static void query_batch (SfSearch *self,
                         guint     offset,
                         guint     limit);

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Request *request = user_data;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  SfSearch *self;

  shows = sf_catalog_query_finish (SF_CATALOG (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = request->self;
  if (request->generation != self->generation)
    return;

  if (shows == NULL)
    {
      fail (self, error);
      return;
    }

  self->n_loaded = request->offset + shows->len;

  /* The first batch replaces the previous answer in one change: no empty model between. */
  if (request->offset == 0)
    {
      g_hash_table_remove_all (self->ids);
      for (guint i = 0; i < shows->len; i++)
        g_hash_table_add (self->ids, g_memdup2 (&(gint64) { sf_show_get_id (shows->pdata[i]) },
                                                sizeof (gint64)));
      g_list_store_splice (self->results, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                           shows->pdata, shows->len);
    }
  else
    {
      /* Shows merged meanwhile (sf_search_merge()) are there already. */
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

      for (guint i = 0; i < shows->len; i++)
        {
          gint64 id = sf_show_get_id (shows->pdata[i]);

          if (g_hash_table_contains (self->ids, &id))
            continue;
          g_hash_table_add (self->ids, g_memdup2 (&id, sizeof id));
          g_ptr_array_add (fresh, shows->pdata[i]);
        }
      g_list_store_splice (self->results, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                           0, fresh->pdata, fresh->len);
    }

  if (request->limit == 0 || shows->len < request->limit ||
      (self->max_results > 0 && self->n_loaded >= self->max_results))
    self->results_done = TRUE;
  else
    query_batch (self, self->n_loaded, self->max_results > 0
                                         ? MIN (self->next_batch,
                                                self->max_results - self->n_loaded)
                                         : self->next_batch);

  update_state (self);
}

static void
query_batch (SfSearch *self,
             guint     offset,
             guint     limit)
{
  sf_catalog_query_async (self->catalog, self->criteria, offset, limit, self->cancellable,
                          query_cb, request_new (self, offset, limit));
}

static void
index_facets (SfSearch *self)
{
  g_clear_pointer (&self->facet_index, g_hash_table_unref);
  self->facet_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->facets->counts->len; i++)
    {
      SfFacetCount *count = g_ptr_array_index (self->facets->counts, i);
      g_autofree char *folded = g_ascii_strdown (count->value, -1);

      g_hash_table_insert (self->facet_index,
                           g_strdup_printf ("%d:%s", count->criterion, folded),
                           GUINT_TO_POINTER (count->count));
    }
}

static void
facets_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree Request *request = user_data;
  g_autoptr(SfCatalogFacets) facets = NULL;
  g_autoptr(GError) error = NULL;
  SfSearch *self;

  facets = sf_catalog_count_all_facets_finish (SF_CATALOG (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = request->self;
  if (request->generation != self->generation ||
      request->facets_serial != self->facets_serial)
    return;

  if (facets == NULL)
    {
      fail (self, error);
      return;
    }

  g_clear_pointer (&self->facets, sf_catalog_facets_free);
  self->facets = g_steal_pointer (&facets);
  index_facets (self);
  self->facets_done = TRUE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->total != (int) MIN (self->facets->total, G_MAXINT))
    {
      self->total = (int) MIN (self->facets->total, G_MAXINT);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACETS]);
  update_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
open_cb (SfCatalog  *catalog,
         GParamSpec *pspec,
         SfSearch   *self)
{
  if (sf_catalog_is_open (catalog) && self->state == SF_SEARCH_STATE_WAITING)
    start (self);
}

static void
changed_cb (SfCatalog *catalog,
            SfSearch  *self)
{
  self->stale = TRUE;
}

static void
start (SfSearch *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->results_done = FALSE;
  self->facets_done = FALSE;
  self->n_loaded = 0;
  self->stale = FALSE;
  g_clear_pointer (&self->error_message, g_free);

  if (!sf_catalog_is_open (self->catalog))
    {
      /* It answers when the catalog opens (notify::open): no polling. */
      set_state (self, SF_SEARCH_STATE_WAITING);
      return;
    }

  set_state (self, SF_SEARCH_STATE_SEARCHING);
  /* Both from the same catalog: the index answers both from one snapshot, and SQLite from
   * the same committed writes. */
  query_batch (self, 0, self->max_results > 0 && (self->first_batch == 0 ||
                                                  self->first_batch > self->max_results)
                          ? self->max_results : self->first_batch);
  sf_catalog_count_all_facets_async (self->catalog, self->criteria, self->cancellable,
                                     facets_cb, request_new (self, 0, 0));
}

void
sf_search_set_criteria (SfSearch         *self,
                        const SfCriteria *criteria)
{
  g_return_if_fail (SF_IS_SEARCH (self));
  g_return_if_fail (criteria != NULL);

  if (self->state != SF_SEARCH_STATE_IDLE && !self->stale &&
      sf_criteria_equal (self->criteria, criteria))
    return;

  g_clear_pointer (&self->criteria, sf_criteria_unref);
  self->criteria = sf_criteria_copy (criteria);
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
  start (self);
}

void
sf_search_refresh (SfSearch *self)
{
  g_return_if_fail (SF_IS_SEARCH (self));

  if (self->state == SF_SEARCH_STATE_IDLE)
    return;

  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
  start (self);
}

/* Properties */

static void
sf_search_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SfSearch *self = SF_SEARCH (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;
    case PROP_TOTAL:
      g_value_set_int (value, self->total);
      break;
    case PROP_FACETS:
      g_value_set_pointer (value, self->facets);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_OFFLINE_REASON:
      g_value_set_string (value, self->offline_reason);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_GENERATION:
      g_value_set_uint (value, self->generation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_search_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SfSearch *self = SF_SEARCH (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_OFFLINE_REASON:
      sf_search_set_offline_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_search_constructed (GObject *object)
{
  SfSearch *self = SF_SEARCH (object);

  G_OBJECT_CLASS (sf_search_parent_class)->constructed (object);

  g_return_if_fail (SF_IS_CATALOG (self->catalog));
  self->open_handler = g_signal_connect (self->catalog, "notify::open", G_CALLBACK (open_cb),
                                         self);
  self->changed_handler = g_signal_connect (self->catalog, "changed", G_CALLBACK (changed_cb),
                                            self);
}

static void
sf_search_dispose (GObject *object)
{
  SfSearch *self = SF_SEARCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->catalog != NULL)
    {
      g_clear_signal_handler (&self->open_handler, self->catalog);
      g_clear_signal_handler (&self->changed_handler, self->catalog);
    }
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sf_search_parent_class)->dispose (object);
}

static void
sf_search_finalize (GObject *object)
{
  SfSearch *self = SF_SEARCH (object);

  g_clear_pointer (&self->criteria, sf_criteria_unref);
  g_clear_object (&self->results);
  g_clear_pointer (&self->facets, sf_catalog_facets_free);
  g_clear_pointer (&self->facet_index, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_free (self->offline_reason);
  g_free (self->error_message);

  G_OBJECT_CLASS (sf_search_parent_class)->finalize (object);
}

static void
sf_search_class_init (SfSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sf_search_get_property;
  object_class->set_property = sf_search_set_property;
  object_class->constructed = sf_search_constructed;
  object_class->dispose = sf_search_dispose;
  object_class->finalize = sf_search_finalize;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SF_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_int ("total", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* SfCatalogFacets: read it with sf_search_get_facets() or sf_search_get_facet_count() */
  properties[PROP_FACETS] =
    g_param_spec_pointer ("facets", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SF_TYPE_SEARCH_STATE, SF_SEARCH_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_REASON] =
    g_param_spec_string ("offline-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATION] =
    g_param_spec_uint ("generation", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_search_init (SfSearch *self)
{
  self->criteria = sf_criteria_new ();
  self->results = g_list_store_new (SF_TYPE_SHOW);
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->total = -1;
  self->first_batch = FIRST_BATCH;
  self->next_batch = NEXT_BATCH;
}

void
sf_search_set_batches (SfSearch *self,
                       guint     first,
                       guint     next)
{
  g_return_if_fail (SF_IS_SEARCH (self));

  self->first_batch = first;
  self->next_batch = MAX (next, 1);
}

void
sf_search_set_max_results (SfSearch *self,
                           guint     max_results)
{
  g_return_if_fail (SF_IS_SEARCH (self));

  self->max_results = max_results;
}

void
sf_search_refresh_counts (SfSearch *self)
{
  g_return_if_fail (SF_IS_SEARCH (self));

  if (self->state == SF_SEARCH_STATE_IDLE || self->state == SF_SEARCH_STATE_WAITING ||
      self->cancellable == NULL || !sf_catalog_is_open (self->catalog))
    return;

  /* The results stay; the counts (and the total) of the same question come again. */
  self->facets_serial++;
  sf_catalog_count_all_facets_async (self->catalog, self->criteria, self->cancellable,
                                     facets_cb, request_new (self, 0, 0));
}

/* Where @show goes in the sort order, never before @min_position. */
static guint
sorted_position (SfSearch *self,
                 SfShow   *show,
                 guint     min_position)
{
  GListModel *model = G_LIST_MODEL (self->results);
  guint low = 0, high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      g_autoptr(SfShow) other = g_list_model_get_item (model, mid);

      if (sf_criteria_compare (self->criteria, other, show) <= 0)
        low = mid + 1;
      else
        high = mid;
    }

  return MIN (MAX (low, min_position), g_list_model_get_n_items (model));
}

guint
sf_search_merge (SfSearch  *self,
                 GPtrArray *shows,
                 guint      min_position)
{
  guint n_added = 0;

  g_return_val_if_fail (SF_IS_SEARCH (self), 0);
  g_return_val_if_fail (shows != NULL, 0);

  if (self->state == SF_SEARCH_STATE_IDLE || self->state == SF_SEARCH_STATE_WAITING ||
      self->state == SF_SEARCH_STATE_FAILED)
    return 0;
  /* The results on hand still answer the previous question. */
  if (self->n_loaded == 0 && !self->results_done)
    return 0;

  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      gint64 id = sf_show_get_id (show);

      if (self->max_results > 0 &&
          g_list_model_get_n_items (G_LIST_MODEL (self->results)) >= self->max_results)
        break;
      if (g_hash_table_contains (self->ids, &id) || !sf_criteria_matches (self->criteria, show))
        continue;

      g_hash_table_add (self->ids, g_memdup2 (&id, sizeof id));
      g_list_store_insert (self->results, sorted_position (self, show, min_position), show);
      n_added++;
    }

  return n_added;
}

gboolean
sf_search_is_finished (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), FALSE);

  return self->state == SF_SEARCH_STATE_DONE || self->state == SF_SEARCH_STATE_FAILED;
}

SfSearch *
sf_search_new (SfCatalog *catalog)
{
  g_return_val_if_fail (SF_IS_CATALOG (catalog), NULL);

  return g_object_new (SF_TYPE_SEARCH, "catalog", catalog, NULL);
}

SfCatalog *
sf_search_get_catalog (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), NULL);

  return self->catalog;
}

const SfCriteria *
sf_search_get_criteria (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), NULL);

  return self->criteria;
}

void
sf_search_set_offline_reason (SfSearch   *self,
                              const char *reason)
{
  g_return_if_fail (SF_IS_SEARCH (self));

  if (g_strcmp0 (self->offline_reason, reason) == 0)
    return;

  g_free (self->offline_reason);
  self->offline_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_REASON]);
}

const char *
sf_search_get_offline_reason (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), NULL);

  return self->offline_reason;
}

GListModel *
sf_search_get_results (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), NULL);

  return G_LIST_MODEL (self->results);
}

int
sf_search_get_total (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), -1);

  return self->total;
}

SfCatalogFacets *
sf_search_get_facets (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), NULL);

  return self->facets;
}

int
sf_search_get_facet_count (SfSearch    *self,
                           SfCriterion  criterion,
                           const char  *value)
{
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SF_IS_SEARCH (self), -1);
  g_return_val_if_fail (value != NULL, -1);

  if (self->facet_index == NULL)
    return -1;

  folded = g_ascii_strdown (value, -1);
  key = g_strdup_printf ("%d:%s", criterion, folded);
  return (int) MIN (GPOINTER_TO_UINT (g_hash_table_lookup (self->facet_index, key)), G_MAXINT);
}

SfSearchState
sf_search_get_state (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), SF_SEARCH_STATE_IDLE);

  return self->state;
}

const char *
sf_search_get_error_message (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), NULL);

  return self->error_message;
}

guint
sf_search_get_generation (SfSearch *self)
{
  g_return_val_if_fail (SF_IS_SEARCH (self), 0);

  return self->generation;
}
