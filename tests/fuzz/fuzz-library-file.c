/* fuzz-library-file.c: any file handed to the watchlist import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-library-file.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) entries = NULL;

  entries = sf_library_file_parse ((const char *) data, size, NULL);
  if (entries == NULL)
    return 0;

  for (guint i = 0; i < entries->len; i++)
    {
      SfLibraryFileEntry *entry = &g_array_index (entries, SfLibraryFileEntry, i);

      g_assert (entry->id > 0 && entry->id <= SF_LIBRARY_FILE_MAX_ID);
      g_assert (g_utf8_validate (entry->name, -1, NULL));
    }

  /* what was imported can be exported (whether that export imports back is case 6 of
   * issue 11, for a later step: not asserted here yet) */
  {
    g_autoptr(GBytes) bytes = sf_library_file_build ((SfLibraryFileEntry *) (void *) entries->data,
                                                     entries->len);

    g_assert (bytes != NULL);
  }

  return 0;
}
