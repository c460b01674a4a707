/* crm-store-queries.c — reading lists, contact pages and search results; tags and stage order. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-private.h"

static gboolean
query_count (CrmStore *self, sqlite3_stmt *statement, gint64 *count, GError **error)
{
  int rc = sqlite3_step (statement);

  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      sqlite3_reset (statement);
      return FALSE;
    }
  *count = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  return TRUE;
}

gint64
crm_store_count (CrmStore *self, CrmEntity entity, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *statement;
  gint64 count = -1;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);
  g_return_val_if_fail (entity < CRM_N_ENTITIES, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", crm_entity_to_table (entity));
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL || !query_count (self, statement, &count, error))
    return -1;
  return count;
}

/* ---- Lists ------------------------------------------------------------------------------ */

GPtrArray *
crm_store_list_pipelines (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_PIPELINE, "ORDER BY position, id", NULL, 0,
                                   error);
}

GPtrArray *
crm_store_list_stages (CrmStore *self, gint64 pipeline_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_STAGE,
                                   "WHERE pipeline_id = ?1 ORDER BY position, id", &pipeline_id, 1,
                                   error);
}

GPtrArray *
crm_store_list_lost_reasons (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_LOST_REASON, "ORDER BY position, id", NULL, 0,
                                   error);
}

GPtrArray *
crm_store_list_lead_sources (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_LEAD_SOURCE, "ORDER BY position, id", NULL, 0,
                                   error);
}

GPtrArray *
crm_store_list_tags (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_TAG, "ORDER BY name COLLATE NOCASE, id", NULL,
                                   0, error);
}

GPtrArray *
crm_store_list_activities_for_contact (CrmStore *self, gint64 contact_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_ACTIVITY,
                                   "WHERE contact_id = ?1 ORDER BY occurred_at DESC, id DESC",
                                   &contact_id, 1, error);
}

GPtrArray *
crm_store_list_activities_for_deal (CrmStore *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_ACTIVITY,
                                   "WHERE deal_id = ?1 ORDER BY occurred_at DESC, id DESC",
                                   &deal_id, 1, error);
}

CrmActivityRecord *
crm_store_get_next_activity_for_deal (CrmStore *self, gint64 deal_id, GError **error)
{
  g_autoptr (GPtrArray) records = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  records = crm_store_select_records (
      self, CRM_ENTITY_ACTIVITY,
      "WHERE deal_id = ?1 AND done = 0 AND due_at IS NOT NULL ORDER BY due_at, id LIMIT 1",
      &deal_id, 1, error);
  if (records == NULL || records->len == 0)
    return NULL;
  return g_ptr_array_steal_index (records, 0);
}

gboolean
crm_store_reorder_stages (
    CrmStore *self, gint64 pipeline_id, const gint64 *stage_ids, guint n_stage_ids, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_stage_ids; i++)
    {
      CrmStageRecord *old_stage = crm_store_get_stage (self, stage_ids[i], error);
      g_autoptr (CrmStageRecord) stage = NULL;

      if (old_stage == NULL)
        goto failed;
      if (old_stage->pipeline_id != pipeline_id)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _ ("The stage “%s” belongs to another pipeline"), old_stage->name);
          crm_stage_record_free (old_stage);
          goto failed;
        }
      stage = crm_stage_record_copy (old_stage);
      stage->position = (int) i;
      if (!crm_store_update_row (self, CRM_ENTITY_STAGE, stage, error))
        {
          crm_stage_record_free (old_stage);
          goto failed;
        }
      crm_store_queue_change (self, CRM_ENTITY_STAGE, CRM_CHANGE_UPDATE, stage->id, old_stage);
    }
  return crm_store_commit (self, error);

failed:
  crm_store_rollback (self);
  return FALSE;
}

/* ---- Tags on contacts ------------------------------------------------------------------- */

static gboolean
write_contact_tag (
    CrmStore *self, const char *sql, gint64 contact_id, gint64 tag_id, GError **error)
{
  CrmContactRecord *contact;
  sqlite3_stmt *statement;

  if (!crm_store_begin (self, error))
    return FALSE;
  contact = crm_store_get_contact (self, contact_id, error);
  if (contact == NULL)
    goto failed;
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    goto failed_with_contact;
  sqlite3_bind_int64 (statement, 1, contact_id);
  sqlite3_bind_int64 (statement, 2, tag_id);
  if (!crm_store_step_done (self, statement, error))
    goto failed_with_contact;
  if (sqlite3_changes (self->db) > 0)
    crm_store_queue_change (self, CRM_ENTITY_CONTACT, CRM_CHANGE_UPDATE, contact_id, contact);
  else
    crm_contact_record_free (contact);
  return crm_store_commit (self, error);

failed_with_contact:
  crm_contact_record_free (contact);
failed:
  crm_store_rollback (self);
  return FALSE;
}

gboolean
crm_store_add_contact_tag (CrmStore *self, gint64 contact_id, gint64 tag_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return write_contact_tag (
      self, "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?1, ?2)", contact_id,
      tag_id, error);
}

gboolean
crm_store_remove_contact_tag (CrmStore *self, gint64 contact_id, gint64 tag_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return write_contact_tag (self, "DELETE FROM contact_tags WHERE contact_id = ?1 AND tag_id = ?2",
                            contact_id, tag_id, error);
}

GArray *
crm_store_list_contact_tag_ids (CrmStore *self, gint64 contact_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_ids (
      self, "SELECT tag_id FROM contact_tags WHERE contact_id = ?1 ORDER BY tag_id", contact_id,
      error);
}

/* ---- Contacts ---------------------------------------------------------------------------- */

gboolean
crm_store_get_contact_activity_stats (CrmStore *self,
                                      gint64 contact_id,
                                      gint64 since,
                                      gint64 now,
                                      CrmActivityStats *stats,
                                      GError **error)
{
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  /* What happened, not what is planned: activities up to now. */
  statement
      = crm_store_prepare (self,
                           "SELECT ifnull (sum (kind = 'meeting' AND occurred_at >= ?2), 0), "
                           "ifnull (sum (kind IN ('call', 'email') AND occurred_at >= ?2), 0), "
                           "ifnull (max (occurred_at), 0) "
                           "FROM activities WHERE contact_id = ?1 AND occurred_at <= ?3",
                           error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, contact_id);
  sqlite3_bind_int64 (statement, 2, since);
  sqlite3_bind_int64 (statement, 3, now);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    {
      stats->recent_meetings = (guint) sqlite3_column_int64 (statement, 0);
      stats->recent_touches = (guint) sqlite3_column_int64 (statement, 1);
      stats->last_activity_at = sqlite3_column_int64 (statement, 2);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

GArray *
crm_store_find_likely_duplicates (
    CrmStore *self, const char *name, const char *email, gint64 company_id, GError **error)
{
  g_autofree char *trimmed_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *trimmed_email = g_strstrip (g_strdup (email != NULL ? email : ""));
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  /* The same e-mail, or the same name (case-blind) at the same company (or both without). */
  statement = crm_store_prepare (
      self,
      "SELECT id FROM contacts WHERE (?2 <> '' AND email = ?2 COLLATE NOCASE) "
      "OR (name = ?1 COLLATE NOCASE AND ifnull (company_id, 0) = ?3) ORDER BY id",
      error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, trimmed_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, trimmed_email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 3, company_id);
  return crm_store_step_ids (self, statement, error);
}

/* ---- Search ----------------------------------------------------------------------------- */

static gboolean
term_has_word_character (const char *term)
{
  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

char *
crm_store_build_fts_query (const char *text)
{
  g_autofree char *valid = NULL;
  g_auto (GStrv) terms = NULL;
  GString *query;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  /* Every run of non-blank characters is one term, taken literally: quoted (with its quotes
   * doubled) and prefix-matched, so no input can be read as FTS5 syntax. */
  g_strdelimit (valid, "\t\n\r\f\v", ' ');
  terms = g_strsplit (valid, " ", -1);
  query = g_string_new (NULL);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (!term_has_word_character (terms[i]))
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = terms[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }
  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

/* Runs @sql (columns: entity, rowid, name, snippet, rank; ?1 the FTS query, ?2 the limit). */
static GPtrArray *
run_search (CrmStore *self, const char *sql, const char *text, guint limit, GError **error)
{
  g_autofree char *match = crm_store_build_fts_query (text);
  g_autoptr (GPtrArray) hits = NULL;
  sqlite3_stmt *statement;
  int rc;

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_search_hit_free);
  if (match == NULL)
    return g_steal_pointer (&hits);

  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, limit > 0 ? limit : G_MAXINT);

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      CrmSearchHit *hit = g_new0 (CrmSearchHit, 1);
      hit->entity = (CrmEntity) sqlite3_column_int (statement, 0);
      hit->id = sqlite3_column_int64 (statement, 1);
      hit->title = g_strdup ((const char *) sqlite3_column_text (statement, 2));
      hit->snippet = g_strdup ((const char *) sqlite3_column_text (statement, 3));
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, _ ("Search failed"));
      return NULL;
    }
  return g_steal_pointer (&hits);
}

GPtrArray *
crm_store_search (CrmStore *self, const char *text, guint limit, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  sql = g_strdup_printf (
      "SELECT %d, rowid, name, snippet (contacts_fts, 1, '', '', '…', 12), bm25 (contacts_fts) "
      "FROM contacts_fts WHERE contacts_fts MATCH ?1 "
      "UNION ALL SELECT %d, rowid, name, snippet (companies_fts, 1, '', '', '…', 12), "
      "bm25 (companies_fts) FROM companies_fts WHERE companies_fts MATCH ?1 "
      "UNION ALL SELECT %d, rowid, name, snippet (deals_fts, 1, '', '', '…', 12), bm25 (deals_fts) "
      "FROM deals_fts WHERE deals_fts MATCH ?1 "
      "ORDER BY 5, 3 LIMIT ?2",
      CRM_ENTITY_CONTACT, CRM_ENTITY_COMPANY, CRM_ENTITY_DEAL);
  return run_search (self, sql, text, limit, error);
}

GPtrArray *
crm_store_search_entity (
    CrmStore *self, CrmEntity entity, const char *text, guint limit, GError **error)
{
  const char *table;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  switch (entity)
    {
      case CRM_ENTITY_CONTACT:
        table = "contacts_fts";
        break;
      case CRM_ENTITY_COMPANY:
        table = "companies_fts";
        break;
      case CRM_ENTITY_DEAL:
        table = "deals_fts";
        break;
      default:
        g_return_val_if_reached (NULL);
    }
  /* A match in the name weighs ten times one in the details. */
  sql = g_strdup_printf ("SELECT %d, rowid, name, snippet (%s, 1, '', '', '…', 12), "
                         "bm25 (%s, 10.0, 1.0) FROM %s WHERE %s MATCH ?1 ORDER BY 5, 3 LIMIT ?2",
                         entity, table, table, table, table);
  return run_search (self, sql, text, limit, error);
}
