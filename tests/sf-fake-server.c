/* sf-fake-server.c: a fake TVmaze API for tests, benchmarks and the offline demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-fake-server.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sf-fake-catalog.h"
#include "sf-fake-images.h"
#include "sf-fake-json.h"

/* The server itself: routes, knobs (failures, delays, 429s) and the threads. What it serves
 * comes from sf-fake-catalog.c (the generated shows), sf-fake-json.c (TVmaze's JSON) and
 * sf-fake-images.c (posters). */

#define PAGE_SIZE             250

#define DRIP_PIECES           30
#define DRIP_INTERVAL_MS      50      /* 30 pieces, 1.5 s in all */

/* libsoup 3.2 has no name for it */
#define STATUS_TOO_MANY_REQUESTS 429

#define API_CACHE_CONTROL     "public, max-age=3600"
#define IMAGE_CACHE_CONTROL   "public, max-age=86400"

typedef struct
{
  char          *prefix;      /* owned, nullable: any API path */
  SfFakeFailure  failure;
  guint          remaining;
} FailRule;

struct _SfFakeServer
{
  GObject parent_instance;

  /* Immutable after construction; the catalog locks itself. */
  SfFakeCatalog *catalog;
  /* Shows above this id do not exist yet (0: all do); see sf_fake_server_set_max_show_id(). */
  gint           max_show_id;

  /* Owned by the thread that calls start() and stop(). */
  GThread       *thread;
  GThread       *index_thread;
  GMainContext  *context;
  GMainLoop     *loop;
  GThreadPool   *pool;            /* generates API answers off the server thread */
  char          *url;            /* set before start() returns, read-only while running */
  SfFakeJson     json;           /* the writers, with url: read-only while running */

  /* start() waits for the server thread to listen (or fail). */
  GMutex         start_lock;
  GCond          start_cond;
  gboolean       start_done;
  GError        *start_error;
  guint          start_port;

  /* Knobs, read and written with atomics. */
  gint           api_latency_ms;
  gint           image_latency_ms;
  gint           retry_after_s;

  /* Guarded by lock. */
  GMutex         lock;
  GQueue         failures;        /* FailRule */
  GHashTable    *request_counts;  /* "path?query" -> count */
  GHashTable    *show_aliases;    /* gint64 asked -> gint64 served, for /shows/ID itself */

  /* Touched only on the server thread (or after it has been joined). */
  SoupServer    *server;
  GList         *pending;         /* Request, answers that wait on a timer or forever */
  SfFakeImages  *images;
};

G_DEFINE_FINAL_TYPE (SfFakeServer, sf_fake_server, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------
 * Routing
 */

typedef struct
{
  guint        status;
  const char  *content_type;   /* static */
  const char  *cache_control;  /* static, nullable */
  guint        retry_after;    /* 0: no Retry-After */
  GBytes      *body;           /* owned, nullable */
} Response;

static void
response_clear (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, response_clear)

static void
response_set_json (Response *response,
                   guint     status,
                   GBytes   *body)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = status;
  response->content_type = "application/json";
  response->cache_control = status < 400 || status == SOUP_STATUS_NOT_FOUND ? API_CACHE_CONTROL
                                                                            : NULL;
  response->retry_after = 0;
  response->body = body;
}

static void
response_set_builder (Response    *response,
                      JsonBuilder *b)
{
  response_set_json (response, SOUP_STATUS_OK, sf_fake_json_to_bytes (b));
}

/* TVmaze's error envelope: {"name":"Not Found","message":"","code":0,"status":404} */
static void
response_set_error (Response   *response,
                    guint       status,
                    const char *name,
                    const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sf_fake_json_add_string (b, "name", name);
  sf_fake_json_add_string (b, "message", message);
  sf_fake_json_add_int (b, "code", 0);
  sf_fake_json_add_int (b, "status", status);
  json_builder_end_object (b);
  response_set_json (response, status, sf_fake_json_to_bytes (b));
}

static void
response_set_not_found (Response *response)
{
  response_set_error (response, SOUP_STATUS_NOT_FOUND, "Not Found", "");
}

static void
response_set_image (Response *response,
                    GBytes   *body,
                    const char *content_type)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = SOUP_STATUS_OK;
  response->content_type = content_type;
  response->cache_control = IMAGE_CACHE_CONTROL;
  response->body = body;
}

static char *
query_decode (const char *raw)
{
  g_autofree char *plus = g_strdup (raw);
  char *decoded;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);
  return decoded != NULL ? decoded : g_steal_pointer (&plus);
}

/* key -> GPtrArray of values; "embed[]" is stored as "embed" */
static GHashTable *
query_parse (const char *raw)
{
  GHashTable *query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  g_auto(GStrv) pairs = NULL;

  if (raw == NULL)
    return query;

  pairs = g_strsplit (raw, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      GPtrArray *values;

      if (pairs[i][0] == '\0')
        continue;
      if (eq != NULL)
        *eq = '\0';
      key = query_decode (pairs[i]);
      if (g_str_has_suffix (key, "[]"))
        key[strlen (key) - 2] = '\0';

      values = g_hash_table_lookup (query, key);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (query, g_strdup (key), values);
        }
      g_ptr_array_add (values, eq != NULL ? query_decode (eq + 1) : g_strdup (""));
    }

  return query;
}

static const char *
query_get (GHashTable *query,
           const char *key)
{
  GPtrArray *values = g_hash_table_lookup (query, key);

  return values != NULL ? g_ptr_array_index (values, values->len - 1) : NULL;
}

static gboolean
query_parse_embeds (GHashTable *query,
                    Embeds     *embeds)
{
  static const struct { const char *name; Embeds flag; } known[] = {
    { "episodes", EMBED_EPISODES }, { "cast", EMBED_CAST }, { "crew", EMBED_CREW },
    { "seasons", EMBED_SEASONS }, { "nextepisode", EMBED_NEXT },
    { "previousepisode", EMBED_PREVIOUS },
  };
  GPtrArray *values = g_hash_table_lookup (query, "embed");

  *embeds = 0;
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      gboolean found = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        {
          if (g_str_equal (value, known[k].name))
            {
              *embeds |= known[k].flag;
              found = TRUE;
            }
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (text[0]) || strlen (text) > 15)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static void
route_search (SfFakeServer *self,
              GHashTable   *query,
              gboolean      single,
              Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *text = query_get (query, "q");
  Hit hits[MAX_SEARCH_RESULTS];
  guint n_hits = 0;
  Embeds embeds = 0;

  if (single && !query_parse_embeds (query, &embeds))
    {
      response_set_error (response, SOUP_STATUS_BAD_REQUEST, "Bad Request", "Invalid embed type");
      return;
    }

  if (text != NULL)
    n_hits = sf_fake_catalog_search (self->catalog, text, hits, single ? 1 : MAX_SEARCH_RESULTS);

  if (single)
    {
      if (n_hits == 0)
        {
          response_set_json (response, SOUP_STATUS_NOT_FOUND,
                             g_bytes_new_static ("null", 4));
          return;
        }
      sf_fake_json_show_by_id (&self->json, b, hits[0].id, embeds);
      response_set_builder (response, b);
      return;
    }

  json_builder_begin_array (b);
  for (guint i = 0; i < n_hits; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, hits[i].score);
      json_builder_set_member_name (b, "show");
      sf_fake_json_show_by_id (&self->json, b, hits[i].id, 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  response_set_builder (response, b);
}


/* A show of the generated catalog that the server admits to (issue 13: shows "added" between
 * two syncs). */
static gboolean
show_visible (SfFakeServer *self,
              gint64        id)
{
  gint max = g_atomic_int_get (&self->max_show_id);

  return (max == 0 || id <= max) && sf_fake_catalog_show_exists (self->catalog, id);
}

static void
route_index (SfFakeServer *self,
             GHashTable   *query,
             Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *text = query_get (query, "page");
  guint64 page = 0;
  gint64 first, last;

  /* Like TVmaze, a page that isn't a number reads as the first one. */
  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &page, NULL))
    page = 0;

  /* The last page is the one holding the highest id, even if the catalog ends in a hole. */
  last = self->catalog->n_shows;
  while (last > 0 && !show_visible (self, last))
    last--;
  if (last == 0 || page > (guint64) last / PAGE_SIZE)
    {
      response_set_not_found (response);
      return;
    }

  first = MAX ((gint64) page * PAGE_SIZE, 1);
  last = MIN ((gint64) page * PAGE_SIZE + PAGE_SIZE - 1, last);

  json_builder_begin_array (b);
  for (gint64 id = first; id <= last; id++)
    if (show_visible (self, id))
      sf_fake_json_show_by_id (&self->json, b, id, 0);
  json_builder_end_array (b);
  response_set_builder (response, b);
}

static void
route_updates (SfFakeServer *self,
               GHashTable   *query,
               Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *since = query_get (query, "since");
  gint64 oldest = 0;

  if (g_strcmp0 (since, "day") == 0)
    oldest = TODAY_EPOCH - 86400;
  else if (g_strcmp0 (since, "week") == 0)
    oldest = TODAY_EPOCH - 7 * 86400;
  else if (g_strcmp0 (since, "month") == 0)
    oldest = TODAY_EPOCH - 30 * 86400;

  json_builder_begin_object (b);
  for (gint64 id = 1; id <= (gint64) self->catalog->n_shows; id++)
    {
      char key[24];
      gint64 updated;

      if (!show_visible (self, id))
        continue;
      updated = sf_fake_catalog_show_updated (self->catalog, id);
      if (updated < oldest)
        continue;
      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, id);
      sf_fake_json_add_int (b, key, updated);
    }
  json_builder_end_object (b);
  response_set_builder (response, b);
}

static void
route_show (SfFakeServer *self,
            gint64        id,
            const char   *what,      /* nullable: the show itself */
            GHashTable   *query,
            Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(FakeShow) show = { 0, };
  g_autoptr(GArray) episodes = NULL;
  Embeds embeds;

  if (what == NULL)
    {
      gint64 *served;

      g_mutex_lock (&self->lock);
      served = g_hash_table_lookup (self->show_aliases, &id);
      if (served != NULL)
        id = *served;
      g_mutex_unlock (&self->lock);
    }

  if (!show_visible (self, id))
    {
      response_set_not_found (response);
      return;
    }

  if (what == NULL)
    {
      if (!query_parse_embeds (query, &embeds))
        {
          response_set_error (response, SOUP_STATUS_BAD_REQUEST, "Bad Request",
                              "Invalid embed type");
          return;
        }
      sf_fake_json_show_by_id (&self->json, b, id, embeds);
      response_set_builder (response, b);
      return;
    }

  sf_fake_catalog_generate_show (self->catalog, id, &show);
  if (g_str_equal (what, "episodes"))
    {
      const char *specials = query_get (query, "specials");

      episodes = sf_fake_show_dup_episodes (&show);
      sf_fake_json_episodes (&self->json, b, &show, episodes, 0,
                      g_strcmp0 (specials, "1") == 0 || g_strcmp0 (specials, "true") == 0);
    }
  else if (g_str_equal (what, "seasons"))
    {
      episodes = sf_fake_show_dup_episodes (&show);
      sf_fake_json_seasons (&self->json, b, &show, episodes);
    }
  else if (g_str_equal (what, "cast"))
    sf_fake_json_cast (&self->json, b, &show);
  else if (g_str_equal (what, "crew"))
    sf_fake_json_crew (&self->json, b, &show);
  else
    {
      response_set_not_found (response);
      return;
    }

  response_set_builder (response, b);
}

static void
route_search_people (SfFakeServer *self,
                     GHashTable   *query,
                     Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  Hit hits[MAX_SEARCH_RESULTS];
  guint n_hits;

  n_hits = sf_fake_catalog_search_people (self->catalog, query_get (query, "q"), hits,
                                          MAX_SEARCH_RESULTS);
  json_builder_begin_array (b);
  for (guint i = 0; i < n_hits; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, hits[i].score);
      json_builder_set_member_name (b, "person");
      sf_fake_json_person (&self->json, b, hits[i].id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  response_set_builder (response, b);
}

/* `/people/:id` and `/people/:id/castcredits[?embed[]=show&embed[]=character]` */
static void
route_person (SfFakeServer *self,
              gint64        id,
              const char   *what,      /* nullable: the person */
              GHashTable   *query,
              Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GPtrArray *embeds = g_hash_table_lookup (query, "embed");
  gboolean embed_show = FALSE;
  gboolean embed_character = FALSE;

  if (!sf_fake_catalog_person_exists (self->catalog, id) ||
      (what != NULL && !g_str_equal (what, "castcredits")))
    {
      response_set_not_found (response);
      return;
    }

  if (what == NULL)
    {
      sf_fake_json_person (&self->json, b, id);
      response_set_builder (response, b);
      return;
    }

  for (guint i = 0; embeds != NULL && i < embeds->len; i++)
    {
      const char *embed = g_ptr_array_index (embeds, i);

      if (g_str_equal (embed, "show"))
        embed_show = TRUE;
      else if (g_str_equal (embed, "character"))
        embed_character = TRUE;
      else
        {
          response_set_error (response, SOUP_STATUS_BAD_REQUEST, "Bad Request",
                              "Invalid embed type");
          return;
        }
    }
  sf_fake_json_credits (&self->json, b, id, embed_show, embed_character);
  response_set_builder (response, b);
}

static void
route_season_episodes (SfFakeServer *self,
                       gint64        season_id,
                       Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(FakeShow) show = { 0, };
  g_autoptr(GArray) episodes = NULL;
  gint64 show_id = season_id / SEASON_ID_STRIDE;
  guint number = (guint) (season_id % SEASON_ID_STRIDE);

  if (!show_visible (self, show_id))
    {
      response_set_not_found (response);
      return;
    }

  sf_fake_catalog_generate_show (self->catalog, show_id, &show);
  if (number < 1 || number > show.layout.n_seasons)
    {
      response_set_not_found (response);
      return;
    }

  /* Specials are always listed here, as on TVmaze. */
  episodes = sf_fake_show_dup_episodes (&show);
  sf_fake_json_episodes (&self->json, b, &show, episodes, number, TRUE);
  response_set_builder (response, b);
}

static void
route_episode (SfFakeServer *self,
               gint64        episode_id,
               Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(FakeShow) show = { 0, };
  g_autoptr(GArray) episodes = NULL;
  g_autofree char *slug = NULL;
  gint64 show_id = episode_id / SHOW_ID_STRIDE;

  if (!show_visible (self, show_id))
    {
      response_set_not_found (response);
      return;
    }

  sf_fake_catalog_generate_show (self->catalog, show_id, &show);
  episodes = sf_fake_show_dup_episodes (&show);
  slug = sf_fake_slugify (show.name);
  for (guint i = 0; i < episodes->len; i++)
    {
      const FakeEpisode *episode = &g_array_index (episodes, FakeEpisode, i);

      if (episode->id == episode_id)
        {
          sf_fake_json_episode (&self->json, b, &show, slug, episode);
          response_set_builder (response, b);
          return;
        }
    }

  response_set_not_found (response);
}

static void
route_image (SfFakeServer  *self,
             char         **parts,
             guint          n_parts,
             Response      *response)
{
  if (n_parts == 2 && g_str_equal (parts[1], "huge.png"))
    {
      response_set_image (response, sf_fake_images_huge_png (self->images), "image/png");
      return;
    }
  if (n_parts == 2 && g_str_equal (parts[1], "corrupt.png"))
    {
      response_set_image (response, sf_fake_images_corrupt_png (self->images), "image/png");
      return;
    }
  if (n_parts == 2 && g_str_equal (parts[1], "big.bin"))
    {
      /* Labelled an image, so only a size cap protects the client. */
      response_set_image (response, sf_fake_images_big_bin (self->images), "image/png");
      return;
    }

  if (n_parts == 3 && g_str_has_suffix (parts[2], ".png"))
    {
      g_autofree char *number = g_strndup (parts[2], strlen (parts[2]) - 4);
      gint64 id;

      for (guint kind = 0; kind < N_IMAGE_KINDS; kind++)
        {
          if (g_str_equal (parts[1], sf_fake_image_kind_dirs[kind]) && parse_id (number, &id))
            {
              response_set_image (response, sf_fake_images_poster (self->images, kind, id),
                                  "image/png");
              return;
            }
        }
    }

  response_set_not_found (response);
}

static void
route (SfFakeServer *self,
       const char   *path,
       const char   *raw_query,
       Response     *response)
{
  g_autoptr(GHashTable) query = query_parse (raw_query);
  g_auto(GStrv) parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", 0);
  guint n_parts = g_strv_length (parts);
  gint64 id;

  if (n_parts == 2 && g_str_equal (parts[0], "search") && g_str_equal (parts[1], "shows"))
    route_search (self, query, FALSE, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "singlesearch")
           && g_str_equal (parts[1], "shows"))
    route_search (self, query, TRUE, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "search") && g_str_equal (parts[1], "people"))
    route_search_people (self, query, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "people") && parse_id (parts[1], &id))
    route_person (self, id, NULL, query, response);
  else if (n_parts == 3 && g_str_equal (parts[0], "people") && parse_id (parts[1], &id))
    route_person (self, id, parts[2], query, response);
  else if (n_parts == 1 && g_str_equal (parts[0], "shows"))
    route_index (self, query, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "shows") && parse_id (parts[1], &id))
    route_show (self, id, NULL, query, response);
  else if (n_parts == 3 && g_str_equal (parts[0], "shows") && parse_id (parts[1], &id))
    route_show (self, id, parts[2], query, response);
  else if (n_parts == 3 && g_str_equal (parts[0], "seasons") && parse_id (parts[1], &id)
           && g_str_equal (parts[2], "episodes"))
    route_season_episodes (self, id, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "episodes") && parse_id (parts[1], &id))
    route_episode (self, id, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "updates") && g_str_equal (parts[1], "shows"))
    route_updates (self, query, response);
  else if (n_parts >= 2 && g_str_equal (parts[0], "images"))
    route_image (self, parts, n_parts, response);
  else
    response_set_not_found (response);
}

/* ------------------------------------------------------------------------------------------
 * Failures
 */

static void
fail_rule_free (FailRule *rule)
{
  g_free (rule->prefix);
  g_free (rule);
}

/* A prefix, or with a final '$' the whole key ("/shows/9$": that path, not its children). */
static gboolean
key_matches (const char *key,
             const char *pattern)
{
  size_t length = strlen (pattern);

  if (length > 0 && pattern[length - 1] == '$')
    return strlen (key) == length - 1 && strncmp (key, pattern, length - 1) == 0;

  return g_str_has_prefix (key, pattern);
}

/* @key is "path" or "path?query"; a prefix without '?' therefore matches on the path alone. */
static SfFakeFailure
take_failure_locked (SfFakeServer *self,
                     const char   *key)
{
  for (GList *l = self->failures.head; l != NULL; l = l->next)
    {
      FailRule *rule = l->data;
      SfFakeFailure failure = rule->failure;

      if (rule->prefix != NULL && !key_matches (key, rule->prefix))
        continue;

      if (--rule->remaining == 0)
        {
          g_queue_delete_link (&self->failures, l);
          fail_rule_free (rule);
        }
      return failure;
    }

  return SF_FAKE_FAILURE_NONE;
}

static void
apply_failure (SfFakeServer  *self,
               SfFakeFailure  failure,
               Response      *response)
{
  switch (failure)
    {
    case SF_FAKE_FAILURE_RATE_LIMIT:
      response_set_error (response, STATUS_TOO_MANY_REQUESTS, "Too Many Requests",
                          "Rate limit exceeded");
      response->retry_after = (guint) g_atomic_int_get (&self->retry_after_s);
      break;

    case SF_FAKE_FAILURE_RATE_LIMIT_BARE:
      response_set_error (response, STATUS_TOO_MANY_REQUESTS, "Too Many Requests",
                          "Rate limit exceeded");
      break;

    case SF_FAKE_FAILURE_SERVER_ERROR:
      response_set_error (response, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal Server Error",
                          "An internal server error occurred.");
      break;

    case SF_FAKE_FAILURE_UNAVAILABLE:
      response_set_error (response, SOUP_STATUS_SERVICE_UNAVAILABLE, "Service Unavailable",
                          "The server is temporarily unable to service your request.");
      break;

    case SF_FAKE_FAILURE_TRUNCATED:
      {
        gsize size = response->body != NULL ? g_bytes_get_size (response->body) : 0;
        GBytes *cut = response->body != NULL ? g_bytes_new_from_bytes (response->body, 0, size / 2)
                                             : g_bytes_new_static ("[", 1);

        /* The Content-Length is that of the cut body: only the JSON parser can tell. */
        response_set_json (response, SOUP_STATUS_OK, cut);
      }
      break;

    case SF_FAKE_FAILURE_INVALID_JSON:
      {
        static const char html[] =
          "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
          "<body><h1>Bad Gateway</h1><p>The upstream server sent nonsense.</p></body></html>\n";

        response_set_json (response, SOUP_STATUS_OK,
                           g_bytes_new_static (html, sizeof html - 1));
      }
      break;

    case SF_FAKE_FAILURE_INVALID_UTF8:
      {
        gsize size = 0;
        const char *data = response->body != NULL ? g_bytes_get_data (response->body, &size)
                                                  : NULL;
        g_autofree char *text = g_strndup (data != NULL ? data : "", size);
        const char *at = strstr (text, "\"name\":\"");
        GString *bad = g_string_new (NULL);

        /* Bytes that are never valid UTF-8, inside the first string value. */
        if (at != NULL)
          {
            at += strlen ("\"name\":\"");
            g_string_append_len (bad, text, at - text);
            g_string_append (bad, "Bad \xff\xfe \xc3\x28 bytes ");
            g_string_append (bad, at);
          }
        else
          g_string_append (bad, "[\"Bad \xff\xfe \xc3\x28 bytes\"]");

        response_set_json (response, SOUP_STATUS_OK, g_string_free_to_bytes (bad));
      }
      break;

    case SF_FAKE_FAILURE_NONE:
    case SF_FAKE_FAILURE_DROP:
    case SF_FAKE_FAILURE_STALL:
    case SF_FAKE_FAILURE_SLOW_DRIP:
    default:
      break;
    }
}

static void
response_apply (SoupServerMessage *msg,
                const Response    *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, response->status, NULL);
  if (response->cache_control != NULL)
    soup_message_headers_replace (headers, "Cache-Control", response->cache_control);
  if (response->retry_after > 0)
    {
      char seconds[16];

      g_snprintf (seconds, sizeof seconds, "%u", response->retry_after);
      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (response->body != NULL)
    {
      soup_message_headers_set_content_type (headers, response->content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
                                      response->body);
    }
}

/* ------------------------------------------------------------------------------------------
 * Requests whose answer waits: latency, stalls, drips, drops
 */

typedef struct _Job Job;

typedef struct
{
  SfFakeServer      *self;          /* borrowed */
  SoupServerMessage *msg;           /* owned */
  char              *path;          /* owned */
  char              *query;         /* owned, nullable */
  gboolean           is_image;
  SfFakeFailure      failure;
  GSource           *source;        /* owned, nullable */
  Job               *job;           /* borrowed, nullable: its answer is being generated */
  gulong             disconnected_id;
  gulong             finished_id;
  GBytes            *drip;          /* owned, nullable */
  gsize              drip_offset;
  gsize              drip_piece;
} Request;

/* An API answer generated on the worker pool. The job outlives its request if the client
 * goes away meanwhile; request and job point at each other only on the server thread. */
struct _Job
{
  SfFakeServer *self;               /* borrowed */
  char         *path;               /* owned */
  char         *query;              /* owned, nullable */
  Response      response;
  Request      *request;            /* nullable, server thread only */
};

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->request != NULL)
    job->request->job = NULL;
  response_clear (&job->response);
  g_free (job->path);
  g_free (job->query);
  g_free (job);
}

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->job != NULL)
    request->job->request = NULL;
  if (request->source != NULL)
    {
      g_source_destroy (request->source);
      g_source_unref (request->source);
    }
  g_clear_signal_handler (&request->disconnected_id, request->msg);
  g_clear_signal_handler (&request->finished_id, request->msg);
  g_clear_object (&request->msg);
  g_clear_pointer (&request->drip, g_bytes_unref);
  g_free (request->path);
  g_free (request->query);
  g_free (request);
}

static void
request_forget (Request *request)
{
  request->self->pending = g_list_remove (request->self->pending, request);
  request_free (request);
}

static void
request_on_gone (SoupServerMessage *msg,
                 gpointer           user_data)
{
  /* The client went away (or a timeout closed it): nothing left to answer. */
  request_forget (user_data);
}

static void
request_schedule (Request     *request,
                  guint        interval_ms,
                  GSourceFunc  func)
{
  g_assert (request->source == NULL);

  request->source = g_timeout_source_new (interval_ms);
  g_source_set_callback (request->source, func, request, NULL);
  g_source_attach (request->source, request->self->context);
}

static gboolean
request_on_drop (gpointer user_data)
{
  Request *request = user_data;
  g_autoptr(GIOStream) stream = NULL;

  g_clear_pointer (&request->source, g_source_unref);
  g_clear_signal_handler (&request->disconnected_id, request->msg);
  g_clear_signal_handler (&request->finished_id, request->msg);

  stream = soup_server_message_steal_connection (request->msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  request_forget (request);

  return G_SOURCE_REMOVE;
}

static gboolean
request_on_drip (gpointer user_data)
{
  Request *request = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (request->msg);
  gsize size = g_bytes_get_size (request->drip);
  gsize piece = MIN (request->drip_piece, size - request->drip_offset);

  if (piece > 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_from_bytes (request->drip, request->drip_offset,
                                                        piece);

      soup_message_body_append_bytes (body, bytes);
      request->drip_offset += piece;
    }

  if (request->drip_offset < size)
    {
      soup_server_message_unpause (request->msg);
      return G_SOURCE_CONTINUE;
    }

  soup_message_body_complete (body);
  soup_server_message_unpause (request->msg);
  request_forget (request);   /* destroys this source */
  return G_SOURCE_REMOVE;
}

static void
request_start_drip (Request  *request,
                    Response *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);

  soup_server_message_set_status (request->msg, response->status, NULL);
  if (response->cache_control != NULL)
    soup_message_headers_replace (headers, "Cache-Control", response->cache_control);
  soup_message_headers_set_content_type (headers, response->content_type, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  request->drip = g_steal_pointer (&response->body);
  request->drip_piece = MAX (1, (g_bytes_get_size (request->drip) + DRIP_PIECES - 1)
                                / DRIP_PIECES);
  request_schedule (request, DRIP_INTERVAL_MS, request_on_drip);
  /* The headers go out now; the body follows piece by piece. */
  soup_server_message_unpause (request->msg);
}

static void
request_complete (Request  *request,
                  Response *response)
{
  if (request->failure == SF_FAKE_FAILURE_SLOW_DRIP)
    {
      request_start_drip (request, response);
      return;
    }

  apply_failure (request->self, request->failure, response);
  response_apply (request->msg, response);
  soup_server_message_unpause (request->msg);
  request_forget (request);
}

static gboolean
job_on_done (gpointer user_data)
{
  Job *job = user_data;
  Request *request = job->request;

  if (request != NULL)
    {
      job->request = NULL;
      request->job = NULL;
      request_complete (request, &job->response);
    }

  return G_SOURCE_REMOVE;
}

static void
job_run (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  g_autoptr(GSource) source = NULL;

  route (job->self, job->path, job->query, &job->response);

  /* If the server stops first, unreffing its context frees the job. */
  source = g_idle_source_new ();
  g_source_set_callback (source, job_on_done, job, job_free);
  g_source_attach (source, job->self->context);
}

static void
request_generate (Request *request)
{
  Job *job;

  if (request->is_image)
    {
      /* Images are cheap once cached, and their caches belong to this thread. */
      g_auto(Response) response = { 0, };

      route (request->self, request->path, request->query, &response);
      request_complete (request, &response);
      return;
    }

  job = g_new0 (Job, 1);
  job->self = request->self;
  job->path = g_strdup (request->path);
  job->query = g_strdup (request->query);
  job->request = request;
  request->job = job;
  g_thread_pool_push (request->self->pool, job, NULL);
}

static void
request_proceed (Request *request)
{
  switch (request->failure)
    {
    case SF_FAKE_FAILURE_STALL:
      break;   /* paused until the client gives up or the server stops */

    case SF_FAKE_FAILURE_DROP:
      request_schedule (request, 0, request_on_drop);
      break;

    case SF_FAKE_FAILURE_NONE:
    case SF_FAKE_FAILURE_RATE_LIMIT:
    case SF_FAKE_FAILURE_RATE_LIMIT_BARE:
    case SF_FAKE_FAILURE_SERVER_ERROR:
    case SF_FAKE_FAILURE_UNAVAILABLE:
    case SF_FAKE_FAILURE_TRUNCATED:
    case SF_FAKE_FAILURE_INVALID_JSON:
    case SF_FAKE_FAILURE_INVALID_UTF8:
    case SF_FAKE_FAILURE_SLOW_DRIP:
    default:
      request_generate (request);
      break;
    }
}

static gboolean
request_on_delay_done (gpointer user_data)
{
  Request *request = user_data;

  g_clear_pointer (&request->source, g_source_unref);
  request_proceed (request);
  return G_SOURCE_REMOVE;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *unused_query,
                 gpointer           user_data)
{
  SfFakeServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  gboolean is_image = g_str_has_prefix (path, "/images/");
  g_autofree char *key = NULL;
  SfFakeFailure failure = SF_FAKE_FAILURE_NONE;
  Request *request;
  guint delay_ms;
  guint count;

  if (raw_query != NULL && raw_query[0] != '\0')
    key = g_strconcat (path, "?", raw_query, NULL);
  else
    key = g_strdup (path);

  g_mutex_lock (&self->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, key));
  g_hash_table_insert (self->request_counts, g_strdup (key), GUINT_TO_POINTER (count + 1));
  if (!is_image)
    failure = take_failure_locked (self, key);
  g_mutex_unlock (&self->lock);

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      g_auto(Response) response = { 0, };

      response_set_error (&response, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed", "");
      response_apply (msg, &response);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      return;
    }

  delay_ms = (guint) g_atomic_int_get (is_image ? &self->image_latency_ms
                                                : &self->api_latency_ms);

  if (is_image && delay_ms == 0)
    {
      g_auto(Response) response = { 0, };

      route (self, path, raw_query, &response);
      response_apply (msg, &response);
      return;
    }

  request = g_new0 (Request, 1);
  request->self = self;
  request->msg = g_object_ref (msg);
  request->path = g_strdup (path);
  request->query = g_strdup (raw_query);
  request->is_image = is_image;
  request->failure = failure;
  request->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (request_on_gone), request);
  request->finished_id = g_signal_connect (msg, "finished",
                                           G_CALLBACK (request_on_gone), request);
  self->pending = g_list_prepend (self->pending, request);

  /* Never sleep or compute here: this thread serves every other request meanwhile. */
  soup_server_message_pause (msg);
  if (delay_ms > 0)
    request_schedule (request, delay_ms, request_on_delay_done);
  else
    request_proceed (request);
}

/* ------------------------------------------------------------------------------------------
 * The server thread
 */

static gpointer
index_thread_main (gpointer data)
{
  /* Built ahead of the first search, so that one doesn't pay for 90,000 names. */
  sf_fake_catalog_build_index (data);
  return NULL;
}

static gpointer
server_thread_main (gpointer data)
{
  SfFakeServer *self = data;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "fake-tvmaze ", NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", self->start_port);
  listening = soup_server_listen (self->server, address, 0, &error);
  if (listening)
    {
      /* Not soup_server_get_uris(): libsoup 3.2 leaks an address there. */
      GSList *listeners = soup_server_get_listeners (self->server);
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, &error);

      g_slist_free (listeners);
      listening = local != NULL;
      if (listening)
        {
          self->url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (
                                         G_INET_SOCKET_ADDRESS (local)));
          self->json.catalog = self->catalog;
          self->json.url = self->url;
        }
    }

  g_mutex_lock (&self->start_lock);
  self->start_error = g_steal_pointer (&error);
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_lock);

  if (listening)
    g_main_loop_run (self->loop);

  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
server_thread_stop (gpointer user_data)
{
  SfFakeServer *self = user_data;

  /* Stalled and delayed answers are dropped with their connections. */
  g_list_free_full (g_steal_pointer (&self->pending), request_free);
  soup_server_disconnect (self->server);
  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------------------------
 * GObject
 */

static void
sf_fake_server_dispose (GObject *object)
{
  SfFakeServer *self = SF_FAKE_SERVER (object);

  sf_fake_server_stop (self);

  G_OBJECT_CLASS (sf_fake_server_parent_class)->dispose (object);
}

static void
sf_fake_server_finalize (GObject *object)
{
  SfFakeServer *self = SF_FAKE_SERVER (object);

  if (self->index_thread != NULL)
    g_thread_join (g_steal_pointer (&self->index_thread));

  g_queue_clear_full (&self->failures, (GDestroyNotify) fail_rule_free);
  g_clear_pointer (&self->request_counts, g_hash_table_unref);
  g_clear_pointer (&self->show_aliases, g_hash_table_unref);
  g_clear_pointer (&self->images, sf_fake_images_free);
  g_clear_pointer (&self->catalog, sf_fake_catalog_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->start_lock);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (sf_fake_server_parent_class)->finalize (object);
}

static void
sf_fake_server_class_init (SfFakeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_fake_server_dispose;
  object_class->finalize = sf_fake_server_finalize;
}

static void
sf_fake_server_init (SfFakeServer *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->start_lock);
  g_cond_init (&self->start_cond);
  g_queue_init (&self->failures);
  self->request_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->show_aliases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->retry_after_s = 1;
}

/* ------------------------------------------------------------------------------------------
 * Public API
 */

SfFakeServer *
sf_fake_server_new (guint   n_shows,
                    guint64 seed)
{
  SfFakeServer *self = g_object_new (SF_TYPE_FAKE_SERVER, NULL);

  self->catalog = sf_fake_catalog_new (n_shows, seed);
  self->images = sf_fake_images_new (seed);

  return self;
}

void
sf_fake_server_set_max_show_id (SfFakeServer *self,
                                gint64        max_id)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_atomic_int_set (&self->max_show_id, (gint) CLAMP (max_id, 0, G_MAXINT));
}

/**
 * sf_fake_server_start:
 * @port: 0 for an ephemeral port
 *
 * Starts serving on 127.0.0.1 on a thread of its own; returns once the server listens.
 */
gboolean
sf_fake_server_start (SfFakeServer  *self,
                      guint          port,
                      GError       **error)
{
  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_pointer (&self->url, g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->start_port = port;
  self->start_done = FALSE;

  /* Index pages take ~10 ms of JSON each: generate them on a few cores, not one. */
  self->pool = g_thread_pool_new_full (job_run, NULL, job_free,
                                       (gint) CLAMP (g_get_num_processors (), 1, 4), FALSE,
                                       NULL);
  self->thread = g_thread_new ("fake-tvmaze", server_thread_main, self);

  g_mutex_lock (&self->start_lock);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_lock);
  g_mutex_unlock (&self->start_lock);

  if (self->start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_thread_pool_free (g_steal_pointer (&self->pool), TRUE, TRUE);
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      g_propagate_prefixed_error (error, g_steal_pointer (&self->start_error),
                                  "Cannot listen on 127.0.0.1:%u: ", port);
      return FALSE;
    }

  if (self->index_thread == NULL)
    self->index_thread = g_thread_new ("fake-tvmaze-index", index_thread_main, self->catalog);

  return TRUE;
}

/**
 * sf_fake_server_stop:
 *
 * Closes every connection, stalled ones included, and joins the server thread. Safe to call
 * twice, or on a server that never started.
 */
void
sf_fake_server_stop (SfFakeServer *self)
{
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  if (self->thread == NULL)
    return;

  /* An attached source, not g_main_context_invoke(): that could run the callback right here
   * if the server thread has not entered its loop yet. */
  source = g_idle_source_new ();
  g_source_set_callback (source, server_thread_stop, self, NULL);
  g_source_attach (source, self->context);

  g_thread_join (g_steal_pointer (&self->thread));
  /* Jobs still queued are dropped; finished ones wait in the context, which frees them. */
  g_thread_pool_free (g_steal_pointer (&self->pool), TRUE, TRUE);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  if (self->index_thread != NULL)
    g_thread_join (g_steal_pointer (&self->index_thread));
}

const char *
sf_fake_server_get_url (SfFakeServer *self)
{
  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), NULL);

  return self->url;
}

void
sf_fake_server_set_latency (SfFakeServer *self,
                            guint         api_ms,
                            guint         image_ms)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_atomic_int_set (&self->api_latency_ms, (gint) MIN (api_ms, (guint) G_MAXINT));
  g_atomic_int_set (&self->image_latency_ms, (gint) MIN (image_ms, (guint) G_MAXINT));
}

void
sf_fake_server_fail_next (SfFakeServer  *self,
                          const char    *path_prefix,
                          SfFakeFailure  failure,
                          guint          count)
{
  FailRule *rule;

  g_return_if_fail (SF_IS_FAKE_SERVER (self));
  g_return_if_fail (failure <= SF_FAKE_FAILURE_SLOW_DRIP);

  if (count == 0 || failure == SF_FAKE_FAILURE_NONE)
    return;

  rule = g_new0 (FailRule, 1);
  rule->prefix = g_strdup (path_prefix);
  rule->failure = failure;
  rule->remaining = count;

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->failures, rule);
  g_mutex_unlock (&self->lock);
}

void
sf_fake_server_clear_failures (SfFakeServer *self)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  g_queue_clear_full (&self->failures, (GDestroyNotify) fail_rule_free);
  g_mutex_unlock (&self->lock);
}

void
sf_fake_server_set_retry_after (SfFakeServer *self,
                                guint         seconds)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_atomic_int_set (&self->retry_after_s, (gint) MIN (seconds, (guint) G_MAXINT));
}

void
sf_fake_server_override_show (SfFakeServer *self,
                              gint64        id,
                              const char   *name,
                              const char   *summary_html)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  sf_fake_catalog_override_show (self->catalog, id, name, summary_html);
}

void
sf_fake_server_alias_show (SfFakeServer *self,
                           gint64        asked,
                           gint64        served)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->show_aliases, g_memdup2 (&asked, sizeof asked),
                       g_memdup2 (&served, sizeof served));
  g_mutex_unlock (&self->lock);
}

guint
sf_fake_server_get_request_count (SfFakeServer *self,
                                  const char   *path_prefix)
{
  GHashTableIter iter;
  gpointer key, value;
  guint total = 0;

  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->request_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (path_prefix == NULL || g_str_has_prefix (key, path_prefix))
      total += GPOINTER_TO_UINT (value);
  g_mutex_unlock (&self->lock);

  return total;
}

char *
sf_fake_server_dup_show_name (SfFakeServer *self,
                              gint64        id)
{
  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), NULL);

  return sf_fake_catalog_dup_show_name (self->catalog, id);
}

