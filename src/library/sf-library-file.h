#pragma once

#include <glib.h>

#include "sf-saved-search.h"

G_BEGIN_DECLS

/*
 * The watchlist export format, one JSON object:
 *
 *   {"format":"series-finder-watchlist","version":2,"shows":[
 *   {"id":139,"name":"Girls","added":"2026-11-01T20:15:00Z"},
 *   ...
 *   ],"searches":[
 *   {"name":"British crime","criteria":{"genres":["Crime"],"sort":"relevance"},"seen":[6,82]},
 *   ...
 *   ]}
 *
 * `added` is optional on import. Unknown keys are ignored, so later versions may add some.
 * Version 2 added the saved searches (`searches`, by name; `seen`: the matches the person
 * has seen, sorted); a file without saved searches is written as version 1, which every
 * version reads, and a version 1 file imports as the shows alone.
 * Pure functions, safe on any thread.
 */

#define SF_LIBRARY_FILE_FORMAT    "series-finder-watchlist"
#define SF_LIBRARY_FILE_VERSION   2
#define SF_LIBRARY_FILE_MAX_SEARCHES 1000
/* Far beyond any real watchlist (a show takes about 60 bytes), far below a memory problem. */
#define SF_LIBRARY_FILE_MAX_SIZE  (5 * 1024 * 1024)
#define SF_LIBRARY_FILE_MAX_SHOWS 20000
#define SF_LIBRARY_FILE_MAX_NAME  1000
/* TVmaze ids are 32-bit */
#define SF_LIBRARY_FILE_MAX_ID    G_MAXINT32

/* The last second an `added` date can say: 9999-12-31T23:59:59Z (ISO 8601 has 4 digits). */
#define SF_LIBRARY_FILE_MAX_ADDED G_GINT64_CONSTANT (253402300799)

typedef struct
{
  gint64  id;
  char   *name;     /* owned, as sf_library_file_normalize_name() leaves it */
  gint64  added;    /* Unix seconds; 0 when the file did not say */
} SfLibraryFileEntry;

void     sf_library_file_entry_clear (SfLibraryFileEntry *entry);

/*
 * The one rule for what an entry may hold, applied by the export to what it writes and by
 * the import to what it reads, so that every export imports back as it was written:
 *
 * - a name is valid UTF-8 (invalid bytes become U+FFFD), without control characters (tabs,
 *   newlines and the other line breaks become spaces, the rest go), without spaces at either
 *   end, and at most %SF_LIBRARY_FILE_MAX_NAME bytes (cut at a character); nothing left is
 *   no name (%NULL);
 * - `added` is 0 (unknown) outside 1970-01-01 .. %SF_LIBRARY_FILE_MAX_ADDED;
 * - an id is 1 .. %SF_LIBRARY_FILE_MAX_ID, or the entry is left out.
 *
 * Normalizing twice changes nothing.
 */
char    *sf_library_file_normalize_name  (const char *name);
gint64   sf_library_file_normalize_added (gint64      added);
gboolean sf_library_file_id_is_valid     (gint64      id);

/**
 * sf_library_file_parse:
 * @data: the whole file
 * @length: its length in bytes
 * @error: return location for an %SF_LIBRARY_ERROR
 *
 * Validates a watchlist file as a whole: at most %SF_LIBRARY_FILE_MAX_SIZE bytes
 * (%SF_LIBRARY_ERROR_TOO_LARGE), UTF-8 JSON of one object and nothing after it, the format
 * and version keys (a newer version is %SF_LIBRARY_ERROR_NEWER_VERSION). Anything else is
 * %SF_LIBRARY_ERROR_INVALID_FILE with a message saying what is wrong.
 *
 * Each entry is then judged alone, by the rule above: an entry that is not an object, or
 * has no integer `id` in 1..%SF_LIBRARY_FILE_MAX_ID, or no `name` string that normalizes to
 * something, is left out and counted in @out_n_skipped; one bad show never makes the whole
 * file unusable. Names are normalized and kept as plain text: markup in them is not
 * interpreted here, and must be escaped where shown.
 *
 * Returns: (transfer full) (element-type SfLibraryFileEntry): the entries in file order,
 *   a repeated id collapsed into its first entry; %NULL with @error set
 */
GArray  *sf_library_file_parse_full  (const char          *data,
                                      gsize                length,
                                      guint               *out_n_skipped,
                                      GError             **error);
/**
 * sf_library_file_parse_searches:
 * @out_searches: (out) (element-type SfSavedSearch): the saved searches of the file, by name
 *   (an empty array for a version 1 file); one without a valid name or criteria object is
 *   left out and counted in @out_n_skipped, a repeated name collapsed into its first
 *
 * sf_library_file_parse_full() that also reads the saved searches.
 */
GArray  *sf_library_file_parse_searches (const char       *data,
                                         gsize             length,
                                         GPtrArray       **out_searches,
                                         guint            *out_n_skipped,
                                         GError          **error);
/* sf_library_file_parse_full() without the count */
GArray  *sf_library_file_parse       (const char          *data,
                                      gsize                length,
                                      GError             **error);

/**
 * sf_library_file_build:
 * @entries: the shows
 * @n_entries: how many
 *
 * Writes each entry as sf_library_file_normalize_name() and _added() leave it, so that the
 * import takes it back as written; an entry whose id is not valid is left out, and an empty
 * name is written as the id.
 *
 * Returns: (transfer full): the file, one show a line
 */
GBytes  *sf_library_file_build       (const SfLibraryFileEntry *entries,
                                      guint                n_entries);
/* @searches: (nullable) (element-type SfSavedSearch): written by name with their criteria
 * and seen ids; none (or %NULL) writes a version 1 file */
GBytes  *sf_library_file_build_searches (const SfLibraryFileEntry *entries,
                                         guint                     n_entries,
                                         GPtrArray                *searches);

G_END_DECLS
