#pragma once

#include <adwaita.h>

#include "sf-criteria.h"

G_BEGIN_DECLS

#define SF_TYPE_COMPLETION (sf_completion_get_type ())

G_DECLARE_FINAL_TYPE (SfCompletion, sf_completion, SF, COMPLETION, GObject)

/**
 * SfCompletionFuncs:
 * @suggest: asked for the suggestions of @text (%NULL: none wanted any more, cancel what
 *   runs); answers with sf_completion_set_suggestions(), now or later
 * @describe: the label of @value, in a suggestion and on its chip (newly allocated)
 * @count: how many series @value gives with the other criteria, or -1 while unknown
 * @resolve: the value Enter adds for @text, or %NULL (the entry says it is wrong)
 */
typedef struct
{
  void   (*suggest)  (SfCompletion *completion,
                      const char   *text,
                      gpointer      user_data);
  char * (*describe) (const char   *value,
                      gpointer      user_data);
  int    (*count)    (const char   *value,
                      gpointer      user_data);
  char * (*resolve)  (SfCompletion *completion,
                      const char   *text,
                      gpointer      user_data);
} SfCompletionFuncs;

/**
 * sf_completion_new:
 * @criterion: the value list it adds to (%SF_CRITERION_CHANNEL or %SF_CRITERION_COUNTRY)
 * @entry: where the person types
 * @suggestions: the list of suggestions under it, each with its count
 * @chips: the chosen values, each a removable chip
 * @delay_ms: how long typing pauses before @suggest is asked (0: at once)
 *
 * The completion row of one criterion of the filter panel: network and country each have
 * one. It emits #SfCompletion::add when a value is picked (a suggestion, or Enter) and
 * #SfCompletion::remove when a chip is closed; its owner edits the criteria.
 */
SfCompletion *sf_completion_new             (SfCriterion              criterion,
                                             AdwEntryRow             *entry,
                                             GtkListBox              *suggestions,
                                             GtkBox                  *chips,
                                             guint                    delay_ms,
                                             const SfCompletionFuncs *funcs,
                                             gpointer                 user_data);

/* @values: (nullable): what to suggest, in order; rows already there for the same values
 * stay (a refresh only changes their counts), so that one with the focus keeps it. */
void          sf_completion_set_suggestions (SfCompletion            *self,
                                             const char * const      *values);
/* (transfer none): the values suggested now */
GListModel   *sf_completion_get_suggestions (SfCompletion            *self);
/* The counts or labels changed: the rows and chips say them again. */
void          sf_completion_refresh         (SfCompletion            *self);
/* Empties the entry and hides the suggestions. */
void          sf_completion_clear           (SfCompletion            *self);
/* The chosen values, as chips (only rebuilt when values or labels change). */
void          sf_completion_set_chosen      (SfCompletion            *self,
                                             const char * const      *values);

G_END_DECLS
