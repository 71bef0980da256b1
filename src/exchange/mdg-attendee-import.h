/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-csv.h"
#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

/*
 * What a column holds: a person's field (MdgPersonField), or one of these. The values
 * are remembered per header set (import_mapping): never renumber them, append.
 */
typedef enum
{
  MDG_IMPORT_IGNORE = -1,
  MDG_IMPORT_NUMBER = MDG_PERSON_N_FIELDS,
  MDG_IMPORT_FULL_NAME,
  MDG_IMPORT_FULL_KANA,
  MDG_IMPORT_ANSWER,              /* kept with the registration as the form's answer */
  MDG_IMPORT_APPLIED_AT,
  MDG_IMPORT_STATUS,
  MDG_IMPORT_ATTENDANCE,          /* venue or online; the text is kept as an answer too */
  MDG_IMPORT_QUESTIONS,
  MDG_IMPORT_CONSENT,
  MDG_IMPORT_ORGANIZATION_KANA,
  MDG_IMPORT_INDUSTRY,
  MDG_IMPORT_EMPLOYEES,
  MDG_IMPORT_ADDRESS,
  MDG_IMPORT_N_TARGETS
} MdgImportTarget;

/* The services and forms whose exports are recognised by their header. */
typedef enum
{
  MDG_IMPORT_FORMAT_GENERIC,
  MDG_IMPORT_FORMAT_CONNPASS,
  MDG_IMPORT_FORMAT_PEATIX,
  MDG_IMPORT_FORMAT_GOOGLE_FORMS,
  MDG_IMPORT_FORMAT_MICROSOFT_FORMS,
  MDG_IMPORT_FORMAT_DOORKEEPER,
  MDG_IMPORT_FORMAT_MUNICIPAL,
} MdgImportFormat;

typedef struct
{
  guint  line;
  char  *message;
} MdgImportProblem;

/* A detail of a registration already in the seminar that the file says differently. */
typedef struct
{
  guint  line;
  char  *name;     /* whose: "髙橋 恵 (1002)" */
  char  *field;    /* translated field name, or the form's header for an answer */
  char  *before;   /* (nullable) */
  char  *after;
} MdgImportChange;

typedef enum
{
  MDG_IMPORT_STAGE_MATCHING,   /* comparing with the database; nothing locked */
  MDG_IMPORT_STAGE_WRITING,    /* in the write transaction */
} MdgImportStage;

/* Called from the thread that runs the import. */
typedef void (*MdgImportProgressFunc) (MdgImportStage  stage,
                                       guint           done,
                                       guint           total,
                                       gpointer        user_data);

typedef struct _MdgAttendeeImport MdgAttendeeImport;

typedef struct
{
  guint imported;            /* new registrations */
  guint waitlisted;          /* of them, on the waitlist */
  guint existing_people;     /* of them, people Madoguchi already knew */
  guint already_registered;  /* rows of registrations already in the seminar */
  guint cancelled;           /* of those, cancelled by this file */
  guint changed;             /* of those, with details that differ (see the changes) */
  guint unchanged;           /* of those, the same as before */
  guint promoted;            /* moved up from the waitlist into freed places */
  guint changes_applied;     /* changed registrations updated, when changes are accepted */
} MdgImportResult;

MdgAttendeeImport *mdg_attendee_import_new          (const char         *filename,
                                                     GBytes             *contents,
                                                     MdgCsvEncoding      encoding,
                                                     GError            **error);
void               mdg_attendee_import_free         (MdgAttendeeImport  *self);
MdgCsvEncoding     mdg_attendee_import_get_encoding (MdgAttendeeImport  *self);
MdgImportFormat    mdg_attendee_import_get_format   (MdgAttendeeImport  *self);
guint              mdg_attendee_import_get_n_columns (MdgAttendeeImport *self);
const char        *mdg_attendee_import_get_header   (MdgAttendeeImport  *self,
                                                     guint               column);
guint              mdg_attendee_import_get_n_rows   (MdgAttendeeImport  *self);
const char        *mdg_attendee_import_get_cell     (MdgAttendeeImport  *self,
                                                     guint               row,
                                                     guint               column);
MdgImportTarget    mdg_attendee_import_get_target   (MdgAttendeeImport  *self,
                                                     guint               column);
gboolean           mdg_attendee_import_is_fallback  (MdgAttendeeImport  *self,
                                                     guint               column);
void               mdg_attendee_import_set_target   (MdgAttendeeImport  *self,
                                                     guint               column,
                                                     MdgImportTarget     target);
gboolean           mdg_attendee_import_recall_mapping (MdgAttendeeImport *self,
                                                       MdgDatabase       *db);
void               mdg_attendee_import_set_accept_changes (MdgAttendeeImport *self,
                                                           gboolean           accept);
void               mdg_attendee_import_set_progress_func  (MdgAttendeeImport     *self,
                                                           MdgImportProgressFunc  func,
                                                           gpointer               user_data);
GPtrArray         *mdg_attendee_import_check        (MdgAttendeeImport  *self);
GPtrArray         *mdg_attendee_import_get_notices  (MdgAttendeeImport  *self);
gboolean           mdg_attendee_import_prepare      (MdgAttendeeImport  *self,
                                                     MdgDatabase        *db,
                                                     gint64              seminar_id,
                                                     GCancellable       *cancellable,
                                                     MdgImportResult    *result,
                                                     GPtrArray         **problems,
                                                     GError            **error);
GPtrArray         *mdg_attendee_import_get_changes  (MdgAttendeeImport  *self);
gboolean           mdg_attendee_import_commit       (MdgAttendeeImport  *self,
                                                     MdgDatabase        *db,
                                                     gint64              seminar_id,
                                                     gboolean            dry_run,
                                                     MdgImportResult    *result,
                                                     GPtrArray         **problems,
                                                     GError            **error);

const char        *mdg_import_target_get_label      (MdgImportTarget     target);
const char        *mdg_import_format_get_label      (MdgImportFormat     format);
void               mdg_import_problem_free          (MdgImportProblem   *problem);
void               mdg_import_change_free           (MdgImportChange    *change);

/* Exposed for their tests: how the importer reads a form's values. */
GDateTime         *mdg_import_parse_time            (const char         *text);
gboolean           mdg_import_parse_employees       (const char         *text,
                                                     guint              *employees);
gboolean           mdg_import_split_name            (const char         *name,
                                                     const char         *family_kana,
                                                     const char         *given_kana,
                                                     char              **family,
                                                     char              **given);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgAttendeeImport, mdg_attendee_import_free)

G_END_DECLS
