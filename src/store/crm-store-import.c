/* crm-store-import.c — the look-ups and get-or-create writes an import needs: a stored contact
 * by e-mail or by name and company, a company by name, a deal by title, and a lead source by
 * name (created when missing; tags have crm_store_ensure_tag() in crm-store-timeline.c).
 * Names compare case-blind (ASCII), as the rest of the store does. */
#include "config.h"

#include <string.h>

#include "crm-store-private.h"

/* Runs @sql with ?1 (and ?2 when @second is not NULL) bound to text; *id gets the first
 * column of the first row, or 0. */
static gboolean
find_id (CrmStore *self,
         const char *sql,
         const char *first,
         const char *second,
         gint64 *id,
         GError **error)
{
  sqlite3_stmt *statement;
  int rc;

  *id = 0;
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (statement, 2, second, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_store_set_error_from_code (self->db, rc, error, "find");
      return FALSE;
    }
  return TRUE;
}

static gboolean
text_is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

gboolean
crm_store_find_contact_by_email (CrmStore *self, const char *email, gint64 *id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  *id = 0;
  if (text_is_empty (email))
    return TRUE;
  return find_id (self,
                  "SELECT id FROM contacts WHERE email = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                  email, NULL, id, error);
}

gboolean
crm_store_find_contact_by_name (
    CrmStore *self, const char *name, const char *company_name, gint64 *id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  *id = 0;
  if (text_is_empty (name))
    return TRUE;
  if (company_name == NULL)
    return find_id (self,
                    "SELECT id FROM contacts WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                    name, NULL, id, error);
  return find_id (self,
                  "SELECT id FROM contacts WHERE name = ?1 COLLATE NOCASE "
                  "AND ifnull (company_name, '') = ?2 COLLATE NOCASE ORDER BY id LIMIT 1",
                  name, company_name, id, error);
}

gboolean
crm_store_find_company_by_name (CrmStore *self, const char *name, gint64 *id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  *id = 0;
  if (text_is_empty (name))
    return TRUE;
  return find_id (self,
                  "SELECT id FROM companies WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                  name, NULL, id, error);
}

gboolean
crm_store_find_deal_by_title (CrmStore *self, const char *title, gint64 *id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  *id = 0;
  if (text_is_empty (title))
    return TRUE;
  return find_id (self, "SELECT id FROM deals WHERE title = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                  title, NULL, id, error);
}

gint64
crm_store_ensure_lead_source (CrmStore *self, const char *name, GError **error)
{
  g_autoptr (CrmLeadSourceRecord) source = NULL;
  gint64 id = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  if (!find_id (self,
                "SELECT id FROM lead_sources WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                name, NULL, &id, error))
    return 0;
  if (id != 0)
    return id;
  source = crm_lead_source_record_new ();
  source->name = g_strdup (name);
  source->position = (int) crm_store_query_int64 (
      self->db, "SELECT ifnull (max (position), -1) + 1 FROM lead_sources", NULL);
  if (!crm_store_insert_lead_source (self, source, error))
    return 0;
  return source->id;
}

gboolean
crm_store_tag_new_contact (CrmStore *self, gint64 contact_id, gint64 tag_id, GError **error)
{
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  /* The contact's insert already queued its signal: no need to read the row back as
   * crm_store_add_contact_tag() does for the update signal of a stored contact. The change
   * log trigger of contact_tags still records the link. */
  statement = crm_store_prepare (
      self, "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?1, ?2)", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, contact_id);
  sqlite3_bind_int64 (statement, 2, tag_id);
  return crm_store_step_done (self, statement, error);
}
