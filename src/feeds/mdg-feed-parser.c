/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-feed-parser"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-feed-parser.h"
#include "mdg-libxml-private.h"

/*
 * RSS 1.0 (RDF), RSS 2.0 and Atom, read with libxml2 and told apart by the root
 * element's name and namespace, whatever the source claims to be.
 *
 * A feed comes from a server the desk does not control, so the parser is strict about
 * what it will do for it: no network (XML_PARSE_NONET), no entity substitution, no DTD
 * loading, and a document that declares entities or points at an external DTD is
 * refused at the declaration (the parser stops there), before a "billion laughs" can
 * grow or an external entity can be read. Predefined entities and character references
 * are all a feed needs. Text is taken from text and CDATA nodes only, so no entity
 * reference is ever expanded by us either.
 *
 * Summaries are often HTML; they become plain text through libxml2's HTML parser.
 */

G_DEFINE_QUARK (mdg-feed-error-quark, mdg_feed_error)

#define NS_RDF   "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1  "http://purl.org/rss/1.0/"
#define NS_RSS09 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_ATOM  "http://www.w3.org/2005/Atom"
#define NS_DC    "http://purl.org/dc/elements/1.1/"
#define NS_DCT   "http://purl.org/dc/terms/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
/* JVN's security module; its version (…/mod_sec/3.0/) varies between feeds. */
#define NS_SEC_PREFIX "http://jvn.jp/rss/mod_sec/"

/* Bounds on what one feed may put into the database. */
#define MAX_ITEMS        1000
#define MAX_TITLE_CHARS  500
#define MAX_SUMMARY_CHARS 4000

typedef struct
{
  gboolean unsafe;
} ParseGuard;

static void
reject_entity_declaration (void          *ctx,
                           const xmlChar *name,
                           int            type,
                           const xmlChar *public_id,
                           const xmlChar *system_id,
                           xmlChar       *content)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseGuard *guard = ctxt->_private;

  guard->unsafe = TRUE;
  _mdg_libxml.xmlStopParser (ctxt);
}

static void
check_internal_subset (void          *ctx,
                       const xmlChar *name,
                       const xmlChar *external_id,
                       const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseGuard *guard = ctxt->_private;

  /* <!DOCTYPE rss> is harmless; one naming an external DTD is not needed by any feed. */
  if (external_id != NULL || system_id != NULL)
    {
      guard->unsafe = TRUE;
      _mdg_libxml.xmlStopParser (ctxt);
      return;
    }
  _mdg_libxml.xmlSAX2InternalSubset (ctx, name, external_id, system_id);
}

static gboolean
is_element (xmlNode    *node,
            const char *name,
            const char *ns)
{
  if (node->type != XML_ELEMENT_NODE || !_mdg_libxml.xmlStrEqual (node->name, BAD_CAST name))
    return FALSE;
  if (ns == NULL)
    return node->ns == NULL;
  return node->ns != NULL && _mdg_libxml.xmlStrEqual (node->ns->href, BAD_CAST ns);
}

static gboolean
is_sec_element (xmlNode    *node,
                const char *name)
{
  return node->type == XML_ELEMENT_NODE && _mdg_libxml.xmlStrEqual (node->name, BAD_CAST name) && node->ns != NULL &&
         g_str_has_prefix ((const char *) node->ns->href, NS_SEC_PREFIX);
}

/* The text of a node and its descendants: text and CDATA only, entity references skipped. */
static void
append_text (GString *out,
             xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE)
        append_text (out, child);
    }
}

/* Collapses runs of white space to one space; keeps line breaks when @lines. */
static char *
tidy_text (const char *text,
           gboolean    lines,
           glong       max_chars)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;
  guint newlines = 0;
  glong chars = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c == '\n' && lines)
        {
          newlines++;
          space = FALSE;
          continue;
        }
      /* U+3000 is part of Japanese text; only ASCII blanks and NBSP are collapsed. */
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0)
        {
          space = TRUE;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (out->len > 0)
        {
          if (newlines > 0)
            g_string_append (out, newlines > 1 ? "\n\n" : "\n");
          else if (space)
            g_string_append_c (out, ' ');
        }
      newlines = 0;
      space = FALSE;
      if (++chars > max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
element_text (xmlNode *node,
              glong    max_chars)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_text (text, node);
  return tidy_text (text->str, FALSE, max_chars);
}

static gboolean
is_block (const xmlChar *name)
{
  static const char *const blocks[] = {
    "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "dd", "dt", "hr",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (_mdg_libxml.xmlStrcasecmp (name, BAD_CAST blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
append_html_text (GString *out,
                  xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      /* In HTML a line break in the source is a space; only <br> and blocks break lines. */
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        for (const char *p = (const char *) child->content; *p; p++)
          g_string_append_c (out, *p == '\n' ? ' ' : *p);
      else if (child->type == XML_ELEMENT_NODE)
        {
          if (_mdg_libxml.xmlStrcasecmp (child->name, BAD_CAST "script") == 0 ||
              _mdg_libxml.xmlStrcasecmp (child->name, BAD_CAST "style") == 0)
            continue;
          append_html_text (out, child);
          if (_mdg_libxml.xmlStrcasecmp (child->name, BAD_CAST "br") == 0)
            g_string_append_c (out, '\n');
          else if (is_block (child->name))
            g_string_append (out, "\n\n");
        }
    }
}

/* Markup in a summary (RSS 2.0 descriptions, Atom type="html") as plain text. */
static char *
html_to_text (const char *html,
              glong       max_chars)
{
  g_autoptr(GString) text = g_string_new (NULL);
  htmlDocPtr doc;

  if (strchr (html, '<') == NULL && strchr (html, '&') == NULL)
    return tidy_text (html, TRUE, max_chars);

  doc = _mdg_libxml.htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS);
  if (doc == NULL)
    return tidy_text (html, TRUE, max_chars);
  if (_mdg_libxml.xmlDocGetRootElement (doc) != NULL)
    {
      g_string_append (text, "");
      append_html_text (text, (xmlNode *) doc);
    }
  _mdg_libxml.xmlFreeDoc (doc);
  return tidy_text (text->str, TRUE, max_chars);
}

static char *
child_text (xmlNode    *parent,
            const char *name,
            const char *ns)
{
  for (xmlNode *child = parent->children; child; child = child->next)
    if (is_element (child, name, ns))
      return element_text (child, MAX_SUMMARY_CHARS);
  return NULL;
}

static char *
nonempty (char *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Resolves @href against the node's xml:base or the document's address; web links only. */
static char *
resolve_link (xmlNode    *node,
              const char *href)
{
  g_autofree char *stripped = href ? g_strstrip (g_strdup (href)) : NULL;
  xmlChar *base;
  xmlChar *resolved;
  char *result = NULL;

  if (stripped == NULL || *stripped == '\0')
    return NULL;

  base = _mdg_libxml.xmlNodeGetBase (node->doc, node);
  resolved = _mdg_libxml.xmlBuildURI (BAD_CAST stripped, base);
  if (resolved != NULL &&
      (g_ascii_strncasecmp ((const char *) resolved, "https://", 8) == 0 ||
       g_ascii_strncasecmp ((const char *) resolved, "http://", 7) == 0))
    result = g_strdup ((const char *) resolved);
  _mdg_libxml_free (resolved);
  _mdg_libxml_free (base);
  return result;
}

static int
month_from_name (const char *name)
{
  static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec" };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (name, months[i], 3) == 0)
      return i + 1;
  return 0;
}

static GTimeZone *
zone_from_name (const char *zone)
{
  static const struct { const char *name; const char *offset; } zones[] = {
    { "GMT", "+00:00" }, { "UT", "+00:00" }, { "UTC", "+00:00" }, { "Z", "+00:00" },
    { "JST", "+09:00" }, { "KST", "+09:00" },
    { "EST", "-05:00" }, { "EDT", "-04:00" }, { "CST", "-06:00" }, { "CDT", "-05:00" },
    { "MST", "-07:00" }, { "MDT", "-06:00" }, { "PST", "-08:00" }, { "PDT", "-07:00" },
  };

  if (zone == NULL || *zone == '\0')
    return g_time_zone_new_utc ();
  if ((zone[0] == '+' || zone[0] == '-') && strlen (zone) == 5)
    {
      char offset[7] = { zone[0], zone[1], zone[2], ':', zone[3], zone[4], '\0' };

      return g_time_zone_new_identifier (offset);
    }
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (g_ascii_strcasecmp (zone, zones[i].name) == 0)
      return g_time_zone_new_identifier (zones[i].offset);
  return NULL;
}

/* RFC 822 as RSS 2.0 writes it: [Mon,] 04 Jul 2022 07:47[:26] GMT|+0900|JST */
static GDateTime *
parse_rfc822 (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  guint n, i = 0;
  int day, month, year, hour = 0, minute = 0;
  double seconds = 0;

  parts = g_strsplit_set (text, " ,", -1);
  {
    /* Drop the empty pieces that ", " leaves. */
    guint j = 0;

    for (n = 0; parts[n]; n++)
      if (*parts[n] != '\0')
        parts[j++] = parts[n];
      else
        g_free (parts[n]);
    parts[j] = NULL;
    n = j;
  }

  if (n > 0 && g_ascii_isalpha (parts[0][0]))
    i++;
  if (n < i + 4)
    return NULL;

  day = atoi (parts[i]);
  month = month_from_name (parts[i + 1]);
  year = atoi (parts[i + 2]);
  if (year < 100)
    year += year < 50 ? 2000 : 1900;
  if (sscanf (parts[i + 3], "%d:%d:%lf", &hour, &minute, &seconds) < 2)
    return NULL;
  zone = zone_from_name (n > i + 4 ? parts[i + 4] : NULL);
  if (zone == NULL || month == 0)
    return NULL;
  return g_date_time_new (zone, year, month, day, hour, minute, seconds);
}

/**
 * mdg_feed_parse_date:
 * @text: a date as feeds write them: W3C-DTF/RFC 3339 (also without seconds, as JVN
 *   writes "2024-06-21T11:52+09:00", or a bare date) or RFC 822 (RSS 2.0)
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @text is no date
 */
GDateTime *
mdg_feed_parse_date (const char *text)
{
  g_autofree char *clean = NULL;
  g_autoptr(GTimeZone) local = NULL;
  gsize len;

  if (text == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (text));
  len = strlen (clean);
  if (len < 10)
    return NULL;

  if (g_ascii_isdigit (clean[0]) && clean[4] == '-')
    {
      /* A bare date is a day at the desk. */
      if (len == 10)
        {
          g_autofree char *midnight = g_strconcat (clean, "T00:00:00", NULL);

          local = g_time_zone_new_local ();
          return g_date_time_new_from_iso8601 (midnight, local);
        }
      /* "…T11:52+09:00": GLib wants seconds. */
      if (len >= 16 && clean[10] == 'T' && clean[13] == ':' && (len == 16 || clean[16] != ':'))
        {
          g_autofree char *with_seconds = g_strdup_printf ("%.16s:00%s", clean, clean + 16);

          local = g_time_zone_new_local ();
          return g_date_time_new_from_iso8601 (with_seconds, local);
        }
      local = g_time_zone_new_local ();
      return g_date_time_new_from_iso8601 (clean, local);
    }

  return parse_rfc822 (clean);
}

static int
compare_cve (gconstpointer a,
             gconstpointer b)
{
  const char *x = *(const char **) a;
  const char *y = *(const char **) b;
  int year_x = atoi (x + 4), year_y = atoi (y + 4);
  gint64 num_x = g_ascii_strtoll (x + 9, NULL, 10), num_y = g_ascii_strtoll (y + 9, NULL, 10);

  if (year_x != year_y)
    return year_x < year_y ? -1 : 1;
  return num_x < num_y ? -1 : num_x > num_y;
}

/**
 * mdg_feed_find_cve_ids:
 * @text: any text
 *
 * Returns: (transfer full): the CVE ids named in @text, upper case, unique, in year and
 *   number order (CVE-2024-9999 before CVE-2024-10000); empty when none
 */
GStrv
mdg_feed_find_cve_ids (const char *text)
{
  static GRegex *regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  /* Compiled once: a feed of a thousand items calls this a thousand times. */
  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("CVE-(\\d{4})-(\\d{4,7})", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (text != NULL)
    for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
      {
        g_autofree char *year = g_match_info_fetch (match, 1);
        g_autofree char *number = g_match_info_fetch (match, 2);
        char *id = g_strdup_printf ("CVE-%s-%s", year, number);
        gboolean seen = FALSE;

        for (guint i = 0; i < found->len && !seen; i++)
          seen = g_str_equal (g_ptr_array_index (found, i), id);
        if (seen)
          g_free (id);
        else
          g_ptr_array_add (found, id);
      }

  g_ptr_array_sort (found, compare_cve);
  g_ptr_array_add (found, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

/* JVN's sec:cvss: the newest CVSS version given decides score and severity. */
static void
read_cvss (MdgFeedEntry *entry,
           xmlNode      *node,
           double       *best_version)
{
  xmlChar *version = _mdg_libxml.xmlGetProp (node, BAD_CAST "version");
  xmlChar *score = _mdg_libxml.xmlGetProp (node, BAD_CAST "score");
  xmlChar *severity = _mdg_libxml.xmlGetProp (node, BAD_CAST "severity");
  double v = version ? g_ascii_strtod ((const char *) version, NULL) : 0;
  double s = score ? g_ascii_strtod ((const char *) score, NULL) : -1;
  MdgSeverity level = MDG_SEVERITY_UNKNOWN;

  if (!mdg_severity_from_string ((const char *) severity, &level) && s > 0)
    level = mdg_severity_from_cvss_score (s);

  if (v > *best_version || (v == *best_version && s > entry->cvss_score))
    {
      *best_version = v;
      entry->cvss_score = s >= 0 && s <= 10 ? s : -1;
      entry->severity = level;
    }

  _mdg_libxml_free (version);
  _mdg_libxml_free (score);
  _mdg_libxml_free (severity);
}

/* What every format shares once its own fields are read: CVE ids, severity, text limits. */
static void
finish_entry (MdgFeedEntry *entry,
              GString      *references)
{
  g_autofree char *haystack = g_strjoin (" ", entry->title ? entry->title : "",
                                         entry->summary ? entry->summary : "",
                                         entry->identifier ? entry->identifier : "",
                                         references->str, NULL);

  g_strfreev (entry->cve_ids);
  entry->cve_ids = mdg_feed_find_cve_ids (haystack);

  /* 緊急 in a title is how IPA and JPCERT/CC flag what must be acted on at once. */
  if (entry->title != NULL && strstr (entry->title, "緊急") != NULL)
    entry->severity = MDG_SEVERITY_CRITICAL;

  if (entry->title == NULL || *entry->title == '\0')
    {
      g_free (entry->title);
      entry->title = entry->summary ? tidy_text (entry->summary, FALSE, 80) : NULL;
    }
}

/* The extension elements RSS 1.0 and 2.0 items share: Dublin Core and JVN's sec:. */
static void
read_extensions (MdgFeedEntry *entry,
                 xmlNode      *item,
                 GString      *references,
                 char        **date)
{
  double best_version = -1;

  for (xmlNode *child = item->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_sec_element (child, "cvss"))
        read_cvss (entry, child, &best_version);
      else if (is_sec_element (child, "identifier") && entry->identifier == NULL)
        entry->identifier = nonempty (element_text (child, 100));
      else if (is_sec_element (child, "references"))
        {
          xmlChar *id = _mdg_libxml.xmlGetProp (child, BAD_CAST "id");

          g_string_append_printf (references, " %s", id ? (const char *) id : "");
          _mdg_libxml_free (id);
        }
      else if (is_element (child, "identifier", NS_DC) && entry->identifier == NULL)
        entry->identifier = nonempty (element_text (child, 100));
      else if ((is_element (child, "date", NS_DC) || is_element (child, "issued", NS_DCT) ||
                is_element (child, "modified", NS_DCT)) && *date == NULL)
        *date = element_text (child, 100);
    }
}

static MdgFeedEntry *
read_rss_item (xmlNode    *item,
               const char *ns,
               gboolean    rss2)
{
  g_autoptr(MdgFeedEntry) entry = mdg_feed_entry_new ();
  g_autoptr(GString) references = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *link = NULL;
  g_autofree char *description = NULL;
  g_autofree char *encoded = NULL;

  entry->title = nonempty (child_text (item, "title", ns));
  if (entry->title != NULL && g_utf8_strlen (entry->title, -1) > MAX_TITLE_CHARS)
    {
      char *cut = tidy_text (entry->title, FALSE, MAX_TITLE_CHARS);

      g_free (entry->title);
      entry->title = cut;
    }
  link = child_text (item, "link", ns);
  entry->link = resolve_link (item, link);

  if (rss2)
    {
      for (xmlNode *child = item->children; child; child = child->next)
        if (is_element (child, "guid", NULL))
          {
            xmlChar *permalink = _mdg_libxml.xmlGetProp (child, BAD_CAST "isPermaLink");

            entry->guid = nonempty (element_text (child, 1000));
            if (entry->link == NULL && (permalink == NULL || _mdg_libxml.xmlStrcmp (permalink, BAD_CAST "false") != 0))
              entry->link = resolve_link (item, entry->guid);
            _mdg_libxml_free (permalink);
          }
      date = nonempty (child_text (item, "pubDate", NULL));
    }
  else
    {
      xmlChar *about = _mdg_libxml.xmlGetNsProp (item, BAD_CAST "about", BAD_CAST NS_RDF);

      entry->guid = about ? g_strdup ((const char *) about) : NULL;
      _mdg_libxml_free (about);
    }

  description = nonempty (child_text (item, "description", ns));
  encoded = description ? NULL : nonempty (child_text (item, "encoded", NS_CONTENT));
  if (description || encoded)
    entry->summary = nonempty (html_to_text (description ? description : encoded, MAX_SUMMARY_CHARS));

  read_extensions (entry, item, references, &date);
  entry->published = mdg_feed_parse_date (date);
  finish_entry (entry, references);
  return g_steal_pointer (&entry);
}

/* An Atom text construct: text, html or xhtml. */
static char *
atom_text (xmlNode *node,
           glong    max_chars)
{
  xmlChar *type = _mdg_libxml.xmlGetProp (node, BAD_CAST "type");
  g_autoptr(GString) raw = g_string_new (NULL);
  char *text;

  append_text (raw, node);
  if (type != NULL && (_mdg_libxml.xmlStrEqual (type, BAD_CAST "html") || _mdg_libxml.xmlStrEqual (type, BAD_CAST "text/html")))
    text = html_to_text (raw->str, max_chars);
  else
    text = tidy_text (raw->str, max_chars > MAX_TITLE_CHARS, max_chars);
  _mdg_libxml_free (type);
  return nonempty (text);
}

static MdgFeedEntry *
read_atom_entry (xmlNode *node)
{
  g_autoptr(MdgFeedEntry) entry = mdg_feed_entry_new ();
  g_autoptr(GString) references = g_string_new (NULL);
  g_autofree char *published = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *content = NULL;
  g_autofree char *date = NULL;

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, "title", NS_ATOM) && entry->title == NULL)
        entry->title = atom_text (child, MAX_TITLE_CHARS);
      else if (is_element (child, "id", NS_ATOM) && entry->guid == NULL)
        entry->guid = nonempty (element_text (child, 1000));
      else if (is_element (child, "summary", NS_ATOM) && entry->summary == NULL)
        entry->summary = atom_text (child, MAX_SUMMARY_CHARS);
      else if (is_element (child, "content", NS_ATOM) && content == NULL)
        content = atom_text (child, MAX_SUMMARY_CHARS);
      else if (is_element (child, "published", NS_ATOM) && published == NULL)
        published = element_text (child, 100);
      else if (is_element (child, "updated", NS_ATOM) && updated == NULL)
        updated = element_text (child, 100);
      else if (is_element (child, "link", NS_ATOM))
        {
          xmlChar *rel = _mdg_libxml.xmlGetProp (child, BAD_CAST "rel");
          xmlChar *href = _mdg_libxml.xmlGetProp (child, BAD_CAST "href");

          if ((rel == NULL || _mdg_libxml.xmlStrEqual (rel, BAD_CAST "alternate")) && entry->link == NULL)
            entry->link = resolve_link (child, (const char *) href);
          _mdg_libxml_free (rel);
          _mdg_libxml_free (href);
        }
    }

  if (entry->summary == NULL)
    entry->summary = g_steal_pointer (&content);
  read_extensions (entry, node, references, &date);
  entry->published = mdg_feed_parse_date (published ? published : updated ? updated : date);
  finish_entry (entry, references);
  return g_steal_pointer (&entry);
}

static void
add_entry (GPtrArray    *entries,
           MdgFeedEntry *entry)
{
  if (entries->len < MAX_ITEMS)
    g_ptr_array_add (entries, entry);
  else
    mdg_feed_entry_free (entry);
}

/* RSS 1.0 puts items beside the channel; some feeds put them inside it anyway. */
static void
read_rdf (xmlNode    *root,
          const char *ns,
          GPtrArray  *entries)
{
  for (xmlNode *child = root->children; child; child = child->next)
    {
      if (is_element (child, "item", ns))
        add_entry (entries, read_rss_item (child, ns, FALSE));
      else if (is_element (child, "channel", ns))
        for (xmlNode *inner = child->children; inner; inner = inner->next)
          if (is_element (inner, "item", ns))
            add_entry (entries, read_rss_item (inner, ns, FALSE));
    }
}

static void
read_rss2 (xmlNode   *root,
           GPtrArray *entries)
{
  for (xmlNode *channel = root->children; channel; channel = channel->next)
    if (is_element (channel, "channel", NULL))
      for (xmlNode *item = channel->children; item; item = item->next)
        if (is_element (item, "item", NULL))
          add_entry (entries, read_rss_item (item, NULL, TRUE));
}

static void
read_atom (xmlNode   *root,
           GPtrArray *entries)
{
  for (xmlNode *child = root->children; child; child = child->next)
    if (is_element (child, "entry", NS_ATOM))
      add_entry (entries, read_atom_entry (child));
}

static void
set_parse_error (GError           **error,
                 xmlParserCtxtPtr   ctxt)
{
  const xmlError *last = _mdg_libxml.xmlCtxtGetLastError (ctxt);
  g_autofree char *detail = last && last->message ? g_strstrip (g_strdup (last->message)) : g_strdup ("?");

  /* Translators: %d is a line number, the last %s libxml2's (English) description */
  g_set_error (error, MDG_FEED_ERROR, MDG_FEED_ERROR_MALFORMED,
               _("The feed is not well-formed XML (line %d, column %d): %s"),
               last ? last->line : 0, last ? last->int2 : 0, detail);
}

/**
 * mdg_feed_parse:
 * @data: the document as the server sent it
 * @length: its length in bytes
 * @base_uri: (nullable): its address, to resolve relative links
 * @format: (out) (optional): what it turned out to be
 * @error: a location for a #GError (%MDG_FEED_ERROR)
 *
 * Reads the items of an RSS 1.0, RSS 2.0 or Atom feed, in document order.
 *
 * Returns: (transfer container) (element-type MdgFeedEntry): the items, or %NULL with
 *   @error set
 */
GPtrArray *
mdg_feed_parse (const char     *data,
                gsize           length,
                const char     *base_uri,
                MdgFeedFormat  *format,
                GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_feed_entry_free);
  ParseGuard guard = { FALSE };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root;
  MdgFeedFormat found;
  const char *problem;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, MDG_FEED_ERROR, MDG_FEED_ERROR_NOT_A_FEED, _("The server sent an empty document"));
      return NULL;
    }
  if (length > G_MAXINT)
    {
      g_set_error_literal (error, MDG_FEED_ERROR, MDG_FEED_ERROR_TOO_LARGE, _("The feed is too large"));
      return NULL;
    }

  if ((problem = _mdg_libxml_ensure ()) != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FAILED,
                   _("The feed cannot be read: the XML library libxml2 could not be loaded (%s). Reinstall Madoguchi."),
                   problem);
      return NULL;
    }

  ctxt = _mdg_libxml.xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, MDG_FEED_ERROR, MDG_FEED_ERROR_MALFORMED, _("Could not start reading the feed"));
      return NULL;
    }
  ctxt->_private = &guard;
  ctxt->sax->entityDecl = reject_entity_declaration;
  ctxt->sax->internalSubset = check_internal_subset;

  /* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE: entities stay references, nothing is loaded. */
  doc = _mdg_libxml.xmlCtxtReadMemory (ctxt, data, (int) length, base_uri, NULL,
                                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);

  if (guard.unsafe)
    {
      g_set_error_literal (error, MDG_FEED_ERROR, MDG_FEED_ERROR_UNSAFE,
                           _("The feed declares entities or an external document type, which real feeds never "
                             "need; it was refused so that it cannot read files or exhaust memory"));
      goto fail;
    }
  if (doc == NULL || !ctxt->wellFormed)
    {
      set_parse_error (error, ctxt);
      goto fail;
    }

  root = _mdg_libxml.xmlDocGetRootElement (doc);
  if (root != NULL && is_element (root, "RDF", NS_RDF))
    {
      found = MDG_FEED_FORMAT_RSS1;
      read_rdf (root, NS_RSS1, entries);
      if (entries->len == 0)
        read_rdf (root, NS_RSS09, entries);
    }
  else if (root != NULL && is_element (root, "rss", NULL))
    {
      found = MDG_FEED_FORMAT_RSS2;
      read_rss2 (root, entries);
    }
  else if (root != NULL && is_element (root, "feed", NS_ATOM))
    {
      found = MDG_FEED_FORMAT_ATOM;
      read_atom (root, entries);
    }
  else
    {
      g_set_error (error, MDG_FEED_ERROR, MDG_FEED_ERROR_NOT_A_FEED,
                   _("This is not an RSS or Atom feed (the document is <%s>): check the feed’s address"),
                   root ? (const char *) root->name : "?");
      goto fail;
    }

  _mdg_libxml.xmlFreeDoc (doc);
  _mdg_libxml.xmlFreeParserCtxt (ctxt);
  if (format != NULL)
    *format = found;
  return g_steal_pointer (&entries);

fail:
  if (doc != NULL)
    _mdg_libxml.xmlFreeDoc (doc);
  _mdg_libxml.xmlFreeParserCtxt (ctxt);
  return NULL;
}
