/* sf-cli-show.c: `series-finder --show=ID [--json]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sf-cli-show.h"
#include "sf-cli-text.h"
#include "sf-cli-wait.h"
#include "sf-json.h"
#include "sf-markup.h"
#include "sf-tvmaze-details.h"

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  g_autofree char *clean = NULL;

  if (value == NULL || *value == '\0')
    return;

  clean = sf_cli_text_clean (value);
  g_string_append_printf (out, "%s %s\n", label, clean);
}

static char *
dup_channel_text (SfShow *show)
{
  const char *channel = sf_show_get_channel_name (show);
  const char *country = sf_show_get_country_name (show);

  if (channel == NULL)
    return NULL;
  if (country == NULL)
    return g_strdup (channel);

  /* Translators: a TV channel and its country, "HBO (United States)" */
  return g_strdup_printf (_("%s (%s)"), channel, country);
}

static char *
dup_schedule_text (SfShow *show)
{
  const char * const *days = sf_show_get_schedule_days (show);
  const char *time = sf_show_get_schedule_time (show);
  const char *zone = sf_show_get_timezone (show);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; days[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", days[i]);

  if (time != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, time);
      /* TVmaze's times are the channel's local time */
      if (zone != NULL)
        g_string_append_printf (text, " (%s)", zone);
    }

  return text->len > 0 ? g_strdup (text->str) : NULL;
}

static char *
dup_next_text (SfEpisode *episode)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (episode == NULL)
    return NULL;

  now = g_date_time_new_now_utc ();
  zone = g_time_zone_new_local ();
  return sf_episode_dup_relative_text (episode, now, zone);
}

static char *
dup_counts_text (SfEpisodeGroup *group)
{
  g_autofree char *episodes = NULL;
  guint n_regular = group != NULL ? group->n_regular : 0;
  guint n_specials = group != NULL ? group->n_specials : 0;

  episodes = g_strdup_printf (ngettext ("%u episode", "%u episodes", n_regular), n_regular);
  if (n_specials == 0)
    return g_steal_pointer (&episodes);

  /* Translators: "%s" is "12 episodes" */
  return g_strdup_printf (ngettext ("%s, %u special", "%s, %u specials", n_specials),
                          episodes, n_specials);
}

static void
append_seasons (GString       *out,
                SfShowDetails *details)
{
  GPtrArray *seasons = sf_show_details_get_seasons (details);

  g_string_append_printf (out, "\n%s (%u)\n", _("Seasons"), seasons->len);
  for (guint i = 0; i < seasons->len; i++)
    {
      SfSeason *season = g_ptr_array_index (seasons, i);
      int number = sf_season_get_number (season);
      g_autofree char *name = sf_cli_text_clean (sf_season_get_name (season));
      g_autofree char *premiere = sf_cli_text_clean (sf_season_get_premiere_date (season));
      g_autofree char *end = sf_cli_text_clean (sf_season_get_end_date (season));
      SfEpisodeGroup *group = number > 0 ? sf_show_details_find_group (details, number) : NULL;
      g_autofree char *counts = dup_counts_text (group);

      g_string_append_printf (out, "  %s %d", _("Season"), number);
      if (name != NULL)
        g_string_append_printf (out, " “%s”", name);
      g_string_append_printf (out, " · %s", counts);
      if (premiere != NULL)
        g_string_append_printf (out, " · %s – %s", premiere, end != NULL ? end : "");
      g_string_append_c (out, '\n');
    }
}

static void
append_cast (GString       *out,
             SfShowDetails *details)
{
  GPtrArray *cast = sf_show_details_get_cast (details);

  g_string_append_printf (out, "\n%s (%u)\n", _("Cast"), cast->len);
  for (guint i = 0; i < cast->len; i++)
    {
      SfCastMember *member = g_ptr_array_index (cast, i);
      g_autofree char *person = sf_cli_text_clean (sf_cast_member_get_person_name (member));
      g_autofree char *character =
        sf_cli_text_clean (sf_cast_member_get_character_name (member));

      g_string_append (out, "  ");
      if (character != NULL)
        /* Translators: an actor and the character played, "Rainn Wilson as Dwight Schrute" */
        g_string_append_printf (out, _("%s as %s"), person, character);
      else
        g_string_append (out, person);
      if (sf_cast_member_get_voice (member))
        g_string_append_printf (out, " (%s)", _("voice"));
      if (sf_cast_member_get_self (member))
        g_string_append_printf (out, " (%s)", _("as themselves"));
      g_string_append_c (out, '\n');
    }
}

static char *
dup_text (SfShowDetails *details)
{
  SfShow *show = sf_show_details_get_show (details);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *years = sf_show_dup_years_text (show);
  g_autofree char *channel = dup_channel_text (show);
  g_autofree char *schedule = dup_schedule_text (show);
  g_autofree char *runtime = NULL;
  g_autofree char *genres = NULL;
  g_autofree char *rating = NULL;
  g_autofree char *imdb = NULL;
  g_autofree char *next = dup_next_text (sf_show_details_get_next_episode (details));
  g_autofree char *previous = dup_next_text (sf_show_details_get_previous_episode (details));
  g_autofree char *summary_html = sf_markup_html_to_text (sf_show_get_summary_html (show));
  g_autofree char *summary = sf_cli_text_clean_lines (summary_html);
  g_autofree char *name = sf_cli_text_clean (sf_show_get_name (show));
  int minutes = sf_show_get_runtime (show);

  g_string_append (out, name);
  if (years != NULL)
    g_string_append_printf (out, " (%s)", years);
  g_string_append_c (out, '\n');

  if (minutes > 0)
    runtime = g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
  genres = g_strjoinv (", ", (GStrv) sf_show_get_genres (show));
  /* "—" rather than 0 when TVmaze has no rating */
  rating = sf_show_has_rating (show) ? g_strdup_printf ("%.1f", sf_show_get_rating (show))
                                     : g_strdup ("—");
  if (sf_show_get_imdb_id (show) != NULL)
    imdb = g_strdup_printf ("https://www.imdb.com/title/%s/", sf_show_get_imdb_id (show));

  append_field (out, _("Status:"), sf_show_get_status (show));
  append_field (out, _("Channel:"), channel);
  append_field (out, _("Schedule:"), schedule);
  append_field (out, _("Runtime:"), runtime);
  append_field (out, _("Language:"), sf_show_get_language (show));
  append_field (out, _("Type:"), sf_show_get_show_type (show));
  append_field (out, _("Genres:"), genres);
  append_field (out, _("Rating:"), rating);
  append_field (out, _("Next episode:"), next);
  append_field (out, _("Previous episode:"), previous);
  append_field (out, _("Official site:"), sf_show_get_official_site (show));
  append_field (out, _("TVmaze:"), sf_show_get_url (show));
  append_field (out, _("IMDb:"), imdb);

  if (*summary != '\0')
    g_string_append_printf (out, "\n%s\n", summary);

  append_seasons (out, details);
  append_cast (out, details);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dup_json (SfShowDetails *details)
{
  SfShow *show = sf_show_details_get_show (details);
  GPtrArray *seasons = sf_show_details_get_seasons (details);
  GPtrArray *cast = sf_show_details_get_cast (details);
  g_autoptr(JsonNode) root = sf_show_to_json (show);
  g_autofree char *summary = sf_markup_html_to_text (sf_show_get_summary_html (show));
  JsonObject *object = json_node_get_object (root);
  JsonArray *array;

  sf_json_object_set_string (object, "summary", *summary != '\0' ? summary : NULL);

  array = json_array_sized_new (seasons->len);
  for (guint i = 0; i < seasons->len; i++)
    {
      SfSeason *season = g_ptr_array_index (seasons, i);
      int number = sf_season_get_number (season);
      SfEpisodeGroup *group = number > 0 ? sf_show_details_find_group (details, number) : NULL;
      JsonObject *item = json_object_new ();

      if (number > 0)
        json_object_set_int_member (item, "number", number);
      else
        json_object_set_null_member (item, "number");
      sf_json_object_set_string (item, "name", sf_season_get_name (season));
      json_object_set_int_member (item, "episodes", group != NULL ? group->n_regular : 0);
      json_object_set_int_member (item, "specials", group != NULL ? group->n_specials : 0);
      sf_json_object_set_string (item, "premiereDate", sf_season_get_premiere_date (season));
      sf_json_object_set_string (item, "endDate", sf_season_get_end_date (season));
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, "seasons", array);

  array = json_array_sized_new (cast->len);
  for (guint i = 0; i < cast->len; i++)
    {
      SfCastMember *member = g_ptr_array_index (cast, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "personId", sf_cast_member_get_person_id (member));
      json_object_set_string_member (item, "person", sf_cast_member_get_person_name (member));
      sf_json_object_set_string (item, "character", sf_cast_member_get_character_name (member));
      json_object_set_boolean_member (item, "self", sf_cast_member_get_self (member));
      json_object_set_boolean_member (item, "voice", sf_cast_member_get_voice (member));
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, "cast", array);

  json_object_set_int_member (object, "episodeCount", sf_show_details_get_n_regular (details));
  json_object_set_int_member (object, "specialCount", sf_show_details_get_n_specials (details));

  return sf_json_to_string (root);
}

static const SfCliByIdKind details_kind = {
  (SfCliByIdAsync) sf_tvmaze_client_get_details_async,
  (SfCliByIdFinish) sf_tvmaze_client_get_details_finish,
  N_("series-finder: a series id is a positive number\n"),
  N_("No series with id %s\n"),
  1,
};

int
sf_cli_show_run (SfTvmazeClient *client,
                 gint64          id,
                 gboolean        json)
{
  g_autoptr(SfShowDetails) details = NULL;
  g_autofree char *text = NULL;
  int status;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), 1);

  if ((details = sf_cli_fetch_by_id (client, id, &details_kind, &status)) == NULL)
    return status;

  if (json)
    {
      text = dup_json (details);
      fputs (text, stdout);
      fputs ("\n", stdout);
    }
  else
    {
      text = dup_text (details);
      fputs (text, stdout);
    }

  fflush (stdout);

  return 0;
}
