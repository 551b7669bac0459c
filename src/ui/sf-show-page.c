/* sf-show-page.c: everything about one series, section by section as the answers arrive
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is the container of its sections (sf-*-section.c, over SfPageSection): the
 * series' facts, the next and previous episodes, the seasons with their episodes, and the
 * cast. Each loads on its own, with its own state, error and Retry. The page starts their
 * loads at once (four requests through the client's shared rate limiter), shares one
 * GCancellable and one row builder between them, passes on what one section learns that
 * another needs (the show's links and the episodes, for the next episode), and cancels
 * everything when it is left.
 *
 * The scrolled content sits in an SfWidthBin: measured on a long show, wrapping labels cost
 * tens of milliseconds of layout per change otherwise (see sf-width-bin.c).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-cast-section.h"
#include "sf-next-section.h"
#include "sf-row-builder.h"
#include "sf-seasons-section.h"
#include "sf-show-facts-section.h"
#include "sf-show-page.h"
#include "sf-width-bin.h"
#include "sf-tvmaze-error.h"

/* The page's natural width, whatever it shows. */
#define NATURAL_WIDTH 800

struct _SfShowPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *root_box;
  AdwWindowTitle     *window_title;
  GtkSpinner         *header_spinner;
  GtkWidget          *follow_button;
  GtkScrolledWindow  *scrolled;
  SfShowFactsSection *facts_section;
  SfNextSection      *next_section;
  SfSeasonsSection   *seasons_section;
  SfCastSection      *cast_section;
  GtkWidget          *missing_page;
  GtkWidget          *unfollow_missing_button;

  /* owned */
  SfTvmazeClient     *client;
  SfImageLoader      *loader;
  SfRowBuilder       *builder;
  GCancellable       *cancellable;     /* of the current load; NULL when stopped */

  gint64              show_id;
  gboolean            followed;        /* as the window last said */
  gboolean            starting;        /* the sections' loads are being started */
  gboolean            complete;
};

G_DEFINE_FINAL_TYPE (SfShowPage, sf_show_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PERSON_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SfPageSection *
section_at (SfShowPage *self,
            guint       i)
{
  SfPageSection *sections[] = {
    SF_PAGE_SECTION (self->facts_section), SF_PAGE_SECTION (self->next_section),
    SF_PAGE_SECTION (self->seasons_section), SF_PAGE_SECTION (self->cast_section),
  };

  return i < G_N_ELEMENTS (sections) ? sections[i] : NULL;
}

static gboolean
any_loading (SfShowPage *self)
{
  SfPageSection *section;

  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    if (sf_page_section_get_state (section) == SF_PAGE_SECTION_LOADING)
      return TRUE;

  return sf_seasons_section_get_dates_state (self->seasons_section) == SF_PAGE_SECTION_LOADING;
}

/* Offline, every section says so; one Try Again (the first one's) reloads them all, so
 * the others show none. */
static void
update_retry_buttons (SfShowPage *self)
{
  SfPageSection *section;
  gboolean shown = FALSE;

  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    {
      gboolean problem = sf_page_section_has_problem (section);

      sf_page_section_set_retry_visible (section, problem && !shown);
      shown = shown || problem;
    }
}

/* The header's spinner and the "complete" property follow the sections. */
static void
update_progress (SfShowPage *self)
{
  gboolean loading = self->cancellable != NULL && any_loading (self);
  gboolean complete = self->cancellable != NULL && !loading &&
                      !sf_row_builder_get_busy (self->builder);

  update_retry_buttons (self);
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), loading);
  gtk_spinner_set_spinning (self->header_spinner, loading);

  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

/* The star in the header: whether this series is followed (the window knows, from the
 * watchlist), usable once the series itself is known. */
static void
update_follow_button (SfShowPage *self)
{
  const char *label = self->followed ? _("Unfollow") : _("Follow");
  g_autofree char *tooltip = NULL;

  /* Translators: a button's tooltip: what it does, then its shortcut */
  tooltip = g_strdup_printf (_("%s (Ctrl+D)"), label);
  gtk_widget_set_sensitive (self->follow_button, sf_show_page_get_show (self) != NULL);
  gtk_button_set_icon_name (GTK_BUTTON (self->follow_button),
                            self->followed ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (self->follow_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->follow_button),
                               GTK_ACCESSIBLE_STATE_PRESSED, self->followed,
                               -1);
}

/* TVmaze does not know the series: one error for the whole page, with Unfollow when it is
 * followed, rather than every section saying the same. */
static void
update_missing (SfShowPage *self)
{
  const GError *error = sf_page_section_get_error (SF_PAGE_SECTION (self->facts_section));
  gboolean missing = g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND);

  gtk_widget_set_visible (self->missing_page, missing);
  gtk_widget_set_visible (GTK_WIDGET (self->scrolled), !missing);
  gtk_widget_set_visible (self->unfollow_missing_button, missing && self->followed);
}

gboolean
sf_show_page_is_missing (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->missing_page);
}

/* One Try Again (any section's) loads again every part that failed. */
static void
retry_failed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SfShowPage *self = SF_SHOW_PAGE (widget);
  SfPageSection *section;

  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    if (sf_page_section_has_problem (section) ||
        (SF_IS_SEASONS_SECTION (section) &&
         sf_seasons_section_get_dates_state (SF_SEASONS_SECTION (section)) == SF_PAGE_SECTION_FAILED))
      sf_page_section_retry (section);
  update_progress (self);
}

static void
follow_clicked_cb (SfShowPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toggle-follow", NULL);
}

static void
state_changed_cb (SfShowPage *self)
{
  update_progress (self);
}

/* The show (the card's, then TVmaze's) names the page and the cast window; TVmaze's links
 * to the next and previous episodes are for the next section. */
static void
facts_changed_cb (SfShowPage *self)
{
  SfShow *show = sf_show_facts_section_get_show (self->facts_section);

  /* Names are untrusted: AdwWindowTitle shows plain text. */
  adw_window_title_set_title (self->window_title, show != NULL ? sf_show_get_name (show) : "");
  update_missing (self);
  sf_cast_section_set_show_name (self->cast_section,
                                 show != NULL ? sf_show_get_name (show) : NULL);
  update_follow_button (self);

  if (!self->starting)
    sf_next_section_set_show (self->next_section, show,
                              sf_page_section_get_state (SF_PAGE_SECTION (self->facts_section)));
  update_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW]);
}

static void
episodes_changed_cb (SfShowPage *self)
{
  if (!self->starting)
    sf_next_section_set_episodes (self->next_section,
                                  sf_seasons_section_get_episodes (self->seasons_section),
                                  sf_page_section_get_state (SF_PAGE_SECTION (self->seasons_section)));
  update_progress (self);
}

/* A cast card was activated: the window opens the person. */
static void
person_activated_cb (SfShowPage *self,
                     gint64      person_id,
                     GtkWidget  *widget)
{
  g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0, person_id, widget);
}

static void
cancel_all (SfShowPage *self)
{
  SfPageSection *section;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  sf_row_builder_stop (self->builder);

  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    sf_page_section_stop (section);
}

void
sf_show_page_load (SfShowPage *self,
                   gint64      id,
                   SfShow     *known)
{
  SfPageSection *section;

  g_return_if_fail (SF_IS_SHOW_PAGE (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (known == NULL || SF_IS_SHOW (known));

  cancel_all (self);

  self->show_id = id;
  self->cancellable = g_cancellable_new ();

  /* All at once; what the sections learn from each other is passed on once all started. */
  self->starting = TRUE;
  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    sf_page_section_load (section, id, self->cancellable);
  self->starting = FALSE;

  /* What the card had is shown at once; TVmaze's answer replaces it. */
  if (known != NULL && sf_show_get_id (known) == id)
    sf_show_facts_section_show_known (self->facts_section, known);

  facts_changed_cb (self);
  episodes_changed_cb (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  sf_row_builder_start (self->builder);
  update_progress (self);
}

void
sf_show_page_stop (SfShowPage *self)
{
  g_return_if_fail (SF_IS_SHOW_PAGE (self));

  /* What is shown stays, but nothing spins for answers that will not come. */
  cancel_all (self);
  update_progress (self);
}

gint64
sf_show_page_get_show_id (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), 0);

  return self->show_id;
}

void
sf_show_page_set_followed (SfShowPage *self,
                           gboolean    followed)
{
  g_return_if_fail (SF_IS_SHOW_PAGE (self));

  self->followed = !!followed;
  update_follow_button (self);
  update_missing (self);
}

SfShow *
sf_show_page_get_show (SfShowPage *self)
{
  g_return_val_if_fail (SF_IS_SHOW_PAGE (self), NULL);

  return self->facts_section != NULL ? sf_show_facts_section_get_show (self->facts_section)
                                     : NULL;
}

/* Widget */

static void
sf_show_page_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SfShowPage *self = SF_SHOW_PAGE (widget);

  /* The page is height-for-width: its width does not depend on the height it gets. Asked
   * for its width at some height (GtkWindow does that on X11), it gives its width at any. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  gtk_widget_measure (self->root_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  /* A natural width that does not follow the content: on X11 GTK measures the window's
   * natural size after every resize request, and a natural width that grows with each new
   * row would have every label of the page measured again at each new width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
sf_show_page_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SfShowPage *self = SF_SHOW_PAGE (widget);

  gtk_widget_allocate (self->root_box, width, height, baseline, NULL);
}

static void
sf_show_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SfShowPage *self = SF_SHOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW:
      g_value_set_object (value, sf_show_page_get_show (self));
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_show_page_dispose (GObject *object)
{
  SfShowPage *self = SF_SHOW_PAGE (object);

  if (self->facts_section != NULL)
    cancel_all (self);
  g_signal_handlers_disconnect_by_data (self->builder, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_SHOW_PAGE);

  g_clear_object (&self->client);
  g_clear_object (&self->loader);
  g_clear_object (&self->builder);

  G_OBJECT_CLASS (sf_show_page_parent_class)->dispose (object);
}

static void
sf_show_page_class_init (SfShowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sf_show_page_get_property;
  object_class->dispose = sf_show_page_dispose;
  widget_class->measure = sf_show_page_measure;
  widget_class->size_allocate = sf_show_page_size_allocate;

  properties[PROP_SHOW] =
    g_param_spec_object ("show", NULL, NULL, SF_TYPE_SHOW,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SF_TYPE_SHOW_FACTS_SECTION);
  g_type_ensure (SF_TYPE_NEXT_SECTION);
  g_type_ensure (SF_TYPE_SEASONS_SECTION);
  g_type_ensure (SF_TYPE_CAST_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-show-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, follow_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, facts_section);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, next_section);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, seasons_section);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, cast_section);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, missing_page);
  gtk_widget_class_bind_template_child (widget_class, SfShowPage, unfollow_missing_button);
  gtk_widget_class_install_action (widget_class, "page.retry-failed", NULL, retry_failed_action);
  gtk_widget_class_bind_template_callback (widget_class, follow_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, facts_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, episodes_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);

  /* SfShowPage::person-activated: as SfCastSection::person-activated */
  signals[SIGNAL_PERSON_ACTIVATED] =
    g_signal_new ("person-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, GTK_TYPE_WIDGET);

  gtk_widget_class_set_css_name (widget_class, "showpage");
}

static void
sf_show_page_init (SfShowPage *self)
{
  GtkWidget *viewport;
  GtkWidget *clamp;

  /* Before the template: its sections' notify handlers read the builder. */
  self->builder = sf_row_builder_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->builder, "notify::busy", G_CALLBACK (update_progress), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  update_follow_button (self);

  /* The scrolled content goes into an SfWidthBin (see there why). Not in the template: it
   * takes its child at construction. */
  viewport = gtk_scrolled_window_get_child (self->scrolled);
  clamp = g_object_ref (gtk_viewport_get_child (GTK_VIEWPORT (viewport)));
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), NULL);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), sf_width_bin_new (clamp));
  g_object_unref (clamp);
}

SfShowPage *
sf_show_page_new (SfTvmazeClient *client,
                  SfImageLoader  *loader)
{
  SfShowPage *self;
  SfPageSection *section;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), NULL);
  g_return_val_if_fail (SF_IS_IMAGE_LOADER (loader), NULL);

  self = g_object_new (SF_TYPE_SHOW_PAGE, NULL);
  self->client = g_object_ref (client);
  self->loader = g_object_ref (loader);
  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    sf_page_section_set_services (section, client, loader, self->builder);

  return self;
}
