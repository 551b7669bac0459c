/* sf-filter-panel-places.c: the filter panel's network and country completions, where their
 * suggestions, labels and counts come from (the completion itself is sf-completion.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sf-filter-panel-private.h"

#define COMPLETE_DELAY_MS  150
#define N_SUGGESTIONS      6

const SfCountryCount *
_sf_filter_panel_find_country (SfFilterPanel *self,
                               const char    *code)
{
  for (guint i = 0; self->countries != NULL && i < self->countries->len; i++)
    {
      const SfCountryCount *country = g_ptr_array_index (self->countries, i);

      if (g_ascii_strcasecmp (country->code, code) == 0)
        return country;
    }

  return NULL;
}

static char *
country_label (const SfCountryCount *country)
{
  if (country->name == NULL)
    return g_strdup (country->code);

  /* Translators: a country's name and ISO code, "United Kingdom · GB" */
  return g_strdup_printf (_("%s · %s"), country->name, country->code);
}


static SfCriterion
completion_criterion (SfFilterPanel *self,
                      SfCompletion  *completion)
{
  return completion == self->channel_completion ? SF_CRITERION_CHANNEL : SF_CRITERION_COUNTRY;
}

static void
completion_add_cb (SfCompletion  *completion,
                   const char    *value,
                   SfFilterPanel *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));
  SfCriteria *criteria;

  if (*stripped == '\0')
    return;

  sf_completion_clear (completion);
  criteria = sf_criteria_copy (self->criteria);
  sf_criteria_add_value (criteria, completion_criterion (self, completion), stripped);
  _sf_filter_panel_apply (self, criteria, FALSE);
  _sf_filter_panel_sync_values (self, FALSE);
}

static void
completion_remove_cb (SfCompletion  *completion,
                      const char    *value,
                      SfFilterPanel *self)
{
  SfCriteria *criteria = sf_criteria_copy (self->criteria);

  sf_criteria_remove_value (criteria, completion_criterion (self, completion), value);
  _sf_filter_panel_apply (self, criteria, FALSE);
  _sf_filter_panel_sync_values (self, FALSE);
}

/* How many series @value of @criterion would give with every other criterion and the title;
 * -1 while not counted. */
static int
suggestion_count (SfFilterPanel *self,
                  SfCriterion    criterion,
                  const char    *value)
{
  if (self->search == NULL || sf_search_get_facets (self->search) == NULL ||
      !_sf_filter_panel_has_shows (self))
    return -1;

  return sf_search_get_facet_count (self->search, criterion, value);
}

/* Networks: names from the catalog, the ones with the most shows first */

static void
complete_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) shown = NULL;
  SfFilterPanel *self;

  names = sf_catalog_complete_channel_finish (SF_CATALOG (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SF_FILTER_PANEL (user_data);
  g_clear_object (&self->complete_cancellable);
  if (names == NULL)
    {
      g_debug ("Could not complete a channel name: %s", error->message);
      return;
    }

  /* Channels already chosen are not offered again. */
  builder = g_strv_builder_new ();
  for (guint i = 0, n = 0; names[i] != NULL && n < N_SUGGESTIONS; i++)
    {
      if (_sf_filter_panel_contains_nocase (sf_criteria_get_values (self->criteria, SF_CRITERION_CHANNEL),
                           names[i]))
        continue;
      g_strv_builder_add (builder, names[i]);
      n++;
    }
  shown = g_strv_builder_end (builder);
  sf_completion_set_suggestions (self->channel_completion, (const char * const *) shown);
}

static void
suggest_channel (SfCompletion *completion,
                 const char   *text,
                 gpointer      user_data)
{
  SfFilterPanel *self = user_data;
  guint n_chosen;

  g_cancellable_cancel (self->complete_cancellable);
  g_clear_object (&self->complete_cancellable);
  if (text == NULL || self->catalog == NULL || !sf_catalog_is_open (self->catalog))
    return;

  /* Enough names that the chosen ones, left out, still leave a full list. */
  n_chosen = g_strv_length ((GStrv) sf_criteria_get_values (self->criteria, SF_CRITERION_CHANNEL));
  self->complete_cancellable = g_cancellable_new ();
  sf_catalog_complete_channel_async (self->catalog, text, N_SUGGESTIONS + n_chosen,
                                     self->complete_cancellable, complete_cb, self);
}

static char *
describe_channel (const char *value,
                  gpointer    user_data)
{
  return g_strdup (value);
}

static int
count_channel (const char *value,
               gpointer    user_data)
{
  return suggestion_count (user_data, SF_CRITERION_CHANNEL, value);
}

/* "hbo" becomes the catalog's "HBO" when that is on offer. */
static char *
resolve_channel (SfCompletion *completion,
                 const char   *text,
                 gpointer      user_data)
{
  GListModel *suggestions = sf_completion_get_suggestions (completion);

  for (guint i = 0; i < g_list_model_get_n_items (suggestions); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (suggestions), i);

      if (g_ascii_strcasecmp (name, text) == 0)
        return g_strdup (name);
    }

  return g_strdup (text);
}

/* Countries: the catalog's list, filtered in memory */

/* The country whose code or whole name is @text, chosen or not. */
static const SfCountryCount *
find_exact_country (SfFilterPanel *self,
                    const char    *text)
{
  g_autofree char *key = sf_criteria_normalize_text (text);

  for (guint i = 0; self->countries != NULL && i < self->countries->len; i++)
    {
      const SfCountryCount *country = g_ptr_array_index (self->countries, i);
      const char *name_key = g_ptr_array_index (self->country_keys, i);

      if (g_ascii_strcasecmp (country->code, text) == 0 ||
          (*key != '\0' && g_strcmp0 (name_key, key) == 0))
        return country;
    }

  return NULL;
}

/* A code starting with @text, or a word of the name starting with its words. */
static gboolean
country_matches_text (const SfCountryCount *country,
                      const char           *name_key,
                      const char           *text,
                      const char           *key,
                      const char           *spaced_key)
{
  if (g_ascii_strncasecmp (country->code, text, strlen (text)) == 0)
    return TRUE;

  if (*key == '\0' || name_key == NULL)
    return FALSE;

  return g_str_has_prefix (name_key, key) || strstr (name_key, spaced_key) != NULL;
}

static void
suggest_country (SfCompletion *completion,
                 const char   *text,
                 gpointer      user_data)
{
  SfFilterPanel *self = user_data;
  g_autofree char *key = NULL;
  g_autofree char *spaced_key = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  guint n = 0;

  if (text == NULL)
    return;
  if (self->countries == NULL)
    {
      sf_completion_set_suggestions (completion, NULL);
      return;
    }

  key = sf_criteria_normalize_text (text);
  spaced_key = g_strconcat (" ", key, NULL);

  for (guint i = 0; i < self->countries->len && n < N_SUGGESTIONS; i++)
    {
      const SfCountryCount *country = g_ptr_array_index (self->countries, i);
      const char *name_key = g_ptr_array_index (self->country_keys, i);

      /* Countries already chosen are not offered again. */
      if (_sf_filter_panel_contains_nocase (sf_criteria_get_values (self->criteria, SF_CRITERION_COUNTRY),
                           country->code) ||
          !country_matches_text (country, name_key, text, key, spaced_key))
        continue;

      g_strv_builder_add (builder, country->code);
      n++;
    }

  codes = g_strv_builder_end (builder);
  sf_completion_set_suggestions (completion, (const char * const *) codes);
}

/* A country shows its name too, once the catalog has said it. */
static char *
describe_country (const char *value,
                  gpointer    user_data)
{
  const SfCountryCount *country = _sf_filter_panel_find_country (user_data, value);

  return country != NULL ? country_label (country) : g_strdup (value);
}

/* Within the other criteria and the title (the catalog's own count until the search has
 * counted). */
static int
count_country (const char *value,
               gpointer    user_data)
{
  SfFilterPanel *self = user_data;
  const SfCountryCount *country = _sf_filter_panel_find_country (self, value);
  int count = suggestion_count (self, SF_CRITERION_COUNTRY, value);

  if (count < 0 && country != NULL)
    count = (int) MIN (country->count, G_MAXINT);
  return country != NULL ? count : -1;
}

/* A country named or coded exactly; else a typed code, as before the catalog knew names
 * (the person may know a code the catalog has no show for yet); else the first suggestion. */
static char *
resolve_country (SfCompletion *completion,
                 const char   *text,
                 gpointer      user_data)
{
  const SfCountryCount *country = find_exact_country (user_data, text);
  g_autofree char *code = g_ascii_strup (text, -1);
  GListModel *suggestions = sf_completion_get_suggestions (completion);

  if (country != NULL)
    return g_strdup (country->code);

  /* ISO 3166 codes, as TVmaze gives them: two letters. */
  if (strlen (code) == 2 && g_ascii_isalpha (code[0]) && g_ascii_isalpha (code[1]))
    return g_steal_pointer (&code);

  if (g_list_model_get_n_items (suggestions) > 0)
    return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (suggestions), 0));

  return NULL;
}

static void
update_country_suggestions (SfFilterPanel *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->country_entry))));

  if (*text == '\0' || self->countries == NULL)
    sf_completion_set_suggestions (self->country_completion, NULL);
  else
    suggest_country (self->country_completion, text, self);
}

/* The search counted again: the suggestions on screen say the new counts. */
void
_sf_filter_panel_update_suggestion_counts (SfFilterPanel *self)
{
  sf_completion_refresh (self->channel_completion);
  sf_completion_refresh (self->country_completion);
}

/* Takes @countries (or NULL: none known). */
void
_sf_filter_panel_set_countries (SfFilterPanel *self,
                                GPtrArray     *countries)
{
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->country_keys, g_ptr_array_unref);
  self->countries = countries;

  if (countries != NULL)
    {
      self->country_keys = g_ptr_array_new_full (countries->len, g_free);
      for (guint i = 0; i < countries->len; i++)
        {
          const SfCountryCount *country = g_ptr_array_index (countries, i);

          g_ptr_array_add (self->country_keys,
                           country->name != NULL ? sf_criteria_normalize_text (country->name)
                                                 : NULL);
        }
    }

  update_country_suggestions (self);
  sf_completion_set_chosen (self->country_completion,
                            sf_criteria_get_values (self->criteria, SF_CRITERION_COUNTRY));
}

static const SfCompletionFuncs channel_funcs = {
  suggest_channel, describe_channel, count_channel, resolve_channel,
};

static const SfCompletionFuncs country_funcs = {
  suggest_country, describe_country, count_country, resolve_country,
};

void
_sf_filter_panel_hide_suggestions (SfFilterPanel *self)
{
  suggest_channel (self->channel_completion, NULL, self);
  sf_completion_set_suggestions (self->channel_completion, NULL);
}

void
_sf_filter_panel_places_init (SfFilterPanel *self)
{
  self->channel_completion = sf_completion_new (SF_CRITERION_CHANNEL, self->channel_entry,
                                                self->channel_suggestions, self->channel_chips,
                                                COMPLETE_DELAY_MS, &channel_funcs, self);
  self->country_completion = sf_completion_new (SF_CRITERION_COUNTRY, self->country_entry,
                                                self->country_suggestions, self->country_chips,
                                                0, &country_funcs, self);
  g_signal_connect_object (self->channel_completion, "add", G_CALLBACK (completion_add_cb), self, 0);
  g_signal_connect_object (self->country_completion, "add", G_CALLBACK (completion_add_cb), self, 0);
  g_signal_connect_object (self->channel_completion, "remove", G_CALLBACK (completion_remove_cb),
                           self, 0);
  g_signal_connect_object (self->country_completion, "remove", G_CALLBACK (completion_remove_cb),
                           self, 0);
}
