/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mdg-attendee.h"
#include "mdg-csv.h"

G_BEGIN_DECLS

GBytes *mdg_attendee_export_csv (GPtrArray       *attendees,
                                 MdgCsvEncoding   encoding,
                                 GPtrArray      **unencodable);
JsonNode *mdg_attendee_export_json (GPtrArray     *attendees);

G_END_DECLS
