/* crm-task-list-model.h — CrmTaskListModel, the open tasks due within a time range (the Today
 * page's "Overdue" and "Today"), earliest first: a GListModel of CrmActivity that follows the
 * store with exact items-changed signals. */
#pragma once

#include <gio/gio.h>

#include "crm-activity.h"
#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_LIST_MODEL (crm_task_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskListModel, crm_task_list_model, CRM, TASK_LIST_MODEL, GObject)

/* The tasks not done whose due time is in [@due_from, @due_before) (unix seconds), ordered
 * by due time, then id; read through the open-tasks index. */
CrmTaskListModel *
crm_task_list_model_new (CrmRepository *repository, gint64 due_from, gint64 due_before);

/* Another range (the day changed): the items are read again. */
void
crm_task_list_model_set_range (CrmTaskListModel *self, gint64 due_from, gint64 due_before);
gint64
crm_task_list_model_get_due_from (CrmTaskListModel *self);
gint64
crm_task_list_model_get_due_before (CrmTaskListModel *self);

/* The position of task @task_id, or -1. */
int
crm_task_list_model_find (CrmTaskListModel *self, gint64 task_id);

G_END_DECLS
