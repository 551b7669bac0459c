#pragma once

/* The pure part of a sync: what to fetch. From the stored pages and shows and TVmaze's
 * /updates/shows, the pages to fetch whole, the shows to fetch alone, the shows to delete and
 * where probing for pages past the known end starts. No I/O; runs on a pool thread. */

#include "sf-catalog-private.h"

G_BEGIN_DECLS

/* A page with this many changed shows or more is fetched whole. */
#define SF_CATALOG_PAGE_THRESHOLD 8

/* The most pages a plan ever lists: 500,000 shows, six times TVmaze's index in 2026. Ids
 * of /updates/shows past it are ignored. */
#define SF_CATALOG_PLAN_MAX_PAGES 2000

/* Ids of /updates/shows further than this many empty pages past the one before are ignored:
 * one absurd id must not plan millions of pages. The pages past the known end are probed one
 * at a time anyway, so a real jump is found by the probe, not by the plan. */
#define SF_CATALOG_PLAN_MAX_GAP_PAGES 40

typedef struct
{
  GArray  *updates;       /* SfCatalogShowStamp by id, nullable: unknown */
  GArray  *pages;         /* int */
  GArray  *shows;         /* gint64 */
  GArray  *deletes;       /* gint64 */
  int      max_page;      /* -1: unknown; < SF_CATALOG_PLAN_MAX_PAGES */
  int      probe_from;
  guint    n_ignored;     /* ids of /updates/shows left out of the plan as absurd */
} SfCatalogPlan;

/* @updates_bytes: (nullable): the body of /updates/shows */
SfCatalogPlan *sf_catalog_plan_new  (SfCatalogSyncInfo *info,
                                     GBytes            *updates_bytes);
void           sf_catalog_plan_free (SfCatalogPlan     *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCatalogPlan, sf_catalog_plan_free)

G_END_DECLS
