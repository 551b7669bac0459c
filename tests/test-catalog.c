/* The catalog against a brute-force filter over the same generated shows. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sf-catalog.h"
#include "sf-catalog-index.h"
#include "sf-show-list.h"
#include "sf-index-page.h"
#include "sf-search.h"
#include "sf-test-kit.h"

#define TIMEOUT_MS 60000
#define SEED 4
#define N_IDS 3200
#define N_RANDOM_QUERIES 300
#define N_RANDOM_FACETS 40

typedef struct
{
  GPtrArray *shows;       /* SfShow, every generated show */
  GPtrArray *page_json;   /* char*, index page text by page number (NULL: none) */
} Data;

static Data data;
static char *tmpdir;

/* Generated shows */

static const char * const words[] = {
  "office", "Office", "the", "The", "Grey's", "anatomy", "Café", "cafe", "Pokémon", "Straße",
  "night", "Night", "blue", "dark", "Dark", "house", "House", "of", "cards", "life", "love",
  "star", "Star", "trek", "9-1-1", "lost", "world", "doctor", "who", "game", "Thrones",
  "crown", "mad", "men", "girls", "boys", "ÉCOLE", "école", "дом", "東京", "little", "big",
  "bang", "theory", "sons", "anarchy", "O'Brien", "x", "100%", "a_b",
};

static const char * const genres[] = {
  "Action", "Adult", "Adventure", "Anime", "Children", "Comedy", "Crime", "DIY", "Drama",
  "Espionage", "Family", "Fantasy", "Food", "History", "Horror", "Legal", "Medical", "Music",
  "Mystery", "Nature", "Romance", "Science-Fiction", "Sports", "Supernatural", "Thriller",
  "Travel", "War", "Western",
};

static const char * const statuses[] = {
  "Running", "Ended", "To Be Determined", "In Development",
};

static const char * const types[] = {
  "Scripted", "Animation", "Reality", "Talk Show", "Documentary", "Game Show", "News",
  "Sports", "Variety", "Award Show", "Panel Show",
};

static const char * const languages[] = {
  "English", "Japanese", "Spanish", "German", "French", "Korean", "Russian",
};

/* A country's name may differ from one show to another (the lowest id's is used), and its
 * code may come in another case. */
static const struct {
  const char *name;
  const char *country;
  const char *country_name;
} networks[] = {
  { "HBO", "US", "United States" }, { "NBC", "US", "United States" },
  { "BBC One", "GB", "United Kingdom" }, { "BBC Two", "GB", "United Kingdom" },
  { "Fuji TV", "JP", "Japan" }, { "ZDF", "DE", "Germany" }, { "Channel 4", "GB", "UK" },
  { "TF1", "FR", "France" }, { "nbc", "us", "United States of America" },
}, web_channels[] = {
  { "Netflix", NULL, NULL }, { "Prime Video", NULL, NULL },
  { "Hulu", "US", "United States" }, { "BBC iPlayer", "GB", "Great Britain" },
  { "Crunchyroll", NULL, NULL },
};

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

static void
add_channel (JsonBuilder *builder,
             const char  *member,
             const char  *name,
             const char  *country,
             const char  *country_name)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "country");
  if (country == NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, country_name);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, country);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static char *
generate_show (GRand  *rand,
               gint64  id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  guint n_words = g_rand_int_range (rand, 1, 5);
  double roll;

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append (name, g_rand_int_range (rand, 0, 10) == 0 ? ": " : " ");
      g_string_append (name, PICK (rand, words));
    }
  if (g_rand_int_range (rand, 0, 20) == 0)
    g_string_append (name, "!");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, "https://www.tvmaze.com/shows/1/x");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name->str);

  json_builder_set_member_name (builder, "type");
  if (g_rand_int_range (rand, 0, 20) == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, PICK (rand, types));

  json_builder_set_member_name (builder, "language");
  roll = g_rand_double (rand);
  if (roll < 0.08)
    json_builder_add_null_value (builder);
  else if (roll < 0.10)
    json_builder_add_string_value (builder, "english");   /* a case variant */
  else
    json_builder_add_string_value (builder, PICK (rand, languages));

  json_builder_set_member_name (builder, "genres");
  json_builder_begin_array (builder);
  for (guint i = 0, n = g_rand_int_range (rand, 0, 4); i < n; i++)
    json_builder_add_string_value (builder, PICK (rand, genres));
  if (g_rand_int_range (rand, 0, 40) == 0)
    json_builder_add_string_value (builder, "drama");      /* a case variant, maybe a repeat */
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "status");
  roll = g_rand_double (rand);
  if (roll < 0.05)
    json_builder_add_null_value (builder);
  else if (roll < 0.07)
    json_builder_add_string_value (builder, "running");
  else
    json_builder_add_string_value (builder, PICK (rand, statuses));

  roll = g_rand_double (rand);
  json_builder_set_member_name (builder, "runtime");
  if (roll < 0.6)
    json_builder_add_int_value (builder, (const int[]) { 15, 22, 25, 30, 45, 50, 60, 90 }
                                         [g_rand_int_range (rand, 0, 8)]);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "averageRuntime");
  if (roll >= 0.6 && roll < 0.8)
    json_builder_add_int_value (builder, g_rand_int_range (rand, 10, 120));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "premiered");
  if (g_rand_double (rand) < 0.7)
    {
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d",
                                               g_rand_int_range (rand, 1950, 2026),
                                               g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));

      json_builder_add_string_value (builder, date);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  json_builder_set_member_name (builder, "rating");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "average");
  if (g_rand_double (rand) < 0.6)
    json_builder_add_double_value (builder, g_rand_int_range (rand, 10, 100) / 10.0);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  if (g_rand_double (rand) < 0.9)
    {
      json_builder_set_member_name (builder, "weight");
      json_builder_add_int_value (builder, g_rand_int_range (rand, 0, 101));
    }

  roll = g_rand_double (rand);
  if (roll < 0.65)
    {
      guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (networks));

      add_channel (builder, "network", networks[i].name, networks[i].country,
                   networks[i].country_name);
    }
  if (roll >= 0.6 && roll < 0.9)
    {
      guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (web_channels));

      add_channel (builder, "webChannel", web_channels[i].name, web_channels[i].country,
                   web_channels[i].country_name);
    }

  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder,
                                 "<p>A \"quoted\" summary, with [brackets] and {braces}.</p>");
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, 1600000000 + id);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, g_rand_boolean (rand));
  return json_generator_to_data (generator, NULL);
}

static void
generate_data (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  guint n_pages = N_IDS / SF_CATALOG_PAGE_SIZE + 1;

  data.shows = g_ptr_array_new_with_free_func (g_object_unref);
  data.page_json = g_ptr_array_new_with_free_func (g_free);

  for (guint page = 0; page < n_pages; page++)
    {
      g_autoptr(GString) text = g_string_new ("[");
      g_autoptr(GPtrArray) shows = NULL;
      g_autoptr(GPtrArray) json = NULL;
      g_autoptr(GError) error = NULL;
      guint n = 0;

      /* page 5 is a gap: TVmaze answers 404 for it */
      if (page == 5)
        {
          g_ptr_array_add (data.page_json, NULL);
          continue;
        }

      for (gint64 id = MAX (page * SF_CATALOG_PAGE_SIZE, 1);
           id < (page + 1) * SF_CATALOG_PAGE_SIZE && id <= N_IDS; id++)
        {
          g_autofree char *show = NULL;

          if (g_rand_int_range (rand, 0, 20) == 0)
            continue;

          show = generate_show (rand, id);
          g_string_append_printf (text, "%s\n%s", n++ > 0 ? "," : "", show);
        }
      g_string_append (text, "]\n");

      shows = sf_index_page_parse (text->str, text->len, &json, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (shows->len, ==, n);
      g_assert_cmpuint (json->len, ==, n);
      for (guint i = 0; i < shows->len; i++)
        g_ptr_array_add (data.shows, g_object_ref (g_ptr_array_index (shows, i)));

      g_ptr_array_add (data.page_json, g_string_free (g_steal_pointer (&text), FALSE));
    }
}

/* The catalog */

static SfCatalog *
open_catalog (const char     *name,
              SfCatalogFlags  flags)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(SfCatalog) catalog = sf_catalog_new (path, flags);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_open_async (catalog, NULL, sf_test_result_cb, &result);
  sf_catalog_open_finish (catalog, sf_test_wait_for_result (&result, TIMEOUT_MS, "open"), &error);
  g_assert_no_error (error);
  g_assert_true (sf_catalog_is_open (catalog));

  return g_steal_pointer (&catalog);
}

static void
close_catalog (SfCatalog *catalog)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_close_async (catalog, NULL, sf_test_result_cb, &result);
  sf_catalog_close_finish (catalog, sf_test_wait_for_result (&result, TIMEOUT_MS, "close"), &error);
  g_assert_no_error (error);
  g_assert_false (sf_catalog_is_open (catalog));
  g_clear_object (&result);
  g_assert_finalize_object (catalog);
}

typedef struct
{
  guint pending;
  guint failed;
} StoreCount;

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  StoreCount *count = user_data;
  g_autoptr(GError) error = NULL;

  if (!sf_catalog_store_page_finish (SF_CATALOG (source), result, &error))
    {
      g_printerr ("store failed: %s\n", error->message);
      count->failed++;
    }
  count->pending--;
}

/* Queues every page at once (so the writer batches them), in the given order. */
static void
store_pages_start (SfCatalog   *catalog,
                   const guint *order,
                   guint        n,
                   StoreCount  *count)
{
  for (guint i = 0; i < n; i++)
    {
      const char *text = g_ptr_array_index (data.page_json, order[i]);
      g_autoptr(GPtrArray) shows = NULL;
      g_autoptr(GPtrArray) json = NULL;

      if (text == NULL)
        continue;

      shows = sf_index_page_parse (text, -1, &json, NULL);
      g_assert_nonnull (shows);
      count->pending++;
      sf_catalog_store_page_async (catalog, order[i], shows, json, NULL, stored_cb, count);
    }
}

static void
store_wait (StoreCount *count)
{
  SF_TEST_WAIT_UNTIL (count->pending == 0, TIMEOUT_MS, "storing pages");
  g_assert_cmpuint (count->failed, ==, 0);
}

static void
store_pages (SfCatalog   *catalog,
             const guint *order,
             guint        n)
{
  StoreCount count = { 0, 0 };

  store_pages_start (catalog, order, n, &count);
  store_wait (&count);
}

static void
store_all (SfCatalog *catalog)
{
  g_autofree guint *order = g_new (guint, data.page_json->len);

  for (guint i = 0; i < data.page_json->len; i++)
    order[i] = i;
  store_pages (catalog, order, data.page_json->len);
}

static GPtrArray *
query (SfCatalog        *catalog,
       const SfCriteria *criteria,
       guint             offset,
       guint             limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *shows;

  sf_catalog_query_async (catalog, criteria, offset, limit, NULL, sf_test_result_cb, &result);
  shows = sf_catalog_query_finish (catalog,
                                   sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                            "a query"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (shows);
  return shows;
}

static guint
count (SfCatalog        *catalog,
       const SfCriteria *criteria)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  sf_catalog_count_async (catalog, criteria, NULL, sf_test_result_cb, &result);
  sf_catalog_count_finish (catalog, sf_test_wait_for_result (&result, TIMEOUT_MS, "a count"), &n,
                           &error);
  g_assert_no_error (error);
  return n;
}

/* Brute force */

static const SfCriteria *sort_criteria;

static int
compare_shows (gconstpointer a,
               gconstpointer b)
{
  return sf_criteria_compare (sort_criteria, *(SfShow **) a, *(SfShow **) b);
}

static GPtrArray *
brute_force (const SfCriteria *criteria)
{
  GPtrArray *matches = g_ptr_array_new ();

  for (guint i = 0; i < data.shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (data.shows, i);

      if (sf_criteria_matches (criteria, show))
        g_ptr_array_add (matches, show);
    }

  sort_criteria = criteria;
  g_ptr_array_sort (matches, compare_shows);
  return matches;
}

static void
assert_same_shows (GPtrArray        *expected,
                   guint             offset,
                   GPtrArray        *actual,
                   const SfCriteria *criteria)
{
  for (guint i = 0; i < actual->len; i++)
    {
      SfShow *want = g_ptr_array_index (expected, offset + i);
      SfShow *got = g_ptr_array_index (actual, i);

      if (sf_show_get_id (want) != sf_show_get_id (got))
        {
          g_autofree char *text = sf_criteria_to_string (criteria);

          g_printerr ("criteria: %s\nposition %u: expected %" G_GINT64_FORMAT " “%s”, got %"
                      G_GINT64_FORMAT " “%s”\n", text, offset + i, sf_show_get_id (want),
                      sf_show_get_name (want), sf_show_get_id (got), sf_show_get_name (got));
        }
      g_assert_cmpint (sf_show_get_id (want), ==, sf_show_get_id (got));
      g_assert_cmpstr (sf_show_get_name (want), ==, sf_show_get_name (got));
    }
}

static const char *
random_word (GRand *rand)
{
  return PICK (rand, words);
}

static SfCriteria *
random_criteria (GRand *rand)
{
  SfCriteria *criteria = sf_criteria_new ();

  if (g_rand_double (rand) < 0.3)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
        {
          const char *word = random_word (rand);
          glong len = g_utf8_strlen (word, -1);
          glong cut = g_rand_int_range (rand, 1, len + 1);
          const char *end = g_utf8_offset_to_pointer (word, cut);

          if (i > 0)
            g_string_append_c (text, ' ');
          g_string_append_len (text, word, end - word);
        }
      if (g_rand_boolean (rand))
        {
          g_autofree char *upper = g_utf8_strup (text->str, -1);

          g_string_assign (text, upper);
        }
      sf_criteria_set_text (criteria, text->str);
    }

  if (g_rand_double (rand) < 0.25)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
      sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, PICK (rand, genres));
  if (g_rand_double (rand) < 0.25)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 4); i < n; i++)
      sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ANY, PICK (rand, genres));
  if (g_rand_double (rand) < 0.15)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
      sf_criteria_add_value (criteria, SF_CRITERION_GENRES_EXCLUDE,
                             g_rand_boolean (rand) ? PICK (rand, genres) : "DRAMA");
  if (g_rand_double (rand) < 0.25)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
      sf_criteria_add_value (criteria, SF_CRITERION_STATUS, PICK (rand, statuses));
  if (g_rand_double (rand) < 0.2)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
      sf_criteria_add_value (criteria, SF_CRITERION_TYPE, PICK (rand, types));
  if (g_rand_double (rand) < 0.2)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
      sf_criteria_add_value (criteria, SF_CRITERION_LANGUAGE,
                             g_rand_boolean (rand) ? PICK (rand, languages) : "ENGLISH");
  if (g_rand_double (rand) < 0.15)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
      {
        guint network = g_rand_int_range (rand, 0, G_N_ELEMENTS (networks));
        guint web = g_rand_int_range (rand, 0, G_N_ELEMENTS (web_channels));

        sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL,
                               g_rand_boolean (rand) ? networks[network].name
                                                     : web_channels[web].name);
      }
  if (g_rand_double (rand) < 0.15)
    for (guint i = 0, n = g_rand_int_range (rand, 1, 3); i < n; i++)
      sf_criteria_add_value (criteria, SF_CRITERION_COUNTRY,
                             (const char * const[]) { "US", "gb", "JP", "DE", "fr" }
                             [g_rand_int_range (rand, 0, 5)]);
  if (g_rand_double (rand) < 0.25)
    {
      int from = g_rand_boolean (rand) ? g_rand_int_range (rand, 1950, 2026) : 0;
      int to = g_rand_boolean (rand) ? g_rand_int_range (rand, 1950, 2026) : 0;

      sf_criteria_set_year_range (criteria, from, to);
    }
  if (g_rand_double (rand) < 0.2)
    sf_criteria_set_min_rating (criteria, g_rand_int_range (rand, 10, 100) / 10.0);
  if (g_rand_double (rand) < 0.2)
    {
      int from = g_rand_boolean (rand) ? g_rand_int_range (rand, 10, 70) : 0;
      int to = g_rand_boolean (rand) ? g_rand_int_range (rand, 20, 100) : 0;

      sf_criteria_set_runtime_range (criteria, from, to);
    }

  sf_criteria_set_sort (criteria, g_rand_int_range (rand, SF_SORT_RELEVANCE, SF_SORT_NAME + 1));

  /* "With a person": their series, some of them unknown to the catalog. */
  if (g_rand_double (rand) < 0.15)
    {
      gint64 ids[40];
      guint n = g_rand_int_range (rand, 0, G_N_ELEMENTS (ids));

      for (guint i = 0; i < n; i++)
        ids[i] = g_rand_boolean (rand)
                 ? sf_show_get_id (g_ptr_array_index (data.shows,
                                                      g_rand_int_range (rand, 0, data.shows->len)))
                 : g_rand_int_range (rand, 1, 1000000);
      sf_criteria_set_person (criteria, g_rand_int_range (rand, 1, 100000), "Someone", ids, n);
    }
  return criteria;
}

static void
check_random_queries (SfCatalog *catalog,
                      guint      n_queries,
                      guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint non_empty = 0;

  for (guint q = 0; q < n_queries; q++)
    {
      g_autoptr(SfCriteria) criteria = random_criteria (rand);
      g_autoptr(GPtrArray) expected = brute_force (criteria);
      g_autoptr(GPtrArray) actual = query (catalog, criteria, 0, 0);

      if (actual->len != expected->len)
        {
          g_autofree char *text = sf_criteria_to_string (criteria);

          g_printerr ("criteria: %s\n", text);
        }
      assert_same_shows (expected, 0, actual, criteria);
      g_assert_cmpuint (actual->len, ==, expected->len);
      g_assert_cmpuint (count (catalog, criteria), ==, expected->len);
      if (expected->len > 0)
        non_empty++;

      /* a batch from the middle is the same slice */
      if (expected->len > 10 && q % 5 == 0)
        {
          guint offset = g_rand_int_range (rand, 0, expected->len);
          guint limit = g_rand_int_range (rand, 1, 30);
          g_autoptr(GPtrArray) slice = query (catalog, criteria, offset, limit);

          g_assert_cmpuint (slice->len, ==, MIN (limit, expected->len - offset));
          assert_same_shows (expected, offset, slice, criteria);
        }
    }

  /* the generator must exercise something */
  g_assert_cmpuint (non_empty, >, n_queries / 3);
  g_test_message ("%u of %u random criteria matched shows", non_empty, n_queries);
}

/* The in-memory index (sf-catalog-index.c) against brute force: the same shows in the same
 * order, the same total, and every facet count as sf_criteria_copy_for_facet() defines it
 * (channel and country: that part replaced by the value alone). */

static const char *
facet_value_of (SfShow      *show,
                SfCriterion  criterion,
                guint        i)
{
  switch (criterion)
    {
    case SF_CRITERION_STATUS:
      return i == 0 ? sf_show_get_status (show) : NULL;
    case SF_CRITERION_TYPE:
      return i == 0 ? sf_show_get_show_type (show) : NULL;
    case SF_CRITERION_LANGUAGE:
      return i == 0 ? sf_show_get_language (show) : NULL;
    case SF_CRITERION_COUNTRY:
      return i == 0 ? sf_show_get_country_code (show) : NULL;
    case SF_CRITERION_CHANNEL:
      return i == 0 ? sf_show_get_network_name (show)
                    : i == 1 ? sf_show_get_web_channel_name (show) : NULL;
    default:
      g_assert_not_reached ();
    }
}

static GHashTable *
brute_force_facets (const SfCriteria *criteria)
{
  static const SfCriterion fields[] = {
    SF_CRITERION_GENRES_ALL, SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE,
    SF_CRITERION_CHANNEL, SF_CRITERION_COUNTRY,
  };
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  /* Every value of the catalog, by "criterion:folded value" */
  for (guint s = 0; s < data.shows->len; s++)
    {
      SfShow *show = g_ptr_array_index (data.shows, s);
      const char * const *show_genres = sf_show_get_genres (show);

      for (guint i = 0; show_genres != NULL && show_genres[i] != NULL; i++)
        {
          g_autofree char *folded = g_ascii_strdown (show_genres[i], -1);

          g_hash_table_insert (values,
                               g_strdup_printf ("%d:%s", SF_CRITERION_GENRES_ALL, folded),
                               g_strdup (show_genres[i]));
        }
      for (guint f = 1; f < G_N_ELEMENTS (fields); f++)
        for (guint i = 0; i < 2; i++)
          {
            const char *v = facet_value_of (show, fields[f], i);
            g_autofree char *folded = v != NULL ? g_ascii_strdown (v, -1) : NULL;

            if (v != NULL)
              g_hash_table_insert (values, g_strdup_printf ("%d:%s", fields[f], folded),
                                   g_strdup (v));
          }
    }

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SfCriterion criterion = atoi (key);
      g_autoptr(SfCriteria) facet = NULL;
      guint n = 0;

      if (criterion == SF_CRITERION_CHANNEL || criterion == SF_CRITERION_COUNTRY)
        {
          const char * const one[] = { value, NULL };

          facet = sf_criteria_copy (criteria);
          sf_criteria_set_values (facet, criterion, one);
        }
      else
        {
          facet = sf_criteria_copy_for_facet (criteria, criterion, value);
        }

      for (guint s = 0; s < data.shows->len; s++)
        n += sf_criteria_matches (facet, g_ptr_array_index (data.shows, s));
      if (n > 0)
        g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER (n));
    }

  return counts;
}

static void
test_index (void)
{
  g_autoptr(SfCatalogIndex) index = sf_catalog_index_new (data.shows);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 10);
  guint non_empty = 0;

  g_assert_cmpuint (sf_catalog_index_get_size (index), ==, data.shows->len);

  for (guint q = 0; q < N_RANDOM_QUERIES * 2; q++)
    {
      g_autoptr(SfCriteria) criteria = random_criteria (rand);
      g_autoptr(GPtrArray) expected = brute_force (criteria);
      guint total = 0;
      g_autoptr(GPtrArray) actual = sf_catalog_index_query (index, criteria, 0, 0, &total);

      g_assert_cmpuint (actual->len, ==, expected->len);
      g_assert_cmpuint (total, ==, expected->len);
      assert_same_shows (expected, 0, actual, criteria);
      non_empty += expected->len > 0;

      if (expected->len > 10)
        {
          guint offset = g_rand_int_range (rand, 0, expected->len);
          guint limit = g_rand_int_range (rand, 1, 60);
          g_autoptr(GPtrArray) slice = sf_catalog_index_query (index, criteria, offset, limit,
                                                               &total);

          g_assert_cmpuint (total, ==, expected->len);
          g_assert_cmpuint (slice->len, ==, MIN (limit, expected->len - offset));
          assert_same_shows (expected, offset, slice, criteria);
        }

      if (q % 4 == 0)
        {
          g_autoptr(SfCatalogFacets) facets = sf_catalog_index_facets (index, criteria);
          g_autoptr(GHashTable) want = brute_force_facets (criteria);

          g_assert_cmpuint (facets->total, ==, expected->len);
          for (guint i = 0; i < facets->counts->len; i++)
            {
              SfFacetCount *count = g_ptr_array_index (facets->counts, i);
              g_autofree char *folded = g_ascii_strdown (count->value, -1);
              g_autofree char *key = g_strdup_printf ("%d:%s", count->criterion, folded);

              if (GPOINTER_TO_UINT (g_hash_table_lookup (want, key)) != count->count)
                {
                  g_autofree char *text = sf_criteria_to_string (criteria);

                  g_printerr ("criteria: %s\nfacet %s\n", text, key);
                }
              g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (want, key)), ==,
                                count->count);
              g_assert_true (g_hash_table_remove (want, key));
            }
          /* nothing left out */
          g_assert_cmpuint (g_hash_table_size (want), ==, 0);
        }
    }

  g_assert_cmpuint (non_empty, >, N_RANDOM_QUERIES * 2 / 3);
  g_test_message ("index: %u of %u random criteria matched shows", non_empty,
                  N_RANDOM_QUERIES * 2);
}

static void
check_all_facets (SfCatalog *catalog,
                  guint      n_queries,
                  guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint q = 0; q < n_queries; q++)
    {
      g_autoptr(SfCriteria) criteria = random_criteria (rand);
      g_autoptr(GPtrArray) expected = brute_force (criteria);
      g_autoptr(GHashTable) want = brute_force_facets (criteria);
      g_autoptr(SfCatalogFacets) facets = NULL;
      g_autoptr(GError) error = NULL;

      g_autoptr(GAsyncResult) result = NULL;

      sf_catalog_count_all_facets_async (catalog, criteria, NULL, sf_test_result_cb, &result);
      facets = sf_catalog_count_all_facets_finish (catalog,
                                                   sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                            "facets"),
                                                   &error);
      g_assert_no_error (error);
      g_assert_cmpuint (facets->total, ==, expected->len);
      for (guint i = 0; i < facets->counts->len; i++)
        {
          SfFacetCount *count = g_ptr_array_index (facets->counts, i);
          g_autofree char *folded = g_ascii_strdown (count->value, -1);
          g_autofree char *key = g_strdup_printf ("%d:%s", count->criterion, folded);

          if (GPOINTER_TO_UINT (g_hash_table_lookup (want, key)) != count->count)
            {
              g_autofree char *text = sf_criteria_to_string (criteria);

              g_printerr ("criteria: %s\nfacet %s\n", text, key);
            }
          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (want, key)), ==, count->count);
          g_assert_true (g_hash_table_remove (want, key));
        }
      g_assert_cmpuint (g_hash_table_size (want), ==, 0);
    }
}

/* SQLite's answer (no index) and the index's, through the catalog's API. */
static void
test_all_facets (void)
{
  SfCatalog *catalog = open_catalog ("facets-sql.db", SF_CATALOG_FLAGS_NO_INDEX);

  store_all (catalog);
  g_assert_false (sf_catalog_is_indexed (catalog));
  check_all_facets (catalog, N_RANDOM_FACETS, SEED + 20);
  g_assert_false (sf_catalog_is_indexed (catalog));
  close_catalog (catalog);

  catalog = open_catalog ("facets-index.db", SF_CATALOG_FLAGS_NONE);
  store_all (catalog);
  SF_TEST_WAIT_UNTIL (sf_catalog_is_indexed (catalog), TIMEOUT_MS, "indexed");
  check_all_facets (catalog, N_RANDOM_FACETS, SEED + 21);
  check_random_queries (catalog, N_RANDOM_QUERIES / 3, SEED + 22);
  g_assert_true (sf_catalog_is_indexed (catalog));

  /* a write makes it stale at once: SQLite answers until it is rebuilt */
  store_pages (catalog, (const guint[]) { 1 }, 1);
  g_assert_false (sf_catalog_is_indexed (catalog));
  check_random_queries (catalog, 10, SEED + 23);
  SF_TEST_WAIT_UNTIL (sf_catalog_is_indexed (catalog), TIMEOUT_MS, "indexed again");
  close_catalog (catalog);
}

/* SfSearch (src/app/sf-search.c) over a catalog: the first answer, capped; then every match;
 * then shows from elsewhere (a page the sync stores later) merged where the order puts them,
 * never above the place given, never twice. */
static void
test_search (void)
{
  SfCatalog *catalog = open_catalog ("search.db", SF_CATALOG_FLAGS_NONE);
  g_autofree guint *order = g_new (guint, data.page_json->len);
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) later_json = NULL;
  g_autoptr(GPtrArray) stored = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) later_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(SfSearch) search = NULL;
  GListModel *results;
  guint last = data.page_json->len - 1;
  guint n_later = 0, added;

  /* Every page but the last one stored */
  while (g_ptr_array_index (data.page_json, last) == NULL)
    last--;
  for (guint i = 0; i < last; i++)
    order[i] = i;
  store_pages (catalog, order, last);
  later = sf_index_page_parse (g_ptr_array_index (data.page_json, last), -1, &later_json, NULL);
  g_assert_nonnull (later);

  sf_criteria_set_sort (criteria, SF_SORT_NAME);
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  all = brute_force (criteria);
  for (guint i = 0; i < later->len; i++)
    {
      gint64 id = sf_show_get_id (g_ptr_array_index (later, i));

      g_hash_table_add (later_ids, g_memdup2 (&id, sizeof id));
      n_later += sf_criteria_matches (criteria, g_ptr_array_index (later, i));
    }
  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = sf_show_get_id (g_ptr_array_index (all, i));

      if (!g_hash_table_contains (later_ids, &id))
        g_ptr_array_add (stored, g_ptr_array_index (all, i));
    }
  g_assert_cmpuint (stored->len, >, 10);
  g_assert_cmpuint (n_later, >, 0);

  /* Capped: the first ten, but the total of them all */
  search = sf_search_new (catalog);
  results = sf_search_get_results (search);
  sf_search_set_max_results (search, 10);
  sf_search_set_criteria (search, criteria);
  SF_TEST_WAIT_UNTIL (sf_search_is_finished (search), TIMEOUT_MS, "the capped answer");
  g_assert_cmpint (sf_search_get_state (search), ==, SF_SEARCH_STATE_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 10);
  g_assert_cmpint (sf_search_get_total (search), ==, stored->len);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);

      g_assert_cmpint (sf_show_get_id (show), ==, sf_show_get_id (stored->pdata[i]));
    }

  /* Every match, in batches */
  sf_search_set_max_results (search, 0);
  sf_search_set_batches (search, 7, 5);
  sf_search_refresh (search);
  SF_TEST_WAIT_UNTIL (sf_search_is_finished (search), TIMEOUT_MS, "every match");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, stored->len);

  /* The last page arrives from elsewhere, with shows already there: only the new matches
   * are added, each where the order puts it, once. */
  g_ptr_array_extend (later, stored, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  added = sf_search_merge (search, later, 0);
  g_assert_cmpuint (added, ==, n_later);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, all->len);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);

      g_assert_cmpint (sf_show_get_id (show), ==, sf_show_get_id (all->pdata[i]));
    }
  g_assert_cmpuint (sf_search_merge (search, later, 0), ==, 0);

  /* Asked again; this time the merged ones go nowhere above the last stored match (the
   * cards on screen stay put). */
  sf_search_refresh (search);
  SF_TEST_WAIT_UNTIL (sf_search_is_finished (search) &&
                      g_list_model_get_n_items (results) == stored->len,
                      TIMEOUT_MS, "every match again");
  g_assert_cmpuint (sf_search_merge (search, later, stored->len), ==, n_later);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);
      gint64 id = sf_show_get_id (show);

      g_assert_true (sf_criteria_matches (criteria, show));
      g_assert_false (g_hash_table_contains (seen, &id));
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      if (i < stored->len)
        g_assert_cmpint (id, ==, sf_show_get_id (stored->pdata[i]));
      else
        g_assert_true (g_hash_table_contains (later_ids, &id));
    }
  g_hash_table_remove_all (seen);

  g_clear_object (&search);
  close_catalog (catalog);
}

static void
test_queries (void)
{
  SfCatalog *catalog = open_catalog ("queries.db", SF_CATALOG_FLAGS_NONE);
  g_autoptr(SfCriteria) all = sf_criteria_new ();
  SfCatalogState state;

  store_all (catalog);

  sf_catalog_get_state (catalog, &state);
  g_assert_cmpuint (state.n_shows, ==, data.shows->len);
  g_assert_cmpuint (state.n_pages, ==, data.page_json->len - 1);
  g_assert_cmpint (state.last_page, ==, data.page_json->len - 1);
  g_assert_false (state.complete);

  g_assert_cmpuint (count (catalog, all), ==, data.shows->len);
  check_random_queries (catalog, N_RANDOM_QUERIES, SEED);
  close_catalog (catalog);
}

/* Titles matched with LIKE instead of FTS5 give the same results. */
static void
test_queries_without_fts (void)
{
  SfCatalog *catalog = open_catalog ("no-fts.db", SF_CATALOG_FLAGS_NO_FTS);

  store_all (catalog);
  check_random_queries (catalog, N_RANDOM_QUERIES / 3, SEED + 1);
  close_catalog (catalog);

  /* reopened with FTS: the title index is built from what is stored */
  catalog = open_catalog ("no-fts.db", SF_CATALOG_FLAGS_NONE);
  check_random_queries (catalog, N_RANDOM_QUERIES / 3, SEED + 2);
  close_catalog (catalog);
}

static void
test_text_queries (void)
{
  SfCatalog *catalog = open_catalog ("text.db", SF_CATALOG_FLAGS_NONE);
  static const char * const texts[] = {
    "office", "Grey's", "grey s ana", "CAFE", "café", "straße", "strasse", "ecole", "дом",
    "東京", "9-1-1", "100", "a_b", "o'brien", "x", "th", "%", "\"", "star trek", "e",
  };

  store_all (catalog);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (SfSort sort = SF_SORT_RELEVANCE; sort <= SF_SORT_NAME; sort++)
      {
        g_autoptr(SfCriteria) criteria = sf_criteria_new ();
        g_autoptr(GPtrArray) expected = NULL;
        g_autoptr(GPtrArray) actual = NULL;

        sf_criteria_set_text (criteria, texts[i]);
        sf_criteria_set_sort (criteria, sort);
        expected = brute_force (criteria);
        actual = query (catalog, criteria, 0, 0);
        assert_same_shows (expected, 0, actual, criteria);
        g_assert_cmpuint (actual->len, ==, expected->len);
      }

  close_catalog (catalog);
}

/* Facets */

typedef struct
{
  char  *value;   /* smallest spelling */
  guint  count;
} Expected;

static void
add_distinct (GHashTable *groups,
              const char *value)
{
  g_autofree char *key = NULL;
  char *known;

  if (value == NULL)
    return;

  key = g_ascii_strdown (value, -1);
  known = g_hash_table_lookup (groups, key);
  if (known == NULL || strcmp (value, known) < 0)
    g_hash_table_insert (groups, g_steal_pointer (&key), g_strdup (value));
}

static void
check_facets (SfCatalog        *catalog,
              const SfCriteria *criteria)
{
  static const SfCriterion facets[] = {
    SF_CRITERION_GENRES_ALL, SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  guint n_expected = 0;

  sf_catalog_count_facets_async (catalog, criteria, NULL, sf_test_result_cb, &result);
  counts = sf_catalog_count_facets_finish (catalog,
                                           sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                    "facets"), &error);
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (facets); f++)
    {
      g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, g_free);
      GHashTableIter iter, iter2;
      gpointer value;

      for (guint i = 0; i < data.shows->len; i++)
        {
          SfShow *show = g_ptr_array_index (data.shows, i);

          switch (facets[f])
            {
            case SF_CRITERION_GENRES_ALL:
              for (const char * const *g = sf_show_get_genres (show); *g != NULL; g++)
                add_distinct (groups, *g);
              break;
            case SF_CRITERION_STATUS:
              add_distinct (groups, sf_show_get_status (show));
              break;
            case SF_CRITERION_TYPE:
              add_distinct (groups, sf_show_get_show_type (show));
              break;
            case SF_CRITERION_LANGUAGE:
              add_distinct (groups, sf_show_get_language (show));
              break;
            default:
              g_assert_not_reached ();
            }
        }

      g_hash_table_iter_init (&iter, groups);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_autoptr(SfCriteria) facet = sf_criteria_copy_for_facet (criteria, facets[f], value);
          g_autoptr(GPtrArray) matches = brute_force (facet);
          g_autoptr(GHashTable) spelling = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                  g_free, g_free);
          const char *name;
          gboolean found = FALSE;

          if (matches->len == 0)
            continue;
          n_expected++;

          /* the facet is named by the smallest spelling among the shows it counts */
          for (guint i = 0; i < matches->len; i++)
            {
              SfShow *show = g_ptr_array_index (matches, i);
              const char *one[] = { NULL, NULL };
              const char * const *values = one;

              if (facets[f] == SF_CRITERION_GENRES_ALL)
                values = sf_show_get_genres (show);
              else if (facets[f] == SF_CRITERION_STATUS)
                one[0] = sf_show_get_status (show);
              else if (facets[f] == SF_CRITERION_TYPE)
                one[0] = sf_show_get_show_type (show);
              else
                one[0] = sf_show_get_language (show);

              for (guint v = 0; values[v] != NULL; v++)
                if (g_ascii_strcasecmp (values[v], value) == 0)
                  add_distinct (spelling, values[v]);
            }
          g_assert_cmpuint (g_hash_table_size (spelling), ==, 1);
          g_hash_table_iter_init (&iter2, spelling);
          g_assert_true (g_hash_table_iter_next (&iter2, NULL, (gpointer *) &name));

          for (guint i = 0; i < counts->len && !found; i++)
            {
              SfFacetCount *c = g_ptr_array_index (counts, i);

              if (c->criterion == facets[f] && strcmp (c->value, name) == 0)
                {
                  g_assert_cmpuint (c->count, ==, matches->len);
                  found = TRUE;
                }
            }

          if (!found)
            g_error ("facet %d “%s” (%u shows) missing", facets[f], name, matches->len);
        }
    }

  /* nothing more than the brute force found, in the promised order */
  g_assert_cmpuint (counts->len, ==, n_expected);
  for (guint i = 1; i < counts->len; i++)
    {
      SfFacetCount *a = g_ptr_array_index (counts, i - 1);
      SfFacetCount *b = g_ptr_array_index (counts, i);

      g_assert_true (a->criterion < b->criterion ||
                     (a->criterion == b->criterion &&
                      (a->count > b->count ||
                       (a->count == b->count && strcmp (a->value, b->value) < 0))));
    }
}

static void
test_facets (void)
{
  SfCatalog *catalog = open_catalog ("facets.db", SF_CATALOG_FLAGS_NONE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 3);
  g_autoptr(SfCriteria) empty = sf_criteria_new ();

  store_all (catalog);

  check_facets (catalog, empty);
  for (guint i = 0; i < N_RANDOM_FACETS; i++)
    {
      g_autoptr(SfCriteria) criteria = random_criteria (rand);

      check_facets (catalog, criteria);
    }

  close_catalog (catalog);
}

static void
test_relaxed (void)
{
  SfCatalog *catalog = open_catalog ("relaxed.db", SF_CATALOG_FLAGS_NONE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 4);

  store_all (catalog);

  for (guint q = 0; q < 30; q++)
    {
      g_autoptr(SfCriteria) criteria = random_criteria (rand);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) counts = NULL;
      guint n_set = 0;

      sf_catalog_count_relaxed_async (catalog, criteria, NULL, sf_test_result_cb, &result);
      counts = sf_catalog_count_relaxed_finish (catalog,
                                                sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                         "relaxed"), &error);
      g_assert_no_error (error);

      for (guint c = 0; c < SF_N_CRITERIA; c++)
        n_set += sf_criteria_is_set (criteria, c);
      g_assert_cmpuint (counts->len, ==, n_set);

      for (guint i = 0; i < counts->len; i++)
        {
          SfRelaxCount *relax = &g_array_index (counts, SfRelaxCount, i);
          g_autoptr(SfCriteria) relaxed = sf_criteria_copy (criteria);
          g_autoptr(GPtrArray) matches = NULL;

          sf_criteria_clear (relaxed, relax->criterion);
          matches = brute_force (relaxed);
          g_assert_cmpuint (relax->count, ==, matches->len);
          if (i > 0)
            g_assert_cmpuint (g_array_index (counts, SfRelaxCount, i - 1).count, >=, relax->count);
        }
    }

  close_catalog (catalog);
}

static void
test_channels (void)
{
  SfCatalog *catalog = open_catalog ("channels.db", SF_CATALOG_FLAGS_NONE);
  static const char * const prefixes[] = { "", "n", "NB", "bbc", "BBC O", "z", "%", "_", "q" };

  store_all (catalog);

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) completions = NULL;
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer key;

      for (guint i = 0; i < data.shows->len; i++)
        {
          SfShow *show = g_ptr_array_index (data.shows, i);
          const char *channels[] = {
            sf_show_get_network_name (show), sf_show_get_web_channel_name (show),
          };

          for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
            {
              g_autofree char *folded = NULL;

              if (channels[c] == NULL ||
                  g_ascii_strncasecmp (channels[c], prefixes[p], strlen (prefixes[p])) != 0)
                continue;
              folded = g_ascii_strdown (channels[c], -1);
              add_distinct (names, channels[c]);
              g_hash_table_insert (counts, g_strdup (folded),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (
                                     g_hash_table_lookup (counts, folded)) + 1));
            }
        }

      g_hash_table_iter_init (&iter, names);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (expected, key);

      sf_catalog_complete_channel_async (catalog, prefixes[p], 4, NULL, sf_test_result_cb, &result);
      completions = sf_catalog_complete_channel_finish (catalog,
                                                        sf_test_wait_for_result (&result,
                                                                                 TIMEOUT_MS,
                                                                                 "completion"),
                                                        &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (completions), ==, MIN (expected->len, 4));

      for (guint i = 0; completions[i] != NULL; i++)
        {
          g_autofree char *folded = g_ascii_strdown (completions[i], -1);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, folded));

          g_assert_cmpstr (g_hash_table_lookup (names, folded), ==, completions[i]);
          /* most shows first; nothing left out counts more */
          if (i > 0)
            {
              g_autofree char *prev = g_ascii_strdown (completions[i - 1], -1);

              g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, prev)), >=, n);
            }
          if (completions[i + 1] == NULL && i + 1 < expected->len)
            {
              g_hash_table_iter_init (&iter, counts);
              while (g_hash_table_iter_next (&iter, &key, NULL))
                if (!g_strv_contains ((const char * const *) completions,
                                      g_hash_table_lookup (names, key)))
                  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)), <=, n);
            }
        }
    }

  close_catalog (catalog);
}

static GPtrArray *
list_countries (SfCatalog *catalog)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *countries;

  sf_catalog_list_countries_async (catalog, NULL, sf_test_result_cb, &result);
  countries = sf_catalog_list_countries_finish (catalog,
                                                sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                         "countries"),
                                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (countries);
  return countries;
}

static int
compare_country_counts (gconstpointer a,
                        gconstpointer b)
{
  const SfCountryCount *ca = *(SfCountryCount * const *) a;
  const SfCountryCount *cb = *(SfCountryCount * const *) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return strcmp (ca->code, cb->code);
}

static void
test_countries (void)
{
  SfCatalog *catalog = open_catalog ("countries.db", SF_CATALOG_FLAGS_NONE);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) first_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) countries = NULL;
  gboolean named_by_lowest_id = FALSE;

  countries = list_countries (catalog);
  g_assert_cmpuint (countries->len, ==, 0);
  g_clear_pointer (&countries, g_ptr_array_unref);

  store_all (catalog);

  /* Brute force: each show's country, by code in capitals; the name of the lowest id. */
  expected = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_country_count_free);
  for (guint i = 0; i < data.shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (data.shows, i);
      g_autofree char *code = NULL;
      SfCountryCount *country;
      gint64 id = sf_show_get_id (show);

      if (sf_show_get_country_code (show) == NULL)
        continue;

      code = g_ascii_strup (sf_show_get_country_code (show), -1);
      country = g_hash_table_lookup (by_code, code);
      if (country == NULL)
        {
          country = g_new0 (SfCountryCount, 1);
          country->code = g_strdup (code);
          g_ptr_array_add (expected, country);
          g_hash_table_insert (by_code, country->code, country);
        }
      else if (g_strcmp0 (country->name, sf_show_get_country_name (show)) != 0)
        {
          /* the case the rule is for */
          named_by_lowest_id = TRUE;
        }

      country->count++;
      if (country->count == 1 ||
          id < (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (first_ids, country->code)))
        {
          g_hash_table_insert (first_ids, country->code, GSIZE_TO_POINTER ((gsize) id));
          g_free (country->name);
          country->name = g_strdup (sf_show_get_country_name (show));
        }
    }
  g_ptr_array_sort (expected, compare_country_counts);
  g_assert_true (named_by_lowest_id);
  g_assert_cmpuint (expected->len, ==, 5);

  countries = list_countries (catalog);
  g_assert_cmpuint (countries->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      SfCountryCount *want = g_ptr_array_index (expected, i);
      SfCountryCount *got = g_ptr_array_index (countries, i);

      g_assert_cmpstr (got->code, ==, want->code);
      g_assert_cmpuint (got->count, ==, want->count);
      g_assert_cmpstr (got->name, ==, want->name);
    }

  close_catalog (catalog);
}

/* Storing the same pages again (a resumed sync) leaves the catalog as it was. */
static void
test_upsert (void)
{
  SfCatalog *catalog = open_catalog ("upsert.db", SF_CATALOG_FLAGS_NONE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 5);
  g_autofree guint *order = g_new (guint, data.page_json->len);
  g_autoptr(SfCriteria) all = sf_criteria_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SfCatalogState state;

  store_all (catalog);
  before = query (catalog, all, 0, 0);

  /* again, three times over, shuffled */
  for (guint round = 0; round < 3; round++)
    {
      for (guint i = 0; i < data.page_json->len; i++)
        order[i] = i;
      for (guint i = data.page_json->len - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          guint tmp = order[i];

          order[i] = order[j];
          order[j] = tmp;
        }
      store_pages (catalog, order, data.page_json->len);
    }

  after = query (catalog, all, 0, 0);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (sf_show_get_id (g_ptr_array_index (after, i)), ==,
                     sf_show_get_id (g_ptr_array_index (before, i)));
  sf_catalog_get_state (catalog, &state);
  g_assert_cmpuint (state.n_shows, ==, data.shows->len);
  g_assert_cmpuint (count (catalog, all), ==, data.shows->len);

  /* A page that lost a show and changed another replaces what was there. */
  {
    g_autoptr(GPtrArray) shows = NULL;
    g_autoptr(GPtrArray) json = NULL;
    g_autoptr(GPtrArray) new_shows = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) new_json = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(SfCriteria) by_name = sf_criteria_new ();
    g_autoptr(GPtrArray) renamed = NULL;
    gint64 dropped, changed;
    g_autofree char *changed_json = NULL;

    shows = sf_index_page_parse (g_ptr_array_index (data.page_json, 2), -1, &json, &error);
    g_assert_no_error (error);
    dropped = sf_show_get_id (g_ptr_array_index (shows, 0));
    changed = sf_show_get_id (g_ptr_array_index (shows, 1));
    changed_json = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"name\": \"Zyzzyva Renamed\","
                                    " \"genres\": [\"Western\"]}", changed);

    g_ptr_array_add (new_shows, sf_show_parse (changed_json, -1, NULL));
    g_ptr_array_add (new_json, g_strdup (changed_json));
    for (guint i = 2; i < shows->len; i++)
      {
        g_ptr_array_add (new_shows, g_object_ref (g_ptr_array_index (shows, i)));
        g_ptr_array_add (new_json, g_strdup (g_ptr_array_index (json, i)));
      }

    sf_catalog_store_page_async (catalog, 2, new_shows, new_json, NULL, sf_test_result_cb, &result);
    sf_catalog_store_page_finish (catalog, sf_test_wait_for_result (&result, TIMEOUT_MS, "store"),
                                  &error);
    g_assert_no_error (error);

    sf_catalog_get_state (catalog, &state);
    g_assert_cmpuint (state.n_shows, ==, data.shows->len - 1);
    g_assert_cmpuint (count (catalog, all), ==, data.shows->len - 1);

    sf_criteria_set_text (by_name, "zyzzyva");
    renamed = query (catalog, by_name, 0, 0);
    g_assert_cmpuint (renamed->len, ==, 1);
    g_assert_cmpint (sf_show_get_id (g_ptr_array_index (renamed, 0)), ==, changed);
    sf_criteria_set_text (by_name, NULL);
    sf_criteria_add_value (by_name, SF_CRITERION_GENRES_ALL, "western");
    g_clear_pointer (&renamed, g_ptr_array_unref);
    renamed = query (catalog, by_name, 0, 0);
    for (guint i = 0; i < renamed->len; i++)
      g_assert_cmpint (sf_show_get_id (g_ptr_array_index (renamed, i)), !=, dropped);

    /* store_shows replaces single shows and leaves the rest */
    g_clear_object (&result);
    sf_catalog_store_shows_async (catalog, new_shows, new_json, NULL, sf_test_result_cb, &result);
    sf_catalog_store_shows_finish (catalog,
                                   sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                            "store shows"), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count (catalog, all), ==, data.shows->len - 1);
  }

  close_catalog (catalog);
}

static void
changed_cb (SfCatalog *catalog,
            guint     *n_changed)
{
  (*n_changed)++;
}

static void
test_state_and_errors (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "state.db", NULL);
  SfCatalog *catalog = sf_catalog_new (path, SF_CATALOG_FLAGS_NONE);
  g_autoptr(SfCriteria) all = sf_criteria_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SfCatalogState state;
  guint n_changed = 0;

  g_assert_cmpstr (sf_catalog_get_path (catalog), ==, path);

  /* not open yet */
  sf_catalog_query_async (catalog, all, 0, 0, NULL, sf_test_result_cb, &result);
  g_assert_null (sf_catalog_query_finish (catalog,
                                          sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                   "query"), &error));
  g_assert_error (error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_CLOSED);
  g_clear_error (&error);
  g_clear_object (&result);

  g_signal_connect (catalog, "changed", G_CALLBACK (changed_cb), &n_changed);
  sf_catalog_open_async (catalog, NULL, sf_test_result_cb, &result);
  g_assert_true (sf_catalog_open_finish (catalog,
                                         sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                  "open"), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  sf_catalog_get_state (catalog, &state);
  g_assert_cmpuint (state.n_shows, ==, 0);
  g_assert_cmpint (state.last_page, ==, -1);
  g_assert_cmpint (state.last_sync, ==, 0);

  store_all (catalog);
  SF_TEST_WAIT_UNTIL (n_changed != 0, TIMEOUT_MS, "changed");
  sf_catalog_get_state (catalog, &state);
  g_assert_cmpuint (state.n_shows, ==, data.shows->len);
  g_assert_cmpint (state.max_id, ==,
                   sf_show_get_id (g_ptr_array_index (data.shows, data.shows->len - 1)));

  /* cancelled before it runs: no result */
  g_cancellable_cancel (cancellable);
  sf_catalog_query_async (catalog, all, 0, 0, cancellable, sf_test_result_cb, &result);
  g_assert_null (sf_catalog_query_finish (catalog,
                                          sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                   "query"), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* a cancelled store stores nothing */
  {
    g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) json = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (shows, sf_show_parse ("{\"id\": 99999, \"name\": \"Never\"}", -1, NULL));
    g_ptr_array_add (json, g_strdup ("{\"id\": 99999, \"name\": \"Never\"}"));
    sf_catalog_store_page_async (catalog, 399, shows, json, cancellable, sf_test_result_cb,
                                 &result);
    g_assert_false (sf_catalog_store_page_finish (catalog,
                                                  sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                           "store"),
                                                  &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&result);
    g_assert_cmpuint (count (catalog, all), ==, data.shows->len);
  }

  /* many readers at once, while the writer writes */
  {
    g_autofree guint *order = g_new (guint, data.page_json->len);
    GAsyncResult *slots[24] = { NULL, };
    StoreCount stores = { 0, 0 };
    SfTestWait *wait;

    for (guint i = 0; i < data.page_json->len; i++)
      order[i] = i;
    store_pages_start (catalog, order, data.page_json->len, &stores);
    for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
      sf_catalog_query_async (catalog, all, i * 10, 10, NULL, sf_test_result_cb, &slots[i]);
    wait = sf_test_wait_begin (TIMEOUT_MS, "parallel queries");
    for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
      {
        g_autoptr(GPtrArray) shows = NULL;

        while (slots[i] == NULL)
          sf_test_wait_iterate (wait);
        shows = sf_catalog_query_finish (catalog, slots[i], &error);
        g_assert_no_error (error);
        g_assert_cmpuint (shows->len, ==, 10);
        g_clear_object (&slots[i]);
      }
    sf_test_wait_end (wait);
    store_wait (&stores);
  }

  /* closed: refused */
  {
    g_autoptr(GAsyncResult) closed = NULL;

    sf_catalog_close_async (catalog, NULL, sf_test_result_cb, &closed);
    sf_catalog_query_async (catalog, all, 0, 0, NULL, sf_test_result_cb, &result);
    g_assert_null (sf_catalog_query_finish (catalog,
                                            sf_test_wait_for_result (&result, TIMEOUT_MS,
                                                                     "query"), &error));
    g_assert_error (error, SF_CATALOG_ERROR, SF_CATALOG_ERROR_CLOSED);
    g_clear_error (&error);
    g_clear_object (&result);
    g_assert_true (sf_catalog_close_finish (catalog,
                                            sf_test_wait_for_result (&closed, TIMEOUT_MS,
                                                                     "close"), &error));
    g_assert_no_error (error);
  }
  g_signal_handlers_disconnect_by_func (catalog, changed_cb, &n_changed);
  g_assert_finalize_object (catalog);

  /* the data is still there after reopening */
  catalog = open_catalog ("state.db", SF_CATALOG_FLAGS_NONE);
  sf_catalog_get_state (catalog, &state);
  g_assert_cmpuint (state.n_shows, ==, data.shows->len);
  close_catalog (catalog);
}

/* Schema version 1, as an older program wrote it. */
static void
test_migration (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "v1.db", NULL);
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GPtrArray) found = NULL;
  SfCatalog *catalog;
  SfCatalogState state;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint n_stored = 0;
  int version = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE shows (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                                 " status TEXT, type TEXT, language TEXT, network TEXT,"
                                 " premiered TEXT, rating REAL, weight INTEGER, updated INTEGER,"
                                 " json TEXT NOT NULL);"
                                 "CREATE TABLE pages (page INTEGER PRIMARY KEY,"
                                 " n_shows INTEGER NOT NULL, fetched INTEGER NOT NULL);"
                                 "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value INTEGER);"
                                 "INSERT INTO sync_state VALUES ('last_sync', 1700000000);"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* pages 0 and 1, and one row that no longer reads as a show (its page must go) */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO shows (id, name, json) VALUES (?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint page = 0; page < 3; page++)
    {
      g_autoptr(GPtrArray) shows = NULL;
      g_autoptr(GPtrArray) json = NULL;
      g_autofree char *sql = NULL;

      shows = sf_index_page_parse (g_ptr_array_index (data.page_json, page), -1, &json, NULL);
      for (guint i = 0; i < shows->len; i++)
        {
          SfShow *show = g_ptr_array_index (shows, i);

          sqlite3_bind_int64 (stmt, 1, sf_show_get_id (show));
          sqlite3_bind_text (stmt, 2, sf_show_get_name (show), -1, SQLITE_STATIC);
          if (page == 2 && i == 0)
            sqlite3_bind_text (stmt, 3, "{\"broken", -1, SQLITE_STATIC);
          else
            sqlite3_bind_text (stmt, 3, g_ptr_array_index (json, i), -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
          if (page < 2)
            n_stored++;
        }
      sql = g_strdup_printf ("INSERT INTO pages VALUES (%u, %u, 1700000000)", page, shows->len);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  catalog = open_catalog ("v1.db", SF_CATALOG_FLAGS_NONE);
  sf_catalog_get_state (catalog, &state);
  g_assert_cmpuint (state.n_pages, ==, 2);
  g_assert_cmpint (state.last_page, ==, 1);
  g_assert_cmpint (state.last_sync, ==, 1700000000);
  /* the shows of page 2 that did read are kept, the page will be fetched again */
  g_assert_cmpuint (count (catalog, criteria), >, n_stored);

  /* every criterion works on the migrated rows */
  sf_criteria_set_sort (criteria, SF_SORT_NAME);
  found = query (catalog, criteria, 0, 5);
  g_assert_cmpuint (found->len, ==, 5);
  close_catalog (catalog);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (version, ==, 2);
}

/* A schema from a newer program: rebuilt, it is a cache. */
static void
test_unknown_version (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "future.db", NULL);
  g_autoptr(SfCriteria) all = sf_criteria_new ();
  SfCatalog *catalog;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE shows (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  catalog = open_catalog ("future.db", SF_CATALOG_FLAGS_NONE);
  g_assert_cmpuint (count (catalog, all), ==, 0);
  store_all (catalog);
  g_assert_cmpuint (count (catalog, all), ==, data.shows->len);
  close_catalog (catalog);
}

static void
check_rebuilt (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(SfCriteria) all = sf_criteria_new ();
  SfCatalog *catalog;

  catalog = open_catalog (name, SF_CATALOG_FLAGS_NONE);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count (catalog, all), ==, 0);

  /* and it works as a new one */
  store_all (catalog);
  g_assert_cmpuint (count (catalog, all), ==, data.shows->len);
  close_catalog (catalog);
}

static void
test_corrupt (void)
{
  g_autofree char *garbage_path = g_build_filename (tmpdir, "garbage.db", NULL);
  g_autofree char *damaged_path = g_build_filename (tmpdir, "damaged.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  SfCatalog *catalog;

  /* not a database at all */
  g_file_set_contents (garbage_path, "This is not a database, not even close. 0123456789abcdef"
                                     "0123456789abcdef0123456789abcdef0123456789abcdef", -1,
                       &error);
  g_assert_no_error (error);
  check_rebuilt ("garbage.db");

  /* a real catalog whose pages after the first were overwritten */
  catalog = open_catalog ("damaged.db", SF_CATALOG_FLAGS_NONE);
  store_all (catalog);
  close_catalog (catalog);

  g_file_get_contents (damaged_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7 + 13);
  g_file_set_contents (damaged_path, contents, length, &error);
  g_assert_no_error (error);
  check_rebuilt ("damaged.db");

  /* damage seen by a query while in use leaves a mark; the next open rebuilds */
  {
    g_autofree char *marked_path = g_build_filename (tmpdir, "marked.db", NULL);
    g_autofree char *marker = g_strconcat (marked_path, ".damaged", NULL);

    catalog = open_catalog ("marked.db", SF_CATALOG_FLAGS_NONE);
    store_all (catalog);
    close_catalog (catalog);
    g_file_set_contents (marker, "", 0, &error);
    g_assert_no_error (error);
    check_rebuilt ("marked.db");
    g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = sf_test_make_temp_dir ("test-catalog-XXXXXX");
  generate_data ();

  g_test_add_func ("/series-finder/catalog/queries", test_queries);
  g_test_add_func ("/series-finder/catalog/index", test_index);
  g_test_add_func ("/series-finder/catalog/search", test_search);
  g_test_add_func ("/series-finder/catalog/all-facets", test_all_facets);
  g_test_add_func ("/series-finder/catalog/queries-without-fts", test_queries_without_fts);
  g_test_add_func ("/series-finder/catalog/text-queries", test_text_queries);
  g_test_add_func ("/series-finder/catalog/facets", test_facets);
  g_test_add_func ("/series-finder/catalog/relaxed", test_relaxed);
  g_test_add_func ("/series-finder/catalog/channels", test_channels);
  g_test_add_func ("/series-finder/catalog/countries", test_countries);
  g_test_add_func ("/series-finder/catalog/upsert", test_upsert);
  g_test_add_func ("/series-finder/catalog/state-and-errors", test_state_and_errors);
  g_test_add_func ("/series-finder/catalog/migration", test_migration);
  g_test_add_func ("/series-finder/catalog/unknown-version", test_unknown_version);
  g_test_add_func ("/series-finder/catalog/corrupt", test_corrupt);

  status = g_test_run ();

  g_ptr_array_unref (data.shows);
  g_ptr_array_unref (data.page_json);
  sf_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
