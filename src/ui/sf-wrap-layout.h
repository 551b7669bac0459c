#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SF_TYPE_WRAP_LAYOUT (sf_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (SfWrapLayout, sf_wrap_layout, SF, WRAP_LAYOUT, GtkLayoutManager)

/* Children side by side at their natural width, wrapping onto new lines like words: chips.
 * (GTK 4.8 has no such container; GtkFlowBox lines its children up in columns.) Give it to a
 * plain GtkBox with gtk_widget_set_layout_manager() and add children with gtk_box_append();
 * the box's own spacing and orientation no longer apply. */
GtkLayoutManager *sf_wrap_layout_new (int spacing);

G_END_DECLS
