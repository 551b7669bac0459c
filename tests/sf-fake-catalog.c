/* sf-fake-catalog.c: the generated catalog of the fake TVmaze (shows, episodes, people,
 * names) and its search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-fake-catalog.h"

#include <math.h>
#include <string.h>

typedef struct
{
  char *name;                 /* owned, nullable: keep the generated one */
  char *summary;              /* owned, nullable: keep the generated one */
} Override;

/* ------------------------------------------------------------------------------------------
 * Word lists
 */

const char * const sf_fake_adjectives[] = {
  "Silent", "Midnight", "Golden", "Broken", "Hidden", "Last", "Lost", "Wild", "Crimson",
  "Northern", "Dark", "Bright", "Secret", "Little", "Iron", "Burning", "Frozen", "Distant",
  "Quiet", "Hollow", "Electric", "Savage", "Gentle", "Restless", "Endless", "Forgotten",
  "Twisted", "Perfect", "Royal", "Blue", "Scarlet", "Silver", "Velvet", "Brave", "Fallen",
  "Sacred", "Lucky", "Lonely", "Modern", "Ancient", "Final", "Hungry", "Stolen", "Sleepless",
  "Strange", "Rising", "Tiny", "Grand", "Paper", "Naïve", "Wicked", "Salty", "Neon", "Cosmic",
};

static const char * const nouns[] = {
  "Harbour", "Detective", "Kingdom", "Island", "River", "Empire", "Garden", "Frontier",
  "Family", "Station", "Signal", "Academy", "Hospital", "Witness", "Hunter", "Kitchen",
  "Valley", "Mountain", "Shadow", "Crown", "Dynasty", "Circus", "Orchard", "Lighthouse",
  "Precinct", "Embassy", "Colony", "Border", "Archive", "Saga", "Legacy", "Horizon",
  "Protocol", "District", "Motel", "Diner", "Ranch", "Chapel", "Bureau", "Lab", "Canyon",
  "Galaxy", "Planet", "Voyage", "Code", "Factor", "Game", "House", "Court", "Road", "Café",
  "Château", "Soirée", "Anchor", "Salt", "Thunder", "Compass", "Lantern",
};

const char * const sf_fake_plurals[] = {
  "Detectives", "Sisters", "Brothers", "Neighbours", "Strangers", "Chronicles", "Diaries",
  "Files", "Tales", "Hunters", "Dreamers", "Outlaws", "Rebels", "Doctors", "Lawyers", "Chefs",
  "Pilots", "Spies", "Witches", "Ghosts", "Kings", "Queens", "Wolves", "Ravens", "Foxes",
  "Giants", "Saints", "Sinners", "Survivors", "Misfits", "Heirs", "Nomads", "Riders",
  "Runners", "Keepers", "Mysteries", "Secrets", "Lies", "Games", "Days", "Nights", "Years",
  "Roads", "Waves", "Stars", "Voices", "Whispers", "Echoes", "Bones", "Streets", "Fiancées",
};

const char * const sf_fake_places[] = {
  "Harlow", "Brightwater", "Kingsbridge", "Oakridge", "Ravenholm", "Port Ellis", "Cedar Falls",
  "Westmoor", "Silverlake", "Dunmore", "Ashford", "Montclair", "Malmö", "São Paulo", "Kraków",
  "Reykjavík", "Córdoba", "Kyoto", "Marseille", "Lagos", "Tromsø", "Montréal", "Zürich",
  "Bogotá", "Galway", "Hobart", "Nairobi", "Valparaíso", "Brooklyn", "Saint-Étienne",
};

const char * const sf_fake_male_names[] = {
  "James", "Oliver", "Lucas", "Mateo", "Noah", "Ethan", "Liam", "Hiroshi", "Kenji", "Min-jun",
  "Arjun", "Rahul", "Omar", "Youssef", "Björn", "Søren", "José", "André", "François", "Jürgen",
  "Nikolai", "Dmitri", "Luca", "Marco", "Pedro", "Tomás", "Kwame", "Chidi", "Seán", "Patrick",
  "Frank", "Sam",
};

const char * const sf_fake_female_names[] = {
  "Emma", "Olivia", "Sofia", "Amélie", "Chloé", "Zoë", "Renée", "Ingrid", "Astrid", "Yuki",
  "Aiko", "Mei", "Ji-woo", "Priya", "Ananya", "Fatima", "Leila", "María", "Lucía", "Ana",
  "Giulia", "Francesca", "Hélène", "Françoise", "Natalia", "Olga", "Amara", "Ngozi", "Siobhán",
  "Maggie", "Rosa", "Claire",
};

const char * const sf_fake_last_names[] = {
  "Smith", "Johnson", "García", "Müller", "Kowalski", "Nguyen", "O'Brien", "Johansson",
  "Fernández", "Dubois", "Rossi", "Tanaka", "Kim", "Patel", "Okafor", "Novak", "Silva",
  "Santos", "Jensen", "Nakamura", "Schmidt", "Martínez", "Lefèvre", "Bianchi", "Yılmaz",
  "Walker", "Brooks", "Hughes", "MacLeod", "van der Berg", "D'Angelo", "Łukasiewicz",
  "Øvergaard", "Chen", "Wang", "Singh", "Haddad", "Mensah", "Brennan", "Costa",
};

static const char * const emoji[] = {
  "🚀", "🌙", "🔥", "🎬", "👻", "🍕", "❤️", "🏳️‍🌈", "🐉", "⭐",
};

typedef struct
{
  const char *title;
  const char *language;
} ForeignTitle;

static const ForeignTitle foreign_titles[] = {
  { "東京の夜", "Japanese" },
  { "深夜食堂の物語", "Japanese" },
  { "青春の約束", "Japanese" },
  { "푸른 바다의 비밀", "Korean" },
  { "우리들의 계절", "Korean" },
  { "Тёмные воды", "Russian" },
  { "La Maison des Étoiles", "French" },
  { "Der stille Hafen", "German" },
  { "El Último Verano", "Spanish" },
  { "A Casa das Sombras", "Portuguese" },
  { "La Città Perduta", "Italian" },
  { "Mørke Fjorde", "Danish" },
  { "长安的月光", "Chinese" },
  { "मुंबई डायरीज़", "Hindi" },
  { "Kara Sevda Günleri", "Turkish" },
  { "Fröken Sverige", "Swedish" },
};

const char * const sf_fake_genres[] = {
  "Action", "Adult", "Adventure", "Anime", "Children", "Comedy", "Crime", "DIY", "Drama",
  "Espionage", "Family", "Fantasy", "Food", "History", "Horror", "Legal", "Medical", "Music",
  "Mystery", "Nature", "Romance", "Science-Fiction", "Sports", "Supernatural", "Thriller",
  "Travel", "War", "Western",
};

typedef struct
{
  const char *name;
  guint       weight;
} Weighted;

static const Weighted show_types[] = {
  { "Scripted", 52 }, { "Animation", 9 }, { "Reality", 12 }, { "Talk Show", 5 },
  { "Documentary", 9 }, { "Game Show", 3 }, { "News", 3 }, { "Sports", 3 }, { "Variety", 2 },
  { "Award Show", 1 }, { "Panel Show", 1 },
};

static const Weighted show_statuses[] = {
  { "Ended", 55 }, { "Running", 25 }, { "To Be Determined", 12 }, { "In Development", 8 },
};

static const Weighted web_languages[] = {
  { "English", 60 }, { "Japanese", 8 }, { "Spanish", 7 }, { "Korean", 6 }, { "French", 4 },
  { "German", 4 }, { "Portuguese", 3 }, { "Chinese", 3 }, { "Hindi", 2 }, { "Italian", 1 },
  { "Turkish", 1 }, { "Swedish", 1 },
};

const char * const sf_fake_weekdays[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static const char * const airtimes[] = {
  "18:00", "19:00", "19:30", "20:00", "20:00", "20:30", "21:00", "21:00", "22:00", "22:30",
  "23:00", "23:35", "00:30", "01:05",
};

const char * const sf_fake_subjects[] = {
  "a retired detective", "two estranged sisters", "a group of misfit chefs",
  "an ambitious young lawyer", "the crew of a battered cargo ship", "a family of magicians",
  "three friends who never left home", "a disgraced surgeon", "a small-town sheriff",
  "an unlikely pair of rival journalists", "a teenage inventor", "the staff of a failing hotel",
};

static const char * const plots[] = {
  "uncover a decades-old conspiracy", "try to keep a crumbling business afloat",
  "search for a missing heir", "fight for control of the family fortune",
  "solve crimes nobody else will touch", "learn to live with a dangerous secret",
  "compete for a prize that could change everything", "rebuild after a devastating storm",
};

/* ------------------------------------------------------------------------------------------
 * Countries and channels
 */

const Country sf_fake_countries[N_COUNTRIES] = {
  [C_US] = { "United States", "US", "America/New_York", -300, "English" },
  [C_GB] = { "United Kingdom", "GB", "Europe/London", 0, "English" },
  [C_CA] = { "Canada", "CA", "America/Toronto", -300, "English" },
  [C_AU] = { "Australia", "AU", "Australia/Sydney", 600, "English" },
  [C_FR] = { "France", "FR", "Europe/Paris", 60, "French" },
  [C_DE] = { "Germany", "DE", "Europe/Berlin", 60, "German" },
  [C_JP] = { "Japan", "JP", "Asia/Tokyo", 540, "Japanese" },
  [C_KR] = { "Korea, Republic of", "KR", "Asia/Seoul", 540, "Korean" },
  [C_BR] = { "Brazil", "BR", "America/Sao_Paulo", -180, "Portuguese" },
  [C_IT] = { "Italy", "IT", "Europe/Rome", 60, "Italian" },
  [C_ES] = { "Spain", "ES", "Europe/Madrid", 60, "Spanish" },
  [C_SE] = { "Sweden", "SE", "Europe/Stockholm", 60, "Swedish" },
  [C_NL] = { "Netherlands", "NL", "Europe/Amsterdam", 60, "Dutch" },
  [C_IN] = { "India", "IN", "Asia/Kolkata", 330, "Hindi" },
  [C_MX] = { "Mexico", "MX", "America/Mexico_City", -360, "Spanish" },
  [C_RU] = { "Russian Federation", "RU", "Europe/Moscow", 180, "Russian" },
  [C_TR] = { "Turkey", "TR", "Europe/Istanbul", 180, "Turkish" },
  [C_DK] = { "Denmark", "DK", "Europe/Copenhagen", 60, "Danish" },
  [C_NO] = { "Norway", "NO", "Europe/Oslo", 60, "Norwegian" },
  [C_CN] = { "China", "CN", "Asia/Shanghai", 480, "Chinese" },
};

static const Channel networks[] = {
  { 1, "NBC", C_US, "https://www.nbc.com/" },
  { 2, "CBS", C_US, "https://www.cbs.com/" },
  { 3, "ABC", C_US, "https://abc.com/" },
  { 4, "FOX", C_US, "https://www.fox.com/" },
  { 5, "The CW", C_US, "https://www.cwtv.com/" },
  { 8, "HBO", C_US, "https://www.hbo.com/" },
  { 9, "Showtime", C_US, NULL },
  { 13, "FX", C_US, "https://www.fxnetworks.com/" },
  { 20, "AMC", C_US, "https://www.amc.com/" },
  { 23, "Comedy Central", C_US, NULL },
  { 27, "Nickelodeon", C_US, "https://www.nick.com/" },
  { 11, "Cartoon Network", C_US, NULL },
  { 66, "Discovery", C_US, NULL },
  { 81, "Food Network", C_US, "https://www.foodnetwork.com/" },
  { 85, "PBS", C_US, "https://www.pbs.org/" },
  { 12, "BBC One", C_GB, "https://www.bbc.co.uk/bbcone" },
  { 37, "BBC Two", C_GB, "https://www.bbc.co.uk/bbctwo" },
  { 35, "ITV1", C_GB, NULL },
  { 45, "Channel 4", C_GB, "https://www.channel4.com/" },
  { 41, "E4", C_GB, NULL },
  { 36, "CBC", C_CA, "https://www.cbc.ca/" },
  { 74, "CTV", C_CA, NULL },
  { 114, "ABC TV", C_AU, NULL },
  { 96, "TF1", C_FR, "https://www.tf1.fr/" },
  { 119, "France 2", C_FR, NULL },
  { 191, "ZDF", C_DE, "https://www.zdf.de/" },
  { 342, "Das Erste", C_DE, NULL },
  { 130, "NHK", C_JP, "https://www.nhk.or.jp/" },
  { 132, "TV Tokyo", C_JP, NULL },
  { 171, "Tokyo MX", C_JP, NULL },
  { 156, "KBS2", C_KR, NULL },
  { 294, "tvN", C_KR, "https://tvn.cjenm.com/" },
  { 236, "TV Globo", C_BR, NULL },
  { 160, "Rai 1", C_IT, NULL },
  { 225, "Antena 3", C_ES, NULL },
  { 232, "SVT1", C_SE, "https://www.svtplay.se/" },
  { 403, "NPO 1", C_NL, NULL },
  { 312, "Star Plus", C_IN, NULL },
  { 412, "Las Estrellas", C_MX, NULL },
  { 268, "Channel One", C_RU, NULL },
  { 378, "Show TV", C_TR, NULL },
  { 253, "DR1", C_DK, "https://www.dr.dk/" },
  { 289, "NRK1", C_NO, NULL },
  { 466, "Hunan TV", C_CN, NULL },
};

static const Channel web_channels[] = {
  { 1, "Netflix", C_NONE, "https://www.netflix.com/" },
  { 3, "Prime Video", C_NONE, "https://www.primevideo.com/" },
  { 310, "Apple TV+", C_NONE, "https://tv.apple.com/" },
  { 287, "Disney+", C_NONE, "https://www.disneyplus.com/" },
  { 21, "YouTube", C_NONE, "https://www.youtube.com/" },
  { 35, "Crunchyroll", C_NONE, NULL },
  { 119, "Viki", C_NONE, NULL },
  { 2, "Hulu", C_US, "https://www.hulu.com/" },
  { 347, "Peacock", C_US, "https://www.peacocktv.com/" },
  { 107, "Paramount+", C_US, NULL },
  { 329, "Max", C_US, "https://www.max.com/" },
  { 26, "BBC iPlayer", C_GB, "https://www.bbc.co.uk/iplayer" },
  { 482, "ITVX", C_GB, NULL },
  { 146, "Stan", C_AU, NULL },
  { 187, "Crave", C_CA, NULL },
  { 155, "iQIYI", C_CN, NULL },
  { 166, "TVING", C_KR, NULL },
  { 270, "ARD Mediathek", C_DE, NULL },
  { 401, "Globoplay", C_BR, NULL },
};

static const char *
pick_weighted (Rng            *rng,
               const Weighted *table,
               guint           n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += table[i].weight;

  r = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < table[i].weight)
        return table[i].name;
      r -= table[i].weight;
    }

  return table[0].name;
}

#define PICK_WEIGHTED(rng, table) (pick_weighted ((rng), (table), G_N_ELEMENTS (table)))

/* ------------------------------------------------------------------------------------------
 * Dates
 */

static void
civil_from_days (gint64    days,
                 int      *year,
                 unsigned *month,
                 unsigned *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;

  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

void
sf_fake_format_date (gint64 days,
                     char   buf[16])
{
  int y;
  unsigned m, d;

  civil_from_days (days, &y, &m, &d);
  g_snprintf (buf, 16, "%04d-%02u-%02u", y, m, d);
}

/* 0 is Sunday, like weekdays[]. 1970-01-01 was a Thursday. */
static guint
weekday_of (gint64 days)
{
  return (guint) ((((days + 4) % 7) + 7) % 7);
}

/* "2013-06-25T02:00:00+00:00" for a local airtime ("" reads as the usual noon placeholder). */
void
sf_fake_format_airstamp (gint64      airday,
                         const char *airtime,
                         int         utc_offset_min,
                         char        buf[32])
{
  gint64 seconds;
  gint64 days;
  int rest;
  char date[16];

  if (airtime == NULL || airtime[0] == '\0')
    seconds = airday * 86400 + 12 * 3600;
  else
    seconds = airday * 86400
              + (g_ascii_digit_value (airtime[0]) * 10 + g_ascii_digit_value (airtime[1])) * 3600
              + (g_ascii_digit_value (airtime[3]) * 10 + g_ascii_digit_value (airtime[4])) * 60
              - (gint64) utc_offset_min * 60;

  days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  rest = (int) (seconds - days * 86400);
  sf_fake_format_date (days, date);
  g_snprintf (buf, 32, "%sT%02d:%02d:00+00:00", date, rest / 3600, (rest / 60) % 60);
}

/* ------------------------------------------------------------------------------------------
 * Shows
 */

void
sf_fake_show_clear (FakeShow *show)
{
  g_clear_pointer (&show->name, g_free);
  g_clear_pointer (&show->summary, g_free);
}

gboolean
sf_fake_catalog_show_exists (SfFakeCatalog *self,
                             gint64         id)
{
  Rng rng;

  if (id < 1 || id > (gint64) self->n_shows)
    return FALSE;
  if (id <= NEVER_GAP_BELOW)
    return TRUE;

  /* A few deterministic holes, like shows deleted from TVmaze. */
  rng_init (&rng, self->seed, id, STREAM_GAP);
  return rng_next (&rng) % 97 != 0;
}

static char *
name_generate (guint64      seed,
               gint64       id,
               const char **forced_language)
{
  GString *s = g_string_new (NULL);
  Rng rng;
  guint pattern;
  guint extra;

  rng_init (&rng, seed, id, STREAM_NAME);
  pattern = rng_below (&rng, 100);
  *forced_language = NULL;

  if (pattern < 4)
    {
      const ForeignTitle *title = &foreign_titles[rng_below (&rng, G_N_ELEMENTS (foreign_titles))];

      g_string_append (s, title->title);
      *forced_language = title->language;
    }
  else if (pattern < 20)
    g_string_append_printf (s, "The %s %s", PICK (&rng, sf_fake_adjectives), PICK (&rng, nouns));
  else if (pattern < 34)
    g_string_append_printf (s, "%s %s", PICK (&rng, sf_fake_adjectives),
                            PICK (&rng, sf_fake_plurals));
  else if (pattern < 41)
    g_string_append_printf (s, "The %s", PICK (&rng, sf_fake_plurals));
  else if (pattern < 49)
    {
      guint a = rng_below (&rng, G_N_ELEMENTS (nouns));
      guint b = (a + 1 + rng_below (&rng, G_N_ELEMENTS (nouns) - 1)) % G_N_ELEMENTS (nouns);

      g_string_append_printf (s, "%s & %s", nouns[a], nouns[b]);
    }
  else if (pattern < 57)
    g_string_append_printf (s, "%s %s", PICK (&rng, sf_fake_places), PICK (&rng, sf_fake_plurals));
  else if (pattern < 64)
    {
      const char *first = rng_percent (&rng, 50) ? PICK (&rng, sf_fake_male_names)
                                                 : PICK (&rng, sf_fake_female_names);

      g_string_append_printf (s, "%s's %s", first, PICK (&rng, nouns));
    }
  else if (pattern < 71)
    g_string_append_printf (s, "The %s of %s", PICK (&rng, nouns), PICK (&rng, sf_fake_places));
  else if (pattern < 77)
    g_string_append_printf (s, "%s %s: %s", PICK (&rng, sf_fake_adjectives), PICK (&rng, nouns),
                            PICK (&rng, sf_fake_places));
  else if (pattern < 83)
    g_string_append_printf (s, "%s of the %s %s", PICK (&rng, sf_fake_plurals),
                            PICK (&rng, sf_fake_adjectives), PICK (&rng, nouns));
  else if (pattern < 90)
    g_string_append_printf (s, "%s %s", PICK (&rng, nouns), PICK (&rng, nouns));
  else if (pattern < 95)
    g_string_append (s, PICK (&rng, sf_fake_places));
  else
    g_string_append_printf (s, "%s %s", PICK (&rng, sf_fake_adjectives),
                            PICK (&rng, sf_fake_places));

  extra = rng_below (&rng, 1000);
  if (extra < 20)
    g_string_append_printf (s, " %s", PICK (&rng, emoji));
  else if (extra < 25)
    {
      g_string_prepend_c (s, ' ');
      g_string_prepend (s, PICK (&rng, emoji));
    }
  else if (extra < 60)
    g_string_append_printf (s, " (%d)", rng_range (&rng, 1960, 2026));
  else if (extra < 70)
    g_string_append (s, " 2");

  return g_string_free (s, FALSE);
}

/* "https://www.tvmaze.com/shows/1/the-silent-harbour": ASCII letters and digits, dashes. */
char *
sf_fake_slugify (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else if (*p != '\'')
        dash = TRUE;
    }

  return g_string_free (slug, FALSE);
}

gint64
sf_fake_catalog_show_updated (SfFakeCatalog *self,
                              gint64         id)
{
  Rng rng;
  double r;

  /* Most shows were touched long ago; a few today, this week, this month. */
  rng_init (&rng, self->seed, id, STREAM_UPDATED);
  r = rng_double (&rng);
  return TODAY_EPOCH - (gint64) (r * r * 8 * 365 * 86400.0);
}

/* Popularity, 0..100; search uses it to order equally good matches. */
static int
show_weight (SfFakeCatalog *self,
             gint64         id)
{
  Rng rng;

  if (id == LONG_SHOW_ID)
    return 99;
  rng_init (&rng, self->seed, id, STREAM_WEIGHT);
  return (int) rng_below (&rng, 101);
}

static void
layout_generate (SfFakeCatalog *self,
                 gint64         id,
                 const char    *status,
                 Layout        *layout)
{
  Rng rng;

  memset (layout, 0, sizeof *layout);
  rng_init (&rng, self->seed, id, STREAM_LAYOUT);

  if (id == LONG_SHOW_ID)
    {
      layout->n_seasons = LONG_SHOW_SEASONS;
      for (guint s = 0; s < layout->n_seasons; s++)
        {
          layout->season_len[s] = (guint8) (28 + rng_below (&rng, 2));
          layout->season_gap[s] = (guint16) (365 - layout->season_len[s] * 7 + 7);
        }
      layout->n_specials = 7;
    }
  else if (g_strcmp0 (status, "In Development") != 0)
    {
      double u = rng_double (&rng);

      layout->n_seasons = 1 + (guint) (u * u * 12);
      for (guint s = 0; s < layout->n_seasons; s++)
        {
          layout->season_len[s] = (guint8) rng_range (&rng, 6, 24);
          layout->season_gap[s] = (guint16) rng_range (&rng, 90, 270);
        }
      if (rng_percent (&rng, 20))
        layout->n_specials = 1 + rng_below (&rng, 3);
    }

  for (guint i = 0; i < layout->n_specials; i++)
    {
      guint s = rng_below (&rng, layout->n_seasons);

      layout->special_season[i] = (guint8) (s + 1);
      layout->special_after[i] = (guint8) (1 + rng_below (&rng, layout->season_len[s]));
    }
}

/* Calls @func for each episode in airing order, specials included. */
typedef void (*EpisodeFunc) (const FakeEpisode *episode,
                             gpointer           user_data);

static void
layout_foreach_episode (const Layout *layout,
                        gint64        show_id,
                        EpisodeFunc   func,
                        gpointer      user_data)
{
  gint64 day = layout->first_day;
  guint ordinal = 0;

  for (guint s = 0; s < layout->n_seasons; s++)
    {
      for (guint e = 1; e <= layout->season_len[s]; e++)
        {
          FakeEpisode episode = { show_id * SHOW_ID_STRIDE + ++ordinal, s + 1, e, day };

          func (&episode, user_data);

          for (guint i = 0; i < layout->n_specials; i++)
            {
              if (layout->special_season[i] == s + 1 && layout->special_after[i] == e)
                {
                  FakeEpisode special = { show_id * SHOW_ID_STRIDE + ++ordinal, s + 1, 0,
                                          day + 3 };

                  func (&special, user_data);
                }
            }

          if (e < layout->season_len[s])
            day += 7;
        }
      day += layout->season_gap[s];
    }
}

static void
find_last_day (const FakeEpisode *episode,
               gpointer           user_data)
{
  gint64 *last = user_data;

  *last = MAX (*last, episode->airday);
}

static void
collect_episode (const FakeEpisode *episode,
                 gpointer           user_data)
{
  g_array_append_val ((GArray *) user_data, *episode);
}

GArray *
sf_fake_show_dup_episodes (const FakeShow *show)
{
  GArray *episodes = g_array_new (FALSE, FALSE, sizeof (FakeEpisode));

  layout_foreach_episode (&show->layout, show->id, collect_episode, episodes);
  return episodes;
}

static char *
summary_generate (SfFakeCatalog *self,
                  gint64         id,
                  const char    *name)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *place = NULL;
  GString *s;
  Rng rng;
  guint kind;

  rng_init (&rng, self->seed, id, STREAM_SUMMARY);
  kind = rng_below (&rng, 100);
  if (kind < 5)
    return NULL;
  if (kind < 8)
    return g_strdup ("");

  place = g_markup_escape_text (PICK (&rng, sf_fake_places), -1);
  s = g_string_new (NULL);
  g_string_append_printf (s, "<p><b>%s</b> follows %s who %s in %s.", escaped,
                          PICK (&rng, sf_fake_subjects), PICK (&rng, plots), place);
  if (rng_percent (&rng, 40))
    g_string_append_printf (s, " <i>Nothing is what it seems.</i>");
  g_string_append (s, "</p>");

  if (rng_percent (&rng, 35))
    g_string_append_printf (s, "<p>Based on the novel by %s %s &amp; %s %s.<br />"
                               "Filmed on location in %s.</p>",
                            PICK (&rng, sf_fake_female_names), PICK (&rng, sf_fake_last_names),
                            PICK (&rng, sf_fake_male_names), PICK (&rng,
                                                                   sf_fake_last_names), place);
  else if (rng_percent (&rng, 20))
    g_string_append (s, "<p>From the creators of <em>The Silent Harbour</em> &mdash; "
                        "now with <strong>twice</strong> the drama.</p>");

  return g_string_free (s, FALSE);
}

void
sf_fake_catalog_generate_show (SfFakeCatalog *self,
                               gint64         id,
                               FakeShow      *show)
{
  const char *forced_language;
  gboolean summary_overridden = FALSE;
  Override *override;
  Rng rng;
  guint channel_kind;
  const Country *country = NULL;
  gint64 last_offset = 0;
  guint n;

  memset (show, 0, sizeof *show);
  show->id = id;
  show->name = name_generate (self->seed, id, &forced_language);

  rng_init (&rng, self->seed, id, STREAM_SHOW);
  show->type = PICK_WEIGHTED (&rng, show_types);
  show->status = PICK_WEIGHTED (&rng, show_statuses);
  if (id == LONG_SHOW_ID)
    {
      show->type = "Animation";
      show->status = "Running";
    }

  channel_kind = rng_below (&rng, 100);
  if (channel_kind < 62 || id == LONG_SHOW_ID)
    show->network = &PICK (&rng, networks);
  else if (channel_kind < 92)
    show->web_channel = &PICK (&rng, web_channels);
  else if (channel_kind < 95)
    {
      show->network = &PICK (&rng, networks);
      show->web_channel = &PICK (&rng, web_channels);
    }

  if (show->network != NULL)
    country = &sf_fake_countries[show->network->country];
  else if (show->web_channel != NULL && show->web_channel->country != C_NONE)
    country = &sf_fake_countries[show->web_channel->country];

  if (forced_language != NULL)
    show->language = forced_language;
  else if (country != NULL && rng_percent (&rng, 85))
    show->language = country->language;
  else if (rng_percent (&rng, 2))
    show->language = NULL;
  else
    show->language = PICK_WEIGHTED (&rng, web_languages);

  n = rng_below (&rng, 100);
  n = n < 10 ? 0 : n < 45 ? 1 : n < 80 ? 2 : 3;
  while (show->n_genres < n)
    {
      const char *genre = PICK (&rng, sf_fake_genres);
      gboolean dup = FALSE;

      for (guint i = 0; i < show->n_genres; i++)
        dup |= show->genres[i] == genre;
      if (!dup)
        show->genres[show->n_genres++] = genre;
    }

  if (g_str_equal (show->type, "Animation"))
    show->runtime = rng_percent (&rng, 70) ? 22 : 25;
  else if (g_str_equal (show->type, "Talk Show") || g_str_equal (show->type, "News"))
    show->runtime = rng_percent (&rng, 50) ? 60 : 30;
  else
    show->runtime = (int) (rng_percent (&rng, 50) ? 60 : rng_percent (&rng, 60) ? 30 : 45);
  show->average_runtime = show->runtime;
  n = rng_below (&rng, 100);
  if (n < 15)
    {
      /* Variable-length episodes: TVmaze then only knows the average. */
      show->runtime = -1;
      show->average_runtime += rng_range (&rng, -6, 9);
    }
  else if (n < 18)
    show->runtime = show->average_runtime = -1;

  if (show->network != NULL)
    show->airtime = PICK (&rng, airtimes);
  else
    show->airtime = rng_percent (&rng, 15) ? PICK (&rng, airtimes) : "";

  show->rating = rng_percent (&rng, 30) ? -1.0
                 : 1.0 + (double) (int) (((rng_double (&rng) + rng_double (&rng)
                                           + rng_double (&rng)) / 3.0) * 89.0) / 10.0;
  if (id == LONG_SHOW_ID)
    show->rating = 8.9;
  show->weight = show_weight (self, id);
  show->has_official_site = rng_percent (&rng, 70);
  show->dvd_country = rng_percent (&rng, 3) ? (int) rng_below (&rng, N_COUNTRIES) : C_NONE;
  show->tvrage = rng_percent (&rng, 45) ? 1000 + id * 3 + (gint64) rng_below (&rng, 3) : -1;
  show->thetvdb = rng_percent (&rng, 80) ? 70000 + id * 5 + (gint64) rng_below (&rng, 5) : -1;
  show->imdb = rng_percent (&rng, 75) ? 100000 + (gint64) rng_below (&rng, 9000000) : -1;
  show->has_image = id == LONG_SHOW_ID || rng_percent (&rng, 90);
  show->updated = sf_fake_catalog_show_updated (self, id);

  if (id == LONG_SHOW_ID)
    {
      show->n_cast = LONG_SHOW_CAST;
      show->n_crew = LONG_SHOW_CREW;
    }
  else
    {
      gboolean unscripted = g_str_equal (show->type, "Talk Show")
                            || g_str_equal (show->type, "News")
                            || g_str_equal (show->type, "Sports");

      show->n_cast = rng_percent (&rng, 5) ? 0 : (guint) rng_range (&rng, 1, unscripted ? 4 : 24);
      show->n_crew = (guint) rng_range (&rng, 0, 8);
    }

  /* The episode list decides the dates: a running show's last season is still airing, an
   * ended show ended on its last episode. */
  layout_generate (self, id, show->status, &show->layout);
  layout_foreach_episode (&show->layout, id, find_last_day, &last_offset);

  if (show->layout.n_seasons == 0)
    {
      show->has_premiered = rng_percent (&rng, 30);
      show->premiered = TODAY + rng_range (&rng, 30, 400);
    }
  else if (g_str_equal (show->status, "Running"))
    {
      gint64 ahead = 7 + rng_below (&rng, (guint) MIN (last_offset / 2, 120) + 1);

      show->has_premiered = TRUE;
      show->premiered = TODAY - last_offset + ahead;
    }
  else
    {
      gint64 latest = TODAY - last_offset - 30;

      show->has_premiered = TRUE;
      show->premiered = DAY_1950 + (gint64) (sqrt (rng_double (&rng))
                                             * (double) MAX (latest - DAY_1950, 0));
      if (g_str_equal (show->status, "Ended"))
        {
          show->has_ended = TRUE;
          show->ended = show->premiered + last_offset;
        }
    }
  show->layout.first_day = show->premiered;

  if (show->has_premiered)
    {
      if (g_str_equal (show->type, "Talk Show") || g_str_equal (show->type, "News"))
        show->schedule_days = 0x3e;     /* Monday to Friday */
      else if (show->network != NULL || rng_percent (&rng, 30))
        show->schedule_days = 1u << weekday_of (show->premiered);
    }

  g_mutex_lock (&self->lock);
  override = g_hash_table_lookup (self->overrides, &id);
  if (override != NULL && override->name != NULL)
    {
      g_free (show->name);
      show->name = g_strdup (override->name);
    }
  if (override != NULL && override->summary != NULL)
    {
      show->summary = g_strdup (override->summary);
      summary_overridden = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (!summary_overridden)
    show->summary = summary_generate (self, id, show->name);
}

/* ------------------------------------------------------------------------------------------
 * Episode and people names
 */

char *
sf_fake_episode_name (Rng               *rng,
                      const FakeEpisode *episode)
{
  if (episode->number == 0)
    return g_strdup_printf ("%s %s Special", PICK (rng, sf_fake_adjectives), PICK (rng, nouns));
  if (episode->season == 1 && episode->number == 1)
    return g_strdup ("Pilot");

  switch (rng_below (rng, 6))
    {
    case 0:
      return g_strdup_printf ("The %s", PICK (rng, nouns));
    case 1:
      return g_strdup_printf ("%s %s", PICK (rng, sf_fake_adjectives), PICK (rng, nouns));
    case 2:
      return g_strdup_printf ("Chapter %u", episode->number);
    case 3:
      return g_strdup (PICK (rng, sf_fake_plurals));
    case 4:
      return g_strdup_printf ("%s & the %s", PICK (rng, sf_fake_female_names), PICK (rng, nouns));
    default:
      return g_strdup_printf ("%s of %s", PICK (rng, sf_fake_plurals), PICK (rng, sf_fake_places));
    }
}


char *
sf_fake_catalog_episode_name (SfFakeCatalog     *self,
                              const FakeEpisode *episode)
{
  Rng rng;

  rng_init (&rng, self->seed, episode->id, STREAM_EPISODE);
  return sf_fake_episode_name (&rng, episode);
}


char *
sf_fake_catalog_person_name (SfFakeCatalog  *self,
                             gint64          person_id,
                             const char    **gender)
{
  Rng rng;
  const char *first;

  rng_init (&rng, self->seed, person_id, STREAM_PERSON);
  if (rng_percent (&rng, 50))
    {
      first = PICK (&rng, sf_fake_male_names);
      *gender = "Male";
    }
  else
    {
      first = PICK (&rng, sf_fake_female_names);
      *gender = "Female";
    }

  return g_strdup_printf ("%s %s", first, PICK (&rng, sf_fake_last_names));
}

gboolean
sf_fake_catalog_person_exists (SfFakeCatalog *self,
                               gint64         person_id)
{
  g_auto(FakeShow) show = { 0, };
  gint64 show_id = person_id / SHOW_ID_STRIDE;
  gint64 row = person_id % SHOW_ID_STRIDE - 1;

  if (person_id <= 0 || row < 0 || row >= CREW_ID_OFFSET ||
      !sf_fake_catalog_show_exists (self, show_id))
    return FALSE;

  sf_fake_catalog_generate_show (self, show_id, &show);
  return row < show.n_cast;
}

GArray *
sf_fake_catalog_person_credits (SfFakeCatalog *self,
                                gint64         person_id)
{
  GArray *shows = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 home = person_id / SHOW_ID_STRIDE;
  guint n_extra;
  Rng rng;

  g_array_append_val (shows, home);

  /* A stream of its own, so the person's other fields never change with this. */
  rng_init (&rng, self->seed, person_id, STREAM_PERSON);
  rng.state ^= G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
  n_extra = person_id == MANY_CREDITS_PERSON_ID ? MANY_CREDITS - 1 : rng_below (&rng, 4);

  for (guint i = 0, tries = 0; i < n_extra && tries < n_extra * 8 + 8; tries++)
    {
      gint64 id;

      /* The 500 credits walk the catalog (twice over in a small one); the others land
       * anywhere in it. */
      if (person_id == MANY_CREDITS_PERSON_ID)
        id = 2 + (gint64) (tries % MAX (self->n_shows - 1, 1));
      else
        id = 1 + (gint64) rng_below (&rng, self->n_shows);
      if (!sf_fake_catalog_show_exists (self, id))
        continue;
      g_array_append_val (shows, id);
      i++;
    }

  return shows;
}

guint
sf_fake_catalog_search_people (SfFakeCatalog *self,
                               const char    *text,
                               Hit           *hits,
                               guint          max_hits)
{
  g_autofree char *needle = NULL;
  guint n_hits = 0;
  gint64 last = MIN ((gint64) self->n_shows, PEOPLE_SEARCH_SHOWS);

  if (text == NULL || max_hits == 0)
    return 0;
  needle = g_utf8_casefold (text, -1);
  g_strstrip (needle);
  if (*needle == '\0')
    return 0;

  for (gint64 show_id = 1; show_id <= last && n_hits < max_hits; show_id++)
    {
      g_auto(FakeShow) show = { 0, };

      if (!sf_fake_catalog_show_exists (self, show_id))
        continue;
      sf_fake_catalog_generate_show (self, show_id, &show);
      for (guint row = 0; row < MIN (show.n_cast, PEOPLE_SEARCH_ROWS) && n_hits < max_hits;
           row++)
        {
          gint64 id = show_id * SHOW_ID_STRIDE + row + 1;
          const char *gender;
          g_autofree char *name = sf_fake_catalog_person_name (self, id, &gender);
          g_autofree char *folded = g_utf8_casefold (name, -1);

          if (strstr (folded, needle) == NULL)
            continue;
          hits[n_hits].id = id;
          /* An exact name ranks first, as on TVmaze. */
          hits[n_hits].score = g_str_equal (folded, needle) ? 1.0 : 0.5;
          n_hits++;
        }
    }

  return n_hits;
}


/* ------------------------------------------------------------------------------------------
 * Search
 */

static char *
fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *normal = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal != NULL ? normal : valid, -1);
}

static void
index_ensure_locked (SfFakeCatalog *self)
{
  if (self->index_names != NULL)
    return;

  self->index_chunk = g_string_chunk_new (1024 * 1024);
  self->index_names = g_new0 (const char *, self->n_shows + 1);

  for (gint64 id = 1; id <= (gint64) self->n_shows; id++)
    {
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;
      Override *override;

      if (!sf_fake_catalog_show_exists (self, id))
        continue;

      /* Writers of overrides hold index_lock too, so reading here is safe. */
      override = g_hash_table_lookup (self->overrides, &id);
      if (override != NULL && override->name != NULL)
        name = g_strdup (override->name);
      else
        {
          const char *language;

          name = name_generate (self->seed, id, &language);
        }
      folded = fold (name);
      self->index_names[id] = g_string_chunk_insert (self->index_chunk, folded);
    }
}

void
sf_fake_catalog_build_index (SfFakeCatalog *self)
{
  g_mutex_lock (&self->index_lock);
  index_ensure_locked (self);
  g_mutex_unlock (&self->index_lock);
}

static inline gboolean
is_word_byte (char c)
{
  return (guchar) c >= 0x80 || g_ascii_isalnum (c);
}

/* Exact > prefix > whole word > word prefix > substring; shorter names first among equals. */
static double
match_score (const char  *name,
             const char  *query,
             gsize        query_len,
             char       **tokens)
{
  const char *hit = strstr (name, query);
  gsize name_len;
  double base = 0;

  if (hit != NULL)
    {
      name_len = strlen (name);
      if (hit == name && name_len == query_len)
        base = 1.0;
      else if (hit == name || (g_str_has_prefix (name, "the ") && hit == name + 4))
        base = 0.85;
      else
        {
          base = 0.5;
          for (const char *p = hit; p != NULL; p = strstr (p + 1, query))
            {
              gboolean starts = p == name || !is_word_byte (p[-1]);
              gboolean ends = !is_word_byte (p[query_len]);

              if (starts && ends)
                {
                  base = 0.75;
                  break;
                }
              if (starts)
                base = 0.65;
            }
        }
    }
  else if (tokens[0] != NULL && tokens[1] != NULL)
    {
      /* "harbour silent" still finds "The Silent Harbour", a little lower. */
      for (guint i = 0; tokens[i] != NULL; i++)
        if (strstr (name, tokens[i]) == NULL)
          return 0;
      name_len = strlen (name);
      base = 0.3;
    }
  else
    return 0;

  return base - MIN (name_len - MIN (name_len, query_len), 100) * 0.001;
}

guint
sf_fake_catalog_search (SfFakeCatalog *self,
                        const char    *text,
                        Hit           *hits,
                        guint          max_hits)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *query = NULL;
  g_auto(GStrv) split = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  gsize query_len;
  guint n_hits = 0;

  if (trimmed[0] == '\0')
    return 0;

  query = fold (trimmed);
  query_len = strlen (query);
  split = g_strsplit_set (query, " \t\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_ptr_array_add (tokens, split[i]);
  g_ptr_array_add (tokens, NULL);

  g_mutex_lock (&self->index_lock);
  index_ensure_locked (self);

  for (gint64 id = 1; id <= (gint64) self->n_shows; id++)
    {
      const char *name = self->index_names[id];
      double score;
      guint at;

      if (name == NULL)
        continue;
      score = match_score (name, query, query_len, (char **) tokens->pdata);
      if (score <= 0 || (n_hits == max_hits && score + 0.001 <= hits[n_hits - 1].score))
        continue;
      /* More popular shows first among equal matches, as on TVmaze. */
      score += show_weight (self, id) * 0.000009;
      if (n_hits == max_hits && score <= hits[n_hits - 1].score)
        continue;

      /* Ids come in ascending order, so equal scores keep the lower id first. */
      at = MIN (n_hits, max_hits - 1);
      while (at > 0 && hits[at - 1].score < score)
        {
          if (at < max_hits)
            hits[at] = hits[at - 1];
          at--;
        }
      hits[at].score = score;
      hits[at].id = id;
      n_hits = MIN (n_hits + 1, max_hits);
    }

  g_mutex_unlock (&self->index_lock);

  return n_hits;
}

/* ------------------------------------------------------------------------------------------
 * The catalog
 */

static void
override_free (gpointer data)
{
  Override *override = data;

  g_free (override->name);
  g_free (override->summary);
  g_free (override);
}

SfFakeCatalog *
sf_fake_catalog_new (guint   n_shows,
                     guint64 seed)
{
  SfFakeCatalog *self = g_new0 (SfFakeCatalog, 1);

  /* Episode and person ids are show * 10,000 + n: keep them well inside 2^53. */
  self->n_shows = MIN (n_shows, 100000000u);
  self->seed = seed;
  g_mutex_init (&self->lock);
  g_mutex_init (&self->index_lock);
  self->overrides = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, override_free);

  return self;
}

void
sf_fake_catalog_free (SfFakeCatalog *self)
{
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->index_chunk, g_string_chunk_free);
  g_clear_pointer (&self->index_names, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->index_lock);
  g_free (self);
}

void
sf_fake_catalog_override_show (SfFakeCatalog *self,
                               gint64         id,
                               const char    *name,
                               const char    *summary_html)
{
  Override *override;

  g_return_if_fail (sf_fake_catalog_show_exists (self, id));

  g_mutex_lock (&self->index_lock);
  g_mutex_lock (&self->lock);

  override = g_hash_table_lookup (self->overrides, &id);
  if (override == NULL)
    {
      override = g_new0 (Override, 1);
      g_hash_table_insert (self->overrides, g_memdup2 (&id, sizeof id), override);
    }
  g_free (override->name);
  override->name = g_strdup (name);
  g_free (override->summary);
  override->summary = g_strdup (summary_html);

  if (self->index_names != NULL)
    {
      g_autofree char *generated = NULL;
      g_autofree char *folded = NULL;

      if (name == NULL)
        {
          const char *language;

          generated = name_generate (self->seed, id, &language);
        }
      folded = fold (name != NULL ? name : generated);
      self->index_names[id] = g_string_chunk_insert (self->index_chunk, folded);
    }

  g_mutex_unlock (&self->lock);
  g_mutex_unlock (&self->index_lock);
}

char *
sf_fake_catalog_dup_show_name (SfFakeCatalog *self,
                               gint64         id)
{
  Override *override;
  const char *language;
  char *name = NULL;

  if (!sf_fake_catalog_show_exists (self, id))
    return NULL;

  g_mutex_lock (&self->lock);
  override = g_hash_table_lookup (self->overrides, &id);
  if (override != NULL && override->name != NULL)
    name = g_strdup (override->name);
  g_mutex_unlock (&self->lock);

  return name != NULL ? name : name_generate (self->seed, id, &language);
}
