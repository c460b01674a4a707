/* crm-store-kpi.c — the facts the KPIs are computed from, read table by table in one pass
 * each (see crm-store-kpi.h for why). */
#include "config.h"

#include "crm-store-kpi.h"
#include "crm-store-private.h"

/* ---- Read snapshots ------------------------------------------------------------------------ */

gboolean
crm_store_begin_read (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (self->transaction_depth > 0 || !sqlite3_get_autocommit (self->db))
    return TRUE;
  /* Deferred: the first read takes a snapshot; no lock keeps writers out. */
  return crm_store_exec (self, "BEGIN DEFERRED", error);
}

void
crm_store_end_read (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (self->transaction_depth > 0 || sqlite3_get_autocommit (self->db))
    return;
  /* Nothing was written: ending it cannot lose anything, whatever it reports. */
  if (!crm_store_exec (self, "COMMIT", NULL))
    crm_store_exec (self, "ROLLBACK", NULL);
}

/* ---- Helpers --------------------------------------------------------------------------------- */

typedef void (*ReadRowFunc) (sqlite3_stmt *statement, gpointer row);

/* Runs @sql, appending one element of size @element_size per row read by @read. */
static GArray *
read_rows (CrmStore *self, const char *sql, guint element_size, ReadRowFunc read, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, element_size);
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  int rc;

  if (statement == NULL)
    return NULL;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      g_array_set_size (rows, rows->len + 1);
      read (statement, rows->data + (gsize) element_size * (rows->len - 1));
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The lifecycle stage names as numbers (CrmLifecycleStage), in SQL: no string compares per row
 * in C. */
#define LIFECYCLE_NUMBER(column)                                                                   \
  "CASE " column " WHEN 'lead' THEN 0 WHEN 'qualified' THEN 1 WHEN 'opportunity' THEN 2 "          \
  "WHEN 'customer' THEN 3 WHEN 'advocate' THEN 4 ELSE 5 END"

G_STATIC_ASSERT (CRM_LIFECYCLE_CUSTOMER == 3 && CRM_LIFECYCLE_ADVOCATE == 4
                 && CRM_LIFECYCLE_CHURNED == 5);

/* ---- Deals ------------------------------------------------------------------------------------ */

static void
read_deal (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiDealFact *deal = data;
  const char *currency = (const char *) sqlite3_column_text (statement, 11);

  deal->id = sqlite3_column_int64 (statement, 0);
  deal->stage_id = sqlite3_column_int64 (statement, 1);
  deal->contact_id = sqlite3_column_int64 (statement, 2);
  deal->company_id = sqlite3_column_int64 (statement, 3);
  deal->value_minor = sqlite3_column_int64 (statement, 4);
  deal->expected_close = sqlite3_column_int64 (statement, 5);
  deal->created_at = sqlite3_column_int64 (statement, 6);
  deal->closed_at = sqlite3_column_int64 (statement, 7);
  deal->stage_entered_at = sqlite3_column_int64 (statement, 8);
  deal->lost_reason_id = sqlite3_column_int64 (statement, 9);
  deal->probability_override = sqlite3_column_type (statement, 10) == SQLITE_NULL
                                   ? -1
                                   : sqlite3_column_int (statement, 10);
  g_strlcpy (deal->currency, currency != NULL ? currency : "", sizeof deal->currency);
}

GArray *
crm_store_kpi_read_deals (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_rows (self,
                    "SELECT id, stage_id, contact_id, company_id, value_minor, expected_close, "
                    "created_at, closed_at, stage_entered_at, lost_reason_id, "
                    "probability_override, currency FROM deals",
                    sizeof (CrmKpiDealFact), read_deal, error);
}

static void
read_stage_change (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiStageChange *change = data;

  change->id = sqlite3_column_int64 (statement, 0);
  change->deal_id = sqlite3_column_int64 (statement, 1);
  change->stage_id = sqlite3_column_int64 (statement, 2);
  change->changed_at = sqlite3_column_int64 (statement, 3);
}

GArray *
crm_store_kpi_read_stage_changes (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  /* In table order: sorting is cheaper in memory than through the index and the rows. */
  return read_rows (self, "SELECT id, deal_id, to_stage_id, changed_at FROM deal_stage_history",
                    sizeof (CrmKpiStageChange), read_stage_change, error);
}

/* ---- Contacts ---------------------------------------------------------------------------------- */

static void
read_contact (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiContactFact *contact = data;

  contact->id = sqlite3_column_int64 (statement, 0);
  contact->source_id = sqlite3_column_int64 (statement, 1);
  contact->captured_at = sqlite3_column_int64 (statement, 2);
  contact->lifecycle = (CrmLifecycleStage) sqlite3_column_int (statement, 3);
}

GArray *
crm_store_kpi_read_contacts (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_rows (self,
                    "SELECT id, source_id, captured_at, " LIFECYCLE_NUMBER (
                        "lifecycle") " FROM contacts ORDER BY id",
                    sizeof (CrmKpiContactFact), read_contact, error);
}

static void
read_lifecycle_change (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiLifecycleChange *change = data;

  change->id = sqlite3_column_int64 (statement, 0);
  change->contact_id = sqlite3_column_int64 (statement, 1);
  change->changed_at = sqlite3_column_int64 (statement, 2);
  change->to_stage = (CrmLifecycleStage) sqlite3_column_int (statement, 3);
}

GArray *
crm_store_kpi_read_lifecycle_changes (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_rows (self,
                    "SELECT id, contact_id, changed_at, " LIFECYCLE_NUMBER (
                        "to_stage") " FROM contact_lifecycle_history",
                    sizeof (CrmKpiLifecycleChange), read_lifecycle_change, error);
}

/* ---- Feedback and spend ------------------------------------------------------------------------ */

static void
read_answer (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiAnswer *answer = data;

  answer->answered_at = sqlite3_column_int64 (statement, 0);
  answer->kind = sqlite3_column_int (statement, 1) ? CRM_FEEDBACK_CSAT : CRM_FEEDBACK_NPS;
  answer->score = sqlite3_column_int (statement, 2);
}

GArray *
crm_store_kpi_read_answers (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_rows (self, "SELECT answered_at, kind = 'csat', score FROM feedback",
                    sizeof (CrmKpiAnswer), read_answer, error);
}

GPtrArray *
crm_store_kpi_acquisition_spend (CrmStore *self, gint64 from, gint64 to, GError **error)
{
  const gint64 values[] = { from, to };

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  /* A month ends where the next (UTC) month starts. */
  return crm_store_select_records (
      self, CRM_ENTITY_ACQUISITION_SPEND,
      "WHERE unixepoch (month_start, 'unixepoch', 'start of month', '+1 month') > ?1 "
      "AND month_start < ?2 ORDER BY month_start, id",
      values, 2, error);
}

GPtrArray *
crm_store_list_acquisition_spend (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return crm_store_select_records (self, CRM_ENTITY_ACQUISITION_SPEND,
                                   "ORDER BY month_start DESC, source_id, currency, id", NULL, 0,
                                   error);
}

gint64
crm_store_find_acquisition_spend (
    CrmStore *self, gint64 source_id, gint64 month_start, const char *currency, GError **error)
{
  sqlite3_stmt *statement;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  statement = crm_store_prepare (self,
                                 "SELECT id FROM acquisition_spend WHERE source_id = ?1 "
                                 "AND month_start = ?2 AND currency = ?3",
                                 error);
  if (statement == NULL)
    return -1;
  sqlite3_bind_int64 (statement, 1, source_id);
  sqlite3_bind_int64 (statement, 2, month_start);
  sqlite3_bind_text (statement, 3, currency != NULL ? currency : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (statement, 0);
  else if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      id = -1;
    }
  sqlite3_reset (statement);
  return id;
}

/* ---- The deals behind a figure ---------------------------------------------------------------- */

/* The ids in the first column of @sql run with the integer parameters @values (?1, ?2, …). */
static GArray *
collect_ids (CrmStore *self, const char *sql, const gint64 *values, guint n_values, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  int rc;

  if (statement == NULL)
    return NULL;
  for (guint i = 0; i < n_values; i++)
    sqlite3_bind_int64 (statement, (int) i + 1, values[i]);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The deals the KPI engine counts as entering the stage in the period (stage_conversion). */
GArray *
crm_store_kpi_stage_entry_deal_ids (
    CrmStore *self, gint64 stage_id, gint64 from, gint64 to, GError **error)
{
  const gint64 values[] = { stage_id, from, to };

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return collect_ids (self,
                      "SELECT DISTINCT deal_id FROM deal_stage_history "
                      "WHERE to_stage_id = ?1 AND changed_at >= ?2 AND changed_at < ?3 "
                      "ORDER BY deal_id",
                      values, 3, error);
}

/* The deals the KPI engine counts as lost for the reason in the period (the series' lost
 * reasons): closed in it and in a Lost stage now. */
GArray *
crm_store_kpi_lost_deal_ids (CrmStore *self,
                             gint64 pipeline_id,
                             gint64 lost_reason_id,
                             gint64 from,
                             gint64 to,
                             GError **error)
{
  const gint64 values[] = { from, to, pipeline_id, lost_reason_id };

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return collect_ids (self,
                      "SELECT d.id FROM deals d JOIN stages s ON s.id = d.stage_id "
                      "WHERE d.closed_at >= ?1 AND d.closed_at < ?2 AND s.kind = 'lost' "
                      "AND (?3 = 0 OR s.pipeline_id = ?3) "
                      "AND ifnull (d.lost_reason_id, 0) = ?4 ORDER BY d.id",
                      values, 4, error);
}
