#pragma once

#include "sf-criteria-chips.h"
#include "sf-filter-panel.h"
#include "sf-show-page.h"
#include "sf-window.h"

G_BEGIN_DECLS

struct _SfWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *nav_stack;
  GtkWidget       *browse_box;
  SfShowPage      *show_page;
  GtkSpinner      *spinner;
  GtkSearchEntry  *search_entry;
  GtkRevealer     *demo_revealer;
  GtkRevealer     *busy_revealer;
  GtkRevealer     *saved_revealer;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  GtkGridView     *grid;
  AdwStatusPage   *no_results_page;
  AdwStatusPage   *offline_page;
  AdwStatusPage   *error_page;
  GtkStack        *title_stack;
  AdwViewStack    *view_stack;
  GtkToggleButton *filter_button;
  AdwFlap         *flap;
  GtkRevealer     *sync_revealer;
  GtkLabel        *sync_label;
  GtkProgressBar  *sync_progress;
  SfWatchlistPage *watchlist_page;
  GListStore      *results;

  /* owned */
  SfBackend       *backend;
  SfImageLoader   *image_loader;
  SfLibrary       *library;
  SfRateLimiter   *limiter;
  GCancellable    *search_cancellable;
  char            *query;

  /* criteria search (sf-window-criteria.c) */
  SfFilterPanel   *filter_panel;     /* template */
  SfCriteriaChips *chips;            /* template */
  SfCatalog       *catalog;
  SfCatalogSync   *catalog_sync;
  SfCriteria      *criteria;         /* owned: the panel's criteria, without the text */
  GHashTable      *result_ids;       /* ids in results during a criteria search */
  GCancellable    *sync_cancellable;
  gboolean         criteria_mode;    /* the results come from the catalog */
  gboolean         search_when_open;   /* asked before the catalog opened */
  gulong           shows_stored_handler;
  gulong           sync_notify_handler;

  guint            spinner_timeout_id;
  gboolean         searching;        /* the "searching" property */
  /* Every search gets a new number; an answer for an older number is dropped. */
  guint            generation;
};

/* sf-window.c */
void     _sf_window_set_state            (SfWindow     *self,
                                          const char   *state);
gboolean _sf_window_cancel_search        (SfWindow     *self);
/* search_cancellable was set or cleared: notifies "searching" */
void     _sf_window_sync_searching       (SfWindow     *self);
void     _sf_window_begin_search         (SfWindow     *self);
/* runs the search on screen again (criteria or text changed) */
void     _sf_window_search_again         (SfWindow     *self);
void     _sf_window_show_error           (SfWindow     *self,
                                          const GError *error);
void     _sf_window_show_no_results      (SfWindow     *self,
                                          const char   *description);

/* sf-window-criteria.c */
void     _sf_window_criteria_class_init  (GtkWidgetClass *widget_class);
void     _sf_window_criteria_setup       (SfWindow     *self);
void     _sf_window_criteria_dispose     (SfWindow     *self);
gboolean _sf_window_criteria_active      (SfWindow     *self);
void     _sf_window_criteria_search      (SfWindow     *self,
                                          const char   *text);
/* TVmaze could not be reached (@reason): answers the title search on screen from the saved
 * catalog, with a note saying so; FALSE when nothing is saved (the caller shows @reason). */
gboolean _sf_window_search_saved         (SfWindow     *self,
                                          const GError *reason);

G_END_DECLS
