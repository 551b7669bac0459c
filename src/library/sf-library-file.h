#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The watchlist export format, one JSON object:
 *
 *   {"format":"series-finder-watchlist","version":1,"shows":[
 *   {"id":139,"name":"Girls","added":"2026-11-01T20:15:00Z"},
 *   ...
 *   ]}
 *
 * `added` is optional on import. Unknown keys are ignored, so later versions may add some.
 * Pure functions, safe on any thread.
 */

#define SF_LIBRARY_FILE_FORMAT    "series-finder-watchlist"
#define SF_LIBRARY_FILE_VERSION   1
/* Far beyond any real watchlist (a show takes about 60 bytes), far below a memory problem. */
#define SF_LIBRARY_FILE_MAX_SIZE  (5 * 1024 * 1024)
#define SF_LIBRARY_FILE_MAX_SHOWS 20000
#define SF_LIBRARY_FILE_MAX_NAME  1000
/* TVmaze ids are 32-bit */
#define SF_LIBRARY_FILE_MAX_ID    G_MAXINT32

typedef struct
{
  gint64  id;
  char   *name;     /* owned, valid UTF-8, no control characters */
  gint64  added;    /* Unix seconds; 0 when the file did not say */
} SfLibraryFileEntry;

void     sf_library_file_entry_clear (SfLibraryFileEntry *entry);

/**
 * sf_library_file_parse:
 * @data: the whole file
 * @length: its length in bytes
 * @error: return location for an %SF_LIBRARY_ERROR
 *
 * Validates a watchlist file completely: at most %SF_LIBRARY_FILE_MAX_SIZE bytes
 * (%SF_LIBRARY_ERROR_TOO_LARGE), UTF-8 JSON of one object and nothing after it, the format
 * and version keys (a newer version is %SF_LIBRARY_ERROR_NEWER_VERSION), and every entry
 * an object with an integer `id` in 1..%SF_LIBRARY_FILE_MAX_ID and a non-empty `name` of at
 * most %SF_LIBRARY_FILE_MAX_NAME bytes without control characters. Anything else is
 * %SF_LIBRARY_ERROR_INVALID_FILE with a message saying what is wrong. Names are kept as
 * plain text: markup in them is not interpreted here, and must be escaped where shown.
 *
 * Returns: (transfer full) (element-type SfLibraryFileEntry): the entries in file order,
 *   a repeated id collapsed into its first entry; %NULL with @error set
 */
GArray  *sf_library_file_parse       (const char          *data,
                                      gsize                length,
                                      GError             **error);

/**
 * sf_library_file_build:
 * @entries: the shows
 * @n_entries: how many
 *
 * Returns: (transfer full): the file, one show a line
 */
GBytes  *sf_library_file_build       (const SfLibraryFileEntry *entries,
                                      guint                n_entries);

G_END_DECLS
