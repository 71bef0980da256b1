/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mdg-desk.h"
#include "mdg-faq-entry.h"
#include "mdg-types.h"

G_BEGIN_DECLS

/* What every published page shares: the language, the desk, the way back. */
typedef struct
{
  const char           *lang;      /* "ja" or "en" */
  const char           *root;      /* "" for a page at the top, "../" one folder down */
  const MdgDeskContact *desk;
  const char           *style;     /* inline CSS, or NULL to link root/style.css */
  gboolean              nav;       /* the site's navigation between notices and FAQ */
} MdgHtmlPage;

const char *_mdg_html_language        (void);
const char *_mdg_html_desk_name       (const MdgDeskContact *desk);
const char *_mdg_html_stylesheet      (void);
const char *_mdg_html_kind_page       (MdgNoticeKind         kind);
void        _mdg_html_append_escaped  (GString              *out,
                                       const char           *text);
void        _mdg_html_begin           (GString              *out,
                                       const MdgHtmlPage    *page,
                                       const char           *title,
                                       const char           *head_extra);
void        _mdg_html_end             (GString              *out,
                                       const MdgHtmlPage    *page);
void        _mdg_html_append_faq_body (GString              *out,
                                       MdgFaqEntry          *entry,
                                       gboolean              era_dates);
gboolean    _mdg_html_write_file      (const char           *path,
                                       const char           *contents,
                                       gsize                 length,
                                       GError              **error);

G_END_DECLS
