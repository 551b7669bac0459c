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
  AdwExpanderRow  parent_instance;

  /* owned */
  GPtrArray      *episodes;      /* SfEpisode, in airing order */
  SfSeason       *season;        /* nullable */
  GPtrArray      *rows;          /* SfEpisodeRow, borrowed (children of our list) */

  int             number;
  guint           n_regular;
  guint           n_specials;
};

G_DEFINE_FINAL_TYPE (SfSeasonRow, sf_season_row, ADW_TYPE_EXPANDER_ROW)

static void
sf_season_row_dispose (GObject *object)
{
  SfSeasonRow *self = SF_SEASON_ROW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_object (&self->season);

  G_OBJECT_CLASS (sf_season_row_parent_class)->dispose (object);
}

static void
sf_season_row_class_init (SfSeasonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_season_row_dispose;
}

static void
sf_season_row_init (SfSeasonRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sf-season-row");
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
  /* A season's own name comes from the internet, and the row shows plain text. */
  if (name != NULL)
    {
      char *named = g_strdup_printf ("%s: %s", title, name);

      g_free (title);
      title = named;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);

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
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);
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
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), self->episodes->len > 0);
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
sf_season_row_needs_build (SfSeasonRow *self)
{
  g_return_val_if_fail (SF_IS_SEASON_ROW (self), FALSE);

  return adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)) &&
         self->rows->len < self->episodes->len;
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
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  g_ptr_array_add (self->rows, row);

  return self->rows->len < self->episodes->len;
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
