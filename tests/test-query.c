/* test-query.c: what a typed title becomes in the search URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-tvmaze-client.h"

#define PREFIX "/search/shows?q="

typedef struct
{
  const char *query;
  const char *encoded;
} Case;

/* Checks the path, and that the query parameter decodes back to exactly what was typed. */
static void
check (const char *query,
       const char *expected_encoded)
{
  g_autofree char *path = sf_tvmaze_build_search_path (query);
  g_autofree char *url = g_strconcat ("https://api.tvmaze.com", path, NULL);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  const char *encoded;

  g_assert_true (g_str_has_prefix (path, PREFIX));
  encoded = path + strlen (PREFIX);
  g_assert_cmpstr (encoded, ==, expected_encoded);

  /* nothing that would end or split the parameter, nothing outside printable ASCII */
  for (const char *p = encoded; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isalnum (*p) || strchr ("%-._~", *p) != NULL);
      g_assert_cmpint ((guchar) *p, <, 0x80);
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/search/shows");

  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (params), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (params, "q"), ==, query);
}

static void
test_ampersand (void)
{
  check ("Law & Order", "Law%20%26%20Order");
}

static void
test_hash (void)
{
  check ("#1 Show", "%231%20Show");
}

static void
test_percent (void)
{
  check ("100%", "100%25");
  /* already-encoded-looking text is text, not an escape */
  check ("%20", "%2520");
}

static void
test_plus (void)
{
  /* a form decoder would read a raw '+' as a space */
  check ("C++", "C%2B%2B");
}

static void
test_slash_question (void)
{
  check ("a/b?c", "a%2Fb%3Fc");
  check ("a=b;c,d", "a%3Db%3Bc%2Cd");
}

static void
test_accent (void)
{
  check ("Café", "Caf%C3%A9");
  check ("Ñandú 東京", "%C3%91and%C3%BA%20%E6%9D%B1%E4%BA%AC");
}

static void
test_emoji (void)
{
  check ("📺 Show", "%F0%9F%93%BA%20Show");
}

static void
test_spaces (void)
{
  check ("the office", "the%20office");
  check ("  two  ", "%20%20two%20%20");
  check ("tab\there\nline", "tab%09here%0Aline");
}

static void
test_empty (void)
{
  g_autofree char *path = sf_tvmaze_build_search_path ("");

  g_assert_cmpstr (path, ==, PREFIX);
}

static void
test_plain (void)
{
  check ("girls", "girls");
  check ("Doctor-Who_2005.~", "Doctor-Who_2005.~");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/query/ampersand", test_ampersand);
  g_test_add_func ("/series-finder/query/hash", test_hash);
  g_test_add_func ("/series-finder/query/percent", test_percent);
  g_test_add_func ("/series-finder/query/plus", test_plus);
  g_test_add_func ("/series-finder/query/slash-question", test_slash_question);
  g_test_add_func ("/series-finder/query/accent", test_accent);
  g_test_add_func ("/series-finder/query/emoji", test_emoji);
  g_test_add_func ("/series-finder/query/spaces", test_spaces);
  g_test_add_func ("/series-finder/query/empty", test_empty);
  g_test_add_func ("/series-finder/query/plain", test_plain);

  return g_test_run ();
}
