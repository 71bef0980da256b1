/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database-work.h"

G_BEGIN_DECLS

/* Helpers shared by the window's widgets; see "How the window is built" in mdg-window.c. */

AdwToast       *_mdg_toast_new          (const char *text);
void            _mdg_toast              (GtkWidget  *widget,
                                         const char *message);
void            _mdg_toast_error        (GtkWidget  *widget,
                                         GError     *error);
void            _mdg_add_toast          (GtkWidget  *widget,
                                         AdwToast   *toast);
void            _mdg_dismiss_toast      (AdwToast   *toast);
void            _mdg_dismiss_toast_after_action (AdwToast *toast);

typedef struct _MdgWriteWatch MdgWriteWatch;

MdgWriteWatch  *_mdg_write_watch_new    (GtkWidget      *widget);
GtkWidget      *_mdg_write_watch_finish (MdgWriteWatch  *watch);

/* Database work for a widget: in a worker, errors toasted, @done only while @widget lives. */
typedef void  (*MdgWorkDoneFunc)        (GtkWidget      *widget,
                                         gpointer        data);
void            _mdg_work_async         (GtkWidget      *widget,
                                         MdgDatabase    *db,
                                         MdgWorkFunc     func,
                                         gpointer        data,
                                         GDestroyNotify  data_free,
                                         MdgWorkDoneFunc done,
                                         gboolean        writes);

/* Work that must not delay the window's first frame. */
typedef void  (*MdgFirstFrameFunc)      (GtkWidget      *widget,
                                         gpointer        user_data);
gboolean        _mdg_first_frame_pending (GtkWidget     *widget);
void            _mdg_after_first_frame  (GtkWidget      *widget,
                                         MdgFirstFrameFunc func,
                                         gpointer        user_data);

GtkWidget      *_mdg_list_row_title_new (void);
GtkWidget      *_mdg_list_row_new       (GtkWidget      *top);

/* A widget's one read in flight: a newer one (or the widget going) cancels it. */
GCancellable   *_mdg_cancellable_renew  (GCancellable  **cancellable);
void            _mdg_cancellable_clear  (GCancellable  **cancellable);

char           *_mdg_format_honorific   (const char *name);
PangoAttrList  *_mdg_keep_last_line_attrs (const char *text);
void            _mdg_label_keep_last_line (GtkLabel   *label);
char           *_mdg_format_reading     (const char *reading);
void            _mdg_action_row_show_text (AdwActionRow *row,
                                           const char   *text);
void            _mdg_record_grid_init   (GtkGridView    *grid);
void            _mdg_leaflet_show       (AdwLeaflet     *leaflet,
                                         GtkWidget      *child);
void            _mdg_measure_children   (GtkWidget      *widget,
                                         GtkOrientation  orientation,
                                         int             spacing,
                                         int            *max_minimum,
                                         int            *max_natural,
                                         int            *sum_natural);
void            _mdg_list_open_on_click (GtkWidget      *list,
                                         AdwLeaflet     *leaflet);

G_END_DECLS
