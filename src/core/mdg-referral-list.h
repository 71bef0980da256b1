/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"

G_BEGIN_DECLS

/* One place a consultation can be referred to (警察, IPA, 法テラス…), as printed. */
typedef struct
{
  char *key;
  char *name_ja;
  char *name_en;
  char *contact;   /* phone or web address; NULL when unknown */
} MdgReferralEntry;

GPtrArray *mdg_referral_list_load (MdgDatabase       *db,
                                   GError           **error);
void       mdg_referral_entry_free (MdgReferralEntry *entry);

G_END_DECLS
