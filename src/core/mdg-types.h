/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _MdgDatabase    MdgDatabase;
typedef struct _MdgSeminar     MdgSeminar;
typedef struct _MdgProgramItem MdgProgramItem;
typedef struct _MdgAttendee    MdgAttendee;
typedef struct _MdgPerson      MdgPerson;
typedef struct _MdgOrganization MdgOrganization;

/* Keep the numeric order: it is the order of the workflow. */
typedef enum
{
  MDG_SEMINAR_STATUS_PLANNED,
  MDG_SEMINAR_STATUS_OPEN,
  MDG_SEMINAR_STATUS_CLOSED,
  MDG_SEMINAR_STATUS_HELD,
  MDG_SEMINAR_STATUS_REPORTED,
} MdgSeminarStatus;

typedef enum
{
  MDG_PROGRAM_KIND_PRESENTATION,
  MDG_PROGRAM_KIND_CONSULTATION,
  MDG_PROGRAM_KIND_QA,
  MDG_PROGRAM_KIND_BREAK,
} MdgProgramKind;

typedef enum
{
  MDG_REGISTRATION_STATUS_REGISTERED,
  MDG_REGISTRATION_STATUS_WAITLISTED,
  MDG_REGISTRATION_STATUS_CANCELLED,
} MdgRegistrationStatus;

typedef enum
{
  MDG_REGISTRATION_SOURCE_MANUAL,
  MDG_REGISTRATION_SOURCE_CSV,
  MDG_REGISTRATION_SOURCE_WEB_FORM,
} MdgRegistrationSource;

/* How a registered person attends; unknown reads as at the venue. */
typedef enum
{
  MDG_ATTENDANCE_UNKNOWN,
  MDG_ATTENDANCE_VENUE,
  MDG_ATTENDANCE_ONLINE,
} MdgAttendance;

typedef enum
{
  MDG_SEARCH_KIND_PERSON = 1,
  MDG_SEARCH_KIND_ORGANIZATION = 2,
  MDG_SEARCH_KIND_SEMINAR = 3,
} MdgSearchKind;

typedef enum
{
  MDG_DEMO_SIZE_SMALL,
  MDG_DEMO_SIZE_LARGE,
} MdgDemoSize;

typedef enum /*< flags >*/
{
  MDG_DATE_DEFAULT = 0,
  MDG_DATE_ERA = 1 << 0,
} MdgDateFlags;

G_END_DECLS
