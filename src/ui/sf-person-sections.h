#pragma once

#include "sf-page-section.h"
#include "sf-person.h"

G_BEGIN_DECLS

/* The sections of a person's page. SfPageSection's "show id" is the person's id here. */

#define SF_TYPE_PERSON_HEADER_SECTION (sf_person_header_section_get_type ())

G_DECLARE_FINAL_TYPE (SfPersonHeaderSection, sf_person_header_section, SF,
                      PERSON_HEADER_SECTION, SfPageSection)

/* Photo, name, birth and death dates, country and gender (`/people/:id`). */
/* (nullable): the person once loaded; the "person" property */
SfPerson *sf_person_header_section_get_person (SfPersonHeaderSection *self);

#define SF_TYPE_PERSON_CREDITS_SECTION (sf_person_credits_section_get_type ())

G_DECLARE_FINAL_TYPE (SfPersonCreditsSection, sf_person_credits_section, SF,
                      PERSON_CREDITS_SECTION, SfPageSection)

/* Each series of the person's cast credits as a card, newest first, in a grid view that
 * makes only the cards in view (a person may have hundreds); the page's row builder hands
 * them to the grid a few at a time. Signal "show-activated" (gint64 id, SfShow *show) when
 * a card is activated. */
/* (transfer none) (element-type SfCredit) (nullable): the credits once loaded */
GPtrArray *sf_person_credits_section_get_credits (SfPersonCreditsSection *self);
/* how many cards the grid holds so far (each made when it comes into view) */
guint      sf_person_credits_section_get_n_cards (SfPersonCreditsSection *self);

G_END_DECLS
