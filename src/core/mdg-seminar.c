/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-enums.h"
#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-seminar.h"
#include "mdg-util-private.h"

struct _MdgSeminar
{
  GObject           parent_instance;

  gint64            id;
  char             *uuid;
  char             *title;
  GDateTime        *starts_at;
  GDateTime        *ends_at;
  char             *venue;
  char             *online_url;
  guint             capacity;
  char             *co_organizer;
  MdgSeminarStatus  status;
  char             *description;

  /* Derived: the texts searched, folded once for search as you type. */
  char             *folded;
};

G_DEFINE_FINAL_TYPE (MdgSeminar, mdg_seminar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_VENUE,
  PROP_ONLINE_URL,
  PROP_CAPACITY,
  PROP_CO_ORGANIZER,
  PROP_STATUS,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  const char *label;
  const char *advance;
} statuses[] = {
  [MDG_SEMINAR_STATUS_PLANNED] = { "planned", N_("Planned"), NULL },
  [MDG_SEMINAR_STATUS_OPEN] = { "open", N_("Open for registration"), N_("Open Registration") },
  [MDG_SEMINAR_STATUS_CLOSED] = { "closed", N_("Registration closed"), N_("Close Registration") },
  [MDG_SEMINAR_STATUS_HELD] = { "held", N_("Held"), N_("Mark as Held") },
  [MDG_SEMINAR_STATUS_REPORTED] = { "reported", N_("Reported"), N_("Mark as Reported") },
};

static void
mdg_seminar_finalize (GObject *object)
{
  MdgSeminar *self = (MdgSeminar *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->ends_at, g_date_time_unref);
  g_clear_pointer (&self->venue, g_free);
  g_clear_pointer (&self->online_url, g_free);
  g_clear_pointer (&self->co_organizer, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->folded, g_free);

  G_OBJECT_CLASS (mdg_seminar_parent_class)->finalize (object);
}

static void
mdg_seminar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MdgSeminar *self = MDG_SEMINAR (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_STARTS_AT: g_value_set_boxed (value, self->starts_at); break;
    case PROP_ENDS_AT: g_value_set_boxed (value, self->ends_at); break;
    case PROP_VENUE: g_value_set_string (value, self->venue); break;
    case PROP_ONLINE_URL: g_value_set_string (value, self->online_url); break;
    case PROP_CAPACITY: g_value_set_uint (value, self->capacity); break;
    case PROP_CO_ORGANIZER: g_value_set_string (value, self->co_organizer); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_seminar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MdgSeminar *self = MDG_SEMINAR (object);

  switch (prop_id)
    {
    case PROP_TITLE: mdg_seminar_set_title (self, g_value_get_string (value)); break;
    case PROP_STARTS_AT: mdg_seminar_set_starts_at (self, g_value_get_boxed (value)); break;
    case PROP_ENDS_AT: mdg_seminar_set_ends_at (self, g_value_get_boxed (value)); break;
    case PROP_VENUE: mdg_seminar_set_venue (self, g_value_get_string (value)); break;
    case PROP_ONLINE_URL: mdg_seminar_set_online_url (self, g_value_get_string (value)); break;
    case PROP_CAPACITY: mdg_seminar_set_capacity (self, g_value_get_uint (value)); break;
    case PROP_CO_ORGANIZER: mdg_seminar_set_co_organizer (self, g_value_get_string (value)); break;
    case PROP_STATUS: mdg_seminar_set_status (self, g_value_get_enum (value)); break;
    case PROP_DESCRIPTION: mdg_seminar_set_description (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_seminar_class_init (MdgSeminarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_seminar_finalize;
  object_class->get_property = mdg_seminar_get_property;
  object_class->set_property = mdg_seminar_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_STARTS_AT] = g_param_spec_boxed ("starts-at", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_ENDS_AT] = g_param_spec_boxed ("ends-at", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_VENUE] = g_param_spec_string ("venue", NULL, NULL, NULL, rw);
  properties[PROP_ONLINE_URL] = g_param_spec_string ("online-url", NULL, NULL, NULL, rw);
  properties[PROP_CAPACITY] = g_param_spec_uint ("capacity", NULL, NULL, 0, 100000, 0, rw);
  properties[PROP_CO_ORGANIZER] = g_param_spec_string ("co-organizer", NULL, NULL, NULL, rw);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, MDG_TYPE_SEMINAR_STATUS,
                                               MDG_SEMINAR_STATUS_PLANNED, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_seminar_init (MdgSeminar *self)
{
}

MdgSeminar *
mdg_seminar_new (void)
{
  return g_object_new (MDG_TYPE_SEMINAR, NULL);
}

/**
 * mdg_seminar_copy:
 * @self: a #MdgSeminar
 *
 * A copy to edit without touching the original until the edit is saved.
 *
 * Returns: (transfer full): a new #MdgSeminar with the same identity and fields
 */
MdgSeminar *
mdg_seminar_copy (MdgSeminar *self)
{
  MdgSeminar *copy;

  g_return_val_if_fail (MDG_IS_SEMINAR (self), NULL);

  copy = mdg_seminar_new ();
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->title = g_strdup (self->title);
  copy->starts_at = self->starts_at ? g_date_time_ref (self->starts_at) : NULL;
  copy->ends_at = self->ends_at ? g_date_time_ref (self->ends_at) : NULL;
  copy->venue = g_strdup (self->venue);
  copy->online_url = g_strdup (self->online_url);
  copy->capacity = self->capacity;
  copy->co_organizer = g_strdup (self->co_organizer);
  copy->status = self->status;
  copy->description = g_strdup (self->description);

  return copy;
}

void
_mdg_seminar_set_identity (MdgSeminar *self,
                           gint64      id,
                           const char *uuid)
{
  g_return_if_fail (MDG_IS_SEMINAR (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
  if (_mdg_set_text (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
mdg_seminar_get_id (MdgSeminar *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), 0);
  return self->id;
}

const char *
mdg_seminar_get_uuid (MdgSeminar *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), NULL);
  return self->uuid;
}

#define STRING_ACCESSORS(name, PROP)                                       \
  const char *                                                             \
  mdg_seminar_get_##name (MdgSeminar *self)                                \
  {                                                                        \
    g_return_val_if_fail (MDG_IS_SEMINAR (self), NULL);                    \
    return self->name;                                                     \
  }                                                                        \
  void                                                                     \
  mdg_seminar_set_##name (MdgSeminar *self, const char *name)              \
  {                                                                        \
    g_return_if_fail (MDG_IS_SEMINAR (self));                              \
    if (_mdg_set_text (&self->name, name))                                 \
      {                                                                    \
        g_clear_pointer (&self->folded, g_free);                           \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);      \
      }                                                                    \
  }

STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (venue, PROP_VENUE)
STRING_ACCESSORS (online_url, PROP_ONLINE_URL)
STRING_ACCESSORS (co_organizer, PROP_CO_ORGANIZER)
STRING_ACCESSORS (description, PROP_DESCRIPTION)

GDateTime *
mdg_seminar_get_starts_at (MdgSeminar *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), NULL);
  return self->starts_at;
}

void
mdg_seminar_set_starts_at (MdgSeminar *self,
                           GDateTime  *starts_at)
{
  g_return_if_fail (MDG_IS_SEMINAR (self));
  if (_mdg_set_date_time (&self->starts_at, starts_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTS_AT]);
}

GDateTime *
mdg_seminar_get_ends_at (MdgSeminar *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), NULL);
  return self->ends_at;
}

void
mdg_seminar_set_ends_at (MdgSeminar *self,
                         GDateTime  *ends_at)
{
  g_return_if_fail (MDG_IS_SEMINAR (self));
  if (_mdg_set_date_time (&self->ends_at, ends_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDS_AT]);
}

guint
mdg_seminar_get_capacity (MdgSeminar *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), 0);
  return self->capacity;
}

void
mdg_seminar_set_capacity (MdgSeminar *self,
                          guint       capacity)
{
  g_return_if_fail (MDG_IS_SEMINAR (self));
  if (self->capacity != capacity)
    {
      self->capacity = capacity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
    }
}

MdgSeminarStatus
mdg_seminar_get_status (MdgSeminar *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), MDG_SEMINAR_STATUS_PLANNED);
  return self->status;
}

void
mdg_seminar_set_status (MdgSeminar       *self,
                        MdgSeminarStatus  status)
{
  g_return_if_fail (MDG_IS_SEMINAR (self));
  g_return_if_fail (status <= MDG_SEMINAR_STATUS_REPORTED);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

/**
 * mdg_seminar_is_past:
 * @self: a #MdgSeminar
 * @now: the present
 *
 * A seminar is past once it has ended.
 */
gboolean
mdg_seminar_is_past (MdgSeminar *self,
                     GDateTime  *now)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return self->ends_at != NULL && g_date_time_compare (self->ends_at, now) <= 0;
}

/**
 * mdg_seminar_validate:
 * @self: a #MdgSeminar
 * @error: a location for a #GError
 *
 * Checks what the database would refuse, with messages a coordinator understands.
 */
gboolean
mdg_seminar_validate (MdgSeminar  *self,
                      GError     **error)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), FALSE);

  if (self->title == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A seminar needs a title"));
      return FALSE;
    }
  if (self->starts_at == NULL || self->ends_at == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("A seminar needs a start and an end time"));
      return FALSE;
    }
  if (g_date_time_compare (self->ends_at, self->starts_at) <= 0)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("The seminar must end after it starts"));
      return FALSE;
    }
  if (self->online_url != NULL && !g_str_has_prefix (self->online_url, "https://") &&
      !g_str_has_prefix (self->online_url, "http://"))
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("The online URL must start with https:// or http://"));
      return FALSE;
    }
  return TRUE;
}

const char *
mdg_seminar_status_to_string (MdgSeminarStatus status)
{
  g_return_val_if_fail (status <= MDG_SEMINAR_STATUS_REPORTED, NULL);
  return statuses[status].key;
}

gboolean
mdg_seminar_status_from_string (const char       *text,
                                MdgSeminarStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (text, statuses[i].key) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

/* Returns: (transfer none): the translated name of @status */
const char *
mdg_seminar_status_get_label (MdgSeminarStatus status)
{
  g_return_val_if_fail (status <= MDG_SEMINAR_STATUS_REPORTED, NULL);
  return g_dgettext (GETTEXT_PACKAGE, statuses[status].label);
}

/**
 * mdg_seminar_status_get_next:
 * @status: a status
 * @next: (out): the status the workflow moves on to
 *
 * Returns: %FALSE when @status is the last step
 */
gboolean
mdg_seminar_status_get_next (MdgSeminarStatus  status,
                             MdgSeminarStatus *next)
{
  if (status >= MDG_SEMINAR_STATUS_REPORTED)
    return FALSE;
  *next = status + 1;
  return TRUE;
}

/* Returns: (transfer none) (nullable): the translated button label that moves to @status */
const char *
mdg_seminar_status_get_advance_label (MdgSeminarStatus status)
{
  g_return_val_if_fail (status <= MDG_SEMINAR_STATUS_REPORTED, NULL);
  return statuses[status].advance ? g_dgettext (GETTEXT_PACKAGE, statuses[status].advance) : NULL;
}

/**
 * mdg_seminar_matches:
 * @self: a #MdgSeminar
 * @folded_query: (nullable): what the user typed, folded with mdg_kana_fold()
 *
 * The seminar list's search: every word of the query must appear in the title,
 * venue, co-organizer or description, kana in any script.
 */
gboolean
mdg_seminar_matches (MdgSeminar *self,
                     const char *folded_query)
{
  g_return_val_if_fail (MDG_IS_SEMINAR (self), FALSE);

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;

  if (self->folded == NULL)
    {
      g_autofree char *joined = g_strjoin ("\n", self->title ?: "", self->venue ?: "", self->co_organizer ?: "",
                                           self->description ?: "", NULL);

      self->folded = mdg_kana_fold (joined, -1);
      if (self->folded == NULL)
        self->folded = g_strdup ("");
    }
  return _mdg_words_match (self->folded, folded_query);
}
