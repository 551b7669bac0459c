/* sf-watchlist-page.c: the followed shows, what airs next first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sf-compat.h"
#include "sf-name-dialog.h"
#include "sf-saved-check.h"
#include "sf-schedule.h"
#include "sf-watchlist-page.h"

/* Writes often come in bursts (an import, a refresh pass): one list for the burst. */
#define LIST_DELAY_MS 100
/* A catalog being refreshed changes often: its saved searches are counted again when it
 * has been quiet this long. */
#define SAVED_CATALOG_DELAY_MS 2000
/* A spinner for an answer that comes quickly is only noise. */
#define SPINNER_DELAY_MS 250
#define POSTER_WIDTH 40
#define POSTER_HEIGHT 56
#define N_GROUPS (SF_FOLLOWED_ENDED + 1)
#define RESOURCE_PATH "/io/github/seriesfinder/SeriesFinder/"

struct _SfWatchlistPage
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *content;
  GtkRevealer    *note_revealer;
  GtkLabel       *note_label;
  GtkStack       *stack;
  SfSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkWidget      *upcoming_section;
  GtkListBox     *upcoming_list;
  GtkWidget      *nothing_section;
  GtkListBox     *nothing_list;
  GtkWidget      *ended_section;
  GtkListBox     *ended_list;
  GListStore     *shows;
  GListModel     *upcoming_model;
  GListModel     *nothing_model;
  GListModel     *ended_model;
  GtkCustomFilter *upcoming_filter;
  GtkCustomFilter *nothing_filter;
  GtkCustomFilter *ended_filter;
  GtkCustomSorter *name_sorter;
  GtkCustomSorter *upcoming_sorter;
  GtkWidget      *saved_section;
  GtkListBox     *saved_list;
  GtkWidget      *tools_box;
  GtkEditable    *filter_entry;
  GtkWidget      *no_match_label;
  GtkWidget      *find_button;

  /* owned */
  SfLibrary      *library;
  SfImageLoader  *loader;
  /* The day the sections were split by: the filters read them while the store changes. */
  GDateTime      *now;
  GTimeZone      *zone;
  GCancellable   *list_cancellable;
  GCancellable   *poster_cancellable;
  GHashTable     *unfollowing;       /* ids whose unfollow is under way */
  SfCatalog      *catalog;           /* nullable: counts the saved searches' matches */
  GPtrArray      *statuses;          /* SfSavedSearchStatus, by name, as listed */
  GCancellable   *saved_cancellable;
  char           *filter_text;       /* nullable: casefolded */
  char           *sort;              /* "next", "name" or "added" */
  guint           n_shows;
  char           *note;              /* nullable: what the note says */
  char           *dismissed_note;    /* nullable: the note the person dismissed */

  gulong          changed_handler;
  gulong          recovery_handler;
  gulong          catalog_changed_handler;
  gulong          catalog_open_handler;
  guint           saved_timeout_id;
  guint           saved_generation;
  guint           list_timeout_id;
  guint           spinner_timeout_id;
  guint           midnight_timeout_id;
  /* Every list gets a new number; an answer for an older number is dropped. */
  guint           generation;
  gboolean        constructed;
};

G_DEFINE_FINAL_TYPE (SfWatchlistPage, sf_watchlist_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_IMAGE_LOADER,
  PROP_CATALOG,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_ACTIVATED,
  UNFOLLOWED,
  SAVED_SEARCH_ACTIVATED,
  SAVED_SEARCH_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef        page;
  guint           generation;
} ListContext;

typedef struct
{
  GWeakRef        page;
  SfFollowedShow *followed;          /* owned */
} UnfollowContext;

static void start_list (SfWatchlistPage *self);
static void start_saved_list (SfWatchlistPage *self);
static void update_stack (SfWatchlistPage *self);

/* ------------------------------------------------------------------------------------------
 * Rows
 */

static GtkListBox *
get_list (SfWatchlistPage *self,
          SfFollowedGroup  group)
{
  switch (group)
    {
    case SF_FOLLOWED_UPCOMING:
      return self->upcoming_list;
    case SF_FOLLOWED_NOTHING_ANNOUNCED:
      return self->nothing_list;
    case SF_FOLLOWED_ENDED:
    default:
      return self->ended_list;
    }
}

static GListModel *
get_model (SfWatchlistPage *self,
           SfFollowedGroup  group)
{
  switch (group)
    {
    case SF_FOLLOWED_UPCOMING:
      return self->upcoming_model;
    case SF_FOLLOWED_NOTHING_ANNOUNCED:
      return self->nothing_model;
    case SF_FOLLOWED_ENDED:
    default:
      return self->ended_model;
    }
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    /* Translators: separates the parts of a watchlist row's subtitle, e.g. "2008–2013 · AMC" */
    g_string_append (text, _(" · "));
  g_string_append (text, part);
}

/* TVmaze's "next episode" as of the last refresh may have aired since (offline for a while,
 * or the demo's catalog, whose today is fixed): one that aired before today is the latest,
 * not an upcoming one. */
static gboolean
next_has_aired (SfFollowedShow *followed,
                GDateTime      *now,
                GTimeZone      *zone)
{
  SfEpisode *next = sf_followed_show_get_next_episode (followed);

  return next != NULL && sf_schedule_episode_has_aired (next, now, zone);
}

/* The section a show is listed in, as of @now. */
static SfFollowedGroup
display_group (SfFollowedShow *followed,
               GDateTime      *now,
               GTimeZone      *zone)
{
  SfFollowedGroup group = sf_followed_show_get_group (followed);

  if (group != SF_FOLLOWED_UPCOMING || !next_has_aired (followed, now, zone))
    return group;

  if (g_strcmp0 (sf_show_get_status (sf_followed_show_get_show (followed)), "Ended") == 0)
    return SF_FOLLOWED_ENDED;
  return SF_FOLLOWED_NOTHING_ANNOUNCED;
}

/* The filter's text is in the name, whatever the case. */
static gboolean
matches_filter (SfWatchlistPage *self,
                SfFollowedShow  *followed)
{
  g_autofree char *normal = NULL;
  g_autofree char *name = NULL;

  if (self->filter_text == NULL)
    return TRUE;

  normal = g_utf8_normalize (sf_followed_show_get_name (followed), -1, G_NORMALIZE_ALL);
  name = g_utf8_casefold (normal != NULL ? normal : "", -1);
  return strstr (name, self->filter_text) != NULL;
}

static gboolean
in_group (SfWatchlistPage *self,
          gpointer         item,
          SfFollowedGroup  group)
{
  return MIN (display_group (item, self->now, self->zone), SF_FOLLOWED_ENDED) == group &&
         matches_filter (self, item);
}

static gboolean
upcoming_filter_func (gpointer item,
                      gpointer user_data)
{
  return in_group (user_data, item, SF_FOLLOWED_UPCOMING);
}

static gboolean
nothing_filter_func (gpointer item,
                     gpointer user_data)
{
  return in_group (user_data, item, SF_FOLLOWED_NOTHING_ANNOUNCED);
}

static gboolean
ended_filter_func (gpointer item,
                   gpointer user_data)
{
  return in_group (user_data, item, SF_FOLLOWED_ENDED);
}

/* What is worth knowing at a glance: the next episode, else the last one, else the years
 * and the channel. */
static char *
dup_subtitle (SfFollowedShow *followed,
              GDateTime      *now,
              GTimeZone      *zone)
{
  SfShow *show = sf_followed_show_get_show (followed);
  SfEpisode *next = sf_followed_show_get_next_episode (followed);
  SfEpisode *previous = sf_followed_show_get_previous_episode (followed);
  SfFollowedGroup group = display_group (followed, now, zone);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *years = NULL;

  if (group == SF_FOLLOWED_UPCOMING && next != NULL)
    return sf_episode_dup_relative_text (next, now, zone);

  /* A "next" that has aired is the latest one. */
  if (next != NULL && group != SF_FOLLOWED_UPCOMING)
    previous = next;

  if (group == SF_FOLLOWED_NOTHING_ANNOUNCED && previous != NULL)
    {
      g_autofree char *latest = sf_episode_dup_relative_text (previous, now, zone);

      /* Translators: the latest episode of a show with nothing announced, e.g.
       * "Latest: S2E10 “Name”, Mon 13 Jan, 45 days ago" */
      return g_strdup_printf (_("Latest: %s"), latest);
    }

  years = sf_show_dup_years_text (show);
  append_part (text, years);
  append_part (text, sf_show_get_channel_name (show));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
poster_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) picture = user_data;
  g_autoptr(GdkTexture) texture = NULL;

  /* Cancelled (the list was rebuilt, or the page went) or failed: the placeholder stays. A
   * picture whose row is gone is still a valid object: the reference is ours. */
  texture = sf_image_loader_load_finish (SF_IMAGE_LOADER (source), result, NULL);
  if (texture == NULL)
    return;

  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (picture, TRUE);
}

static GtkWidget *
create_poster (SfWatchlistPage *self,
               SfShow          *show)
{
  const char *url = sf_show_get_image_medium (show);
  GtkWidget *frame;
  GtkWidget *placeholder;
  GtkWidget *picture;

  frame = g_object_new (GTK_TYPE_OVERLAY,
                        "valign", GTK_ALIGN_CENTER,
                        "overflow", GTK_OVERFLOW_HIDDEN,
                        "css-classes", (const char * const []) { "sf-watchlist-poster", NULL },
                        NULL);
  placeholder = g_object_new (GTK_TYPE_IMAGE,
                              "icon-name", "video-x-generic-symbolic",
                              "pixel-size", 16,
                              "width-request", POSTER_WIDTH,
                              "height-request", POSTER_HEIGHT,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                              "css-classes",
                              (const char * const []) { "sf-poster-placeholder", NULL },
                              NULL);
  picture = g_object_new (GTK_TYPE_PICTURE,
                          "can-shrink", TRUE,
                          "content-fit", GTK_CONTENT_FIT_COVER,
                          "visible", FALSE,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                          NULL);
  gtk_overlay_set_child (GTK_OVERLAY (frame), placeholder);
  gtk_overlay_add_overlay (GTK_OVERLAY (frame), picture);

  if (url != NULL && self->loader != NULL)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

      sf_image_loader_load_async (self->loader, url, POSTER_WIDTH * MAX (scale, 1),
                                  self->poster_cancellable, poster_loaded_cb,
                                  g_object_ref (picture));
    }

  return frame;
}

static void
unfollow_context_free (UnfollowContext *ctx)
{
  g_weak_ref_clear (&ctx->page);
  g_clear_object (&ctx->followed);
  g_free (ctx);
}

static void
set_note (SfWatchlistPage *self,
          const char      *note)
{
  if (g_strcmp0 (self->note, note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note);
    }

  if (self->note != NULL)
    gtk_label_set_text (self->note_label, self->note);
  gtk_revealer_set_reveal_child (self->note_revealer,
                                 self->note != NULL &&
                                 g_strcmp0 (self->note, self->dismissed_note) != 0);
}

static void
unfollow_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  UnfollowContext *ctx = user_data;
  g_autoptr(SfWatchlistPage) self = g_weak_ref_get (&ctx->page);
  g_autoptr(GError) error = NULL;
  SfFollowedShow *followed = ctx->followed;
  gint64 id = sf_followed_show_get_id (followed);

  if (self != NULL)
    g_hash_table_remove (self->unfollowing, &id);

  if (!sf_library_unfollow_finish (SF_LIBRARY (source), result, &error))
    {
      if (self != NULL)
        {
          g_autofree char *note = NULL;

          /* Translators: the first %s is a show's name, the second why it failed */
          note = g_strdup_printf (_("“%s” could not be unfollowed: %s"),
                                  sf_followed_show_get_name (followed), error->message);
          set_note (self, note);
        }
    }
  else if (self != NULL)
    {
      g_signal_emit (self, signals[UNFOLLOWED], 0, sf_followed_show_get_id (followed),
                     sf_followed_show_get_name (followed), sf_followed_show_get_show (followed));
    }

  unfollow_context_free (ctx);
}

static void
unfollow_clicked_cb (SfWatchlistPage *self,
                     GtkButton       *button)
{
  SfFollowedShow *followed = g_object_get_data (G_OBJECT (button), "sf-followed");
  gint64 id;
  UnfollowContext *ctx;

  g_assert (SF_IS_WATCHLIST_PAGE (self));
  g_assert (SF_IS_FOLLOWED_SHOW (followed));

  /* The row goes once the watchlist says it changed; until then, one click is enough. The
   * button stays sensitive so that keyboard focus stays where it is. */
  id = sf_followed_show_get_id (followed);
  if (g_hash_table_contains (self->unfollowing, &id))
    return;
  g_hash_table_add (self->unfollowing, g_memdup2 (&id, sizeof id));

  ctx = g_new0 (UnfollowContext, 1);
  g_weak_ref_init (&ctx->page, self);
  ctx->followed = g_object_ref (followed);

  /* Not cancelled with the page: the person asked for it, it is done whatever the view. */
  sf_library_unfollow_async (self->library, sf_followed_show_get_id (followed), NULL,
                             unfollow_done_cb, ctx);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (user_data);
  SfFollowedShow *followed = SF_FOLLOWED_SHOW (item);
  const char *name = sf_followed_show_get_name (followed);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *subtitle = dup_subtitle (followed, now, zone);
  g_autofree char *unfollow = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_action_row_new ();
  /* Names and episode titles come from the internet: plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             create_poster (self, sf_followed_show_get_show (followed)));

  /* Translators: the tooltip and accessible name of a watchlist row's button */
  unfollow = g_strdup_printf (_("Unfollow %s"), name);
  button = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "starred-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", unfollow,
                         "css-classes", (const char * const []) { "flat", NULL },
                         NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, unfollow,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "sf-followed", g_object_ref (followed),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (unfollow_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
row_activated_cb (SfWatchlistPage *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list)
{
  g_autoptr(SfFollowedShow) followed = NULL;
  int index = gtk_list_box_row_get_index (row);

  for (guint group = 0; group < N_GROUPS; group++)
    if (get_list (self, group) == list && index >= 0)
      followed = g_list_model_get_item (get_model (self, group), (guint) index);

  if (followed == NULL)
    return;

  g_signal_emit (self, signals[SHOW_ACTIVATED], 0, sf_followed_show_get_id (followed),
                 sf_followed_show_get_show (followed));
}

/* ------------------------------------------------------------------------------------------
 * Listing
 */

static void
hide_spinner (SfWatchlistPage *self)
{
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  sf_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

static gboolean
spinner_timeout_cb (gpointer user_data)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (user_data);

  self->spinner_timeout_id = 0;

  /* Before the first answer only: afterwards the list stays in view while it updates. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
      sf_spinner_set_spinning (self->spinner, TRUE);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
midnight_timeout_cb (gpointer user_data)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (user_data);

  /* "tomorrow" became "today": the texts are relative to the day. */
  self->midnight_timeout_id = 0;
  start_list (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_midnight (SfWatchlistPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  GTimeSpan until;

  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = today != NULL ? g_date_time_add_days (today, 1) : NULL;
  if (tomorrow == NULL)
    return;

  until = g_date_time_difference (tomorrow, now) / G_TIME_SPAN_SECOND;
  g_clear_handle_id (&self->midnight_timeout_id, g_source_remove);
  self->midnight_timeout_id = g_timeout_add_seconds ((guint) CLAMP (until + 1, 1, 25 * 3600),
                                                     midnight_timeout_cb, self);
}

/* Where keyboard focus is in the lists: the section and the row's index. */
static gboolean
find_focus (SfWatchlistPage *self,
            guint           *out_group,
            int             *out_index)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return FALSE;

  for (guint group = 0; group < N_GROUPS; group++)
    {
      GtkWidget *list = GTK_WIDGET (get_list (self, group));
      GtkWidget *row;

      if (focus != list && !gtk_widget_is_ancestor (focus, list))
        continue;

      row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      *out_group = group;
      *out_index = row != NULL ? MAX (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), 0) : 0;
      return TRUE;
    }

  return FALSE;
}

/* The rows are new after each list: focus goes back to the row now at the same place (the
 * next one, when the focused row was unfollowed), so that the keyboard does not get lost. */
static void
restore_focus (SfWatchlistPage *self,
               guint            group,
               int              index)
{
  for (guint g = group; g < N_GROUPS; g++)
    {
      guint n = g_list_model_get_n_items (get_model (self, g));

      if (n > 0)
        {
          int at = g == group ? MIN (index, (int) n - 1) : 0;

          GtkListBoxRow *row = gtk_list_box_get_row_at_index (get_list (self, g), at);

          gtk_widget_grab_focus (GTK_WIDGET (row));
          return;
        }
    }

  for (guint g = group; g-- > 0;)
    {
      guint n = g_list_model_get_n_items (get_model (self, g));

      if (n > 0)
        {
          gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (get_list (self, g),
                                                                           (int) n - 1)));
          return;
        }
    }
}

static void
show_list (SfWatchlistPage *self,
           GPtrArray       *shows)
{
  guint focus_group = 0;
  int focus_index = 0;
  gboolean had_focus = find_focus (self, &focus_group, &focus_index);

  /* The library lists in the Watchlist order already: each section filters the store and
   * Upcoming keeps its order; a show whose "next" episode has aired since moves down, and
   * the other sections sort by name. The filters see the day of this listing. */
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->now = g_date_time_new_now_local ();
  self->zone = g_time_zone_new_local ();

  /* The old rows' posters are not needed any more. */
  g_cancellable_cancel (self->poster_cancellable);
  g_clear_object (&self->poster_cancellable);
  self->poster_cancellable = g_cancellable_new ();

  g_list_store_splice (self->shows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shows)),
                       shows->pdata, shows->len);

  self->n_shows = shows->len;
  update_stack (self);
  if (had_focus)
    restore_focus (self, focus_group, focus_index);
  schedule_midnight (self);
}

static void
list_context_free (ListContext *ctx)
{
  g_weak_ref_clear (&ctx->page);
  g_free (ctx);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ListContext *ctx = user_data;
  g_autoptr(SfWatchlistPage) self = g_weak_ref_get (&ctx->page);
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = ctx->generation;

  list_context_free (ctx);

  shows = sf_library_list_finish (SF_LIBRARY (source), result, &error);

  /* Superseded, or the page went: nothing reaches the screen. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (generation != self->generation)
    return;

  g_clear_object (&self->list_cancellable);
  hide_spinner (self);

  if (shows == NULL)
    {
      /* A status page's description is markup; the message may quote a file name. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_list (self, shows);
}

static void
start_list (SfWatchlistPage *self)
{
  ListContext *ctx;

  g_clear_handle_id (&self->list_timeout_id, g_source_remove);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);

  self->generation++;
  self->list_cancellable = g_cancellable_new ();

  if (self->spinner_timeout_id == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    self->spinner_timeout_id = g_timeout_add (SPINNER_DELAY_MS, spinner_timeout_cb, self);

  ctx = g_new0 (ListContext, 1);
  g_weak_ref_init (&ctx->page, self);
  ctx->generation = self->generation;

  sf_library_list_async (self->library, self->list_cancellable, list_done_cb, ctx);
  start_saved_list (self);
}

static gboolean
list_timeout_cb (gpointer user_data)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (user_data);

  self->list_timeout_id = 0;
  start_list (self);

  return G_SOURCE_REMOVE;
}

static void
library_changed_cb (SfWatchlistPage *self)
{
  g_clear_handle_id (&self->list_timeout_id, g_source_remove);
  self->list_timeout_id = g_timeout_add (LIST_DELAY_MS, list_timeout_cb, self);
}

static void
recovery_message_changed_cb (SfWatchlistPage *self)
{
  set_note (self, sf_library_get_recovery_message (self->library));
}

static void
dismiss_note_cb (SfWatchlistPage *self)
{
  g_free (self->dismissed_note);
  self->dismissed_note = g_strdup (self->note);
  set_note (self, self->note);
}

static void
retry_cb (SfWatchlistPage *self)
{
  sf_watchlist_page_refresh (self);
}

/* ------------------------------------------------------------------------------------------
 * Filter and sort
 */

/* Nothing followed and nothing saved: the empty page, with its way to the search. */
static void
update_stack (SfWatchlistPage *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);
  gboolean any = self->n_shows > 0 || (self->statuses != NULL && self->statuses->len > 0);

  /* The list is not known until its first answer. */
  if (g_strcmp0 (visible, "loading") == 0 && self->list_cancellable != NULL)
    return;
  if (g_strcmp0 (visible, "error") == 0 && self->n_shows == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
  gtk_widget_set_visible (self->tools_box, self->n_shows > 0);
}

static void
update_no_match (SfWatchlistPage *self)
{
  guint shown = 0;

  for (guint group = 0; group < N_GROUPS; group++)
    shown += g_list_model_get_n_items (get_model (self, group));

  gtk_widget_set_visible (self->no_match_label,
                          self->filter_text != NULL && self->n_shows > 0 && shown == 0);
}

static void
filters_changed (SfWatchlistPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->upcoming_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->nothing_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->ended_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_no_match (self);
}

static void
filter_changed_cb (SfWatchlistPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->filter_entry)));
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  g_clear_pointer (&self->filter_text, g_free);
  if (normal != NULL && *normal != '\0')
    self->filter_text = g_utf8_casefold (normal, -1);
  filters_changed (self);
}

static int
compare_added (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 x = sf_followed_show_get_added ((SfFollowedShow *) a);
  gint64 y = sf_followed_show_get_added ((SfFollowedShow *) b);

  /* The latest first; the same moment (an import) by name. */
  if (x != y)
    return x > y ? -1 : 1;
  return sf_followed_show_compare_names (a, b, NULL);
}

static void
apply_sort (SfWatchlistPage *self)
{
  GCompareDataFunc other = g_str_equal (self->sort, "added") ? compare_added
                                                             : sf_followed_show_compare_names;

  /* By next episode, Upcoming keeps the library's order: soonest first. */
  gtk_custom_sorter_set_sort_func (self->upcoming_sorter,
                                   g_str_equal (self->sort, "next") ? NULL : other, NULL, NULL);
  gtk_custom_sorter_set_sort_func (self->name_sorter, other, NULL, NULL);
}

static void
set_sort (SfWatchlistPage *self,
          const char      *sort)
{
  if (g_strcmp0 (sort, "name") != 0 && g_strcmp0 (sort, "added") != 0)
    sort = "next";
  if (g_strcmp0 (self->sort, sort) == 0)
    return;

  g_free (self->sort);
  self->sort = g_strdup (sort);
  apply_sort (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

/* ------------------------------------------------------------------------------------------
 * Saved searches
 */

typedef struct
{
  GWeakRef     page;
  char        *name;       /* owned */
  SfCriteria  *criteria;   /* owned, nullable */
  GArray      *seen;       /* owned, nullable */
  guint        generation;
} SavedContext;

static SavedContext *
saved_context_new (SfWatchlistPage *self,
                   const char      *name)
{
  SavedContext *ctx = g_new0 (SavedContext, 1);

  g_weak_ref_init (&ctx->page, self);
  ctx->name = g_strdup (name);
  ctx->generation = self->saved_generation;
  return ctx;
}

static void
saved_context_free (gpointer data)
{
  SavedContext *ctx = data;

  g_weak_ref_clear (&ctx->page);
  g_free (ctx->name);
  g_clear_pointer (&ctx->criteria, sf_criteria_unref);
  g_clear_pointer (&ctx->seen, g_array_unref);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SavedContext, saved_context_free)

static SfSavedSearchStatus *
find_status (SfWatchlistPage *self,
             const char      *name)
{
  for (guint i = 0; self->statuses != NULL && i < self->statuses->len; i++)
    {
      SfSavedSearchStatus *status = g_ptr_array_index (self->statuses, i);

      if (g_strcmp0 (status->search->name, name) == 0)
        return status;
    }
  return NULL;
}

static GtkWidget *
create_saved_row (SfWatchlistPage     *self,
                  SfSavedSearchStatus *status)
{
  const char *name = status->search->name;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
  g_autofree char *menu_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (status->total != G_MAXUINT)
    {
      g_autofree char *total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u series",
                                                             "%u series", status->total),
                                                status->total);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), total);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "sf-saved-name", g_strdup (name), g_free);

  if (status->new_shows->len > 0)
    {
      /* Translators: on a saved search's row, how many matches are new since it was opened */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new",
                                                            "%u new", status->new_shows->len),
                                               status->new_shows->len);
      GtkWidget *badge = g_object_new (GTK_TYPE_LABEL,
                                       "label", text,
                                       "valign", GTK_ALIGN_CENTER,
                                       "css-classes", (const char * const []) { "sf-new-count",
                                                                                "caption-heading",
                                                                                NULL },
                                       NULL);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  g_menu_item_set_action_and_target_value (rename, "watchlist.rename-search",
                                           g_variant_new_string (name));
  g_menu_item_set_action_and_target_value (delete, "watchlist.delete-search",
                                           g_variant_new_string (name));
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, delete);
  /* Translators: the tooltip and accessible name of a saved search's menu button */
  menu_label = g_strdup_printf (_("Menu of %s"), name);
  button = g_object_new (GTK_TYPE_MENU_BUTTON,
                         "icon-name", "view-more-symbolic",
                         "menu-model", menu,
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", menu_label,
                         "css-classes", (const char * const []) { "flat", NULL },
                         NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
show_saved (SfWatchlistPage *self,
            GPtrArray       *statuses)
{
  GtkWidget *child;

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  self->statuses = g_ptr_array_ref (statuses);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);
  for (guint i = 0; i < statuses->len; i++)
    gtk_list_box_append (self->saved_list,
                         create_saved_row (self, g_ptr_array_index (statuses, i)));

  gtk_widget_set_visible (self->saved_section, statuses->len > 0);
  update_stack (self);
}

static void
saved_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SavedContext) ctx = user_data;
  g_autoptr(SfWatchlistPage) self = g_weak_ref_get (&ctx->page);
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  statuses = sf_saved_searches_check_finish (result, &error);
  if (self == NULL || ctx->generation != self->saved_generation)
    return;
  if (statuses == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Saved searches: %s", error->message);
      return;
    }

  show_saved (self, statuses);
}

/* Without a catalog, the names alone (totals unknown). */
static void
saved_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SavedContext) ctx = user_data;
  g_autoptr(SfWatchlistPage) self = g_weak_ref_get (&ctx->page);
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  searches = sf_library_list_searches_finish (SF_LIBRARY (source), result, &error);
  if (self == NULL || ctx->generation != self->saved_generation || searches == NULL)
    return;

  statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_saved_search_status_free);
  for (guint i = 0; i < searches->len; i++)
    {
      SfSavedSearchStatus *status = g_new0 (SfSavedSearchStatus, 1);

      status->search = g_steal_pointer (&g_ptr_array_index (searches, i));
      status->total = G_MAXUINT;
      status->new_shows = g_ptr_array_new_with_free_func (g_object_unref);
      status->unannounced = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (statuses, status);
    }
  show_saved (self, statuses);
}

static void
start_saved_list (SfWatchlistPage *self)
{
  g_clear_handle_id (&self->saved_timeout_id, g_source_remove);
  g_cancellable_cancel (self->saved_cancellable);
  g_clear_object (&self->saved_cancellable);
  self->saved_cancellable = g_cancellable_new ();
  self->saved_generation++;

  if (self->library == NULL || !sf_library_is_open (self->library))
    return;

  if (self->catalog != NULL && sf_catalog_is_open (self->catalog))
    sf_saved_searches_check_async (self->library, self->catalog, NULL, self->saved_cancellable,
                                   saved_checked_cb, saved_context_new (self, NULL));
  else
    sf_library_list_searches_async (self->library, self->saved_cancellable, saved_listed_cb,
                                    saved_context_new (self, NULL));
}

static gboolean
saved_timeout_cb (gpointer user_data)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (user_data);

  self->saved_timeout_id = 0;
  start_saved_list (self);
  return G_SOURCE_REMOVE;
}

static void
catalog_changed_cb (SfWatchlistPage *self)
{
  g_clear_handle_id (&self->saved_timeout_id, g_source_remove);
  self->saved_timeout_id = g_timeout_add (SAVED_CATALOG_DELAY_MS, saved_timeout_cb, self);
}

static void
saved_activated_cb (SfWatchlistPage *self,
                    GtkListBoxRow   *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "sf-saved-name");

  if (name != NULL)
    g_signal_emit (self, signals[SAVED_SEARCH_ACTIVATED], 0, name);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SavedContext) ctx = user_data;
  g_autoptr(SfWatchlistPage) self = g_weak_ref_get (&ctx->page);
  g_autoptr(GError) error = NULL;

  if (!sf_library_delete_search_finish (SF_LIBRARY (source), result, &error))
    {
      if (self != NULL)
        set_note (self, error->message);
      return;
    }

  if (self != NULL)
    g_signal_emit (self, signals[SAVED_SEARCH_DELETED], 0, ctx->name, ctx->criteria, ctx->seen);
}

static void
delete_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  SfSavedSearchStatus *status = find_status (self, name);
  SavedContext *ctx;

  if (status == NULL)
    return;

  /* What Undo needs to save it again. */
  ctx = saved_context_new (self, name);
  ctx->criteria = sf_criteria_copy (status->search->criteria);
  ctx->seen = g_array_copy (status->search->seen);
  /* Not cancelled with the page: the person asked for it. */
  sf_library_delete_search_async (self->library, name, NULL, deleted_cb, ctx);
}

static void
renamed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SavedContext) ctx = user_data;
  g_autoptr(SfWatchlistPage) self = g_weak_ref_get (&ctx->page);
  g_autoptr(GError) error = NULL;

  if (!sf_library_rename_search_finish (SF_LIBRARY (source), result, &error) && self != NULL)
    set_note (self, error->message);
}

static void
rename_chosen_cb (const char *name,
                  gpointer    user_data)
{
  SavedContext *ctx = user_data;
  g_autoptr(SfWatchlistPage) self = g_weak_ref_get (&ctx->page);

  if (self != NULL && g_strcmp0 (name, ctx->name) != 0)
    sf_library_rename_search_async (self->library, ctx->name, name, NULL, renamed_cb,
                                    saved_context_new (self, ctx->name));
}

static void
rename_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) taken = NULL;

  if (find_status (self, name) == NULL)
    return;

  /* Its own name is not taken: keeping it changes nothing. */
  for (guint i = 0; i < self->statuses->len; i++)
    {
      SfSavedSearchStatus *status = g_ptr_array_index (self->statuses, i);

      if (g_strcmp0 (status->search->name, name) != 0)
        g_strv_builder_add (builder, status->search->name);
    }
  taken = g_strv_builder_end (builder);

  sf_name_dialog_present (GTK_WIDGET (self), _("Rename Saved Search"), _("_Rename"), name,
                          (const char * const *) taken, rename_chosen_cb,
                          saved_context_new (self, name), saved_context_free);
}

/* ------------------------------------------------------------------------------------------
 * GObject
 */

/* The page lists once it has its library (at construction, or set once afterwards when the
 * page is a child of a template). */
static void
watch_library (SfWatchlistPage *self)
{
  self->changed_handler = g_signal_connect_swapped (self->library, "changed",
                                                    G_CALLBACK (library_changed_cb), self);
  self->recovery_handler = g_signal_connect_swapped (self->library, "notify::recovery-message",
                                                     G_CALLBACK (recovery_message_changed_cb),
                                                     self);
  recovery_message_changed_cb (self);
  start_list (self);
}

static void
sf_watchlist_page_constructed (GObject *object)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (object);

  G_OBJECT_CLASS (sf_watchlist_page_parent_class)->constructed (object);

  self->constructed = TRUE;
  if (self->library != NULL)
    watch_library (self);
}

static void
sf_watchlist_page_dispose (GObject *object)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (object);

  if (self->library != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->library);
      g_clear_signal_handler (&self->recovery_handler, self->library);
    }
  g_clear_handle_id (&self->list_timeout_id, g_source_remove);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  g_clear_handle_id (&self->midnight_timeout_id, g_source_remove);
  g_clear_handle_id (&self->saved_timeout_id, g_source_remove);
  if (self->catalog != NULL)
    {
      g_clear_signal_handler (&self->catalog_changed_handler, self->catalog);
      g_clear_signal_handler (&self->catalog_open_handler, self->catalog);
    }
  g_cancellable_cancel (self->saved_cancellable);
  g_clear_object (&self->saved_cancellable);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_cancellable_cancel (self->poster_cancellable);
  g_clear_object (&self->poster_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SF_TYPE_WATCHLIST_PAGE);

  g_clear_object (&self->library);
  g_clear_object (&self->loader);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);

  G_OBJECT_CLASS (sf_watchlist_page_parent_class)->dispose (object);
}

static void
sf_watchlist_page_finalize (GObject *object)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->dismissed_note, g_free);
  g_clear_pointer (&self->unfollowing, g_hash_table_unref);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->sort, g_free);

  G_OBJECT_CLASS (sf_watchlist_page_parent_class)->finalize (object);
}

static void
sf_watchlist_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_IMAGE_LOADER:
      g_value_set_object (value, self->loader);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_watchlist_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SfWatchlistPage *self = SF_WATCHLIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      /* Once: the page lists one watchlist for its whole life. */
      g_return_if_fail (self->library == NULL);
      self->library = g_value_dup_object (value);
      if (self->constructed && self->library != NULL)
        watch_library (self);
      break;
    case PROP_IMAGE_LOADER:
      g_set_object (&self->loader, g_value_get_object (value));
      break;
    case PROP_CATALOG:
      /* Once, like the library. */
      g_return_if_fail (self->catalog == NULL);
      self->catalog = g_value_dup_object (value);
      if (self->catalog != NULL)
        {
          self->catalog_changed_handler =
            g_signal_connect_swapped (self->catalog, "changed", G_CALLBACK (catalog_changed_cb),
                                      self);
          self->catalog_open_handler =
            g_signal_connect_swapped (self->catalog, "notify::open",
                                      G_CALLBACK (start_saved_list), self);
          start_saved_list (self);
        }
      break;
    case PROP_SORT:
      set_sort (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sf_watchlist_page_class_init (SfWatchlistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sf_watchlist_page_constructed;
  object_class->dispose = sf_watchlist_page_dispose;
  object_class->finalize = sf_watchlist_page_finalize;
  object_class->get_property = sf_watchlist_page_get_property;
  object_class->set_property = sf_watchlist_page_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, SF_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMAGE_LOADER] =
    g_param_spec_object ("image-loader", NULL, NULL, SF_TYPE_IMAGE_LOADER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Counts the saved searches' matches; without it they are listed by name alone. */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SF_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* How the followed series are ordered: "next" (episode), "name" or "added" (latest first) */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "next",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SfWatchlistPage::show-activated:
   * @id: the show's id
   * @show: the show as last stored
   *
   * A row was activated: the window opens the show.
   */
  signals[SHOW_ACTIVATED] = g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_INT64, SF_TYPE_SHOW);

  /**
   * SfWatchlistPage::unfollowed:
   * @id: the show's id
   * @name: its name
   * @show: the show as last stored, to follow it again
   *
   * The person unfollowed a show from its row and the watchlist stored it.
   */
  signals[UNFOLLOWED] = g_signal_new ("unfollowed", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, SF_TYPE_SHOW);

  /**
   * SfWatchlistPage::saved-search-activated:
   * @name: the saved search's name
   *
   * A saved search's row was activated: the window opens the search.
   */
  signals[SAVED_SEARCH_ACTIVATED] = g_signal_new ("saved-search-activated",
                                                  G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SfWatchlistPage::saved-search-deleted:
   * @name: its name
   * @criteria: its title and criteria
   * @seen: (element-type gint64): the matches seen
   *
   * The person deleted a saved search from its row: offer an "Undo" (save it again).
   */
  signals[SAVED_SEARCH_DELETED] = g_signal_new ("saved-search-deleted",
                                                G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 3, G_TYPE_STRING, SF_TYPE_CRITERIA,
                                                G_TYPE_ARRAY);

  gtk_widget_class_install_property_action (widget_class, "watchlist.sort", "sort");
  gtk_widget_class_install_action (widget_class, "watchlist.rename-search", "s",
                                   rename_search_action);
  gtk_widget_class_install_action (widget_class, "watchlist.delete-search", "s",
                                   delete_search_action);

  /* The template's store is of followed shows. */
  g_type_ensure (SF_TYPE_FOLLOWED_SHOW);
  g_type_ensure (SF_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "sf-watchlist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, content);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, note_revealer);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, upcoming_section);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, nothing_section);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, nothing_list);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, ended_section);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, ended_list);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, shows);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, upcoming_model);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, nothing_model);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, ended_model);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, upcoming_filter);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, nothing_filter);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, ended_filter);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, name_sorter);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, upcoming_sorter);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, saved_section);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, saved_list);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, tools_box);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, SfWatchlistPage, find_button);
  gtk_widget_class_bind_template_callback (widget_class, saved_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_note_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "watchlistpage");
}

static void
sf_watchlist_page_init (SfWatchlistPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->now = g_date_time_new_now_local ();
  self->zone = g_time_zone_new_local ();
  gtk_custom_filter_set_filter_func (self->upcoming_filter, upcoming_filter_func, self, NULL);
  gtk_custom_filter_set_filter_func (self->nothing_filter, nothing_filter_func, self, NULL);
  gtk_custom_filter_set_filter_func (self->ended_filter, ended_filter_func, self, NULL);
  self->sort = g_strdup ("next");
  apply_sort (self);

  for (guint group = 0; group < N_GROUPS; group++)
    gtk_list_box_bind_model (get_list (self, group), get_model (self, group), create_row, self,
                             NULL);
  self->poster_cancellable = g_cancellable_new ();
  self->unfollowing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint group = 0; group < N_GROUPS; group++)
    g_signal_connect_object (get_model (self, group), "items-changed",
                             G_CALLBACK (update_no_match), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sf_watchlist_page_new (SfLibrary     *library,
                       SfImageLoader *loader)
{
  g_return_val_if_fail (SF_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (loader == NULL || SF_IS_IMAGE_LOADER (loader), NULL);

  return g_object_new (SF_TYPE_WATCHLIST_PAGE,
                       "library", library,
                       "image-loader", loader,
                       NULL);
}

void
sf_watchlist_page_refresh (SfWatchlistPage *self)
{
  g_return_if_fail (SF_IS_WATCHLIST_PAGE (self));

  start_list (self);
}
