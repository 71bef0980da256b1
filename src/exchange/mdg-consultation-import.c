/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultation-import"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-category.h"
#include "mdg-consultation-import.h"
#include "mdg-consultation-store.h"
#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-person-store-private.h"

/*
 * Consultations sent through the desk's web form, from the CSV the form service
 * exports (UTF-8, with or without BOM, or CP932 from Excel; decoded and parsed by
 * mdg-csv.c). Columns are recognised by their headers (受付日時, 件名, ご相談内容,
 * 会社名, お名前, メールアドレス, 相談区分…). Every row is checked first; then all are
 * written in one transaction, or none. A row already on record (same time, subject
 * and sender) is skipped, so that importing the next export again adds only what is new.
 */

struct _MdgConsultationImport
{
  char                  *filename;
  MdgCsvEncoding         encoding;
  GStrv                  headers;
  guint                  n_columns;
  GPtrArray             *rows;      /* MdgCsvRecord */
  MdgConsultationColumn *targets;
};

static const char *labels[] = {
  [MDG_CONSULTATION_COLUMN_RECEIVED_AT] = N_("Received"),
  [MDG_CONSULTATION_COLUMN_SUBJECT] = N_("Subject"),
  [MDG_CONSULTATION_COLUMN_QUESTION] = N_("Question"),
  [MDG_CONSULTATION_COLUMN_ORGANIZATION] = N_("Organization"),
  [MDG_CONSULTATION_COLUMN_FULL_NAME] = N_("Full name"),
  [MDG_CONSULTATION_COLUMN_FAMILY_NAME] = N_("Family name"),
  [MDG_CONSULTATION_COLUMN_GIVEN_NAME] = N_("Given name"),
  [MDG_CONSULTATION_COLUMN_KANA] = N_("Full name reading"),
  [MDG_CONSULTATION_COLUMN_EMAIL] = N_("E-mail"),
  [MDG_CONSULTATION_COLUMN_PHONE] = N_("Phone"),
  [MDG_CONSULTATION_COLUMN_CATEGORIES] = N_("Categories"),
  [MDG_CONSULTATION_COLUMN_URGENCY] = N_("Urgency"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (labels) == MDG_CONSULTATION_N_COLUMNS);

/* Headers as forms write them, folded by normalize(); the first that a header contains wins. */
static const struct {
  const char            *word;
  MdgConsultationColumn  column;
} known[] = {
  { "受付日時", MDG_CONSULTATION_COLUMN_RECEIVED_AT }, { "送信日時", MDG_CONSULTATION_COLUMN_RECEIVED_AT },
  { "回答日時", MDG_CONSULTATION_COLUMN_RECEIVED_AT }, { "日時", MDG_CONSULTATION_COLUMN_RECEIVED_AT },
  { "たいむすたんぷ", MDG_CONSULTATION_COLUMN_RECEIVED_AT }, { "timestamp", MDG_CONSULTATION_COLUMN_RECEIVED_AT },
  { "submitted", MDG_CONSULTATION_COLUMN_RECEIVED_AT },
  { "received", MDG_CONSULTATION_COLUMN_RECEIVED_AT }, { "date", MDG_CONSULTATION_COLUMN_RECEIVED_AT },
  { "めーる", MDG_CONSULTATION_COLUMN_EMAIL }, { "mail", MDG_CONSULTATION_COLUMN_EMAIL },
  { "電話", MDG_CONSULTATION_COLUMN_PHONE }, { "tel", MDG_CONSULTATION_COLUMN_PHONE },
  { "phone", MDG_CONSULTATION_COLUMN_PHONE },
  { "件名", MDG_CONSULTATION_COLUMN_SUBJECT }, { "たいとる", MDG_CONSULTATION_COLUMN_SUBJECT },
  { "表題", MDG_CONSULTATION_COLUMN_SUBJECT }, { "subject", MDG_CONSULTATION_COLUMN_SUBJECT },
  { "title", MDG_CONSULTATION_COLUMN_SUBJECT },
  { "区分", MDG_CONSULTATION_COLUMN_CATEGORIES }, { "分類", MDG_CONSULTATION_COLUMN_CATEGORIES },
  { "かてごり", MDG_CONSULTATION_COLUMN_CATEGORIES }, { "種類", MDG_CONSULTATION_COLUMN_CATEGORIES },
  { "categor", MDG_CONSULTATION_COLUMN_CATEGORIES },
  { "緊急", MDG_CONSULTATION_COLUMN_URGENCY }, { "急ぎ", MDG_CONSULTATION_COLUMN_URGENCY },
  { "urgen", MDG_CONSULTATION_COLUMN_URGENCY },
  { "内容", MDG_CONSULTATION_COLUMN_QUESTION }, { "相談", MDG_CONSULTATION_COLUMN_QUESTION },
  { "質問", MDG_CONSULTATION_COLUMN_QUESTION }, { "問い合わせ", MDG_CONSULTATION_COLUMN_QUESTION },
  { "問合せ", MDG_CONSULTATION_COLUMN_QUESTION }, { "question", MDG_CONSULTATION_COLUMN_QUESTION },
  { "message", MDG_CONSULTATION_COLUMN_QUESTION },
  { "会社", MDG_CONSULTATION_COLUMN_ORGANIZATION }, { "企業", MDG_CONSULTATION_COLUMN_ORGANIZATION },
  { "団体", MDG_CONSULTATION_COLUMN_ORGANIZATION }, { "法人", MDG_CONSULTATION_COLUMN_ORGANIZATION },
  { "事業所", MDG_CONSULTATION_COLUMN_ORGANIZATION }, { "所属", MDG_CONSULTATION_COLUMN_ORGANIZATION },
  { "company", MDG_CONSULTATION_COLUMN_ORGANIZATION }, { "organi", MDG_CONSULTATION_COLUMN_ORGANIZATION },
  { "ふりがな", MDG_CONSULTATION_COLUMN_KANA }, { "よみ", MDG_CONSULTATION_COLUMN_KANA },
  { "kana", MDG_CONSULTATION_COLUMN_KANA },
  { "氏名", MDG_CONSULTATION_COLUMN_FULL_NAME }, { "名前", MDG_CONSULTATION_COLUMN_FULL_NAME },
  { "担当者", MDG_CONSULTATION_COLUMN_FULL_NAME }, { "fullname", MDG_CONSULTATION_COLUMN_FULL_NAME },
  { "name", MDG_CONSULTATION_COLUMN_FULL_NAME },
  { "姓", MDG_CONSULTATION_COLUMN_FAMILY_NAME }, { "lastname", MDG_CONSULTATION_COLUMN_FAMILY_NAME },
  { "名", MDG_CONSULTATION_COLUMN_GIVEN_NAME }, { "firstname", MDG_CONSULTATION_COLUMN_GIVEN_NAME },
};

const char *
mdg_consultation_column_get_label (MdgConsultationColumn target)
{
  if (target < 0 || target >= MDG_CONSULTATION_N_COLUMNS)
    return _("Not imported");
  return _(labels[target]);
}

/* Letters and digits only, kana folded, lower case: "お名前（必須）" → "お名前必須". */
static char *
normalize (const char *header)
{
  g_autofree char *folded = mdg_kana_fold (header, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded ? folded : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_MODIFIER_LETTER)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static MdgConsultationColumn
guess (const char *header)
{
  g_autofree char *name = normalize (header);

  /* Family and given name alone: 姓 and 名 are also parts of longer words. */
  if (g_str_equal (name, "姓") || g_str_equal (name, "せい"))
    return MDG_CONSULTATION_COLUMN_FAMILY_NAME;
  if (g_str_equal (name, "名") || g_str_equal (name, "めい"))
    return MDG_CONSULTATION_COLUMN_GIVEN_NAME;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (known[i].column != MDG_CONSULTATION_COLUMN_FAMILY_NAME && known[i].column != MDG_CONSULTATION_COLUMN_GIVEN_NAME &&
        strstr (name, known[i].word))
      return known[i].column;
  if (g_str_equal (name, "lastname") || g_str_equal (name, "familyname"))
    return MDG_CONSULTATION_COLUMN_FAMILY_NAME;
  return MDG_CONSULTATION_COLUMN_IGNORE;
}

/**
 * mdg_consultation_import_new:
 * @filename: the file's name, for messages
 * @contents: the file's bytes
 * @encoding: %MDG_CSV_ENCODING_AUTO, or the user's choice
 * @error: a location for a #GError
 *
 * Reads a web form's CSV and maps its columns from the header. Nothing is written yet.
 *
 * Returns: (transfer full): the import, or %NULL with @error naming the file and line
 */
MdgConsultationImport *
mdg_consultation_import_new (const char      *filename,
                             GBytes          *contents,
                             MdgCsvEncoding   encoding,
                             GError         **error)
{
  g_autoptr(MdgConsultationImport) self = g_new0 (MdgConsultationImport, 1);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  MdgCsvRecord *header;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gboolean any = FALSE;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  self->filename = g_strdup (filename);
  if (!(text = mdg_csv_decode (data ? data : "", length, encoding, filename, &self->encoding, error)) ||
      !(records = mdg_csv_parse (text, filename, error)))
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is empty: there is no header and no consultation."),
                   filename);
      return NULL;
    }

  header = g_ptr_array_steal_index (records, 0);
  self->headers = g_steal_pointer (&header->fields);
  self->n_columns = g_strv_length (self->headers);
  mdg_csv_record_free (header);
  self->rows = g_steal_pointer (&records);
  self->targets = g_new (MdgConsultationColumn, self->n_columns);
  for (guint c = 0; c < self->n_columns; c++)
    {
      self->targets[c] = guess (self->headers[c]);
      for (guint d = 0; d < c; d++)
        if (self->targets[d] == self->targets[c])
          self->targets[c] = MDG_CONSULTATION_COLUMN_IGNORE;
      any |= self->targets[c] == MDG_CONSULTATION_COLUMN_SUBJECT || self->targets[c] == MDG_CONSULTATION_COLUMN_QUESTION;
    }
  if (!any)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” has no column for the subject or the question (件名, 相談内容…): is it the form’s "
                     "consultation export?"),
                   filename);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
mdg_consultation_import_free (MdgConsultationImport *self)
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
mdg_consultation_import_get_encoding (MdgConsultationImport *self)
{
  return self->encoding;
}

guint
mdg_consultation_import_get_n_rows (MdgConsultationImport *self)
{
  return self->rows->len;
}

guint
mdg_consultation_import_get_n_columns (MdgConsultationImport *self)
{
  return self->n_columns;
}

const char *
mdg_consultation_import_get_header (MdgConsultationImport *self,
                                    guint                  column)
{
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->headers[column];
}

/* Returns: (transfer none) (nullable): the cell of data row @row (0 is the first below the header) */
const char *
mdg_consultation_import_get_cell (MdgConsultationImport *self,
                                  guint                  row,
                                  guint                  column)
{
  MdgCsvRecord *record;

  g_return_val_if_fail (self != NULL, NULL);
  if (row >= self->rows->len)
    return NULL;
  record = g_ptr_array_index (self->rows, row);
  return column < g_strv_length (record->fields) ? record->fields[column] : NULL;
}

MdgConsultationColumn
mdg_consultation_import_get_target (MdgConsultationImport *self,
                                    guint                  column)
{
  g_return_val_if_fail (column < self->n_columns, MDG_CONSULTATION_COLUMN_IGNORE);
  return self->targets[column];
}

/* Maps @column to @target; another column that held @target is then ignored. */
void
mdg_consultation_import_set_target (MdgConsultationImport *self,
                                    guint                  column,
                                    MdgConsultationColumn  target)
{
  g_return_if_fail (column < self->n_columns);

  if (target != MDG_CONSULTATION_COLUMN_IGNORE)
    for (guint c = 0; c < self->n_columns; c++)
      if (self->targets[c] == target)
        self->targets[c] = MDG_CONSULTATION_COLUMN_IGNORE;
  self->targets[column] = target;
}

/* Form services write times in many ways: 2026/11/26 10:15, 2026-11-26 10:15:30, ISO 8601. */
static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *iso = NULL;
  int y, mo, d, h = 0, mi = 0, s = 0;
  char tail;

  if ((iso = g_strdup (text)) && strchr (iso, 'T'))
    {
      GDateTime *parsed = g_date_time_new_from_iso8601 (iso, local);

      if (parsed != NULL)
        {
          GDateTime *here = g_date_time_to_local (parsed);
          g_date_time_unref (parsed);
          return here;
        }
    }
  g_strdelimit (iso, "/-年月", ' ');
  g_strdelimit (iso, ":時分", ' ');
  if (sscanf (iso, "%d %d %d %d %d %d%c", &y, &mo, &d, &h, &mi, &s, &tail) < 3)
    return NULL;
  if (!g_date_valid_dmy (d, mo, y) || h > 23 || mi > 59 || s > 60)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, s);
}

static gboolean
parse_urgency (const char *text,
               MdgUrgency *urgency)
{
  static const struct { const char *word; MdgUrgency urgency; } words[] = {
    { "至急", MDG_URGENCY_URGENT }, { "緊急", MDG_URGENCY_URGENT }, { "高", MDG_URGENCY_HIGH },
    { "急ぎ", MDG_URGENCY_HIGH }, { "通常", MDG_URGENCY_NORMAL }, { "普通", MDG_URGENCY_NORMAL },
    { "中", MDG_URGENCY_NORMAL }, { "低", MDG_URGENCY_LOW },
  };

  if (mdg_urgency_from_string (text, urgency))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (text, words[i].word))
      {
        *urgency = words[i].urgency;
        return TRUE;
      }
  return FALSE;
}

/* A category by key or by name, in either language. */
static gint64
find_category (GPtrArray  *categories,
               const char *text)
{
  for (guint i = 0; i < categories->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (categories, i);

      if (g_ascii_strcasecmp (category->key, text) == 0 || g_str_equal (category->name_ja, text) ||
          g_ascii_strcasecmp (category->name_en, text) == 0)
        return category->id;
    }
  return 0;
}

typedef struct
{
  guint             line;
  MdgConsultation  *consultation;
  MdgPerson        *person;      /* to link or create; NULL without a name */
} Row;

static void
row_clear (Row *row)
{
  g_clear_object (&row->consultation);
  g_clear_object (&row->person);
}

static const char *
cell (MdgConsultationImport *self,
      MdgCsvRecord          *record,
      MdgConsultationColumn  target)
{
  guint n = g_strv_length (record->fields);

  for (guint c = 0; c < self->n_columns && c < n; c++)
    if (self->targets[c] == target && *g_strstrip (record->fields[c]) != '\0')
      return record->fields[c];
  return NULL;
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             char       *message)
{
  MdgImportProblem *problem = g_new0 (MdgImportProblem, 1);

  problem->line = line;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* Reads one row into @row; what cannot be read is added to @problems. */
static void
read_row (MdgConsultationImport *self,
          MdgCsvRecord          *record,
          GPtrArray             *categories,
          Row                   *row,
          GPtrArray             *problems)
{
  const char *text;
  const char *family = cell (self, record, MDG_CONSULTATION_COLUMN_FAMILY_NAME);
  const char *full = cell (self, record, MDG_CONSULTATION_COLUMN_FULL_NAME);
  MdgUrgency urgency;

  row->line = record->line;
  row->consultation = mdg_consultation_new (MDG_CHANNEL_WEB_FORM);
  mdg_consultation_set_text (row->consultation, MDG_CONSULTATION_SUBJECT, cell (self, record, MDG_CONSULTATION_COLUMN_SUBJECT));
  mdg_consultation_set_text (row->consultation, MDG_CONSULTATION_QUESTION,
                             cell (self, record, MDG_CONSULTATION_COLUMN_QUESTION));
  mdg_consultation_set_text (row->consultation, MDG_CONSULTATION_ORGANIZATION,
                             cell (self, record, MDG_CONSULTATION_COLUMN_ORGANIZATION));
  if (mdg_consultation_get_text (row->consultation, MDG_CONSULTATION_SUBJECT) == NULL &&
      mdg_consultation_get_text (row->consultation, MDG_CONSULTATION_QUESTION) == NULL)
    add_problem (problems, record->line, g_strdup (_("neither a subject nor a question")));

  if ((text = cell (self, record, MDG_CONSULTATION_COLUMN_RECEIVED_AT)))
    {
      g_autoptr(GDateTime) at = parse_time (text);

      if (at == NULL)
        add_problem (problems, record->line,
                     g_strdup_printf (_("“%s” is not a date and time (write 2026/11/26 10:15)"), text));
      else
        mdg_consultation_set_received_at (row->consultation, at);
    }
  if ((text = cell (self, record, MDG_CONSULTATION_COLUMN_URGENCY)))
    {
      if (parse_urgency (text, &urgency))
        mdg_consultation_set_urgency (row->consultation, urgency);
      else
        add_problem (problems, record->line,
                     g_strdup_printf (_("“%s” is not an urgency (至急, 高, 通常 or 低)"), text));
    }
  if ((text = cell (self, record, MDG_CONSULTATION_COLUMN_CATEGORIES)))
    {
      g_auto(GStrv) names = NULL;
      g_autoptr(GString) separated = g_string_new (text);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      /* Full-width separators as Japanese forms write them; ・ stays, names use it. */
      g_string_replace (separated, "、", ",", 0);
      g_string_replace (separated, "，", ",", 0);
      g_string_replace (separated, "；", ",", 0);
      names = g_strsplit_set (separated->str, ",;\n", -1);

      for (guint i = 0; names[i]; i++)
        {
          gint64 id;

          if (*g_strstrip (names[i]) == '\0')
            continue;
          if ((id = find_category (categories, names[i])) == 0)
            add_problem (problems, record->line, g_strdup_printf (_("“%s” is not a category"), names[i]));
          else
            g_array_append_val (ids, id);
        }
      mdg_consultation_set_category_ids (row->consultation, ids);
    }

  if (family || full || cell (self, record, MDG_CONSULTATION_COLUMN_EMAIL))
    {
      row->person = mdg_person_new ();
      if (family)
        {
          mdg_person_set_text (row->person, MDG_PERSON_FAMILY_NAME, family);
          mdg_person_set_text (row->person, MDG_PERSON_GIVEN_NAME, cell (self, record, MDG_CONSULTATION_COLUMN_GIVEN_NAME));
        }
      else if (full)
        {
          g_autofree char *name = g_strdup (full);
          char *space;

          /* 山田 太郎 or 山田　太郎: family name first. */
          for (char *p; (p = strstr (name, "　"));)
            memcpy (p, "   ", 3);
          if ((space = strchr (g_strstrip (name), ' ')))
            {
              *space = '\0';
              mdg_person_set_text (row->person, MDG_PERSON_GIVEN_NAME, space + 1);
            }
          mdg_person_set_text (row->person, MDG_PERSON_FAMILY_NAME, name);
        }
      else
        {
          const char *email = cell (self, record, MDG_CONSULTATION_COLUMN_EMAIL);
          g_autofree char *local = g_strndup (email, strcspn (email, "@"));
          mdg_person_set_text (row->person, MDG_PERSON_FAMILY_NAME, local);
        }
      mdg_person_set_text (row->person, MDG_PERSON_FAMILY_KANA, cell (self, record, MDG_CONSULTATION_COLUMN_KANA));
      mdg_person_set_text (row->person, MDG_PERSON_EMAIL, cell (self, record, MDG_CONSULTATION_COLUMN_EMAIL));
      mdg_person_set_text (row->person, MDG_PERSON_PHONE, cell (self, record, MDG_CONSULTATION_COLUMN_PHONE));
      mdg_person_set_text (row->person, MDG_PERSON_ORGANIZATION,
                           cell (self, record, MDG_CONSULTATION_COLUMN_ORGANIZATION));
    }
}

/* Whether the same consultation (time, subject, sender) is already on record. */
static gboolean
on_record (sqlite3          *handle,
           MdgConsultation  *consultation,
           MdgPerson        *person,
           gboolean         *found,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (handle,
                                                   "SELECT 1 FROM consultation AS c LEFT JOIN person AS p"
                                                   " ON p.id = c.person_id WHERE c.channel = 'web-form'"
                                                   " AND c.received_at = ?1 AND c.subject IS ?2"
                                                   " AND (?3 IS NULL OR p.email = ?3 COLLATE NOCASE) LIMIT 1",
                                                   error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (mdg_consultation_get_received_at (consultation)));
  _mdg_sql_bind_text (stmt, 2, mdg_consultation_get_text (consultation, MDG_CONSULTATION_SUBJECT));
  _mdg_sql_bind_text (stmt, 3, person ? mdg_person_get_text (person, MDG_PERSON_EMAIL) : NULL);
  *found = sqlite3_step (stmt) == SQLITE_ROW;
  return TRUE;
}

/**
 * mdg_consultation_import_commit:
 * @self: an import
 * @db: a #MdgDatabase
 * @actor_id: who imports
 * @dry_run: check everything, write nothing
 * @result: (out caller-allocates): the counts
 * @problems: (out) (optional) (transfer container) (element-type MdgImportProblem):
 *   every line that cannot be imported, when there are any
 * @error: a location for a #GError
 *
 * Records every consultation of the file, linked to the person who sent it (found by
 * e-mail address or name and organization, or created) — or, when any line has a
 * problem, nothing, with @error saying how many lines to correct.
 */
gboolean
mdg_consultation_import_commit (MdgConsultationImport        *self,
                                MdgDatabase                  *db,
                                gint64                        actor_id,
                                gboolean                      dry_run,
                                MdgConsultationImportResult  *result,
                                GPtrArray                   **problems,
                                GError                      **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_import_problem_free);
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  sqlite3 *handle;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  if (!(categories = mdg_category_store_list (db, NULL, TRUE, error)))
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      MdgCsvRecord *record = g_ptr_array_index (self->rows, i);
      gboolean blank = TRUE;
      Row row = { 0 };

      for (guint f = 0; record->fields[f]; f++)
        blank &= *g_strstrip (record->fields[f]) == '\0';
      if (blank)
        continue;
      read_row (self, record, categories, &row, found);
      if (row.person != NULL)
        {
          GError *invalid = NULL;

          if (!mdg_person_validate (row.person, &invalid))
            {
              add_problem (found, row.line, g_strdup (invalid->message));
              g_error_free (invalid);
            }
        }
      g_array_append_val (rows, row);
    }

  if (found->len > 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "“%s”: %u line to correct; nothing was imported",
                                "“%s”: %u lines to correct; nothing was imported", found->len),
                   self->filename, found->len);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return FALSE;
    }

  handle = _mdg_database_get_handle (db);
  if (!mdg_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_autoptr(GPtrArray) people = NULL;
      gboolean known;

      if (!on_record (handle, row->consultation, row->person, &known, error))
        goto fail;
      if (known)
        {
          result->already_imported++;
          continue;
        }
      if (row->person != NULL)
        {
          if (!(people = mdg_person_store_find_duplicates (db, row->person, error)))
            goto fail;
          if (people->len > 0)
            {
              mdg_consultation_set_person_id (row->consultation, mdg_person_get_id (g_ptr_array_index (people, 0)));
              result->existing_people++;
            }
          else
            result->new_people++;
        }
      if (_mdg_consultation_store_insert (db, actor_id, row->consultation, people && people->len ? NULL : row->person,
                                          error) == 0)
        {
          g_prefix_error (error, _("“%s”, line %u: "), self->filename, row->line);
          goto fail;
        }
      result->imported++;
    }

  if (dry_run)
    {
      mdg_database_rollback (db);
      return TRUE;
    }
  return mdg_database_commit (db, error);

fail:
  mdg_database_rollback (db);
  return FALSE;
}
