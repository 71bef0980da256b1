/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-editor"

#include "config.h"

#include "mdg-editor-util.h"

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
