/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-test"

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "mdg-test-slides.h"

#define SLIDE_WIDTH  960.0
#define SLIDE_HEIGHT 540.0

/* A "photo": smooth colour fields with noise, so that JPEG has real work to do. */
static GdkPixbuf *
make_photo (int    width,
            int    height,
            guint  seed,
            GBytes **jpeg)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        int noise = g_rand_int_range (rand, -20, 20);

        p[0] = CLAMP ((int) ((x * 255 / width + seed * 40) % 256) + noise, 0, 255);
        p[1] = CLAMP ((y * 255 / height) + noise, 0, 255);
        p[2] = CLAMP ((int) (((x + y) * 128 / (width + height) + seed * 13) % 256) + noise, 0, 255);
      }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "85", NULL);
  g_assert_no_error (error);
  *jpeg = g_bytes_new_take (buffer, size);
  return pixbuf;
}

GBytes *
mdg_test_make_jpeg (int   width,
                    int   height,
                    guint seed)
{
  GBytes *jpeg = NULL;

  g_object_unref (make_photo (width, height, seed, &jpeg));

  return jpeg;
}

static void
draw_photo (cairo_t *cr,
            guint    seed)
{
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GdkPixbuf) pixbuf = make_photo (1200, 800, seed, &jpeg);
  cairo_surface_t *image;
  int w, h;

  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  {
    guchar *dst = cairo_image_surface_get_data (image);
    const guchar *src = gdk_pixbuf_read_pixels (pixbuf);
    int ds = cairo_image_surface_get_stride (image), ss = gdk_pixbuf_get_rowstride (pixbuf);

    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          const guchar *s = src + y * ss + x * 3;
          *(guint32 *) (dst + y * ds + x * 4) = 0xff000000u | (s[0] << 16) | (s[1] << 8) | s[2];
        }
    cairo_surface_mark_dirty (image);
  }
  /* cairo embeds the JPEG stream itself in a PDF, as presentation programs do. */
  cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
  cairo_save (cr);
  cairo_translate (cr, 520, 150);
  cairo_scale (cr, 400.0 / w, 300.0 / h);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

void
mdg_test_write_deck (const char         *path,
                     const char * const *texts,
                     guint               n_pages,
                     gboolean            photos)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, SLIDE_WIDTH, SLIDE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK JP 28");

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 440 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_set_source_rgb (cr, 0.12, 0.23, 0.45);
      cairo_rectangle (cr, 0, 0, SLIDE_WIDTH, 90);
      cairo_fill (cr);
      if (texts != NULL && texts[i] != NULL && *texts[i] != '\0')
        {
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_move_to (cr, 50, 130);
          pango_layout_set_text (layout, texts[i], -1);
          pango_cairo_show_layout (cr, layout);
        }
      if (photos)
        draw_photo (cr, i);
      cairo_show_page (cr);
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A PDF locked with a user password nobody knows: its /U entry matches no password. */
void
mdg_test_write_encrypted_pdf (const char *path)
{
  static const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] >>",
    "<< /Filter /Standard /V 1 /R 2 /P -44"
    " /O <3b5b1c1d0f8a2e4d6c7b9a8f1e2d3c4b5a69788796a5b4c3d2e1f00112233445>"
    " /U <9f8e7d6c5b4a39281706f5e4d3c2b1a0112233445566778899aabbccddeeff00> >>",
  };
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010u 00000 n \n", (guint) offsets[i]);
  g_string_append_printf (pdf,
                          "trailer\n<< /Size %u /Root 1 0 R /Encrypt 4 0 R"
                          " /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n"
                          "startxref\n%u\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, (guint) xref);
  g_file_set_contents (path, pdf->str, pdf->len, &error);
  g_assert_no_error (error);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* The text of page @page (from 0), as Poppler extracts it. */
char *
mdg_test_pdf_text (const char *path,
                   guint       page)
{
  PopplerDocument *document = open_pdf (path);
  PopplerPage *p = poppler_document_get_page (document, page);
  char *text;

  g_assert_nonnull (p);
  text = poppler_page_get_text (p);
  g_object_unref (p);
  g_object_unref (document);
  return text;
}

guint
mdg_test_pdf_n_pages (const char *path)
{
  PopplerDocument *document = open_pdf (path);
  guint n = poppler_document_get_n_pages (document);

  g_object_unref (document);
  return n;
}
