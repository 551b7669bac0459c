/* sf-criteria.c: what a person is looking for, as a filter and a sort order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sf-criteria-private.h"

/* The value: what is set, how it is set from text and written back. Applying it to shows
 * (matching and ordering) is sf-criteria-match.c's. */

#define MAX_YEAR    9999
#define MAX_RUNTIME 10000
#define MAX_RATING  10.0

G_DEFINE_BOXED_TYPE (SfCriteria, sf_criteria, sf_criteria_ref, sf_criteria_unref)
G_DEFINE_QUARK (sf-criteria-error-quark, sf_criteria_error)

static const char * const empty_strv[] = { NULL };

static gboolean
is_value_criterion (SfCriterion criterion)
{
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
      return TRUE;

    case SF_CRITERION_TEXT:
    case SF_CRITERION_YEAR:
    case SF_CRITERION_RATING:
    case SF_CRITERION_RUNTIME:
    default:
      return FALSE;
    }
}

char *
sf_criteria_normalize_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *normalized = NULL;
  GString *key;
  gboolean in_word = FALSE;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* Decompose first so that compatibility forms ("℡", fullwidth letters) fold too, then
   * decompose the folded text again to drop the accents as separate marks. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  folded = g_utf8_casefold (decomposed, -1);
  normalized = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  key = g_string_sized_new (strlen (normalized));

  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          /* an accent is part of its letter's word */
          continue;

        default:
          break;
        }

      if (!g_unichar_isalnum (c))
        {
          in_word = FALSE;
          continue;
        }

      if (!in_word && key->len > 0)
        g_string_append_c (key, ' ');
      in_word = TRUE;

      /* The index's tokenizer folds ASCII case itself; doing it here keeps both sides equal
       * whatever the Unicode tables say. */
      if (c < 0x80)
        g_string_append_c (key, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static GQuark
show_key_quark (void)
{
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("sf-criteria-show-key"));

  return (GQuark) quark;
}

const char *
sf_criteria_get_show_key (SfShow *show)
{
  GQuark quark = show_key_quark ();
  char *key;

  g_return_val_if_fail (SF_IS_SHOW (show), "");

  key = g_object_get_qdata (G_OBJECT (show), quark);
  if (key != NULL)
    return key;

  /* Several threads may race to cache it: the first wins, and the value never changes after
   * that, so a pointer handed out stays valid as long as the show. */
  key = sf_criteria_normalize_text (sf_show_get_name (show));
  if (!g_object_replace_qdata (G_OBJECT (show), quark, NULL, key, g_free, NULL))
    {
      g_free (key);
      key = g_object_get_qdata (G_OBJECT (show), quark);
    }

  return key;
}

SfCriteria *
sf_criteria_new (void)
{
  SfCriteria *self = g_new0 (SfCriteria, 1);

  g_atomic_ref_count_init (&self->ref);
  self->text = g_strdup ("");
  self->text_key = g_strdup ("");
  self->tokens = g_new0 (char *, 1);
  for (guint i = 0; i < SF_N_CRITERIA; i++)
    {
      if (is_value_criterion (i))
        self->values[i] = g_new0 (char *, 1);
    }
  self->sort = SF_SORT_RELEVANCE;

  return self;
}

SfCriteria *
sf_criteria_ref (SfCriteria *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
sf_criteria_unref (SfCriteria *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  g_free (self->text);
  g_free (self->text_key);
  g_strfreev (self->tokens);
  for (guint i = 0; i < SF_N_CRITERIA; i++)
    g_strfreev (self->values[i]);
  g_free (self->person_name);
  g_clear_pointer (&self->person_show_ids, g_array_unref);
  g_free (self);
}

SfCriteria *
sf_criteria_copy (const SfCriteria *self)
{
  SfCriteria *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SfCriteria, 1);
  g_atomic_ref_count_init (&copy->ref);
  copy->text = g_strdup (self->text);
  copy->text_key = g_strdup (self->text_key);
  copy->tokens = g_strdupv (self->tokens);
  for (guint i = 0; i < SF_N_CRITERIA; i++)
    copy->values[i] = g_strdupv (self->values[i]);
  copy->year_from = self->year_from;
  copy->year_to = self->year_to;
  copy->runtime_from = self->runtime_from;
  copy->runtime_to = self->runtime_to;
  copy->min_rating = self->min_rating;
  copy->sort = self->sort;
  copy->person_id = self->person_id;
  copy->person_name = g_strdup (self->person_name);
  if (self->person_show_ids != NULL)
    copy->person_show_ids = g_array_copy (self->person_show_ids);

  return copy;
}

gboolean
sf_criteria_equal (const SfCriteria *a,
                   const SfCriteria *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;

  if (strcmp (a->text_key, b->text_key) != 0 ||
      a->year_from != b->year_from || a->year_to != b->year_to ||
      a->runtime_from != b->runtime_from || a->runtime_to != b->runtime_to ||
      a->min_rating != b->min_rating || a->sort != b->sort || a->person_id != b->person_id)
    return FALSE;

  if (a->person_show_ids != NULL &&
      (a->person_show_ids->len != b->person_show_ids->len ||
       memcmp (a->person_show_ids->data, b->person_show_ids->data,
               a->person_show_ids->len * sizeof (gint64)) != 0))
    return FALSE;

  for (guint i = 0; i < SF_N_CRITERIA; i++)
    {
      if (a->values[i] != NULL &&
          !g_strv_equal ((const char * const *) a->values[i],
                         (const char * const *) b->values[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
sf_criteria_is_set (const SfCriteria *self,
                    SfCriterion       criterion)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (criterion <= SF_CRITERION_PERSON, FALSE);

  switch (criterion)
    {
    case SF_CRITERION_PERSON:
      return self->person_id > 0;
    case SF_CRITERION_TEXT:
      return self->text_key[0] != '\0';
    case SF_CRITERION_YEAR:
      return self->year_from > 0 || self->year_to > 0;
    case SF_CRITERION_RUNTIME:
      return self->runtime_from > 0 || self->runtime_to > 0;
    case SF_CRITERION_RATING:
      return self->min_rating > 0.0;
    case SF_CRITERION_GENRES_ALL:
    case SF_CRITERION_GENRES_ANY:
    case SF_CRITERION_GENRES_EXCLUDE:
    case SF_CRITERION_STATUS:
    case SF_CRITERION_TYPE:
    case SF_CRITERION_LANGUAGE:
    case SF_CRITERION_CHANNEL:
    case SF_CRITERION_COUNTRY:
    default:
      return self->values[criterion][0] != NULL;
    }
}

gboolean
sf_criteria_is_empty (const SfCriteria *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->person_id > 0)
    return FALSE;

  for (guint i = 0; i < SF_N_CRITERIA; i++)
    {
      if (sf_criteria_is_set (self, i))
        return FALSE;
    }

  return TRUE;
}

void
sf_criteria_clear (SfCriteria  *self,
                   SfCriterion  criterion)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (criterion <= SF_CRITERION_PERSON);

  switch (criterion)
    {
    case SF_CRITERION_PERSON:
      sf_criteria_set_person (self, 0, NULL, NULL, 0);
      break;
    case SF_CRITERION_TEXT:
      sf_criteria_set_text (self, NULL);
      break;
    case SF_CRITERION_YEAR:
      sf_criteria_set_year_range (self, 0, 0);
      break;
    case SF_CRITERION_RUNTIME:
      sf_criteria_set_runtime_range (self, 0, 0);
      break;
    case SF_CRITERION_RATING:
      sf_criteria_set_min_rating (self, 0.0);
      break;
    case SF_CRITERION_GENRES_ALL:
    case SF_CRITERION_GENRES_ANY:
    case SF_CRITERION_GENRES_EXCLUDE:
    case SF_CRITERION_STATUS:
    case SF_CRITERION_TYPE:
    case SF_CRITERION_LANGUAGE:
    case SF_CRITERION_CHANNEL:
    case SF_CRITERION_COUNTRY:
    default:
      sf_criteria_set_values (self, criterion, NULL);
      break;
    }
}

const char *
sf_criteria_get_text (const SfCriteria *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

void
sf_criteria_set_text (SfCriteria *self,
                      const char *text)
{
  g_return_if_fail (self != NULL);

  if (text == NULL)
    text = "";

  g_free (self->text);
  g_free (self->text_key);
  g_strfreev (self->tokens);

  self->text = g_utf8_validate (text, -1, NULL) ? g_strdup (text) : g_utf8_make_valid (text, -1);
  self->text_key = sf_criteria_normalize_text (self->text);
  if (self->text_key[0] == '\0')
    self->tokens = g_new0 (char *, 1);
  else
    self->tokens = g_strsplit (self->text_key, " ", -1);
}

const char * const *
sf_criteria_get_values (const SfCriteria *self,
                        SfCriterion       criterion)
{
  g_return_val_if_fail (self != NULL, empty_strv);
  g_return_val_if_fail (is_value_criterion (criterion), empty_strv);

  return (const char * const *) self->values[criterion];
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;
  int cmp = g_ascii_strcasecmp (sa, sb);

  return cmp != 0 ? cmp : strcmp (sa, sb);
}

void
sf_criteria_set_values (SfCriteria         *self,
                        SfCriterion         criterion,
                        const char * const *values)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (is_value_criterion (criterion));

  list = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (values[i]));
      gboolean seen = FALSE;

      if (*value == '\0' || !g_utf8_validate (value, -1, NULL))
        continue;
      for (guint j = 0; j < list->len && !seen; j++)
        seen = g_ascii_strcasecmp (g_ptr_array_index (list, j), value) == 0;
      if (!seen)
        g_ptr_array_add (list, g_steal_pointer (&value));
    }

  g_ptr_array_sort (list, compare_values);
  g_ptr_array_add (list, NULL);

  g_strfreev (self->values[criterion]);
  self->values[criterion] = (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

gboolean
sf_criteria_add_value (SfCriteria  *self,
                       SfCriterion  criterion,
                       const char  *value)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) values = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (is_value_criterion (criterion), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  stripped = g_strstrip (g_strdup (value));
  if (*stripped == '\0' ||
      sf_criteria_strv_contains_nocase ((const char * const *) self->values[criterion], stripped))
    return FALSE;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) self->values[criterion]);
  g_strv_builder_add (builder, stripped);
  values = g_strv_builder_end (builder);
  sf_criteria_set_values (self, criterion, (const char * const *) values);

  return TRUE;
}

gboolean
sf_criteria_remove_value (SfCriteria  *self,
                          SfCriterion  criterion,
                          const char  *value)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *stripped = NULL;
  gboolean removed = FALSE;
  GStrv old;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (is_value_criterion (criterion), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  stripped = g_strstrip (g_strdup (value));
  old = self->values[criterion];
  builder = g_strv_builder_new ();
  for (guint i = 0; old[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (old[i], stripped) == 0)
        removed = TRUE;
      else
        g_strv_builder_add (builder, old[i]);
    }

  if (!removed)
    return FALSE;

  values = g_strv_builder_end (builder);
  sf_criteria_set_values (self, criterion, (const char * const *) values);

  return TRUE;
}

/* Clamped to [0, max]; an inverted range is put right rather than selecting nothing. */
static void
store_range (int *field_from,
             int *field_to,
             int  from,
             int  to,
             int  max)
{
  *field_from = CLAMP (from, 0, max);
  *field_to = CLAMP (to, 0, max);
  if (*field_from > 0 && *field_to > 0 && *field_from > *field_to)
    {
      int tmp = *field_from;

      *field_from = *field_to;
      *field_to = tmp;
    }
}

static void
load_range (int  field_from,
            int  field_to,
            int *from,
            int *to)
{
  if (from != NULL)
    *from = field_from;
  if (to != NULL)
    *to = field_to;
}

void
sf_criteria_set_year_range (SfCriteria *self,
                            int         from,
                            int         to)
{
  g_return_if_fail (self != NULL);

  store_range (&self->year_from, &self->year_to, from, to, MAX_YEAR);
}

void
sf_criteria_get_year_range (const SfCriteria *self,
                            int              *from,
                            int              *to)
{
  g_return_if_fail (self != NULL);

  load_range (self->year_from, self->year_to, from, to);
}

void
sf_criteria_set_runtime_range (SfCriteria *self,
                               int         from,
                               int         to)
{
  g_return_if_fail (self != NULL);

  store_range (&self->runtime_from, &self->runtime_to, from, to, MAX_RUNTIME);
}

void
sf_criteria_get_runtime_range (const SfCriteria *self,
                               int              *from,
                               int              *to)
{
  g_return_if_fail (self != NULL);

  load_range (self->runtime_from, self->runtime_to, from, to);
}

void
sf_criteria_set_min_rating (SfCriteria *self,
                            double      min_rating)
{
  g_return_if_fail (self != NULL);

  if (isnan (min_rating) || min_rating < 0.0)
    min_rating = 0.0;

  self->min_rating = MIN (min_rating, MAX_RATING);
}

double
sf_criteria_get_min_rating (const SfCriteria *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->min_rating;
}

void
sf_criteria_set_sort (SfCriteria *self,
                      SfSort      sort)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (sort <= SF_SORT_NAME);

  self->sort = sort;
}

SfSort
sf_criteria_get_sort (const SfCriteria *self)
{
  g_return_val_if_fail (self != NULL, SF_SORT_RELEVANCE);

  return self->sort;
}

static gboolean
parse_bound (const char  *text,
             int          max,
             const char  *what,
             int         *out_value,
             GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    {
      g_set_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID,
                   "“%s” is not a %s between 1 and %d", text, what, max);
      return FALSE;
    }

  *out_value = (int) value;
  return TRUE;
}

/* "A..B", "A..", "..B", "A-B" or "A" into two bounds (0: open). */
static gboolean
parse_range (const char  *text,
             int          max,
             const char  *what,
             int         *out_from,
             int         *out_to,
             GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *sep_text = "..";
  char *sep;
  int from = 0;
  int to = 0;

  sep = strstr (copy, sep_text);
  if (sep == NULL && (sep = strchr (copy, '-')) != NULL)
    sep_text = "-";

  if (sep == NULL)
    {
      if (!parse_bound (copy, max, what, &from, error))
        return FALSE;
      to = from;
    }
  else
    {
      char *right = sep + strlen (sep_text);

      *sep = '\0';
      g_strstrip (copy);
      g_strstrip (right);

      if (*copy == '\0' && *right == '\0')
        {
          g_set_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID,
                       "“%s” is not a range of %ss (try 2010..2015)", text, what);
          return FALSE;
        }
      if (*copy != '\0' && !parse_bound (copy, max, what, &from, error))
        return FALSE;
      if (*right != '\0' && !parse_bound (right, max, what, &to, error))
        return FALSE;
    }

  if (from > 0 && to > 0 && from > to)
    {
      g_set_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID,
                   "The range “%s” ends before it starts", text);
      return FALSE;
    }

  *out_from = from;
  *out_to = to;
  return TRUE;
}

/* Empty text clears the range. */
static gboolean
set_range_from_string (SfCriteria   *self,
                       const char   *text,
                       int           max,
                       const char   *what,
                       void        (*set_range) (SfCriteria *, int, int),
                       GError      **error)
{
  int from = 0, to = 0;

  if (text != NULL && *text != '\0' && !parse_range (text, max, what, &from, &to, error))
    return FALSE;

  set_range (self, from, to);
  return TRUE;
}

gboolean
sf_criteria_set_year_range_from_string (SfCriteria  *self,
                                        const char  *text,
                                        GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_range_from_string (self, text, MAX_YEAR, "year", sf_criteria_set_year_range, error);
}

gboolean
sf_criteria_set_runtime_range_from_string (SfCriteria  *self,
                                           const char  *text,
                                           GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_range_from_string (self, text, MAX_RUNTIME, "runtime in minute",
                                sf_criteria_set_runtime_range, error);
}

gboolean
sf_criteria_set_min_rating_from_string (SfCriteria  *self,
                                        const char  *text,
                                        GError     **error)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      sf_criteria_set_min_rating (self, 0.0);
      return TRUE;
    }

  copy = g_strstrip (g_strdup (text));
  value = g_ascii_strtod (copy, &end);
  if (*copy == '\0' || end == NULL || *end != '\0' || isnan (value) ||
      value < 0.0 || value > MAX_RATING)
    {
      g_set_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID,
                   "“%s” is not a rating between 0 and 10", text);
      return FALSE;
    }

  sf_criteria_set_min_rating (self, value);
  return TRUE;
}

static const char * const sort_names[] = {
  [SF_SORT_RELEVANCE] = "relevance",
  [SF_SORT_RATING] = "rating",
  [SF_SORT_POPULARITY] = "popularity",
  [SF_SORT_NEWEST] = "newest",
  [SF_SORT_NAME] = "name",
};

const char *
sf_sort_to_string (SfSort sort)
{
  g_return_val_if_fail (sort <= SF_SORT_NAME, NULL);

  return sort_names[sort];
}

gboolean
sf_criteria_set_sort_from_string (SfCriteria  *self,
                                  const char  *text,
                                  GError     **error)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    {
      if (g_ascii_strcasecmp (copy, sort_names[i]) == 0)
        {
          self->sort = i;
          return TRUE;
        }
    }

  if (g_ascii_strcasecmp (copy, "weight") == 0)
    {
      self->sort = SF_SORT_POPULARITY;
      return TRUE;
    }

  g_set_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID,
               "Unknown sort “%s” (relevance, rating, popularity, newest or name)", text);
  return FALSE;
}

void
sf_criteria_set_person (SfCriteria   *self,
                        gint64        person_id,
                        const char   *name,
                        const gint64 *show_ids,
                        guint         n_show_ids)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (person_id >= 0);
  g_return_if_fail (show_ids != NULL || n_show_ids == 0);

  g_clear_pointer (&self->person_name, g_free);
  g_clear_pointer (&self->person_show_ids, g_array_unref);
  self->person_id = person_id;
  if (person_id == 0)
    return;

  self->person_name = g_strdup (name);
  self->person_show_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_show_ids);
  if (n_show_ids > 0)
    g_array_append_vals (self->person_show_ids, show_ids, n_show_ids);
  sf_show_ids_sort_unique (self->person_show_ids);
}

gint64
sf_criteria_get_person_id (const SfCriteria *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->person_id;
}

const char *
sf_criteria_get_person_name (const SfCriteria *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->person_name;
}

const gint64 *
sf_criteria_get_person_show_ids (const SfCriteria *self,
                                 guint            *n_show_ids)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_show_ids != NULL, NULL);

  *n_show_ids = self->person_show_ids != NULL ? self->person_show_ids->len : 0;
  return self->person_show_ids != NULL ? (const gint64 *) self->person_show_ids->data : NULL;
}

SfCriteria *
sf_criteria_copy_for_facet (const SfCriteria *self,
                            SfCriterion       criterion,
                            const char       *value)
{
  const char * const one[] = { value, NULL };
  SfCriteria *copy;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (criterion == SF_CRITERION_GENRES_ALL ||
                        criterion == SF_CRITERION_STATUS ||
                        criterion == SF_CRITERION_TYPE ||
                        criterion == SF_CRITERION_LANGUAGE, NULL);

  copy = sf_criteria_copy (self);
  if (criterion == SF_CRITERION_GENRES_ALL)
    {
      sf_criteria_set_values (copy, SF_CRITERION_GENRES_ANY, NULL);
      /* An excluded genre counts what its exclusion hides. */
      sf_criteria_remove_value (copy, SF_CRITERION_GENRES_EXCLUDE, value);
      sf_criteria_add_value (copy, SF_CRITERION_GENRES_ALL, value);
    }
  else
    {
      sf_criteria_set_values (copy, criterion, one);
    }

  return copy;
}

static void
append_values (GString            *out,
               const char          *name,
               const char * const  *values)
{
  if (values[0] == NULL)
    return;

  g_string_append_printf (out, "%s%s:", out->len > 0 ? " " : "", name);
  for (guint i = 0; values[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", values[i]);
}

static void
append_range (GString    *out,
              const char *name,
              int         from,
              int         to)
{
  if (from <= 0 && to <= 0)
    return;

  g_string_append_printf (out, "%s%s:", out->len > 0 ? " " : "", name);
  if (from > 0)
    g_string_append_printf (out, "%d", from);
  g_string_append (out, "..");
  if (to > 0)
    g_string_append_printf (out, "%d", to);
}

char *
sf_criteria_to_string (const SfCriteria *self)
{
  static const char * const names[SF_N_CRITERIA] = {
    [SF_CRITERION_GENRES_ALL] = "genre",
    [SF_CRITERION_GENRES_ANY] = "any-genre",
    [SF_CRITERION_GENRES_EXCLUDE] = "not-genre",
    [SF_CRITERION_STATUS] = "status",
    [SF_CRITERION_TYPE] = "type",
    [SF_CRITERION_LANGUAGE] = "language",
    [SF_CRITERION_CHANNEL] = "channel",
    [SF_CRITERION_COUNTRY] = "country",
  };
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  if (self->text_key[0] != '\0')
    g_string_append_printf (out, "text:'%s'", self->text_key);
  for (guint i = 0; i < SF_N_CRITERIA; i++)
    {
      if (self->values[i] != NULL)
        append_values (out, names[i], (const char * const *) self->values[i]);
    }
  append_range (out, "year", self->year_from, self->year_to);
  append_range (out, "runtime", self->runtime_from, self->runtime_to);
  if (self->min_rating > 0.0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%srating:%s", out->len > 0 ? " " : "",
                              g_ascii_dtostr (buf, sizeof buf, self->min_rating));
    }
  if (self->person_id > 0)
    g_string_append_printf (out, "%swith:%" G_GINT64_FORMAT, out->len > 0 ? " " : "",
                            self->person_id);
  g_string_append_printf (out, "%ssort:%s", out->len > 0 ? " " : "", sort_names[self->sort]);

  return g_string_free (out, FALSE);
}
