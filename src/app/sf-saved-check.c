#include "config.h"

#include <glib/gi18n.h>

#include "sf-library-error.h"
#include "sf-saved-check.h"

typedef struct
{
  SfLibrary *library;     /* owned */
  SfCatalog *catalog;     /* owned */
  char      *only;        /* owned, nullable */
  GPtrArray *searches;    /* owned, nullable: SfSavedSearch, taken one by one */
  GPtrArray *statuses;    /* owned: SfSavedSearchStatus */
  guint      next;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->library);
  g_clear_object (&data->catalog);
  g_free (data->only);
  g_clear_pointer (&data->searches, g_ptr_array_unref);
  g_clear_pointer (&data->statuses, g_ptr_array_unref);
  g_free (data);
}

void
sf_saved_search_status_free (SfSavedSearchStatus *status)
{
  if (status == NULL)
    return;

  g_clear_pointer (&status->search, sf_saved_search_free);
  g_clear_pointer (&status->new_shows, g_ptr_array_unref);
  g_clear_pointer (&status->unannounced, g_ptr_array_unref);
  g_free (status);
}

GArray *
sf_saved_search_ids_of (GPtrArray *shows)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), shows->len);

  for (guint i = 0; i < shows->len; i++)
    {
      gint64 id = sf_show_get_id (g_ptr_array_index (shows, i));

      g_array_append_val (ids, id);
    }
  return ids;
}

static void run_next (GTask *task);

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = sf_catalog_query_finish (SF_CATALOG (source), result, &error);
  SfSavedSearchStatus *status;

  if (shows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = g_new0 (SfSavedSearchStatus, 1);
  status->search = g_steal_pointer (&g_ptr_array_index (data->searches, data->next));
  status->total = shows->len;
  status->new_shows = g_ptr_array_new_with_free_func (g_object_unref);
  status->unannounced = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      gint64 id = sf_show_get_id (show);

      if (sf_saved_search_knows (status->search, id, FALSE))
        continue;
      g_ptr_array_add (status->new_shows, g_object_ref (show));
      if (!sf_saved_search_knows (status->search, id, TRUE))
        g_ptr_array_add (status->unannounced, g_object_ref (show));
    }
  g_ptr_array_add (data->statuses, status);

  data->next++;
  run_next (g_steal_pointer (&task));
}

static void
run_next (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  CheckData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  SfSavedSearch *search;

  while (data->next < data->searches->len)
    {
      search = g_ptr_array_index (data->searches, data->next);
      if (data->only == NULL || g_strcmp0 (search->name, data->only) == 0)
        break;
      data->next++;
    }

  if (data->next >= data->searches->len)
    {
      if (data->only != NULL && data->statuses->len == 0)
        g_task_return_new_error (task, SF_LIBRARY_ERROR, SF_LIBRARY_ERROR_NOT_FOUND,
                                 _("There is no saved search named “%s”."), data->only);
      else
        g_task_return_pointer (task, g_steal_pointer (&data->statuses),
                               (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* One at a time, on the catalog's readers: the window stays free meanwhile. */
  cancellable = g_task_get_cancellable (task);
  sf_catalog_query_async (data->catalog, search->criteria, 0, 0, cancellable,
                          query_cb, g_steal_pointer (&task));
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->searches = sf_library_list_searches_finish (SF_LIBRARY (source), result, &error);
  if (data->searches == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run_next (g_steal_pointer (&task));
}

void
sf_saved_searches_check_async (SfLibrary           *library,
                               SfCatalog           *catalog,
                               const char          *only,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (SF_IS_LIBRARY (library));
  g_return_if_fail (SF_IS_CATALOG (catalog));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_saved_searches_check_async);
  data = g_new0 (CheckData, 1);
  data->library = g_object_ref (library);
  data->catalog = g_object_ref (catalog);
  data->only = g_strdup (only);
  data->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_saved_search_status_free);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  sf_library_list_searches_async (library, cancellable, list_cb, g_steal_pointer (&task));
}

GPtrArray *
sf_saved_searches_check_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
