/* sf-cast-dialog.c: the whole cast of a show, in a virtualized grid
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-cast-card.h"
#include "sf-cast-dialog.h"

struct _SfCastDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkWidget      *content_box;
  AdwWindowTitle *window_title;
  GtkGridView    *grid;

  /* owned */
  SfImageLoader  *loader;
};

G_DEFINE_FINAL_TYPE (SfCastDialog, sf_cast_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_PERSON_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, sf_cast_card_new ());
  /* A card opens its person (Enter, Space or a click), as on the series page: every Tab
   * stop does something. */
  gtk_list_item_set_activatable (item, TRUE);
}

static void
grid_activate_cb (SfCastDialog *self,
                  guint         position)
{
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (self->grid));
  g_autoptr(SfCastMember) member = g_list_model_get_item (model, position);

  if (member == NULL)
    return;

  /* The person's page opens in the main window, in front: this window goes. */
  g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0,
                 sf_cast_member_get_person_id (member));
  gtk_window_close (GTK_WINDOW (self));
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SfCastDialog             *self)
{
  sf_cast_card_set_member (SF_CAST_CARD (gtk_list_item_get_child (item)),
                           gtk_list_item_get_item (item), self->loader);
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  /* A card scrolled out of view gives up its photo download. */
  sf_cast_card_set_member (SF_CAST_CARD (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
sf_cast_dialog_dispose (GObject *object)
{
  SfCastDialog *self = SF_CAST_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_CAST_DIALOG);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (sf_cast_dialog_parent_class)->dispose (object);
}

static void
sf_cast_dialog_class_init (SfCastDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_cast_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-cast-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SfCastDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, SfCastDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SfCastDialog, grid);

  /* SfCastDialog::person-activated: a card was activated (@person_id: gint64) */
  signals[SIGNAL_PERSON_ACTIVATED] =
    g_signal_new ("person-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sf_cast_dialog_init (SfCastDialog *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), NULL);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);
  gtk_grid_view_set_single_click_activate (self->grid, TRUE);
  g_signal_connect_swapped (self->grid, "activate", G_CALLBACK (grid_activate_cb), self);
}

SfCastDialog *
sf_cast_dialog_new (GListModel    *cast,
                    SfImageLoader *loader,
                    const char    *show_name)
{
  SfCastDialog *self;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *subtitle = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (cast), NULL);
  g_return_val_if_fail (SF_IS_IMAGE_LOADER (loader), NULL);

  self = g_object_new (SF_TYPE_CAST_DIALOG, NULL);
  self->loader = g_object_ref (loader);

  selection = gtk_no_selection_new (g_object_ref (cast));
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (selection));

  /* AdwWindowTitle shows plain text, so an untrusted name cannot inject markup. */
  n = g_list_model_get_n_items (cast);
  if (show_name != NULL)
    /* Translators: subtitle of the cast window: "The Simpsons · 1,400 people" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %'u person",
                                             "%s · %'u people", n), show_name, n);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person", "%'u people", n),
                                n);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  return self;
}

GtkGridView *
sf_cast_dialog_get_grid (SfCastDialog *self)
{
  g_return_val_if_fail (SF_IS_CAST_DIALOG (self), NULL);

  return self->grid;
}
