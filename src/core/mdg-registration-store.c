/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-registration-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-person-store-private.h"
#include "mdg-organization.h"
#include "mdg-registration-store.h"
#include "mdg-text.h"

#define NOW_UTC "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

#define SELECT_ATTENDEE                                                                   \
  "SELECT r.id, r.seminar_id, r.number, r.status, r.source, r.checked_in_at, "            \
  MDG_PERSON_COLUMNS ("p", "o") ", "                                                      \
  "r.applied_at, r.attendance, r.questions, r.answers, o.kana, o.industry, o.employees, o.address" \
  " FROM registration AS r JOIN person AS p ON p.id = r.person_id"                        \
  " LEFT JOIN organization AS o ON o.id = p.organization_id"
#define DETAILS_COLUMN (6 + MDG_PERSON_N_COLUMNS)

static GDateTime *
parse_utc (const char *text)
{
  g_autoptr(GDateTime) utc = NULL;

  if (text == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (text, NULL);
  return utc ? g_date_time_to_local (utc) : NULL;
}

static MdgAttendee *
attendee_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(MdgPerson) person = _mdg_person_from_row (stmt, 6);
  g_autoptr(GDateTime) checked_in_at = parse_utc ((const char *) sqlite3_column_text (stmt, 5));
  MdgRegistrationStatus status = MDG_REGISTRATION_STATUS_REGISTERED;
  const char *source = (const char *) sqlite3_column_text (stmt, 4);

  g_autoptr(GDateTime) applied_at = parse_utc ((const char *) sqlite3_column_text (stmt, DETAILS_COLUMN));
  g_autoptr(GPtrArray) answers = mdg_answers_from_json ((const char *) sqlite3_column_text (stmt, DETAILS_COLUMN + 3));
  MdgAttendance attendance = MDG_ATTENDANCE_UNKNOWN;
  MdgAttendee *attendee;

  mdg_registration_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &status);
  mdg_attendance_from_string ((const char *) sqlite3_column_text (stmt, DETAILS_COLUMN + 1), &attendance);
  attendee = _mdg_attendee_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), person,
                                (const char *) sqlite3_column_text (stmt, 2), status,
                                g_strcmp0 (source, "csv") == 0        ? MDG_REGISTRATION_SOURCE_CSV
                                : g_strcmp0 (source, "web-form") == 0 ? MDG_REGISTRATION_SOURCE_WEB_FORM
                                                                       : MDG_REGISTRATION_SOURCE_MANUAL,
                                checked_in_at);
  _mdg_attendee_set_details (attendee, applied_at, attendance,
                             (const char *) sqlite3_column_text (stmt, DETAILS_COLUMN + 2), answers);
  if (mdg_person_get_organization_id (person) > 0)
    {
      g_autoptr(MdgOrganization) organization = mdg_organization_new ();

      _mdg_organization_set_id (organization, mdg_person_get_organization_id (person));
      mdg_organization_set_text (organization, MDG_ORGANIZATION_NAME,
                                 mdg_person_get_text (person, MDG_PERSON_ORGANIZATION));
      mdg_organization_set_text (organization, MDG_ORGANIZATION_KANA,
                                 (const char *) sqlite3_column_text (stmt, DETAILS_COLUMN + 4));
      mdg_organization_set_text (organization, MDG_ORGANIZATION_INDUSTRY,
                                 (const char *) sqlite3_column_text (stmt, DETAILS_COLUMN + 5));
      mdg_organization_set_employees (organization, MAX (0, sqlite3_column_int (stmt, DETAILS_COLUMN + 6)));
      mdg_organization_set_text (organization, MDG_ORGANIZATION_ADDRESS,
                                 (const char *) sqlite3_column_text (stmt, DETAILS_COLUMN + 7));
      _mdg_attendee_set_organization (attendee, organization);
    }
  return attendee;
}

/* The attendees @sql selects for the seminar bound to its one parameter. */
static GPtrArray *
collect_attendees (MdgDatabase  *db,
                   const char   *sql,
                   gint64        seminar_id,
                   const char   *context,
                   GError      **error)
{
  return _mdg_sql_collect_query (_mdg_database_get_handle (db), sql, seminar_id, (MdgRowFunc) attendee_from_row,
                                 g_object_unref, context, error);
}

/**
 * mdg_registration_store_list:
 * @db: a #MdgDatabase
 * @seminar_id: a seminar
 * @error: a location for a #GError
 *
 * Every registration of the seminar (cancelled ones too), in the order attendee lists
 * print them: by reading, with the kana collation.
 *
 * Returns: (transfer container) (element-type MdgAttendee): the attendees
 */
GPtrArray *
mdg_registration_store_list (MdgDatabase  *db,
                             gint64        seminar_id,
                             GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return collect_attendees (db, SELECT_ATTENDEE " WHERE r.seminar_id = ? ORDER BY " MDG_PERSON_KANA_ORDER ("p"),
                            seminar_id, _("Could not read the attendees"), error);
}

/**
 * mdg_registration_store_list_async:
 * @db: a #MdgDatabase
 * @seminar_id: a seminar
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the attendees are read
 * @user_data: data for @callback
 *
 * mdg_registration_store_list() in a worker thread, on its own connection.
 */
void
mdg_registration_store_list_async (MdgDatabase         *db,
                                   gint64               seminar_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_by_id_async (db, mdg_registration_store_list, seminar_id, mdg_registration_store_list_async,
                                  cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgAttendee): the attendees */
GPtrArray *
mdg_registration_store_list_finish (MdgDatabase   *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_registration_store_list_async, error);
}

static gint64
query_int (sqlite3     *handle,
           const char  *sql,
           gint64       a,
           gint64       b,
           gboolean    *found,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);

  *found = FALSE;
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  *found = TRUE;
  return sqlite3_column_int64 (stmt, 0);
}

/* Madoguchi numbers registrations that bring none: M0001, M0002, … */
static char *
next_number (sqlite3 *handle,
             gint64   seminar_id)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle,
                                                   "SELECT 1 FROM registration WHERE seminar_id = ? AND number = ?",
                                                   NULL);
  g_autoptr(sqlite3_stmt) last = _mdg_sql_prepare (handle,
                                                   "SELECT number FROM registration WHERE seminar_id = ?"
                                                   " AND number >= 'M0' AND number < 'M:' ORDER BY number DESC LIMIT 1",
                                                   NULL);
  gint64 n = 0;

  /* The highest number made so far, straight from the (seminar_id, number) index. */
  sqlite3_bind_int64 (last, 1, seminar_id);
  if (sqlite3_step (last) == SQLITE_ROW)
    n = g_ascii_strtoll ((const char *) sqlite3_column_text (last, 0) + 1, NULL, 10);

  for (n = MAX (n, 0) + 1;; n++)
    {
      g_autofree char *number = g_strdup_printf ("M%04" G_GINT64_FORMAT, n);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, seminar_id);
      sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return g_steal_pointer (&number);
    }
}

/* The status a new registration gets: the waitlist once the seminar is full, or has a queue. */
static gboolean
status_for_new (sqlite3                *handle,
                gint64                  seminar_id,
                MdgRegistrationStatus  *status,
                GError                **error)
{
  gboolean found;
  gint64 capacity = query_int (handle, "SELECT coalesce(capacity, 0) FROM seminar WHERE id = ?", seminar_id, 0,
                               &found, error);
  gint64 registered, waiting;

  if (!found)
    {
      if (error && *error == NULL)
        g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no seminar %lld"), (long long) seminar_id);
      return FALSE;
    }

  /* Without a capacity nobody waits; with one, count no further than it (an import
   * adds rows one by one, and counting them all each time would be quadratic). */
  if (capacity <= 0)
    {
      *status = MDG_REGISTRATION_STATUS_REGISTERED;
      return TRUE;
    }
  registered = query_int (handle,
                          "SELECT count(*) FROM (SELECT 1 FROM registration WHERE seminar_id = ?1"
                          " AND status = 'registered' LIMIT ?2)",
                          seminar_id, capacity, &found, error);
  waiting = query_int (handle,
                       "SELECT EXISTS (SELECT 1 FROM registration WHERE seminar_id = ? AND status = 'waitlisted')",
                       seminar_id, 0, &found, error);
  *status = registered >= capacity || waiting > 0 ? MDG_REGISTRATION_STATUS_WAITLISTED
                                                  : MDG_REGISTRATION_STATUS_REGISTERED;
  return TRUE;
}

MdgAttendee *
_mdg_registration_store_add (MdgDatabase            *db,
                             gint64                  seminar_id,
                             MdgPerson              *person,
                             MdgRegistrationSource   source,
                             const char             *number,
                             GError                **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *normal_number = mdg_text_normalize (number);
  MdgRegistrationStatus status;
  gboolean found;
  gint64 previous;

  /* Ｆ－１ from a full-width form is the F-1 a scanner types at the door. */
  number = normal_number;
  if (!status_for_new (handle, seminar_id, &status, error))
    return NULL;

  if (mdg_person_get_id (person) == 0 && _mdg_person_store_insert (db, person, error) == 0)
    return NULL;

  previous = query_int (handle, "SELECT id FROM registration WHERE seminar_id = ? AND person_id = ?", seminar_id,
                        mdg_person_get_id (person), &found, error);
  if (found)
    {
      g_autofree char *name = mdg_person_dup_name (person);
      gboolean cancelled;

      query_int (handle, "SELECT 1 FROM registration WHERE id = ? AND status = 'cancelled'", previous, 0,
                 &cancelled, NULL);
      if (!cancelled)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS, _("%s is already registered for this seminar"), name);
          return NULL;
        }
      /* Registering again after cancelling revives the registration, at the back of the queue. */
      stmt = _mdg_sql_prepare (handle,
                               "UPDATE registration SET status = ?2, registered_at = " NOW_UTC ","
                               " applied_at = " NOW_UTC ", checked_in_at = NULL"
                               " WHERE id = ?1 RETURNING id",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, previous);
      sqlite3_bind_text (stmt, 2, mdg_registration_status_to_string (status), -1, SQLITE_STATIC);
    }
  else
    {
      if (number == NULL)
        number = generated = next_number (handle, seminar_id);
      else
        {
          g_autoptr(sqlite3_stmt) taken = _mdg_sql_prepare (
            handle, "SELECT 1 FROM registration WHERE seminar_id = ? AND number = ?", error);

          if (taken == NULL)
            return NULL;
          sqlite3_bind_int64 (taken, 1, seminar_id);
          sqlite3_bind_text (taken, 2, number, -1, SQLITE_STATIC);
          if (sqlite3_step (taken) == SQLITE_ROW)
            {
              g_set_error (error, MDG_ERROR, MDG_ERROR_CONSTRAINT,
                           _("The registration number %s is already used in this seminar"), number);
              return NULL;
            }
        }

      MdgRegistrationRow row = {
        .seminar_id = seminar_id, .person_id = mdg_person_get_id (person), .number = number,
        .status = status, .source = source,
      };

      stmt = _mdg_registration_store_prepare_insert (db, error);
      if (stmt == NULL || (previous = _mdg_registration_store_insert (db, stmt, &row, error)) == 0)
        return NULL;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _mdg_sql_set_error (handle, error, _("Could not save the registration"));
          return NULL;
        }
      previous = sqlite3_column_int64 (stmt, 0);
    }

  {
    gint64 id = previous;
    g_autoptr(sqlite3_stmt) row = _mdg_sql_prepare (handle, SELECT_ATTENDEE " WHERE r.id = ?", error);

    if (row == NULL)
      return NULL;
    sqlite3_bind_int64 (row, 1, id);
    if (sqlite3_step (row) != SQLITE_ROW)
      {
        _mdg_sql_set_error (handle, error, _("Could not read the registration"));
        return NULL;
      }
    return attendee_from_row (row);
  }
}

static void bind_row (sqlite3_stmt *stmt, int first, const MdgRegistrationRow *row);

/* The statement that adds registrations, prepared once for many (an import). */
sqlite3_stmt *
_mdg_registration_store_prepare_insert (MdgDatabase  *db,
                                        GError      **error)
{
  return _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "INSERT INTO registration (seminar_id, person_id, number, status, source, applied_at,"
                           " attendance, questions, answers) VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, " NOW_UTC "),"
                           " ?7, ?8, ?9) RETURNING id",
                           error);
}

/**
 * _mdg_registration_store_insert:
 * @db: a #MdgDatabase inside a transaction
 * @stmt: from _mdg_registration_store_prepare_insert()
 * @row: the registration
 * @error: a location for a #GError
 *
 * Returns: the new registration's id, or 0 with @error set
 */
gint64
_mdg_registration_store_insert (MdgDatabase               *db,
                                sqlite3_stmt              *stmt,
                                const MdgRegistrationRow  *row,
                                GError                   **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  gint64 id = 0;

  sqlite3_reset (stmt);
  bind_row (stmt, 1, row);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (!_mdg_sql_step_done (handle, stmt, error))
        id = 0;
    }
  else if ((sqlite3_extended_errcode (handle) & 0xff) == SQLITE_CONSTRAINT &&
           sqlite3_extended_errcode (handle) == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, MDG_ERROR, MDG_ERROR_CONSTRAINT,
                 _("The registration number %s is already used in this seminar"), row->number);
  else
    _mdg_sql_set_error (handle, error, _("Could not save the registration"));
  sqlite3_reset (stmt);
  return id;
}

static void
bind_row (sqlite3_stmt             *stmt,
          int                       first,
          const MdgRegistrationRow *row)
{
  sqlite3_bind_int64 (stmt, first, row->seminar_id);
  sqlite3_bind_int64 (stmt, first + 1, row->person_id);
  sqlite3_bind_text (stmt, first + 2, row->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 3, mdg_registration_status_to_string (row->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 4, mdg_registration_source_to_string (row->source), -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, first + 5, row->applied_at);
  _mdg_sql_bind_text (stmt, first + 6, mdg_attendance_to_string (row->attendance));
  _mdg_sql_bind_text (stmt, first + 7, row->questions);
  _mdg_sql_bind_text (stmt, first + 8, row->answers);
}

static void
bind_one_of_many (sqlite3_stmt *stmt,
                  int           first,
                  guint         row,
                  gpointer      data)
{
  bind_row (stmt, first, &((const MdgRegistrationRow *) data)[row]);
}

/**
 * _mdg_registration_store_insert_many:
 * @db: a #MdgDatabase inside a write transaction
 * @rows: (array length=n_rows): the registrations; each needs its applied time
 * @n_rows: how many
 * @error: a location for a #GError
 *
 * Inserts many registrations with few statements (an import).
 */
gboolean
_mdg_registration_store_insert_many (MdgDatabase               *db,
                                     const MdgRegistrationRow  *rows,
                                     guint                      n_rows,
                                     GError                   **error)
{
  return _mdg_sql_insert_rows (_mdg_database_get_handle (db),
                               "INSERT INTO registration (seminar_id, person_id, number, status, source, applied_at,"
                               " attendance, questions, answers)",
                               9, n_rows, bind_one_of_many, (gpointer) rows, _("Could not save the registration"),
                               error);
}

/**
 * mdg_registration_store_register:
 * @db: a #MdgDatabase
 * @seminar_id: the seminar
 * @person: an existing person, or a new one (id 0), saved first
 * @source: how the registration came in
 * @number: (nullable): the registration number from the form, or %NULL to have one made
 * @error: a location for a #GError
 *
 * Registers a person. Past the seminar's capacity (or behind others waiting) the
 * registration goes to the waitlist, in order.
 *
 * Returns: (transfer full): the attendee, registered or waitlisted
 */
MdgAttendee *
mdg_registration_store_register (MdgDatabase            *db,
                                 gint64                  seminar_id,
                                 MdgPerson              *person,
                                 MdgRegistrationSource   source,
                                 const char             *number,
                                 GError                **error)
{
  g_autoptr(MdgAttendee) attendee = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (MDG_IS_PERSON (person), NULL);

  if (!mdg_database_begin (db, error))
    return NULL;
  attendee = _mdg_registration_store_add (db, seminar_id, person, source, number, error);
  if (attendee == NULL)
    {
      mdg_database_rollback (db);
      return NULL;
    }
  if (!mdg_database_commit (db, error))
    return NULL;
  return g_steal_pointer (&attendee);
}

/**
 * _mdg_registration_store_promote:
 * @db: a #MdgDatabase inside a transaction
 * @seminar_id: a seminar
 * @error: a location for a #GError
 *
 * Moves people up from the waitlist while the seminar has room, in the order they
 * applied (the form's time, not the order of a file).
 *
 * Returns: (transfer full) (element-type gint64): the registrations promoted, or %NULL
 *   with @error set
 */
GArray *
_mdg_registration_store_promote (MdgDatabase  *db,
                                 gint64        seminar_id,
                                 GError      **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* One statement: the free places are counted once, then filled in applied order. */
  stmt = _mdg_sql_prepare (handle,
                           "UPDATE registration SET status = 'registered' WHERE id IN"
                           " (SELECT r.id FROM registration AS r WHERE r.seminar_id = ?1 AND r.status = 'waitlisted'"
                           "  ORDER BY r.applied_at, r.id LIMIT max(0, (SELECT coalesce(capacity, 0) FROM seminar"
                           "  WHERE id = ?1) - (SELECT count(*) FROM registration WHERE seminar_id = ?1"
                           "  AND status = 'registered'))) RETURNING id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seminar_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (moved, id);
    }
  if (rc != SQLITE_DONE)
    {
      _mdg_sql_set_error (handle, error, _("Could not move people up from the waitlist"));
      return NULL;
    }
  return g_steal_pointer (&moved);
}

/**
 * mdg_registration_store_cancel:
 * @db: a #MdgDatabase
 * @attendee: a registration; its status follows
 * @promoted: (out) (optional) (nullable) (transfer full): who moved up from the waitlist
 * @error: a location for a #GError
 *
 * Cancels a registration. A place that frees up goes to the first person on the
 * waitlist, in the same transaction.
 */
gboolean
mdg_registration_store_cancel (MdgDatabase  *db,
                               MdgAttendee  *attendee,
                               MdgAttendee **promoted,
                               GError      **error)
{
  sqlite3 *handle;
  gboolean found;
  gint64 next = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_ATTENDEE (attendee), FALSE);

  if (promoted)
    *promoted = NULL;
  if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_CANCELLED)
    return TRUE;

  handle = _mdg_database_get_handle (db);
  if (!mdg_database_begin (db, error))
    return FALSE;

  query_int (handle, "UPDATE registration SET status = 'cancelled', checked_in_at = NULL WHERE id = ? RETURNING id",
             mdg_attendee_get_id (attendee), 0, &found, error);
  if (!found)
    goto fail;

  {
    g_autoptr(GArray) moved = _mdg_registration_store_promote (db, mdg_attendee_get_seminar_id (attendee), error);

    if (moved == NULL)
      goto fail;
    next = moved->len > 0 ? g_array_index (moved, gint64, 0) : 0;
  }
  if (next != 0 && promoted)
    {
      g_autoptr(sqlite3_stmt) row = _mdg_sql_prepare (handle, SELECT_ATTENDEE " WHERE r.id = ?", error);

      if (row != NULL)
        {
          sqlite3_bind_int64 (row, 1, next);
          if (sqlite3_step (row) == SQLITE_ROW)
            *promoted = attendee_from_row (row);
        }
    }

  if (!mdg_database_commit (db, error))
    {
      if (promoted)
        g_clear_object (promoted);
      return FALSE;
    }
  _mdg_attendee_set_status (attendee, MDG_REGISTRATION_STATUS_CANCELLED);
  _mdg_attendee_set_checked_in_at (attendee, NULL);
  return TRUE;

fail:
  if (error && *error == NULL)
    _mdg_sql_set_error (handle, error, _("Could not cancel the registration"));
  mdg_database_rollback (db);
  return FALSE;
}

/**
 * mdg_registration_store_check_in:
 * @db: a #MdgDatabase
 * @attendee: a registered attendee; follows the change
 * @checked_in: %TRUE to check in now, %FALSE to undo a check-in
 * @error: a location for a #GError
 *
 * Only registered attendees check in; the waitlisted and cancelled are refused with a
 * message saying so.
 */
gboolean
mdg_registration_store_check_in (MdgDatabase  *db,
                                 MdgAttendee  *attendee,
                                 gboolean      checked_in,
                                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) when = NULL;
  sqlite3 *handle;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_ATTENDEE (attendee), FALSE);

  if (mdg_attendee_get_status (attendee) != MDG_REGISTRATION_STATUS_REGISTERED)
    {
      g_autofree char *name = mdg_person_dup_name (mdg_attendee_get_person (attendee));

      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED
                     ? _("%s is on the waitlist, not registered")
                     : _("%s cancelled the registration"),
                   name);
      return FALSE;
    }

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "UPDATE registration SET checked_in_at = CASE WHEN ?2 THEN " NOW_UTC " END"
                           " WHERE id = ?1 AND status = 'registered' RETURNING checked_in_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mdg_attendee_get_id (attendee));
  sqlite3_bind_int (stmt, 2, checked_in);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (sqlite3_errcode (handle) == SQLITE_ROW || sqlite3_errcode (handle) == SQLITE_DONE)
        g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                             _("The registration was cancelled or deleted meanwhile"));
      else
        _mdg_sql_set_error (handle, error, _("Could not save the check-in"));
      return FALSE;
    }
  when = parse_utc ((const char *) sqlite3_column_text (stmt, 0));
  _mdg_sql_step_done (handle, stmt, NULL);
  _mdg_attendee_set_checked_in_at (attendee, when);
  return TRUE;
}

/**
 * mdg_registration_store_counts:
 * @db: a #MdgDatabase
 * @seminar_id: a seminar
 * @counts: (out): registered, waitlisted, cancelled and checked in
 * @error: a location for a #GError
 */
gboolean
mdg_registration_store_counts (MdgDatabase            *db,
                               gint64                  seminar_id,
                               MdgRegistrationCounts  *counts,
                               GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  *counts = (MdgRegistrationCounts) { 0 };
  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                           "SELECT count(*) FILTER (WHERE status = 'registered'),"
                           " count(*) FILTER (WHERE status = 'waitlisted'),"
                           " count(*) FILTER (WHERE status = 'cancelled'),"
                           " count(*) FILTER (WHERE status = 'registered' AND checked_in_at IS NOT NULL),"
                           " count(*) FILTER (WHERE status = 'registered' AND attendance IS NOT 'online'),"
                           " count(*) FILTER (WHERE status = 'registered' AND attendance IS 'online')"
                           " FROM registration WHERE seminar_id = ? AND person_id IS NOT NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seminar_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mdg_sql_set_error (_mdg_database_get_handle (db), error, _("Could not count the attendees"));
      return FALSE;
    }
  counts->registered = sqlite3_column_int (stmt, 0);
  counts->waitlisted = sqlite3_column_int (stmt, 1);
  counts->cancelled = sqlite3_column_int (stmt, 2);
  counts->checked_in = sqlite3_column_int (stmt, 3);
  counts->venue = sqlite3_column_int (stmt, 4);
  counts->online = sqlite3_column_int (stmt, 5);
  return TRUE;
}

/**
 * mdg_registration_store_save_details:
 * @db: a #MdgDatabase
 * @attendee: a registration; follows the change
 * @attendance: how the person attends
 * @questions: (nullable): the questions for the presenter
 * @error: a location for a #GError
 *
 * Saves what a registration editor changes beside the person: venue or online, and
 * the questions sent in advance.
 */
gboolean
mdg_registration_store_save_details (MdgDatabase    *db,
                                     MdgAttendee    *attendee,
                                     MdgAttendance   attendance,
                                     const char     *questions,
                                     GError        **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_ATTENDEE (attendee), FALSE);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, "UPDATE registration SET attendance = ?2, questions = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mdg_attendee_get_id (attendee));
  _mdg_sql_bind_text (stmt, 2, mdg_attendance_to_string (attendance));
  _mdg_sql_bind_text (stmt, 3, questions);
  if (!_mdg_sql_step_done (handle, stmt, error))
    return FALSE;
  if (sqlite3_changes (handle) == 0)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("The registration was deleted meanwhile"));
      return FALSE;
    }
  _mdg_attendee_set_details (attendee, mdg_attendee_get_applied_at (attendee), attendance, questions,
                             mdg_attendee_get_answers (attendee));
  return TRUE;
}

/**
 * mdg_registration_store_list_questions:
 * @db: a #MdgDatabase
 * @seminar_id: a seminar
 * @error: a location for a #GError
 *
 * The questions people sent the presenter with their registration, as the presenter
 * reads them: registrations that were not cancelled, in the order people applied.
 *
 * Returns: (transfer container) (element-type MdgAttendee): the attendees with questions
 */
GPtrArray *
mdg_registration_store_list_questions (MdgDatabase  *db,
                                       gint64        seminar_id,
                                       GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return collect_attendees (db,
                            SELECT_ATTENDEE " WHERE r.seminar_id = ? AND r.status <> 'cancelled'"
                            " AND r.questions IS NOT NULL ORDER BY r.applied_at, r.id",
                            seminar_id, _("Could not read the questions"), error);
}

/* mdg_registration_store_list_questions() in a worker thread, on its own connection. */
void
mdg_registration_store_list_questions_async (MdgDatabase         *db,
                                             gint64               seminar_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_by_id_async (db, mdg_registration_store_list_questions, seminar_id,
                                  mdg_registration_store_list_questions_async, cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgAttendee): the attendees with questions */
GPtrArray *
mdg_registration_store_list_questions_finish (MdgDatabase   *db,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_registration_store_list_questions_async, error);
}

/**
 * mdg_registration_store_find:
 * @attendees: (element-type MdgAttendee): a seminar's attendees
 * @query: a name, reading in any kana script, organization, e-mail or registration number
 *
 * The check-in desk's search, over attendees already in memory: cancelled
 * registrations are left out, and a registration number typed whole (as a barcode
 * scanner does) finds that registration alone.
 *
 * Returns: (transfer container) (element-type MdgAttendee): the matches, in list order
 */
GPtrArray *
mdg_registration_store_find (GPtrArray  *attendees,
                             const char *query)
{
  g_autofree char *folded = mdg_kana_fold (query, -1);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (attendees != NULL, found);

  if (folded == NULL || *g_strstrip (folded) == '\0')
    return found;

  /* A scanned registration number is exact: it wins over names that merely start alike. */
  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);
      const char *number = mdg_attendee_get_number (attendee);

      if (number != NULL && g_ascii_strcasecmp (number, folded) == 0 &&
          mdg_attendee_get_status (attendee) != MDG_REGISTRATION_STATUS_CANCELLED)
        {
          g_ptr_array_add (found, g_object_ref (attendee));
          return found;
        }
    }

  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);

      if (mdg_attendee_get_status (attendee) != MDG_REGISTRATION_STATUS_CANCELLED &&
          mdg_attendee_matches (attendee, folded))
        g_ptr_array_add (found, g_object_ref (attendee));
    }
  return found;
}

/**
 * mdg_registration_store_recall_mapping:
 * @db: a #MdgDatabase
 * @header_key: the header row of an imported file, as a key
 *
 * Returns: (transfer full) (nullable): the column mapping chosen the last time a file
 *   with this header was imported
 */
char *
mdg_registration_store_recall_mapping (MdgDatabase *db,
                                       const char  *header_key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), "SELECT mapping FROM import_mapping WHERE header_key = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, header_key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? _mdg_sql_column_dup (stmt, 0) : NULL;
}

/* Remembers a column mapping; inside the importer's transaction. */
gboolean
_mdg_registration_store_remember_mapping (MdgDatabase  *db,
                                          const char   *header_key,
                                          const char   *mapping,
                                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = _mdg_database_get_handle (db);

  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO import_mapping (header_key, mapping) VALUES (?1, ?2)"
                           " ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, header_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mapping, -1, SQLITE_STATIC);
  return _mdg_sql_step_done (handle, stmt, error);
}
