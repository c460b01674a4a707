/* crm-kpi.h — the KPIs of crm-process.md §9 over a period [from, to), computed from the stored
 * facts every time (never from counters), and the time series the dashboard charts draw (§10).
 *
 * Money is per currency (never converted), an integer in minor units, rounded to the nearest
 * minor unit (halves away from zero) where a mean or a share makes fractions. Rates are
 * fractions 0–1; NPS is a score −100…100; times are in days. A KPI that cannot be computed —
 * a rate over nothing, a mean of no deals, CAC without spend — has no value but a reason
 * (translated) instead of a made-up 0.
 *
 * The definitions, exactly (E is the moment the open pipeline is taken at: the period's end, or
 * now when the period ends later; "pipeline" filters deals by the pipeline of their stage and
 * does not apply to contacts, feedback and spend):
 *  - open_pipeline_value: Σ value of the deals open at E (by the stage history: created before
 *    E and in an open stage then; today's values).
 *  - weighted_forecast: Σ value × probability (the deal's override, else its stage's at E) of
 *    those deals; also by the local month of their expected close, for the coming months.
 *  - win_rate: won ÷ (won + lost) over the deals closed in the period (closed_at in the period,
 *    now in a Won or Lost stage). Unavailable when none was closed.
 *  - average_deal_size: mean value of the deals won in the period, per currency.
 *  - sales_cycle_days: mean days from created to closed of the deals won in the period.
 *  - stage_conversion: for each open stage S, of the deals that entered S in the period, the
 *    share that later entered a stage further on (a Won stage, or an open stage after S; never
 *    Lost), at any time after. Unavailable when no deal entered an open stage in the period.
 *  - pipeline_velocity: per currency C with a deal won in the period, (open deals in C at E ×
 *    win rate × average deal size in C) ÷ sales cycle in days: minor units per day. Unavailable
 *    without a win rate, without a won deal, or when the sales cycle is 0 days long.
 *  - new_leads: contacts captured in the period, in all and by lead source.
 *  - lead_to_customer_rate: of the contacts captured in the period, the share that are
 *    customers now (lifecycle Customer or Advocate, an advocate being a customer who refers).
 *  - churn_rate: of the customers at the start of the period (Customer or Advocate then, by the
 *    lifecycle history), the share that changed to Churned in the period.
 *  - nps: % of NPS answers 9–10 − % of answers 0–6, over the answers in the period.
 *  - csat: the share of CSAT answers 4–5 of the CSAT answers in the period.
 *  - customer_lifetime_value: per currency, Σ value of every deal won before the period's end ÷
 *    the customers who bought them (a customer: the deal's contact, else its company).
 *  - cac: per currency of spend, the acquisition spend of the period ÷ the contacts that became
 *    customers for the first time in the period. Spend is entered per source and (UTC) month; a
 *    month that the period covers in part counts in proportion to the time covered. Unavailable
 *    without spend in the period or without new customers.
 */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_KPI_OPEN_PIPELINE_VALUE,
  CRM_KPI_WEIGHTED_FORECAST,
  CRM_KPI_WIN_RATE,
  CRM_KPI_AVERAGE_DEAL_SIZE,
  CRM_KPI_SALES_CYCLE_DAYS,
  CRM_KPI_STAGE_CONVERSION,
  CRM_KPI_PIPELINE_VELOCITY,
  CRM_KPI_NEW_LEADS,
  CRM_KPI_LEAD_TO_CUSTOMER_RATE,
  CRM_KPI_CHURN_RATE,
  CRM_KPI_NPS,
  CRM_KPI_CSAT,
  CRM_KPI_CUSTOMER_LIFETIME_VALUE,
  CRM_KPI_CAC,
  CRM_N_KPIS
} CrmKpi;

/* The stable name of a KPI ("win_rate": the key of `rapport-cli kpi --json`). */
const char *
crm_kpi_to_string (CrmKpi kpi);
/* Its name as shown ("Win rate"), translated. */
const char *
crm_kpi_get_label (CrmKpi kpi);

/* The default period is the last 90 days; the forecast looks 6 months ahead. */
#define CRM_KPI_DEFAULT_DAYS 90
#define CRM_KPI_DEFAULT_FORECAST_MONTHS 6
#define CRM_KPI_MAX_FORECAST_MONTHS 60

/* ---- Values ---------------------------------------------------------------------------------- */

/* An amount in one currency. Arrays of them are sorted by currency code. */
typedef struct
{
  char currency[4];
  gint64 amount_minor;
} CrmKpiMoney;

/* A count in one currency. */
typedef struct
{
  char currency[4];
  guint count;
} CrmKpiCurrencyCount;

/* The amount in @currency of an array of CrmKpiMoney (0 when absent), and whether it is there. */
gint64
crm_kpi_money_get (GArray *money, const char *currency);
gboolean
crm_kpi_money_has (GArray *money, const char *currency);

/* A stage, for the per-stage figures. */
typedef struct
{
  gint64 stage_id;
  gint64 pipeline_id;
  char *stage_name;
  char *pipeline_name;
  int position;
  CrmStageKind kind;
} CrmKpiStage;

/* Deals that entered a stage in the period, and of them the ones that got further. */
typedef struct
{
  CrmKpiStage stage;
  guint n_entered;
  guint n_advanced; /* 0 for a Won stage: there is nothing further */
} CrmKpiStageFlow;

/* n_advanced ÷ n_entered; NAN when none entered (or for a Won stage). */
double
crm_kpi_stage_flow_get_rate (const CrmKpiStageFlow *flow);

/* Stays in an open stage that ended in the period. */
typedef struct
{
  CrmKpiStage stage;
  guint n_stays;
  gint64 total_seconds;
  double mean_days; /* NAN when no stay ended in the period */
} CrmKpiStageTime;

/* New leads of one lead source. */
typedef struct
{
  gint64 source_id; /* 0: no source */
  char *name;       /* NULL: no source */
  guint n_contacts;
  guint n_customers_now;
} CrmKpiSourceCount;

/* Deals lost for one reason. */
typedef struct
{
  gint64 lost_reason_id; /* 0: none given */
  char *name;            /* NULL: none given */
  guint n_deals;
} CrmKpiReasonCount;

/* The weighted forecast of one coming month, by expected close. */
typedef struct
{
  gint64 start; /* local midnight of the first day of the month */
  gint64 end;   /* and of the next month */
  guint n_deals;
  GArray *weighted; /* CrmKpiMoney */
} CrmKpiForecastMonth;

/* ---- The KPIs of one period -------------------------------------------------------------------- */

typedef struct
{
  gint64 from;
  gint64 to;
  gint64 as_of; /* E: when the open pipeline is taken, min (to, now) */
  gint64 pipeline_id;
  /* Why a KPI has no value, translated; NULL when it has one. */
  char *unavailable[CRM_N_KPIS];

  GArray *open_pipeline_value; /* CrmKpiMoney; empty: nothing open */
  guint n_open_deals;
  GArray *open_deals;        /* CrmKpiCurrencyCount: open deals per currency */
  GArray *weighted_forecast; /* CrmKpiMoney */
  GArray *forecast_months;   /* CrmKpiForecastMonth: the month of E and the ones after */
  GArray *forecast_overdue;  /* CrmKpiMoney: expected to close before the month of E */
  GArray *forecast_later;    /* CrmKpiMoney: after the last of forecast_months */
  GArray *forecast_undated;  /* CrmKpiMoney: no expected close */

  double win_rate;
  guint n_won;
  guint n_lost;
  GArray *won_value;         /* CrmKpiMoney: Σ value of the deals won in the period */
  GArray *average_deal_size; /* CrmKpiMoney */
  double sales_cycle_days;

  GArray *stage_conversion; /* CrmKpiStageFlow: every open stage, in pipeline order */

  GArray *pipeline_velocity; /* CrmKpiMoney: minor units per day */

  guint n_new_leads;
  GArray *new_leads_by_source; /* CrmKpiSourceCount, in lead source order, "none" last */

  double lead_to_customer_rate;
  guint n_new_leads_customers_now;

  double churn_rate;
  guint n_customers_at_start;
  guint n_churned;

  double nps;
  guint n_nps_answers;
  guint n_promoters;
  guint n_detractors;

  double csat;
  guint n_csat_answers;
  guint n_satisfied;

  GArray *customer_lifetime_value; /* CrmKpiMoney */
  GArray *lifetime_revenue;        /* CrmKpiMoney: Σ value of every deal won before the end */
  GArray *lifetime_customers;      /* CrmKpiCurrencyCount: the customers who bought them */

  GArray *cac;               /* CrmKpiMoney */
  GArray *acquisition_spend; /* CrmKpiMoney: the spend that counts for the period */
  guint n_new_customers;
} CrmKpiResult;

gboolean
crm_kpi_result_is_available (const CrmKpiResult *result, CrmKpi kpi);
/* The reason a KPI is unavailable, or NULL. */
const char *
crm_kpi_result_get_reason (const CrmKpiResult *result, CrmKpi kpi);

/* ---- The time series of the charts ------------------------------------------------------------- */

/* One local calendar month of the period (the first and last clipped to it). */
typedef struct
{
  gint64 start;
  gint64 end;
  GArray *won_value; /* CrmKpiMoney: revenue of the deals won in the month */
  guint n_won;
  guint n_lost;
  double win_rate; /* NAN when none closed */
  guint n_new_leads;
  GArray *new_leads_by_source; /* CrmKpiSourceCount */
  guint n_nps_answers;
  guint n_promoters;
  guint n_detractors;
  double nps; /* NAN when no answer */
  guint n_csat_answers;
  guint n_satisfied;
  double csat; /* NAN when no answer */
} CrmKpiMonth;

typedef struct
{
  GArray *months;       /* CrmKpiMonth, in order, covering the period */
  GArray *lost_reasons; /* CrmKpiReasonCount: deals lost in the period, most first */
  GArray *stage_times;  /* CrmKpiStageTime: every open stage, in pipeline order */
  GArray *funnel;       /* CrmKpiStageFlow: every open and Won stage, in pipeline order */
} CrmKpiSeries;

/* ---- Computing ------------------------------------------------------------------------------- */

typedef enum
{
  CRM_KPI_WITH_PREVIOUS = 1 << 0, /* also the period of equal length just before */
  CRM_KPI_WITH_SERIES = 1 << 1,   /* also the time series */
} CrmKpiFlags;

typedef struct
{
  gint64 from;
  gint64 to;
  gint64 pipeline_id;      /* 0: every pipeline */
  gint64 now;              /* 0: the current time */
  guint n_forecast_months; /* 0: the default; at most CRM_KPI_MAX_FORECAST_MONTHS */
  CrmKpiFlags flags;
} CrmKpiOptions;

/* The period [@from, @to), every pipeline, now, the default forecast, no extras. */
void
crm_kpi_options_init (CrmKpiOptions *options, gint64 from, gint64 to);

typedef struct
{
  CrmKpiOptions options; /* as computed: now and n_forecast_months filled in */
  CrmKpiResult *current;
  CrmKpiResult *previous; /* NULL unless CRM_KPI_WITH_PREVIOUS */
  CrmKpiSeries *series;   /* NULL unless CRM_KPI_WITH_SERIES */
} CrmKpiReport;

void
crm_kpi_report_free (CrmKpiReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmKpiReport, crm_kpi_report_free)

/* Computes the KPIs from one consistent snapshot of @store's file. Fails with
 * CRM_STORE_ERROR_INVALID when the period ends before it starts, CRM_STORE_ERROR_NOT_FOUND when
 * the pipeline does not exist. */
CrmKpiReport *
crm_kpi_compute (CrmStore *store, const CrmKpiOptions *options, GError **error);

/* The same in a worker thread, on a connection of its own to @store's file (a year of 100,000
 * deals takes longer than a frame). */
void
crm_kpi_compute_async (CrmStore *store,
                       const CrmKpiOptions *options,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data);
CrmKpiReport *
crm_kpi_compute_finish (GAsyncResult *result, GError **error);

/* ---- Periods ---------------------------------------------------------------------------------- */

/* The last @n_days days up to and including the day of @now (local time): [midnight @n_days − 1
 * days before today, midnight after today). */
void
crm_kpi_period_last_days (gint64 now, guint n_days, gint64 *from, gint64 *to);
/* The period of equal length just before [@from, @to): as many calendar days back when both
 * ends are local midnights (so a daylight saving change does not shift it), else as many
 * seconds. */
void
crm_kpi_previous_period (gint64 from, gint64 to, gint64 *previous_from, gint64 *previous_to);
/* The bounds that cut [@from, @to) at every local month start in between: from, the month
 * starts, to. */
GArray *
crm_kpi_month_bounds (gint64 from, gint64 to);

G_END_DECLS
