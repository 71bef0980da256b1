/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The seminar day at scale, on the sample database (build-aux/benchmark makes it): the
 * attendee list of the largest seminar (1 000 registrations on the large sample) and
 * check-in search per keystroke over it, each beside its floor doing the same work —
 * the very SQL the list runs (traced), stepped through alone; a plain C loop matching
 * the same folded texts (the sign-in sheet is in bench-documents, the import in
 * bench-import).
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "mdg-database-private.h"
#include "mdg-kana.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"

typedef struct
{
  MdgDatabase *db;
  gint64       seminar_id;
  GPtrArray   *attendees;
} ListCall;

static void
list_attendees (gpointer data)
{
  ListCall *call = data;

  g_clear_pointer (&call->attendees, g_ptr_array_unref);
  call->attendees = mdg_registration_store_list (call->db, call->seminar_id, NULL);
}

/* What the floor of check-in search knows of an attendee: the same texts the desk
 * matches (mdg_person_matches), folded once, as the desk's attendees keep them. */
typedef struct
{
  const char *number;
  char       *folded;
  gboolean    cancelled;
} Row;

static char *
folded_texts (MdgPerson *person)
{
  const char *f = mdg_person_get_text (person, MDG_PERSON_FAMILY_NAME);
  const char *g = mdg_person_get_text (person, MDG_PERSON_GIVEN_NAME);
  const char *fk = mdg_person_get_text (person, MDG_PERSON_FAMILY_KANA);
  const char *gk = mdg_person_get_text (person, MDG_PERSON_GIVEN_KANA);
  g_autofree char *all = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s\n%s%s\n%s%s", f ? f : "", g ? g : "",
                                          fk ? fk : "", gk ? gk : "",
                                          mdg_person_get_text (person, MDG_PERSON_ORGANIZATION) ?: "",
                                          mdg_person_get_text (person, MDG_PERSON_EMAIL) ?: "",
                                          f ? f : "", g ? g : "", fk ? fk : "", gk ? gk : "");

  return mdg_kana_fold (all, -1);
}

/* The floor of check-in search: fold the query, split its words, and test each
 * attendee with strstr; a whole registration number wins, as at the desk. */
static guint
floor_find (Row        *rows,
            guint       n_rows,
            const char *query)
{
  g_autofree char *folded = mdg_kana_fold (query, -1);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  guint found = 0;

  if (*folded == '\0')
    return 0;
  for (guint i = 0; i < n_rows; i++)
    if (!rows[i].cancelled && rows[i].number && g_ascii_strcasecmp (rows[i].number, folded) == 0)
      return 1;
  for (guint i = 0; i < n_rows; i++)
    {
      gboolean all = !rows[i].cancelled;

      if (all && rows[i].number && g_ascii_strncasecmp (rows[i].number, folded, strlen (folded)) == 0)
        {
          found++;
          continue;
        }
      for (guint w = 0; all && words[w]; w++)
        all = !*words[w] || strstr (rows[i].folded, words[w]) != NULL;
      found += all;
    }
  return found;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = NULL;
  const char *path;
  gboolean smoke;
  gint64 seminar_id;
  double start;

  setlocale (LC_ALL, "");
  path = bench_args (&argc, &argv, "[--smoke] DATABASE (the sample, made by bench-core)", &smoke);

  /* Work on a copy, so that the sample stays as it was. */
  scratch = g_strconcat (path, ".attendees", NULL);
  {
    g_autoptr(MdgDatabase) original = mdg_database_open (path, &error);

    if (original == NULL || !mdg_database_backup (original, scratch, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }
  db = mdg_database_open (scratch, &error);
  seminar_id = bench_largest_seminar (_mdg_database_get_handle (db), path);
  seminar = mdg_seminar_store_load (db, seminar_id, &error);
  g_assert_no_error (error);

  /* The attendee list of that seminar in kana order, as objects, against the very SQL
   * it runs, kana collation and all, stepped through alone. */
  {
    g_autoptr(GArray) ours = bench_times ();
    g_autoptr(GArray) floor_ms = bench_times ();
    g_autoptr(GPtrArray) statements = NULL;
    g_autofree char *what = NULL;
    ListCall call = { db, seminar_id, NULL };

    statements = bench_trace (_mdg_database_get_handle (db), list_attendees, &call);
    g_assert_cmpuint (statements->len, ==, 1);
    for (int i = 0; i < (smoke ? 2 : 20); i++)
      {
        double t;

        start = bench_now_ms ();
        list_attendees (&call);
        t = bench_now_ms () - start;
        g_array_append_val (ours, t);
        t = bench_sql_ms (_mdg_database_get_handle (db), g_ptr_array_index (statements, 0));
        g_array_append_val (floor_ms, t);
      }
    attendees = g_steal_pointer (&call.attendees);
    what = g_strdup_printf ("attendee list, %u registrations, kana order", attendees->len);
    bench_compare (what, ours, "the same SQL alone, with the kana collation", floor_ms);
  }

  /* Check-in search per keystroke over the list in memory: names typed letter by letter,
   * against a plain C loop over the same attendees' folded texts. */
  {
    g_autoptr(GArray) ours = bench_times ();
    g_autoptr(GArray) floor_ms = bench_times ();
    g_autofree Row *rows = g_new (Row, attendees->len);
    g_autofree char *what = NULL;
    static const char *typed[] = { "たかはし めぐみ", "タカハシ", "ﾀｶﾊｼ", "髙橋 恵", "立川精密", "0123", "sato", "存在しない人" };

    for (guint i = 0; i < attendees->len; i++)
      {
        MdgAttendee *attendee = g_ptr_array_index (attendees, i);

        rows[i] = (Row) { mdg_attendee_get_number (attendee), folded_texts (mdg_attendee_get_person (attendee)),
                          mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_CANCELLED };
      }
    /* The desk folds each attendee's texts at the first search and keeps them. */
    g_ptr_array_unref (mdg_registration_store_find (attendees, "x"));

    for (int round = 0; round < (smoke ? 1 : 5); round++)
      for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
        {
          const char *end = typed[q];

          /* Every prefix, as each keystroke sends it. */
          while (*end)
            {
              g_autofree char *prefix = NULL;
              g_autoptr(GPtrArray) found = NULL;
              double t;
              guint floor_found;

              end = g_utf8_next_char (end);
              prefix = g_strndup (typed[q], end - typed[q]);
              start = bench_now_ms ();
              found = mdg_registration_store_find (attendees, prefix);
              t = bench_now_ms () - start;
              g_array_append_val (ours, t);

              start = bench_now_ms ();
              floor_found = floor_find (rows, attendees->len, prefix);
              t = bench_now_ms () - start;
              g_array_append_val (floor_ms, t);
              g_assert_cmpuint (floor_found, ==, found->len);
            }
        }
    what = g_strdup_printf ("check-in search per keystroke, %u attendees", attendees->len);
    bench_compare (what, ours, "a plain C loop over the same folded texts", floor_ms);
    for (guint i = 0; i < attendees->len; i++)
      g_free (rows[i].folded);
  }

  g_clear_object (&db);
  g_remove (scratch);
  return 0;
}
