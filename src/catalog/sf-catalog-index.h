#pragma once

/* The catalog in memory: per-value bitsets over dense row numbers and one precomputed order
 * per sort key, so that a change of criteria (results and every facet count) costs a few
 * word-wise ANDs and popcounts instead of SQL. SQLite stays the store; the index is built
 * from it on a worker thread and is immutable once built, so any thread may query it. */

#include "sf-catalog.h"

G_BEGIN_DECLS

typedef struct _SfCatalogIndex SfCatalogIndex;

/* @shows: (element-type SfShow): referenced; ids must be unique. */
SfCatalogIndex  *sf_catalog_index_new       (GPtrArray        *shows);
SfCatalogIndex  *sf_catalog_index_ref       (SfCatalogIndex   *self);
void             sf_catalog_index_unref     (SfCatalogIndex   *self);
guint            sf_catalog_index_get_size  (SfCatalogIndex   *self);

/**
 * sf_catalog_index_query:
 * @total: (out) (optional): how many shows match in all
 *
 * Exactly sf_catalog_query_async()'s answer: the matching shows in sf_criteria_compare()
 * order, from @offset on, at most @limit (0: all).
 *
 * Returns: (transfer full) (element-type SfShow)
 */
GPtrArray       *sf_catalog_index_query     (SfCatalogIndex   *self,
                                             const SfCriteria *criteria,
                                             guint             offset,
                                             guint             limit,
                                             guint            *total);

SfCatalogFacets *sf_catalog_index_facets    (SfCatalogIndex   *self,
                                             const SfCriteria *criteria);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCatalogIndex, sf_catalog_index_unref)

G_END_DECLS
