/* crm-today-view.h — CrmTodayView, the Today page: the open tasks due today and the overdue
 * ones, in two groups ("Overdue", "Today"), earliest first, each with its contact and deal and
 * when it is due. A check button marks a task done (undoable, with a toast); activating a row
 * opens its deal (win.edit-deal) or else its contact (win.show-contact). It follows the store,
 * and the day changing at midnight. With nothing due it shows its empty state.
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_TODAY_VIEW (crm_today_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmTodayView, crm_today_view, CRM, TODAY_VIEW, GtkWidget)

GtkWidget *
crm_today_view_new (CrmRepository *repository, CrmUndoManager *undo_manager);

/* How many tasks the page lists (the "n-tasks" property, the page's badge). */
guint
crm_today_view_get_n_tasks (CrmTodayView *self);
/* Whether the tasks were read yet (the page was shown, or the rows asked for). */
gboolean
crm_today_view_get_tasks_read (CrmTodayView *self);
/* The rows: a GtkStringObject heading each group that has tasks, then its CrmActivity tasks.
 * The tasks are read when the page is first shown, or asked for here. */
GListModel *
crm_today_view_get_rows (CrmTodayView *self);

/* Selects and scrolls to task @task_id; FALSE when the page does not list it. */
gboolean
crm_today_view_show_task (CrmTodayView *self, gint64 task_id);
/* Marks task @task_id done as the check button does: undoable, reported by a toast. */
gboolean
crm_today_view_complete_task (CrmTodayView *self, gint64 task_id, GError **error);

G_END_DECLS
