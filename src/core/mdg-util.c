/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-util"

#include "config.h"

#include <string.h>
#include <gmodule.h>

#include "mdg-util-private.h"

/*
 * Sets a text field of a domain object, trimmed. Blank and unset are the same to a
 * user, so both are stored as NULL. Returns whether the field changed, for notify.
 */
gboolean
_mdg_set_text (char       **field,
               const char  *value)
{
  g_autofree char *stripped = value ? g_strstrip (g_strdup (value)) : NULL;

  if (stripped != NULL && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (*field, stripped) == 0)
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&stripped);
  return TRUE;
}

/* Sets a time field of a domain object; returns whether it changed, for notify. */
gboolean
_mdg_set_date_time (GDateTime **field,
                    GDateTime  *value)
{
  if (*field == value || (*field && value && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  return TRUE;
}

/*
 * Search as you type, the same everywhere: every space-separated word of the query
 * must appear somewhere in the text. Both are folded with mdg_kana_fold() already.
 */
gboolean
_mdg_words_match (const char *folded_text,
                  const char *folded_query)
{
  const char *p = folded_query;

  if (folded_query == NULL)
    return TRUE;

  while (*p)
    {
      const char *end = p;

      while (*end && *end != ' ' && *end != '\t')
        end++;
      if (end > p)
        {
          g_autofree char *word = g_strndup (p, end - p);

          if (folded_text == NULL || strstr (folded_text, word) == NULL)
            return FALSE;
        }
      p = *end ? end + 1 : end;
    }
  return TRUE;
}

/* Returns: (transfer full) (nullable): what went wrong, for a message; %NULL when loaded */
static gpointer
load_library (gpointer data)
{
  MdgLibrary *library = data;
  GModule *module = g_module_open (library->soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    return g_strdup (g_module_error ());
  for (guint i = 0; i < library->n_symbols; i++)
    if (!g_module_symbol (module, library->symbols[i].name,
                          (gpointer *) G_STRUCT_MEMBER_P (library->table, library->symbols[i].offset)))
      {
        char *problem = g_strdup (g_module_error ());

        g_module_close (module);
        return problem;
      }
  g_module_make_resident (module);
  if (library->loaded != NULL)
    library->loaded ();
  return NULL;
}

/**
 * _mdg_library_ensure:
 * @library: a library only some work needs (Poppler for slide decks, libpq for the team
 *   server, libsoup for feeds…)
 *
 * Loads @library the first time it is called, from whichever thread, instead of at
 * every start of the window, fills its table and sets it up. It stays loaded.
 *
 * Returns: (nullable): what went wrong, for a message; %NULL when the table is ready
 */
const char *
_mdg_library_ensure (MdgLibrary *library)
{
  return g_once (&library->once, load_library, library);
}
