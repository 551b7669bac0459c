/* test-row-builder.c: widgets made a few at a time, by priority, while started
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-row-builder.h"

#define WAIT_MS 10000

typedef struct
{
  GString *log;     /* one letter a step */
  char     letter;
  guint    left;
} Step;

static gboolean
step_cb (gpointer user_data)
{
  Step *step = user_data;

  if (step->left == 0)
    return FALSE;

  step->left--;
  g_string_append_c (step->log, step->letter);
  return TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_until_idle (SfRowBuilder *builder)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, timeout_cb, &timed_out);

  while (sf_row_builder_get_busy (builder) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_priorities (void)
{
  g_autoptr(GString) log = g_string_new (NULL);
  GtkWidget *widget = g_object_ref_sink (gtk_label_new (NULL));
  g_autoptr(SfRowBuilder) builder = sf_row_builder_new (widget);
  Step late = { log, 'c', 3 };
  Step urgent = { log, 'a', 2 };
  Step middle = { log, 'b', 2 };
  guint notifies = 0;

  g_signal_connect (builder, "notify::busy", G_CALLBACK (count_notify_cb), &notifies);
  sf_row_builder_add_step (builder, 3, step_cb, &late);
  sf_row_builder_add_step (builder, 0, step_cb, &urgent);
  sf_row_builder_add_step (builder, 1, step_cb, &middle);

  /* Queued but not started: nothing is made. */
  sf_row_builder_queue (builder);
  g_assert_true (sf_row_builder_get_busy (builder));
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (log->str, ==, "");

  sf_row_builder_start (builder);
  run_until_idle (builder);
  g_assert_cmpstr (log->str, ==, "aabbccc");
  g_assert_cmpuint (notifies, ==, 2);

  /* A step removed is never asked again. */
  urgent.left = 1;
  sf_row_builder_remove_steps (builder, &urgent);
  middle.left = 1;
  sf_row_builder_queue (builder);
  run_until_idle (builder);
  g_assert_cmpstr (log->str, ==, "aabbcccb");

  sf_row_builder_stop (builder);
  g_object_unref (widget);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-finder/row-builder/priorities", test_priorities);

  return g_test_run ();
}
