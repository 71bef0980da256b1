/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-presenter-session"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-presenter-session.h"

/*
 * A presentation from start to end: one presenter (the controller), a renderer with
 * two workers, a preloader, and the two windows that observe them. With two screens or
 * more, the audience window goes full-screen on the screen chosen last time (or the
 * last one: the projector is usually plugged in after the laptop's own) and the
 * console full-screen on another; with one screen, or when rehearsing, both are
 * ordinary windows. The deck, its texts and its slot are read off the main thread.
 */

struct _MdgPresenterSession
{
  GObject              parent_instance;

  GtkApplication      *application;
  GSettings           *settings;
  MdgPresenter        *presenter;
  MdgPageRenderer     *renderer;
  MdgSlidePreloader   *preloader;
  MdgPresenterConsole *console;    /* owned by the application while shown */
  MdgAudienceWindow   *audience;
  gboolean             rehearsal;
  gboolean             ending;
};

G_DEFINE_FINAL_TYPE (MdgPresenterSession, mdg_presenter_session, G_TYPE_OBJECT)

/* What the worker reads. */
typedef struct
{
  char            *database_path;
  gint64           deck_id;
  guint            revision_number;  /* 0 for the newest */
  gboolean         rehearse;
  char            *title;
  char            *pdf_path;
  MdgDeckRevision *revision;
  GPtrArray       *pages;
  guint            minutes;
  guint            latest;           /* the deck's newest revision */
} Load;

static void
load_free (Load *load)
{
  g_free (load->database_path);
  g_free (load->title);
  g_free (load->pdf_path);
  g_clear_object (&load->revision);
  g_clear_pointer (&load->pages, g_ptr_array_unref);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeck) deck = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;

  if (!(db = mdg_database_open (load->database_path, &error)) ||
      !(deck = mdg_deck_store_load (db, load->deck_id, &error)) ||
      !(load->revision = mdg_deck_store_load_revision (db, load->deck_id, load->revision_number, &error)) ||
      !(load->pages = mdg_deck_store_list_pages (db, mdg_deck_revision_get_id (load->revision), &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  load->title = g_strdup (mdg_deck_get_title (deck));
  load->latest = mdg_deck_get_latest_number (deck);
  load->pdf_path = mdg_deck_library_get_pdf_path (db, load->revision);
  if (!g_file_test (load->pdf_path, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The file of “%s” is missing from the data folder (%s). Restore the folder from a "
                                 "backup, or import the deck again."),
                               load->title, load->pdf_path);
      return;
    }
  /* The timer counts down the slot the deck is presented in next, when it has one. */
  if (!mdg_deck_store_find_program_slot (db, load->deck_id, now, NULL, &load->minutes, &error) && error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static GdkMonitor *
monitor_at (GListModel *monitors,
            guint       index)
{
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, index);

  /* The display keeps its monitors. */
  return monitor;
}

static guint
audience_index (MdgPresenterSession *self,
                GListModel          *monitors)
{
  g_autofree char *wanted = g_settings_get_string (self->settings, "presenter-monitor");
  guint n = g_list_model_get_n_items (monitors);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gdk_monitor_get_connector (monitor_at (monitors, i)), wanted) == 0)
      return i;
  return n - 1;
}

typedef struct
{
  GtkWindow  *window;
  GdkMonitor *monitor;
} Refill;

static void
refill_free (Refill *refill)
{
  g_object_unref (refill->window);
  g_object_unref (refill->monitor);
  g_free (refill);
}

static gboolean
refill_cb (gpointer user_data)
{
  Refill *refill = user_data;

  gtk_window_fullscreen_on_monitor (refill->window, refill->monitor);
  return G_SOURCE_REMOVE;
}

static void
fullscreen_left_cb (GtkWindow  *window,
                    GParamSpec *pspec,
                    GdkMonitor *monitor)
{
  Refill *refill;

  if (gtk_window_is_fullscreen (window))
    return;
  g_signal_handlers_disconnect_by_func (window, fullscreen_left_cb, monitor);
  /* Once the compositor has finished taking it out of full screen. */
  refill = g_new0 (Refill, 1);
  refill->window = g_object_ref (window);
  refill->monitor = g_object_ref (monitor);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refill_cb, refill, (GDestroyNotify) refill_free);
}

/* A full-screen window does not change screens in place (compositors keep it where it
 * is): it leaves full screen first, then fills the other screen. */
static void
fullscreen_on (GtkWindow  *window,
               GdkMonitor *monitor)
{
  g_signal_handlers_disconnect_matched (window, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, fullscreen_left_cb, NULL);
  if (gtk_window_is_fullscreen (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      g_signal_connect_object (window, "notify::fullscreened", G_CALLBACK (fullscreen_left_cb), monitor, 0);
      gtk_window_unfullscreen (window);
    }
  else
    gtk_window_fullscreen_on_monitor (window, monitor);
}

static void
place_windows (MdgPresenterSession *self,
               guint                audience)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self->console)));
  guint n = g_list_model_get_n_items (monitors);

  if (self->rehearsal)
    {
      gtk_window_unfullscreen (GTK_WINDOW (self->audience));
      gtk_window_unfullscreen (GTK_WINDOW (self->console));
      gtk_window_set_default_size (GTK_WINDOW (self->audience), 800, 450);
      return;
    }
  fullscreen_on (GTK_WINDOW (self->audience), monitor_at (monitors, audience));
  if (n > 1)
    fullscreen_on (GTK_WINDOW (self->console), monitor_at (monitors, audience == 0 ? 1 : 0));
}

static void
move_audience_cb (MdgPresenterSession *self,
                  GdkMonitor          *monitor)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_monitor_get_display (monitor));

  /* Remembered by its connector: the projector is on the same port next time. */
  g_settings_set_string (self->settings, "presenter-monitor", gdk_monitor_get_connector (monitor) ?: "");
  place_windows (self, audience_index (self, monitors));
}

/* Ends the presentation: both windows go, whichever was closed first. */
static void
end_session (MdgPresenterSession *self)
{
  g_autoptr(MdgPresenterSession) hold = g_object_ref (self);

  if (self->ending)
    return;
  self->ending = TRUE;
  if (self->audience != NULL)
    gtk_window_destroy (GTK_WINDOW (self->audience));
  if (self->console != NULL)
    gtk_window_destroy (GTK_WINDOW (self->console));
}

static gboolean
end_idle_cb (gpointer user_data)
{
  end_session (user_data);
  return G_SOURCE_REMOVE;
}

/* Esc arrives inside a key event of a window: the windows go once it is handled. */
static void
leave_cb (MdgPresenterSession *self)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, end_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
close_request_cb (MdgPresenterSession *self)
{
  end_session (self);
  return TRUE;
}

static void
window_destroyed_cb (MdgPresenterSession *self,
                     GtkWidget           *window)
{
  if (window == GTK_WIDGET (self->audience))
    self->audience = NULL;
  if (window == GTK_WIDGET (self->console))
    self->console = NULL;
  end_session (self);
}

static void
mdg_presenter_session_dispose (GObject *object)
{
  MdgPresenterSession *self = (MdgPresenterSession *) object;

  g_clear_object (&self->preloader);
  g_clear_object (&self->renderer);
  g_clear_object (&self->presenter);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (mdg_presenter_session_parent_class)->dispose (object);
}

static void
mdg_presenter_session_class_init (MdgPresenterSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mdg_presenter_session_dispose;
}

static void
mdg_presenter_session_init (MdgPresenterSession *self)
{
  self->settings = g_settings_new (APP_ID);
}

static MdgPresenterSession *
open_windows (GtkApplication *application,
              Load           *load)
{
  MdgPresenterSession *self = g_object_new (MDG_TYPE_PRESENTER_SESSION, NULL);
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  guint audience = 0;
  g_autofree char *subtitle = NULL;

  self->application = g_object_ref (application);
  self->rehearsal = load->rehearse || g_list_model_get_n_items (monitors) < 2;
  self->presenter = mdg_presenter_new (mdg_deck_revision_get_page_count (load->revision));
  mdg_presenter_set_duration (self->presenter, load->minutes * 60);
  self->renderer = mdg_page_renderer_new (load->pdf_path, mdg_deck_revision_get_sha256 (load->revision), 2);
  self->preloader = mdg_slide_preloader_new (self->renderer, self->presenter);

  if (self->rehearsal)
    subtitle = g_strdup (_("Rehearsal"));
  else if (load->minutes > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A %u-minute slot", "A %u-minute slot", load->minutes),
                                load->minutes);
  /* An older revision than the deck's newest is said, so the presenter is not surprised. */
  if (mdg_deck_revision_get_number (load->revision) < load->latest)
    {
      /* Translators: in the presenter console, when an older revision of the deck is shown */
      g_autofree char *older = g_strdup_printf (_("Revision %u of %u"), mdg_deck_revision_get_number (load->revision),
                                                load->latest);
      char *both = subtitle != NULL ? g_strdup_printf (_("%s · %s"), subtitle, older) : g_strdup (older);

      g_free (subtitle);
      subtitle = both;
    }
  self->audience = mdg_audience_window_new (self->preloader, self->presenter);
  self->console = mdg_presenter_console_new (self->preloader, self->presenter, self->renderer, load->pages, load->title,
                                             subtitle);
  gtk_window_set_application (GTK_WINDOW (self->audience), application);
  gtk_window_set_application (GTK_WINDOW (self->console), application);
  gtk_window_set_title (GTK_WINDOW (self->audience), load->title);

  /* The windows keep the session; it ends with either of them. */
  g_object_set_data_full (G_OBJECT (self->console), "mdg-presenter-session", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (self->audience), "mdg-presenter-session", g_object_ref (self), g_object_unref);
  g_signal_connect_object (self->presenter, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->console, "close-request", G_CALLBACK (close_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience, "close-request", G_CALLBACK (close_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->console, "destroy", G_CALLBACK (window_destroyed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience, "destroy", G_CALLBACK (window_destroyed_cb), self, G_CONNECT_SWAPPED);

  if (!self->rehearsal)
    {
      audience = audience_index (self, monitors);
      mdg_presenter_console_set_monitors (self->console, monitors, audience);
      g_signal_connect_object (self->console, "move-audience", G_CALLBACK (move_audience_cb), self, G_CONNECT_SWAPPED);
    }
  place_windows (self, audience);
  gtk_window_present (GTK_WINDOW (self->audience));
  /* The console last: it takes the keyboard. */
  gtk_window_present (GTK_WINDOW (self->console));
  return self;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, open_windows (g_task_get_source_object (task), load), g_object_unref);
}

/**
 * mdg_presenter_session_start_async:
 * @application: the application the windows belong to
 * @db: the database
 * @deck_id: the deck to present
 * @revision_number: which of its revisions, or 0 for the newest
 * @rehearse: both views as windows on this screen, whatever the screens
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the windows are shown
 * @user_data: data for @callback
 *
 * Reads the deck off the main thread, then opens the presentation.
 */
void
mdg_presenter_session_start_async (GtkApplication      *application,
                                   MdgDatabase         *db,
                                   gint64               deck_id,
                                   guint                revision_number,
                                   gboolean             rehearse,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (application, cancellable, callback, user_data);
  GTask *read;
  Load *load = g_new0 (Load, 1);

  g_task_set_source_tag (task, mdg_presenter_session_start_async);
  load->database_path = g_strdup (mdg_database_get_path (db));
  load->deck_id = deck_id;
  load->revision_number = revision_number;
  load->rehearse = rehearse;
  read = g_task_new (NULL, cancellable, loaded_cb, g_steal_pointer (&task));
  g_task_set_task_data (read, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (read, load_thread);
  g_object_unref (read);
}

/* Returns: (transfer full): the session, or %NULL with @error set */
MdgPresenterSession *
mdg_presenter_session_start_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_presenter_session_start_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (transfer none): the presentation's controller */
MdgPresenter *
mdg_presenter_session_get_presenter (MdgPresenterSession *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER_SESSION (self), NULL);
  return self->presenter;
}

/* Returns: (transfer none) (nullable): the console, until the presentation ends */
MdgPresenterConsole *
mdg_presenter_session_get_console (MdgPresenterSession *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER_SESSION (self), NULL);
  return self->console;
}

/* Returns: (transfer none) (nullable): the audience window, until the presentation ends */
MdgAudienceWindow *
mdg_presenter_session_get_audience (MdgPresenterSession *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER_SESSION (self), NULL);
  return self->audience;
}

/* Returns: (transfer none): the slides rendered ahead of the presenter */
MdgSlidePreloader *
mdg_presenter_session_get_preloader (MdgPresenterSession *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER_SESSION (self), NULL);
  return self->preloader;
}

gboolean
mdg_presenter_session_is_rehearsal (MdgPresenterSession *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER_SESSION (self), FALSE);
  return self->rehearsal;
}
