/* sf-window-criteria.c: the window's side of the search (SfSearch): what it shows of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SfSearch (src/app/sf-search.c) answers the question on screen, the title plus the
 * criteria: the results, their total, every count of the filter panel and the offline
 * fallback. This file only shows it: it mirrors the search's results into the grid's model,
 * turns its state into the page shown, and feeds it what arrives from elsewhere (a page the
 * sync stored, TVmaze's own title search).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-catalog-error.h"
#include "sf-compat.h"
#include "sf-window-private.h"

/* More than anyone scrolls through; the counts say how many there are in all. */
#define MAX_CRITERIA_RESULTS 3000

gboolean
_sf_window_criteria_active (SfWindow *self)
{
  return self->criteria != NULL && !sf_criteria_is_empty (self->criteria);
}

/* The question on screen: the panel's criteria, plus the text typed. */
static SfCriteria *
dup_search_criteria (SfWindow *self)
{
  SfCriteria *criteria = sf_criteria_copy (self->criteria);

  if (self->query != NULL && *self->query != '\0')
    sf_criteria_set_text (criteria, self->query);

  return criteria;
}

/* The grid's model follows the search's results, change for change, so that the grid
 * relayouts only what changed (the cards on screen stay where they are). */
static void
mirror_all (SfWindow *self)
{
  GListModel *from = sf_search_get_results (self->search);
  guint n = g_list_model_get_n_items (from);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (from, i));
  _sf_window_replace_results (self, items);
  self->mirroring = TRUE;
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

typedef struct
{
  GWeakRef window;
  guint    generation;
} RelaxContext;

static void
relax_context_free (RelaxContext *ctx)
{
  g_weak_ref_clear (&ctx->window);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RelaxContext, relax_context_free)

static void
relaxed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RelaxContext) ctx = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = sf_catalog_count_relaxed_finish (SF_CATALOG (source), result, &error);
  g_autoptr(SfWindow) self = g_weak_ref_get (&ctx->window);
  const SfRelaxCount *best = NULL;
  g_autofree char *description = NULL;

  if (self == NULL || counts == NULL || ctx->generation != self->generation ||
      !self->criteria_mode)
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
  RelaxContext *ctx;

  if (sf_catalog_sync_get_running (self->catalog_sync))
    {
      _sf_window_show_no_results (self, _("Nothing matches yet. The catalog is still being "
                                          "scanned; matches appear as they are found."));
      return;
    }

  _sf_window_show_no_results (self, _("No series match these criteria."));
  ctx = g_new0 (RelaxContext, 1);
  g_weak_ref_init (&ctx->window, self);
  ctx->generation = self->generation;
  sf_catalog_count_relaxed_async (self->catalog, sf_search_get_criteria (self->search),
                                  NULL, relaxed_cb, ctx);
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

/* The page that says what the search has answered so far (catalog mode only). */
static void
update_catalog_page (SfWindow *self)
{
  SfSearchState state = sf_search_get_state (self->search);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  if (!self->criteria_mode || !self->mirroring)
    return;

  /* TVmaze's title search answered before the catalog did. */
  if (self->title_shows != NULL)
    {
      g_autoptr(GPtrArray) shows = g_steal_pointer (&self->title_shows);

      sf_search_merge (self->search, shows, _sf_window_get_unseen_position (self));
    }

  /* The first results and every count are in: the search has answered (later batches
   * and the scan's matches keep streaming in). */
  if (state >= SF_SEARCH_STATE_STREAMING && self->search_cancellable != NULL)
    {
      g_clear_object (&self->search_cancellable);
      _sf_window_cancel_search (self);
    }

  /* The catalog could not answer: no results stand for the answer. */
  if (state == SF_SEARCH_STATE_FAILED)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                             _("The catalog could not be read: %s"),
                                             sf_search_get_error_message (self->search));

      _sf_window_show_error (self, error);
      update_sync_bar (self);
      return;
    }

  if (n > 0)
    {
      _sf_window_set_state (self, "results");
      gtk_revealer_set_reveal_child (self->saved_revealer,
                                     sf_search_get_offline_reason (self->search) != NULL);
      update_sync_bar (self);
      return;
    }

  if (!sf_search_is_finished (self->search))
    return;

  /* Nothing saved matches either: TVmaze's own failure is what to say. */
  if (self->offline_error != NULL)
    _sf_window_show_error (self, self->offline_error);
  else
    show_no_criteria_results (self);

  update_sync_bar (self);
}

static void
search_results_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           SfWindow   *self)
{
  g_autoptr(GPtrArray) items = NULL;

  if (!self->criteria_mode)
    return;

  /* Out of step (never, unless something emptied the grid's model): all again. */
  if (!self->mirroring ||
      position + removed > g_list_model_get_n_items (G_LIST_MODEL (self->results)))
    {
      mirror_all (self);
      update_catalog_page (self);
      return;
    }

  items = g_ptr_array_new_full (added, g_object_unref);
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, position + i));
  g_list_store_splice (self->results, position, removed, items->pdata, items->len);
  update_catalog_page (self);
}

static void
search_state_cb (SfWindow *self)
{
  if (!self->criteria_mode)
    return;

  /* An answer of no results is a change too (the model does not say it); a failure is no
   * answer. */
  if (!self->mirroring && sf_search_get_state (self->search) == SF_SEARCH_STATE_DONE)
    mirror_all (self);
  else if (!self->mirroring && sf_search_get_state (self->search) == SF_SEARCH_STATE_FAILED)
    self->mirroring = TRUE;
  update_catalog_page (self);
}

static void
shows_stored_cb (SfCatalogSync *sync,
                 GPtrArray     *shows,
                 SfWindow      *self)
{
  /* New pages stream into a criteria search that is on screen, below the cards seen. */
  if (self->criteria_mode && self->mirroring)
    sf_search_merge (self->search, shows, _sf_window_get_unseen_position (self));
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
  if (self->criteria_mode && g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    sf_search_refresh (self->search);
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

typedef struct
{
  GWeakRef window;
  guint    generation;
} TitleContext;

static void
text_search_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TitleContext *ctx = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = sf_tvmaze_client_search_shows_finish (SF_TVMAZE_CLIENT (source),
                                                                      result, &error);
  g_autoptr(SfWindow) self = g_weak_ref_get (&ctx->window);
  guint generation = ctx->generation;

  g_weak_ref_clear (&ctx->window);
  g_free (ctx);

  if (self == NULL || generation != self->generation || !self->criteria_mode)
    return;

  /* TVmaze's own title search adds what the catalog lacks; offline, the catalog suffices. */
  if (shows == NULL)
    return;
  g_clear_pointer (&self->title_shows, g_ptr_array_unref);
  self->title_shows = g_steal_pointer (&shows);
  update_catalog_page (self);
}

/* Asks the search the question on screen; counts and results answer it together. */
void
_sf_window_ask (SfWindow *self)
{
  g_autoptr(SfCriteria) criteria = dup_search_criteria (self);
  guint generation = sf_search_get_generation (self->search);

  sf_search_set_offline_reason (self->search, NULL);
  g_clear_error (&self->offline_error);
  sf_search_set_criteria (self->search, criteria);

  /* A new question: what the search has is the previous one's until it answers. */
  if (sf_search_get_generation (self->search) != generation)
    self->mirroring = FALSE;
}

static void
enter_catalog_mode (SfWindow *self)
{
  self->criteria_mode = TRUE;
  /* The same question as before (or already answered): show it now. */
  if (!self->mirroring && (sf_search_get_state (self->search) == SF_SEARCH_STATE_STREAMING ||
                           sf_search_get_state (self->search) == SF_SEARCH_STATE_DONE))
    mirror_all (self);
  update_catalog_page (self);
}

gboolean
_sf_window_search_saved (SfWindow     *self,
                         const GError *reason)
{
  SfCatalogState state;

  if (self->catalog == NULL || !sf_catalog_is_open (self->catalog) ||
      self->query == NULL || *self->query == '\0')
    return FALSE;
  sf_catalog_get_state (self->catalog, &state);
  if (state.n_shows == 0)
    return FALSE;

  /* The search already asks the title of the saved catalog: its answer is shown, with a
   * note saying where it comes from. */
  g_clear_error (&self->offline_error);
  self->offline_error = g_error_copy (reason);
  sf_search_set_offline_reason (self->search, reason->message);

  self->search_cancellable = g_cancellable_new ();
  _sf_window_sync_searching (self);
  enter_catalog_mode (self);
  return TRUE;
}

void
_sf_window_criteria_search (SfWindow   *self,
                            const char *text)
{
  TitleContext *ctx;

  _sf_window_begin_search (self);
  gtk_revealer_set_reveal_child (self->saved_revealer, FALSE);
  g_clear_pointer (&self->title_shows, g_ptr_array_unref);

  if (text != NULL && *text != '\0')
    {
      ctx = g_new0 (TitleContext, 1);
      g_weak_ref_init (&ctx->window, self);
      ctx->generation = self->generation;
      sf_tvmaze_client_search_shows_async (sf_backend_get_client (self->backend), text,
                                           self->search_cancellable, text_search_done_cb, ctx);
    }

  enter_catalog_mode (self);
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

void
_sf_window_criteria_add_person (SfWindow         *self,
                                const SfCriteria *person)
{
  g_autoptr(SfCriteria) criteria = NULL;
  const gint64 *ids;
  guint n_ids;

  ids = sf_criteria_get_person_show_ids (person, &n_ids);
  criteria = self->criteria != NULL ? sf_criteria_copy (self->criteria) : sf_criteria_new ();
  sf_criteria_set_person (criteria, sf_criteria_get_person_id (person),
                          sf_criteria_get_person_name (person), ids, n_ids);
  /* The person takes the title's place: their name, typed to find them, is no series'. */
  sf_criteria_set_text (criteria, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* The panel keeps the person through its own changes, and tells apply_criteria(). */
  sf_filter_panel_set_criteria (self->filter_panel, criteria);
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

/* The catalog opens in the background at start: the panel's values come once it has (the
 * search waits for it by itself). */
static void
catalog_open_cb (SfWindow *self)
{
  if (sf_catalog_is_open (self->catalog))
    sf_filter_panel_refresh_counts (self->filter_panel);
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
  self->search = sf_search_new (self->catalog);
  sf_search_set_max_results (self->search, MAX_CRITERIA_RESULTS);

  g_signal_connect_object (sf_search_get_results (self->search), "items-changed",
                           G_CALLBACK (search_results_changed_cb), self, 0);
  g_signal_connect_object (self->search, "notify::state", G_CALLBACK (search_state_cb), self,
                           G_CONNECT_SWAPPED);

  /* The panel and the chips are children of the window's template; the panel's counts are
   * the search's. */
  sf_filter_panel_set_search (self->filter_panel, self->search);
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

  /* The counts of the empty question, before anything is typed or picked. */
  _sf_window_ask (self);
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
  if (self->search != NULL)
    {
      g_signal_handlers_disconnect_by_data (sf_search_get_results (self->search), self);
      g_signal_handlers_disconnect_by_data (self->search, self);
    }
  g_clear_pointer (&self->title_shows, g_ptr_array_unref);
  g_clear_object (&self->search);
  g_clear_object (&self->catalog_sync);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->criteria, sf_criteria_unref);
  g_clear_error (&self->offline_error);
}
