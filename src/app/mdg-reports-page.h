/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-report.h"
#include "mdg-section.h"

G_BEGIN_DECLS

#define MDG_TYPE_REPORTS_PAGE (mdg_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (MdgReportsPage, mdg_reports_page, MDG, REPORTS_PAGE, MdgSection)

void                    mdg_reports_page_set_month  (MdgReportsPage *self,
                                                     int             year,
                                                     int             month);
void                    mdg_reports_page_get_month  (MdgReportsPage *self,
                                                     int            *year,
                                                     int            *month);
const MdgMonthlyReport *mdg_reports_page_get_report (MdgReportsPage *self);

G_END_DECLS
