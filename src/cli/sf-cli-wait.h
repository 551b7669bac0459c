#pragma once

#include <gio/gio.h>

#include "sf-tvmaze-client.h"

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

/* A client's request by id and its finish (sf_tvmaze_client_get_credits_async(), ...). */
typedef void     (*SfCliByIdAsync)  (SfTvmazeClient       *client,
                                     gint64                id,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
typedef gpointer (*SfCliByIdFinish) (SfTvmazeClient       *client,
                                     GAsyncResult         *result,
                                     GError              **error);

/* What to fetch for an id and what to say when it cannot be (N_() strings: translated
 * when printed): the line for an id that is not positive (exit status 2), and the line for
 * TVmaze's 404, with one "%s" for the id (exit status @not_found_status). */
typedef struct
{
  SfCliByIdAsync   fetch;
  SfCliByIdFinish  finish;
  const char      *not_positive;
  const char      *not_found;
  int              not_found_status;
} SfCliByIdKind;

/**
 * sf_cli_fetch_by_id:
 * @status: (out): the exit status when %NULL is returned
 *
 * `--show=ID`, `--person-credits=ID`: checks @id, runs @kind's request and waits for its
 * answer. Errors go to stderr (sf_cli_print_fetch_error()).
 *
 * Returns: (transfer full) (nullable): what @kind's finish returned
 */
gpointer      sf_cli_fetch_by_id (SfTvmazeClient      *client,
                                  gint64               id,
                                  const SfCliByIdKind *kind,
                                  int                 *status);

G_END_DECLS
