#pragma once

#include <adwaita.h>

#include "sf-image-loader.h"
#include "sf-show.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

#define SF_TYPE_SHOW_PAGE (sf_show_page_get_type ())

G_DECLARE_FINAL_TYPE (SfShowPage, sf_show_page, SF, SHOW_PAGE, GtkWidget)

/* The page of one series, with its own header bar; its back button activates "win.back".
 * Properties: "show" (the freshest known, nullable) and "complete" (TRUE once no section is
 * loading and every row and card to make at load exists). */
SfShowPage *sf_show_page_new          (SfTvmazeClient *client,
                                       SfImageLoader  *loader);
/* Shows @known (nullable, e.g. the card's show) at once and loads everything about @id,
 * section by section; cancels whatever an earlier load still waited for. */
void        sf_show_page_load         (SfShowPage     *self,
                                       gint64          id,
                                       SfShow         *known);
/* Cancels everything in flight (requests, images, rows still to be made): call it when the
 * page is left. What is shown stays; sf_show_page_load() starts over. */
void        sf_show_page_stop         (SfShowPage     *self);
/* (nullable): the show shown, the freshest known */
SfShow     *sf_show_page_get_show     (SfShowPage     *self);
/* The id asked for by sf_show_page_load(), known before the series itself; 0: none. */
gint64      sf_show_page_get_show_id  (SfShowPage     *self);
/* Whether the series is on the watchlist: the header's star (the window follows the
 * watchlist and says so). */
void        sf_show_page_set_followed (SfShowPage     *self,
                                       gboolean        followed);

/* TVmaze does not know the series: the page shows that alone */
gboolean       sf_show_page_is_missing     (SfShowPage     *self);

G_END_DECLS
