#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Lenient readers for untrusted TVmaze JSON, shared by the model types of the details page.
 * An absent member, null, an empty string and a value of another type all read as "unknown";
 * none of them warns (json_object_get_string_member() and friends do on absent members, and
 * tests run with fatal warnings). Every function accepts a NULL object. */

/**
 * sf_json_reader_parse_root:
 * @data: a response body
 * @length: its length in bytes, or -1 if nul-terminated
 * @error: return location for a #SfModelError
 *
 * Parses a body after checking that it does not nest absurdly deep (json-glib parses
 * recursively). Safe to call from any thread.
 *
 * Returns: (transfer full): the root node (a null node for the body `null`), or %NULL with
 *   @error set: %SF_MODEL_ERROR_INVALID_JSON for empty or malformed text,
 *   %SF_MODEL_ERROR_UNEXPECTED_SHAPE for too deep a nesting
 */
JsonNode    *sf_json_reader_parse_root        (const char  *data,
                                               gssize       length,
                                               GError     **error);

/* The object of a node that must be one (a show, an episode): else %NULL and @error
 * (SF_MODEL_ERROR_UNEXPECTED_SHAPE) that begins with @what ("A show", "An episode"). */
/* The same, when the root must be of @type: else %NULL and @error
 * (SF_MODEL_ERROR_UNEXPECTED_SHAPE) "Expected @what, got …" (@what: "a JSON array of shows"). */
JsonNode    *sf_json_reader_parse_root_of     (const char  *data,
                                               gssize       length,
                                               JsonNodeType type,
                                               const char  *what,
                                               GError     **error);

/* What a model type's new_from_json() is, e.g. sf_show_new_from_json(). */
typedef gpointer (*SfJsonNewFunc)             (JsonNode    *node,
                                               GError     **error);
/* One item from a whole body: the parsed root handed to @new_func. */
gpointer     sf_json_reader_parse_item        (const char  *data,
                                               gssize       length,
                                               SfJsonNewFunc new_func,
                                               GError     **error);

JsonObject  *sf_json_reader_expect_object     (JsonNode    *node,
                                               const char  *what,
                                               GError     **error);
/* Its positive integer `id`: else FALSE and @error, as above. */
gboolean     sf_json_reader_expect_id         (JsonObject  *object,
                                               const char  *what,
                                               gint64      *out_id,
                                               GError     **error);

JsonObject  *sf_json_reader_get_object_member (JsonObject  *object,
                                               const char  *member);
JsonArray   *sf_json_reader_get_array_member  (JsonObject  *object,
                                               const char  *member);
/* Strings are checked as UTF-8 where they are handed out (json-glib decodes "\ud800" into
 * invalid UTF-8). Text that people read (names, summaries, genres) is repaired, with U+FFFD
 * for what is invalid, so a show stays readable; strings that are matched or used as they
 * are (codes, ids, dates, links, time zones) are refused instead, since a repaired one would
 * be a different, wrong value. */

/* borrowed, nullable; may be ""; NULL when it is not valid UTF-8 */
const char  *sf_json_reader_get_string_member (JsonObject  *object,
                                               const char  *member);
/* text: a valid UTF-8 copy (invalid sequences replaced by U+FFFD), or NULL when absent, not
 * a string or empty */
char        *sf_json_reader_dup_string_member (JsonObject  *object,
                                               const char  *member);
/* the same for a string already taken out of a node (NULL and "" give NULL) */
char        *sf_json_reader_dup_text          (const char  *value);
/* a code or identifier: a copy, or NULL when absent, empty or not valid UTF-8 */
char        *sf_json_reader_dup_token_member  (JsonObject  *object,
                                               const char  *member);

#define SF_JSON_READER_MAX_TIME_ZONE_LENGTH 64

/* Whether @name is shaped like an IANA zone ("America/New_York", "Etc/GMT+5"): ASCII letters,
 * digits, '_', '-', '+' and '.', in '/'-separated segments that are not empty and do not start
 * with '.', at most 64 bytes. GLib reads any path given to g_time_zone_new_identifier() (an
 * absolute path, "../", a FIFO that blocks forever), so only such names may reach it. */
gboolean     sf_json_reader_is_time_zone_name (const char  *name);
/* an IANA-shaped zone name (see above), else NULL */
char        *sf_json_reader_dup_time_zone_member (JsonObject *object,
                                                  const char *member);
/* TRUE and *out_value set when the member is an integer within [min, max] */
gboolean     sf_json_reader_get_int_member    (JsonObject  *object,
                                               const char  *member,
                                               gint64       min,
                                               gint64       max,
                                               gint64      *out_value);
/* TRUE and *out_value set when the member is a number (integer or not) */
gboolean     sf_json_reader_get_number_member (JsonObject  *object,
                                               const char  *member,
                                               double      *out_value);
/* the member when it is a boolean, else @default_value */
gboolean     sf_json_reader_get_bool_member   (JsonObject  *object,
                                               const char  *member,
                                               gboolean     default_value);
/* a real calendar date written "YYYY-MM-DD", else NULL */
char        *sf_json_reader_dup_date_member   (JsonObject  *object,
                                               const char  *member);
/* "HH:MM" (00:00 to 23:59), else NULL; TVmaze sends "" when there is no time */
char        *sf_json_reader_dup_time_member   (JsonObject  *object,
                                               const char  *member);
/* an http(s) link (TVmaze's own http:// links become https://), else NULL */
char        *sf_json_reader_dup_web_url_member(JsonObject  *object,
                                               const char  *member);
/* the medium and original URLs of an `image` member; both NULL when it is null */
void         sf_json_reader_dup_image_member  (JsonObject  *object,
                                               const char  *member,
                                               char       **out_medium,
                                               char       **out_original);
/* the name of a `network` / `webChannel` object member, NULL when it is null */
char        *sf_json_reader_dup_channel_name  (JsonObject  *object,
                                               const char  *member);
/* the id at the end of `_links.<member>.href` when it reads ".../<kind>/ID", else 0;
 * @kind is e.g. "episodes" */
gint64       sf_json_reader_get_link_id       (JsonObject  *links,
                                               const char  *member,
                                               const char  *kind);

G_END_DECLS
