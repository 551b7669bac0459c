/* sf-fake-json.c: the fake TVmaze's answers written as TVmaze writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-fake-json.h"

#include "sf-fake-images.h"

static const char * const crew_types[] = {
  "Creator", "Executive Producer", "Producer", "Co-Executive Producer", "Developer",
  "Showrunner", "Director", "Writer", "Composer", "Casting Director",
};

/* ------------------------------------------------------------------------------------------
 * JSON
 */

void
sf_fake_json_add_string (JsonBuilder *b,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
sf_fake_json_add_int (JsonBuilder *b,
                      const char  *name,
                      gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_nullable_int_member (JsonBuilder *b,
                         const char  *name,
                         gboolean     has_value,
                         gint64       value)
{
  json_builder_set_member_name (b, name);
  if (has_value)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_boolean_member (JsonBuilder *b,
                    const char  *name,
                    gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_date_member (JsonBuilder *b,
                 const char  *name,
                 gboolean     has_value,
                 gint64       day)
{
  char buf[16];

  json_builder_set_member_name (b, name);
  if (has_value)
    {
      sf_fake_format_date (day, buf);
      json_builder_add_string_value (b, buf);
    }
  else
    json_builder_add_null_value (b);
}

static void
add_rating_member (JsonBuilder *b,
                   double       rating)
{
  json_builder_set_member_name (b, "rating");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "average");
  if (rating >= 0)
    json_builder_add_double_value (b, rating);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

/* "self": {"href": "BASE/what/ID", "name"?: ...} */
static void
add_link (SfFakeJson  *self,
          JsonBuilder *b,
          const char  *member,
          const char  *what,
          gint64       id,
          const char  *link_name)
{
  char href[256];

  g_snprintf (href, sizeof href, "%s/%s/%" G_GINT64_FORMAT, self->url, what, id);
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  sf_fake_json_add_string (b, "href", href);
  if (link_name != NULL)
    sf_fake_json_add_string (b, "name", link_name);
  json_builder_end_object (b);
}

static void
add_image_member (SfFakeJson  *self,
                  JsonBuilder *b,
                  gboolean     has_image,
                  ImageKind    kind,
                  gint64       id)
{
  char url[256];

  json_builder_set_member_name (b, "image");
  if (!has_image)
    {
      json_builder_add_null_value (b);
      return;
    }

  json_builder_begin_object (b);
  g_snprintf (url, sizeof url, "%s/images/%s/%" G_GINT64_FORMAT ".png",
              self->url, sf_fake_image_kind_dirs[kind], id);
  sf_fake_json_add_string (b, "medium", url);
  g_snprintf (url, sizeof url, "%s/images/original/%" G_GINT64_FORMAT ".png", self->url, id);
  sf_fake_json_add_string (b, "original", url);
  json_builder_end_object (b);
}

static void
add_country_member (JsonBuilder *b,
                    const char  *name,
                    int          country)
{
  json_builder_set_member_name (b, name);
  if (country == C_NONE)
    {
      json_builder_add_null_value (b);
      return;
    }

  json_builder_begin_object (b);
  sf_fake_json_add_string (b, "name", sf_fake_countries[country].name);
  sf_fake_json_add_string (b, "code", sf_fake_countries[country].code);
  sf_fake_json_add_string (b, "timezone", sf_fake_countries[country].timezone);
  json_builder_end_object (b);
}

static void
add_channel_member (JsonBuilder   *b,
                    const char    *name,
                    const Channel *channel)
{
  json_builder_set_member_name (b, name);
  if (channel == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }

  json_builder_begin_object (b);
  sf_fake_json_add_int (b, "id", channel->id);
  sf_fake_json_add_string (b, "name", channel->name);
  add_country_member (b, "country", channel->country);
  sf_fake_json_add_string (b, "officialSite", channel->official_site);
  json_builder_end_object (b);
}

GBytes *
sf_fake_json_to_bytes (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

static int
show_utc_offset (const FakeShow *show)
{
  if (show->network != NULL)
    return sf_fake_countries[show->network->country].utc_offset_min;
  if (show->web_channel != NULL && show->web_channel->country != C_NONE)
    return sf_fake_countries[show->web_channel->country].utc_offset_min;
  return 0;
}

/* ------------------------------------------------------------------------------------------
 * Episodes, seasons, people
 */

void
sf_fake_json_episode (SfFakeJson        *self,
                      JsonBuilder       *b,
                      const FakeShow    *show,
                      const char        *show_slug,
                      const FakeEpisode *episode)
{
  g_autofree char *name = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *url = NULL;
  char airstamp[32];
  guint kind;
  Rng rng;

  rng_init (&rng, self->catalog->seed, episode->id, STREAM_EPISODE);
  name = sf_fake_episode_name (&rng, episode);
  slug = sf_fake_slugify (name);

  json_builder_begin_object (b);
  sf_fake_json_add_int (b, "id", episode->id);
  if (episode->number != 0)
    url = g_strdup_printf ("https://www.tvmaze.com/episodes/%" G_GINT64_FORMAT "/%s-%ux%02u-%s",
                           episode->id, show_slug, episode->season, episode->number, slug);
  else
    url = g_strdup_printf ("https://www.tvmaze.com/episodes/%" G_GINT64_FORMAT
                           "/%s-s%02u-special-%s", episode->id, show_slug, episode->season, slug);
  sf_fake_json_add_string (b, "url", url);
  sf_fake_json_add_string (b, "name", name);
  sf_fake_json_add_int (b, "season", episode->season);
  add_nullable_int_member (b, "number", episode->number != 0, episode->number);
  sf_fake_json_add_string (b, "type", episode->number != 0 ? "regular"
                                : rng_percent (&rng, 50) ? "significant_special"
                                : "insignificant_special");
  add_date_member (b, "airdate", TRUE, episode->airday);
  sf_fake_json_add_string (b, "airtime", show->airtime);
  sf_fake_format_airstamp (episode->airday, show->airtime, show_utc_offset (show), airstamp);
  sf_fake_json_add_string (b, "airstamp", airstamp);
  if (show->runtime > 0)
    sf_fake_json_add_int (b, "runtime", show->runtime);
  else if (show->average_runtime > 0)
    sf_fake_json_add_int (b, "runtime", show->average_runtime + rng_range (&rng, -5, 5));
  else
    add_nullable_int_member (b, "runtime", FALSE, 0);
  add_rating_member (b, episode->airday > TODAY || rng_percent (&rng, 35) ? -1.0
                        : 1.0 + rng_below (&rng, 90) / 10.0);
  add_image_member (self, b, episode->airday <= TODAY && rng_percent (&rng, 80),
                    IMAGE_LANDSCAPE, episode->id);

  kind = rng_below (&rng, 100);
  if (kind < 15)
    sf_fake_json_add_string (b, "summary", NULL);
  else if (kind < 30)
    sf_fake_json_add_string (b, "summary", "");
  else
    {
      g_autofree char *summary = g_strdup_printf ("<p>%s must face %s in %s.</p>",
                                                  PICK (&rng, sf_fake_female_names),
                                                  PICK (&rng, sf_fake_subjects),
                                                  PICK (&rng, sf_fake_places));
      sf_fake_json_add_string (b, "summary", summary);
    }

  json_builder_set_member_name (b, "_links");
  json_builder_begin_object (b);
  add_link (self, b, "self", "episodes", episode->id, NULL);
  add_link (self, b, "show", "shows", show->id, show->name);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

void
sf_fake_json_episodes (SfFakeJson     *self,
                       JsonBuilder    *b,
                       const FakeShow *show,
                       GArray         *episodes,
                       guint           season,     /* 0: every season */
                       gboolean        specials)
{
  g_autofree char *slug = sf_fake_slugify (show->name);

  json_builder_begin_array (b);
  for (guint i = 0; i < episodes->len; i++)
    {
      const FakeEpisode *episode = &g_array_index (episodes, FakeEpisode, i);

      if (season != 0 && episode->season != season)
        continue;
      if (!specials && episode->number == 0)
        continue;
      sf_fake_json_episode (self, b, show, slug, episode);
    }
  json_builder_end_array (b);
}

void
sf_fake_json_seasons (SfFakeJson     *self,
                      JsonBuilder    *b,
                      const FakeShow *show,
                      GArray         *episodes)
{
  g_autofree char *slug = sf_fake_slugify (show->name);

  json_builder_begin_array (b);
  for (guint s = 1; s <= show->layout.n_seasons; s++)
    {
      gint64 id = show->id * SEASON_ID_STRIDE + s;
      gint64 first = G_MAXINT64;
      gint64 last = G_MININT64;
      g_autofree char *url = NULL;
      guint kind;
      Rng rng;

      for (guint i = 0; i < episodes->len; i++)
        {
          const FakeEpisode *episode = &g_array_index (episodes, FakeEpisode, i);

          if (episode->season == s)
            {
              first = MIN (first, episode->airday);
              last = MAX (last, episode->airday);
            }
        }

      rng_init (&rng, self->catalog->seed, id, STREAM_SEASON);
      json_builder_begin_object (b);
      sf_fake_json_add_int (b, "id", id);
      url = g_strdup_printf ("https://www.tvmaze.com/seasons/%" G_GINT64_FORMAT "/%s-season-%u",
                             id, slug, s);
      sf_fake_json_add_string (b, "url", url);
      sf_fake_json_add_int (b, "number", s);
      if (rng_percent (&rng, 15))
        {
          g_autofree char *name = g_strdup_printf ("%s %s", PICK (&rng, sf_fake_adjectives),
                                                   PICK (&rng, sf_fake_plurals));
          sf_fake_json_add_string (b, "name", name);
        }
      else
        sf_fake_json_add_string (b, "name", "");
      add_nullable_int_member (b, "episodeOrder",
                               s < show->layout.n_seasons || !rng_percent (&rng, 30),
                               show->layout.season_len[s - 1]);
      add_date_member (b, "premiereDate", TRUE, first);
      add_date_member (b, "endDate", TRUE, last);
      add_channel_member (b, "network", show->network);
      add_channel_member (b, "webChannel", show->web_channel);
      add_image_member (self, b, rng_percent (&rng, 50), IMAGE_MEDIUM, id);
      kind = rng_below (&rng, 10);
      sf_fake_json_add_string (b, "summary", kind < 4 ? NULL : kind < 7 ? ""
                                       : "<p>The stakes have <b>never</b> been higher.</p>");
      json_builder_set_member_name (b, "_links");
      json_builder_begin_object (b);
      add_link (self, b, "self", "seasons", id, NULL);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_person (SfFakeJson  *self,
              JsonBuilder *b,
              gint64       person_id)
{
  const char *gender;
  g_autofree char *name = sf_fake_catalog_person_name (self->catalog, person_id, &gender);
  g_autofree char *slug = sf_fake_slugify (name);
  g_autofree char *url = NULL;
  gint64 birthday;
  Rng rng;

  /* Drawn after the name, so the name can be known without the rest. */
  rng_init (&rng, self->catalog->seed, person_id, STREAM_PERSON);
  rng.state ^= G_GUINT64_CONSTANT (0x5851F42D4C957F2D);

  json_builder_begin_object (b);
  sf_fake_json_add_int (b, "id", person_id);
  url = g_strdup_printf ("https://www.tvmaze.com/people/%" G_GINT64_FORMAT "/%s", person_id, slug);
  sf_fake_json_add_string (b, "url", url);
  sf_fake_json_add_string (b, "name", name);
  add_country_member (b, "country",
                      rng_percent (&rng, 60) ? (int) rng_below (&rng, N_COUNTRIES) : C_NONE);
  birthday = DAY_1950 - 20 * 365 + rng_below (&rng, 75 * 365);
  add_date_member (b, "birthday", rng_percent (&rng, 80), birthday);
  add_date_member (b, "deathday", birthday < 0 && rng_percent (&rng, 15),
                   birthday + 365 * 60 + rng_below (&rng, 30 * 365));
  sf_fake_json_add_string (b, "gender", rng_percent (&rng, 5) ? NULL : gender);
  add_image_member (self, b, rng_percent (&rng, 75), IMAGE_MEDIUM, person_id);
  sf_fake_json_add_int (b, "updated", TODAY_EPOCH - rng_below (&rng, 5 * 365 * 86400));
  json_builder_set_member_name (b, "_links");
  json_builder_begin_object (b);
  add_link (self, b, "self", "people", person_id, NULL);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* A character's name (and whether the person plays themselves), drawn first from the
 * character's stream; @rng is left where the cast row goes on drawing. */
static char *
draw_character (SfFakeJson *self,
                gint64      character_id,
                gint64      person_id,
                Rng        *rng_out,
                gboolean   *out_self)
{
  g_autofree char *character = NULL;
  gboolean is_self;
  Rng rng;

  rng_init (&rng, self->catalog->seed, character_id, STREAM_CHARACTER);
  is_self = rng_percent (&rng, 3);
  if (is_self)
    {
      const char *gender;

      character = sf_fake_catalog_person_name (self->catalog, person_id, &gender);
    }
  else
    switch (rng_below (&rng, 7))
      {
      case 0:
        character = g_strdup_printf ("Dr. %s", PICK (&rng, sf_fake_last_names));
        break;
      case 1:
        character = g_strdup_printf ("Captain %s", PICK (&rng, sf_fake_last_names));
        break;
      case 2:
        character = g_strdup (rng_percent (&rng, 50) ? PICK (&rng, sf_fake_male_names)
                                                     : PICK (&rng, sf_fake_female_names));
        break;
      default:
        {
          const char *first = rng_percent (&rng, 50) ? PICK (&rng, sf_fake_male_names)
                                                     : PICK (&rng, sf_fake_female_names);

          character = g_strdup_printf ("%s %s", first, PICK (&rng, sf_fake_last_names));
        }
        break;
      }

  *rng_out = rng;
  *out_self = is_self;
  return g_steal_pointer (&character);
}

void
sf_fake_json_cast (SfFakeJson     *self,
                   JsonBuilder    *b,
                   const FakeShow *show)
{
  g_autofree char *show_slug = sf_fake_slugify (show->name);
  gboolean animated = g_str_equal (show->type, "Animation");

  json_builder_begin_array (b);
  for (guint row = 0; row < show->n_cast; row++)
    {
      gint64 id = show->id * SHOW_ID_STRIDE + row + 1;
      g_autofree char *character = NULL;
      g_autofree char *slug = NULL;
      g_autofree char *url = NULL;
      gboolean is_self;
      Rng rng;

      character = draw_character (self, id, id, &rng, &is_self);
      slug = sf_fake_slugify (character);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "person");
      build_person (self, b, id);
      json_builder_set_member_name (b, "character");
      json_builder_begin_object (b);
      sf_fake_json_add_int (b, "id", id);
      url = g_strdup_printf ("https://www.tvmaze.com/characters/%" G_GINT64_FORMAT "/%s-%s",
                             id, show_slug, slug);
      sf_fake_json_add_string (b, "url", url);
      sf_fake_json_add_string (b, "name", character);
      add_image_member (self, b, rng_percent (&rng, 40), IMAGE_MEDIUM, id);
      json_builder_set_member_name (b, "_links");
      json_builder_begin_object (b);
      add_link (self, b, "self", "characters", id, NULL);
      json_builder_end_object (b);
      json_builder_end_object (b);
      add_boolean_member (b, "self", is_self);
      add_boolean_member (b, "voice", animated ? rng_percent (&rng, 85) : rng_percent (&rng, 2));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
sf_fake_json_crew (SfFakeJson     *self,
                   JsonBuilder    *b,
                   const FakeShow *show)
{
  json_builder_begin_array (b);
  for (guint row = 0; row < show->n_crew; row++)
    {
      gint64 id = show->id * SHOW_ID_STRIDE + CREW_ID_OFFSET + row + 1;
      Rng rng;

      rng_init (&rng, self->catalog->seed, id, STREAM_CAST);
      json_builder_begin_object (b);
      sf_fake_json_add_string (b, "type", row == 0 ? "Creator" : PICK (&rng, crew_types));
      json_builder_set_member_name (b, "person");
      build_person (self, b, id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* ------------------------------------------------------------------------------------------
 * Show objects
 */

static void
build_show (SfFakeJson     *self,
            JsonBuilder    *b,
            const FakeShow *show,
            Embeds          embeds)
{
  g_autofree char *slug = sf_fake_slugify (show->name);
  g_autofree char *url = NULL;
  g_autoptr(GArray) episodes = sf_fake_show_dup_episodes (show);
  const FakeEpisode *previous = NULL;
  const FakeEpisode *next = NULL;

  for (guint i = 0; i < episodes->len; i++)
    {
      const FakeEpisode *episode = &g_array_index (episodes, FakeEpisode, i);

      if (episode->airday <= TODAY)
        previous = episode;
      else if (next == NULL)
        next = episode;
    }

  json_builder_begin_object (b);
  sf_fake_json_add_int (b, "id", show->id);
  url = g_strdup_printf ("https://www.tvmaze.com/shows/%" G_GINT64_FORMAT "/%s", show->id, slug);
  sf_fake_json_add_string (b, "url", url);
  sf_fake_json_add_string (b, "name", show->name);
  sf_fake_json_add_string (b, "type", show->type);
  sf_fake_json_add_string (b, "language", show->language);
  json_builder_set_member_name (b, "genres");
  json_builder_begin_array (b);
  for (guint i = 0; i < show->n_genres; i++)
    json_builder_add_string_value (b, show->genres[i]);
  json_builder_end_array (b);
  sf_fake_json_add_string (b, "status", show->status);
  add_nullable_int_member (b, "runtime", show->runtime > 0, show->runtime);
  add_nullable_int_member (b, "averageRuntime", show->average_runtime > 0, show->average_runtime);
  add_date_member (b, "premiered", show->has_premiered, show->premiered);
  add_date_member (b, "ended", show->has_ended, show->ended);
  if (show->has_official_site)
    {
      const Channel *channel = show->web_channel ? show->web_channel : show->network;
      g_autofree char *site = NULL;

      if (channel != NULL && channel->official_site != NULL)
        site = g_strdup_printf ("%sshows/%s", channel->official_site, slug);
      else
        site = g_strdup_printf ("http://www.%s-show.example.com/", slug);
      sf_fake_json_add_string (b, "officialSite", site);
    }
  else
    sf_fake_json_add_string (b, "officialSite", NULL);

  json_builder_set_member_name (b, "schedule");
  json_builder_begin_object (b);
  sf_fake_json_add_string (b, "time", show->airtime);
  json_builder_set_member_name (b, "days");
  json_builder_begin_array (b);
  /* Monday first, as TVmaze lists them. */
  for (guint i = 1; i <= 7; i++)
    if (show->schedule_days & (1u << (i % 7)))
      json_builder_add_string_value (b, sf_fake_weekdays[i % 7]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  add_rating_member (b, show->rating);
  sf_fake_json_add_int (b, "weight", show->weight);
  add_channel_member (b, "network", show->network);
  add_channel_member (b, "webChannel", show->web_channel);
  add_country_member (b, "dvdCountry", show->dvd_country);

  json_builder_set_member_name (b, "externals");
  json_builder_begin_object (b);
  add_nullable_int_member (b, "tvrage", show->tvrage >= 0, show->tvrage);
  add_nullable_int_member (b, "thetvdb", show->thetvdb >= 0, show->thetvdb);
  if (show->imdb >= 0)
    {
      char imdb[16];

      g_snprintf (imdb, sizeof imdb, "tt%07" G_GINT64_FORMAT, show->imdb);
      sf_fake_json_add_string (b, "imdb", imdb);
    }
  else
    sf_fake_json_add_string (b, "imdb", NULL);
  json_builder_end_object (b);

  add_image_member (self, b, show->has_image, IMAGE_MEDIUM, show->id);
  sf_fake_json_add_string (b, "summary", show->summary);
  sf_fake_json_add_int (b, "updated", show->updated);

  json_builder_set_member_name (b, "_links");
  json_builder_begin_object (b);
  add_link (self, b, "self", "shows", show->id, NULL);
  if (previous != NULL)
    {
      g_autofree char *name = sf_fake_catalog_episode_name (self->catalog, previous);
      add_link (self, b, "previousepisode", "episodes", previous->id, name);
    }
  if (next != NULL)
    {
      g_autofree char *name = sf_fake_catalog_episode_name (self->catalog, next);
      add_link (self, b, "nextepisode", "episodes", next->id, name);
    }
  json_builder_end_object (b);

  if (embeds != 0)
    {
      json_builder_set_member_name (b, "_embedded");
      json_builder_begin_object (b);
      if (embeds & EMBED_EPISODES)
        {
          json_builder_set_member_name (b, "episodes");
          sf_fake_json_episodes (self, b, show, episodes, 0, FALSE);
        }
      if (embeds & EMBED_SEASONS)
        {
          json_builder_set_member_name (b, "seasons");
          sf_fake_json_seasons (self, b, show, episodes);
        }
      if (embeds & EMBED_CAST)
        {
          json_builder_set_member_name (b, "cast");
          sf_fake_json_cast (self, b, show);
        }
      if (embeds & EMBED_CREW)
        {
          json_builder_set_member_name (b, "crew");
          sf_fake_json_crew (self, b, show);
        }
      /* Absent, not null, when there is nothing to point at. */
      if ((embeds & EMBED_PREVIOUS) && previous != NULL)
        {
          json_builder_set_member_name (b, "previousepisode");
          sf_fake_json_episode (self, b, show, slug, previous);
        }
      if ((embeds & EMBED_NEXT) && next != NULL)
        {
          json_builder_set_member_name (b, "nextepisode");
          sf_fake_json_episode (self, b, show, slug, next);
        }
      json_builder_end_object (b);
    }

  json_builder_end_object (b);
}

void
sf_fake_json_show_by_id (SfFakeJson  *self,
                         JsonBuilder *b,
                         gint64       id,
                         Embeds       embeds)
{
  g_auto(FakeShow) show = { 0, };

  sf_fake_catalog_generate_show (self->catalog, id, &show);
  build_show (self, b, &show, embeds);
}


void
sf_fake_json_person (SfFakeJson  *self,
                     JsonBuilder *b,
                     gint64       person_id)
{
  build_person (self, b, person_id);
}

void
sf_fake_json_credits (SfFakeJson  *self,
                      JsonBuilder *b,
                      gint64       person_id,
                      gboolean     embed_show,
                      gboolean     embed_character)
{
  g_autoptr(GArray) shows = sf_fake_catalog_person_credits (self->catalog, person_id);

  json_builder_begin_array (b);
  for (guint i = 0; i < shows->len; i++)
    {
      gint64 show_id = g_array_index (shows, gint64, i);
      /* The own show's character is the cast row's; the others get ids of their own. */
      gint64 character_id = i == 0 ? person_id : person_id * 1000 + i;
      g_auto(FakeShow) show = { 0, };
      g_autofree char *character = NULL;
      gboolean is_self;
      gboolean voice;
      Rng rng;

      sf_fake_catalog_generate_show (self->catalog, show_id, &show);
      character = draw_character (self, character_id, person_id, &rng, &is_self);
      /* the cast row's draws: the character's image, then the voice */
      (void) rng_percent (&rng, 40);
      voice = g_str_equal (show.type, "Animation") ? rng_percent (&rng, 85)
                                                   : rng_percent (&rng, 2);

      json_builder_begin_object (b);
      add_boolean_member (b, "self", is_self);
      add_boolean_member (b, "voice", voice);
      json_builder_set_member_name (b, "_links");
      json_builder_begin_object (b);
      add_link (self, b, "show", "shows", show_id, show.name);
      add_link (self, b, "character", "characters", character_id, character);
      json_builder_end_object (b);
      if (embed_show || embed_character)
        {
          json_builder_set_member_name (b, "_embedded");
          json_builder_begin_object (b);
          if (embed_show)
            {
              json_builder_set_member_name (b, "show");
              build_show (self, b, &show, 0);
            }
          if (embed_character)
            {
              json_builder_set_member_name (b, "character");
              json_builder_begin_object (b);
              sf_fake_json_add_int (b, "id", character_id);
              sf_fake_json_add_string (b, "name", character);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}
