/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-ical"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-file.h"
#include "mdg-ical.h"

/*
 * iCalendar (RFC 5545) as calendar applications import it: CRLF line ends, lines
 * folded at 75 octets without splitting a UTF-8 character, TEXT values escaped,
 * times in UTC. A seminar's uuid makes its UID, so importing an updated file
 * updates the event instead of duplicating it.
 */

#define FOLD_OCTETS 75

static void
append_line (GString    *out,
             const char *line)
{
  gsize len = strlen (line);
  gsize start = 0;
  gsize limit = FOLD_OCTETS;

  while (len - start > limit)
    {
      gsize cut = start + limit;

      /* Back up to the start of a UTF-8 character. */
      while (cut > start && (line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      limit = FOLD_OCTETS - 1; /* continuation lines begin with a space */
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static char *
escape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case ';': g_string_append (out, "\\;"); break;
      case ',': g_string_append (out, "\\,"); break;
      case '\r': break;
      case '\n': g_string_append (out, "\\n"); break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static void
append_text (GString    *out,
             const char *name,
             const char *value)
{
  g_autofree char *escaped = NULL;
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = escape_text (value);
  line = g_strconcat (name, ":", escaped, NULL);
  append_line (out, line);
}

static void
append_time (GString    *out,
             const char *name,
             GDateTime  *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *value = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  append_line (out, line);
}

static void
append_event (GString    *out,
              MdgSeminar *seminar,
              GDateTime  *stamp)
{
  g_autofree char *uid = g_strconcat (mdg_seminar_get_uuid (seminar), "@madoguchi", NULL);
  const char *venue = mdg_seminar_get_venue (seminar);
  const char *url = mdg_seminar_get_online_url (seminar);
  g_autoptr(GString) description = g_string_new (mdg_seminar_get_description (seminar));

  if (mdg_seminar_get_co_organizer (seminar) != NULL)
    {
      if (description->len > 0)
        g_string_append (description, "\n\n");
      /* Translators: in the description of a calendar event */
      g_string_append_printf (description, _("Co-organizer: %s"),
                              mdg_seminar_get_co_organizer (seminar));
    }

  append_line (out, "BEGIN:VEVENT");
  append_text (out, "UID", uid);
  append_time (out, "DTSTAMP", stamp);
  append_time (out, "DTSTART", mdg_seminar_get_starts_at (seminar));
  append_time (out, "DTEND", mdg_seminar_get_ends_at (seminar));
  append_text (out, "SUMMARY", mdg_seminar_get_title (seminar));
  append_text (out, "LOCATION", venue ? venue : url);
  if (url != NULL)
    {
      g_autofree char *line = g_strconcat ("URL:", url, NULL);
      append_line (out, line);
    }
  append_text (out, "DESCRIPTION", description->str);
  append_line (out, mdg_seminar_get_status (seminar) == MDG_SEMINAR_STATUS_PLANNED
                      ? "STATUS:TENTATIVE" : "STATUS:CONFIRMED");
  append_line (out, "END:VEVENT");
}

/**
 * mdg_ical_build:
 * @seminars: (element-type MdgSeminar): saved seminars
 * @stamp: when the calendar is written (DTSTAMP)
 *
 * Returns: (transfer full): an iCalendar object holding one event per seminar
 */
char *
mdg_ical_build (GPtrArray *seminars,
                GDateTime *stamp)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (seminars != NULL, NULL);
  g_return_val_if_fail (stamp != NULL, NULL);

  append_line (out, "BEGIN:VCALENDAR");
  append_line (out, "VERSION:2.0");
  append_line (out, "PRODID:-//Madoguchi//Madoguchi " PACKAGE_VERSION "//JA");
  append_line (out, "CALSCALE:GREGORIAN");
  append_line (out, "METHOD:PUBLISH");
  for (guint i = 0; i < seminars->len; i++)
    append_event (out, g_ptr_array_index (seminars, i), stamp);
  append_line (out, "END:VCALENDAR");

  return g_string_free (out, FALSE);
}

/**
 * mdg_ical_write:
 * @seminars: (element-type MdgSeminar): saved seminars
 * @file: (not nullable): where to write the .ics file, a local file; replaced
 *   atomically by a 0600 file (a seminar's venue and description may name people)
 * @error: a location for a #GError
 */
gboolean
mdg_ical_write (GPtrArray  *seminars,
                GFile      *file,
                GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (seminars != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (g_file_peek_path (file) != NULL, FALSE);

  text = mdg_ical_build (seminars, now);
  if (!mdg_file_write_private (g_file_peek_path (file), text, strlen (text), error))
    {
      g_prefix_error (error, _("Could not write the calendar file “%s”: "), g_file_peek_path (file));
      return FALSE;
    }
  return TRUE;
}
