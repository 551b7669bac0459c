#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SF_TYPE_ROW_BUILDER (sf_row_builder_get_type ())

G_DECLARE_FINAL_TYPE (SfRowBuilder, sf_row_builder, SF, ROW_BUILDER, GObject)

/* Makes (or removes) one widget; returns FALSE when it had nothing left to do. */
typedef gboolean (*SfRowBuilderStep) (gpointer user_data);

/* Makes widgets a few at a time, in slices of a fixed time budget, at most one slice per
 * frame of @widget (weak), so that no frame waits long for them. */
SfRowBuilder *sf_row_builder_new          (GtkWidget        *widget);
/* Steps run by @priority, lowest first; each slice asks the first step with work again
 * after every widget, so urgent work (rows a person asked for) overtakes the rest. */
void          sf_row_builder_add_step     (SfRowBuilder     *self,
                                           int               priority,
                                           SfRowBuilderStep  step,
                                           gpointer          user_data);
void          sf_row_builder_remove_steps (SfRowBuilder     *self,
                                           gpointer          user_data);
/* Says that a step has work: the builder is busy until every step says it has none. */
void          sf_row_builder_queue        (SfRowBuilder     *self);
/* Slices run only between start and stop (while the page is in use). */
void          sf_row_builder_start        (SfRowBuilder     *self);
void          sf_row_builder_stop         (SfRowBuilder     *self);
/* The "busy" property: some step may still have work. */
gboolean      sf_row_builder_get_busy     (SfRowBuilder     *self);

G_END_DECLS
