/* sf-cli-criteria.c: criteria searches and --sync in the terminal mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "sf-catalog-sync.h"
#include "sf-cli-criteria.h"
#include "sf-cli-people.h"
#include "sf-cli-text.h"
#include "sf-cli-wait.h"
#include "sf-json.h"
#include "sf-search.h"

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

static const char * const range_options[] = {
  "year", "min-rating", "runtime", "sort", "facets", "with-person",
};

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
    { "with-person", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Only series this person is in (a TVmaze person id, see --person)"), N_("ID") },
    { "facets", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print how many series match, and the counts beside each genre, status, type, "
         "language, network and country (with --json: one object)"), NULL },
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

/* Runs the thread-default main context until @search has its whole answer. */
static gboolean
search_to_end (SfSearch          *search,
               const SfCriteria  *criteria,
               GError           **error)
{
  /* One query for every result: the terminal shows them all at once. */
  sf_search_set_batches (search, 0, 1);
  sf_search_set_criteria (search, criteria);
  /* The terminal mode runs on a context of its own, pushed as the thread's default. */
  while (!sf_search_is_finished (search))
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

  if (sf_search_get_state (search) == SF_SEARCH_STATE_FAILED)
    {
      g_set_error_literal (error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_DATABASE,
                           sf_search_get_error_message (search));
      return FALSE;
    }
  return TRUE;
}

static int
print_matches (SfCatalog        *catalog,
               const SfCriteria *criteria,
               SfCliPrintFunc    print,
               gpointer          user_data)
{
  g_autoptr(SfSearch) search = sf_search_new (catalog);
  g_autoptr(GError) error = NULL;
  GListModel *results;
  guint n;

  if (!search_to_end (search, criteria, &error))
    {
      sf_cli_print_error (error->message);
      return 1;
    }

  results = sf_search_get_results (search);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);

      print (show, user_data);
    }
  fflush (stdout);

  if (n == 0)
    {
      g_printerr (_("No series match.\n"));
      suggest_relaxing (catalog, criteria);
    }

  return 0;
}

static const struct {
  SfCriterion  criterion;
  const char  *key;       /* the JSON member */
  const char  *title;     /* the text heading */
} facet_groups[] = {
  { SF_CRITERION_GENRES_ALL, "genres", N_("Genres") },
  { SF_CRITERION_STATUS, "status", N_("Status") },
  { SF_CRITERION_TYPE, "type", N_("Type") },
  { SF_CRITERION_LANGUAGE, "language", N_("Language") },
  { SF_CRITERION_CHANNEL, "network", N_("Network") },
  { SF_CRITERION_COUNTRY, "country", N_("Country") },
};

static void
print_facets_json (SfCatalogFacets *facets)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, facets->total);
  for (guint g = 0; g < G_N_ELEMENTS (facet_groups); g++)
    {
      json_builder_set_member_name (builder, facet_groups[g].key);
      json_builder_begin_object (builder);
      for (guint i = 0; i < facets->counts->len; i++)
        {
          SfFacetCount *count = g_ptr_array_index (facets->counts, i);

          if (count->criterion != facet_groups[g].criterion)
            continue;
          json_builder_set_member_name (builder, count->value);
          json_builder_add_int_value (builder, count->count);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = sf_json_to_string (root);
  printf ("%s\n", text);
}

static void
print_facets_text (SfCatalogFacets  *facets,
                   const SfCriteria *criteria)
{
  const char * const *excluded = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_EXCLUDE);

  printf (g_dngettext (GETTEXT_PACKAGE, "%u series match\n", "%u series match\n",
                       facets->total), facets->total);
  for (guint g = 0; g < G_N_ELEMENTS (facet_groups); g++)
    {
      gboolean heading = FALSE;

      for (guint i = 0; i < facets->counts->len; i++)
        {
          SfFacetCount *count = g_ptr_array_index (facets->counts, i);

          if (count->criterion != facet_groups[g].criterion)
            continue;
          if (!heading)
            {
              printf ("\n%s:\n", _(facet_groups[g].title));
              heading = TRUE;
            }
          if (count->criterion == SF_CRITERION_GENRES_ALL &&
              g_strv_contains (excluded, count->value))
            /* Translators: an excluded genre; the number before it is how many series its
             * exclusion hides */
            printf (_("  %7u  %s (excluded, hidden)\n"), count->count, count->value);
          else
            printf ("  %7u  %s\n", count->count, count->value);
        }
    }
}

/* --facets: the counts the sidebar shows, for the same question as the results. */
static int
print_facets (SfCatalog        *catalog,
              const SfCriteria *criteria,
              gboolean          json)
{
  g_autoptr(SfSearch) search = sf_search_new (catalog);
  g_autoptr(GError) error = NULL;

  if (!search_to_end (search, criteria, &error))
    {
      g_printerr ("series-finder: %s\n", error->message);
      return 1;
    }

  if (json)
    print_facets_json (sf_search_get_facets (search));
  else
    print_facets_text (sf_search_get_facets (search), criteria);
  fflush (stdout);
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
                     SfTvmazeClient *client,
                     GVariantDict   *options,
                     const char     *text,
                     SfCliPrintFunc  print,
                     gpointer        user_data)
{
  g_autoptr(SfCriteria) criteria = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person = NULL;
  SfCatalogState state;
  gboolean sync_wanted;
  gboolean facets_wanted;
  gboolean json = FALSE;
  gboolean has_criteria;
  gboolean opened_here = FALSE;
  int status = 0;

  g_return_val_if_fail (SF_IS_CATALOG_SYNC (sync), 1);
  g_return_val_if_fail (SF_IS_CATALOG (catalog), 1);
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), 1);
  g_return_val_if_fail (options != NULL, 2);
  g_return_val_if_fail (print != NULL, 2);

  criteria = sf_cli_criteria_from_options (options, text, &error);
  if (criteria == NULL)
    {
      sf_cli_print_error (error->message);
      return 2;
    }

  /* Their series come from TVmaze (the credits), before the catalog answers the rest. */
  if (g_variant_dict_lookup (options, "with-person", "s", &person) &&
      (status = sf_cli_person_criterion (client, person, criteria)) != 0)
    return status;

  sync_wanted = g_variant_dict_contains (options, "sync");
  facets_wanted = g_variant_dict_contains (options, "facets");
  g_variant_dict_lookup (options, "json", "b", &json);
  /* --facets alone counts the whole catalog. */
  has_criteria = !sf_criteria_is_empty (criteria) || facets_wanted;

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

  if (status == 0 && facets_wanted)
    status = print_facets (catalog, criteria, json);
  else if (status == 0 && has_criteria)
    status = print_matches (catalog, criteria, print, user_data);

  close_catalog (catalog, opened_here);
  return status;
}

guint
sf_cli_search_saved (SfCatalog      *catalog,
                     const char     *text,
                     const char     *reason,
                     SfCliPrintFunc  print,
                     gpointer        user_data)
{
  g_autoptr(SfSearch) search = NULL;
  SfCatalogState state;
  gboolean opened_here = FALSE;
  guint n = 0;

  g_return_val_if_fail (SF_IS_CATALOG (catalog), 0);
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (print != NULL, 0);

  if (!open_catalog (catalog, &opened_here, NULL))
    return 0;

  sf_catalog_get_state (catalog, &state);
  if (state.n_shows > 0)
    {
      g_autoptr(SfCriteria) criteria = sf_criteria_new ();

      search = sf_search_new (catalog);
      sf_search_set_offline_reason (search, reason);
      sf_criteria_set_text (criteria, text);
      if (search_to_end (search, criteria, NULL))
        n = g_list_model_get_n_items (sf_search_get_results (search));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (sf_search_get_results (search), i);

      print (show, user_data);
    }
  fflush (stdout);

  g_clear_object (&search);
  close_catalog (catalog, opened_here);
  return n;
}
