/* sf-cli-wait.c: running the terminal mode's asynchronous calls to completion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
