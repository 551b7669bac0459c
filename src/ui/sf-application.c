#include "config.h"

#include <glib/gi18n.h>

#include "sf-application-private.h"
#include "sf-backend-cache.h"
#include "sf-latency-probe.h"
#include "sf-library-refresh.h"
#include "sf-resources.h"
#include "sf-saved-check.h"
#include "sf-search-provider.h"
#include "sf-window.h"

/* Decoded posters kept in memory: about 600 cards' worth. */
#define IMAGE_CACHE_BYTES (64 * 1024 * 1024)

struct _SfApplication
{
  AdwApplication  parent_instance;

  /* owned */
  GSettings      *settings;
  SfBackend      *backend;
  SfImageLoader  *image_loader;
  SfLibraryRefresh *refresh;
  GCancellable   *cancellable;
  SfLatencyProbe *probe;
  SfSearchProvider *search_provider;
};

G_DEFINE_FINAL_TYPE (SfApplication, sf_application, ADW_TYPE_APPLICATION)

void
sf_ui_register_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      sf_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/* Followed shows refresh every few hours; the interval is short enough that "airs today"
 * arrives the same day. */
#define WATCHLIST_REFRESH_INTERVAL_S (3 * 3600)

static gboolean
setting_enabled (SfApplication *self,
                 const char    *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);

  return !g_settings_schema_has_key (schema, key) || g_settings_get_boolean (self->settings, key);
}

static void
refresh_notification_cb (SfLibraryRefresh *refresh,
                         const char       *title,
                         const char       *body,
                         gint64            show_id,
                         const char       *key,
                         SfApplication    *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  if (!setting_enabled (self, "notifications"))
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  id = g_strdup_printf ("watchlist-%" G_GINT64_FORMAT "-%s", show_id, key);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
library_opened_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SfApplication *self;

  if (!sf_library_open_finish (SF_LIBRARY (source), result, &error))
    {
      /* The window reads the state from the library and says what happened. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The watchlist could not be opened: %s", error->message);
      return;
    }

  self = SF_APPLICATION (user_data);
  self->refresh = sf_library_refresh_new (SF_LIBRARY (source),
                                          sf_backend_get_client (self->backend));
  g_signal_connect_object (self->refresh, "notification",
                           G_CALLBACK (refresh_notification_cb), self, 0);
  sf_library_refresh_start (self->refresh, WATCHLIST_REFRESH_INTERVAL_S);
}

/* "2 new series match British crime dramas": one notification per saved search, for the
 * matches no notification told of yet; activating it opens the search. */
GNotification *
sf_application_new_saved_search_notification (const SfSavedSearchStatus *status)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint n = status->unannounced->len;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new series matches %s",
                                        "%u new series match %s", n),
                           n, status->search->name);
  for (guint i = 0; i < n && i < 3; i++)
    {
      SfShow *show = g_ptr_array_index (status->unannounced, i);

      if (body->len > 0)
        g_string_append (body, ", ");
      g_string_append (body, sf_show_get_name (show));
    }
  if (n > 3)
    /* Translators: after the first three names of new series */
    g_string_append_printf (body, _(" and %u more"), n - 3);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.open-saved-search", "s",
                                                status->search->name);
  return g_steal_pointer (&notification);
}

static void
saved_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SfApplication) self = user_data;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  statuses = sf_saved_searches_check_finish (result, &error);
  if (statuses == NULL)
    {
      g_debug ("Saved searches: %s", error->message);
      return;
    }

  for (guint i = 0; i < statuses->len; i++)
    {
      SfSavedSearchStatus *status = g_ptr_array_index (statuses, i);
      g_autoptr(GNotification) notification = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autofree char *id = NULL;

      if (status->unannounced->len == 0)
        continue;

      if (setting_enabled (self, "notifications"))
        {
          notification = sf_application_new_saved_search_notification (status);
          id = g_strconcat ("saved-search-", status->search->name, NULL);
          g_application_send_notification (G_APPLICATION (self), id, notification);
        }

      /* Told once: the next refresh announces only what is newer still. */
      ids = sf_saved_search_ids_of (status->unannounced);
      sf_library_mark_search (sf_backend_get_library (self->backend), status->search->name, ids,
                              FALSE, self->cancellable);
    }
}

void
sf_application_check_saved_searches (SfApplication *self)
{
  SfLibrary *library;
  SfCatalog *catalog;

  g_return_if_fail (SF_IS_APPLICATION (self));

  library = sf_backend_get_library (self->backend);
  catalog = sf_backend_get_catalog (self->backend);
  if (!sf_library_is_open (library) || !sf_catalog_is_open (catalog))
    return;

  sf_saved_searches_check_async (library, catalog, NULL, self->cancellable, saved_checked_cb,
                                 g_object_ref (self));
}

static void
catalog_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SfApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A quiet refresh: a failure only means the catalog stays as it was until next time. */
  if (!sf_catalog_sync_run_finish (SF_CATALOG_SYNC (source), result, &error))
    {
      g_debug ("Catalog refresh: %s", error->message);
      return;
    }

  /* Saved searches see the refreshed catalog: new matches are announced. */
  sf_application_check_saved_searches (self);
}

static void
catalog_opened_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SfCatalogState state = { 0 };
  SfApplication *self;

  if (!sf_catalog_open_finish (SF_CATALOG (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The catalog could not be opened: %s", error->message);
      return;
    }

  self = SF_APPLICATION (user_data);
  sf_catalog_get_state (SF_CATALOG (source), &state);

  /* A complete catalog older than a day refreshes itself, quietly; building one from
   * nothing waits until the person asks for criteria. */
  if (state.complete && setting_enabled (self, "catalog-auto-refresh"))
    sf_catalog_sync_run_async (sf_backend_get_catalog_sync (self->backend), SF_CATALOG_SYNC_AUTO,
                               self->cancellable, catalog_refreshed_cb, g_object_ref (self));
}

static void
sf_application_startup (GApplication *app)
{
  SfApplication *self = SF_APPLICATION (app);

  G_APPLICATION_CLASS (sf_application_parent_class)->startup (app);

  if (sf_latency_probe_enabled_by_env ())
    self->probe = sf_latency_probe_new (NULL);

  self->settings = sf_backend_load_settings ();
  if (self->settings == NULL)
    g_error ("The GSettings schema %s is not installed; run the program with "
             "`meson devenv -C _build series-finder` or install it", BASE_APPLICATION_ID);

  self->backend = sf_backend_new (self->settings);
  sf_backend_bind_cache_size (self->backend, self->settings);
  self->image_loader = sf_image_loader_new (sf_backend_get_client (self->backend),
                                            IMAGE_CACHE_BYTES);

  if (self->search_provider != NULL)
    {
      g_autofree char *http_cache_dir = sf_backend_dup_http_cache_dir ();

      sf_search_provider_set_catalog (self->search_provider,
                                      sf_backend_get_catalog (self->backend), http_cache_dir);
    }

  self->cancellable = g_cancellable_new ();
  sf_catalog_open_async (sf_backend_get_catalog (self->backend), self->cancellable,
                         catalog_opened_cb, self);

  sf_library_open_async (sf_backend_get_library (self->backend), self->cancellable,
                         library_opened_cb, self);

  _sf_application_install_actions (self);
}

static void
sf_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sf_window_new (SF_APPLICATION (app)));

  gtk_window_present (window);
}

static void
sf_application_shutdown (GApplication *app)
{
  SfApplication *self = SF_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->refresh != NULL)
    sf_library_refresh_stop (self->refresh);
  if (self->backend != NULL)
    sf_backend_flush (self->backend);

  if (self->probe != NULL)
    {
      g_autofree char *summary = sf_latency_probe_dup_summary (self->probe);

      g_printerr ("series-finder: %s\n", summary);
    }

  G_APPLICATION_CLASS (sf_application_parent_class)->shutdown (app);
}

/* GNOME Shell's search provider, beside the application's own object: exported here, before
 * the bus name is taken, so that the first call from the Shell finds it. */
static gboolean
sf_application_dbus_register (GApplication    *app,
                              GDBusConnection *connection,
                              const char      *object_path,
                              GError         **error)
{
  SfApplication *self = SF_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (sf_application_parent_class)->dbus_register (app, connection,
                                                                         object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = sf_search_provider_new (app, NULL, NULL);

  return sf_search_provider_export (self->search_provider, connection, path, error);
}

static void
sf_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  SfApplication *self = SF_APPLICATION (app);

  if (self->search_provider != NULL)
    sf_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (sf_application_parent_class)->dbus_unregister (app, connection,
                                                                      object_path);
}

static void
sf_application_dispose (GObject *object)
{
  SfApplication *self = SF_APPLICATION (object);

  g_clear_object (&self->search_provider);
  g_clear_object (&self->refresh);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->image_loader);
  g_clear_object (&self->backend);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->probe, sf_latency_probe_free);

  G_OBJECT_CLASS (sf_application_parent_class)->dispose (object);
}

static void
sf_application_class_init (SfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sf_application_dispose;

  app_class->startup = sf_application_startup;
  app_class->activate = sf_application_activate;
  app_class->shutdown = sf_application_shutdown;
  app_class->dbus_register = sf_application_dbus_register;
  app_class->dbus_unregister = sf_application_dbus_unregister;

  sf_ui_register_resources ();
}

static void
sf_application_init (SfApplication *self)
{
}

SfApplication *
sf_application_new (void)
{
  return g_object_new (SF_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/seriesfinder/SeriesFinder",
                       NULL);
}

SfBackend *
sf_application_get_backend (SfApplication *self)
{
  g_return_val_if_fail (SF_IS_APPLICATION (self), NULL);

  return self->backend;
}

GSettings *
sf_application_get_settings (SfApplication *self)
{
  g_return_val_if_fail (SF_IS_APPLICATION (self), NULL);

  return self->settings;
}

SfImageLoader *
sf_application_get_image_loader (SfApplication *self)
{
  g_return_val_if_fail (SF_IS_APPLICATION (self), NULL);

  return self->image_loader;
}

SfLibrary *
sf_application_get_library (SfApplication *self)
{
  g_return_val_if_fail (SF_IS_APPLICATION (self), NULL);

  /* The backend's, from startup on */
  return self->backend != NULL ? sf_backend_get_library (self->backend) : NULL;
}
