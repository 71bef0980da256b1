/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendee-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-attendee-import.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"

/*
 * Registrations from a CSV file, as web forms and Japanese Excel export them. The
 * header row is mapped to fields by the names forms use (受付番号, 氏名 or 姓/名,
 * フリガナ or セイ/メイ, 会社名, メールアドレス, …); the user can change any column's
 * mapping, and the choice is remembered for the next file with the same header.
 * Every row is checked before anything is written, and the import is one
 * transaction: it all goes in, or nothing does.
 */

struct _MdgAttendeeImport
{
  char           *filename;
  MdgCsvEncoding  encoding;
  GStrv           headers;
  guint           n_columns;
  guint           header_line;
  GPtrArray      *rows;      /* MdgCsvRecord, below the header */
  MdgImportTarget *targets;
};

static const char *target_labels[] = {
  [MDG_IMPORT_NUMBER - MDG_PERSON_N_FIELDS] = N_("Registration number"),
  [MDG_IMPORT_FULL_NAME - MDG_PERSON_N_FIELDS] = N_("Full name"),
  [MDG_IMPORT_FULL_KANA - MDG_PERSON_N_FIELDS] = N_("Full name reading"),
};

/* Header names as forms write them, folded as fold_header() does. */
static const struct {
  const char      *name;
  MdgImportTarget  target;
} known_headers[] = {
  { "受付番号", MDG_IMPORT_NUMBER }, { "申込番号", MDG_IMPORT_NUMBER }, { "登録番号", MDG_IMPORT_NUMBER },
  { "受付no", MDG_IMPORT_NUMBER }, { "受付id", MDG_IMPORT_NUMBER }, { "申込id", MDG_IMPORT_NUMBER },
  { "番号", MDG_IMPORT_NUMBER }, { "no", MDG_IMPORT_NUMBER }, { "registrationnumber", MDG_IMPORT_NUMBER },
  { "registrationno", MDG_IMPORT_NUMBER }, { "ticketnumber", MDG_IMPORT_NUMBER }, { "number", MDG_IMPORT_NUMBER },
  { "氏名", MDG_IMPORT_FULL_NAME }, { "名前", MDG_IMPORT_FULL_NAME }, { "お名前", MDG_IMPORT_FULL_NAME },
  { "ご氏名", MDG_IMPORT_FULL_NAME }, { "参加者氏名", MDG_IMPORT_FULL_NAME }, { "参加者名", MDG_IMPORT_FULL_NAME },
  { "name", MDG_IMPORT_FULL_NAME }, { "fullname", MDG_IMPORT_FULL_NAME },
  { "姓", MDG_PERSON_FAMILY_NAME }, { "氏", MDG_PERSON_FAMILY_NAME }, { "lastname", MDG_PERSON_FAMILY_NAME },
  { "familyname", MDG_PERSON_FAMILY_NAME }, { "surname", MDG_PERSON_FAMILY_NAME },
  { "名", MDG_PERSON_GIVEN_NAME }, { "firstname", MDG_PERSON_GIVEN_NAME }, { "givenname", MDG_PERSON_GIVEN_NAME },
  { "ふりがな", MDG_IMPORT_FULL_KANA }, { "よみがな", MDG_IMPORT_FULL_KANA }, { "かな", MDG_IMPORT_FULL_KANA },
  { "氏名ふりがな", MDG_IMPORT_FULL_KANA }, { "氏名かな", MDG_IMPORT_FULL_KANA }, { "お名前ふりがな", MDG_IMPORT_FULL_KANA },
  { "kana", MDG_IMPORT_FULL_KANA }, { "furigana", MDG_IMPORT_FULL_KANA }, { "reading", MDG_IMPORT_FULL_KANA },
  { "せい", MDG_PERSON_FAMILY_KANA }, { "姓ふりがな", MDG_PERSON_FAMILY_KANA }, { "ふりがな姓", MDG_PERSON_FAMILY_KANA },
  { "姓かな", MDG_PERSON_FAMILY_KANA }, { "lastnamekana", MDG_PERSON_FAMILY_KANA },
  { "めい", MDG_PERSON_GIVEN_KANA }, { "名ふりがな", MDG_PERSON_GIVEN_KANA }, { "ふりがな名", MDG_PERSON_GIVEN_KANA },
  { "名かな", MDG_PERSON_GIVEN_KANA }, { "firstnamekana", MDG_PERSON_GIVEN_KANA },
  { "会社名", MDG_PERSON_ORGANIZATION }, { "企業名", MDG_PERSON_ORGANIZATION }, { "法人名", MDG_PERSON_ORGANIZATION },
  { "団体名", MDG_PERSON_ORGANIZATION }, { "会社団体名", MDG_PERSON_ORGANIZATION }, { "所属", MDG_PERSON_ORGANIZATION },
  { "所属先", MDG_PERSON_ORGANIZATION }, { "勤務先", MDG_PERSON_ORGANIZATION }, { "事業所名", MDG_PERSON_ORGANIZATION },
  { "貴社名", MDG_PERSON_ORGANIZATION }, { "company", MDG_PERSON_ORGANIZATION },
  { "companyname", MDG_PERSON_ORGANIZATION }, { "organization", MDG_PERSON_ORGANIZATION },
  { "organisation", MDG_PERSON_ORGANIZATION },
  { "めーるあどれす", MDG_PERSON_EMAIL }, { "めーる", MDG_PERSON_EMAIL }, { "eめーる", MDG_PERSON_EMAIL },
  { "email", MDG_PERSON_EMAIL }, { "mail", MDG_PERSON_EMAIL }, { "emailaddress", MDG_PERSON_EMAIL },
  { "電話番号", MDG_PERSON_PHONE }, { "電話", MDG_PERSON_PHONE }, { "tel", MDG_PERSON_PHONE },
  { "携帯電話", MDG_PERSON_PHONE }, { "phone", MDG_PERSON_PHONE }, { "telephone", MDG_PERSON_PHONE },
  { "役職", MDG_PERSON_TITLE }, { "役職名", MDG_PERSON_TITLE }, { "肩書", MDG_PERSON_TITLE },
  { "肩書き", MDG_PERSON_TITLE }, { "title", MDG_PERSON_TITLE }, { "jobtitle", MDG_PERSON_TITLE },
  { "position", MDG_PERSON_TITLE },
  { "部署", MDG_PERSON_DEPARTMENT }, { "部署名", MDG_PERSON_DEPARTMENT }, { "所属部署", MDG_PERSON_DEPARTMENT },
  { "部門", MDG_PERSON_DEPARTMENT }, { "department", MDG_PERSON_DEPARTMENT }, { "division", MDG_PERSON_DEPARTMENT },
};

void
mdg_import_problem_free (MdgImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
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

/* Compatibility forms, case, kana script, spaces and punctuation folded away. */
static char *
fold_header (const char *header)
{
  g_autofree char *folded = mdg_kana_fold (header, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded ? folded : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Spaces, brackets and marks such as ・ ※ 【 】 say nothing about the column. */
      if (g_unichar_isspace (c) || (c < 0x80 && c != 0 && strchr ("()[]_-.:*", (int) c)) || c == 0x30FB ||
          c == 0x203B || c == 0x3010 || c == 0x3011)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static MdgImportTarget
guess_target (const char *header)
{
  g_autofree char *folded = fold_header (header);

  for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
    if (g_str_equal (folded, known_headers[i].name))
      return known_headers[i].target;

  /* Longer headers ("メールアドレス（PC）", "電話番号(日中の連絡先)") by what they mention. */
  if (strstr (folded, "めーる") || strstr (folded, "mail"))
    return (MdgImportTarget) MDG_PERSON_EMAIL;
  if (strstr (folded, "電話") || strstr (folded, "tel"))
    return (MdgImportTarget) MDG_PERSON_PHONE;
  if (strstr (folded, "ふりがな") || strstr (folded, "よみ") || strstr (folded, "かな"))
    {
      if (strstr (folded, "姓") || strstr (folded, "せい"))
        return (MdgImportTarget) MDG_PERSON_FAMILY_KANA;
      if ((strstr (folded, "名") && !strstr (folded, "氏名")) || strstr (folded, "めい"))
        return (MdgImportTarget) MDG_PERSON_GIVEN_KANA;
      return MDG_IMPORT_FULL_KANA;
    }
  if (strstr (folded, "会社") || strstr (folded, "企業") || strstr (folded, "団体") || strstr (folded, "法人"))
    return (MdgImportTarget) MDG_PERSON_ORGANIZATION;
  if (strstr (folded, "部署"))
    return (MdgImportTarget) MDG_PERSON_DEPARTMENT;
  if (strstr (folded, "役職"))
    return (MdgImportTarget) MDG_PERSON_TITLE;
  if (strstr (folded, "番号") && (strstr (folded, "受付") || strstr (folded, "申込")))
    return MDG_IMPORT_NUMBER;
  if (strstr (folded, "氏名"))
    return MDG_IMPORT_FULL_NAME;
  return MDG_IMPORT_IGNORE;
}

static char *
header_key (MdgAttendeeImport *self)
{
  return g_strjoinv ("\x1f", self->headers);
}

/**
 * mdg_attendee_import_new:
 * @filename: the file's name, for messages
 * @contents: the file's bytes
 * @encoding: %MDG_CSV_ENCODING_AUTO, or the user's choice
 * @error: a location for a #GError
 *
 * Reads a registration CSV and maps its columns from their headers. Nothing is
 * written yet.
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
  const char *data = g_bytes_get_data (contents, &length);

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  self = g_new0 (MdgAttendeeImport, 1);
  self->filename = g_strdup (filename);

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

  self->targets = g_new (MdgImportTarget, self->n_columns);
  for (guint c = 0; c < self->n_columns; c++)
    {
      self->targets[c] = guess_target (self->headers[c]);
      /* A field claimed twice keeps its first column. */
      for (guint d = 0; d < c; d++)
        if (self->targets[d] == self->targets[c])
          self->targets[c] = MDG_IMPORT_IGNORE;
    }

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
  g_free (self->targets);
  g_free (self);
}

MdgCsvEncoding
mdg_attendee_import_get_encoding (MdgAttendeeImport *self)
{
  return self->encoding;
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
  return column < g_strv_length (record->fields) ? record->fields[column] : NULL;
}

MdgImportTarget
mdg_attendee_import_get_target (MdgAttendeeImport *self,
                                guint              column)
{
  g_return_val_if_fail (column < self->n_columns, MDG_IMPORT_IGNORE);
  return self->targets[column];
}

/* Maps @column to @target; another column that held @target is then ignored. */
void
mdg_attendee_import_set_target (MdgAttendeeImport *self,
                                guint              column,
                                MdgImportTarget    target)
{
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (target >= MDG_IMPORT_IGNORE && target < MDG_IMPORT_N_TARGETS);

  if (target != MDG_IMPORT_IGNORE)
    for (guint c = 0; c < self->n_columns; c++)
      if (self->targets[c] == target)
        self->targets[c] = MDG_IMPORT_IGNORE;
  self->targets[column] = target;
}

static char *
mapping_to_string (MdgAttendeeImport *self)
{
  GString *out = g_string_new (NULL);

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

  if (mapping == NULL)
    return FALSE;
  parts = g_strsplit (mapping, ",", -1);
  if (g_strv_length (parts) != self->n_columns)
    return FALSE;
  for (guint c = 0; c < self->n_columns; c++)
    {
      gint64 value;

      if (g_ascii_string_to_signed (parts[c], 10, MDG_IMPORT_IGNORE, MDG_IMPORT_N_TARGETS - 1, &value, NULL))
        self->targets[c] = value;
    }
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

/* Splits "髙橋 恵" (any space, full-width too) into family and given. */
static void
split_name (const char  *full,
            char       **family,
            char       **given)
{
  const char *p;

  for (p = full; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      break;
  *family = g_strndup (full, p - full);
  *given = *p ? g_strstrip (g_strdup (g_utf8_next_char (p))) : NULL;
}

static gboolean
row_is_blank (MdgCsvRecord *record)
{
  for (guint i = 0; record->fields[i]; i++)
    if (*g_strstrip (record->fields[i]) != '\0')
      return FALSE;
  return TRUE;
}

/* Builds the person of one row; the number, when mapped, goes to @number. */
static MdgPerson *
person_from_row (MdgAttendeeImport  *self,
                 MdgCsvRecord       *record,
                 const char        **number)
{
  MdgPerson *person = mdg_person_new ();
  guint n = g_strv_length (record->fields);

  *number = NULL;
  for (guint c = 0; c < MIN (n, self->n_columns); c++)
    {
      const char *cell = record->fields[c];
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;

      switch ((int) self->targets[c])
        {
        case MDG_IMPORT_IGNORE:
          break;
        case MDG_IMPORT_NUMBER:
          *number = *cell ? cell : NULL;
          break;
        case MDG_IMPORT_FULL_NAME:
        case MDG_IMPORT_FULL_KANA:
          split_name (cell, &family, &given);
          {
            gboolean name = self->targets[c] == MDG_IMPORT_FULL_NAME;
            mdg_person_set_text (person, name ? MDG_PERSON_FAMILY_NAME : MDG_PERSON_FAMILY_KANA, family);
            mdg_person_set_text (person, name ? MDG_PERSON_GIVEN_NAME : MDG_PERSON_GIVEN_KANA, given);
          }
          break;
        default:
          mdg_person_set_text (person, (MdgPersonField) self->targets[c], cell);
        }
    }
  return person;
}

/**
 * mdg_attendee_import_check:
 * @self: an import
 *
 * Checks every row without touching a database: the column count, a name, a
 * well-formed e-mail, registration numbers given once.
 *
 * Returns: (transfer container) (element-type MdgImportProblem): the problems, by line;
 *   empty when the file can be imported
 */
GPtrArray *
mdg_attendee_import_check (MdgAttendeeImport *self)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_import_problem_free);
  guint rows = 0;

  if (!has_target (self, MDG_IMPORT_FULL_NAME) && !has_target (self, (MdgImportTarget) MDG_PERSON_FAMILY_NAME))
    add_problem (problems, self->header_line,
                 _("No column holds the name. Choose which column is the full name (氏名) or the family name (姓)."));

  for (guint r = 0; r < self->rows->len; r++)
    {
      MdgCsvRecord *record = g_ptr_array_index (self->rows, r);
      guint n = g_strv_length (record->fields);
      g_autoptr(MdgPerson) person = NULL;
      g_autoptr(GError) invalid = NULL;
      const char *number;

      if (row_is_blank (record))
        continue;
      rows++;

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

      person = person_from_row (self, record, &number);
      if (!mdg_person_validate (person, &invalid))
        add_problem (problems, record->line, "%s", invalid->message);

      if (number != NULL)
        {
          gpointer first = g_hash_table_lookup (numbers, number);

          if (first != NULL)
            add_problem (problems, record->line, _("the registration number %s is also on line %u"), number,
                         GPOINTER_TO_UINT (first));
          else
            g_hash_table_insert (numbers, (gpointer) number, GUINT_TO_POINTER (record->line));
        }
    }

  if (rows == 0)
    add_problem (problems, self->header_line, _("there are no registrations below the header"));

  return problems;
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
 * Registers every row in one transaction. People already known (the same e-mail, or
 * the same name at the same organization) are reused, not duplicated; people already
 * registered for the seminar are counted and left as they are. When any row has a
 * problem, nothing is written and @error lists the lines.
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
  g_autoptr(GPtrArray) found = mdg_attendee_import_check (self);
  MdgImportResult counts = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);

  if (problems)
    *problems = NULL;

  if (found->len == 0)
    {
      if (!mdg_database_begin (db, error))
        return FALSE;

      for (guint r = 0; r < self->rows->len; r++)
        {
          MdgCsvRecord *record = g_ptr_array_index (self->rows, r);
          g_autoptr(MdgPerson) person = NULL;
          g_autoptr(GPtrArray) same = NULL;
          g_autoptr(MdgAttendee) attendee = NULL;
          g_autoptr(GError) row_error = NULL;
          const char *number;

          if (row_is_blank (record))
            continue;

          person = person_from_row (self, record, &number);
          same = mdg_person_store_find_duplicates (db, person, &row_error);
          if (same != NULL && same->len > 0)
            {
              g_set_object (&person, g_ptr_array_index (same, 0));
              counts.existing_people++;
            }

          if (row_error == NULL)
            attendee = _mdg_registration_store_add (db, seminar_id, person, MDG_REGISTRATION_SOURCE_CSV, number,
                                                    &row_error);
          if (attendee != NULL)
            {
              counts.imported++;
              if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED)
                counts.waitlisted++;
            }
          else if (g_error_matches (row_error, MDG_ERROR, MDG_ERROR_EXISTS))
            counts.already_registered++;
          else if (g_error_matches (row_error, MDG_ERROR, MDG_ERROR_NOT_FOUND))
            {
              /* The seminar itself is missing: not a problem of the file. */
              mdg_database_rollback (db);
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }
          else
            add_problem (found, record->line, "%s", row_error->message);
        }

      if (found->len == 0 && !dry_run)
        {
          g_autofree char *key = header_key (self);
          g_autofree char *mapping = mapping_to_string (self);

          if (!_mdg_registration_store_remember_mapping (db, key, mapping, error) || !mdg_database_commit (db, error))
            {
              mdg_database_rollback (db);
              return FALSE;
            }
        }
      else
        mdg_database_rollback (db);
    }

  if (found->len > 0)
    {
      set_problems_error (self, found, error);
      if (problems)
        *problems = g_steal_pointer (&found);
      return FALSE;
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
