/* sf-cli-criteria.c: criteria searches and --sync in the terminal mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "sf-catalog-sync.h"
#include "sf-cli-criteria.h"
#include "sf-cli-text.h"
#include "sf-cli-wait.h"

#define PROGRESS_INTERVAL_TTY   (200 * 1000)
#define PROGRESS_INTERVAL_PIPE  (10 * G_USEC_PER_SEC)

static const struct {
  const char  *option;
  SfCriterion  criterion;
} value_options[] = {
  { "genre", SF_CRITERION_GENRES_ALL },
  { "any-genre", SF_CRITERION_GENRES_ANY },
  { "not-genre", SF_CRITERION_GENRES_EXCLUDE },
  { "status", SF_CRITERION_STATUS },
  { "type", SF_CRITERION_TYPE },
  { "language", SF_CRITERION_LANGUAGE },
  { "network", SF_CRITERION_CHANNEL },
  { "country", SF_CRITERION_COUNTRY },
};

static const char * const range_options[] = { "year", "min-rating", "runtime", "sort" };

const GOptionEntry *
sf_cli_criteria_get_entries (void)
{
  static const GOptionEntry entries[] = {
    { "genre", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Only series with this genre (repeat for several, all required)"), N_("GENRE") },
    { "any-genre", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Only series with at least one of these genres (repeat)"), N_("GENRE") },
    { "not-genre", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("No series with this genre (repeat)"), N_("GENRE") },
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Running, Ended, To Be Determined or In Development (repeat for any of)"),
      N_("STATUS") },
    { "type", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Scripted, Animation, Reality, Documentary, … (repeat for any of)"), N_("TYPE") },
    { "language", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Original language, e.g. English (repeat for any of)"), N_("LANGUAGE") },
    { "network", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Network or streaming service, e.g. HBO or Netflix (repeat for any of)"),
      N_("NAME") },
    { "country", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Country of the network, as a code, e.g. GB (repeat for any of)"), N_("CODE") },
    { "year", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Premiered in these years: 2012, 2010..2015, 2010.. or ..1999"), N_("FROM..TO") },
    { "min-rating", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Rated at least this on TVmaze (0 to 10)"), N_("RATING") },
    { "runtime", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Episode length in minutes: 30, 30..60, ..25"), N_("FROM..TO") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("relevance, rating, popularity, newest or name"), N_("KEY") },
    { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Build or refresh the local catalog of every series, then exit"), NULL },
    { NULL }
  };

  return entries;
}

gboolean
sf_cli_criteria_wanted (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (g_variant_dict_contains (options, "sync"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (value_options); i++)
    {
      if (g_variant_dict_contains (options, value_options[i].option))
        return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (range_options); i++)
    {
      if (g_variant_dict_contains (options, range_options[i]))
        return TRUE;
    }

  return FALSE;
}

SfCriteria *
sf_cli_criteria_from_options (GVariantDict  *options,
                              const char    *text,
                              GError       **error)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autofree char *year = NULL;
  g_autofree char *rating = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *sort = NULL;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sf_criteria_set_text (criteria, text);

  for (guint i = 0; i < G_N_ELEMENTS (value_options); i++)
    {
      g_auto(GStrv) values = NULL;

      if (g_variant_dict_lookup (options, value_options[i].option, "^as", &values))
        for (guint v = 0; values[v] != NULL; v++)
          sf_criteria_add_value (criteria, value_options[i].criterion, values[v]);
    }

  g_variant_dict_lookup (options, "year", "s", &year);
  g_variant_dict_lookup (options, "min-rating", "s", &rating);
  g_variant_dict_lookup (options, "runtime", "s", &runtime);
  g_variant_dict_lookup (options, "sort", "s", &sort);

  if ((year != NULL && !sf_criteria_set_year_range_from_string (criteria, year, error)) ||
      (rating != NULL && !sf_criteria_set_min_rating_from_string (criteria, rating, error)) ||
      (runtime != NULL && !sf_criteria_set_runtime_range_from_string (criteria, runtime, error)) ||
      (sort != NULL && !sf_criteria_set_sort_from_string (criteria, sort, error)))
    return NULL;

  return g_steal_pointer (&criteria);
}

typedef struct
{
  gboolean tty;
  gint64   next_print;
  gboolean printed;
} Progress;

static void
progress_cb (SfCatalogSync *sync,
             GParamSpec    *pspec,
             Progress      *progress)
{
  guint scanned = sf_catalog_sync_get_shows_scanned (sync);
  guint estimated = sf_catalog_sync_get_shows_estimated (sync);
  gint64 now = g_get_monotonic_time ();
  g_autofree char *line = NULL;

  if (now < progress->next_print || estimated == 0)
    return;
  progress->next_print = now + (progress->tty ? PROGRESS_INTERVAL_TTY : PROGRESS_INTERVAL_PIPE);

  if (sf_catalog_sync_get_refreshing (sync))
    line = g_strdup_printf (_("Refreshing the catalog: %d %%"),
                            (int) (sf_catalog_sync_get_fraction (sync) * 100));
  else
    /* Translators: "12750 of ~90000 series scanned (14 %)" */
    line = g_strdup_printf (_("Building the catalog: %u of ~%u series scanned (%d %%)"),
                            scanned, estimated,
                            (int) (MIN (scanned, estimated) * 100.0 / estimated));

  g_printerr (progress->tty ? "\r\033[K%s" : "%s\n", line);
  progress->printed = TRUE;
}

static gboolean
run_sync (SfCatalogSync      *sync,
          SfCatalogSyncMode   mode,
          GError            **error)
{
  g_auto(SfCliWait) wait = { 0, };
  Progress progress = { isatty (STDERR_FILENO), 0, FALSE };
  gboolean ok;

  g_signal_connect (sync, "notify::shows-scanned", G_CALLBACK (progress_cb), &progress);
  g_signal_connect (sync, "notify::fraction", G_CALLBACK (progress_cb), &progress);

  sf_catalog_sync_run_async (sync, mode, NULL, sf_cli_wait_cb, &wait);
  ok = sf_catalog_sync_run_finish (sync, sf_cli_wait (&wait), error);
  g_signal_handlers_disconnect_by_data (sync, &progress);

  if (progress.printed && progress.tty)
    g_printerr ("\r\033[K");

  return ok;
}

static const char *
option_of (SfCriterion criterion)
{
  switch (criterion)
    {
    case SF_CRITERION_TEXT:
      return "--search";
    case SF_CRITERION_YEAR:
      return "--year";
    case SF_CRITERION_RATING:
      return "--min-rating";
    case SF_CRITERION_RUNTIME:
      return "--runtime";
    default:
      /* The criteria with values: their options are in value_options. */
      for (guint i = 0; i < G_N_ELEMENTS (value_options); i++)
        {
          if (value_options[i].criterion == criterion)
            return value_options[i].option;
        }
      return "?";
    }
}

/* Nothing matched: which criterion to drop, and what that would give. */
static void
suggest_relaxing (SfCatalog        *catalog,
                  const SfCriteria *criteria)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GArray) counts = NULL;

  sf_catalog_count_relaxed_async (catalog, criteria, NULL, sf_cli_wait_cb, &wait);
  counts = sf_catalog_count_relaxed_finish (catalog, sf_cli_wait (&wait), NULL);
  if (counts == NULL)
    return;

  for (guint i = 0; i < counts->len && i < 3; i++)
    {
      SfRelaxCount *relax = &g_array_index (counts, SfRelaxCount, i);
      const char *option = option_of (relax->criterion);

      if (relax->count == 0)
        break;
      g_printerr (_("Without %s%s: %u series.\n"),
                  g_str_has_prefix (option, "--") ? "" : "--", option, relax->count);
    }
}

static int
print_matches (SfCatalog        *catalog,
               const SfCriteria *criteria,
               SfCliPrintFunc    print,
               gpointer          user_data)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_query_async (catalog, criteria, 0, 0, NULL, sf_cli_wait_cb, &wait);
  shows = sf_catalog_query_finish (catalog, sf_cli_wait (&wait), &error);
  if (shows == NULL)
    {
      sf_cli_print_error (error->message);
      return 1;
    }

  for (guint i = 0; i < shows->len; i++)
    print (g_ptr_array_index (shows, i), user_data);
  fflush (stdout);

  if (shows->len == 0)
    {
      g_printerr (_("No series match.\n"));
      suggest_relaxing (catalog, criteria);
    }

  return 0;
}

/* Opens @catalog unless it is open; *@opened_here says whether to close it again. */
static gboolean
open_catalog (SfCatalog  *catalog,
              gboolean   *opened_here,
              GError    **error)
{
  g_auto(SfCliWait) wait = { 0, };

  *opened_here = FALSE;
  if (sf_catalog_is_open (catalog))
    return TRUE;

  sf_catalog_open_async (catalog, NULL, sf_cli_wait_cb, &wait);
  if (!sf_catalog_open_finish (catalog, sf_cli_wait (&wait), error))
    return FALSE;

  *opened_here = TRUE;
  return TRUE;
}

/* Closing checkpoints the catalog's journal into the file before the process ends. */
static void
close_catalog (SfCatalog *catalog,
               gboolean   opened_here)
{
  g_auto(SfCliWait) wait = { 0, };

  if (!opened_here)
    return;

  sf_catalog_close_async (catalog, NULL, sf_cli_wait_cb, &wait);
  sf_catalog_close_finish (catalog, sf_cli_wait (&wait), NULL);
}

int
sf_cli_criteria_run (SfCatalogSync  *sync,
                     SfCatalog      *catalog,
                     GVariantDict   *options,
                     const char     *text,
                     SfCliPrintFunc  print,
                     gpointer        user_data)
{
  g_autoptr(SfCriteria) criteria = NULL;
  g_autoptr(GError) error = NULL;
  SfCatalogState state;
  gboolean sync_wanted;
  gboolean has_criteria;
  gboolean opened_here = FALSE;
  int status = 0;

  g_return_val_if_fail (SF_IS_CATALOG_SYNC (sync), 1);
  g_return_val_if_fail (SF_IS_CATALOG (catalog), 1);
  g_return_val_if_fail (options != NULL, 2);
  g_return_val_if_fail (print != NULL, 2);

  criteria = sf_cli_criteria_from_options (options, text, &error);
  if (criteria == NULL)
    {
      sf_cli_print_error (error->message);
      return 2;
    }

  sync_wanted = g_variant_dict_contains (options, "sync");
  has_criteria = !sf_criteria_is_empty (criteria);

  if (!open_catalog (catalog, &opened_here, &error))
    {
      sf_cli_print_error (error->message);
      return 1;
    }

  /* Criteria need the whole catalog: build it (or finish building it) first. */
  sf_catalog_get_state (catalog, &state);
  if (sync_wanted || !state.complete)
    {
      if (!run_sync (sync, sync_wanted ? SF_CATALOG_SYNC_REFRESH : SF_CATALOG_SYNC_AUTO, &error))
        {
          sf_catalog_get_state (catalog, &state);
          sf_cli_print_error (error->message);
          if (has_criteria && state.n_shows > 0)
            g_printerr (_("Answering from the %u series stored so far.\n"), state.n_shows);
          else
            status = 1;
        }
      else if (!has_criteria)
        {
          sf_catalog_get_state (catalog, &state);
          g_printerr (_("The catalog has %u series.\n"), state.n_shows);
        }
    }

  if (status == 0 && has_criteria)
    status = print_matches (catalog, criteria, print, user_data);

  close_catalog (catalog, opened_here);
  return status;
}

guint
sf_cli_search_saved (SfCatalog      *catalog,
                     const char     *text,
                     SfCliPrintFunc  print,
                     gpointer        user_data)
{
  g_autoptr(SfCriteria) criteria = NULL;
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GPtrArray) shows = NULL;
  SfCatalogState state;
  gboolean opened_here = FALSE;

  g_return_val_if_fail (SF_IS_CATALOG (catalog), 0);
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (print != NULL, 0);

  if (!open_catalog (catalog, &opened_here, NULL))
    return 0;

  sf_catalog_get_state (catalog, &state);
  if (state.n_shows > 0)
    {
      criteria = sf_criteria_new ();
      sf_criteria_set_text (criteria, text);
      sf_catalog_query_async (catalog, criteria, 0, 0, NULL, sf_cli_wait_cb, &wait);
      shows = sf_catalog_query_finish (catalog, sf_cli_wait (&wait), NULL);
    }

  for (guint i = 0; shows != NULL && i < shows->len; i++)
    print (g_ptr_array_index (shows, i), user_data);
  fflush (stdout);

  close_catalog (catalog, opened_here);
  return shows != NULL ? shows->len : 0;
}
