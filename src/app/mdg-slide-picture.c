/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slide-picture"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-slide-picture.h"

/*
 * One view of a presentation: the current slide (audience window, console) or the
 * next one (console). It only observes the presenter and takes its images from the
 * preloader, which has them rendered ahead: a slide change draws at once, with the
 * best image there is, and the sharp one when it arrives. It tells the preloader its
 * size in device pixels, so slides are rendered for the screen they are shown on.
 */

struct _MdgSlidePicture
{
  GtkWidget          parent_instance;

  /* owned */
  MdgSlidePreloader *preloader;
  MdgPresenter      *presenter;
  GdkTexture        *texture;
  MdgPageImage      *image;     /* what the texture shows */

  MdgSlideView       view;
  int                shown;     /* the page on screen; -1 for none */
};

G_DEFINE_FINAL_TYPE (MdgSlidePicture, mdg_slide_picture, GTK_TYPE_WIDGET)

static int
wanted_page (MdgSlidePicture *self)
{
  guint slide = mdg_presenter_get_slide (self->presenter);

  if (self->view == MDG_SLIDE_VIEW_NEXT)
    return slide + 1 < mdg_presenter_get_n_slides (self->presenter) ? (int) slide + 1 : -1;
  return slide;
}

static gboolean
is_black (MdgSlidePicture *self)
{
  return self->view == MDG_SLIDE_VIEW_AUDIENCE && mdg_presenter_get_blacked_out (self->presenter);
}

/* Takes the best image of the wanted page there is now. */
static void
update (MdgSlidePicture *self)
{
  int page = wanted_page (self);
  MdgPageImage *image = NULL;

  if (page >= 0)
    {
      image = mdg_slide_preloader_lookup (self->preloader, self->view, page);
      if (image == NULL)
        image = mdg_slide_preloader_lookup_any (self->preloader, page);
    }

  if (image != self->image)
    {
      g_clear_object (&self->texture);
      g_clear_pointer (&self->image, mdg_page_image_unref);
      if (image != NULL)
        {
          self->image = mdg_page_image_ref (image);
          /* The pixels are cairo's ARGB32, which is GDK's default format: no copy. */
          self->texture = gdk_memory_texture_new (mdg_page_image_get_width (image), mdg_page_image_get_height (image),
                                                  GDK_MEMORY_DEFAULT, mdg_page_image_get_bytes (image),
                                                  mdg_page_image_get_stride (image));
        }
    }
  self->shown = self->texture != NULL ? page : -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
changed_cb (MdgSlidePicture *self)
{
  update (self);
}

static void
ready_cb (MdgSlidePicture   *self,
          guint              view,
          guint              page)
{
  if ((int) page == wanted_page (self))
    update (self);
}

static void
mdg_slide_picture_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  MdgSlidePicture *self = MDG_SLIDE_PICTURE (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double image_w, image_h, scale;

  if (self->view == MDG_SLIDE_VIEW_AUDIENCE)
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 1 }, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->presenter == NULL || is_black (self))
    return;

  if (self->texture == NULL)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      if (wanted_page (self) >= 0)
        return;
      /* Past the last slide. */
      layout = gtk_widget_create_pango_layout (widget, _("End of the deck"));
      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - w) / 2.0, (height - h) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0.6, 0.6, 0.6, 1 });
      gtk_snapshot_restore (snapshot);
      return;
    }

  image_w = gdk_texture_get_width (self->texture);
  image_h = gdk_texture_get_height (self->texture);
  scale = MIN (width / image_w, height / image_h);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((width - image_w * scale) / 2, (height - image_h * scale) / 2,
                                                    image_w * scale, image_h * scale));
}

static void
mdg_slide_picture_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  MdgSlidePicture *self = MDG_SLIDE_PICTURE (widget);
  int scale = gtk_widget_get_scale_factor (widget);

  /* Sharp on HiDPI: rendered for the device pixels, not the logical ones. */
  if (self->preloader != NULL && width > 0 && height > 0)
    mdg_slide_preloader_set_size (self->preloader, self->view, width * scale, height * scale);
}

static void
mdg_slide_picture_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  /* Small: a slide takes the room its container gives it, not more. */
  *minimum = 32;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 90;
}

static void
mdg_slide_picture_dispose (GObject *object)
{
  MdgSlidePicture *self = (MdgSlidePicture *) object;

  if (self->presenter != NULL)
    g_signal_handlers_disconnect_by_data (self->presenter, self);
  if (self->preloader != NULL)
    g_signal_handlers_disconnect_by_data (self->preloader, self);
  g_clear_object (&self->presenter);
  g_clear_object (&self->preloader);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->image, mdg_page_image_unref);

  G_OBJECT_CLASS (mdg_slide_picture_parent_class)->dispose (object);
}

static void
mdg_slide_picture_class_init (MdgSlidePictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_slide_picture_dispose;
  widget_class->snapshot = mdg_slide_picture_snapshot;
  widget_class->size_allocate = mdg_slide_picture_size_allocate;
  widget_class->measure = mdg_slide_picture_measure;
  gtk_widget_class_set_css_name (widget_class, "slide-picture");
}

static void
mdg_slide_picture_init (MdgSlidePicture *self)
{
  self->shown = -1;
}

/* Shows @view's slide of @presenter, with images from @preloader. */
void
mdg_slide_picture_setup (MdgSlidePicture   *self,
                         MdgSlidePreloader *preloader,
                         MdgPresenter      *presenter,
                         MdgSlideView       view)
{
  g_return_if_fail (MDG_IS_SLIDE_PICTURE (self));
  g_return_if_fail (self->presenter == NULL);

  self->preloader = g_object_ref (preloader);
  self->presenter = g_object_ref (presenter);
  self->view = view;
  g_signal_connect_swapped (presenter, "notify::slide", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (presenter, "notify::blacked-out", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (preloader, "ready", G_CALLBACK (ready_cb), self);
  update (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The page on screen, counting from 0; -1 while none is (not yet rendered, or past the end). */
int
mdg_slide_picture_get_shown_page (MdgSlidePicture *self)
{
  g_return_val_if_fail (MDG_IS_SLIDE_PICTURE (self), -1);
  return self->shown;
}

/* Whether the view shows black (the audience's, while blacked out). */
gboolean
mdg_slide_picture_is_black (MdgSlidePicture *self)
{
  g_return_val_if_fail (MDG_IS_SLIDE_PICTURE (self), FALSE);
  return self->presenter != NULL && is_black (self);
}
