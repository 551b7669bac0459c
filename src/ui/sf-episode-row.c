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
  AdwExpanderRow  parent_instance;

  /* owned */
  SfEpisode      *episode;

  /* borrowed: a row of our own expander, created on first expansion */
  GtkLabel       *summary_label;
};

G_DEFINE_FINAL_TYPE (SfEpisodeRow, sf_episode_row, ADW_TYPE_EXPANDER_ROW)

static void
expanded_changed_cb (SfEpisodeRow *self)
{
  g_autofree char *markup = NULL;
  GtkWidget *label;

  if (self->summary_label != NULL ||
      !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return;

  /* sf_markup_from_html() escapes every bit of text, so its output is safe markup. */
  markup = sf_markup_from_html (sf_episode_get_summary_html (self->episode));
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "sf-episode-summary");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), label);
  self->summary_label = GTK_LABEL (label);
}

static void
sf_episode_row_dispose (GObject *object)
{
  SfEpisodeRow *self = SF_EPISODE_ROW (object);

  self->summary_label = NULL;
  g_clear_object (&self->episode);

  G_OBJECT_CLASS (sf_episode_row_parent_class)->dispose (object);
}

static void
sf_episode_row_class_init (SfEpisodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_episode_row_dispose;
}

static void
sf_episode_row_init (SfEpisodeRow *self)
{
  /* Titles come from the internet: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sf-episode-row");
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_changed_cb), NULL);
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

  g_return_val_if_fail (SF_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  self = g_object_new (SF_TYPE_EPISODE_ROW, NULL);
  self->episode = g_object_ref (episode);

  name = sf_episode_get_name (episode);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 name != NULL ? name : _("Untitled Episode"));

  /* "S03E04 · Tue 12 Mar 2019, 21:00 · 22 min · ★ 7.5"; specials say "Special". */
  code = sf_episode_dup_code (episode);
  g_string_append (subtitle, code);
  air = dup_air_text (episode, zone);
  if (air != NULL)
    g_string_append_printf (subtitle, " · %s", air);
  if (sf_episode_get_runtime (episode) > 0)
    {
      g_string_append (subtitle, " · ");
      /* Translators: an episode's runtime in minutes */
      g_string_append_printf (subtitle, _("%d min"), sf_episode_get_runtime (episode));
    }
  if (sf_episode_has_rating (episode))
    g_string_append_printf (subtitle, " · ★ %.1f", sf_episode_get_rating (episode));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);

  if (sf_episode_is_special (episode))
    gtk_widget_add_css_class (GTK_WIDGET (self), "special");

  /* Nothing to reveal without a summary. */
  summary = sf_episode_get_summary_html (episode);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self),
                                         summary != NULL && summary[0] != '\0');

  return GTK_WIDGET (self);
}

SfEpisode *
sf_episode_row_get_episode (SfEpisodeRow *self)
{
  g_return_val_if_fail (SF_IS_EPISODE_ROW (self), NULL);

  return self->episode;
}

GtkLabel *
sf_episode_row_get_summary_label (SfEpisodeRow *self)
{
  g_return_val_if_fail (SF_IS_EPISODE_ROW (self), NULL);

  return self->summary_label;
}
