/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-enum"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-enum-private.h"

const char *
_mdg_enum_to_key (const MdgEnumEntry *entries,
                  guint               n_entries,
                  int                 value)
{
  g_return_val_if_fail (value >= 0 && (guint) value < n_entries, NULL);

  return entries[value].key;
}

/* Returns: whether @key names a value; @value is left alone when it does not */
gboolean
_mdg_enum_from_key (const MdgEnumEntry *entries,
                    guint               n_entries,
                    const char         *key,
                    int                *value)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < n_entries; i++)
    if (g_str_equal (entries[i].key, key))
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
_mdg_enum_get_label (const MdgEnumEntry *entries,
                     guint               n_entries,
                     int                 value)
{
  g_return_val_if_fail (value >= 0 && (guint) value < n_entries, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, entries[value].context, entries[value].label);
}

/* Returns: (transfer full): "a|b|c", for usage messages */
char *
_mdg_enum_list_keys (const MdgEnumEntry *entries,
                     guint               n_entries)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_entries; i++)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, entries[i].key);
    }
  return g_string_free (out, FALSE);
}

/*
 * Categories, referrals and holidays come with official Japanese names and English
 * ones; which to show follows the interface's translation, so that a Japanese
 * interface never mixes in English names and tests can choose with LANGUAGE.
 */
gboolean
_mdg_reference_in_japanese (void)
{
  /* Translators: "ja" when reference data (categories, holidays) should show its
   * Japanese names; leave as "en" otherwise. */
  return g_str_equal (C_("reference data language", "en"), "ja");
}
