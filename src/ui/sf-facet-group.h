#pragma once

#include <gtk/gtk.h>

#include "sf-criteria.h"
#include "sf-filter-chip.h"
#include "sf-search.h"

G_BEGIN_DECLS

#define SF_TYPE_FACET_GROUP (sf_facet_group_get_type ())

G_DECLARE_FINAL_TYPE (SfFacetGroup, sf_facet_group, SF, FACET_GROUP, GtkWidget)

/**
 * SfFacetGroup:
 *
 * The chips of one facet of the filter panel (genres, status, type or language), wrapped like
 * words: one chip per value the criteria know, the catalog holds or the criteria name, each
 * with its count. The chips stay put while counts come and go (see sf_facet_group_sync()).
 * #SfFacetGroup::chip-toggled says which chip the person changed; the owner edits the
 * criteria.
 */
GtkWidget   *sf_facet_group_new           (SfCriterion         criterion);

/* %SF_CRITERION_GENRES_ALL (genres, three states), _STATUS, _TYPE or _LANGUAGE */
void         sf_facet_group_set_criterion (SfFacetGroup       *self,
                                           SfCriterion         criterion);
SfCriterion  sf_facet_group_get_criterion (SfFacetGroup       *self);

/**
 * sf_facet_group_sync:
 * @criteria: what the chips' states show
 * @universe: (element-type SfFacetCount) (nullable): the catalog's values with their counts
 *   without criteria; %NULL while unknown
 * @rebuild: %FALSE keeps chips already there even when no longer wanted (a value just turned
 *   off keeps its place)
 *
 * The chips only change when the set of values does, so that a chip under the pointer or
 * with the focus stays put.
 */
void         sf_facet_group_sync          (SfFacetGroup       *self,
                                           const SfCriteria   *criteria,
                                           GPtrArray          *universe,
                                           gboolean            rebuild);

/**
 * sf_facet_group_update_counts:
 * @search: (nullable): whose facet counts the chips show; %NULL: no counts
 * @universe: (element-type SfFacetCount) (nullable): as for sf_facet_group_sync(), for the
 *   width every count gets
 * @counting: counts are coming (room is kept for them even before the universe is known)
 */
void         sf_facet_group_update_counts (SfFacetGroup       *self,
                                           SfSearch           *search,
                                           GPtrArray          *universe,
                                           gboolean            counting);

G_END_DECLS
