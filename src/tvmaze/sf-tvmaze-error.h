#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SF_TVMAZE_ERROR (sf_tvmaze_error_quark ())

/**
 * SfTvmazeError:
 * @SF_TVMAZE_ERROR_NO_NETWORK: the server could not be reached (DNS, refused, unreachable)
 * @SF_TVMAZE_ERROR_TIMEOUT: the server stopped answering
 * @SF_TVMAZE_ERROR_RATE_LIMITED: still answering 429 after every retry
 * @SF_TVMAZE_ERROR_NOT_FOUND: 404
 * @SF_TVMAZE_ERROR_HTTP: any other HTTP failure (5xx after retries, 4xx)
 * @SF_TVMAZE_ERROR_PARSE: the body is not what TVmaze sends (truncated, invalid JSON or UTF-8)
 * @SF_TVMAZE_ERROR_TOO_LARGE: the body is larger than the request allows
 *
 * Errors of the TVmaze client; the UI picks its state from the code.
 */
typedef enum
{
  SF_TVMAZE_ERROR_NO_NETWORK,
  SF_TVMAZE_ERROR_TIMEOUT,
  SF_TVMAZE_ERROR_RATE_LIMITED,
  SF_TVMAZE_ERROR_NOT_FOUND,
  SF_TVMAZE_ERROR_HTTP,
  SF_TVMAZE_ERROR_PARSE,
  SF_TVMAZE_ERROR_TOO_LARGE,
} SfTvmazeError;

GQuark   sf_tvmaze_error_quark      (void);

/* TRUE when @error (nullable) says TVmaze cannot be reached: no network, or no answer in
 * time. What was stored locally is then the best answer there is. */
gboolean sf_tvmaze_error_is_offline (const GError *error);

G_END_DECLS
