/* sf-episode-row.c: one episode in a season's list, its summary made on demand
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-episode-row.h"
#include "sf-markup.h"

struct _SfEpisodeRow
{
  GtkListBoxRow  parent_instance;

  /* template widgets */
  GtkWidget     *box;
  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkWidget     *arrow;

  /* owned */
  SfEpisode     *episode;

  /* borrowed: a child of box, made on first expansion */
  GtkLabel      *summary_label;

  gboolean       expanded;
};

G_DEFINE_FINAL_TYPE (SfEpisodeRow, sf_episode_row, GTK_TYPE_LIST_BOX_ROW)

static void
sf_episode_row_dispose (GObject *object)
{
  SfEpisodeRow *self = SF_EPISODE_ROW (object);

  /* The row holds its child itself: let it go first, or the row would unparent it again
   * after the template did. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_EPISODE_ROW);
  self->summary_label = NULL;
  g_clear_object (&self->episode);

  G_OBJECT_CLASS (sf_episode_row_parent_class)->dispose (object);
}

static void
sf_episode_row_class_init (SfEpisodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_episode_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-episode-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SfEpisodeRow, box);
  gtk_widget_class_bind_template_child (widget_class, SfEpisodeRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SfEpisodeRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SfEpisodeRow, arrow);
}

static void
sf_episode_row_init (SfEpisodeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "Tue 12 Mar 2019, 21:00" in @zone, the date alone when TVmaze has no time, or NULL. */
static char *
dup_air_text (SfEpisode *episode,
              GTimeZone *zone)
{
  g_autoptr(GDateTime) local = sf_episode_dup_local_airtime (episode, zone);
  g_autoptr(GDate) date = NULL;
  char buffer[128];

  if (local != NULL)
    /* Translators: an episode's air date and time, see g_date_time_format() */
    return g_date_time_format (local, _("%a %-d %b %Y, %H:%M"));

  date = sf_episode_dup_air_date (episode, zone);
  if (date == NULL)
    return NULL;
  /* Translators: an episode's air date, see strftime() */
  if (g_date_strftime (buffer, sizeof buffer, _("%a %-d %b %Y"), date) == 0)
    return NULL;

  return g_strdup (buffer);
}

GtkWidget *
sf_episode_row_new (SfEpisode *episode,
                    GTimeZone *zone)
{
  SfEpisodeRow *self;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *code = NULL;
  g_autofree char *air = NULL;
  const char *name;
  const char *summary;
  gboolean has_summary;

  g_return_val_if_fail (SF_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  self = g_object_new (SF_TYPE_EPISODE_ROW, NULL);
  self->episode = g_object_ref (episode);

  /* Names come from the internet: plain text. The row's labels are cut rather than wrapped
   * (wrapping labels in rows cost a long show tens of milliseconds of layout): the whole
   * name is in the tooltip. */
  name = sf_episode_get_name (episode);
  gtk_label_set_text (self->title_label, name != NULL ? name : _("Untitled Episode"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), name);

  /* "S03E04 · Tue 12 Mar 2019, 21:00", then "22 min · ★ 7.5" on a second line so that a
   * narrow window does not cut it off; specials say "Special". */
  code = sf_episode_dup_code (episode);
  g_string_append (subtitle, code);
  air = dup_air_text (episode, zone);
  if (air != NULL)
    g_string_append_printf (subtitle, " · %s", air);
  if (sf_episode_get_runtime (episode) > 0 || sf_episode_has_rating (episode))
    g_string_append_c (subtitle, '\n');
  if (sf_episode_get_runtime (episode) > 0)
    /* Translators: an episode's runtime in minutes */
    g_string_append_printf (subtitle, _("%d min"), sf_episode_get_runtime (episode));
  if (sf_episode_get_runtime (episode) > 0 && sf_episode_has_rating (episode))
    g_string_append (subtitle, " · ");
  if (sf_episode_has_rating (episode))
    g_string_append_printf (subtitle, "★ %.1f", sf_episode_get_rating (episode));
  gtk_label_set_text (self->subtitle_label, subtitle->str);

  if (sf_episode_is_special (episode))
    gtk_widget_add_css_class (GTK_WIDGET (self), "special");

  /* Nothing to reveal without a summary. */
  summary = sf_episode_get_summary_html (episode);
  has_summary = summary != NULL && summary[0] != '\0';
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), has_summary);
  gtk_widget_set_visible (self->arrow, has_summary);
  if (has_summary)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);

  return GTK_WIDGET (self);
}

SfEpisode *
sf_episode_row_get_episode (SfEpisodeRow *self)
{
  g_return_val_if_fail (SF_IS_EPISODE_ROW (self), NULL);

  return self->episode;
}

gboolean
sf_episode_row_get_expanded (SfEpisodeRow *self)
{
  g_return_val_if_fail (SF_IS_EPISODE_ROW (self), FALSE);

  return self->expanded;
}

void
sf_episode_row_set_expanded (SfEpisodeRow *self,
                             gboolean      expanded)
{
  g_return_if_fail (SF_IS_EPISODE_ROW (self));

  expanded = !!expanded;
  if (!gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (self)) || self->expanded == expanded)
    return;

  self->expanded = expanded;

  if (expanded && self->summary_label == NULL)
    {
      g_autofree char *markup = NULL;
      GtkWidget *label;

      /* sf_markup_from_html() escapes every bit of text, so its output is safe markup. */
      markup = sf_markup_from_html (sf_episode_get_summary_html (self->episode));
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "sf-episode-summary");
      gtk_box_append (GTK_BOX (self->box), label);
      self->summary_label = GTK_LABEL (label);
    }

  if (self->summary_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->summary_label), expanded);

  if (expanded)
    gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_CHECKED, FALSE);
  else
    gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_CHECKED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
}

GtkLabel *
sf_episode_row_get_summary_label (SfEpisodeRow *self)
{
  g_return_val_if_fail (SF_IS_EPISODE_ROW (self), NULL);

  return self->summary_label;
}
