/* sf-fake-server.c: a fake TVmaze API for tests, benchmarks and the offline demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-fake-server.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

/* The catalog is generated, never stored: every show, episode and person is a pure function
 * of (seed, id) drawn from its own splitmix64 stream, so an index page of 250 shows costs a
 * few milliseconds and a catalog of 90,000 shows costs no memory until it is searched. */

#define PAGE_SIZE             250
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

/* The fake's "today" is fixed, so "next episode" and "updated since" never drift. */
#define TODAY                 20758   /* 2026-11-01, in days since 1970-01-01 */
#define TODAY_EPOCH           ((gint64) TODAY * 86400)
#define DAY_1950              (-7305) /* 1950-01-01 */

#define POSTER_WIDTH          210
#define POSTER_HEIGHT         295
#define ORIGINAL_WIDTH        420
#define ORIGINAL_HEIGHT       590
#define LANDSCAPE_WIDTH       250
#define LANDSCAPE_HEIGHT      140
#define N_COLOUR_BUCKETS      24
#define HUGE_SIDE             20000
#define BIG_BIN_SIZE          (20 * 1024 * 1024)
#define CORRUPT_SIZE          4096

#define DRIP_PIECES           30
#define DRIP_INTERVAL_MS      50      /* 30 pieces, 1.5 s in all */

/* libsoup 3.2 has no name for it */
#define STATUS_TOO_MANY_REQUESTS 429

#define API_CACHE_CONTROL     "public, max-age=3600"
#define IMAGE_CACHE_CONTROL   "public, max-age=86400"

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

typedef enum
{
  IMAGE_MEDIUM,
  IMAGE_ORIGINAL,
  IMAGE_LANDSCAPE,
  N_IMAGE_KINDS
} ImageKind;

static const char * const image_kind_dirs[N_IMAGE_KINDS] = { "medium", "original", "landscape" };

typedef enum
{
  EMBED_EPISODES = 1 << 0,
  EMBED_CAST     = 1 << 1,
  EMBED_CREW     = 1 << 2,
  EMBED_SEASONS  = 1 << 3,
  EMBED_NEXT     = 1 << 4,
  EMBED_PREVIOUS = 1 << 5,
} Embeds;

typedef struct
{
  char          *prefix;      /* owned, nullable: any API path */
  SfFakeFailure  failure;
  guint          remaining;
} FailRule;

typedef struct
{
  char *name;                 /* owned, nullable: keep the generated one */
  char *summary;              /* owned, nullable: keep the generated one */
} Override;

struct _SfFakeServer
{
  GObject parent_instance;

  /* Immutable after construction. */
  guint          n_shows;
  guint64        seed;

  /* Owned by the thread that calls start() and stop(). */
  GThread       *thread;
  GThread       *index_thread;
  GMainContext  *context;
  GMainLoop     *loop;
  GThreadPool   *pool;            /* generates API answers off the server thread */
  char          *url;            /* set before start() returns, read-only while running */

  /* start() waits for the server thread to listen (or fail). */
  GMutex         start_lock;
  GCond          start_cond;
  gboolean       start_done;
  GError        *start_error;
  guint          start_port;

  /* Knobs, read and written with atomics. */
  gint           api_latency_ms;
  gint           image_latency_ms;
  gint           retry_after_s;

  /* Guarded by lock. */
  GMutex         lock;
  GQueue         failures;        /* FailRule */
  GHashTable    *request_counts;  /* "path?query" -> count */
  GHashTable    *overrides;       /* gint64 * -> Override; written with index_lock held too */

  /* Guarded by index_lock: the casefolded names that search scans, built once. */
  GMutex         index_lock;
  GStringChunk  *index_chunk;
  const char   **index_names;     /* [n_shows + 1], NULL for gaps */

  /* Touched only on the server thread (or after it has been joined). */
  SoupServer    *server;
  GList         *pending;         /* Request, answers that wait on a timer or forever */
  GBytes        *images[N_IMAGE_KINDS][N_COLOUR_BUCKETS];
  GBytes        *huge_png;
  GBytes        *big_bin;
  GBytes        *corrupt_png;
};

G_DEFINE_FINAL_TYPE (SfFakeServer, sf_fake_server, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------
 * Deterministic randomness
 */

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

static void
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

/* ------------------------------------------------------------------------------------------
 * Word lists
 */

static const char * const adjectives[] = {
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

static const char * const plurals[] = {
  "Detectives", "Sisters", "Brothers", "Neighbours", "Strangers", "Chronicles", "Diaries",
  "Files", "Tales", "Hunters", "Dreamers", "Outlaws", "Rebels", "Doctors", "Lawyers", "Chefs",
  "Pilots", "Spies", "Witches", "Ghosts", "Kings", "Queens", "Wolves", "Ravens", "Foxes",
  "Giants", "Saints", "Sinners", "Survivors", "Misfits", "Heirs", "Nomads", "Riders",
  "Runners", "Keepers", "Mysteries", "Secrets", "Lies", "Games", "Days", "Nights", "Years",
  "Roads", "Waves", "Stars", "Voices", "Whispers", "Echoes", "Bones", "Streets", "Fiancées",
};

static const char * const places[] = {
  "Harlow", "Brightwater", "Kingsbridge", "Oakridge", "Ravenholm", "Port Ellis", "Cedar Falls",
  "Westmoor", "Silverlake", "Dunmore", "Ashford", "Montclair", "Malmö", "São Paulo", "Kraków",
  "Reykjavík", "Córdoba", "Kyoto", "Marseille", "Lagos", "Tromsø", "Montréal", "Zürich",
  "Bogotá", "Galway", "Hobart", "Nairobi", "Valparaíso", "Brooklyn", "Saint-Étienne",
};

static const char * const male_names[] = {
  "James", "Oliver", "Lucas", "Mateo", "Noah", "Ethan", "Liam", "Hiroshi", "Kenji", "Min-jun",
  "Arjun", "Rahul", "Omar", "Youssef", "Björn", "Søren", "José", "André", "François", "Jürgen",
  "Nikolai", "Dmitri", "Luca", "Marco", "Pedro", "Tomás", "Kwame", "Chidi", "Seán", "Patrick",
  "Frank", "Sam",
};

static const char * const female_names[] = {
  "Emma", "Olivia", "Sofia", "Amélie", "Chloé", "Zoë", "Renée", "Ingrid", "Astrid", "Yuki",
  "Aiko", "Mei", "Ji-woo", "Priya", "Ananya", "Fatima", "Leila", "María", "Lucía", "Ana",
  "Giulia", "Francesca", "Hélène", "Françoise", "Natalia", "Olga", "Amara", "Ngozi", "Siobhán",
  "Maggie", "Rosa", "Claire",
};

static const char * const last_names[] = {
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

static const char * const genres[] = {
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

static const char * const weekdays[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static const char * const airtimes[] = {
  "18:00", "19:00", "19:30", "20:00", "20:00", "20:30", "21:00", "21:00", "22:00", "22:30",
  "23:00", "23:35", "00:30", "01:05",
};

static const char * const crew_types[] = {
  "Creator", "Executive Producer", "Producer", "Co-Executive Producer", "Developer",
  "Showrunner", "Director", "Writer", "Composer", "Casting Director",
};

static const char * const subjects[] = {
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

static const Country countries[N_COUNTRIES] = {
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

typedef struct
{
  int         id;
  const char *name;
  int         country;          /* C_NONE: a global service */
  const char *official_site;    /* nullable */
} Channel;

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

static void
format_date (gint64  days,
             char    buf[16])
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
static void
format_airstamp (gint64      airday,
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
  format_date (days, date);
  g_snprintf (buf, 32, "%sT%02d:%02d:00+00:00", date, rest / 3600, (rest / 60) % 60);
}

/* ------------------------------------------------------------------------------------------
 * Shows
 */

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

static void
fake_show_clear (FakeShow *show)
{
  g_clear_pointer (&show->name, g_free);
  g_clear_pointer (&show->summary, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FakeShow, fake_show_clear)

static gboolean
show_exists (SfFakeServer *self,
             gint64        id)
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
    g_string_append_printf (s, "The %s %s", PICK (&rng, adjectives), PICK (&rng, nouns));
  else if (pattern < 34)
    g_string_append_printf (s, "%s %s", PICK (&rng, adjectives), PICK (&rng, plurals));
  else if (pattern < 41)
    g_string_append_printf (s, "The %s", PICK (&rng, plurals));
  else if (pattern < 49)
    {
      guint a = rng_below (&rng, G_N_ELEMENTS (nouns));
      guint b = (a + 1 + rng_below (&rng, G_N_ELEMENTS (nouns) - 1)) % G_N_ELEMENTS (nouns);

      g_string_append_printf (s, "%s & %s", nouns[a], nouns[b]);
    }
  else if (pattern < 57)
    g_string_append_printf (s, "%s %s", PICK (&rng, places), PICK (&rng, plurals));
  else if (pattern < 64)
    {
      const char *first = rng_percent (&rng, 50) ? PICK (&rng, male_names)
                                                 : PICK (&rng, female_names);

      g_string_append_printf (s, "%s's %s", first, PICK (&rng, nouns));
    }
  else if (pattern < 71)
    g_string_append_printf (s, "The %s of %s", PICK (&rng, nouns), PICK (&rng, places));
  else if (pattern < 77)
    g_string_append_printf (s, "%s %s: %s", PICK (&rng, adjectives), PICK (&rng, nouns),
                            PICK (&rng, places));
  else if (pattern < 83)
    g_string_append_printf (s, "%s of the %s %s", PICK (&rng, plurals),
                            PICK (&rng, adjectives), PICK (&rng, nouns));
  else if (pattern < 90)
    g_string_append_printf (s, "%s %s", PICK (&rng, nouns), PICK (&rng, nouns));
  else if (pattern < 95)
    g_string_append (s, PICK (&rng, places));
  else
    g_string_append_printf (s, "%s %s", PICK (&rng, adjectives), PICK (&rng, places));

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
static char *
slugify (const char *name)
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

static gint64
show_updated (SfFakeServer *self,
              gint64        id)
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
show_weight (SfFakeServer *self,
             gint64        id)
{
  Rng rng;

  if (id == LONG_SHOW_ID)
    return 99;
  rng_init (&rng, self->seed, id, STREAM_WEIGHT);
  return (int) rng_below (&rng, 101);
}

static void
layout_generate (SfFakeServer *self,
                 gint64        id,
                 const char   *status,
                 Layout       *layout)
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

static GArray *
fake_show_dup_episodes (const FakeShow *show)
{
  GArray *episodes = g_array_new (FALSE, FALSE, sizeof (FakeEpisode));

  layout_foreach_episode (&show->layout, show->id, collect_episode, episodes);
  return episodes;
}

static char *
summary_generate (SfFakeServer *self,
                  gint64        id,
                  const char   *name)
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

  place = g_markup_escape_text (PICK (&rng, places), -1);
  s = g_string_new (NULL);
  g_string_append_printf (s, "<p><b>%s</b> follows %s who %s in %s.", escaped,
                          PICK (&rng, subjects), PICK (&rng, plots), place);
  if (rng_percent (&rng, 40))
    g_string_append_printf (s, " <i>Nothing is what it seems.</i>");
  g_string_append (s, "</p>");

  if (rng_percent (&rng, 35))
    g_string_append_printf (s, "<p>Based on the novel by %s %s &amp; %s %s.<br />"
                               "Filmed on location in %s.</p>",
                            PICK (&rng, female_names), PICK (&rng, last_names),
                            PICK (&rng, male_names), PICK (&rng, last_names), place);
  else if (rng_percent (&rng, 20))
    g_string_append (s, "<p>From the creators of <em>The Silent Harbour</em> &mdash; "
                        "now with <strong>twice</strong> the drama.</p>");

  return g_string_free (s, FALSE);
}

static void
fake_show_generate (SfFakeServer *self,
                    gint64        id,
                    FakeShow     *show)
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
    country = &countries[show->network->country];
  else if (show->web_channel != NULL && show->web_channel->country != C_NONE)
    country = &countries[show->web_channel->country];

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
      const char *genre = PICK (&rng, genres);
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
  show->updated = show_updated (self, id);

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
 * JSON
 */

static void
add_string_member (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int_member (JsonBuilder *b,
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
      format_date (day, buf);
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
add_link (SfFakeServer *self,
          JsonBuilder  *b,
          const char   *member,
          const char   *what,
          gint64        id,
          const char   *link_name)
{
  char href[256];

  g_snprintf (href, sizeof href, "%s/%s/%" G_GINT64_FORMAT, self->url, what, id);
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_string_member (b, "href", href);
  if (link_name != NULL)
    add_string_member (b, "name", link_name);
  json_builder_end_object (b);
}

static void
add_image_member (SfFakeServer *self,
                  JsonBuilder  *b,
                  gboolean      has_image,
                  ImageKind     kind,
                  gint64        id)
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
              self->url, image_kind_dirs[kind], id);
  add_string_member (b, "medium", url);
  g_snprintf (url, sizeof url, "%s/images/original/%" G_GINT64_FORMAT ".png", self->url, id);
  add_string_member (b, "original", url);
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
  add_string_member (b, "name", countries[country].name);
  add_string_member (b, "code", countries[country].code);
  add_string_member (b, "timezone", countries[country].timezone);
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
  add_int_member (b, "id", channel->id);
  add_string_member (b, "name", channel->name);
  add_country_member (b, "country", channel->country);
  add_string_member (b, "officialSite", channel->official_site);
  json_builder_end_object (b);
}

static GBytes *
builder_to_bytes (JsonBuilder *b)
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
    return countries[show->network->country].utc_offset_min;
  if (show->web_channel != NULL && show->web_channel->country != C_NONE)
    return countries[show->web_channel->country].utc_offset_min;
  return 0;
}

/* ------------------------------------------------------------------------------------------
 * Episodes, seasons, people
 */

static char *
episode_name (Rng               *rng,
              const FakeEpisode *episode)
{
  if (episode->number == 0)
    return g_strdup_printf ("%s %s Special", PICK (rng, adjectives), PICK (rng, nouns));
  if (episode->season == 1 && episode->number == 1)
    return g_strdup ("Pilot");

  switch (rng_below (rng, 6))
    {
    case 0:
      return g_strdup_printf ("The %s", PICK (rng, nouns));
    case 1:
      return g_strdup_printf ("%s %s", PICK (rng, adjectives), PICK (rng, nouns));
    case 2:
      return g_strdup_printf ("Chapter %u", episode->number);
    case 3:
      return g_strdup (PICK (rng, plurals));
    case 4:
      return g_strdup_printf ("%s & the %s", PICK (rng, female_names), PICK (rng, nouns));
    default:
      return g_strdup_printf ("%s of %s", PICK (rng, plurals), PICK (rng, places));
    }
}

static char *
episode_name_for (SfFakeServer      *self,
                  const FakeEpisode *episode)
{
  Rng rng;

  rng_init (&rng, self->seed, episode->id, STREAM_EPISODE);
  return episode_name (&rng, episode);
}

static void
build_episode (SfFakeServer      *self,
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

  rng_init (&rng, self->seed, episode->id, STREAM_EPISODE);
  name = episode_name (&rng, episode);
  slug = slugify (name);

  json_builder_begin_object (b);
  add_int_member (b, "id", episode->id);
  if (episode->number != 0)
    url = g_strdup_printf ("https://www.tvmaze.com/episodes/%" G_GINT64_FORMAT "/%s-%ux%02u-%s",
                           episode->id, show_slug, episode->season, episode->number, slug);
  else
    url = g_strdup_printf ("https://www.tvmaze.com/episodes/%" G_GINT64_FORMAT
                           "/%s-s%02u-special-%s", episode->id, show_slug, episode->season, slug);
  add_string_member (b, "url", url);
  add_string_member (b, "name", name);
  add_int_member (b, "season", episode->season);
  add_nullable_int_member (b, "number", episode->number != 0, episode->number);
  add_string_member (b, "type", episode->number != 0 ? "regular"
                                : rng_percent (&rng, 50) ? "significant_special"
                                : "insignificant_special");
  add_date_member (b, "airdate", TRUE, episode->airday);
  add_string_member (b, "airtime", show->airtime);
  format_airstamp (episode->airday, show->airtime, show_utc_offset (show), airstamp);
  add_string_member (b, "airstamp", airstamp);
  if (show->runtime > 0)
    add_int_member (b, "runtime", show->runtime);
  else if (show->average_runtime > 0)
    add_int_member (b, "runtime", show->average_runtime + rng_range (&rng, -5, 5));
  else
    add_nullable_int_member (b, "runtime", FALSE, 0);
  add_rating_member (b, episode->airday > TODAY || rng_percent (&rng, 35) ? -1.0
                        : 1.0 + rng_below (&rng, 90) / 10.0);
  add_image_member (self, b, episode->airday <= TODAY && rng_percent (&rng, 80),
                    IMAGE_LANDSCAPE, episode->id);

  kind = rng_below (&rng, 100);
  if (kind < 15)
    add_string_member (b, "summary", NULL);
  else if (kind < 30)
    add_string_member (b, "summary", "");
  else
    {
      g_autofree char *summary = g_strdup_printf ("<p>%s must face %s in %s.</p>",
                                                  PICK (&rng, female_names),
                                                  PICK (&rng, subjects), PICK (&rng, places));
      add_string_member (b, "summary", summary);
    }

  json_builder_set_member_name (b, "_links");
  json_builder_begin_object (b);
  add_link (self, b, "self", "episodes", episode->id, NULL);
  add_link (self, b, "show", "shows", show->id, show->name);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
build_episodes (SfFakeServer *self,
                JsonBuilder  *b,
                const FakeShow *show,
                GArray       *episodes,
                guint         season,     /* 0: every season */
                gboolean      specials)
{
  g_autofree char *slug = slugify (show->name);

  json_builder_begin_array (b);
  for (guint i = 0; i < episodes->len; i++)
    {
      const FakeEpisode *episode = &g_array_index (episodes, FakeEpisode, i);

      if (season != 0 && episode->season != season)
        continue;
      if (!specials && episode->number == 0)
        continue;
      build_episode (self, b, show, slug, episode);
    }
  json_builder_end_array (b);
}

static void
build_seasons (SfFakeServer   *self,
               JsonBuilder    *b,
               const FakeShow *show,
               GArray         *episodes)
{
  g_autofree char *slug = slugify (show->name);

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

      rng_init (&rng, self->seed, id, STREAM_SEASON);
      json_builder_begin_object (b);
      add_int_member (b, "id", id);
      url = g_strdup_printf ("https://www.tvmaze.com/seasons/%" G_GINT64_FORMAT "/%s-season-%u",
                             id, slug, s);
      add_string_member (b, "url", url);
      add_int_member (b, "number", s);
      if (rng_percent (&rng, 15))
        {
          g_autofree char *name = g_strdup_printf ("%s %s", PICK (&rng, adjectives),
                                                   PICK (&rng, plurals));
          add_string_member (b, "name", name);
        }
      else
        add_string_member (b, "name", "");
      add_nullable_int_member (b, "episodeOrder",
                               s < show->layout.n_seasons || !rng_percent (&rng, 30),
                               show->layout.season_len[s - 1]);
      add_date_member (b, "premiereDate", TRUE, first);
      add_date_member (b, "endDate", TRUE, last);
      add_channel_member (b, "network", show->network);
      add_channel_member (b, "webChannel", show->web_channel);
      add_image_member (self, b, rng_percent (&rng, 50), IMAGE_MEDIUM, id);
      kind = rng_below (&rng, 10);
      add_string_member (b, "summary", kind < 4 ? NULL : kind < 7 ? ""
                                       : "<p>The stakes have <b>never</b> been higher.</p>");
      json_builder_set_member_name (b, "_links");
      json_builder_begin_object (b);
      add_link (self, b, "self", "seasons", id, NULL);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static char *
person_name (SfFakeServer *self,
             gint64        person_id,
             const char  **gender)
{
  Rng rng;
  const char *first;

  rng_init (&rng, self->seed, person_id, STREAM_PERSON);
  if (rng_percent (&rng, 50))
    {
      first = PICK (&rng, male_names);
      *gender = "Male";
    }
  else
    {
      first = PICK (&rng, female_names);
      *gender = "Female";
    }

  return g_strdup_printf ("%s %s", first, PICK (&rng, last_names));
}

static void
build_person (SfFakeServer *self,
              JsonBuilder  *b,
              gint64        person_id)
{
  const char *gender;
  g_autofree char *name = person_name (self, person_id, &gender);
  g_autofree char *slug = slugify (name);
  g_autofree char *url = NULL;
  gint64 birthday;
  Rng rng;

  /* Drawn after the name, so the name can be known without the rest. */
  rng_init (&rng, self->seed, person_id, STREAM_PERSON);
  rng.state ^= G_GUINT64_CONSTANT (0x5851F42D4C957F2D);

  json_builder_begin_object (b);
  add_int_member (b, "id", person_id);
  url = g_strdup_printf ("https://www.tvmaze.com/people/%" G_GINT64_FORMAT "/%s", person_id, slug);
  add_string_member (b, "url", url);
  add_string_member (b, "name", name);
  add_country_member (b, "country",
                      rng_percent (&rng, 60) ? (int) rng_below (&rng, N_COUNTRIES) : C_NONE);
  birthday = DAY_1950 - 20 * 365 + rng_below (&rng, 75 * 365);
  add_date_member (b, "birthday", rng_percent (&rng, 80), birthday);
  add_date_member (b, "deathday", birthday < 0 && rng_percent (&rng, 15),
                   birthday + 365 * 60 + rng_below (&rng, 30 * 365));
  add_string_member (b, "gender", rng_percent (&rng, 5) ? NULL : gender);
  add_image_member (self, b, rng_percent (&rng, 75), IMAGE_MEDIUM, person_id);
  add_int_member (b, "updated", TODAY_EPOCH - rng_below (&rng, 5 * 365 * 86400));
  json_builder_set_member_name (b, "_links");
  json_builder_begin_object (b);
  add_link (self, b, "self", "people", person_id, NULL);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
build_cast (SfFakeServer   *self,
            JsonBuilder    *b,
            const FakeShow *show)
{
  g_autofree char *show_slug = slugify (show->name);
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

      rng_init (&rng, self->seed, id, STREAM_CHARACTER);
      is_self = rng_percent (&rng, 3);
      if (is_self)
        {
          const char *gender;

          character = person_name (self, id, &gender);
        }
      else
        switch (rng_below (&rng, 7))
          {
          case 0:
            character = g_strdup_printf ("Dr. %s", PICK (&rng, last_names));
            break;
          case 1:
            character = g_strdup_printf ("Captain %s", PICK (&rng, last_names));
            break;
          case 2:
            character = g_strdup (rng_percent (&rng, 50) ? PICK (&rng, male_names)
                                                         : PICK (&rng, female_names));
            break;
          default:
            {
              const char *first = rng_percent (&rng, 50) ? PICK (&rng, male_names)
                                                         : PICK (&rng, female_names);

              character = g_strdup_printf ("%s %s", first, PICK (&rng, last_names));
            }
            break;
          }
      slug = slugify (character);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "person");
      build_person (self, b, id);
      json_builder_set_member_name (b, "character");
      json_builder_begin_object (b);
      add_int_member (b, "id", id);
      url = g_strdup_printf ("https://www.tvmaze.com/characters/%" G_GINT64_FORMAT "/%s-%s",
                             id, show_slug, slug);
      add_string_member (b, "url", url);
      add_string_member (b, "name", character);
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

static void
build_crew (SfFakeServer   *self,
            JsonBuilder    *b,
            const FakeShow *show)
{
  json_builder_begin_array (b);
  for (guint row = 0; row < show->n_crew; row++)
    {
      gint64 id = show->id * SHOW_ID_STRIDE + CREW_ID_OFFSET + row + 1;
      Rng rng;

      rng_init (&rng, self->seed, id, STREAM_CAST);
      json_builder_begin_object (b);
      add_string_member (b, "type", row == 0 ? "Creator" : PICK (&rng, crew_types));
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
build_show (SfFakeServer   *self,
            JsonBuilder    *b,
            const FakeShow *show,
            Embeds          embeds)
{
  g_autofree char *slug = slugify (show->name);
  g_autofree char *url = NULL;
  g_autoptr(GArray) episodes = fake_show_dup_episodes (show);
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
  add_int_member (b, "id", show->id);
  url = g_strdup_printf ("https://www.tvmaze.com/shows/%" G_GINT64_FORMAT "/%s", show->id, slug);
  add_string_member (b, "url", url);
  add_string_member (b, "name", show->name);
  add_string_member (b, "type", show->type);
  add_string_member (b, "language", show->language);
  json_builder_set_member_name (b, "genres");
  json_builder_begin_array (b);
  for (guint i = 0; i < show->n_genres; i++)
    json_builder_add_string_value (b, show->genres[i]);
  json_builder_end_array (b);
  add_string_member (b, "status", show->status);
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
      add_string_member (b, "officialSite", site);
    }
  else
    add_string_member (b, "officialSite", NULL);

  json_builder_set_member_name (b, "schedule");
  json_builder_begin_object (b);
  add_string_member (b, "time", show->airtime);
  json_builder_set_member_name (b, "days");
  json_builder_begin_array (b);
  /* Monday first, as TVmaze lists them. */
  for (guint i = 1; i <= 7; i++)
    if (show->schedule_days & (1u << (i % 7)))
      json_builder_add_string_value (b, weekdays[i % 7]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  add_rating_member (b, show->rating);
  add_int_member (b, "weight", show->weight);
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
      add_string_member (b, "imdb", imdb);
    }
  else
    add_string_member (b, "imdb", NULL);
  json_builder_end_object (b);

  add_image_member (self, b, show->has_image, IMAGE_MEDIUM, show->id);
  add_string_member (b, "summary", show->summary);
  add_int_member (b, "updated", show->updated);

  json_builder_set_member_name (b, "_links");
  json_builder_begin_object (b);
  add_link (self, b, "self", "shows", show->id, NULL);
  if (previous != NULL)
    {
      g_autofree char *name = episode_name_for (self, previous);
      add_link (self, b, "previousepisode", "episodes", previous->id, name);
    }
  if (next != NULL)
    {
      g_autofree char *name = episode_name_for (self, next);
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
          build_episodes (self, b, show, episodes, 0, FALSE);
        }
      if (embeds & EMBED_SEASONS)
        {
          json_builder_set_member_name (b, "seasons");
          build_seasons (self, b, show, episodes);
        }
      if (embeds & EMBED_CAST)
        {
          json_builder_set_member_name (b, "cast");
          build_cast (self, b, show);
        }
      if (embeds & EMBED_CREW)
        {
          json_builder_set_member_name (b, "crew");
          build_crew (self, b, show);
        }
      /* Absent, not null, when there is nothing to point at. */
      if ((embeds & EMBED_PREVIOUS) && previous != NULL)
        {
          json_builder_set_member_name (b, "previousepisode");
          build_episode (self, b, show, slug, previous);
        }
      if ((embeds & EMBED_NEXT) && next != NULL)
        {
          json_builder_set_member_name (b, "nextepisode");
          build_episode (self, b, show, slug, next);
        }
      json_builder_end_object (b);
    }

  json_builder_end_object (b);
}

static void
build_show_by_id (SfFakeServer *self,
                  JsonBuilder  *b,
                  gint64        id,
                  Embeds        embeds)
{
  g_auto(FakeShow) show = { 0, };

  fake_show_generate (self, id, &show);
  build_show (self, b, &show, embeds);
}

/* ------------------------------------------------------------------------------------------
 * Search
 */

typedef struct
{
  double score;
  gint64 id;
} Hit;

static char *
fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *normal = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal != NULL ? normal : valid, -1);
}

static void
index_ensure_locked (SfFakeServer *self)
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

      if (!show_exists (self, id))
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

static gpointer
index_thread_main (gpointer data)
{
  SfFakeServer *self = data;

  /* Built ahead of the first search, so that one doesn't pay for 90,000 names. */
  g_mutex_lock (&self->index_lock);
  index_ensure_locked (self);
  g_mutex_unlock (&self->index_lock);

  return NULL;
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

static guint
search (SfFakeServer *self,
        const char   *text,
        Hit          *hits,
        guint         max_hits)
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
 * Images
 */

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static void
png_append_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  gsize         len)
{
  guint32 be = GUINT32_TO_BE ((guint32) len);
  guint32 crc;

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (png, data, (guint) len);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, len);
  be = GUINT32_TO_BE (crc);
  g_byte_array_append (png, (const guint8 *) &be, 4);
}

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* A real, valid 20000x20000 1-bit PNG of ~50 KB: decoding it would need gigabytes, so an image
 * pipeline must refuse it by its header. */
static GBytes *
make_huge_png (void)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) deflated = g_converter_output_stream_new (memory,
                                                                     G_CONVERTER (compressor));
  g_autoptr(GBytes) idat = NULL;
  const gsize row_len = 1 + HUGE_SIDE / 8;
  const guint rows_per_write = 100;
  g_autofree guint8 *rows = g_malloc0 (row_len * rows_per_write);
  guint8 ihdr[13];
  guint32 be;

  for (guint y = 0; y < HUGE_SIDE; y += rows_per_write)
    if (!g_output_stream_write_all (deflated, rows, row_len * rows_per_write, NULL, NULL, NULL))
      g_assert_not_reached ();
  if (!g_output_stream_close (deflated, NULL, NULL))
    g_assert_not_reached ();
  idat = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));

  be = GUINT32_TO_BE (HUGE_SIDE);
  memcpy (ihdr, &be, 4);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 1;      /* bit depth */
  ihdr[9] = 0;      /* greyscale */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;

  g_byte_array_append (png, png_signature, sizeof png_signature);
  png_append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  png_append_chunk (png, "IDAT", g_bytes_get_data (idat, NULL), g_bytes_get_size (idat));
  png_append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static GBytes *
make_corrupt_png (guint64 seed)
{
  guint8 *data = g_malloc (CORRUPT_SIZE);
  Rng rng;

  /* A PNG signature, so loaders commit to PNG and then fail on the rest. */
  rng_init (&rng, seed, 0, STREAM_COLOUR);
  memcpy (data, png_signature, sizeof png_signature);
  for (gsize i = sizeof png_signature; i < CORRUPT_SIZE; i++)
    data[i] = (guint8) rng_next (&rng);

  return g_bytes_new_take (data, CORRUPT_SIZE);
}

static GBytes *
make_big_bin (void)
{
  guint8 *data = g_malloc0 (BIG_BIN_SIZE);

  memcpy (data, png_signature, sizeof png_signature);
  return g_bytes_new_take (data, BIG_BIN_SIZE);
}

static guint32
hsv_to_rgba (double h,
             double s,
             double v)
{
  double c = v * s;
  double hp = h * 6.0;
  double x = c * (1 - fabs (fmod (hp, 2.0) - 1));
  double r = 0, g = 0, b = 0;
  double m = v - c;

  switch ((int) hp)
    {
    case 0: r = c; g = x; break;
    case 1: r = x; g = c; break;
    case 2: g = c; b = x; break;
    case 3: g = x; b = c; break;
    case 4: r = x; b = c; break;
    default: r = c; b = x; break;
    }

  return ((guint32) ((r + m) * 255) << 24) | ((guint32) ((g + m) * 255) << 16)
         | ((guint32) ((b + m) * 255) << 8) | 0xff;
}

static GBytes *
poster_png (SfFakeServer *self,
            ImageKind     kind,
            gint64        id)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) stripe = NULL;
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  guint bucket;
  int width, height;
  Rng rng;

  rng_init (&rng, self->seed, id, STREAM_COLOUR);
  bucket = rng_below (&rng, N_COLOUR_BUCKETS);
  if (self->images[kind][bucket] != NULL)
    return g_bytes_ref (self->images[kind][bucket]);

  switch (kind)
    {
    case IMAGE_ORIGINAL:
      width = ORIGINAL_WIDTH, height = ORIGINAL_HEIGHT;
      break;
    case IMAGE_LANDSCAPE:
      width = LANDSCAPE_WIDTH, height = LANDSCAPE_HEIGHT;
      break;
    case IMAGE_MEDIUM:
    case N_IMAGE_KINDS:
    default:
      width = POSTER_WIDTH, height = POSTER_HEIGHT;
      break;
    }

  /* A solid colour with a darker stripe: cheap, and still tells posters apart on screen. */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gdk_pixbuf_fill (pixbuf, hsv_to_rgba ((double) bucket / N_COLOUR_BUCKETS, 0.55, 0.80));
  stripe = gdk_pixbuf_new_subpixbuf (pixbuf, 0, height * 7 / 10, width, height / 10);
  gdk_pixbuf_fill (stripe, hsv_to_rgba ((double) bucket / N_COLOUR_BUCKETS, 0.70, 0.45));

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL))
    g_error ("Cannot encode a PNG: %s", error->message);

  self->images[kind][bucket] = g_bytes_new_take (buffer, size);
  return g_bytes_ref (self->images[kind][bucket]);
}

/* ------------------------------------------------------------------------------------------
 * Routing
 */

typedef struct
{
  guint        status;
  const char  *content_type;   /* static */
  const char  *cache_control;  /* static, nullable */
  guint        retry_after;    /* 0: no Retry-After */
  GBytes      *body;           /* owned, nullable */
} Response;

static void
response_clear (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, response_clear)

static void
response_set_json (Response *response,
                   guint     status,
                   GBytes   *body)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = status;
  response->content_type = "application/json";
  response->cache_control = status < 400 || status == SOUP_STATUS_NOT_FOUND ? API_CACHE_CONTROL
                                                                            : NULL;
  response->retry_after = 0;
  response->body = body;
}

static void
response_set_builder (Response    *response,
                      JsonBuilder *b)
{
  response_set_json (response, SOUP_STATUS_OK, builder_to_bytes (b));
}

/* TVmaze's error envelope: {"name":"Not Found","message":"","code":0,"status":404} */
static void
response_set_error (Response   *response,
                    guint       status,
                    const char *name,
                    const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string_member (b, "name", name);
  add_string_member (b, "message", message);
  add_int_member (b, "code", 0);
  add_int_member (b, "status", status);
  json_builder_end_object (b);
  response_set_json (response, status, builder_to_bytes (b));
}

static void
response_set_not_found (Response *response)
{
  response_set_error (response, SOUP_STATUS_NOT_FOUND, "Not Found", "");
}

static void
response_set_image (Response *response,
                    GBytes   *body,
                    const char *content_type)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = SOUP_STATUS_OK;
  response->content_type = content_type;
  response->cache_control = IMAGE_CACHE_CONTROL;
  response->body = body;
}

static char *
query_decode (const char *raw)
{
  g_autofree char *plus = g_strdup (raw);
  char *decoded;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);
  return decoded != NULL ? decoded : g_steal_pointer (&plus);
}

/* key -> GPtrArray of values; "embed[]" is stored as "embed" */
static GHashTable *
query_parse (const char *raw)
{
  GHashTable *query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  g_auto(GStrv) pairs = NULL;

  if (raw == NULL)
    return query;

  pairs = g_strsplit (raw, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      GPtrArray *values;

      if (pairs[i][0] == '\0')
        continue;
      if (eq != NULL)
        *eq = '\0';
      key = query_decode (pairs[i]);
      if (g_str_has_suffix (key, "[]"))
        key[strlen (key) - 2] = '\0';

      values = g_hash_table_lookup (query, key);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (query, g_strdup (key), values);
        }
      g_ptr_array_add (values, eq != NULL ? query_decode (eq + 1) : g_strdup (""));
    }

  return query;
}

static const char *
query_get (GHashTable *query,
           const char *key)
{
  GPtrArray *values = g_hash_table_lookup (query, key);

  return values != NULL ? g_ptr_array_index (values, values->len - 1) : NULL;
}

static gboolean
query_parse_embeds (GHashTable *query,
                    Embeds     *embeds)
{
  static const struct { const char *name; Embeds flag; } known[] = {
    { "episodes", EMBED_EPISODES }, { "cast", EMBED_CAST }, { "crew", EMBED_CREW },
    { "seasons", EMBED_SEASONS }, { "nextepisode", EMBED_NEXT },
    { "previousepisode", EMBED_PREVIOUS },
  };
  GPtrArray *values = g_hash_table_lookup (query, "embed");

  *embeds = 0;
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      gboolean found = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        {
          if (g_str_equal (value, known[k].name))
            {
              *embeds |= known[k].flag;
              found = TRUE;
            }
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (text[0]) || strlen (text) > 15)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static void
route_search (SfFakeServer *self,
              GHashTable   *query,
              gboolean      single,
              Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *text = query_get (query, "q");
  Hit hits[MAX_SEARCH_RESULTS];
  guint n_hits = 0;
  Embeds embeds = 0;

  if (single && !query_parse_embeds (query, &embeds))
    {
      response_set_error (response, SOUP_STATUS_BAD_REQUEST, "Bad Request", "Invalid embed type");
      return;
    }

  if (text != NULL)
    n_hits = search (self, text, hits, single ? 1 : MAX_SEARCH_RESULTS);

  if (single)
    {
      if (n_hits == 0)
        {
          response_set_json (response, SOUP_STATUS_NOT_FOUND,
                             g_bytes_new_static ("null", 4));
          return;
        }
      build_show_by_id (self, b, hits[0].id, embeds);
      response_set_builder (response, b);
      return;
    }

  json_builder_begin_array (b);
  for (guint i = 0; i < n_hits; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, hits[i].score);
      json_builder_set_member_name (b, "show");
      build_show_by_id (self, b, hits[i].id, 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  response_set_builder (response, b);
}

static void
route_index (SfFakeServer *self,
             GHashTable   *query,
             Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *text = query_get (query, "page");
  guint64 page = 0;
  gint64 first, last;

  /* Like TVmaze, a page that isn't a number reads as the first one. */
  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &page, NULL))
    page = 0;

  /* The last page is the one holding the highest id, even if the catalog ends in a hole. */
  last = self->n_shows;
  while (last > 0 && !show_exists (self, last))
    last--;
  if (last == 0 || page > (guint64) last / PAGE_SIZE)
    {
      response_set_not_found (response);
      return;
    }

  first = MAX ((gint64) page * PAGE_SIZE, 1);
  last = MIN ((gint64) page * PAGE_SIZE + PAGE_SIZE - 1, last);

  json_builder_begin_array (b);
  for (gint64 id = first; id <= last; id++)
    if (show_exists (self, id))
      build_show_by_id (self, b, id, 0);
  json_builder_end_array (b);
  response_set_builder (response, b);
}

static void
route_updates (SfFakeServer *self,
               GHashTable   *query,
               Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *since = query_get (query, "since");
  gint64 oldest = 0;

  if (g_strcmp0 (since, "day") == 0)
    oldest = TODAY_EPOCH - 86400;
  else if (g_strcmp0 (since, "week") == 0)
    oldest = TODAY_EPOCH - 7 * 86400;
  else if (g_strcmp0 (since, "month") == 0)
    oldest = TODAY_EPOCH - 30 * 86400;

  json_builder_begin_object (b);
  for (gint64 id = 1; id <= (gint64) self->n_shows; id++)
    {
      char key[24];
      gint64 updated;

      if (!show_exists (self, id))
        continue;
      updated = show_updated (self, id);
      if (updated < oldest)
        continue;
      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, id);
      add_int_member (b, key, updated);
    }
  json_builder_end_object (b);
  response_set_builder (response, b);
}

static void
route_show (SfFakeServer *self,
            gint64        id,
            const char   *what,      /* nullable: the show itself */
            GHashTable   *query,
            Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(FakeShow) show = { 0, };
  g_autoptr(GArray) episodes = NULL;
  Embeds embeds;

  if (!show_exists (self, id))
    {
      response_set_not_found (response);
      return;
    }

  if (what == NULL)
    {
      if (!query_parse_embeds (query, &embeds))
        {
          response_set_error (response, SOUP_STATUS_BAD_REQUEST, "Bad Request",
                              "Invalid embed type");
          return;
        }
      build_show_by_id (self, b, id, embeds);
      response_set_builder (response, b);
      return;
    }

  fake_show_generate (self, id, &show);
  if (g_str_equal (what, "episodes"))
    {
      const char *specials = query_get (query, "specials");

      episodes = fake_show_dup_episodes (&show);
      build_episodes (self, b, &show, episodes, 0,
                      g_strcmp0 (specials, "1") == 0 || g_strcmp0 (specials, "true") == 0);
    }
  else if (g_str_equal (what, "seasons"))
    {
      episodes = fake_show_dup_episodes (&show);
      build_seasons (self, b, &show, episodes);
    }
  else if (g_str_equal (what, "cast"))
    build_cast (self, b, &show);
  else if (g_str_equal (what, "crew"))
    build_crew (self, b, &show);
  else
    {
      response_set_not_found (response);
      return;
    }

  response_set_builder (response, b);
}

static void
route_season_episodes (SfFakeServer *self,
                       gint64        season_id,
                       Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(FakeShow) show = { 0, };
  g_autoptr(GArray) episodes = NULL;
  gint64 show_id = season_id / SEASON_ID_STRIDE;
  guint number = (guint) (season_id % SEASON_ID_STRIDE);

  if (!show_exists (self, show_id))
    {
      response_set_not_found (response);
      return;
    }

  fake_show_generate (self, show_id, &show);
  if (number < 1 || number > show.layout.n_seasons)
    {
      response_set_not_found (response);
      return;
    }

  /* Specials are always listed here, as on TVmaze. */
  episodes = fake_show_dup_episodes (&show);
  build_episodes (self, b, &show, episodes, number, TRUE);
  response_set_builder (response, b);
}

static void
route_episode (SfFakeServer *self,
               gint64        episode_id,
               Response     *response)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(FakeShow) show = { 0, };
  g_autoptr(GArray) episodes = NULL;
  g_autofree char *slug = NULL;
  gint64 show_id = episode_id / SHOW_ID_STRIDE;

  if (!show_exists (self, show_id))
    {
      response_set_not_found (response);
      return;
    }

  fake_show_generate (self, show_id, &show);
  episodes = fake_show_dup_episodes (&show);
  slug = slugify (show.name);
  for (guint i = 0; i < episodes->len; i++)
    {
      const FakeEpisode *episode = &g_array_index (episodes, FakeEpisode, i);

      if (episode->id == episode_id)
        {
          build_episode (self, b, &show, slug, episode);
          response_set_builder (response, b);
          return;
        }
    }

  response_set_not_found (response);
}

static void
route_image (SfFakeServer  *self,
             char         **parts,
             guint          n_parts,
             Response      *response)
{
  if (n_parts == 2 && g_str_equal (parts[1], "huge.png"))
    {
      if (self->huge_png == NULL)
        self->huge_png = make_huge_png ();
      response_set_image (response, g_bytes_ref (self->huge_png), "image/png");
      return;
    }
  if (n_parts == 2 && g_str_equal (parts[1], "corrupt.png"))
    {
      if (self->corrupt_png == NULL)
        self->corrupt_png = make_corrupt_png (self->seed);
      response_set_image (response, g_bytes_ref (self->corrupt_png), "image/png");
      return;
    }
  if (n_parts == 2 && g_str_equal (parts[1], "big.bin"))
    {
      /* Labelled an image, so only a size cap protects the client. */
      if (self->big_bin == NULL)
        self->big_bin = make_big_bin ();
      response_set_image (response, g_bytes_ref (self->big_bin), "image/png");
      return;
    }

  if (n_parts == 3 && g_str_has_suffix (parts[2], ".png"))
    {
      g_autofree char *number = g_strndup (parts[2], strlen (parts[2]) - 4);
      gint64 id;

      for (guint kind = 0; kind < N_IMAGE_KINDS; kind++)
        {
          if (g_str_equal (parts[1], image_kind_dirs[kind]) && parse_id (number, &id))
            {
              response_set_image (response, poster_png (self, kind, id), "image/png");
              return;
            }
        }
    }

  response_set_not_found (response);
}

static void
route (SfFakeServer *self,
       const char   *path,
       const char   *raw_query,
       Response     *response)
{
  g_autoptr(GHashTable) query = query_parse (raw_query);
  g_auto(GStrv) parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", 0);
  guint n_parts = g_strv_length (parts);
  gint64 id;

  if (n_parts == 2 && g_str_equal (parts[0], "search") && g_str_equal (parts[1], "shows"))
    route_search (self, query, FALSE, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "singlesearch")
           && g_str_equal (parts[1], "shows"))
    route_search (self, query, TRUE, response);
  else if (n_parts == 1 && g_str_equal (parts[0], "shows"))
    route_index (self, query, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "shows") && parse_id (parts[1], &id))
    route_show (self, id, NULL, query, response);
  else if (n_parts == 3 && g_str_equal (parts[0], "shows") && parse_id (parts[1], &id))
    route_show (self, id, parts[2], query, response);
  else if (n_parts == 3 && g_str_equal (parts[0], "seasons") && parse_id (parts[1], &id)
           && g_str_equal (parts[2], "episodes"))
    route_season_episodes (self, id, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "episodes") && parse_id (parts[1], &id))
    route_episode (self, id, response);
  else if (n_parts == 2 && g_str_equal (parts[0], "updates") && g_str_equal (parts[1], "shows"))
    route_updates (self, query, response);
  else if (n_parts >= 2 && g_str_equal (parts[0], "images"))
    route_image (self, parts, n_parts, response);
  else
    response_set_not_found (response);
}

/* ------------------------------------------------------------------------------------------
 * Failures
 */

static void
fail_rule_free (FailRule *rule)
{
  g_free (rule->prefix);
  g_free (rule);
}

/* A prefix, or with a final '$' the whole key ("/shows/9$": that path, not its children). */
static gboolean
key_matches (const char *key,
             const char *pattern)
{
  size_t length = strlen (pattern);

  if (length > 0 && pattern[length - 1] == '$')
    return strlen (key) == length - 1 && strncmp (key, pattern, length - 1) == 0;

  return g_str_has_prefix (key, pattern);
}

/* @key is "path" or "path?query"; a prefix without '?' therefore matches on the path alone. */
static SfFakeFailure
take_failure_locked (SfFakeServer *self,
                     const char   *key)
{
  for (GList *l = self->failures.head; l != NULL; l = l->next)
    {
      FailRule *rule = l->data;
      SfFakeFailure failure = rule->failure;

      if (rule->prefix != NULL && !key_matches (key, rule->prefix))
        continue;

      if (--rule->remaining == 0)
        {
          g_queue_delete_link (&self->failures, l);
          fail_rule_free (rule);
        }
      return failure;
    }

  return SF_FAKE_FAILURE_NONE;
}

static void
apply_failure (SfFakeServer  *self,
               SfFakeFailure  failure,
               Response      *response)
{
  switch (failure)
    {
    case SF_FAKE_FAILURE_RATE_LIMIT:
      response_set_error (response, STATUS_TOO_MANY_REQUESTS, "Too Many Requests",
                          "Rate limit exceeded");
      response->retry_after = (guint) g_atomic_int_get (&self->retry_after_s);
      break;

    case SF_FAKE_FAILURE_RATE_LIMIT_BARE:
      response_set_error (response, STATUS_TOO_MANY_REQUESTS, "Too Many Requests",
                          "Rate limit exceeded");
      break;

    case SF_FAKE_FAILURE_SERVER_ERROR:
      response_set_error (response, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal Server Error",
                          "An internal server error occurred.");
      break;

    case SF_FAKE_FAILURE_UNAVAILABLE:
      response_set_error (response, SOUP_STATUS_SERVICE_UNAVAILABLE, "Service Unavailable",
                          "The server is temporarily unable to service your request.");
      break;

    case SF_FAKE_FAILURE_TRUNCATED:
      {
        gsize size = response->body != NULL ? g_bytes_get_size (response->body) : 0;
        GBytes *cut = response->body != NULL ? g_bytes_new_from_bytes (response->body, 0, size / 2)
                                             : g_bytes_new_static ("[", 1);

        /* The Content-Length is that of the cut body: only the JSON parser can tell. */
        response_set_json (response, SOUP_STATUS_OK, cut);
      }
      break;

    case SF_FAKE_FAILURE_INVALID_JSON:
      {
        static const char html[] =
          "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
          "<body><h1>Bad Gateway</h1><p>The upstream server sent nonsense.</p></body></html>\n";

        response_set_json (response, SOUP_STATUS_OK,
                           g_bytes_new_static (html, sizeof html - 1));
      }
      break;

    case SF_FAKE_FAILURE_INVALID_UTF8:
      {
        gsize size = 0;
        const char *data = response->body != NULL ? g_bytes_get_data (response->body, &size)
                                                  : NULL;
        g_autofree char *text = g_strndup (data != NULL ? data : "", size);
        const char *at = strstr (text, "\"name\":\"");
        GString *bad = g_string_new (NULL);

        /* Bytes that are never valid UTF-8, inside the first string value. */
        if (at != NULL)
          {
            at += strlen ("\"name\":\"");
            g_string_append_len (bad, text, at - text);
            g_string_append (bad, "Bad \xff\xfe \xc3\x28 bytes ");
            g_string_append (bad, at);
          }
        else
          g_string_append (bad, "[\"Bad \xff\xfe \xc3\x28 bytes\"]");

        response_set_json (response, SOUP_STATUS_OK, g_string_free_to_bytes (bad));
      }
      break;

    case SF_FAKE_FAILURE_NONE:
    case SF_FAKE_FAILURE_DROP:
    case SF_FAKE_FAILURE_STALL:
    case SF_FAKE_FAILURE_SLOW_DRIP:
    default:
      break;
    }
}

static void
response_apply (SoupServerMessage *msg,
                const Response    *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, response->status, NULL);
  if (response->cache_control != NULL)
    soup_message_headers_replace (headers, "Cache-Control", response->cache_control);
  if (response->retry_after > 0)
    {
      char seconds[16];

      g_snprintf (seconds, sizeof seconds, "%u", response->retry_after);
      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (response->body != NULL)
    {
      soup_message_headers_set_content_type (headers, response->content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
                                      response->body);
    }
}

/* ------------------------------------------------------------------------------------------
 * Requests whose answer waits: latency, stalls, drips, drops
 */

typedef struct _Job Job;

typedef struct
{
  SfFakeServer      *self;          /* borrowed */
  SoupServerMessage *msg;           /* owned */
  char              *path;          /* owned */
  char              *query;         /* owned, nullable */
  gboolean           is_image;
  SfFakeFailure      failure;
  GSource           *source;        /* owned, nullable */
  Job               *job;           /* borrowed, nullable: its answer is being generated */
  gulong             disconnected_id;
  gulong             finished_id;
  GBytes            *drip;          /* owned, nullable */
  gsize              drip_offset;
  gsize              drip_piece;
} Request;

/* An API answer generated on the worker pool. The job outlives its request if the client
 * goes away meanwhile; request and job point at each other only on the server thread. */
struct _Job
{
  SfFakeServer *self;               /* borrowed */
  char         *path;               /* owned */
  char         *query;              /* owned, nullable */
  Response      response;
  Request      *request;            /* nullable, server thread only */
};

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->request != NULL)
    job->request->job = NULL;
  response_clear (&job->response);
  g_free (job->path);
  g_free (job->query);
  g_free (job);
}

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->job != NULL)
    request->job->request = NULL;
  if (request->source != NULL)
    {
      g_source_destroy (request->source);
      g_source_unref (request->source);
    }
  g_clear_signal_handler (&request->disconnected_id, request->msg);
  g_clear_signal_handler (&request->finished_id, request->msg);
  g_clear_object (&request->msg);
  g_clear_pointer (&request->drip, g_bytes_unref);
  g_free (request->path);
  g_free (request->query);
  g_free (request);
}

static void
request_forget (Request *request)
{
  request->self->pending = g_list_remove (request->self->pending, request);
  request_free (request);
}

static void
request_on_gone (SoupServerMessage *msg,
                 gpointer           user_data)
{
  /* The client went away (or a timeout closed it): nothing left to answer. */
  request_forget (user_data);
}

static void
request_schedule (Request     *request,
                  guint        interval_ms,
                  GSourceFunc  func)
{
  g_assert (request->source == NULL);

  request->source = g_timeout_source_new (interval_ms);
  g_source_set_callback (request->source, func, request, NULL);
  g_source_attach (request->source, request->self->context);
}

static gboolean
request_on_drop (gpointer user_data)
{
  Request *request = user_data;
  g_autoptr(GIOStream) stream = NULL;

  g_clear_pointer (&request->source, g_source_unref);
  g_clear_signal_handler (&request->disconnected_id, request->msg);
  g_clear_signal_handler (&request->finished_id, request->msg);

  stream = soup_server_message_steal_connection (request->msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  request_forget (request);

  return G_SOURCE_REMOVE;
}

static gboolean
request_on_drip (gpointer user_data)
{
  Request *request = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (request->msg);
  gsize size = g_bytes_get_size (request->drip);
  gsize piece = MIN (request->drip_piece, size - request->drip_offset);

  if (piece > 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_from_bytes (request->drip, request->drip_offset,
                                                        piece);

      soup_message_body_append_bytes (body, bytes);
      request->drip_offset += piece;
    }

  if (request->drip_offset < size)
    {
      soup_server_message_unpause (request->msg);
      return G_SOURCE_CONTINUE;
    }

  soup_message_body_complete (body);
  soup_server_message_unpause (request->msg);
  request_forget (request);   /* destroys this source */
  return G_SOURCE_REMOVE;
}

static void
request_start_drip (Request  *request,
                    Response *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);

  soup_server_message_set_status (request->msg, response->status, NULL);
  if (response->cache_control != NULL)
    soup_message_headers_replace (headers, "Cache-Control", response->cache_control);
  soup_message_headers_set_content_type (headers, response->content_type, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  request->drip = g_steal_pointer (&response->body);
  request->drip_piece = MAX (1, (g_bytes_get_size (request->drip) + DRIP_PIECES - 1)
                                / DRIP_PIECES);
  request_schedule (request, DRIP_INTERVAL_MS, request_on_drip);
  /* The headers go out now; the body follows piece by piece. */
  soup_server_message_unpause (request->msg);
}

static void
request_complete (Request  *request,
                  Response *response)
{
  if (request->failure == SF_FAKE_FAILURE_SLOW_DRIP)
    {
      request_start_drip (request, response);
      return;
    }

  apply_failure (request->self, request->failure, response);
  response_apply (request->msg, response);
  soup_server_message_unpause (request->msg);
  request_forget (request);
}

static gboolean
job_on_done (gpointer user_data)
{
  Job *job = user_data;
  Request *request = job->request;

  if (request != NULL)
    {
      job->request = NULL;
      request->job = NULL;
      request_complete (request, &job->response);
    }

  return G_SOURCE_REMOVE;
}

static void
job_run (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  g_autoptr(GSource) source = NULL;

  route (job->self, job->path, job->query, &job->response);

  /* If the server stops first, unreffing its context frees the job. */
  source = g_idle_source_new ();
  g_source_set_callback (source, job_on_done, job, job_free);
  g_source_attach (source, job->self->context);
}

static void
request_generate (Request *request)
{
  Job *job;

  if (request->is_image)
    {
      /* Images are cheap once cached, and their caches belong to this thread. */
      g_auto(Response) response = { 0, };

      route (request->self, request->path, request->query, &response);
      request_complete (request, &response);
      return;
    }

  job = g_new0 (Job, 1);
  job->self = request->self;
  job->path = g_strdup (request->path);
  job->query = g_strdup (request->query);
  job->request = request;
  request->job = job;
  g_thread_pool_push (request->self->pool, job, NULL);
}

static void
request_proceed (Request *request)
{
  switch (request->failure)
    {
    case SF_FAKE_FAILURE_STALL:
      break;   /* paused until the client gives up or the server stops */

    case SF_FAKE_FAILURE_DROP:
      request_schedule (request, 0, request_on_drop);
      break;

    case SF_FAKE_FAILURE_NONE:
    case SF_FAKE_FAILURE_RATE_LIMIT:
    case SF_FAKE_FAILURE_RATE_LIMIT_BARE:
    case SF_FAKE_FAILURE_SERVER_ERROR:
    case SF_FAKE_FAILURE_UNAVAILABLE:
    case SF_FAKE_FAILURE_TRUNCATED:
    case SF_FAKE_FAILURE_INVALID_JSON:
    case SF_FAKE_FAILURE_INVALID_UTF8:
    case SF_FAKE_FAILURE_SLOW_DRIP:
    default:
      request_generate (request);
      break;
    }
}

static gboolean
request_on_delay_done (gpointer user_data)
{
  Request *request = user_data;

  g_clear_pointer (&request->source, g_source_unref);
  request_proceed (request);
  return G_SOURCE_REMOVE;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *unused_query,
                 gpointer           user_data)
{
  SfFakeServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  gboolean is_image = g_str_has_prefix (path, "/images/");
  g_autofree char *key = NULL;
  SfFakeFailure failure = SF_FAKE_FAILURE_NONE;
  Request *request;
  guint delay_ms;
  guint count;

  if (raw_query != NULL && raw_query[0] != '\0')
    key = g_strconcat (path, "?", raw_query, NULL);
  else
    key = g_strdup (path);

  g_mutex_lock (&self->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, key));
  g_hash_table_insert (self->request_counts, g_strdup (key), GUINT_TO_POINTER (count + 1));
  if (!is_image)
    failure = take_failure_locked (self, key);
  g_mutex_unlock (&self->lock);

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      g_auto(Response) response = { 0, };

      response_set_error (&response, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed", "");
      response_apply (msg, &response);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      return;
    }

  delay_ms = (guint) g_atomic_int_get (is_image ? &self->image_latency_ms
                                                : &self->api_latency_ms);

  if (is_image && delay_ms == 0)
    {
      g_auto(Response) response = { 0, };

      route (self, path, raw_query, &response);
      response_apply (msg, &response);
      return;
    }

  request = g_new0 (Request, 1);
  request->self = self;
  request->msg = g_object_ref (msg);
  request->path = g_strdup (path);
  request->query = g_strdup (raw_query);
  request->is_image = is_image;
  request->failure = failure;
  request->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (request_on_gone), request);
  request->finished_id = g_signal_connect (msg, "finished",
                                           G_CALLBACK (request_on_gone), request);
  self->pending = g_list_prepend (self->pending, request);

  /* Never sleep or compute here: this thread serves every other request meanwhile. */
  soup_server_message_pause (msg);
  if (delay_ms > 0)
    request_schedule (request, delay_ms, request_on_delay_done);
  else
    request_proceed (request);
}

/* ------------------------------------------------------------------------------------------
 * The server thread
 */

static gpointer
server_thread_main (gpointer data)
{
  SfFakeServer *self = data;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "fake-tvmaze ", NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", self->start_port);
  listening = soup_server_listen (self->server, address, 0, &error);
  if (listening)
    {
      /* Not soup_server_get_uris(): libsoup 3.2 leaks an address there. */
      GSList *listeners = soup_server_get_listeners (self->server);
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, &error);

      g_slist_free (listeners);
      listening = local != NULL;
      if (listening)
        self->url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (
                                       G_INET_SOCKET_ADDRESS (local)));
    }

  g_mutex_lock (&self->start_lock);
  self->start_error = g_steal_pointer (&error);
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_lock);

  if (listening)
    g_main_loop_run (self->loop);

  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
server_thread_stop (gpointer user_data)
{
  SfFakeServer *self = user_data;

  /* Stalled and delayed answers are dropped with their connections. */
  g_list_free_full (g_steal_pointer (&self->pending), request_free);
  soup_server_disconnect (self->server);
  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------------------------
 * GObject
 */

static void
override_free (gpointer data)
{
  Override *override = data;

  g_free (override->name);
  g_free (override->summary);
  g_free (override);
}

static void
sf_fake_server_dispose (GObject *object)
{
  SfFakeServer *self = SF_FAKE_SERVER (object);

  sf_fake_server_stop (self);

  G_OBJECT_CLASS (sf_fake_server_parent_class)->dispose (object);
}

static void
sf_fake_server_finalize (GObject *object)
{
  SfFakeServer *self = SF_FAKE_SERVER (object);

  if (self->index_thread != NULL)
    g_thread_join (g_steal_pointer (&self->index_thread));

  g_queue_clear_full (&self->failures, (GDestroyNotify) fail_rule_free);
  g_clear_pointer (&self->request_counts, g_hash_table_unref);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->index_chunk, g_string_chunk_free);
  g_clear_pointer (&self->index_names, g_free);
  for (guint kind = 0; kind < N_IMAGE_KINDS; kind++)
    for (guint bucket = 0; bucket < N_COLOUR_BUCKETS; bucket++)
      g_clear_pointer (&self->images[kind][bucket], g_bytes_unref);
  g_clear_pointer (&self->huge_png, g_bytes_unref);
  g_clear_pointer (&self->big_bin, g_bytes_unref);
  g_clear_pointer (&self->corrupt_png, g_bytes_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->index_lock);
  g_mutex_clear (&self->start_lock);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (sf_fake_server_parent_class)->finalize (object);
}

static void
sf_fake_server_class_init (SfFakeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_fake_server_dispose;
  object_class->finalize = sf_fake_server_finalize;
}

static void
sf_fake_server_init (SfFakeServer *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->index_lock);
  g_mutex_init (&self->start_lock);
  g_cond_init (&self->start_cond);
  g_queue_init (&self->failures);
  self->request_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->overrides = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, override_free);
  self->retry_after_s = 1;
}

/* ------------------------------------------------------------------------------------------
 * Public API
 */

SfFakeServer *
sf_fake_server_new (guint   n_shows,
                    guint64 seed)
{
  SfFakeServer *self = g_object_new (SF_TYPE_FAKE_SERVER, NULL);

  /* Episode and person ids are show * 10,000 + n: keep them well inside 2^53. */
  self->n_shows = MIN (n_shows, 100000000u);
  self->seed = seed;

  return self;
}

/**
 * sf_fake_server_start:
 * @port: 0 for an ephemeral port
 *
 * Starts serving on 127.0.0.1 on a thread of its own; returns once the server listens.
 */
gboolean
sf_fake_server_start (SfFakeServer  *self,
                      guint          port,
                      GError       **error)
{
  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_pointer (&self->url, g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->start_port = port;
  self->start_done = FALSE;

  /* Index pages take ~10 ms of JSON each: generate them on a few cores, not one. */
  self->pool = g_thread_pool_new_full (job_run, NULL, job_free,
                                       (gint) CLAMP (g_get_num_processors (), 1, 4), FALSE,
                                       NULL);
  self->thread = g_thread_new ("fake-tvmaze", server_thread_main, self);

  g_mutex_lock (&self->start_lock);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_lock);
  g_mutex_unlock (&self->start_lock);

  if (self->start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_thread_pool_free (g_steal_pointer (&self->pool), TRUE, TRUE);
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      g_propagate_prefixed_error (error, g_steal_pointer (&self->start_error),
                                  "Cannot listen on 127.0.0.1:%u: ", port);
      return FALSE;
    }

  if (self->index_thread == NULL)
    self->index_thread = g_thread_new ("fake-tvmaze-index", index_thread_main, self);

  return TRUE;
}

/**
 * sf_fake_server_stop:
 *
 * Closes every connection, stalled ones included, and joins the server thread. Safe to call
 * twice, or on a server that never started.
 */
void
sf_fake_server_stop (SfFakeServer *self)
{
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  if (self->thread == NULL)
    return;

  /* An attached source, not g_main_context_invoke(): that could run the callback right here
   * if the server thread has not entered its loop yet. */
  source = g_idle_source_new ();
  g_source_set_callback (source, server_thread_stop, self, NULL);
  g_source_attach (source, self->context);

  g_thread_join (g_steal_pointer (&self->thread));
  /* Jobs still queued are dropped; finished ones wait in the context, which frees them. */
  g_thread_pool_free (g_steal_pointer (&self->pool), TRUE, TRUE);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  if (self->index_thread != NULL)
    g_thread_join (g_steal_pointer (&self->index_thread));
}

const char *
sf_fake_server_get_url (SfFakeServer *self)
{
  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), NULL);

  return self->url;
}

void
sf_fake_server_set_latency (SfFakeServer *self,
                            guint         api_ms,
                            guint         image_ms)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_atomic_int_set (&self->api_latency_ms, (gint) MIN (api_ms, (guint) G_MAXINT));
  g_atomic_int_set (&self->image_latency_ms, (gint) MIN (image_ms, (guint) G_MAXINT));
}

void
sf_fake_server_fail_next (SfFakeServer  *self,
                          const char    *path_prefix,
                          SfFakeFailure  failure,
                          guint          count)
{
  FailRule *rule;

  g_return_if_fail (SF_IS_FAKE_SERVER (self));
  g_return_if_fail (failure <= SF_FAKE_FAILURE_SLOW_DRIP);

  if (count == 0 || failure == SF_FAKE_FAILURE_NONE)
    return;

  rule = g_new0 (FailRule, 1);
  rule->prefix = g_strdup (path_prefix);
  rule->failure = failure;
  rule->remaining = count;

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->failures, rule);
  g_mutex_unlock (&self->lock);
}

void
sf_fake_server_clear_failures (SfFakeServer *self)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  g_queue_clear_full (&self->failures, (GDestroyNotify) fail_rule_free);
  g_mutex_unlock (&self->lock);
}

void
sf_fake_server_set_retry_after (SfFakeServer *self,
                                guint         seconds)
{
  g_return_if_fail (SF_IS_FAKE_SERVER (self));

  g_atomic_int_set (&self->retry_after_s, (gint) MIN (seconds, (guint) G_MAXINT));
}

void
sf_fake_server_override_show (SfFakeServer *self,
                              gint64        id,
                              const char   *name,
                              const char   *summary_html)
{
  Override *override;

  g_return_if_fail (SF_IS_FAKE_SERVER (self));
  g_return_if_fail (show_exists (self, id));

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

guint
sf_fake_server_get_request_count (SfFakeServer *self,
                                  const char   *path_prefix)
{
  GHashTableIter iter;
  gpointer key, value;
  guint total = 0;

  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->request_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (path_prefix == NULL || g_str_has_prefix (key, path_prefix))
      total += GPOINTER_TO_UINT (value);
  g_mutex_unlock (&self->lock);

  return total;
}

char *
sf_fake_server_dup_show_name (SfFakeServer *self,
                              gint64        id)
{
  Override *override;
  const char *language;
  char *name = NULL;

  g_return_val_if_fail (SF_IS_FAKE_SERVER (self), NULL);

  if (!show_exists (self, id))
    return NULL;

  g_mutex_lock (&self->lock);
  override = g_hash_table_lookup (self->overrides, &id);
  if (override != NULL && override->name != NULL)
    name = g_strdup (override->name);
  g_mutex_unlock (&self->lock);

  return name != NULL ? name : name_generate (self->seed, id, &language);
}
