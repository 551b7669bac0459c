/* sf-page-section.c: one section of a series' page, with its own state, error and Retry
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page's sections load independently (the series' facts, its seasons, its cast, the
 * next and previous episodes). What they have in common lives here: the state, the spinner
 * while loading, the error with its Retry, the text for nothing-to-show, and the load's
 * generation, so that an answer for an earlier load or for a stopped page is dropped. The
 * page starts the loads and cancels them; each subclass asks TVmaze for its part and fills
 * its "content" in.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sf-page-section.h"
#include "sf-tvmaze-error.h"

G_DEFINE_ENUM_TYPE (SfPageSectionState, sf_page_section_state,
                    G_DEFINE_ENUM_VALUE (SF_PAGE_SECTION_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (SF_PAGE_SECTION_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (SF_PAGE_SECTION_LOADED, "loaded"),
                    G_DEFINE_ENUM_VALUE (SF_PAGE_SECTION_EMPTY, "empty"),
                    G_DEFINE_ENUM_VALUE (SF_PAGE_SECTION_FAILED, "failed"))

typedef struct
{
  /* template widgets, with references of our own (see dispose) */
  GtkLabel           *heading;
  GtkWidget          *error_box;
  GtkLabel           *error_label;
  GtkWidget          *retry_button;
  GtkSpinner         *spinner;
  GtkLabel           *empty_label;

  /* owned */
  GtkWidget          *content;       /* nullable; also our child */
  SfTvmazeClient     *client;
  SfImageLoader      *loader;
  SfRowBuilder       *builder;
  GCancellable       *cancellable;   /* of the current load; NULL when stopped */
  char               *error_text;    /* nullable: the FAILED state's */
  GError             *error;         /* nullable: the FAILED state's, as it came */
  char               *note_text;     /* nullable: a secondary request's */

  gint64              show_id;
  /* Every load and stop gets a new number; an answer for an older one is dropped. */
  guint               generation;
  SfPageSectionState  state;
  gboolean            building;
  gboolean            quiet;
  gboolean            hide_retry;    /* another section's Try Again stands for this one's */
} SfPageSectionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SfPageSection, sf_page_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_CONTENT,
  PROP_TITLE,
  PROP_LOADING_TEXT,
  PROP_EMPTY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _SfSectionRequest
{
  GWeakRef        section;
  guint           generation;
  gpointer        data;
  GDestroyNotify  destroy;
};

SfSectionRequest *
sf_section_request_new (SfPageSection  *self,
                        gpointer        data,
                        GDestroyNotify  destroy)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);
  SfSectionRequest *request = g_new0 (SfSectionRequest, 1);

  g_weak_ref_init (&request->section, self);
  request->generation = priv->generation;
  request->data = data;
  request->destroy = destroy;

  return request;
}

gpointer
sf_section_request_dup_section (SfSectionRequest *request)
{
  SfPageSection *self = g_weak_ref_get (&request->section);

  if (self != NULL)
    {
      SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

      if (priv->generation != request->generation)
        g_clear_object (&self);
    }

  return self;
}

gpointer
sf_section_request_get_data (SfSectionRequest *request)
{
  return request->data;
}

void
sf_page_section_fetch (SfPageSection      *self,
                       SfSectionFetchFunc  fetch,
                       GAsyncReadyCallback callback)
{
  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  fetch (sf_page_section_get_client (self), sf_page_section_get_show_id (self),
         sf_page_section_get_cancellable (self), callback,
         sf_section_request_new (self, NULL, NULL));
}

gpointer
sf_section_request_finish (SfSectionRequest *request,
                           gconstpointer     answer,
                           const GError     *error,
                           const char       *what)
{
  SfPageSection *self;

  /* Cancelled: the page stopped or is gone; nothing may be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  if ((self = sf_section_request_dup_section (request)) == NULL)
    return NULL;

  if (answer == NULL && what != NULL)
    {
      sf_page_section_fail (self, what, error);
      g_object_unref (self);
      return NULL;
    }

  return self;
}

void
sf_section_request_free (SfSectionRequest *request)
{
  g_weak_ref_clear (&request->section);
  if (request->destroy != NULL)
    request->destroy (request->data);
  g_free (request);
}

static char *
dup_error_text (const char   *what,
                const GError *error)
{
  const char *why;

  if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK))
    why = _("TVmaze can’t be reached. Check your connection.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT))
    why = _("TVmaze is not answering.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_RATE_LIMITED))
    why = _("TVmaze is busy.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NOT_FOUND))
    why = _("TVmaze does not know it.");
  else if (g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_PARSE) ||
           g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TOO_LARGE))
    why = _("TVmaze's answer could not be read.");
  else
    why = _("TVmaze is having trouble. Try again in a few minutes.");

  /* Translators: "<what could not be loaded> <why>", two sentences */
  return g_strdup_printf (_("%s %s"), what, why);
}

/* Shows what the state says. */
static void
sync_widgets (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);
  gboolean failed = priv->state == SF_PAGE_SECTION_FAILED;
  gboolean waiting = (priv->state == SF_PAGE_SECTION_LOADING || priv->building) && !priv->quiet;
  const char *error = failed ? priv->error_text : priv->note_text;

  if (priv->spinner == NULL)  /* disposed */
    return;

  gtk_label_set_text (priv->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (priv->error_box, error != NULL);
  gtk_widget_set_visible (priv->retry_button, !priv->hide_retry);
  gtk_widget_set_visible (GTK_WIDGET (priv->spinner), waiting);
  /* A spinner out of sight still animates (and keeps the frame clock busy): stop it. */
  gtk_spinner_set_spinning (priv->spinner, waiting && priv->cancellable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (priv->empty_label), priv->state == SF_PAGE_SECTION_EMPTY);

  /* The content appears once all its rows are made: one layout and one repaint, rather
   * than one per slice of rows. */
  if (priv->content != NULL)
    gtk_widget_set_visible (priv->content,
                            SF_PAGE_SECTION_GET_CLASS (self)->keeps_content ||
                            (priv->state == SF_PAGE_SECTION_LOADED && !priv->building));
}

void
sf_page_section_set_state (SfPageSection      *self,
                           SfPageSectionState  state)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  if (state != SF_PAGE_SECTION_FAILED)
    {
      g_clear_pointer (&priv->error_text, g_free);
      g_clear_error (&priv->error);
    }

  if (priv->state == state)
    {
      sync_widgets (self);
      return;
    }

  priv->state = state;
  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
sf_page_section_fail (SfPageSection *self,
                      const char    *what,
                      const GError  *error)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));
  g_return_if_fail (what != NULL);

  g_free (priv->error_text);
  priv->error_text = dup_error_text (what, error);
  g_clear_error (&priv->error);
  priv->error = error != NULL ? g_error_copy (error) : NULL;
  /* The page says it in plain words; what TVmaze really answered is for the log. */
  if (error != NULL)
    g_debug ("%s: %s", what, error->message);
  sf_page_section_set_state (self, SF_PAGE_SECTION_FAILED);
}

void
sf_page_section_set_note (SfPageSection *self,
                          const char    *what,
                          const GError  *error)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  g_clear_pointer (&priv->note_text, g_free);
  if (what != NULL)
    priv->note_text = dup_error_text (what, error);
  sync_widgets (self);
}

void
sf_page_section_set_building (SfPageSection *self,
                              gboolean       building)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  if (priv->building != !!building)
    {
      priv->building = !!building;
      sync_widgets (self);
    }
}

void
sf_page_section_set_quiet (SfPageSection *self,
                           gboolean       quiet)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  if (priv->quiet != !!quiet)
    {
      priv->quiet = !!quiet;
      sync_widgets (self);
    }
}

const GError *
sf_page_section_get_error (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_val_if_fail (SF_IS_PAGE_SECTION (self), NULL);

  return priv->state == SF_PAGE_SECTION_FAILED ? priv->error : NULL;
}

gboolean
sf_page_section_has_problem (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_val_if_fail (SF_IS_PAGE_SECTION (self), FALSE);

  return priv->state == SF_PAGE_SECTION_FAILED || priv->note_text != NULL;
}

void
sf_page_section_retry (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  if (priv->cancellable != NULL)
    SF_PAGE_SECTION_GET_CLASS (self)->retry (self);
}

void
sf_page_section_set_retry_visible (SfPageSection *self,
                                   gboolean       visible)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  if (priv->hide_retry != !visible)
    {
      priv->hide_retry = !visible;
      sync_widgets (self);
    }
}

SfPageSectionState
sf_page_section_get_state (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_val_if_fail (SF_IS_PAGE_SECTION (self), SF_PAGE_SECTION_NONE);

  return priv->state;
}

SfTvmazeClient *
sf_page_section_get_client (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  return priv->client;
}

SfImageLoader *
sf_page_section_get_image_loader (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  return priv->loader;
}

SfRowBuilder *
sf_page_section_get_row_builder (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  return priv->builder;
}

gint64
sf_page_section_get_show_id (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  return priv->show_id;
}

GCancellable *
sf_page_section_get_cancellable (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  return priv->cancellable;
}

void
sf_page_section_set_services (SfPageSection  *self,
                              SfTvmazeClient *client,
                              SfImageLoader  *loader,
                              SfRowBuilder   *builder)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  g_set_object (&priv->client, client);
  g_set_object (&priv->loader, loader);
  if (builder != priv->builder)
    {
      if (priv->builder != NULL)
        sf_row_builder_remove_steps (priv->builder, self);
      g_set_object (&priv->builder, builder);
      if (builder != NULL && SF_PAGE_SECTION_GET_CLASS (self)->add_steps != NULL)
        SF_PAGE_SECTION_GET_CLASS (self)->add_steps (self, builder);
    }
}

void
sf_page_section_load (SfPageSection *self,
                      gint64         show_id,
                      GCancellable  *cancellable)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  priv->generation++;
  g_set_object (&priv->cancellable, cancellable);
  priv->show_id = show_id;
  g_clear_pointer (&priv->note_text, g_free);
  SF_PAGE_SECTION_GET_CLASS (self)->clear (self);
  sf_page_section_set_state (self, SF_PAGE_SECTION_NONE);
  SF_PAGE_SECTION_GET_CLASS (self)->load (self);
}

void
sf_page_section_stop (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_return_if_fail (SF_IS_PAGE_SECTION (self));

  priv->generation++;
  g_clear_object (&priv->cancellable);
  if (SF_PAGE_SECTION_GET_CLASS (self)->stop != NULL)
    SF_PAGE_SECTION_GET_CLASS (self)->stop (self);
  sync_widgets (self);
}

/* Back online, one Try Again reloads everything that failed: the page around the section
 * (its "page.retry-failed" action) retries every section; alone, the section retries. */
static void
retry_clicked_cb (SfPageSection *self)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "page.retry-failed", NULL))
    sf_page_section_retry (self);
}

static void
sf_page_section_real_retry (SfPageSection *self)
{
  if (sf_page_section_get_state (self) == SF_PAGE_SECTION_FAILED)
    SF_PAGE_SECTION_GET_CLASS (self)->load (self);
}

static void
set_content (SfPageSection *self,
             GtkWidget     *content)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  if (priv->content == content)
    return;

  if (priv->content != NULL)
    {
      if (gtk_widget_get_parent (priv->content) == GTK_WIDGET (self))
        gtk_widget_unparent (priv->content);
      g_clear_object (&priv->content);
    }
  if (content != NULL)
    {
      priv->content = g_object_ref (content);
      gtk_widget_insert_before (content, GTK_WIDGET (self), NULL);
    }

  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
}

static void
sf_page_section_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SfPageSection *self = SF_PAGE_SECTION (object);
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, priv->content);
      break;
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (priv->heading));
      break;
    case PROP_LOADING_TEXT:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (priv->spinner)));
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, gtk_label_get_text (priv->empty_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_page_section_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SfPageSection *self = SF_PAGE_SECTION (object);
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTENT:
      set_content (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      set_label_text (priv->heading, g_value_get_string (value));
      gtk_widget_set_visible (GTK_WIDGET (priv->heading), g_value_get_string (value) != NULL);
      break;
    case PROP_LOADING_TEXT:
      gtk_widget_set_tooltip_text (GTK_WIDGET (priv->spinner), g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      set_label_text (priv->empty_label, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  /* The texts come from templates, once: no need to compare before notifying. */
  if (prop_id != PROP_CONTENT)
    g_object_notify_by_pspec (object, pspec);
}

static void
sf_page_section_dispose (GObject *object)
{
  SfPageSection *self = SF_PAGE_SECTION (object);
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);
  GtkWidget *child;

  /* Not gtk_widget_dispose_template(): how a subclass's disposal treats its parents'
   * template children differs between GTK versions (4.8 asserts here afterwards). Our
   * children are unparented here and our references dropped, whatever happened before. */
  if (priv->content != NULL && gtk_widget_get_parent (priv->content) == GTK_WIDGET (self))
    gtk_widget_unparent (priv->content);
  g_clear_object (&priv->content);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->heading);
  g_clear_object (&priv->error_box);
  g_clear_object (&priv->error_label);
  g_clear_object (&priv->retry_button);
  g_clear_object (&priv->spinner);
  g_clear_object (&priv->empty_label);

  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->client);
  g_clear_object (&priv->loader);
  if (priv->builder != NULL)
    sf_row_builder_remove_steps (priv->builder, self);
  g_clear_object (&priv->builder);

  G_OBJECT_CLASS (sf_page_section_parent_class)->dispose (object);
}

static void
sf_page_section_finalize (GObject *object)
{
  SfPageSection *self = SF_PAGE_SECTION (object);
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  g_free (priv->error_text);
  g_free (priv->note_text);
  g_clear_error (&priv->error);

  G_OBJECT_CLASS (sf_page_section_parent_class)->finalize (object);
}

static void
sf_page_section_class_init (SfPageSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sf_page_section_get_property;
  object_class->set_property = sf_page_section_set_property;
  object_class->dispose = sf_page_section_dispose;
  object_class->finalize = sf_page_section_finalize;
  klass->retry = sf_page_section_real_retry;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SF_TYPE_PAGE_SECTION_STATE, SF_PAGE_SECTION_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING_TEXT] =
    g_param_spec_string ("loading-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seriesfinder/SeriesFinder/sf-page-section.ui");
  gtk_widget_class_bind_template_child_private (widget_class, SfPageSection, heading);
  gtk_widget_class_bind_template_child_private (widget_class, SfPageSection, error_box);
  gtk_widget_class_bind_template_child_private (widget_class, SfPageSection, error_label);
  gtk_widget_class_bind_template_child_private (widget_class, SfPageSection, retry_button);
  gtk_widget_class_bind_template_child_private (widget_class, SfPageSection, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, SfPageSection, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
sf_page_section_init (SfPageSection *self)
{
  SfPageSectionPrivate *priv = sf_page_section_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_ref (priv->heading);
  g_object_ref (priv->error_box);
  g_object_ref (priv->error_label);
  g_object_ref (priv->retry_button);
  g_object_ref (priv->spinner);
  g_object_ref (priv->empty_label);
}
