/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-epub"

#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "mdg-epub.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-html-private.h"
#include "mdg-markup.h"

/*
 * A deck's slides with their explanatory texts as a reflowable EPUB 3: a title page,
 * then one page per slide (its picture, then its text), a navigation document, Japanese
 * as the language. The OCF container is written with libarchive: `mimetype` first and
 * stored, then everything else deflated (the PNGs stored: they are compressed already).
 *
 * The style sheet is safe in vertical writing, which Japanese reading systems may
 * impose: no extent is fixed, the picture is capped in both directions so it fits the
 * page either way, and spacing uses logical properties.
 */

static const char stylesheet[] =
  "@charset \"UTF-8\";\n"
  "html { line-height: 1.75; }\n"
  "body { margin: 0; padding: 0; line-break: strict; -epub-line-break: strict; word-break: normal;"
  " -epub-word-break: normal; overflow-wrap: break-word; }\n"
  "h1, h2 { line-height: 1.4; font-weight: bold; }\n"
  "h1 { font-size: 1.5em; }\n"
  "h2 { font-size: 1.2em; }\n"
  "p { margin: 0; margin-block-end: 0.8em; }\n"
  /* Both extents capped, neither fixed: whole and upright in either writing mode. */
  "figure.slide { margin: 0; margin-block-end: 1em; text-align: center; break-inside: avoid;"
  " page-break-inside: avoid; }\n"
  "figure.slide img { max-width: 100%; max-height: 90vh; width: auto; height: auto;"
  " text-orientation: upright; -epub-text-orientation: upright; }\n"
  ".meta { font-size: 0.9em; }\n";

/* The picture libarchive gets as is: PNG is compressed already. */
#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"

typedef struct
{
  struct archive *archive;
  GByteArray     *bytes;
} Zip;

static la_ssize_t
zip_write_cb (struct archive *archive,
              void           *user_data,
              const void     *buffer,
              size_t          length)
{
  GByteArray *bytes = user_data;

  g_byte_array_append (bytes, buffer, length);
  return length;
}

static gboolean
zip_add (Zip         *zip,
         const char  *name,
         const void  *data,
         gsize        length,
         gboolean     compress,
         GError     **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  if (compress)
    archive_write_zip_set_compression_deflate (zip->archive);
  else
    archive_write_zip_set_compression_store (zip->archive);

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  archive_entry_set_mtime (entry, (time_t) g_get_real_time () / G_USEC_PER_SEC, 0);

  ok = archive_write_header (zip->archive, entry) == ARCHIVE_OK &&
       (length == 0 || archive_write_data (zip->archive, data, length) == (la_ssize_t) length);
  if (!ok)
    g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not write the EPUB: %s"),
                 archive_error_string (zip->archive));
  archive_entry_free (entry);
  return ok;
}

static gboolean
zip_add_text (Zip         *zip,
              const char  *name,
              GString     *text,
              GError     **error)
{
  return zip_add (zip, name, text->str, text->len, TRUE, error);
}

/*
 * EPUB wants the mimetype's local header without an "extra field", so that the bytes
 * "mimetypeapplication/epub+zip" sit at offset 30; libarchive always writes one (its
 * Unix time and owner fields). This takes it out of that one local header and moves
 * every later offset back by as much; the central directory keeps its copy, which
 * EPUB allows.
 */
/* Little-endian fields of the ZIP format, read and written without unaligned access. */
static guint32
read_le (const guint8 *p,
         guint         size)
{
  guint32 value = 0;

  for (guint i = size; i-- > 0;)
    value = (value << 8) | p[i];
  return value;
}

static void
write_le (guint8  *p,
          guint    size,
          guint32  value)
{
  for (guint i = 0; i < size; i++, value >>= 8)
    p[i] = value & 0xff;
}

/*
 * EPUB wants the mimetype's local header without an "extra field", so that the bytes
 * "mimetypeapplication/epub+zip" sit at offset 30; libarchive always writes one (its
 * Unix time and owner fields). This takes it out of that one local header and moves
 * every later offset back by as much; the central directory keeps its copy, which
 * EPUB allows.
 */
static gboolean
strip_mimetype_extra (GByteArray  *zip,
                      GError     **error)
{
  guint8 *data = zip->data;
  guint32 name_length, extra_length, directory_offset, count, end, position;

  if (zip->len < 30 + 8 + 22 || memcmp (data, "PK\x03\x04", 4) != 0)
    goto corrupt;
  name_length = read_le (data + 26, 2);
  extra_length = read_le (data + 28, 2);
  if (name_length != 8 || memcmp (data + 30, "mimetype", 8) != 0)
    goto corrupt;
  if (extra_length == 0)
    return TRUE;

  /* The end of central directory record: the last 22 bytes (no comment, no ZIP64). */
  end = zip->len - 22;
  if (memcmp (data + end, "PK\x05\x06", 4) != 0 ||
      (end >= 20 && memcmp (data + end - 20, "PK\x06\x07", 4) == 0))
    goto corrupt;
  count = read_le (data + end + 10, 2);
  directory_offset = read_le (data + end + 16, 4);

  /* Every central directory entry after the first points at a shifted local header. */
  position = directory_offset;
  for (guint32 i = 0; i < count; i++)
    {
      guint32 local;

      if (position + 46 > end || memcmp (data + position, "PK\x01\x02", 4) != 0)
        goto corrupt;
      local = read_le (data + position + 42, 4);
      if (local > 0)
        write_le (data + position + 42, 4, local - extra_length);
      position += 46 + read_le (data + position + 28, 2) + read_le (data + position + 30, 2) +
                  read_le (data + position + 32, 2);
    }
  write_le (data + end + 16, 4, directory_offset - extra_length);

  write_le (data + 28, 2, 0);
  g_byte_array_remove_range (zip, 30 + name_length, extra_length);
  return TRUE;

corrupt:
  g_set_error_literal (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not write the EPUB: its container came out damaged"));
  return FALSE;
}

static void
xhtml_begin (GString    *out,
             const char *lang,
             const char *title,
             const char *css)
{
  g_string_append_printf (out,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                          "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\""
                          " lang=\"%s\" xml:lang=\"%s\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>",
                          lang, lang);
  _mdg_html_append_escaped (out, title);
  g_string_append_printf (out, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n</head>\n<body>\n",
                          css);
}

static char *
page_title (MdgPublishPage *page,
            guint           index)
{
  if (page->title != NULL && *page->title != '\0')
    return g_strdup (page->title);
  /* Translators: the title of a slide that has none; %u is its number */
  return g_strdup_printf (_("Slide %u"), index + 1);
}

static gboolean
check_pages (GPtrArray  *pages,
             GError    **error)
{
  if (pages->len == 0)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("The deck has no slides to publish"));
      return FALSE;
    }
  for (guint i = 0; i < pages->len; i++)
    {
      MdgPublishPage *page = g_ptr_array_index (pages, i);
      gsize length;
      const char *png = g_bytes_get_data (page->png, &length);

      if (length < 8 || memcmp (png, PNG_SIGNATURE, 8) != 0)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("The picture of slide %u is not a PNG image"), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static GString *
make_package (const MdgEpubInfo *info,
              const char        *identifier,
              const char        *lang,
              GPtrArray         *pages)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) modified = g_date_time_to_utc (info->modified ? info->modified : now);
  g_autofree char *modified_text = g_date_time_format (modified, "%Y-%m-%dT%H:%M:%SZ");

  g_string_append_printf (out,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\""
                          " unique-identifier=\"pub-id\" xml:lang=\"%s\">\n"
                          "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"pub-id\">",
                          lang);
  _mdg_html_append_escaped (out, identifier);
  g_string_append (out, "</dc:identifier>\n<dc:title>");
  _mdg_html_append_escaped (out, info->title);
  g_string_append_printf (out, "</dc:title>\n<dc:language>%s</dc:language>\n", lang);
  if (info->author != NULL && *info->author != '\0')
    {
      g_string_append (out, "<dc:creator>");
      _mdg_html_append_escaped (out, info->author);
      g_string_append (out, "</dc:creator>\n");
    }
  if (info->description != NULL && *info->description != '\0')
    {
      g_string_append (out, "<dc:description>");
      _mdg_html_append_escaped (out, info->description);
      g_string_append (out, "</dc:description>\n");
    }
  g_string_append_printf (out, "<meta property=\"dcterms:modified\">%s</meta>\n</metadata>\n<manifest>\n",
                          modified_text);
  g_string_append (out, "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
                        "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n"
                        "<item id=\"title\" href=\"title.xhtml\" media-type=\"application/xhtml+xml\"/>\n");
  for (guint i = 0; i < pages->len; i++)
    g_string_append_printf (out,
                            "<item id=\"page-%03u\" href=\"pages/page-%03u.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
                            "<item id=\"slide-%03u\" href=\"images/slide-%03u.png\" media-type=\"image/png\"%s/>\n",
                            i + 1, i + 1, i + 1, i + 1, i == 0 ? " properties=\"cover-image\"" : "");
  /* Slides read left to right, whatever the text's direction. */
  g_string_append (out, "</manifest>\n<spine page-progression-direction=\"ltr\">\n<itemref idref=\"title\"/>\n");
  for (guint i = 0; i < pages->len; i++)
    g_string_append_printf (out, "<itemref idref=\"page-%03u\"/>\n", i + 1);
  g_string_append (out, "</spine>\n</package>\n");
  return out;
}

static GString *
make_nav (const MdgEpubInfo *info,
          const char        *lang,
          GPtrArray         *pages)
{
  GString *out = g_string_new (NULL);

  xhtml_begin (out, lang, info->title, "style.css");
  g_string_append (out, "<nav epub:type=\"toc\" id=\"toc\">\n<h1>");
  _mdg_html_append_escaped (out, _("Contents"));
  g_string_append (out, "</h1>\n<ol>\n<li><a href=\"title.xhtml\">");
  _mdg_html_append_escaped (out, info->title);
  g_string_append (out, "</a></li>\n");
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *title = page_title (g_ptr_array_index (pages, i), i);

      g_string_append_printf (out, "<li><a href=\"pages/page-%03u.xhtml\">%u. ", i + 1, i + 1);
      _mdg_html_append_escaped (out, title);
      g_string_append (out, "</a></li>\n");
    }
  g_string_append (out, "</ol>\n</nav>\n</body>\n</html>\n");
  return out;
}

static GString *
make_title_page (const MdgEpubInfo *info,
                 const char        *lang)
{
  GString *out = g_string_new (NULL);

  xhtml_begin (out, lang, info->title, "style.css");
  g_string_append (out, "<section epub:type=\"titlepage\">\n<h1>");
  _mdg_html_append_escaped (out, info->title);
  g_string_append (out, "</h1>\n");
  if (info->author != NULL && *info->author != '\0')
    {
      g_string_append (out, "<p class=\"meta\">");
      _mdg_html_append_escaped (out, info->author);
      g_string_append (out, "</p>\n");
    }
  if (info->description != NULL && *info->description != '\0')
    {
      g_autofree char *description = mdg_markup_to_html (info->description);

      g_string_append (out, description);
    }
  g_string_append (out, "</section>\n</body>\n</html>\n");
  return out;
}

static GString *
make_slide_page (const MdgEpubInfo *info,
                 const char        *lang,
                 MdgPublishPage    *page,
                 guint              index)
{
  GString *out = g_string_new (NULL);
  g_autofree char *title = page_title (page, index);
  g_autofree char *text = mdg_markup_to_html (page->text);

  xhtml_begin (out, lang, title, "../style.css");
  g_string_append_printf (out, "<section epub:type=\"chapter\" id=\"slide-%u\">\n<h2>%u. ", index + 1, index + 1);
  _mdg_html_append_escaped (out, title);
  g_string_append_printf (out, "</h2>\n<figure class=\"slide\"><img src=\"../images/slide-%03u.png\" alt=\"", index + 1);
  _mdg_html_append_escaped (out, title);
  g_string_append (out, "\"/></figure>\n");
  if (*text != '\0')
    g_string_append_printf (out, "<div class=\"explanation\">\n%s</div>\n", text);
  g_string_append (out, "</section>\n</body>\n</html>\n");
  return out;
}

static const char container[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
  "<rootfiles><rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>\n"
  "</container>\n";

static gboolean
write_entries (Zip                *zip,
               const MdgEpubInfo  *info,
               const char         *identifier,
               GPtrArray          *pages,
               GError            **error)
{
  const char *lang = info->language ? info->language : "ja";
  g_autoptr(GString) package = make_package (info, identifier, lang, pages);
  g_autoptr(GString) nav = make_nav (info, lang, pages);
  g_autoptr(GString) title = make_title_page (info, lang);

  if (!zip_add (zip, "mimetype", "application/epub+zip", 20, FALSE, error) ||
      !zip_add (zip, "META-INF/container.xml", container, strlen (container), TRUE, error) ||
      !zip_add_text (zip, "EPUB/package.opf", package, error) ||
      !zip_add_text (zip, "EPUB/nav.xhtml", nav, error) ||
      !zip_add (zip, "EPUB/style.css", stylesheet, strlen (stylesheet), TRUE, error) ||
      !zip_add_text (zip, "EPUB/title.xhtml", title, error))
    return FALSE;

  for (guint i = 0; i < pages->len; i++)
    {
      MdgPublishPage *page = g_ptr_array_index (pages, i);
      g_autoptr(GString) xhtml = make_slide_page (info, lang, page, i);
      g_autofree char *page_name = g_strdup_printf ("EPUB/pages/page-%03u.xhtml", i + 1);
      g_autofree char *image_name = g_strdup_printf ("EPUB/images/slide-%03u.png", i + 1);
      gsize length;
      const void *png = g_bytes_get_data (page->png, &length);

      if (!zip_add_text (zip, page_name, xhtml, error) || !zip_add (zip, image_name, png, length, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * mdg_epub_write:
 * @path: the .epub file to write; replaced whole or not at all
 * @info: the book's title, author and identity
 * @pages: (element-type MdgPublishPage): the slides, in order
 * @error: a location for a #GError
 *
 * Writes a deck's slides with their explanatory texts as an EPUB 3 book.
 */
gboolean
mdg_epub_write (const char         *path,
                const MdgEpubInfo  *info,
                GPtrArray          *pages,
                GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *identifier = NULL;
  Zip zip = { NULL, bytes };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (info != NULL && info->title != NULL, FALSE);
  g_return_val_if_fail (pages != NULL, FALSE);

  if (!check_pages (pages, error))
    return FALSE;

  if (info->identifier != NULL && *info->identifier != '\0')
    identifier = g_str_has_prefix (info->identifier, "urn:") ? g_strdup (info->identifier)
                                                             : g_strconcat ("urn:uuid:", info->identifier, NULL);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      identifier = g_strconcat ("urn:uuid:", uuid, NULL);
    }

  zip.archive = archive_write_new ();
  ok = archive_write_set_format_zip (zip.archive) == ARCHIVE_OK &&
       archive_write_set_bytes_in_last_block (zip.archive, 1) == ARCHIVE_OK &&
       archive_write_open (zip.archive, bytes, NULL, zip_write_cb, NULL) == ARCHIVE_OK;
  if (!ok)
    g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not write the EPUB: %s"),
                 archive_error_string (zip.archive));
  else
    ok = write_entries (&zip, info, identifier, pages, error);

  if (archive_write_close (zip.archive) != ARCHIVE_OK && ok)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not write the EPUB: %s"),
                   archive_error_string (zip.archive));
      ok = FALSE;
    }
  archive_write_free (zip.archive);

  return ok && strip_mimetype_extra (bytes, error) && mdg_file_write_private (path, bytes->data, bytes->len, error);
}

typedef struct
{
  char        *path;
  MdgEpubInfo  info;
  GPtrArray   *pages;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_free ((char *) data->info.title);
  g_free ((char *) data->info.author);
  g_free ((char *) data->info.identifier);
  g_free ((char *) data->info.language);
  g_free ((char *) data->info.description);
  g_clear_pointer (&data->info.modified, g_date_time_unref);
  g_clear_pointer (&data->pages, g_ptr_array_unref);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (mdg_epub_write (data->path, &data->info, data->pages, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mdg_epub_write_async:
 * @path: the .epub file to write
 * @info: the book's title, author and identity; copied
 * @pages: (element-type MdgPublishPage): the slides; referenced
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the book is written
 * @user_data: data for @callback
 *
 * mdg_epub_write() in a worker thread.
 */
void
mdg_epub_write_async (const char          *path,
                      const MdgEpubInfo   *info,
                      GPtrArray           *pages,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  WriteData *data = g_new0 (WriteData, 1);

  g_return_if_fail (path != NULL && info != NULL && pages != NULL);

  data->path = g_strdup (path);
  data->info.title = g_strdup (info->title);
  data->info.author = g_strdup (info->author);
  data->info.identifier = g_strdup (info->identifier);
  data->info.language = g_strdup (info->language);
  data->info.description = g_strdup (info->description);
  data->info.modified = info->modified ? g_date_time_ref (info->modified) : NULL;
  data->pages = g_ptr_array_ref (pages);
  g_task_set_source_tag (task, mdg_epub_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
mdg_epub_write_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_epub_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
