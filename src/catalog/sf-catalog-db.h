#pragma once

/* The synchronous SQLite layer of the catalog. Only the catalog's writer and reader threads
 * call it, each on its own connection; nothing here runs on the main thread. */

#include <gio/gio.h>

#include "sf-catalog-private.h"

G_BEGIN_DECLS

/* The schema this code writes; older versions are migrated, unknown ones rebuilt. */
#define SF_CATALOG_SCHEMA_VERSION 2

typedef struct _SfCatalogDb SfCatalogDb;

/* The writer creates, repairs and migrates the file; a reader only opens it. */
SfCatalogDb *sf_catalog_db_open_writer       (const char          *path,
                                              gboolean             allow_fts,
                                              GError             **error);
SfCatalogDb *sf_catalog_db_open_reader       (const char          *path,
                                              GError             **error);
void         sf_catalog_db_close             (SfCatalogDb         *db);

/* Queries check @cancellable as they run and stop with G_IO_ERROR_CANCELLED. */
void         sf_catalog_db_set_cancellable   (SfCatalogDb         *db,
                                              GCancellable        *cancellable);

gboolean     sf_catalog_db_begin             (SfCatalogDb         *db,
                                              GError             **error);
gboolean     sf_catalog_db_commit            (SfCatalogDb         *db,
                                              GError             **error);
void         sf_catalog_db_rollback          (SfCatalogDb         *db);

gboolean     sf_catalog_db_store_page        (SfCatalogDb         *db,
                                              int                  page,
                                              GPtrArray           *shows,
                                              GPtrArray           *json,
                                              gint64               now,
                                              GError             **error);
gboolean     sf_catalog_db_store_shows       (SfCatalogDb         *db,
                                              GPtrArray           *shows,
                                              GPtrArray           *json,
                                              GError             **error);
gboolean     sf_catalog_db_delete_shows      (SfCatalogDb         *db,
                                              GArray              *ids,
                                              GError             **error);
gboolean     sf_catalog_db_mark_page_missing (SfCatalogDb         *db,
                                              int                  page,
                                              gint64               now,
                                              GError             **error);
gboolean     sf_catalog_db_end_sync          (SfCatalogDb         *db,
                                              gboolean             complete,
                                              gint64               timestamp,
                                              GError             **error);

gboolean     sf_catalog_db_read_state        (SfCatalogDb         *db,
                                              SfCatalogState      *state,
                                              GError             **error);
SfCatalogSyncInfo *sf_catalog_db_load_sync_info (SfCatalogDb      *db,
                                              GError             **error);

GPtrArray   *sf_catalog_db_query             (SfCatalogDb         *db,
                                              const SfCriteria    *criteria,
                                              guint                offset,
                                              guint                limit,
                                              GError             **error);
gboolean     sf_catalog_db_count             (SfCatalogDb         *db,
                                              const SfCriteria    *criteria,
                                              guint               *count,
                                              GError             **error);
/* @all: also the channels and countries; @total: (optional) the matches, in the same
 * transaction */
GPtrArray   *sf_catalog_db_count_facets      (SfCatalogDb         *db,
                                              const SfCriteria    *criteria,
                                              gboolean             all,
                                              guint               *total,
                                              GError             **error);
/* Every show, parsed, in one transaction (for the in-memory index). */
GPtrArray   *sf_catalog_db_load_shows        (SfCatalogDb         *db,
                                              GError             **error);
GArray      *sf_catalog_db_count_relaxed     (SfCatalogDb         *db,
                                              const SfCriteria    *criteria,
                                              GError             **error);
GStrv        sf_catalog_db_complete_channel  (SfCatalogDb         *db,
                                              const char          *prefix,
                                              guint                limit,
                                              GError             **error);
GPtrArray   *sf_catalog_db_list_countries    (SfCatalogDb         *db,
                                              GError             **error);

G_END_DECLS
