/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-document.h"

G_BEGIN_DECLS

typedef enum
{
  MDG_ATTENDEE_SHEET_LIST,     /* 受付名簿: who is expected */
  MDG_ATTENDEE_SHEET_SIGN_IN,  /* sign-in sheet: check box and signature per person, at the venue */
  MDG_ATTENDEE_SHEET_ONLINE,   /* who attends online, apart from the door's sheets */
} MdgAttendeeSheetKind;

#define MDG_TYPE_ATTENDEE_SHEET (mdg_attendee_sheet_get_type ())

G_DECLARE_FINAL_TYPE (MdgAttendeeSheet, mdg_attendee_sheet, MDG, ATTENDEE_SHEET, MdgDocument)

MdgDocument *mdg_attendee_sheet_new (MdgSeminar           *seminar,
                                     GPtrArray            *attendees,
                                     MdgAttendeeSheetKind  kind);

G_END_DECLS
