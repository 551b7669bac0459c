/* sf-cast-card.c: one person of a show's cast, with the character they play
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-cast-card.h"

#define PHOTO_WIDTH 96

struct _SfCastCard
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *photo_frame;
  GtkImage      *placeholder;
  GtkPicture    *photo;
  GtkLabel      *person_label;
  GtkLabel      *character_label;

  /* owned */
  SfCastMember  *member;
  GCancellable  *photo_cancellable;
};

G_DEFINE_FINAL_TYPE (SfCastCard, sf_cast_card, GTK_TYPE_WIDGET)

static void
photo_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  SfCastCard *self;

  texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, &error);

  /* Cancelled: the card was unbound, stopped or disposed, and may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SF_CAST_CARD (user_data);
  g_clear_object (&self->photo_cancellable);

  /* Any other failure keeps the placeholder. */
  if (texture == NULL)
    return;

  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo), TRUE);
}

void
sf_cast_card_stop (SfCastCard *self)
{
  g_return_if_fail (SF_IS_CAST_CARD (self));

  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
}

static void
clear_photo (SfCastCard *self)
{
  sf_cast_card_stop (self);
  gtk_picture_set_paintable (self->photo, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->photo), FALSE);
}

static void
sf_cast_card_dispose (GObject *object)
{
  SfCastCard *self = SF_CAST_CARD (object);

  clear_photo (self);
  g_clear_object (&self->member);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_CAST_CARD);

  G_OBJECT_CLASS (sf_cast_card_parent_class)->dispose (object);
}

static void
sf_cast_card_class_init (SfCastCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_cast_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-cast-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SfCastCard, photo_frame);
  gtk_widget_class_bind_template_child (widget_class, SfCastCard, placeholder);
  gtk_widget_class_bind_template_child (widget_class, SfCastCard, photo);
  gtk_widget_class_bind_template_child (widget_class, SfCastCard, person_label);
  gtk_widget_class_bind_template_child (widget_class, SfCastCard, character_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "castcard");
}

static void
sf_cast_card_init (SfCastCard *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
}

GtkWidget *
sf_cast_card_new (void)
{
  return g_object_new (SF_TYPE_CAST_CARD, NULL);
}

/* "as Homer Simpson (voice)", or "" when TVmaze names no character. */
static char *
dup_role_text (SfCastMember *member)
{
  const char *character = sf_cast_member_get_character_name (member);
  gboolean voice = sf_cast_member_get_voice (member);

  if (character != NULL && voice)
    /* Translators: the character a cast member voices, e.g. "as Homer Simpson (voice)" */
    return g_strdup_printf (_("as %s (voice)"), character);
  if (character != NULL)
    /* Translators: the character a cast member plays, e.g. "as Walter White" */
    return g_strdup_printf (_("as %s"), character);
  if (voice)
    return g_strdup (_("(voice)"));

  return g_strdup ("");
}

static char *
dup_accessible_text (SfCastMember *member)
{
  const char *person = sf_cast_member_get_person_name (member);
  const char *character = sf_cast_member_get_character_name (member);
  gboolean voice = sf_cast_member_get_voice (member);

  if (character != NULL && voice)
    /* Translators: accessible name of a cast card: "Dan Castellaneta as Homer Simpson, voice" */
    return g_strdup_printf (_("%s as %s, voice"), person, character);
  if (character != NULL)
    /* Translators: accessible name of a cast card: "Bryan Cranston as Walter White" */
    return g_strdup_printf (_("%s as %s"), person, character);

  return g_strdup (person);
}

void
sf_cast_card_set_member (SfCastCard    *self,
                         SfCastMember  *member,
                         SfImageLoader *loader)
{
  g_autofree char *role = NULL;
  g_autofree char *accessible = NULL;
  const char *image;

  g_return_if_fail (SF_IS_CAST_CARD (self));
  g_return_if_fail (member == NULL || SF_IS_CAST_MEMBER (member));
  g_return_if_fail (loader == NULL || SF_IS_IMAGE_LOADER (loader));

  if (self->member == member)
    return;

  clear_photo (self);
  g_set_object (&self->member, member);

  if (member == NULL)
    {
      gtk_label_set_text (self->person_label, "");
      gtk_label_set_text (self->character_label, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  /* Names come from the internet: plain text, never markup. */
  role = dup_role_text (member);
  accessible = dup_accessible_text (member);
  gtk_label_set_text (self->person_label, sf_cast_member_get_person_name (member));
  gtk_label_set_text (self->character_label, role);
  gtk_widget_set_visible (GTK_WIDGET (self->character_label), role[0] != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  image = sf_cast_member_get_image_medium (member);
  if (image != NULL && loader != NULL)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

      self->photo_cancellable = g_cancellable_new ();
      sf_image_loader_load_async (loader, image, PHOTO_WIDTH * MAX (scale, 1),
                                  self->photo_cancellable, photo_loaded_cb, self);
    }
}

SfCastMember *
sf_cast_card_get_member (SfCastCard *self)
{
  g_return_val_if_fail (SF_IS_CAST_CARD (self), NULL);

  return self->member;
}

gboolean
sf_cast_card_has_photo (SfCastCard *self)
{
  g_return_val_if_fail (SF_IS_CAST_CARD (self), FALSE);

  return gtk_picture_get_paintable (self->photo) != NULL;
}
