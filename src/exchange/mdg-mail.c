/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-mail"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mdg-consultation-store.h"
#include "mdg-database-private.h"
#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-gmime-private.h"
#include "mdg-sql-named-private.h"
#include "mdg-mail.h"
#include "mdg-person-store.h"

/* GMime 3.2 defines no autoptr cleanups, and later versions may: aliases keep both apart. */
typedef GMimeStream MdgGMimeStream;
typedef GMimeParser MdgGMimeParser;
typedef GMimeMessage MdgGMimeMessage;
typedef InternetAddressList MdgInternetAddressList;
typedef GMimeTextPart MdgGMimeTextPart;
typedef GMimeDataWrapper MdgGMimeDataWrapper;
typedef GMimeReferences MdgGMimeReferences;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgGMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgGMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgGMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgInternetAddressList, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgGMimeTextPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgGMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgGMimeReferences, _mdg_gmime.references_free)

/*
 * GMime reads the structure: headers, MIME parts, transfer encodings, addresses,
 * attachment names (RFC 2231 included). The text of each part and of the Subject and
 * From headers goes through mdg_mail_decode_text() (see mdg-mail-text.c) so that the
 * charsets Japanese mail really uses come out whole.
 */

struct _MdgMailMessage
{
  char      *from_name;
  char      *from_address;
  char      *to;
  char      *subject;
  char      *body;
  gboolean   body_was_html;
  GDateTime *date;
  char      *message_id;
  char      *in_reply_to;
  char      *references;    /* the References header, message-ids in <>, space-separated */
  GPtrArray *attachments;   /* MdgMailAttachment */
};

void
mdg_mail_attachment_free (MdgMailAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

void
mdg_mail_message_free (MdgMailMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->from_name);
  g_free (message->from_address);
  g_free (message->to);
  g_free (message->subject);
  g_free (message->body);
  g_clear_pointer (&message->date, g_date_time_unref);
  g_free (message->message_id);
  g_free (message->in_reply_to);
  g_free (message->references);
  g_clear_pointer (&message->attachments, g_ptr_array_unref);
  g_free (message);
}

/* The decoded bytes of a leaf part (transfer encoding undone). */
static GBytes *
part_bytes (GMimePart *part)
{
  GMimeDataWrapper *content = _mdg_gmime.part_get_content (part);
  g_autoptr(MdgGMimeStream) stream = NULL;
  GByteArray *array;

  if (content == NULL)
    return g_bytes_new (NULL, 0);
  stream = _mdg_gmime.stream_mem_new ();
  _mdg_gmime.data_wrapper_write_to_stream (content, stream);
  array = _mdg_gmime.stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static char *
part_text (GMimePart *part)
{
  g_autoptr(GBytes) bytes = part_bytes (part);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return mdg_mail_decode_text (data ? data : "", length,
                               _mdg_gmime.object_get_content_type_parameter (GMIME_OBJECT (part), "charset"));
}

static gboolean
is_attachment (GMimeObject *object)
{
  GMimeContentDisposition *disposition = _mdg_gmime.object_get_content_disposition (object);

  if (disposition != NULL && _mdg_gmime.content_disposition_is_attachment (disposition))
    return TRUE;
  return GMIME_IS_PART (object) && _mdg_gmime.part_get_filename (GMIME_PART (object)) != NULL;
}

static void
add_attachment (MdgMailMessage *message,
                GMimeObject    *object)
{
  MdgMailAttachment *attachment = g_new0 (MdgMailAttachment, 1);
  GMimeContentType *type = _mdg_gmime.object_get_content_type (object);

  attachment->content_type = _mdg_gmime.content_type_get_mime_type (type);
  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = _mdg_gmime.message_part_get_message (GMIME_MESSAGE_PART (object));
      g_autoptr(MdgGMimeStream) stream = _mdg_gmime.stream_mem_new ();
      GByteArray *array;

      /* A forwarded message: kept as an .eml of its own, named after its subject. */
      if (inner != NULL)
        _mdg_gmime.object_write_to_stream (GMIME_OBJECT (inner), NULL, stream);
      array = _mdg_gmime.stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
      attachment->data = g_bytes_new (array->data, array->len);
      attachment->filename = g_strdup_printf ("%s.eml", inner && _mdg_gmime.message_get_subject (inner)
                                                          ? _mdg_gmime.message_get_subject (inner)
                                                          : "message");
    }
  else
    {
      const char *name = _mdg_gmime.part_get_filename (GMIME_PART (object));

      attachment->data = part_bytes (GMIME_PART (object));
      /* Translators: the name of an attachment that has none */
      attachment->filename = g_strdup (name ? name : _("unnamed"));
      /* A name left encoded (some mailers quote encoded-words) is decoded here. */
      if (strstr (attachment->filename, "=?"))
        {
          g_autofree char *decoded = mdg_mail_decode_header (attachment->filename);
          g_free (attachment->filename);
          attachment->filename = g_steal_pointer (&decoded);
        }
    }
  attachment->size = g_bytes_get_size (attachment->data);
  g_ptr_array_add (message->attachments, attachment);
}

/*
 * Walks the MIME tree: the first text part that is not an attachment is the body
 * (text/plain preferred within multipart/alternative, HTML converted when it is all
 * there is); every other leaf with a name is an attachment.
 */
static void
walk_part (MdgMailMessage *message,
           GMimeObject    *object,
           GString        *plain,
           GString        *html)
{
  GMimeContentType *type = _mdg_gmime.object_get_content_type (object);

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = _mdg_gmime.multipart_get_count (multipart);

      if (_mdg_gmime.content_type_is_type (type, "multipart", "alternative"))
        {
          GMimeObject *best = NULL;

          for (int i = 0; i < n; i++)
            {
              GMimeObject *child = _mdg_gmime.multipart_get_part (multipart, i);
              GMimeContentType *child_type = _mdg_gmime.object_get_content_type (child);

              if (_mdg_gmime.content_type_is_type (child_type, "text", "plain") && plain->len == 0)
                best = child;
              else if (best == NULL && !is_attachment (child))
                best = child;
            }
          for (int i = 0; i < n; i++)
            {
              GMimeObject *child = _mdg_gmime.multipart_get_part (multipart, i);

              if (child == best)
                walk_part (message, child, plain, html);
              else if (is_attachment (child))
                add_attachment (message, child);
            }
          return;
        }
      for (int i = 0; i < n; i++)
        walk_part (message, _mdg_gmime.multipart_get_part (multipart, i), plain, html);
      return;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      add_attachment (message, object);
      return;
    }
  if (!GMIME_IS_PART (object))
    return;

  if (!is_attachment (object) && _mdg_gmime.content_type_is_type (type, "text", "plain"))
    {
      g_autofree char *text = part_text (GMIME_PART (object));

      if (plain->len > 0)
        g_string_append (plain, "\n\n");
      g_string_append (plain, text);
    }
  else if (!is_attachment (object) && _mdg_gmime.content_type_is_type (type, "text", "html"))
    {
      g_autofree char *text = part_text (GMIME_PART (object));

      if (html->len > 0)
        g_string_append (html, "\n");
      g_string_append (html, text);
    }
  else if (is_attachment (object) || !_mdg_gmime.content_type_is_type (type, "multipart", "*"))
    add_attachment (message, object);
}

static const char *
raw_header (GMimeObject *object,
            const char  *name)
{
  GMimeHeaderList *headers = _mdg_gmime.object_get_header_list (object);
  GMimeHeader *header = headers ? _mdg_gmime.header_list_get_header (headers, name) : NULL;

  return header ? _mdg_gmime.header_get_raw_value (header) : NULL;
}

/* Reads the sender from the raw From header, decoded with our charsets. */
static void
read_from (MdgMailMessage *message,
           GMimeMessage   *mime)
{
  const char *raw = raw_header (GMIME_OBJECT (mime), "From");
  g_autofree char *decoded = raw ? mdg_mail_decode_header (raw) : NULL;
  g_autoptr(MdgInternetAddressList) list = decoded ? _mdg_gmime.internet_address_list_parse (NULL, decoded) : NULL;
  InternetAddressList *from = list ? list : _mdg_gmime.message_get_from (mime);

  for (int i = 0; from && i < _mdg_gmime.internet_address_list_length (from); i++)
    {
      InternetAddress *address = _mdg_gmime.internet_address_list_get_address (from, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          const char *name = _mdg_gmime.internet_address_get_name (address);

          message->from_address = g_strdup (_mdg_gmime.internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
          message->from_name = name && *name ? g_strstrip (g_strdup (name)) : NULL;
          return;
        }
    }
}

/**
 * mdg_mail_message_parse:
 * @contents: the bytes of an .eml file
 * @filename: the file's name, for messages
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the message, or %NULL with @error naming the file when it
 *   is not an e-mail message
 */
MdgMailMessage *
mdg_mail_message_parse (GBytes      *contents,
                        const char  *filename,
                        GError     **error)
{
  g_autoptr(MdgMailMessage) message = NULL;
  g_autoptr(MdgGMimeStream) stream = NULL;
  g_autoptr(MdgGMimeParser) parser = NULL;
  g_autoptr(MdgGMimeMessage) mime = NULL;
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) html = g_string_new (NULL);
  gsize length;
  const guchar *data = g_bytes_get_data (contents, &length);
  const char *raw;
  const char *problem;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  if ((problem = _mdg_gmime_ensure ()) != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("“%s” cannot be read: the mail library GMime could not be loaded (%s). Reinstall Madoguchi."),
                   filename, problem);
      return NULL;
    }
  if (length > MDG_MAIL_MAX_BYTES)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is too large for an e-mail message (over %u MB)"),
                   filename, MDG_MAIL_MAX_BYTES / 1024 / 1024);
      return NULL;
    }

  stream = _mdg_gmime.stream_mem_new_with_buffer ((const char *) (data ? data : (const guchar *) ""), length);
  parser = _mdg_gmime.parser_new_with_stream (stream);
  mime = _mdg_gmime.parser_construct_message (parser, NULL);
  /* GMime reads almost anything; a message needs at least a sender or a subject. */
  if (mime == NULL || (raw_header (GMIME_OBJECT (mime), "From") == NULL &&
                       raw_header (GMIME_OBJECT (mime), "Subject") == NULL))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("“%s” is not an e-mail message: it has no From or Subject header. Save the mail from your mail "
                     "program as an .eml file and try again."),
                   filename);
      return NULL;
    }

  message = g_new0 (MdgMailMessage, 1);
  message->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_mail_attachment_free);
  read_from (message, mime);
  if ((raw = raw_header (GMIME_OBJECT (mime), "Subject")))
    message->subject = mdg_mail_decode_header (raw);
  if ((raw = raw_header (GMIME_OBJECT (mime), "To")))
    message->to = mdg_mail_decode_header (raw);
  if (_mdg_gmime.message_get_date (mime))
    message->date = g_date_time_to_local (_mdg_gmime.message_get_date (mime));
  message->message_id = g_strdup (_mdg_gmime.message_get_message_id (mime));
  if ((raw = _mdg_gmime.object_get_header (GMIME_OBJECT (mime), "In-Reply-To")))
    message->in_reply_to = g_strstrip (g_strdup (raw));
  if ((raw = _mdg_gmime.object_get_header (GMIME_OBJECT (mime), "References")))
    {
      g_autoptr(MdgGMimeReferences) references = _mdg_gmime.references_parse (NULL, raw);
      g_autoptr(GString) text = g_string_new (NULL);

      for (int i = 0; references && i < _mdg_gmime.references_length (references); i++)
        g_string_append_printf (text, "%s<%s>", text->len ? " " : "", _mdg_gmime.references_get_message_id (references, i));
      message->references = text->len ? g_strdup (text->str) : NULL;
    }

  if (_mdg_gmime.message_get_mime_part (mime) != NULL)
    walk_part (message, _mdg_gmime.message_get_mime_part (mime), plain, html);
  if (plain->len > 0)
    message->body = g_strdup (plain->str);
  else if (html->len > 0)
    {
      message->body = mdg_mail_html_to_text (html->str, html->len);
      message->body_was_html = TRUE;
    }
  if (message->body != NULL)
    {
      /* Line ends as a text view shows them; trailing blank lines dropped. */
      g_autoptr(GRegex) crlf = g_regex_new ("\r\n?", 0, 0, NULL);
      g_autofree char *lf = g_regex_replace_literal (crlf, message->body, -1, 0, "\n", 0, NULL);

      g_free (message->body);
      message->body = g_strchomp (g_steal_pointer (&lf));
    }
  return g_steal_pointer (&message);
}

/* Reads and parses an .eml file; see mdg_mail_message_parse(). */
MdgMailMessage *
mdg_mail_message_load (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0 && st.st_size > MDG_MAIL_MAX_BYTES)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("“%s” is too large for an e-mail message (over %u MB)"),
                   path, MDG_MAIL_MAX_BYTES / 1024 / 1024);
      return NULL;
    }
  file = g_file_new_for_path (path);
  if (!(contents = g_file_load_bytes (file, NULL, NULL, error)))
    return NULL;
  name = g_path_get_basename (path);
  return mdg_mail_message_parse (contents, name, error);
}

#define GETTER(member)                                                             \
  const char *mdg_mail_message_get_##member (MdgMailMessage *message)              \
  {                                                                                \
    g_return_val_if_fail (message != NULL, NULL);                                  \
    return message->member;                                                        \
  }

GETTER (from_name)
GETTER (from_address)
GETTER (to)
GETTER (subject)
GETTER (body)
GETTER (message_id)
GETTER (references)

gboolean
mdg_mail_message_get_body_was_html (MdgMailMessage *message)
{
  g_return_val_if_fail (message != NULL, FALSE);
  return message->body_was_html;
}

/* Returns: (nullable) (transfer none): when it was sent, in local time */
GDateTime *
mdg_mail_message_get_date (MdgMailMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->date;
}

/* Returns: (transfer none) (element-type MdgMailAttachment): its attachments, in order */
GPtrArray *
mdg_mail_message_get_attachments (MdgMailMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->attachments;
}

/**
 * mdg_mail_message_dup_sender:
 * @message: a message
 *
 * The sender as a new person to offer: the display name split into family and given
 * name (Japanese names family first, Latin ones family last), and the address.
 *
 * Returns: (transfer full) (nullable): a person not yet saved; %NULL without a sender
 */
MdgPerson *
mdg_mail_message_dup_sender (MdgMailMessage *message)
{
  g_autoptr(MdgPerson) person = NULL;
  g_auto(GStrv) parts = NULL;
  guint n;

  g_return_val_if_fail (message != NULL, NULL);

  if (message->from_address == NULL)
    return NULL;
  person = mdg_person_new ();
  mdg_person_set_text (person, MDG_PERSON_EMAIL, message->from_address);
  if (message->from_name == NULL)
    {
      g_autofree char *local = g_strndup (message->from_address, strcspn (message->from_address, "@"));
      mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, local);
      return g_steal_pointer (&person);
    }

  {
    g_autofree char *name = g_strdup (message->from_name);

    /* Ideographic spaces separate Japanese names as often as ASCII ones. */
    g_strdelimit (name, "\t", ' ');
    for (char *p; (p = strstr (name, "　"));)
      memcpy (p, "  ", 3), p[2] = ' ';
    parts = g_strsplit (g_strstrip (name), " ", -1);
  }
  {
    g_autoptr(GPtrArray) words = g_ptr_array_new ();

    for (guint i = 0; parts[i]; i++)
      if (*parts[i])
        g_ptr_array_add (words, parts[i]);
    n = words->len;
    if (n == 1)
      mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, words->pdata[0]);
    else if (n >= 2 && g_str_is_ascii (message->from_name))
      {
        g_ptr_array_add (words, NULL);
        mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, words->pdata[n - 1]);
        words->pdata[n - 1] = NULL;
        {
          g_autofree char *given = g_strjoinv (" ", (char **) words->pdata);
          mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, given);
        }
      }
    else if (n >= 2)
      {
        g_ptr_array_add (words, NULL);
        mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, words->pdata[0]);
        {
          g_autofree char *given = g_strjoinv (" ", (char **) words->pdata + 1);
          mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, given);
        }
      }
  }
  return g_steal_pointer (&person);
}

/**
 * mdg_mail_find_sender:
 * @db: a #MdgDatabase
 * @message: a message
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type MdgPerson): the people with the sender's
 *   address (in any case), to link or to offer
 */
GPtrArray *
mdg_mail_find_sender (MdgDatabase     *db,
                      MdgMailMessage  *message,
                      GError         **error)
{
  g_autoptr(MdgPerson) probe = NULL;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  if (message->from_address == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  /* The address alone: a family name matches nobody when it is unset. */
  probe = mdg_person_new ();
  mdg_person_set_text (probe, MDG_PERSON_EMAIL, message->from_address);
  return mdg_person_store_find_duplicates (db, probe, error);
}

static gboolean
message_id_known (MdgDatabase     *db,
                  MdgMailMessage  *message,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (message->message_id == NULL)
    return FALSE;
  stmt = _mdg_sql_prepare (_mdg_database_get_handle (db), "SELECT consultation_id FROM consultation_mail WHERE message_id = ?",
                           error);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, message->message_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_EXISTS, _("This e-mail was already imported as consultation %lld"),
                   (long long) sqlite3_column_int64 (stmt, 0));
      return TRUE;
    }
  return FALSE;
}

static gboolean
write_mail_rows (MdgDatabase     *db,
                 gint64           consultation_id,
                 MdgMailMessage  *message,
                 gboolean         store_attachments,
                 GError         **error)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(sqlite3_stmt) mail = NULL;
  g_autoptr(sqlite3_stmt) attachment = NULL;

  mail = _mdg_sql_prepare (handle,
                           "INSERT INTO consultation_mail (consultation_id, message_id, in_reply_to, refs, from_name,"
                           " from_address, to_addresses, subject, sent_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (mail == NULL)
    return FALSE;
  sqlite3_bind_int64 (mail, 1, consultation_id);
  _mdg_sql_bind_text (mail, 2, message->message_id);
  _mdg_sql_bind_text (mail, 3, message->in_reply_to);
  _mdg_sql_bind_text (mail, 4, message->references);
  _mdg_sql_bind_text (mail, 5, message->from_name);
  _mdg_sql_bind_text (mail, 6, message->from_address);
  _mdg_sql_bind_text (mail, 7, message->to);
  _mdg_sql_bind_text (mail, 8, message->subject);
  if (message->date)
    sqlite3_bind_int64 (mail, 9, g_date_time_to_unix (message->date));
  _mdg_sql_bind_text (mail, 10, message->body);
  if (!_mdg_sql_step_done (handle, mail, error))
    return FALSE;

  attachment = _mdg_sql_prepare (handle,
                                 "INSERT INTO consultation_attachment (consultation_id, position, filename, content_type,"
                                 " size, data) VALUES (?, ?, ?, ?, ?, ?)",
                                 error);
  if (attachment == NULL)
    return FALSE;
  for (guint i = 0; i < message->attachments->len; i++)
    {
      MdgMailAttachment *a = g_ptr_array_index (message->attachments, i);

      sqlite3_reset (attachment);
      sqlite3_clear_bindings (attachment);
      sqlite3_bind_int64 (attachment, 1, consultation_id);
      sqlite3_bind_int (attachment, 2, i);
      sqlite3_bind_text (attachment, 3, a->filename, -1, SQLITE_STATIC);
      _mdg_sql_bind_text (attachment, 4, a->content_type);
      sqlite3_bind_int64 (attachment, 5, a->size);
      /* Only on request: an attachment may hold anything, and it is personal data. */
      if (store_attachments)
        sqlite3_bind_blob64 (attachment, 6, g_bytes_get_data (a->data, NULL), a->size, SQLITE_STATIC);
      if (!_mdg_sql_step_done (handle, attachment, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * mdg_mail_import:
 * @db: a #MdgDatabase
 * @actor_id: who takes the consultation
 * @message: a parsed message
 * @options: (nullable): whom it is from, whether to create the sender, whether to keep
 *   the attachments' contents
 * @result: (out caller-allocates) (optional): what was recorded
 * @error: a location for a #GError
 *
 * Records an e-mail consultation: channel e-mail, received when it was sent, the
 * subject and body (HTML converted to text), the sender linked by address when one
 * person has it (or the person the user chose, or a new one when asked), the headers
 * a reply needs, and the attachments by name and size. The same message (by its
 * Message-ID) is not imported twice. All or nothing.
 */
gboolean
mdg_mail_import (MdgDatabase                 *db,
                 gint64                       actor_id,
                 MdgMailMessage              *message,
                 const MdgMailImportOptions  *options,
                 MdgMailImportResult         *result,
                 GError                     **error)
{
  static const MdgMailImportOptions defaults = { 0 };
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(MdgPerson) new_person = NULL;
  MdgMailImportResult local = { 0 };
  gint64 id;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (message_id_known (db, message, error))
    return FALSE;
  if (!(matches = mdg_mail_find_sender (db, message, error)))
    return FALSE;
  local.matching_people = matches->len;

  consultation = mdg_consultation_new (MDG_CHANNEL_EMAIL);
  if (message->date)
    mdg_consultation_set_received_at (consultation, message->date);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, message->subject);
  mdg_consultation_set_text (consultation, MDG_CONSULTATION_QUESTION, message->body);
  if (message->subject == NULL && message->body == NULL)
    /* Translators: the subject of an e-mail consultation with neither subject nor text */
    mdg_consultation_set_text (consultation, MDG_CONSULTATION_SUBJECT, _("(no subject)"));

  if (options->person_id > 0)
    local.person_id = options->person_id;
  else if (matches->len == 1)
    local.person_id = mdg_person_get_id (g_ptr_array_index (matches, 0));
  else if (matches->len == 0 && options->create_person)
    new_person = mdg_mail_message_dup_sender (message);
  mdg_consultation_set_person_id (consultation, local.person_id);

  if (!mdg_database_begin (db, error))
    return FALSE;
  if (!(id = _mdg_consultation_store_insert (db, actor_id, consultation, new_person, error)) ||
      !write_mail_rows (db, id, message, options->store_attachments, error))
    {
      mdg_database_rollback (db);
      return FALSE;
    }
  if (!mdg_database_commit (db, error))
    return FALSE;

  local.consultation_id = id;
  if (new_person != NULL)
    {
      local.person_id = mdg_person_get_id (new_person);
      local.person_created = TRUE;
    }
  if (result != NULL)
    *result = local;
  return TRUE;
}

typedef struct
{
  char                 *path;
  gint64                actor_id;
  MdgMailImportOptions  options;
  MdgMailImportResult   result;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  g_free (data->path);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  g_autoptr(MdgMailMessage) message = NULL;
  GError *error = NULL;

  if (!(message = mdg_mail_message_load (data->path, &error)) ||
      g_task_return_error_if_cancelled (task) ||
      !(connection = _mdg_database_open_worker (source_object, &error)) ||
      !mdg_mail_import (connection, data->actor_id, message, &data->options, &data->result, &error))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * mdg_mail_import_file_async:
 * @db: a #MdgDatabase
 * @actor_id: who takes the consultation
 * @path: an .eml file (opened or dropped on the window)
 * @options: (nullable): as for mdg_mail_import()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is recorded
 * @user_data: data for @callback
 *
 * Reads, parses and records the message in a worker thread on its own connection.
 */
void
mdg_mail_import_file_async (MdgDatabase                 *db,
                            gint64                       actor_id,
                            const char                  *path,
                            const MdgMailImportOptions  *options,
                            GCancellable                *cancellable,
                            GAsyncReadyCallback          callback,
                            gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *data;

  g_return_if_fail (MDG_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  data = g_new0 (ImportTask, 1);
  data->path = g_strdup (path);
  data->actor_id = actor_id;
  if (options != NULL)
    data->options = *options;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_mail_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
mdg_mail_import_file_finish (MdgDatabase          *db,
                             GAsyncResult         *result,
                             MdgMailImportResult  *import_result,
                             GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mdg_mail_import_file_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (import_result != NULL)
    *import_result = ((ImportTask *) g_task_get_task_data (G_TASK (result)))->result;
  return TRUE;
}

/* What a reply quotes and answers: the stored e-mail, or the consultation itself. */
typedef struct
{
  char      *message_id;
  char      *references;
  char      *from_name;
  char      *address;
  char      *subject;
  char      *body;
  GDateTime *sent_at;
} Original;

static void
original_clear (Original *original)
{
  g_free (original->message_id);
  g_free (original->references);
  g_free (original->from_name);
  g_free (original->address);
  g_free (original->subject);
  g_free (original->body);
  g_clear_pointer (&original->sent_at, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Original, original_clear)

static gboolean
load_original (MdgDatabase      *db,
               MdgConsultation  *consultation,
               Original         *original,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mdg_sql_prepare (_mdg_database_get_handle (db),
                                                   "SELECT message_id, refs, from_name, from_address, subject, body,"
                                                   " sent_at FROM consultation_mail WHERE consultation_id = ?",
                                                   error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mdg_consultation_get_id (consultation));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      original->message_id = _mdg_sql_column_dup_or_null (stmt, 0);
      original->references = _mdg_sql_column_dup_or_null (stmt, 1);
      original->from_name = _mdg_sql_column_dup_or_null (stmt, 2);
      original->address = _mdg_sql_column_dup_or_null (stmt, 3);
      original->subject = _mdg_sql_column_dup_or_null (stmt, 4);
      original->body = _mdg_sql_column_dup_or_null (stmt, 5);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        original->sent_at = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 6));
    }

  /* A consultation by phone or form is answered by mail too, when the person has an address. */
  if (original->address == NULL)
    original->address = g_strdup (mdg_consultation_get_text (consultation, MDG_CONSULTATION_PERSON_EMAIL));
  if (original->from_name == NULL)
    original->from_name = g_strdup (mdg_consultation_get_text (consultation, MDG_CONSULTATION_PERSON));
  if (original->subject == NULL)
    original->subject = g_strdup (mdg_consultation_get_text (consultation, MDG_CONSULTATION_SUBJECT));
  if (original->body == NULL)
    original->body = g_strdup (mdg_consultation_get_text (consultation, MDG_CONSULTATION_QUESTION));
  if (original->sent_at == NULL)
    original->sent_at = g_date_time_ref (mdg_consultation_get_received_at (consultation));

  if (original->address == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("Consultation %lld has no e-mail address to reply to: add one to the person first"),
                   (long long) mdg_consultation_get_id (consultation));
      return FALSE;
    }
  return TRUE;
}

/* The reply's text: the answer, the signature, then the original quoted. */
static char *
compose_body (MdgConsultation      *consultation,
              const MdgDeskContact *desk,
              Original             *original)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *signature = mdg_desk_contact_format (desk);
  g_autofree char *date = g_date_time_format (original->sent_at, "%Y/%m/%d %H:%M");
  const char *specialist = mdg_consultation_get_text (consultation, MDG_CONSULTATION_ASSIGNEE);
  g_auto(GStrv) lines = NULL;

  if (original->from_name)
    /* Translators: the salutation of a reply; %s is the person's name (様 in Japanese) */
    g_string_append_printf (body, _("Dear %s,"), original->from_name), g_string_append (body, "\n\n");
  g_string_append (body, mdg_consultation_get_text (consultation, MDG_CONSULTATION_ANSWER));
  g_string_append (body, "\n\n-- \n");
  if (specialist)
    g_string_append_printf (body, "%s\n", specialist);
  if (*signature)
    g_string_append_printf (body, "%s\n", signature);

  g_string_append_c (body, '\n');
  /* Translators: the line before the quoted original of a reply: the date, then the sender */
  g_string_append_printf (body, _("On %s, %s wrote:"), date, original->from_name ? original->from_name : original->address);
  g_string_append_c (body, '\n');
  lines = g_strsplit (original->body ? original->body : "", "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (body, ">%s%s\n", *lines[i] && lines[i][0] != '>' ? " " : "", lines[i]);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * mdg_mail_write_reply:
 * @db: a #MdgDatabase
 * @actor_id: who writes the reply
 * @consultation: an answered consultation
 * @path: the .eml file to write (mode 0600: it holds personal data)
 * @charset: %MDG_MAIL_CHARSET_AUTO, or the charset to use
 * @used: (out) (optional): the charset used
 * @error: a location for a #GError
 *
 * Writes the answer as a reply for the user's mail program to send: from the desk's
 * address, to the sender, "Re:" its subject, In-Reply-To and References, the
 * answer, the specialist and the desk's contact, and the original quoted. ISO-2022-JP
 * (7-bit, as Japanese mail has long been sent) when every character fits, else
 * UTF-8 (base64). The history records it.
 */
gboolean
mdg_mail_write_reply (MdgDatabase      *db,
                      gint64            actor_id,
                      MdgConsultation  *consultation,
                      const char       *path,
                      MdgMailCharset    charset,
                      MdgMailCharset   *used,
                      GError          **error)
{
  g_autoptr(MdgDeskContact) desk = NULL;
  g_auto(Original) original = { 0 };
  g_autoptr(MdgGMimeMessage) message = NULL;
  g_autoptr(MdgGMimeTextPart) part = NULL;
  g_autoptr(MdgGMimeStream) content_stream = NULL;
  g_autoptr(MdgGMimeDataWrapper) content = NULL;
  g_autoptr(MdgGMimeStream) out = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *body = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *references = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *note = NULL;
  GMimeFormatOptions *format;
  const char *mime_charset;
  const char *problem;
  gsize encoded_length = 0;
  GByteArray *bytes;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (MDG_IS_CONSULTATION (consultation), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((problem = _mdg_gmime_ensure ()) != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("The reply cannot be written: the mail library GMime could not be loaded (%s). "
                     "Reinstall Madoguchi."),
                   problem);
      return FALSE;
    }
  if (mdg_consultation_get_text (consultation, MDG_CONSULTATION_ANSWER) == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID,
                   _("Consultation %lld has not been answered yet: answer it before writing the reply"),
                   (long long) mdg_consultation_get_id (consultation));
      return FALSE;
    }
  if (!(desk = mdg_desk_contact_load (db, error)))
    return FALSE;
  if (desk->email == NULL || *desk->email == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("The desk’s e-mail address is not set: set it in Preferences (or with “madoguchi-cli desk "
                             "set --email”) so that the reply says whom it is from"));
      return FALSE;
    }
  if (!load_original (db, consultation, &original, error))
    return FALSE;

  body = compose_body (consultation, desk, &original);
  if (charset != MDG_MAIL_CHARSET_UTF8)
    {
      /* The strict converter refuses what ISO-2022-JP cannot hold (①, 髙…): then UTF-8. */
      encoded = g_convert (body, -1, "ISO-2022-JP", "UTF-8", NULL, &encoded_length, NULL);
      if (encoded == NULL && charset == MDG_MAIL_CHARSET_ISO_2022_JP)
        {
          g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                               _("The answer has characters ISO-2022-JP cannot carry (such as ① or 髙); "
                                 "write the reply in UTF-8"));
          return FALSE;
        }
    }
  if (encoded != NULL)
    {
      charset = MDG_MAIL_CHARSET_ISO_2022_JP;
      mime_charset = "iso-2022-jp";
    }
  else
    {
      charset = MDG_MAIL_CHARSET_UTF8;
      mime_charset = "utf-8";
      encoded = g_strdup (body);
      encoded_length = strlen (body);
    }

  message = _mdg_gmime.message_new (TRUE);
  {
    InternetAddress *from = _mdg_gmime.internet_address_mailbox_new (desk->name, desk->email);
    InternetAddress *to = _mdg_gmime.internet_address_mailbox_new (original.from_name, original.address);

    _mdg_gmime.internet_address_set_charset (from, mime_charset);
    _mdg_gmime.internet_address_set_charset (to, mime_charset);
    _mdg_gmime.internet_address_list_add (_mdg_gmime.message_get_from (message), from);
    _mdg_gmime.internet_address_list_add (_mdg_gmime.message_get_addresses (message, GMIME_ADDRESS_TYPE_TO), to);
    g_object_unref (from);
    g_object_unref (to);
  }
  subject = g_str_has_prefix (original.subject ? original.subject : "", "Re:") ||
                g_str_has_prefix (original.subject ? original.subject : "", "RE:")
              ? g_strdup (original.subject)
              : g_strconcat ("Re: ", original.subject ? original.subject : "", NULL);
  _mdg_gmime.message_set_subject (message, subject, mime_charset);
  _mdg_gmime.message_set_date (message, now);
  {
    const char *domain = strchr (desk->email, '@');
    g_autofree char *uuid = g_uuid_string_random ();

    message_id = g_strdup_printf ("%s@%s", uuid, domain ? domain + 1 : "madoguchi.invalid");
    _mdg_gmime.message_set_message_id (message, message_id);
  }
  if (original.message_id)
    {
      g_autofree char *in_reply_to = g_strdup_printf ("<%s>", original.message_id);

      _mdg_gmime.object_set_header (GMIME_OBJECT (message), "In-Reply-To", in_reply_to, NULL);
      references = original.references ? g_strdup_printf ("%s <%s>", original.references, original.message_id)
                                       : g_strdup (in_reply_to);
      _mdg_gmime.object_set_header (GMIME_OBJECT (message), "References", references, NULL);
    }

  part = _mdg_gmime.text_part_new_with_subtype ("plain");
  content_stream = _mdg_gmime.stream_mem_new_with_buffer (encoded, encoded_length);
  content = _mdg_gmime.data_wrapper_new_with_stream (content_stream, GMIME_CONTENT_ENCODING_DEFAULT);
  _mdg_gmime.part_set_content (GMIME_PART (part), content);
  _mdg_gmime.object_set_content_type_parameter (GMIME_OBJECT (part), "charset", mime_charset);
  _mdg_gmime.part_set_content_encoding (GMIME_PART (part), charset == MDG_MAIL_CHARSET_ISO_2022_JP
                                                         ? GMIME_CONTENT_ENCODING_7BIT
                                                         : GMIME_CONTENT_ENCODING_BASE64);
  _mdg_gmime.message_set_mime_part (message, GMIME_OBJECT (part));

  out = _mdg_gmime.stream_mem_new ();
  format = _mdg_gmime.format_options_new ();
  _mdg_gmime.format_options_set_newline_format (format, GMIME_NEWLINE_FORMAT_DOS);
  _mdg_gmime.object_write_to_stream (GMIME_OBJECT (message), format, out);
  _mdg_gmime.format_options_free (format);
  bytes = _mdg_gmime.stream_mem_get_byte_array (GMIME_STREAM_MEM (out));

  if (!mdg_file_write_private (path, bytes->data, bytes->len, error))
    return FALSE;

  /* Translators: in a consultation's history; %s is the file written */
  note = g_strdup_printf (_("Reply saved as %s"), path);
  if (!mdg_consultation_store_record (db, actor_id, consultation, MDG_CONSULTATION_ACTION_REPLIED, note, error))
    {
      g_unlink (path);
      return FALSE;
    }
  if (used != NULL)
    *used = charset;
  return TRUE;
}
