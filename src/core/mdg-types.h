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
typedef struct _MdgDeck        MdgDeck;
typedef struct _MdgDeckRevision MdgDeckRevision;
typedef struct _MdgStaff       MdgStaff;
typedef struct _MdgConsultation MdgConsultation;
typedef struct _MdgFollowUp    MdgFollowUp;
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

/* How a slide of one deck revision relates to the other revision's. */
typedef enum
{
  MDG_SLIDE_SAME,     /* the same text and the same picture */
  MDG_SLIDE_CHANGED,  /* the same slide, edited: its text or its picture differs */
  MDG_SLIDE_ADDED,    /* only in the newer revision */
  MDG_SLIDE_REMOVED,  /* only in the older revision */
} MdgSlideChange;

typedef enum
{
  MDG_STAFF_ROLE_FIRST_LINE,
  MDG_STAFF_ROLE_SECOND_LINE,
  MDG_STAFF_ROLE_COORDINATOR,
} MdgStaffRole;

typedef enum
{
  MDG_CHANNEL_PHONE,
  MDG_CHANNEL_WEB_FORM,
  MDG_CHANNEL_EMAIL,
  MDG_CHANNEL_WALK_IN,
  MDG_CHANNEL_ON_SITE,
} MdgChannel;

/* Keep the numeric order: it is the order of the workflow. */
typedef enum
{
  MDG_CONSULTATION_STATE_NEW,
  MDG_CONSULTATION_STATE_DISPATCHED,
  MDG_CONSULTATION_STATE_IN_PROGRESS,
  MDG_CONSULTATION_STATE_ANSWERED,
  MDG_CONSULTATION_STATE_CLOSED,
} MdgConsultationState;

typedef enum
{
  MDG_URGENCY_LOW,
  MDG_URGENCY_NORMAL,
  MDG_URGENCY_HIGH,
  MDG_URGENCY_URGENT,
} MdgUrgency;

typedef enum
{
  MDG_TIER_FIRST_LINE,
  MDG_TIER_SECOND_LINE,
} MdgTier;

/* What an event in a consultation's history records. */
typedef enum
{
  MDG_CONSULTATION_ACTION_CREATED,
  MDG_CONSULTATION_ACTION_EDITED,
  MDG_CONSULTATION_ACTION_DISPATCHED,
  MDG_CONSULTATION_ACTION_STARTED,
  MDG_CONSULTATION_ACTION_ANSWERED,
  MDG_CONSULTATION_ACTION_CLOSED,
  MDG_CONSULTATION_ACTION_REOPENED,
  MDG_CONSULTATION_ACTION_REFERRED,
  MDG_CONSULTATION_ACTION_REPLIED,
} MdgConsultationAction;

typedef enum
{
  MDG_CONSULTATION_QUEUE_ALL,
  MDG_CONSULTATION_QUEUE_MINE,
  MDG_CONSULTATION_QUEUE_UNASSIGNED,
  MDG_CONSULTATION_QUEUE_DISPATCHED,
  MDG_CONSULTATION_QUEUE_WAITING_FOLLOW_UP,
  MDG_CONSULTATION_QUEUE_OVERDUE,
} MdgConsultationQueue;

typedef enum
{
  MDG_FOLLOW_UP_STATE_OPEN,
  MDG_FOLLOW_UP_STATE_DONE,
} MdgFollowUpState;

typedef enum
{
  MDG_SLOT_STATE_OPEN,
  MDG_SLOT_STATE_BOOKED,
  MDG_SLOT_STATE_HELD,
} MdgSlotState;

typedef enum
{
  MDG_HOLIDAY_NATIONAL,     /* 国民の祝日 */
  MDG_HOLIDAY_SUBSTITUTE,   /* 振替休日 */
  MDG_HOLIDAY_CITIZENS,     /* 国民の休日, between two holidays */
  MDG_HOLIDAY_SPECIAL,      /* by a law of its own: 即位の日, 大喪の礼… */
} MdgHolidayKind;
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
