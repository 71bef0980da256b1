/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-current-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-current-staff.h"
#include "mdg-database-work.h"
#include "mdg-staff-store.h"
#include "mdg-work-util.h"

/*
 * The current staff member is a choice of the person at this computer, not of the
 * desk: it lives in GSettings ("current-staff"), not in the shared database. The
 * stores check it at each change (an inactive or unknown member is refused there,
 * with a message that says to choose another in Preferences), where a combo row of
 * the active staff, read in a worker, sets it.
 */

/* Returns: the id of the current staff member, 0 when nobody has been chosen */
gint64
_mdg_current_staff_get_id (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  return g_settings_get_int64 (settings, "current-staff");
}

typedef struct
{
  GPtrArray *staff;
  GWeakRef   row;
} Job;

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->staff, g_ptr_array_unref);
  g_weak_ref_clear (&job->row);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

static gboolean
list_work (MdgDatabase  *connection,
           gpointer      data,
           GError      **error)
{
  Job *job = data;

  job->staff = mdg_staff_store_list (connection, FALSE, error);
  return job->staff != NULL;
}

static void
selected_cb (AdwComboRow *row)
{
  GArray *ids = g_object_get_data (G_OBJECT (row), "mdg-staff-ids");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GSettings) settings = NULL;

  if (ids == NULL || selected >= ids->len)
    return;
  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_int64 (settings, "current-staff", g_array_index (ids, gint64, selected));
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GtkWidget) row = _mdg_work_finish_for (g_weak_ref_get (&job->row), MDG_DATABASE (source), result,
                                                   list_work, "list the staff");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids;
  gint64 current = _mdg_current_staff_get_id ();
  gint64 nobody = 0;
  guint selected = 0;

  if (row == NULL)
    return;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (names, _("Nobody Chosen"));
  g_array_append_val (ids, nobody);
  for (guint i = 0; i < job->staff->len; i++)
    {
      MdgStaff *staff = g_ptr_array_index (job->staff, i);
      gint64 id = mdg_staff_get_id (staff);

      if (id == current)
        selected = ids->len;
      gtk_string_list_append (names, mdg_staff_get_name (staff));
      g_array_append_val (ids, id);
    }
  /* Read again after a change of the staff: the new list replaces the old silently. */
  g_signal_handlers_disconnect_by_func (row, selected_cb, NULL);
  g_object_set_data_full (G_OBJECT (row), "mdg-staff-ids", ids, (GDestroyNotify) g_array_unref);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", G_CALLBACK (selected_cb), NULL);
  gtk_widget_set_sensitive (row, TRUE);
}

/**
 * _mdg_current_staff_row_new:
 * @db: the window's database
 *
 * A combo row of the active staff that sets the current staff member; filled once the
 * staff has been read in a worker.
 *
 * Returns: (transfer floating): the row
 */
/**
 * _mdg_current_staff_row_reload:
 * @row: a row from _mdg_current_staff_row_new()
 *
 * Reads the active staff (again, after someone was added, edited or removed), in a worker.
 */
void
_mdg_current_staff_row_reload (GtkWidget *row)
{
  Job *job = g_atomic_rc_box_new0 (Job);
  MdgDatabase *db = g_object_get_data (G_OBJECT (row), "mdg-database");

  g_weak_ref_init (&job->row, row);
  mdg_database_work_async (db, list_work, g_atomic_rc_box_acquire (job), (GDestroyNotify) job_unref, list_work, NULL,
                           listed_cb, job);
}

GtkWidget *
_mdg_current_staff_row_new (MdgDatabase *db)
{
  GtkWidget *row = adw_combo_row_new ();

  g_object_set_data_full (G_OBJECT (row), "mdg-database", g_object_ref (db), g_object_unref);
  gtk_widget_set_name (row, "preferences-current-staff");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("You Are"));
  /* The name chosen is the row's subtitle, which wraps: beside a long explanation the
   * value at the end of the row was cut to "No…" at the dialog's size. What the choice
   * does is said by the row's group (the Staff group of Preferences → Data). */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  gtk_widget_set_sensitive (row, FALSE);
  _mdg_current_staff_row_reload (row);
  return row;
}
