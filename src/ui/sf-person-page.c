/* sf-person-page.c: a person and the series they are in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built like the series page: two SfPageSection sections, loaded concurrently under one
 * cancellable. The series are a grid view, which makes only the cards in view.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-person-page.h"
#include "sf-person-sections.h"

struct _SfPersonPage
{
  GtkWidget               parent_instance;

  /* template widgets */
  GtkWidget              *root_box;
  AdwWindowTitle         *window_title;
  GtkSpinner             *header_spinner;
  SfPersonHeaderSection  *header_section;
  SfPersonCreditsSection *credits_section;

  /* owned */
  SfRowBuilder           *builder;
  GCancellable           *cancellable;      /* of the current load; NULL when stopped */

  gint64                  person_id;
  gboolean                complete;
};

G_DEFINE_FINAL_TYPE (SfPersonPage, sf_person_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SHOW_ACTIVATED,
  SIGNAL_FIND_SERIES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SfPageSection *
section_at (SfPersonPage *self,
            guint         i)
{
  switch (i)
    {
    case 0: return SF_PAGE_SECTION (self->header_section);
    case 1: return SF_PAGE_SECTION (self->credits_section);
    default: return NULL;
    }
}

/* The person and at least one series of theirs are known: they can be a criterion. */
static gboolean
has_series (SfPersonPage *self)
{
  GPtrArray *credits = sf_person_credits_section_get_credits (self->credits_section);

  return sf_person_header_section_get_person (self->header_section) != NULL &&
         credits != NULL && credits->len > 0;
}

static void
update_progress (SfPersonPage *self)
{
  SfPageSection *section;
  gboolean loading = FALSE;
  gboolean complete;

  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    loading |= sf_page_section_get_state (section) == SF_PAGE_SECTION_LOADING;

  loading = self->cancellable != NULL && loading;
  complete = self->cancellable != NULL && !loading && !sf_row_builder_get_busy (self->builder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.find-series",
                                 self->cancellable != NULL && has_series (self));
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner),
                          self->cancellable != NULL && !complete);
  gtk_spinner_set_spinning (self->header_spinner, self->cancellable != NULL && !complete);

  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

static void
person_changed_cb (SfPersonPage *self)
{
  SfPerson *person = sf_person_header_section_get_person (self->header_section);

  adw_window_title_set_title (self->window_title,
                              person != NULL ? sf_person_get_name (person) : "");
  update_progress (self);
}

static void
show_activated_cb (SfPersonPage *self,
                   gint64        show_id,
                   SfShow       *show)
{
  g_signal_emit (self, signals[SIGNAL_SHOW_ACTIVATED], 0, show_id, show);
}

SfCriteria *
sf_person_page_dup_criteria (SfPersonPage *self)
{
  g_autoptr(SfCriteria) criteria = NULL;
  g_autoptr(GArray) ids = NULL;
  GPtrArray *credits;
  SfPerson *person;

  g_return_val_if_fail (SF_IS_PERSON_PAGE (self), NULL);

  if (!has_series (self))
    return NULL;

  person = sf_person_header_section_get_person (self->header_section);
  credits = sf_person_credits_section_get_credits (self->credits_section);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), credits->len);
  for (guint i = 0; i < credits->len; i++)
    {
      gint64 id = sf_credit_get_show_id (g_ptr_array_index (credits, i));

      g_array_append_val (ids, id);
    }

  criteria = sf_criteria_new ();
  sf_criteria_set_person (criteria, sf_person_get_id (person), sf_person_get_name (person),
                          (const gint64 *) ids->data, ids->len);
  return g_steal_pointer (&criteria);
}

/* "Find Series With Them": the window makes the person a criterion of its search. */
static void
find_series_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SfPersonPage *self = SF_PERSON_PAGE (widget);
  g_autoptr(SfCriteria) criteria = sf_person_page_dup_criteria (self);

  if (criteria != NULL)
    g_signal_emit (self, signals[SIGNAL_FIND_SERIES], 0, criteria);
}

static void
cancel_all (SfPersonPage *self)
{
  SfPageSection *section;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  sf_row_builder_stop (self->builder);

  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    sf_page_section_stop (section);
}

void
sf_person_page_load (SfPersonPage *self,
                     gint64        id)
{
  SfPageSection *section;

  g_return_if_fail (SF_IS_PERSON_PAGE (self));
  g_return_if_fail (id > 0);

  cancel_all (self);
  self->person_id = id;
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    sf_page_section_load (section, id, self->cancellable);

  person_changed_cb (self);
  sf_row_builder_start (self->builder);
  update_progress (self);
}

void
sf_person_page_stop (SfPersonPage *self)
{
  g_return_if_fail (SF_IS_PERSON_PAGE (self));

  cancel_all (self);
  update_progress (self);
}

gint64
sf_person_page_get_person_id (SfPersonPage *self)
{
  g_return_val_if_fail (SF_IS_PERSON_PAGE (self), 0);

  return self->person_id;
}

static void
sf_person_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SfPersonPage *self = SF_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_person_page_dispose (GObject *object)
{
  SfPersonPage *self = SF_PERSON_PAGE (object);

  if (self->header_section != NULL)
    cancel_all (self);
  g_signal_handlers_disconnect_by_data (self->builder, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_PERSON_PAGE);
  g_clear_object (&self->builder);

  G_OBJECT_CLASS (sf_person_page_parent_class)->dispose (object);
}

static void
sf_person_page_class_init (SfPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sf_person_page_get_property;
  object_class->dispose = sf_person_page_dispose;

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SHOW_ACTIVATED] =
    g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, SF_TYPE_SHOW);

  /**
   * SfPersonPage::find-series:
   * @criteria: the person as a criterion (sf_person_page_dup_criteria())
   */
  signals[SIGNAL_FIND_SERIES] =
    g_signal_new ("find-series", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SF_TYPE_CRITERIA);

  gtk_widget_class_install_action (widget_class, "person.find-series", NULL, find_series_action);

  g_type_ensure (SF_TYPE_PERSON_HEADER_SECTION);
  g_type_ensure (SF_TYPE_PERSON_CREDITS_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SfPersonPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, SfPersonPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SfPersonPage, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, SfPersonPage, header_section);
  gtk_widget_class_bind_template_child (widget_class, SfPersonPage, credits_section);
  gtk_widget_class_bind_template_callback (widget_class, person_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_progress);
  gtk_widget_class_bind_template_callback (widget_class, show_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "personpage");
}

static void
sf_person_page_init (SfPersonPage *self)
{
  /* Before the template: its sections' notify handlers read the builder. */
  self->builder = sf_row_builder_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->builder, "notify::busy", G_CALLBACK (update_progress), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.find-series", FALSE);
}

SfPersonPage *
sf_person_page_new (SfTvmazeClient *client,
                    SfImageLoader  *loader)
{
  SfPersonPage *self;
  SfPageSection *section;

  g_return_val_if_fail (SF_IS_TVMAZE_CLIENT (client), NULL);
  g_return_val_if_fail (SF_IS_IMAGE_LOADER (loader), NULL);

  self = g_object_new (SF_TYPE_PERSON_PAGE, NULL);
  for (guint i = 0; (section = section_at (self, i)) != NULL; i++)
    sf_page_section_set_services (section, client, loader, self->builder);

  return self;
}
