#pragma once

#include <adwaita.h>

#include "sf-image-loader.h"

G_BEGIN_DECLS

#define SF_TYPE_CAST_DIALOG (sf_cast_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SfCastDialog, sf_cast_dialog, SF, CAST_DIALOG, AdwWindow)

/**
 * sf_cast_dialog_new:
 * @cast: (element-type SfCastMember): the whole cast
 * @loader: loads the photos of the cards in view
 * @show_name: (nullable): the show's name, for the subtitle (shown as plain text)
 *
 * A window with every cast member of a show, in a virtualized grid: only the cards in view
 * exist, so a cast of thousands costs as little as a cast of ten.
 */
SfCastDialog *sf_cast_dialog_new       (GListModel    *cast,
                                        SfImageLoader *loader,
                                        const char    *show_name);

/* For tests: the grid of cards. */
GtkGridView  *sf_cast_dialog_get_grid  (SfCastDialog  *self);

G_END_DECLS
