#pragma once

#include "sf-page-section.h"

G_BEGIN_DECLS

#define SF_TYPE_CAST_SECTION (sf_cast_section_get_type ())

G_DECLARE_FINAL_TYPE (SfCastSection, sf_cast_section, SF, CAST_SECTION, SfPageSection)

/* The cast: the first cards on the page, the whole cast in a "Show All" window. */

/* The series' name, for the title of the "Show All" window; nullable */
void sf_cast_section_set_show_name (SfCastSection *self,
                                    const char    *name);

G_END_DECLS
