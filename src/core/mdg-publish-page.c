/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-publish-page"

#include "config.h"

#include "mdg-publish-page.h"

G_DEFINE_BOXED_TYPE (MdgPublishPage, mdg_publish_page, mdg_publish_page_ref, mdg_publish_page_unref)

/**
 * mdg_publish_page_new:
 * @title: (nullable): the slide's title
 * @png: the slide as a PNG image; referenced
 * @text: (nullable): its explanatory text
 *
 * Returns: (transfer full): the page
 */
MdgPublishPage *
mdg_publish_page_new (const char *title,
                      GBytes     *png,
                      const char *text)
{
  MdgPublishPage *page;

  g_return_val_if_fail (png != NULL, NULL);

  page = g_atomic_rc_box_new0 (MdgPublishPage);
  page->title = g_strdup (title);
  page->png = g_bytes_ref (png);
  page->text = g_strdup (text);
  return page;
}

MdgPublishPage *
mdg_publish_page_ref (MdgPublishPage *page)
{
  return g_atomic_rc_box_acquire (page);
}

static void
publish_page_clear (gpointer data)
{
  MdgPublishPage *page = data;

  g_free (page->title);
  g_clear_pointer (&page->png, g_bytes_unref);
  g_free (page->text);
}

void
mdg_publish_page_unref (MdgPublishPage *page)
{
  g_atomic_rc_box_release_full (page, publish_page_clear);
}
