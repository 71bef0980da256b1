/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

/* The text fields of a person; CSV column mappings speak the same names. */
typedef enum
{
  MDG_PERSON_FAMILY_NAME,
  MDG_PERSON_GIVEN_NAME,
  MDG_PERSON_FAMILY_KANA,
  MDG_PERSON_GIVEN_KANA,
  MDG_PERSON_ORGANIZATION,
  MDG_PERSON_TITLE,
  MDG_PERSON_DEPARTMENT,
  MDG_PERSON_EMAIL,
  MDG_PERSON_PHONE,
  MDG_PERSON_CONSENT_PURPOSE,
  MDG_PERSON_N_FIELDS
} MdgPersonField;

#define MDG_TYPE_PERSON (mdg_person_get_type ())

G_DECLARE_FINAL_TYPE (MdgPerson, mdg_person, MDG, PERSON, GObject)

MdgPerson  *mdg_person_new               (void);
MdgPerson  *mdg_person_copy              (MdgPerson      *self);
gint64      mdg_person_get_id            (MdgPerson      *self);
const char *mdg_person_get_uuid          (MdgPerson      *self);
const char *mdg_person_get_text          (MdgPerson      *self,
                                          MdgPersonField  field);
void        mdg_person_set_text          (MdgPerson      *self,
                                          MdgPersonField  field,
                                          const char     *text);
gint64      mdg_person_get_organization_id (MdgPerson    *self);
gboolean    mdg_person_get_consent       (MdgPerson      *self);
const char *mdg_person_get_consent_at    (MdgPerson      *self);
void        mdg_person_set_consent       (MdgPerson      *self,
                                          gboolean        consent);
char       *mdg_person_dup_name          (MdgPerson      *self);
char       *mdg_person_dup_kana          (MdgPerson      *self);
gboolean    mdg_person_matches           (MdgPerson      *self,
                                          const char     *folded_query);
gboolean    mdg_person_validate          (MdgPerson      *self,
                                          GError        **error);

const char *mdg_person_field_to_string   (MdgPersonField  field);
const char *mdg_person_field_get_label   (MdgPersonField  field);

void        _mdg_person_set_identity     (MdgPerson      *self,
                                          gint64          id,
                                          const char     *uuid,
                                          gint64          organization_id,
                                          const char     *consent_at);

G_END_DECLS
