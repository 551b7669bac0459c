/* sf-range-row.c: a range of whole numbers as "From" and "To" rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sf-range-row.h"
#include "sf-scroll-guard.h"

struct _SfRangeRow
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *list;
  GtkSpinButton *from_spin;
  GtkSpinButton *to_spin;

  int            lower;
  int            upper;
  int            step;
  int            page;
  char          *from_label;
  char          *to_label;
  int            start;            /* 0: none; where a step out of "Any" lands */
  int            typed;            /* the number last typed, -1: none */
  double         last_from;        /* the values as of the last change */
  double         last_to;
  /* The spin buttons are being set: their value-changed is not the person's. */
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (SfRangeRow, sf_range_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOWER,
  PROP_UPPER,
  PROP_STEP,
  PROP_PAGE,
  PROP_FROM_LABEL,
  PROP_TO_LABEL,
  PROP_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "From" says "Any" at the bottom of its scale, "To" at the top of its own. */
static double
any_value (SfRangeRow    *self,
           GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  return spin == self->from_spin ? gtk_adjustment_get_lower (adjustment)
                                 : gtk_adjustment_get_upper (adjustment);
}

static int
spin_get (SfRangeRow    *self,
          GtkSpinButton *spin)
{
  double value = gtk_spin_button_get_value (spin);

  return value == any_value (self, spin) ? 0 : (int) round (value);
}

static void
spin_set (SfRangeRow    *self,
          GtkSpinButton *spin,
          int            value)
{
  gtk_spin_button_set_value (spin, value > 0 ? value : any_value (self, spin));
}

static int
spin_input_cb (SfRangeRow    *self,
               double        *new_value,
               GtkSpinButton *spin)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  gint64 number;

  if (g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &number, NULL))
    {
      /* Typed, not stepped: taken as it is. */
      self->typed = (int) number;
      return FALSE;
    }

  /* "Any", nothing, or anything that is not a number: no limit. */
  *new_value = any_value (self, spin);
  return TRUE;
}

static gboolean
spin_output_cb (SfRangeRow    *self,
                GtkSpinButton *spin)
{
  const char *any = _("Any");

  if (gtk_spin_button_get_value (spin) != any_value (self, spin))
    return FALSE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), any) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), any);
  return TRUE;
}

static void
remember (SfRangeRow *self)
{
  self->last_from = gtk_spin_button_get_value (self->from_spin);
  self->last_to = gtk_spin_button_get_value (self->to_spin);
}

/* A "from" past the "to" pushes the "to" along (and the other way round), rather than
 * selecting nothing. */
static void
range_changed (SfRangeRow *self,
               gboolean    from_moved)
{
  GtkSpinButton *moved = from_moved ? self->from_spin : self->to_spin;
  double any = any_value (self, moved);
  double value = gtk_spin_button_get_value (moved);
  double last = from_moved ? self->last_from : self->last_to;
  int typed = self->typed;
  int from, to;

  if (self->updating)
    return;

  self->typed = -1;
  /* One step out of "Any" (its "+" or "-", an arrow key) lands on "start" (the newest
   * premiere year, say) rather than next to the end of the scale (1930). */
  if (self->start > 0 && last == any && value != any &&
      fabs (value - any) <= self->step + 0.5 && (int) round (value) != typed)
    {
      self->updating = TRUE;
      spin_set (self, moved, self->start);
      self->updating = FALSE;
    }

  from = spin_get (self, self->from_spin);
  to = spin_get (self, self->to_spin);

  if (from > 0 && to > 0 && from > to)
    {
      self->updating = TRUE;
      if (from_moved)
        to = from;
      else
        from = to;
      spin_set (self, self->from_spin, from);
      spin_set (self, self->to_spin, to);
      self->updating = FALSE;
    }

  remember (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
from_changed_cb (SfRangeRow *self)
{
  range_changed (self, TRUE);
}

static void
to_changed_cb (SfRangeRow *self)
{
  range_changed (self, FALSE);
}

/* "From" goes from lower to upper, "to" one step higher; both start at "Any". */
static void
configure (SfRangeRow *self)
{
  self->updating = TRUE;
  gtk_adjustment_configure (gtk_spin_button_get_adjustment (self->from_spin), self->lower,
                            self->lower, self->upper, self->step, self->page, 0);
  gtk_adjustment_configure (gtk_spin_button_get_adjustment (self->to_spin),
                            self->upper + self->step, self->lower + self->step,
                            self->upper + self->step, self->step, self->page, 0);
  self->updating = FALSE;
  remember (self);
}

static void
set_label (GtkSpinButton  *spin,
           char          **field,
           const char     *label)
{
  g_free (*field);
  *field = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
sf_range_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SF_TYPE_RANGE_ROW);

  G_OBJECT_CLASS (sf_range_row_parent_class)->dispose (object);
}

static void
sf_range_row_finalize (GObject *object)
{
  SfRangeRow *self = SF_RANGE_ROW (object);

  g_free (self->from_label);
  g_free (self->to_label);

  G_OBJECT_CLASS (sf_range_row_parent_class)->finalize (object);
}

static void
sf_range_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SfRangeRow *self = SF_RANGE_ROW (object);

  switch (prop_id)
    {
    case PROP_LOWER:
      g_value_set_int (value, self->lower);
      break;
    case PROP_UPPER:
      g_value_set_int (value, self->upper);
      break;
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;
    case PROP_FROM_LABEL:
      g_value_set_string (value, self->from_label);
      break;
    case PROP_TO_LABEL:
      g_value_set_string (value, self->to_label);
      break;
    case PROP_START:
      g_value_set_int (value, self->start);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_range_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SfRangeRow *self = SF_RANGE_ROW (object);

  switch (prop_id)
    {
    case PROP_LOWER:
      self->lower = g_value_get_int (value);
      configure (self);
      break;
    case PROP_UPPER:
      self->upper = g_value_get_int (value);
      configure (self);
      break;
    case PROP_STEP:
      self->step = g_value_get_int (value);
      configure (self);
      break;
    case PROP_PAGE:
      self->page = g_value_get_int (value);
      configure (self);
      break;
    case PROP_FROM_LABEL:
      set_label (self->from_spin, &self->from_label, g_value_get_string (value));
      break;
    case PROP_TO_LABEL:
      set_label (self->to_spin, &self->to_label, g_value_get_string (value));
      break;
    case PROP_START:
      sf_range_row_set_start (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_range_row_class_init (SfRangeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_range_row_dispose;
  object_class->finalize = sf_range_row_finalize;
  object_class->get_property = sf_range_row_get_property;
  object_class->set_property = sf_range_row_set_property;

  properties[PROP_LOWER] =
    g_param_spec_int ("lower", NULL, NULL, 0, G_MAXINT / 2, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPPER] =
    g_param_spec_int ("upper", NULL, NULL, 0, G_MAXINT / 2, 100,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, 1, G_MAXINT / 2, 1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL, 1, G_MAXINT / 2, 10,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM_LABEL] =
    g_param_spec_string ("from-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO_LABEL] =
    g_param_spec_string ("to-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SfRangeRow:start:
   *
   * Where one step out of "Any" lands ("from" and "to" alike); 0: next to "Any".
   */
  properties[PROP_START] =
    g_param_spec_int ("start", NULL, NULL, 0, G_MAXINT / 2, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SfRangeRow::changed:
   *
   * The range changed (read it with sf_range_row_get_range()).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-range-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SfRangeRow, list);
  gtk_widget_class_bind_template_child (widget_class, SfRangeRow, from_spin);
  gtk_widget_class_bind_template_child (widget_class, SfRangeRow, to_spin);
  gtk_widget_class_bind_template_callback (widget_class, spin_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sf_range_row_init (SfRangeRow *self)
{
  self->upper = 100;
  self->step = 1;
  self->page = 10;
  self->typed = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  configure (self);

  /* The wheel that scrolls the panel must not change a limit on its way. */
  sf_scroll_guard_attach (GTK_WIDGET (self->from_spin));
  sf_scroll_guard_attach (GTK_WIDGET (self->to_spin));
}

void
sf_range_row_get_range (SfRangeRow *self,
                        int        *from,
                        int        *to)
{
  g_return_if_fail (SF_IS_RANGE_ROW (self));

  if (from != NULL)
    *from = spin_get (self, self->from_spin);
  if (to != NULL)
    *to = spin_get (self, self->to_spin);
}

void
sf_range_row_set_range (SfRangeRow *self,
                        int         from,
                        int         to)
{
  g_return_if_fail (SF_IS_RANGE_ROW (self));

  self->updating = TRUE;
  spin_set (self, self->from_spin, from);
  spin_set (self, self->to_spin, to);
  self->updating = FALSE;
  remember (self);
}

void
sf_range_row_set_start (SfRangeRow *self,
                        int         start)
{
  g_return_if_fail (SF_IS_RANGE_ROW (self));

  start = start > 0 ? CLAMP (start, self->lower + self->step, self->upper) : 0;
  if (self->start == start)
    return;

  self->start = start;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}
