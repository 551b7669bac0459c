/* sf-fake-catalog.h: the generated catalog of the fake TVmaze
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The catalog is generated, never stored: every show, episode and person is a pure function
 * of (seed, id) drawn from its own splitmix64 stream, so an index page of 250 shows costs a
 * few milliseconds and a catalog of 90,000 shows costs no memory until it is searched. The
 * JSON writers draw from the same streams, in the same order, so the answers for a seed never
 * change. */

#define MAX_SEARCH_RESULTS    10
#define SHOW_ID_STRIDE        10000   /* episode, person and character ids: show * this + n */
#define SEASON_ID_STRIDE      100     /* season ids: show * this + number */
#define CREW_ID_OFFSET        5000
#define LONG_SHOW_ID          1       /* the "Simpsons-like" show: 35 seasons, 1,400 cast rows */
#define LONG_SHOW_SEASONS     35
#define LONG_SHOW_CAST        1400
#define LONG_SHOW_CREW        60
#define MAX_SEASONS           35
#define MAX_SPECIALS          8
#define NEVER_GAP_BELOW       20
/* People: the cast of the shows; each is in their own show and in up to 3 others, except the
 * first of the long show's cast, who has MANY_CREDITS credits (the page's stress case). */
#define MANY_CREDITS_PERSON_ID ((gint64) LONG_SHOW_ID * SHOW_ID_STRIDE + 1)
#define MANY_CREDITS          500
#define PEOPLE_SEARCH_SHOWS   400     /* person search scans the cast of shows 1..this */
#define PEOPLE_SEARCH_ROWS    12      /* and the first rows of each cast */

/* The fake's "today" is fixed, so "next episode" and "updated since" never drift. */
#define TODAY                 20758   /* 2026-11-01, in days since 1970-01-01 */
#define TODAY_EPOCH           ((gint64) TODAY * 86400)
#define DAY_1950              (-7305) /* 1950-01-01 */

enum
{
  STREAM_GAP = 1,
  STREAM_NAME,
  STREAM_SHOW,
  STREAM_LAYOUT,
  STREAM_SUMMARY,
  STREAM_UPDATED,
  STREAM_EPISODE,
  STREAM_SEASON,
  STREAM_CAST,
  STREAM_PERSON,
  STREAM_CHARACTER,
  STREAM_COLOUR,
  STREAM_WEIGHT,
};

/* Deterministic randomness */

typedef struct
{
  guint64 state;
} Rng;

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline void
rng_init (Rng     *rng,
          guint64  seed,
          gint64   id,
          guint    stream)
{
  guint64 s = seed;

  rng->state = splitmix64 (&s)
               ^ ((guint64) id * G_GUINT64_CONSTANT (0xD6E8FEB86659FD93))
               ^ ((guint64) stream * G_GUINT64_CONSTANT (0xA0761D6478BD642F));
  splitmix64 (&rng->state);
}

static inline guint64
rng_next (Rng *rng)
{
  return splitmix64 (&rng->state);
}

/* Uniform in [0, n). */
static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  return lo + (int) rng_below (rng, (guint) (hi - lo + 1));
}

static inline double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
rng_percent (Rng   *rng,
             guint  percent)
{
  return rng_below (rng, 100) < percent;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])


/* Word lists and countries the writers draw from too */

extern const char * const sf_fake_adjectives[54];
extern const char * const sf_fake_plurals[51];
extern const char * const sf_fake_places[30];
extern const char * const sf_fake_male_names[32];
extern const char * const sf_fake_female_names[32];
extern const char * const sf_fake_last_names[40];
extern const char * const sf_fake_genres[28];
extern const char * const sf_fake_weekdays[7];
extern const char * const sf_fake_subjects[12];

typedef struct
{
  const char *name;
  const char *code;
  const char *timezone;
  int         utc_offset_min;
  const char *language;
} Country;

enum
{
  C_US, C_GB, C_CA, C_AU, C_FR, C_DE, C_JP, C_KR, C_BR, C_IT, C_ES, C_SE, C_NL, C_IN, C_MX,
  C_RU, C_TR, C_DK, C_NO, C_CN, N_COUNTRIES, C_NONE = -1
};

extern const Country sf_fake_countries[N_COUNTRIES];

typedef struct
{
  int         id;
  const char *name;
  int         country;          /* C_NONE: a global service */
  const char *official_site;    /* nullable */
} Channel;

/* Shows */

typedef struct
{
  guint   n_seasons;
  guint8  season_len[MAX_SEASONS];
  guint16 season_gap[MAX_SEASONS];      /* days from a season's last episode to the next */
  guint   n_specials;
  guint8  special_season[MAX_SPECIALS]; /* 1-based */
  guint8  special_after[MAX_SPECIALS];  /* airs 3 days after this episode number */
  gint64  first_day;
} Layout;

typedef struct
{
  gint64         id;
  char          *name;            /* owned */
  char          *summary;         /* owned, nullable */
  const char    *type;
  const char    *status;
  const char    *language;        /* nullable */
  const char    *genres[3];
  guint          n_genres;
  int            runtime;         /* -1: null */
  int            average_runtime; /* -1: null */
  gboolean       has_premiered;
  gint64         premiered;
  gboolean       has_ended;
  gint64         ended;
  gboolean       has_official_site;
  const char    *airtime;         /* schedule.time, "" when none */
  guint          schedule_days;   /* bit per weekdays[] index */
  double         rating;          /* < 0: null */
  int            weight;
  const Channel *network;         /* nullable */
  const Channel *web_channel;     /* nullable */
  int            dvd_country;     /* C_NONE: null */
  gint64         tvrage;          /* < 0: null */
  gint64         thetvdb;         /* < 0: null */
  gint64         imdb;            /* < 0: null */
  gboolean       has_image;
  gint64         updated;
  guint          n_cast;
  guint          n_crew;
  Layout         layout;
} FakeShow;

typedef struct
{
  gint64 id;
  guint  season;
  guint  number;                  /* 0: a special (number null) */
  gint64 airday;
} FakeEpisode;

void     sf_fake_show_clear             (FakeShow          *show);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FakeShow, sf_fake_show_clear)
/* FakeEpisode, in airing order */
GArray  *sf_fake_show_dup_episodes      (const FakeShow    *show);

char    *sf_fake_slugify                (const char        *name);
void     sf_fake_format_date            (gint64             days,
                                         char               buf[16]);
void     sf_fake_format_airstamp        (gint64             airday,
                                         const char        *airtime,
                                         int                utc_offset_min,
                                         char               buf[32]);
char    *sf_fake_episode_name           (Rng               *rng,
                                         const FakeEpisode *episode);

typedef struct
{
  double score;
  gint64 id;
} Hit;

typedef struct
{
  /* Immutable after construction. */
  guint          n_shows;
  guint64        seed;

  /* Guarded by lock. */
  GMutex         lock;
  GHashTable    *overrides;       /* gint64 * -> Override; written with index_lock held too */

  /* Guarded by index_lock: the casefolded names that search scans, built once. */
  GMutex         index_lock;
  GStringChunk  *index_chunk;
  const char   **index_names;     /* [n_shows + 1], NULL for gaps */
} SfFakeCatalog;

SfFakeCatalog *sf_fake_catalog_new            (guint              n_shows,
                                               guint64            seed);
void           sf_fake_catalog_free           (SfFakeCatalog     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfFakeCatalog, sf_fake_catalog_free)

gboolean       sf_fake_catalog_show_exists    (SfFakeCatalog     *self,
                                               gint64             id);
gint64         sf_fake_catalog_show_updated   (SfFakeCatalog     *self,
                                               gint64             id);
void           sf_fake_catalog_generate_show  (SfFakeCatalog     *self,
                                               gint64             id,
                                               FakeShow          *show);
char          *sf_fake_catalog_episode_name   (SfFakeCatalog     *self,
                                               const FakeEpisode *episode);
char          *sf_fake_catalog_person_name    (SfFakeCatalog     *self,
                                               gint64             person_id,
                                               const char       **gender);
/* Replaces a show's name and summary (NULL: keep the generated one). */
void           sf_fake_catalog_override_show  (SfFakeCatalog     *self,
                                               gint64             id,
                                               const char        *name,
                                               const char        *summary_html);
char          *sf_fake_catalog_dup_show_name  (SfFakeCatalog     *self,
                                               gint64             id);
/* People: a person id is show * SHOW_ID_STRIDE + row + 1 for a row of that show's cast. */
gboolean       sf_fake_catalog_person_exists  (SfFakeCatalog     *self,
                                               gint64             person_id);
/* The shows of the person's credits, their own show first (a show may come twice: two
 * characters). Returns: (element-type gint64) */
GArray        *sf_fake_catalog_person_credits (SfFakeCatalog     *self,
                                               gint64             person_id);
/* People whose name contains @text (casefolded), best first. */
guint          sf_fake_catalog_search_people  (SfFakeCatalog     *self,
                                               const char        *text,
                                               Hit               *hits,
                                               guint              max_hits);
/* Builds the search index now (any thread), so that the first search doesn't pay for it. */
void           sf_fake_catalog_build_index    (SfFakeCatalog     *self);
guint          sf_fake_catalog_search         (SfFakeCatalog     *self,
                                               const char        *text,
                                               Hit               *hits,
                                               guint              max_hits);

G_END_DECLS
