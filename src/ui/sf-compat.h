/* sf-compat.h: the one place where the GNOME stacks differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Series Finder builds on Debian 12 (GTK 4.8, libadwaita 1.2) and on newer stacks (Debian 13,
 * the Flatpak runtime), each pinned at its own API level (see meson.build), so a widget that
 * a newer stack deprecates is a compile error there while Debian 12 has no replacement yet.
 * Every such choice is made here, at compile time, and nowhere else; the rest of the code
 * calls these functions.
 *
 *   before                    from                      here
 *   AdwAboutWindow            AdwAboutDialog (1.5)      sf_compat_about_*
 *   AdwPreferencesWindow      AdwPreferencesDialog (1.5) SfCompatPreferencesBase
 *   GtkFileChooserNative      GtkFileDialog (GTK 4.10)  sf_compat_choose_file_*
 *   gtk_show_uri              GtkUriLauncher (GTK 4.10) sf_compat_launch_uri
 *   GtkStack of pages         AdwNavigationView (1.4)   sf_compat_navigation_*
 *   AdwFlap                   AdwOverlaySplitView (1.4) sf-window-adw14.ui, sf_compat_sidebar_*
 *   AdwViewSwitcherTitle      AdwBreakpoint (1.4)       sf-window-adw14.ui
 *   help overlay window       see sf_compat_get_help_overlay
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* ---- Dialogs: an AdwDialog from libadwaita 1.5, a transient GtkWindow before ---- */

/* Shows @dialog (from sf_compat_about_new or a preferences window) for @parent (nullable). */
void       sf_compat_dialog_present  (GtkWidget  *dialog,
                                      GtkWidget  *parent);
/* A message with a heading, a body and Close (AdwAlertDialog from libadwaita 1.5,
 * AdwMessageDialog before), to show with sf_compat_dialog_present(). */
GtkWidget *sf_compat_alert_new       (const char *heading,
                                      const char *body);
/* Closes @dialog at once, as if the person had closed it. */
void       sf_compat_dialog_close    (GtkWidget  *dialog);
/* (nullable): the window that shows @dialog, once presented */
GtkWindow *sf_compat_dialog_get_window (GtkWidget *dialog);

/* (nullable) (transfer none): the dialog shown for @window (a preferences or about dialog
 * presented with @window as parent), or NULL */
GtkWidget *sf_compat_dialog_get_visible (GtkWindow *window);

/* ---- About ---- */

/* (transfer floating): an empty about dialog; set its properties (application-name,
 * application-icon, version, developer-name, developers, website, issue-url, license-type,
 * translator-credits: the same names on both stacks) with g_object_set(). */
GtkWidget *sf_compat_about_new                (void);
void       sf_compat_about_add_legal_section  (GtkWidget   *about,
                                               const char  *title,
                                               const char  *copyright,
                                               GtkLicense   license_type,
                                               const char  *license);
void       sf_compat_about_add_link           (GtkWidget   *about,
                                               const char  *title,
                                               const char  *url);

/* ---- Preferences ---- */

/* The parent class of SfPreferencesWindow. G_DECLARE_FINAL_TYPE pastes "Class" and autoptr
 * names onto its parent's name, so the base is a typedef with both, not a macro. */
#if ADW_CHECK_VERSION (1, 5, 0)
typedef AdwPreferencesDialog      SfCompatPreferencesBase;
typedef AdwPreferencesDialogClass SfCompatPreferencesBaseClass;
#define SF_COMPAT_TYPE_PREFERENCES_BASE ADW_TYPE_PREFERENCES_DIALOG
#else
typedef AdwPreferencesWindow      SfCompatPreferencesBase;
typedef AdwPreferencesWindowClass SfCompatPreferencesBaseClass;
#define SF_COMPAT_TYPE_PREFERENCES_BASE ADW_TYPE_PREFERENCES_WINDOW
#endif
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCompatPreferencesBase, g_object_unref)

/* Sets what the stack's preferences window or dialog needs besides its page: the title, no
 * search, modal, and the size. Call once from the init function. */
void       sf_compat_preferences_init        (GtkWidget   *preferences,
                                              const char  *title);
/* Shows @toast in @preferences (takes the toast). */
void       sf_compat_preferences_add_toast   (GtkWidget   *preferences,
                                              AdwToast    *toast);

/* ---- Files and links ---- */

/* Asks for a file to open, or with @save, a file to write (proposing @initial_name), with one
 * filter, modal to @parent. The finish function gives NULL and G_IO_ERROR_CANCELLED when the
 * person dismissed the dialog. */
void       sf_compat_choose_file_async       (GtkWindow           *parent,
                                              gboolean             save,
                                              const char          *title,
                                              const char          *accept_label,
                                              GtkFileFilter       *filter,
                                              const char          *initial_name,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GFile     *sf_compat_choose_file_finish      (GAsyncResult        *result,
                                              GError             **error);

/* Opens @uri in the person's browser, for the window of @widget. Fire and forget: a failure
 * is logged, never shown (the browser reports its own errors). */
void       sf_compat_launch_uri              (GtkWidget           *widget,
                                              const char          *uri);

/* ---- Accessible names of list and grid items ---- */

/* @child is the widget of @item, a cell of a list or grid view, and stands for one object
 * that a screen reader announces once (a show card). From GTK 4.12 the cell, which is what
 * gets the focus, takes a name from its content, so the child's name would be said twice:
 * there the cell carries the name and the child itself is left out of the accessible tree
 * (presentation). Before, the cell has no name and the child carries it. Call once, when
 * the factory sets the child up, before it is shown. */
void       sf_compat_cell_child_init         (GtkWidget           *child,
                                              GtkListItem         *item);
/* Sets (or with NULL, clears) the name of @child's object, on the cell or on @child as above;
 * @item may be NULL for a child that is not in a cell, which then carries its name. */
void       sf_compat_cell_child_set_label    (GtkWidget           *child,
                                              GtkListItem         *item,
                                              const char          *label);

/* ---- Layout ---- */

/* The window's pages (sf-window.ui, chosen per stack in src/ui/meson.build): from
 * libadwaita 1.4 an AdwNavigationView of AdwNavigationPage, before a GtkStack. A page is
 * known by its tag (the stack's child name). */

/* Adds @child as the page @tag, titled @title (for the back button's tooltip), without
 * showing it. The page's own header bar keeps its own Back button (win.back, which stops
 * what the page loads), so the navigation view's is not added to it. */
void        sf_compat_navigation_add         (GtkWidget           *navigation,
                                              GtkWidget           *child,
                                              const char          *tag,
                                              const char          *title);
/* Shows the page @tag: pops back to it if it is below the visible one, pushes it if not. */
void        sf_compat_navigation_show        (GtkWidget           *navigation,
                                              const char          *tag);
/* (nullable): the tag of the visible page */
const char *sf_compat_navigation_get_tag     (GtkWidget           *navigation);

/* TRUE when @sidebar (the window's filter sidebar: an AdwOverlaySplitView from libadwaita
 * 1.4, an AdwFlap before) lies over the content instead of beside it, which happens when
 * the window is narrow; Escape or a click outside then closes it. */
gboolean    sf_compat_sidebar_is_overlay     (GtkWidget           *sidebar);

/* ---- Keyboard shortcuts window ---- */

/* (nullable) (transfer none): the shortcuts window of @window (the help overlay that
 * GtkApplication loads from the gtk/help-overlay.ui resource), for tests. */
GtkWindow *sf_compat_get_help_overlay        (GtkApplicationWindow *window);

G_END_DECLS
