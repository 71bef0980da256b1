/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminars-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-date.h"
#include "mdg-program-item-editor.h"
#include "mdg-seminar-store.h"
#include "mdg-seminars-page-private.h"
#include "mdg-window.h"

/*
 * The program of the seminar on display: its items in order with their computed
 * times, the warning when they run past the end, and the actions that add, edit,
 * move and remove items.
 */

static char *
format_program_item_subtitle (MdgProgramItem *item)
{
  const char *presenter = mdg_program_item_get_presenter (item);
  const char *deck = mdg_program_item_get_deck_title (item);
  g_autofree char *duration = mdg_duration_format (mdg_program_item_get_minutes (item));
  GString *text = g_string_new (NULL);

  /* An untitled break is titled "Break" already: say its kind only when the title does not. */
  if (mdg_program_item_get_title (item) != NULL || deck != NULL)
    g_string_append_printf (text, "%s · ", mdg_program_kind_get_label (mdg_program_item_get_kind (item)));
  g_string_append (text, duration);
  if (presenter != NULL)
    g_string_append_printf (text, " · %s", presenter);
  if (deck != NULL && mdg_program_item_get_title (item) != NULL)
    g_string_append_printf (text, " · %s", deck);
  return g_string_free (text, FALSE);
}

static GtkWidget *
create_item_button (const char *icon,
                    const char *tooltip,
                    const char *action,
                    gint64      item_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (item_id));
  return button;
}

void
_mdg_seminars_page_show_program (MdgSeminarsPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint planned = 0;
  guint available;
  int overrun;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->program_list))) != NULL)
    gtk_list_box_remove (self->program_list, child);
  g_clear_pointer (&self->program, g_ptr_array_unref);

  if (self->selected == NULL)
    return;

  self->program = mdg_program_store_list (self->database, mdg_seminar_get_id (self->selected), &error);
  if (self->program == NULL)
    {
      _mdg_seminars_page_toast (self, error->message);
      return;
    }

  overrun = mdg_program_schedule (self->program, mdg_seminar_get_starts_at (self->selected),
                                  mdg_seminar_get_ends_at (self->selected));

  for (guint i = 0; i < self->program->len; i++)
    {
      MdgProgramItem *item = g_ptr_array_index (self->program, i);
      g_autofree char *title = mdg_program_item_dup_display_title (item);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *subtitle = format_program_item_subtitle (item);
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
      g_autofree char *from = mdg_time_format (mdg_program_item_get_starts_at (item));
      g_autofree char *to = mdg_time_format (mdg_program_item_get_ends_at (item));
      g_autofree char *times = g_strdup_printf ("%s–%s", from, to);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *time_label = gtk_label_new (times);
      GtkWidget *up, *down, *remove;
      gint64 id = mdg_program_item_get_id (item);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Edit this item"));

      gtk_widget_add_css_class (time_label, "numeric");
      gtk_widget_add_css_class (time_label, "program-time");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), time_label);

      up = create_item_button ("go-up-symbolic", _("Move Up"), "seminars.move-item", id);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (up), "(xi)", id, -1);
      down = create_item_button ("go-down-symbolic", _("Move Down"), "seminars.move-item", id);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (down), "(xi)", id, 1);
      remove = create_item_button ("user-trash-symbolic", _("Remove"), "seminars.remove-item", id);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->program->len);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->program_list, row);
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
    gtk_widget_set_visible (GTK_WIDGET (self->program_summary), self->program->len > 0);
  }
}

static MdgProgramItem *
find_program_item (MdgSeminarsPage *self,
                   gint64           id)
{
  for (guint i = 0; self->program && i < self->program->len; i++)
    if (mdg_program_item_get_id (g_ptr_array_index (self->program, i)) == id)
      return g_ptr_array_index (self->program, i);
  return NULL;
}

static void
program_saved_cb (MdgSeminarsPage *self)
{
  _mdg_seminars_page_show_program (self);
}

static void
open_program_item_editor (MdgSeminarsPage *self,
                          MdgProgramItem  *item)
{
  GtkWidget *editor;

  editor = mdg_program_item_editor_new (self->database, mdg_seminar_get_id (self->selected), item);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (_mdg_seminars_page_get_window (self)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (program_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
_mdg_seminars_page_program_row_activated (MdgSeminarsPage *self,
                                          GtkListBoxRow   *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->program != NULL && index >= 0 && (guint) index < self->program->len)
    open_program_item_editor (self, g_ptr_array_index (self->program, index));
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

static void
move_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  MdgProgramItem *item;
  gint64 id;
  int delta;

  g_variant_get (parameter, "(xi)", &id, &delta);
  if ((item = find_program_item (self, id)) == NULL)
    return;
  if (!mdg_program_store_move (self->database, item, delta, &error))
    _mdg_seminars_page_toast (self, error->message);
  _mdg_seminars_page_show_program (self);
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  MdgProgramItem *item = find_program_item (self, g_variant_get_int64 (parameter));

  if (item == NULL)
    return;
  if (!mdg_program_store_delete (self->database, item, &error))
    _mdg_seminars_page_toast (self, error->message);
  _mdg_seminars_page_show_program (self);
}

void
_mdg_seminars_page_class_init_program (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "seminars.add-program-item", NULL, add_program_item_action);
  gtk_widget_class_install_action (widget_class, "seminars.move-item", "(xi)", move_item_action);
  gtk_widget_class_install_action (widget_class, "seminars.remove-item", "x", remove_item_action);
}
