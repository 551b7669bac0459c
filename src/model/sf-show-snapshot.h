#pragma once

/* A followed show's snapshot: the show as TVmaze-shaped JSON, which sf_show_new_from_json()
 * (and sf_show_details_parse_embedded()) read back the same. sf_show_to_json() is the command
 * line's flatter shape. */

#include "sf-show.h"

G_BEGIN_DECLS

/* Returns: (transfer full): a TVmaze Show object */
char   *sf_show_snapshot_dup_json (SfShow     *show);

/* A show that knows only its id and name (a snapshot that did not read back). */
SfShow *sf_show_new_minimal       (gint64      id,
                                   const char *name);

G_END_DECLS
