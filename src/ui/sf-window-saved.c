/* sf-window-saved.c: saving the search on screen under a name, and opening a saved search
 * with its new matches marked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"
#include "sf-criteria-text.h"
#include "sf-name-dialog.h"
#include "sf-saved-check.h"
#include "sf-show-card.h"
#include "sf-window-private.h"

/* A proposed name longer than this is cut (the person can still type more). */
#define PROPOSED_NAME_CHARS 60

typedef struct
{
  GWeakRef    window;
  SfCriteria *criteria;     /* owned: what is saved, the text included */
  GArray     *seen;         /* owned: the matches on screen, seen as it is saved */
  char       *name;         /* owned, nullable: once chosen */
} SaveContext;

static void
save_context_free (gpointer data)
{
  SaveContext *ctx = data;

  g_weak_ref_clear (&ctx->window);
  g_clear_pointer (&ctx->criteria, sf_criteria_unref);
  g_clear_pointer (&ctx->seen, g_array_unref);
  g_free (ctx->name);
  g_free (ctx);
}

/* The search on screen: the panel's criteria and the text typed. */
static SfCriteria *
dup_current_criteria (SfWindow *self)
{
  SfCriteria *criteria = self->criteria != NULL ? sf_criteria_copy (self->criteria)
                                                : sf_criteria_new ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  sf_criteria_set_text (criteria, *text != '\0' ? text : NULL);
  return criteria;
}

char *
_sf_window_dup_criteria_name (const SfCriteria *criteria)
{
  g_autoptr(GPtrArray) labels = sf_criteria_describe (criteria);
  g_autoptr(GString) name = g_string_new (NULL);
  const char *text = sf_criteria_get_text (criteria);

  if (text != NULL && *text != '\0')
    /* Translators: the title part of a saved search's proposed name */
    g_string_append_printf (name, _("“%s”"), text);
  for (guint i = 0; i < labels->len; i++)
    {
      SfCriterionLabel *label = g_ptr_array_index (labels, i);

      if (name->len > 0)
        /* Translators: separates the parts of a saved search's proposed name */
        g_string_append (name, _(", "));
      g_string_append (name, label->label);
    }

  if (g_utf8_strlen (name->str, -1) > PROPOSED_NAME_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (name->str, 0, PROPOSED_NAME_CHARS - 1);

      g_string_assign (name, cut);
      g_string_append (name, "…");
    }

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* ------------------------------------------------------------------------------------------
 * Saving
 */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveContext *ctx = user_data;
  g_autoptr(SfWindow) self = g_weak_ref_get (&ctx->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!sf_library_save_search_finish (SF_LIBRARY (source), result, &error))
    message = g_strdup (error->message);
  else
    /* Translators: a toast; %s is the saved search's name */
    message = g_strdup_printf (_("Search saved as “%s”"), ctx->name);

  if (self != NULL)
    {
      /* The name is the person's own text: never markup. */
      adw_toast_overlay_add_toast (self->toast_overlay, sf_compat_toast_new_plain (message));
    }

  save_context_free (ctx);
}

static void
name_chosen_cb (const char *name,
                gpointer    user_data)
{
  SaveContext *ctx = user_data;
  g_autoptr(SfWindow) self = g_weak_ref_get (&ctx->window);
  SaveContext *copy;

  if (self == NULL)
    return;

  /* The dialog frees its context; the save takes a copy of its own. */
  copy = g_new0 (SaveContext, 1);
  g_weak_ref_init (&copy->window, self);
  copy->criteria = sf_criteria_ref (ctx->criteria);
  copy->seen = g_array_ref (ctx->seen);
  copy->name = g_strdup (name);
  sf_library_save_search_async (self->library, name, copy->criteria, copy->seen, NULL,
                                saved_cb, copy);
}

static void
names_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveContext *ctx = user_data;
  g_autoptr(SfWindow) self = g_weak_ref_get (&ctx->window);
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) taken = NULL;
  g_autofree char *proposed = NULL;

  searches = sf_library_list_searches_finish (SF_LIBRARY (source), result, &error);
  if (self == NULL || searches == NULL)
    {
      if (self != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, sf_compat_toast_new_plain (error->message));
      save_context_free (ctx);
      return;
    }

  for (guint i = 0; i < searches->len; i++)
    g_strv_builder_add (builder, ((SfSavedSearch *) g_ptr_array_index (searches, i))->name);
  taken = g_strv_builder_end (builder);

  proposed = _sf_window_dup_criteria_name (ctx->criteria);
  self->save_dialog = sf_name_dialog_present (GTK_WIDGET (self), _("Save Search"), _("_Save"),
                                              proposed, (const char * const *) taken,
                                              name_chosen_cb, ctx, save_context_free);
  g_object_add_weak_pointer (G_OBJECT (self->save_dialog), (gpointer *) &self->save_dialog);
}

static void
save_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);
  SaveContext *ctx;
  GListModel *results = G_LIST_MODEL (self->results);
  guint n = g_list_model_get_n_items (results);

  if (self->library == NULL || self->save_dialog != NULL)
    return;

  ctx = g_new0 (SaveContext, 1);
  g_weak_ref_init (&ctx->window, self);
  ctx->criteria = dup_current_criteria (self);
  /* What is on screen is seen: only later matches are new. */
  ctx->seen = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);
      gint64 id = sf_show_get_id (show);

      g_array_append_val (ctx->seen, id);
    }

  /* The names taken come first: the dialog refuses them as they are typed. */
  sf_library_list_searches_async (self->library, NULL, names_listed_cb, ctx);
}

/* Something to save: a title or a criterion. */
static void
update_save_action (SfWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-search",
                                 *text != '\0' || _sf_window_criteria_active (self));
}

/* ------------------------------------------------------------------------------------------
 * Opening
 */

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(SfWindow) self = g_weak_ref_get (ref);
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfCriteria) panel_criteria = NULL;
  g_autoptr(GArray) ids = NULL;
  SfSavedSearchStatus *status;
  const char *text;
  guint generation;

  g_weak_ref_clear (ref);
  g_free (ref);
  statuses = sf_saved_searches_check_finish (result, &error);
  if (self == NULL)
    return;
  if (statuses == NULL || statuses->len == 0)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, sf_compat_toast_new_plain (error->message));
      return;
    }

  status = g_ptr_array_index (statuses, 0);
  text = sf_criteria_get_text (status->search->criteria);

  /* The new matches are marked while this search is on screen. */
  g_hash_table_remove_all (self->new_ids);
  for (guint i = 0; i < status->new_shows->len; i++)
    g_hash_table_add (self->new_ids,
                      g_memdup2 (&(gint64) { sf_show_get_id (g_ptr_array_index (status->new_shows, i)) },
                                 sizeof (gint64)));
  g_clear_pointer (&self->marked_criteria, sf_criteria_unref);
  self->marked_criteria = sf_criteria_copy (status->search->criteria);
  if (sf_criteria_get_text (self->marked_criteria) != NULL &&
      *sf_criteria_get_text (self->marked_criteria) == '\0')
    sf_criteria_set_text (self->marked_criteria, NULL);

  /* Back from a page, on the search view, with the title and the criteria restored. */
  sf_compat_navigation_show (self->navigation, "browse");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", "search");
  /* One search, not three: the entry's delayed search-changed and the panel's change would
   * each supersede (cancel) the one before. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 text != NULL ? text : "") != 0)
    {
      /* Set first: emptying the entry on the way runs search-changed at once. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
      g_free (self->searched_text);
      self->searched_text = g_strdup (text != NULL ? text : "");
    }
  panel_criteria = sf_criteria_copy (status->search->criteria);
  sf_criteria_set_text (panel_criteria, NULL);
  generation = self->generation;
  sf_filter_panel_set_criteria (self->filter_panel, panel_criteria);
  if (generation == self->generation)
    _sf_window_search_again (self);

  /* Opened: what was new is seen now (the marks stay on screen). */
  ids = sf_saved_search_ids_of (status->new_shows);
  sf_library_mark_search (self->library, status->search->name, ids, TRUE, NULL);
}

void
sf_window_open_saved_search (SfWindow   *self,
                             const char *name)
{
  SfCatalog *catalog;
  GWeakRef *ref;

  g_return_if_fail (SF_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  catalog = sf_backend_get_catalog (self->backend);
  if (!sf_library_is_open (self->library) || !sf_catalog_is_open (catalog))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Saved searches can be opened once the "
                                                    "catalog is ready")));
      return;
    }

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  sf_saved_searches_check_async (self->library, catalog, name, self->saved_cancellable,
                                 opened_cb, ref);
}

gboolean
_sf_window_saved_is_new (SfWindow *self,
                         gint64    id)
{
  g_autoptr(SfCriteria) current = NULL;

  if (self->marked_criteria == NULL || !g_hash_table_contains (self->new_ids, &id))
    return FALSE;

  /* Marks belong to the saved search as it was opened: another search drops them. */
  current = sf_criteria_copy (self->criteria != NULL ? self->criteria : self->marked_criteria);
  sf_criteria_set_text (current, self->query != NULL && *self->query != '\0' ? self->query : NULL);
  if (!sf_criteria_equal (current, self->marked_criteria))
    {
      g_hash_table_remove_all (self->new_ids);
      g_clear_pointer (&self->marked_criteria, sf_criteria_unref);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * From the watchlist
 */

static void
saved_search_activated_cb (SfWatchlistPage *page,
                           const char      *name,
                           SfWindow        *self)
{
  sf_window_open_saved_search (self, name);
}

static void
undo_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Taken meanwhile (the same name saved again): the new one stays. */
  if (!sf_library_save_search_finish (SF_LIBRARY (source), result, &error))
    g_debug ("Undo delete: %s", error->message);
}

static void
undo_delete_cb (AdwToast *toast,
                SfWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (toast), "sf-name");
  SfCriteria *criteria = g_object_get_data (G_OBJECT (toast), "sf-criteria");
  GArray *seen = g_object_get_data (G_OBJECT (toast), "sf-seen");

  sf_library_save_search_async (self->library, name, criteria, seen, NULL, undo_saved_cb, NULL);
}

static void
saved_search_deleted_cb (SfWatchlistPage *page,
                         const char      *name,
                         SfCriteria      *criteria,
                         GArray          *seen,
                         SfWindow        *self)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: a toast; %s is the saved search's name */
  title = g_strdup_printf (_("“%s” deleted"), name);
  toast = sf_compat_toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "sf-name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (toast), "sf-criteria", sf_criteria_copy (criteria),
                          (GDestroyNotify) sf_criteria_unref);
  g_object_set_data_full (G_OBJECT (toast), "sf-seen",
                          seen != NULL ? g_array_copy (seen) : g_array_new (FALSE, FALSE, sizeof (gint64)),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------------------------------
 * Setup
 */

void
_sf_window_saved_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-search", NULL, save_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-search", NULL);
}

void
_sf_window_saved_setup (SfWindow *self)
{
  GtkWidget *button;

  self->new_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->saved_cancellable = g_cancellable_new ();

  /* At the end of the chips row: saving is what one does with a set of criteria. */
  button = g_object_new (GTK_TYPE_BUTTON,
                         "label", _("_Save Search…"),
                         "use-underline", TRUE,
                         "action-name", "win.save-search",
                         "valign", GTK_ALIGN_CENTER,
                         "css-classes", (const char * const []) { "flat", "sf-save-search-button", NULL },
                         NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save Search"),
                                  -1);
  sf_criteria_chips_set_end_widget (self->chips, button);

  /* The watchlist lists the saved searches, with their totals from the catalog. */
  g_object_set (self->watchlist_page, "catalog", sf_backend_get_catalog (self->backend), NULL);
  g_signal_connect_object (self->watchlist_page, "saved-search-activated",
                           G_CALLBACK (saved_search_activated_cb), self, 0);
  g_signal_connect_object (self->watchlist_page, "saved-search-deleted",
                           G_CALLBACK (saved_search_deleted_cb), self, 0);

  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (update_save_action), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chips, "notify::visible", G_CALLBACK (update_save_action),
                           self, G_CONNECT_SWAPPED);
  update_save_action (self);
}

void
_sf_window_saved_dispose (SfWindow *self)
{
  g_cancellable_cancel (self->saved_cancellable);
  g_clear_object (&self->saved_cancellable);
  if (self->save_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->save_dialog), (gpointer *) &self->save_dialog);
      self->save_dialog = NULL;
    }
  g_clear_pointer (&self->new_ids, g_hash_table_unref);
  g_clear_pointer (&self->marked_criteria, sf_criteria_unref);
}
