/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-date.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-error.h"
#include "mdg-feed-store.h"
#include "mdg-handout.h"
#include "mdg-seminar-packet.h"
#include "mdg-seminar-store.h"
#include "mdg-slide-notes.h"
#include "mdg-topic-sheet.h"

/*
 * Slide decks from the shell: import and revise, list and show (with what changed),
 * explanatory texts, handouts and the seminar packet.
 */

static MdgDeckRevision *
load_revision_arg (MdgDatabase  *db,
                   const char   *arg,
                   int           number,
                   GError      **error)
{
  gint64 id;

  if (!_mdg_cli_parse_id (arg, &id))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is not a deck number"), arg);
      return NULL;
    }
  return mdg_deck_store_load_revision (db, id, MAX (number, 0), error);
}

static char *
format_day (GDateTime *time)
{
  return time ? mdg_date_format (time, MDG_DATE_DEFAULT) : g_strdup ("");
}

static int
report_import (Globals         *globals,
               MdgDeckRevision *revision,
               guint            carried,
               guint            review)
{
  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _mdg_cli_json_int (builder, "deck", mdg_deck_revision_get_deck_id (revision));
      _mdg_cli_json_int (builder, "revision", mdg_deck_revision_get_number (revision));
      _mdg_cli_json_int (builder, "slides", mdg_deck_revision_get_page_count (revision));
      _mdg_cli_json_int (builder, "notes_carried", carried);
      _mdg_cli_json_int (builder, "notes_to_review", review);
      json_builder_end_object (builder);
      _mdg_cli_print_json (builder);
      return EXIT_OK;
    }

  g_print (_("Deck %lld, revision %u: %u slides\n"), (long long) mdg_deck_revision_get_deck_id (revision),
           mdg_deck_revision_get_number (revision), mdg_deck_revision_get_page_count (revision));
  if (carried > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u explanatory text followed its slide\n",
                          "%u explanatory texts followed their slides\n", carried),
             carried);
  if (review > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u explanatory text found no slide: review it with “madoguchi-cli deck show %lld”\n",
                          "%u explanatory texts found no slide: review them with “madoguchi-cli deck show %lld”\n",
                          review),
             review, (long long) mdg_deck_revision_get_deck_id (revision));
  return EXIT_OK;
}

int
_mdg_cli_deck_import (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { 0 };
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "title", &title, "note", &note, NULL))
    return status;
  if (*title == '\0')
    return _mdg_cli_usage (_("The deck needs a title"));

  options.title = title;
  options.change_note = note;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = mdg_deck_library_import (db, argv[1], &options, NULL, NULL, NULL, &error)))
    return _mdg_cli_fail (error);
  return report_import (globals, revision, 0, 0);
}

int
_mdg_cli_deck_revise (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  g_autofree char *note = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { 0 };
  guint carried = 0, review = 0;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "note", &note, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &options.deck_id))
    return _mdg_cli_usage (_("DECK must be a deck’s number"));

  options.change_note = note;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = mdg_deck_library_import (db, argv[2], &options, &carried, &review, NULL, &error)))
    return _mdg_cli_fail (error);
  return report_import (globals, revision, carried, review);
}

static void
add_deck_members (JsonBuilder *builder,
                  gpointer     item)
{
  MdgDeck *deck = item;

  _mdg_cli_json_int (builder, "id", mdg_deck_get_id (deck));
  _mdg_cli_json_string (builder, "title", mdg_deck_get_title (deck));
  _mdg_cli_json_int (builder, "revision", mdg_deck_get_latest_number (deck));
  _mdg_cli_json_int (builder, "slides", mdg_deck_get_page_count (deck));
  _mdg_cli_json_time (builder, "updated", mdg_deck_get_updated_at (deck));
}

static void
add_revision_members (JsonBuilder *builder,
                      gpointer     item)
{
  MdgDeckRevision *revision = item;

  _mdg_cli_json_int (builder, "number", mdg_deck_revision_get_number (revision));
  _mdg_cli_json_time (builder, "created", mdg_deck_revision_get_created_at (revision));
  _mdg_cli_json_string (builder, "note", mdg_deck_revision_get_change_note (revision));
  _mdg_cli_json_int (builder, "slides", mdg_deck_revision_get_page_count (revision));
  _mdg_cli_json_string (builder, "sha256", mdg_deck_revision_get_sha256 (revision));
  _mdg_cli_json_string (builder, "file", mdg_deck_revision_get_source_name (revision));
}

static void
add_page_members (JsonBuilder *builder,
                  gpointer     item)
{
  MdgSlidePage *page = item;

  _mdg_cli_json_int (builder, "page", page->page);
  _mdg_cli_json_string (builder, "text", page->text);
  _mdg_cli_json_string (builder, "explanation", page->explanation);
}

static void
add_review_members (JsonBuilder *builder,
                    gpointer     item)
{
  MdgSlideReview *review = item;

  _mdg_cli_json_int (builder, "from_revision", review->from_number);
  _mdg_cli_json_int (builder, "from_page", review->from_page);
  _mdg_cli_json_string (builder, "explanation", review->explanation);
}

int
_mdg_cli_deck_list (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(decks = mdg_deck_store_list (db, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      _mdg_cli_print_json_array (decks, add_deck_members);
      return EXIT_OK;
    }
  if (decks->len == 0)
    g_print ("%s\n", _("No slide decks yet. Import one with “madoguchi-cli deck import FILE.pdf --title TITLE”."));
  for (guint i = 0; i < decks->len; i++)
    {
      MdgDeck *deck = g_ptr_array_index (decks, i);
      g_autofree char *day = format_day (mdg_deck_get_updated_at (deck));

      g_print ("%4" G_GINT64_FORMAT "  %s  ", mdg_deck_get_id (deck), mdg_deck_get_title (deck));
      g_print (_("(revision %u, %u slides, %s)"), mdg_deck_get_latest_number (deck), mdg_deck_get_page_count (deck), day);
      g_print ("\n");
    }
  return EXIT_OK;
}

static const char *
change_label (MdgSlideChange change)
{
  switch (change)
    {
    case MDG_SLIDE_SAME: return C_("slide change", "same");
    case MDG_SLIDE_CHANGED: return C_("slide change", "changed");
    case MDG_SLIDE_ADDED: return C_("slide change", "added");
    case MDG_SLIDE_REMOVED: return C_("slide change", "removed");
    default: g_return_val_if_reached ("");
    }
}

static const char *
change_key (MdgSlideChange change)
{
  static const char *const keys[] = { "same", "changed", "added", "removed" };
  return keys[change];
}

int
_mdg_cli_deck_show (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeck) deck = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) review = NULL;
  g_autoptr(GArray) diff = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckRevision *latest;
  gint64 id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("DECK must be a deck’s number"));
  if (!(db = _mdg_cli_open_database (globals, &error)) || !(deck = mdg_deck_store_load (db, id, &error)) ||
      !(revisions = mdg_deck_store_list_revisions (db, id, &error)))
    return _mdg_cli_fail (error);
  if (revisions->len == 0)
    {
      g_printerr (_("Deck %lld has no revision\n"), (long long) id);
      return EXIT_FAILED;
    }
  latest = g_ptr_array_index (revisions, 0);
  if (!(pages = mdg_deck_store_list_pages (db, mdg_deck_revision_get_id (latest), &error)) ||
      !(review = mdg_deck_store_list_review (db, mdg_deck_revision_get_id (latest), &error)))
    return _mdg_cli_fail (error);
  if (revisions->len > 1 &&
      !(diff = mdg_deck_store_diff (db, mdg_deck_revision_get_id (g_ptr_array_index (revisions, 1)),
                                    mdg_deck_revision_get_id (latest), &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_deck_members (builder, deck);
      _mdg_cli_json_objects (builder, "revisions", revisions, add_revision_members);
      _mdg_cli_json_objects (builder, "slides", pages, add_page_members);
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint i = 0; diff && i < diff->len; i++)
        {
          MdgSlideDiff *entry = &g_array_index (diff, MdgSlideDiff, i);

          json_builder_begin_object (builder);
          _mdg_cli_json_string (builder, "change", change_key (entry->change));
          _mdg_cli_json_int (builder, "old_page", entry->old_page);
          _mdg_cli_json_int (builder, "new_page", entry->new_page);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _mdg_cli_json_objects (builder, "to_review", review, add_review_members);
      json_builder_end_object (builder);
      _mdg_cli_print_json (builder);
      return EXIT_OK;
    }

  g_print ("%s\n", mdg_deck_get_title (deck));
  g_print ("  %s\n", _("Revisions:"));
  for (guint i = 0; i < revisions->len; i++)
    {
      MdgDeckRevision *revision = g_ptr_array_index (revisions, i);
      g_autofree char *day = format_day (mdg_deck_revision_get_created_at (revision));

      g_print ("    %3u  %s  ", mdg_deck_revision_get_number (revision), day);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u slide", "%u slides", mdg_deck_revision_get_page_count (revision)),
               mdg_deck_revision_get_page_count (revision));
      if (mdg_deck_revision_get_change_note (revision))
        g_print ("  %s", mdg_deck_revision_get_change_note (revision));
      g_print ("\n");
    }
  if (diff != NULL)
    {
      g_print ("  %s\n", _("Changes since the previous revision:"));
      for (guint i = 0; i < diff->len; i++)
        {
          MdgSlideDiff *entry = &g_array_index (diff, MdgSlideDiff, i);
          g_autofree char *which = NULL;

          if (entry->change == MDG_SLIDE_SAME)
            continue;
          /* Translators: a slide of the previous revision */
          which = entry->change == MDG_SLIDE_REMOVED ? g_strdup_printf (_("old slide %u"), entry->old_page)
                                                     : g_strdup_printf (_("slide %u"), entry->new_page);
          g_print ("    %-8s %s\n", change_label (entry->change), which);
        }
    }
  g_print ("  %s\n", _("Explanatory texts:"));
  for (guint i = 0; i < pages->len; i++)
    {
      MdgSlidePage *page = g_ptr_array_index (pages, i);
      g_autofree char *flat = g_strdelimit (g_strdup (page->explanation), "\n", ' ');

      g_print ("    %3u  %s\n", page->page, *flat ? flat : "—");
    }
  if (review->len > 0)
    {
      g_print ("  %s\n", _("Texts that found no slide (place them with “deck notes”):"));
      for (guint i = 0; i < review->len; i++)
        {
          MdgSlideReview *item = g_ptr_array_index (review, i);
          g_autofree char *flat = g_strdelimit (g_strdup (item->explanation), "\n", ' ');

          g_print ("    ");
          g_print (_("revision %u, slide %u: %s"), item->from_number, item->from_page, flat);
          g_print ("\n");
        }
    }
  return EXIT_OK;
}

int
_mdg_cli_deck_notes (Globals  *globals,
                     int       argc,
                     char    **argv)
{
  int number = 0, page = 0;
  g_autofree char *text = NULL;
  g_autofree char *import = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  guint imported = 0;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "revision", &number, "page", &page, "text", &text,
                       "import", &import, NULL))
    return status;
  if (text != NULL && page <= 0)
    return _mdg_cli_usage (_("--text needs --page: the slide, counting from 1"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = load_revision_arg (db, argv[1], number, &error)))
    return _mdg_cli_fail (error);

  if (import != NULL)
    {
      if (!mdg_slide_notes_import (db, revision, import, &imported, &error))
        return _mdg_cli_fail (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Set the explanatory text of %u slide\n",
                            "Set the explanatory texts of %u slides\n", imported),
               imported);
      return EXIT_OK;
    }
  if (!mdg_deck_store_set_explanation (db, mdg_deck_revision_get_id (revision), page, text, &error))
    return _mdg_cli_fail (error);
  g_print (_("Saved the explanatory text of slide %d (revision %u)\n"), page, mdg_deck_revision_get_number (revision));
  return EXIT_OK;
}

int
_mdg_cli_deck_notes_export (Globals  *globals,
                            int       argc,
                            char    **argv)
{
  int number = 0;
  g_autofree char *output = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "revision", &number, "output", &output, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = load_revision_arg (db, argv[1], number, &error)) ||
      !mdg_slide_notes_export (db, revision, output, &pdf, &error))
    return _mdg_cli_fail (error);
  g_print (_("Wrote %s\n"), output);
  if (pdf != NULL)
    g_print (_("Wrote %s beside it, for pdfpc\n"), pdf);
  return EXIT_OK;
}

int
_mdg_cli_deck_attach (Globals  *globals,
                      int       argc,
                      char    **argv)
{
  int number = 0, item = 0;
  gint64 seminar_id = 0;
  g_autofree char *seminar = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GPtrArray) program = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "seminar", &seminar, "item", &item, "revision", &number, NULL))
    return status;
  if (!_mdg_cli_parse_id (seminar, &seminar_id))
    return _mdg_cli_usage (_("--seminar must be a seminar’s number"));
  if (item <= 0)
    return _mdg_cli_usage (_("--item counts from 1"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = load_revision_arg (db, argv[1], number, &error)) ||
      !(program = mdg_program_store_list (db, seminar_id, &error)))
    return _mdg_cli_fail (error);
  if ((guint) item > program->len)
    {
      g_printerr (_("Seminar %lld has %u program items; there is no item %d\n"), (long long) seminar_id,
                  program->len, item);
      return EXIT_FAILED;
    }
  if (!mdg_deck_store_set_program_revision (db, mdg_program_item_get_id (g_ptr_array_index (program, item - 1)),
                                            mdg_deck_revision_get_id (revision), &error))
    return _mdg_cli_fail (error);
  g_print (_("Program item %d of seminar %lld presents revision %u of deck %s\n"), item, (long long) seminar_id,
           mdg_deck_revision_get_number (revision), argv[1]);
  return EXIT_OK;
}

/* The sheet's size in points: A4 unless @paper is letter (the table lists no other). */
static void
paper_size (const char *paper,
            gboolean    landscape,
            double     *width,
            double     *height)
{
  gboolean letter = g_strcmp0 (paper, "letter") == 0;
  double short_side = letter ? MDG_LETTER_WIDTH : MDG_A4_WIDTH;
  double long_side = letter ? MDG_LETTER_HEIGHT : MDG_A4_HEIGHT;

  *width = landscape ? long_side : short_side;
  *height = landscape ? short_side : long_side;
}

int
_mdg_cli_handout (Globals  *globals,
                  int       argc,
                  char    **argv)
{
  g_autofree char *layout_name = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *output = NULL;
  g_autofree char *seminar_arg = NULL;
  gboolean landscape = FALSE, portrait = FALSE;
  int number = 0;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(MdgDocument) handout = NULL;
  g_autoptr(GError) error = NULL;
  MdgHandoutLayout layout;
  double width, height;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "layout", &layout_name, "paper", &paper, "landscape", &landscape,
                       "portrait", &portrait, "pages", &pages, "revision", &number, "seminar", &seminar_arg,
                       "output", &output, NULL))
    return status;
  /* The table lists the layouts there are. */
  if (!mdg_handout_layout_from_string (layout_name, &layout))
    g_assert_not_reached ();
  /* One slide to a sheet fills it best across. */
  paper_size (paper, landscape || (layout == MDG_HANDOUT_LAYOUT_1 && !portrait), &width, &height);

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = load_revision_arg (db, argv[1], number, &error)) ||
      (seminar_arg != NULL && !(seminar = _mdg_cli_load_seminar_arg (db, seminar_arg, &error))) ||
      !(handout = mdg_handout_new_for_revision (db, revision, seminar, layout, &error)) ||
      !mdg_handout_set_range (MDG_HANDOUT (handout), pages, &error))
    return _mdg_cli_fail (error);
  mdg_document_set_page_size (handout, width, height);
  if (!mdg_document_export_pdf (handout, output, &error))
    return _mdg_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u sheet)\n", "Wrote %s (%u sheets)\n",
                        mdg_document_get_n_pages (handout)),
           output, mdg_document_get_n_pages (handout));
  return EXIT_OK;
}

int
_mdg_cli_packet (Globals  *globals,
                 int       argc,
                 char    **argv)
{
  g_autofree char *layout_name = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *output = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDocument) packet = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GError) error = NULL;
  MdgHandoutLayout layout = MDG_HANDOUT_LAYOUT_3;
  double width, height;
  guint n_handouts;
  gint64 id;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "layout", &layout_name, "paper", &paper, "output", &output, NULL))
    return status;
  if (!_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("ID must be a seminar’s number"));
  if (layout_name != NULL)
    mdg_handout_layout_from_string (layout_name, &layout);
  paper_size (paper, FALSE, &width, &height);

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(packet = mdg_seminar_packet_new (db, id, layout, &error)) ||
      !(topics = mdg_feed_store_list_seminar_topics (db, id, &error)))
    return _mdg_cli_fail (error);
  /* The threat information picked for the seminar (Threat Info, `topic pick`), if any. */
  if (topics->len > 0)
    {
      g_autoptr(MdgDocument) sheet = mdg_topic_sheet_new (mdg_document_get_seminar (packet), topics);

      mdg_seminar_packet_add_section (MDG_SEMINAR_PACKET (packet), MDG_PACKET_SECTION (sheet));
    }
  mdg_document_set_page_size (packet, width, height);
  if (!mdg_document_export_pdf (packet, output, &error))
    return _mdg_cli_fail (error);
  n_handouts = mdg_seminar_packet_get_n_handouts (MDG_SEMINAR_PACKET (packet));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page)\n", "Wrote %s (%u pages)\n",
                        mdg_document_get_n_pages (packet)),
           output, mdg_document_get_n_pages (packet));
  g_print (g_dngettext (GETTEXT_PACKAGE, "It holds the handout of %u deck\n", "It holds the handouts of %u decks\n",
                        n_handouts),
           n_handouts);
  return EXIT_OK;
}
