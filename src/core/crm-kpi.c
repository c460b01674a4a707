/* crm-kpi.c — the KPIs and chart series of a period (definitions in crm-kpi.h), computed from
 * the aggregates of crm-store-kpi.h read in one snapshot. The store counts and sums; this file
 * turns the sums into means, shares and per-day figures, and says why when it cannot.
 *
 * The period is cut into local calendar months when the series are wanted, and the period's
 * own figures are the sums over its months, so the chart and the number above it always agree.
 */
#include "config.h"

#include "crm-kpi.h"

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

static GArray *
money_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (CrmKpiMoney));
}

static void
money_add (GArray *money, const char *currency, gint64 amount_minor)
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

static GArray *
counts_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (CrmKpiCurrencyCount));
}

static void
counts_add (GArray *counts, const char *currency, guint count)
{
  ((CrmKpiCurrencyCount *) currency_slot (counts, currency))->count += count;
}

static guint
counts_get (GArray *counts, const char *currency)
{
  for (guint i = 0; i < counts->len; i++)
    if (strcmp (g_array_index (counts, CrmKpiCurrencyCount, i).currency, currency) == 0)
      return g_array_index (counts, CrmKpiCurrencyCount, i).count;
  return 0;
}

/* @numerator ÷ @denominator (numerator ≥ 0, denominator > 0), halves rounded up. */
static gint64
divide_rounded (gint64 numerator, gint64 denominator)
{
  return numerator / denominator + (numerator % denominator * 2 >= denominator ? 1 : 0);
}

/* ---- Periods ----------------------------------------------------------------------------------- */

static GDateTime *
local_midnight (int year, int month, int day)
{
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

void
crm_kpi_period_last_days (gint64 now, guint n_days, gint64 *from, gint64 *to)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (now);
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) tomorrow = NULL;
  g_autoptr (GDateTime) first = NULL;
  int year, month, day;

  g_return_if_fail (from != NULL && to != NULL && n_days > 0);

  g_date_time_get_ymd (moment, &year, &month, &day);
  today = local_midnight (year, month, day);
  tomorrow = g_date_time_add_days (today, 1);
  first = g_date_time_add_days (tomorrow, -(int) n_days);
  *from = g_date_time_to_unix (first);
  *to = g_date_time_to_unix (tomorrow);
}

/* Whether @time is a local midnight; if so, its day in @date. */
static gboolean
get_midnight_date (gint64 time, GDate *date)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (time);
  int year, month, day;

  if (moment == NULL || g_date_time_get_hour (moment) != 0 || g_date_time_get_minute (moment) != 0
      || g_date_time_get_second (moment) != 0)
    return FALSE;
  g_date_time_get_ymd (moment, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

void
crm_kpi_previous_period (gint64 from, gint64 to, gint64 *previous_from, gint64 *previous_to)
{
  GDate first, end;

  g_return_if_fail (previous_from != NULL && previous_to != NULL);

  *previous_to = from;
  *previous_from = from - (to - from);
  if (get_midnight_date (from, &first) && get_midnight_date (to, &end)
      && g_date_compare (&first, &end) < 0)
    {
      g_autoptr (GDateTime) start = NULL;

      g_date_subtract_days (&first, (guint) g_date_days_between (&first, &end));
      start = local_midnight (g_date_get_year (&first), g_date_get_month (&first),
                              g_date_get_day (&first));
      if (start != NULL)
        *previous_from = g_date_time_to_unix (start);
    }
}

/* Local midnight of the first day of the month after the one @time is in. */
static gint64
next_month_start (gint64 time)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (time);
  g_autoptr (GDateTime) start = NULL;
  int year, month;

  g_date_time_get_ymd (moment, &year, &month, NULL);
  year += month / 12;
  month = month % 12 + 1;
  start = local_midnight (year, month, 1);
  return g_date_time_to_unix (start);
}

static gint64
month_start (gint64 time)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (time);
  g_autoptr (GDateTime) start = NULL;
  int year, month;

  g_date_time_get_ymd (moment, &year, &month, NULL);
  start = local_midnight (year, month, 1);
  return g_date_time_to_unix (start);
}

GArray *
crm_kpi_month_bounds (gint64 from, gint64 to)
{
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (from < to, bounds);

  g_array_append_val (bounds, from);
  for (gint64 start = next_month_start (from); start < to; start = next_month_start (start))
    g_array_append_val (bounds, start);
  g_array_append_val (bounds, to);
  return bounds;
}

/* ---- Freeing ---------------------------------------------------------------------------------- */

static void
stage_clear (gpointer data)
{
  CrmKpiStage *stage = data; /* the first member of CrmKpiStageFlow and CrmKpiStageTime */

  g_clear_pointer (&stage->stage_name, g_free);
  g_clear_pointer (&stage->pipeline_name, g_free);
}

static void
source_count_clear (gpointer data)
{
  g_clear_pointer (&((CrmKpiSourceCount *) data)->name, g_free);
}

static void
forecast_month_clear (gpointer data)
{
  g_clear_pointer (&((CrmKpiForecastMonth *) data)->weighted, g_array_unref);
}

static void
month_clear (gpointer data)
{
  CrmKpiMonth *month = data;

  g_clear_pointer (&month->won_value, g_array_unref);
  g_clear_pointer (&month->new_leads_by_source, g_array_unref);
}

static void
result_free (CrmKpiResult *result)
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

static void
series_free (CrmKpiSeries *series)
{
  if (series == NULL)
    return;
  g_clear_pointer (&series->months, g_array_unref);
  g_clear_pointer (&series->lost_reasons, g_array_unref);
  g_clear_pointer (&series->stage_times, g_array_unref);
  g_clear_pointer (&series->funnel, g_array_unref);
  g_free (series);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmKpiResult, result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmKpiSeries, series_free)

void
crm_kpi_report_free (CrmKpiReport *report)
{
  if (report == NULL)
    return;
  result_free (report->current);
  result_free (report->previous);
  series_free (report->series);
  g_free (report);
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

static void
set_unavailable (CrmKpiResult *result, CrmKpi kpi, const char *reason)
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

static CrmKpiResult *
result_new (gint64 from, gint64 to, gint64 as_of, gint64 pipeline_id)
{
  CrmKpiResult *result = g_new0 (CrmKpiResult, 1);

  result->from = from;
  result->to = to;
  result->as_of = as_of;
  result->pipeline_id = pipeline_id;
  result->open_pipeline_value = money_new ();
  result->open_deals = counts_new ();
  result->weighted_forecast = money_new ();
  result->forecast_months = g_array_new (FALSE, TRUE, sizeof (CrmKpiForecastMonth));
  g_array_set_clear_func (result->forecast_months, forecast_month_clear);
  result->forecast_overdue = money_new ();
  result->forecast_later = money_new ();
  result->forecast_undated = money_new ();
  result->won_value = money_new ();
  result->average_deal_size = money_new ();
  result->pipeline_velocity = money_new ();
  result->customer_lifetime_value = money_new ();
  result->lifetime_revenue = money_new ();
  result->lifetime_customers = counts_new ();
  result->cac = money_new ();
  result->acquisition_spend = money_new ();
  result->win_rate = result->sales_cycle_days = result->lead_to_customer_rate = NAN;
  result->churn_rate = result->nps = result->csat = NAN;
  return result;
}

/* ---- What every period shares: the stages and the lead sources ------------------------------- */

typedef struct
{
  CrmStore *store;
  gint64 pipeline_id;
  gint64 now;
  guint n_forecast_months;
  GArray *stages;     /* CrmKpiStage of the pipeline(s), open and Won, in order */
  GPtrArray *sources; /* CrmLeadSourceRecord */
} Context;

static void
context_clear (Context *context)
{
  g_clear_pointer (&context->stages, g_array_unref);
  g_clear_pointer (&context->sources, g_ptr_array_unref);
}

static gboolean
load_stages (Context *context, GError **error)
{
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (context->store, error);
  gboolean found = context->pipeline_id == 0;

  if (pipelines == NULL)
    return FALSE;
  context->stages = g_array_new (FALSE, TRUE, sizeof (CrmKpiStage));
  g_array_set_clear_func (context->stages, stage_clear);
  for (guint p = 0; p < pipelines->len; p++)
    {
      const CrmPipelineRecord *pipeline = g_ptr_array_index (pipelines, p);
      g_autoptr (GPtrArray) stages = NULL;

      if (context->pipeline_id != 0 && pipeline->id != context->pipeline_id)
        continue;
      found = TRUE;
      stages = crm_store_list_stages (context->store, pipeline->id, error);
      if (stages == NULL)
        return FALSE;
      for (guint s = 0; s < stages->len; s++)
        {
          const CrmStageRecord *record = g_ptr_array_index (stages, s);
          CrmKpiStage stage = {
            record->id,       pipeline->id, g_strdup (record->name), g_strdup (pipeline->name),
            record->position, record->kind
          };

          if (record->kind != CRM_STAGE_KIND_LOST)
            g_array_append_val (context->stages, stage);
          else
            stage_clear (&stage);
        }
    }
  if (!found)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _ ("There is no pipeline %lld"), (long long) context->pipeline_id);
      return FALSE;
    }
  return TRUE;
}

static CrmKpiStage
stage_copy (const CrmKpiStage *stage)
{
  CrmKpiStage copy = *stage;

  copy.stage_name = g_strdup (stage->stage_name);
  copy.pipeline_name = g_strdup (stage->pipeline_name);
  return copy;
}

/* One CrmKpiSourceCount per lead source, zeroed; "none" is appended when it has leads. */
static GArray *
source_counts_new (Context *context)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (CrmKpiSourceCount));

  g_array_set_clear_func (counts, source_count_clear);
  for (guint i = 0; i < context->sources->len; i++)
    {
      const CrmLeadSourceRecord *source = g_ptr_array_index (context->sources, i);
      CrmKpiSourceCount count = { source->id, g_strdup (source->name), 0, 0 };

      g_array_append_val (counts, count);
    }
  return counts;
}

static void
source_counts_add (GArray *counts, const CrmKpiNewLeads *row)
{
  CrmKpiSourceCount *count = NULL;

  for (guint i = 0; i < counts->len && count == NULL; i++)
    if (g_array_index (counts, CrmKpiSourceCount, i).source_id == row->source_id)
      count = &g_array_index (counts, CrmKpiSourceCount, i);
  if (count == NULL)
    {
      /* No source, or one the list does not know (it is read in the same snapshot, so only
       * "none"). */
      CrmKpiSourceCount fresh = { row->source_id, NULL, 0, 0 };

      g_array_append_val (counts, fresh);
      count = &g_array_index (counts, CrmKpiSourceCount, counts->len - 1);
    }
  count->n_contacts += row->n_contacts;
  count->n_customers_now += row->n_customers_now;
}

/* ---- One period --------------------------------------------------------------------------------- */

static GArray *
forecast_bounds (Context *context, gint64 as_of)
{
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 bound = FAR_PAST;

  g_array_append_val (bounds, bound);
  bound = month_start (as_of);
  g_array_append_val (bounds, bound);
  for (guint i = 0; i < context->n_forecast_months; i++)
    {
      bound = next_month_start (bound);
      g_array_append_val (bounds, bound);
    }
  bound = FAR_FUTURE;
  g_array_append_val (bounds, bound);
  return bounds;
}

/* The open pipeline at result->as_of: value, weighted forecast and its months. */
static gboolean
read_open_pipeline (Context *context, CrmKpiResult *result, GError **error)
{
  g_autoptr (GArray) bounds = forecast_bounds (context, result->as_of);
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) hundredths = money_new ();
  guint n_months = context->n_forecast_months;

  rows = crm_store_kpi_open_deals (context->store, context->pipeline_id, result->as_of,
                                   (const gint64 *) bounds->data, bounds->len, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < n_months; i++)
    {
      CrmKpiForecastMonth month = { g_array_index (bounds, gint64, i + 1),
                                    g_array_index (bounds, gint64, i + 2), 0, money_new () };

      g_array_append_val (result->forecast_months, month);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const CrmKpiOpenDeals *row = &g_array_index (rows, CrmKpiOpenDeals, i);
      gint64 weighted = divide_rounded (row->weighted_hundredths, 100);

      money_add (result->open_pipeline_value, row->currency, row->value_minor);
      counts_add (result->open_deals, row->currency, row->n_deals);
      result->n_open_deals += row->n_deals;
      /* The total is rounded once, not as the sum of rounded months. */
      money_add (hundredths, row->currency, row->weighted_hundredths);
      if (row->bucket < 0)
        money_add (result->forecast_undated, row->currency, weighted);
      else if (row->bucket == 0)
        money_add (result->forecast_overdue, row->currency, weighted);
      else if ((guint) row->bucket > n_months)
        money_add (result->forecast_later, row->currency, weighted);
      else
        {
          CrmKpiForecastMonth *month
              = &g_array_index (result->forecast_months, CrmKpiForecastMonth, row->bucket - 1);

          money_add (month->weighted, row->currency, weighted);
          month->n_deals += row->n_deals;
        }
    }
  for (guint i = 0; i < hundredths->len; i++)
    {
      const CrmKpiMoney *sum = &g_array_index (hundredths, CrmKpiMoney, i);

      money_add (result->weighted_forecast, sum->currency, divide_rounded (sum->amount_minor, 100));
    }
  return TRUE;
}

static void
fill_months (CrmKpiSeries *series, Context *context, const gint64 *bounds, guint n_bounds)
{
  series->months = g_array_new (FALSE, TRUE, sizeof (CrmKpiMonth));
  g_array_set_clear_func (series->months, month_clear);
  for (guint i = 0; i + 1 < n_bounds; i++)
    {
      CrmKpiMonth month = { 0 };

      month.start = bounds[i];
      month.end = bounds[i + 1];
      month.won_value = money_new ();
      month.new_leads_by_source = source_counts_new (context);
      month.win_rate = month.nps = month.csat = NAN;
      g_array_append_val (series->months, month);
    }
}

static CrmKpiMonth *
series_month (CrmKpiSeries *series, guint bucket)
{
  if (series == NULL || bucket >= series->months->len)
    return NULL;
  return &g_array_index (series->months, CrmKpiMonth, bucket);
}

/* Won and lost deals: win rate, average deal size, sales cycle (and the months). */
static gboolean
read_closed_deals (Context *context,
                   CrmKpiResult *result,
                   const gint64 *bounds,
                   guint n_bounds,
                   CrmKpiSeries *series,
                   GError **error)
{
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) n_won_by_currency = counts_new ();
  gint64 cycle_seconds = 0;

  rows = crm_store_kpi_closed_deals (context->store, context->pipeline_id, bounds, n_bounds, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmKpiClosedDeals *row = &g_array_index (rows, CrmKpiClosedDeals, i);
      CrmKpiMonth *month = series_month (series, row->bucket);

      if (row->outcome == CRM_STAGE_KIND_WON)
        {
          result->n_won += row->n_deals;
          cycle_seconds += row->cycle_seconds;
          money_add (result->won_value, row->currency, row->value_minor);
          counts_add (n_won_by_currency, row->currency, row->n_deals);
          if (month != NULL)
            {
              month->n_won += row->n_deals;
              money_add (month->won_value, row->currency, row->value_minor);
            }
        }
      else
        {
          result->n_lost += row->n_deals;
          if (month != NULL)
            month->n_lost += row->n_deals;
        }
    }

  for (guint i = 0; series != NULL && i < series->months->len; i++)
    {
      CrmKpiMonth *month = &g_array_index (series->months, CrmKpiMonth, i);

      if (month->n_won + month->n_lost > 0)
        month->win_rate = (double) month->n_won / (month->n_won + month->n_lost);
    }

  if (result->n_won + result->n_lost == 0)
    set_unavailable (result, CRM_KPI_WIN_RATE, _ ("No deal was closed in this period"));
  else
    result->win_rate = (double) result->n_won / (result->n_won + result->n_lost);

  if (result->n_won == 0)
    {
      set_unavailable (result, CRM_KPI_AVERAGE_DEAL_SIZE, _ ("No deal was won in this period"));
      set_unavailable (result, CRM_KPI_SALES_CYCLE_DAYS, _ ("No deal was won in this period"));
      return TRUE;
    }
  for (guint i = 0; i < result->won_value->len; i++)
    {
      const CrmKpiMoney *won = &g_array_index (result->won_value, CrmKpiMoney, i);

      money_add (result->average_deal_size, won->currency,
                 divide_rounded (won->amount_minor, counts_get (n_won_by_currency, won->currency)));
    }
  result->sales_cycle_days = (double) cycle_seconds / result->n_won / SECONDS_PER_DAY;
  return TRUE;
}

/* (open deals in C × win rate × average deal size in C) ÷ sales cycle, for every currency C
 * with a deal won in the period. */
static void
derive_velocity (CrmKpiResult *result)
{
  if (!crm_kpi_result_is_available (result, CRM_KPI_WIN_RATE))
    {
      set_unavailable (result, CRM_KPI_PIPELINE_VELOCITY, result->unavailable[CRM_KPI_WIN_RATE]);
      return;
    }
  if (!crm_kpi_result_is_available (result, CRM_KPI_AVERAGE_DEAL_SIZE))
    {
      set_unavailable (result, CRM_KPI_PIPELINE_VELOCITY,
                       result->unavailable[CRM_KPI_AVERAGE_DEAL_SIZE]);
      return;
    }
  if (result->sales_cycle_days <= 0)
    {
      set_unavailable (result, CRM_KPI_PIPELINE_VELOCITY,
                       _ ("The deals won in this period closed as they were created: there is no "
                          "sales cycle to divide by"));
      return;
    }
  for (guint i = 0; i < result->average_deal_size->len; i++)
    {
      const CrmKpiMoney *average = &g_array_index (result->average_deal_size, CrmKpiMoney, i);
      double n_open = counts_get (result->open_deals, average->currency);
      double per_day
          = n_open * result->win_rate * (double) average->amount_minor / result->sales_cycle_days;

      money_add (result->pipeline_velocity, average->currency, (gint64) llround (per_day));
    }
}

static GArray *
stage_flows (Context *context, GArray *rows, gboolean with_won)
{
  GArray *flows = g_array_new (FALSE, TRUE, sizeof (CrmKpiStageFlow));

  g_array_set_clear_func (flows, stage_clear);
  for (guint s = 0; s < context->stages->len; s++)
    {
      const CrmKpiStage *stage = &g_array_index (context->stages, CrmKpiStage, s);
      CrmKpiStageFlow flow = { 0 };

      if (stage->kind == CRM_STAGE_KIND_WON && !with_won)
        continue;
      flow.stage = stage_copy (stage);
      for (guint i = 0; i < rows->len; i++)
        {
          const CrmKpiStageEntries *row = &g_array_index (rows, CrmKpiStageEntries, i);

          if (row->stage_id == stage->stage_id)
            {
              flow.n_entered = row->n_entered;
              flow.n_advanced = stage->kind == CRM_STAGE_KIND_OPEN ? row->n_advanced : 0;
            }
        }
      g_array_append_val (flows, flow);
    }
  return flows;
}

static gboolean
read_stage_entries (Context *context, CrmKpiResult *result, CrmKpiSeries *series, GError **error)
{
  g_autoptr (GArray) rows = crm_store_kpi_stage_entries (context->store, context->pipeline_id,
                                                         result->from, result->to, error);
  guint n_entered = 0;

  if (rows == NULL)
    return FALSE;
  result->stage_conversion = stage_flows (context, rows, FALSE);
  for (guint i = 0; i < result->stage_conversion->len; i++)
    n_entered += g_array_index (result->stage_conversion, CrmKpiStageFlow, i).n_entered;
  if (n_entered == 0)
    set_unavailable (result, CRM_KPI_STAGE_CONVERSION,
                     _ ("No deal entered an open stage in this period"));
  if (series != NULL)
    series->funnel = stage_flows (context, rows, TRUE);
  return TRUE;
}

static gboolean
read_new_leads (Context *context,
                CrmKpiResult *result,
                const gint64 *bounds,
                guint n_bounds,
                CrmKpiSeries *series,
                GError **error)
{
  g_autoptr (GArray) rows = crm_store_kpi_new_leads (context->store, bounds, n_bounds, error);

  if (rows == NULL)
    return FALSE;
  result->new_leads_by_source = source_counts_new (context);
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmKpiNewLeads *row = &g_array_index (rows, CrmKpiNewLeads, i);
      CrmKpiMonth *month = series_month (series, row->bucket);

      result->n_new_leads += row->n_contacts;
      result->n_new_leads_customers_now += row->n_customers_now;
      source_counts_add (result->new_leads_by_source, row);
      if (month != NULL)
        {
          month->n_new_leads += row->n_contacts;
          source_counts_add (month->new_leads_by_source, row);
        }
    }
  if (result->n_new_leads == 0)
    set_unavailable (result, CRM_KPI_LEAD_TO_CUSTOMER_RATE,
                     _ ("No contact was captured in this period"));
  else
    result->lead_to_customer_rate
        = (double) result->n_new_leads_customers_now / result->n_new_leads;
  return TRUE;
}

static gboolean
read_churn (Context *context, CrmKpiResult *result, GError **error)
{
  if (!crm_store_kpi_churn (context->store, result->from, result->to, &result->n_customers_at_start,
                            &result->n_churned, error))
    return FALSE;
  if (result->n_customers_at_start == 0)
    set_unavailable (result, CRM_KPI_CHURN_RATE,
                     _ ("There were no customers at the start of this period"));
  else
    result->churn_rate = (double) result->n_churned / result->n_customers_at_start;
  return TRUE;
}

static gboolean
read_feedback (Context *context,
               CrmKpiResult *result,
               const gint64 *bounds,
               guint n_bounds,
               CrmKpiSeries *series,
               GError **error)
{
  g_autoptr (GArray) rows = crm_store_kpi_feedback (context->store, bounds, n_bounds, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmKpiFeedback *row = &g_array_index (rows, CrmKpiFeedback, i);
      CrmKpiMonth *month = series_month (series, row->bucket);

      if (row->kind == CRM_FEEDBACK_NPS)
        {
          result->n_nps_answers += row->n_answers;
          result->n_promoters += row->n_high;
          result->n_detractors += row->n_low;
          if (month != NULL)
            {
              month->n_nps_answers += row->n_answers;
              month->n_promoters += row->n_high;
              month->n_detractors += row->n_low;
            }
        }
      else
        {
          result->n_csat_answers += row->n_answers;
          result->n_satisfied += row->n_high;
          if (month != NULL)
            {
              month->n_csat_answers += row->n_answers;
              month->n_satisfied += row->n_high;
            }
        }
    }

  for (guint i = 0; series != NULL && i < series->months->len; i++)
    {
      CrmKpiMonth *month = &g_array_index (series->months, CrmKpiMonth, i);

      if (month->n_nps_answers > 0)
        month->nps
            = 100.0 * ((double) month->n_promoters - month->n_detractors) / month->n_nps_answers;
      if (month->n_csat_answers > 0)
        month->csat = (double) month->n_satisfied / month->n_csat_answers;
    }

  if (result->n_nps_answers == 0)
    set_unavailable (result, CRM_KPI_NPS, _ ("No NPS answer was given in this period"));
  else
    result->nps
        = 100.0 * ((double) result->n_promoters - result->n_detractors) / result->n_nps_answers;
  if (result->n_csat_answers == 0)
    set_unavailable (result, CRM_KPI_CSAT, _ ("No CSAT answer was given in this period"));
  else
    result->csat = (double) result->n_satisfied / result->n_csat_answers;
  return TRUE;
}

static gboolean
read_lifetime_value (Context *context, CrmKpiResult *result, GError **error)
{
  g_autoptr (GArray) rows
      = crm_store_kpi_won_revenue (context->store, context->pipeline_id, result->to, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmKpiWonRevenue *row = &g_array_index (rows, CrmKpiWonRevenue, i);

      money_add (result->lifetime_revenue, row->currency, row->value_minor);
      counts_add (result->lifetime_customers, row->currency, row->n_customers);
      money_add (result->customer_lifetime_value, row->currency,
                 divide_rounded (row->value_minor, MAX (row->n_customers, 1)));
    }
  if (rows->len == 0)
    set_unavailable (result, CRM_KPI_CUSTOMER_LIFETIME_VALUE,
                     _ ("No deal was won before the end of this period"));
  return TRUE;
}

/* The part of @amount_minor that [@from, @to) covers of [@start, @end), rounded. */
static gint64
prorate (gint64 amount_minor, gint64 start, gint64 end, gint64 from, gint64 to)
{
  gint64 covered = MIN (end, to) - MAX (start, from);
  gint64 length = end - start;

  if (covered <= 0 || length <= 0)
    return 0;
  if (covered >= length)
    return amount_minor;
  /* Split so that amount × covered cannot overflow. */
  return amount_minor / length * covered + divide_rounded (amount_minor % length * covered, length);
}

static gint64
next_utc_month_start (gint64 time)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_utc (time);
  g_autoptr (GDateTime) start = NULL;
  int year, month;

  g_date_time_get_ymd (moment, &year, &month, NULL);
  year += month / 12;
  month = month % 12 + 1;
  start = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  return g_date_time_to_unix (start);
}

static gboolean
read_acquisition_cost (Context *context, CrmKpiResult *result, GError **error)
{
  g_autoptr (GPtrArray) spend = NULL;

  if (!crm_store_kpi_new_customers (context->store, result->from, result->to,
                                    &result->n_new_customers, error))
    return FALSE;
  spend = crm_store_kpi_acquisition_spend (context->store, result->from, result->to, error);
  if (spend == NULL)
    return FALSE;
  for (guint i = 0; i < spend->len; i++)
    {
      const CrmAcquisitionSpendRecord *row = g_ptr_array_index (spend, i);
      gint64 end = next_utc_month_start (row->month_start);

      money_add (result->acquisition_spend, row->currency,
                 prorate (row->amount_minor, row->month_start, end, result->from, result->to));
    }

  if (spend->len == 0)
    set_unavailable (result, CRM_KPI_CAC, _ ("No acquisition spend was entered for this period"));
  else if (result->n_new_customers == 0)
    set_unavailable (result, CRM_KPI_CAC, _ ("No contact became a customer in this period"));
  else
    for (guint i = 0; i < result->acquisition_spend->len; i++)
      {
        const CrmKpiMoney *total = &g_array_index (result->acquisition_spend, CrmKpiMoney, i);

        money_add (result->cac, total->currency,
                   divide_rounded (total->amount_minor, result->n_new_customers));
      }
  return TRUE;
}

static gboolean
read_lost_reasons (Context *context, CrmKpiResult *result, CrmKpiSeries *series, GError **error)
{
  series->lost_reasons = crm_store_kpi_lost_reasons (context->store, context->pipeline_id,
                                                     result->from, result->to, error);
  return series->lost_reasons != NULL;
}

static gboolean
read_stage_times (Context *context, CrmKpiResult *result, CrmKpiSeries *series, GError **error)
{
  g_autoptr (GArray) rows = crm_store_kpi_stage_stays (context->store, context->pipeline_id,
                                                       result->from, result->to, error);

  if (rows == NULL)
    return FALSE;
  series->stage_times = g_array_new (FALSE, TRUE, sizeof (CrmKpiStageTime));
  g_array_set_clear_func (series->stage_times, stage_clear);
  for (guint s = 0; s < context->stages->len; s++)
    {
      const CrmKpiStage *stage = &g_array_index (context->stages, CrmKpiStage, s);
      CrmKpiStageTime time = { 0 };

      if (stage->kind != CRM_STAGE_KIND_OPEN)
        continue;
      time.stage = stage_copy (stage);
      time.mean_days = NAN;
      for (guint i = 0; i < rows->len; i++)
        {
          const CrmKpiStageStays *row = &g_array_index (rows, CrmKpiStageStays, i);

          if (row->stage_id == stage->stage_id && row->n_stays > 0)
            {
              time.n_stays = row->n_stays;
              time.total_seconds = row->total_seconds;
              time.mean_days = (double) row->total_seconds / row->n_stays / SECONDS_PER_DAY;
            }
        }
      g_array_append_val (series->stage_times, time);
    }
  return TRUE;
}

/* The KPIs of [from, to), its figures summed over the buckets of @bounds (its months, or the
 * period whole), and with @series the series of those buckets. */
static CrmKpiResult *
compute_period (
    Context *context, const gint64 *bounds, guint n_bounds, CrmKpiSeries *series, GError **error)
{
  gint64 from = bounds[0], to = bounds[n_bounds - 1];
  g_autoptr (CrmKpiResult) result
      = result_new (from, to, MIN (to, context->now), context->pipeline_id);

  if (series != NULL)
    fill_months (series, context, bounds, n_bounds);
  if (!read_open_pipeline (context, result, error)
      || !read_closed_deals (context, result, bounds, n_bounds, series, error)
      || !read_stage_entries (context, result, series, error)
      || !read_new_leads (context, result, bounds, n_bounds, series, error)
      || !read_churn (context, result, error)
      || !read_feedback (context, result, bounds, n_bounds, series, error)
      || !read_lifetime_value (context, result, error)
      || !read_acquisition_cost (context, result, error))
    return NULL;
  derive_velocity (result);
  if (series != NULL
      && (!read_lost_reasons (context, result, series, error)
          || !read_stage_times (context, result, series, error)))
    return NULL;
  return g_steal_pointer (&result);
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
compute_all (Context *context, CrmKpiReport *report, GError **error)
{
  const CrmKpiOptions *options = &report->options;

  context->sources = crm_store_list_lead_sources (context->store, error);
  if (context->sources == NULL || !load_stages (context, error))
    return FALSE;

  if (options->flags & CRM_KPI_WITH_SERIES)
    {
      g_autoptr (GArray) months = crm_kpi_month_bounds (options->from, options->to);

      report->series = g_new0 (CrmKpiSeries, 1);
      report->current = compute_period (context, (const gint64 *) months->data, months->len,
                                        report->series, error);
    }
  else
    {
      const gint64 whole[] = { options->from, options->to };

      report->current = compute_period (context, whole, 2, NULL, error);
    }
  if (report->current == NULL)
    return FALSE;

  if (options->flags & CRM_KPI_WITH_PREVIOUS)
    {
      gint64 previous[2];

      crm_kpi_previous_period (options->from, options->to, &previous[0], &previous[1]);
      report->previous = compute_period (context, previous, 2, NULL, error);
      if (report->previous == NULL)
        return FALSE;
    }
  return TRUE;
}

CrmKpiReport *
crm_kpi_compute (CrmStore *store, const CrmKpiOptions *options, GError **error)
{
  g_autoptr (CrmKpiReport) report = NULL;
  Context context = { 0 };
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

  context.store = store;
  context.pipeline_id = options->pipeline_id;
  context.now = report->options.now;
  context.n_forecast_months = report->options.n_forecast_months;

  if (!crm_store_begin_read (store, error))
    return NULL;
  done = compute_all (&context, report, error);
  crm_store_end_read (store);
  context_clear (&context);
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
