#pragma once

#include <adwaita.h>

#include "sf-application.h"
#include "sf-show-page.h"
#include "sf-watchlist-page.h"

G_BEGIN_DECLS

#define SF_TYPE_WINDOW (sf_window_get_type ())

G_DECLARE_FINAL_TYPE (SfWindow, sf_window, SF, WINDOW, AdwApplicationWindow)

SfWindow   *sf_window_new              (SfApplication *application);

/* For tests and benchmarks: the state shown ("empty", "results", "no-results", "offline",
 * "error", "loading"), the results model and the search entry. */
const char *sf_window_get_state        (SfWindow      *self);
GListModel *sf_window_get_results      (SfWindow      *self);
GtkEditable *sf_window_get_search_entry (SfWindow     *self);
gboolean    sf_window_get_spinner_visible (SfWindow   *self);
gboolean    sf_window_get_busy_visible (SfWindow      *self);
/* the note that TVmaze could not be reached and the results come from the saved catalog */
gboolean    sf_window_get_saved_note_visible (SfWindow *self);
gboolean    sf_window_get_searching    (SfWindow      *self);
/* "browse" or "show" */
const char *sf_window_get_page         (SfWindow      *self);
SfShowPage *sf_window_get_show_page    (SfWindow      *self);
SfWatchlistPage *sf_window_get_watchlist_page (SfWindow *self);
/* "search" or "watchlist" */
const char *sf_window_get_view         (SfWindow      *self);
void        sf_window_open_show        (SfWindow      *self,
                                        gint64         id,
                                        SfShow        *known);

G_END_DECLS
