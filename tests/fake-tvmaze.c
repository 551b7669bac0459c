/* fake-tvmaze.c: the fake TVmaze as a program, for the offline demo and the benchmarks
 *
 * fake-tvmaze [--port=N] [--shows=N] [--seed=S] [--latency=MS] [--image-latency=MS]
 *
 * Prints its URL as the first line of stdout, then serves until SIGINT or SIGTERM.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>

#include "sf-fake-server.h"

#define DEFAULT_SHOWS 5000

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SfFakeServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  gint port = 0;
  gint n_shows = DEFAULT_SHOWS;
  gint64 seed = 1;
  gint latency = 0;
  gint image_latency = 0;
  guint sigint_id, sigterm_id;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (default: any free one)", "N" },
    { "shows", 0, 0, G_OPTION_ARG_INT, &n_shows, "Catalog size (default: 5000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Catalog seed (default: 1)", "S" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency, "Delay of every API answer", "MS" },
    { "image-latency", 0, 0, G_OPTION_ARG_INT, &image_latency, "Delay of every image", "MS" },
    { NULL }
  };

  context = g_option_context_new ("- a fake TVmaze API with a generated catalog");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > G_MAXUINT16 || n_shows < 0 || latency < 0 || image_latency < 0)
    {
      g_printerr ("--port, --shows, --latency and --image-latency take numbers >= 0\n");
      return EXIT_FAILURE;
    }

  server = sf_fake_server_new ((guint) n_shows, (guint64) seed);
  sf_fake_server_set_latency (server, (guint) latency, (guint) image_latency);
  if (!sf_fake_server_start (server, (guint) port, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Whoever started us reads this line to learn the port. */
  printf ("%s\n", sf_fake_server_get_url (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  sf_fake_server_stop (server);

  return EXIT_SUCCESS;
}
