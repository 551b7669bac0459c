/* sf-hostile-server.c: an HTTP server that misbehaves on purpose, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-hostile-server.h"

typedef struct
{
  char          *prefix;
  SfHostileMode  mode;
  guint          status;
  char          *extra_headers;
  GBytes        *body;           /* as sent (compressed for GZIP) */
  guint          interval_ms;
  guint          count;
} Route;

struct _SfHostileServer
{
  GSocketService *service;
  char           *url;
  GMutex          lock;
  GPtrArray      *routes;        /* Route */
  gint            stopping;
  GMainContext   *context;       /* where connections are accepted, on @thread */
  GMainLoop      *loop;
  GThread        *thread;
  gint            active;        /* connection threads running */
};

static void
route_free (Route *route)
{
  g_free (route->prefix);
  g_free (route->extra_headers);
  g_bytes_unref (route->body);
  g_free (route);
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (!g_output_stream_write_all (out, data, size, NULL, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    g_error ("gzip: %s", error->message);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Reads up to the blank line ending the request headers; returns the request target. */
static char *
read_request (GInputStream *in)
{
  GString *head = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  char c;

  while (!g_str_has_suffix (head->str, "\r\n\r\n") && head->len < 65536)
    {
      if (g_input_stream_read (in, &c, 1, NULL, NULL) != 1)
        {
          g_string_free (head, TRUE);
          return NULL;
        }
      g_string_append_c (head, c);
    }

  parts = g_strsplit (head->str, " ", 3);
  g_string_free (head, TRUE);
  if (g_strv_length (parts) < 3)
    return NULL;

  return g_strdup (parts[1]);
}

static gboolean
drip (SfHostileServer *self,
      GOutputStream   *out,
      const char      *data,
      gsize            size,
      guint            interval_ms)
{
  for (gsize i = 0; i < size; i++)
    {
      if (g_atomic_int_get (&self->stopping))
        return FALSE;
      if (!g_output_stream_write_all (out, data + i, 1, NULL, NULL, NULL) ||
          !g_output_stream_flush (out, NULL, NULL))
        return FALSE;
      g_usleep (interval_ms * 1000);
    }
  return TRUE;
}

static void serve (SfHostileServer *self,
                   GInputStream    *in,
                   GOutputStream   *out);

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  SfHostileServer *self = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_atomic_int_inc (&self->active);
  serve (self, in, out);
  g_atomic_int_dec_and_test (&self->active);

  return TRUE;
}

static void
serve (SfHostileServer *self,
       GInputStream    *in,
       GOutputStream   *out)
{
  for (;;)
    {
      g_autofree char *target = read_request (in);
      g_autoptr(GString) head = g_string_new (NULL);
      g_autoptr(GBytes) body = NULL;
      SfHostileMode mode = SF_HOSTILE_BODY;
      guint interval_ms = 0;
      gconstpointer data;
      gsize size;

      if (target == NULL)
        return;
      g_debug ("hostile server: %s", target);

      g_mutex_lock (&self->lock);
      for (guint i = 0; i < self->routes->len; i++)
        {
          Route *route = self->routes->pdata[i];

          if (!g_str_has_prefix (target, route->prefix))
            continue;

          route->count++;
          mode = route->mode;
          interval_ms = route->interval_ms;
          body = g_bytes_ref (route->body);
          g_string_append_printf (head, "HTTP/1.1 %u Hostile\r\n", route->status);
          if (route->extra_headers != NULL)
            g_string_append (head, route->extra_headers);
          if (mode == SF_HOSTILE_GZIP)
            g_string_append (head, "Content-Encoding: gzip\r\n");
          break;
        }
      g_mutex_unlock (&self->lock);

      if (body == NULL)
        {
          body = g_bytes_new_static ("null", 4);
          g_string_append (head, "HTTP/1.1 404 Not Found\r\n");
        }

      data = g_bytes_get_data (body, &size);
      g_string_append_printf (head, "Content-Type: application/json\r\n"
                                    "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);

      if (mode == SF_HOSTILE_DRIP_HEADERS)
        {
          if (!drip (self, out, head->str, head->len, interval_ms))
            return;
        }
      else if (!g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL))
        return;

      if (mode == SF_HOSTILE_DRIP_BODY)
        {
          if (!drip (self, out, data, size, interval_ms))
            return;
        }
      else if (!g_output_stream_write_all (out, data, size, NULL, NULL, NULL))
        return;
    }
}

/* The service accepts on its own thread's context: the test's may not run (a test waiting
 * for a subprocess). */
static gpointer
accept_thread (gpointer data)
{
  SfHostileServer *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

SfHostileServer *
sf_hostile_server_new (void)
{
  SfHostileServer *self = g_new0 (SfHostileServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->lock);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_main_context_push_thread_default (self->context);
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  /* enough threads for every drip a test keeps open at once */
  self->service = g_threaded_socket_service_new (16);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, &error))
    g_error ("hostile server: %s", error->message);

  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_signal_connect (self->service, "run", G_CALLBACK (on_run), self);
  g_socket_service_start (self->service);
  g_main_context_pop_thread_default (self->context);
  self->thread = g_thread_new ("hostile-server", accept_thread, self);

  return self;
}

void
sf_hostile_server_free (SfHostileServer *self)
{
  g_atomic_int_set (&self->stopping, TRUE);
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  /* Connection threads end at their next drip (stopping) or when the peer closes, which
   * tests do before they free the server. */
  for (guint i = 0; g_atomic_int_get (&self->active) > 0; i++)
    {
      if (i > 1000)
        g_error ("hostile server: a connection thread is still running");
      g_usleep (G_USEC_PER_SEC / 100);
    }
  g_object_unref (self->service);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->routes);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self);
}

const char *
sf_hostile_server_get_url (SfHostileServer *self)
{
  return self->url;
}

void
sf_hostile_server_add (SfHostileServer *self,
                       const char      *prefix,
                       SfHostileMode    mode,
                       guint            status,
                       const char      *extra_headers,
                       GBytes          *body,
                       guint            interval_ms)
{
  Route *route = g_new0 (Route, 1);

  route->prefix = g_strdup (prefix);
  route->mode = mode;
  route->status = status;
  route->extra_headers = g_strdup (extra_headers);
  route->body = mode == SF_HOSTILE_GZIP ? gzip_bytes (body) : g_bytes_ref (body);
  route->interval_ms = interval_ms;
  g_bytes_unref (body);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->routes, route);
  g_mutex_unlock (&self->lock);
}

guint
sf_hostile_server_count (SfHostileServer *self,
                         const char      *prefix)
{
  guint count = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = self->routes->pdata[i];

      if (g_str_has_prefix (route->prefix, prefix))
        count += route->count;
    }
  g_mutex_unlock (&self->lock);

  return count;
}
