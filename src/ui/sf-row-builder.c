/* sf-row-builder.c: widgets made a few at a time, within a time budget per frame
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsing happens on the client's workers. What could still stall the window is making
 * widgets: the page of a long show has hundreds of rows. They are made from a timer, in
 * slices of BUDGET_USEC, at most one slice per frame, so that a frame (which also lays out
 * and draws what was made) stays well under the 8 ms target. A timer rather than a tick
 * callback, and a slice even without a new frame after a while: frames can be throttled
 * (broadway without a browser draws one a second, a hidden window none), and the page must
 * fill in all the same.
 */

#include "config.h"

#include "sf-row-builder.h"

#define BUDGET_USEC   1500
#define INTERVAL_MS   16
#define WAIT_USEC     (100 * 1000)

typedef struct
{
  int               priority;
  SfRowBuilderStep  step;
  gpointer          user_data;
} Step;

struct _SfRowBuilder
{
  GObject    parent_instance;

  GtkWidget *widget;       /* weak pointer: whose frame clock paces the slices */
  GArray    *steps;        /* Step, by priority */
  guint      source_id;
  gint64     last_frame;   /* frame counter at the last slice */
  gint64     last_time;    /* and when it was made */
  gboolean   running;
  gboolean   busy;
};

G_DEFINE_FINAL_TYPE (SfRowBuilder, sf_row_builder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (SfRowBuilder *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Makes one widget with the first step that has work; FALSE when none has. */
static gboolean
run_one (SfRowBuilder *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = &g_array_index (self->steps, Step, i);

      if (step->step (step->user_data))
        return TRUE;
    }

  return FALSE;
}

static gboolean
slice_cb (gpointer user_data)
{
  SfRowBuilder *self = SF_ROW_BUILDER (user_data);
  GdkFrameClock *clock = self->widget != NULL ? gtk_widget_get_frame_clock (self->widget) : NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = now + BUDGET_USEC;

  /* The previous slice has not been laid out and drawn yet: wait for its frame. */
  if (clock != NULL)
    {
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);

      if (frame == self->last_frame && now - self->last_time < WAIT_USEC)
        return G_SOURCE_CONTINUE;
      self->last_frame = frame;
    }
  self->last_time = now;

  do
    {
      if (!run_one (self))
        {
          self->source_id = 0;
          set_busy (self, FALSE);
          return G_SOURCE_REMOVE;
        }
    }
  while (g_get_monotonic_time () < deadline);

  return G_SOURCE_CONTINUE;
}

static void
ensure_running (SfRowBuilder *self)
{
  /* Below input and drawing: a click or a frame never waits for a slice. */
  if (self->running && self->busy && self->source_id == 0)
    self->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, INTERVAL_MS, slice_cb, self,
                                          NULL);
}

void
sf_row_builder_add_step (SfRowBuilder     *self,
                         int               priority,
                         SfRowBuilderStep  step,
                         gpointer          user_data)
{
  Step added = { priority, step, user_data };
  guint i;

  g_return_if_fail (SF_IS_ROW_BUILDER (self));
  g_return_if_fail (step != NULL);

  for (i = 0; i < self->steps->len; i++)
    if (g_array_index (self->steps, Step, i).priority > priority)
      break;
  g_array_insert_val (self->steps, i, added);
}

void
sf_row_builder_remove_steps (SfRowBuilder *self,
                             gpointer      user_data)
{
  g_return_if_fail (SF_IS_ROW_BUILDER (self));

  for (guint i = self->steps->len; i > 0; i--)
    if (g_array_index (self->steps, Step, i - 1).user_data == user_data)
      g_array_remove_index (self->steps, i - 1);
}

void
sf_row_builder_queue (SfRowBuilder *self)
{
  g_return_if_fail (SF_IS_ROW_BUILDER (self));

  set_busy (self, TRUE);
  ensure_running (self);
}

void
sf_row_builder_start (SfRowBuilder *self)
{
  g_return_if_fail (SF_IS_ROW_BUILDER (self));

  self->running = TRUE;
  ensure_running (self);
}

void
sf_row_builder_stop (SfRowBuilder *self)
{
  g_return_if_fail (SF_IS_ROW_BUILDER (self));

  self->running = FALSE;
  g_clear_handle_id (&self->source_id, g_source_remove);
}

gboolean
sf_row_builder_get_busy (SfRowBuilder *self)
{
  g_return_val_if_fail (SF_IS_ROW_BUILDER (self), FALSE);

  return self->busy;
}

static void
sf_row_builder_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SfRowBuilder *self = SF_ROW_BUILDER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_row_builder_dispose (GObject *object)
{
  SfRowBuilder *self = SF_ROW_BUILDER (object);

  g_clear_handle_id (&self->source_id, g_source_remove);
  g_clear_weak_pointer (&self->widget);
  g_array_set_size (self->steps, 0);

  G_OBJECT_CLASS (sf_row_builder_parent_class)->dispose (object);
}

static void
sf_row_builder_finalize (GObject *object)
{
  SfRowBuilder *self = SF_ROW_BUILDER (object);

  g_array_unref (self->steps);

  G_OBJECT_CLASS (sf_row_builder_parent_class)->finalize (object);
}

static void
sf_row_builder_class_init (SfRowBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sf_row_builder_get_property;
  object_class->dispose = sf_row_builder_dispose;
  object_class->finalize = sf_row_builder_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_row_builder_init (SfRowBuilder *self)
{
  self->steps = g_array_new (FALSE, FALSE, sizeof (Step));
}

SfRowBuilder *
sf_row_builder_new (GtkWidget *widget)
{
  SfRowBuilder *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (SF_TYPE_ROW_BUILDER, NULL);
  g_set_weak_pointer (&self->widget, widget);

  return self;
}
