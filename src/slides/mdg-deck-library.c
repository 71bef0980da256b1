/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-deck-library"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-database-private.h"
#include "mdg-deck-library.h"
#include "mdg-deck-store.h"
#include "mdg-error.h"
#include "mdg-file.h"

/*
 * The slide library: PDF files copied into the data folder under their SHA-256
 * (decks/<sha256>.pdf, beside the database), so that a deck never breaks when the
 * original moves and the same file imported twice is stored once. A file is checked
 * completely — readable, whole, not locked, every page's text and picture taken —
 * before anything is written; then the file is stored and the revision recorded, and
 * a failure of the second step takes the first back. PowerPoint and Impress files
 * are converted by LibreOffice first, and kept beside their PDF.
 */

static const char *const office_types[] = { "pptx", "ppt", "odp" };

static const char *
office_type (const char *path)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (office_types); i++)
    if (g_ascii_strcasecmp (dot + 1, office_types[i]) == 0)
      return office_types[i];
  return NULL;
}

/* Whether @path is a presentation LibreOffice has to turn into a PDF first. */
gboolean
mdg_deck_library_needs_conversion (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return office_type (path) != NULL;
}

/**
 * mdg_deck_library_get_folder:
 * @db: a #MdgDatabase
 *
 * Returns: (transfer full): where the deck files live: `decks` beside the database
 */
char *
mdg_deck_library_get_folder (MdgDatabase *db)
{
  g_autofree char *data = g_path_get_dirname (mdg_database_get_path (db));

  return g_build_filename (data, "decks", NULL);
}

static char *
stored_path (MdgDatabase *db,
             const char  *sha256,
             const char  *type)
{
  g_autofree char *folder = mdg_deck_library_get_folder (db);
  g_autofree char *name = g_strconcat (sha256, ".", type, NULL);

  return g_build_filename (folder, name, NULL);
}

/* Returns: (transfer full): the revision's PDF in the data folder */
char *
mdg_deck_library_get_pdf_path (MdgDatabase     *db,
                               MdgDeckRevision *revision)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (MDG_IS_DECK_REVISION (revision), NULL);

  return stored_path (db, mdg_deck_revision_get_sha256 (revision), "pdf");
}

/* Returns: (transfer full) (nullable): the PowerPoint or Impress file the PDF was made from */
char *
mdg_deck_library_get_original_path (MdgDatabase     *db,
                                    MdgDeckRevision *revision)
{
  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (MDG_IS_DECK_REVISION (revision), NULL);

  if (mdg_deck_revision_get_original_sha256 (revision) == NULL)
    return NULL;
  return stored_path (db, mdg_deck_revision_get_original_sha256 (revision),
                      mdg_deck_revision_get_original_type (revision));
}

/**
 * mdg_deck_library_open:
 * @db: a #MdgDatabase
 * @revision: a revision
 * @error: a location for a #GError
 *
 * Opens a revision's PDF, for the calling thread only.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MdgSlideDocument *
mdg_deck_library_open (MdgDatabase      *db,
                       MdgDeckRevision  *revision,
                       GError          **error)
{
  g_autofree char *path = mdg_deck_library_get_pdf_path (db, revision);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   _("The file of revision %u is missing from the data folder (%s). Restore the "
                     "folder from a backup, or import the deck again."),
                   mdg_deck_revision_get_number (revision), path);
      return NULL;
    }
  return mdg_slide_document_new (path, error);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Removes a folder and everything in it. */
static void
remove_file_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                               NULL, NULL);

  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        remove_file_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_file_tree (file);
}

/* ---- LibreOffice ---------------------------------------------------------------- */

static void
own_process_group (gpointer user_data)
{
  /* LibreOffice starts helpers of its own: a timeout must be able to stop them all. */
  setpgid (0, 0);
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static char *
log_tail (const char *log_path)
{
  g_autofree char *log = NULL;
  gsize length = 0;

  if (!g_file_get_contents (log_path, &log, &length, NULL) || length == 0)
    return g_strdup ("");
  g_strstrip (log);
  if (strlen (log) > 400)
    return g_strdup (log + strlen (log) - 400);
  return g_steal_pointer (&log);
}

/* Converts @path with `soffice --headless --convert-to pdf` in @workdir; waits at most
 * @timeout seconds. Returns the PDF's contents. Runs in a worker thread. */
static GBytes *
convert_with_libreoffice (const char    *path,
                          const char    *type,
                          const char    *workdir,
                          guint          timeout,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *input_name = g_strconcat ("deck.", type, NULL);
  g_autofree char *input = g_build_filename (workdir, input_name, NULL);
  g_autofree char *outdir = g_build_filename (workdir, "out", NULL);
  g_autofree char *output = g_build_filename (outdir, "deck.pdf", NULL);
  g_autofree char *log_path = g_build_filename (workdir, "soffice.log", NULL);
  g_autofree char *profile = g_build_filename (workdir, "profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *profile_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (input);
  gboolean done = FALSE, timed_out = FALSE;
  GMappedFile *mapped;
  GBytes *bytes;

  if (soffice == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   _("“%s” is a PowerPoint or Impress file, and LibreOffice, which converts it to PDF, "
                     "is not installed. In PowerPoint choose File › Export › PDF (in Impress, File › "
                     "Export as PDF) and import the PDF, or install LibreOffice."),
                   name);
      return NULL;
    }

  /* A fixed name: LibreOffice names its output after its input, whatever that holds. */
  if (!g_file_copy (source, copy, G_FILE_COPY_NONE, cancellable, NULL, NULL, &local_error))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("Could not read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_child_setup (launcher, own_process_group, NULL, NULL);
  /* A profile of its own: with the user's, a LibreOffice already open would take the
   * job over and this one would return at once with nothing converted. */
  process = g_subprocess_launcher_spawn (launcher, &local_error, soffice, "--headless", "--norestore",
                                         "--nologo", "--nolockcheck", profile_arg, "--convert-to", "pdf",
                                         "--outdir", outdir, input, NULL);
  if (process == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not start LibreOffice to convert “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  g_subprocess_wait_async (process, NULL, wait_done_cb, &done);
  timer = g_timeout_source_new_seconds (timeout);
  g_source_set_callback (timer, timed_out_cb, &timed_out, NULL);
  g_source_attach (timer, context);
  while (!done && !timed_out && !g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (context, TRUE);

  if (!done)
    {
      const char *pid = g_subprocess_get_identifier (process);

      if (pid != NULL)
        kill (-(pid_t) atoi (pid), SIGKILL);
      g_subprocess_force_exit (process);
      while (!done)
        g_main_context_iteration (context, TRUE);
    }
  g_source_destroy (timer);
  g_main_context_pop_thread_default (context);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (timed_out)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("LibreOffice took longer than %u seconds to convert “%s” and was stopped. Export "
                     "the presentation as PDF yourself and import the PDF."),
                   timeout, name);
      return NULL;
    }
  if (!g_subprocess_get_successful (process) || !g_file_test (output, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *tail = log_tail (log_path);

      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("LibreOffice could not convert “%s” to PDF%s%s. Open it in PowerPoint or Impress, "
                     "export it as PDF and import the PDF."),
                   name, *tail ? ": " : "", tail);
      return NULL;
    }

  mapped = g_mapped_file_new (output, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not read the PDF LibreOffice made of “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }
  bytes = g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  g_mapped_file_unref (mapped);
  return bytes;
}

/* ---- Import ------------------------------------------------------------------- */

/* Every page's label, text and rendering hash: what later revisions are matched by. */
static GPtrArray *
inspect_pages (MdgSlideDocument  *document,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_slide_page_free);
  guint n_pages = mdg_slide_document_get_n_pages (document);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *label = mdg_slide_document_get_label (document, i);
      g_autofree char *text = mdg_slide_document_get_text (document, i);
      g_autofree char *hash = mdg_slide_document_render_hash (document, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_ptr_array_add (pages, mdg_slide_page_new (i + 1, label, text, hash));
    }
  return g_steal_pointer (&pages);
}

/* Stores @bytes as <sha256>.<type> unless it is there already; says whether it wrote. */
static gboolean
store_file (MdgDatabase  *db,
            GBytes       *bytes,
            const char   *sha256,
            const char   *type,
            gboolean     *written,
            GError      **error)
{
  g_autofree char *path = stored_path (db, sha256, type);
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!mdg_file_store_private (path, data, length, written, &local_error))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not store the slide file: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
default_title (MdgSlideDocument *document,
               const char       *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/**
 * mdg_deck_library_import:
 * @db: a #MdgDatabase (the calling thread's connection)
 * @path: a PDF, or a .pptx, .ppt or .odp file for LibreOffice to convert
 * @options: the deck it belongs to (or the new deck's title) and the change note
 * @n_carried: (out) (optional): explanatory texts carried over from the previous revision
 * @n_review: (out) (optional): texts that found no slide and wait for review
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Imports a file as a new deck or as the next revision of one. Blocks for as long as
 * reading, converting and rendering every page takes: call it from a worker (see
 * mdg_deck_library_import_async()) or a command-line tool. Whatever goes wrong, the
 * database and the data folder are left as they were.
 *
 * Returns: (transfer full): the new revision, or %NULL with @error set
 */
MdgDeckRevision *
mdg_deck_library_import (MdgDatabase                 *db,
                         const char                  *path,
                         const MdgDeckImportOptions  *options,
                         guint                       *n_carried,
                         guint                       *n_review,
                         GCancellable                *cancellable,
                         GError                     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *original_sha256 = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(MdgSlideDocument) document = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) local_error = NULL;
  MdgDeckRevision *revision;
  MdgRevisionDraft draft = { 0 };
  const char *type;
  gboolean wrote_pdf = FALSE, wrote_original = FALSE;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  name = g_filename_display_basename (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  type = office_type (path);
  if (type != NULL)
    {
      original = g_bytes_new_take (contents, length);
      workdir = g_dir_make_tmp ("madoguchi-convert-XXXXXX", &local_error);
      if (workdir == NULL)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED, _("Could not prepare the conversion: %s"),
                       local_error->message);
          return NULL;
        }
      pdf = convert_with_libreoffice (path, type, workdir,
                                      options->timeout ? options->timeout : MDG_DECK_CONVERSION_TIMEOUT,
                                      cancellable, error);
      /* The work folder holds a copy of the presentation and LibreOffice's profile. */
      remove_tree (workdir);
      if (pdf == NULL)
        return NULL;
    }
  else
    pdf = g_bytes_new_take (contents, length);

  document = mdg_slide_document_new_from_bytes (pdf, name, error);
  if (document == NULL)
    return NULL;
  pages = inspect_pages (document, cancellable, error);
  if (pages == NULL)
    return NULL;

  sha256 = sha256_of (pdf);
  if (original != NULL)
    original_sha256 = sha256_of (original);
  title = options->title && *options->title ? g_strdup (options->title) : default_title (document, path);

  if (!store_file (db, pdf, sha256, "pdf", &wrote_pdf, error) ||
      (original != NULL && !store_file (db, original, original_sha256, type, &wrote_original, error)))
    goto undo;

  draft.deck_id = options->deck_id;
  draft.title = title;
  draft.change_note = options->change_note;
  draft.sha256 = sha256;
  draft.source_name = name;
  draft.original_sha256 = original_sha256;
  draft.original_type = original ? type : NULL;
  draft.pages = pages;
  revision = mdg_deck_store_add_revision (db, &draft, n_carried, n_review, error);
  if (revision != NULL)
    return revision;

undo:
  /* Files written for this import and used by nobody else go again. */
  if (wrote_pdf && !mdg_deck_store_uses_file (db, sha256))
    {
      g_autofree char *stored = stored_path (db, sha256, "pdf");
      g_remove (stored);
    }
  if (wrote_original && !mdg_deck_store_uses_file (db, original_sha256))
    {
      g_autofree char *stored = stored_path (db, original_sha256, type);
      g_remove (stored);
    }
  return NULL;
}

typedef struct
{
  char                 *path;
  MdgDeckImportOptions  options;
  char                 *title;
  char                 *change_note;
  guint                 n_carried;
  guint                 n_review;
} ImportTask;

static void
import_task_free (ImportTask *import)
{
  g_free (import->path);
  g_free (import->title);
  g_free (import->change_note);
  g_free (import);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *import = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  GError *error = NULL;
  MdgDeckRevision *revision;

  connection = _mdg_database_open_worker (source_object, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  revision = mdg_deck_library_import (connection, import->path, &import->options, &import->n_carried,
                                      &import->n_review, cancellable, &error);
  if (revision == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, revision, g_object_unref);
}

/**
 * mdg_deck_library_import_async:
 * @db: a #MdgDatabase
 * @path: the file to import
 * @options: as for mdg_deck_library_import(); copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the calling thread's main context when the import is done
 * @user_data: data for @callback
 *
 * mdg_deck_library_import() in a worker thread on a connection of its own.
 */
void
mdg_deck_library_import_async (MdgDatabase                *db,
                               const char                 *path,
                               const MdgDeckImportOptions *options,
                               GCancellable               *cancellable,
                               GAsyncReadyCallback         callback,
                               gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *import;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (path != NULL && options != NULL);

  import = g_new0 (ImportTask, 1);
  import->path = g_strdup (path);
  import->options = *options;
  import->title = g_strdup (options->title);
  import->change_note = g_strdup (options->change_note);
  import->options.title = import->title;
  import->options.change_note = import->change_note;

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_deck_library_import_async);
  g_task_set_task_data (task, import, (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * mdg_deck_library_import_finish:
 * @db: a #MdgDatabase
 * @result: the result given to the callback
 * @n_carried: (out) (optional): explanatory texts carried over
 * @n_review: (out) (optional): texts waiting for review
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the new revision, or %NULL with @error set
 */
MdgDeckRevision *
mdg_deck_library_import_finish (MdgDatabase   *db,
                                GAsyncResult  *result,
                                guint         *n_carried,
                                guint         *n_review,
                                GError       **error)
{
  ImportTask *import;

  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_deck_library_import_async, NULL);

  import = g_task_get_task_data (G_TASK (result));
  if (n_carried)
    *n_carried = import->n_carried;
  if (n_review)
    *n_review = import->n_review;
  return g_task_propagate_pointer (G_TASK (result), error);
}
