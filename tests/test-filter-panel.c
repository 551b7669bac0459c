/* The filter panel and the criteria chips, in real windows. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sf-application.h"
#include "sf-catalog.h"
#include "sf-criteria-chips.h"
#include "sf-criteria-text.h"
#include "sf-filter-chip.h"
#include "sf-filter-panel.h"
#include "sf-range-row.h"
#include "sf-scroll-guard.h"
#include "sf-removable-chip.h"
#include "sf-index-page.h"
#include "sf-test-kit.h"

#define WAIT_MS 10000
#define SEED 7
#define N_PAGES 3
#define HOSTILE "<b>x</b>"
#define HOSTILE_COUNTRY "<b>France</b> & Co"

static char *tmpdir;
static GPtrArray *shows;   /* SfShow: every generated show, as stored in the catalog */
static SfCatalog *catalog;

/* Generated shows: every value set, a language and a channel no fixed list knows, a genre
 * that never occurs (a count of 0), and a hostile channel name and country name. */

static const char * const genres[] = {
  "Action", "Comedy", "Crime", "Drama", "Fantasy", "Horror", "Reality", "Romance",
  "Science-Fiction", "Thriller", "Anime", "Food",
};
static const char * const statuses[] = { "Running", "Ended", "To Be Determined" };
static const char * const types[] = { "Scripted", "Animation", "Reality", "Documentary" };
static const char * const languages[] = { "English", "Japanese", "Klingon", "French" };
static const char * const networks[] = { "HBO", "HBO Max", "NBC", "BBC One", HOSTILE };
static const struct {
  const char *code;
  const char *name;
} countries[] = {
  { "US", "United States" }, { "US", "United States" }, { "US", "United States" },
  { "GB", "United Kingdom" }, { "FR", HOSTILE_COUNTRY },
};

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

static char *
generate_show (GRand  *rand,
               gint64  id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = g_strdup_printf ("Show %" G_GINT64_FORMAT, id);
  guint network = g_rand_int_range (rand, 0, G_N_ELEMENTS (networks));
  guint country;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, PICK (rand, types));
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, PICK (rand, languages));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, PICK (rand, statuses));

  json_builder_set_member_name (builder, "genres");
  json_builder_begin_array (builder);
  for (guint i = 0, n = g_rand_int_range (rand, 0, 4); i < n; i++)
    json_builder_add_string_value (builder, PICK (rand, genres));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "runtime");
  json_builder_add_int_value (builder, (const int[]) { 22, 30, 45, 60, 90 }
                                       [g_rand_int_range (rand, 0, 5)]);
  json_builder_set_member_name (builder, "premiered");
  {
    g_autofree char *date = g_strdup_printf ("%04d-05-01", g_rand_int_range (rand, 1990, 2025));

    json_builder_add_string_value (builder, date);
  }
  json_builder_set_member_name (builder, "rating");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "average");
  if (g_rand_boolean (rand))
    json_builder_add_double_value (builder, g_rand_int_range (rand, 10, 100) / 10.0);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "weight");
  json_builder_add_int_value (builder, g_rand_int_range (rand, 0, 101));

  json_builder_set_member_name (builder, "network");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, network + 1);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, networks[network]);
  json_builder_set_member_name (builder, "country");
  json_builder_begin_object (builder);
  country = g_rand_int_range (rand, 0, G_N_ELEMENTS (countries));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, countries[country].name);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, countries[country].code);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  sf_catalog_store_page_finish (SF_CATALOG (source), result, &error);
  g_assert_no_error (error);
  (*(guint *) user_data)--;
}

static gboolean
none_pending (gconstpointer data)
{
  return *(const guint *) data == 0;
}

static void
build_catalog (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *path = g_build_filename (tmpdir, "catalog.db", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint pending = 0;

  catalog = sf_catalog_new (path, SF_CATALOG_FLAGS_NONE);
  sf_catalog_open_async (catalog, NULL, sf_test_result_cb, &result);
  sf_test_wait_for_result (&result, WAIT_MS, "the catalog to open");
  sf_catalog_open_finish (catalog, result, &error);
  g_assert_no_error (error);

  shows = g_ptr_array_new_with_free_func (g_object_unref);
  for (int page = 0; page < N_PAGES; page++)
    {
      g_autoptr(GString) text = g_string_new ("[");
      g_autoptr(GPtrArray) page_shows = NULL;
      g_autoptr(GPtrArray) json = NULL;

      for (gint64 id = MAX (page * SF_CATALOG_PAGE_SIZE, 1);
           id < (page + 1) * SF_CATALOG_PAGE_SIZE; id += 3)
        {
          g_autofree char *show = generate_show (rand, id);

          g_string_append_printf (text, "%s%s", text->len > 1 ? "," : "", show);
        }
      g_string_append (text, "]");

      page_shows = sf_index_page_parse (text->str, text->len, &json, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page_shows->len; i++)
        g_ptr_array_add (shows, g_object_ref (g_ptr_array_index (page_shows, i)));

      pending++;
      sf_catalog_store_page_async (catalog, page, page_shows, json, NULL, stored_cb, &pending);
    }

  sf_test_wait_until (none_pending, &pending, WAIT_MS, "the pages to be stored");
}

static void
close_catalog (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sf_catalog_close_async (catalog, NULL, sf_test_result_cb, &result);
  sf_test_wait_for_result (&result, WAIT_MS, "the catalog to close");
  sf_catalog_close_finish (catalog, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_finalize_object (catalog);
  catalog = NULL;
}

static guint
brute_count (const SfCriteria *criteria)
{
  guint n = 0;

  for (guint i = 0; i < shows->len; i++)
    if (sf_criteria_matches (criteria, g_ptr_array_index (shows, i)))
      n++;

  return n;
}

static guint
brute_facet (const SfCriteria *criteria,
             SfCriterion       criterion,
             const char       *value)
{
  g_autoptr(SfCriteria) facet = sf_criteria_copy_for_facet (criteria, criterion, value);

  return brute_count (facet);
}

static char *
count_text (guint n)
{
  return g_strdup_printf ("%'u", n);
}

/* The panel in a window */

typedef struct
{
  GtkWindow     *window;
  SfFilterPanel *panel;
  guint          n_changed;
  SfCriteria    *last;        /* as emitted */
} Fixture;

static void
criteria_changed_cb (SfFilterPanel *panel,
                     SfCriteria    *criteria,
                     Fixture       *fixture)
{
  g_assert_true (criteria == sf_filter_panel_get_criteria (panel));
  fixture->n_changed++;
  g_clear_pointer (&fixture->last, sf_criteria_unref);
  fixture->last = sf_criteria_copy (criteria);
}

static void
open_panel (Fixture *fixture,
            int      width)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->panel = SF_FILTER_PANEL (sf_filter_panel_new ());
  fixture->n_changed = 0;
  fixture->last = NULL;

  g_object_ref (fixture->window);
  g_object_ref (fixture->panel);
  g_signal_connect (fixture->panel, "criteria-changed", G_CALLBACK (criteria_changed_cb), fixture);
  gtk_window_set_default_size (fixture->window, width, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
  sf_test_run_for (50);
}

static void
close_panel (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  sf_test_run_for (50);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->panel);
  g_clear_pointer (&fixture->last, sf_criteria_unref);
}

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->panel),
                                                  SF_TYPE_FILTER_PANEL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* A spin button ("from_spin" or "to_spin") of the range @range ("year_range"...) */
static GtkWidget *
range_spin (Fixture    *fixture,
            const char *range,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (template_child (fixture, range),
                                                  SF_TYPE_RANGE_ROW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

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

static SfFilterChip *
find_chip (SfFilterPanel *panel,
           SfCriterion    criterion,
           const char    *value)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();

  collect (GTK_WIDGET (panel), SF_TYPE_FILTER_CHIP, chips);
  for (guint i = 0; i < chips->len; i++)
    {
      SfFilterChip *chip = g_ptr_array_index (chips, i);

      if (sf_filter_chip_get_criterion (chip) == criterion &&
          g_strcmp0 (sf_filter_chip_get_value (chip), value) == 0)
        return chip;
    }

  return NULL;
}

static SfFilterChip *
get_chip (SfFilterPanel *panel,
          SfCriterion    criterion,
          const char    *value)
{
  SfFilterChip *chip = find_chip (panel, criterion, value);

  if (chip == NULL)
    g_error ("No chip for %s", value);
  return chip;
}

typedef struct {
  SfFilterPanel *panel;
  SfCriterion    criterion;
  const char    *value;
} ChipQuery;

static gboolean
chip_shown (gconstpointer data)
{
  const ChipQuery *query = data;

  return find_chip (query->panel, query->criterion, query->value) != NULL;
}

static SfFilterChipState
state_of (SfFilterPanel *panel,
          SfCriterion    criterion,
          const char    *value)
{
  return sf_filter_chip_get_state (get_chip (panel, criterion, value));
}

static guint
n_values (const SfCriteria *criteria,
          SfCriterion       criterion)
{
  return g_strv_length ((GStrv) sf_criteria_get_values (criteria, criterion));
}

static void
click_chip (SfFilterChip *chip)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (chip));

  /* The chip's one child is its button. (Activating a button clicks it only after a
   * moment, so the click is emitted directly.) */
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Criteria */

static gboolean
values_are (const SfCriteria *criteria,
            SfCriterion       criterion,
            const char       *value)
{
  const char * const *values = sf_criteria_get_values (criteria, criterion);

  if (value == NULL)
    return values[0] == NULL;
  return values[0] != NULL && g_strcmp0 (values[0], value) == 0 && values[1] == NULL;
}

static SfCriteria *
full_criteria (void)
{
  SfCriteria *criteria = sf_criteria_new ();

  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Comedy");
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_EXCLUDE, "Reality");
  sf_criteria_add_value (criteria, SF_CRITERION_STATUS, "Ended");
  sf_criteria_add_value (criteria, SF_CRITERION_TYPE, "Scripted");
  sf_criteria_add_value (criteria, SF_CRITERION_LANGUAGE, "Japanese");
  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, "HBO");
  sf_criteria_add_value (criteria, SF_CRITERION_COUNTRY, "GB");
  sf_criteria_set_year_range (criteria, 2010, 2015);
  sf_criteria_set_min_rating (criteria, 7.5);
  sf_criteria_set_runtime_range (criteria, 30, 60);
  sf_criteria_set_sort (criteria, SF_SORT_RATING);

  return criteria;
}

/* Tests */

static void
test_genre_cycle (void)
{
  Fixture fixture;
  SfFilterChip *drama;

  open_panel (&fixture, 320);
  g_assert_true (sf_criteria_is_empty (sf_filter_panel_get_criteria (fixture.panel)));

  /* Every TVmaze genre, status and type has a chip from the start. */
  for (guint i = 0; sf_criteria_get_known_values (SF_CRITERION_GENRES_ALL)[i] != NULL; i++)
    get_chip (fixture.panel, SF_CRITERION_GENRES_ALL,
              sf_criteria_get_known_values (SF_CRITERION_GENRES_ALL)[i]);
  get_chip (fixture.panel, SF_CRITERION_STATUS, "In Development");
  get_chip (fixture.panel, SF_CRITERION_TYPE, "Panel Show");

  drama = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama");

  /* neutral -> included: at once, no waiting */
  click_chip (drama);
  g_assert_cmpuint (fixture.n_changed, ==, 1);
  g_assert_cmpint (sf_filter_chip_get_state (drama), ==, SF_FILTER_CHIP_INCLUDED);
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_ALL, "Drama"));
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_EXCLUDE, NULL));

  /* -> excluded */
  click_chip (drama);
  g_assert_cmpuint (fixture.n_changed, ==, 2);
  g_assert_cmpint (sf_filter_chip_get_state (drama), ==, SF_FILTER_CHIP_EXCLUDED);
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_ALL, NULL));
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_EXCLUDE, "Drama"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (GTK_WIDGET (drama)),
                                           "destructive-action"));

  /* -> neutral */
  click_chip (drama);
  g_assert_cmpuint (fixture.n_changed, ==, 3);
  g_assert_cmpint (sf_filter_chip_get_state (drama), ==, SF_FILTER_CHIP_NEUTRAL);
  g_assert_true (sf_criteria_is_empty (fixture.last));

  /* "Any" mode: included genres go to the "any of" list, and move over when it changes. */
  click_chip (drama);
  click_chip (get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Crime"));
  g_assert_cmpuint (fixture.n_changed, ==, 5);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (template_child (&fixture, "genre_any_button")),
                                TRUE);
  g_assert_cmpuint (fixture.n_changed, ==, 6);
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_ALL, NULL));
  g_assert_cmpuint (n_values (fixture.last, SF_CRITERION_GENRES_ANY), ==, 2);
  click_chip (get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Action"));
  g_assert_cmpuint (n_values (fixture.last, SF_CRITERION_GENRES_ANY), ==, 3);

  /* Two-state chips: status and type */
  click_chip (get_chip (fixture.panel, SF_CRITERION_STATUS, "Ended"));
  g_assert_true (values_are (fixture.last, SF_CRITERION_STATUS, "Ended"));
  click_chip (get_chip (fixture.panel, SF_CRITERION_STATUS, "Ended"));
  g_assert_true (values_are (fixture.last, SF_CRITERION_STATUS, NULL));
  click_chip (get_chip (fixture.panel, SF_CRITERION_TYPE, "Talk Show"));
  g_assert_true (values_are (fixture.last, SF_CRITERION_TYPE, "Talk Show"));
  /* Without a catalog, a few common languages are offered. */
  click_chip (get_chip (fixture.panel, SF_CRITERION_LANGUAGE, "English"));
  g_assert_true (values_are (fixture.last, SF_CRITERION_LANGUAGE, "English"));

  /* Nothing else was emitted later on. */
  sf_test_run_for (300);
  g_assert_cmpuint (fixture.n_changed, ==, 11);

  close_panel (&fixture);
}

static void
test_set_criteria (void)
{
  g_autoptr(SfCriteria) criteria = full_criteria ();
  g_autoptr(GPtrArray) channel_chips = g_ptr_array_new ();
  Fixture fixture;
  GtkWidget *spin;

  open_panel (&fixture, 320);

  sf_filter_panel_set_criteria (fixture.panel, criteria);
  g_assert_cmpuint (fixture.n_changed, ==, 1);
  g_assert_true (sf_criteria_equal (fixture.last, criteria));
  g_assert_true (sf_criteria_equal (sf_filter_panel_get_criteria (fixture.panel), criteria));

  /* The same again: nothing to say. */
  sf_filter_panel_set_criteria (fixture.panel, criteria);
  g_assert_cmpuint (fixture.n_changed, ==, 1);

  g_assert_cmpint (state_of (fixture.panel, SF_CRITERION_GENRES_ALL, "Comedy"),
                   ==, SF_FILTER_CHIP_INCLUDED);
  g_assert_cmpint (state_of (fixture.panel, SF_CRITERION_GENRES_ALL, "Reality"),
                   ==, SF_FILTER_CHIP_EXCLUDED);
  g_assert_cmpint (state_of (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama"),
                   ==, SF_FILTER_CHIP_NEUTRAL);
  g_assert_cmpint (state_of (fixture.panel, SF_CRITERION_STATUS, "Ended"),
                   ==, SF_FILTER_CHIP_INCLUDED);
  g_assert_cmpint (state_of (fixture.panel, SF_CRITERION_TYPE, "Scripted"),
                   ==, SF_FILTER_CHIP_INCLUDED);
  g_assert_cmpint (state_of (fixture.panel, SF_CRITERION_LANGUAGE, "Japanese"),
                   ==, SF_FILTER_CHIP_INCLUDED);

  collect (template_child (&fixture, "channel_chips"), SF_TYPE_REMOVABLE_CHIP, channel_chips);
  g_assert_cmpuint (channel_chips->len, ==, 1);
  g_assert_cmpstr (sf_removable_chip_get_label (channel_chips->pdata[0]), ==, "HBO");

  spin = range_spin (&fixture, "year_range", "from_spin");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 2010);
  spin = range_spin (&fixture, "year_range", "to_spin");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 2015);
  spin = range_spin (&fixture, "runtime_range", "from_spin");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 30);
  spin = range_spin (&fixture, "runtime_range", "to_spin");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 60);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (template_child (&fixture, "rating_scale"))),
                     ==, 7.5);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (template_child (&fixture,
                                                                              "sort_row"))),
                    ==, SF_SORT_RATING);
  g_assert_true (gtk_widget_get_sensitive (template_child (&fixture, "reset_button")));

  /* A value no list knows still gets a chip, so it can be seen and turned off. */
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Mockumentary");
  sf_filter_panel_set_criteria (fixture.panel, criteria);
  g_assert_cmpuint (fixture.n_changed, ==, 2);
  click_chip (get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Mockumentary"));
  g_assert_cmpuint (fixture.n_changed, ==, 3);
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_ALL, "Comedy"));
  g_assert_true (g_strv_contains (sf_criteria_get_values (fixture.last,
                                                          SF_CRITERION_GENRES_EXCLUDE),
                                  "Mockumentary"));

  /* Removing a channel with its chip */
  sf_removable_chip_remove (channel_chips->pdata[0]);
  g_assert_cmpuint (fixture.n_changed, ==, 4);
  g_assert_true (values_are (fixture.last, SF_CRITERION_CHANNEL, NULL));

  close_panel (&fixture);
}

static void
test_reset (void)
{
  g_autoptr(SfCriteria) criteria = full_criteria ();
  Fixture fixture;
  GtkWidget *spin;

  open_panel (&fixture, 320);

  /* Reset with nothing set says nothing. */
  sf_filter_panel_reset (fixture.panel);
  g_assert_cmpuint (fixture.n_changed, ==, 0);
  g_assert_false (gtk_widget_get_sensitive (template_child (&fixture, "reset_button")));

  /* The title text is the search entry's: kept. */
  sf_criteria_set_text (criteria, "girls");
  sf_filter_panel_set_criteria (fixture.panel, criteria);
  g_assert_cmpuint (fixture.n_changed, ==, 1);

  /* The Reset button */
  g_signal_emit_by_name (template_child (&fixture, "reset_button"), "clicked");
  g_assert_cmpuint (fixture.n_changed, ==, 2);
  g_assert_cmpstr (sf_criteria_get_text (fixture.last), ==, "girls");
  sf_criteria_set_text (fixture.last, NULL);
  g_assert_true (sf_criteria_is_empty (fixture.last));
  g_assert_cmpint (sf_criteria_get_sort (fixture.last), ==, SF_SORT_RELEVANCE);

  g_assert_cmpint (state_of (fixture.panel, SF_CRITERION_GENRES_ALL, "Comedy"),
                   ==, SF_FILTER_CHIP_NEUTRAL);
  /* "Reality" is no TVmaze genre: its chip was there for the criteria only. */
  g_assert_null (find_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Reality"));
  g_assert_false (gtk_widget_get_visible (template_child (&fixture, "channel_chips")));
  spin = range_spin (&fixture, "year_range", "from_spin");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, _("Any"));
  spin = range_spin (&fixture, "runtime_range", "to_spin");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, _("Any"));
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (template_child (&fixture, "rating_scale"))),
                     ==, 0);
  g_assert_false (gtk_widget_get_sensitive (template_child (&fixture, "reset_button")));

  sf_filter_panel_reset (fixture.panel);
  g_assert_cmpuint (fixture.n_changed, ==, 2);

  close_panel (&fixture);
}

static gboolean
changed_at_least (gconstpointer data)
{
  const Fixture *fixture = data;

  return fixture->n_changed >= 1;
}

/* Reset offers Undo, in the toast overlay around the panel: the filters come back. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
undo_shown (gconstpointer data)
{
  return find_button ((GtkWidget *) data, _("_Undo")) != NULL;
}

static void
test_reset_undo (void)
{
  g_autoptr(SfCriteria) criteria = full_criteria ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  SfFilterPanel *panel = SF_FILTER_PANEL (sf_filter_panel_new ());
  GObject *reset;

  g_object_ref (window);
  adw_toast_overlay_set_child (overlay, GTK_WIDGET (panel));
  gtk_window_set_child (window, GTK_WIDGET (overlay));
  gtk_window_set_default_size (window, 320, 700);
  gtk_window_present (window);

  sf_criteria_set_text (criteria, "girls");
  sf_filter_panel_set_criteria (panel, criteria);
  reset = gtk_widget_get_template_child (GTK_WIDGET (panel), SF_TYPE_FILTER_PANEL, "reset_button");
  g_signal_emit_by_name (reset, "clicked");
  {
    g_autoptr(SfCriteria) after = sf_criteria_copy (sf_filter_panel_get_criteria (panel));

    /* Everything went but the title. */
    g_assert_cmpstr (sf_criteria_get_text (after), ==, "girls");
    sf_criteria_set_text (after, NULL);
    g_assert_true (sf_criteria_is_empty (after));
  }
  g_assert_cmpint (state_of (panel, SF_CRITERION_GENRES_ALL, "Comedy"), ==, SF_FILTER_CHIP_NEUTRAL);

  sf_test_wait_until (undo_shown, overlay, WAIT_MS, "the Undo button");
  g_signal_emit_by_name (find_button (GTK_WIDGET (overlay), _("_Undo")), "clicked");
  g_assert_true (sf_criteria_equal (sf_filter_panel_get_criteria (panel), criteria));
  g_assert_cmpint (state_of (panel, SF_CRITERION_GENRES_ALL, "Comedy"), ==, SF_FILTER_CHIP_INCLUDED);

  gtk_window_destroy (window);
  sf_test_run_for (50);
  g_assert_finalize_object (window);
}

static void
test_ranges (void)
{
  Fixture fixture;
  GtkSpinButton *year_from, *year_to, *runtime_from, *runtime_to;
  GtkRange *rating;
  int from, to;

  open_panel (&fixture, 320);
  year_from = GTK_SPIN_BUTTON (range_spin (&fixture, "year_range", "from_spin"));
  year_to = GTK_SPIN_BUTTON (range_spin (&fixture, "year_range", "to_spin"));
  runtime_from = GTK_SPIN_BUTTON (range_spin (&fixture, "runtime_range", "from_spin"));
  runtime_to = GTK_SPIN_BUTTON (range_spin (&fixture, "runtime_range", "to_spin"));
  rating = GTK_RANGE (template_child (&fixture, "rating_scale"));

  /* "Any" at the open end of each range */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year_from)), ==, _("Any"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year_to)), ==, _("Any"));

  /* Several moves in a row give one emission, after a pause. */
  gtk_spin_button_set_value (year_from, 2008);
  gtk_spin_button_set_value (year_from, 2009);
  gtk_spin_button_set_value (year_from, 2010);
  g_assert_cmpuint (fixture.n_changed, ==, 0);
  g_assert_true (sf_criteria_is_set (sf_filter_panel_get_criteria (fixture.panel),
                                     SF_CRITERION_YEAR));
  sf_test_wait_until (changed_at_least, &fixture, WAIT_MS, "the year change");
  g_assert_cmpuint (fixture.n_changed, ==, 1);
  sf_criteria_get_year_range (fixture.last, &from, &to);
  g_assert_cmpint (from, ==, 2010);
  g_assert_cmpint (to, ==, 0);

  /* A "to" before the "from" pulls the "from" along. */
  fixture.n_changed = 0;
  gtk_spin_button_set_value (year_to, 2005);
  sf_test_wait_until (changed_at_least, &fixture, WAIT_MS, "the second year change");
  sf_criteria_get_year_range (fixture.last, &from, &to);
  g_assert_cmpint (from, ==, 2005);
  g_assert_cmpint (to, ==, 2005);
  g_assert_cmpfloat (gtk_spin_button_get_value (year_from), ==, 2005);

  /* Typing "Any" opens the range again. */
  fixture.n_changed = 0;
  gtk_editable_set_text (GTK_EDITABLE (year_from), "any");
  gtk_spin_button_update (year_from);
  sf_test_wait_until (changed_at_least, &fixture, WAIT_MS, "the year change to any");
  sf_criteria_get_year_range (fixture.last, &from, &to);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (to, ==, 2005);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year_from)), ==, _("Any"));

  fixture.n_changed = 0;
  gtk_spin_button_set_value (runtime_to, 60);
  sf_test_wait_until (changed_at_least, &fixture, WAIT_MS, "the runtime change");
  sf_criteria_get_runtime_range (fixture.last, &from, &to);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (to, ==, 60);

  fixture.n_changed = 0;
  gtk_spin_button_set_value (runtime_from, 30);
  sf_test_wait_until (changed_at_least, &fixture, WAIT_MS, "the second runtime change");
  sf_criteria_get_runtime_range (fixture.last, &from, &to);
  g_assert_cmpint (from, ==, 30);
  g_assert_cmpint (to, ==, 60);

  /* The rating moves in halves. */
  fixture.n_changed = 0;
  gtk_range_set_value (rating, 7.3);
  sf_test_wait_until (changed_at_least, &fixture, WAIT_MS, "the rating change");
  g_assert_cmpfloat (sf_criteria_get_min_rating (fixture.last), ==, 7.5);
  g_assert_cmpfloat (gtk_range_get_value (rating), ==, 7.5);

  fixture.n_changed = 0;
  gtk_range_set_value (rating, 0);
  sf_test_wait_until (changed_at_least, &fixture, WAIT_MS, "the rating change to any");
  g_assert_false (sf_criteria_is_set (fixture.last, SF_CRITERION_RATING));

  /* From "Any", the first "+" of "from" lands on this year, not on 1930; the next "+" is
   * one year on; one "-" from "Any" on "to" lands on this year too. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    int year = g_date_time_get_year (now);

    sf_filter_panel_reset (fixture.panel);
    gtk_spin_button_spin (year_from, GTK_SPIN_STEP_FORWARD, 1);
    g_assert_cmpfloat (gtk_spin_button_get_value (year_from), ==, year);
    gtk_spin_button_spin (year_from, GTK_SPIN_STEP_BACKWARD, 1);
    g_assert_cmpfloat (gtk_spin_button_get_value (year_from), ==, year - 1);
    gtk_spin_button_spin (year_to, GTK_SPIN_STEP_BACKWARD, 1);
    g_assert_cmpfloat (gtk_spin_button_get_value (year_to), ==, year);
    /* A typed year is taken as typed, even next to "Any". */
    sf_filter_panel_reset (fixture.panel);
    gtk_editable_set_text (GTK_EDITABLE (year_from), "1930");
    gtk_spin_button_update (year_from);
    g_assert_cmpfloat (gtk_spin_button_get_value (year_from), ==, 1930);
    sf_filter_panel_reset (fixture.panel);
    sf_test_run_for (300);
  }

  /* The sort order changes at once. */
  fixture.n_changed = 0;
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (&fixture, "sort_row")),
                              SF_SORT_NEWEST);
  g_assert_cmpuint (fixture.n_changed, ==, 1);
  g_assert_cmpint (sf_criteria_get_sort (fixture.last), ==, SF_SORT_NEWEST);

  sf_test_run_for (300);
  g_assert_cmpuint (fixture.n_changed, ==, 1);

  close_panel (&fixture);
}

typedef struct
{
  Fixture          *fixture;
  const SfCriteria *criteria;
} CountCheck;

/* Every genre, status, type and language chip shows the brute-force count. */
static gboolean
counts_match (gconstpointer data)
{
  const CountCheck *check = data;
  static const SfCriterion facets[] = {
    SF_CRITERION_GENRES_ALL, SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE,
  };
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  g_autofree char *match = NULL;
  guint total;

  collect (GTK_WIDGET (check->fixture->panel), SF_TYPE_FILTER_CHIP, chips);
  if (chips->len == 0)
    return FALSE;

  for (guint i = 0; i < chips->len; i++)
    {
      SfFilterChip *chip = g_ptr_array_index (chips, i);
      g_autofree char *expected = NULL;

      for (guint f = 0; f < G_N_ELEMENTS (facets); f++)
        if (facets[f] == sf_filter_chip_get_criterion (chip))
          expected = count_text (brute_facet (check->criteria, facets[f],
                                              sf_filter_chip_get_value (chip)));
      g_assert_nonnull (expected);
      if (g_strcmp0 (sf_filter_chip_get_count_text (chip), expected) != 0)
        return FALSE;
    }

  total = brute_count (check->criteria);
  match = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d match", "%'d matches", total),
                           total);
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (template_child (check->fixture,
                                                                  "match_label"))),
                    match) == 0;
}

static gboolean
has_suggestion (gconstpointer data)
{
  const CountCheck *check = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *list = template_child (check->fixture, "channel_suggestions");

  if (!gtk_widget_get_visible (list))
    return FALSE;
  collect (list, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), HOSTILE) == 0)
      return TRUE;

  return FALSE;
}

static void
test_counts (void)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) channel_chips = g_ptr_array_new ();
  g_autofree char *drama = NULL;
  CountCheck check;
  Fixture fixture;
  SfFilterChip *chip;
  GtkWidget *entry;
  GtkWidget *label;

  open_panel (&fixture, 320);
  check.fixture = &fixture;

  /* No catalog: no counts. */
  chip = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama");
  g_assert_cmpint (sf_filter_chip_get_count (chip), ==, -1);
  g_assert_false (gtk_widget_get_visible (template_child (&fixture, "match_label")));

  sf_filter_panel_set_catalog (fixture.panel, catalog);
  check.criteria = criteria;
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts of empty criteria");

  chip = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama");
  drama = count_text (brute_facet (criteria, SF_CRITERION_GENRES_ALL, "Drama"));
  g_assert_cmpstr (sf_filter_chip_get_count_text (chip), ==, drama);
  g_assert_cmpint (sf_filter_chip_get_count (chip), >, 0);

  /* A genre no show has: a dimmed 0, never hidden. */
  chip = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Western");
  g_assert_cmpint (sf_filter_chip_get_count (chip), ==, 0);
  g_assert_cmpstr (sf_filter_chip_get_count_text (chip), ==, "0");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (chip), "sf-zero"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chip)));

  /* The languages come from the catalog now (their own query, which may answer after the
   * counts). */
  sf_test_wait_until (chip_shown, &(ChipQuery) { fixture.panel, SF_CRITERION_LANGUAGE, "Klingon" },
                      WAIT_MS, "the catalog's languages");
  g_assert_null (find_chip (fixture.panel, SF_CRITERION_LANGUAGE, "Hindi"));

  /* The counts follow the criteria: pick a status and a genre. */
  click_chip (get_chip (fixture.panel, SF_CRITERION_STATUS, "Ended"));
  click_chip (get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Comedy"));
  check.criteria = sf_filter_panel_get_criteria (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts of Ended and Comedy");

  /* An excluded genre says how many series its exclusion hides, not a 0. */
  chip = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama");
  click_chip (chip);
  click_chip (chip);
  g_assert_cmpint (sf_filter_chip_get_state (chip), ==, SF_FILTER_CHIP_EXCLUDED);
  check.criteria = sf_filter_panel_get_criteria (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts with Drama excluded");
  g_assert_cmpint (sf_filter_chip_get_count (chip), >, 0);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (chip), "sf-zero"));
  click_chip (chip);
  g_assert_cmpint (sf_filter_chip_get_state (chip), ==, SF_FILTER_CHIP_NEUTRAL);
  check.criteria = sf_filter_panel_get_criteria (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts of Ended and Comedy again");

  /* ... and a range */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (range_spin (&fixture, "year_range", "from_spin")), 2005);
  check.criteria = sf_filter_panel_get_criteria (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts from 2005");

  /* Channel completion from the catalog; a hostile name is shown as it is. */
  entry = template_child (&fixture, "channel_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "<b");
  sf_test_wait_until (has_suggestion, &check, WAIT_MS, "the suggestion");
  collect (template_child (&fixture, "channel_suggestions"), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_false (adw_preferences_row_get_use_markup (rows->pdata[0]));
  /* What the row's label shows, literally */
  collect (rows->pdata[0], GTK_TYPE_LABEL, labels);
  label = NULL;
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), HOSTILE) == 0)
      label = labels->pdata[i];
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));

  g_signal_emit_by_name (template_child (&fixture, "channel_suggestions"), "row-activated",
                         rows->pdata[0]);
  g_assert_true (values_are (sf_filter_panel_get_criteria (fixture.panel), SF_CRITERION_CHANNEL,
                             HOSTILE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_widget_get_visible (template_child (&fixture, "channel_suggestions")));
  collect (template_child (&fixture, "channel_chips"), SF_TYPE_REMOVABLE_CHIP, channel_chips);
  g_assert_cmpuint (channel_chips->len, ==, 1);
  g_assert_cmpstr (sf_removable_chip_get_label (channel_chips->pdata[0]), ==, HOSTILE);
  check.criteria = sf_filter_panel_get_criteria (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts of a channel");

  /* A typed name, activated: the catalog's spelling is used when it was on offer. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "nbc");
  sf_test_run_for (50);
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (sf_criteria_get_values (sf_filter_panel_get_criteria (fixture.panel),
                                         SF_CRITERION_CHANNEL)[1] != NULL);

  /* A country code; something else is refused. */
  entry = template_child (&fixture, "country_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "not a code");
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (sf_criteria_is_set (sf_filter_panel_get_criteria (fixture.panel),
                                      SF_CRITERION_COUNTRY));
  gtk_editable_set_text (GTK_EDITABLE (entry), " gb ");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (values_are (sf_filter_panel_get_criteria (fixture.panel), SF_CRITERION_COUNTRY,
                             "GB"));
  check.criteria = sf_filter_panel_get_criteria (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts of a country");

  /* The catalog grew: a refresh brings the counts up to date (within about a second). */
  sf_filter_panel_refresh_counts (fixture.panel);
  sf_filter_panel_refresh_counts (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the refreshed counts");

  /* No catalog again: counts go. */
  sf_filter_panel_set_catalog (fixture.panel, NULL);
  chip = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama");
  g_assert_cmpint (sf_filter_chip_get_count (chip), ==, -1);
  g_assert_false (gtk_widget_get_visible (template_child (&fixture, "match_label")));

  close_panel (&fixture);
}

static void
test_dispose_while_counting (void)
{
  Fixture fixture;

  /* Queries in flight when the window goes: their answers must find nothing to touch. */
  open_panel (&fixture, 320);
  sf_filter_panel_set_catalog (fixture.panel, catalog);
  click_chip (get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama"));
  gtk_editable_set_text (GTK_EDITABLE (template_child (&fixture, "channel_entry")), "H");
  sf_filter_panel_refresh_counts (fixture.panel);
  close_panel (&fixture);
  sf_test_run_for (300);
}

/* Criteria chips */

typedef struct
{
  guint       n_removed;
  SfCriteria *last;
} Removed;

static void
criterion_removed_cb (SfCriteriaChips *chips,
                      SfCriteria      *criteria,
                      Removed         *removed)
{
  removed->n_removed++;
  g_clear_pointer (&removed->last, sf_criteria_unref);
  removed->last = sf_criteria_copy (criteria);
}

static SfRemovableChip *
find_removable (GtkWidget  *widget,
                const char *label)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();

  collect (widget, SF_TYPE_REMOVABLE_CHIP, chips);
  for (guint i = 0; i < chips->len; i++)
    if (g_strcmp0 (sf_removable_chip_get_label (chips->pdata[i]), label) == 0)
      return chips->pdata[i];

  return NULL;
}

static GtkWidget *
close_button_of (SfRemovableChip *chip)
{
  GtkWidget *button;

  g_assert_nonnull (chip);
  button = gtk_widget_get_last_child (gtk_widget_get_first_child (GTK_WIDGET (chip)));
  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

/* Country completion */

static guint
brute_country_count (const char *code)
{
  guint n = 0;

  for (guint i = 0; i < shows->len; i++)
    if (g_strcmp0 (sf_show_get_country_code (g_ptr_array_index (shows, i)), code) == 0)
      n++;

  return n;
}

static void
country_rows (Fixture   *fixture,
              GPtrArray *rows)
{
  GtkWidget *list = template_child (fixture, "country_suggestions");

  g_ptr_array_set_size (rows, 0);
  if (gtk_widget_get_visible (list))
    collect (list, ADW_TYPE_ACTION_ROW, rows);
}

typedef struct
{
  Fixture    *fixture;
  const char *title;
} RowQuery;

/* The suggestions are shown, the first one titled so. */
static gboolean
first_country_is (gconstpointer data)
{
  const RowQuery *query = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  country_rows (query->fixture, rows);
  return rows->len > 0 &&
         g_strcmp0 (adw_preferences_row_get_title (rows->pdata[0]), query->title) == 0;
}

static void
type_country (Fixture    *fixture,
              const char *text,
              const char *first_title)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture, "country_entry")), text);
  sf_test_wait_until (first_country_is, &(RowQuery) { fixture, first_title }, WAIT_MS, first_title);
}

static void
check_country_row (AdwActionRow *row,
                   const char   *title,
                   const char   *code)
{
  g_autofree char *subtitle = g_strdup_printf ("%u series", brute_country_count (code));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *label = NULL;

  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, subtitle);

  /* What the row's label shows, literally */
  collect (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), title) == 0)
      label = labels->pdata[i];
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));
}

static gboolean
has_country_chip (Fixture    *fixture,
                  const char *label)
{
  return find_removable (template_child (fixture, "country_chips"), label) != NULL;
}

static void
test_countries (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const char * const *codes;
  Fixture fixture;
  GtkWidget *entry;
  GtkWidget *list;

  open_panel (&fixture, 320);
  entry = template_child (&fixture, "country_entry");
  list = template_child (&fixture, "country_suggestions");
  sf_filter_panel_set_catalog (fixture.panel, catalog);

  /* Part of a word of the name; Enter takes the only suggestion. */
  type_country (&fixture, "king", "United Kingdom · GB");
  country_rows (&fixture, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  check_country_row (rows->pdata[0], "United Kingdom · GB", "GB");
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (values_are (fixture.last, SF_CRITERION_COUNTRY, "GB"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_true (has_country_chip (&fixture, "United Kingdom · GB"));

  /* The start of the name; a chosen country is not offered again. */
  type_country (&fixture, "uni", "United States · US");
  country_rows (&fixture, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  check_country_row (rows->pdata[0], "United States · US", "US");
  g_signal_emit_by_name (list, "row-activated", rows->pdata[0]);
  codes = sf_criteria_get_values (fixture.last, SF_CRITERION_COUNTRY);
  g_assert_cmpstr (codes[0], ==, "GB");
  g_assert_cmpstr (codes[1], ==, "US");
  g_assert_null (codes[2]);
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_true (has_country_chip (&fixture, "United States · US"));

  /* A hostile name is shown as it is, and a code starting so is offered too. */
  type_country (&fixture, "f", HOSTILE_COUNTRY " · FR");
  country_rows (&fixture, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  check_country_row (rows->pdata[0], HOSTILE_COUNTRY " · FR", "FR");
  g_signal_emit_by_name (list, "row-activated", rows->pdata[0]);
  g_assert_cmpuint (n_values (fixture.last, SF_CRITERION_COUNTRY), ==, 3);
  g_assert_true (has_country_chip (&fixture, HOSTILE_COUNTRY " · FR"));

  /* The whole name, any case, wins over the first suggestion. */
  sf_removable_chip_remove (find_removable (template_child (&fixture, "country_chips"),
                                           "United Kingdom · GB"));
  g_assert_cmpuint (n_values (fixture.last, SF_CRITERION_COUNTRY), ==, 2);
  type_country (&fixture, "united KINGDOM", "United Kingdom · GB");
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_cmpuint (n_values (fixture.last, SF_CRITERION_COUNTRY), ==, 3);
  g_assert_true (g_strv_contains (sf_criteria_get_values (fixture.last, SF_CRITERION_COUNTRY),
                                  "GB"));

  /* A typed code the catalog does not know is taken as before; garbage is refused. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zz");
  g_assert_false (gtk_widget_get_visible (list));
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_cmpuint (n_values (fixture.last, SF_CRITERION_COUNTRY), ==, 4);
  g_assert_true (has_country_chip (&fixture, "ZZ"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "kingdom of nowhere");
  g_assert_false (gtk_widget_get_visible (list));
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (n_values (fixture.last, SF_CRITERION_COUNTRY), ==, 4);

  close_panel (&fixture);
}

static char *
test_country_name (const char *code,
                   gpointer    user_data)
{
  return g_str_equal (code, "GB") ? g_strdup ("<b>United</b> Kingdom") : NULL;
}

static void
test_chips (void)
{
  g_autoptr(SfCriteria) criteria = full_criteria ();
  g_autoptr(SfCriteria) expected = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) chip_widgets = g_ptr_array_new ();
  g_autoptr(GPtrArray) label_widgets = g_ptr_array_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  SfCriteriaChips *chips = SF_CRITERIA_CHIPS (sf_criteria_chips_new ());
  Removed removed = { 0, NULL };
  SfRemovableChip *chip;
  GtkWidget *close_button;

  g_object_ref (window);
  g_object_ref (chips);
  g_signal_connect (chips, "criterion-removed", G_CALLBACK (criterion_removed_cb), &removed);
  gtk_window_set_default_size (window, 360, 200);
  gtk_window_set_child (window, GTK_WIDGET (chips));
  gtk_window_present (window);

  /* Nothing to show: hidden. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chips)));
  sf_criteria_chips_set_criteria (chips, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chips)));

  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, HOSTILE);
  sf_criteria_add_value (criteria, SF_CRITERION_GENRES_ALL, "Drama");
  sf_criteria_chips_set_criteria (chips, criteria);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chips)));

  /* One chip per value and per range */
  labels = sf_criteria_describe (criteria);
  g_assert_cmpuint (labels->len, ==, 12);
  g_assert_cmpuint (sf_criteria_chips_get_n_chips (chips), ==, labels->len);
  collect (GTK_WIDGET (chips), SF_TYPE_REMOVABLE_CHIP, chip_widgets);
  g_assert_cmpuint (chip_widgets->len, ==, labels->len);
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpstr (sf_removable_chip_get_label (chip_widgets->pdata[i]), ==,
                     ((SfCriterionLabel *) labels->pdata[i])->label);

  g_assert_nonnull (find_removable (GTK_WIDGET (chips), "Not Reality"));
  g_assert_nonnull (find_removable (GTK_WIDGET (chips), "GB"));
  g_assert_nonnull (find_removable (GTK_WIDGET (chips), "2010–2015"));

  /* Once a country's name is known, its chip says it (here a hostile one, literally). */
  sf_criteria_chips_set_country_func (chips, test_country_name, NULL);
  g_assert_null (find_removable (GTK_WIDGET (chips), "GB"));
  g_assert_nonnull (find_removable (GTK_WIDGET (chips), "<b>United</b> Kingdom"));
  g_assert_cmpuint (sf_criteria_chips_get_n_chips (chips), ==, labels->len);
  sf_criteria_chips_set_country_func (chips, NULL, NULL);
  g_assert_nonnull (find_removable (GTK_WIDGET (chips), "GB"));
  g_assert_nonnull (find_removable (GTK_WIDGET (chips), "Rating 7.5+"));
  g_assert_nonnull (find_removable (GTK_WIDGET (chips), "30–60 min"));

  /* A hostile name, shown literally */
  chip = find_removable (GTK_WIDGET (chips), HOSTILE);
  g_assert_nonnull (chip);
  collect (GTK_WIDGET (chip), GTK_TYPE_LABEL, label_widgets);
  g_assert_cmpuint (label_widgets->len, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (label_widgets->pdata[0]), ==, HOSTILE);
  g_assert_false (gtk_label_get_use_markup (label_widgets->pdata[0]));

  /* Removing Drama through its close button ("Remove Drama") */
  close_button = close_button_of (find_removable (GTK_WIDGET (chips), "Drama"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (close_button), ==, "Remove Drama");
  g_signal_emit_by_name (close_button, "clicked");
  g_assert_cmpuint (removed.n_removed, ==, 1);
  expected = sf_criteria_copy (criteria);
  sf_criteria_remove_value (expected, SF_CRITERION_GENRES_ALL, "Drama");
  g_assert_true (sf_criteria_equal (removed.last, expected));

  /* The owner applies it; the chips follow. */
  sf_criteria_chips_set_criteria (chips, removed.last);
  g_assert_cmpuint (sf_criteria_chips_get_n_chips (chips), ==, 11);
  g_assert_null (find_removable (GTK_WIDGET (chips), "Drama"));

  /* A range chip clears the range. */
  sf_removable_chip_remove (find_removable (GTK_WIDGET (chips), "2010–2015"));
  g_assert_cmpuint (removed.n_removed, ==, 2);
  g_assert_false (sf_criteria_is_set (removed.last, SF_CRITERION_YEAR));
  g_assert_true (sf_criteria_is_set (removed.last, SF_CRITERION_RUNTIME));

  sf_criteria_chips_set_criteria (chips, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chips)));
  g_assert_cmpuint (sf_criteria_chips_get_n_chips (chips), ==, 0);

  gtk_window_destroy (window);
  sf_test_run_for (50);
  g_assert_finalize_object (window);
  g_assert_finalize_object (chips);
  g_clear_pointer (&removed.last, sf_criteria_unref);
}

/* The window wiring the lead does: chips removed -> panel -> chips. */
static void
panel_changed_cb (SfFilterPanel   *panel,
                  SfCriteria      *criteria,
                  SfCriteriaChips *chips)
{
  sf_criteria_chips_set_criteria (chips, criteria);
}

static void
chip_removed_cb (SfCriteriaChips *chips,
                 SfCriteria      *criteria,
                 SfFilterPanel   *panel)
{
  sf_filter_panel_set_criteria (panel, criteria);
}

static gboolean
chips_are (gconstpointer data)
{
  return sf_criteria_chips_get_n_chips ((SfCriteriaChips *) data) == 7;
}

static void
test_chips_with_panel (void)
{
  GtkWidget *close_button;
  g_autoptr(SfCriteria) criteria = full_criteria ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  SfCriteriaChips *chips = SF_CRITERIA_CHIPS (sf_criteria_chips_new ());
  SfFilterPanel *panel = SF_FILTER_PANEL (sf_filter_panel_new ());

  g_object_ref (window);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chips));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (panel));
  gtk_window_set_child (window, box);
  g_signal_connect (panel, "criteria-changed", G_CALLBACK (panel_changed_cb), chips);
  g_signal_connect (chips, "criterion-removed", G_CALLBACK (chip_removed_cb), panel);
  gtk_window_present (window);

  sf_filter_panel_set_criteria (panel, criteria);
  g_assert_cmpuint (sf_criteria_chips_get_n_chips (chips), ==, 10);

  sf_removable_chip_remove (find_removable (GTK_WIDGET (chips), "Comedy"));
  g_assert_cmpuint (sf_criteria_chips_get_n_chips (chips), ==, 9);
  g_assert_cmpint (state_of (panel, SF_CRITERION_GENRES_ALL, "Comedy"), ==,
                   SF_FILTER_CHIP_NEUTRAL);

  /* Through the close buttons, by pointer and by keyboard: each chip goes away while its
   * own button is being handled. */
  close_button = close_button_of (find_removable (GTK_WIDGET (chips), "Ended"));
  g_signal_emit_by_name (close_button, "clicked");
  g_assert_cmpuint (sf_criteria_chips_get_n_chips (chips), ==, 8);
  g_assert_false (sf_criteria_is_set (sf_filter_panel_get_criteria (panel), SF_CRITERION_STATUS));
  close_button = close_button_of (find_removable (GTK_WIDGET (chips), "HBO"));
  g_assert_true (gtk_widget_activate (close_button));
  sf_test_wait_until (chips_are, chips, WAIT_MS, "the keyboard removal");
  g_assert_false (sf_criteria_is_set (sf_filter_panel_get_criteria (panel), SF_CRITERION_CHANNEL));

  gtk_window_destroy (window);
  sf_test_run_for (50);
  g_assert_finalize_object (window);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }
  return NULL;
}

/* The wheel that scrolls the panel scrolls past the year, rating and runtime controls
 * instead of changing them, until the person focuses one. */
/* Chips that hold still */

/* The chip under @point (in the panel's coordinates), as the pointer would hit it. */
static SfFilterChip *
chip_at (SfFilterPanel          *panel,
         const graphene_point_t *point)
{
  GtkWidget *hit = gtk_widget_pick (GTK_WIDGET (panel), point->x, point->y, GTK_PICK_DEFAULT);

  while (hit != NULL && !SF_IS_FILTER_CHIP (hit))
    hit = gtk_widget_get_parent (hit);
  return hit != NULL ? SF_FILTER_CHIP (hit) : NULL;
}

/* Every chip is allocated the width it asks for now: the layout has caught up with the
 * last change (a wrap layout gives each its natural width, less on a narrow line). */
static gboolean
laid_out (gconstpointer data)
{
  GPtrArray *chips = (GPtrArray *) data;

  for (guint i = 0; i < chips->len; i++)
    {
      GtkWidget *chip = chips->pdata[i];
      int line = gtk_widget_get_width (gtk_widget_get_parent (chip));
      int minimum, natural;

      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      if (line <= 0 || gtk_widget_get_width (chip) != MAX (minimum, MIN (natural, line)))
        return FALSE;
    }

  return TRUE;
}

static void
assert_same_bounds (const graphene_rect_t *a,
                    const graphene_rect_t *b)
{
  g_assert_cmpfloat_with_epsilon (a->origin.x, b->origin.x, 0.01);
  g_assert_cmpfloat_with_epsilon (a->origin.y, b->origin.y, 0.01);
  g_assert_cmpfloat_with_epsilon (a->size.width, b->size.width, 0.01);
  g_assert_cmpfloat_with_epsilon (a->size.height, b->size.height, 0.01);
}

/* "Click once to include, twice to exclude" with a mouse: the second click, at the same
 * pointer position, after the counts have changed, lands on the same chip. Every chip keeps
 * its bounds through include, exclude and clear. */
static void
test_chip_holds_still (void)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  CountCheck check;
  Fixture fixture;
  SfFilterChip *chip;
  graphene_rect_t bounds;
  graphene_point_t point;

  open_panel (&fixture, 320);
  check.fixture = &fixture;
  sf_filter_panel_set_catalog (fixture.panel, catalog);
  check.criteria = sf_filter_panel_get_criteria (fixture.panel);
  sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts of empty criteria");
  sf_test_wait_until (chip_shown, &(ChipQuery) { fixture.panel, SF_CRITERION_LANGUAGE, "Klingon" },
                      WAIT_MS, "the catalog's languages");
  collect (GTK_WIDGET (fixture.panel), SF_TYPE_FILTER_CHIP, chips);
  sf_test_wait_until (laid_out, chips, WAIT_MS, "the chips to be laid out");
  for (guint i = 0; i < chips->len; i++)
    {
      g_assert_true (gtk_widget_compute_bounds (chips->pdata[i], GTK_WIDGET (fixture.panel),
                                                &bounds));
      g_array_append_val (before, bounds);
    }

  /* Drama, under the pointer */
  chip = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Drama");
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (chip), GTK_WIDGET (fixture.panel),
                                            &bounds));
  point = GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width - 4,
                               bounds.origin.y + bounds.size.height / 2);
  g_assert_true (chip_at (fixture.panel, &point) == chip);

  for (guint round = 0; round < 3; round++)
    {
      static const SfFilterChipState expected[] = {
        SF_FILTER_CHIP_INCLUDED, SF_FILTER_CHIP_EXCLUDED, SF_FILTER_CHIP_NEUTRAL,
      };
      SfFilterChip *hit = chip_at (fixture.panel, &point);

      /* The click goes where the pointer is. */
      g_assert_true (hit == chip);
      click_chip (hit);
      g_assert_cmpint (sf_filter_chip_get_state (chip), ==, expected[round]);

      /* The new counts come, the panel lays out again: nothing moved. */
      check.criteria = sf_filter_panel_get_criteria (fixture.panel);
      sf_test_wait_until (counts_match, &check, WAIT_MS, "the counts after a click");
      sf_test_wait_until (laid_out, chips, WAIT_MS, "the chips to be laid out again");
      for (guint i = 0; i < chips->len; i++)
        {
          g_assert_true (gtk_widget_compute_bounds (chips->pdata[i], GTK_WIDGET (fixture.panel),
                                                    &bounds));
          assert_same_bounds (&g_array_index (before, graphene_rect_t, i), &bounds);
        }
    }

  close_panel (&fixture);
}

/* Exclude without a second click: the secondary click's and Shift+Enter's action, and the
 * context menu's actions. */
static void
test_chip_exclude_ways (void)
{
  Fixture fixture;
  SfFilterChip *chip;
  SfFilterChip *status;
  GtkWidget *popover = NULL;

  open_panel (&fixture, 320);
  chip = get_chip (fixture.panel, SF_CRITERION_GENRES_ALL, "Crime");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chip), "chip.toggle-exclude", NULL));
  g_assert_cmpint (sf_filter_chip_get_state (chip), ==, SF_FILTER_CHIP_EXCLUDED);
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_EXCLUDE, "Crime"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chip), "chip.toggle-exclude", NULL));
  g_assert_cmpint (sf_filter_chip_get_state (chip), ==, SF_FILTER_CHIP_NEUTRAL);
  g_assert_true (sf_criteria_is_empty (fixture.last));

  /* The menu's items */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chip), "chip.include", NULL));
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_ALL, "Crime"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chip), "chip.exclude", NULL));
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_ALL, NULL));
  g_assert_true (values_are (fixture.last, SF_CRITERION_GENRES_EXCLUDE, "Crime"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chip), "chip.clear", NULL));
  g_assert_true (sf_criteria_is_empty (fixture.last));
  g_assert_cmpuint (fixture.n_changed, ==, 5);

  /* A two-state chip cannot exclude. */
  status = get_chip (fixture.panel, SF_CRITERION_STATUS, "Ended");
  gtk_widget_activate_action (GTK_WIDGET (status), "chip.exclude", NULL);
  g_assert_cmpint (sf_filter_chip_get_state (status), ==, SF_FILTER_CHIP_NEUTRAL);
  g_assert_cmpuint (fixture.n_changed, ==, 5);

  /* The Menu key opens the menu, by the chip. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chip), "chip.menu", NULL));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (chip)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  g_assert_nonnull (popover);
  sf_test_run_for (50);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  close_panel (&fixture);
}

static void
test_wheel_scrolls_past_controls (void)
{
  /* a range and its spin button, or a control of the panel */
  static const char * const valued[][2] = {
    { "year_range", "from_spin" }, { "year_range", "to_spin" }, { "rating_scale", NULL },
    { "runtime_range", "from_spin" }, { "runtime_range", "to_spin" },
  };
  Fixture fixture;
  GtkAdjustment *adjustment;

  open_panel (&fixture, 320);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (template_child (&fixture, "scroller")));
  /* the panel is taller than the window: there is something to scroll */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment));

  for (guint i = 0; i < G_N_ELEMENTS (valued); i++)
    {
      GtkWidget *control = valued[i][1] != NULL ? range_spin (&fixture, valued[i][0], valued[i][1])
                                                : template_child (&fixture, valued[i][0]);
      GtkEventController *guard = find_controller (control, SF_SCROLL_GUARD_NAME);
      double before = gtk_adjustment_get_value (adjustment);
      gboolean handled = FALSE;

      g_assert_nonnull (guard);
      g_assert_cmpint (gtk_event_controller_get_propagation_phase (guard), ==, GTK_PHASE_CAPTURE);
      gtk_adjustment_set_value (adjustment, 0);
      before = gtk_adjustment_get_value (adjustment);

      g_signal_emit_by_name (guard, "scroll", 0.0, 1.0, &handled);
      g_assert_true (handled);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, before);
      g_assert_cmpuint (fixture.n_changed, ==, 0);

      /* focused: the control has the wheel */
      gtk_widget_grab_focus (control);
      handled = TRUE;
      g_signal_emit_by_name (guard, "scroll", 0.0, 1.0, &handled);
      g_assert_false (handled);
    }

  close_panel (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sf_ui_register_resources ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/seriesfinder/SeriesFinder/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  tmpdir = sf_test_make_temp_dir ("sf-filter-panel-XXXXXX");
  build_catalog ();

  g_test_add_func ("/series-finder/filter-panel/genre-cycle", test_genre_cycle);
  g_test_add_func ("/series-finder/filter-panel/set-criteria", test_set_criteria);
  g_test_add_func ("/series-finder/filter-panel/reset", test_reset);
  g_test_add_func ("/series-finder/filter-panel/ranges", test_ranges);
  g_test_add_func ("/series-finder/filter-panel/counts", test_counts);
  g_test_add_func ("/series-finder/filter-panel/countries", test_countries);
  g_test_add_func ("/series-finder/filter-panel/wheel-scrolls-past-controls",
                   test_wheel_scrolls_past_controls);
  g_test_add_func ("/series-finder/filter-panel/dispose-while-counting",
                   test_dispose_while_counting);
  g_test_add_func ("/series-finder/filter-panel/chips", test_chips);
  g_test_add_func ("/series-finder/filter-panel/chip-holds-still", test_chip_holds_still);
  g_test_add_func ("/series-finder/filter-panel/chip-exclude-ways", test_chip_exclude_ways);
  g_test_add_func ("/series-finder/filter-panel/reset-undo", test_reset_undo);
  g_test_add_func ("/series-finder/filter-panel/chips-with-panel", test_chips_with_panel);

  status = g_test_run ();

  close_catalog ();
  g_clear_pointer (&shows, g_ptr_array_unref);
  {
    g_autofree char *path = g_build_filename (tmpdir, "catalog.db", NULL);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);

  return status;
}
