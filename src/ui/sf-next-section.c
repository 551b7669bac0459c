/* sf-next-section.c: the next and previous episodes of a series
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-next-section.h"
#include "sf-schedule.h"
#include "sf-show-details.h"
#include "sf-tvmaze-details.h"

struct _SfNextSection
{
  SfPageSection       parent_instance;

  /* template widgets */
  GtkLabel           *next_label;
  GtkLabel           *previous_label;

  /* owned */
  GTimeZone          *zone;              /* the person's */
  SfShow             *show;              /* nullable: TVmaze's, once fetched */
  GPtrArray          *episodes;          /* nullable: SfEpisode */
  SfEpisode          *next_episode;      /* nullable */
  SfEpisode          *previous_episode;  /* nullable */

  SfPageSectionState  episodes_state;
  guint               pending;           /* /episodes/ID requests in flight */
};

G_DEFINE_FINAL_TYPE (SfNextSection, sf_next_section, SF_TYPE_PAGE_SECTION)

static void
update_visible (SfNextSection *self)
{
  /* Only once TVmaze's own show says there is a next or previous episode. */
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->show != NULL &&
                          (sf_show_get_next_episode_id (self->show) != 0 ||
                           sf_show_get_previous_episode_id (self->show) != 0));
}

static void
display (SfNextSection *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  SfEpisode *upcoming = NULL;
  SfEpisode *latest = NULL;

  /* A "next" episode that has aired is the latest one, as in the watchlist. */
  sf_schedule_pick_episodes (self->next_episode, self->previous_episode, now, self->zone,
                             &upcoming, &latest);

  if (upcoming != NULL)
    {
      g_autofree char *text = sf_schedule_dup_next_text (upcoming, now, self->zone);

      gtk_label_set_text (self->next_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), upcoming != NULL);

  if (latest != NULL)
    {
      g_autofree char *text = sf_schedule_dup_latest_text (latest, now, self->zone);

      gtk_label_set_text (self->previous_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->previous_label), latest != NULL);
  /* The latest episode is dimmed beside a next one, not when it is the only news. */
  if (upcoming != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->previous_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->previous_label), "dim-label");
}

static void
episode_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfEpisode) episode = NULL;
  g_autoptr(SfNextSection) self = NULL;
  gboolean is_next = GPOINTER_TO_INT (sf_section_request_get_data (request));

  episode = sf_tvmaze_client_get_episode_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if ((self = sf_section_request_dup_section (request)) == NULL)
    return;

  g_assert (self->pending > 0);
  self->pending--;

  if (episode == NULL)
    {
      sf_page_section_fail (SF_PAGE_SECTION (self),
                            _("The next and previous episodes could not be loaded."), error);
      return;
    }

  g_set_object (is_next ? &self->next_episode : &self->previous_episode, episode);

  if (self->pending == 0 &&
      sf_page_section_get_state (SF_PAGE_SECTION (self)) == SF_PAGE_SECTION_LOADING)
    {
      display (self);
      sf_page_section_set_state (SF_PAGE_SECTION (self), SF_PAGE_SECTION_LOADED);
    }
}

static void
fetch_episode (SfNextSection *self,
               gint64         id,
               gboolean       is_next)
{
  SfPageSection *section = SF_PAGE_SECTION (self);

  self->pending++;
  sf_tvmaze_client_get_episode_async (sf_page_section_get_client (section), id,
                                      sf_page_section_get_cancellable (section),
                                      episode_loaded_cb,
                                      sf_section_request_new (section, GINT_TO_POINTER (is_next),
                                                              NULL));
}

/* Finds the next and previous episodes among the episodes, asking TVmaze for those that are
 * not there (or when the episodes could not be loaded). Waits for the show's own links and,
 * while they are on their way, for the episodes. */
static void
resolve (SfNextSection *self)
{
  SfPageSection *section = SF_PAGE_SECTION (self);
  gint64 next_id;
  gint64 previous_id;

  if (self->show == NULL || sf_page_section_get_state (section) != SF_PAGE_SECTION_LOADING ||
      self->pending > 0 || self->episodes_state == SF_PAGE_SECTION_LOADING ||
      sf_page_section_get_cancellable (section) == NULL)
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

  if (self->pending == 0)
    {
      display (self);
      sf_page_section_set_state (section, SF_PAGE_SECTION_LOADED);
    }
}

void
sf_next_section_set_show (SfNextSection      *self,
                          SfShow             *show,
                          SfPageSectionState  show_state)
{
  SfPageSection *section = SF_PAGE_SECTION (self);
  SfPageSectionState state = sf_page_section_get_state (section);

  g_return_if_fail (SF_IS_NEXT_SECTION (self));

  /* A card's show has no links: only TVmaze's counts. */
  if (show_state != SF_PAGE_SECTION_LOADED)
    show = NULL;
  g_set_object (&self->show, show);
  update_visible (self);

  if (show_state == SF_PAGE_SECTION_FAILED && state == SF_PAGE_SECTION_LOADING)
    sf_page_section_set_state (section, SF_PAGE_SECTION_NONE);
  else if (show_state == SF_PAGE_SECTION_LOADING && state == SF_PAGE_SECTION_NONE &&
           sf_page_section_get_cancellable (section) != NULL)
    sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);

  resolve (self);
}

void
sf_next_section_set_episodes (SfNextSection      *self,
                              GPtrArray          *episodes,
                              SfPageSectionState  episodes_state)
{
  g_return_if_fail (SF_IS_NEXT_SECTION (self));

  if (episodes != self->episodes)
    {
      g_clear_pointer (&self->episodes, g_ptr_array_unref);
      self->episodes = episodes != NULL ? g_ptr_array_ref (episodes) : NULL;
    }
  self->episodes_state = episodes_state;

  resolve (self);
}

static void
sf_next_section_load (SfPageSection *section)
{
  sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);
  resolve (SF_NEXT_SECTION (section));
}

static void
sf_next_section_retry (SfPageSection *section)
{
  SfNextSection *self = SF_NEXT_SECTION (section);

  if (sf_page_section_get_state (section) != SF_PAGE_SECTION_FAILED || self->pending > 0)
    return;

  sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);
  resolve (self);
}

static void
sf_next_section_clear (SfPageSection *section)
{
  SfNextSection *self = SF_NEXT_SECTION (section);

  g_clear_object (&self->show);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_object (&self->next_episode);
  g_clear_object (&self->previous_episode);
  self->episodes_state = SF_PAGE_SECTION_NONE;
  self->pending = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_label), FALSE);
  update_visible (self);
}

static void
sf_next_section_dispose (GObject *object)
{
  SfNextSection *self = SF_NEXT_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_NEXT_SECTION);
  g_clear_object (&self->show);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_object (&self->next_episode);
  g_clear_object (&self->previous_episode);

  G_OBJECT_CLASS (sf_next_section_parent_class)->dispose (object);
}

static void
sf_next_section_finalize (GObject *object)
{
  SfNextSection *self = SF_NEXT_SECTION (object);

  g_time_zone_unref (self->zone);

  G_OBJECT_CLASS (sf_next_section_parent_class)->finalize (object);
}

static void
sf_next_section_class_init (SfNextSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SfPageSectionClass *section_class = SF_PAGE_SECTION_CLASS (klass);

  object_class->dispose = sf_next_section_dispose;
  object_class->finalize = sf_next_section_finalize;
  section_class->load = sf_next_section_load;
  section_class->clear = sf_next_section_clear;
  section_class->retry = sf_next_section_retry;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-next-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SfNextSection, next_label);
  gtk_widget_class_bind_template_child (widget_class, SfNextSection, previous_label);
}

static void
sf_next_section_init (SfNextSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zone = g_time_zone_new_local ();
}
