/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * One page of a deck as publishing needs it: its title, its picture and the explanatory
 * text (解説文) presenters read. The deck library renders the picture; the EPUB and
 * the PDF of explanatory texts only read these.
 */
typedef struct
{
  char   *title;  /* may be NULL: "Slide n" is used */
  GBytes *png;    /* the slide rendered as PNG */
  char   *text;   /* Markdown-like plain text; may be NULL */
} MdgPublishPage;

#define MDG_TYPE_PUBLISH_PAGE (mdg_publish_page_get_type ())

GType           mdg_publish_page_get_type (void) G_GNUC_CONST;
MdgPublishPage *mdg_publish_page_new      (const char     *title,
                                           GBytes         *png,
                                           const char     *text);
MdgPublishPage *mdg_publish_page_ref      (MdgPublishPage *page);
void            mdg_publish_page_unref    (MdgPublishPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgPublishPage, mdg_publish_page_unref)

G_END_DECLS
