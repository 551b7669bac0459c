/* fuzz-json-model.c: any body a server sends, through every JSON parser of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-index-page.h"
#include "sf-json-reader.h"
#include "sf-json.h"
#include "sf-show-details.h"
#include "sf-show-list.h"
#include "sf-show.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

/* What the program does with a show: every string it hands out must be valid UTF-8, and
 * the --json line must be valid JSON text. */
static void
check_show (SfShow *show)
{
  g_autoptr(JsonNode) node = sf_show_to_json (show);
  g_autofree char *json = sf_json_to_string (node);
  const char * const *genres = sf_show_get_genres (show);
  const char *zone = sf_show_get_timezone (show);

  g_assert (g_utf8_validate (json, -1, NULL));
  g_assert (g_utf8_validate (sf_show_get_name (show), -1, NULL));
  for (guint i = 0; genres != NULL && genres[i] != NULL; i++)
    g_assert (g_utf8_validate (genres[i], -1, NULL));
  if (sf_show_get_summary_html (show) != NULL)
    g_assert (g_utf8_validate (sf_show_get_summary_html (show), -1, NULL));
  if (sf_show_get_network_name (show) != NULL)
    g_assert (g_utf8_validate (sf_show_get_network_name (show), -1, NULL));
  g_assert (zone == NULL || sf_json_reader_is_time_zone_name (zone));
}

static void
check_shows (GPtrArray *shows)
{
  for (guint i = 0; shows != NULL && i < shows->len; i++)
    check_show (shows->pdata[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GPtrArray) search = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) page_json = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) seasons = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(SfShow) show = NULL;
  g_autoptr(SfEpisode) episode = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (size > 1024 * 1024)
    return 0;

  /* Search results, an index page, a show (with embeds: the details), an episode and the
   * lists of the details page. */
  search = sf_show_list_parse_search (text, size, NULL);
  check_shows (search);
  shows = sf_show_list_parse_shows (text, size, NULL);
  check_shows (shows);
  page = sf_index_page_parse (text, size, &page_json, NULL);
  check_shows (page);
  /* each kept show's own JSON is stored, then parsed again later */
  for (guint i = 0; page_json != NULL && i < page_json->len; i++)
    {
      g_autoptr(SfShow) again = sf_show_parse (page_json->pdata[i], -1, NULL);

      if (again != NULL)
        check_show (again);
    }

  show = sf_show_parse (text, size, NULL);
  if (show != NULL)
    check_show (show);

  episode = sf_episode_parse (text, size, NULL);
  episodes = sf_episode_list_parse (text, size, NULL);
  if (episodes != NULL)
    {
      g_autoptr(GPtrArray) groups = sf_episode_list_group_by_season (episodes);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 2, 9, 0, 0);

      for (guint i = 0; i < episodes->len; i++)
        {
          g_autofree char *relative = sf_episode_dup_relative_text (episodes->pdata[i], now, utc);
          g_autofree char *code = sf_episode_dup_code (episodes->pdata[i]);
          const char *name = sf_episode_get_name (episodes->pdata[i]);

          g_assert (name == NULL || g_utf8_validate (name, -1, NULL));
        }
    }
  seasons = sf_season_list_parse (text, size, NULL);
  cast = sf_cast_list_parse (text, size, NULL);
  for (guint i = 0; cast != NULL && i < cast->len; i++)
    g_assert (g_utf8_validate (sf_cast_member_get_person_name (cast->pdata[i]), -1, NULL));

  /* the updates map is read through the same guarded root (sf-catalog-sync.c) */
  root = sf_json_reader_parse_root (size > 0 ? text : "", size, NULL);
  if (root != NULL)
    {
      g_autofree char *json = sf_json_to_string (root);

      g_assert (g_utf8_validate (json, -1, NULL));
    }

  return 0;
}
