/* sf-show-snapshot.c: a show written back as TVmaze-shaped JSON (the watchlist's snapshot of
 * a followed show), which sf_show_new_from_json() reads back the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-json.h"
#include "sf-show-snapshot.h"

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_channel (JsonBuilder *builder,
             const char  *member,
             const char  *name,
             SfShow      *show,
             gboolean     with_country)
{
  json_builder_set_member_name (builder, member);
  if (name == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  sf_json_builder_add_string (builder, "name", name);
  json_builder_set_member_name (builder, "country");
  if (with_country && sf_show_get_country_code (show) != NULL)
    {
      json_builder_begin_object (builder);
      sf_json_builder_add_string (builder, "name", sf_show_get_country_name (show));
      sf_json_builder_add_string (builder, "code", sf_show_get_country_code (show));
      sf_json_builder_add_string (builder, "timezone", sf_show_get_timezone (show));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_episode_link (JsonBuilder *builder,
                  const char  *member,
                  gint64       id)
{
  g_autofree char *href = NULL;

  if (id <= 0)
    return;

  href = g_strdup_printf ("https://api.tvmaze.com/episodes/%" G_GINT64_FORMAT, id);
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  sf_json_builder_add_string (builder, "href", href);
  json_builder_end_object (builder);
}

char *
sf_show_snapshot_dup_json (SfShow *show)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *network = sf_show_get_network_name (show);
  const char *web_channel = sf_show_get_web_channel_name (show);
  int runtime = sf_show_get_runtime (show);
  int average_runtime = sf_show_get_average_runtime (show);

  json_builder_begin_object (builder);
  sf_json_builder_add_int (builder, "id", sf_show_get_id (show), TRUE);
  sf_json_builder_add_string (builder, "url", sf_show_get_url (show));
  sf_json_builder_add_string (builder, "name", sf_show_get_name (show));
  sf_json_builder_add_string (builder, "type", sf_show_get_show_type (show));
  sf_json_builder_add_string (builder, "language", sf_show_get_language (show));
  add_strv (builder, "genres", sf_show_get_genres (show));
  sf_json_builder_add_string (builder, "status", sf_show_get_status (show));
  /* runtime falls back to averageRuntime when read */
  sf_json_builder_add_int (builder, "runtime", runtime, runtime > 0 && runtime != average_runtime);
  sf_json_builder_add_int (builder, "averageRuntime", average_runtime, average_runtime > 0);
  if (runtime > 0 && average_runtime <= 0)
    {
      json_builder_set_member_name (builder, "runtime");
      json_builder_add_int_value (builder, runtime);
    }
  sf_json_builder_add_string (builder, "premiered", sf_show_get_premiered (show));
  sf_json_builder_add_string (builder, "ended", sf_show_get_ended (show));
  sf_json_builder_add_string (builder, "officialSite", sf_show_get_official_site (show));

  json_builder_set_member_name (builder, "schedule");
  json_builder_begin_object (builder);
  sf_json_builder_add_string (builder, "time", sf_show_get_schedule_time (show) != NULL
                               ? sf_show_get_schedule_time (show) : "");
  add_strv (builder, "days", sf_show_get_schedule_days (show));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "rating");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "average");
  if (sf_show_has_rating (show))
    json_builder_add_double_value (builder, sf_show_get_rating (show));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  sf_json_builder_add_int (builder, "weight", sf_show_get_weight (show),
                           sf_show_get_weight (show) >= 0);
  /* The show knows one country: the web channel's, else the network's. Put on the network
   * when there is one, it reads back the same either way. */
  add_channel (builder, "network", network, show, TRUE);
  add_channel (builder, "webChannel", web_channel, show, network == NULL);

  json_builder_set_member_name (builder, "externals");
  json_builder_begin_object (builder);
  sf_json_builder_add_string (builder, "imdb", sf_show_get_imdb_id (show));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "image");
  if (sf_show_get_image_medium (show) != NULL || sf_show_get_image_original (show) != NULL)
    {
      json_builder_begin_object (builder);
      sf_json_builder_add_string (builder, "medium", sf_show_get_image_medium (show));
      sf_json_builder_add_string (builder, "original", sf_show_get_image_original (show));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  sf_json_builder_add_string (builder, "summary", sf_show_get_summary_html (show));
  sf_json_builder_add_int (builder, "updated", sf_show_get_updated (show), TRUE);

  json_builder_set_member_name (builder, "_links");
  json_builder_begin_object (builder);
  add_episode_link (builder, "previousepisode", sf_show_get_previous_episode_id (show));
  add_episode_link (builder, "nextepisode", sf_show_get_next_episode_id (show));
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return sf_json_to_string (root);
}

SfShow *
sf_show_new_minimal (gint64      id,
                     const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  sf_json_builder_add_int (builder, "id", id, TRUE);
  sf_json_builder_add_string (builder, "name", name);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return sf_show_new_from_json (root, NULL);
}
