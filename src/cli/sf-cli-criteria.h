#pragma once

#include <gio/gio.h>

#include "sf-catalog.h"
#include "sf-catalog-sync.h"
#include "sf-criteria.h"
#include "sf-show.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

typedef void (*SfCliPrintFunc) (SfShow   *show,
                                gpointer  user_data);

/**
 * sf_cli_criteria_get_entries:
 *
 * The terminal mode's criteria options, for g_application_add_main_option_entries():
 * `--genre=G`, `--any-genre=G`, `--not-genre=G`, `--status=S`, `--type=T`, `--language=L`,
 * `--network=N` (network or web channel), `--country=CC` (each may be repeated),
 * `--year=FROM..TO`, `--min-rating=X`, `--runtime=FROM..TO`, `--sort=KEY`, `--with-person=ID`,
 * `--facets` and `--sync`.
 *
 * Returns: (transfer none): a %NULL-terminated array
 */
const GOptionEntry *sf_cli_criteria_get_entries  (void);

/* TRUE when @options hold a criterion or --sync: the search goes to the local catalog. */
gboolean            sf_cli_criteria_wanted       (GVariantDict    *options);

/**
 * sf_cli_criteria_from_options:
 * @text: (nullable): the `--search` text, combined with the criteria
 *
 * Returns: (transfer full): the criteria, or %NULL with @error set (%SF_CRITERIA_ERROR) for
 *   a value that cannot be read, such as `--year=soon`
 */
SfCriteria         *sf_cli_criteria_from_options (GVariantDict    *options,
                                                  const char      *text,
                                                  GError         **error);

/**
 * sf_cli_criteria_run:
 * @sync: the sync of @catalog (sf_backend_get_catalog_sync()), its client created on the
 *   thread-default main context
 * @catalog: the catalog (sf_backend_get_catalog()); opened here if it is not open yet, and
 *   then closed again before returning
 * @client: the TVmaze client, for `--with-person` (the person's credits)
 * @options: the parsed options
 * @text: (nullable): the `--search` text
 * @print: prints one show (the caller's text or JSON line)
 *
 * `series-finder [--search=TEXT] --genre=... [--json]` and `series-finder --sync`: answers
 * from the local catalog, building it first when it is not complete (a progress line on
 * stderr), and prints every match in the order of `--sort`. `--sync` builds or refreshes
 * the catalog, then prints matches only if criteria were given too. `--facets` prints the
 * total and the counts of each facet instead of the matches (one JSON object with `--json`). Runs the thread-default
 * main context until done.
 *
 * Returns: the exit status: 0 on success, 1 on failure, 2 for an unreadable option value
 *   (or a `--with-person` id TVmaze does not know)
 */
int                 sf_cli_criteria_run          (SfCatalogSync   *sync,
                                                  SfCatalog       *catalog,
                                                  SfTvmazeClient  *client,
                                                  GVariantDict    *options,
                                                  const char      *text,
                                                  SfCliPrintFunc   print,
                                                  gpointer         user_data);

/**
 * sf_cli_search_saved:
 * @catalog: the catalog; opened here if needed, and closed again
 * @text: a title
 * @reason: (nullable): why TVmaze could not answer (#SfSearch:offline-reason)
 *
 * `--search=TEXT` when TVmaze can't be reached: prints the catalog's matches for @text (the
 * catalog saved by an earlier sync), in the order of relevance. Runs the thread-default
 * main context until done.
 *
 * Returns: how many were printed (0 also when nothing is saved)
 */
guint               sf_cli_search_saved          (SfCatalog       *catalog,
                                                  const char      *text,
                                                  const char      *reason,
                                                  SfCliPrintFunc   print,
                                                  gpointer         user_data);

G_END_DECLS
