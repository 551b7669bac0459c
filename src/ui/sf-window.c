#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"
#include "sf-show-card.h"
#include "sf-tvmaze-error.h"
#include "sf-window-private.h"

/* A spinner for an answer that comes quickly is only noise. */
#define SPINNER_DELAY_MS 250

G_DEFINE_FINAL_TYPE (SfWindow, sf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  PROP_SEARCHING,
  PROP_PAGE,
  PROP_VIEW,
  PROP_SHOW_PAGE,
  PROP_PERSON_PAGE,
  PROP_WATCHLIST_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GWeakRef window;
  guint    generation;
} SearchContext;

static void
search_context_free (SearchContext *ctx)
{
  g_weak_ref_clear (&ctx->window);
  g_free (ctx);
}

/* The total above the grid, when the panel that says it is not on screen (folded away or
 * hidden): "N series". The engine's total can replace the panel's match count here. */
static void
update_total (SfWindow *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->stack);
  int total = -1;
  g_autofree char *text = NULL;

  if (g_strcmp0 (state, "results") == 0)
    {
      if (self->criteria_mode && self->search != NULL)
        total = sf_search_get_total (self->search);
      else
        total = (int) g_list_model_get_n_items (G_LIST_MODEL (self->results));
    }

  if (total < 0 || (self->filter_panel != NULL &&
                    gtk_widget_get_mapped (GTK_WIDGET (self->filter_panel))))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->total_label), FALSE);
      return;
    }

  /* Translators: above the results when the filters are hidden; %'d is a number */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d series", "%'d series", total),
                          total);
  gtk_label_set_text (self->total_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->total_label), TRUE);
}

static void
collect_visible_cards (GtkWidget *widget,
                       GtkWidget *grid,
                       int        height,
                       GPtrArray *cards)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (SF_IS_SHOW_CARD (child))
        {
          if (gtk_widget_compute_bounds (child, grid, &bounds) &&
              bounds.origin.y < height && bounds.origin.y + bounds.size.height > 0)
            g_ptr_array_add (cards, child);
          continue;
        }
      collect_visible_cards (child, grid, height, cards);
    }
}

guint
_sf_window_get_unseen_position (SfWindow *self)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GtkWidget *grid = GTK_WIDGET (self->grid);
  guint end = 0;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") != 0 ||
      !gtk_widget_get_mapped (grid))
    return 0;

  collect_visible_cards (grid, grid, gtk_widget_get_height (grid), cards);
  for (guint i = 0; i < cards->len; i++)
    {
      SfShow *show = NULL;
      guint position;

      g_object_get (cards->pdata[i], "show", &show, NULL);
      if (show != NULL && g_list_store_find (self->results, show, &position))
        end = MAX (end, position + 1);
      g_clear_object (&show);
    }

  return end;
}

void
_sf_window_replace_results (SfWindow  *self,
                            GPtrArray *items)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->grid));

  /* Another answer starts at its first row. The grid keeps the item it has anchored at the
   * top where it is: scrolled back to the old first row first, that anchor is the position
   * the new first row takes. */
  if (adjustment != NULL &&
      gtk_adjustment_get_value (adjustment) != gtk_adjustment_get_lower (adjustment))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
}

void
_sf_window_set_state (SfWindow   *self,
           const char *state)
{
  gboolean loading = g_strcmp0 (state, "loading") == 0;

  /* A status page never stands in front of cards: once it says "nothing" or "type a
   * title", the cards that no longer answer go too. */
  if ((g_strcmp0 (state, "empty") == 0 || g_strcmp0 (state, "no-results") == 0) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    g_list_store_remove_all (self->results);

  gtk_stack_set_visible_child_name (self->stack, state);
  /* The note about saved results goes with them. */
  if (g_strcmp0 (state, "results") != 0)
    gtk_revealer_set_reveal_child (self->saved_revealer, FALSE);
  if (loading)
    gtk_spinner_start (self->loading_spinner);
  else
    gtk_spinner_stop (self->loading_spinner);
}

static void
hide_spinner (SfWindow *self)
{
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

static gboolean
spinner_timeout_cb (gpointer user_data)
{
  SfWindow *self = SF_WINDOW (user_data);
  const char *state = gtk_stack_get_visible_child_name (self->stack);

  self->spinner_timeout_id = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);

  /* Results of the previous search stay in view while the new one runs; anything else
   * (an error, "no results") would be misleading, so it gives way to a big spinner. */
  if (g_strcmp0 (state, "results") != 0)
    _sf_window_set_state (self, "loading");

  return G_SOURCE_REMOVE;
}

/* The state to come back to when a search is stopped before it answered. */
static void
restore_state (SfWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    _sf_window_set_state (self, "results");
  else
    _sf_window_set_state (self, "empty");
}

void
_sf_window_sync_searching (SfWindow *self)
{
  gboolean searching = self->search_cancellable != NULL;

  if (self->searching == searching)
    return;

  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

gboolean
_sf_window_cancel_search (SfWindow *self)
{
  gboolean was_searching = self->search_cancellable != NULL;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  _sf_window_sync_searching (self);
  hide_spinner (self);

  return was_searching;
}

void
_sf_window_show_error (SfWindow     *self,
            const GError *error)
{
  /* What TVmaze answered is for the log; the window says it in plain words. */
  g_message ("Search failed: %s", error->message);

  if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK))
    {
      adw_status_page_set_title (self->offline_page, _("TVmaze Can’t Be Reached"));
      adw_status_page_set_description (self->offline_page,
                                       _("Check your internet connection, then try again."));
      _sf_window_set_state (self, "offline");
    }
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT))
    {
      adw_status_page_set_title (self->offline_page, _("TVmaze Is Not Answering"));
      adw_status_page_set_description (self->offline_page,
                                       _("The server took too long to answer. Try again in a moment."));
      _sf_window_set_state (self, "offline");
    }
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED))
    {
      _sf_window_set_state (self, "busy");
    }
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE) ||
           g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE))
    {
      adw_status_page_set_title (self->error_page, _("TVmaze’s Answer Could Not Be Read"));
      adw_status_page_set_description (self->error_page,
                                       _("TVmaze sent something unexpected. Try again in a few minutes."));
      _sf_window_set_state (self, "error");
    }
  else
    {
      /* Server errors (retried once already, quietly): what happened and what to do. */
      adw_status_page_set_title (self->error_page, _("TVmaze Is Having Trouble"));
      adw_status_page_set_description (self->error_page,
                                       _("TVmaze is having trouble. Try again in a few minutes."));
      _sf_window_set_state (self, "error");
    }
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchContext *ctx = user_data;
  g_autoptr(SfWindow) self = g_weak_ref_get (&ctx->window);
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = ctx->generation;

  search_context_free (ctx);

  shows = sf_tvmaze_client_search_shows_finish (SF_TVMAZE_CLIENT (source), result, &error);

  /* Cancelled (superseded, stopped, window closed) or late: nothing reaches the screen. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (generation != self->generation)
    return;

  g_clear_object (&self->search_cancellable);
  _sf_window_sync_searching (self);
  hide_spinner (self);

  if (error != NULL)
    {
      /* Unreachable: the saved catalog may know the title. */
      if (sf_tvmaze_error_is_offline (error) && _sf_window_search_saved (self, error))
        return;

      _sf_window_show_error (self, error);
      return;
    }

  gtk_revealer_set_reveal_child (self->saved_revealer, FALSE);

  /* One splice for the whole answer: the grid relayouts once. */
  _sf_window_replace_results (self, shows);

  if (shows->len > 0)
    {
      _sf_window_set_state (self, "results");
    }
  else
    {
      g_autofree char *description = NULL;

      description = g_strdup_printf (_("Nothing matches “%s”. Check the spelling or try another title."),
                                     self->query);
      _sf_window_show_no_results (self, description);
    }
}

/* @description is plain text (it may quote what the person typed). */
void
_sf_window_show_no_results (SfWindow   *self,
                            const char *description)
{
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  /* AdwStatusPage's description is markup. */
  adw_status_page_set_description (self->no_results_page, escaped);
  /* The way out: the criteria that matched nothing, or the title */
  gtk_button_set_label (self->no_results_button,
                        _sf_window_criteria_active (self) ? _("_Reset Criteria")
                                                          : _("_Clear Search"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->no_results_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _sf_window_criteria_active (self) ? _("Reset Criteria")
                                                                    : _("Clear Search"),
                                  -1);
  _sf_window_set_state (self, "no-results");
}

/* Every search starts here: the previous one is cancelled and its late answer dropped. */
void
_sf_window_begin_search (SfWindow *self)
{
  _sf_window_cancel_search (self);
  self->generation++;
  self->search_cancellable = g_cancellable_new ();
  _sf_window_sync_searching (self);
  self->spinner_timeout_id = g_timeout_add (SPINNER_DELAY_MS, spinner_timeout_cb, self);

  /* "Type a title" or "No Series Found" would answer the old question: the new one shows
   * at once (results on screen stay until the answer replaces them). */
  {
    const char *state = gtk_stack_get_visible_child_name (self->stack);

    if (g_strcmp0 (state, "empty") == 0 || g_strcmp0 (state, "no-results") == 0)
      _sf_window_set_state (self, "loading");
  }
}

static void
start_search (SfWindow   *self,
              const char *text)
{
  g_autofree char *query = g_strstrip (g_strdup (text != NULL ? text : ""));
  SearchContext *ctx;

  g_free (self->query);
  self->query = g_strdup (query);

  /* The counts (and, with criteria or offline, the results) answer the title too. */
  _sf_window_ask (self);

  /* With criteria, the catalog answers (the text narrows it); see sf-window-criteria.c. */
  if (_sf_window_criteria_active (self))
    {
      _sf_window_criteria_search (self, query);
      return;
    }

  self->criteria_mode = FALSE;
  self->mirroring = FALSE;

  if (*query == '\0')
    {
      _sf_window_cancel_search (self);
      gtk_revealer_set_reveal_child (self->saved_revealer, FALSE);
      self->generation++;
      g_list_store_remove_all (self->results);
      _sf_window_people_search (self, NULL);
      _sf_window_set_state (self, "empty");
      return;
    }

  _sf_window_begin_search (self);
  _sf_window_people_search (self, self->query);

  ctx = g_new0 (SearchContext, 1);
  g_weak_ref_init (&ctx->window, self);
  ctx->generation = self->generation;

  sf_tvmaze_client_search_shows_async (sf_backend_get_client (self->backend), self->query,
                                       self->search_cancellable, search_done_cb, ctx);
}

void
_sf_window_search_again (SfWindow *self)
{
  start_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_changed_cb (SfWindow *self)
{
  start_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
text_changed_cb (SfWindow *self)
{
  /* As soon as the text changes, the request in flight answers an old question. */
  if (_sf_window_cancel_search (self))
    self->generation++;
}

static void
stop_search_cb (SfWindow *self)
{
  /* Escape clears the entry first (sf-window-keys.c); on an empty one it stops. */
  if (_sf_window_keys_escape_clears (self))
    return;

  if (_sf_window_cancel_search (self))
    {
      self->generation++;
      restore_state (self);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Search stopped")));
    }
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  if (g_strcmp0 (sf_compat_navigation_get_tag (self->navigation), "show") == 0)
    gtk_widget_activate_action (widget, "win.back", NULL);
  adw_view_stack_set_visible_child_name (self->view_stack, "search");

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The no-results page's button: the criteria go, or the title. */
static void
reset_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  if (_sf_window_criteria_active (self))
    sf_filter_panel_reset (self->filter_panel);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The page of a series TVmaze does not know: Unfollow, then back. */
static void
unfollow_shown_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);
  gint64 id = sf_show_page_get_show_id (self->show_page);
  g_autofree char *message = NULL;
  const char *name;

  if (id <= 0 || !sf_library_is_followed (self->library, id))
    return;

  name = sf_library_lookup_name (self->library, id);
  message = g_markup_printf_escaped (_("“%s” unfollowed"), name != NULL ? name : "");
  sf_library_unfollow_async (self->library, id, NULL, NULL, NULL);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  gtk_widget_activate_action (widget, "win.back", NULL);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  start_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Opens the page of a series; @known is what the caller already has (shown at once). */
/* The page's star follows the watchlist, whoever changed it (this window, a card, another
 * process). */
static void
update_followed (SfWindow *self)
{
  gint64 id = sf_show_page_get_show_id (self->show_page);

  sf_show_page_set_followed (self->show_page,
                             id > 0 && sf_library_is_followed (self->library, id));
}

static void
open_show (SfWindow *self,
           gint64    id,
           SfShow   *known)
{
  sf_show_page_load (self->show_page, id, known);
  update_followed (self);
  sf_compat_navigation_show (self->navigation, "show");
}

/* A cast card of the series page: its person opens; Back returns the focus to @from. */
void
_sf_window_open_person (SfWindow  *self,
                        gint64     person_id,
                        GtkWidget *from)
{
  const char *here = sf_compat_navigation_get_tag (self->navigation);

  if (g_strcmp0 (here, "person") != 0)
    {
      g_free (self->person_back);
      self->person_back = g_strdup (here);
    }
  g_clear_weak_pointer (&self->person_from);
  g_set_weak_pointer (&self->person_from, from);
  sf_person_page_load (self->person_page, person_id);
  sf_compat_navigation_show (self->navigation, "person");
}

static void
person_activated_cb (SfWindow  *self,
                     gint64     person_id,
                     GtkWidget *from)
{
  _sf_window_open_person (self, person_id, from);
}

/* A series card of the person page: the series page opens over it. */
static void
person_show_activated_cb (SfWindow *self,
                          gint64    show_id,
                          SfShow   *known)
{
  sf_person_page_stop (self->person_page);
  g_clear_weak_pointer (&self->person_from);
  open_show (self, show_id, known);
}

/* "Find Series With Them": back to the search, with the person as one more criterion. */
static void
person_find_series_cb (SfWindow   *self,
                       SfCriteria *person)
{
  sf_person_page_stop (self->person_page);
  g_clear_weak_pointer (&self->person_from);
  adw_view_stack_set_visible_child_name (self->view_stack, "search");
  sf_compat_navigation_show (self->navigation, "browse");
  _sf_window_criteria_add_person (self, person);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
}

static void
watchlist_show_activated_cb (SfWatchlistPage *page,
                             gint64           id,
                             SfShow          *show,
                             SfWindow        *self)
{
  open_show (self, id, show);
}

static void
undo_follow_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sf_library_follow_finish (SF_LIBRARY (source), result, &error))
    g_debug ("Could not follow again: %s", error->message);
}

static void
undo_unfollow_cb (AdwToast *toast,
                  SfShow   *show)
{
  SfLibrary *library = g_object_get_data (G_OBJECT (toast), "library");

  sf_library_follow_async (library, show, NULL, NULL, undo_follow_done_cb, NULL);
}

static void
unfollowed_cb (SfWatchlistPage *page,
               gint64           id,
               const char      *name,
               SfShow          *show,
               SfWindow        *self)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: a toast after unfollowing; the name is the series' */
  title = g_strdup_printf (_("“%s” unfollowed"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  if (show != NULL)
    {
      g_object_set_data_full (G_OBJECT (toast), "library", g_object_ref (self->library),
                              g_object_unref);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_unfollow_cb),
                             g_object_ref (show), (GClosureNotify) (void (*) (void)) g_object_unref,
                             0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
view_changed_cb (SfWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
state_changed_cb (SfWindow *self)
{
  update_total (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The filter button belongs to the search view (a closure of sf-window.ui; @instance is
 * the button). */
static gboolean
is_search_view (gpointer    instance,
                const char *view)
{
  return g_strcmp0 (view, "search") == 0;
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  if (g_strcmp0 (sf_compat_navigation_get_tag (self->navigation), "show") == 0)
    gtk_widget_activate_action (widget, "win.back", NULL);
  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
  _sf_window_keys_focus_view (self, g_variant_get_string (parameter, NULL));
}

static void
toggle_follow_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean was_followed = GPOINTER_TO_INT (user_data);
  gboolean ok;

  if (was_followed)
    ok = sf_library_unfollow_finish (SF_LIBRARY (source), result, &error);
  else
    ok = sf_library_follow_finish (SF_LIBRARY (source), result, &error);

  if (!ok)
    g_debug ("Follow: %s", error->message);
}

static void
toggle_follow_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);
  SfShow *show = sf_show_page_get_show (self->show_page);
  g_autofree char *message = NULL;
  gboolean followed;

  if (show == NULL || !sf_library_is_open (self->library))
    return;

  followed = sf_library_is_followed (self->library, sf_show_get_id (show));
  if (followed)
    sf_library_unfollow_async (self->library, sf_show_get_id (show), NULL, toggle_follow_done_cb,
                               GINT_TO_POINTER (TRUE));
  else
    sf_library_follow_async (self->library, show, NULL, NULL, toggle_follow_done_cb,
                             GINT_TO_POINTER (FALSE));

  message = g_markup_printf_escaped (followed ? _("“%s” unfollowed") : _("Following “%s”"),
                                     sf_show_get_name (show));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!sf_library_export_finish (SF_LIBRARY (source), result, &n, &error))
    message = g_markup_escape_text (error->message, -1);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u series exported",
                                            "%u series exported", n), n);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
import_file_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SfWindow) self = user_data;
  g_autoptr(GFile) file = sf_compat_choose_file_finish (result, NULL);

  if (file != NULL)
    sf_window_import_watchlist (self, file);
}

static void
export_file_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SfWindow) self = user_data;
  g_autoptr(GFile) file = sf_compat_choose_file_finish (result, NULL);

  if (file != NULL)
    sf_library_export_async (self->library, file, NULL, export_done_cb, g_object_ref (self));
}

static void
watchlist_file_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);
  gboolean save = g_str_equal (action_name, "win.export-watchlist");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!sf_library_is_open (self->library))
    return;

  gtk_file_filter_set_name (filter, _("Watchlists (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  /* GtkFileDialog from GTK 4.10, GtkFileChooserNative before (sf-compat.h). */
  sf_compat_choose_file_async (GTK_WINDOW (self), save,
                               save ? _("Export Watchlist") : _("Import Watchlist"),
                               save ? _("_Export") : _("_Import"),
                               filter, save ? "watchlist.json" : NULL, NULL,
                               save ? export_file_chosen_cb : import_file_chosen_cb,
                               g_object_ref (self));
}

static void
grid_activate_cb (SfWindow *self,
                  guint     position)
{
  g_autoptr(SfShow) show = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (show != NULL)
    open_show (self, sf_show_get_id (show), show);
}

static void
nav_changed_cb (SfWindow *self)
{
  const char *page = sf_compat_navigation_get_tag (self->navigation);
  gboolean on_show = g_strcmp0 (page, "show") == 0;
  gboolean on_person = g_strcmp0 (page, "person") == 0;

  /* However a page was left (win.back, or the navigation view's own Back on the current
   * stack), it stops what it still waits for; the series page under a person it opened
   * stays as it is. */
  if (!on_show && !on_person && self->show_page != NULL)
    sf_show_page_stop (self->show_page);
  if (!on_person && self->person_page != NULL)
    sf_person_page_stop (self->person_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", on_show || on_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-follow", on_show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  /* From a person, back to the series page they were opened from, on their card. */
  if (g_strcmp0 (sf_compat_navigation_get_tag (self->navigation), "person") == 0)
    {
      sf_person_page_stop (self->person_page);
      sf_compat_navigation_show (self->navigation,
                                 self->person_back != NULL ? self->person_back : "show");
      if (self->person_from != NULL)
        gtk_widget_grab_focus (self->person_from);
      g_clear_weak_pointer (&self->person_from);
      return;
    }

  /* Leaving the page cancels everything it still waits for. */
  sf_show_page_stop (self->show_page);
  sf_compat_navigation_show (self->navigation, "browse");
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "search") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->grid));
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SfWindow                 *self)
{
  GtkWidget *card = sf_show_card_new ();

  sf_show_card_set_library (SF_SHOW_CARD (card), self->library);
  sf_show_card_set_list_item (SF_SHOW_CARD (card), item);
  gtk_list_item_set_child (item, card);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SfWindow                 *self)
{
  sf_show_card_set_show (SF_SHOW_CARD (gtk_list_item_get_child (item)),
                         gtk_list_item_get_item (item), self->image_loader);
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  /* A card scrolled out of view gives up its poster download. */
  sf_show_card_set_show (SF_SHOW_CARD (gtk_list_item_get_child (item)), NULL, NULL);
}

/* "application" is not a construct property, so this runs once it is set. */
static void
setup_for_application (SfWindow      *self,
                       SfApplication *app)
{
  GSettings *settings = sf_application_get_settings (app);

  self->backend = g_object_ref (sf_application_get_backend (app));
  self->image_loader = g_object_ref (sf_application_get_image_loader (app));
  self->library = g_object_ref (sf_application_get_library (app));
  self->limiter = g_object_ref (sf_tvmaze_client_get_rate_limiter (sf_backend_get_client (self->backend)));

  /* "TVmaze is busy" shows while the client waits for it (sf-window-busy.c). */
  _sf_window_busy_setup (self);
  gtk_revealer_set_reveal_child (self->demo_revealer, sf_backend_is_demo (self->backend));

  _sf_window_criteria_setup (self);
  g_signal_connect_object (self->search, "notify::total", G_CALLBACK (update_total), self,
                           G_CONNECT_SWAPPED);

  self->show_page = sf_show_page_new (sf_backend_get_client (self->backend), self->image_loader);
  /* A GtkStack or an AdwNavigationView, as the stack has (sf-compat.h) */
  sf_compat_navigation_add (self->navigation, GTK_WIDGET (self->show_page), "show",
                            _("Series"));
  g_signal_connect_object (self->show_page, "person-activated",
                           G_CALLBACK (person_activated_cb), self, G_CONNECT_SWAPPED);
  _sf_window_people_setup (self);
  self->person_page = sf_person_page_new (sf_backend_get_client (self->backend),
                                          self->image_loader);
  sf_compat_navigation_add (self->navigation, GTK_WIDGET (self->person_page), "person",
                            _("Person"));
  g_signal_connect_object (self->person_page, "show-activated",
                           G_CALLBACK (person_show_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_page, "find-series",
                           G_CALLBACK (person_find_series_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "changed", G_CALLBACK (update_followed), self,
                           G_CONNECT_SWAPPED);

  /* The page is a child of the template: it lists once it has the watchlist. */
  g_object_set (self->watchlist_page,
                "image-loader", self->image_loader,
                "library", self->library,
                NULL);

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
sf_window_dispose (GObject *object)
{
  SfWindow *self = SF_WINDOW (object);

  _sf_window_cancel_search (self);
  if (self->show_page != NULL)
    sf_show_page_stop (self->show_page);
  if (self->person_page != NULL)
    sf_person_page_stop (self->person_page);
  g_clear_weak_pointer (&self->person_from);
  g_clear_pointer (&self->person_back, g_free);
  _sf_window_people_dispose (self);
  _sf_window_busy_dispose (self);
  _sf_window_criteria_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_WINDOW);

  g_clear_object (&self->limiter);
  g_clear_object (&self->image_loader);
  g_clear_object (&self->library);
  g_clear_object (&self->backend);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (sf_window_parent_class)->dispose (object);
}

static void
sf_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SfWindow *self = SF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, gtk_stack_get_visible_child_name (self->stack));
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    case PROP_PAGE:
      g_value_set_string (value, sf_compat_navigation_get_tag (self->navigation));
      break;
    case PROP_VIEW:
      g_value_set_string (value, adw_view_stack_get_visible_child_name (self->view_stack));
      break;
    case PROP_SHOW_PAGE:
      g_value_set_object (value, self->show_page);
      break;
    case PROP_PERSON_PAGE:
      g_value_set_object (value, self->person_page);
      break;
    case PROP_WATCHLIST_PAGE:
      g_value_set_object (value, self->watchlist_page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_window_class_init (SfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_window_dispose;
  object_class->get_property = sf_window_get_property;

  /**
   * SfWindow:state:
   *
   * What the search view shows: "empty", "results", "no-results", "offline", "error" or
   * "loading".
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while a search waits for its answer. */
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "browse", "show" or "person" */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "search" or "watchlist" */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PAGE] =
    g_param_spec_object ("show-page", NULL, NULL, SF_TYPE_SHOW_PAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSON_PAGE] =
    g_param_spec_object ("person-page", NULL, NULL, SF_TYPE_PERSON_PAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WATCHLIST_PAGE] =
    g_param_spec_object ("watchlist-page", NULL, NULL, SF_TYPE_WATCHLIST_PAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template's results are shows; the watchlist page is one of its children. */
  g_type_ensure (SF_TYPE_SHOW);
  g_type_ensure (SF_TYPE_WATCHLIST_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, navigation);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, browse_box);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, saved_revealer);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, no_results_button);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, offline_page);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, watchlist_page);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, filter_button);
  /* The adaptive layout's parts, for tests and screenshots only (no field) */
  gtk_widget_class_bind_template_child_full (widget_class, "switcher_bar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, results);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, nav_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, watchlist_show_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, unfollowed_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_search_view);

  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.reset-search", NULL, reset_search_action);
  gtk_widget_class_install_action (widget_class, "win.unfollow-shown", NULL,
                                   unfollow_shown_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  _sf_window_criteria_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-follow", NULL, toggle_follow_action);
  gtk_widget_class_install_action (widget_class, "win.import-watchlist", NULL,
                                   watchlist_file_action);
  gtk_widget_class_install_action (widget_class, "win.export-watchlist", NULL,
                                   watchlist_file_action);
  _sf_window_keys_class_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "search");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "watchlist");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.retry", NULL);
}

static void
sf_window_init (SfWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), NULL);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-follow", FALSE);

  g_signal_connect_object (self->filter_panel, "map", G_CALLBACK (update_total), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->filter_panel, "unmap", G_CALLBACK (update_total), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->results, "items-changed", G_CALLBACK (update_total), self,
                           G_CONNECT_SWAPPED);

  /* Typing anywhere in the search view goes to the search (not on a series' page). */
  _sf_window_keys_init (self);
}

SfWindow *
sf_window_new (SfApplication *application)
{
  SfWindow *self;

  g_return_val_if_fail (SF_IS_APPLICATION (application), NULL);

  self = g_object_new (SF_TYPE_WINDOW, "application", application, NULL);
  setup_for_application (self, application);

  return self;
}

void
sf_window_open_show (SfWindow *self,
                     gint64    id,
                     SfShow   *known)
{
  g_return_if_fail (SF_IS_WINDOW (self));
  g_return_if_fail (id > 0);

  open_show (self, id, known);
}
