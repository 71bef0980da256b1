/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-desk.h"
#include "mdg-epub.h"
#include "mdg-error.h"

/*
 * A deck as an EPUB book, to read the slides and their explanatory texts on a phone or
 * an e-reader: every slide rendered as a picture, titled by its first line, followed by
 * its explanatory text. The desk is the book's author.
 */

/* Sharp enough on a tablet, small enough for a book of 200 slides. */
#define EPUB_SLIDE_WIDTH 1280

/* Returns: (transfer full) (nullable): the first line of a slide's text, as its title */
static char *
slide_title (const MdgSlidePage *page)
{
  g_auto(GStrv) lines = NULL;

  if (page->text == NULL)
    return NULL;
  lines = g_strsplit (page->text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        return g_steal_pointer (&lines[i]);
    }
  return NULL;
}

int
_mdg_cli_deck_epub (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  int number = 0;
  gint64 deck_id;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeck) deck = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) book = NULL;
  g_autoptr(MdgSlideDocument) slides = NULL;
  g_autoptr(MdgDeskContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  MdgEpubInfo info = { 0 };
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "revision", &number, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &deck_id))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a deck number"), argv[1]);

      return _mdg_cli_usage (message);
    }

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(deck = mdg_deck_store_load (db, deck_id, &error)) ||
      !(revision = mdg_deck_store_load_revision (db, deck_id, MAX (number, 0), &error)) ||
      !(pages = mdg_deck_store_list_pages (db, mdg_deck_revision_get_id (revision), &error)) ||
      !(slides = mdg_deck_library_open (db, revision, &error)) ||
      !(contact = mdg_desk_contact_load (db, &error)))
    return _mdg_cli_fail (error);

  book = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_publish_page_unref);
  for (guint i = 0; i < pages->len; i++)
    {
      const MdgSlidePage *page = g_ptr_array_index (pages, i);
      g_autoptr(GBytes) png = mdg_slide_document_render_png (slides, page->page - 1, EPUB_SLIDE_WIDTH, 0, &error);
      g_autofree char *title = slide_title (page);

      if (png == NULL)
        return _mdg_cli_fail (error);
      g_ptr_array_add (book, mdg_publish_page_new (title, png, page->explanation));
    }

  info.title = mdg_deck_get_title (deck);
  info.author = contact->name != NULL && *contact->name != '\0' ? contact->name : NULL;
  info.identifier = mdg_deck_get_uuid (deck);
  info.description = mdg_deck_revision_get_change_note (revision);
  info.modified = mdg_deck_revision_get_created_at (revision);
  if (!mdg_epub_write (argv[2], &info, book, &error))
    return _mdg_cli_fail (error);

  g_print (ngettext ("Wrote %s: revision %u, %u slide\n", "Wrote %s: revision %u, %u slides\n", book->len),
           argv[2], mdg_deck_revision_get_number (revision), book->len);
  return EXIT_OK;
}
