/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <glib.h>

G_BEGIN_DECLS

/* libxml2's functions, as the feed parser and the mail reader use them, once
 * _mdg_libxml_ensure() has loaded it (mdg-libxml.c). */
typedef struct
{
  __typeof__ (xmlInitParser) *xmlInitParser;
  __typeof__ (xmlNewParserCtxt) *xmlNewParserCtxt;
  __typeof__ (xmlFreeParserCtxt) *xmlFreeParserCtxt;
  __typeof__ (xmlCtxtReadMemory) *xmlCtxtReadMemory;
  __typeof__ (xmlCtxtGetLastError) *xmlCtxtGetLastError;
  __typeof__ (xmlStopParser) *xmlStopParser;
  __typeof__ (xmlSAX2InternalSubset) *xmlSAX2InternalSubset;
  __typeof__ (htmlReadMemory) *htmlReadMemory;
  __typeof__ (xmlFreeDoc) *xmlFreeDoc;
  __typeof__ (xmlDocGetRootElement) *xmlDocGetRootElement;
  __typeof__ (xmlGetProp) *xmlGetProp;
  __typeof__ (xmlGetNsProp) *xmlGetNsProp;
  __typeof__ (xmlNodeGetBase) *xmlNodeGetBase;
  __typeof__ (xmlBuildURI) *xmlBuildURI;
  __typeof__ (xmlStrEqual) *xmlStrEqual;
  __typeof__ (xmlStrcmp) *xmlStrcmp;
  __typeof__ (xmlStrcasecmp) *xmlStrcasecmp;
  xmlFreeFunc *free_func;  /* the address of libxml2's variable xmlFree */
} MdgLibxml;

extern MdgLibxml _mdg_libxml;

const char *_mdg_libxml_ensure (void);

/* Frees what libxml2 allocated, with the allocator it was set up with. */
static inline void
_mdg_libxml_free (void *data)
{
  (*_mdg_libxml.free_func) (data);
}

G_END_DECLS
