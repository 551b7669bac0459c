#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sf-cli-saved.h"
#include "sf-cli-wait.h"
#include "sf-json.h"
#include "sf-library-error.h"
#include "sf-saved-check.h"

/* `--new-matches` takes an optional NAME, which GApplication's option dictionary cannot hold:
 * the option is parsed here, once per process. */
static gboolean new_matches_given;
static char *new_matches_name;

static gboolean
new_matches_cb (const char  *option_name,
                const char  *value,
                gpointer     data,
                GError     **error)
{
  new_matches_given = TRUE;
  g_free (new_matches_name);
  new_matches_name = g_strdup (value);
  return TRUE;
}

const GOptionEntry *
sf_cli_saved_get_entries (void)
{
  static const GOptionEntry entries[] = {
    { "save-search", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Save --search and the criteria under NAME, and exit"), N_("NAME") },
    { "saved", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the saved searches with how many series match, and exit"), NULL },
    { "new-matches", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, new_matches_cb,
      N_("Print the series new to a saved search (or to all) since the last look, and exit"),
      N_("NAME") },
    { "delete-search", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Delete the saved search NAME and exit"), N_("NAME") },
    { NULL }
  };

  return entries;
}

gboolean
sf_cli_saved_wanted (GVariantDict *options)
{
  return new_matches_given || g_variant_dict_contains (options, "save-search") ||
         g_variant_dict_contains (options, "saved") ||
         g_variant_dict_contains (options, "delete-search");
}

static int
say_error (const GError *error)
{
  g_printerr ("series-finder: %s\n", error->message);

  /* What the person typed is wrong: nothing changed. */
  if (error->domain == SF_LIBRARY_ERROR &&
      (error->code == SF_LIBRARY_ERROR_EXISTS || error->code == SF_LIBRARY_ERROR_NOT_FOUND ||
       error->code == SF_LIBRARY_ERROR_INVALID_NAME))
    return 2;
  if (error->domain == SF_CRITERIA_ERROR)
    return 2;
  return 1;
}

static gboolean
open_both (SfLibrary  *library,
           SfCatalog  *catalog,
           SfCliWait  *wait,
           GError    **error)
{
  sf_library_open_async (library, NULL, sf_cli_wait_cb, wait);
  if (!sf_library_open_finish (library, sf_cli_wait (wait), error))
    return FALSE;
  sf_catalog_open_async (catalog, NULL, sf_cli_wait_cb, wait);
  return sf_catalog_open_finish (catalog, sf_cli_wait (wait), error);
}

static void
close_both (SfLibrary *library,
            SfCatalog *catalog,
            SfCliWait *wait)
{
  if (sf_catalog_is_open (catalog))
    {
      sf_catalog_close_async (catalog, NULL, sf_cli_wait_cb, wait);
      sf_catalog_close_finish (catalog, sf_cli_wait (wait), NULL);
    }
  sf_library_close_async (library, NULL, sf_cli_wait_cb, wait);
  sf_library_close_finish (library, sf_cli_wait (wait), NULL);
}

static void
print_json_object (JsonBuilder *builder)
{
  g_autoptr(JsonNode) node = json_builder_get_root (builder);
  g_autofree char *text = sf_json_to_string (node);

  fputs (text, stdout);
  fputs ("\n", stdout);
}

static int
save_search (SfLibrary    *library,
             SfCatalog    *catalog,
             SfCliWait    *wait,
             const char   *name,
             GVariantDict *options,
             const char   *text,
             gboolean      json)
{
  g_autoptr(SfCriteria) criteria = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;

  criteria = sf_cli_criteria_from_options (options, text, &error);
  if (criteria == NULL)
    return say_error (error);

  /* What matches now is what the person has seen: only later additions are new. */
  sf_catalog_query_async (catalog, criteria, 0, 0, NULL, sf_cli_wait_cb, wait);
  shows = sf_catalog_query_finish (catalog, sf_cli_wait (wait), &error);
  if (shows == NULL)
    return say_error (error);
  ids = sf_saved_search_ids_of (shows);

  sf_library_save_search_async (library, name, criteria, ids, NULL, sf_cli_wait_cb, wait);
  if (!sf_library_save_search_finish (library, sf_cli_wait (wait), &error))
    return say_error (error);

  trimmed = g_strstrip (g_strdup (name));
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, trimmed);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, shows->len);
      json_builder_end_object (builder);
      print_json_object (builder);
    }
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Saved “%s”: %u series matches.\n",
                            "Saved “%s”: %u series match.\n", shows->len),
               trimmed, shows->len);
    }
  return 0;
}

static int
list_saved (SfLibrary *library,
            SfCatalog *catalog,
            SfCliWait *wait,
            gboolean   json)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  sf_saved_searches_check_async (library, catalog, NULL, NULL, sf_cli_wait_cb, wait);
  statuses = sf_saved_searches_check_finish (sf_cli_wait (wait), &error);
  if (statuses == NULL)
    return say_error (error);

  for (guint i = 0; i < statuses->len; i++)
    {
      SfSavedSearchStatus *status = g_ptr_array_index (statuses, i);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autofree char *criteria = sf_criteria_to_json (status->search->criteria);
          g_autoptr(JsonNode) criteria_node = json_from_string (criteria, NULL);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, status->search->name);
          json_builder_set_member_name (builder, "total");
          json_builder_add_int_value (builder, status->total);
          json_builder_set_member_name (builder, "new");
          json_builder_add_int_value (builder, status->new_shows->len);
          if (criteria_node != NULL)
            {
              json_builder_set_member_name (builder, "criteria");
              json_builder_add_value (builder, g_steal_pointer (&criteria_node));
            }
          json_builder_end_object (builder);
          print_json_object (builder);
        }
      else
        {
          /* Translators: a saved search: its name, how many series match, how many are new */
          g_print (_("%s · %u series · %u new\n"), status->search->name, status->total,
                   status->new_shows->len);
        }
    }

  if (statuses->len == 0 && !json)
    g_printerr (_("No saved searches.\n"));
  return 0;
}

static int
new_matches (SfLibrary      *library,
             SfCatalog      *catalog,
             SfCliWait      *wait,
             const char     *only,
             gboolean        json,
             SfCliPrintFunc  print)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  if (only != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (only));

      if (*trimmed == '\0')
        {
          g_printerr (_("series-finder: A saved search needs a name.\n"));
          return 2;
        }
    }

  sf_saved_searches_check_async (library, catalog, only, NULL, sf_cli_wait_cb, wait);
  statuses = sf_saved_searches_check_finish (sf_cli_wait (wait), &error);
  if (statuses == NULL)
    return say_error (error);

  for (guint i = 0; i < statuses->len; i++)
    {
      SfSavedSearchStatus *status = g_ptr_array_index (statuses, i);
      g_autoptr(GArray) ids = NULL;

      if (!json && status->new_shows->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u new series\n", "%s: %u new series\n",
                              status->new_shows->len),
                 status->search->name, status->new_shows->len);

      for (guint j = 0; j < status->new_shows->len; j++)
        {
          SfShow *show = g_ptr_array_index (status->new_shows, j);

          if (json)
            {
              g_autoptr(JsonNode) node = sf_show_to_json (show);
              g_autofree char *text = NULL;

              json_object_set_string_member (json_node_get_object (node), "savedSearch",
                                             status->search->name);
              text = sf_json_to_string (node);
              fputs (text, stdout);
              fputs ("\n", stdout);
            }
          else
            {
              print (show, GINT_TO_POINTER (FALSE));
            }
        }
      fflush (stdout);

      /* Printed is seen: the next look starts from here. */
      ids = sf_saved_search_ids_of (status->new_shows);
      sf_library_mark_search_async (library, status->search->name, ids, TRUE, NULL,
                                    sf_cli_wait_cb, wait);
      if (!sf_library_mark_search_finish (library, sf_cli_wait (wait), &error))
        return say_error (error);
    }

  return 0;
}

static int
delete_search (SfLibrary  *library,
               SfCliWait  *wait,
               const char *name,
               gboolean    json)
{
  g_autoptr(GError) error = NULL;

  sf_library_delete_search_async (library, name, NULL, sf_cli_wait_cb, wait);
  if (!sf_library_delete_search_finish (library, sf_cli_wait (wait), &error))
    return say_error (error);

  if (!json)
    g_print (_("Deleted the saved search “%s”.\n"), name);
  return 0;
}

int
sf_cli_saved_run (SfLibrary      *library,
                  SfCatalog      *catalog,
                  GVariantDict   *options,
                  const char     *text,
                  gboolean        json,
                  SfCliPrintFunc  print)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *save_name = NULL;
  g_autofree char *delete_name = NULL;
  gboolean saved = FALSE;
  int status;

  g_variant_dict_lookup (options, "save-search", "s", &save_name);
  g_variant_dict_lookup (options, "delete-search", "s", &delete_name);
  g_variant_dict_lookup (options, "saved", "b", &saved);

  if ((save_name != NULL) + (delete_name != NULL) + saved + new_matches_given > 1)
    {
      g_printerr (_("series-finder: give one of --save-search, --saved, --new-matches, "
                    "--delete-search\n"));
      return 2;
    }
  if (save_name != NULL && text == NULL && !sf_cli_criteria_wanted (options))
    {
      g_printerr (_("series-finder: --save-search needs --search=TEXT or criteria\n"));
      return 2;
    }

  if (!open_both (library, catalog, &wait, &error))
    {
      g_printerr ("series-finder: %s\n", error->message);
      close_both (library, catalog, &wait);
      return 1;
    }

  if (save_name != NULL)
    status = save_search (library, catalog, &wait, save_name, options, text, json);
  else if (delete_name != NULL)
    status = delete_search (library, &wait, delete_name, json);
  else if (saved)
    status = list_saved (library, catalog, &wait, json);
  else
    status = new_matches (library, catalog, &wait, new_matches_name, json, print);

  close_both (library, catalog, &wait);
  return status;
}
