#pragma once

#include <glib.h>

#include "sf-episode.h"
#include "sf-show.h"

G_BEGIN_DECLS

/* When things air, as the person reads it: pure functions of their arguments (the current
 * time and the person's zone are parameters, never read from the system). Translated. */

/**
 * sf_schedule_dup_relative_day:
 * @days: calendar days from today (negative: in the past)
 *
 * "today", "tomorrow", "yesterday", "in 3 days", "5 days ago"; beyond 60 days, months
 * ("in 3 months"); from a year on, years ("22 years ago").
 *
 * Returns: (transfer full): the text
 */
char *sf_schedule_dup_relative_day  (int         days);

/**
 * sf_schedule_dup_episode_text:
 * @episode: an episode
 * @now: the current time (any zone)
 * @zone: the person's zone
 *
 * Describes @episode relative to @now: "S03E04 “Name”, Tue 21:00, in 3 days", "S03E04 “Name”,
 * Tue 21:00, today", "Special “Name”, Mon 13 Jan 2025, 45 days ago". The weekday alone
 * names days less than a week away; the time is left out when TVmaze has none; days count
 * calendar days in @zone (see sf_schedule_dup_relative_day()).
 *
 * Returns: (transfer full): the text
 */
char *sf_schedule_dup_episode_text  (SfEpisode  *episode,
                                     GDateTime  *now,
                                     GTimeZone  *zone);

/**
 * sf_schedule_episode_has_aired:
 * @episode: an episode
 * @now: the current time (any zone)
 * @zone: the person's zone
 *
 * Returns: %TRUE when @episode aired on a day before today in @zone (an episode of today
 *   still counts as coming); %FALSE when it is later or its day is unknown
 */
gboolean sf_schedule_episode_has_aired (SfEpisode  *episode,
                                        GDateTime  *now,
                                        GTimeZone  *zone);

/**
 * sf_schedule_pick_episodes:
 * @next: (nullable): the show's next episode, as TVmaze links it
 * @previous: (nullable): the show's previous episode, as TVmaze links it
 * @now: the current time (any zone)
 * @zone: the person's zone
 * @upcoming: (out) (transfer none) (nullable): the episode to call "next"
 * @latest: (out) (transfer none) (nullable): the episode to call "latest"
 *
 * TVmaze's next link is updated some time after the episode airs, so a "next" episode that
 * has aired (see sf_schedule_episode_has_aired()) is the latest one, and nothing is next.
 * The page, the command line and the watchlist all name episodes this way.
 */
void     sf_schedule_pick_episodes     (SfEpisode  *next,
                                        SfEpisode  *previous,
                                        GDateTime  *now,
                                        GTimeZone  *zone,
                                        SfEpisode **upcoming,
                                        SfEpisode **latest);

/* "Next episode: S03E04 “Name”, Tue 21:00, in 3 days" (transfer full) */
char *sf_schedule_dup_next_text     (SfEpisode  *episode,
                                     GDateTime  *now,
                                     GTimeZone  *zone);
/* "Latest episode: S03E03 “Name”, Tue 21:00, 4 days ago" (transfer full) */
char *sf_schedule_dup_latest_text   (SfEpisode  *episode,
                                     GDateTime  *now,
                                     GTimeZone  *zone);

/**
 * sf_schedule_dup_slot_text:
 * @show: a show
 * @now: the current time (any zone)
 * @zone: the person's zone
 * @given: (out) (transfer full) (optional) (nullable): the slot as TVmaze gives it, in the
 *   channel's zone ("Wed 23:35 in Europe/Paris"), when it was converted; else %NULL
 *
 * The weekly slot of @show: "Wed 23:35", "Mon, Tue 02:00", "Mon 23:00, Tue 00:00". When
 * the channel has a time zone, each day's next airing is shown in @zone (so daylight saving
 * time on either side is right); otherwise as TVmaze gives it.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when TVmaze gives no slot
 */
char *sf_schedule_dup_slot_text     (SfShow     *show,
                                     GDateTime  *now,
                                     GTimeZone  *zone,
                                     char      **given);

G_END_DECLS
