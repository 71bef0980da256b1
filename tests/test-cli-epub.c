/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "mdg-test-slides.h"
#include "mdg-test-util.h"

/*
 * `madoguchi-cli deck epub`: a deck imported and annotated through the CLI becomes an
 * EPUB that epubcheck accepts, and reading the book back finds every slide's picture
 * (a PNG of the real page) and its explanatory text, in order.
 */

static const char * const texts[] = { "ランサムウェア対策", "バックアップの3-2-1", "VPN機器の更新", "相談窓口" };

/* The text of the book's entry @name (NULL if absent), and how many slide pictures it holds. */
static char *
read_entry (const char *path,
            const char *name,
            guint      *n_images)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  GString *found = NULL;

  *n_images = 0;
  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 10240), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      const char *entry_name = archive_entry_pathname (entry);
      char buffer[8192];
      la_ssize_t n;

      if (g_str_has_prefix (entry_name, "EPUB/images/slide-"))
        {
          /* A real PNG, not an empty stand-in. */
          n = archive_read_data (archive, buffer, sizeof buffer);
          g_assert_cmpint (n, >, 8);
          g_assert_cmpmem (buffer, 4, "\x89PNG", 4);
          (*n_images)++;
          continue;
        }
      if (!g_str_equal (entry_name, name))
        continue;
      found = g_string_new (NULL);
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_string_append_len (found, buffer, n);
      g_assert_cmpint (n, ==, 0);
    }
  archive_read_free (archive);
  return found != NULL ? g_string_free (found, FALSE) : NULL;
}

static void
test_cli_deck_epub (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "ransomware.pdf", NULL);
  g_autofree char *epub = g_build_filename (dir, "ランサムウェア対策.epub", NULL);
  g_autofree char *package = NULL;
  g_autofree char *page = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *check_err = NULL;
  g_auto(MdgTestCli) imported = { 0 };
  g_auto(MdgTestCli) noted = { 0 };
  g_auto(MdgTestCli) written = { 0 };
  g_auto(MdgTestCli) missing = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_images;
  int status;

  mdg_test_write_deck (pdf, texts, G_N_ELEMENTS (texts), FALSE);
  imported.status = mdg_test_run_cli (db, &imported.out, &imported.err, "deck", "import", pdf,
                                      "--title", "ランサムウェア対策", "--note", "初版", NULL);
  g_assert_cmpint (imported.status, ==, 0);
  noted.status = mdg_test_run_cli (db, &noted.out, &noted.err, "deck", "notes", "1", "--page", "3",
                                   "--text", "ファームウェアの更新日を必ず確認する", NULL);
  g_assert_cmpint (noted.status, ==, 0);

  written.status = mdg_test_run_cli (db, &written.out, &written.err, "deck", "epub", "1", epub, NULL);
  g_assert_cmpstr (written.err, ==, "");
  g_assert_cmpint (written.status, ==, 0);
  g_assert_nonnull (strstr (written.out, epub));

  /* Read back: the package names the deck, each slide is a picture, slide 3 carries its text. */
  package = read_entry (epub, "EPUB/package.opf", &n_images);
  g_assert_nonnull (package);
  g_assert_cmpuint (n_images, ==, G_N_ELEMENTS (texts));
  g_assert_nonnull (strstr (package, "<dc:title>ランサムウェア対策</dc:title>"));
  page = read_entry (epub, "EPUB/pages/page-003.xhtml", &n_images);
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (page, "VPN機器の更新"));
  g_assert_nonnull (strstr (page, "ファームウェアの更新日を必ず確認する"));

  /* epubcheck, the reference validator, finds nothing to say (see test-publish.c for how it runs). */
  g_spawn_sync (NULL,
                (char *[]) { (char *) g_getenv ("JAVA"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                             "-XX:-UsePerfData", "-jar", (char *) g_getenv ("EPUBCHECK_JAR"), epub, NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, &checked, &check_err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("epubcheck: %s%s", checked, check_err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (checked, "No errors or warnings detected"));

  /* A deck that is not there: an error that says so, and no file. */
  g_remove (epub);
  missing.status = mdg_test_run_cli (db, &missing.out, &missing.err, "deck", "epub", "7", epub, NULL);
  g_assert_cmpint (missing.status, !=, 0);
  g_assert_cmpstr (missing.err, !=, "");
  g_assert_false (g_file_test (epub, G_FILE_TEST_EXISTS));

  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/deck-epub", test_cli_deck_epub);
  return g_test_run ();
}
