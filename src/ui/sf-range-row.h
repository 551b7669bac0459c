#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SF_TYPE_RANGE_ROW (sf_range_row_get_type ())

G_DECLARE_FINAL_TYPE (SfRangeRow, sf_range_row, SF, RANGE_ROW, GtkWidget)

/**
 * SfRangeRow:
 *
 * A range of whole numbers as two rows, "From" and "To", each a spin button that says
 * "Any" at its end of the scale (no limit). A "from" moved past the "to" pushes the "to"
 * along (and the other way round), rather than selecting nothing.
 *
 * Properties (set once, in a template): "lower" and "upper" (the scale of "from"; "to" is one
 * step higher), "step" and "page" (increments), "from-label" and "to-label" (the spin
 * buttons' accessible labels).
 *
 * #SfRangeRow::changed is emitted once per change by the person (never by
 * sf_range_row_set_range()).
 */

/* @from, @to: 0 for no limit */
void sf_range_row_get_range (SfRangeRow *self,
                             int        *from,
                             int        *to);
void sf_range_row_set_range (SfRangeRow *self,
                             int         from,
                             int         to);

/* @start: where one step out of "Any" lands (the newest premiere year, say); 0 for none. */
void sf_range_row_set_start (SfRangeRow *self,
                             int         start);

G_END_DECLS
