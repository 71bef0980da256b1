/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-error.h"
#include "mdg-file-private.h"

/*
 * Every file Madoguchi writes for the user may hold personal data: exports (PDF,
 * CSV, JSON, iCalendar, e-mail, EPUB, web pages), backups, and the files of the data
 * folder (decks, thumbnails). Each is written to a temporary file beside its
 * target, created with mode 0600 whatever the umask, flushed to the disk, and only
 * then renamed over the target. So an existing 0644 file is replaced by a 0600 one,
 * and an export that fails half-way (a full disk, a crash) leaves the old file as
 * it was.
 */

struct _MdgFileWriter
{
  char   *path;
  char   *temp;
  int     fd;
  /* The first write that failed: writers called back by other libraries (cairo's
   * streams) cannot return a GError, so it waits here for mdg_file_writer_commit(). */
  GError *error;
};

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file name, then why (from the system) */
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
}

/* A name in the target's folder, so that the rename stays on one file system. */
static char *
temp_template (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_build_filename (folder, ".madoguchi-XXXXXX.part", NULL);
}

static int
create_temp (const char  *path,
             char       **temp,
             GError     **error)
{
  g_autofree char *name = temp_template (path);
  int fd;

  /* mkstemp creates the file with exactly 0600: the umask can only remove bits. */
  fd = g_mkstemp_full (name, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, path);
      return -1;
    }
  *temp = g_steal_pointer (&name);
  return fd;
}

/* After a rename, the folder's entry must reach the disk too. */
static void
sync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

char *
_mdg_file_create_temp (const char  *path,
                       GError     **error)
{
  char *temp = NULL;
  int fd = create_temp (path, &temp, error);

  if (fd < 0)
    return NULL;
  /* A new inode nobody else has open: closing it cannot drop anyone's locks. */
  close (fd);
  return temp;
}

gboolean
_mdg_file_commit_temp (const char  *temp,
                       const char  *path,
                       GError     **error)
{
  if (g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      set_io_error (error, saved, path);
      return FALSE;
    }
  sync_folder (path);
  return TRUE;
}

/**
 * mdg_file_writer_new:
 * @path: the file to write; replaced when it exists
 * @error: a location for a #GError
 *
 * Starts writing @path through a temporary 0600 file beside it. Nothing is visible
 * at @path until mdg_file_writer_commit(); mdg_file_writer_free() without a commit
 * removes the temporary file and leaves @path as it was.
 *
 * Returns: (transfer full): a writer, or %NULL with @error set (the folder is
 *   missing or cannot be written)
 */
MdgFileWriter *
mdg_file_writer_new (const char  *path,
                     GError     **error)
{
  MdgFileWriter *self;
  char *temp = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = create_temp (path, &temp, error);
  if (fd < 0)
    return NULL;

  self = g_new0 (MdgFileWriter, 1);
  self->path = g_strdup (path);
  self->temp = temp;
  self->fd = fd;
  return self;
}

/**
 * mdg_file_writer_write:
 * @self: a #MdgFileWriter
 * @data: (array length=length): bytes
 * @length: how many
 * @error: (nullable): a location for a #GError; when %NULL, the first failure is
 *   kept and reported by mdg_file_writer_commit()
 *
 * Returns: whether all of @data was written
 */
gboolean
mdg_file_writer_write (MdgFileWriter  *self,
                       const void     *data,
                       gsize           length,
                       GError        **error)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->error);
      return FALSE;
    }

  while (length > 0)
    {
      gssize written = write (self->fd, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          set_io_error (&self->error, written < 0 ? errno : ENOSPC, self->path);
          if (error != NULL)
            *error = g_error_copy (self->error);
          return FALSE;
        }
      p += written;
      length -= written;
    }
  return TRUE;
}

/**
 * mdg_file_writer_commit:
 * @self: a #MdgFileWriter
 * @error: a location for a #GError
 *
 * Flushes the temporary file to the disk and renames it over the target. After a
 * failure the target is as it was; free the writer either way.
 *
 * Returns: whether the file is in place
 */
gboolean
mdg_file_writer_commit (MdgFileWriter  *self,
                        GError        **error)
{
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->temp != NULL, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  fd = self->fd;
  self->fd = -1;
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      set_io_error (error, errno, self->path);
      return FALSE;
    }

  if (!_mdg_file_commit_temp (self->temp, self->path, error))
    return FALSE;
  g_clear_pointer (&self->temp, g_free);
  return TRUE;
}

/**
 * mdg_file_writer_free:
 * @self: (transfer full): a #MdgFileWriter
 *
 * Frees the writer; when it was not committed, the temporary file is removed and
 * the target left untouched.
 */
void
mdg_file_writer_free (MdgFileWriter *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  if (self->temp != NULL)
    g_unlink (self->temp);
  g_clear_error (&self->error);
  g_free (self->temp);
  g_free (self->path);
  g_free (self);
}

/**
 * mdg_file_write_private:
 * @path: the file to write; replaced when it exists
 * @data: (array length=length): its contents
 * @length: their length
 * @error: a location for a #GError
 *
 * Writes a whole file that may hold personal data: mode 0600, replaced atomically.
 *
 * Returns: whether the file is in place
 */
gboolean
mdg_file_write_private (const char  *path,
                        const void  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(MdgFileWriter) writer = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  writer = mdg_file_writer_new (path, error);
  return writer != NULL && mdg_file_writer_write (writer, data, length, error) &&
         mdg_file_writer_commit (writer, error);
}

/**
 * mdg_file_copy_private:
 * @source: the file to copy
 * @path: the copy; replaced when it exists
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Copies @source as mdg_file_write_private() writes: mode 0600, replaced atomically,
 * read and written a piece at a time.
 *
 * Returns: whether the copy is in place
 */
gboolean
mdg_file_copy_private (const char    *source,
                       const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(MdgFileWriter) writer = NULL;
  g_autofree char *buffer = NULL;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (source);
  if (!(in = g_file_read (file, cancellable, error)) || !(writer = mdg_file_writer_new (path, error)))
    return FALSE;
  buffer = g_malloc (64 * 1024);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, 64 * 1024, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (!mdg_file_writer_write (writer, buffer, n, error))
        return FALSE;
    }
  return mdg_file_writer_commit (writer, error);
}

/**
 * mdg_file_store_private:
 * @path: a file of the data folder named after its contents (their SHA-256)
 * @data: (array length=length): the contents
 * @length: their length
 * @written: (out) (optional): whether @path was written now
 * @error: a location for a #GError
 *
 * Keeps a content-addressed file (a deck's PDF): written as mdg_file_write_private()
 * writes, its folder created 0700, unless it is there already — the same name holds
 * the same contents.
 *
 * Returns: whether the file is in place
 */
gboolean
mdg_file_store_private (const char  *path,
                        const void  *data,
                        gsize        length,
                        gboolean    *written,
                        GError     **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (written != NULL)
    *written = FALSE;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  if (!mdg_file_write_private (path, data, length, error))
    return FALSE;
  if (written != NULL)
    *written = TRUE;
  return TRUE;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *file = source_object;
  GBytes *bytes = task_data;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (g_file_peek_path (file) != NULL)
    ok = mdg_file_write_private (g_file_peek_path (file), data, length, &error);
  else
    /* A location without a local path (a remote folder): GIO's own temporary file. */
    ok = g_file_replace_contents (file, data, length, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable,
                                  &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mdg_file_write_private_async:
 * @file: the file to write; replaced when it exists
 * @bytes: its contents
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when done
 * @user_data: for @callback
 *
 * mdg_file_write_private() in a worker thread, for windows.
 */
void
mdg_file_write_private_async (GFile               *file,
                              GBytes              *bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_file_write_private_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_thread);
}

gboolean
mdg_file_write_private_finish (GFile         *file,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_file_write_private_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
