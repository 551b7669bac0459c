#pragma once

/* The filter panel's parts, shared by its files: sf-filter-panel.c (the criteria and the
 * facets) and sf-filter-panel-places.c (network and country completion). */

#include <adwaita.h>

#include "sf-completion.h"
#include "sf-facet-group.h"
#include "sf-filter-panel.h"
#include "sf-range-row.h"

G_BEGIN_DECLS

struct _SfFilterPanel
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *content;
  GtkLabel      *match_label;
  GtkButton     *reset_button;
  AdwComboRow   *sort_row;
  GtkToggleButton *genre_all_button;
  GtkToggleButton *genre_any_button;
  SfFacetGroup  *genre_box;
  SfFacetGroup  *status_box;
  SfFacetGroup  *type_box;
  SfFacetGroup  *language_box;
  AdwEntryRow   *channel_entry;
  GtkListBox    *channel_suggestions;
  GtkBox        *channel_chips;
  AdwEntryRow   *country_entry;
  GtkListBox    *country_suggestions;
  GtkBox        *country_chips;
  SfRangeRow    *year_range;
  GtkLabel      *rating_value;
  GtkScale      *rating_scale;
  SfRangeRow    *runtime_range;
  GtkScrolledWindow *scroller;

  /* owned */
  SfCatalog     *catalog;               /* nullable: the search's */
  SfSearch      *search;                /* nullable: its facets are the counts */
  gboolean       own_search;            /* made by set_catalog(): the panel asks it */
  SfCriteria    *criteria;              /* what the widgets show; replaced, never edited */
  SfCriteria    *emitted;               /* as of the last "criteria-changed" */
  GPtrArray     *universe;              /* SfFacetCount for empty criteria; nullable */
  GPtrArray     *countries;             /* SfCountryCount, most shows first; nullable */
  GPtrArray     *country_keys;          /* each country's normalized name, nullable ones */
  SfCompletion  *channel_completion;
  SfCompletion  *country_completion;
  GCancellable  *universe_cancellable;  /* the values and the countries */
  GCancellable  *complete_cancellable;

  guint          emit_source;
  guint          refresh_source;
  int            match_count;           /* -1: not known */
  gboolean       updating;              /* widgets follow the criteria: not a person's change */
};

/* sf-filter-panel.c */
gboolean    _sf_filter_panel_contains_nocase          (const char * const *values,
                                                       const char         *value);
/* The catalog is open and holds shows: counts mean something. */
gboolean    _sf_filter_panel_has_shows                (SfFilterPanel      *self);
/* Takes @criteria: the person's change, already shown by the widget they used. */
void        _sf_filter_panel_apply                    (SfFilterPanel      *self,
                                                       SfCriteria         *criteria,
                                                       gboolean            debounce);
/* The chips only: spin buttons keep whatever is being typed into them. */
void        _sf_filter_panel_sync_values              (SfFilterPanel      *self,
                                                       gboolean            rebuild);

/* sf-filter-panel-places.c */
void        _sf_filter_panel_places_init              (SfFilterPanel      *self);
const SfCountryCount *_sf_filter_panel_find_country   (SfFilterPanel      *self,
                                                       const char         *code);
/* Takes @countries (or %NULL: none known). */
void        _sf_filter_panel_set_countries            (SfFilterPanel      *self,
                                                       GPtrArray          *countries);
/* The search counted again: the suggestions on screen say the new counts. */
void        _sf_filter_panel_update_suggestion_counts (SfFilterPanel      *self);
void        _sf_filter_panel_hide_suggestions         (SfFilterPanel      *self);

G_END_DECLS
