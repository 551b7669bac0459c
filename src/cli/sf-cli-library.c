/* sf-cli-library.c: `series-finder --watchlist`, `--follow=ID`, `--unfollow=ID`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sf-cli-library.h"
#include "sf-cli-text.h"
#include "sf-cli-wait.h"
#include "sf-library-refresh.h"
#include "sf-library.h"
#include "sf-schedule.h"
#include "sf-show-details.h"
#include "sf-tvmaze-error.h"

/* TVmaze's own cache keeps answers an hour: a fresher snapshot would be the same. */
#define WATCHLIST_MAX_AGE_S 3600
#define FOLLOW_EMBEDS "embed%5B%5D=nextepisode&embed%5B%5D=previousepisode"

static void
print_error (const char *message)
{
  sf_cli_print_error (message);
}

/* Opens @library (not open yet): FALSE after saying why on stderr. */
static gboolean
open_library (SfLibrary *library,
              SfCliWait *wait)
{
  g_autoptr(GError) error = NULL;

  sf_library_open_async (library, NULL, sf_cli_wait_cb, wait);
  if (!sf_library_open_finish (library, sf_cli_wait (wait), &error))
    {
      print_error (error->message);
      /* The writer thread is running: let it end before the library goes. */
      sf_library_close_async (library, NULL, sf_cli_wait_cb, wait);
      sf_library_close_finish (library, sf_cli_wait (wait), NULL);
      return FALSE;
    }

  /* Never silently empty: a damaged file that was moved aside is said every time it
   * happens, here as in the window. */
  if (sf_library_get_recovery_message (library) != NULL)
    print_error (sf_library_get_recovery_message (library));

  return TRUE;
}

static void
close_library (SfLibrary *library,
               SfCliWait *wait)
{
  g_autoptr(GError) error = NULL;

  sf_library_close_async (library, NULL, sf_cli_wait_cb, wait);
  if (!sf_library_close_finish (library, sf_cli_wait (wait), &error))
    print_error (error->message);
}

/* ------------------------------------------------------------------------------------------
 * --watchlist
 */

static void
print_heading (GString    *out,
               const char *heading,
               gboolean   *first)
{
  g_string_append_printf (out, "%s%s\n", *first ? "" : "\n", heading);
  *first = FALSE;
}

static void
print_followed (GString        *out,
                SfFollowedShow *followed,
                GDateTime      *now,
                GTimeZone      *zone)
{
  SfShow *show = sf_followed_show_get_show (followed);
  SfEpisode *next = sf_followed_show_get_next_episode (followed);
  g_autofree char *years = sf_show_dup_years_text (show);
  g_autofree char *name = sf_cli_text_clean (sf_show_get_name (show));

  g_string_append_printf (out, "  %-8" G_GINT64_FORMAT " %s", sf_show_get_id (show), name);

  if (next != NULL)
    {
      g_autofree char *when = sf_episode_dup_relative_text (next, now, zone);

      g_string_append_printf (out, " · %s", when);
    }
  else if (years != NULL)
    g_string_append_printf (out, " (%s)", years);

  g_string_append_c (out, '\n');
}

int
sf_cli_watchlist_run (SfTvmazeClient *client,
                      SfLibrary      *library)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(SfLibraryRefresh) refresh = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  SfFollowedGroup group = SF_FOLLOWED_UPCOMING;
  gboolean first = TRUE;
  guint n_failed = 0;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), 1);
  g_return_val_if_fail (SF_IS_LIBRARY (library), 1);

  if (!open_library (library, &wait))
    return 1;

  /* The desktop keeps telling what is new: this refresh remembers nothing as told. */
  refresh = sf_library_refresh_new (library, client);
  sf_library_refresh_set_track_notifications (refresh, FALSE);
  sf_library_refresh_run_async (refresh, WATCHLIST_MAX_AGE_S, NULL, sf_cli_wait_cb, &wait);
  if (!sf_library_refresh_run_finish (refresh, sf_cli_wait (&wait), NULL, &n_failed,
                                      &error))
    {
      g_autofree char *message = sf_cli_text_clean (error->message);

      g_printerr (_("Could not refresh the watchlist (%s); showing what was known before.\n"),
                  message);
      g_clear_error (&error);
    }
  else if (n_failed > 0)
    g_printerr (ngettext ("%u series could not be refreshed; showing what was known before.\n",
                          "%u series could not be refreshed; showing what was known before.\n",
                          n_failed), n_failed);
  g_clear_object (&refresh);

  sf_library_list_async (library, NULL, sf_cli_wait_cb, &wait);
  shows = sf_library_list_finish (library, sf_cli_wait (&wait), &error);
  close_library (library, &wait);

  if (shows == NULL)
    {
      print_error (error->message);
      return 1;
    }

  if (shows->len == 0)
    {
      g_printerr (_("Your watchlist is empty. Follow a series with --follow=ID.\n"));
      return 0;
    }

  now = g_date_time_new_now_utc ();
  zone = g_time_zone_new_local ();

  /* The list comes in sf_followed_show_compare() order: by group, soonest first. */
  for (guint i = 0; i < shows->len; i++)
    {
      SfFollowedShow *followed = g_ptr_array_index (shows, i);
      SfFollowedGroup this_group = sf_followed_show_get_group (followed);

      if (first || this_group != group)
        {
          group = this_group;
          print_heading (out,
                         group == SF_FOLLOWED_UPCOMING ? _("Next episodes")
                         : group == SF_FOLLOWED_NOTHING_ANNOUNCED ? _("Nothing announced")
                         : _("Ended"),
                         &first);
        }

      print_followed (out, followed, now, zone);
    }

  fputs (out->str, stdout);
  fflush (stdout);
  return 0;
}

/* ------------------------------------------------------------------------------------------
 * --follow and --unfollow
 */

/* Checks @id and opens @library. Returns: 0 when open, else the exit status. */
static int
open_for_id (SfLibrary *library,
             gint64     id,
             SfCliWait *wait)
{
  if (id <= 0)
    {
      g_printerr (_("series-finder: a series id is a positive number\n"));
      return 2;
    }

  return open_library (library, wait) ? 0 : 1;
}

int
sf_cli_follow_run (SfTvmazeClient *client,
                   SfLibrary      *library,
                   gint64          id)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(SfShowDetails) details = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  SfShow *show;
  int status;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), 1);
  g_return_val_if_fail (SF_IS_LIBRARY (library), 1);

  status = open_for_id (library, id, &wait);
  if (status != 0)
    return status;

  if (sf_library_is_followed (library, id))
    {
      g_autofree char *known = sf_cli_text_clean (sf_library_lookup_name (library, id));

      g_print (_("Already following %s\n"), known);
      close_library (library, &wait);
      return 0;
    }

  path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT "?%s", id, FOLLOW_EMBEDS);
  sf_tvmaze_client_get_async (client, path, SF_TVMAZE_PRIORITY_INTERACTIVE, NULL,
                              sf_cli_wait_cb, &wait);
  bytes = sf_tvmaze_client_get_finish (client, sf_cli_wait (&wait), &error);
  if (bytes != NULL)
    {
      g_autoptr(GError) parse_error = NULL;

      /* One show of a few KB, and no window to keep responsive. */
      data = g_bytes_get_data (bytes, &size);
      json = g_strndup (data, size);
      details = sf_show_details_parse_embedded (json, -1, &parse_error);
      if (details == NULL)
        error = g_error_new (SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE,
                             _("TVmaze sent an unexpected answer: %s"), parse_error->message);
    }

  if (details == NULL)
    {
      if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND))
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_printerr (_("No series with id %s\n"), id_text);
        }
      else
        print_error (error->message);
      close_library (library, &wait);
      return 1;
    }

  show = sf_show_details_get_show (details);
  /* A server that answers another show than the one asked for must not choose what is
   * followed (the watchlist refresh checks the same). */
  if (sf_show_get_id (show) != id)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *other_text = g_strdup_printf ("%" G_GINT64_FORMAT, sf_show_get_id (show));

      /* Translators: both are series ids */
      g_printerr (_("series-finder: TVmaze answered with series %s when asked for series %s; "
                    "nothing was followed.\n"), other_text, id_text);
      close_library (library, &wait);
      return 1;
    }

  sf_library_follow_async (library, show, json, NULL, sf_cli_wait_cb, &wait);
  if (!sf_library_follow_finish (library, sf_cli_wait (&wait), &error))
    {
      print_error (error->message);
      close_library (library, &wait);
      return 1;
    }

  close_library (library, &wait);

  name = sf_cli_text_clean (sf_show_get_name (show));
  g_print (_("Following %s\n"), name);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
    SfEpisode *upcoming = NULL;
    SfEpisode *latest = NULL;

    /* A "next" episode that has aired is the latest one, as in the watchlist. */
    sf_schedule_pick_episodes (sf_show_details_get_next_episode (details), NULL, now, zone,
                               &upcoming, &latest);
    if (upcoming != NULL)
      {
        g_autofree char *text = sf_schedule_dup_next_text (upcoming, now, zone);

        g_print ("%s\n", text);
      }
    else if (latest != NULL)
      {
        g_autofree char *text = sf_schedule_dup_latest_text (latest, now, zone);

        g_print ("%s\n", text);
      }
  }

  return 0;
}

int
sf_cli_unfollow_run (SfLibrary *library,
                     gint64     id)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  int status;

  g_return_val_if_fail (SF_IS_LIBRARY (library), 1);

  status = open_for_id (library, id, &wait);
  if (status != 0)
    return status;

  name = sf_cli_text_clean (sf_library_lookup_name (library, id));
  if (name == NULL)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_printerr (_("You are not following a series with id %s.\n"), id_text);
      close_library (library, &wait);
      return 1;
    }

  sf_library_unfollow_async (library, id, NULL, sf_cli_wait_cb, &wait);
  if (!sf_library_unfollow_finish (library, sf_cli_wait (&wait), &error))
    {
      print_error (error->message);
      close_library (library, &wait);
      return 1;
    }

  close_library (library, &wait);
  g_print (_("No longer following %s\n"), name);
  return 0;
}
