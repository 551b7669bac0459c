#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * sf_cli_add_options:
 * @app: the application
 *
 * Adds the options of the terminal mode (`--search`, `--json`, ...) to @app.
 */
void      sf_cli_add_options    (GApplication *app);

/**
 * sf_cli_wants_terminal:
 * @options: the options from #GApplication::handle-local-options
 *
 * Returns: %TRUE if the options ask for the terminal mode (no window)
 */
gboolean  sf_cli_wants_terminal (GVariantDict *options);

/**
 * sf_cli_handle_local_options:
 * @app: the application
 * @options: the parsed options
 * @user_data: unused
 *
 * A handler of #GApplication::handle-local-options (connect it before g_application_run()):
 * when the options ask for the terminal mode, runs it with the application's settings
 * instead of the window.
 *
 * Returns: the exit status, or -1 to go on to the window
 */
int       sf_cli_handle_local_options (GApplication *app,
                                       GVariantDict *options,
                                       gpointer      user_data);

/**
 * sf_cli_run:
 * @options: the parsed options
 * @settings: (nullable): settings for the API URL
 *
 * Runs the terminal mode to completion on a private main context: results on stdout,
 * messages on stderr.
 *
 * Returns: the exit status (0 on success, 1 on failure, 2 on bad usage)
 */
int       sf_cli_run            (GVariantDict *options,
                                 GSettings    *settings);

G_END_DECLS
