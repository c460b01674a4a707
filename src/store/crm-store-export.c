/* crm-store-export.c — every row of an entity with the names of what it links to, read by one
 * statement as it goes, for exports of any size (crm_store_export_rows()). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-store-private.h"

/* Tag names are joined with the unit separator, which no name holds, and split again. */
#define TAG_SEPARATOR "\x1f"

/* What each entity's SELECT adds after the record's columns (read by read_links()), and its
 * FROM. The record's own columns come first, prefixed with "r.". */
typedef struct
{
  CrmEntity entity;
  const char *links;
  const char *from;
} ExportQuery;

static const ExportQuery queries[] = {
  { CRM_ENTITY_CONTACT,
    ", ls.name, (SELECT group_concat (name, '" TAG_SEPARATOR "') FROM "
    "(SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
    "WHERE ct.contact_id = r.id ORDER BY t.name COLLATE NOCASE, t.id))",
    "FROM contacts r LEFT JOIN lead_sources ls ON ls.id = r.source_id" },
  { CRM_ENTITY_COMPANY, "", "FROM companies r" },
  { CRM_ENTITY_DEAL, ", co.name, ct.name, s.name, p.name, s.kind, s.probability, lr.name",
    "FROM deals r LEFT JOIN companies co ON co.id = r.company_id "
    "LEFT JOIN contacts ct ON ct.id = r.contact_id LEFT JOIN stages s ON s.id = r.stage_id "
    "LEFT JOIN pipelines p ON p.id = s.pipeline_id "
    "LEFT JOIN lost_reasons lr ON lr.id = r.lost_reason_id" },
  { CRM_ENTITY_ACTIVITY, ", ct.name, d.title",
    "FROM activities r LEFT JOIN contacts ct ON ct.id = r.contact_id "
    "LEFT JOIN deals d ON d.id = r.deal_id" },
};

static const ExportQuery *
find_query (CrmEntity entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    if (queries[i].entity == entity)
      return &queries[i];
  return NULL;
}

static const char *
rows_filter (CrmEntity entity, CrmExportRows rows)
{
  if (entity == CRM_ENTITY_ACTIVITY && rows == CRM_EXPORT_ROWS_TASKS_AND_MEETINGS)
    return " WHERE r.kind IN ('task', 'meeting')";
  return "";
}

static gboolean
check_entity (CrmEntity entity, GError **error)
{
  if (find_query (entity) != NULL)
    return TRUE;
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               _ ("There is no export of the table “%s”"), crm_entity_to_table (entity));
  return FALSE;
}

gint64
crm_store_count_export_rows (CrmStore *self, CrmEntity entity, CrmExportRows rows, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *statement;
  gint64 count;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  if (!check_entity (entity, error))
    return -1;
  sql = g_strdup_printf ("SELECT count(*) FROM %s r%s", crm_entity_to_table (entity),
                         rows_filter (entity, rows));
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return -1;
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

static char *
build_select (const CrmEntityInfo *info, const ExportQuery *query, CrmExportRows rows)
{
  GString *sql = g_string_new ("SELECT r.id, r.uuid");

  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", r.%s", info->fields[i].column);
  g_string_append_printf (sql, "%s %s%s ORDER BY r.id", query->links, query->from,
                          rows_filter (info->entity, rows));
  return g_string_free (sql, FALSE);
}

static const char *
column_text (sqlite3_stmt *statement, int column)
{
  return (const char *) sqlite3_column_text (statement, column);
}

/* Fills @row's links from the columns after the record's, starting at @column. @tags gets the
 * split tag names (freed by the caller). */
static void
read_links (sqlite3_stmt *statement, int column, CrmExportRow *row, GStrv *tags)
{
  static const char *const no_tags[] = { NULL };

  switch (row->entity)
    {
      case CRM_ENTITY_CONTACT:
        row->source_name = column_text (statement, column);
        if (sqlite3_column_type (statement, column + 1) == SQLITE_NULL)
          row->tags = no_tags;
        else
          {
            *tags = g_strsplit (column_text (statement, column + 1), TAG_SEPARATOR, -1);
            row->tags = (const char *const *) *tags;
          }
        break;
      case CRM_ENTITY_DEAL:
        row->company_name = column_text (statement, column);
        row->contact_name = column_text (statement, column + 1);
        row->stage_name = column_text (statement, column + 2);
        row->pipeline_name = column_text (statement, column + 3);
        row->stage_kind = column_text (statement, column + 4);
        row->stage_probability = sqlite3_column_int (statement, column + 5);
        row->lost_reason_name = column_text (statement, column + 6);
        break;
      case CRM_ENTITY_ACTIVITY:
        row->contact_name = column_text (statement, column);
        row->deal_title = column_text (statement, column + 1);
        break;
      default:
        break;
    }
}

gboolean
crm_store_export_rows (CrmStore *self,
                       CrmEntity entity,
                       CrmExportRows rows,
                       CrmExportRowFunc func,
                       gpointer user_data,
                       GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  g_autofree char *sql = NULL;
  gpointer record;
  sqlite3_stmt *statement;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!check_entity (entity, error))
    return FALSE;
  sql = build_select (info, find_query (entity), rows);
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return FALSE;

  /* One record, refilled row after row (reading a text field frees the one before). */
  record = crm_store_record_new (info);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      CrmExportRow row = { .entity = entity, .record = record };
      g_auto (GStrv) tags = NULL;

      crm_store_read_record (info, statement, 0, record);
      read_links (statement, 2 + (int) info->n_fields, &row, &tags);
      if (!func (&row, user_data, error))
        {
          ok = FALSE;
          break;
        }
    }
  if (ok && rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      ok = FALSE;
    }
  sqlite3_reset (statement);
  crm_record_free (entity, record);
  return ok;
}
