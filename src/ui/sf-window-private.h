#pragma once

#include "sf-criteria-chips.h"
#include "sf-filter-panel.h"
#include "sf-person-page.h"
#include "sf-search.h"
#include "sf-show-page.h"
#include "sf-window.h"

G_BEGIN_DECLS

struct _SfWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *navigation;       /* GtkStack or AdwNavigationView: sf_compat_navigation_* */
  GtkWidget       *browse_box;
  SfShowPage      *show_page;
  SfPersonPage    *person_page;      /* the page "person" of navigation */
  GtkWidget       *person_from;      /* weak: the card or button the person page came from */
  char            *person_back;      /* the page Back returns to from the person */
  GtkRevealer     *people_revealer;  /* the people row (sf-window-people.c) */
  GtkBox          *people_box;
  GCancellable    *people_cancellable;
  GtkSpinner      *spinner;
  GtkSearchEntry  *search_entry;
  GtkRevealer     *demo_revealer;
  GtkRevealer     *busy_revealer;    /* the busy note (sf-window-busy.c) */
  GtkLabel        *busy_label;
  GtkRevealer     *saved_revealer;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  GtkGridView     *grid;
  AdwStatusPage   *no_results_page;
  GtkButton       *no_results_button;
  AdwStatusPage   *offline_page;
  AdwStatusPage   *error_page;
  GtkStack        *title_stack;
  AdwViewStack    *view_stack;
  GtkToggleButton *filter_button;
  GtkRevealer     *sync_revealer;
  GtkLabel        *sync_label;
  GtkProgressBar  *sync_progress;
  GtkLabel        *total_label;
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
  SfSearch        *search;           /* owned: the question on screen and its answer */
  GPtrArray       *title_shows;      /* TVmaze's title matches, before the catalog answered */
  GError          *offline_error;    /* why TVmaze failed, when the catalog answers instead */
  GCancellable    *sync_cancellable;
  gboolean         criteria_mode;    /* the results come from the catalog (the search) */
  gboolean         mirroring;        /* results follow the search's results */
  gulong           shows_stored_handler;
  gulong           sync_notify_handler;

  guint            spinner_timeout_id;
  guint            busy_tick_id;     /* the busy note's countdown */
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
/* The first position of the results below the cards on screen (0 when the grid is not
 * shown): where a streamed match may go without moving what the person sees. */
guint    _sf_window_get_unseen_position  (SfWindow     *self);
/* A new result set (@items, SfShow) in one change; the grid starts again from its top. */
void     _sf_window_replace_results      (SfWindow     *self,
                                          GPtrArray    *items);

/* Opens the person page; Back returns to the page on screen now, the focus to @from. */
void     _sf_window_open_person          (SfWindow     *self,
                                          gint64        person_id,
                                          GtkWidget    *from);

/* sf-window-people.c */
void     _sf_window_people_setup         (SfWindow     *self);
void     _sf_window_people_dispose       (SfWindow     *self);
void     _sf_window_people_search        (SfWindow     *self,
                                          const char   *query);

/* sf-window-busy.c: the "TVmaze is busy, trying again in N s" note */
void     _sf_window_busy_setup           (SfWindow     *self);
void     _sf_window_busy_dispose         (SfWindow     *self);

/* sf-window-criteria.c */
void     _sf_window_criteria_class_init  (GtkWidgetClass *widget_class);
void     _sf_window_criteria_setup       (SfWindow     *self);
void     _sf_window_criteria_dispose     (SfWindow     *self);
gboolean _sf_window_criteria_active      (SfWindow     *self);
/* "With NAME": @person's person joins the criteria on screen (instead of the title). */
void     _sf_window_criteria_add_person  (SfWindow         *self,
                                          const SfCriteria *person);
/* Asks the search the question on screen (the text typed and the panel's criteria). */
void     _sf_window_ask                  (SfWindow     *self);
void     _sf_window_criteria_search      (SfWindow     *self,
                                          const char   *text);
/* TVmaze could not be reached (@reason): answers the title search on screen from the saved
 * catalog, with a note saying so; FALSE when nothing is saved (the caller shows @reason). */
gboolean _sf_window_search_saved         (SfWindow     *self,
                                          const GError *reason);

/* sf-window-keys.c */
void     _sf_window_keys_class_init      (GtkWidgetClass *widget_class);
void     _sf_window_keys_init            (SfWindow     *self);
gboolean _sf_window_key_types_text       (guint           keyval,
                                          GdkModifierType state);
/* Escape in the search entry: clears a text (TRUE), or leaves it to stop the search */
gboolean _sf_window_keys_escape_clears   (SfWindow     *self);
void     _sf_window_keys_focus_view      (SfWindow     *self,
                                          const char   *view);

G_END_DECLS
