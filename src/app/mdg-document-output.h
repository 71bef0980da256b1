/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-document.h"

G_BEGIN_DECLS

/*
 * Getting files out of the window. @widget is the widget asking: the file chooser and
 * print dialog sit on its window, and the toast that says how it went goes up from it.
 */

typedef struct
{
  const char *nick;    /* as the paper-size setting names it */
  const char *label;   /* marked for translation, not translated */
  double      width;   /* points, portrait */
  double      height;
} MdgPaper;

const MdgPaper *_mdg_papers           (guint        *n_papers);
void     _mdg_document_apply_settings (MdgDocument  *document);
void     _mdg_paper_size              (GSettings    *settings,
                                       double       *width,
                                       double       *height);
void     _mdg_document_save_pdf       (GtkWidget    *widget,
                                       MdgDocument  *document,
                                       const char   *suggested_name);
void     _mdg_document_save_pdf_full  (GtkWidget    *widget,
                                       MdgDocument  *document,
                                       const char   *suggested_name,
                                       gboolean      personal_data);
void     _mdg_document_print          (GtkWidget    *widget,
                                       MdgDocument  *document);
gboolean _mdg_document_print_to_file  (GtkWidget    *widget,
                                       MdgDocument  *document,
                                       const char   *path,
                                       GError      **error);
void     _mdg_save_bytes              (GtkWidget    *widget,
                                       GBytes       *bytes,
                                       const char   *title,
                                       const char   *filter_name,
                                       const char   *suggested_name,
                                       const char   *pattern,
                                       gboolean      personal_data);


/* Called with the file the user chose to save to (never when they cancelled). */
typedef void (*MdgFileChosenFunc) (GtkWidget  *widget,
                                   GFile      *file,
                                   gpointer    user_data);

void     _mdg_choose_save_file        (GtkWidget        *widget,
                                       const char       *title,
                                       const char       *suggested_name,
                                       const char       *filter_name,
                                       const char       *pattern,
                                       MdgFileChosenFunc func,
                                       gpointer          user_data);
void     _mdg_announce_saved          (GtkWidget        *widget,
                                       GFile            *file,
                                       gboolean          personal_data,
                                       GError           *error);

G_END_DECLS
