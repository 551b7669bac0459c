#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SF_TYPE_CAST_MEMBER (sf_cast_member_get_type ())

G_DECLARE_FINAL_TYPE (SfCastMember, sf_cast_member, SF, CAST_MEMBER, GObject)

/**
 * sf_cast_member_new_from_json:
 * @node: a TVmaze cast row, `{person, character, self, voice}` (`/shows/:id/cast`)
 * @error: return location for a #SfModelError
 *
 * Builds a cast member from TVmaze JSON. The person needs a positive integer `id` and a
 * non-empty `name`; everything else is optional (2017-era rows lack `self`, `voice` and the
 * person's `country`, `birthday` and `gender`; images may be null). Safe to call from any
 * thread.
 *
 * Returns: (transfer full): the cast member, or %NULL with @error set
 */
SfCastMember *sf_cast_member_new_from_json           (JsonNode      *node,
                                                      GError       **error);

/* Read-only properties of the same names: person-id, person-name, person-image-medium,
 * character-name, character-image-medium, self, voice. */
gint64        sf_cast_member_get_person_id           (SfCastMember  *self);
/* never NULL */
const char   *sf_cast_member_get_person_name         (SfCastMember  *self);
/* the rest is nullable; URLs are https */
const char   *sf_cast_member_get_person_url          (SfCastMember  *self);
const char   *sf_cast_member_get_person_image_medium (SfCastMember  *self);
const char   *sf_cast_member_get_person_image_original (SfCastMember *self);
/* ISO 3166 code and name */
const char   *sf_cast_member_get_person_country_code (SfCastMember  *self);
const char   *sf_cast_member_get_person_country_name (SfCastMember  *self);
/* "YYYY-MM-DD" */
const char   *sf_cast_member_get_person_birthday     (SfCastMember  *self);
const char   *sf_cast_member_get_person_deathday     (SfCastMember  *self);
/* as sent ("Male", "Female", ...); treat as free text */
const char   *sf_cast_member_get_person_gender       (SfCastMember  *self);

/* 0 when unknown */
gint64        sf_cast_member_get_character_id        (SfCastMember  *self);
const char   *sf_cast_member_get_character_name      (SfCastMember  *self);
const char   *sf_cast_member_get_character_url       (SfCastMember  *self);
const char   *sf_cast_member_get_character_image_medium (SfCastMember *self);
const char   *sf_cast_member_get_character_image_original (SfCastMember *self);

/* plays themselves; FALSE when TVmaze does not say */
gboolean      sf_cast_member_get_self                (SfCastMember  *self);
/* voice-only role; FALSE when TVmaze does not say */
gboolean      sf_cast_member_get_voice               (SfCastMember  *self);

/* The photo to show for the row: the person's, else the character's (medium); nullable */
const char   *sf_cast_member_get_image_medium        (SfCastMember  *self);

G_END_DECLS
