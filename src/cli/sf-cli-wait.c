/* sf-cli-wait.c: running the terminal mode's asynchronous calls to completion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-cli-text.h"
#include "sf-cli-wait.h"

void
sf_cli_wait_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SfCliWait *wait = user_data;

  g_set_object (&wait->result, result);
}

GAsyncResult *
sf_cli_wait (SfCliWait *wait)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_val_if_fail (wait != NULL, NULL);

  while (wait->result == NULL)
    g_main_context_iteration (context, TRUE);

  /* Kept for the _finish; the slot is free for the next call, even one that answers before
   * its _async returns. */
  g_set_object (&wait->answered, wait->result);
  g_clear_object (&wait->result);

  return wait->answered;
}

void
sf_cli_wait_clear (SfCliWait *wait)
{
  g_clear_object (&wait->result);
  g_clear_object (&wait->answered);
}

gpointer
sf_cli_fetch_by_id (SfTvmazeClient      *client,
                    gint64               id,
                    const SfCliByIdKind *kind,
                    int                 *status)
{
  g_auto(SfCliWait) wait = { 0, };
  g_autoptr(GError) error = NULL;
  gpointer answer;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (status != NULL, NULL);

  *status = 0;
  if (id <= 0)
    {
      g_printerr ("%s", _(kind->not_positive));
      *status = 2;
      return NULL;
    }

  kind->fetch (client, id, NULL, sf_cli_wait_cb, &wait);
  answer = kind->finish (client, sf_cli_wait (&wait), &error);
  if (answer == NULL)
    *status = sf_cli_print_fetch_error (error, _(kind->not_found), id, kind->not_found_status);

  return answer;
}
