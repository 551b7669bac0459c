#pragma once

#include <gtk/gtk.h>

#include "sf-image-loader.h"
#include "sf-library.h"
#include "sf-show.h"

G_BEGIN_DECLS

#define SF_TYPE_SHOW_CARD (sf_show_card_get_type ())

G_DECLARE_FINAL_TYPE (SfShowCard, sf_show_card, SF, SHOW_CARD, GtkWidget)

GtkWidget *sf_show_card_new        (void);
/* Binding a show starts its poster download; binding NULL (or another show) cancels it.
 * The "show" property says which show is bound. */
void       sf_show_card_set_show   (SfShowCard    *self,
                                    SfShow        *show,
                                    SfImageLoader *loader);
/* The watchlist: the card marks a followed show and offers Follow/Unfollow in its menu. */
void       sf_show_card_set_library (SfShowCard   *self,
                                    SfLibrary     *library);
/* In a list or grid view: @item is the cell that holds the card, which then carries the card's
 * accessible name where the stack names cells (see sf_compat_cell_child_init). */
void       sf_show_card_set_list_item (SfShowCard *self,
                                       GtkListItem *item);

/* The card's menu (Follow, Open on TVmaze, Copy Link), as a secondary click opens it, for
 * the keyboard (Shift+F10, Menu); FALSE when the card shows nothing. */
gboolean    sf_show_card_popup_menu   (SfShowCard  *self);
/* The menu last opened, or %NULL */
GtkPopover *sf_show_card_get_menu     (SfShowCard  *self);

G_END_DECLS
