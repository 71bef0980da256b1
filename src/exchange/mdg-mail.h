/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-consultation.h"
#include "mdg-database.h"
#include "mdg-person.h"

G_BEGIN_DECLS

/*
 * E-mail consultations (.eml files, RFC 5322/MIME), parsed with GMime: Japanese mail as
 * it arrives — ISO-2022-JP, Shift_JIS (read as CP932, with its NEC and IBM characters),
 * UTF-8, encoded-words, quoted-printable and base64, HTML-only bodies, attachments —
 * and the reply to one written as an .eml for the user's mail program.
 */

typedef struct
{
  char   *filename;
  char   *content_type;
  gsize   size;
  GBytes *data;
} MdgMailAttachment;

typedef struct _MdgMailMessage MdgMailMessage;

typedef enum
{
  MDG_MAIL_CHARSET_AUTO,          /* ISO-2022-JP when every character fits, else UTF-8 */
  MDG_MAIL_CHARSET_ISO_2022_JP,
  MDG_MAIL_CHARSET_UTF8,
} MdgMailCharset;

typedef struct
{
  gint64     person_id;           /* the sender, as the user chose; 0 to match by address */
  gboolean   create_person;       /* an unknown sender becomes a new person */
  gboolean   store_attachments;   /* keep the attachments' contents, not only their names */
} MdgMailImportOptions;

typedef struct
{
  gint64     consultation_id;
  gint64     person_id;           /* 0 when the sender is not (yet) a person */
  gboolean   person_created;
  guint      matching_people;     /* people with the sender's address */
} MdgMailImportResult;

/* Larger files are not mail a person sent to the desk. */
#define MDG_MAIL_MAX_BYTES (64 * 1024 * 1024)

MdgMailMessage *mdg_mail_message_parse            (GBytes                      *contents,
                                                   const char                  *filename,
                                                   GError                     **error);
MdgMailMessage *mdg_mail_message_load             (const char                  *path,
                                                   GError                     **error);
void            mdg_mail_message_free             (MdgMailMessage              *message);
const char     *mdg_mail_message_get_from_name    (MdgMailMessage              *message);
const char     *mdg_mail_message_get_from_address (MdgMailMessage              *message);
const char     *mdg_mail_message_get_to           (MdgMailMessage              *message);
const char     *mdg_mail_message_get_subject      (MdgMailMessage              *message);
const char     *mdg_mail_message_get_body         (MdgMailMessage              *message);
gboolean        mdg_mail_message_get_body_was_html (MdgMailMessage             *message);
GDateTime      *mdg_mail_message_get_date         (MdgMailMessage              *message);
const char     *mdg_mail_message_get_message_id   (MdgMailMessage              *message);
const char     *mdg_mail_message_get_references   (MdgMailMessage              *message);
GPtrArray      *mdg_mail_message_get_attachments  (MdgMailMessage              *message);
MdgPerson      *mdg_mail_message_dup_sender       (MdgMailMessage              *message);

GPtrArray      *mdg_mail_find_sender              (MdgDatabase                 *db,
                                                   MdgMailMessage              *message,
                                                   GError                     **error);
gboolean        mdg_mail_import                   (MdgDatabase                 *db,
                                                   gint64                       actor_id,
                                                   MdgMailMessage              *message,
                                                   const MdgMailImportOptions  *options,
                                                   MdgMailImportResult         *result,
                                                   GError                     **error);
void            mdg_mail_import_file_async        (MdgDatabase                 *db,
                                                   gint64                       actor_id,
                                                   const char                  *path,
                                                   const MdgMailImportOptions  *options,
                                                   GCancellable                *cancellable,
                                                   GAsyncReadyCallback          callback,
                                                   gpointer                     user_data);
gboolean        mdg_mail_import_file_finish       (MdgDatabase                 *db,
                                                   GAsyncResult                *result,
                                                   MdgMailImportResult         *import_result,
                                                   GError                     **error);

gboolean        mdg_mail_write_reply              (MdgDatabase                 *db,
                                                   gint64                       actor_id,
                                                   MdgConsultation             *consultation,
                                                   const char                  *path,
                                                   MdgMailCharset               charset,
                                                   MdgMailCharset              *used,
                                                   GError                     **error);

char           *mdg_mail_decode_text              (const char                  *bytes,
                                                   gssize                       length,
                                                   const char                  *charset);
char           *mdg_mail_decode_header            (const char                  *raw);
char           *mdg_mail_html_to_text             (const char                  *html,
                                                   gssize                       length);
void            mdg_mail_attachment_free          (MdgMailAttachment           *attachment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgMailMessage, mdg_mail_message_free)

G_END_DECLS
