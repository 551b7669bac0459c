#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sf-show.h"

G_BEGIN_DECLS

/* A TVmaze person (`/people/:id`, `/search/people`) and one of their cast credits
 * (`/people/:id/castcredits`). Text is plain UTF-8 with the control characters dropped, so it
 * is safe for the terminal; widgets show it as text, never as markup. */

#define SF_TYPE_PERSON (sf_person_get_type ())

G_DECLARE_FINAL_TYPE (SfPerson, sf_person, SF, PERSON, GObject)

/**
 * sf_person_new_from_json:
 * @node: a TVmaze Person object
 * @error: return location for a #SfModelError
 *
 * Needs a positive integer `id` and a non-empty `name`; everything else may be absent or null
 * (the 2017 shape has no `country`, `birthday`, `gender`). Safe to call from any thread.
 *
 * Returns: (transfer full): the person, or %NULL with @error set
 */
SfPerson    *sf_person_new_from_json       (JsonNode     *node,
                                            GError      **error);

/* Read-only properties: id, name, image-medium. */
gint64       sf_person_get_id              (SfPerson     *self);
/* never NULL nor empty */
const char  *sf_person_get_name            (SfPerson     *self);
/* the rest is nullable; URLs are https */
const char  *sf_person_get_url             (SfPerson     *self);
const char  *sf_person_get_image_medium    (SfPerson     *self);
const char  *sf_person_get_image_original  (SfPerson     *self);
/* "YYYY-MM-DD", checked */
const char  *sf_person_get_birthday        (SfPerson     *self);
const char  *sf_person_get_deathday        (SfPerson     *self);
/* as sent ("Male", "Female", ...) */
const char  *sf_person_get_gender          (SfPerson     *self);
const char  *sf_person_get_country_name    (SfPerson     *self);
/* ISO 3166 */
const char  *sf_person_get_country_code    (SfPerson     *self);
/* the search score, 0 outside a search */
double       sf_person_get_score           (SfPerson     *self);

/**
 * sf_person_parse:
 * @data: the body of `/people/:id`
 *
 * Returns: (transfer full): the person, or %NULL with @error set
 */
SfPerson    *sf_person_parse               (const char   *data,
                                            gssize        length,
                                            GError      **error);

/**
 * sf_person_list_parse_search:
 * @data: the body of `/search/people`, `[{"score": ..., "person": {...}}, ...]`
 *
 * Keeps the server's order; entries that are not usable people are skipped. Not JSON:
 * %SF_MODEL_ERROR_INVALID_JSON; not an array or nested absurdly deep:
 * %SF_MODEL_ERROR_UNEXPECTED_SHAPE. Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type SfPerson): the people
 */
GPtrArray   *sf_person_list_parse_search   (const char   *data,
                                            gssize        length,
                                            GError      **error);


#define SF_TYPE_CREDIT (sf_credit_get_type ())

G_DECLARE_FINAL_TYPE (SfCredit, sf_credit, SF, CREDIT, GObject)

/**
 * sf_credit_new_from_json:
 * @node: a castcredits row, `{self, voice, _links: {show, character}, _embedded: {show,
 *   character}}`
 *
 * The show id comes from the embedded show, else from `_links.show.href`; a row with neither
 * is an error. A row whose show is missing from the embed (or unusable) is kept with its id
 * only: sf_credit_get_show() is then %NULL, so the person's series ids stay complete for a
 * search. Safe to call from any thread.
 *
 * Returns: (transfer full): the credit, or %NULL with @error set
 */
SfCredit    *sf_credit_new_from_json       (JsonNode     *node,
                                            GError      **error);

/* Read-only properties: show-id, show, character-name, voice, self. */
gint64       sf_credit_get_show_id         (SfCredit     *self);
/* nullable: not embedded */
SfShow      *sf_credit_get_show            (SfCredit     *self);
/* nullable: TVmaze sends it only with embed=character */
const char  *sf_credit_get_character_name  (SfCredit     *self);
/* voice-only role / plays themselves; FALSE when TVmaze does not say */
gboolean     sf_credit_get_voice           (SfCredit     *self);
gboolean     sf_credit_get_self            (SfCredit     *self);

/**
 * sf_credit_list_parse:
 * @data: the body of `/people/:id/castcredits?embed[]=show&embed[]=character`
 *
 * Parses the credits and orders them newest first (the show's premiere date, unknown dates
 * last, then by show id, highest first). Rows that are not credits are skipped. Errors as
 * sf_person_list_parse_search(). Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type SfCredit): the credits
 */
GPtrArray   *sf_credit_list_parse          (const char   *data,
                                            gssize        length,
                                            GError      **error);

/* The distinct show ids of @credits (element-type SfCredit), ascending.
 * Returns: (transfer full) (element-type gint64) */
GArray      *sf_credit_list_dup_show_ids   (GPtrArray    *credits);

G_END_DECLS
