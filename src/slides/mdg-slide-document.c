/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slide-document"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "mdg-error.h"
#include "mdg-slide-document.h"
#include "mdg-util-private.h"

struct _MdgSlideDocument
{
  GObject          parent_instance;

  PopplerDocument *document;
  GBytes          *contents;  /* Poppler reads from these bytes for as long as it lives */
};

G_DEFINE_FINAL_TYPE (MdgSlideDocument, mdg_slide_document, G_TYPE_OBJECT)

/* Poppler 22.12 declares no cleanup function for its pages; newer ones do, so the
 * alias keeps both building. */
typedef PopplerPage MdgPopplerPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgPopplerPage, g_object_unref)

/*
 * Poppler comes with its C++ library, NSS and image codecs: a fifth of the libraries
 * Madoguchi would otherwise load and relocate at every start, before the window's
 * first frame, for the slide decks alone. It is loaded (by its soname, from the
 * headers' declarations) the first time a deck is opened, in whichever thread opens it.
 */
static struct
{
  __typeof__ (poppler_document_new_from_bytes) *document_new_from_bytes;
  __typeof__ (poppler_error_quark) *error_quark;
  __typeof__ (poppler_document_get_n_pages) *document_get_n_pages;
  __typeof__ (poppler_document_get_page) *document_get_page;
  __typeof__ (poppler_page_get_size) *page_get_size;
  __typeof__ (poppler_page_get_text) *page_get_text;
  __typeof__ (poppler_page_get_label) *page_get_label;
  __typeof__ (poppler_page_render) *page_render;
  __typeof__ (poppler_page_render_for_printing) *page_render_for_printing;
} poppler;

static const MdgLibrarySymbol poppler_symbols[] = {
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", document_new_from_bytes),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", error_quark),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", document_get_n_pages),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", document_get_page),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", page_get_size),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", page_get_text),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", page_get_label),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", page_render),
  MDG_LIBRARY_SYMBOL (__typeof__ (poppler), "poppler_", page_render_for_printing),
};

static MdgLibrary poppler_library = MDG_LIBRARY_INIT (MDG_POPPLER_GLIB_SONAME, poppler_symbols, &poppler, NULL);

/* Returns: (nullable): what went wrong, for the message; %NULL once Poppler is loaded */
static const char *
ensure_poppler (void)
{
  return _mdg_library_ensure (&poppler_library);
}

/* Pictures differ even when the text does not: a rendering this wide tells them apart. */
#define HASH_WIDTH 96

static void
mdg_slide_document_finalize (GObject *object)
{
  MdgSlideDocument *self = (MdgSlideDocument *) object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->contents, g_bytes_unref);

  G_OBJECT_CLASS (mdg_slide_document_parent_class)->finalize (object);
}

static void
mdg_slide_document_class_init (MdgSlideDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_slide_document_finalize;
}

static void
mdg_slide_document_init (MdgSlideDocument *self)
{
}

/* Whether @needle occurs in the @length bytes at @data. */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/**
 * mdg_slide_document_new_from_bytes:
 * @contents: a PDF file's contents
 * @display_name: the file's name, for messages
 * @error: a location for a #GError
 *
 * Opens a PDF and refuses what cannot be a sound deck: a file that is not a PDF, a
 * truncated one (Poppler would silently show what it could rebuild), a damaged one,
 * one locked with a password, and one without pages. The messages say which file and
 * what to do.
 *
 * Returns: (transfer full): the document, or %NULL with @error set (%MDG_ERROR_INVALID)
 */
MdgSlideDocument *
mdg_slide_document_new_from_bytes (GBytes      *contents,
                                   const char  *display_name,
                                   GError     **error)
{
  g_autoptr(MdgSlideDocument) self = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *problem;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  /* The header may follow a little junk (the PDF reference allows 1 KB of it). */
  if (data == NULL || !contains (data, MIN (length, 1024), "%PDF-"))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” is not a PDF file. Export the presentation as PDF and import that file."),
                   display_name);
      return NULL;
    }
  if (!contains (data + length - MIN (length, 1024), MIN (length, 1024), "%%EOF"))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” is incomplete: the file ends before the end of the PDF. It was probably "
                     "cut off while downloading or copying; copy it again from where it came from."),
                   display_name);
      return NULL;
    }

  if ((problem = ensure_poppler ()) != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("“%s” cannot be read: the PDF library Poppler could not be loaded (%s). Reinstall Madoguchi."),
                   display_name, problem);
      return NULL;
    }

  self = g_object_new (MDG_TYPE_SLIDE_DOCUMENT, NULL);
  self->contents = g_bytes_ref (contents);
  self->document = poppler.document_new_from_bytes (self->contents, NULL, &local_error);
  if (self->document == NULL)
    {
      if (g_error_matches (local_error, poppler.error_quark (), POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                     _("“%s” is locked with a password. Save a copy without the password "
                       "(or ask its author for one) and import that."),
                     display_name);
      else
        g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                     _("“%s” is a damaged PDF that cannot be read. Export it from the "
                       "presentation again and import the new file."),
                     display_name);
      return NULL;
    }
  if (poppler.document_get_n_pages (self->document) < 1)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” has no pages."), display_name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * mdg_slide_document_new:
 * @path: a PDF file
 * @error: a location for a #GError
 *
 * Opens a PDF as mdg_slide_document_new_from_bytes() does, reading the file first.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MdgSlideDocument *
mdg_slide_document_new (const char  *path,
                        GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("Could not read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  return mdg_slide_document_new_from_bytes (bytes, name, error);
}

guint
mdg_slide_document_get_n_pages (MdgSlideDocument *self)
{
  g_return_val_if_fail (MDG_IS_SLIDE_DOCUMENT (self), 0);
  return poppler.document_get_n_pages (self->document);
}

static PopplerPage *
get_page (MdgSlideDocument *self,
          guint             page)
{
  g_return_val_if_fail (MDG_IS_SLIDE_DOCUMENT (self), NULL);
  g_return_val_if_fail (page < (guint) poppler.document_get_n_pages (self->document), NULL);

  return poppler.document_get_page (self->document, page);
}

/* In points; @page counts from 0. */
void
mdg_slide_document_get_page_size (MdgSlideDocument *self,
                                  guint             page,
                                  double           *width,
                                  double           *height)
{
  g_autoptr(MdgPopplerPage) p = get_page (self, page);

  *width = *height = 0;
  if (p != NULL)
    poppler.page_get_size (p, width, height);
}

/* Returns: (transfer full): the page's text, in reading order */
char *
mdg_slide_document_get_text (MdgSlideDocument *self,
                             guint             page)
{
  g_autoptr(MdgPopplerPage) p = get_page (self, page);
  char *text = p ? poppler.page_get_text (p) : NULL;

  return text ? text : g_strdup ("");
}

/* Returns: (transfer full) (nullable): the page's label, as the PDF names it */
char *
mdg_slide_document_get_label (MdgSlideDocument *self,
                              guint             page)
{
  g_autoptr(MdgPopplerPage) p = get_page (self, page);

  return p ? poppler.page_get_label (p) : NULL;
}

/**
 * mdg_slide_document_render:
 * @self: a #MdgSlideDocument
 * @page: the page, counting from 0
 * @max_width: the largest width, in device pixels
 * @max_height: the largest height, in device pixels; 0 for any
 *
 * Renders a page as large as fits in the box, keeping its proportions, on white.
 *
 * Returns: (transfer full): the image
 */
MdgPageImage *
mdg_slide_document_render (MdgSlideDocument *self,
                           guint             page,
                           guint             max_width,
                           guint             max_height)
{
  g_autoptr(MdgPopplerPage) p = get_page (self, page);
  cairo_surface_t *surface;
  MdgPageImage *image;
  double width = 1, height = 1, scale;
  int w, h;
  cairo_t *cr;

  g_return_val_if_fail (max_width > 0, NULL);

  if (p != NULL)
    poppler.page_get_size (p, &width, &height);
  scale = max_width / width;
  if (max_height > 0)
    scale = MIN (scale, max_height / height);
  w = MAX (1, (int) (width * scale + 0.5));
  h = MAX (1, (int) (height * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, (double) w / width, (double) h / height);
  if (p != NULL)
    poppler.page_render (p, cr);
  cairo_destroy (cr);

  image = mdg_page_image_new_for_surface (surface, page);
  cairo_surface_destroy (surface);
  return image;
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * mdg_slide_document_render_png:
 * @self: a #MdgSlideDocument
 * @page: the page, counting from 0
 * @max_width: the largest width, in pixels
 * @max_height: the largest height, in pixels; 0 for any
 * @error: a location for a #GError
 *
 * A page as a PNG image, for exports (an EPUB of the deck, a web page).
 *
 * Returns: (transfer full): the PNG file's bytes
 */
GBytes *
mdg_slide_document_render_png (MdgSlideDocument  *self,
                               guint              page,
                               guint              max_width,
                               guint              max_height,
                               GError           **error)
{
  g_autoptr(MdgPageImage) image = mdg_slide_document_render (self, page, max_width, max_height);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_status_t status;

  status = cairo_surface_write_to_png_stream (mdg_page_image_get_surface (image), append_png, png);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not make an image of slide %u: %s"),
                   page + 1, cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* Returns: (transfer full): the SHA-256 of a small rendering of the page */
char *
mdg_slide_document_render_hash (MdgSlideDocument *self,
                                guint             page)
{
  g_autoptr(MdgPageImage) image = mdg_slide_document_render (self, page, HASH_WIDTH, 0);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length;
  const guchar *data = g_bytes_get_data (mdg_page_image_get_bytes (image), &length);

  g_checksum_update (checksum, data, length);
  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * mdg_slide_document_draw_page:
 * @self: a #MdgSlideDocument
 * @page: the page, counting from 0
 * @cr: where to draw
 * @x: the box's left edge
 * @y: the box's top edge
 * @width: the box's width
 * @height: the box's height
 *
 * Draws a page as large as fits in the box, centred, as vectors: Poppler's printing
 * render, which hands JPEG pictures to cairo as they are, so a PDF surface embeds
 * them without decoding and recompressing them.
 */
void
mdg_slide_document_draw_page (MdgSlideDocument *self,
                              guint             page,
                              cairo_t          *cr,
                              double            x,
                              double            y,
                              double            width,
                              double            height)
{
  g_autoptr(MdgPopplerPage) p = get_page (self, page);
  double page_width, page_height, scale;

  if (p == NULL)
    return;
  poppler.page_get_size (p, &page_width, &page_height);
  scale = MIN (width / page_width, height / page_height);

  cairo_save (cr);
  cairo_translate (cr, x + (width - page_width * scale) / 2, y + (height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, page_width, page_height);
  cairo_clip (cr);
  poppler.page_render_for_printing (p, cr);
  cairo_restore (cr);
}
