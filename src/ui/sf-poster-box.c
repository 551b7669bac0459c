/* sf-poster-box.c: a poster beside the details, or above them when narrow
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A horizontal GtkBox with a fixed poster beside wrapping labels measured badly on GTK 4.18:
 * its minimum height for the page's width came out as the labels' height at their narrowest
 * (1069 px, more than its natural 295 px), GTK warned, and the page opened with 700 px of
 * empty space under the facts. Here the height for a width is simply the taller of the
 * poster and of the details at the width they get, so minimum and natural stay in order.
 * Whether the poster goes beside or above is decided from the width being measured or
 * allocated, the same way in both, so nothing flips in the middle of an allocation.
 */

#include "config.h"

#include "sf-poster-box.h"

/* Below this width (the page's 600 less its margins) the poster goes above the details. */
#define WIDE_WIDTH 576
#define SPACING    24

struct _SfPosterBox
{
  GtkWidget parent_instance;

  gboolean  wide;
};

G_DEFINE_FINAL_TYPE (SfPosterBox, sf_poster_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
get_children (GtkWidget  *widget,
              GtkWidget **poster,
              GtkWidget **details)
{
  *poster = gtk_widget_get_first_child (widget);
  *details = *poster != NULL ? gtk_widget_get_next_sibling (*poster) : NULL;

  return *details != NULL;
}

static void
measure_poster (GtkWidget *poster,
                int       *width,
                int       *height)
{
  *width = *height = 0;
  if (!gtk_widget_should_layout (poster))
    return;

  gtk_widget_measure (poster, GTK_ORIENTATION_HORIZONTAL, -1, NULL, width, NULL, NULL);
  gtk_widget_measure (poster, GTK_ORIENTATION_VERTICAL, *width, NULL, height, NULL, NULL);
}

static void
measure_height (GtkWidget *poster,
                GtkWidget *details,
                int        width,
                int       *minimum,
                int       *natural)
{
  int poster_width, poster_height;
  int details_min = 0, details_nat = 0;

  measure_poster (poster, &poster_width, &poster_height);

  if (width >= WIDE_WIDTH)
    {
      gtk_widget_measure (details, GTK_ORIENTATION_VERTICAL,
                          MAX (width - poster_width - SPACING, 0),
                          &details_min, &details_nat, NULL, NULL);
      *minimum = MAX (poster_height, details_min);
      *natural = MAX (poster_height, details_nat);
    }
  else
    {
      gtk_widget_measure (details, GTK_ORIENTATION_VERTICAL, width,
                          &details_min, &details_nat, NULL, NULL);
      *minimum = poster_height + SPACING + details_min;
      *natural = poster_height + SPACING + details_nat;
    }
}

static void
sf_poster_box_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GtkWidget *poster;
  GtkWidget *details;
  int poster_width, poster_height;
  int details_min = 0, details_nat = 0;

  *minimum = *natural = 0;
  if (!get_children (widget, &poster, &details))
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrow at the least, wide at its most natural. */
      measure_poster (poster, &poster_width, &poster_height);
      gtk_widget_measure (details, GTK_ORIENTATION_HORIZONTAL, -1,
                          &details_min, &details_nat, NULL, NULL);
      *minimum = MAX (poster_width, details_min);
      *natural = MAX (poster_width + SPACING + details_nat, WIDE_WIDTH);
      return;
    }

  /* Without a width, the natural one: the same layout for minimum and natural. */
  if (for_size < 0)
    {
      int min_width, nat_width;

      sf_poster_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1,
                             &min_width, &nat_width, NULL, NULL);
      for_size = nat_width;
    }

  measure_height (poster, details, for_size, minimum, natural);
}

static void
sf_poster_box_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SfPosterBox *self = SF_POSTER_BOX (widget);
  GtkWidget *poster;
  GtkWidget *details;
  int poster_width, poster_height;
  gboolean wide = width >= WIDE_WIDTH;

  if (!get_children (widget, &poster, &details))
    return;

  measure_poster (poster, &poster_width, &poster_height);

  if (wide)
    {
      if (gtk_widget_should_layout (poster))
        gtk_widget_size_allocate (poster,
                                  &(GtkAllocation) { 0, 0, poster_width, poster_height }, -1);
      gtk_widget_size_allocate (details,
                                &(GtkAllocation) { poster_width + SPACING, 0,
                                                   MAX (width - poster_width - SPACING, 0),
                                                   height }, -1);
    }
  else
    {
      if (gtk_widget_should_layout (poster))
        gtk_widget_size_allocate (poster,
                                  &(GtkAllocation) { MAX ((width - poster_width) / 2, 0), 0,
                                                     poster_width, poster_height }, -1);
      gtk_widget_size_allocate (details,
                                &(GtkAllocation) { 0, poster_height + SPACING, width,
                                                   MAX (height - poster_height - SPACING, 0) },
                                -1);
    }

  if (wide != self->wide)
    {
      self->wide = wide;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDE]);
    }
}

static GtkSizeRequestMode
sf_poster_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

gboolean
sf_poster_box_get_wide (SfPosterBox *self)
{
  g_return_val_if_fail (SF_IS_POSTER_BOX (self), FALSE);

  return self->wide;
}

static void
sf_poster_box_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SfPosterBox *self = SF_POSTER_BOX (object);

  switch (prop_id)
    {
    case PROP_WIDE:
      g_value_set_boolean (value, self->wide);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_poster_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sf_poster_box_parent_class)->dispose (object);
}

static void
sf_poster_box_class_init (SfPosterBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sf_poster_box_get_property;
  object_class->dispose = sf_poster_box_dispose;
  widget_class->measure = sf_poster_box_measure;
  widget_class->size_allocate = sf_poster_box_size_allocate;
  widget_class->get_request_mode = sf_poster_box_get_request_mode;

  properties[PROP_WIDE] =
    g_param_spec_boolean ("wide", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_poster_box_init (SfPosterBox *self)
{
}

GtkWidget *
sf_poster_box_new (void)
{
  return g_object_new (SF_TYPE_POSTER_BOX, NULL);
}
