#include "config.h"

#include <string.h>

#include "sf-backend.h"

/* Big enough for many sessions of posters, small enough not to matter on a laptop. */
#define HTTP_CACHE_MAX_BYTES (128 * 1024 * 1024)
#define REQUEST_TIMEOUT_S 30

struct _SfBackend
{
  GObject         parent_instance;

  /* owned */
  SoupSession    *session;
  SoupCache      *cache;
  SfTvmazeClient *client;
  SfCatalog      *catalog;
  SfCatalogSync  *catalog_sync;
  SfLibrary      *library;
  char           *api_url;
};

G_DEFINE_FINAL_TYPE (SfBackend, sf_backend, G_TYPE_OBJECT)

/* The schema may be missing when the binary runs from the build tree without
 * `meson devenv`; the terminal mode then still works with TVmaze's default URL. */
GSettings *
sf_backend_load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

char *
sf_backend_dup_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "series-finder", NULL);
}

char *
sf_backend_resolve_api_url (const char *setting)
{
  const char *env = g_getenv ("SERIES_FINDER_API_URL");
  const char *url = SF_DEFAULT_API_URL;
  g_autofree char *copy = NULL;
  gsize len;

  if (env != NULL && *env != '\0')
    url = env;
  else if (setting != NULL && *setting != '\0')
    url = setting;

  copy = g_strstrip (g_strdup (url));
  len = strlen (copy);
  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  /* Only web URLs make sense; anything else falls back to TVmaze rather than failing later. */
  if (!g_str_has_prefix (copy, "http://") && !g_str_has_prefix (copy, "https://"))
    return g_strdup (SF_DEFAULT_API_URL);

  return g_steal_pointer (&copy);
}

static void
sf_backend_finalize (GObject *object)
{
  SfBackend *self = (SfBackend *) object;

  g_clear_object (&self->library);
  g_clear_object (&self->catalog_sync);
  g_clear_object (&self->catalog);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_object (&self->session);
  g_clear_pointer (&self->api_url, g_free);

  G_OBJECT_CLASS (sf_backend_parent_class)->finalize (object);
}

static void
sf_backend_class_init (SfBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_backend_finalize;
}

static void
sf_backend_init (SfBackend *self)
{
}

SfBackend *
sf_backend_new (GSettings *settings)
{
  SfBackend *self;
  g_autofree char *setting = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *http_dir = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SF_TYPE_BACKEND, NULL);

  if (settings != NULL)
    setting = g_settings_get_string (settings, "api-url");
  self->api_url = sf_backend_resolve_api_url (setting);

  self->session = soup_session_new_with_options ("user-agent",
                                                 "series-finder/" PACKAGE_VERSION
                                                 " (+https://github.com/seriesfinder/SeriesFinder)",
                                                 "timeout", REQUEST_TIMEOUT_S,
                                                 /* TVmaze asks clients not to keep idle
                                                  * connections around. */
                                                 "idle-timeout", 10,
                                                 NULL);

  cache_dir = sf_backend_dup_cache_dir ();
  http_dir = g_build_filename (cache_dir, "http", NULL);
  if (g_mkdir_with_parents (http_dir, 0700) == 0)
    {
      self->cache = soup_cache_new (http_dir, SOUP_CACHE_SINGLE_USER);
      soup_cache_set_max_size (self->cache, HTTP_CACHE_MAX_BYTES);
      soup_cache_load (self->cache);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->cache));
    }

  self->client = sf_tvmaze_client_new (self->session, self->api_url);
  self->catalog = sf_catalog_new (NULL, SF_CATALOG_FLAGS_NONE);
  self->catalog_sync = sf_catalog_sync_new (self->catalog, self->client);
  /* Only an object until it is opened: creating it touches no file. */
  self->library = sf_library_new (NULL);

  return self;
}

SfTvmazeClient *
sf_backend_get_client (SfBackend *self)
{
  g_return_val_if_fail (SF_IS_BACKEND (self), NULL);

  return self->client;
}

const char *
sf_backend_get_api_url (SfBackend *self)
{
  g_return_val_if_fail (SF_IS_BACKEND (self), NULL);

  return self->api_url;
}

SfCatalog *
sf_backend_get_catalog (SfBackend *self)
{
  g_return_val_if_fail (SF_IS_BACKEND (self), NULL);

  return self->catalog;
}

SfCatalogSync *
sf_backend_get_catalog_sync (SfBackend *self)
{
  g_return_val_if_fail (SF_IS_BACKEND (self), NULL);

  return self->catalog_sync;
}

SfLibrary *
sf_backend_get_library (SfBackend *self)
{
  g_return_val_if_fail (SF_IS_BACKEND (self), NULL);

  return self->library;
}

gboolean
sf_backend_is_demo (SfBackend *self)
{
  const char *demo = g_getenv ("SERIES_FINDER_DEMO");

  g_return_val_if_fail (SF_IS_BACKEND (self), FALSE);

  return demo != NULL && *demo != '\0' && g_strcmp0 (demo, "0") != 0;
}

void
sf_backend_flush (SfBackend *self)
{
  g_return_if_fail (SF_IS_BACKEND (self));

  if (self->cache != NULL)
    soup_cache_dump (self->cache);
}
