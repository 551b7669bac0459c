/* sf-window-keys.c: the window's keyboard: typing goes to the search, a focused card's menu
 * and Follow, where the focus goes after a view switch
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typing anywhere in the search view searches (GNOME Software, Nautilus). GtkSearchEntry's
 * own key capture forwards every key to the entry, context-menu keys and shortcuts too, so
 * Shift+F10 on a focused card opened the entry's Cut/Copy/Paste menu. Here only keys that
 * type text go to the entry; the rest reach the widget with the focus and the window's
 * shortcuts.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"
#include "sf-show-card.h"
#include "sf-window-private.h"

/* The card with the focus: the focus is on the grid's cell around it (its parent), or on
 * the card or inside it. */
static SfShowCard *
get_focused_card (SfWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *child;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->grid)))
    return NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->grid); w = gtk_widget_get_parent (w))
    if (SF_IS_SHOW_CARD (w))
      return SF_SHOW_CARD (w);

  child = gtk_widget_get_first_child (focus);
  return child != NULL && SF_IS_SHOW_CARD (child) ? SF_SHOW_CARD (child) : NULL;
}

static gboolean
focus_in_text (SfWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w))
      return TRUE;
  return FALSE;
}

/* Whether a key pressed outside any text field types into the search: a printable
 * character without Ctrl, Alt or Super (space activates the focused button instead). */
gboolean
_sf_window_key_types_text (guint           keyval,
                           GdkModifierType state)
{
  gunichar c = gdk_keyval_to_unicode (keyval);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return FALSE;
  return c != 0 && g_unichar_isgraph (c);
}

static gboolean
capture_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        SfWindow              *self)
{
  GtkWidget *entry = GTK_WIDGET (self->search_entry);

  if (!gtk_widget_get_mapped (entry) || focus_in_text (self) ||
      !_sf_window_key_types_text (keyval, state))
    return FALSE;

  /* The text widget inside the entry takes the key as if it had been typed there (input
   * methods included), and keeps the focus for what comes next. */
  for (GtkWidget *child = gtk_widget_get_first_child (entry); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TEXT (child))
      {
        gtk_text_grab_focus_without_selecting (GTK_TEXT (child));
        return gtk_event_controller_key_forward (GTK_EVENT_CONTROLLER_KEY (controller), child);
      }

  return FALSE;
}

/* Shift+F10 and the Menu key: the focused card's own menu. A widget with a menu of its own
 * (a text field) takes the key before the window does. */
static void
card_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SfShowCard *card = get_focused_card (SF_WINDOW (widget));

  if (card != NULL)
    sf_show_card_popup_menu (card);
}

static void
toast_follow (SfWindow   *self,
              SfShow     *show,
              gboolean    followed)
{
  g_autofree char *message = NULL;

  message = g_markup_printf_escaped (followed ? _("“%s” unfollowed") : _("Following “%s”"),
                                     sf_show_get_name (show));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Ctrl+D: the series page's star, or the focused card's Follow. */
static void
follow_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SfWindow *self = SF_WINDOW (widget);
  SfShowCard *card;
  g_autoptr(SfShow) show = NULL;
  gboolean followed;

  if (g_strcmp0 (sf_compat_navigation_get_tag (self->navigation), "show") == 0)
    {
      gtk_widget_activate_action (widget, "win.toggle-follow", NULL);
      return;
    }

  card = get_focused_card (self);
  if (card == NULL || !sf_library_is_open (self->library))
    return;
  g_object_get (card, "show", &show, NULL);
  if (show == NULL)
    return;

  followed = sf_library_is_followed (self->library, sf_show_get_id (show));
  if (gtk_widget_activate_action (GTK_WIDGET (card), "card.toggle-follow", NULL))
    toast_follow (self, show, followed);
}

void
_sf_window_keys_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.card-menu", NULL, card_menu_action);
  gtk_widget_class_install_action (widget_class, "win.follow-focused", NULL,
                                   follow_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "win.card-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "win.card-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.follow-focused", NULL);
}

void
_sf_window_keys_init (SfWindow *self)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  /* Before the focused widget sees the key, in the search view only (not on a page). */
  gtk_event_controller_set_name (controller, "sf-search-capture");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (capture_key_pressed_cb), self);
  gtk_widget_add_controller (self->browse_box, controller);
}

/* Escape in the entry: the text goes first; on an empty entry, the search stops. */
gboolean
_sf_window_keys_escape_clears (SfWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (self->search_entry);

  if (gtk_editable_get_text (entry)[0] == '\0')
    return FALSE;

  gtk_editable_set_text (entry, "");
  return TRUE;
}

/* After Alt+1 or Alt+2, the focus goes into the view that came (not left on the switcher,
 * or on a widget now hidden). */
void
_sf_window_keys_focus_view (SfWindow   *self,
                            const char *view)
{
  if (g_strcmp0 (view, "search") == 0)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->grid));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else if (g_strcmp0 (view, "watchlist") == 0)
    {
      GtkWidget *page = GTK_WIDGET (self->watchlist_page);

      if (!gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (page);
    }
}
