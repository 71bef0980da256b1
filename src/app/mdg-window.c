/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-contacts-page.h"
#include "mdg-planned-section.h"
#include "mdg-seminars-page.h"
#include "mdg-window.h"

struct _MdgWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  GtkWidget            *sidebar;
  GtkWidget            *sample_banner;
  GtkStack             *stack;
  MdgSeminarsPage      *seminars_page;
  MdgContactsPage      *contacts_page;

  /* owned */
  MdgDatabase          *database;
  GSettings            *settings;

  gboolean              sample;
};

G_DEFINE_FINAL_TYPE (MdgWindow, mdg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sections of DESIGN.md, in sidebar order. Those without a page yet say what they will hold. */
static const struct {
  const char *name;
  const char *icon;
  const char *title;
  const char *planned;
} sections[] = {
  { "seminars", "x-office-calendar-symbolic", N_("Seminars"), NULL },
  { "consultations", "call-start-symbolic", N_("Consultations"),
    N_("Taking consultations by phone, web form, e-mail or at the door, with triage and hand-off to second-line specialists, arrives in a coming version.") },
  { "follow-ups", "task-due-symbolic", N_("Follow-ups"),
    N_("The advice promised to each company, with due dates and owners, arrives in a coming version.") },
  { "decks", "x-office-presentation-symbolic", N_("Slide Decks"),
    N_("The master slide decks with their revisions, explanatory text and presenter view arrive in a coming version.") },
  { "faq", "help-faq-symbolic", N_("FAQ"),
    N_("Answers to frequent questions, linked to the consultations that asked them, arrive in a coming version.") },
  { "threats", "security-medium-symbolic", N_("Threat Info"),
    N_("Alerts from JPCERT/CC, IPA and JVN, to pick as seminar topics, arrive in a coming version.") },
  { "contacts", "x-office-address-book-symbolic", N_("Contacts"), NULL },
  { "reports", "x-office-spreadsheet-symbolic", N_("Reports"),
    N_("Monthly reports and statistics of seminars and consultations arrive in a coming version.") },
};

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
  const char *name = gtk_widget_get_name (GTK_WIDGET (row));

  mdg_window_show_section (self, name);
}

static void
show_sidebar_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MdgWindow *self = user_data;

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MdgWindow *self = user_data;

  mdg_window_show_section (self, "seminars");
  mdg_seminars_page_focus_search (self->seminars_page);
}

static const GActionEntry win_actions[] = {
  { "show-sidebar", show_sidebar_action },
  { "search", search_action },
};

static gboolean
mdg_window_close_request (GtkWindow *window)
{
  MdgWindow *self = MDG_WINDOW (window);

  /* Deletions still waiting for Undo become final when the window goes. */
  mdg_seminars_page_commit_pending (self->seminars_page);

  return GTK_WINDOW_CLASS (mdg_window_parent_class)->close_request (window);
}

static void
mdg_window_constructed (GObject *object)
{
  MdgWindow *self = MDG_WINDOW (object);
  g_autofree char *last = NULL;

  G_OBJECT_CLASS (mdg_window_parent_class)->constructed (object);

  self->settings = g_settings_new (BASE_APP_ID);

  /* The sample window keeps its own size and does not move the user's place. */
  if (!self->sample)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      adw_window_title_set_subtitle (self->sidebar_title, _("Sample Data"));
      gtk_window_set_title (GTK_WINDOW (self), _("Madoguchi — Sample Data"));
      gtk_widget_set_visible (self->sample_banner, TRUE);
    }

  mdg_seminars_page_set_database (self->seminars_page, self->database);
  mdg_contacts_page_set_database (self->contacts_page, self->database);

  last = g_settings_get_string (self->settings, "last-section");
  mdg_window_show_section (self, last);
}

static void
mdg_window_dispose (GObject *object)
{
  MdgWindow *self = MDG_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_WINDOW);
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

  g_type_ensure (MDG_TYPE_SEMINARS_PAGE);
  g_type_ensure (MDG_TYPE_CONTACTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, seminars_page);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, contacts_page);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
}

static void
mdg_window_init (MdgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      gtk_list_box_append (self->sidebar_list, create_sidebar_row (i));
      if (sections[i].planned != NULL)
        {
          GtkWidget *page = mdg_planned_section_new (_(sections[i].title), sections[i].icon,
                                                     _(sections[i].planned));
          gtk_stack_add_named (self->stack, page, sections[i].name);
          g_object_bind_property (self->leaflet, "folded", page, "narrow", G_BINDING_SYNC_CREATE);
        }
    }
  g_object_bind_property (self->leaflet, "folded", self->seminars_page, "narrow", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->contacts_page, "narrow", G_BINDING_SYNC_CREATE);
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

void
mdg_window_add_toast (MdgWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (MDG_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * mdg_window_show_section:
 * @self: a #MdgWindow
 * @name: a section name ("seminars", "consultations", …); unknown names show seminars
 *
 * Shows a section, selects it in the sidebar, and remembers it for the next start.
 */
void
mdg_window_show_section (MdgWindow  *self,
                         const char *name)
{
  GtkListBoxRow *row;

  g_return_if_fail (MDG_IS_WINDOW (self));

  if (name == NULL || gtk_stack_get_child_by_name (self->stack, name) == NULL)
    name = "seminars";

  gtk_stack_set_visible_child_name (self->stack, name);
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)); i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), name))
      gtk_list_box_select_row (self->sidebar_list, row);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
  if (self->settings != NULL && !self->sample)
    g_settings_set_string (self->settings, "last-section", name);
}

const char *
mdg_window_get_section (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
mdg_window_show_sidebar (MdgWindow *self)
{
  g_return_if_fail (MDG_IS_WINDOW (self));
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}
