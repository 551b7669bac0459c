#include "config.h"

#include <locale.h>
#include <unistd.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sf-backend.h"
#include "sf-catalog-sync.h"
#include "sf-compat.h"
#include "sf-criteria-chips.h"
#include "sf-fake-catalog.h"
#include "sf-fake-server.h"
#include "sf-filter-chip.h"
#include "sf-filter-panel.h"
#include "sf-cast-card.h"
#include "sf-cast-section.h"
#include "sf-page-section.h"
#include "sf-person-page.h"
#include "sf-person-sections.h"
#include "sf-removable-chip.h"
#include "sf-show-card.h"
#include "sf-test-kit.h"
#include "sf-window.h"

#define WAIT_MS 10000
#define MAX_RETRIES 2

static SfFakeServer *server;
static SfApplication *app;

/* The window as the person sees it: its template children and its properties. */
static gpointer
window_child (SfWindow   *window,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), SF_TYPE_WINDOW, name);
}

/* The window holds the page: no reference for the caller. */
static gpointer
window_page (SfWindow   *window,
             const char *property)
{
  g_autoptr(GObject) page = NULL;

  g_object_get (window, property, &page, NULL);
  return page;
}

static gboolean
window_searching (SfWindow *window)
{
  gboolean searching = FALSE;

  g_object_get (window, "searching", &searching, NULL);
  return searching;
}

/* The card's show; the card holds it. */
static SfShow *
card_show (SfShowCard *card)
{
  g_autoptr(SfShow) show = NULL;

  g_object_get (card, "show", &show, NULL);
  return show;
}

static GtkWidget *
card_child (SfShowCard *card,
            const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (card), SF_TYPE_SHOW_CARD, name));
}

typedef gboolean (*Predicate) (SfWindow *window, gconstpointer data);

/* Runs the main loop until @predicate holds; fails the test after @ms. */
static void
wait_until (SfWindow      *window,
            Predicate      predicate,
            gconstpointer  data,
            guint          ms,
            const char    *what)
{
  g_autoptr(SfTestWait) wait = sf_test_wait_begin (ms, what);

  while (!predicate (window, data))
    {
      if (!sf_test_wait_step (wait))
        g_error ("Timed out waiting for %s (state %s)", what, gtk_stack_get_visible_child_name (window_child (window, "stack")));
    }
}

static gboolean
state_is (SfWindow      *window,
          gconstpointer  state)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (window_child (window, "stack")), state) == 0;
}

static gboolean
is_searching (SfWindow      *window,
              gconstpointer  data)
{
  return window_searching (window);
}

static gboolean
busy_visible (SfWindow      *window,
              gconstpointer  data)
{
  return gtk_revealer_get_reveal_child (window_child (window, "busy_revealer"));
}

static gboolean
search_requests_above (SfWindow      *window,
                       gconstpointer  data)
{
  return sf_fake_server_get_request_count (server, "/search/shows") > GPOINTER_TO_UINT (data);
}

static SfWindow *
open_window (void)
{
  SfWindow *window = sf_window_new (app);

  /* Our own reference, so the test can check that closing the window frees it. */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "empty");

  return window;
}

static void
close_window (SfWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sf_test_run_for (50);
  g_assert_finalize_object (window);
}

static void
type_text (SfWindow   *window,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (window_child (window, "search_entry")), text);
}

/* A word of a generated show's name, long enough to be a meaningful query. */
static char *
query_for_show (gint64 id)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) words = NULL;

  for (; id < 1000; id++)
    {
      g_clear_pointer (&name, g_free);
      g_clear_pointer (&words, g_strfreev);
      name = sf_fake_server_dup_show_name (server, id);
      if (name == NULL)
        continue;
      words = g_strsplit (name, " ", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (g_utf8_strlen (words[i], -1) >= 5 && g_str_is_ascii (words[i]))
          return g_strdup (words[i]);
    }

  g_error ("No usable name in the fake catalog");
}

static void
assert_results_match (SfWindow   *window,
                      const char *query)
{
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));
  g_autofree char *folded_query = g_utf8_casefold (query, -1);
  guint n = g_list_model_get_n_items (results);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);
      g_autofree char *folded_name = g_utf8_casefold (sf_show_get_name (show), -1);

      if (strstr (folded_name, folded_query) == NULL)
        g_error ("Result “%s” does not match “%s”", sf_show_get_name (show), query);
    }
}

static void
collect_cards (GtkWidget  *widget,
               GPtrArray  *cards)
{
  if (SF_IS_SHOW_CARD (widget))
    g_ptr_array_add (cards, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

static gboolean
some_card_has_poster (SfWindow      *window,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  collect_cards (GTK_WIDGET (window), cards);
  for (guint i = 0; i < cards->len; i++)
    if (gtk_picture_get_paintable (GTK_PICTURE (card_child (cards->pdata[i], "poster"))) != NULL)
      return TRUE;

  return FALSE;
}

static void
reset_server (void)
{
  sf_fake_server_set_latency (server, 0, 0);
  sf_fake_server_clear_failures (server);
}

static void
test_focus_shortcut (void)
{
  SfWindow *window = open_window ();
  GtkWidget *entry = GTK_WIDGET (GTK_EDITABLE (window_child (window, "search_entry")));
  GtkWidget *focus;

  gtk_widget_grab_focus (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  close_window (window);
}

static void
test_typing_shows_results (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (7);

  reset_server ();
  type_text (window, query);
  wait_until (window, state_is, "results", WAIT_MS, "results");
  assert_results_match (window, query);
  g_assert_false (gtk_widget_get_visible (window_child (window, "spinner")));

  /* The cards fetch their posters by themselves. */
  wait_until (window, some_card_has_poster, NULL, WAIT_MS, "a poster");

  /* Clearing the entry goes back to the start. */
  type_text (window, "");
  wait_until (window, state_is, "empty", WAIT_MS, "the empty state");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window_child (window, "results"))), ==, 0);

  close_window (window);
}

static void
test_superseded_search (void)
{
  SfWindow *window = open_window ();
  g_autofree char *first = query_for_show (20);
  g_autofree char *second = query_for_show (40);
  guint before;

  g_assert_cmpstr (first, !=, second);
  reset_server ();

  /* The first answer is slow: the spinner appears, and typing on is not held up. */
  sf_fake_server_set_latency (server, 2000, 0);
  before = sf_fake_server_get_request_count (server, "/search/shows");
  type_text (window, first);
  wait_until (window, search_requests_above, GUINT_TO_POINTER (before), WAIT_MS,
              "the first request");
  sf_test_run_for (400);
  g_assert_true (gtk_widget_get_visible (window_child (window, "spinner")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "loading");

  sf_fake_server_set_latency (server, 0, 0);
  type_text (window, second);
  wait_until (window, state_is, "results", WAIT_MS, "the second results");
  assert_results_match (window, second);

  /* The slow first answer would have come by now; it must not replace the second. */
  sf_test_run_for (2200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "results");
  assert_results_match (window, second);

  close_window (window);
}

static void
test_escape_stops (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (60);

  reset_server ();
  sf_fake_server_set_latency (server, 2000, 0);
  type_text (window, query);
  wait_until (window, is_searching, NULL, WAIT_MS, "the search to start");
  sf_test_run_for (400);
  g_assert_true (gtk_widget_get_visible (window_child (window, "spinner")));

  g_signal_emit_by_name (GTK_EDITABLE (window_child (window, "search_entry")), "stop-search");
  g_assert_false (window_searching (window));
  g_assert_false (gtk_widget_get_visible (window_child (window, "spinner")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "empty");

  sf_test_run_for (2300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window_child (window, "results"))), ==, 0);

  close_window (window);
}

static void
test_no_results (void)
{
  SfWindow *window = open_window ();

  GtkWidget *button = window_child (window, "no_results_button");

  reset_server ();
  type_text (window, "<b>qqqq zzzz</b> & co");
  wait_until (window, state_is, "no-results", WAIT_MS, "no results");

  /* The way out is a button: the title goes, the entry is ready for another. */
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Clear Search"));
  gtk_widget_activate (button);
  wait_until (window, state_is, "empty", WAIT_MS, "the empty state");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window_child (window, "search_entry"))), ==, "");

  close_window (window);
}

static void
test_server_error (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (80);
  guint before;

  reset_server ();
  before = sf_fake_server_get_request_count (server, "/search/shows");

  sf_fake_server_fail_next (server, "/search/shows", SF_FAKE_FAILURE_SERVER_ERROR, MAX_RETRIES + 1);
  type_text (window, query);
  wait_until (window, state_is, "error", WAIT_MS, "the error state");
  /* Fast: one quiet retry, then what happened and what to do, in plain words (the HTTP
   * status is for the log). */
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/search/shows") - before, ==, 2);
  g_assert_cmpstr (adw_status_page_get_title (window_child (window, "error_page")), ==,
                   _("TVmaze Is Having Trouble"));
  g_assert_cmpstr (adw_status_page_get_description (window_child (window, "error_page")), ==,
                   _("TVmaze is having trouble. Try again in a few minutes."));

  /* Retry once the server is well again. */
  reset_server ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry", NULL));
  wait_until (window, state_is, "results", WAIT_MS, "results after retry");
  assert_results_match (window, query);

  close_window (window);
}

static void
test_busy_then_results (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (100);

  reset_server ();
  sf_fake_server_set_retry_after (server, 1);
  sf_fake_server_fail_next (server, "/search/shows", SF_FAKE_FAILURE_RATE_LIMIT, 1);
  type_text (window, query);

  /* A 429 is not an error: a quiet note while the client waits, then the results. */
  wait_until (window, busy_visible, NULL, WAIT_MS, "the busy note");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), !=, "error");
  wait_until (window, state_is, "results", WAIT_MS, "results after the 429");
  assert_results_match (window, query);
  g_assert_false (gtk_revealer_get_reveal_child (window_child (window, "busy_revealer")));

  close_window (window);
}

/* The seconds that the busy note says are left, or -1 if it says none. */
static int
busy_seconds (SfWindow *window)
{
  const char *text = gtk_label_get_label (window_child (window, "busy_label"));
  const char *prefix = "TVmaze is busy, trying again in ";
  g_autofree char *number = NULL;
  guint64 seconds;

  if (!g_str_has_prefix (text, prefix) || !g_str_has_suffix (text, " s"))
    return -1;
  number = g_strndup (text + strlen (prefix), strlen (text) - strlen (prefix) - 2);
  if (!g_ascii_string_to_unsigned (number, 10, 0, 3600, &seconds, NULL))
    return -1;

  return (int) seconds;
}

static gboolean
busy_counted_down (SfWindow      *window,
                   gconstpointer  data)
{
  int seconds = busy_seconds (window);

  return seconds >= 1 && seconds < GPOINTER_TO_INT (data);
}

static void
test_busy_countdown (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (110);
  int first;

  /* A 429 asking for 3 s: the note says how long, and counts it down. */
  reset_server ();
  sf_fake_server_set_retry_after (server, 3);
  sf_fake_server_fail_next (server, "/search/shows", SF_FAKE_FAILURE_RATE_LIMIT, 1);
  type_text (window, query);

  wait_until (window, busy_visible, NULL, WAIT_MS, "the busy note");
  first = busy_seconds (window);
  g_test_message ("busy note: %s",
                  gtk_label_get_label (window_child (window, "busy_label")));
  g_assert_cmpint (first, >=, 2);
  g_assert_cmpint (first, <=, 3);
  /* not an error, and the search is still on */
  g_assert_true (state_is (window, "loading") || state_is (window, "empty") ||
                 state_is (window, "results"));
  wait_until (window, busy_counted_down, GINT_TO_POINTER (first), WAIT_MS,
              "the busy note to count down");
  g_assert_true (busy_visible (window, NULL));

  /* the answer comes: the results, and the note is gone */
  wait_until (window, state_is, "results", WAIT_MS, "results after the wait");
  assert_results_match (window, query);
  sf_test_run_for (100);
  g_assert_false (gtk_revealer_get_reveal_child (window_child (window, "busy_revealer")));

  reset_server ();
  sf_fake_server_set_retry_after (server, 1);
  close_window (window);
}

static void
test_rate_limited (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (120);

  reset_server ();
  sf_fake_server_set_retry_after (server, 0);
  sf_fake_server_fail_next (server, "/search/shows", SF_FAKE_FAILURE_RATE_LIMIT_BARE,
                            MAX_RETRIES + 1);
  type_text (window, query);
  wait_until (window, state_is, "busy", WAIT_MS, "the busy state");

  reset_server ();
  close_window (window);
}

static SfShowCard *
first_card (SfWindow *window)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  collect_cards (GTK_WIDGET (window), cards);
  for (guint i = 0; i < cards->len; i++)
    if (card_show (cards->pdata[i]) != NULL)
      return cards->pdata[i];

  return NULL;
}

static gboolean
first_card_followed (SfWindow      *window,
                     gconstpointer  expected)
{
  SfShowCard *card = first_card (window);

  return card != NULL
         && gtk_widget_get_visible (card_child (card, "followed_badge"))
            == GPOINTER_TO_INT (expected);
}

static gboolean
library_open (SfWindow      *window,
              gconstpointer  data)
{
  return sf_library_is_open (sf_application_get_library (app));
}

static void
test_follow_from_card (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (140);
  SfLibrary *library = sf_application_get_library (app);
  SfShowCard *card;
  gint64 id;

  reset_server ();
  wait_until (window, library_open, NULL, WAIT_MS, "the watchlist to open");
  type_text (window, query);
  wait_until (window, state_is, "results", WAIT_MS, "results");
  wait_until (window, first_card_followed, GINT_TO_POINTER (FALSE), WAIT_MS, "a card");

  /* The card's menu action follows the show; the star appears on the card. */
  card = first_card (window);
  id = sf_show_get_id (card_show (card));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.toggle-follow", NULL));
  wait_until (window, first_card_followed, GINT_TO_POINTER (TRUE), WAIT_MS, "the star");
  g_assert_true (sf_library_is_followed (library, id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first_card (window)),
                                             "card.toggle-follow", NULL));
  wait_until (window, first_card_followed, GINT_TO_POINTER (FALSE), WAIT_MS, "no star");
  g_assert_false (sf_library_is_followed (library, id));

  close_window (window);
}

static gboolean
page_is (SfWindow      *window,
         gconstpointer  page)
{
  g_autofree char *name = NULL;

  g_object_get (window, "page", &name, NULL);
  return g_strcmp0 (name, page) == 0;
}

static gboolean
show_page_loaded (SfWindow      *window,
                  gconstpointer  data)
{
  GObject *facts = gtk_widget_get_template_child (GTK_WIDGET (window_page (window, "show-page")),
                                                  SF_TYPE_SHOW_PAGE, "facts_section");

  return sf_page_section_get_state (SF_PAGE_SECTION (facts)) == SF_PAGE_SECTION_LOADED;
}

static void
test_open_show_and_back (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (160);
  g_autoptr(SfShow) first = NULL;
  GtkWidget *grid = NULL;
  GObject *title;

  reset_server ();
  type_text (window, query);
  wait_until (window, state_is, "results", WAIT_MS, "results");
  first = g_list_model_get_item (G_LIST_MODEL (window_child (window, "results")), 0);

  /* Activating a card (click or Enter) opens its page. */
  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (first_card (window))); w != NULL;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_GRID_VIEW (w))
      {
        grid = w;
        break;
      }
  g_assert_nonnull (grid);
  g_signal_emit_by_name (grid, "activate", 0);
  g_assert_true (page_is (window, "show"));
  wait_until (window, show_page_loaded, NULL, WAIT_MS, "the show page");
  title = gtk_widget_get_template_child (GTK_WIDGET (window_page (window, "show-page")),
                                        SF_TYPE_SHOW_PAGE, "window_title");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==,
                   sf_show_get_name (first));

  /* Back (Alt+Left, Escape or the button) returns to the same results. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  wait_until (window, page_is, "browse", WAIT_MS, "the search view");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "results");
  assert_results_match (window, query);

  close_window (window);
}


/* The window's own binding (its class shortcut) for @keyval with @mods, activated as that
 * key press would (the focus where it is); FALSE if it let the key go on. */
static gboolean
press_key (SfWindow        *window,
           guint            keyval,
           GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean found = FALSE;
  gboolean done = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !done; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !done; k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            {
              found = TRUE;
              done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                   GTK_WIDGET (window),
                                                   gtk_shortcut_get_arguments (shortcut));
            }
        }
    }
  g_assert_true (found);
  return done;
}

static void
press_alt_left (SfWindow *window)
{
  g_assert_true (press_key (window, GDK_KEY_Left, GDK_ALT_MASK));
}

static gboolean
cast_cards_shown (SfWindow      *window,
                  gconstpointer  data)
{
  GObject *cast = gtk_widget_get_template_child (GTK_WIDGET (window_page (window, "show-page")),
                                                 SF_TYPE_SHOW_PAGE, "cast_section");
  GObject *flow = gtk_widget_get_template_child (GTK_WIDGET (cast), SF_TYPE_CAST_SECTION,
                                                 "cast_flow");

  return gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (flow), 0) != NULL;
}

static gboolean
person_page_complete (SfWindow      *window,
                      gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (window_page (window, "person-page"));
  gboolean complete = FALSE;

  g_object_get (page, "complete", &complete, NULL);
  return complete;
}

static void
test_person_from_cast_card (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (160);
  GtkWidget *grid = NULL;
  GObject *cast;
  GObject *flow;
  GtkFlowBoxChild *card;
  GtkWidget *page;
  GObject *header;
  SfPerson *person;

  reset_server ();
  type_text (window, query);
  wait_until (window, state_is, "results", WAIT_MS, "results");
  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (first_card (window))); w != NULL;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_GRID_VIEW (w))
      {
        grid = w;
        break;
      }
  g_signal_emit_by_name (grid, "activate", 0);
  wait_until (window, cast_cards_shown, NULL, WAIT_MS, "the cast cards");

  /* A cast card is a button: activating it (click, Enter, Space) opens the person. */
  cast = gtk_widget_get_template_child (GTK_WIDGET (window_page (window, "show-page")),
                                        SF_TYPE_SHOW_PAGE, "cast_section");
  flow = gtk_widget_get_template_child (GTK_WIDGET (cast), SF_TYPE_CAST_SECTION, "cast_flow");
  card = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (flow), 0);
  /* The Tab stop is a button, named after the person (it does something). */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (card)), ==,
                   GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  g_signal_emit_by_name (card, "activate");
  g_assert_true (page_is (window, "person"));
  wait_until (window, person_page_complete, NULL, WAIT_MS, "the person page");

  page = GTK_WIDGET (window_page (window, "person-page"));
  header = gtk_widget_get_template_child (page, SF_TYPE_PERSON_PAGE, "header_section");
  person = sf_person_header_section_get_person (SF_PERSON_HEADER_SECTION (header));
  g_assert_nonnull (person);
  g_assert_cmpint (sf_person_get_id (person), ==,
                   sf_cast_member_get_person_id (sf_cast_card_get_member (SF_CAST_CARD (gtk_flow_box_child_get_child (card)))));

  /* Alt+Left comes back, to that card. */
  press_alt_left (window);
  g_assert_true (page_is (window, "show"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (card));

  close_window (window);
}

/* The people row: the revealer just above the results (which may sit in an overlay). */
static GtkWidget *
people_revealer (SfWindow *window)
{
  GtkWidget *anchor = window_child (window, "stack");

  while (gtk_widget_get_parent (anchor) != NULL && !GTK_IS_BOX (gtk_widget_get_parent (anchor)))
    anchor = gtk_widget_get_parent (anchor);
  return gtk_widget_get_prev_sibling (anchor);
}

static gboolean
people_row_shown (SfWindow      *window,
                  gconstpointer  data)
{
  GtkWidget *revealer = people_revealer (window);

  return GTK_IS_REVEALER (revealer) && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

/* Some avatar of the people row has its photo (the others keep their initials). */
static gboolean
people_photo_shown (SfWindow      *window,
                    gconstpointer  data)
{
  GtkWidget *row = gtk_revealer_get_child (GTK_REVEALER (people_revealer (window)));
  g_autoptr(GPtrArray) avatars = g_ptr_array_new ();
  GtkWidget *w = row;

  /* depth first, bounded by the row's few widgets */
  while (w != NULL)
    {
      if (ADW_IS_AVATAR (w))
        g_ptr_array_add (avatars, w);
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  for (guint i = 0; i < avatars->len; i++)
    if (adw_avatar_get_custom_image (avatars->pdata[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_people_row (void)
{
  SfWindow *window = open_window ();
  GtkWidget *revealer;
  GtkWidget *button;
  const char *name = sf_fake_last_names[0];

  reset_server ();
  type_text (window, name);
  wait_until (window, people_row_shown, NULL, WAIT_MS, "the people row");
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/search/people"), >, 0);
  /* their photos come in over the initials */
  wait_until (window, people_photo_shown, NULL, WAIT_MS, "a photo in the people row");

  /* The first person button: it opens the person; Back returns to it. */
  revealer = people_revealer (window);
  for (button = gtk_revealer_get_child (GTK_REVEALER (revealer)); button != NULL && !GTK_IS_BUTTON (button);
       button = gtk_widget_get_first_child (button) != NULL ? gtk_widget_get_first_child (button)
                                                             : gtk_widget_get_next_sibling (button))
    ;
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (page_is (window, "person"));
  wait_until (window, person_page_complete, NULL, WAIT_MS, "the person page");
  press_alt_left (window);
  g_assert_true (page_is (window, "browse"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == button);

  /* Clearing the text hides the row. */
  type_text (window, "");
  g_assert_false (people_row_shown (window, NULL));

  close_window (window);
}

static gboolean
watchlist_rows_are (SfWindow      *window,
                    gconstpointer  expected)
{
  static const char * const models[] = { "upcoming_model", "nothing_model", "ended_model" };
  SfWatchlistPage *page = SF_WATCHLIST_PAGE (window_page (window, "watchlist-page"));
  guint n = 0;

  for (SfFollowedGroup group = SF_FOLLOWED_UPCOMING; group <= SF_FOLLOWED_ENDED; group++)
    n += g_list_model_get_n_items (G_LIST_MODEL (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                SF_TYPE_WATCHLIST_PAGE,
                                                                                models[group])));

  return n == GPOINTER_TO_UINT (expected);
}

static void
test_follow_from_page_shows_in_watchlist (void)
{
  SfWindow *window = open_window ();
  SfLibrary *library = sf_application_get_library (app);

  reset_server ();
  wait_until (window, library_open, NULL, WAIT_MS, "the watchlist to open");
  wait_until (window, watchlist_rows_are, GUINT_TO_POINTER (0), WAIT_MS, "an empty watchlist");

  /* Ctrl+D on a series' page follows it; the Watchlist view lists it. */
  sf_window_open_show (window, 9, NULL);
  wait_until (window, show_page_loaded, NULL, WAIT_MS, "the show page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-follow", NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "watchlist");
  g_assert_true (page_is (window, "browse"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window_child (window, "view_stack")), ==, "watchlist");
  wait_until (window, watchlist_rows_are, GUINT_TO_POINTER (1), WAIT_MS, "the followed show");
  g_assert_true (sf_library_is_followed (library, 9));

  /* And again: unfollowed. */
  sf_window_open_show (window, 9, NULL);
  wait_until (window, show_page_loaded, NULL, WAIT_MS, "the show page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-follow", NULL));
  wait_until (window, watchlist_rows_are, GUINT_TO_POINTER (0), WAIT_MS, "no followed show");
  g_assert_false (sf_library_is_followed (library, 9));

  close_window (window);
}

static GtkWidget *
follow_button (SfShowPage *page)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SF_TYPE_SHOW_PAGE,
                                                    "follow_button"));
}

static gboolean
follow_button_says (SfWindow      *window,
                    gconstpointer  icon)
{
  GtkWidget *button = follow_button (SF_SHOW_PAGE (window_page (window, "show-page")));

  return g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (button)), icon) == 0;
}

/* The star in the series page's header: says whether the series is followed, follows and
 * unfollows it, and keeps up with the watchlist changed elsewhere. */
static void
test_follow_button (void)
{
  SfWindow *window = open_window ();
  SfLibrary *library = sf_application_get_library (app);
  SfShowPage *page = SF_SHOW_PAGE (window_page (window, "show-page"));
  GtkWidget *button = follow_button (page);

  reset_server ();
  wait_until (window, library_open, NULL, WAIT_MS, "the watchlist to open");
  g_assert_false (sf_library_is_followed (library, 11));

  sf_window_open_show (window, 11, NULL);
  wait_until (window, show_page_loaded, NULL, WAIT_MS, "the show page");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "non-starred-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Follow (Ctrl+D)");

  g_signal_emit_by_name (button, "clicked");
  wait_until (window, follow_button_says, "starred-symbolic", WAIT_MS, "the star to fill");
  g_assert_true (sf_library_is_followed (library, 11));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Unfollow (Ctrl+D)");

  /* Unfollowed from the Watchlist's side (as another process would): the star empties. */
  sf_library_unfollow_async (library, 11, NULL, NULL, NULL);
  wait_until (window, follow_button_says, "non-starred-symbolic", WAIT_MS, "the star to empty");

  /* Another series' page starts from its own state. */
  g_signal_emit_by_name (button, "clicked");
  wait_until (window, follow_button_says, "starred-symbolic", WAIT_MS, "the star to fill again");
  sf_window_open_show (window, 12, NULL);
  g_assert_true (follow_button_says (window, "non-starred-symbolic"));
  g_signal_emit_by_name (button, "clicked");  /* not loaded yet: nothing happens */
  wait_until (window, show_page_loaded, NULL, WAIT_MS, "the other show page");
  g_assert_false (sf_library_is_followed (library, 12));
  sf_window_open_show (window, 11, NULL);
  g_assert_true (follow_button_says (window, "starred-symbolic"));

  sf_library_unfollow_async (library, 11, NULL, NULL, NULL);
  wait_until (window, follow_button_says, "non-starred-symbolic", WAIT_MS, "the star to empty");
  close_window (window);
}

static gboolean
sync_idle_with_results (SfWindow      *window,
                        gconstpointer  data)
{
  SfBackend *backend = sf_application_get_backend (app);

  return !sf_catalog_sync_get_running (sf_backend_get_catalog_sync (backend))
         && g_strcmp0 (gtk_stack_get_visible_child_name (window_child (window, "stack")), "results") == 0;
}

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Watched at every frame while results stream in */
typedef struct
{
  gint64 first_id;        /* the first card on screen, 0: none yet */
  guint  n_frames;
  guint  n_moved;         /* frames where another card had taken the first place */
  guint  n_covered;       /* frames where a status page stood in for cards */
  guint  n_shifted;       /* changes of the results that moved the first card's place */
  GListStore *results;
  guint  first_position;
} StreamWatch;

/* Between frames too: once a card is first on screen, no change of the results moves it. */
static void
watch_items_cb (GListModel  *results,
                guint        position,
                guint        removed,
                guint        added,
                StreamWatch *watch)
{
  guint n = g_list_model_get_n_items (results);

  for (guint i = 0; watch->first_id != 0 && i < n; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);

      if (sf_show_get_id (show) == watch->first_id)
        {
          if (i != watch->first_position)
            watch->n_shifted++;
          return;
        }
    }
}

static gint64
first_card_id (SfWindow *window)
{
  GtkWidget *grid = window_child (window, "grid");
  GtkWidget *hit;
  g_autoptr(SfShow) show = NULL;

  if (!gtk_widget_get_mapped (grid))
    return 0;
  /* The pointer at the top left of the grid: what is under it */
  hit = gtk_widget_pick (grid, 24, 24, GTK_PICK_DEFAULT);
  while (hit != NULL && !SF_IS_SHOW_CARD (hit))
    hit = gtk_widget_get_parent (hit);
  if (hit == NULL)
    return 0;
  g_object_get (hit, "show", &show, NULL);
  return show != NULL ? sf_show_get_id (show) : 0;
}

static gboolean
watch_stream_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  StreamWatch *watch = user_data;
  SfWindow *window = SF_WINDOW (widget);
  const char *state = gtk_stack_get_visible_child_name (window_child (window, "stack"));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (window_child (window, "results")));
  gint64 id = first_card_id (window);

  watch->n_frames++;
  if (n > 0 && (g_strcmp0 (state, "empty") == 0 || g_strcmp0 (state, "no-results") == 0))
    watch->n_covered++;
  if (id != 0 && watch->first_id == 0)
    {
      watch->first_id = id;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SfShow) show = g_list_model_get_item (G_LIST_MODEL (watch->results), i);

          if (sf_show_get_id (show) == id)
            watch->first_position = i;
        }
    }
  else if (id != 0 && id != watch->first_id)
    watch->n_moved++;

  return G_SOURCE_CONTINUE;
}

static gboolean
first_card_shown (SfWindow      *window,
                  gconstpointer  data)
{
  return first_card_id (window) != 0;
}

static void
test_criteria_search (void)
{
  SfWindow *window = open_window ();
  GtkWidget *panel = find_child_of_type (GTK_WIDGET (window), SF_TYPE_FILTER_PANEL);
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));
  const char *genres[] = { "Drama", NULL };
  StreamWatch watch = { 0, };
  guint tick;

  reset_server ();
  g_assert_nonnull (panel);
  watch.results = G_LIST_STORE (results);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), watch_stream_cb, &watch, NULL);
  g_signal_connect (results, "items-changed", G_CALLBACK (watch_items_cb), &watch);

  /* Picking a genre builds the catalog from the fake TVmaze and streams the matches in. */
  sf_criteria_set_values (criteria, SF_CRITERION_GENRES_ANY, genres);
  sf_filter_panel_set_criteria (SF_FILTER_PANEL (panel), criteria);
  /* Picking a criterion changes the page at once: no "Type a title" while it works. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), !=, "empty");
  wait_until (window, first_card_shown, NULL, 60000, "the first card");
  if (watch.first_id == 0)
    watch_stream_cb (GTK_WIDGET (window), NULL, &watch);
  g_assert_cmpint (watch.first_id, !=, 0);
  wait_until (window, sync_idle_with_results, NULL, 60000, "the catalog and the results");

  /* While they streamed in, the first card stayed the first, and no status page covered
   * them. */
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_signal_handlers_disconnect_by_func (results, watch_items_cb, &watch);
  g_assert_cmpuint (watch.n_shifted, ==, 0);
  g_test_message ("%u frames, first card %" G_GINT64_FORMAT, watch.n_frames, watch.first_id);
  g_assert_cmpuint (watch.n_covered, ==, 0);
  g_assert_cmpuint (watch.n_moved, ==, 0);
  if (watch.first_id != 0)
    g_assert_cmpint (first_card_id (window), ==, watch.first_id);

  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);

      g_assert_true (g_strv_contains (sf_show_get_genres (show), "Drama"));
      /* Each only once. */
      for (guint j = i + 1; j < MIN (i + 5, g_list_model_get_n_items (results)); j++)
        {
          g_autoptr(SfShow) other = g_list_model_get_item (results, j);

          g_assert_cmpint (sf_show_get_id (show), !=, sf_show_get_id (other));
        }
    }

  /* Removing the criterion goes back to the title search (nothing typed: the start page). */
  sf_filter_panel_reset (SF_FILTER_PANEL (panel));
  wait_until (window, state_is, "empty", WAIT_MS, "the start page");

  close_window (window);
}

static gboolean
criteria_results_shown (SfWindow      *window,
                        gconstpointer  data)
{
  return sync_idle_with_results (window, data) &&
         g_list_model_get_n_items (G_LIST_MODEL (window_child (window, "results"))) > 0;
}

/* Results on screen, every one of them of the genre @data. */
static gboolean
results_all_of_genre (SfWindow      *window,
                      gconstpointer  data)
{
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));

  if (!criteria_results_shown (window, NULL))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);

      if (!g_strv_contains (sf_show_get_genres (show), data))
        return FALSE;
    }
  return TRUE;
}

/* The chips under the search entry, by label. */
static GtkWidget *
find_chip (SfWindow   *window,
           const char *prefix)
{
  GtkWidget *chips = find_child_of_type (GTK_WIDGET (window), SF_TYPE_CRITERIA_CHIPS);
  GtkWidget *chip = find_child_of_type (chips, SF_TYPE_REMOVABLE_CHIP);

  for (; chip != NULL; chip = gtk_widget_get_next_sibling (chip))
    if (SF_IS_REMOVABLE_CHIP (chip) &&
        g_str_has_prefix (sf_removable_chip_get_label (SF_REMOVABLE_CHIP (chip)), prefix))
      return chip;
  return NULL;
}

/* "Find Series With Them" on a person's page: back on the search, a "With NAME" chip, and
 * only their series, combined with the other criteria; the chip takes the person away. */
static void
test_person_criterion (void)
{
  SfWindow *window = open_window ();
  GtkWidget *panel = find_child_of_type (GTK_WIDGET (window), SF_TYPE_FILTER_PANEL);
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));
  GtkWidget *page;
  GtkWidget *revealer;
  GtkWidget *button;
  GtkWidget *chip;
  g_autoptr(SfCriteria) person = NULL;
  g_autoptr(SfCriteria) with_genre = NULL;
  g_autofree char *label = NULL;
  const gint64 *ids;
  guint n_ids;
  guint n_all;

  reset_server ();
  type_text (window, sf_fake_last_names[0]);
  wait_until (window, people_row_shown, NULL, WAIT_MS, "the people row");
  revealer = people_revealer (window);
  for (button = gtk_revealer_get_child (GTK_REVEALER (revealer)); button != NULL && !GTK_IS_BUTTON (button);
       button = gtk_widget_get_first_child (button) != NULL ? gtk_widget_get_first_child (button)
                                                             : gtk_widget_get_next_sibling (button))
    ;
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_until (window, person_page_complete, NULL, WAIT_MS, "the person page");

  page = GTK_WIDGET (window_page (window, "person-page"));
  person = sf_person_page_dup_criteria (SF_PERSON_PAGE (page));
  g_assert_nonnull (person);
  ids = sf_criteria_get_person_show_ids (person, &n_ids);
  g_assert_cmpuint (n_ids, >, 0);
  g_assert_true (gtk_widget_activate_action (page, "person.find-series", NULL));

  /* the search again, the name gone from the entry, the person a chip */
  g_assert_true (page_is (window, "browse"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window_child (window, "search_entry"))),
                   ==, "");
  label = g_strdup_printf ("With %s", sf_criteria_get_person_name (person));
  chip = find_chip (window, "With ");
  g_assert_nonnull (chip);
  g_assert_cmpstr (sf_removable_chip_get_label (SF_REMOVABLE_CHIP (chip)), ==, label);
  g_assert_cmpint (sf_criteria_get_person_id (sf_filter_panel_get_criteria (SF_FILTER_PANEL (panel))),
                   ==, sf_criteria_get_person_id (person));

  wait_until (window, criteria_results_shown, NULL, 60000, "their series");
  n_all = g_list_model_get_n_items (results);
  g_assert_cmpuint (n_all, <=, n_ids);
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);
      gboolean theirs = FALSE;

      for (guint j = 0; j < n_ids; j++)
        theirs |= ids[j] == sf_show_get_id (show);
      g_assert_true (theirs);
    }

  /* one more criterion from the panel: the person stays, and the series are theirs of it */
  {
    g_autoptr(SfShow) first = g_list_model_get_item (results, 0);
    const char *genre = sf_show_get_genres (first)[0];

    if (genre != NULL)
      {
        with_genre = sf_criteria_copy (sf_filter_panel_get_criteria (SF_FILTER_PANEL (panel)));
        sf_criteria_add_value (with_genre, SF_CRITERION_GENRES_ALL, genre);
        sf_filter_panel_set_criteria (SF_FILTER_PANEL (panel), with_genre);
        wait_until (window, results_all_of_genre, genre, WAIT_MS, "their series of a genre");
        g_assert_nonnull (find_chip (window, label));
        for (guint i = 0; i < g_list_model_get_n_items (results); i++)
          {
            g_autoptr(SfShow) show = g_list_model_get_item (results, i);

            g_assert_true (g_strv_contains (sf_show_get_genres (show), genre));
          }
        g_assert_cmpuint (g_list_model_get_n_items (results), <=, n_all);
        sf_criteria_clear (with_genre, SF_CRITERION_GENRES_ALL);
        sf_filter_panel_set_criteria (SF_FILTER_PANEL (panel), with_genre);
      }
  }

  /* the chip's remove: the person goes, nothing else is left (the start page) */
  sf_removable_chip_remove (SF_REMOVABLE_CHIP (find_chip (window, "With ")));
  wait_until (window, state_is, "empty", WAIT_MS, "the start page");
  g_assert_null (find_chip (window, "With "));
  g_assert_cmpint (sf_criteria_get_person_id (sf_filter_panel_get_criteria (SF_FILTER_PANEL (panel))),
                   ==, 0);

  close_window (window);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (SfWindow      *window,
                gconstpointer  data)
{
  return *(GAsyncResult * const *) data != NULL;
}

static gboolean
saved_note_visible (SfWindow      *window,
                    gconstpointer  data)
{
  return gtk_revealer_get_reveal_child (window_child (window, "saved_revealer"));
}

static void
test_offline (void)
{
  SfWindow *window = open_window ();
  SfBackend *backend = sf_application_get_backend (app);
  SfCatalog *catalog = sf_backend_get_catalog (backend);
  g_autofree char *word = query_for_show (1);
  g_autofree char *folded = g_utf8_casefold (word, -1);
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));
  SfCatalogState state;

  /* A catalog saved while online (the criteria search before this test saved one). */
  sf_catalog_get_state (catalog, &state);
  if (state.n_shows == 0)
    {
      g_autoptr(GAsyncResult) result = NULL;

      reset_server ();
      sf_catalog_sync_run_async (sf_backend_get_catalog_sync (backend), SF_CATALOG_SYNC_AUTO,
                                 NULL, sync_done_cb, &result);
      wait_until (window, result_arrived, &result, 60000, "the catalog to be saved");
      g_assert_true (sf_catalog_sync_run_finish (sf_backend_get_catalog_sync (backend), result,
                                                 NULL));
    }

  /* Last test needing it: the server goes away for good. */
  sf_fake_server_stop (server);

  /* A title the saved catalog knows: its matches, with a note saying where they come from. */
  type_text (window, word);
  wait_until (window, saved_note_visible, NULL, WAIT_MS, "results from the saved catalog");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "results");
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);
      g_autofree char *name = g_utf8_casefold (sf_show_get_name (show), -1);

      g_assert_nonnull (strstr (name, folded));
    }

  /* A title it does not know: TVmaze's absence is what is said. */
  type_text (window, "zzqxjv");
  wait_until (window, state_is, "offline", WAIT_MS, "the offline state");
  g_assert_false (gtk_revealer_get_reveal_child (window_child (window, "saved_revealer")));

  close_window (window);
}

/* ------------------------------------------------------------------------------------------
 * The sidebar answers the question of the grid: title plus criteria
 */

typedef struct
{
  JsonObject *facets;   /* what `--facets --json` says */
  GtkWidget  *panel;
} FacetsCheck;

/* `series-finder --search=TEXT ARGS… --facets --json`, parsed */
static JsonObject *
cli_facets (const char         *text,
            const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *search = g_strdup_printf ("--search=%s", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SERIES_FINDER_BINARY"));
  g_assert_nonnull (argv->pdata[0]);
  g_ptr_array_add (argv, search);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--facets");
  g_ptr_array_add (argv, (gpointer) "--json");
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "BROADWAY_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GDK_BACKEND");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("--facets failed: %s", err);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static guint
json_count (JsonObject *facets,
            const char *facet,
            const char *value)
{
  JsonObject *object = json_object_get_object_member (facets, facet);

  return (guint) json_object_get_int_member_with_default (object, value, 0);
}

static void
collect_chips (GtkWidget *widget,
               GPtrArray *chips)
{
  if (SF_IS_FILTER_CHIP (widget))
    g_ptr_array_add (chips, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_chips (child, chips);
}

static gpointer
panel_child (GtkWidget  *panel,
             const char *name)
{
  return gtk_widget_get_template_child (panel, SF_TYPE_FILTER_PANEL, name);
}

/* Every chip's count and the match count are the command line's. */
static gboolean
sidebar_counts_are (SfWindow      *window,
                    gconstpointer  data)
{
  const FacetsCheck *check = data;
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  guint total = (guint) json_object_get_int_member (check->facets, "total");
  g_autofree char *match = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d match",
                                                         "%'d matches", total), total);

  if (g_strcmp0 (gtk_label_get_text (panel_child (check->panel, "match_label")), match) != 0)
    return FALSE;

  collect_chips (check->panel, chips);
  g_assert_cmpuint (chips->len, >, 10);
  for (guint i = 0; i < chips->len; i++)
    {
      SfFilterChip *chip = chips->pdata[i];
      const char *facet = NULL;

      switch (sf_filter_chip_get_criterion (chip))
        {
        case SF_CRITERION_GENRES_ALL: facet = "genres"; break;
        case SF_CRITERION_STATUS: facet = "status"; break;
        case SF_CRITERION_TYPE: facet = "type"; break;
        case SF_CRITERION_LANGUAGE: facet = "language"; break;
        default: g_assert_not_reached ();
        }
      if ((guint) sf_filter_chip_get_count (chip) !=
          json_count (check->facets, facet, sf_filter_chip_get_value (chip)))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  const char *list;     /* "country_suggestions" or "channel_suggestions" */
  const char *title;    /* the row's title, or its end (" · GB") */
  guint       count;
  GtkWidget  *panel;
} SuggestionCheck;

static gboolean
suggestion_says (SfWindow      *window,
                 gconstpointer  data)
{
  const SuggestionCheck *check = data;
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d series",
                                                            "%'d series", check->count),
                                               check->count);
  GtkWidget *list = panel_child (check->panel, check->list);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *title;

      if (!ADW_IS_ACTION_ROW (row))
        continue;
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      if ((g_strcmp0 (title, check->title) == 0 || g_str_has_suffix (title, check->title)) &&
          g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The first key of a facet, or %NULL */
static const char *
first_value (JsonObject *facets,
             const char *facet)
{
  g_autoptr(GList) members = json_object_get_members (json_object_get_object_member (facets,
                                                                                        facet));

  return members != NULL ? members->data : NULL;
}

/* The whole fake catalog, saved (once per process). */
static void
save_catalog (SfWindow *window)
{
  SfBackend *backend = sf_application_get_backend (app);
  SfCatalogState state;

  sf_catalog_get_state (sf_backend_get_catalog (backend), &state);
  if (state.n_shows == 0 || !state.complete)
    {
      g_autoptr(GAsyncResult) result = NULL;

      reset_server ();
      sf_catalog_sync_run_async (sf_backend_get_catalog_sync (backend), SF_CATALOG_SYNC_AUTO,
                                 NULL, sync_done_cb, &result);
      wait_until (window, result_arrived, &result, 60000, "the catalog to be saved");
      g_assert_true (sf_catalog_sync_run_finish (sf_backend_get_catalog_sync (backend), result,
                                                 NULL));
    }
}

/* The model's first show is the card at the top left of the grid. */
static gboolean
first_row_on_top (SfWindow      *window,
                  gconstpointer  data)
{
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));
  g_autoptr(SfShow) first = NULL;
  gint64 want = GPOINTER_TO_SIZE (data);

  if (g_list_model_get_n_items (results) == 0)
    return FALSE;
  first = g_list_model_get_item (results, 0);
  if (want != 0 && sf_show_get_id (first) != want)
    return FALSE;
  return first_card_id (window) == sf_show_get_id (first);
}

/* Results on screen, every one answering @criteria */
static gboolean
results_answer (SfWindow      *window,
                gconstpointer  criteria)
{
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));
  guint n = g_list_model_get_n_items (results);

  if (n == 0 || !state_is (window, "results"))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SfShow) show = g_list_model_get_item (results, i);

      if (!sf_criteria_matches (criteria, show))
        return FALSE;
    }
  return TRUE;
}

/* More than a screenful */
static gboolean
many_results_answer (SfWindow      *window,
                     gconstpointer  criteria)
{
  return g_list_model_get_n_items (G_LIST_MODEL (window_child (window, "results"))) > 20 &&
         results_answer (window, criteria);
}

/* A new set of results replaces the old one: the grid shows it from its first row, whether
 * or not the old one had been scrolled. */
static void
test_first_row (void)
{
  SfWindow *window = open_window ();
  GtkWidget *panel = find_child_of_type (GTK_WIDGET (window), SF_TYPE_FILTER_PANEL);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (window_child (window, "grid"));
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  GListModel *results = G_LIST_MODEL (window_child (window, "results"));
  g_autoptr(SfShow) first = NULL;
  graphene_rect_t before, after;
  GtkWidget *card;

  save_catalog (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);

  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_filter_panel_set_criteria (SF_FILTER_PANEL (panel), criteria);
  wait_until (window, many_results_answer, criteria, WAIT_MS, "the dramas");
  wait_until (window, first_row_on_top, NULL, WAIT_MS, "the first drama on top");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);
  card = gtk_widget_pick (window_child (window, "grid"), 24, 24, GTK_PICK_DEFAULT);
  g_assert_true (gtk_widget_compute_bounds (card, window_child (window, "grid"), &before));

  /* The person scrolled down the results; another question's start at their top. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment),
                     >, 100.0);
  gtk_adjustment_set_value (adjustment, 100.0);
  sf_test_run_for (100);
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Comedy");
  sf_filter_panel_set_criteria (SF_FILTER_PANEL (panel), criteria);
  wait_until (window, results_answer, criteria, WAIT_MS, "the comedy dramas");
  sf_test_run_for (200);
  first = g_list_model_get_item (results, 0);
  wait_until (window, first_row_on_top, GSIZE_TO_POINTER (sf_show_get_id (first)), WAIT_MS,
              "the first comedy drama on top");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);
  g_clear_object (&first);

  /* Another question, not scrolled: the first row is where it was. */
  sf_criteria_remove_value (criteria, SF_CRITERION_GENRES_ALL, "Comedy");
  sf_filter_panel_set_criteria (SF_FILTER_PANEL (panel), criteria);
  wait_until (window, many_results_answer, criteria, WAIT_MS, "the dramas again");
  sf_test_run_for (200);
  first = g_list_model_get_item (results, 0);
  wait_until (window, first_row_on_top, GSIZE_TO_POINTER (sf_show_get_id (first)), WAIT_MS,
              "the first drama on top again");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);
  card = gtk_widget_pick (window_child (window, "grid"), 24, 24, GTK_PICK_DEFAULT);
  g_assert_true (gtk_widget_compute_bounds (card, window_child (window, "grid"), &after));
  g_assert_cmpfloat (after.origin.y, ==, before.origin.y);

  close_window (window);
}

static void
test_title_counts (void)
{
  SfWindow *window = open_window ();
  GtkWidget *panel = find_child_of_type (GTK_WIDGET (window), SF_TYPE_FILTER_PANEL);
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autofree char *word = query_for_show (1);
  g_autofree char *prefix = g_utf8_substring (word, 0, 1);
  const char * const args[] = { "--genre=Drama", NULL };
  g_autoptr(JsonObject) without = NULL;
  g_autoptr(JsonObject) with = NULL;
  const char *country, *network;

  /* A catalog to count in. */
  save_catalog (window);

  /* Drama, no title: the counts of Drama. */
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_filter_panel_set_criteria (SF_FILTER_PANEL (panel), criteria);
  without = cli_facets ("", args);
  wait_until (window, sidebar_counts_are, &(FacetsCheck) { without, panel }, WAIT_MS,
              "the counts of Drama");

  /* A title typed: every count narrows to it, as the command line counts the same question. */
  type_text (window, prefix);
  with = cli_facets (prefix, args);
  g_assert_cmpint (json_object_get_int_member (with, "total"), <,
                   json_object_get_int_member (without, "total"));
  g_assert_cmpint (json_object_get_int_member (with, "total"), >, 0);
  wait_until (window, sidebar_counts_are, &(FacetsCheck) { with, panel }, WAIT_MS,
              "the counts of Drama and the title");

  /* The suggestions of a country and a network count within the title and Drama too. */
  country = first_value (with, "country");
  g_assert_nonnull (country);
  gtk_editable_set_text (panel_child (panel, "country_entry"), country);
  {
    g_autofree char *end = g_strdup_printf (" · %s", country);
    SuggestionCheck check = { "country_suggestions", end, json_count (with, "country", country),
                              panel };

    g_assert_cmpuint (check.count, <, json_count (without, "country", country));
    wait_until (window, suggestion_says, &check, WAIT_MS, "the country's count");
  }
  gtk_editable_set_text (panel_child (panel, "country_entry"), "");

  network = first_value (with, "network");
  g_assert_nonnull (network);
  gtk_editable_set_text (panel_child (panel, "channel_entry"), network);
  {
    SuggestionCheck check = { "channel_suggestions", network, json_count (with, "network", network),
                              panel };

    wait_until (window, suggestion_says, &check, WAIT_MS, "the network's count");
  }

  close_window (window);
}

/* ------------------------------------------------------------------------------------------
 * The shortcuts window and About
 */

static void
collect_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

typedef struct
{
  guint           keyval;
  GdkModifierType mods;
} Accel;

static Accel
accel_parse (const char *text)
{
  Accel accel = { 0, 0 };

  g_assert_true (gtk_accelerator_parse (text, &accel.keyval, &accel.mods));
  accel.keyval = gdk_keyval_to_lower (accel.keyval);
  return accel;
}

static gboolean
accel_in (GArray *accels,
          Accel   accel)
{
  for (guint i = 0; i < accels->len; i++)
    {
      Accel *a = &g_array_index (accels, Accel, i);

      if (a->keyval == accel.keyval && a->mods == accel.mods)
        return TRUE;
    }
  return FALSE;
}

/* Every shortcut the window and the application really have is in the shortcuts window,
 * and the shortcuts window promises nothing that does not exist. */
static void
test_help_overlay (void)
{
  SfWindow *window = open_window ();
  GtkWindow *overlay;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (Accel));
  g_autoptr(GArray) real = g_array_new (FALSE, FALSE, sizeof (Accel));
  g_autoptr(GListModel) controllers = NULL;
  g_auto(GStrv) actions = NULL;
  guint n_window_bindings = 0;

  overlay = sf_compat_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);

  /* What the shortcuts window says */
  collect_type (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, items);
  g_assert_cmpuint (items->len, >, 5);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (items->pdata[i], "accelerator", &accelerator, "action-name", &action, NULL);
      if (accelerator != NULL && *accelerator != '\0')
        {
          g_auto(GStrv) parts = g_strsplit (accelerator, " ", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            {
              Accel accel = accel_parse (parts[j]);
              g_array_append_val (shown, accel);
            }
        }
      else
        {
          /* An entry by action shows the application's accelerators for it. */
          g_auto(GStrv) accels = NULL;

          g_assert_nonnull (action);
          accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);
          if (g_str_equal (action, "win.show-help-overlay"))
            continue;
          g_assert_true (accels != NULL && accels[0] != NULL);
          for (guint j = 0; accels[j] != NULL; j++)
            {
              Accel accel = accel_parse (accels[j]);
              g_array_append_val (shown, accel);
            }
        }
    }

  /* What the window's own bindings are (its "win." actions) */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger_text = NULL;
          Accel accel;

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger) ||
              !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                 "win."))
            continue;

          accel.keyval = gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)));
          accel.mods = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger));
          trigger_text = gtk_shortcut_trigger_to_string (trigger);
          if (!accel_in (shown, accel))
            g_error ("%s (%s) is not in the shortcuts window", trigger_text,
                     gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          g_array_append_val (real, accel);
          n_window_bindings++;
        }
    }
  g_assert_cmpuint (n_window_bindings, >=, 8);

  /* ... and the application's accelerators */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          Accel accel = accel_parse (accels[j]);

          if (!g_str_equal (actions[i], "win.show-help-overlay") && !accel_in (shown, accel))
            g_error ("%s (%s) is not in the shortcuts window", accels[j], actions[i]);
          g_array_append_val (real, accel);
        }
    }

  for (guint i = 0; i < shown->len; i++)
    {
      Accel *accel = &g_array_index (shown, Accel, i);
      g_autofree char *name = gtk_accelerator_name (accel->keyval, accel->mods);

      if (!accel_in (real, *accel))
        g_error ("The shortcuts window shows %s, which does nothing", name);
    }

  /* It opens from its action (Ctrl+?) over the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  sf_test_run_for (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (overlay));
  sf_test_run_for (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  close_window (window);
}

/* About names the program and credits TVmaze with its licence, as TVmaze asks. It is a dialog
 * of the window (AdwAboutDialog, or before libadwaita 1.5 AdwAboutWindow: see sf-compat.h). */
static void
test_about (void)
{
  SfWindow *window = open_window ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *about;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  GtkLicense license = GTK_LICENSE_UNKNOWN;
  gboolean credits = FALSE;

  sf_test_run_for (50);
  g_assert_null (sf_compat_dialog_get_visible (GTK_WINDOW (window)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  sf_test_run_for (50);
  about = sf_compat_dialog_get_visible (GTK_WINDOW (window));
  g_assert_nonnull (about);
  g_assert_true (g_str_has_prefix (G_OBJECT_TYPE_NAME (about), "AdwAbout"));
  g_object_get (about, "application-name", &name, "version", &version,
                "license-type", &license, NULL);
  g_assert_cmpstr (name, ==, "Series Finder");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);

  collect_type (about, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (labels->pdata[i]);

      if (strstr (text, "https://www.tvmaze.com") != NULL &&
          strstr (text, "https://creativecommons.org/licenses/by-sa/4.0/") != NULL)
        credits = TRUE;
    }
  g_assert_true (credits);

  sf_compat_dialog_close (about);
  sf_test_run_for (50);
  g_assert_null (sf_compat_dialog_get_visible (GTK_WINDOW (window)));
  close_window (window);
}

/* The window's own minimum width, as a window manager would get it: its content's. */
static int
window_min_width (SfWindow *window)
{
  int min = 0;

  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static gboolean
window_is_narrow (SfWindow      *window,
                  gconstpointer  data)
{
  return gtk_widget_get_width (GTK_WIDGET (window)) == 360 &&
         adw_view_switcher_bar_get_reveal (window_child (window, "switcher_bar"));
}

/* In the language of LANGUAGE (tests/meson.build runs this test again with LANGUAGE=uk:
 * the longer Ukrainian labels made the window 542 px wide at least); 360 px must fit. */
static void
test_narrow (void)
{
  const char *language = g_getenv ("LANGUAGE");
  SfWindow *window;
  int min_width;

  /* The translations were found: the test measures translated labels. */
  if (language != NULL && g_str_has_prefix (language, "uk"))
    g_assert_cmpstr (_("Watchlist"), ==, "Список перегляду");

  /* Sized before it is shown: as a window manager would make it (open_window presents it
   * at once). Our own reference, as open_window takes. */
  window = g_object_ref (sf_window_new (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window, window_is_narrow, NULL, WAIT_MS, "a narrow window");

  min_width = window_min_width (window);
  g_test_message ("%s: minimum width %d px", language != NULL ? language : "en", min_width);
  g_assert_cmpint (min_width, <=, 360);

  /* The views are switched from the bottom; the filters lie over the results. */
  g_assert_true (adw_view_switcher_bar_get_reveal (window_child (window, "switcher_bar")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-filters", NULL));
  sf_test_run_for (50);
  g_assert_true (gtk_toggle_button_get_active (window_child (window, "filter_button")));
  g_assert_true (sf_compat_sidebar_is_overlay (window_child (window, "sidebar")));
  g_assert_cmpint (window_min_width (window), <=, 360);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-filters", NULL));
  g_assert_false (gtk_toggle_button_get_active (window_child (window, "filter_button")));

  /* A series' page fits too (the poster above its facts). */
  sf_window_open_show (window, 9, NULL);
  wait_until (window, show_page_loaded, NULL, WAIT_MS, "the show page");
  g_assert_cmpint (window_min_width (window), <=, 360);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  wait_until (window, page_is, "browse", WAIT_MS, "the search view");

  close_window (window);
}

/* ------------------------------------------------------------------------------------------
 * The keyboard on the search view, errors in plain words (issue 12)
 */

/* Whether the search's key capture (typing anywhere types into the search) takes the key:
 * the key press as the capture phase delivers it. Only keys that do not type are asked
 * here (a typed one is forwarded to the entry, which needs a real event). */
static gboolean
capture_takes (SfWindow        *window,
               guint            keyval,
               GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window_child (window, "browse_box"));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "sf-search-capture") != 0)
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, mods, &handled);
      return handled;
    }

  g_error ("No key capture on the search view");
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* @text is on screen, in some label of the window (a toast's included). */
static gboolean
window_shows_text (SfWindow      *window,
                   gconstpointer  text)
{
  g_autoptr(GString) all = g_string_new (NULL);

  collect_labels (GTK_WIDGET (window), all);
  return strstr (all->str, text) != NULL;
}

static void
collect_menu_labels (GMenuModel *model,
                     GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      char *label = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, label);
      if (section != NULL)
        collect_menu_labels (section, labels);
    }
}

static gboolean
strv_has (GPtrArray  *labels,
          const char *label)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (labels->pdata[i], label) == 0)
      return TRUE;
  return FALSE;
}

/* The focused card's menu opens from the keyboard (its own, not the entry's), offers
 * Follow, Open on TVmaze and Copy Link; Ctrl+D follows the card and unfollows it; Alt+2
 * and Alt+1 take the focus into the view that comes. */
static void
test_card_keyboard (void)
{
  SfWindow *window = open_window ();
  g_autofree char *query = query_for_show (180);
  SfLibrary *library = sf_application_get_library (app);
  GtkWidget *entry = window_child (window, "search_entry");
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  SfShowCard *card;
  GtkWidget *cell;
  GtkWidget *focus;
  GtkPopover *menu;
  g_autofree char *toast = NULL;
  gint64 id;

  reset_server ();
  wait_until (window, library_open, NULL, WAIT_MS, "the watchlist to open");
  type_text (window, query);
  wait_until (window, state_is, "results", WAIT_MS, "results");
  wait_until (window, first_card_followed, GINT_TO_POINTER (FALSE), WAIT_MS, "a card");

  /* The focus on the first card, as Tab or the arrows put it (on its grid cell). */
  card = first_card (window);
  id = sf_show_get_id (card_show (card));
  cell = gtk_widget_get_parent (GTK_WIDGET (card));
  g_assert_true (gtk_widget_grab_focus (cell));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cell);

  /* The search's key capture lets the menu keys and shortcuts through to the card. */
  g_assert_false (capture_takes (window, GDK_KEY_F10, GDK_SHIFT_MASK));
  g_assert_false (capture_takes (window, GDK_KEY_Menu, 0));
  g_assert_false (capture_takes (window, GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cell);

  /* Shift+F10: the card's own menu. */
  g_assert_true (press_key (window, GDK_KEY_F10, GDK_SHIFT_MASK));
  menu = sf_show_card_get_menu (card);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  collect_menu_labels (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), labels);
  g_assert_true (strv_has (labels, _("_Follow")));
  g_assert_true (strv_has (labels, _("_Open on TVmaze")));
  g_assert_true (strv_has (labels, _("_Copy Link")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.copy-link", NULL));
  gtk_popover_popdown (menu);

  /* The Menu key too. */
  g_assert_true (press_key (window, GDK_KEY_Menu, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sf_show_card_get_menu (card))));
  gtk_popover_popdown (sf_show_card_get_menu (card));
  gtk_widget_grab_focus (cell);

  /* Ctrl+D follows the focused card, with a toast. */
  g_assert_true (press_key (window, GDK_KEY_d, GDK_CONTROL_MASK));
  wait_until (window, first_card_followed, GINT_TO_POINTER (TRUE), WAIT_MS, "the star");
  g_assert_true (sf_library_is_followed (library, id));
  toast = g_strdup_printf (_("Following “%s”"), sf_show_get_name (card_show (card)));
  wait_until (window, window_shows_text, toast, WAIT_MS, "the toast");

  /* Alt+2: the focus goes into the watchlist, not left on the switcher. */
  g_assert_true (press_key (window, GDK_KEY_2, GDK_ALT_MASK));
  wait_until (window, watchlist_rows_are, GUINT_TO_POINTER (1), WAIT_MS, "the followed series");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (window_page (window, "watchlist-page"))));

  /* Alt+1: back into the results. */
  g_assert_true (press_key (window, GDK_KEY_1, GDK_ALT_MASK));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == window_child (window, "grid") ||
                 gtk_widget_is_ancestor (focus, window_child (window, "grid")));

  /* Ctrl+D again on the card: unfollowed. */
  card = first_card (window);
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card))));
  g_assert_true (press_key (window, GDK_KEY_d, GDK_CONTROL_MASK));
  wait_until (window, first_card_followed, GINT_TO_POINTER (FALSE), WAIT_MS, "no star");
  g_assert_false (sf_library_is_followed (library, id));

  /* With the focus in the entry (whose own Shift+F10 comes first in a real key press), the
   * window's opens no card's menu. */
  gtk_widget_grab_focus (entry);
  menu = sf_show_card_get_menu (card);
  if (menu != NULL)
    gtk_popover_popdown (menu);
  g_assert_true (press_key (window, GDK_KEY_F10, GDK_SHIFT_MASK));
  menu = sf_show_card_get_menu (card);
  g_assert_true (menu == NULL || !gtk_widget_get_visible (GTK_WIDGET (menu)));

  close_window (window);
}

/* Escape in the entry clears it (and what it searched for); on an empty entry it stops,
 * as before. */
static void
test_escape_clears (void)
{
  SfWindow *window = open_window ();
  GtkEditable *entry = GTK_EDITABLE (window_child (window, "search_entry"));
  g_autofree char *query = query_for_show (200);

  reset_server ();
  type_text (window, query);
  wait_until (window, state_is, "results", WAIT_MS, "results");

  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  wait_until (window, state_is, "empty", WAIT_MS, "the empty state");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window_child (window, "results"))), ==, 0);

  /* A slow search: Escape clears the text, and the search stops with it. */
  sf_fake_server_set_latency (server, 2000, 0);
  type_text (window, query);
  wait_until (window, is_searching, NULL, WAIT_MS, "the search to start");
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_false (window_searching (window));

  /* Escape on the empty entry: nothing to clear, nothing breaks. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==, "empty");

  reset_server ();
  close_window (window);
}

static SfPageSection *
page_section (SfWindow   *window,
              const char *name)
{
  return SF_PAGE_SECTION (gtk_widget_get_template_child (GTK_WIDGET (window_page (window, "show-page")),
                                                         SF_TYPE_SHOW_PAGE, name));
}

static gboolean
sections_are (SfWindow      *window,
              gconstpointer  data)
{
  SfPageSectionState state = GPOINTER_TO_INT (data);
  SfPageSectionState seasons = sf_page_section_get_state (page_section (window, "seasons_section"));
  SfPageSectionState cast = sf_page_section_get_state (page_section (window, "cast_section"));

  /* Loaded: with what TVmaze has, which may be nothing. */
  if (state == SF_PAGE_SECTION_LOADED)
    return (seasons == SF_PAGE_SECTION_LOADED || seasons == SF_PAGE_SECTION_EMPTY) &&
           (cast == SF_PAGE_SECTION_LOADED || cast == SF_PAGE_SECTION_EMPTY);
  return seasons == state && cast == state;
}

/* Back online, one Try Again (any section's) loads every section that failed. */
static void
test_try_again_all_sections (void)
{
  static const char * const sections[] = {
    "facts_section", "next_section", "seasons_section", "cast_section"
  };
  SfWindow *window = open_window ();
  SfPageSection *section;
  GtkWidget *retry;
  guint episodes_before;

  reset_server ();
  sf_fake_server_fail_next (server, "/shows/5/episodes", SF_FAKE_FAILURE_SERVER_ERROR, 100);
  sf_fake_server_fail_next (server, "/shows/5/cast", SF_FAKE_FAILURE_SERVER_ERROR, 100);
  sf_window_open_show (window, 5, NULL);
  wait_until (window, sections_are, GINT_TO_POINTER (SF_PAGE_SECTION_FAILED), WAIT_MS,
              "the seasons and the cast to fail");
  /* A request someone waits for is retried once, quietly, then the page says so. */
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows/5/cast"), ==, 2);

  reset_server ();
  episodes_before = sf_fake_server_get_request_count (server, "/shows/5/episodes");

  /* One Try Again on the page, however many sections failed. */
  retry = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *button;

      section = page_section (window, sections[i]);
      button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (section),
                                                          SF_TYPE_PAGE_SECTION, "retry_button"));
      if (gtk_widget_is_drawable (button))
        {
          g_assert_null (retry);
          retry = button;
        }
    }
  g_assert_nonnull (retry);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, _("_Try Again"));
  gtk_widget_activate (retry);
  wait_until (window, sections_are, GINT_TO_POINTER (SF_PAGE_SECTION_LOADED), WAIT_MS,
              "the seasons and the cast after one Try Again");
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows/5/episodes"), >,
                    episodes_before);
  g_assert_cmpint (sf_page_section_get_state (page_section (window, "facts_section")), ==,
                   SF_PAGE_SECTION_LOADED);

  close_window (window);
}

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

typedef struct
{
  gint64   id;
  gboolean followed;
} FollowedIs;

static gboolean
followed_is (SfWindow      *window,
             gconstpointer  data)
{
  const FollowedIs *expected = data;

  return sf_library_is_followed (sf_application_get_library (app), expected->id) ==
         expected->followed;
}

static gboolean
show_page_missing (SfWindow      *window,
                   gconstpointer  data)
{
  return sf_show_page_is_missing (window_page (window, "show-page"));
}

static void
follow_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_assert_true (sf_library_follow_finish (SF_LIBRARY (source), result, NULL));
}

/* A file that is not a watchlist: a short, whole message (details in a dialog, no parser
 * text). A file with an id TVmaze does not know: not counted as imported, and taken out.
 * Such a series' page: one error, with Unfollow. */
static void
test_import_messages (void)
{
  SfWindow *window = open_window ();
  SfLibrary *library = sf_application_get_library (app);
  g_autofree char *dir = g_dir_make_tmp ("sf-import-XXXXXX", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) broken = NULL;
  g_autoptr(GFile) mixed = NULL;
  g_autoptr(SfShow) unknown = NULL;
  g_autoptr(JsonNode) node = NULL;
  FollowedIs known_followed = { 0, TRUE };
  FollowedIs unknown_gone = { 987654, FALSE };
  FollowedIs unknown_followed = { 987654, TRUE };
  gint64 known = 0;

  reset_server ();
  wait_until (window, library_open, NULL, WAIT_MS, "the watchlist to open");
  for (gint64 id = 300; known == 0; id++)
    {
      g_autofree char *name = sf_fake_server_dup_show_name (server, id);

      if (name != NULL && !sf_library_is_followed (library, id))
        known = id;
    }
  known_followed.id = known;

  broken = write_file (dir, "broken.json",
                       "{\"format\": \"series-finder-watchlist\", \"version\": 1, "
                       "\"shows\": [{\"id\": 1, \"name\": \"A");
  sf_window_import_watchlist (window, broken);
  wait_until (window, window_shows_text, _("The watchlist could not be imported"), WAIT_MS,
              "the import error");
  g_assert_false (window_shows_text (window, "Parse error"));
  g_assert_false (window_shows_text (window, "<data>"));

  contents = g_strdup_printf ("{\"format\": \"series-finder-watchlist\", \"version\": 1, "
                              "\"shows\": [{\"id\": %" G_GINT64_FORMAT ", \"name\": \"Known\"}, "
                              "{\"id\": 987654, \"name\": \"Nobody Knows\"}]}", known);
  mixed = write_file (dir, "mixed.json", contents);
  sf_window_import_watchlist (window, mixed);
  wait_until (window, window_shows_text, "1 series imported, 1 could not be found on TVmaze",
              WAIT_MS, "the import's count");
  wait_until (window, followed_is, &unknown_gone, WAIT_MS, "the unknown id taken out");
  wait_until (window, followed_is, &known_followed, WAIT_MS, "the known one followed");

  /* A followed series TVmaze no longer knows: its page says so once, with Unfollow. */
  node = json_from_string ("{\"id\": 987654, \"name\": \"Nobody Knows\"}", NULL);
  unknown = sf_show_new_from_json (node, NULL);
  g_assert_nonnull (unknown);
  sf_library_follow_async (library, unknown, NULL, NULL, follow_done_cb, NULL);
  wait_until (window, followed_is, &unknown_followed, WAIT_MS, "the unknown id followed");
  sf_window_open_show (window, 987654, NULL);
  wait_until (window, show_page_missing, NULL, WAIT_MS, "the missing series' page");
  g_assert_true (window_shows_text (window, _("Series Not Found")));
  g_assert_false (window_shows_text (window, _("TVmaze does not know it.")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unfollow-shown", NULL));
  wait_until (window, followed_is, &unknown_gone, WAIT_MS, "the unknown id unfollowed");
  wait_until (window, page_is, "browse", WAIT_MS, "the search view");

  g_unlink (g_file_peek_path (broken));
  g_unlink (g_file_peek_path (mixed));
  g_rmdir (dir);
  close_window (window);
}

/* gettext ignores LANGUAGE in the C locales (glibc 2.41 in C.UTF-8 too), which
 * gtk_test_init and the suite's LC_ALL set, and no Ukrainian locale need be installed: a
 * private locale named after @language, with the data of C.UTF-8 (LOCPATH), gives gettext
 * the name it looks translations up by. */
static void
use_language_locale (const char *language)
{
  g_autofree char *dir = g_dir_make_tmp ("sf-locale-XXXXXX", NULL);
  g_autofree char *name = g_strdup_printf ("%s.UTF-8", language);
  g_autofree char *link = NULL;

  g_assert_nonnull (dir);
  link = g_build_filename (dir, name, NULL);
  g_assert_cmpint (symlink ("/usr/lib/locale/C.utf8", link), ==, 0);
  g_setenv ("LOCPATH", dir, TRUE);
  g_assert_nonnull (setlocale (LC_ALL, name));
  /* Loaded: gettext needs only the name from now on. */
  g_unlink (link);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  SfTvmazeClient *client;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  /* The translations built in the tree, for the Ukrainian window (test_narrow). */
  if (g_getenv ("LANGUAGE") != NULL)
    use_language_locale (g_getenv ("LANGUAGE"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SF_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  server = sf_fake_server_new (2000, 42);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);
  g_setenv ("SERIES_FINDER_API_URL", sf_fake_server_get_url (server), TRUE);

  app = sf_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  /* Retries as in the program, but with short pauses so the suite stays quick. */
  client = sf_backend_get_client (sf_application_get_backend (app));
  sf_tvmaze_client_set_retry_base_delay (client, 50 * 1000);
  sf_tvmaze_client_set_max_retries (client, MAX_RETRIES);

  g_test_add_func ("/series-finder/window/focus-shortcut", test_focus_shortcut);
  g_test_add_func ("/series-finder/window/typing-shows-results", test_typing_shows_results);
  g_test_add_func ("/series-finder/window/superseded-search", test_superseded_search);
  g_test_add_func ("/series-finder/window/escape-stops", test_escape_stops);
  g_test_add_func ("/series-finder/window/no-results", test_no_results);
  g_test_add_func ("/series-finder/window/server-error", test_server_error);
  g_test_add_func ("/series-finder/window/busy-then-results", test_busy_then_results);
  g_test_add_func ("/series-finder/window/rate-limited", test_rate_limited);
  g_test_add_func ("/series-finder/window/busy-countdown", test_busy_countdown);
  g_test_add_func ("/series-finder/window/follow-from-card", test_follow_from_card);
  g_test_add_func ("/series-finder/window/open-show-and-back", test_open_show_and_back);
  g_test_add_func ("/series-finder/window/person-from-cast-card", test_person_from_cast_card);
  g_test_add_func ("/series-finder/window/people-row", test_people_row);
  g_test_add_func ("/series-finder/window/person-criterion", test_person_criterion);
  g_test_add_func ("/series-finder/window/follow-from-page", test_follow_from_page_shows_in_watchlist);
  g_test_add_func ("/series-finder/window/follow-button", test_follow_button);
  g_test_add_func ("/series-finder/window/criteria-search", test_criteria_search);
  g_test_add_func ("/series-finder/window/offline", test_offline);
  g_test_add_func ("/series-finder/window/title-counts", test_title_counts);
  g_test_add_func ("/series-finder/window/first-row", test_first_row);
  g_test_add_func ("/series-finder/window/help-overlay", test_help_overlay);
  g_test_add_func ("/series-finder/window/about", test_about);
  g_test_add_func ("/series-finder/window/narrow", test_narrow);
  g_test_add_func ("/series-finder/window/card-keyboard", test_card_keyboard);
  g_test_add_func ("/series-finder/window/escape-clears", test_escape_clears);
  g_test_add_func ("/series-finder/window/try-again-all-sections", test_try_again_all_sections);
  g_test_add_func ("/series-finder/window/import-messages", test_import_messages);

  status = g_test_run ();

  g_object_unref (app);
  sf_fake_server_stop (server);
  g_object_unref (server);

  return status;
}
