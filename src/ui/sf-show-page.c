/* sf-show-page.c: everything about one series, section by section as the answers arrive
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Five sections fill in independently: the show itself (facts, summary, poster), its seasons
 * (names and dates), its episodes (the rows of the seasons), its cast, and the next and
 * previous episodes. Each has its own state, its own error with a Retry that asks again for
 * that section alone, and its own placeholder. All requests of a load share one
 * GCancellable and carry the load's generation: stop(), a new load() and dispose cancel the
 * cancellable, and any answer of an older generation is dropped, so nothing late lands.
 *
 * Parsing happens on the client's workers. What could still stall the window is making
 * widgets, so rows and cards are made a few at a time from a timer with a time budget per
 * slice: 35 season rows and 24 cast cards at load, and a season's episode rows only once it
 * is expanded (never the thousand rows of a long show up front). A list appears once its
 * rows are all made, so it is laid out and drawn once. The rows are plain widgets with labels
 * that do not wrap, and the scrolled content sits in an SfWidthBin: measured on a long show,
 * AdwExpanderRow and wrapping labels cost tens of milliseconds of layout per change. The
 * whole cast goes into a GListStore in one splice, for the virtualized "Show All" window.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sf-cast-card.h"
#include "sf-cast-dialog.h"
#include "sf-compat.h"
#include "sf-episode-row.h"
#include "sf-markup.h"
#include "sf-season-row.h"
#include "sf-show-details.h"
#include "sf-show-page.h"
#include "sf-tvmaze-details.h"
#include "sf-tvmaze-error.h"
#include "sf-width-bin.h"

#define POSTER_WIDTH      210
/* The page's natural width, whatever it shows. */
#define NATURAL_WIDTH     800
/* Below this width the poster goes above the facts. */
#define WIDE_WIDTH        600
/* Cast cards on the page itself; the rest are in the "Show All" window. */
#define CAST_PREVIEW      24
/* Widgets are made in slices of this much time, at most one slice per frame, so that a frame
 * (which also lays out and draws what was made) stays well under the 8 ms target. A timer
 * rather than a tick callback, and a slice even without a new frame after a while: frames can
 * be throttled (broadway without a browser draws one a second, a hidden window none), and the
 * page must fill in all the same. */
#define BUILD_BUDGET_USEC 1500
#define BUILD_INTERVAL_MS 16
#define BUILD_WAIT_USEC   (100 * 1000)

typedef enum
{
  SECTION_SHOW,
  SECTION_SEASONS,
  SECTION_EPISODES,
  SECTION_CAST,
  SECTION_NEXT,
  N_SECTIONS
} Section;

static const char * const section_names[N_SECTIONS] = {
  "show", "seasons", "episodes", "cast", "next",
};

typedef enum
{
  STATE_NONE,
  STATE_LOADING,
  STATE_LOADED,
  STATE_ERROR,
} State;

static const char * const state_names[] = { "none", "loading", "loaded", "error" };

struct _SfShowPage
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *root_box;
  AdwWindowTitle    *window_title;
  GtkSpinner        *header_spinner;
  GtkWidget         *follow_button;
  GtkScrolledWindow *scrolled;
  GtkWidget         *top_box;
  GtkWidget         *poster_frame;
  GtkPicture        *poster;
  GtkLabel          *name_label;
  GtkLabel          *years_label;
  GtkWidget         *show_error_box;
  GtkLabel          *show_error_label;
  GtkWidget         *show_retry_button;
  GtkSpinner        *show_spinner;
  GtkSpinner        *next_spinner;
  GtkSpinner        *seasons_spinner;
  GtkSpinner        *cast_spinner;
  GtkGrid           *facts_grid;
  GtkLabel          *channel_key_label;
  GtkLabel          *status_value;
  GtkLabel          *channel_value;
  GtkLabel          *schedule_value;
  GtkLabel          *runtime_value;
  GtkLabel          *language_value;
  GtkLabel          *type_value;
  GtkLabel          *genres_value;
  GtkLabel          *rating_value;
  GtkWidget         *links_box;
  GtkWidget         *official_button;
  GtkWidget         *tvmaze_button;
  GtkWidget         *imdb_button;
  GtkLabel          *summary_label;
  GtkStack          *next_stack;
  GtkLabel          *next_error_label;
  GtkWidget         *next_retry_button;
  GtkLabel          *next_label;
  GtkLabel          *previous_label;
  GtkWidget         *seasons_error_box;
  GtkLabel          *seasons_error_label;
  GtkWidget         *seasons_retry_button;
  GtkStack          *seasons_stack;
  GtkLabel          *episodes_error_label;
  GtkWidget         *episodes_retry_button;
  GtkListBox        *season_list;
  GtkStack          *cast_stack;
  GtkLabel          *cast_error_label;
  GtkWidget         *cast_retry_button;
  GtkFlowBox        *cast_flow;
  GtkButton         *show_all_button;

  /* owned */
  SfTvmazeClient    *client;
  SfImageLoader     *loader;
  GCancellable      *cancellable;     /* of the current load; NULL when stopped */
  GTimeZone         *zone;            /* the person's */
  SfShow            *show;            /* nullable: known, then fetched */
  char              *poster_url;      /* nullable: the poster asked for */
  GPtrArray         *seasons;         /* nullable: SfSeason */
  GPtrArray         *episodes;        /* nullable: SfEpisode */
  GPtrArray         *groups;          /* nullable: SfEpisodeGroup */
  GListStore        *cast;            /* SfCastMember, all of them */
  SfEpisode         *next_episode;    /* nullable */
  SfEpisode         *previous_episode; /* nullable */
  char              *official_uri;    /* nullable: http(s) only */
  char              *tvmaze_uri;
  char              *imdb_uri;
  GPtrArray         *season_rows;     /* SfSeasonRow, borrowed (children of season_list) */
  GPtrArray         *cast_cards;      /* SfCastCard, borrowed (children of cast_flow) */
  GPtrArray         *doomed;          /* hidden rows and cards of the previous show, borrowed */

  /* borrowed */
  GtkWindow         *cast_dialog;     /* weak pointer */

  gint64             show_id;
  gboolean           followed;        /* as the window last said */
  /* Every load (and stop) gets a new number; an answer for an older one is dropped. */
  guint              generation;
  State              states[N_SECTIONS];
  gboolean           show_fetched;    /* the show came from TVmaze, not from a card */
  guint              next_pending;    /* /episodes/ID requests in flight */
  guint              n_cast_to_build;
  GQueue             build_queue;     /* expanded SfSeasonRow still making rows, borrowed */
  guint              build_source_id;
  gint64             build_frame;     /* frame counter at the last slice */
  gint64             build_time;      /* and when it was made */
  gboolean           wide;
};

G_DEFINE_FINAL_TYPE (SfShowPage, sf_show_page, GTK_TYPE_WIDGET)

/* What travels with each request: the page (weakly) and the load it belongs to. */
typedef struct
{
  GWeakRef  page;
  guint     generation;
  gboolean  is_next;     /* for /episodes/ID: next (TRUE) or previous episode */
  char     *url;         /* for the poster: owned, nullable */
} Request;

static Request *
request_new (SfShowPage *self)
{
  Request *request = g_new0 (Request, 1);

  g_weak_ref_init (&request->page, self);
  request->generation = self->generation;

  return request;
}

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->page);
  g_free (request->url);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* The page the answer is for, or NULL if it is gone or moved on (another load, stop). */
static SfShowPage *
request_dup_page (Request *request)
{
  SfShowPage *self = g_weak_ref_get (&request->page);

  if (self != NULL && self->generation != request->generation)
    g_clear_object (&self);

  return self;
}

static void ensure_building   (SfShowPage *self);
static void resolve_next      (SfShowPage *self);

/* Sections */

static char *
dup_error_text (const char   *what,
                const GError *error)
{
  const char *why;

  if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK))
    why = _("TVmaze can't be reached. Check your connection.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT))
    why = _("TVmaze is not answering.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED))
    why = _("TVmaze is busy.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND))
    why = _("TVmaze does not know it.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE) ||
           g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE))
    why = _("TVmaze's answer could not be read.");
  else
    why = _("TVmaze answered with an error.");

  /* Translators: "<what could not be loaded> <why>", two sentences */
  return g_strdup_printf (_("%s %s"), what, why);
}

static gboolean
any_loading (SfShowPage *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->states[i] == STATE_LOADING)
      return TRUE;

  return FALSE;
}

/* The star in the header: whether this series is followed (the window knows, from the
 * watchlist), usable once the series itself is known. */
static void
update_follow_button (SfShowPage *self)
{
  const char *label = self->followed ? _("Unfollow") : _("Follow");
  g_autofree char *tooltip = NULL;

  /* Translators: a button's tooltip: what it does, then its shortcut */
  tooltip = g_strdup_printf (_("%s (Ctrl+D)"), label);
  gtk_widget_set_sensitive (self->follow_button, self->show != NULL);
  gtk_button_set_icon_name (GTK_BUTTON (self->follow_button),
                            self->followed ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (self->follow_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->follow_button),
                               GTK_ACCESSIBLE_STATE_PRESSED, self->followed,
                               -1);
}

static void
follow_clicked_cb (SfShowPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toggle-follow", NULL);
}

static void
update_header_spinner (SfShowPage *self)
{
  gboolean loading = self->cancellable != NULL && any_loading (self);

  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), loading);
  gtk_spinner_set_spinning (self->header_spinner, loading);
}

static void
update_show_section (SfShowPage *self)
{
  State state = self->states[SECTION_SHOW];

  gtk_widget_set_visible (self->show_error_box, state == STATE_ERROR);
  /* With the card's show in view, a spinner would only be noise. */
  gtk_widget_set_visible (GTK_WIDGET (self->show_spinner),
                          state == STATE_LOADING && self->show == NULL);
  gtk_spinner_set_spinning (self->show_spinner, state == STATE_LOADING && self->show == NULL &&
                                                self->cancellable != NULL);
}

static void
update_seasons_section (SfShowPage *self)
{
  State episodes = self->states[SECTION_EPISODES];

  /* A spinner out of sight still animates (and keeps the frame clock busy): stop it. */
  gtk_spinner_set_spinning (self->seasons_spinner,
                            self->cancellable != NULL &&
                            (episodes == STATE_LOADING ||
                             (episodes == STATE_LOADED &&
                              self->season_rows->len < self->groups->len)));

  switch (episodes)
    {
    case STATE_ERROR:
      gtk_stack_set_visible_child_name (self->seasons_stack, "error");
      break;
    case STATE_LOADED:
      /* The list appears once all its rows are made: one layout and one repaint, rather
       * than one per slice of rows. */
      if (self->groups->len == 0)
        gtk_stack_set_visible_child_name (self->seasons_stack, "empty");
      else if (self->season_rows->len == self->groups->len)
        gtk_stack_set_visible_child_name (self->seasons_stack, "loaded");
      else
        gtk_stack_set_visible_child_name (self->seasons_stack, "loading");
      break;
    case STATE_NONE:
    case STATE_LOADING:
    default:
      gtk_stack_set_visible_child_name (self->seasons_stack, "loading");
      break;
    }

  /* The seasons only name and date the rows; the episodes' error says it all when both
   * failed (and its Retry asks for both). */
  gtk_widget_set_visible (self->seasons_error_box,
                          self->states[SECTION_SEASONS] == STATE_ERROR && episodes != STATE_ERROR);
}

static void
update_cast_section (SfShowPage *self)
{
  State state = self->states[SECTION_CAST];
  gboolean building = state == STATE_LOADED && self->cast_cards->len < self->n_cast_to_build;

  gtk_spinner_set_spinning (self->cast_spinner,
                            self->cancellable != NULL && (state == STATE_LOADING || building));

  switch (state)
    {
    case STATE_ERROR:
      gtk_stack_set_visible_child_name (self->cast_stack, "error");
      break;
    case STATE_LOADED:
      /* Like the seasons: the cards appear together. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->cast)) == 0)
        gtk_stack_set_visible_child_name (self->cast_stack, "empty");
      else if (building)
        gtk_stack_set_visible_child_name (self->cast_stack, "loading");
      else
        gtk_stack_set_visible_child_name (self->cast_stack, "loaded");
      break;
    case STATE_NONE:
    case STATE_LOADING:
    default:
      gtk_stack_set_visible_child_name (self->cast_stack, "loading");
      break;
    }
}

static void
update_next_section (SfShowPage *self)
{
  gboolean has_links = self->show_fetched && self->show != NULL &&
                       (sf_show_get_next_episode_id (self->show) != 0 ||
                        sf_show_get_previous_episode_id (self->show) != 0);

  /* Only once TVmaze's own show says there is a next or previous episode. */
  gtk_widget_set_visible (GTK_WIDGET (self->next_stack), has_links);
  gtk_spinner_set_spinning (self->next_spinner,
                            has_links && self->states[SECTION_NEXT] == STATE_LOADING &&
                            self->cancellable != NULL);

  switch (self->states[SECTION_NEXT])
    {
    case STATE_ERROR:
      gtk_stack_set_visible_child_name (self->next_stack, "error");
      break;
    case STATE_LOADED:
      gtk_stack_set_visible_child_name (self->next_stack, "loaded");
      break;
    case STATE_NONE:
    case STATE_LOADING:
    default:
      gtk_stack_set_visible_child_name (self->next_stack, "loading");
      break;
    }
}

static void
set_state (SfShowPage   *self,
           Section       section,
           State         state,
           const GError *error)
{
  static const char * const what[N_SECTIONS] = {
    N_("The series could not be loaded."),
    N_("The seasons could not be loaded."),
    N_("The episodes could not be loaded."),
    N_("The cast could not be loaded."),
    N_("The next and previous episodes could not be loaded."),
  };
  GtkLabel *error_labels[N_SECTIONS] = {
    self->show_error_label, self->seasons_error_label, self->episodes_error_label,
    self->cast_error_label, self->next_error_label,
  };

  self->states[section] = state;

  if (state == STATE_ERROR)
    {
      /* The card's (or the saved catalog's) details are on screen: they are what is
       * missing an update, not the series. */
      const char *missing = section == SECTION_SHOW && self->show != NULL
                            ? _("These details may be out of date.")
                            : _(what[section]);
      g_autofree char *text = dup_error_text (missing, error);

      gtk_label_set_text (error_labels[section], text);
    }

  switch (section)
    {
    case SECTION_SHOW:
      update_show_section (self);
      break;
    case SECTION_SEASONS:
    case SECTION_EPISODES:
      update_seasons_section (self);
      break;
    case SECTION_CAST:
      update_cast_section (self);
      break;
    case SECTION_NEXT:
    case N_SECTIONS:
    default:
      update_next_section (self);
      break;
    }

  update_header_spinner (self);
}

/* Show facts */

static gboolean
is_web_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

/* ^tt[0-9]+$ */
static gboolean
is_imdb_id (const char *id)
{
  if (id == NULL || !g_str_has_prefix (id, "tt") || id[2] == '\0')
    return FALSE;

  for (const char *c = id + 2; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;

  return TRUE;
}

static void
set_link (GtkWidget   *button,
          char       **field,
          const char  *uri)
{
  g_free (*field);
  *field = is_web_uri (uri) ? g_strdup (uri) : NULL;

  gtk_widget_set_visible (button, *field != NULL);
  /* Plain-text tooltip: the address is untrusted. */
  gtk_widget_set_tooltip_text (button, *field);
}

static void
link_clicked_cb (SfShowPage *self,
                 GtkButton  *button)
{
  const char *uri = NULL;

  if (GTK_WIDGET (button) == self->official_button)
    uri = self->official_uri;
  else if (GTK_WIDGET (button) == self->tvmaze_button)
    uri = self->tvmaze_uri;
  else if (GTK_WIDGET (button) == self->imdb_button)
    uri = self->imdb_uri;

  /* Checked when set; checked again, since nothing else may ever be opened. */
  if (!is_web_uri (uri))
    return;

  /* GtkUriLauncher from GTK 4.10, gtk_show_uri before (sf-compat.h). */
  sf_compat_launch_uri (GTK_WIDGET (self), uri);
}

static void
set_fact (SfShowPage *self,
          GtkLabel   *value,
          const char *text)
{
  GtkLayoutManager *grid_layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->facts_grid));
  GtkLayoutChild *layout;
  GtkWidget *key;
  int row;

  layout = gtk_layout_manager_get_layout_child (grid_layout, GTK_WIDGET (value));
  row = gtk_grid_layout_child_get_row (GTK_GRID_LAYOUT_CHILD (layout));
  key = gtk_grid_get_child_at (self->facts_grid, 0, row);

  /* Everything from TVmaze is plain text here. */
  gtk_label_set_text (value, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (value), text != NULL);
  gtk_widget_set_visible (key, text != NULL);
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

/* The next @weekday (1..7; 0: today) at @hour:@minute in @zone, after @now. */
static GDateTime *
dup_next_occurrence (GDateTime *now,
                     GTimeZone *zone,
                     int        weekday,
                     int        hour,
                     int        minute)
{
  g_autoptr(GDateTime) there = g_date_time_to_timezone (now, zone);
  g_autoptr(GDateTime) day = NULL;
  int delta = 0;

  if (weekday > 0)
    delta = (weekday - g_date_time_get_day_of_week (there) + 7) % 7;
  day = g_date_time_add_days (there, delta);

  return g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), hour, minute, 0);
}

/* Adds the next slot on @weekday, in the person's time zone. */
static void
add_slot (GPtrArray *slots,
          GDateTime *now,
          GTimeZone *zone,
          int        weekday,
          int        hour,
          int        minute)
{
  g_autoptr(GDateTime) there = dup_next_occurrence (now, zone, weekday, hour, minute);

  if (there != NULL)
    g_ptr_array_add (slots, g_date_time_to_local (there));
}

/* A weekday's localized abbreviation ("Wed"), from any date that falls on it. */
static char *
dup_weekday_abbreviation (int weekday)
{
  /* 2024-01-01 was a Monday. */
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);

  return g_date_time_format (date, "%a");
}

/* "Wed 23:35", "Mon, Tue 02:00": the slot in the person's time zone when the channel has
 * one (the next airing on each day, so daylight saving time is right), as given otherwise.
 * Sets @original to what TVmaze gave, in the channel's zone, when it was converted. */
static char *
dup_schedule_text (SfShow     *show,
                   GDateTime  *now,
                   char      **original)
{
  const char * const *days = sf_show_get_schedule_days (show);
  const char *time = sf_show_get_schedule_time (show);
  const char *zone_name = sf_show_get_timezone (show);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) given = g_string_new (NULL);
  int hour = -1;
  int minute = -1;
  gboolean same_time = TRUE;

  *original = NULL;

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
      g_string_append_printf (given, "%s%s", given->len > 0 ? ", " : "", abbreviation);
    }
  if (hour >= 0)
    g_string_append_printf (given, "%s%02d:%02d", given->len > 0 ? " " : "", hour, minute);

  if (hour < 0 || zone_name == NULL ||
      (zone = g_time_zone_new_identifier (zone_name)) == NULL)
    return given->len > 0 ? g_strdup (given->str) : NULL;

  /* Days in the channel's zone; with no day, today's slot. */
  if (days[0] == NULL)
    add_slot (slots, now, zone, 0, hour, minute);
  for (guint i = 0; days[i] != NULL; i++)
    if (parse_weekday (days[i]) > 0)
      add_slot (slots, now, zone, parse_weekday (days[i]), hour, minute);

  if (slots->len == 0)
    return g_strdup (given->str);

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

  /* Translators: the schedule as TVmaze gives it, in the channel's time zone, e.g.
   * "Wed 23:35 in Europe/Paris" */
  *original = g_strdup_printf (_("%s in %s"), given->str, zone_name);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "1989–2024", "1989 – Running", "1989" or NULL */
static char *
dup_years_text (SfShow *show)
{
  int first = sf_show_get_premiere_year (show);
  int last = sf_show_get_end_year (show);

  if (first <= 0)
    return sf_show_dup_years_text (show);
  if (last <= 0 && g_strcmp0 (sf_show_get_status (show), "Running") == 0)
    /* Translators: the years of a series that is still running, e.g. "1989 – Running" */
    return g_strdup_printf (_("%d – Running"), first);

  return sf_show_dup_years_text (show);
}

static void
poster_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(SfShowPage) self = NULL;

  texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = request_dup_page (request);
  /* A failed poster keeps the placeholder: not worth a message. A poster the show no
   * longer has is dropped. */
  if (self == NULL || texture == NULL || g_strcmp0 (request->url, self->poster_url) != 0)
    return;

  gtk_picture_set_paintable (self->poster, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->poster), TRUE);
}

static void
display_poster (SfShowPage *self)
{
  const char *url = sf_show_get_image_medium (self->show);
  Request *request;
  int scale;

  /* The same poster (the card's show, then TVmaze's) is not asked for twice. */
  if (g_strcmp0 (url, self->poster_url) == 0)
    return;

  g_free (self->poster_url);
  self->poster_url = g_strdup (url);
  gtk_picture_set_paintable (self->poster, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->poster), FALSE);

  if (url == NULL || self->cancellable == NULL)
    return;

  scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  request = request_new (self);
  request->url = g_strdup (url);
  sf_image_loader_load_async (self->loader, url, POSTER_WIDTH * scale, self->cancellable,
                              poster_loaded_cb, request);
}

static void
display_show (SfShowPage *self)
{
  SfShow *show = self->show;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *years = dup_years_text (show);
  g_autofree char *channel = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *schedule_given = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *genres = NULL;
  g_autofree char *rating = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *poster_text = NULL;
  g_autofree char *imdb = NULL;
  const char *channel_name = sf_show_get_channel_name (show);
  const char *country = sf_show_get_country_name (show);
  const char * const *genre_list = sf_show_get_genres (show);
  const char *name = sf_show_get_name (show);

  update_follow_button (self);

  /* Names are untrusted: set as text, never as markup (AdwWindowTitle shows plain text). */
  adw_window_title_set_title (self->window_title, name);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->years_label, years != NULL ? years : "");
  gtk_widget_set_visible (GTK_WIDGET (self->years_label), years != NULL);

  if (channel_name != NULL && country != NULL)
    /* Translators: a channel and its country, e.g. "BBC One (United Kingdom)" */
    channel = g_strdup_printf (_("%s (%s)"), channel_name, country);
  else
    channel = g_strdup (channel_name);
  gtk_label_set_text (self->channel_key_label,
                      sf_show_get_web_channel_name (show) != NULL ? _("Streaming") : _("Network"));

  schedule = dup_schedule_text (show, now, &schedule_given);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->schedule_value), schedule_given);

  if (sf_show_get_runtime (show) > 0)
    /* Translators: a runtime in minutes */
    runtime = g_strdup_printf (_("%d min"), sf_show_get_runtime (show));
  if (genre_list[0] != NULL)
    genres = g_strjoinv (", ", (char **) genre_list);
  if (sf_show_has_rating (show))
    rating = g_strdup_printf ("★ %.1f", sf_show_get_rating (show));

  set_fact (self, self->status_value, sf_show_get_status (show));
  set_fact (self, self->channel_value, channel);
  set_fact (self, self->schedule_value, schedule);
  set_fact (self, self->runtime_value, runtime);
  set_fact (self, self->language_value, sf_show_get_language (show));
  set_fact (self, self->type_value, sf_show_get_show_type (show));
  set_fact (self, self->genres_value, genres);
  set_fact (self, self->rating_value, rating != NULL ? rating : "—");
  gtk_widget_set_visible (GTK_WIDGET (self->facts_grid), TRUE);

  if (is_imdb_id (sf_show_get_imdb_id (show)))
    imdb = g_strdup_printf ("https://www.imdb.com/title/%s/", sf_show_get_imdb_id (show));
  set_link (self->official_button, &self->official_uri, sf_show_get_official_site (show));
  set_link (self->tvmaze_button, &self->tvmaze_uri, sf_show_get_url (show));
  set_link (self->imdb_button, &self->imdb_uri, imdb);
  gtk_widget_set_visible (self->links_box, self->official_uri != NULL ||
                                           self->tvmaze_uri != NULL || self->imdb_uri != NULL);

  /* sf_markup_from_html() escapes all text and keeps only harmless formatting. */
  summary = sf_markup_from_html (sf_show_get_summary_html (show));
  gtk_label_set_markup (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary[0] != '\0');

  /* Translators: accessible description of a series' poster */
  poster_text = g_strdup_printf (_("Poster of %s"), name);
  gtk_picture_set_alternative_text (self->poster, poster_text);

  display_poster (self);
  update_show_section (self);
}

/* Show */

static void start_show (SfShowPage *self);

static void
show_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = NULL;
  g_autoptr(SfShowPage) self = NULL;

  show = sf_tvmaze_client_get_show_finish (SF_TVMAZE_CLIENT (source), result, &error);
  /* Cancelled: the page stopped or is gone; nothing may be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if ((self = request_dup_page (request)) == NULL)
    return;

  if (show == NULL)
    {
      set_state (self, SECTION_SHOW, STATE_ERROR, error);
      /* The next and previous episodes wait for TVmaze's show: nothing to wait for now. */
      if (self->states[SECTION_NEXT] == STATE_LOADING)
        set_state (self, SECTION_NEXT, STATE_NONE, NULL);
      return;
    }

  g_set_object (&self->show, show);
  self->show_fetched = TRUE;
  display_show (self);
  set_state (self, SECTION_SHOW, STATE_LOADED, NULL);
  resolve_next (self);
}

static void
start_show (SfShowPage *self)
{
  set_state (self, SECTION_SHOW, STATE_LOADING, NULL);
  sf_tvmaze_client_get_show_async (self->client, self->show_id, self->cancellable,
                                   show_loaded_cb, request_new (self));
}

static void
retry_show_cb (SfShowPage *self)
{
  if (self->cancellable == NULL || self->states[SECTION_SHOW] != STATE_ERROR)
    return;

  start_show (self);
  if (self->states[SECTION_NEXT] == STATE_NONE)
    set_state (self, SECTION_NEXT, STATE_LOADING, NULL);
}

/* Seasons and episodes */

static SfSeason *
find_season (SfShowPage *self,
             int         number)
{
  if (self->seasons == NULL)
    return NULL;

  for (guint i = 0; i < self->seasons->len; i++)
    if (sf_season_get_number (self->seasons->pdata[i]) == number)
      return self->seasons->pdata[i];

  return NULL;
}

static void
season_expanded_cb (SfShowPage  *self,
                    GParamSpec  *pspec,
                    SfSeasonRow *row)
{
  /* Episode rows are made on first expansion, a few per frame. */
  if (sf_season_row_needs_build (row) && g_queue_find (&self->build_queue, row) == NULL)
    {
      g_queue_push_tail (&self->build_queue, row);
      ensure_building (self);
    }
}

static void
build_season_row (SfShowPage *self)
{
  SfEpisodeGroup *group = g_ptr_array_index (self->groups, self->season_rows->len);
  GtkWidget *row = sf_season_row_new (group);

  /* Episode rows only for a season that is opened. */
  sf_season_row_set_season (SF_SEASON_ROW (row), find_season (self, group->season));
  g_signal_connect_swapped (row, "notify::expanded", G_CALLBACK (season_expanded_cb), self);
  gtk_list_box_append (self->season_list, row);
  g_ptr_array_add (self->season_rows, row);
}

static void
build_cast_card (SfShowPage *self)
{
  g_autoptr(SfCastMember) member = g_list_model_get_item (G_LIST_MODEL (self->cast),
                                                          self->cast_cards->len);
  GtkWidget *card = sf_cast_card_new ();

  sf_cast_card_set_member (SF_CAST_CARD (card), member, self->loader);
  gtk_flow_box_append (self->cast_flow, card);
  g_ptr_array_add (self->cast_cards, card);
}

/* Makes one widget of what is still to make; FALSE when there is nothing left. Rows of an
 * expanded season come first (the person asked for them), then season rows, then cards. */
static gboolean
build_one (SfShowPage *self)
{
  SfSeasonRow *expanded = g_queue_peek_head (&self->build_queue);

  /* What the previous show left goes first, one piece at a time (a season row may take
   * dozens of episode rows with it). */
  if (self->doomed->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index_fast (self->doomed, self->doomed->len - 1);

      if (SF_IS_SEASON_ROW (widget))
        gtk_list_box_remove (self->season_list, widget);
      else
        gtk_flow_box_remove (self->cast_flow, widget);
      return TRUE;
    }

  if (expanded != NULL)
    {
      if (!sf_season_row_build_next (expanded, self->zone))
        g_queue_pop_head (&self->build_queue);
      return TRUE;
    }

  if (self->groups != NULL && self->season_rows->len < self->groups->len)
    {
      build_season_row (self);
      if (self->season_rows->len == self->groups->len)
        update_seasons_section (self);
      return TRUE;
    }

  if (self->cast_cards->len < self->n_cast_to_build)
    {
      build_cast_card (self);
      if (self->cast_cards->len == self->n_cast_to_build)
        update_cast_section (self);
      return TRUE;
    }

  return FALSE;
}

static gboolean
build_cb (gpointer user_data)
{
  SfShowPage *self = SF_SHOW_PAGE (user_data);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = now + BUILD_BUDGET_USEC;

  /* The previous slice has not been laid out and drawn yet: wait for its frame. */
  if (clock != NULL)
    {
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);

      if (frame == self->build_frame && now - self->build_time < BUILD_WAIT_USEC)
        return G_SOURCE_CONTINUE;
      self->build_frame = frame;
    }
  self->build_time = now;

  do
    {
      if (!build_one (self))
        {
          self->build_source_id = 0;
          return G_SOURCE_REMOVE;
        }
    }
  while (g_get_monotonic_time () < deadline);

  return G_SOURCE_CONTINUE;
}

static void
ensure_building (SfShowPage *self)
{
  /* Below input and drawing: a click or a frame never waits for a slice. */
  if (self->build_source_id == 0 && self->cancellable != NULL)
    self->build_source_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, BUILD_INTERVAL_MS,
                                                build_cb, self, NULL);
}

static void
stop_building (SfShowPage *self)
{
  g_clear_handle_id (&self->build_source_id, g_source_remove);
  g_queue_clear (&self->build_queue);
}

static void start_seasons (SfShowPage *self);

static void
seasons_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seasons = NULL;
  g_autoptr(SfShowPage) self = NULL;

  seasons = sf_tvmaze_client_get_seasons_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if ((self = request_dup_page (request)) == NULL)
    return;

  if (seasons == NULL)
    {
      set_state (self, SECTION_SEASONS, STATE_ERROR, error);
      return;
    }

  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  self->seasons = g_steal_pointer (&seasons);

  /* Rows made already get their names and dates now; the others when they are made. */
  for (guint i = 0; i < self->season_rows->len; i++)
    {
      SfSeasonRow *row = self->season_rows->pdata[i];

      sf_season_row_set_season (row, find_season (self, sf_season_row_get_number (row)));
    }

  set_state (self, SECTION_SEASONS, STATE_LOADED, NULL);
}

static void
start_seasons (SfShowPage *self)
{
  set_state (self, SECTION_SEASONS, STATE_LOADING, NULL);
  sf_tvmaze_client_get_seasons_async (self->client, self->show_id, self->cancellable,
                                      seasons_loaded_cb, request_new (self));
}

static void
retry_seasons_cb (SfShowPage *self)
{
  if (self->cancellable != NULL && self->states[SECTION_SEASONS] == STATE_ERROR)
    start_seasons (self);
}

static void start_episodes (SfShowPage *self);

static void
episodes_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(SfShowPage) self = NULL;

  episodes = sf_tvmaze_client_get_episodes_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if ((self = request_dup_page (request)) == NULL)
    return;

  if (episodes == NULL)
    {
      set_state (self, SECTION_EPISODES, STATE_ERROR, error);
      /* The next and previous episodes are then asked for one by one. */
      resolve_next (self);
      return;
    }

  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->episodes = g_steal_pointer (&episodes);
  /* One pass over the list: cheap even for a thousand episodes. */
  self->groups = sf_episode_list_group_by_season (self->episodes);

  set_state (self, SECTION_EPISODES, STATE_LOADED, NULL);
  ensure_building (self);
  resolve_next (self);
}

static void
start_episodes (SfShowPage *self)
{
  set_state (self, SECTION_EPISODES, STATE_LOADING, NULL);
  sf_tvmaze_client_get_episodes_async (self->client, self->show_id, self->cancellable,
                                       episodes_loaded_cb, request_new (self));
}

static void
retry_episodes_cb (SfShowPage *self)
{
  if (self->cancellable == NULL || self->states[SECTION_EPISODES] != STATE_ERROR)
    return;

  start_episodes (self);
  /* Its error stood for both. */
  if (self->states[SECTION_SEASONS] == STATE_ERROR)
    start_seasons (self);
}

/* Cast */

static void start_cast (SfShowPage *self);

static void
cast_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(SfShowPage) self = NULL;
  guint n;

  cast = sf_tvmaze_client_get_cast_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if ((self = request_dup_page (request)) == NULL)
    return;

  if (cast == NULL)
    {
      set_state (self, SECTION_CAST, STATE_ERROR, error);
      return;
    }

  /* One splice for the whole list: one items-changed, whatever its length. */
  n = cast->len;
  g_list_store_splice (self->cast, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cast)),
                       cast->pdata, n);
  self->n_cast_to_build = MIN (n, CAST_PREVIEW);

  if (n > CAST_PREVIEW)
    {
      g_autofree char *label = NULL;

      /* Translators: the button that opens the whole cast, e.g. "Show All 1,400" */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Show All %'u", "_Show All %'u", n),
                               n);
      gtk_button_set_label (self->show_all_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), n > CAST_PREVIEW);

  set_state (self, SECTION_CAST, STATE_LOADED, NULL);
  ensure_building (self);
}

static void
start_cast (SfShowPage *self)
{
  set_state (self, SECTION_CAST, STATE_LOADING, NULL);
  sf_tvmaze_client_get_cast_async (self->client, self->show_id, self->cancellable,
                                   cast_loaded_cb, request_new (self));
}

static void
retry_cast_cb (SfShowPage *self)
{
  if (self->cancellable != NULL && self->states[SECTION_CAST] == STATE_ERROR)
    start_cast (self);
}

static void
show_all_cast_cb (SfShowPage *self)
{
  SfCastDialog *dialog;
  GtkRoot *root;

  if (self->cast_dialog != NULL)
    {
      gtk_window_present (self->cast_dialog);
      return;
    }

  dialog = sf_cast_dialog_new (G_LIST_MODEL (self->cast), self->loader,
                               self->show != NULL ? sf_show_get_name (self->show) : NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));

  self->cast_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->cast_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_cast_dialog (SfShowPage *self)
{
  GtkWindow *dialog = self->cast_dialog;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->cast_dialog);
  self->cast_dialog = NULL;
  gtk_window_destroy (dialog);
}

/* Next and previous episodes */

static void
display_next (SfShowPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->next_episode != NULL)
    {
      g_autofree char *relative = sf_episode_dup_relative_text (self->next_episode, now,
                                                                self->zone);
      /* Translators: e.g. "Next episode: S3E4 “Name”, Tue 21:00, in 3 days" */
      g_autofree char *text = g_strdup_printf (_("Next episode: %s"), relative);

      gtk_label_set_text (self->next_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), self->next_episode != NULL);

  if (self->previous_episode != NULL)
    {
      g_autofree char *relative = sf_episode_dup_relative_text (self->previous_episode, now,
                                                                self->zone);
      /* Translators: e.g. "Previous episode: S3E3 “Name”, Tue 21:00, 4 days ago" */
      g_autofree char *text = g_strdup_printf (_("Previous episode: %s"), relative);

      gtk_label_set_text (self->previous_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->previous_label), self->previous_episode != NULL);
}

static void
episode_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfEpisode) episode = NULL;
  g_autoptr(SfShowPage) self = NULL;

  episode = sf_tvmaze_client_get_episode_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if ((self = request_dup_page (request)) == NULL)
    return;

  g_assert (self->next_pending > 0);
  self->next_pending--;

  if (episode == NULL)
    {
      set_state (self, SECTION_NEXT, STATE_ERROR, error);
      return;
    }

  g_set_object (request->is_next ? &self->next_episode : &self->previous_episode, episode);

  if (self->next_pending == 0 && self->states[SECTION_NEXT] == STATE_LOADING)
    {
      display_next (self);
      set_state (self, SECTION_NEXT, STATE_LOADED, NULL);
    }
}

static void
fetch_episode (SfShowPage *self,
               gint64      id,
               gboolean    is_next)
{
  Request *request = request_new (self);

  request->is_next = is_next;
  self->next_pending++;
  sf_tvmaze_client_get_episode_async (self->client, id, self->cancellable,
                                      episode_loaded_cb, request);
}

/* Finds the next and previous episodes among the episodes, asking TVmaze for those that are
 * not there (or when the episodes could not be loaded). Waits for the show's own links and,
 * while they are on their way, for the episodes. */
static void
resolve_next (SfShowPage *self)
{
  gint64 next_id;
  gint64 previous_id;

  if (!self->show_fetched || self->states[SECTION_NEXT] != STATE_LOADING ||
      self->next_pending > 0 || self->states[SECTION_EPISODES] == STATE_LOADING)
    return;

  next_id = sf_show_get_next_episode_id (self->show);
  previous_id = sf_show_get_previous_episode_id (self->show);

  if (self->episodes != NULL)
    {
      if (next_id != 0 && self->next_episode == NULL)
        g_set_object (&self->next_episode, sf_episode_list_find (self->episodes, next_id));
      if (previous_id != 0 && self->previous_episode == NULL)
        g_set_object (&self->previous_episode,
                      sf_episode_list_find (self->episodes, previous_id));
    }

  if (next_id != 0 && self->next_episode == NULL)
    fetch_episode (self, next_id, TRUE);
  if (previous_id != 0 && self->previous_episode == NULL)
    fetch_episode (self, previous_id, FALSE);

  if (self->next_pending == 0)
    {
      display_next (self);
      set_state (self, SECTION_NEXT, STATE_LOADED, NULL);
    }
  else
    update_next_section (self);
}

static void
retry_next_cb (SfShowPage *self)
{
  if (self->cancellable == NULL || self->states[SECTION_NEXT] != STATE_ERROR ||
      self->next_pending > 0)
    return;

  set_state (self, SECTION_NEXT, STATE_LOADING, NULL);
  resolve_next (self);
}

/* Load and stop */

static void
clear_content (SfShowPage *self)
{
  stop_building (self);

  /* Destroying a long show's rows at once would hold the main loop: they are hidden now and
   * destroyed a few at a time by the build timer. */
  for (guint i = 0; i < self->season_rows->len; i++)
    {
      gtk_widget_set_visible (self->season_rows->pdata[i], FALSE);
      g_ptr_array_add (self->doomed, self->season_rows->pdata[i]);
    }
  g_ptr_array_set_size (self->season_rows, 0);
  for (guint i = 0; i < self->cast_cards->len; i++)
    {
      sf_cast_card_stop (self->cast_cards->pdata[i]);
      gtk_widget_set_visible (gtk_widget_get_parent (self->cast_cards->pdata[i]), FALSE);
      g_ptr_array_add (self->doomed, self->cast_cards->pdata[i]);
    }
  g_ptr_array_set_size (self->cast_cards, 0);
  self->n_cast_to_build = 0;
  g_list_store_remove_all (self->cast);

  g_clear_object (&self->show);
  update_follow_button (self);
  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->next_episode);
  g_clear_object (&self->previous_episode);
  g_clear_pointer (&self->poster_url, g_free);
  self->show_fetched = FALSE;
  self->next_pending = 0;

  adw_window_title_set_title (self->window_title, "");
  gtk_label_set_text (self->name_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->years_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->facts_grid), FALSE);
  gtk_widget_set_visible (self->links_box, FALSE);
  gtk_label_set_text (self->summary_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_picture_set_paintable (self->poster, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->poster), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_label), FALSE);

  for (guint i = 0; i < N_SECTIONS; i++)
    self->states[i] = STATE_NONE;
  update_show_section (self);
  update_seasons_section (self);
  update_cast_section (self);
  update_next_section (self);
  update_header_spinner (self);

  close_cast_dialog (self);
}

static void
cancel_all (SfShowPage *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_building (self);

  for (guint i = 0; i < self->cast_cards->len; i++)
    sf_cast_card_stop (self->cast_cards->pdata[i]);
}

void
sf_show_page_load (SfShowPage *self,
                   gint64      id,
                   SfShow     *known)
{
  g_return_if_fail (SF_IS_SHOW_PAGE (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (known == NULL || SF_IS_SHOW (known));

  cancel_all (self);
  clear_content (self);

  self->show_id = id;
  self->cancellable = g_cancellable_new ();

  /* What the card had is shown at once; TVmaze's answer replaces it. */
  if (known != NULL && sf_show_get_id (known) == id)
    {
      self->show = g_object_ref (known);
      display_show (self);
    }

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);

  ensure_building (self);

  /* Four requests at once, through the client's shared rate limiter. */
  start_show (self);
  start_seasons (self);
  start_episodes (self);
  start_cast (self);
  set_state (self, SECTION_NEXT, STATE_LOADING, NULL);
}

void
sf_show_page_stop (SfShowPage *self)
{
  g_return_if_fail (SF_IS_SHOW_PAGE (self));

  cancel_all (self);

  /* What is shown stays, but nothing spins for answers that will not come. */
  update_show_section (self);
  update_seasons_section (self);
  update_cast_section (self);
  update_next_section (self);
  update_header_spinner (self);
}

gint64
sf_show_page_get_show_id (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), 0);

  return self->show_id;
}

void
sf_show_page_set_followed (SfShowPage *self,
                           gboolean    followed)
{
  g_return_if_fail (SF_IS_SHOW_PAGE (self));

  self->followed = !!followed;
  update_follow_button (self);
}

GtkWidget *
sf_show_page_get_follow_button (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->follow_button;
}

SfShow *
sf_show_page_get_show (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->show;
}

/* Widget */

static void
apply_width (SfShowPage *self,
             int         width)
{
  gboolean wide = width >= WIDE_WIDTH;

  if (wide == self->wide)
    return;

  self->wide = wide;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->top_box),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_halign (self->poster_frame, wide ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
}

static void
sf_show_page_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SfShowPage *self = SF_SHOW_PAGE (widget);

  /* The page is height-for-width: its width does not depend on the height it gets. Asked
   * for its width at some height (GtkWindow does that on X11), it gives its width at any. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  gtk_widget_measure (self->root_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  /* A natural width that does not follow the content: on X11 GTK measures the window's
   * natural size after every resize request, and a natural width that grows with each new
   * row would have every label of the page measured again at each new width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
sf_show_page_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SfShowPage *self = SF_SHOW_PAGE (widget);
  gboolean was_wide = self->wide;

  /* No AdwBreakpoint in libadwaita 1.2: the poster goes above the facts when narrow. The
   * flip happens before the children are allocated, and the child is measured again for
   * its new shape before it is allocated. */
  apply_width (self, width);
  if (self->wide != was_wide)
    gtk_widget_measure (self->root_box, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);

  gtk_widget_allocate (self->root_box, width, height, baseline, NULL);
}

static void
sf_show_page_dispose (GObject *object)
{
  SfShowPage *self = SF_SHOW_PAGE (object);

  cancel_all (self);
  close_cast_dialog (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_SHOW_PAGE);

  g_ptr_array_set_size (self->season_rows, 0);
  g_ptr_array_set_size (self->cast_cards, 0);
  g_ptr_array_set_size (self->doomed, 0);
  g_clear_object (&self->client);
  g_clear_object (&self->loader);
  g_clear_object (&self->show);
  g_clear_object (&self->cast);
  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->next_episode);
  g_clear_object (&self->previous_episode);

  G_OBJECT_CLASS (sf_show_page_parent_class)->dispose (object);
}

static void
sf_show_page_finalize (GObject *object)
{
  SfShowPage *self = SF_SHOW_PAGE (object);

  g_ptr_array_unref (self->season_rows);
  g_ptr_array_unref (self->cast_cards);
  g_ptr_array_unref (self->doomed);
  g_time_zone_unref (self->zone);
  g_free (self->poster_url);
  g_free (self->official_uri);
  g_free (self->tvmaze_uri);
  g_free (self->imdb_uri);

  G_OBJECT_CLASS (sf_show_page_parent_class)->finalize (object);
}

static void
sf_show_page_class_init (SfShowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_show_page_dispose;
  object_class->finalize = sf_show_page_finalize;
  widget_class->measure = sf_show_page_measure;
  widget_class->size_allocate = sf_show_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-show-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, follow_button);
  gtk_widget_class_bind_template_callback (widget_class, follow_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, top_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, poster_frame);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, poster);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, years_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, show_error_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, show_error_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, show_retry_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, show_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, next_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, seasons_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, cast_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, channel_key_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, status_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, channel_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, schedule_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, runtime_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, language_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, type_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, genres_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, rating_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, links_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, official_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, tvmaze_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, imdb_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, next_stack);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, next_error_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, next_retry_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, previous_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, seasons_error_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, seasons_error_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, seasons_retry_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, seasons_stack);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, episodes_error_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, episodes_retry_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, season_list);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, cast_stack);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, cast_error_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, cast_retry_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, cast_flow);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, show_all_button);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_seasons_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_episodes_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cast_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_all_cast_cb);

  gtk_widget_class_set_css_name (widget_class, "showpage");

  /* Class setup (templates compiled, CSS nodes named) happens now, with the window, rather
   * than in the middle of filling a page in. */
  g_type_class_unref (g_type_class_ref (SF_TYPE_SEASON_ROW));
  g_type_class_unref (g_type_class_ref (SF_TYPE_EPISODE_ROW));
  g_type_class_unref (g_type_class_ref (SF_TYPE_CAST_CARD));
}

static void
sf_show_page_init (SfShowPage *self)
{
  GtkWidget *viewport;
  GtkWidget *clamp;

  gtk_widget_init_template (GTK_WIDGET (self));
  update_follow_button (self);

  /* The scrolled content goes into an SfWidthBin (see there why). Not in the template: the
   * .ui validation only knows GTK and libadwaita types. */
  viewport = gtk_scrolled_window_get_child (self->scrolled);
  clamp = g_object_ref (gtk_viewport_get_child (GTK_VIEWPORT (viewport)));
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), NULL);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), sf_width_bin_new (clamp));
  g_object_unref (clamp);

  self->zone = g_time_zone_new_local ();
  self->cast = g_list_store_new (SF_TYPE_CAST_MEMBER);
  self->season_rows = g_ptr_array_new ();
  self->cast_cards = g_ptr_array_new ();
  self->doomed = g_ptr_array_new ();
  g_queue_init (&self->build_queue);

  /* The template starts wide; narrow until the first allocation says otherwise. */
  self->wide = TRUE;
  apply_width (self, 0);
}

SfShowPage *
sf_show_page_new (SfTvmazeClient *client,
                  SfImageLoader  *loader)
{
  SfShowPage *self;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), NULL);
  g_return_val_if_fail (SF_IS_IMAGE_LOADER (loader), NULL);

  self = g_object_new (SF_TYPE_SHOW_PAGE, NULL);
  self->client = g_object_ref (client);
  self->loader = g_object_ref (loader);

  return self;
}

/* Tests and benchmarks */

static int
find_section (const char *name)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_strcmp0 (name, section_names[i]) == 0)
      return (int) i;

  return -1;
}

const char *
sf_show_page_get_section_state (SfShowPage *self,
                                const char *section)
{
  int i;

  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);
  i = find_section (section);
  g_return_val_if_fail (i >= 0, NULL);

  return state_names[self->states[i]];
}

gboolean
sf_show_page_section_is_loaded (SfShowPage *self,
                                const char *section)
{
  int i;

  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), FALSE);
  i = find_section (section);
  g_return_val_if_fail (i >= 0, FALSE);

  return self->states[i] == STATE_LOADED;
}

gboolean
sf_show_page_is_complete (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), FALSE);

  if (self->cancellable == NULL || any_loading (self))
    return FALSE;

  return self->doomed->len == 0 &&
         (self->groups == NULL || self->season_rows->len == self->groups->len) &&
         self->cast_cards->len == self->n_cast_to_build &&
         g_queue_is_empty (&self->build_queue);
}

const char *
sf_show_page_get_title (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return adw_window_title_get_title (self->window_title);
}

GtkLabel *
sf_show_page_get_name_label (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->name_label;
}

GtkLabel *
sf_show_page_get_summary_label (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->summary_label;
}

GtkLabel *
sf_show_page_get_next_label (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->next_label;
}

GtkLabel *
sf_show_page_get_previous_label (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->previous_label;
}

GtkButton *
sf_show_page_get_show_all_button (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->show_all_button;
}

GtkWidget *
sf_show_page_get_retry_button (SfShowPage *self,
                               const char *section)
{
  int i;

  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);
  i = find_section (section);
  g_return_val_if_fail (i >= 0, NULL);

  switch ((Section) i)
    {
    case SECTION_SHOW:
      return self->show_retry_button;
    case SECTION_SEASONS:
      return self->seasons_retry_button;
    case SECTION_EPISODES:
      return self->episodes_retry_button;
    case SECTION_CAST:
      return self->cast_retry_button;
    case SECTION_NEXT:
    case N_SECTIONS:
    default:
      return self->next_retry_button;
    }
}

guint
sf_show_page_get_n_season_rows (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), 0);

  return self->season_rows->len;
}

GtkWidget *
sf_show_page_get_season_row (SfShowPage *self,
                             guint       index)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  if (index >= self->season_rows->len)
    return NULL;

  return self->season_rows->pdata[index];
}

guint
sf_show_page_get_n_cast_cards (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), 0);

  return self->cast_cards->len;
}

GtkWidget *
sf_show_page_get_cast_card (SfShowPage *self,
                            guint       index)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  if (index >= self->cast_cards->len)
    return NULL;

  return self->cast_cards->pdata[index];
}

GtkWindow *
sf_show_page_get_cast_dialog (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->cast_dialog;
}

gboolean
sf_show_page_get_wide (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), FALSE);

  return self->wide;
}
