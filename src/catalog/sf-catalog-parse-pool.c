/* sf-catalog-parse-pool.c: the sync's parsing threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-catalog-parse-pool.h"
#include "sf-db-worker.h"
#include "sf-index-page.h"
#include "sf-show-list.h"
#include "sf-tvmaze-error.h"

typedef struct
{
  SfCatalogWorkKind   kind;
  GBytes             *bytes;        /* owned, nullable */
  SfCatalogSyncInfo  *info;         /* borrowed (PLAN): the run keeps it and waits */
  gpointer            result;       /* owned, nullable */
  GDestroyNotify      result_free;
  GError             *error;        /* owned, nullable */
} Work;

static void
work_free (Work *work)
{
  g_clear_pointer (&work->bytes, g_bytes_unref);
  if (work->result != NULL)
    work->result_free (work->result);
  g_clear_error (&work->error);
  g_free (work);
}

void
sf_catalog_parsed_free (SfCatalogParsed *parsed)
{
  g_clear_pointer (&parsed->shows, g_ptr_array_unref);
  g_clear_pointer (&parsed->json, g_ptr_array_unref);
  g_free (parsed);
}

/* On the task's context: workers never drop the last reference to a task (and through it
 * to the sync), so nothing is finalized off the main thread. */
static gboolean
work_deliver_cb (gpointer data)
{
  g_autoptr(GTask) task = data;
  Work *work = g_task_get_task_data (task);

  if (work->error != NULL)
    g_task_return_error (task, g_steal_pointer (&work->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&work->result), work->result_free);

  return G_SOURCE_REMOVE;
}

static void
work_thread (gpointer data,
             gpointer pool_data)
{
  static GPrivate lowered;
  GTask *task = data;
  Work *work = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_private_get (&lowered) == NULL)
    {
      sf_db_worker_lower_thread_priority ();
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &work->error))
    goto deliver;

  switch (work->kind)
    {
    case SF_CATALOG_WORK_PAGE:
    case SF_CATALOG_WORK_SHOW:
      {
        g_autoptr(GPtrArray) shows = NULL;
        g_autoptr(GPtrArray) json = NULL;
        gsize length;
        const char *body = g_bytes_get_data (work->bytes, &length);
        SfCatalogParsed *parsed;

        if (work->kind == SF_CATALOG_WORK_PAGE)
          {
            shows = sf_index_page_parse (body, length, &json, &error);
          }
        else
          {
            SfShow *show = sf_show_parse (body, length, &error);

            if (show != NULL)
              {
                shows = g_ptr_array_new_with_free_func (g_object_unref);
                json = g_ptr_array_new_with_free_func (g_free);
                g_ptr_array_add (shows, show);
                g_ptr_array_add (json, g_strndup (body, length));
              }
          }

        if (shows == NULL)
          {
            work->error = g_error_new (SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE, "%s",
                                       error->message);
            break;
          }

        parsed = g_new0 (SfCatalogParsed, 1);
        parsed->shows = g_steal_pointer (&shows);
        parsed->json = g_steal_pointer (&json);
        work->result = parsed;
        work->result_free = (GDestroyNotify) sf_catalog_parsed_free;
      }
      break;

    case SF_CATALOG_WORK_PLAN:
      work->result = sf_catalog_plan_new (work->info, work->bytes);
      work->result_free = (GDestroyNotify) sf_catalog_plan_free;
      break;

    default:
      g_assert_not_reached ();
    }

  /* the body is not needed any more: free it here rather than on the main thread */
  g_clear_pointer (&work->bytes, g_bytes_unref);

deliver:
  g_main_context_invoke_full (g_task_get_context (task), g_task_get_priority (task),
                              work_deliver_cb, task, NULL);
}

static GThreadPool *
get_pool (void)
{
  static gsize pool = 0;

  if (g_once_init_enter (&pool))
    {
      /* Exclusive: these threads run at a lower priority, and must not be lent to other
       * pools (GIO's, say) that serve the interface. */
      GThreadPool *new_pool = g_thread_pool_new (work_thread, NULL,
                                                 MAX (g_get_num_processors (), 1),
                                                 TRUE, NULL);

      g_once_init_leave (&pool, (gsize) new_pool);
    }

  return (GThreadPool *) pool;
}

static void
release_thread (gpointer data,
                gpointer pool_data)
{
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      sf_db_worker_lower_thread_priority ();
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }

  g_ptr_array_unref (data);
}

void
sf_catalog_parse_pool_release (GPtrArray *array)
{
  static gsize pool = 0;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, (gsize) g_thread_pool_new (release_thread, NULL, 1, TRUE, NULL));

  g_thread_pool_push ((GThreadPool *) pool, array, NULL);
}

void
sf_catalog_parse_pool_push (gpointer             source_object,
                            GCancellable        *cancellable,
                            SfCatalogWorkKind    kind,
                            GBytes              *bytes,
                            SfCatalogSyncInfo   *info,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);
  Work *work = g_new0 (Work, 1);

  work->kind = kind;
  work->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  work->info = info;
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_set_source_tag (task, sf_catalog_parse_pool_push);
  g_thread_pool_push (get_pool (), task, NULL);
}
