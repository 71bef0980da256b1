/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-attendee-import.h"
#include "mdg-text.h"
#include "mdg-attendee-import-private.h"
#include "mdg-import-values-private.h"
#include "mdg-error.h"
#include "mdg-kana.h"
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
 *
 * This file reads and checks; mdg-attendee-import-plan.c plans and writes, and
 * mdg-import-values.c reads the values forms write (times, sizes, consent, names).
 */

#define SAMPLE_ROWS 500   /* rows looked at to tell a reading column from a name column */

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
  { "販売id", MDG_IMPORT_NUMBER }, { "registrationnumber", MDG_IMPORT_NUMBER }, { "registrationno", MDG_IMPORT_NUMBER },
  { "ticketnumber", MDG_IMPORT_NUMBER }, { "number", MDG_IMPORT_NUMBER },
  { "氏名", MDG_IMPORT_FULL_NAME }, { "名前", MDG_IMPORT_FULL_NAME }, { "お名前", MDG_IMPORT_FULL_NAME },
  { "ご氏名", MDG_IMPORT_FULL_NAME }, { "参加者氏名", MDG_IMPORT_FULL_NAME }, { "参加者名", MDG_IMPORT_FULL_NAME },
  { "表示名", MDG_IMPORT_FULL_NAME }, { "担当者名", MDG_IMPORT_FULL_NAME }, { "申込者名", MDG_IMPORT_FULL_NAME },
  { "代表者名", MDG_IMPORT_FULL_NAME }, { "name", MDG_IMPORT_FULL_NAME }, { "fullname", MDG_IMPORT_FULL_NAME },
  { "姓", PERSON_TARGET (FAMILY_NAME) }, { "氏", PERSON_TARGET (FAMILY_NAME) },
  { "lastname", PERSON_TARGET (FAMILY_NAME) }, { "familyname", PERSON_TARGET (FAMILY_NAME) },
  { "surname", PERSON_TARGET (FAMILY_NAME) },
  { "名", PERSON_TARGET (GIVEN_NAME) }, { "firstname", PERSON_TARGET (GIVEN_NAME) },
  { "givenname", PERSON_TARGET (GIVEN_NAME) },
  { "せい", PERSON_TARGET (FAMILY_KANA) },
  { "めい", PERSON_TARGET (GIVEN_KANA) },
  { "所属", PERSON_TARGET (ORGANIZATION) }, { "所属先", PERSON_TARGET (ORGANIZATION) },
  { "勤務先", PERSON_TARGET (ORGANIZATION) }, { "貴社名", PERSON_TARGET (ORGANIZATION) },
  { "company", PERSON_TARGET (ORGANIZATION) }, { "companyname", PERSON_TARGET (ORGANIZATION) },
  { "organization", PERSON_TARGET (ORGANIZATION) }, { "organisation", PERSON_TARGET (ORGANIZATION) },
  { "affiliation", PERSON_TARGET (ORGANIZATION) },
  { "役職", PERSON_TARGET (TITLE) }, { "役職名", PERSON_TARGET (TITLE) }, { "肩書", PERSON_TARGET (TITLE) },
  { "肩書き", PERSON_TARGET (TITLE) }, { "title", PERSON_TARGET (TITLE) }, { "jobtitle", PERSON_TARGET (TITLE) },
  { "position", PERSON_TARGET (TITLE) },
  { "たいむすたんぷ", MDG_IMPORT_APPLIED_AT }, { "timestamp", MDG_IMPORT_APPLIED_AT }, { "完了時刻", MDG_IMPORT_APPLIED_AT },
  { "completiontime", MDG_IMPORT_APPLIED_AT },
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
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "めーる", PERSON_TARGET (EMAIL), 1 },
  { MDG_IMPORT_FORMAT_MICROSOFT_FORMS, "email", PERSON_TARGET (EMAIL), 1 },
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

void
_mdg_attendee_import_add_problem (GPtrArray  *problems,
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

  if (_mdg_import_mentions (folded, email))
    return PERSON_TARGET (EMAIL);
  if (_mdg_import_mentions (folded, reading) || g_str_has_suffix (folded, "せい") || g_str_has_suffix (folded, "めい"))
    {
      g_autofree char *rest = without_words (folded, reading);

      if (_mdg_import_mentions (folded, company))
        return MDG_IMPORT_ORGANIZATION_KANA;
      if (_mdg_import_mentions (rest, family))
        return PERSON_TARGET (FAMILY_KANA);
      if (_mdg_import_mentions (rest, given) || is_given_half (rest))
        return PERSON_TARGET (GIVEN_KANA);
      return MDG_IMPORT_FULL_KANA;
    }
  if (_mdg_import_mentions (folded, phone))
    return PERSON_TARGET (PHONE);
  if (_mdg_import_mentions (folded, consent))
    return MDG_IMPORT_CONSENT;
  if (_mdg_import_mentions (folded, questions))
    return MDG_IMPORT_QUESTIONS;
  if (_mdg_import_mentions (folded, number) && _mdg_import_mentions (folded, numbered))
    return MDG_IMPORT_NUMBER;
  if (_mdg_import_mentions (folded, door))
    return MDG_IMPORT_ANSWER;
  if (_mdg_import_mentions (folded, attendance))
    return MDG_IMPORT_ATTENDANCE;
  if (_mdg_import_mentions (folded, status))
    return MDG_IMPORT_STATUS;
  if (_mdg_import_mentions (folded, applied))
    return MDG_IMPORT_APPLIED_AT;
  if (_mdg_import_mentions (folded, employees))
    return MDG_IMPORT_EMPLOYEES;
  if (_mdg_import_mentions (folded, industry))
    return MDG_IMPORT_INDUSTRY;
  if (_mdg_import_mentions (folded, address))
    return MDG_IMPORT_ADDRESS;
  if (_mdg_import_mentions (folded, department))
    return PERSON_TARGET (DEPARTMENT);
  if (_mdg_import_mentions (folded, company))
    return PERSON_TARGET (ORGANIZATION);
  if (_mdg_import_mentions (folded, title))
    return PERSON_TARGET (TITLE);
  if (strstr (folded, "ゆーざー") || strstr (folded, "user"))
    return MDG_IMPORT_ANSWER;
  if (_mdg_import_mentions (folded, names))
    {
      /* 氏名（姓）, お名前（名）: the half of a name in brackets. */
      if (_mdg_import_mentions (folded, family))
        return PERSON_TARGET (FAMILY_NAME);
      if (_mdg_import_mentions (folded, given) || is_given_half (folded))
        return PERSON_TARGET (GIVEN_NAME);
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

      if (self->targets[c] == MDG_IMPORT_FULL_KANA || self->targets[c] == PERSON_TARGET (FAMILY_KANA))
        has_reading = TRUE;
      if (self->targets[c] != MDG_IMPORT_FULL_NAME && self->targets[c] != PERSON_TARGET (FAMILY_NAME))
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

char *
_mdg_attendee_import_header_key (MdgAttendeeImport *self)
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

gboolean
_mdg_attendee_import_is_single (MdgImportTarget target)
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

  if (_mdg_attendee_import_is_single (target))
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

char *
_mdg_attendee_import_mapping_to_string (MdgAttendeeImport *self)
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
  g_autofree char *key = _mdg_attendee_import_header_key (self);
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
  entry->consent = MDG_CONSENT_NOT_ASKED;
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
      if (!_mdg_attendee_import_is_single (target) || value[target] != NULL || *cell == '\0' || is_placeholder (cell))
        continue;
      value[target] = cell;
      column[target] = c;
      used[c] = TRUE;
    }

  /* The name: split columns, or one to split at its space or by its reading. */
  if (value[MDG_IMPORT_FULL_KANA] && !value[MDG_PERSON_FAMILY_KANA])
    _mdg_import_split_at_space (value[MDG_IMPORT_FULL_KANA], &family_kana, &given_kana);
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
  else if (value[MDG_IMPORT_FULL_NAME] && !_mdg_import_split_at_space (value[MDG_IMPORT_FULL_NAME], &family, &given))
    {
      g_autofree char *split_family = NULL, *split_given = NULL;

      if (mdg_import_split_name (family, family_kana, given_kana, &split_family, &split_given))
        {
          g_free (family);
          family = g_steal_pointer (&split_family);
          given = g_steal_pointer (&split_given);
        }
      else if (g_utf8_strlen (family, -1) > 1)
        _mdg_attendee_import_add_problem (self->notices, entry->line,
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
  /* One spelling, as every store keeps it (ﾀｶﾉ → タカノ, ０９２ → 092): matches and the
   * organizations found by name compare what will be stored. */
  for (guint f = 0; f < MDG_PERSON_N_FIELDS; f++)
    {
      g_autofree char *normal = mdg_text_normalize (mdg_person_get_text (entry->person, f));
      mdg_person_set_text (entry->person, f, normal);
    }
  if (!mdg_person_validate (entry->person, &invalid))
    _mdg_attendee_import_add_problem (problems, entry->line, "%s", invalid->message);

  entry->number = g_strdup (value[MDG_IMPORT_NUMBER]);
  entry->questions = g_strdup (value[MDG_IMPORT_QUESTIONS]);
  entry->org_text[ORG_KANA] = mdg_text_normalize (value[MDG_IMPORT_ORGANIZATION_KANA]);
  entry->org_text[ORG_INDUSTRY] = mdg_text_normalize (value[MDG_IMPORT_INDUSTRY]);
  entry->org_text[ORG_ADDRESS] = mdg_text_normalize (value[MDG_IMPORT_ADDRESS]);

  if (value[MDG_IMPORT_APPLIED_AT] && !(entry->applied_at = mdg_import_parse_time (value[MDG_IMPORT_APPLIED_AT])))
    _mdg_attendee_import_add_problem (problems, entry->line,
                 _("“%s” (%s) is not a date and time Madoguchi can read, such as 2026/11/02 09:15: correct it, or "
                   "keep the column as an answer"),
                 value[MDG_IMPORT_APPLIED_AT], self->headers[column[MDG_IMPORT_APPLIED_AT]]);

  if (value[MDG_IMPORT_STATUS])
    {
      entry->has_status = _mdg_import_parse_status (value[MDG_IMPORT_STATUS], &entry->status);
      if (!entry->has_status)
        {
          keep[column[MDG_IMPORT_STATUS]] = TRUE;
          _mdg_attendee_import_add_problem (self->notices, entry->line,
                       _("the status “%s” is not one Madoguchi knows: registered as the seminar’s places allow, and "
                         "the status kept as an answer"),
                       value[MDG_IMPORT_STATUS]);
        }
    }

  if (value[MDG_IMPORT_ATTENDANCE])
    entry->attendance = _mdg_import_parse_attendance (value[MDG_IMPORT_ATTENDANCE]);

  if (value[MDG_IMPORT_EMPLOYEES] && !mdg_import_parse_employees (value[MDG_IMPORT_EMPLOYEES], &entry->employees))
    {
      keep[column[MDG_IMPORT_EMPLOYEES]] = TRUE;
      _mdg_attendee_import_add_problem (self->notices, entry->line,
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
      entry->consent = _mdg_import_parse_consent (cell, &understood);
      if (cell == NULL)
        _mdg_attendee_import_add_problem (self->notices, entry->line, _("%s left “%s” unanswered: imported without consent"), name,
                     entry->consent_header);
      else if (entry->consent == MDG_CONSENT_NO)
        _mdg_attendee_import_add_problem (self->notices, entry->line,
                     understood ? _("%s answered “%s” to “%s”: imported without consent")
                                : _("%s answered “%s” to “%s”, which does not say yes: imported without consent"),
                     name, cell, entry->consent_header);
      else
        mdg_person_set_text (entry->person, MDG_PERSON_CONSENT_PURPOSE, entry->consent_header);
      mdg_person_set_consent (entry->person, entry->consent == MDG_CONSENT_YES);
    }

  /* Everything else the form said, in file order. */
  for (guint c = 0; c < n; c++)
    {
      MdgImportTarget target = self->targets[c];
      const char *cell = record->fields[c];

      if (target == MDG_IMPORT_IGNORE || *cell == '\0')
        continue;
      if (target == MDG_IMPORT_ANSWER || target == MDG_IMPORT_ATTENDANCE || keep[c] ||
          (!used[c] && !is_placeholder (cell) && (!_mdg_attendee_import_is_single (target) || value[target] == NULL ||
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

  if (!has_target (self, MDG_IMPORT_FULL_NAME) && !has_target (self, PERSON_TARGET (FAMILY_NAME)))
    _mdg_attendee_import_add_problem (problems, self->header_line,
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
          _mdg_attendee_import_add_problem (problems, record->line,
                       g_dngettext (GETTEXT_PACKAGE, "this row has %u column, but the header has %u",
                                    "this row has %u columns, but the header has %u", n),
                       n, self->n_columns);
          continue;
        }
      for (guint c = self->n_columns; c < n; c++)
        if (*record->fields[c] != '\0')
          {
            _mdg_attendee_import_add_problem (problems, record->line,
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
            _mdg_attendee_import_add_problem (problems, record->line, _("the registration number %s is also on line %u"), entry->number,
                         GPOINTER_TO_UINT (first));
          else
            g_hash_table_insert (numbers, entry->number, GUINT_TO_POINTER (record->line));
        }
    }

  if (entries->len == 0)
    _mdg_attendee_import_add_problem (problems, self->header_line, _("there are no registrations below the header"));

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

int
_mdg_attendee_import_compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const MdgImportProblem *pa = *(MdgImportProblem **) a, *pb = *(MdgImportProblem **) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

void
_mdg_attendee_import_set_problems_error (MdgAttendeeImport  *self,
                    GPtrArray          *problems,
                    GError            **error)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint shown = MIN (problems->len, 20);

  g_ptr_array_sort (problems, _mdg_attendee_import_compare_problems);
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

/* Returns: (transfer none): what a column mapped to @target holds, translated */
const char *
mdg_import_target_get_label (MdgImportTarget target)
{
  if (target == MDG_IMPORT_IGNORE)
    return g_dgettext (GETTEXT_PACKAGE, N_("Do not import"));
  if (target < PERSON_TARGET (N_FIELDS))
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
