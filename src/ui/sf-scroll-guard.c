/* sf-scroll-guard.c: the wheel scrolls the page past a control that is not focused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sf-scroll-guard.h"

/* Whether the window's focus is @control or inside it (a spin button focuses its text).
 * Asked of the root rather than through gtk_widget_has_focus(): that one also wants the window
 * to be active, which GTK 4.18 only reports once the windowing system says so (never under
 * broadway, and not for a window behind another), while the control that will take the keys
 * once the window is active is the one the person chose. */
static gboolean
control_is_focused (GtkWidget *control)
{
  GtkRoot *root = gtk_widget_get_root (control);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == control || gtk_widget_is_ancestor (focus, control));
}

static gboolean
guarded_scroll_cb (GtkEventControllerScroll *controller,
                   double                    dx,
                   double                    dy,
                   gpointer                  user_data)
{
  GtkWidget *control = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  double step, value;

  if (control_is_focused (control))
    return GDK_EVENT_PROPAGATE;

  scroller = gtk_widget_get_ancestor (control, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* A wheel click moves as GtkScrolledWindow moves it; a touchpad's deltas are pixels. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  else
    step = 1.0;
  value = gtk_adjustment_get_value (adjustment) + dy * step;
  gtk_adjustment_set_value (adjustment,
                            CLAMP (value, gtk_adjustment_get_lower (adjustment),
                                   gtk_adjustment_get_upper (adjustment) -
                                   gtk_adjustment_get_page_size (adjustment)));
  return GDK_EVENT_STOP;
}

void
sf_scroll_guard_attach (GtkWidget *control)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (control));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  /* Before the control's own scroll handling, which runs in the bubble phase. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_static_name (controller, SF_SCROLL_GUARD_NAME);
  g_signal_connect (controller, "scroll", G_CALLBACK (guarded_scroll_cb), NULL);
  gtk_widget_add_controller (control, controller);
}
