/* sf-season-row.c: one season, expanding to its episodes
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "sf-episode-row.h"
#include "sf-season-row.h"

struct _SfSeasonRow
{
  GtkListBoxRow   parent_instance;

  /* template widgets */
  GtkWidget      *box;
  GtkListBoxRow  *header_row;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkRevealer    *revealer;
  GtkListBox     *episode_list;

  /* owned */
  GPtrArray      *episodes;      /* SfEpisode, in airing order */
  SfSeason       *season;        /* nullable */
  GPtrArray      *rows;          /* SfEpisodeRow, borrowed (children of episode_list) */

  int             number;
  guint           n_regular;
  guint           n_specials;
  gboolean        expanded;
};

G_DEFINE_FINAL_TYPE (SfSeasonRow, sf_season_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
header_activated_cb (SfSeasonRow   *self,
                     GtkListBoxRow *row)
{
  sf_season_row_set_expanded (self, !self->expanded);
}

static void
episode_activated_cb (SfSeasonRow   *self,
                      GtkListBoxRow *row)
{
  SfEpisodeRow *episode = SF_EPISODE_ROW (row);

  sf_episode_row_set_expanded (episode, !sf_episode_row_get_expanded (episode));
}

static void
sf_season_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SfSeasonRow *self = SF_SEASON_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_season_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SfSeasonRow *self = SF_SEASON_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      sf_season_row_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_season_row_dispose (GObject *object)
{
  SfSeasonRow *self = SF_SEASON_ROW (object);

  /* The row holds its child itself: let it go first, or the row would unparent it again
   * after the template did. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_SEASON_ROW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_object (&self->season);

  G_OBJECT_CLASS (sf_season_row_parent_class)->dispose (object);
}

static void
sf_season_row_class_init (SfSeasonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_season_row_dispose;
  object_class->get_property = sf_season_row_get_property;
  object_class->set_property = sf_season_row_set_property;

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-season-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SfSeasonRow, box);
  gtk_widget_class_bind_template_child (widget_class, SfSeasonRow, header_row);
  gtk_widget_class_bind_template_child (widget_class, SfSeasonRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SfSeasonRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SfSeasonRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, SfSeasonRow, episode_list);
  gtk_widget_class_bind_template_callback (widget_class, header_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, episode_activated_cb);
}

static void
sf_season_row_init (SfSeasonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* "1991", "1991–1992" from "YYYY-MM-DD" dates, or NULL */
static char *
dup_years_text (SfSeason *season)
{
  const char *premiere = season != NULL ? sf_season_get_premiere_date (season) : NULL;
  const char *end = season != NULL ? sf_season_get_end_date (season) : NULL;
  int first = premiere != NULL ? atoi (premiere) : 0;
  int last = end != NULL ? atoi (end) : 0;

  if (first <= 0)
    return NULL;
  if (last <= first)
    return g_strdup_printf ("%d", first);

  return g_strdup_printf ("%d–%d", first, last);
}

static void
update_text (SfSeasonRow *self)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *years = dup_years_text (self->season);
  const char *name = self->season != NULL ? sf_season_get_name (self->season) : NULL;

  if (self->number > 0)
    /* Translators: a season's title, e.g. "Season 3" */
    title = g_strdup_printf (_("Season %d"), self->number);
  else
    title = g_strdup (_("Other Episodes"));
  /* A season's own name comes from the internet: the label shows plain text. */
  if (name != NULL)
    {
      char *named = g_strdup_printf ("%s: %s", title, name);

      g_free (title);
      title = named;
    }
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), name != NULL ? title : NULL);

  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u episode", "%u episodes",
                                                 self->n_regular), self->n_regular);
  if (self->n_specials > 0)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u special",
                                                     "%u specials", self->n_specials),
                              self->n_specials);
    }
  if (years != NULL)
    g_string_append_printf (subtitle, " · %s", years);
  gtk_label_set_text (self->subtitle_label, subtitle->str);
}

GtkWidget *
sf_season_row_new (SfEpisodeGroup *group)
{
  SfSeasonRow *self;

  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (SF_TYPE_SEASON_ROW, NULL);
  self->episodes = g_ptr_array_ref (group->episodes);
  self->number = group->season;
  self->n_regular = group->n_regular;
  self->n_specials = group->n_specials;
  gtk_widget_set_sensitive (GTK_WIDGET (self->header_row), self->episodes->len > 0);
  update_text (self);

  return GTK_WIDGET (self);
}

int
sf_season_row_get_number (SfSeasonRow *self)
{
  g_return_val_if_fail (SF_IS_SEASON_ROW (self), 0);

  return self->number;
}

void
sf_season_row_set_season (SfSeasonRow *self,
                          SfSeason    *season)
{
  g_return_if_fail (SF_IS_SEASON_ROW (self));
  g_return_if_fail (season == NULL || SF_IS_SEASON (season));

  if (g_set_object (&self->season, season))
    update_text (self);
}

gboolean
sf_season_row_get_expanded (SfSeasonRow *self)
{
  g_return_val_if_fail (SF_IS_SEASON_ROW (self), FALSE);

  return self->expanded;
}

void
sf_season_row_set_expanded (SfSeasonRow *self,
                            gboolean     expanded)
{
  g_return_if_fail (SF_IS_SEASON_ROW (self));

  expanded = !!expanded && self->episodes->len > 0;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;
  /* Opening waits for the episode rows (see sf_season_row_build_next()): they are made while
   * out of sight, then shown with one animation, not one repaint per slice of rows. */
  gtk_revealer_set_reveal_child (self->revealer,
                                 expanded && self->rows->len == self->episodes->len);
  if (expanded)
    gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_CHECKED, FALSE);
  else
    gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_CHECKED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->header_row),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

gboolean
sf_season_row_needs_build (SfSeasonRow *self)
{
  g_return_val_if_fail (SF_IS_SEASON_ROW (self), FALSE);

  return self->expanded && self->rows->len < self->episodes->len;
}

gboolean
sf_season_row_build_next (SfSeasonRow *self,
                          GTimeZone   *zone)
{
  GtkWidget *row;

  g_return_val_if_fail (SF_IS_SEASON_ROW (self), FALSE);

  if (self->rows->len >= self->episodes->len)
    return FALSE;

  row = sf_episode_row_new (g_ptr_array_index (self->episodes, self->rows->len), zone);
  gtk_list_box_append (self->episode_list, row);
  g_ptr_array_add (self->rows, row);

  if (self->rows->len < self->episodes->len)
    return TRUE;

  if (self->expanded)
    gtk_revealer_set_reveal_child (self->revealer, TRUE);
  return FALSE;
}

guint
sf_season_row_get_n_episodes (SfSeasonRow *self)
{
  g_return_val_if_fail (SF_IS_SEASON_ROW (self), 0);

  return self->episodes->len;
}

guint
sf_season_row_get_n_built (SfSeasonRow *self)
{
  g_return_val_if_fail (SF_IS_SEASON_ROW (self), 0);

  return self->rows->len;
}

GtkWidget *
sf_season_row_get_episode_row (SfSeasonRow *self,
                               guint        index)
{
  g_return_val_if_fail (SF_IS_SEASON_ROW (self), NULL);

  if (index >= self->rows->len)
    return NULL;

  return g_ptr_array_index (self->rows, index);
}
