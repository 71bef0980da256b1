/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-person-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mdg-csv.h"
#include "mdg-person-export.h"
#include "mdg-person-store.h"
#include "mdg-database-work.h"

/*
 * Everything held about one person, as the personal data law lets them ask for it:
 * their details, registrations, consultations and follow-ups, as JSON (for other
 * programs) or as CSV (for a spreadsheet), one value per row.
 */

/**
 * mdg_person_export_json:
 * @db: a #MdgDatabase
 * @person_id: the person
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the JSON text
 */
char *
mdg_person_export_json (MdgDatabase  *db,
                        gint64        person_id,
                        GError      **error)
{
  g_autoptr(GVariant) record = mdg_person_store_collect (db, person_id, error);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (record == NULL)
    return NULL;

  root = json_gvariant_serialize (record);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
value_to_text (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  return g_variant_print (value, FALSE);
}

static void
append_dict (GString    *out,
             const char *section,
             guint       index,
             GVariant   *dict)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;
  g_autofree char *where = index ? g_strdup_printf ("%s %u", section, index) : g_strdup (section);

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *text = value_to_text (value);
      const char *row[] = { where, key, text };

      mdg_csv_append_row (out, row, G_N_ELEMENTS (row));
    }
}

/**
 * mdg_person_export_csv:
 * @db: a #MdgDatabase
 * @person_id: the person
 * @error: a location for a #GError
 *
 * Returns: (transfer full): UTF-8 CSV with a byte-order mark, one value per row:
 *   section, field, value
 */
char *
mdg_person_export_csv (MdgDatabase  *db,
                       gint64        person_id,
                       GError      **error)
{
  g_autoptr(GVariant) record = mdg_person_store_collect (db, person_id, error);
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  static const char *lists[] = {
    "registrations", "consultations", "consultation_history", "consultation_mail", "attachments", "follow_ups",
    "sync_history",
  };
  const char *header[] = { _("Section"), _("Field"), _("Value") };

  if (record == NULL)
    return NULL;

  mdg_csv_append_row (out, header, G_N_ELEMENTS (header));
  {
    g_autoptr(GVariant) notice = g_variant_lookup_value (record, "notice", G_VARIANT_TYPE_STRING);

    if (notice != NULL)
      {
        const char *row[] = { "notice", "", g_variant_get_string (notice, NULL) };
        mdg_csv_append_row (out, row, G_N_ELEMENTS (row));
      }
  }
  {
    g_autoptr(GVariant) person = g_variant_lookup_value (record, "person", G_VARIANT_TYPE_VARDICT);
    append_dict (out, "person", 0, person);
  }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autoptr(GVariant) rows = g_variant_lookup_value (record, lists[l], G_VARIANT_TYPE ("aa{sv}"));

      for (gsize i = 0; rows && i < g_variant_n_children (rows); i++)
        {
          g_autoptr(GVariant) row = g_variant_get_child_value (rows, i);
          append_dict (out, lists[l], i + 1, row);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  gint64    person_id;
  gboolean  csv;
  GBytes   *bytes;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static gboolean
export_person (MdgDatabase  *connection,
               gpointer      data,
               GError      **error)
{
  ExportJob *job = data;
  char *text = job->csv ? mdg_person_export_csv (connection, job->person_id, error)
                        : mdg_person_export_json (connection, job->person_id, error);

  if (text == NULL)
    return FALSE;
  job->bytes = g_bytes_new_take (text, strlen (text));
  return TRUE;
}

/**
 * mdg_person_export_async:
 * @db: a #MdgDatabase
 * @person_id: the person
 * @csv: %TRUE for CSV, %FALSE for JSON
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the export
 * @user_data: for @callback
 *
 * mdg_person_export_json() or mdg_person_export_csv() in a worker.
 */
void
mdg_person_export_async (MdgDatabase         *db,
                         gint64               person_id,
                         gboolean             csv,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  ExportJob *job;

  g_return_if_fail (MDG_IS_DATABASE (db));

  job = g_new0 (ExportJob, 1);
  job->person_id = person_id;
  job->csv = csv;
  mdg_database_work_async (db, export_person, job, (GDestroyNotify) export_job_free, mdg_person_export_async,
                         cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): the file's bytes */
GBytes *
mdg_person_export_finish (MdgDatabase   *db,
                          GAsyncResult  *result,
                          GError       **error)
{
  ExportJob *job;

  if (!mdg_database_work_finish (db, result, mdg_person_export_async, error))
    return NULL;
  job = mdg_database_work_get_data (result);
  return g_bytes_ref (job->bytes);
}
