/* GNOME Shell's search provider, called over a private session bus (the test runs under
 * dbus-run-session) the way the Shell calls it: through a GDBusProxy on the application's
 * own bus name. */
#include "config.h"

#include "sf-application-private.h"
#include "sf-backend.h"
#include "sf-library-saved.h"
#include "sf-fake-server.h"
#include "sf-search-provider.h"
#include "sf-show-card.h"
#include "sf-show-list.h"
#include "sf-test-kit.h"
#include "sf-window.h"

#define WAIT_MS 10000

static SfFakeServer *server;
static SfApplication *app;
static GDBusProxy *proxy;
static char *provider_path;

static const char *catalog_json[] = {
  "{\"id\": 5, \"name\": \"The Office\", \"genres\": [\"Comedy\"], \"premiered\": \"2005-03-24\", "
  "\"ended\": \"2013-05-16\", \"status\": \"Ended\", "
  "\"network\": {\"id\": 1, \"name\": \"NBC\", \"country\": {\"name\": \"United States\", "
  "\"code\": \"US\", \"timezone\": \"America/New_York\"}}}",
  "{\"id\": 6, \"name\": \"Office Hours\", \"genres\": [\"Drama\", \"Crime\"], "
  "\"premiered\": \"2010-01-01\", \"ended\": \"2015-06-01\", \"status\": \"Ended\", "
  "\"network\": {\"id\": 2, \"name\": \"BBC One\", \"country\": {\"name\": \"United Kingdom\", "
  "\"code\": \"GB\", \"timezone\": \"Europe/London\"}}}",
  "{\"id\": 7, \"name\": \"Breaking Bad\", \"genres\": [\"Drama\"], \"premiered\": \"2008-01-20\", "
  "\"status\": \"Ended\"}",
};

static GVariant *
call (const char *method,
      GVariant   *parameters)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_proxy_call (proxy, method, parameters, G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL,
                     sf_test_result_cb, &result);
  reply = g_dbus_proxy_call_finish (proxy, sf_test_wait_for_result (&result, WAIT_MS, method),
                                    &error);
  g_assert_no_error (error);

  return reply;
}

static GStrv
result_set (const char * const *terms)
{
  g_autoptr(GVariant) reply = call ("GetInitialResultSet",
                                    g_variant_new ("(^as)", (char **) terms));
  GStrv ids = NULL;

  g_variant_get (reply, "(^as)", &ids);
  return ids;
}

static void
test_initial_result_set (void)
{
  const char *terms[] = { "office", NULL };
  g_auto(GStrv) ids = result_set (terms);

  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) ids, "5"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "6"));
}

static void
test_subsearch (void)
{
  const char *previous[] = { "5", "6", NULL };
  const char *terms[] = { "office", "hours", NULL };
  g_autoptr(GVariant) reply = call ("GetSubsearchResultSet",
                                    g_variant_new ("(^as^as)", previous, terms));
  g_auto(GStrv) ids = NULL;

  g_variant_get (reply, "(^as)", &ids);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, "6");
}

static void
test_result_metas (void)
{
  const char *terms[] = { "office", NULL };
  const char *wanted[] = { "5", "6", NULL };
  g_auto(GStrv) ids = result_set (terms);
  g_autoptr(GVariant) reply = call ("GetResultMetas", g_variant_new ("(^as)", wanted));
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);

  g_assert_cmpuint (g_variant_n_children (metas), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GVariant) meta = g_variant_get_child_value (metas, i);
      g_autoptr(GVariant) icon = g_variant_lookup_value (meta, "icon", NULL);
      g_autoptr(GIcon) gicon = NULL;
      const char *id = NULL, *name = NULL, *description = NULL;

      g_assert_true (g_variant_lookup (meta, "id", "&s", &id));
      g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
      g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
      g_assert_nonnull (icon);
      gicon = g_icon_deserialize (icon);
      g_assert_nonnull (gicon);

      if (g_str_equal (id, "5"))
        {
          g_assert_cmpstr (name, ==, "The Office");
          g_assert_cmpstr (description, ==, "2005–2013 · Comedy · NBC");
        }
      else
        {
          g_assert_cmpstr (id, ==, "6");
          g_assert_cmpstr (name, ==, "Office Hours");
          g_assert_cmpstr (description, ==, "2010–2015 · Drama, Crime · BBC One");
        }
    }
}

static void
test_no_match_and_empty_terms (void)
{
  const char *nothing[] = { "zyzzyva", NULL };
  const char *blank[] = { " ", NULL };
  g_auto(GStrv) none = result_set (nothing);
  g_auto(GStrv) empty = result_set (blank);

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
}

/* Two questions in a row: the later one is answered in full, the earlier one never with
 * anything but its own matches (or nothing, when it was superseded before it ended). */
static void
test_superseded (void)
{
  const char *first[] = { "breaking", NULL };
  const char *second[] = { "office", NULL };
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(GVariant) first_reply = NULL;
  g_autoptr(GVariant) second_reply = NULL;
  g_auto(GStrv) first_ids = NULL;
  g_auto(GStrv) second_ids = NULL;

  g_dbus_proxy_call (proxy, "GetInitialResultSet", g_variant_new ("(^as)", first),
                     G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, sf_test_result_cb, &first_result);
  g_dbus_proxy_call (proxy, "GetInitialResultSet", g_variant_new ("(^as)", second),
                     G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, sf_test_result_cb, &second_result);
  sf_test_wait_for_result (&first_result, WAIT_MS, "first");
  sf_test_wait_for_result (&second_result, WAIT_MS, "second");
  first_reply = g_dbus_proxy_call_finish (proxy, first_result, NULL);
  second_reply = g_dbus_proxy_call_finish (proxy, second_result, NULL);
  g_assert_nonnull (first_reply);
  g_assert_nonnull (second_reply);
  g_variant_get (first_reply, "(^as)", &first_ids);
  g_variant_get (second_reply, "(^as)", &second_ids);

  g_assert_true (first_ids[0] == NULL || (g_str_equal (first_ids[0], "7") && first_ids[1] == NULL));
  g_assert_cmpuint (g_strv_length (second_ids), ==, 2);
}

/* A provider without a catalog (the program before its catalog exists) answers at once, with
 * nothing. */
static void
test_no_catalog (void)
{
  g_autoptr(SfSearchProvider) provider = sf_search_provider_new (G_APPLICATION (app), NULL, NULL);
  g_autoptr(GDBusProxy) bare = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *terms[] = { "office", NULL };
  g_auto(GStrv) ids = NULL;
  gint64 start;

  g_assert_true (sf_search_provider_export (provider, g_dbus_proxy_get_connection (proxy),
                                            "/test/NoCatalog", &error));
  g_assert_no_error (error);
  bare = g_dbus_proxy_new_sync (g_dbus_proxy_get_connection (proxy),
                                G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS,
                                NULL, APPLICATION_ID, "/test/NoCatalog",
                                "org.gnome.Shell.SearchProvider2", NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  {
    g_autoptr(GAsyncResult) result = NULL;

    g_dbus_proxy_call (bare, "GetInitialResultSet", g_variant_new ("(^as)", terms),
                       G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, sf_test_result_cb, &result);
    reply = g_dbus_proxy_call_finish (bare, sf_test_wait_for_result (&result, WAIT_MS, "bare"),
                                      &error);
  }
  g_assert_no_error (error);
  g_variant_get (reply, "(^as)", &ids);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  sf_search_provider_unexport (provider);
}

static SfWindow *
find_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return SF_IS_WINDOW (window) ? SF_WINDOW (window) : NULL;
}

static gboolean
window_on_page (gconstpointer page)
{
  SfWindow *window = find_window ();
  g_autofree char *current = NULL;

  if (window == NULL)
    return FALSE;
  g_object_get (window, "page", &current, NULL);
  return g_strcmp0 (current, page) == 0;
}

static void
test_activate_result (void)
{
  const char *terms[] = { "office", NULL };
  g_autoptr(GVariant) reply = call ("ActivateResult", g_variant_new ("(s^asu)", "5", terms, 0));

  sf_test_wait_until (window_on_page, "show", WAIT_MS, "the series page");
}

static gboolean
entry_has_text (gconstpointer text)
{
  SfWindow *window = find_window ();
  GObject *entry;

  if (window == NULL)
    return FALSE;
  entry = gtk_widget_get_template_child (GTK_WIDGET (window), SF_TYPE_WINDOW, "search_entry");
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) == 0;
}

static void
test_launch_search (void)
{
  const char *terms[] = { "office", "hours", NULL };
  g_autoptr(GVariant) reply = call ("LaunchSearch", g_variant_new ("(^asu)", terms, 0));

  sf_test_wait_until (entry_has_text, "office hours", WAIT_MS, "the terms in the entry");
  sf_test_wait_until (window_on_page, "browse", WAIT_MS, "the search view");
}

/* A stand-in for the desktop's notification service (org.gtk.Notifications), on its own
 * connection: what the application sends, as the Shell would receive it. */
static GPtrArray *notifications;   /* GVariant a{sv}, the notification */

static void
notifications_method_call (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *object_path,
                           const char            *interface_name,
                           const char            *method_name,
                           GVariant              *parameters,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      GVariant *notification = g_variant_get_child_value (parameters, 2);
      g_autofree char *text = g_variant_print (notification, FALSE);

      g_ptr_array_add (notifications, notification);
      g_test_message ("Notification: %s", text);
      /* For the lead's screenshot: the notification as the app sends it. */
      if (g_getenv ("SF_PRINT_NOTIFICATIONS") != NULL)
        g_printerr ("NOTIFICATION %s\n", text);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const char notifications_xml[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/>"
  "<arg type='s' direction='in'/></method>"
  "</interface></node>";

static GDBusConnection *
start_notification_service (void)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;
  g_autoptr(GVariant) reply = NULL;
  static const GDBusInterfaceVTable vtable = { notifications_method_call, NULL, NULL, { 0 } };

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  return connection;
}

static gboolean
library_open (gconstpointer data)
{
  return sf_library_is_open (sf_application_get_library (app));
}

static gboolean
n_notifications_at_least (gconstpointer n)
{
  return notifications->len >= GPOINTER_TO_UINT (n);
}

static GPtrArray *
list_saved (void)
{
  SfLibrary *library = sf_application_get_library (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *searches;

  sf_library_list_searches_async (library, NULL, sf_test_result_cb, &result);
  searches = sf_library_list_searches_finish (library,
                                              sf_test_wait_for_result (&result, WAIT_MS, "list"),
                                              &error);
  g_assert_no_error (error);
  return searches;
}

static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  if (SF_IS_SHOW_CARD (widget))
    g_ptr_array_add (cards, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

/* (nullable): the card of the series @id in the window's results */
static SfShowCard *
find_card (gint64 id)
{
  SfWindow *window = find_window ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  if (window == NULL)
    return NULL;
  collect_cards (GTK_WIDGET (window), cards);
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(SfShow) show = NULL;

      g_object_get (cards->pdata[i], "show", &show, NULL);
      if (show != NULL && sf_show_get_id (show) == id)
        return cards->pdata[i];
    }
  return NULL;
}

static gboolean
card_shown (gconstpointer id)
{
  return find_card (GPOINTER_TO_INT (id)) != NULL;
}

static gboolean
card_is_new (gconstpointer id)
{
  SfShowCard *card = find_card (GPOINTER_TO_INT (id));

  return card != NULL && sf_show_card_get_new (card);
}

/* A saved search whose catalog gained a match: one notification, "1 new series match ...",
 * said once; activating it opens the search, and the new series is seen. */
static void
test_saved_search_notification (void)
{
  SfLibrary *library = sf_application_get_library (app);
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) searches = NULL;
  GVariant *notification;
  const char *title = NULL, *body = NULL, *action = NULL;
  g_autoptr(GVariant) target = NULL;
  gint64 five = 5;

  sf_test_wait_until (library_open, NULL, WAIT_MS, "the watchlist");

  /* Saved when only "The Office" matched (a criterion: the window asks the catalog) */
  sf_criteria_set_text (criteria, "office");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Ended");
  g_array_append_val (seen, five);
  sf_library_save_search_async (library, "Office shows", criteria, seen, NULL,
                                sf_test_result_cb, &result);
  sf_library_save_search_finish (library, sf_test_wait_for_result (&result, WAIT_MS, "save"),
                                 &error);
  g_assert_no_error (error);

  sf_application_check_saved_searches (app);
  sf_test_wait_until (n_notifications_at_least, GUINT_TO_POINTER (1), WAIT_MS, "a notification");
  notification = g_ptr_array_index (notifications, 0);
  g_assert_true (g_variant_lookup (notification, "title", "&s", &title));
  g_assert_true (g_variant_lookup (notification, "body", "&s", &body));
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  target = g_variant_lookup_value (notification, "default-action-target", G_VARIANT_TYPE_STRING);
  /* As GNotification sent it over D-Bus (docs/screenshots/issue-13 renders this line). */
  g_test_message ("notification sent: title [%s], body [%s], default action %s", title, body,
                  action);
  g_assert_cmpstr (title, ==, "1 new series matches Office shows");
  g_assert_cmpstr (body, ==, "Office Hours");
  g_assert_cmpstr (action, ==, "app.open-saved-search");
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "Office shows");

  /* Said once: the next check has nothing new to announce */
  sf_application_check_saved_searches (app);
  sf_test_run_for (500);
  g_assert_cmpuint (notifications->len, ==, 1);

  /* Activating it opens the search, and what was new is seen */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-saved-search",
                                  g_variant_new_string ("Office shows"));
  sf_test_wait_until (entry_has_text, "office", WAIT_MS, "the saved search's title");
  /* ... with the new series marked on its card, and only that one */
  sf_test_wait_until (card_is_new, GINT_TO_POINTER (6), WAIT_MS, "Office Hours marked New");
  sf_test_wait_until (card_shown, GINT_TO_POINTER (5), WAIT_MS, "The Office's card");
  g_assert_false (card_is_new (GINT_TO_POINTER (5)));
  sf_test_run_for (300);
  searches = list_saved ();
  g_assert_cmpuint (searches->len, ==, 1);
  g_assert_true (sf_saved_search_knows (g_ptr_array_index (searches, 0), 6, FALSE));
}

static void
fill_catalog (void)
{
  g_autoptr(SfCatalog) catalog = sf_catalog_new (NULL, SF_CATALOG_FLAGS_NONE);
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) json = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (catalog_json); i++)
    {
      g_ptr_array_add (shows, sf_show_parse (catalog_json[i], -1, &error));
      g_assert_no_error (error);
      g_ptr_array_add (json, g_strdup (catalog_json[i]));
    }

  sf_catalog_open_async (catalog, NULL, sf_test_result_cb, &result);
  sf_catalog_open_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "open"), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  sf_catalog_store_shows_async (catalog, shows, json, NULL, sf_test_result_cb, &result);
  sf_catalog_store_shows_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "store"),
                                 &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  sf_catalog_close_async (catalog, NULL, sf_test_result_cb, &result);
  sf_catalog_close_finish (catalog, sf_test_wait_for_result (&result, WAIT_MS, "close"), &error);
  g_assert_no_error (error);
}

static gboolean
catalog_open (gconstpointer data)
{
  return sf_catalog_is_open (sf_backend_get_catalog (sf_application_get_backend (app)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_path = NULL;
  g_autoptr(GDBusConnection) notification_service = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  server = sf_fake_server_new (200, 42);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);
  g_setenv ("SERIES_FINDER_API_URL", sf_fake_server_get_url (server), TRUE);

  fill_catalog ();
  notification_service = start_notification_service ();

  /* The program as the Shell starts it: the primary instance on its own name. */
  app = sf_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  sf_test_wait_until (catalog_open, NULL, WAIT_MS, "the catalog");

  app_path = g_strconcat ("/", APPLICATION_ID, NULL);
  g_strdelimit (app_path, ".", '/');
  provider_path = g_strconcat (app_path, "/SearchProvider", NULL);
  g_assert_cmpstr (provider_path, ==, g_strcmp0 (PROFILE, "development") == 0
                   ? "/io/github/seriesfinder/SeriesFinder/Devel/SearchProvider"
                   : "/io/github/seriesfinder/SeriesFinder/SearchProvider");

  proxy = g_dbus_proxy_new_for_bus_sync (G_BUS_TYPE_SESSION,
                                         G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                         G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS |
                                         G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                         NULL, APPLICATION_ID, provider_path,
                                         "org.gnome.Shell.SearchProvider2", NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/series-finder/search-provider/initial-result-set", test_initial_result_set);
  g_test_add_func ("/series-finder/search-provider/subsearch", test_subsearch);
  g_test_add_func ("/series-finder/search-provider/result-metas", test_result_metas);
  g_test_add_func ("/series-finder/search-provider/no-match", test_no_match_and_empty_terms);
  g_test_add_func ("/series-finder/search-provider/superseded", test_superseded);
  g_test_add_func ("/series-finder/search-provider/no-catalog", test_no_catalog);
  g_test_add_func ("/series-finder/search-provider/activate-result", test_activate_result);
  g_test_add_func ("/series-finder/search-provider/launch-search", test_launch_search);
  g_test_add_func ("/series-finder/search-provider/saved-search-notification",
                   test_saved_search_notification);

  status = g_test_run ();

  g_clear_object (&proxy);
  {
    g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

    for (GList *l = windows; l != NULL; l = l->next)
      gtk_window_destroy (GTK_WINDOW (l->data));
  }
  sf_test_run_for (100);
  g_clear_object (&app);
  g_clear_object (&server);
  g_free (provider_path);
  g_clear_pointer (&notifications, g_ptr_array_unref);

  return status;
}
