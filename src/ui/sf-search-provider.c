#include "config.h"

#include <glib/gi18n.h>

#include "sf-search-provider.h"

/* GNOME Shell shows a handful of results per provider; a few more let a sub-search narrow
 * them without asking again. */
#define MAX_RESULTS 20
/* Shows remembered for GetResultMetas, which follows each result set. */
#define MAX_KNOWN 500

struct _SfSearchProvider
{
  GObject          parent_instance;

  /* owned */
  SfCatalog       *catalog;
  char            *http_cache_dir;      /* nullable */
  GCancellable    *cancellable;         /* the query running, nullable */
  GHashTable      *known;               /* id string -> SfShow */
  GDBusNodeInfo   *node_info;
  GDBusConnection *connection;          /* nullable: while exported */

  /* borrowed */
  GApplication    *application;

  guint            registration_id;
  guint            generation;
};

G_DEFINE_FINAL_TYPE (SfSearchProvider, sf_search_provider, G_TYPE_OBJECT)

typedef struct
{
  SfSearchProvider      *self;          /* owned */
  GDBusMethodInvocation *invocation;    /* owned */
  guint                  generation;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->invocation);
  g_free (data);
}

static void
return_empty (GDBusMethodInvocation *invocation)
{
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(@as)", g_variant_new_strv (NULL, 0)));
}

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  QueryData *data = user_data;
  SfSearchProvider *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  GVariantBuilder builder;

  shows = sf_catalog_find_titles_finish (SF_CATALOG (source), result, &error);

  /* A superseded query still owes the Shell an answer: an empty one, which it drops. */
  if (shows == NULL || data->generation != self->generation)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Search provider: %s", error->message);
      return_empty (data->invocation);
      g_application_release (self->application);
      query_data_free (data);
      return;
    }

  if (g_hash_table_size (self->known) + shows->len > MAX_KNOWN)
    g_hash_table_remove_all (self->known);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < shows->len; i++)
    {
      SfShow *show = g_ptr_array_index (shows, i);
      char *id = g_strdup_printf ("%" G_GINT64_FORMAT, sf_show_get_id (show));

      g_variant_builder_add (&builder, "s", id);
      g_hash_table_replace (self->known, id, g_object_ref (show));
    }

  g_dbus_method_invocation_return_value (data->invocation, g_variant_new ("(as)", &builder));
  g_application_release (self->application);
  query_data_free (data);
}

static void
start_query (SfSearchProvider      *self,
             GDBusMethodInvocation *invocation,
             const char * const    *terms)
{
  g_autofree char *text = NULL;
  SfCatalogState state = { 0 };
  QueryData *data;

  /* Superseded: cancelled in the database, and dropped by the generation if already done. */
  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  text = terms != NULL ? g_strstrip (g_strjoinv (" ", (char **) terms)) : g_strdup ("");

  if (self->catalog != NULL && sf_catalog_is_open (self->catalog))
    sf_catalog_get_state (self->catalog, &state);

  /* No catalog yet, or nothing to look for: nothing, at once, and never the network. */
  if (state.n_shows == 0 || *text == '\0')
    {
      return_empty (invocation);
      return;
    }

  self->cancellable = g_cancellable_new ();
  data = g_new0 (QueryData, 1);
  data->self = g_object_ref (self);
  data->invocation = g_object_ref (invocation);
  data->generation = self->generation;

  /* A service started by the Shell stays up while it answers. */
  g_application_hold (self->application);
  /* From the catalog's in-memory index (title words looked up in sorted arrays), not SQL. */
  sf_catalog_find_titles_async (self->catalog, text, MAX_RESULTS, self->cancellable,
                                query_cb, data);
}

char *
sf_search_provider_describe (SfShow *show)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *genres = sf_show_get_genres (show);
  const char *channel = sf_show_get_channel_name (show);
  int from = sf_show_get_premiere_year (show);
  int to = sf_show_get_end_year (show);

  g_return_val_if_fail (SF_IS_SHOW (show), NULL);

  if (from > 0 && to > 0 && to != from)
    g_ptr_array_add (parts, g_strdup_printf ("%d–%d", from, to));
  else if (from > 0 && to > 0)
    g_ptr_array_add (parts, g_strdup_printf ("%d", from));
  else if (from > 0)
    /* Translators: a series that started in a year and still runs, e.g. "2019–" */
    g_ptr_array_add (parts, g_strdup_printf (_("%d–"), from));

  if (genres[0] != NULL)
    {
      g_autofree char *joined = NULL;
      g_autoptr(GStrvBuilder) first = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; genres[i] != NULL && i < 3; i++)
        g_strv_builder_add (first, genres[i]);
      strv = g_strv_builder_end (first);
      joined = g_strjoinv (", ", strv);
      g_ptr_array_add (parts, g_steal_pointer (&joined));
    }

  if (channel != NULL && *channel != '\0')
    g_ptr_array_add (parts, g_strdup (channel));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* The poster as SoupCache stored it: the body in a file named by the hash of the URI. Only a
 * file that is there already: the provider never downloads. */
static GIcon *
dup_poster_icon (SfSearchProvider *self,
                 SfShow           *show)
{
  const char *url = sf_show_get_image_medium (show);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->http_cache_dir == NULL || url == NULL)
    return NULL;

  name = g_strdup_printf ("%u", g_str_hash (url));
  path = g_build_filename (self->http_cache_dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  file = g_file_new_for_path (path);
  return g_file_icon_new (file);
}

static GVariant *
build_meta (SfSearchProvider *self,
            const char       *id,
            SfShow           *show)
{
  g_autoptr(GIcon) icon = dup_poster_icon (self, show);
  g_autofree char *description = sf_search_provider_describe (show);
  GVariantBuilder meta;

  if (icon == NULL)
    icon = g_themed_icon_new (g_application_get_application_id (self->application));

  g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (sf_show_get_name (show)));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", g_icon_serialize (icon));

  return g_variant_builder_end (&meta);
}

static void
get_result_metas (SfSearchProvider      *self,
                  GDBusMethodInvocation *invocation,
                  const char * const    *ids)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      SfShow *show = g_hash_table_lookup (self->known, ids[i]);

      /* The Shell asks only for ids it was given; an unknown one is left out. */
      if (show != NULL)
        g_variant_builder_add_value (&builder, build_meta (self, ids[i], show));
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &builder));
}

static void
activate_result (SfSearchProvider *self,
                 const char       *id)
{
  char *end = NULL;
  gint64 show_id = g_ascii_strtoll (id, &end, 10);

  if (end == id || *end != '\0' || show_id <= 0)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-show",
                                  g_variant_new_int64 (show_id));
}

static void
launch_search (SfSearchProvider   *self,
               const char * const *terms)
{
  g_autofree char *text = g_strjoinv (" ", (char **) terms);

  g_action_group_activate_action (G_ACTION_GROUP (self->application), "search",
                                  g_variant_new_string (text));
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  SfSearchProvider *self = SF_SEARCH_PROVIDER (user_data);

  if (g_strcmp0 (method_name, "GetInitialResultSet") == 0)
    {
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s)", &terms);
      start_query (self, invocation, terms);
    }
  else if (g_strcmp0 (method_name, "GetSubsearchResultSet") == 0)
    {
      g_autofree const char **previous = NULL;
      g_autofree const char **terms = NULL;

      /* Asked again rather than filtered: the catalog's text match is not a substring test. */
      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      start_query (self, invocation, terms);
    }
  else if (g_strcmp0 (method_name, "GetResultMetas") == 0)
    {
      g_autofree const char **ids = NULL;

      g_variant_get (parameters, "(^a&s)", &ids);
      get_result_metas (self, invocation, ids);
    }
  else if (g_strcmp0 (method_name, "ActivateResult") == 0)
    {
      const char *id = NULL;
      g_autofree const char **terms = NULL;
      guint32 timestamp = 0;

      g_variant_get (parameters, "(&s^a&su)", &id, &terms, &timestamp);
      activate_result (self, id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_strcmp0 (method_name, "LaunchSearch") == 0)
    {
      g_autofree const char **terms = NULL;
      guint32 timestamp = 0;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      launch_search (self, terms);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "No method %s", method_name);
    }
}

static const GDBusInterfaceVTable vtable = {
  method_call,
  NULL,
  NULL,
  { 0 }
};

gboolean
sf_search_provider_export (SfSearchProvider *self,
                           GDBusConnection  *connection,
                           const char       *object_path,
                           GError          **error)
{
  g_return_val_if_fail (SF_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  self->registration_id =
    g_dbus_connection_register_object (connection, object_path,
                                       self->node_info->interfaces[0], &vtable,
                                       self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  g_set_object (&self->connection, connection);
  return TRUE;
}

void
sf_search_provider_unexport (SfSearchProvider *self)
{
  g_return_if_fail (SF_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

static void
sf_search_provider_dispose (GObject *object)
{
  SfSearchProvider *self = SF_SEARCH_PROVIDER (object);

  sf_search_provider_unexport (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->known, g_hash_table_unref);

  G_OBJECT_CLASS (sf_search_provider_parent_class)->dispose (object);
}

static void
sf_search_provider_finalize (GObject *object)
{
  SfSearchProvider *self = SF_SEARCH_PROVIDER (object);

  g_clear_pointer (&self->node_info, g_dbus_node_info_unref);
  g_free (self->http_cache_dir);

  G_OBJECT_CLASS (sf_search_provider_parent_class)->finalize (object);
}

static void
sf_search_provider_class_init (SfSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sf_search_provider_dispose;
  object_class->finalize = sf_search_provider_finalize;
}

static void
sf_search_provider_init (SfSearchProvider *self)
{
  g_autoptr(GBytes) xml = NULL;

  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* The interface comes from the GResource, so it is parsed once and never wrong. */
  xml = g_resources_lookup_data ("/io/github/seriesfinder/SeriesFinder/dbus/"
                                 "org.gnome.Shell.SearchProvider2.xml",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (xml != NULL);
  self->node_info = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), NULL);
  g_assert (self->node_info != NULL);
}

SfSearchProvider *
sf_search_provider_new (GApplication *application,
                        SfCatalog    *catalog,
                        const char   *http_cache_dir)
{
  SfSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (catalog == NULL || SF_IS_CATALOG (catalog), NULL);

  self = g_object_new (SF_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  self->http_cache_dir = g_strdup (http_cache_dir);

  return self;
}

void
sf_search_provider_set_catalog (SfSearchProvider *self,
                                SfCatalog        *catalog,
                                const char       *http_cache_dir)
{
  g_return_if_fail (SF_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (catalog == NULL || SF_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  g_free (self->http_cache_dir);
  self->http_cache_dir = g_strdup (http_cache_dir);
}
