/* crm-store-contact-edits.c — the bulk edits of the contacts a selection names (some ids, or
 * every contact a filter lists but some), each one statement in one transaction, and the smart
 * lists. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-store-contact-sql.h"

/* ---- Bulk edits ----------------------------------------------------------------------------- */

/* The selection's terms (with :ids bound to a JSON array of its ids), into @sql's filter. */
static char *
dup_selection_where (const CrmContactSelection *selection, CrmContactFilterSql *sql)
{
  crm_contact_filter_sql_init (sql, selection->all_but_ids ? selection->filter : NULL);
  if (!selection->all_but_ids)
    return g_strdup ("id IN (SELECT value FROM json_each (:ids))");
  if (selection->n_ids == 0)
    return g_strdup (sql->where->str);
  return g_strdup_printf ("%s AND id NOT IN (SELECT value FROM json_each (:ids))", sql->where->str);
}

static char *
dup_ids_json (const CrmContactSelection *selection)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < selection->n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", selection->ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Runs @head, the selection's terms and @tail as one statement, in one transaction with
 * :edit_stage, :edit_tag and :edit_now bound; one reset of the contacts follows when rows
 * changed. */
static gboolean
write_selection (CrmStore *self,
                 const char *head,
                 const char *tail,
                 const CrmContactSelection *selection,
                 const char *stage,
                 gint64 tag_id,
                 guint *n_changed,
                 GError **error)
{
  CrmContactFilterSql sql;
  g_autofree char *where = dup_selection_where (selection, &sql);
  g_autofree char *ids = dup_ids_json (selection);
  g_autofree char *text = g_strconcat (head, where, tail, NULL);
  sqlite3_stmt *statement;
  int changes = 0;

  if (n_changed != NULL)
    *n_changed = 0;
  if (!crm_store_begin (self, error))
    {
      crm_contact_filter_sql_clear (&sql);
      return FALSE;
    }
  statement = crm_store_prepare (self, text, error);
  if (statement != NULL)
    {
      crm_contact_filter_sql_bind (&sql, statement);
      crm_store_bind_text_named (statement, ":ids", ids);
      if (stage != NULL)
        crm_store_bind_text_named (statement, ":edit_stage", stage);
      crm_store_bind_int64_named (statement, ":edit_tag", tag_id);
      crm_store_bind_int64_named (statement, ":edit_now", crm_store_now ());
    }
  crm_contact_filter_sql_clear (&sql);
  if (statement == NULL || !crm_store_step_done (self, statement, error))
    {
      crm_store_rollback (self);
      return FALSE;
    }
  changes = sqlite3_changes (self->db);
  if (changes > 0)
    crm_store_queue_change (self, CRM_ENTITY_CONTACT, CRM_CHANGE_RESET, 0, NULL);
  if (!crm_store_commit (self, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = (guint) changes;
  return TRUE;
}

gboolean
crm_store_set_contacts_lifecycle (CrmStore *self,
                                  const CrmContactSelection *selection,
                                  CrmLifecycleStage stage,
                                  guint *n_changed,
                                  GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);
  g_return_val_if_fail (stage <= CRM_LIFECYCLE_CHURNED, FALSE);

  /* Only the rows that change: their history and the change log say what happened. */
  return write_selection (self,
                          "UPDATE contacts SET lifecycle = :edit_stage, updated_at = :edit_now "
                          "WHERE lifecycle IS NOT :edit_stage AND ",
                          "", selection, crm_lifecycle_stage_to_string (stage), 0, n_changed,
                          error);
}

static gboolean
require_tag (CrmStore *self, gint64 tag_id, GError **error)
{
  g_autoptr (CrmTagRecord) tag = crm_store_get_tag (self, tag_id, NULL);

  if (tag == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _ ("The tag no longer exists"));
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_store_tag_contacts (CrmStore *self,
                        const CrmContactSelection *selection,
                        gint64 tag_id,
                        guint *n_changed,
                        GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  if (!require_tag (self, tag_id, error))
    return FALSE;
  return write_selection (self,
                          "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) "
                          "SELECT id, :edit_tag FROM contacts WHERE ",
                          "", selection, NULL, tag_id, n_changed, error);
}

gboolean
crm_store_untag_contacts (CrmStore *self,
                          const CrmContactSelection *selection,
                          gint64 tag_id,
                          guint *n_changed,
                          GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  if (!require_tag (self, tag_id, error))
    return FALSE;
  return write_selection (self,
                          "DELETE FROM contact_tags WHERE tag_id = :edit_tag AND contact_id IN "
                          "(SELECT id FROM contacts WHERE ",
                          ")", selection, NULL, tag_id, n_changed, error);
}

/* ---- Smart lists ---------------------------------------------------------------------------- */

GPtrArray *
crm_store_list_smart_lists (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_SMART_LIST, "ORDER BY position, id", NULL, 0,
                                   error);
}
