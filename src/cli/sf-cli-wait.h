#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The terminal mode has no window to keep responsive: it starts one asynchronous call at a
 * time and runs the thread-default main context until the answer comes.
 *
 *   g_auto(SfCliWait) wait = { 0, };
 *
 *   sf_library_open_async (library, NULL, sf_cli_wait_cb, &wait);
 *   ok = sf_library_open_finish (library, sf_cli_wait (&wait), &error);
 *
 * One SfCliWait serves any number of calls in turn.
 */
typedef struct
{
  GAsyncResult *result;     /* owned, nullable: an answer not waited for yet */
  GAsyncResult *answered;   /* owned, nullable: the one sf_cli_wait() returned last */
} SfCliWait;

/* The #GAsyncReadyCallback to give the call, with the #SfCliWait as its user data */
void          sf_cli_wait_cb    (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data);

/* Iterates the thread-default main context until the call given sf_cli_wait_cb() answers.
 * Returns: (transfer none): its result, for the _finish (valid until the next wait). */
GAsyncResult *sf_cli_wait       (SfCliWait    *wait);

void          sf_cli_wait_clear (SfCliWait    *wait);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SfCliWait, sf_cli_wait_clear)

G_END_DECLS
