/* sf-test-kit.c: what every test program and benchmark shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-test-kit.h"

#include <glib/gstdio.h>

/* Bounded waits */

struct _SfTestWait
{
  GSource    *timeout;
  gboolean    timed_out;
  guint       timeout_ms;
  const char *what;
};

static gboolean
wait_timeout_cb (gpointer user_data)
{
  SfTestWait *wait = user_data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

SfTestWait *
sf_test_wait_begin (guint       timeout_ms,
                    const char *what)
{
  SfTestWait *wait = g_new0 (SfTestWait, 1);

  wait->timeout_ms = timeout_ms;
  wait->what = what;
  /* On the thread-default context, the one the waits iterate. */
  wait->timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (wait->timeout, wait_timeout_cb, wait, NULL);
  g_source_attach (wait->timeout, g_main_context_get_thread_default ());

  return wait;
}

gboolean
sf_test_wait_step (SfTestWait *wait)
{
  if (wait->timed_out)
    return FALSE;
  g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  return !wait->timed_out;
}

void
sf_test_wait_iterate (SfTestWait *wait)
{
  if (!sf_test_wait_step (wait))
    g_error ("Timed out after %u ms waiting for %s", wait->timeout_ms,
             wait->what != NULL ? wait->what : "a condition");
}

void
sf_test_wait_end (SfTestWait *wait)
{
  g_source_destroy (wait->timeout);
  g_source_unref (wait->timeout);
  g_free (wait);
}

gboolean
sf_test_wait_until_or_timeout (SfTestCondition condition,
                               gconstpointer   data,
                               guint           timeout_ms)
{
  SfTestWait *wait = sf_test_wait_begin (timeout_ms, NULL);

  while (!condition (data) && sf_test_wait_step (wait))
    ;
  sf_test_wait_end (wait);

  /* Asked again: the last iteration may have brought it about. */
  return condition (data);
}

void
sf_test_wait_until (SfTestCondition  condition,
                    gconstpointer    data,
                    guint            timeout_ms,
                    const char      *what)
{
  SfTestWait *wait = sf_test_wait_begin (timeout_ms, what);

  while (!condition (data))
    sf_test_wait_iterate (wait);
  sf_test_wait_end (wait);
}

void
sf_test_wait_flag (const gboolean *flag,
                   guint           timeout_ms,
                   const char     *what)
{
  SF_TEST_WAIT_UNTIL (*flag, timeout_ms, what);
}

gpointer
sf_test_wait_pointer (gpointer   *pointer,
                      guint       timeout_ms,
                      const char *what)
{
  SF_TEST_WAIT_UNTIL (*pointer != NULL, timeout_ms, what);
  return *pointer;
}

static gboolean
never (gconstpointer data)
{
  return FALSE;
}

void
sf_test_run_for (guint ms)
{
  sf_test_wait_until_or_timeout (never, NULL, ms);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

guint
sf_test_watchdog_add (guint       timeout_ms,
                      const char *what)
{
  return g_timeout_add_full (G_PRIORITY_DEFAULT, timeout_ms, watchdog_cb, g_strdup (what), g_free);
}

/* Async results */

void
sf_test_result_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
sf_test_wait_for_result (GAsyncResult **result,
                         guint          timeout_ms,
                         const char    *what)
{
  return sf_test_wait_pointer ((gpointer *) result, timeout_ms, what);
}

/* Property notifications */

struct _SfTestNotify
{
  GObject *object;    /* weak */
  gulong   handler;
  guint    count;
};

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  SfTestNotify *notify = user_data;

  notify->count++;
}

SfTestNotify *
sf_test_notify_new (gpointer    object,
                    const char *property)
{
  SfTestNotify *notify = g_new0 (SfTestNotify, 1);
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property));
  g_set_weak_pointer (&notify->object, object);
  notify->handler = g_signal_connect (object, signal, G_CALLBACK (notify_cb), notify);

  return notify;
}

guint
sf_test_notify_get_count (SfTestNotify *notify)
{
  return notify->count;
}

void
sf_test_notify_free (SfTestNotify *notify)
{
  if (notify->object != NULL)
    g_clear_signal_handler (&notify->handler, notify->object);
  g_clear_weak_pointer (&notify->object);
  g_free (notify);
}

/* Temporary folders */

char *
sf_test_make_temp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return path;
}

void
sf_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sf_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}
