/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-attendee-import.h"
#include "mdg-csv.h"
#include "mdg-database.h"

G_BEGIN_DECLS

/* What a column of a web form's consultation export holds. */
typedef enum
{
  MDG_CONSULTATION_COLUMN_IGNORE = -1,
  MDG_CONSULTATION_COLUMN_RECEIVED_AT,
  MDG_CONSULTATION_COLUMN_SUBJECT,
  MDG_CONSULTATION_COLUMN_QUESTION,
  MDG_CONSULTATION_COLUMN_ORGANIZATION,
  MDG_CONSULTATION_COLUMN_FULL_NAME,
  MDG_CONSULTATION_COLUMN_FAMILY_NAME,
  MDG_CONSULTATION_COLUMN_GIVEN_NAME,
  MDG_CONSULTATION_COLUMN_KANA,
  MDG_CONSULTATION_COLUMN_EMAIL,
  MDG_CONSULTATION_COLUMN_PHONE,
  MDG_CONSULTATION_COLUMN_CATEGORIES,
  MDG_CONSULTATION_COLUMN_URGENCY,
  MDG_CONSULTATION_N_COLUMNS
} MdgConsultationColumn;

typedef struct _MdgConsultationImport MdgConsultationImport;

typedef struct
{
  guint imported;
  guint already_imported;   /* the same time, subject and sender as a consultation on record */
  guint new_people;
  guint existing_people;
} MdgConsultationImportResult;

MdgConsultationImport *mdg_consultation_import_new        (const char                   *filename,
                                                           GBytes                       *contents,
                                                           MdgCsvEncoding                encoding,
                                                           GError                      **error);
void                   mdg_consultation_import_free       (MdgConsultationImport        *self);
MdgCsvEncoding         mdg_consultation_import_get_encoding (MdgConsultationImport      *self);
guint                  mdg_consultation_import_get_n_rows (MdgConsultationImport        *self);
guint                  mdg_consultation_import_get_n_columns (MdgConsultationImport     *self);
const char            *mdg_consultation_import_get_header (MdgConsultationImport        *self,
                                                           guint                         column);
const char            *mdg_consultation_import_get_cell   (MdgConsultationImport        *self,
                                                           guint                         row,
                                                           guint                         column);
MdgConsultationColumn  mdg_consultation_import_get_target (MdgConsultationImport        *self,
                                                           guint                         column);
void                   mdg_consultation_import_set_target (MdgConsultationImport        *self,
                                                           guint                         column,
                                                           MdgConsultationColumn         target);
const char            *mdg_consultation_column_get_label  (MdgConsultationColumn         target);
gboolean               mdg_consultation_import_commit     (MdgConsultationImport        *self,
                                                           MdgDatabase                  *db,
                                                           gint64                        actor_id,
                                                           gboolean                      dry_run,
                                                           MdgConsultationImportResult  *result,
                                                           GPtrArray                   **problems,
                                                           GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgConsultationImport, mdg_consultation_import_free)

G_END_DECLS
