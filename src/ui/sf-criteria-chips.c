/* sf-criteria-chips.c: the active criteria as removable chips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-criteria-chips.h"
#include "sf-criteria-text.h"
#include "sf-removable-chip.h"
#include "sf-wrap-layout.h"

struct _SfCriteriaChips
{
  GtkWidget   parent_instance;

  /* template widgets */
  GtkBox     *box;

  /* owned */
  SfCriteria *criteria;

  /* borrowed: a child of box, after the chips */
  GtkWidget  *end_widget;

  SfCriteriaChipsCountryFunc country_func;   /* nullable */
  gpointer    country_data;                  /* borrowed */
  guint       n_chips;
};

G_DEFINE_FINAL_TYPE (SfCriteriaChips, sf_criteria_chips, GTK_TYPE_WIDGET)

enum
{
  CRITERION_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What one chip stands for, owned by its "remove" handler. */
typedef struct
{
  SfCriteriaChips *self;    /* borrowed: the chip dies with it */
  SfCriterion      criterion;
  char            *value;   /* owned, nullable */
} ChipData;

static void
chip_data_free (gpointer  data,
                GClosure *closure)
{
  ChipData *chip = data;

  g_free (chip->value);
  g_free (chip);
}

static void
chip_remove_cb (SfRemovableChip *chip,
                ChipData        *data)
{
  g_autoptr(SfCriteria) without = NULL;

  without = sf_criteria_copy_without (data->self->criteria, data->criterion, data->value);
  g_signal_emit (data->self, signals[CRITERION_REMOVED], 0, without);
}

static void
remove_chips (SfCriteriaChips *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL &&
         child != self->end_widget)
    gtk_box_remove (self->box, child);
  self->n_chips = 0;
}

static void
rebuild (SfCriteriaChips *self)
{
  g_autoptr(GPtrArray) labels = sf_criteria_describe (self->criteria);

  remove_chips (self);

  for (guint i = 0; i < labels->len; i++)
    {
      SfCriterionLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *country = NULL;
      g_autofree char *text = NULL;
      GtkWidget *chip;
      ChipData *data = g_new0 (ChipData, 1);

      /* "United Kingdom" rather than "GB", when the name is known. */
      if (label->criterion == SF_CRITERION_COUNTRY && self->country_func != NULL &&
          label->value != NULL &&
          (country = self->country_func (label->value, self->country_data)) != NULL)
        text = g_strdup (sf_criteria_get_country_label (country));

      chip = sf_removable_chip_new (text != NULL ? text : label->label);

      data->self = self;
      data->criterion = label->criterion;
      data->value = g_strdup (label->value);
      g_signal_connect_data (chip, "remove", G_CALLBACK (chip_remove_cb), data,
                             chip_data_free, 0);

      if (self->end_widget != NULL)
        gtk_box_insert_child_after (self->box, chip,
                                    gtk_widget_get_prev_sibling (self->end_widget));
      else
        gtk_box_append (self->box, chip);
      self->n_chips++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->n_chips > 0);
}

static void
sf_criteria_chips_dispose (GObject *object)
{
  SfCriteriaChips *self = SF_CRITERIA_CHIPS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_CRITERIA_CHIPS);
  g_clear_pointer (&self->criteria, sf_criteria_unref);

  G_OBJECT_CLASS (sf_criteria_chips_parent_class)->dispose (object);
}

static void
sf_criteria_chips_class_init (SfCriteriaChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_criteria_chips_dispose;

  /**
   * SfCriteriaChips::criterion-removed:
   * @criteria: the criteria without the chip's value (a new copy)
   */
  signals[CRITERION_REMOVED] = g_signal_new ("criterion-removed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, SF_TYPE_CRITERIA);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-criteria-chips.ui");
  gtk_widget_class_bind_template_child (widget_class, SfCriteriaChips, box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "criteriachips");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sf_criteria_chips_init (SfCriteriaChips *self)
{
  self->criteria = sf_criteria_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Chips wrap like words (see sf-wrap-layout.h). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self->box), sf_wrap_layout_new (6));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active filters"),
                                  -1);
}

GtkWidget *
sf_criteria_chips_new (void)
{
  return g_object_new (SF_TYPE_CRITERIA_CHIPS, NULL);
}

void
sf_criteria_chips_set_criteria (SfCriteriaChips  *self,
                                const SfCriteria *criteria)
{
  g_autoptr(SfCriteria) copy = NULL;

  g_return_if_fail (SF_IS_CRITERIA_CHIPS (self));

  copy = criteria != NULL ? sf_criteria_copy (criteria) : sf_criteria_new ();
  if (sf_criteria_equal (copy, self->criteria))
    return;

  g_clear_pointer (&self->criteria, sf_criteria_unref);
  self->criteria = g_steal_pointer (&copy);
  rebuild (self);
}

SfCriteria *
sf_criteria_chips_get_criteria (SfCriteriaChips *self)
{
  g_return_val_if_fail (SF_IS_CRITERIA_CHIPS (self), NULL);

  return self->criteria;
}

guint
sf_criteria_chips_get_n_chips (SfCriteriaChips *self)
{
  g_return_val_if_fail (SF_IS_CRITERIA_CHIPS (self), 0);

  return self->n_chips;
}

void
sf_criteria_chips_set_country_func (SfCriteriaChips            *self,
                                    SfCriteriaChipsCountryFunc  func,
                                    gpointer                    user_data)
{
  g_return_if_fail (SF_IS_CRITERIA_CHIPS (self));

  self->country_func = func;
  self->country_data = user_data;
  rebuild (self);
}

void
sf_criteria_chips_set_end_widget (SfCriteriaChips *self,
                                  GtkWidget       *widget)
{
  g_return_if_fail (SF_IS_CRITERIA_CHIPS (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->end_widget != NULL)
    gtk_box_remove (self->box, self->end_widget);
  self->end_widget = widget;
  if (widget != NULL)
    gtk_box_append (self->box, widget);
}
