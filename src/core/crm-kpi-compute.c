/* crm-kpi-compute.c — the KPIs of one period from the facts (definitions in crm-kpi.h): one walk
 * over the deals (closed in the period, open at its end, won before its end), one over each
 * deal's stage changes (entries, advances, stays); the contacts, their lifecycle changes, the
 * answers and the spend are in crm-kpi-people.c. Then the means, shares and per-day figures, or
 * the reason there are none.
 *
 * The period is cut into buckets (its local months when the series are wanted, else one): the
 * period's figures are the sums over its buckets, so a chart and the number above it agree.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "crm-kpi-private.h"
#include "crm-store-kpi.h"

#define SECONDS_PER_DAY 86400

static void
fill_months (const CrmKpiPeriod *period)
{
  CrmKpiSeries *series = period->series;

  series->months = g_array_new (FALSE, TRUE, sizeof (CrmKpiMonth));
  g_array_set_clear_func (series->months, crm_kpi_month_clear);
  for (guint i = 0; i + 1 < period->n_bounds; i++)
    {
      CrmKpiMonth month = { 0 };

      month.start = period->bounds[i];
      month.end = period->bounds[i + 1];
      month.won_value = crm_kpi_money_new ();
      month.new_leads_by_source = crm_kpi_source_counts_new (period->facts);
      month.win_rate = month.nps = month.csat = NAN;
      g_array_append_val (series->months, month);
    }
}

/* ---- The open pipeline ---------------------------------------------------------------------------- */

/* The stage deal number @index was in at @when: its current one when it entered that before
 * @when, else the one its last stage change before @when moved it to (0: none yet). */
static gint64
stage_at (const CrmKpiFacts *facts, guint index, const CrmKpiDealFact *deal, gint64 when)
{
  gint64 stage_id = 0;

  if (deal->stage_entered_at < when)
    return deal->stage_id;
  for (guint i = 0; i < facts->n_changes[index]; i++)
    {
      const CrmKpiStageChange *change
          = &g_array_index (facts->changes, CrmKpiStageChange, facts->first_change[index] + i);

      if (change->changed_at >= when)
        break;
      stage_id = change->stage_id;
    }
  return stage_id;
}

typedef struct
{
  gint64 bounds[CRM_KPI_MAX_FORECAST_MONTHS
                + 1]; /* start of the month of as_of, and of each month after */
  guint n_months;
  GArray *hundredths
      [CRM_KPI_MAX_FORECAST_MONTHS]; /* per month: Σ value × probability, in hundredths of minor units */
  GArray *overdue, *later, *undated, *total;
} Forecast;

static void
forecast_init (Forecast *forecast, gint64 as_of, guint n_months)
{
  memset (forecast, 0, sizeof *forecast);
  forecast->n_months = MIN (n_months, CRM_KPI_MAX_FORECAST_MONTHS);
  forecast->bounds[0] = crm_kpi_month_start (as_of);
  for (guint i = 0; i < forecast->n_months; i++)
    {
      forecast->bounds[i + 1] = crm_kpi_next_month_start (forecast->bounds[i]);
      forecast->hundredths[i] = crm_kpi_money_new ();
    }
  forecast->overdue = crm_kpi_money_new ();
  forecast->later = crm_kpi_money_new ();
  forecast->undated = crm_kpi_money_new ();
  forecast->total = crm_kpi_money_new ();
}

static void
forecast_add (Forecast *forecast, const CrmKpiDealFact *deal, gint64 hundredths, guint *n_deals)
{
  GArray *bucket;

  if (deal->expected_close == 0)
    bucket = forecast->undated;
  else if (deal->expected_close < forecast->bounds[0])
    bucket = forecast->overdue;
  else if (deal->expected_close >= forecast->bounds[forecast->n_months])
    bucket = forecast->later;
  else
    {
      int month
          = crm_kpi_find_bucket (forecast->bounds, forecast->n_months + 1, deal->expected_close);

      bucket = forecast->hundredths[month];
      n_deals[month]++;
    }
  crm_kpi_money_add (bucket, deal->currency, hundredths);
  crm_kpi_money_add (forecast->total, deal->currency, hundredths);
}

/* Adds the money of @hundredths, rounded to minor units, to @money; frees @hundredths. */
static void
add_rounded (GArray *money, GArray *hundredths)
{
  for (guint i = 0; i < hundredths->len; i++)
    {
      const CrmKpiMoney *sum = &g_array_index (hundredths, CrmKpiMoney, i);

      crm_kpi_money_add (money, sum->currency, crm_kpi_divide_rounded (sum->amount_minor, 100));
    }
  g_array_unref (hundredths);
}

static void
forecast_finish (Forecast *forecast, CrmKpiResult *result, const guint *n_deals)
{
  for (guint i = 0; i < forecast->n_months; i++)
    {
      CrmKpiForecastMonth month
          = { forecast->bounds[i], forecast->bounds[i + 1], n_deals[i], crm_kpi_money_new () };

      add_rounded (month.weighted, forecast->hundredths[i]);
      g_array_append_val (result->forecast_months, month);
    }
  add_rounded (result->forecast_overdue, forecast->overdue);
  add_rounded (result->forecast_later, forecast->later);
  add_rounded (result->forecast_undated, forecast->undated);
  /* The total is rounded once, not summed from rounded parts. */
  add_rounded (result->weighted_forecast, forecast->total);
}

/* ---- Deals ----------------------------------------------------------------------------------------- */

typedef struct
{
  char currency[4];
  gint64 key;
} CustomerKey;

static int
compare_customer_keys (gconstpointer a, gconstpointer b)
{
  const CustomerKey *x = a, *y = b;
  int order = strcmp (x->currency, y->currency);

  if (order != 0)
    return order;
  return (x->key > y->key) - (x->key < y->key);
}

/* A customer of a won deal: its contact, else its company, else the deal itself. */
static gint64
customer_key (const CrmKpiDealFact *deal)
{
  if (deal->contact_id != 0)
    return deal->contact_id * 3;
  if (deal->company_id != 0)
    return deal->company_id * 3 + 1;
  return deal->id * 3 + 2;
}

typedef struct
{
  GArray *n_won_by_currency; /* CrmKpiCurrencyCount */
  gint64 cycle_seconds;
  GArray *customers;       /* CustomerKey of the deals won before the end */
  GHashTable *lost_counts; /* lost reason id -> count */
} DealTotals;

static void
count_closed_deal (const CrmKpiPeriod *period,
                   const CrmKpiDealFact *deal,
                   CrmStageKind kind,
                   DealTotals *totals)
{
  CrmKpiResult *result = period->result;
  CrmKpiMonth *month = crm_kpi_period_month (period, deal->closed_at);

  if (kind == CRM_STAGE_KIND_WON)
    {
      result->n_won++;
      totals->cycle_seconds += MAX (deal->closed_at - deal->created_at, 0);
      crm_kpi_money_add (result->won_value, deal->currency, deal->value_minor);
      crm_kpi_counts_add (totals->n_won_by_currency, deal->currency, 1);
      if (month != NULL)
        {
          month->n_won++;
          crm_kpi_money_add (month->won_value, deal->currency, deal->value_minor);
        }
      return;
    }
  result->n_lost++;
  if (month != NULL)
    month->n_lost++;
  if (totals->lost_counts != NULL)
    {
      gpointer key = GSIZE_TO_POINTER ((gsize) deal->lost_reason_id);

      g_hash_table_insert (
          totals->lost_counts, key,
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (totals->lost_counts, key)) + 1));
    }
}

static void
walk_deals (const CrmKpiPeriod *period,
            Forecast *forecast,
            guint *n_forecast_deals,
            DealTotals *totals)
{
  const CrmKpiFacts *facts = period->facts;
  CrmKpiResult *result = period->result;

  for (guint i = 0; i < facts->deals->len; i++)
    {
      const CrmKpiDealFact *deal = &g_array_index (facts->deals, CrmKpiDealFact, i);
      const CrmKpiStageInfo *stage = crm_kpi_facts_get_stage (facts, deal->stage_id);
      const CrmKpiStageInfo *then = NULL;

      if (crm_kpi_facts_in_pipeline (facts, stage) && stage->kind != CRM_STAGE_KIND_OPEN
          && deal->closed_at != 0)
        {
          if (crm_kpi_in_period (period, deal->closed_at))
            count_closed_deal (period, deal, stage->kind, totals);
          if (stage->kind == CRM_STAGE_KIND_WON && deal->closed_at < period->to)
            {
              CustomerKey key = { { 0 }, customer_key (deal) };

              g_strlcpy (key.currency, deal->currency, sizeof key.currency);
              g_array_append_val (totals->customers, key);
              crm_kpi_money_add (result->lifetime_revenue, deal->currency, deal->value_minor);
            }
        }

      if (deal->created_at < result->as_of)
        then = crm_kpi_facts_get_stage (facts, stage_at (facts, i, deal, result->as_of));
      if (crm_kpi_facts_in_pipeline (facts, then) && then->kind == CRM_STAGE_KIND_OPEN)
        {
          int probability
              = deal->probability_override >= 0 ? deal->probability_override : then->probability;

          crm_kpi_money_add (result->open_pipeline_value, deal->currency, deal->value_minor);
          crm_kpi_counts_add (result->open_deals, deal->currency, 1);
          result->n_open_deals++;
          forecast_add (forecast, deal, deal->value_minor * probability, n_forecast_deals);
        }
    }
}

/* Customers per currency: the distinct keys of each currency's run. */
static void
count_lifetime_customers (CrmKpiResult *result, GArray *customers)
{
  g_array_sort (customers, compare_customer_keys);
  for (guint i = 0; i < customers->len; i++)
    {
      const CustomerKey *key = &g_array_index (customers, CustomerKey, i);

      if (i == 0 || compare_customer_keys (key, key - 1) != 0)
        crm_kpi_counts_add (result->lifetime_customers, key->currency, 1);
    }
  for (guint i = 0; i < result->lifetime_revenue->len; i++)
    {
      const CrmKpiMoney *revenue = &g_array_index (result->lifetime_revenue, CrmKpiMoney, i);
      guint n = crm_kpi_counts_get (result->lifetime_customers, revenue->currency);

      crm_kpi_money_add (result->customer_lifetime_value, revenue->currency,
                         crm_kpi_divide_rounded (revenue->amount_minor, MAX (n, 1)));
    }
}

static int
compare_reason_counts (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const CrmKpiReasonCount *x = a, *y = b;
  GHashTable *order = user_data;
  guint position_x, position_y;

  if (x->n_deals != y->n_deals)
    return x->n_deals > y->n_deals ? -1 : 1;
  /* A reason before none; reasons in their list's order. */
  position_x = x->lost_reason_id == 0 ? G_MAXUINT
                                      : GPOINTER_TO_UINT (g_hash_table_lookup (
                                          order, GSIZE_TO_POINTER ((gsize) x->lost_reason_id)));
  position_y = y->lost_reason_id == 0 ? G_MAXUINT
                                      : GPOINTER_TO_UINT (g_hash_table_lookup (
                                          order, GSIZE_TO_POINTER ((gsize) y->lost_reason_id)));
  return (position_x > position_y) - (position_x < position_y);
}

static GArray *
lost_reason_counts (const CrmKpiFacts *facts, GHashTable *lost_counts)
{
  g_autoptr (GHashTable) order = g_hash_table_new (g_direct_hash, g_direct_equal);
  GArray *reasons = g_array_new (FALSE, TRUE, sizeof (CrmKpiReasonCount));
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (reasons, crm_kpi_reason_count_clear);
  for (guint i = 0; i < facts->lost_reasons->len; i++)
    {
      const CrmLostReasonRecord *reason = g_ptr_array_index (facts->lost_reasons, i);

      g_hash_table_insert (order, GSIZE_TO_POINTER ((gsize) reason->id), GUINT_TO_POINTER (i + 1));
    }
  g_hash_table_iter_init (&iter, lost_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CrmKpiReasonCount count = { (gint64) GPOINTER_TO_SIZE (key), NULL, GPOINTER_TO_UINT (value) };
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (order, key));

      /* A reason deleted since is "none" (the deal's reference was cleared with it). */
      if (position == 0)
        count.lost_reason_id = 0;
      else
        count.name = g_strdup (
            ((const CrmLostReasonRecord *) g_ptr_array_index (facts->lost_reasons, position - 1))
                ->name);
      g_array_append_val (reasons, count);
    }
  g_array_sort_with_data (reasons, compare_reason_counts, order);
  return reasons;
}

static void
derive_closed_deals (CrmKpiResult *result, DealTotals *totals)
{
  if (result->n_won + result->n_lost == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_WIN_RATE,
                                    _ ("No deal was closed in this period"));
  else
    result->win_rate = (double) result->n_won / (result->n_won + result->n_lost);

  if (result->n_won == 0)
    {
      crm_kpi_result_set_unavailable (result, CRM_KPI_AVERAGE_DEAL_SIZE,
                                      _ ("No deal was won in this period"));
      crm_kpi_result_set_unavailable (result, CRM_KPI_SALES_CYCLE_DAYS,
                                      _ ("No deal was won in this period"));
    }
  else
    {
      for (guint i = 0; i < result->won_value->len; i++)
        {
          const CrmKpiMoney *won = &g_array_index (result->won_value, CrmKpiMoney, i);

          crm_kpi_money_add (result->average_deal_size, won->currency,
                             crm_kpi_divide_rounded (
                                 won->amount_minor,
                                 crm_kpi_counts_get (totals->n_won_by_currency, won->currency)));
        }
      result->sales_cycle_days = (double) totals->cycle_seconds / result->n_won / SECONDS_PER_DAY;
    }

  if (result->lifetime_revenue->len == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_CUSTOMER_LIFETIME_VALUE,
                                    _ ("No deal was won before the end of this period"));
}

static void
compute_deals (const CrmKpiPeriod *period)
{
  CrmKpiResult *result = period->result;
  Forecast forecast;
  guint n_forecast_deals[CRM_KPI_MAX_FORECAST_MONTHS] = { 0 };
  DealTotals totals
      = { crm_kpi_counts_new (), 0, g_array_new (FALSE, FALSE, sizeof (CustomerKey)), NULL };

  if (period->series != NULL)
    totals.lost_counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  forecast_init (&forecast, result->as_of, period->n_forecast_months);
  walk_deals (period, &forecast, n_forecast_deals, &totals);
  forecast_finish (&forecast, result, n_forecast_deals);
  count_lifetime_customers (result, totals.customers);
  derive_closed_deals (result, &totals);

  for (guint i = 0; period->series != NULL && i < period->series->months->len; i++)
    {
      CrmKpiMonth *month = &g_array_index (period->series->months, CrmKpiMonth, i);

      if (month->n_won + month->n_lost > 0)
        month->win_rate = (double) month->n_won / (month->n_won + month->n_lost);
    }
  if (period->series != NULL)
    period->series->lost_reasons = lost_reason_counts (period->facts, totals.lost_counts);

  g_array_unref (totals.n_won_by_currency);
  g_array_unref (totals.customers);
  g_clear_pointer (&totals.lost_counts, g_hash_table_unref);
}

/* (open deals in C × win rate × average deal size in C) ÷ sales cycle, for every currency C
 * with a deal won in the period. */
static void
derive_velocity (CrmKpiResult *result)
{
  if (!crm_kpi_result_is_available (result, CRM_KPI_WIN_RATE))
    {
      crm_kpi_result_set_unavailable (result, CRM_KPI_PIPELINE_VELOCITY,
                                      result->unavailable[CRM_KPI_WIN_RATE]);
      return;
    }
  if (!crm_kpi_result_is_available (result, CRM_KPI_AVERAGE_DEAL_SIZE))
    {
      crm_kpi_result_set_unavailable (result, CRM_KPI_PIPELINE_VELOCITY,
                                      result->unavailable[CRM_KPI_AVERAGE_DEAL_SIZE]);
      return;
    }
  if (result->sales_cycle_days <= 0)
    {
      crm_kpi_result_set_unavailable (
          result, CRM_KPI_PIPELINE_VELOCITY,
          _ ("The deals won in this period closed as they were created: there is no sales cycle "
             "to divide by"));
      return;
    }
  for (guint i = 0; i < result->average_deal_size->len; i++)
    {
      const CrmKpiMoney *average = &g_array_index (result->average_deal_size, CrmKpiMoney, i);
      double n_open = crm_kpi_counts_get (result->open_deals, average->currency);
      double per_day
          = n_open * result->win_rate * (double) average->amount_minor / result->sales_cycle_days;

      crm_kpi_money_add (result->pipeline_velocity, average->currency, (gint64) llround (per_day));
    }
}

/* ---- Stage history ------------------------------------------------------------------------------- */

typedef struct
{
  guint *entered;
  guint *advanced;
  guint *stays;
  gint64 *stay_seconds;
} StageCounts;

/* Whether, after change @index of a run, the deal entered a stage further on than @stage in its
 * pipeline: a Won stage, or an open stage of a higher position. */
static gboolean
advanced_after (const CrmKpiFacts *facts, guint index, guint end, const CrmKpiStageInfo *stage)
{
  for (guint k = index + 1; k < end; k++)
    {
      const CrmKpiStageInfo *later = crm_kpi_facts_get_stage (
          facts, g_array_index (facts->changes, CrmKpiStageChange, k).stage_id);

      if (later != NULL && later->pipeline_id == stage->pipeline_id
          && (later->kind == CRM_STAGE_KIND_WON
              || (later->kind == CRM_STAGE_KIND_OPEN && later->position > stage->position)))
        return TRUE;
    }
  return FALSE;
}

/* Whether the change at @index is the deal's first entry into its stage in the period. */
static gboolean
first_entry_crm_kpi_in_period (const CrmKpiPeriod *period, guint first, guint index)
{
  const CrmKpiStageChange *change
      = &g_array_index (period->facts->changes, CrmKpiStageChange, index);

  for (guint k = first; k < index; k++)
    {
      const CrmKpiStageChange *earlier
          = &g_array_index (period->facts->changes, CrmKpiStageChange, k);

      if (earlier->stage_id == change->stage_id && crm_kpi_in_period (period, earlier->changed_at))
        return FALSE;
    }
  return TRUE;
}

static void
walk_stage_changes (const CrmKpiPeriod *period, StageCounts *counts)
{
  const CrmKpiFacts *facts = period->facts;

  for (guint d = 0; d < facts->deals->len; d++)
    {
      guint first = facts->first_change[d], end = first + facts->n_changes[d];

      for (guint i = first; i < end; i++)
        {
          const CrmKpiStageChange *change = &g_array_index (facts->changes, CrmKpiStageChange, i);
          const CrmKpiStageInfo *stage = crm_kpi_facts_get_stage (facts, change->stage_id);

          if (!crm_kpi_in_period (period, change->changed_at))
            continue;
          /* The stay the change ends: in the stage the change before it entered. */
          if (i > first)
            {
              const CrmKpiStageChange *before
                  = &g_array_index (facts->changes, CrmKpiStageChange, i - 1);
              const CrmKpiStageInfo *left = crm_kpi_facts_get_stage (facts, before->stage_id);

              if (crm_kpi_facts_in_pipeline (facts, left) && left->kind == CRM_STAGE_KIND_OPEN)
                {
                  counts->stays[before->stage_id]++;
                  counts->stay_seconds[before->stage_id] += change->changed_at - before->changed_at;
                }
            }
          if (crm_kpi_facts_in_pipeline (facts, stage) && stage->kind != CRM_STAGE_KIND_LOST
              && first_entry_crm_kpi_in_period (period, first, i))
            {
              counts->entered[change->stage_id]++;
              if (stage->kind == CRM_STAGE_KIND_OPEN && advanced_after (facts, i, end, stage))
                counts->advanced[change->stage_id]++;
            }
        }
    }
}

static GArray *
stage_flows (const CrmKpiFacts *facts, const StageCounts *counts, gboolean with_won)
{
  GArray *flows = g_array_new (FALSE, TRUE, sizeof (CrmKpiStageFlow));

  g_array_set_clear_func (flows, crm_kpi_stage_clear);
  for (guint s = 0; s < facts->stage_list->len; s++)
    {
      const CrmKpiStage *stage = &g_array_index (facts->stage_list, CrmKpiStage, s);
      CrmKpiStageFlow flow = { crm_kpi_stage_copy (stage), counts->entered[stage->stage_id],
                               counts->advanced[stage->stage_id] };

      if (stage->kind == CRM_STAGE_KIND_WON && !with_won)
        {
          crm_kpi_stage_clear (&flow.stage);
          continue;
        }
      g_array_append_val (flows, flow);
    }
  return flows;
}

static GArray *
stage_times (const CrmKpiFacts *facts, const StageCounts *counts)
{
  GArray *times = g_array_new (FALSE, TRUE, sizeof (CrmKpiStageTime));

  g_array_set_clear_func (times, crm_kpi_stage_clear);
  for (guint s = 0; s < facts->stage_list->len; s++)
    {
      const CrmKpiStage *stage = &g_array_index (facts->stage_list, CrmKpiStage, s);
      guint n = counts->stays[stage->stage_id];
      CrmKpiStageTime time
          = { crm_kpi_stage_copy (stage), n, counts->stay_seconds[stage->stage_id], NAN };

      if (stage->kind != CRM_STAGE_KIND_OPEN)
        {
          crm_kpi_stage_clear (&time.stage);
          continue;
        }
      if (n > 0)
        time.mean_days = (double) time.total_seconds / n / SECONDS_PER_DAY;
      g_array_append_val (times, time);
    }
  return times;
}

static void
compute_stage_history (const CrmKpiPeriod *period)
{
  const CrmKpiFacts *facts = period->facts;
  CrmKpiResult *result = period->result;
  gsize n = (gsize) facts->n_stage_ids;
  StageCounts counts
      = { g_new0 (guint, n), g_new0 (guint, n), g_new0 (guint, n), g_new0 (gint64, n) };
  guint n_entered = 0;

  walk_stage_changes (period, &counts);
  result->stage_conversion = stage_flows (facts, &counts, FALSE);
  for (guint i = 0; i < result->stage_conversion->len; i++)
    n_entered += g_array_index (result->stage_conversion, CrmKpiStageFlow, i).n_entered;
  if (n_entered == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_STAGE_CONVERSION,
                                    _ ("No deal entered an open stage in this period"));
  if (period->series != NULL)
    {
      period->series->funnel = stage_flows (facts, &counts, TRUE);
      period->series->stage_times = stage_times (facts, &counts);
    }
  g_free (counts.entered);
  g_free (counts.advanced);
  g_free (counts.stays);
  g_free (counts.stay_seconds);
}

/* ---- The period --------------------------------------------------------------------------------- */

CrmKpiResult *
crm_kpi_compute_period (const CrmKpiFacts *facts,
                        const gint64 *bounds,
                        guint n_bounds,
                        gint64 now,
                        guint n_forecast_months,
                        CrmKpiSeries *series)
{
  CrmKpiPeriod period = {
    facts, NULL, series, bounds, n_bounds, bounds[0], bounds[n_bounds - 1], n_forecast_months
  };

  period.result
      = crm_kpi_result_new (period.from, period.to, MIN (period.to, now), facts->pipeline_id);
  if (series != NULL)
    fill_months (&period);
  compute_deals (&period);
  derive_velocity (period.result);
  compute_stage_history (&period);
  crm_kpi_compute_new_leads (&period);
  crm_kpi_compute_lifecycle (&period);
  crm_kpi_compute_feedback (&period);
  crm_kpi_compute_acquisition_cost (&period);
  return period.result;
}
