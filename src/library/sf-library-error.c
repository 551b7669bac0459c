#include "config.h"

#include "sf-library-error.h"

G_DEFINE_QUARK (sf-library-error-quark, sf_library_error)
