/* sf-filter-panel.c: the criteria editor, with the count of every choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sf-criteria-text.h"
#include "sf-filter-chip.h"
#include "sf-filter-panel.h"
#include "sf-range-row.h"
#include "sf-removable-chip.h"
#include "sf-scroll-guard.h"
#include "sf-wrap-layout.h"

/* Spin buttons and the slider wait for the person to stop; toggles answer at once. */
#define EMIT_DELAY_MS      150
#define COUNTS_DELAY_MS    150
#define COMPLETE_DELAY_MS  150
#define REFRESH_DELAY_MS   1000
#define N_LANGUAGES        20
#define N_SUGGESTIONS      6
/* Room for a count before the catalog has said how wide its counts get ("12,345"): the first
 * counts, which come with the first criterion, then do not re-wrap the chips under the
 * pointer. */
#define DEFAULT_COUNT_CHARS 5

/* Shown until the catalog says which languages it holds (TVmaze's commonest). */
static const char * const fallback_languages[] = {
  "English", "Japanese", "Spanish", "Korean", "Chinese", "French", "German", "Russian",
  "Portuguese", "Italian", "Hindi", "Swedish", NULL
};

/* The facets with toggles, in the order of the panel. */
static const SfCriterion facets[] = {
  SF_CRITERION_GENRES_ALL, SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE,
};

struct _SfFilterPanel
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *content;
  GtkLabel      *match_label;
  GtkButton     *reset_button;
  AdwComboRow   *sort_row;
  GtkToggleButton *genre_all_button;
  GtkToggleButton *genre_any_button;
  GtkBox        *genre_box;
  GtkBox        *status_box;
  GtkBox        *type_box;
  GtkBox        *language_box;
  AdwEntryRow   *channel_entry;
  GtkListBox    *channel_suggestions;
  GtkBox        *channel_chips;
  AdwEntryRow   *country_entry;
  GtkListBox    *country_suggestions;
  GtkBox        *country_chips;
  SfRangeRow    *year_range;
  GtkLabel      *rating_value;
  GtkScale      *rating_scale;
  SfRangeRow    *runtime_range;
  GtkScrolledWindow *scroller;

  /* owned */
  SfCatalog     *catalog;               /* nullable */
  SfCriteria    *criteria;              /* what the widgets show; replaced, never edited */
  SfCriteria    *emitted;               /* as of the last "criteria-changed" */
  GHashTable    *counts;                /* facet key -> count; NULL: not known */
  GPtrArray     *universe;              /* SfFacetCount for empty criteria; nullable */
  GPtrArray     *countries;             /* SfCountryCount, most shows first; nullable */
  GPtrArray     *country_keys;          /* each country's normalized name, nullable ones */
  GtkStringList *suggestions;
  GtkStringList *country_matches;       /* codes of the countries suggested */
  GCancellable  *counts_cancellable;
  GCancellable  *universe_cancellable;  /* the values and the countries */
  GCancellable  *complete_cancellable;

  guint          emit_source;
  guint          counts_source;
  guint          refresh_source;
  guint          complete_source;
  int            match_count;           /* -1: not known */
  gboolean       updating;              /* widgets follow the criteria: not a person's change */
};

G_DEFINE_FINAL_TYPE (SfFilterPanel, sf_filter_panel, GTK_TYPE_WIDGET)

enum
{
  CRITERIA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_MATCH_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_values      (SfFilterPanel *self,
                              gboolean       rebuild);
static void schedule_counts  (SfFilterPanel *self);
static void reset_clicked_cb (SfFilterPanel *self);
static void set_countries    (SfFilterPanel *self,
                              GPtrArray     *countries);

/* Helpers */

static gboolean
contains_nocase (const char * const *values,
                 const char         *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (values[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
array_contains_nocase (GPtrArray  *values,
                       const char *value)
{
  for (guint i = 0; i < values->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (values, i), value) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
facet_key (SfCriterion  criterion,
           const char  *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);

  return g_strdup_printf ("%d:%s", (int) criterion, lower);
}

static const SfCountryCount *
find_country (SfFilterPanel *self,
              const char    *code)
{
  for (guint i = 0; self->countries != NULL && i < self->countries->len; i++)
    {
      const SfCountryCount *country = g_ptr_array_index (self->countries, i);

      if (g_ascii_strcasecmp (country->code, code) == 0)
        return country;
    }

  return NULL;
}

static char *
country_label (const SfCountryCount *country)
{
  if (country->name == NULL)
    return g_strdup (country->code);

  /* Translators: a country's name and ISO code, "United Kingdom · GB" */
  return g_strdup_printf (_("%s · %s"), sf_criteria_get_country_label (country->name),
                          country->code);
}

static GtkBox *
facet_box (SfFilterPanel *self,
           SfCriterion    criterion)
{
  switch (criterion)
    {
    case SF_CRITERION_GENRES_ALL:
      return self->genre_box;
    case SF_CRITERION_STATUS:
      return self->status_box;
    case SF_CRITERION_TYPE:
      return self->type_box;
    case SF_CRITERION_LANGUAGE:
      return self->language_box;
    case SF_CRITERION_TEXT:
    case SF_CRITERION_GENRES_ANY:
    case SF_CRITERION_GENRES_EXCLUDE:
    case SF_CRITERION_CHANNEL:
    case SF_CRITERION_COUNTRY:
    case SF_CRITERION_YEAR:
    case SF_CRITERION_RATING:
    case SF_CRITERION_RUNTIME:
    default:
      g_assert_not_reached ();
    }
}

static void
remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The chips of a box, in order */
static GPtrArray *
box_items (GtkBox *box)
{
  GPtrArray *items = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (items, child);

  return items;
}

static gboolean
has_filters (const SfCriteria *criteria)
{
  g_autoptr(SfCriteria) copy = sf_criteria_copy (criteria);

  /* The title text belongs to the search entry: Reset leaves it alone. */
  sf_criteria_set_text (copy, NULL);
  return !sf_criteria_is_empty (copy) || sf_criteria_get_sort (copy) != SF_SORT_RELEVANCE;
}

static gboolean
catalog_has_shows (SfFilterPanel *self)
{
  SfCatalogState state;

  if (self->catalog == NULL || !sf_catalog_is_open (self->catalog))
    return FALSE;

  sf_catalog_get_state (self->catalog, &state);
  return state.n_shows > 0;
}

/* Emitting */

static void
emit_if_changed (SfFilterPanel *self)
{
  g_clear_handle_id (&self->emit_source, g_source_remove);

  if (sf_criteria_equal (self->criteria, self->emitted))
    return;

  g_clear_pointer (&self->emitted, sf_criteria_unref);
  self->emitted = sf_criteria_ref (self->criteria);
  g_signal_emit (self, signals[CRITERIA_CHANGED], 0, self->criteria);
}

static gboolean
emit_timeout_cb (gpointer user_data)
{
  SfFilterPanel *self = user_data;

  self->emit_source = 0;
  emit_if_changed (self);

  return G_SOURCE_REMOVE;
}

/* Takes @criteria: the person's change, already shown by the widget they used. */
static void
apply (SfFilterPanel *self,
       SfCriteria    *criteria,
       gboolean       debounce)
{
  g_clear_pointer (&self->criteria, sf_criteria_unref);
  self->criteria = criteria;

  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), has_filters (self->criteria));

  if (debounce)
    {
      g_clear_handle_id (&self->emit_source, g_source_remove);
      self->emit_source = g_timeout_add (EMIT_DELAY_MS, emit_timeout_cb, self);
    }
  else
    {
      emit_if_changed (self);
    }

  schedule_counts (self);
}

/* Counts */

static void
update_match_label (SfFilterPanel *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->match_label), self->match_count >= 0);
  if (self->match_count < 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d match", "%'d matches",
                                       self->match_count),
                          self->match_count);
  gtk_label_set_text (self->match_label, text);
}

/* The widest count a chip of @criterion can show: a value's count without criteria is the
 * most it ever counts. Every chip of the group gets that room, so counts never re-wrap the
 * chips. */
static int
widest_count_chars (SfFilterPanel *self,
                    SfCriterion    criterion)
{
  guint widest = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; self->universe != NULL && i < self->universe->len; i++)
    {
      SfFacetCount *count = g_ptr_array_index (self->universe, i);

      if (count->criterion == criterion)
        widest = MAX (widest, count->count);
    }
  if (widest == 0)
    return 0;

  text = g_strdup_printf ("%'u", widest);
  return (int) g_utf8_strlen (text, -1);
}

static void
update_counts (SfFilterPanel *self)
{
  for (guint f = 0; f < G_N_ELEMENTS (facets); f++)
    {
      g_autoptr(GPtrArray) chips = box_items (facet_box (self, facets[f]));
      int chars = widest_count_chars (self, facets[f]);

      if (chars == 0 && self->catalog != NULL)
        chars = DEFAULT_COUNT_CHARS;

      for (guint i = 0; i < chips->len; i++)
        {
          SfFilterChip *chip = g_ptr_array_index (chips, i);
          g_autofree char *key = NULL;
          int count = -1;

          if (self->counts != NULL)
            {
              key = facet_key (facets[f], sf_filter_chip_get_value (chip));
              count = GPOINTER_TO_INT (g_hash_table_lookup (self->counts, key));
            }
          sf_filter_chip_set_count_chars (chip, chars);
          sf_filter_chip_set_count (chip, count);
        }
    }

  update_match_label (self);
}

static void
facets_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) facet_counts = NULL;
  g_autoptr(GError) error = NULL;
  SfFilterPanel *self;

  facet_counts = sf_catalog_count_facets_finish (SF_CATALOG (source), result, &error);

  /* Cancelled: superseded, or the panel is gone (dispose cancels): do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SF_FILTER_PANEL (user_data);
  if (facet_counts == NULL)
    {
      /* A catalog closing or failing is the window's business; the counts just stay. */
      g_debug ("Could not count facets: %s", error->message);
      return;
    }

  g_clear_pointer (&self->counts, g_hash_table_unref);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < facet_counts->len; i++)
    {
      SfFacetCount *count = g_ptr_array_index (facet_counts, i);

      g_hash_table_insert (self->counts, facet_key (count->criterion, count->value),
                           GINT_TO_POINTER ((int) MIN (count->count, G_MAXINT)));
    }

  update_counts (self);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SfFilterPanel *self;
  guint count = 0;

  if (!sf_catalog_count_finish (SF_CATALOG (source), result, &count, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not count matches: %s", error->message);
      return;
    }

  self = SF_FILTER_PANEL (user_data);
  if (self->match_count == (int) MIN (count, G_MAXINT))
    return;
  self->match_count = (int) MIN (count, G_MAXINT);
  update_match_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_COUNT]);
}

static void
run_counts (SfFilterPanel *self)
{
  g_clear_handle_id (&self->counts_source, g_source_remove);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);

  if (!catalog_has_shows (self))
    return;

  self->counts_cancellable = g_cancellable_new ();
  sf_catalog_count_facets_async (self->catalog, self->criteria, self->counts_cancellable,
                                 facets_cb, self);
  sf_catalog_count_async (self->catalog, self->criteria, self->counts_cancellable,
                          count_cb, self);
}

static gboolean
counts_timeout_cb (gpointer user_data)
{
  SfFilterPanel *self = user_data;

  self->counts_source = 0;
  run_counts (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_counts (SfFilterPanel *self)
{
  if (self->catalog == NULL)
    return;

  g_clear_handle_id (&self->counts_source, g_source_remove);
  self->counts_source = g_timeout_add (COUNTS_DELAY_MS, counts_timeout_cb, self);
}

/* Which values have a chip: the known ones, the catalog's, the criteria's. */

static void
universe_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GPtrArray) facet_counts = NULL;
  g_autoptr(GError) error = NULL;
  SfFilterPanel *self;

  facet_counts = sf_catalog_count_facets_finish (SF_CATALOG (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SF_FILTER_PANEL (user_data);
  if (facet_counts == NULL)
    {
      g_debug ("Could not list the catalog's values: %s", error->message);
      return;
    }

  g_clear_pointer (&self->universe, g_ptr_array_unref);
  self->universe = g_steal_pointer (&facet_counts);
  /* A box changes only when the set of values does (a language entering the top ones). */
  sync_values (self, TRUE);
  update_counts (self);
}

static void
countries_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GPtrArray) countries = NULL;
  g_autoptr(GError) error = NULL;
  SfFilterPanel *self;

  countries = sf_catalog_list_countries_finish (SF_CATALOG (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SF_FILTER_PANEL (user_data);
  if (countries == NULL)
    {
      g_debug ("Could not list the catalog's countries: %s", error->message);
      return;
    }

  set_countries (self, g_steal_pointer (&countries));
}

static void
run_universe (SfFilterPanel *self)
{
  g_autoptr(SfCriteria) none = NULL;

  g_cancellable_cancel (self->universe_cancellable);
  g_clear_object (&self->universe_cancellable);

  if (!catalog_has_shows (self))
    return;

  none = sf_criteria_new ();
  self->universe_cancellable = g_cancellable_new ();
  sf_catalog_count_facets_async (self->catalog, none, self->universe_cancellable,
                                 universe_cb, self);
  sf_catalog_list_countries_async (self->catalog, self->universe_cancellable,
                                   countries_cb, self);
}

/* The values @criterion's box should show, in order. */
static GPtrArray *
wanted_values (SfFilterPanel *self,
               SfCriterion    criterion)
{
  GPtrArray *values = g_ptr_array_new ();
  const char * const *known = sf_criteria_get_known_values (criterion);
  guint n_universe = 0;

  for (guint i = 0; known[i] != NULL; i++)
    g_ptr_array_add (values, (gpointer) known[i]);

  /* The catalog's values by count, highest first: every other one for the open sets, the
   * commonest languages. */
  for (guint i = 0; self->universe != NULL && i < self->universe->len; i++)
    {
      SfFacetCount *count = g_ptr_array_index (self->universe, i);

      if (count->criterion != criterion || array_contains_nocase (values, count->value))
        continue;
      if (criterion == SF_CRITERION_LANGUAGE && n_universe >= N_LANGUAGES)
        continue;
      g_ptr_array_add (values, count->value);
      n_universe++;
    }

  if (criterion == SF_CRITERION_LANGUAGE && n_universe == 0)
    {
      for (guint i = 0; fallback_languages[i] != NULL; i++)
        g_ptr_array_add (values, (gpointer) fallback_languages[i]);
    }

  /* Whatever the criteria hold gets a chip too, so it can be seen and taken away. */
  if (criterion == SF_CRITERION_GENRES_ALL)
    {
      static const SfCriterion genre_lists[] = {
        SF_CRITERION_GENRES_ALL, SF_CRITERION_GENRES_ANY, SF_CRITERION_GENRES_EXCLUDE,
      };

      for (guint l = 0; l < G_N_ELEMENTS (genre_lists); l++)
        {
          const char * const *set = sf_criteria_get_values (self->criteria, genre_lists[l]);

          for (guint i = 0; set[i] != NULL; i++)
            if (!array_contains_nocase (values, set[i]))
              g_ptr_array_add (values, (gpointer) set[i]);
        }
    }
  else
    {
      const char * const *set = sf_criteria_get_values (self->criteria, criterion);

      for (guint i = 0; set[i] != NULL; i++)
        if (!array_contains_nocase (values, set[i]))
          g_ptr_array_add (values, (gpointer) set[i]);
    }

  return values;
}

static void
chip_toggled_cb (SfFilterChip  *chip,
                 SfFilterPanel *self)
{
  SfCriterion criterion = sf_filter_chip_get_criterion (chip);
  const char *value = sf_filter_chip_get_value (chip);
  SfFilterChipState state = sf_filter_chip_get_state (chip);
  SfCriteria *criteria;

  if (self->updating)
    return;

  criteria = sf_criteria_copy (self->criteria);

  if (criterion == SF_CRITERION_GENRES_ALL)
    {
      gboolean any = gtk_toggle_button_get_active (self->genre_any_button);

      sf_criteria_remove_value (criteria, SF_CRITERION_GENRES_ALL, value);
      sf_criteria_remove_value (criteria, SF_CRITERION_GENRES_ANY, value);
      sf_criteria_remove_value (criteria, SF_CRITERION_GENRES_EXCLUDE, value);
      if (state == SF_FILTER_CHIP_INCLUDED)
        sf_criteria_add_value (criteria,
                               any ? SF_CRITERION_GENRES_ANY : SF_CRITERION_GENRES_ALL, value);
      else if (state == SF_FILTER_CHIP_EXCLUDED)
        sf_criteria_add_value (criteria, SF_CRITERION_GENRES_EXCLUDE, value);
    }
  else if (state == SF_FILTER_CHIP_INCLUDED)
    {
      sf_criteria_add_value (criteria, criterion, value);
    }
  else
    {
      sf_criteria_remove_value (criteria, criterion, value);
    }

  apply (self, criteria, FALSE);
}

static SfFilterChipState
chip_state (SfFilterPanel *self,
            SfCriterion    criterion,
            const char    *value)
{
  if (criterion == SF_CRITERION_GENRES_ALL)
    {
      if (contains_nocase (sf_criteria_get_values (self->criteria, SF_CRITERION_GENRES_EXCLUDE),
                           value))
        return SF_FILTER_CHIP_EXCLUDED;
      if (contains_nocase (sf_criteria_get_values (self->criteria, SF_CRITERION_GENRES_ANY),
                           value))
        return SF_FILTER_CHIP_INCLUDED;
    }

  return contains_nocase (sf_criteria_get_values (self->criteria, criterion), value)
           ? SF_FILTER_CHIP_INCLUDED : SF_FILTER_CHIP_NEUTRAL;
}

/* Rebuilds a box only when the values it shows change, so that a chip under the pointer or
 * with the focus stays put while counts come and go. With @rebuild unset, chips already
 * there stay even when no longer wanted (a value just turned off keeps its place). */
static void
sync_facet_box (SfFilterPanel *self,
                SfCriterion    criterion,
                gboolean       rebuild)
{
  GtkBox *box = facet_box (self, criterion);
  g_autoptr(GPtrArray) values = wanted_values (self, criterion);
  g_autoptr(GPtrArray) chips = box_items (box);
  gboolean same = TRUE;

  if (!rebuild)
    {
      /* Keep what is shown; add what is new. */
      for (guint i = 0; i < chips->len; i++)
        {
          const char *value = sf_filter_chip_get_value (g_ptr_array_index (chips, i));

          if (!array_contains_nocase (values, value))
            g_ptr_array_add (values, (gpointer) value);
        }
    }

  if (values->len != chips->len)
    same = FALSE;
  for (guint i = 0; same && i < values->len; i++)
    {
      /* The same set in another order (languages by count during a sync) stays as it is. */
      gboolean found = FALSE;

      for (guint j = 0; j < chips->len && !found; j++)
        found = g_ascii_strcasecmp (g_ptr_array_index (values, i),
                                    sf_filter_chip_get_value (g_ptr_array_index (chips, j))) == 0;
      same = found;
    }

  if (!same)
    {
      /* The values point into the chips about to go. */
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) wanted = NULL;

      for (guint i = 0; i < values->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (values, i));
      wanted = g_strv_builder_end (builder);

      g_ptr_array_set_size (chips, 0);
      remove_all (box);
      for (guint i = 0; wanted[i] != NULL; i++)
        {
          GtkWidget *chip = sf_filter_chip_new (criterion, wanted[i],
                                                criterion == SF_CRITERION_GENRES_ALL);

          g_signal_connect (chip, "toggled", G_CALLBACK (chip_toggled_cb), self);
          gtk_box_append (box, chip);
          g_ptr_array_add (chips, chip);
        }
    }

  for (guint i = 0; i < chips->len; i++)
    {
      SfFilterChip *chip = g_ptr_array_index (chips, i);

      sf_filter_chip_set_state (chip, chip_state (self, criterion,
                                                  sf_filter_chip_get_value (chip)));
    }
}

/* Channels and countries: the chosen ones as removable chips */

static void
selected_chip_remove_cb (SfRemovableChip *chip,
                         SfFilterPanel   *self)
{
  SfCriterion criterion = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chip), "sf-criterion"));
  const char *value = g_object_get_data (G_OBJECT (chip), "sf-value");
  SfCriteria *criteria = sf_criteria_copy (self->criteria);

  sf_criteria_remove_value (criteria, criterion, value);
  apply (self, criteria, FALSE);
  sync_values (self, FALSE);
}

/* A country shows its name too, once the catalog has said it. */
static char *
selected_label (SfFilterPanel *self,
                SfCriterion    criterion,
                const char    *value)
{
  const SfCountryCount *country = NULL;

  if (criterion == SF_CRITERION_COUNTRY)
    country = find_country (self, value);

  return country != NULL ? country_label (country) : g_strdup (value);
}

static void
sync_selected_chips (SfFilterPanel *self,
                     SfCriterion    criterion,
                     GtkBox        *box)
{
  const char * const *values = sf_criteria_get_values (self->criteria, criterion);
  g_autoptr(GPtrArray) chips = box_items (box);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gboolean same = chips->len == g_strv_length ((GStrv) values);

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (labels, selected_label (self, criterion, values[i]));

  for (guint i = 0; same && i < chips->len; i++)
    {
      SfRemovableChip *chip = g_ptr_array_index (chips, i);

      same = g_strcmp0 (g_object_get_data (G_OBJECT (chip), "sf-value"), values[i]) == 0 &&
             g_strcmp0 (sf_removable_chip_get_label (chip),
                        g_ptr_array_index (labels, i)) == 0;
    }
  if (same)
    return;

  remove_all (box);
  for (guint i = 0; values[i] != NULL; i++)
    {
      GtkWidget *chip = sf_removable_chip_new (g_ptr_array_index (labels, i));

      g_object_set_data (G_OBJECT (chip), "sf-criterion", GINT_TO_POINTER (criterion));
      g_object_set_data_full (G_OBJECT (chip), "sf-value", g_strdup (values[i]), g_free);
      g_signal_connect (chip, "remove", G_CALLBACK (selected_chip_remove_cb), self);
      gtk_box_append (box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (box), values[0] != NULL);
}

/* Ranges (see sf-range-row.h) */

static void
year_changed_cb (SfFilterPanel *self,
                 SfRangeRow    *row)
{
  SfCriteria *criteria;
  int from, to;

  if (self->updating)
    return;

  sf_range_row_get_range (row, &from, &to);
  criteria = sf_criteria_copy (self->criteria);
  sf_criteria_set_year_range (criteria, from, to);
  apply (self, criteria, TRUE);
}

static void
runtime_changed_cb (SfFilterPanel *self,
                    SfRangeRow    *row)
{
  SfCriteria *criteria;
  int from, to;

  if (self->updating)
    return;

  sf_range_row_get_range (row, &from, &to);
  criteria = sf_criteria_copy (self->criteria);
  sf_criteria_set_runtime_range (criteria, from, to);
  apply (self, criteria, TRUE);
}

/* Rating */

static void
update_rating_label (SfFilterPanel *self,
                     double         rating)
{
  g_autofree char *text = NULL;

  if (rating <= 0.0)
    {
      gtk_label_set_text (self->rating_value, _("Any"));
      return;
    }

  text = sf_criteria_format_rating (rating);
  gtk_label_set_text (self->rating_value, text);
}

static void
rating_changed_cb (SfFilterPanel *self)
{
  double value = gtk_range_get_value (GTK_RANGE (self->rating_scale));
  double snapped = round (value * 2.0) / 2.0;
  SfCriteria *criteria;

  /* Halves only: setting the snapped value comes back here once more. Criteria from
   * elsewhere (the command line) keep their exact value. */
  if (!self->updating && snapped != value)
    {
      gtk_range_set_value (GTK_RANGE (self->rating_scale), snapped);
      return;
    }

  update_rating_label (self, value);
  if (self->updating)
    return;

  criteria = sf_criteria_copy (self->criteria);
  sf_criteria_set_min_rating (criteria, value);
  apply (self, criteria, TRUE);
}

/* Sort and genre mode */

static void
sort_changed_cb (SfFilterPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->sort_row);
  SfCriteria *criteria;

  if (self->updating || selected > SF_SORT_NAME)
    return;

  criteria = sf_criteria_copy (self->criteria);
  sf_criteria_set_sort (criteria, (SfSort) selected);
  apply (self, criteria, FALSE);
}

/* Both buttons of the pair report here; only the one turned on says the new mode (the
 * other is turned off first, while neither is on). */
static void
genre_mode_cb (SfFilterPanel   *self,
               GtkToggleButton *button)
{
  gboolean any = button == self->genre_any_button;
  SfCriterion from = any ? SF_CRITERION_GENRES_ALL : SF_CRITERION_GENRES_ANY;
  SfCriterion to = any ? SF_CRITERION_GENRES_ANY : SF_CRITERION_GENRES_ALL;
  const char * const *moving;
  SfCriteria *criteria;

  if (!gtk_toggle_button_get_active (button))
    return;
  if (self->updating)
    return;

  criteria = sf_criteria_copy (self->criteria);
  moving = sf_criteria_get_values (self->criteria, from);
  for (guint i = 0; moving[i] != NULL; i++)
    sf_criteria_add_value (criteria, to, moving[i]);
  sf_criteria_set_values (criteria, from, NULL);
  apply (self, criteria, FALSE);
}

/* Channel entry and its suggestions */

static void
hide_suggestions (SfFilterPanel *self)
{
  g_clear_handle_id (&self->complete_source, g_source_remove);
  g_cancellable_cancel (self->complete_cancellable);
  g_clear_object (&self->complete_cancellable);
  gtk_string_list_splice (self->suggestions, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_suggestions), FALSE);
}

static void
add_channel (SfFilterPanel *self,
             const char    *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  SfCriteria *criteria;

  if (*stripped == '\0')
    return;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->channel_entry), "");
  self->updating = FALSE;
  hide_suggestions (self);

  criteria = sf_criteria_copy (self->criteria);
  sf_criteria_add_value (criteria, SF_CRITERION_CHANNEL, stripped);
  apply (self, criteria, FALSE);
  sync_values (self, FALSE);
}

static void
complete_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) shown = NULL;
  SfFilterPanel *self;

  names = sf_catalog_complete_channel_finish (SF_CATALOG (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SF_FILTER_PANEL (user_data);
  g_clear_object (&self->complete_cancellable);
  if (names == NULL)
    {
      g_debug ("Could not complete a channel name: %s", error->message);
      return;
    }

  /* Channels already chosen are not offered again. */
  builder = g_strv_builder_new ();
  for (guint i = 0, n = 0; names[i] != NULL && n < N_SUGGESTIONS; i++)
    {
      if (contains_nocase (sf_criteria_get_values (self->criteria, SF_CRITERION_CHANNEL),
                           names[i]))
        continue;
      g_strv_builder_add (builder, names[i]);
      n++;
    }
  shown = g_strv_builder_end (builder);

  gtk_string_list_splice (self->suggestions, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)),
                          (const char * const *) shown);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_suggestions), shown[0] != NULL);
}

static gboolean
complete_timeout_cb (gpointer user_data)
{
  SfFilterPanel *self = user_data;
  g_autofree char *prefix = NULL;
  guint n_chosen;

  self->complete_source = 0;
  g_cancellable_cancel (self->complete_cancellable);
  g_clear_object (&self->complete_cancellable);

  prefix = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->channel_entry))));
  if (*prefix == '\0' || self->catalog == NULL || !sf_catalog_is_open (self->catalog))
    return G_SOURCE_REMOVE;

  /* Enough names that the chosen ones, left out, still leave a full list. */
  n_chosen = g_strv_length ((GStrv) sf_criteria_get_values (self->criteria, SF_CRITERION_CHANNEL));
  self->complete_cancellable = g_cancellable_new ();
  sf_catalog_complete_channel_async (self->catalog, prefix, N_SUGGESTIONS + n_chosen,
                                     self->complete_cancellable, complete_cb, self);

  return G_SOURCE_REMOVE;
}

static void
channel_text_changed_cb (SfFilterPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->channel_entry));

  if (self->updating)
    return;

  if (text[0] == '\0')
    {
      hide_suggestions (self);
      return;
    }

  g_clear_handle_id (&self->complete_source, g_source_remove);
  self->complete_source = g_timeout_add (COMPLETE_DELAY_MS, complete_timeout_cb, self);
}

static void
channel_activated_cb (SfFilterPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->channel_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));

  /* "hbo" becomes the catalog's "HBO" when that is on offer. */
  for (guint i = 0; i < n; i++)
    {
      const char *name = gtk_string_list_get_string (self->suggestions, i);

      if (g_ascii_strcasecmp (name, stripped) == 0)
        {
          g_free (stripped);
          stripped = g_strdup (name);
          break;
        }
    }

  add_channel (self, stripped);
}

static void
suggestion_activated_cb (SfFilterPanel *self,
                         GtkListBoxRow *row)
{
  guint index = gtk_list_box_row_get_index (row);
  g_autofree char *name = NULL;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)))
    return;

  name = g_strdup (gtk_string_list_get_string (self->suggestions, index));
  add_channel (self, name);
}

static GtkWidget *
create_suggestion_row (gpointer item,
                       gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  /* Channel names come from the internet: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);

  return row;
}

/* Country entry and its suggestions, from the catalog's list filtered in memory */

/* The country whose code or whole name is @text, chosen or not. */
static const SfCountryCount *
find_exact_country (SfFilterPanel *self,
                    const char    *text)
{
  g_autofree char *key = sf_criteria_normalize_text (text);

  for (guint i = 0; self->countries != NULL && i < self->countries->len; i++)
    {
      const SfCountryCount *country = g_ptr_array_index (self->countries, i);
      const char *name_key = g_ptr_array_index (self->country_keys, i);

      if (g_ascii_strcasecmp (country->code, text) == 0 ||
          (*key != '\0' && g_strcmp0 (name_key, key) == 0))
        return country;
    }

  return NULL;
}

static void
describe_country_row (AdwActionRow         *row,
                      const SfCountryCount *country)
{
  g_autofree char *title = country_label (country);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u series", "%'u series",
                                           country->count),
                              country->count);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_country_row (gpointer item,
                    gpointer user_data)
{
  SfFilterPanel *self = user_data;
  const char *code = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  const SfCountryCount *country = find_country (self, code);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  /* Country names come from the internet: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (country != NULL)
    describe_country_row (ADW_ACTION_ROW (row), country);
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), code);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);

  return row;
}

/* Rows for the same codes are kept (a refresh during a sync only moves the counts), so
 * that one with the focus keeps it. */
static void
show_country_matches (SfFilterPanel      *self,
                      const char * const *codes)
{
  GListModel *model = G_LIST_MODEL (self->country_matches);
  guint n = g_list_model_get_n_items (model);
  gboolean same = n == g_strv_length ((GStrv) codes);

  for (guint i = 0; same && i < n; i++)
    same = strcmp (gtk_string_list_get_string (self->country_matches, i), codes[i]) == 0;

  if (!same)
    {
      gtk_string_list_splice (self->country_matches, 0, n, codes);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->country_suggestions, i);
          const SfCountryCount *country = find_country (self, codes[i]);

          if (ADW_IS_ACTION_ROW (row) && country != NULL)
            describe_country_row (ADW_ACTION_ROW (row), country);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->country_suggestions), codes[0] != NULL);
}

/* A code starting with @text, or a word of the name starting with its words. */
static gboolean
country_matches_text (const SfCountryCount *country,
                      const char           *name_key,
                      const char           *text,
                      const char           *key,
                      const char           *spaced_key)
{
  if (g_ascii_strncasecmp (country->code, text, strlen (text)) == 0)
    return TRUE;

  if (*key == '\0' || name_key == NULL)
    return FALSE;

  return g_str_has_prefix (name_key, key) || strstr (name_key, spaced_key) != NULL;
}

static void
update_country_suggestions (SfFilterPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->country_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *key = NULL;
  g_autofree char *spaced_key = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  guint n = 0;

  if (*stripped == '\0' || self->countries == NULL)
    {
      show_country_matches (self, (const char * const[]) { NULL });
      return;
    }

  key = sf_criteria_normalize_text (stripped);
  spaced_key = g_strconcat (" ", key, NULL);

  for (guint i = 0; i < self->countries->len && n < N_SUGGESTIONS; i++)
    {
      const SfCountryCount *country = g_ptr_array_index (self->countries, i);
      const char *name_key = g_ptr_array_index (self->country_keys, i);

      /* Countries already chosen are not offered again. */
      if (contains_nocase (sf_criteria_get_values (self->criteria, SF_CRITERION_COUNTRY),
                           country->code) ||
          !country_matches_text (country, name_key, stripped, key, spaced_key))
        continue;

      g_strv_builder_add (builder, country->code);
      n++;
    }

  codes = g_strv_builder_end (builder);
  show_country_matches (self, (const char * const *) codes);
}

/* Takes @countries (or NULL: none known). */
static void
set_countries (SfFilterPanel *self,
               GPtrArray     *countries)
{
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->country_keys, g_ptr_array_unref);
  self->countries = countries;

  if (countries != NULL)
    {
      self->country_keys = g_ptr_array_new_full (countries->len, g_free);
      for (guint i = 0; i < countries->len; i++)
        {
          const SfCountryCount *country = g_ptr_array_index (countries, i);

          g_ptr_array_add (self->country_keys,
                           country->name != NULL ? sf_criteria_normalize_text (country->name)
                                                 : NULL);
        }
    }

  update_country_suggestions (self);
  sync_selected_chips (self, SF_CRITERION_COUNTRY, self->country_chips);
}

static void
add_country (SfFilterPanel *self,
             const char    *code)
{
  g_autofree char *value = g_strdup (code);
  SfCriteria *criteria;

  /* Clearing the entry hides the suggestions (and may free @code). */
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->country_entry), "");
  self->updating = FALSE;

  criteria = sf_criteria_copy (self->criteria);
  sf_criteria_add_value (criteria, SF_CRITERION_COUNTRY, value);
  apply (self, criteria, FALSE);
  sync_values (self, FALSE);
}

static void
country_text_changed_cb (SfFilterPanel *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->country_entry), "error");
  update_country_suggestions (self);
}

/* A country named or coded exactly; else a typed code, as before the catalog knew names
 * (the person may know a code the catalog has no show for yet); else the first suggestion. */
static void
country_activated_cb (SfFilterPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->country_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *code = g_ascii_strup (stripped, -1);
  const SfCountryCount *country;

  if (*stripped == '\0')
    return;

  country = find_exact_country (self, stripped);
  if (country != NULL)
    {
      add_country (self, country->code);
      return;
    }

  /* ISO 3166 codes, as TVmaze gives them: two letters. */
  if (strlen (code) == 2 && g_ascii_isalpha (code[0]) && g_ascii_isalpha (code[1]))
    {
      add_country (self, code);
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->country_matches)) > 0)
    {
      add_country (self, gtk_string_list_get_string (self->country_matches, 0));
      return;
    }

  gtk_widget_add_css_class (GTK_WIDGET (self->country_entry), "error");
  gtk_widget_error_bell (GTK_WIDGET (self->country_entry));
}

static void
country_suggestion_activated_cb (SfFilterPanel *self,
                                 GtkListBoxRow *row)
{
  guint index = gtk_list_box_row_get_index (row);

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->country_matches)))
    return;

  add_country (self, gtk_string_list_get_string (self->country_matches, index));
}

/* Widgets from criteria */

/* The chips only: spin buttons keep whatever is being typed into them. */
static void
sync_values (SfFilterPanel *self,
             gboolean       rebuild)
{
  gboolean updating = self->updating;

  self->updating = TRUE;
  for (guint f = 0; f < G_N_ELEMENTS (facets); f++)
    sync_facet_box (self, facets[f], rebuild);

  sync_selected_chips (self, SF_CRITERION_CHANNEL, self->channel_chips);
  sync_selected_chips (self, SF_CRITERION_COUNTRY, self->country_chips);
  self->updating = updating;
}

static void
sync_widgets (SfFilterPanel *self,
              gboolean       rebuild)
{
  const SfCriteria *criteria = self->criteria;
  int from, to;

  self->updating = TRUE;

  adw_combo_row_set_selected (self->sort_row, sf_criteria_get_sort (criteria));

  /* The genre mode follows the criteria when they say; otherwise the person's choice stays. */
  if (sf_criteria_is_set (criteria, SF_CRITERION_GENRES_ALL))
    gtk_toggle_button_set_active (self->genre_all_button, TRUE);
  else if (sf_criteria_is_set (criteria, SF_CRITERION_GENRES_ANY))
    gtk_toggle_button_set_active (self->genre_any_button, TRUE);

  sync_values (self, rebuild);

  sf_criteria_get_year_range (criteria, &from, &to);
  sf_range_row_set_range (self->year_range, from, to);
  sf_criteria_get_runtime_range (criteria, &from, &to);
  sf_range_row_set_range (self->runtime_range, from, to);

  gtk_range_set_value (GTK_RANGE (self->rating_scale), sf_criteria_get_min_rating (criteria));
  update_rating_label (self, sf_criteria_get_min_rating (criteria));

  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), has_filters (criteria));

  self->updating = FALSE;

  update_counts (self);
}

/* GObject */

static void
sf_filter_panel_dispose (GObject *object)
{
  SfFilterPanel *self = SF_FILTER_PANEL (object);

  g_clear_handle_id (&self->emit_source, g_source_remove);
  g_clear_handle_id (&self->counts_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->complete_source, g_source_remove);
  g_cancellable_cancel (self->counts_cancellable);
  g_cancellable_cancel (self->universe_cancellable);
  g_cancellable_cancel (self->complete_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_clear_object (&self->universe_cancellable);
  g_clear_object (&self->complete_cancellable);
  g_clear_object (&self->catalog);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_FILTER_PANEL);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->country_matches);

  G_OBJECT_CLASS (sf_filter_panel_parent_class)->dispose (object);
}

static void
sf_filter_panel_finalize (GObject *object)
{
  SfFilterPanel *self = SF_FILTER_PANEL (object);

  g_clear_pointer (&self->criteria, sf_criteria_unref);
  g_clear_pointer (&self->emitted, sf_criteria_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->universe, g_ptr_array_unref);
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->country_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (sf_filter_panel_parent_class)->finalize (object);
}

static void
sf_filter_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SfFilterPanel *self = SF_FILTER_PANEL (object);

  switch (prop_id)
    {
    case PROP_MATCH_COUNT:
      g_value_set_int (value, self->match_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_filter_panel_class_init (SfFilterPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_filter_panel_dispose;
  object_class->finalize = sf_filter_panel_finalize;
  object_class->get_property = sf_filter_panel_get_property;

  /**
   * SfFilterPanel:match-count:
   *
   * How many series the criteria match, as the panel's header says; -1 while unknown.
   */
  properties[PROP_MATCH_COUNT] =
    g_param_spec_int ("match-count", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SfFilterPanel::criteria-changed:
   * @criteria: the new criteria (the same as sf_filter_panel_get_criteria())
   */
  signals[CRITERIA_CHANGED] = g_signal_new ("criteria-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, SF_TYPE_CRITERIA);

  g_type_ensure (ADW_TYPE_COMBO_ROW);
  g_type_ensure (ADW_TYPE_ENTRY_ROW);
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);

  g_type_ensure (SF_TYPE_RANGE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-filter-panel.ui");
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, content);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, match_label);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, reset_button);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, sort_row);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, genre_all_button);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, genre_any_button);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, genre_box);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, status_box);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, type_box);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, language_box);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, channel_entry);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, channel_suggestions);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, channel_chips);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, country_entry);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, country_suggestions);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, country_chips);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, year_range);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, rating_value);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, rating_scale);
  gtk_widget_class_bind_template_child (widget_class, SfFilterPanel, runtime_range);

  gtk_widget_class_bind_template_callback (widget_class, sf_filter_panel_reset);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, genre_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, channel_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, channel_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_suggestion_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, runtime_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rating_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterpanel");
}

static void
sf_filter_panel_init (SfFilterPanel *self)
{
  self->criteria = sf_criteria_new ();
  self->emitted = sf_criteria_new ();
  self->match_count = -1;
  self->suggestions = gtk_string_list_new (NULL);
  self->country_matches = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Chips wrap like words (see sf-wrap-layout.h). */
  {
    GtkBox *boxes[] = {
      self->genre_box, self->status_box, self->type_box, self->language_box,
      self->channel_chips, self->country_chips,
    };

    for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
      gtk_widget_set_layout_manager (GTK_WIDGET (boxes[i]), sf_wrap_layout_new (6));
  }

  /* The wheel that scrolls the panel must not change a criterion on its way. */
  {
    /* The ranges guard their own spin buttons. */
    sf_scroll_guard_attach (GTK_WIDGET (self->rating_scale));
  }

  /* The first step out of "Any" lands on this year, not 1930. (A hook for the engine:
   * the newest premiere year in the catalog can be bound to the row's "start".) */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    sf_range_row_set_start (self->year_range, g_date_time_get_year (now));
  }

  gtk_list_box_bind_model (self->channel_suggestions, G_LIST_MODEL (self->suggestions),
                           create_suggestion_row, NULL, NULL);
  gtk_list_box_bind_model (self->country_suggestions, G_LIST_MODEL (self->country_matches),
                           create_country_row, self, NULL);
  sync_widgets (self, TRUE);
}

GtkWidget *
sf_filter_panel_new (void)
{
  return g_object_new (SF_TYPE_FILTER_PANEL, NULL);
}

void
sf_filter_panel_set_catalog (SfFilterPanel *self,
                             SfCatalog     *catalog)
{
  g_return_if_fail (SF_IS_FILTER_PANEL (self));
  g_return_if_fail (catalog == NULL || SF_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  g_set_object (&self->catalog, catalog);

  /* Nothing known about the new catalog yet. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->universe_cancellable);
  g_clear_object (&self->universe_cancellable);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->universe, g_ptr_array_unref);
  if (self->match_count != -1)
    {
      self->match_count = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_COUNT]);
    }
  hide_suggestions (self);
  set_countries (self, NULL);
  sync_values (self, TRUE);
  update_counts (self);

  run_universe (self);
  run_counts (self);
}

SfCriteria *
sf_filter_panel_get_criteria (SfFilterPanel *self)
{
  g_return_val_if_fail (SF_IS_FILTER_PANEL (self), NULL);

  return self->criteria;
}

void
sf_filter_panel_set_criteria (SfFilterPanel    *self,
                              const SfCriteria *criteria)
{
  g_return_if_fail (SF_IS_FILTER_PANEL (self));

  g_clear_pointer (&self->criteria, sf_criteria_unref);
  self->criteria = criteria != NULL ? sf_criteria_copy (criteria) : sf_criteria_new ();

  sync_widgets (self, TRUE);
  emit_if_changed (self);
  schedule_counts (self);
}

typedef struct
{
  GWeakRef    panel;
  SfCriteria *criteria;   /* owned: as before the reset */
} UndoReset;

static void
undo_reset_free (gpointer data,
                 GClosure *closure)
{
  UndoReset *undo = data;

  g_weak_ref_clear (&undo->panel);
  sf_criteria_unref (undo->criteria);
  g_free (undo);
}

static void
undo_reset_cb (AdwToast  *toast,
               UndoReset *undo)
{
  g_autoptr(SfFilterPanel) self = g_weak_ref_get (&undo->panel);
  g_autoptr(SfCriteria) criteria = NULL;

  if (self == NULL)
    return;

  /* The filters come back; the title is what it is now. */
  criteria = sf_criteria_copy (undo->criteria);
  sf_criteria_set_text (criteria, sf_criteria_get_text (self->criteria));
  sf_filter_panel_set_criteria (self, criteria);
}

/* The Reset button: everything goes at once, with a way back. */
static void
reset_clicked_cb (SfFilterPanel *self)
{
  g_autoptr(SfCriteria) before = sf_criteria_ref (self->criteria);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  UndoReset *undo;
  AdwToast *toast;

  sf_filter_panel_reset (self);
  if (overlay == NULL || sf_criteria_equal (before, self->criteria))
    return;

  undo = g_new0 (UndoReset, 1);
  g_weak_ref_init (&undo->panel, self);
  undo->criteria = g_steal_pointer (&before);

  toast = adw_toast_new (_("Filters reset"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_reset_cb), undo,
                         undo_reset_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
sf_filter_panel_reset (SfFilterPanel *self)
{
  g_autoptr(SfCriteria) criteria = sf_criteria_new ();

  g_return_if_fail (SF_IS_FILTER_PANEL (self));

  sf_criteria_set_text (criteria, sf_criteria_get_text (self->criteria));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->channel_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->country_entry), "");
  self->updating = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->country_entry), "error");
  hide_suggestions (self);

  sf_filter_panel_set_criteria (self, criteria);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  SfFilterPanel *self = user_data;

  self->refresh_source = 0;
  run_universe (self);
  run_counts (self);

  return G_SOURCE_REMOVE;
}

void
sf_filter_panel_refresh_counts (SfFilterPanel *self)
{
  g_return_if_fail (SF_IS_FILTER_PANEL (self));

  /* A throttle rather than a debounce: during a sync the catalog changes all the time, and
   * the counts should still move. */
  if (self->catalog == NULL || self->refresh_source != 0)
    return;

  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

char *
sf_filter_panel_dup_country_name (SfFilterPanel *self,
                                  const char    *code)
{
  const SfCountryCount *country;

  g_return_val_if_fail (SF_IS_FILTER_PANEL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  country = find_country (self, code);
  if (country == NULL || country->name == NULL || *country->name == '\0')
    return NULL;

  return g_strdup (country->name);
}
