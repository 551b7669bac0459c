#include "config.h"

#include "sf-model-error.h"

G_DEFINE_QUARK (sf-model-error-quark, sf_model_error)
