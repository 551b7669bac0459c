/* sf-builder-tool-preload.c: lets gtk4-builder-tool validate our templates
 *
 * Copyright 2026 The Series Finder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the validation tests load this, with LD_PRELOAD, into gtk4-builder-tool. It works around
 * two gaps of GTK 4.8's tool that make it reject valid templates:
 *
 * - To validate a <template>, the tool derives a fake class from the template's parent, which
 *   it finds with g_type_from_name(). A libadwaita parent (AdwApplicationWindow, AdwBin...)
 *   is not registered yet in that process, so the lookup fails. An unknown type name here
 *   falls back to its get_type function, the way GtkBuilder resolves <object> classes.
 * - Our own widgets used as children of a template (the window's filter panel) are found the
 *   same way: this module holds the whole ui library.
 * - Template callbacks are static functions that the widget's class binds, so the tool's
 *   GtkBuilder finds no symbol for <signal handler="..."> and fails. Newer GTK gives the tool a
 *   scope that accepts any handler; here an unknown symbol looked up in the program itself
 *   resolves to a no-op. The signal name is still checked by GtkBuilder.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

#include <adwaita.h>
#include <gmodule.h>

#include "sf-application.h"

typedef GType    (*TypeFromNameFunc) (const char *name);
typedef gboolean (*ModuleSymbolFunc) (GModule *module, const char *symbol_name, gpointer *symbol);
typedef GType    (*GetTypeFunc)      (void);

/* "AdwApplicationWindow" -> "adw_application_window_get_type" */
static char *
dup_get_type_symbol (const char *type_name)
{
  GString *symbol = g_string_new (NULL);

  for (gsize i = 0; type_name[i] != '\0'; i++)
    {
      char c = type_name[i];

      if (i > 0 && g_ascii_isupper (c) &&
          (!g_ascii_isupper (type_name[i - 1]) || g_ascii_islower (type_name[i + 1])))
        g_string_append_c (symbol, '_');
      g_string_append_c (symbol, g_ascii_tolower (c));
    }
  g_string_append (symbol, "_get_type");

  return g_string_free (symbol, FALSE);
}

/* The class of the template being validated ("SfWindow"): the tool must not find it (it
 * checks the template against a class of its own, derived from the parent), whereas our other
 * widgets, its children, must be found. The file is the tool's last argument. */
static const char *
template_class (void)
{
  static char *name;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autofree char *cmdline = NULL;
      g_autofree char *contents = NULL;
      const char *last = NULL;
      const char *start;
      gsize length = 0;

      if (g_file_get_contents ("/proc/self/cmdline", &cmdline, &length, NULL))
        for (const char *arg = cmdline; arg < cmdline + length; arg += strlen (arg) + 1)
          last = arg;

      if (last != NULL && g_str_has_suffix (last, ".ui") &&
          g_file_get_contents (last, &contents, NULL, NULL) &&
          (start = strstr (contents, "<template class=\"")) != NULL)
        {
          start += strlen ("<template class=\"");
          name = g_strndup (start, strcspn (start, "\""));
        }

      g_once_init_leave (&done, 1);
    }

  return name;
}

GType
g_type_from_name (const char *name)
{
  static TypeFromNameFunc real_type_from_name;
  GType type;

  if (real_type_from_name == NULL)
    real_type_from_name = (TypeFromNameFunc) dlsym (RTLD_NEXT, "g_type_from_name");

  type = real_type_from_name (name);

  if (type == G_TYPE_INVALID && name != NULL && g_ascii_isupper (name[0]) &&
      g_strcmp0 (name, template_class ()) != 0)
    {
      g_autofree char *symbol = dup_get_type_symbol (name);
      GetTypeFunc get_type = (GetTypeFunc) dlsym (RTLD_DEFAULT, symbol);

      if (get_type != NULL)
        type = get_type ();
    }

  return type;
}

/* Stands for every template callback; returns 0 so a handler with a return value says FALSE. */
static gpointer
template_callback (void)
{
  return NULL;
}

gboolean
g_module_symbol (GModule     *module,
                 const char  *symbol_name,
                 gpointer    *symbol)
{
  static ModuleSymbolFunc real_module_symbol;

  if (real_module_symbol == NULL)
    real_module_symbol = (ModuleSymbolFunc) dlsym (RTLD_NEXT, "g_module_symbol");

  /* The template's own class stays unknown here too: GTK 4.18's tool finds a class through
   * its get_type function in the program, and would build a real instance of it (which needs
   * what only the application gives it) instead of checking the template. */
  if (template_class () != NULL && symbol_name != NULL)
    {
      g_autofree char *own = dup_get_type_symbol (template_class ());

      if (g_strcmp0 (symbol_name, own) == 0)
        return FALSE;
    }

  if (real_module_symbol (module, symbol_name, symbol))
    return TRUE;

  /* Only names looked up in the program itself (where GtkBuilder looks for handlers), and
   * never a get_type function (GtkBuilder would call it). */
  if (module != NULL && symbol_name != NULL && symbol != NULL &&
      g_strcmp0 (g_module_name (module), "main") == 0 &&
      !g_str_has_suffix (symbol_name, "_get_type") &&
      /* libsoup 3 (in this module with the ui library) looks for libsoup 2's functions in
       * the program and aborts when it finds them. */
      !g_str_has_prefix (symbol_name, "soup_"))
    {
      *symbol = (gpointer) template_callback;
      return TRUE;
    }

  return FALSE;
}

/* Keeps libadwaita a real dependency of this module (the linker drops unused libraries), so
 * preloading the module is enough to make its types reachable. Our own widgets (children of
 * other templates) build their templates from the resources. */
__attribute__((constructor)) static void
sf_builder_tool_preload_init (void)
{
  (void) adw_is_initialized ();
  sf_ui_register_resources ();
}
