/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mdg-database-private.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-error.h"
#include "mdg-page-renderer.h"
#include "mdg-slide-notes.h"
#include "mdg-slide-preloader.h"
#include "mdg-test-slides.h"
#include "mdg-test-util.h"

/*
 * The slide library on real files: PDFs made with cairo, a real database, a real data
 * folder, and LibreOffice played by small shell scripts first on PATH.
 */

static const char *const deck_texts[] = {
  "ランサムウェア対策セミナー\n2026年度版",
  "最近の被害事例\n製造業A社: 生産ラインが3日停止",
  "侵入経路の約半分はVPN機器",
  "今日からできる対策\n1. バックアップを取る\n2. 多要素認証",
  "ご相談は窓口まで",
};

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  char        *pdf;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = mdg_test_open_tmp_db (&f->dir);
  f->pdf = g_build_filename (f->dir, "ransomware.pdf", NULL);
  mdg_test_write_deck (f->pdf, deck_texts, G_N_ELEMENTS (deck_texts), FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
}

static char *
decks_folder (Fixture *f)
{
  return mdg_deck_library_get_folder (f->db);
}

/* Everything an import could leave behind: rows and files. */
static char *
snapshot (Fixture *f)
{
  g_autofree char *folder = decks_folder (f);
  g_autoptr(GString) state = g_string_new (NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_string_append_printf (state, "decks=%" G_GINT64_FORMAT " revisions=%" G_GINT64_FORMAT
                          " pages=%" G_GINT64_FORMAT " notes=%" G_GINT64_FORMAT " review=%" G_GINT64_FORMAT "\n",
                          mdg_test_count (f->db, "SELECT count(*) FROM deck"),
                          mdg_test_count (f->db, "SELECT count(*) FROM deck_revision"),
                          mdg_test_count (f->db, "SELECT count(*) FROM slide_page"),
                          mdg_test_count (f->db, "SELECT count(*) FROM slide_note"),
                          mdg_test_count (f->db, "SELECT count(*) FROM slide_note_review"));
  g_string_append_printf (state, "folder=%s\n", dir ? "yes" : "no");
  while (dir && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (state, "%s\n", (char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&state), FALSE);
}

static MdgDeckRevision *
import (Fixture    *f,
        const char *path,
        gint64      deck_id,
        const char *title,
        const char *note)
{
  MdgDeckImportOptions options = { .deck_id = deck_id, .title = title, .change_note = note };
  g_autoptr(GError) error = NULL;
  MdgDeckRevision *revision = mdg_deck_library_import (f->db, path, &options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (revision);
  return revision;
}

static void
test_import_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MdgDeckRevision) revision = import (f, f->pdf, 0, "ランサムウェア対策", "初版");
  g_autoptr(MdgDeck) deck = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = mdg_deck_library_get_pdf_path (f->db, revision);
  g_autofree char *folder = decks_folder (f);
  g_autofree char *original = NULL;
  g_autofree char *expected_sha = NULL;
  g_autofree char *name = NULL;
  gsize length;
  GStatBuf st;

  g_assert_cmpuint (mdg_deck_revision_get_number (revision), ==, 1);
  g_assert_cmpuint (mdg_deck_revision_get_page_count (revision), ==, 5);
  g_assert_cmpstr (mdg_deck_revision_get_change_note (revision), ==, "初版");
  g_assert_cmpstr (mdg_deck_revision_get_source_name (revision), ==, "ransomware.pdf");
  g_assert_null (mdg_deck_revision_get_original_sha256 (revision));
  g_assert_nonnull (mdg_deck_revision_get_created_at (revision));

  /* Stored under its SHA-256, private, and the same bytes. */
  g_assert_true (g_file_get_contents (f->pdf, &original, &length, NULL));
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) original, length);
  g_assert_cmpstr (mdg_deck_revision_get_sha256 (revision), ==, expected_sha);
  name = g_path_get_basename (stored);
  g_assert_true (g_str_has_prefix (name, expected_sha));
  g_assert_cmpint (g_stat (stored, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, length);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The deck keeps working when the original goes. */
  g_remove (f->pdf);
  deck = mdg_deck_store_load (f->db, mdg_deck_revision_get_deck_id (revision), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdg_deck_get_title (deck), ==, "ランサムウェア対策");
  g_assert_cmpuint (mdg_deck_get_latest_number (deck), ==, 1);
  g_assert_cmpuint (mdg_deck_get_page_count (deck), ==, 5);

  pages = mdg_deck_store_list_pages (f->db, mdg_deck_revision_get_id (revision), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 5);
  for (guint i = 0; i < pages->len; i++)
    {
      MdgSlidePage *page = g_ptr_array_index (pages, i);
      g_autoptr(MdgSlideDocument) document = NULL;

      g_assert_cmpuint (page->page, ==, i + 1);
      g_assert_cmpuint (strlen (page->render_hash), ==, 64);
      g_assert_cmpstr (page->explanation, ==, "");
      g_assert_cmpfloat (mdg_slide_text_similarity (page->text, deck_texts[i]), ==, 1.0);
      document = mdg_deck_library_open (f->db, revision, &error);
      g_assert_no_error (error);
    }
}

static void
test_import_same_file_twice (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MdgDeckRevision) first = import (f, f->pdf, 0, "ランサムウェア対策", NULL);
  g_autoptr(MdgDeckRevision) second = import (f, f->pdf, 0, "ランサムウェア対策（複製）", NULL);
  g_autofree char *folder = decks_folder (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .deck_id = mdg_deck_revision_get_deck_id (first), .change_note = "同じ" };
  guint n_files = 0;

  g_assert_cmpint (mdg_deck_revision_get_deck_id (first), !=, mdg_deck_revision_get_deck_id (second));
  g_assert_cmpstr (mdg_deck_revision_get_sha256 (first), ==, mdg_deck_revision_get_sha256 (second));
  dir = g_dir_open (folder, 0, NULL);
  while (g_dir_read_name (dir))
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  /* The same file as the next revision changes nothing, and says so. */
  before = snapshot (f);
  g_assert_null (mdg_deck_library_import (f->db, f->pdf, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_EXISTS);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *not_pdf = g_build_filename (f->dir, "deck.pdf.png", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.pdf", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.pdf", NULL);
  g_autofree char *corrupt = g_build_filename (f->dir, "corrupt.pdf", NULL);
  g_autofree char *encrypted = g_build_filename (f->dir, "locked.pdf", NULL);
  g_autoptr(MdgDeckRevision) existing = NULL;
  gsize length;
  struct { const char *path; const char *says; gboolean revise; } cases[] = {
    { not_pdf, "not a PDF", FALSE },
    { text, "not a PDF", TRUE },
    { truncated, "incomplete", FALSE },
    { truncated, "incomplete", TRUE },
    { corrupt, "damaged", FALSE },
    { encrypted, "password", FALSE },
    { encrypted, "password", TRUE },
  };
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  g_assert_true (g_file_get_contents (f->pdf, &contents, &length, NULL));
  write_file (not_pdf, (const char *) png, sizeof png);
  write_file (text, "講演メモ: スライドは後で送ります\n", -1);
  write_file (truncated, contents, length / 2);
  {
    g_autoptr(GString) garbage = g_string_new ("%PDF-1.5\n");
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    for (guint i = 0; i < 4000; i++)
      g_string_append_c (garbage, (char) g_rand_int_range (rand, 1, 255));
    g_string_append (garbage, "\n%%EOF\n");
    write_file (corrupt, garbage->str, garbage->len);
  }
  mdg_test_write_encrypted_pdf (encrypted);

  for (guint pass = 0; pass < 2; pass++)
    {
      /* First with no data folder yet, then beside a deck already stored. */
      if (pass == 1)
        existing = import (f, f->pdf, 0, "既存のデッキ", NULL);

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *before = snapshot (f);
          g_autofree char *after = NULL;
          g_autofree char *name = g_path_get_basename (cases[i].path);
          g_autoptr(GError) error = NULL;
          MdgDeckImportOptions options = { .title = "拒否されるべき" };

          if (cases[i].revise && existing == NULL)
            continue;
          if (cases[i].revise)
            options.deck_id = mdg_deck_revision_get_deck_id (existing);
          g_assert_null (mdg_deck_library_import (f->db, cases[i].path, &options, NULL, NULL, NULL, &error));
          g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
          g_test_message ("%s: %s", name, error->message);
          g_assert_nonnull (strstr (error->message, name));
          g_assert_nonnull (strstr (error->message, cases[i].says));
          after = snapshot (f);
          g_assert_cmpstr (after, ==, before);
        }
    }
}

/* ---- LibreOffice, played by scripts ---- */

static char *
stand_in_soffice (Fixture    *f,
                  const char *body)
{
  g_autofree char *bin = g_build_filename (f->dir, "bin", NULL);
  g_autofree char *script = g_build_filename (bin, "soffice", NULL);
  g_autofree char *text = g_strconcat ("#!/bin/sh\n", body, NULL);

  g_mkdir_with_parents (bin, 0700);
  write_file (script, text, -1);
  g_chmod (script, 0755);
  return g_steal_pointer (&bin);
}

static char *
with_path (const char *bin)
{
  const char *old = g_getenv ("PATH");
  char *saved = g_strdup (old);
  g_autofree char *path = bin ? g_strconcat (bin, ":/usr/bin:/bin", NULL) : g_strdup ("/nonexistent");

  g_setenv ("PATH", path, TRUE);
  return saved;
}

static void
write_pptx (const char *path)
{
  /* A .pptx is a ZIP; the stand-ins only need the bytes to pass through. */
  write_file (path, "PK\003\004 stand-in presentation", -1);
}

static void
test_import_office_converted (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *bin = stand_in_soffice (f,
    "out=''; in=''\n"
    "while [ $# -gt 0 ]; do\n"
    "  case \"$1\" in\n"
    "    --outdir) out=\"$2\"; shift ;;\n"
    "    --convert-to) shift ;;\n"
    "    -*) ;;\n"
    "    *) in=\"$1\" ;;\n"
    "  esac\n"
    "  shift\n"
    "done\n"
    "mkdir -p \"$out\"\n"
    "base=$(basename \"$in\")\n"
    "cp \"$MDG_TEST_CONVERTED_PDF\" \"$out/${base%.*}.pdf\"\n");
  g_autofree char *pptx = g_build_filename (f->dir, "対策2026.pptx", NULL);
  g_autofree char *saved = with_path (bin);
  g_autoptr(MdgDeckRevision) revision = NULL;
  g_autofree char *original = NULL;
  g_autofree char *stored_pdf = NULL;
  g_autofree char *bytes = NULL;
  GStatBuf st;

  g_setenv ("MDG_TEST_CONVERTED_PDF", f->pdf, TRUE);
  write_pptx (pptx);
  revision = import (f, pptx, 0, NULL, NULL);
  g_setenv ("PATH", saved, TRUE);

  g_assert_cmpuint (mdg_deck_revision_get_page_count (revision), ==, 5);
  g_assert_cmpstr (mdg_deck_revision_get_original_type (revision), ==, "pptx");
  g_assert_cmpstr (mdg_deck_revision_get_source_name (revision), ==, "対策2026.pptx");
  original = mdg_deck_library_get_original_path (f->db, revision);
  stored_pdf = mdg_deck_library_get_pdf_path (f->db, revision);
  /* The original is kept beside its PDF, as it was. */
  {
    g_autofree char *a = g_path_get_dirname (original);
    g_autofree char *b = g_path_get_dirname (stored_pdf);
    g_assert_cmpstr (a, ==, b);
  }
  g_assert_true (g_file_get_contents (original, &bytes, NULL, NULL));
  g_assert_cmpstr (bytes, ==, "PK\003\004 stand-in presentation");
  g_assert_cmpint (g_stat (original, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autoptr(MdgDeck) deck = mdg_deck_store_load (f->db, mdg_deck_revision_get_deck_id (revision), NULL);
    /* Without a title given, the file's name. */
    g_assert_cmpstr (mdg_deck_get_title (deck), ==, "対策2026");
  }
}

static void
test_import_office_timeout (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *pid_file = g_build_filename (f->dir, "soffice.pid", NULL);
  g_autofree char *body = g_strdup_printf ("sleep 60 &\necho $! > '%s'\nwait\n", pid_file);
  g_autofree char *bin = stand_in_soffice (f, body);
  g_autofree char *pptx = g_build_filename (f->dir, "hangs.pptx", NULL);
  g_autofree char *saved = with_path (bin);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *pid = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .title = "止まる", .timeout = 1 };
  gint64 started = g_get_monotonic_time ();

  write_pptx (pptx);
  g_assert_null (mdg_deck_library_import (f->db, pptx, &options, NULL, NULL, NULL, &error));
  g_setenv ("PATH", saved, TRUE);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "1 seconds"));
  g_assert_nonnull (strstr (error->message, "hangs.pptx"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* What LibreOffice started is stopped with it. */
  g_assert_true (g_file_get_contents (pid_file, &pid, NULL, NULL));
  for (guint i = 0; i < 100 && kill (atoi (pid), 0) == 0; i++)
    g_usleep (20000);
  g_assert_cmpint (kill (atoi (pid), 0), ==, -1);
}

static void
test_import_office_fails (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *bin = stand_in_soffice (f, "echo 'Error: source file could not be loaded' >&2\nexit 1\n");
  g_autofree char *pptx = g_build_filename (f->dir, "broken.odp", NULL);
  g_autofree char *saved = with_path (bin);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .title = "壊れた" };

  write_pptx (pptx);
  g_assert_null (mdg_deck_library_import (f->db, pptx, &options, NULL, NULL, NULL, &error));
  g_setenv ("PATH", saved, TRUE);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "source file could not be loaded"));
  g_assert_nonnull (strstr (error->message, "broken.odp"));
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_import_office_missing (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *pptx = g_build_filename (f->dir, "slides.ppt", NULL);
  g_autofree char *saved = with_path (NULL);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .title = "古い形式" };

  write_pptx (pptx);
  g_assert_null (mdg_deck_library_import (f->db, pptx, &options, NULL, NULL, NULL, &error));
  g_setenv ("PATH", saved, TRUE);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "LibreOffice"));
  g_assert_nonnull (strstr (error->message, "PDF"));
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* ---- Revisions ---- */

static gint64
revision_id (MdgDeckRevision *revision)
{
  return mdg_deck_revision_get_id (revision);
}

static void
test_revise_carries_notes (Fixture       *f,
                           gconstpointer  data)
{
  static const char *const v2[] = {
    "ランサムウェア対策セミナー\n2026年度版",                 /* 1: the same */
    "新しい手口: ノーウェアランサム",                        /* 2: inserted */
    "侵入経路の約半分はVPN機器",                             /* 3: old 3 */
    "今日からできる対策\n1. バックアップを取る\n2. 多要素認証\n3. 更新", /* 4: old 4, edited */
    "ご相談は窓口まで",                                      /* 5: old 5 */
  };                                                         /* old 2 removed */
  g_autofree char *v2_path = g_build_filename (f->dir, "v2.pdf", NULL);
  g_autoptr(MdgDeckRevision) first = import (f, f->pdf, 0, "ランサムウェア対策", "初版");
  g_autoptr(MdgDeckRevision) second = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) review = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GArray) diff = NULL;
  g_autoptr(GError) error = NULL;
  MdgDeckImportOptions options = { .deck_id = mdg_deck_revision_get_deck_id (first), .change_note = "事例を更新" };
  guint carried = 0, to_review = 0;
  static const MdgSlideDiff expected[] = {
    { MDG_SLIDE_SAME, 1, 1 }, { MDG_SLIDE_REMOVED, 2, 0 }, { MDG_SLIDE_ADDED, 0, 2 },
    { MDG_SLIDE_SAME, 3, 3 }, { MDG_SLIDE_CHANGED, 4, 4 }, { MDG_SLIDE_SAME, 5, 5 },
  };

  for (guint page = 1; page <= 5; page++)
    {
      g_autofree char *text = g_strdup_printf ("第%u版の解説 %u", 1, page);
      mdg_deck_store_set_explanation (f->db, revision_id (first), page, text, &error);
      g_assert_no_error (error);
    }
  /* Saved as typed: the second save of a slide replaces the first. */
  mdg_deck_store_set_explanation (f->db, revision_id (first), 3, "VPN機器の更新を必ず説明する", &error);
  g_assert_no_error (error);
  g_assert_false (mdg_deck_store_set_explanation (f->db, revision_id (first), 6, "無い", &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);

  mdg_test_write_deck (v2_path, v2, G_N_ELEMENTS (v2), FALSE);
  second = mdg_deck_library_import (f->db, v2_path, &options, &carried, &to_review, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdg_deck_revision_get_number (second), ==, 2);
  g_assert_cmpuint (carried, ==, 4);
  g_assert_cmpuint (to_review, ==, 1);

  pages = mdg_deck_store_list_pages (f->db, revision_id (second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 0))->explanation, ==, "第1版の解説 1");
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 1))->explanation, ==, "");
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 2))->explanation, ==, "VPN機器の更新を必ず説明する");
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 3))->explanation, ==, "第1版の解説 4");
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 4))->explanation, ==, "第1版の解説 5");

  review = mdg_deck_store_list_review (f->db, revision_id (second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (review->len, ==, 1);
  g_assert_cmpuint (((MdgSlideReview *) g_ptr_array_index (review, 0))->from_number, ==, 1);
  g_assert_cmpuint (((MdgSlideReview *) g_ptr_array_index (review, 0))->from_page, ==, 2);
  g_assert_cmpstr (((MdgSlideReview *) g_ptr_array_index (review, 0))->explanation, ==, "第1版の解説 2");
  g_assert_nonnull (strstr (((MdgSlideReview *) g_ptr_array_index (review, 0))->slide_text, "製造業A社"));

  /* The older revision is untouched. */
  {
    g_autoptr(GPtrArray) old = mdg_deck_store_list_pages (f->db, revision_id (first), &error);
    g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (old, 1))->explanation, ==, "第1版の解説 2");
  }
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM slide_page WHERE revision_id = 1"), ==, 5);
  /* …and cannot be changed underneath: revisions are immutable. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE deck_revision SET sha256 = 'x' WHERE id = %" G_GINT64_FORMAT,
                                            revision_id (first));
    g_assert_cmpint (sqlite3_exec (_mdg_database_get_handle (f->db), sql, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  }

  diff = mdg_deck_store_diff (f->db, revision_id (first), revision_id (second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < diff->len; i++)
    {
      MdgSlideDiff *entry = &g_array_index (diff, MdgSlideDiff, i);
      g_assert_cmpint (entry->change, ==, expected[i].change);
      g_assert_cmpuint (entry->old_page, ==, expected[i].old_page);
      g_assert_cmpuint (entry->new_page, ==, expected[i].new_page);
    }

  history = mdg_deck_store_list_revisions (f->db, mdg_deck_revision_get_deck_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpuint (mdg_deck_revision_get_number (g_ptr_array_index (history, 0)), ==, 2);
  g_assert_cmpstr (mdg_deck_revision_get_change_note (g_ptr_array_index (history, 0)), ==, "事例を更新");
  g_assert_cmpstr (mdg_deck_revision_get_change_note (g_ptr_array_index (history, 1)), ==, "初版");

  /* A text placed by hand leaves the review list; the rest travel to the next revision. */
  mdg_deck_store_dismiss_review (f->db, ((MdgSlideReview *) g_ptr_array_index (review, 0))->id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&review, g_ptr_array_unref);
  review = mdg_deck_store_list_review (f->db, revision_id (second), &error);
  g_assert_cmpuint (review->len, ==, 0);
}

static void
test_diff_picture_changed (Fixture       *f,
                           gconstpointer  data)
{
  static const char *const texts[] = { "表紙", "写真で見る被害", "まとめ" };
  g_autofree char *plain = g_build_filename (f->dir, "plain.pdf", NULL);
  g_autofree char *photo = g_build_filename (f->dir, "photo.pdf", NULL);
  g_autoptr(MdgDeckRevision) first = NULL;
  g_autoptr(MdgDeckRevision) second = NULL;
  g_autoptr(GArray) diff = NULL;
  g_autoptr(GError) error = NULL;

  mdg_test_write_deck (plain, texts, 3, FALSE);
  mdg_test_write_deck (photo, texts, 3, TRUE);
  first = import (f, plain, 0, "写真", NULL);
  second = import (f, photo, mdg_deck_revision_get_deck_id (first), NULL, "写真を追加");
  diff = mdg_deck_store_diff (f->db, revision_id (first), revision_id (second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->len, ==, 3);
  /* The same text with a new picture is a changed slide, not a new one. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (g_array_index (diff, MdgSlideDiff, i).change, ==, MDG_SLIDE_CHANGED);
      g_assert_cmpuint (g_array_index (diff, MdgSlideDiff, i).old_page, ==, i + 1);
    }
}

/* ---- Notes files ---- */

static void
test_notes_pdfpc (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MdgDeckRevision) revision = import (f, f->pdf, 0, "ランサムウェア対策", NULL);
  g_autoptr(MdgDeckRevision) other = NULL;
  g_autofree char *out = g_build_filename (f->dir, "export", NULL);
  g_autofree char *pdfpc = g_build_filename (out, "talk.pdfpc", NULL);
  g_autofree char *pdf_written = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *array;
  guint imported = 0;

  g_mkdir_with_parents (out, 0700);
  mdg_deck_store_set_explanation (f->db, revision_id (revision), 1, "挨拶と自己紹介。\n「窓口」の説明。", &error);
  mdg_deck_store_set_explanation (f->db, revision_id (revision), 4, "バックアップは3-2-1で", &error);
  g_assert_no_error (error);

  g_assert_true (mdg_slide_notes_export (f->db, revision, pdfpc, &pdf_written, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (pdf_written, "talk.pdf"));
  g_assert_cmpuint (mdg_test_pdf_n_pages (pdf_written), ==, 5);

  g_assert_true (g_file_get_contents (pdfpc, &contents, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, contents, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "pdfpcFormat"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "pdfFile"), ==, "talk.pdf");
  array = json_object_get_array_member (root, "pages");
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 3), "idx"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 3), "note"), ==,
                   "バックアップは3-2-1で");
  g_assert_false (json_object_has_member (json_array_get_object_element (array, 1), "note"));

  /* Read back into another deck: the same texts on the same slides. */
  other = import (f, f->pdf, 0, "複製", NULL);
  g_assert_true (mdg_slide_notes_import (f->db, other, pdfpc, &imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 2);
  pages = mdg_deck_store_list_pages (f->db, revision_id (other), &error);
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 0))->explanation, ==, "挨拶と自己紹介。\n「窓口」の説明。");
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 3))->explanation, ==, "バックアップは3-2-1で");
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 2))->explanation, ==, "");
}

static void
test_notes_pdfpc_legacy_and_bad (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(MdgDeckRevision) revision = import (f, f->pdf, 0, "ランサムウェア対策", NULL);
  g_autofree char *legacy = g_build_filename (f->dir, "old.pdfpc", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "other.pdfpc", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  guint imported = 0;

  /* pdfpc before 4.5 wrote this, with Windows line ends when edited there. */
  write_file (legacy,
              "[file]\r\nransomware.pdf\r\n[duration]\r\n45\r\n[notes]\r\n### 2\r\n被害事例は地元の例で\r\n二行目\r\n"
              "### 5\r\n連絡先を読み上げる\r\n", -1);
  g_assert_true (mdg_slide_notes_import (f->db, revision, legacy, &imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 2);
  pages = mdg_deck_store_list_pages (f->db, revision_id (revision), &error);
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 1))->explanation, ==, "被害事例は地元の例で\n二行目");
  g_assert_cmpstr (((MdgSlidePage *) g_ptr_array_index (pages, 4))->explanation, ==, "連絡先を読み上げる");

  /* Notes for a longer deck are refused whole, with the entry named. */
  write_file (bad, "{\"pdfpcFormat\": 2, \"pages\": [{\"idx\": 0, \"note\": \"上書きされない\"},"
                   " {\"idx\": 11, \"label\": \"12\", \"note\": \"十二枚目\"}]}", -1);
  before = snapshot (f);
  g_assert_false (mdg_slide_notes_import (f->db, revision, bad, NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "other.pdfpc"));
  g_assert_nonnull (strstr (error->message, "entry 2"));
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM slide_note WHERE explanation = '上書きされない'"), ==, 0);
}

static void
test_notes_markdown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MdgDeckRevision) revision = import (f, f->pdf, 0, "ランサムウェア対策", "初版");
  g_autofree char *md = g_build_filename (f->dir, "notes.md", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  mdg_deck_store_set_explanation (f->db, revision_id (revision), 3, "VPN機器の更新を必ず説明する", &error);
  g_assert_true (mdg_slide_notes_export (f->db, revision, md, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# ランサムウェア対策\n"));
  g_assert_nonnull (strstr (contents, "## Slide 3: 侵入経路の約半分はVPN機器\n\nVPN機器の更新を必ず説明する\n"));
  g_assert_nonnull (strstr (contents, "## Slide 5: ご相談は窓口まで\n"));
  g_assert_false (mdg_slide_notes_export (f->db, revision, "notes.txt", NULL, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
}

/* ---- Rendering ---- */

typedef struct
{
  GArray *order;
  guint   pending;
  char   *cache_dir;
} Renders;

static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Renders *renders = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgPageImage) image = mdg_page_renderer_render_finish (MDG_PAGE_RENDERER (source), result, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mdg_page_image_get_width (image), ==, 160);
  g_assert_cmpint (mdg_page_image_get_height (image), ==, 90);
  g_assert_cmpuint (g_bytes_get_size (mdg_page_image_get_bytes (image)), ==,
                    mdg_page_image_get_stride (image) * 90);
  {
    guint page = mdg_page_image_get_page (image);
    g_array_append_val (renders->order, page);
  }
  renders->pending--;
}

static void
wait_for (guint *pending)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*pending > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_thumbnails (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "twenty.pdf", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "cache", NULL);
  const char *texts[20];
  char *owned[20];
  g_autoptr(MdgPageRenderer) renderer = NULL;
  Renders renders = { g_array_new (FALSE, FALSE, sizeof (guint)), 0, NULL };
  guint position[20];

  for (guint i = 0; i < 20; i++)
    texts[i] = owned[i] = g_strdup_printf ("スライド %u", i + 1);
  mdg_test_write_deck (pdf, texts, 20, TRUE);
  for (guint i = 0; i < 20; i++)
    g_free (owned[i]);

  /* One worker: the order is the queue's. The pages on screen (15–19) jump the queue. */
  renderer = mdg_page_renderer_new (pdf, "0123abcd", 1);
  mdg_page_renderer_set_cache_dir (renderer, cache);
  for (guint i = 0; i < 20; i++, renders.pending++)
    mdg_page_renderer_render_async (renderer, i, 160, 160, MDG_RENDER_CACHE, 0, NULL, rendered_cb, &renders);
  mdg_page_renderer_set_visible_range (renderer, 15, 19);
  wait_for (&renders.pending);
  g_assert_cmpuint (renders.order->len, ==, 20);
  for (guint i = 0; i < 20; i++)
    position[g_array_index (renders.order, guint, i)] = i;
  for (guint page = 15; page < 20; page++)
    g_assert_cmpuint (position[page], <, position[10]);

  /* Cached by (file hash, page, size), written once the image is handed over (closing
   * the renderer waits for its workers): a second renderer reads them back. */
  g_clear_object (&renderer);
  for (guint page = 0; page < 20; page++)
    {
      g_autofree char *name = g_strdup_printf ("%u-160x160.png", page + 1);
      g_autofree char *path = g_build_filename (cache, "0123abcd", name, NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  {
    /* The PDF is gone: only the cache can answer. */
    g_autoptr(MdgPageRenderer) again = mdg_page_renderer_new (pdf, "0123abcd", 2);

    g_remove (pdf);
    mdg_page_renderer_set_cache_dir (again, cache);
    g_array_set_size (renders.order, 0);
    for (guint i = 0; i < 20; i++, renders.pending++)
      mdg_page_renderer_render_async (again, i, 160, 160, MDG_RENDER_CACHE, 0, NULL, rendered_cb, &renders);
    wait_for (&renders.pending);
    g_assert_cmpuint (renders.order->len, ==, 20);
  }
  g_array_unref (renders.order);
}

static void
test_render_png (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MdgDeckRevision) revision = import (f, f->pdf, 0, "ランサムウェア対策", NULL);
  g_autoptr(MdgSlideDocument) document = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "slide.png", NULL);
  cairo_surface_t *surface;

  document = mdg_deck_library_open (f->db, revision, &error);
  g_assert_no_error (error);
  png = mdg_slide_document_render_png (document, 1, 640, 0, &error);
  g_assert_no_error (error);
  write_file (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 360);
  cairo_surface_destroy (surface);
}

static void
ready_cb (MdgSlidePreloader *preloader,
          guint              view,
          guint              page,
          guint             *ready)
{
  (*ready)++;
}

static void
test_preloader (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MdgPageRenderer) renderer = mdg_page_renderer_new (f->pdf, NULL, 2);
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (5);
  g_autoptr(MdgSlidePreloader) preloader = mdg_slide_preloader_new (renderer, presenter);
  guint ready = 0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_signal_connect (preloader, "ready", G_CALLBACK (ready_cb), &ready);
  mdg_slide_preloader_set_size (preloader, MDG_SLIDE_VIEW_AUDIENCE, 1280, 720);
  /* Slides 1 to 4 (the current one and three ahead) are rendered before they are asked for. */
  while (ready < 4)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint page = 0; page < 4; page++)
    g_assert_nonnull (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, page));
  g_assert_null (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, 4));

  /* Next: the new slide is there at once, and the one after is on its way. */
  mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
  g_assert_nonnull (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, 1));
  g_assert_cmpint (mdg_page_image_get_width (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, 1)), ==, 1280);
  while (mdg_slide_preloader_lookup (preloader, MDG_SLIDE_VIEW_AUDIENCE, 4) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/slides/import/pdf", test_import_pdf);
  ADD ("/slides/import/same-file-twice", test_import_same_file_twice);
  ADD ("/slides/import/refused", test_import_refused);
  ADD ("/slides/import/office-converted", test_import_office_converted);
  ADD ("/slides/import/office-timeout", test_import_office_timeout);
  ADD ("/slides/import/office-fails", test_import_office_fails);
  ADD ("/slides/import/office-missing", test_import_office_missing);
  ADD ("/slides/revise/carries-notes", test_revise_carries_notes);
  ADD ("/slides/diff/picture-changed", test_diff_picture_changed);
  ADD ("/slides/notes/pdfpc", test_notes_pdfpc);
  ADD ("/slides/notes/pdfpc-legacy-and-bad", test_notes_pdfpc_legacy_and_bad);
  ADD ("/slides/notes/markdown", test_notes_markdown);
  ADD ("/slides/render/thumbnails", test_thumbnails);
  ADD ("/slides/render/png", test_render_png);
  ADD ("/slides/render/preloader", test_preloader);
#undef ADD

  return g_test_run ();
}
