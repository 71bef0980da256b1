/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-attendee-import.h"
#include "mdg-import-values-private.h"

G_BEGIN_DECLS

/* A person's field as an import target: the targets begin with the person's fields. */
#define PERSON_TARGET(field) ((MdgImportTarget) MDG_PERSON_##field)

/* What an entry keeps for its organization besides the name. */
enum { ORG_KANA, ORG_INDUSTRY, ORG_ADDRESS, N_ORG_TEXT };

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
  MdgConsentAnswer       consent;
  const char            *consent_header;  /* borrowed from the import's headers */
  GPtrArray             *answers;         /* MdgAnswer, in file order */
} Entry;

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


void        _mdg_attendee_import_add_problem         (GPtrArray          *problems,
                                                      guint               line,
                                                      const char         *format,
                                                      ...) G_GNUC_PRINTF (3, 4);
int         _mdg_attendee_import_compare_problems    (gconstpointer       a,
                                                      gconstpointer       b);
void        _mdg_attendee_import_set_problems_error  (MdgAttendeeImport  *self,
                                                      GPtrArray          *problems,
                                                      GError            **error);
char       *_mdg_attendee_import_header_key          (MdgAttendeeImport  *self);
char       *_mdg_attendee_import_mapping_to_string   (MdgAttendeeImport  *self);
gboolean    _mdg_attendee_import_is_single           (MdgImportTarget     target);

G_END_DECLS
