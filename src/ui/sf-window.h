#pragma once

#include <adwaita.h>

#include "sf-application.h"
#include "sf-show-page.h"
#include "sf-watchlist-page.h"

G_BEGIN_DECLS

#define SF_TYPE_WINDOW (sf_window_get_type ())

G_DECLARE_FINAL_TYPE (SfWindow, sf_window, SF, WINDOW, AdwApplicationWindow)

SfWindow   *sf_window_new              (SfApplication *application);

/* Properties: "state" (what the search view shows: "empty", "results", "no-results",
 * "offline", "error" or "loading"), "searching", "page" ("browse" or "show"), "view"
 * ("search" or "watchlist"), "show-page" and "watchlist-page". Tests and benchmarks read
 * the rest from the template's children ("results", "search_entry", "spinner", ...). */

/* Opens the page of the series @id; @known: (nullable): what the caller already has. */
void        sf_window_open_show        (SfWindow      *self,
                                        gint64         id,
                                        SfShow        *known);

/* Imports the watchlist file @file (as Import Watchlist… does) and says how it went: the
 * number imported, the ids TVmaze does not know (taken out again), or why the file was
 * refused. */
void        sf_window_import_watchlist (SfWindow      *self,
                                        GFile         *file);

G_END_DECLS
