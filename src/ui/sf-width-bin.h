#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SF_TYPE_WIDTH_BIN (sf_width_bin_get_type ())

G_DECLARE_FINAL_TYPE (SfWidthBin, sf_width_bin, SF, WIDTH_BIN, GtkWidget)

/* A bin whose width does not depend on its height: asked for its width at some height, it
 * gives its width at any height. Put between a GtkViewport and long wrapping content (see
 * sf-width-bin.c). */
GtkWidget *sf_width_bin_new       (GtkWidget  *child);
GtkWidget *sf_width_bin_get_child (SfWidthBin *self);

G_END_DECLS
