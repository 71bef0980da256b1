/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-person"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-person.h"
#include "mdg-util-private.h"

struct _MdgPerson
{
  GObject   parent_instance;

  gint64    id;
  char     *uuid;
  gint64    organization_id;
  char     *text[MDG_PERSON_N_FIELDS];
  gboolean  consent;
  char     *consent_at;

  /* Derived: all names, kana and e-mail folded for search as you type. */
  char     *folded;
};

G_DEFINE_FINAL_TYPE (MdgPerson, mdg_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CONSENT,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + MDG_PERSON_N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  const char *label;
} fields[] = {
  [MDG_PERSON_FAMILY_NAME] = { "family-name", N_("Family name") },
  [MDG_PERSON_GIVEN_NAME] = { "given-name", N_("Given name") },
  [MDG_PERSON_FAMILY_KANA] = { "family-kana", N_("Family name reading") },
  [MDG_PERSON_GIVEN_KANA] = { "given-kana", N_("Given name reading") },
  [MDG_PERSON_ORGANIZATION] = { "organization", N_("Organization") },
  [MDG_PERSON_TITLE] = { "title", N_("Title or role") },
  [MDG_PERSON_DEPARTMENT] = { "department", N_("Department") },
  [MDG_PERSON_EMAIL] = { "email", N_("E-mail") },
  [MDG_PERSON_PHONE] = { "phone", N_("Phone") },
  [MDG_PERSON_CONSENT_PURPOSE] = { "consent-purpose", N_("Purpose of use agreed to") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == MDG_PERSON_N_FIELDS);

static void
mdg_person_finalize (GObject *object)
{
  MdgPerson *self = (MdgPerson *) object;

  for (guint i = 0; i < MDG_PERSON_N_FIELDS; i++)
    g_free (self->text[i]);
  g_free (self->uuid);
  g_free (self->consent_at);
  g_free (self->folded);

  G_OBJECT_CLASS (mdg_person_parent_class)->finalize (object);
}

static void
mdg_person_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MdgPerson *self = MDG_PERSON (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    g_value_set_string (value, self->text[prop_id - PROP_FIRST_TEXT]);
  else if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id == PROP_CONSENT)
    g_value_set_boolean (value, self->consent);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mdg_person_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MdgPerson *self = MDG_PERSON (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    mdg_person_set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
  else if (prop_id == PROP_CONSENT)
    mdg_person_set_consent (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mdg_person_class_init (MdgPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_person_finalize;
  object_class->get_property = mdg_person_get_property;
  object_class->set_property = mdg_person_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT] = g_param_spec_boolean ("consent", NULL, NULL, FALSE, rw);
  for (guint i = 0; i < MDG_PERSON_N_FIELDS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (fields[i].key, NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_person_init (MdgPerson *self)
{
}

MdgPerson *
mdg_person_new (void)
{
  return g_object_new (MDG_TYPE_PERSON, NULL);
}

/* Returns: (transfer full): a copy with the same identity, to edit */
MdgPerson *
mdg_person_copy (MdgPerson *self)
{
  MdgPerson *copy;

  g_return_val_if_fail (MDG_IS_PERSON (self), NULL);

  copy = mdg_person_new ();
  _mdg_person_set_identity (copy, self->id, self->uuid, self->organization_id, self->consent_at);
  copy->consent = self->consent;
  for (guint i = 0; i < MDG_PERSON_N_FIELDS; i++)
    copy->text[i] = g_strdup (self->text[i]);
  return copy;
}

void
_mdg_person_set_identity (MdgPerson  *self,
                          gint64      id,
                          const char *uuid,
                          gint64      organization_id,
                          const char *consent_at)
{
  self->id = id;
  self->organization_id = organization_id;
  _mdg_set_text (&self->uuid, uuid);
  _mdg_set_text (&self->consent_at, consent_at);
}

gint64
mdg_person_get_id (MdgPerson *self)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), 0);
  return self->id;
}

const char *
mdg_person_get_uuid (MdgPerson *self)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), NULL);
  return self->uuid;
}

/* Returns: (nullable): the field's text, %NULL when blank */
const char *
mdg_person_get_text (MdgPerson      *self,
                     MdgPersonField  field)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), NULL);
  g_return_val_if_fail (field < MDG_PERSON_N_FIELDS, NULL);
  return self->text[field];
}

void
mdg_person_set_text (MdgPerson      *self,
                     MdgPersonField  field,
                     const char     *text)
{
  g_return_if_fail (MDG_IS_PERSON (self));
  g_return_if_fail (field < MDG_PERSON_N_FIELDS);

  if (_mdg_set_text (&self->text[field], text))
    {
      g_clear_pointer (&self->folded, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + field]);
    }
}

gint64
mdg_person_get_organization_id (MdgPerson *self)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), 0);
  return self->organization_id;
}

gboolean
mdg_person_get_consent (MdgPerson *self)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), FALSE);
  return self->consent;
}

/* Returns: (nullable): when consent was given (ISO 8601, UTC), kept by the store */
const char *
mdg_person_get_consent_at (MdgPerson *self)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), NULL);
  return self->consent_at;
}

void
mdg_person_set_consent (MdgPerson *self,
                        gboolean   consent)
{
  g_return_if_fail (MDG_IS_PERSON (self));

  consent = !!consent;
  if (self->consent != consent)
    {
      self->consent = consent;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
    }
}

static char *
join_parts (const char *a,
            const char *b)
{
  if (a && b)
    return g_strconcat (a, " ", b, NULL);
  return g_strdup (a ? a : (b ? b : ""));
}

/* Returns: (transfer full): "髙橋 恵", family name first */
char *
mdg_person_dup_name (MdgPerson *self)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), NULL);
  return join_parts (self->text[MDG_PERSON_FAMILY_NAME], self->text[MDG_PERSON_GIVEN_NAME]);
}

/* Returns: (transfer full): the reading, "たかはし めぐみ", as entered */
char *
mdg_person_dup_kana (MdgPerson *self)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), NULL);
  return join_parts (self->text[MDG_PERSON_FAMILY_KANA], self->text[MDG_PERSON_GIVEN_KANA]);
}

/**
 * mdg_person_matches:
 * @self: a #MdgPerson
 * @folded_query: a query folded with mdg_kana_fold()
 *
 * Whether every word of the query appears in the person's names, readings (in any
 * kana script), organization or e-mail. The folded text is computed once.
 */
gboolean
mdg_person_matches (MdgPerson  *self,
                    const char *folded_query)
{
  g_return_val_if_fail (MDG_IS_PERSON (self), FALSE);

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;

  if (self->folded == NULL)
    {
      g_autofree char *joined = g_strjoin ("\n",
                                           self->text[MDG_PERSON_FAMILY_NAME] ?: "",
                                           self->text[MDG_PERSON_GIVEN_NAME] ?: "",
                                           self->text[MDG_PERSON_FAMILY_KANA] ?: "",
                                           self->text[MDG_PERSON_GIVEN_KANA] ?: "",
                                           self->text[MDG_PERSON_ORGANIZATION] ?: "",
                                           self->text[MDG_PERSON_EMAIL] ?: "",
                                           NULL);
      /* Names also match written together: 髙橋恵, たかはしめぐみ. */
      g_autofree char *together = g_strconcat (joined, "\n",
                                               self->text[MDG_PERSON_FAMILY_NAME] ?: "",
                                               self->text[MDG_PERSON_GIVEN_NAME] ?: "", "\n",
                                               self->text[MDG_PERSON_FAMILY_KANA] ?: "",
                                               self->text[MDG_PERSON_GIVEN_KANA] ?: "", NULL);
      self->folded = mdg_kana_fold (together, -1);
      if (self->folded == NULL)
        self->folded = g_strdup ("");
    }

  return _mdg_words_match (self->folded, folded_query);
}

/**
 * mdg_person_validate:
 * @self: a #MdgPerson
 * @error: a location for a #GError
 *
 * A person needs at least a family name; an e-mail address, when given, must look
 * like one.
 */
gboolean
mdg_person_validate (MdgPerson  *self,
                     GError    **error)
{
  const char *email;

  g_return_val_if_fail (MDG_IS_PERSON (self), FALSE);

  if (self->text[MDG_PERSON_FAMILY_NAME] == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A person needs at least a family name"));
      return FALSE;
    }

  email = self->text[MDG_PERSON_EMAIL];
  if (email != NULL)
    {
      const char *at = strchr (email, '@');

      if (at == NULL || at == email || strchr (at + 1, '.') == NULL || strpbrk (email, " \t\n,;") != NULL)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is not an e-mail address"), email);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
mdg_person_field_to_string (MdgPersonField field)
{
  g_return_val_if_fail (field < MDG_PERSON_N_FIELDS, NULL);
  return fields[field].key;
}

/* Returns: (transfer none): the translated name of @field */
const char *
mdg_person_field_get_label (MdgPersonField field)
{
  g_return_val_if_fail (field < MDG_PERSON_N_FIELDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, fields[field].label);
}
