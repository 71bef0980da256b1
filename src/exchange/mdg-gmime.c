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
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", content_disposition_is_attachment),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", content_type_get_mime_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", content_type_is_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", data_wrapper_new_with_stream),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", data_wrapper_write_to_stream),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", format_options_free),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", format_options_new),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", format_options_set_newline_format),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", header_get_raw_value),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", header_list_get_header),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", init),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_get_addresses),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_get_date),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_get_from),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_get_message_id),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_get_mime_part),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_get_subject),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_new),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_part_get_message),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_set_date),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_set_message_id),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_set_mime_part),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_set_subject),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", multipart_get_count),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", multipart_get_part),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_get_content_disposition),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_get_content_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_get_content_type_parameter),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_get_header),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_get_header_list),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_set_content_type_parameter),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_set_header),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_write_to_stream),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", parser_construct_message),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", parser_new_with_stream),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", part_get_content),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", part_get_filename),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", part_set_content),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", part_set_content_encoding),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", references_free),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", references_get_message_id),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", references_length),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", references_parse),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", stream_mem_get_byte_array),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", stream_mem_new),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", stream_mem_new_with_buffer),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", text_part_new_with_subtype),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_get_name),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_list_add),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_list_get_address),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_list_length),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_list_parse),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_mailbox_get_addr),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_mailbox_new),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_set_charset),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", object_get_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", part_get_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", stream_mem_get_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", message_part_get_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "g_mime_", multipart_get_type),
  MDG_LIBRARY_SYMBOL (MdgGMime, "", internet_address_mailbox_get_type),
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
