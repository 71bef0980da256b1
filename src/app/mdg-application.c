/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-application.h"
#include "mdg-demo.h"
#include "mdg-desk.h"
#include "mdg-preferences-window.h"
#include "mdg-presenter-session.h"
#include "mdg-startup-check.h"
#include "mdg-window.h"

struct _MdgApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  MdgDatabase    *database;
  gboolean        sample_pending; /* Explore Sample Data: the sample is being prepared */
  gint64          present_deck;   /* --present DECK: the presenter instead of the window */
  gboolean        launched;       /* started from its command line (not a test's register) */
  GThread        *opening;        /* opens the database while GTK and libadwaita set up */
};

G_DEFINE_FINAL_TYPE (MdgApplication, mdg_application, ADW_TYPE_APPLICATION)

/* Set by mdg_application_skip_gtk_theme(): GTK_THEME is ours until start-up. */
static gboolean gtk_theme_borrowed;

/* The guide is installed under the stable id, whichever profile runs (help/meson.build). */
#define MDG_HELP_URI  "help:" BASE_APP_ID
#define MDG_WEBSITE   "https://github.com/madoguchi/madoguchi"
#define MDG_ISSUE_URL "https://github.com/madoguchi/madoguchi/issues"

static char *
sample_path (MdgApplication *self)
{
  g_autofree char *folder = g_path_get_dirname (mdg_application_get_database_path (self));

  /* Beside the user's database, never in it. */
  return g_build_filename (folder, "sample.db", NULL);
}

static GtkWindow *
window_for (MdgApplication *self,
            MdgDatabase    *database)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (MDG_IS_WINDOW (l->data) && mdg_window_get_database (l->data) == database)
      return l->data;
  return NULL;
}

static void
show_open_error (MdgApplication *self,
                 GError         *error)
{
  GtkWidget *dialog;

  /* Without a database there is nothing to show but why, and what to do. */
  dialog = adw_message_dialog_new (NULL, _("Madoguchi Could Not Open Its Database"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
sample_window (MdgApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (MDG_IS_WINDOW (l->data) && mdg_window_get_sample (l->data))
      return l->data;
  return NULL;
}

/*
 * The sample database is open only while its window is: the window holds the one
 * connection of the main thread, and closing the window closes it. A connection kept
 * for the next Explore outlived what other programs did to the file meanwhile: SQLite
 * shares one mapping of the -shm file between all the connections of a process, so
 * when madoguchi-cli had checkpointed and removed the -wal and -shm files (it could,
 * once this process's locks were gone: a close() of any descriptor of the file drops
 * them all), every connection opened afterwards read the old mapping and failed with
 * SQLITE_IOERR_SHORT_READ or "damaged" until Madoguchi was quit.
 */
static void
sample_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MdgApplication) self = user_data;
  g_autoptr(MdgDatabase) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_path (self);
  GtkWindow *window;

  self->sample_pending = FALSE;
  if (!mdg_demo_prepare_finish (result, &error) || !(sample = mdg_database_open (path, &error)))
    {
      show_open_error (self, error);
      g_application_release (G_APPLICATION (self));
      return;
    }

  window = GTK_WINDOW (mdg_window_new (self, sample, TRUE));
  gtk_window_present (window);
  g_application_release (G_APPLICATION (self));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MdgApplication *self = user_data;
  g_autofree char *path = sample_path (self);
  GtkWindow *window = sample_window (self);

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* Pressed twice: one preparation fills the sample, and one window shows it. */
  if (self->sample_pending)
    return;

  /* Filling the sample touches the disk: not on the main loop. */
  self->sample_pending = TRUE;
  g_application_hold (G_APPLICATION (self));
  mdg_demo_prepare_async (path, NULL, sample_ready_cb, g_object_ref (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MdgApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (mdg_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)))));
}

/* Preferences at the desk's staff: where the toasts that need staff send the user. */
static void
staff_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MdgApplication *self = user_data;
  GtkWidget *preferences = mdg_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "staff");
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The database of the active window: the sample's when that is the one in front. */
static MdgDatabase *
active_database (MdgApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return MDG_IS_WINDOW (window) ? mdg_window_get_database (MDG_WINDOW (window)) : self->database;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MdgApplication *self = user_data;
  static const char *developers[] = { "The Madoguchi developers", NULL };
  MdgDatabase *db = active_database (self);
  g_autoptr(MdgDeskContact) desk = db ? mdg_desk_contact_load (db, NULL) : NULL;
  g_autofree char *contact = desk && mdg_desk_contact_is_set (desk) ? mdg_desk_contact_format (desk) : NULL;
  g_autofree char *comments = NULL;
  g_autofree char *debug_info = NULL;
  GtkWidget *about;

  /* Whom to ask first is the desk itself: its contact, as its letters print it. */
  comments = contact ? g_strdup_printf ("%s\n\n%s\n%s",
                                        _("Seminars, consultations and follow-ups for the cybersecurity support desk of small and medium enterprises"),
                                        _("Your desk:"), contact)
                     : g_strdup (_("Seminars, consultations and follow-ups for the cybersecurity support desk of small and medium enterprises"));
  debug_info = g_strdup_printf ("Madoguchi %s\nGTK %u.%u.%u, libadwaita %u.%u.%u\n%s: %s\n",
                                PACKAGE_VERSION, gtk_get_major_version (), gtk_get_minor_version (),
                                gtk_get_micro_version (), adw_get_major_version (), adw_get_minor_version (),
                                adw_get_micro_version (), _("Database"), db ? mdg_database_get_path (db) : "—");

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Madoguchi"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Madoguchi developers"),
                        "developers", developers,
                        "documenters", developers,
                        "comments", comments,
                        "website", MDG_WEBSITE,
                        "issue-url", MDG_ISSUE_URL,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Madoguchi developers",
                        "debug-info", debug_info,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  if (desk != NULL && desk->url != NULL && *desk->url != '\0')
    adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("The Desk’s Website"), desk->url);
  if (desk != NULL && desk->email != NULL && *desk->email != '\0')
    {
      g_autofree char *mailto = g_strconcat ("mailto:", desk->email, NULL);

      adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Write to the Desk"), mailto);
    }
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkWindow *parent = source ? GTK_WINDOW (source) : NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;
  /* Without a help viewer, say where the guide can be read instead of failing silently. */
  dialog = adw_message_dialog_new (parent, _("The User Guide Could Not Be Opened"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message,
                                  _("The guide is read with GNOME Help: install the “yelp” package. "
                                    "The command line’s manual is “man madoguchi-cli”."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The user guide, in the desktop's help viewer; it picks the user's language itself. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MdgApplication *self = user_data;

  gtk_show_uri_full (gtk_application_get_active_window (GTK_APPLICATION (self)), MDG_HELP_URI, GDK_CURRENT_TIME,
                     NULL, help_shown_cb, NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MdgApplication *self = user_data;

  /* Closing each window lets it finish pending work (deletions awaiting undo). */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l;)
    {
      GList *next = l->next;
      gtk_window_close (l->data);
      l = next;
    }
}

static const GActionEntry app_actions[] = {
  { "open-sample", open_sample_action },
  { "preferences", preferences_action },
  { "staff", staff_action },
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

static int
mdg_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  MdgApplication *self = MDG_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      mdg_application_set_database_path (self, path);
      /* Another database is another instance; a running Madoguchi keeps its own. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_lookup (options, "present", "x", &self->present_deck))
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  self->launched = TRUE;
  return G_APPLICATION_CLASS (mdg_application_parent_class)->handle_local_options (app, options);
}

static void
presentation_started_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(MdgApplication) self = user_data;
  g_autoptr(MdgPresenterSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = mdg_presenter_session_start_finish (result, &error);
  if (session == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (NULL, _("The Deck Could Not Be Presented"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_application_release (G_APPLICATION (self));
}

/* What the opening thread gives back. */
typedef struct
{
  MdgDatabase *database;
  GError      *error;
} Opened;

static gpointer
open_thread (gpointer data)
{
  g_autofree char *path = data;
  Opened *opened = g_new0 (Opened, 1);

  opened->database = mdg_database_open (path, &opened->error);
  return opened;
}

/* Returns: (transfer full) (nullable): the database the opening thread opened */
static MdgDatabase *
join_opening (MdgApplication  *self,
              GError         **error)
{
  Opened *opened = g_thread_join (g_steal_pointer (&self->opening));
  MdgDatabase *database = opened->database;

  if (opened->error != NULL)
    g_propagate_error (error, opened->error);
  g_free (opened);
  return database;
}

static void
mdg_application_startup (GApplication *app)
{
  MdgApplication *self = MDG_APPLICATION (app);
  /* Only app.* and win.* actions here: a section's shortcuts live on the section, where its actions are. */
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.sync", { "<Control>r", NULL } },
  };

  /* Opening a database reads its whole schema: a worker does it on the other core while
   * GTK and libadwaita set up, and the window's activation takes the connection over
   * (SQLite allows that, one thread at a time). Only when started from the command line,
   * where the window is sure to follow. */
  if (self->launched && self->database == NULL && self->opening == NULL)
    self->opening = g_thread_new ("mdg-open", open_thread, g_strdup (mdg_application_get_database_path (self)));

  /* GTK makes its settings, and loads its theme, in the first call that needs them: here,
   * while GTK_THEME still names the empty theme. Then libadwaita sees no GTK_THEME and loads
   * its own style sheet as always. */
  if (gtk_theme_borrowed)
    {
      if (gtk_init_check ())
        gtk_settings_get_default ();
      g_unsetenv ("GTK_THEME");
      gtk_theme_borrowed = FALSE;
    }

  G_APPLICATION_CLASS (mdg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static void
mdg_application_activate (GApplication *app)
{
  MdgApplication *self = MDG_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  gboolean opened = FALSE;
  GtkWindow *window;

  if (self->database == NULL)
    {
      if (self->opening != NULL)
        self->database = join_opening (self, &error);
      else
        self->database = mdg_database_open (mdg_application_get_database_path (self), &error);
      opened = self->database != NULL;
    }
  if (self->database == NULL)
    {
      show_open_error (self, error);
      return;
    }

  if (self->present_deck > 0)
    {
      g_application_hold (app);
      mdg_presenter_session_start_async (GTK_APPLICATION (self), self->database, self->present_deck, 0, FALSE, NULL,
                                         presentation_started_cb, g_object_ref (self));
      self->present_deck = 0;
      return;
    }

  window = window_for (self, self->database);
  if (window == NULL)
    window = GTK_WINDOW (mdg_window_new (self, self->database, FALSE));
  gtk_window_present (window);

  if (opened)
    {
      /* The main thread never waits long for another writer (an import elsewhere). */
      mdg_database_set_busy_wait (self->database, MDG_DATABASE_BUSY_WAIT_INTERACTIVE);
      _mdg_startup_check (window, self->database);
    }
}

static void
mdg_application_finalize (GObject *object)
{
  MdgApplication *self = (MdgApplication *) object;

  /* Started but never activated: the thread ends all the same. */
  if (self->opening != NULL)
    {
      g_autoptr(MdgDatabase) unused = join_opening (self, NULL);
    }
  g_clear_object (&self->database);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (mdg_application_parent_class)->finalize (object);
}

static void
mdg_application_class_init (MdgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mdg_application_finalize;
  app_class->handle_local_options = mdg_application_handle_local_options;
  app_class->startup = mdg_application_startup;
  app_class->activate = mdg_application_activate;
}

static void
mdg_application_init (MdgApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database instead of your own"), N_("PATH") },
    { "present", 0, 0, G_OPTION_ARG_INT64, NULL, N_("Present this slide deck (its number)"), N_("DECK") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * mdg_application_skip_gtk_theme:
 *
 * Spares the start the parse of GTK's own Adwaita style sheet, which libadwaita replaces
 * with its own at once: about a quarter of the processor time before the first frame
 * (README, "The first frame"). Sets `GTK_THEME` to GTK's empty theme until the
 * application's start-up has made GTK's settings, and takes it out again there, before
 * libadwaita reads it and before anything is started that would inherit it. A theme the
 * user set in `GTK_THEME` is left alone.
 *
 * Call it first thing in main(), while the process has one thread: setting the
 * environment is not safe once others run.
 */
void
mdg_application_skip_gtk_theme (void)
{
  if (g_getenv ("GTK_THEME") != NULL)
    return;
  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  gtk_theme_borrowed = TRUE;
}

MdgApplication *
mdg_application_new (void)
{
  return g_object_new (MDG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/madoguchi/Madoguchi",
                       NULL);
}

/* Returns: the database this application opens: --database, $MADOGUCHI_DATABASE or the default */
const char *
mdg_application_get_database_path (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), NULL);

  if (self->database_path == NULL)
    self->database_path = mdg_database_default_path ();
  return self->database_path;
}

void
mdg_application_set_database_path (MdgApplication *self,
                                   const char     *path)
{
  g_return_if_fail (MDG_IS_APPLICATION (self));
  g_return_if_fail (self->database == NULL);

  g_free (self->database_path);
  self->database_path = g_strdup (path);
}
