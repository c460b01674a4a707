/* crm-tasks.c — marking tasks done (see the header). */
#include "config.h"

#include "crm-tasks.h"

#include <glib/gi18n-lib.h>

gboolean
crm_tasks_set_done (CrmStore *store, gint64 task_id, gboolean done, GError **error)
{
  g_autoptr (CrmActivityRecord) task = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  task = crm_store_get_activity (store, task_id, error);
  if (task == NULL)
    return FALSE;
  if (task->kind != CRM_ACTIVITY_TASK)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("This activity is not a task"));
      return FALSE;
    }
  if (task->done == done)
    return TRUE;
  task->done = done;
  task->done_at = done ? g_get_real_time () / G_USEC_PER_SEC : 0;
  return crm_store_update_activity (store, task, error);
}

static gboolean
complete_task (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_tasks_set_done (store, *(const gint64 *) user_data, TRUE, error);
}

gboolean
crm_tasks_complete (CrmUndoManager *undo_manager, gint64 task_id, char **label, GError **error)
{
  g_autoptr (CrmActivityRecord) task = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);

  task = crm_store_get_activity (crm_undo_manager_get_store (undo_manager), task_id, error);
  if (task == NULL)
    return FALSE;
  /* Translators: an undoable action; %s is a task's subject. */
  name = g_strdup_printf (_ ("Completed “%s”"), task->subject != NULL ? task->subject : "");
  if (!crm_undo_manager_record (undo_manager, name, complete_task, &task_id, error))
    return FALSE;
  if (label != NULL)
    *label = g_steal_pointer (&name);
  return TRUE;
}

gboolean
crm_tasks_is_day_only (gint64 due_at)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (due_at);

  return time != NULL && g_date_time_get_hour (time) == 0 && g_date_time_get_minute (time) == 0
         && g_date_time_get_second (time) == 0;
}
