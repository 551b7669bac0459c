/* sf-show-details.c: a show with its seasons, episodes and cast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-json-reader.h"
#include "sf-model-error.h"
#include "sf-show-details.h"

struct _SfShowDetails
{
  GObject     parent_instance;

  /* owned */
  SfShow     *show;
  GPtrArray  *seasons;         /* nullable: not loaded */
  GPtrArray  *episodes;        /* nullable: not loaded */
  GPtrArray  *cast;            /* nullable: not loaded */
  GPtrArray  *groups;          /* SfEpisodeGroup, never NULL */
  SfEpisode  *next;            /* nullable */
  SfEpisode  *previous;        /* nullable */
  guint       n_regular;
  guint       n_specials;
};

G_DEFINE_FINAL_TYPE (SfShowDetails, sf_show_details, G_TYPE_OBJECT)

/* Usable elements of @array, built by @new_func; the rest is skipped. */
static GPtrArray *
items_from_array (JsonArray       *array,
                  SfJsonNewFunc  new_func)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = new_func (json_array_get_element (array, i), NULL);

      if (item != NULL)
        g_ptr_array_add (items, item);
    }

  return items;
}

static GPtrArray *
parse_list (const char     *data,
            gssize          length,
            const char     *what,
            SfJsonNewFunc   new_func,
            GError        **error)
{
  g_autoptr(JsonNode) root = sf_json_reader_parse_root_of (data, length, JSON_NODE_ARRAY, what,
                                                           error);

  if (root == NULL)
    return NULL;

  return items_from_array (json_node_get_array (root), new_func);
}

GPtrArray *
sf_episode_list_parse (const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_list (data, length, "a JSON array of episodes",
                     (SfJsonNewFunc) sf_episode_new_from_json, error);
}

SfEpisode *
sf_episode_parse (const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sf_json_reader_parse_item (data, length, (SfJsonNewFunc) sf_episode_new_from_json,
                                    error);
}

GPtrArray *
sf_season_list_parse (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_list (data, length, "a JSON array of seasons",
                     (SfJsonNewFunc) sf_season_new_from_json, error);
}

GPtrArray *
sf_cast_list_parse (const char  *data,
                    gssize       length,
                    GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_list (data, length, "a JSON array of cast members",
                     (SfJsonNewFunc) sf_cast_member_new_from_json, error);
}

SfEpisode *
sf_episode_list_find (GPtrArray *episodes,
                      gint64     id)
{
  g_return_val_if_fail (episodes != NULL, NULL);

  if (id <= 0)
    return NULL;

  for (guint i = 0; i < episodes->len; i++)
    {
      SfEpisode *episode = g_ptr_array_index (episodes, i);

      if (sf_episode_get_id (episode) == id)
        return episode;
    }

  return NULL;
}

void
sf_episode_group_free (SfEpisodeGroup *group)
{
  if (group == NULL)
    return;

  g_clear_pointer (&group->episodes, g_ptr_array_unref);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const SfEpisodeGroup *group_a = *(SfEpisodeGroup * const *) a;
  const SfEpisodeGroup *group_b = *(SfEpisodeGroup * const *) b;
  /* unknown (0) sorts last */
  guint key_a = group_a->season > 0 ? (guint) group_a->season : G_MAXUINT;
  guint key_b = group_b->season > 0 ? (guint) group_b->season : G_MAXUINT;

  return key_a < key_b ? -1 : key_a > key_b;
}

GPtrArray *
sf_episode_list_group_by_season (GPtrArray *episodes)
{
  g_autoptr(GHashTable) by_season = NULL;
  GPtrArray *groups;

  g_return_val_if_fail (episodes != NULL, NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_episode_group_free);
  by_season = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < episodes->len; i++)
    {
      SfEpisode *episode = g_ptr_array_index (episodes, i);
      int season = sf_episode_get_season (episode);
      SfEpisodeGroup *group = g_hash_table_lookup (by_season, GINT_TO_POINTER (season));

      if (group == NULL)
        {
          group = g_new0 (SfEpisodeGroup, 1);
          group->season = season;
          group->episodes = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_season, GINT_TO_POINTER (season), group);
          g_ptr_array_add (groups, group);
        }

      g_ptr_array_add (group->episodes, g_object_ref (episode));
      if (sf_episode_is_special (episode))
        group->n_specials++;
      else
        group->n_regular++;
    }

  /* g_ptr_array_sort is not stable, but season numbers are unique keys here. */
  g_ptr_array_sort (groups, compare_groups);

  return groups;
}

static void
sf_show_details_finalize (GObject *object)
{
  SfShowDetails *self = (SfShowDetails *) object;

  g_clear_object (&self->show);
  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->cast, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->next);
  g_clear_object (&self->previous);

  G_OBJECT_CLASS (sf_show_details_parent_class)->finalize (object);
}

static void
sf_show_details_class_init (SfShowDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_show_details_finalize;
}

static void
sf_show_details_init (SfShowDetails *self)
{
}

SfShowDetails *
sf_show_details_new (SfShow    *show,
                     GPtrArray *seasons,
                     GPtrArray *episodes,
                     GPtrArray *cast)
{
  SfShowDetails *self;

  g_return_val_if_fail (SF_IS_SHOW (show), NULL);

  self = g_object_new (SF_TYPE_SHOW_DETAILS, NULL);
  self->show = g_object_ref (show);
  self->seasons = seasons != NULL ? g_ptr_array_ref (seasons) : NULL;
  self->episodes = episodes != NULL ? g_ptr_array_ref (episodes) : NULL;
  self->cast = cast != NULL ? g_ptr_array_ref (cast) : NULL;

  if (episodes != NULL)
    {
      self->groups = sf_episode_list_group_by_season (episodes);
      for (guint i = 0; i < self->groups->len; i++)
        {
          SfEpisodeGroup *group = g_ptr_array_index (self->groups, i);

          self->n_regular += group->n_regular;
          self->n_specials += group->n_specials;
        }
    }
  else
    self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_episode_group_free);

  return self;
}

/* An embedded episode object (`_embedded.nextepisode`); NULL when absent or unusable. */
static SfEpisode *
embedded_episode (JsonObject *embedded,
                  const char *member)
{
  JsonNode *node = embedded != NULL ? json_object_get_member (embedded, member) : NULL;

  return node != NULL ? sf_episode_new_from_json (node, NULL) : NULL;
}

SfShowDetails *
sf_show_details_parse_embedded (const char  *data,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SfShow) show = NULL;
  g_autoptr(GPtrArray) seasons = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  SfShowDetails *self;
  JsonObject *embedded;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = sf_json_reader_parse_root (data, length, error);
  if (root == NULL)
    return NULL;

  show = sf_show_new_from_json (root, error);
  if (show == NULL)
    return NULL;

  embedded = sf_json_reader_get_object_member (json_node_get_object (root), "_embedded");
  seasons = items_from_array (sf_json_reader_get_array_member (embedded, "seasons"),
                              (SfJsonNewFunc) sf_season_new_from_json);
  episodes = items_from_array (sf_json_reader_get_array_member (embedded, "episodes"),
                               (SfJsonNewFunc) sf_episode_new_from_json);
  cast = items_from_array (sf_json_reader_get_array_member (embedded, "cast"),
                           (SfJsonNewFunc) sf_cast_member_new_from_json);

  self = sf_show_details_new (show, seasons, episodes, cast);
  self->next = embedded_episode (embedded, "nextepisode");
  self->previous = embedded_episode (embedded, "previousepisode");

  return self;
}

SfShow *
sf_show_details_get_show (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  return self->show;
}

GPtrArray *
sf_show_details_get_seasons (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  return self->seasons;
}

GPtrArray *
sf_show_details_get_episodes (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  return self->episodes;
}

GPtrArray *
sf_show_details_get_cast (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  return self->cast;
}

GPtrArray *
sf_show_details_get_episode_groups (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  return self->groups;
}

guint
sf_show_details_get_n_regular (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), 0);

  return self->n_regular;
}

guint
sf_show_details_get_n_specials (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), 0);

  return self->n_specials;
}

SfEpisodeGroup *
sf_show_details_find_group (SfShowDetails *self,
                            int            number)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  for (guint i = 0; i < self->groups->len; i++)
    {
      SfEpisodeGroup *group = g_ptr_array_index (self->groups, i);

      if (group->season == number)
        return group;
    }

  return NULL;
}

SfSeason *
sf_show_details_find_season (SfShowDetails *self,
                             int            number)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  for (guint i = 0; self->seasons != NULL && i < self->seasons->len; i++)
    {
      SfSeason *season = g_ptr_array_index (self->seasons, i);

      if (sf_season_get_number (season) == number)
        return season;
    }

  return NULL;
}

static SfEpisode *
linked_episode (SfShowDetails *self,
                SfEpisode     *embedded,
                gint64         id)
{
  if (embedded != NULL && (id == 0 || sf_episode_get_id (embedded) == id))
    return embedded;

  if (self->episodes == NULL)
    return NULL;

  return sf_episode_list_find (self->episodes, id);
}

SfEpisode *
sf_show_details_get_next_episode (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  return linked_episode (self, self->next, sf_show_get_next_episode_id (self->show));
}

SfEpisode *
sf_show_details_get_previous_episode (SfShowDetails *self)
{
  g_return_val_if_fail (SF_IS_SHOW_DETAILS (self), NULL);

  return linked_episode (self, self->previous, sf_show_get_previous_episode_id (self->show));
}
