/* sf-name-dialog.c: a name for a saved search, checked while it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"
#include "sf-name-dialog.h"
#include "sf-saved-search.h"

typedef struct
{
  GtkEditable     *entry;       /* borrowed: the dialog's */
  GtkLabel        *message;     /* borrowed */
  GStrv            taken;       /* owned */
  SfNameDialogFunc func;
  gpointer         user_data;
  GDestroyNotify   destroy;
} NameDialog;

static void
name_dialog_free (gpointer data)
{
  NameDialog *dialog = data;

  if (dialog->destroy != NULL)
    dialog->destroy (dialog->user_data);
  g_strfreev (dialog->taken);
  g_free (dialog);
}

/* NULL when the name can be taken; else why not. */
static char *
dup_refusal (NameDialog  *dialog,
             char       **out_trimmed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = sf_saved_search_check_name (gtk_editable_get_text (dialog->entry),
                                                         &error);

  if (trimmed == NULL)
    return g_strdup (error->message);
  if (dialog->taken != NULL && g_strv_contains ((const char * const *) dialog->taken, trimmed))
    /* Translators: under the name of a saved search being saved or renamed */
    return g_strdup_printf (_("A saved search named “%s” exists already. Choose another name."),
                            trimmed);

  if (out_trimmed != NULL)
    *out_trimmed = g_steal_pointer (&trimmed);
  return NULL;
}

static void
changed_cb (GtkEditable *entry,
            GtkWidget   *alert)
{
  NameDialog *dialog = g_object_get_data (G_OBJECT (alert), "sf-name-dialog");
  g_autofree char *refusal = dup_refusal (dialog, NULL);
  g_autofree char *text = g_strdup (gtk_editable_get_text (entry));
  /* An empty name needs no message: the disabled button says enough until one is typed. */
  gboolean blank = g_strstrip (text)[0] == '\0';

  sf_compat_alert_set_response_enabled (alert, "accept", refusal == NULL);
  gtk_label_set_text (dialog->message, refusal != NULL ? refusal : "");
  gtk_widget_set_visible (GTK_WIDGET (dialog->message), refusal != NULL && !blank);
  if (refusal != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
response_cb (GtkWidget  *alert,
             const char *response,
             NameDialog *dialog)
{
  g_autofree char *name = NULL;
  g_autofree char *refusal = NULL;

  if (g_strcmp0 (response, "accept") != 0)
    return;

  /* The entry's Enter reaches here even while the button is off. */
  refusal = dup_refusal (dialog, &name);
  if (refusal == NULL)
    dialog->func (name, dialog->user_data);
}

GtkWidget *
sf_name_dialog_present (GtkWidget          *parent,
                        const char         *heading,
                        const char         *accept,
                        const char         *initial,
                        const char * const *taken,
                        SfNameDialogFunc    func,
                        gpointer            user_data,
                        GDestroyNotify      destroy)
{
  g_autoptr(GtkBuilder) builder = NULL;
  NameDialog *dialog;
  GtkWidget *alert;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  builder = gtk_builder_new_from_resource ("/io/github/seriesfinder/SeriesFinder/sf-name-dialog.ui");
  alert = sf_compat_alert_new (heading, NULL);
  dialog = g_new0 (NameDialog, 1);
  dialog->entry = GTK_EDITABLE (gtk_builder_get_object (builder, "entry"));
  dialog->message = GTK_LABEL (gtk_builder_get_object (builder, "message"));
  dialog->taken = g_strdupv ((GStrv) taken);
  dialog->func = func;
  dialog->user_data = user_data;
  dialog->destroy = destroy;
  g_object_set_data_full (G_OBJECT (alert), "sf-name-dialog", dialog, name_dialog_free);

  sf_compat_alert_add_response (alert, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  sf_compat_alert_add_response (alert, "accept", accept, ADW_RESPONSE_SUGGESTED);
  g_object_set (alert,
                "extra-child", gtk_builder_get_object (builder, "box"),
                "default-response", "accept",
                "close-response", "cancel",
                NULL);

  g_signal_connect (dialog->entry, "changed", G_CALLBACK (changed_cb), alert);
  g_signal_connect (alert, "response", G_CALLBACK (response_cb), dialog);
  gtk_editable_set_text (dialog->entry, initial != NULL ? initial : "");
  changed_cb (dialog->entry, alert);

  sf_compat_dialog_present (alert, parent);
  gtk_widget_grab_focus (GTK_WIDGET (dialog->entry));
  gtk_editable_select_region (dialog->entry, 0, -1);

  return alert;
}

GtkEditable *
sf_name_dialog_get_entry (GtkWidget *dialog)
{
  NameDialog *data = g_object_get_data (G_OBJECT (dialog), "sf-name-dialog");

  g_return_val_if_fail (data != NULL, NULL);
  return data->entry;
}

GtkLabel *
sf_name_dialog_get_message (GtkWidget *dialog)
{
  NameDialog *data = g_object_get_data (G_OBJECT (dialog), "sf-name-dialog");

  g_return_val_if_fail (data != NULL, NULL);
  return data->message;
}
