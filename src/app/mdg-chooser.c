/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-chooser"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-chooser.h"

/*
 * A small window to choose one record by searching (an FAQ entry for "Insert FAQ
 * Answer…", a consultation for "Attach to Consultation…"): the caller's list function
 * runs in a worker on every change of the search, and activating a record (or Enter in
 * the search, for the first one) hands it to the caller and closes the window.
 */

typedef struct
{
  GWeakRef              widget;       /* the caller: the record goes to it only if it is still there */
  MdgDatabase          *database;
  const MdgChooserKind *kind;
  MdgChosenFunc         func;
  gpointer              user_data;
  GtkStack             *stack;
  GtkListBox           *list;
  char                 *query;
  guint                 generation;   /* of the latest search: older answers are dropped */
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  g_weak_ref_clear (&chooser->widget);
  g_clear_object (&chooser->database);
  g_free (chooser->query);
  g_free (chooser);
}

static GtkWidget *
make_row (Chooser  *chooser,
          GObject  *record)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *first, *second;

  chooser->kind->describe (record, &title, &subtitle);
  first = gtk_label_new (title);
  second = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (first), 0);
  gtk_label_set_wrap (GTK_LABEL (first), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (first), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (first, "heading");
  gtk_label_set_xalign (GTK_LABEL (second), 0);
  gtk_label_set_wrap (GTK_LABEL (second), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (second), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (second), 2);
  gtk_label_set_ellipsize (GTK_LABEL (second), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (second, "dim-label");
  gtk_widget_set_visible (second, subtitle != NULL && *subtitle != '\0');
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "mdg-record", g_object_ref (record), g_object_unref);
  return row;
}

/* One search, run by a worker. */
typedef struct
{
  const MdgChooserKind *kind;
  char                 *query;
  guint                 generation;
  GPtrArray            *records;
} ListWork;

static void
list_work_free (ListWork *work)
{
  g_free (work->query);
  g_clear_pointer (&work->records, g_ptr_array_unref);
  g_free (work);
}

static gboolean
list_work_run (MdgDatabase  *connection,
               gpointer      data,
               GError      **error)
{
  ListWork *work = data;

  return (work->records = work->kind->list (connection, work->query, error)) != NULL;
}

static void
listed (GtkWidget *window,
        gpointer   data)
{
  ListWork *work = data;
  Chooser *chooser = g_object_get_data (G_OBJECT (window), "mdg-chooser");
  GtkWidget *child;

  if (chooser == NULL || work->generation != chooser->generation)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (chooser->list))) != NULL)
    gtk_list_box_remove (chooser->list, child);
  for (guint i = 0; i < work->records->len; i++)
    gtk_list_box_append (chooser->list, make_row (chooser, g_ptr_array_index (work->records, i)));
  gtk_stack_set_visible_child_name (chooser->stack, work->records->len > 0 ? "list"
                                                    : chooser->query && *chooser->query ? "no-results" : "empty");
}

static void
reload (GtkWindow *window,
        Chooser   *chooser)
{
  ListWork *work = g_new0 (ListWork, 1);

  work->kind = chooser->kind;
  work->query = chooser->query && *chooser->query ? g_strdup (chooser->query) : NULL;
  work->generation = ++chooser->generation;
  _mdg_work_async (GTK_WIDGET (window), chooser->database, list_work_run, work, (GDestroyNotify) list_work_free,
                   listed, FALSE);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   GtkWindow      *window)
{
  Chooser *chooser = g_object_get_data (G_OBJECT (window), "mdg-chooser");

  g_free (chooser->query);
  chooser->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  reload (window, chooser);
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  GtkWindow     *window)
{
  Chooser *chooser = g_object_get_data (G_OBJECT (window), "mdg-chooser");
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&chooser->widget);
  gpointer record = g_object_get_data (G_OBJECT (row), "mdg-record");

  if (widget != NULL && record != NULL)
    chooser->func (widget, record, chooser->user_data);
  gtk_window_destroy (window);
}

static void
activate_first_cb (GtkSearchEntry *entry,
                   GtkWindow      *window)
{
  Chooser *chooser = g_object_get_data (G_OBJECT (window), "mdg-chooser");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (chooser->list, 0);

  /* Enter in the search takes the best match, as a person expects of a chooser. */
  if (row != NULL && g_str_equal (gtk_stack_get_visible_child_name (chooser->stack), "list"))
    row_activated_cb (chooser->list, row, window);
}

static GtkWidget *
status_page (const char *icon,
             const char *title,
             const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  gtk_widget_add_css_class (page, "compact");
  return page;
}

/**
 * _mdg_chooser_present:
 * @widget: the widget asking (its window becomes the chooser's parent)
 * @database: the database the records are in
 * @kind: (not nullable): what is chosen; static, it outlives the chooser
 * @func: called with the chosen record
 * @user_data: for @func
 *
 * Returns: (transfer none): the chooser's window, already shown
 */
GtkWindow *
_mdg_chooser_present (GtkWidget            *widget,
                      MdgDatabase          *database,
                      const MdgChooserKind *kind,
                      MdgChosenFunc         func,
                      gpointer              user_data)
{
  Chooser *chooser = g_new0 (Chooser, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  g_weak_ref_init (&chooser->widget, widget);
  chooser->database = g_object_ref (database);
  chooser->kind = kind;
  chooser->func = func;
  chooser->user_data = user_data;
  chooser->stack = GTK_STACK (gtk_stack_new ());
  chooser->list = GTK_LIST_BOX (list);
  g_object_set_data_full (G_OBJECT (window), "mdg-chooser", chooser, (GDestroyNotify) chooser_free);

  gtk_window_set_title (GTK_WINDOW (window), kind->title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 560);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  gtk_widget_set_name (search, "chooser-search");
  /* gtk_search_entry_set_placeholder_text() is newer than GTK 4.8. */
  g_object_set (search, "placeholder-text", kind->placeholder, NULL);
  gtk_widget_set_margin_start (search, 12);
  gtk_widget_set_margin_end (search, 12);
  gtk_widget_set_margin_top (search, 6);
  gtk_widget_set_margin_bottom (search, 6);
  g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb), window);
  g_signal_connect (search, "activate", G_CALLBACK (activate_first_cb), window);

  gtk_widget_set_name (list, "chooser-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), window);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  gtk_widget_set_vexpand (GTK_WIDGET (chooser->stack), TRUE);
  gtk_stack_add_named (chooser->stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "loading");
  gtk_stack_add_named (chooser->stack, scrolled, "list");
  gtk_stack_add_named (chooser->stack, status_page (kind->empty_icon, kind->empty_title, kind->empty_description),
                       "empty");
  gtk_stack_add_named (chooser->stack, status_page ("system-search-symbolic", _("No Results"), NULL), "no-results");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chooser->stack));
  adw_window_set_content (ADW_WINDOW (window), box);

  /* Escape closes it, wherever the focus is. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (window, shortcuts);

  reload (GTK_WINDOW (window), chooser);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (search);
  return GTK_WINDOW (window);
}
