/* sf-schedule.c: when episodes and shows air, as text
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: the current time and the person's zone come in as arguments, so every
 * wording and every calendar edge (midnight in another zone, daylight saving time, a year
 * boundary) can be tested without touching the clock.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sf-schedule.h"

/* Days closer than this are named by their weekday alone. */
#define WEEK 7

char *
sf_schedule_dup_relative_day (int days)
{
  switch (days)
    {
    case -1:
      return g_strdup (_("yesterday"));
    case 0:
      return g_strdup (_("today"));
    case 1:
      return g_strdup (_("tomorrow"));
    default:
      break;
    }

  /* Days while a person counts in days; beyond two months, months; beyond a year, years
   * ("8363 days ago" says less than "22 years ago"). */
  if (ABS (days) <= 60)
    {
      if (days > 0)
        return g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
      return g_strdup_printf (ngettext ("%d day ago", "%d days ago", -days), -days);
    }

  if (ABS (days) < 365)
    {
      int months = (int) (ABS (days) / 30.44 + 0.5);

      if (days > 0)
        return g_strdup_printf (ngettext ("in %d month", "in %d months", months), months);
      return g_strdup_printf (ngettext ("%d month ago", "%d months ago", months), months);
    }

  {
    int years = (int) (ABS (days) / 365.25);

    years = MAX (years, 1);
    if (days > 0)
      return g_strdup_printf (ngettext ("in %d year", "in %d years", years), years);
    return g_strdup_printf (ngettext ("%d year ago", "%d years ago", years), years);
  }
}

static char *
dup_when (GDateTime *local,
          gboolean   has_time,
          int        days,
          int        now_year)
{
  const char *format;

  /* Translators: strftime-like formats (see g_date_time_format()) for when the next or
   * previous episode airs: %a is the short weekday, %-d the day, %b the short month. */
  if (ABS (days) < WEEK)
    format = has_time ? C_("episode air time", "%a %H:%M") : C_("episode air time", "%a");
  else if (g_date_time_get_year (local) == now_year)
    format = has_time ? C_("episode air time", "%a %-d %b %H:%M")
                      : C_("episode air time", "%a %-d %b");
  else
    format = has_time ? C_("episode air time", "%a %-d %b %Y %H:%M")
                      : C_("episode air time", "%a %-d %b %Y");

  return g_date_time_format (local, format);
}

char *
sf_schedule_dup_episode_text (SfEpisode *episode,
                              GDateTime *now,
                              GTimeZone *zone)
{
  g_autofree char *code = NULL;
  g_autofree char *head = NULL;
  g_autofree char *when = NULL;
  g_autofree char *relative = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) air_date = NULL;
  const char *name;
  int year, month, day;
  int days;

  g_return_val_if_fail (SF_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  code = sf_episode_dup_code (episode);
  name = sf_episode_get_name (episode);
  if (name != NULL)
    /* Translators: an episode: its code ("S03E04" or "Special") and its name */
    head = g_strdup_printf (_("%s “%s”"), code, name);
  else
    head = g_steal_pointer (&code);

  air_date = sf_episode_dup_air_date (episode, zone);
  if (air_date == NULL)
    return g_steal_pointer (&head);

  local_now = g_date_time_to_timezone (now, zone);
  g_date_time_get_ymd (local_now, &year, &month, &day);
  today = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
  days = g_date_days_between (today, air_date);

  /* Without a time only the day is shown; noon keeps clear of any DST gap at midnight. */
  local = sf_episode_dup_local_airtime (episode, zone);
  if (local == NULL)
    local = g_date_time_new (zone, g_date_get_year (air_date), g_date_get_month (air_date),
                             g_date_get_day (air_date), 12, 0, 0);
  if (local == NULL)
    return g_steal_pointer (&head);

  when = dup_when (local,
                   sf_episode_get_airtime (episode) != NULL &&
                   sf_episode_get_airstamp (episode) != NULL,
                   days, g_date_time_get_year (local_now));
  relative = sf_schedule_dup_relative_day (days);

  /* Translators: the next or latest episode: "S03E04 “Name”", when ("Tue 21:00") and how far
   * from today ("in 3 days") */
  return g_strdup_printf (_("%s, %s, %s"), head, when, relative);
}

gboolean
sf_schedule_episode_has_aired (SfEpisode *episode,
                               GDateTime *now,
                               GTimeZone *zone)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDate) today = NULL;

  g_return_val_if_fail (SF_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);

  if ((day = sf_episode_dup_air_date (episode, zone)) == NULL)
    return FALSE;

  local_now = g_date_time_to_timezone (now, zone);
  today = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (local_now),
                          (GDateMonth) g_date_time_get_month (local_now),
                          (GDateYear) g_date_time_get_year (local_now));

  return g_date_compare (day, today) < 0;
}

void
sf_schedule_pick_episodes (SfEpisode  *next,
                           SfEpisode  *previous,
                           GDateTime  *now,
                           GTimeZone  *zone,
                           SfEpisode **upcoming,
                           SfEpisode **latest)
{
  g_return_if_fail (next == NULL || SF_IS_EPISODE (next));
  g_return_if_fail (previous == NULL || SF_IS_EPISODE (previous));
  g_return_if_fail (upcoming != NULL && latest != NULL);

  *upcoming = next;
  *latest = previous;

  /* TVmaze's "next" link lags behind the air date: once it has aired it is the latest. */
  if (next != NULL && sf_schedule_episode_has_aired (next, now, zone))
    {
      *upcoming = NULL;
      *latest = next;
    }
}

char *
sf_schedule_dup_next_text (SfEpisode *episode,
                           GDateTime *now,
                           GTimeZone *zone)
{
  g_autofree char *relative = sf_schedule_dup_episode_text (episode, now, zone);

  g_return_val_if_fail (relative != NULL, NULL);

  /* Translators: e.g. "Next episode: S03E04 “Name”, Tue 21:00, in 3 days" */
  return g_strdup_printf (_("Next episode: %s"), relative);
}

char *
sf_schedule_dup_latest_text (SfEpisode *episode,
                             GDateTime *now,
                             GTimeZone *zone)
{
  g_autofree char *relative = sf_schedule_dup_episode_text (episode, now, zone);

  g_return_val_if_fail (relative != NULL, NULL);

  /* Translators: the episode that aired last, e.g. "Latest episode: S03E03 “Name”, Tue 21:00,
   * 4 days ago" (the watchlist says "Latest: …" for the same episode) */
  return g_strdup_printf (_("Latest episode: %s"), relative);
}

/* TVmaze's English day name -> 1 (Monday) .. 7 (Sunday), or 0 */
static int
parse_weekday (const char *name)
{
  static const char * const days[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    if (g_ascii_strcasecmp (name, days[i]) == 0)
      return (int) i + 1;

  return 0;
}

/* The next @weekday (1..7; 0: today) at @hour:@minute in @channel_zone, after @now. */
static GDateTime *
dup_next_occurrence (GDateTime *now,
                     GTimeZone *channel_zone,
                     int        weekday,
                     int        hour,
                     int        minute)
{
  g_autoptr(GDateTime) there = g_date_time_to_timezone (now, channel_zone);
  g_autoptr(GDateTime) day = NULL;
  int delta = 0;

  if (weekday > 0)
    delta = (weekday - g_date_time_get_day_of_week (there) + 7) % 7;
  day = g_date_time_add_days (there, delta);

  return g_date_time_new (channel_zone, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), hour, minute, 0);
}

/* Adds the next slot on @weekday, in the person's zone. */
static void
add_slot (GPtrArray *slots,
          GDateTime *now,
          GTimeZone *channel_zone,
          GTimeZone *zone,
          int        weekday,
          int        hour,
          int        minute)
{
  g_autoptr(GDateTime) there = dup_next_occurrence (now, channel_zone, weekday, hour, minute);

  if (there != NULL)
    g_ptr_array_add (slots, g_date_time_to_timezone (there, zone));
}

/* A weekday's localized abbreviation ("Wed"), from any date that falls on it. */
static char *
dup_weekday_abbreviation (int weekday)
{
  /* 2024-01-01 was a Monday. */
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);

  return g_date_time_format (date, "%a");
}

char *
sf_schedule_dup_slot_text (SfShow     *show,
                           GDateTime  *now,
                           GTimeZone  *zone,
                           char      **given)
{
  const char * const *days;
  const char *time;
  const char *zone_name;
  g_autoptr(GTimeZone) channel_zone = NULL;
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) as_given = g_string_new (NULL);
  int hour = -1;
  int minute = -1;
  gboolean same_time = TRUE;

  if (given != NULL)
    *given = NULL;

  g_return_val_if_fail (SF_IS_SHOW (show), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  days = sf_show_get_schedule_days (show);
  time = sf_show_get_schedule_time (show);
  zone_name = sf_show_get_timezone (show);

  if (time != NULL && sscanf (time, "%d:%d", &hour, &minute) != 2)
    hour = minute = -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    hour = minute = -1;

  if (days[0] == NULL && hour < 0)
    return NULL;

  for (guint i = 0; days[i] != NULL; i++)
    {
      int weekday = parse_weekday (days[i]);
      g_autofree char *abbreviation = NULL;

      if (weekday == 0)
        continue;
      abbreviation = dup_weekday_abbreviation (weekday);
      g_string_append_printf (as_given, "%s%s", as_given->len > 0 ? ", " : "", abbreviation);
    }
  if (hour >= 0)
    g_string_append_printf (as_given, "%s%02d:%02d", as_given->len > 0 ? " " : "", hour, minute);

  if (hour < 0 || zone_name == NULL ||
      (channel_zone = g_time_zone_new_identifier (zone_name)) == NULL)
    return as_given->len > 0 ? g_strdup (as_given->str) : NULL;

  /* Days in the channel's zone; with no day, today's slot. */
  if (days[0] == NULL)
    add_slot (slots, now, channel_zone, zone, 0, hour, minute);
  for (guint i = 0; days[i] != NULL; i++)
    if (parse_weekday (days[i]) > 0)
      add_slot (slots, now, channel_zone, zone, parse_weekday (days[i]), hour, minute);

  if (slots->len == 0)
    return g_strdup (as_given->str);

  for (guint i = 1; i < slots->len; i++)
    if (g_date_time_get_hour (slots->pdata[i]) != g_date_time_get_hour (slots->pdata[0]) ||
        g_date_time_get_minute (slots->pdata[i]) != g_date_time_get_minute (slots->pdata[0]))
      same_time = FALSE;

  for (guint i = 0; i < slots->len; i++)
    {
      g_autofree char *day = days[0] != NULL ? g_date_time_format (slots->pdata[i], "%a") : NULL;
      g_autofree char *clock = g_date_time_format (slots->pdata[i], "%H:%M");

      if (i > 0)
        g_string_append (text, ", ");
      if (day != NULL)
        g_string_append (text, day);
      if (!same_time || i == slots->len - 1)
        g_string_append_printf (text, "%s%s", day != NULL ? " " : "", clock);
    }

  if (given != NULL)
    /* Translators: the schedule as TVmaze gives it, in the channel's time zone, e.g.
     * "Wed 23:35 in Europe/Paris" */
    *given = g_strdup_printf (_("%s in %s"), as_given->str, zone_name);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
