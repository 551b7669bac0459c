#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The name of a saved search, chosen in a small dialog. */
typedef void (*SfNameDialogFunc) (const char *name,
                                  gpointer    user_data);

/**
 * sf_name_dialog_present:
 * @parent: the widget whose window the dialog belongs to
 * @heading: "Save Search", "Rename Saved Search"
 * @accept: the label of the button that takes the name ("_Save", "_Rename")
 * @initial: (nullable): the name proposed, selected
 * @taken: (nullable): names that are taken: such a name is refused with a message under
 *   the entry, as an empty one is, and the accept button is off
 * @func: called with the trimmed name when the person accepts it (not when they cancel)
 *
 * Returns: (transfer none): the dialog (an alert, see sf-compat.h), shown
 */
GtkWidget *sf_name_dialog_present (GtkWidget          *parent,
                                   const char         *heading,
                                   const char         *accept,
                                   const char         *initial,
                                   const char * const *taken,
                                   SfNameDialogFunc    func,
                                   gpointer            user_data,
                                   GDestroyNotify      destroy);

/* (transfer none): the dialog's entry and its message, for tests */
GtkEditable *sf_name_dialog_get_entry   (GtkWidget *dialog);
GtkLabel    *sf_name_dialog_get_message (GtkWidget *dialog);

G_END_DECLS
