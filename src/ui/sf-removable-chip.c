/* sf-removable-chip.c: a label with a close button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-removable-chip.h"

struct _SfRemovableChip
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkLabel  *label;
  GtkButton *close_button;
};

G_DEFINE_FINAL_TYPE (SfRemovableChip, sf_removable_chip, GTK_TYPE_WIDGET)

enum
{
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sf_removable_chip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SF_TYPE_REMOVABLE_CHIP);

  G_OBJECT_CLASS (sf_removable_chip_parent_class)->dispose (object);
}

static void
sf_removable_chip_class_init (SfRemovableChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_removable_chip_dispose;

  /**
   * SfRemovableChip::remove:
   *
   * The person asked to remove what the chip stands for. The chip stays until its owner
   * removes it.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-removable-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, SfRemovableChip, box);
  gtk_widget_class_bind_template_child (widget_class, SfRemovableChip, label);
  gtk_widget_class_bind_template_child (widget_class, SfRemovableChip, close_button);
  gtk_widget_class_bind_template_callback (widget_class, sf_removable_chip_remove);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "removablechip");
}

static void
sf_removable_chip_init (SfRemovableChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sf_removable_chip_new (const char *label)
{
  SfRemovableChip *self;
  g_autofree char *remove = NULL;

  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (SF_TYPE_REMOVABLE_CHIP, NULL);
  gtk_label_set_text (self->label, label);

  /* Translators: the close button of a filter chip, e.g. "Remove Drama" */
  remove = g_strdup_printf (_("Remove %s"), label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_button), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->close_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                  -1);

  return GTK_WIDGET (self);
}

const char *
sf_removable_chip_get_label (SfRemovableChip *self)
{
  g_return_val_if_fail (SF_IS_REMOVABLE_CHIP (self), NULL);

  return gtk_label_get_text (self->label);
}

void
sf_removable_chip_remove (SfRemovableChip *self)
{
  g_return_if_fail (SF_IS_REMOVABLE_CHIP (self));

  g_signal_emit (self, signals[REMOVE], 0);
}
