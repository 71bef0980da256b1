/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-topic-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-date.h"
#include "mdg-document-private.h"
#include "mdg-feed-item.h"
#include "mdg-flow-private.h"
#include "mdg-packet-section.h"
#include "mdg-topic-sheet.h"

/*
 * The "latest threats" page of a seminar's packet (最新の脅威情報): the items picked
 * for the seminar, most severe first, each with its severity in JVN's words, its source
 * and date, its CVE ids, a short summary and the address to read more. It prints
 * alone, or as a part of the packet (MdgPacketSection), in the packet's frame.
 */

struct _MdgTopicSheet
{
  MdgDocument  parent_instance;

  GPtrArray   *items;   /* MdgFeedItem */
  MdgFlow     *flow;
};

static void packet_section_iface_init (MdgPacketSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgTopicSheet, mdg_topic_sheet, MDG_TYPE_DOCUMENT,
                               G_IMPLEMENT_INTERFACE (MDG_TYPE_PACKET_SECTION, packet_section_iface_init))

/* A summary on a handout is a reminder, not the advisory: about five lines. */
#define SUMMARY_CHARS 220

static void
mdg_topic_sheet_finalize (GObject *object)
{
  MdgTopicSheet *self = (MdgTopicSheet *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->flow, _mdg_flow_free);

  G_OBJECT_CLASS (mdg_topic_sheet_parent_class)->finalize (object);
}

static const char *
severity_colour (MdgSeverity severity)
{
  switch (severity)
    {
    case MDG_SEVERITY_CRITICAL: return "#a51d2d";
    case MDG_SEVERITY_HIGH: return "#c64600";
    case MDG_SEVERITY_MEDIUM: return "#986a44";
    case MDG_SEVERITY_LOW:
    case MDG_SEVERITY_UNKNOWN:
    default: return "#555555";
    }
}

static char *
short_summary (const char *summary)
{
  g_autofree char *flat = g_strdup (summary ? summary : "");
  g_autofree char *cut = NULL;

  g_strdelimit (flat, "\n", ' ');
  if (g_utf8_strlen (flat, -1) <= SUMMARY_CHARS)
    return g_steal_pointer (&flat);
  cut = g_utf8_substring (flat, 0, SUMMARY_CHARS);
  return g_strconcat (cut, "…", NULL);
}

/* Pours the items into @flow, a column @column points wide. */
static void
fill_flow (MdgFlow   *flow,
           GPtrArray *items,
           cairo_t   *cr,
           double     column,
           gboolean   era_dates)
{
  if (items->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (_("No threat information was picked for this seminar."), -1);
      g_autoptr(PangoLayout) layout = _mdg_flow_markup_layout (cr, 11, FALSE, column, none);

      _mdg_flow_add_layout (flow, layout, 0, 0, MDG_FLOW_BREAKS);
    }

  for (guint i = 0; i < items->len; i++)
    {
      MdgFeedItem *item = g_ptr_array_index (items, i);
      MdgSeverity severity = mdg_feed_item_get_severity (item);
      const char * const *cve_ids = mdg_feed_item_get_cve_ids (item);
      g_autoptr(GString) meta = g_string_new (mdg_feed_item_get_source_name (item));
      g_autofree char *summary = short_summary (mdg_feed_item_get_summary (item));
      g_autofree char *title = NULL;
      g_autofree char *meta_markup = NULL;
      g_autofree char *summary_markup = NULL;
      g_autofree char *link_markup = NULL;
      g_autoptr(PangoLayout) title_layout = NULL;
      g_autoptr(PangoLayout) meta_layout = NULL;
      g_autoptr(PangoLayout) summary_layout = NULL;
      g_autoptr(PangoLayout) link_layout = NULL;

      if (severity != MDG_SEVERITY_UNKNOWN)
        title = g_markup_printf_escaped ("<span foreground=\"%s\">【%s】</span><b>%s</b>", severity_colour (severity),
                                         mdg_severity_get_label (severity), mdg_feed_item_get_title (item));
      else
        title = g_markup_printf_escaped ("<b>%s</b>", mdg_feed_item_get_title (item));

      if (mdg_feed_item_get_published_at (item) != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (mdg_feed_item_get_published_at (item));
          g_autofree char *date = mdg_date_format (local, era_dates ? MDG_DATE_ERA
                                                                                              : MDG_DATE_DEFAULT);

          g_string_append_printf (meta, "　%s", date);
        }
      if (cve_ids[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) cve_ids);

          g_string_append_printf (meta, "　%s", joined);
        }
      meta_markup = g_markup_printf_escaped ("<span foreground=\"#555555\">%s</span>", meta->str);

      title_layout = _mdg_flow_markup_layout (cr, 11, FALSE, column, title);
      meta_layout = _mdg_flow_markup_layout (cr, 8, FALSE, column, meta_markup);
      _mdg_flow_add_layout (flow, title_layout, 0, i == 0 ? 0 : 14, MDG_FLOW_WITH_NEXT);
      _mdg_flow_add_layout (flow, meta_layout, 0, 2, MDG_FLOW_WITH_NEXT);
      if (*summary != '\0')
        {
          summary_markup = g_markup_escape_text (summary, -1);
          summary_layout = _mdg_flow_markup_layout (cr, 9.5, FALSE, column, summary_markup);
          _mdg_flow_add_layout (flow, summary_layout, 0, 3, MDG_FLOW_BREAKS);
        }
      if (mdg_feed_item_get_link (item) != NULL)
        {
          link_markup = g_markup_printf_escaped ("<span foreground=\"#1a5fb4\">%s</span>", mdg_feed_item_get_link (item));
          link_layout = _mdg_flow_markup_layout (cr, 8, FALSE, column, link_markup);
          _mdg_flow_add_layout (flow, link_layout, 0, 2, MDG_FLOW_BREAKS);
        }
    }

}

static guint
mdg_topic_sheet_paginate (MdgDocument *document,
                          cairo_t     *cr,
                          double       width,
                          double       height)
{
  MdgTopicSheet *self = MDG_TOPIC_SHEET (document);
  double margin = _mdg_document_get_margin ();
  double column = width - 2 * margin;
  double top;

  /* The header's height is the same on every page. */
  top = _mdg_document_measure_header (document, FALSE);

  g_clear_pointer (&self->flow, _mdg_flow_free);
  self->flow = _mdg_flow_new (margin, column, top, top,
                              height - margin - _mdg_document_get_footer_height () - MDG_FLOW_FOOT_GAP);
  fill_flow (self->flow, self->items, cr, column, _mdg_document_get_era_dates (document));
  return _mdg_flow_get_n_pages (self->flow);
}

static void
mdg_topic_sheet_draw_page (MdgDocument *document,
                           cairo_t     *cr,
                           guint        page)
{
  MdgTopicSheet *self = MDG_TOPIC_SHEET (document);

  _mdg_document_draw_header (document, cr, _("Latest threat information"), NULL);
  _mdg_flow_draw_page (self->flow, cr, page, _mdg_flow_get_top (self->flow, page));
  _mdg_document_draw_footer (document, cr, page, FALSE);
}

static char *
section_dup_title (MdgPacketSection *section)
{
  return g_strdup (_("Latest threat information"));
}

/* In the packet, the body is the packet's: no header or footer of the sheet's own. */
static guint
section_paginate (MdgPacketSection *section,
                  cairo_t          *cr,
                  double            width,
                  double            height)
{
  MdgTopicSheet *self = MDG_TOPIC_SHEET (section);

  g_clear_pointer (&self->flow, _mdg_flow_free);
  self->flow = _mdg_flow_new (0, width, 0, 0, height);
  fill_flow (self->flow, self->items, cr, width, _mdg_document_get_era_dates (MDG_DOCUMENT (self)));
  return _mdg_flow_get_n_pages (self->flow);
}

static void
section_draw_body (MdgPacketSection *section,
                   cairo_t          *cr,
                   guint             page,
                   double            width,
                   double            height)
{
  MdgTopicSheet *self = MDG_TOPIC_SHEET (section);

  _mdg_flow_draw_page (self->flow, cr, page, _mdg_flow_get_top (self->flow, page));
}

static void
packet_section_iface_init (MdgPacketSectionInterface *iface)
{
  iface->dup_title = section_dup_title;
  iface->paginate = section_paginate;
  iface->draw_body = section_draw_body;
}

static void
mdg_topic_sheet_class_init (MdgTopicSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_topic_sheet_finalize;
  document_class->paginate = mdg_topic_sheet_paginate;
  document_class->draw_page = mdg_topic_sheet_draw_page;
}

static void
mdg_topic_sheet_init (MdgTopicSheet *self)
{
}

/**
 * mdg_topic_sheet_new:
 * @seminar: the seminar whose packet it is
 * @items: (element-type MdgFeedItem): the items picked for it
 *   (mdg_feed_store_list_seminar_topics()); referenced
 *
 * Returns: (transfer full): the "latest threats" pages
 */
MdgDocument *
mdg_topic_sheet_new (MdgSeminar *seminar,
                     GPtrArray  *items)
{
  MdgTopicSheet *self;

  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (MDG_TYPE_TOPIC_SHEET, "seminar", seminar, NULL);
  self->items = g_ptr_array_ref (items);
  return MDG_DOCUMENT (self);
}
