#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SF_TYPE_POSTER_BOX (sf_poster_box_get_type ())

G_DECLARE_FINAL_TYPE (SfPosterBox, sf_poster_box, SF, POSTER_BOX, GtkWidget)

/* Lays out two children: a poster of fixed size (the first) beside the details (the second)
 * when there is room, above them (centred) when narrow. "wide" says which. */
GtkWidget *sf_poster_box_new      (void);
gboolean   sf_poster_box_get_wide (SfPosterBox *self);

G_END_DECLS
