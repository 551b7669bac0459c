#pragma once

#include <gio/gio.h>

#include "sf-catalog.h"
#include "sf-catalog-sync.h"
#include "sf-library.h"
#include "sf-tvmaze-client.h"

G_BEGIN_DECLS

#define SF_TYPE_BACKEND (sf_backend_get_type ())

G_DECLARE_FINAL_TYPE (SfBackend, sf_backend, SF, BACKEND, GObject)

#define SF_DEFAULT_API_URL "https://api.tvmaze.com"

/**
 * sf_backend_new:
 * @settings: (nullable): the application's settings (for `api-url`), or %NULL
 *
 * Every service both the window and the command line need below the UI: the one #SoupSession
 * (User-Agent, disk HTTP cache in `$XDG_CACHE_HOME/series-finder/http`, timeouts), the
 * TVmaze client, the catalog with its sync, and the watchlist. The API URL is
 * `SERIES_FINDER_API_URL` if set, else the `api-url` setting, else TVmaze's.
 */
SfBackend      *sf_backend_new                (GSettings  *settings);
SfTvmazeClient *sf_backend_get_client         (SfBackend  *self);
const char     *sf_backend_get_api_url        (SfBackend  *self);
/* The local index of every show (not opened yet: sf_catalog_open_async()) and its sync */
SfCatalog      *sf_backend_get_catalog        (SfBackend  *self);
SfCatalogSync  *sf_backend_get_catalog_sync   (SfBackend  *self);
/* The person's watchlist in its default place (not opened yet: sf_library_open_async()) */
SfLibrary      *sf_backend_get_library        (SfBackend  *self);
/* TRUE when SERIES_FINDER_DEMO is set: the API is the project's demo server */
gboolean        sf_backend_is_demo            (SfBackend  *self);

/* Writes the HTTP cache index to disk; call before exit. */
void            sf_backend_flush              (SfBackend  *self);

/* (nullable): the application's settings; %NULL when the schema is not installed (the
 * binary run from the build tree without `meson devenv`) */
GSettings      *sf_backend_load_settings      (void);

/* "$XDG_CACHE_HOME/series-finder" */
char           *sf_backend_dup_cache_dir      (void);

/**
 * sf_backend_resolve_api_url:
 * @setting: (nullable): the `api-url` setting
 *
 * Returns: (transfer full): the URL to use, without trailing slash
 */
char           *sf_backend_resolve_api_url    (const char *setting);

G_END_DECLS
