/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminar-packet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-date.h"
#include "mdg-deck-store.h"
#include "mdg-document-private.h"
#include "mdg-handout-private.h"
#include "mdg-category.h"
#include "mdg-seminar-packet.h"
#include "mdg-seminar-store.h"

/*
 * The seminar packet: one PDF to print or send for a seminar. A cover with the
 * contents, the program with its times, the handout of every deck presented, then
 * whatever other parts add (mdg_seminar_packet_add_section()), and last where to get
 * help: the desk's contact and the referral list. Every page after the cover has the
 * same frame, numbered across the whole packet.
 */

/* ---- The program ---- */

#define MDG_TYPE_PACKET_PROGRAM (mdg_packet_program_get_type ())
G_DECLARE_FINAL_TYPE (MdgPacketProgram, mdg_packet_program, MDG, PACKET_PROGRAM, GObject)

struct _MdgPacketProgram
{
  GObject    parent_instance;

  GPtrArray *items;   /* MdgProgramItem, scheduled */
  guint      rows_per_page;
};

#define ROW_HEIGHT 34.0

static void program_iface_init (MdgPacketSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgPacketProgram, mdg_packet_program, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MDG_TYPE_PACKET_SECTION, program_iface_init))

static void
mdg_packet_program_finalize (GObject *object)
{
  g_clear_pointer (&MDG_PACKET_PROGRAM (object)->items, g_ptr_array_unref);
  G_OBJECT_CLASS (mdg_packet_program_parent_class)->finalize (object);
}

static void
mdg_packet_program_class_init (MdgPacketProgramClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_packet_program_finalize;
}

static void
mdg_packet_program_init (MdgPacketProgram *self)
{
}

static char *
program_dup_title (MdgPacketSection *section)
{
  return g_strdup (_("Program"));
}

static guint
program_paginate (MdgPacketSection *section,
                  cairo_t          *cr,
                  double            width,
                  double            height)
{
  MdgPacketProgram *self = MDG_PACKET_PROGRAM (section);

  self->rows_per_page = MAX (1, (guint) (height / ROW_HEIGHT));
  return MAX (1, (self->items->len + self->rows_per_page - 1) / self->rows_per_page);
}

static void
program_draw_body (MdgPacketSection *section,
                   cairo_t          *cr,
                   guint             page,
                   double            width,
                   double            height)
{
  MdgPacketProgram *self = MDG_PACKET_PROGRAM (section);
  g_autoptr(PangoLayout) time = _mdg_document_layout (cr, 11, TRUE);
  g_autoptr(PangoLayout) title = _mdg_document_layout (cr, 11, FALSE);
  g_autoptr(PangoLayout) detail = _mdg_document_layout (cr, 8.5, FALSE);

  if (self->items->len == 0)
    {
      _mdg_document_fit_text (title, _("The program has not been set yet."), width, 20, 11, 9);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, title);
      return;
    }

  for (guint row = 0; row < self->rows_per_page; row++)
    {
      guint index = page * self->rows_per_page + row;
      MdgProgramItem *item;
      g_autofree char *name = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *range = NULL;
      g_autofree char *who = NULL;
      double y = row * ROW_HEIGHT;

      if (index >= self->items->len)
        break;
      item = g_ptr_array_index (self->items, index);
      name = mdg_program_item_dup_display_title (item);
      if (mdg_program_item_get_starts_at (item) != NULL)
        {
          from = mdg_time_format (mdg_program_item_get_starts_at (item));
          to = mdg_time_format (mdg_program_item_get_ends_at (item));
          range = g_strdup_printf ("%s–%s", from, to);
        }
      /* Translators: in the seminar packet's program: the presenter, then the length */
      who = mdg_program_item_get_presenter (item)
              ? g_strdup_printf (_("%s · %u min"), mdg_program_item_get_presenter (item), mdg_program_item_get_minutes (item))
              : g_strdup_printf (_("%u min"), mdg_program_item_get_minutes (item));

      cairo_set_source_rgb (cr, 0, 0, 0);
      _mdg_document_fit_text (time, range ? range : "", width * 0.22, 16, 11, 8);
      cairo_move_to (cr, 0, y + 3);
      pango_cairo_show_layout (cr, time);
      _mdg_document_fit_text (title, name, width * 0.76, 16, 11, 8);
      cairo_move_to (cr, width * 0.24, y + 3);
      pango_cairo_show_layout (cr, title);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      _mdg_document_fit_text (detail, who, width * 0.76, 12, 8.5, 7);
      cairo_move_to (cr, width * 0.24, y + 19);
      pango_cairo_show_layout (cr, detail);

      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, 0, y + ROW_HEIGHT - 1);
      cairo_line_to (cr, width, y + ROW_HEIGHT - 1);
      cairo_stroke (cr);
    }
}

static void
program_iface_init (MdgPacketSectionInterface *iface)
{
  iface->dup_title = program_dup_title;
  iface->paginate = program_paginate;
  iface->draw_body = program_draw_body;
}

/* ---- Where to get help: the desk and the referral list ---- */

#define MDG_TYPE_PACKET_HELP (mdg_packet_help_get_type ())
G_DECLARE_FINAL_TYPE (MdgPacketHelp, mdg_packet_help, MDG, PACKET_HELP, GObject)

struct _MdgPacketHelp
{
  GObject    parent_instance;

  char      *contact;     /* formatted, several lines */
  GPtrArray *referrals;   /* MdgReferral */
  double     list_top;
  guint      first_page_rows;
  guint      rows_per_page;
};

#define REFERRAL_ROW 30.0

static void help_iface_init (MdgPacketSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgPacketHelp, mdg_packet_help, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MDG_TYPE_PACKET_SECTION, help_iface_init))

static void
mdg_packet_help_finalize (GObject *object)
{
  MdgPacketHelp *self = MDG_PACKET_HELP (object);

  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->referrals, g_ptr_array_unref);
  G_OBJECT_CLASS (mdg_packet_help_parent_class)->finalize (object);
}

static void
mdg_packet_help_class_init (MdgPacketHelpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_packet_help_finalize;
}

static void
mdg_packet_help_init (MdgPacketHelp *self)
{
}

static char *
help_dup_title (MdgPacketSection *section)
{
  return g_strdup (_("Where to Get Help"));
}

static PangoLayout *
contact_layout (MdgPacketHelp *self,
                cairo_t       *cr,
                double         width)
{
  PangoLayout *layout = _mdg_document_layout (cr, 11, FALSE);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (layout, 3 * PANGO_SCALE);
  pango_layout_set_text (layout, *self->contact ? self->contact
                                                : _("Ask the desk’s contact at the seminar’s reception."), -1);
  return layout;
}

static guint
help_paginate (MdgPacketSection *section,
               cairo_t          *cr,
               double            width,
               double            height)
{
  MdgPacketHelp *self = MDG_PACKET_HELP (section);
  g_autoptr(PangoLayout) contact = contact_layout (self, cr, width - 24);
  guint rest;
  int w, h;

  pango_layout_get_size (contact, &w, &h);
  /* Heading, the contact in a box, then the list's heading. */
  self->list_top = 24 + (double) h / PANGO_SCALE + 24 + 20 + 28;
  self->first_page_rows = self->list_top < height ? (guint) ((height - self->list_top) / REFERRAL_ROW) : 0;
  self->rows_per_page = MAX (1, (guint) (height / REFERRAL_ROW));
  rest = self->referrals->len > self->first_page_rows ? self->referrals->len - self->first_page_rows : 0;
  return 1 + (rest + self->rows_per_page - 1) / self->rows_per_page;
}

static void
draw_heading (cairo_t    *cr,
              const char *text,
              double      y,
              double      width)
{
  g_autoptr(PangoLayout) layout = _mdg_document_layout (cr, 12, TRUE);

  cairo_set_source_rgb (cr, 0.12, 0.23, 0.45);
  _mdg_document_fit_text (layout, text, width, 18, 12, 9);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
}

static void
help_draw_body (MdgPacketSection *section,
                cairo_t          *cr,
                guint             page,
                double            width,
                double            height)
{
  MdgPacketHelp *self = MDG_PACKET_HELP (section);
  g_autoptr(PangoLayout) name = _mdg_document_layout (cr, 10.5, TRUE);
  g_autoptr(PangoLayout) english = _mdg_document_layout (cr, 8, FALSE);
  g_autoptr(PangoLayout) reach = _mdg_document_layout (cr, 10, FALSE);
  guint first = 0, rows;
  double y = 0;

  if (page == 0)
    {
      g_autoptr(PangoLayout) contact = contact_layout (self, cr, width - 24);
      int w, h;

      draw_heading (cr, _("Questions after the seminar? Ask us"), 0, width);
      pango_layout_get_size (contact, &w, &h);
      cairo_set_source_rgb (cr, 0.93, 0.95, 0.98);
      cairo_rectangle (cr, 0, 24, width, (double) h / PANGO_SCALE + 24);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, 12, 36);
      pango_cairo_show_layout (cr, contact);
      draw_heading (cr, _("Other places that help"), self->list_top - 28, width);
      y = self->list_top;
      rows = self->first_page_rows;
    }
  else
    {
      first = self->first_page_rows + (page - 1) * self->rows_per_page;
      rows = self->rows_per_page;
    }

  for (guint i = first; i < MIN (first + rows, self->referrals->len); i++, y += REFERRAL_ROW)
    {
      MdgReferral *entry = g_ptr_array_index (self->referrals, i);

      cairo_set_source_rgb (cr, 0, 0, 0);
      _mdg_document_fit_text (name, entry->name_ja, width * 0.62, 14, 10.5, 7);
      cairo_move_to (cr, 0, y + 2);
      pango_cairo_show_layout (cr, name);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      _mdg_document_fit_text (english, entry->name_en, width * 0.62, 11, 8, 6);
      cairo_move_to (cr, 0, y + 17);
      pango_cairo_show_layout (cr, english);
      cairo_set_source_rgb (cr, 0, 0, 0);
      _mdg_document_fit_text (reach, entry->contact ? entry->contact : "—", width * 0.36, 14, 10, 7);
      cairo_move_to (cr, width * 0.64, y + 6);
      pango_cairo_show_layout (cr, reach);
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, 0, y + REFERRAL_ROW - 1);
      cairo_line_to (cr, width, y + REFERRAL_ROW - 1);
      cairo_stroke (cr);
    }
}

static void
help_iface_init (MdgPacketSectionInterface *iface)
{
  iface->dup_title = help_dup_title;
  iface->paginate = help_paginate;
  iface->draw_body = help_draw_body;
}

/* ---- The packet ---- */

struct _MdgSeminarPacket
{
  MdgDocument  parent_instance;

  GPtrArray   *sections;   /* MdgPacketSection; the help section last */
  GArray      *first_page; /* per section: its first page in the packet */
  guint        n_handouts;
  char        *subtitle;
  char        *contact;
  char        *desk_name;
};

G_DEFINE_FINAL_TYPE (MdgSeminarPacket, mdg_seminar_packet, MDG_TYPE_DOCUMENT)

static void
mdg_seminar_packet_finalize (GObject *object)
{
  MdgSeminarPacket *self = MDG_SEMINAR_PACKET (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->first_page, g_array_unref);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->desk_name, g_free);

  G_OBJECT_CLASS (mdg_seminar_packet_parent_class)->finalize (object);
}

static guint
mdg_seminar_packet_paginate (MdgDocument *document,
                             cairo_t     *cr,
                             double       width,
                             double       height)
{
  MdgSeminarPacket *self = MDG_SEMINAR_PACKET (document);
  cairo_rectangle_t body;
  guint page = 1;   /* the cover */

  _mdg_handout_get_body (width, height, &body);
  g_array_set_size (self->first_page, 0);
  for (guint i = 0; i < self->sections->len; i++)
    {
      g_array_append_val (self->first_page, page);
      page += mdg_packet_section_paginate (g_ptr_array_index (self->sections, i), cr, body.width, body.height);
    }
  g_array_append_val (self->first_page, page);
  return page;
}

static void
draw_cover (MdgSeminarPacket *self,
            cairo_t          *cr,
            double            width,
            double            height)
{
  MdgSeminar *seminar = mdg_document_get_seminar (MDG_DOCUMENT (self));
  g_autoptr(PangoLayout) kind = _mdg_document_layout (cr, 14, FALSE);
  g_autoptr(PangoLayout) title = _mdg_document_layout (cr, 26, TRUE);
  g_autoptr(PangoLayout) line = _mdg_document_layout (cr, 12, FALSE);
  g_autoptr(PangoLayout) entry = _mdg_document_layout (cr, 11, FALSE);
  double margin = MDG_MM (25), inner = width - 2 * margin, y = height * 0.22;
  int w, h;

  cairo_set_source_rgb (cr, 0.12, 0.23, 0.45);
  cairo_rectangle (cr, 0, 0, width, MDG_MM (14));
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  _mdg_document_fit_text (kind, _("Seminar materials"), inner, 20, 14, 10);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, kind);
  y += 30;

  cairo_set_source_rgb (cr, 0, 0, 0);
  _mdg_document_fit_text (title, mdg_seminar_get_title (seminar), inner, 110, 26, 14);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, title);
  pango_layout_get_size (title, &w, &h);
  y += (double) h / PANGO_SCALE + 18;

  _mdg_document_fit_text (line, self->subtitle, inner, 40, 12, 8);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, line);
  y += 70;

  /* The contents, with where each part begins. */
  cairo_set_source_rgb (cr, 0.12, 0.23, 0.45);
  _mdg_document_fit_text (line, _("Contents"), inner, 18, 12, 8);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, line);
  y += 24;
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < self->sections->len && y < height - MDG_MM (45); i++, y += 20)
    {
      g_autofree char *name = mdg_packet_section_dup_title (g_ptr_array_index (self->sections, i));
      g_autofree char *number = g_strdup_printf ("%u", g_array_index (self->first_page, guint, i) + 1);

      _mdg_document_fit_text (entry, name, inner - 50, 16, 11, 8);
      cairo_move_to (cr, margin + 10, y);
      pango_cairo_show_layout (cr, entry);
      _mdg_document_fit_text (entry, number, 40, 16, 11, 8);
      pango_layout_set_alignment (entry, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, margin + inner - 40, y);
      pango_cairo_show_layout (cr, entry);
      pango_layout_set_alignment (entry, PANGO_ALIGN_LEFT);
    }

  if (self->desk_name != NULL)
    {
      _mdg_document_fit_text (line, self->desk_name, inner, 36, 12, 8);
      cairo_move_to (cr, margin, height - MDG_MM (35));
      pango_cairo_show_layout (cr, line);
    }
}

static void
mdg_seminar_packet_draw_page (MdgDocument *document,
                              cairo_t     *cr,
                              guint        page)
{
  MdgSeminarPacket *self = MDG_SEMINAR_PACKET (document);
  MdgSeminar *seminar = mdg_document_get_seminar (document);
  double width = _mdg_document_get_width (document), height = _mdg_document_get_height (document);
  cairo_rectangle_t body;
  guint section = 0;

  if (page == 0)
    {
      draw_cover (self, cr, width, height);
      return;
    }

  while (section + 1 < self->sections->len && g_array_index (self->first_page, guint, section + 1) <= page)
    section++;

  {
    MdgPacketSection *part = g_ptr_array_index (self->sections, section);
    g_autofree char *name = mdg_packet_section_dup_title (part);

    _mdg_handout_get_body (width, height, &body);
    _mdg_handout_draw_frame (cr, width, height, mdg_seminar_get_title (seminar), self->subtitle, name,
                             self->contact, page, mdg_document_get_n_pages (document));
    cairo_translate (cr, body.x, body.y);
    mdg_packet_section_draw_body (part, cr, page - g_array_index (self->first_page, guint, section), body.width,
                                  body.height);
  }
}

static void
mdg_seminar_packet_class_init (MdgSeminarPacketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MdgDocumentClass *document_class = MDG_DOCUMENT_CLASS (klass);

  object_class->finalize = mdg_seminar_packet_finalize;
  document_class->paginate = mdg_seminar_packet_paginate;
  document_class->draw_page = mdg_seminar_packet_draw_page;
}

static void
mdg_seminar_packet_init (MdgSeminarPacket *self)
{
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
  self->first_page = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * mdg_seminar_packet_new:
 * @db: a #MdgDatabase
 * @seminar_id: the seminar
 * @layout: how each deck's handout is laid out
 * @error: a location for a #GError
 *
 * Reads everything the packet prints: the seminar and its program, the revision of
 * the deck presented in each slot with its slides, the desk's contact and the
 * referral list. Draw it in the thread that made it (Poppler documents belong to one
 * thread).
 *
 * Returns: (transfer full): the packet, or %NULL with @error set
 */
MdgDocument *
mdg_seminar_packet_new (MdgDatabase       *db,
                        gint64             seminar_id,
                        MdgHandoutLayout   layout,
                        GError           **error)
{
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(MdgDeskContact) contact = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MdgSeminarPacket) self = NULL;
  g_autofree char *range = NULL;
  MdgPacketProgram *program;
  MdgPacketHelp *help;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  if (!(seminar = mdg_seminar_store_load (db, seminar_id, error)) ||
      !(items = mdg_program_store_list (db, seminar_id, error)) ||
      !(referrals = mdg_referral_store_list (db, FALSE, error)) ||
      !(contact = mdg_desk_contact_load (db, error)))
    return NULL;

  self = g_object_new (MDG_TYPE_SEMINAR_PACKET, "seminar", seminar, NULL);
  range = mdg_date_range_format (mdg_seminar_get_starts_at (seminar), mdg_seminar_get_ends_at (seminar),
                                 MDG_DATE_DEFAULT);
  self->subtitle = mdg_seminar_get_venue (seminar) ? g_strdup_printf ("%s　%s", range, mdg_seminar_get_venue (seminar))
                                                   : g_steal_pointer (&range);
  self->contact = _mdg_handout_contact_line (contact);
  self->desk_name = contact->name ? g_strdup (contact->name) : NULL;

  mdg_program_schedule (items, mdg_seminar_get_starts_at (seminar), mdg_seminar_get_ends_at (seminar));
  program = g_object_new (MDG_TYPE_PACKET_PROGRAM, NULL);
  program->items = g_ptr_array_ref (items);
  g_ptr_array_add (self->sections, program);

  /* One handout per deck revision presented, in program order. */
  for (guint i = 0; i < items->len; i++)
    {
      MdgProgramItem *item = g_ptr_array_index (items, i);
      g_autoptr(MdgDeckRevision) revision = NULL;
      g_autoptr(MdgDocument) handout = NULL;
      gint64 id;
      gboolean again = FALSE;

      revision = mdg_deck_store_get_program_revision (db, mdg_program_item_get_id (item), &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (revision == NULL)
        continue;
      id = mdg_deck_revision_get_id (revision);
      for (guint j = 0; j < seen->len; j++)
        again |= g_array_index (seen, gint64, j) == id;
      if (again)
        continue;
      g_array_append_val (seen, id);
      handout = mdg_handout_new_for_revision (db, revision, seminar, layout, error);
      if (handout == NULL)
        return NULL;
      g_ptr_array_add (self->sections, g_steal_pointer (&handout));
      self->n_handouts++;
    }

  help = g_object_new (MDG_TYPE_PACKET_HELP, NULL);
  help->contact = mdg_desk_contact_format (contact);
  help->referrals = g_ptr_array_ref (referrals);
  g_ptr_array_add (self->sections, help);

  return MDG_DOCUMENT (g_steal_pointer (&self));
}

/**
 * mdg_seminar_packet_add_section:
 * @self: a #MdgSeminarPacket
 * @section: a part to add (the latest threats, say); the packet keeps a reference
 *
 * Adds a part after the handouts, before where to get help. Paginate afterwards.
 */
void
mdg_seminar_packet_add_section (MdgSeminarPacket *self,
                                MdgPacketSection *section)
{
  g_return_if_fail (MDG_IS_SEMINAR_PACKET (self));
  g_return_if_fail (MDG_IS_PACKET_SECTION (section));

  g_ptr_array_insert (self->sections, self->sections->len - 1, g_object_ref (section));
}

/* How many deck handouts the packet holds. */
guint
mdg_seminar_packet_get_n_handouts (MdgSeminarPacket *self)
{
  g_return_val_if_fail (MDG_IS_SEMINAR_PACKET (self), 0);
  return self->n_handouts;
}
