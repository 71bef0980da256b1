/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-threats-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-chooser.h"
#include "mdg-consultation-store.h"
#include "mdg-date.h"
#include "mdg-faq-store.h"
#include "mdg-feed-scheduler.h"
#include "mdg-feed-store.h"
#include "mdg-notices-view.h"
#include "mdg-seminar-store.h"
#include "mdg-threats-page.h"

/*
 * Threat Info: the alerts of JPCERT/CC, IPA and JVN as a reader. The list is the
 * store's (newest first, searched and filtered in a worker); an item shows its
 * severity, CVE ids and summary, opens its advisory in the browser, and is starred,
 * picked as a seminar's topic (it then prints on that seminar's packet) or turned
 * into an FAQ draft. The sources pane says how each source's last fetch went.
 *
 * Fetching is the core's scheduler: Fetch Now, and the interval the user chose under
 * "When to Fetch" — never on its own at start unless the user allowed it, because
 * the desk's laptops are often at venues with no network or a metered one.
 */

struct _MdgThreatsPage
{
  MdgSection          parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *search_entry;
  GtkWidget          *saved_row;
  GtkFlowBox         *saved_box;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkSpinner         *fetch_spinner;
  AdwWindowTitle     *detail_title;
  GtkStack           *detail_stack;
  GtkListBox         *source_list;
  AdwEntryRow        *source_name_entry;
  AdwEntryRow        *source_url_entry;
  AdwComboRow        *interval_row;
  GtkSwitch          *start_switch;
  GtkLabel           *item_severity;
  GtkLabel           *item_title;
  GtkLabel           *item_meta;
  GtkLabel           *item_summary;
  GtkButton          *star_button;
  GtkMenuButton      *topic_button;
  GtkPopover         *topic_popover;
  GtkBox             *topic_box;
  GtkLabel           *item_topics;
  GtkLabel           *source_button_label;
  GtkLabel           *severity_button_label;
  GtkLabel           *period_button_label;
  GtkBox             *source_choices;
  GtkWidget          *source_button;
  GtkWidget          *severity_button;
  GtkWidget          *period_button;
  GtkBox             *notices_box;
  MdgNoticesView     *notices;           /* made once the page has its database */

  /* owned */
  GListStore         *items;
  MdgFeedItem        *selected;
  MdgFeedFetcher     *fetcher;
  MdgFeedScheduler   *scheduler;
  GCancellable       *cancellable;       /* the list being read */
  GCancellable       *seminars_cancellable;
  char               *query;
  char               *filter;            /* "all", "unread", "starred", "picked" */
  char               *source;            /* "all" or a source's id */
  MdgSeverity         min_severity;
  guint               period;            /* days; 0 for any time */
  GPtrArray          *sources;           /* MdgFeedSource, for the source button's label */
  gint64              select_after_load;

  gboolean            loading_settings;
  gboolean            showing_notices;   /* the detail pane shows the notices, not the sources */
};

G_DEFINE_FINAL_TYPE (MdgThreatsPage, mdg_threats_page, MDG_TYPE_SECTION)

enum {
  PROP_0,
  PROP_FILTER,
  PROP_SOURCE,
  PROP_SEVERITY,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The choices of "Fetch Automatically", in minutes; 0 is on demand only. */
static const guint intervals[] = { 0, 30, 60, 180, 360 };

static void reload_items   (MdgThreatsPage *self);
static void reload_sources (MdgThreatsPage *self);
static gboolean filters_narrow (MdgThreatsPage *self);

/* ---- Writes in a worker ---- */

typedef enum {
  ITEM_READ,
  ITEM_STAR,
  ITEM_PICK,
  ITEM_FAQ,
  ITEM_ATTACH,
} ItemOp;

typedef struct
{
  ItemOp         op;
  gint64         item_id;
  gint64         seminar_id;
  gboolean       value;
  char          *seminar_title;
  gint64         consultation_id;
  char          *consultation_subject;
} ItemWork;

static void
item_work_free (ItemWork *work)
{
  g_free (work->seminar_title);
  g_free (work->consultation_subject);
  g_free (work);
}

static gboolean
item_work_run (MdgDatabase  *connection,
               gpointer      data,
               GError      **error)
{
  ItemWork *work = data;
  g_autoptr(MdgFeedItem) item = NULL;
  g_autoptr(MdgFaqEntry) entry = NULL;

  switch (work->op)
    {
    case ITEM_READ:
    case ITEM_STAR:
      /* The worker's own copy: the list's object is the main thread's. */
      if (!(item = mdg_feed_store_load_item (connection, work->item_id, error)))
        return FALSE;
      return work->op == ITEM_READ ? mdg_feed_store_set_read (connection, item, work->value, error)
                                   : mdg_feed_store_set_starred (connection, item, work->value, error);
    case ITEM_PICK:
      return mdg_feed_store_pick_for_seminar (connection, work->item_id, work->seminar_id, error);
    case ITEM_FAQ:
      entry = mdg_faq_store_draft_from_item (connection, work->item_id, error);
      return entry != NULL;
    case ITEM_ATTACH:
      return mdg_feed_store_attach (connection, work->item_id, MDG_ATTACH_CONSULTATION, work->consultation_id, error);
    default:
      g_assert_not_reached ();
    }
}

static MdgFeedItem *
find_item (MdgThreatsPage *self,
           gint64          id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgFeedItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (mdg_feed_item_get_id (item) == id)
        return item;
    }
  return NULL;
}

static void update_detail (MdgThreatsPage *self);

static void
item_work_done (GtkWidget *widget,
                gpointer   data)
{
  ItemWork *work = data;
  MdgThreatsPage *self;
  MdgFeedItem *item;

  self = MDG_THREATS_PAGE (widget);
  item = find_item (self, work->item_id);
  switch (work->op)
    {
    case ITEM_READ:
      if (item != NULL)
        _mdg_feed_item_set_state (item, work->value, mdg_feed_item_get_starred (item), mdg_feed_item_get_picked (item));
      break;
    case ITEM_STAR:
      if (item != NULL)
        _mdg_feed_item_set_state (item, mdg_feed_item_get_read (item), work->value, mdg_feed_item_get_picked (item));
      break;
    case ITEM_PICK:
      {
        g_autofree char *message = NULL;

        if (item != NULL)
          _mdg_feed_item_set_state (item, mdg_feed_item_get_read (item), mdg_feed_item_get_starred (item), TRUE);
        /* Translators: a seminar's title */
        message = g_strdup_printf (_("Picked for “%s”: it prints on the packet’s latest threats page"),
                                   work->seminar_title);
        if (item != NULL && item == self->selected)
          gtk_label_set_text (self->item_topics, message);
        _mdg_toast (widget, message);
      }
      break;
    case ITEM_FAQ:
      _mdg_toast (widget, _("An FAQ draft was made from this item: finish it in FAQ"));
      break;
    case ITEM_ATTACH:
      {
        /* Translators: %s is the consultation's subject */
        g_autofree char *message = g_strdup_printf (_("Attached to the consultation “%s”"),
                                                    work->consultation_subject);

        _mdg_toast (widget, message);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  update_detail (self);
}

static void
change_item (MdgThreatsPage *self,
             ItemOp          op,
             gboolean        value,
             MdgSeminar     *seminar)
{
  ItemWork *work;

  if (self->selected == NULL)
    return;
  work = g_new0 (ItemWork, 1);
  work->op = op;
  work->item_id = mdg_feed_item_get_id (self->selected);
  work->value = value;
  if (seminar != NULL)
    {
      work->seminar_id = mdg_seminar_get_id (seminar);
      work->seminar_title = g_strdup (mdg_seminar_get_title (seminar));
    }
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), item_work_run, work,
                   (GDestroyNotify) item_work_free, item_work_done, TRUE);
}

/* ---- The list ---- */

static char *
format_date (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return NULL;
  local = g_date_time_to_local (date_time);
  return mdg_date_format (local, MDG_DATE_DEFAULT);
}

/* "JVN · 2024年6月21日(金) · Critical · CVE-2024-12345", as a row and the detail show it. */
static char *
describe_item (MdgFeedItem *item,
               gboolean     with_severity)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *cve_ids = mdg_feed_item_get_cve_ids (item);

  if (mdg_feed_item_get_source_name (item) != NULL)
    g_ptr_array_add (parts, g_strdup (mdg_feed_item_get_source_name (item)));
  if (mdg_feed_item_get_published_at (item) != NULL)
    g_ptr_array_add (parts, format_date (mdg_feed_item_get_published_at (item)));
  if (with_severity && mdg_feed_item_get_severity (item) != MDG_SEVERITY_UNKNOWN)
    g_ptr_array_add (parts, g_strdup (mdg_severity_get_label (mdg_feed_item_get_severity (item))));
  if (cve_ids != NULL && cve_ids[0] != NULL)
    g_ptr_array_add (parts, g_strjoinv (", ", (char **) cve_ids));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_row (GtkListItem *list_item)
{
  MdgFeedItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (top);
  GtkWidget *star = gtk_widget_get_next_sibling (title);
  GtkWidget *meta = gtk_widget_get_next_sibling (top);
  g_autofree char *description = describe_item (item, TRUE);

  gtk_label_set_text (GTK_LABEL (title), mdg_feed_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (meta), description);
  /* Unread items stand out, as in a mail reader. */
  if (mdg_feed_item_get_read (item))
    gtk_widget_remove_css_class (title, "heading");
  else
    gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_visible (star, mdg_feed_item_get_starred (item));
  if (mdg_feed_item_get_severity (item) >= MDG_SEVERITY_HIGH)
    gtk_widget_add_css_class (meta, "error");
  else
    gtk_widget_remove_css_class (meta, "error");
}

static void
row_item_notify_cb (MdgFeedItem *item,
                    GParamSpec  *pspec,
                    GtkListItem *list_item)
{
  update_row (list_item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = _mdg_list_row_title_new ();
  GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_valign (star, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (star, _("Starred"));
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), star);
  gtk_list_item_set_child (list_item, _mdg_list_row_new (top));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  update_row (list_item);
  g_signal_connect (gtk_list_item_get_item (list_item), "notify", G_CALLBACK (row_item_notify_cb), list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), row_item_notify_cb, list_item);
}

static MdgFeedItemState
filter_state (MdgThreatsPage *self)
{
  MdgFeedItemState state = MDG_FEED_ITEM_STATE_ALL;

  mdg_feed_item_state_from_string (self->filter, &state);
  return state;
}

static void
items_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MdgThreatsPage) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep = self->selected ? mdg_feed_item_get_id (self->selected) : self->select_after_load;
  gboolean searching;

  items = mdg_feed_store_list_items_finish (MDG_DATABASE (source), result, &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_object (&self->cancellable);

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata,
                       items->len);
  searching = (self->query != NULL && *self->query != '\0') || filters_narrow (self);
  gtk_stack_set_visible_child_name (self->list_stack, items->len > 0 ? "list" : searching ? "no-results" : "empty");

  /* The item shown stays shown when it is still listed. */
  self->select_after_load = 0;
  for (guint i = 0; keep > 0 && i < items->len; i++)
    if (mdg_feed_item_get_id (g_ptr_array_index (items, i)) == keep)
      {
        gtk_single_selection_set_selected (self->selection, i);
        return;
      }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gint64
filter_source_id (MdgThreatsPage *self)
{
  return g_strcmp0 (self->source, "all") == 0 || self->source == NULL ? 0 : g_ascii_strtoll (self->source, NULL, 10);
}

/* What the search field, the state buttons and the three filter buttons ask for. */
static void
fill_filter (MdgThreatsPage *self,
             MdgFeedFilter  *filter)
{
  g_free (filter->query);
  filter->query = g_strdup (self->query);
  filter->state = filter_state (self);
  filter->source_id = filter_source_id (self);
  filter->min_severity = self->min_severity;
  filter->within_days = self->period;
}

static gboolean
filters_narrow (MdgThreatsPage *self)
{
  return filter_state (self) != MDG_FEED_ITEM_STATE_ALL || filter_source_id (self) > 0 ||
         self->min_severity > MDG_SEVERITY_UNKNOWN || self->period > 0;
}

static const char *
severity_choice_label (MdgSeverity severity)
{
  switch (severity)
    {
    case MDG_SEVERITY_LOW: return _("Low or Higher");
    case MDG_SEVERITY_MEDIUM: return _("Medium or Higher");
    case MDG_SEVERITY_HIGH: return _("High or Higher");
    case MDG_SEVERITY_CRITICAL: return _("Critical Only");
    case MDG_SEVERITY_UNKNOWN:
    default: return _("Any Severity");
    }
}

/* The three buttons say what they filter by, and stand out when they narrow the list. */
static void
update_filter_buttons (MdgThreatsPage *self)
{
  gint64 source_id = filter_source_id (self);
  const char *source_name = NULL;
  g_autofree char *period = NULL;

  for (guint i = 0; source_id > 0 && self->sources != NULL && i < self->sources->len; i++)
    if (mdg_feed_source_get_id (g_ptr_array_index (self->sources, i)) == source_id)
      source_name = mdg_feed_source_get_name (g_ptr_array_index (self->sources, i));
  gtk_label_set_text (self->source_button_label, source_name ? source_name : _("All Sources"));
  gtk_label_set_text (self->severity_button_label, severity_choice_label (self->min_severity));
  if (self->period > 0)
    period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u Day", "Last %u Days", self->period), self->period);
  gtk_label_set_text (self->period_button_label, period ? period : _("Any Time"));

  if (source_id > 0)
    gtk_widget_add_css_class (self->source_button, "accent");
  else
    gtk_widget_remove_css_class (self->source_button, "accent");
  if (self->min_severity > MDG_SEVERITY_UNKNOWN)
    gtk_widget_add_css_class (self->severity_button, "accent");
  else
    gtk_widget_remove_css_class (self->severity_button, "accent");
  if (self->period > 0)
    gtk_widget_add_css_class (self->period_button, "accent");
  else
    gtk_widget_remove_css_class (self->period_button, "accent");
}

static void
reload_items (MdgThreatsPage *self)
{
  g_autoptr(MdgFeedFilter) filter = mdg_feed_filter_new ();

  fill_filter (self, filter);
  mdg_feed_store_list_items_async (mdg_section_get_database (MDG_SECTION (self)), filter,
                                   _mdg_cancellable_renew (&self->cancellable), items_loaded_cb, g_object_ref (self));
}

static void update_saved_row (MdgThreatsPage *self);

static void
search_changed_cb (MdgThreatsPage *self,
                   GtkSearchEntry *entry)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  reload_items (self);
  update_saved_row (self);
}

/* ---- Saved searches ---- */

/* A saved search listed, saved or removed, in a worker. */
typedef struct
{
  char          *name;
  MdgFeedFilter *filter;
  gint64         remove_id;
  GPtrArray     *searches;
} SavedWork;

static void
saved_work_free (SavedWork *work)
{
  g_free (work->name);
  g_clear_pointer (&work->filter, mdg_feed_filter_free);
  g_clear_pointer (&work->searches, g_ptr_array_unref);
  g_free (work);
}

static void
saved_search_chosen_cb (GtkButton      *button,
                        MdgThreatsPage *self)
{
  MdgSavedSearch *search = g_object_get_data (G_OBJECT (button), "mdg-saved-search");
  const MdgFeedFilter *filter = mdg_saved_search_get_filter (search);

  /* As if typed and clicked: the search field and the filter buttons say what is shown. */
  g_autofree char *source = filter->source_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, filter->source_id)
                                                 : g_strdup ("all");

  g_object_set (self, "filter", mdg_feed_item_state_to_string (filter->state), "source", source,
                "severity", mdg_severity_to_string (filter->min_severity), "period", filter->within_days, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter->query ? filter->query : "");
}

static void remove_saved_search (MdgThreatsPage *self,
                                 gint64          id);

static void
saved_search_remove_cb (GtkButton      *button,
                        MdgThreatsPage *self)
{
  remove_saved_search (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "mdg-saved-search-id")));
}

static void
saved_searches_loaded (GtkWidget *widget,
                       gpointer   data)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  SavedWork *work = data;
  GtkWidget *child;

  if (self->saved_box == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_box))) != NULL)
    gtk_flow_box_remove (self->saved_box, child);
  for (guint i = 0; i < work->searches->len; i++)
    {
      MdgSavedSearch *search = g_ptr_array_index (work->searches, i);
      gint64 id = mdg_saved_search_get_id (search);
      g_autofree char *name = g_strdup_printf ("saved-search-%" G_GINT64_FORMAT, id);
      g_autofree char *remove_name = g_strdup_printf ("saved-search-remove-%" G_GINT64_FORMAT, id);
      /* Translators: the tooltip of a saved search's remove button */
      g_autofree char *tooltip = g_strdup_printf (_("Remove the saved search “%s”"), mdg_saved_search_get_name (search));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *apply = gtk_button_new_with_label (mdg_saved_search_get_name (search));
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_name (apply, name);
      gtk_widget_set_tooltip_text (apply, _("Show the items this search finds"));
      g_object_set_data_full (G_OBJECT (apply), "mdg-saved-search", g_object_ref (search), g_object_unref);
      g_signal_connect (apply, "clicked", G_CALLBACK (saved_search_chosen_cb), self);
      gtk_widget_set_name (remove, remove_name);
      gtk_widget_set_tooltip_text (remove, tooltip);
      g_object_set_data (G_OBJECT (remove), "mdg-saved-search-id", GSIZE_TO_POINTER (id));
      g_signal_connect (remove, "clicked", G_CALLBACK (saved_search_remove_cb), self);
      gtk_box_append (GTK_BOX (box), apply);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_widget_set_halign (box, GTK_ALIGN_START);
      gtk_flow_box_append (self->saved_box, box);
    }
  update_saved_row (self);
}

static gboolean
saved_work_run (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  SavedWork *work = data;

  if (work->filter != NULL)
    {
      g_autoptr(MdgSavedSearch) saved = mdg_feed_store_save_search (connection, work->name, work->filter, error);

      if (saved == NULL)
        return FALSE;
    }
  if (work->remove_id > 0 && !mdg_feed_store_delete_saved_search (connection, work->remove_id, error))
    return FALSE;
  return (work->searches = mdg_feed_store_list_saved_searches (connection, error)) != NULL;
}

static void
run_saved_work (MdgThreatsPage *self,
                SavedWork      *work)
{
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), saved_work_run, work,
                   (GDestroyNotify) saved_work_free, saved_searches_loaded, work->filter != NULL || work->remove_id > 0);
}

static void
remove_saved_search (MdgThreatsPage *self,
                     gint64          id)
{
  SavedWork *work = g_new0 (SavedWork, 1);

  work->remove_id = id;
  run_saved_work (self, work);
}

/* Named by its words and what else narrows it: the list of saved searches reads as
 * what the desk follows ("Fortinet · High or Higher"). */
static char *
saved_search_name (MdgThreatsPage *self,
                   const char     *words)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (*words != '\0')
    g_ptr_array_add (parts, (char *) words);
  if (filter_source_id (self) > 0)
    g_ptr_array_add (parts, (char *) gtk_label_get_text (self->source_button_label));
  if (self->min_severity > MDG_SEVERITY_UNKNOWN)
    g_ptr_array_add (parts, (char *) gtk_label_get_text (self->severity_button_label));
  if (self->period > 0)
    g_ptr_array_add (parts, (char *) gtk_label_get_text (self->period_button_label));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
save_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  /* What the field shows, even if its search has not run yet. */
  g_autofree char *words = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *name = saved_search_name (self, words);
  SavedWork *work;

  if (*name == '\0')
    return;
  work = g_new0 (SavedWork, 1);
  work->name = g_steal_pointer (&name);
  work->filter = mdg_feed_filter_new ();
  fill_filter (self, work->filter);
  g_free (work->filter->query);
  work->filter->query = g_steal_pointer (&words);
  run_saved_work (self, work);
}

static void
update_saved_row (MdgThreatsPage *self)
{
  gboolean can_save = (self->query != NULL && *self->query != '\0') || filter_source_id (self) > 0 ||
                      self->min_severity > MDG_SEVERITY_UNKNOWN || self->period > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "threats.save-search", can_save);
  gtk_widget_set_visible (self->saved_row,
                          can_save || gtk_widget_get_first_child (GTK_WIDGET (self->saved_box)) != NULL);
}

/* ---- The sources ---- */

/* Adding a source, switching one on or off, renaming or removing it, in a worker. */
typedef struct
{
  gint64    id;        /* 0 to add */
  char     *name;
  char     *url;
  gboolean  enabled;
  gboolean  remove;
} SourceWork;

static void
source_work_free (SourceWork *work)
{
  g_free (work->name);
  g_free (work->url);
  g_free (work);
}

static gboolean
source_work_run (MdgDatabase  *connection,
                 gpointer      data,
                 GError      **error)
{
  SourceWork *work = data;

  if (work->remove)
    return mdg_feed_store_remove_source (connection, work->id, error);
  if (work->id > 0)
    return mdg_feed_store_update_source (connection, work->id, work->name, work->url, work->enabled, error);
  work->id = mdg_feed_store_add_source (connection, work->name, work->url, error);
  return work->id > 0;
}

static void
source_changed (GtkWidget *widget,
                gpointer   data)
{
  reload_sources (MDG_THREATS_PAGE (widget));
}

static void
source_added (GtkWidget *widget,
              gpointer   data)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  SourceWork *work = data;
  /* Translators: a feed source's name */
  g_autofree char *message = g_strdup_printf (_("Added “%s”: press Fetch Now to read it"), work->name);

  gtk_editable_set_text (GTK_EDITABLE (self->source_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->source_url_entry), "");
  _mdg_toast (widget, message);
  reload_sources (self);
}

static void
source_switch_cb (GtkSwitch      *toggle,
                  GParamSpec     *pspec,
                  MdgThreatsPage *self)
{
  MdgFeedSource *source = g_object_get_data (G_OBJECT (toggle), "mdg-source");
  SourceWork *work;

  if (gtk_switch_get_active (toggle) == mdg_feed_source_get_enabled (source))
    return;
  work = g_new0 (SourceWork, 1);
  work->id = mdg_feed_source_get_id (source);
  work->name = g_strdup (mdg_feed_source_get_name (source));
  work->url = g_strdup (mdg_feed_source_get_url (source));
  work->enabled = gtk_switch_get_active (toggle);
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), source_work_run, work,
                   (GDestroyNotify) source_work_free, source_changed, TRUE);
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  SourceWork *work = g_new0 (SourceWork, 1);

  /* The store says in words what is wrong with a name or an address. */
  work->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_name_entry))));
  work->url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_url_entry))));
  _mdg_work_async (widget, mdg_section_get_database (MDG_SECTION (self)), source_work_run, work,
                   (GDestroyNotify) source_work_free, source_added, TRUE);
}

static void
source_done (GtkWidget *widget,
             gpointer   data)
{
  SourceWork *work = data;
  g_autofree char *message = NULL;

  if (work->remove)
    /* Translators: a feed source's name */
    message = g_strdup_printf (_("Removed “%s”: its starred and picked items stay"), work->name);
  else
    /* Translators: a feed source's new name */
    message = g_strdup_printf (_("Renamed to “%s”"), work->name);
  _mdg_toast (widget, message);
  reload_sources (MDG_THREATS_PAGE (widget));
  reload_items (MDG_THREATS_PAGE (widget));
}

static SourceWork *
source_work_for (MdgFeedSource *source)
{
  SourceWork *work = g_new0 (SourceWork, 1);

  work->id = mdg_feed_source_get_id (source);
  work->name = g_strdup (mdg_feed_source_get_name (source));
  work->url = g_strdup (mdg_feed_source_get_url (source));
  work->enabled = mdg_feed_source_get_enabled (source);
  return work;
}

static void
rename_source_cb (GtkWidget      *button,
                  MdgThreatsPage *self)
{
  MdgFeedSource *source = g_object_get_data (G_OBJECT (button), "mdg-source");
  GtkEditable *entry = g_object_get_data (G_OBJECT (button), "mdg-entry");
  SourceWork *work = source_work_for (source);

  g_free (work->name);
  /* The store says in words what is wrong with an empty name. */
  work->name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER)));
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), source_work_run, work,
                   (GDestroyNotify) source_work_free, source_done, TRUE);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MdgThreatsPage   *self)
{
  MdgFeedSource *source = g_object_get_data (G_OBJECT (dialog), "mdg-source");
  SourceWork *work;

  if (!g_str_equal (response, "remove"))
    return;
  work = source_work_for (source);
  work->remove = TRUE;
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), source_work_run, work,
                   (GDestroyNotify) source_work_free, source_done, TRUE);
}

static void
remove_source_cb (GtkWidget      *button,
                  MdgThreatsPage *self)
{
  MdgFeedSource *source = g_object_get_data (G_OBJECT (button), "mdg-source");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: a feed source's name */
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), mdg_feed_source_get_name (source));
  GtkWidget *dialog;

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER)));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("It is no longer fetched and its items are deleted, except the ones starred, "
                                     "picked as seminar topics or attached to a consultation."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mdg-source", g_object_ref (source), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The source's menu: a new name, or Remove. */
static GtkWidget *
source_menu_new (MdgThreatsPage *self,
                 MdgFeedSource  *source)
{
  gint64 id = mdg_feed_source_get_id (source);
  g_autofree char *menu_name = g_strdup_printf ("source-menu-%" G_GINT64_FORMAT, id);
  g_autofree char *entry_name = g_strdup_printf ("source-rename-entry-%" G_GINT64_FORMAT, id);
  g_autofree char *rename_name = g_strdup_printf ("source-rename-%" G_GINT64_FORMAT, id);
  g_autofree char *remove_name = g_strdup_printf ("source-remove-%" G_GINT64_FORMAT, id);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *rename_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *rename = gtk_button_new_with_mnemonic (_("Re_name"));
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Source…"));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_name (button, menu_name);
  gtk_widget_set_tooltip_text (button, _("Rename or remove this source"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (entry, entry_name);
  gtk_editable_set_text (GTK_EDITABLE (entry), mdg_feed_source_get_name (source));
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_name (rename, rename_name);
  g_object_set_data_full (G_OBJECT (rename), "mdg-source", g_object_ref (source), g_object_unref);
  g_object_set_data (G_OBJECT (rename), "mdg-entry", entry);
  g_signal_connect (rename, "clicked", G_CALLBACK (rename_source_cb), self);
  /* Enter in the name renames, as the button does. */
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (gtk_widget_activate), rename);
  gtk_widget_set_name (remove, remove_name);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_object_set_data_full (G_OBJECT (remove), "mdg-source", g_object_ref (source), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_source_cb), self);
  gtk_box_append (GTK_BOX (rename_box), entry);
  gtk_box_append (GTK_BOX (rename_box), rename);
  gtk_box_append (GTK_BOX (box), rename_box);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static GtkWidget *
source_row_new (MdgThreatsPage *self,
                MdgFeedSource  *source)
{
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *switch_name = g_strdup_printf ("source-switch-%" G_GINT64_FORMAT, mdg_feed_source_get_id (source));
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *result = mdg_feed_source_describe_result (source);
  g_autofree char *name = g_strdup_printf ("source-%s", mdg_feed_source_get_key (source) ? mdg_feed_source_get_key (source)
                                                                                          : mdg_feed_source_get_url (source));
  g_autofree char *count = NULL;
  GtkWidget *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_feed_source_get_name (source));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), result);
  gtk_widget_set_name (row, name);
  gtk_widget_set_tooltip_text (row, mdg_feed_source_get_url (source));
  if (mdg_feed_source_get_last_error (source) != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, mdg_feed_source_get_last_error (source));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread", "%u unread", mdg_feed_source_get_n_unread (source)),
                           mdg_feed_source_get_n_unread (source));
  label = gtk_label_new (count);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_switch_set_active (GTK_SWITCH (toggle), mdg_feed_source_get_enabled (source));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_name (toggle, switch_name);
  gtk_widget_set_tooltip_text (toggle, _("Fetch this source"));
  g_object_set_data_full (G_OBJECT (toggle), "mdg-source", g_object_ref (source), g_object_unref);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (source_switch_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), source_menu_new (self, source));
  return row;
}

static void
sources_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MdgThreatsPage) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  sources = mdg_feed_store_list_sources_finish (MDG_DATABASE (source), result, &error);
  if (sources == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (self->source_list == NULL)   /* disposed meanwhile */
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->source_list))) != NULL)
    gtk_list_box_remove (self->source_list, child);
  for (guint i = 0; i < sources->len; i++)
    gtk_list_box_append (self->source_list, source_row_new (self, g_ptr_array_index (sources, i)));

  /* The source filter's choices: "All Sources", then each source. */
  while ((child = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (self->source_choices)))) != NULL)
    gtk_box_remove (self->source_choices, child);
  for (guint i = 0; i < sources->len; i++)
    {
      MdgFeedSource *feed_source = g_ptr_array_index (sources, i);
      gint64 id = mdg_feed_source_get_id (feed_source);
      g_autofree char *name = g_strdup_printf ("threats-source-%" G_GINT64_FORMAT, id);
      g_autofree char *target = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      GtkWidget *check = gtk_check_button_new_with_label (mdg_feed_source_get_name (feed_source));

      gtk_widget_set_name (check, name);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "threats.source");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s", target);
      gtk_box_append (self->source_choices, check);
    }
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->sources = g_steal_pointer (&sources);
  update_filter_buttons (self);

  /* A source removed while the list showed only its items: every source again. */
  if (filter_source_id (self) > 0)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < self->sources->len; i++)
        listed |= mdg_feed_source_get_id (g_ptr_array_index (self->sources, i)) == filter_source_id (self);
      if (!listed)
        g_object_set (self, "source", "all", NULL);
    }
}

static void
reload_sources (MdgThreatsPage *self)
{
  mdg_feed_store_list_sources_async (mdg_section_get_database (MDG_SECTION (self)), NULL, sources_loaded_cb,
                                     g_object_ref (self));
}

/* ---- Fetching ---- */

static void
update_actions (MdgThreatsPage *self)
{
  gboolean busy = self->scheduler != NULL && mdg_feed_scheduler_get_busy (self->scheduler);
  gboolean has_item = self->selected != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "threats.fetch", self->scheduler != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "threats.star", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "threats.faq-draft", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "threats.attach-consultation", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "threats.write-notice", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "threats.open",
                                 has_item && mdg_feed_item_get_link (self->selected) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->topic_button), has_item);
  gtk_spinner_set_spinning (self->fetch_spinner, busy);
}

static void
scheduler_busy_cb (MdgThreatsPage   *self,
                   GParamSpec       *pspec,
                   MdgFeedScheduler *scheduler)
{
  update_actions (self);
}

static void
scheduler_finished_cb (MdgThreatsPage   *self,
                       GPtrArray        *results,
                       MdgFeedScheduler *scheduler)
{
  g_autofree char *message = NULL;
  guint n_new = 0, n_failed = 0;
  MdgFeedFetchResult *failed = NULL;

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      MdgFeedFetchResult *result = g_ptr_array_index (results, i);

      n_new += result->n_new;
      if (result->error != NULL)
        {
          n_failed++;
          failed = failed ? failed : result;
        }
    }

  if (results == NULL)
    message = g_strdup (_("Could not fetch the threat information"));
  else if (failed != NULL)
    /* Translators: a feed source's name, then why it could not be fetched */
    message = n_failed == 1 ? g_strdup_printf (_("Could not fetch %s: %s"), failed->source_name, failed->error->message)
                            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source could not be fetched: see Sources",
                                                            "%u sources could not be fetched: see Sources", n_failed),
                                               n_failed);
  else if (n_new > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new item", "%u new items", n_new), n_new);
  else
    message = g_strdup (_("No new threat information"));
  _mdg_toast (GTK_WIDGET (self), message);

  reload_sources (self);
  reload_items (self);
  run_saved_work (self, g_new0 (SavedWork, 1));
}

static void
fetch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);

  if (self->scheduler != NULL)
    mdg_feed_scheduler_fetch_now (self->scheduler, 0);
}

/* The settings of "When to Fetch", written in a worker. */
typedef struct
{
  guint          minutes;
  gboolean       at_start;
} SettingsWork;

static gboolean
settings_work_run (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  SettingsWork *work = data;

  return mdg_feed_settings_set_interval (connection, work->minutes, error) &&
         mdg_feed_settings_set_fetch_at_start (connection, work->at_start, error);
}

static void
settings_saved (GtkWidget *widget,
                gpointer   data)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);

  if (self->scheduler != NULL)
    mdg_feed_scheduler_reload_settings (self->scheduler);
}

static void
settings_changed_cb (MdgThreatsPage *self)
{
  SettingsWork *work;
  guint selected = adw_combo_row_get_selected (self->interval_row);

  if (self->loading_settings)
    return;
  work = g_new0 (SettingsWork, 1);
  work->minutes = selected < G_N_ELEMENTS (intervals) ? intervals[selected] : 0;
  work->at_start = gtk_switch_get_active (self->start_switch);
  _mdg_work_async (GTK_WIDGET (self), mdg_section_get_database (MDG_SECTION (self)), settings_work_run, work, g_free,
                   settings_saved, TRUE);
}

static void
load_settings (MdgThreatsPage *self)
{
  MdgDatabase *db = mdg_section_get_database (MDG_SECTION (self));
  guint minutes = mdg_feed_settings_get_interval (db);
  guint best = 0;

  /* An interval set elsewhere (the CLI) shows as the nearest choice. */
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (minutes > 0 && intervals[i] <= minutes)
      best = i;
  if (minutes > 0 && best == 0)
    best = 1;
  self->loading_settings = TRUE;
  adw_combo_row_set_selected (self->interval_row, best);
  gtk_switch_set_active (self->start_switch, mdg_feed_settings_get_fetch_at_start (db));
  self->loading_settings = FALSE;
}

/* ---- The detail ---- */

static void
update_detail (MdgThreatsPage *self)
{
  MdgFeedItem *item = self->selected;
  g_autofree char *meta = NULL;
  g_autoptr(GString) details = NULL;
  MdgSeverity severity;

  update_actions (self);
  if (item == NULL && self->showing_notices)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "notices");
      adw_window_title_set_title (self->detail_title, _("Notices"));
      adw_window_title_set_subtitle (self->detail_title, _("For the desk’s portal"));
      return;
    }
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "sources");
      adw_window_title_set_title (self->detail_title, _("Sources"));
      adw_window_title_set_subtitle (self->detail_title, NULL);
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "item");
  adw_window_title_set_title (self->detail_title, mdg_feed_item_get_source_name (item));
  adw_window_title_set_subtitle (self->detail_title, mdg_feed_item_get_identifier (item));

  severity = mdg_feed_item_get_severity (item);
  if (mdg_feed_item_get_cvss_score (item) >= 0)
    {
      /* Translators: a severity ("Critical"), then its CVSS score */
      g_autofree char *text = g_strdup_printf (_("%s (CVSS %.1f)"), mdg_severity_get_label (severity),
                                               mdg_feed_item_get_cvss_score (item));
      gtk_label_set_text (self->item_severity, text);
    }
  else
    gtk_label_set_text (self->item_severity, mdg_severity_get_label (severity));
  gtk_widget_remove_css_class (GTK_WIDGET (self->item_severity), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->item_severity), "warning");
  if (severity >= MDG_SEVERITY_HIGH)
    gtk_widget_add_css_class (GTK_WIDGET (self->item_severity), "error");
  else if (severity == MDG_SEVERITY_MEDIUM)
    gtk_widget_add_css_class (GTK_WIDGET (self->item_severity), "warning");

  gtk_label_set_text (self->item_title, mdg_feed_item_get_title (item));
  details = g_string_new (NULL);
  meta = describe_item (item, FALSE);
  g_string_append (details, meta);
  if (mdg_feed_item_get_identifier (item) != NULL)
    g_string_append_printf (details, "\n%s", mdg_feed_item_get_identifier (item));
  gtk_label_set_text (self->item_meta, details->str);
  gtk_label_set_text (self->item_summary, mdg_feed_item_get_summary (item) ? mdg_feed_item_get_summary (item) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->item_summary), mdg_feed_item_get_summary (item) != NULL);

  gtk_button_set_label (self->star_button, mdg_feed_item_get_starred (item) ? _("Remove _Star") : _("_Star"));
  if (mdg_feed_item_get_picked (item) && *gtk_label_get_text (self->item_topics) == '\0')
    gtk_label_set_text (self->item_topics, _("Picked as a seminar topic"));
  gtk_widget_set_visible (GTK_WIDGET (self->item_topics), *gtk_label_get_text (self->item_topics) != '\0');
}

/* Read once shown. */
static void
show_item (MdgThreatsPage *self)
{
  _mdg_leaflet_show (self->leaflet, self->detail_pane);
  if (!mdg_feed_item_get_read (self->selected))
    change_item (self, ITEM_READ, TRUE, NULL);
}

static void
selection_changed_cb (MdgThreatsPage *self)
{
  MdgFeedItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == self->selected)
    return;
  g_set_object (&self->selected, item);
  gtk_label_set_text (self->item_topics, "");
  if (item != NULL)
    self->showing_notices = FALSE;
  update_detail (self);
  /* Folded, the arrow keys only move through the list; a click or Enter opens. */
  if (item != NULL && !adw_leaflet_get_folded (self->leaflet))
    show_item (self);
}

static void
list_activated_cb (MdgThreatsPage *self,
                   guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (self->selected != NULL)
    show_item (self);
}

static void
star_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);

  if (self->selected != NULL)
    change_item (self, ITEM_STAR, !mdg_feed_item_get_starred (self->selected), NULL);
}

static void
faq_draft_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  change_item (MDG_THREATS_PAGE (widget), ITEM_FAQ, TRUE, NULL);
}

static GPtrArray *
list_consultations (MdgDatabase  *connection,
                    const char   *query,
                    GError      **error)
{
  g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);

  /* Newest first; a search reaches the older ones. */
  filter->query = g_strdup (query);
  filter->limit = 100;
  return mdg_consultation_store_list (connection, filter, error);
}

static void
describe_consultation (gpointer   record,
                       char     **title,
                       char     **subtitle)
{
  MdgConsultation *c = record;
  g_autofree char *date = mdg_date_format (mdg_consultation_get_received_at (c), MDG_DATE_DEFAULT);
  const char *organization = mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION);

  *title = g_strdup (mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT));
  if (organization != NULL && *organization != '\0')
    /* Translators: a consultation in a chooser: its date, organization and state */
    *subtitle = g_strdup_printf (_("%s · %s · %s"), date, organization,
                                 mdg_consultation_state_get_label (mdg_consultation_get_state (c)));
  else
    /* Translators: a consultation in a chooser: its date and state */
    *subtitle = g_strdup_printf (_("%s · %s"), date, mdg_consultation_state_get_label (mdg_consultation_get_state (c)));
}

static void
consultation_chosen_cb (GtkWidget *widget,
                        gpointer   record,
                        gpointer   user_data)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  gint64 item_id = GPOINTER_TO_SIZE (user_data);
  ItemWork *work;

  /* The item the chooser was opened for, even if the list moved meanwhile. */
  if (find_item (self, item_id) == NULL)
    return;
  work = g_new0 (ItemWork, 1);
  work->op = ITEM_ATTACH;
  work->item_id = item_id;
  work->consultation_id = mdg_consultation_get_id (record);
  work->consultation_subject = g_strdup (mdg_consultation_get_text (record, MDG_CONSULTATION_SUBJECT));
  _mdg_work_async (widget, mdg_section_get_database (MDG_SECTION (self)), item_work_run, work,
                   (GDestroyNotify) item_work_free, item_work_done, TRUE);
}

static void
attach_consultation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  static MdgChooserKind kind = { .list = list_consultations, .describe = describe_consultation,
                                 .empty_icon = "call-start-symbolic" };

  if (self->selected == NULL)
    return;
  /* _() is no constant: the strings are set when asked. */
  kind.title = _("Attach to Consultation");
  kind.placeholder = _("Search subject, question, answer");
  kind.empty_title = _("No Consultations Yet");
  kind.empty_description = _("Take one in the Consultations section first.");
  _mdg_chooser_present (widget, mdg_section_get_database (MDG_SECTION (self)), &kind, consultation_chosen_cb,
                        GSIZE_TO_POINTER (mdg_feed_item_get_id (self->selected)));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->selected != NULL && mdg_feed_item_get_link (self->selected) != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, mdg_feed_item_get_link (self->selected),
                  GDK_CURRENT_TIME);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* The sources or the notices in the detail pane, no item selected. */
static void
show_detail_without_item (MdgThreatsPage *self,
                          gboolean        notices)
{
  self->showing_notices = notices;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* The item shown may be one the search no longer lists: no selection changed then. */
  g_clear_object (&self->selected);
  gtk_label_set_text (self->item_topics, "");
  update_detail (self);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
show_sources_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);

  show_detail_without_item (self, FALSE);
}

static void
show_notices_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);

  mdg_notices_view_show_list (self->notices);
  show_detail_without_item (self, TRUE);
}

/* A notice citing the item shown, its title and summary to start from. */
static void
write_notice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (widget);
  g_autoptr(MdgFeedItem) item = self->selected ? g_object_ref (self->selected) : NULL;

  if (item == NULL)
    return;
  show_detail_without_item (self, TRUE);
  mdg_notices_view_new_from_item (self->notices, item);
}

/* ---- Seminar topics ---- */

static void
seminar_chosen_cb (GtkButton      *button,
                   MdgThreatsPage *self)
{
  MdgSeminar *seminar = g_object_get_data (G_OBJECT (button), "mdg-seminar");

  gtk_popover_popdown (self->topic_popover);
  change_item (self, ITEM_PICK, TRUE, seminar);
}

static void
seminars_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MdgThreatsPage) self = user_data;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  seminars = mdg_seminar_store_list_finish (MDG_DATABASE (source), result, &error);
  if (seminars == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_object (&self->seminars_cancellable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topic_box))) != NULL)
    gtk_box_remove (self->topic_box, child);
  if (seminars->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No seminars yet: plan one in Seminars first."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->topic_box, label);
      return;
    }
  for (guint i = 0; i < seminars->len; i++)
    {
      MdgSeminar *seminar = g_ptr_array_index (seminars, i);
      g_autofree char *date = format_date (mdg_seminar_get_starts_at (seminar));
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *title = gtk_label_new (mdg_seminar_get_title (seminar));
      GtkWidget *when = gtk_label_new (date);
      g_autofree char *name = g_strdup_printf ("topic-seminar-%" G_GINT64_FORMAT, mdg_seminar_get_id (seminar));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (when), 0);
      gtk_widget_add_css_class (when, "caption");
      gtk_widget_add_css_class (when, "dim-label");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), when);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_name (button, name);
      g_object_set_data_full (G_OBJECT (button), "mdg-seminar", g_object_ref (seminar), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (seminar_chosen_cb), self);
      gtk_box_append (self->topic_box, button);
    }
}

static void
topic_popover_show_cb (MdgThreatsPage *self)
{
  if (self->seminars_cancellable != NULL)
    return;
  self->seminars_cancellable = g_cancellable_new ();
  mdg_seminar_store_list_async (mdg_section_get_database (MDG_SECTION (self)), self->seminars_cancellable,
                                seminars_loaded_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static void
set_scheduler (MdgThreatsPage *self,
               MdgFeedFetcher *fetcher)
{
  if (self->scheduler != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scheduler, self);
      mdg_feed_scheduler_stop (self->scheduler);
      g_clear_object (&self->scheduler);
    }
  g_set_object (&self->fetcher, fetcher);
  self->scheduler = mdg_feed_scheduler_new (mdg_section_get_database (MDG_SECTION (self)), fetcher);
  g_signal_connect_object (self->scheduler, "notify::busy", G_CALLBACK (scheduler_busy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "finished", G_CALLBACK (scheduler_finished_cb), self, G_CONNECT_SWAPPED);
  mdg_feed_scheduler_start (self->scheduler);
  update_actions (self);
}

static void
mdg_threats_page_search (MdgSection *section)
{
  gtk_widget_grab_focus (GTK_WIDGET (MDG_THREATS_PAGE (section)->search_entry));
}

static void
mdg_threats_page_constructed (GObject *object)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (object);
  g_autoptr(MdgFeedFetcher) fetcher = mdg_feed_fetcher_new ();

  G_OBJECT_CLASS (mdg_threats_page_parent_class)->constructed (object);

  self->notices = MDG_NOTICES_VIEW (mdg_notices_view_new (mdg_section_get_database (MDG_SECTION (self))));
  gtk_widget_set_vexpand (GTK_WIDGET (self->notices), TRUE);
  gtk_box_append (self->notices_box, GTK_WIDGET (self->notices));
  load_settings (self);
  set_scheduler (self, fetcher);
  update_detail (self);
  reload_sources (self);
  reload_items (self);
}

static void
mdg_threats_page_dispose (GObject *object)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (object);

  _mdg_cancellable_clear (&self->cancellable);
  _mdg_cancellable_clear (&self->seminars_cancellable);
  if (self->scheduler != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scheduler, self);
      mdg_feed_scheduler_stop (self->scheduler);
    }
  g_clear_object (&self->scheduler);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->selected);
  g_clear_object (&self->items);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), MDG_TYPE_THREATS_PAGE);

  G_OBJECT_CLASS (mdg_threats_page_parent_class)->dispose (object);
}

static void
mdg_threats_page_finalize (GObject *object)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (object);

  g_free (self->query);
  g_free (self->filter);
  g_free (self->source);

  G_OBJECT_CLASS (mdg_threats_page_parent_class)->finalize (object);
}

static void
mdg_threats_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_SEVERITY:
      g_value_set_string (value, mdg_severity_to_string (self->min_severity));
      break;
    case PROP_PERIOD:
      g_value_set_uint (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_threats_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MdgThreatsPage *self = MDG_THREATS_PAGE (object);
  MdgFeedItemState state = MDG_FEED_ITEM_STATE_ALL;

  switch (prop_id)
    {
    case PROP_FILTER:
      if (!mdg_feed_item_state_from_string (g_value_get_string (value), &state))
        state = MDG_FEED_ITEM_STATE_ALL;
      if (g_strcmp0 (self->filter, mdg_feed_item_state_to_string (state)) == 0)
        return;
      g_free (self->filter);
      self->filter = g_strdup (mdg_feed_item_state_to_string (state));
      g_object_notify_by_pspec (object, pspec);
      if (self->items != NULL && mdg_section_get_database (MDG_SECTION (self)) != NULL)
        reload_items (self);
      break;
    case PROP_SOURCE:
    case PROP_SEVERITY:
    case PROP_PERIOD:
      {
        g_autofree char *source = g_strdup (self->source);
        MdgSeverity severity = self->min_severity;
        guint period = self->period;

        if (prop_id == PROP_SOURCE)
          {
            const char *text = g_value_get_string (value);
            gint64 id = text ? g_ascii_strtoll (text, NULL, 10) : 0;

            g_free (source);
            source = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("all");
          }
        else if (prop_id == PROP_SEVERITY)
          {
            if (!mdg_severity_from_string (g_value_get_string (value), &severity))
              severity = MDG_SEVERITY_UNKNOWN;
          }
        else
          period = MIN (g_value_get_uint (value), 36500);

        if (g_strcmp0 (source, self->source) == 0 && severity == self->min_severity && period == self->period)
          return;
        g_free (self->source);
        self->source = g_steal_pointer (&source);
        self->min_severity = severity;
        self->period = period;
        g_object_notify_by_pspec (object, pspec);
        /* A choice made closes its menu, as a menu's item does. */
        gtk_menu_button_popdown (GTK_MENU_BUTTON (self->source_button));
        gtk_menu_button_popdown (GTK_MENU_BUTTON (self->severity_button));
        gtk_menu_button_popdown (GTK_MENU_BUTTON (self->period_button));
        update_filter_buttons (self);
        if (self->items != NULL && mdg_section_get_database (MDG_SECTION (self)) != NULL)
          {
            reload_items (self);
            update_saved_row (self);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_threats_page_class_init (MdgThreatsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdgSectionClass *section_class = MDG_SECTION_CLASS (klass);

  object_class->constructed = mdg_threats_page_constructed;
  object_class->dispose = mdg_threats_page_dispose;
  object_class->finalize = mdg_threats_page_finalize;
  object_class->get_property = mdg_threats_page_get_property;
  object_class->set_property = mdg_threats_page_set_property;
  section_class->search = mdg_threats_page_search;

  /* Which items the list shows: "all", "unread", "starred" or "picked". */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Which source the list shows: "all" or a source's id. */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The lowest severity the list shows, as mdg_severity_to_string() names it; "unknown" for any. */
  properties[PROP_SEVERITY] =
    g_param_spec_string ("severity", NULL, NULL, "unknown",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Items published in the last so many days; 0 for any time. */
  properties[PROP_PERIOD] =
    g_param_spec_uint ("period", NULL, NULL, 0, 36500, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-threats-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, saved_row);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, saved_box);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, fetch_spinner);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, source_list);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, source_name_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, source_url_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, interval_row);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, start_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, item_severity);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, item_title);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, item_meta);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, item_summary);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, star_button);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, topic_button);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, topic_popover);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, topic_box);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, item_topics);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, source_button_label);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, severity_button_label);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, period_button_label);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, source_choices);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, source_button);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, severity_button);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, period_button);
  gtk_widget_class_bind_template_child (widget_class, MdgThreatsPage, notices_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, topic_popover_show_cb);

  gtk_widget_class_install_property_action (widget_class, "threats.state", "filter");
  gtk_widget_class_install_property_action (widget_class, "threats.source", "source");
  gtk_widget_class_install_property_action (widget_class, "threats.severity", "severity");
  gtk_widget_class_install_property_action (widget_class, "threats.period", "period");
  gtk_widget_class_install_action (widget_class, "threats.fetch", NULL, fetch_action);
  gtk_widget_class_install_action (widget_class, "threats.star", NULL, star_action);
  gtk_widget_class_install_action (widget_class, "threats.faq-draft", NULL, faq_draft_action);
  gtk_widget_class_install_action (widget_class, "threats.attach-consultation", NULL, attach_consultation_action);
  gtk_widget_class_install_action (widget_class, "threats.save-search", NULL, save_search_action);
  gtk_widget_class_install_action (widget_class, "threats.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "threats.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "threats.show-sources", NULL, show_sources_action);
  gtk_widget_class_install_action (widget_class, "threats.show-notices", NULL, show_notices_action);
  gtk_widget_class_install_action (widget_class, "threats.write-notice", NULL, write_notice_action);
  gtk_widget_class_install_action (widget_class, "threats.add-source", NULL, add_source_action);
}

static void
mdg_threats_page_init (MdgThreatsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->filter = g_strdup ("all");
  self->source = g_strdup ("all");
  gtk_widget_init_template (GTK_WIDGET (self));
  update_filter_buttons (self);

  self->items = g_list_store_new (MDG_TYPE_FEED_ITEM);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->items));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  _mdg_list_open_on_click (GTK_WIDGET (self->list_view), self->leaflet);

  g_signal_connect_swapped (self->interval_row, "notify::selected", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_swapped (self->start_switch, "notify::active", G_CALLBACK (settings_changed_cb), self);
}

/**
 * mdg_threats_page_set_fetcher:
 * @self: a #MdgThreatsPage
 * @fetcher: how feeds are fetched (tests give one whose session has no proxy)
 *
 * Replaces the page's fetcher; a fetch under way is cancelled.
 */
void
mdg_threats_page_set_fetcher (MdgThreatsPage *self,
                              MdgFeedFetcher *fetcher)
{
  g_return_if_fail (MDG_IS_THREATS_PAGE (self));
  g_return_if_fail (MDG_IS_FEED_FETCHER (fetcher));

  set_scheduler (self, fetcher);
}
