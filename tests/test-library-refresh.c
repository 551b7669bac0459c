/* test-library-refresh.c: what followed shows notify (pure, with an injected now), and
 * refreshing them against the fake TVmaze
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sf-fake-server.h"
#include "sf-library-private.h"
#include "sf-library-refresh.h"
#include "sf-show-details.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-error.h"

#define N_SHOWS 300
#define SEED 42
#define MISSING_SHOW 100000
#define TIMEOUT_MS 30000
#define MSEC ((gint64) 1000)
#define EMBEDS "embed%5B%5D=nextepisode&embed%5B%5D=previousepisode"
/* the fake's fixed "today" */
#define FAKE_TODAY_NOON "2026-11-01T12:00:00Z"

/* ------------------------------------------------------------------------------------------
 * Waiting, always bounded
 */

/* ------------------------------------------------------------------------------------------
 * Pure: what to notify
 */

static SfEpisode *
episode_new (gint64      id,
             int         season,
             int         number,        /* 0: a special */
             const char *type,          /* nullable */
             const char *airdate,
             const char *airtime,       /* "" for none */
             const char *airstamp)
{
  g_autofree char *json = NULL;
  g_autofree char *number_text = number > 0 ? g_strdup_printf ("%d", number) : g_strdup ("null");
  g_autofree char *type_text = type != NULL ? g_strdup_printf ("\"type\":\"%s\",", type)
                                            : g_strdup ("");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  SfEpisode *episode;

  json = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"name\":\"Episode %" G_GINT64_FORMAT
                          "\",\"season\":%d,\"number\":%s,%s\"airdate\":\"%s\","
                          "\"airtime\":\"%s\",\"airstamp\":\"%s\"}",
                          id, id, season, number_text, type_text, airdate, airtime, airstamp);
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  episode = sf_episode_new_from_json (node, &error);
  g_assert_no_error (error);
  return episode;
}

static GDateTime *
date_time_new (const char *iso)
{
  GDateTime *when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return when;
}

static GPtrArray *
compute (int                 latest_before,
         const char * const *notified,
         SfEpisode          *previous,
         SfEpisode          *next,
         const char         *now_iso,
         const char         *zone_id)
{
  g_autoptr(GDateTime) now = date_time_new (now_iso);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);

  g_assert_nonnull (zone);
  return sf_library_compute_notifications (7, "Harbour <Lights>", latest_before, notified,
                                           previous, next, now, zone);
}

static SfLibraryNotification *
only (GPtrArray *notifications)
{
  g_assert_cmpuint (notifications->len, ==, 1);
  return g_ptr_array_index (notifications, 0);
}

static void
test_airs_today (void)
{
  g_autoptr(SfEpisode) tonight = episode_new (301, 3, 4, "regular", "2026-11-01", "21:00",
                                              "2026-11-01T21:00:00+00:00");
  g_autoptr(SfEpisode) last_week = episode_new (300, 3, 3, "regular", "2026-10-25", "21:00",
                                                "2026-10-25T21:00:00+00:00");
  g_autoptr(GPtrArray) notifications = NULL;
  SfLibraryNotification *notification;

  /* In the morning, the evening's episode is the next one. */
  notifications = compute (3, NULL, last_week, tonight, "2026-11-01T08:00:00Z", "UTC");
  notification = only (notifications);
  g_assert_cmpint (notification->kind, ==, SF_LIBRARY_NOTIFICATION_AIRS_TODAY);
  g_assert_cmpint (notification->show_id, ==, 7);
  g_assert_cmpstr (notification->key, ==, "airs-today:301");
  /* The title is the name as text; markup is the UI's business. */
  g_assert_cmpstr (notification->title, ==, "Harbour <Lights>");
  g_assert_cmpstr (notification->body, ==, "New episode today at 21:00: S03E04 “Episode 301”");
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* Late at night it has aired: it is the previous one, still today. */
  notifications = compute (3, NULL, tonight, NULL, "2026-11-01T23:30:00Z", "UTC");
  g_assert_cmpstr (only (notifications)->key, ==, "airs-today:301");
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* Not the day before, not the day after. */
  notifications = compute (3, NULL, last_week, tonight, "2026-10-31T23:59:59Z", "UTC");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);
  notifications = compute (3, NULL, tonight, NULL, "2026-11-02T00:00:01Z", "UTC");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* Said already: not again. */
  {
    const char * const notified[] = { "new-season:3", "airs-today:301", NULL };

    notifications = compute (3, notified, last_week, tonight, "2026-11-01T08:00:00Z", "UTC");
    g_assert_cmpuint (notifications->len, ==, 0);
  }
}

/* "Today" is the person's day: an episode at 21:00 UTC is tomorrow morning in Tokyo. */
static void
test_airs_today_zone (void)
{
  g_autoptr(SfEpisode) episode = episode_new (400, 1, 2, "regular", "2026-11-01", "21:00",
                                              "2026-11-01T21:00:00+00:00");
  g_autoptr(GPtrArray) notifications = NULL;

  /* 2026-11-01 10:00 in Tokyo: the episode is on the 2nd there. */
  notifications = compute (1, NULL, NULL, episode, "2026-11-01T01:00:00Z", "Asia/Tokyo");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* 2026-11-02 08:00 in Tokyo (23:00 UTC on the 1st). */
  notifications = compute (1, NULL, NULL, episode, "2026-11-01T23:00:00Z", "Asia/Tokyo");
  g_assert_cmpstr (only (notifications)->body, ==,
                   "New episode today at 06:00: S01E02 “Episode 400”");
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* In New York it is the 1st, 16:00. */
  notifications = compute (1, NULL, NULL, episode, "2026-11-01T13:00:00Z", "America/New_York");
  g_assert_cmpstr (only (notifications)->body, ==,
                   "New episode today at 16:00: S01E02 “Episode 400”");
}

static void
test_streaming_release (void)
{
  /* No air time: the whole season drops on its air date, whatever the placeholder says. */
  g_autoptr(SfEpisode) drop = episode_new (500, 2, 1, "regular", "2026-11-01", "",
                                           "2026-11-01T12:00:00+00:00");
  g_autoptr(SfEpisode) minor = episode_new (501, 2, 0, "insignificant_special", "2026-11-01",
                                            "", "2026-11-01T12:00:00+00:00");
  g_autoptr(SfEpisode) major = episode_new (502, 2, 0, "significant_special", "2026-11-01",
                                            "", "2026-11-01T12:00:00+00:00");
  g_autoptr(GPtrArray) notifications = NULL;

  notifications = compute (2, NULL, drop, NULL, "2026-11-01T22:00:00Z", "Pacific/Kiritimati");
  /* 2026-11-02 in Kiritimati, but a release without a time is on its air date */
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);

  notifications = compute (2, NULL, drop, NULL, "2026-11-01T09:00:00Z", "Pacific/Kiritimati");
  g_assert_cmpstr (only (notifications)->body, ==, "New episode today: S02E01 “Episode 500”");
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* A minor special is not worth a notification; a significant one is. */
  notifications = compute (2, NULL, minor, NULL, "2026-11-01T09:00:00Z", "UTC");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);
  notifications = compute (2, NULL, major, NULL, "2026-11-01T09:00:00Z", "UTC");
  g_assert_cmpstr (only (notifications)->body, ==, "New episode today: Special “Episode 502”");
}

static void
test_new_season (void)
{
  g_autoptr(SfEpisode) premiere = episode_new (600, 4, 1, "regular", "2026-12-03", "21:00",
                                               "2026-12-03T21:00:00+00:00");
  g_autoptr(SfEpisode) second = episode_new (601, 4, 2, "regular", "2026-12-10", "21:00",
                                             "2026-12-10T21:00:00+00:00");
  g_autoptr(SfEpisode) finale = episode_new (599, 3, 10, "regular", "2026-06-01", "21:00",
                                             "2026-06-01T21:00:00+00:00");
  g_autoptr(SfEpisode) special = episode_new (598, 4, 0, "significant_special", "2026-12-01",
                                              "21:00", "2026-12-01T21:00:00+00:00");
  g_autoptr(GPtrArray) notifications = NULL;
  SfLibraryNotification *notification;

  notifications = compute (3, NULL, finale, premiere, FAKE_TODAY_NOON, "UTC");
  notification = only (notifications);
  g_assert_cmpint (notification->kind, ==, SF_LIBRARY_NOTIFICATION_NEW_SEASON);
  g_assert_cmpstr (notification->key, ==, "new-season:4");
  g_assert_cmpstr (notification->body, ==,
                   "Season 4 announced: S04E01 “Episode 600”, Thu 3 Dec 21:00, in 32 days");
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* Known already, or nothing known before to compare with: nothing new. */
  notifications = compute (4, NULL, finale, premiere, FAKE_TODAY_NOON, "UTC");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);
  notifications = compute (-1, NULL, finale, premiere, FAKE_TODAY_NOON, "UTC");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* Not the first episode of the season, or a special: not an announcement. */
  notifications = compute (3, NULL, premiere, second, FAKE_TODAY_NOON, "UTC");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);
  notifications = compute (3, NULL, finale, special, FAKE_TODAY_NOON, "UTC");
  g_assert_cmpuint (notifications->len, ==, 0);
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* A show with no episode before announces its first season. */
  notifications = compute (0, NULL, NULL, premiere, FAKE_TODAY_NOON, "UTC");
  g_assert_cmpstr (only (notifications)->key, ==, "new-season:4");
  g_clear_pointer (&notifications, g_ptr_array_unref);

  /* Said already. */
  {
    const char * const notified[] = { "new-season:4", NULL };

    notifications = compute (3, notified, finale, premiere, FAKE_TODAY_NOON, "UTC");
    g_assert_cmpuint (notifications->len, ==, 0);
    g_clear_pointer (&notifications, g_ptr_array_unref);
  }

  /* A premiere airing today is told once, as airing today. */
  notifications = compute (3, NULL, finale, premiere, "2026-12-03T10:00:00Z", "UTC");
  g_assert_cmpint (only (notifications)->kind, ==, SF_LIBRARY_NOTIFICATION_AIRS_TODAY);
}

static void
test_known_latest_season (void)
{
  g_autoptr(SfEpisode) s3 = episode_new (1, 3, 9, "regular", "2026-01-01", "",
                                         "2026-01-01T12:00:00+00:00");
  g_autoptr(SfEpisode) s4 = episode_new (2, 4, 1, "regular", "2027-01-01", "",
                                         "2027-01-01T12:00:00+00:00");

  g_assert_cmpint (sf_library_known_latest_season (s3, s4, TRUE), ==, 4);
  g_assert_cmpint (sf_library_known_latest_season (s3, NULL, FALSE), ==, 3);
  g_assert_cmpint (sf_library_known_latest_season (NULL, NULL, TRUE), ==, 0);
  g_assert_cmpint (sf_library_known_latest_season (NULL, NULL, FALSE), ==, -1);
}

/* ------------------------------------------------------------------------------------------
 * Against the fake TVmaze
 */

typedef struct
{
  char             *dir;
  char             *path;
  SfFakeServer     *server;
  SoupSession      *session;
  SfTvmazeClient   *client;
  SfLibrary        *library;
  SfLibraryRefresh *refresh;
  GPtrArray        *notified;     /* "show_id key" strings, as emitted */
} Fixture;

static void
on_notification (SfLibraryRefresh *refresh,
                 const char       *title,
                 const char       *body,
                 gint64            show_id,
                 const char       *key,
                 Fixture          *fixture)
{
  g_assert_nonnull (title);
  g_assert_nonnull (body);
  g_ptr_array_add (fixture->notified,
                   g_strdup_printf ("%" G_GINT64_FORMAT " %s", show_id, key));
}

static SfLibrary *
open_library (const char *path)
{
  g_autoptr(SfLibrary) library = sf_library_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_open_async (library, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_open_finish (library,
                                         sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                  "open"), &error));
  g_assert_no_error (error);
  return g_steal_pointer (&library);
}

static void
close_library (SfLibrary *library)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_close_async (library, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_close_finish (library,
                                          sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                   "close"), NULL));
  g_clear_object (&result);
  g_assert_finalize_object (library);
}

static SfLibraryRefresh *
refresh_new (Fixture    *fixture,
             const char *now_iso)
{
  g_autoptr(SfLibraryRefresh) refresh = sf_library_refresh_new (fixture->library,
                                                                fixture->client);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (now_iso != NULL)
    {
      g_autoptr(GDateTime) now = date_time_new (now_iso);

      sf_library_refresh_set_now (refresh, now);
    }
  sf_library_refresh_set_time_zone (refresh, utc);
  g_signal_connect (refresh, "notification", G_CALLBACK (on_notification), fixture);
  return g_steal_pointer (&refresh);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sf_test_make_temp_dir ("test-library-refresh-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);

  fixture->server = sf_fake_server_new (N_SHOWS, SEED);
  g_assert_true (sf_fake_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
  fixture->client = sf_tvmaze_client_new (fixture->session,
                                          sf_fake_server_get_url (fixture->server));
  sf_tvmaze_client_set_retry_base_delay (fixture->client, 10 * MSEC);
  sf_tvmaze_client_set_max_retries (fixture->client, 1);
  /* The fake has no rate limit; the scans below make hundreds of requests. */
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (fixture->client), 10000,
                              G_USEC_PER_SEC);

  fixture->library = open_library (fixture->path);
  fixture->refresh = refresh_new (fixture, FAKE_TODAY_NOON);
  fixture->notified = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->refresh));
  close_library (g_steal_pointer (&fixture->library));
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  sf_fake_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->notified, g_ptr_array_unref);

  sf_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The show's JSON as the refresh fetches it, and parsed, straight from the fake. */
static char *
fetch_json (Fixture    *fixture,
            gint64      id,
            const char *embeds)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT "?%s", id, embeds);
  gsize size;
  const char *data;

  sf_tvmaze_client_get_async (fixture->client, path, SF_TVMAZE_PRIORITY_INTERACTIVE, NULL,
                              sf_test_result_cb, &result);
  bytes = sf_tvmaze_client_get_finish (fixture->client,
                                       sf_test_wait_for_result (&result, TIMEOUT_MS, "a show"),
                                       &error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

static SfShowDetails *
fetch_details (Fixture *fixture,
               gint64   id)
{
  g_autofree char *json = fetch_json (fixture, id, EMBEDS);

  return json != NULL ? sf_show_details_parse_embedded (json, -1, NULL) : NULL;
}

static void
follow_bare (Fixture *fixture,
             gint64   id)
{
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, id);
  g_autofree char *json = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"name\":\"%s\"}", id,
                                           name != NULL ? name : "Missing");
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(SfShow) show = sf_show_new_from_json (node, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_nonnull (show);
  /* Without JSON: the snapshot is built from the show, as from a card. */
  sf_library_follow_async (fixture->library, show, NULL, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_follow_finish (fixture->library,
                                           sf_test_wait_for_result (&result, TIMEOUT_MS, "follow"),
                                           NULL));
}

static void
follow_with_json (Fixture    *fixture,
                  const char *json)
{
  g_autoptr(SfShowDetails) details = sf_show_details_parse_embedded (json, -1, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_nonnull (details);
  sf_library_follow_async (fixture->library, sf_show_details_get_show (details), json, NULL,
                           sf_test_result_cb, &result);
  g_assert_true (sf_library_follow_finish (fixture->library,
                                           sf_test_wait_for_result (&result, TIMEOUT_MS, "follow"),
                                           NULL));
}

static gboolean
run_refresh (Fixture           *fixture,
             SfLibraryRefresh  *refresh,
             gint64             max_age,
             guint             *out_n_refreshed,
             guint             *out_n_failed,
             GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_library_refresh_run_async (refresh, max_age, NULL, sf_test_result_cb, &result);
  return sf_library_refresh_run_finish (refresh,
                                        sf_test_wait_for_result (&result, TIMEOUT_MS, "refresh"),
                                        out_n_refreshed, out_n_failed, error);
}

static GPtrArray *
list (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *shows;

  sf_library_list_async (fixture->library, NULL, sf_test_result_cb, &result);
  shows = sf_library_list_finish (fixture->library,
                                  sf_test_wait_for_result (&result, TIMEOUT_MS, "list"), &error);
  g_assert_no_error (error);
  return shows;
}

static SfFollowedShow *
find_followed (GPtrArray *shows,
               gint64     id)
{
  for (guint i = 0; i < shows->len; i++)
    if (sf_followed_show_get_id (g_ptr_array_index (shows, i)) == id)
      return g_ptr_array_index (shows, i);

  return NULL;
}

static gint64
episode_id_or_zero (SfEpisode *episode)
{
  return episode != NULL ? sf_episode_get_id (episode) : 0;
}

static void
test_refresh_all (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = date_time_new (FAKE_TODAY_NOON);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  guint n_refreshed = 0, n_failed = 0, n_requests;

  for (gint64 id = 2; id <= 41; id++)
    follow_bare (fixture, id);

  n_requests = sf_fake_server_get_request_count (fixture->server, "/shows/");
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, &n_refreshed, &n_failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_refreshed, ==, 40);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/"), ==,
                    n_requests + 40);

  /* Each snapshot is TVmaze's, with its episodes; the notifications are what the pure
   * function says for a first refresh (nothing known before, so no new season). */
  shows = list (fixture);
  g_assert_cmpuint (shows->len, ==, 40);
  for (gint64 id = 2; id <= 41; id++)
    {
      SfFollowedShow *followed = find_followed (shows, id);
      g_autoptr(SfShowDetails) details = fetch_details (fixture, id);
      g_autoptr(GPtrArray) notifications = NULL;
      g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, id);

      g_assert_nonnull (followed);
      g_assert_nonnull (details);
      g_assert_cmpstr (sf_followed_show_get_name (followed), ==, name);
      g_assert_cmpint (sf_followed_show_get_refreshed (followed), ==, g_date_time_to_unix (now));
      g_assert_cmpint (episode_id_or_zero (sf_followed_show_get_next_episode (followed)), ==,
                       episode_id_or_zero (sf_show_details_get_next_episode (details)));
      g_assert_cmpint (episode_id_or_zero (sf_followed_show_get_previous_episode (followed)), ==,
                       episode_id_or_zero (sf_show_details_get_previous_episode (details)));
      g_assert_cmpstr (sf_show_get_status (sf_followed_show_get_show (followed)), ==,
                       sf_show_get_status (sf_show_details_get_show (details)));

      notifications =
        sf_library_compute_notifications (id, name, -1, NULL,
                                          sf_show_details_get_previous_episode (details),
                                          sf_show_details_get_next_episode (details), now, utc);
      for (guint i = 0; i < notifications->len; i++)
        {
          SfLibraryNotification *notification = g_ptr_array_index (notifications, i);

          g_assert_cmpint (notification->kind, ==, SF_LIBRARY_NOTIFICATION_AIRS_TODAY);
          g_ptr_array_add (expected, g_strdup_printf ("%" G_GINT64_FORMAT " %s", id,
                                                      notification->key));
        }
    }

  g_assert_cmpuint (fixture->notified->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (fixture->notified,
                                                     g_ptr_array_index (expected, i),
                                                     g_str_equal, NULL));
  g_test_message ("40 shows refreshed, %u aired on the fake's today", expected->len);

  /* Again: everything fetched again, nothing said twice. */
  g_ptr_array_set_size (fixture->notified, 0);
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, &n_refreshed, NULL, &error));
  g_assert_cmpuint (n_refreshed, ==, 40);
  g_assert_cmpuint (fixture->notified->len, ==, 0);
}

static void
test_max_age (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SfLibraryRefresh) later = NULL;
  g_autoptr(SfLibraryRefresh) much_later = NULL;
  g_autoptr(GError) error = NULL;
  guint n_refreshed = 99, n_requests;

  for (gint64 id = 2; id <= 6; id++)
    follow_bare (fixture, id);
  g_assert_true (run_refresh (fixture, fixture->refresh, 3600, &n_refreshed, NULL, &error));
  /* Never refreshed: refreshed whatever the age asked. */
  g_assert_cmpuint (n_refreshed, ==, 5);

  n_requests = sf_fake_server_get_request_count (fixture->server, "/shows/");
  later = refresh_new (fixture, "2026-11-01T12:30:00Z");
  g_assert_true (run_refresh (fixture, later, 3600, &n_refreshed, NULL, &error));
  g_assert_cmpuint (n_refreshed, ==, 0);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/"), ==,
                    n_requests);

  much_later = refresh_new (fixture, "2026-11-01T14:00:00Z");
  g_assert_true (run_refresh (fixture, much_later, 3600, &n_refreshed, NULL, &error));
  g_assert_cmpuint (n_refreshed, ==, 5);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/"), ==,
                    n_requests + 5);
}

typedef gboolean (*DetailsPredicate) (SfShowDetails *details);

/* The first generated show the predicate accepts. */
static gint64
find_show (Fixture          *fixture,
           DetailsPredicate  predicate)
{
  for (gint64 id = 2; id <= N_SHOWS; id++)
    {
      g_autoptr(SfShowDetails) details = fetch_details (fixture, id);

      if (details != NULL && predicate (details))
        return id;
    }

  g_assert_not_reached ();
}

static gboolean
has_timed_next (SfShowDetails *details)
{
  SfEpisode *next = sf_show_details_get_next_episode (details);

  return next != NULL && !sf_episode_is_special (next) && sf_episode_get_airtime (next) != NULL;
}

static gboolean
announces_season (SfShowDetails *details)
{
  SfEpisode *next = sf_show_details_get_next_episode (details);
  SfEpisode *previous = sf_show_details_get_previous_episode (details);

  return next != NULL && previous != NULL && !sf_episode_is_special (next) &&
         sf_episode_get_number (next) == 1 && sf_episode_get_season (next) >= 2 &&
         sf_episode_get_season (previous) == sf_episode_get_season (next) - 1 &&
         g_strcmp0 (sf_episode_get_airdate (next), "2026-11-01") > 0;
}

static void
test_airs_today_once (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id = find_show (fixture, has_timed_next);
  g_autoptr(SfShowDetails) details = fetch_details (fixture, id);
  SfEpisode *next = sf_show_details_get_next_episode (details);
  g_autofree char *now_iso = g_date_time_format_iso8601 (sf_episode_get_airstamp (next));
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " airs-today:%" G_GINT64_FORMAT,
                                               id, sf_episode_get_id (next));
  g_autoptr(SfLibraryRefresh) refresh = NULL;
  g_autoptr(GError) error = NULL;

  follow_bare (fixture, id);

  /* The day it airs (in UTC, the test's zone), as the refresh sees it. */
  refresh = refresh_new (fixture, now_iso);
  g_assert_true (run_refresh (fixture, refresh, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->notified, expected, g_str_equal,
                                                   NULL));

  /* Not again, neither in this run nor after a restart. */
  g_ptr_array_set_size (fixture->notified, 0);
  g_assert_true (run_refresh (fixture, refresh, 0, NULL, NULL, &error));
  g_assert_cmpuint (fixture->notified->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&refresh));
  g_assert_finalize_object (g_steal_pointer (&fixture->refresh));
  close_library (g_steal_pointer (&fixture->library));
  fixture->library = open_library (fixture->path);
  fixture->refresh = refresh_new (fixture, now_iso);
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, NULL, NULL, &error));
  g_assert_cmpuint (fixture->notified->len, ==, 0);
}

static void
test_new_season_once (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id = find_show (fixture, announces_season);
  g_autoptr(SfShowDetails) details = fetch_details (fixture, id);
  int season = sf_episode_get_season (sf_show_details_get_next_episode (details));
  /* What was known when the person followed it: the previous season, not the next one. */
  g_autofree char *before = fetch_json (fixture, id, "embed=previousepisode");
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " new-season:%d", id, season);
  g_autoptr(GError) error = NULL;

  follow_with_json (fixture, before);

  /* The command line's refresh (not tracking) tells nothing and spoils nothing. */
  sf_library_refresh_set_track_notifications (fixture->refresh, FALSE);
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, NULL, NULL, &error));
  g_assert_cmpuint (fixture->notified->len, ==, 0);

  sf_library_refresh_set_track_notifications (fixture->refresh, TRUE);
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->notified->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->notified, 0), ==, expected);

  g_ptr_array_set_size (fixture->notified, 0);
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, NULL, NULL, &error));
  g_assert_cmpuint (fixture->notified->len, ==, 0);
}

/* Followed with nothing known about its seasons: the first refresh only learns. */
static void
test_new_season_unknown_before (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 id = find_show (fixture, announces_season);
  g_autoptr(GError) error = NULL;

  follow_bare (fixture, id);
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, NULL, NULL, &error));
  g_assert_cmpuint (fixture->notified->len, ==, 0);
}

static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  guint n_refreshed = 0, n_failed = 0;

  follow_bare (fixture, 2);
  follow_bare (fixture, MISSING_SHOW);
  follow_bare (fixture, 3);

  /* A show TVmaze lost is skipped and kept; the others go on. */
  g_assert_true (run_refresh (fixture, fixture->refresh, 0, &n_refreshed, &n_failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_refreshed, ==, 2);
  g_assert_cmpuint (n_failed, ==, 1);
  g_assert_true (sf_library_is_followed (fixture->library, MISSING_SHOW));

  sf_library_refresh_show_async (fixture->refresh, MISSING_SHOW, NULL, sf_test_result_cb,
                                 &result);
  g_assert_false (sf_library_refresh_show_finish (fixture->refresh,
                                                  sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                           "refresh show"),
                                                  &error));
  g_assert_error (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  sf_library_refresh_show_async (fixture->refresh, 3, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_library_refresh_show_finish (fixture->refresh,
                                                 sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                          "refresh show"), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* TVmaze unreachable: the pass stops with that, and what was stored stays. */
  sf_fake_server_stop (fixture->server);
  g_assert_false (run_refresh (fixture, fixture->refresh, 0, &n_refreshed, NULL, &error));
  g_assert_true (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK) ||
                 g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT));
  g_assert_cmpuint (n_refreshed, ==, 0);
  shows = list (fixture);
  g_assert_cmpuint (shows->len, ==, 3);
  g_assert_cmpint (sf_followed_show_get_refreshed (find_followed (shows, 2)), >, 0);
  g_assert_cmpint (sf_followed_show_get_refreshed (find_followed (shows, MISSING_SHOW)), ==, 0);
}

/* Unfollowed while being fetched: not brought back, nothing told about it. */
static void
test_unfollowed_meanwhile (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) unfollowed = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;

  follow_bare (fixture, 2);
  follow_bare (fixture, 3);
  sf_fake_server_set_latency (fixture->server, 50, 0);

  sf_library_refresh_run_async (fixture->refresh, 0, NULL, sf_test_result_cb, &result);
  sf_library_unfollow_async (fixture->library, 3, NULL, sf_test_result_cb, &unfollowed);
  g_assert_true (sf_library_unfollow_finish (fixture->library,
                                             sf_test_wait_for_result (&unfollowed, TIMEOUT_MS,
                                                                      "unfollow"), NULL));
  g_assert_true (sf_library_refresh_run_finish (fixture->refresh,
                                                sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                         "refresh"), NULL, NULL,
                                                &error));
  g_assert_no_error (error);

  shows = list (fixture);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_false (sf_library_is_followed (fixture->library, 3));
  for (guint i = 0; i < fixture->notified->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (fixture->notified, i), "3 "));
}

static void
on_running (GObject    *object,
            GParamSpec *pspec,
            guint      *n_changes)
{
  (*n_changes)++;
}

static gboolean
all_refreshed (Fixture *fixture)
{
  g_autoptr(GPtrArray) shows = list (fixture);

  for (guint i = 0; i < shows->len; i++)
    if (sf_followed_show_get_refreshed (g_ptr_array_index (shows, i)) == 0)
      return FALSE;

  return shows->len > 0;
}

static void
wait_all_refreshed (Fixture *fixture)
{
  /* One iteration at a time: the list above itself iterates the loop. */
  SF_TEST_WAIT_UNTIL (all_refreshed (fixture), TIMEOUT_MS, "automatic refresh");
}

/* Started, it refreshes at once and after each follow, on its own. */
static void
test_automatic (Fixture       *fixture,
                gconstpointer  data)
{
  guint n_running_changes = 0;

  follow_bare (fixture, 2);
  g_signal_connect (fixture->refresh, "notify::running", G_CALLBACK (on_running),
                    &n_running_changes);

  sf_library_refresh_start (fixture->refresh, 3 * 3600);
  g_assert_true (sf_library_refresh_get_running (fixture->refresh));
  wait_all_refreshed (fixture);

  /* A show followed now is fetched soon, without waiting for the timer. */
  follow_bare (fixture, 5);
  wait_all_refreshed (fixture);
  g_assert_cmpuint (n_running_changes, >=, 2);
  g_assert_null (sf_library_refresh_get_last_error_message (fixture->refresh));

  sf_library_refresh_stop (fixture->refresh);
  g_assert_false (sf_library_refresh_get_running (fixture->refresh));
  g_signal_handlers_disconnect_by_data (fixture->refresh, &n_running_changes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/library-refresh/airs-today", test_airs_today);
  g_test_add_func ("/series-finder/library-refresh/airs-today-zone", test_airs_today_zone);
  g_test_add_func ("/series-finder/library-refresh/streaming-release", test_streaming_release);
  g_test_add_func ("/series-finder/library-refresh/new-season", test_new_season);
  g_test_add_func ("/series-finder/library-refresh/known-latest-season",
                   test_known_latest_season);

#define ADD(name, func) \
  g_test_add ("/series-finder/library-refresh/" name, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("refresh-all", test_refresh_all);
  ADD ("max-age", test_max_age);
  ADD ("airs-today-once", test_airs_today_once);
  ADD ("new-season-once", test_new_season_once);
  ADD ("new-season-unknown-before", test_new_season_unknown_before);
  ADD ("failures", test_failures);
  ADD ("unfollowed-meanwhile", test_unfollowed_meanwhile);
  ADD ("automatic", test_automatic);

  return g_test_run ();
}
