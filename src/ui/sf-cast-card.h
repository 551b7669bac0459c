#pragma once

#include <gtk/gtk.h>

#include "sf-cast-member.h"
#include "sf-image-loader.h"

G_BEGIN_DECLS

#define SF_TYPE_CAST_CARD (sf_cast_card_get_type ())

G_DECLARE_FINAL_TYPE (SfCastCard, sf_cast_card, SF, CAST_CARD, GtkWidget)

GtkWidget    *sf_cast_card_new        (void);
/* Binding a member starts its photo download; binding NULL (or another member) cancels it. */
void          sf_cast_card_set_member (SfCastCard    *self,
                                       SfCastMember  *member,
                                       SfImageLoader *loader);
SfCastMember *sf_cast_card_get_member (SfCastCard    *self);
/* Gives up the photo download, if any, keeping the placeholder. */
void          sf_cast_card_stop       (SfCastCard    *self);
/* TRUE once the real photo replaced the placeholder */
gboolean      sf_cast_card_has_photo  (SfCastCard    *self);

G_END_DECLS
