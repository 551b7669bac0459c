#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sf-backend.h"
#include "sf-cli.h"
#include "sf-cli-busy.h"
#include "sf-cli-criteria.h"
#include "sf-cli-library.h"
#include "sf-cli-people.h"
#include "sf-cli-saved.h"
#include "sf-cli-show.h"
#include "sf-cli-text.h"
#include "sf-cli-wait.h"
#include "sf-json.h"
#include "sf-show.h"
#include "sf-tvmaze-error.h"

void
sf_cli_add_options (GApplication *app)
{
  static const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, NULL,
      N_("Print the series whose title matches TEXT and exit"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --search or --show: print JSON (one object a line)"), NULL },
    { "show", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Print everything about the series with this TVmaze id and exit"), N_("ID") },
    { "watchlist", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the followed series with their next episodes and exit"), NULL },
    { "follow", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Follow the series with this TVmaze id and exit"), N_("ID") },
    { "unfollow", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Stop following the series with this TVmaze id and exit"), N_("ID") },
    { "person", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Print the people whose name matches NAME and exit"), N_("NAME") },
    { "person-credits", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Print the series of the person with this TVmaze id and exit"), N_("ID") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_add_main_option_entries (app, entries);
  g_application_add_main_option_entries (app, sf_cli_criteria_get_entries ());
  g_application_add_main_option_entries (app, sf_cli_saved_get_entries ());
  g_application_set_option_context_parameter_string (app, NULL);
  g_application_set_option_context_summary (app,
                                            _("Find TV series by title. Without options, "
                                              "opens the window."));
}

gboolean
sf_cli_wants_terminal (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  static const char * const terminal_options[] = {
    "search", "json", "version", "show", "watchlist", "follow", "unfollow", "person",
    "person-credits", NULL
  };

  for (guint i = 0; terminal_options[i] != NULL; i++)
    if (g_variant_dict_contains (options, terminal_options[i]))
      return TRUE;

  return sf_cli_criteria_wanted (options) || sf_cli_saved_wanted (options);
}

int
sf_cli_handle_local_options (GApplication *app,
                             GVariantDict *options,
                             gpointer      user_data)
{
  g_autoptr(GSettings) settings = NULL;

  if (!sf_cli_wants_terminal (options))
    return -1;

  settings = sf_backend_load_settings ();
  return sf_cli_run (options, settings);
}

/* An id option's value: a TVmaze id is a whole number above 0. GOption's own INT64 type
 * cannot say so (GApplication leaves out an option whose number is 0, so "--follow=0" would
 * open the window) and fails with status 1; here a bad id is a usage error (2). */
static gboolean
lookup_id (GVariantDict *options,
           const char   *name,
           gint64       *out_id,
           gboolean     *out_bad)
{
  g_autofree char *text = NULL;
  guint64 id = 0;

  *out_id = 0;
  if (!g_variant_dict_lookup (options, name, "s", &text))
    return FALSE;

  g_strstrip (text);
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autofree char *clean = sf_cli_text_clean (text);

      /* Translators: %s is an option (--follow), then what was given instead of an id */
      g_printerr (_("series-finder: --%s takes a TVmaze id, a whole number above 0, "
                    "not “%s”\n"), name, clean);
      *out_bad = TRUE;
      return TRUE;
    }

  *out_id = (gint64) id;
  return TRUE;
}

static void
write_out (const char *text)
{
  fputs (text, stdout);
}

static void
print_text_line (SfShow *show)
{
  g_autofree char *years = sf_show_dup_years_text (show);
  g_autofree char *rating = NULL;
  g_autofree char *name = sf_cli_text_clean (sf_show_get_name (show));
  g_autofree char *channel = sf_cli_text_clean (sf_show_get_channel_name (show));
  g_autoptr(GString) line = g_string_new (NULL);

  if (sf_show_has_rating (show))
    rating = g_strdup_printf ("%.1f", sf_show_get_rating (show));

  g_string_append_printf (line, "%-8" G_GINT64_FORMAT " %s", sf_show_get_id (show), name);
  if (years != NULL)
    g_string_append_printf (line, " (%s)", years);
  g_string_append_printf (line, " · %s", channel != NULL ? channel : "—");
  /* The rating column says "—" rather than 0 when TVmaze has none. */
  g_string_append_printf (line, " · ★ %s\n", rating != NULL ? rating : "—");

  write_out (line->str);
}

static void
print_json_line (SfShow *show)
{
  g_autoptr(JsonNode) node = sf_show_to_json (show);
  g_autofree char *text = sf_json_to_string (node);

  write_out (text);
  write_out ("\n");
}

static void
print_show_cb (SfShow   *show,
               gpointer  user_data)
{
  if (GPOINTER_TO_INT (user_data))
    print_json_line (show);
  else
    print_text_line (show);
}

static int
run_search (SfTvmazeClient *client,
            SfCatalog      *catalog,
            const char     *query,
            gboolean        json)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;

  sf_tvmaze_client_search_shows_async (client, query, NULL, sf_cli_wait_cb, &wait);
  shows = sf_tvmaze_client_search_shows_finish (client, sf_cli_wait (&wait), &error);

  /* Unreachable: the catalog saved by an earlier sync may know the title. */
  if (sf_tvmaze_error_is_offline (error) &&
      sf_cli_search_saved (catalog, query, error->message, print_show_cb,
                           GINT_TO_POINTER (json)) > 0)
    {
      g_autofree char *message = sf_cli_text_clean (error->message);

      g_printerr (_("TVmaze can’t be reached (%s): these matches come from the catalog saved "
                    "on this computer.\n"), message);
      return 0;
    }

  if (shows == NULL)
    {
      sf_cli_print_error (error->message);
      return 1;
    }

  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);

      if (json)
        print_json_line (show);
      else
        print_text_line (show);
    }

  if (shows->len == 0 && !json)
    g_printerr (_("No series found for “%s”.\n"), query);

  fflush (stdout);

  return 0;
}

int
sf_cli_run (GVariantDict *options,
            GSettings    *settings)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(SfBackend) backend = NULL;
  g_autofree char *query = NULL;
  gboolean json = FALSE;
  gboolean watchlist = FALSE;
  gint64 show_id = 0, follow_id = 0, unfollow_id = 0;
  gboolean has_show, has_follow, has_unfollow;
  g_autofree char *person = NULL;
  gint64 credits_id = 0;
  gboolean has_credits;
  gboolean bad_id = FALSE;
  gboolean criteria = sf_cli_criteria_wanted (options);
  SfTvmazeClient *client;
  SfCliBusy *busy;
  int status;

  g_return_val_if_fail (options != NULL, 2);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("series-finder %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Saved searches: the catalog and the watchlist on this computer, never the network. */
  if (sf_cli_saved_wanted (options))
    {
      g_autofree char *text = NULL;
      gboolean as_json = FALSE;

      /* A saved search keeps what the catalog can answer; a person's credits it does not. */
      if (g_variant_dict_contains (options, "with-person"))
        {
          g_printerr (_("series-finder: --with-person goes with --search only\n"));
          return 2;
        }

      g_variant_dict_lookup (options, "search", "s", &text);
      g_variant_dict_lookup (options, "json", "b", &as_json);
      context = g_main_context_new ();
      g_main_context_push_thread_default (context);
      backend = sf_backend_new (settings);
      status = sf_cli_saved_run (sf_backend_get_library (backend),
                                 sf_backend_get_catalog (backend), options, text, as_json,
                                 print_show_cb);
      sf_backend_flush (backend);
      g_clear_object (&backend);
      while (g_main_context_iteration (context, FALSE))
        ;
      g_main_context_pop_thread_default (context);
      return status;
    }

  g_variant_dict_lookup (options, "search", "s", &query);
  g_variant_dict_lookup (options, "json", "b", &json);
  g_variant_dict_lookup (options, "watchlist", "b", &watchlist);
  has_show = lookup_id (options, "show", &show_id, &bad_id);
  has_follow = lookup_id (options, "follow", &follow_id, &bad_id);
  has_unfollow = lookup_id (options, "unfollow", &unfollow_id, &bad_id);
  g_variant_dict_lookup (options, "person", "s", &person);
  has_credits = lookup_id (options, "person-credits", &credits_id, &bad_id);
  if (bad_id)
    return 2;

  if ((query != NULL) + has_show + watchlist + has_follow + has_unfollow
      + (person != NULL) + has_credits > 1)
    {
      g_printerr (_("series-finder: give one of --search, --show, --watchlist, --follow, "
                    "--unfollow, --person, --person-credits\n"));
      return 2;
    }

  if (criteria && (person != NULL || has_credits))
    {
      g_printerr (_("series-finder: criteria go with --search only\n"));
      return 2;
    }

  if ((criteria || query != NULL) && (has_show || watchlist || has_follow || has_unfollow))
    {
      g_printerr (_("series-finder: criteria go with --search only\n"));
      return 2;
    }

  if (query == NULL && !criteria && !has_show && !watchlist && !has_follow && !has_unfollow
      && person == NULL && !has_credits)
    {
      g_printerr (_("series-finder: --json needs --search=TEXT or --show=ID\n"));
      return 2;
    }

  if (query != NULL)
    {
      g_strstrip (query);
      /* With criteria the text may be empty: every series that matches them. */
      if (*query == '\0' && !criteria)
        {
          g_printerr (_("series-finder: the search text is empty\n"));
          return 2;
        }
    }

  /* A private context keeps the terminal mode independent of any other loop. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  backend = sf_backend_new (settings);
  client = sf_backend_get_client (backend);
  /* a 429's wait is said on stderr */
  busy = sf_cli_busy_new (sf_tvmaze_client_get_rate_limiter (client));

  if (criteria)
    status = sf_cli_criteria_run (sf_backend_get_catalog_sync (backend),
                                  sf_backend_get_catalog (backend), client, options, query,
                                  print_show_cb, GINT_TO_POINTER (json));
  else if (has_show)
    status = sf_cli_show_run (client, show_id, json);
  else if (person != NULL)
    status = sf_cli_person_run (client, person, json);
  else if (has_credits)
    status = sf_cli_person_credits_run (client, credits_id, json);
  else if (watchlist)
    status = sf_cli_watchlist_run (client, sf_backend_get_library (backend));
  else if (has_follow)
    status = sf_cli_follow_run (client, sf_backend_get_library (backend), follow_id);
  else if (has_unfollow)
    status = sf_cli_unfollow_run (sf_backend_get_library (backend), unfollow_id);
  else
    status = run_search (client, sf_backend_get_catalog (backend), query, json);

  g_clear_pointer (&busy, sf_cli_busy_free);
  sf_backend_flush (backend);
  g_clear_object (&backend);

  /* Let libsoup finish closing its connections on this context before it goes away. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  return status;
}
