/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-store-async"

#include "config.h"

#include "mdg-database-private.h"
#include "mdg-faq-store.h"
#include "mdg-notice-store.h"
#include "mdg-organization-store.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-store-async.h"
#include "mdg-database-work.h"

/*
 * Every function here runs its store function in a worker (see mdg-database-work.c). The
 * objects a window shows never cross threads: the worker gets copies, and the
 * caller's objects take the outcome in the _finish function, on the caller's thread.
 */

/* Deletes one row by its id: a seminar, a person, an FAQ entry, a notice. */
typedef gboolean (*DeleteFunc) (MdgDatabase  *connection,
                                gint64        id,
                                GError      **error);

typedef struct
{
  DeleteFunc delete;
  gint64     id;
  gint64     other_id;
  int        delta;
  gboolean   flag;
  GObject   *object;     /* a copy for the worker; what was saved, after */
  GObject   *original;   /* the caller's object: updated in _finish, never in the worker */
  GObject   *result;     /* something new the worker made */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->object);
  g_clear_object (&job->original);
  g_clear_object (&job->result);
  g_free (job);
}

/* @copy: (transfer full) (nullable): the worker's copy of the caller's object */
static Job *
job_new (gpointer copy)
{
  Job *job = g_new0 (Job, 1);

  job->object = copy;
  return job;
}

static void
run (MdgDatabase         *db,
     MdgWorkFunc          func,
     Job                 *job,
     gpointer             source_tag,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  mdg_database_work_async (db, func, job, (GDestroyNotify) job_free, source_tag, cancellable, callback, user_data);
}

/* Returns: (transfer none) (nullable): the job of a finished task, or %NULL when it failed */
static Job *
finish (MdgDatabase   *db,
        GAsyncResult  *result,
        gpointer       source_tag,
        GError       **error)
{
  if (!mdg_database_work_finish (db, result, source_tag, error))
    return NULL;
  return mdg_database_work_get_data (result);
}

/* Returns: (transfer full) (nullable): the worker's copy as it saved it, with its id */
static gpointer
finish_saved (MdgDatabase   *db,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  Job *job = finish (db, result, source_tag, error);

  return job ? g_object_ref (job->object) : NULL;
}

static gboolean
delete_row (MdgDatabase  *connection,
            gpointer      data,
            GError      **error)
{
  return ((Job *) data)->delete (connection, ((Job *) data)->id, error);
}

static void
run_delete (MdgDatabase         *db,
            DeleteFunc           func,
            gint64               id,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  Job *job = job_new (NULL);

  job->delete = func;
  job->id = id;
  run (db, delete_row, job, source_tag, cancellable, callback, user_data);
}

static MdgProgramItem *
program_item_copy (MdgProgramItem *item)
{
  MdgProgramItem *copy = mdg_program_item_new (mdg_program_item_get_kind (item), mdg_program_item_get_minutes (item));

  _mdg_program_item_set_identity (copy, mdg_program_item_get_id (item), mdg_program_item_get_seminar_id (item));
  mdg_program_item_set_title (copy, mdg_program_item_get_title (item));
  mdg_program_item_set_presenter (copy, mdg_program_item_get_presenter (item));
  mdg_program_item_set_deck_title (copy, mdg_program_item_get_deck_title (item));
  return copy;
}

/* A registration as the worker sees it: its own person, the same id and status. */
static MdgAttendee *
attendee_copy (MdgAttendee *attendee)
{
  g_autoptr(MdgPerson) person = mdg_person_copy (mdg_attendee_get_person (attendee));

  return _mdg_attendee_new (mdg_attendee_get_id (attendee), mdg_attendee_get_seminar_id (attendee), person,
                            mdg_attendee_get_number (attendee), mdg_attendee_get_status (attendee),
                            mdg_attendee_get_source (attendee), mdg_attendee_get_checked_in_at (attendee));
}

/* Seminars */

static gboolean
save_seminar (MdgDatabase  *connection,
              gpointer      data,
              GError      **error)
{
  Job *job = data;

  return mdg_seminar_store_save (connection, MDG_SEMINAR (job->object), error);
}

/**
 * mdg_seminar_store_save_async:
 * @db: a #MdgDatabase
 * @seminar: the seminar to save (copied: it is not changed)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when saved, or not
 * @user_data: for @callback
 *
 * mdg_seminar_store_save() in a worker.
 */
void
mdg_seminar_store_save_async (MdgDatabase         *db,
                              MdgSeminar          *seminar,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_SEMINAR (seminar));

  run (db, save_seminar, job_new (mdg_seminar_copy (seminar)), mdg_seminar_store_save_async, cancellable, callback,
       user_data);
}

/* Returns: (transfer full) (nullable): the seminar as saved, with its id */
MdgSeminar *
mdg_seminar_store_save_finish (MdgDatabase   *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_saved (db, result, mdg_seminar_store_save_async, error);
}

/* mdg_seminar_store_delete() in a worker: a seminar with many registrations takes a moment. */
void
mdg_seminar_store_delete_async (MdgDatabase         *db,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  run_delete (db, mdg_seminar_store_delete, id, mdg_seminar_store_delete_async, cancellable, callback, user_data);
}

gboolean
mdg_seminar_store_delete_finish (MdgDatabase   *db,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish (db, result, mdg_seminar_store_delete_async, error) != NULL;
}

/* Programs */

/* mdg_program_store_list() in a worker. */
void
mdg_program_store_list_async (MdgDatabase         *db,
                              gint64               seminar_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_by_id_async (db, mdg_program_store_list, seminar_id, mdg_program_store_list_async,
                                  cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgProgramItem): the program in order */
GPtrArray *
mdg_program_store_list_finish (MdgDatabase   *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_program_store_list_async, error);
}

static gboolean
save_program_item (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  Job *job = data;

  return mdg_program_store_save (connection, job->id, MDG_PROGRAM_ITEM (job->object), error);
}

/* mdg_program_store_save() in a worker; @item is copied. */
void
mdg_program_store_save_async (MdgDatabase         *db,
                              gint64               seminar_id,
                              MdgProgramItem      *item,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_PROGRAM_ITEM (item));

  job = job_new (program_item_copy (item));
  job->id = seminar_id;
  run (db, save_program_item, job, mdg_program_store_save_async, cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): the item as saved, with its id */
MdgProgramItem *
mdg_program_store_save_finish (MdgDatabase   *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_saved (db, result, mdg_program_store_save_async, error);
}

static gboolean
delete_program_item (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  return mdg_program_store_delete (connection, MDG_PROGRAM_ITEM (((Job *) data)->object), error);
}

void
mdg_program_store_delete_async (MdgDatabase         *db,
                                MdgProgramItem      *item,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_PROGRAM_ITEM (item));

  run (db, delete_program_item, job_new (program_item_copy (item)), mdg_program_store_delete_async, cancellable,
       callback, user_data);
}

gboolean
mdg_program_store_delete_finish (MdgDatabase   *db,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish (db, result, mdg_program_store_delete_async, error) != NULL;
}

static gboolean
move_program_item (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  Job *job = data;

  return mdg_program_store_move (connection, MDG_PROGRAM_ITEM (job->object), job->delta, error);
}

void
mdg_program_store_move_async (MdgDatabase         *db,
                              MdgProgramItem      *item,
                              int                  delta,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_PROGRAM_ITEM (item));
  g_return_if_fail (delta == -1 || delta == 1);

  job = job_new (program_item_copy (item));
  job->delta = delta;
  run (db, move_program_item, job, mdg_program_store_move_async, cancellable, callback, user_data);
}

gboolean
mdg_program_store_move_finish (MdgDatabase   *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish (db, result, mdg_program_store_move_async, error) != NULL;
}

/* Registrations */

static gboolean
register_person (MdgDatabase  *connection,
                 gpointer      data,
                 GError      **error)
{
  Job *job = data;

  job->result = G_OBJECT (mdg_registration_store_register (connection, job->id, MDG_PERSON (job->object),
                                                           job->delta, NULL, error));
  return job->result != NULL;
}

/**
 * mdg_registration_store_register_async:
 * @db: a #MdgDatabase
 * @seminar_id: the seminar
 * @person: a known person, or a new one (id 0) saved first; copied
 * @source: how the registration came in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when registered, or not
 * @user_data: for @callback
 *
 * mdg_registration_store_register() in a worker, with a number made by Madoguchi.
 */
void
mdg_registration_store_register_async (MdgDatabase           *db,
                                       gint64                 seminar_id,
                                       MdgPerson             *person,
                                       MdgRegistrationSource  source,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  Job *job;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_PERSON (person));

  job = job_new (mdg_person_copy (person));
  job->id = seminar_id;
  job->delta = source;
  run (db, register_person, job, mdg_registration_store_register_async, cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): the registration, registered or waitlisted */
MdgAttendee *
mdg_registration_store_register_finish (MdgDatabase   *db,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  Job *job = finish (db, result, mdg_registration_store_register_async, error);

  return job ? g_object_ref (MDG_ATTENDEE (job->result)) : NULL;
}

static gboolean
cancel_registration (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  Job *job = data;
  MdgAttendee *promoted = NULL;

  if (!mdg_registration_store_cancel (connection, MDG_ATTENDEE (job->object), &promoted, error))
    return FALSE;
  job->result = G_OBJECT (promoted);
  return TRUE;
}

/* mdg_registration_store_cancel() in a worker; @attendee follows in _finish. */
void
mdg_registration_store_cancel_async (MdgDatabase         *db,
                                     MdgAttendee         *attendee,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_ATTENDEE (attendee));

  job = job_new (attendee_copy (attendee));
  job->original = g_object_ref (G_OBJECT (attendee));
  run (db, cancel_registration, job, mdg_registration_store_cancel_async, cancellable, callback, user_data);
}

/**
 * mdg_registration_store_cancel_finish:
 * @db: a #MdgDatabase
 * @result: the result given to the callback
 * @promoted: (out) (optional) (nullable) (transfer full): who moved up from the waitlist
 * @error: a location for a #GError
 *
 * The attendee given to mdg_registration_store_cancel_async() is cancelled now.
 */
gboolean
mdg_registration_store_cancel_finish (MdgDatabase   *db,
                                      GAsyncResult  *result,
                                      MdgAttendee  **promoted,
                                      GError       **error)
{
  Job *job = finish (db, result, mdg_registration_store_cancel_async, error);

  if (promoted != NULL)
    *promoted = job && job->result ? g_object_ref (MDG_ATTENDEE (job->result)) : NULL;
  if (job == NULL)
    return FALSE;
  _mdg_attendee_set_status (MDG_ATTENDEE (job->original), mdg_attendee_get_status (MDG_ATTENDEE (job->object)));
  _mdg_attendee_set_checked_in_at (MDG_ATTENDEE (job->original), NULL);
  return TRUE;
}

static gboolean
check_in (MdgDatabase  *connection,
          gpointer      data,
          GError      **error)
{
  Job *job = data;

  return mdg_registration_store_check_in (connection, MDG_ATTENDEE (job->object), job->flag, error);
}

/**
 * mdg_registration_store_check_in_async:
 * @db: a #MdgDatabase
 * @attendee: a registered attendee; takes the check-in time in _finish
 * @checked_in: %TRUE to check in now, %FALSE to undo a check-in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * mdg_registration_store_check_in() in a worker: at the door, an import running in
 * another Madoguchi never freezes the desk.
 */
void
mdg_registration_store_check_in_async (MdgDatabase         *db,
                                       MdgAttendee         *attendee,
                                       gboolean             checked_in,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_ATTENDEE (attendee));

  job = job_new (attendee_copy (attendee));
  job->original = g_object_ref (G_OBJECT (attendee));
  job->flag = checked_in;
  run (db, check_in, job, mdg_registration_store_check_in_async, cancellable, callback, user_data);
}

gboolean
mdg_registration_store_check_in_finish (MdgDatabase   *db,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  Job *job = finish (db, result, mdg_registration_store_check_in_async, error);

  if (job == NULL)
    return FALSE;
  _mdg_attendee_set_checked_in_at (MDG_ATTENDEE (job->original),
                                   mdg_attendee_get_checked_in_at (MDG_ATTENDEE (job->object)));
  return TRUE;
}

/* People */

static gboolean
save_person (MdgDatabase  *connection,
             gpointer      data,
             GError      **error)
{
  return mdg_person_store_save (connection, MDG_PERSON (((Job *) data)->object), error);
}

/* mdg_person_store_save() in a worker; @person is copied. */
void
mdg_person_store_save_async (MdgDatabase         *db,
                             MdgPerson           *person,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_PERSON (person));

  run (db, save_person, job_new (mdg_person_copy (person)), mdg_person_store_save_async, cancellable, callback,
       user_data);
}

/* Returns: (transfer full) (nullable): the person as saved, with their id */
MdgPerson *
mdg_person_store_save_finish (MdgDatabase   *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_saved (db, result, mdg_person_store_save_async, error);
}

/* mdg_person_store_delete() in a worker: wiping a person rewrites the search index and free pages. */
void
mdg_person_store_delete_async (MdgDatabase         *db,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  run_delete (db, mdg_person_store_delete, id, mdg_person_store_delete_async, cancellable, callback, user_data);
}

gboolean
mdg_person_store_delete_finish (MdgDatabase   *db,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish (db, result, mdg_person_store_delete_async, error) != NULL;
}

static gboolean
merge_people (MdgDatabase  *connection,
              gpointer      data,
              GError      **error)
{
  Job *job = data;

  return mdg_person_store_merge (connection, job->id, job->other_id, error);
}

void
mdg_person_store_merge_async (MdgDatabase         *db,
                              gint64               keep_id,
                              gint64               remove_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (MDG_IS_DATABASE (db));

  job = job_new (NULL);
  job->id = keep_id;
  job->other_id = remove_id;
  run (db, merge_people, job, mdg_person_store_merge_async, cancellable, callback, user_data);
}

gboolean
mdg_person_store_merge_finish (MdgDatabase   *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish (db, result, mdg_person_store_merge_async, error) != NULL;
}

void
mdg_person_store_list_seminars_async (MdgDatabase         *db,
                                      gint64               person_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_by_id_async (db, mdg_person_store_list_seminars, person_id,
                                  mdg_person_store_list_seminars_async, cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgPersonSeminar): their seminars */
GPtrArray *
mdg_person_store_list_seminars_finish (MdgDatabase   *db,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_person_store_list_seminars_async, error);
}

/* Organizations */

static gboolean
save_organization (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  return mdg_organization_store_save (connection, MDG_ORGANIZATION (((Job *) data)->object), error);
}

void
mdg_organization_store_save_async (MdgDatabase         *db,
                                   MdgOrganization     *organization,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (MDG_IS_ORGANIZATION (organization));

  run (db, save_organization, job_new (mdg_organization_copy (organization)), mdg_organization_store_save_async,
       cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): the organization as saved, with its id */
MdgOrganization *
mdg_organization_store_save_finish (MdgDatabase   *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_saved (db, result, mdg_organization_store_save_async, error);
}

void
mdg_organization_store_list_people_async (MdgDatabase         *db,
                                          gint64               organization_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  _mdg_database_list_by_id_async (db, mdg_organization_store_list_people, organization_id,
                                  mdg_organization_store_list_people_async, cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type MdgPerson): its people */
GPtrArray *
mdg_organization_store_list_people_finish (MdgDatabase   *db,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return _mdg_database_list_finish (db, result, mdg_organization_store_list_people_async, error);
}

/* mdg_faq_store_delete() in a worker, for the window's delete with Undo. */
void
mdg_faq_store_delete_async (MdgDatabase         *db,
                            gint64               id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  run_delete (db, mdg_faq_store_delete, id, mdg_faq_store_delete_async, cancellable, callback, user_data);
}

gboolean
mdg_faq_store_delete_finish (MdgDatabase   *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish (db, result, mdg_faq_store_delete_async, error) != NULL;
}

/* mdg_notice_store_delete() in a worker, for the window's delete with Undo. */
void
mdg_notice_store_delete_async (MdgDatabase         *db,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MDG_IS_DATABASE (db));

  run_delete (db, mdg_notice_store_delete, id, mdg_notice_store_delete_async, cancellable, callback, user_data);
}

gboolean
mdg_notice_store_delete_finish (MdgDatabase   *db,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish (db, result, mdg_notice_store_delete_async, error) != NULL;
}
