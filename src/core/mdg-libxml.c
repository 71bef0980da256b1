/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-libxml"

#include "config.h"

#include "mdg-libxml-private.h"
#include "mdg-util-private.h"

/*
 * libxml2 comes with ICU: three libraries that every start of the window would load
 * and relocate, before its first frame, for the feeds and HTML mail alone. It is loaded
 * (by its soname, from the headers' declarations) when the first feed or HTML mail is
 * read, in whichever thread reads it, and set up there once for every thread.
 */

MdgLibxml _mdg_libxml;

#define SYMBOL(name) MDG_LIBRARY_SYMBOL (MdgLibxml, "", name)

static const MdgLibrarySymbol libxml_symbols[] = {
  SYMBOL (xmlInitParser),
  SYMBOL (xmlNewParserCtxt),
  SYMBOL (xmlFreeParserCtxt),
  SYMBOL (xmlCtxtReadMemory),
  SYMBOL (xmlCtxtGetLastError),
  SYMBOL (xmlStopParser),
  SYMBOL (xmlSAX2InternalSubset),
  SYMBOL (htmlReadMemory),
  SYMBOL (xmlFreeDoc),
  SYMBOL (xmlDocGetRootElement),
  SYMBOL (xmlGetProp),
  SYMBOL (xmlGetNsProp),
  SYMBOL (xmlNodeGetBase),
  SYMBOL (xmlBuildURI),
  SYMBOL (xmlStrEqual),
  SYMBOL (xmlStrcmp),
  SYMBOL (xmlStrcasecmp),
  { "xmlFree", G_STRUCT_OFFSET (MdgLibxml, free_func) },
};

/* libxml2 asks to be set up once, before threads parse. */
static void
init_libxml (void)
{
  _mdg_libxml.xmlInitParser ();
}

static MdgLibrary libxml_library = MDG_LIBRARY_INIT (MDG_LIBXML2_SONAME, libxml_symbols, &_mdg_libxml, init_libxml);

/**
 * _mdg_libxml_ensure:
 *
 * Loads libxml2 the first time it is called; safe from any thread.
 *
 * Returns: (nullable): what went wrong, for a message; %NULL when `_mdg_libxml` is ready
 */
const char *
_mdg_libxml_ensure (void)
{
  return _mdg_library_ensure (&libxml_library);
}
