#include "config.h"

#include <glib/gi18n.h>

#include "sf-show-card.h"
#include "sf-show-page.h"
#include "sf-tvmaze-error.h"
#include "sf-window.h"

/* A spinner for an answer that comes quickly is only noise. */
#define SPINNER_DELAY_MS 250

struct _SfWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *nav_stack;
  GtkWidget       *browse_box;
  SfShowPage      *show_page;
  GtkSpinner      *spinner;
  GtkSearchEntry  *search_entry;
  GtkRevealer     *demo_revealer;
  GtkRevealer     *busy_revealer;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  GtkGridView     *grid;
  AdwStatusPage   *no_results_page;
  AdwStatusPage   *offline_page;
  AdwStatusPage   *error_page;

  /* owned */
  SfBackend       *backend;
  SfImageLoader   *image_loader;
  SfLibrary       *library;
  SfRateLimiter   *limiter;
  GListStore      *results;
  GCancellable    *search_cancellable;
  char            *query;

  gulong           backing_off_handler;
  guint            spinner_timeout_id;
  /* Every search gets a new number; an answer for an older number is dropped. */
  guint            generation;
};

G_DEFINE_FINAL_TYPE (SfWindow, sf_window, ADW_TYPE_APPLICATION_WINDOW)

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

static void
set_state (SfWindow   *self,
           const char *state)
{
  gboolean loading = g_strcmp0 (state, "loading") == 0;

  gtk_stack_set_visible_child_name (self->stack, state);
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
    set_state (self, "loading");

  return G_SOURCE_REMOVE;
}

/* The state to come back to when a search is stopped before it answered. */
static void
restore_state (SfWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    set_state (self, "results");
  else
    set_state (self, "empty");
}

static gboolean
cancel_search (SfWindow *self)
{
  gboolean was_searching = self->search_cancellable != NULL;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  hide_spinner (self);

  return was_searching;
}

static void
show_error (SfWindow     *self,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK))
    {
      adw_status_page_set_title (self->offline_page, _("TVmaze Can't Be Reached"));
      adw_status_page_set_description (self->offline_page,
                                       _("Check your internet connection, then try again."));
      set_state (self, "offline");
    }
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT))
    {
      adw_status_page_set_title (self->offline_page, _("TVmaze Is Not Answering"));
      adw_status_page_set_description (self->offline_page,
                                       _("The server took too long to answer. Try again in a moment."));
      set_state (self, "offline");
    }
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED))
    {
      set_state (self, "busy");
    }
  else
    {
      /* Server errors and answers that make no sense: say what happened, offer a retry. */
      adw_status_page_set_description (self->error_page, escaped);
      set_state (self, "error");
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
  hide_spinner (self);

  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  /* One splice for the whole answer: the grid relayouts once. */
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       shows->pdata, shows->len);

  if (shows->len > 0)
    {
      set_state (self, "results");
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (self->query, -1);
      g_autofree char *description = NULL;

      description = g_strdup_printf (_("Nothing matches “%s”. Check the spelling or try another title."),
                                     escaped);
      adw_status_page_set_description (self->no_results_page, description);
      set_state (self, "no-results");
    }
}

static void
start_search (SfWindow   *self,
              const char *text)
{
  g_autofree char *query = g_strstrip (g_strdup (text != NULL ? text : ""));
  SearchContext *ctx;

  cancel_search (self);
  self->generation++;

  if (*query == '\0')
    {
      g_clear_pointer (&self->query, g_free);
      g_list_store_remove_all (self->results);
      set_state (self, "empty");
      return;
    }

  g_free (self->query);
  self->query = g_steal_pointer (&query);
  self->search_cancellable = g_cancellable_new ();
  self->spinner_timeout_id = g_timeout_add (SPINNER_DELAY_MS, spinner_timeout_cb, self);

  ctx = g_new0 (SearchContext, 1);
  g_weak_ref_init (&ctx->window, self);
  ctx->generation = self->generation;

  sf_tvmaze_client_search_shows_async (sf_backend_get_client (self->backend), self->query,
                                       self->search_cancellable, search_done_cb, ctx);
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
  if (cancel_search (self))
    self->generation++;
}

static void
stop_search_cb (SfWindow *self)
{
  if (cancel_search (self))
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

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
static void
open_show (SfWindow *self,
           gint64    id,
           SfShow   *known)
{
  sf_show_page_load (self->show_page, id, known);
  gtk_stack_set_visible_child_name (self->nav_stack, "show");
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
  gboolean on_show = g_strcmp0 (gtk_stack_get_visible_child_name (self->nav_stack), "show") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", on_show);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);

  /* Leaving the page cancels everything it still waits for. */
  sf_show_page_stop (self->show_page);
  gtk_stack_set_visible_child_name (self->nav_stack, "browse");
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
}

static void
backing_off_changed_cb (SfWindow      *self,
                        GParamSpec    *pspec,
                        SfRateLimiter *limiter)
{
  gtk_revealer_set_reveal_child (self->busy_revealer,
                                 sf_rate_limiter_get_backing_off (limiter));
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SfWindow                 *self)
{
  GtkWidget *card = sf_show_card_new ();

  sf_show_card_set_library (SF_SHOW_CARD (card), self->library);
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

  self->backing_off_handler = g_signal_connect_object (self->limiter, "notify::backing-off",
                                                       G_CALLBACK (backing_off_changed_cb), self,
                                                       G_CONNECT_SWAPPED);
  gtk_revealer_set_reveal_child (self->demo_revealer, sf_backend_is_demo (self->backend));

  self->show_page = sf_show_page_new (sf_backend_get_client (self->backend), self->image_loader);
  gtk_stack_add_named (self->nav_stack, GTK_WIDGET (self->show_page), "show");

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

  cancel_search (self);
  g_clear_signal_handler (&self->backing_off_handler, self->limiter);
  if (self->show_page != NULL)
    sf_show_page_stop (self->show_page);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_WINDOW);

  g_clear_object (&self->limiter);
  g_clear_object (&self->image_loader);
  g_clear_object (&self->library);
  g_clear_object (&self->backend);
  g_clear_object (&self->results);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (sf_window_parent_class)->dispose (object);
}

static void
sf_window_class_init (SfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, nav_stack);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, browse_box);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, offline_page);
  gtk_widget_class_bind_template_child (widget_class, SfWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, nav_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
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
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (SF_TYPE_SHOW);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), NULL);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);

  /* Typing anywhere in the search view goes to the search (not on a series' page). */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->browse_box);
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

const char *
sf_window_get_state (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
sf_window_get_results (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->results);
}

GtkEditable *
sf_window_get_search_entry (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

gboolean
sf_window_get_spinner_visible (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}

gboolean
sf_window_get_busy_visible (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->busy_revealer);
}

gboolean
sf_window_get_searching (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), FALSE);

  return self->search_cancellable != NULL;
}

SfShowPage *
sf_window_get_show_page (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), NULL);

  return self->show_page;
}

const char *
sf_window_get_page (SfWindow *self)
{
  g_return_val_if_fail (SF_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->nav_stack);
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
