/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MDG_CSV_ENCODING_AUTO,
  MDG_CSV_ENCODING_UTF8,
  MDG_CSV_ENCODING_UTF8_BOM,
  MDG_CSV_ENCODING_UTF16,
  MDG_CSV_ENCODING_CP932,
} MdgCsvEncoding;

/* No registration form has a field this long: beyond it, the file is not one. */
#define MDG_CSV_MAX_FIELD_BYTES (256 * 1024)

typedef struct
{
  guint   line;     /* where the record starts, counting from 1 */
  GStrv   fields;
} MdgCsvRecord;

void        mdg_csv_record_free     (MdgCsvRecord    *record);

const char *mdg_csv_encoding_to_string   (MdgCsvEncoding  encoding);
gboolean    mdg_csv_encoding_from_string (const char     *text,
                                          MdgCsvEncoding *encoding);
const char *mdg_csv_encoding_get_label   (MdgCsvEncoding  encoding);

char       *mdg_csv_decode          (const char      *data,
                                     gsize            length,
                                     MdgCsvEncoding   requested,
                                     const char      *filename,
                                     MdgCsvEncoding  *detected,
                                     GError         **error);
GPtrArray  *mdg_csv_parse           (const char      *text,
                                     const char      *filename,
                                     GError         **error);

void        mdg_csv_append_row      (GString         *out,
                                     const char     **fields,
                                     guint            n_fields);
GBytes     *mdg_csv_encode          (const char      *text,
                                     MdgCsvEncoding   encoding,
                                     GPtrArray      **unencodable);

G_END_DECLS
