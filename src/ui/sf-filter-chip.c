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
  GMenuModel        *chip_menu;

  /* owned */
  char              *value;
  GtkWidget         *menu;               /* nullable: the context menu, once shown */

  SfCriterion        criterion;
  SfFilterChipState  state;
  int                count;
  int                count_chars;        /* the widest count shown so far, in characters */
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
  const char *state = NULL;

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
  else
    {
      if (self->state == SF_FILTER_CHIP_INCLUDED)
        {
          /* Translators: said by a screen reader after a genre's (or status', ...) name */
          g_string_append_printf (label, ", %s", _("included"));
        }
      if (self->count >= 0)
        {
          /* Translators: how many series a filter value would match */
          g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d series",
                                                                 "%'d series", self->count),
                                                    self->count);

          g_string_append_printf (label, ", %s", count);
        }
    }

  /* The description says the state and how to change it, for those who cannot see colour,
   * icon or strike-through. */
  switch (self->state)
    {
    case SF_FILTER_CHIP_INCLUDED:
      state = self->tristate ? _("Included. Press to exclude.") : _("Included. Press to clear.");
      break;
    case SF_FILTER_CHIP_EXCLUDED:
      state = _("Excluded. Press to clear.");
      break;
    case SF_FILTER_CHIP_NEUTRAL:
    default:
      state = self->tristate ? _("Not used. Press to include, Shift+Enter to exclude.")
                             : _("Not used. Press to include.");
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->button),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               self->state == SF_FILTER_CHIP_INCLUDED
                                 ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                 : self->state == SF_FILTER_CHIP_EXCLUDED
                                     ? GTK_ACCESSIBLE_TRISTATE_MIXED
                                     : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
update_actions (SfFilterChip *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "chip.include", self->state != SF_FILTER_CHIP_INCLUDED);
  gtk_widget_action_set_enabled (widget, "chip.exclude",
                                 self->tristate && self->state != SF_FILTER_CHIP_EXCLUDED);
  gtk_widget_action_set_enabled (widget, "chip.clear", self->state != SF_FILTER_CHIP_NEUTRAL);
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

  /* Colour alone does not tell included from excluded: an icon says it too. The icon is
   * there in every state (a quiet "+" when neutral), so that a click never changes the
   * chip's width and a second click lands on the same chip. */
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
      gtk_image_set_from_icon_name (self->state_icon, "list-add-symbolic");
      break;
    }
  if (self->state == SF_FILTER_CHIP_NEUTRAL)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "sf-neutral");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "sf-neutral");

  update_actions (self);
  update_accessible (self);
}

/* A change by the person: shown, then said. */
static void
change_state (SfFilterChip      *self,
              SfFilterChipState  state)
{
  if (state == SF_FILTER_CHIP_EXCLUDED && !self->tristate)
    state = SF_FILTER_CHIP_NEUTRAL;
  if (self->state == state)
    return;

  self->state = state;
  update_state (self);
  g_signal_emit (self, signals[TOGGLED], 0);
}

static void
clicked_cb (SfFilterChip *self)
{
  switch (self->state)
    {
    case SF_FILTER_CHIP_NEUTRAL:
      change_state (self, SF_FILTER_CHIP_INCLUDED);
      break;
    case SF_FILTER_CHIP_INCLUDED:
      change_state (self, self->tristate ? SF_FILTER_CHIP_EXCLUDED : SF_FILTER_CHIP_NEUTRAL);
      break;
    case SF_FILTER_CHIP_EXCLUDED:
    default:
      change_state (self, SF_FILTER_CHIP_NEUTRAL);
      break;
    }
}

static void
popup_menu (SfFilterChip *self,
            double        x,
            double        y)
{
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (self->chip_menu);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
    }

  if (x < 0 || y < 0)
    {
      /* From the keyboard: below the chip */
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* A secondary click excludes a three-state chip at once (or clears an exclusion); a
 * two-state chip, which cannot exclude, offers its menu instead. */
static void
secondary_pressed_cb (SfFilterChip    *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  if (self->tristate)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "chip.toggle-exclude", NULL);
    }
  else
    {
      graphene_point_t point;

      if (!gtk_widget_compute_point (GTK_WIDGET (self->button), GTK_WIDGET (self),
                                     &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
        point = GRAPHENE_POINT_INIT (-1, -1);
      popup_menu (self, point.x, point.y);
    }
}

static void
long_pressed_cb (SfFilterChip        *self,
                 double               x,
                 double               y,
                 GtkGestureLongPress *gesture)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->button), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT (-1, -1);
  popup_menu (self, point.x, point.y);
}

static void
include_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  change_state (SF_FILTER_CHIP (widget), SF_FILTER_CHIP_INCLUDED);
}

static void
exclude_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  change_state (SF_FILTER_CHIP (widget), SF_FILTER_CHIP_EXCLUDED);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  change_state (SF_FILTER_CHIP (widget), SF_FILTER_CHIP_NEUTRAL);
}

/* Shift+Enter and the secondary click: exclude, or clear an exclusion. */
static void
toggle_exclude_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SfFilterChip *self = SF_FILTER_CHIP (widget);

  if (!self->tristate)
    change_state (self, self->state == SF_FILTER_CHIP_NEUTRAL ? SF_FILTER_CHIP_INCLUDED
                                                              : SF_FILTER_CHIP_NEUTRAL);
  else
    change_state (self, self->state == SF_FILTER_CHIP_EXCLUDED ? SF_FILTER_CHIP_NEUTRAL
                                                               : SF_FILTER_CHIP_EXCLUDED);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  popup_menu (SF_FILTER_CHIP (widget), -1, -1);
}

static void
sf_filter_chip_dispose (GObject *object)
{
  SfFilterChip *self = SF_FILTER_CHIP (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
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
  gtk_widget_class_bind_template_child (widget_class, SfFilterChip, chip_menu);
  gtk_widget_class_bind_template_callback (widget_class, clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, secondary_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, long_pressed_cb);

  gtk_widget_class_install_action (widget_class, "chip.include", NULL, include_action);
  gtk_widget_class_install_action (widget_class, "chip.exclude", NULL, exclude_action);
  gtk_widget_class_install_action (widget_class, "chip.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "chip.toggle-exclude", NULL,
                                   toggle_exclude_action);
  gtk_widget_class_install_action (widget_class, "chip.menu", NULL, menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK,
                                       "chip.toggle-exclude", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK,
                                       "chip.toggle-exclude", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "chip.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "chip.menu", NULL);

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
                               tristate ? _("Click to include, again to exclude; right-click to exclude")
                                        : NULL);
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
      int chars = (int) g_utf8_strlen (text, -1);

      gtk_label_set_text (self->count_label, text);
      sf_filter_chip_set_count_chars (self, chars);
    }
  else
    {
      gtk_label_set_text (self->count_label, "");
    }
  /* Once a count was shown, its room stays, even while the next count is on its way: the
   * chip keeps its width and the chips after it keep their places. */
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count >= 0 || self->count_chars > 0);

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

void
sf_filter_chip_set_count_chars (SfFilterChip *self,
                                int           chars)
{
  g_return_if_fail (SF_IS_FILTER_CHIP (self));

  /* Only ever wider: counts shrink as criteria narrow, and come back. */
  if (chars <= self->count_chars)
    return;

  self->count_chars = chars;
  /* One character more: "width-chars" counts an average character, which can be a pixel
   * narrower than a digit (GTK 4.18). */
  gtk_label_set_width_chars (self->count_label, chars + 1);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
}
