/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-presenter-console"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-presenter-console.h"
#include "mdg-slide-match.h"
#include "mdg-presenter-private.h"

/*
 * What the presenter sees on the laptop: the current slide, the next one, the slide's
 * explanatory text at a size they can read standing (remembered), the time elapsed and
 * left of the slot (amber in the last minutes, red over time), the clock, the slide
 * counter and the number being typed; Tab shows every slide to pick one. It only
 * observes the presenter; keys go to the presenter, never to the widgets.
 */

struct _MdgPresenterConsole
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *monitor_box;
  GtkDropDown       *monitor_dropdown;
  GtkStack          *stack;
  MdgSlidePicture   *current;
  MdgSlidePicture   *next;
  GtkLabel          *notes_label;
  GtkFlowBox        *overview;
  GtkLabel          *elapsed_label;
  GtkWidget         *remaining_box;
  GtkLabel          *remaining_caption;
  GtkLabel          *remaining_label;
  GtkLabel          *typed_label;
  GtkLabel          *black_label;
  GtkLabel          *counter_label;
  GtkLabel          *clock_label;

  /* owned */
  MdgPresenter      *presenter;
  MdgPageRenderer   *renderer;
  GPtrArray         *pages;
  GSettings         *settings;
  GCancellable      *thumbnails;
  guint              clock_id;
  gboolean           overview_filled;
};

G_DEFINE_FINAL_TYPE (MdgPresenterConsole, mdg_presenter_console, ADW_TYPE_WINDOW)

enum {
  MOVE_AUDIENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define THUMBNAIL_WIDTH 220

/* ---- Keys ---- */

gboolean
_mdg_presenter_handle_key (MdgPresenter    *presenter,
                           guint            keyval,
                           GdkModifierType  state)
{
  /* Shortcuts with Ctrl or Alt belong to the window (close, zoom). */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_Down: case GDK_KEY_Page_Down: case GDK_KEY_space:
    case GDK_KEY_KP_Right: case GDK_KEY_KP_Down: case GDK_KEY_KP_Page_Down:
      mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Up: case GDK_KEY_Page_Up: case GDK_KEY_BackSpace:
    case GDK_KEY_KP_Left: case GDK_KEY_KP_Up: case GDK_KEY_KP_Page_Up:
      mdg_presenter_command (presenter, MDG_PRESENTER_PREVIOUS);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      mdg_presenter_command (presenter, MDG_PRESENTER_ENTER);
      return TRUE;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      mdg_presenter_command (presenter, MDG_PRESENTER_FIRST);
      return TRUE;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      mdg_presenter_command (presenter, MDG_PRESENTER_LAST);
      return TRUE;
    case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab:
      mdg_presenter_command (presenter, MDG_PRESENTER_TOGGLE_OVERVIEW);
      return TRUE;
    case GDK_KEY_b: case GDK_KEY_B: case GDK_KEY_period:
      /* Clickers send B or the full stop for their black-screen button. */
      mdg_presenter_command (presenter, MDG_PRESENTER_TOGGLE_BLACK_OUT);
      return TRUE;
    case GDK_KEY_Escape:
      mdg_presenter_command (presenter, MDG_PRESENTER_LEAVE);
      return TRUE;
    default:
      break;
    }

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    {
      mdg_presenter_type_digit (presenter, keyval - GDK_KEY_0);
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    {
      mdg_presenter_type_digit (presenter, keyval - GDK_KEY_KP_0);
      return TRUE;
    }
  return FALSE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MdgPresenter          *presenter)
{
  return _mdg_presenter_handle_key (presenter, keyval, state);
}

/* Keys reach the presentation before any widget of @window can take them. */
void
_mdg_presenter_add_keys (GtkWidget    *window,
                         MdgPresenter *presenter)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), presenter, 0);
  gtk_widget_add_controller (window, keys);
}

/* ---- Display ---- */

static char *
format_duration (int seconds)
{
  guint s = ABS (seconds);

  if (s >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

static void
set_time_class (GtkWidget             *label,
                MdgPresenterTimeState  state)
{
  if (state == MDG_PRESENTER_TIME_ENDING)
    gtk_widget_add_css_class (label, "ending");
  else
    gtk_widget_remove_css_class (label, "ending");
  if (state == MDG_PRESENTER_TIME_OVERTIME)
    gtk_widget_add_css_class (label, "overtime");
  else
    gtk_widget_remove_css_class (label, "overtime");
}

static void
update_time (MdgPresenterConsole *self)
{
  g_autofree char *elapsed = format_duration (mdg_presenter_get_elapsed (self->presenter));
  MdgPresenterTimeState state = mdg_presenter_get_time_state (self->presenter);
  int remaining = mdg_presenter_get_remaining (self->presenter);

  gtk_label_set_label (self->elapsed_label, elapsed);
  gtk_widget_set_visible (self->remaining_box, mdg_presenter_get_duration (self->presenter) > 0);
  if (remaining < 0)
    {
      g_autofree char *over = format_duration (remaining);
      g_autofree char *text = g_strconcat ("+", over, NULL);

      gtk_label_set_label (self->remaining_caption, _("Over Time"));
      gtk_label_set_label (self->remaining_label, text);
    }
  else
    {
      g_autofree char *left = format_duration (remaining);

      gtk_label_set_label (self->remaining_caption, _("Remaining"));
      gtk_label_set_label (self->remaining_label, left);
    }
  set_time_class (GTK_WIDGET (self->remaining_label), state);
  set_time_class (GTK_WIDGET (self->elapsed_label), state == MDG_PRESENTER_TIME_OVERTIME ? state : MDG_PRESENTER_TIME_NORMAL);
}

static gboolean
clock_cb (gpointer user_data)
{
  MdgPresenterConsole *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%H:%M");

  gtk_label_set_label (self->clock_label, text);
  return G_SOURCE_CONTINUE;
}

static void
update_slide (MdgPresenterConsole *self)
{
  guint slide = mdg_presenter_get_slide (self->presenter);
  g_autofree char *counter = g_strdup_printf ("%u / %u", slide + 1, mdg_presenter_get_n_slides (self->presenter));
  MdgSlidePage *page = slide < self->pages->len ? g_ptr_array_index (self->pages, slide) : NULL;

  gtk_label_set_label (self->counter_label, counter);
  gtk_label_set_label (self->notes_label, page && *page->explanation ? page->explanation : "");
}

static void
update_notes_size (MdgPresenterConsole *self)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  int size = g_settings_get_int (self->settings, "presenter-notes-size");

  pango_attr_list_insert (attributes, pango_attr_size_new (size * PANGO_SCALE));
  gtk_label_set_attributes (self->notes_label, attributes);
  pango_attr_list_unref (attributes);
}

static void
typed_cb (MdgPresenterConsole *self)
{
  const char *typed = mdg_presenter_get_typed_number (self->presenter);
  g_autofree char *text = *typed ? g_strdup_printf (_("Go to %s…"), typed) : g_strdup ("");

  gtk_label_set_label (self->typed_label, text);
}

static void
black_cb (MdgPresenterConsole *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->black_label), mdg_presenter_get_blacked_out (self->presenter));
}

/* ---- Overview ---- */

static void
thumbnail_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GtkPicture **picture = user_data;
  g_autoptr(MdgPageImage) image = mdg_page_renderer_render_finish (MDG_PAGE_RENDERER (source), result, NULL);

  if (image != NULL && *picture != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (mdg_page_image_get_width (image),
                                                              mdg_page_image_get_height (image),
                                                              GDK_MEMORY_DEFAULT, mdg_page_image_get_bytes (image),
                                                              mdg_page_image_get_stride (image));
      gtk_picture_set_paintable (*picture, GDK_PAINTABLE (texture));
    }
  if (*picture != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*picture), (gpointer *) picture);
  g_free (picture);
}

static void
fill_overview (MdgPresenterConsole *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (self->overview_filled)
    return;
  self->overview_filled = TRUE;
  for (guint i = 0; i < mdg_presenter_get_n_slides (self->presenter); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *picture = gtk_picture_new ();
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkPicture **weak = g_new0 (GtkPicture *, 1);

      gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 9 / 16);
      gtk_widget_add_css_class (picture, "mdg-overview-slide");
      gtk_box_append (GTK_BOX (box), picture);
      gtk_box_append (GTK_BOX (box), gtk_label_new (number));
      gtk_flow_box_append (self->overview, box);

      *weak = GTK_PICTURE (picture);
      g_object_add_weak_pointer (G_OBJECT (picture), (gpointer *) weak);
      /* Thumbnails come from the disk cache when the deck was shown before. */
      mdg_page_renderer_render_async (self->renderer, i, THUMBNAIL_WIDTH * scale, 0, MDG_RENDER_CACHE, 100 + i,
                                      self->thumbnails, thumbnail_cb, weak);
    }
}

static void
overview_cb (MdgPresenterConsole *self)
{
  gboolean overview = mdg_presenter_get_overview (self->presenter);

  if (overview)
    fill_overview (self);
  gtk_stack_set_visible_child_name (self->stack, overview ? "overview" : "slides");
}

static void
overview_slide_cb (MdgPresenterConsole *self)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->overview,
                                                            mdg_presenter_get_overview_slide (self->presenter));

  if (child != NULL)
    gtk_flow_box_select_child (self->overview, child);
}

static void
overview_activated_cb (MdgPresenterConsole *self,
                       GtkFlowBoxChild     *child)
{
  mdg_presenter_set_overview_slide (self->presenter, gtk_flow_box_child_get_index (child));
  mdg_presenter_command (self->presenter, MDG_PRESENTER_ENTER);
}

/* ---- Buttons ---- */

static void
leave_clicked_cb (MdgPresenterConsole *self)
{
  mdg_presenter_set_overview (self->presenter, FALSE);
  mdg_presenter_command (self->presenter, MDG_PRESENTER_LEAVE);
}

static void
change_notes_size (MdgPresenterConsole *self,
                   int                  delta)
{
  int size = g_settings_get_int (self->settings, "presenter-notes-size");

  g_settings_set_int (self->settings, "presenter-notes-size", CLAMP (size + delta, 8, 48));
}

static void
smaller_clicked_cb (MdgPresenterConsole *self)
{
  change_notes_size (self, -2);
}

static void
larger_clicked_cb (MdgPresenterConsole *self)
{
  change_notes_size (self, 2);
}

static void
monitor_selected_cb (MdgPresenterConsole *self)
{
  guint selected = gtk_drop_down_get_selected (self->monitor_dropdown);
  g_autoptr(GdkMonitor) monitor = NULL;
  GListModel *model = gtk_drop_down_get_model (self->monitor_dropdown);

  if (model == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  monitor = g_list_model_get_item (model, selected);
  g_signal_emit (self, signals[MOVE_AUDIENCE], 0, monitor);
}

static char *
monitor_name (GdkMonitor *monitor)
{
  GdkRectangle geometry;
  const char *model = gdk_monitor_get_model (monitor);
  const char *connector = gdk_monitor_get_connector (monitor);

  if (monitor == NULL)
    return g_strdup ("");
  gdk_monitor_get_geometry (monitor, &geometry);
  /* Translators: a screen in the list of screens: its name and its size in pixels */
  return g_strdup_printf (_("%s (%d × %d)"), connector ? connector : model ? model : "?", geometry.width, geometry.height);
}

static void
mdg_presenter_console_dispose (GObject *object)
{
  MdgPresenterConsole *self = (MdgPresenterConsole *) object;

  if (self->thumbnails != NULL)
    g_cancellable_cancel (self->thumbnails);
  g_clear_object (&self->thumbnails);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->presenter != NULL)
    g_signal_handlers_disconnect_by_data (self->presenter, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PRESENTER_CONSOLE);
  g_clear_object (&self->presenter);
  g_clear_object (&self->renderer);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_presenter_console_parent_class)->dispose (object);
}

static void
mdg_presenter_console_class_init (MdgPresenterConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_presenter_console_dispose;

  /**
   * MdgPresenterConsole::move-audience:
   * @monitor: the screen the presenter chose for the audience
   */
  signals[MOVE_AUDIENCE] = g_signal_new ("move-audience", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 1, GDK_TYPE_MONITOR);

  g_type_ensure (MDG_TYPE_SLIDE_PICTURE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-presenter-console.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, monitor_box);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, monitor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, current);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, next);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, notes_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, overview);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, remaining_box);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, remaining_caption);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, typed_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, black_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, counter_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPresenterConsole, clock_label);
  gtk_widget_class_bind_template_callback (widget_class, leave_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, smaller_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, larger_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, overview_activated_cb);
}

static void
mdg_presenter_console_init (MdgPresenterConsole *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->thumbnails = g_cancellable_new ();
  g_signal_connect_object (self->settings, "changed::presenter-notes-size", G_CALLBACK (update_notes_size), self,
                           G_CONNECT_SWAPPED);
  update_notes_size (self);
  clock_cb (self);
  self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
}

/**
 * mdg_presenter_console_new:
 * @preloader: the presentation's rendered slides
 * @presenter: the presentation
 * @renderer: renders the overview's thumbnails
 * @pages: (element-type MdgSlidePage): the slides with their explanatory texts
 * @title: the deck's title
 * @subtitle: (nullable): below it (the mode, the slot)
 *
 * Returns: (transfer full): the console
 */
MdgPresenterConsole *
mdg_presenter_console_new (MdgSlidePreloader *preloader,
                           MdgPresenter      *presenter,
                           MdgPageRenderer   *renderer,
                           GPtrArray         *pages,
                           const char        *title,
                           const char        *subtitle)
{
  MdgPresenterConsole *self = g_object_new (MDG_TYPE_PRESENTER_CONSOLE, NULL);

  self->presenter = g_object_ref (presenter);
  self->renderer = g_object_ref (renderer);
  self->pages = g_ptr_array_ref (pages);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  mdg_slide_picture_setup (self->current, preloader, presenter, MDG_SLIDE_VIEW_CURRENT);
  mdg_slide_picture_setup (self->next, preloader, presenter, MDG_SLIDE_VIEW_NEXT);

  g_signal_connect_swapped (presenter, "notify::slide", G_CALLBACK (update_slide), self);
  g_signal_connect_swapped (presenter, "notify::elapsed", G_CALLBACK (update_time), self);
  g_signal_connect_swapped (presenter, "notify::time-state", G_CALLBACK (update_time), self);
  g_signal_connect_swapped (presenter, "notify::duration", G_CALLBACK (update_time), self);
  g_signal_connect_swapped (presenter, "notify::typed-number", G_CALLBACK (typed_cb), self);
  g_signal_connect_swapped (presenter, "notify::blacked-out", G_CALLBACK (black_cb), self);
  g_signal_connect_swapped (presenter, "notify::overview", G_CALLBACK (overview_cb), self);
  g_signal_connect_swapped (presenter, "notify::overview-slide", G_CALLBACK (overview_slide_cb), self);
  update_slide (self);
  update_time (self);
  typed_cb (self);
  _mdg_presenter_add_keys (GTK_WIDGET (self), presenter);
  return self;
}

/* Offers the screens for the audience, with @audience chosen; hidden with one screen. */
void
mdg_presenter_console_set_monitors (MdgPresenterConsole *self,
                                    GListModel          *monitors,
                                    guint                audience)
{
  GtkExpression *expression;

  g_return_if_fail (MDG_IS_PRESENTER_CONSOLE (self));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (monitor_name), NULL, NULL);
  g_signal_handlers_disconnect_by_func (self->monitor_dropdown, monitor_selected_cb, self);
  gtk_drop_down_set_expression (self->monitor_dropdown, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_model (self->monitor_dropdown, monitors);
  gtk_drop_down_set_selected (self->monitor_dropdown, audience);
  gtk_widget_set_visible (self->monitor_box, g_list_model_get_n_items (monitors) > 1);
  g_signal_connect_swapped (self->monitor_dropdown, "notify::selected", G_CALLBACK (monitor_selected_cb), self);
}

/* Returns: (transfer none): the console's view of the current slide */
MdgSlidePicture *
mdg_presenter_console_get_current (MdgPresenterConsole *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER_CONSOLE (self), NULL);
  return self->current;
}

/* Returns: (transfer none): the console's view of the next slide */
MdgSlidePicture *
mdg_presenter_console_get_next (MdgPresenterConsole *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER_CONSOLE (self), NULL);
  return self->next;
}
