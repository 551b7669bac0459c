#include "config.h"

#include "sf-tvmaze-error.h"

G_DEFINE_QUARK (sf-tvmaze-error-quark, sf_tvmaze_error)

gboolean
sf_tvmaze_error_is_offline (const GError *error)
{
  return g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_NO_NETWORK) ||
         g_error_matches (error, SF_TVMAZE_ERROR, SF_TVMAZE_ERROR_TIMEOUT);
}
