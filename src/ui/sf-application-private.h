#pragma once

#include "sf-application.h"
#include "sf-saved-check.h"

G_BEGIN_DECLS

void _sf_application_install_actions (SfApplication *self);

/* Saved searches (issue 13): runs them on the catalog and announces new matches, one
 * notification per search; the notification as it is sent (tests read it). */
void           sf_application_check_saved_searches          (SfApplication             *self);
GNotification *sf_application_new_saved_search_notification (const SfSavedSearchStatus *status);

G_END_DECLS
