/* crm-task-reminders.h — CrmTaskReminders sends a desktop notification (GNotification) when an
 * open task of a database falls due (crm-process.md §4).
 *
 * Each task due while it runs gets one notification, "Task due: SUBJECT", with its contact and
 * deal, whose default action is app.show-task and whose button "Mark as Done" is
 * app.complete-task (both with the task id, an int64, as target): the application implements
 * both. Tasks already overdue when it starts get one summary instead ("3 tasks overdue",
 * default action app.show-today), and so do more than a few falling due at once (after a
 * suspend). A task due on a day without a time (at its local midnight) falls due at the
 * reminder-time setting of that day. It waits for the next due task with a timer (one indexed query), and plans again
 * when tasks are added, done or moved. A task done or deleted takes its notification back.
 */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The id of the notification of task @task_id ("task-42"). */
char *
crm_task_reminders_notification_id (gint64 task_id);
#define CRM_TASK_REMINDERS_SUMMARY_ID "tasks-overdue"

#define CRM_TYPE_TASK_REMINDERS (crm_task_reminders_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskReminders, crm_task_reminders, CRM, TASK_REMINDERS, GObject)

/* Starts reminding of @store's tasks through @application (registered: notifications go
 * through its D-Bus connection). Tasks overdue now are summed up at once. */
CrmTaskReminders *
crm_task_reminders_new (GApplication *application, CrmStore *store);

CrmStore *
crm_task_reminders_get_store (CrmTaskReminders *self);

/* When the next reminder is due (unix seconds), or 0 when no open task is due later. */
gint64
crm_task_reminders_get_next_due (CrmTaskReminders *self);

G_END_DECLS
