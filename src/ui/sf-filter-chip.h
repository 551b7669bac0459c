#pragma once

#include <gtk/gtk.h>

#include "sf-criteria.h"

G_BEGIN_DECLS

#define SF_TYPE_FILTER_CHIP (sf_filter_chip_get_type ())

G_DECLARE_FINAL_TYPE (SfFilterChip, sf_filter_chip, SF, FILTER_CHIP, GtkWidget)

/**
 * SfFilterChipState:
 * @SF_FILTER_CHIP_NEUTRAL: the value does not filter
 * @SF_FILTER_CHIP_INCLUDED: shows must have it
 * @SF_FILTER_CHIP_EXCLUDED: shows must not have it (three-state chips only)
 */
typedef enum
{
  SF_FILTER_CHIP_NEUTRAL,
  SF_FILTER_CHIP_INCLUDED,
  SF_FILTER_CHIP_EXCLUDED,
} SfFilterChipState;

/* One value of a facet (a genre, a status, ...) as a toggle showing its count. A click cycles
 * neutral → included (→ excluded when @tristate) → neutral and emits "toggled"; so do the
 * actions chip.include, chip.exclude, chip.clear and chip.toggle-exclude (secondary click,
 * Shift+Enter), and its context menu (Menu, Shift+F10, long press). Its width never depends
 * on its state. */
GtkWidget         *sf_filter_chip_new            (SfCriterion        criterion,
                                                  const char        *value,
                                                  gboolean           tristate);
SfCriterion        sf_filter_chip_get_criterion  (SfFilterChip      *self);
const char        *sf_filter_chip_get_value      (SfFilterChip      *self);
SfFilterChipState  sf_filter_chip_get_state      (SfFilterChip      *self);
/* Does not emit "toggled". */
void               sf_filter_chip_set_state      (SfFilterChip      *self,
                                                  SfFilterChipState  state);
/* -1: unknown (no count shown); 0 is shown dimmed. */
void               sf_filter_chip_set_count      (SfFilterChip      *self,
                                                  int                count);
int                sf_filter_chip_get_count      (SfFilterChip      *self);
/* Room for a count of @chars characters (the widest count the chip can show, so that the
 * chip keeps its width whatever its count); it only ever grows. */
void               sf_filter_chip_set_count_chars (SfFilterChip     *self,
                                                   int               chars);
/* The count as shown ("12,431"), "" when unknown */
const char        *sf_filter_chip_get_count_text (SfFilterChip      *self);

G_END_DECLS
