/* crm-kpi.c — the KPIs and chart series of a period (definitions in crm-kpi.h), computed from
 * the aggregates of crm-store-kpi.h read in one snapshot. The store counts and sums; this file
 * turns the sums into means, shares and per-day figures, and says why when it cannot.
 *
 * The period is cut into local calendar months when the series are wanted, and the period's
 * own figures are the sums over its months, so the chart and the number above it always agree.
 */
#include "config.h"

#include "crm-kpi-private.h"
#include "crm-store-kpi.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define SECONDS_PER_DAY 86400
/* Wide enough to catch any expected close before or after the months of the forecast, small
 * enough that SQLite's JSON reads them as integers. */
#define FAR_PAST (-((gint64) 1 << 62))
#define FAR_FUTURE ((gint64) 1 << 62)

static const struct
{
  const char *key;
  const char *label;
} kpi_names[CRM_N_KPIS] = {
  { "open_pipeline_value", N_ ("Open pipeline value") },
  { "weighted_forecast", N_ ("Weighted forecast") },
  { "win_rate", N_ ("Win rate") },
  { "average_deal_size", N_ ("Average deal size") },
  { "sales_cycle_days", N_ ("Sales cycle") },
  { "stage_conversion", N_ ("Stage conversion") },
  { "pipeline_velocity", N_ ("Pipeline velocity") },
  { "new_leads", N_ ("New leads") },
  { "lead_to_customer_rate", N_ ("Lead to customer") },
  { "churn_rate", N_ ("Churn rate") },
  { "nps", N_ ("Net promoter score") },
  { "csat", N_ ("Customer satisfaction") },
  { "customer_lifetime_value", N_ ("Customer lifetime value") },
  { "cac", N_ ("Customer acquisition cost") },
};

const char *
crm_kpi_to_string (CrmKpi kpi)
{
  g_return_val_if_fail (kpi < CRM_N_KPIS, NULL);
  return kpi_names[kpi].key;
}

const char *
crm_kpi_get_label (CrmKpi kpi)
{
  g_return_val_if_fail (kpi < CRM_N_KPIS, NULL);
  return _ (kpi_names[kpi].label);
}

/* ---- Money and counts per currency ----------------------------------------------------------- */

/* Arrays of CrmKpiMoney and CrmKpiCurrencyCount both start with the currency code: the slot of
 * @currency in either, inserted (zeroed) in code order when missing. */
static gpointer
currency_slot (GArray *array, const char *currency)
{
  guint size = g_array_get_element_size (array);
  /* Bytes, not a struct: the padding of a struct initialised to zero may hold anything. */
  guint8 zeroed[sizeof (CrmKpiMoney)] = { 0 };
  guint i;

  for (i = 0; i < array->len; i++)
    {
      char *slot = array->data + (gsize) size * i;
      int order = strcmp (slot, currency);

      if (order == 0)
        return slot;
      if (order > 0)
        break;
    }
  g_assert (size <= sizeof zeroed);
  g_array_insert_vals (array, i, zeroed, 1);
  g_strlcpy (array->data + (gsize) size * i, currency, 4);
  return array->data + (gsize) size * i;
}

GArray *
crm_kpi_money_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (CrmKpiMoney));
}

void
crm_kpi_money_add (GArray *money, const char *currency, gint64 amount_minor)
{
  ((CrmKpiMoney *) currency_slot (money, currency))->amount_minor += amount_minor;
}

static const CrmKpiMoney *
money_find (GArray *money, const char *currency)
{
  for (guint i = 0; money != NULL && i < money->len; i++)
    if (g_strcmp0 (g_array_index (money, CrmKpiMoney, i).currency, currency) == 0)
      return &g_array_index (money, CrmKpiMoney, i);
  return NULL;
}

gint64
crm_kpi_money_get (GArray *money, const char *currency)
{
  const CrmKpiMoney *found = money_find (money, currency);

  return found != NULL ? found->amount_minor : 0;
}

gboolean
crm_kpi_money_has (GArray *money, const char *currency)
{
  return money_find (money, currency) != NULL;
}

GArray *
crm_kpi_counts_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (CrmKpiCurrencyCount));
}

void
crm_kpi_counts_add (GArray *counts, const char *currency, guint count)
{
  ((CrmKpiCurrencyCount *) currency_slot (counts, currency))->count += count;
}

guint
crm_kpi_counts_get (GArray *counts, const char *currency)
{
  for (guint i = 0; i < counts->len; i++)
    if (strcmp (g_array_index (counts, CrmKpiCurrencyCount, i).currency, currency) == 0)
      return g_array_index (counts, CrmKpiCurrencyCount, i).count;
  return 0;
}

/* @numerator ÷ @denominator (numerator ≥ 0, denominator > 0), halves rounded up. */
gint64
crm_kpi_divide_rounded (gint64 numerator, gint64 denominator)
{
  return numerator / denominator + (numerator % denominator * 2 >= denominator ? 1 : 0);
}

/* ---- Freeing ---------------------------------------------------------------------------------- */

void
crm_kpi_stage_clear (gpointer data)
{
  CrmKpiStage *stage = data; /* the first member of CrmKpiStageFlow and CrmKpiStageTime */

  g_clear_pointer (&stage->stage_name, g_free);
  g_clear_pointer (&stage->pipeline_name, g_free);
}

void
crm_kpi_source_count_clear (gpointer data)
{
  g_clear_pointer (&((CrmKpiSourceCount *) data)->name, g_free);
}

void
crm_kpi_reason_count_clear (gpointer data)
{
  g_clear_pointer (&((CrmKpiReasonCount *) data)->name, g_free);
}

void
crm_kpi_forecast_month_clear (gpointer data)
{
  g_clear_pointer (&((CrmKpiForecastMonth *) data)->weighted, g_array_unref);
}

void
crm_kpi_month_clear (gpointer data)
{
  CrmKpiMonth *month = data;

  g_clear_pointer (&month->won_value, g_array_unref);
  g_clear_pointer (&month->new_leads_by_source, g_array_unref);
}

void
crm_kpi_result_free (CrmKpiResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < CRM_N_KPIS; i++)
    g_free (result->unavailable[i]);
  g_clear_pointer (&result->open_pipeline_value, g_array_unref);
  g_clear_pointer (&result->open_deals, g_array_unref);
  g_clear_pointer (&result->weighted_forecast, g_array_unref);
  g_clear_pointer (&result->forecast_months, g_array_unref);
  g_clear_pointer (&result->forecast_overdue, g_array_unref);
  g_clear_pointer (&result->forecast_later, g_array_unref);
  g_clear_pointer (&result->forecast_undated, g_array_unref);
  g_clear_pointer (&result->won_value, g_array_unref);
  g_clear_pointer (&result->average_deal_size, g_array_unref);
  g_clear_pointer (&result->stage_conversion, g_array_unref);
  g_clear_pointer (&result->pipeline_velocity, g_array_unref);
  g_clear_pointer (&result->new_leads_by_source, g_array_unref);
  g_clear_pointer (&result->customer_lifetime_value, g_array_unref);
  g_clear_pointer (&result->lifetime_revenue, g_array_unref);
  g_clear_pointer (&result->lifetime_customers, g_array_unref);
  g_clear_pointer (&result->cac, g_array_unref);
  g_clear_pointer (&result->acquisition_spend, g_array_unref);
  g_free (result);
}

void
crm_kpi_series_free (CrmKpiSeries *series)
{
  if (series == NULL)
    return;
  g_clear_pointer (&series->months, g_array_unref);
  g_clear_pointer (&series->lost_reasons, g_array_unref);
  g_clear_pointer (&series->stage_times, g_array_unref);
  g_clear_pointer (&series->funnel, g_array_unref);
  g_free (series);
}

void
crm_kpi_report_free (CrmKpiReport *report)
{
  if (report == NULL)
    return;
  crm_kpi_result_free (report->current);
  crm_kpi_result_free (report->previous);
  crm_kpi_series_free (report->series);
  g_free (report);
}

CrmKpiStage
crm_kpi_stage_copy (const CrmKpiStage *stage)
{
  CrmKpiStage copy = *stage;

  copy.stage_name = g_strdup (stage->stage_name);
  copy.pipeline_name = g_strdup (stage->pipeline_name);
  return copy;
}

/* ---- Results ------------------------------------------------------------------------------------ */

gboolean
crm_kpi_result_is_available (const CrmKpiResult *result, CrmKpi kpi)
{
  g_return_val_if_fail (result != NULL && kpi < CRM_N_KPIS, FALSE);
  return result->unavailable[kpi] == NULL;
}

const char *
crm_kpi_result_get_reason (const CrmKpiResult *result, CrmKpi kpi)
{
  g_return_val_if_fail (result != NULL && kpi < CRM_N_KPIS, NULL);
  return result->unavailable[kpi];
}

void
crm_kpi_result_set_unavailable (CrmKpiResult *result, CrmKpi kpi, const char *reason)
{
  if (result->unavailable[kpi] == NULL)
    result->unavailable[kpi] = g_strdup (reason);
}

double
crm_kpi_stage_flow_get_rate (const CrmKpiStageFlow *flow)
{
  g_return_val_if_fail (flow != NULL, NAN);

  if (flow->n_entered == 0 || flow->stage.kind != CRM_STAGE_KIND_OPEN)
    return NAN;
  return (double) flow->n_advanced / flow->n_entered;
}

CrmKpiResult *
crm_kpi_result_new (gint64 from, gint64 to, gint64 as_of, gint64 pipeline_id)
{
  CrmKpiResult *result = g_new0 (CrmKpiResult, 1);

  result->from = from;
  result->to = to;
  result->as_of = as_of;
  result->pipeline_id = pipeline_id;
  result->open_pipeline_value = crm_kpi_money_new ();
  result->open_deals = crm_kpi_counts_new ();
  result->weighted_forecast = crm_kpi_money_new ();
  result->forecast_months = g_array_new (FALSE, TRUE, sizeof (CrmKpiForecastMonth));
  g_array_set_clear_func (result->forecast_months, crm_kpi_forecast_month_clear);
  result->forecast_overdue = crm_kpi_money_new ();
  result->forecast_later = crm_kpi_money_new ();
  result->forecast_undated = crm_kpi_money_new ();
  result->won_value = crm_kpi_money_new ();
  result->average_deal_size = crm_kpi_money_new ();
  result->pipeline_velocity = crm_kpi_money_new ();
  result->customer_lifetime_value = crm_kpi_money_new ();
  result->lifetime_revenue = crm_kpi_money_new ();
  result->lifetime_customers = crm_kpi_counts_new ();
  result->cac = crm_kpi_money_new ();
  result->acquisition_spend = crm_kpi_money_new ();
  result->win_rate = result->sales_cycle_days = result->lead_to_customer_rate = NAN;
  result->churn_rate = result->nps = result->csat = NAN;
  return result;
}

/* ---- Computing ---------------------------------------------------------------------------------- */

void
crm_kpi_options_init (CrmKpiOptions *options, gint64 from, gint64 to)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->from = from;
  options->to = to;
}

static gboolean
compute_report (CrmStore *store, CrmKpiReport *report, GError **error)
{
  const CrmKpiOptions *options = &report->options;
  g_autoptr (CrmKpiFacts) facts = NULL;
  gint64 previous[2];

  crm_kpi_previous_period (options->from, options->to, &previous[0], &previous[1]);
  facts = crm_kpi_facts_load (store, options->pipeline_id,
                              options->flags & CRM_KPI_WITH_PREVIOUS ? previous[0] : options->from,
                              options->to, error);
  if (facts == NULL)
    return FALSE;

  if (options->flags & CRM_KPI_WITH_SERIES)
    {
      g_autoptr (GArray) months = crm_kpi_month_bounds (options->from, options->to);

      report->series = g_new0 (CrmKpiSeries, 1);
      report->current
          = crm_kpi_compute_period (facts, (const gint64 *) months->data, months->len, options->now,
                                    options->n_forecast_months, report->series);
    }
  else
    {
      const gint64 whole[] = { options->from, options->to };

      report->current = crm_kpi_compute_period (facts, whole, 2, options->now,
                                                options->n_forecast_months, NULL);
    }
  if (options->flags & CRM_KPI_WITH_PREVIOUS)
    report->previous = crm_kpi_compute_period (facts, previous, 2, options->now,
                                               options->n_forecast_months, NULL);
  return TRUE;
}

CrmKpiReport *
crm_kpi_compute (CrmStore *store, const CrmKpiOptions *options, GError **error)
{
  g_autoptr (CrmKpiReport) report = NULL;
  gboolean done;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->to <= options->from)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("The period must end after it starts"));
      return NULL;
    }

  report = g_new0 (CrmKpiReport, 1);
  report->options = *options;
  if (report->options.now == 0)
    report->options.now = g_get_real_time () / G_USEC_PER_SEC;
  if (report->options.n_forecast_months == 0)
    report->options.n_forecast_months = CRM_KPI_DEFAULT_FORECAST_MONTHS;
  report->options.n_forecast_months
      = MIN (report->options.n_forecast_months, CRM_KPI_MAX_FORECAST_MONTHS);

  /* One snapshot: every fact is read as of the same moment. */
  if (!crm_store_begin_read (store, error))
    return NULL;
  done = compute_report (store, report, error);
  crm_store_end_read (store);
  return done ? g_steal_pointer (&report) : NULL;
}

static void
compute_in_thread (GTask *task,
                   gpointer source_object,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  const CrmKpiOptions *options = task_data;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  CrmKpiReport *report;

  /* Opening would create a file that is gone (deleted while the thread waited to start). */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_new_error (task, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                               _ ("The database “%s” is gone"), path);
      return;
    }
  store = crm_store_open (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  report = crm_kpi_compute (store, options, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) crm_kpi_report_free);
}

void
crm_kpi_compute_async (CrmStore *store,
                       const CrmKpiOptions *options,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  CrmKpiOptions *copy;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (options != NULL);

  copy = g_memdup2 (options, sizeof *options);
  /* "Now" is when it was asked, not when the thread got to it. */
  if (copy->now == 0)
    copy->now = g_get_real_time () / G_USEC_PER_SEC;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_kpi_compute_async);
  g_task_set_task_data (task, copy, g_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (crm_store_get_path (store)), g_free);
  g_task_run_in_thread (task, compute_in_thread);
}

CrmKpiReport *
crm_kpi_compute_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_kpi_compute_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
