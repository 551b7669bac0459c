#pragma once

#include <adwaita.h>

#include "sf-criteria.h"
#include "sf-image-loader.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

#define SF_TYPE_PERSON_PAGE (sf_person_page_get_type ())

G_DECLARE_FINAL_TYPE (SfPersonPage, sf_person_page, SF, PERSON_PAGE, GtkWidget)

/* A person's page: who they are and their series, each section loading on its own (spinner,
 * error, Retry). Signal "show-activated" (gint64 id, SfShow *known): a series card was
 * activated. Signal "find-series" (SfCriteria *criteria): "Find Series With Them" (the action
 * person.find-series) was activated. Property "complete": every section answered and every
 * series is in the grid (whose cards are made as they come into view). */
SfPersonPage *sf_person_page_new           (SfTvmazeClient *client,
                                            SfImageLoader  *loader);
/* Cancels what the previous person still waited for, then loads @id. */
void          sf_person_page_load          (SfPersonPage   *self,
                                            gint64          id);
/* Leaving the page: cancels everything it still waits for. */
void          sf_person_page_stop          (SfPersonPage   *self);
gint64        sf_person_page_get_person_id (SfPersonPage   *self);
/* (nullable): the person as the only criterion ("With NAME" and the series of their
 * credits), once both are loaded and they have a series; NULL before */
SfCriteria   *sf_person_page_dup_criteria  (SfPersonPage   *self);

G_END_DECLS
