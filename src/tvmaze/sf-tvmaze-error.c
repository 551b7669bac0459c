#include "config.h"

#include "sf-tvmaze-error.h"

G_DEFINE_QUARK (sf-tvmaze-error-quark, sf_tvmaze_error)
