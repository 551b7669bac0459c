#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SF_MODEL_ERROR (sf_model_error_quark ())

/**
 * SfModelError:
 * @SF_MODEL_ERROR_INVALID_JSON: the text is not well-formed JSON (truncated, invalid UTF-8, ...)
 * @SF_MODEL_ERROR_UNEXPECTED_SHAPE: well-formed JSON that is not what TVmaze sends
 *
 * Errors from turning TVmaze JSON into model objects.
 */
typedef enum
{
  SF_MODEL_ERROR_INVALID_JSON,
  SF_MODEL_ERROR_UNEXPECTED_SHAPE,
} SfModelError;

GQuark sf_model_error_quark (void);

G_END_DECLS
