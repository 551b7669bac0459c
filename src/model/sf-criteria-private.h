#pragma once

/* What the units of SfCriteria share: sf-criteria.c (the value, set and written as text) and
 * sf-criteria-match.c (matching and ordering shows). Nothing else includes it. */

#include "sf-criteria.h"

G_BEGIN_DECLS

struct _SfCriteria
{
  gatomicrefcount ref;

  char           *text;                   /* owned, as typed, never NULL */
  char           *text_key;               /* owned, normalized, never NULL ("" for none) */
  GStrv           tokens;                 /* owned, the words of @text_key */
  GStrv           values[SF_N_CRITERIA];  /* owned, set for the value-list criteria only */
  int             year_from;
  int             year_to;
  int             runtime_from;
  int             runtime_to;
  double          min_rating;
  SfSort          sort;
  gint64          person_id;              /* 0: unset */
  char           *person_name;            /* owned, nullable */
  GArray         *person_show_ids;        /* owned gint64, sorted; NULL when unset */
};

/* Value lists compare like SQLite's NOCASE collation (ASCII case only). */
static inline gboolean
sf_criteria_strv_contains_nocase (const char * const *strv,
                                  const char         *value)
{
  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (strv[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

G_END_DECLS
