/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-attendees-view.h"
#include "mdg-checkin-view.h"
#include "mdg-seminars-page.h"
#include "mdg-window.h"

G_BEGIN_DECLS

struct _MdgSeminarsPage
{
  MdgSection           parent_instance;

  /* template widgets */
  GtkStack            *page_stack;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *detail_pane;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkListBox          *seminar_list;
  AdwViewSwitcherTitle *detail_title;
  AdwViewStack        *view_stack;
  MdgAttendeesView    *attendees_view;
  MdgCheckinView      *checkin_view;
  AdwActionRow        *attendees_row;
  GtkStack            *detail_stack;
  GtkLabel            *title_label;
  GtkLabel            *when_label;
  GtkLabel            *status_label;
  GtkButton           *advance_button;
  AdwActionRow        *venue_row;
  AdwActionRow        *online_row;
  AdwActionRow        *capacity_row;
  AdwActionRow        *co_organizer_row;
  GtkWidget           *description_group;
  GtkLabel            *description_label;
  GtkListBox          *program_list;
  GtkWidget           *overrun_box;
  GtkLabel            *overrun_label;
  GtkLabel            *program_summary;

  /* owned */
  MdgDatabase         *database;
  GListStore          *seminars;
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;
  char                *folded_query;
  MdgSeminar          *selected;
  GPtrArray           *program;
  GPtrArray           *pending;     /* seminars deleted but still undoable */
  GListStore          *attendees;   /* of the selected seminar, shared by its views */
  GCancellable        *attendees_cancellable;
  GCancellable        *cancellable;
  GDateTime           *now;
  gint64               select_after_load;
  gboolean             refiltering;

};

MdgWindow *_mdg_seminars_page_get_window            (MdgSeminarsPage *self);
void       _mdg_seminars_page_toast                 (MdgSeminarsPage *self,
                                                     const char      *message);
void       _mdg_seminars_page_show_program          (MdgSeminarsPage *self);
void       _mdg_seminars_page_program_row_activated (MdgSeminarsPage *self,
                                                     GtkListBoxRow   *row);
void       _mdg_seminars_page_class_init_program    (GtkWidgetClass  *widget_class);

G_END_DECLS
