/* sf-tvmaze-client.c: TVmaze over libsoup, through one rate limiter, with bounded retries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-show-list.h"
#include "sf-tvmaze-client.h"
#include "sf-tvmaze-error.h"

#define DEFAULT_MAX_RETRIES   4
#define DEFAULT_MAX_BODY_SIZE (64 * 1024 * 1024)
/* libsoup's timeout is per read: a server that drips a byte every few seconds never trips it.
 * This bounds each attempt as a whole, from sending to the last byte of the body. */
#define DEFAULT_DEADLINE      (60 * G_USEC_PER_SEC)
/* How long one request may wait in all for a busy server (429), whatever Retry-After says. */
#define DEFAULT_MAX_WAIT      (60 * G_USEC_PER_SEC)
#define DEFAULT_RETRY_BASE    (2 * G_USEC_PER_SEC)
#define READ_CHUNK_SIZE       (64 * 1024)
/* GByteArray counts in guint: a larger cap reads as "no cap" */
#define MAX_BODY_CAP          (G_MAXUINT - READ_CHUNK_SIZE - 1)
/* A 5xx for a request someone waits for is retried this many times (see request_http_status). */
#define INTERACTIVE_SERVER_ERROR_RETRIES 1
#define INTERACTIVE_SERVER_ERROR_DELAY   (G_USEC_PER_SEC / 2)

/* An image is retried once when its connection was dropped, never for anything else. */
#define IMAGE_MAX_RETRIES     1
/* An attempt whose caller has gone (cancelled, or past its deadline) while libsoup still waits
 * for the headers is left to finish on its own; past this grace libsoup is told to stop. */
#define DEFAULT_ABANDON_GRACE (60 * G_USEC_PER_SEC)
/* libsoup 3.2 has no name for it */
#define HTTP_TOO_MANY_REQUESTS 429

/*
 * How an API request travels:
 *
 *   get_async ─► QUEUED ─(pump: a limiter slot)─► IN_FLIGHT ─► 2xx / 404 / final error
 *                  ▲                                  │
 *                  ├──── 429 (shared back-off) ───────┤
 *                  ├──── dropped connection ──────────┤
 *                  └─ WAITING ◄── 5xx (own delay) ────┘
 *
 * The queue is ordered by priority, then by arrival (a retry keeps its place). One pump
 * starts what the limiter allows and arms one timer for the rest. While QUEUED or WAITING a
 * request reacts to its cancellable itself (through a GCancellableSource on our context).
 * Images skip the queue.
 *
 * IN_FLIGHT has two halves, and they end differently:
 *
 *  - Waiting for the headers (soup_session_send_async() not yet returned): libsoup is never
 *    cancelled here. Before 3.7.1, libsoup finishes the queue item twice when the send is
 *    cancelled after the headers were parsed but before the send returns (run_until_read_done()
 *    sees the cancelled GTask with the I/O still in progress), then reads and unrefs freed
 *    memory (upstream commit 9ba1243a; Debian 13 has 3.6.5). When the caller cancels or the
 *    deadline passes, the request ends for its caller at once and the attempt is
 *    "abandoned": libsoup finishes it on its own and on_sent() drops the late answer, closing
 *    its body unread. An abandoned attempt that still has no headers after the grace (a
 *    server that drips them, or never sends them) is cancelled then: before "got-headers",
 *    libsoup's cancellation path ends the item once (soup-client-message-io-http1.c,
 *    io_run_until_read_async()).
 *
 *  - Reading the body: the read is ours (g_input_stream_read_async() on the attempt's
 *    cancellable), so cancelling it is plain GIO; the body stream is then closed unread.
 */

typedef enum
{
  REQUEST_NEW,
  REQUEST_QUEUED,
  REQUEST_WAITING,
  REQUEST_IN_FLIGHT,
  REQUEST_DONE,
} RequestState;

typedef struct
{
  char          *uri;             /* owned */
  int            priority;
  guint64        seq;
  gboolean       is_api;          /* queue, rate limiter and the full retry policy */
  gsize          max_size;
  guint          max_retries;
  guint          attempt;         /* retries so far */
  RequestState   state;

  gint64         waited_usec;     /* back-off after 429s so far */
  gboolean       timed_out;       /* the deadline cancelled the attempt */

  GSource       *cancel_source;   /* owned, nullable */
  GSource       *retry_source;    /* owned, nullable */
  GSource       *deadline_source; /* owned, nullable: the attempt in flight */
  GCancellable  *attempt_cancellable; /* owned, nullable: what libsoup sees for the attempt */
  GSource       *abandon_source;  /* owned, nullable: the grace of an abandoned attempt */
  gboolean       awaiting_headers; /* soup_session_send_async() has not returned yet */
  gboolean       got_headers;     /* libsoup parsed headers that the send has not returned */
  SoupMessage   *msg;             /* owned, nullable */
  GInputStream  *stream;          /* owned, nullable */
  GByteArray    *body;            /* owned, nullable */
  gsize          read_start;      /* where the pending read writes into @body */
} Request;

struct _SfTvmazeClient
{
  GObject        parent_instance;

  /* owned */
  SoupSession   *session;
  char          *base_url;
  SfRateLimiter *limiter;
  GMainContext  *context;
  GQueue         queue;           /* GTask (owned refs), ordered by priority, then seq */
  GSource       *pump_source;     /* nullable */

  guint          max_retries;
  gsize          max_body_size;
  gint64         retry_base_usec;
  gint64         deadline_usec;
  gint64         max_wait_usec;
  gint64         abandon_grace_usec;
  guint          n_abandoned;     /* attempts whose caller has gone, left to libsoup */
  guint64        next_seq;
  guint          n_api_pending;   /* API requests started and not yet returned */
  gboolean       disposed;
};

G_DEFINE_FINAL_TYPE (SfTvmazeClient, sf_tvmaze_client, G_TYPE_OBJECT)

static void request_send    (GTask *task);
static void request_abandon (GTask *task);
static void request_enqueue (GTask *task);
static void pump            (SfTvmazeClient *self);

static void
request_free (gpointer data)
{
  Request *request = data;

  g_assert (request->cancel_source == NULL);
  g_assert (request->retry_source == NULL);
  g_assert (request->deadline_source == NULL);
  g_assert (request->abandon_source == NULL);
  g_assert (!request->awaiting_headers);

  g_clear_object (&request->attempt_cancellable);
  g_clear_object (&request->stream);
  g_clear_object (&request->msg);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request->uri);
  g_free (request);
}

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static const char *
request_subject (Request *request)
{
  return request->is_api ? "TVmaze" : "the image server";
}

/* Every way out of a request goes through here, exactly once. */
static void
request_finish (GTask  *task,
                GBytes *bytes,
                GError *error)
{
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  g_assert (request->state != REQUEST_DONE);
  g_assert (request->state != REQUEST_QUEUED);

  request->state = REQUEST_DONE;
  destroy_source (&request->retry_source);
  destroy_source (&request->cancel_source);
  destroy_source (&request->deadline_source);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  if (request->awaiting_headers)
    request_abandon (task);
  else
    g_clear_object (&request->msg);

  if (request->is_api)
    {
      g_assert (self->n_api_pending > 0);
      self->n_api_pending--;

      /* Nobody is retrying any more: "busy, retrying" would be a lie. */
      if (self->n_api_pending == 0)
        sf_rate_limiter_end_backing_off (self->limiter);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
request_fail (GTask      *task,
              GQuark      domain,
              int         code,
              const char *format,
              ...) G_GNUC_PRINTF (4, 5);

static void
request_fail (GTask      *task,
              GQuark      domain,
              int         code,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  request_finish (task, NULL, g_error_new_literal (domain, code, message));
}

static void
request_fail_cancelled (GTask *task)
{
  request_fail (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
}

static gint64 self_deadline (GTask *task);

static void
request_fail_timed_out (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT,
                "%s took too long to answer (more than %d s)", request_subject (request),
                (int) ((self_deadline (task) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
}

/* The grace of an abandoned attempt is over. Without headers, cancelling libsoup is safe;
 * with them, the send returns in this main loop iteration or the next: look again later. */
static gboolean
on_abandon_grace (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  g_assert (request->state == REQUEST_DONE && request->awaiting_headers);

  if (request->got_headers)
    return G_SOURCE_CONTINUE;

  g_debug ("Abandoned request to %s still has no answer, cancelling it", request->uri);
  g_clear_pointer (&request->abandon_source, g_source_unref);
  g_cancellable_cancel (request->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

/* The request has ended for its caller while libsoup still waits for the headers: leave the
 * attempt to libsoup (see the top of this file), with a grace before it is told to stop.
 * on_sent() holds the task until then, and ends the attempt. */
static void
request_abandon (GTask *task)
{
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  g_assert (request->abandon_source == NULL);

  self->n_abandoned++;
  g_debug ("Request to %s ended before its headers; libsoup finishes it alone", request->uri);

  /* the source holds no reference: on_sent() destroys it */
  request->abandon_source =
    g_timeout_source_new ((MAX (self->abandon_grace_usec, 0) + 999) / 1000);
  g_source_set_static_name (request->abandon_source, "[sf] tvmaze abandoned");
  g_source_set_callback (request->abandon_source, on_abandon_grace, task, NULL);
  g_source_attach (request->abandon_source, self->context);
}

static void
on_got_headers (SoupMessage *msg,
                gpointer     user_data)
{
  Request *request = user_data;

  request->got_headers = TRUE;
}

/* A redirect or an authentication sends the message again: its headers come later. */
static void
on_restarted (SoupMessage *msg,
              gpointer     user_data)
{
  Request *request = user_data;

  request->got_headers = FALSE;
}

static gboolean
on_retry_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  g_assert (request->state == REQUEST_WAITING);

  /* request_enqueue() takes its own reference; the source's goes with the source. */
  g_clear_pointer (&request->retry_source, g_source_unref);
  request_enqueue (task);

  return G_SOURCE_REMOVE;
}

/* Sends the request again, at once (through the queue) or after @delay_usec of its own. */
static void
request_retry (GTask  *task,
               gint64  delay_usec)
{
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  request->attempt++;
  destroy_source (&request->deadline_source);
  g_clear_object (&request->stream);
  g_clear_object (&request->msg);
  g_clear_pointer (&request->body, g_byte_array_unref);

  /* cancelled while the answer was on its way: the cancel source has already fired */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      request_fail_cancelled (task);
      return;
    }

  if (!request->is_api)
    {
      request_send (g_object_ref (task));
      return;
    }

  if (delay_usec <= 0)
    {
      request_enqueue (task);
      return;
    }

  request->state = REQUEST_WAITING;
  request->retry_source = g_timeout_source_new ((delay_usec + 999) / 1000);
  g_source_set_static_name (request->retry_source, "[sf] tvmaze retry");
  g_source_set_callback (request->retry_source, on_retry_timeout,
                         g_object_ref (task), g_object_unref);
  g_source_attach (request->retry_source, self->context);
}

static gboolean
request_may_retry (Request *request)
{
  return request->attempt < request->max_retries;
}

static gboolean
is_dropped_connection (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
}

static gint64
self_deadline (GTask *task)
{
  SfTvmazeClient *self = g_task_get_source_object (task);

  return self->deadline_usec;
}

/* A transport error from sending the message or reading its body. */
static void
request_transport_error (GTask  *task,
                         GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->timed_out)
    {
      request_fail_timed_out (task);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      request_finish (task, NULL, g_error_copy (error));
      return;
    }

  if (is_dropped_connection (error) && request_may_retry (request))
    {
      g_debug ("Connection to %s dropped, retrying: %s", request->uri, error->message);
      request_retry (task, 0);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT,
                    "%s did not answer in time: %s", request_subject (request), error->message);
      return;
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_HTTP,
                    "%s sent an invalid answer: %s", request_subject (request), error->message);
      return;
    }

  /* Refused, unknown host (G_RESOLVER_ERROR), unreachable, TLS, dropped too often: the
   * person's answer to all of them is the same "TVmaze can't be reached". */
  request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK,
                "Could not reach %s: %s", request_subject (request), error->message);
}

/* Retry-After in microseconds (delta-seconds or an HTTP date), or -1 if there is none. */
static gint64
parse_retry_after (const char *value)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  text = g_strstrip (g_strdup (value));
  if (text[0] != '\0' && strspn (text, "0123456789") == strlen (text))
    {
      /* an absurd number is just "long": the limiter caps it */
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &seconds, NULL))
        seconds = G_MAXINT32;
      return (gint64) seconds * G_USEC_PER_SEC;
    }

  date = soup_date_time_new_from_http_string (text);
  if (date == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (date, now), 0);
}

static void
request_http_status (GTask *task,
                     guint  status)
{
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  const char *reason = soup_message_get_reason_phrase (request->msg);

  if (reason == NULL || reason[0] == '\0')
    reason = soup_status_get_phrase (status);

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND,
                    "Not found on %s: %s", request_subject (request),
                    g_uri_get_path (soup_message_get_uri (request->msg)));
      return;
    }

  if (status == HTTP_TOO_MANY_REQUESTS)
    {
      if (request->is_api && request_may_retry (request))
        {
          SoupMessageHeaders *headers = soup_message_get_response_headers (request->msg);
          gint64 retry_after =
            parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"));
          gint64 left = MAX (self->max_wait_usec - request->waited_usec, 0);
          gint64 delay;

          /* Waiting longer than a person would for one answer is not worth it: past the
           * budget, say "busy" now rather than wait (minutes, hours) and say nothing. */
          if (retry_after > left)
            {
              sf_rate_limiter_back_off (self->limiter, MIN (retry_after, self->max_wait_usec),
                                        request->attempt + 1);
              request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED,
                            "%s is busy and asks to wait %" G_GINT64_FORMAT " s; "
                            "try again later", request_subject (request),
                            (retry_after + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
              return;
            }

          delay = sf_rate_limiter_back_off (self->limiter, retry_after, request->attempt + 1);
          request->waited_usec += delay;
          g_debug ("429 for %s, every request waits %" G_GINT64_FORMAT " ms",
                   request->uri, delay / 1000);
          request_retry (task, 0);
          return;
        }

      if (request->attempt > 0)
        request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED,
                      "%s is still busy after %u retries (HTTP %u)",
                      request_subject (request), request->attempt, status);
      else
        request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED,
                      "%s is busy (HTTP %u)", request_subject (request), status);
      return;
    }

  /* A request someone waits for (a search, a page) is retried once, quietly: a server
   * that fails twice is having trouble, and saying so in seconds beats 30 s of spinning.
   * Background work (the catalog's pages) keeps the whole policy. */
  if (SOUP_STATUS_IS_SERVER_ERROR (status) && request->is_api && request_may_retry (request) &&
      (request->priority > SF_TVMAZE_PRIORITY_INTERACTIVE ||
       request->attempt < INTERACTIVE_SERVER_ERROR_RETRIES))
    {
      gint64 delay = sf_rate_limiter_exponential_delay (self->retry_base_usec,
                                                        request->attempt + 1);

      /* Someone waits: one short pause, not the background's back-off. */
      if (request->priority <= SF_TVMAZE_PRIORITY_INTERACTIVE)
        delay = MIN (delay, INTERACTIVE_SERVER_ERROR_DELAY);

      g_debug ("HTTP %u for %s, retrying in %" G_GINT64_FORMAT " ms",
               status, request->uri, delay / 1000);
      request_retry (task, delay);
      return;
    }

  request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_HTTP,
                "%s answered HTTP %u %s", request_subject (request), status, reason);
}

static void on_read (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

/* Reads the next chunk into the end of the body, at most one byte past the cap. */
static void
request_read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  gsize room;
  gsize chunk;

  g_assert (request->body->len <= request->max_size);

  room = request->max_size - request->body->len;
  chunk = room >= READ_CHUNK_SIZE ? READ_CHUNK_SIZE : room + 1;
  request->read_start = request->body->len;
  g_byte_array_set_size (request->body, request->read_start + chunk);

  g_input_stream_read_async (request->stream,
                             request->body->data + request->read_start, chunk,
                             g_task_get_priority (task),
                             request->attempt_cancellable,
                             on_read,
                             task);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  g_assert (request->state == REQUEST_IN_FLIGHT);

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n_read < 0)
    {
      request_transport_error (task, error);
      return;
    }

  g_byte_array_set_size (request->body, request->read_start + n_read);

  if (request->body->len > request->max_size)
    {
      request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE,
                    "The answer from %s is larger than %" G_GSIZE_FORMAT " bytes",
                    request_subject (request), request->max_size);
      return;
    }

  if (n_read > 0)
    {
      request_read_next (g_steal_pointer (&task));
      return;
    }

  if (request->is_api)
    sf_rate_limiter_success (self->limiter);

  request_finish (task, g_byte_array_free_to_bytes (g_steal_pointer (&request->body)), NULL);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  g_assert (request->awaiting_headers);

  request->awaiting_headers = FALSE;
  request->got_headers = FALSE;
  g_signal_handlers_disconnect_by_data (request->msg, request);

  /* An abandoned attempt: its caller has its answer already. Close the body unread. */
  if (request->state == REQUEST_DONE)
    {
      g_autoptr(GInputStream) stream = NULL;

      stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
      if (stream != NULL)
        g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_debug ("Abandoned request to %s ended: %s", request->uri,
               error != NULL ? error->message : "dropped its answer");

      destroy_source (&request->abandon_source);
      g_clear_object (&request->msg);
      g_assert (self->n_abandoned > 0);
      self->n_abandoned--;
      return;
    }

  g_assert (request->state == REQUEST_IN_FLIGHT);

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      request_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (request->msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* The server answered, so it is not busy with us. Dropping the unread body closes the
       * connection without reading it. */
      if (request->is_api && status != HTTP_TOO_MANY_REQUESTS &&
          !SOUP_STATUS_IS_SERVER_ERROR (status))
        sf_rate_limiter_success (self->limiter);

      request_http_status (task, status);
      return;
    }

  headers = soup_message_get_response_headers (request->msg);
  request->body = g_byte_array_new ();

  /* Refuse an announced oversize body before reading any of it (a compressed length says
   * nothing about the decoded size, so the read loop keeps counting anyway). */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      goffset length = soup_message_headers_get_content_length (headers);

      if (length < 0 || (guint64) length > request->max_size)
        {
          request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE,
                        "The answer from %s is larger than %" G_GSIZE_FORMAT " bytes",
                        request_subject (request), request->max_size);
          return;
        }

      /* one allocation for the whole body, plus the byte that would reveal a lie */
      g_byte_array_set_size (request->body, length + 1);
      g_byte_array_set_size (request->body, 0);
    }

  request_read_next (g_steal_pointer (&task));
}

/* The attempt in flight took too long. Waiting for headers, it ends now (and libsoup finishes
 * the attempt alone); reading the body, the read is cancelled and the error path reports a
 * timeout. The source holds no reference: it is destroyed whenever the attempt ends. */
static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  g_assert (request->state == REQUEST_IN_FLIGHT);

  g_clear_pointer (&request->deadline_source, g_source_unref);
  request->timed_out = TRUE;
  g_debug ("Deadline of %s passed", request->uri);
  if (request->awaiting_headers)
    request_fail_timed_out (task);
  else
    g_cancellable_cancel (request->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

/* Takes @task_in over. */
static void
request_send (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable;
  int priority;

  g_assert (request->msg == NULL);

  request->state = REQUEST_IN_FLIGHT;

  /* cancelled from another thread, and the cancel source has not run yet: libsoup never
   * sees a cancelled cancellable */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      request_fail_cancelled (task);
      return;
    }

  request->msg = soup_message_new (SOUP_METHOD_GET, request->uri);
  if (request->msg == NULL)
    {
      request_fail (task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_HTTP,
                    "Invalid URL: %s", request->uri);
      return;
    }

  /* The attempt's own cancellable: libsoup sees it while waiting for the headers, but only
   * the grace of an abandoned attempt cancels it then; afterwards the body reads use it, and
   * the caller's cancellable (through on_cancelled()) and the deadline cancel those. */
  g_clear_object (&request->attempt_cancellable);
  request->attempt_cancellable = g_cancellable_new ();
  cancellable = request->attempt_cancellable;
  g_signal_connect (request->msg, "got-headers", G_CALLBACK (on_got_headers), request);
  g_signal_connect (request->msg, "restarted", G_CALLBACK (on_restarted), request);

  if (self->deadline_usec > 0)
    {
      request->deadline_source = g_timeout_source_new ((self->deadline_usec + 999) / 1000);
      g_source_set_static_name (request->deadline_source, "[sf] tvmaze deadline");
      g_source_set_callback (request->deadline_source, on_deadline, task, NULL);
      g_source_attach (request->deadline_source, self->context);
    }

  priority = g_task_get_priority (task);
  request->awaiting_headers = TRUE;
  request->got_headers = FALSE;
  soup_session_send_async (self->session, request->msg, priority, cancellable,
                           on_sent, g_steal_pointer (&task));
}

static gint
compare_queued (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  Request *ra = g_task_get_task_data ((GTask *) a);
  Request *rb = g_task_get_task_data ((GTask *) b);

  if (ra->priority != rb->priority)
    return ra->priority < rb->priority ? -1 : 1;

  return ra->seq < rb->seq ? -1 : (ra->seq > rb->seq ? 1 : 0);
}

static void
request_enqueue (GTask *task)
{
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  g_assert (request->is_api);

  if (self->disposed)
    {
      request_fail_cancelled (task);
      return;
    }

  request->state = REQUEST_QUEUED;
  g_queue_insert_sorted (&self->queue, g_object_ref (task), compare_queued, NULL);
  pump (self);
}

static gboolean
on_pump_timeout (gpointer user_data)
{
  SfTvmazeClient *self = user_data;

  g_clear_pointer (&self->pump_source, g_source_unref);
  pump (self);

  return G_SOURCE_REMOVE;
}

/* Starts every queued request the limiter allows now, and arms one timer for the next. */
static void
pump (SfTvmazeClient *self)
{
  gint64 delay;

  destroy_source (&self->pump_source);

  while (!g_queue_is_empty (&self->queue) && sf_rate_limiter_try_acquire (self->limiter))
    request_send (g_queue_pop_head (&self->queue));

  if (g_queue_is_empty (&self->queue))
    return;

  /* The timer may fire a little early (a main loop's time is cached per iteration): then
   * this runs again and re-arms for the rest. A request that failed at once may have run a
   * callback that pumped already: one timer only. */
  destroy_source (&self->pump_source);
  delay = MAX (sf_rate_limiter_get_delay (self->limiter), 1000);
  self->pump_source = g_timeout_source_new ((delay + 999) / 1000);
  g_source_set_static_name (self->pump_source, "[sf] tvmaze pump");
  g_source_set_callback (self->pump_source, on_pump_timeout, self, NULL);
  g_source_attach (self->pump_source, self->context);
}

/* Runs on our context once the cancellable fires, from whatever thread cancelled it. */
static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  SfTvmazeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GTask) queued = NULL;

  switch (request->state)
    {
    case REQUEST_QUEUED:
      /* leave the queue now, without waiting for a slot */
      g_queue_remove (&self->queue, task);
      queued = task;
      request->state = REQUEST_NEW;
      request_fail_cancelled (task);
      if (g_queue_is_empty (&self->queue))
        destroy_source (&self->pump_source);
      break;

    case REQUEST_WAITING:
      request_fail_cancelled (task);
      break;

    case REQUEST_IN_FLIGHT:
      /* waiting for headers: ends now, libsoup finishes alone; reading: the read reports it */
      if (request->awaiting_headers)
        request_fail_cancelled (task);
      else
        g_cancellable_cancel (request->attempt_cancellable);
      break;

    case REQUEST_NEW:
    case REQUEST_DONE:
    default:
      break;
    }

  return G_SOURCE_REMOVE;
}

/* Creates the task of one request; the caller starts it. */
static GTask *
request_new (SfTvmazeClient      *self,
             char                *uri,
             int                  priority,
             gboolean             is_api,
             gsize                max_size,
             GCancellable        *cancellable,
             gpointer             source_tag,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_priority (task, priority);

  request = g_new0 (Request, 1);
  request->uri = uri;
  request->priority = priority;
  request->seq = self->next_seq++;
  request->is_api = is_api;
  request->max_size = MIN (max_size, MAX_BODY_CAP);
  request->max_retries = is_api ? self->max_retries : IMAGE_MAX_RETRIES;
  request->state = REQUEST_NEW;
  g_task_set_task_data (task, request, request_free);

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (request->cancel_source, "[sf] tvmaze cancel");
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (on_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (request->cancel_source, self->context);
    }

  if (is_api)
    self->n_api_pending++;

  return g_steal_pointer (&task);
}

static void
sf_tvmaze_client_dispose (GObject *object)
{
  SfTvmazeClient *self = SF_TVMAZE_CLIENT (object);
  GTask *task;

  /* Requests hold a reference on us, so this runs with requests queued only when disposed
   * explicitly: they end as cancelled. Requests in flight finish on their own. */
  self->disposed = TRUE;
  destroy_source (&self->pump_source);
  while ((task = g_queue_pop_head (&self->queue)) != NULL)
    {
      Request *request = g_task_get_task_data (task);

      request->state = REQUEST_NEW;
      request_fail_cancelled (task);
      g_object_unref (task);
    }

  G_OBJECT_CLASS (sf_tvmaze_client_parent_class)->dispose (object);
}

static void
sf_tvmaze_client_finalize (GObject *object)
{
  SfTvmazeClient *self = SF_TVMAZE_CLIENT (object);

  g_assert (g_queue_is_empty (&self->queue));
  g_assert (self->pump_source == NULL);

  g_clear_object (&self->session);
  g_clear_object (&self->limiter);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (sf_tvmaze_client_parent_class)->finalize (object);
}

static void
sf_tvmaze_client_class_init (SfTvmazeClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_tvmaze_client_dispose;
  object_class->finalize = sf_tvmaze_client_finalize;
}

static void
sf_tvmaze_client_init (SfTvmazeClient *self)
{
  g_queue_init (&self->queue);
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->retry_base_usec = DEFAULT_RETRY_BASE;
  self->deadline_usec = DEFAULT_DEADLINE;
  self->max_wait_usec = DEFAULT_MAX_WAIT;
  self->abandon_grace_usec = DEFAULT_ABANDON_GRACE;
  /* for tests of the whole program (a drip server must not take a minute) */
  if (g_getenv ("SERIES_FINDER_REQUEST_DEADLINE_MS") != NULL)
    self->deadline_usec =
      1000 * (gint64) g_ascii_strtoull (g_getenv ("SERIES_FINDER_REQUEST_DEADLINE_MS"), NULL, 10);
  if (g_getenv ("SERIES_FINDER_MAX_RETRY_WAIT_MS") != NULL)
    self->max_wait_usec =
      1000 * (gint64) g_ascii_strtoull (g_getenv ("SERIES_FINDER_MAX_RETRY_WAIT_MS"), NULL, 10);
  self->context = g_main_context_ref_thread_default ();
  /* TVmaze: "at least 20 calls every 10 seconds" */
  self->limiter = sf_rate_limiter_new (20, 10 * G_USEC_PER_SEC);
}

SfTvmazeClient *
sf_tvmaze_client_new (SoupSession *session,
                      const char  *base_url)
{
  SfTvmazeClient *self;
  gsize len;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (SF_TYPE_TVMAZE_CLIENT, NULL);
  self->session = g_object_ref (session);

  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  self->base_url = g_strndup (base_url, len);

  return self;
}

const char *
sf_tvmaze_client_get_base_url (SfTvmazeClient *self)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), NULL);

  return self->base_url;
}

SoupSession *
sf_tvmaze_client_get_session (SfTvmazeClient *self)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), NULL);

  return self->session;
}

SfRateLimiter *
sf_tvmaze_client_get_rate_limiter (SfTvmazeClient *self)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), NULL);

  return self->limiter;
}

void
sf_tvmaze_client_set_max_retries (SfTvmazeClient *self,
                                  guint           max_retries)
{
  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));

  self->max_retries = max_retries;
}

void
sf_tvmaze_client_set_max_body_size (SfTvmazeClient *self,
                                    gsize           max_size)
{
  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));

  self->max_body_size = max_size;
}

/**
 * sf_tvmaze_client_set_retry_base_delay:
 * @base_usec: the first retry delay (default 2 s)
 *
 * Scales every back-off that the server does not dictate: the delay after a 5xx and the
 * shared back-off after a 429 without Retry-After (both double per retry, capped at 30 ×
 * @base_usec). Tests make it short; Retry-After is always honoured as sent.
 */
void
sf_tvmaze_client_set_retry_base_delay (SfTvmazeClient *self,
                                       gint64          base_usec)
{
  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (base_usec >= 0);

  self->retry_base_usec = base_usec;
  sf_rate_limiter_set_back_off_base (self->limiter, base_usec);
}

void
sf_tvmaze_client_set_deadline (SfTvmazeClient *self,
                               gint64          deadline_usec)
{
  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (deadline_usec >= 0);

  self->deadline_usec = deadline_usec;
}

gint64
sf_tvmaze_client_get_deadline (SfTvmazeClient *self)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), 0);

  return self->deadline_usec;
}

/**
 * sf_tvmaze_client_set_abandon_grace:
 * @grace_usec: how long libsoup may go on with an attempt whose caller has gone (cancelled or
 *   past its deadline) before any headers came (default 60 s)
 *
 * Past the grace, an attempt that still has no headers is cancelled inside libsoup. Tests
 * make it short.
 */
void
sf_tvmaze_client_set_abandon_grace (SfTvmazeClient *self,
                                    gint64          grace_usec)
{
  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (grace_usec >= 0);

  self->abandon_grace_usec = grace_usec;
}

/**
 * sf_tvmaze_client_get_n_abandoned:
 *
 * Returns: how many attempts ended for their caller while waiting for headers and are still
 *   left to libsoup to finish
 */
guint
sf_tvmaze_client_get_n_abandoned (SfTvmazeClient *self)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), 0);

  return self->n_abandoned;
}

void
sf_tvmaze_client_set_max_retry_wait (SfTvmazeClient *self,
                                     gint64          max_wait_usec)
{
  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (max_wait_usec >= 0);

  self->max_wait_usec = max_wait_usec;
}

/* Caps sized to real answers (TVMAZE.md, 2024-2026) with a wide margin, counted after
 * decompression. A search is ~20 KB, an index page ~0.6 MB, the whole /updates/shows map
 * ~2 MB; a show with its cast embedded or the episode list of a long soap reaches a few MB. */
gsize
sf_tvmaze_max_body_size_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, 0);

  if (g_str_has_prefix (path, "/search/") || g_str_has_prefix (path, "/singlesearch/"))
    return SF_TVMAZE_MAX_SEARCH_BODY;
  if (g_str_has_prefix (path, "/shows?"))
    return SF_TVMAZE_MAX_INDEX_PAGE_BODY;
  if (g_str_has_prefix (path, "/updates/"))
    return SF_TVMAZE_MAX_UPDATES_BODY;

  return SF_TVMAZE_MAX_SHOW_BODY;
}

void
sf_tvmaze_client_get_async (SfTvmazeClient      *self,
                            const char          *path,
                            int                  priority,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = request_new (self, g_strconcat (self->base_url, path, NULL), priority, TRUE,
                      MIN (self->max_body_size, sf_tvmaze_max_body_size_for_path (path)),
                      cancellable, sf_tvmaze_client_get_async, callback, user_data);

  if (g_cancellable_is_cancelled (cancellable))
    {
      request_fail_cancelled (task);
      return;
    }

  request_enqueue (task);
}

/**
 * sf_tvmaze_client_get_finish:
 *
 * Returns: (transfer full): the body, or %NULL with @error set (%SF_TVMAZE_ERROR or
 *   %G_IO_ERROR_CANCELLED)
 */
GBytes *
sf_tvmaze_client_get_finish (SfTvmazeClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sf_tvmaze_client_get_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
parse_search_thread (GTask        *parse_task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";

  shows = sf_show_list_parse_search (data, size, &error);
  if (shows == NULL)
    {
      g_task_return_new_error (parse_task, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE,
                               "TVmaze sent an unexpected answer: %s", error->message);
      return;
    }

  g_task_return_pointer (parse_task, g_steal_pointer (&shows),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_search_parsed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *shows;

  shows = g_task_propagate_pointer (G_TASK (result), &error);
  if (shows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, shows, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_search_got (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) parse_task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  bytes = sf_tvmaze_client_get_finish (SF_TVMAZE_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* JSON parsing stays off the main thread, whatever the size of the answer. The worker
   * holds a task without a source object: the last reference on the client (and so on the
   * session) is never dropped on a worker thread. */
  cancellable = g_task_get_cancellable (task);
  parse_task = g_task_new (NULL, cancellable, on_search_parsed, g_steal_pointer (&task));
  g_task_set_source_tag (parse_task, parse_search_thread);
  g_task_set_task_data (parse_task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (parse_task, parse_search_thread);
}

void
sf_tvmaze_client_search_shows_async (SfTvmazeClient      *self,
                                     const char          *query,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_tvmaze_client_search_shows_async);
  g_task_set_priority (task, SF_TVMAZE_PRIORITY_INTERACTIVE);

  path = sf_tvmaze_build_search_path (query);
  sf_tvmaze_client_get_async (self, path, SF_TVMAZE_PRIORITY_INTERACTIVE, cancellable,
                              on_search_got, g_steal_pointer (&task));
}

GPtrArray *
sf_tvmaze_client_search_shows_finish (SfTvmazeClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sf_tvmaze_client_search_shows_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
is_tvmaze_host (const char *host)
{
  g_autofree char *lower = NULL;

  if (host == NULL)
    return FALSE;

  lower = g_ascii_strdown (host, -1);
  return g_str_equal (lower, "tvmaze.com") || g_str_has_suffix (lower, ".tvmaze.com");
}

/* Old payloads link images over http; TVmaze serves the same files over https. */
static char *
upgrade_image_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL ||
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 ||
      !is_tvmaze_host (g_uri_get_host (uri)))
    return g_strdup (url);

  if (g_uri_get_port (uri) != -1 && g_uri_get_port (uri) != 80)
    return g_strdup (url);

  return g_strconcat ("https", url + strlen ("http"), NULL);
}

void
sf_tvmaze_client_get_image_async (SfTvmazeClient      *self,
                                  const char          *url,
                                  gsize                max_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_TVMAZE_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = request_new (self, upgrade_image_url (url), G_PRIORITY_DEFAULT, FALSE, max_size,
                      cancellable, sf_tvmaze_client_get_image_async, callback, user_data);

  if (g_cancellable_is_cancelled (cancellable) || self->disposed)
    {
      request_fail_cancelled (task);
      return;
    }

  request_send (g_steal_pointer (&task));
}

/**
 * sf_tvmaze_client_get_image_finish:
 *
 * Returns: (transfer full): the image bytes, or %NULL with @error set
 */
GBytes *
sf_tvmaze_client_get_image_finish (SfTvmazeClient  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sf_tvmaze_client_get_image_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
sf_tvmaze_build_search_path (const char *query)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  /* no reserved character is allowed through: & # % + / ? all get encoded */
  escaped = g_uri_escape_string (query, NULL, FALSE);

  return g_strconcat ("/search/shows?q=", escaped, NULL);
}
