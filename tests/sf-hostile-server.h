#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A small HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose: it drips its headers or
 * its body one byte at a time, sends gzip bombs, 429s with any Retry-After, any body. Each
 * connection is served on its own thread (blocking I/O), so it works whether or not the
 * test's main loop runs (a test can wait for a subprocess synchronously). */

typedef enum
{
  SF_HOSTILE_BODY,          /* status, headers, body at once */
  SF_HOSTILE_DRIP_HEADERS,  /* the status line and headers, one byte per interval */
  SF_HOSTILE_DRIP_BODY,     /* headers at once (Content-Length of the whole body), then the
                             * body one byte per interval */
  SF_HOSTILE_GZIP,          /* the body gzip-compressed, Content-Encoding: gzip */
} SfHostileMode;

typedef struct _SfHostileServer SfHostileServer;

SfHostileServer *sf_hostile_server_new       (void);
void             sf_hostile_server_free      (SfHostileServer *self);
/* "http://127.0.0.1:PORT" */
const char      *sf_hostile_server_get_url   (SfHostileServer *self);

/**
 * sf_hostile_server_add:
 * @prefix: requests whose target (path and query) starts with it get this answer; the first
 *   route added that matches wins; anything else is a 404
 * @status: HTTP status
 * @extra_headers: (nullable): e.g. "Retry-After: 3600\r\n"
 * @body: (transfer full): the body (uncompressed)
 * @interval_ms: the drip interval
 */
void             sf_hostile_server_add       (SfHostileServer *self,
                                              const char      *prefix,
                                              SfHostileMode    mode,
                                              guint            status,
                                              const char      *extra_headers,
                                              GBytes          *body,
                                              guint            interval_ms);
/* Requests whose target started with @prefix so far. */
guint            sf_hostile_server_count     (SfHostileServer *self,
                                              const char      *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfHostileServer, sf_hostile_server_free)

G_END_DECLS
