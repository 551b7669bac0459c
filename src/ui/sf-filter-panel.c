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
#include "sf-filter-panel-private.h"
#include "sf-scroll-guard.h"
#include "sf-search.h"

/* Spin buttons and the slider wait for the person to stop; toggles answer at once. */
#define EMIT_DELAY_MS      150
#define REFRESH_DELAY_MS   1000
/* The facets with toggles, in the order of the panel. */
static const SfCriterion facets[] = {
  SF_CRITERION_GENRES_ALL, SF_CRITERION_STATUS, SF_CRITERION_TYPE, SF_CRITERION_LANGUAGE,
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

static void reset_clicked_cb (SfFilterPanel *self);

/* Helpers */

gboolean
_sf_filter_panel_contains_nocase (const char * const *values,
                                  const char         *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (values[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

static SfFacetGroup *
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

static gboolean
has_filters (const SfCriteria *criteria)
{
  g_autoptr(SfCriteria) copy = sf_criteria_copy (criteria);

  /* The title text belongs to the search entry: Reset leaves it alone. */
  sf_criteria_set_text (copy, NULL);
  return !sf_criteria_is_empty (copy) || sf_criteria_get_sort (copy) != SF_SORT_RELEVANCE;
}

gboolean
_sf_filter_panel_has_shows (SfFilterPanel *self)
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
  /* The panel's own search counts its criteria; the window's asks the window's question. */
  if (self->own_search)
    sf_search_set_criteria (self->search, self->criteria);
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

void
_sf_filter_panel_apply (SfFilterPanel *self,
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

static void
update_counts (SfFilterPanel *self)
{
  SfSearch *search = self->search != NULL && _sf_filter_panel_has_shows (self) ? self->search : NULL;

  for (guint f = 0; f < G_N_ELEMENTS (facets); f++)
    sf_facet_group_update_counts (facet_box (self, facets[f]), search, self->universe,
                                  self->catalog != NULL);

  update_match_label (self);
}

/* The search answered (or counted again): its total and every count, title included. */
static void
search_facets_cb (SfFilterPanel *self)
{
  int total = self->search != NULL && _sf_filter_panel_has_shows (self)
                ? sf_search_get_total (self->search) : -1;

  if (self->match_count != total)
    {
      self->match_count = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_COUNT]);
    }
  update_counts (self);
  _sf_filter_panel_update_suggestion_counts (self);
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
  _sf_filter_panel_sync_values (self, TRUE);
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

  _sf_filter_panel_set_countries (self, g_steal_pointer (&countries));
}

static void
run_universe (SfFilterPanel *self)
{
  g_autoptr(SfCriteria) none = NULL;

  g_cancellable_cancel (self->universe_cancellable);
  g_clear_object (&self->universe_cancellable);

  if (!_sf_filter_panel_has_shows (self))
    return;

  none = sf_criteria_new ();
  self->universe_cancellable = g_cancellable_new ();
  sf_catalog_count_facets_async (self->catalog, none, self->universe_cancellable,
                                 universe_cb, self);
  sf_catalog_list_countries_async (self->catalog, self->universe_cancellable,
                                   countries_cb, self);
}

static void
chip_toggled_cb (SfFilterPanel *self,
                 SfFilterChip  *chip)
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

  _sf_filter_panel_apply (self, criteria, FALSE);
}

/* Ranges (see sf-range-row.h) */

/* The years or the runtime: both rows say a range (0: open end). */
static void
range_changed_cb (SfFilterPanel *self,
                  SfRangeRow    *row)
{
  SfCriteria *criteria;
  int from, to;

  if (self->updating)
    return;

  sf_range_row_get_range (row, &from, &to);
  criteria = sf_criteria_copy (self->criteria);
  if (row == self->year_range)
    sf_criteria_set_year_range (criteria, from, to);
  else
    sf_criteria_set_runtime_range (criteria, from, to);
  _sf_filter_panel_apply (self, criteria, TRUE);
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
  _sf_filter_panel_apply (self, criteria, TRUE);
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
  _sf_filter_panel_apply (self, criteria, FALSE);
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
  _sf_filter_panel_apply (self, criteria, FALSE);
}

/* Widgets from criteria */

/* The chips only: spin buttons keep whatever is being typed into them. */
void
_sf_filter_panel_sync_values (SfFilterPanel *self,
                              gboolean       rebuild)
{
  gboolean updating = self->updating;

  self->updating = TRUE;
  for (guint f = 0; f < G_N_ELEMENTS (facets); f++)
    sf_facet_group_sync (facet_box (self, facets[f]), self->criteria, self->universe, rebuild);

  sf_completion_set_chosen (self->channel_completion,
                            sf_criteria_get_values (self->criteria, SF_CRITERION_CHANNEL));
  sf_completion_set_chosen (self->country_completion,
                            sf_criteria_get_values (self->criteria, SF_CRITERION_COUNTRY));
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

  _sf_filter_panel_sync_values (self, rebuild);

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
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->universe_cancellable);
  g_cancellable_cancel (self->complete_cancellable);
  g_clear_object (&self->universe_cancellable);
  g_clear_object (&self->complete_cancellable);
  if (self->search != NULL)
    g_signal_handlers_disconnect_by_data (self->search, self);
  g_clear_object (&self->search);
  g_clear_object (&self->catalog);

  g_clear_object (&self->channel_completion);
  g_clear_object (&self->country_completion);
  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_FILTER_PANEL);

  G_OBJECT_CLASS (sf_filter_panel_parent_class)->dispose (object);
}

static void
sf_filter_panel_finalize (GObject *object)
{
  SfFilterPanel *self = SF_FILTER_PANEL (object);

  g_clear_pointer (&self->criteria, sf_criteria_unref);
  g_clear_pointer (&self->emitted, sf_criteria_unref);
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
  g_type_ensure (SF_TYPE_FACET_GROUP);
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
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
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

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Chips wrap like words (see sf-wrap-layout.h); the facets' groups do by themselves. */
  for (guint f = 0; f < G_N_ELEMENTS (facets); f++)
    {
      sf_facet_group_set_criterion (facet_box (self, facets[f]), facets[f]);
      g_signal_connect_object (facet_box (self, facets[f]), "chip-toggled",
                               G_CALLBACK (chip_toggled_cb), self, G_CONNECT_SWAPPED);
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

  _sf_filter_panel_places_init (self);
  sync_widgets (self, TRUE);
}

GtkWidget *
sf_filter_panel_new (void)
{
  return g_object_new (SF_TYPE_FILTER_PANEL, NULL);
}

static void
use_search (SfFilterPanel *self,
            SfSearch      *search,
            gboolean       own)
{
  if (self->search != NULL)
    g_signal_handlers_disconnect_by_data (self->search, self);
  g_set_object (&self->search, search);
  self->own_search = own && search != NULL;
  g_clear_object (&self->catalog);
  if (search != NULL)
    self->catalog = g_object_ref (sf_search_get_catalog (search));
  if (search != NULL)
    {
      g_signal_connect_object (search, "notify::facets", G_CALLBACK (search_facets_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (search, "notify::total", G_CALLBACK (search_facets_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* Nothing known about the new catalog yet. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->universe_cancellable);
  g_clear_object (&self->universe_cancellable);
  g_clear_pointer (&self->universe, g_ptr_array_unref);
  _sf_filter_panel_hide_suggestions (self);
  _sf_filter_panel_set_countries (self, NULL);
  _sf_filter_panel_sync_values (self, TRUE);
  search_facets_cb (self);

  run_universe (self);
  if (self->own_search)
    sf_search_set_criteria (self->search, self->criteria);
}

void
sf_filter_panel_set_catalog (SfFilterPanel *self,
                             SfCatalog     *catalog)
{
  g_autoptr(SfSearch) search = NULL;

  g_return_if_fail (SF_IS_FILTER_PANEL (self));
  g_return_if_fail (catalog == NULL || SF_IS_CATALOG (catalog));

  if (self->catalog == catalog && (catalog == NULL || self->own_search))
    return;

  /* A search of the panel's own, which counts what the panel shows. */
  if (catalog != NULL)
    search = sf_search_new (catalog);
  use_search (self, search, TRUE);
}

void
sf_filter_panel_set_search (SfFilterPanel *self,
                            SfSearch      *search)
{
  g_return_if_fail (SF_IS_FILTER_PANEL (self));
  g_return_if_fail (search == NULL || SF_IS_SEARCH (search));

  if (self->search == search)
    return;

  use_search (self, search, FALSE);
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

  sf_completion_clear (self->channel_completion);
  sf_completion_clear (self->country_completion);

  sf_filter_panel_set_criteria (self, criteria);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  SfFilterPanel *self = user_data;

  self->refresh_source = 0;
  run_universe (self);
  if (self->search != NULL)
    sf_search_refresh_counts (self->search);

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

  country = _sf_filter_panel_find_country (self, code);
  if (country == NULL || country->name == NULL || *country->name == '\0')
    return NULL;

  return g_strdup (country->name);
}
