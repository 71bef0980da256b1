/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-app-util"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mdg-app-util.h"

/*
 * Children never call their window. A toast goes to the nearest AdwToastOverlay
 * of the widget that shows it: a page that offers Undo wraps its content in an
 * overlay, so that the toast's button reaches the page's actions, and its other
 * messages go there too, one after the other instead of two toasts over each
 * other. Where there is no overlay but the window's, the message goes up through
 * the "win.toast" action.
 */

/* The overlay a toast from @widget goes to: the widget's own content, for a page
 * that offers Undo (its template's child is the overlay), or the nearest above it. */
static GtkWidget *
find_overlay (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && ADW_IS_TOAST_OVERLAY (child))
    return child;
  return gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
}

/**
 * _mdg_toast_new:
 * @text: what the toast says, plain text (a seminar's title, an error message)
 *
 * A toast's title is Pango markup in libadwaita 1.2: "R&D" or "<" in a title or
 * a message would not show. Every toast is made here, its text escaped.
 *
 * Returns: (transfer full): the toast
 */
AdwToast *
_mdg_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* Shows @message in the nearest toast overlay of @widget. */
void
_mdg_toast (GtkWidget  *widget,
            const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  if (find_overlay (widget) != NULL)
    {
      AdwToast *toast = _mdg_toast_new (message);

      /* Messages are read, not acted on: a little longer than the default. */
      adw_toast_set_timeout (toast, 6);
      _mdg_add_toast (widget, toast);
    }
  else
    gtk_widget_activate_action (widget, "win.toast", "s", message);
}

/* Tells what went wrong, unless it was cancelled on purpose (a newer search, a closed window). */
void
_mdg_toast_error (GtkWidget *widget,
                  GError    *error)
{
  g_return_if_fail (error != NULL);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _mdg_toast (widget, error->message);
}

/*
 * Toasts with libadwaita 1.2 (adw-toast-overlay.c, adw-animation.c): a toast animates
 * in (300 ms, or 500 ms while another one hides) and out (300 ms). When its hiding
 * ends first, its record is freed and the end of its showing crashes; and an
 * animation started between frames may end at the next one. So:
 * - a toast is given to the overlay only once the one before it has finished hiding;
 * - the window dismisses a toast only once it has been shown for a while (its Undo
 *   button, pressed by a person, comes later than that);
 * - one toast at a time, the newest: a new toast dismisses the one shown, and is
 *   never pushed into the overlay's queue by a higher priority (1.2 shows such a
 *   toast twice and aborts).
 */
#define TOAST_HIDDEN_US (350 * G_TIME_SPAN_MILLISECOND)
#define TOAST_SHOWN_US (600 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GPtrArray *toasts;     /* (element-type AdwToast): the one shown, or waiting to be */
  gint64     last_gone;  /* when a toast of the overlay last began to hide */
} OverlayToasts;

static void
overlay_toasts_free (OverlayToasts *data)
{
  g_ptr_array_unref (data->toasts);
  g_free (data);
}

static void
toast_gone_cb (AdwToast  *toast,
               GtkWidget *overlay)
{
  OverlayToasts *data = g_object_get_data (G_OBJECT (overlay), "mdg-toasts");

  g_object_set_data (G_OBJECT (toast), "mdg-dismissed", GINT_TO_POINTER (TRUE));
  if (data != NULL)
    {
      if (g_object_get_data (G_OBJECT (toast), "mdg-shown-at") != NULL)
        data->last_gone = g_get_monotonic_time ();
      g_ptr_array_remove (data->toasts, toast);
    }
}

static gboolean dismiss_later_cb (gpointer user_data);

/*
 * Dismisses @toast once: one still waiting for its overlay without it, one shown
 * only once it has been shown long enough.
 */
static void
dismiss_once (AdwToast *toast)
{
  gint64 shown_at = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "mdg-shown-at"));
  gint64 shown_for = g_get_monotonic_time () - shown_at;

  if (g_object_get_data (G_OBJECT (toast), "mdg-dismissed") != NULL)
    return;
  if (shown_at == 0)
    g_signal_emit_by_name (toast, "dismissed");
  else if (shown_for >= TOAST_SHOWN_US)
    adw_toast_dismiss (toast);
  else if (g_object_get_data (G_OBJECT (toast), "mdg-leaving") == NULL)
    {
      g_object_set_data (G_OBJECT (toast), "mdg-leaving", GINT_TO_POINTER (TRUE));
      g_timeout_add_full (G_PRIORITY_DEFAULT, (TOAST_SHOWN_US - shown_for) / G_TIME_SPAN_MILLISECOND + 1,
                          dismiss_later_cb, g_object_ref (toast), NULL);
    }
}

static gboolean
dismiss_later_cb (gpointer user_data)
{
  g_autoptr(AdwToast) toast = user_data;

  g_object_set_data (G_OBJECT (toast), "mdg-leaving", NULL);
  dismiss_once (toast);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GWeakRef  overlay;
  AdwToast *toast;
} WaitingToast;

/* How long @toast must still wait before its overlay may show it; 0 when it may now. */
static gint64
toast_wait (OverlayToasts *data,
            AdwToast      *toast)
{
  for (guint i = 0; i < data->toasts->len; i++)
    {
      AdwToast *other = g_ptr_array_index (data->toasts, i);

      /* The one it replaces is still shown, until it has been shown long enough. */
      if (other != toast && g_object_get_data (G_OBJECT (other), "mdg-shown-at") != NULL)
        return TOAST_HIDDEN_US;
    }
  if (data->last_gone == 0)
    return 0;
  return MAX (0, data->last_gone + TOAST_HIDDEN_US - g_get_monotonic_time ());
}

static gboolean
show_waiting_toast_cb (gpointer user_data)
{
  WaitingToast *waiting = user_data;
  g_autoptr(GtkWidget) overlay = g_weak_ref_get (&waiting->overlay);

  if (overlay != NULL && g_object_get_data (G_OBJECT (waiting->toast), "mdg-dismissed") == NULL)
    {
      OverlayToasts *data = g_object_get_data (G_OBJECT (overlay), "mdg-toasts");
      gint64 wait = toast_wait (data, waiting->toast);

      if (wait > 0)
        {
          g_timeout_add (wait / G_TIME_SPAN_MILLISECOND + 1, show_waiting_toast_cb, waiting);
          return G_SOURCE_REMOVE;
        }
      g_object_set_data (G_OBJECT (waiting->toast), "mdg-shown-at", GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (waiting->toast));
    }
  g_weak_ref_clear (&waiting->overlay);
  g_object_unref (waiting->toast);
  g_free (waiting);
  return G_SOURCE_REMOVE;
}

/**
 * _mdg_add_toast:
 * @widget: a widget whose content is the toast overlay, or a widget inside it; the
 *   toast's action is looked up from the overlay upwards
 * @toast: (transfer full): the toast
 *
 * A toast's button looks its action up from the overlay upwards. A widget that offers
 * Undo wraps its content in an #AdwToastOverlay and installs its undo action on
 * itself; given that widget or a widget inside its overlay, this finds the overlay.
 *
 * A new toast replaces the one shown (whose Undo, if any, is then over).
 */
void
_mdg_add_toast (GtkWidget *widget,
                AdwToast  *toast)
{
  GtkWidget *overlay;
  OverlayToasts *data;
  WaitingToast *waiting;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
    }

  data = g_object_get_data (G_OBJECT (overlay), "mdg-toasts");
  if (data == NULL)
    {
      data = g_new0 (OverlayToasts, 1);
      data->toasts = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (overlay), "mdg-toasts", data, (GDestroyNotify) overlay_toasts_free);
    }
  /* The toasts it replaces leave the list once they are gone (toast_gone_cb). */
  for (guint i = data->toasts->len; i > 0; i--)
    dismiss_once (g_ptr_array_index (data->toasts, i - 1));
  g_ptr_array_add (data->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_gone_cb), overlay, 0);

  waiting = g_new0 (WaitingToast, 1);
  g_weak_ref_init (&waiting->overlay, overlay);
  waiting->toast = toast;
  show_waiting_toast_cb (waiting);
}

static gboolean
dismiss_after_action_cb (gpointer user_data)
{
  g_autoptr(AdwToast) toast = user_data;

  dismiss_once (toast);
  return G_SOURCE_REMOVE;
}

/* Dismisses a toast added with _mdg_add_toast(), shown or still waiting to be. */
void
_mdg_dismiss_toast (AdwToast *toast)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  dismiss_once (toast);
}

/*
 * Dismisses a toast whose action has just run: after the toast's own button, which
 * dismisses its toast from an idle callback once the action ran.
 */
void
_mdg_dismiss_toast_after_action (AdwToast *toast)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_idle_add_full (G_PRIORITY_LOW, dismiss_after_action_cb, g_object_ref (toast), NULL);
}

/*
 * A write that takes longer than a moment is waiting for another writer (an import in
 * another Madoguchi, say). The window says so while it waits: the watch turns the
 * window's win.waiting notice on after a short delay, and off when the write is done.
 */
#define WAIT_NOTICE_DELAY_MS 400

struct _MdgWriteWatch
{
  GWeakRef  widget;
  guint     timeout_id;
  gboolean  shown;
};

static void
show_waiting (gpointer user_data)
{
  MdgWriteWatch *watch = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&watch->widget);

  watch->timeout_id = 0;
  if (widget != NULL)
    {
      watch->shown = TRUE;
      gtk_widget_activate_action (widget, "win.waiting", "b", TRUE);
    }
}

/* Returns: (transfer full): a watch over a write just started from @widget, for its callback */
MdgWriteWatch *
_mdg_write_watch_new (GtkWidget *widget)
{
  MdgWriteWatch *watch = g_new0 (MdgWriteWatch, 1);

  g_weak_ref_init (&watch->widget, widget);
  watch->timeout_id = g_timeout_add_once (WAIT_NOTICE_DELAY_MS, show_waiting, watch);
  return watch;
}

/**
 * _mdg_write_watch_finish:
 * @watch: (transfer full): the watch given as the write's user data
 *
 * The write is over, done or failed: the notice goes, and so does @watch. Writes
 * are never cancelled (what the user asked for is written even when the window has
 * gone meanwhile); the callback finds out here whether its widget is still there.
 *
 * Returns: (transfer full) (nullable): the widget that started the write, or %NULL
 *   when it is gone
 */
GtkWidget *
_mdg_write_watch_finish (MdgWriteWatch *watch)
{
  GtkWidget *widget;

  g_return_val_if_fail (watch != NULL, NULL);

  g_clear_handle_id (&watch->timeout_id, g_source_remove);
  widget = g_weak_ref_get (&watch->widget);
  if (watch->shown && widget != NULL)
    gtk_widget_activate_action (widget, "win.waiting", "b", FALSE);
  g_weak_ref_clear (&watch->widget);
  g_free (watch);
  return widget;
}

/* Returns: (transfer full): "後藤 和也様" — the name with the honorific the desk uses */
char *
_mdg_format_honorific (const char *name)
{
  /* Translators: a person's name with the polite honorific, e.g. "後藤 和也様"; "%s" alone in English */
  return g_strdup_printf (C_("person", "%s"), name ? name : "");
}

/* A line of a record shown (its .ui turns the row's markup off): its value, or no
 * line at all when there is none. */
void
_mdg_action_row_show_text (AdwActionRow *row,
                           const char   *text)
{
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL && *text != '\0');
  adw_action_row_set_subtitle (row, text ? text : "");
}

/* Returns: (transfer full) (nullable): a reading as shown in the window: in katakana (フリガナ) */
char *
_mdg_format_reading (const char *reading)
{
  GString *out;

  if (reading == NULL || *reading == '\0')
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = reading; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* ぁ…ゖ and ゝゞ sit 0x60 below their katakana. */
      if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
        c += 0x60;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * _mdg_keep_last_line_attrs:
 * @text: (nullable): a title or a short text that may wrap
 *
 * Japanese wraps between any two characters, so a title can end on a line of its
 * own with one character (「…被害を防」「ぐ」). These attributes forbid line breaks
 * inside the last run of up to four characters without a space, so that the last
 * line keeps a few; the text itself is unchanged (a selected title copies as it is).
 * Text that ends in a word of a spaced language wraps as before: a word is not
 * broken anyway.
 *
 * Returns: (transfer full) (nullable): the attributes, %NULL when there is nothing to keep
 */
PangoAttrList *
_mdg_keep_last_line_attrs (const char *text)
{
  const guint kept = 4;
  const char *start, *end;
  PangoAttrList *attrs;
  PangoAttribute *attr;
  guint n = 0;

  if (text == NULL)
    return NULL;

  end = text + strlen (text);
  start = end;
  while (start > text && n < kept)
    {
      const char *previous = g_utf8_find_prev_char (text, start);

      if (g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      start = previous;
      n++;
    }
  if (n < 2)
    return NULL;

  attrs = pango_attr_list_new ();
  attr = pango_attr_allow_breaks_new (FALSE);
  attr->start_index = start - text;
  attr->end_index = end - text;
  pango_attr_list_insert (attrs, attr);
  return attrs;
}

static void
keep_last_line_cb (GtkLabel *label)
{
  PangoAttrList *attrs = _mdg_keep_last_line_attrs (gtk_label_get_text (label));

  gtk_label_set_attributes (label, attrs);
  g_clear_pointer (&attrs, pango_attr_list_unref);
}

/* Keeps the last characters of @label's text together, whatever text it gets (see
 * _mdg_keep_last_line_attrs()). For labels whose text is plain, not markup. */
void
_mdg_label_keep_last_line (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  g_signal_connect (label, "notify::label", G_CALLBACK (keep_last_line_cb), NULL);
  keep_last_line_cb (label);
}

typedef struct
{
  GWeakRef        widget;
  MdgWriteWatch  *watch;
  MdgWorkFunc     func;
  gpointer        data;
  GDestroyNotify  data_free;
  MdgWorkDoneFunc done;
} WorkJob;

static void
work_job_free (WorkJob *job)
{
  g_weak_ref_clear (&job->widget);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static gboolean
work_job_run (MdgDatabase  *connection,
              gpointer      data,
              GError      **error)
{
  WorkJob *job = data;

  return job->func (connection, job->data, error);
}

static void
work_job_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WorkJob *job = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&job->widget);
  g_autoptr(GError) error = NULL;

  if (job->watch != NULL)
    {
      GtkWidget *watched = _mdg_write_watch_finish (g_steal_pointer (&job->watch));

      g_clear_object (&watched);
    }
  if (!mdg_database_work_finish (MDG_DATABASE (source), result, work_job_run, &error))
    {
      if (widget != NULL)
        _mdg_toast_error (widget, error);
      return;
    }
  if (widget != NULL && job->done != NULL)
    job->done (widget, job->data);
}

/**
 * _mdg_work_async:
 * @widget: the widget the work is for
 * @db: the database; @func gets a worker's own connection
 * @func: the work, run in a worker thread: it touches no widget
 * @data: (transfer full): what @func reads and fills
 * @data_free: (nullable): frees @data, after @done
 * @done: (nullable): called in the main thread when @func succeeded and @widget still exists
 * @writes: whether @func writes (then a wait for another writer shows in the window)
 *
 * When @func fails, its error is a toast from @widget.
 */
void
_mdg_work_async (GtkWidget      *widget,
                 MdgDatabase    *db,
                 MdgWorkFunc     func,
                 gpointer        data,
                 GDestroyNotify  data_free,
                 MdgWorkDoneFunc done,
                 gboolean        writes)
{
  WorkJob *job = g_new0 (WorkJob, 1);

  g_weak_ref_init (&job->widget, widget);
  job->watch = writes ? _mdg_write_watch_new (widget) : NULL;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->done = done;
  mdg_database_work_async (db, work_job_run, job, (GDestroyNotify) work_job_free, work_job_run, NULL,
                           work_job_done_cb, job);
}

/*
 * The window's first frame
 *
 * Until the window has painted once, a person looks at nothing: what can wait until
 * then (a list that arrives before that frame, the start-up check) waits, and the
 * first frame shows the window as it opens. The frame clock's counter is -1 until its
 * first frame begins.
 */

/* Returns: whether @widget's window is shown but has not painted its first frame yet */
gboolean
_mdg_first_frame_pending (GtkWidget *widget)
{
  GtkWidget *root;
  GdkFrameClock *clock;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  root = GTK_WIDGET (gtk_widget_get_root (widget));
  if (root == NULL || !gtk_widget_get_visible (root))
    return FALSE;
  clock = gtk_widget_get_frame_clock (root);
  return clock == NULL || gdk_frame_clock_get_frame_counter (clock) < 0;
}

typedef struct
{
  GtkWidget         *widget;     /* not owned: it watches the closures */
  MdgFirstFrameFunc  func;
  gpointer           user_data;
  gpointer           instance;   /* the window or its frame clock, which @handler is on */
  gulong             handler;
} FirstFrameWait;

static void
first_frame_wait_free (gpointer  data,
                       GClosure *closure)
{
  g_free (data);
}

/* Connects @callback (swapped: @wait first) on @instance for as long as @wait->widget
 * lives; disconnecting frees @wait. */
static void
first_frame_wait_on (FirstFrameWait *wait,
                     gpointer        instance,
                     const char     *signal,
                     GCallback       callback)
{
  GClosure *closure = g_cclosure_new_swap (callback, wait, first_frame_wait_free);

  g_object_watch_closure (G_OBJECT (wait->widget), closure);
  wait->instance = instance;
  wait->handler = g_signal_connect_closure (instance, signal, closure, FALSE);
}

static void
first_frame_painted_cb (FirstFrameWait *wait,
                        GdkFrameClock  *clock)
{
  GtkWidget *widget = wait->widget;
  MdgFirstFrameFunc func = wait->func;
  gpointer user_data = wait->user_data;

  g_signal_handler_disconnect (wait->instance, wait->handler);
  /* Not for a widget taken out of its window meanwhile (its window is closing). */
  if (gtk_widget_get_root (widget) != NULL)
    func (widget, user_data);
}

static void
first_frame_mapped_cb (FirstFrameWait *wait,
                       GtkWidget      *root)
{
  FirstFrameWait *next = g_memdup2 (wait, sizeof *wait);

  g_signal_handler_disconnect (wait->instance, wait->handler);
  first_frame_wait_on (next, gtk_widget_get_frame_clock (root), "after-paint", G_CALLBACK (first_frame_painted_cb));
}

/**
 * _mdg_after_first_frame:
 * @widget: a widget in a window
 * @func: called with @widget and @user_data once the window has painted its first frame
 * @user_data: not owned: it must live as long as @widget
 *
 * Calls @func at once when the first frame is no longer pending
 * (_mdg_first_frame_pending()), else after that frame; never after @widget is gone.
 */
void
_mdg_after_first_frame (GtkWidget         *widget,
                        MdgFirstFrameFunc  func,
                        gpointer           user_data)
{
  GtkWidget *root;
  FirstFrameWait *wait;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  if (!_mdg_first_frame_pending (widget))
    {
      func (widget, user_data);
      return;
    }

  root = GTK_WIDGET (gtk_widget_get_root (widget));
  wait = g_new0 (FirstFrameWait, 1);
  wait->widget = widget;
  wait->func = func;
  wait->user_data = user_data;
  if (gtk_widget_get_mapped (root) && gtk_widget_get_frame_clock (root) != NULL)
    first_frame_wait_on (wait, gtk_widget_get_frame_clock (root), "after-paint", G_CALLBACK (first_frame_painted_cb));
  else
    first_frame_wait_on (wait, root, "map", G_CALLBACK (first_frame_mapped_cb));
}

/* Returns: (transfer floating): the title of a record list's row: up to two lines */
GtkWidget *
_mdg_list_row_title_new (void)
{
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  return title;
}

/* Returns: (transfer floating): a record list's row: @top (its title, or a box holding
 * it), then a dim caption line (the next sibling of @top) that says more. */
GtkWidget *
_mdg_list_row_new (GtkWidget *top)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), meta);
  return box;
}

/* Cancels the read @cancellable was for and gives a new one in its place.
 * Returns: (transfer none): the new one */
GCancellable *
_mdg_cancellable_renew (GCancellable **cancellable)
{
  _mdg_cancellable_clear (cancellable);
  *cancellable = g_cancellable_new ();
  return *cancellable;
}

/* Cancels the read @cancellable was for (if any), and clears it. */
void
_mdg_cancellable_clear (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void grid_model_cb (GtkGridView *grid);

static gboolean
settle_grid_cb (GtkWidget     *grid,
                GdkFrameClock *clock,
                gpointer       data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (grid)));
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  double row_height;
  guint top;

  /* Emptied since (a search, a reload): wait until it can scroll again. */
  if (n_items == 0 || gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) + 1)
    {
      grid_model_cb (GTK_GRID_VIEW (grid));
      return G_SOURCE_REMOVE;
    }
  /* The first row wholly in view: scrolling to it moves nothing. */
  row_height = gtk_adjustment_get_upper (adjustment) / n_items;
  top = MIN ((guint) ceil (gtk_adjustment_get_value (adjustment) / row_height), n_items - 1);
  gtk_widget_activate_action (grid, "list.scroll-to-item", "u", top);
  return G_SOURCE_REMOVE;
}

static void
grid_scrollable_cb (GtkAdjustment *adjustment,
                    GtkWidget     *grid)
{
  if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) + 1)
    return;
  g_signal_handlers_disconnect_by_func (adjustment, grid_scrollable_cb, grid);
  gtk_widget_add_tick_callback (grid, settle_grid_cb, NULL, NULL);
}

static void
grid_model_cb (GtkGridView *grid)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));

  if (adjustment == NULL)
    return;
  g_signal_handlers_disconnect_by_func (adjustment, grid_scrollable_cb, grid);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (grid_scrollable_cb), grid, 0);
}

/*
 * A record list is a one-column GtkGridView whose rows are all one height
 * (mdg-row-layout.c explains why). GTK 4.8's grid view ignores the first scroll it
 * sees after it is given a model: it keeps the rows it had, now out of sight, and shows
 * nothing until it is scrolled again. When that first scroll is a jump (a click in the
 * scroll bar's trough, its slider dragged at once), the list looks empty. Any scroll
 * before that puts it right, even one that moves nothing: so in the frame after a
 * record list can first scroll, before a person can, it scrolls to the row at its top.
 */
void
_mdg_record_grid_init (GtkGridView *grid)
{
  g_signal_connect (grid, "notify::model", G_CALLBACK (grid_model_cb), NULL);
  g_signal_connect (grid, "notify::vadjustment", G_CALLBACK (grid_model_cb), NULL);
  grid_model_cb (grid);
}

/*
 * Measures the children of @widget that take part in its layout, along @orientation at
 * no given size: the largest minimum and natural sizes, and the sum of the natural sizes
 * with @spacing between them. Any of the results may be %NULL.
 */
void
_mdg_measure_children (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             spacing,
                       int            *max_minimum,
                       int            *max_natural,
                       int            *sum_natural)
{
  int max_min = 0, max_nat = 0, sum_nat = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      max_min = MAX (max_min, child_min);
      max_nat = MAX (max_nat, child_nat);
      sum_nat += (sum_nat > 0 ? spacing : 0) + child_nat;
    }
  if (max_minimum != NULL)
    *max_minimum = max_min;
  if (max_natural != NULL)
    *max_natural = max_nat;
  if (sum_natural != NULL)
    *sum_natural = sum_nat;
}

static void
open_on_click_released_cb (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           AdwLeaflet      *leaflet)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *row;
  GtkSelectionModel *model;
  GtkBitset *selection;

  if (n_press != 1 || !adw_leaflet_get_folded (leaflet))
    return;
  row = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  while (row != NULL && row != list && gtk_widget_get_parent (row) != list)
    row = gtk_widget_get_parent (row);
  /* The row's own click has selected it by now. Space below the rows, and rows that
   * cannot be selected (headings), open nothing. */
  if (row == NULL || row == list || !(gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED))
    return;
  model = GTK_IS_GRID_VIEW (list) ? gtk_grid_view_get_model (GTK_GRID_VIEW (list))
                                  : gtk_list_view_get_model (GTK_LIST_VIEW (list));
  selection = gtk_selection_model_get_selection (model);
  if (!gtk_bitset_is_empty (selection))
    gtk_widget_activate_action (list, "list.activate-item", "u", gtk_bitset_get_minimum (selection));
  gtk_bitset_unref (selection);
}

/*
 * While @leaflet is folded, one click (or tap) on a row of @list (a GtkListView or
 * GtkGridView of single selection) activates the row, as in Settings and Contacts:
 * the list's "activate" handler opens the detail. The keyboard is unchanged: arrows
 * move through the list, Enter opens. GTK 4.8's single-click-activate is not used
 * because it also selects the row under a hovering pointer.
 */
void
_mdg_list_open_on_click (GtkWidget  *list,
                         AdwLeaflet *leaflet)
{
  GtkGesture *gesture = gtk_gesture_click_new ();

  g_return_if_fail (GTK_IS_LIST_VIEW (list) || GTK_IS_GRID_VIEW (list));
  g_return_if_fail (ADW_IS_LEAFLET (leaflet));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "released", G_CALLBACK (open_on_click_released_cb), leaflet, 0);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (gesture));
}

/*
 * Shows @child of @leaflet. Folded, that is going to it, and the keyboard goes with it,
 * as AdwLeaflet does. Unfolded, both sides are on screen already: @child is only what
 * shows if the leaflet folds later, and the keyboard stays where it was — AdwLeaflet
 * would move it into @child, so that a row chosen in a list would leave the list and
 * the next arrow key or Enter act on the detail's buttons.
 */
void
_mdg_leaflet_show (AdwLeaflet *leaflet,
                   GtkWidget  *child)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (leaflet));
  g_autoptr(GtkWidget) focus = NULL;

  if (!adw_leaflet_get_folded (leaflet) && root != NULL && gtk_root_get_focus (root) != NULL)
    focus = g_object_ref (gtk_root_get_focus (root));
  adw_leaflet_set_visible_child (leaflet, child);
  if (focus != NULL && gtk_widget_get_root (focus) == root && gtk_widget_get_mapped (focus) &&
      gtk_root_get_focus (root) != focus)
    gtk_widget_grab_focus (focus);
}
