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
#include "mdg-handout.h"
#include "mdg-seminar-packet.h"
#include "mdg-seminar-store.h"
#include "mdg-slide-notes.h"

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
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "deck");
      json_builder_add_int_value (builder, mdg_deck_revision_get_deck_id (revision));
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, mdg_deck_revision_get_number (revision));
      json_builder_set_member_name (builder, "slides");
      json_builder_add_int_value (builder, mdg_deck_revision_get_page_count (revision));
      json_builder_set_member_name (builder, "notes_carried");
      json_builder_add_int_value (builder, carried);
      json_builder_set_member_name (builder, "notes_to_review");
      json_builder_add_int_value (builder, review);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      _mdg_cli_print_json (root);
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

static int
deck_import (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The deck’s title"), "TITLE" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What this revision is"), "NOTE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { 0 };
  int status;

  if (!_mdg_cli_parse_options ("FILE", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || title == NULL || *title == '\0')
    return _mdg_cli_usage (_("Usage: madoguchi-cli deck import FILE.pdf --title TITLE [--note NOTE]"));

  options.title = title;
  options.change_note = note;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = mdg_deck_library_import (db, argv[1], &options, NULL, NULL, NULL, &error)))
    return _mdg_cli_fail (error);
  return report_import (globals, revision, 0, 0);
}

static int
deck_revise (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What changed in this revision"), "NOTE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { 0 };
  guint carried = 0, review = 0;
  int status;

  if (!_mdg_cli_parse_options ("DECK FILE", entries, &argc, &argv, &status))
    return status;
  if (argc != 3 || note == NULL || !_mdg_cli_parse_id (argv[1], &options.deck_id))
    return _mdg_cli_usage (_("Usage: madoguchi-cli deck revise DECK FILE.pdf --note NOTE"));

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
  g_autofree char *updated = mdg_deck_get_updated_at (deck) ? _mdg_cli_iso8601 (mdg_deck_get_updated_at (deck)) : NULL;

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mdg_deck_get_id (deck));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, mdg_deck_get_title (deck));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, mdg_deck_get_latest_number (deck));
  json_builder_set_member_name (builder, "slides");
  json_builder_add_int_value (builder, mdg_deck_get_page_count (deck));
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);
}

static int
deck_list (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GPtrArray) decks = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return _mdg_cli_usage (_("Usage: madoguchi-cli deck list"));
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

static int
deck_show (Globals  *globals,
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

  if (argc != 2 || !_mdg_cli_parse_id (argv[1], &id))
    return _mdg_cli_usage (_("Usage: madoguchi-cli deck show DECK (a deck number)"));
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
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_deck_members (builder, deck);
      json_builder_set_member_name (builder, "revisions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < revisions->len; i++)
        {
          MdgDeckRevision *revision = g_ptr_array_index (revisions, i);
          g_autofree char *created = _mdg_cli_iso8601 (mdg_deck_revision_get_created_at (revision));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "number");
          json_builder_add_int_value (builder, mdg_deck_revision_get_number (revision));
          json_builder_set_member_name (builder, "created");
          json_builder_add_string_value (builder, created);
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, mdg_deck_revision_get_change_note (revision));
          json_builder_set_member_name (builder, "slides");
          json_builder_add_int_value (builder, mdg_deck_revision_get_page_count (revision));
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, mdg_deck_revision_get_sha256 (revision));
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, mdg_deck_revision_get_source_name (revision));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "slides");
      json_builder_begin_array (builder);
      for (guint i = 0; i < pages->len; i++)
        {
          MdgSlidePage *page = g_ptr_array_index (pages, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "page");
          json_builder_add_int_value (builder, page->page);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, page->text);
          json_builder_set_member_name (builder, "explanation");
          json_builder_add_string_value (builder, page->explanation);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint i = 0; diff && i < diff->len; i++)
        {
          MdgSlideDiff *entry = &g_array_index (diff, MdgSlideDiff, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "change");
          json_builder_add_string_value (builder, change_key (entry->change));
          json_builder_set_member_name (builder, "old_page");
          json_builder_add_int_value (builder, entry->old_page);
          json_builder_set_member_name (builder, "new_page");
          json_builder_add_int_value (builder, entry->new_page);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "to_review");
      json_builder_begin_array (builder);
      for (guint i = 0; i < review->len; i++)
        {
          MdgSlideReview *item = g_ptr_array_index (review, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "from_revision");
          json_builder_add_int_value (builder, item->from_number);
          json_builder_set_member_name (builder, "from_page");
          json_builder_add_int_value (builder, item->from_page);
          json_builder_set_member_name (builder, "explanation");
          json_builder_add_string_value (builder, item->explanation);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      _mdg_cli_print_json (root);
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

static int
deck_notes (Globals  *globals,
            int       argc,
            char    **argv)
{
  int number = 0, page = 0;
  g_autofree char *text = NULL;
  g_autofree char *import = NULL;
  GOptionEntry entries[] = {
    { "revision", 0, 0, G_OPTION_ARG_INT, &number, N_("The revision (the newest unless given)"), "N" },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("The slide, counting from 1"), "P" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("Its explanatory text"), "TEXT" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import, N_("Read every slide’s text from a .pdfpc file"), "FILE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  guint imported = 0;
  int status;

  if (!_mdg_cli_parse_options ("DECK", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || ((page <= 0 || text == NULL) && import == NULL) || (import != NULL && text != NULL))
    return _mdg_cli_usage (_("Usage: madoguchi-cli deck notes DECK [--revision N] --page P --text TEXT "
                             "(or --import FILE.pdfpc)"));
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

static int
deck_notes_export (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  int number = 0;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "revision", 0, 0, G_OPTION_ARG_INT, &number, N_("The revision (the newest unless given)"), "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .md or .pdfpc"), "FILE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  int status;

  if (!_mdg_cli_parse_options ("DECK", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || output == NULL)
    return _mdg_cli_usage (_("Usage: madoguchi-cli deck notes-export DECK [--revision N] --output FILE.md|FILE.pdfpc"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(revision = load_revision_arg (db, argv[1], number, &error)) ||
      !mdg_slide_notes_export (db, revision, output, &pdf, &error))
    return _mdg_cli_fail (error);
  g_print (_("Wrote %s\n"), output);
  if (pdf != NULL)
    g_print (_("Wrote %s beside it, for pdfpc\n"), pdf);
  return EXIT_OK;
}

static int
deck_attach (Globals  *globals,
             int       argc,
             char    **argv)
{
  int number = 0, item = 0;
  gint64 seminar_id = 0;
  g_autofree char *seminar = NULL;
  GOptionEntry entries[] = {
    { "seminar", 0, 0, G_OPTION_ARG_STRING, &seminar, N_("The seminar"), "SEMINAR" },
    { "item", 0, 0, G_OPTION_ARG_INT, &item, N_("The presentation’s place in the program, counting from 1"), "N" },
    { "revision", 0, 0, G_OPTION_ARG_INT, &number, N_("The revision (the newest unless given)"), "N" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(GPtrArray) program = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_mdg_cli_parse_options ("DECK", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || seminar == NULL || !_mdg_cli_parse_id (seminar, &seminar_id) || item <= 0)
    return _mdg_cli_usage (_("Usage: madoguchi-cli deck attach DECK --seminar SEMINAR --item N [--revision N]"));
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

static gboolean
paper_size (const char *paper,
            gboolean    landscape,
            double     *width,
            double     *height)
{
  if (paper == NULL || g_str_equal (paper, "a4"))
    *width = MDG_A4_WIDTH, *height = MDG_A4_HEIGHT;
  else if (g_str_equal (paper, "letter"))
    *width = MDG_LETTER_WIDTH, *height = MDG_LETTER_HEIGHT;
  else
    return FALSE;
  if (landscape)
    {
      double swap = *width;
      *width = *height;
      *height = swap;
    }
  return TRUE;
}

static int
command_handout (Globals  *globals,
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
  GOptionEntry entries[] = {
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_name, N_("Slides per sheet: 1, 2, 3 (with lines for notes), 4, 6, or notes (with their explanatory texts)"), "LAYOUT" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter"), "PAPER" },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, N_("Print across the sheet"), NULL },
    { "portrait", 0, 0, G_OPTION_ARG_NONE, &portrait, N_("Print down the sheet"), NULL },
    { "pages", 0, 0, G_OPTION_ARG_STRING, &pages, N_("Only these slides, such as 3-10 or 1,4,7-9"), "RANGE" },
    { "revision", 0, 0, G_OPTION_ARG_INT, &number, N_("The revision (the newest unless given)"), "N" },
    { "seminar", 0, 0, G_OPTION_ARG_STRING, &seminar_arg, N_("Head the sheets with this seminar"), "SEMINAR" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "FILE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(MdgDocument) handout = NULL;
  g_autoptr(GError) error = NULL;
  MdgHandoutLayout layout;
  double width, height;
  int status;

  if (!_mdg_cli_parse_options ("DECK", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || output == NULL || !mdg_handout_layout_from_string (layout_name, &layout) || (landscape && portrait))
    return _mdg_cli_usage (_("Usage: madoguchi-cli handout DECK --layout 1|2|3|4|6|notes [--paper a4|letter] "
                             "[--landscape] [--pages RANGE] --output FILE.pdf"));
  /* One slide to a sheet fills it best across. */
  if (!paper_size (paper, landscape || (layout == MDG_HANDOUT_LAYOUT_1 && !portrait), &width, &height))
    return _mdg_cli_usage (_("--paper must be “a4” or “letter”"));

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

static int
command_packet (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autofree char *layout_name = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_name, N_("How each deck’s handout is laid out: 1, 2, 3, 4, 6 or notes (3 unless given)"), "LAYOUT" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter"), "PAPER" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "FILE" },
    { NULL }
  };
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDocument) packet = NULL;
  g_autoptr(GError) error = NULL;
  MdgHandoutLayout layout = MDG_HANDOUT_LAYOUT_3;
  double width, height;
  guint n_handouts;
  gint64 id;
  int status;

  if (!_mdg_cli_parse_options ("SEMINAR", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || output == NULL || !_mdg_cli_parse_id (argv[1], &id) ||
      (layout_name != NULL && !mdg_handout_layout_from_string (layout_name, &layout)))
    return _mdg_cli_usage (_("Usage: madoguchi-cli packet SEMINAR [--layout 1|2|3|4|6|notes] [--paper a4|letter] --output FILE.pdf"));
  if (!paper_size (paper, FALSE, &width, &height))
    return _mdg_cli_usage (_("--paper must be “a4” or “letter”"));

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(packet = mdg_seminar_packet_new (db, id, layout, &error)))
    return _mdg_cli_fail (error);
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

int
_mdg_cli_command_deck (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "import", deck_import }, { "revise", deck_revise }, { "list", deck_list }, { "show", deck_show },
    { "notes", deck_notes }, { "notes-export", deck_notes_export }, { "attach", deck_attach },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].func (globals, argc - 1, argv + 1);

  return _mdg_cli_usage (_("deck needs a subcommand: import, revise, list, show, notes, notes-export or attach"));
}

int
_mdg_cli_command_handout (Globals  *globals,
                          int       argc,
                          char    **argv)
{
  return command_handout (globals, argc, argv);
}

int
_mdg_cli_command_packet (Globals  *globals,
                         int       argc,
                         char    **argv)
{
  return command_packet (globals, argc, argv);
}
