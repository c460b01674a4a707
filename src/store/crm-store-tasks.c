/* crm-store-tasks.c — open tasks read through their partial index (the Today page and the
 * reminders), and the write of a contact's computed score (the lead-score keeper). */
#include "config.h"

#include "crm-store-private.h"

/* The WHERE of the partial index activities_open_tasks, word for word, so SQLite uses it. */
#define OPEN_TASKS "kind = 'task' AND done = 0"

GPtrArray *
crm_store_list_open_tasks (
    CrmStore *self, gint64 due_from, gint64 due_before, guint limit, GError **error)
{
  /* LIMIT -1: no limit. */
  const gint64 values[] = { due_from, due_before, limit > 0 ? (gint64) limit : -1 };

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return crm_store_select_records (self, CRM_ENTITY_ACTIVITY,
                                   "WHERE " OPEN_TASKS " AND due_at >= ?1 AND due_at < ?2 "
                                   "ORDER BY due_at, id LIMIT ?3",
                                   values, G_N_ELEMENTS (values), error);
}

gint64
crm_store_count_open_tasks (CrmStore *self, gint64 due_from, gint64 due_before, GError **error)
{
  sqlite3_stmt *statement;
  gint64 count;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  statement = crm_store_prepare (
      self, "SELECT count(*) FROM activities WHERE " OPEN_TASKS " AND due_at >= ?1 AND due_at < ?2",
      error);
  if (statement == NULL)
    return -1;
  sqlite3_bind_int64 (statement, 1, due_from);
  sqlite3_bind_int64 (statement, 2, due_before);
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      sqlite3_reset (statement);
      return -1;
    }
  count = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  return count;
}

gboolean
crm_store_set_contact_score (
    CrmStore *self, gint64 contact_id, int score, CrmLifecycleStage lifecycle, GError **error)
{
  CrmContactRecord *old_contact;
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (score >= 0 && score <= 100, FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;
  old_contact = crm_store_get_contact (self, contact_id, error);
  if (old_contact == NULL)
    goto failed;
  /* Only these columns, so the search index's triggers (on name, e-mail, …) stay still. A new
   * lifecycle stage dates itself by updated_at in its history (the trigger reads it). */
  statement
      = crm_store_prepare (self,
                           "UPDATE contacts SET score = ?2, lifecycle = ?3, "
                           "updated_at = CASE WHEN lifecycle = ?3 THEN updated_at ELSE ?4 END "
                           "WHERE id = ?1",
                           error);
  if (statement == NULL)
    goto failed_with_contact;
  sqlite3_bind_int64 (statement, 1, contact_id);
  sqlite3_bind_int (statement, 2, score);
  sqlite3_bind_text (statement, 3, crm_lifecycle_stage_to_string (lifecycle), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 4, crm_store_now ());
  if (!crm_store_step_done (self, statement, error))
    goto failed_with_contact;
  crm_store_queue_change (self, CRM_ENTITY_CONTACT, CRM_CHANGE_UPDATE, contact_id, old_contact);
  return crm_store_commit (self, error);

failed_with_contact:
  crm_contact_record_free (old_contact);
failed:
  crm_store_rollback (self);
  return FALSE;
}
