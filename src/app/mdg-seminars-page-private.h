/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-attendees-view.h"
#include "mdg-checkin-view.h"
#include "mdg-seminars-page.h"
#include "mdg-undo-deletions.h"

G_BEGIN_DECLS

struct _MdgSeminarsPage
{
  MdgSection            parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *page_stack;
  GtkSpinner           *loading_spinner;
  GtkWidget            *welcome_new_button;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *list_separator;
  GtkWidget            *detail_pane;
  GtkWidget            *back_button;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkGridView          *seminar_list;   /* one column: see mdg-row-layout.c */
  AdwViewSwitcherTitle *detail_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  AdwBin               *attendees_bin;
  AdwBin               *checkin_bin;
  MdgAttendeesView     *attendees_view;  /* in attendees_bin once a seminar was shown */
  MdgCheckinView       *checkin_view;    /* in checkin_bin, likewise */
  AdwActionRow         *attendees_row;
  AdwActionRow         *attendance_row;
  AdwExpanderRow       *questions_row;
  GPtrArray            *question_rows;  /* the rows inside questions_row */
  GtkStack             *detail_stack;
  GtkLabel             *title_label;
  GtkLabel             *when_label;
  GtkLabel             *status_label;
  GtkButton            *advance_button;
  AdwActionRow         *venue_row;
  AdwActionRow         *online_row;
  AdwActionRow         *capacity_row;
  AdwActionRow         *co_organizer_row;
  GtkWidget            *description_group;
  GtkLabel             *description_label;
  GtkListBox           *program_list;
  GtkWidget            *overrun_box;
  GtkLabel             *overrun_label;
  GtkLabel             *program_summary;
  AdwPreferencesGroup  *slots_group;

  /* owned */
  GListStore           *seminars;   /* every seminar, upcoming first, as read */
  GtkFilterListModel   *upcoming;
  GtkFilterListModel   *past;
  GListStore           *upcoming_heading;
  GListStore           *past_heading;
  GtkSingleSelection   *selection;
  char                 *folded_query;
  MdgSeminar           *selected;
  GListStore           *program;
  MdgUndoDeletions     *deletions;  /* seminars deleted but still undoable */
  GListStore           *attendees;  /* of the selected seminar, shared by its views */
  GCancellable         *cancellable;
  GPtrArray            *early_list;   /* seminars read before the window's first frame */
  guint                 spinner_timeout_id;
  GCancellable         *seminar_cancellable;  /* what belongs to the seminar on display */
  GDateTime            *now;
  gint64                select_after_load;
  gboolean              selecting;
  GPtrArray            *slot_rows;  /* the rows in slots_group */
  GPtrArray            *slots;      /* MdgConsultationSlot of the seminar on display, as last read */
};

void _mdg_seminars_page_load_program        (MdgSeminarsPage *self);
void _mdg_seminars_page_class_init_program  (GtkWidgetClass  *widget_class);
void _mdg_seminars_page_init_program        (MdgSeminarsPage *self);
void _mdg_seminars_page_load_slots          (MdgSeminarsPage *self);
void _mdg_seminars_page_class_init_slots    (GtkWidgetClass  *widget_class);
void _mdg_seminars_page_init_slots          (MdgSeminarsPage *self);

G_END_DECLS
