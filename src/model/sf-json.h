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
char *sf_json_to_string          (JsonNode    *node);

/* Sets @member to @value, or to null when @value is %NULL. */
void  sf_json_builder_add_string (JsonBuilder *builder,
                                  const char  *member,
                                  const char  *value);
/* The same on an object. */
void  sf_json_object_set_string  (JsonObject  *object,
                                  const char  *member,
                                  const char  *value);
/* Sets @member to @value, or to null when it is not @known. */
void  sf_json_builder_add_int    (JsonBuilder *builder,
                                  const char  *member,
                                  gint64       value,
                                  gboolean     known);

G_END_DECLS
