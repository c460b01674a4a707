/* crm-tasks.h — what the user does to a task (an activity of kind CRM_ACTIVITY_TASK): marking
 * it done, as a plain write or as an undoable step. */
#pragma once

#include "crm-store.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

/* Marks task @task_id done now (done_at: now), or open again (done_at cleared): one write.
 * A task already so is left alone. Refuses (CRM_STORE_ERROR_INVALID) an activity that is no
 * task. */
gboolean
crm_tasks_set_done (CrmStore *store, gint64 task_id, gboolean done, GError **error);

/* Marks task @task_id done as an undoable step of @undo_manager, named "Completed “SUBJECT”";
 * @label (may be NULL) gets that name. */
gboolean
crm_tasks_complete (CrmUndoManager *undo_manager, gint64 task_id, char **label, GError **error);

/* Whether a task due at @due_at is due on a day without a time: the due date was given
 * without one, which keeps it at that day's local midnight. */
gboolean
crm_tasks_is_day_only (gint64 due_at);

G_END_DECLS
