/* sf-facet-group.c: the chips of one facet, with their counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-criteria-text.h"
#include "sf-facet-group.h"
#include "sf-wrap-layout.h"

#define N_LANGUAGES        20
/* Room for a count before the catalog has said how wide its counts get ("12,345"): the first
 * counts, which come with the first criterion, then do not re-wrap the chips under the
 * pointer. */
#define DEFAULT_COUNT_CHARS 5

/* Shown until the catalog says which languages it holds (TVmaze's commonest). */
static const char * const fallback_languages[] = {
  "English", "Japanese", "Spanish", "Korean", "Chinese", "French", "German", "Russian",
  "Portuguese", "Italian", "Hindi", "Swedish", NULL
};

struct _SfFacetGroup
{
  GtkWidget   parent_instance;

  SfCriterion criterion;
};

G_DEFINE_FINAL_TYPE (SfFacetGroup, sf_facet_group, GTK_TYPE_WIDGET)

enum
{
  CHIP_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
contains_nocase (const char * const *values,
                 const char         *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (values[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
array_contains_nocase (GPtrArray  *values,
                       const char *value)
{
  for (guint i = 0; i < values->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (values, i), value) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The chips, in order */
static GPtrArray *
chips_of (SfFacetGroup *self)
{
  GPtrArray *items = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (items, child);

  return items;
}

static void
remove_all (SfFacetGroup *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

/* The values the group should show, in order: the known ones, the catalog's, the
 * criteria's. */
static GPtrArray *
wanted_values (SfFacetGroup     *self,
               const SfCriteria *criteria,
               GPtrArray        *universe)
{
  SfCriterion criterion = self->criterion;
  GPtrArray *values = g_ptr_array_new ();
  const char * const *known = sf_criteria_get_known_values (criterion);
  guint n_universe = 0;

  for (guint i = 0; known[i] != NULL; i++)
    g_ptr_array_add (values, (gpointer) known[i]);

  /* The catalog's values by count, highest first: every other one for the open sets, the
   * commonest languages. */
  for (guint i = 0; universe != NULL && i < universe->len; i++)
    {
      SfFacetCount *count = g_ptr_array_index (universe, i);

      if (count->criterion != criterion || array_contains_nocase (values, count->value))
        continue;
      if (criterion == SF_CRITERION_LANGUAGE && n_universe >= N_LANGUAGES)
        continue;
      g_ptr_array_add (values, count->value);
      n_universe++;
    }

  if (criterion == SF_CRITERION_LANGUAGE && n_universe == 0)
    {
      for (guint i = 0; fallback_languages[i] != NULL; i++)
        g_ptr_array_add (values, (gpointer) fallback_languages[i]);
    }

  /* Whatever the criteria hold gets a chip too, so it can be seen and taken away. */
  if (criterion == SF_CRITERION_GENRES_ALL)
    {
      static const SfCriterion genre_lists[] = {
        SF_CRITERION_GENRES_ALL, SF_CRITERION_GENRES_ANY, SF_CRITERION_GENRES_EXCLUDE,
      };

      for (guint l = 0; l < G_N_ELEMENTS (genre_lists); l++)
        {
          const char * const *set = sf_criteria_get_values (criteria, genre_lists[l]);

          for (guint i = 0; set[i] != NULL; i++)
            if (!array_contains_nocase (values, set[i]))
              g_ptr_array_add (values, (gpointer) set[i]);
        }
    }
  else
    {
      const char * const *set = sf_criteria_get_values (criteria, criterion);

      for (guint i = 0; set[i] != NULL; i++)
        if (!array_contains_nocase (values, set[i]))
          g_ptr_array_add (values, (gpointer) set[i]);
    }

  return values;
}

static SfFilterChipState
chip_state (SfFacetGroup     *self,
            const SfCriteria *criteria,
            const char       *value)
{
  if (self->criterion == SF_CRITERION_GENRES_ALL)
    {
      if (contains_nocase (sf_criteria_get_values (criteria, SF_CRITERION_GENRES_EXCLUDE), value))
        return SF_FILTER_CHIP_EXCLUDED;
      if (contains_nocase (sf_criteria_get_values (criteria, SF_CRITERION_GENRES_ANY), value))
        return SF_FILTER_CHIP_INCLUDED;
    }

  return contains_nocase (sf_criteria_get_values (criteria, self->criterion), value)
           ? SF_FILTER_CHIP_INCLUDED : SF_FILTER_CHIP_NEUTRAL;
}

static void
chip_toggled_cb (SfFilterChip *chip,
                 SfFacetGroup *self)
{
  g_signal_emit (self, signals[CHIP_TOGGLED], 0, chip);
}

void
sf_facet_group_sync (SfFacetGroup     *self,
                     const SfCriteria *criteria,
                     GPtrArray        *universe,
                     gboolean          rebuild)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) chips = NULL;
  gboolean same = TRUE;

  g_return_if_fail (SF_IS_FACET_GROUP (self));
  g_return_if_fail (criteria != NULL);

  values = wanted_values (self, criteria, universe);
  chips = chips_of (self);

  if (!rebuild)
    {
      /* Keep what is shown; add what is new. */
      for (guint i = 0; i < chips->len; i++)
        {
          const char *value = sf_filter_chip_get_value (g_ptr_array_index (chips, i));

          if (!array_contains_nocase (values, value))
            g_ptr_array_add (values, (gpointer) value);
        }
    }

  if (values->len != chips->len)
    same = FALSE;
  for (guint i = 0; same && i < values->len; i++)
    {
      /* The same set in another order (languages by count during a sync) stays as it is. */
      gboolean found = FALSE;

      for (guint j = 0; j < chips->len && !found; j++)
        found = g_ascii_strcasecmp (g_ptr_array_index (values, i),
                                    sf_filter_chip_get_value (g_ptr_array_index (chips, j))) == 0;
      same = found;
    }

  if (!same)
    {
      /* The values point into the chips about to go. */
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) wanted = NULL;

      for (guint i = 0; i < values->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (values, i));
      wanted = g_strv_builder_end (builder);

      g_ptr_array_set_size (chips, 0);
      remove_all (self);
      for (guint i = 0; wanted[i] != NULL; i++)
        {
          GtkWidget *chip = sf_filter_chip_new (self->criterion, wanted[i],
                                                self->criterion == SF_CRITERION_GENRES_ALL);

          g_signal_connect (chip, "toggled", G_CALLBACK (chip_toggled_cb), self);
          gtk_widget_set_parent (chip, GTK_WIDGET (self));
          g_ptr_array_add (chips, chip);
        }
    }

  for (guint i = 0; i < chips->len; i++)
    {
      SfFilterChip *chip = g_ptr_array_index (chips, i);

      sf_filter_chip_set_state (chip, chip_state (self, criteria,
                                                  sf_filter_chip_get_value (chip)));
    }
}

/* The widest count a chip of the group can show: a value's count without criteria is the
 * most it ever counts. Every chip of the group gets that room, so counts never re-wrap the
 * chips. */
static int
widest_count_chars (SfFacetGroup *self,
                    GPtrArray    *universe)
{
  guint widest = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; universe != NULL && i < universe->len; i++)
    {
      SfFacetCount *count = g_ptr_array_index (universe, i);

      if (count->criterion == self->criterion)
        widest = MAX (widest, count->count);
    }
  if (widest == 0)
    return 0;

  text = g_strdup_printf ("%'u", widest);
  return (int) g_utf8_strlen (text, -1);
}

void
sf_facet_group_update_counts (SfFacetGroup *self,
                              SfSearch     *search,
                              GPtrArray    *universe,
                              gboolean      counting)
{
  g_autoptr(GPtrArray) chips = NULL;
  int chars;

  g_return_if_fail (SF_IS_FACET_GROUP (self));

  chips = chips_of (self);
  chars = widest_count_chars (self, universe);
  if (chars == 0 && counting)
    chars = DEFAULT_COUNT_CHARS;

  for (guint i = 0; i < chips->len; i++)
    {
      SfFilterChip *chip = g_ptr_array_index (chips, i);
      int count = -1;

      if (search != NULL)
        count = sf_search_get_facet_count (search, self->criterion,
                                           sf_filter_chip_get_value (chip));
      sf_filter_chip_set_count_chars (chip, chars);
      sf_filter_chip_set_count (chip, count);
    }
}

void
sf_facet_group_set_criterion (SfFacetGroup *self,
                              SfCriterion   criterion)
{
  g_return_if_fail (SF_IS_FACET_GROUP (self));

  if (self->criterion == criterion)
    return;

  self->criterion = criterion;
  remove_all (self);
}

SfCriterion
sf_facet_group_get_criterion (SfFacetGroup *self)
{
  g_return_val_if_fail (SF_IS_FACET_GROUP (self), SF_CRITERION_GENRES_ALL);

  return self->criterion;
}

static void
sf_facet_group_dispose (GObject *object)
{
  remove_all (SF_FACET_GROUP (object));

  G_OBJECT_CLASS (sf_facet_group_parent_class)->dispose (object);
}

static void
sf_facet_group_class_init (SfFacetGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_facet_group_dispose;

  /**
   * SfFacetGroup::chip-toggled:
   * @chip: the #SfFilterChip the person changed (its new state is set)
   */
  signals[CHIP_TOGGLED] = g_signal_new ("chip-toggled", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, SF_TYPE_FILTER_CHIP);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "facetgroup");
}

static void
sf_facet_group_init (SfFacetGroup *self)
{
  self->criterion = SF_CRITERION_GENRES_ALL;
  /* Chips wrap like words (see sf-wrap-layout.h). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), sf_wrap_layout_new (6));
}

GtkWidget *
sf_facet_group_new (SfCriterion criterion)
{
  SfFacetGroup *self = g_object_new (SF_TYPE_FACET_GROUP, NULL);

  self->criterion = criterion;
  return GTK_WIDGET (self);
}
