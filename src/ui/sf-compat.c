/* sf-compat.c: the one place where the GNOME stacks differ (see sf-compat.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function has one body per stack, chosen by the headers' version, which is the API
 * level the build pins (meson.build). Nothing else in the tree tests a library version.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"

/* ------------------------------------------------------------------------------------------
 * Dialogs
 */

void
sf_compat_dialog_present (GtkWidget *dialog,
                          GtkWidget *parent)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (dialog), parent);
#else
  if (parent != NULL && GTK_IS_WINDOW (gtk_widget_get_root (parent)))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

void
sf_compat_dialog_close (GtkWidget *dialog)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (dialog));
#else
  gtk_window_destroy (GTK_WINDOW (dialog));
#endif
}

GtkWidget *
sf_compat_alert_new (const char *heading,
                     const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return GTK_WIDGET (adw_alert_dialog_new (heading, body));
#else
  GtkWidget *alert = g_object_new (ADW_TYPE_MESSAGE_DIALOG,
                                   "heading", heading,
                                   "modal", TRUE,
                                   "hide-on-close", FALSE,
                                   NULL);

  if (body != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (alert), body);
  return alert;
#endif
}

void
sf_compat_alert_add_response (GtkWidget             *alert,
                              const char            *id,
                              const char            *label,
                              AdwResponseAppearance  appearance)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), id, label);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), id, appearance);
#else
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), id, label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), id, appearance);
#endif
}

void
sf_compat_alert_set_response_enabled (GtkWidget  *alert,
                                      const char *id,
                                      gboolean    enabled)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (alert), id, enabled);
#else
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (alert), id, enabled);
#endif
}

gboolean
sf_compat_alert_get_response_enabled (GtkWidget  *alert,
                                      const char *id)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (alert), id);
#else
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (alert), id);
#endif
}

AdwToast *
sf_compat_toast_new_plain (const char *title)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_use_markup (toast, FALSE);
  return toast;
#else
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
#endif
}

GtkWindow *
sf_compat_dialog_get_window (GtkWidget *dialog)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (dialog), NULL);

  /* A window is its own root; a dialog's root is the window it is shown in (its parent's,
   * or on a narrow screen or without a parent, one of its own). */
  root = gtk_widget_get_root (dialog);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

GtkWidget *
sf_compat_dialog_get_visible (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_APPLICATION_WINDOW (window))
    return GTK_WIDGET (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)));
  if (ADW_IS_WINDOW (window))
    return GTK_WIDGET (adw_window_get_visible_dialog (ADW_WINDOW (window)));
  return NULL;
#else
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (toplevel) == window &&
            gtk_widget_get_visible (GTK_WIDGET (toplevel)))
          return GTK_WIDGET (toplevel);
      }
    return NULL;
  }
#endif
}

/* ------------------------------------------------------------------------------------------
 * About
 */

GtkWidget *
sf_compat_about_new (void)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return GTK_WIDGET (adw_about_dialog_new ());
#else
  return adw_about_window_new ();
#endif
}

void
sf_compat_about_add_legal_section (GtkWidget  *about,
                                   const char *title,
                                   const char *copyright,
                                   GtkLicense  license_type,
                                   const char *license)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_about_dialog_add_legal_section (ADW_ABOUT_DIALOG (about), title, copyright,
                                      license_type, license);
#else
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), title, copyright,
                                      license_type, license);
#endif
}

void
sf_compat_about_add_link (GtkWidget  *about,
                          const char *title,
                          const char *url)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_about_dialog_add_link (ADW_ABOUT_DIALOG (about), title, url);
#else
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), title, url);
#endif
}

/* ------------------------------------------------------------------------------------------
 * Preferences
 */

void
sf_compat_preferences_init (GtkWidget  *preferences,
                            const char *title)
{
  /* The same size on both: the window's default size, the dialog's content size. */
  g_object_set (preferences,
                "title", title,
                "search-enabled", FALSE,
#if ADW_CHECK_VERSION (1, 5, 0)
                "content-width", 640,
                "content-height", 720,
#else
                "modal", TRUE,
                "default-width", 640,
                "default-height", 720,
#endif
                NULL);
}

void
sf_compat_preferences_add_toast (GtkWidget *preferences,
                                 AdwToast  *toast)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (preferences), toast);
#else
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (preferences), toast);
#endif
}

/* ------------------------------------------------------------------------------------------
 * Files
 */

#if GTK_CHECK_VERSION (4, 10, 0)

static void
file_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  gboolean save = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (save)
    file = gtk_file_dialog_save_finish (dialog, result, &error);
  else
    file = gtk_file_dialog_open_finish (dialog, result, &error);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
           g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

#else

static void
file_chooser_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          GTask           *task)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (task);
}

#endif

void
sf_compat_choose_file_async (GtkWindow           *parent,
                             gboolean             save,
                             const char          *title,
                             const char          *accept_label,
                             GtkFileFilter       *filter,
                             const char          *initial_name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GTK_IS_FILE_FILTER (filter));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_compat_choose_file_async);
  g_task_set_task_data (task, GINT_TO_POINTER (save), NULL);

  {
    /* Documents (or home), never the folder the program was started from. */
    const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr(GFile) folder =
      g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                           ? documents : g_get_home_dir ());

#if GTK_CHECK_VERSION (4, 10, 0)
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_accept_label (dialog, accept_label);
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, filter);
    gtk_file_dialog_set_initial_folder (dialog, folder);
    if (save && initial_name != NULL)
      gtk_file_dialog_set_initial_name (dialog, initial_name);

    if (save)
      gtk_file_dialog_save (dialog, parent, cancellable, file_dialog_done_cb, task);
    else
      gtk_file_dialog_open (dialog, parent, cancellable, file_dialog_done_cb, task);
#else
    GtkFileChooserNative *dialog;

    dialog = gtk_file_chooser_native_new (title, parent,
                                          save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                          accept_label, NULL);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    if (save && initial_name != NULL)
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), initial_name);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    /* The task and the dialog live until the response; the cancellable is not watched
     * (GtkFileChooserNative cannot be cancelled from outside before GTK 4.10 either). */
    g_signal_connect (dialog, "response", G_CALLBACK (file_chooser_response_cb), task);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
  }
}

GFile *
sf_compat_choose_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  /* The task's source object is the parent window (or NULL): it is the task that is checked. */
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_is_valid (result, g_task_get_source_object (G_TASK (result))), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sf_compat_choose_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------
 * Links
 */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_message ("Could not open a link: %s", error->message);
}
#endif

void
sf_compat_launch_uri (GtkWidget  *widget,
                      const char *uri)
{
  GtkRoot *root;
  GtkWindow *parent;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  root = gtk_widget_get_root (widget);
  parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, NULL, launch_done_cb, NULL);
  }
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

/* ------------------------------------------------------------------------------------------
 * Accessible names of list and grid items
 */

void
sf_compat_cell_child_init (GtkWidget   *child,
                           GtkListItem *item)
{
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (GTK_IS_LIST_ITEM (item));

#if GTK_CHECK_VERSION (4, 12, 0)
  g_object_set (child, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
#endif
}

void
sf_compat_cell_child_set_label (GtkWidget   *child,
                                GtkListItem *item,
                                const char  *label)
{
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (item == NULL || GTK_IS_LIST_ITEM (item));

#if GTK_CHECK_VERSION (4, 12, 0)
  if (item != NULL)
    {
      gtk_list_item_set_accessible_label (item, label != NULL ? label : "");
      return;
    }
#endif
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* ------------------------------------------------------------------------------------------
 * Layout
 */

#if ADW_CHECK_VERSION (1, 4, 0)
/* (nullable): the first header bar in @widget, depth first */
static AdwHeaderBar *
find_header_bar (GtkWidget *widget)
{
  if (ADW_IS_HEADER_BAR (widget))
    return ADW_HEADER_BAR (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwHeaderBar *found = find_header_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}
#endif

void
sf_compat_navigation_add (GtkWidget  *navigation,
                          GtkWidget  *child,
                          const char *tag,
                          const char *title)
{
  g_return_if_fail (GTK_IS_WIDGET (navigation));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (tag != NULL);

#if ADW_CHECK_VERSION (1, 4, 0)
  {
    AdwNavigationPage *page = adw_navigation_page_new (child, title);
    AdwHeaderBar *header_bar = find_header_bar (child);

    adw_navigation_page_set_tag (page, tag);
    if (header_bar != NULL)
      adw_header_bar_set_show_back_button (header_bar, FALSE);
    adw_navigation_view_add (ADW_NAVIGATION_VIEW (navigation), page);
  }
#else
  gtk_stack_add_titled (GTK_STACK (navigation), child, tag, title);
#endif
}

void
sf_compat_navigation_show (GtkWidget  *navigation,
                           const char *tag)
{
  g_return_if_fail (GTK_IS_WIDGET (navigation));
  g_return_if_fail (tag != NULL);

#if ADW_CHECK_VERSION (1, 4, 0)
  {
    AdwNavigationView *view = ADW_NAVIGATION_VIEW (navigation);
    AdwNavigationPage *page = adw_navigation_view_find_page (view, tag);
    AdwNavigationPage *previous;

    g_return_if_fail (page != NULL);

    if (page == adw_navigation_view_get_visible_page (view))
      return;
    /* A page in the navigation stack is below the visible one: go back to it. */
    for (previous = adw_navigation_view_get_previous_page (view, adw_navigation_view_get_visible_page (view));
         previous != NULL;
         previous = adw_navigation_view_get_previous_page (view, previous))
      if (previous == page)
        {
          adw_navigation_view_pop_to_page (view, page);
          return;
        }
    adw_navigation_view_push (view, page);
  }
#else
  gtk_stack_set_visible_child_name (GTK_STACK (navigation), tag);
#endif
}

const char *
sf_compat_navigation_get_tag (GtkWidget *navigation)
{
  g_return_val_if_fail (GTK_IS_WIDGET (navigation), NULL);

#if ADW_CHECK_VERSION (1, 4, 0)
  {
    AdwNavigationPage *page = adw_navigation_view_get_visible_page (ADW_NAVIGATION_VIEW (navigation));

    return page != NULL ? adw_navigation_page_get_tag (page) : NULL;
  }
#else
  return gtk_stack_get_visible_child_name (GTK_STACK (navigation));
#endif
}

gboolean
sf_compat_sidebar_is_overlay (GtkWidget *sidebar)
{
  g_return_val_if_fail (GTK_IS_WIDGET (sidebar), FALSE);

#if ADW_CHECK_VERSION (1, 4, 0)
  return adw_overlay_split_view_get_collapsed (ADW_OVERLAY_SPLIT_VIEW (sidebar));
#else
  return adw_flap_get_folded (ADW_FLAP (sidebar));
#endif
}

/* ------------------------------------------------------------------------------------------
 * Keyboard shortcuts window
 */

GtkWindow *
sf_compat_get_help_overlay (GtkApplicationWindow *window)
{
  GtkWindow *overlay;

  g_return_val_if_fail (GTK_IS_APPLICATION_WINDOW (window), NULL);

  /* GTK 4.18 deprecates GtkShortcutsWindow and the help overlay for libadwaita 1.8's
   * AdwShortcutsDialog; on a stack without that dialog (Debian 13 has libadwaita 1.7) the
   * overlay that GtkApplication loads from gtk/help-overlay.ui is still the stack's only
   * shortcuts window, so this one call is exempt. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (window));
  G_GNUC_END_IGNORE_DEPRECATIONS

  return overlay;
}

/* ------------------------------------------------------------------------------------------
 * Spinner
 */

struct _SfSpinner
{
  GtkWidget  parent_instance;

  GtkWidget *child;     /* owned: an AdwSpinner or a GtkSpinner */
  gboolean   spinning;
};

G_DEFINE_FINAL_TYPE (SfSpinner, sf_spinner, GTK_TYPE_WIDGET)

enum
{
  SPINNER_PROP_0,
  SPINNER_PROP_SPINNING,
  SPINNER_N_PROPS
};

static GParamSpec *spinner_properties[SPINNER_N_PROPS];

void
sf_spinner_set_spinning (SfSpinner *self,
                         gboolean   spinning)
{
  g_return_if_fail (SF_IS_SPINNER (self));

  spinning = !!spinning;
  if (self->spinning == spinning)
    return;

  self->spinning = spinning;
#if ADW_CHECK_VERSION (1, 6, 0)
  gtk_widget_set_visible (self->child, spinning);
#else
  gtk_spinner_set_spinning (GTK_SPINNER (self->child), spinning);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), spinner_properties[SPINNER_PROP_SPINNING]);
}

gboolean
sf_spinner_get_spinning (SfSpinner *self)
{
  g_return_val_if_fail (SF_IS_SPINNER (self), FALSE);

  return self->spinning;
}

static void
sf_spinner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SfSpinner *self = SF_SPINNER (object);

  switch (prop_id)
    {
    case SPINNER_PROP_SPINNING:
      g_value_set_boolean (value, self->spinning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_spinner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SfSpinner *self = SF_SPINNER (object);

  switch (prop_id)
    {
    case SPINNER_PROP_SPINNING:
      sf_spinner_set_spinning (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_spinner_dispose (GObject *object)
{
  SfSpinner *self = SF_SPINNER (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (sf_spinner_parent_class)->dispose (object);
}

static void
sf_spinner_class_init (SfSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sf_spinner_get_property;
  object_class->set_property = sf_spinner_set_property;
  object_class->dispose = sf_spinner_dispose;

  spinner_properties[SPINNER_PROP_SPINNING] =
    g_param_spec_boolean ("spinning", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, SPINNER_N_PROPS, spinner_properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sfspinner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
sf_spinner_init (SfSpinner *self)
{
#if ADW_CHECK_VERSION (1, 6, 0)
  self->child = adw_spinner_new ();
  gtk_widget_set_visible (self->child, FALSE);
#else
  self->child = gtk_spinner_new ();
#endif
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
}
