/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The sign-in sheet of the sample's largest seminar (937 registered on the large
 * sample, 50 pages) as PDF, beside its floor: a plain cairo + pango program drawing the
 * same texts in the same places on the same pages, with one PangoLayout per style and
 * no fitting. Not a test: run by build-aux/benchmark.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "mdg-attendee.h"
#include "mdg-attendee-sheet.h"
#include "mdg-database-private.h"
#include "mdg-date.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"

/* The sheet's geometry (mdg-document.c, mdg-attendee-sheet.c). */
#define MM(mm)        ((mm) * 72.0 / 25.4)
#define MARGIN        MM (12)
#define FOOTER_HEIGHT 22.0
#define BAND          18.0
#define ROW           34.0

enum { TITLE, LINE, KIND, COLUMN, NUMBER, ORGANIZATION, READING, NAME, JOB, NOTICE, FOOTER, N_STYLES };

static const struct { double size; gboolean bold; } styles[N_STYLES] = {
  { 14, TRUE }, { 9, FALSE }, { 12, TRUE }, { 8, TRUE }, { 8, FALSE }, { 9, FALSE }, { 6, FALSE },
  { 11, TRUE }, { 8.5, FALSE }, { 8, TRUE }, { 8, FALSE },
};

static const double widths[] = { 0.05, 0.09, 0.27, 0.25, 0.14, 0.20 };

/* Sets @text on @layout in a box @width wide and shows it at @x, @y; returns its height. */
static double
show (cairo_t     *cr,
      PangoLayout *layout,
      const char  *text,
      double       x,
      double       y,
      double       width,
      double       band)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_get_size (layout, &w, &h);
  /* Centred in @band when one is given, as table cells are. */
  cairo_move_to (cr, x, band > 0 ? y + (band - (double) h / PANGO_SCALE) / 2 : y);
  pango_cairo_show_layout (cr, layout);
  return (double) h / PANGO_SCALE;
}

static guint
floor_sheet (const char *path,
             MdgSeminar *seminar,
             GPtrArray  *attendees,
             GDateTime  *printed_at)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, MDG_A4_WIDTH, MDG_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  PangoLayout *layouts[N_STYLES];
  g_autofree char *when = mdg_date_range_format (mdg_seminar_get_starts_at (seminar), mdg_seminar_get_ends_at (seminar),
                                                 MDG_DATE_DEFAULT);
  g_autofree char *date = mdg_date_format (printed_at, MDG_DATE_DEFAULT);
  g_autofree char *time = mdg_time_format (printed_at);
  g_autofree char *printed = g_strdup_printf (_("Printed %s %s"), date, time);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee", "%u attendees", attendees->len),
                                            attendees->len);
  const char *titles[] = { C_("sheet column", "✓"), C_("sheet column", "No."), C_("sheet column", "Organization"),
                           C_("sheet column", "Name (reading)"), C_("sheet column", "Title"),
                           C_("sheet column", "Signature") };
  double table = MDG_A4_WIDTH - 2 * MARGIN;
  double left = table * 0.68;
  double right_x = MARGIN + left + 12;
  double third = table / 3;
  double top = 0;
  guint per_page = 1, pages;

  pango_cairo_context_set_resolution (context, 72);
  for (guint s = 0; s < N_STYLES; s++)
    {
      PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK JP");

      pango_font_description_set_size (font, (int) (styles[s].size * PANGO_SCALE));
      if (styles[s].bold)
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      layouts[s] = pango_layout_new (context);
      pango_layout_set_font_description (layouts[s], font);
      pango_layout_set_wrap (layouts[s], PANGO_WRAP_WORD_CHAR);
      pango_font_description_free (font);
    }
  pango_layout_set_alignment (layouts[KIND], PANGO_ALIGN_RIGHT);
  pango_layout_set_alignment (layouts[FOOTER], PANGO_ALIGN_RIGHT);

  pages = G_MAXUINT;
  for (guint page = 0; page < pages; page++)
    {
      double y = MARGIN, x;
      guint first = page * per_page;

      cairo_set_source_rgb (cr, 0, 0, 0);
      y += show (cr, layouts[TITLE], mdg_seminar_get_title (seminar), MARGIN, y, left, 0) + 4;
      y += show (cr, layouts[LINE], when, MARGIN, y, left, 0) + 1;
      y += show (cr, layouts[LINE], mdg_seminar_get_venue (seminar) ? mdg_seminar_get_venue (seminar)
                                                                    : mdg_seminar_get_online_url (seminar),
                 MARGIN, y, left, 0) + 8;
      pango_layout_set_alignment (layouts[LINE], PANGO_ALIGN_RIGHT);
      show (cr, layouts[LINE], count,
            right_x, MARGIN + show (cr, layouts[KIND], _("Sign-in sheet"), right_x, MARGIN, table - left - 12, 0) + 4,
            table - left - 12, 0);
      pango_layout_set_alignment (layouts[LINE], PANGO_ALIGN_LEFT);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, MARGIN, y);
      cairo_line_to (cr, MARGIN + table, y);
      cairo_stroke (cr);
      y += 8;
      if (page == 0)
        {
          top = y;
          per_page = (guint) ((MDG_A4_HEIGHT - MARGIN - FOOTER_HEIGHT - top - BAND - 8) / ROW);
          pages = MAX (1, (attendees->len + per_page - 1) / per_page);
        }

      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_rectangle (cr, MARGIN, y, table, BAND);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      x = MARGIN;
      for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
        {
          pango_layout_set_alignment (layouts[COLUMN], c == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
          show (cr, layouts[COLUMN], titles[c], x + 3, y + 2, widths[c] * table - 6, BAND - 4);
          x += widths[c] * table;
        }
      y += BAND;

      for (guint i = first; i < MIN (first + per_page, attendees->len); i++)
        {
          MdgAttendee *attendee = g_ptr_array_index (attendees, i);
          MdgPerson *person = mdg_attendee_get_person (attendee);
          const char *org = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
          const char *dept = mdg_person_get_text (person, MDG_PERSON_DEPARTMENT);
          g_autofree char *organization = org && dept ? g_strconcat (org, "\n", dept, NULL) : g_strdup (org ? org : dept);
          g_autofree char *name = mdg_person_dup_name (person);
          g_autofree char *kana = mdg_person_dup_kana (person);
          const char *job = mdg_person_get_text (person, MDG_PERSON_TITLE);
          double w[G_N_ELEMENTS (widths)];

          for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
            w[c] = widths[c] * table;
          x = MARGIN;
          cairo_set_line_width (cr, 0.8);
          cairo_rectangle (cr, x + (w[0] - 11) / 2, y + (ROW - 11) / 2, 11, 11);
          cairo_stroke (cr);
          x += w[0];
          show (cr, layouts[NUMBER], mdg_attendee_get_number (attendee), x + 3, y + 2, w[1] - 6, ROW - 4);
          x += w[1];
          if (organization)
            show (cr, layouts[ORGANIZATION], organization, x + 3, y + 2, w[2] - 6, ROW - 4);
          x += w[2];
          show (cr, layouts[READING], kana, x + 3, y + 2, w[3] - 6, 0);
          show (cr, layouts[NAME], name, x + 3, y + 11, w[3] - 6, ROW - 13);
          x += w[3];
          if (job)
            show (cr, layouts[JOB], job, x + 3, y + 2, w[4] - 6, ROW - 4);

          cairo_set_line_width (cr, 0.4);
          cairo_move_to (cr, MARGIN, y + ROW);
          cairo_line_to (cr, MARGIN + table, y + ROW);
          cairo_stroke (cr);
          y += ROW;
        }
      x = MARGIN;
      for (guint c = 0; c <= G_N_ELEMENTS (widths); c++)
        {
          cairo_move_to (cr, x, top);
          cairo_line_to (cr, x, y);
          x += c < G_N_ELEMENTS (widths) ? widths[c] * table : 0;
        }
      cairo_stroke (cr);

      y = MDG_A4_HEIGHT - MARGIN - FOOTER_HEIGHT + 8;
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, MARGIN, y - 6);
      cairo_line_to (cr, MARGIN + table, y - 6);
      cairo_stroke (cr);
      show (cr, layouts[NOTICE], _("Contains personal data — handle with care"), MARGIN, y, third, 0);
      {
        g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), page + 1, pages);

        pango_layout_set_alignment (layouts[FOOTER], PANGO_ALIGN_CENTER);
        show (cr, layouts[FOOTER], counter, MARGIN + third, y, third, 0);
        pango_layout_set_alignment (layouts[FOOTER], PANGO_ALIGN_RIGHT);
        show (cr, layouts[FOOTER], printed, MARGIN + 2 * third, y, third, 0);
      }
      cairo_show_page (cr);
    }

  for (guint s = 0; s < N_STYLES; s++)
    g_object_unref (layouts[s]);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return pages;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) registered = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) printed_at = g_date_time_new_now_local ();
  g_autoptr(GArray) ours = bench_times ();
  g_autoptr(GArray) floor_ms = bench_times ();
  g_autofree char *pdf = NULL;
  g_autofree char *floor_pdf = NULL;
  g_autofree char *what = NULL;
  const char *path;
  gboolean smoke;
  gint64 seminar_id;
  guint pages = 0, floor_pages = 0;

  setlocale (LC_ALL, "");
  path = bench_args (&argc, &argv, "[--smoke] DATABASE (the sample, made by bench-core)", &smoke);
  db = mdg_database_open (path, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  seminar_id = bench_largest_seminar (_mdg_database_get_handle (db), path);
  seminar = mdg_seminar_store_load (db, seminar_id, &error);
  attendees = mdg_registration_store_list (db, seminar_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < attendees->len; i++)
    if (mdg_attendee_get_status (g_ptr_array_index (attendees, i)) == MDG_REGISTRATION_STATUS_REGISTERED)
      g_ptr_array_add (registered, g_ptr_array_index (attendees, i));

  pdf = g_strconcat (path, ".sign-in.pdf", NULL);
  floor_pdf = g_strconcat (path, ".sign-in-floor.pdf", NULL);
  /* Interleaved pairs, after one of each to warm the font caches (but for a smoke run). */
  for (int round = smoke ? 0 : -1; round < (smoke ? 1 : 7); round++)
    {
      g_autoptr(MdgDocument) sheet = mdg_attendee_sheet_new (seminar, attendees, MDG_ATTENDEE_SHEET_SIGN_IN);
      double start, t;

      mdg_document_set_printed_at (sheet, printed_at);
      start = bench_now_ms ();
      if (!mdg_document_export_pdf (sheet, pdf, &error))
        g_error ("%s", error->message);
      t = bench_now_ms () - start;
      pages = mdg_document_get_n_pages (sheet);
      if (round >= 0)
        g_array_append_val (ours, t);

      start = bench_now_ms ();
      floor_pages = floor_sheet (floor_pdf, seminar, registered, printed_at);
      t = bench_now_ms () - start;
      if (round >= 0)
        g_array_append_val (floor_ms, t);
    }
  g_assert_cmpuint (pages, ==, floor_pages);

  what = g_strdup_printf ("sign-in sheet, %u registered, %u pages, to PDF", registered->len, pages);
  bench_compare (what, ours, "cairo + pango, the same texts, a layout per style", floor_ms);
  /* Kept for looking at side by side when asked (BENCH_KEEP_PDF=1). */
  if (g_getenv ("BENCH_KEEP_PDF") == NULL)
    {
      g_remove (pdf);
      g_remove (floor_pdf);
    }
  return 0;
}
