#include "config.h"

#include <glib/gi18n.h>

#include "sf-application-private.h"
#include "sf-preferences-window.h"

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
  AdwAboutWindow *about;
  const char *developers[] = { "The Series Finder developers", NULL };

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Series Finder"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Series Finder developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_website (about, "https://github.com/seriesfinder/SeriesFinder");
  adw_about_window_set_issue_url (about, "https://github.com/seriesfinder/SeriesFinder/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* TVmaze's licence asks for credit and a link back (CC BY-SA 4.0). */
  adw_about_window_add_legal_section (about,
                                      _("TV Series Data"),
                                      _("Data and images from TVmaze"),
                                      GTK_LICENSE_CUSTOM,
                                      _("The series data comes from <a href=\"https://www.tvmaze.com\">TVmaze</a> "
                                        "and is licensed under "
                                        "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a>."));
  adw_about_window_add_link (about, _("Data from TVmaze"), "https://www.tvmaze.com");
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SfApplication *self = SF_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (sf_preferences_window_new (parent,
                                                             sf_application_get_settings (self),
                                                             sf_application_get_backend (self))));
}

static const GActionEntry app_actions[] = {
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
