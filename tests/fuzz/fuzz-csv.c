/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mdg-csv.h"

/*
 * libFuzzer harness for the CSV decoder and parser: whatever bytes a file holds,
 * decoding and parsing must end, without a memory error, leak or undefined behaviour
 * (the sanitizers watch), with an error or with valid UTF-8 records in line order.
 * Built without libFuzzer (MDG_FUZZ_REPLAY), it replays the corpus as a plain test.
 */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_records (GPtrArray *records)
{
  guint last_line = 1;

  for (guint r = 0; r < records->len; r++)
    {
      MdgCsvRecord *record = g_ptr_array_index (records, r);

      if (record->line < last_line || record->fields == NULL || record->fields[0] == NULL)
        abort ();
      last_line = record->line;
      for (guint f = 0; record->fields[f]; f++)
        if (!g_utf8_validate (record->fields[f], -1, NULL))
          abort ();
    }
}

static void
decode_and_parse (const uint8_t  *data,
                  size_t          size,
                  MdgCsvEncoding  encoding)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  MdgCsvEncoding detected;

  text = mdg_csv_decode ((const char *) data, size, encoding, "fuzz.csv", &detected, &error);
  if (text == NULL)
    {
      /* Every refusal explains itself. */
      if (error == NULL || error->message == NULL || *error->message == '\0')
        abort ();
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    abort ();

  records = mdg_csv_parse (text, "fuzz.csv", &error);
  if (records != NULL)
    check_records (records);
  else if (error == NULL)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* What the import does by default, and what a user may choose instead. */
  decode_and_parse (data, size, MDG_CSV_ENCODING_AUTO);
  decode_and_parse (data, size, MDG_CSV_ENCODING_CP932);
  decode_and_parse (data, size, MDG_CSV_ENCODING_UTF8);
  return 0;
}

#ifdef MDG_FUZZ_REPLAY
int
main (int   argc,
      char *argv[])
{
  guint inputs = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            return 1;
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          inputs++;
        }
    }
  printf ("%u inputs decoded and parsed\n", inputs);
  return inputs > 0 ? 0 : 1;
}
#endif
