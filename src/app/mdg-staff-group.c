/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-staff-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-category.h"
#include "mdg-editor-util.h"
#include "mdg-staff-group.h"
#include "mdg-staff-store.h"
#include "mdg-work-util.h"

/*
 * The desk's staff in Preferences: who they are, their role and their areas (the
 * categories that make the triage suggest them for a dispatch). Added and edited in
 * a small dialog; removed by marking them inactive, which is all the core allows:
 * consultations, follow-ups and their history keep pointing at them, so the records
 * keep their names, and an inactive member can be brought back from the same dialog.
 *
 * Everything is read and written in workers; the group says "changed" after each
 * write so that the window's other lists of staff (the current-staff row) re-read.
 */

/* The schemes whose categories are areas: those the intake offers. */
static const char * const area_schemes[] = { "kind", "threat" };

struct _MdgStaffGroup
{
  AdwPreferencesGroup  parent_instance;

  MdgDatabase         *db;
  GPtrArray           *rows;  /* the rows shown, to replace them on each reading */
};

G_DEFINE_FINAL_TYPE (MdgStaffGroup, mdg_staff_group, ADW_TYPE_PREFERENCES_GROUP)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void open_editor (MdgStaffGroup *self,
                         MdgStaff      *staff);

/* ------------------------------------------------------------------------- */
/* The list */

typedef struct
{
  GPtrArray *staff;
} ListJob;

static void
list_job_free (ListJob *job)
{
  g_clear_pointer (&job->staff, g_ptr_array_unref);
  g_free (job);
}

static gboolean
list_work (MdgDatabase  *connection,
           gpointer      data,
           GError      **error)
{
  ListJob *job = data;

  job->staff = mdg_staff_store_list (connection, TRUE, error);
  return job->staff != NULL;
}

static char *
describe (MdgStaff *staff)
{
  g_autofree char *areas = mdg_staff_dup_areas_text (staff);
  const char *role = mdg_staff_role_get_label (mdg_staff_get_role (staff));

  if (!mdg_staff_get_active (staff))
    /* Translators: %s is the role of someone who left the desk */
    return g_strdup_printf (_("No longer at the desk (%s)"), role);
  if (*areas == '\0')
    return g_strdup (role);
  /* Translators: "Second-line specialist — Ransomware, Phishing": a role and the areas */
  return g_strdup_printf (_("%1$s — %2$s"), role, areas);
}

static void
edit_clicked_cb (GtkButton     *button,
                 MdgStaffGroup *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (button), "staff"));
}

typedef struct
{
  gint64  id;
  char   *name;  /* out */
} RemoveJob;

static void
remove_job_free (RemoveJob *job)
{
  g_free (job->name);
  g_free (job);
}

/* Reads them again in the worker: only "active" changes, whatever the row showed. */
static gboolean
remove_work (MdgDatabase  *connection,
             gpointer      data,
             GError      **error)
{
  RemoveJob *job = data;
  g_autoptr(MdgStaff) staff = mdg_staff_store_load (connection, job->id, error);

  if (staff == NULL)
    return FALSE;
  job->name = g_strdup (mdg_staff_get_name (staff));
  mdg_staff_set_active (staff, FALSE);
  return mdg_staff_store_save (connection, staff, error);
}

static void mdg_staff_group_reload (MdgStaffGroup *self);

static void
removed_cb (GtkWidget *widget,
            gpointer   data)
{
  RemoveJob *job = data;
  MdgStaffGroup *self = MDG_STAFF_GROUP (widget);
  g_autofree char *message = NULL;

  /* Translators: %s is a staff member's name; their records keep it */
  message = g_strdup_printf (_("%s is no longer at the desk"), job->name);
  _mdg_toast (widget, message);
  mdg_staff_group_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (GtkButton     *button,
                   MdgStaffGroup *self)
{
  RemoveJob *job = g_new0 (RemoveJob, 1);

  /* Their records point at them: they become inactive rather than disappear. */
  job->id = mdg_staff_get_id (g_object_get_data (G_OBJECT (button), "staff"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  _mdg_work_async (GTK_WIDGET (self), self->db, remove_work, job, (GDestroyNotify) remove_job_free, removed_cb, TRUE);
}

static GtkWidget *
row_button (MdgStaffGroup *self,
            MdgStaff      *staff,
            const char    *kind,
            const char    *icon,
            const char    *tooltip,
            GCallback      callback)
{
  g_autofree char *name = g_strdup_printf ("staff-%s-%" G_GINT64_FORMAT, kind, mdg_staff_get_id (staff));
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "staff", g_object_ref (staff), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
add_row (MdgStaffGroup *self,
         GtkWidget     *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
listed_cb (GtkWidget *widget,
           gpointer   data)
{
  MdgStaffGroup *self = MDG_STAFF_GROUP (widget);
  ListJob *job = data;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (job->staff->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, "staff-empty");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody Yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the desk’s staff to book consultation slots and dispatch consultations"));
      add_row (self, row);
    }
  for (guint i = 0; i < job->staff->len; i++)
    {
      MdgStaff *staff = g_ptr_array_index (job->staff, i);
      g_autofree char *name = g_strdup_printf ("staff-row-%" G_GINT64_FORMAT, mdg_staff_get_id (staff));
      g_autofree char *subtitle = describe (staff);
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_staff_get_name (staff));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!mdg_staff_get_active (staff))
        gtk_widget_add_css_class (row, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, staff, "edit", "document-edit-symbolic", _("Edit"),
                                             G_CALLBACK (edit_clicked_cb)));
      if (mdg_staff_get_active (staff))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   row_button (self, staff, "remove", "user-trash-symbolic", _("Remove from the Desk"),
                                               G_CALLBACK (remove_clicked_cb)));
      add_row (self, row);
    }
}

static void
mdg_staff_group_reload (MdgStaffGroup *self)
{
  _mdg_work_async (GTK_WIDGET (self), self->db, list_work, g_new0 (ListJob, 1), (GDestroyNotify) list_job_free,
                   listed_cb, FALSE);
}

/* ------------------------------------------------------------------------- */
/* The dialog that adds or edits one member */

typedef struct
{
  MdgStaffGroup *group;       /* owned */
  MdgStaff      *staff;       /* owned, nullable: a new member */
  GPtrArray     *categories;  /* owned, the areas offered */
  GPtrArray     *checks;      /* one GtkCheckButton per category */
  GtkWidget     *window;
  GtkWidget     *overlay;     /* the dialog's own toasts: a failed save is told there */
  GtkWidget     *name_row;
  GtkWidget     *kana_row;
  GtkWidget     *email_row;
  GtkWidget     *role_row;
  GtkWidget     *active_switch;
  GtkWidget     *save_button;
  MdgWriteWatch *watch;       /* while saving */
} Editor;

static void
editor_free (Editor *editor)
{
  g_clear_object (&editor->group);
  g_clear_object (&editor->staff);
  g_clear_pointer (&editor->categories, g_ptr_array_unref);
  g_clear_pointer (&editor->checks, g_ptr_array_unref);
  g_free (editor);
}

static void
name_changed_cb (Editor *editor)
{
  g_autofree char *name = _mdg_editor_dup_text (GTK_EDITABLE (editor->name_row));

  gtk_widget_set_sensitive (editor->save_button, name != NULL && editor->watch == NULL);
}

typedef struct
{
  MdgStaff      *staff;
  MdgWriteWatch *watch;
  GWeakRef       overlay;
} EditorSave;

static void
editor_save_free (EditorSave *save)
{
  g_clear_object (&save->staff);
  g_weak_ref_clear (&save->overlay);
  g_free (save);
}

static gboolean
editor_save_work (MdgDatabase  *connection,
                  gpointer      data,
                  GError      **error)
{
  EditorSave *save = data;

  return mdg_staff_store_save (connection, save->staff, error);
}

static void
editor_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EditorSave *save = user_data;
  g_autoptr(GtkWidget) watched = _mdg_write_watch_finish (g_steal_pointer (&save->watch));
  g_autoptr(GtkWidget) overlay = _mdg_work_finish_for (g_weak_ref_get (&save->overlay), MDG_DATABASE (source), result,
                                                       editor_save_work, "save a staff member");
  GtkWidget *window;
  Editor *editor;
  MdgStaffGroup *group;
  g_autofree char *message = NULL;

  if (overlay == NULL)
    {
      g_autoptr(GtkWidget) still = g_weak_ref_get (&save->overlay);

      /* Failed (told in the dialog): it stays, with what was typed, to be corrected. */
      if (still != NULL && (editor = g_object_get_data (G_OBJECT (gtk_widget_get_root (still)), "editor")) != NULL)
        {
          editor->watch = NULL;
          name_changed_cb (editor);
        }
      return;
    }
  window = GTK_WIDGET (gtk_widget_get_root (overlay));
  editor = g_object_get_data (G_OBJECT (window), "editor");
  group = g_object_ref (editor->group);
  /* Translators: %s is a staff member's name */
  message = g_strdup_printf (_("%s saved"), mdg_staff_get_name (save->staff));
  gtk_window_destroy (GTK_WINDOW (window));
  _mdg_toast (GTK_WIDGET (group), message);
  mdg_staff_group_reload (group);
  g_signal_emit (group, signals[CHANGED], 0);
  g_object_unref (group);
}

static void
save_clicked_cb (Editor *editor)
{
  g_autofree char *name = _mdg_editor_dup_text (GTK_EDITABLE (editor->name_row));
  g_autofree char *kana = _mdg_editor_dup_text (GTK_EDITABLE (editor->kana_row));
  g_autofree char *email = _mdg_editor_dup_text (GTK_EDITABLE (editor->email_row));
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);
  MdgStaffRole role = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->role_row));
  EditorSave *save;

  if (name == NULL || editor->watch != NULL)
    return;
  for (guint i = 0; i < editor->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (editor->checks, i)))
      g_ptr_array_add (areas, mdg_category_ref (g_ptr_array_index (editor->categories, i)));
  /* Areas the dialog does not offer (given with madoguchi-cli: a guidebook section) stay. */
  if (editor->staff != NULL)
    {
      GPtrArray *kept = mdg_staff_get_areas (editor->staff);

      for (guint i = 0; i < kept->len; i++)
        {
          MdgCategory *area = g_ptr_array_index (kept, i);
          gboolean offered = FALSE;

          for (guint j = 0; j < editor->categories->len && !offered; j++)
            offered = ((MdgCategory *) g_ptr_array_index (editor->categories, j))->id == area->id;
          if (!offered)
            g_ptr_array_add (areas, mdg_category_ref (area));
        }
    }

  save = g_new0 (EditorSave, 1);
  save->staff = mdg_staff_new (name, role);
  if (editor->staff != NULL)
    _mdg_staff_set_id (save->staff, mdg_staff_get_id (editor->staff));
  mdg_staff_set_kana (save->staff, kana);
  mdg_staff_set_email (save->staff, email);
  mdg_staff_set_active (save->staff, gtk_switch_get_active (GTK_SWITCH (editor->active_switch)));
  mdg_staff_set_areas (save->staff, areas);
  g_weak_ref_init (&save->overlay, editor->overlay);
  editor->watch = save->watch = _mdg_write_watch_new (editor->window);
  gtk_widget_set_sensitive (editor->save_button, FALSE);
  mdg_database_work_async (editor->group->db, editor_save_work, save, (GDestroyNotify) editor_save_free,
                           editor_save_work, NULL, editor_saved_cb, save);
}

static GtkWidget *
entry_row (AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return row;
}

static gboolean
has_area (MdgStaff    *staff,
          MdgCategory *category)
{
  GPtrArray *areas = staff ? mdg_staff_get_areas (staff) : NULL;

  for (guint i = 0; areas && i < areas->len; i++)
    if (((MdgCategory *) g_ptr_array_index (areas, i))->id == category->id)
      return TRUE;
  return FALSE;
}

static void
present_editor (MdgStaffGroup *self,
                MdgStaff      *staff,
                GPtrArray     *categories)
{
  Editor *editor = g_new0 (Editor, 1);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  GtkWidget *box, *header, *cancel, *page, *row;
  AdwPreferencesGroup *group, *areas = NULL;
  const char *scheme = NULL;

  editor->group = g_object_ref (self);
  editor->staff = staff ? g_object_ref (staff) : NULL;
  editor->categories = g_ptr_array_ref (categories);
  editor->checks = g_ptr_array_new ();

  editor->window = adw_window_new ();
  gtk_widget_set_name (editor->window, "staff-editor");
  gtk_window_set_title (GTK_WINDOW (editor->window), staff ? _("Edit Staff Member") : _("New Staff Member"));
  gtk_window_set_modal (GTK_WINDOW (editor->window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (editor->window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (editor->window), 520, 640);
  g_object_set_data_full (G_OBJECT (editor->window), "editor", editor, (GDestroyNotify) editor_free);

  editor->overlay = adw_toast_overlay_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (editor->overlay), box);
  adw_window_set_content (ADW_WINDOW (editor->window), editor->overlay);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_name (cancel, "staff-cancel");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), editor->window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  editor->save_button = gtk_button_new_with_mnemonic (staff ? _("_Save") : _("_Add"));
  gtk_widget_set_name (editor->save_button, "staff-save");
  gtk_widget_add_css_class (editor->save_button, "suggested-action");
  g_signal_connect_swapped (editor->save_button, "clicked", G_CALLBACK (save_clicked_cb), editor);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), editor->save_button);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  editor->name_row = entry_row (group, "staff-name", C_("staff", "Name"), staff ? mdg_staff_get_name (staff) : NULL);
  g_signal_connect_swapped (editor->name_row, "changed", G_CALLBACK (name_changed_cb), editor);
  g_signal_connect_swapped (editor->name_row, "entry-activated", G_CALLBACK (save_clicked_cb), editor);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (editor->name_row), FALSE);
  editor->kana_row = entry_row (group, "staff-kana", _("Reading (Kana)"), staff ? mdg_staff_get_kana (staff) : NULL);
  editor->email_row = entry_row (group, "staff-email", C_("staff", "E-mail"), staff ? mdg_staff_get_email (staff) : NULL);

  for (MdgStaffRole role = MDG_STAFF_ROLE_FIRST_LINE; role <= MDG_STAFF_ROLE_COORDINATOR; role++)
    gtk_string_list_append (roles, mdg_staff_role_get_label (role));
  editor->role_row = adw_combo_row_new ();
  gtk_widget_set_name (editor->role_row, "staff-role");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->role_row), _("Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (editor->role_row), G_LIST_MODEL (roles));
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor->role_row),
                              staff ? mdg_staff_get_role (staff) : MDG_STAFF_ROLE_SECOND_LINE);
  adw_preferences_group_add (group, editor->role_row);

  editor->active_switch = gtk_switch_new ();
  gtk_widget_set_name (editor->active_switch, "staff-active");
  gtk_widget_set_valign (editor->active_switch, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (editor->active_switch), staff ? mdg_staff_get_active (staff) : TRUE);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Works at the Desk"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Switched off, they are no longer offered, and their records "
                                                       "keep their name"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor->active_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor->active_switch);
  gtk_widget_set_visible (row, staff != NULL);
  adw_preferences_group_add (group, row);

  for (guint i = 0; i < categories->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *name = g_strconcat ("area-", category->key, NULL);
      GtkWidget *check = gtk_check_button_new ();

      if (scheme == NULL || !g_str_equal (scheme, category->scheme))
        {
          g_autofree char *title = NULL;

          scheme = category->scheme;
          areas = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          /* Translators: %s is a tree of categories: "Kind", "Threat" */
          title = g_strdup_printf (_("Areas: %s"), mdg_category_scheme_get_label (scheme));
          adw_preferences_group_set_title (areas, title);
          if (g_str_equal (scheme, area_schemes[0]))
            adw_preferences_group_set_description (areas, _("Consultations in these categories suggest this "
                                                            "specialist when they are dispatched."));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), areas);
        }
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), has_area (staff, category));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_category_get_name (category));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (areas, row);
      g_ptr_array_add (editor->checks, check);
    }

  name_changed_cb (editor);
  gtk_window_present (GTK_WINDOW (editor->window));
  gtk_widget_grab_focus (editor->name_row);
}

typedef struct
{
  gint64     id;          /* 0 for a new member */
  MdgStaff  *staff;       /* out, as saved now (not as the row showed it) */
  GPtrArray *categories;  /* out */
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->staff);
  g_clear_pointer (&job->categories, g_ptr_array_unref);
  g_free (job);
}

static gboolean
open_work (MdgDatabase  *connection,
           gpointer      data,
           GError      **error)
{
  OpenJob *job = data;

  if (job->id != 0 && !(job->staff = mdg_staff_store_load (connection, job->id, error)))
    return FALSE;
  job->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);
  for (guint i = 0; i < G_N_ELEMENTS (area_schemes); i++)
    {
      g_autoptr(GPtrArray) list = mdg_category_store_list (connection, area_schemes[i], FALSE, error);

      if (list == NULL)
        return FALSE;
      /* The tops of the trees, as the intake offers them. */
      for (guint j = 0; j < list->len; j++)
        {
          MdgCategory *category = g_ptr_array_index (list, j);

          if (category->parent_id == 0)
            g_ptr_array_add (job->categories, mdg_category_ref (category));
        }
    }
  return TRUE;
}

static void
opened_cb (GtkWidget *widget,
           gpointer   data)
{
  OpenJob *job = data;

  present_editor (MDG_STAFF_GROUP (widget), job->staff, job->categories);
}

static void
open_editor (MdgStaffGroup *self,
             MdgStaff      *staff)
{
  OpenJob *job = g_new0 (OpenJob, 1);

  job->id = staff ? mdg_staff_get_id (staff) : 0;
  _mdg_work_async (GTK_WIDGET (self), self->db, open_work, job, (GDestroyNotify) open_job_free, opened_cb, FALSE);
}

static void
add_clicked_cb (MdgStaffGroup *self)
{
  open_editor (self, NULL);
}

/* ------------------------------------------------------------------------- */

static void
mdg_staff_group_dispose (GObject *object)
{
  MdgStaffGroup *self = MDG_STAFF_GROUP (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_staff_group_parent_class)->dispose (object);
}

static void
mdg_staff_group_class_init (MdgStaffGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_staff_group_dispose;

  /**
   * MdgStaffGroup::changed:
   *
   * A staff member was added, edited or removed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
mdg_staff_group_init (MdgStaffGroup *self)
{
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add…"));

  self->rows = g_ptr_array_new ();
  gtk_widget_set_name (GTK_WIDGET (self), "staff-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("The Desk’s Staff"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("First-line staff answer; second-line specialists take the consultations "
                                           "dispatched to them, suggested by their areas; coordinators run the desk."));
  gtk_widget_set_name (add, "staff-add");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);
}

/**
 * mdg_staff_group_new:
 * @db: the window's database
 *
 * Returns: (transfer floating): the group, filled once the staff has been read
 */
GtkWidget *
mdg_staff_group_new (MdgDatabase *db)
{
  MdgStaffGroup *self = g_object_new (MDG_TYPE_STAFF_GROUP, NULL);

  self->db = g_object_ref (db);
  mdg_staff_group_reload (self);
  return GTK_WIDGET (self);
}

/**
 * _mdg_toast_needs_staff:
 * @widget: the widget whose work needs staff
 * @message: why
 *
 * Tells that the desk has nobody for the work, with a button that opens Preferences
 * at the staff page.
 */
void
_mdg_toast_needs_staff (GtkWidget  *widget,
                        const char *message)
{
  AdwToast *toast = _mdg_toast_new (message);

  adw_toast_set_button_label (toast, _("_Add Staff…"));
  adw_toast_set_action_name (toast, "app.staff");
  adw_toast_set_timeout (toast, 10);
  _mdg_add_toast (widget, toast);
}
