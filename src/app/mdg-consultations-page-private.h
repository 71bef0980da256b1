/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-consultation-model.h"
#include "mdg-consultations-page.h"
#include "mdg-database.h"
#include "mdg-mail.h"

G_BEGIN_DECLS

/* The urgencies intake offers, in the order of the combo row: MdgUrgency values. */
#define N_URGENCIES (MDG_URGENCY_URGENT + 1)
#define N_CHANNELS  (MDG_CHANNEL_ON_SITE + 1)
#define N_QUEUES    (MDG_CONSULTATION_QUEUE_OVERDUE + 1)

/*
 * One writer for every draft the section keeps: the intake form's, and the answer
 * being written to the consultation shown (kind "answer", that consultation as its
 * target; only intake is ever submitted). Outlives the page on purpose: what was typed just before the window closed is
 * still written. The main thread owns every member except while a write is in
 * flight, when the worker alone uses draft_id, writing and the submission's members.
 */
typedef struct
{
  MdgDatabase *db;
  GWeakRef     page;
  const char  *kind;            /* MDG_DRAFT_KIND_CONSULTATION or MDG_DRAFT_KIND_ANSWER */
  gint64       staff_id;
  gint64       target_id;       /* the consultation an answer is for */
  gint64       draft_id;
  GHashTable  *pending;         /* name → value typed since the last write */
  GHashTable  *writing;         /* what the write in flight writes */
  gboolean     in_flight;
  gboolean     submit_requested;
  gboolean     discard_requested;
  gint64       actor_id;
  /* the write in flight */
  gboolean     submitting;
  gboolean     discarding;
  gint64       consultation_id;
} DraftWriter;

typedef enum
{
  OP_DISPATCH,
  OP_START,
  OP_ANSWER,
  OP_REPLY,
  OP_REFER,
  OP_CLOSE,
  OP_REOPEN,
  OP_SENSITIVE,
} OpKind;

typedef struct
{
  OpKind          kind;
  gint64          id;
  gint64          actor_id;
  gint64          specialist_id;
  gint64          referral_id;
  char           *name;      /* where it is referred */
  char           *text;      /* the note, or the answer */
  char           *path;      /* the reply's file */
  MdgMailCharset  used;
  gboolean        sensitive; /* marked sensitive, or no longer */
} ConsultationOp;


struct _MdgConsultationsPage
{
  MdgSection            parent_instance;

  /* template widgets */
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  GtkRevealer          *draft_revealer;
  GtkLabel             *draft_label;
  GtkListBox           *queue_list;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *state_dropdown;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdwStatusPage        *empty_status;
  AdwWindowTitle       *detail_title;
  GtkWidget            *save_button;
  GtkWidget            *cancel_button;
  GtkWidget            *detail_menu_button;
  GtkStack             *detail_stack;
  GtkLabel             *detail_subject;
  GtkGrid              *detail_grid;
  GtkLabel             *detail_question;
  GtkLabel             *detail_answer;
  GtkWidget            *action_box;
  GtkWidget            *state_box;
  GtkWidget            *dispatch_button;
  GtkWidget            *refer_button;
  GtkButton            *answer_button;
  GtkWidget            *start_button;
  GtkWidget            *reply_button;
  GtkWidget            *close_button;
  GtkWidget            *reopen_button;
  GtkWidget            *print_button;
  GtkWidget            *sensitive_row;
  GtkSwitch            *sensitive_switch;
  GtkWidget            *answer_editor;
  GtkTextView          *answer_view;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwComboRow          *channel_row;
  AdwEntryRow          *received_row;
  GtkLabel             *received_weekday;
  AdwEntryRow          *organization_row;
  AdwEntryRow          *person_row;
  GtkWidget            *person_known;
  AdwExpanderRow       *new_person_row;
  AdwEntryRow          *family_name_row;
  AdwEntryRow          *given_name_row;
  AdwEntryRow          *family_kana_row;
  AdwEntryRow          *given_kana_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *phone_row;
  AdwComboRow          *urgency_row;
  GtkFlowBox           *category_box;
  AdwEntryRow          *subject_row;
  GtkTextView          *question_view;

  /* owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *detail_cancellable;
  MdgConsultationModel *model;
  GtkSingleSelection   *selection;
  MdgConsultation      *shown;
  gulong                shown_handler;
  GPtrArray            *categories;       /* MdgCategory offered in intake */
  DraftWriter          *writer;           /* the intake being typed, or NULL */
  DraftWriter          *answer_writer;    /* the answer to the consultation shown, or NULL */
  gint64                answer_for;       /* the consultation the answer editor is for (looked up or kept) */
  gboolean              answer_filling;   /* the answer editor is being filled, not typed into */
  guint                 draft_timeout_id;
  gint64                offered_draft_id; /* a draft left by an earlier window */
  gboolean              filling;          /* the form is being filled, not typed into */
  gboolean              saving;
  gint64                select_after_load;
  guint                 select_idle_id;
  guint                 fill_idle_id;
  GtkPopover           *organization_popover;
  GtkListBox           *organization_list;
  GCancellable         *organization_cancellable;
  GtkPopover           *person_popover;
  GtkListBox           *person_list;
  GCancellable         *person_cancellable;
  gint64                person_id;        /* the person chosen in intake, or 0 */
  gint64                duplicate_id;     /* the known person a duplicate dialog offers */
  GtkLabel             *queue_counts[N_QUEUES];
  GCancellable         *counts_cancellable;
};

static inline MdgDatabase *
get_database (MdgConsultationsPage *self)
{
  return mdg_section_get_database (MDG_SECTION (self));
}

/* mdg-consultations-page.c */
gint64          _mdg_consultations_page_current_staff      (MdgConsultationsPage *self);
char           *_mdg_consultations_page_view_text          (GtkTextView          *view);
gboolean        _mdg_consultations_page_select             (MdgConsultationsPage *self,
                                                            gint64                id,
                                                            gboolean              open);
void            _mdg_consultations_page_show_pane          (MdgConsultationsPage *self,
                                                            const char           *name);

/* mdg-consultations-page-drafts.c: the intake's and the answer's drafts */
DraftWriter    *_mdg_draft_writer_new                      (MdgDatabase          *db,
                                                            gpointer              page,
                                                            const char           *kind,
                                                            gint64                staff_id,
                                                            gint64                target_id,
                                                            gint64                draft_id);
void            _mdg_draft_writer_unref                    (DraftWriter          *writer);
gboolean        _mdg_draft_writer_idle                     (DraftWriter          *writer);
void            _mdg_draft_writer_kick                     (DraftWriter          *writer);
void            _mdg_consultations_page_draft_field_changed (MdgConsultationsPage *self,
                                                             DraftWriter          *writer,
                                                             const char           *name,
                                                             const char           *value);
void            _mdg_consultations_page_offer_draft        (MdgConsultationsPage *self);
void            _mdg_consultations_page_class_init_drafts  (GtkWidgetClass       *widget_class);
void            _mdg_consultations_page_init_drafts        (MdgConsultationsPage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftWriter, _mdg_draft_writer_unref)

/* mdg-consultations-page-detail.c: the consultation shown */
void            _mdg_consultations_page_show_consultation  (MdgConsultationsPage *self,
                                                            MdgConsultation      *c);
void            _mdg_consultations_page_class_init_detail  (GtkWidgetClass       *widget_class);
void            _mdg_consultations_page_init_detail        (MdgConsultationsPage *self);

/* mdg-consultations-page-triage.c: what is done to the consultation shown */
ConsultationOp *_mdg_consultations_page_op_new             (MdgConsultationsPage *self,
                                                            OpKind                kind);
void            _mdg_consultations_page_op_free            (ConsultationOp       *op);
void            _mdg_consultations_page_run_op             (MdgConsultationsPage *self,
                                                            ConsultationOp       *op);
void            _mdg_consultations_page_class_init_triage  (GtkWidgetClass       *widget_class);
void            _mdg_consultations_page_init_triage        (MdgConsultationsPage *self);

/* mdg-consultations-page-answer.c: the answer being written, and the FAQ */
void            _mdg_consultations_page_answer_follow      (MdgConsultationsPage *self);
void            _mdg_consultations_page_answer_done        (MdgConsultationsPage *self,
                                                            gint64                consultation_id);
void            _mdg_consultations_page_answer_release     (MdgConsultationsPage *self);
void            _mdg_consultations_page_class_init_answer  (GtkWidgetClass       *widget_class);
void            _mdg_consultations_page_init_answer        (MdgConsultationsPage *self);

/* mdg-consultations-page-intake.c: the intake form */
void            _mdg_consultations_page_start_intake       (MdgConsultationsPage *self,
                                                            gint64                draft_id,
                                                            GHashTable           *fields);
void            _mdg_consultations_page_draft_written      (DraftWriter          *writer,
                                                            gboolean              submitted,
                                                            gint64                consultation_id,
                                                            GError               *error);
void            _mdg_consultations_page_load_categories    (MdgConsultationsPage *self);
void            _mdg_consultations_page_class_init_intake  (GtkWidgetClass       *widget_class);
void            _mdg_consultations_page_init_intake        (MdgConsultationsPage *self);

/* mdg-consultations-page-mail.c: an e-mail taken as a consultation, a reply saved as one */
void            _mdg_consultations_page_class_init_mail    (GtkWidgetClass       *widget_class);
void            _mdg_consultations_page_init_mail          (MdgConsultationsPage *self);

G_END_DECLS
