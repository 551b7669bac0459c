#pragma once

#include <gio/gio.h>

#include "sf-catalog-error.h"
#include "sf-criteria.h"
#include "sf-show.h"

G_BEGIN_DECLS

#define SF_TYPE_CATALOG (sf_catalog_get_type ())

G_DECLARE_FINAL_TYPE (SfCatalog, sf_catalog, SF, CATALOG, GObject)

/* TVmaze's index pages hold ids PAGE*250 .. PAGE*250+249. */
#define SF_CATALOG_PAGE_SIZE 250

/**
 * SfCatalogFlags:
 * @SF_CATALOG_FLAGS_NONE: the normal catalog
 * @SF_CATALOG_FLAGS_NO_FTS: match titles with LIKE, as when SQLite lacks FTS5 (tests)
 * @SF_CATALOG_FLAGS_NO_INDEX: never build the in-memory index: SQLite answers everything
 *   (tests and the benchmark's SQL path)
 */
typedef enum
{
  SF_CATALOG_FLAGS_NONE     = 0,
  SF_CATALOG_FLAGS_NO_FTS   = 1 << 0,
  SF_CATALOG_FLAGS_NO_INDEX = 1 << 1,
} SfCatalogFlags;

/**
 * SfCatalogState:
 * @n_shows: shows stored
 * @n_pages: index pages stored
 * @last_page: the highest page stored, or -1
 * @max_id: the highest show id stored, or 0
 * @last_sync: when the last full sync or refresh ended (Unix seconds), or 0
 * @complete: a full sync has ended with every page of the index
 */
typedef struct
{
  guint    n_shows;
  guint    n_pages;
  int      last_page;
  gint64   max_id;
  gint64   last_sync;
  gboolean complete;
} SfCatalogState;

/**
 * SfFacetCount:
 * @criterion: %SF_CRITERION_GENRES_ALL (genres), %SF_CRITERION_STATUS, %SF_CRITERION_TYPE or
 *   %SF_CRITERION_LANGUAGE
 * @value: the value as stored
 * @count: how many shows sf_criteria_copy_for_facet() would select
 */
typedef struct
{
  SfCriterion  criterion;
  char        *value;
  guint        count;
} SfFacetCount;

/**
 * SfRelaxCount:
 * @criterion: a criterion that is set
 * @count: how many shows the criteria select without it
 */
typedef struct
{
  SfCriterion criterion;
  guint       count;
} SfRelaxCount;

/**
 * SfCountryCount:
 * @code: the ISO 3166 code, in capitals
 * @name: (nullable): the country's name as TVmaze gives it (untrusted text)
 * @count: how many shows have this country
 */
typedef struct
{
  char  *code;
  char  *name;
  guint  count;
} SfCountryCount;

/**
 * SfCatalogFacets:
 * @total: how many shows the criteria select
 * @counts: (element-type SfFacetCount): genres (%SF_CRITERION_GENRES_ALL; an excluded genre
 *   counts the shows its exclusion hides), status, type, language, channel
 *   (%SF_CRITERION_CHANNEL: network or web channel) and country (%SF_CRITERION_COUNTRY),
 *   each as sf_criteria_copy_for_facet() defines it (for channel and country: that part
 *   replaced by the value alone); values selecting nothing are left out. Sorted by
 *   criterion, then count (highest first), then value.
 *
 * Every count answers the same question as @total, the title included.
 */
typedef struct
{
  guint      total;
  GPtrArray *counts;
} SfCatalogFacets;

void            sf_catalog_facets_free          (SfCatalogFacets *facets);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCatalogFacets, sf_catalog_facets_free)

/* "$XDG_CACHE_HOME/series-finder/catalog.db" */
char           *sf_catalog_dup_default_path     (void);

/**
 * sf_catalog_new:
 * @path: (nullable): the database file, or %NULL for sf_catalog_dup_default_path()
 *
 * The local index of every TVmaze show: a rebuildable cache in SQLite (WAL). One writer
 * thread owns the only writing connection; a few reader threads own one connection each.
 * No SQLite call ever runs on the calling thread: everything is asynchronous, and results
 * come back on the thread-default main context of the caller. Call sf_catalog_open_async()
 * first; sf_catalog_close_async() before exit flushes and closes without blocking.
 */
SfCatalog      *sf_catalog_new                  (const char      *path,
                                                 SfCatalogFlags   flags);
const char     *sf_catalog_get_path             (SfCatalog       *self);

/**
 * sf_catalog_open_async:
 *
 * Creates or opens the file and brings its schema up to date. A damaged file is moved aside
 * (to `PATH.corrupt`) and an empty catalog takes its place; a file from an unknown schema
 * version is rebuilt.
 */
void            sf_catalog_open_async           (SfCatalog       *self,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean        sf_catalog_open_finish          (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/* Waits for the writes queued before it, then closes every connection. */
void            sf_catalog_close_async          (SfCatalog       *self,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean        sf_catalog_close_finish         (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/* TRUE between a successful open and close: the #SfCatalog:open property, which notifies. */
gboolean        sf_catalog_is_open              (SfCatalog       *self);

/**
 * sf_catalog_is_indexed:
 *
 * TRUE when the in-memory index holds the catalog as it is (the #SfCatalog:indexed
 * property, which notifies): queries and counts then answer from memory, within a frame.
 * Otherwise they go to SQLite, with the same answers. The index is rebuilt on a reader
 * thread once writes have been quiet for a moment.
 */
gboolean        sf_catalog_is_indexed           (SfCatalog       *self);

/**
 * sf_catalog_get_state:
 *
 * What the catalog holds, as of its last write; it never waits for the database. The
 * #SfCatalog::changed signal says when it changed.
 */
void            sf_catalog_get_state            (SfCatalog       *self,
                                                 SfCatalogState  *state);

/**
 * sf_catalog_store_page_async:
 * @page: the index page number (`/shows?page=PAGE`)
 * @shows: (element-type SfShow): every show of the page
 * @json: (element-type utf8): each show's JSON, parallel to @shows (see sf_index_page_parse())
 *
 * Replaces everything stored for the ids of @page by @shows and marks the page stored, in
 * one transaction: storing a page again (a resumed sync) leaves no duplicate, and a show
 * gone from the page is gone from the catalog. Pages queued together are committed in one
 * transaction. The arrays are referenced: do not change them afterwards.
 */
void            sf_catalog_store_page_async     (SfCatalog       *self,
                                                 int              page,
                                                 GPtrArray       *shows,
                                                 GPtrArray       *json,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean        sf_catalog_store_page_finish    (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/* Inserts or replaces single shows (a refresh through `/shows/ID`); pages stay as they are. */
void            sf_catalog_store_shows_async    (SfCatalog       *self,
                                                 GPtrArray       *shows,
                                                 GPtrArray       *json,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean        sf_catalog_store_shows_finish   (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/**
 * sf_catalog_query_async:
 * @criteria: what to select; copied, so the caller may go on editing it
 * @offset: how many matches to skip
 * @limit: how many to return at most (0: all)
 *
 * The shows that sf_criteria_matches() accepts, in sf_criteria_compare() order, from
 * @offset on. Cancelling interrupts the query in the database.
 */
void            sf_catalog_query_async          (SfCatalog       *self,
                                                 const SfCriteria *criteria,
                                                 guint            offset,
                                                 guint            limit,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
/* Returns: (transfer full) (element-type SfShow) */
GPtrArray      *sf_catalog_query_finish         (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/**
 * sf_catalog_find_titles_async:
 * @text: words, each the start of a word of the title (as #SF_CRITERION_TEXT)
 * @limit: how many at most (0: all)
 *
 * The titles matching @text, as sf_catalog_query_async() with only @text would give them
 * (relevance order), answered from the newest in-memory index even when the last writes are
 * not in it yet (a sync is running): for GNOME Shell's search, where a fast answer matters
 * more than a show stored a second ago. SQLite answers only before the first index.
 */
void            sf_catalog_find_titles_async    (SfCatalog       *self,
                                                 const char      *text,
                                                 guint            limit,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
/* Returns: (transfer full) (element-type SfShow) */
GPtrArray      *sf_catalog_find_titles_finish   (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

void            sf_catalog_count_async          (SfCatalog       *self,
                                                 const SfCriteria *criteria,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean        sf_catalog_count_finish         (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 guint           *count,
                                                 GError         **error);

/**
 * sf_catalog_count_facets_async:
 *
 * For every genre, status, type and language in the catalog, how many shows the criteria
 * would select with that value picked (see sf_criteria_copy_for_facet()). Values that would
 * select nothing are left out; values differing only in ASCII case count as one.
 */
void            sf_catalog_count_facets_async   (SfCatalog       *self,
                                                 const SfCriteria *criteria,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
/* Returns: (transfer full) (element-type SfFacetCount): by criterion, then count
 * (highest first), then value */
GPtrArray      *sf_catalog_count_facets_finish  (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/**
 * sf_catalog_count_all_facets_async:
 *
 * The total and every facet count of @criteria (see #SfCatalogFacets), from one snapshot of
 * the catalog: what the sidebar and `--facets` show.
 */
void            sf_catalog_count_all_facets_async  (SfCatalog       *self,
                                                    const SfCriteria *criteria,
                                                    GCancellable    *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer         user_data);
SfCatalogFacets *sf_catalog_count_all_facets_finish (SfCatalog       *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);

/**
 * sf_catalog_count_relaxed_async:
 *
 * For each criterion that is set, how many shows the criteria select without it: what to
 * suggest when nothing matches.
 */
void            sf_catalog_count_relaxed_async  (SfCatalog       *self,
                                                 const SfCriteria *criteria,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
/* Returns: (transfer full) (element-type SfRelaxCount): highest count first */
GArray         *sf_catalog_count_relaxed_finish (SfCatalog       *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/**
 * sf_catalog_complete_channel_async:
 * @prefix: the start of a network or web channel name (ASCII case ignored)
 * @limit: how many names at most
 *
 * Channel names for completion, the ones with the most shows first.
 */
void            sf_catalog_complete_channel_async  (SfCatalog    *self,
                                                    const char   *prefix,
                                                    guint         limit,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer      user_data);
/* Returns: (transfer full): a %NULL-terminated array of names */
GStrv           sf_catalog_complete_channel_finish (SfCatalog    *self,
                                                    GAsyncResult *result,
                                                    GError      **error);

/**
 * sf_catalog_list_countries_async:
 *
 * Every country the catalog's shows have (see sf_show_get_country_code()), with how many
 * shows each. Codes differing only in ASCII case count as one. A country's name is the one
 * given with its show of lowest id; %NULL when that show gives none.
 */
void            sf_catalog_list_countries_async  (SfCatalog    *self,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer      user_data);
/* Returns: (transfer full) (element-type SfCountryCount): highest count first, then by code */
GPtrArray      *sf_catalog_list_countries_finish (SfCatalog    *self,
                                                  GAsyncResult *result,
                                                  GError      **error);

void            sf_facet_count_free             (SfFacetCount    *count);
void            sf_country_count_free           (SfCountryCount  *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfFacetCount, sf_facet_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCountryCount, sf_country_count_free)

G_END_DECLS
