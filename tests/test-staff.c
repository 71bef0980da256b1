/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-staff"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mdg-category.h"
#include "mdg-seminars-page.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"
#include "mdg-window-test-util.h"

/*
 * The desk's staff in Preferences, on a real database: opened from the main menu, a
 * specialist added by typing their name and ticking an area, edited, and removed (made
 * inactive: their records keep them), each step read back from the database; the
 * "You Are" row sees every change.
 */

static GPtrArray *
all_staff (WindowFixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *staff = mdg_staff_store_list (f->db, TRUE, &error);

  g_assert_no_error (error);
  return staff;
}

static guint
count_staff (WindowFixture *f)
{
  g_autoptr(GPtrArray) staff = all_staff (f);

  return staff->len;
}

static MdgStaff *
load (WindowFixture *f,
      gint64         id)
{
  g_autoptr(GError) error = NULL;
  MdgStaff *staff = mdg_staff_store_load (f->db, id, &error);

  g_assert_no_error (error);
  return staff;
}

static gboolean
is_active (WindowFixture *f,
           gint64         id)
{
  g_autoptr(MdgStaff) staff = load (f, id);

  return mdg_staff_get_active (staff);
}

static gboolean
has_area (MdgStaff   *staff,
          const char *key)
{
  GPtrArray *areas = mdg_staff_get_areas (staff);

  for (guint i = 0; i < areas->len; i++)
    if (g_str_equal (((MdgCategory *) g_ptr_array_index (areas, i))->key, key))
      return TRUE;
  return FALSE;
}

/* Ticks a check button as a click on it does. */
static void
toggle (GtkWidget *check)
{
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_true (gtk_widget_get_mapped (check));
  g_assert_true (gtk_widget_is_sensitive (check));
  gtk_widget_activate (check);
}

static GtkWidget *
wait_for_editor (void)
{
  GtkWindow *editor = NULL;

  wait_until ((editor = mdg_test_find_toplevel (ADW_TYPE_WINDOW, "staff-editor")) != NULL
              && gtk_widget_get_mapped (GTK_WIDGET (editor)) && gtk_window_is_active (editor));
  return GTK_WIDGET (editor);
}

static guint
current_staff_choices (GtkWidget *preferences)
{
  GtkWidget *row = require_named (preferences, "preferences-current-staff");
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  return model ? g_list_model_get_n_items (model) : 0;
}

static void
test_staff (WindowFixture *f,
            gconstpointer  data)
{
  GtkWindow *preferences = NULL;
  GtkWidget *root, *editor, *save, *page_button;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(MdgStaff) member = NULL;
  g_autofree char *row_name = NULL, *edit_name = NULL, *remove_name = NULL;
  gint64 id;

  mdg_test_choose_menu_item (require_named (GTK_WIDGET (f->window), "main-menu"), "app.preferences");
  wait_until ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL
              && gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  root = GTK_WIDGET (preferences);
  wait_until ((page_button = find_button_with_label (root, _("Staff"))) != NULL);
  click (page_button);
  wait_until (find_named (root, "staff-empty") != NULL && gtk_widget_get_mapped (find_named (root, "staff-empty")));
  g_assert_cmpuint (current_staff_choices (root), ==, 1);

  /* Add: the button is there, the dialog's Add only once a name is typed. */
  click (require_named (root, "staff-add"));
  editor = wait_for_editor ();
  save = require_named (editor, "staff-save");
  g_assert_false (gtk_widget_is_sensitive (save));
  type_text (editor, "Sato Hanako");
  wait_until (gtk_widget_is_sensitive (save));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (editor, "staff-name"))), ==, "Sato Hanako");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (require_named (editor, "staff-role"))), ==,
                    MDG_STAFF_ROLE_SECOND_LINE);
  toggle (require_named (editor, "area-T-RANSOM"));
  screenshot (editor, "staff-editor");
  click (save);
  wait_until (count_staff (f) == 1);

  staff = all_staff (f);
  member = g_object_ref (g_ptr_array_index (staff, 0));
  id = mdg_staff_get_id (member);
  g_assert_cmpstr (mdg_staff_get_name (member), ==, "Sato Hanako");
  g_assert_cmpint (mdg_staff_get_role (member), ==, MDG_STAFF_ROLE_SECOND_LINE);
  g_assert_true (mdg_staff_get_active (member));
  g_assert_cmpuint (mdg_staff_get_areas (member)->len, ==, 1);
  g_assert_true (has_area (member, "T-RANSOM"));

  row_name = g_strdup_printf ("staff-row-%" G_GINT64_FORMAT, id);
  edit_name = g_strdup_printf ("staff-edit-%" G_GINT64_FORMAT, id);
  remove_name = g_strdup_printf ("staff-remove-%" G_GINT64_FORMAT, id);
  wait_until (find_named (root, row_name) != NULL && gtk_widget_get_mapped (find_named (root, row_name)));
  g_assert_null (find_named (root, "staff-empty"));
  /* The "You Are" row offers them now. */
  wait_until (current_staff_choices (root) == 2);
  screenshot (root, "staff-preferences");

  /* An area the dialog does not offer, given on the command line (a guidebook section). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) sections = mdg_category_store_list (f->db, "guidebook", FALSE, &error);
    g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);

    g_assert_no_error (error);
    g_assert_cmpuint (sections->len, >, 0);
    for (guint i = 0; i < mdg_staff_get_areas (member)->len; i++)
      g_ptr_array_add (areas, mdg_category_ref (g_ptr_array_index (mdg_staff_get_areas (member), i)));
    g_ptr_array_add (areas, mdg_category_ref (g_ptr_array_index (sections, 0)));
    mdg_staff_set_areas (member, areas);
    g_assert_true (mdg_staff_store_save (f->db, member, &error));
    g_assert_no_error (error);
  }

  /* Edit: what was saved is shown; another area, another role. */
  click (require_named (root, edit_name));
  editor = wait_for_editor ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (editor, "staff-name"))), ==, "Sato Hanako");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (require_named (editor, "area-T-RANSOM"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (require_named (editor, "area-T-BEC"))));
  toggle (require_named (editor, "area-T-BEC"));
  /* The role's drop-down, chosen as its list would. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (editor, "staff-role")), MDG_STAFF_ROLE_COORDINATOR);
  /* The name field has the focus: "Hanako" becomes "Yuki". */
  press_key (editor, GDK_KEY_End, 0);
  for (guint i = 0; i < strlen ("Hanako"); i++)
    press_key (editor, GDK_KEY_BackSpace, 0);
  type_text (editor, "Yuki");
  wait_until (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (require_named (editor, "staff-name"))), "Sato Yuki"));
  click (require_named (editor, "staff-save"));
  wait_until (mdg_test_find_toplevel (ADW_TYPE_WINDOW, "staff-editor") == NULL);
  g_clear_object (&member);
  member = load (f, id);
  g_assert_cmpstr (mdg_staff_get_name (member), ==, "Sato Yuki");
  g_assert_cmpint (mdg_staff_get_role (member), ==, MDG_STAFF_ROLE_COORDINATOR);
  g_assert_cmpuint (mdg_staff_get_areas (member)->len, ==, 3);
  g_assert_true (has_area (member, "T-BEC"));
  g_assert_cmpuint (count_staff (f), ==, 1);

  /* Remove: they stay in the records, inactive, no longer offered as "You Are". */
  wait_until (find_named (root, remove_name) != NULL && gtk_widget_get_mapped (find_named (root, remove_name)));
  click (require_named (root, remove_name));
  wait_until (!is_active (f, id));
  wait_until (current_staff_choices (root) == 1);
  wait_until (find_named (root, remove_name) == NULL && find_named (root, row_name) != NULL);
  g_assert_cmpuint (count_staff (f), ==, 1);
  /* Nothing else of theirs changed. */
  g_clear_object (&member);
  member = load (f, id);
  g_assert_cmpstr (mdg_staff_get_name (member), ==, "Sato Yuki");
  g_assert_cmpint (mdg_staff_get_role (member), ==, MDG_STAFF_ROLE_COORDINATOR);
  g_assert_cmpuint (mdg_staff_get_areas (member)->len, ==, 3);
  screenshot (root, "staff-removed");
  gtk_window_close (preferences);
}

/* Add Slots… on a desk with nobody: the toast's button opens Preferences at the staff. */
static void
test_from_slots (WindowFixture *f,
                 gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  GtkWidget *group, *button = NULL;
  GtkWindow *preferences = NULL;
  MdgSeminarsPage *seminars;
  gint64 seminar_id;

  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM staff"), ==, 0);
  seminar_id = mdg_test_count (f->db, "SELECT s.id FROM seminar AS s WHERE s.ends_at > strftime('%s', 'now')"
                                      " ORDER BY s.id LIMIT 1");
  g_assert_cmpint (seminar_id, >, 0);
  mdg_window_show_section (f->window, "seminars");
  wait_until (mdg_window_peek_section (f->window, "seminars") != NULL &&
              mdg_seminars_page_get_loaded (MDG_SEMINARS_PAGE (mdg_window_peek_section (f->window, "seminars"))));
  seminars = MDG_SEMINARS_PAGE (mdg_window_peek_section (f->window, "seminars"));
  mdg_seminars_page_select (seminars, seminar_id);
  group = require_named (root, "seminar-slots");
  wait_until (gtk_widget_get_mapped (require_named (group, "slot-add"))
              && gtk_widget_is_sensitive (require_named (group, "slot-add")));
  click (require_named (group, "slot-add"));
  wait_until ((button = find_button_with_action (root, "app.staff")) != NULL && gtk_widget_is_sensitive (button));
  screenshot (root, "staff-needed-toast");
  click (button);
  wait_until ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL
              && gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==, "staff");
  wait_until (find_named (GTK_WIDGET (preferences), "staff-add") != NULL
              && gtk_widget_get_mapped (find_named (GTK_WIDGET (preferences), "staff-add")));
  gtk_window_close (preferences);
}

/* The "You Are" row shows its choice in full at the dialog's own size, in English and
 * in Japanese: the row's title and explanation make room, not the choice. */
static void
test_current_staff_width (WindowFixture *f,
                          gconstpointer  data)
{
  GtkWindow *preferences = NULL;
  GtkWidget *root, *row, *page_button;
  GtkLabel *value = NULL;

  mdg_test_choose_menu_item (require_named (GTK_WIDGET (f->window), "main-menu"), "app.preferences");
  wait_until ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL
              && gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  root = GTK_WIDGET (preferences);
  wait_until ((page_button = find_button_with_label (root, _("Data"))) != NULL);
  click (page_button);
  row = require_named (root, "preferences-current-staff");
  wait_until (gtk_widget_get_mapped (row) && gtk_widget_is_sensitive (row) &&
              (value = GTK_LABEL (find_label (row, _("Nobody Chosen")))) != NULL);
  screenshot (root, "preferences-data");
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (value)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (value)), >=, 1);
  /* The title and the explanation are still read whole, wrapped if need be. */
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (find_label (row, _("You Are"))))));
  gtk_window_close (preferences);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add ("/staff/add-edit-remove", WindowFixture, NULL, fixture_set_up_empty, test_staff, fixture_tear_down);
  g_test_add ("/staff/current-staff-width", WindowFixture, NULL, fixture_set_up_empty, test_current_staff_width,
              fixture_tear_down);
  g_test_add ("/staff/from-add-slots", WindowFixture, NULL, fixture_set_up_sample, test_from_slots, fixture_tear_down);
  return g_test_run ();
}
