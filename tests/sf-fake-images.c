/* sf-fake-images.c: the fake TVmaze's images: posters drawn from (seed, id), and a few
 * hostile ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-fake-images.h"

#include <math.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sf-fake-catalog.h"

#define POSTER_WIDTH          210
#define POSTER_HEIGHT         295
#define ORIGINAL_WIDTH        420
#define ORIGINAL_HEIGHT       590
#define LANDSCAPE_WIDTH       250
#define LANDSCAPE_HEIGHT      140
#define N_COLOUR_BUCKETS      24
#define HUGE_SIDE             20000
#define BIG_BIN_SIZE          (20 * 1024 * 1024)
#define CORRUPT_SIZE          4096

const char * const sf_fake_image_kind_dirs[N_IMAGE_KINDS] = { "medium", "original", "landscape" };

struct _SfFakeImages
{
  guint64  seed;
  GBytes  *images[N_IMAGE_KINDS][N_COLOUR_BUCKETS];
  GBytes  *huge_png;
  GBytes  *big_bin;
  GBytes  *corrupt_png;
};

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static void
png_append_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  gsize         len)
{
  guint32 be = GUINT32_TO_BE ((guint32) len);
  guint32 crc;

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (png, data, (guint) len);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, len);
  be = GUINT32_TO_BE (crc);
  g_byte_array_append (png, (const guint8 *) &be, 4);
}

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* A real, valid 20000x20000 1-bit PNG of ~50 KB: decoding it would need gigabytes, so an image
 * pipeline must refuse it by its header. */
static GBytes *
make_huge_png (void)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) deflated = g_converter_output_stream_new (memory,
                                                                     G_CONVERTER (compressor));
  g_autoptr(GBytes) idat = NULL;
  const gsize row_len = 1 + HUGE_SIDE / 8;
  const guint rows_per_write = 100;
  g_autofree guint8 *rows = g_malloc0 (row_len * rows_per_write);
  guint8 ihdr[13];
  guint32 be;

  for (guint y = 0; y < HUGE_SIDE; y += rows_per_write)
    if (!g_output_stream_write_all (deflated, rows, row_len * rows_per_write, NULL, NULL, NULL))
      g_assert_not_reached ();
  if (!g_output_stream_close (deflated, NULL, NULL))
    g_assert_not_reached ();
  idat = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));

  be = GUINT32_TO_BE (HUGE_SIDE);
  memcpy (ihdr, &be, 4);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 1;      /* bit depth */
  ihdr[9] = 0;      /* greyscale */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;

  g_byte_array_append (png, png_signature, sizeof png_signature);
  png_append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  png_append_chunk (png, "IDAT", g_bytes_get_data (idat, NULL), g_bytes_get_size (idat));
  png_append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static GBytes *
make_corrupt_png (guint64 seed)
{
  guint8 *data = g_malloc (CORRUPT_SIZE);
  Rng rng;

  /* A PNG signature, so loaders commit to PNG and then fail on the rest. */
  rng_init (&rng, seed, 0, STREAM_COLOUR);
  memcpy (data, png_signature, sizeof png_signature);
  for (gsize i = sizeof png_signature; i < CORRUPT_SIZE; i++)
    data[i] = (guint8) rng_next (&rng);

  return g_bytes_new_take (data, CORRUPT_SIZE);
}

static GBytes *
make_big_bin (void)
{
  guint8 *data = g_malloc0 (BIG_BIN_SIZE);

  memcpy (data, png_signature, sizeof png_signature);
  return g_bytes_new_take (data, BIG_BIN_SIZE);
}

static guint32
hsv_to_rgba (double h,
             double s,
             double v)
{
  double c = v * s;
  double hp = h * 6.0;
  double x = c * (1 - fabs (fmod (hp, 2.0) - 1));
  double r = 0, g = 0, b = 0;
  double m = v - c;

  switch ((int) hp)
    {
    case 0: r = c; g = x; break;
    case 1: r = x; g = c; break;
    case 2: g = c; b = x; break;
    case 3: g = x; b = c; break;
    case 4: r = x; b = c; break;
    default: r = c; b = x; break;
    }

  return ((guint32) ((r + m) * 255) << 24) | ((guint32) ((g + m) * 255) << 16)
         | ((guint32) ((b + m) * 255) << 8) | 0xff;
}

static void
unpack_rgb (guint32 rgba,
            double  rgb[3])
{
  rgb[0] = ((rgba >> 24) & 0xff) / 255.0;
  rgb[1] = ((rgba >> 16) & 0xff) / 255.0;
  rgb[2] = ((rgba >> 8) & 0xff) / 255.0;
}

static void
draw_poster (GdkPixbuf *pixbuf,
             double     hue)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  double top[3], bottom[3];
  double disc_x = width * 0.62, disc_y = height * 0.34, disc_r = width * 0.30;
  int band_y = height * 3 / 4;

  unpack_rgb (hsv_to_rgba (hue, 0.55, 0.90), top);
  unpack_rgb (hsv_to_rgba (fmod (hue + 0.12, 1.0), 0.75, 0.30), bottom);

  for (int y = 0; y < height; y++)
    {
      double t = (double) y / (height - 1);

      for (int x = 0; x < width; x++)
        {
          guint8 *p = pixels + y * stride + x * 3;
          double d = hypot (x - disc_x, y - disc_y) / disc_r;
          double light = d < 1.0 ? 0.45 : (d < 1.6 ? 0.45 * (1.6 - d) / 0.6 : 0.0);
          gboolean in_band = y >= band_y;
          /* Two bars of "title" in the band: a long one and a shorter one under it. */
          gboolean in_title = (y >= band_y + height / 18 && y < band_y + height / 18 + height / 28
                               && x >= width / 10 && x < width * 8 / 10)
                              || (y >= band_y + height / 8 && y < band_y + height / 8 + height / 50
                                  && x >= width / 10 && x < width / 2);

          for (int c = 0; c < 3; c++)
            {
              double v = top[c] * (1 - t) + bottom[c] * t;

              v = v + (1 - v) * light;
              if (in_band)
                v *= 0.35;
              if (in_title)
                v = 0.92;
              p[c] = (guint8) CLAMP (v * 255.0 + 0.5, 0, 255);
            }
        }
    }
}

GBytes *
sf_fake_images_poster (SfFakeImages *self,
                       ImageKind     kind,
                       gint64        id)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  guint bucket;
  int width, height;
  Rng rng;

  rng_init (&rng, self->seed, id, STREAM_COLOUR);
  bucket = rng_below (&rng, N_COLOUR_BUCKETS);
  if (self->images[kind][bucket] != NULL)
    return g_bytes_ref (self->images[kind][bucket]);

  switch (kind)
    {
    case IMAGE_ORIGINAL:
      width = ORIGINAL_WIDTH, height = ORIGINAL_HEIGHT;
      break;
    case IMAGE_LANDSCAPE:
      width = LANDSCAPE_WIDTH, height = LANDSCAPE_HEIGHT;
      break;
    case IMAGE_MEDIUM:
    case N_IMAGE_KINDS:
    default:
      width = POSTER_WIDTH, height = POSTER_HEIGHT;
      break;
    }

  /* A poster, as far as a screenshot can tell: a gradient from the bucket's colour down to a
   * darker, shifted one, a soft disc of light, and a dark band at the bottom with two pale
   * bars where a title would be. Drawn once per bucket and kind: cheap, and still tells
   * posters apart on screen. */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  draw_poster (pixbuf, (double) bucket / N_COLOUR_BUCKETS);

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL))
    g_error ("Cannot encode a PNG: %s", error->message);

  self->images[kind][bucket] = g_bytes_new_take (buffer, size);
  return g_bytes_ref (self->images[kind][bucket]);
}

SfFakeImages *
sf_fake_images_new (guint64 seed)
{
  SfFakeImages *self = g_new0 (SfFakeImages, 1);

  self->seed = seed;
  return self;
}

void
sf_fake_images_free (SfFakeImages *self)
{
  for (guint kind = 0; kind < N_IMAGE_KINDS; kind++)
    for (guint bucket = 0; bucket < N_COLOUR_BUCKETS; bucket++)
      g_clear_pointer (&self->images[kind][bucket], g_bytes_unref);
  g_clear_pointer (&self->huge_png, g_bytes_unref);
  g_clear_pointer (&self->big_bin, g_bytes_unref);
  g_clear_pointer (&self->corrupt_png, g_bytes_unref);
  g_free (self);
}

GBytes *
sf_fake_images_huge_png (SfFakeImages *self)
{
  if (self->huge_png == NULL)
    self->huge_png = make_huge_png ();
  return g_bytes_ref (self->huge_png);
}

GBytes *
sf_fake_images_corrupt_png (SfFakeImages *self)
{
  if (self->corrupt_png == NULL)
    self->corrupt_png = make_corrupt_png (self->seed);
  return g_bytes_ref (self->corrupt_png);
}

GBytes *
sf_fake_images_big_bin (SfFakeImages *self)
{
  if (self->big_bin == NULL)
    self->big_bin = make_big_bin ();
  return g_bytes_ref (self->big_bin);
}
