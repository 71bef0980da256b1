/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-follow-ups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-advice-letter.h"
#include "mdg-app-util.h"
#include "mdg-current-staff.h"
#include "mdg-date.h"
#include "mdg-database-work.h"
#include "mdg-document-output.h"
#include "mdg-follow-up-row.h"
#include "mdg-follow-ups-page.h"
#include "mdg-work-util.h"

/*
 * The Follow-ups section: the advice promised to companies, soonest due first and
 * grouped under "Overdue", "Due Today", "This Week" and "Later", so that what is late
 * is at the top and in red. The filter shows the open follow-ups the current staff
 * member owns, every open one, or those done. The detail shows the consultation the
 * advice was promised in; the advice is edited in place and saved in a worker (also
 * when another follow-up is picked), marking done offers Undo in the section's toast
 * (and Ctrl+Z), and the advice letter (助言書) is saved as PDF through the window's
 * document output.
 */

struct _MdgFollowUpsPage
{
  MdgSection          parent_instance;

  /* template widgets */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkLabel           *summary_label;
  AdwWindowTitle     *detail_title;
  GtkWidget          *back_button;
  GtkStack           *detail_stack;
  GtkLabel           *title_label;
  GtkButton          *done_button;
  GtkWidget          *letter_button;
  AdwActionRow       *due_row;
  AdwActionRow       *owner_row;
  AdwActionRow       *state_row;
  AdwPreferencesGroup *consultation_group;
  AdwActionRow       *subject_row;
  AdwActionRow       *organization_row;
  AdwActionRow       *person_row;
  GtkTextView        *advice_view;

  /* owned */
  GListStore         *store;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  GSettings          *settings;
  MdgFollowUp        *shown;          /* the follow-up in the detail pane */
  char               *filter;
  gint64              select_id;      /* to select once the list has loaded */
  gint64              last_done_id;   /* what Undo reopens */
  gboolean            loading;
  gboolean            listed;         /* the list shows at least one follow-up */
  gboolean            advice_dirty;
  gboolean            setting_advice;
  gboolean            filling;        /* the list is being replaced: one change at the end */
};

G_DEFINE_FINAL_TYPE (MdgFollowUpsPage, mdg_follow_ups_page, MDG_TYPE_SECTION)

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One piece of work on a follow-up in a worker; shared by the worker and the callback. */
typedef struct
{
  gint64          id;
  gint64          actor;
  gboolean        done;
  char           *advice;
  char           *title;          /* filled in by the worker */
  MdgDocument    *document;       /* the letter, filled in by the worker */
  MdgWriteWatch  *watch;          /* main thread only */
  GApplication   *application;    /* held while a write is under way */
  GWeakRef        page;
} Job;

static void
job_clear (Job *job)
{
  g_free (job->advice);
  g_free (job->title);
  g_clear_object (&job->document);
  g_weak_ref_clear (&job->page);
}

/* What the user asked for is written even when the window closes meanwhile: the
 * application stays up until then. */
static void
job_start_write (Job       *job,
                 GtkWidget *widget)
{
  job->watch = _mdg_write_watch_new (widget);
  job->application = g_application_get_default ();
  if (job->application != NULL)
    {
      g_object_ref (job->application);
      g_application_hold (job->application);
    }
}

/* Returns: (transfer full) (nullable): the widget that started the write, if still there */
static GtkWidget *
job_finish_write (Job *job)
{
  if (job->application != NULL)
    {
      g_application_release (job->application);
      g_clear_object (&job->application);
    }
  return _mdg_write_watch_finish (g_steal_pointer (&job->watch));
}

static Job *
job_new (MdgFollowUpsPage *self,
         gint64            id)
{
  Job *job = g_atomic_rc_box_new0 (Job);

  job->id = id;
  job->actor = _mdg_current_staff_get_id ();
  g_weak_ref_init (&job->page, self);
  return job;
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

static MdgDatabase *
get_database (MdgFollowUpsPage *self)
{
  return mdg_section_get_database (MDG_SECTION (self));
}

static gboolean
is_follow_up (gpointer  unused,
              GObject  *item)
{
  return MDG_IS_FOLLOW_UP (item);
}

static void reload (MdgFollowUpsPage *self);

static void
update_actions (MdgFollowUpsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "followups.toggle-done", self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "followups.print-letter", self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "followups.save-advice", self->shown != NULL && self->advice_dirty);
  gtk_widget_action_set_enabled (widget, "followups.undo", self->last_done_id > 0);
}

static char *
dup_advice_text (MdgFollowUpsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->advice_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_follow_up (MdgFollowUpsPage *self,
                MdgFollowUp      *follow_up)
{
  gboolean same = self->shown && follow_up && mdg_follow_up_get_id (self->shown) == mdg_follow_up_get_id (follow_up);
  g_autofree char *due = NULL;
  g_autofree char *state = NULL;
  gboolean done, overdue;

  g_set_object (&self->shown, follow_up);
  gtk_widget_set_visible (self->letter_button, follow_up != NULL);
  if (follow_up == NULL)
    {
      /* With nothing listed, the list's own empty state says it all. */
      gtk_stack_set_visible_child_name (self->detail_stack, self->listed ? "empty" : "blank");
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
      self->advice_dirty = FALSE;
      update_actions (self);
      return;
    }

  done = mdg_follow_up_get_state (follow_up) == MDG_FOLLOW_UP_STATE_DONE;
  overdue = mdg_follow_up_is_overdue (follow_up, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  adw_window_title_set_title (self->detail_title, mdg_follow_up_get_title (follow_up));
  adw_window_title_set_subtitle (self->detail_title, mdg_follow_up_get_organization_name (follow_up)
                                                       ? mdg_follow_up_get_organization_name (follow_up) : "");
  gtk_label_set_text (self->title_label, mdg_follow_up_get_title (follow_up));

  due = _mdg_format_due_date (mdg_follow_up_get_due_date (follow_up));
  if (overdue)
    {
      /* Translators: a due date, then that it has passed */
      g_autofree char *late = g_strdup_printf (_("%s — overdue"), due);

      _mdg_action_row_show_text (self->due_row, late);
      gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "overdue");
    }
  else
    {
      _mdg_action_row_show_text (self->due_row, due);
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "overdue");
    }
  _mdg_action_row_show_text (self->owner_row, mdg_follow_up_get_owner_name (follow_up)
                                                ? mdg_follow_up_get_owner_name (follow_up) : _("Nobody"));
  if (done && mdg_follow_up_get_done_at (follow_up) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (mdg_follow_up_get_done_at (follow_up));
      g_autofree char *when = mdg_date_format (local, MDG_DATE_DEFAULT);

      /* Translators: the state of a follow-up ("Done"), then the day it was done */
      state = g_strdup_printf (_("%s on %s"), mdg_follow_up_state_get_label (MDG_FOLLOW_UP_STATE_DONE), when);
    }
  else
    state = g_strdup (mdg_follow_up_state_get_label (mdg_follow_up_get_state (follow_up)));
  _mdg_action_row_show_text (self->state_row, state);

  if (mdg_follow_up_get_consultation_id (follow_up) > 0)
    {
      /* Translators: the heading over a follow-up's consultation, with its number */
      g_autofree char *heading = g_strdup_printf (_("Consultation No. %lld"),
                                                  (long long) mdg_follow_up_get_consultation_id (follow_up));

      adw_preferences_group_set_title (self->consultation_group, heading);
    }
  else
    adw_preferences_group_set_title (self->consultation_group, _("Registration"));
  _mdg_action_row_show_text (self->subject_row, mdg_follow_up_get_subject (follow_up));
  _mdg_action_row_show_text (self->organization_row, mdg_follow_up_get_organization_name (follow_up));
  if (mdg_follow_up_get_person_name (follow_up) != NULL)
    {
      g_autofree char *person = _mdg_format_honorific (mdg_follow_up_get_person_name (follow_up));

      _mdg_action_row_show_text (self->person_row, person);
    }
  else
    _mdg_action_row_show_text (self->person_row, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->consultation_group),
                          mdg_follow_up_get_subject (follow_up) || mdg_follow_up_get_organization_name (follow_up) ||
                          mdg_follow_up_get_person_name (follow_up));

  /* What is being typed stays when the list reloads under it. */
  if (!(same && self->advice_dirty))
    {
      const char *advice = mdg_follow_up_get_advice (follow_up) ? mdg_follow_up_get_advice (follow_up) : "";
      g_autofree char *current = dup_advice_text (self);

      if (!g_str_equal (current, advice))
        {
          self->setting_advice = TRUE;
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->advice_view), advice, -1);
          self->setting_advice = FALSE;
        }
      self->advice_dirty = FALSE;
    }

  gtk_button_set_label (self->done_button, done ? _("_Reopen") : _("_Mark Done"));
  gtk_button_set_use_underline (self->done_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->done_button),
                               done ? _("Open the follow-up again") : _("The advice has been given (Ctrl+D)"));
  if (done)
    gtk_widget_remove_css_class (GTK_WIDGET (self->done_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->done_button), "suggested-action");
  update_actions (self);
}

/* A change to one follow-up in a worker: its advice saved (job->advice set), or marked
 * done or open again. */
static gboolean
change_work (MdgDatabase  *connection,
             gpointer      data,
             GError      **error)
{
  Job *job = data;
  g_autoptr(MdgFollowUp) follow_up = mdg_follow_up_store_load (connection, job->id, error);

  if (follow_up == NULL)
    return FALSE;
  job->title = g_strdup (mdg_follow_up_get_title (follow_up));
  if (job->advice == NULL)
    return mdg_follow_up_store_set_done (connection, job->actor, follow_up, job->done, error);
  mdg_follow_up_set_advice (follow_up, job->advice);
  return mdg_follow_up_store_save (connection, job->actor, follow_up, error);
}

static void
advice_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GtkWidget) widget = _mdg_work_finish_for (job_finish_write (job), MDG_DATABASE (source), result,
                                                      change_work, "save the advice of a follow-up");
  MdgFollowUpsPage *self;

  if (widget == NULL)
    return;

  self = MDG_FOLLOW_UPS_PAGE (widget);
  if (self->shown && mdg_follow_up_get_id (self->shown) == job->id)
    {
      g_autofree char *current = dup_advice_text (self);

      if (g_str_equal (current, job->advice))
        self->advice_dirty = FALSE;
    }
  {
    /* Translators: after saving the advice of a follow-up, its title */
    g_autofree char *message = g_strdup_printf (_("Saved the advice of “%s”"), job->title);

    _mdg_toast (widget, message);
  }
  reload (self);
}

static void
save_advice (MdgFollowUpsPage *self)
{
  Job *job;

  if (self->shown == NULL || !self->advice_dirty)
    return;
  job = job_new (self, mdg_follow_up_get_id (self->shown));
  job->advice = dup_advice_text (self);
  job_start_write (job, GTK_WIDGET (self));
  mdg_database_work_async (get_database (self), change_work, job_ref (job), (GDestroyNotify) job_unref,
                           change_work, NULL, advice_saved_cb, job);
}

static void
selection_changed_cb (MdgFollowUpsPage *self)
{
  GObject *item = gtk_single_selection_get_selected_item (self->selection);
  MdgFollowUp *follow_up = MDG_IS_FOLLOW_UP (item) ? MDG_FOLLOW_UP (item) : NULL;

  if (self->filling)
    return;
  /* Picking another follow-up keeps what was typed in the advice. */
  if (self->shown && (!follow_up || mdg_follow_up_get_id (follow_up) != mdg_follow_up_get_id (self->shown)))
    save_advice (self);
  show_follow_up (self, follow_up);
}

static void
follow_up_activated_cb (MdgFollowUpsPage *self,
                        guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (self->shown != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
advice_changed_cb (MdgFollowUpsPage *self)
{
  if (self->setting_advice)
    return;
  self->advice_dirty = TRUE;
  update_actions (self);
}

/* The group a follow-up is listed under; only open follow-ups are grouped. */
static const char *
group_of (MdgFollowUp *follow_up,
          const GDate *today,
          const GDate *sunday)
{
  const GDate *due = mdg_follow_up_get_due_date (follow_up);

  if (due == NULL || !g_date_valid (due))
    return _("No Due Date");
  if (g_date_compare (due, today) < 0)
    return _("Overdue");
  if (g_date_compare (due, today) == 0)
    return _("Due Today");
  if (g_date_compare (due, sunday) <= 0)
    return _("This Week");
  return _("Later");
}

/* At a glance: how many are overdue, due today and due later this week. */
static void
show_summary (MdgFollowUpsPage *self,
              GPtrArray        *list,
              const GDate      *today,
              const GDate      *sunday)
{
  guint overdue = 0, due_today = 0, this_week = 0, done = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < list->len; i++)
    {
      MdgFollowUp *follow_up = g_ptr_array_index (list, i);
      const GDate *due = mdg_follow_up_get_due_date (follow_up);

      if (mdg_follow_up_get_state (follow_up) == MDG_FOLLOW_UP_STATE_DONE)
        done++;
      else if (due == NULL || !g_date_valid (due))
        continue;
      else if (g_date_compare (due, today) < 0)
        overdue++;
      else if (g_date_compare (due, today) == 0)
        due_today++;
      else if (g_date_compare (due, sunday) <= 0)
        this_week++;
    }
  if (overdue > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u overdue", "%u overdue", overdue), overdue));
  if (due_today > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u due today", "%u due today", due_today), due_today));
  if (this_week > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u more this week", "%u more this week", this_week), this_week));
  if (done > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u done", "%u done", done), done));
  g_ptr_array_add (parts, NULL);
  /* Translators: between the counts of the follow-ups at a glance: "2 overdue · 1 due today" */
  {
    g_autofree char *text = g_strjoinv (C_("follow-up counts", " · "), (char **) parts->pdata);

    gtk_label_set_text (self->summary_label, text);
    gtk_widget_set_visible (GTK_WIDGET (self->summary_label), *text != '\0');
  }
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = mdg_follow_up_store_list_finish (MDG_DATABASE (source), result, &error);
  MdgFollowUpsPage *self;
  gint64 select_id;
  guint select_at = GTK_INVALID_LIST_POSITION;
  const char *group = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GDate today, sunday;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_FOLLOW_UPS_PAGE (user_data);
  self->loading = FALSE;
  if (list == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  sunday = today;
  g_date_add_days (&sunday, 7 - g_date_get_weekday (&today));

  select_id = self->select_id ? self->select_id : (self->shown ? mdg_follow_up_get_id (self->shown) : 0);
  self->select_id = 0;
  for (guint i = 0; i < list->len; i++)
    {
      MdgFollowUp *follow_up = g_ptr_array_index (list, i);

      if (mdg_follow_up_get_state (follow_up) == MDG_FOLLOW_UP_STATE_OPEN)
        {
          const char *this_group = group_of (follow_up, &today, &sunday);

          if (this_group != group)
            g_ptr_array_add (items, gtk_string_object_new (this_group));
          group = this_group;
        }
      if (mdg_follow_up_get_id (follow_up) == select_id)
        select_at = items->len;
      g_ptr_array_add (items, g_object_ref (follow_up));
    }

  self->listed = list->len > 0;
  self->filling = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), items->pdata,
                       items->len);
  gtk_single_selection_set_selected (self->selection, select_at);
  self->filling = FALSE;
  /* The same position may hold a new copy of the same follow-up: show it. */
  selection_changed_cb (self);
  show_summary (self, list, &today, &sunday);
  gtk_stack_set_visible_child_name (self->list_stack, list->len > 0 ? "list" : "empty");
}

static void
reload (MdgFollowUpsPage *self)
{
  MdgFollowUpFilter filter;

  if (get_database (self) == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  mdg_follow_up_filter_init (&filter);
  if (g_str_equal (self->filter, "done"))
    {
      filter.state = MDG_FOLLOW_UP_STATE_DONE;
      adw_status_page_set_title (self->empty_page, _("Nothing Done Yet"));
      adw_status_page_set_description (self->empty_page, _("Follow-ups marked done are listed here."));
    }
  else
    {
      filter.state = MDG_FOLLOW_UP_STATE_OPEN;
      adw_status_page_set_title (self->empty_page, _("No Open Follow-ups"));
      adw_status_page_set_description (self->empty_page,
                                       _("Advice promised in a consultation is listed here until it is given."));
    }
  if (g_str_equal (self->filter, "mine"))
    {
      filter.owner_id = _mdg_current_staff_get_id ();
      if (filter.owner_id <= 0)
        {
          g_list_store_remove_all (self->store);
          gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
          adw_status_page_set_title (self->empty_page, _("Who Are You?"));
          adw_status_page_set_description (self->empty_page,
                                           _("Choose yourself as the current staff member in Preferences to see the follow-ups you own."));
          gtk_stack_set_visible_child_name (self->list_stack, "empty");
          self->listed = FALSE;
          show_follow_up (self, NULL);
          return;
        }
    }

  self->loading = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  mdg_follow_up_store_list_async (get_database (self), &filter, self->cancellable, list_loaded_cb, self);
}

static void
done_set_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GtkWidget) widget = _mdg_work_finish_for (job_finish_write (job), MDG_DATABASE (source), result,
                                                      change_work, "mark a follow-up done or open");
  g_autofree char *message = NULL;
  MdgFollowUpsPage *self;

  if (widget == NULL)
    return;

  self = MDG_FOLLOW_UPS_PAGE (widget);
  if (job->done)
    {
      AdwToast *toast;

      /* Translators: after marking a follow-up done, its title */
      message = g_strdup_printf (_("“%s” is done"), job->title);
      toast = _mdg_toast_new (message);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "followups.undo");
      self->last_done_id = job->id;
      _mdg_add_toast (widget, toast);
    }
  else
    {
      /* Translators: after opening a follow-up again, its title */
      message = g_strdup_printf (_("“%s” is open again"), job->title);
      if (self->last_done_id == job->id)
        self->last_done_id = 0;
      self->select_id = job->id;
      _mdg_toast (widget, message);
    }
  update_actions (self);
  reload (self);
}

static void
set_done (MdgFollowUpsPage *self,
          gint64            id,
          gboolean          done)
{
  Job *job = job_new (self, id);

  job->done = done;
  job_start_write (job, GTK_WIDGET (self));
  mdg_database_work_async (get_database (self), change_work, job_ref (job), (GDestroyNotify) job_unref,
                           change_work, NULL, done_set_cb, job);
}

static void
toggle_done_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgFollowUpsPage *self = MDG_FOLLOW_UPS_PAGE (widget);

  if (self->shown == NULL)
    return;
  /* The advice typed goes with it. */
  save_advice (self);
  set_done (self, mdg_follow_up_get_id (self->shown),
            mdg_follow_up_get_state (self->shown) == MDG_FOLLOW_UP_STATE_OPEN);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgFollowUpsPage *self = MDG_FOLLOW_UPS_PAGE (widget);
  gint64 id = self->last_done_id;

  if (id <= 0)
    return;
  self->last_done_id = 0;
  update_actions (self);
  set_done (self, id, FALSE);
}

static void
save_advice_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  save_advice (MDG_FOLLOW_UPS_PAGE (widget));
}

static gboolean
letter_work (MdgDatabase  *connection,
             gpointer      data,
             GError      **error)
{
  Job *job = data;

  job->document = mdg_advice_letter_load (connection, job->id, error);
  return job->document != NULL;
}

static void
letter_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GtkWidget) widget = _mdg_work_finish_for (g_weak_ref_get (&job->page), MDG_DATABASE (source), result,
                                                      letter_work, "make an advice letter");
  g_autofree char *name = NULL;

  if (widget == NULL)
    return;

  /* Translators: the file name offered for an advice letter, with the follow-up's number */
  name = g_strdup_printf (_("Advice Letter %lld.pdf"), (long long) job->id);
  _mdg_document_apply_settings (job->document);
  _mdg_document_save_pdf (widget, job->document, name);
}

static void
print_letter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdgFollowUpsPage *self = MDG_FOLLOW_UPS_PAGE (widget);
  Job *job;

  if (self->shown == NULL)
    return;
  /* The letter says what was typed. */
  save_advice (self);
  job = job_new (self, mdg_follow_up_get_id (self->shown));
  mdg_database_work_async (get_database (self), letter_work, job_ref (job), (GDestroyNotify) job_unref, letter_work,
                           NULL, letter_loaded_cb, job);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgFollowUpsPage *self = MDG_FOLLOW_UPS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
update_back_button (MdgFollowUpsPage *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
current_staff_changed_cb (MdgFollowUpsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
mdg_follow_ups_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdg_follow_ups_page_parent_class)->map (widget);

  /* Follow-ups are added from consultations elsewhere: shown again, the list is fresh. */
  reload (MDG_FOLLOW_UPS_PAGE (widget));
}

static void
mdg_follow_ups_page_close (MdgSection *section)
{
  save_advice (MDG_FOLLOW_UPS_PAGE (section));
}

static void
mdg_follow_ups_page_dispose (GObject *object)
{
  MdgFollowUpsPage *self = MDG_FOLLOW_UPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_FOLLOW_UPS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->shown);

  G_OBJECT_CLASS (mdg_follow_ups_page_parent_class)->dispose (object);
}

static void
mdg_follow_ups_page_finalize (GObject *object)
{
  g_free (MDG_FOLLOW_UPS_PAGE (object)->filter);

  G_OBJECT_CLASS (mdg_follow_ups_page_parent_class)->finalize (object);
}

static void
mdg_follow_ups_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MdgFollowUpsPage *self = MDG_FOLLOW_UPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_follow_ups_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MdgFollowUpsPage *self = MDG_FOLLOW_UPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      mdg_follow_ups_page_set_filter (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_follow_ups_page_class_init (MdgFollowUpsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdgSectionClass *section_class = MDG_SECTION_CLASS (klass);

  object_class->dispose = mdg_follow_ups_page_dispose;
  object_class->finalize = mdg_follow_ups_page_finalize;
  object_class->get_property = mdg_follow_ups_page_get_property;
  object_class->set_property = mdg_follow_ups_page_set_property;
  widget_class->map = mdg_follow_ups_page_map;
  section_class->close = mdg_follow_ups_page_close;

  /* "mine", "all" (open) or "done": the follow-ups listed. */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MDG_TYPE_FOLLOW_UP_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-follow-ups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, letter_button);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, due_row);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, consultation_group);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, organization_row);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, person_row);
  gtk_widget_class_bind_template_child (widget_class, MdgFollowUpsPage, advice_view);
  gtk_widget_class_bind_template_callback (widget_class, is_follow_up);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "followups.filter", "filter");
  gtk_widget_class_install_action (widget_class, "followups.toggle-done", NULL, toggle_done_action);
  gtk_widget_class_install_action (widget_class, "followups.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "followups.save-advice", NULL, save_advice_action);
  gtk_widget_class_install_action (widget_class, "followups.print-letter", NULL, print_letter_action);
  gtk_widget_class_install_action (widget_class, "followups.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "followups.toggle-done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "followups.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "followups.save-advice", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "followups.print-letter", NULL);
}

static void
mdg_follow_ups_page_init (MdgFollowUpsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Someone chose who they are in Preferences: "Mine" is someone else's now. The key
   * is read here, so that GSettings tells of its changes. */
  self->settings = g_settings_new (BASE_APP_ID);
  self->filter = g_strdup (g_settings_get_int64 (self->settings, "current-staff") > 0 ? "mine" : "all");
  g_signal_connect_object (self->settings, "changed::current-staff", G_CALLBACK (current_staff_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->store = g_list_store_new (G_TYPE_OBJECT);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->advice_view), "changed", G_CALLBACK (advice_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_back_button), self, G_CONNECT_SWAPPED);
  _mdg_list_open_on_click (GTK_WIDGET (self->list_view), self->leaflet);
  update_back_button (self);
  show_follow_up (self, NULL);
}

const char *
mdg_follow_ups_page_get_filter (MdgFollowUpsPage *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UPS_PAGE (self), NULL);
  return self->filter;
}

void
mdg_follow_ups_page_set_filter (MdgFollowUpsPage *self,
                                const char       *filter)
{
  g_return_if_fail (MDG_IS_FOLLOW_UPS_PAGE (self));

  if (g_strcmp0 (filter, "mine") != 0 && g_strcmp0 (filter, "done") != 0)
    filter = "all";
  if (g_str_equal (filter, self->filter))
    return;
  g_free (self->filter);
  self->filter = g_strdup (filter);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/* The follow-ups listed, headings left out. */
guint
mdg_follow_ups_page_get_n_listed (MdgFollowUpsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (MDG_IS_FOLLOW_UPS_PAGE (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      n += MDG_IS_FOLLOW_UP (item);
    }
  return n;
}

/* Returns: (transfer none) (nullable): the follow-up listed at @index, headings left out */
MdgFollowUp *
mdg_follow_ups_page_get_listed (MdgFollowUpsPage *self,
                                guint             index)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UPS_PAGE (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (MDG_IS_FOLLOW_UP (item) && index-- == 0)
        return MDG_FOLLOW_UP (item);
    }
  return NULL;
}

/* Selects the follow-up @id, now if it is listed, else once the list has loaded. */
void
mdg_follow_ups_page_select (MdgFollowUpsPage *self,
                            gint64            id)
{
  g_return_if_fail (MDG_IS_FOLLOW_UPS_PAGE (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (MDG_IS_FOLLOW_UP (item) && mdg_follow_up_get_id (MDG_FOLLOW_UP (item)) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
          return;
        }
    }
  self->select_id = id;
}

/* Returns: (transfer none) (nullable): the follow-up shown in the detail pane */
MdgFollowUp *
mdg_follow_ups_page_get_selected (MdgFollowUpsPage *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UPS_PAGE (self), NULL);
  return self->shown;
}

gboolean
mdg_follow_ups_page_is_loading (MdgFollowUpsPage *self)
{
  g_return_val_if_fail (MDG_IS_FOLLOW_UPS_PAGE (self), FALSE);
  return self->loading;
}
