/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-util"

#include "config.h"

#include "mdg-util-private.h"

/*
 * Sets a text field of a domain object, trimmed. Blank and unset are the same to a
 * user, so both are stored as NULL. Returns whether the field changed, for notify.
 */
gboolean
_mdg_set_text (char       **field,
               const char  *value)
{
  g_autofree char *stripped = value ? g_strstrip (g_strdup (value)) : NULL;

  if (stripped != NULL && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (*field, stripped) == 0)
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&stripped);
  return TRUE;
}

/* Sets a time field of a domain object; returns whether it changed, for notify. */
gboolean
_mdg_set_date_time (GDateTime **field,
                    GDateTime  *value)
{
  if (*field == value || (*field && value && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  return TRUE;
}
