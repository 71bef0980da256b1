/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gmime/gmime.h>

G_BEGIN_DECLS

/* GMime's functions, as the mail reader and writer use them, once _mdg_gmime_ensure()
 * has loaded and set it up (mdg-gmime.c). */
typedef struct
{
  __typeof__ (g_mime_content_disposition_is_attachment) *content_disposition_is_attachment;
  __typeof__ (g_mime_content_type_get_mime_type) *content_type_get_mime_type;
  __typeof__ (g_mime_content_type_is_type) *content_type_is_type;
  __typeof__ (g_mime_data_wrapper_new_with_stream) *data_wrapper_new_with_stream;
  __typeof__ (g_mime_data_wrapper_write_to_stream) *data_wrapper_write_to_stream;
  __typeof__ (g_mime_format_options_free) *format_options_free;
  __typeof__ (g_mime_format_options_new) *format_options_new;
  __typeof__ (g_mime_format_options_set_newline_format) *format_options_set_newline_format;
  __typeof__ (g_mime_header_get_raw_value) *header_get_raw_value;
  __typeof__ (g_mime_header_list_get_header) *header_list_get_header;
  __typeof__ (g_mime_init) *init;
  __typeof__ (g_mime_message_get_addresses) *message_get_addresses;
  __typeof__ (g_mime_message_get_date) *message_get_date;
  __typeof__ (g_mime_message_get_from) *message_get_from;
  __typeof__ (g_mime_message_get_message_id) *message_get_message_id;
  __typeof__ (g_mime_message_get_mime_part) *message_get_mime_part;
  __typeof__ (g_mime_message_get_subject) *message_get_subject;
  __typeof__ (g_mime_message_new) *message_new;
  __typeof__ (g_mime_message_part_get_message) *message_part_get_message;
  __typeof__ (g_mime_message_set_date) *message_set_date;
  __typeof__ (g_mime_message_set_message_id) *message_set_message_id;
  __typeof__ (g_mime_message_set_mime_part) *message_set_mime_part;
  __typeof__ (g_mime_message_set_subject) *message_set_subject;
  __typeof__ (g_mime_multipart_get_count) *multipart_get_count;
  __typeof__ (g_mime_multipart_get_part) *multipart_get_part;
  __typeof__ (g_mime_object_get_content_disposition) *object_get_content_disposition;
  __typeof__ (g_mime_object_get_content_type) *object_get_content_type;
  __typeof__ (g_mime_object_get_content_type_parameter) *object_get_content_type_parameter;
  __typeof__ (g_mime_object_get_header) *object_get_header;
  __typeof__ (g_mime_object_get_header_list) *object_get_header_list;
  __typeof__ (g_mime_object_set_content_type_parameter) *object_set_content_type_parameter;
  __typeof__ (g_mime_object_set_header) *object_set_header;
  __typeof__ (g_mime_object_write_to_stream) *object_write_to_stream;
  __typeof__ (g_mime_parser_construct_message) *parser_construct_message;
  __typeof__ (g_mime_parser_new_with_stream) *parser_new_with_stream;
  __typeof__ (g_mime_part_get_content) *part_get_content;
  __typeof__ (g_mime_part_get_filename) *part_get_filename;
  __typeof__ (g_mime_part_set_content) *part_set_content;
  __typeof__ (g_mime_part_set_content_encoding) *part_set_content_encoding;
  __typeof__ (g_mime_references_free) *references_free;
  __typeof__ (g_mime_references_get_message_id) *references_get_message_id;
  __typeof__ (g_mime_references_length) *references_length;
  __typeof__ (g_mime_references_parse) *references_parse;
  __typeof__ (g_mime_stream_mem_get_byte_array) *stream_mem_get_byte_array;
  __typeof__ (g_mime_stream_mem_new) *stream_mem_new;
  __typeof__ (g_mime_stream_mem_new_with_buffer) *stream_mem_new_with_buffer;
  __typeof__ (g_mime_text_part_new_with_subtype) *text_part_new_with_subtype;
  __typeof__ (internet_address_get_name) *internet_address_get_name;
  __typeof__ (internet_address_list_add) *internet_address_list_add;
  __typeof__ (internet_address_list_get_address) *internet_address_list_get_address;
  __typeof__ (internet_address_list_length) *internet_address_list_length;
  __typeof__ (internet_address_list_parse) *internet_address_list_parse;
  __typeof__ (internet_address_mailbox_get_addr) *internet_address_mailbox_get_addr;
  __typeof__ (internet_address_mailbox_new) *internet_address_mailbox_new;
  __typeof__ (internet_address_set_charset) *internet_address_set_charset;
  __typeof__ (g_mime_object_get_type) *object_get_type;
  __typeof__ (g_mime_part_get_type) *part_get_type;
  __typeof__ (g_mime_stream_mem_get_type) *stream_mem_get_type;
  __typeof__ (g_mime_message_part_get_type) *message_part_get_type;
  __typeof__ (g_mime_multipart_get_type) *multipart_get_type;
  __typeof__ (internet_address_mailbox_get_type) *internet_address_mailbox_get_type;
} MdgGMime;

extern MdgGMime _mdg_gmime;

const char *_mdg_gmime_ensure (void);

/* GMime's type macros, through the table. */
#undef GMIME_TYPE_OBJECT
#define GMIME_TYPE_OBJECT (_mdg_gmime.object_get_type ())
#undef GMIME_TYPE_PART
#define GMIME_TYPE_PART (_mdg_gmime.part_get_type ())
#undef GMIME_TYPE_STREAM_MEM
#define GMIME_TYPE_STREAM_MEM (_mdg_gmime.stream_mem_get_type ())
#undef GMIME_TYPE_MESSAGE_PART
#define GMIME_TYPE_MESSAGE_PART (_mdg_gmime.message_part_get_type ())
#undef GMIME_TYPE_MULTIPART
#define GMIME_TYPE_MULTIPART (_mdg_gmime.multipart_get_type ())
#undef INTERNET_ADDRESS_TYPE_MAILBOX
#define INTERNET_ADDRESS_TYPE_MAILBOX (_mdg_gmime.internet_address_mailbox_get_type ())

G_END_DECLS
