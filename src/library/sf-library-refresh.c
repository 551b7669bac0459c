/* sf-library-refresh.c: followed shows re-fetched in the background, and what to tell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-library-private.h"
#include "sf-library-refresh.h"
#include "sf-show-details.h"
#include "sf-tvmaze-error.h"

/* A few at a time: the rate limiter queues them anyway, and a person's searches (at the
 * interactive priority) overtake whatever is queued. */
#define MAX_IN_FLIGHT 4
#define REFRESH_EMBEDS "embed%5B%5D=nextepisode&embed%5B%5D=previousepisode"
/* A follow or an import often comes in bursts. */
#define CHANGED_DELAY_S 2
#define MIN_TICK_S 60

struct _SfLibraryRefresh
{
  GObject         parent_instance;

  /* owned */
  SfLibrary      *library;
  SfTvmazeClient *client;
  GDateTime      *fixed_now;          /* nullable: the real clock */
  GTimeZone      *zone;               /* nullable: the local zone */
  GCancellable   *cancellable;        /* automatic passes */
  GHashTable     *failed_ids;         /* gint64* set: not retried after each change */
  char           *last_error_message; /* nullable */

  gboolean        track;
  guint           interval;           /* 0: not started */
  guint           tick_id;
  guint           changed_id;
  gulong          changed_handler;
  gboolean        running;
  gint64          pending_max_age;    /* -1: no pass pending */
  gboolean        pending_skip_failed;
};

G_DEFINE_FINAL_TYPE (SfLibraryRefresh, sf_library_refresh, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_LAST_ERROR_MESSAGE,
  N_PROPS
};

enum {
  NOTIFICATION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------
 * What to tell (pure)
 */

void
sf_library_notification_free (SfLibraryNotification *notification)
{
  if (notification == NULL)
    return;

  g_free (notification->key);
  g_free (notification->title);
  g_free (notification->body);
  g_free (notification);
}

static gboolean
strv_contains (const char * const *strv,
               const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

/* "S03E04 “Name”", "Special “Name”", "S03E04": codes as everywhere (sf_episode_dup_code) */
static char *
dup_episode_head (SfEpisode *episode)
{
  g_autofree char *code = sf_episode_dup_code (episode);
  const char *name = sf_episode_get_name (episode);

  if (name == NULL)
    return g_steal_pointer (&code);

  /* Translators: an episode: its code ("S03E04" or "Special") and its name */
  return g_strdup_printf (_("%s “%s”"), code, name);
}

static gboolean
airs_on (SfEpisode *episode,
         GDate     *day,
         GTimeZone *zone)
{
  g_autoptr(GDate) air_date = NULL;

  if (episode == NULL || sf_episode_get_episode_type (episode) == SF_EPISODE_INSIGNIFICANT_SPECIAL)
    return FALSE;

  air_date = sf_episode_dup_air_date (episode, zone);
  return air_date != NULL && g_date_compare (air_date, day) == 0;
}

static SfLibraryNotification *
notification_new (SfLibraryNotificationKind  kind,
                  gint64                     show_id,
                  const char                *show_name,
                  char                      *key,
                  char                      *body)
{
  SfLibraryNotification *notification = g_new0 (SfLibraryNotification, 1);

  notification->kind = kind;
  notification->show_id = show_id;
  notification->key = key;
  notification->title = g_strdup (show_name);
  notification->body = body;
  return notification;
}

static SfLibraryNotification *
airs_today_new (gint64      show_id,
                const char *show_name,
                SfEpisode  *episode,
                GTimeZone  *zone)
{
  g_autofree char *head = dup_episode_head (episode);
  g_autoptr(GDateTime) local = sf_episode_dup_local_airtime (episode, zone);
  char *body;

  if (local != NULL)
    {
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      /* Translators: "New episode today at 21:00: S03E04 “Name”" */
      body = g_strdup_printf (_("New episode today at %s: %s"), time, head);
    }
  else
    /* Translators: "New episode today: S03E04 “Name”" (a streaming release without a time) */
    body = g_strdup_printf (_("New episode today: %s"), head);

  return notification_new (SF_LIBRARY_NOTIFICATION_AIRS_TODAY, show_id, show_name,
                           g_strdup_printf ("airs-today:%" G_GINT64_FORMAT,
                                            sf_episode_get_id (episode)),
                           body);
}

GPtrArray *
sf_library_compute_notifications (gint64              show_id,
                                  const char         *show_name,
                                  int                 latest_season_before,
                                  const char * const *notified,
                                  SfEpisode          *previous,
                                  SfEpisode          *next,
                                  GDateTime          *now,
                                  GTimeZone          *zone)
{
  g_autoptr(GPtrArray) notifications = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDate) today = NULL;
  int year, month, day;

  g_return_val_if_fail (show_name != NULL, NULL);
  g_return_val_if_fail (previous == NULL || SF_IS_EPISODE (previous), NULL);
  g_return_val_if_fail (next == NULL || SF_IS_EPISODE (next), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_library_notification_free);

  local_now = g_date_time_to_timezone (now, zone);
  g_date_time_get_ymd (local_now, &year, &month, &day);
  today = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);

  /* TVmaze's previous episode may have aired earlier today, its next one may air later. */
  for (guint i = 0; i < 2; i++)
    {
      SfEpisode *episode = i == 0 ? previous : next;
      g_autoptr(SfLibraryNotification) notification = NULL;

      if (!airs_on (episode, today, zone) || (i == 1 && previous != NULL &&
                                             sf_episode_get_id (previous) ==
                                             sf_episode_get_id (next)))
        continue;

      notification = airs_today_new (show_id, show_name, episode, zone);
      if (!strv_contains (notified, notification->key))
        g_ptr_array_add (notifications, g_steal_pointer (&notification));
    }

  /* A new season: the next episode opens a season after the latest one known before. With
   * nothing known before, there is nothing to call new. A premiere airing today was told
   * just above. */
  if (next != NULL && latest_season_before >= 0 && !sf_episode_is_special (next) &&
      sf_episode_get_number (next) == 1 && sf_episode_get_season (next) > latest_season_before &&
      !airs_on (next, today, zone))
    {
      int season = sf_episode_get_season (next);
      g_autofree char *key = g_strdup_printf ("new-season:%d", season);

      if (!strv_contains (notified, key))
        {
          g_autofree char *when = sf_episode_dup_relative_text (next, now, zone);

          g_ptr_array_add (notifications,
                           notification_new (SF_LIBRARY_NOTIFICATION_NEW_SEASON, show_id,
                                             show_name, g_steal_pointer (&key),
                                             /* Translators: "Season 4 announced: S4E1
                                              * “Name”, Tue 3 Dec, in 12 days" */
                                             g_strdup_printf (_("Season %d announced: %s"),
                                                              season, when)));
        }
    }

  return g_steal_pointer (&notifications);
}

/* ------------------------------------------------------------------------------------------
 * A pass
 */

typedef struct
{
  GArray     *rows;           /* owned (SfLibraryRow), nullable until loaded */
  GArray     *todo;           /* owned (guint): indices into rows */
  guint       next;
  guint       in_flight;
  guint       n_refreshed;
  guint       n_failed;
  GError     *stop_error;     /* owned, nullable: why the pass stops early */
  GError     *show_error;     /* owned, nullable: why the first failed show failed */

  gint64      max_age;
  gint64      only_id;        /* 0: every show old enough */
  gboolean    skip_failed;
  gboolean    track;
  GDateTime  *now;            /* owned */
  GTimeZone  *zone;           /* owned */
} Run;

typedef struct
{
  GTask          *task;             /* owned: the pass */
  guint           row;
  GBytes         *bytes;            /* owned, nullable */
  SfShowDetails  *details;          /* owned, nullable */
  GPtrArray      *notifications;    /* owned, nullable */
} Fetch;

static void pump (GTask *task);

static void
run_free (Run *run)
{
  g_clear_pointer (&run->rows, g_array_unref);
  g_clear_pointer (&run->todo, g_array_unref);
  g_clear_error (&run->stop_error);
  g_clear_error (&run->show_error);
  g_clear_pointer (&run->now, g_date_time_unref);
  g_clear_pointer (&run->zone, g_time_zone_unref);
  g_free (run);
}

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->task);
  g_clear_pointer (&fetch->bytes, g_bytes_unref);
  g_clear_object (&fetch->details);
  g_clear_pointer (&fetch->notifications, g_ptr_array_unref);
  g_free (fetch);
}

static SfLibraryRow *
fetch_get_row (Fetch *fetch)
{
  Run *run = g_task_get_task_data (fetch->task);

  return &g_array_index (run->rows, SfLibraryRow, fetch->row);
}

/* Errors after which the other shows would fail the same way. */
static gboolean
error_stops_pass (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         sf_tvmaze_error_is_offline (error) ||
         error->domain == SF_LIBRARY_ERROR;
}

/* Ends one show's fetch (@error: owned, nullable) and starts the next. */
static void
fetch_done (Fetch  *fetch,
            GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&fetch->task);
  SfLibraryRefresh *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  gint64 id = g_array_index (run->rows, SfLibraryRow, fetch->row).id;

  fetch_free (fetch);
  run->in_flight--;

  if (error == NULL)
    {
      run->n_refreshed++;
      g_hash_table_remove (self->failed_ids, &id);
    }
  else if (error_stops_pass (error))
    {
      if (run->stop_error == NULL)
        run->stop_error = g_steal_pointer (&error);
    }
  else
    {
      g_debug ("Watchlist refresh: show %" G_GINT64_FORMAT " failed: %s", id, error->message);
      run->n_failed++;
      g_hash_table_add (self->failed_ids, g_memdup2 (&id, sizeof id));
      if (run->show_error == NULL)
        run->show_error = g_steal_pointer (&error);
    }

  g_clear_error (&error);
  pump (task);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fetch *fetch = user_data;
  SfLibraryRefresh *self = g_task_get_source_object (fetch->task);
  g_auto(GStrv) new_keys = NULL;
  GError *error = NULL;

  new_keys = sf_library_store_refresh_finish (SF_LIBRARY (object), result, NULL, &error);
  if (new_keys == NULL)
    {
      fetch_done (fetch, error);
      return;
    }

  /* Only what the watchlist recorded just now: a concurrent pass may have said it. */
  for (guint i = 0; fetch->notifications != NULL && i < fetch->notifications->len; i++)
    {
      SfLibraryNotification *notification = g_ptr_array_index (fetch->notifications, i);

      if (g_strv_contains ((const char * const *) new_keys, notification->key))
        g_signal_emit (self, signals[NOTIFICATION], 0, notification->title,
                       notification->body, notification->show_id, notification->key);
    }

  fetch_done (fetch, NULL);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr(GError) error = NULL;
  SfShowDetails *details;
  gconstpointer data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  details = sf_show_details_parse_embedded (data != NULL ? data : "", (gssize) size, &error);
  if (details == NULL)
    {
      g_task_return_new_error (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE,
                               "TVmaze sent an unexpected answer: %s", error->message);
      return;
    }

  g_task_return_pointer (task, details, g_object_unref);
}

static void
on_parsed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fetch *fetch = user_data;
  SfLibraryRefresh *self = g_task_get_source_object (fetch->task);
  Run *run = g_task_get_task_data (fetch->task);
  SfLibraryRow *row = fetch_get_row (fetch);
  g_autoptr(GPtrArray) keys = NULL;
  GError *error = NULL;
  SfShow *show;
  SfEpisode *previous, *next;
  int latest_season;

  fetch->details = g_task_propagate_pointer (G_TASK (result), &error);
  if (fetch->details == NULL)
    {
      fetch_done (fetch, error);
      return;
    }

  show = sf_show_details_get_show (fetch->details);
  if (sf_show_get_id (show) != row->id)
    {
      fetch_done (fetch, g_error_new (SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE,
                                      "Asked for show %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                                      row->id, sf_show_get_id (show)));
      return;
    }

  previous = sf_show_details_get_previous_episode (fetch->details);
  next = sf_show_details_get_next_episode (fetch->details);
  /* Both episodes were asked for: none embedded means none exists yet. */
  latest_season = MAX (row->latest_season,
                       sf_library_known_latest_season (previous, next, TRUE));

  keys = g_ptr_array_new ();
  if (run->track)
    {
      fetch->notifications =
        sf_library_compute_notifications (row->id, sf_show_get_name (show), row->latest_season,
                                          (const char * const *) row->notified, previous, next,
                                          run->now, run->zone);
      for (guint i = 0; i < fetch->notifications->len; i++)
        g_ptr_array_add (keys, ((SfLibraryNotification *)
                                g_ptr_array_index (fetch->notifications, i))->key);
    }
  g_ptr_array_add (keys, NULL);

  sf_library_store_refresh_async (self->library, row->id, sf_show_get_name (show), fetch->bytes,
                                  g_date_time_to_unix (run->now), run->track, latest_season,
                                  (const char * const *) keys->pdata,
                                  g_task_get_cancellable (fetch->task), on_stored, fetch);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GTask) parse_task = NULL;
  GError *error = NULL;

  fetch->bytes = sf_tvmaze_client_get_finish (SF_TVMAZE_CLIENT (object), result, &error);
  if (fetch->bytes == NULL)
    {
      fetch_done (fetch, error);
      return;
    }

  /* No source object: the refresh is never released on the worker. */
  parse_task = g_task_new (NULL, g_task_get_cancellable (fetch->task), on_parsed, fetch);
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, g_bytes_ref (fetch->bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (parse_task, parse_thread);
}

static void
start_fetch (GTask *task,
             guint  row_index)
{
  SfLibraryRefresh *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  gint64 id = g_array_index (run->rows, SfLibraryRow, row_index).id;
  g_autofree char *path = NULL;
  Fetch *fetch;

  fetch = g_new0 (Fetch, 1);
  fetch->task = g_object_ref (task);
  fetch->row = row_index;
  run->in_flight++;

  path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT "?%s", id, REFRESH_EMBEDS);
  sf_tvmaze_client_get_async (self->client, path, SF_TVMAZE_PRIORITY_BACKGROUND,
                              g_task_get_cancellable (task), on_fetched, fetch);
}

/* Starts fetches while there is room and work; answers @task when all are done. Borrows
 * @task: each fetch holds its own reference. */
static void
pump (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  while (run->stop_error == NULL && run->in_flight < MAX_IN_FLIGHT &&
         run->next < run->todo->len)
    start_fetch (task, g_array_index (run->todo, guint, run->next++));

  if (run->in_flight > 0)
    return;

  if (run->stop_error != NULL)
    g_task_return_error (task, g_error_copy (run->stop_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_rows (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfLibraryRefresh *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 now = g_date_time_to_unix (run->now);

  run->rows = sf_library_load_rows_finish (SF_LIBRARY (object), result, &error);
  if (run->rows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run->todo = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < run->rows->len; i++)
    {
      SfLibraryRow *row = &g_array_index (run->rows, SfLibraryRow, i);
      gboolean wanted;

      if (run->only_id != 0)
        wanted = row->id == run->only_id;
      else
        wanted = row->refreshed == 0 || row->refreshed <= now - run->max_age;

      if (wanted && run->skip_failed && g_hash_table_contains (self->failed_ids, &row->id))
        wanted = FALSE;

      if (wanted)
        g_array_append_val (run->todo, i);
    }

  pump (task);
}

static GDateTime *
dup_now (SfLibraryRefresh *self)
{
  return self->fixed_now != NULL ? g_date_time_ref (self->fixed_now)
                                 : g_date_time_new_now_utc ();
}

static void
run_start (SfLibraryRefresh    *self,
           gint64               max_age,
           gint64               only_id,
           gboolean             skip_failed,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  run = g_new0 (Run, 1);
  run->max_age = MAX (max_age, 0);
  run->only_id = only_id;
  run->skip_failed = skip_failed;
  run->track = self->track;
  run->now = dup_now (self);
  run->zone = self->zone != NULL ? g_time_zone_ref (self->zone) : g_time_zone_new_local ();
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  sf_library_load_rows_async (self->library, cancellable, on_rows, g_steal_pointer (&task));
}

void
sf_library_refresh_run_async (SfLibraryRefresh    *self,
                              gint64               max_age,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (SF_IS_LIBRARY_REFRESH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_start (self, max_age, 0, FALSE, sf_library_refresh_run_async, cancellable, callback,
             user_data);
}

gboolean
sf_library_refresh_run_finish (SfLibraryRefresh  *self,
                               GAsyncResult      *result,
                               guint             *out_n_refreshed,
                               guint             *out_n_failed,
                               GError           **error)
{
  Run *run;

  g_return_val_if_fail (SF_IS_LIBRARY_REFRESH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (out_n_refreshed != NULL)
    *out_n_refreshed = run->n_refreshed;
  if (out_n_failed != NULL)
    *out_n_failed = run->n_failed;

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sf_library_refresh_show_async (SfLibraryRefresh    *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SF_IS_LIBRARY_REFRESH (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_start (self, 0, id, FALSE, sf_library_refresh_show_async, cancellable, callback,
             user_data);
}

gboolean
sf_library_refresh_show_finish (SfLibraryRefresh  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  Run *run;

  g_return_val_if_fail (SF_IS_LIBRARY_REFRESH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  run = g_task_get_task_data (G_TASK (result));
  if (run->show_error != NULL)
    {
      g_propagate_error (error, g_error_copy (run->show_error));
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * Automatic passes
 */

static void auto_pass (SfLibraryRefresh *self,
                       gint64            max_age,
                       gboolean          skip_failed);

static void
set_running (SfLibraryRefresh *self,
             gboolean          running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_last_error_message (SfLibraryRefresh *self,
                        const char       *message)
{
  if (g_strcmp0 (self->last_error_message, message) == 0)
    return;

  g_free (self->last_error_message);
  self->last_error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR_MESSAGE]);
}

static void
on_auto_pass_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SfLibraryRefresh *self = SF_LIBRARY_REFRESH (object);
  g_autoptr(GError) error = NULL;
  gint64 pending = self->pending_max_age;

  if (!sf_library_refresh_run_finish (self, result, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_last_error_message (self, error->message);
    }
  else
    set_last_error_message (self, NULL);

  set_running (self, FALSE);

  if (pending >= 0 && self->interval > 0)
    {
      self->pending_max_age = -1;
      auto_pass (self, pending, self->pending_skip_failed);
    }
}

static void
auto_pass (SfLibraryRefresh *self,
           gint64            max_age,
           gboolean          skip_failed)
{
  if (self->running)
    {
      /* One pass at a time; the next does what the requests since asked for. */
      self->pending_skip_failed = self->pending_max_age < 0 ? skip_failed
                                  : self->pending_skip_failed && skip_failed;
      self->pending_max_age = self->pending_max_age < 0 ? max_age
                              : MIN (self->pending_max_age, max_age);
      return;
    }

  set_running (self, TRUE);
  run_start (self, max_age, 0, skip_failed, auto_pass, self->cancellable, on_auto_pass_done,
             NULL);
}

static gboolean
on_tick (gpointer user_data)
{
  SfLibraryRefresh *self = user_data;

  auto_pass (self, self->interval, FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_changed_timeout (gpointer user_data)
{
  SfLibraryRefresh *self = user_data;

  self->changed_id = 0;
  /* Only shows never refreshed; a show that failed since the start waits for the timer. */
  auto_pass (self, G_MAXINT64, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_library_changed (SfLibraryRefresh *self)
{
  if (self->interval > 0 && self->changed_id == 0)
    self->changed_id = g_timeout_add_seconds (CHANGED_DELAY_S, on_changed_timeout, self);
}

void
sf_library_refresh_start (SfLibraryRefresh *self,
                          guint             interval)
{
  g_return_if_fail (SF_IS_LIBRARY_REFRESH (self));
  g_return_if_fail (interval > 0);

  sf_library_refresh_stop (self);

  self->interval = interval;
  self->tick_id = g_timeout_add_seconds (MAX (interval / 4, MIN_TICK_S), on_tick, self);
  self->changed_handler = g_signal_connect_swapped (self->library, "changed",
                                                    G_CALLBACK (on_library_changed), self);
  auto_pass (self, interval, FALSE);
}

void
sf_library_refresh_stop (SfLibraryRefresh *self)
{
  g_return_if_fail (SF_IS_LIBRARY_REFRESH (self));

  self->interval = 0;
  self->pending_max_age = -1;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->library);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_running (self, FALSE);
}

gboolean
sf_library_refresh_get_running (SfLibraryRefresh *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY_REFRESH (self), FALSE);

  return self->running;
}

const char *
sf_library_refresh_get_last_error_message (SfLibraryRefresh *self)
{
  g_return_val_if_fail (SF_IS_LIBRARY_REFRESH (self), NULL);

  return self->last_error_message;
}

/* ------------------------------------------------------------------------------------------
 * GObject
 */

static void
sf_library_refresh_dispose (GObject *object)
{
  SfLibraryRefresh *self = (SfLibraryRefresh *) object;

  if (self->library != NULL)
    sf_library_refresh_stop (self);

  G_OBJECT_CLASS (sf_library_refresh_parent_class)->dispose (object);
}

static void
sf_library_refresh_finalize (GObject *object)
{
  SfLibraryRefresh *self = (SfLibraryRefresh *) object;

  g_clear_object (&self->library);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->failed_ids, g_hash_table_unref);
  g_clear_pointer (&self->last_error_message, g_free);

  G_OBJECT_CLASS (sf_library_refresh_parent_class)->finalize (object);
}

static void
sf_library_refresh_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SfLibraryRefresh *self = SF_LIBRARY_REFRESH (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_LAST_ERROR_MESSAGE:
      g_value_set_string (value, self->last_error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_library_refresh_class_init (SfLibraryRefreshClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_library_refresh_dispose;
  object_class->finalize = sf_library_refresh_finalize;
  object_class->get_property = sf_library_refresh_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_ERROR_MESSAGE] =
    g_param_spec_string ("last-error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SfLibraryRefresh::notification:
   * @title: the show's name
   * @body: what happened, one sentence
   * @show_id: the show
   * @key: what it is about ("airs-today:EPISODE_ID" or "new-season:N"), unique per show
   *
   * Something to tell the person about a followed show, emitted once ever per show and key
   * (after the watchlist recorded it). GObject's own "notify" is taken, hence the name.
   */
  signals[NOTIFICATION] = g_signal_new ("notification", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                        4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64,
                                        G_TYPE_STRING);
}

static void
sf_library_refresh_init (SfLibraryRefresh *self)
{
  self->track = TRUE;
  self->pending_max_age = -1;
  self->cancellable = g_cancellable_new ();
  self->failed_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

SfLibraryRefresh *
sf_library_refresh_new (SfLibrary      *library,
                        SfTvmazeClient *client)
{
  SfLibraryRefresh *self;

  g_return_val_if_fail (SF_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), NULL);

  self = g_object_new (SF_TYPE_LIBRARY_REFRESH, NULL);
  self->library = g_object_ref (library);
  self->client = g_object_ref (client);
  return self;
}

void
sf_library_refresh_set_track_notifications (SfLibraryRefresh *self,
                                            gboolean          track)
{
  g_return_if_fail (SF_IS_LIBRARY_REFRESH (self));

  self->track = !!track;
}

void
sf_library_refresh_set_now (SfLibraryRefresh *self,
                            GDateTime        *now)
{
  g_return_if_fail (SF_IS_LIBRARY_REFRESH (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  if (now != NULL)
    self->fixed_now = g_date_time_ref (now);
}

void
sf_library_refresh_set_time_zone (SfLibraryRefresh *self,
                                  GTimeZone        *zone)
{
  g_return_if_fail (SF_IS_LIBRARY_REFRESH (self));

  g_clear_pointer (&self->zone, g_time_zone_unref);
  if (zone != NULL)
    self->zone = g_time_zone_ref (zone);
}
