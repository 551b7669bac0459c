/* sf-catalog-plan.c: which pages and shows a sync fetches, and which shows it deletes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sf-catalog-plan.h"
#include "sf-json-reader.h"
#include "sf-tvmaze-error.h"

void
sf_catalog_plan_free (SfCatalogPlan *plan)
{
  g_clear_pointer (&plan->updates, g_array_unref);
  g_clear_pointer (&plan->pages, g_array_unref);
  g_clear_pointer (&plan->shows, g_array_unref);
  g_clear_pointer (&plan->deletes, g_array_unref);
  g_free (plan);
}

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

  /* With the nesting guard: json-glib recurses, and a deep answer would overflow the stack. */
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

/* Drops the ids past a gap of more than SF_CATALOG_PLAN_MAX_GAP_PAGES empty pages, or past
 * SF_CATALOG_PLAN_MAX_PAGES: each would plan every page up to it. Returns how many went. */
static guint
drop_absurd_ids (GArray *stamps)
{
  const gint64 max_gap = (gint64) SF_CATALOG_PLAN_MAX_GAP_PAGES * SF_CATALOG_PAGE_SIZE;
  const gint64 max_id = (gint64) SF_CATALOG_PLAN_MAX_PAGES * SF_CATALOG_PAGE_SIZE;
  gint64 previous;
  guint keep;
  guint dropped;

  if (stamps->len == 0)
    return 0;

  /* The first id may be anywhere below the cap: the gaps are between ids. */
  previous = g_array_index (stamps, SfCatalogShowStamp, 0).id;
  for (keep = 0; keep < stamps->len; keep++)
    {
      gint64 id = g_array_index (stamps, SfCatalogShowStamp, keep).id;

      if (id >= max_id || id - previous > max_gap)
        break;
      previous = id;
    }

  dropped = stamps->len - keep;
  if (dropped > 0)
    g_array_set_size (stamps, keep);
  return dropped;
}

static gboolean
page_is_stored (GHashTable *stored,
                int         page)
{
  return g_hash_table_contains (stored, GINT_TO_POINTER (page));
}

SfCatalogPlan *
sf_catalog_plan_new (SfCatalogSyncInfo *info,
           GBytes            *updates_bytes)
{
  g_autoptr(SfCatalogPlan) plan = g_new0 (SfCatalogPlan, 1);
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
      else
        plan->n_ignored = drop_absurd_ids (plan->updates);

      if (plan->n_ignored > 0)
        g_debug ("Sync: %u ids of /updates/shows ignored as absurd (past a gap of %d pages "
                 "or past page %d)", plan->n_ignored, SF_CATALOG_PLAN_MAX_GAP_PAGES,
                 SF_CATALOG_PLAN_MAX_PAGES);

      if (plan->updates != NULL && plan->updates->len == 0)
        g_clear_pointer (&plan->updates, g_array_unref);
    }

  for (guint i = 0; i < info->pages->len; i++)
    {
      const SfCatalogPageInfo *page = &g_array_index (info->pages, SfCatalogPageInfo, i);

      if (page->state == SF_CATALOG_PAGE_STORED)
        {
          g_hash_table_add (stored, GINT_TO_POINTER (page->page));
          /* a page stored by an older, unbounded plan does not stretch this one */
          if (page->page < SF_CATALOG_PLAN_MAX_PAGES)
            last_stored = MAX (last_stored, page->page);
        }
    }

  if (plan->updates != NULL)
    {
      const SfCatalogShowStamp *last =
        &g_array_index (plan->updates, SfCatalogShowStamp, plan->updates->len - 1);
      GArray *local = info->stamps;
      guint j = 0;

      /* Bounded by drop_absurd_ids(): fits an int. */
      plan->max_page = (int) (last->id / SF_CATALOG_PAGE_SIZE);

      /* Both lists are sorted by id: one walk finds the changed, new and deleted shows. */
      for (guint i = 0; i < plan->updates->len; i++)
        {
          const SfCatalogShowStamp *u = &g_array_index (plan->updates, SfCatalogShowStamp, i);
          int page = (int) (u->id / SF_CATALOG_PAGE_SIZE);
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

      if (!page_is_stored (stored, page) || n_stale >= SF_CATALOG_PAGE_THRESHOLD)
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
