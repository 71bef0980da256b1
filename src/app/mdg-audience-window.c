/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-audience-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-audience-window.h"
#include "mdg-presenter-private.h"

/*
 * What the audience sees: the current slide on black, full-screen on the projector
 * (a window of its own while rehearsing). It takes the same keys as the console, so
 * a clicker works whichever window has the focus.
 */

struct _MdgAudienceWindow
{
  GtkWindow        parent_instance;

  /* template widgets */
  MdgSlidePicture *picture;
};

G_DEFINE_FINAL_TYPE (MdgAudienceWindow, mdg_audience_window, GTK_TYPE_WINDOW)

static void
mdg_audience_window_dispose (GObject *object)
{
  /* The picture is the window's own child: the window lets go of it first, or both
   * the template and the window would unparent it. */
  gtk_window_set_child (GTK_WINDOW (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), MDG_TYPE_AUDIENCE_WINDOW);

  G_OBJECT_CLASS (mdg_audience_window_parent_class)->dispose (object);
}

static void
mdg_audience_window_class_init (MdgAudienceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_audience_window_dispose;

  g_type_ensure (MDG_TYPE_SLIDE_PICTURE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-audience-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgAudienceWindow, picture);
}

static void
mdg_audience_window_init (MdgAudienceWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The pointer has no business on the projector. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
}

/* Returns: (transfer full): the audience's window of the presentation */
MdgAudienceWindow *
mdg_audience_window_new (MdgSlidePreloader *preloader,
                         MdgPresenter      *presenter)
{
  MdgAudienceWindow *self = g_object_new (MDG_TYPE_AUDIENCE_WINDOW, NULL);

  mdg_slide_picture_setup (self->picture, preloader, presenter, MDG_SLIDE_VIEW_AUDIENCE);
  _mdg_presenter_add_keys (GTK_WIDGET (self), presenter);
  return self;
}

/* Returns: (transfer none): the slide the audience sees */
MdgSlidePicture *
mdg_audience_window_get_picture (MdgAudienceWindow *self)
{
  g_return_val_if_fail (MDG_IS_AUDIENCE_WINDOW (self), NULL);
  return self->picture;
}
