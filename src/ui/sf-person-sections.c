/* sf-person-sections.c: the sections of a person's page: who they are, and their series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-person-sections.h"
#include "sf-tvmaze-people.h"

#define PHOTO_WIDTH 140

/* ------------------------------------------------------------------------------------------
 * Header
 */

struct _SfPersonHeaderSection
{
  SfPageSection  parent_instance;

  /* template widgets */
  GtkWidget     *content;
  GtkPicture    *photo;
  GtkLabel      *name_label;
  GtkLabel      *dates_label;
  GtkLabel      *country_label;
  GtkLabel      *gender_label;

  /* owned */
  SfPerson      *person;        /* nullable */
};

G_DEFINE_FINAL_TYPE (SfPersonHeaderSection, sf_person_header_section, SF_TYPE_PAGE_SECTION)

enum {
  HEADER_PROP_0,
  HEADER_PROP_PERSON,
  HEADER_N_PROPS
};

static GParamSpec *header_properties[HEADER_N_PROPS];

/* "20 January 1966", or the text as sent when it is not a date. */
static char *
dup_date_text (const char *date)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *iso = NULL;

  if (date == NULL)
    return NULL;

  iso = g_strconcat (date, "T00:00:00Z", NULL);
  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    return g_strdup (date);

  /* Translators: a birth or death date, see g_date_time_format() */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
photo_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(SfPersonHeaderSection) self = NULL;

  texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, NULL);
  if (texture == NULL || (self = sf_section_request_dup_section (request)) == NULL)
    return;

  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo), TRUE);
}

static void
show_person (SfPersonHeaderSection *self)
{
  SfPageSection *section = SF_PAGE_SECTION (self);
  g_autofree char *born = dup_date_text (sf_person_get_birthday (self->person));
  g_autofree char *died = dup_date_text (sf_person_get_deathday (self->person));
  g_autofree char *dates = NULL;
  const char *image = sf_person_get_image_medium (self->person);

  if (born != NULL && died != NULL)
    /* Translators: a person's dates, "Born 20 January 1966 · Died 3 May 2020" */
    dates = g_strdup_printf (_("Born %s · Died %s"), born, died);
  else if (born != NULL)
    dates = g_strdup_printf (_("Born %s"), born);
  else if (died != NULL)
    dates = g_strdup_printf (_("Died %s"), died);

  /* Plain text: a name may hold '<' or '&'. */
  set_label (self->name_label, sf_person_get_name (self->person));
  set_label (self->dates_label, dates);
  set_label (self->country_label, sf_person_get_country_name (self->person));
  set_label (self->gender_label, sf_person_get_gender (self->person));

  if (image != NULL)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

      sf_image_loader_load_async (sf_page_section_get_image_loader (section), image,
                                  PHOTO_WIDTH * MAX (scale, 1),
                                  sf_page_section_get_cancellable (section), photo_loaded_cb,
                                  sf_section_request_new (section, NULL, NULL));
    }
}

static void
person_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfPerson) person = NULL;
  g_autoptr(SfPersonHeaderSection) self = NULL;

  person = sf_tvmaze_client_get_person_finish (SF_TVMAZE_CLIENT (source), result, &error);
  self = sf_section_request_finish (request, person, error, _("This person could not be loaded."));
  if (self == NULL)
    return;

  g_set_object (&self->person, person);
  show_person (self);
  sf_page_section_set_state (SF_PAGE_SECTION (self), SF_PAGE_SECTION_LOADED);
  g_object_notify_by_pspec (G_OBJECT (self), header_properties[HEADER_PROP_PERSON]);
}

static void
sf_person_header_section_load (SfPageSection *section)
{
  sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);
  sf_page_section_fetch (section, sf_tvmaze_client_get_person_async, person_loaded_cb);
}

static void
sf_person_header_section_clear (SfPageSection *section)
{
  SfPersonHeaderSection *self = SF_PERSON_HEADER_SECTION (section);

  if (self->person != NULL)
    {
      g_clear_object (&self->person);
      g_object_notify_by_pspec (G_OBJECT (self), header_properties[HEADER_PROP_PERSON]);
    }
  gtk_picture_set_paintable (self->photo, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->photo), FALSE);
  set_label (self->name_label, NULL);
  set_label (self->dates_label, NULL);
  set_label (self->country_label, NULL);
  set_label (self->gender_label, NULL);
}

SfPerson *
sf_person_header_section_get_person (SfPersonHeaderSection *self)
{
  g_return_val_if_fail (SF_IS_PERSON_HEADER_SECTION (self), NULL);

  return self->person;
}

static void
sf_person_header_section_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  SfPersonHeaderSection *self = SF_PERSON_HEADER_SECTION (object);

  switch (prop_id)
    {
    case HEADER_PROP_PERSON:
      g_value_set_object (value, self->person);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_person_header_section_dispose (GObject *object)
{
  SfPersonHeaderSection *self = SF_PERSON_HEADER_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_PERSON_HEADER_SECTION);
  g_clear_object (&self->person);

  G_OBJECT_CLASS (sf_person_header_section_parent_class)->dispose (object);
}

static void
sf_person_header_section_class_init (SfPersonHeaderSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SfPageSectionClass *section_class = SF_PAGE_SECTION_CLASS (klass);

  object_class->dispose = sf_person_header_section_dispose;
  object_class->get_property = sf_person_header_section_get_property;
  section_class->load = sf_person_header_section_load;
  section_class->clear = sf_person_header_section_clear;

  header_properties[HEADER_PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, SF_TYPE_PERSON,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, HEADER_N_PROPS, header_properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-person-header-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SfPersonHeaderSection, content);
  gtk_widget_class_bind_template_child (widget_class, SfPersonHeaderSection, photo);
  gtk_widget_class_bind_template_child (widget_class, SfPersonHeaderSection, name_label);
  gtk_widget_class_bind_template_child (widget_class, SfPersonHeaderSection, dates_label);
  gtk_widget_class_bind_template_child (widget_class, SfPersonHeaderSection, country_label);
  gtk_widget_class_bind_template_child (widget_class, SfPersonHeaderSection, gender_label);
}

static void
sf_person_header_section_init (SfPersonHeaderSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------
 * Credits
 */

/* Row builder priorities: what the previous person left first, the cards last. */
#define PRIORITY_DOOMED  0
#define PRIORITY_CARDS   3

struct _SfPersonCreditsSection
{
  SfPageSection      parent_instance;

  /* template widgets */
  GtkScrolledWindow *scrolled;
  GtkGridView       *credits_grid;
  GListStore        *credits_store;   /* SfCredit: the grid's cards */

  /* owned */
  GPtrArray         *credits;         /* SfCredit, nullable: not loaded */

  guint              n_added;         /* credits in credits_store */
  guint              n_doomed;        /* items of the previous person still in the store */
};

G_DEFINE_FINAL_TYPE (SfPersonCreditsSection, sf_person_credits_section, SF_TYPE_PAGE_SECTION)

enum {
  SIGNAL_SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "as Homer Simpson (voice)", "as themselves", or NULL. */
static char *
dup_role_text (SfCredit *credit)
{
  const char *character = sf_credit_get_character_name (credit);
  gboolean voice = sf_credit_get_voice (credit);

  if (sf_credit_get_self (credit))
    return g_strdup (_("as themselves"));
  if (character != NULL && voice)
    return g_strdup_printf (_("as %s (voice)"), character);
  if (character != NULL)
    return g_strdup_printf (_("as %s"), character);
  if (voice)
    return g_strdup (_("(voice)"));

  return NULL;
}

/* An inscription, not a label: a grid view measures every card it holds at each layout,
 * and an inscription's size comes from its font, not from laying out its text. */
static GtkWidget *
new_line (const char *style)
{
  GtkWidget *line = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (line), 20);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (line), 20);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (line),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (line, style);
  /* inside the card's rounded frame */
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 12);
  return line;
}

/* Plain text (a name may hold '<' or '&'); an empty line keeps its height, so that every
 * card is as tall as the others. */
static void
set_card_line (GtkWidget  *line,
               const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (line), text);
  gtk_widget_set_tooltip_text (line, text != NULL && *text != '\0' ? text : NULL);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = new_line ("heading");
  GtkWidget *role = new_line ("dim-label");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "sf-credit-card");
  gtk_widget_set_margin_top (name, 10);
  gtk_widget_set_margin_bottom (role, 10);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), new_line ("caption"));
  gtk_box_append (GTK_BOX (box), role);
  gtk_list_item_set_child (item, box);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  SfCredit *credit = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name_label = gtk_widget_get_first_child (box);
  GtkWidget *years_label = gtk_widget_get_next_sibling (name_label);
  SfShow *show = sf_credit_get_show (credit);
  g_autofree char *fallback = NULL;
  g_autofree char *years = show != NULL ? sf_show_dup_years_text (show) : NULL;
  g_autofree char *role = dup_role_text (credit);
  g_autofree char *accessible = NULL;
  const char *name;

  if (show != NULL)
    name = sf_show_get_name (show);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, sf_credit_get_show_id (credit));

      /* Translators: a series TVmaze sent no details for, with its id */
      name = fallback = g_strdup_printf (_("Series %s"), id);
    }

  set_card_line (name_label, name);
  set_card_line (years_label, years);
  set_card_line (gtk_widget_get_next_sibling (years_label), role);

  accessible = role != NULL ? g_strdup_printf ("%s, %s", name, role) : g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* The content waits behind the spinner while the previous person's cards go, and until the
 * first card of this one is in. */
static void
update_building (SfPersonCreditsSection *self)
{
  sf_page_section_set_building (SF_PAGE_SECTION (self),
                                self->n_doomed > 0 ||
                                (self->credits != NULL && self->credits->len > 0 &&
                                 self->n_added == 0));
}

/* One a step, from the end: the cards at the end are not made yet, and the few the grid
 * made (those in view) go a few at a time. */
static gboolean
remove_doomed_step (gpointer user_data)
{
  SfPersonCreditsSection *self = user_data;

  if (self->n_doomed == 0)
    return FALSE;

  g_list_store_remove (self->credits_store, --self->n_doomed);
  update_building (self);
  return TRUE;
}

/* One a step: the grid makes the card at once if it is in view (or near it). */
static gboolean
add_card_step (gpointer user_data)
{
  SfPersonCreditsSection *self = user_data;

  if (self->n_doomed > 0 || self->credits == NULL || self->n_added >= self->credits->len ||
      sf_page_section_get_cancellable (SF_PAGE_SECTION (self)) == NULL)
    return FALSE;

  g_list_store_append (self->credits_store, g_ptr_array_index (self->credits, self->n_added++));
  update_building (self);
  return TRUE;
}

static void
credits_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) credits = NULL;
  g_autoptr(SfPersonCreditsSection) self = NULL;

  credits = sf_tvmaze_client_get_credits_finish (SF_TVMAZE_CLIENT (source), result, &error);
  self = sf_section_request_finish (request, credits, error, _("The series could not be loaded."));
  if (self == NULL)
    return;

  g_clear_pointer (&self->credits, g_ptr_array_unref);
  self->credits = g_steal_pointer (&credits);
  self->n_added = 0;
  update_building (self);
  if (self->credits->len > 0)
    sf_row_builder_queue (sf_page_section_get_row_builder (SF_PAGE_SECTION (self)));
  sf_page_section_set_state (SF_PAGE_SECTION (self),
                             self->credits->len == 0 ? SF_PAGE_SECTION_EMPTY
                                                     : SF_PAGE_SECTION_LOADED);
}

static void
sf_person_credits_section_add_steps (SfPageSection *section,
                                     SfRowBuilder  *builder)
{
  sf_row_builder_add_step (builder, PRIORITY_DOOMED, remove_doomed_step, section);
  sf_row_builder_add_step (builder, PRIORITY_CARDS, add_card_step, section);
}

static void
sf_person_credits_section_load (SfPageSection *section)
{
  sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);
  sf_page_section_fetch (section, sf_tvmaze_client_get_credits_async, credits_loaded_cb);
}

static void
sf_person_credits_section_clear (SfPageSection *section)
{
  SfPersonCreditsSection *self = SF_PERSON_CREDITS_SECTION (section);

  /* The previous person's cards go a few at a time (the grid made up to 180 of them). */
  self->n_doomed = g_list_model_get_n_items (G_LIST_MODEL (self->credits_store));
  if (self->n_doomed > 0)
    sf_row_builder_queue (sf_page_section_get_row_builder (section));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  g_clear_pointer (&self->credits, g_ptr_array_unref);
  self->n_added = 0;
  update_building (self);
}

static void
grid_activate_cb (SfPersonCreditsSection *self,
                  guint                   position)
{
  g_autoptr(SfCredit) credit = g_list_model_get_item (G_LIST_MODEL (self->credits_store),
                                                      position);

  if (credit != NULL)
    g_signal_emit (self, signals[SIGNAL_SHOW_ACTIVATED], 0, sf_credit_get_show_id (credit),
                   sf_credit_get_show (credit));
}

GPtrArray *
sf_person_credits_section_get_credits (SfPersonCreditsSection *self)
{
  g_return_val_if_fail (SF_IS_PERSON_CREDITS_SECTION (self), NULL);

  return self->credits;
}

guint
sf_person_credits_section_get_n_cards (SfPersonCreditsSection *self)
{
  g_return_val_if_fail (SF_IS_PERSON_CREDITS_SECTION (self), 0);

  return self->n_added;
}

static void
sf_person_credits_section_dispose (GObject *object)
{
  SfPersonCreditsSection *self = SF_PERSON_CREDITS_SECTION (object);

  g_clear_pointer (&self->credits, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_PERSON_CREDITS_SECTION);

  G_OBJECT_CLASS (sf_person_credits_section_parent_class)->dispose (object);
}

static void
sf_person_credits_section_class_init (SfPersonCreditsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SfPageSectionClass *section_class = SF_PAGE_SECTION_CLASS (klass);

  object_class->dispose = sf_person_credits_section_dispose;
  section_class->load = sf_person_credits_section_load;
  section_class->add_steps = sf_person_credits_section_add_steps;
  section_class->clear = sf_person_credits_section_clear;

  /**
   * SfPersonCreditsSection::show-activated:
   * @show_id: the series
   * @show: (nullable): what the credit knows of it
   */
  signals[SIGNAL_SHOW_ACTIVATED] =
    g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, SF_TYPE_SHOW);

  g_type_ensure (SF_TYPE_CREDIT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-person-credits-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SfPersonCreditsSection, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SfPersonCreditsSection, credits_grid);
  gtk_widget_class_bind_template_child (widget_class, SfPersonCreditsSection, credits_store);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
}

static void
sf_person_credits_section_init (SfPersonCreditsSection *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), NULL);
  gtk_grid_view_set_factory (self->credits_grid, factory);
}
