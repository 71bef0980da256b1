/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The person and organization objects on their own: fields, copies, names, search, checks. */

#include "mdg-test-util.h"

#include "mdg-error.h"
#include "mdg-kana.h"
#include "mdg-organization.h"
#include "mdg-person.h"

static MdgPerson *
sample_person (void)
{
  MdgPerson *person = mdg_person_new ();

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "髙橋");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "恵");
  mdg_person_set_text (person, MDG_PERSON_FAMILY_KANA, "タカハシ");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_KANA, "メグミ");
  mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, "博多精工株式会社");
  mdg_person_set_text (person, MDG_PERSON_EMAIL, "takahashi@hakata-seiko.example.jp");
  return person;
}

static gboolean
matches (MdgPerson  *person,
         const char *query)
{
  g_autofree char *folded = mdg_kana_fold (query, -1);

  return mdg_person_matches (person, folded);
}

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             guint      *count)
{
  (*count)++;
}

static void
test_person_fields (void)
{
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autofree char *empty_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kana = NULL;
  g_autofree char *family = NULL;
  guint notified = 0;

  g_assert_cmpint (mdg_person_get_id (person), ==, 0);
  for (MdgPersonField f = 0; f < MDG_PERSON_N_FIELDS; f++)
    {
      g_assert_null (mdg_person_get_text (person, f));
      /* Every field is a property of the name the CSV mappings use. */
      g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (person), mdg_person_field_to_string (f)));
      g_assert_cmpstr (mdg_person_field_get_label (f), !=, "");
    }
  empty_name = mdg_person_dup_name (person);
  g_assert_cmpstr (empty_name, ==, "");

  g_signal_connect (person, "notify::family-name", G_CALLBACK (notified_cb), &notified);
  /* Text is kept trimmed; blank is no text at all; the same text again notifies nothing. */
  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "  髙橋 ");
  g_assert_cmpstr (mdg_person_get_text (person, MDG_PERSON_FAMILY_NAME), ==, "髙橋");
  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "髙橋");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (person, "family-name", &family, NULL);
  g_assert_cmpstr (family, ==, "髙橋");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "   ");
  g_assert_null (mdg_person_get_text (person, MDG_PERSON_GIVEN_NAME));

  /* A name with one part has no stray space. */
  name = mdg_person_dup_name (person);
  g_assert_cmpstr (name, ==, "髙橋");
  mdg_person_set_text (person, MDG_PERSON_FAMILY_KANA, "タカハシ");
  mdg_person_set_text (person, MDG_PERSON_GIVEN_KANA, "メグミ");
  kana = mdg_person_dup_kana (person);
  g_assert_cmpstr (kana, ==, "タカハシ メグミ");
}

static void
test_person_copy (void)
{
  g_autoptr(MdgPerson) person = sample_person ();
  g_autoptr(MdgPerson) copy = NULL;
  g_autofree char *name = NULL;

  mdg_person_set_consent (person, TRUE);
  copy = mdg_person_copy (person);
  g_assert_true (copy != person);
  for (MdgPersonField f = 0; f < MDG_PERSON_N_FIELDS; f++)
    g_assert_cmpstr (mdg_person_get_text (copy, f), ==, mdg_person_get_text (person, f));
  g_assert_true (mdg_person_get_consent (copy));
  g_assert_cmpint (mdg_person_get_id (copy), ==, mdg_person_get_id (person));

  /* Editing the copy leaves the original as it was: editors work on copies. */
  mdg_person_set_text (copy, MDG_PERSON_FAMILY_NAME, "高橋");
  mdg_person_set_consent (copy, FALSE);
  g_assert_cmpstr (mdg_person_get_text (person, MDG_PERSON_FAMILY_NAME), ==, "髙橋");
  g_assert_true (mdg_person_get_consent (person));
  name = mdg_person_dup_name (person);
  g_assert_cmpstr (name, ==, "髙橋 恵");
}

static void
test_person_matches (void)
{
  g_autoptr(MdgPerson) person = sample_person ();

  g_assert_true (matches (person, ""));
  g_assert_true (matches (person, "髙橋"));
  /* Every word must match, in any field, in any kana script, written apart or together. */
  g_assert_true (matches (person, "たかはし 博多"));
  g_assert_true (matches (person, "タカハシメグミ"));
  g_assert_true (matches (person, "髙橋恵"));
  g_assert_true (matches (person, "hakata-seiko"));
  g_assert_false (matches (person, "たかはし 天神"));
  g_assert_false (matches (person, "佐藤"));

  /* A changed field is searched at once. */
  mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, "天神商事");
  g_assert_true (matches (person, "たかはし 天神"));
  g_assert_false (matches (person, "博多"));
}

static void
test_person_validate (void)
{
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "takahashi", "@example.jp", "takahashi@localhost", "taka hashi@example.jp",
                        "a@example.jp, b@example.jp" };

  g_assert_false (mdg_person_validate (person, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, "髙橋");
  g_assert_true (mdg_person_validate (person, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      mdg_person_set_text (person, MDG_PERSON_EMAIL, bad[i]);
      g_assert_false (mdg_person_validate (person, &error));
      g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
      /* The message names what was typed, so the user sees which value is wrong. */
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }
  mdg_person_set_text (person, MDG_PERSON_EMAIL, "takahashi@hakata-seiko.example.jp");
  g_assert_true (mdg_person_validate (person, NULL));
}

static void
test_organization (void)
{
  g_autoptr(MdgOrganization) organization = mdg_organization_new ();
  g_autoptr(MdgOrganization) copy = NULL;
  g_autofree char *name = NULL;
  guint employees = 0;
  guint notified = 0;

  g_assert_cmpint (mdg_organization_get_id (organization), ==, 0);
  g_assert_cmpuint (mdg_organization_get_employees (organization), ==, 0);
  for (MdgOrganizationField f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    {
      g_assert_null (mdg_organization_get_text (organization, f));
      g_assert_cmpstr (mdg_organization_field_get_label (f), !=, "");
    }

  g_signal_connect (organization, "notify::employees", G_CALLBACK (notified_cb), &notified);
  mdg_organization_set_text (organization, MDG_ORGANIZATION_NAME, " 博多精工株式会社 ");
  mdg_organization_set_text (organization, MDG_ORGANIZATION_KANA, "ハカタセイコウ");
  mdg_organization_set_text (organization, MDG_ORGANIZATION_NOTE, "");
  mdg_organization_set_employees (organization, 120);
  mdg_organization_set_employees (organization, 120);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME), ==, "博多精工株式会社");
  g_assert_null (mdg_organization_get_text (organization, MDG_ORGANIZATION_NOTE));
  /* What rows bind to: read-only properties. */
  g_object_get (organization, "name", &name, "employees", &employees, NULL);
  g_assert_cmpstr (name, ==, "博多精工株式会社");
  g_assert_cmpuint (employees, ==, 120);

  copy = mdg_organization_copy (organization);
  for (MdgOrganizationField f = 0; f < MDG_ORGANIZATION_N_FIELDS; f++)
    g_assert_cmpstr (mdg_organization_get_text (copy, f), ==, mdg_organization_get_text (organization, f));
  g_assert_cmpuint (mdg_organization_get_employees (copy), ==, 120);
  mdg_organization_set_text (copy, MDG_ORGANIZATION_NAME, "博多精工");
  mdg_organization_set_employees (copy, 0);
  g_assert_cmpstr (mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME), ==, "博多精工株式会社");
  g_assert_cmpuint (mdg_organization_get_employees (organization), ==, 120);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/contact/person/fields", test_person_fields);
  g_test_add_func ("/contact/person/copy", test_person_copy);
  g_test_add_func ("/contact/person/matches", test_person_matches);
  g_test_add_func ("/contact/person/validate", test_person_validate);
  g_test_add_func ("/contact/organization", test_organization);

  return g_test_run ();
}
