#include "config.h"

#include <glib/gi18n.h>

#include "sf-catalog-error.h"
#include "sf-compat.h"
#include "sf-window-private.h"

/* More than anyone scrolls through; the counts say how many there are in all. */
#define MAX_CRITERIA_RESULTS 3000

typedef struct
{
  GWeakRef window;
  guint    generation;
  gboolean criteria_mode;   /* of the search it answers */
  GError  *reason;          /* owned, nullable: why TVmaze did not answer (offline search) */
} CriteriaContext;

static CriteriaContext *
criteria_context_new (SfWindow *self)
{
  CriteriaContext *ctx = g_new0 (CriteriaContext, 1);

  g_weak_ref_init (&ctx->window, self);
  ctx->generation = self->generation;
  ctx->criteria_mode = self->criteria_mode;

  return ctx;
}

static void
criteria_context_free (CriteriaContext *ctx)
{
  g_weak_ref_clear (&ctx->window);
  g_clear_error (&ctx->reason);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CriteriaContext, criteria_context_free)

/* The window if it is still there and the answer is for the search on screen. */
static SfWindow *
criteria_context_get_window (CriteriaContext *ctx,
                             const GError    *error)
{
  SfWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;

  self = g_weak_ref_get (&ctx->window);
  if (self != NULL &&
      (ctx->generation != self->generation || ctx->criteria_mode != self->criteria_mode))
    g_clear_object (&self);

  return self;
}

gboolean
_sf_window_criteria_active (SfWindow *self)
{
  return self->criteria != NULL && !sf_criteria_is_empty (self->criteria);
}

/* The criteria of the search on screen: the panel's, plus the text typed. */
static SfCriteria *
dup_search_criteria (SfWindow *self)
{
  SfCriteria *criteria = sf_criteria_copy (self->criteria);

  if (self->query != NULL && *self->query != '\0')
    sf_criteria_set_text (criteria, self->query);

  return criteria;
}

/* Inserts where the sort order puts it, so rows appear in order and never reshuffle. */
static void
insert_sorted (SfWindow         *self,
               const SfCriteria *criteria,
               SfShow           *show)
{
  GListModel *model = G_LIST_MODEL (self->results);
  guint low = 0, high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      g_autoptr(SfShow) other = g_list_model_get_item (model, mid);

      if (sf_criteria_compare (criteria, other, show) <= 0)
        low = mid + 1;
      else
        high = mid;
    }

  /* Never among or above the cards on screen: they stay where they are. */
  g_list_store_insert (self->results, MAX (low, _sf_window_get_unseen_position (self)), show);
}

/* Adds the shows that match and are not there yet; returns how many were added. */
static guint
merge_matches (SfWindow  *self,
               GPtrArray *shows)
{
  g_autoptr(SfCriteria) criteria = dup_search_criteria (self);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->results);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < shows->len && n + fresh->len < MAX_CRITERIA_RESULTS; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      gint64 id = sf_show_get_id (show);

      if (g_hash_table_contains (self->result_ids, &id) || !sf_criteria_matches (criteria, show))
        continue;

      g_hash_table_add (self->result_ids, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (fresh, g_object_ref (show));
    }

  if (fresh->len == 0)
    return 0;

  /* Each where the order puts it, but below the cards on screen (see insert_sorted()): what
   * the person sees never reorders, and the first row stays the first. */
  for (guint i = 0; i < fresh->len; i++)
    insert_sorted (self, criteria, g_ptr_array_index (fresh, i));

  _sf_window_set_state (self, "results");

  return fresh->len;
}

static const char *
criterion_title (SfCriterion criterion)
{
  switch (criterion)
    {
    case SF_CRITERION_TEXT: return _("the title");
    case SF_CRITERION_GENRES_ALL:
    case SF_CRITERION_GENRES_ANY: return _("the genres");
    case SF_CRITERION_GENRES_EXCLUDE: return _("the excluded genres");
    case SF_CRITERION_STATUS: return _("the status");
    case SF_CRITERION_TYPE: return _("the type");
    case SF_CRITERION_LANGUAGE: return _("the language");
    case SF_CRITERION_CHANNEL: return _("the network");
    case SF_CRITERION_COUNTRY: return _("the country");
    case SF_CRITERION_YEAR: return _("the years");
    case SF_CRITERION_RATING: return _("the rating");
    case SF_CRITERION_RUNTIME: return _("the runtime");
    default: return _("one criterion");
    }
}

static void
relaxed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CriteriaContext) ctx = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = sf_catalog_count_relaxed_finish (SF_CATALOG (source), result, &error);
  g_autoptr(SfWindow) self = criteria_context_get_window (ctx, error);
  const SfRelaxCount *best = NULL;
  g_autofree char *description = NULL;

  if (self == NULL || counts == NULL)
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    return;

  for (guint i = 0; i < counts->len; i++)
    {
      const SfRelaxCount *count = &g_array_index (counts, SfRelaxCount, i);

      if (count->count > 0 && (best == NULL || count->count > best->count))
        best = count;
    }

  if (best == NULL)
    description = g_strdup (_("No series match these criteria. Remove some of them to see more."));
  else
    /* Translators: e.g. "No series match all of these criteria. Without the genres, 1204
     * would." */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "No series match all of these criteria. "
                                                "Without %s, %u would.",
                                                "No series match all of these criteria. "
                                                "Without %s, %u would.", best->count),
                                   criterion_title (best->criterion), best->count);

  _sf_window_show_no_results (self, description);
}

static void
show_no_criteria_results (SfWindow *self)
{
  g_autoptr(SfCriteria) criteria = dup_search_criteria (self);

  if (sf_catalog_sync_get_running (self->catalog_sync))
    {
      _sf_window_show_no_results (self, _("Nothing matches yet. The catalog is still being "
                                          "scanned; matches appear as they are found."));
      return;
    }

  _sf_window_show_no_results (self, _("No series match these criteria."));
  sf_catalog_count_relaxed_async (self->catalog, criteria, self->search_cancellable,
                                  relaxed_cb, criteria_context_new (self));
}

static void
update_sync_bar (SfWindow *self)
{
  gboolean running = sf_catalog_sync_get_running (self->catalog_sync);
  guint scanned = sf_catalog_sync_get_shows_scanned (self->catalog_sync);
  guint estimated = sf_catalog_sync_get_shows_estimated (self->catalog_sync);
  guint found = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  double fraction = estimated > 0 ? MIN (1.0, (double) scanned / estimated) : 0.0;
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->sync_revealer, running);
  if (!running)
    return;

  if (!self->criteria_mode)
    /* Translators: the catalog is built while no criteria search is on screen */
    text = g_strdup_printf (_("Scanning the TVmaze catalog: %d %%"), (int) (fraction * 100));
  else if (estimated > 0)
    /* Translators: "12 found, 41 % of the catalog scanned" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u found, %d %% of the catalog scanned",
                                         "%u found, %d %% of the catalog scanned", found),
                            found, (int) (fraction * 100));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u found, scanning the catalog…",
                                         "%u found, scanning the catalog…", found), found);

  gtk_label_set_text (self->sync_label, text);
  gtk_progress_bar_set_fraction (self->sync_progress, fraction);
}

static void
shows_stored_cb (SfCatalogSync *sync,
                 GPtrArray     *shows,
                 SfWindow      *self)
{
  /* New pages stream into a criteria search that is on screen. */
  if (self->criteria_mode && self->search_cancellable == NULL)
    merge_matches (self, shows);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(SfWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  sf_catalog_sync_run_finish (SF_CATALOG_SYNC (source), result, &error);
  g_weak_ref_clear (ref);
  g_free (ref);

  if (self == NULL)
    return;

  g_clear_object (&self->sync_cancellable);
  update_sync_bar (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Scanning stopped. The results cover the "
                                                    "part of the catalog scanned so far.")));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    return;

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The catalog is incomplete: %s"),
                                                  error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }

  /* A search that found nothing while scanning now gets its final answer. */
  if (self->criteria_mode && g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0
      && self->search_cancellable == NULL)
    show_no_criteria_results (self);
}

/* Builds (or resumes building) the catalog when a criteria search needs it. */
static void
ensure_catalog (SfWindow *self)
{
  SfCatalogState state = { 0 };
  GWeakRef *ref;

  sf_catalog_get_state (self->catalog, &state);
  if (state.complete || sf_catalog_sync_get_running (self->catalog_sync))
    return;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->sync_cancellable = g_cancellable_new ();
  sf_catalog_sync_run_async (self->catalog_sync, SF_CATALOG_SYNC_AUTO, self->sync_cancellable,
                             sync_done_cb, ref);
  update_sync_bar (self);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CriteriaContext) ctx = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = sf_catalog_query_finish (SF_CATALOG (source), result, &error);
  g_autoptr(SfWindow) self = criteria_context_get_window (ctx, error);

  if (self == NULL)
    return;

  /* The search is answered; matches from the scan keep streaming in. */
  g_clear_object (&self->search_cancellable);
  _sf_window_cancel_search (self);

  if (shows == NULL)
    {
      g_autoptr(GError) wrapped = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                               _("The catalog could not be read: %s"),
                                               error->message);

      _sf_window_show_error (self, wrapped);
      return;
    }

  g_hash_table_remove_all (self->result_ids);
  for (guint i = 0; i < shows->len; i++)
    g_hash_table_add (self->result_ids,
                      g_memdup2 (&(gint64) { sf_show_get_id (g_ptr_array_index (shows, i)) },
                                 sizeof (gint64)));
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       shows->pdata, shows->len);

  if (shows->len > 0)
    _sf_window_set_state (self, "results");
  else
    show_no_criteria_results (self);

  update_sync_bar (self);
}

static void
text_search_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CriteriaContext) ctx = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = sf_tvmaze_client_search_shows_finish (SF_TVMAZE_CLIENT (source),
                                                                      result, &error);
  g_autoptr(SfWindow) self = criteria_context_get_window (ctx, error);

  /* TVmaze's own title search adds what the catalog lacks; offline, the catalog suffices. */
  if (self == NULL || shows == NULL)
    return;

  merge_matches (self, shows);
}

/* ------------------------------------------------------------------------------------------
 * Offline: a title search answered from the saved catalog
 */

static void
saved_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CriteriaContext) ctx = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = sf_catalog_query_finish (SF_CATALOG (source), result, &error);
  g_autoptr(SfWindow) self = criteria_context_get_window (ctx, error);

  if (self == NULL)
    return;

  g_clear_object (&self->search_cancellable);
  _sf_window_sync_searching (self);

  /* Nothing saved matches either: TVmaze's own failure is what to say. */
  if (shows == NULL || shows->len == 0)
    {
      _sf_window_show_error (self, ctx->reason);
      return;
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       shows->pdata, shows->len);
  _sf_window_set_state (self, "results");
  gtk_revealer_set_reveal_child (self->saved_revealer, TRUE);
}

gboolean
_sf_window_search_saved (SfWindow     *self,
                         const GError *reason)
{
  g_autoptr(SfCriteria) criteria = NULL;
  SfCatalogState state;
  CriteriaContext *ctx;

  if (self->catalog == NULL || !sf_catalog_is_open (self->catalog) ||
      self->query == NULL || *self->query == '\0')
    return FALSE;
  sf_catalog_get_state (self->catalog, &state);
  if (state.n_shows == 0)
    return FALSE;

  criteria = sf_criteria_new ();
  sf_criteria_set_text (criteria, self->query);

  ctx = criteria_context_new (self);
  ctx->reason = g_error_copy (reason);

  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  _sf_window_sync_searching (self);
  sf_catalog_query_async (self->catalog, criteria, 0, MAX_CRITERIA_RESULTS,
                          self->search_cancellable, saved_done_cb, ctx);
  return TRUE;
}

void
_sf_window_criteria_search (SfWindow   *self,
                            const char *text)
{
  g_autoptr(SfCriteria) criteria = NULL;

  _sf_window_begin_search (self);
  self->criteria_mode = TRUE;
  gtk_revealer_set_reveal_child (self->saved_revealer, FALSE);

  /* The catalog opens at start; a search in the first instants waits for it
   * (catalog_open_cb, on notify::open). */
  self->search_when_open = !sf_catalog_is_open (self->catalog);
  if (self->search_when_open)
    return;

  criteria = dup_search_criteria (self);
  sf_catalog_query_async (self->catalog, criteria, 0, MAX_CRITERIA_RESULTS,
                          self->search_cancellable, query_done_cb, criteria_context_new (self));

  if (text != NULL && *text != '\0')
    sf_tvmaze_client_search_shows_async (sf_backend_get_client (self->backend), text,
                                         self->search_cancellable, text_search_done_cb,
                                         criteria_context_new (self));

  ensure_catalog (self);
}

static void
apply_criteria (SfWindow   *self,
                SfCriteria *criteria)
{
  if (self->criteria != NULL && criteria != NULL && sf_criteria_equal (self->criteria, criteria))
    return;

  g_clear_pointer (&self->criteria, sf_criteria_unref);
  self->criteria = criteria != NULL ? sf_criteria_copy (criteria) : sf_criteria_new ();
  sf_criteria_chips_set_criteria (self->chips, self->criteria);

  _sf_window_search_again (self);
}

static void
criteria_changed_cb (SfFilterPanel *panel,
                     SfCriteria    *criteria,
                     SfWindow      *self)
{
  apply_criteria (self, criteria);
}

static char *
country_name_cb (const char *code,
                 gpointer    user_data)
{
  SfWindow *self = SF_WINDOW (user_data);

  return self->filter_panel != NULL ? sf_filter_panel_dup_country_name (self->filter_panel, code)
                                    : NULL;
}

static void
criterion_removed_cb (SfCriteriaChips *chips,
                      SfCriteria      *criteria,
                      SfWindow        *self)
{
  sf_filter_panel_set_criteria (self->filter_panel, criteria);
  apply_criteria (self, criteria);
}

static void
catalog_changed_cb (SfWindow *self)
{
  sf_filter_panel_refresh_counts (self->filter_panel);
}

/* The catalog opens in the background at start: the counts, and a search asked meanwhile,
 * come once it has. */
static void
catalog_open_cb (SfWindow *self)
{
  if (!sf_catalog_is_open (self->catalog))
    return;

  sf_filter_panel_refresh_counts (self->filter_panel);
  if (self->search_when_open && self->criteria_mode)
    _sf_window_criteria_search (self, self->query);
  self->search_when_open = FALSE;
}

static void
sync_changed_cb (SfWindow *self)
{
  update_sync_bar (self);
}

static void
stop_sync_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  g_cancellable_cancel (self->sync_cancellable);
}

static void
toggle_filters_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  /* The button and the sidebar (sf-window.ui) are bound both ways. */
  gtk_toggle_button_set_active (self->filter_button,
                                !gtk_toggle_button_get_active (self->filter_button));
}

void
_sf_window_criteria_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (SF_TYPE_FILTER_PANEL);
  g_type_ensure (SF_TYPE_CRITERIA_CHIPS);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, filter_panel);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, chips);
  gtk_widget_class_bind_template_callback (widget_class, criteria_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, criterion_removed_cb);
  gtk_widget_class_install_action (widget_class, "win.stop-sync", NULL, stop_sync_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-filters", NULL,
                                   toggle_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.toggle-filters", NULL);
}

void
_sf_window_criteria_setup (SfWindow *self)
{
  self->catalog = g_object_ref (sf_backend_get_catalog (self->backend));
  self->catalog_sync = g_object_ref (sf_backend_get_catalog_sync (self->backend));
  self->criteria = sf_criteria_new ();
  self->result_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* The panel and the chips are children of the window's template. */
  sf_filter_panel_set_catalog (self->filter_panel, self->catalog);
  /* The chips live in the window, as the panel does. */
  sf_criteria_chips_set_country_func (self->chips, country_name_cb, self);

  g_signal_connect_object (self->catalog, "changed", G_CALLBACK (catalog_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->catalog, "notify::open", G_CALLBACK (catalog_open_cb), self,
                           G_CONNECT_SWAPPED);

  self->shows_stored_handler = g_signal_connect_object (self->catalog_sync, "shows-stored",
                                                        G_CALLBACK (shows_stored_cb), self, 0);
  self->sync_notify_handler = g_signal_connect_object (self->catalog_sync, "notify",
                                                       G_CALLBACK (sync_changed_cb), self,
                                                       G_CONNECT_SWAPPED);
  update_sync_bar (self);
}

void
_sf_window_criteria_dispose (SfWindow *self)
{

  /* The scan belongs to the window that started it. */
  g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  if (self->catalog_sync != NULL)
    {
      g_clear_signal_handler (&self->shows_stored_handler, self->catalog_sync);
      g_clear_signal_handler (&self->sync_notify_handler, self->catalog_sync);
    }
  g_clear_object (&self->catalog_sync);
  /* The catalog outlives the window (the application's): a change it reports after the
   * template is gone must not reach the panel. */
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->criteria, sf_criteria_unref);
  g_clear_pointer (&self->result_ids, g_hash_table_unref);
}
