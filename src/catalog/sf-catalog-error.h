#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SF_CATALOG_ERROR (sf_catalog_error_quark ())

/**
 * SfCatalogError:
 * @SF_CATALOG_ERROR_OPEN: the catalog file could not be created or opened
 * @SF_CATALOG_ERROR_CORRUPT: the file is damaged; opening the catalog again rebuilds it
 * @SF_CATALOG_ERROR_DATABASE: any other SQLite failure (disk full, I/O error, locked)
 * @SF_CATALOG_ERROR_CLOSED: the catalog is not open (yet, or any more)
 * @SF_CATALOG_ERROR_NO_NETWORK: a sync could not reach TVmaze at all
 * @SF_CATALOG_ERROR_INCOMPLETE: a sync ended with pages it could not fetch; what it stored is
 *   kept, and the next sync fetches the rest
 *
 * Errors of the local catalog and its sync; the UI picks its state from the code.
 */
typedef enum
{
  SF_CATALOG_ERROR_OPEN,
  SF_CATALOG_ERROR_CORRUPT,
  SF_CATALOG_ERROR_DATABASE,
  SF_CATALOG_ERROR_CLOSED,
  SF_CATALOG_ERROR_NO_NETWORK,
  SF_CATALOG_ERROR_INCOMPLETE,
} SfCatalogError;

GQuark sf_catalog_error_quark (void);

G_END_DECLS
