#pragma once

#include <adwaita.h>

#include "sf-image-loader.h"
#include "sf-show.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

#define SF_TYPE_SHOW_PAGE (sf_show_page_get_type ())

G_DECLARE_FINAL_TYPE (SfShowPage, sf_show_page, SF, SHOW_PAGE, GtkWidget)

/* The page of one series, with its own header bar; its back button activates "win.back". */
SfShowPage *sf_show_page_new                 (SfTvmazeClient *client,
                                              SfImageLoader  *loader);
/* Shows @known (nullable, e.g. the card's show) at once and loads everything about @id,
 * section by section; cancels whatever an earlier load still waited for. */
void        sf_show_page_load                (SfShowPage     *self,
                                              gint64          id,
                                              SfShow         *known);
/* Cancels everything in flight (requests, images, rows still to be made): call it when the
 * page is left. What is shown stays; sf_show_page_load() starts over. */
void        sf_show_page_stop                (SfShowPage     *self);
/* (nullable): the show shown, the freshest known */
SfShow     *sf_show_page_get_show            (SfShowPage     *self);
/* The id asked for by sf_show_page_load(), known before the series itself; 0: none. */
gint64      sf_show_page_get_show_id         (SfShowPage     *self);
/* Whether the series is on the watchlist: the header's star (the window follows the
 * watchlist and says so). */
void        sf_show_page_set_followed        (SfShowPage     *self,
                                              gboolean        followed);
GtkWidget  *sf_show_page_get_follow_button   (SfShowPage     *self);

/* For tests and benchmarks. Sections: "show", "seasons", "episodes", "cast" and "next"
 * (next and previous episodes); states: "none" (nothing asked), "loading", "loaded",
 * "error". */
const char *sf_show_page_get_section_state   (SfShowPage     *self,
                                              const char     *section);
gboolean    sf_show_page_section_is_loaded   (SfShowPage     *self,
                                              const char     *section);
/* TRUE once no section is loading and every row and card to make at load exists */
gboolean    sf_show_page_is_complete         (SfShowPage     *self);
const char *sf_show_page_get_title           (SfShowPage     *self);
GtkLabel   *sf_show_page_get_name_label      (SfShowPage     *self);
GtkLabel   *sf_show_page_get_summary_label   (SfShowPage     *self);
GtkLabel   *sf_show_page_get_next_label      (SfShowPage     *self);
GtkLabel   *sf_show_page_get_previous_label  (SfShowPage     *self);
GtkButton  *sf_show_page_get_show_all_button (SfShowPage     *self);
GtkWidget  *sf_show_page_get_retry_button    (SfShowPage     *self,
                                              const char     *section);
guint       sf_show_page_get_n_season_rows   (SfShowPage     *self);
/* (nullable) an SfSeasonRow */
GtkWidget  *sf_show_page_get_season_row      (SfShowPage     *self,
                                              guint           index);
guint       sf_show_page_get_n_cast_cards    (SfShowPage     *self);
/* (nullable) an SfCastCard */
GtkWidget  *sf_show_page_get_cast_card       (SfShowPage     *self,
                                              guint           index);
/* (nullable) the "Show All" cast window while it is open */
GtkWindow  *sf_show_page_get_cast_dialog     (SfShowPage     *self);
/* TRUE when the poster is beside the facts, FALSE when above them (narrow) */
gboolean    sf_show_page_get_wide            (SfShowPage     *self);

G_END_DECLS
