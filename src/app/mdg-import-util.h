/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-csv.h"

G_BEGIN_DECLS

/* The pieces the CSV import dialogs (registrations, consultations) share. */

#define MDG_IMPORT_MAX_ROWS_SHOWN 50

GListModel           *_mdg_import_encoding_model (void);
void                  _mdg_import_clear_list     (GtkListBox   *list);
void                  _mdg_import_add_row        (GtkListBox   *list,
                                                  const char   *title,
                                                  const char   *subtitle,
                                                  const char   *icon);
void                  _mdg_import_add_more_row   (GtkListBox   *list,
                                                  guint         total);
void                  _mdg_import_fill_lines     (GtkListBox   *list,
                                                  GtkWidget    *group,
                                                  GPtrArray    *lines,
                                                  const char   *icon);
void                  _mdg_import_show_file      (AdwActionRow *row,
                                                  GFile        *file,
                                                  guint         n_rows,
                                                  const char   *detail);
void                  _mdg_import_clear_columns  (AdwPreferencesGroup *group,
                                                  GPtrArray    *rows);
GtkWidget            *_mdg_import_add_column     (AdwPreferencesGroup *group,
                                                  GPtrArray    *rows,
                                                  const char   *header,
                                                  const char   *example,
                                                  const char   *note,
                                                  GListModel   *targets,
                                                  guint         selected,
                                                  GCallback     changed,
                                                  gpointer      user_data);
guint                 _mdg_import_row_get_column (GtkWidget    *row);
GtkFileFilter        *_mdg_import_csv_filter_new (void);

/* How a dialog reads its kind of import: mdg_attendee_import_new() and _free(), say, then
 * what it does with the import read (it owns it from then on) or with why it could not be. */
typedef gpointer (*MdgImportNewFunc)    (const char      *filename,
                                         GBytes          *contents,
                                         MdgCsvEncoding   encoding,
                                         GError         **error);
typedef void     (*MdgImportParsedFunc) (gpointer         dialog,
                                         gpointer         import);
typedef void     (*MdgImportFailedFunc) (gpointer         dialog,
                                         const char      *message);

typedef struct
{
  MdgImportNewFunc    new_import;
  GDestroyNotify      free_import;
  MdgImportParsedFunc parsed;
  MdgImportFailedFunc failed;
} MdgImportKind;

void                  _mdg_import_parse          (gpointer             dialog,
                                                  const MdgImportKind *kind,
                                                  GFile               *file,
                                                  GBytes              *contents,
                                                  MdgCsvEncoding       encoding,
                                                  GCancellable        *cancellable);
gboolean              _mdg_import_get_encoding   (AdwComboRow    *row,
                                                  MdgCsvEncoding *encoding);

G_END_DECLS
