/* test-fake-server.c: the fake TVmaze, seen by a plain libsoup client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sf-fake-server.h"
#include "sf-test-kit.h"

#define N_SHOWS      600
#define SEED         42
#define WAIT_MS      10000
#define LARGE_SHOWS  90000

typedef struct
{
  SfFakeServer *server;
  SoupSession  *session;
} Fixture;

typedef struct
{
  SoupMessage *msg;         /* owned */
  GBytes      *body;        /* owned, nullable */
  GError      *error;       /* owned, nullable */
  gboolean     done;
  gint64       started;
  gint64       elapsed_us;
} Fetch;

static void
fetch_clear (Fetch *fetch)
{
  g_clear_object (&fetch->msg);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_clear_error (&fetch->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_shows = data != NULL ? GPOINTER_TO_UINT (data) : N_SHOWS;

  fixture->server = sf_fake_server_new (n_shows, SEED);
  sf_fake_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  sf_fake_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);
}

/* For sf_test_wait_until_or_timeout(): *@data (a gboolean) is set. */
static gboolean
flag_set (gconstpointer data)
{
  return *(const gboolean *) data;
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &fetch->error);
  fetch->elapsed_us = g_get_monotonic_time () - fetch->started;
  fetch->done = TRUE;
}

static void
fetch_start (SoupSession  *session,
             SfFakeServer *server,
             const char   *path,
             Fetch        *fetch)
{
  g_autofree char *url = g_strconcat (sf_fake_server_get_url (server), path, NULL);

  fetch->msg = soup_message_new ("GET", url);
  g_assert_nonnull (fetch->msg);
  fetch->started = g_get_monotonic_time ();
  soup_session_send_and_read_async (session, fetch->msg, G_PRIORITY_DEFAULT, NULL,
                                    on_fetched, fetch);
}

static void
fetch_wait (Fetch *fetch)
{
  if (!sf_test_wait_until_or_timeout (flag_set, &fetch->done, WAIT_MS))
    g_error ("No answer for %s within %d ms",
             g_uri_get_path (soup_message_get_uri (fetch->msg)), WAIT_MS);
}

/* GET @path and wait (bounded) for the whole answer. */
static void
fetch_on (SoupSession  *session,
          SfFakeServer *server,
          const char   *path,
          Fetch        *fetch)
{
  fetch_start (session, server, path, fetch);
  fetch_wait (fetch);
}

static void
wait_for_request (SfFakeServer *server,
                  const char   *prefix,
                  guint         count)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (sf_fake_server_get_request_count (server, prefix) < count)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The server never saw %s", prefix);
      sf_test_run_for (10);
    }
}

static void
fetch (Fixture    *fixture,
       const char *path,
       Fetch      *result)
{
  fetch_on (fixture->session, fixture->server, path, result);
}

static guint
fetch_status (Fetch *fetch)
{
  return soup_message_get_status (fetch->msg);
}

static const char *
fetch_header (Fetch      *fetch,
              const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (fetch->msg), name);
}

static JsonNode *
parse_json (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

/* The body of a 200 answer, parsed. */
static JsonNode *
fetch_json (Fixture    *fixture,
            const char *path)
{
  g_auto(Fetch) result = { 0, };
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  fetch (fixture, path, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (fetch_status (&result), ==, SOUP_STATUS_OK);
  node = parse_json (result.body, &error);
  g_assert_no_error (error);
  return node;
}

static void
assert_envelope (Fetch      *result,
                 guint       status,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  g_assert_no_error (result->error);
  g_assert_cmpuint (fetch_status (result), ==, status);
  g_assert_cmpstr (fetch_header (result, "Content-Type"), ==, "application/json");
  node = parse_json (result->body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, name);
  g_assert_true (json_object_has_member (object, "message"));
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, status);
}

static char *
casefold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal, -1);
}

/* ------------------------------------------------------------------------------------------ */

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  JsonArray *results;
  guint matching = 0;
  double previous = G_MAXDOUBLE;

  /* A two-letter query matches some names, not all. */
  for (gint64 id = 1; id <= N_SHOWS; id++)
    {
      g_autofree char *show_name = sf_fake_server_dup_show_name (fixture->server, id);
      g_autofree char *folded = show_name != NULL ? casefold (show_name) : NULL;

      if (folded != NULL && strstr (folded, "ha") != NULL)
        matching++;
    }
  g_test_message ("%u of %u names contain \"ha\"", matching, N_SHOWS);
  g_assert_cmpuint (matching, >, 10);
  g_assert_cmpuint (matching, <, N_SHOWS / 2);

  node = fetch_json (fixture, "/search/shows?q=HA");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  results = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (results), ==, 10);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      JsonObject *show = json_object_get_object_member (result, "show");
      double score = json_object_get_double_member (result, "score");
      g_autofree char *folded = casefold (json_object_get_string_member (show, "name"));

      g_assert_nonnull (strstr (folded, "ha"));
      g_assert_cmpfloat (score, >, 0);
      g_assert_cmpfloat (score, <=, previous);
      previous = score;
    }
  g_clear_pointer (&node, json_node_unref);

  /* A whole name finds that show first. */
  name = sf_fake_server_dup_show_name (fixture->server, 7);
  escaped = g_uri_escape_string (name, NULL, FALSE);
  path = g_strdup_printf ("/search/shows?q=%s", escaped);
  node = fetch_json (fixture, path);
  results = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (results), >=, 1);
  g_assert_cmpuint (json_array_get_length (results), <=, 10);
  {
    JsonObject *first = json_array_get_object_element (results, 0);
    JsonObject *show = json_object_get_object_member (first, "show");
    g_autofree char *a = casefold (json_object_get_string_member (show, "name"));
    g_autofree char *b = casefold (name);

    g_assert_cmpstr (a, ==, b);
  }
  g_clear_pointer (&node, json_node_unref);

  /* Empty, blank and hopeless queries answer [] */
  for (guint i = 0; i < 4; i++)
    {
      static const char * const paths[] = {
        "/search/shows?q=", "/search/shows", "/search/shows?q=+%20+", "/search/shows?q=zzqxj",
      };

      node = fetch_json (fixture, paths[i]);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
      g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
      g_clear_pointer (&node, json_node_unref);
    }
}

static void
test_singlesearch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_auto(Fetch) miss = { 0, };

  node = fetch_json (fixture, "/singlesearch/shows?q=ha");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "id"), >, 0);

  fetch (fixture, "/singlesearch/shows?q=zzqxj", &miss);
  g_assert_no_error (miss.error);
  g_assert_cmpuint (fetch_status (&miss), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpmem (g_bytes_get_data (miss.body, NULL), g_bytes_get_size (miss.body), "null", 4);
}

static void
assert_members (JsonObject         *object,
                const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_object_has_member (object, members[i]))
      g_error ("Member \"%s\" is missing", members[i]);
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const show_members[] = {
    "id", "url", "name", "type", "language", "genres", "status", "runtime", "averageRuntime",
    "premiered", "ended", "officialSite", "schedule", "rating", "weight", "network",
    "webChannel", "dvdCountry", "externals", "image", "summary", "updated", "_links", NULL
  };
  g_auto(Fetch) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *expected_image = NULL;
  g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, 1);
  JsonObject *show;
  JsonObject *links;

  fetch (fixture, "/shows/1", &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (fetch_status (&result), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (fetch_header (&result, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (fetch_header (&result, "Cache-Control"), ==, "public, max-age=3600");
  node = parse_json (result.body, &error);
  g_assert_no_error (error);
  show = json_node_get_object (node);
  assert_members (show, show_members);

  g_assert_cmpint (json_object_get_int_member (show, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (show, "name"), ==, name);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (show, "url"),
                                   "https://www.tvmaze.com/shows/1/"));
  g_assert_true (json_object_has_member (json_object_get_object_member (show, "rating"),
                                         "average"));
  expected_image = g_strdup_printf ("%s/images/medium/1.png",
                                    sf_fake_server_get_url (fixture->server));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (show, "image"),
                                                  "medium"), ==, expected_image);
  links = json_object_get_object_member (show, "_links");
  g_assert_true (json_object_has_member (links, "self"));
  /* Show 1 is the long-running one: it has aired and will air. */
  g_assert_true (json_object_has_member (links, "previousepisode"));
  g_assert_true (json_object_has_member (links, "nextepisode"));
  g_assert_false (json_object_has_member (show, "_embedded"));
}

static void
test_show_embeds (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const cast_members[] = { "person", "character", "self", "voice", NULL };
  static const char * const person_members[] = {
    "id", "url", "name", "country", "birthday", "deathday", "gender", "image", "updated",
    "_links", NULL
  };
  g_autoptr(JsonNode) node = NULL;
  g_auto(Fetch) bad = { 0, };
  JsonObject *embedded;
  JsonArray *cast;

  node = fetch_json (fixture, "/shows/2?embed=cast");
  embedded = json_object_get_object_member (json_node_get_object (node), "_embedded");
  g_assert_nonnull (embedded);
  g_assert_true (json_object_has_member (embedded, "cast"));
  g_assert_false (json_object_has_member (embedded, "episodes"));
  g_clear_pointer (&node, json_node_unref);

  /* Both spellings of the repeated key */
  for (guint i = 0; i < 2; i++)
    {
      static const char * const paths[] = {
        "/shows/1?embed[]=episodes&embed[]=cast", "/shows/1?embed%5B%5D=episodes&embed%5B%5D=cast",
      };

      node = fetch_json (fixture, paths[i]);
      embedded = json_object_get_object_member (json_node_get_object (node), "_embedded");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (embedded, "episodes")),
                        >, 900);
      cast = json_object_get_array_member (embedded, "cast");
      g_assert_cmpuint (json_array_get_length (cast), ==, 1400);
      assert_members (json_array_get_object_element (cast, 0), cast_members);
      assert_members (json_object_get_object_member (json_array_get_object_element (cast, 0),
                                                     "person"), person_members);
      g_clear_pointer (&node, json_node_unref);
    }

  fetch (fixture, "/shows/1?embed=bogus", &bad);
  assert_envelope (&bad, SOUP_STATUS_BAD_REQUEST, "Bad Request");
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const paths[] = {
    "/shows/999999", "/shows/0", "/shows/abc", "/shows/1/bogus", "/nonsense", "/",
    "/seasons/199/episodes", "/episodes/12", "/images/medium/x.png",
  };
  gint64 gap = 0;

  /* Deleted shows leave holes, never among the first 20. */
  for (gint64 id = 1; id <= N_SHOWS; id++)
    {
      g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, id);

      if (name == NULL)
        {
          g_assert_cmpint (id, >, 20);
          gap = gap != 0 ? gap : id;
        }
    }
  g_assert_cmpint (gap, !=, 0);

  for (guint i = 0; i <= G_N_ELEMENTS (paths); i++)
    {
      g_auto(Fetch) result = { 0, };
      g_autofree char *path = i < G_N_ELEMENTS (paths)
                              ? g_strdup (paths[i])
                              : g_strdup_printf ("/shows/%" G_GINT64_FORMAT, gap);

      fetch (fixture, path, &result);
      assert_envelope (&result, SOUP_STATUS_NOT_FOUND, "Not Found");
    }
}

static void
test_index (Fixture       *fixture,
            gconstpointer  data)
{
  guint last_page = N_SHOWS / 250;

  for (guint page = 0; page <= last_page + 1; page++)
    {
      g_autofree char *path = g_strdup_printf ("/shows?page=%u", page);
      g_auto(Fetch) result = { 0, };
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *shows;
      guint expected = 0;
      gint64 previous = -1;

      fetch (fixture, path, &result);
      if (page > last_page)
        {
          /* Past the last page: 404, not [] */
          assert_envelope (&result, SOUP_STATUS_NOT_FOUND, "Not Found");
          continue;
        }

      g_assert_no_error (result.error);
      g_assert_cmpuint (fetch_status (&result), ==, SOUP_STATUS_OK);
      node = parse_json (result.body, &error);
      g_assert_no_error (error);
      shows = json_node_get_array (node);
      g_assert_cmpuint (json_array_get_length (shows), <=, 250);

      for (gint64 id = MAX (page * 250, 1); id < (page + 1) * 250 && id <= N_SHOWS; id++)
        {
          g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, id);

          expected += name != NULL;
        }
      g_assert_cmpuint (json_array_get_length (shows), ==, expected);

      for (guint i = 0; i < json_array_get_length (shows); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (shows, i), "id");

          g_assert_cmpint (id, >=, (gint64) page * 250);
          g_assert_cmpint (id, <, (gint64) page * 250 + 250);
          g_assert_cmpint (id, >, previous);
          previous = id;
        }
    }
}

static void
test_updates (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonNode) all = fetch_json (fixture, "/updates/shows");
  g_autoptr(JsonNode) week = fetch_json (fixture, "/updates/shows?since=week");
  JsonObject *object = json_node_get_object (all);
  guint expected = 0;

  for (gint64 id = 1; id <= N_SHOWS; id++)
    {
      g_autofree char *name = sf_fake_server_dup_show_name (fixture->server, id);
      char key[24];

      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, id);
      g_assert_true (json_object_has_member (object, key) == (name != NULL));
      expected += name != NULL;
    }
  g_assert_cmpuint (json_object_get_size (object), ==, expected);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (week)), <, expected);
}

static guint
count_specials (JsonArray *episodes)
{
  guint specials = 0;

  for (guint i = 0; i < json_array_get_length (episodes); i++)
    {
      JsonObject *episode = json_array_get_object_element (episodes, i);

      specials += json_node_is_null (json_object_get_member (episode, "number"));
    }
  return specials;
}

static void
test_episodes (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const episode_members[] = {
    "id", "url", "name", "season", "number", "type", "airdate", "airtime", "airstamp",
    "runtime", "rating", "image", "summary", "_links", NULL
  };
  g_autoptr(JsonNode) seasons = fetch_json (fixture, "/shows/1/seasons");
  g_autoptr(JsonNode) regular = fetch_json (fixture, "/shows/1/episodes");
  g_autoptr(JsonNode) all = fetch_json (fixture, "/shows/1/episodes?specials=1");
  g_autoptr(JsonNode) cast = fetch_json (fixture, "/shows/1/cast");
  g_autoptr(JsonNode) crew = fetch_json (fixture, "/shows/1/crew");
  g_autoptr(JsonNode) season = NULL;
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) previous = NULL;
  g_autofree char *path = NULL;
  JsonArray *array;
  JsonObject *first_season;
  const char *href;
  guint n_regular, n_all;

  array = json_node_get_array (seasons);
  g_assert_cmpuint (json_array_get_length (array), ==, 35);
  first_season = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (first_season, "number"), ==, 1);

  n_regular = json_array_get_length (json_node_get_array (regular));
  n_all = json_array_get_length (json_node_get_array (all));
  g_test_message ("show 1: %u episodes, %u with specials", n_regular, n_all);
  g_assert_cmpuint (n_regular, >=, 980);
  g_assert_cmpuint (n_regular, <=, 1020);
  g_assert_cmpuint (count_specials (json_node_get_array (regular)), ==, 0);
  g_assert_cmpuint (count_specials (json_node_get_array (all)), ==, n_all - n_regular);
  g_assert_cmpuint (n_all, >, n_regular);
  assert_members (json_array_get_object_element (json_node_get_array (all), 0), episode_members);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (cast)), ==, 1400);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (crew)), >, 0);

  /* /seasons/ID/episodes: that season only, specials included */
  path = g_strdup_printf ("/seasons/%" G_GINT64_FORMAT "/episodes",
                          json_object_get_int_member (first_season, "id"));
  season = fetch_json (fixture, path);
  array = json_node_get_array (season);
  g_assert_cmpuint (json_array_get_length (array), >=, 28);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, i),
                                                 "season"), ==, 1);

  /* The show's previousepisode link leads somewhere real. */
  show = fetch_json (fixture, "/shows/1");
  href = json_object_get_string_member (
    json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (show), "_links"),
      "previousepisode"),
    "href");
  g_assert_true (g_str_has_prefix (href, sf_fake_server_get_url (fixture->server)));
  previous = fetch_json (fixture, href + strlen (sf_fake_server_get_url (fixture->server)));
  assert_members (json_node_get_object (previous), episode_members);
}

static char *
body_without_url (GBytes     *body,
                  const char *url)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_auto(GStrv) parts = g_strsplit (text, url, -1);

  return g_strjoinv ("URL", parts);
}

static void
test_determinism (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SfFakeServer) twin = sf_fake_server_new (N_SHOWS, SEED);
  g_autoptr(SfFakeServer) other = sf_fake_server_new (N_SHOWS, SEED + 1);
  g_autoptr(GError) error = NULL;
  guint different = 0;

  for (gint64 id = 1; id <= N_SHOWS; id++)
    {
      g_autofree char *a = sf_fake_server_dup_show_name (fixture->server, id);
      g_autofree char *b = sf_fake_server_dup_show_name (twin, id);
      g_autofree char *c = sf_fake_server_dup_show_name (other, id);

      g_assert_cmpstr (a, ==, b);
      different += g_strcmp0 (a, c) != 0;
    }
  g_assert_cmpuint (different, >, N_SHOWS * 9 / 10);

  /* The same bytes on the wire, but for the server's own address. */
  sf_fake_server_start (twin, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const paths[] = {
        "/shows?page=1", "/shows/1?embed=cast", "/shows/3/episodes?specials=1",
        "/search/shows?q=the",
      };
      g_auto(Fetch) a = { 0, };
      g_auto(Fetch) b = { 0, };
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;

      fetch (fixture, paths[i], &a);
      fetch_on (fixture->session, twin, paths[i], &b);
      g_assert_no_error (a.error);
      g_assert_no_error (b.error);
      text_a = body_without_url (a.body, sf_fake_server_get_url (fixture->server));
      text_b = body_without_url (b.body, sf_fake_server_get_url (twin));
      g_assert_cmpstr (text_a, ==, text_b);
    }
}

static void
test_override (Fixture       *fixture,
               gconstpointer  data)
{
  const char *hostile = "<b>Evil</b> & \"Quotes\" <i>unclosed 🦄";
  const char *summary = "<script>alert(1)</script><p>Fine &amp; <b>bold</p>";
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(JsonNode) single = NULL;
  g_autofree char *generated = sf_fake_server_dup_show_name (fixture->server, 3);
  g_autofree char *name = NULL;
  g_autofree char *reset = NULL;
  JsonObject *object;

  /* Overriding before the search index exists, and after */
  for (guint round = 0; round < 2; round++)
    {
      sf_fake_server_override_show (fixture->server, 3, hostile, summary);
      name = sf_fake_server_dup_show_name (fixture->server, 3);
      g_assert_cmpstr (name, ==, hostile);
      g_clear_pointer (&name, g_free);

      show = fetch_json (fixture, "/shows/3");
      object = json_node_get_object (show);
      g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, hostile);
      g_assert_cmpstr (json_object_get_string_member (object, "summary"), ==, summary);
      g_clear_pointer (&show, json_node_unref);

      results = fetch_json (fixture, "/search/shows?q=%3Cb%3Eevil");
      g_assert_cmpuint (json_array_get_length (json_node_get_array (results)), ==, 1);
      object = json_array_get_object_element (json_node_get_array (results), 0);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "show"),
                                                   "id"), ==, 3);
      g_clear_pointer (&results, json_node_unref);

      page = fetch_json (fixture, "/shows?page=0");
      object = json_array_get_object_element (json_node_get_array (page), 2);
      g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, hostile);
      g_clear_pointer (&page, json_node_unref);

      single = fetch_json (fixture, "/singlesearch/shows?q=evil%3C%2Fb%3E");
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (single), "id"), ==, 3);
      g_clear_pointer (&single, json_node_unref);

      /* Builds the index between the rounds */
      sf_fake_server_override_show (fixture->server, 3, NULL, NULL);
      reset = sf_fake_server_dup_show_name (fixture->server, 3);
      g_assert_cmpstr (reset, ==, generated);
      g_clear_pointer (&reset, g_free);
      results = fetch_json (fixture, "/search/shows?q=%3Cb%3Eevil");
      g_assert_cmpuint (json_array_get_length (json_node_get_array (results)), ==, 0);
      g_clear_pointer (&results, json_node_unref);
    }
}

/* ------------------------------------------------------------------------------------------
 * Failures
 */

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Fetch) limited = { 0, };
  g_auto(Fetch) bare = { 0, };
  g_auto(Fetch) fine = { 0, };

  sf_fake_server_set_retry_after (fixture->server, 3);
  sf_fake_server_fail_next (fixture->server, "/shows", SF_FAKE_FAILURE_RATE_LIMIT, 1);
  sf_fake_server_fail_next (fixture->server, "/shows", SF_FAKE_FAILURE_RATE_LIMIT_BARE, 1);

  fetch (fixture, "/shows/1", &limited);
  assert_envelope (&limited, 429, "Too Many Requests");
  g_assert_cmpstr (fetch_header (&limited, "Retry-After"), ==, "3");

  fetch (fixture, "/shows/1", &bare);
  assert_envelope (&bare, 429, "Too Many Requests");
  g_assert_null (fetch_header (&bare, "Retry-After"));

  fetch (fixture, "/shows/1", &fine);
  g_assert_cmpuint (fetch_status (&fine), ==, SOUP_STATUS_OK);
}

static void
test_server_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Fetch) internal = { 0, };
  g_auto(Fetch) unavailable = { 0, };
  g_auto(Fetch) fine = { 0, };

  sf_fake_server_fail_next (fixture->server, NULL, SF_FAKE_FAILURE_SERVER_ERROR, 1);
  sf_fake_server_fail_next (fixture->server, NULL, SF_FAKE_FAILURE_UNAVAILABLE, 1);

  fetch (fixture, "/search/shows?q=a", &internal);
  assert_envelope (&internal, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal Server Error");
  fetch (fixture, "/shows?page=0", &unavailable);
  assert_envelope (&unavailable, SOUP_STATUS_SERVICE_UNAVAILABLE, "Service Unavailable");
  fetch (fixture, "/shows?page=0", &fine);
  g_assert_cmpuint (fetch_status (&fine), ==, SOUP_STATUS_OK);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Fetch) whole = { 0, };
  g_auto(Fetch) cut = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *length = NULL;
  gsize whole_size;

  fetch (fixture, "/shows?page=0", &whole);
  g_assert_no_error (whole.error);
  whole_size = g_bytes_get_size (whole.body);

  sf_fake_server_fail_next (fixture->server, "/shows", SF_FAKE_FAILURE_TRUNCATED, 1);
  fetch (fixture, "/shows?page=0", &cut);
  g_assert_no_error (cut.error);
  g_assert_cmpuint (fetch_status (&cut), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (cut.body), ==, whole_size / 2);
  length = g_strdup_printf ("%" G_GSIZE_FORMAT, whole_size / 2);
  g_assert_cmpstr (fetch_header (&cut, "Content-Length"), ==, length);
  g_assert_cmpmem (g_bytes_get_data (cut.body, NULL), whole_size / 2,
                   g_bytes_get_data (whole.body, NULL), whole_size / 2);

  node = parse_json (cut.body, &error);
  g_assert_null (node);
  g_assert_nonnull (error);
}

static void
test_invalid_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Fetch) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  sf_fake_server_fail_next (fixture->server, "/search", SF_FAKE_FAILURE_INVALID_JSON, 1);
  fetch (fixture, "/search/shows?q=the", &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (fetch_status (&result), ==, SOUP_STATUS_OK);
  node = parse_json (result.body, &error);
  g_assert_null (node);
  g_assert_nonnull (error);
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Fetch) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize size;
  const char *text;

  sf_fake_server_fail_next (fixture->server, "/shows/", SF_FAKE_FAILURE_INVALID_UTF8, 1);
  fetch (fixture, "/shows/4", &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (fetch_status (&result), ==, SOUP_STATUS_OK);
  text = g_bytes_get_data (result.body, &size);
  g_assert_false (g_utf8_validate (text, (gssize) size, NULL));
  g_assert_true (g_str_has_prefix (text, "{\"id\":4,"));

  node = parse_json (result.body, &error);
  g_test_message ("json-glib on invalid UTF-8: %s", error != NULL ? error->message : "accepted");
}

static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Fetch) dropped = { 0, };
  g_auto(Fetch) fine = { 0, };

  /* A new connection: libsoup may silently resend a request that died on a reused one. */
  sf_fake_server_fail_next (fixture->server, "/shows/", SF_FAKE_FAILURE_DROP, 1);
  fetch (fixture, "/shows/1", &dropped);
  g_assert_nonnull (dropped.error);
  g_test_message ("dropped: %s %d: %s", g_quark_to_string (dropped.error->domain),
                  dropped.error->code, dropped.error->message);
  g_assert_null (dropped.body);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows/1"), ==, 1);

  fetch (fixture, "/shows/1", &fine);
  g_assert_no_error (fine.error);
  g_assert_cmpuint (fetch_status (&fine), ==, SOUP_STATUS_OK);
}

static gboolean
count_tick (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_stall (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SoupSession) other = soup_session_new ();
  g_auto(Fetch) stalled = { 0, };
  g_auto(Fetch) meanwhile = { 0, };
  guint ticks = 0;
  guint tick_id;

  soup_session_set_timeout (fixture->session, 1);
  sf_fake_server_fail_next (fixture->server, "/shows", SF_FAKE_FAILURE_STALL, 1);

  tick_id = g_timeout_add (50, count_tick, &ticks);
  fetch_start (fixture->session, fixture->server, "/shows/1", &stalled);
  wait_for_request (fixture->server, "/shows/1", 1);

  /* The server keeps answering others, and this main loop keeps running. */
  fetch_on (other, fixture->server, "/shows/2", &meanwhile);
  g_assert_no_error (meanwhile.error);
  g_assert_cmpuint (fetch_status (&meanwhile), ==, SOUP_STATUS_OK);

  fetch_wait (&stalled);
  g_source_remove (tick_id);
  g_assert_error (stalled.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (stalled.elapsed_us, >=, 900 * 1000);
  g_assert_cmpuint (ticks, >=, 5);
}

static void
on_drip_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data);

typedef struct
{
  GInputStream *stream;   /* owned */
  GByteArray   *data;     /* owned */
  GError       *error;    /* owned, nullable */
  guint         reads;
  gboolean      done;
  gint64        started;
  gint64        headers_us;
  gint64        body_us;
} Drip;

static void
drip_read_more (Drip *drip)
{
  g_input_stream_read_bytes_async (drip->stream, 65536, G_PRIORITY_DEFAULT, NULL,
                                   on_drip_read, drip);
}

static void
on_drip_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Drip *drip = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &drip->error);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      drip->body_us = g_get_monotonic_time () - drip->started;
      drip->done = TRUE;
      return;
    }

  drip->reads++;
  g_byte_array_append (drip->data, g_bytes_get_data (bytes, NULL),
                       (guint) g_bytes_get_size (bytes));
  drip_read_more (drip);
}

static void
on_drip_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Drip *drip = user_data;

  drip->stream = soup_session_send_finish (SOUP_SESSION (source), result, &drip->error);
  drip->headers_us = g_get_monotonic_time () - drip->started;
  if (drip->stream == NULL)
    {
      drip->done = TRUE;
      return;
    }
  drip_read_more (drip);
}

static void
test_slow_drip (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Fetch) whole = { 0, };
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  Drip drip = { 0, };

  fetch (fixture, "/shows?page=1", &whole);
  g_assert_no_error (whole.error);

  sf_fake_server_fail_next (fixture->server, "/shows?page=1", SF_FAKE_FAILURE_SLOW_DRIP, 1);
  url = g_strconcat (sf_fake_server_get_url (fixture->server), "/shows?page=1", NULL);
  msg = soup_message_new ("GET", url);
  drip.data = g_byte_array_new ();
  drip.started = g_get_monotonic_time ();
  soup_session_send_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, on_drip_sent, &drip);
  g_assert_true (sf_test_wait_until_or_timeout (flag_set, &drip.done, WAIT_MS));

  g_assert_no_error (drip.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_response_headers (msg)),
                   ==, SOUP_ENCODING_CHUNKED);
  g_test_message ("drip: headers after %" G_GINT64_FORMAT " ms, body after %" G_GINT64_FORMAT
                  " ms in %u reads", drip.headers_us / 1000, drip.body_us / 1000, drip.reads);
  g_assert_cmpint (drip.headers_us, <, 1000 * 1000);
  g_assert_cmpint (drip.body_us, >=, 1000 * 1000);
  g_assert_cmpuint (drip.reads, >=, 10);
  g_assert_cmpmem (drip.data->data, drip.data->len,
                   g_bytes_get_data (whole.body, NULL), g_bytes_get_size (whole.body));

  g_clear_object (&drip.stream);
  g_byte_array_unref (drip.data);
}

static void
test_fail_matching (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *path; guint status; } steps[] = {
    { "/shows/1", 200 },                 /* "/search" rules don't apply */
    { "/search/shows?q=a", 500 },
    { "/images/medium/1.png", 200 },     /* images never fail */
    { "/search/shows?q=b", 500 },
    { "/search/shows?q=c", 200 },        /* the count is used up */
    { "/shows?page=0", 200 },            /* a query in the prefix matches path and query */
    { "/shows?page=1", 503 },
    { "/shows?page=1", 200 },
  };

  sf_fake_server_fail_next (fixture->server, "/search", SF_FAKE_FAILURE_SERVER_ERROR, 2);
  sf_fake_server_fail_next (fixture->server, "/shows?page=1", SF_FAKE_FAILURE_UNAVAILABLE, 1);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_auto(Fetch) result = { 0, };

      fetch (fixture, steps[i].path, &result);
      g_assert_no_error (result.error);
      g_assert_cmpuint (fetch_status (&result), ==, steps[i].status);
    }

  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, NULL), ==,
                    G_N_ELEMENTS (steps));
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/search"), ==, 3);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows"), ==, 4);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/shows?page=1"), ==, 2);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/images/"), ==, 1);
}

static gboolean
cancel_now (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Clients that hang up while their answer waits on a timer or is dripping. */
static void
test_client_gives_up (Fixture       *fixture,
                      gconstpointer  data)
{
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *url = g_strconcat (sf_fake_server_get_url (fixture->server),
                                          "/shows?page=0", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(SoupSession) session = soup_session_new ();
      g_auto(Fetch) given_up = { 0, };
      g_auto(Fetch) after = { 0, };

      if (round == 0)
        sf_fake_server_set_latency (fixture->server, 600, 0);
      else
        sf_fake_server_fail_next (fixture->server, NULL, SF_FAKE_FAILURE_SLOW_DRIP, 1);

      given_up.msg = g_object_ref (msg);
      given_up.started = g_get_monotonic_time ();
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable,
                                        on_fetched, &given_up);
      g_timeout_add (200, cancel_now, cancellable);
      fetch_wait (&given_up);
      g_assert_error (given_up.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_object (&session);

      /* Past the latency, or the drip: the server must not trip over the dead message. */
      sf_test_run_for (1800);
      sf_fake_server_set_latency (fixture->server, 0, 0);
      fetch (fixture, "/shows/1", &after);
      g_assert_no_error (after.error);
      g_assert_cmpuint (fetch_status (&after), ==, SOUP_STATUS_OK);
    }
}

static void
test_latency (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Fetch) api = { 0, };
  g_auto(Fetch) image = { 0, };
  g_auto(Fetch) failed = { 0, };

  sf_fake_server_set_latency (fixture->server, 300, 0);
  fetch (fixture, "/shows/1", &api);
  g_assert_cmpuint (fetch_status (&api), ==, SOUP_STATUS_OK);
  g_assert_cmpint (api.elapsed_us, >=, 300 * 1000);

  /* A failure waits as long as an answer. */
  sf_fake_server_fail_next (fixture->server, NULL, SF_FAKE_FAILURE_SERVER_ERROR, 1);
  fetch (fixture, "/shows/1", &failed);
  g_assert_cmpuint (fetch_status (&failed), ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  g_assert_cmpint (failed.elapsed_us, >=, 300 * 1000);

  sf_fake_server_set_latency (fixture->server, 0, 250);
  fetch (fixture, "/images/medium/1.png", &image);
  g_assert_cmpuint (fetch_status (&image), ==, SOUP_STATUS_OK);
  g_assert_cmpint (image.elapsed_us, >=, 250 * 1000);
  g_test_message ("api %" G_GINT64_FORMAT " ms, image %" G_GINT64_FORMAT " ms",
                  api.elapsed_us / 1000, image.elapsed_us / 1000);
}

/* ------------------------------------------------------------------------------------------
 * Images
 */

static void
assert_png_size (Fixture    *fixture,
                 const char *path,
                 int         width,
                 int         height)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Fetch) result = { 0, };
  GdkPixbuf *pixbuf;

  fetch (fixture, path, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (fetch_status (&result), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (fetch_header (&result, "Content-Type"), ==, "image/png");

  gdk_pixbuf_loader_write_bytes (loader, result.body, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_nonnull (pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

static void
test_images (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Fetch) huge = { 0, };
  g_auto(Fetch) corrupt = { 0, };
  g_auto(Fetch) big = { 0, };
  const guint8 *png;
  gsize size;

  assert_png_size (fixture, "/images/medium/1.png", 210, 295);
  assert_png_size (fixture, "/images/medium/77.png", 210, 295);
  assert_png_size (fixture, "/images/original/1.png", 420, 590);
  assert_png_size (fixture, "/images/landscape/10001.png", 250, 140);

  /* A small body whose header claims 20000x20000: read the header, don't decode it. */
  fetch (fixture, "/images/huge.png", &huge);
  g_assert_cmpuint (fetch_status (&huge), ==, SOUP_STATUS_OK);
  png = g_bytes_get_data (huge.body, &size);
  g_assert_cmpuint (size, <, 200 * 1024);
  g_assert_cmpmem (png + 12, 4, "IHDR", 4);
  g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (png + 16)), ==, 20000);
  g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (png + 20)), ==, 20000);

  fetch (fixture, "/images/corrupt.png", &corrupt);
  g_assert_cmpuint (fetch_status (&corrupt), ==, SOUP_STATUS_OK);
  if (gdk_pixbuf_loader_write_bytes (loader, corrupt.body, &error))
    gdk_pixbuf_loader_close (loader, &error);
  else
    gdk_pixbuf_loader_close (loader, NULL);
  g_assert_nonnull (error);

  fetch (fixture, "/images/big.bin", &big);
  g_assert_cmpuint (fetch_status (&big), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (big.body), ==, 20 * 1024 * 1024);
}

/* ------------------------------------------------------------------------------------------
 * Lifecycle
 */

static void
test_stop_while_stalled (void)
{
  g_autoptr(SfFakeServer) server = sf_fake_server_new (N_SHOWS, SEED);
  /* Three requests in flight at once need three connections. */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 8, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Fetch) stalled = { 0, };
  g_auto(Fetch) delayed = { 0, };
  g_auto(Fetch) dripping = { 0, };
  gint64 started;

  sf_fake_server_start (server, 0, &error);
  g_assert_no_error (error);

  /* One stalled, one waiting for its latency, one half sent */
  sf_fake_server_fail_next (server, "/shows/1", SF_FAKE_FAILURE_STALL, 1);
  sf_fake_server_fail_next (server, "/shows/3", SF_FAKE_FAILURE_SLOW_DRIP, 1);
  fetch_start (session, server, "/shows/1", &stalled);
  fetch_start (session, server, "/shows/3", &dripping);
  wait_for_request (server, "/shows/1", 1);
  wait_for_request (server, "/shows/3", 1);
  sf_fake_server_set_latency (server, 60 * 1000, 0);
  fetch_start (session, server, "/shows/2", &delayed);
  wait_for_request (server, "/shows/2", 1);
  sf_test_run_for (100);

  started = g_get_monotonic_time ();
  sf_fake_server_stop (server);
  g_test_message ("stopped in %" G_GINT64_FORMAT " us", g_get_monotonic_time () - started);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);

  /* Every client hears about it */
  fetch_wait (&stalled);
  fetch_wait (&delayed);
  fetch_wait (&dripping);
  g_test_message ("stalled: %s; delayed: %s; dripping: %s, %" G_GSIZE_FORMAT " bytes",
                  stalled.error ? stalled.error->message : "-",
                  delayed.error ? delayed.error->message : "-",
                  dripping.error ? dripping.error->message : "-",
                  dripping.body ? g_bytes_get_size (dripping.body) : 0);
  g_assert_nonnull (stalled.error);
  g_assert_nonnull (delayed.error);
  /* libsoup 3.2 takes a connection closed inside a chunked body for its end: no error, but
   * a body cut short (which no JSON parser accepts). */
  g_assert_true (dripping.error != NULL || g_bytes_get_size (dripping.body) < 1000);

  /* And it starts again */
  sf_fake_server_set_latency (server, 0, 0);
  sf_fake_server_start (server, 0, &error);
  g_assert_no_error (error);
  {
    g_auto(Fetch) again = { 0, };

    fetch_on (session, server, "/shows/1", &again);
    g_assert_no_error (again.error);
    g_assert_cmpuint (soup_message_get_status (again.msg), ==, SOUP_STATUS_OK);
  }

  g_clear_object (&session);
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_dispose_while_stalled (void)
{
  SfFakeServer *server = sf_fake_server_new (N_SHOWS, SEED);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Fetch) stalled = { 0, };

  sf_fake_server_start (server, 0, &error);
  g_assert_no_error (error);
  sf_fake_server_fail_next (server, NULL, SF_FAKE_FAILURE_STALL, 1);
  fetch_start (session, server, "/search/shows?q=a", &stalled);
  wait_for_request (server, "/search", 1);

  /* The last unref stops it. */
  g_assert_finalize_object (server);
  fetch_wait (&stalled);
  g_assert_nonnull (stalled.error);
}

static void
test_port_in_use (void)
{
  g_autoptr(SfFakeServer) first = sf_fake_server_new (10, SEED);
  g_autoptr(SfFakeServer) second = sf_fake_server_new (10, SEED);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  sf_fake_server_start (first, 0, &error);
  g_assert_no_error (error);
  uri = g_uri_parse (sf_fake_server_get_url (first), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_assert_false (sf_fake_server_start (second, (guint) g_uri_get_port (uri), &error));
  g_assert_nonnull (error);
  g_assert_null (sf_fake_server_get_url (second));
}

static gpointer
knob_thread (gpointer data)
{
  SfFakeServer *server = data;

  for (guint i = 0; i < 2000; i++)
    {
      sf_fake_server_set_latency (server, i % 3, 0);
      sf_fake_server_set_retry_after (server, i % 5);
      sf_fake_server_fail_next (server, "/nothing-matches", SF_FAKE_FAILURE_SERVER_ERROR, 1);
      (void) sf_fake_server_get_request_count (server, "/shows");
      if (i % 100 == 0)
        sf_fake_server_override_show (server, 5, i % 200 == 0 ? "Flip" : NULL, NULL);
    }

  return NULL;
}

static void
test_knobs_from_threads (Fixture       *fixture,
                         gconstpointer  data)
{
  GThread *thread = g_thread_new ("knobs", knob_thread, fixture->server);

  for (guint i = 0; i < 20; i++)
    {
      g_auto(Fetch) result = { 0, };
      g_autofree char *path = g_strdup_printf ("/shows?page=%u", i % 3);

      fetch (fixture, path, &result);
      g_assert_no_error (result.error);
      g_assert_cmpuint (fetch_status (&result), ==, SOUP_STATUS_OK);
    }

  g_thread_join (thread);
}

/* ------------------------------------------------------------------------------------------
 * A catalog as big as TVmaze's
 */

static void
test_large_catalog (Fixture       *fixture,
                    gconstpointer  data)
{
  guint last_page = LARGE_SHOWS / 250;
  Fetch pages[8] = { { 0, } };
  g_auto(Fetch) first = { 0, };
  g_auto(Fetch) past = { 0, };
  g_auto(Fetch) updates = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  gint64 started;
  gint64 best_search = G_MAXINT64;
  gint64 best_page = G_MAXINT64;

  /* Warm up: the connection and the name index */
  fetch (fixture, "/search/shows?q=warm", &first);
  g_assert_no_error (first.error);

  for (guint i = 0; i < 5; i++)
    {
      static const char * const queries[] = { "ha", "the", "silent", "midnight detectives", "zq" };
      g_auto(Fetch) search = { 0, };
      g_autofree char *search_path = g_strdup_printf ("/search/shows?q=%s", queries[i]);

      fetch (fixture, search_path, &search);
      g_assert_no_error (search.error);
      g_assert_cmpuint (fetch_status (&search), ==, SOUP_STATUS_OK);
      best_search = MIN (best_search, search.elapsed_us);
      g_test_message ("search \"%s\" over %u shows: %" G_GINT64_FORMAT " us round trip",
                      queries[i], LARGE_SHOWS, search.elapsed_us);
    }

  for (guint i = 0; i < 5; i++)
    {
      g_auto(Fetch) page = { 0, };
      g_autofree char *page_path = g_strdup_printf ("/shows?page=%u", 100 + i);

      fetch (fixture, page_path, &page);
      g_assert_cmpuint (fetch_status (&page), ==, SOUP_STATUS_OK);
      best_page = MIN (best_page, page.elapsed_us);
      g_test_message ("index page of 250: %" G_GINT64_FORMAT " us round trip, %" G_GSIZE_FORMAT
                      " bytes", page.elapsed_us, g_bytes_get_size (page.body));
    }

  /* Concurrent pages are generated in parallel. */
  started = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *page_path = g_strdup_printf ("/shows?page=%u", 200 + i);

      fetch_start (fixture->session, fixture->server, page_path, &pages[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      fetch_wait (&pages[i]);
      g_assert_cmpuint (fetch_status (&pages[i]), ==, SOUP_STATUS_OK);
      fetch_clear (&pages[i]);
    }
  g_test_message ("%u concurrent index pages: %" G_GINT64_FORMAT " us",
                  (guint) G_N_ELEMENTS (pages), g_get_monotonic_time () - started);

  path = g_strdup_printf ("/shows?page=%u", last_page);
  node = fetch_json (fixture, path);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), >=, 1);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/shows?page=%u", last_page + 1);
  fetch (fixture, path, &past);
  g_assert_cmpuint (fetch_status (&past), ==, SOUP_STATUS_NOT_FOUND);

  fetch (fixture, "/updates/shows", &updates);
  g_assert_cmpuint (fetch_status (&updates), ==, SOUP_STATUS_OK);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (updates.body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), >, LARGE_SHOWS * 98 / 100);
  g_test_message ("/updates/shows: %" G_GINT64_FORMAT " us, %" G_GSIZE_FORMAT " bytes",
                  updates.elapsed_us, g_bytes_get_size (updates.body));

  g_test_message ("best: search %" G_GINT64_FORMAT " us, page %" G_GINT64_FORMAT " us",
                  best_search, best_page);
}

/* A failure for one exact path ("$"), not for the paths below it. */
static void
test_fail_exact_path (Fixture       *fixture,
                      gconstpointer  data)
{
  sf_fake_server_fail_next (fixture->server, "/shows/2$", SF_FAKE_FAILURE_SERVER_ERROR, 1);

  {
    g_auto(Fetch) cast = { 0, };

    fetch (fixture, "/shows/2/cast", &cast);
    g_assert_cmpuint (fetch_status (&cast), ==, 200);
  }
  {
    g_auto(Fetch) with_query = { 0, };

    fetch (fixture, "/shows/2?embed=cast", &with_query);
    g_assert_cmpuint (fetch_status (&with_query), ==, 200);
  }
  {
    g_auto(Fetch) show = { 0, };

    fetch (fixture, "/shows/2", &show);
    g_assert_cmpuint (fetch_status (&show), ==, 500);
  }
  {
    g_auto(Fetch) again = { 0, };

    fetch (fixture, "/shows/2", &again);
    g_assert_cmpuint (fetch_status (&again), ==, 200);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/series-finder/fake-server/" name, Fixture, data, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("search", test_search, NULL);
  ADD ("singlesearch", test_singlesearch, NULL);
  ADD ("show", test_show, NULL);
  ADD ("fail-exact-path", test_fail_exact_path, NULL);
  ADD ("show-embeds", test_show_embeds, NULL);
  ADD ("not-found", test_not_found, NULL);
  ADD ("index", test_index, NULL);
  ADD ("updates", test_updates, NULL);
  ADD ("episodes", test_episodes, NULL);
  ADD ("determinism", test_determinism, NULL);
  ADD ("override", test_override, NULL);
  ADD ("rate-limit", test_rate_limit, NULL);
  ADD ("server-errors", test_server_errors, NULL);
  ADD ("truncated", test_truncated, NULL);
  ADD ("invalid-json", test_invalid_json, NULL);
  ADD ("invalid-utf8", test_invalid_utf8, NULL);
  ADD ("drop", test_drop, NULL);
  ADD ("stall", test_stall, NULL);
  ADD ("slow-drip", test_slow_drip, NULL);
  ADD ("fail-matching", test_fail_matching, NULL);
  ADD ("latency", test_latency, NULL);
  ADD ("client-gives-up", test_client_gives_up, NULL);
  ADD ("images", test_images, NULL);
  ADD ("knobs-from-threads", test_knobs_from_threads, NULL);
  ADD ("large-catalog", test_large_catalog, GUINT_TO_POINTER (LARGE_SHOWS));
  g_test_add_func ("/series-finder/fake-server/stop-while-stalled", test_stop_while_stalled);
  g_test_add_func ("/series-finder/fake-server/dispose-while-stalled", test_dispose_while_stalled);
  g_test_add_func ("/series-finder/fake-server/port-in-use", test_port_in_use);

#undef ADD

  return g_test_run ();
}
