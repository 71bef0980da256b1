/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/*
 * The list plumbing the Contacts panes share: a searched list read in a worker into a
 * GListStore, the record shown kept (or the one asked for restored) by id after each
 * load, the list stack's empty / no-results / list state, the editing state, the
 * leaflet, the list's grid view, saving a record in a worker, the "show-list" and
 * "cancel-edit" actions, and the "database", "narrow" and "editing" properties. A pane
 * embeds one MdgRecordList and describes its records with an MdgRecordListKind; its own
 * fields, form and other actions stay in the pane.
 */

typedef void     (*MdgRecordSaveAsyncFunc)  (MdgDatabase          *db,
                                             gpointer              item,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
typedef gpointer (*MdgRecordSaveFinishFunc) (MdgDatabase          *db,
                                             GAsyncResult         *result,
                                             GError              **error);

typedef struct
{
  GType      (*item_type)   (void);
  goffset      offset;        /* of the MdgRecordList in the owner's instance struct */
  gint64     (*get_id)      (gpointer      item);
  void       (*list_async)  (MdgDatabase          *db,
                             const char           *query,
                             guint                 limit,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
  GPtrArray *(*list_finish) (MdgDatabase          *db,
                             GAsyncResult         *result,
                             GError              **error);
  /* (nullable) drops records from a fresh load before the list shows them */
  void       (*filter)      (GtkWidget    *owner,
                             GPtrArray    *items);
  /* shows a record (or none) in the detail pane */
  void       (*show_record) (GtkWidget    *owner,
                             gpointer      item);
  /* (nullable) the "database" property changed */
  void       (*database_changed) (GtkWidget *owner);
  /* turns the owner's actions on and off: a record shown or edited, the leaflet folded */
  void       (*update_actions) (GtkWidget *owner);
  MdgRecordSaveAsyncFunc  save_async;
  MdgRecordSaveFinishFunc save_finish;
  /* the owner's action names, e.g. "person.save"; the list installs the last two */
  const char  *save_action;
  const char  *cancel_edit_action;
  const char  *show_list_action;
} MdgRecordListKind;

typedef struct
{
  /* borrowed */
  const MdgRecordListKind *kind;
  GtkWidget          *owner;          /* the pane that embeds this */
  GParamSpec         *editing_pspec;

  /* template widgets (of the owner) */
  AdwLeaflet         *leaflet;
  GtkGridView        *grid_view;      /* one column: see mdg-row-layout.c */
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkLabel           *limit_label;
  GtkSingleSelection *selection;
  GtkWidget          *back_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  AdwWindowTitle     *detail_title;
  GtkStack           *detail_stack;
  GtkListBox         *detail_list;    /* what the record shown lists, bound by _mdg_record_list_bind_detail */

  /* owned */
  MdgDatabase        *database;
  GListStore         *store;
  gpointer            selected;       /* the record shown, or NULL */
  GCancellable       *cancellable;
  GCancellable       *detail_cancellable;
  gint64              select_after_load;

  gboolean            narrow;
  gboolean            editing;
} MdgRecordList;

void     _mdg_record_list_class_init        (GtkWidgetClass          *widget_class,
                                             const MdgRecordListKind *kind);
void     _mdg_record_list_init              (MdgRecordList           *list,
                                             GtkWidget               *owner);
void     _mdg_record_list_dispose           (MdgRecordList           *list);
void     _mdg_record_list_bind_detail       (MdgRecordList           *list,
                                             GtkListBox              *box,
                                             GListModel              *model,
                                             GtkListBoxCreateWidgetFunc create_row,
                                             const char              *placeholder);
void     _mdg_record_list_reload            (MdgRecordList           *list);
void     _mdg_record_list_select            (MdgRecordList           *list,
                                             gpointer                 item);
void     _mdg_record_list_show_empty        (MdgRecordList           *list);
GCancellable *_mdg_record_list_detail_cancellable (MdgRecordList     *list);
void     _mdg_record_list_save              (MdgRecordList           *list,
                                             gpointer                 edited);
guint    _mdg_record_list_position_of       (MdgRecordList           *list,
                                             gint64                   id);
void     _mdg_record_list_set_editing       (MdgRecordList           *list,
                                             gboolean                 editing);
void     _mdg_record_list_show_error        (MdgRecordList           *list,
                                             const char              *message);
void     _mdg_record_list_update_back_button (MdgRecordList          *list);
void     _mdg_record_list_show_list         (MdgRecordList           *list);
void     _mdg_record_list_show_detail       (MdgRecordList           *list);
void     _mdg_record_list_show_id           (MdgRecordList           *list,
                                             gint64                   id);
void     _mdg_record_list_focus_search      (MdgRecordList           *list);
guint    _mdg_record_list_get_n_items       (MdgRecordList           *list);

G_END_DECLS
