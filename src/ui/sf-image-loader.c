#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sf-image-loader.h"

/* Bytes given to the image decoder at a time (see sf_image_loader_decode). */
#define DECODE_CHUNK ((gsize) 64 * 1024)

typedef struct
{
  char       *key;          /* owned */
  GdkTexture *texture;      /* owned */
  gsize       size;
  GList      *link;         /* in lru, borrowed */
} CacheEntry;

struct _SfImageLoader
{
  GObject         parent_instance;

  /* owned */
  SfTvmazeClient *client;
  GThreadPool    *decoders;
  GHashTable     *cache;       /* key -> CacheEntry */
  GQueue          lru;         /* CacheEntry, most recent at the head */

  gsize           cache_limit;
  gsize           cache_size;
};

G_DEFINE_FINAL_TYPE (SfImageLoader, sf_image_loader, G_TYPE_OBJECT)

typedef struct
{
  char   *key;              /* owned */
  int     width;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->key, g_free);
  g_free (data);
}

static void
cache_entry_free (CacheEntry *entry)
{
  g_clear_object (&entry->texture);
  g_free (entry->key);
  g_free (entry);
}

/* The memory of the decodes running at once, across every pool and thread: one decode per
 * core of a large image each would add up (a 154 KB PNG of 6300 × 6300 takes 159 MB). */
static GMutex budget_lock;
static GCond  budget_cond;
static gsize  budget_in_use;

/* Waits until @cost fits in the budget with the decodes in progress, and takes it. */
static void
budget_acquire (gsize cost)
{
  g_assert (cost <= SF_IMAGE_DECODE_BUDGET);

  g_mutex_lock (&budget_lock);
  while (budget_in_use + cost > SF_IMAGE_DECODE_BUDGET)
    g_cond_wait (&budget_cond, &budget_lock);
  budget_in_use += cost;
  g_mutex_unlock (&budget_lock);
}

static void
budget_release (gsize cost)
{
  if (cost == 0)
    return;

  g_mutex_lock (&budget_lock);
  g_assert (budget_in_use >= cost);
  budget_in_use -= cost;
  g_cond_broadcast (&budget_cond);
  g_mutex_unlock (&budget_lock);
}

gsize
sf_image_loader_get_decoding_bytes (void)
{
  gsize in_use;

  g_mutex_lock (&budget_lock);
  in_use = budget_in_use;
  g_mutex_unlock (&budget_lock);

  return in_use;
}

typedef struct
{
  int      width;
  gboolean too_big;
  gsize    cost;            /* taken from the budget, released when the decode ends */
} SizeRequest;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeRequest *request = user_data;

  /* Refuse from the header, before the loader allocates anything for a hostile image: a
   * size of 0 × 0 makes the loaders fail at once (1 × 1 would not: the PNG loader decodes at
   * full size and scales afterwards). */
  if (width <= 0 || height <= 0 || (gint64) width * height > SF_IMAGE_MAX_PIXELS)
    {
      request->too_big = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* The full-size RGBA buffer: what a loader that cannot scale while decoding (PNG) holds;
   * a JPEG scales at load time and takes less. */
  if (request->cost == 0)
    {
      request->cost = (gsize) width * height * 4;
      budget_acquire (request->cost);
    }

  if (request->width > 0 && width > request->width)
    {
      int scaled_height = MAX (1, (int) ((gint64) height * request->width / width));

      gdk_pixbuf_loader_set_size (loader, request->width, scaled_height);
    }
}

static GdkTexture *finish_decode (GdkPixbufLoader *loader,
                                  gboolean         ok,
                                  SizeRequest     *request,
                                  int              width,
                                  GError          *local_error,
                                  GError         **error);

GdkTexture *
sf_image_loader_decode (GBytes  *bytes,
                        int      width,
                        GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  SizeRequest request = { width, FALSE, 0 };
  GdkTexture *texture;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &request);

  /* In pieces, so that a refused image stops here: the size comes with the first bytes, and
   * some loaders (gdk-pixbuf 2.42.12's PNG) decode the whole image however small the size
   * asked for, which takes many seconds for a hostile one. */
  {
    const guint8 *data = g_bytes_get_data (bytes, NULL);
    gsize size = g_bytes_get_size (bytes);
    gsize offset = 0;

    ok = TRUE;
    while (ok && offset < size && !request.too_big)
      {
        gsize n = MIN (size - offset, DECODE_CHUNK);

        ok = gdk_pixbuf_loader_write (loader, data + offset, n, &local_error);
        offset += n;
      }
  }
  /* Always close, so the loader never complains about being finalized open. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  texture = finish_decode (loader, ok, &request, width, local_error, error);
  /* the full-size pixels went with the loader's pixbuf, or will with @loader now */
  g_clear_object (&loader);
  budget_release (request.cost);

  return texture;
}

static GdkTexture *
finish_decode (GdkPixbufLoader *loader,
               gboolean         ok,
               SizeRequest     *request_in,
               int              width,
               GError          *local_error,
               GError         **error)
{
  SizeRequest request = *request_in;
  GdkPixbuf *pixbuf;

  if (request.too_big)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "The image has too many pixels");
      return NULL;
    }

  if (!ok || (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The image is damaged: %s",
                   local_error != NULL ? local_error->message : "no picture in it");
      return NULL;
    }

  /* Some loaders ignore set_size (or a size-prepared arrives late); scale here then. */
  if (width > 0 && gdk_pixbuf_get_width (pixbuf) > width)
    {
      int height = MAX (1, (int) ((gint64) gdk_pixbuf_get_height (pixbuf) * width
                                  / gdk_pixbuf_get_width (pixbuf)));
      g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (pixbuf, width, height,
                                                             GDK_INTERP_BILINEAR);

      return gdk_texture_new_for_pixbuf (scaled);
    }

  return gdk_texture_new_for_pixbuf (pixbuf);
}

/* A decode travels to a worker and back without the worker ever owning a reference to the
 * task: otherwise the worker could drop the last one, and finalize the loader off the main
 * thread. */
typedef struct
{
  GTask      *task;         /* owned */
  GBytes     *bytes;        /* owned */
  int         width;
  GdkTexture *texture;      /* owned, nullable */
  GError     *error;        /* owned, nullable */
} DecodeJob;

static gboolean
decode_done_cb (gpointer user_data)
{
  DecodeJob *job = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&job->task);

  if (job->error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&job->texture), g_object_unref);

  g_clear_object (&job->texture);
  g_bytes_unref (job->bytes);
  g_free (job);

  return G_SOURCE_REMOVE;
}

static void
decode_in_worker (gpointer data,
                  gpointer user_data)
{
  DecodeJob *job = data;
  GSource *source;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (job->task)))
    g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    job->texture = sf_image_loader_decode (job->bytes, job->width, &job->error);

  /* An idle source, not g_main_context_invoke(): that may run the callback right here on
   * the worker when the main thread is between iterations. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, decode_done_cb, job, NULL);
  g_source_set_static_name (source, "[series-finder] decoded image");
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfImageLoader *self = g_task_get_source_object (task);
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  DecodeJob *job;

  bytes = sf_tvmaze_client_get_image_finish (SF_TVMAZE_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  job = g_new0 (DecodeJob, 1);
  job->task = g_steal_pointer (&task);
  job->bytes = g_steal_pointer (&bytes);
  job->width = load->width;
  g_thread_pool_push (self->decoders, job, NULL);
}

static void
cache_trim (SfImageLoader *self)
{
  while (self->cache_size > self->cache_limit && self->lru.tail != NULL)
    {
      CacheEntry *entry = g_queue_pop_tail (&self->lru);

      self->cache_size -= entry->size;
      g_hash_table_remove (self->cache, entry->key);
    }
}

static void
cache_insert (SfImageLoader *self,
              const char    *key,
              GdkTexture    *texture)
{
  CacheEntry *entry;
  gsize size = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;

  if (size > self->cache_limit || g_hash_table_contains (self->cache, key))
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  entry->size = size;
  g_queue_push_head (&self->lru, entry);
  entry->link = self->lru.head;
  g_hash_table_insert (self->cache, entry->key, entry);
  self->cache_size += size;

  cache_trim (self);
}

static void
sf_image_loader_finalize (GObject *object)
{
  SfImageLoader *self = (SfImageLoader *) object;

  /* Wait for decodes in progress: their tasks hold no reference on us, only on themselves. */
  g_thread_pool_free (self->decoders, FALSE, TRUE);
  g_queue_clear (&self->lru);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (sf_image_loader_parent_class)->finalize (object);
}

static void
sf_image_loader_class_init (SfImageLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_image_loader_finalize;
}

static void
sf_image_loader_init (SfImageLoader *self)
{
  /* Decoding is CPU work: one thread a core, and no more, so it never starves the UI. */
  self->decoders = g_thread_pool_new (decode_in_worker, NULL,
                                      (int) MAX (1, g_get_num_processors ()), FALSE, NULL);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) cache_entry_free);
  g_queue_init (&self->lru);
}

SfImageLoader *
sf_image_loader_new (SfTvmazeClient *client,
                     gsize           cache_bytes)
{
  SfImageLoader *self;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), NULL);

  self = g_object_new (SF_TYPE_IMAGE_LOADER, NULL);
  self->client = g_object_ref (client);
  self->cache_limit = cache_bytes;

  return self;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  SfImageLoader *self = g_task_get_source_object (outer);
  LoadData *load = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  GdkTexture *texture;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  /* Back on the main thread: only here is the cache touched. */
  cache_insert (self, load->key, texture);

  if (g_task_return_error_if_cancelled (outer))
    {
      g_object_unref (texture);
      return;
    }

  g_task_return_pointer (outer, texture, g_object_unref);
}

void
sf_image_loader_load_async (SfImageLoader       *self,
                            const char          *url,
                            int                  width,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autofree char *key = NULL;
  CacheEntry *entry;
  LoadData *load;

  g_return_if_fail (SF_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  key = g_strdup_printf ("%d %s", width, url);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, sf_image_loader_load_async);

  entry = g_hash_table_lookup (self->cache, key);
  if (entry != NULL)
    {
      g_queue_unlink (&self->lru, entry->link);
      g_queue_push_head_link (&self->lru, entry->link);
      g_task_return_pointer (outer, g_object_ref (entry->texture), g_object_unref);
      return;
    }

  /* Two tasks: the inner one fetches and decodes, and completes on this thread, where the
   * cache lives; the outer one delivers to the caller. */
  load = g_new0 (LoadData, 1);
  load->key = g_steal_pointer (&key);
  load->width = width;
  inner = g_task_new (self, cancellable, loaded_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, sf_image_loader_load_async);
  g_task_set_task_data (inner, load, (GDestroyNotify) load_data_free);

  sf_tvmaze_client_get_image_async (self->client, url, SF_IMAGE_MAX_BYTES, cancellable,
                                    fetch_cb, g_steal_pointer (&inner));
}

GdkTexture *
sf_image_loader_load_finish (SfImageLoader  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (SF_IS_IMAGE_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gsize
sf_image_loader_get_cached_bytes (SfImageLoader *self)
{
  g_return_val_if_fail (SF_IS_IMAGE_LOADER (self), 0);

  return self->cache_size;
}
