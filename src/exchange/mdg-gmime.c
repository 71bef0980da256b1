/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-gmime"

#include "config.h"

#include "mdg-gmime-private.h"
#include "mdg-util-private.h"

/*
 * GMime comes with GPGME, libassuan, libidn2 and libunistring: six libraries that every
 * start of the window would load and relocate, before its first frame, for mail alone.
 * It is loaded (by its soname, from the headers' declarations) and set up the first
 * time a message is read or written, in whichever thread does it.
 */

MdgGMime _mdg_gmime;

static const MdgLibrarySymbol gmime_symbols[] = {
  { "g_mime_content_disposition_is_attachment", G_STRUCT_OFFSET (MdgGMime, content_disposition_is_attachment) },
  { "g_mime_content_type_get_mime_type", G_STRUCT_OFFSET (MdgGMime, content_type_get_mime_type) },
  { "g_mime_content_type_is_type", G_STRUCT_OFFSET (MdgGMime, content_type_is_type) },
  { "g_mime_data_wrapper_new_with_stream", G_STRUCT_OFFSET (MdgGMime, data_wrapper_new_with_stream) },
  { "g_mime_data_wrapper_write_to_stream", G_STRUCT_OFFSET (MdgGMime, data_wrapper_write_to_stream) },
  { "g_mime_format_options_free", G_STRUCT_OFFSET (MdgGMime, format_options_free) },
  { "g_mime_format_options_new", G_STRUCT_OFFSET (MdgGMime, format_options_new) },
  { "g_mime_format_options_set_newline_format", G_STRUCT_OFFSET (MdgGMime, format_options_set_newline_format) },
  { "g_mime_header_get_raw_value", G_STRUCT_OFFSET (MdgGMime, header_get_raw_value) },
  { "g_mime_header_list_get_header", G_STRUCT_OFFSET (MdgGMime, header_list_get_header) },
  { "g_mime_init", G_STRUCT_OFFSET (MdgGMime, init) },
  { "g_mime_message_get_addresses", G_STRUCT_OFFSET (MdgGMime, message_get_addresses) },
  { "g_mime_message_get_date", G_STRUCT_OFFSET (MdgGMime, message_get_date) },
  { "g_mime_message_get_from", G_STRUCT_OFFSET (MdgGMime, message_get_from) },
  { "g_mime_message_get_message_id", G_STRUCT_OFFSET (MdgGMime, message_get_message_id) },
  { "g_mime_message_get_mime_part", G_STRUCT_OFFSET (MdgGMime, message_get_mime_part) },
  { "g_mime_message_get_subject", G_STRUCT_OFFSET (MdgGMime, message_get_subject) },
  { "g_mime_message_new", G_STRUCT_OFFSET (MdgGMime, message_new) },
  { "g_mime_message_part_get_message", G_STRUCT_OFFSET (MdgGMime, message_part_get_message) },
  { "g_mime_message_set_date", G_STRUCT_OFFSET (MdgGMime, message_set_date) },
  { "g_mime_message_set_message_id", G_STRUCT_OFFSET (MdgGMime, message_set_message_id) },
  { "g_mime_message_set_mime_part", G_STRUCT_OFFSET (MdgGMime, message_set_mime_part) },
  { "g_mime_message_set_subject", G_STRUCT_OFFSET (MdgGMime, message_set_subject) },
  { "g_mime_multipart_get_count", G_STRUCT_OFFSET (MdgGMime, multipart_get_count) },
  { "g_mime_multipart_get_part", G_STRUCT_OFFSET (MdgGMime, multipart_get_part) },
  { "g_mime_object_get_content_disposition", G_STRUCT_OFFSET (MdgGMime, object_get_content_disposition) },
  { "g_mime_object_get_content_type", G_STRUCT_OFFSET (MdgGMime, object_get_content_type) },
  { "g_mime_object_get_content_type_parameter", G_STRUCT_OFFSET (MdgGMime, object_get_content_type_parameter) },
  { "g_mime_object_get_header", G_STRUCT_OFFSET (MdgGMime, object_get_header) },
  { "g_mime_object_get_header_list", G_STRUCT_OFFSET (MdgGMime, object_get_header_list) },
  { "g_mime_object_set_content_type_parameter", G_STRUCT_OFFSET (MdgGMime, object_set_content_type_parameter) },
  { "g_mime_object_set_header", G_STRUCT_OFFSET (MdgGMime, object_set_header) },
  { "g_mime_object_write_to_stream", G_STRUCT_OFFSET (MdgGMime, object_write_to_stream) },
  { "g_mime_parser_construct_message", G_STRUCT_OFFSET (MdgGMime, parser_construct_message) },
  { "g_mime_parser_new_with_stream", G_STRUCT_OFFSET (MdgGMime, parser_new_with_stream) },
  { "g_mime_part_get_content", G_STRUCT_OFFSET (MdgGMime, part_get_content) },
  { "g_mime_part_get_filename", G_STRUCT_OFFSET (MdgGMime, part_get_filename) },
  { "g_mime_part_set_content", G_STRUCT_OFFSET (MdgGMime, part_set_content) },
  { "g_mime_part_set_content_encoding", G_STRUCT_OFFSET (MdgGMime, part_set_content_encoding) },
  { "g_mime_references_free", G_STRUCT_OFFSET (MdgGMime, references_free) },
  { "g_mime_references_get_message_id", G_STRUCT_OFFSET (MdgGMime, references_get_message_id) },
  { "g_mime_references_length", G_STRUCT_OFFSET (MdgGMime, references_length) },
  { "g_mime_references_parse", G_STRUCT_OFFSET (MdgGMime, references_parse) },
  { "g_mime_stream_mem_get_byte_array", G_STRUCT_OFFSET (MdgGMime, stream_mem_get_byte_array) },
  { "g_mime_stream_mem_new", G_STRUCT_OFFSET (MdgGMime, stream_mem_new) },
  { "g_mime_stream_mem_new_with_buffer", G_STRUCT_OFFSET (MdgGMime, stream_mem_new_with_buffer) },
  { "g_mime_text_part_new_with_subtype", G_STRUCT_OFFSET (MdgGMime, text_part_new_with_subtype) },
  { "internet_address_get_name", G_STRUCT_OFFSET (MdgGMime, internet_address_get_name) },
  { "internet_address_list_add", G_STRUCT_OFFSET (MdgGMime, internet_address_list_add) },
  { "internet_address_list_get_address", G_STRUCT_OFFSET (MdgGMime, internet_address_list_get_address) },
  { "internet_address_list_length", G_STRUCT_OFFSET (MdgGMime, internet_address_list_length) },
  { "internet_address_list_parse", G_STRUCT_OFFSET (MdgGMime, internet_address_list_parse) },
  { "internet_address_mailbox_get_addr", G_STRUCT_OFFSET (MdgGMime, internet_address_mailbox_get_addr) },
  { "internet_address_mailbox_new", G_STRUCT_OFFSET (MdgGMime, internet_address_mailbox_new) },
  { "internet_address_set_charset", G_STRUCT_OFFSET (MdgGMime, internet_address_set_charset) },
  { "g_mime_object_get_type", G_STRUCT_OFFSET (MdgGMime, object_get_type) },
  { "g_mime_part_get_type", G_STRUCT_OFFSET (MdgGMime, part_get_type) },
  { "g_mime_stream_mem_get_type", G_STRUCT_OFFSET (MdgGMime, stream_mem_get_type) },
  { "g_mime_message_part_get_type", G_STRUCT_OFFSET (MdgGMime, message_part_get_type) },
  { "g_mime_multipart_get_type", G_STRUCT_OFFSET (MdgGMime, multipart_get_type) },
  { "internet_address_mailbox_get_type", G_STRUCT_OFFSET (MdgGMime, internet_address_mailbox_get_type) },
};

/* g_mime_init() is not thread-safe; imports run in workers. */
static void
init_gmime (void)
{
  _mdg_gmime.init ();
}

static MdgLibrary gmime_library = MDG_LIBRARY_INIT (MDG_GMIME_SONAME, gmime_symbols, &_mdg_gmime, init_gmime);

/**
 * _mdg_gmime_ensure:
 *
 * Loads and sets up GMime the first time it is called; safe from any thread.
 *
 * Returns: (nullable): what went wrong, for a message; %NULL when `_mdg_gmime` is ready
 */
const char *
_mdg_gmime_ensure (void)
{
  return _mdg_library_ensure (&gmime_library);
}
