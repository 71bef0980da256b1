/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-attendee-import-private.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-organization-store-private.h"
#include "mdg-person-store-private.h"
#include "mdg-registration-store.h"

/*
 * The import's plan and its write (see mdg-attendee-import.c for the whole): the rows,
 * checked, are matched with the seminar's registrations and Madoguchi's people and
 * organizations in one read transaction, and what would change is listed; the write
 * then takes the write lock for as short as it can: bulk inserts, statements prepared
 * once, the plan made again if another connection committed meanwhile.
 */

static const MdgOrganizationField org_fields[N_ORG_TEXT] = {
  [ORG_KANA] = MDG_ORGANIZATION_KANA,
  [ORG_INDUSTRY] = MDG_ORGANIZATION_INDUSTRY,
  [ORG_ADDRESS] = MDG_ORGANIZATION_ADDRESS,
};

/* An organization as the plan will leave it. */
typedef struct
{
  MdgOrganization *organization;  /* id 0 when new */
  gboolean         is_new;
  gboolean         fill;          /* an existing one gets fields it lacked */
  MdgOrganization *proposed;      /* with the file's differing details, written when accepted */
  gboolean         written;       /* a new one is written when someone first belongs to it */
} OrgPlan;

typedef enum { STEP_NEW, STEP_EXISTING, STEP_SKIP } StepKind;

/* What the write does for one entry. */
typedef struct
{
  Entry                 *entry;
  StepKind               kind;
  MdgPerson             *person;        /* to write: the entry's (new) or the stored one, merged */
  MdgPerson             *proposed;      /* the stored person with the file's changes (accepted) */
  gboolean               person_dirty;  /* fields filled in or consent given */
  OrgPlan               *org;           /* the organization the file names */
  gint64                 stored_org_id; /* a known person's organization now */
  gint64                 registration_id;
  char                  *number;        /* for a new registration: the file's or a made one */
  MdgRegistrationStatus  old_status;
  MdgRegistrationStatus  new_status;
  char                  *stored_details;  /* a registration's details as stored, to tell if they change */
  MdgAttendance          attendance;      /* as written without the changes: blanks filled */
  char                  *questions;
  GPtrArray             *answers;
  MdgAttendance          proposed_attendance;  /* with the file's changes, written when accepted */
  char                  *proposed_questions;
  GPtrArray             *proposed_answers;
  gboolean               has_changes;
} Step;

typedef struct
{
  gint64           seminar_id;
  gint64           data_version;
  GPtrArray       *steps;          /* Step */
  GPtrArray       *new_steps;      /* borrowed Steps in applied order */
  GHashTable      *orgs;           /* name → OrgPlan */
  GPtrArray       *org_list;       /* OrgPlan in first-seen order, owned */
  gboolean         frees_places;
  guint            promoted_by_file;   /* waitlisted → registered in the file itself */
  MdgImportResult  counts;
} Plan;

static void
org_plan_free (OrgPlan *org)
{
  g_clear_object (&org->organization);
  g_clear_object (&org->proposed);
  g_free (org);
}

static void
step_free (Step *step)
{
  g_clear_object (&step->person);
  g_clear_object (&step->proposed);
  g_free (step->number);
  g_free (step->stored_details);
  g_free (step->questions);
  g_free (step->proposed_questions);
  g_clear_pointer (&step->answers, g_ptr_array_unref);
  g_clear_pointer (&step->proposed_answers, g_ptr_array_unref);
  g_free (step);
}

static void
plan_free (Plan *plan)
{
  g_clear_pointer (&plan->steps, g_ptr_array_unref);
  g_clear_pointer (&plan->new_steps, g_ptr_array_unref);
  g_clear_pointer (&plan->orgs, g_hash_table_unref);
  g_clear_pointer (&plan->org_list, g_ptr_array_unref);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)


/* ISO 8601 in UTC with milliseconds, as the database writes its own times (they sort as text). */
static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = time ? g_date_time_to_utc (time) : NULL;

  return utc ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z") : NULL;
}

/*
 * Whether two texts differ as a person would see it: ﾀｶﾊｼ is タカハシ is たかはし, an
 * e-mail in capitals is the same address, and 吉田 in a CP932 file (which cannot hold
 * 𠮷) is the 𠮷田 Madoguchi keeps: none of these is a change to accept.
 */
static gboolean
texts_differ (const char *a,
              const char *b)
{
  g_autofree char *fa = NULL, *fb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return FALSE;
  if (a == NULL || b == NULL)
    return TRUE;
  fa = mdg_kana_fold (a, -1);
  fb = mdg_kana_fold (b, -1);
  return g_strcmp0 (fa, fb) != 0;
}

static void
add_change (MdgAttendeeImport *self,
            Step              *step,
            const char        *field,
            const char        *before,
            const char        *after)
{
  MdgImportChange *change = g_new0 (MdgImportChange, 1);
  g_autofree char *name = mdg_person_dup_name (step->person ? step->person : step->entry->person);

  change->line = step->entry->line;
  change->name = step->number ? g_strdup_printf ("%s (%s)", name, step->number) : g_steal_pointer (&name);
  change->field = g_strdup (field);
  change->before = g_strdup (before);
  change->after = g_strdup (after);
  g_ptr_array_add (self->changes, change);
  step->has_changes = TRUE;
}

/* Finds (or plans) the organization named in @step's entry, merging the file's details into it. */
static gboolean
plan_organization (MdgAttendeeImport  *self,
                   Plan               *plan,
                   Step               *step,
                   MdgDatabase        *db,
                   sqlite3_stmt      **find,
                   GError            **error)
{
  Entry *entry = step->entry;
  const char *name = mdg_person_get_text (entry->person, MDG_PERSON_ORGANIZATION);
  OrgPlan *org;

  if (name == NULL)
    return TRUE;
  org = g_hash_table_lookup (plan->orgs, name);
  if (org == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      org = g_new0 (OrgPlan, 1);
      org->organization = _mdg_organization_store_find (db, find, name, &local_error);
      if (local_error != NULL)
        {
          org_plan_free (org);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (org->organization == NULL)
        {
          org->is_new = TRUE;
          org->organization = mdg_organization_new ();
          mdg_organization_set_text (org->organization, MDG_ORGANIZATION_NAME, name);
        }
      g_ptr_array_add (plan->org_list, org);
      g_hash_table_insert (plan->orgs, (gpointer) mdg_organization_get_text (org->organization, MDG_ORGANIZATION_NAME),
                           org);
    }
  step->org = org;

  /* Blanks are filled; a differing detail is a change to accept. */
  for (guint i = 0; i < N_ORG_TEXT; i++)
    {
      const char *stored = mdg_organization_get_text (org->organization, org_fields[i]);
      const char *given = entry->org_text[i];

      if (given == NULL)
        continue;
      if (stored == NULL)
        {
          mdg_organization_set_text (org->organization, org_fields[i], given);
          org->fill = !org->is_new;
        }
      else if (texts_differ (stored, given) && !org->is_new &&
               (org->proposed == NULL || !texts_differ (mdg_organization_get_text (org->proposed, org_fields[i]),
                                                        stored)))
        {
          if (org->proposed == NULL)
            {
              org->proposed = mdg_organization_new ();
              for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
                mdg_organization_set_text (org->proposed, f, mdg_organization_get_text (org->organization, f));
              mdg_organization_set_employees (org->proposed, mdg_organization_get_employees (org->organization));
            }
          mdg_organization_set_text (org->proposed, org_fields[i], given);
          add_change (self, step, mdg_organization_field_get_label (org_fields[i]), stored, given);
        }
    }
  if (entry->employees > 0)
    {
      guint stored = mdg_organization_get_employees (org->organization);

      if (stored == 0)
        {
          mdg_organization_set_employees (org->organization, entry->employees);
          org->fill = !org->is_new;
        }
      else if (stored != entry->employees && !org->is_new)
        {
          g_autofree char *before = g_strdup_printf ("%u", stored);
          g_autofree char *after = g_strdup_printf ("%u", entry->employees);

          if (org->proposed == NULL)
            {
              org->proposed = mdg_organization_new ();
              for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
                mdg_organization_set_text (org->proposed, f, mdg_organization_get_text (org->organization, f));
            }
          if (mdg_organization_get_employees (org->proposed) == 0)
            {
              mdg_organization_set_employees (org->proposed, entry->employees);
              add_change (self, step, mdg_import_target_get_label (MDG_IMPORT_EMPLOYEES),
                          before, after);
            }
        }
    }
  return TRUE;
}

/* Compares the file's person with the stored one: blanks are filled, differences listed. */
static void
plan_person (MdgAttendeeImport *self,
             Step              *step,
             MdgPerson         *stored)
{
  MdgPerson *given = step->entry->person;

  step->stored_org_id = mdg_person_get_organization_id (stored);
  step->person = mdg_person_copy (stored);
  step->proposed = mdg_person_copy (stored);
  for (guint f = 0; f < MDG_PERSON_N_FIELDS; f++)
    {
      const char *before = mdg_person_get_text (stored, f);
      const char *after = mdg_person_get_text (given, f);

      if (after == NULL || f == MDG_PERSON_CONSENT_PURPOSE)
        continue;
      if (before == NULL)
        {
          mdg_person_set_text (step->person, f, after);
          mdg_person_set_text (step->proposed, f, after);
          step->person_dirty = TRUE;
        }
      else if (texts_differ (before, after))
        {
          mdg_person_set_text (step->proposed, f, after);
          add_change (self, step, mdg_person_field_get_label (f), before, after);
        }
    }
  /* Consent given on this form is recorded, dated by the application. */
  if (step->entry->consent == MDG_CONSENT_YES && !mdg_person_get_consent (stored))
    for (guint i = 0; i < 2; i++)
      {
        MdgPerson *person = i ? step->proposed : step->person;

        mdg_person_set_consent (person, TRUE);
        mdg_person_set_text (person, MDG_PERSON_CONSENT_PURPOSE, step->entry->consent_header);
        step->person_dirty = TRUE;
      }
}

static const char *
answer_value (GPtrArray  *answers,
              const char *question,
              guint       occurrence)
{
  for (guint i = 0; answers && i < answers->len; i++)
    {
      MdgAnswer *answer = g_ptr_array_index (answers, i);

      if (g_str_equal (answer->question, question) && occurrence-- == 0)
        return answer->answer;
    }
  return NULL;
}

static GPtrArray *
copy_answers (GPtrArray *answers)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_answer_free);

  for (guint i = 0; answers && i < answers->len; i++)
    {
      MdgAnswer *answer = g_ptr_array_index (answers, i);
      g_ptr_array_add (copy, mdg_answer_new (answer->question, answer->answer));
    }
  return copy;
}

/* A registration already in the seminar: its new status, and its details as the file has them. */
static void
plan_registration (MdgAttendeeImport *self,
                   Plan              *plan,
                   Step              *step,
                   MdgAttendee       *attendee)
{
  Entry *entry = step->entry;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *stored_answers;

  step->kind = STEP_EXISTING;
  step->registration_id = mdg_attendee_get_id (attendee);
  step->number = g_strdup (mdg_attendee_get_number (attendee));
  step->old_status = step->new_status = mdg_attendee_get_status (attendee);
  step->attendance = step->proposed_attendance = mdg_attendee_get_attendance (attendee);
  step->questions = g_strdup (mdg_attendee_get_questions (attendee));
  step->proposed_questions = g_strdup (step->questions);
  step->answers = copy_answers (mdg_attendee_get_answers (attendee));
  stored_answers = mdg_attendee_get_answers (attendee);
  plan_person (self, step, mdg_attendee_get_person (attendee));

  /* A file never moves someone back to the waitlist: a place given (here, after a
   * cancellation) stays given even when the service's list still says 補欠. */
  if (entry->has_status && entry->status != step->old_status &&
      !(entry->status == MDG_REGISTRATION_STATUS_WAITLISTED && step->old_status == MDG_REGISTRATION_STATUS_REGISTERED))
    {
      if (entry->status == MDG_REGISTRATION_STATUS_CANCELLED && mdg_attendee_get_checked_in (attendee))
        {
          g_autofree char *name = mdg_person_dup_name (step->person);

          _mdg_attendee_import_add_problem (self->notices, entry->line,
                       _("%s is cancelled in the file but was checked in at the door: left registered"), name);
        }
      else
        step->new_status = entry->status;
    }

  {
    g_autofree char *answers = mdg_answers_to_json (step->answers);
    step->stored_details = g_strdup_printf ("%d\x1f%s\x1f%s", step->attendance, step->questions ?: "", answers ?: "");
  }

  /* A detail the registration lacked is filled; one it had and the file changes is proposed. */
  if (entry->attendance != MDG_ATTENDANCE_UNKNOWN && entry->attendance != step->attendance)
    {
      if (step->attendance == MDG_ATTENDANCE_UNKNOWN)
        step->attendance = entry->attendance;
      else
        add_change (self, step, mdg_import_target_get_label (MDG_IMPORT_ATTENDANCE),
                    mdg_attendance_get_label (step->attendance), mdg_attendance_get_label (entry->attendance));
      step->proposed_attendance = entry->attendance;
    }
  if (entry->questions && texts_differ (entry->questions, step->questions))
    {
      if (step->questions != NULL)
        add_change (self, step, mdg_import_target_get_label (MDG_IMPORT_QUESTIONS),
                    step->questions, entry->questions);
      else
        step->questions = g_strdup (entry->questions);
      g_free (step->proposed_questions);
      step->proposed_questions = g_strdup (entry->questions);
    }

  /* Answers: the file's replace the stored ones when accepted; new questions are added anyway. */
  step->proposed_answers = copy_answers (entry->answers);
  for (guint i = 0; i < entry->answers->len; i++)
    {
      MdgAnswer *answer = g_ptr_array_index (entry->answers, i);
      guint occurrence = GPOINTER_TO_UINT (g_hash_table_lookup (seen, answer->question));
      const char *before = answer_value (stored_answers, answer->question, occurrence);

      g_hash_table_insert (seen, answer->question, GUINT_TO_POINTER (occurrence + 1));
      if (before == NULL)
        g_ptr_array_add (step->answers, mdg_answer_new (answer->question, answer->answer));
      else if (texts_differ (before, answer->answer))
        add_change (self, step, answer->question, before, answer->answer);
    }
  for (guint i = 0; i < stored_answers->len; i++)
    {
      MdgAnswer *answer = g_ptr_array_index (stored_answers, i);

      if (!g_hash_table_contains (seen, answer->question))
        g_ptr_array_add (step->proposed_answers, mdg_answer_new (answer->question, answer->answer));
    }

  plan->counts.already_registered++;
  if (step->new_status != step->old_status)
    {
      if (step->new_status == MDG_REGISTRATION_STATUS_CANCELLED)
        {
          plan->counts.cancelled++;
          plan->frees_places |= step->old_status == MDG_REGISTRATION_STATUS_REGISTERED;
        }
      else if (step->new_status == MDG_REGISTRATION_STATUS_REGISTERED &&
               step->old_status == MDG_REGISTRATION_STATUS_WAITLISTED)
        plan->counts.promoted++;
    }
  if (step->has_changes)
    plan->counts.changed++;
  else if (step->new_status == step->old_status)
    plan->counts.unchanged++;
}

static int
compare_applied (gconstpointer a,
                 gconstpointer b)
{
  const Step *sa = *(Step **) a, *sb = *(Step **) b;
  GDateTime *ta = sa->entry->applied_at, *tb = sb->entry->applied_at;

  /* Rows without a time apply "now", after every row that has one; ties keep file order. */
  if ((ta == NULL) != (tb == NULL))
    return ta == NULL ? 1 : -1;
  if (ta != NULL && tb != NULL && g_date_time_compare (ta, tb) != 0)
    return g_date_time_compare (ta, tb);
  return (sa->entry->line > sb->entry->line) - (sa->entry->line < sb->entry->line);
}

/* Madoguchi numbers registrations that bring none: M0001, M0002, … after the highest in use. */
static char *
make_number (GHashTable *taken,
             guint64    *next)
{
  for (;; (*next)++)
    {
      char *number = g_strdup_printf ("M%04" G_GUINT64_FORMAT, *next);

      if (!g_hash_table_contains (taken, number))
        {
          (*next)++;
          g_hash_table_add (taken, number);
          return g_strdup (number);
        }
      g_free (number);
    }
}

static void
report (MdgAttendeeImport *self,
        MdgImportStage     stage,
        guint              done,
        guint              total)
{
  if (self->progress != NULL && (done % 256 == 0 || done == total))
    self->progress (stage, done, total, self->progress_data);
}

/* A key telling two new people of one file apart as the duplicate check does. */
static char *
person_key (MdgPerson *person)
{
  const char *email = mdg_person_get_text (person, MDG_PERSON_EMAIL);

  if (email != NULL)
    return g_utf8_casefold (email, -1);
  return g_strdup_printf ("\x1f%s\x1f%s\x1f%s", mdg_person_get_text (person, MDG_PERSON_FAMILY_NAME),
                          mdg_person_get_text (person, MDG_PERSON_GIVEN_NAME) ?: "",
                          mdg_person_get_text (person, MDG_PERSON_ORGANIZATION) ?: "");
}

static gboolean
folded_equal (const char *a,
              const char *b)
{
  g_autofree char *fa = a ? mdg_kana_fold (a, -1) : NULL;
  g_autofree char *fb = b ? mdg_kana_fold (b, -1) : NULL;

  return fa != NULL && fb != NULL && g_str_equal (fa, fb);
}

/*
 * Whether a row whose number is a registration's in the seminar is that registration
 * (its details may have changed), or someone else under a number that clashes: the
 * same e-mail, family name (髙橋 is 高橋) or reading says it is the same person.
 */
static gboolean
same_person (MdgPerson *stored,
             MdgPerson *given)
{
  g_autofree char *stored_kana = mdg_person_dup_kana (stored);
  g_autofree char *given_kana = mdg_person_dup_kana (given);
  const char *stored_email = mdg_person_get_text (stored, MDG_PERSON_EMAIL);
  const char *given_email = mdg_person_get_text (given, MDG_PERSON_EMAIL);

  if (stored_email && given_email && g_ascii_strcasecmp (stored_email, given_email) == 0)
    return TRUE;
  if (folded_equal (mdg_person_get_text (stored, MDG_PERSON_FAMILY_NAME),
                    mdg_person_get_text (given, MDG_PERSON_FAMILY_NAME)))
    return TRUE;
  return *stored_kana && folded_equal (stored_kana, given_kana);
}

static gint64
read_data_version (sqlite3 *handle)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (handle, "PRAGMA data_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/*
 * Matches every entry with the seminar and Madoguchi's people inside one read
 * transaction (a consistent snapshot; nothing is locked for writers), or inside the
 * caller's write transaction when it holds one.
 */
static Plan *
make_plan (MdgAttendeeImport  *self,
           MdgDatabase        *db,
           gint64              seminar_id,
           GCancellable       *cancellable,
           GPtrArray         **problems,
           GError            **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  gboolean own_transaction = sqlite3_get_autocommit (handle);
  g_autoptr(Plan) plan = g_new0 (Plan, 1);
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GHashTable) by_number = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_person = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_registrations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) seminar = NULL;
  g_autoptr(GPtrArray) clashes = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_import_problem_free);
  sqlite3_stmt *match = NULL, *find_org = NULL;
  guint64 next_number = 1;
  gint64 capacity = 0;
  guint registered = 0, waiting_count = 0;
  gboolean waiting = FALSE, ok = FALSE;

  g_ptr_array_set_size (self->changes, 0);
  plan->seminar_id = seminar_id;
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  plan->new_steps = g_ptr_array_new ();
  plan->orgs = g_hash_table_new (g_str_hash, g_str_equal);
  plan->org_list = g_ptr_array_new_with_free_func ((GDestroyNotify) org_plan_free);

  if (own_transaction && !_mdg_sql_exec (handle, "BEGIN", error))
    return NULL;

  seminar = _mdg_sql_prepare (handle, "SELECT coalesce(capacity, 0) FROM seminar WHERE id = ?", error);
  if (seminar == NULL)
    goto out;
  sqlite3_bind_int64 (seminar, 1, seminar_id);
  if (sqlite3_step (seminar) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("There is no seminar %lld"), (long long) seminar_id);
      goto out;
    }
  capacity = sqlite3_column_int64 (seminar, 0);
  plan->data_version = read_data_version (handle);

  if (!(attendees = mdg_registration_store_list (db, seminar_id, error)))
    goto out;
  for (guint i = 0; i < attendees->len; i++)
    {
      MdgAttendee *attendee = g_ptr_array_index (attendees, i);
      const char *number = mdg_attendee_get_number (attendee);
      MdgPerson *person = mdg_attendee_get_person (attendee);

      if (number != NULL)
        {
          g_hash_table_insert (by_number, (gpointer) number, attendee);
          g_hash_table_add (taken, g_strdup (number));
          if (number[0] == 'M' && g_ascii_isdigit (number[1]))
            next_number = MAX (next_number, g_ascii_strtoull (number + 1, NULL, 10) + 1);
        }
      {
        gint64 id = mdg_person_get_id (person);
        g_hash_table_insert (by_person, g_memdup2 (&id, sizeof id), attendee);
      }
      if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_REGISTERED)
        registered++;
      else if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED)
        {
          waiting = TRUE;
          waiting_count++;
        }
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->number != NULL)
        g_hash_table_add (taken, g_strdup (entry->number));
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      Step *step = g_new0 (Step, 1);
      MdgAttendee *attendee = entry->number ? g_hash_table_lookup (by_number, entry->number) : NULL;
      g_autoptr(GPtrArray) same = NULL;
      MdgPerson *known = NULL;

      step->entry = entry;
      g_ptr_array_add (plan->steps, step);
      report (self, MDG_IMPORT_STAGE_MATCHING, i, self->entries->len);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      if (attendee != NULL && !same_person (mdg_attendee_get_person (attendee), entry->person))
        {
          g_autofree char *holder = mdg_person_dup_name (mdg_attendee_get_person (attendee));

          _mdg_attendee_import_add_problem (clashes, entry->line,
                       _("the registration number %s is %s’s in this seminar: is the file another seminar’s?"),
                       entry->number, holder);
          step->kind = STEP_SKIP;
          continue;
        }
      if (attendee == NULL)
        {
          if (!(same = _mdg_person_store_match (db, &match, entry->person, error)))
            goto out;
          if (same->len > 0)
            {
              gint64 id;

              known = g_ptr_array_index (same, 0);
              id = mdg_person_get_id (known);
              attendee = g_hash_table_lookup (by_person, &id);
            }
        }

      /* The same registration twice in one file: the first row stands. */
      if (attendee != NULL || known != NULL)
        {
          gint64 key = attendee ? -mdg_attendee_get_id (attendee) : mdg_person_get_id (known);
          gpointer first = g_hash_table_lookup (seen_registrations, &key);

          if (first != NULL)
            {
              g_autofree char *name = mdg_person_dup_name (entry->person);

              step->kind = STEP_SKIP;
              _mdg_attendee_import_add_problem (self->notices, entry->line, _("%s is also on line %u: only that line is imported"), name,
                           GPOINTER_TO_UINT (first));
              continue;
            }
          g_hash_table_insert (seen_registrations, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (entry->line));
        }
      else
        {
          char *key = person_key (entry->person);
          gpointer first = g_hash_table_lookup (seen_people, key);

          if (first != NULL)
            {
              g_autofree char *name = mdg_person_dup_name (entry->person);

              g_free (key);
              step->kind = STEP_SKIP;
              _mdg_attendee_import_add_problem (self->notices, entry->line, _("%s is also on line %u: only that line is imported"), name,
                           GPOINTER_TO_UINT (first));
              continue;
            }
          g_hash_table_insert (seen_people, key, GUINT_TO_POINTER (entry->line));
        }

      if (!plan_organization (self, plan, step, db, &find_org, error))
        goto out;

      if (attendee != NULL)
        {
          plan_registration (self, plan, step, attendee);
          continue;
        }

      step->kind = STEP_NEW;
      step->number = entry->number ? g_strdup (entry->number) : make_number (taken, &next_number);
      step->attendance = entry->attendance;
      step->questions = g_strdup (entry->questions);
      step->answers = copy_answers (entry->answers);
      if (known != NULL)
        {
          plan_person (self, step, known);
          plan->counts.existing_people++;
        }
      else
        step->person = mdg_person_copy (entry->person);
      g_ptr_array_add (plan->new_steps, step);
      plan->counts.imported++;
      if (step->has_changes)
        plan->counts.changed++;
    }

  /* The places the file's statuses leave: what is registered and waiting once applied. */
  for (guint i = 0; i < plan->steps->len; i++)
    {
      Step *step = g_ptr_array_index (plan->steps, i);

      if (step->kind != STEP_EXISTING || step->new_status == step->old_status)
        continue;
      registered -= step->old_status == MDG_REGISTRATION_STATUS_REGISTERED;
      registered += step->new_status == MDG_REGISTRATION_STATUS_REGISTERED;
      waiting_count -= step->old_status == MDG_REGISTRATION_STATUS_WAITLISTED;
      waiting_count += step->new_status == MDG_REGISTRATION_STATUS_WAITLISTED;
    }

  /* New registrations take their places in the order people applied. */
  g_ptr_array_sort (plan->new_steps, compare_applied);
  for (guint i = 0; i < plan->new_steps->len; i++)
    {
      Step *step = g_ptr_array_index (plan->new_steps, i);

      if (step->entry->has_status)
        step->new_status = step->entry->status;
      else
        step->new_status = capacity > 0 && (registered >= capacity || waiting) ? MDG_REGISTRATION_STATUS_WAITLISTED
                                                                               : MDG_REGISTRATION_STATUS_REGISTERED;
      if (step->new_status == MDG_REGISTRATION_STATUS_WAITLISTED)
        {
          waiting = TRUE;
          waiting_count++;
          plan->counts.waitlisted++;
        }
      else if (step->new_status == MDG_REGISTRATION_STATUS_REGISTERED)
        registered++;
    }
  /* Freed places go to the waitlist when written; the count is known now. */
  plan->promoted_by_file = plan->counts.promoted;
  if (plan->frees_places && capacity > registered)
    plan->counts.promoted += MIN ((guint) (capacity - registered), waiting_count);
  report (self, MDG_IMPORT_STAGE_MATCHING, self->entries->len, self->entries->len);
  if (clashes->len > 0)
    {
      _mdg_attendee_import_set_problems_error (self, clashes, error);
      if (problems)
        *problems = g_steal_pointer (&clashes);
      goto out;
    }
  ok = TRUE;

out:
  g_clear_pointer (&match, sqlite3_finalize);
  g_clear_pointer (&find_org, sqlite3_finalize);
  g_clear_pointer (&seminar, sqlite3_finalize);
  if (own_transaction)
    sqlite3_exec (handle, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  g_ptr_array_sort (self->changes, _mdg_attendee_import_compare_problems);
  return g_steal_pointer (&plan);
}

static gboolean
update_registration (MdgDatabase            *db,
                     sqlite3_stmt           *stmt,
                     gint64                  id,
                     MdgRegistrationStatus   status,
                     MdgAttendance           attendance,
                     const char             *questions,
                     const char             *json,
                     GError                **error)
{
  gboolean ok;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, mdg_registration_status_to_string (status), -1, SQLITE_STATIC);
  _mdg_sql_bind_text (stmt, 3, mdg_attendance_to_string (attendance));
  _mdg_sql_bind_text (stmt, 4, questions);
  _mdg_sql_bind_text (stmt, 5, json);
  ok = _mdg_sql_step_done (_mdg_database_get_handle (db), stmt, error);
  sqlite3_reset (stmt);
  return ok;
}

/* The statements that update, prepared once for the whole import; inserts go in batches. */
typedef struct
{
  sqlite3_stmt *update_org;
  sqlite3_stmt *update_person;
  sqlite3_stmt *update_registration;
} Writer;

static void
writer_clear (Writer *writer)
{
  g_clear_pointer (&writer->update_org, sqlite3_finalize);
  g_clear_pointer (&writer->update_person, sqlite3_finalize);
  g_clear_pointer (&writer->update_registration, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

/*
 * The organization a person is written with: the one the file names for someone new,
 * or when the change was accepted (or filled a blank); otherwise %NULL, the one they had.
 */
static OrgPlan *
org_for (Step      *step,
         MdgPerson *person,
         gboolean   accept)
{
  gboolean known = mdg_person_get_id (person) != 0;

  if (step->org != NULL && (!known || accept || step->stored_org_id == 0))
    return step->org;
  return NULL;
}

static gint64
org_id_for (Step      *step,
            MdgPerson *person,
            gboolean   accept)
{
  OrgPlan *org = org_for (step, person, accept);

  return org ? mdg_organization_get_id (org->organization) : step->stored_org_id;
}

static gboolean
person_written (Step      *step,
                MdgPerson *person,
                gboolean   accept)
{
  return mdg_person_get_id (person) == 0 || step->person_dirty || (accept && step->has_changes);
}

/* A known person's update: their organization is written already. */
static gboolean
update_person (MdgDatabase  *db,
               Writer       *w,
               Step         *step,
               MdgPerson    *person,
               gboolean      accept,
               const char   *consent_at,
               GError      **error)
{
  return _mdg_person_store_write (db, w->update_person, person, org_id_for (step, person, accept), consent_at, error);
}

/* Writes the plan; the caller holds the write transaction. */
static gboolean
write_plan (MdgAttendeeImport  *self,
            Plan               *plan,
            MdgDatabase        *db,
            MdgImportResult    *counts,
            GError            **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_auto(Writer) w = { NULL };
  gboolean accept = self->accept_changes;
  guint done = 0, total = plan->steps->len;

  if (!(w.update_org = _mdg_organization_store_prepare_write (db, FALSE, error)) ||
      !(w.update_person = _mdg_person_store_prepare_write (db, FALSE, error)) ||
      !(w.update_registration = _mdg_sql_prepare (handle,
                                                  "UPDATE registration SET status = ?2, attendance = ?3,"
                                                  " questions = ?4, answers = ?5,"
                                                  " checked_in_at = CASE WHEN ?2 = 'registered' THEN checked_in_at END"
                                                  " WHERE id = ?1",
                                                  error)))
    return FALSE;

  *counts = plan->counts;
  for (guint i = 0; i < plan->org_list->len; i++)
    {
      OrgPlan *org = g_ptr_array_index (plan->org_list, i);

      if (org->is_new)
        continue;
      if (accept && org->proposed != NULL)
        {
          g_autoptr(MdgOrganization) merged = g_object_ref (org->proposed);

          /* Filled blanks stay filled where the file proposed nothing else. */
          for (guint f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
            if (mdg_organization_get_text (merged, f) == NULL)
              mdg_organization_set_text (merged, f, mdg_organization_get_text (org->organization, f));
          if (mdg_organization_get_employees (merged) == 0)
            mdg_organization_set_employees (merged, mdg_organization_get_employees (org->organization));
          _mdg_organization_set_id (merged, mdg_organization_get_id (org->organization));
          if (!_mdg_organization_store_write (db, w.update_org, merged, error))
            return FALSE;
        }
      else if (org->fill && !_mdg_organization_store_write (db, w.update_org, org->organization, error))
        return FALSE;
    }

  /* New organizations, then new people, then the registrations: a few statements for many rows. */
  {
    g_autoptr(GPtrArray) organizations = g_ptr_array_new ();
    g_autoptr(GPtrArray) people = g_ptr_array_new ();
    g_autoptr(GArray) organization_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) consent_at = g_ptr_array_new ();
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MdgRegistrationRow));
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    char *now_text = format_utc (now);

    g_ptr_array_add (texts, now_text);
    for (guint i = 0; i < plan->steps->len; i++)
      {
        Step *step = g_ptr_array_index (plan->steps, i);
        MdgPerson *person = accept && step->proposed ? step->proposed : step->person;
        OrgPlan *org = step->kind != STEP_SKIP && person_written (step, person, accept) ? org_for (step, person, accept)
                                                                                       : NULL;

        if (org != NULL && org->is_new && !org->written)
          {
            g_ptr_array_add (organizations, org->organization);
            org->written = TRUE;
          }
      }
    if (!_mdg_organization_store_insert_many (db, organizations, error))
      return FALSE;

    for (guint i = 0; i < plan->new_steps->len; i++)
      {
        Step *step = g_ptr_array_index (plan->new_steps, i);
        MdgPerson *person = accept && step->proposed ? step->proposed : step->person;
        char *applied = format_utc (step->entry->applied_at);
        gint64 organization_id = org_id_for (step, person, accept);

        g_ptr_array_add (texts, applied ? applied : g_strdup (now_text));
        if (mdg_person_get_id (person) == 0)
          {
            g_ptr_array_add (people, person);
            g_array_append_val (organization_ids, organization_id);
            g_ptr_array_add (consent_at, g_ptr_array_index (texts, texts->len - 1));
          }
        else if (person_written (step, person, accept) &&
                 !update_person (db, &w, step, person, accept, g_ptr_array_index (texts, texts->len - 1), error))
          return FALSE;
      }
    report (self, MDG_IMPORT_STAGE_WRITING, done, total);
    if (!_mdg_person_store_insert_many (db, people, (gint64 *) organization_ids->data,
                                        (const char **) consent_at->pdata, error))
      return FALSE;
    done += plan->new_steps->len / 2;
    report (self, MDG_IMPORT_STAGE_WRITING, done, total);

    for (guint i = 0; i < plan->new_steps->len; i++)
      {
        Step *step = g_ptr_array_index (plan->new_steps, i);
        MdgPerson *person = accept && step->proposed ? step->proposed : step->person;
        char *answers = mdg_answers_to_json (step->answers);
        MdgRegistrationRow row = {
          .seminar_id = plan->seminar_id, .person_id = mdg_person_get_id (person), .number = step->number,
          .status = step->new_status, .source = MDG_REGISTRATION_SOURCE_CSV,
          .applied_at = g_ptr_array_index (texts, i + 1), .attendance = step->attendance,
          .questions = step->questions, .answers = answers,
        };

        if (answers != NULL)
          g_ptr_array_add (texts, answers);
        g_array_append_val (rows, row);
      }
    if (!_mdg_registration_store_insert_many (db, (MdgRegistrationRow *) rows->data, rows->len, error))
      return FALSE;
    done += plan->new_steps->len - plan->new_steps->len / 2;
  }

  for (guint i = 0; i < plan->steps->len; i++)
    {
      Step *step = g_ptr_array_index (plan->steps, i);
      MdgAttendance attendance;
      const char *questions;
      g_autofree char *answers = NULL;
      g_autofree char *details = NULL;

      if (step->kind != STEP_EXISTING)
        continue;
      report (self, MDG_IMPORT_STAGE_WRITING, done++, total);

      /* Without acceptance, only blanks filled change beside the status. */
      attendance = accept ? step->proposed_attendance : step->attendance;
      questions = accept ? step->proposed_questions : step->questions;
      answers = mdg_answers_to_json (accept ? step->proposed_answers : step->answers);
      details = g_strdup_printf ("%d\x1f%s\x1f%s", attendance, questions ?: "", answers ?: "");
      if ((step->new_status != step->old_status || !g_str_equal (details, step->stored_details)) &&
          !update_registration (db, w.update_registration, step->registration_id, step->new_status, attendance,
                                questions, answers, error))
        return FALSE;
      if (step->person_dirty || (accept && step->has_changes))
        {
          /* Consent given on this form is dated by the application. */
          g_autofree char *applied = format_utc (step->entry->applied_at);

          if (!update_person (db, &w, step, accept ? step->proposed : step->person, accept, applied, error))
            return FALSE;
        }
      if (accept && step->has_changes)
        counts->changes_applied++;
    }
  report (self, MDG_IMPORT_STAGE_WRITING, total, total);

  if (plan->frees_places)
    {
      g_autoptr(GArray) moved = _mdg_registration_store_promote (db, plan->seminar_id, error);

      if (moved == NULL)
        return FALSE;
      counts->promoted = plan->promoted_by_file + moved->len;
    }

  {
    g_autofree char *key = _mdg_attendee_import_header_key (self);
    g_autofree char *mapping = _mdg_attendee_import_mapping_to_string (self);

    return _mdg_registration_store_remember_mapping (db, key, mapping, error);
  }
}

static gboolean
ensure_checked (MdgAttendeeImport  *self,
                GPtrArray         **problems,
                GError            **error)
{
  g_autoptr(GPtrArray) found = NULL;

  if (self->entries != NULL)
    return TRUE;
  found = mdg_attendee_import_check (self);
  if (found->len == 0)
    return TRUE;
  _mdg_attendee_import_set_problems_error (self, found, error);
  if (problems)
    *problems = g_steal_pointer (&found);
  return FALSE;
}

/**
 * mdg_attendee_import_prepare:
 * @self: an import
 * @db: a #MdgDatabase
 * @seminar_id: the seminar the rows register for
 * @cancellable: (nullable): a #GCancellable
 * @result: (out) (optional): what the import would do
 * @problems: (out) (optional) (transfer container) (element-type MdgImportProblem): why not
 * @error: a location for a #GError
 *
 * Checks the file and compares it with the seminar's registrations without writing or
 * locking anything: counts what would be new, cancelled, changed and unchanged, and
 * lists the changed details (mdg_attendee_import_get_changes()) for the user to accept.
 */
gboolean
mdg_attendee_import_prepare (MdgAttendeeImport  *self,
                             MdgDatabase        *db,
                             gint64              seminar_id,
                             GCancellable       *cancellable,
                             MdgImportResult    *result,
                             GPtrArray         **problems,
                             GError            **error)
{
  g_autoptr(Plan) plan = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (problems)
    *problems = NULL;
  if (!ensure_checked (self, problems, error) ||
      !(plan = make_plan (self, db, seminar_id, cancellable, problems, error)))
    return FALSE;
  if (result)
    *result = plan->counts;
  return TRUE;
}

/**
 * mdg_attendee_import_commit:
 * @self: an import
 * @db: a #MdgDatabase
 * @seminar_id: the seminar the rows register for
 * @dry_run: check everything against the database, then write nothing
 * @result: (out) (optional): what was (or would be) imported
 * @problems: (out) (optional) (transfer container) (element-type MdgImportProblem): why not
 * @error: a location for a #GError
 *
 * Registers every row, in one short write transaction: the rows are checked and
 * matched first, outside it. People already known (the same e-mail, or the same name
 * at the same organization) are reused, not duplicated; a registration already in
 * the seminar (the same number, or the same person) takes the file's status, and its
 * changed details when they were accepted. When any row has a problem, nothing is
 * written and @error lists the lines.
 */
gboolean
mdg_attendee_import_commit (MdgAttendeeImport  *self,
                            MdgDatabase        *db,
                            gint64              seminar_id,
                            gboolean            dry_run,
                            MdgImportResult    *result,
                            GPtrArray         **problems,
                            GError            **error)
{
  sqlite3 *handle;
  MdgImportResult counts = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (problems)
    *problems = NULL;
  if (!ensure_checked (self, problems, error))
    return FALSE;

  handle = _mdg_database_get_handle (db);
  /* Plan unlocked; if another writer committed meanwhile, plan again; the third time
   * plan inside the write transaction, so that a busy door cannot starve the import. */
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(Plan) plan = NULL;
      gboolean locked_first = attempt >= 2 && !dry_run;

      if (locked_first && !mdg_database_begin (db, error))
        return FALSE;
      if (!(plan = make_plan (self, db, seminar_id, NULL, problems, error)))
        {
          if (locked_first)
            mdg_database_rollback (db);
          return FALSE;
        }
      if (dry_run)
        {
          counts = plan->counts;
          break;
        }
      if (!locked_first)
        {
          if (!mdg_database_begin (db, error))
            return FALSE;
          if (read_data_version (handle) != plan->data_version)
            {
              mdg_database_rollback (db);
              continue;
            }
        }
      if (!write_plan (self, plan, db, &counts, error) || !mdg_database_commit (db, error))
        {
          mdg_database_rollback (db);
          return FALSE;
        }
      break;
    }

  if (result)
    *result = counts;
  return TRUE;
}

