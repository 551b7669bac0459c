/* sf-wrap-layout.c: children in lines, wrapping like words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-wrap-layout.h"

struct _SfWrapLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
};

G_DEFINE_FINAL_TYPE (SfWrapLayout, sf_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

/* A child's width on a line @width wide (-1: unlimited): its natural width, or less when the
 * line is narrower, down to its minimum. */
static int
child_width (GtkWidget *child,
             int        width)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return width < 0 ? natural : MAX (minimum, MIN (natural, width));
}

static int
child_height (GtkWidget *child,
              int        width)
{
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

static void
allocate_line (SfWrapLayout *self,
               GtkWidget    *first,
               GtkWidget    *end,
               int           width,
               int           y,
               int           height,
               gboolean      rtl)
{
  int x = 0;

  for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
    {
      int w;

      if (!gtk_widget_should_layout (child))
        continue;

      w = child_width (child, width);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { rtl ? width - x - w : x, y, w, height },
                                -1);
      x += w + self->spacing;
    }
}

/* Breaks the children into lines @width wide and returns the height they take; allocates
 * them too when @allocate. */
static int
layout (SfWrapLayout *self,
        GtkWidget    *widget,
        int           width,
        gboolean      allocate)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *line_start = NULL;
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int w;

      if (!gtk_widget_should_layout (child))
        continue;

      w = child_width (child, width);
      if (line_start != NULL && width >= 0 && x + w > width)
        {
          /* The line is full: it is done, and its height known. */
          if (allocate)
            allocate_line (self, line_start, child, width, y, line_height, rtl);
          y += line_height + self->spacing;
          x = 0;
          line_height = 0;
          line_start = NULL;
        }

      if (line_start == NULL)
        line_start = child;
      line_height = MAX (line_height, child_height (child, w));
      x += w + self->spacing;
    }

  if (line_start == NULL)
    return 0;

  if (allocate)
    allocate_line (self, line_start, NULL, width, y, line_height, rtl);
  return y + line_height;
}

static GtkSizeRequestMode
sf_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sf_wrap_layout_measure (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        GtkOrientation    orientation,
                        int               for_size,
                        int              *minimum,
                        int              *natural,
                        int              *minimum_baseline,
                        int              *natural_baseline)
{
  SfWrapLayout *self = SF_WRAP_LAYOUT (manager);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = layout (self, widget, for_size, FALSE);
      return;
    }

  /* At least the widest child; at best all of them on one line. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural += (*natural > 0 ? self->spacing : 0) + child_nat;
    }
}

static void
sf_wrap_layout_allocate (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         int               width,
                         int               height,
                         int               baseline)
{
  layout (SF_WRAP_LAYOUT (manager), widget, width, TRUE);
}

static void
sf_wrap_layout_class_init (SfWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = sf_wrap_layout_get_request_mode;
  layout_class->measure = sf_wrap_layout_measure;
  layout_class->allocate = sf_wrap_layout_allocate;
}

static void
sf_wrap_layout_init (SfWrapLayout *self)
{
}

GtkLayoutManager *
sf_wrap_layout_new (int spacing)
{
  SfWrapLayout *self = g_object_new (SF_TYPE_WRAP_LAYOUT, NULL);

  self->spacing = MAX (spacing, 0);
  return GTK_LAYOUT_MANAGER (self);
}
