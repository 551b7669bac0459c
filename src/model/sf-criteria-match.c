/* sf-criteria-match.c: applying criteria to shows, as a filter and a sort order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sf-criteria-private.h"

/* The catalog's SQL mirrors every rule here (see sf-catalog-query.c); the tests hold the two
 * to the same results in the same order. Value lists compare like SQLite's NOCASE collation
 * (ASCII case only), which is what g_ascii_strcasecmp() does. */

/* Some word of @key (words separated by single spaces) starts with @token. */
static gboolean
key_has_word_prefix (const char *key,
                     const char *token)
{
  gsize len = strlen (token);

  for (const char *word = key; word != NULL; )
    {
      if (strncmp (word, token, len) == 0)
        return TRUE;
      word = strchr (word, ' ');
      if (word != NULL)
        word++;
    }
  return FALSE;
}

static gboolean
value_in (const char * const *values,
          const char         *value)
{
  return value != NULL && sf_criteria_strv_contains_nocase (values, value);
}

static gboolean
show_has_genre (SfShow     *show,
                const char *genre)
{
  return sf_criteria_strv_contains_nocase (sf_show_get_genres (show), genre);
}

static gboolean
show_id_in (GArray *ids,
            gint64  id)
{
  /* bsearch () wants a real array, even an empty one */
  if (ids->len == 0)
    return FALSE;
  return bsearch (&id, ids->data, ids->len, sizeof (gint64), sf_show_id_compare) != NULL;
}

gboolean
sf_criteria_matches (const SfCriteria *self,
                     SfShow           *show)
{
  const char * const *values;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SF_IS_SHOW (show), FALSE);

  if (self->person_show_ids != NULL &&
      !show_id_in (self->person_show_ids, sf_show_get_id (show)))
    return FALSE;

  if (self->tokens[0] != NULL)
    {
      const char *key = sf_criteria_get_show_key (show);

      for (guint i = 0; self->tokens[i] != NULL; i++)
        {
          if (!key_has_word_prefix (key, self->tokens[i]))
            return FALSE;
        }
    }

  values = (const char * const *) self->values[SF_CRITERION_GENRES_ALL];
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (!show_has_genre (show, values[i]))
        return FALSE;
    }

  values = (const char * const *) self->values[SF_CRITERION_GENRES_ANY];
  if (values[0] != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; values[i] != NULL && !any; i++)
        any = show_has_genre (show, values[i]);
      if (!any)
        return FALSE;
    }

  values = (const char * const *) self->values[SF_CRITERION_GENRES_EXCLUDE];
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (show_has_genre (show, values[i]))
        return FALSE;
    }

  values = (const char * const *) self->values[SF_CRITERION_STATUS];
  if (values[0] != NULL && !value_in (values, sf_show_get_status (show)))
    return FALSE;

  values = (const char * const *) self->values[SF_CRITERION_TYPE];
  if (values[0] != NULL && !value_in (values, sf_show_get_show_type (show)))
    return FALSE;

  values = (const char * const *) self->values[SF_CRITERION_LANGUAGE];
  if (values[0] != NULL && !value_in (values, sf_show_get_language (show)))
    return FALSE;

  values = (const char * const *) self->values[SF_CRITERION_CHANNEL];
  if (values[0] != NULL &&
      !value_in (values, sf_show_get_network_name (show)) &&
      !value_in (values, sf_show_get_web_channel_name (show)))
    return FALSE;

  values = (const char * const *) self->values[SF_CRITERION_COUNTRY];
  if (values[0] != NULL && !value_in (values, sf_show_get_country_code (show)))
    return FALSE;

  if (self->year_from > 0 || self->year_to > 0)
    {
      int year = sf_show_get_premiere_year (show);

      if (year <= 0 ||
          (self->year_from > 0 && year < self->year_from) ||
          (self->year_to > 0 && year > self->year_to))
        return FALSE;
    }

  if (self->runtime_from > 0 || self->runtime_to > 0)
    {
      int runtime = sf_show_get_runtime (show);

      if (runtime <= 0 ||
          (self->runtime_from > 0 && runtime < self->runtime_from) ||
          (self->runtime_to > 0 && runtime > self->runtime_to))
        return FALSE;
    }

  if (self->min_rating > 0.0 &&
      (!sf_show_has_rating (show) || sf_show_get_rating (show) < self->min_rating))
    return FALSE;

  return TRUE;
}

/* 2: the folded title is the folded text, 1: it starts with it, 0: otherwise. */
static int
text_tier (const SfCriteria *self,
           SfShow           *show)
{
  const char *key = sf_criteria_get_show_key (show);

  if (strcmp (key, self->text_key) == 0)
    return 2;
  if (g_str_has_prefix (key, self->text_key))
    return 1;
  return 0;
}

/* Descending, unknown values last (SQLite's NULL sorts lowest, so DESC puts it last).
 * Weights (0 to 100) and ratings alike: a double holds either exactly. */
static int
compare_desc (gboolean known_a,
              double   a,
              gboolean known_b,
              double   b)
{
  if (known_a != known_b)
    return known_a ? -1 : 1;
  if (!known_a || a == b)
    return 0;
  return a > b ? -1 : 1;
}

static int
compare_desc_string (const char *a,
                     const char *b)
{
  if ((a != NULL) != (b != NULL))
    return a != NULL ? -1 : 1;
  if (a == NULL)
    return 0;
  return -strcmp (a, b);
}

int
sf_criteria_compare (const SfCriteria *self,
                     SfShow           *a,
                     SfShow           *b)
{
  gint64 id_a, id_b;
  int cmp = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (SF_IS_SHOW (a), 0);
  g_return_val_if_fail (SF_IS_SHOW (b), 0);

  switch (self->sort)
    {
    case SF_SORT_RELEVANCE:
      if (self->text_key[0] != '\0')
        cmp = text_tier (self, b) - text_tier (self, a);
      if (cmp == 0)
        cmp = compare_desc (sf_show_get_weight (a) >= 0, sf_show_get_weight (a),
                            sf_show_get_weight (b) >= 0, sf_show_get_weight (b));
      break;

    case SF_SORT_RATING:
      cmp = compare_desc (sf_show_has_rating (a), sf_show_get_rating (a),
                          sf_show_has_rating (b), sf_show_get_rating (b));
      break;

    case SF_SORT_POPULARITY:
      cmp = compare_desc (sf_show_get_weight (a) >= 0, sf_show_get_weight (a),
                          sf_show_get_weight (b) >= 0, sf_show_get_weight (b));
      break;

    case SF_SORT_NEWEST:
      cmp = compare_desc_string (sf_show_get_premiered (a), sf_show_get_premiered (b));
      break;

    case SF_SORT_NAME:
      cmp = strcmp (sf_criteria_get_show_key (a), sf_criteria_get_show_key (b));
      if (cmp == 0)
        cmp = strcmp (sf_show_get_name (a), sf_show_get_name (b));
      break;

    default:
      g_assert_not_reached ();
    }

  if (cmp != 0)
    return cmp < 0 ? -1 : 1;

  id_a = sf_show_get_id (a);
  id_b = sf_show_get_id (b);
  return id_a < id_b ? -1 : (id_a > id_b ? 1 : 0);
}
