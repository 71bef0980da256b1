/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-attendee-import.h"

G_BEGIN_DECLS

/* What a form's consent question was answered. */
typedef enum
{
  MDG_CONSENT_NOT_ASKED = -1,
  MDG_CONSENT_NO = 0,
  MDG_CONSENT_YES = 1,
} MdgConsentAnswer;

gboolean          _mdg_import_mentions         (const char             *folded,
                                                const char *const      *words);
MdgConsentAnswer  _mdg_import_parse_consent    (const char             *cell,
                                                gboolean               *understood);
MdgAttendance     _mdg_import_parse_attendance (const char             *cell);
gboolean          _mdg_import_parse_status     (const char             *cell,
                                                MdgRegistrationStatus  *status);
gboolean          _mdg_import_split_at_space   (const char             *full,
                                                char                  **family,
                                                char                  **given);

G_END_DECLS
