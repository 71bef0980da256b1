/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-types.h"

G_BEGIN_DECLS

/* One page of a deck revision, with what identifies it across revisions. */
typedef struct
{
  guint  page;          /* counting from 1 */
  char  *label;         /* the PDF's own page label, or NULL */
  char  *text;          /* the page's text, as Poppler extracts it */
  char  *render_hash;   /* SHA-256 of a small rendering: pictures count too */
  char  *explanation;   /* the explanatory text (解説文); "" when none */
} MdgSlidePage;

MdgSlidePage *mdg_slide_page_new  (guint         page,
                                   const char   *label,
                                   const char   *text,
                                   const char   *render_hash);
void          mdg_slide_page_free (MdgSlidePage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgSlidePage, mdg_slide_page_free)

/* One line of a comparison: a page of either revision, or a page of both. */
typedef struct
{
  MdgSlideChange change;
  guint          old_page;  /* 0 when the slide was added */
  guint          new_page;  /* 0 when the slide was removed */
} MdgSlideDiff;

GArray *mdg_slide_match        (GPtrArray  *old_pages,
                                GPtrArray  *new_pages);
double  mdg_slide_text_similarity (const char *a,
                                   const char *b);

G_END_DECLS
