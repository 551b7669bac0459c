/* test-watchlist-page.c: the Watchlist page over a real watchlist file, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sf-application.h"
#include "sf-fake-server.h"
#include "sf-test-kit.h"
#include "sf-watchlist-page.h"

#define WAIT_MS 10000

static SfFakeServer   *server;
static SoupSession    *session;
static SfTvmazeClient *client;
static SfImageLoader  *loader;

typedef struct
{
  char            *dir;       /* owned: a private temporary folder */
  char            *path;      /* owned: DIR/library.db */
  SfLibrary       *library;   /* owned */
  GtkWindow       *window;    /* owned (our reference) */
  SfWatchlistPage *page;      /* owned (our reference) */
} Fixture;

typedef gboolean (*Predicate) (Fixture *fixture, gconstpointer data);

/* ------------------------------------------------------------------------------------------
 * Waiting, always bounded
 */

/* The page as the person sees it, read from its template children. */
static gpointer
page_child (SfWatchlistPage *page,
            const char      *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), SF_TYPE_WATCHLIST_PAGE, name);
}

/* "loading" (before the first answer), "empty", "list" or "error" */
static const char *
page_state (SfWatchlistPage *page)
{
  return gtk_stack_get_visible_child_name (page_child (page, "stack"));
}

static guint
page_n_rows (SfWatchlistPage *page,
             SfFollowedGroup  group)
{
  static const char * const models[] = { "upcoming_model", "nothing_model", "ended_model" };

  return g_list_model_get_n_items (page_child (page, models[group]));
}

static GtkListBoxRow *
page_row (SfWatchlistPage *page,
          SfFollowedGroup  group,
          guint            index)
{
  static const char * const lists[] = { "upcoming_list", "nothing_list", "ended_list" };

  return gtk_list_box_get_row_at_index (page_child (page, lists[group]), (int) index);
}

static void
wait_until (Fixture       *fixture,
            Predicate      predicate,
            gconstpointer  data,
            const char    *what)
{
  g_autoptr(SfTestWait) wait = sf_test_wait_begin (WAIT_MS, what);

  while (!predicate (fixture, data))
    {
      if (!sf_test_wait_step (wait))
        g_error ("Timed out waiting for %s (state %s)", what,
                 fixture->page != NULL ? page_state (fixture->page) : "none");
    }
}

static gboolean
has_result (Fixture       *fixture,
            gconstpointer  data)
{
  return *(GAsyncResult * const *) data != NULL;
}

static gboolean
state_is (Fixture       *fixture,
          gconstpointer  state)
{
  return g_strcmp0 (page_state (fixture->page), state) == 0;
}

static guint
count_rows (Fixture *fixture)
{
  guint n = 0;

  for (SfFollowedGroup group = SF_FOLLOWED_UPCOMING; group <= SF_FOLLOWED_ENDED; group++)
    n += page_n_rows (fixture->page, group);

  return n;
}

static gboolean
n_rows_is (Fixture       *fixture,
           gconstpointer  n)
{
  return count_rows (fixture) == GPOINTER_TO_UINT (n);
}

/* ------------------------------------------------------------------------------------------
 * The watchlist
 */

static void
open_library (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->library = sf_library_new (fixture->path);
  sf_library_open_async (fixture->library, NULL, sf_test_result_cb, &result);
  wait_until (fixture, has_result, &result, "the watchlist to open");
  g_assert_true (sf_library_open_finish (fixture->library, result, &error));
  g_assert_no_error (error);
}

static void
close_library (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_library_close_async (fixture->library, NULL, sf_test_result_cb, &result);
  wait_until (fixture, has_result, &result, "the watchlist to close");
  g_assert_true (sf_library_close_finish (fixture->library, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&fixture->library));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sf_test_make_temp_dir ("test-watchlist-page-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      sf_test_run_for (50);
      g_assert_finalize_object (g_steal_pointer (&fixture->window));
      g_assert_finalize_object (g_steal_pointer (&fixture->page));
    }
  if (fixture->library != NULL)
    close_library (fixture);

  sf_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* No "next episode" in the show's JSON. */
#define NO_NEXT G_MININT

/* TVmaze JSON for a show; unless @days_ahead is NO_NEXT, it embeds a next episode airing
 * that many days from now (before now when negative: the snapshot is old) at 21:00 UTC,
 * named @episode_name. */
static char *
dup_show_json (gint64      id,
               const char *name,
               const char *status,
               int         days_ahead,
               const char *episode_name)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *image = g_strdup_printf ("%s/images/medium/%" G_GINT64_FORMAT ".png",
                                            sf_fake_server_get_url (server), id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_set_member_name (b, "premiered");
  json_builder_add_string_value (b, "2015-03-01");
  json_builder_set_member_name (b, "image");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "medium");
  json_builder_add_string_value (b, image);
  json_builder_end_object (b);

  if (days_ahead != NO_NEXT)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_days (now, days_ahead);
      g_autoptr(GDateTime) airs = g_date_time_new_utc (g_date_time_get_year (later),
                                                       g_date_time_get_month (later),
                                                       g_date_time_get_day_of_month (later),
                                                       21, 0, 0);
      g_autofree char *airdate = g_date_time_format (airs, "%Y-%m-%d");
      g_autofree char *airstamp = g_date_time_format (airs, "%Y-%m-%dT%H:%M:%S+00:00");
      g_autofree char *href = g_strdup_printf ("https://api.tvmaze.com/episodes/%" G_GINT64_FORMAT,
                                               id * 100);

      json_builder_set_member_name (b, "_links");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "nextepisode");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "href");
      json_builder_add_string_value (b, href);
      json_builder_end_object (b);
      json_builder_end_object (b);

      json_builder_set_member_name (b, "_embedded");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "nextepisode");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id * 100);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, episode_name);
      json_builder_set_member_name (b, "season");
      json_builder_add_int_value (b, 3);
      json_builder_set_member_name (b, "number");
      json_builder_add_int_value (b, 4);
      json_builder_set_member_name (b, "airdate");
      json_builder_add_string_value (b, airdate);
      json_builder_set_member_name (b, "airtime");
      json_builder_add_string_value (b, "21:00");
      json_builder_set_member_name (b, "airstamp");
      json_builder_add_string_value (b, airstamp);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
follow (Fixture    *fixture,
        gint64      id,
        const char *name,
        const char *status,
        int         days_ahead,
        const char *episode_name)
{
  g_autofree char *json = dup_show_json (id, name, status, days_ahead, episode_name);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(SfShow) show = sf_show_new_from_json (node, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (show);
  sf_library_follow_async (fixture->library, show, json, NULL, sf_test_result_cb, &result);
  wait_until (fixture, has_result, &result, "a follow");
  g_assert_true (sf_library_follow_finish (fixture->library, result, &error));
  g_assert_no_error (error);
}

static void
open_page (Fixture *fixture)
{
  GtkWidget *page = sf_watchlist_page_new (fixture->library, loader);

  /* Our own references, so the test can check that closing the window frees both. */
  fixture->page = g_object_ref (SF_WATCHLIST_PAGE (page));
  fixture->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 600, 800);
  gtk_window_set_child (fixture->window, page);
  gtk_window_present (fixture->window);
}

/* ------------------------------------------------------------------------------------------
 * Looking into rows
 */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static const char *
row_title (Fixture         *fixture,
           SfFollowedGroup  group,
           guint            index)
{
  GtkListBoxRow *row = page_row (fixture->page, group, index);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* The label of the row showing @text, checked to show it as plain text */
static GtkLabel *
find_label (GtkWidget  *row,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (row, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      if (g_strcmp0 (gtk_label_get_text (label), text) == 0)
        return label;
    }

  return NULL;
}

static GtkButton *
find_unfollow_button (GtkListBoxRow *row)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (row), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *tooltip = gtk_widget_get_tooltip_text (buttons->pdata[i]);

      if (tooltip != NULL && g_str_has_prefix (tooltip, "Unfollow "))
        return buttons->pdata[i];
    }

  return NULL;
}

static gboolean
some_row_has_poster (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->page), GTK_TYPE_PICTURE, pictures);
  for (guint i = 0; i < pictures->len; i++)
    if (gtk_picture_get_paintable (pictures->pdata[i]) != NULL &&
        gtk_widget_get_visible (pictures->pdata[i]))
      return TRUE;

  return FALSE;
}

/* ------------------------------------------------------------------------------------------
 * Tests
 */

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  open_library (fixture);
  open_page (fixture);

  wait_until (fixture, state_is, "empty", "the empty state");
  g_assert_false (gtk_widget_get_visible (page_child (fixture->page, "spinner")));
  g_assert_false (gtk_revealer_get_reveal_child (page_child (fixture->page, "note_revealer")));
  g_assert_cmpuint (count_rows (fixture), ==, 0);
}

/* The empty page leads to the search: its button is the window's "win.show-view" 'search'
 * (the window test presses it). */
static void
test_empty_button (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *button;
  GVariant *target;

  open_library (fixture);
  open_page (fixture);
  wait_until (fixture, state_is, "empty", "the empty state");

  button = page_child (fixture->page, "find_button");
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.show-view");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "search");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Find a Series");
}

/* Sorted by next episode (soonest first), by name, or the latest followed first; filtered by
 * a part of the name, whatever its case, with a line when nothing is left. */
static void
test_sort_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  open_library (fixture);
  follow (fixture, 11, "Late", "Running", 20, "Far");
  follow (fixture, 13, "Soon", "Running", 1, "Close");
  follow (fixture, 14, "Beta", "Ended", NO_NEXT, NULL);
  /* A second later: the most recently added */
  sf_test_run_for (1100);
  follow (fixture, 16, "Middle", "Running", 5, "Between");
  follow (fixture, 12, "alpha", "Ended", NO_NEXT, NULL);
  open_page (fixture);
  wait_until (fixture, state_is, "list", "the list");
  g_assert_true (gtk_widget_get_visible (page_child (fixture->page, "tools_box")));

  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 0), ==, "Soon");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 1), ==, "Middle");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 2), ==, "Late");

  /* The sort menu's action */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "watchlist.sort", "s", "name");
  sf_test_run_for (50);
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 0), ==, "Late");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 1), ==, "Middle");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 2), ==, "Soon");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_ENDED, 0), ==, "alpha");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "watchlist.sort", "s", "added");
  sf_test_run_for (50);
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 0), ==, "Middle");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 1), ==, "Late");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 2), ==, "Soon");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_ENDED, 0), ==, "alpha");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_ENDED, 1), ==, "Beta");

  /* Filtered: "L" is in Late, Middle and alpha, whatever the case */
  gtk_editable_set_text (page_child (fixture->page, "filter_entry"), "l");
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (3), "the filtered list");
  g_assert_cmpuint (page_n_rows (fixture->page, SF_FOLLOWED_UPCOMING), ==, 2);
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_ENDED, 0), ==, "alpha");
  g_assert_false (gtk_widget_get_visible (page_child (fixture->page, "no_match_label")));
  g_assert_true (gtk_widget_get_visible (page_child (fixture->page, "upcoming_section")));

  gtk_editable_set_text (page_child (fixture->page, "filter_entry"), "BETA");
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (1), "one series left");
  g_assert_false (gtk_widget_get_visible (page_child (fixture->page, "upcoming_section")));

  gtk_editable_set_text (page_child (fixture->page, "filter_entry"), "nothing like it");
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (0), "no series left");
  g_assert_true (gtk_widget_get_visible (page_child (fixture->page, "no_match_label")));
  /* Still the list, not the empty page: the person only filtered */
  g_assert_cmpstr (page_state (fixture->page), ==, "list");

  gtk_editable_set_text (page_child (fixture->page, "filter_entry"), "");
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (5), "every series again");
  g_assert_false (gtk_widget_get_visible (page_child (fixture->page, "no_match_label")));
}

static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  GtkListBoxRow *row;

  open_library (fixture);
  follow (fixture, 10, "Zebra", "Running", NO_NEXT, NULL);
  follow (fixture, 11, "Late", "Running", 20, "Far");
  follow (fixture, 12, "alpha", "Ended", NO_NEXT, NULL);
  follow (fixture, 13, "Soon", "Running", 1, "Close");
  follow (fixture, 14, "Beta", "Ended", NO_NEXT, NULL);
  follow (fixture, 15, "Apple", "To Be Determined", NO_NEXT, NULL);
  follow (fixture, 16, "Middle", "Running", 5, "Between");
  /* "Next" episodes that have aired since the last refresh are the latest ones. */
  follow (fixture, 17, "Aired Since", "Running", -3, "Gone");
  follow (fixture, 18, "Finale Aired", "Ended", -2, "Last");
  open_page (fixture);

  wait_until (fixture, state_is, "list", "the list");
  g_assert_false (gtk_widget_get_visible (page_child (fixture->page, "spinner")));

  g_assert_cmpuint (page_n_rows (fixture->page, SF_FOLLOWED_UPCOMING), ==, 3);
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 0), ==, "Soon");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 1), ==, "Middle");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_UPCOMING, 2), ==, "Late");

  g_assert_cmpuint (page_n_rows (fixture->page, SF_FOLLOWED_NOTHING_ANNOUNCED),
                    ==, 3);
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_NOTHING_ANNOUNCED, 0), ==, "Aired Since");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_NOTHING_ANNOUNCED, 1), ==, "Apple");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_NOTHING_ANNOUNCED, 2), ==, "Zebra");
  row = page_row (fixture->page, SF_FOLLOWED_NOTHING_ANNOUNCED, 0);
  {
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    g_assert_true (g_str_has_prefix (subtitle, "Latest: S03E04 “Gone”, "));
    /* 2 or 3 calendar days, depending on the local zone and the hour */
    g_assert_true (g_str_has_suffix (subtitle, " days ago"));
  }

  g_assert_cmpuint (page_n_rows (fixture->page, SF_FOLLOWED_ENDED), ==, 3);
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_ENDED, 0), ==, "alpha");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_ENDED, 1), ==, "Beta");
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_ENDED, 2), ==, "Finale Aired");

  /* The next episode, relative to today: "S03E04 “Between”, <day> <time>, in 5 days". */
  row = page_row (fixture->page, SF_FOLLOWED_UPCOMING, 1);
  {
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    g_assert_true (g_str_has_prefix (subtitle, "S03E04 “Between”, "));
    g_assert_nonnull (strstr (subtitle, " days"));
  }

  /* Every row has its poster slot; the posters come from the fake TVmaze. */
  wait_until (fixture, some_row_has_poster, NULL, "a poster");

  /* Empty sections are hidden: unfollow every ended show. */
  for (guint i = 0; i < 3; i++)
    {
      static const gint64 ended[] = { 12, 14, 18 };
      g_autoptr(GAsyncResult) result = NULL;

      sf_library_unfollow_async (fixture->library, ended[i], NULL, sf_test_result_cb, &result);
      wait_until (fixture, has_result, &result, "an unfollow");
      g_assert_true (sf_library_unfollow_finish (fixture->library, result, NULL));
    }
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (6), "the ended shows to go");
  g_assert_cmpuint (page_n_rows (fixture->page, SF_FOLLOWED_ENDED), ==, 0);
  g_assert_cmpstr (page_state (fixture->page), ==, "list");
}

static void
test_follow_while_open (Fixture       *fixture,
                        gconstpointer  data)
{
  open_library (fixture);
  open_page (fixture);
  wait_until (fixture, state_is, "empty", "the empty state");

  /* The page lists again after "changed", by itself. */
  follow (fixture, 21, "First", "Running", 2, "Pilot");
  wait_until (fixture, state_is, "list", "the list");
  g_assert_cmpuint (page_n_rows (fixture->page, SF_FOLLOWED_UPCOMING), ==, 1);

  /* A burst of writes gives one list in the end, with everything. */
  follow (fixture, 22, "Second", "Ended", NO_NEXT, NULL);
  follow (fixture, 23, "Third", "Running", NO_NEXT, NULL);
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (3), "three rows");

  /* An explicit refresh changes nothing. */
  sf_watchlist_page_refresh (fixture->page);
  sf_test_run_for (200);
  g_assert_cmpuint (count_rows (fixture), ==, 3);
}

typedef struct
{
  guint   count;
  gint64  id;
  char   *name;
  SfShow *show;
} Emitted;

static void
unfollowed_cb (SfWatchlistPage *page,
               gint64           id,
               const char      *name,
               SfShow          *show,
               Emitted         *emitted)
{
  emitted->count++;
  emitted->id = id;
  g_free (emitted->name);
  emitted->name = g_strdup (name);
  g_set_object (&emitted->show, show);
}

static void
show_activated_cb (SfWatchlistPage *page,
                   gint64           id,
                   SfShow          *show,
                   Emitted         *emitted)
{
  emitted->count++;
  emitted->id = id;
  g_set_object (&emitted->show, show);
}

static void
test_unfollow_button (Fixture       *fixture,
                      gconstpointer  data)
{
  Emitted emitted = { 0, };
  GtkListBoxRow *row;
  GtkButton *button;
  GtkWidget *focus;

  open_library (fixture);
  follow (fixture, 31, "Keep", "Running", NO_NEXT, NULL);
  follow (fixture, 32, "Drop", "Running", NO_NEXT, NULL);
  open_page (fixture);
  g_signal_connect (fixture->page, "unfollowed", G_CALLBACK (unfollowed_cb), &emitted);
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (2), "two rows");

  row = page_row (fixture->page, SF_FOLLOWED_NOTHING_ANNOUNCED, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Drop");
  button = find_unfollow_button (row);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Unfollow Drop");

  /* From the keyboard: focus on the button, then "click" it twice (the second is ignored). */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  g_signal_emit_by_name (button, "clicked");

  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (1), "the row to go");
  g_assert_cmpuint (emitted.count, ==, 1);
  /* Focus moved to the row that took its place, not to nowhere. */
  row = page_row (fixture->page, SF_FOLLOWED_NOTHING_ANNOUNCED, 0);
  focus = gtk_window_get_focus (fixture->window);
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));
  g_assert_cmpint (emitted.id, ==, 32);
  g_assert_cmpstr (emitted.name, ==, "Drop");
  g_assert_true (SF_IS_SHOW (emitted.show));
  g_assert_cmpint (sf_show_get_id (emitted.show), ==, 32);
  g_assert_false (sf_library_is_followed (fixture->library, 32));
  g_assert_true (sf_library_is_followed (fixture->library, 31));
  g_assert_cmpstr (row_title (fixture, SF_FOLLOWED_NOTHING_ANNOUNCED, 0), ==, "Keep");

  /* Undo, as the window does it: follow the show of the signal again. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    sf_library_follow_async (fixture->library, emitted.show, NULL, NULL, sf_test_result_cb,
                             &result);
    wait_until (fixture, has_result, &result, "the undo");
    g_assert_true (sf_library_follow_finish (fixture->library, result, NULL));
  }
  wait_until (fixture, n_rows_is, GUINT_TO_POINTER (2), "the row to come back");

  g_signal_handlers_disconnect_by_data (fixture->page, &emitted);
  g_clear_object (&emitted.show);
  g_free (emitted.name);
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  Emitted emitted = { 0, };
  GtkListBoxRow *row;

  open_library (fixture);
  follow (fixture, 41, "Open Me", "Ended", NO_NEXT, NULL);
  open_page (fixture);
  g_signal_connect (fixture->page, "show-activated", G_CALLBACK (show_activated_cb), &emitted);
  wait_until (fixture, state_is, "list", "the list");

  row = page_row (fixture->page, SF_FOLLOWED_ENDED, 0);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  gtk_widget_activate (GTK_WIDGET (row));

  g_assert_cmpuint (emitted.count, ==, 1);
  g_assert_cmpint (emitted.id, ==, 41);
  g_assert_cmpstr (sf_show_get_name (emitted.show), ==, "Open Me");

  g_signal_handlers_disconnect_by_data (fixture->page, &emitted);
  g_clear_object (&emitted.show);
}

static void
test_hostile_names (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *name = "<b>x</b> & y";
  static const char *episode = "<i>Ep</i> &amp; <span>";
  GtkListBoxRow *row;
  GtkLabel *title;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean subtitle_found = FALSE;

  open_library (fixture);
  follow (fixture, 51, name, "Running", 3, episode);
  open_page (fixture);
  wait_until (fixture, state_is, "list", "the list");

  row = page_row (fixture->page, SF_FOLLOWED_UPCOMING, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, name);

  /* What is on screen is the name, character for character, not markup. */
  title = find_label (GTK_WIDGET (row), name);
  g_assert_nonnull (title);
  g_assert_false (gtk_label_get_use_markup (title));

  collect (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      if (strstr (text, "“<i>Ep</i> &amp; <span>”") != NULL)
        {
          subtitle_found = TRUE;
          g_assert_false (gtk_label_get_use_markup (labels->pdata[i]));
        }
    }
  g_assert_true (subtitle_found);

  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (find_unfollow_button (row))), ==,
                   "Unfollow <b>x</b> & y");
}

static void
test_recovery_note (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  /* A damaged file is moved aside and the watchlist starts empty: say so, calmly. */
  g_file_set_contents (fixture->path, "this is not a database, not at all; it is only text "
                       "long enough to look like a file that something went wrong with",
                       -1, &error);
  g_assert_no_error (error);
  open_library (fixture);
  g_assert_nonnull (sf_library_get_recovery_message (fixture->library));
  open_page (fixture);

  wait_until (fixture, state_is, "empty", "the empty state");
  g_assert_true (gtk_revealer_get_reveal_child (page_child (fixture->page, "note_revealer")));

  /* Dismissed, it stays away. */
  collect (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Dismiss") == 0)
      g_signal_emit_by_name (buttons->pdata[i], "clicked");
  g_assert_false (gtk_revealer_get_reveal_child (page_child (fixture->page, "note_revealer")));

  follow (fixture, 61, "After", "Running", NO_NEXT, NULL);
  wait_until (fixture, state_is, "list", "the list");
  g_assert_false (gtk_revealer_get_reveal_child (page_child (fixture->page, "note_revealer")));
}

static void
test_closed_library (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  /* A watchlist that cannot answer is a state of the page, not a crash or a warning. */
  open_library (fixture);
  sf_library_close_async (fixture->library, NULL, sf_test_result_cb, &result);
  wait_until (fixture, has_result, &result, "the close");
  g_assert_true (sf_library_close_finish (fixture->library, result, NULL));
  open_page (fixture);

  wait_until (fixture, state_is, "error", "the error state");
  g_clear_object (&fixture->library);
}

static void
test_dispose_while_listing (Fixture       *fixture,
                            gconstpointer  data)
{
  SfWatchlistPage *page;
  GtkWindow *window;

  open_library (fixture);
  for (gint64 id = 70; id < 90; id++)
    follow (fixture, id, "Many", "Running", (int) (id % 7), "Again");

  /* Closed before the answer: the late answer must find nothing to touch. */
  open_page (fixture);
  page = g_steal_pointer (&fixture->page);
  window = g_steal_pointer (&fixture->window);
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  g_object_unref (page);
  g_object_unref (window);

  sf_test_run_for (200);
  g_assert_null (page);
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

  server = sf_fake_server_new (200, 11);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);
  session = soup_session_new ();
  client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));
  loader = sf_image_loader_new (client, 4 * 1024 * 1024);

#define ADD(path, func) \
  g_test_add ("/series-finder/watchlist-page/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("empty-button", test_empty_button);
  ADD ("sort-filter", test_sort_filter);
  ADD ("sections", test_sections);
  ADD ("follow-while-open", test_follow_while_open);
  ADD ("unfollow-button", test_unfollow_button);
  ADD ("activate", test_activate);
  ADD ("hostile-names", test_hostile_names);
  ADD ("recovery-note", test_recovery_note);
  ADD ("closed-library", test_closed_library);
  ADD ("dispose-while-listing", test_dispose_while_listing);
#undef ADD

  status = g_test_run ();

  g_assert_finalize_object (loader);
  g_clear_object (&client);
  g_clear_object (&session);
  sf_fake_server_stop (server);
  g_clear_object (&server);

  return status;
}
