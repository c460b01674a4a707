/* crm-today-view.c — CrmTodayView, the Today page (see the header).
 *
 * Two CrmTaskListModels hold the tasks: before today (overdue) and today, by local time. The
 * list view shows them flattened behind a heading each (a GtkStringObject naming the group,
 * present only while the group has tasks), so a long list of overdue tasks still scrolls as a
 * list view does, building rows for the visible ones only. A timer looks each minute whether
 * the day changed, and moves the ranges on at midnight.
 *
 * The tasks are read when the page is first shown (a window opening on another page should
 * not read thousands of overdue tasks); until then the badge comes from counting them, one
 * indexed query after each change to the activities.
 */
#include "config.h"

#include "crm-today-view.h"

#include <glib/gi18n.h>

#include "crm-contact.h"
#include "crm-date-format.h"
#include "crm-deal.h"
#include "crm-gui-resources.h"
#include "crm-task-list-model.h"
#include "crm-tasks.h"

#define OVERDUE_GROUP "overdue"
#define TODAY_GROUP "today"
#define DAY_CHECK_SECONDS 60

struct _CrmTodayView
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  CrmTaskListModel *overdue;
  CrmTaskListModel *today;
  GListStore *overdue_heading;
  GListStore *today_heading;
  GtkFlattenListModel *rows;
  GtkSingleSelection *selection;
  guint n_tasks;
  guint day_source;
  /* Until the tasks are read: the count of the badge, kept by this handler. */
  gulong count_handler;
  guint count_source;

  /* Template children */
  GtkStack *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CrmTodayView, crm_today_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_UNDO_MANAGER,
  PROP_N_TASKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* [start of today, start of tomorrow) in local time, as unix seconds. */
static void
get_today (gint64 *start, gint64 *end)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) midnight
      = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (midnight, 1);

  *start = g_date_time_to_unix (midnight);
  *end = g_date_time_to_unix (tomorrow);
}

/* ---- Rows ------------------------------------------------------------------------------- */

typedef struct
{
  GtkWidget *heading;
  GtkLabel *heading_label;
  GtkLabel *heading_count;
  GtkCheckButton *check;
  GtkWidget *texts;
  GtkLabel *subject;
  GtkLabel *detail;
  GtkLabel *due;
  gint64 task_id;
} Row;

static gboolean
complete_in_idle (gpointer data);
static void
ensure_rows (CrmTodayView *self);

typedef struct
{
  CrmTodayView *view;
  gint64 task_id;
} PendingCompletion;

static void
on_check_toggled (GtkCheckButton *check, CrmTodayView *self)
{
  Row *row = g_object_get_data (G_OBJECT (check), "row");
  PendingCompletion *pending;

  if (!gtk_check_button_get_active (check) || row->task_id == 0)
    return;
  /* After the toggle's emission: the write removes this row from the list. */
  pending = g_new0 (PendingCompletion, 1);
  pending->view = g_object_ref (self);
  pending->task_id = row->task_id;
  g_idle_add (complete_in_idle, pending);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory, GtkListItem *item, CrmTodayView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  Row *row = g_new0 (Row, 1);

  row->heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (row->heading, "crm-task-heading");
  row->heading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->heading_label), "heading");
  gtk_box_append (GTK_BOX (row->heading), GTK_WIDGET (row->heading_label));
  row->heading_count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->heading_count), "crm-count-badge");
  gtk_widget_add_css_class (GTK_WIDGET (row->heading_count), "caption");
  gtk_widget_set_valign (GTK_WIDGET (row->heading_count), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row->heading), GTK_WIDGET (row->heading_count));
  gtk_box_append (GTK_BOX (box), row->heading);

  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->check), _ ("Mark as Done"));
  g_object_set_data (G_OBJECT (row->check), "row", row);
  g_signal_connect (row->check, "toggled", G_CALLBACK (on_check_toggled), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->check));

  row->texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (row->texts, TRUE);
  gtk_widget_set_valign (row->texts, GTK_ALIGN_CENTER);
  row->subject = GTK_LABEL (gtk_label_new (NULL));
  row->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->detail), "dim-label");
  for (GtkLabel **label = &row->subject; label <= &row->detail; label++)
    {
      gtk_label_set_xalign (*label, 0);
      gtk_label_set_ellipsize (*label, PANGO_ELLIPSIZE_END);
      gtk_label_set_use_markup (*label, FALSE);
      gtk_box_append (GTK_BOX (row->texts), GTK_WIDGET (*label));
    }
  gtk_box_append (GTK_BOX (box), row->texts);

  row->due = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->due), "numeric");
  gtk_widget_set_valign (GTK_WIDGET (row->due), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->due));

  g_object_set_data_full (G_OBJECT (box), "row", row, g_free);
  gtk_list_item_set_child (item, box);
}

/* "Ada Lovelace · Website redesign": whom and what the task is for. */
static char *
describe_task (CrmTodayView *self, CrmActivity *task)
{
  g_autoptr (CrmContact) contact = NULL;
  g_autoptr (CrmDeal) deal = NULL;
  const char *parts[3] = { NULL };
  guint n = 0;

  if (crm_activity_get_contact_id (task) != 0)
    contact = crm_repository_get_object (self->repository, CRM_ENTITY_CONTACT,
                                         crm_activity_get_contact_id (task), NULL);
  if (crm_activity_get_deal_id (task) != 0)
    deal = crm_repository_get_object (self->repository, CRM_ENTITY_DEAL,
                                      crm_activity_get_deal_id (task), NULL);
  if (contact != NULL)
    parts[n++] = crm_contact_get_name (contact);
  if (deal != NULL)
    parts[n++] = crm_deal_get_title (deal);
  return g_strjoinv (" · ", (char **) parts);
}

/* When the task is due: the time for today's, the day for older ones. */
static char *
format_due (gint64 due_at, gint64 today_start)
{
  g_autoptr (GDateTime) due = g_date_time_new_from_unix_local (due_at);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (due_at >= today_start && crm_date_is_day_only (due_at))
    /* Translators: a task due today without a time. */
    return g_strdup (_ ("All day"));
  if (due_at >= today_start)
    /* Translators: the time a task is due today, as g_date_time_format() takes it. */
    return g_date_time_format (due, C_ ("task due time", "%H:%M"));
  if (due_at >= today_start - 24 * 60 * 60)
    return g_strdup (_ ("Yesterday"));
  if (g_date_time_get_year (due) == g_date_time_get_year (now))
    /* Translators: a day in this year, as g_date_time_format() takes it. */
    return g_date_time_format (due, C_ ("task due date", "%b %-d"));
  /* Translators: a day in another year, as g_date_time_format() takes it. */
  return g_date_time_format (due, C_ ("task due date", "%b %-d, %Y"));
}

static void
bind_heading (CrmTodayView *self, GtkListItem *item, Row *row, GtkStringObject *group)
{
  gboolean overdue = g_str_equal (gtk_string_object_get_string (group), OVERDUE_GROUP);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (overdue ? self->overdue : self->today));
  g_autofree char *count = g_strdup_printf ("%u", n);

  gtk_label_set_text (row->heading_label, overdue ? _ ("Overdue") : _ ("Today"));
  gtk_label_set_text (row->heading_count, count);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_task (CrmTodayView *self, GtkListItem *item, Row *row, CrmActivity *task)
{
  g_autofree char *detail = describe_task (self, task);
  g_autofree char *due = NULL;
  g_autofree char *check_label = NULL;
  const char *subject = crm_activity_get_subject (task);
  gint64 due_at = crm_activity_get_due_at (task);
  gint64 today_start, today_end;

  get_today (&today_start, &today_end);
  row->task_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (task));
  /* Unchecked without completing anything: the row may have shown a task just done. */
  g_signal_handlers_block_by_func (row->check, on_check_toggled, self);
  gtk_check_button_set_active (row->check, FALSE);
  g_signal_handlers_unblock_by_func (row->check, on_check_toggled, self);

  if (subject == NULL || subject[0] == '\0')
    subject = _ ("Untitled task");
  gtk_label_set_text (row->subject, subject);
  gtk_label_set_text (row->detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (row->detail), detail[0] != '\0');
  due = format_due (due_at, today_start);
  gtk_label_set_text (row->due, due);
  /* Late: its time has passed (its day, for a day without a time). */
  if (crm_date_is_overdue (due_at, g_get_real_time () / G_USEC_PER_SEC))
    gtk_widget_add_css_class (GTK_WIDGET (row->due), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->due), "error");

  /* Translators: the label of a task's check button for screen readers; %s is its subject. */
  check_label = g_strdup_printf (_ ("Mark “%s” as done"), subject);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  check_label, -1);
  gtk_list_item_set_activatable (item, TRUE);
  gtk_list_item_set_selectable (item, TRUE);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmTodayView *self)
{
  GObject *object = gtk_list_item_get_item (item);
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "row");
  gboolean heading = GTK_IS_STRING_OBJECT (object);

  gtk_widget_set_visible (row->heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (row->check), !heading);
  gtk_widget_set_visible (row->texts, !heading);
  gtk_widget_set_visible (GTK_WIDGET (row->due), !heading);
  row->task_id = 0;
  if (heading)
    bind_heading (self, item, row, GTK_STRING_OBJECT (object));
  else
    bind_task (self, item, row, CRM_ACTIVITY (object));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmTodayView *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "row");

  row->task_id = 0;
}

/* ---- Groups ----------------------------------------------------------------------------- */

static void
set_n_tasks (CrmTodayView *self, guint n_tasks)
{
  if (n_tasks == self->n_tasks)
    return;
  self->n_tasks = n_tasks;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TASKS]);
}

/* A group's heading is there while the group has tasks; it is replaced when the count it
 * shows changes, so its row shows the new count. */
static void
update_heading (CrmTodayView *self, GListStore *heading, GListModel *tasks, const char *group)
{
  guint n = g_list_model_get_n_items (tasks);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (heading));

  if (n == 0)
    {
      g_list_store_remove_all (heading);
      return;
    }
  {
    g_autoptr (GtkStringObject) object = gtk_string_object_new (group);

    g_list_store_splice (heading, 0, shown, (gpointer *) &object, 1);
  }
}

static void
update_groups (CrmTodayView *self)
{
  guint n_tasks = g_list_model_get_n_items (G_LIST_MODEL (self->overdue))
                  + g_list_model_get_n_items (G_LIST_MODEL (self->today));

  update_heading (self, self->overdue_heading, G_LIST_MODEL (self->overdue), OVERDUE_GROUP);
  update_heading (self, self->today_heading, G_LIST_MODEL (self->today), TODAY_GROUP);
  gtk_stack_set_visible_child_name (self->stack, n_tasks > 0 ? "tasks" : "empty");
  set_n_tasks (self, n_tasks);
}

static void
on_tasks_changed (CrmTodayView *self)
{
  update_groups (self);
}

static gboolean
on_day_check (gpointer data)
{
  CrmTodayView *self = data;
  gint64 start, end;

  get_today (&start, &end);
  crm_task_list_model_set_range (self->overdue, G_MININT64, start);
  crm_task_list_model_set_range (self->today, start, end);
  return G_SOURCE_CONTINUE;
}

/* ---- Actions ---------------------------------------------------------------------------- */

static void
show_toast (CrmTodayView *self, const char *text, gboolean undoable)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* Toast titles are markup; task subjects are not. */
  g_autofree char *title = g_markup_escape_text (text, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

gboolean
crm_today_view_complete_task (CrmTodayView *self, gint64 task_id, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_TODAY_VIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!crm_tasks_complete (self->undo_manager, task_id, &label, error))
    return FALSE;
  show_toast (self, label, TRUE);
  return TRUE;
}

static gboolean
complete_in_idle (gpointer data)
{
  PendingCompletion *pending = data;
  g_autoptr (GError) error = NULL;

  if (!crm_today_view_complete_task (pending->view, pending->task_id, &error))
    {
      g_autofree char *text = g_strdup_printf (_ ("Cannot complete the task: %s"), error->message);

      show_toast (pending->view, text, FALSE);
    }
  g_object_unref (pending->view);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
on_list_view_activate (CrmTodayView *self, guint position)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  CrmActivity *task;

  if (!CRM_IS_ACTIVITY (item))
    return;
  task = CRM_ACTIVITY (item);
  if (crm_activity_get_deal_id (task) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-deal", "x",
                                crm_activity_get_deal_id (task));
  else if (crm_activity_get_contact_id (task) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "x",
                                crm_activity_get_contact_id (task));
}

gboolean
crm_today_view_show_task (CrmTodayView *self, gint64 task_id)
{
  int position;
  guint offset;

  g_return_val_if_fail (CRM_IS_TODAY_VIEW (self), FALSE);

  ensure_rows (self);
  offset = g_list_model_get_n_items (G_LIST_MODEL (self->overdue_heading));
  position = crm_task_list_model_find (self->overdue, task_id);
  if (position < 0)
    {
      offset += g_list_model_get_n_items (G_LIST_MODEL (self->overdue))
                + g_list_model_get_n_items (G_LIST_MODEL (self->today_heading));
      position = crm_task_list_model_find (self->today, task_id);
    }
  if (position < 0)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, offset + (guint) position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              offset + (guint) position);
  return TRUE;
}

guint
crm_today_view_get_n_tasks (CrmTodayView *self)
{
  g_return_val_if_fail (CRM_IS_TODAY_VIEW (self), 0);
  return self->n_tasks;
}

gboolean
crm_today_view_get_tasks_read (CrmTodayView *self)
{
  g_return_val_if_fail (CRM_IS_TODAY_VIEW (self), FALSE);
  return self->rows != NULL;
}

GListModel *
crm_today_view_get_rows (CrmTodayView *self)
{
  g_return_val_if_fail (CRM_IS_TODAY_VIEW (self), NULL);
  ensure_rows (self);
  return G_LIST_MODEL (self->rows);
}

/* ---- GObject ---------------------------------------------------------------------------- */

/* Reads the tasks and shows them (once). */
static void
ensure_rows (CrmTodayView *self)
{
  g_autoptr (GListStore) groups = NULL;
  gint64 start, end;

  if (self->rows != NULL)
    return;
  g_clear_signal_handler (&self->count_handler, crm_repository_get_store (self->repository));
  g_clear_handle_id (&self->count_source, g_source_remove);

  get_today (&start, &end);
  self->overdue = crm_task_list_model_new (self->repository, G_MININT64, start);
  self->today = crm_task_list_model_new (self->repository, start, end);
  self->overdue_heading = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->today_heading = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  groups = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (groups, self->overdue_heading);
  g_list_store_append (groups, self->overdue);
  g_list_store_append (groups, self->today_heading);
  g_list_store_append (groups, self->today);
  self->rows = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&groups)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect_object (self->overdue, "items-changed", G_CALLBACK (on_tasks_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->today, "items-changed", G_CALLBACK (on_tasks_changed), self,
                           G_CONNECT_SWAPPED);
  update_groups (self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  self->day_source = g_timeout_add_seconds (DAY_CHECK_SECONDS, on_day_check, self);
}

/* The badge before the tasks are read: the open tasks due before tomorrow. */
static gboolean
on_count_idle (gpointer data)
{
  CrmTodayView *self = data;
  g_autoptr (GError) error = NULL;
  gint64 start, end, count;

  self->count_source = 0;
  get_today (&start, &end);
  count = crm_store_count_open_tasks (crm_repository_get_store (self->repository), G_MININT64, end,
                                      &error);
  if (count < 0)
    g_warning ("Cannot count the tasks due: %s", error->message);
  else
    set_n_tasks (self, (guint) count);
  gtk_stack_set_visible_child_name (self->stack, count > 0 ? "tasks" : "empty");
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_before_rows (
    CrmStore *store, guint entity, guint action, gint64 id, gpointer old_record, CrmTodayView *self)
{
  if (entity == CRM_ENTITY_ACTIVITY && self->count_source == 0)
    self->count_source = g_idle_add (on_count_idle, self);
}

static void
crm_today_view_map (GtkWidget *widget)
{
  ensure_rows (CRM_TODAY_VIEW (widget));
  GTK_WIDGET_CLASS (crm_today_view_parent_class)->map (widget);
}

static void
crm_today_view_constructed (GObject *object)
{
  CrmTodayView *self = CRM_TODAY_VIEW (object);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (crm_today_view_parent_class)->constructed (object);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);

  self->count_handler = g_signal_connect (crm_repository_get_store (self->repository), "changed",
                                          G_CALLBACK (on_store_changed_before_rows), self);
  on_count_idle (self);
}

static void
crm_today_view_dispose (GObject *object)
{
  CrmTodayView *self = CRM_TODAY_VIEW (object);

  g_clear_handle_id (&self->day_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->repository != NULL)
    g_clear_signal_handler (&self->count_handler, crm_repository_get_store (self->repository));
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TODAY_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->overdue_heading);
  g_clear_object (&self->today_heading);
  g_clear_object (&self->overdue);
  g_clear_object (&self->today);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_today_view_parent_class)->dispose (object);
}

static void
crm_today_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmTodayView *self = CRM_TODAY_VIEW (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        g_value_set_object (value, self->repository);
        break;
      case PROP_UNDO_MANAGER:
        g_value_set_object (value, self->undo_manager);
        break;
      case PROP_N_TASKS:
        g_value_set_uint (value, self->n_tasks);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_today_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CrmTodayView *self = CRM_TODAY_VIEW (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        self->repository = g_value_dup_object (value);
        break;
      case PROP_UNDO_MANAGER:
        self->undo_manager = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_today_view_class_init (CrmTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_today_view_constructed;
  object_class->dispose = crm_today_view_dispose;
  object_class->get_property = crm_today_view_get_property;
  object_class->set_property = crm_today_view_set_property;
  widget_class->map = crm_today_view_map;

  properties[PROP_REPOSITORY]
      = g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_MANAGER]
      = g_param_spec_object ("undo-manager", NULL, NULL, CRM_TYPE_UNDO_MANAGER,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TASKS]
      = g_param_spec_uint ("n-tasks", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  crm_gui_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/crm-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTodayView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_today_view_init (CrmTodayView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
crm_today_view_new (CrmRepository *repository, CrmUndoManager *undo_manager)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  return g_object_new (CRM_TYPE_TODAY_VIEW, "repository", repository, "undo-manager", undo_manager,
                       NULL);
}
