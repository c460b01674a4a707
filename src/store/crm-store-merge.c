/* crm-store-merge.c — merging two records of the same person: crm_store_merge_contacts() moves
 * everything that hangs off one contact to the other and deletes it, in one transaction.
 *
 * Every write but one goes through the change log, so crm_store_revert_changes() undoes it.
 * The exception is contact_lifecycle_history, which triggers write and the log does not hold:
 * crm_store_save_lifecycle_history() keeps a copy of both contacts' rows before the merge, and
 * crm_store_restore_lifecycle_history() puts exactly those rows back after the revert. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-private.h"

/* ---- What hangs off a contact --------------------------------------------------------------- */

gboolean
crm_store_count_contact_links (CrmStore *self,
                               gint64 contact_id,
                               CrmContactLinks *links,
                               GError **error)
{
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (links != NULL, FALSE);

  memset (links, 0, sizeof *links);
  statement
      = crm_store_prepare (self,
                           "SELECT (SELECT count(*) FROM activities WHERE contact_id = ?1), "
                           "(SELECT count(*) FROM deals WHERE contact_id = ?1), "
                           "(SELECT count(*) FROM feedback WHERE contact_id = ?1), "
                           "(SELECT count(*) FROM contact_tags WHERE contact_id = ?1), "
                           "(SELECT count(*) FROM contact_lifecycle_history WHERE contact_id = ?1)",
                           error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, contact_id);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    {
      links->n_activities = (guint) sqlite3_column_int64 (statement, 0);
      links->n_deals = (guint) sqlite3_column_int64 (statement, 1);
      links->n_feedback = (guint) sqlite3_column_int64 (statement, 2);
      links->n_tags = (guint) sqlite3_column_int64 (statement, 3);
      links->n_lifecycle_changes = (guint) sqlite3_column_int64 (statement, 4);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

char *
crm_store_join_contact_notes (const char *kept, const char *other)
{
  if (is_blank (other) || (kept != NULL && strstr (kept, other) != NULL))
    return is_blank (kept) ? NULL : g_strdup (kept);
  if (is_blank (kept))
    return g_strdup (other);
  return g_strconcat (kept, "\n\n", other, NULL);
}

/* ---- The merge ---------------------------------------------------------------------------- */

/* Points every row of @entity's table that belongs to @other_id at @keep_id with one
 * statement (logged row by row by the triggers), and queues a change signal for each. */
static gboolean
move_rows (CrmStore *self,
           CrmEntity entity,
           const char *sql,
           gint64 keep_id,
           gint64 other_id,
           GError **error)
{
  g_autoptr (GPtrArray) rows = crm_store_select_records (
      self, entity, "WHERE contact_id = ?1 ORDER BY id", &other_id, 1, error);
  sqlite3_stmt *statement;

  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, keep_id);
  sqlite3_bind_int64 (statement, 2, other_id);
  if (strstr (sql, "?3") != NULL)
    sqlite3_bind_int64 (statement, 3, crm_store_now ());
  if (!crm_store_step_done (self, statement, error))
    return FALSE;

  /* The signals take the old rows over. */
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    crm_store_queue_change (self, entity, CRM_CHANGE_UPDATE,
                            ((CrmRecordHeader *) rows->pdata[i])->id, rows->pdata[i]);
  return TRUE;
}

static gboolean
run_on_pair (CrmStore *self, const char *sql, gint64 keep_id, gint64 other_id, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, keep_id);
  sqlite3_bind_int64 (statement, 2, other_id);
  return crm_store_step_done (self, statement, error);
}

/* Tags become the union: the other's tags are added to the kept contact (one it already has
 * is skipped, not an error), then taken from the other. Both writes are logged. */
static gboolean
move_tags (CrmStore *self, gint64 keep_id, gint64 other_id, GError **error)
{
  return run_on_pair (self,
                      "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) "
                      "SELECT ?1, tag_id FROM contact_tags WHERE contact_id = ?2 ORDER BY tag_id",
                      keep_id, other_id, error)
         && run_on_pair (self, "DELETE FROM contact_tags WHERE contact_id = ?2", keep_id, other_id,
                         error);
}

static CrmContactRecord *
get_contact_to_merge (CrmStore *self, gint64 id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  CrmContactRecord *contact = crm_store_get_contact (self, id, &local_error);

  if (contact != NULL)
    return contact;
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 _ ("Cannot merge: there is no contact %lld (deleted meanwhile?)"), (long long) id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

gboolean
crm_store_merge_contacts (CrmStore *self,
                          gint64 keep_id,
                          gint64 other_id,
                          const CrmContactRecord *merged_fields,
                          GError **error)
{
  g_autoptr (CrmContactRecord) keep = NULL;
  g_autoptr (CrmContactRecord) other = NULL;
  g_autoptr (CrmContactRecord) merged = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (merged_fields != NULL, FALSE);
  g_return_val_if_fail (!self->bulk, FALSE);

  if (keep_id == other_id)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("A contact cannot be merged with itself"));
      return FALSE;
    }
  if (!crm_store_begin (self, error))
    return FALSE;
  keep = get_contact_to_merge (self, keep_id, error);
  if (keep == NULL)
    goto failed;
  other = get_contact_to_merge (self, other_id, error);
  if (other == NULL)
    goto failed;

  /* First what hangs off the other contact, so that deleting it cascades into nothing. */
  if (!move_rows (self, CRM_ENTITY_ACTIVITY,
                  "UPDATE activities SET contact_id = ?1, updated_at = ?3 WHERE contact_id = ?2",
                  keep_id, other_id, error)
      || !move_rows (self, CRM_ENTITY_DEAL,
                     "UPDATE deals SET contact_id = ?1, updated_at = ?3 WHERE contact_id = ?2",
                     keep_id, other_id, error)
      || !move_rows (self, CRM_ENTITY_FEEDBACK,
                     "UPDATE feedback SET contact_id = ?1 WHERE contact_id = ?2", keep_id, other_id,
                     error)
      || !move_tags (self, keep_id, other_id, error)
      || !run_on_pair (self,
                       "UPDATE contact_lifecycle_history SET contact_id = ?1 WHERE contact_id = ?2",
                       keep_id, other_id, error))
    goto failed;

  /* The kept row keeps its identity and creation; its update is dated now. */
  merged = crm_contact_record_copy (merged_fields);
  merged->id = keep->id;
  g_free (merged->uuid);
  merged->uuid = g_strdup (keep->uuid);
  merged->created_at = keep->created_at;
  merged->updated_at = keep->updated_at;
  g_free (merged->notes);
  merged->notes = crm_store_join_contact_notes (keep->notes, other->notes);
  if (!crm_store_update_contact (self, merged, error)
      || !crm_store_delete_contact (self, other_id, error))
    goto failed;
  return crm_store_commit (self, error);

failed:
  crm_store_rollback (self);
  return FALSE;
}

/* ---- Lifecycle history, which the change log does not hold -------------------------------- */

typedef struct
{
  gint64 id;
  gint64 contact_id;
  char *from_stage;
  char *to_stage;
  gint64 changed_at;
} LifecycleRow;

struct _CrmLifecycleSnapshot
{
  GArray *contact_ids; /* gint64 */
  GArray *rows;        /* LifecycleRow */
};

static void
lifecycle_row_clear (gpointer data)
{
  LifecycleRow *row = data;

  g_clear_pointer (&row->from_stage, g_free);
  g_clear_pointer (&row->to_stage, g_free);
}

void
crm_lifecycle_snapshot_free (CrmLifecycleSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_array_unref (snapshot->contact_ids);
  g_array_unref (snapshot->rows);
  g_free (snapshot);
}

static char *
dup_column_text (sqlite3_stmt *statement, int column)
{
  const unsigned char *text = sqlite3_column_text (statement, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
read_lifecycle_rows (CrmStore *self, gint64 contact_id, GArray *rows, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self,
      "SELECT id, contact_id, from_stage, to_stage, changed_at FROM contact_lifecycle_history "
      "WHERE contact_id = ?1 ORDER BY id",
      error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, contact_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      LifecycleRow row = { 0 };

      row.id = sqlite3_column_int64 (statement, 0);
      row.contact_id = sqlite3_column_int64 (statement, 1);
      row.from_stage = dup_column_text (statement, 2);
      row.to_stage = dup_column_text (statement, 3);
      row.changed_at = sqlite3_column_int64 (statement, 4);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

CrmLifecycleSnapshot *
crm_store_save_lifecycle_history (CrmStore *self,
                                  const gint64 *contact_ids,
                                  guint n_contact_ids,
                                  GError **error)
{
  g_autoptr (CrmLifecycleSnapshot) snapshot = g_new0 (CrmLifecycleSnapshot, 1);

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (contact_ids != NULL || n_contact_ids == 0, NULL);

  snapshot->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  snapshot->rows = g_array_new (FALSE, TRUE, sizeof (LifecycleRow));
  g_array_set_clear_func (snapshot->rows, lifecycle_row_clear);
  g_array_append_vals (snapshot->contact_ids, contact_ids, n_contact_ids);
  for (guint i = 0; i < n_contact_ids; i++)
    if (!read_lifecycle_rows (self, contact_ids[i], snapshot->rows, error))
      return NULL;
  return g_steal_pointer (&snapshot);
}

static gboolean
insert_lifecycle_row (CrmStore *self, const LifecycleRow *row, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self,
      "INSERT INTO contact_lifecycle_history (id, contact_id, from_stage, to_stage, changed_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, row->id);
  sqlite3_bind_int64 (statement, 2, row->contact_id);
  if (row->from_stage != NULL)
    sqlite3_bind_text (statement, 3, row->from_stage, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (statement, 3);
  sqlite3_bind_text (statement, 4, row->to_stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 5, row->changed_at);
  return crm_store_step_done (self, statement, error);
}

gboolean
crm_store_restore_lifecycle_history (CrmStore *self,
                                     const CrmLifecycleSnapshot *snapshot,
                                     GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < snapshot->contact_ids->len; i++)
    {
      sqlite3_stmt *statement = crm_store_prepare (
          self, "DELETE FROM contact_lifecycle_history WHERE contact_id = ?1", error);

      if (statement == NULL)
        goto failed;
      sqlite3_bind_int64 (statement, 1, g_array_index (snapshot->contact_ids, gint64, i));
      if (!crm_store_step_done (self, statement, error))
        goto failed;
    }
  for (guint i = 0; i < snapshot->rows->len; i++)
    if (!insert_lifecycle_row (self, &g_array_index (snapshot->rows, LifecycleRow, i), error))
      goto failed;
  return crm_store_commit (self, error);

failed:
  crm_store_rollback (self);
  return FALSE;
}
