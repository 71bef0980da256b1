/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-attendee-export.h"

/**
 * mdg_attendee_export_csv:
 * @attendees: (element-type MdgAttendee): in the order to write them
 * @encoding: %MDG_CSV_ENCODING_UTF8_BOM (Excel opens it correctly) or %MDG_CSV_ENCODING_CP932
 * @unencodable: (out) (optional) (transfer container) (element-type utf8): for CP932, the
 *   characters it could not hold
 *
 * The attendee list as a spreadsheet: one row per registration, with a header row
 * that Madoguchi's own import recognises. The file holds personal data.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
mdg_attendee_export_csv (GPtrArray       *attendees,
                         MdgCsvEncoding   encoding,
                         GPtrArray      **unencodable)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *header[] = {
    /* Translators: CSV column headers; Madoguchi's import recognises the Japanese ones */
    _("Registration number"), _("Name"), _("Reading"), _("Organization"), _("Department"), C_("job", "Title"),
    _("E-mail"), _("Phone"), _("Status"), _("Checked in"),
  };

  g_return_val_if_fail (attendees != NULL, NULL);

  mdg_csv_append_row (text, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);
      MdgPerson *person = mdg_attendee_get_person (attendee);
      g_autofree char *name = mdg_person_dup_name (person);
      g_autofree char *kana = mdg_person_dup_kana (person);
      GDateTime *checked_in_at = mdg_attendee_get_checked_in_at (attendee);
      g_autofree char *checked_in = checked_in_at ? g_date_time_format (checked_in_at, "%Y-%m-%d %H:%M") : NULL;
      const char *row[] = {
        mdg_attendee_get_number (attendee),
        name,
        kana,
        mdg_person_get_text (person, MDG_PERSON_ORGANIZATION),
        mdg_person_get_text (person, MDG_PERSON_DEPARTMENT),
        mdg_person_get_text (person, MDG_PERSON_TITLE),
        mdg_person_get_text (person, MDG_PERSON_EMAIL),
        mdg_person_get_text (person, MDG_PERSON_PHONE),
        mdg_registration_status_get_label (mdg_attendee_get_status (attendee)),
        checked_in,
      };

      mdg_csv_append_row (text, row, G_N_ELEMENTS (row));
    }

  return mdg_csv_encode (text->str, encoding, unencodable);
}
