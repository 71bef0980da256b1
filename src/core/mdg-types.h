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
typedef struct _MdgFeedSource  MdgFeedSource;
typedef struct _MdgFeedItem    MdgFeedItem;
typedef struct _MdgSavedSearch MdgSavedSearch;
typedef struct _MdgFaqEntry    MdgFaqEntry;
typedef struct _MdgNotice      MdgNotice;

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

typedef enum
{
  MDG_FEED_FORMAT_RSS1,
  MDG_FEED_FORMAT_RSS2,
  MDG_FEED_FORMAT_ATOM,
} MdgFeedFormat;

/* JVN's words for CVSS severities: 注意, 警告, 重要, 緊急. Keep the numeric order. */
typedef enum
{
  MDG_SEVERITY_UNKNOWN,
  MDG_SEVERITY_LOW,
  MDG_SEVERITY_MEDIUM,
  MDG_SEVERITY_HIGH,
  MDG_SEVERITY_CRITICAL,
} MdgSeverity;

/* Which items of the reader a list shows. */
typedef enum
{
  MDG_FEED_ITEM_STATE_ALL,
  MDG_FEED_ITEM_STATE_UNREAD,
  MDG_FEED_ITEM_STATE_STARRED,
  MDG_FEED_ITEM_STATE_PICKED,
} MdgFeedItemState;

/* What a threat item can be attached to, besides a seminar. */
typedef enum
{
  MDG_ATTACH_CONSULTATION,
  MDG_ATTACH_FOLLOW_UP,
} MdgAttachKind;

/* お知らせ, トピックス, 脅威情報: the three lists of the desk's portal. */
typedef enum
{
  MDG_NOTICE_KIND_NEWS,
  MDG_NOTICE_KIND_TOPIC,
  MDG_NOTICE_KIND_THREAT,
} MdgNoticeKind;

G_END_DECLS
