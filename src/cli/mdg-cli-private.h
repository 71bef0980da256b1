/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mdg-cli-table.h"
#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

/* Exit codes: 0 success, 1 the command failed, 2 the command line was wrong. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

struct _Globals
{
  const char          *database;
  gboolean             json;
  const char          *staff;    /* --as STAFF, or $MADOGUCHI_STAFF: who makes the changes */
  const MdgCliCommand *command;  /* the one being run */
};

int          _mdg_cli_fail               (GError        *error);
int          _mdg_cli_usage              (const char    *message);
char        *_mdg_cli_database_path      (Globals       *globals);
MdgDatabase *_mdg_cli_open_database      (Globals       *globals,
                                          GError       **error);
gboolean     _mdg_cli_parse              (Globals       *globals,
                                          int           *argc,
                                          char        ***argv,
                                          int           *status,
                                          ...) G_GNUC_NULL_TERMINATED;
/* Fills one JSON object with the members of @item. */
typedef void (*MdgJsonMembers) (JsonBuilder *builder,
                                gpointer     item);

void         _mdg_cli_print_json_node    (JsonNode      *node);
void         _mdg_cli_print_json         (JsonBuilder   *builder);
void         _mdg_cli_print_json_array   (GPtrArray     *items,
                                          MdgJsonMembers add_members);
void         _mdg_cli_print_json_object  (gpointer       item,
                                          MdgJsonMembers add_members);
void         _mdg_cli_json_objects       (JsonBuilder   *builder,
                                          const char    *name,
                                          GPtrArray     *items,
                                          MdgJsonMembers add_members);
void         _mdg_cli_json_string        (JsonBuilder   *builder,
                                          const char    *name,
                                          const char    *value);
void         _mdg_cli_json_int           (JsonBuilder   *builder,
                                          const char    *name,
                                          gint64         value);
void         _mdg_cli_json_id            (JsonBuilder   *builder,
                                          const char    *name,
                                          gint64         value);
void         _mdg_cli_json_bool          (JsonBuilder   *builder,
                                          const char    *name,
                                          gboolean       value);
void         _mdg_cli_json_ids           (JsonBuilder   *builder,
                                          const char    *name,
                                          GArray        *ids);
void         _mdg_cli_json_time          (JsonBuilder   *builder,
                                          const char    *name,
                                          GDateTime     *value);
char        *_mdg_cli_iso8601            (GDateTime     *date_time);
gboolean     _mdg_cli_parse_id           (const char    *text,
                                          gint64        *id);
void         _mdg_cli_warn_personal_data (const char    *path);
void         _mdg_cli_report_written     (const char    *path,
                                          gboolean       personal_data);
MdgSeminar  *_mdg_cli_load_seminar_arg   (MdgDatabase   *db,
                                          const char    *arg,
                                          GError       **error);

gint64       _mdg_cli_resolve_actor      (Globals       *globals,
                                          MdgDatabase   *db,
                                          GError       **error);
int          _mdg_cli_print_document     (gpointer       document,
                                          const char    *output,
                                          gboolean       era,
                                          gboolean       personal_data);

GDateTime   *_mdg_cli_parse_date         (const char    *text);

/* The commands of the table (mdg-cli-table.c), each in the file of its area. */
int          _mdg_cli_demo                           (Globals *globals, int argc, char **argv);
int          _mdg_cli_check                          (Globals *globals, int argc, char **argv);
int          _mdg_cli_backup                         (Globals *globals, int argc, char **argv);
int          _mdg_cli_restore                        (Globals *globals, int argc, char **argv);
int          _mdg_cli_search                         (Globals *globals, int argc, char **argv);
int          _mdg_cli_seminar_list                   (Globals *globals, int argc, char **argv);
int          _mdg_cli_seminar_show                   (Globals *globals, int argc, char **argv);
int          _mdg_cli_seminar_add                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_seminar_ics                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_attendees_import               (Globals *globals, int argc, char **argv);
int          _mdg_cli_attendees_list                 (Globals *globals, int argc, char **argv);
int          _mdg_cli_attendees_export               (Globals *globals, int argc, char **argv);
int          _mdg_cli_checkin                        (Globals *globals, int argc, char **argv);
int          _mdg_cli_person_export                  (Globals *globals, int argc, char **argv);
int          _mdg_cli_person_delete                  (Globals *globals, int argc, char **argv);
int          _mdg_cli_desk_show                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_desk_set                       (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_import                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_revise                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_list                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_show                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_notes                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_notes_export              (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_attach                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_deck_epub                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_handout                        (Globals *globals, int argc, char **argv);
int          _mdg_cli_packet                         (Globals *globals, int argc, char **argv);
int          _mdg_cli_staff_add                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_staff_list                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_add               (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_import_mail       (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_import            (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_dispatch          (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_suggest           (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_start             (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_answer            (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_close             (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_reopen            (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_refer             (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_show              (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_list              (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_queues            (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_reply             (Globals *globals, int argc, char **argv);
int          _mdg_cli_consultation_sheet             (Globals *globals, int argc, char **argv);
int          _mdg_cli_followup_add                   (Globals *globals, int argc, char **argv);
int          _mdg_cli_followup_list                  (Globals *globals, int argc, char **argv);
int          _mdg_cli_followup_done                  (Globals *globals, int argc, char **argv);
int          _mdg_cli_letter                         (Globals *globals, int argc, char **argv);
int          _mdg_cli_calendar_holidays              (Globals *globals, int argc, char **argv);
int          _mdg_cli_calendar_add_business_days     (Globals *globals, int argc, char **argv);
int          _mdg_cli_calendar_closed_days           (Globals *globals, int argc, char **argv);
int          _mdg_cli_report_monthly                 (Globals *globals, int argc, char **argv);
int          _mdg_cli_category_list                  (Globals *globals, int argc, char **argv);
int          _mdg_cli_referral_list                  (Globals *globals, int argc, char **argv);
int          _mdg_cli_slots_add                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_slots_list                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_slots_book                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_slots_hold                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_slots_print                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_feed_list                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_feed_add                       (Globals *globals, int argc, char **argv);
int          _mdg_cli_feed_remove                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_feed_fetch                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_feed_items                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_feed_settings                  (Globals *globals, int argc, char **argv);
int          _mdg_cli_topic_pick                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_topic_unpick                   (Globals *globals, int argc, char **argv);
int          _mdg_cli_topic_list                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_topic_faq                      (Globals *globals, int argc, char **argv);
int          _mdg_cli_topic_attach                   (Globals *globals, int argc, char **argv);
int          _mdg_cli_faq_add                        (Globals *globals, int argc, char **argv);
int          _mdg_cli_faq_list                       (Globals *globals, int argc, char **argv);
int          _mdg_cli_faq_from_consultation          (Globals *globals, int argc, char **argv);
int          _mdg_cli_faq_export                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_notice_add                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_notice_list                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_publish_site                   (Globals *globals, int argc, char **argv);
int          _mdg_cli_sync_setup                     (Globals *globals, int argc, char **argv);
int          _mdg_cli_sync_now                       (Globals *globals, int argc, char **argv);
int          _mdg_cli_sync_status                    (Globals *globals, int argc, char **argv);
int          _mdg_cli_sync_conflicts                 (Globals *globals, int argc, char **argv);
int          _mdg_cli_sync_resolve                   (Globals *globals, int argc, char **argv);

G_END_DECLS
