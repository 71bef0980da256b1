/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-database.h"
#include "mdg-desk.h"
#include "mdg-document.h"

G_BEGIN_DECLS

#define MDG_TYPE_FAQ_DOCUMENT (mdg_faq_document_get_type ())

G_DECLARE_FINAL_TYPE (MdgFaqDocument, mdg_faq_document, MDG, FAQ_DOCUMENT, MdgDocument)

MdgDocument *mdg_faq_document_new      (GPtrArray             *chapters,
                                        const MdgDeskContact  *desk);
gboolean     mdg_faq_export_pdf        (MdgDatabase           *db,
                                        const char            *path,
                                        gboolean               era_dates,
                                        GError               **error);
void         mdg_faq_export_pdf_async  (MdgDatabase           *db,
                                        const char            *path,
                                        gboolean               era_dates,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
gboolean     mdg_faq_export_pdf_finish (MdgDatabase           *db,
                                        GAsyncResult          *result,
                                        GError               **error);

G_END_DECLS
