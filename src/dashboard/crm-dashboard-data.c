/* crm-dashboard-data.c — a CrmKpiReport turned into chart data and figures (see the header).
 * Everything is built once in crm_dashboard_data_new(); the chart structs point into strings
 * that the data owns (the report's own, or made here), so they live as long as it does.
 */
#include "config.h"

#include "crm-dashboard-data.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "crm-money.h"

struct _CrmDashboardData
{
  gatomicrefcount ref_count;
  CrmKpiReport *report;
  char *currency;
  GStrv currencies;
  GPtrArray *strings; /* names made here (pipeline › stage, "No source") */

  CrmChartFunnel funnel;
  GArray *funnel_stages; /* CrmChartFunnelStage */
  GArray *funnel_ids;    /* gint64 pairs: stage id, pipeline id */
  CrmChartRevenue revenue;
  GArray *revenue_months; /* CrmChartRevenueMonth */
  CrmChartWinRate win_rate;
  GArray *win_rate_months; /* CrmChartWinRateMonth */
  CrmChartCounts lead_sources;
  GArray *source_counts; /* CrmChartCount */
  CrmChartCounts lost_reasons;
  GArray *reason_counts; /* CrmChartCount */
  GArray *reason_ids;    /* gint64 */
  CrmChartStageTime stage_time;
  GArray *stage_times; /* CrmChartStageTimeItem */
  CrmChartSatisfaction satisfaction;
  GArray *satisfaction_months; /* CrmChartSatisfactionMonth */
};

G_DEFINE_BOXED_TYPE (CrmDashboardData,
                     crm_dashboard_data,
                     crm_dashboard_data_ref,
                     crm_dashboard_data_unref)

const CrmKpi crm_dashboard_kpis[13] = {
  CRM_KPI_OPEN_PIPELINE_VALUE,
  CRM_KPI_WEIGHTED_FORECAST,
  CRM_KPI_WIN_RATE,
  CRM_KPI_AVERAGE_DEAL_SIZE,
  CRM_KPI_SALES_CYCLE_DAYS,
  CRM_KPI_PIPELINE_VELOCITY,
  CRM_KPI_NEW_LEADS,
  CRM_KPI_LEAD_TO_CUSTOMER_RATE,
  CRM_KPI_CHURN_RATE,
  CRM_KPI_NPS,
  CRM_KPI_CSAT,
  CRM_KPI_CUSTOMER_LIFETIME_VALUE,
  CRM_KPI_CAC,
};

/* ---- Helpers ------------------------------------------------------------------------------ */

static const char *
keep_string (CrmDashboardData *self, char *text)
{
  g_ptr_array_add (self->strings, text);
  return text;
}

static CrmChartMonth
chart_month (gint64 start)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (start);
  CrmChartMonth month = { g_date_time_get_year (moment), g_date_time_get_month (moment) };

  return month;
}

static gboolean
same_month (CrmChartMonth a, CrmChartMonth b)
{
  return a.year == b.year && a.month == b.month;
}

/* Whether @stages (CrmKpiStage members of @element_size elements) span more than one pipeline. */
static gboolean
spans_pipelines (GArray *array, gsize stage_offset)
{
  gint64 first = 0;

  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      const CrmKpiStage *stage
          = (const CrmKpiStage *) (array->data + (gsize) i * g_array_get_element_size (array)
                                   + stage_offset);

      if (i == 0)
        first = stage->pipeline_id;
      else if (stage->pipeline_id != first)
        return TRUE;
    }
  return FALSE;
}

static const char *
stage_label (CrmDashboardData *self, const CrmKpiStage *stage, gboolean with_pipeline)
{
  if (!with_pipeline)
    return stage->stage_name;
  /* Translators: a pipeline and one of its stages, e.g. "Partners › Proposal". */
  return keep_string (self,
                      g_strdup_printf (_ ("%s › %s"), stage->pipeline_name, stage->stage_name));
}

/* ---- Currencies --------------------------------------------------------------------------- */

typedef struct
{
  char currency[4];
  gint64 won;
  gint64 forecast;
} CurrencyTotal;

static CurrencyTotal *
currency_total (GArray *totals, const char *currency)
{
  CurrencyTotal fresh = { { 0 }, 0, 0 };

  for (guint i = 0; i < totals->len; i++)
    if (g_str_equal (g_array_index (totals, CurrencyTotal, i).currency, currency))
      return &g_array_index (totals, CurrencyTotal, i);
  g_strlcpy (fresh.currency, currency, sizeof fresh.currency);
  g_array_append_val (totals, fresh);
  return &g_array_index (totals, CurrencyTotal, totals->len - 1);
}

static void
add_money (GArray *totals, GArray *money, gboolean won, gboolean forecast)
{
  for (guint i = 0; money != NULL && i < money->len; i++)
    {
      const CrmKpiMoney *amount = &g_array_index (money, CrmKpiMoney, i);
      CurrencyTotal *total = currency_total (totals, amount->currency);

      if (won)
        total->won += amount->amount_minor;
      if (forecast)
        total->forecast += amount->amount_minor;
    }
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  return strcmp (((const CurrencyTotal *) a)->currency, ((const CurrencyTotal *) b)->currency);
}

static void
choose_currency (CrmDashboardData *self, const char *preferred)
{
  const CrmKpiResult *r = self->report->current;
  g_autoptr (GArray) totals = g_array_new (FALSE, TRUE, sizeof (CurrencyTotal));
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();
  const CurrencyTotal *best = NULL;

  add_money (totals, r->won_value, TRUE, FALSE);
  add_money (totals, r->weighted_forecast, FALSE, TRUE);
  add_money (totals, r->open_pipeline_value, FALSE, FALSE);
  add_money (totals, r->lifetime_revenue, FALSE, FALSE);
  add_money (totals, r->acquisition_spend, FALSE, FALSE);
  g_array_sort (totals, compare_codes);

  for (guint i = 0; i < totals->len; i++)
    {
      const CurrencyTotal *total = &g_array_index (totals, CurrencyTotal, i);

      g_strv_builder_add (codes, total->currency);
      if (preferred != NULL && g_str_equal (preferred, total->currency))
        {
          self->currency = g_strdup (preferred);
        }
      if (best == NULL || total->won > best->won
          || (total->won == best->won && total->forecast > best->forecast))
        best = total;
    }
  self->currencies = g_strv_builder_end (codes);
  if (self->currency == NULL && best != NULL)
    self->currency = g_strdup (best->currency);
}

/* ---- Charts ------------------------------------------------------------------------------- */

static void
build_funnel (CrmDashboardData *self)
{
  GArray *flows = self->report->series->funnel;
  gboolean with_pipeline = spans_pipelines (flows, G_STRUCT_OFFSET (CrmKpiStageFlow, stage));

  self->funnel_stages = g_array_new (FALSE, TRUE, sizeof (CrmChartFunnelStage));
  self->funnel_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (guint i = 0; i < flows->len; i++)
    {
      const CrmKpiStageFlow *flow = &g_array_index (flows, CrmKpiStageFlow, i);
      CrmChartFunnelStage stage
          = { stage_label (self, &flow->stage, with_pipeline), flow->n_entered, flow->n_advanced };

      g_array_append_val (self->funnel_stages, stage);
      g_array_append_val (self->funnel_ids, flow->stage.stage_id);
      g_array_append_val (self->funnel_ids, flow->stage.pipeline_id);
    }
  self->funnel.stages = (const CrmChartFunnelStage *) self->funnel_stages->data;
  self->funnel.n_stages = self->funnel_stages->len;
}

/* Won revenue of the period's months and, when the period reaches the present, the weighted
 * forecast of the months to come (a forecast taken at the end of a past period would be a guess
 * about a time that is known now). */
static void
build_revenue (CrmDashboardData *self)
{
  const CrmKpiResult *r = self->report->current;
  GArray *months = self->report->series->months;
  const char *currency = self->currency != NULL ? self->currency : "XXX";

  self->revenue_months = g_array_new (FALSE, TRUE, sizeof (CrmChartRevenueMonth));
  for (guint i = 0; i < months->len; i++)
    {
      const CrmKpiMonth *month = &g_array_index (months, CrmKpiMonth, i);
      CrmChartRevenueMonth item = { chart_month (month->start), 0, 0 };

      item.won_minor = crm_kpi_money_get (month->won_value, currency);
      g_array_append_val (self->revenue_months, item);
    }
  if (self->report->options.now < r->to)
    for (guint i = 0; i < r->forecast_months->len; i++)
      {
        const CrmKpiForecastMonth *forecast
            = &g_array_index (r->forecast_months, CrmKpiForecastMonth, i);
        CrmChartMonth month = chart_month (forecast->start);
        gint64 amount = crm_kpi_money_get (forecast->weighted, currency);
        CrmChartRevenueMonth *last
            = self->revenue_months->len > 0 ? &g_array_index (
                  self->revenue_months, CrmChartRevenueMonth, self->revenue_months->len - 1)
                                            : NULL;
        gboolean found = FALSE;

        for (guint m = 0; m < self->revenue_months->len && !found; m++)
          {
            CrmChartRevenueMonth *item
                = &g_array_index (self->revenue_months, CrmChartRevenueMonth, m);

            if (same_month (item->month, month))
              {
                item->forecast_minor += amount;
                found = TRUE;
              }
          }
        if (!found
            && (last == NULL
                || month.year * 12 + month.month > last->month.year * 12 + last->month.month))
          {
            CrmChartRevenueMonth item = { month, 0, amount };

            g_array_append_val (self->revenue_months, item);
          }
      }
  self->revenue.currency = currency;
  self->revenue.months = (const CrmChartRevenueMonth *) self->revenue_months->data;
  self->revenue.n_months = self->revenue_months->len;
}

static void
build_monthly (CrmDashboardData *self)
{
  GArray *months = self->report->series->months;

  self->win_rate_months = g_array_new (FALSE, TRUE, sizeof (CrmChartWinRateMonth));
  self->satisfaction_months = g_array_new (FALSE, TRUE, sizeof (CrmChartSatisfactionMonth));
  for (guint i = 0; i < months->len; i++)
    {
      const CrmKpiMonth *month = &g_array_index (months, CrmKpiMonth, i);
      CrmChartWinRateMonth win = { chart_month (month->start), month->n_won, month->n_lost };
      CrmChartSatisfactionMonth answers = { chart_month (month->start), 0, 0, 0, 0, 0 };

      answers.nps_promoters = month->n_promoters;
      answers.nps_detractors = month->n_detractors;
      answers.nps_passives = month->n_nps_answers - month->n_promoters - month->n_detractors;
      answers.csat_satisfied = month->n_satisfied;
      answers.csat_answers = month->n_csat_answers;
      g_array_append_val (self->win_rate_months, win);
      g_array_append_val (self->satisfaction_months, answers);
    }
  self->win_rate.months = (const CrmChartWinRateMonth *) self->win_rate_months->data;
  self->win_rate.n_months = self->win_rate_months->len;
  self->satisfaction.months = (const CrmChartSatisfactionMonth *) self->satisfaction_months->data;
  self->satisfaction.n_months = self->satisfaction_months->len;
}

static void
build_counts (CrmDashboardData *self)
{
  GArray *sources = self->report->current->new_leads_by_source;
  GArray *reasons = self->report->series->lost_reasons;

  self->source_counts = g_array_new (FALSE, TRUE, sizeof (CrmChartCount));
  for (guint i = 0; i < sources->len; i++)
    {
      const CrmKpiSourceCount *source = &g_array_index (sources, CrmKpiSourceCount, i);
      CrmChartCount count = { source->name, source->n_contacts };

      if (count.name == NULL)
        count.name = _ ("No source");
      g_array_append_val (self->source_counts, count);
    }
  self->lead_sources.items = (const CrmChartCount *) self->source_counts->data;
  self->lead_sources.n_items = self->source_counts->len;

  /* The store gives them most first. */
  self->reason_counts = g_array_new (FALSE, TRUE, sizeof (CrmChartCount));
  self->reason_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrmKpiReasonCount *reason = &g_array_index (reasons, CrmKpiReasonCount, i);
      CrmChartCount count = { reason->name, reason->n_deals };

      if (count.name == NULL)
        count.name = _ ("No reason given");
      g_array_append_val (self->reason_counts, count);
      g_array_append_val (self->reason_ids, reason->lost_reason_id);
    }
  self->lost_reasons.items = (const CrmChartCount *) self->reason_counts->data;
  self->lost_reasons.n_items = self->reason_counts->len;
}

static void
build_stage_time (CrmDashboardData *self)
{
  GArray *times = self->report->series->stage_times;
  gboolean with_pipeline = spans_pipelines (times, G_STRUCT_OFFSET (CrmKpiStageTime, stage));

  self->stage_times = g_array_new (FALSE, TRUE, sizeof (CrmChartStageTimeItem));
  for (guint i = 0; i < times->len; i++)
    {
      const CrmKpiStageTime *time = &g_array_index (times, CrmKpiStageTime, i);
      CrmChartStageTimeItem item = { stage_label (self, &time->stage, with_pipeline),
                                     time->n_stays > 0 ? time->mean_days : 0, time->n_stays };

      g_array_append_val (self->stage_times, item);
    }
  self->stage_time.stages = (const CrmChartStageTimeItem *) self->stage_times->data;
  self->stage_time.n_stages = self->stage_times->len;
}

CrmDashboardData *
crm_dashboard_data_new (CrmKpiReport *report, const char *currency)
{
  CrmDashboardData *self;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (report->current != NULL && report->series != NULL, NULL);

  self = g_new0 (CrmDashboardData, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->report = report;
  self->strings = g_ptr_array_new_with_free_func (g_free);
  choose_currency (self, currency != NULL && currency[0] != '\0' ? currency : NULL);
  build_funnel (self);
  build_revenue (self);
  build_monthly (self);
  build_counts (self);
  build_stage_time (self);
  return self;
}

CrmDashboardData *
crm_dashboard_data_ref (CrmDashboardData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_dashboard_data_unref (CrmDashboardData *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->funnel_stages);
  g_array_unref (self->funnel_ids);
  g_array_unref (self->revenue_months);
  g_array_unref (self->win_rate_months);
  g_array_unref (self->source_counts);
  g_array_unref (self->reason_counts);
  g_array_unref (self->reason_ids);
  g_array_unref (self->stage_times);
  g_array_unref (self->satisfaction_months);
  g_ptr_array_unref (self->strings);
  g_strfreev (self->currencies);
  g_free (self->currency);
  crm_kpi_report_free (self->report);
  g_free (self);
}

const CrmKpiReport *
crm_dashboard_data_get_report (CrmDashboardData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->report;
}

const char *
crm_dashboard_data_get_currency (CrmDashboardData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->currency;
}

const char *const *
crm_dashboard_data_get_currencies (CrmDashboardData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *const *) self->currencies;
}

gconstpointer
crm_dashboard_data_get_chart (CrmDashboardData *self, CrmChartKind kind)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (kind)
    {
      case CRM_CHART_FUNNEL:
        return &self->funnel;
      case CRM_CHART_REVENUE:
        return &self->revenue;
      case CRM_CHART_WIN_RATE:
        return &self->win_rate;
      case CRM_CHART_LEAD_SOURCES:
        return &self->lead_sources;
      case CRM_CHART_LOST_REASONS:
        return &self->lost_reasons;
      case CRM_CHART_STAGE_TIME:
        return &self->stage_time;
      case CRM_CHART_SATISFACTION:
        return &self->satisfaction;
      case CRM_CHART_N_KINDS:
      default:
        g_return_val_if_reached (NULL);
    }
}

gboolean
crm_dashboard_data_get_funnel_stage (CrmDashboardData *self,
                                     guint index,
                                     gint64 *stage_id,
                                     gint64 *pipeline_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (index >= self->funnel.n_stages)
    return FALSE;
  if (stage_id != NULL)
    *stage_id = g_array_index (self->funnel_ids, gint64, 2 * index);
  if (pipeline_id != NULL)
    *pipeline_id = g_array_index (self->funnel_ids, gint64, 2 * index + 1);
  return TRUE;
}

gboolean
crm_dashboard_data_get_lost_reason (CrmDashboardData *self, guint index, gint64 *lost_reason_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (index >= self->reason_ids->len)
    return FALSE;
  if (lost_reason_id != NULL)
    *lost_reason_id = g_array_index (self->reason_ids, gint64, index);
  return TRUE;
}

/* ---- Figures ------------------------------------------------------------------------------ */

void
crm_dashboard_figure_clear (CrmDashboardFigure *figure)
{
  g_clear_pointer (&figure->value, g_free);
  g_clear_pointer (&figure->detail, g_free);
  g_clear_pointer (&figure->previous, g_free);
  g_clear_pointer (&figure->change, g_free);
  figure->available = FALSE;
  figure->direction = 0;
  figure->better = FALSE;
}

typedef enum
{
  KIND_MONEY,
  KIND_MONEY_PER_DAY,
  KIND_RATE,  /* a fraction, shown as a percentage; changes in percentage points */
  KIND_SCORE, /* NPS: changes in points */
  KIND_COUNT,
  KIND_DAYS,
} FigureKind;

static FigureKind
figure_kind (CrmKpi kpi)
{
  switch (kpi)
    {
      case CRM_KPI_OPEN_PIPELINE_VALUE:
      case CRM_KPI_WEIGHTED_FORECAST:
      case CRM_KPI_AVERAGE_DEAL_SIZE:
      case CRM_KPI_CUSTOMER_LIFETIME_VALUE:
      case CRM_KPI_CAC:
        return KIND_MONEY;
      case CRM_KPI_PIPELINE_VELOCITY:
        return KIND_MONEY_PER_DAY;
      case CRM_KPI_WIN_RATE:
      case CRM_KPI_LEAD_TO_CUSTOMER_RATE:
      case CRM_KPI_CHURN_RATE:
      case CRM_KPI_CSAT:
      case CRM_KPI_STAGE_CONVERSION:
        return KIND_RATE;
      case CRM_KPI_NPS:
        return KIND_SCORE;
      case CRM_KPI_NEW_LEADS:
        return KIND_COUNT;
      case CRM_KPI_SALES_CYCLE_DAYS:
        return KIND_DAYS;
      case CRM_N_KPIS:
      default:
        g_return_val_if_reached (KIND_COUNT);
    }
}

static gboolean
lower_is_better (CrmKpi kpi)
{
  return kpi == CRM_KPI_CHURN_RATE || kpi == CRM_KPI_CAC || kpi == CRM_KPI_SALES_CYCLE_DAYS;
}

static GArray *
money_of (const CrmKpiResult *r, CrmKpi kpi)
{
  switch (kpi)
    {
      case CRM_KPI_OPEN_PIPELINE_VALUE:
        return r->open_pipeline_value;
      case CRM_KPI_WEIGHTED_FORECAST:
        return r->weighted_forecast;
      case CRM_KPI_AVERAGE_DEAL_SIZE:
        return r->average_deal_size;
      case CRM_KPI_CUSTOMER_LIFETIME_VALUE:
        return r->customer_lifetime_value;
      case CRM_KPI_CAC:
        return r->cac;
      case CRM_KPI_PIPELINE_VELOCITY:
        return r->pipeline_velocity;
      default:
        return NULL;
    }
}

static double
number_of (const CrmKpiResult *r, CrmKpi kpi)
{
  switch (kpi)
    {
      case CRM_KPI_WIN_RATE:
        return r->win_rate;
      case CRM_KPI_LEAD_TO_CUSTOMER_RATE:
        return r->lead_to_customer_rate;
      case CRM_KPI_CHURN_RATE:
        return r->churn_rate;
      case CRM_KPI_CSAT:
        return r->csat;
      case CRM_KPI_NPS:
        return r->nps;
      case CRM_KPI_NEW_LEADS:
        return r->n_new_leads;
      case CRM_KPI_SALES_CYCLE_DAYS:
        return r->sales_cycle_days;
      default:
        return NAN;
    }
}

/* The currency a money figure is shown in: the data's, else the first the figure has. */
static const char *
figure_currency (CrmDashboardData *self, GArray *money)
{
  if (self->currency != NULL && crm_kpi_money_has (money, self->currency))
    return self->currency;
  if (money != NULL && money->len > 0)
    return g_array_index (money, CrmKpiMoney, 0).currency;
  return self->currency;
}

static char *
format_amount (FigureKind kind, gint64 amount, const char *currency)
{
  g_autofree char *money = crm_money_format (amount, currency);

  if (kind == KIND_MONEY_PER_DAY)
    /* Translators: pipeline velocity, an amount of money per day, e.g. "€120.50/day". */
    return g_strdup_printf (_ ("%s/day"), money);
  return g_steal_pointer (&money);
}

static char *
format_number (FigureKind kind, double value)
{
  switch (kind)
    {
      case KIND_RATE:
        /* Translators: a KPI percentage with one decimal, e.g. "62.5%". */
        return g_strdup_printf (_ ("%.1f%%"), 100.0 * value);
      case KIND_SCORE:
        return g_strdup_printf ("%+.0f", value);
      case KIND_COUNT:
        return crm_number_format ((gint64) llround (value));
      case KIND_DAYS:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%.1f day", "%.1f days", (gulong) ceil (value)), value);
      case KIND_MONEY:
      case KIND_MONEY_PER_DAY:
      default:
        g_return_val_if_reached (NULL);
    }
}

/* "+12%", "−4.5 pts", "+3.0 days", or "No change" when the change rounds to nothing as shown;
 * NULL when there is nothing to compare with. */
static char *
format_change (FigureKind kind, double current, double previous, int *direction)
{
  double delta = current - previous;
  double shown; /* the number written, in its unit */
  double half;  /* half its last digit */

  switch (kind)
    {
      case KIND_MONEY:
      case KIND_MONEY_PER_DAY:
      case KIND_COUNT:
        if (previous == 0)
          {
            *direction = 0;
            return NULL;
          }
        shown = 100.0 * delta / fabs (previous);
        half = 0.5;
        break;
      case KIND_RATE:
        shown = 100.0 * delta;
        half = 0.05;
        break;
      case KIND_SCORE:
        shown = delta;
        half = 0.5;
        break;
      case KIND_DAYS:
        shown = delta;
        half = 0.05;
        break;
      default:
        g_return_val_if_reached (NULL);
    }
  *direction = fabs (shown) < half ? 0 : shown > 0 ? 1 : -1;
  if (*direction == 0)
    /* Translators: a KPI the same as in the previous period (as far as shown). */
    return g_strdup (_ ("No change"));
  switch (kind)
    {
      case KIND_RATE:
        /* Translators: a change of a percentage in percentage points, e.g. "+4.5 pts". */
        return g_strdup_printf (_ ("%+.1f pts"), shown);
      case KIND_SCORE:
        /* Translators: a change of the NPS score in points, e.g. "+12 pts". */
        return g_strdup_printf (_ ("%+.0f pts"), shown);
      case KIND_DAYS:
        /* Translators: a change of the sales cycle in days, e.g. "+3.5 days". */
        return g_strdup_printf (_ ("%+.1f days"), shown);
      default:
        /* Translators: a change relative to the previous period, e.g. "+12%". */
        return g_strdup_printf (_ ("%+.0f%%"), shown);
    }
}

static char *
detail_of (const CrmKpiResult *r, CrmKpi kpi)
{
  switch (kpi)
    {
      case CRM_KPI_OPEN_PIPELINE_VALUE:
      case CRM_KPI_WEIGHTED_FORECAST:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u open deal", "%u open deals", r->n_open_deals),
            r->n_open_deals);
      case CRM_KPI_WIN_RATE:
        return g_strdup_printf (_ ("%u won, %u lost"), r->n_won, r->n_lost);
      case CRM_KPI_AVERAGE_DEAL_SIZE:
      case CRM_KPI_SALES_CYCLE_DAYS:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u deal won", "%u deals won", r->n_won), r->n_won);
      case CRM_KPI_LEAD_TO_CUSTOMER_RATE:
        return g_strdup_printf (_ ("%u of %u leads are customers"), r->n_new_leads_customers_now,
                                r->n_new_leads);
      case CRM_KPI_CHURN_RATE:
        return g_strdup_printf (_ ("%u of %u customers left"), r->n_churned,
                                r->n_customers_at_start);
      case CRM_KPI_NPS:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers", r->n_nps_answers),
            r->n_nps_answers);
      case CRM_KPI_CSAT:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers", r->n_csat_answers),
            r->n_csat_answers);
      case CRM_KPI_CAC:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new customer", "%u new customers",
                                             r->n_new_customers),
                                r->n_new_customers);
      default:
        return NULL;
    }
}

/* The amounts in the other currencies, "also $1,200.00, ¥3,000". */
static char *
other_currencies (FigureKind kind, GArray *money, const char *shown)
{
  g_autoptr (GString) text = NULL;

  for (guint i = 0; money != NULL && i < money->len; i++)
    {
      const CrmKpiMoney *amount = &g_array_index (money, CrmKpiMoney, i);
      g_autofree char *formatted = NULL;

      if (g_strcmp0 (amount->currency, shown) == 0)
        continue;
      formatted = format_amount (kind, amount->amount_minor, amount->currency);
      if (text == NULL)
        /* Translators: the amounts of a KPI in currencies other than the one shown. */
        text = g_string_new (_ ("also "));
      else
        g_string_append (text, ", ");
      g_string_append (text, formatted);
    }
  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
join_detail (CrmDashboardFigure *figure, char *more)
{
  if (more == NULL)
    return;
  if (figure->detail == NULL)
    {
      figure->detail = more;
      return;
    }
  {
    char *joined = g_strdup_printf ("%s · %s", figure->detail, more);

    g_free (figure->detail);
    g_free (more);
    figure->detail = joined;
  }
}

void
crm_dashboard_data_get_figure (CrmDashboardData *self, CrmKpi kpi, CrmDashboardFigure *figure)
{
  const CrmKpiResult *r, *p;
  FigureKind kind;

  g_return_if_fail (self != NULL);
  g_return_if_fail (kpi < CRM_N_KPIS);
  g_return_if_fail (figure != NULL);

  crm_dashboard_figure_clear (figure);
  r = self->report->current;
  p = self->report->previous;
  kind = figure_kind (kpi);
  figure->available = crm_kpi_result_is_available (r, kpi);
  if (!figure->available)
    {
      figure->value = g_strdup ("—");
      figure->detail = g_strdup (crm_kpi_result_get_reason (r, kpi));
      return;
    }

  if (kind == KIND_MONEY || kind == KIND_MONEY_PER_DAY)
    {
      GArray *money = money_of (r, kpi);
      const char *currency = figure_currency (self, money);
      gint64 amount = currency != NULL ? crm_kpi_money_get (money, currency) : 0;

      figure->value
          = currency != NULL ? format_amount (kind, amount, currency) : crm_number_format (0);
      figure->detail = detail_of (r, kpi);
      join_detail (figure, other_currencies (kind, money, currency));
      if (p != NULL && currency != NULL && crm_kpi_result_is_available (p, kpi))
        {
          GArray *before = money_of (p, kpi);
          gint64 previous = crm_kpi_money_get (before, currency);

          figure->previous = format_amount (kind, previous, currency);
          figure->change = format_change (kind, amount, previous, &figure->direction);
        }
    }
  else
    {
      double value = number_of (r, kpi);

      figure->value = format_number (kind, value);
      figure->detail = detail_of (r, kpi);
      if (p != NULL && crm_kpi_result_is_available (p, kpi))
        {
          double previous = number_of (p, kpi);

          figure->previous = format_number (kind, previous);
          figure->change = format_change (kind, value, previous, &figure->direction);
        }
    }
  if (figure->change == NULL)
    figure->direction = 0;
  figure->better = figure->direction != 0 && (figure->direction < 0) == lower_is_better (kpi);
}

/* ---- Charts by name ----------------------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *title;
} charts[] = {
  [CRM_CHART_FUNNEL] = { "funnel", N_ ("Stage Funnel") },
  [CRM_CHART_REVENUE] = { "revenue", N_ ("Won Revenue") },
  [CRM_CHART_WIN_RATE] = { "win-rate", N_ ("Win Rate") },
  [CRM_CHART_LEAD_SOURCES] = { "lead-sources", N_ ("New Leads by Source") },
  [CRM_CHART_LOST_REASONS] = { "lost-reasons", N_ ("Lost Reasons") },
  [CRM_CHART_STAGE_TIME] = { "stage-time", N_ ("Time per Stage") },
  [CRM_CHART_SATISFACTION] = { "satisfaction", N_ ("NPS and CSAT") },
};

const char *
crm_dashboard_chart_get_title (CrmChartKind kind)
{
  g_return_val_if_fail (kind < CRM_CHART_N_KINDS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, charts[kind].title);
}

const char *
crm_dashboard_chart_get_name (CrmChartKind kind)
{
  g_return_val_if_fail (kind < CRM_CHART_N_KINDS, NULL);

  return charts[kind].name;
}

gboolean
crm_dashboard_chart_from_name (const char *name, CrmChartKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    if (g_strcmp0 (name, charts[i].name) == 0)
      {
        if (kind != NULL)
          *kind = (CrmChartKind) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Periods ------------------------------------------------------------------------------ */

static const struct
{
  const char *nick;
  const char *label;
} periods[] = {
  [CRM_DASHBOARD_PERIOD_THIS_MONTH] = { "this-month", N_ ("This Month") },
  [CRM_DASHBOARD_PERIOD_LAST_30_DAYS] = { "last-30-days", N_ ("Last 30 Days") },
  [CRM_DASHBOARD_PERIOD_LAST_90_DAYS] = { "last-90-days", N_ ("Last 90 Days") },
  [CRM_DASHBOARD_PERIOD_THIS_QUARTER] = { "this-quarter", N_ ("This Quarter") },
  [CRM_DASHBOARD_PERIOD_THIS_YEAR] = { "this-year", N_ ("This Year") },
  [CRM_DASHBOARD_PERIOD_CUSTOM] = { "custom", N_ ("Custom") },
};

const char *
crm_dashboard_period_get_nick (CrmDashboardPeriod period)
{
  g_return_val_if_fail (period < CRM_DASHBOARD_N_PERIODS, NULL);

  return periods[period].nick;
}

gboolean
crm_dashboard_period_from_nick (const char *nick, CrmDashboardPeriod *period)
{
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (g_strcmp0 (nick, periods[i].nick) == 0)
      {
        if (period != NULL)
          *period = (CrmDashboardPeriod) i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_dashboard_period_get_label (CrmDashboardPeriod period)
{
  g_return_val_if_fail (period < CRM_DASHBOARD_N_PERIODS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, periods[period].label);
}

static gint64
local_midnight (int year, int month, int day)
{
  g_autoptr (GDateTime) midnight = g_date_time_new_local (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

/* "YYYY-MM-DD" as a GDate. */
static gboolean
parse_day (const char *text, GDate *date)
{
  int year, month, day;
  char extra;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3
      || year < 1970 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

gboolean
crm_dashboard_period_resolve (CrmDashboardPeriod period,
                              gint64 now,
                              const char *first_day,
                              const char *last_day,
                              gint64 *from,
                              gint64 *to)
{
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_local (now);
  int year = g_date_time_get_year (today);
  int month = g_date_time_get_month (today);
  GDate first, last;

  g_return_val_if_fail (period < CRM_DASHBOARD_N_PERIODS, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  /* The end of today, for the periods that run to today. */
  crm_kpi_period_last_days (now, 1, from, to);
  switch (period)
    {
      case CRM_DASHBOARD_PERIOD_THIS_MONTH:
        *from = local_midnight (year, month, 1);
        return TRUE;
      case CRM_DASHBOARD_PERIOD_LAST_30_DAYS:
        crm_kpi_period_last_days (now, 30, from, to);
        return TRUE;
      case CRM_DASHBOARD_PERIOD_LAST_90_DAYS:
        crm_kpi_period_last_days (now, 90, from, to);
        return TRUE;
      case CRM_DASHBOARD_PERIOD_THIS_QUARTER:
        *from = local_midnight (year, 1 + 3 * ((month - 1) / 3), 1);
        return TRUE;
      case CRM_DASHBOARD_PERIOD_THIS_YEAR:
        *from = local_midnight (year, 1, 1);
        return TRUE;
      case CRM_DASHBOARD_PERIOD_CUSTOM:
        if (!parse_day (first_day, &first) || !parse_day (last_day, &last)
            || g_date_compare (&last, &first) < 0)
          return FALSE;
        g_date_add_days (&last, 1);
        *from = local_midnight (g_date_get_year (&first), g_date_get_month (&first),
                                g_date_get_day (&first));
        *to = local_midnight (g_date_get_year (&last), g_date_get_month (&last),
                              g_date_get_day (&last));
        return TRUE;
      case CRM_DASHBOARD_N_PERIODS:
      default:
        g_return_val_if_reached (FALSE);
    }
}

char *
crm_dashboard_format_period (gint64 from, gint64 to)
{
  g_autoptr (GDateTime) first = g_date_time_new_from_unix_local (from);
  g_autoptr (GDateTime) last = g_date_time_new_from_unix_local (to - 1);
  /* Translators: a day in a period's heading (strftime), e.g. "Mar 1, 2024". */
  g_autofree char *first_text = g_date_time_format (first, _ ("%b %-d, %Y"));
  g_autofree char *last_text = g_date_time_format (last, _ ("%b %-d, %Y"));

  /* Translators: the first and the last day of a period. */
  return g_strdup_printf (_ ("%s – %s"), first_text, last_text);
}
