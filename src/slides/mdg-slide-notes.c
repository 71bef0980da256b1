/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-slide-notes"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mdg-date.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-slide-notes.h"

/*
 * Explanatory texts leave and enter Madoguchi as files. Markdown is for reading and
 * sharing: one heading per slide with its number and first line. The .pdfpc file is
 * what pdfpc (the PDF presenter console) keeps beside a PDF: pdfpc 4.5 and later write
 * JSON ({"pdfpcFormat": 2, "pdfFile": …, "pages": [{"idx", "label", "note", …}]}),
 * older versions an INI-like text whose [notes] section has a "### N" line before the
 * notes of slide N. Both are read; JSON is written, with Markdown rendering turned off
 * because these texts are plain.
 */

/* Chooses the format by the file's extension: .pdfpc or .md / .markdown. */
gboolean
mdg_slide_notes_format_for_path (const char     *path,
                                 MdgNotesFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdfpc"))
    *format = MDG_NOTES_FORMAT_PDFPC;
  else if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    *format = MDG_NOTES_FORMAT_MARKDOWN;
  else
    return FALSE;
  return TRUE;
}

/* The slide's first line of text, to name it by. */
static char *
first_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        {
          if (g_utf8_strlen (lines[i], -1) > 60)
            {
              g_autofree char *cut = g_utf8_substring (lines[i], 0, 60);
              return g_strconcat (cut, "…", NULL);
            }
          return g_strdup (lines[i]);
        }
    }
  return NULL;
}

/**
 * mdg_slide_notes_to_markdown:
 * @deck: the deck
 * @revision: the revision
 * @pages: (element-type MdgSlidePage): its slides, from mdg_deck_store_list_pages()
 *
 * Returns: (transfer full): the deck's explanatory texts as Markdown
 */
char *
mdg_slide_notes_to_markdown (MdgDeck         *deck,
                             MdgDeckRevision *revision,
                             GPtrArray       *pages)
{
  GString *text = g_string_new (NULL);
  g_autofree char *date = mdg_date_format (mdg_deck_revision_get_created_at (revision), MDG_DATE_DEFAULT);

  g_string_append_printf (text, "# %s\n\n", mdg_deck_get_title (deck));
  /* Translators: under a deck's title in exported notes: revision number and date */
  g_string_append_printf (text, _("Revision %u, %s"), mdg_deck_revision_get_number (revision), date);
  if (mdg_deck_revision_get_change_note (revision) != NULL)
    g_string_append_printf (text, " — %s", mdg_deck_revision_get_change_note (revision));
  g_string_append (text, "\n");

  for (guint i = 0; i < pages->len; i++)
    {
      MdgSlidePage *page = g_ptr_array_index (pages, i);
      g_autofree char *name = first_line (page->text);

      g_string_append (text, "\n## ");
      /* Translators: a heading in exported notes: the slide's number */
      g_string_append_printf (text, _("Slide %u"), page->page);
      if (name != NULL)
        g_string_append_printf (text, ": %s", name);
      g_string_append (text, "\n\n");
      if (*page->explanation != '\0')
        g_string_append_printf (text, "%s\n", page->explanation);
    }
  return g_string_free (text, FALSE);
}

/**
 * mdg_slide_notes_to_pdfpc:
 * @pdf_name: the PDF's file name, which pdfpc looks for beside the .pdfpc file
 * @pages: (element-type MdgSlidePage): the slides
 * @minutes: the talk's length, or 0
 *
 * Returns: (transfer full): a .pdfpc file (pdfpc's JSON format 2)
 */
char *
mdg_slide_notes_to_pdfpc (const char *pdf_name,
                          GPtrArray  *pages,
                          guint       minutes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pdfpcFormat");
  json_builder_add_int_value (builder, 2);
  json_builder_set_member_name (builder, "pdfFile");
  json_builder_add_string_value (builder, pdf_name);
  json_builder_set_member_name (builder, "disableMarkdown");
  json_builder_add_boolean_value (builder, TRUE);
  if (minutes > 0)
    {
      json_builder_set_member_name (builder, "duration");
      json_builder_add_int_value (builder, minutes);
    }
  json_builder_set_member_name (builder, "pages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pages->len; i++)
    {
      MdgSlidePage *page = g_ptr_array_index (pages, i);
      g_autofree char *label = page->label ? g_strdup (page->label) : g_strdup_printf ("%u", page->page);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "idx");
      json_builder_add_int_value (builder, page->page - 1);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
      json_builder_set_member_name (builder, "overlay");
      json_builder_add_int_value (builder, 0);
      json_builder_set_member_name (builder, "forcedOverlay");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "hidden");
      json_builder_add_boolean_value (builder, FALSE);
      if (*page->explanation != '\0')
        {
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, page->explanation);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* pdfpc before 4.5: "[notes]" then "### N" before the lines of slide N's notes. */
static GPtrArray *
parse_legacy (const char  *contents,
              guint        n_pages,
              const char  *display_name,
              GError     **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_full (n_pages, g_free);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GString) note = NULL;
  gboolean in_notes = FALSE;
  guint page = 0;

  g_ptr_array_set_size (notes, n_pages);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (line[0] == '[' && line[len ? len - 1 : 0] == ']')
        {
          in_notes = g_str_equal (line, "[notes]");
          continue;
        }
      if (!in_notes)
        continue;
      if (g_str_has_prefix (line, "###"))
        {
          guint64 number;

          if (note != NULL)
            {
              g_free (g_ptr_array_index (notes, page - 1));
              g_ptr_array_index (notes, page - 1) = g_strstrip (g_string_free (g_steal_pointer (&note), FALSE));
            }
          if (!g_ascii_string_to_unsigned (g_strstrip (line + 3), 10, 1, n_pages, &number, NULL))
            {
              g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("%s, line %u: “%s” names no slide of this deck (it has %u). Is it the notes "
                             "file of another presentation?"),
                           display_name, i + 1, lines[i], n_pages);
              return NULL;
            }
          page = number;
          note = g_string_new (NULL);
          continue;
        }
      if (note != NULL)
        {
          g_string_append (note, line);
          g_string_append_c (note, '\n');
        }
    }
  if (note != NULL)
    {
      g_free (g_ptr_array_index (notes, page - 1));
      g_ptr_array_index (notes, page - 1) = g_strstrip (g_string_free (g_steal_pointer (&note), FALSE));
    }
  return g_steal_pointer (&notes);
}

/**
 * mdg_slide_notes_parse_pdfpc:
 * @contents: a .pdfpc file
 * @length: its length
 * @n_pages: how many slides the deck has
 * @display_name: the file's name, for messages
 * @error: a location for a #GError
 *
 * Reads the notes of a .pdfpc file, in pdfpc's JSON format or its older text format.
 *
 * Returns: (transfer full) (element-type utf8): one note per slide, %NULL where the
 *   file has none
 */
GPtrArray *
mdg_slide_notes_parse_pdfpc (const char  *contents,
                             gsize        length,
                             guint        n_pages,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autofree char *text = g_strndup (contents, length);
  JsonObject *root;
  JsonArray *array;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("%s is not a text file in UTF-8: is it a .pdfpc file?"),
                   display_name);
      return NULL;
    }
  g_strchug (text);
  if (text[0] != '{')
    return parse_legacy (text, n_pages, display_name, error);

  if (!json_parser_load_from_data (parser, text, -1, &json_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("%s is not a readable .pdfpc file: %s"), display_name,
                   json_error ? json_error->message : _("it holds no object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (root, "pdfpcFormat") &&
      json_object_get_int_member_with_default (root, "pdfpcFormat", 0) > 2)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("%s was written by a newer pdfpc (format %lld), which Madoguchi cannot read yet"),
                   display_name, (long long) json_object_get_int_member_with_default (root, "pdfpcFormat", 0));
      return NULL;
    }

  notes = g_ptr_array_new_full (n_pages, g_free);
  g_ptr_array_set_size (notes, n_pages);
  array = json_object_has_member (root, "pages") ? json_object_get_array_member (root, "pages") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *page = json_array_get_object_element (array, i);
      const char *note;
      gint64 idx;

      if (page == NULL)
        continue;
      note = json_object_get_string_member_with_default (page, "note", NULL);
      if (note == NULL || *note == '\0')
        continue;
      idx = json_object_get_int_member_with_default (page, "idx", -1);
      if (idx < 0 || idx >= n_pages)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                       _("%s: entry %u of “pages” is for page %lld, which this deck does not have "
                         "(it has %u). Is it the notes file of another presentation?"),
                       display_name, i + 1, (long long) idx + 1, n_pages);
          return NULL;
        }
      g_free (g_ptr_array_index (notes, idx));
      g_ptr_array_index (notes, idx) = g_strdup (note);
    }
  return g_steal_pointer (&notes);
}

/**
 * mdg_slide_notes_export:
 * @db: a #MdgDatabase
 * @revision: the revision whose texts to write
 * @path: a .md or .pdfpc file
 * @pdf_written: (out) (optional) (nullable): for a .pdfpc, the deck's PDF written
 *   beside it (pdfpc opens the two together); %NULL when one was there already
 * @error: a location for a #GError
 */
gboolean
mdg_slide_notes_export (MdgDatabase      *db,
                        MdgDeckRevision  *revision,
                        const char       *path,
                        char            **pdf_written,
                        GError          **error)
{
  g_autoptr(MdgDeck) deck = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  MdgNotesFormat format;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_DECK_REVISION (revision), FALSE);

  if (pdf_written != NULL)
    *pdf_written = NULL;
  if (!mdg_slide_notes_format_for_path (path, &format))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("Name the file .md for Markdown or .pdfpc for pdfpc; “%s” is neither"), path);
      return FALSE;
    }
  if (!(deck = mdg_deck_store_load (db, mdg_deck_revision_get_deck_id (revision), error)) ||
      !(pages = mdg_deck_store_list_pages (db, mdg_deck_revision_get_id (revision), error)))
    return FALSE;

  if (format == MDG_NOTES_FORMAT_MARKDOWN)
    text = mdg_slide_notes_to_markdown (deck, revision, pages);
  else
    {
      g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".pdfpc"));
      g_autofree char *pdf = g_strconcat (stem, ".pdf", NULL);
      g_autofree char *pdf_name = g_path_get_basename (pdf);

      text = mdg_slide_notes_to_pdfpc (pdf_name, pages, 0);
      if (!g_file_test (pdf, G_FILE_TEST_EXISTS))
        {
          g_autofree char *stored = mdg_deck_library_get_pdf_path (db, revision);

          if (!mdg_file_copy_private (stored, pdf, NULL, error))
            return FALSE;
          if (pdf_written != NULL)
            *pdf_written = g_steal_pointer (&pdf);
        }
    }

  return mdg_file_write_private (path, text, strlen (text), error);
}

/**
 * mdg_slide_notes_import:
 * @db: a #MdgDatabase
 * @revision: the revision whose texts to set
 * @path: a .pdfpc file
 * @n_imported: (out) (optional): how many slides got a text
 * @error: a location for a #GError
 *
 * Sets the explanatory text of every slide the file has a note for, all or none; the
 * other slides keep theirs.
 */
gboolean
mdg_slide_notes_import (MdgDatabase      *db,
                        MdgDeckRevision  *revision,
                        const char       *path,
                        guint            *n_imported,
                        GError          **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  guint n = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_DECK_REVISION (revision), FALSE);

  name = g_filename_display_basename (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("Could not read “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  notes = mdg_slide_notes_parse_pdfpc (contents, length, mdg_deck_revision_get_page_count (revision), name, error);
  if (notes == NULL ||
      !mdg_deck_store_set_explanations (db, mdg_deck_revision_get_id (revision), notes, error))
    return FALSE;

  for (guint i = 0; i < notes->len; i++)
    n += g_ptr_array_index (notes, i) != NULL;
  if (n_imported != NULL)
    *n_imported = n;
  return TRUE;
}
