/* test-hostile-image.c: images that would cost far more memory to decode than they weigh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-image-loader.h"

static guint32
crc32_of (const guint8 *data,
          gsize         length,
          guint32       crc)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  guint32 be = GUINT32_TO_BE (length);
  guint32 crc;

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  crc = crc32_of ((const guint8 *) type, 4, 0);
  crc = crc32_of (data, length, crc);
  be = GUINT32_TO_BE (crc);
  g_byte_array_append (png, (const guint8 *) &be, 4);
}

/* A PNG that claims @width × @height, with a valid header and a token image body: the
 * refusal must come from the header alone. */
static GBytes *
png_claiming (guint32 width,
              guint32 height)
{
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };
  static const guint8 idat[] = { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
  guint32 be;

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  be = GUINT32_TO_BE (width);
  memcpy (ihdr, &be, 4);
  be = GUINT32_TO_BE (height);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 2;   /* RGB */
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat, sizeof idat);
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (png);
}

static void
test_absurd_header (void)
{
  /* the 154 KB PNG of issue 11 claims 6300 × 6300: 159 MB of pixels */
  g_autoptr(GBytes) bytes = png_claiming (6300, 6300);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = sf_image_loader_decode (bytes, 140, &error);

  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpuint (sf_image_loader_get_decoding_bytes (), ==, 0);

  /* the largest that may be decoded is within the budget, alone */
  g_assert_cmpuint ((gsize) SF_IMAGE_MAX_PIXELS * 4, <=, SF_IMAGE_DECODE_BUDGET);
}

static GBytes *
real_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

typedef struct
{
  GBytes *bytes;
  gsize   max_seen;
  gint    running;
} Shared;

static gpointer
decode_thread (gpointer data)
{
  Shared *shared = data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = sf_image_loader_decode (shared->bytes, 140, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 140);
  g_object_unref (texture);

  return NULL;
}

static gpointer
watch_thread (gpointer data)
{
  Shared *shared = data;

  while (g_atomic_int_get (&shared->running))
    {
      gsize in_use = sf_image_loader_get_decoding_bytes ();

      shared->max_seen = MAX (shared->max_seen, in_use);
      g_usleep (200);
    }

  return NULL;
}

static void
test_budget_across_threads (void)
{
  /* 3000 × 3000 is 36 MB of pixels: with 4 at once, only 2 fit the budget at a time */
  Shared shared = { real_png (3000, 3000), 0, TRUE };
  GThread *threads[4];
  GThread *watcher = g_thread_new ("watch", watch_thread, &shared);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("decode", decode_thread, &shared);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_atomic_int_set (&shared.running, FALSE);
  g_thread_join (watcher);

  g_test_message ("at most %" G_GSIZE_FORMAT " MB decoding at once", shared.max_seen >> 20);
  g_assert_cmpuint (shared.max_seen, >, 0);
  g_assert_cmpuint (shared.max_seen, <=, SF_IMAGE_DECODE_BUDGET);
  g_assert_cmpuint (sf_image_loader_get_decoding_bytes (), ==, 0);
  g_bytes_unref (shared.bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/hostile-image/absurd-header", test_absurd_header);
  g_test_add_func ("/series-finder/hostile-image/budget-across-threads",
                   test_budget_across_threads);

  return g_test_run ();
}
