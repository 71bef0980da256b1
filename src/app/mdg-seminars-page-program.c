/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminars-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-date.h"
#include "mdg-program-item-editor.h"
#include "mdg-program-row.h"
#include "mdg-seminars-page-private.h"
#include "mdg-store-async.h"

/*
 * The program of the seminar on display: its items in order with their computed
 * times (MdgProgramRow over a GListStore), the warning when they run past the end,
 * and the actions that add, edit, move and remove items.
 */

static MdgDatabase *
get_database (MdgSeminarsPage *self)
{
  return mdg_section_get_database (MDG_SECTION (self));
}

static GtkWidget *
create_program_row (gpointer item,
                    gpointer user_data)
{
  MdgSeminarsPage *self = user_data;
  guint position = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->program));

  g_list_store_find (self->program, item, &position);
  return mdg_program_row_new (item, position == 0, position + 1 >= n);
}

static void
show_summary (MdgSeminarsPage *self,
              int              overrun)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->program));
  guint planned = 0;
  guint available;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgProgramItem) item = g_list_model_get_item (G_LIST_MODEL (self->program), i);
      planned += mdg_program_item_get_minutes (item);
    }
  available = (guint) (g_date_time_difference (mdg_seminar_get_ends_at (self->selected),
                                               mdg_seminar_get_starts_at (self->selected)) / G_TIME_SPAN_MINUTE);

  gtk_widget_set_visible (self->overrun_box, overrun > 0);
  if (overrun > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The program runs %d minute past the seminar’s end.",
                                                            "The program runs %d minutes past the seminar’s end.",
                                                            overrun),
                                               overrun);
      gtk_label_set_text (self->overrun_label, text);
    }

  {
    g_autofree char *used = mdg_duration_format (planned);
    g_autofree char *total = mdg_duration_format (available);
    /* Translators: how much of the seminar's time the program fills, e.g. "2 h of 2 h 30 min planned" */
    g_autofree char *summary = g_strdup_printf (_("%s of %s planned"), used, total);

    gtk_label_set_text (self->program_summary, summary);
    gtk_widget_set_visible (GTK_WIDGET (self->program_summary), n > 0);
  }
}

static void
program_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) program = mdg_program_store_list_finish (MDG_DATABASE (source), result, &error);
  MdgSeminarsPage *self;
  int overrun;

  if (program == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* another seminar is on display, or the page is gone */
  self = MDG_SEMINARS_PAGE (user_data);
  if (program == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }

  overrun = mdg_program_schedule (program, mdg_seminar_get_starts_at (self->selected),
                                  mdg_seminar_get_ends_at (self->selected));
  g_list_store_splice (self->program, 0, g_list_model_get_n_items (G_LIST_MODEL (self->program)),
                       program->pdata, program->len);
  show_summary (self, overrun);
}

/* Reads the program of the seminar on display in a worker. */
void
_mdg_seminars_page_load_program (MdgSeminarsPage *self)
{
  if (self->selected == NULL)
    return;
  mdg_program_store_list_async (get_database (self), mdg_seminar_get_id (self->selected), self->seminar_cancellable,
                                program_loaded_cb, self);
}

static MdgProgramItem *
find_program_item (MdgSeminarsPage *self,
                   gint64           id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->program));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgProgramItem) item = g_list_model_get_item (G_LIST_MODEL (self->program), i);

      if (mdg_program_item_get_id (item) == id)
        return item; /* the store holds it */
    }
  return NULL;
}

static void
program_saved_cb (MdgSeminarsPage *self)
{
  _mdg_seminars_page_load_program (self);
}

static void
open_program_item_editor (MdgSeminarsPage *self,
                          MdgProgramItem  *item)
{
  GtkWidget *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  editor = mdg_program_item_editor_new (get_database (self), mdg_seminar_get_id (self->selected), item);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (program_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
program_row_activated_cb (MdgSeminarsPage *self,
                          GtkListBoxRow   *row)
{
  if (MDG_IS_PROGRAM_ROW (row) && self->selected != NULL)
    open_program_item_editor (self, mdg_program_row_get_item (MDG_PROGRAM_ROW (row)));
}

static void
add_program_item_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  if (self->selected != NULL)
    open_program_item_editor (self, NULL);
}

/* Moved or removed: read the program again, or say why not. */
static void
program_changed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  gboolean done = g_async_result_is_tagged (result, mdg_program_store_move_async)
                    ? mdg_program_store_move_finish (MDG_DATABASE (source), result, &error)
                    : mdg_program_store_delete_finish (MDG_DATABASE (source), result, &error);

  if (!done && widget != NULL)
    _mdg_toast_error (widget, error);
  if (widget != NULL)
    _mdg_seminars_page_load_program (MDG_SEMINARS_PAGE (widget));
}

static void
move_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  MdgProgramItem *item;
  gint64 id;
  int delta;

  g_variant_get (parameter, "(xi)", &id, &delta);
  if ((item = find_program_item (self, id)) == NULL || (delta != -1 && delta != 1))
    return;
  mdg_program_store_move_async (get_database (self), item, delta, NULL, program_changed_cb,
                                _mdg_write_watch_new (widget));
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  MdgProgramItem *item = find_program_item (self, g_variant_get_int64 (parameter));

  if (item == NULL)
    return;
  mdg_program_store_delete_async (get_database (self), item, NULL, program_changed_cb, _mdg_write_watch_new (widget));
}

void
_mdg_seminars_page_class_init_program (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "seminars.add-program-item", NULL, add_program_item_action);
  gtk_widget_class_install_action (widget_class, "seminars.move-item", "(xi)", move_item_action);
  gtk_widget_class_install_action (widget_class, "seminars.remove-item", "x", remove_item_action);
}

void
_mdg_seminars_page_init_program (MdgSeminarsPage *self)
{
  GtkWidget *placeholder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (_("No program yet. Add the presentations, consultation slots, questions and breaks, in order."));
  GtkWidget *button = gtk_button_new_with_label (_("Add the First Item"));

  self->program = g_list_store_new (MDG_TYPE_PROGRAM_ITEM);
  g_signal_connect_object (self->program_list, "row-activated", G_CALLBACK (program_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->program_list, G_LIST_MODEL (self->program), create_program_row, self, NULL);

  /* An empty program says so, with the button that fills it. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_name (button, "program-placeholder-add");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "seminars.add-program-item");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small-pill");
  gtk_box_append (GTK_BOX (placeholder), label);
  gtk_box_append (GTK_BOX (placeholder), button);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->program_list, placeholder);
}
