#include "config.h"

#include "sf-fake-server.h"
#include "sf-image-loader.h"
#include "sf-test-kit.h"
#include "sf-tvmaze-error.h"

#define WAIT_MS 10000

typedef struct
{
  SfFakeServer   *server;
  SoupSession    *session;
  SfTvmazeClient *client;
  SfImageLoader  *loader;
} Fixture;

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  guint       calls;
} Result;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sf_fake_server_new (100, 7);
  if (!sf_fake_server_start (fixture->server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);
  fixture->session = soup_session_new ();
  fixture->client = sf_tvmaze_client_new (fixture->session, sf_fake_server_get_url (fixture->server));
  fixture->loader = sf_image_loader_new (fixture->client, GPOINTER_TO_SIZE (data) ?: 4 * 1024 * 1024);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->loader);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  sf_fake_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *res = user_data;

  res->texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, &res->error);
  res->calls++;
}

static void
load (Fixture      *fixture,
      const char   *path,
      int           width,
      GCancellable *cancellable,
      Result       *res)
{
  g_autofree char *url = g_strconcat (sf_fake_server_get_url (fixture->server), path, NULL);

  sf_image_loader_load_async (fixture->loader, url, width, cancellable, load_cb, res);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);

  SF_TEST_WAIT_UNTIL (res->calls > 0, WAIT_MS, url);
}

static void
result_clear (Result *res)
{
  g_clear_object (&res->texture);
  g_clear_error (&res->error);
  res->calls = 0;
}

static void
test_poster_scaled (Fixture       *fixture,
                    gconstpointer  data)
{
  Result res = { 0 };

  load (fixture, "/images/medium/5.png", 105, NULL, &res);
  g_assert_no_error (res.error);
  g_assert_nonnull (res.texture);
  /* 210×295 scaled to a width of 105 keeps its aspect ratio. */
  g_assert_cmpint (gdk_texture_get_width (res.texture), ==, 105);
  g_assert_cmpint (gdk_texture_get_height (res.texture), >=, 146);
  g_assert_cmpint (gdk_texture_get_height (res.texture), <=, 148);
  g_assert_cmpuint (sf_image_loader_get_cached_bytes (fixture->loader), >, 0);
  result_clear (&res);

  /* Never scaled up. */
  load (fixture, "/images/medium/6.png", 1000, NULL, &res);
  g_assert_no_error (res.error);
  g_assert_cmpint (gdk_texture_get_width (res.texture), ==, 210);
  result_clear (&res);
}

static void
test_cache_hit (Fixture       *fixture,
                gconstpointer  data)
{
  Result first = { 0 };
  Result second = { 0 };
  guint requests;

  load (fixture, "/images/medium/9.png", 140, NULL, &first);
  g_assert_no_error (first.error);
  requests = sf_fake_server_get_request_count (fixture->server, "/images/");

  load (fixture, "/images/medium/9.png", 140, NULL, &second);
  g_assert_no_error (second.error);
  /* The same texture, from memory: no second download. */
  g_assert_true (first.texture == second.texture);
  g_assert_cmpuint (sf_fake_server_get_request_count (fixture->server, "/images/"), ==, requests);

  result_clear (&first);
  result_clear (&second);
}

static void
test_cache_bounded (Fixture       *fixture,
                    gconstpointer  data)
{
  gsize limit = GPOINTER_TO_SIZE (data);

  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("/images/medium/%u.png", i);
      Result res = { 0 };

      load (fixture, path, 140, NULL, &res);
      result_clear (&res);
      g_assert_cmpuint (sf_image_loader_get_cached_bytes (fixture->loader), <=, limit);
    }
  g_assert_cmpuint (sf_image_loader_get_cached_bytes (fixture->loader), >, 0);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  Result res = { 0 };

  load (fixture, "/images/corrupt.png", 140, NULL, &res);
  g_assert_null (res.texture);
  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  result_clear (&res);
}

static void
test_too_many_pixels (Fixture       *fixture,
                      gconstpointer  data)
{
  Result res = { 0 };

  load (fixture, "/images/huge.png", 140, NULL, &res);
  g_assert_null (res.texture);
  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  result_clear (&res);
}

static void
test_too_many_bytes (Fixture       *fixture,
                     gconstpointer  data)
{
  Result res = { 0 };

  load (fixture, "/images/big.bin", 140, NULL, &res);
  g_assert_null (res.texture);
  g_assert_error (res.error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE);
  result_clear (&res);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result res = { 0 };

  sf_fake_server_set_latency (fixture->server, 0, 500);
  load (fixture, "/images/medium/11.png", 140, cancellable, &res);
  g_assert_null (res.texture);
  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Nothing more arrives later, and nothing lands in the cache. */
  sf_test_run_for (800);
  g_assert_cmpuint (res.calls, ==, 1);
  g_assert_cmpuint (sf_image_loader_get_cached_bytes (fixture->loader), ==, 0);
  result_clear (&res);
}

static void
test_decode_direct (void)
{
  g_autoptr(GBytes) garbage = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot really", 18);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = sf_image_loader_decode (garbage, 100, &error);

  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/series-finder/image-loader/poster-scaled", Fixture, NULL,
              fixture_setup, test_poster_scaled, fixture_teardown);
  g_test_add ("/series-finder/image-loader/cache-hit", Fixture, NULL,
              fixture_setup, test_cache_hit, fixture_teardown);
  g_test_add ("/series-finder/image-loader/cache-bounded", Fixture, GSIZE_TO_POINTER (300000),
              fixture_setup, test_cache_bounded, fixture_teardown);
  g_test_add ("/series-finder/image-loader/corrupt", Fixture, NULL,
              fixture_setup, test_corrupt, fixture_teardown);
  g_test_add ("/series-finder/image-loader/too-many-pixels", Fixture, NULL,
              fixture_setup, test_too_many_pixels, fixture_teardown);
  g_test_add ("/series-finder/image-loader/too-many-bytes", Fixture, NULL,
              fixture_setup, test_too_many_bytes, fixture_teardown);
  g_test_add ("/series-finder/image-loader/cancelled", Fixture, NULL,
              fixture_setup, test_cancelled, fixture_teardown);
  g_test_add_func ("/series-finder/image-loader/decode-direct", test_decode_direct);

  return g_test_run ();
}
