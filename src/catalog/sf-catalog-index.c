/* sf-catalog-index.c: the catalog in memory, as bitsets, for queries and facet counts within
 * a frame
 *
 * Plain uint64 bitsets over dense row numbers: 90,000 shows are 1,407 words (11 KB) a set,
 * an AND of two is a microsecond, and the rows stay dense (every row is a show), which is
 * where compressed bitmaps (CRoaring) stop paying for their dependency. Facet counts walk the
 * matching rows once and tally each row's values, so thousands of channel names cost no
 * more than three statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-catalog-index.h"
#include "sf-catalog-private.h"

typedef enum
{
  FIELD_GENRE,
  FIELD_STATUS,
  FIELD_TYPE,
  FIELD_LANGUAGE,
  FIELD_CHANNEL,
  FIELD_COUNTRY,
  N_FIELDS
} Field;

static const SfCriterion field_criteria[N_FIELDS] = {
  [FIELD_GENRE] = SF_CRITERION_GENRES_ALL,
  [FIELD_STATUS] = SF_CRITERION_STATUS,
  [FIELD_TYPE] = SF_CRITERION_TYPE,
  [FIELD_LANGUAGE] = SF_CRITERION_LANGUAGE,
  [FIELD_CHANNEL] = SF_CRITERION_CHANNEL,
  [FIELD_COUNTRY] = SF_CRITERION_COUNTRY,
};

typedef struct
{
  char    *name;   /* the smallest spelling (bytewise), as SQL's min() names a group */
  guint64 *bits;
} Value;

typedef struct
{
  GHashTable *ids;      /* ASCII-folded value -> index + 1 */
  GPtrArray  *values;   /* Value */
  GArray     *row_ids;  /* guint32 per (row, value) pair, rows in row_start order */
  guint32    *row_start;
} Dictionary;

enum
{
  ORDER_POPULARITY,
  ORDER_RATING,
  ORDER_NEWEST,
  ORDER_NAME,
  N_ORDERS
};

/* One word of a title's key: the key from that word on, sorted bytewise, so that the words
 * starting with a token are one range, found by binary search. */
typedef struct
{
  const char *suffix;
  guint32     row;
  guint32     offset;   /* of the word in the key: 0 for the first */
} WordEntry;

struct _SfCatalogIndex
{
  gatomicrefcount ref;
  guint           n_rows;
  guint           n_words;
  SfShow        **shows;
  const char    **keys;
  int            *years;
  int            *runtimes;
  double         *ratings;    /* -1: unrated */
  Dictionary      fields[N_FIELDS];
  guint32        *orders[N_ORDERS];
  guint32        *popularity_rank;   /* row -> its place in orders[ORDER_POPULARITY] */
  WordEntry      *words;
  guint           n_word_entries;

  /* The last title's rows: typing a title and then picking criteria reuses it. */
  GMutex          text_lock;
  char           *text_key;
  guint64        *text_bits;
};

/* Bitsets */

static guint64 *
bits_new (SfCatalogIndex *self)
{
  return g_new0 (guint64, self->n_words);
}

static void
bits_fill (SfCatalogIndex *self,
           guint64        *bits)
{
  /* An empty index still has one word (n_words), with no row in it. */
  memset (bits, self->n_rows > 0 ? 0xff : 0, self->n_words * sizeof (guint64));
  if (self->n_rows % 64 != 0)
    bits[self->n_words - 1] = (G_GUINT64_CONSTANT (1) << (self->n_rows % 64)) - 1;
}

static inline void
bits_set (guint64 *bits,
          guint    row)
{
  bits[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);
}

static inline gboolean
bits_get (const guint64 *bits,
          guint          row)
{
  return (bits[row / 64] >> (row % 64)) & 1;
}

static guint
bits_count (SfCatalogIndex *self,
            const guint64  *bits)
{
  guint n = 0;

  for (guint i = 0; i < self->n_words; i++)
    n += __builtin_popcountll (bits[i]);
  return n;
}

static guint
bits_count_and (SfCatalogIndex *self,
                const guint64  *a,
                const guint64  *b)
{
  guint n = 0;

  for (guint i = 0; i < self->n_words; i++)
    n += __builtin_popcountll (a[i] & b[i]);
  return n;
}

static void
bits_and (SfCatalogIndex *self,
          guint64        *dest,
          const guint64  *src)
{
  for (guint i = 0; i < self->n_words; i++)
    dest[i] &= src[i];
}

static void
bits_or (SfCatalogIndex *self,
         guint64        *dest,
         const guint64  *src)
{
  for (guint i = 0; i < self->n_words; i++)
    dest[i] |= src[i];
}

static void
bits_and_not (SfCatalogIndex *self,
              guint64        *dest,
              const guint64  *src)
{
  for (guint i = 0; i < self->n_words; i++)
    dest[i] &= ~src[i];
}

/* Building */

static void
dictionary_init (Dictionary *dict)
{
  dict->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dict->values = g_ptr_array_new ();
  dict->row_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
dictionary_clear (Dictionary *dict)
{
  for (guint i = 0; dict->values != NULL && i < dict->values->len; i++)
    {
      Value *value = g_ptr_array_index (dict->values, i);

      g_free (value->name);
      g_free (value->bits);
      g_free (value);
    }
  g_clear_pointer (&dict->values, g_ptr_array_unref);
  g_clear_pointer (&dict->ids, g_hash_table_unref);
  g_clear_pointer (&dict->row_ids, g_array_unref);
  g_clear_pointer (&dict->row_start, g_free);
}

static int
dictionary_lookup (Dictionary *dict,
                   const char *value)
{
  g_autofree char *folded = g_ascii_strdown (value, -1);

  return GPOINTER_TO_INT (g_hash_table_lookup (dict->ids, folded)) - 1;
}

/* Adds @value for @row (rows come in order); a value the row already has is ignored. */
static void
dictionary_add (SfCatalogIndex *self,
                Dictionary     *dict,
                guint           row,
                const char     *value)
{
  g_autofree char *folded = NULL;
  Value *entry;
  guint32 id;

  if (value == NULL)
    return;

  folded = g_ascii_strdown (value, -1);
  id = GPOINTER_TO_UINT (g_hash_table_lookup (dict->ids, folded));
  if (id == 0)
    {
      entry = g_new0 (Value, 1);
      entry->name = g_strdup (value);
      entry->bits = bits_new (self);
      g_ptr_array_add (dict->values, entry);
      id = dict->values->len;
      g_hash_table_insert (dict->ids, g_steal_pointer (&folded), GUINT_TO_POINTER (id));
    }
  id--;
  entry = g_ptr_array_index (dict->values, id);
  if (bits_get (entry->bits, row))
    return;

  if (strcmp (value, entry->name) < 0)
    {
      g_free (entry->name);
      entry->name = g_strdup (value);
    }
  bits_set (entry->bits, row);
  g_array_append_val (dict->row_ids, id);
}

typedef struct
{
  SfCatalogIndex *index;
  SfCriteria     *criteria;
} SortData;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  SortData *data = user_data;

  return sf_criteria_compare (data->criteria,
                              data->index->shows[*(const guint32 *) a],
                              data->index->shows[*(const guint32 *) b]);
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  const WordEntry *wa = a, *wb = b;
  int cmp = strcmp (wa->suffix, wb->suffix);

  if (cmp != 0)
    return cmp;
  return wa->row < wb->row ? -1 : wa->row > wb->row;
}

static void
build_words (SfCatalogIndex *self)
{
  g_autoptr(GArray) words = g_array_sized_new (FALSE, FALSE, sizeof (WordEntry),
                                               MAX (1, self->n_rows * 3));

  for (guint32 row = 0; row < self->n_rows; row++)
    {
      const char *key = self->keys[row];

      for (const char *word = key; word != NULL; )
        {
          if (*word != '\0' && *word != ' ')
            {
              WordEntry entry = { word, row, (guint32) (word - key) };

              g_array_append_val (words, entry);
            }
          word = strchr (word, ' ');
          if (word != NULL)
            word++;
        }
    }

  g_array_sort (words, compare_words);
  self->n_word_entries = words->len;
  self->words = (WordEntry *) (gpointer) g_array_free (g_steal_pointer (&words), FALSE);
}

/* The entries whose suffix starts with @token (@len bytes): [*from, *to). */
static void
word_range (SfCatalogIndex *self,
            const char     *token,
            gsize           len,
            guint          *from,
            guint          *to)
{
  guint low = 0, high = self->n_word_entries;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (strncmp (self->words[mid].suffix, token, len) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  *from = low;

  high = self->n_word_entries;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (strncmp (self->words[mid].suffix, token, len) <= 0)
        low = mid + 1;
      else
        high = mid;
    }
  *to = low;
}

SfCatalogIndex *
sf_catalog_index_new (GPtrArray *shows)
{
  static const SfSort sorts[N_ORDERS] = {
    [ORDER_POPULARITY] = SF_SORT_POPULARITY,
    [ORDER_RATING] = SF_SORT_RATING,
    [ORDER_NEWEST] = SF_SORT_NEWEST,
    [ORDER_NAME] = SF_SORT_NAME,
  };
  SfCatalogIndex *self = g_new0 (SfCatalogIndex, 1);

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->text_lock);
  self->n_rows = shows->len;
  self->n_words = MAX (1, (shows->len + 63) / 64);
  self->shows = g_new (SfShow *, MAX (1, shows->len));
  self->keys = g_new (const char *, MAX (1, shows->len));
  self->years = g_new (int, MAX (1, shows->len));
  self->runtimes = g_new (int, MAX (1, shows->len));
  self->ratings = g_new (double, MAX (1, shows->len));
  for (guint f = 0; f < N_FIELDS; f++)
    {
      dictionary_init (&self->fields[f]);
      self->fields[f].row_start = g_new (guint32, shows->len + 1);
    }

  for (guint row = 0; row < shows->len; row++)
    {
      SfShow *show = g_ptr_array_index (shows, row);
      const char * const *genres = sf_show_get_genres (show);

      self->shows[row] = g_object_ref (show);
      /* Computed here, on the building thread: later readers only read the cached key. */
      self->keys[row] = sf_criteria_get_show_key (show);
      self->years[row] = sf_show_get_premiere_year (show);
      self->runtimes[row] = sf_show_get_runtime (show);
      self->ratings[row] = sf_show_has_rating (show) ? sf_show_get_rating (show) : -1.0;

      for (guint f = 0; f < N_FIELDS; f++)
        self->fields[f].row_start[row] = self->fields[f].row_ids->len;

      for (guint i = 0; genres != NULL && genres[i] != NULL; i++)
        dictionary_add (self, &self->fields[FIELD_GENRE], row, genres[i]);
      dictionary_add (self, &self->fields[FIELD_STATUS], row, sf_show_get_status (show));
      dictionary_add (self, &self->fields[FIELD_TYPE], row, sf_show_get_show_type (show));
      dictionary_add (self, &self->fields[FIELD_LANGUAGE], row, sf_show_get_language (show));
      dictionary_add (self, &self->fields[FIELD_CHANNEL], row, sf_show_get_network_name (show));
      dictionary_add (self, &self->fields[FIELD_CHANNEL], row,
                      sf_show_get_web_channel_name (show));
      dictionary_add (self, &self->fields[FIELD_COUNTRY], row, sf_show_get_country_code (show));
    }
  for (guint f = 0; f < N_FIELDS; f++)
    self->fields[f].row_start[shows->len] = self->fields[f].row_ids->len;

  for (guint o = 0; o < N_ORDERS; o++)
    {
      g_autoptr(SfCriteria) criteria = sf_criteria_new ();
      SortData data = { self, criteria };

      g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (guint32),
                                                  MAX (1, shows->len));

      sf_criteria_set_sort (criteria, sorts[o]);
      for (guint32 row = 0; row < shows->len; row++)
        g_array_append_val (rows, row);
      /* (g_array_sort_with_data: g_qsort_with_data is deprecated on newer GLib) */
      g_array_sort_with_data (rows, compare_rows, &data);
      self->orders[o] = g_new (guint32, MAX (1, shows->len));
      memcpy (self->orders[o], rows->data, shows->len * sizeof (guint32));
    }

  self->popularity_rank = g_new (guint32, MAX (1, shows->len));
  for (guint32 i = 0; i < shows->len; i++)
    self->popularity_rank[self->orders[ORDER_POPULARITY][i]] = i;

  build_words (self);

  return self;
}

SfCatalogIndex *
sf_catalog_index_ref (SfCatalogIndex *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
sf_catalog_index_unref (SfCatalogIndex *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;

  for (guint row = 0; row < self->n_rows; row++)
    g_object_unref (self->shows[row]);
  g_free (self->shows);
  g_free (self->keys);
  g_free (self->years);
  g_free (self->runtimes);
  g_free (self->ratings);
  for (guint f = 0; f < N_FIELDS; f++)
    dictionary_clear (&self->fields[f]);
  for (guint o = 0; o < N_ORDERS; o++)
    g_free (self->orders[o]);
  g_free (self->popularity_rank);
  g_free (self->words);
  g_mutex_clear (&self->text_lock);
  g_free (self->text_key);
  g_free (self->text_bits);
  g_free (self);
}

guint
sf_catalog_index_get_size (SfCatalogIndex *self)
{
  return self->n_rows;
}

/* Filtering: one bitset per criterion that is set */

static void
text_bits (SfCatalogIndex *self,
           const char     *text_key,
           guint64        *bits)
{
  g_auto(GStrv) tokens = NULL;
  guint n_tokens;

  g_mutex_lock (&self->text_lock);
  if (self->text_key != NULL && strcmp (self->text_key, text_key) == 0)
    {
      memcpy (bits, self->text_bits, self->n_words * sizeof (guint64));
      g_mutex_unlock (&self->text_lock);
      return;
    }
  g_mutex_unlock (&self->text_lock);

  tokens = g_strsplit (text_key, " ", -1);
  n_tokens = g_strv_length (tokens);

  /* Each token: the rows of its range of words; every token: their intersection. */
  bits_fill (self, bits);
  for (guint t = 0; t < n_tokens; t++)
    {
      g_autofree guint64 *rows = NULL;
      gsize len = strlen (tokens[t]);
      guint from, to;

      if (len == 0)
        continue;
      rows = bits_new (self);
      word_range (self, tokens[t], len, &from, &to);
      for (guint i = from; i < to; i++)
        bits_set (rows, self->words[i].row);
      bits_and (self, bits, rows);
    }

  g_mutex_lock (&self->text_lock);
  g_free (self->text_key);
  self->text_key = g_strdup (text_key);
  if (self->text_bits == NULL)
    self->text_bits = bits_new (self);
  memcpy (self->text_bits, bits, self->n_words * sizeof (guint64));
  g_mutex_unlock (&self->text_lock);
}

/* The rows having any of @values (ASCII case ignored). */
static void
any_value_bits (SfCatalogIndex     *self,
                Field               field,
                const char * const *values,
                guint64            *bits)
{
  memset (bits, 0, self->n_words * sizeof (guint64));
  for (guint i = 0; values[i] != NULL; i++)
    {
      int id = dictionary_lookup (&self->fields[field], values[i]);

      if (id >= 0)
        bits_or (self, bits, ((Value *) g_ptr_array_index (self->fields[field].values, id))->bits);
    }
}

static void
range_bits (SfCatalogIndex *self,
            const int      *column,
            int             from,
            int             to,
            guint64        *bits)
{
  memset (bits, 0, self->n_words * sizeof (guint64));
  for (guint row = 0; row < self->n_rows; row++)
    {
      int v = column[row];

      if (v > 0 && (from <= 0 || v >= from) && (to <= 0 || v <= to))
        bits_set (bits, row);
    }
}

typedef struct
{
  SfCatalogIndex *index;
  guint64        *parts[SF_N_CRITERIA];   /* NULL: not set */
  guint64        *person;                 /* NULL: no "with this person"; never skipped */
} Filter;

static void
filter_init (Filter           *filter,
             SfCatalogIndex   *self,
             const SfCriteria *criteria)
{
  const char * const *values;
  int from, to;

  memset (filter, 0, sizeof (*filter));
  filter->index = self;

  if (sf_criteria_get_person_id (criteria) != 0)
    {
      g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint n_ids = 0;
      const gint64 *ids = sf_criteria_get_person_show_ids (criteria, &n_ids);

      for (guint i = 0; i < n_ids; i++)
        g_hash_table_add (wanted, (gpointer) &ids[i]);
      filter->person = bits_new (self);
      for (guint row = 0; row < self->n_rows; row++)
        {
          gint64 id = sf_show_get_id (self->shows[row]);

          if (g_hash_table_contains (wanted, &id))
            bits_set (filter->person, row);
        }
    }

  if (sf_criteria_is_set (criteria, SF_CRITERION_TEXT))
    {
      g_autofree char *key = sf_criteria_normalize_text (sf_criteria_get_text (criteria));

      filter->parts[SF_CRITERION_TEXT] = bits_new (self);
      text_bits (self, key, filter->parts[SF_CRITERION_TEXT]);
    }

  values = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_ALL);
  if (values[0] != NULL)
    {
      guint64 *bits = filter->parts[SF_CRITERION_GENRES_ALL] = bits_new (self);

      bits_fill (self, bits);
      for (guint i = 0; values[i] != NULL; i++)
        {
          int id = dictionary_lookup (&self->fields[FIELD_GENRE], values[i]);

          if (id < 0)
            memset (bits, 0, self->n_words * sizeof (guint64));
          else
            bits_and (self, bits,
                      ((Value *) g_ptr_array_index (self->fields[FIELD_GENRE].values, id))->bits);
        }
    }

  values = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_ANY);
  if (values[0] != NULL)
    {
      filter->parts[SF_CRITERION_GENRES_ANY] = bits_new (self);
      any_value_bits (self, FIELD_GENRE, values, filter->parts[SF_CRITERION_GENRES_ANY]);
    }

  values = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_EXCLUDE);
  if (values[0] != NULL)
    {
      g_autofree guint64 *hidden = bits_new (self);

      filter->parts[SF_CRITERION_GENRES_EXCLUDE] = bits_new (self);
      any_value_bits (self, FIELD_GENRE, values, hidden);
      bits_fill (self, filter->parts[SF_CRITERION_GENRES_EXCLUDE]);
      bits_and_not (self, filter->parts[SF_CRITERION_GENRES_EXCLUDE], hidden);
    }

  for (Field f = FIELD_STATUS; f < N_FIELDS; f++)
    {
      SfCriterion criterion = field_criteria[f];

      values = sf_criteria_get_values (criteria, criterion);
      if (values[0] != NULL)
        {
          filter->parts[criterion] = bits_new (self);
          any_value_bits (self, f, values, filter->parts[criterion]);
        }
    }

  sf_criteria_get_year_range (criteria, &from, &to);
  if (from > 0 || to > 0)
    {
      filter->parts[SF_CRITERION_YEAR] = bits_new (self);
      range_bits (self, self->years, from, to, filter->parts[SF_CRITERION_YEAR]);
    }

  sf_criteria_get_runtime_range (criteria, &from, &to);
  if (from > 0 || to > 0)
    {
      filter->parts[SF_CRITERION_RUNTIME] = bits_new (self);
      range_bits (self, self->runtimes, from, to, filter->parts[SF_CRITERION_RUNTIME]);
    }

  if (sf_criteria_is_set (criteria, SF_CRITERION_RATING))
    {
      double min = sf_criteria_get_min_rating (criteria);
      guint64 *bits = filter->parts[SF_CRITERION_RATING] = bits_new (self);

      for (guint row = 0; row < self->n_rows; row++)
        {
          if (self->ratings[row] >= 0.0 && self->ratings[row] >= min)
            bits_set (bits, row);
        }
    }
}

static void
filter_clear (Filter *filter)
{
  for (guint i = 0; i < SF_N_CRITERIA; i++)
    g_clear_pointer (&filter->parts[i], g_free);
  g_clear_pointer (&filter->person, g_free);
}

/* The rows every part but @skip_a and @skip_b accepts (-1: none skipped). */
static guint64 *
filter_combine (Filter *filter,
                int     skip_a,
                int     skip_b)
{
  guint64 *bits = bits_new (filter->index);

  bits_fill (filter->index, bits);
  for (int i = 0; i < SF_N_CRITERIA; i++)
    {
      if (filter->parts[i] != NULL && i != skip_a && i != skip_b)
        bits_and (filter->index, bits, filter->parts[i]);
    }
  if (filter->person != NULL)
    bits_and (filter->index, bits, filter->person);
  return bits;
}

/* Queries */

static int
text_tier (const char *key,
           const char *text_key)
{
  if (strcmp (key, text_key) == 0)
    return 2;
  if (g_str_has_prefix (key, text_key))
    return 1;
  return 0;
}

/* By popularity */
static int
compare_popularity (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const SfCatalogIndex *self = user_data;
  guint32 ra = self->popularity_rank[*(const guint32 *) a];
  guint32 rb = self->popularity_rank[*(const guint32 *) b];

  return ra < rb ? -1 : ra > rb;
}

GPtrArray *
sf_catalog_index_query (SfCatalogIndex   *self,
                        const SfCriteria *criteria,
                        guint             offset,
                        guint             limit,
                        guint            *total)
{
  g_autofree guint64 *bits = NULL;
  GPtrArray *shows = g_ptr_array_new_with_free_func (g_object_unref);
  guint end = limit > 0 ? offset + limit : G_MAXUINT;
  const guint32 *order;
  Filter filter;
  guint n_matches;

  filter_init (&filter, self, criteria);
  bits = filter_combine (&filter, -1, -1);
  filter_clear (&filter);
  n_matches = bits_count (self, bits);
  if (total != NULL)
    *total = n_matches;
  if (offset >= n_matches)
    return shows;

  switch (sf_criteria_get_sort (criteria))
    {
    case SF_SORT_RATING:
      order = self->orders[ORDER_RATING];
      break;
    case SF_SORT_NEWEST:
      order = self->orders[ORDER_NEWEST];
      break;
    case SF_SORT_NAME:
      order = self->orders[ORDER_NAME];
      break;
    case SF_SORT_RELEVANCE:
    case SF_SORT_POPULARITY:
    default:
      order = self->orders[ORDER_POPULARITY];
      break;
    }

  if (sf_criteria_get_sort (criteria) == SF_SORT_RELEVANCE &&
      sf_criteria_is_set (criteria, SF_CRITERION_TEXT))
    {
      g_autofree char *text_key = sf_criteria_normalize_text (sf_criteria_get_text (criteria));
      g_autoptr(GArray) exact = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autofree guint64 *prefixed = bits_new (self);
      gsize len = strlen (text_key);
      guint from = 0, to = 0;
      guint n = 0;

      /* Popularity within each tier: exact title, title prefix, the rest. The first two are
       * the titles starting with the text: one range of first words, the exact ones first
       * in it. Each tier is walked in popularity order only until enough are found. */
      if (len > 0)
        word_range (self, text_key, len, &from, &to);
      for (guint i = from; i < to; i++)
        {
          guint32 row = self->words[i].row;

          if (self->words[i].offset != 0 || !bits_get (bits, row))
            continue;
          if (strcmp (self->words[i].suffix, text_key) == 0)
            g_array_append_val (exact, row);
          else
            bits_set (prefixed, row);
        }
      g_array_sort_with_data (exact, compare_popularity, self);

      for (guint i = 0; i < exact->len && n < end; i++, n++)
        {
          if (n >= offset)
            g_ptr_array_add (shows, g_object_ref (self->shows[g_array_index (exact, guint32, i)]));
        }
      for (guint tier = 1; tier <= 2; tier++)
        {
          for (guint i = 0; i < self->n_rows && n < end && n < n_matches; i++)
            {
              guint32 row = order[i];

              if (tier == 1 ? !bits_get (prefixed, row)
                            : !bits_get (bits, row) || bits_get (prefixed, row) ||
                              text_tier (self->keys[row], text_key) == 2)
                continue;
              if (n >= offset)
                g_ptr_array_add (shows, g_object_ref (self->shows[row]));
              n++;
            }
        }
      return shows;
    }

  for (guint i = 0, n = 0; i < self->n_rows && n < end && n < n_matches; i++)
    {
      guint32 row = order[i];

      if (!bits_get (bits, row))
        continue;
      if (n >= offset)
        g_ptr_array_add (shows, g_object_ref (self->shows[row]));
      n++;
    }

  return shows;
}

/* Facets */

static void
add_count (GPtrArray   *counts,
           SfCriterion  criterion,
           const char  *value,
           guint        count)
{
  SfFacetCount *facet;

  if (count == 0)
    return;

  facet = g_new0 (SfFacetCount, 1);
  facet->criterion = criterion;
  facet->value = g_strdup (value);
  facet->count = count;
  g_ptr_array_add (counts, facet);
}

/* Every value of @field over the rows of @bits, tallied row by row. */
static void
tally (SfCatalogIndex *self,
       Field           field,
       const guint64  *bits,
       GHashTable     *skip,
       GPtrArray      *counts)
{
  Dictionary *dict = &self->fields[field];
  g_autofree guint *tallies = g_new0 (guint, MAX (1, dict->values->len));

  for (guint w = 0; w < self->n_words; w++)
    {
      for (guint64 word = bits[w]; word != 0; word &= word - 1)
        {
          guint row = w * 64 + __builtin_ctzll (word);

          for (guint32 k = dict->row_start[row]; k < dict->row_start[row + 1]; k++)
            tallies[g_array_index (dict->row_ids, guint32, k)]++;
        }
    }

  for (guint id = 0; id < dict->values->len; id++)
    {
      if (skip == NULL || !g_hash_table_contains (skip, GUINT_TO_POINTER (id)))
        add_count (counts, field_criteria[field],
                   ((Value *) g_ptr_array_index (dict->values, id))->name, tallies[id]);
    }
}

SfCatalogFacets *
sf_catalog_index_facets (SfCatalogIndex   *self,
                         const SfCriteria *criteria)
{
  SfCatalogFacets *facets = g_new0 (SfCatalogFacets, 1);
  const char * const *excluded = sf_criteria_get_values (criteria, SF_CRITERION_GENRES_EXCLUDE);
  g_autoptr(GHashTable) excluded_ids = g_hash_table_new (NULL, NULL);
  Dictionary *genres = &self->fields[FIELD_GENRE];
  Filter filter;

  facets->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_facet_count_free);
  filter_init (&filter, self, criteria);

  {
    g_autofree guint64 *all = filter_combine (&filter, -1, -1);

    facets->total = bits_count (self, all);
  }

  /* Genres: without the "any of" genres, plus the genre (sf_criteria_copy_for_facet()). */
  {
    g_autofree guint64 *base = filter_combine (&filter, SF_CRITERION_GENRES_ANY, -1);

    for (guint i = 0; excluded[i] != NULL; i++)
      {
        int id = dictionary_lookup (genres, excluded[i]);

        if (id >= 0)
          g_hash_table_add (excluded_ids, GUINT_TO_POINTER ((guint) id));
      }
    tally (self, FIELD_GENRE, base, excluded_ids, facets->counts);
  }

  /* An excluded genre: what its exclusion hides, the other exclusions staying. */
  for (guint i = 0; excluded[i] != NULL; i++)
    {
      g_autofree guint64 *base = NULL;
      int id = dictionary_lookup (genres, excluded[i]);
      Value *value;

      if (id < 0)
        continue;
      base = filter_combine (&filter, SF_CRITERION_GENRES_ANY, SF_CRITERION_GENRES_EXCLUDE);
      for (guint j = 0; excluded[j] != NULL; j++)
        {
          int other = dictionary_lookup (genres, excluded[j]);

          if (other >= 0 && other != id)
            bits_and_not (self, base,
                          ((Value *) g_ptr_array_index (genres->values, other))->bits);
        }
      value = g_ptr_array_index (genres->values, id);
      add_count (facets->counts, SF_CRITERION_GENRES_ALL, value->name,
                 bits_count_and (self, base, value->bits));
    }

  for (Field f = FIELD_STATUS; f < N_FIELDS; f++)
    {
      g_autofree guint64 *base = filter_combine (&filter, field_criteria[f], -1);

      tally (self, f, base, NULL, facets->counts);
    }

  filter_clear (&filter);
  g_ptr_array_sort (facets->counts, sf_facet_count_compare);
  return facets;
}

void
sf_catalog_facets_free (SfCatalogFacets *facets)
{
  if (facets == NULL)
    return;

  g_clear_pointer (&facets->counts, g_ptr_array_unref);
  g_free (facets);
}
