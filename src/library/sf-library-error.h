#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SF_LIBRARY_ERROR (sf_library_error_quark ())

/**
 * SfLibraryError:
 * @SF_LIBRARY_ERROR_OPEN: the watchlist file could not be created or opened (permissions,
 *   disk full, locked by another program); nothing was changed
 * @SF_LIBRARY_ERROR_NEWER_VERSION: the file (or an import file) was written by a newer
 *   Series Finder; it is left untouched
 * @SF_LIBRARY_ERROR_FOREIGN: the file is a sound database of another program; it is left
 *   untouched
 * @SF_LIBRARY_ERROR_CORRUPT: the database turned out damaged while in use; opening the
 *   watchlist again moves it aside
 * @SF_LIBRARY_ERROR_DATABASE: any other SQLite failure (I/O error, disk full)
 * @SF_LIBRARY_ERROR_CLOSED: the watchlist is not open (yet, or any more)
 * @SF_LIBRARY_ERROR_IO: an export or import file could not be read or written
 * @SF_LIBRARY_ERROR_INVALID_FILE: an import file is not a valid watchlist (the message
 *   says what is wrong); nothing was imported
 * @SF_LIBRARY_ERROR_TOO_LARGE: an import file is too large to be a watchlist; nothing was
 *   imported
 * @SF_LIBRARY_ERROR_EXISTS: a saved search of that name exists already; nothing changed
 * @SF_LIBRARY_ERROR_NOT_FOUND: no saved search has that name; nothing changed
 * @SF_LIBRARY_ERROR_INVALID_NAME: the name of a saved search is empty or not allowed
 *
 * Errors of the watchlist; the UI picks its state from the code and shows the message.
 */
typedef enum
{
  SF_LIBRARY_ERROR_OPEN,
  SF_LIBRARY_ERROR_NEWER_VERSION,
  SF_LIBRARY_ERROR_FOREIGN,
  SF_LIBRARY_ERROR_CORRUPT,
  SF_LIBRARY_ERROR_DATABASE,
  SF_LIBRARY_ERROR_CLOSED,
  SF_LIBRARY_ERROR_IO,
  SF_LIBRARY_ERROR_INVALID_FILE,
  SF_LIBRARY_ERROR_TOO_LARGE,
  SF_LIBRARY_ERROR_EXISTS,
  SF_LIBRARY_ERROR_NOT_FOUND,
  SF_LIBRARY_ERROR_INVALID_NAME,
} SfLibraryError;

GQuark sf_library_error_quark (void);

G_END_DECLS
