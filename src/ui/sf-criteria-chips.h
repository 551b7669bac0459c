#pragma once

#include <gtk/gtk.h>

#include "sf-criteria.h"

G_BEGIN_DECLS

#define SF_TYPE_CRITERIA_CHIPS (sf_criteria_chips_get_type ())

G_DECLARE_FINAL_TYPE (SfCriteriaChips, sf_criteria_chips, SF, CRITERIA_CHIPS, GtkWidget)

/* The active criteria as removable chips, one per value or range (see
 * sf_criteria_describe()); hidden while nothing filters. Removing a chip emits
 * "criterion-removed" with the criteria without it: the owner applies them (for instance
 * with sf_filter_panel_set_criteria()), and the chips follow through
 * sf_criteria_chips_set_criteria(). */
GtkWidget  *sf_criteria_chips_new          (void);
/* @criteria: (nullable): copied; %NULL for none */
void        sf_criteria_chips_set_criteria (SfCriteriaChips *self,
                                            const SfCriteria *criteria);
/* (transfer none): never %NULL */
SfCriteria *sf_criteria_chips_get_criteria (SfCriteriaChips *self);
guint       sf_criteria_chips_get_n_chips  (SfCriteriaChips *self);
/* @widget: (nullable): shown after the last chip, in the same row (the window's
 * "Save Search…" button); it stays while the chips change */
void        sf_criteria_chips_set_end_widget (SfCriteriaChips *self,
                                              GtkWidget       *widget);

/* A country's name for its code (what the catalog knows); %NULL: the code is shown. */
typedef char *(*SfCriteriaChipsCountryFunc) (const char *code,
                                             gpointer    user_data);

void        sf_criteria_chips_set_country_func (SfCriteriaChips            *self,
                                                SfCriteriaChipsCountryFunc  func,
                                                gpointer                    user_data);

G_END_DECLS
