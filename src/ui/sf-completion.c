/* sf-completion.c: an entry that completes the values of one criterion, with counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-completion.h"
#include "sf-removable-chip.h"
#include "sf-wrap-layout.h"

struct _SfCompletion
{
  GObject            parent_instance;

  SfCriterion        criterion;
  AdwEntryRow       *entry;         /* owned references to the panel's widgets */
  GtkListBox        *list;
  GtkBox            *chips;
  GtkStringList     *values;        /* suggested */
  SfCompletionFuncs  funcs;
  gpointer           user_data;
  guint              delay_ms;
  guint              source;
  gboolean           updating;      /* the entry changes, not the person */
};

G_DEFINE_FINAL_TYPE (SfCompletion, sf_completion, G_TYPE_OBJECT)

enum
{
  ADD,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_count_subtitle (AdwActionRow *row,
                    int           count)
{
  g_autofree char *subtitle = NULL;

  if (count >= 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d series", "%'d series",
                                             count),
                                count);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
}

static void
describe_row (SfCompletion *self,
              AdwActionRow *row,
              const char   *value)
{
  g_autofree char *title = self->funcs.describe (value, self->user_data);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  set_count_subtitle (row, self->funcs.count (value, self->user_data));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SfCompletion *self = user_data;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  /* Names come from the internet: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  describe_row (self, ADW_ACTION_ROW (row), gtk_string_object_get_string (item));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);

  return row;
}

void
sf_completion_set_suggestions (SfCompletion       *self,
                               const char * const *values)
{
  static const char * const none[] = { NULL };
  GListModel *model;
  guint n;
  gboolean same;

  g_return_if_fail (SF_IS_COMPLETION (self));

  if (values == NULL)
    values = none;
  model = G_LIST_MODEL (self->values);
  n = g_list_model_get_n_items (model);
  same = n == g_strv_length ((GStrv) values);
  for (guint i = 0; same && i < n; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->values, i), values[i]) == 0;

  if (!same)
    gtk_string_list_splice (self->values, 0, n, values);
  else
    sf_completion_refresh (self);

  gtk_widget_set_visible (GTK_WIDGET (self->list), values[0] != NULL);
}

GListModel *
sf_completion_get_suggestions (SfCompletion *self)
{
  g_return_val_if_fail (SF_IS_COMPLETION (self), NULL);

  return G_LIST_MODEL (self->values);
}

void
sf_completion_refresh (SfCompletion *self)
{
  guint n;

  g_return_if_fail (SF_IS_COMPLETION (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->values));
  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (ADW_IS_ACTION_ROW (row))
        describe_row (self, ADW_ACTION_ROW (row), gtk_string_list_get_string (self->values, i));
    }
}

static void
hide (SfCompletion *self)
{
  g_clear_handle_id (&self->source, g_source_remove);
  self->funcs.suggest (self, NULL, self->user_data);
  sf_completion_set_suggestions (self, NULL);
}

void
sf_completion_clear (SfCompletion *self)
{
  g_return_if_fail (SF_IS_COMPLETION (self));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  self->updating = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  hide (self);
}

static void
chip_remove_cb (SfRemovableChip *chip,
                SfCompletion    *self)
{
  g_autofree char *value = g_strdup (g_object_get_data (G_OBJECT (chip), "sf-value"));

  g_signal_emit (self, signals[REMOVE], 0, value);
}

void
sf_completion_set_chosen (SfCompletion       *self,
                          const char * const *values)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *child;
  guint i = 0;
  gboolean same = TRUE;

  g_return_if_fail (SF_IS_COMPLETION (self));

  for (guint v = 0; values[v] != NULL; v++)
    g_ptr_array_add (labels, self->funcs.describe (values[v], self->user_data));

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->chips)); child != NULL && same;
       child = gtk_widget_get_next_sibling (child), i++)
    same = values[i] != NULL &&
           g_strcmp0 (g_object_get_data (G_OBJECT (child), "sf-value"), values[i]) == 0 &&
           g_strcmp0 (sf_removable_chip_get_label (SF_REMOVABLE_CHIP (child)),
                      g_ptr_array_index (labels, i)) == 0;
  if (same && child == NULL && values[i] == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);
  for (guint v = 0; values[v] != NULL; v++)
    {
      GtkWidget *chip = sf_removable_chip_new (g_ptr_array_index (labels, v));

      g_object_set_data_full (G_OBJECT (chip), "sf-value", g_strdup (values[v]), g_free);
      g_signal_connect_object (chip, "remove", G_CALLBACK (chip_remove_cb), self, 0);
      gtk_box_append (self->chips, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chips), values[0] != NULL);
}

static gboolean
suggest_timeout_cb (gpointer user_data)
{
  SfCompletion *self = user_data;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  self->source = 0;
  if (*text != '\0')
    self->funcs.suggest (self, text, self->user_data);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (SfCompletion *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->updating)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  if (text[0] == '\0')
    {
      hide (self);
      return;
    }

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->delay_ms == 0)
    suggest_timeout_cb (self);
  else
    self->source = g_timeout_add (self->delay_ms, suggest_timeout_cb, self);
}

static void
activated_cb (SfCompletion *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autofree char *value = NULL;

  if (*text == '\0')
    return;

  value = self->funcs.resolve (self, text, self->user_data);
  if (value == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->entry));
      return;
    }

  g_signal_emit (self, signals[ADD], 0, value);
}

static void
row_activated_cb (SfCompletion  *self,
                  GtkListBoxRow *row)
{
  guint index = gtk_list_box_row_get_index (row);
  g_autofree char *value = NULL;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->values)))
    return;

  /* Adding clears the list, and the string with it. */
  value = g_strdup (gtk_string_list_get_string (self->values, index));
  g_signal_emit (self, signals[ADD], 0, value);
}

static void
sf_completion_dispose (GObject *object)
{
  SfCompletion *self = SF_COMPLETION (object);

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_data (self->entry, self);
  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->list, self);
      gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
    }
  g_clear_object (&self->entry);
  g_clear_object (&self->list);
  g_clear_object (&self->chips);
  g_clear_object (&self->values);

  G_OBJECT_CLASS (sf_completion_parent_class)->dispose (object);
}

static void
sf_completion_class_init (SfCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_completion_dispose;

  /**
   * SfCompletion::add:
   * @value: the value picked
   */
  signals[ADD] = g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SfCompletion::remove:
   * @value: the value whose chip was closed
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sf_completion_init (SfCompletion *self)
{
  self->values = gtk_string_list_new (NULL);
}

SfCompletion *
sf_completion_new (SfCriterion              criterion,
                   AdwEntryRow             *entry,
                   GtkListBox              *suggestions,
                   GtkBox                  *chips,
                   guint                    delay_ms,
                   const SfCompletionFuncs *funcs,
                   gpointer                 user_data)
{
  SfCompletion *self;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (entry), NULL);
  g_return_val_if_fail (GTK_IS_LIST_BOX (suggestions), NULL);
  g_return_val_if_fail (GTK_IS_BOX (chips), NULL);
  g_return_val_if_fail (funcs != NULL, NULL);

  self = g_object_new (SF_TYPE_COMPLETION, NULL);
  self->criterion = criterion;
  self->entry = g_object_ref (entry);
  self->list = g_object_ref (suggestions);
  self->chips = g_object_ref (chips);
  self->delay_ms = delay_ms;
  self->funcs = *funcs;
  self->user_data = user_data;

  /* Chips wrap like words (see sf-wrap-layout.h). */
  gtk_widget_set_layout_manager (GTK_WIDGET (chips), sf_wrap_layout_new (6));
  gtk_list_box_bind_model (suggestions, G_LIST_MODEL (self->values), create_row, self, NULL);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (entry, "entry-activated", G_CALLBACK (activated_cb), self);
  g_signal_connect_swapped (suggestions, "row-activated", G_CALLBACK (row_activated_cb), self);

  return self;
}
