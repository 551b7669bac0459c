#include "config.h"

#include <glib/gi18n.h>

#include "sf-application-private.h"
#include "sf-compat.h"
#include "sf-preferences-window.h"
#include "sf-window.h"

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing the windows (not g_application_quit) lets each save its state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  GtkWidget *about;
  const char *developers[] = { "The Series Finder developers", NULL };

  /* AdwAboutDialog from libadwaita 1.5, AdwAboutWindow before (sf-compat.h). */
  about = sf_compat_about_new ();
  g_object_set (about,
                "application-name", _("Series Finder"),
                "application-icon", APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("The Series Finder developers"),
                "developers", developers,
                "website", "https://github.com/seriesfinder/SeriesFinder",
                "issue-url", "https://github.com/seriesfinder/SeriesFinder/issues",
                "license-type", GTK_LICENSE_GPL_3_0,
                "translator-credits", _("translator-credits"),
                NULL);
  /* TVmaze's licence asks for credit and a link back (CC BY-SA 4.0). */
  sf_compat_about_add_legal_section (about,
                                     _("TV Series Data"),
                                     _("Data and images from TVmaze"),
                                     GTK_LICENSE_CUSTOM,
                                     _("The series data comes from <a href=\"https://www.tvmaze.com\">TVmaze</a> "
                                       "and is licensed under "
                                       "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a>."));
  sf_compat_about_add_link (about, _("Data from TVmaze"), "https://www.tvmaze.com");

  sf_compat_dialog_present (about, parent != NULL ? GTK_WIDGET (parent) : NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SfApplication *self = SF_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = sf_preferences_window_new (sf_application_get_settings (self),
                                                      sf_application_get_backend (self));

  sf_compat_dialog_present (preferences, parent != NULL ? GTK_WIDGET (parent) : NULL);
}

static SfWindow *
get_or_create_window (SfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!SF_IS_WINDOW (window))
    window = GTK_WINDOW (sf_window_new (self));

  return SF_WINDOW (window);
}

/* GNOME Shell's search provider: a result activated in the overview. */
static void
open_show_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SfWindow *window = get_or_create_window (SF_APPLICATION (user_data));
  gint64 id = g_variant_get_int64 (parameter);

  if (id > 0)
    sf_window_open_show (window, id, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* "Search in the app" from the overview: the terms go to the search entry, which searches. */
static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SfWindow *window = get_or_create_window (SF_APPLICATION (user_data));
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (window), SF_TYPE_WINDOW,
                                                  "search_entry");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "search");
  if (GTK_IS_EDITABLE (entry))
    gtk_editable_set_text (GTK_EDITABLE (entry), g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

/* A notification about a saved search: the search opens with its new matches marked. */
static void
open_saved_search_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  SfWindow *window = get_or_create_window (SF_APPLICATION (user_data));

  sf_window_open_saved_search (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "open-saved-search", open_saved_search_activated, "s" },
  { "open-show", open_show_activated, "x" },
  { "search", search_activated, "s" },
  { "preferences", preferences_activated },
  { "quit", quit_activated },
  { "about", about_activated },
};

void
_sf_application_install_actions (SfApplication *self)
{
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *close_accels[] = { "<Primary>w", NULL };
  static const char *preferences_accels[] = { "<Primary>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}
