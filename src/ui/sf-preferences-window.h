#pragma once

#include <adwaita.h>

#include "sf-backend.h"
#include "sf-compat.h"

G_BEGIN_DECLS

#define SF_TYPE_PREFERENCES_WINDOW (sf_preferences_window_get_type ())

/* An AdwPreferencesWindow before libadwaita 1.5, an AdwPreferencesDialog from it (see
 * sf-compat.h): show and close it with sf_compat_dialog_present() and _close(). */
G_DECLARE_FINAL_TYPE (SfPreferencesWindow, sf_preferences_window, SF, PREFERENCES_WINDOW,
                      SfCompatPreferencesBase)

/**
 * sf_preferences_window_new:
 * @settings: the application's settings; the rows are bound to them
 * @backend: whose HTTP cache the window measures and clears
 *
 * Actions: `prefs.clear-cache` deletes the HTTP cache (never the watchlist).
 */
GtkWidget   *sf_preferences_window_new            (GSettings           *settings,
                                                   SfBackend           *backend);

/* For tests: the server URL row (a #GtkEditable; "apply" stores a valid URL) */
AdwEntryRow *sf_preferences_window_get_api_url_row (SfPreferencesWindow *self);
/* For tests: TRUE while the server URL is marked as invalid */
gboolean     sf_preferences_window_get_api_url_invalid (SfPreferencesWindow *self);
/* For tests: the switches and the cache size */
GtkSwitch   *sf_preferences_window_get_notifications_switch (SfPreferencesWindow *self);
GtkSwitch   *sf_preferences_window_get_catalog_refresh_switch (SfPreferencesWindow *self);
GtkSpinButton *sf_preferences_window_get_cache_size_spin (SfPreferencesWindow *self);
/* For tests: TRUE while the cache is measured or cleared */
gboolean     sf_preferences_window_get_busy          (SfPreferencesWindow *self);
/* For tests: the bytes the HTTP cache held when last measured; -1 before */
gint64       sf_preferences_window_get_cache_bytes   (SfPreferencesWindow *self);

G_END_DECLS
