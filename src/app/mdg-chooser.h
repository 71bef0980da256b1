/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* What a chooser lists and how: filled in by the caller. */
typedef struct
{
  const char *title;              /* the window's title */
  const char *placeholder;        /* the search's placeholder */
  const char *empty_title;        /* when nothing is recorded yet */
  const char *empty_description;
  const char *empty_icon;
  /* In a worker, on its own connection: the records matching @query (NULL for all). */
  GPtrArray *(*list)     (MdgDatabase  *connection,
                          const char   *query,
                          GError      **error);
  /* On the main thread: a record's two lines (transfer full). */
  void       (*describe) (gpointer      record,
                          char        **title,
                          char        **subtitle);
} MdgChooserKind;

/* Called with the record chosen, while @widget is still there. */
typedef void (*MdgChosenFunc) (GtkWidget *widget,
                               gpointer   record,
                               gpointer   user_data);

GtkWindow *_mdg_chooser_present (GtkWidget            *widget,
                                 MdgDatabase          *database,
                                 const MdgChooserKind *kind,
                                 MdgChosenFunc         func,
                                 gpointer              user_data);

G_END_DECLS
