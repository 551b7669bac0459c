#pragma once

#include <gtk/gtk.h>

#include "sf-image-loader.h"
#include "sf-row-builder.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

/**
 * SfPageSectionState:
 * @SF_PAGE_SECTION_NONE: nothing asked for
 * @SF_PAGE_SECTION_LOADING: waiting for TVmaze
 * @SF_PAGE_SECTION_LOADED: shown
 * @SF_PAGE_SECTION_EMPTY: TVmaze has nothing for it
 * @SF_PAGE_SECTION_FAILED: the error and its Retry are shown
 */
typedef enum
{
  SF_PAGE_SECTION_NONE,
  SF_PAGE_SECTION_LOADING,
  SF_PAGE_SECTION_LOADED,
  SF_PAGE_SECTION_EMPTY,
  SF_PAGE_SECTION_FAILED,
} SfPageSectionState;

#define SF_TYPE_PAGE_SECTION_STATE (sf_page_section_state_get_type ())
GType sf_page_section_state_get_type (void) G_GNUC_CONST;

#define SF_TYPE_PAGE_SECTION (sf_page_section_get_type ())

G_DECLARE_DERIVABLE_TYPE (SfPageSection, sf_page_section, SF, PAGE_SECTION, GtkWidget)

/* One section of a series' page: it loads on its own and owns its state, its spinner, its
 * error and its Retry. The subclass's template gives the "content" (shown once loaded) and
 * the texts ("title", "loading-text", "empty-text"). */
struct _SfPageSectionClass
{
  GtkWidgetClass parent_class;

  /* TRUE: the content stays in view in every state (the series' facts from the card stay
   * while TVmaze's load, and when that fails). */
  gboolean keeps_content;

  /* Starts the requests for sf_page_section_get_show_id(); required. */
  void (* load)  (SfPageSection *self);
  /* Forgets the previous series (before a load); required. */
  void (* clear) (SfPageSection *self);
  /* Gives up what is still on its way (after the cancellable was cancelled); optional. */
  void (* stop)  (SfPageSection *self);
  /* Retry was clicked; the default loads again. */
  void (* retry) (SfPageSection *self);
  /* Adds the section's steps (user data: the section) to the page's row builder, once it
   * is known; they are removed when the section goes. Optional. */
  void (* add_steps) (SfPageSection *self,
                      SfRowBuilder  *builder);
};

/* For the page */
void                sf_page_section_set_services    (SfPageSection  *self,
                                                     SfTvmazeClient *client,
                                                     SfImageLoader  *loader,
                                                     SfRowBuilder   *builder);
/* Clears, then loads the series @show_id; @cancellable is the load's (the page's). */
void                sf_page_section_load            (SfPageSection  *self,
                                                     gint64          show_id,
                                                     GCancellable   *cancellable);
/* After the page cancelled the load: what is shown stays, nothing spins. */
void                sf_page_section_stop            (SfPageSection  *self);
/* The "state" property */
SfPageSectionState  sf_page_section_get_state       (SfPageSection  *self);
/* The FAILED state's error as it came (%NULL in any other state) */
const GError       *sf_page_section_get_error       (SfPageSection  *self);
/* FAILED, or a note that a part could not be loaded (what Try Again is for) */
gboolean            sf_page_section_has_problem     (SfPageSection  *self);
/* As the section's own Try Again: loads what failed again (nothing once stopped) */
void                sf_page_section_retry           (SfPageSection  *self);
/* The page shows one Try Again for all its sections (the first that has a problem) */
void                sf_page_section_set_retry_visible (SfPageSection *self,
                                                      gboolean       visible);

/* For subclasses */
SfTvmazeClient     *sf_page_section_get_client      (SfPageSection  *self);
SfImageLoader      *sf_page_section_get_image_loader (SfPageSection *self);
SfRowBuilder       *sf_page_section_get_row_builder (SfPageSection  *self);
gint64              sf_page_section_get_show_id     (SfPageSection  *self);
/* (nullable): the current load's; NULL once stopped */
GCancellable       *sf_page_section_get_cancellable (SfPageSection  *self);
void                sf_page_section_set_state       (SfPageSection  *self,
                                                     SfPageSectionState state);
/* FAILED, saying "@what @why" (why: from @error) */
void                sf_page_section_fail            (SfPageSection  *self,
                                                     const char     *what,
                                                     const GError   *error);
/* An error of a secondary request, shown (with Retry) whatever the state; @what NULL: none */
void                sf_page_section_set_note        (SfPageSection  *self,
                                                     const char     *what,
                                                     const GError   *error);
/* TRUE while rows are still being made: the content waits behind the spinner. */
void                sf_page_section_set_building    (SfPageSection  *self,
                                                     gboolean        building);
/* TRUE when something is in view while it loads: no spinner then. */
void                sf_page_section_set_quiet       (SfPageSection  *self,
                                                     gboolean        quiet);

/* What travels with a request: the section (weakly) and the load it belongs to. */
typedef struct _SfSectionRequest SfSectionRequest;

SfSectionRequest   *sf_section_request_new          (SfPageSection  *self,
                                                     gpointer        data,
                                                     GDestroyNotify  destroy);
/* (transfer full) (nullable): the section, or NULL if it is gone or moved on */
gpointer            sf_section_request_dup_section  (SfSectionRequest *request);
gpointer            sf_section_request_get_data     (SfSectionRequest *request);

/* A client's request by id (sf_tvmaze_client_get_cast_async(), ...). */
typedef void (*SfSectionFetchFunc) (SfTvmazeClient      *client,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

/* Starts @fetch for the section's id under its load's cancellable; @callback's user data is
 * a new #SfSectionRequest (see sf_section_request_finish()). */
void                sf_page_section_fetch           (SfPageSection      *self,
                                                     SfSectionFetchFunc  fetch,
                                                     GAsyncReadyCallback callback);
/* In the callback, after the finish: (transfer full) (nullable) the section to show @answer
 * in, or NULL when nothing may be touched (cancelled, or the section is gone or moved on).
 * When @answer is NULL and @what is not, the section has failed with "@what why" and NULL
 * is returned too; with @what NULL the caller says what failed. */
gpointer            sf_section_request_finish       (SfSectionRequest   *request,
                                                     gconstpointer       answer,
                                                     const GError       *error,
                                                     const char         *what);
void                sf_section_request_free         (SfSectionRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfSectionRequest, sf_section_request_free)

G_END_DECLS
