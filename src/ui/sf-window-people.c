/* sf-window-people.c: the people who match the search text, as a row above the series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row follows the series search: the same debounced text (the entry's search-changed),
 * the same generation (a late answer is dropped), and it is cancelled when a new search
 * starts. It is hidden while nobody matches.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-tvmaze-people.h"
#include "sf-window-private.h"

#define PHOTO_SIZE 32

typedef struct
{
  GWeakRef window;
  guint    generation;
} PeopleContext;

static void
people_context_free (PeopleContext *ctx)
{
  g_weak_ref_clear (&ctx->window);
  g_free (ctx);
}

static void
clear_row (SfWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_box))) != NULL)
    gtk_box_remove (self->people_box, child);
  gtk_revealer_set_reveal_child (self->people_revealer, FALSE);
}

static void
person_clicked_cb (GtkButton *button,
                   SfWindow  *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "sf-person-id");

  _sf_window_open_person (self, *id, GTK_WIDGET (button));
}

static void
photo_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(AdwAvatar) avatar = NULL;

  /* No photo (absent, failed, cancelled): the initials stay. */
  texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, NULL);
  avatar = g_weak_ref_get (ref);
  g_weak_ref_clear (ref);
  g_free (ref);
  if (texture != NULL && avatar != NULL)
    adw_avatar_set_custom_image (avatar, GDK_PAINTABLE (texture));
}

/* The person's initials (a placeholder of their own colour), then their photo once it is in,
 * through the shared image loader and the search's cancellable. */
static GtkWidget *
new_avatar (SfWindow *self,
            SfPerson *person)
{
  GtkWidget *avatar = adw_avatar_new (PHOTO_SIZE, sf_person_get_name (person), TRUE);
  const char *url = sf_person_get_image_medium (person);

  gtk_accessible_update_property (GTK_ACCESSIBLE (avatar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "", -1);
  if (url != NULL && self->image_loader != NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);
      int scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);

      g_weak_ref_init (ref, avatar);
      sf_image_loader_load_async (self->image_loader, url, PHOTO_SIZE * scale,
                                  self->people_cancellable, photo_loaded_cb, ref);
    }
  return avatar;
}

static GtkWidget *
new_person_button (SfWindow *self,
                   SfPerson *person)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (sf_person_get_name (person));
  gint64 *id = g_new (gint64, 1);

  *id = sf_person_get_id (person);
  gtk_box_append (GTK_BOX (box), new_avatar (self, person));
  /* The row scrolls sideways: a name keeps its width (up to 24 characters) rather than
   * being squeezed to fit the window. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label),
                             (int) MIN (g_utf8_strlen (sf_person_get_name (person), -1), 24));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_tooltip_text (button, sf_person_get_name (person));
  g_object_set_data_full (G_OBJECT (button), "sf-person-id", id, g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (person_clicked_cb), self);

  return button;
}

static void
people_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PeopleContext *ctx = user_data;
  g_autoptr(SfWindow) self = g_weak_ref_get (&ctx->window);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = ctx->generation;

  people_context_free (ctx);
  people = sf_tvmaze_client_search_people_finish (SF_TVMAZE_CLIENT (source), result, &error);

  /* Cancelled, or an answer to an older text: nothing reaches the screen. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      generation != self->generation)
    return;

  /* The cancellable stays: the photos load under it, and the next search cancels them. */
  clear_row (self);

  /* A failure hides the row: the series search shows its own error. */
  if (people == NULL || people->len == 0)
    return;

  for (guint i = 0; i < people->len; i++)
    gtk_box_append (self->people_box, new_person_button (self, g_ptr_array_index (people, i)));
  gtk_revealer_set_reveal_child (self->people_revealer, TRUE);
}

void
_sf_window_people_search (SfWindow   *self,
                          const char *query)
{
  PeopleContext *ctx;

  g_cancellable_cancel (self->people_cancellable);
  g_clear_object (&self->people_cancellable);

  if (query == NULL || *query == '\0')
    {
      clear_row (self);
      return;
    }

  self->people_cancellable = g_cancellable_new ();
  ctx = g_new0 (PeopleContext, 1);
  g_weak_ref_init (&ctx->window, self);
  ctx->generation = self->generation;
  sf_tvmaze_client_search_people_async (sf_backend_get_client (self->backend), query,
                                        self->people_cancellable, people_done_cb, ctx);
}

void
_sf_window_people_setup (SfWindow *self)
{
  GtkWidget *scrolled;
  GtkWidget *parent;
  GtkWidget *anchor;
  GtkWidget *heading;
  GtkWidget *column;

  self->people_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_margin_start (GTK_WIDGET (self->people_box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->people_box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->people_box), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->people_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("People"), -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->people_box));

  heading = gtk_label_new (_("People"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_top (heading, 6);

  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (column), heading);
  gtk_box_append (GTK_BOX (column), scrolled);

  self->people_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->people_revealer, column);
  gtk_revealer_set_reveal_child (self->people_revealer, FALSE);

  /* Above the series results, in the same box (not in the template: the window's layout is
   * being reworked elsewhere, this keeps the change to one call). */
  anchor = GTK_WIDGET (self->stack);
  parent = gtk_widget_get_parent (anchor);
  /* The results may sit in an overlay (the scan's progress floats over them): the row goes
   * above that, in the first box up. */
  while (parent != NULL && !GTK_IS_BOX (parent))
    {
      anchor = parent;
      parent = gtk_widget_get_parent (anchor);
    }
  g_return_if_fail (GTK_IS_BOX (parent));
  gtk_box_insert_child_after (GTK_BOX (parent), GTK_WIDGET (self->people_revealer),
                              gtk_widget_get_prev_sibling (anchor));
}

void
_sf_window_people_dispose (SfWindow *self)
{
  g_cancellable_cancel (self->people_cancellable);
  g_clear_object (&self->people_cancellable);
}
