/* crm-store-company-list.c — companies counted and paged by name (A to Z, case-blind, then id),
 * all of them or those the search words find; and the owners and countries the contacts have,
 * for the contact list's filter. */
#include "config.h"

#include "crm-store-private.h"

/* "AND id IN (companies matching ?4)" when searching. */
static const char *
match_clause (const char *match)
{
  return match != NULL ? "id IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?4)"
                       : "1";
}

static gint64
run_count (
    CrmStore *self, const char *sql, const char *match, const char *name, gint64 id, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  gint64 count = 0;
  int rc;

  if (statement == NULL)
    return 0;
  if (name != NULL)
    {
      sqlite3_bind_text (statement, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (statement, 2, id);
    }
  if (match != NULL)
    sqlite3_bind_text (statement, 4, match, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (statement, 0);
  else
    crm_store_set_error_from_db (self, error, NULL);
  sqlite3_reset (statement);
  return count;
}

guint
crm_store_count_companies_matching (CrmStore *self, const char *text, GError **error)
{
  g_autofree char *match = crm_store_build_fts_query (text);
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  sql = g_strdup_printf ("SELECT count(*) FROM companies WHERE %s", match_clause (match));
  return (guint) run_count (self, sql, match, NULL, 0, error);
}

guint
crm_store_count_companies_before (
    CrmStore *self, const char *text, const char *name, gint64 id, GError **error)
{
  g_autofree char *match = crm_store_build_fts_query (text);
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  /* Two seeks in companies_by_name: the names before, and the ties before the id. */
  sql = g_strdup_printf ("SELECT (SELECT count(*) FROM companies WHERE name < ?1 COLLATE NOCASE "
                         "AND %s) + (SELECT count(*) FROM companies WHERE name = ?1 COLLATE "
                         "NOCASE AND id < ?2 AND %s)",
                         match_clause (match), match_clause (match));
  return (guint) run_count (self, sql, match, name, id, error);
}

GPtrArray *
crm_store_fetch_companies (CrmStore *self,
                           const char *text,
                           const char *after_name,
                           gint64 after_id,
                           guint offset,
                           guint limit,
                           GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (CRM_ENTITY_COMPANY);
  g_autofree char *match = crm_store_build_fts_query (text);
  g_autoptr (GString) columns = g_string_new ("id, uuid");
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (columns, ", %s", info->fields[i].column);
  sql = g_strdup_printf ("SELECT %s FROM companies WHERE %s AND %s ORDER BY name COLLATE NOCASE, "
                         "id LIMIT ?3 OFFSET ?5",
                         columns->str,
                         after_name != NULL ? "name >= ?1 COLLATE NOCASE AND (name > ?1 COLLATE "
                                              "NOCASE OR id > ?2)"
                                            : "1",
                         match_clause (match));
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return NULL;
  if (after_name != NULL)
    {
      sqlite3_bind_text (statement, 1, after_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (statement, 2, after_id);
    }
  sqlite3_bind_int64 (statement, 3, limit);
  if (match != NULL)
    sqlite3_bind_text (statement, 4, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 5, offset);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_company_record_free);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      CrmCompanyRecord *company = crm_company_record_new ();
      crm_store_read_record (info, statement, 0, company);
      g_ptr_array_add (records, company);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* The distinct values of @column (an indexed text column of contacts), sorted, at most @limit. */
static GStrv
list_distinct (CrmStore *self, const char *sql, guint limit, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, limit);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

GStrv
crm_store_list_contact_owners (CrmStore *self, guint limit, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  /* Read in the order of contacts_by_owner. */
  return list_distinct (self,
                        "SELECT owner FROM contacts WHERE owner IS NOT NULL AND trim (owner) <> '' "
                        "GROUP BY owner ORDER BY owner LIMIT ?1",
                        limit, error);
}

GStrv
crm_store_list_contact_countries (CrmStore *self, guint limit, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  /* Read in the order of contacts_by_country: one spelling per country, case-blind. */
  return list_distinct (self,
                        "SELECT min (country) FROM contacts WHERE country IS NOT NULL AND trim "
                        "(country) <> '' GROUP BY country COLLATE NOCASE ORDER BY country COLLATE "
                        "NOCASE LIMIT ?1",
                        limit, error);
}
