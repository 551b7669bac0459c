#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * sf_json_to_string:
 * @node: any JSON node
 *
 * Writes @node as compact JSON on one line. Unlike json-glib 1.6's generator, doubles are
 * written with 15 significant digits, so a rating of 6.7 reads "6.7", not
 * "6.7000000000000002"; NaN and infinities (not JSON) become null.
 *
 * Returns: (transfer full): the JSON text
 */
char *sf_json_to_string (JsonNode *node);

G_END_DECLS
