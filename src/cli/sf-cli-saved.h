#pragma once

#include "sf-catalog.h"
#include "sf-cli-criteria.h"
#include "sf-library.h"

G_BEGIN_DECLS

/*
 * Saved searches from the terminal: `--save-search=NAME` (with `--search` and criteria),
 * `--saved`, `--new-matches[=NAME]` and `--delete-search=NAME`, each with `--json`. They
 * answer from the catalog on this computer, never the network. Bad input (an empty name, a
 * duplicate, an unknown name) is a message on stderr, exit status 2, and no change.
 */

const GOptionEntry *sf_cli_saved_get_entries (void);
/* TRUE when @options ask for one of them. */
gboolean            sf_cli_saved_wanted      (GVariantDict   *options);

/* Runs the one asked for, opening and closing @library and @catalog; the exit status. */
int                 sf_cli_saved_run         (SfLibrary      *library,
                                              SfCatalog      *catalog,
                                              GVariantDict   *options,
                                              const char     *text,
                                              gboolean        json,
                                              SfCliPrintFunc  print);

G_END_DECLS
