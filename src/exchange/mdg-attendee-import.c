/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-attendee-import.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-organization-store-private.h"
#include "mdg-person-store-private.h"
#include "mdg-registration-store.h"

/*
 * Registrations from a CSV file, as event services, web forms and Japanese Excel
 * export them. Columns are mapped by what their header means (受付番号, 氏名（姓）,
 * 会社名（ふりがな）, 参加方法, 個人情報の取扱いに同意, …); the exports of connpass,
 * Peatix, Google Forms, Microsoft Forms, Doorkeeper and municipal seminar forms are
 * recognised, so that their own columns (connpass's 表示名, Peatix's katakana
 * 参加者名) give way to the form's questions. Every other column is kept with the
 * registration as the form's answers: nothing is dropped unless the user says so.
 *
 * An import runs in three steps, and only the last one writes:
 *
 *  1. check: every row is read and checked without a database (names, e-mail, times);
 *  2. plan: the rows are matched with the seminar's registrations and Madoguchi's
 *     people and organizations inside one read transaction — no lock is held, so the
 *     check-in desk keeps working — and what would change is listed;
 *  3. write: one short write transaction with statements prepared once. When another
 *     connection committed since the plan (PRAGMA data_version), the plan is made again.
 *
 * Importing a newer export of the same form adds its new rows, applies its
 * cancellations (the freed places go to the waitlist in the order people applied),
 * and lists the details that changed; they are written only when accepted.
 */

#define SAMPLE_ROWS 500   /* rows looked at to tell a reading column from a name column */

enum { ORG_KANA, ORG_INDUSTRY, ORG_ADDRESS, N_ORG_TEXT };

static const MdgOrganizationField org_fields[N_ORG_TEXT] = {
  [ORG_KANA] = MDG_ORGANIZATION_KANA,
  [ORG_INDUSTRY] = MDG_ORGANIZATION_INDUSTRY,
  [ORG_ADDRESS] = MDG_ORGANIZATION_ADDRESS,
};

typedef enum { CONSENT_NOT_ASKED = -1, CONSENT_NO = 0, CONSENT_YES = 1 } Consent;

/* One row of the file, read and checked. */
typedef struct
{
  guint                  line;
  MdgPerson             *person;
  char                  *org_text[N_ORG_TEXT];
  guint                  employees;       /* 0: not given */
  char                  *number;
  GDateTime             *applied_at;      /* %NULL: the file does not say */
  gboolean               has_status;
  MdgRegistrationStatus  status;
  MdgAttendance          attendance;
  char                  *questions;
  Consent                consent;
  const char            *consent_header;  /* borrowed from the import's headers */
  GPtrArray             *answers;         /* MdgAnswer, in file order */
} Entry;

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

struct _MdgAttendeeImport
{
  char                  *filename;
  MdgCsvEncoding         encoding;
  MdgImportFormat        format;
  GStrv                  headers;
  guint                  n_columns;
  guint                  header_line;
  GPtrArray             *rows;      /* MdgCsvRecord, below the header */
  guint                 *row_lengths;
  MdgImportTarget       *targets;
  MdgImportTarget       *guessed;
  guint8                *ranks;     /* 1: a service's own column, used when the form's question is blank */
  gboolean               accept_changes;
  MdgImportProgressFunc  progress;
  gpointer               progress_data;

  GPtrArray             *entries;   /* Entry, made by check; %NULL after the mapping changed */
  GPtrArray             *notices;   /* MdgImportProblem */
  GPtrArray             *changes;   /* MdgImportChange, made by the plan */
};

static const char *target_labels[] = {
  [MDG_IMPORT_NUMBER - MDG_PERSON_N_FIELDS] = N_("Registration number"),
  [MDG_IMPORT_FULL_NAME - MDG_PERSON_N_FIELDS] = N_("Full name"),
  [MDG_IMPORT_FULL_KANA - MDG_PERSON_N_FIELDS] = N_("Full name reading"),
  [MDG_IMPORT_ANSWER - MDG_PERSON_N_FIELDS] = N_("Kept as an answer"),
  [MDG_IMPORT_APPLIED_AT - MDG_PERSON_N_FIELDS] = N_("Time of application"),
  [MDG_IMPORT_STATUS - MDG_PERSON_N_FIELDS] = N_("Registration status"),
  [MDG_IMPORT_ATTENDANCE - MDG_PERSON_N_FIELDS] = N_("Venue or online"),
  [MDG_IMPORT_QUESTIONS - MDG_PERSON_N_FIELDS] = N_("Questions for the presenter"),
  [MDG_IMPORT_CONSENT - MDG_PERSON_N_FIELDS] = N_("Consent to the use of personal data"),
  [MDG_IMPORT_ORGANIZATION_KANA - MDG_PERSON_N_FIELDS] = N_("Organization reading"),
  [MDG_IMPORT_INDUSTRY - MDG_PERSON_N_FIELDS] = N_("Industry"),
  [MDG_IMPORT_EMPLOYEES - MDG_PERSON_N_FIELDS] = N_("Number of employees"),
  [MDG_IMPORT_ADDRESS - MDG_PERSON_N_FIELDS] = N_("Address"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (target_labels) == MDG_IMPORT_N_TARGETS - MDG_PERSON_N_FIELDS);

static const char *format_labels[] = {
  [MDG_IMPORT_FORMAT_GENERIC] = N_("A registration list"),
  [MDG_IMPORT_FORMAT_CONNPASS] = N_("A connpass participant list"),
  [MDG_IMPORT_FORMAT_PEATIX] = N_("A Peatix attendee list"),
  [MDG_IMPORT_FORMAT_GOOGLE_FORMS] = N_("Google Forms responses"),
  [MDG_IMPORT_FORMAT_MICROSOFT_FORMS] = N_("Microsoft Forms responses (from Excel)"),
  [MDG_IMPORT_FORMAT_DOORKEEPER] = N_("A Doorkeeper participant list"),
  [MDG_IMPORT_FORMAT_MUNICIPAL] = N_("A municipal seminar application form"),
};

/* Header names as forms write them, folded as fold_header() does. */
static const struct {
  const char      *name;
  MdgImportTarget  target;
} known_headers[] = {
  { "受付番号", MDG_IMPORT_NUMBER }, { "申込番号", MDG_IMPORT_NUMBER }, { "登録番号", MDG_IMPORT_NUMBER },
  { "受付no", MDG_IMPORT_NUMBER }, { "受付id", MDG_IMPORT_NUMBER }, { "申込id", MDG_IMPORT_NUMBER },
  { "番号", MDG_IMPORT_NUMBER }, { "no", MDG_IMPORT_NUMBER }, { "id", MDG_IMPORT_NUMBER },
  { "販売id", MDG_IMPORT_NUMBER }, { "registrationnumber", MDG_IMPORT_NUMBER },
  { "registrationno", MDG_IMPORT_NUMBER }, { "ticketnumber", MDG_IMPORT_NUMBER }, { "number", MDG_IMPORT_NUMBER },
  { "氏名", MDG_IMPORT_FULL_NAME }, { "名前", MDG_IMPORT_FULL_NAME }, { "お名前", MDG_IMPORT_FULL_NAME },
  { "ご氏名", MDG_IMPORT_FULL_NAME }, { "参加者氏名", MDG_IMPORT_FULL_NAME }, { "参加者名", MDG_IMPORT_FULL_NAME },
  { "表示名", MDG_IMPORT_FULL_NAME }, { "担当者名", MDG_IMPORT_FULL_NAME }, { "申込者名", MDG_IMPORT_FULL_NAME },
  { "代表者名", MDG_IMPORT_FULL_NAME }, { "name", MDG_IMPORT_FULL_NAME }, { "fullname", MDG_IMPORT_FULL_NAME },
  { "姓", MDG_PERSON_FAMILY_NAME }, { "氏", MDG_PERSON_FAMILY_NAME }, { "lastname", MDG_PERSON_FAMILY_NAME },
  { "familyname", MDG_PERSON_FAMILY_NAME }, { "surname", MDG_PERSON_FAMILY_NAME },
  { "名", MDG_PERSON_GIVEN_NAME }, { "firstname", MDG_PERSON_GIVEN_NAME }, { "givenname", MDG_PERSON_GIVEN_NAME },
  { "せい", MDG_PERSON_FAMILY_KANA }, { "めい", MDG_PERSON_GIVEN_KANA },
  { "所属", MDG_PERSON_ORGANIZATION }, { "所属先", MDG_PERSON_ORGANIZATION }, { "勤務先", MDG_PERSON_ORGANIZATION },
  { "貴社名", MDG_PERSON_ORGANIZATION }, { "company", MDG_PERSON_ORGANIZATION },
  { "companyname", MDG_PERSON_ORGANIZATION }, { "organization", MDG_PERSON_ORGANIZATION },
  { "organisation", MDG_PERSON_ORGANIZATION }, { "affiliation", MDG_PERSON_ORGANIZATION },
  { "役職", MDG_PERSON_TITLE }, { "役職名", MDG_PERSON_TITLE }, { "肩書", MDG_PERSON_TITLE },
  { "肩書き", MDG_PERSON_TITLE }, { "title", MDG_PERSON_TITLE }, { "jobtitle", MDG_PERSON_TITLE },
  { "position", MDG_PERSON_TITLE },
  { "たいむすたんぷ", MDG_IMPORT_APPLIED_AT }, { "timestamp", MDG_IMPORT_APPLIED_AT },
  { "完了時刻", MDG_IMPORT_APPLIED_AT }, { "completiontime", MDG_IMPORT_APPLIED_AT },
  { "ちけっと", MDG_IMPORT_ATTENDANCE }, { "ちけっと名", MDG_IMPORT_ATTENDANCE }, { "参加枠", MDG_IMPORT_ATTENDANCE },
  { "参加枠名", MDG_IMPORT_ATTENDANCE }, { "ticket", MDG_IMPORT_ATTENDANCE }, { "tickettype", MDG_IMPORT_ATTENDANCE },
};

/* Columns a service adds itself, read by what that service means by them. */
static const struct {
  MdgImportFormat  format;
  const char      *name;
  MdgImportTarget  target;
  guint8           rank;
} service_columns[] = {
  /* connpass: 表示名 is a nickname unless the questionnaire asks nothing better; its only
   * time is when the registration last changed; 利用開始日 is when the account began. */
  { MDG_IMPORT_FORMAT_CONNPASS, "表示名", MDG_IMPORT_FULL_NAME, 1 },
  { MDG_IMPORT_FORMAT_CONNPASS, "更新日時", MDG_IMPORT_APPLIED_AT, 0 },
  { MDG_IMPORT_FORMAT_CONNPASS, "出席日時", MDG_IMPORT_ANSWER, 0 },
  { MDG_IMPORT_FORMAT_PEATIX, "参加者名", MDG_IMPORT_FULL_NAME, 1 },
  { MDG_IMPORT_FORMAT_PEATIX, "購入者名", MDG_IMPORT_FULL_NAME, 1 },
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "名前", MDG_IMPORT_FULL_NAME, 1 },
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "name", MDG_IMPORT_FULL_NAME, 1 },
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "めーる", (MdgImportTarget) MDG_PERSON_EMAIL, 1 },
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "email", (MdgImportTarget) MDG_PERSON_EMAIL, 1 },
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "開始時刻", MDG_IMPORT_ANSWER, 0 },
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "最終変更時刻", MDG_IMPORT_ANSWER, 0 },
};

void
mdg_import_problem_free (MdgImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

void
mdg_import_change_free (MdgImportChange *change)
{
  g_free (change->name);
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *format,
             ...)
{
  MdgImportProblem *problem = g_new0 (MdgImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->person);
  for (guint i = 0; i < N_ORG_TEXT; i++)
    g_free (entry->org_text[i]);
  g_free (entry->number);
  g_clear_pointer (&entry->applied_at, g_date_time_unref);
  g_free (entry->questions);
  g_clear_pointer (&entry->answers, g_ptr_array_unref);
  g_free (entry);
}

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

/* Compatibility forms, case, kana script, spaces and punctuation folded away. */
static char *
fold_header (const char *header)
{
  g_autofree char *normal = g_utf8_normalize (header, -1, G_NORMALIZE_NFKC);
  g_autoptr(GString) out = g_string_new (NULL);

  /* Spaces, brackets and marks such as ・ ※ 【 】 say nothing about the column; they go
   * before folding, so that 氏名（名） is not read as a company's (名). */
  for (const char *p = normal ? normal : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || (c < 0x80 && c != 0 && strchr ("()[]_-.:*/?", (int) c)) || c == 0x30FB ||
          c == 0x203B || c == 0x3010 || c == 0x3011 || c == 0x300C || c == 0x300D)
        continue;
      g_string_append_unichar (out, c);
    }
  return mdg_kana_fold (out->str, -1);
}

static gboolean
mentions (const char *folded,
          const char *const *words)
{
  for (guint i = 0; words[i]; i++)
    if (strstr (folded, words[i]))
      return TRUE;
  return FALSE;
}

static char *
without_words (const char         *folded,
               const char *const  *words)
{
  GString *out = g_string_new (folded);

  for (guint i = 0; words[i]; i++)
    g_string_replace (out, words[i], "", 0);
  return g_string_free (out, FALSE);
}

/* "名", or a name's header with 名 after it (氏名（名）, お名前（名）): the given half. */
static gboolean
is_given_half (const char *folded)
{
  static const char *const whole[] = { "氏名", "名前", "なまえ", NULL };
  g_autofree char *head = NULL;

  if (g_str_equal (folded, "名"))
    return TRUE;
  if (!g_str_has_suffix (folded, "名"))
    return FALSE;
  head = g_strndup (folded, strlen (folded) - strlen ("名"));
  for (guint i = 0; whole[i]; i++)
    if (g_str_has_suffix (head, whole[i]))
      return TRUE;
  return FALSE;
}

/*
 * What a header means, by the words in it rather than by its characters alone: a
 * reading column that names a company (会社名（ふりがな）) is the organization's reading,
 * not a person's; 氏名（姓）and 氏名（名）are the two halves of a name.
 */
static MdgImportTarget
guess_target (const char *folded)
{
  static const char *const company[] = { "会社", "企業", "団体", "法人", "事業所", "事業者", "所属", "勤務先",
                                         "貴社", "組織", "company", "organi", NULL };
  static const char *const reading[] = { "ふりがな", "よみ", "読み", "かな", "furigana", "kana", "reading", NULL };
  static const char *const family[] = { "姓", "せい", "苗字", "last", "family", "surname", NULL };
  static const char *const given[] = { "めい", "first", "given", NULL };
  static const char *const email[] = { "めーる", "mail", NULL };
  static const char *const phone[] = { "電話", "tel", "phone", "携帯", "連絡先番号", NULL };
  static const char *const consent[] = { "同意", "承諾", "consent", "agree", "個人情報", "ぷらいばしー", "privacy",
                                         NULL };
  static const char *const questions[] = { "質問", "question", "聞きたい", "ききたい", NULL };
  static const char *const attendance[] = { "参加方法", "参加形式", "参加形態", "受講方法", "受講形式", "出席方法",
                                            "参加場所", "attendance", "参加枠", "ちけっと", "ticket", "venue", "online",
                                            NULL };
  static const char *const door[] = { "出欠", "出席", "ちぇっくいん", "checkin", "支払", "決済", "入金", "payment",
                                      NULL };
  static const char *const status[] = { "すてーたす", "状況", "状態", "status", NULL };
  static const char *const applied[] = { "申込日", "申し込み日", "申込時", "受付日", "注文日", "購入日", "回答日",
                                         "登録日時", "応募日", "submitted", "applied", "application", "registeredat", NULL };
  static const char *const employees[] = { "従業員", "社員数", "職員数", "employees", "規模", NULL };
  static const char *const industry[] = { "業種", "業界", "industry", NULL };
  static const char *const address[] = { "所在地", "住所", "address", NULL };
  static const char *const department[] = { "部署", "部門", "department", "division", NULL };
  static const char *const title[] = { "役職", "肩書", "title", "role", NULL };
  static const char *const number[] = { "番号", "no", "id", "number", NULL };
  static const char *const numbered[] = { "受付", "申込", "申し込み", "登録", "販売", "注文", "ちけっと", "registration",
                                          "ticket", "order", NULL };
  static const char *const names[] = { "氏名", "名前", "なまえ", "参加者", "担当者", "申込者", "代表者", "name", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
    if (g_str_equal (folded, known_headers[i].name))
      return known_headers[i].target;

  if (mentions (folded, email))
    return (MdgImportTarget) MDG_PERSON_EMAIL;
  if (mentions (folded, reading) || g_str_has_suffix (folded, "せい") || g_str_has_suffix (folded, "めい"))
    {
      g_autofree char *rest = without_words (folded, reading);

      if (mentions (folded, company))
        return MDG_IMPORT_ORGANIZATION_KANA;
      if (mentions (rest, family))
        return (MdgImportTarget) MDG_PERSON_FAMILY_KANA;
      if (mentions (rest, given) || is_given_half (rest))
        return (MdgImportTarget) MDG_PERSON_GIVEN_KANA;
      return MDG_IMPORT_FULL_KANA;
    }
  if (mentions (folded, phone))
    return (MdgImportTarget) MDG_PERSON_PHONE;
  if (mentions (folded, consent))
    return MDG_IMPORT_CONSENT;
  if (mentions (folded, questions))
    return MDG_IMPORT_QUESTIONS;
  if (mentions (folded, number) && mentions (folded, numbered))
    return MDG_IMPORT_NUMBER;
  if (mentions (folded, door))
    return MDG_IMPORT_ANSWER;
  if (mentions (folded, attendance))
    return MDG_IMPORT_ATTENDANCE;
  if (mentions (folded, status))
    return MDG_IMPORT_STATUS;
  if (mentions (folded, applied))
    return MDG_IMPORT_APPLIED_AT;
  if (mentions (folded, employees))
    return MDG_IMPORT_EMPLOYEES;
  if (mentions (folded, industry))
    return MDG_IMPORT_INDUSTRY;
  if (mentions (folded, address))
    return MDG_IMPORT_ADDRESS;
  if (mentions (folded, department))
    return (MdgImportTarget) MDG_PERSON_DEPARTMENT;
  if (mentions (folded, company))
    return (MdgImportTarget) MDG_PERSON_ORGANIZATION;
  if (mentions (folded, title))
    return (MdgImportTarget) MDG_PERSON_TITLE;
  if (strstr (folded, "ゆーざー") || strstr (folded, "user"))
    return MDG_IMPORT_ANSWER;
  if (mentions (folded, names))
    {
      /* 氏名（姓）, お名前（名）: the half of a name in brackets. */
      if (mentions (folded, family))
        return (MdgImportTarget) MDG_PERSON_FAMILY_NAME;
      if (mentions (folded, given) || is_given_half (folded))
        return (MdgImportTarget) MDG_PERSON_GIVEN_NAME;
      return MDG_IMPORT_FULL_NAME;
    }
  return MDG_IMPORT_ANSWER;
}

static MdgImportFormat
detect_format (GHashTable *folded_headers,
               const char *first)
{
#define HAS(name) g_hash_table_contains (folded_headers, name)
  if (HAS ("参加枠名") && HAS ("ゆーざー名") && HAS ("表示名"))
    return MDG_IMPORT_FORMAT_CONNPASS;
  if (HAS ("販売id") || (HAS ("注文日時") && HAS ("ちけっと名") && HAS ("参加者名")))
    return MDG_IMPORT_FORMAT_PEATIX;
  if (g_str_equal (first, "たいむすたんぷ") || g_str_equal (first, "timestamp"))
    return MDG_IMPORT_FORMAT_GOOGLE_FORMS;
  if (HAS ("id") && ((HAS ("開始時刻") && HAS ("完了時刻")) || (HAS ("starttime") && HAS ("completiontime"))))
    return MDG_IMPORT_FORMAT_MICROSOFT_FORMS;
  if (HAS ("ちけっと") && HAS ("名前") && HAS ("申込日時") && HAS ("すてーたす"))
    return MDG_IMPORT_FORMAT_DOORKEEPER;
  if ((HAS ("受付日時") || HAS ("申込日時")) && (HAS ("受付番号") || HAS ("申込番号")) &&
      (HAS ("事業所名") || HAS ("参加方法") || HAS ("従業員数") || HAS ("氏名姓")))
    return MDG_IMPORT_FORMAT_MUNICIPAL;
  return MDG_IMPORT_FORMAT_GENERIC;
#undef HAS
}

static guint
row_length (MdgAttendeeImport *self,
            guint              row)
{
  return self->row_lengths[row];
}

/*
 * A name column whose every value is a reading (Peatix's 参加者名 in katakana) is the
 * reading when another column holds the name in kanji; alone, it is the name.
 */
static void
sniff_reading_columns (MdgAttendeeImport *self)
{
  gboolean kanji_name = FALSE, has_reading = FALSE;
  g_autofree gboolean *is_reading = g_new0 (gboolean, self->n_columns);

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint seen = 0;

      if (self->targets[c] == MDG_IMPORT_FULL_KANA || self->targets[c] == (MdgImportTarget) MDG_PERSON_FAMILY_KANA)
        has_reading = TRUE;
      if (self->targets[c] != MDG_IMPORT_FULL_NAME && self->targets[c] != (MdgImportTarget) MDG_PERSON_FAMILY_NAME)
        continue;

      is_reading[c] = TRUE;
      for (guint r = 0; r < self->rows->len && seen < SAMPLE_ROWS; r++)
        {
          const char *cell = c < row_length (self, r) ? ((MdgCsvRecord *) g_ptr_array_index (self->rows, r))->fields[c]
                                                      : NULL;

          if (cell == NULL || *cell == '\0')
            continue;
          seen++;
          if (!mdg_kana_is_reading (cell))
            {
              is_reading[c] = FALSE;
              break;
            }
        }
      if (seen == 0)
        is_reading[c] = FALSE;
      if (!is_reading[c])
        kanji_name = TRUE;
    }

  if (!kanji_name)
    return;
  for (guint c = 0; c < self->n_columns; c++)
    if (is_reading[c] && self->targets[c] == MDG_IMPORT_FULL_NAME)
      {
        self->targets[c] = MDG_IMPORT_FULL_KANA;
        self->ranks[c] = has_reading ? 1 : 0;
      }
}

/* Tells the columns' meaning from the header, then from what the rows hold. Linear in the columns. */
static void
map_columns (MdgAttendeeImport *self)
{
  g_autoptr(GHashTable) folded_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) folded = g_new0 (char *, self->n_columns + 1);

  for (guint c = 0; c < self->n_columns; c++)
    {
      folded[c] = fold_header (self->headers[c]);
      g_hash_table_add (folded_headers, g_strdup (folded[c]));
    }
  self->format = detect_format (folded_headers, self->n_columns > 0 ? folded[0] : "");

  for (guint c = 0; c < self->n_columns; c++)
    {
      self->targets[c] = guess_target (folded[c]);
      self->ranks[c] = 0;
      for (guint i = 0; i < G_N_ELEMENTS (service_columns); i++)
        if (service_columns[i].format == self->format && g_str_equal (folded[c], service_columns[i].name))
          {
            self->targets[c] = service_columns[i].target;
            self->ranks[c] = service_columns[i].rank;
          }
    }
  sniff_reading_columns (self);
  memcpy (self->guessed, self->targets, self->n_columns * sizeof (MdgImportTarget));
}

static char *
header_key (MdgAttendeeImport *self)
{
  return g_strjoinv ("\x1f", self->headers);
}

static void
invalidate (MdgAttendeeImport *self)
{
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_ptr_array_set_size (self->notices, 0);
  g_ptr_array_set_size (self->changes, 0);
}

/**
 * mdg_attendee_import_new:
 * @filename: the file's name, for messages
 * @contents: the file's bytes
 * @encoding: %MDG_CSV_ENCODING_AUTO, or the user's choice
 * @error: a location for a #GError
 *
 * Reads a registration CSV, recognises the service that wrote it and maps its columns
 * from their headers. Nothing is written yet.
 *
 * Returns: (transfer full): the import, or %NULL with @error naming the file and line
 */
MdgAttendeeImport *
mdg_attendee_import_new (const char      *filename,
                         GBytes          *contents,
                         MdgCsvEncoding   encoding,
                         GError         **error)
{
  g_autoptr(MdgAttendeeImport) self = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  MdgCsvRecord *header;
  gsize length;
  const char *data;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  data = g_bytes_get_data (contents, &length);
  self = g_new0 (MdgAttendeeImport, 1);
  self->filename = g_strdup (filename);
  self->notices = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_import_problem_free);
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_import_change_free);

  if (!(text = mdg_csv_decode (data, length, encoding, filename, &self->encoding, error)) ||
      !(records = mdg_csv_parse (text, filename, error)))
    return NULL;

  if (records->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is empty: there is no header and no registration."),
                   filename);
      return NULL;
    }

  header = g_ptr_array_steal_index (records, 0);
  self->header_line = header->line;
  self->headers = g_steal_pointer (&header->fields);
  self->n_columns = g_strv_length (self->headers);
  mdg_csv_record_free (header);
  self->rows = g_steal_pointer (&records);
  self->row_lengths = g_new (guint, self->rows->len + 1);
  for (guint r = 0; r < self->rows->len; r++)
    {
      MdgCsvRecord *record = g_ptr_array_index (self->rows, r);

      self->row_lengths[r] = g_strv_length (record->fields);
      /* Cells are read trimmed, as a person reads them. */
      for (guint c = 0; c < self->row_lengths[r]; c++)
        g_strstrip (record->fields[c]);
    }

  self->targets = g_new (MdgImportTarget, self->n_columns + 1);
  self->guessed = g_new (MdgImportTarget, self->n_columns + 1);
  self->ranks = g_new0 (guint8, self->n_columns + 1);
  map_columns (self);

  return g_steal_pointer (&self);
}

void
mdg_attendee_import_free (MdgAttendeeImport *self)
{
  if (self == NULL)
    return;
  g_free (self->filename);
  g_strfreev (self->headers);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->row_lengths);
  g_free (self->targets);
  g_free (self->guessed);
  g_free (self->ranks);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->notices, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_free (self);
}

MdgCsvEncoding
mdg_attendee_import_get_encoding (MdgAttendeeImport *self)
{
  return self->encoding;
}

/* The service or form that wrote the file, as its header shows. */
MdgImportFormat
mdg_attendee_import_get_format (MdgAttendeeImport *self)
{
  return self->format;
}

guint
mdg_attendee_import_get_n_columns (MdgAttendeeImport *self)
{
  return self->n_columns;
}

const char *
mdg_attendee_import_get_header (MdgAttendeeImport *self,
                                guint              column)
{
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->headers[column];
}

guint
mdg_attendee_import_get_n_rows (MdgAttendeeImport *self)
{
  return self->rows->len;
}

/* Returns: (nullable): the cell, or %NULL where the row is shorter */
const char *
mdg_attendee_import_get_cell (MdgAttendeeImport *self,
                              guint              row,
                              guint              column)
{
  MdgCsvRecord *record;

  g_return_val_if_fail (row < self->rows->len, NULL);
  record = g_ptr_array_index (self->rows, row);
  return column < row_length (self, row) ? record->fields[column] : NULL;
}

MdgImportTarget
mdg_attendee_import_get_target (MdgAttendeeImport *self,
                                guint              column)
{
  g_return_val_if_fail (column < self->n_columns, MDG_IMPORT_IGNORE);
  return self->targets[column];
}

/*
 * Whether @column is a service's own column (connpass's 表示名, Microsoft Forms' 名前)
 * that fills its field only where the form's question for it was left blank.
 */
gboolean
mdg_attendee_import_is_fallback (MdgAttendeeImport *self,
                                 guint              column)
{
  g_return_val_if_fail (column < self->n_columns, FALSE);
  return self->ranks[column] > 0;
}

static gboolean
is_single (MdgImportTarget target)
{
  return target != MDG_IMPORT_IGNORE && target != MDG_IMPORT_ANSWER;
}

/* Maps @column to @target; another column that held @target is then kept as an answer. */
void
mdg_attendee_import_set_target (MdgAttendeeImport *self,
                                guint              column,
                                MdgImportTarget    target)
{
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (target >= MDG_IMPORT_IGNORE && target < MDG_IMPORT_N_TARGETS);

  if (is_single (target))
    for (guint c = 0; c < self->n_columns; c++)
      if (self->targets[c] == target)
        self->targets[c] = MDG_IMPORT_ANSWER;
  self->targets[column] = target;
  self->ranks[column] = 0;
  invalidate (self);
}

/* The choice of what to do with changed details of registrations already in the seminar. */
void
mdg_attendee_import_set_accept_changes (MdgAttendeeImport *self,
                                        gboolean           accept)
{
  self->accept_changes = !!accept;
}

/* @func is called from the thread that runs mdg_attendee_import_prepare() or _commit(). */
void
mdg_attendee_import_set_progress_func (MdgAttendeeImport     *self,
                                       MdgImportProgressFunc  func,
                                       gpointer               user_data)
{
  self->progress = func;
  self->progress_data = user_data;
}

/* Version 2 mappings know the answer target; older ones said -1 for "not recognised". */
#define MAPPING_VERSION "2:"

static char *
mapping_to_string (MdgAttendeeImport *self)
{
  GString *out = g_string_new (MAPPING_VERSION);

  for (guint c = 0; c < self->n_columns; c++)
    g_string_append_printf (out, "%s%d", c ? "," : "", self->targets[c]);
  return g_string_free (out, FALSE);
}

/**
 * mdg_attendee_import_recall_mapping:
 * @self: an import
 * @db: a #MdgDatabase
 *
 * Applies the mapping chosen the last time a file with the same header was imported.
 *
 * Returns: whether there was one
 */
gboolean
mdg_attendee_import_recall_mapping (MdgAttendeeImport *self,
                                    MdgDatabase       *db)
{
  g_autofree char *key = header_key (self);
  g_autofree char *mapping = mdg_registration_store_recall_mapping (db, key);
  g_auto(GStrv) parts = NULL;
  gboolean current;

  if (mapping == NULL)
    return FALSE;
  current = g_str_has_prefix (mapping, MAPPING_VERSION);
  parts = g_strsplit (current ? mapping + strlen (MAPPING_VERSION) : mapping, ",", -1);
  if (g_strv_length (parts) != self->n_columns)
    return FALSE;
  for (guint c = 0; c < self->n_columns; c++)
    {
      gint64 value;

      if (!g_ascii_string_to_signed (parts[c], 10, MDG_IMPORT_IGNORE, MDG_IMPORT_N_TARGETS - 1, &value, NULL))
        continue;
      /* Before answers were kept, "not recognised" was all an unmapped column could be. */
      if (!current && value == MDG_IMPORT_IGNORE)
        value = MDG_IMPORT_ANSWER;
      if (value != self->guessed[c])
        self->ranks[c] = 0;
      self->targets[c] = value;
    }
  invalidate (self);
  return TRUE;
}

static gboolean
has_target (MdgAttendeeImport *self,
            MdgImportTarget    target)
{
  for (guint c = 0; c < self->n_columns; c++)
    if (self->targets[c] == target)
      return TRUE;
  return FALSE;
}

/* Values reading, in any script: "anonymous" is what Microsoft Forms says for nobody. */
static gboolean
is_placeholder (const char *cell)
{
  return g_ascii_strcasecmp (cell, "anonymous") == 0 || g_str_equal (cell, "匿名") || g_str_equal (cell, "-") ||
         g_str_equal (cell, "ー") || g_str_equal (cell, "―");
}

static GTimeZone *
japan (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");

      /* Without tzdata the offset is still right: Japan has had no summer time since 1951. */
      g_once_init_leave (&zone, tz ? tz : g_time_zone_new_offset (9 * 3600));
    }
  return zone;
}

static GRegex *
time_regex (gboolean month_first)
{
  static GRegex *regex[2];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* After NFKC: 2026/11/2 9:15, 2026-11-02 09:15:32, 2026年11月02日 09時15分,
       * 2026/11/02 午後 3:15:00, 2026-11-02T09:15:00+09:00; and 11/2/2026 9:15 AM. */
#define TIME_PART                                                                   \
  "(?:(?:\\s*\\([^)]{1,3}\\))?[\\sT]*(午前|午後|am|pm)?\\s*(\\d{1,2})\\s*[:時]\\s*(\\d{1,2})\\s*分?" \
  "(?:\\s*:?\\s*(\\d{1,2})(?:\\.\\d+)?\\s*秒?)?\\s*(am|pm|午前|午後)?)?"                       \
  "\\s*(z|[+-]\\d{1,2}:?\\d{2}|(?:gmt|utc)\\s*(?:[+-]\\d{1,2}(?::?\\d{2})?)?|jst)?\\s*$"
      regex[0] = g_regex_new ("^(\\d{4})\\s*[/.年-]\\s*(\\d{1,2})\\s*[/.月-]\\s*(\\d{1,2})\\s*日?" TIME_PART,
                              G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      regex[1] = g_regex_new ("^(\\d{1,2})/(\\d{1,2})/(\\d{4})" TIME_PART, G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                              0, NULL);
#undef TIME_PART
      g_assert (regex[0] != NULL && regex[1] != NULL);
      g_once_init_leave (&initialized, 1);
    }
  return regex[month_first];
}

static int
group_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return text && *text ? atoi (text) : -1;
}

static GTimeZone *
zone_from (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  const char *p = lower;
  int sign, hours = 0, minutes = 0;

  if (*p == '\0' || g_str_equal (p, "jst"))
    return g_time_zone_ref (japan ());
  if (g_str_equal (p, "z"))
    return g_time_zone_new_utc ();
  if (g_str_has_prefix (p, "gmt") || g_str_has_prefix (p, "utc"))
    p += 3;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return g_time_zone_new_utc ();
  sign = *p == '-' ? -1 : 1;
  p++;
  hours = (int) g_ascii_strtoll (p, (char **) &p, 10);
  if (hours >= 100) /* +0900 */
    {
      minutes = hours % 100;
      hours /= 100;
    }
  else if (*p == ':')
    minutes = (int) g_ascii_strtoll (p + 1, NULL, 10);
  if (hours > 14 || minutes > 59)
    return NULL;
  return g_time_zone_new_offset (sign * (hours * 3600 + minutes * 60));
}

/**
 * mdg_import_parse_time:
 * @text: a time as a form writes it
 *
 * Reads the time someone applied: 2026/11/2 9:15, 2026/11/02 09:15:32, 2026-11-02 09:15,
 * 2026年11月02日 09時15分, 午前/午後 or AM/PM, full-width digits, ISO 8601. Japan time
 * unless the value gives its offset (Z, +09:00, GMT+9, UTC).
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @text is not one
 */
GDateTime *
mdg_import_parse_time (const char *text)
{
  g_autofree char *normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *zone_text = NULL;
  g_autofree char *half = NULL;
  g_autofree char *half_after = NULL;
  gboolean month_first = FALSE;
  int year, month, day, hour, minute, second;

  if (normal == NULL || *g_strstrip (normal) == '\0')
    return NULL;
  if (!g_regex_match (time_regex (FALSE), normal, 0, &match))
    {
      g_clear_pointer (&match, g_match_info_unref);
      if (!g_regex_match (time_regex (TRUE), normal, 0, &match))
        return NULL;
      month_first = TRUE;
    }

  year = group_int (match, month_first ? 3 : 1);
  month = group_int (match, month_first ? 1 : 2);
  day = group_int (match, month_first ? 2 : 3);
  hour = MAX (0, group_int (match, 5));
  minute = MAX (0, group_int (match, 6));
  second = MAX (0, group_int (match, 7));
  half = g_match_info_fetch (match, 4);
  half_after = g_match_info_fetch (match, 8);
  zone_text = g_match_info_fetch (match, 9);

  if ((half && *half) || (half_after && *half_after))
    {
      const char *marker = half && *half ? half : half_after;
      gboolean pm = g_ascii_strcasecmp (marker, "pm") == 0 || g_str_equal (marker, "午後");

      if (hour < 1 || hour > 12)
        return NULL;
      hour = hour % 12 + (pm ? 12 : 0);
    }
  if (!(zone = zone_from (zone_text ? zone_text : "")))
    return NULL;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return NULL;
  if (day > g_date_get_days_in_month (month, year))
    return NULL;
  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

/**
 * mdg_import_parse_employees:
 * @text: a company size as a form writes it: 48人, ４８名, 1,200, 約50人
 * @employees: (out): the number
 *
 * Returns: %FALSE for ranges (10〜49人), bounds (300人以上) and anything not a number
 */
gboolean
mdg_import_parse_employees (const char *text,
                            guint      *employees)
{
  g_autofree char *normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  GString *digits;
  const char *p;
  guint64 value;
  gboolean ok;

  if (normal == NULL)
    return FALSE;
  p = g_strstrip (normal);
  if (g_str_has_prefix (p, "約"))
    p += strlen ("約");
  else if (g_str_has_prefix (p, "およそ"))
    p += strlen ("およそ");
  while (*p == ' ')
    p++;

  digits = g_string_new (NULL);
  for (; g_ascii_isdigit (*p) || (*p == ',' && digits->len > 0); p++)
    if (*p != ',')
      g_string_append_c (digits, *p);
  while (*p == ' ')
    p++;
  /* Only a unit may follow: a range or a bound is not one number. */
  ok = digits->len > 0 && digits->len < 10 &&
       (*p == '\0' || g_str_equal (p, "人") || g_str_equal (p, "名") || g_ascii_strcasecmp (p, "people") == 0 ||
        g_ascii_strcasecmp (p, "employees") == 0);
  ok = ok && g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXINT, &value, NULL);
  g_string_free (digits, TRUE);
  if (ok)
    *employees = (guint) value;
  return ok;
}

static gboolean
any_of (const char         *folded,
        const char *const  *words)
{
  return mentions (folded, words);
}

static Consent
parse_consent (const char *cell,
               gboolean   *understood)
{
  static const char *const no[] = { "しない", "しません", "不同意", "いいえ", "disagree", "拒否", NULL };
  static const char *const yes_words[] = { "同意", "承諾", "了承", "了解", "はい", "agree", "yes", NULL };
  static const char *const yes_marks[] = { "✓", "✔", "○", "〇", "◯", "y", "true", "1", "ok", "済", NULL };
  static const char *const no_marks[] = { "no", "n", "false", "0", "×", "✗", "x", NULL };
  g_autofree char *folded = cell ? mdg_kana_fold (cell, -1) : NULL;

  *understood = TRUE;
  if (folded == NULL || *folded == '\0')
    {
      *understood = FALSE;
      return CONSENT_NO;
    }
  if (any_of (folded, no))
    return CONSENT_NO;
  if (any_of (folded, yes_words) || g_strv_contains (yes_marks, folded))
    return CONSENT_YES;
  if (g_strv_contains (no_marks, folded))
    return CONSENT_NO;
  *understood = FALSE;
  return CONSENT_NO;
}

static MdgAttendance
parse_attendance (const char *cell)
{
  static const char *const online[] = { "おんらいん", "online", "うぇびなー", "webinar", "配信", "zoom", "teams",
                                        "りもーと", "remote", "視聴", "web参加", "web受講", "webex", NULL };
  static const char *const venue[] = { "会場", "来場", "現地", "対面", "おふらいん", "offline", "venue", "集合",
                                       "inperson", "in person", "りある", "教室", NULL };
  g_autofree char *folded = mdg_kana_fold (cell, -1);
  gboolean is_online, is_venue;

  if (folded == NULL)
    return MDG_ATTENDANCE_UNKNOWN;
  is_online = any_of (folded, online);
  is_venue = any_of (folded, venue);
  if (is_online == is_venue)
    return MDG_ATTENDANCE_UNKNOWN;
  return is_online ? MDG_ATTENDANCE_ONLINE : MDG_ATTENDANCE_VENUE;
}

/* connpass: 参加/補欠/参加キャンセル; Peatix: キャンセル済み; Doorkeeper and forms alike. */
static gboolean
parse_status (const char            *cell,
              MdgRegistrationStatus *status)
{
  static const char *const waiting[] = { "補欠", "待ち", "waitlist", "waiting", "順番待ち", NULL };
  static const char *const cancelled[] = { "きゃんせる", "取消", "取り消", "辞退", "cancel", "欠席連絡", NULL };
  static const char *const registered[] = { "参加", "申込", "申し込", "受付", "登録", "確定", "有効", "当選", "支払",
                                            "決済", "出席", "予約", "購入", "registered", "confirmed", "attending",
                                            "going", "paid", "accepted", "approved", "無料", "free", NULL };
  g_autofree char *folded = mdg_kana_fold (cell, -1);

  if (folded == NULL)
    return FALSE;
  if (any_of (folded, waiting))
    *status = MDG_REGISTRATION_STATUS_WAITLISTED;
  else if (any_of (folded, cancelled))
    *status = MDG_REGISTRATION_STATUS_CANCELLED;
  else if (any_of (folded, registered))
    *status = MDG_REGISTRATION_STATUS_REGISTERED;
  else
    return FALSE;
  return TRUE;
}

/* Splits "髙橋 恵" at the first space (full-width too). Returns whether there was one. */
static gboolean
split_at_space (const char  *full,
                char       **family,
                char       **given)
{
  const char *p;

  for (p = full; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      break;
  *family = g_strndup (full, p - full);
  *given = *p ? g_strstrip (g_strdup (g_utf8_next_char (p))) : NULL;
  if (*given && **given == '\0')
    g_clear_pointer (given, g_free);
  return *given != NULL;
}

static gboolean
is_kanji (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
         c == 0x3005 /* 々 */ || c == 0x30F6 /* ヶ */ || c == 0x30F5;
}

/* How unevenly a split gives kana to kanji on each side: 1 is even, 2 twice as many on one side. */
static double
split_cost (guint family_kana,
            guint given_kana,
            guint k,
            guint n)
{
  double ratio = ((double) family_kana / k) / ((double) given_kana / (n - k));

  return ratio >= 1 ? ratio : 1 / ratio;
}

/*
 * The commonest family names: a name typed without its space most often starts with
 * one. Only a split the reading agrees with is taken.
 */
static const char *const family_names[] = {
  "長谷川", "佐々木", "五十嵐", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
  "吉田", "山田", "山口", "松本", "井上", "木村", "斎藤", "清水", "山崎", "池田", "橋本", "阿部", "石川", "山下",
  "中島", "石井", "小川", "前田", "岡田", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "斉藤", "福田",
  "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野", "三浦", "原田", "中川", "松田", "竹内", "小野", "田村",
  "中山", "和田", "石田", "森田", "上田", "内田", "柴田", "酒井", "宮崎", "横山", "高木", "安藤", "宮本", "大野",
  "小島", "谷口", "工藤", "高田", "丸山", "増田", "杉山", "村田", "大塚", "小山", "平野", "藤本", "河野", "上野",
  "野口", "武田", "松井", "千葉", "岩崎", "菅原", "木下", "久保", "佐野", "野村", "松尾", "菊地", "杉本", "市川",
  "渡部", "菊池", "林", "森", "原",
};

/**
 * mdg_import_split_name:
 * @name: a full name typed without a space: 山﨑太郎
 * @family_kana: the family name's reading: やまさき
 * @given_kana: the given name's reading: たろう
 * @family: (out) (transfer full): the family name, when split
 * @given: (out) (transfer full): the given name, when split
 *
 * Splits a name the reading shows how to split: a name that ends with its given
 * reading in kana (佐藤まゆみ), or kanji whose readings share out evenly (山﨑|太郎:
 * 2 kanji for やまさき, 2 for たろう), helped by the commonest family names.
 *
 * Returns: whether the name could be split with confidence
 */
gboolean
mdg_import_split_name (const char  *name,
                       const char  *family_kana,
                       const char  *given_kana,
                       char       **family,
                       char       **given)
{
  g_autofree char *folded = NULL, *folded_family_kana = NULL, *folded_given_kana = NULL, *variant_folded = NULL;
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  guint lf, lg, best = 0;
  double best_cost = G_MAXDOUBLE, second_cost = G_MAXDOUBLE;

  *family = *given = NULL;
  if (name == NULL || family_kana == NULL || given_kana == NULL || !*family_kana || !*given_kana)
    return FALSE;
  chars = g_utf8_to_ucs4 (name, -1, NULL, &n, NULL);
  if (chars == NULL || n < 2)
    return FALSE;

  folded = mdg_kana_fold (name, -1);
  folded_family_kana = mdg_kana_fold (family_kana, -1);
  folded_given_kana = mdg_kana_fold (given_kana, -1);
  lf = g_utf8_strlen (folded_family_kana, -1);
  lg = g_utf8_strlen (folded_given_kana, -1);

  /* Kana written as it reads, at either end. */
  if (g_str_has_suffix (folded, folded_given_kana) && strlen (folded) > strlen (folded_given_kana))
    best = n - g_utf8_strlen (folded_given_kana, -1);
  else if (g_str_has_prefix (folded, folded_family_kana) && strlen (folded) > strlen (folded_family_kana))
    best = g_utf8_strlen (folded_family_kana, -1);

  if (best == 0)
    {
      for (glong i = 0; i < n; i++)
        if (!is_kanji (chars[i]))
          return FALSE;

      /* A common family name the reading agrees with. */
      variant_folded = mdg_kana_fold (name, -1);
      for (guint i = 0; i < G_N_ELEMENTS (family_names) && best == 0; i++)
        {
          guint k = g_utf8_strlen (family_names[i], -1);

          if ((glong) k < n && g_str_has_prefix (variant_folded, family_names[i]) &&
              split_cost (lf, lg, k, n) <= 2.1)
            best = k;
        }

      /* Otherwise the split that shares the readings out most evenly, if it clearly is. */
      if (best == 0)
        {
          guint even = 0;

          for (glong k = 1; k < n; k++)
            {
              double cost = split_cost (lf, lg, k, n);

              if (cost < best_cost)
                {
                  second_cost = best_cost;
                  best_cost = cost;
                  even = k;
                }
              else if (cost < second_cost)
                second_cost = cost;
            }
          if (best_cost > 1.8 || second_cost < best_cost * 1.4)
            return FALSE;
          best = even;
        }
    }

  if (best == 0 || (glong) best >= n)
    return FALSE;
  *family = g_ucs4_to_utf8 (chars, best, NULL, NULL, NULL);
  *given = g_ucs4_to_utf8 (chars + best, n - best, NULL, NULL, NULL);
  return *family != NULL && *given != NULL;
}

static void
add_answer (Entry      *entry,
            const char *header,
            const char *value)
{
  g_ptr_array_add (entry->answers, mdg_answer_new (header, value));
}

/* The columns in the order they are tried for a field: the form's own first, then the service's. */
static guint *
column_order (MdgAttendeeImport *self)
{
  guint *order = g_new (guint, self->n_columns + 1);
  guint n = 0;

  for (guint rank = 0; rank <= 1; rank++)
    for (guint c = 0; c < self->n_columns; c++)
      if (self->ranks[c] == rank || (rank == 1 && self->ranks[c] > 1))
        order[n++] = c;
  return order;
}

/* Reads one row into an entry; @problems get what stops the import, the notices what does not. */
static Entry *
read_entry (MdgAttendeeImport *self,
            MdgCsvRecord      *record,
            guint              n_fields,
            const guint       *order,
            GPtrArray         *problems)
{
  Entry *entry = g_new0 (Entry, 1);
  const char *value[MDG_IMPORT_N_TARGETS] = { NULL };
  int column[MDG_IMPORT_N_TARGETS];
  g_autofree gboolean *used = g_new0 (gboolean, self->n_columns + 1);
  g_autofree gboolean *keep = g_new0 (gboolean, self->n_columns + 1);
  g_autofree char *family = NULL, *given = NULL, *family_kana = NULL, *given_kana = NULL;
  g_autoptr(GError) invalid = NULL;
  guint n = MIN (n_fields, self->n_columns);
  int consent_column = -1;

  entry->line = record->line;
  entry->person = mdg_person_new ();
  entry->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_answer_free);
  entry->consent = CONSENT_NOT_ASKED;
  for (guint t = 0; t < MDG_IMPORT_N_TARGETS; t++)
    column[t] = -1;

  /* Each field from the first column that has something for it. */
  for (guint i = 0; i < self->n_columns; i++)
    {
      guint c = order[i];
      MdgImportTarget target = self->targets[c];
      const char *cell = c < n ? record->fields[c] : "";

      if (target == MDG_IMPORT_CONSENT && consent_column < 0)
        consent_column = c;
      if (!is_single (target) || value[target] != NULL || *cell == '\0' || is_placeholder (cell))
        continue;
      value[target] = cell;
      column[target] = c;
      used[c] = TRUE;
    }

  /* The name: split columns, or one to split at its space or by its reading. */
  if (value[MDG_IMPORT_FULL_KANA] && !value[MDG_PERSON_FAMILY_KANA])
    split_at_space (value[MDG_IMPORT_FULL_KANA], &family_kana, &given_kana);
  else
    {
      family_kana = g_strdup (value[MDG_PERSON_FAMILY_KANA]);
      given_kana = g_strdup (value[MDG_PERSON_GIVEN_KANA]);
    }
  if (value[MDG_PERSON_FAMILY_NAME])
    {
      family = g_strdup (value[MDG_PERSON_FAMILY_NAME]);
      given = g_strdup (value[MDG_PERSON_GIVEN_NAME]);
    }
  else if (value[MDG_IMPORT_FULL_NAME] && !split_at_space (value[MDG_IMPORT_FULL_NAME], &family, &given))
    {
      g_autofree char *split_family = NULL, *split_given = NULL;

      if (mdg_import_split_name (family, family_kana, given_kana, &split_family, &split_given))
        {
          g_free (family);
          family = g_steal_pointer (&split_family);
          given = g_steal_pointer (&split_given);
        }
      else if (g_utf8_strlen (family, -1) > 1)
        add_problem (self->notices, entry->line,
                     _("“%s” has no space between family and given name, and its reading does not show where to "
                       "split it: kept whole as the family name"),
                     family);
    }
  else if (value[MDG_PERSON_GIVEN_NAME])
    given = g_strdup (value[MDG_PERSON_GIVEN_NAME]);
  /* A name in kana alone is its own reading. */
  if (family_kana == NULL && given_kana == NULL && family && mdg_kana_is_reading (family) &&
      (given == NULL || mdg_kana_is_reading (given)))
    {
      family_kana = g_strdup (family);
      given_kana = g_strdup (given);
    }

  mdg_person_set_text (entry->person, MDG_PERSON_FAMILY_NAME, family);
  mdg_person_set_text (entry->person, MDG_PERSON_GIVEN_NAME, given);
  mdg_person_set_text (entry->person, MDG_PERSON_FAMILY_KANA, family_kana);
  mdg_person_set_text (entry->person, MDG_PERSON_GIVEN_KANA, given_kana);
  for (guint f = MDG_PERSON_ORGANIZATION; f < MDG_PERSON_N_FIELDS; f++)
    mdg_person_set_text (entry->person, f, value[f]);
  if (!mdg_person_validate (entry->person, &invalid))
    add_problem (problems, entry->line, "%s", invalid->message);

  entry->number = g_strdup (value[MDG_IMPORT_NUMBER]);
  entry->questions = g_strdup (value[MDG_IMPORT_QUESTIONS]);
  entry->org_text[ORG_KANA] = g_strdup (value[MDG_IMPORT_ORGANIZATION_KANA]);
  entry->org_text[ORG_INDUSTRY] = g_strdup (value[MDG_IMPORT_INDUSTRY]);
  entry->org_text[ORG_ADDRESS] = g_strdup (value[MDG_IMPORT_ADDRESS]);

  if (value[MDG_IMPORT_APPLIED_AT] && !(entry->applied_at = mdg_import_parse_time (value[MDG_IMPORT_APPLIED_AT])))
    add_problem (problems, entry->line,
                 _("“%s” (%s) is not a date and time Madoguchi can read, such as 2026/11/02 09:15: correct it, or "
                   "keep the column as an answer"),
                 value[MDG_IMPORT_APPLIED_AT], self->headers[column[MDG_IMPORT_APPLIED_AT]]);

  if (value[MDG_IMPORT_STATUS])
    {
      entry->has_status = parse_status (value[MDG_IMPORT_STATUS], &entry->status);
      if (!entry->has_status)
        {
          keep[column[MDG_IMPORT_STATUS]] = TRUE;
          add_problem (self->notices, entry->line,
                       _("the status “%s” is not one Madoguchi knows: registered as the seminar’s places allow, and "
                         "the status kept as an answer"),
                       value[MDG_IMPORT_STATUS]);
        }
    }

  if (value[MDG_IMPORT_ATTENDANCE])
    entry->attendance = parse_attendance (value[MDG_IMPORT_ATTENDANCE]);

  if (value[MDG_IMPORT_EMPLOYEES] && !mdg_import_parse_employees (value[MDG_IMPORT_EMPLOYEES], &entry->employees))
    {
      keep[column[MDG_IMPORT_EMPLOYEES]] = TRUE;
      add_problem (self->notices, entry->line,
                   _("the number of employees “%s” is not one number: kept as an answer"),
                   value[MDG_IMPORT_EMPLOYEES]);
    }

  if (consent_column >= 0)
    {
      g_autofree char *name = mdg_person_dup_name (entry->person);
      const char *cell = value[MDG_IMPORT_CONSENT];
      gboolean understood;

      entry->consent_header = self->headers[column[MDG_IMPORT_CONSENT] >= 0 ? column[MDG_IMPORT_CONSENT]
                                                                                : consent_column];
      entry->consent = parse_consent (cell, &understood);
      if (cell == NULL)
        add_problem (self->notices, entry->line, _("%s left “%s” unanswered: imported without consent"), name,
                     entry->consent_header);
      else if (entry->consent == CONSENT_NO)
        add_problem (self->notices, entry->line,
                     understood ? _("%s answered “%s” to “%s”: imported without consent")
                                : _("%s answered “%s” to “%s”, which does not say yes: imported without consent"),
                     name, cell, entry->consent_header);
      else
        mdg_person_set_text (entry->person, MDG_PERSON_CONSENT_PURPOSE, entry->consent_header);
      mdg_person_set_consent (entry->person, entry->consent == CONSENT_YES);
    }

  /* Everything else the form said, in file order. */
  for (guint c = 0; c < n; c++)
    {
      MdgImportTarget target = self->targets[c];
      const char *cell = record->fields[c];

      if (target == MDG_IMPORT_IGNORE || *cell == '\0')
        continue;
      if (target == MDG_IMPORT_ANSWER || target == MDG_IMPORT_ATTENDANCE || keep[c] ||
          (!used[c] && !is_placeholder (cell) && (!is_single (target) || value[target] == NULL ||
                                                   !g_str_equal (cell, value[target]))))
        add_answer (entry, self->headers[c], cell);
    }

  return entry;
}

static gboolean
row_is_blank (MdgCsvRecord *record,
              guint         n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (*record->fields[i] != '\0')
      return FALSE;
  return TRUE;
}

/**
 * mdg_attendee_import_check:
 * @self: an import
 *
 * Reads and checks every row without touching a database: the column count, a name,
 * a well-formed e-mail and time, registration numbers given once. What does not stop
 * the import (a name kept whole, no consent) is listed by
 * mdg_attendee_import_get_notices().
 *
 * Returns: (transfer container) (element-type MdgImportProblem): the problems, by line;
 *   empty when the file can be imported
 */
GPtrArray *
mdg_attendee_import_check (MdgAttendeeImport *self)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *order = column_order (self);
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_import_problem_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  invalidate (self);

  if (!has_target (self, MDG_IMPORT_FULL_NAME) && !has_target (self, (MdgImportTarget) MDG_PERSON_FAMILY_NAME))
    add_problem (problems, self->header_line,
                 _("No column holds the name. Choose which column is the full name (氏名) or the family name (姓)."));

  for (guint r = 0; r < self->rows->len; r++)
    {
      MdgCsvRecord *record = g_ptr_array_index (self->rows, r);
      guint n = row_length (self, r);
      Entry *entry;

      if (row_is_blank (record, n))
        continue;

      if (n < self->n_columns)
        {
          add_problem (problems, record->line,
                       g_dngettext (GETTEXT_PACKAGE, "this row has %u column, but the header has %u",
                                    "this row has %u columns, but the header has %u", n),
                       n, self->n_columns);
          continue;
        }
      for (guint c = self->n_columns; c < n; c++)
        if (*record->fields[c] != '\0')
          {
            add_problem (problems, record->line,
                         _("this row has %u columns, but the header has %u: is a comma missing its quotes?"), n,
                         self->n_columns);
            break;
          }

      entry = read_entry (self, record, n, order, problems);
      g_ptr_array_add (entries, entry);

      if (entry->number != NULL)
        {
          gpointer first = g_hash_table_lookup (numbers, entry->number);

          if (first != NULL)
            add_problem (problems, record->line, _("the registration number %s is also on line %u"), entry->number,
                         GPOINTER_TO_UINT (first));
          else
            g_hash_table_insert (numbers, entry->number, GUINT_TO_POINTER (record->line));
        }
    }

  if (entries->len == 0)
    add_problem (problems, self->header_line, _("there are no registrations below the header"));

  self->entries = g_steal_pointer (&entries);
  return problems;
}

/**
 * mdg_attendee_import_get_notices:
 * @self: an import
 *
 * What the last check noticed without stopping the import: names kept whole, people
 * who did not agree to the use of their data, values kept as answers.
 *
 * Returns: (transfer none) (element-type MdgImportProblem): the notices, by line
 */
GPtrArray *
mdg_attendee_import_get_notices (MdgAttendeeImport *self)
{
  return self->notices;
}

/**
 * mdg_attendee_import_get_changes:
 * @self: an import
 *
 * The details of people and registrations already in Madoguchi that the file gives
 * differently, as the last prepare or commit found them. They are written only when
 * mdg_attendee_import_set_accept_changes() said so.
 *
 * Returns: (transfer none) (element-type MdgImportChange): the changes, by line
 */
GPtrArray *
mdg_attendee_import_get_changes (MdgAttendeeImport *self)
{
  return self->changes;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const MdgImportProblem *pa = *(MdgImportProblem **) a, *pb = *(MdgImportProblem **) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

static void
set_problems_error (MdgAttendeeImport  *self,
                    GPtrArray          *problems,
                    GError            **error)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint shown = MIN (problems->len, 20);

  g_ptr_array_sort (problems, compare_problems);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” was not imported: %u line needs correcting.",
                                       "“%s” was not imported: %u lines need correcting.", problems->len),
                          self->filename, problems->len);
  for (guint i = 0; i < shown; i++)
    {
      MdgImportProblem *problem = g_ptr_array_index (problems, i);
      g_string_append_printf (message, "\n");
      g_string_append_printf (message, _("Line %u: %s"), problem->line, problem->message);
    }
  if (problems->len > shown)
    {
      g_string_append_c (message, '\n');
      g_string_append_printf (message, _("… and %u more"), problems->len - shown);
    }
  g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, message->str);
}

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
              add_change (self, step, g_dgettext (GETTEXT_PACKAGE, target_labels[MDG_IMPORT_EMPLOYEES - MDG_PERSON_N_FIELDS]),
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
  if (step->entry->consent == CONSENT_YES && !mdg_person_get_consent (stored))
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

          add_problem (self->notices, entry->line,
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
        add_change (self, step, g_dgettext (GETTEXT_PACKAGE, target_labels[MDG_IMPORT_ATTENDANCE - MDG_PERSON_N_FIELDS]),
                    mdg_attendance_get_label (step->attendance), mdg_attendance_get_label (entry->attendance));
      step->proposed_attendance = entry->attendance;
    }
  if (entry->questions && texts_differ (entry->questions, step->questions))
    {
      if (step->questions != NULL)
        add_change (self, step, g_dgettext (GETTEXT_PACKAGE, target_labels[MDG_IMPORT_QUESTIONS - MDG_PERSON_N_FIELDS]),
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

          add_problem (clashes, entry->line,
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
              add_problem (self->notices, entry->line, _("%s is also on line %u: only that line is imported"), name,
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
              add_problem (self->notices, entry->line, _("%s is also on line %u: only that line is imported"), name,
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
      set_problems_error (self, clashes, error);
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
  g_ptr_array_sort (self->changes, compare_problems);
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
    g_autofree char *key = header_key (self);
    g_autofree char *mapping = mapping_to_string (self);

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
  set_problems_error (self, found, error);
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

/* Returns: (transfer none): what a column mapped to @target holds, translated */
const char *
mdg_import_target_get_label (MdgImportTarget target)
{
  if (target == MDG_IMPORT_IGNORE)
    return g_dgettext (GETTEXT_PACKAGE, N_("Do not import"));
  if (target < (MdgImportTarget) MDG_PERSON_N_FIELDS)
    return mdg_person_field_get_label ((MdgPersonField) target);
  return g_dgettext (GETTEXT_PACKAGE, target_labels[target - MDG_PERSON_N_FIELDS]);
}

/* Returns: (transfer none): which service or form wrote the file, translated */
const char *
mdg_import_format_get_label (MdgImportFormat format)
{
  g_return_val_if_fail (format <= MDG_IMPORT_FORMAT_MUNICIPAL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, format_labels[format]);
}
