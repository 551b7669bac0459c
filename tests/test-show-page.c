/* test-show-page.c: the page of one series, against the fake TVmaze, in a real window
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sf-application.h"
#include "sf-cast-dialog.h"
#include "sf-episode-row.h"
#include "sf-fake-server.h"
#include "sf-season-row.h"
#include "sf-cast-section.h"
#include "sf-next-section.h"
#include "sf-seasons-section.h"
#include "sf-show-facts-section.h"
#include "sf-show-page.h"
#include "sf-test-kit.h"

#define WAIT_MS     20000
#define MAX_RETRIES 2
/* The long show: 35 seasons, about 1,000 episodes, 1,400 cast rows. */
#define LONG_SHOW   1

static SfFakeServer   *server;
static SfTvmazeClient *client;
static SfImageLoader  *loader;

/* The page's parts, looked up through its template and its sections' properties. */
static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* "show", "seasons", "episodes", "cast" or "next" */
static SfPageSection *
section_of (SfShowPage *page,
            const char *name)
{
  if (g_str_equal (name, "show"))
    return child_of (page, SF_TYPE_SHOW_PAGE, "facts_section");
  if (g_str_equal (name, "seasons") || g_str_equal (name, "episodes"))
    return child_of (page, SF_TYPE_SHOW_PAGE, "seasons_section");
  if (g_str_equal (name, "cast"))
    return child_of (page, SF_TYPE_SHOW_PAGE, "cast_section");
  g_assert_cmpstr (name, ==, "next");
  return child_of (page, SF_TYPE_SHOW_PAGE, "next_section");
}

/* The state's nick: "none", "loading", "loaded", "empty" or "failed". "seasons" is the
 * seasons section's request for the seasons themselves ("dates-state"); "episodes" is the
 * section's own state. */
static const char *
section_state (SfShowPage *page,
               const char *name)
{
  SfPageSection *section = section_of (page, name);
  g_autoptr(GEnumClass) states = g_type_class_ref (SF_TYPE_PAGE_SECTION_STATE);
  SfPageSectionState state;

  if (g_str_equal (name, "seasons"))
    state = sf_seasons_section_get_dates_state (SF_SEASONS_SECTION (section));
  else
    state = sf_page_section_get_state (section);

  return g_enum_get_value (states, state)->value_nick;
}

static GtkWidget *
retry_button (SfShowPage *page,
              const char *name)
{
  return child_of (section_of (page, name), SF_TYPE_PAGE_SECTION, "retry_button");
}

static const char *
page_title (SfShowPage *page)
{
  return adw_window_title_get_title (child_of (page, SF_TYPE_SHOW_PAGE, "window_title"));
}

static gboolean
page_is_complete (SfShowPage *page)
{
  gboolean complete;

  g_object_get (page, "complete", &complete, NULL);
  return complete;
}

static gboolean
page_is_wide (SfShowPage *page)
{
  gboolean wide;

  g_object_get (section_of (page, "show"), "wide", &wide, NULL);
  return wide;
}

static GtkLabel *
facts_label (SfShowPage *page,
             const char *name)
{
  return child_of (section_of (page, "show"), SF_TYPE_SHOW_FACTS_SECTION, name);
}

static GtkLabel *
next_label (SfShowPage *page,
            const char *name)
{
  return child_of (section_of (page, "next"), SF_TYPE_NEXT_SECTION, name);
}

static GtkButton *
show_all_button (SfShowPage *page)
{
  return child_of (section_of (page, "cast"), SF_TYPE_CAST_SECTION, "show_all_button");
}

/* The season rows in view (those of a previous show are hidden until destroyed). */
static GPtrArray *
season_rows (SfShowPage *page)
{
  GtkWidget *list = child_of (section_of (page, "seasons"), SF_TYPE_SEASONS_SECTION,
                              "season_list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (SF_IS_SEASON_ROW (row) && gtk_widget_get_visible (row))
      g_ptr_array_add (rows, row);

  return rows;
}

static guint
n_season_rows (SfShowPage *page)
{
  g_autoptr(GPtrArray) rows = season_rows (page);

  return rows->len;
}

static SfSeasonRow *
season_row (SfShowPage *page,
            guint       index)
{
  g_autoptr(GPtrArray) rows = season_rows (page);

  g_assert_cmpuint (index, <, rows->len);
  return rows->pdata[index];
}

static GPtrArray *
cast_cards (SfShowPage *page)
{
  GtkWidget *flow = child_of (section_of (page, "cast"), SF_TYPE_CAST_SECTION, "cast_flow");
  GPtrArray *cards = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (flow); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_FLOW_BOX_CHILD (child) && gtk_widget_get_visible (child))
      g_ptr_array_add (cards, gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));

  return cards;
}

static guint
n_cast_cards (SfShowPage *page)
{
  g_autoptr(GPtrArray) cards = cast_cards (page);

  return cards->len;
}

/* (nullable) the "Show All" cast window, transient for the page's window */
static GtkWindow *
cast_dialog (SfShowPage *page)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SF_IS_CAST_DIALOG (window) &&
          gtk_window_get_transient_for (window) ==
          GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))))
        return window;
    }

  return NULL;
}

typedef gboolean (*Predicate) (SfShowPage *page, gconstpointer data);

static void
describe_states (SfShowPage *page,
                 GString    *out)
{
  static const char * const sections[] = { "show", "seasons", "episodes", "cast", "next" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_string_append_printf (out, "%s%s=%s", i > 0 ? " " : "", sections[i],
                            section_state (page, sections[i]));
}

/* Runs the main loop until @predicate holds; fails the test after @ms. */
static void
wait_until (SfShowPage    *page,
            Predicate      predicate,
            gconstpointer  data,
            guint          ms,
            const char    *what)
{
  g_autoptr(SfTestWait) wait = sf_test_wait_begin (ms, what);

  while (!predicate (page, data))
    {
      if (!sf_test_wait_step (wait))
        {
          g_autoptr(GString) states = g_string_new (NULL);

          describe_states (page, states);
          g_error ("Timed out waiting for %s (%s)", what, states->str);
        }
    }
}

static gboolean
is_complete (SfShowPage    *page,
             gconstpointer  data)
{
  return page_is_complete (page);
}

static gboolean
section_is (SfShowPage    *page,
            gconstpointer  data)
{
  /* "section=state" */
  g_auto(GStrv) parts = g_strsplit (data, "=", 2);

  return g_strcmp0 (section_state (page, parts[0]), parts[1]) == 0;
}

static gboolean
season_built (SfShowPage    *page,
              gconstpointer  data)
{
  SfSeasonRow *row = SF_SEASON_ROW ((gpointer) data);

  return sf_season_row_get_n_built (row) == sf_season_row_get_n_episodes (row);
}

static gboolean
is_wide (SfShowPage    *page,
         gconstpointer  data)
{
  return page_is_wide (page) == GPOINTER_TO_INT (data);
}

typedef struct
{
  GtkWindow  *window;
  SfShowPage *page;
} Fixture;

static void
open_page (Fixture *fixture,
           int      width)
{
  sf_fake_server_set_latency (server, 0, 0);
  sf_fake_server_clear_failures (server);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  /* Our own references, so the test can check that closing frees both. */
  g_object_ref (fixture->window);
  fixture->page = g_object_ref (sf_show_page_new (client, loader));
  gtk_window_set_default_size (fixture->window, width, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static void
close_page (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  sf_test_run_for (50);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->page);
  sf_fake_server_clear_failures (server);
  sf_fake_server_set_latency (server, 0, 0);
}

static void
assert_state (SfShowPage *page,
              const char *section,
              const char *state)
{
  g_assert_cmpstr (section_state (page, section), ==, state);
}

static guint
count_built_episode_rows (SfShowPage *page)
{
  guint n = 0;

  for (guint i = 0; i < n_season_rows (page); i++)
    n += sf_season_row_get_n_built ((season_row (page, i)));

  return n;
}

static void
test_fills_in (void)
{
  Fixture fixture;
  g_autofree char *name = sf_fake_server_dup_show_name (server, LONG_SHOW);
  const char *show_all;
  const char *next;
  SfSeasonRow *first;
  SfEpisodeRow *episode = NULL;
  const char *previous;
  GtkWindow *dialog;
  GtkGridView *grid;
  GListModel *model;

  open_page (&fixture, 1000);
  sf_show_page_load (fixture.page, LONG_SHOW, NULL);
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the whole page");

  assert_state (fixture.page, "show", "loaded");
  assert_state (fixture.page, "seasons", "loaded");
  assert_state (fixture.page, "episodes", "loaded");
  assert_state (fixture.page, "cast", "loaded");
  assert_state (fixture.page, "next", "loaded");
  g_assert_true (page_is_wide (fixture.page));

  g_assert_cmpstr (page_title (fixture.page), ==, name);
  g_assert_cmpstr (gtk_label_get_text (facts_label (fixture.page, "name_label")), ==, name);
  g_assert_cmpstr (gtk_label_get_text (facts_label (fixture.page, "summary_label")), !=, "");
  g_assert_cmpuint (n_season_rows (fixture.page), ==, 35);

  /* 24 cards on the page, the whole cast behind the button (the locale may group digits). */
  g_assert_cmpuint (n_cast_cards (fixture.page), ==, 24);
  show_all = gtk_button_get_label (show_all_button (fixture.page));
  g_assert_true (strstr (show_all, "1400") != NULL || strstr (show_all, "1,400") != NULL);

  next = gtk_label_get_text (next_label (fixture.page, "next_label"));
  g_assert_true (g_str_has_prefix (next, "Next episode: "));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (next_label (fixture.page, "next_label"))));
  previous = gtk_label_get_text (next_label (fixture.page, "previous_label"));
  g_assert_true (g_str_has_prefix (previous, "Previous episode: "));

  /* The poster beside the facts measures in order (GTK 4.18 warned of a minimum height of
   * 1069 px for a natural 295 px) and gets no more height than it asks for. */
  {
    GtkWidget *top = child_of (section_of (fixture.page, "show"), SF_TYPE_SHOW_FACTS_SECTION,
                               "top_box");
    int width = gtk_widget_get_width (top);
    int min_height, nat_height;

    gtk_widget_measure (top, GTK_ORIENTATION_VERTICAL, width, &min_height, &nat_height,
                        NULL, NULL);
    g_assert_cmpint (min_height, <=, nat_height);
    g_assert_cmpint (gtk_widget_get_height (top), <=, nat_height);
    gtk_widget_measure (top, GTK_ORIENTATION_VERTICAL, -1, &min_height, &nat_height, NULL, NULL);
    g_assert_cmpint (min_height, <=, nat_height);
  }

  /* Episode rows exist only for seasons that were expanded. */
  g_assert_cmpuint (count_built_episode_rows (fixture.page), ==, 0);
  first = (season_row (fixture.page, 0));
  g_assert_cmpint (sf_season_row_get_number (first), ==, 1);
  g_assert_cmpuint (sf_season_row_get_n_episodes (first), >, 0);
  sf_season_row_set_expanded (first, TRUE);
  wait_until (fixture.page, season_built, first, WAIT_MS, "the episodes of season 1");
  g_assert_cmpuint (count_built_episode_rows (fixture.page), ==,
                    sf_season_row_get_n_episodes (first));

  /* An episode's summary is made when it is expanded. */
  for (guint i = 0; i < sf_season_row_get_n_built (first); i++)
    {
      episode = SF_EPISODE_ROW (sf_season_row_get_episode_row (first, i));
      if (sf_episode_get_summary_html (sf_episode_row_get_episode (episode)) != NULL)
        break;
    }
  g_assert_null (sf_episode_row_get_summary_label (episode));
  sf_episode_row_set_expanded (episode, TRUE);
  g_assert_true (sf_episode_row_get_expanded (episode));
  g_assert_nonnull (sf_episode_row_get_summary_label (episode));
  g_assert_cmpstr (gtk_label_get_text (sf_episode_row_get_summary_label (episode)), !=, "");

  /* "Show All" opens every cast member in a virtualized grid. */
  g_signal_emit_by_name (show_all_button (fixture.page), "clicked");
  dialog = cast_dialog (fixture.page);
  g_assert_nonnull (dialog);
  grid = sf_cast_dialog_get_grid (SF_CAST_DIALOG (dialog));
  model = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1400);
  sf_test_run_for (200);
  gtk_window_destroy (dialog);
  g_assert_null (cast_dialog (fixture.page));

  close_page (&fixture);
}

static void
test_known_show_at_once (void)
{
  Fixture fixture;
  g_autoptr(JsonNode) node = json_from_string ("{\"id\": 9, \"name\": \"From the card\"}", NULL);
  g_autoptr(SfShow) known = sf_show_new_from_json (node, NULL);
  g_autofree char *name = sf_fake_server_dup_show_name (server, 9);

  open_page (&fixture, 1000);
  sf_show_page_load (fixture.page, 9, known);
  /* Before any answer: what the card had. */
  g_assert_cmpstr (page_title (fixture.page), ==, "From the card");
  assert_state (fixture.page, "show", "loading");

  wait_until (fixture.page, section_is, "show=loaded", WAIT_MS, "the show");
  g_assert_cmpstr (page_title (fixture.page), ==, name);
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the whole page");

  close_page (&fixture);
}

/* TVmaze fails on the series itself while the card's details are shown: the page says they
 * may be out of date (not that the series is missing), stops waiting for the next episode,
 * and Retry brings everything. */
static void
test_known_show_failed (void)
{
  Fixture fixture;
  g_autoptr(JsonNode) node = json_from_string ("{\"id\": 9, \"name\": \"From the card\"}", NULL);
  g_autoptr(SfShow) known = sf_show_new_from_json (node, NULL);
  GtkWidget *retry;
  GtkWidget *label;

  open_page (&fixture, 1000);
  sf_fake_server_fail_next (server, "/shows/9$", SF_FAKE_FAILURE_INVALID_JSON, 1);
  sf_show_page_load (fixture.page, 9, known);

  wait_until (fixture.page, section_is, "show=failed", WAIT_MS, "the show's error");
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "nothing left to wait for");
  g_assert_cmpstr (page_title (fixture.page), ==, "From the card");
  assert_state (fixture.page, "next", "none");

  retry = retry_button (fixture.page, "show");
  g_assert_true (gtk_widget_is_drawable (retry));
  label = gtk_widget_get_prev_sibling (retry);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)),
                                   "These details may be out of date. "));
  /* The star works on what is known. */
  g_assert_true (gtk_widget_get_sensitive (child_of (fixture.page, SF_TYPE_SHOW_PAGE, "follow_button")));

  gtk_widget_activate (retry);
  wait_until (fixture.page, section_is, "show=loaded", WAIT_MS, "the show after Retry");
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the whole page");
  g_assert_false (gtk_widget_is_drawable (retry));

  close_page (&fixture);
}

static void
test_slow_cast (void)
{
  Fixture fixture;

  open_page (&fixture, 1000);
  /* The cast never answers; everything else must not wait for it. */
  sf_fake_server_fail_next (server, "/shows/1/cast", SF_FAKE_FAILURE_STALL, 1);
  sf_show_page_load (fixture.page, LONG_SHOW, NULL);

  wait_until (fixture.page, section_is, "show=loaded", WAIT_MS, "the show");
  wait_until (fixture.page, section_is, "seasons=loaded", WAIT_MS, "the seasons");
  wait_until (fixture.page, section_is, "episodes=loaded", WAIT_MS, "the episodes");
  wait_until (fixture.page, section_is, "next=loaded", WAIT_MS, "the next episode");
  assert_state (fixture.page, "cast", "loading");
  g_assert_cmpuint (n_cast_cards (fixture.page), ==, 0);

  /* Leaving cancels the stalled request. */
  close_page (&fixture);
}

static void
test_failed_section_retries_alone (void)
{
  Fixture fixture;
  guint episodes_before;
  guint seasons_before;
  guint cast_before;
  GtkWidget *retry;

  open_page (&fixture, 1000);
  sf_fake_server_fail_next (server, "/shows/3/cast", SF_FAKE_FAILURE_SERVER_ERROR,
                            MAX_RETRIES + 1);
  sf_show_page_load (fixture.page, 3, NULL);

  wait_until (fixture.page, section_is, "cast=failed", WAIT_MS, "the cast's error");
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the other sections");
  assert_state (fixture.page, "show", "loaded");
  assert_state (fixture.page, "seasons", "loaded");
  assert_state (fixture.page, "episodes", "loaded");
  assert_state (fixture.page, "cast", "failed");

  retry = retry_button (fixture.page, "cast");
  g_assert_true (gtk_widget_is_drawable (retry));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, "_Try Again");
  /* The other sections have no error to show. */
  g_assert_false (gtk_widget_is_drawable (retry_button (fixture.page, "show")));
  retry = retry_button (fixture.page, "episodes");
  g_assert_false (gtk_widget_is_drawable (retry));
  retry = retry_button (fixture.page, "cast");

  /* TVmaze is well again (a request someone waits for is retried once only, so the
   * failures asked for may not all have been used). */
  sf_fake_server_clear_failures (server);
  episodes_before = sf_fake_server_get_request_count (server, "/shows/3/episodes");
  seasons_before = sf_fake_server_get_request_count (server, "/shows/3/seasons");
  cast_before = sf_fake_server_get_request_count (server, "/shows/3/cast");

  gtk_widget_activate (retry);
  wait_until (fixture.page, section_is, "cast=loaded", WAIT_MS, "the cast after Retry");
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the cast cards");
  g_assert_cmpuint (n_cast_cards (fixture.page), >, 0);

  /* Only the cast was asked for again. */
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows/3/cast"), ==,
                    cast_before + 1);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows/3/episodes"), ==,
                    episodes_before);
  g_assert_cmpuint (sf_fake_server_get_request_count (server, "/shows/3/seasons"), ==,
                    seasons_before);
  assert_state (fixture.page, "show", "loaded");
  assert_state (fixture.page, "episodes", "loaded");

  close_page (&fixture);
}

static void
test_failed_episodes (void)
{
  Fixture fixture;
  GtkWidget *retry;

  /* Show 1 has episodes in every season (some generated shows have none at all). */
  open_page (&fixture, 1000);
  sf_fake_server_fail_next (server, "/shows/1/episodes", SF_FAKE_FAILURE_INVALID_JSON, 1);
  sf_show_page_load (fixture.page, 1, NULL);

  wait_until (fixture.page, section_is, "episodes=failed", WAIT_MS, "the episodes' error");
  wait_until (fixture.page, section_is, "cast=loaded", WAIT_MS, "the cast");
  g_assert_cmpuint (n_season_rows (fixture.page), ==, 0);

  retry = retry_button (fixture.page, "episodes");
  g_assert_true (gtk_widget_is_drawable (retry));
  /* A button activated from the keyboard clicks after its short pressed look. */
  gtk_widget_activate (retry);
  wait_until (fixture.page, section_is, "episodes=loaded", WAIT_MS, "the episodes after Retry");
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the page after Retry");
  g_assert_cmpuint (n_season_rows (fixture.page), >, 0);
  g_assert_false (gtk_widget_is_drawable (retry));

  close_page (&fixture);
}

static void
test_stop_cancels (void)
{
  Fixture fixture;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);

  open_page (&fixture, 1000);
  sf_fake_server_set_latency (server, 1000, 0);
  sf_show_page_load (fixture.page, 5, NULL);
  sf_test_run_for (100);
  sf_show_page_stop (fixture.page);

  describe_states (fixture.page, before);
  sf_test_run_for (1500);
  describe_states (fixture.page, after);

  /* Nothing changed, nothing landed. */
  g_assert_cmpstr (after->str, ==, before->str);
  g_assert_cmpstr (page_title (fixture.page), ==, "");
  g_assert_null (sf_show_page_get_show (fixture.page));
  g_assert_cmpuint (n_season_rows (fixture.page), ==, 0);
  g_assert_cmpuint (n_cast_cards (fixture.page), ==, 0);

  close_page (&fixture);
}

static void
test_load_another (void)
{
  Fixture fixture;
  g_autofree char *name = sf_fake_server_dup_show_name (server, 2);
  GtkWidget *show_all;

  open_page (&fixture, 1000);
  sf_fake_server_set_latency (server, 300, 0);
  sf_show_page_load (fixture.page, LONG_SHOW, NULL);
  sf_test_run_for (100);
  /* A person going back and opening another series at once: the first one's answers must
   * not land on the second page. */
  sf_show_page_load (fixture.page, 2, NULL);
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the second show");
  sf_test_run_for (500);

  g_assert_cmpstr (page_title (fixture.page), ==, name);
  g_assert_cmpint (sf_show_get_id (sf_show_page_get_show (fixture.page)), ==, 2);
  g_assert_cmpuint (n_season_rows (fixture.page), <, 35);
  g_assert_cmpuint (n_cast_cards (fixture.page), <=, 24);
  show_all = GTK_WIDGET (show_all_button (fixture.page));
  g_assert_false (gtk_widget_get_visible (show_all));

  close_page (&fixture);
}

/* Objects that must be finalized once the page has moved on, counted until they are. Weak
 * references rather than g_type_get_instance_count(): Debian's GLib is built without
 * G_ENABLE_DEBUG, where that always answers 0. */
static guint n_watched_alive;

static void
watched_gone_cb (gpointer  data,
                 GObject  *where_the_object_was)
{
  g_assert_cmpuint (n_watched_alive, >, 0);
  n_watched_alive--;
}

static void
watch (gpointer object)
{
  g_assert_true (G_IS_OBJECT (object));
  n_watched_alive++;
  g_object_weak_ref (G_OBJECT (object), watched_gone_cb, NULL);
}

/* Watches what a load of the long show made and what a person would make of it: the show,
 * every season row, two opened seasons with their episode rows and episodes (one summary
 * shown), the cast cards, and every cast member through the "Show All" window. */
static void
watch_long_show (SfShowPage *page)
{
  static const guint opened[] = { 0, 34 };
  g_autoptr(GPtrArray) cards = NULL;
  GtkWindow *dialog;
  GListModel *cast;

  watch (sf_show_page_get_show (page));
  for (guint i = 0; i < n_season_rows (page); i++)
    watch (season_row (page, i));

  for (guint i = 0; i < G_N_ELEMENTS (opened); i++)
    {
      SfSeasonRow *row = (season_row (page, opened[i]));

      sf_season_row_set_expanded (row, TRUE);
      wait_until (page, season_built, row, WAIT_MS, "the episodes of an opened season");
      for (guint j = 0; j < sf_season_row_get_n_built (row); j++)
        {
          SfEpisodeRow *episode = SF_EPISODE_ROW (sf_season_row_get_episode_row (row, j));

          if (j == 0)
            sf_episode_row_set_expanded (episode, TRUE);
          watch (episode);
          watch (sf_episode_row_get_episode (episode));
        }
    }

  cards = cast_cards (page);
  for (guint i = 0; i < cards->len; i++)
    watch (cards->pdata[i]);

  g_signal_emit_by_name (show_all_button (page), "clicked");
  dialog = cast_dialog (page);
  g_assert_nonnull (dialog);
  watch (dialog);
  cast = G_LIST_MODEL (gtk_grid_view_get_model (sf_cast_dialog_get_grid (SF_CAST_DIALOG (dialog))));
  for (guint i = 0; i < g_list_model_get_n_items (cast); i++)
    {
      g_autoptr(GObject) member = g_list_model_get_item (cast, i);

      watch (member);
    }
}

static void
test_next_show_frees_the_last (void)
{
  Fixture fixture;

  open_page (&fixture, 1000);

  /* A person opens the long show, looks around, leaves it and opens another, again and
   * again: each time, all of the long show goes. */
  for (guint round = 0; round < 3; round++)
    {
      sf_show_page_load (fixture.page, LONG_SHOW, NULL);
      wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the long show");
      watch_long_show (fixture.page);
      /* Photos on their way to the cards of the cast window. */
      sf_test_run_for (200);
      g_assert_cmpuint (n_watched_alive, >=, 1 + 35 + 24 + 1 + 1400);

      sf_show_page_stop (fixture.page);
      sf_show_page_load (fixture.page, 2, NULL);
      wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the next show");
      sf_test_run_for (100);
      g_assert_cmpuint (n_watched_alive, ==, 0);
    }

  close_page (&fixture);
}

static void
test_hostile_markup (void)
{
  Fixture fixture;
  const char *hostile_name = "<b>Bold</b> & <i>";
  GtkLabel *summary;

  open_page (&fixture, 1000);
  sf_fake_server_override_show (server, 7, hostile_name,
                                "<script>alert(1)</script><p>Fine &amp; dandy</p>");
  sf_show_page_load (fixture.page, 7, NULL);
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the page");

  /* The name is text, shown as sent. */
  g_assert_cmpstr (page_title (fixture.page), ==, hostile_name);
  g_assert_cmpstr (gtk_label_get_text (facts_label (fixture.page, "name_label")), ==,
                   hostile_name);
  g_assert_false (gtk_label_get_use_markup (facts_label (fixture.page, "name_label")));

  /* The summary is safe markup: the entity decoded, no tag of the page's own. */
  summary = facts_label (fixture.page, "summary_label");
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "Fine & dandy"));
  g_assert_null (strstr (gtk_label_get_text (summary), "<script>"));
  g_assert_null (strstr (gtk_label_get_label (summary), "<script"));

  close_page (&fixture);
}

static void
test_narrow (void)
{
  Fixture fixture;
  SfSeasonRow *row;

  open_page (&fixture, 360);
  sf_show_page_load (fixture.page, LONG_SHOW, NULL);
  wait_until (fixture.page, is_complete, NULL, WAIT_MS, "the page");
  wait_until (fixture.page, is_wide, GINT_TO_POINTER (FALSE), WAIT_MS, "the narrow layout");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.page)), <=, 360);

  row = (season_row (fixture.page, 34));
  sf_season_row_set_expanded (row, TRUE);
  wait_until (fixture.page, season_built, row, WAIT_MS, "the episodes of the last season");
  sf_test_run_for (300);

  close_page (&fixture);

  /* (Resizing a mapped window is not reliable under broadway: a wide window of its own.) */
  open_page (&fixture, 1000);
  sf_show_page_load (fixture.page, LONG_SHOW, NULL);
  wait_until (fixture.page, is_wide, GINT_TO_POINTER (TRUE), WAIT_MS, "the wide layout");
  close_page (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sf_ui_register_resources ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/seriesfinder/SeriesFinder/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  server = sf_fake_server_new (2000, 42);
  if (!sf_fake_server_start (server, 0, &error))
    g_error ("Could not start the fake server: %s", error->message);

  session = soup_session_new ();
  client = sf_tvmaze_client_new (session, sf_fake_server_get_url (server));
  /* Retries as in the program, with short pauses, and no rate limit to wait for. */
  sf_tvmaze_client_set_retry_base_delay (client, 50 * 1000);
  sf_tvmaze_client_set_max_retries (client, MAX_RETRIES);
  sf_rate_limiter_set_limits (sf_tvmaze_client_get_rate_limiter (client), 1000, G_USEC_PER_SEC);
  sf_rate_limiter_set_back_off_base (sf_tvmaze_client_get_rate_limiter (client), 10 * 1000);
  loader = sf_image_loader_new (client, 32 * 1024 * 1024);

  g_test_add_func ("/series-finder/show-page/fills-in", test_fills_in);
  g_test_add_func ("/series-finder/show-page/known-show-at-once", test_known_show_at_once);
  g_test_add_func ("/series-finder/show-page/known-show-failed", test_known_show_failed);
  g_test_add_func ("/series-finder/show-page/slow-cast", test_slow_cast);
  g_test_add_func ("/series-finder/show-page/failed-section-retries-alone",
                   test_failed_section_retries_alone);
  g_test_add_func ("/series-finder/show-page/failed-episodes", test_failed_episodes);
  g_test_add_func ("/series-finder/show-page/stop-cancels", test_stop_cancels);
  g_test_add_func ("/series-finder/show-page/load-another", test_load_another);
  g_test_add_func ("/series-finder/show-page/next-show-frees-the-last",
                   test_next_show_frees_the_last);
  g_test_add_func ("/series-finder/show-page/hostile-markup", test_hostile_markup);
  g_test_add_func ("/series-finder/show-page/narrow", test_narrow);

  status = g_test_run ();

  g_assert_finalize_object (loader);
  g_clear_object (&client);
  sf_fake_server_stop (server);
  g_clear_object (&server);

  return status;
}
