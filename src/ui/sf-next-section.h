#pragma once

#include "sf-page-section.h"
#include "sf-show.h"

G_BEGIN_DECLS

#define SF_TYPE_NEXT_SECTION (sf_next_section_get_type ())

G_DECLARE_FINAL_TYPE (SfNextSection, sf_next_section, SF, NEXT_SECTION, SfPageSection)

/* The next and previous episodes, shown once TVmaze's own show says there are any. They are
 * found among the episodes, and asked for one by one when they are not there (or when the
 * episodes could not be loaded). The page passes on what the other sections learn. */

/* The series' show (nullable) and the state of its request: the links wait for TVmaze's
 * show; when it fails there is nothing to wait for, and a Retry of it waits again. */
void sf_next_section_set_show     (SfNextSection      *self,
                                   SfShow             *show,
                                   SfPageSectionState  show_state);
/* The episodes (nullable, element-type SfEpisode) and the state of their request */
void sf_next_section_set_episodes (SfNextSection      *self,
                                   GPtrArray          *episodes,
                                   SfPageSectionState  episodes_state);

G_END_DECLS
