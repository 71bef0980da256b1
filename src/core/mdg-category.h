/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/*
 * The reference lists consultations are classified and referred with: categories
 * (three trees: kind, threat, guidebook; seeded from ../shared/domain/categories.tsv)
 * and referrals (outside bodies: police, IPA, 法テラス…). Both are edited by users;
 * retired entries stay for the records that use them but are not offered again.
 */

#define MDG_TYPE_CATEGORY (mdg_category_get_type ())
#define MDG_TYPE_REFERRAL (mdg_referral_get_type ())

typedef struct
{
  gint64    id;
  char     *scheme;     /* kind, threat or guidebook */
  char     *key;        /* T-RANSOM, M2-04… stable across renames */
  gint64    parent_id;
  char     *name_ja;
  char     *name_en;
  gboolean  retired;
} MdgCategory;

typedef struct
{
  gint64    id;
  char     *key;
  char     *name_ja;
  char     *name_en;
  char     *contact;
  gboolean  retired;
} MdgReferral;

GType        mdg_category_get_type          (void) G_GNUC_CONST;
MdgCategory *mdg_category_ref               (MdgCategory  *category);
void         mdg_category_unref             (MdgCategory  *category);
const char  *mdg_category_get_name          (const MdgCategory *category);
const char  *mdg_category_scheme_get_label  (const char   *scheme);

GPtrArray   *mdg_category_store_list        (MdgDatabase  *db,
                                             const char   *scheme,
                                             gboolean      include_retired,
                                             GError      **error);
MdgCategory *mdg_category_store_find        (MdgDatabase  *db,
                                             const char   *key,
                                             GError      **error);
GArray      *mdg_category_store_resolve_keys (MdgDatabase *db,
                                              const char * const *keys,
                                              GError      **error);

GType        mdg_referral_get_type          (void) G_GNUC_CONST;
MdgReferral *mdg_referral_ref               (MdgReferral  *referral);
void         mdg_referral_unref             (MdgReferral  *referral);
const char  *mdg_referral_get_name          (const MdgReferral *referral);

GPtrArray   *mdg_referral_store_list        (MdgDatabase  *db,
                                             gboolean      include_retired,
                                             GError      **error);
MdgReferral *mdg_referral_store_find        (MdgDatabase  *db,
                                             const char   *key_or_id,
                                             GError      **error);
gboolean     mdg_referral_store_save        (MdgDatabase  *db,
                                             MdgReferral  *referral,
                                             GError      **error);
MdgReferral *mdg_referral_new               (const char   *key,
                                             const char   *name_ja,
                                             const char   *name_en,
                                             const char   *contact);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgCategory, mdg_category_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgReferral, mdg_referral_unref)

G_END_DECLS
