#pragma once

/* The sync's worker pool: a thread per core parses index pages and shows (and makes the
 * plan) while the main loop goes on. Its threads run at a lower priority than the
 * interface's. */

#include "sf-catalog-plan.h"

G_BEGIN_DECLS

typedef enum
{
  SF_CATALOG_WORK_PAGE,
  SF_CATALOG_WORK_SHOW,
  SF_CATALOG_WORK_PLAN,
} SfCatalogWorkKind;

typedef struct
{
  GPtrArray *shows;   /* owned */
  GPtrArray *json;    /* owned */
} SfCatalogParsed;

void sf_catalog_parsed_free        (SfCatalogParsed     *parsed);

/* Parses @bytes (PAGE, SHOW) or plans from @info and @bytes (PLAN) on a pool thread; the
 * task's result, on the caller's context, is an SfCatalogParsed or an SfCatalogPlan. @info
 * is borrowed: the caller keeps it until then. */
void sf_catalog_parse_pool_push    (gpointer             source_object,
                                    GCancellable        *cancellable,
                                    SfCatalogWorkKind    kind,
                                    GBytes              *bytes,
                                    SfCatalogSyncInfo   *info,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

/* Drops @array (owned) on a background thread. */
void sf_catalog_parse_pool_release (GPtrArray           *array);

G_END_DECLS
