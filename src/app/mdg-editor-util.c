/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-editor"

#include "config.h"

#include <string.h>

#include "mdg-editor-util.h"
#include "mdg-text.h"

/* Shows why a save failed, above the form, so nothing typed is lost. */
void
_mdg_editor_show_error (GtkRevealer *revealer,
                        GtkLabel    *label,
                        const char  *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_revealer_set_reveal_child (revealer, message != NULL);
}

/* Returns: (transfer full) (nullable): the trimmed text, or %NULL when blank */
char *
_mdg_editor_dup_text (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/*
 * A time as people type it: 14:00, 14.00, 1400, 9:5, 14 — in either width (the IME
 * may be in full-width mode). Returns whether @text is one.
 */
gboolean
_mdg_editor_parse_time (const char *text,
                        int        *hour,
                        int        *minute)
{
  g_autofree char *normal = mdg_text_normalize (text);
  g_autofree char *digits = NULL;
  char *separator;
  guint64 h = 0, m = 0;

  if (normal == NULL || *g_strstrip (normal) == '\0')
    return FALSE;

  separator = strpbrk (normal, ":.");
  if (separator != NULL)
    {
      *separator = '\0';
      if (!g_ascii_string_to_unsigned (normal, 10, 0, 23, &h, NULL) ||
          !g_ascii_string_to_unsigned (g_strstrip (separator + 1), 10, 0, 59, &m, NULL))
        return FALSE;
    }
  else
    {
      guint64 value;
      gsize length = strlen (normal);

      if (length > 4 || !g_ascii_string_to_unsigned (normal, 10, 0, 2359, &value, NULL))
        return FALSE;
      /* "14" is an hour, "1400" and "930" are hours and minutes. */
      h = length <= 2 ? value : value / 100;
      m = length <= 2 ? 0 : value % 100;
      if (h > 23 || m > 59)
        return FALSE;
    }
  *hour = (int) h;
  *minute = (int) m;
  return TRUE;
}

/* A count typed in a field where blank means "none" (no limit, unknown): blank is 0. */
gboolean
_mdg_editor_parse_count (const char *text,
                         guint      *count)
{
  g_autofree char *normal = mdg_text_normalize (text);
  guint64 value;

  *count = 0;
  if (normal == NULL || *g_strstrip (normal) == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (normal, 10, 1, G_MAXINT, &value, NULL))
    return FALSE;
  *count = (guint) value;
  return TRUE;
}

/* Shows a count in such a field: 0 shows as blank. */
void
_mdg_editor_set_count (GtkEditable *editable,
                       guint        count)
{
  g_autofree char *text = count > 0 ? g_strdup_printf ("%u", count) : g_strdup ("");

  gtk_editable_set_text (editable, text);
}
