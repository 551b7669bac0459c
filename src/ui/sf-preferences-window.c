/* sf-preferences-window.c: server, notifications, catalog refresh, cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sf-compat.h"
#include "sf-backend-cache.h"
#include "sf-preferences-window.h"
#include "sf-scroll-guard.h"

#define RESOURCE_PATH "/io/github/seriesfinder/SeriesFinder/"

struct _SfPreferencesWindow
{
  SfCompatPreferencesBase parent_instance;

  /* template widgets */
  AdwPreferencesPage   *page;
  AdwEntryRow          *api_url_row;
  AdwActionRow         *api_url_in_use_row;
  GtkSwitch            *notifications_switch;
  GtkSwitch            *catalog_refresh_switch;
  GtkSpinButton        *cache_size_spin;
  AdwActionRow         *cache_usage_row;
  SfSpinner           *cache_spinner;
  GtkButton            *clear_button;

  /* owned */
  GSettings            *settings;
  SfBackend            *backend;
  GCancellable         *cancellable;

  gint64                cache_bytes;
  guint                 busy;       /* measurements and clears in flight */
};

G_DEFINE_FINAL_TYPE (SfPreferencesWindow, sf_preferences_window, SF_COMPAT_TYPE_PREFERENCES_BASE)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BACKEND,
  PROP_BUSY,
  PROP_CACHE_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------
 * Server address
 */

/* (transfer full) (nullable): @text as the address to store (no trailing slash), or NULL
 * when it is not a web address */
static char *
dup_valid_api_url (const char *text)
{
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  if (host == NULL || *host == '\0')
    return NULL;
  /* The client appends paths and its own query. */
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return NULL;

  return g_steal_pointer (&url);
}

static void
set_api_url_invalid (SfPreferencesWindow *self,
                     gboolean             invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (self->api_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->api_url_row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->api_url_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
add_toast (SfPreferencesWindow *self,
           const char          *title)
{
  /* Toast titles are markup; ours may quote an error message. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  sf_compat_preferences_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
}

static void
api_url_apply_cb (SfPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->api_url_row));
  g_autofree char *stored = g_settings_get_string (self->settings, "api-url");
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *url = NULL;

  /* An empty field means "the default", like the reset button. */
  if (*stripped == '\0')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "prefs.reset-api-url", NULL);
      return;
    }

  url = dup_valid_api_url (text);
  if (url == NULL)
    {
      set_api_url_invalid (self, TRUE);
      add_toast (self, _("Enter a web address that starts with https:// or http://"));
      return;
    }

  set_api_url_invalid (self, FALSE);
  if (g_strcmp0 (url, text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->api_url_row), url);
  if (g_strcmp0 (url, stored) == 0)
    return;

  g_settings_set_string (self->settings, "api-url", url);
  add_toast (self, _("Saved: Series Finder uses this address from its next start"));
}

static void
api_url_changed_cb (SfPreferencesWindow *self)
{
  /* Editing clears the mark until the next apply. */
  set_api_url_invalid (self, FALSE);
}

static void
api_url_setting_changed_cb (SfPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "api-url");

  /* The text being edited is the person's; anything else follows the setting. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->api_url_row), "focused"))
    return;
  if (g_strcmp0 (url, gtk_editable_get_text (GTK_EDITABLE (self->api_url_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->api_url_row), url);
  set_api_url_invalid (self, FALSE);
}

static void
reset_api_url_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SfPreferencesWindow *self = SF_PREFERENCES_WINDOW (widget);
  g_autofree char *url = NULL;

  g_settings_reset (self->settings, "api-url");
  url = g_settings_get_string (self->settings, "api-url");
  gtk_editable_set_text (GTK_EDITABLE (self->api_url_row), url);
  set_api_url_invalid (self, FALSE);
}

static void
update_api_url_in_use (SfPreferencesWindow *self)
{
  const char *env = g_getenv ("SERIES_FINDER_API_URL");
  const char *in_use = sf_backend_get_api_url (self->backend);

  if (env != NULL && *env != '\0')
    /* Translators: SERIES_FINDER_API_URL is an environment variable: keep it as it is */
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->api_url_in_use_row),
                                   _("Address in Use (set by SERIES_FINDER_API_URL)"));
  adw_action_row_set_subtitle (self->api_url_in_use_row, in_use);
}

/* ------------------------------------------------------------------------------------------
 * Cache
 */

/* Clearing waits for the measurement in flight, and there is nothing to clear in an empty
 * cache (an unknown size may be cleared). */
static void
update_clear_enabled (SfPreferencesWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-cache",
                                 self->busy == 0 && self->cache_bytes != 0);
}

/* The cache spinner follows "busy" (a binding in sf-preferences-window.ui). */
static void
set_busy (SfPreferencesWindow *self,
          gboolean             busy)
{
  gboolean was_busy = self->busy > 0;

  if (busy)
    self->busy++;
  else
    self->busy--;

  if (was_busy != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_clear_enabled (self);
}

static void
set_cache_bytes (SfPreferencesWindow *self,
                 gint64               bytes)
{
  if (self->cache_bytes == bytes)
    return;

  self->cache_bytes = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_BYTES]);
}

static void
show_cache_bytes (SfPreferencesWindow *self,
                  guint64              bytes)
{
  g_autofree char *size = NULL;

  set_cache_bytes (self, (gint64) MIN (bytes, (guint64) G_MAXINT64));
  update_clear_enabled (self);

  if (bytes == 0)
    {
      adw_action_row_set_subtitle (self->cache_usage_row, _("Empty"));
      return;
    }

  size = g_format_size (bytes);
  adw_action_row_set_subtitle (self->cache_usage_row, size);
}

static void
measure_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SfPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 bytes = 0;

  if (!sf_backend_measure_cache_finish (SF_BACKEND (source), result, &bytes, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_cache_bytes (self, -1);
      set_busy (self, FALSE);
      /* Not worth more than a word: the size is only information. */
      adw_action_row_set_subtitle (self->cache_usage_row, _("Size unknown"));
      return;
    }

  set_busy (self, FALSE);
  show_cache_bytes (self, bytes);
}

static void
measure_cache (SfPreferencesWindow *self)
{
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->cache_usage_row, _("Measuring…"));
  /* The reference keeps the window until the answer, which comes soon after a cancel. */
  sf_backend_measure_cache_async (self->backend, self->cancellable, measure_done_cb,
                                  g_object_ref (self));
}

static void
clear_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SfPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 freed = 0;
  gboolean cleared;

  cleared = sf_backend_clear_cache_finish (SF_BACKEND (source), result, &freed, &error);

  set_busy (self, FALSE);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!cleared)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, e.g. "Permission denied" */
      message = g_strdup_printf (_("The cache could not be cleared completely: %s"),
                                 error->message);
      add_toast (self, message);
    }
  else
    {
      g_autofree char *size = g_format_size (freed);
      g_autofree char *message = NULL;

      /* Translators: %s is an amount like "12.3 MB" */
      message = g_strdup_printf (_("Cache cleared: %s freed"), size);
      add_toast (self, message);
    }

  /* Posters on screen may be stored again already: measure rather than say 0. */
  measure_cache (self);
}

static void
clear_cache_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SfPreferencesWindow *self = SF_PREFERENCES_WINDOW (widget);

  if (self->busy > 0)
    return;

  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->cache_usage_row, _("Clearing…"));
  /* Not cancelled when the window closes: a half-cleared cache helps nobody. */
  sf_backend_clear_cache_async (self->backend, NULL, clear_done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------------------------
 * GObject
 */

static void
sf_preferences_window_constructed (GObject *object)
{
  SfPreferencesWindow *self = SF_PREFERENCES_WINDOW (object);
  g_autofree char *url = NULL;

  G_OBJECT_CLASS (sf_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (SF_IS_BACKEND (self->backend));

  g_settings_bind (self->settings, "notifications",
                   self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "catalog-auto-refresh",
                   self->catalog_refresh_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "cache-size-mb",
                   gtk_spin_button_get_adjustment (self->cache_size_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  /* The address is stored on "apply" only, once checked: not bound. */
  url = g_settings_get_string (self->settings, "api-url");
  gtk_editable_set_text (GTK_EDITABLE (self->api_url_row), url);
  g_signal_connect_object (self->settings, "changed::api-url",
                           G_CALLBACK (api_url_setting_changed_cb), self, G_CONNECT_SWAPPED);
  update_api_url_in_use (self);

  measure_cache (self);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child))
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

/* libadwaita 1.2's AdwPreferencesWindow never frees its search model, which keeps every row
 * alive (with its switches, their settings bindings and so the GSettings) after the window
 * is gone. A row taken out of its group first is freed. (Later libadwaita clears the model
 * in its dispose.) */
static void
release_rows (SfPreferencesWindow *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (self->page == NULL)
    return;

  collect_rows (GTK_WIDGET (self->page), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *group = gtk_widget_get_ancestor (rows->pdata[i], ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), rows->pdata[i]);
    }
}

static void
sf_preferences_window_dispose (GObject *object)
{
  SfPreferencesWindow *self = SF_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  release_rows (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (sf_preferences_window_parent_class)->dispose (object);
}

static void
sf_preferences_window_finalize (GObject *object)
{
  SfPreferencesWindow *self = SF_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (sf_preferences_window_parent_class)->finalize (object);
}

static void
sf_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SfPreferencesWindow *self = SF_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_CACHE_BYTES:
      g_value_set_int64 (value, self->cache_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SfPreferencesWindow *self = SF_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_preferences_window_class_init (SfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sf_preferences_window_constructed;
  object_class->dispose = sf_preferences_window_dispose;
  object_class->finalize = sf_preferences_window_finalize;
  object_class->get_property = sf_preferences_window_get_property;
  object_class->set_property = sf_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, SF_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* TRUE while the cache is measured or cleared */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The cache's size as last measured, in bytes; -1 while unknown */
  properties[PROP_CACHE_BYTES] =
    g_param_spec_int64 ("cache-bytes", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SF_TYPE_SPINNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "sf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, page);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, api_url_row);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, api_url_in_use_row);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, catalog_refresh_switch);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, cache_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, cache_usage_row);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, cache_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfPreferencesWindow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, api_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, api_url_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.clear-cache", NULL, clear_cache_action);
  gtk_widget_class_install_action (widget_class, "prefs.reset-api-url", NULL,
                                   reset_api_url_action);
}

static void
sf_preferences_window_init (SfPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->cache_bytes = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  sf_compat_preferences_init (GTK_WIDGET (self), _("Preferences"));
  /* Scrolling the page must not change the limit on its way. */
  sf_scroll_guard_attach (GTK_WIDGET (self->cache_size_spin));
}

GtkWidget *
sf_preferences_window_new (GSettings *settings,
                           SfBackend *backend)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SF_IS_BACKEND (backend), NULL);

  return g_object_new (SF_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "backend", backend,
                       NULL);
}
