#pragma once

#include <glib.h>

#include "sf-show.h"

G_BEGIN_DECLS

/**
 * sf_show_list_parse_search:
 * @data: the body of `/search/shows`
 * @length: its length in bytes, or -1 if nul-terminated
 * @error: return location for a #SfModelError
 *
 * Parses `[{"score": ..., "show": {...}}, ...]`, keeping the server's order and each score.
 * Entries that are not usable shows are skipped. Text that is not JSON (empty, truncated,
 * invalid UTF-8) is %SF_MODEL_ERROR_INVALID_JSON; JSON that is not an array (`null`, an error
 * object) or that nests absurdly deep is %SF_MODEL_ERROR_UNEXPECTED_SHAPE.
 * Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type SfShow): the shows
 */
GPtrArray *sf_show_list_parse_search (const char  *data,
                                      gssize       length,
                                      GError     **error);

/**
 * sf_show_list_parse_shows:
 * @data: a JSON array of Show objects (`/shows?page=N`)
 * @length: its length in bytes, or -1 if nul-terminated
 * @error: return location for a #SfModelError
 *
 * Like sf_show_list_parse_search() for a plain array of shows. Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type SfShow): the shows
 */
GPtrArray *sf_show_list_parse_shows  (const char  *data,
                                      gssize       length,
                                      GError     **error);

/**
 * sf_show_parse:
 * @data: a JSON Show object (`/shows/:id`)
 * @length: its length in bytes, or -1 if nul-terminated
 * @error: return location for a #SfModelError
 *
 * Returns: (transfer full): the show, or %NULL with @error set
 */
SfShow    *sf_show_parse             (const char  *data,
                                      gssize       length,
                                      GError     **error);

G_END_DECLS
