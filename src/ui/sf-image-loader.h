#pragma once

#include <gtk/gtk.h>

#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

#define SF_TYPE_IMAGE_LOADER (sf_image_loader_get_type ())

G_DECLARE_FINAL_TYPE (SfImageLoader, sf_image_loader, SF, IMAGE_LOADER, GObject)

/* Limits on untrusted images: bytes downloaded and pixels decoded (read from the header,
 * before decoding: 4000 × 4000, far above TVmaze's largest originals). */
#define SF_IMAGE_MAX_BYTES  (8 * 1024 * 1024)
#define SF_IMAGE_MAX_PIXELS (16 * 1000 * 1000)
/* Bytes of pixels being decoded at once, across every decoder thread: a decode waits until
 * its full-size buffer fits. Larger than one image at the maximum (64 MB). */
#define SF_IMAGE_DECODE_BUDGET ((gsize) 96 * 1024 * 1024)

/**
 * sf_image_loader_new:
 * @client: fetches the bytes (through the shared session and its HTTP cache)
 * @cache_bytes: bound of the in-memory texture cache
 *
 * Loads images for display: download, decode and scale on a worker pool, keep recent textures
 * in memory. Bodies over %SF_IMAGE_MAX_BYTES, images over %SF_IMAGE_MAX_PIXELS and corrupt
 * data fail with an error (the caller keeps its placeholder).
 */
SfImageLoader *sf_image_loader_new         (SfTvmazeClient *client,
                                            gsize           cache_bytes);

/**
 * sf_image_loader_load_async:
 * @url: image URL
 * @width: width to scale to (height keeps the aspect ratio); never scaled up
 *
 * Cancelling delivers %G_IO_ERROR_CANCELLED and nothing else.
 */
void           sf_image_loader_load_async  (SfImageLoader  *self,
                                            const char     *url,
                                            int             width,
                                            GCancellable   *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer        user_data);
GdkTexture    *sf_image_loader_load_finish (SfImageLoader  *self,
                                            GAsyncResult   *result,
                                            GError        **error);

/* Bytes of pixels being decoded now, by every loader (at most %SF_IMAGE_DECODE_BUDGET). */
gsize          sf_image_loader_get_decoding_bytes (void);

/* Bytes of textures held in memory now. */
gsize          sf_image_loader_get_cached_bytes (SfImageLoader *self);

/**
 * sf_image_loader_decode:
 * @bytes: encoded image (PNG, JPEG, ...)
 * @width: scale down to this width (0: keep)
 *
 * Decodes and scales synchronously; for worker threads and tests.
 *
 * Returns: (transfer full): the texture, or %NULL with @error set
 */
GdkTexture    *sf_image_loader_decode      (GBytes         *bytes,
                                            int             width,
                                            GError        **error);

G_END_DECLS
