/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-report.h"

G_BEGIN_DECLS

char *mdg_report_export_csv (const MdgMonthlyReport *report);

G_END_DECLS
