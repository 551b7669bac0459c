/* sf-followed-show.c: one entry of the watchlist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-followed-show.h"

struct _SfFollowedShow
{
  GObject    parent_instance;

  /* owned */
  SfShow    *show;
  SfEpisode *next;        /* nullable */
  SfEpisode *previous;    /* nullable */
  char      *name_key;    /* case-folded name, for sorting */

  gint64     added;
  gint64     refreshed;
};

G_DEFINE_FINAL_TYPE (SfFollowedShow, sf_followed_show, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SfFollowedGroup, sf_followed_group,
  G_DEFINE_ENUM_VALUE (SF_FOLLOWED_UPCOMING, "upcoming"),
  G_DEFINE_ENUM_VALUE (SF_FOLLOWED_NOTHING_ANNOUNCED, "nothing-announced"),
  G_DEFINE_ENUM_VALUE (SF_FOLLOWED_ENDED, "ended"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SHOW,
  PROP_NEXT_EPISODE,
  PROP_PREVIOUS_EPISODE,
  PROP_ADDED,
  PROP_REFRESHED,
  PROP_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sf_followed_show_finalize (GObject *object)
{
  SfFollowedShow *self = (SfFollowedShow *) object;

  g_clear_object (&self->show);
  g_clear_object (&self->next);
  g_clear_object (&self->previous);
  g_clear_pointer (&self->name_key, g_free);

  G_OBJECT_CLASS (sf_followed_show_parent_class)->finalize (object);
}

static void
sf_followed_show_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SfFollowedShow *self = SF_FOLLOWED_SHOW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, sf_followed_show_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, sf_followed_show_get_name (self));
      break;
    case PROP_SHOW:
      g_value_set_object (value, self->show);
      break;
    case PROP_NEXT_EPISODE:
      g_value_set_object (value, self->next);
      break;
    case PROP_PREVIOUS_EPISODE:
      g_value_set_object (value, self->previous);
      break;
    case PROP_ADDED:
      g_value_set_int64 (value, self->added);
      break;
    case PROP_REFRESHED:
      g_value_set_int64 (value, self->refreshed);
      break;
    case PROP_GROUP:
      g_value_set_enum (value, sf_followed_show_get_group (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_followed_show_class_init (SfFollowedShowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sf_followed_show_finalize;
  object_class->get_property = sf_followed_show_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SHOW] = g_param_spec_object ("show", NULL, NULL, SF_TYPE_SHOW, flags);
  properties[PROP_NEXT_EPISODE] =
    g_param_spec_object ("next-episode", NULL, NULL, SF_TYPE_EPISODE, flags);
  properties[PROP_PREVIOUS_EPISODE] =
    g_param_spec_object ("previous-episode", NULL, NULL, SF_TYPE_EPISODE, flags);
  properties[PROP_ADDED] = g_param_spec_int64 ("added", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REFRESHED] =
    g_param_spec_int64 ("refreshed", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_GROUP] = g_param_spec_enum ("group", NULL, NULL, SF_TYPE_FOLLOWED_GROUP,
                                              SF_FOLLOWED_NOTHING_ANNOUNCED, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sf_followed_show_init (SfFollowedShow *self)
{
}

SfFollowedShow *
sf_followed_show_new (SfShow    *show,
                      SfEpisode *next,
                      SfEpisode *previous,
                      gint64     added,
                      gint64     refreshed)
{
  SfFollowedShow *self;

  g_return_val_if_fail (SF_IS_SHOW (show), NULL);
  g_return_val_if_fail (next == NULL || SF_IS_EPISODE (next), NULL);
  g_return_val_if_fail (previous == NULL || SF_IS_EPISODE (previous), NULL);

  self = g_object_new (SF_TYPE_FOLLOWED_SHOW, NULL);
  self->show = g_object_ref (show);
  self->next = next != NULL ? g_object_ref (next) : NULL;
  self->previous = previous != NULL ? g_object_ref (previous) : NULL;
  self->name_key = g_utf8_casefold (sf_show_get_name (show), -1);
  self->added = MAX (added, 0);
  self->refreshed = MAX (refreshed, 0);

  return self;
}

gint64
sf_followed_show_get_id (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), 0);

  return sf_show_get_id (self->show);
}

const char *
sf_followed_show_get_name (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), NULL);

  return sf_show_get_name (self->show);
}

SfShow *
sf_followed_show_get_show (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), NULL);

  return self->show;
}

SfEpisode *
sf_followed_show_get_next_episode (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), NULL);

  return self->next;
}

SfEpisode *
sf_followed_show_get_previous_episode (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), NULL);

  return self->previous;
}

gint64
sf_followed_show_get_added (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), 0);

  return self->added;
}

gint64
sf_followed_show_get_refreshed (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), 0);

  return self->refreshed;
}

SfFollowedGroup
sf_followed_show_get_group (SfFollowedShow *self)
{
  g_return_val_if_fail (SF_IS_FOLLOWED_SHOW (self), SF_FOLLOWED_NOTHING_ANNOUNCED);

  if (self->next != NULL)
    return SF_FOLLOWED_UPCOMING;

  if (g_strcmp0 (sf_show_get_status (self->show), "Ended") == 0)
    return SF_FOLLOWED_ENDED;

  return SF_FOLLOWED_NOTHING_ANNOUNCED;
}

/* When @episode airs, in Unix seconds: the airstamp, else noon UTC of the airdate (a
 * streaming release has no meaningful time); G_MAXINT64 when unknown. */
static gint64
episode_sort_time (SfEpisode *episode)
{
  GDateTime *airstamp = sf_episode_get_airstamp (episode);
  const char *airdate;
  g_autoptr(GDateTime) noon = NULL;

  if (airstamp != NULL)
    return g_date_time_to_unix (airstamp);

  airdate = sf_episode_get_airdate (episode);
  if (airdate == NULL)
    return G_MAXINT64;

  /* "YYYY-MM-DD", checked when parsed */
  noon = g_date_time_new_utc ((int) g_ascii_strtoll (airdate, NULL, 10),
                              (int) g_ascii_strtoll (airdate + 5, NULL, 10),
                              (int) g_ascii_strtoll (airdate + 8, NULL, 10), 12, 0, 0);
  return noon != NULL ? g_date_time_to_unix (noon) : G_MAXINT64;
}

int
sf_followed_show_compare (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  SfFollowedShow *self = SF_FOLLOWED_SHOW ((gpointer) a);
  SfFollowedShow *other = SF_FOLLOWED_SHOW ((gpointer) b);
  SfFollowedGroup group = sf_followed_show_get_group (self);
  SfFollowedGroup other_group = sf_followed_show_get_group (other);

  if (group != other_group)
    return group < other_group ? -1 : 1;

  if (group == SF_FOLLOWED_UPCOMING)
    {
      gint64 when = episode_sort_time (self->next);
      gint64 other_when = episode_sort_time (other->next);

      if (when != other_when)
        return when < other_when ? -1 : 1;
    }

  return sf_followed_show_compare_names (a, b, NULL);
}

int
sf_followed_show_compare_names (gconstpointer a,
                                gconstpointer b,
                                gpointer      user_data)
{
  SfFollowedShow *self = SF_FOLLOWED_SHOW ((gpointer) a);
  SfFollowedShow *other = SF_FOLLOWED_SHOW ((gpointer) b);
  gint64 id, other_id;
  int cmp;

  cmp = g_strcmp0 (self->name_key, other->name_key);
  if (cmp != 0)
    return cmp < 0 ? -1 : 1;

  id = sf_followed_show_get_id (self);
  other_id = sf_followed_show_get_id (other);
  return id < other_id ? -1 : id > other_id ? 1 : 0;
}
