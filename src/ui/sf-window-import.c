/* sf-window-import.c: a watchlist file imported from the window, and what it says after
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library takes any id the file lists. Each new one is then looked up on TVmaze: an id
 * TVmaze does not know is not counted as imported, and is taken out again ("1 series
 * imported, 1 could not be found on TVmaze"). A file that is not a watchlist gets a short
 * toast, whose Details button shows the whole message in a dialog (a toast cuts long text).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"
#include "sf-tvmaze-details.h"
#include "sf-tvmaze-error.h"
#include "sf-window-private.h"

typedef struct
{
  GWeakRef  window;
  guint     n_added;     /* new in the watchlist and known to TVmaze (or not checked) */
  guint     n_unknown;   /* new, but TVmaze does not know them: taken out again */
  guint     n_pending;   /* look-ups still running */
} ImportCheck;

static void
import_check_free (ImportCheck *check)
{
  g_weak_ref_clear (&check->window);
  g_free (check);
}

static void
show_result (SfWindow *self,
             guint     n_added,
             guint     n_unknown)
{
  g_autofree char *imported = NULL;
  g_autofree char *message = NULL;

  imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u series imported",
                                           "%u series imported", n_added), n_added);
  if (n_unknown == 0)
    {
      message = g_steal_pointer (&imported);
    }
  else
    {
      g_autofree char *unknown = NULL;

      /* Translators: after "N series imported, " */
      unknown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u could not be found on TVmaze",
                                              "%u could not be found on TVmaze", n_unknown),
                                 n_unknown);
      /* Translators: "1 series imported", then "1 could not be found on TVmaze" */
      message = g_strdup_printf (_("%s, %s"), imported, unknown);
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
unfollow_unknown_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sf_library_unfollow_finish (SF_LIBRARY (source), result, &error))
    g_debug ("Could not take out an unknown id: %s", error->message);
}

typedef struct
{
  ImportCheck *check;    /* shared by the look-ups of one import */
  gint64       id;
} Lookup;

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree Lookup *lookup = user_data;
  ImportCheck *check = lookup->check;
  g_autoptr(SfShow) show = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfWindow) self = NULL;

  show = sf_tvmaze_client_get_show_finish (SF_TVMAZE_CLIENT (source), result, &error);
  self = g_weak_ref_get (&check->window);

  if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND) && self != NULL)
    {
      check->n_unknown++;
      sf_library_unfollow_async (self->library, lookup->id, NULL, unfollow_unknown_done_cb,
                                 NULL);
    }
  else
    {
      /* Known, or TVmaze could not say (offline): the watchlist keeps it. */
      check->n_added++;
    }

  if (--check->n_pending > 0)
    return;

  if (self != NULL)
    show_result (self, check->n_added, check->n_unknown);
  import_check_free (check);
}

static void
details_response_cb (AdwToast *toast,
                     SfWindow *self)
{
  const char *details = g_object_get_data (G_OBJECT (toast), "sf-details");
  GtkWidget *alert = sf_compat_alert_new (_("The Watchlist Could Not Be Imported"), details);

  sf_compat_dialog_present (alert, GTK_WIDGET (self));
}

static void
show_error (SfWindow     *self,
            const GError *error)
{
  AdwToast *toast;

  /* The whole message (which names the file and says what is wrong) goes in the dialog. */
  g_message ("Import failed: %s", error->message);
  toast = adw_toast_new (_("The watchlist could not be imported"));
  adw_toast_set_button_label (toast, _("_Details"));
  g_object_set_data_full (G_OBJECT (toast), "sf-details", g_strdup (error->message), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (details_response_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) added = NULL;
  SfTvmazeClient *client;
  ImportCheck *check;

  if (!sf_library_import_finish_ids (SF_LIBRARY (source), result, &added, NULL, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  if (added->len == 0)
    {
      show_result (self, 0, 0);
      return;
    }

  /* Each new id looked up on TVmaze; the result once all have answered. */
  client = sf_backend_get_client (self->backend);
  check = g_new0 (ImportCheck, 1);
  g_weak_ref_init (&check->window, self);
  check->n_pending = added->len;
  for (guint i = 0; i < added->len; i++)
    {
      Lookup *lookup = g_new0 (Lookup, 1);

      lookup->check = check;
      lookup->id = g_array_index (added, gint64, i);
      sf_tvmaze_client_get_show_async (client, lookup->id, NULL, lookup_done_cb, lookup);
    }
}

void
sf_window_import_watchlist (SfWindow *self,
                            GFile    *file)
{
  g_return_if_fail (SF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  sf_library_import_async (self->library, file, NULL, import_done_cb, g_object_ref (self));
}
