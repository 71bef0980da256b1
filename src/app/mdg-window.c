/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultations-page.h"
#include "mdg-contacts-page.h"
#include "mdg-decks-page.h"
#include "mdg-database-watch.h"
#include "mdg-follow-ups-page.h"
#include "mdg-faq-page.h"
#include "mdg-reports-page.h"
#include "mdg-seminars-page.h"
#include "mdg-sync-client.h"
#include "mdg-sync-conflicts-dialog.h"
#include "mdg-threats-page.h"
#include "mdg-window.h"

/*
 * How the window is built
 *
 * The window is a sidebar of sections beside a GtkStack. Each section is an
 * MdgSection subclass with its own template; it is made the first time it is
 * opened (so the first frame builds only what it shows) and gets the window's
 * database as a construct property.
 *
 * Children never call their window. They talk upwards through actions:
 *   win.toast ("s")     a message in the window's toast overlay;
 *   win.waiting ("b")   a write waits for another writer (_mdg_write_watch_new());
 *   win.show-sidebar    back to the sidebar when it is folded away.
 * A section or pane that offers Undo makes an AdwToastOverlay the child of its
 * template and installs the undo action on itself, so that the toast's button
 * reaches it (_mdg_add_toast()); deleting with Undo is MdgUndoDeletions, for any
 * list whose store deletes by id. _mdg_toast() puts a message in the nearest
 * overlay, the page's or else the window's (through win.toast), so that one
 * page's toasts follow each other instead of lying over each other; every toast's
 * text is escaped (_mdg_toast_new()). The window talks downwards through MdgSection: "narrow"
 * (the sidebar is folded), search() and close(); it listens to "fills-window",
 * and folds its sidebar away while a section needs the whole width.
 *
 * Team sync: the window owns the MdgSyncClient of its database (none for the sample
 * data). Its status sits quietly in the sidebar's footer, only once a team server is
 * set up; win.sync (Ctrl+R, the footer's button, the main menu) syncs in a worker,
 * the client syncs on its own every few minutes, and closing the window syncs once
 * more when the server was reachable. When a sync brought records, every open
 * section reads again (mdg_section_refresh()).
 *
 * Keyboard shortcuts live on the widget that owns their actions
 * (gtk_widget_class_add_binding_action(), or a GtkShortcutController in the
 * .ui for a shortcut that belongs to one list); only app.* and win.* actions get
 * application accelerators. ui/gtk/help-overlay.ui lists them all; it is built when
 * first asked for (win.show-help-overlay), not with every window, which is why the
 * gresource names it mdg-help-overlay.ui rather than the gtk/help-overlay.ui that
 * GtkApplication would build for each window it adds.
 *
 * Lists are GtkListView or GtkColumnView over GListModels, their rows .ui
 * templates (MdgSeminarRow, MdgPersonRow, …), so that a list of any length makes
 * widgets only for the rows on screen. Database work runs in workers through the
 * stores' _async functions (mdg-store-async.h); their callbacks look at the error
 * before they touch the widget, which may be gone.
 */

struct _MdgWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_separator;
  GtkWidget            *sample_banner;
  GtkRevealer          *waiting_revealer;
  GtkStack             *stack;
  GtkWidget            *sync_box;
  GtkLabel             *sync_label;
  GtkWidget            *sync_conflicts_button;

  /* owned */
  MdgDatabase          *database;
  GSettings            *settings;
  MdgSyncClient        *sync;
  GCancellable         *sync_cancellable;
  guint                 sync_tick;

  guint                 waiting;
  gboolean              sample;
  gboolean              closing_synced;
};

/* How often the window syncs while a team server is set up, and how long closing waits. */
#define SYNC_INTERVAL_SECONDS 300
#define CLOSING_SYNC_SECONDS  15

G_DEFINE_FINAL_TYPE (MdgWindow, mdg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sections of DESIGN.md, in sidebar order; each is built when first shown. */
static const struct {
  const char *name;
  const char *icon;
  const char *title;
  GType     (*get_type) (void);
} sections[] = {
  { "seminars", "x-office-calendar-symbolic", N_("Seminars"), mdg_seminars_page_get_type },
  { "contacts", "x-office-address-book-symbolic", N_("Contacts"), mdg_contacts_page_get_type },
  { "consultations", "call-start-symbolic", N_("Consultations"), mdg_consultations_page_get_type },
  { "follow-ups", "task-due-symbolic", N_("Follow-ups"), mdg_follow_ups_page_get_type },
  { "decks", "x-office-presentation-symbolic", N_("Slide Decks"), mdg_decks_page_get_type },
  { "faq", "help-faq-symbolic", N_("FAQ"), mdg_faq_page_get_type },
  { "threats", "security-medium-symbolic", N_("Threat Info"), mdg_threats_page_get_type },
  { "reports", "x-office-spreadsheet-symbolic", N_("Reports"), mdg_reports_page_get_type },
};

static int
section_index (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].name, name))
      return i;
  return -1;
}

static GtkWidget *
create_sidebar_row (guint index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(sections[index].title));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (sections[index].icon));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, sections[index].name);
  return row;
}

static void
sidebar_row_activated_cb (MdgWindow     *self,
                          GtkListBoxRow *row)
{
  MdgSection *section = mdg_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));

  /* A section's shortcuts (Ctrl+O in Slide Decks, Ctrl+N in Seminars) act where the
   * keyboard is inside it: the section chosen takes the keyboard from the sidebar. */
  gtk_widget_child_focus (GTK_WIDGET (section), GTK_DIR_TAB_FORWARD);
}

static void
section_fills_window_cb (MdgWindow  *self,
                         GParamSpec *pspec,
                         MdgSection *section)
{
  gboolean fills = mdg_section_get_fills_window (section);

  if (gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (section))
    return;
  /* The desk and the attendee table take the sidebar's room; a back button returns. */
  gtk_widget_set_visible (self->sidebar, !fills);
  gtk_widget_set_visible (self->sidebar_separator, !fills);
  if (fills)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
}

static MdgSection *
create_section (MdgWindow *self,
                guint      index)
{
  GtkWidget *section;

  section = g_object_new (sections[index].get_type (), "database", self->database, NULL);

  g_object_bind_property (self->leaflet, "folded", section, "narrow", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (section, "notify::fills-window", G_CALLBACK (section_fills_window_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, section, sections[index].name);
  return MDG_SECTION (section);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdgWindow *self = MDG_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgWindow *self = MDG_WINDOW (widget);
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);

  if (visible != NULL)
    mdg_section_search (MDG_SECTION (visible));
}

static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  /* Building it takes ~10 ms: a person asks for it, the first frame does not. */
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/madoguchi/Madoguchi/mdg-help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgWindow *self = MDG_WINDOW (widget);
  AdwToast *toast = _mdg_toast_new (g_variant_get_string (parameter, NULL));

  /* Messages are read, not acted on: a little longer than the default. */
  adw_toast_set_timeout (toast, 6);
  _mdg_add_toast (GTK_WIDGET (self->toast_overlay), toast);
}

static void
waiting_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgWindow *self = MDG_WINDOW (widget);

  /* Several writes may wait at once; the notice stays until the last is done. */
  if (g_variant_get_boolean (parameter))
    self->waiting++;
  else if (self->waiting > 0)
    self->waiting--;
  if (self->waiting > 0)
    gtk_widget_set_visible (GTK_WIDGET (self->waiting_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->waiting_revealer, self->waiting > 0);
}

/* The footer's line: nothing without a team server, else the client's status in words. */
static void
update_sync_status (MdgWindow *self)
{
  MdgSyncState state;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *line = NULL;
  gboolean set_up;

  if (self->sync == NULL)
    return;
  state = mdg_sync_client_get_state (self->sync);
  set_up = state != MDG_SYNC_STATE_NOT_SET_UP;
  now = g_date_time_new_now_utc ();
  line = mdg_sync_client_describe (self->sync, now);

  gtk_widget_set_visible (self->sync_box, set_up);
  gtk_label_set_text (self->sync_label, set_up ? line : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_label), mdg_sync_client_get_message (self->sync));
  if (state == MDG_SYNC_STATE_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "error");
  gtk_widget_set_visible (self->sync_conflicts_button, set_up && mdg_sync_client_get_conflicts (self->sync) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", set_up);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-conflicts", set_up);
}

/* Another laptop's records arrived: what the sections show is read again. */
static void
sync_last_synced_cb (MdgWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child;
       child = gtk_widget_get_next_sibling (child))
    if (MDG_IS_SECTION (child))
      mdg_section_refresh (MDG_SECTION (child));
  update_sync_status (self);
}

static void
sync_refreshed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The properties' notifications update the line; a failed read leaves it as it was. */
  if (!mdg_sync_client_refresh_finish (MDG_SYNC_CLIENT (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the sync status: %s", error->message);
}

static void
first_refresh_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MdgSyncClient *sync = MDG_SYNC_CLIENT (source);
  g_autoptr(GError) error = NULL;

  if (!mdg_sync_client_refresh_finish (sync, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the sync status: %s", error->message);
      return;
    }
  /* Opening the window brings the team's changes of the night. */
  if (mdg_sync_client_get_state (sync) != MDG_SYNC_STATE_NOT_SET_UP)
    mdg_sync_client_sync_async (sync, NULL, NULL, NULL);
}

static gboolean
sync_tick_cb (gpointer user_data)
{
  MdgWindow *self = MDG_WINDOW (user_data);

  /* "2 minutes ago" moves on; changes typed meanwhile count as waiting. */
  update_sync_status (self);
  if (mdg_sync_client_get_state (self->sync) != MDG_SYNC_STATE_NOT_SET_UP &&
      mdg_sync_client_get_state (self->sync) != MDG_SYNC_STATE_SYNCING)
    mdg_sync_client_refresh_async (self->sync, self->sync_cancellable, sync_refreshed_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (mdg_sync_client_sync_finish (MDG_SYNC_CLIENT (source), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Asked for by hand: the reason is said aloud too, not only in the footer. */
  _mdg_toast_error (GTK_WIDGET (user_data), error);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgWindow *self = MDG_WINDOW (widget);

  if (self->sync != NULL)
    mdg_sync_client_sync_async (self->sync, self->sync_cancellable, sync_done_cb, self);
}

static void
sync_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MdgWindow *self = MDG_WINDOW (widget);
  GtkWidget *dialog;

  if (self->sync == NULL)
    return;
  dialog = mdg_sync_conflicts_dialog_new (GTK_WINDOW (self), self->database, self->sync);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  MdgWindow    *window;       /* owned */
  GCancellable *cancellable;  /* owned */
  guint         timeout_id;
} ClosingSync;

static void
closing_sync_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ClosingSync *closing = user_data;
  g_autoptr(GError) error = NULL;

  mdg_sync_client_sync_finish (MDG_SYNC_CLIENT (source), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The sync at closing did not finish: %s", error->message);
  g_clear_handle_id (&closing->timeout_id, g_source_remove);
  /* Unless the application was quit meanwhile, which destroyed the window already. */
  if (closing->window->sync != NULL)
    gtk_window_destroy (GTK_WINDOW (closing->window));
  g_object_unref (closing->window);
  g_object_unref (closing->cancellable);
  g_free (closing);
}

static gboolean
closing_timeout_cb (gpointer user_data)
{
  ClosingSync *closing = user_data;

  /* A server that takes too long does not keep Madoguchi open: the changes wait. */
  closing->timeout_id = 0;
  g_cancellable_cancel (closing->cancellable);
  return G_SOURCE_REMOVE;
}

/* Syncs once more before the window goes, when the server was reachable; TRUE if it does. */
static gboolean
sync_before_closing (MdgWindow *self)
{
  ClosingSync *closing;

  if (self->sync == NULL || self->closing_synced ||
      mdg_sync_client_get_state (self->sync) != MDG_SYNC_STATE_IDLE)
    return FALSE;

  self->closing_synced = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  closing = g_new0 (ClosingSync, 1);
  closing->window = g_object_ref (self);
  closing->cancellable = g_cancellable_new ();
  closing->timeout_id = g_timeout_add_seconds (CLOSING_SYNC_SECONDS, closing_timeout_cb, closing);
  mdg_sync_client_sync_async (self->sync, closing->cancellable, closing_sync_done_cb, closing);
  return TRUE;
}

static void
start_sync (MdgWindow *self)
{
  /* The sample data is nobody's team data. */
  if (self->sample)
    return;
  self->sync = mdg_sync_client_new (mdg_database_get_path (self->database));
  self->sync_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->sync, "notify::state", G_CALLBACK (update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::message", G_CALLBACK (update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::waiting", G_CALLBACK (update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::conflicts", G_CALLBACK (update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::last-synced", G_CALLBACK (sync_last_synced_cb), self,
                           G_CONNECT_SWAPPED);
  mdg_sync_client_set_interval (self->sync, SYNC_INTERVAL_SECONDS);
  self->sync_tick = g_timeout_add_seconds (30, sync_tick_cb, self);
  update_sync_status (self);
  mdg_sync_client_refresh_async (self->sync, self->sync_cancellable, first_refresh_cb, NULL);
}

static gboolean
mdg_window_close_request (GtkWindow *window)
{
  MdgWindow *self = MDG_WINDOW (window);

  if (self->closing_synced)
    return GTK_WINDOW_CLASS (mdg_window_parent_class)->close_request (window);

  /* What still waits for Undo becomes final when the window goes. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child;
       child = gtk_widget_get_next_sibling (child))
    if (MDG_IS_SECTION (child))
      mdg_section_close (MDG_SECTION (child));

  /* ...and reaches the team before it goes, when it can: the window hides meanwhile. */
  if (sync_before_closing (self))
    return TRUE;

  return GTK_WINDOW_CLASS (mdg_window_parent_class)->close_request (window);
}

static void
mdg_window_constructed (GObject *object)
{
  MdgWindow *self = MDG_WINDOW (object);
  g_autofree char *last = NULL;

  G_OBJECT_CLASS (mdg_window_parent_class)->constructed (object);

  self->settings = g_settings_new (BASE_APP_ID);
#if DEBUG_BUILD
  /* Debug builds say which statement keeps the main loop waiting more than a frame. */
  mdg_database_watch_slow_statements (self->database, 8);
#endif

  /* The sample window keeps its own size and does not move the user's place. */
  if (!self->sample)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      last = g_settings_get_string (self->settings, "last-section");
    }
  else
    {
      adw_window_title_set_subtitle (self->sidebar_title, _("Sample Data"));
      gtk_window_set_title (GTK_WINDOW (self), _("Madoguchi — Sample Data"));
      gtk_widget_set_visible (self->sample_banner, TRUE);
    }

  mdg_window_show_section (self, last);
  start_sync (self);
}

static void
mdg_window_dispose (GObject *object)
{
  MdgWindow *self = MDG_WINDOW (object);

  g_cancellable_cancel (self->sync_cancellable);
  g_clear_handle_id (&self->sync_tick, g_source_remove);
  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      mdg_sync_client_set_interval (self->sync, 0);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_WINDOW);
  g_clear_object (&self->sync);
  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mdg_window_parent_class)->dispose (object);
}

static void
mdg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MdgWindow *self = MDG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SAMPLE:
      g_value_set_boolean (value, self->sample);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MdgWindow *self = MDG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SAMPLE:
      self->sample = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_window_class_init (MdgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mdg_window_constructed;
  object_class->dispose = mdg_window_dispose;
  object_class->get_property = mdg_window_get_property;
  object_class->set_property = mdg_window_set_property;
  window_class->close_request = mdg_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, MDG_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAMPLE] =
    g_param_spec_boolean ("sample", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, waiting_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sync_box);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sync_conflicts_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.waiting", "b", waiting_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.sync-conflicts", NULL, sync_conflicts_action);
}

static void
mdg_window_init (MdgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_list_box_append (self->sidebar_list, create_sidebar_row (i));
  /* Until the status is read: a laptop without a team server has nothing to sync. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-conflicts", FALSE);
}

MdgWindow *
mdg_window_new (MdgApplication *application,
                MdgDatabase    *database,
                gboolean        sample)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);

  return g_object_new (MDG_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       "sample", sample,
                       NULL);
}

MdgDatabase *
mdg_window_get_database (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);
  return self->database;
}

gboolean
mdg_window_get_sample (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), FALSE);
  return self->sample;
}

/**
 * mdg_window_show_section:
 * @self: a #MdgWindow
 * @name: (nullable): a section name ("seminars", "contacts", …); unknown names show seminars
 *
 * Shows a section, making it when first opened, selects it in the sidebar, and
 * remembers it for the next start.
 *
 * Returns: (transfer none): the section shown
 */
MdgSection *
mdg_window_show_section (MdgWindow  *self,
                         const char *name)
{
  GtkListBoxRow *row;
  MdgSection *section;
  int index;

  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);

  index = section_index (name);
  if (index < 0)
    index = 0;
  name = sections[index].name;

  section = mdg_window_peek_section (self, name);
  if (section == NULL)
    section = create_section (self, index);

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (section));
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)); i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), name))
      gtk_list_box_select_row (self->sidebar_list, row);

  /* The sidebar follows the section: gone while it fills the window. */
  section_fills_window_cb (self, NULL, section);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
  if (self->settings != NULL && !self->sample)
    g_settings_set_string (self->settings, "last-section", name);
  return section;
}

const char *
mdg_window_get_section (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Returns: (transfer none) (nullable): the section @name if it was opened already */
MdgSection *
mdg_window_peek_section (MdgWindow  *self,
                         const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);

  child = gtk_stack_get_child_by_name (self->stack, name);
  return child ? MDG_SECTION (child) : NULL;
}

/* Returns: (transfer none) (nullable): the window's sync client; %NULL for the sample data */
MdgSyncClient *
mdg_window_get_sync_client (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);
  return self->sync;
}
