/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-deck-store.h"
#include "mdg-decks-page.h"
#include "mdg-page-renderer.h"

G_BEGIN_DECLS

#define MDG_TYPE_DECK_SLIDE (mdg_deck_slide_get_type ())

G_DECLARE_FINAL_TYPE (MdgDeckSlide, mdg_deck_slide, MDG, DECK_SLIDE, GObject)

struct _MdgDeckSlide
{
  GObject         parent_instance;

  guint           page;         /* counting from 1 */
  char           *text;
  char           *explanation;
  MdgSlideChange  change;       /* against the revision before */
  GdkPaintable   *paintable;    /* the thumbnail, once rendered */
  gboolean        requested;
};

struct _MdgDecksPage
{
  MdgSection          parent_instance;

  /* template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *sidebar_button;
  GtkWidget          *back_button;
  GtkStack           *content_stack;
  AdwLeaflet         *leaflet;             /* the library | the slides */
  GtkWidget          *library_pane;
  AdwLeaflet         *slide_leaflet;       /* the grid | the selected slide */
  GtkWidget          *grid_pane;
  GtkWidget          *slide_pane;
  GtkWidget          *compare_box;
  GtkDropDown        *compare_dropdown;
  GtkListView        *deck_list;
  GtkDropDown        *revision_dropdown;
  GtkLabel           *revision_note;
  GtkLabel           *diff_label;
  GtkGridView        *slide_grid;
  GtkPicture         *slide_picture;
  GtkLabel           *slide_title;
  GtkTextView        *explanation_view;
  GtkLabel           *save_label;
  GtkWidget          *review_box;
  GtkListBox         *review_list;

  /* owned */
  GListStore         *decks;               /* MdgDeck */
  GtkSingleSelection *deck_selection;
  GPtrArray          *revisions;           /* MdgDeckRevision of the selected deck, oldest first */
  GPtrArray          *reviews;             /* MdgSlideReview: texts of the revision shown with no slide */
  GtkStringList      *revision_names;
  GtkStringList      *compare_names;       /* the revisions older than the one shown, oldest first */
  GListStore         *slides;              /* MdgDeckSlide of the revision shown */
  GtkSingleSelection *slide_selection;
  MdgDeckRevision    *revision;            /* shown */
  gint64              compare_id;          /* the revision it is compared with; 0 for none */
  GArray             *diff;                /* MdgSlideDiff against compare_id, once read */
  gint64              diff_id;             /* the revision @diff compares with */
  MdgPageRenderer    *renderer;            /* renders the revision shown */
  MdgDeckSlide       *slide;               /* whose text is in the editor */
  GCancellable       *cancellable;         /* the page's reads: cancelled when it goes */
  GCancellable       *revision_cancellable;/* the revision shown: its reads and renders */
  GtkNativeDialog    *chooser;
  gint64              select_deck;         /* the deck to select once the list is read again */
  gint64              import_deck_id;      /* what the chooser's file is for */
  char               *import_note;

  /* The text typed but not yet written: for that slide of that revision. */
  guint               save_id;
  guint               visible_id;
  gint64              dirty_revision_id;
  guint               dirty_page;
  gboolean            loading_text;
  guint               n_saving;
  GQueue              queued_saves;        /* Save: to write once the one being written is */
  gpointer            waiting_handout;     /* HandoutCall: to read once the texts are written */
  guint               n_importing;
  guint               n_loading;
};

typedef struct
{
  MdgDatabase *db;
  gint64       revision_id;
  guint        page;
  char        *text;
} Save;

typedef struct
{
  gatomicrefcount  ref;
  gint64           deck_id;
  gint64           revision_id;
  gint64           previous_id;   /* the revision before, to compare; 0 for the first */
  GCancellable    *cancellable;
  MdgDecksPage    *self;
  GPtrArray       *revisions;     /* out */
  GPtrArray       *pages;         /* out */
  GPtrArray       *reviews;       /* out */
  GArray          *diff;          /* out */
} Load;

/* mdg-decks-page.c */
void      _mdg_deck_slide_set_change (MdgDeckSlide   *self,
                                      MdgSlideChange  change);
MdgDeck  *_mdg_decks_page_selected_deck (MdgDecksPage *self);
void      _mdg_decks_page_update_actions (MdgDecksPage *self);
void      _mdg_decks_page_show_slide (MdgDecksPage *self,
                                      MdgDeckSlide *slide);
void      _mdg_decks_page_slide_selected_cb (MdgDecksPage *self);
void      _mdg_decks_page_reload_decks (MdgDecksPage *self);

/* mdg-decks-page-texts.c: the explanatory texts */
void      _mdg_decks_page_start_save (GtkWidget *widget,
                                      Save      *save);
void      _mdg_decks_page_flush_text (MdgDecksPage *self);
void      _mdg_decks_page_show_reviews (MdgDecksPage *self);
gboolean  _mdg_decks_page_load_finished (Load     *load,
                                         gboolean  ok,
                                         GError   *error,
                                         gboolean  still_wanted);
void      _mdg_decks_page_class_init_texts (GtkWidgetClass *widget_class);
void      _mdg_decks_page_init_texts (MdgDecksPage *self);

/* mdg-decks-page-revision.c: the revision shown */
Load     *_mdg_decks_page_load_new (MdgDecksPage *self,
                                    GCancellable *cancellable);
gpointer  _mdg_decks_page_load_ref (Load *load);
void      _mdg_decks_page_load_unref (gpointer data);
void      _mdg_decks_page_show_revision (MdgDecksPage *self,
                                         guint         index);
void      _mdg_decks_page_revision_selected_cb (MdgDecksPage *self);
void      _mdg_decks_page_init_revision (MdgDecksPage *self);

/* mdg-decks-page-import.c */
void      _mdg_decks_page_show_error (GtkWidget  *widget,
                                      const char *name,
                                      const char *heading,
                                      GError     *error);
void      _mdg_decks_page_class_init_import (GtkWidgetClass *widget_class);

/* mdg-decks-page-present.c: presenting and printing */
void      _mdg_decks_page_handout_call_free (gpointer data);
void      _mdg_decks_page_start_handout (MdgDecksPage *self);
void      _mdg_decks_page_class_init_present (GtkWidgetClass *widget_class);

G_END_DECLS
