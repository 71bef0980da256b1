/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mdg-advice-letter.h"
#include "mdg-calendar.h"
#include "mdg-category.h"
#include "mdg-cli-private.h"
#include "mdg-date.h"
#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-follow-up.h"
#include "mdg-registration-store.h"
#include "mdg-report-document.h"
#include "mdg-report-export.h"
#include "mdg-seminar-store.h"
#include "mdg-slot-store.h"
#include "mdg-slot-timetable.h"
#include "mdg-staff-store.h"

/*
 * madoguchi-cli staff add | list; followup add | list | done; letter; calendar
 * holidays | add-business-days | closed-days; report monthly; category list;
 * referral list; slots add | list | book | hold | print
 */

static void
add_staff_members (JsonBuilder *builder,
                   MdgStaff    *staff)
{
  GPtrArray *areas = mdg_staff_get_areas (staff);

  _mdg_cli_json_int (builder, "id", mdg_staff_get_id (staff));
  _mdg_cli_json_string (builder, "name", mdg_staff_get_name (staff));
  _mdg_cli_json_string (builder, "kana", mdg_staff_get_kana (staff));
  _mdg_cli_json_string (builder, "email", mdg_staff_get_email (staff));
  _mdg_cli_json_string (builder, "role", mdg_staff_role_to_string (mdg_staff_get_role (staff)));
  _mdg_cli_json_bool (builder, "active", mdg_staff_get_active (staff));
  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < areas->len; i++)
    json_builder_add_string_value (builder, ((MdgCategory *) areas->pdata[i])->key);
  json_builder_end_array (builder);
}

int
_mdg_cli_staff_add (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autofree char *role_text = NULL;
  g_autofree char *areas_text = NULL;
  g_autofree char *kana = NULL;
  g_autofree char *email = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgStaff) staff = NULL;
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  MdgStaffRole role;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "role", &role_text, "areas", &areas_text, "kana", &kana, "email", &email,
                       NULL))
    return status;
  /* The table lists the roles there are. */
  if (!mdg_staff_role_from_string (role_text, &role))
    g_assert_not_reached ();
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);

  keys = g_strsplit (areas_text ? areas_text : "", ",", -1);
  for (guint i = 0; keys[i]; i++)
    {
      MdgCategory *category;

      if (*g_strstrip (keys[i]) == '\0')
        continue;
      if (!(category = mdg_category_store_find (db, keys[i], &error)))
        return _mdg_cli_fail (error);
      g_ptr_array_add (areas, category);
    }
  staff = mdg_staff_new (argv[1], role);
  mdg_staff_set_kana (staff, kana);
  mdg_staff_set_email (staff, email);
  mdg_staff_set_areas (staff, areas);
  if (!mdg_staff_store_save (db, staff, &error))
    return _mdg_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", mdg_staff_get_id (staff));
  return EXIT_OK;
}

int
_mdg_cli_staff_list (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(staff = mdg_staff_store_list (db, TRUE, &error)))
    return _mdg_cli_fail (error);
  if (globals->json)
    {
      _mdg_cli_print_json_array (staff, (MdgJsonMembers) add_staff_members);
      return EXIT_OK;
    }
  if (staff->len == 0)
    g_print ("%s\n", _("No staff yet. Add someone with “madoguchi-cli staff add NAME --role first-line”."));
  for (guint i = 0; i < staff->len; i++)
    {
      MdgStaff *member = g_ptr_array_index (staff, i);
      g_autofree char *areas = mdg_staff_dup_areas_text (member);

      g_print ("%4lld  %s  %s%s%s%s\n", (long long) mdg_staff_get_id (member), mdg_staff_get_name (member),
               mdg_staff_role_get_label (mdg_staff_get_role (member)), *areas ? " — " : "", areas,
               mdg_staff_get_active (member) ? "" : _(" (no longer active)"));
    }
  return EXIT_OK;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  return mdg_date_parse_iso (text, date);
}

int
_mdg_cli_followup_add (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *advice = NULL;
  g_autofree char *owner = NULL;
  int business_days = -1;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  gint64 consultation_id, actor;
  GDate due;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "title", &title, "due", &due_text, "business-days", &business_days,
                       "advice", &advice, "owner", &owner, NULL))
    return status;
  if (due_text == NULL && business_days < 0)
    return _mdg_cli_usage (_("--business-days cannot be negative"));
  if (!_mdg_cli_parse_id (argv[1], &consultation_id))
    return _mdg_cli_usage (_("CONSULTATION must be a consultation’s number"));
  if (due_text && !parse_date (due_text, &due))
    return _mdg_cli_usage (_("--due must be a date such as 2026-12-04"));

  if (!(db = _mdg_cli_open_database (globals, &error)) || !(actor = _mdg_cli_resolve_actor (globals, db, &error)) ||
      (business_days >= 0 && !mdg_follow_up_store_due_in (db, NULL, business_days, &due, &error)))
    return _mdg_cli_fail (error);

  follow_up = mdg_follow_up_new (title);
  mdg_follow_up_set_advice (follow_up, advice);
  mdg_follow_up_set_consultation_id (follow_up, consultation_id);
  mdg_follow_up_set_due_date (follow_up, &due);
  if (owner != NULL)
    {
      g_autoptr(MdgStaff) staff = mdg_staff_store_find (db, owner, &error);

      if (staff == NULL)
        return _mdg_cli_fail (error);
      mdg_follow_up_set_owner_id (follow_up, mdg_staff_get_id (staff));
    }
  if (!mdg_follow_up_store_add (db, actor, follow_up, &error))
    return _mdg_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", mdg_follow_up_get_id (follow_up));
  {
    g_autofree char *text = mdg_date_to_iso (mdg_follow_up_get_due_date (follow_up));
    g_printerr (_("Due %s, owner %s\n"), text, mdg_follow_up_get_owner_name (follow_up));
  }
  return EXIT_OK;
}

static void
add_follow_up_members (JsonBuilder *builder,
                       MdgFollowUp *follow_up)
{
  g_autofree char *due = mdg_date_to_iso (mdg_follow_up_get_due_date (follow_up));

  _mdg_cli_json_int (builder, "id", mdg_follow_up_get_id (follow_up));
  _mdg_cli_json_int (builder, "consultation_id", mdg_follow_up_get_consultation_id (follow_up));
  _mdg_cli_json_string (builder, "title", mdg_follow_up_get_title (follow_up));
  _mdg_cli_json_string (builder, "advice", mdg_follow_up_get_advice (follow_up));
  _mdg_cli_json_string (builder, "due_date", due);
  _mdg_cli_json_string (builder, "owner", mdg_follow_up_get_owner_name (follow_up));
  _mdg_cli_json_string (builder, "state", mdg_follow_up_state_to_string (mdg_follow_up_get_state (follow_up)));
  _mdg_cli_json_time (builder, "done_at", mdg_follow_up_get_done_at (follow_up));
  _mdg_cli_json_string (builder, "organization", mdg_follow_up_get_organization_name (follow_up));
  _mdg_cli_json_bool (builder, "overdue", mdg_follow_up_is_overdue (follow_up, NULL));
}

int
_mdg_cli_followup_list (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  gboolean overdue = FALSE, all = FALSE;
  g_autofree char *owner = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  MdgFollowUpFilter filter;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "overdue", &overdue, "owner", &owner, "all", &all, NULL))
    return status;
  mdg_follow_up_filter_init (&filter);
  if (overdue)
    filter.due = MDG_FOLLOW_UP_DUE_OVERDUE;
  else if (!all)
    filter.state = MDG_FOLLOW_UP_STATE_OPEN;
  if (!(db = _mdg_cli_open_database (globals, &error)))
    return _mdg_cli_fail (error);
  if (owner != NULL)
    {
      g_autoptr(MdgStaff) staff = mdg_staff_store_find (db, owner, &error);

      if (staff == NULL)
        return _mdg_cli_fail (error);
      filter.owner_id = mdg_staff_get_id (staff);
    }
  if (!(list = mdg_follow_up_store_list (db, &filter, &error)) ||
      !(counts = mdg_follow_up_store_count_by_owner (db, NULL, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (list, (MdgJsonMembers) add_follow_up_members);
      return EXIT_OK;
    }

  /* At a glance, per owner, then the list. */
  for (guint i = 0; i < counts->len; i++)
    {
      MdgFollowUpCounts *c = g_ptr_array_index (counts, i);

      if (filter.owner_id > 0 && c->owner_id != filter.owner_id)
        continue;
      /* Translators: follow-ups of one owner at a glance */
      g_print (_("%s: %u overdue, %u due today, %u more this week (%u open)\n"),
               c->owner_name ? c->owner_name : _("Nobody"), c->overdue, c->today, c->this_week, c->open);
    }
  if (counts->len > 0)
    g_print ("\n");
  if (list->len == 0)
    g_print ("%s\n", _("No follow-ups."));
  for (guint i = 0; i < list->len; i++)
    {
      MdgFollowUp *f = g_ptr_array_index (list, i);
      g_autofree char *due = mdg_date_to_iso (mdg_follow_up_get_due_date (f));
      const char *organization = mdg_follow_up_get_organization_name (f);

      g_print ("%5lld  %s%s  %-10s  %s%s%s  (%s)\n", (long long) mdg_follow_up_get_id (f), due,
               mdg_follow_up_is_overdue (f, NULL) ? "!" : " ",
               mdg_follow_up_get_owner_name (f) ? mdg_follow_up_get_owner_name (f) : "—", mdg_follow_up_get_title (f),
               organization ? " — " : "", organization ? organization : "",
               mdg_follow_up_state_get_label (mdg_follow_up_get_state (f)));
    }
  return EXIT_OK;
}

int
_mdg_cli_followup_done (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, actor;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("ID must be a follow-up’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(actor = _mdg_cli_resolve_actor (globals, db, &error)) ||
      !(follow_up = mdg_follow_up_store_load (db, id, &error)) ||
      !mdg_follow_up_store_set_done (db, actor, follow_up, TRUE, &error))
    return _mdg_cli_fail (error);
  /* Translators: after marking a follow-up done */
  g_print (_("Follow-up %lld: %s\n"), (long long) id, mdg_follow_up_state_get_label (mdg_follow_up_get_state (follow_up)));
  return EXIT_OK;
}

int
_mdg_cli_letter (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  g_autofree char *output = NULL;
  gboolean era = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  MdgDocument *letter;
  gint64 id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, "era", &era, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("FOLLOWUP must be a follow-up’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(letter = mdg_advice_letter_load (db, id, &error)))
    return _mdg_cli_fail (error);
  return _mdg_cli_print_document (letter, output, era, TRUE);
}

int
_mdg_cli_calendar_holidays (Globals  *globals,
                            int       argc,
                            char    **argv)
{
  g_autoptr(GArray) holidays = NULL;
  guint64 year;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!g_ascii_string_to_unsigned (argv[1], 10, MDG_HOLIDAY_FIRST_YEAR, MDG_HOLIDAY_LAST_YEAR, &year, NULL))
    return _mdg_cli_usage (_("YEAR must be from 1980 to 2099"));
  holidays = mdg_holidays_list ((int) year);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      static const char *kinds[] = { "national", "substitute", "citizens", "special" };

      json_builder_begin_array (builder);
      for (guint i = 0; i < holidays->len; i++)
        {
          MdgHoliday *h = &g_array_index (holidays, MdgHoliday, i);
          g_autofree char *date = mdg_date_to_iso (&h->date);

          json_builder_begin_object (builder);
          _mdg_cli_json_string (builder, "date", date);
          _mdg_cli_json_string (builder, "name", h->name);
          _mdg_cli_json_string (builder, "kind", kinds[h->kind]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _mdg_cli_print_json (builder);
      return EXIT_OK;
    }
  for (guint i = 0; i < holidays->len; i++)
    {
      MdgHoliday *h = &g_array_index (holidays, MdgHoliday, i);
      g_autoptr(GDateTime) at = g_date_time_new_local (g_date_get_year (&h->date), g_date_get_month (&h->date),
                                                       g_date_get_day (&h->date), 0, 0, 0);
      g_autofree char *date = mdg_date_to_iso (&h->date);
      g_autofree char *shown = mdg_date_format (at, MDG_DATE_DEFAULT);

      g_print ("%s  %s  %s\n", date, shown, h->name);
    }
  return EXIT_OK;
}

int
_mdg_cli_calendar_add_business_days (Globals  *globals,
                                     int       argc,
                                     char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 days;
  GDate from, result;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!parse_date (argv[1], &from) || !g_ascii_string_to_signed (argv[2], 10, -3650, 3650, &days, NULL))
    return _mdg_cli_usage (_("DATE must be a day such as 2026-12-04, and N a number of days"));
  /* The desk's closed days count too. */
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(calendar = mdg_calendar_load (db, &error)))
    return _mdg_cli_fail (error);
  mdg_calendar_add_business_days (calendar, &from, (int) days, &result);
  text = mdg_date_to_iso (&result);
  g_print ("%s\n", text);
  return EXIT_OK;
}

int
_mdg_cli_calendar_closed_days (Globals  *globals,
                               int       argc,
                               char    **argv)
{
  g_autofree char *rules = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "set", &rules, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      (rules != NULL && !mdg_calendar_save_closed_days (db, rules, &error)) ||
      !(calendar = mdg_calendar_load (db, &error)))
    return _mdg_cli_fail (error);
  text = mdg_calendar_dup_closed_days (calendar);
  g_print ("%s\n", *text ? text : _("(none)"));
  return EXIT_OK;
}

int
_mdg_cli_report_monthly (Globals  *globals,
                         int       argc,
                         char    **argv)
{
  g_autofree char *output = NULL;
  gboolean era = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgMonthlyReport) report = NULL;
  g_autoptr(MdgDeskContact) desk = NULL;
  g_autoptr(GError) error = NULL;
  int year, month, status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, "era", &era, NULL))
    return status;
  if (!mdg_report_parse_month (argv[1], &year, &month))
    return _mdg_cli_usage (_("The month must be written YYYY-MM, such as 2026-11"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".csv"))
    return _mdg_cli_usage (_("--output must name a .pdf or a .csv file"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(report = mdg_report_monthly (db, year, month, &error)) ||
      !(desk = mdg_desk_contact_load (db, &error)))
    return _mdg_cli_fail (error);

  if (g_str_has_suffix (output, ".csv"))
    {
      g_autofree char *csv = mdg_report_export_csv (report);

      if (!mdg_file_write_private (output, csv, strlen (csv), &error))
        return _mdg_cli_fail (error);
    }
  else
    return _mdg_cli_print_document (mdg_report_document_new (g_steal_pointer (&report), desk->name), output, era, FALSE);
  g_print (_("Wrote %s\n"), output);
  return EXIT_OK;
}

static void
add_category_members (JsonBuilder *builder,
                      MdgCategory *category)
{
  _mdg_cli_json_int (builder, "id", category->id);
  _mdg_cli_json_string (builder, "scheme", category->scheme);
  _mdg_cli_json_string (builder, "key", category->key);
  _mdg_cli_json_string (builder, "name_ja", category->name_ja);
  _mdg_cli_json_string (builder, "name_en", category->name_en);
}

int
_mdg_cli_category_list (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  g_autofree char *scheme = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "scheme", &scheme, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(categories = mdg_category_store_list (db, scheme, FALSE, &error)))
    return _mdg_cli_fail (error);
  if (globals->json)
    {
      _mdg_cli_print_json_array (categories, (MdgJsonMembers) add_category_members);
      return EXIT_OK;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (categories, i);

      g_print ("%-10s %-10s %s\n", category->scheme, category->key, mdg_category_get_name (category));
    }
  return EXIT_OK;
}

static void
add_referral_members (JsonBuilder *builder,
                      MdgReferral *referral)
{
  _mdg_cli_json_int (builder, "id", referral->id);
  _mdg_cli_json_string (builder, "key", referral->key);
  _mdg_cli_json_string (builder, "name_ja", referral->name_ja);
  _mdg_cli_json_string (builder, "name_en", referral->name_en);
  _mdg_cli_json_string (builder, "contact", referral->contact);
}

int
_mdg_cli_referral_list (Globals  *globals,
                        int       argc,
                        char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GError) error = NULL;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(referrals = mdg_referral_store_list (db, FALSE, &error)))
    return _mdg_cli_fail (error);
  if (globals->json)
    {
      _mdg_cli_print_json_array (referrals, (MdgJsonMembers) add_referral_members);
      return EXIT_OK;
    }
  for (guint i = 0; i < referrals->len; i++)
    {
      MdgReferral *referral = g_ptr_array_index (referrals, i);

      g_print ("%-16s %s%s%s\n", referral->key, mdg_referral_get_name (referral), referral->contact ? "  " : "",
               referral->contact ? referral->contact : "");
    }
  return EXIT_OK;
}

int
_mdg_cli_slots_add (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autofree char *start_text = NULL;
  g_autofree char *staff_text = NULL;
  int minutes = 30, count = 1;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(MdgStaff) staff = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "start", &start_text, "staff", &staff_text, "minutes", &minutes,
                       "count", &count, NULL))
    return status;
  if (minutes <= 0 || count <= 0)
    return _mdg_cli_usage (_("--minutes and --count must be 1 or more"));
  if (!(start = g_date_time_new_from_iso8601 (start_text, local)))
    {
      g_autofree char *with_seconds = g_strconcat (start_text, ":00", NULL);
      if (!(start = g_date_time_new_from_iso8601 (with_seconds, local)))
        return _mdg_cli_usage (_("--start must be a date and time such as 2026-12-03T16:30"));
    }
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(staff = mdg_staff_store_find (db, staff_text, &error)) ||
      !(ids = mdg_slot_store_add (db, mdg_seminar_get_id (seminar), start, minutes, count, mdg_staff_get_id (staff),
                                  &error)))
    return _mdg_cli_fail (error);
  for (guint i = 0; i < ids->len; i++)
    g_print ("%" G_GINT64_FORMAT "\n", g_array_index (ids, gint64, i));
  return EXIT_OK;
}

static void
add_slot_members (JsonBuilder         *builder,
                  MdgConsultationSlot *slot)
{
  _mdg_cli_json_int (builder, "id", slot->id);
  _mdg_cli_json_time (builder, "start", slot->starts_at);
  _mdg_cli_json_int (builder, "minutes", slot->minutes);
  _mdg_cli_json_string (builder, "specialist", slot->staff_name);
  _mdg_cli_json_string (builder, "state", mdg_slot_state_to_string (slot->state));
  _mdg_cli_json_string (builder, "attendee", slot->attendee_name);
  _mdg_cli_json_string (builder, "organization", slot->attendee_organization);
  _mdg_cli_json_string (builder, "number", slot->attendee_number);
  _mdg_cli_json_id (builder, "consultation_id", slot->consultation_id);
}

int
_mdg_cli_slots_list (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GError) error = NULL;

  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(slots = mdg_slot_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);
  if (globals->json)
    {
      _mdg_cli_print_json_array (slots, (MdgJsonMembers) add_slot_members);
      return EXIT_OK;
    }
  if (slots->len == 0)
    g_print ("%s\n", _("No consultation slots yet. Add them with “madoguchi-cli slots add”."));
  for (guint i = 0; i < slots->len; i++)
    {
      MdgConsultationSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *time = g_date_time_format (slot->starts_at, "%H:%M");

      g_print ("%5lld  %s  %3u min  %-10s  %-8s  %s%s%s\n", (long long) slot->id, time, slot->minutes,
               slot->staff_name ? slot->staff_name : "—", mdg_slot_state_get_label (slot->state),
               slot->attendee_name ? slot->attendee_name : "", slot->attendee_organization ? " — " : "",
               slot->attendee_organization ? slot->attendee_organization : "");
    }
  return EXIT_OK;
}

int
_mdg_cli_slots_book (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *attendee_text = NULL;
  g_autofree char *note = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgConsultationSlot) slot = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  gint64 slot_id, registration_id = 0;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "attendee", &attendee_text, "note", &note, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &slot_id))
    return _mdg_cli_usage (_("SLOT must be a slot’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(slot = mdg_slot_store_load (db, slot_id, &error)) ||
      !(attendees = mdg_registration_store_list (db, slot->seminar_id, &error)))
    return _mdg_cli_fail (error);
  for (guint i = 0; i < attendees->len && registration_id == 0; i++)
    if (g_strcmp0 (mdg_attendee_get_number (attendees->pdata[i]), attendee_text) == 0)
      registration_id = mdg_attendee_get_id (attendees->pdata[i]);
  if (registration_id == 0)
    {
      g_printerr (_("madoguchi-cli: No attendee of the seminar has the number “%s”\n"), attendee_text);
      return EXIT_FAILED;
    }
  if (!mdg_slot_store_book (db, slot_id, registration_id, note, &error))
    return _mdg_cli_fail (error);
  g_print (_("Booked slot %lld\n"), (long long) slot_id);
  return EXIT_OK;
}

int
_mdg_cli_slots_hold (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  g_autofree char *subject = NULL;
  g_autofree char *question = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 slot_id, actor, id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "subject", &subject, "question", &question, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &slot_id))
    return _mdg_cli_usage (_("SLOT must be a slot’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(actor = _mdg_cli_resolve_actor (globals, db, &error)) ||
      !(id = mdg_slot_store_hold (db, actor, slot_id, subject, question, &error)))
    return _mdg_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

int
_mdg_cli_slots_print (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autofree char *output = NULL;
  gboolean era = FALSE;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "output", &output, "era", &era, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(seminar = _mdg_cli_load_seminar_arg (db, argv[1], &error)) ||
      !(slots = mdg_slot_store_list (db, mdg_seminar_get_id (seminar), &error)))
    return _mdg_cli_fail (error);
  return _mdg_cli_print_document (mdg_slot_timetable_new (seminar, slots), output, era, TRUE);
}
