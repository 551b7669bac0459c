/* sf-fake-images.h: the fake TVmaze's images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  IMAGE_MEDIUM,
  IMAGE_ORIGINAL,
  IMAGE_LANDSCAPE,
  N_IMAGE_KINDS
} ImageKind;

/* The folder of each kind in image URLs: /images/KIND/ID.png */
extern const char * const sf_fake_image_kind_dirs[N_IMAGE_KINDS];

/* Images are drawn once per colour bucket and cached; an SfFakeImages belongs to one thread. */
typedef struct _SfFakeImages SfFakeImages;

SfFakeImages *sf_fake_images_new          (guint64       seed);
void          sf_fake_images_free         (SfFakeImages *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfFakeImages, sf_fake_images_free)

/* The poster (or photo, or still) of @id: a PNG of the size TVmaze serves for @kind. */
GBytes       *sf_fake_images_poster       (SfFakeImages *self,
                                           ImageKind     kind,
                                           gint64        id);
/* A real, valid 20000x20000 PNG of ~50 KB, to be refused by its header. */
GBytes       *sf_fake_images_huge_png     (SfFakeImages *self);
/* A PNG signature followed by garbage. */
GBytes       *sf_fake_images_corrupt_png  (SfFakeImages *self);
/* 20 MiB labelled as an image. */
GBytes       *sf_fake_images_big_bin      (SfFakeImages *self);

G_END_DECLS
