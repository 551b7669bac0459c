#include "config.h"

#include "sf-catalog-error.h"

G_DEFINE_QUARK (sf-catalog-error-quark, sf_catalog_error)
