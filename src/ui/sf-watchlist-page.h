#pragma once

#include <gtk/gtk.h>

#include "sf-image-loader.h"
#include "sf-library.h"

G_BEGIN_DECLS

#define SF_TYPE_WATCHLIST_PAGE (sf_watchlist_page_get_type ())

G_DECLARE_FINAL_TYPE (SfWatchlistPage, sf_watchlist_page, SF, WATCHLIST_PAGE, GtkWidget)

/**
 * sf_watchlist_page_new:
 * @library: the watchlist (open, or opening: its first answer is awaited)
 * @loader: loads the posters
 *
 * In a template, set the "library" (once) and "image-loader" properties later: the page lists
 * once it has its library.
 *
 * The followed shows in three sections (upcoming, soonest first; nothing announced;
 * ended). It lists them at once and again shortly after each #SfLibrary::changed.
 *
 * Signals:
 * - "show-activated" (gint64 id, SfShow *show): a row was activated; open the show
 * - "unfollowed" (gint64 id, const char *name, SfShow *show): the person unfollowed a show
 *   with the row's button and the watchlist stored it; offer an "Undo" (follow @show again)
 */
GtkWidget  *sf_watchlist_page_new            (SfLibrary       *library,
                                              SfImageLoader   *loader);

/* Lists again now (e.g. when the page is shown, so that "in 3 days" is up to date). */
void        sf_watchlist_page_refresh        (SfWatchlistPage *self);

G_END_DECLS
