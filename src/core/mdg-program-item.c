/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-program-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-enums.h"
#include "mdg-util-private.h"
#include "mdg-program-item.h"

struct _MdgProgramItem
{
  GObject         parent_instance;

  gint64          id;
  gint64          seminar_id;
  MdgProgramKind  kind;
  guint           minutes;
  char           *title;
  char           *presenter;
  char           *deck_title;

  /* Derived by mdg_program_schedule(), not stored. */
  GDateTime      *starts_at;
  GDateTime      *ends_at;
};

G_DEFINE_FINAL_TYPE (MdgProgramItem, mdg_program_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_MINUTES,
  PROP_TITLE,
  PROP_PRESENTER,
  PROP_DECK_TITLE,
  PROP_STARTS_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  const char *label;
} kinds[] = {
  [MDG_PROGRAM_KIND_PRESENTATION] = { "presentation", N_("Presentation") },
  [MDG_PROGRAM_KIND_CONSULTATION] = { "consultation", N_("Consultation slots") },
  [MDG_PROGRAM_KIND_QA] = { "qa", N_("Questions and answers") },
  [MDG_PROGRAM_KIND_BREAK] = { "break", N_("Break") },
};

static void
mdg_program_item_finalize (GObject *object)
{
  MdgProgramItem *self = (MdgProgramItem *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->presenter, g_free);
  g_clear_pointer (&self->deck_title, g_free);
  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->ends_at, g_date_time_unref);

  G_OBJECT_CLASS (mdg_program_item_parent_class)->finalize (object);
}

static void
mdg_program_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdgProgramItem *self = MDG_PROGRAM_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_MINUTES: g_value_set_uint (value, self->minutes); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_PRESENTER: g_value_set_string (value, self->presenter); break;
    case PROP_DECK_TITLE: g_value_set_string (value, self->deck_title); break;
    case PROP_STARTS_AT: g_value_set_boxed (value, self->starts_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_program_item_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MdgProgramItem *self = MDG_PROGRAM_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND: mdg_program_item_set_kind (self, g_value_get_enum (value)); break;
    case PROP_MINUTES: mdg_program_item_set_minutes (self, g_value_get_uint (value)); break;
    case PROP_TITLE: mdg_program_item_set_title (self, g_value_get_string (value)); break;
    case PROP_PRESENTER: mdg_program_item_set_presenter (self, g_value_get_string (value)); break;
    case PROP_DECK_TITLE: mdg_program_item_set_deck_title (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_program_item_class_init (MdgProgramItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_program_item_finalize;
  object_class->get_property = mdg_program_item_get_property;
  object_class->set_property = mdg_program_item_set_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, MDG_TYPE_PROGRAM_KIND,
                                             MDG_PROGRAM_KIND_PRESENTATION, rw);
  properties[PROP_MINUTES] = g_param_spec_uint ("minutes", NULL, NULL, 1, 24 * 60, 30, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_PRESENTER] = g_param_spec_string ("presenter", NULL, NULL, NULL, rw);
  properties[PROP_DECK_TITLE] = g_param_spec_string ("deck-title", NULL, NULL, NULL, rw);
  properties[PROP_STARTS_AT] = g_param_spec_boxed ("starts-at", NULL, NULL, G_TYPE_DATE_TIME,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_program_item_init (MdgProgramItem *self)
{
  self->minutes = 30;
}

MdgProgramItem *
mdg_program_item_new (MdgProgramKind kind,
                      guint          minutes)
{
  g_return_val_if_fail (kind <= MDG_PROGRAM_KIND_BREAK, NULL);
  g_return_val_if_fail (minutes > 0, NULL);

  return g_object_new (MDG_TYPE_PROGRAM_ITEM, "kind", kind, "minutes", minutes, NULL);
}

void
_mdg_program_item_set_identity (MdgProgramItem *self,
                                gint64          id,
                                gint64          seminar_id)
{
  self->id = id;
  self->seminar_id = seminar_id;
}

gint64
mdg_program_item_get_id (MdgProgramItem *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), 0);
  return self->id;
}

gint64
mdg_program_item_get_seminar_id (MdgProgramItem *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), 0);
  return self->seminar_id;
}

MdgProgramKind
mdg_program_item_get_kind (MdgProgramItem *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), 0);
  return self->kind;
}

void
mdg_program_item_set_kind (MdgProgramItem *self,
                           MdgProgramKind  kind)
{
  g_return_if_fail (MDG_IS_PROGRAM_ITEM (self));
  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

guint
mdg_program_item_get_minutes (MdgProgramItem *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), 0);
  return self->minutes;
}

void
mdg_program_item_set_minutes (MdgProgramItem *self,
                              guint           minutes)
{
  g_return_if_fail (MDG_IS_PROGRAM_ITEM (self));
  g_return_if_fail (minutes > 0);
  if (self->minutes != minutes)
    {
      self->minutes = minutes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
    }
}

#define STRING_ACCESSORS(name, PROP)                                         \
  const char *                                                               \
  mdg_program_item_get_##name (MdgProgramItem *self)                         \
  {                                                                          \
    g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), NULL);                 \
    return self->name;                                                       \
  }                                                                          \
  void                                                                       \
  mdg_program_item_set_##name (MdgProgramItem *self, const char *name)       \
  {                                                                          \
    g_return_if_fail (MDG_IS_PROGRAM_ITEM (self));                           \
    if (_mdg_set_text (&self->name, name))                                      \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);          \
  }

STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (presenter, PROP_PRESENTER)
STRING_ACCESSORS (deck_title, PROP_DECK_TITLE)

/* Returns: (transfer none) (nullable): when the item starts, once scheduled */
GDateTime *
mdg_program_item_get_starts_at (MdgProgramItem *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), NULL);
  return self->starts_at;
}

/* Returns: (transfer none) (nullable): when the item ends, once scheduled */
GDateTime *
mdg_program_item_get_ends_at (MdgProgramItem *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), NULL);
  return self->ends_at;
}

/**
 * mdg_program_item_dup_display_title:
 * @self: a #MdgProgramItem
 *
 * The title to show: the item's own, or its deck's, or the name of its kind.
 *
 * Returns: (transfer full): a title
 */
char *
mdg_program_item_dup_display_title (MdgProgramItem *self)
{
  g_return_val_if_fail (MDG_IS_PROGRAM_ITEM (self), NULL);

  if (self->title != NULL)
    return g_strdup (self->title);
  if (self->deck_title != NULL)
    return g_strdup (self->deck_title);
  return g_strdup (mdg_program_kind_get_label (self->kind));
}

const char *
mdg_program_kind_to_string (MdgProgramKind kind)
{
  g_return_val_if_fail (kind <= MDG_PROGRAM_KIND_BREAK, NULL);
  return kinds[kind].key;
}

gboolean
mdg_program_kind_from_string (const char     *text,
                              MdgProgramKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i].key) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
mdg_program_kind_get_label (MdgProgramKind kind)
{
  g_return_val_if_fail (kind <= MDG_PROGRAM_KIND_BREAK, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].label);
}

/**
 * mdg_program_schedule:
 * @items: (element-type MdgProgramItem): the program, in order
 * @starts_at: when the seminar starts
 * @ends_at: when the seminar ends
 *
 * Gives each item its start and end, one after the other from @starts_at.
 *
 * Returns: how many minutes the program runs past @ends_at (0 when it fits)
 */
int
mdg_program_schedule (GPtrArray *items,
                      GDateTime *starts_at,
                      GDateTime *ends_at)
{
  g_autoptr(GDateTime) cursor = NULL;
  GTimeSpan overrun;

  g_return_val_if_fail (items != NULL, 0);
  g_return_val_if_fail (starts_at != NULL && ends_at != NULL, 0);

  cursor = g_date_time_ref (starts_at);
  for (guint i = 0; i < items->len; i++)
    {
      MdgProgramItem *item = g_ptr_array_index (items, i);

      g_clear_pointer (&item->starts_at, g_date_time_unref);
      g_clear_pointer (&item->ends_at, g_date_time_unref);
      item->starts_at = g_date_time_ref (cursor);
      item->ends_at = g_date_time_add_minutes (cursor, item->minutes);
      g_date_time_unref (cursor);
      cursor = g_date_time_ref (item->ends_at);
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_STARTS_AT]);
    }

  overrun = g_date_time_difference (cursor, ends_at);
  return overrun > 0 ? (int) ((overrun + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE) : 0;
}
