/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-app-util"

#include "config.h"

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

static void
toast_gone_cb (AdwToast  *toast,
               GtkWidget *overlay)
{
  GPtrArray *shown = g_object_get_data (G_OBJECT (overlay), "mdg-toasts");

  if (shown != NULL)
    g_ptr_array_remove (shown, toast);
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
 * A new toast replaces the one shown (whose Undo, if any, is then over): one toast
 * at a time, the newest. Toasts are never pushed back into the overlay's queue by a
 * higher priority, which libadwaita 1.2 shows twice and aborts on
 * (adw-toast-overlay.c, show_toast: !info->widget).
 */
void
_mdg_add_toast (GtkWidget *widget,
                AdwToast  *toast)
{
  GtkWidget *overlay;
  GPtrArray *shown;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
    }

  shown = g_object_get_data (G_OBJECT (overlay), "mdg-toasts");
  if (shown == NULL)
    {
      shown = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (overlay), "mdg-toasts", shown, (GDestroyNotify) g_ptr_array_unref);
    }
  while (shown->len > 0)
    {
      g_autoptr(AdwToast) old = g_ptr_array_steal_index (shown, 0);

      _mdg_dismiss_toast (old);
    }
  g_ptr_array_add (shown, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_gone_cb), overlay, 0);

  g_object_set_data (G_OBJECT (toast), "mdg-added-at", GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/*
 * libadwaita 1.2 crashes when a toast is dismissed while its overlay still animates
 * it in (GNOME/libadwaita 1.2.0, adw-toast-overlay.c): a toast undone by Ctrl+Z at
 * once waits until it is fully shown.
 */
#define TOAST_SHOWN_US (600 * G_TIME_SPAN_MILLISECOND)

static void
dismiss_later_cb (gpointer user_data)
{
  g_autoptr(AdwToast) toast = user_data;

  adw_toast_dismiss (toast);
}

/* Dismisses a toast added with _mdg_add_toast(), now or once its overlay has shown it. */
void
_mdg_dismiss_toast (AdwToast *toast)
{
  gint64 added_at = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "mdg-added-at"));
  gint64 shown_for = g_get_monotonic_time () - added_at;

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (added_at == 0 || shown_for >= TOAST_SHOWN_US)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_once ((TOAST_SHOWN_US - shown_for) / G_TIME_SPAN_MILLISECOND + 1, dismiss_later_cb,
                        g_object_ref (toast));
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
