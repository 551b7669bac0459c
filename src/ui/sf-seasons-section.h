#pragma once

#include "sf-page-section.h"

G_BEGIN_DECLS

#define SF_TYPE_SEASONS_SECTION (sf_seasons_section_get_type ())

G_DECLARE_FINAL_TYPE (SfSeasonsSection, sf_seasons_section, SF, SEASONS_SECTION, SfPageSection)

/* The seasons with their episodes. Its state is the request for the episodes (the rows);
 * "dates-state" is the one for the seasons (their names and dates), whose failure is shown
 * as a note (the episodes' error says it all when both failed, and its Retry asks for both). */

/* (nullable) (element-type SfEpisode): every episode, once loaded */
GPtrArray          *sf_seasons_section_get_episodes    (SfSeasonsSection *self);
/* The "dates-state" property */
SfPageSectionState  sf_seasons_section_get_dates_state (SfSeasonsSection *self);

G_END_DECLS
