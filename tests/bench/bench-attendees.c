/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The seminar day at scale, on the large sample database (build-aux/benchmark makes
 * it): the attendee list of the 1 000-attendee seminar, check-in search per
 * keystroke and a 1 000-attendee sign-in sheet as PDF (the import has bench-import).
 * Figures are printed beside the floor: what SQLite or cairo alone take for the
 * same work.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "mdg-attendee-sheet.h"
#include "mdg-database-private.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"

static double
raw_query_ms (MdgDatabase *db,
              const char  *sql,
              gint64       id)
{
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  sqlite3_prepare_v2 (_mdg_database_get_handle (db), sql, -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  return bench_drain (stmt, start);
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
  gint64 seminar_id;
  double start;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("Usage: bench-attendees DATABASE (the large sample, made by bench-core)\n");
      return 2;
    }

  /* Work on a copy, so that the import leaves the sample as it was. */
  scratch = g_strconcat (argv[1], ".attendees", NULL);
  {
    g_autoptr(MdgDatabase) original = mdg_database_open (argv[1], &error);

    if (original == NULL || !mdg_database_backup (original, scratch, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }
  db = mdg_database_open (scratch, &error);
  /* The sample's 1 000-attendee seminar. */
  {
    sqlite3_stmt *stmt;

    sqlite3_prepare_v2 (_mdg_database_get_handle (db),
                        "SELECT seminar_id FROM registration GROUP BY seminar_id HAVING count(*) = 1000", -1, &stmt,
                        NULL);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      g_error ("%s has no 1 000-attendee seminar: is it the large sample?", argv[1]);
    seminar_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  seminar = mdg_seminar_store_load (db, seminar_id, &error);
  g_assert_no_error (error);

  /* The attendee list of the 1 000-attendee seminar, in kana order. */
  {
    g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (int i = 0; i < 20; i++)
      {
        double t;

        g_clear_pointer (&attendees, g_ptr_array_unref);
        start = bench_now_ms ();
        attendees = mdg_registration_store_list (db, seminar_id, &error);
        t = bench_now_ms () - start;
        g_array_append_val (ours, t);
        t = raw_query_ms (db, "SELECT * FROM registration AS r JOIN person AS p ON p.id = r.person_id"
                              " WHERE r.seminar_id = ?1 ORDER BY p.family_kana, p.given_kana", seminar_id);
        g_array_append_val (floor_ms, t);
      }
    g_assert_cmpuint (attendees->len, ==, 1000);
    bench_report ("attendee list, 1 000 attendees, kana collation", ours);
    bench_report ("  floor: the same join in SQLite, binary order", floor_ms);
  }

  /* Check-in search per keystroke over the list in memory: names typed letter by letter. */
  {
    g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
    static const char *typed[] = { "たかはし めぐみ", "タカハシ", "ﾀｶﾊｼ", "髙橋 恵", "立川精密", "0123", "sato", "存在しない人" };

    for (int round = 0; round < 5; round++)
      for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
        {
          const char *end = typed[q];

          /* Every prefix, as each keystroke sends it. */
          while (*end)
            {
              g_autofree char *prefix = NULL;
              g_autoptr(GPtrArray) found = NULL;
              double t;

              end = g_utf8_next_char (end);
              prefix = g_strndup (typed[q], end - typed[q]);
              start = bench_now_ms ();
              found = mdg_registration_store_find (attendees, prefix);
              t = bench_now_ms () - start;
              g_array_append_val (ours, t);
            }
        }
    bench_report ("check-in search per keystroke, 1 000 attendees", ours);
    printf ("  (one 60 Hz frame is 16.7 ms; the search touches neither disk nor network)\n");
  }

  /* A 1 000-attendee sign-in sheet as PDF, against cairo writing the same pages of plain rectangles. */
  {
    g_autoptr(MdgDocument) sheet = mdg_attendee_sheet_new (seminar, attendees, MDG_ATTENDEE_SHEET_SIGN_IN);
    g_autofree char *pdf = g_strconcat (scratch, ".pdf", NULL);
    guint pages;

    start = bench_now_ms ();
    if (!mdg_document_export_pdf (sheet, pdf, &error))
      g_error ("%s", error->message);
    pages = mdg_document_get_n_pages (sheet);
    bench_once ("sign-in sheet, 1 000 attendees, to PDF", bench_now_ms () - start);
    printf ("  (%u pages)\n", pages);

    start = bench_now_ms ();
    {
      cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 595, 842);
      cairo_t *cr = cairo_create (surface);

      for (guint p = 0; p < pages; p++)
        {
          for (int r = 0; r < 25; r++)
            {
              cairo_rectangle (cr, 30, 100 + r * 28, 535, 28);
              cairo_stroke (cr);
            }
          cairo_show_page (cr);
        }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
    bench_once ("  floor: cairo writing the same pages without text", bench_now_ms () - start);
    g_remove (pdf);
  }

  g_clear_object (&db);
  g_remove (scratch);
  return 0;
}
