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
 *
 * Properties: "busy" (the cache is measured or cleared) and "cache-bytes" (the size of the
 * HTTP cache when last measured; -1 before).
 */
GtkWidget   *sf_preferences_window_new            (GSettings           *settings,
                                                   SfBackend           *backend);

G_END_DECLS
