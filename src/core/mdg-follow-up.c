/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-follow-up"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-calendar.h"
#include "mdg-database-private.h"
#include "mdg-enum-private.h"
#include "mdg-enums.h"
#include "mdg-error.h"
#include "mdg-follow-up.h"
#include "mdg-sql-named-private.h"
#include "mdg-staff-store.h"
#include "mdg-util-private.h"

/*
 * Follow-up advice (フォローアップ): what a specialist promised an organization after a
 * consultation or a seminar — a title, the advice itself, a due date and an owner.
 * Open until marked done; the desk sees at a glance, per owner, what is overdue, due
 * today and due this week. Its advice letter is printed from it.
 */

struct _MdgFollowUp
{
  GObject           parent_instance;

  gint64            id;
  char             *title;
  char             *advice;
  GDate             due_date;
  gint64            owner_id;
  gint64            consultation_id;
  gint64            registration_id;
  MdgFollowUpState  state;
  GDateTime        *done_at;

  /* Read from the database, for showing. */
  gint64            organization_id;
  char             *organization_name;
  gint64            person_id;
  char             *person_name;
  char             *owner_name;
  char             *subject;
};

G_DEFINE_FINAL_TYPE (MdgFollowUp, mdg_follow_up, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ADVICE,
  PROP_DUE_DATE,
  PROP_STATE,
  PROP_OWNER_NAME,
  PROP_ORGANIZATION_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const MdgEnumEntry states[] = {
  [MDG_FOLLOW_UP_STATE_OPEN] = { "open", "follow-up state", NC_("follow-up state", "Open") },
  [MDG_FOLLOW_UP_STATE_DONE] = { "done", "follow-up state", NC_("follow-up state", "Done") },
};

const char *
mdg_follow_up_state_to_string (MdgFollowUpState state)
{
  return _mdg_enum_to_key (states, G_N_ELEMENTS (states), state);
}

gboolean
mdg_follow_up_state_from_string (const char       *text,
                                 MdgFollowUpState *state)
{
  return _mdg_enum_from_key (states, G_N_ELEMENTS (states), text, (int *) state);
}

const char *
mdg_follow_up_state_get_label (MdgFollowUpState state)
{
  return _mdg_enum_get_label (states, G_N_ELEMENTS (states), state);
}

static void
mdg_follow_up_finalize (GObject *object)
{
  MdgFollowUp *self = (MdgFollowUp *) object;

  g_free (self->title);
  g_free (self->advice);
  g_clear_pointer (&self->done_at, g_date_time_unref);
  g_free (self->organization_name);
  g_free (self->person_name);
  g_free (self->owner_name);
  g_free (self->subject);

  G_OBJECT_CLASS (mdg_follow_up_parent_class)->finalize (object);
}

static void
mdg_follow_up_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MdgFollowUp *self = MDG_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_ADVICE: g_value_set_string (value, self->advice); break;
    case PROP_DUE_DATE:
      g_value_take_string (value, g_date_valid (&self->due_date) ? mdg_date_to_iso (&self->due_date) : NULL);
      break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_OWNER_NAME: g_value_set_string (value, self->owner_name); break;
    case PROP_ORGANIZATION_NAME: g_value_set_string (value, self->organization_name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_follow_up_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MdgFollowUp *self = MDG_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_TITLE: mdg_follow_up_set_title (self, g_value_get_string (value)); break;
    case PROP_ADVICE: mdg_follow_up_set_advice (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_follow_up_class_init (MdgFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_follow_up_finalize;
  object_class->get_property = mdg_follow_up_get_property;
  object_class->set_property = mdg_follow_up_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_ADVICE] = g_param_spec_string ("advice", NULL, NULL, NULL, rw);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, MDG_TYPE_FOLLOW_UP_STATE, MDG_FOLLOW_UP_STATE_OPEN,
                                              ro);
  properties[PROP_OWNER_NAME] = g_param_spec_string ("owner-name", NULL, NULL, NULL, ro);
  properties[PROP_ORGANIZATION_NAME] = g_param_spec_string ("organization-name", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_follow_up_init (MdgFollowUp *self)
{
  g_date_clear (&self->due_date, 1);
}

/* Returns: (transfer full): a new, open follow-up, not yet saved */
MdgFollowUp *
mdg_follow_up_new (const char *title)
{
  return g_object_new (MDG_TYPE_FOLLOW_UP, "title", title, NULL);
}

gint64
mdg_follow_up_get_id (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), 0);
  return self->id;
}

const char *
mdg_follow_up_get_title (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return self->title;
}

void
mdg_follow_up_set_title (MdgFollowUp *self,
                         const char  *title)
{
  g_return_if_fail (MDG_IS_FOLLOW_UP (self));
  if (_mdg_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
mdg_follow_up_get_advice (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return self->advice;
}

void
mdg_follow_up_set_advice (MdgFollowUp *self,
                          const char  *advice)
{
  g_return_if_fail (MDG_IS_FOLLOW_UP (self));
  if (_mdg_set_text (&self->advice, advice))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADVICE]);
}

/* Returns: the due date; invalid when none is set */
const GDate *
mdg_follow_up_get_due_date (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return &self->due_date;
}

void
mdg_follow_up_set_due_date (MdgFollowUp *self,
                            const GDate *due_date)
{
  g_return_if_fail (MDG_IS_FOLLOW_UP (self));

  if (due_date != NULL && g_date_valid (due_date))
    self->due_date = *due_date;
  else
    g_date_clear (&self->due_date, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_DATE]);
}

#define ID_ACCESSORS(field)                                              \
  gint64 mdg_follow_up_get_##field (MdgFollowUp *self)                   \
  {                                                                      \
    g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), 0);                   \
    return self->field;                                                  \
  }                                                                      \
  void mdg_follow_up_set_##field (MdgFollowUp *self, gint64 value)       \
  {                                                                      \
    g_return_if_fail (MDG_IS_FOLLOW_UP (self));                          \
    self->field = MAX (value, 0);                                        \
  }

ID_ACCESSORS (owner_id)
ID_ACCESSORS (consultation_id)
ID_ACCESSORS (registration_id)

MdgFollowUpState
mdg_follow_up_get_state (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), MDG_FOLLOW_UP_STATE_OPEN);
  return self->state;
}

/* Returns: (nullable): when it was marked done */
GDateTime *
mdg_follow_up_get_done_at (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return self->done_at;
}

gint64
mdg_follow_up_get_organization_id (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), 0);
  return self->organization_id;
}

const char *
mdg_follow_up_get_organization_name (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return self->organization_name;
}

gint64
mdg_follow_up_get_person_id (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), 0);
  return self->person_id;
}

/* Returns: (nullable): the person the advice is for: the consultation's or the registration's */
const char *
mdg_follow_up_get_person_name (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return self->person_name;
}

const char *
mdg_follow_up_get_owner_name (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return self->owner_name;
}

/* Returns: (nullable): the subject of its consultation, or the title of its seminar */
const char *
mdg_follow_up_get_subject (MdgFollowUp *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), NULL);
  return self->subject;
}

/* Whether it is open past its due date (@today: %NULL for today). */
gboolean
mdg_follow_up_is_overdue (MdgFollowUp *self,
                          const GDate *today)
{
  GDate now;

  g_return_val_if_fail (MDG_IS_FOLLOW_UP (self), FALSE);

  if (today == NULL)
    {
      mdg_date_set_today (&now);
      today = &now;
    }
  return self->state == MDG_FOLLOW_UP_STATE_OPEN && g_date_valid (&self->due_date) &&
         g_date_compare (&self->due_date, today) < 0;
}

/* A filter for every follow-up, measured against today. */
void
mdg_follow_up_filter_init (MdgFollowUpFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->state = -1;
  g_date_clear (&filter->today, 1);
}

void
mdg_follow_up_counts_free (MdgFollowUpCounts *counts)
{
  g_free (counts->owner_name);
  g_free (counts);
}

#define SELECT_FOLLOW_UP                                                                             \
  "SELECT f.id, f.title, f.advice, f.due_date, f.owner_id, f.consultation_id, f.registration_id,"    \
  " f.state, f.done_at, coalesce(f.organization_id, c.organization_id, p.organization_id), o.name,"  \
  " coalesce(c.person_id, r.person_id),"                                                             \
  " coalesce(cp.family_name || coalesce(' ' || cp.given_name, ''),"                                  \
  "  p.family_name || coalesce(' ' || p.given_name, '')), s.name, coalesce(c.subject, m.title)"      \
  " FROM follow_up AS f LEFT JOIN consultation AS c ON c.id = f.consultation_id"                     \
  " LEFT JOIN person AS cp ON cp.id = c.person_id"                                                   \
  " LEFT JOIN registration AS r ON r.id = f.registration_id"                                         \
  " LEFT JOIN person AS p ON p.id = r.person_id LEFT JOIN seminar AS m ON m.id = r.seminar_id"       \
  " LEFT JOIN organization AS o ON o.id = coalesce(f.organization_id, c.organization_id, p.organization_id)" \
  " LEFT JOIN staff AS s ON s.id = f.owner_id"

static gpointer
follow_up_row (sqlite3_stmt *stmt)
{
  MdgFollowUp *self = g_object_new (MDG_TYPE_FOLLOW_UP, NULL);
  const char *done_at = (const char *) sqlite3_column_text (stmt, 8);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->title = _mdg_sql_column_dup_or_null (stmt, 1);
  self->advice = _mdg_sql_column_dup_or_null (stmt, 2);
  mdg_date_parse_iso ((const char *) sqlite3_column_text (stmt, 3), &self->due_date);
  self->owner_id = sqlite3_column_int64 (stmt, 4);
  self->consultation_id = sqlite3_column_int64 (stmt, 5);
  self->registration_id = sqlite3_column_int64 (stmt, 6);
  mdg_follow_up_state_from_string ((const char *) sqlite3_column_text (stmt, 7), &self->state);
  if (done_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (done_at, NULL);
      self->done_at = utc ? g_date_time_to_local (utc) : NULL;
    }
  self->organization_id = sqlite3_column_int64 (stmt, 9);
  self->organization_name = _mdg_sql_column_dup_or_null (stmt, 10);
  self->person_id = sqlite3_column_int64 (stmt, 11);
  self->person_name = _mdg_sql_column_dup_or_null (stmt, 12);
  self->owner_name = _mdg_sql_column_dup_or_null (stmt, 13);
  self->subject = _mdg_sql_column_dup_or_null (stmt, 14);
  return self;
}

/* Returns: (transfer full): the follow-up, or %NULL with %MDG_ERROR_NOT_FOUND */
MdgFollowUp *
mdg_follow_up_store_load (MdgDatabase  *db,
                          gint64        id,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), SELECT_FOLLOW_UP " WHERE f.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no follow-up %lld"), (long long) id);
      return NULL;
    }
  return follow_up_row (stmt);
}

/* Copies what the database knows about @self (names, state) into it. */
static gboolean
refresh (MdgDatabase  *db,
         MdgFollowUp  *self,
         GError      **error)
{
  g_autoptr(MdgFollowUp) loaded = mdg_follow_up_store_load (db, self->id, error);

  if (loaded == NULL)
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  mdg_follow_up_set_title (self, loaded->title);
  mdg_follow_up_set_advice (self, loaded->advice);
  mdg_follow_up_set_due_date (self, &loaded->due_date);
  self->owner_id = loaded->owner_id;
  self->consultation_id = loaded->consultation_id;
  self->registration_id = loaded->registration_id;
  if (self->state != loaded->state)
    {
      self->state = loaded->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_clear_pointer (&self->done_at, g_date_time_unref);
  self->done_at = loaded->done_at ? g_date_time_ref (loaded->done_at) : NULL;
  self->organization_id = loaded->organization_id;
  self->person_id = loaded->person_id;
  if (g_strcmp0 (self->organization_name, loaded->organization_name) != 0)
    {
      g_free (self->organization_name);
      self->organization_name = g_strdup (loaded->organization_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_NAME]);
    }
  if (g_strcmp0 (self->owner_name, loaded->owner_name) != 0)
    {
      g_free (self->owner_name);
      self->owner_name = g_strdup (loaded->owner_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_NAME]);
    }
  g_free (self->person_name);
  self->person_name = g_strdup (loaded->person_name);
  g_free (self->subject);
  self->subject = g_strdup (loaded->subject);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

static gboolean
check (MdgFollowUp  *self,
       GError      **error)
{
  if (self->title == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A follow-up needs a title"));
      return FALSE;
    }
  if (self->consultation_id == 0 && self->registration_id == 0)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("A follow-up belongs to a consultation or to a seminar registration"));
      return FALSE;
    }
  if (!g_date_valid (&self->due_date))
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A follow-up needs a due date"));
      return FALSE;
    }
  return TRUE;
}

/* Runs @stmt; a foreign-key refusal becomes a message about what does not exist. */
static gboolean
step_write (sqlite3      *handle,
            sqlite3_stmt *stmt,
            MdgFollowUp  *self,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      self->id = sqlite3_column_int64 (stmt, 0);
      return _mdg_sql_step_done (handle, stmt, error);
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no follow-up %lld"), (long long) self->id);
      return FALSE;
    }
  if ((sqlite3_errcode (handle) & 0xff) == SQLITE_CONSTRAINT)
    g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                         _("The follow-up names a consultation, registration or owner that does not exist"));
  else
    _mdg_sql_set_error (handle, error, _("Could not save the follow-up"));
  return FALSE;
}

static void
bind_fields (sqlite3_stmt *stmt,
             MdgFollowUp  *self)
{
  g_autofree char *due = mdg_date_to_iso (&self->due_date);

  sqlite3_bind_text (stmt, 1, self->title, -1, SQLITE_TRANSIENT);
  _mdg_sql_bind_text (stmt, 2, self->advice);
  sqlite3_bind_text (stmt, 3, due, -1, SQLITE_TRANSIENT);
  if (self->owner_id > 0)
    sqlite3_bind_int64 (stmt, 4, self->owner_id);
  if (self->consultation_id > 0)
    sqlite3_bind_int64 (stmt, 5, self->consultation_id);
  if (self->registration_id > 0)
    sqlite3_bind_int64 (stmt, 6, self->registration_id);
}

/**
 * mdg_follow_up_store_add:
 * @db: a #MdgDatabase
 * @actor_id: who promises it
 * @follow_up: a new follow-up, tied to a consultation or a registration, with a due date
 * @error: a location for a #GError
 *
 * Without an owner, the follow-up goes to its consultation's assignee, or to @actor_id.
 */
gboolean
mdg_follow_up_store_add (MdgDatabase  *db,
                         gint64        actor_id,
                         MdgFollowUp  *follow_up,
                         GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (follow_up), FALSE);
  g_return_val_if_fail (follow_up->id == 0, FALSE);

  if (!check (follow_up, error) || _mdg_staff_store_check_actor (db, actor_id, error) == 0)
    return FALSE;

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "INSERT INTO follow_up (title, advice, due_date, owner_id, consultation_id, registration_id,"
                           " created_by) VALUES (?1, ?2, ?3,"
                           " coalesce(?4, (SELECT assignee_id FROM consultation WHERE id = ?5), ?7), ?5, ?6, ?7)"
                           " RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, follow_up);
  sqlite3_bind_int64 (stmt, 7, actor_id);
  return step_write (handle, stmt, follow_up, error) && refresh (db, follow_up, error);
}

/* Saves the title, advice, due date and owner of a follow-up. */
gboolean
mdg_follow_up_store_save (MdgDatabase  *db,
                          gint64        actor_id,
                          MdgFollowUp  *follow_up,
                          GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (follow_up), FALSE);

  if (!check (follow_up, error) || _mdg_staff_store_check_actor (db, actor_id, error) == 0)
    return FALSE;

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "UPDATE follow_up SET title = ?1, advice = ?2, due_date = ?3, owner_id = ?4,"
                           " consultation_id = ?5, registration_id = ?6 WHERE id = ?7 RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, follow_up);
  sqlite3_bind_int64 (stmt, 7, follow_up->id);
  return step_write (handle, stmt, follow_up, error) && refresh (db, follow_up, error);
}

/**
 * mdg_follow_up_store_set_done:
 * @db: a #MdgDatabase
 * @actor_id: who marks it
 * @follow_up: a saved follow-up
 * @done: %TRUE to mark it done (recording when and by whom), %FALSE to open it again
 * @error: a location for a #GError
 */
gboolean
mdg_follow_up_store_set_done (MdgDatabase  *db,
                              gint64        actor_id,
                              MdgFollowUp  *follow_up,
                              gboolean      done,
                              GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_FOLLOW_UP (follow_up), FALSE);

  if (_mdg_staff_store_check_actor (db, actor_id, error) == 0)
    return FALSE;
  if ((follow_up->state == MDG_FOLLOW_UP_STATE_DONE) == !!done)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   done ? _("Follow-up %lld is already done") : _("Follow-up %lld is already open"),
                   (long long) follow_up->id);
      return FALSE;
    }

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           done ? "UPDATE follow_up SET state = 'done', done_by = ?2,"
                                  " done_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING id"
                                : "UPDATE follow_up SET state = 'open', done_by = NULL, done_at = NULL"
                                  " WHERE id = ?1 AND ?2 > 0 RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, follow_up->id);
  sqlite3_bind_int64 (stmt, 2, actor_id);
  return step_write (handle, stmt, follow_up, error) && refresh (db, follow_up, error);
}

/* The Sunday that ends @today's week (weeks run Monday to Sunday). */
static void
end_of_week (const GDate *today,
             GDate       *sunday)
{
  *sunday = *today;
  g_date_add_days (sunday, 7 - g_date_get_weekday (today));
}

/* Returns: (transfer container) (element-type MdgFollowUp): soonest due first */
GPtrArray *
mdg_follow_up_store_list (MdgDatabase              *db,
                          const MdgFollowUpFilter  *filter,
                          GError                  **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new (SELECT_FOLLOW_UP " WHERE 1");
  g_autofree char *today_text = NULL;
  g_autofree char *sunday_text = NULL;
  GDate today, sunday;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (g_date_valid (&filter->today))
    today = filter->today;
  else
    mdg_date_set_today (&today);
  end_of_week (&today, &sunday);
  today_text = mdg_date_to_iso (&today);
  sunday_text = mdg_date_to_iso (&sunday);

  switch (filter->due)
    {
    case MDG_FOLLOW_UP_DUE_OVERDUE:
      g_string_append (sql, " AND f.state = 'open' AND f.due_date < :today");
      break;
    case MDG_FOLLOW_UP_DUE_TODAY:
      g_string_append (sql, " AND f.state = 'open' AND f.due_date = :today");
      break;
    case MDG_FOLLOW_UP_DUE_THIS_WEEK:
      g_string_append (sql, " AND f.state = 'open' AND f.due_date > :today AND f.due_date <= :sunday");
      break;
    case MDG_FOLLOW_UP_DUE_ANY:
    default:
      break;
    }
  if (filter->state >= 0)
    g_string_append (sql, " AND f.state = :state");
  if (filter->owner_id > 0)
    g_string_append (sql, " AND f.owner_id = :owner");
  if (filter->consultation_id > 0)
    g_string_append (sql, " AND f.consultation_id = :consultation");
  if (filter->registration_id > 0)
    g_string_append (sql, " AND f.registration_id = :registration");
  g_string_append (sql, " ORDER BY f.state = 'done', f.due_date, f.id");

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle, sql->str, error);
  if (stmt == NULL)
    return NULL;
_mdg_sql_bind_named_text (stmt, ":today", today_text);
  _mdg_sql_bind_named_text (stmt, ":sunday", sunday_text);
  _mdg_sql_bind_named_text (stmt, ":state", filter->state >= 0 ? mdg_follow_up_state_to_string (filter->state) : NULL);
  _mdg_sql_bind_named_int64 (stmt, ":owner", filter->owner_id);
  _mdg_sql_bind_named_int64 (stmt, ":consultation", filter->consultation_id);
  _mdg_sql_bind_named_int64 (stmt, ":registration", filter->registration_id);
  return _mdg_sql_collect (handle, stmt, follow_up_row, g_object_unref, _("Could not read the follow-ups"), error);
}

static GPtrArray *
list_in_thread (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  return mdg_follow_up_store_list (connection, data, error);
}

/* mdg_follow_up_store_list() in a worker thread, on its own connection. */
void
mdg_follow_up_store_list_async (MdgDatabase              *db,
                                const MdgFollowUpFilter  *filter,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (filter != NULL);

  _mdg_database_list_async (db, list_in_thread, g_memdup2 (filter, sizeof *filter), g_free,
                            mdg_follow_up_store_list_async, cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgFollowUp): the follow-ups */
GPtrArray *
mdg_follow_up_store_list_finish (MdgDatabase   *db,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_follow_up_store_list_async, error);
}

static gpointer
counts_row (sqlite3_stmt *stmt)
{
  MdgFollowUpCounts *counts = g_new0 (MdgFollowUpCounts, 1);

  counts->owner_id = sqlite3_column_int64 (stmt, 0);
  counts->owner_name = _mdg_sql_column_dup_or_null (stmt, 1);
  counts->overdue = sqlite3_column_int (stmt, 2);
  counts->today = sqlite3_column_int (stmt, 3);
  counts->this_week = sqlite3_column_int (stmt, 4);
  counts->open = sqlite3_column_int (stmt, 5);
  return counts;
}

/**
 * mdg_follow_up_store_count_by_owner:
 * @db: a #MdgDatabase
 * @today: (nullable): the day to measure against; %NULL for today
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgFollowUpCounts): for every owner with
 *   open follow-ups, in kana order (nobody's last): how many are overdue, due today,
 *   due later this week, and open in all
 */
GPtrArray *
mdg_follow_up_store_count_by_owner (MdgDatabase  *db,
                                    const GDate  *today,
                                    GError      **error)
{
  sqlite3 *handle;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *sunday_text = NULL;
  GDate now, sunday;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (today == NULL || !g_date_valid (today))
    {
      mdg_date_set_today (&now);
      today = &now;
    }
  end_of_week (today, &sunday);
  today_text = mdg_date_to_iso (today);
  sunday_text = mdg_date_to_iso (&sunday);

  handle = _mdg_database_get_handle (db);
  stmt = _mdg_sql_prepare (handle,
                           "SELECT f.owner_id, s.name, count(*) FILTER (WHERE f.due_date < ?1),"
                           " count(*) FILTER (WHERE f.due_date = ?1),"
                           " count(*) FILTER (WHERE f.due_date > ?1 AND f.due_date <= ?2), count(*)"
                           " FROM follow_up AS f LEFT JOIN staff AS s ON s.id = f.owner_id WHERE f.state = 'open'"
                           " GROUP BY f.owner_id ORDER BY s.id IS NULL, coalesce(s.kana, s.name) COLLATE kana",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sunday_text, -1, SQLITE_STATIC);
  return _mdg_sql_collect (handle, stmt, counts_row, (GDestroyNotify) mdg_follow_up_counts_free,
                           _("Could not count the follow-ups"), error);
}

/**
 * mdg_follow_up_store_due_in:
 * @db: a #MdgDatabase
 * @from: (nullable): the day counted from; %NULL for today
 * @business_days: how many business days later
 * @due: (out caller-allocates): the day
 * @error: a location for a #GError
 *
 * A due date in the desk's business days (weekends, public holidays and its closed
 * days skipped).
 */
gboolean
mdg_follow_up_store_due_in (MdgDatabase  *db,
                            const GDate  *from,
                            int           business_days,
                            GDate        *due,
                            GError      **error)
{
  g_autoptr(MdgCalendar) calendar = NULL;
  GDate today;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (!(calendar = mdg_calendar_load (db, error)))
    return FALSE;
  if (from == NULL)
    {
      mdg_date_set_today (&today);
      from = &today;
    }
  mdg_calendar_add_business_days (calendar, from, business_days, due);
  return TRUE;
}
