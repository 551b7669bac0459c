/* sf-cast-section.c: the cast of a series
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first CAST_PREVIEW members get cards on the page, made by the page's row builder and
 * shown together once made; the whole cast goes into a GListStore in one splice, for the
 * virtualized "Show All" window.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-cast-card.h"
#include "sf-cast-dialog.h"
#include "sf-cast-section.h"
#include "sf-show-details.h"
#include "sf-tvmaze-details.h"

/* Cast cards on the page itself; the rest are in the "Show All" window. */
#define CAST_PREVIEW     24
/* Row builder priorities: what the previous show left first, the cards last. */
#define PRIORITY_DOOMED  0
#define PRIORITY_CARDS   3

struct _SfCastSection
{
  SfPageSection  parent_instance;

  /* template widgets */
  GtkFlowBox    *cast_flow;
  GtkButton     *show_all_button;

  /* owned */
  GListStore    *cast;          /* SfCastMember, all of them */
  GPtrArray     *cards;         /* SfCastCard, borrowed (in cast_flow) */
  GPtrArray     *doomed;        /* hidden cards of the previous show, borrowed */
  char          *show_name;     /* nullable */

  /* borrowed */
  GtkWindow     *dialog;        /* weak pointer */

  guint          n_to_build;
};

G_DEFINE_FINAL_TYPE (SfCastSection, sf_cast_section, SF_TYPE_PAGE_SECTION)

enum {
  SIGNAL_PERSON_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A cast card is a button: a click, Enter or Space on it opens the person. */
static void
child_activated_cb (SfCastSection   *self,
                    GtkFlowBoxChild *child)
{
  GtkWidget *card = gtk_flow_box_child_get_child (child);
  SfCastMember *member;

  if (!SF_IS_CAST_CARD (card) || (member = sf_cast_card_get_member (SF_CAST_CARD (card))) == NULL)
    return;

  g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0,
                 sf_cast_member_get_person_id (member), child);
}

static void
update_building (SfCastSection *self)
{
  sf_page_section_set_building (SF_PAGE_SECTION (self), self->cards->len < self->n_to_build);
}

static gboolean
remove_doomed_step (gpointer user_data)
{
  SfCastSection *self = user_data;

  if (self->doomed->len == 0)
    return FALSE;

  gtk_flow_box_remove (self->cast_flow,
                       g_ptr_array_steal_index_fast (self->doomed, self->doomed->len - 1));
  return TRUE;
}

static gboolean
build_card_step (gpointer user_data)
{
  SfCastSection *self = user_data;
  SfPageSection *section = SF_PAGE_SECTION (self);
  g_autoptr(SfCastMember) member = NULL;
  GtkWidget *card;
  GtkWidget *child;

  if (self->cards->len >= self->n_to_build || sf_page_section_get_cancellable (section) == NULL)
    return FALSE;

  member = g_list_model_get_item (G_LIST_MODEL (self->cast), self->cards->len);
  card = sf_cast_card_new ();
  sf_cast_card_set_member (SF_CAST_CARD (card), member,
                           sf_page_section_get_image_loader (section));
  /* The focusable cell is a button named after the card (it opens the person). */
  child = g_object_new (GTK_TYPE_FLOW_BOX_CHILD,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_BUTTON,
                        "child", card,
                        NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_widget_get_tooltip_text (card), -1);
  gtk_flow_box_append (self->cast_flow, child);
  g_ptr_array_add (self->cards, card);

  update_building (self);
  return TRUE;
}

static void
cast_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(SfCastSection) self = NULL;
  guint n;

  cast = sf_tvmaze_client_get_cast_finish (SF_TVMAZE_CLIENT (source), result, &error);
  self = sf_section_request_finish (request, cast, error, _("The cast could not be loaded."));
  if (self == NULL)
    return;

  /* One splice for the whole list: one items-changed, whatever its length. */
  n = cast->len;
  g_list_store_splice (self->cast, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cast)),
                       cast->pdata, n);
  self->n_to_build = MIN (n, CAST_PREVIEW);

  if (n > CAST_PREVIEW)
    {
      g_autofree char *label = NULL;

      /* Translators: the button that opens the whole cast, e.g. "Show All 1,400" */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Show All %'u", "_Show All %'u", n),
                               n);
      gtk_button_set_label (self->show_all_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), n > CAST_PREVIEW);

  update_building (self);
  if (self->n_to_build > 0)
    sf_row_builder_queue (sf_page_section_get_row_builder (SF_PAGE_SECTION (self)));
  sf_page_section_set_state (SF_PAGE_SECTION (self),
                             n == 0 ? SF_PAGE_SECTION_EMPTY : SF_PAGE_SECTION_LOADED);
}

static void
sf_cast_section_add_steps (SfPageSection *section,
                           SfRowBuilder  *builder)
{
  sf_row_builder_add_step (builder, PRIORITY_DOOMED, remove_doomed_step, section);
  sf_row_builder_add_step (builder, PRIORITY_CARDS, build_card_step, section);
}

static void
sf_cast_section_load (SfPageSection *section)
{
  sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);
  sf_page_section_fetch (section, sf_tvmaze_client_get_cast_async, cast_loaded_cb);
}

static void
close_dialog (SfCastSection *self)
{
  GtkWindow *dialog = self->dialog;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  gtk_window_destroy (dialog);
}

static void
sf_cast_section_stop (SfPageSection *section)
{
  SfCastSection *self = SF_CAST_SECTION (section);

  for (guint i = 0; i < self->cards->len; i++)
    sf_cast_card_stop (self->cards->pdata[i]);
}

static void
sf_cast_section_clear (SfPageSection *section)
{
  SfCastSection *self = SF_CAST_SECTION (section);

  /* Like the season rows: hidden now, destroyed a few at a time. */
  for (guint i = 0; i < self->cards->len; i++)
    {
      sf_cast_card_stop (self->cards->pdata[i]);
      gtk_widget_set_visible (gtk_widget_get_parent (self->cards->pdata[i]), FALSE);
      g_ptr_array_add (self->doomed, self->cards->pdata[i]);
    }
  g_ptr_array_set_size (self->cards, 0);
  if (self->doomed->len > 0)
    sf_row_builder_queue (sf_page_section_get_row_builder (section));
  self->n_to_build = 0;
  g_list_store_remove_all (self->cast);
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), FALSE);
  update_building (self);

  close_dialog (self);
}

/* A card of the whole cast: the person opens; Back comes to Show All. */
static void
dialog_person_activated_cb (SfCastSection *self,
                            gint64         person_id)
{
  g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0, person_id,
                 GTK_WIDGET (self->show_all_button));
}

static void
show_all_cb (SfCastSection *self)
{
  SfCastDialog *dialog;
  GtkRoot *root;

  if (self->dialog != NULL)
    {
      gtk_window_present (self->dialog);
      return;
    }

  dialog = sf_cast_dialog_new (G_LIST_MODEL (self->cast),
                               sf_page_section_get_image_loader (SF_PAGE_SECTION (self)),
                               self->show_name);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));

  self->dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  g_signal_connect_object (dialog, "person-activated", G_CALLBACK (dialog_person_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
sf_cast_section_set_show_name (SfCastSection *self,
                               const char    *name)
{
  g_return_if_fail (SF_IS_CAST_SECTION (self));

  g_free (self->show_name);
  self->show_name = g_strdup (name);
}

static void
sf_cast_section_dispose (GObject *object)
{
  SfCastSection *self = SF_CAST_SECTION (object);

  close_dialog (self);
  g_ptr_array_set_size (self->cards, 0);
  g_ptr_array_set_size (self->doomed, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_CAST_SECTION);

  g_clear_object (&self->cast);

  G_OBJECT_CLASS (sf_cast_section_parent_class)->dispose (object);
}

static void
sf_cast_section_finalize (GObject *object)
{
  SfCastSection *self = SF_CAST_SECTION (object);

  g_ptr_array_unref (self->cards);
  g_ptr_array_unref (self->doomed);
  g_free (self->show_name);

  G_OBJECT_CLASS (sf_cast_section_parent_class)->finalize (object);
}

static void
sf_cast_section_class_init (SfCastSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SfPageSectionClass *section_class = SF_PAGE_SECTION_CLASS (klass);

  object_class->dispose = sf_cast_section_dispose;
  object_class->finalize = sf_cast_section_finalize;
  section_class->load = sf_cast_section_load;
  section_class->add_steps = sf_cast_section_add_steps;
  section_class->clear = sf_cast_section_clear;
  section_class->stop = sf_cast_section_stop;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-cast-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SfCastSection, cast_flow);
  gtk_widget_class_bind_template_child (widget_class, SfCastSection, show_all_button);
  gtk_widget_class_bind_template_callback (widget_class, show_all_cb);
  gtk_widget_class_bind_template_callback (widget_class, child_activated_cb);

  /**
   * SfCastSection::person-activated:
   * @person_id: the person of the card
   * @widget: the card's focusable widget, for the focus to come back to
   */
  signals[SIGNAL_PERSON_ACTIVATED] =
    g_signal_new ("person-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, GTK_TYPE_WIDGET);

  g_type_class_unref (g_type_class_ref (SF_TYPE_CAST_CARD));
}

static void
sf_cast_section_init (SfCastSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cast = g_list_store_new (SF_TYPE_CAST_MEMBER);
  self->cards = g_ptr_array_new ();
  self->doomed = g_ptr_array_new ();
}
