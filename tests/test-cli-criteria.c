/* The terminal mode's criteria search and --sync, against the fake TVmaze. */
#include "config.h"

#include <glib/gstdio.h>

#include "sf-catalog.h"
#include "sf-cli-criteria.h"
#include "sf-fake-catalog.h"
#include "sf-fake-server.h"
#include "sf-test-kit.h"

#define N_SHOWS 1200
#define SEED 3

static SfFakeServer *server;
static char *tmpdir;

typedef struct
{
  GPtrArray *shows;
} Printed;

static void
print_cb (SfShow   *show,
          gpointer  user_data)
{
  Printed *printed = user_data;

  g_ptr_array_add (printed->shows, g_object_ref (show));
}

static int
run (SfTvmazeClient *client,
     const char     *catalog,
     GVariantDict   *options,
     const char     *text,
     Printed        *printed)
{
  g_autofree char *path = g_build_filename (tmpdir, catalog, NULL);
  SfCatalog *instance = sf_catalog_new (path, SF_CATALOG_FLAGS_NONE);
  SfCatalogSync *sync = sf_catalog_sync_new (instance, client);
  int status;

  g_ptr_array_set_size (printed->shows, 0);
  status = sf_cli_criteria_run (sync, instance, client, options, text, print_cb, printed);
  g_assert_finalize_object (sync);
  g_assert_false (sf_catalog_is_open (instance));
  g_assert_finalize_object (instance);
  return status;
}

static SfTvmazeClient *
make_client (SoupSession *session)
{
  SfTvmazeClient *client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));

  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000, G_USEC_PER_SEC);
  return client;
}

static void
test_options (void)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autoptr(SfCriteria) criteria = NULL;
  g_autoptr(GError) error = NULL;
  int from, to;

  g_assert_false (sf_cli_criteria_wanted (options));
  g_variant_dict_insert (options, "genre", "^as",
                         (const char * const[]) { "Drama", "crime", NULL });
  g_variant_dict_insert (options, "status", "^as", (const char * const[]) { "Running", NULL });
  g_variant_dict_insert (options, "year", "s", "2010..2015");
  g_variant_dict_insert (options, "min-rating", "s", "7.5");
  g_variant_dict_insert (options, "sort", "s", "rating");
  g_assert_true (sf_cli_criteria_wanted (options));

  criteria = sf_cli_criteria_from_options (options, "girls", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sf_criteria_get_text (criteria), ==, "girls");
  g_assert_cmpstrv (sf_criteria_get_values (criteria, SF_CRITERION_GENRES_ALL),
                    ((const char * const[]) { "crime", "Drama", NULL }));
  sf_criteria_get_year_range (criteria, &from, &to);
  g_assert_cmpint (from, ==, 2010);
  g_assert_cmpint (to, ==, 2015);
  g_assert_cmpint (sf_criteria_get_sort (criteria), ==, SF_SORT_RATING);

  g_variant_dict_insert (options, "runtime", "s", "long");
  g_clear_pointer (&criteria, sf_criteria_unref);
  criteria = sf_cli_criteria_from_options (options, NULL, &error);
  g_assert_null (criteria);
  g_assert_error (error, SF_CRITERIA_ERROR, SF_CRITERIA_ERROR_INVALID);

  /* every entry has a description */
  for (const GOptionEntry *e = sf_cli_criteria_get_entries (); e->long_name != NULL; e++)
    g_assert_nonnull (e->description);
}

static void
test_search (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SfTvmazeClient) client = make_client (session);
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autoptr(SfCriteria) criteria = NULL;
  Printed printed = { g_ptr_array_new_with_free_func (g_object_unref) };
  guint requests;

  /* A criteria search on an empty catalog builds it first. */
  g_variant_dict_insert (options, "genre", "^as", (const char * const[]) { "Drama", NULL });
  g_variant_dict_insert (options, "sort", "s", "name");
  g_assert_cmpint (run (client, "cli.db", options, NULL, &printed), ==, 0);
  g_assert_cmpuint (printed.shows->len, >, 0);

  criteria = sf_cli_criteria_from_options (options, NULL, NULL);
  for (guint i = 0; i < printed.shows->len; i++)
    {
      g_assert_true (sf_criteria_matches (criteria, g_ptr_array_index (printed.shows, i)));
      if (i > 0)
        g_assert_cmpint (sf_criteria_compare (criteria, g_ptr_array_index (printed.shows, i - 1),
                                              g_ptr_array_index (printed.shows, i)), <, 0);
    }

  /* the second time, from the catalog alone */
  requests = sf_fake_server_get_request_count (server, NULL);
  g_assert_cmpint (run (client, "cli.db", options, NULL, &printed), ==, 0);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, NULL), ==, requests);

  /* nothing matches: nothing printed, still a success */
  g_variant_dict_insert (options, "year", "s", "1800..1801");
  g_assert_cmpint (run (client, "cli.db", options, NULL, &printed), ==, 0);
  g_assert_cmpuint (printed.shows->len, ==, 0);

  /* a bad value is a usage error */
  g_variant_dict_insert (options, "min-rating", "s", "eleven");
  g_assert_cmpint (run (client, "cli.db", options, NULL, &printed), ==, 2);

  g_ptr_array_unref (printed.shows);
}

static void
test_sync (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SfTvmazeClient) client = make_client (session);
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  Printed printed = { g_ptr_array_new_with_free_func (g_object_unref) };
  guint requests;

  g_variant_dict_insert (options, "sync", "b", TRUE);
  g_assert_cmpint (run (client, "sync.db", options, NULL, &printed), ==, 0);
  g_assert_cmpuint (printed.shows->len, ==, 0);

  /* --sync refreshes even a fresh catalog */
  requests = sf_fake_server_get_request_count (server, "/updates/shows");
  g_assert_cmpint (run (client, "sync.db", options, NULL, &printed), ==, 0);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/updates/shows"), ==,
                    requests + 1);

  /* unreachable: an error, nothing to answer from */
  {
    g_autoptr(SfTvmazeClient) nowhere = sf_tvmaze_client_new (session, "http://127.0.0.1:9");

    sf_tvmaze_client_set_max_retries (nowhere, 0);
    g_assert_cmpint (run (nowhere, "nowhere.db", options, NULL, &printed), ==, 1);
  }

  g_ptr_array_unref (printed.shows);
}


static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* --with-person=ID: the series of that person's credits that the catalog holds, combined
 * with the other criteria; a bad or unknown id is a usage error. */
static void
test_with_person (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SfTvmazeClient) client = make_client (session);
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autoptr(SfFakeCatalog) fake = sf_fake_catalog_new (N_SHOWS, SEED);
  g_autoptr(GArray) credits = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);
  Printed printed = { g_ptr_array_new_with_free_func (g_object_unref) };
  gint64 person = 0;
  gboolean filtered = FALSE;

  /* someone in a few series of the catalog (their own and up to 3 others) */
  for (gint64 show = 2; show < 200 && g_hash_table_size (expected) < 2; show++)
    {
      if (!sf_fake_catalog_show_exists (fake, show))
        continue;
      person = show * SHOW_ID_STRIDE + 1;
      g_assert_true (sf_fake_catalog_person_exists (fake, person));
      g_clear_pointer (&credits, g_array_unref);
      credits = sf_fake_catalog_person_credits (fake, person);
      g_hash_table_remove_all (expected);
      for (guint i = 0; i < credits->len; i++)
        if (g_array_index (credits, gint64, i) <= N_SHOWS &&
            sf_fake_catalog_show_exists (fake, g_array_index (credits, gint64, i)))
          g_hash_table_add (expected, &g_array_index (credits, gint64, i));
    }
  g_assert_cmpuint (g_hash_table_size (expected), >=, 2);

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, person);

    g_variant_dict_insert (options, "with-person", "s", id);
  }
  g_assert_true (sf_cli_criteria_wanted (options));
  g_assert_cmpint (run (client, "person.db", options, NULL, &printed), ==, 0);
  /* each of their series once, and nothing else */
  g_assert_cmpuint (printed.shows->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < printed.shows->len; i++)
    g_assert_true (id_in (credits, sf_show_get_id (g_ptr_array_index (printed.shows, i))));

  /* combined with a genre: only their series of that genre */
  {
    SfShow *first = g_ptr_array_index (printed.shows, 0);
    const char * const *genres = sf_show_get_genres (first);
    g_autofree char *genre = g_strdup (genres != NULL && genres[0] != NULL ? genres[0] : "Drama");
    guint n_all = printed.shows->len;

    g_variant_dict_insert (options, "genre", "^as", (const char * const[]) { genre, NULL });
    g_assert_cmpint (run (client, "person.db", options, NULL, &printed), ==, 0);
    g_assert_cmpuint (printed.shows->len, <=, n_all);
    for (guint i = 0; i < printed.shows->len; i++)
      {
        SfShow *show = g_ptr_array_index (printed.shows, i);

        g_assert_true (id_in (credits, sf_show_get_id (show)));
        g_assert_true (g_strv_contains (sf_show_get_genres (show), genre));
        filtered = TRUE;
      }
    g_assert_true (filtered || genres == NULL || genres[0] == NULL);
    g_variant_dict_remove (options, "genre");
  }

  /* an id TVmaze does not know, and ids that are not ids: exit status 2, nothing printed */
  {
    static const char * const bad[] = { "999999999", "0", "-4", "rainn", "12x", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_variant_dict_insert (options, "with-person", "s", bad[i]);
        g_assert_cmpint (run (client, "person.db", options, NULL, &printed), ==, 2);
        g_assert_cmpuint (printed.shows->len, ==, 0);
      }
  }

  g_ptr_array_unref (printed.shows);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = sf_test_make_temp_dir ("test-cli-criteria-XXXXXX");
  server = sf_fake_server_new (N_SHOWS, SEED);
  sf_fake_server_start (server, 0, &error);
  g_assert_no_error (error);

  g_test_add_func ("/series-finder/cli-criteria/options", test_options);
  g_test_add_func ("/series-finder/cli-criteria/search", test_search);
  g_test_add_func ("/series-finder/cli-criteria/sync", test_sync);
  g_test_add_func ("/series-finder/cli-criteria/with-person", test_with_person);

  status = g_test_run ();

  sf_fake_server_stop (server);
  g_clear_object (&server);
  sf_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
