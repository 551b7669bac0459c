#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SF_TYPE_REMOVABLE_CHIP (sf_removable_chip_get_type ())

G_DECLARE_FINAL_TYPE (SfRemovableChip, sf_removable_chip, SF, REMOVABLE_CHIP, GtkWidget)

/* A label with a close button ("Remove LABEL" to a screen reader); the button emits
 * "remove". The label is plain text, never markup. */
GtkWidget  *sf_removable_chip_new       (const char      *label);
const char *sf_removable_chip_get_label (SfRemovableChip *self);
/* What the close button does, for keyboard shortcuts and tests. */
void        sf_removable_chip_remove    (SfRemovableChip *self);

G_END_DECLS
