#pragma once

#include <glib-object.h>

#include "sf-cast-member.h"
#include "sf-episode.h"
#include "sf-season.h"
#include "sf-show.h"

G_BEGIN_DECLS

/*
 * Parsing the bodies of the details endpoints. Every function here is pure and safe to call
 * from any thread. Entries that are not usable (no id, not an object) are skipped. Text that
 * is not JSON (empty, truncated, invalid UTF-8) is %SF_MODEL_ERROR_INVALID_JSON; JSON of
 * another shape (`null`, an error object instead of an array) or nesting absurdly deep is
 * %SF_MODEL_ERROR_UNEXPECTED_SHAPE.
 */

/**
 * sf_episode_list_parse:
 * @data: the body of `/shows/:id/episodes[?specials=1]` or `/seasons/:id/episodes`
 * @length: its length in bytes, or -1 if nul-terminated
 * @error: return location for a #SfModelError
 *
 * Returns: (transfer full) (element-type SfEpisode): the episodes in the server's (airing)
 *   order, or %NULL with @error set
 */
GPtrArray     *sf_episode_list_parse          (const char  *data,
                                               gssize       length,
                                               GError     **error);

/**
 * sf_episode_parse:
 * @data: the body of `/episodes/:id`
 *
 * Returns: (transfer full): the episode, or %NULL with @error set
 */
SfEpisode     *sf_episode_parse               (const char  *data,
                                               gssize       length,
                                               GError     **error);

/**
 * sf_season_list_parse:
 * @data: the body of `/shows/:id/seasons`
 *
 * Returns: (transfer full) (element-type SfSeason): the seasons in the server's order
 */
GPtrArray     *sf_season_list_parse           (const char  *data,
                                               gssize       length,
                                               GError     **error);

/**
 * sf_cast_list_parse:
 * @data: the body of `/shows/:id/cast`
 *
 * Returns: (transfer full) (element-type SfCastMember): the cast, most important first
 */
GPtrArray     *sf_cast_list_parse             (const char  *data,
                                               gssize       length,
                                               GError     **error);

/**
 * sf_episode_list_find:
 * @episodes: (element-type SfEpisode): episodes
 * @id: an episode id (e.g. sf_show_get_next_episode_id())
 *
 * Returns: (transfer none) (nullable): the episode with that id
 */
SfEpisode     *sf_episode_list_find           (GPtrArray   *episodes,
                                               gint64       id);

/**
 * SfEpisodeGroup:
 * @season: the season number; 0 for episodes whose season is unknown
 * @episodes: (element-type SfEpisode): the season's episodes in airing order (the order
 *   TVmaze lists them), specials included where they aired (sf_episode_is_special())
 * @n_regular: how many of them are regular episodes
 * @n_specials: how many are specials
 *
 * The episodes of one season.
 */
typedef struct
{
  int        season;
  GPtrArray *episodes;
  guint      n_regular;
  guint      n_specials;
} SfEpisodeGroup;

void           sf_episode_group_free          (SfEpisodeGroup *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfEpisodeGroup, sf_episode_group_free)

/**
 * sf_episode_list_group_by_season:
 * @episodes: (element-type SfEpisode): episodes in airing order
 *
 * Groups episodes by season: seasons in ascending number (unknown last), each season's
 * episodes in the order given. Pure, cheap (one pass), safe on any thread.
 *
 * Returns: (transfer full) (element-type SfEpisodeGroup): the groups
 */
GPtrArray     *sf_episode_list_group_by_season (GPtrArray  *episodes);

#define SF_TYPE_SHOW_DETAILS (sf_show_details_get_type ())

G_DECLARE_FINAL_TYPE (SfShowDetails, sf_show_details, SF, SHOW_DETAILS, GObject)

/**
 * sf_show_details_new:
 * @show: the show
 * @seasons: (nullable) (element-type SfSeason): its seasons, %NULL if not loaded
 * @episodes: (nullable) (element-type SfEpisode): its episodes, %NULL if not loaded
 * @cast: (nullable) (element-type SfCastMember): its cast, %NULL if not loaded
 *
 * Everything known about one show; immutable. The arrays are referenced, not copied, and
 * must not change afterwards. Groups the episodes by season at once (safe on any thread).
 *
 * Returns: (transfer full): the details
 */
SfShowDetails *sf_show_details_new            (SfShow      *show,
                                               GPtrArray   *seasons,
                                               GPtrArray   *episodes,
                                               GPtrArray   *cast);

/**
 * sf_show_details_parse_embedded:
 * @data: the body of `/shows/:id?embed[]=episodes&embed[]=cast&embed[]=seasons` (any
 *   subset of these embeds, plus optionally `nextepisode` and `previousepisode`)
 * @length: its length in bytes, or -1 if nul-terminated
 * @error: return location for a #SfModelError
 *
 * Parses a show with its embedded lists. An embed TVmaze left out reads as an empty list.
 * TVmaze's embedded episodes leave out specials.
 *
 * Returns: (transfer full): the details, or %NULL with @error set
 */
SfShowDetails *sf_show_details_parse_embedded (const char  *data,
                                               gssize       length,
                                               GError     **error);

SfShow        *sf_show_details_get_show       (SfShowDetails *self);
/* (element-type SfSeason) (nullable): NULL when not loaded */
GPtrArray     *sf_show_details_get_seasons    (SfShowDetails *self);
/* (element-type SfEpisode) (nullable): NULL when not loaded */
GPtrArray     *sf_show_details_get_episodes   (SfShowDetails *self);
/* (element-type SfCastMember) (nullable): NULL when not loaded */
GPtrArray     *sf_show_details_get_cast       (SfShowDetails *self);
/* (element-type SfEpisodeGroup): never NULL, empty when the episodes are not loaded */
GPtrArray     *sf_show_details_get_episode_groups (SfShowDetails *self);
/* regular episodes and specials among the loaded episodes */
guint          sf_show_details_get_n_regular  (SfShowDetails *self);
guint          sf_show_details_get_n_specials (SfShowDetails *self);
/* (nullable): the group of season @number */
SfEpisodeGroup *sf_show_details_find_group    (SfShowDetails *self,
                                               int            number);
/* (nullable): the season object of season @number */
SfSeason      *sf_show_details_find_season    (SfShowDetails *self,
                                               int            number);
/* (nullable): TVmaze's next / previous episode (the show's _links), from the embedded
 * nextepisode/previousepisode or else found among the episodes */
SfEpisode     *sf_show_details_get_next_episode     (SfShowDetails *self);
SfEpisode     *sf_show_details_get_previous_episode (SfShowDetails *self);

G_END_DECLS
