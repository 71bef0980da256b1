/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"
#include "mdg-deck.h"
#include "mdg-document.h"
#include "mdg-slide-document.h"

G_BEGIN_DECLS

typedef enum
{
  MDG_HANDOUT_LAYOUT_1,      /* one slide per sheet */
  MDG_HANDOUT_LAYOUT_2,
  MDG_HANDOUT_LAYOUT_3,      /* three, with lines for notes beside each */
  MDG_HANDOUT_LAYOUT_4,
  MDG_HANDOUT_LAYOUT_6,
  MDG_HANDOUT_LAYOUT_NOTES,  /* slides with their explanatory text */
} MdgHandoutLayout;

/* US Letter in points, the other paper handouts are printed on. */
#define MDG_LETTER_WIDTH  612.0
#define MDG_LETTER_HEIGHT 792.0

#define MDG_TYPE_HANDOUT (mdg_handout_get_type ())

G_DECLARE_FINAL_TYPE (MdgHandout, mdg_handout, MDG, HANDOUT, MdgDocument)

MdgDocument *mdg_handout_new              (MdgSeminar        *seminar,
                                           MdgSlideDocument  *slides,
                                           GPtrArray         *pages,
                                           MdgHandoutLayout   layout);
MdgDocument *mdg_handout_new_for_revision (MdgDatabase       *db,
                                           MdgDeckRevision   *revision,
                                           MdgSeminar        *seminar,
                                           MdgHandoutLayout   layout,
                                           GError           **error);
void         mdg_handout_set_heading      (MdgHandout        *self,
                                           const char        *title,
                                           const char        *subtitle,
                                           const char        *deck_title);
void         mdg_handout_set_contact      (MdgHandout        *self,
                                           const char        *contact);
gboolean     mdg_handout_set_range        (MdgHandout        *self,
                                           const char        *range,
                                           GError           **error);
guint        mdg_handout_get_per_sheet    (MdgHandout        *self);
gboolean     mdg_handout_layout_from_string (const char      *text,
                                             MdgHandoutLayout *layout);

G_END_DECLS
