/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultation-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-calendar.h"
#include "mdg-category-private.h"
#include "mdg-consultation-private.h"
#include "mdg-consultation-store.h"
#include "mdg-enum-private.h"
#include "mdg-error.h"
#include "mdg-person-store-private.h"
#include "mdg-search-private.h"
#include "mdg-sql-named-private.h"
#include "mdg-staff-store.h"

/*
 * Consultations in the database. Every change goes through one transaction that
 * checks the state machine (mdg_consultation_state_after()), changes the row and adds
 * an event to the history with who did it; a refused change leaves everything as it
 * was. Lists are built from one statement per queue, searched through
 * consultation_index (see the migration to version 5).
 */

#define OPEN_STATES "('new', 'dispatched', 'in-progress')"

#define CONSULTATION_COLUMNS                                                                    \
  "SELECT c.id, c.uuid, c.received_at, c.channel, c.organization_id, o.name, c.person_id,"      \
  " p.family_name || coalesce(' ' || p.given_name, ''), p.email, c.seminar_id, m.title,"        \
  " c.registration_id, c.subject, c.question, c.answer, c.urgency, c.tier, c.state,"            \
  " c.assignee_id, a.name, c.referral_id, r.name_ja, r.name_en, c.sensitive, c.due_date,"       \
  " c.answered_at, c.closed_at"
#define CONSULTATION_JOINS                                                                      \
  " LEFT JOIN organization AS o ON o.id = c.organization_id"                                    \
  " LEFT JOIN person AS p ON p.id = c.person_id LEFT JOIN seminar AS m ON m.id = c.seminar_id"  \
  " LEFT JOIN staff AS a ON a.id = c.assignee_id LEFT JOIN referral AS r ON r.id = c.referral_id"
#define SELECT_CONSULTATION CONSULTATION_COLUMNS " FROM consultation AS c" CONSULTATION_JOINS

static const MdgEnumEntry queues[] = {
  [MDG_CONSULTATION_QUEUE_ALL] = { "all", "queue", NC_("queue", "All consultations") },
  [MDG_CONSULTATION_QUEUE_MINE] = { "mine", "queue", NC_("queue", "Mine") },
  [MDG_CONSULTATION_QUEUE_UNASSIGNED] = { "unassigned", "queue", NC_("queue", "Unassigned") },
  [MDG_CONSULTATION_QUEUE_DISPATCHED] = { "dispatched", "queue", NC_("queue", "Dispatched") },
  [MDG_CONSULTATION_QUEUE_WAITING_FOLLOW_UP] = { "waiting-follow-up", "queue",
                                                 NC_("queue", "Waiting for follow-up") },
  [MDG_CONSULTATION_QUEUE_OVERDUE] = { "overdue", "queue", NC_("queue", "Overdue") },
};

const char *
mdg_consultation_queue_to_string (MdgConsultationQueue queue)
{
  return _mdg_enum_to_key (queues, G_N_ELEMENTS (queues), queue);
}

gboolean
mdg_consultation_queue_from_string (const char           *text,
                                    MdgConsultationQueue *queue)
{
  return _mdg_enum_from_key (queues, G_N_ELEMENTS (queues), text, (int *) queue);
}

const char *
mdg_consultation_queue_get_label (MdgConsultationQueue queue)
{
  return _mdg_enum_get_label (queues, G_N_ELEMENTS (queues), queue);
}

G_DEFINE_BOXED_TYPE (MdgConsultationFilter, mdg_consultation_filter, mdg_consultation_filter_copy,
                     mdg_consultation_filter_free)
G_DEFINE_BOXED_TYPE (MdgConsultationEvent, mdg_consultation_event, mdg_consultation_event_copy,
                     mdg_consultation_event_free)

/* Returns: (transfer full): a filter for @queue, any state, today's date */
MdgConsultationFilter *
mdg_consultation_filter_new (MdgConsultationQueue queue)
{
  MdgConsultationFilter *filter = g_new0 (MdgConsultationFilter, 1);

  filter->queue = queue;
  filter->state = -1;
  g_date_clear (&filter->today, 1);
  return filter;
}

MdgConsultationFilter *
mdg_consultation_filter_copy (const MdgConsultationFilter *filter)
{
  MdgConsultationFilter *copy = g_memdup2 (filter, sizeof *filter);

  copy->query = g_strdup (filter->query);
  return copy;
}

void
mdg_consultation_filter_free (MdgConsultationFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->query);
  g_free (filter);
}

MdgConsultationEvent *
mdg_consultation_event_copy (const MdgConsultationEvent *event)
{
  MdgConsultationEvent *copy = g_memdup2 (event, sizeof *event);

  copy->at = event->at ? g_date_time_ref (event->at) : NULL;
  copy->staff_name = g_strdup (event->staff_name);
  copy->assignee_name = g_strdup (event->assignee_name);
  copy->referral_name = g_strdup (event->referral_name);
  copy->note = g_strdup (event->note);
  return copy;
}

void
mdg_consultation_event_free (MdgConsultationEvent *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->at, g_date_time_unref);
  g_free (event->staff_name);
  g_free (event->assignee_name);
  g_free (event->referral_name);
  g_free (event->note);
  g_free (event);
}

/**
 * mdg_consultation_event_describe:
 * @event: an event
 *
 * Returns: (transfer full): what happened, as a history line says it: "Dispatched to
 *   佐藤 花子", "Referred to IPA 情報セキュリティ安心相談窓口"
 */
char *
mdg_consultation_event_describe (const MdgConsultationEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  if (event->action == MDG_CONSULTATION_ACTION_DISPATCHED && event->assignee_name)
    /* Translators: in a consultation's history; %s is the specialist */
    return g_strdup_printf (_("Dispatched to %s"), event->assignee_name);
  if (event->action == MDG_CONSULTATION_ACTION_REFERRED && event->referral_name)
    /* Translators: in a consultation's history; %s is an outside body (IPA, police…) */
    return g_strdup_printf (_("Referred to %s"), event->referral_name);
  return g_strdup (mdg_consultation_action_get_label (event->action));
}

static GDateTime *
local_from_unix (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, column));
}

static gpointer
consultation_row (sqlite3_stmt *stmt)
{
  MdgConsultation *consultation = mdg_consultation_new (MDG_CHANNEL_PHONE);
  g_autoptr(GDateTime) received_at = local_from_unix (stmt, 2);
  g_autoptr(GDateTime) answered_at = local_from_unix (stmt, 25);
  g_autoptr(GDateTime) closed_at = local_from_unix (stmt, 26);
  MdgConsultationStanding standing = { 0 };
  MdgChannel channel = MDG_CHANNEL_PHONE;
  MdgUrgency urgency = MDG_URGENCY_NORMAL;
  GDate due;

  standing.id = sqlite3_column_int64 (stmt, 0);
  standing.uuid = (const char *) sqlite3_column_text (stmt, 1);
  mdg_channel_from_string ((const char *) sqlite3_column_text (stmt, 3), &channel);
  mdg_urgency_from_string ((const char *) sqlite3_column_text (stmt, 15), &urgency);
  mdg_tier_from_string ((const char *) sqlite3_column_text (stmt, 16), &standing.tier);
  mdg_consultation_state_from_string ((const char *) sqlite3_column_text (stmt, 17), &standing.state);
  standing.assignee_id = sqlite3_column_int64 (stmt, 18);
  standing.referral_id = sqlite3_column_int64 (stmt, 20);
  standing.answered_at = answered_at;
  standing.closed_at = closed_at;
  _mdg_consultation_set_standing (consultation, &standing);

  mdg_consultation_set_channel (consultation, channel);
  mdg_consultation_set_received_at (consultation, received_at);
  mdg_consultation_set_organization_id (consultation, sqlite3_column_int64 (stmt, 4));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_ORGANIZATION, (const char *) sqlite3_column_text (stmt, 5));
  mdg_consultation_set_person_id (consultation, sqlite3_column_int64 (stmt, 6));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_PERSON, (const char *) sqlite3_column_text (stmt, 7));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_PERSON_EMAIL, (const char *) sqlite3_column_text (stmt, 8));
  mdg_consultation_set_seminar_id (consultation, sqlite3_column_int64 (stmt, 9));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SEMINAR, (const char *) sqlite3_column_text (stmt, 10));
  mdg_consultation_set_registration_id (consultation, sqlite3_column_int64 (stmt, 11));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, (const char *) sqlite3_column_text (stmt, 12));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_QUESTION, (const char *) sqlite3_column_text (stmt, 13));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_ANSWER, (const char *) sqlite3_column_text (stmt, 14));
  mdg_consultation_set_urgency (consultation, urgency);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_ASSIGNEE, (const char *) sqlite3_column_text (stmt, 19));
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_REFERRAL,
                             (const char *) sqlite3_column_text (stmt, _mdg_reference_in_japanese () ? 21 : 22));
  mdg_consultation_set_sensitive (consultation, sqlite3_column_int (stmt, 23));
  if (mdg_date_parse_iso ((const char *) sqlite3_column_text (stmt, 24), &due))
    mdg_consultation_set_due_date (consultation, &due);
  return consultation;
}

/* Gives each consultation of @consultations its categories, with one query. */
static gboolean
load_categories (MdgDatabase  *db,
                 GPtrArray    *consultations,
                 GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), consultations->len);
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autofree char *json = NULL;
  int rc;

  if (consultations->len == 0)
    return TRUE;
  for (guint i = 0; i < consultations->len; i++)
    {
      gint64 id = mdg_consultation_get_id (g_ptr_array_index (consultations, i));
      g_array_append_val (ids, id);
    }
  json = _mdg_ids_to_json (ids);

  stmt = _mdg_sql_prepare (handle,
                           "SELECT cc.consultation_id, " MDG_CATEGORY_COLUMNS ("c")
                           " FROM consultation_category AS cc JOIN category AS c ON c.id = cc.category_id"
                           " WHERE cc.consultation_id IN (SELECT value FROM json_each(?1))"
                           " ORDER BY cc.consultation_id, CASE c.scheme WHEN 'kind' THEN 0 WHEN 'threat' THEN 1"
                           " ELSE 2 END, c.position",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *list = NULL;

      for (guint i = 0; i < consultations->len && list == NULL; i++)
        if (g_array_index (ids, gint64, i) == id)
          {
            gint64 *key = &g_array_index (ids, gint64, i);

            list = g_hash_table_lookup (lists, key);
            if (list == NULL)
              {
                list = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);
                g_hash_table_insert (lists, key, list);
              }
          }
      if (list != NULL)
        g_ptr_array_add (list, _mdg_category_from_row (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not read the consultations’ categories"));
      return FALSE;
    }

  for (guint i = 0; i < consultations->len; i++)
    _mdg_consultation_set_categories (g_ptr_array_index (consultations, i),
                                      g_hash_table_lookup (lists, &g_array_index (ids, gint64, i)));
  return TRUE;
}

static GPtrArray *
collect (MdgDatabase   *db,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GPtrArray) consultations = _mdg_sql_collect (_mdg_database_get_handle (db), stmt, consultation_row,
                                                         g_object_unref, _("Could not read the consultations"),
                                                         error);

  if (consultations == NULL || !load_categories (db, consultations, error))
    return NULL;
  return g_steal_pointer (&consultations);
}

/* Returns: (transfer full): the consultation, or %NULL with %MDG_ERROR_NOT_FOUND */
MdgConsultation *
mdg_consultation_store_load (MdgDatabase  *db,
                             gint64        id,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), SELECT_CONSULTATION " WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!(found = collect (db, stmt, error)))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no consultation %lld"), (long long) id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/* Reads @consultation again, so that it shows what the database now holds. */
gboolean
mdg_consultation_store_refresh (MdgDatabase      *db,
                                MdgConsultation  *consultation,
                                GError          **error)
{
  g_autoptr(MdgConsultation) loaded = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_CONSULTATION (consultation), FALSE);

  if (!(loaded = mdg_consultation_store_load (db, mdg_consultation_get_id (consultation), error)))
    return FALSE;
  _mdg_consultation_update_from (consultation, loaded);
  return TRUE;
}

/* Adds one event to a consultation's history. */
static gboolean
add_event (sqlite3                *handle,
           gint64                  consultation_id,
           gint64                  actor_id,
           MdgConsultationAction   action,
           int                     from_state,
           MdgConsultationState    to_state,
           gint64                  assignee_id,
           gint64                  referral_id,
           const char             *note,
           GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO consultation_event (consultation_id, staff_id, action, from_state, to_state,"
                           " assignee_id, referral_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, consultation_id);
  sqlite3_bind_int64 (stmt, 2, actor_id);
  sqlite3_bind_text (stmt, 3, mdg_consultation_action_to_string (action), -1, SQLITE_STATIC);
  if (from_state >= 0)
    sqlite3_bind_text (stmt, 4, mdg_consultation_state_to_string (from_state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, mdg_consultation_state_to_string (to_state), -1, SQLITE_STATIC);
  if (assignee_id > 0)
    sqlite3_bind_int64 (stmt, 6, assignee_id);
  if (referral_id > 0)
    sqlite3_bind_int64 (stmt, 7, referral_id);
  _mdg_sql_bind_text (stmt, 8, note);
  return _mdg_sql_step_done (handle, stmt, error);
}

static gboolean
write_categories (sqlite3  *handle,
                  gint64    consultation_id,
                  GArray   *category_ids,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) clear = _mdg_sql_prepare (handle, "DELETE FROM consultation_category WHERE consultation_id = ?",
                                                    error);
  g_autoptr(sqlite3_stmt) add = NULL;

  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, consultation_id);
  if (!_mdg_sql_step_done (handle, clear, error))
    return FALSE;

  add = _mdg_sql_prepare (handle,
                          "INSERT OR IGNORE INTO consultation_category (consultation_id, category_id) VALUES (?, ?)",
                          error);
  if (add == NULL)
    return FALSE;
  for (guint i = 0; i < category_ids->len; i++)
    {
      sqlite3_reset (add);
      sqlite3_bind_int64 (add, 1, consultation_id);
      sqlite3_bind_int64 (add, 2, g_array_index (category_ids, gint64, i));
      if (!_mdg_sql_step_done (handle, add, error))
        {
          if ((sqlite3_errcode (handle) & 0xff) == SQLITE_CONSTRAINT)
            {
              g_clear_error (error);
              g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no category %lld"),
                           (long long) g_array_index (category_ids, gint64, i));
            }
          return FALSE;
        }
    }
  return TRUE;
}

/* The day the answer is due: the urgency's business days after the day received. */
static gboolean
compute_due_date (MdgDatabase      *db,
                  MdgConsultation  *consultation,
                  GDate            *due,
                  GError          **error)
{
  g_autoptr(MdgCalendar) calendar = mdg_calendar_load (db, error);
  GDateTime *received_at = mdg_consultation_get_received_at (consultation);
  GDate day;

  if (calendar == NULL)
    return FALSE;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (received_at), g_date_time_get_month (received_at),
                  g_date_time_get_year (received_at));
  mdg_calendar_add_business_days (calendar, &day, mdg_urgency_get_response_days (mdg_consultation_get_urgency (consultation)),
                                  due);
  return TRUE;
}

/* Intake may leave the subject blank: the question's first line stands in for it. */
static char *
subject_of (MdgConsultation *consultation)
{
  const char *subject = mdg_consultation_get_text (consultation, MDG_CONSULTATION_SUBJECT);
  const char *question = mdg_consultation_get_text (consultation, MDG_CONSULTATION_QUESTION);
  g_autofree char *line = NULL;

  if (subject != NULL)
    return g_strdup (subject);
  if (question == NULL)
    return NULL;
  line = g_strndup (question, strcspn (question, "\r\n"));
  if (g_utf8_strlen (line, -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 40);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

/* Finds or creates the organization named on @consultation; 0 for none, -1 on error. */
static gint64
resolve_organization (MdgDatabase      *db,
                      MdgConsultation  *consultation,
                      GError          **error)
{
  if (mdg_consultation_get_organization_id (consultation) > 0)
    return mdg_consultation_get_organization_id (consultation);
  return _mdg_person_store_ensure_organization (db, mdg_consultation_get_text (consultation,
                                                                               MDG_CONSULTATION_ORGANIZATION),
                                                error);
}

/**
 * _mdg_consultation_store_insert:
 * @db: a #MdgDatabase inside a transaction
 * @actor_id: who takes the consultation
 * @consultation: a new consultation
 * @new_person: (nullable): a person to create and link, when the consultation has none
 * @error: a location for a #GError
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
_mdg_consultation_store_insert (MdgDatabase      *db,
                                gint64            actor_id,
                                MdgConsultation  *consultation,
                                MdgPerson        *new_person,
                                GError          **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *subject = subject_of (consultation);
  g_autofree char *due_text = NULL;
  gint64 organization_id, person_id, id;
  GDate due;

  if (_mdg_staff_store_check_actor (db, actor_id, error) == 0)
    return 0;
  if (subject == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A consultation needs a subject or a question"));
      return 0;
    }

  organization_id = resolve_organization (db, consultation, error);
  if (organization_id < 0)
    return 0;

  person_id = mdg_consultation_get_person_id (consultation);
  if (person_id == 0 && new_person != NULL)
    {
      /* A new person belongs to the organization the caller named, unless they said otherwise. */
      if (mdg_person_get_text (new_person, MDG_PERSON_ORGANIZATION) == NULL)
        mdg_person_set_text (new_person, MDG_PERSON_ORGANIZATION,
                             mdg_consultation_get_text (consultation, MDG_CONSULTATION_ORGANIZATION));
      if (!(person_id = _mdg_person_store_insert (db, new_person, error)))
        return 0;
      if (organization_id == 0)
        organization_id = mdg_person_get_organization_id (new_person);
    }
  else if (person_id > 0 && organization_id == 0)
    {
      g_autoptr(MdgPerson) person = mdg_person_store_load (db, person_id, error);

      if (person == NULL)
        return 0;
      organization_id = mdg_person_get_organization_id (person);
    }

  if (g_date_valid (mdg_consultation_get_due_date (consultation)))
    due = *mdg_consultation_get_due_date (consultation);
  else if (!compute_due_date (db, consultation, &due, error))
    return 0;
  due_text = mdg_date_to_iso (&due);

  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO consultation (received_at, channel, organization_id, person_id, seminar_id,"
                           " registration_id, subject, question, urgency, sensitive, due_date)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (mdg_consultation_get_received_at (consultation)));
  sqlite3_bind_text (stmt, 2, mdg_channel_to_string (mdg_consultation_get_channel (consultation)), -1, SQLITE_STATIC);
  if (organization_id > 0)
    sqlite3_bind_int64 (stmt, 3, organization_id);
  if (person_id > 0)
    sqlite3_bind_int64 (stmt, 4, person_id);
  if (mdg_consultation_get_seminar_id (consultation) > 0)
    sqlite3_bind_int64 (stmt, 5, mdg_consultation_get_seminar_id (consultation));
  if (mdg_consultation_get_registration_id (consultation) > 0)
    sqlite3_bind_int64 (stmt, 6, mdg_consultation_get_registration_id (consultation));
  sqlite3_bind_text (stmt, 7, subject, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 8, mdg_consultation_get_text (consultation, MDG_CONSULTATION_QUESTION));
  sqlite3_bind_text (stmt, 9, mdg_urgency_to_string (mdg_consultation_get_urgency (consultation)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, mdg_consultation_get_sensitive (consultation));
  sqlite3_bind_text (stmt, 11, due_text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if ((sqlite3_errcode (handle) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                             _("The consultation names a person, organization or seminar that does not exist"));
      else
        _mdg_sql_set_error (handle, error, _("Could not save the consultation"));
      return 0;
    }
  id = sqlite3_column_int64 (stmt, 0);
  if (!_mdg_sql_step_done (handle, stmt, error) ||
      !write_categories (handle, id, mdg_consultation_get_category_ids (consultation), error) ||
      !add_event (handle, id, actor_id, MDG_CONSULTATION_ACTION_CREATED, -1, MDG_CONSULTATION_STATE_NEW, 0, 0, NULL,
                  error))
    return 0;
  return id;
}

/**
 * mdg_consultation_store_add:
 * @db: a #MdgDatabase
 * @actor_id: the staff member who takes it
 * @consultation: a new consultation; gets its id, its due date and the names of what
 *   it links to
 * @new_person: (nullable): someone not yet in Contacts to create with it (after the
 *   caller offered the duplicates mdg_person_store_find_duplicates() found)
 * @error: a location for a #GError
 *
 * Records a consultation, its categories and the first event of its history. The
 * organization named on it is found by its exact name or created. A blank subject
 * takes the question's first line. Nothing is written when anything fails.
 */
gboolean
mdg_consultation_store_add (MdgDatabase      *db,
                            gint64            actor_id,
                            MdgConsultation  *consultation,
                            MdgPerson        *new_person,
                            GError          **error)
{
  gint64 id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_CONSULTATION (consultation), FALSE);
  g_return_val_if_fail (mdg_consultation_get_id (consultation) == 0, FALSE);
  g_return_val_if_fail (new_person == NULL || MDG_IS_PERSON (new_person), FALSE);

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (!(id = _mdg_consultation_store_insert (db, actor_id, consultation, new_person, error)))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  if (!mdg_database_commit (db, error))
    return FALSE;

  {
    MdgConsultationStanding standing = { .id = id };
    _mdg_consultation_set_standing (consultation, &standing);
  }
  return mdg_consultation_store_refresh (db, consultation, error);
}

/* What a transition changes besides the state. */
typedef struct
{
  gint64      assignee_id;   /* dispatch: the specialist */
  gint64      referral_id;   /* refer */
  const char *answer;        /* answer */
} Change;

/* The consultation's state and tier in the database, inside the transaction. */
static gboolean
read_standing (sqlite3               *handle,
               gint64                 id,
               MdgConsultationState  *state,
               MdgTier               *tier,
               gint64                *assignee_id,
               GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle,
                                                   "SELECT state, tier, assignee_id FROM consultation WHERE id = ?",
                                                   error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no consultation %lld"), (long long) id);
      return FALSE;
    }
  mdg_consultation_state_from_string ((const char *) sqlite3_column_text (stmt, 0), state);
  mdg_tier_from_string ((const char *) sqlite3_column_text (stmt, 1), tier);
  *assignee_id = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Checks that a consultation can go to @specialist_id: an active second-line specialist. */
static gboolean
check_specialist (MdgDatabase  *db,
                  gint64        specialist_id,
                  GError      **error)
{
  g_autoptr(MdgStaff) specialist = mdg_staff_store_load (db, specialist_id, error);

  if (specialist == NULL)
    return FALSE;
  if (!mdg_staff_get_active (specialist))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("%s is no longer on the active staff"),
                   mdg_staff_get_name (specialist));
      return FALSE;
    }
  if (mdg_staff_get_role (specialist) != MDG_STAFF_ROLE_SECOND_LINE)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("%s is not a second-line specialist; consultations are dispatched to specialists"),
                   mdg_staff_get_name (specialist));
      return FALSE;
    }
  return TRUE;
}

/* Applies one transition in the open transaction: checks it, changes the row, records it. */
static gboolean
apply (MdgDatabase            *db,
       gint64                  actor_id,
       gint64                  id,
       MdgConsultationAction   action,
       const Change           *change,
       const char             *note,
       GError                **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  MdgConsultationState from = MDG_CONSULTATION_STATE_NEW, to;
  MdgTier tier = MDG_TIER_FIRST_LINE;
  gint64 assignee_id = 0;
  g_autoptr(GError) refused = NULL;
  gint64 event_assignee = 0, event_referral = 0;

  if (!read_standing (handle, id, &from, &tier, &assignee_id, error))
    return FALSE;

  /* A specialist answers a consultation dispatched to them: taking it up comes first. */
  if (action == MDG_CONSULTATION_ACTION_ANSWERED && from == MDG_CONSULTATION_STATE_DISPATCHED)
    {
      if (!apply (db, actor_id, id, MDG_CONSULTATION_ACTION_STARTED, change, NULL, error))
        return FALSE;
      from = MDG_CONSULTATION_STATE_IN_PROGRESS;
    }

  if (!mdg_consultation_state_after (from, action, tier, &to, &refused))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("Consultation %lld: %s"), (long long) id, refused->message);
      return FALSE;
    }

  switch (action)
    {
    case MDG_CONSULTATION_ACTION_DISPATCHED:
      if (!check_specialist (db, change->assignee_id, error) ||
          !_mdg_sql_exec_values (handle,
                                 "UPDATE consultation SET state = 'dispatched', tier = 'second-line', assignee_id = ?2"
                                 " WHERE id = ?1",
                                 id, change->assignee_id, NULL, error))
        return FALSE;
      event_assignee = change->assignee_id;
      break;

    case MDG_CONSULTATION_ACTION_STARTED:
      if (!_mdg_sql_exec_values (handle,
                                 "UPDATE consultation SET state = 'in-progress',"
                                 " assignee_id = coalesce(assignee_id, ?2) WHERE id = ?1",
                                 id, actor_id, NULL, error))
        return FALSE;
      break;

    case MDG_CONSULTATION_ACTION_ANSWERED:
      if (is_blank (change->answer))
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("Consultation %lld: the answer is empty"), (long long) id);
          return FALSE;
        }
      if (!_mdg_sql_exec_values (handle,
                                 "UPDATE consultation SET state = 'answered', answer = trim(?3),"
                                 " assignee_id = coalesce(assignee_id, ?2),"
                                 " answered_at = coalesce(answered_at, CAST(strftime('%s', 'now') AS INTEGER))"
                                 " WHERE id = ?1",
                                 id, actor_id, change->answer, error))
        return FALSE;
      break;

    case MDG_CONSULTATION_ACTION_CLOSED:
      if (!_mdg_sql_exec_values (handle,
                                 "UPDATE consultation SET state = 'closed',"
                                 " closed_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE id = ?1",
                                 id, 0, NULL, error))
        return FALSE;
      break;

    case MDG_CONSULTATION_ACTION_REOPENED:
      if (!_mdg_sql_exec_values (handle,
                                 to == MDG_CONSULTATION_STATE_NEW
                                   ? "UPDATE consultation SET state = 'new', closed_at = NULL WHERE id = ?1"
                                   : "UPDATE consultation SET state = 'in-progress', closed_at = NULL WHERE id = ?1",
                                 id, 0, NULL, error))
        return FALSE;
      break;

    case MDG_CONSULTATION_ACTION_REFERRED:
      if (!_mdg_sql_exec_values (handle, "UPDATE consultation SET referral_id = ?2 WHERE id = ?1", id,
                                 change->referral_id, NULL, error))
        {
          if ((sqlite3_errcode (handle) & 0xff) == SQLITE_CONSTRAINT)
            {
              g_clear_error (error);
              g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no referral %lld"),
                           (long long) change->referral_id);
            }
          return FALSE;
        }
      event_referral = change->referral_id;
      break;

    case MDG_CONSULTATION_ACTION_EDITED:
    case MDG_CONSULTATION_ACTION_REPLIED:
      break;

    case MDG_CONSULTATION_ACTION_CREATED:
    default:
      g_return_val_if_reached (FALSE);
    }

  return add_event (handle, id, actor_id, action, from, to, event_assignee, event_referral, note, error);
}

/* One transition in a transaction of its own; @consultation then shows the result. */
static gboolean
transition (MdgDatabase            *db,
            gint64                  actor_id,
            MdgConsultation        *consultation,
            MdgConsultationAction   action,
            const Change           *change,
            const char             *note,
            GError                **error)
{
  g_autofree char *trimmed = note ? g_strstrip (g_strdup (note)) : NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_CONSULTATION (consultation), FALSE);

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (_mdg_staff_store_check_actor (db, actor_id, error) == 0 ||
      !apply (db, actor_id, mdg_consultation_get_id (consultation), action, change, trimmed && *trimmed ? trimmed : NULL,
              error))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  if (!mdg_database_commit (db, error))
    return FALSE;
  return mdg_consultation_store_refresh (db, consultation, error);
}

/* A step of the workflow that changes nothing but the state (and the history). */
static gboolean
act (MdgDatabase            *db,
     gint64                  actor_id,
     MdgConsultation        *consultation,
     MdgConsultationAction   action,
     const char             *note,
     GError                **error)
{
  Change change = { 0 };

  return transition (db, actor_id, consultation, action, &change, note, error);
}

/**
 * mdg_consultation_store_dispatch:
 * @db: a #MdgDatabase
 * @actor_id: who dispatches
 * @consultation: a new, dispatched or in-progress consultation
 * @specialist_id: the second-line specialist it goes to
 * @note: (nullable): the hand-off note
 * @error: a location for a #GError
 *
 * Hands a consultation to a specialist: it becomes second-line and waits in their
 * queue until they take it up.
 */
gboolean
mdg_consultation_store_dispatch (MdgDatabase      *db,
                                 gint64            actor_id,
                                 MdgConsultation  *consultation,
                                 gint64            specialist_id,
                                 const char       *note,
                                 GError          **error)
{
  Change change = { .assignee_id = specialist_id };

  return transition (db, actor_id, consultation, MDG_CONSULTATION_ACTION_DISPATCHED, &change, note, error);
}

/* The specialist takes up a dispatched consultation: it is in progress. */
gboolean
mdg_consultation_store_start (MdgDatabase      *db,
                              gint64            actor_id,
                              MdgConsultation  *consultation,
                              const char       *note,
                              GError          **error)
{
  return act (db, actor_id, consultation, MDG_CONSULTATION_ACTION_STARTED, note, error);
}

/**
 * mdg_consultation_store_answer:
 * @db: a #MdgDatabase
 * @actor_id: who answers
 * @consultation: a new or in-progress consultation (a dispatched one is taken up first,
 *   which the history records)
 * @answer: the answer given
 * @note: (nullable): a note for the history
 * @error: a location for a #GError
 */
gboolean
mdg_consultation_store_answer (MdgDatabase      *db,
                               gint64            actor_id,
                               MdgConsultation  *consultation,
                               const char       *answer,
                               const char       *note,
                               GError          **error)
{
  Change change = { .answer = answer };

  return transition (db, actor_id, consultation, MDG_CONSULTATION_ACTION_ANSWERED, &change, note, error);
}

/* Closes an answered consultation. */
gboolean
mdg_consultation_store_close (MdgDatabase      *db,
                              gint64            actor_id,
                              MdgConsultation  *consultation,
                              const char       *note,
                              GError          **error)
{
  return act (db, actor_id, consultation, MDG_CONSULTATION_ACTION_CLOSED, note, error);
}

/* Reopens an answered or closed consultation: back to its specialist, or to new. */
gboolean
mdg_consultation_store_reopen (MdgDatabase      *db,
                               gint64            actor_id,
                               MdgConsultation  *consultation,
                               const char       *note,
                               GError          **error)
{
  return act (db, actor_id, consultation, MDG_CONSULTATION_ACTION_REOPENED, note, error);
}

/* Refers the consultation to an outside body from the referral list. */
gboolean
mdg_consultation_store_refer (MdgDatabase      *db,
                              gint64            actor_id,
                              MdgConsultation  *consultation,
                              gint64            referral_id,
                              const char       *note,
                              GError          **error)
{
  Change change = { .referral_id = referral_id };

  return transition (db, actor_id, consultation, MDG_CONSULTATION_ACTION_REFERRED, &change, note, error);
}

/* Records an event that changes nothing else, such as a reply written. */
gboolean
mdg_consultation_store_record (MdgDatabase            *db,
                               gint64                  actor_id,
                               MdgConsultation        *consultation,
                               MdgConsultationAction   action,
                               const char             *note,
                               GError                **error)
{
  Change change = { 0 };

  g_return_val_if_fail (action == MDG_CONSULTATION_ACTION_REPLIED || action == MDG_CONSULTATION_ACTION_EDITED, FALSE);
  return transition (db, actor_id, consultation, action, &change, note, error);
}

/* Adds @label to @changed when @before and @after differ. */
static void
note_change (GPtrArray  *changed,
             const char *before,
             const char *after,
             const char *label)
{
  if (g_strcmp0 (before, after) != 0)
    g_ptr_array_add (changed, (gpointer) label);
}

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        found = g_array_index (a, gint64, i) == g_array_index (b, gint64, j);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/**
 * mdg_consultation_store_save:
 * @db: a #MdgDatabase
 * @actor_id: who edits
 * @consultation: a saved consultation with its fields edited
 * @error: a location for a #GError
 *
 * Saves what intake can change (channel, time received, organization, person,
 * categories, subject, question, answer, urgency, due date, sensitive flag) and
 * records which fields changed in the history. A closed consultation is reopened
 * before it is changed. Saving with nothing changed records nothing.
 */
gboolean
mdg_consultation_store_save (MdgDatabase      *db,
                             gint64            actor_id,
                             MdgConsultation  *consultation,
                             GError          **error)
{
  sqlite3 *handle;
  g_autoptr(MdgConsultation) before = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *note = NULL;
  Change change = { 0 };
  gint64 id, organization_id;
  GDate due;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_CONSULTATION (consultation), FALSE);

  id = mdg_consultation_get_id (consultation);
  if (!(subject = subject_of (consultation)))
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A consultation needs a subject or a question"));
      return FALSE;
    }
  handle = _mdg_database_get_handle (db);
  if (!mdg_database_begin (db, error))
    return FALSE;
  if (_mdg_staff_store_check_actor (db, actor_id, error) == 0 || !(before = mdg_consultation_store_load (db, id, error)))
    goto fail;

  /* A new organization name replaces the link; an unchanged one keeps it. */
  if (g_strcmp0 (mdg_consultation_get_text (before, MDG_CONSULTATION_ORGANIZATION),
                 mdg_consultation_get_text (consultation, MDG_CONSULTATION_ORGANIZATION)) != 0 &&
      mdg_consultation_get_organization_id (before) == mdg_consultation_get_organization_id (consultation))
    mdg_consultation_set_organization_id (consultation, 0);
  if ((organization_id = resolve_organization (db, consultation, error)) < 0)
    goto fail;

  /* A new urgency moves the due date, unless the due date itself was changed. */
  if (g_date_valid (mdg_consultation_get_due_date (consultation)) &&
      !(mdg_consultation_get_urgency (before) != mdg_consultation_get_urgency (consultation) &&
        g_date_valid (mdg_consultation_get_due_date (before)) &&
        g_date_compare (mdg_consultation_get_due_date (before), mdg_consultation_get_due_date (consultation)) == 0))
    due = *mdg_consultation_get_due_date (consultation);
  else if (!compute_due_date (db, consultation, &due, error))
    goto fail;
  due_text = mdg_date_to_iso (&due);

  note_change (changed, mdg_consultation_get_text (before, MDG_CONSULTATION_SUBJECT), subject, _("subject"));
  note_change (changed, mdg_consultation_get_text (before, MDG_CONSULTATION_QUESTION),
               mdg_consultation_get_text (consultation, MDG_CONSULTATION_QUESTION), _("question"));
  note_change (changed, mdg_consultation_get_text (before, MDG_CONSULTATION_ANSWER),
               mdg_consultation_get_text (consultation, MDG_CONSULTATION_ANSWER), _("answer"));
  if (mdg_consultation_get_channel (before) != mdg_consultation_get_channel (consultation))
    g_ptr_array_add (changed, _("channel"));
  if (!g_date_time_equal (mdg_consultation_get_received_at (before), mdg_consultation_get_received_at (consultation)))
    g_ptr_array_add (changed, _("time received"));
  if (mdg_consultation_get_organization_id (before) != organization_id)
    g_ptr_array_add (changed, _("organization"));
  if (mdg_consultation_get_person_id (before) != mdg_consultation_get_person_id (consultation))
    g_ptr_array_add (changed, _("person"));
  if (!same_ids (mdg_consultation_get_category_ids (before), mdg_consultation_get_category_ids (consultation)))
    g_ptr_array_add (changed, _("categories"));
  if (mdg_consultation_get_urgency (before) != mdg_consultation_get_urgency (consultation))
    g_ptr_array_add (changed, _("urgency"));
  if (!g_date_valid (mdg_consultation_get_due_date (before)) ||
      g_date_compare (mdg_consultation_get_due_date (before), &due) != 0)
    g_ptr_array_add (changed, _("due date"));
  if (mdg_consultation_get_sensitive (before) != mdg_consultation_get_sensitive (consultation))
    g_ptr_array_add (changed, _("sensitive"));

  if (changed->len == 0)
    {
      mdg_database_rollback (db);
      return mdg_consultation_store_refresh (db, consultation, error);
    }

  stmt = _mdg_sql_prepare (handle,
                           "UPDATE consultation SET received_at = ?1, channel = ?2, organization_id = ?3,"
                           " person_id = ?4, subject = ?5, question = ?6, answer = ?7, urgency = ?8, sensitive = ?9,"
                           " due_date = ?10 WHERE id = ?11",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (mdg_consultation_get_received_at (consultation)));
  sqlite3_bind_text (stmt, 2, mdg_channel_to_string (mdg_consultation_get_channel (consultation)), -1, SQLITE_STATIC);
  if (organization_id > 0)
    sqlite3_bind_int64 (stmt, 3, organization_id);
  if (mdg_consultation_get_person_id (consultation) > 0)
    sqlite3_bind_int64 (stmt, 4, mdg_consultation_get_person_id (consultation));
  sqlite3_bind_text (stmt, 5, subject, -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 6, mdg_consultation_get_text (consultation, MDG_CONSULTATION_QUESTION));
  _mdg_sql_bind_text (stmt, 7, mdg_consultation_get_text (consultation, MDG_CONSULTATION_ANSWER));
  sqlite3_bind_text (stmt, 8, mdg_urgency_to_string (mdg_consultation_get_urgency (consultation)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, mdg_consultation_get_sensitive (consultation));
  sqlite3_bind_text (stmt, 10, due_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, id);

  g_ptr_array_add (changed, NULL);
  {
    g_autofree char *list = g_strjoinv (C_("list separator", ", "), (char **) changed->pdata);
    /* Translators: in a consultation's history; %s lists the fields changed */
    note = g_strdup_printf (_("Changed: %s"), list);
  }

  /* The state check first, so that a closed consultation stays exactly as it was. */
  if (!apply (db, actor_id, id, MDG_CONSULTATION_ACTION_EDITED, &change, note, error) ||
      !_mdg_sql_step_done (handle, stmt, error) ||
      !write_categories (handle, id, mdg_consultation_get_category_ids (consultation), error))
    goto fail;
  if (!mdg_database_commit (db, error))
    return FALSE;
  return mdg_consultation_store_refresh (db, consultation, error);

fail:
  mdg_database_rollback (db);
  return FALSE;
}

static gpointer
event_row (sqlite3_stmt *stmt)
{
  MdgConsultationEvent *event = g_new0 (MdgConsultationEvent, 1);
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
  MdgConsultationState from;

  event->id = sqlite3_column_int64 (stmt, 0);
  event->at = utc ? g_date_time_to_local (utc) : g_date_time_new_now_local ();
  event->staff_id = sqlite3_column_int64 (stmt, 2);
  event->staff_name = _mdg_sql_column_dup_or_null (stmt, 3);
  mdg_consultation_action_from_string ((const char *) sqlite3_column_text (stmt, 4), &event->action);
  event->from_state = mdg_consultation_state_from_string ((const char *) sqlite3_column_text (stmt, 5), &from)
                        ? (int) from : -1;
  mdg_consultation_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &event->to_state);
  event->assignee_name = _mdg_sql_column_dup_or_null (stmt, 7);
  event->referral_name = _mdg_sql_column_dup_or_null (stmt, _mdg_reference_in_japanese () ? 8 : 9);
  event->note = _mdg_sql_column_dup_or_null (stmt, 10);
  return event;
}

/* Returns: (transfer container) (element-type MdgConsultationEvent): the history, oldest first */
GPtrArray *
mdg_consultation_store_list_history (MdgDatabase  *db,
                                     gint64        id,
                                     GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT e.id, e.at, e.staff_id, s.name, e.action, e.from_state, e.to_state, a.name,"
                                 " r.name_ja, r.name_en, e.note FROM consultation_event AS e"
                                 " LEFT JOIN staff AS s ON s.id = e.staff_id"
                                 " LEFT JOIN staff AS a ON a.id = e.assignee_id"
                                 " LEFT JOIN referral AS r ON r.id = e.referral_id"
                                 " WHERE e.consultation_id = ? ORDER BY e.at, e.id",
                                 id, event_row, (GDestroyNotify) mdg_consultation_event_free,
                                 _("Could not read the consultation’s history"), error);
}

void
mdg_consultation_attachment_free (MdgConsultationAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

static gpointer
attachment_row (sqlite3_stmt *stmt)
{
  MdgConsultationAttachment *attachment = g_new0 (MdgConsultationAttachment, 1);

  attachment->filename = _mdg_sql_column_dup (stmt, 0);
  attachment->content_type = _mdg_sql_column_dup_or_null (stmt, 1);
  attachment->size = sqlite3_column_int64 (stmt, 2);
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    attachment->data = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
  return attachment;
}

/* Returns: (transfer container) (element-type MdgConsultationAttachment): its attachments, in order */
GPtrArray *
mdg_consultation_store_list_attachments (MdgDatabase  *db,
                                         gint64        id,
                                         GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 "SELECT filename, content_type, size, data FROM consultation_attachment"
                                 " WHERE consultation_id = ? ORDER BY position",
                                 id, attachment_row, (GDestroyNotify) mdg_consultation_attachment_free,
                                 _("Could not read the attachments"), error);
}

/*
 * A list statement for @filter: @columns, then the consultations and @joins. NULL with
 * @error unset when a search has nothing to find.
 *
 * A search walks the index from the newest entry (FTS5 returns rowids in descending
 * order at no cost) and joins each hit to its consultation, so that it stops at the
 * limit: a common word matches thousands of consultations, and sorting them all by
 * date would cost far more than a keystroke's worth.
 */
static sqlite3_stmt *
prepare_list (MdgDatabase                  *db,
              const MdgConsultationFilter  *filter,
              const char                   *columns,
              const char                   *joins,
              GError                      **error)
{
  g_autoptr(GString) sql = g_string_new (columns);
  g_autoptr(GPtrArray) binds = NULL;
  g_autofree char *search = NULL;
  g_autofree char *today = NULL;
  gboolean open_queue = FALSE;
  sqlite3_stmt *stmt;
  GDate now;

  if (filter->query != NULL)
    {
      g_autoptr(GString) where = g_string_new ("1");

      binds = g_ptr_array_new_with_free_func (g_free);
      if (!_mdg_search_add_clause ("consultation_index", filter->query, where, binds, error))
        return NULL;
      /* A query with nothing to find lists as if there were none. */
      if (binds->len > 0)
        search = g_string_free (g_steal_pointer (&where), FALSE);
    }
  if (search != NULL)
    g_string_append_printf (sql, " FROM consultation_index AS s JOIN consultation AS c ON c.id = s.rowid%s WHERE %s",
                            joins, search);
  else
    g_string_append_printf (sql, " FROM consultation AS c%s WHERE 1", joins);

  switch (filter->queue)
    {
    case MDG_CONSULTATION_QUEUE_MINE:
      g_string_append (sql, " AND c.assignee_id = :staff AND c.state IN " OPEN_STATES);
      open_queue = TRUE;
      break;
    case MDG_CONSULTATION_QUEUE_UNASSIGNED:
      g_string_append (sql, " AND c.assignee_id IS NULL AND c.state = 'new'");
      open_queue = TRUE;
      break;
    case MDG_CONSULTATION_QUEUE_DISPATCHED:
      g_string_append (sql, " AND c.state = 'dispatched'");
      open_queue = TRUE;
      break;
    case MDG_CONSULTATION_QUEUE_WAITING_FOLLOW_UP:
      g_string_append (sql, " AND c.id IN (SELECT f.consultation_id FROM follow_up AS f WHERE f.state = 'open')");
      break;
    case MDG_CONSULTATION_QUEUE_OVERDUE:
      g_string_append (sql, " AND c.state IN " OPEN_STATES " AND c.due_date < :today");
      open_queue = TRUE;
      break;
    case MDG_CONSULTATION_QUEUE_ALL:
    default:
      break;
    }
  if (filter->state >= 0)
    g_string_append (sql, " AND c.state = :state");
  if (filter->assignee_id > 0)
    g_string_append (sql, " AND c.assignee_id = :assignee");
  if (filter->seminar_id > 0)
    g_string_append (sql, " AND c.seminar_id = :seminar");
  if (filter->organization_id > 0)
    g_string_append (sql, " AND c.organization_id = :organization");
  if (filter->person_id > 0)
    g_string_append (sql, " AND c.person_id = :person");

  /* Work queues show what is most pressing first; the others, and searches, the newest first. */
  if (search != NULL)
    g_string_append (sql, " ORDER BY s.rowid DESC");
  else if (open_queue)
    g_string_append (sql, " ORDER BY CASE c.urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2"
                          " ELSE 3 END, c.due_date, c.received_at, c.id");
  else
    g_string_append (sql, " ORDER BY c.received_at DESC, c.id DESC");
  if (filter->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; binds && i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);
  if (g_date_valid (&filter->today))
    now = filter->today;
  else
    mdg_date_set_today (&now);
  today = mdg_date_to_iso (&now);
  _mdg_sql_bind_named_int64 (stmt, ":staff", filter->staff_id);
  _mdg_sql_bind_named_int64 (stmt, ":assignee", filter->assignee_id);
  _mdg_sql_bind_named_int64 (stmt, ":seminar", filter->seminar_id);
  _mdg_sql_bind_named_int64 (stmt, ":organization", filter->organization_id);
  _mdg_sql_bind_named_int64 (stmt, ":person", filter->person_id);
  if (filter->state >= 0)
    _mdg_sql_bind_named_text (stmt, ":state", mdg_consultation_state_to_string (filter->state));
  _mdg_sql_bind_named_text (stmt, ":today", today);
  return stmt;
}

/**
 * mdg_consultation_store_list:
 * @db: a #MdgDatabase
 * @filter: which consultations
 * @error: a location for a #GError
 *
 * Work queues (mine, unassigned, dispatched, overdue) come most urgent first, then by
 * due date; other lists, and every search, newest first.
 *
 * Returns: (transfer container) (element-type MdgConsultation): the consultations
 */
GPtrArray *
mdg_consultation_store_list (MdgDatabase                  *db,
                             const MdgConsultationFilter  *filter,
                             GError                      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  stmt = prepare_list (db, filter, CONSULTATION_COLUMNS, CONSULTATION_JOINS, &local_error);
  if (stmt == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      return g_ptr_array_new_with_free_func (g_object_unref);
    }
  return collect (db, stmt, error);
}

static GPtrArray *
list_in_thread (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  return mdg_consultation_store_list (connection, data, error);
}

/* mdg_consultation_store_list() in a worker thread, on its own connection. */
void
mdg_consultation_store_list_async (MdgDatabase                  *db,
                                   const MdgConsultationFilter  *filter,
                                   GCancellable                 *cancellable,
                                   GAsyncReadyCallback           callback,
                                   gpointer                      user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (filter != NULL);

  _mdg_database_list_async (db, list_in_thread, mdg_consultation_filter_copy (filter),
                            (GDestroyNotify) mdg_consultation_filter_free, mdg_consultation_store_list_async,
                            cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgConsultation): the consultations */
GPtrArray *
mdg_consultation_store_list_finish (MdgDatabase   *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_consultation_store_list_async, error);
}

/* Returns: (transfer full) (element-type gint64): the ids of @filter's list, in its order */
GArray *
_mdg_consultation_store_list_ids (MdgDatabase                  *db,
                                  const MdgConsultationFilter  *filter,
                                  GError                      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local_error = NULL;
  int rc;

  stmt = prepare_list (db, filter, "SELECT c.id", "", &local_error);
  if (stmt == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      return g_steal_pointer (&ids);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (_mdg_database_get_handle (db), error, _("Could not read the consultations"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Returns: (transfer container) (element-type MdgConsultation): the consultations of
 *   @ids that exist, in no particular order */
GPtrArray *
_mdg_consultation_store_load_many (MdgDatabase  *db,
                                   GArray       *ids,
                                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = _mdg_ids_to_json (ids);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           SELECT_CONSULTATION " WHERE c.id IN (SELECT value FROM json_each(?1))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  return collect (db, stmt, error);
}

/**
 * mdg_consultation_store_count_queues:
 * @db: a #MdgDatabase
 * @staff_id: whose queue "mine" is (0 for nobody's)
 * @today: (nullable): the day "overdue" is measured on; %NULL for today
 * @counts: (out caller-allocates): the counts
 * @error: a location for a #GError
 *
 * How many consultations each queue holds, in two statements that read only the open
 * consultations' index entries and the open follow-ups.
 */
gboolean
mdg_consultation_store_count_queues (MdgDatabase     *db,
                                     gint64           staff_id,
                                     const GDate     *today,
                                     MdgQueueCounts  *counts,
                                     GError         **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = NULL;
  GDate now;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (today == NULL || !g_date_valid (today))
    {
      mdg_date_set_today (&now);
      today = &now;
    }
  day = mdg_date_to_iso (today);
  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT (SELECT count(*) FROM consultation),"
                           " count(*) FILTER (WHERE assignee_id = ?1),"
                           " count(*) FILTER (WHERE assignee_id IS NULL AND state = 'new'),"
                           " count(*) FILTER (WHERE state = 'dispatched'),"
                           " count(*) FILTER (WHERE due_date < ?2),"
                           " (SELECT count(DISTINCT consultation_id) FROM follow_up WHERE state = 'open')"
                           " FROM consultation WHERE state IN " OPEN_STATES,
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (handle, error, _("Could not count the consultations"));
      return FALSE;
    }
  counts->all = sqlite3_column_int (stmt, 0);
  counts->mine = sqlite3_column_int (stmt, 1);
  counts->unassigned = sqlite3_column_int (stmt, 2);
  counts->dispatched = sqlite3_column_int (stmt, 3);
  counts->overdue = sqlite3_column_int (stmt, 4);
  counts->waiting_follow_up = sqlite3_column_int (stmt, 5);
  return TRUE;
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(MdgDatabase) connection = NULL;
  MdgQueueCounts *counts = g_new0 (MdgQueueCounts, 1);
  GError *error = NULL;

  if (!(connection = _mdg_database_open_worker (source_object, &error)) ||
      !mdg_consultation_store_count_queues (connection, *(gint64 *) task_data, NULL, counts, &error))
    {
      g_free (counts);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, counts, g_free);
}

/* mdg_consultation_store_count_queues() for today, in a worker thread. */
void
mdg_consultation_store_count_queues_async (MdgDatabase         *db,
                                           gint64               staff_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MDG_IS_DATABASE (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_consultation_store_count_queues_async);
  g_task_set_task_data (task, g_memdup2 (&staff_id, sizeof staff_id), g_free);
  g_task_run_in_thread (task, count_thread);
}

gboolean
mdg_consultation_store_count_queues_finish (MdgDatabase     *db,
                                            GAsyncResult    *result,
                                            MdgQueueCounts  *counts,
                                            GError         **error)
{
  g_autofree MdgQueueCounts *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_consultation_store_count_queues_async, FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  *counts = *found;
  return TRUE;
}

/**
 * _mdg_consultation_store_forget_person:
 * @db: a #MdgDatabase inside the person deletion's transaction
 * @person_id: the person being deleted
 * @error: a location for a #GError
 *
 * Their consultations (linked to them, or e-mailed from their address) stay, so that
 * the desk's figures still add up, but lose every word they could be recognised by:
 * subject, question, answer, history notes, the e-mail's headers and body, and the
 * attachments; follow-ups of their consultations and registrations lose their text.
 * Drafts that name them go. The consultation index is rewritten afterwards.
 */
gboolean
_mdg_consultation_store_forget_person (sqlite3      *handle,
                                       gint64        person_id,
                                       GError      **error)
{
  static const char *steps[] = {
    "CREATE TEMP TABLE IF NOT EXISTS forget (id INTEGER PRIMARY KEY)",
    "DELETE FROM forget",
    ("INSERT OR IGNORE INTO forget (id) SELECT id FROM consultation WHERE person_id = ?1"
     " UNION SELECT m.consultation_id FROM consultation_mail AS m JOIN person AS p ON p.id = ?1"
     " WHERE p.email IS NOT NULL AND m.from_address = p.email COLLATE NOCASE"),
    "UPDATE consultation SET subject = '—', question = NULL, answer = NULL WHERE id IN (SELECT id FROM forget)",
    "UPDATE consultation_event SET note = NULL WHERE consultation_id IN (SELECT id FROM forget)",
    "DELETE FROM consultation_mail WHERE consultation_id IN (SELECT id FROM forget)",
    "DELETE FROM consultation_attachment WHERE consultation_id IN (SELECT id FROM forget)",
    ("UPDATE follow_up SET title = '—', advice = NULL WHERE consultation_id IN (SELECT id FROM forget)"
     " OR registration_id IN (SELECT id FROM registration WHERE person_id = ?1)"),
    "DELETE FROM draft WHERE person_id = ?1",
    "DELETE FROM forget",
    "INSERT INTO consultation_index (consultation_index) VALUES ('optimize')",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, steps[i], error);

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_bind_parameter_count (stmt) > 0)
        sqlite3_bind_int64 (stmt, 1, person_id);
      if (!_mdg_sql_step_done (handle, stmt, error))
        return FALSE;
    }
  return TRUE;
}
