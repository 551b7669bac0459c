#pragma once

#include <gtk/gtk.h>

#include "sf-catalog.h"
#include "sf-criteria.h"
#include "sf-search.h"

G_BEGIN_DECLS

#define SF_TYPE_FILTER_PANEL (sf_filter_panel_get_type ())

G_DECLARE_FINAL_TYPE (SfFilterPanel, sf_filter_panel, SF, FILTER_PANEL, GtkWidget)

/**
 * SfFilterPanel:
 *
 * The criteria editor: sort, genres (include or exclude, all or any), status, type,
 * language, network or web channel, country, premiere years, minimum rating and runtime,
 * each value with the number of series it would match. It edits everything but the title
 * text, which it keeps as given by sf_filter_panel_set_criteria().
 *
 * #SfFilterPanel::criteria-changed is emitted once per change by the person (toggles at
 * once, spin buttons and the rating slider ~150 ms after the last move), and by
 * sf_filter_panel_set_criteria() and sf_filter_panel_reset() when the criteria really
 * changed (sf_criteria_equal()).
 */
GtkWidget  *sf_filter_panel_new            (void);

/* @catalog: (nullable): where counts and completions come from, through a search of the
 * panel's own that asks the panel's criteria; %NULL: none. The panel only shows counts of a
 * catalog that holds shows: call sf_filter_panel_refresh_counts() once it has opened and
 * whenever it grew. */
void        sf_filter_panel_set_catalog    (SfFilterPanel *self,
                                            SfCatalog     *catalog);

/* @search: (nullable): the search whose counts (#SfSearch:facets, title included) and total
 * the panel shows, and whose catalog gives the values and completions. The owner of @search
 * asks it its question (the panel's criteria plus the title); the panel never does. */
void        sf_filter_panel_set_search     (SfFilterPanel *self,
                                            SfSearch      *search);

/* (transfer none): the criteria shown, never %NULL. The panel never edits it in place (a
 * change replaces it), so a reference taken now keeps meaning the same thing. */
SfCriteria *sf_filter_panel_get_criteria   (SfFilterPanel *self);

/* @criteria: (nullable): copied; %NULL for none. */
void        sf_filter_panel_set_criteria   (SfFilterPanel *self,
                                            const SfCriteria *criteria);

/* Clears every filter and the sort order; the title text stays. */
void        sf_filter_panel_reset          (SfFilterPanel *self);

/* The catalog changed: counts, the language list and the countries are queried again, at
 * most about once a second however often this is called. */
void        sf_filter_panel_refresh_counts (SfFilterPanel *self);

/* The name the catalog gives the country @code ("United Kingdom" for "GB"), once the panel
 * has the catalog's countries; %NULL when unknown. */
char          *sf_filter_panel_dup_country_name (SfFilterPanel *self,
                                                 const char    *code);

G_END_DECLS
