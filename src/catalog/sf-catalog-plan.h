#pragma once

/* The pure part of a sync: what to fetch. From the stored pages and shows and TVmaze's
 * /updates/shows, the pages to fetch whole, the shows to fetch alone, the shows to delete and
 * where probing for pages past the known end starts. No I/O; runs on a pool thread. */

#include "sf-catalog-private.h"

G_BEGIN_DECLS

/* A page with this many changed shows or more is fetched whole. */
#define SF_CATALOG_PAGE_THRESHOLD 8

typedef struct
{
  GArray  *updates;       /* SfCatalogShowStamp by id, nullable: unknown */
  GArray  *pages;         /* int */
  GArray  *shows;         /* gint64 */
  GArray  *deletes;       /* gint64 */
  int      max_page;      /* -1: unknown */
  int      probe_from;
} SfCatalogPlan;

/* @updates_bytes: (nullable): the body of /updates/shows */
SfCatalogPlan *sf_catalog_plan_new  (SfCatalogSyncInfo *info,
                                     GBytes            *updates_bytes);
void           sf_catalog_plan_free (SfCatalogPlan     *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCatalogPlan, sf_catalog_plan_free)

G_END_DECLS
