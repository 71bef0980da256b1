/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * One row per value of an enum, indexed by the value: the key stored in the database
 * and spoken on the command line, and the label a person reads (marked with NC_ so
 * that the same English word can be translated differently in each enum).
 */
typedef struct
{
  const char *key;
  const char *context;
  const char *label;
} MdgEnumEntry;

const char *_mdg_enum_to_key    (const MdgEnumEntry *entries,
                                 guint               n_entries,
                                 int                 value);
gboolean    _mdg_enum_from_key  (const MdgEnumEntry *entries,
                                 guint               n_entries,
                                 const char         *key,
                                 int                *value);
const char *_mdg_enum_get_label (const MdgEnumEntry *entries,
                                 guint               n_entries,
                                 int                 value);
char       *_mdg_enum_list_keys (const MdgEnumEntry *entries,
                                 guint               n_entries);

/* Whether reference data (categories, referrals, holidays) shows its Japanese names. */
gboolean    _mdg_reference_in_japanese (void);

G_END_DECLS
