#pragma once

#include "sf-application.h"

G_BEGIN_DECLS

void _sf_application_install_actions (SfApplication *self);

G_END_DECLS
