#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sf-application.h"
#include "sf-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SfApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* One program, two faces: the command line runs instead of the window when its options
   * ask for it (cli/ and ui/ never include each other; this is where they meet). */
  app = sf_application_new ();
  sf_cli_add_options (G_APPLICATION (app));
  g_signal_connect (app, "handle-local-options", G_CALLBACK (sf_cli_handle_local_options), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
