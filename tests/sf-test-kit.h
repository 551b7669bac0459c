/* sf-test-kit.h: what every test program and benchmark shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The helpers every test program and benchmark shares: bounded waits on the main context,
 * async results, property notifications and temporary folders. A wait that runs out fails
 * the test with what it waited for, rather than hanging the run. */

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*SfTestCondition) (gconstpointer data);

/* Bounded waits on the thread-default main context */

/* Iterates the main context until @condition (@data) holds; g_error() after @timeout_ms. */
void          sf_test_wait_until            (SfTestCondition   condition,
                                             gconstpointer     data,
                                             guint             timeout_ms,
                                             const char       *what);
/* The same, but a timeout is not an error: returns whether @condition held in time. */
gboolean      sf_test_wait_until_or_timeout (SfTestCondition   condition,
                                             gconstpointer     data,
                                             guint             timeout_ms);
/* Until *@flag is TRUE. */
void          sf_test_wait_flag             (const gboolean   *flag,
                                             guint             timeout_ms,
                                             const char       *what);
/* Until *@pointer is not NULL; returns it. */
gpointer      sf_test_wait_pointer          (gpointer         *pointer,
                                             guint             timeout_ms,
                                             const char       *what);
/* Iterates the main context for @ms, so that late callbacks (wanted or not) run. */
void          sf_test_run_for               (guint             ms);

/* The macro form, for a condition written in place:
 *   SF_TEST_WAIT_UNTIL (fixture->n_changed >= 2, WAIT_MS, "two changes"); */
typedef struct _SfTestWait SfTestWait;

SfTestWait   *sf_test_wait_begin            (guint             timeout_ms,
                                             const char       *what);
/* One blocking iteration; g_error() if the wait has run out. */
void          sf_test_wait_iterate          (SfTestWait       *wait);
/* One blocking iteration; FALSE (and no iteration) once the wait has run out, for a caller
 * that says more than "what" when it fails. */
gboolean      sf_test_wait_step             (SfTestWait       *wait);
void          sf_test_wait_end              (SfTestWait       *wait);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfTestWait, sf_test_wait_end)

#define SF_TEST_WAIT_UNTIL(condition, timeout_ms, what) \
  G_STMT_START { \
    SfTestWait *sf_test_wait_ = sf_test_wait_begin ((timeout_ms), (what)); \
    while (!(condition)) \
      sf_test_wait_iterate (sf_test_wait_); \
    sf_test_wait_end (sf_test_wait_); \
  } G_STMT_END

/* A watchdog for code that runs its own loops: g_error() if it is still running after
 * @timeout_ms; remove it with g_source_remove(). */
guint         sf_test_watchdog_add          (guint             timeout_ms,
                                             const char       *what);

/* Async results */

/* A GAsyncReadyCallback that stores a reference to the result in the GAsyncResult ** given
 * as user data. */
void          sf_test_result_cb             (GObject          *source,
                                             GAsyncResult     *result,
                                             gpointer          user_data);
/* Waits for sf_test_result_cb() to fill *@result; returns it (still owned by *@result). */
GAsyncResult *sf_test_wait_for_result       (GAsyncResult    **result,
                                             guint             timeout_ms,
                                             const char       *what);

/* Property notifications */

typedef struct _SfTestNotify SfTestNotify;

/* Counts the notify::@property emissions of @object from now on, for checks such as
 *   g_assert_cmpuint (sf_test_notify_get_count (notify), ==, 1); */
SfTestNotify *sf_test_notify_new            (gpointer          object,
                                             const char       *property);
guint         sf_test_notify_get_count      (SfTestNotify     *notify);
void          sf_test_notify_free           (SfTestNotify     *notify);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfTestNotify, sf_test_notify_free)

/* Temporary folders */

/* A new folder under the temporary directory (g_dir_make_tmp); aborts on failure. */
char         *sf_test_make_temp_dir         (const char       *tmpl);
/* Removes @path and everything below it; a missing @path is not an error. */
void          sf_test_remove_tree           (const char       *path);

G_END_DECLS
