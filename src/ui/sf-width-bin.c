/* sf-width-bin.c: a bin whose width does not depend on its height
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's GtkViewport asks its child for its width at the child's whole height, each time
 * that height changes. For content made of wrapping labels that is the dearest question
 * there is: every label searches for its narrowest width at its share of the height. On the
 * page of a long show (hundreds of labels) one such measure took 75 ms, and it came again
 * whenever a season opened. Content laid out height-for-width has one width for any height,
 * so this bin answers with it.
 */

#include "config.h"

#include "sf-width-bin.h"

struct _SfWidthBin
{
  GtkWidget  parent_instance;

  /* owned (as our child) */
  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (SfWidthBin, sf_width_bin, GTK_TYPE_WIDGET)

static void
sf_width_bin_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SfWidthBin *self = SF_WIDTH_BIN (widget);

  if (self->child == NULL)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
sf_width_bin_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SfWidthBin *self = SF_WIDTH_BIN (widget);

  if (self->child != NULL)
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
sf_width_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sf_width_bin_dispose (GObject *object)
{
  SfWidthBin *self = SF_WIDTH_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (sf_width_bin_parent_class)->dispose (object);
}

static void
sf_width_bin_class_init (SfWidthBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_width_bin_dispose;
  widget_class->measure = sf_width_bin_measure;
  widget_class->size_allocate = sf_width_bin_size_allocate;
  widget_class->get_request_mode = sf_width_bin_get_request_mode;
}

static void
sf_width_bin_init (SfWidthBin *self)
{
}

GtkWidget *
sf_width_bin_new (GtkWidget *child)
{
  SfWidthBin *self;

  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);
  g_return_val_if_fail (gtk_widget_get_parent (child) == NULL, NULL);

  self = g_object_new (SF_TYPE_WIDTH_BIN, NULL);
  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));

  return GTK_WIDGET (self);
}

GtkWidget *
sf_width_bin_get_child (SfWidthBin *self)
{
  g_return_val_if_fail (SF_IS_WIDTH_BIN (self), NULL);

  return self->child;
}
