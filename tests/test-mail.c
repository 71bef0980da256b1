/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <gmime/gmime.h>

#include "mdg-consultation-store.h"
#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-mail.h"
#include "mdg-person-store.h"
#include "mdg-staff-store.h"
#include "mdg-test-util.h"

/*
 * E-mail consultations from fixtures of the shapes Japanese mail really has
 * (tests/data/mail): Outlook's ISO-2022-JP with NEC characters and a subject split
 * over two encoded-words, Shift_JIS with ㈱ and 髙 in base64, UTF-8
 * quoted-printable in multipart/alternative, an HTML-only webmail, multipart/mixed
 * with a PDF named in RFC 2231 and an image named with a quoted encoded-word, a
 * malformed one, and a file that is not mail at all.
 */

/* GMime 3.2 has no autoptr cleanups; an alias keeps clear of later versions that do. */
typedef GMimeMessage TestMessage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestMessage, g_object_unref)

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  gint64       staff;
} Fixture;

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "mail", name, NULL);
}

static MdgMailMessage *
load (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  MdgMailMessage *message = mdg_mail_message_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MdgStaff) staff = mdg_staff_new ("窓口 一郎", MDG_STAFF_ROLE_FIRST_LINE);
  g_autoptr(GError) error = NULL;

  f->db = mdg_test_open_tmp_db (&f->dir);
  g_assert_true (mdg_staff_store_save (f->db, staff, &error));
  f->staff = mdg_staff_get_id (staff);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  mdg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
test_iso_2022_jp (void)
{
  g_autoptr(MdgMailMessage) message = load ("iso-2022-jp.eml");
  GDateTime *date = mdg_mail_message_get_date (message);

  g_assert_cmpstr (mdg_mail_message_get_from_name (message), ==, "山田 太郎");
  g_assert_cmpstr (mdg_mail_message_get_from_address (message), ==, "yamada@tachikawa-seimitsu.example.jp");
  /* Two encoded-words, the space between them not part of the subject. */
  g_assert_cmpstr (mdg_mail_message_get_subject (message), ==, "【至急】ファイルサーバーのファイルが開けません");
  /* Outlook's NEC characters come through. */
  g_assert_nonnull (strstr (mdg_mail_message_get_body (message), "\n①サーバーは今も動いています\n②バックアップ"));
  g_assert_true (g_str_has_prefix (mdg_mail_message_get_body (message), "窓口ご担当者様\n\n立川精密工業の山田です。"));
  g_assert_true (g_str_has_suffix (mdg_mail_message_get_body (message), "TEL 042-555-0123"));
  g_assert_false (mdg_mail_message_get_body_was_html (message));
  g_assert_cmpstr (mdg_mail_message_get_message_id (message), ==,
                   "TYCP286MB1234ABCD5678@TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM");
  g_assert_cmpstr (mdg_mail_message_get_references (message), ==, "<older-1@tachikawa-seimitsu.example.jp>");
  g_assert_nonnull (strstr (mdg_mail_message_get_to (message), "中小企業サイバー相談窓口"));
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_hour (date), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (date), ==, 15);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 26);
  g_assert_cmpuint (mdg_mail_message_get_attachments (message)->len, ==, 0);
}

static void
test_shift_jis (void)
{
  g_autoptr(MdgMailMessage) message = load ("shift-jis.eml");
  g_autoptr(MdgPerson) sender = mdg_mail_message_dup_sender (message);

  g_assert_cmpstr (mdg_mail_message_get_from_name (message), ==, "髙橋 健一");
  g_assert_cmpstr (mdg_mail_message_get_subject (message), ==, "㈱髙橋製作所：振込先変更の依頼メールについて");
  g_assert_nonnull (strstr (mdg_mail_message_get_body (message), "㈱髙橋製作所では"));
  g_assert_nonnull (strstr (mdg_mail_message_get_body (message), "３００万円"));
  /* CRLF line ends become plain line ends. */
  g_assert_null (strchr (mdg_mail_message_get_body (message), '\r'));
  g_assert_cmpstr (mdg_person_get_text (sender, MDG_PERSON_FAMILY_NAME), ==, "髙橋");
  g_assert_cmpstr (mdg_person_get_text (sender, MDG_PERSON_GIVEN_NAME), ==, "健一");
  g_assert_cmpstr (mdg_person_get_text (sender, MDG_PERSON_EMAIL), ==, "k.takahashi@takahashi-ss.example.jp");
}

static void
test_utf8_quoted_printable (void)
{
  g_autoptr(MdgMailMessage) message = load ("utf-8-qp.eml");
  g_autoptr(MdgPerson) sender = mdg_mail_message_dup_sender (message);

  g_assert_cmpstr (mdg_mail_message_get_subject (message), ==, "クラウドの共有設定ミス");
  /* multipart/alternative: the plain text, not the HTML; soft line breaks joined. */
  g_assert_cmpstr (mdg_mail_message_get_body (message), ==,
                   "田中様の会社でもお使いのクラウドストレージについて相談です。\n"
                   "共有リンクが「リンクを知っている全員」になっていたファイルがありました。\n"
                   "顧客名簿が含まれています。どこに報告すべきでしょうか。\n\nIchiro Tanaka");
  g_assert_false (mdg_mail_message_get_body_was_html (message));
  /* A Latin name is given name first. */
  g_assert_cmpstr (mdg_person_get_text (sender, MDG_PERSON_FAMILY_NAME), ==, "Tanaka");
  g_assert_cmpstr (mdg_person_get_text (sender, MDG_PERSON_GIVEN_NAME), ==, "Ichiro");
}

static void
test_html_only (void)
{
  g_autoptr(MdgMailMessage) message = load ("html-only.eml");
  const char *body = mdg_mail_message_get_body (message);

  g_assert_true (mdg_mail_message_get_body_was_html (message));
  g_assert_cmpstr (mdg_mail_message_get_from_name (message), ==, "佐々木 美咲");
  g_assert_cmpstr (mdg_mail_message_get_subject (message), ==, "ホームページが改ざんされました");
  g_assert_true (g_str_has_prefix (body, "相模原運輸の佐々木です。\n"));
  g_assert_nonnull (strstr (body, "\nホームページの トップページが、見知らぬ画像に書き換えられていました。\n"));
  g_assert_nonnull (strstr (body, "気づいた時刻：11/24 08:30\nサーバー会社：<レンタルサーバー> & 自社管理のCMS"));
  g_assert_nonnull (strstr (body, "・CMSのバージョンは古いままです\n・管理者パスワードはあいまいな記憶です"));
  g_assert_nonnull (strstr (body, "トップページ <https://www.sagamihara-unyu.example.jp/>"));
  g_assert_null (strstr (body, "alert"));
  g_assert_null (strstr (body, "color"));
  g_assert_null (strstr (body, "<p>"));
}

static void
test_attachments (void)
{
  g_autoptr(MdgMailMessage) message = load ("multipart-mixed-pdf.eml");
  g_autofree char *size_path = fixture_path ("pdf-size.txt");
  g_autofree char *size_text = NULL;
  GPtrArray *attachments = mdg_mail_message_get_attachments (message);
  MdgMailAttachment *pdf, *png;

  g_assert_true (g_file_get_contents (size_path, &size_text, NULL, NULL));
  g_assert_cmpstr (mdg_mail_message_get_body (message), ==,
                   "添付の画面のような警告が出ました。\n被害状況をまとめた資料も添付します。");
  g_assert_cmpuint (attachments->len, ==, 2);
  pdf = attachments->pdata[0];
  png = attachments->pdata[1];
  g_assert_cmpstr (pdf->filename, ==, "被害状況.pdf");
  g_assert_cmpstr (pdf->content_type, ==, "application/pdf");
  g_assert_cmpuint (pdf->size, ==, g_ascii_strtoull (size_text, NULL, 10));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf->data, NULL), "%PDF-1.4"));
  g_assert_cmpstr (png->filename, ==, "警告画面.png");
  g_assert_cmpstr (png->content_type, ==, "image/png");
  g_assert_cmpuint (png->size, ==, 70);
}

static void
test_malformed (void)
{
  g_autoptr(MdgMailMessage) message = load ("malformed.eml");
  g_autofree char *path = fixture_path ("not-mail.eml");
  g_autofree char *empty_path = NULL;
  g_autoptr(GError) error = NULL;
  MdgMailMessage *refused;

  /* What can be read is read: the sender, the subject, the text. */
  g_assert_cmpstr (mdg_mail_message_get_from_address (message), ==, "kimura@kimura-koumuten.example.jp");
  g_assert_cmpstr (mdg_mail_message_get_subject (message), ==, "USBメモリを紛失しました");
  g_assert_nonnull (strstr (mdg_mail_message_get_body (message), "電車に置き忘れました"));

  /* A file that is not mail is refused with a message saying which and what to do. */
  refused = mdg_mail_message_load (path, &error);
  g_assert_null (refused);
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not-mail.eml"));
  g_assert_nonnull (strstr (error->message, ".eml"));
  g_clear_error (&error);

  {
    g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);

    refused = mdg_mail_message_parse (nothing, "empty.eml", &error);
    g_assert_null (refused);
    g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
    g_clear_error (&error);
  }
  (void) empty_path;
}

static void
test_decode_header (void)
{
  static const struct { const char *raw; const char *decoded; } cases[] = {
    /* A character split between two words of one charset. */
    { "=?UTF-8?B?44GC?= =?UTF-8?B?44GE?=", "あい" },
    { "=?UTF-8?B?4w==?= =?UTF-8?B?gYI=?=", "あ" },
    { "Re: =?ISO-2022-JP?B?GyRCJCIbKEI=?= test", "Re: あ test" },
    { "=?utf-8?q?caf=C3=A9_au_lait?=", "café au lait" },
    { "=?ISO-2022-JP*ja?B?GyRCJCIbKEI=?=", "あ" },
    { "plain text", "plain text" },
    { "=?unknown?X?abc?=", "=?unknown?X?abc?=" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *decoded = mdg_mail_decode_header (cases[i].raw);
      g_assert_cmpstr (decoded, ==, cases[i].decoded);
    }
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgMailMessage) outlook = load ("iso-2022-jp.eml");
  g_autoptr(MdgMailMessage) sjis = load ("shift-jis.eml");
  g_autoptr(MdgMailMessage) mixed = load ("multipart-mixed-pdf.eml");
  g_autoptr(MdgPerson) yamada = mdg_person_new ();
  g_autoptr(MdgConsultation) consultation = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;
  MdgMailImportOptions create = { .create_person = TRUE };
  MdgMailImportOptions keep = { .store_attachments = TRUE };
  MdgMailImportResult result;
  gint64 consultations;

  /* Known sender, by address in any case. */
  mdg_person_set_text (yamada, MDG_PERSON_FAMILY_NAME, "山田");
  mdg_person_set_text (yamada, MDG_PERSON_EMAIL, "Yamada@Tachikawa-Seimitsu.example.jp");
  mdg_person_set_text (yamada, MDG_PERSON_ORGANIZATION, "立川精密工業株式会社");
  g_assert_true (mdg_person_store_save (f->db, yamada, &error));

  g_assert_true (mdg_mail_import (f->db, f->staff, outlook, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.person_id, ==, mdg_person_get_id (yamada));
  g_assert_false (result.person_created);
  consultation = mdg_consultation_store_load (f->db, result.consultation_id, &error);
  g_assert_cmpint (mdg_consultation_get_channel (consultation), ==, MDG_CHANNEL_EMAIL);
  g_assert_cmpstr (mdg_consultation_get_text (consultation, MDG_CONSULTATION_SUBJECT), ==,
                   "【至急】ファイルサーバーのファイルが開けません");
  g_assert_cmpstr (mdg_consultation_get_text (consultation, MDG_CONSULTATION_ORGANIZATION), ==, "立川精密工業株式会社");
  g_assert_nonnull (strstr (mdg_consultation_get_text (consultation, MDG_CONSULTATION_QUESTION), "①サーバー"));
  g_assert_cmpint (g_date_time_get_hour (mdg_consultation_get_received_at (consultation)), ==, 10);

  /* The same message twice: refused, nothing written. */
  consultations = mdg_test_count (f->db, "SELECT count(*) FROM consultation");
  g_assert_false (mdg_mail_import (f->db, f->staff, outlook, NULL, &result, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation"), ==, consultations);

  /* Unknown sender: offered (not created) unless asked. */
  g_assert_true (mdg_mail_import (f->db, f->staff, sjis, &create, &result, &error));
  g_assert_true (result.person_created);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM person WHERE family_name = '髙橋'"
                                          " AND email = 'k.takahashi@takahashi-ss.example.jp'"), ==, 1);

  g_assert_true (mdg_mail_import (f->db, f->staff, mixed, NULL, &result, &error));
  g_assert_cmpint (result.person_id, ==, 0);
  g_assert_cmpuint (result.matching_people, ==, 0);
  attachments = mdg_consultation_store_list_attachments (f->db, result.consultation_id, &error);
  g_assert_cmpuint (attachments->len, ==, 2);
  g_assert_cmpstr (((MdgConsultationAttachment *) attachments->pdata[0])->filename, ==, "被害状況.pdf");
  /* Listed by name and size, contents not kept. */
  g_assert_null (((MdgConsultationAttachment *) attachments->pdata[0])->data);
  g_assert_cmpuint (((MdgConsultationAttachment *) attachments->pdata[0])->size, >, 100);
  g_clear_pointer (&attachments, g_ptr_array_unref);

  /* Kept on request. */
  mdg_test_exec (f->db, "DELETE FROM consultation_mail");
  g_assert_true (mdg_mail_import (f->db, f->staff, mixed, &keep, &result, &error));
  attachments = mdg_consultation_store_list_attachments (f->db, result.consultation_id, &error);
  g_assert_nonnull (((MdgConsultationAttachment *) attachments->pdata[0])->data);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (((MdgConsultationAttachment *) attachments->pdata[0])->data, NULL),
                                   "%PDF"));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MdgMailImportResult *out = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mdg_mail_import_file_finish (MDG_DATABASE (source), result, out, &error));
  g_assert_no_error (error);
}

static void
test_import_async (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("html-only.eml");
  MdgMailImportResult result = { 0 };

  mdg_mail_import_file_async (f->db, f->staff, path, NULL, NULL, import_done_cb, &result);
  while (result.consultation_id == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (mdg_test_count (f->db, "SELECT count(*) FROM consultation_mail"), ==, 1);
}

static GMimeMessage *
read_back (const char *path)
{
  GMimeStream *stream = g_mime_stream_file_open (path, "r", NULL);
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

  g_object_unref (parser);
  g_object_unref (stream);
  g_assert_nonnull (message);
  return message;
}

/* The reply's body as the recipient's mail program reads it. */
static char *
body_of (GMimeMessage *message,
         const char  **charset,
         GMimeContentEncoding *encoding)
{
  GMimeObject *part = g_mime_message_get_mime_part (message);
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (part));
  GMimeStream *stream = g_mime_stream_mem_new ();
  GByteArray *bytes;
  char *text;

  *charset = g_mime_object_get_content_type_parameter (part, "charset");
  *encoding = g_mime_part_get_content_encoding (GMIME_PART (part));
  g_mime_data_wrapper_write_to_stream (content, stream);
  bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  text = g_convert ((const char *) bytes->data, bytes->len, "UTF-8", *charset, NULL, NULL, NULL);
  g_object_unref (stream);
  return text;
}

static void
test_reply (Fixture *f, gconstpointer data)
{
  g_autoptr(MdgMailMessage) outlook = load ("iso-2022-jp.eml");
  g_autoptr(MdgMailMessage) plain = load ("utf-8-qp.eml");
  g_autoptr(MdgConsultation) first = NULL;
  g_autoptr(MdgConsultation) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply_path = g_build_filename (f->dir, "reply.eml", NULL);
  g_autofree char *utf8_path = g_build_filename (f->dir, "reply-utf8.eml", NULL);
  g_autoptr(GPtrArray) history = NULL;
  MdgDeskContact desk = { .name = "中小企業サイバーセキュリティ相談窓口", .email = "soudan@desk.example.jp",
                          .phone = "042-000-1234" };
  MdgMailImportResult result;
  MdgMailCharset used;
  struct stat st;

  g_assert_true (mdg_mail_import (f->db, f->staff, plain, NULL, &result, &error));
  second = mdg_consultation_store_load (f->db, result.consultation_id, &error);
  g_assert_true (mdg_mail_import (f->db, f->staff, outlook, NULL, &result, &error));
  first = mdg_consultation_store_load (f->db, result.consultation_id, &error);

  /* Not answered yet; then no desk address. Nothing is written. */
  g_assert_false (mdg_mail_write_reply (f->db, f->staff, second, reply_path, MDG_MAIL_CHARSET_AUTO, &used, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (mdg_consultation_store_answer (f->db, f->staff, second,
                                                "共有リンクを直ちに無効にし、個人情報保護委員会への報告の要否を確認してください。",
                                                NULL, &error));
  g_assert_false (mdg_mail_write_reply (f->db, f->staff, second, reply_path, MDG_MAIL_CHARSET_AUTO, &used, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "desk set --email"));
  g_clear_error (&error);
  g_assert_false (g_file_test (reply_path, G_FILE_TEST_EXISTS));

  g_assert_true (mdg_desk_contact_save (f->db, &desk, &error));
  g_assert_true (mdg_mail_write_reply (f->db, f->staff, second, reply_path, MDG_MAIL_CHARSET_AUTO, &used, &error));
  g_assert_no_error (error);
  /* Everything fits ISO-2022-JP: the traditional 7-bit Japanese mail. */
  g_assert_cmpint (used, ==, MDG_MAIL_CHARSET_ISO_2022_JP);
  g_assert_cmpint (stat (reply_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autoptr(TestMessage) reply = read_back (reply_path);
    g_autofree char *to = internet_address_list_to_string (g_mime_message_get_addresses (reply, GMIME_ADDRESS_TYPE_TO),
                                                           NULL, FALSE);
    g_autofree char *from = internet_address_list_to_string (g_mime_message_get_from (reply), NULL, FALSE);
    const char *charset;
    GMimeContentEncoding encoding;
    g_autofree char *body = body_of (reply, &charset, &encoding);

    g_assert_cmpstr (g_mime_message_get_subject (reply), ==, "Re: クラウドの共有設定ミス");
    g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (reply), "In-Reply-To"), ==,
                     "<CAHk7x=3Q@mail.gmail.example.com>");
    g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (reply), "References"), ==,
                     "<CAHk7x=3Q@mail.gmail.example.com>");
    g_assert_nonnull (strstr (to, "i.tanaka@hachioji-design.example.jp"));
    g_assert_nonnull (strstr (from, "soudan@desk.example.jp"));
    g_assert_nonnull (strstr (from, "中小企業サイバーセキュリティ相談窓口"));
    g_assert_cmpint (g_ascii_strcasecmp (charset, "iso-2022-jp"), ==, 0);
    g_assert_cmpint (encoding, ==, GMIME_CONTENT_ENCODING_7BIT);
    g_assert_nonnull (strstr (body, "共有リンクを直ちに無効にし"));
    g_assert_nonnull (strstr (body, "042-000-1234"));
    /* The original, quoted. */
    g_assert_nonnull (strstr (body, "> 顧客名簿が含まれています。どこに報告すべきでしょうか。"));
    g_assert_nonnull (strstr (body, "Ichiro Tanaka wrote:"));
  }

  /* ① in the quoted original does not fit ISO-2022-JP: refused when asked for, UTF-8 otherwise. */
  g_assert_true (mdg_consultation_store_answer (f->db, f->staff, first, "サーバーをネットワークから切り離してください。",
                                                NULL, &error));
  g_assert_false (mdg_mail_write_reply (f->db, f->staff, first, utf8_path, MDG_MAIL_CHARSET_ISO_2022_JP, &used, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (mdg_mail_write_reply (f->db, f->staff, first, utf8_path, MDG_MAIL_CHARSET_AUTO, &used, &error));
  g_assert_cmpint (used, ==, MDG_MAIL_CHARSET_UTF8);
  {
    g_autoptr(TestMessage) reply = read_back (utf8_path);
    const char *charset;
    GMimeContentEncoding encoding;
    g_autofree char *body = body_of (reply, &charset, &encoding);

    g_assert_cmpstr (g_mime_message_get_subject (reply), ==, "Re: 【至急】ファイルサーバーのファイルが開けません");
    /* The thread so far, then the message answered (GMime folds the long header). */
    {
      GMimeReferences *references = g_mime_references_parse (NULL, g_mime_object_get_header (GMIME_OBJECT (reply),
                                                                                            "References"));

      g_assert_cmpint (g_mime_references_length (references), ==, 2);
      g_assert_cmpstr (g_mime_references_get_message_id (references, 0), ==, "older-1@tachikawa-seimitsu.example.jp");
      g_assert_cmpstr (g_mime_references_get_message_id (references, 1), ==,
                       "TYCP286MB1234ABCD5678@TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM");
      g_mime_references_free (references);
    }
    g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (reply), "In-Reply-To"), ==,
                     "<TYCP286MB1234ABCD5678@TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM>");
    g_assert_cmpint (g_ascii_strcasecmp (charset, "utf-8"), ==, 0);
    g_assert_cmpint (encoding, ==, GMIME_CONTENT_ENCODING_BASE64);
    g_assert_nonnull (strstr (body, "> ①サーバーは今も動いています"));
    g_assert_nonnull (strstr (body, "山田 太郎"));
  }

  history = mdg_consultation_store_list_history (f->db, mdg_consultation_get_id (first), &error);
  g_assert_cmpint (((MdgConsultationEvent *) history->pdata[history->len - 1])->action, ==,
                   MDG_CONSULTATION_ACTION_REPLIED);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);
  g_mime_init ();

  g_test_add_func ("/mail/parse/iso-2022-jp", test_iso_2022_jp);
  g_test_add_func ("/mail/parse/shift-jis", test_shift_jis);
  g_test_add_func ("/mail/parse/utf-8-quoted-printable", test_utf8_quoted_printable);
  g_test_add_func ("/mail/parse/html-only", test_html_only);
  g_test_add_func ("/mail/parse/attachments", test_attachments);
  g_test_add_func ("/mail/parse/malformed", test_malformed);
  g_test_add_func ("/mail/decode-header", test_decode_header);
  g_test_add ("/mail/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/mail/import/async", Fixture, NULL, fixture_set_up, test_import_async, fixture_tear_down);
  g_test_add ("/mail/reply", Fixture, NULL, fixture_set_up, test_reply, fixture_tear_down);

  return g_test_run ();
}
