/* test-preferences.c: the Preferences window: settings bindings, the server address, the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sf-application.h"
#include "sf-backend-cache.h"
#include "sf-fake-server.h"
#include "sf-preferences-window.h"
#include "sf-scroll-guard.h"
#include "sf-test-kit.h"

#define WAIT_MS 10000

static GSettings    *settings;
static SfBackend    *backend;
static SfFakeServer *server;

/* ------------------------------------------------------------------------------------------
 * Helpers
 */

/* The window as the person sees it: its template children and its properties. */
static gpointer
prefs_child (SfPreferencesWindow *window,
             const char          *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), SF_TYPE_PREFERENCES_WINDOW, name);
}

static gboolean
prefs_busy (SfPreferencesWindow *window)
{
  gboolean busy = FALSE;

  g_object_get (window, "busy", &busy, NULL);
  return busy;
}

static gint64
prefs_cache_bytes (SfPreferencesWindow *window)
{
  gint64 bytes = 0;

  g_object_get (window, "cache-bytes", &bytes, NULL);
  return bytes;
}

/* Runs the main loop until the window has measured or cleared; fails after WAIT_MS. */
static void
wait_idle (SfPreferencesWindow *window,
           const char          *what)
{
  SF_TEST_WAIT_UNTIL (!prefs_busy (window), WAIT_MS, what);
}

static SfPreferencesWindow *
open_window (void)
{
  GtkWidget *window = sf_preferences_window_new (settings, backend);

  /* Our own reference, so the test can check that closing the window frees it. */
  g_object_ref (window);
  sf_compat_dialog_present (window, NULL);
  wait_idle (SF_PREFERENCES_WINDOW (window), "the first measure");

  return SF_PREFERENCES_WINDOW (window);
}

static void
close_window (SfPreferencesWindow *window)
{
  sf_compat_dialog_close (GTK_WIDGET (window));
  sf_test_run_for (50);
  g_assert_finalize_object (window);
}

static void
write_file (const char *path,
            gsize       size)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = g_malloc0 (size);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, (gssize) size, &error);
  g_assert_no_error (error);
}

static SoupCache *
get_soup_cache (void)
{
  SoupSession *session = sf_tvmaze_client_get_session (sf_backend_get_client (backend));

  return SOUP_CACHE (soup_session_get_feature (session, SOUP_TYPE_CACHE));
}

/* ------------------------------------------------------------------------------------------
 * Tests
 */

static void
test_switches (void)
{
  SfPreferencesWindow *window = open_window ();
  GtkSwitch *notifications = GTK_SWITCH (prefs_child (window, "notifications_switch"));
  GtkSwitch *catalog = GTK_SWITCH (prefs_child (window, "catalog_refresh_switch"));

  g_assert_true (g_settings_get_boolean (settings, "notifications"));
  g_assert_true (gtk_switch_get_active (notifications));
  gtk_switch_set_active (notifications, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notifications"));

  g_assert_true (gtk_switch_get_active (catalog));
  gtk_switch_set_active (catalog, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "catalog-auto-refresh"));

  /* And the other way: the window follows the settings. */
  g_settings_set_boolean (settings, "notifications", TRUE);
  g_assert_true (gtk_switch_get_active (notifications));

  g_settings_reset (settings, "notifications");
  g_settings_reset (settings, "catalog-auto-refresh");
  close_window (window);
}

static void
test_cache_size (void)
{
  SfPreferencesWindow *window = open_window ();
  GtkSpinButton *spin = GTK_SPIN_BUTTON (prefs_child (window, "cache_size_spin"));
  SoupCache *cache = get_soup_cache ();

  g_assert_cmpint (g_settings_get_int (settings, "cache-size-mb"), ==, 256);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 256);
  g_assert_cmpuint (soup_cache_get_max_size (cache), ==, 256u * 1024 * 1024);

  gtk_spin_button_set_value (spin, 512);
  g_assert_cmpint (g_settings_get_int (settings, "cache-size-mb"), ==, 512);
  /* The session's cache follows at once. */
  g_assert_cmpuint (soup_cache_get_max_size (cache), ==, 512u * 1024 * 1024);

  /* The range holds on both sides; 4096 MB is more than SoupCache can count. */
  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpint (g_settings_get_int (settings, "cache-size-mb"), ==, SF_CACHE_SIZE_MIN_MB);
  gtk_spin_button_set_value (spin, 100000);
  g_assert_cmpint (g_settings_get_int (settings, "cache-size-mb"), ==, SF_CACHE_SIZE_MAX_MB);
  g_assert_cmpuint (soup_cache_get_max_size (cache), ==, G_MAXUINT);

  g_settings_set_int (settings, "cache-size-mb", 1024);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1024);

  g_settings_reset (settings, "cache-size-mb");

  /* The wheel that scrolls the page passes over the limit without changing it. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));
    GtkEventController *guard = NULL;
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && guard == NULL; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (g_strcmp0 (gtk_event_controller_get_name (controller), SF_SCROLL_GUARD_NAME) == 0)
          guard = controller;
      }
    g_assert_nonnull (guard);
    g_signal_emit_by_name (guard, "scroll", 0.0, 1.0, &handled);
    g_assert_true (handled);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 256);
  }

  close_window (window);
}

static void
apply_url (SfPreferencesWindow *window,
           const char          *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (prefs_child (window, "api_url_row"));

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
assert_api_url (const char *expected)
{
  g_autofree char *url = g_settings_get_string (settings, "api-url");

  g_assert_cmpstr (url, ==, expected);
}

static void
test_api_url (void)
{
  static const char * const invalid[] = {
    "ftp://example.org",
    "not a url",
    "https://",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://example.org/?q=1",
    "<b>http://example.org</b>",
  };
  SfPreferencesWindow *window = open_window ();
  AdwEntryRow *row = ADW_ENTRY_ROW (prefs_child (window, "api_url_row"));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, SF_DEFAULT_API_URL);
  g_assert_false (gtk_widget_has_css_class (prefs_child (window, "api_url_row"), "error"));

  /* Refused: marked, and the setting keeps its value. */
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      apply_url (window, invalid[i]);
      g_assert_true (gtk_widget_has_css_class (prefs_child (window, "api_url_row"), "error"));
      assert_api_url (SF_DEFAULT_API_URL);
    }

  /* Typing again clears the mark. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://127.0.0.1:8080");
  g_assert_false (gtk_widget_has_css_class (prefs_child (window, "api_url_row"), "error"));

  /* Accepted: stored without the trailing slash. */
  apply_url (window, "  http://127.0.0.1:8080/tvmaze/  ");
  g_assert_false (gtk_widget_has_css_class (prefs_child (window, "api_url_row"), "error"));
  assert_api_url ("http://127.0.0.1:8080/tvmaze");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "http://127.0.0.1:8080/tvmaze");

  /* Enter without a change also checks. */
  gtk_editable_set_text (GTK_EDITABLE (row), "gopher://x");
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_true (gtk_widget_has_css_class (prefs_child (window, "api_url_row"), "error"));
  assert_api_url ("http://127.0.0.1:8080/tvmaze");

  /* Empty means TVmaze's address, like the reset button. */
  apply_url (window, "");
  assert_api_url (SF_DEFAULT_API_URL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, SF_DEFAULT_API_URL);

  apply_url (window, "https://tvmaze.example.net");
  assert_api_url ("https://tvmaze.example.net");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.reset-api-url", NULL));
  assert_api_url (SF_DEFAULT_API_URL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, SF_DEFAULT_API_URL);

  close_window (window);
}

static void
test_clear_cache (void)
{
  g_autofree char *http_dir = sf_backend_dup_http_cache_dir ();
  g_autofree char *cache_dir = sf_backend_dup_cache_dir ();
  g_autofree char *entry = g_build_filename (http_dir, "1234567", NULL);
  g_autofree char *nested = g_build_filename (http_dir, "sub", "dir", "7654321", NULL);
  g_autofree char *index = g_build_filename (http_dir, "soup.cache2", NULL);
  g_autofree char *link = g_build_filename (http_dir, "link", NULL);
  g_autofree char *dir_link = g_build_filename (http_dir, "dir-link", NULL);
  g_autofree char *catalog = g_build_filename (cache_dir, "catalog.db", NULL);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "series-finder", NULL);
  g_autofree char *library = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *contents = NULL;
  SfPreferencesWindow *window;
  gsize length = 0;

  /* Only with private XDG folders (test-wrapper.sh sets them): nothing real is at risk. */
  if (g_getenv ("XDG_CACHE_HOME") == NULL || g_getenv ("XDG_DATA_HOME") == NULL)
    {
      g_test_skip ("needs private XDG_CACHE_HOME and XDG_DATA_HOME");
      return;
    }

  write_file (entry, 100 * 1000);
  write_file (nested, 20 * 1000);
  write_file (index, 3 * 1000);
  write_file (catalog, 5000);
  write_file (library, 1);
  g_assert_true (g_file_set_contents (library, "the watchlist", -1, NULL));
  /* Links into the watchlist: deleted as links, never followed. */
  g_assert_cmpint (symlink (library, link), ==, 0);
  g_assert_cmpint (symlink (data_dir, dir_link), ==, 0);

  window = open_window ();
  g_assert_cmpint (prefs_cache_bytes (window), >=, 123 * 1000);
  g_assert_cmpint (prefs_cache_bytes (window), <, 124 * 1000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.clear-cache", NULL));
  g_assert_true (prefs_busy (window));
  wait_idle (window, "the cache to be cleared");

  /* Every file under http/ is gone; the folder stays for the cache to use. */
  g_assert_false (g_file_test (entry, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (nested, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (g_file_test (dir_link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (http_dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (prefs_cache_bytes (window), ==, 0);

  /* Nothing else: the catalog next to it, and above all the watchlist. */
  g_assert_true (g_file_test (catalog, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (library, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "the watchlist");

  close_window (window);
}

typedef struct
{
  guint  pending;
  guint  failed;
} Fetches;

static void
image_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetches *fetches = user_data;
  g_autoptr(GBytes) bytes = sf_tvmaze_client_get_image_finish (SF_TVMAZE_CLIENT (source), result,
                                                               NULL);

  fetches->pending--;
  if (bytes == NULL)
    fetches->failed++;
}

/* Fetches posters 1..@n through the backend's session (and so its HTTP cache). */
static void
fetch_images (guint n)
{
  SfTvmazeClient *client = sf_backend_get_client (backend);
  Fetches fetches = { 0, };

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/images/medium/%u.png",
                                              sf_fake_server_get_url (server), i);

      fetches.pending++;
      sf_tvmaze_client_get_image_async (client, url, 1024 * 1024, NULL, image_cb, &fetches);
    }

  SF_TEST_WAIT_UNTIL (fetches.pending == 0, WAIT_MS, "fetching images");
  g_assert_cmpuint (fetches.failed, ==, 0);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;

  return n;
}

static void
test_clear_soup_cache (void)
{
  g_autofree char *http_dir = sf_backend_dup_http_cache_dir ();
  SfPreferencesWindow *window;
  guint before;

  if (g_getenv ("XDG_CACHE_HOME") == NULL)
    {
      g_test_skip ("needs a private XDG_CACHE_HOME");
      return;
    }

  /* Real entries, written by SoupCache itself (in the background, once each body is read;
   * soup_cache_flush() waits for those writes, 10 s at most). */
  fetch_images (5);
  soup_cache_flush (get_soup_cache ());
  g_assert_cmpuint (count_files (http_dir), >=, 5);

  /* Served from the cache now: no new request. */
  before = sf_fake_server_get_request_count (server, "/images");
  fetch_images (5);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/images"), ==, before);

  window = open_window ();
  g_assert_cmpint (prefs_cache_bytes (window), >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.clear-cache", NULL));
  wait_idle (window, "the cache to be cleared");
  g_assert_cmpint (prefs_cache_bytes (window), ==, 0);
  g_assert_cmpuint (count_files (http_dir), ==, 0);
  close_window (window);

  /* The cache forgot its entries too: the posters come from the server again, fine. */
  fetch_images (5);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/images"), ==, before + 5);
}

static void
test_clear_empty_cache (void)
{
  SfPreferencesWindow *window = open_window ();
  GtkWidget *clear = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                SF_TYPE_PREFERENCES_WINDOW,
                                                                "clear_button"));

  wait_idle (window, "the measurement");
  if (prefs_cache_bytes (window) != 0)
    {
      g_assert_true (gtk_widget_is_sensitive (clear));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.clear-cache", NULL));
      wait_idle (window, "the clear");
    }

  /* An empty cache: nothing to clear, and the button says so by being unavailable. */
  g_assert_cmpint (prefs_cache_bytes (window), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (clear));
  /* Asked anyway (a stale shortcut): nothing happens, nothing breaks. */
  gtk_widget_activate_action (GTK_WIDGET (window), "prefs.clear-cache", NULL);
  wait_idle (window, "nothing");
  g_assert_cmpint (prefs_cache_bytes (window), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (clear));

  close_window (window);
}

static void
test_close_while_measuring (void)
{
  g_autofree char *http_dir = sf_backend_dup_http_cache_dir ();
  GtkWidget *window;

  if (g_getenv ("XDG_CACHE_HOME") == NULL)
    {
      g_test_skip ("needs a private XDG_CACHE_HOME");
      return;
    }

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", 1000 + i);
      g_autofree char *path = g_build_filename (http_dir, name, NULL);

      write_file (path, 10);
    }

  /* Closed at once: the measure is cancelled and its answer finds nothing to touch. */
  window = sf_preferences_window_new (settings, backend);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  sf_compat_dialog_present (window, NULL);
  sf_compat_dialog_close (window);

  sf_test_run_for (500);
  g_assert_null (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sf_ui_register_resources ();

  server = sf_fake_server_new (50, 3);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);

  settings = g_settings_new (BASE_APPLICATION_ID);
  backend = sf_backend_new (settings);
  sf_backend_bind_cache_size (backend, settings);

  g_test_add_func ("/series-finder/preferences/switches", test_switches);
  g_test_add_func ("/series-finder/preferences/cache-size", test_cache_size);
  g_test_add_func ("/series-finder/preferences/api-url", test_api_url);
  g_test_add_func ("/series-finder/preferences/clear-cache", test_clear_cache);
  g_test_add_func ("/series-finder/preferences/clear-soup-cache", test_clear_soup_cache);
  g_test_add_func ("/series-finder/preferences/clear-empty-cache", test_clear_empty_cache);
  g_test_add_func ("/series-finder/preferences/close-while-measuring",
                   test_close_while_measuring);

  status = g_test_run ();

  g_assert_finalize_object (backend);
  g_assert_finalize_object (settings);
  sf_fake_server_stop (server);
  g_clear_object (&server);

  return status;
}
