/* crm-store-kpi.c — the aggregates the KPIs are computed from (see crm-store-kpi.h).
 *
 * Buckets reach SQL as one bound JSON array of their bounds, turned into rows (i, lo, hi) by
 * json_each, and the facts are joined to them by range: each bucket is one seek into a time
 * index (deals_by_closed, contacts_by_captured, feedback_by_time), so a year of months reads the
 * rows of that year and nothing else. The bucket table comes first (CROSS JOIN keeps SQLite
 * from turning the loop around).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-kpi.h"
#include "crm-store-private.h"

#define BUCKETS_CTE                                                                                \
  "WITH b (i, lo, hi) AS (SELECT a.key, a.value, z.value FROM json_each (?1) a "                   \
  "JOIN json_each (?1) z ON z.key = a.key + 1) "

/* Stages count as "customers" in these two lifecycle stages. */
#define CUSTOMER_STAGES "('customer', 'advocate')"

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

static char *
bounds_to_json (const gint64 *bounds, guint n_bounds)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_bounds; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", bounds[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static gboolean
check_bounds (const gint64 *bounds, guint n_bounds, GError **error)
{
  if (bounds == NULL || n_bounds < 2)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("A period needs a start and an end"));
      return FALSE;
    }
  for (guint i = 1; i < n_bounds; i++)
    if (bounds[i] <= bounds[i - 1])
      {
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                             _ ("A period must end after it starts"));
        return FALSE;
      }
  return TRUE;
}

/* Prepares @sql with ?1 bound to the JSON of the bounds (when given) and the other int64
 * parameters from ?2 on. */
static sqlite3_stmt *
prepare_bound (CrmStore *self,
               const char *sql,
               const gint64 *bounds,
               guint n_bounds,
               const gint64 *values,
               guint n_values,
               GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  int first = 1;

  if (statement == NULL)
    return NULL;
  if (bounds != NULL)
    {
      sqlite3_bind_text (statement, 1, bounds_to_json (bounds, n_bounds), -1, g_free);
      first = 2;
    }
  for (guint i = 0; i < n_values; i++)
    sqlite3_bind_int64 (statement, first + (int) i, values[i]);
  return statement;
}

typedef void (*ReadRowFunc) (sqlite3_stmt *statement, gpointer row);

/* Steps @statement to the end, appending one element of @array per row read by @read. */
static gboolean
collect_rows (
    CrmStore *self, sqlite3_stmt *statement, GArray *array, ReadRowFunc read, GError **error)
{
  guint size = g_array_get_element_size (array);
  int rc;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      g_array_set_size (array, array->len + 1);
      read (statement, array->data + (gsize) size * (array->len - 1));
    }
  if (rc != SQLITE_DONE)
    crm_store_set_error_from_db (self, error, NULL);
  sqlite3_reset (statement);
  return rc == SQLITE_DONE;
}

static void
copy_currency (char *currency, sqlite3_stmt *statement, int column)
{
  const char *text = (const char *) sqlite3_column_text (statement, column);

  g_strlcpy (currency, text != NULL ? text : "", 4);
}

static guint
column_count (sqlite3_stmt *statement, int column)
{
  return (guint) CLAMP (sqlite3_column_int64 (statement, column), 0, G_MAXUINT);
}

/* ---- Closed deals ------------------------------------------------------------------------------ */

static const char closed_deals_sql[]
    = BUCKETS_CTE "SELECT b.i, s.kind = 'won', d.currency, count (*), sum (d.value_minor), "
                  "sum (max (d.closed_at - d.created_at, 0)) "
                  "FROM b CROSS JOIN deals d JOIN stages s ON s.id = d.stage_id "
                  "WHERE d.closed_at >= b.lo AND d.closed_at < b.hi AND s.kind IN ('won', 'lost') "
                  "AND (?2 = 0 OR s.pipeline_id = ?2) "
                  "GROUP BY b.i, s.kind, d.currency ORDER BY b.i, s.kind DESC, d.currency";

static void
read_closed_deals (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiClosedDeals *row = data;

  row->bucket = (guint) sqlite3_column_int (statement, 0);
  row->outcome = sqlite3_column_int (statement, 1) ? CRM_STAGE_KIND_WON : CRM_STAGE_KIND_LOST;
  copy_currency (row->currency, statement, 2);
  row->n_deals = column_count (statement, 3);
  row->value_minor = sqlite3_column_int64 (statement, 4);
  row->cycle_seconds = sqlite3_column_int64 (statement, 5);
}

GArray *
crm_store_kpi_closed_deals (
    CrmStore *self, gint64 pipeline_id, const gint64 *bounds, guint n_bounds, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiClosedDeals));
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!check_bounds (bounds, n_bounds, error))
    return NULL;
  statement = prepare_bound (self, closed_deals_sql, bounds, n_bounds, &pipeline_id, 1, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_closed_deals, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static const char lost_reasons_sql[]
    = "SELECT ifnull (r.id, 0), r.name, count (*) FROM deals d "
      "JOIN stages s ON s.id = d.stage_id LEFT JOIN lost_reasons r ON r.id = d.lost_reason_id "
      "WHERE d.closed_at >= ?1 AND d.closed_at < ?2 AND s.kind = 'lost' "
      "AND (?3 = 0 OR s.pipeline_id = ?3) "
      "GROUP BY 1 ORDER BY count (*) DESC, r.id IS NULL, r.position, r.id";

static void
reason_count_clear (gpointer data)
{
  g_clear_pointer (&((CrmKpiReasonCount *) data)->name, g_free);
}

static void
read_reason_count (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiReasonCount *row = data;

  row->lost_reason_id = sqlite3_column_int64 (statement, 0);
  row->name = g_strdup ((const char *) sqlite3_column_text (statement, 1));
  row->n_deals = column_count (statement, 2);
}

GArray *
crm_store_kpi_lost_reasons (
    CrmStore *self, gint64 pipeline_id, gint64 from, gint64 to, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiReasonCount));
  const gint64 values[] = { from, to, pipeline_id };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  g_array_set_clear_func (rows, reason_count_clear);
  statement = prepare_bound (self, lost_reasons_sql, NULL, 0, values, 3, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_reason_count, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The won deals are found through the Won stages and deals_by_stage, not by reading every
 * closed deal. */
static const char won_revenue_sql[]
    = "SELECT d.currency, count (*), "
      "count (DISTINCT coalesce ('p' || d.contact_id, 'c' || d.company_id, 'd' || d.id)), "
      "sum (d.value_minor) "
      "FROM stages s JOIN deals d ON d.stage_id = s.id "
      "WHERE s.kind = 'won' AND (?2 = 0 OR s.pipeline_id = ?2) AND d.closed_at < ?1 "
      "GROUP BY d.currency ORDER BY d.currency";

static void
read_won_revenue (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiWonRevenue *row = data;

  copy_currency (row->currency, statement, 0);
  row->n_deals = column_count (statement, 1);
  row->n_customers = column_count (statement, 2);
  row->value_minor = sqlite3_column_int64 (statement, 3);
}

GArray *
crm_store_kpi_won_revenue (CrmStore *self, gint64 pipeline_id, gint64 before, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiWonRevenue));
  const gint64 values[] = { before, pipeline_id };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  statement = prepare_bound (self, won_revenue_sql, NULL, 0, values, 2, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_won_revenue, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* ---- The open pipeline --------------------------------------------------------------------- */

/* A deal's stage at ?2: its current one when it entered that before ?2, else the stage its last
 * history row before ?2 moved it to (none: it did not exist yet by the history). */
static const char open_deals_sql[] = BUCKETS_CTE
    ", o AS (SELECT d.currency AS currency, d.value_minor AS value, "
    "d.expected_close AS expected_close, d.probability_override AS override, "
    "CASE WHEN d.stage_entered_at < ?2 THEN d.stage_id ELSE (SELECT h.to_stage_id "
    "FROM deal_stage_history h WHERE h.deal_id = d.id AND h.changed_at < ?2 "
    "ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) END AS stage_id "
    "FROM deals d WHERE d.created_at < ?2) "
    "SELECT CASE WHEN o.expected_close IS NULL THEN -1 ELSE ifnull (b.i, -2) END, o.currency, "
    "count (*), sum (o.value), sum (o.value * ifnull (o.override, s.probability)) "
    "FROM o JOIN stages s ON s.id = o.stage_id "
    "LEFT JOIN b ON o.expected_close >= b.lo AND o.expected_close < b.hi "
    "WHERE s.kind = 'open' AND (?3 = 0 OR s.pipeline_id = ?3) "
    "GROUP BY 1, 2 ORDER BY 1, 2";

static void
read_open_deals (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiOpenDeals *row = data;

  row->bucket = sqlite3_column_int (statement, 0);
  copy_currency (row->currency, statement, 1);
  row->n_deals = column_count (statement, 2);
  row->value_minor = sqlite3_column_int64 (statement, 3);
  row->weighted_hundredths = sqlite3_column_int64 (statement, 4);
}

GArray *
crm_store_kpi_open_deals (CrmStore *self,
                          gint64 pipeline_id,
                          gint64 as_of,
                          const gint64 *bounds,
                          guint n_bounds,
                          GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiOpenDeals));
  const gint64 values[] = { as_of, pipeline_id };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!check_bounds (bounds, n_bounds, error))
    return NULL;
  statement = prepare_bound (self, open_deals_sql, bounds, n_bounds, values, 2, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_open_deals, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* ---- Stage history ------------------------------------------------------------------------------ */

/* e: each deal's first entry into each stage in the period (SQLite takes the bare column h.id
 * from the row of the minimum). A later row of the same deal — by time, then id — that enters a
 * stage further on in the pipeline is the advance. */
static const char stage_entries_sql[]
    = "WITH e AS (SELECT h.deal_id AS deal_id, h.to_stage_id AS stage_id, h.id AS id, "
      "min (h.changed_at) AS at FROM deal_stage_history h JOIN stages s ON s.id = h.to_stage_id "
      "WHERE h.changed_at >= ?1 AND h.changed_at < ?2 AND s.kind IN ('open', 'won') "
      "AND (?3 = 0 OR s.pipeline_id = ?3) GROUP BY h.deal_id, h.to_stage_id) "
      "SELECT e.stage_id, count (*), sum (es.kind = 'open' AND EXISTS (SELECT 1 "
      "FROM deal_stage_history l JOIN stages ls ON ls.id = l.to_stage_id "
      "WHERE l.deal_id = e.deal_id AND (l.changed_at > e.at OR (l.changed_at = e.at AND l.id > "
      "e.id)) "
      "AND ls.pipeline_id = es.pipeline_id "
      "AND (ls.kind = 'won' OR (ls.kind = 'open' AND ls.position > es.position)))) "
      "FROM e JOIN stages es ON es.id = e.stage_id GROUP BY e.stage_id ORDER BY e.stage_id";

static void
read_stage_entries (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiStageEntries *row = data;

  row->stage_id = sqlite3_column_int64 (statement, 0);
  row->n_entered = column_count (statement, 1);
  row->n_advanced = column_count (statement, 2);
}

GArray *
crm_store_kpi_stage_entries (
    CrmStore *self, gint64 pipeline_id, gint64 from, gint64 to, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiStageEntries));
  const gint64 values[] = { from, to, pipeline_id };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  statement = prepare_bound (self, stage_entries_sql, NULL, 0, values, 3, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_stage_entries, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* A stay ends with a history row h leaving an open stage in the period; it began with the row
 * before h of the same deal (by time, then id), when that one entered the stage h leaves. */
static const char stage_stays_sql[]
    = "SELECT h.from_stage_id, count (*), sum (h.changed_at - p.changed_at) "
      "FROM deal_stage_history h JOIN stages s ON s.id = h.from_stage_id "
      "JOIN deal_stage_history p ON p.id = (SELECT q.id FROM deal_stage_history q "
      "WHERE q.deal_id = h.deal_id AND (q.changed_at < h.changed_at "
      "OR (q.changed_at = h.changed_at AND q.id < h.id)) "
      "ORDER BY q.changed_at DESC, q.id DESC LIMIT 1) "
      "WHERE h.changed_at >= ?1 AND h.changed_at < ?2 AND s.kind = 'open' "
      "AND (?3 = 0 OR s.pipeline_id = ?3) AND p.to_stage_id = h.from_stage_id "
      "GROUP BY h.from_stage_id ORDER BY h.from_stage_id";

static void
read_stage_stays (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiStageStays *row = data;

  row->stage_id = sqlite3_column_int64 (statement, 0);
  row->n_stays = column_count (statement, 1);
  row->total_seconds = sqlite3_column_int64 (statement, 2);
}

GArray *
crm_store_kpi_stage_stays (
    CrmStore *self, gint64 pipeline_id, gint64 from, gint64 to, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiStageStays));
  const gint64 values[] = { from, to, pipeline_id };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  statement = prepare_bound (self, stage_stays_sql, NULL, 0, values, 3, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_stage_stays, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* ---- Contacts ---------------------------------------------------------------------------------- */

static const char new_leads_sql[]
    = BUCKETS_CTE "SELECT b.i, ifnull (c.source_id, 0), count (*), "
                  "sum (c.lifecycle IN " CUSTOMER_STAGES ") "
                  "FROM b CROSS JOIN contacts c "
                  "WHERE c.captured_at >= b.lo AND c.captured_at < b.hi "
                  "GROUP BY b.i, 2 ORDER BY b.i, 2";

static void
read_new_leads (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiNewLeads *row = data;

  row->bucket = (guint) sqlite3_column_int (statement, 0);
  row->source_id = sqlite3_column_int64 (statement, 1);
  row->n_contacts = column_count (statement, 2);
  row->n_customers_now = column_count (statement, 3);
}

GArray *
crm_store_kpi_new_leads (CrmStore *self, const gint64 *bounds, guint n_bounds, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiNewLeads));
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!check_bounds (bounds, n_bounds, error))
    return NULL;
  statement = prepare_bound (self, new_leads_sql, bounds, n_bounds, NULL, 0, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_new_leads, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Runs @statement (bound) for one row of unsigned counts. */
static gboolean
step_counts (CrmStore *self, sqlite3_stmt *statement, guint *counts, guint n_counts, GError **error)
{
  int rc = sqlite3_step (statement);

  for (guint i = 0; i < n_counts; i++)
    counts[i] = rc == SQLITE_ROW ? column_count (statement, (int) i) : 0;
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

/* The candidates are the contacts that became customers before ?1 at all; each is kept when its
 * last change before ?1 left it a customer. */
static const char churn_sql[]
    = "SELECT count (*), sum (EXISTS (SELECT 1 FROM contact_lifecycle_history x "
      "WHERE x.contact_id = c.contact_id AND x.to_stage = 'churned' "
      "AND x.changed_at >= ?1 AND x.changed_at < ?2)) "
      "FROM (SELECT DISTINCT contact_id FROM contact_lifecycle_history "
      "WHERE to_stage IN " CUSTOMER_STAGES " AND changed_at < ?1) c "
      "WHERE (SELECT y.to_stage FROM contact_lifecycle_history y "
      "WHERE y.contact_id = c.contact_id AND y.changed_at < ?1 "
      "ORDER BY y.changed_at DESC, y.id DESC LIMIT 1) IN " CUSTOMER_STAGES;

gboolean
crm_store_kpi_churn (CrmStore *self,
                     gint64 from,
                     gint64 to,
                     guint *n_customers_at_start,
                     guint *n_churned,
                     GError **error)
{
  const gint64 values[] = { from, to };
  sqlite3_stmt *statement;
  guint counts[2];

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  statement = prepare_bound (self, churn_sql, NULL, 0, values, 2, error);
  if (statement == NULL || !step_counts (self, statement, counts, 2, error))
    return FALSE;
  *n_customers_at_start = counts[0];
  *n_churned = counts[1];
  return TRUE;
}

static const char new_customers_sql[]
    = "SELECT count (DISTINCT h.contact_id) FROM contact_lifecycle_history h "
      "WHERE h.changed_at >= ?1 AND h.changed_at < ?2 AND h.to_stage IN " CUSTOMER_STAGES " "
      "AND NOT EXISTS (SELECT 1 FROM contact_lifecycle_history e "
      "WHERE e.contact_id = h.contact_id AND e.to_stage IN " CUSTOMER_STAGES " "
      "AND e.changed_at < ?1)";

gboolean
crm_store_kpi_new_customers (
    CrmStore *self, gint64 from, gint64 to, guint *n_new_customers, GError **error)
{
  const gint64 values[] = { from, to };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  statement = prepare_bound (self, new_customers_sql, NULL, 0, values, 2, error);
  return statement != NULL && step_counts (self, statement, n_new_customers, 1, error);
}

/* ---- Feedback and spend ----------------------------------------------------------------------- */

static const char feedback_sql[] = BUCKETS_CTE
    "SELECT b.i, f.kind = 'csat', count (*), "
    "sum (CASE WHEN f.kind = 'nps' THEN f.score >= 9 ELSE f.score >= 4 END), "
    "sum (CASE WHEN f.kind = 'nps' THEN f.score <= 6 ELSE f.score <= 3 END) "
    "FROM b CROSS JOIN feedback f WHERE f.answered_at >= b.lo AND f.answered_at < b.hi "
    "GROUP BY b.i, f.kind ORDER BY b.i, f.kind DESC";

static void
read_feedback (sqlite3_stmt *statement, gpointer data)
{
  CrmKpiFeedback *row = data;

  row->bucket = (guint) sqlite3_column_int (statement, 0);
  row->kind = sqlite3_column_int (statement, 1) ? CRM_FEEDBACK_CSAT : CRM_FEEDBACK_NPS;
  row->n_answers = column_count (statement, 2);
  row->n_high = column_count (statement, 3);
  row->n_low = column_count (statement, 4);
}

GArray *
crm_store_kpi_feedback (CrmStore *self, const gint64 *bounds, guint n_bounds, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmKpiFeedback));
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!check_bounds (bounds, n_bounds, error))
    return NULL;
  statement = prepare_bound (self, feedback_sql, bounds, n_bounds, NULL, 0, error);
  if (statement == NULL || !collect_rows (self, statement, rows, read_feedback, error))
    return NULL;
  return g_steal_pointer (&rows);
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

static GArray *
collect_ids (CrmStore *self, sqlite3_stmt *statement, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

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

/* The same entries crm_store_kpi_stage_entries() counts. */
GArray *
crm_store_kpi_stage_entry_deal_ids (
    CrmStore *self, gint64 stage_id, gint64 from, gint64 to, GError **error)
{
  const gint64 values[] = { stage_id, from, to };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  statement = prepare_bound (self,
                             "SELECT DISTINCT deal_id FROM deal_stage_history "
                             "WHERE to_stage_id = ?1 AND changed_at >= ?2 AND changed_at < ?3 "
                             "ORDER BY deal_id",
                             NULL, 0, values, 3, error);
  return statement != NULL ? collect_ids (self, statement, error) : NULL;
}

/* The same deals crm_store_kpi_lost_reasons() counts. */
GArray *
crm_store_kpi_lost_deal_ids (CrmStore *self,
                             gint64 pipeline_id,
                             gint64 lost_reason_id,
                             gint64 from,
                             gint64 to,
                             GError **error)
{
  const gint64 values[] = { from, to, pipeline_id, lost_reason_id };
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  statement = prepare_bound (self,
                             "SELECT d.id FROM deals d JOIN stages s ON s.id = d.stage_id "
                             "WHERE d.closed_at >= ?1 AND d.closed_at < ?2 AND s.kind = 'lost' "
                             "AND (?3 = 0 OR s.pipeline_id = ?3) "
                             "AND ifnull (d.lost_reason_id, 0) = ?4 ORDER BY d.id",
                             NULL, 0, values, 4, error);
  return statement != NULL ? collect_ids (self, statement, error) : NULL;
}
