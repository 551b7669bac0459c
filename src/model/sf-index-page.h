#pragma once

#include <glib.h>

#include "sf-show.h"

G_BEGIN_DECLS

/**
 * sf_index_page_parse:
 * @data: a JSON array of Show objects (`/shows?page=N`)
 * @length: its length in bytes, or -1 if nul-terminated
 * @out_json: (out) (transfer full) (element-type utf8): each kept show's JSON text, exactly as
 *   sent, in the same order as the returned shows
 * @error: return location for a #SfModelError
 *
 * Like sf_show_list_parse_shows(), and also hands back each show's own JSON so that it can be
 * stored and parsed again later with sf_show_parse(). Elements that are well-formed JSON but
 * not usable shows are skipped; a body that is not a well-formed JSON array (truncated,
 * invalid UTF-8, ...) is an error. Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type SfShow): the shows, or %NULL with @error set
 */
GPtrArray *sf_index_page_parse (const char  *data,
                               gssize       length,
                               GPtrArray  **out_json,
                               GError     **error);

G_END_DECLS
