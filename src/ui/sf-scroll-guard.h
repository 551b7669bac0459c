#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The name of the controller sf_scroll_guard_attach() adds (tests look for it). */
#define SF_SCROLL_GUARD_NAME "sf-scroll-guard"

/**
 * sf_scroll_guard_attach:
 * @control: a spin button, a scale or another control that changes its value under the wheel
 *
 * In a page that scrolls, the wheel that moves the page would change @control whenever it
 * passes under the pointer. With the guard, until the person focuses @control, the wheel
 * scrolls the nearest enclosing #GtkScrolledWindow instead.
 */
void sf_scroll_guard_attach (GtkWidget *control);

G_END_DECLS
