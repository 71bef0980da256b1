/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MDG_ERROR (mdg_error_quark ())

typedef enum
{
  MDG_ERROR_FAILED,
  MDG_ERROR_OPEN,
  MDG_ERROR_TOO_NEW,
  MDG_ERROR_CORRUPT,
  MDG_ERROR_NOT_FOUND,
  MDG_ERROR_INVALID,
  MDG_ERROR_CONSTRAINT,
  MDG_ERROR_NOT_EMPTY,
  MDG_ERROR_EXISTS,
  /* Another connection kept the database locked for writing longer than this one waits. */
  MDG_ERROR_BUSY,
  /* The database file or its folder cannot be written: it was opened read-only. */
  MDG_ERROR_READ_ONLY,
} MdgError;

GQuark mdg_error_quark (void);

G_END_DECLS
