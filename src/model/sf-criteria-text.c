/* sf-criteria-text.c: criteria in words, for chips and filter controls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sf-criteria-text.h"

typedef struct
{
  const char *value;   /* as TVmaze sends it */
  const char *label;   /* marked for translation, with the table's context */
} KnownValue;

/* TVmaze's lists (TVMAZE.md, Value sets). */
static const KnownValue genres[] = {
  { "Action", NC_("tv genre", "Action") },
  { "Adult", NC_("tv genre", "Adult") },
  { "Adventure", NC_("tv genre", "Adventure") },
  { "Anime", NC_("tv genre", "Anime") },
  { "Children", NC_("tv genre", "Children") },
  { "Comedy", NC_("tv genre", "Comedy") },
  { "Crime", NC_("tv genre", "Crime") },
  { "DIY", NC_("tv genre", "DIY") },
  { "Drama", NC_("tv genre", "Drama") },
  { "Espionage", NC_("tv genre", "Espionage") },
  { "Family", NC_("tv genre", "Family") },
  { "Fantasy", NC_("tv genre", "Fantasy") },
  { "Food", NC_("tv genre", "Food") },
  { "History", NC_("tv genre", "History") },
  { "Horror", NC_("tv genre", "Horror") },
  { "Legal", NC_("tv genre", "Legal") },
  { "Medical", NC_("tv genre", "Medical") },
  { "Music", NC_("tv genre", "Music") },
  { "Mystery", NC_("tv genre", "Mystery") },
  { "Nature", NC_("tv genre", "Nature") },
  { "Romance", NC_("tv genre", "Romance") },
  { "Science-Fiction", NC_("tv genre", "Science-Fiction") },
  { "Sports", NC_("tv genre", "Sports") },
  { "Supernatural", NC_("tv genre", "Supernatural") },
  { "Thriller", NC_("tv genre", "Thriller") },
  { "Travel", NC_("tv genre", "Travel") },
  { "War", NC_("tv genre", "War") },
  { "Western", NC_("tv genre", "Western") },
};

static const KnownValue statuses[] = {
  { "Running", NC_("tv show status", "Running") },
  { "Ended", NC_("tv show status", "Ended") },
  { "To Be Determined", NC_("tv show status", "To Be Determined") },
  { "In Development", NC_("tv show status", "In Development") },
};

static const KnownValue types[] = {
  { "Scripted", NC_("tv show type", "Scripted") },
  { "Animation", NC_("tv show type", "Animation") },
  { "Reality", NC_("tv show type", "Reality") },
  { "Talk Show", NC_("tv show type", "Talk Show") },
  { "Documentary", NC_("tv show type", "Documentary") },
  { "Game Show", NC_("tv show type", "Game Show") },
  { "News", NC_("tv show type", "News") },
  { "Sports", NC_("tv show type", "Sports") },
  { "Variety", NC_("tv show type", "Variety") },
  { "Award Show", NC_("tv show type", "Award Show") },
  { "Panel Show", NC_("tv show type", "Panel Show") },
};

static const char * const genre_values[] = {
  "Action", "Adult", "Adventure", "Anime", "Children", "Comedy", "Crime", "DIY", "Drama",
  "Espionage", "Family", "Fantasy", "Food", "History", "Horror", "Legal", "Medical", "Music",
  "Mystery", "Nature", "Romance", "Science-Fiction", "Sports", "Supernatural", "Thriller",
  "Travel", "War", "Western", NULL
};

static const char * const status_values[] = {
  "Running", "Ended", "To Be Determined", "In Development", NULL
};

static const char * const type_values[] = {
  "Scripted", "Animation", "Reality", "Talk Show", "Documentary", "Game Show", "News",
  "Sports", "Variety", "Award Show", "Panel Show", NULL
};

static const char * const no_values[] = { NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (genres) + 1 == G_N_ELEMENTS (genre_values));
G_STATIC_ASSERT (G_N_ELEMENTS (statuses) + 1 == G_N_ELEMENTS (status_values));
G_STATIC_ASSERT (G_N_ELEMENTS (types) + 1 == G_N_ELEMENTS (type_values));

const char * const *
sf_criteria_get_known_values (SfCriterion criterion)
{
  switch (criterion)
    {
    case SF_CRITERION_GENRES_ALL:
    case SF_CRITERION_GENRES_ANY:
    case SF_CRITERION_GENRES_EXCLUDE:
      return genre_values;
    case SF_CRITERION_STATUS:
      return status_values;
    case SF_CRITERION_TYPE:
      return type_values;
    case SF_CRITERION_TEXT:
    case SF_CRITERION_LANGUAGE:
    case SF_CRITERION_CHANNEL:
    case SF_CRITERION_COUNTRY:
    case SF_CRITERION_YEAR:
    case SF_CRITERION_RATING:
    case SF_CRITERION_RUNTIME:
    default:
      return no_values;
    }
}

static const char *
lookup_label (const KnownValue *table,
              guint             n,
              const char       *context,
              const char       *value)
{
  for (guint i = 0; i < n; i++)
    {
      /* Values compare without regard to ASCII case, as everywhere in the criteria. */
      if (g_ascii_strcasecmp (table[i].value, value) == 0)
        return g_dpgettext2 (GETTEXT_PACKAGE, context, table[i].label);
    }

  return value;
}

const char *
sf_criteria_get_value_label (SfCriterion  criterion,
                             const char  *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (criterion)
    {
    case SF_CRITERION_GENRES_ALL:
    case SF_CRITERION_GENRES_ANY:
    case SF_CRITERION_GENRES_EXCLUDE:
      return lookup_label (genres, G_N_ELEMENTS (genres), "tv genre", value);
    case SF_CRITERION_STATUS:
      return lookup_label (statuses, G_N_ELEMENTS (statuses), "tv show status", value);
    case SF_CRITERION_TYPE:
      return lookup_label (types, G_N_ELEMENTS (types), "tv show type", value);
    case SF_CRITERION_TEXT:
    case SF_CRITERION_LANGUAGE:
    case SF_CRITERION_CHANNEL:
    case SF_CRITERION_COUNTRY:
    case SF_CRITERION_YEAR:
    case SF_CRITERION_RATING:
    case SF_CRITERION_RUNTIME:
    default:
      return value;
    }
}

void
sf_criterion_label_free (SfCriterionLabel *label)
{
  if (label == NULL)
    return;

  g_free (label->value);
  g_free (label->label);
  g_free (label);
}

static void
add_label (GPtrArray   *labels,
           SfCriterion  criterion,
           const char  *value,
           char        *text)
{
  SfCriterionLabel *label = g_new0 (SfCriterionLabel, 1);

  label->criterion = criterion;
  label->value = g_strdup (value);
  label->label = text;
  g_ptr_array_add (labels, label);
}

char *
sf_criteria_format_rating (double rating)
{
  /* Halves are the finest step anyone picks; whole numbers read better without ".0". */
  if (fabs (rating - round (rating)) < 0.01)
    /* Translators: a minimum rating, "★ ≥ 7" means rated 7 of 10 or more */
    return g_strdup_printf (_("★ ≥ %.0f"), rating);

  return g_strdup_printf (_("★ ≥ %.1f"), rating);
}

static char *
format_range (int      from,
              int      to,
              gboolean minutes)
{
  if (from > 0 && to > 0 && from == to)
    return minutes ? g_strdup_printf (_("%d min"), from) : g_strdup_printf ("%d", from);

  if (from > 0 && to > 0)
    return minutes
             /* Translators: a runtime range in minutes */
             ? g_strdup_printf (_("%d–%d min"), from, to)
             /* Translators: a range of premiere years */
             : g_strdup_printf (_("%d–%d"), from, to);

  if (from > 0)
    return minutes
             /* Translators: a minimum runtime in minutes */
             ? g_strdup_printf (_("≥ %d min"), from)
             /* Translators: premiered in this year or later */
             : g_strdup_printf (_("from %d"), from);

  return minutes
           /* Translators: a maximum runtime in minutes */
           ? g_strdup_printf (_("≤ %d min"), to)
           /* Translators: premiered in this year or earlier */
           : g_strdup_printf (_("until %d"), to);
}

GPtrArray *
sf_criteria_describe (const SfCriteria *self)
{
  static const SfCriterion lists[] = {
    SF_CRITERION_GENRES_ALL, SF_CRITERION_GENRES_ANY, SF_CRITERION_GENRES_EXCLUDE,
    SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE, SF_CRITERION_CHANNEL,
    SF_CRITERION_COUNTRY,
  };
  g_autoptr(GPtrArray) labels = NULL;
  int from, to;

  g_return_val_if_fail (self != NULL, NULL);

  labels = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_criterion_label_free);

  if (sf_criteria_is_set (self, SF_CRITERION_PERSON))
    {
      const char *name = sf_criteria_get_person_name (self);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             sf_criteria_get_person_id (self));

      add_label (labels, SF_CRITERION_PERSON, NULL,
                 name != NULL && *name != '\0'
                   /* Translators: a criterion chip, the series a person is in: "With Rainn Wilson" */
                   ? g_strdup_printf (_("With %s"), name)
                   /* Translators: the same chip when the person's name is not known, with
                    * their TVmaze id */
                   : g_strdup_printf (_("With person %s"), id));
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      SfCriterion criterion = lists[i];
      const char * const *values = sf_criteria_get_values (self, criterion);

      for (guint v = 0; values[v] != NULL; v++)
        {
          const char *name = sf_criteria_get_value_label (criterion, values[v]);
          char *text;

          switch (criterion)
            {
            case SF_CRITERION_GENRES_ANY:
              /* "Drama", "or Comedy", "or Crime": any one of them will do. */
              text = v == 0 ? g_strdup (name)
                            /* Translators: a genre chip after the first of "any of these" */
                            : g_strdup_printf (_("or %s"), name);
              break;
            case SF_CRITERION_GENRES_EXCLUDE:
              /* Translators: an excluded genre, "not Reality" */
              text = g_strdup_printf (_("not %s"), name);
              break;
            case SF_CRITERION_COUNTRY:
              /* Translators: a country code chip, "Country: GB" */
              text = g_strdup_printf (_("Country: %s"), name);
              break;
            case SF_CRITERION_GENRES_ALL:
            case SF_CRITERION_STATUS:
            case SF_CRITERION_TYPE:
            case SF_CRITERION_LANGUAGE:
            case SF_CRITERION_CHANNEL:
            case SF_CRITERION_TEXT:
            case SF_CRITERION_YEAR:
            case SF_CRITERION_RATING:
            case SF_CRITERION_RUNTIME:
            default:
              text = g_strdup (name);
              break;
            }

          add_label (labels, criterion, values[v], text);
        }
    }

  sf_criteria_get_year_range (self, &from, &to);
  if (from > 0 || to > 0)
    add_label (labels, SF_CRITERION_YEAR, NULL, format_range (from, to, FALSE));

  if (sf_criteria_get_min_rating (self) > 0.0)
    add_label (labels, SF_CRITERION_RATING, NULL,
               sf_criteria_format_rating (sf_criteria_get_min_rating (self)));

  sf_criteria_get_runtime_range (self, &from, &to);
  if (from > 0 || to > 0)
    add_label (labels, SF_CRITERION_RUNTIME, NULL, format_range (from, to, TRUE));

  return g_steal_pointer (&labels);
}

SfCriteria *
sf_criteria_copy_without (const SfCriteria *self,
                          SfCriterion       criterion,
                          const char       *value)
{
  SfCriteria *copy;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (criterion <= SF_CRITERION_PERSON, NULL);

  copy = sf_criteria_copy (self);

  switch (criterion)
    {
    case SF_CRITERION_GENRES_ALL:
    case SF_CRITERION_GENRES_ANY:
    case SF_CRITERION_GENRES_EXCLUDE:
    case SF_CRITERION_STATUS:
    case SF_CRITERION_TYPE:
    case SF_CRITERION_LANGUAGE:
    case SF_CRITERION_CHANNEL:
    case SF_CRITERION_COUNTRY:
      if (value != NULL)
        sf_criteria_remove_value (copy, criterion, value);
      else
        sf_criteria_clear (copy, criterion);
      break;

    case SF_CRITERION_PERSON:
    case SF_CRITERION_TEXT:
    case SF_CRITERION_YEAR:
    case SF_CRITERION_RATING:
    case SF_CRITERION_RUNTIME:
    default:
      sf_criteria_clear (copy, criterion);
      break;
    }

  return copy;
}
