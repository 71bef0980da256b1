/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-document.h"
#include "mdg-report.h"

G_BEGIN_DECLS

#define MDG_TYPE_REPORT_DOCUMENT (mdg_report_document_get_type ())

G_DECLARE_FINAL_TYPE (MdgReportDocument, mdg_report_document, MDG, REPORT_DOCUMENT, MdgDocument)

MdgDocument *mdg_report_document_new (MdgMonthlyReport *report,
                                      const char       *desk_name);

G_END_DECLS
