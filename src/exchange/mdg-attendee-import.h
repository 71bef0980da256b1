/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-csv.h"
#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

/* What a column holds: a person's field (MdgPersonField), or one of these. */
typedef enum
{
  MDG_IMPORT_IGNORE = -1,
  MDG_IMPORT_NUMBER = MDG_PERSON_N_FIELDS,
  MDG_IMPORT_FULL_NAME,
  MDG_IMPORT_FULL_KANA,
  MDG_IMPORT_N_TARGETS
} MdgImportTarget;

typedef struct
{
  guint  line;
  char  *message;
} MdgImportProblem;

typedef struct _MdgAttendeeImport MdgAttendeeImport;

typedef struct
{
  guint imported;
  guint waitlisted;
  guint existing_people;
  guint already_registered;
} MdgImportResult;

MdgAttendeeImport *mdg_attendee_import_new          (const char         *filename,
                                                     GBytes             *contents,
                                                     MdgCsvEncoding      encoding,
                                                     GError            **error);
void               mdg_attendee_import_free         (MdgAttendeeImport  *self);
MdgCsvEncoding     mdg_attendee_import_get_encoding (MdgAttendeeImport  *self);
guint              mdg_attendee_import_get_n_columns (MdgAttendeeImport *self);
const char        *mdg_attendee_import_get_header   (MdgAttendeeImport  *self,
                                                     guint               column);
guint              mdg_attendee_import_get_n_rows   (MdgAttendeeImport  *self);
const char        *mdg_attendee_import_get_cell     (MdgAttendeeImport  *self,
                                                     guint               row,
                                                     guint               column);
MdgImportTarget    mdg_attendee_import_get_target   (MdgAttendeeImport  *self,
                                                     guint               column);
void               mdg_attendee_import_set_target   (MdgAttendeeImport  *self,
                                                     guint               column,
                                                     MdgImportTarget     target);
gboolean           mdg_attendee_import_recall_mapping (MdgAttendeeImport *self,
                                                       MdgDatabase       *db);
GPtrArray         *mdg_attendee_import_check        (MdgAttendeeImport  *self);
gboolean           mdg_attendee_import_commit       (MdgAttendeeImport  *self,
                                                     MdgDatabase        *db,
                                                     gint64              seminar_id,
                                                     gboolean            dry_run,
                                                     MdgImportResult    *result,
                                                     GPtrArray         **problems,
                                                     GError            **error);

const char        *mdg_import_target_get_label      (MdgImportTarget     target);
void               mdg_import_problem_free          (MdgImportProblem   *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgAttendeeImport, mdg_attendee_import_free)

G_END_DECLS
