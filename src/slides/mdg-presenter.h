/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a key (or a clicker's button) asks the presentation to do. */
typedef enum
{
  MDG_PRESENTER_NEXT,
  MDG_PRESENTER_PREVIOUS,
  MDG_PRESENTER_FIRST,
  MDG_PRESENTER_LAST,
  MDG_PRESENTER_ENTER,            /* jump to the number typed, or next */
  MDG_PRESENTER_TOGGLE_OVERVIEW,
  MDG_PRESENTER_TOGGLE_BLACK_OUT,
  MDG_PRESENTER_LEAVE,
} MdgPresenterCommand;

typedef enum
{
  MDG_PRESENTER_TIME_NORMAL,
  MDG_PRESENTER_TIME_ENDING,     /* the last minutes of the slot */
  MDG_PRESENTER_TIME_OVERTIME,
} MdgPresenterTimeState;

/* Microseconds of a monotonic clock; tests drive their own. */
typedef gint64 (*MdgPresenterClock) (gpointer user_data);

#define MDG_PRESENTER_ENDING_SECONDS (5 * 60)

#define MDG_TYPE_PRESENTER (mdg_presenter_get_type ())

G_DECLARE_FINAL_TYPE (MdgPresenter, mdg_presenter, MDG, PRESENTER, GObject)

MdgPresenter          *mdg_presenter_new                (guint                n_slides);
void                   mdg_presenter_set_clock          (MdgPresenter        *self,
                                                         MdgPresenterClock    clock,
                                                         gpointer             user_data);
guint                  mdg_presenter_get_n_slides       (MdgPresenter        *self);
guint                  mdg_presenter_get_slide          (MdgPresenter        *self);
void                   mdg_presenter_set_slide          (MdgPresenter        *self,
                                                         guint                slide);
gboolean               mdg_presenter_get_blacked_out    (MdgPresenter        *self);
void                   mdg_presenter_set_blacked_out    (MdgPresenter        *self,
                                                         gboolean             blacked_out);
gboolean               mdg_presenter_get_overview       (MdgPresenter        *self);
void                   mdg_presenter_set_overview       (MdgPresenter        *self,
                                                         gboolean             overview);
guint                  mdg_presenter_get_overview_slide (MdgPresenter        *self);
void                   mdg_presenter_set_overview_slide (MdgPresenter        *self,
                                                         guint                slide);
const char            *mdg_presenter_get_typed_number   (MdgPresenter        *self);
void                   mdg_presenter_type_digit         (MdgPresenter        *self,
                                                         guint                digit);
void                   mdg_presenter_command            (MdgPresenter        *self,
                                                         MdgPresenterCommand  command);
guint                  mdg_presenter_get_duration       (MdgPresenter        *self);
void                   mdg_presenter_set_duration       (MdgPresenter        *self,
                                                         guint                seconds);
void                   mdg_presenter_start_timer        (MdgPresenter        *self);
gboolean               mdg_presenter_get_timer_running  (MdgPresenter        *self);
guint                  mdg_presenter_get_elapsed        (MdgPresenter        *self);
int                    mdg_presenter_get_remaining      (MdgPresenter        *self);
MdgPresenterTimeState  mdg_presenter_get_time_state     (MdgPresenter        *self);
void                   mdg_presenter_update_time        (MdgPresenter        *self);

G_END_DECLS
