#pragma once

#include <adwaita.h>

#include "sf-backend.h"
#include "sf-image-loader.h"
#include "sf-library.h"

G_BEGIN_DECLS

#define SF_TYPE_APPLICATION (sf_application_get_type ())

G_DECLARE_FINAL_TYPE (SfApplication, sf_application, SF, APPLICATION, AdwApplication)

SfApplication *sf_application_new          (void);
SfBackend     *sf_application_get_backend  (SfApplication *self);
GSettings     *sf_application_get_settings (SfApplication *self);
/* The one image loader (and texture cache) of the program */
SfImageLoader *sf_application_get_image_loader (SfApplication *self);

/* The person's watchlist (opened in the background at start) */
SfLibrary     *sf_application_get_library  (SfApplication *self);

/* Registers the GResource with the .ui templates and CSS (tests call it too). */
void           sf_ui_register_resources    (void);

G_END_DECLS
