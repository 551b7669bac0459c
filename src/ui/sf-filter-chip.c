/* sf-filter-chip.c: one facet value as a toggle with its count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-criteria-text.h"
#include "sf-filter-chip.h"

struct _SfFilterChip
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkButton         *button;
  GtkImage          *state_icon;
  GtkLabel          *name_label;
  GtkLabel          *count_label;

  /* owned */
  char              *value;

  SfCriterion        criterion;
  SfFilterChipState  state;
  int                count;
  gboolean           tristate;
};

G_DEFINE_FINAL_TYPE (SfFilterChip, sf_filter_chip, GTK_TYPE_WIDGET)

enum
{
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_accessible (SfFilterChip *self)
{
  g_autoptr(GString) label = g_string_new (gtk_label_get_text (self->name_label));

  if (self->state == SF_FILTER_CHIP_EXCLUDED && self->count >= 0)
    {
      /* Translators: said by a screen reader after an excluded genre's name: how many
       * series its exclusion takes out of the results */
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "excluded, hides %'d series",
                                                             "excluded, hides %'d series",
                                                             self->count),
                                                self->count);

      g_string_append_printf (label, ", %s", count);
    }
  else if (self->state == SF_FILTER_CHIP_EXCLUDED)
    {
      /* Translators: said by a screen reader after an excluded genre's name */
      g_string_append_printf (label, ", %s", _("excluded"));
    }
  else if (self->count >= 0)
    {
      /* Translators: how many series a filter value would match */
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d series",
                                                             "%'d series", self->count),
                                                self->count);

      g_string_append_printf (label, ", %s", count);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->button),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               self->state != SF_FILTER_CHIP_NEUTRAL,
                               -1);
}

static void
update_state (SfFilterChip *self)
{
  GtkWidget *button = GTK_WIDGET (self->button);

  if (self->state == SF_FILTER_CHIP_INCLUDED)
    gtk_widget_add_css_class (button, "suggested-action");
  else
    gtk_widget_remove_css_class (button, "suggested-action");

  if (self->state == SF_FILTER_CHIP_EXCLUDED)
    {
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "sf-excluded");
    }
  else
    {
      gtk_widget_remove_css_class (button, "destructive-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "sf-excluded");
    }

  /* Colour alone does not tell included from excluded: an icon says it too. */
  switch (self->state)
    {
    case SF_FILTER_CHIP_INCLUDED:
      gtk_image_set_from_icon_name (self->state_icon, "object-select-symbolic");
      break;
    case SF_FILTER_CHIP_EXCLUDED:
      gtk_image_set_from_icon_name (self->state_icon, "action-unavailable-symbolic");
      break;
    case SF_FILTER_CHIP_NEUTRAL:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), self->state != SF_FILTER_CHIP_NEUTRAL);

  update_accessible (self);
}

static void
clicked_cb (SfFilterChip *self)
{
  switch (self->state)
    {
    case SF_FILTER_CHIP_NEUTRAL:
      self->state = SF_FILTER_CHIP_INCLUDED;
      break;
    case SF_FILTER_CHIP_INCLUDED:
      self->state = self->tristate ? SF_FILTER_CHIP_EXCLUDED : SF_FILTER_CHIP_NEUTRAL;
      break;
    case SF_FILTER_CHIP_EXCLUDED:
    default:
      self->state = SF_FILTER_CHIP_NEUTRAL;
      break;
    }

  update_state (self);
  g_signal_emit (self, signals[TOGGLED], 0);
}

static void
sf_filter_chip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SF_TYPE_FILTER_CHIP);

  G_OBJECT_CLASS (sf_filter_chip_parent_class)->dispose (object);
}

static void
sf_filter_chip_finalize (GObject *object)
{
  SfFilterChip *self = SF_FILTER_CHIP (object);

  g_free (self->value);

  G_OBJECT_CLASS (sf_filter_chip_parent_class)->finalize (object);
}

static void
sf_filter_chip_class_init (SfFilterChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_filter_chip_dispose;
  object_class->finalize = sf_filter_chip_finalize;

  /**
   * SfFilterChip::toggled:
   *
   * The person clicked the chip; sf_filter_chip_get_state() has the new state.
   */
  signals[TOGGLED] = g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-filter-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, SfFilterChip, button);
  gtk_widget_class_bind_template_child (widget_class, SfFilterChip, state_icon);
  gtk_widget_class_bind_template_child (widget_class, SfFilterChip, name_label);
  gtk_widget_class_bind_template_child (widget_class, SfFilterChip, count_label);
  gtk_widget_class_bind_template_callback (widget_class, clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterchip");
}

static void
sf_filter_chip_init (SfFilterChip *self)
{
  self->count = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sf_filter_chip_new (SfCriterion  criterion,
                    const char  *value,
                    gboolean     tristate)
{
  SfFilterChip *self;

  g_return_val_if_fail (value != NULL, NULL);

  self = g_object_new (SF_TYPE_FILTER_CHIP, NULL);
  self->criterion = criterion;
  self->value = g_strdup (value);
  self->tristate = tristate;

  /* Values come from the internet: plain text, never markup. */
  gtk_label_set_text (self->name_label, sf_criteria_get_value_label (criterion, value));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                               tristate ? _("Click to include, again to exclude") : NULL);
  update_state (self);

  return GTK_WIDGET (self);
}

SfCriterion
sf_filter_chip_get_criterion (SfFilterChip *self)
{
  g_return_val_if_fail (SF_IS_FILTER_CHIP (self), 0);

  return self->criterion;
}

const char *
sf_filter_chip_get_value (SfFilterChip *self)
{
  g_return_val_if_fail (SF_IS_FILTER_CHIP (self), NULL);

  return self->value;
}

SfFilterChipState
sf_filter_chip_get_state (SfFilterChip *self)
{
  g_return_val_if_fail (SF_IS_FILTER_CHIP (self), SF_FILTER_CHIP_NEUTRAL);

  return self->state;
}

void
sf_filter_chip_set_state (SfFilterChip      *self,
                          SfFilterChipState  state)
{
  g_return_if_fail (SF_IS_FILTER_CHIP (self));
  g_return_if_fail (state <= SF_FILTER_CHIP_EXCLUDED);

  if (state == SF_FILTER_CHIP_EXCLUDED && !self->tristate)
    state = SF_FILTER_CHIP_NEUTRAL;
  if (self->state == state)
    return;

  self->state = state;
  update_state (self);
}

void
sf_filter_chip_set_count (SfFilterChip *self,
                          int           count)
{
  g_return_if_fail (SF_IS_FILTER_CHIP (self));

  count = MAX (count, -1);
  if (self->count == count)
    return;

  self->count = count;
  if (count >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%'d", count);

      gtk_label_set_text (self->count_label, text);
    }
  else
    {
      gtk_label_set_text (self->count_label, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count >= 0);

  /* A value that would match nothing stays, dimmed: hiding it would move the others. */
  if (count == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "sf-zero");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "sf-zero");

  update_accessible (self);
}

int
sf_filter_chip_get_count (SfFilterChip *self)
{
  g_return_val_if_fail (SF_IS_FILTER_CHIP (self), -1);

  return self->count;
}

const char *
sf_filter_chip_get_count_text (SfFilterChip *self)
{
  g_return_val_if_fail (SF_IS_FILTER_CHIP (self), "");

  return gtk_label_get_text (self->count_label);
}
