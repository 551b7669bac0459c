#pragma once

#include <gio/gio.h>

#include "sf-catalog.h"

G_BEGIN_DECLS

#define SF_TYPE_SEARCH_PROVIDER (sf_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (SfSearchProvider, sf_search_provider, SF, SEARCH_PROVIDER, GObject)

/**
 * sf_search_provider_new:
 * @application: the application whose actions "open-show" (x) and "search" (s) the Shell's
 *   activations run; borrowed, it must outlive the provider
 * @catalog: (nullable): where the answers come from (never the network); without one, or
 *   before it opens, every search answers nothing at once
 * @http_cache_dir: (nullable): the HTTP cache, for posters already downloaded
 *
 * GNOME Shell's search provider (org.gnome.Shell.SearchProvider2) over the local catalog.
 */
SfSearchProvider *sf_search_provider_new      (GApplication     *application,
                                               SfCatalog        *catalog,
                                               const char       *http_cache_dir);
/* The application exports the provider before its backend exists (dbus_register comes
 * before startup), and gives it the catalog afterwards. */
void              sf_search_provider_set_catalog (SfSearchProvider *self,
                                                  SfCatalog        *catalog,
                                                  const char       *http_cache_dir);
gboolean          sf_search_provider_export   (SfSearchProvider *self,
                                               GDBusConnection  *connection,
                                               const char       *object_path,
                                               GError          **error);
void              sf_search_provider_unexport (SfSearchProvider *self);

/* "2010–2015 · Drama, Crime · BBC One": the description line of a result */
char             *sf_search_provider_describe (SfShow           *show);

G_END_DECLS
