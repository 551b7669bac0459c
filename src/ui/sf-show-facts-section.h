#pragma once

#include "sf-page-section.h"
#include "sf-show.h"

G_BEGIN_DECLS

#define SF_TYPE_SHOW_FACTS_SECTION (sf_show_facts_section_get_type ())

G_DECLARE_FINAL_TYPE (SfShowFactsSection, sf_show_facts_section, SF, SHOW_FACTS_SECTION,
                      SfPageSection)

/* The series itself: poster, name, years, facts, links and summary. Its state is the
 * request for the show; "show" is the freshest known, "wide" says whether the poster is
 * beside the facts (TRUE) or above them (narrow). */

/* Shows @known (e.g. the card's show) until TVmaze's answer replaces it; call after load. */
void     sf_show_facts_section_show_known  (SfShowFactsSection *self,
                                            SfShow             *known);
/* (nullable) the "show" property */
SfShow  *sf_show_facts_section_get_show    (SfShowFactsSection *self);
/* TRUE once the show came from TVmaze (with its links to the next and previous episodes) */
gboolean sf_show_facts_section_get_fetched (SfShowFactsSection *self);

G_END_DECLS
