/* sf-seasons-section.c: the seasons of a series, each opening to its episodes
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two requests: the episodes (which make the rows, one per season) and the seasons (which
 * name and date them). The rows are made by the page's row builder: 35 season rows at load,
 * and a season's episode rows only once it is expanded (never the thousand rows of a long
 * show up front). The list appears once its rows are all made, so it is laid out and drawn
 * once. The rows of the previous show are hidden at once and destroyed a few at a time.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-episode-row.h"
#include "sf-season-row.h"
#include "sf-seasons-section.h"
#include "sf-show-details.h"
#include "sf-tvmaze-details.h"

/* Row builder priorities: what the previous show left, then the rows a person asked for,
 * then the season rows. */
#define PRIORITY_DOOMED   0
#define PRIORITY_EXPANDED 1
#define PRIORITY_SEASONS  2

struct _SfSeasonsSection
{
  SfPageSection       parent_instance;

  /* template widgets */
  GtkListBox         *season_list;

  /* owned */
  GTimeZone          *zone;         /* the person's */
  GPtrArray          *seasons;      /* nullable: SfSeason */
  GPtrArray          *episodes;     /* nullable: SfEpisode */
  GPtrArray          *groups;       /* nullable: SfEpisodeGroup */
  GPtrArray          *rows;         /* SfSeasonRow, borrowed (children of season_list) */
  GPtrArray          *doomed;       /* hidden rows of the previous show, borrowed */
  GQueue              expanded;     /* expanded SfSeasonRow still making rows, borrowed */

  SfPageSectionState  dates_state;
};

G_DEFINE_FINAL_TYPE (SfSeasonsSection, sf_seasons_section, SF_TYPE_PAGE_SECTION)

enum {
  PROP_0,
  PROP_DATES_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_building (SfSeasonsSection *self)
{
  sf_page_section_set_building (SF_PAGE_SECTION (self),
                                self->groups != NULL && self->rows->len < self->groups->len);
}

static void
queue_build (SfSeasonsSection *self)
{
  SfRowBuilder *builder = sf_page_section_get_row_builder (SF_PAGE_SECTION (self));

  if (builder != NULL)
    sf_row_builder_queue (builder);
}

static SfSeason *
find_season (SfSeasonsSection *self,
             int               number)
{
  if (self->seasons == NULL)
    return NULL;

  for (guint i = 0; i < self->seasons->len; i++)
    if (sf_season_get_number (self->seasons->pdata[i]) == number)
      return self->seasons->pdata[i];

  return NULL;
}

static void
season_expanded_cb (SfSeasonsSection *self,
                    GParamSpec       *pspec,
                    SfSeasonRow      *row)
{
  /* Episode rows are made on first expansion, a few per frame. */
  if (sf_season_row_needs_build (row) && g_queue_find (&self->expanded, row) == NULL)
    {
      g_queue_push_tail (&self->expanded, row);
      queue_build (self);
    }
}

static gboolean
remove_doomed_step (gpointer user_data)
{
  SfSeasonsSection *self = user_data;

  if (self->doomed->len == 0)
    return FALSE;

  /* One at a time: a season row may take dozens of episode rows with it. */
  gtk_list_box_remove (self->season_list,
                       g_ptr_array_steal_index_fast (self->doomed, self->doomed->len - 1));
  return TRUE;
}

static gboolean
build_expanded_step (gpointer user_data)
{
  SfSeasonsSection *self = user_data;
  SfSeasonRow *row = g_queue_peek_head (&self->expanded);

  if (row == NULL || sf_page_section_get_cancellable (SF_PAGE_SECTION (self)) == NULL)
    return FALSE;

  if (!sf_season_row_build_next (row, self->zone))
    g_queue_pop_head (&self->expanded);
  return TRUE;
}

static gboolean
build_season_step (gpointer user_data)
{
  SfSeasonsSection *self = user_data;
  SfEpisodeGroup *group;
  GtkWidget *row;

  if (self->groups == NULL || self->rows->len >= self->groups->len ||
      sf_page_section_get_cancellable (SF_PAGE_SECTION (self)) == NULL)
    return FALSE;

  group = g_ptr_array_index (self->groups, self->rows->len);
  row = sf_season_row_new (group);
  /* Episode rows only for a season that is opened. */
  sf_season_row_set_season (SF_SEASON_ROW (row), find_season (self, group->season));
  g_signal_connect_swapped (row, "notify::expanded", G_CALLBACK (season_expanded_cb), self);
  gtk_list_box_append (self->season_list, row);
  g_ptr_array_add (self->rows, row);

  update_building (self);
  return TRUE;
}

static void
set_dates_state (SfSeasonsSection   *self,
                 SfPageSectionState  state,
                 const GError       *error)
{
  SfPageSection *section = SF_PAGE_SECTION (self);

  /* The episodes' error stands for both. */
  sf_page_section_set_note (section,
                            state == SF_PAGE_SECTION_FAILED
                            ? _("The seasons could not be loaded.") : NULL,
                            error);
  if (self->dates_state != state)
    {
      self->dates_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATES_STATE]);
    }
}

static void
seasons_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seasons = NULL;
  g_autoptr(SfSeasonsSection) self = NULL;

  seasons = sf_tvmaze_client_get_seasons_finish (SF_TVMAZE_CLIENT (source), result, &error);
  /* A failure here is the dates' own state, not the section's. */
  self = sf_section_request_finish (request, seasons, error, NULL);
  if (self == NULL)
    return;

  if (seasons == NULL)
    {
      set_dates_state (self, SF_PAGE_SECTION_FAILED, error);
      return;
    }

  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  self->seasons = g_steal_pointer (&seasons);

  /* Rows made already get their names and dates now; the others when they are made. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      SfSeasonRow *row = self->rows->pdata[i];

      sf_season_row_set_season (row, find_season (self, sf_season_row_get_number (row)));
    }

  set_dates_state (self, SF_PAGE_SECTION_LOADED, NULL);
}

static void
start_dates (SfSeasonsSection *self)
{
  SfPageSection *section = SF_PAGE_SECTION (self);

  set_dates_state (self, SF_PAGE_SECTION_LOADING, NULL);
  sf_page_section_fetch (section, sf_tvmaze_client_get_seasons_async, seasons_loaded_cb);
}

static void
episodes_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(SfSeasonsSection) self = NULL;

  episodes = sf_tvmaze_client_get_episodes_finish (SF_TVMAZE_CLIENT (source), result, &error);
  self = sf_section_request_finish (request, episodes, error,
                                    _("The episodes could not be loaded."));
  if (self == NULL)
    return;

  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->episodes = g_steal_pointer (&episodes);
  /* One pass over the list: cheap even for a thousand episodes. */
  self->groups = sf_episode_list_group_by_season (self->episodes);

  update_building (self);
  queue_build (self);
  sf_page_section_set_state (SF_PAGE_SECTION (self),
                             self->groups->len == 0 ? SF_PAGE_SECTION_EMPTY
                                                    : SF_PAGE_SECTION_LOADED);
}

static void
start_episodes (SfSeasonsSection *self)
{
  SfPageSection *section = SF_PAGE_SECTION (self);

  sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);
  sf_page_section_fetch (section, sf_tvmaze_client_get_episodes_async, episodes_loaded_cb);
}

static void
sf_seasons_section_add_steps (SfPageSection *section,
                              SfRowBuilder  *builder)
{
  sf_row_builder_add_step (builder, PRIORITY_DOOMED, remove_doomed_step, section);
  sf_row_builder_add_step (builder, PRIORITY_EXPANDED, build_expanded_step, section);
  sf_row_builder_add_step (builder, PRIORITY_SEASONS, build_season_step, section);
}

static void
sf_seasons_section_load (SfPageSection *section)
{
  SfSeasonsSection *self = SF_SEASONS_SECTION (section);

  start_episodes (self);
  start_dates (self);
}

static void
sf_seasons_section_retry (SfPageSection *section)
{
  SfSeasonsSection *self = SF_SEASONS_SECTION (section);

  if (sf_page_section_get_state (section) == SF_PAGE_SECTION_FAILED)
    start_episodes (self);
  /* The episodes' error stood for both; otherwise the note was the seasons'. */
  if (self->dates_state == SF_PAGE_SECTION_FAILED)
    start_dates (self);
}

static void
sf_seasons_section_stop (SfPageSection *section)
{
  SfSeasonsSection *self = SF_SEASONS_SECTION (section);

  g_queue_clear (&self->expanded);
}

static void
sf_seasons_section_clear (SfPageSection *section)
{
  SfSeasonsSection *self = SF_SEASONS_SECTION (section);

  g_queue_clear (&self->expanded);

  /* Destroying a long show's rows at once would hold the main loop: they are hidden now and
   * destroyed a few at a time by the row builder. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      gtk_widget_set_visible (self->rows->pdata[i], FALSE);
      g_ptr_array_add (self->doomed, self->rows->pdata[i]);
    }
  g_ptr_array_set_size (self->rows, 0);
  if (self->doomed->len > 0)
    queue_build (self);

  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  update_building (self);
  set_dates_state (self, SF_PAGE_SECTION_NONE, NULL);
}

GPtrArray *
sf_seasons_section_get_episodes (SfSeasonsSection *self)
{
  g_return_val_if_fail (SF_IS_SEASONS_SECTION (self), NULL);

  return self->episodes;
}

SfPageSectionState
sf_seasons_section_get_dates_state (SfSeasonsSection *self)
{
  g_return_val_if_fail (SF_IS_SEASONS_SECTION (self), SF_PAGE_SECTION_NONE);

  return self->dates_state;
}

static void
sf_seasons_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SfSeasonsSection *self = SF_SEASONS_SECTION (object);

  switch (prop_id)
    {
    case PROP_DATES_STATE:
      g_value_set_enum (value, self->dates_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_seasons_section_dispose (GObject *object)
{
  SfSeasonsSection *self = SF_SEASONS_SECTION (object);

  g_queue_clear (&self->expanded);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->doomed, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_SEASONS_SECTION);

  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (sf_seasons_section_parent_class)->dispose (object);
}

static void
sf_seasons_section_finalize (GObject *object)
{
  SfSeasonsSection *self = SF_SEASONS_SECTION (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->doomed);
  g_time_zone_unref (self->zone);

  G_OBJECT_CLASS (sf_seasons_section_parent_class)->finalize (object);
}

static void
sf_seasons_section_class_init (SfSeasonsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SfPageSectionClass *section_class = SF_PAGE_SECTION_CLASS (klass);

  object_class->get_property = sf_seasons_section_get_property;
  object_class->dispose = sf_seasons_section_dispose;
  object_class->finalize = sf_seasons_section_finalize;
  section_class->load = sf_seasons_section_load;
  section_class->add_steps = sf_seasons_section_add_steps;
  section_class->clear = sf_seasons_section_clear;
  section_class->stop = sf_seasons_section_stop;
  section_class->retry = sf_seasons_section_retry;

  properties[PROP_DATES_STATE] =
    g_param_spec_enum ("dates-state", NULL, NULL, SF_TYPE_PAGE_SECTION_STATE,
                       SF_PAGE_SECTION_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-seasons-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SfSeasonsSection, season_list);

  /* Class setup (templates compiled, CSS nodes named) happens now, with the window, rather
   * than in the middle of filling a page in. */
  g_type_class_unref (g_type_class_ref (SF_TYPE_SEASON_ROW));
  g_type_class_unref (g_type_class_ref (SF_TYPE_EPISODE_ROW));
}

static void
sf_seasons_section_init (SfSeasonsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zone = g_time_zone_new_local ();
  self->rows = g_ptr_array_new ();
  self->doomed = g_ptr_array_new ();
  g_queue_init (&self->expanded);
}
