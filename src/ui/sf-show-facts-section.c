/* sf-show-facts-section.c: the series itself (poster, name, facts, links, summary)
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card's show (if any) is shown at once; TVmaze's replaces it. When TVmaze fails while
 * the card's details are shown, the error says they may be out of date rather than that the
 * series is missing.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-compat.h"
#include "sf-markup.h"
#include "sf-poster-box.h"
#include "sf-schedule.h"
#include "sf-show-facts-section.h"
#include "sf-tvmaze-details.h"

#define POSTER_WIDTH 210

struct _SfShowFactsSection
{
  SfPageSection  parent_instance;

  /* template widgets */
  GtkWidget     *top_box;
  GtkPicture    *poster;
  GtkLabel      *name_label;
  GtkLabel      *years_label;
  GtkGrid       *facts_grid;
  GtkLabel      *channel_key_label;
  GtkLabel      *status_value;
  GtkLabel      *channel_value;
  GtkLabel      *schedule_value;
  GtkLabel      *runtime_value;
  GtkLabel      *language_value;
  GtkLabel      *type_value;
  GtkLabel      *genres_value;
  GtkLabel      *rating_value;
  GtkWidget     *links_box;
  GtkWidget     *official_button;
  GtkWidget     *tvmaze_button;
  GtkWidget     *imdb_button;
  GtkLabel      *summary_label;

  /* owned */
  GTimeZone     *zone;          /* the person's */
  SfShow        *show;          /* nullable: known, then fetched */
  char          *poster_url;    /* nullable: the poster asked for */
  char          *official_uri;  /* nullable: http(s) only */
  char          *tvmaze_uri;
  char          *imdb_uri;

  gboolean       fetched;       /* the show came from TVmaze, not from a card */
  gboolean       wide;          /* the poster beside the facts (see SfPosterBox) */
};

G_DEFINE_FINAL_TYPE (SfShowFactsSection, sf_show_facts_section, SF_TYPE_PAGE_SECTION)

enum {
  PROP_0,
  PROP_SHOW,
  PROP_WIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_web_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

/* ^tt[0-9]+$ */
static gboolean
is_imdb_id (const char *id)
{
  if (id == NULL || !g_str_has_prefix (id, "tt") || id[2] == '\0')
    return FALSE;

  for (const char *c = id + 2; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;

  return TRUE;
}

static void
set_link (GtkWidget   *button,
          char       **field,
          const char  *uri)
{
  g_free (*field);
  *field = is_web_uri (uri) ? g_strdup (uri) : NULL;

  gtk_widget_set_visible (button, *field != NULL);
  /* Plain-text tooltip: the address is untrusted. */
  gtk_widget_set_tooltip_text (button, *field);
}

static void
link_clicked_cb (SfShowFactsSection *self,
                 GtkButton          *button)
{
  const char *uri = NULL;

  if (GTK_WIDGET (button) == self->official_button)
    uri = self->official_uri;
  else if (GTK_WIDGET (button) == self->tvmaze_button)
    uri = self->tvmaze_uri;
  else if (GTK_WIDGET (button) == self->imdb_button)
    uri = self->imdb_uri;

  /* Checked when set; checked again, since nothing else may ever be opened. */
  if (!is_web_uri (uri))
    return;

  /* GtkUriLauncher from GTK 4.10, gtk_show_uri before (sf-compat.h). */
  sf_compat_launch_uri (GTK_WIDGET (self), uri);
}

static void
set_fact (SfShowFactsSection *self,
          GtkLabel           *value,
          const char         *text)
{
  GtkLayoutManager *grid_layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->facts_grid));
  GtkLayoutChild *layout;
  GtkWidget *key;
  int row;

  layout = gtk_layout_manager_get_layout_child (grid_layout, GTK_WIDGET (value));
  row = gtk_grid_layout_child_get_row (GTK_GRID_LAYOUT_CHILD (layout));
  key = gtk_grid_get_child_at (self->facts_grid, 0, row);

  /* Everything from TVmaze is plain text here. */
  gtk_label_set_text (value, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (value), text != NULL);
  gtk_widget_set_visible (key, text != NULL);
}

/* "1989–2024", "1989 – Running", "1989" or NULL */
static char *
dup_years_text (SfShow *show)
{
  int first = sf_show_get_premiere_year (show);
  int last = sf_show_get_end_year (show);

  if (first <= 0)
    return sf_show_dup_years_text (show);
  if (last <= 0 && g_strcmp0 (sf_show_get_status (show), "Running") == 0)
    /* Translators: the years of a series that is still running, e.g. "1989 – Running" */
    return g_strdup_printf (_("%d – Running"), first);

  return sf_show_dup_years_text (show);
}

static void
poster_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(SfShowFactsSection) self = NULL;

  texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = sf_section_request_dup_section (request);
  /* A failed poster keeps the placeholder: not worth a message. A poster the show no
   * longer has is dropped. */
  if (self == NULL || texture == NULL ||
      g_strcmp0 (sf_section_request_get_data (request), self->poster_url) != 0)
    return;

  gtk_picture_set_paintable (self->poster, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->poster), TRUE);
}

static void
display_poster (SfShowFactsSection *self)
{
  SfPageSection *section = SF_PAGE_SECTION (self);
  const char *url = sf_show_get_image_medium (self->show);
  GCancellable *cancellable = sf_page_section_get_cancellable (section);
  int scale;

  /* The same poster (the card's show, then TVmaze's) is not asked for twice. */
  if (g_strcmp0 (url, self->poster_url) == 0)
    return;

  g_free (self->poster_url);
  self->poster_url = g_strdup (url);
  gtk_picture_set_paintable (self->poster, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->poster), FALSE);

  if (url == NULL || cancellable == NULL)
    return;

  scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  sf_image_loader_load_async (sf_page_section_get_image_loader (section), url,
                              POSTER_WIDTH * scale, cancellable, poster_loaded_cb,
                              sf_section_request_new (section, g_strdup (url), g_free));
}

static void
display_show (SfShowFactsSection *self)
{
  SfShow *show = self->show;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *years = dup_years_text (show);
  g_autofree char *channel = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *schedule_given = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *genres = NULL;
  g_autofree char *rating = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *poster_text = NULL;
  g_autofree char *imdb = NULL;
  const char *channel_name = sf_show_get_channel_name (show);
  const char *country = sf_show_get_country_name (show);
  const char * const *genre_list = sf_show_get_genres (show);
  const char *name = sf_show_get_name (show);

  /* Names are untrusted: set as text, never as markup. */
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->years_label, years != NULL ? years : "");
  gtk_widget_set_visible (GTK_WIDGET (self->years_label), years != NULL);

  if (channel_name != NULL && country != NULL)
    /* Translators: a channel and its country, e.g. "BBC One (United Kingdom)" */
    channel = g_strdup_printf (_("%s (%s)"), channel_name, country);
  else
    channel = g_strdup (channel_name);
  gtk_label_set_text (self->channel_key_label,
                      sf_show_get_web_channel_name (show) != NULL ? _("Streaming") : _("Network"));

  schedule = sf_schedule_dup_slot_text (show, now, self->zone, &schedule_given);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->schedule_value), schedule_given);

  if (sf_show_get_runtime (show) > 0)
    /* Translators: a runtime in minutes */
    runtime = g_strdup_printf (_("%d min"), sf_show_get_runtime (show));
  if (genre_list[0] != NULL)
    genres = g_strjoinv (", ", (char **) genre_list);
  if (sf_show_has_rating (show))
    rating = g_strdup_printf ("★ %.1f", sf_show_get_rating (show));

  set_fact (self, self->status_value, sf_show_get_status (show));
  set_fact (self, self->channel_value, channel);
  set_fact (self, self->schedule_value, schedule);
  set_fact (self, self->runtime_value, runtime);
  set_fact (self, self->language_value, sf_show_get_language (show));
  set_fact (self, self->type_value, sf_show_get_show_type (show));
  set_fact (self, self->genres_value, genres);
  set_fact (self, self->rating_value, rating != NULL ? rating : "—");
  gtk_widget_set_visible (GTK_WIDGET (self->facts_grid), TRUE);

  if (is_imdb_id (sf_show_get_imdb_id (show)))
    imdb = g_strdup_printf ("https://www.imdb.com/title/%s/", sf_show_get_imdb_id (show));
  set_link (self->official_button, &self->official_uri, sf_show_get_official_site (show));
  set_link (self->tvmaze_button, &self->tvmaze_uri, sf_show_get_url (show));
  set_link (self->imdb_button, &self->imdb_uri, imdb);
  gtk_widget_set_visible (self->links_box, self->official_uri != NULL ||
                                           self->tvmaze_uri != NULL || self->imdb_uri != NULL);

  /* sf_markup_from_html() escapes all text and keeps only harmless formatting. */
  summary = sf_markup_from_html (sf_show_get_summary_html (show));
  gtk_label_set_markup (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary[0] != '\0');

  /* Translators: accessible description of a series' poster */
  poster_text = g_strdup_printf (_("Poster of %s"), name);
  gtk_picture_set_alternative_text (self->poster, poster_text);

  display_poster (self);
  /* With the card's show in view, a spinner would only be noise. */
  sf_page_section_set_quiet (SF_PAGE_SECTION (self), TRUE);
}

static void
set_show (SfShowFactsSection *self,
          SfShow             *show,
          gboolean            fetched)
{
  self->fetched = fetched;
  if (g_set_object (&self->show, show))
    {
      if (show != NULL)
        display_show (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW]);
    }
}

static void
show_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SfSectionRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfShow) show = NULL;
  g_autoptr(SfShowFactsSection) self = NULL;

  show = sf_tvmaze_client_get_show_finish (SF_TVMAZE_CLIENT (source), result, &error);
  self = sf_section_request_finish (request, show, error, NULL);
  if (self == NULL)
    return;

  if (show == NULL)
    {
      /* The card's (or the saved catalog's) details are on screen: they are what is
       * missing an update, not the series. */
      sf_page_section_fail (SF_PAGE_SECTION (self),
                            self->show != NULL ? _("These details may be out of date.")
                                               : _("The series could not be loaded."),
                            error);
      return;
    }

  set_show (self, show, TRUE);
  sf_page_section_set_state (SF_PAGE_SECTION (self), SF_PAGE_SECTION_LOADED);
}

static void
sf_show_facts_section_load (SfPageSection *section)
{
  sf_page_section_set_state (section, SF_PAGE_SECTION_LOADING);
  sf_page_section_fetch (section, sf_tvmaze_client_get_show_async, show_loaded_cb);
}

static void
sf_show_facts_section_clear (SfPageSection *section)
{
  SfShowFactsSection *self = SF_SHOW_FACTS_SECTION (section);

  g_clear_pointer (&self->poster_url, g_free);
  set_show (self, NULL, FALSE);
  sf_page_section_set_quiet (section, FALSE);

  gtk_label_set_text (self->name_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->years_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->facts_grid), FALSE);
  gtk_widget_set_visible (self->links_box, FALSE);
  gtk_label_set_text (self->summary_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_picture_set_paintable (self->poster, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->poster), FALSE);
}

void
sf_show_facts_section_show_known (SfShowFactsSection *self,
                                  SfShow             *known)
{
  g_return_if_fail (SF_IS_SHOW_FACTS_SECTION (self));
  g_return_if_fail (SF_IS_SHOW (known));

  set_show (self, known, FALSE);
}

SfShow *
sf_show_facts_section_get_show (SfShowFactsSection *self)
{
  g_return_val_if_fail (SF_IS_SHOW_FACTS_SECTION (self), NULL);

  return self->show;
}

gboolean
sf_show_facts_section_get_fetched (SfShowFactsSection *self)
{
  g_return_val_if_fail (SF_IS_SHOW_FACTS_SECTION (self), FALSE);

  return self->fetched;
}

static void
wide_changed_cb (SfShowFactsSection *self,
                 GParamSpec         *pspec,
                 SfPosterBox        *box)
{
  self->wide = sf_poster_box_get_wide (box);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDE]);
}

static void
sf_show_facts_section_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SfShowFactsSection *self = SF_SHOW_FACTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_SHOW:
      g_value_set_object (value, self->show);
      break;
    case PROP_WIDE:
      g_value_set_boolean (value, self->wide);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_show_facts_section_dispose (GObject *object)
{
  SfShowFactsSection *self = SF_SHOW_FACTS_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_SHOW_FACTS_SECTION);
  g_clear_object (&self->show);

  G_OBJECT_CLASS (sf_show_facts_section_parent_class)->dispose (object);
}

static void
sf_show_facts_section_finalize (GObject *object)
{
  SfShowFactsSection *self = SF_SHOW_FACTS_SECTION (object);

  g_time_zone_unref (self->zone);
  g_free (self->poster_url);
  g_free (self->official_uri);
  g_free (self->tvmaze_uri);
  g_free (self->imdb_uri);

  G_OBJECT_CLASS (sf_show_facts_section_parent_class)->finalize (object);
}

static void
sf_show_facts_section_class_init (SfShowFactsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SfPageSectionClass *section_class = SF_PAGE_SECTION_CLASS (klass);

  object_class->get_property = sf_show_facts_section_get_property;
  object_class->dispose = sf_show_facts_section_dispose;
  object_class->finalize = sf_show_facts_section_finalize;
  section_class->keeps_content = TRUE;
  section_class->load = sf_show_facts_section_load;
  section_class->clear = sf_show_facts_section_clear;

  properties[PROP_SHOW] =
    g_param_spec_object ("show", NULL, NULL, SF_TYPE_SHOW,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WIDE] =
    g_param_spec_boolean ("wide", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SF_TYPE_POSTER_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-show-facts-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, top_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, poster);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, name_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, years_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, channel_key_label);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, status_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, channel_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, schedule_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, runtime_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, language_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, type_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, genres_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, rating_value);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, links_box);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, official_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, tvmaze_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, imdb_button);
  gtk_widget_class_bind_template_child (widget_class, SfShowFactsSection, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, wide_changed_cb);
}

static void
sf_show_facts_section_init (SfShowFactsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zone = g_time_zone_new_local ();
}
