/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mdg-feed-item.h"

G_BEGIN_DECLS

#define MDG_FEED_ERROR (mdg_feed_error_quark ())

/* Why a source gave no items; each comes with a message a desk coordinator understands. */
typedef enum
{
  MDG_FEED_ERROR_MALFORMED,    /* not well-formed XML */
  MDG_FEED_ERROR_UNSAFE,       /* declares entities or an external DTD */
  MDG_FEED_ERROR_NOT_A_FEED,   /* XML, or HTML, but not RSS or Atom */
  MDG_FEED_ERROR_HTTP,         /* the server answered with an error status */
  MDG_FEED_ERROR_TIMEOUT,
  MDG_FEED_ERROR_TOO_LARGE,
  MDG_FEED_ERROR_REDIRECTS,    /* too many redirections, or to somewhere not on the web */
  MDG_FEED_ERROR_TLS,          /* the server's certificate could not be verified */
  MDG_FEED_ERROR_NETWORK,      /* no network, no such host, connection refused */
} MdgFeedError;

GQuark     mdg_feed_error_quark   (void);

GPtrArray *mdg_feed_parse         (const char     *data,
                                   gsize           length,
                                   const char     *base_uri,
                                   MdgFeedFormat  *format,
                                   GError        **error);

GDateTime *mdg_feed_parse_date    (const char     *text);
GStrv      mdg_feed_find_cve_ids  (const char     *text);

G_END_DECLS
