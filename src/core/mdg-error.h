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
} MdgError;

GQuark mdg_error_quark (void);

G_END_DECLS
