/* sf-cli-people.c: `series-finder --person=NAME` and `--person-credits=ID`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sf-cli-people.h"
#include "sf-cli-text.h"
#include "sf-cli-wait.h"
#include "sf-json.h"
#include "sf-tvmaze-people.h"

static void
write_line (const char *line)
{
  g_autofree char *clean = sf_cli_text_clean (line);

  fputs (clean, stdout);
  fputs ("\n", stdout);
}

static void
write_json (JsonNode *node)
{
  /* JSON escapes every control character itself. */
  g_autofree char *text = sf_json_to_string (node);

  fputs (text, stdout);
  fputs ("\n", stdout);
}

static void
print_person (SfPerson *person,
              gboolean  json)
{
  const char *birthday = sf_person_get_birthday (person);
  const char *country = sf_person_get_country_name (person);

  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_node_take_object (node, object);
      json_object_set_int_member (object, "id", sf_person_get_id (person));
      json_object_set_string_member (object, "name", sf_person_get_name (person));
      sf_json_object_set_string (object, "birthday", birthday);
      sf_json_object_set_string (object, "deathday", sf_person_get_deathday (person));
      sf_json_object_set_string (object, "country", country);
      sf_json_object_set_string (object, "countryCode", sf_person_get_country_code (person));
      sf_json_object_set_string (object, "gender", sf_person_get_gender (person));
      sf_json_object_set_string (object, "url", sf_person_get_url (person));
      write_json (node);
    }
  else
    {
      g_autofree char *line = NULL;

      /* "—" for what TVmaze doesn't know, as the rating column of --search */
      line = g_strdup_printf ("%-8" G_GINT64_FORMAT " %s · %s · %s", sf_person_get_id (person),
                              sf_person_get_name (person),
                              birthday != NULL ? birthday : "—",
                              country != NULL ? country : "—");
      write_line (line);
    }
}

int
sf_cli_person_run (SfTvmazeClient *client,
                   const char     *name,
                   gboolean        json)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), 1);
  g_return_val_if_fail (name != NULL, 2);

  query = g_strstrip (g_strdup (name));
  if (*query == '\0')
    {
      g_printerr (_("series-finder: the name is empty\n"));
      return 2;
    }

  sf_tvmaze_client_search_people_async (client, query, NULL, sf_cli_wait_cb, &wait);
  people = sf_tvmaze_client_search_people_finish (client, sf_cli_wait (&wait), &error);
  if (people == NULL)
    {
      sf_cli_print_error (error->message);
      return 1;
    }

  for (guint i = 0; i < people->len; i++)
    print_person (g_ptr_array_index (people, i), json);

  if (people->len == 0 && !json)
    {
      g_autofree char *clean = sf_cli_text_clean (query);

      g_printerr (_("No people found for “%s”.\n"), clean);
    }

  fflush (stdout);
  return 0;
}

static void
print_credit (SfCredit *credit,
              gboolean  json)
{
  SfShow *show = sf_credit_get_show (credit);
  const char *character = sf_credit_get_character_name (credit);

  if (json)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      if (show != NULL)
        node = sf_show_to_json (show);
      else
        {
          /* the show missing from the embed: its id only */
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, json_object_new ());
          json_object_set_int_member (json_node_get_object (node), "id",
                                      sf_credit_get_show_id (credit));
        }
      object = json_node_get_object (node);
      sf_json_object_set_string (object, "character", character);
      json_object_set_boolean_member (object, "voice", sf_credit_get_voice (credit));
      json_object_set_boolean_member (object, "self", sf_credit_get_self (credit));
      write_json (node);
    }
  else
    {
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%-8" G_GINT64_FORMAT " ", sf_credit_get_show_id (credit));
      if (show != NULL)
        {
          g_autofree char *years = sf_show_dup_years_text (show);
          const char *channel = sf_show_get_channel_name (show);

          g_string_append (line, sf_show_get_name (show));
          if (years != NULL)
            g_string_append_printf (line, " (%s)", years);
          g_string_append_printf (line, " · %s", channel != NULL ? channel : "—");
          if (sf_show_has_rating (show))
            g_string_append_printf (line, " · ★ %.1f", sf_show_get_rating (show));
          else
            g_string_append (line, " · ★ —");
        }
      else
        g_string_append (line, "—");
      g_string_append_printf (line, " · %s", character != NULL ? character : "—");
      if (sf_credit_get_voice (credit))
        g_string_append_printf (line, " (%s)", _("voice"));
      if (sf_credit_get_self (credit))
        g_string_append_printf (line, " (%s)", _("as themselves"));
      write_line (line->str);
    }
}

static const SfCliByIdKind credits_kind = {
  (SfCliByIdAsync) sf_tvmaze_client_get_credits_async,
  (SfCliByIdFinish) sf_tvmaze_client_get_credits_finish,
  N_("series-finder: a person id is a positive number\n"),
  N_("No person with id %s\n"),
  2,
};

int
sf_cli_person_credits_run (SfTvmazeClient *client,
                           gint64          id,
                           gboolean        json)
{
  g_autoptr(GPtrArray) credits = NULL;
  int status;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), 1);

  if ((credits = sf_cli_fetch_by_id (client, id, &credits_kind, &status)) == NULL)
    return status;

  for (guint i = 0; i < credits->len; i++)
    print_credit (g_ptr_array_index (credits, i), json);

  fflush (stdout);
  return 0;
}

int
sf_cli_person_criterion (SfTvmazeClient *client,
                         const char     *id_text,
                         SfCriteria     *criteria)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(SfPerson) person = NULL;
  g_autoptr(GPtrArray) credits = NULL;
  g_autoptr(GArray) show_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = 0;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), 1);
  g_return_val_if_fail (id_text != NULL, 2);
  g_return_val_if_fail (criteria != NULL, 2);

  text = g_strstrip (g_strdup (id_text));
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autofree char *clean = sf_cli_text_clean (text);

      g_printerr (_("series-finder: --with-person takes a TVmaze person id (a positive "
                    "number), not “%s”\n"), clean);
      return 2;
    }

  /* The name for the criteria (and to know the id), then the series of their credits. */
  sf_tvmaze_client_get_person_async (client, id, NULL, sf_cli_wait_cb, &wait);
  person = sf_tvmaze_client_get_person_finish (client, sf_cli_wait (&wait), &error);
  if (person != NULL)
    {
      sf_tvmaze_client_get_credits_async (client, id, NULL, sf_cli_wait_cb, &wait);
      credits = sf_tvmaze_client_get_credits_finish (client, sf_cli_wait (&wait), &error);
    }
  if (credits == NULL)
    return sf_cli_print_fetch_error (error, _("No person with id %s\n"), id, 2);

  show_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), credits->len);
  for (guint i = 0; i < credits->len; i++)
    {
      gint64 show_id = sf_credit_get_show_id (g_ptr_array_index (credits, i));

      g_array_append_val (show_ids, show_id);
    }
  sf_criteria_set_person (criteria, id, sf_person_get_name (person),
                          (const gint64 *) show_ids->data, show_ids->len);
  return 0;
}
