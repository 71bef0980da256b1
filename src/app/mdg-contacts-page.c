/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-contacts-page"

#include "config.h"

#include "mdg-contacts-page.h"
#include "mdg-organization-pane.h"
#include "mdg-person-pane.h"

/*
 * The Contacts section: the person pane and the organization pane, one at a time,
 * switched by the toggles in their header bars (the "contacts.mode" action). A
 * person's organization and an organization's people lead from one pane to the
 * other through "contacts.show-organization" and "contacts.show-person".
 */

struct _MdgContactsPage
{
  MdgSection           parent_instance;

  /* template widgets */
  GtkStack            *mode_stack;
  MdgPersonPane       *person_pane;
  MdgOrganizationPane *organization_pane;
};

G_DEFINE_FINAL_TYPE (MdgContactsPage, mdg_contacts_page, MDG_TYPE_SECTION)

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (widget);

  mdg_contacts_page_set_mode (self, "people");
  mdg_person_pane_show_person (self->person_pane, g_variant_get_int64 (parameter));
}

static void
show_organization_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (widget);

  if (g_variant_get_int64 (parameter) <= 0)
    return;
  mdg_contacts_page_set_mode (self, "organizations");
  mdg_organization_pane_show_organization (self->organization_pane, g_variant_get_int64 (parameter));
}

static void
mdg_contacts_page_search (MdgSection *section)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (section);

  if (g_str_equal (mdg_contacts_page_get_mode (self), "organizations"))
    mdg_organization_pane_focus_search (self->organization_pane);
  else
    mdg_person_pane_focus_search (self->person_pane);
}

static void
mdg_contacts_page_refresh (MdgSection *section)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (section);

  mdg_person_pane_reload (self->person_pane);
  mdg_organization_pane_reload (self->organization_pane);
}

static void
mdg_contacts_page_close (MdgSection *section)
{
  mdg_person_pane_commit_pending (MDG_CONTACTS_PAGE (section)->person_pane);
}

static void
mdg_contacts_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MDG_TYPE_CONTACTS_PAGE);

  G_OBJECT_CLASS (mdg_contacts_page_parent_class)->dispose (object);
}

static void
mdg_contacts_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, mdg_contacts_page_get_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_contacts_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MdgContactsPage *self = MDG_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
      mdg_contacts_page_set_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_contacts_page_class_init (MdgContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdgSectionClass *section_class = MDG_SECTION_CLASS (klass);

  object_class->dispose = mdg_contacts_page_dispose;
  object_class->get_property = mdg_contacts_page_get_property;
  object_class->set_property = mdg_contacts_page_set_property;
  section_class->search = mdg_contacts_page_search;
  section_class->close = mdg_contacts_page_close;
  section_class->refresh = mdg_contacts_page_refresh;

  /* "people" or "organizations": the pane shown. */
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "people",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MDG_TYPE_PERSON_PANE);
  g_type_ensure (MDG_TYPE_ORGANIZATION_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, person_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgContactsPage, organization_pane);

  gtk_widget_class_install_property_action (widget_class, "contacts.mode", "mode");
  gtk_widget_class_install_action (widget_class, "contacts.show-person", "x", show_person_action);
  gtk_widget_class_install_action (widget_class, "contacts.show-organization", "x", show_organization_action);
}

static void
mdg_contacts_page_init (MdgContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
mdg_contacts_page_get_mode (MdgContactsPage *self)
{
  g_return_val_if_fail (MDG_IS_CONTACTS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->mode_stack);
}

void
mdg_contacts_page_set_mode (MdgContactsPage *self,
                            const char      *mode)
{
  g_return_if_fail (MDG_IS_CONTACTS_PAGE (self));

  mode = g_strcmp0 (mode, "organizations") == 0 ? "organizations" : "people";
  if (g_strcmp0 (mode, mdg_contacts_page_get_mode (self)) == 0)
    return;
  gtk_stack_set_visible_child_name (self->mode_stack, mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}
