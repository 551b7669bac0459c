/* sf-fake-json.h: the fake TVmaze's answers written as TVmaze writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sf-fake-catalog.h"

G_BEGIN_DECLS

/* What ?embed[]= asks for along with a show. */
typedef enum
{
  EMBED_EPISODES = 1 << 0,
  EMBED_CAST     = 1 << 1,
  EMBED_CREW     = 1 << 2,
  EMBED_SEASONS  = 1 << 3,
  EMBED_NEXT     = 1 << 4,
  EMBED_PREVIOUS = 1 << 5,
} Embeds;

/* Where the writers find the catalog, and the base of the links and image URLs they write. */
typedef struct
{
  SfFakeCatalog *catalog;   /* borrowed */
  const char    *url;       /* borrowed: "http://127.0.0.1:PORT" */
} SfFakeJson;

void    sf_fake_json_add_string  (JsonBuilder       *b,
                                  const char        *name,
                                  const char        *value);
void    sf_fake_json_add_int     (JsonBuilder       *b,
                                  const char        *name,
                                  gint64             value);
GBytes *sf_fake_json_to_bytes    (JsonBuilder       *b);

/* Each writes one value (an object or an array) into @b. */
void    sf_fake_json_episode     (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  const FakeShow    *show,
                                  const char        *show_slug,
                                  const FakeEpisode *episode);
/* @episodes: FakeEpisode; @season: 0 for every season */
void    sf_fake_json_episodes    (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  const FakeShow    *show,
                                  GArray            *episodes,
                                  guint              season,
                                  gboolean           specials);
void    sf_fake_json_seasons     (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  const FakeShow    *show,
                                  GArray            *episodes);
void    sf_fake_json_cast        (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  const FakeShow    *show);
void    sf_fake_json_crew        (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  const FakeShow    *show);
void    sf_fake_json_show_by_id  (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  gint64             id,
                                  Embeds             embeds);
/* A Person object (`/people/:id`) */
void    sf_fake_json_person      (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  gint64             person_id);
/* `/people/:id/castcredits`, with `_embedded` show and/or character when asked */
void    sf_fake_json_credits     (SfFakeJson        *self,
                                  JsonBuilder       *b,
                                  gint64             person_id,
                                  gboolean           embed_show,
                                  gboolean           embed_character);

G_END_DECLS
