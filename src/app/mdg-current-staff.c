/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-current-staff"

#include "config.h"

#include <gio/gio.h>

#include "mdg-current-staff.h"

/*
 * The current staff member is a choice of the person at this computer, not of the
 * desk: it lives in GSettings ("current-staff"), not in the shared database. The
 * stores check it at each change (an inactive or unknown member is refused there,
 * with a message that says to choose another in Preferences).
 */

/* Returns: the id of the current staff member, 0 when nobody has been chosen */
gint64
_mdg_current_staff_get_id (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  return g_settings_get_int64 (settings, "current-staff");
}
