#pragma once

#include <gio/gio.h>

#include "sf-episode.h"
#include "sf-library.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/**
 * SfLibraryNotificationKind:
 * @SF_LIBRARY_NOTIFICATION_AIRS_TODAY: a followed show airs a new episode today
 * @SF_LIBRARY_NOTIFICATION_NEW_SEASON: a followed show announced a new season (its next
 *   episode is the first of a season after the latest one known before)
 */
typedef enum
{
  SF_LIBRARY_NOTIFICATION_AIRS_TODAY,
  SF_LIBRARY_NOTIFICATION_NEW_SEASON,
} SfLibraryNotificationKind;

/**
 * SfLibraryNotification:
 * @kind: what happened
 * @show_id: the show
 * @key: what the watchlist remembers so it never says the same thing twice:
 *   "airs-today:EPISODE_ID" or "new-season:NUMBER"; also a good #GNotification id suffix
 * @title: the show's name
 * @body: e.g. "New episode today at 21:00: S03E04 “Name”"
 */
typedef struct
{
  SfLibraryNotificationKind  kind;
  gint64                     show_id;
  char                      *key;
  char                      *title;
  char                      *body;
} SfLibraryNotification;

void        sf_library_notification_free          (SfLibraryNotification *notification);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfLibraryNotification, sf_library_notification_free)

/**
 * sf_library_compute_notifications:
 * @show_id: the show
 * @show_name: its name
 * @latest_season_before: the highest season known before this refresh; -1 when unknown
 *   (then no new season is announced: there is nothing to compare with)
 * @notified: (nullable): keys already notified for this show
 * @previous: (nullable): the show's previous episode now
 * @next: (nullable): the show's next episode now
 * @now: the current time
 * @zone: the person's time zone ("today" is a calendar day there)
 *
 * What to tell the person about one refreshed show. Pure: the result depends only on the
 * arguments. An episode airs "today" when its air date in @zone (see
 * sf_episode_dup_air_date()) is the date of @now in @zone; minor specials are not worth a
 * notification. A season premiere airing today is told once, as airing today.
 *
 * Returns: (transfer full) (element-type SfLibraryNotification): the notifications whose
 *   keys are not in @notified, possibly none
 */
GPtrArray  *sf_library_compute_notifications      (gint64              show_id,
                                                   const char         *show_name,
                                                   int                 latest_season_before,
                                                   const char * const *notified,
                                                   SfEpisode          *previous,
                                                   SfEpisode          *next,
                                                   GDateTime          *now,
                                                   GTimeZone          *zone);

#define SF_TYPE_LIBRARY_REFRESH (sf_library_refresh_get_type ())

G_DECLARE_FINAL_TYPE (SfLibraryRefresh, sf_library_refresh, SF, LIBRARY_REFRESH, GObject)

/**
 * sf_library_refresh_new:
 * @library: an open (or opening) watchlist
 * @client: the shared TVmaze client (its rate limiter and retries)
 *
 * Re-fetches followed shows with their next and previous episodes
 * (`/shows/ID?embed[]=nextepisode&embed[]=previousepisode`) at
 * %SF_TVMAZE_PRIORITY_BACKGROUND, a few at a time, parses them on worker threads and stores
 * each snapshot in its own transaction. After each store it emits
 * #SfLibraryRefresh::notification for what is new (see sf_library_compute_notifications()),
 * once the watchlist has recorded it: the same thing is never notified twice, even across
 * runs and restarts. It never posts anything itself.
 */
SfLibraryRefresh *sf_library_refresh_new          (SfLibrary          *library,
                                                   SfTvmazeClient     *client);

/* FALSE: refresh the snapshots only; nothing is notified nor recorded as notified (the
 * command line does this, so the desktop still notifies). Default TRUE. */
void        sf_library_refresh_set_track_notifications (SfLibraryRefresh *self,
                                                        gboolean          track);
/* For tests: a fixed "now" (NULL: the real clock) and zone (NULL: the local zone). */
void        sf_library_refresh_set_now            (SfLibraryRefresh   *self,
                                                   GDateTime          *now);
void        sf_library_refresh_set_time_zone      (SfLibraryRefresh   *self,
                                                   GTimeZone          *zone);

/**
 * sf_library_refresh_run_async:
 * @max_age: refresh the shows whose snapshot is older than this many seconds (0: all);
 *   a show never refreshed always is
 *
 * One pass over the watchlist. Shows TVmaze no longer has, or that fail to load, are
 * counted and skipped; the pass stops early with %SF_TVMAZE_ERROR_NO_NETWORK or
 * %SF_TVMAZE_ERROR_TIMEOUT when TVmaze cannot be reached (what was stored stays stored).
 */
void        sf_library_refresh_run_async          (SfLibraryRefresh   *self,
                                                   gint64              max_age,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean    sf_library_refresh_run_finish         (SfLibraryRefresh   *self,
                                                   GAsyncResult       *result,
                                                   guint              *out_n_refreshed,
                                                   guint              *out_n_failed,
                                                   GError            **error);

/* Refreshes one followed show now, whatever its age (e.g. just after following it); fails
 * as the fetch did (%SF_TVMAZE_ERROR_NOT_FOUND, ...); does nothing for a show not followed. */
void        sf_library_refresh_show_async         (SfLibraryRefresh   *self,
                                                   gint64              id,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean    sf_library_refresh_show_finish        (SfLibraryRefresh   *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/**
 * sf_library_refresh_start:
 * @interval: seconds, e.g. 3 hours
 *
 * Runs in the background until sf_library_refresh_stop() or disposal: a pass at once for
 * shows older than @interval, then such a pass every quarter of @interval, and soon after
 * each #SfLibrary::changed a pass for shows never refreshed (just followed or imported).
 * Failures are quiet (see #SfLibraryRefresh:last-error-message).
 */
void        sf_library_refresh_start              (SfLibraryRefresh   *self,
                                                   guint               interval);
void        sf_library_refresh_stop               (SfLibraryRefresh   *self);

/* TRUE while an automatic pass runs (property "running") */
gboolean    sf_library_refresh_get_running        (SfLibraryRefresh   *self);
/* (nullable): why the last automatic pass stopped early, e.g. offline (property
 * "last-error-message"); NULL after a pass that went through */
const char *sf_library_refresh_get_last_error_message (SfLibraryRefresh *self);

G_END_DECLS
