/* sf-cli-busy.c: "TVmaze is busy; retrying in N s…" on stderr while the client waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-cli-busy.h"

struct _SfCliBusy
{
  SfRateLimiter *limiter;    /* owned */
  GMainContext  *context;    /* owned */
  GSource       *idle;       /* owned, nullable: the check after a notification */
  gint64         said_for;   /* the retry-at already said */
  gulong         handler;
};

/* Runs after the client has handled the 429 whole: a request that gives up at once ends
 * "backing-off" in the same call, and then nothing is retried. */
static gboolean
say_busy_cb (gpointer user_data)
{
  SfCliBusy *busy = user_data;
  gint64 retry_at = sf_rate_limiter_get_retry_at (busy->limiter);
  int seconds;

  g_clear_pointer (&busy->idle, g_source_unref);

  if (!sf_rate_limiter_get_backing_off (busy->limiter) || retry_at == busy->said_for)
    return G_SOURCE_REMOVE;

  seconds = sf_rate_limiter_get_seconds_left (busy->limiter);
  if (seconds <= 0)
    return G_SOURCE_REMOVE;

  busy->said_for = retry_at;
  /* Translators: on the terminal, while a 429's Retry-After is waited out */
  g_printerr (_("TVmaze is busy; retrying in %d s…\n"), seconds);

  return G_SOURCE_REMOVE;
}

static void
retry_at_notify_cb (SfRateLimiter *limiter,
                    GParamSpec    *pspec,
                    gpointer       user_data)
{
  SfCliBusy *busy = user_data;

  if (busy->idle != NULL)
    return;

  busy->idle = g_idle_source_new ();
  g_source_set_static_name (busy->idle, "[sf] cli busy");
  g_source_set_callback (busy->idle, say_busy_cb, busy, NULL);
  g_source_attach (busy->idle, busy->context);
}

SfCliBusy *
sf_cli_busy_new (SfRateLimiter *limiter)
{
  SfCliBusy *busy;

  g_return_val_if_fail (SF_IS_RATE_LIMITER (limiter), NULL);

  busy = g_new0 (SfCliBusy, 1);
  busy->limiter = g_object_ref (limiter);
  busy->context = g_main_context_ref_thread_default ();
  busy->said_for = sf_rate_limiter_get_retry_at (limiter);
  busy->handler = g_signal_connect (limiter, "notify::retry-at",
                                    G_CALLBACK (retry_at_notify_cb), busy);

  return busy;
}

void
sf_cli_busy_free (SfCliBusy *busy)
{
  if (busy == NULL)
    return;

  g_clear_signal_handler (&busy->handler, busy->limiter);
  if (busy->idle != NULL)
    {
      g_source_destroy (busy->idle);
      g_clear_pointer (&busy->idle, g_source_unref);
    }
  g_clear_object (&busy->limiter);
  g_clear_pointer (&busy->context, g_main_context_unref);
  g_free (busy);
}
