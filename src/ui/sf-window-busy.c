/* sf-window-busy.c: the window's "TVmaze is busy" note, with the wait that a 429 asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-window-private.h"

/* Often enough that the countdown never skips a second on screen. */
#define BUSY_TICK_MS 250

static void busy_update (SfWindow *self);

static gboolean
busy_tick_cb (gpointer user_data)
{
  SfWindow *self = user_data;

  busy_update (self);

  return self->busy_tick_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* While the client waits for a busy TVmaze (a 429), a quiet note under the search says how
 * long the wait is and counts it down; it is not an error, and it goes when the answer comes
 * (or the client gives up, and the error says so). */
static void
busy_update (SfWindow *self)
{
  gboolean busy = sf_rate_limiter_get_backing_off (self->limiter);
  int seconds = busy ? sf_rate_limiter_get_seconds_left (self->limiter) : 0;
  g_autofree char *text = NULL;

  if (seconds > 0)
    /* Translators: a 429 asked to wait; %d counts down the seconds left */
    text = g_strdup_printf (_("TVmaze is busy, trying again in %d s"), seconds);
  else
    text = g_strdup (_("TVmaze is busy, retrying…"));

  if (g_strcmp0 (gtk_label_get_label (self->busy_label), text) != 0)
    gtk_label_set_label (self->busy_label, text);
  gtk_revealer_set_reveal_child (self->busy_revealer, busy);

  if (seconds > 0 && self->busy_tick_id == 0)
    {
      self->busy_tick_id = g_timeout_add (BUSY_TICK_MS, busy_tick_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->busy_tick_id),
                                "[sf] busy countdown");
    }
  else if (seconds == 0)
    {
      /* from the tick itself, busy_tick_cb() returns G_SOURCE_REMOVE */
      g_clear_handle_id (&self->busy_tick_id, g_source_remove);
    }
}

static void
busy_notify_cb (SfWindow   *self,
                GParamSpec *pspec,
                gpointer    user_data)
{
  busy_update (self);
}

void
_sf_window_busy_setup (SfWindow *self)
{
  g_signal_connect_object (self->limiter, "notify::backing-off",
                           G_CALLBACK (busy_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->limiter, "notify::retry-at",
                           G_CALLBACK (busy_notify_cb), self, G_CONNECT_SWAPPED);
  busy_update (self);
}

void
_sf_window_busy_dispose (SfWindow *self)
{
  g_clear_handle_id (&self->busy_tick_id, g_source_remove);
}
