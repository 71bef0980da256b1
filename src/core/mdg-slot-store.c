/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slot-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-consultation-store.h"
#include "mdg-database-private.h"
#include "mdg-enum-private.h"
#include "mdg-error.h"
#include "mdg-sql-named-private.h"
#include "mdg-slot-store.h"
#include "mdg-staff-store.h"

G_DEFINE_BOXED_TYPE (MdgConsultationSlot, mdg_consultation_slot, mdg_consultation_slot_copy, mdg_consultation_slot_free)

static const MdgEnumEntry states[] = {
  [MDG_SLOT_STATE_OPEN] = { "open", "slot state", NC_("slot state", "Open") },
  [MDG_SLOT_STATE_BOOKED] = { "booked", "slot state", NC_("slot state", "Booked") },
  [MDG_SLOT_STATE_HELD] = { "held", "slot state", NC_("slot state", "Held") },
};

const char *
mdg_slot_state_to_string (MdgSlotState state)
{
  return _mdg_enum_to_key (states, G_N_ELEMENTS (states), state);
}

const char *
mdg_slot_state_get_label (MdgSlotState state)
{
  return _mdg_enum_get_label (states, G_N_ELEMENTS (states), state);
}

MdgConsultationSlot *
mdg_consultation_slot_copy (const MdgConsultationSlot *slot)
{
  MdgConsultationSlot *copy = g_memdup2 (slot, sizeof *slot);

  copy->starts_at = slot->starts_at ? g_date_time_ref (slot->starts_at) : NULL;
  copy->staff_name = g_strdup (slot->staff_name);
  copy->attendee_name = g_strdup (slot->attendee_name);
  copy->attendee_organization = g_strdup (slot->attendee_organization);
  copy->attendee_number = g_strdup (slot->attendee_number);
  copy->note = g_strdup (slot->note);
  return copy;
}

void
mdg_consultation_slot_free (MdgConsultationSlot *slot)
{
  if (slot == NULL)
    return;
  g_clear_pointer (&slot->starts_at, g_date_time_unref);
  g_free (slot->staff_name);
  g_free (slot->attendee_name);
  g_free (slot->attendee_organization);
  g_free (slot->attendee_number);
  g_free (slot->note);
  g_free (slot);
}

#define SELECT_SLOT                                                                                 \
  "SELECT t.id, t.seminar_id, t.starts_at, t.minutes, t.staff_id, s.name, t.registration_id,"       \
  " p.family_name || coalesce(' ' || p.given_name, ''), o.name, r.number, t.consultation_id,"      \
  " t.state, t.note FROM consultation_slot AS t LEFT JOIN staff AS s ON s.id = t.staff_id"          \
  " LEFT JOIN registration AS r ON r.id = t.registration_id LEFT JOIN person AS p ON p.id = r.person_id" \
  " LEFT JOIN organization AS o ON o.id = p.organization_id"

static gpointer
slot_row (sqlite3_stmt *stmt)
{
  MdgConsultationSlot *slot = g_new0 (MdgConsultationSlot, 1);

  slot->id = sqlite3_column_int64 (stmt, 0);
  slot->seminar_id = sqlite3_column_int64 (stmt, 1);
  slot->starts_at = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 2));
  slot->minutes = sqlite3_column_int (stmt, 3);
  slot->staff_id = sqlite3_column_int64 (stmt, 4);
  slot->staff_name = _mdg_sql_column_dup_or_null (stmt, 5);
  slot->registration_id = sqlite3_column_int64 (stmt, 6);
  slot->attendee_name = _mdg_sql_column_dup_or_null (stmt, 7);
  slot->attendee_organization = _mdg_sql_column_dup_or_null (stmt, 8);
  slot->attendee_number = _mdg_sql_column_dup_or_null (stmt, 9);
  slot->consultation_id = sqlite3_column_int64 (stmt, 10);
  _mdg_enum_from_key (states, G_N_ELEMENTS (states), (const char *) sqlite3_column_text (stmt, 11),
                      (int *) &slot->state);
  slot->note = _mdg_sql_column_dup_or_null (stmt, 12);
  return slot;
}

/* Returns: the first column of @sql's first row, 0 when there is none, -1 with @error set */
/* Returns: (transfer container) (element-type MdgConsultationSlot): the seminar's slots by time, then specialist */
GPtrArray *
mdg_slot_store_list (MdgDatabase  *db,
                     gint64        seminar_id,
                     GError      **error)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  return _mdg_sql_collect_query (_mdg_database_get_handle (db),
                                 SELECT_SLOT " WHERE t.seminar_id = ?"
                                 " ORDER BY t.starts_at, coalesce(s.kana, s.name) COLLATE kana, t.id",
                                 seminar_id, slot_row, (GDestroyNotify) mdg_consultation_slot_free,
                                 _("Could not read the consultation slots"), error);
}

/* Returns: (transfer full): the slot, or %NULL with %MDG_ERROR_NOT_FOUND */
MdgConsultationSlot *
mdg_slot_store_load (MdgDatabase  *db,
                     gint64        slot_id,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), SELECT_SLOT " WHERE t.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, slot_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no consultation slot %lld"), (long long) slot_id);
      return NULL;
    }
  return slot_row (stmt);
}

static gint64
query_int (sqlite3     *handle,
           const char  *sql,
           gint64       a,
           gint64       b,
           gint64       c,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, c);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return sqlite3_column_int64 (stmt, 0);
    case SQLITE_DONE:
      return 0;
    default:
      _mdg_sql_set_error (handle, error, _("Could not save the consultation slot"));
      return -1;
    }
}

/**
 * mdg_slot_store_add:
 * @db: a #MdgDatabase
 * @seminar_id: the seminar
 * @starts_at: when the first slot starts
 * @minutes: how long each slot is
 * @count: how many consecutive slots
 * @staff_id: the specialist who holds them
 * @error: a location for a #GError
 *
 * Adds slots one after another, all or none: they must lie within the seminar's day
 * and not overlap the specialist's other slots.
 *
 * Returns: (transfer full) (element-type gint64): the new slots' ids
 */
GArray *
mdg_slot_store_add (MdgDatabase  *db,
                    gint64        seminar_id,
                    GDateTime    *starts_at,
                    guint         minutes,
                    guint         count,
                    gint64        staff_id,
                    GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MdgStaff) staff = NULL;
  gint64 start, seminar_start, seminar_end;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (starts_at != NULL, NULL);

  if (minutes == 0 || count == 0)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A consultation slot lasts at least a minute"));
      return NULL;
    }
  if (!(staff = mdg_staff_store_load (db, staff_id, error)))
    return NULL;

  handle = _mdg_database_get_handle (db);
  if ((seminar_start = query_int (handle, "SELECT starts_at FROM seminar WHERE id = ?", seminar_id, 0, 0, error)) < 0 ||
      (seminar_end = query_int (handle, "SELECT ends_at FROM seminar WHERE id = ?", seminar_id, 0, 0, error)) < 0)
    return NULL;
  if (seminar_start == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no seminar %lld"), (long long) seminar_id);
      return NULL;
    }

  start = g_date_time_to_unix (starts_at);
  /* On the seminar's day, from an hour before it starts to three hours after it ends. */
  if (start < seminar_start - 3600 || start + (gint64) minutes * 60 * count > seminar_end + 3 * 3600)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("Consultation slots are held at the seminar: choose times around its own"));
      return NULL;
    }

  if (!mdg_database_begin (db, error))
    return NULL;
  insert = _mdg_sql_prepare (handle,
                             "INSERT INTO consultation_slot (seminar_id, starts_at, minutes, staff_id)"
                             " VALUES (?, ?, ?, ?) RETURNING id",
                             error);
  if (insert == NULL)
    goto fail;
  for (guint i = 0; i < count; i++)
    {
      gint64 at = start + (gint64) i * minutes * 60;
      gint64 id, overlapping;

      overlapping = query_int (handle,
                               "SELECT count(*) FROM consultation_slot WHERE staff_id = ?1 AND starts_at < ?2 + ?3 * 60"
                               " AND starts_at + minutes * 60 > ?2",
                               staff_id, at, minutes, error);
      if (overlapping < 0)
        goto fail;
      if (overlapping > 0)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS, _("%s already has a consultation slot at that time"),
                       mdg_staff_get_name (staff));
          goto fail;
        }
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, seminar_id);
      sqlite3_bind_int64 (insert, 2, at);
      sqlite3_bind_int (insert, 3, minutes);
      sqlite3_bind_int64 (insert, 4, staff_id);
      if (sqlite3_step (insert) != SQLITE_ROW)
        {
          _mdg_sql_set_error (handle, error, _("Could not save the consultation slot"));
          goto fail;
        }
      id = sqlite3_column_int64 (insert, 0);
      g_array_append_val (ids, id);
      /* Finished, so that the transaction can commit. */
      sqlite3_reset (insert);
    }
  if (!mdg_database_commit (db, error))
    return NULL;
  return g_steal_pointer (&ids);

fail:
  mdg_database_rollback (db);
  return NULL;
}

/**
 * mdg_slot_store_book:
 * @db: a #MdgDatabase
 * @slot_id: an open slot
 * @registration_id: a registration (not cancelled) at the slot's seminar
 * @note: (nullable): what the attendee wants to talk about
 * @error: a location for a #GError
 */
gboolean
mdg_slot_store_book (MdgDatabase  *db,
                     gint64        slot_id,
                     gint64        registration_id,
                     const char   *note,
                     GError      **error)
{
  g_autoptr(MdgConsultationSlot) slot = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle;
  gint64 found;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!(slot = mdg_slot_store_load (db, slot_id, error)))
    return FALSE;
  if (slot->state != MDG_SLOT_STATE_OPEN)
    {
      g_autofree char *time = g_date_time_format (slot->starts_at, "%H:%M");

      g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS, _("The slot at %s is already booked by %s"), time,
                   slot->attendee_name ? slot->attendee_name : "?");
      return FALSE;
    }

  handle = _mdg_database_get_handle (db);
  found = query_int (handle, "SELECT count(*) FROM registration WHERE id = ?1 AND seminar_id = ?2 AND status <> 'cancelled'",
                     registration_id, slot->seminar_id, 0, error);
  if (found < 0)
    return FALSE;
  if (found != 1)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("Only an attendee of the seminar (not cancelled) can book its consultation slots"));
      return FALSE;
    }
  found = query_int (handle,
                     "SELECT count(*) FROM consultation_slot WHERE registration_id = ?1 AND starts_at < ?2 + ?3 * 60"
                     " AND starts_at + minutes * 60 > ?2",
                     registration_id, g_date_time_to_unix (slot->starts_at), slot->minutes, error);
  if (found < 0)
    return FALSE;
  if (found > 0)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_EXISTS, _("The attendee already has a consultation slot at that time"));
      return FALSE;
    }

  stmt = _mdg_sql_prepare (handle,
                           "UPDATE consultation_slot SET registration_id = ?2, note = ?3, state = 'booked'"
                           " WHERE id = ?1 AND state = 'open'",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, slot_id);
  sqlite3_bind_int64 (stmt, 2, registration_id);
  _mdg_sql_bind_text (stmt, 3, note);
  return _mdg_sql_step_done (handle, stmt, error);
}

/* Frees a booked slot again; a held one stays, with its consultation. */
gboolean
mdg_slot_store_unbook (MdgDatabase  *db,
                       gint64        slot_id,
                       GError      **error)
{
  g_autoptr(MdgConsultationSlot) slot = NULL;
  sqlite3 *handle;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!(slot = mdg_slot_store_load (db, slot_id, error)))
    return FALSE;
  if (slot->state != MDG_SLOT_STATE_BOOKED)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           slot->state == MDG_SLOT_STATE_HELD ? _("The consultation in this slot has been held")
                                                              : _("The slot is not booked"));
      return FALSE;
    }
  handle = _mdg_database_get_handle (db);
  return query_int (handle,
                    "UPDATE consultation_slot SET registration_id = NULL, note = NULL, state = 'open' WHERE id = ?1"
                    " RETURNING 0",
                    slot_id, 0, 0, error) == 0;
}

/**
 * mdg_slot_store_hold:
 * @db: a #MdgDatabase
 * @actor_id: who records it
 * @slot_id: a booked slot
 * @subject: (nullable): what was discussed; the booking's note when %NULL
 * @question: (nullable): the question in detail
 * @error: a location for a #GError
 *
 * The consultation took place: records it (channel on site, received at the slot's
 * time, linked to the seminar, the attendee and their organization, assigned to the
 * slot's specialist) and marks the slot held, in one transaction.
 *
 * Returns: the consultation's id, or 0 with @error set
 */
gint64
mdg_slot_store_hold (MdgDatabase  *db,
                     gint64        actor_id,
                     gint64        slot_id,
                     const char   *subject,
                     const char   *question,
                     GError      **error)
{
  g_autoptr(MdgConsultationSlot) slot = NULL;
  g_autoptr(MdgConsultation) consultation = NULL;
  sqlite3 *handle;
  gint64 person_id, id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), 0);

  if (!(slot = mdg_slot_store_load (db, slot_id, error)))
    return 0;
  if (slot->state != MDG_SLOT_STATE_BOOKED)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           slot->state == MDG_SLOT_STATE_HELD ? _("The consultation in this slot has already been recorded")
                                                              : _("Nobody has booked this slot"));
      return 0;
    }

  handle = _mdg_database_get_handle (db);
  person_id = query_int (handle, "SELECT coalesce(person_id, 0) FROM registration WHERE id = ?", slot->registration_id, 0,
                         0, error);
  if (person_id < 0)
    return 0;

  consultation = mdg_consultation_new (MDG_CHANNEL_ON_SITE);
  mdg_consultation_set_received_at (consultation, slot->starts_at);
  mdg_consultation_set_seminar_id (consultation, slot->seminar_id);
  mdg_consultation_set_registration_id (consultation, slot->registration_id);
  mdg_consultation_set_person_id (consultation, person_id);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, subject ? subject : slot->note);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_QUESTION, question);
  if (mdg_consultation_get_text (consultation, MDG_CONSULTATION_SUBJECT) == NULL &&
      mdg_consultation_get_text (consultation, MDG_CONSULTATION_QUESTION) == NULL)
    /* Translators: the subject of a consultation held at a seminar when none was typed */
    mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, _("On-site consultation"));

  if (!mdg_database_begin (db, error))
    return 0;
  if (!(id = _mdg_consultation_store_insert (db, actor_id, consultation, NULL, error)) ||
      query_int (handle,
                 "UPDATE consultation SET assignee_id = ?2 WHERE id = ?1 AND ?2 > 0 RETURNING 0",
                 id, slot->staff_id, 0, error) < 0 ||
      query_int (handle, "UPDATE consultation_slot SET consultation_id = ?2, state = 'held' WHERE id = ?1 RETURNING 0",
                 slot_id, id, 0, error) < 0)
    {
      mdg_database_rollback (db);
      return 0;
    }
  return mdg_database_commit (db, error) ? id : 0;
}

/* Removes an open slot (a booked one is unbooked first). */
gboolean
mdg_slot_store_remove (MdgDatabase  *db,
                       gint64        slot_id,
                       GError      **error)
{
  g_autoptr(MdgConsultationSlot) slot = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!(slot = mdg_slot_store_load (db, slot_id, error)))
    return FALSE;
  if (slot->state != MDG_SLOT_STATE_OPEN)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("Only a slot nobody has booked can be removed"));
      return FALSE;
    }
  return query_int (_mdg_database_get_handle (db), "DELETE FROM consultation_slot WHERE id = ? RETURNING 0", slot_id, 0,
                    0, error) == 0;
}
