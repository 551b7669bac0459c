#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"
#include "sf-show-card.h"

#define POSTER_WIDTH 140

struct _SfShowCard
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *poster_frame;
  GtkImage      *placeholder;
  GtkPicture    *poster;
  GtkImage      *followed_badge;
  GtkLabel      *name_label;
  GtkLabel      *year_label;
  GtkWidget     *info_box;
  GtkLabel      *rating_label;
  GtkLabel      *channel_label;

  /* owned */
  SfShow        *show;
  SfLibrary     *library;
  GtkListItem   *list_item;   /* weak: the grid cell that holds the card, if any */
  GCancellable  *poster_cancellable;
  GtkWidget     *menu;

  gulong         library_changed_handler;
};

G_DEFINE_FINAL_TYPE (SfShowCard, sf_show_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
poster_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  SfShowCard *self;

  texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, &error);

  /* A cancelled load means the card was unbound (scrolled away or disposed): it may be gone,
   * so it must not be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SF_SHOW_CARD (user_data);
  g_clear_object (&self->poster_cancellable);

  /* Any other failure keeps the placeholder: a missing poster is not worth a message. */
  if (texture == NULL)
    return;

  gtk_picture_set_paintable (self->poster, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->poster), TRUE);
}

static void
cancel_poster (SfShowCard *self)
{
  g_cancellable_cancel (self->poster_cancellable);
  g_clear_object (&self->poster_cancellable);
  gtk_picture_set_paintable (self->poster, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->poster), FALSE);
}

static void
sf_show_card_dispose (GObject *object)
{
  SfShowCard *self = SF_SHOW_CARD (object);

  cancel_poster (self);
  g_clear_object (&self->show);
  g_clear_weak_pointer (&self->list_item);
  if (self->library != NULL)
    g_clear_signal_handler (&self->library_changed_handler, self->library);
  g_clear_object (&self->library);
  g_clear_pointer (&self->menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_SHOW_CARD);

  G_OBJECT_CLASS (sf_show_card_parent_class)->dispose (object);
}

static void
update_followed (SfShowCard *self)
{
  gboolean followed = self->show != NULL && self->library != NULL
                      && sf_library_is_followed (self->library, sf_show_get_id (self->show));

  gtk_widget_set_visible (GTK_WIDGET (self->followed_badge), followed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.toggle-follow",
                                 self->show != NULL && self->library != NULL);
}

/* The show's page on TVmaze, if it has one that a browser may open (the address comes from
 * the internet: only http and https). */
static const char *
get_link (SfShowCard *self)
{
  const char *url = self->show != NULL ? sf_show_get_url (self->show) : NULL;

  if (url == NULL ||
      (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://")))
    return NULL;
  return url;
}

static void
update_link_actions (SfShowCard *self)
{
  gboolean has_link = get_link (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.open-link", has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.copy-link", has_link);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SfShowCard *self = SF_SHOW_CARD (widget);
  const char *url = get_link (self);

  if (url == NULL)
    return;

  if (g_str_equal (action_name, "card.open-link"))
    sf_compat_launch_uri (widget, url);
  else
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
}

static void
follow_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The badge follows the library's "changed" signal; a failure leaves things as they were
   * and the library has already said why in its own state. */
  if (!sf_library_follow_finish (SF_LIBRARY (source), result, &error))
    g_debug ("Could not follow: %s", error->message);
}

static void
unfollow_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sf_library_unfollow_finish (SF_LIBRARY (source), result, &error))
    g_debug ("Could not unfollow: %s", error->message);
}

static void
toggle_follow_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SfShowCard *self = SF_SHOW_CARD (widget);
  gint64 id;

  if (self->show == NULL || self->library == NULL || !sf_library_is_open (self->library))
    return;

  id = sf_show_get_id (self->show);
  if (sf_library_is_followed (self->library, id))
    sf_library_unfollow_async (self->library, id, NULL, unfollow_done_cb, NULL);
  else
    sf_library_follow_async (self->library, self->show, NULL, NULL, follow_done_cb, NULL);
}

static void
popup_menu (SfShowCard *self,
            double      x,
            double      y)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) links = NULL;
  gboolean followed;

  if (self->show == NULL || self->library == NULL)
    return;

  followed = sf_library_is_followed (self->library, sf_show_get_id (self->show));
  menu = g_menu_new ();
  g_menu_append (menu, followed ? _("_Unfollow") : _("_Follow"), "card.toggle-follow");
  links = g_menu_new ();
  g_menu_append (links, _("_Open on TVmaze"), "card.open-link");
  g_menu_append (links, _("_Copy Link"), "card.copy-link");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (links));

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

gboolean
sf_show_card_popup_menu (SfShowCard *self)
{
  graphene_rect_t bounds;

  g_return_val_if_fail (SF_IS_SHOW_CARD (self), FALSE);

  if (self->show == NULL || self->library == NULL)
    return FALSE;

  /* From the keyboard: under the middle of the poster. */
  if (!gtk_widget_compute_bounds (self->poster_frame, GTK_WIDGET (self), &bounds))
    graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (GTK_WIDGET (self)), 0);
  popup_menu (self, bounds.origin.x + bounds.size.width / 2,
              bounds.origin.y + bounds.size.height / 2);
  return TRUE;
}

GtkPopover *
sf_show_card_get_menu (SfShowCard *self)
{
  g_return_val_if_fail (SF_IS_SHOW_CARD (self), NULL);

  return self->menu != NULL ? GTK_POPOVER (self->menu) : NULL;
}

static void
secondary_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    SfShowCard      *self)
{
  popup_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
long_press_cb (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               SfShowCard          *self)
{
  popup_menu (self, x, y);
}

static void
sf_show_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SfShowCard *self = SF_SHOW_CARD (object);

  switch (prop_id)
    {
    case PROP_SHOW:
      g_value_set_object (value, self->show);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_show_card_class_init (SfShowCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sf_show_card_dispose;
  object_class->get_property = sf_show_card_get_property;

  /* The show on the card (set with sf_show_card_set_show()); %NULL while unbound */
  properties[PROP_SHOW] =
    g_param_spec_object ("show", NULL, NULL, SF_TYPE_SHOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-show-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, poster_frame);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, placeholder);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, poster);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, followed_badge);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, year_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, info_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, rating_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowCard, channel_label);

  gtk_widget_class_install_action (widget_class, "card.toggle-follow", NULL, toggle_follow_action);
  gtk_widget_class_install_action (widget_class, "card.open-link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "card.copy-link", NULL, link_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "showcard");
}

static void
sf_show_card_init (SfShowCard *self)
{
  GtkLayoutManager *layout;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.toggle-follow", FALSE);
  update_link_actions (self);

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
}

GtkWidget *
sf_show_card_new (void)
{
  return g_object_new (SF_TYPE_SHOW_CARD, NULL);
}

static void
update_accessible (SfShowCard *self,
                   const char *years,
                   const char *rating)
{
  g_autoptr(GString) label = g_string_new (sf_show_get_name (self->show));
  const char *channel = sf_show_get_channel_name (self->show);

  if (years != NULL)
    g_string_append_printf (label, ", %s", years);
  if (rating != NULL)
    /* Translators: the accessible text of a rating, e.g. "rated 6.7 of 10" */
    g_string_append_printf (label, ", %s", rating);
  else
    g_string_append_printf (label, ", %s", _("no rating"));
  if (channel != NULL)
    g_string_append_printf (label, ", %s", channel);

  /* On the card or on its cell, so that it is said once (sf-compat.h). */
  sf_compat_cell_child_set_label (GTK_WIDGET (self), self->list_item, label->str);
}

void
sf_show_card_set_show (SfShowCard    *self,
                       SfShow        *show,
                       SfImageLoader *loader)
{
  g_autofree char *years = NULL;
  g_autofree char *rating = NULL;
  g_autofree char *rating_a11y = NULL;
  const char *channel;
  const char *image;

  g_return_if_fail (SF_IS_SHOW_CARD (self));
  g_return_if_fail (show == NULL || SF_IS_SHOW (show));
  g_return_if_fail (loader == NULL || SF_IS_IMAGE_LOADER (loader));

  if (self->show == show)
    return;

  cancel_poster (self);
  g_set_object (&self->show, show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW]);

  if (show == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->year_label, "");
      gtk_label_set_text (self->rating_label, "");
      gtk_label_set_text (self->channel_label, "");
      sf_compat_cell_child_set_label (GTK_WIDGET (self), self->list_item, NULL);
      update_followed (self);
      update_link_actions (self);
      return;
    }

  years = sf_show_dup_years_text (show);
  channel = sf_show_get_channel_name (show);

  if (sf_show_has_rating (show))
    {
      rating = g_strdup_printf ("★ %.1f", sf_show_get_rating (show));
      rating_a11y = g_strdup_printf (_("rated %.1f of 10"), sf_show_get_rating (show));
    }

  /* Names come from the internet: always plain text, never markup. */
  gtk_label_set_text (self->name_label, sf_show_get_name (show));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), sf_show_get_name (show));
  gtk_label_set_text (self->year_label, years != NULL ? years : _("Year unknown"));
  gtk_label_set_text (self->rating_label, rating != NULL ? rating : "—");
  gtk_label_set_text (self->channel_label, channel != NULL ? channel : "");

  update_accessible (self, years, rating_a11y);
  update_followed (self);
  update_link_actions (self);

  image = sf_show_get_image_medium (show);
  if (image != NULL && loader != NULL)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

      self->poster_cancellable = g_cancellable_new ();
      sf_image_loader_load_async (loader, image, POSTER_WIDTH * MAX (scale, 1),
                                  self->poster_cancellable, poster_loaded_cb, self);
    }
}

void
sf_show_card_set_library (SfShowCard *self,
                          SfLibrary  *library)
{
  g_return_if_fail (SF_IS_SHOW_CARD (self));
  g_return_if_fail (library == NULL || SF_IS_LIBRARY (library));

  if (self->library == library)
    return;

  if (self->library != NULL)
    g_clear_signal_handler (&self->library_changed_handler, self->library);
  g_set_object (&self->library, library);
  if (library != NULL)
    self->library_changed_handler = g_signal_connect_swapped (library, "changed",
                                                              G_CALLBACK (update_followed), self);
  update_followed (self);
}

void
sf_show_card_set_list_item (SfShowCard  *self,
                            GtkListItem *item)
{
  g_return_if_fail (SF_IS_SHOW_CARD (self));
  g_return_if_fail (GTK_IS_LIST_ITEM (item));

  g_set_weak_pointer (&self->list_item, item);
  sf_compat_cell_child_init (GTK_WIDGET (self), item);
}
