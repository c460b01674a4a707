/* test-kpi.c — the KPIs and chart series over the hand-built database of crm-test-kpi-data.c,
 * each expected value worked out by hand below from that file's list of facts: several
 * periods, both pipelines and each alone, mixed currencies, an empty period, every reason a KPI
 * can be unavailable, the previous period, the worker-thread variant, and the period helpers
 * (also across a daylight saving change). Runs in UTC (set in main). */
#include <math.h>
#include <string.h>

#include "crm-kpi.h"
#include "crm-test-kpi-data.h"
#include "crm-test-util.h"

#define DAY(y, m, d) crm_test_utc ((y), (m), (d), 0, 0, 0)
#define EPSILON 1e-9

typedef struct
{
  char *folder;
  char *path;
  CrmStore *store;
  CrmTestKpiData data;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-kpi-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "crm.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  crm_test_kpi_data_write (fixture->store, &fixture->data);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static CrmKpiReport *
compute (Fixture *fixture, gint64 from, gint64 to, gint64 pipeline_id, CrmKpiFlags flags)
{
  g_autoptr (GError) error = NULL;
  CrmKpiOptions options;
  CrmKpiReport *report;

  crm_kpi_options_init (&options, from, to);
  options.pipeline_id = pipeline_id;
  options.now = CRM_TEST_KPI_NOW;
  options.flags = flags;
  report = crm_kpi_compute (fixture->store, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* "EUR 115001, USD 10000" (empty: ""). */
static void
assert_money (GArray *money, const char *expected)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < money->len; i++)
    {
      const CrmKpiMoney *amount = &g_array_index (money, CrmKpiMoney, i);

      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT, i > 0 ? ", " : "", amount->currency,
                              amount->amount_minor);
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static void
assert_available (const CrmKpiResult *result, CrmKpi kpi)
{
  if (!crm_kpi_result_is_available (result, kpi))
    g_error ("%s is unavailable: %s", crm_kpi_to_string (kpi),
             crm_kpi_result_get_reason (result, kpi));
}

/* Unavailable, with a reason containing @words. */
static void
assert_unavailable (const CrmKpiResult *result, CrmKpi kpi, const char *words)
{
  const char *reason = crm_kpi_result_get_reason (result, kpi);

  g_assert_false (crm_kpi_result_is_available (result, kpi));
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, words));
}

static void
assert_flow (GArray *flows,
             guint index,
             const char *pipeline,
             const char *stage,
             guint entered,
             guint advanced)
{
  const CrmKpiStageFlow *flow;

  g_assert_cmpuint (index, <, flows->len);
  flow = &g_array_index (flows, CrmKpiStageFlow, index);
  g_assert_cmpstr (flow->stage.pipeline_name, ==, pipeline);
  g_assert_cmpstr (flow->stage.stage_name, ==, stage);
  g_assert_cmpuint (flow->n_entered, ==, entered);
  g_assert_cmpuint (flow->n_advanced, ==, advanced);
  if (entered == 0 || flow->stage.kind != CRM_STAGE_KIND_OPEN)
    g_assert_true (isnan (crm_kpi_stage_flow_get_rate (flow)));
  else
    g_assert_cmpfloat_with_epsilon (crm_kpi_stage_flow_get_rate (flow), (double) advanced / entered,
                                    EPSILON);
}

static void
assert_source (GArray *counts, guint index, const char *name, guint n_contacts)
{
  const CrmKpiSourceCount *count;

  g_assert_cmpuint (index, <, counts->len);
  count = &g_array_index (counts, CrmKpiSourceCount, index);
  g_assert_cmpstr (count->name, ==, name);
  g_assert_cmpuint (count->n_contacts, ==, n_contacts);
}

/* ---- Q1 2024, both pipelines ------------------------------------------------------------------
 *
 * Period [2024-01-01, 2024-04-01), now 2024-06-15: the open pipeline is taken at E = 04-01.
 *
 * Open at E (created before E, in an open stage at E by the history):
 *   D6  at QU since 03-05 (Lost only at 04-01 00:00, not before E)  EUR 40000 × 20 % = 8000
 *       exp 04-10 → April
 *   D7  at PR since 03-15                                           EUR 80000 × 60 % = 48000
 *       exp 04-20 → April
 *   D8  at IC (QU only from 05-01); override 50 %                   USD 20000 × 50 % = 10000
 *       exp 07-15 → July
 *   D10 at NA since 02-20 (Won only 05-15)                          EUR 25000 × 40 % = 10000
 *       exp 05-10 → May
 *   D11 at NE since 01-25 (Lost only 06-01)                         EUR 60000 × 80 % = 48000
 *       exp 03-15 → before April: overdue
 *   D13 at P-IC since 03-01                                         EUR 10005 × 10 % = 1000.5
 *       exp 08-01 → August
 *   not open: D1 D3 D4 D12 (won before E), D2 D5 (lost before E), D9 (created 05-10), D14.
 *   open_pipeline_value: EUR 40000 + 80000 + 25000 + 60000 + 10005 = 215005; USD 20000.
 *   weighted_forecast: EUR 8000 + 48000 + 10000 + 48000 + 1000.5 = 115000.5 → 115001 (rounded
 *   once); USD 10000. Months from April: Apr EUR 56000 (2 deals), May EUR 10000, Jun nothing,
 *   Jul USD 10000, Aug EUR 1000.5 → 1001, Sep nothing; overdue EUR 48000.
 *
 * Closed in the period: won D1 (01-20), D4 (02-11), D12 (02-25), D3 (03-10); lost D2 (02-01),
 * D5 (03-31 12:00). D6 lost 04-01 00:00 falls in Q2.
 *   win_rate 4 / 6 = 0.6667.
 *   average_deal_size: EUR (100000 + 20000 + 70000) / 3 = 63333.33 → 63333; USD 30000.
 *   sales_cycle_days: D1 12-01→01-20 50, D4 10, D12 01-05→02-25 51, D3 01-10→03-10 60 (2024 is
 *   a leap year): 171 / 4 = 42.75.
 *   pipeline_velocity: EUR 5 open × 4/6 × 63333 / 42.75 = 211110 / 42.75 = 4938.25 → 4938;
 *   USD 1 open × 4/6 × 30000 / 42.75 = 467.84 → 468.
 *
 * Stage entries in the period (first entry per deal and stage) and later advances:
 *   Sales IC: D2 D3 D4 D5 D6 D7 D8 D10 = 8; advanced all but D5 (only Lost) = 7 (D8 to QU on
 *             05-01, after the period, counts).
 *   Sales QU: D2 D3 D6 = 3; advanced D3 only = 1 (D2, D6 went to Lost).
 *   Sales NA: D3 D10 = 2; both advanced (D10 to Won on 05-15) = 2.
 *   Sales PR: D1 D3 D7 = 3; advanced D1 (Won), D3 (NE) = 2.
 *   Sales NE: D3 D11 = 2; advanced D3 = 1.
 *   Partners P-IC: D12 D13 = 2; advanced D12 = 1. Partners QU…NE: 0 (rate unavailable).
 *   Won stages (funnel only): Sales W D1 D3 D4 = 3; Partners W D12 = 1.
 *
 * Contacts captured in the period: C5 (Website), C6 (Website), C7 (none), C8 (Partner, 03-31
 * 23:00); C9 (04-01 00:00) is not. new_leads 4: Referral 0, Website 2, Event 0, Cold outreach 0,
 * Import 0, Partner 1, Other 0, none 1. Customers now: C5 only (C7 churned, C6 lead, C8
 * qualified): lead_to_customer_rate 1 / 4 = 0.25.
 *
 * Customers at 01-01: C1 (since 12-01), C2 (12-15), C3 (11-01); C4 churned 2023-12-20 = 3.
 * Churned in the period: C2 (02-10): churn_rate 1 / 3. (C3 became an advocate: still a customer.)
 *
 * NPS answers in the period: 10, 9, 8, 6, 10, 3 (03-31 23:59:59); the 0 of 04-01 is not.
 * Promoters 3, detractors 2 (6 and 3), 6 answers: nps (3 − 2) / 6 × 100 = 16.667.
 * CSAT: 5, 4, 3, 1: csat 2 / 4 = 0.5.
 *
 * customer_lifetime_value: won before 04-01: D1 EUR 100000 (C1), D4 EUR 20000 (C1), D12 EUR
 * 70000 (C3), D14 EUR 5000 (no contact or company: a customer of its own), D3 USD 30000 (C5).
 * EUR 195000 / 3 customers = 65000; USD 30000 / 1 = 30000.
 *
 * cac: spend of the months in the period: Jan EUR 300000, Feb EUR 100000, Mar USD 50000 (the
 * EUR 777 of December ends at 01-01: nothing of it). New customers (first time Customer or
 * Advocate): C5 (02-20), C7 (03-25) = 2 (C3's advocacy is not a first time). EUR 400000 / 2 =
 * 200000; USD 50000 / 2 = 25000.
 */
static void
test_q1_all_pipelines (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) report = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, 0);
  const CrmKpiResult *r = report->current;
  const CrmKpiForecastMonth *month;

  g_assert_null (report->previous);
  g_assert_null (report->series);
  g_assert_cmpint (r->as_of, ==, DAY (2024, 4, 1));
  for (CrmKpi kpi = 0; kpi < CRM_N_KPIS; kpi++)
    assert_available (r, kpi);

  assert_money (r->open_pipeline_value, "EUR 215005, USD 20000");
  g_assert_cmpuint (r->n_open_deals, ==, 6);
  assert_money (r->weighted_forecast, "EUR 115001, USD 10000");
  g_assert_cmpuint (r->forecast_months->len, ==, 6);
  month = &g_array_index (r->forecast_months, CrmKpiForecastMonth, 0);
  g_assert_cmpint (month->start, ==, DAY (2024, 4, 1));
  g_assert_cmpint (month->end, ==, DAY (2024, 5, 1));
  g_assert_cmpuint (month->n_deals, ==, 2);
  assert_money (month->weighted, "EUR 56000");
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 1).weighted, "EUR 10000");
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 2).weighted, "");
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 3).weighted, "USD 10000");
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 4).weighted, "EUR 1001");
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 5).weighted, "");
  g_assert_cmpint (g_array_index (r->forecast_months, CrmKpiForecastMonth, 5).end, ==,
                   DAY (2024, 10, 1));
  assert_money (r->forecast_overdue, "EUR 48000");
  assert_money (r->forecast_later, "");
  assert_money (r->forecast_undated, "");

  g_assert_cmpuint (r->n_won, ==, 4);
  g_assert_cmpuint (r->n_lost, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->win_rate, 4.0 / 6.0, EPSILON);
  assert_money (r->won_value, "EUR 190000, USD 30000");
  assert_money (r->average_deal_size, "EUR 63333, USD 30000");
  g_assert_cmpfloat_with_epsilon (r->sales_cycle_days, 42.75, EPSILON);
  assert_money (r->pipeline_velocity, "EUR 4938, USD 468");

  g_assert_cmpuint (r->stage_conversion->len, ==, 10);
  assert_flow (r->stage_conversion, 0, "Sales", "Initial contact", 8, 7);
  assert_flow (r->stage_conversion, 1, "Sales", "Qualification", 3, 1);
  assert_flow (r->stage_conversion, 2, "Sales", "Needs assessment", 2, 2);
  assert_flow (r->stage_conversion, 3, "Sales", "Proposal", 3, 2);
  assert_flow (r->stage_conversion, 4, "Sales", "Negotiation", 2, 1);
  assert_flow (r->stage_conversion, 5, "Partners", "Initial contact", 2, 1);
  for (guint i = 6; i < 10; i++)
    g_assert_cmpuint (g_array_index (r->stage_conversion, CrmKpiStageFlow, i).n_entered, ==, 0);

  g_assert_cmpuint (r->n_new_leads, ==, 4);
  g_assert_cmpuint (r->new_leads_by_source->len, ==, 8);
  assert_source (r->new_leads_by_source, 0, "Referral", 0);
  assert_source (r->new_leads_by_source, 1, "Website", 2);
  assert_source (r->new_leads_by_source, 5, "Partner", 1);
  assert_source (r->new_leads_by_source, 7, NULL, 1);
  g_assert_cmpfloat_with_epsilon (r->lead_to_customer_rate, 0.25, EPSILON);

  g_assert_cmpuint (r->n_customers_at_start, ==, 3);
  g_assert_cmpuint (r->n_churned, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->churn_rate, 1.0 / 3.0, EPSILON);

  g_assert_cmpuint (r->n_nps_answers, ==, 6);
  g_assert_cmpuint (r->n_promoters, ==, 3);
  g_assert_cmpuint (r->n_detractors, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->nps, 100.0 / 6.0, EPSILON);
  g_assert_cmpuint (r->n_csat_answers, ==, 4);
  g_assert_cmpfloat_with_epsilon (r->csat, 0.5, EPSILON);

  assert_money (r->customer_lifetime_value, "EUR 65000, USD 30000");
  assert_money (r->lifetime_revenue, "EUR 195000, USD 30000");

  assert_money (r->acquisition_spend, "EUR 400000, USD 50000");
  g_assert_cmpuint (r->n_new_customers, ==, 2);
  assert_money (r->cac, "EUR 200000, USD 25000");
}

/* ---- Q1 2024: the series ---------------------------------------------------------------------
 *
 * Months Jan, Feb, Mar (whole: the period starts and ends at month starts).
 *   won:  Jan D1 EUR 100000 · Feb D4 EUR 20000 + D12 EUR 70000 = EUR 90000 · Mar D3 USD 30000
 *   lost: Jan none · Feb D2 · Mar D5
 *   win rate: Jan 1/1 · Feb 2/3 · Mar 1/2
 *   new leads: Jan C5 (Website) · Feb C6 (Website) · Mar C7 (none), C8 (Partner)
 *   NPS: Jan 10 → +100 · Feb 9, 8, 6 → (1 − 1)/3 = 0 · Mar 10, 3 → (1 − 1)/2 = 0
 *   CSAT: Jan 5 → 1 · Feb 4, 3 → 0.5 · Mar 1 → 0
 * The period's KPIs are the sums of the months: the same as without series.
 *
 * Lost reasons: D2 Price, D5 Chose a competitor: one each, Price first (its position is first).
 *
 * Stays that ended in the period (left the stage then; from entering to leaving):
 *   Sales IC: D2 01-02→01-10 8, D3 01-10→01-20 10, D4 02-01→02-11 10, D5 02-05→03-31 12:00
 *             55.5, D6 03-01→03-05 4, D7 02-10→03-15 34, D10 01-15→02-20 36, D11 2023-11-15→
 *             01-25 71: 8 stays, 228.5 days, mean 28.5625.
 *   Sales QU: D1 12-10→01-05 26, D2 01-10→02-01 22, D3 01-20→02-01 12: mean 60 / 3 = 20.
 *   Sales NA: D3 02-01→02-15 14.   Sales PR: D1 01-05→01-20 15, D3 02-15→03-01 15: 15.
 *   Sales NE: D3 03-01→03-10 9.     Partners P-IC: D12 01-05→02-25 51. The rest: none.
 *
 * Funnel: the open stages and Won of each pipeline, in order, with the entries above.
 */
static void
test_q1_series (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) report
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, CRM_KPI_WITH_SERIES);
  const CrmKpiSeries *series = report->series;
  const CrmKpiMonth *jan, *feb, *mar;
  const CrmKpiReasonCount *reason;
  const CrmKpiStageTime *time;

  g_assert_nonnull (series);
  g_assert_cmpuint (series->months->len, ==, 3);
  jan = &g_array_index (series->months, CrmKpiMonth, 0);
  feb = &g_array_index (series->months, CrmKpiMonth, 1);
  mar = &g_array_index (series->months, CrmKpiMonth, 2);
  g_assert_cmpint (jan->start, ==, DAY (2024, 1, 1));
  g_assert_cmpint (jan->end, ==, DAY (2024, 2, 1));
  g_assert_cmpint (mar->end, ==, DAY (2024, 4, 1));

  assert_money (jan->won_value, "EUR 100000");
  assert_money (feb->won_value, "EUR 90000");
  assert_money (mar->won_value, "USD 30000");
  g_assert_cmpfloat_with_epsilon (jan->win_rate, 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (feb->win_rate, 2.0 / 3.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (mar->win_rate, 0.5, EPSILON);
  g_assert_cmpuint (jan->n_new_leads, ==, 1);
  g_assert_cmpuint (feb->n_new_leads, ==, 1);
  g_assert_cmpuint (mar->n_new_leads, ==, 2);
  assert_source (jan->new_leads_by_source, 1, "Website", 1);
  assert_source (mar->new_leads_by_source, 5, "Partner", 1);
  assert_source (mar->new_leads_by_source, 7, NULL, 1);
  g_assert_cmpfloat_with_epsilon (jan->nps, 100.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (feb->nps, 0.0, EPSILON);
  g_assert_cmpuint (feb->n_nps_answers, ==, 3);
  g_assert_cmpfloat_with_epsilon (mar->nps, 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (jan->csat, 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (feb->csat, 0.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (mar->csat, 0.0, EPSILON);

  /* The same KPIs as computed without months. */
  g_assert_cmpfloat_with_epsilon (report->current->win_rate, 4.0 / 6.0, EPSILON);
  assert_money (report->current->average_deal_size, "EUR 63333, USD 30000");
  g_assert_cmpfloat_with_epsilon (report->current->nps, 100.0 / 6.0, EPSILON);
  g_assert_cmpuint (report->current->n_new_leads, ==, 4);

  g_assert_cmpuint (series->lost_reasons->len, ==, 2);
  reason = &g_array_index (series->lost_reasons, CrmKpiReasonCount, 0);
  g_assert_cmpint (reason->lost_reason_id, ==, fixture->data.lost_reasons[0]);
  g_assert_cmpuint (reason->n_deals, ==, 1);
  reason = &g_array_index (series->lost_reasons, CrmKpiReasonCount, 1);
  g_assert_cmpint (reason->lost_reason_id, ==, fixture->data.lost_reasons[1]);

  g_assert_cmpuint (series->stage_times->len, ==, 10);
  time = &g_array_index (series->stage_times, CrmKpiStageTime, 0);
  g_assert_cmpstr (time->stage.stage_name, ==, "Initial contact");
  g_assert_cmpuint (time->n_stays, ==, 8);
  g_assert_cmpfloat_with_epsilon (time->mean_days, 28.5625, EPSILON);
  time = &g_array_index (series->stage_times, CrmKpiStageTime, 1);
  g_assert_cmpuint (time->n_stays, ==, 3);
  g_assert_cmpfloat_with_epsilon (time->mean_days, 20.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (g_array_index (series->stage_times, CrmKpiStageTime, 2).mean_days,
                                  14.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (g_array_index (series->stage_times, CrmKpiStageTime, 3).mean_days,
                                  15.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (g_array_index (series->stage_times, CrmKpiStageTime, 4).mean_days,
                                  9.0, EPSILON);
  time = &g_array_index (series->stage_times, CrmKpiStageTime, 5);
  g_assert_cmpstr (time->stage.pipeline_name, ==, "Partners");
  g_assert_cmpfloat_with_epsilon (time->mean_days, 51.0, EPSILON);
  time = &g_array_index (series->stage_times, CrmKpiStageTime, 6);
  g_assert_cmpuint (time->n_stays, ==, 0);
  g_assert_true (isnan (time->mean_days));

  g_assert_cmpuint (series->funnel->len, ==, 12);
  assert_flow (series->funnel, 0, "Sales", "Initial contact", 8, 7);
  assert_flow (series->funnel, 4, "Sales", "Negotiation", 2, 1);
  assert_flow (series->funnel, 5, "Sales", "Won", 3, 0);
  assert_flow (series->funnel, 6, "Partners", "Initial contact", 2, 1);
  assert_flow (series->funnel, 11, "Partners", "Won", 1, 0);
}

/* ---- The previous period of Q1 ----------------------------------------------------------------
 *
 * Q1 has 31 + 29 + 31 = 91 days: the previous period is [2023-10-02, 2024-01-01), and its open
 * pipeline is taken at its end, 01-01:
 *   open at 01-01: D1 at QU since 12-10 (EUR 100000 × 20 % = 20000), D11 at IC since 11-15
 *   (EUR 60000 × 10 % = 6000): EUR 160000, weighted EUR 26000.
 *   No deal closed in it (D14 closed in June 2023): win rate unavailable.
 *   New leads: C3 (10-05), C1 (11-10), C2 (11-20) = 3; now customers: C1, C3 (advocate) = 2/3.
 *   Customers at 10-02: C4 (since 10-01) = 1; churned in the period: C4 (12-20): 1/1 = 1.
 *   New customers: C3 (11-01), C1 (12-01), C2 (12-15) = 3; spend: December EUR 777:
 *   cac EUR 777 / 3 = 259.
 *   Lifetime value before 01-01: D14 EUR 5000, one customer.
 */
static void
test_q1_previous (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) report
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, CRM_KPI_WITH_PREVIOUS);
  const CrmKpiResult *p = report->previous;

  g_assert_nonnull (p);
  g_assert_cmpint (p->from, ==, DAY (2023, 10, 2));
  g_assert_cmpint (p->to, ==, DAY (2024, 1, 1));
  g_assert_cmpint (p->as_of, ==, DAY (2024, 1, 1));
  assert_money (p->open_pipeline_value, "EUR 160000");
  assert_money (p->weighted_forecast, "EUR 26000");
  assert_unavailable (p, CRM_KPI_WIN_RATE, "closed");
  g_assert_cmpuint (p->n_new_leads, ==, 3);
  g_assert_cmpfloat_with_epsilon (p->lead_to_customer_rate, 2.0 / 3.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (p->churn_rate, 1.0, EPSILON);
  g_assert_cmpuint (p->n_new_customers, ==, 3);
  assert_money (p->cac, "EUR 259");
  assert_money (p->customer_lifetime_value, "EUR 5000");
  /* The current period is untouched by asking for the previous one. */
  assert_money (report->current->weighted_forecast, "EUR 115001, USD 10000");
}

/* ---- Q2 2024: the period reaches past now ----------------------------------------------------
 *
 * Period [2024-04-01, 2024-07-01), now 06-15: E = now.
 *   Open at E: D7 PR (EUR 80000 × 60 % = 48000; exp 04-20 → before June: overdue), D8 QU with
 *   override 50 % (USD 10000; exp 07-15 → July), D9 IC (EUR 15000 × 10 % = 1500; no exp:
 *   undated), D13 P-IC (EUR 1000.5; exp 08-01 → August). D10 (Won 05-15), D11 (Lost 06-01) and
 *   D6 (Lost 04-01) are closed.
 *   open_pipeline_value EUR 80000 + 15000 + 10005 = 105005, USD 20000 (EUR 3 deals, USD 1).
 *   weighted_forecast EUR 48000 + 1500 + 1000.5 = 50500.5 → 50501; USD 10000.
 *   Months from June: Jun nothing, Jul USD 10000, Aug EUR 1001, …; overdue EUR 48000; undated
 *   EUR 1500.
 *   Closed: won D10 (05-15), lost D6 (04-01 00:00), D11 (06-01): win_rate 1/3.
 *   average_deal_size EUR 25000; sales_cycle_days D10 01-15→05-15 = 16 + 29 + 31 + 30 + 15 =
 *   121. pipeline_velocity EUR 3 × 1/3 × 25000 / 121 = 206.6 → 207; USD has no won deal: none.
 *   Stage entries: D8 QU (05-01), D9 IC (05-10): one each, neither advanced: rates 0.
 *   new_leads C9 (Referral), C10 (Event) = 2; customers now C9: 0.5.
 *   Customers at 04-01: C1, C3 (advocate), C5, C7 = 4 (C2, C4 churned); churned C7 (05-05): 1/4.
 *   NPS: the 0 of 04-01 00:00: −100. CSAT: none: unavailable.
 *   Lifetime value before 07-01: EUR 100000 + 20000 + 70000 + 5000 + 25000 = 220000 over C1,
 *   C3, D14, C9 = 4 customers: 55000; USD 30000.
 *   cac: April EUR 90000 / 1 new customer (C9, 04-20) = 90000.
 *   Lost reasons: D6 Price, D11 none; Price first (a reason before none at equal counts).
 */
static void
test_q2 (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) report
      = compute (fixture, DAY (2024, 4, 1), DAY (2024, 7, 1), 0, CRM_KPI_WITH_SERIES);
  const CrmKpiResult *r = report->current;
  const CrmKpiReasonCount *reason;

  g_assert_cmpint (r->as_of, ==, CRM_TEST_KPI_NOW);
  assert_money (r->open_pipeline_value, "EUR 105005, USD 20000");
  assert_money (r->weighted_forecast, "EUR 50501, USD 10000");
  g_assert_cmpint (g_array_index (r->forecast_months, CrmKpiForecastMonth, 0).start, ==,
                   DAY (2024, 6, 1));
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 0).weighted, "");
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 1).weighted, "USD 10000");
  assert_money (g_array_index (r->forecast_months, CrmKpiForecastMonth, 2).weighted, "EUR 1001");
  assert_money (r->forecast_overdue, "EUR 48000");
  assert_money (r->forecast_undated, "EUR 1500");

  g_assert_cmpfloat_with_epsilon (r->win_rate, 1.0 / 3.0, EPSILON);
  assert_money (r->average_deal_size, "EUR 25000");
  g_assert_cmpfloat_with_epsilon (r->sales_cycle_days, 121.0, EPSILON);
  assert_money (r->pipeline_velocity, "EUR 207");

  assert_available (r, CRM_KPI_STAGE_CONVERSION);
  assert_flow (r->stage_conversion, 0, "Sales", "Initial contact", 1, 0);
  assert_flow (r->stage_conversion, 1, "Sales", "Qualification", 1, 0);

  g_assert_cmpuint (r->n_new_leads, ==, 2);
  assert_source (r->new_leads_by_source, 0, "Referral", 1);
  assert_source (r->new_leads_by_source, 2, "Event", 1);
  g_assert_cmpuint (r->new_leads_by_source->len, ==, 7); /* no "none" */
  g_assert_cmpfloat_with_epsilon (r->lead_to_customer_rate, 0.5, EPSILON);
  g_assert_cmpuint (r->n_customers_at_start, ==, 4);
  g_assert_cmpfloat_with_epsilon (r->churn_rate, 0.25, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->nps, -100.0, EPSILON);
  assert_unavailable (r, CRM_KPI_CSAT, "CSAT");
  g_assert_true (isnan (r->csat));
  assert_money (r->customer_lifetime_value, "EUR 55000, USD 30000");
  assert_money (r->cac, "EUR 90000");

  g_assert_cmpuint (report->series->lost_reasons->len, ==, 2);
  reason = &g_array_index (report->series->lost_reasons, CrmKpiReasonCount, 0);
  g_assert_cmpint (reason->lost_reason_id, ==, fixture->data.lost_reasons[0]);
  reason = &g_array_index (report->series->lost_reasons, CrmKpiReasonCount, 1);
  g_assert_cmpint (reason->lost_reason_id, ==, 0);
  g_assert_null (reason->name);
  g_assert_cmpuint (reason->n_deals, ==, 1);
}

/* ---- One pipeline ----------------------------------------------------------------------------
 *
 * Q1, Sales only: closed won D1, D3, D4, lost D2, D5: win_rate 3/5 = 0.6; average EUR
 * (100000 + 20000) / 2 = 60000, USD 30000; cycle (50 + 60 + 10) / 3 = 40 days. Open at 04-01:
 * D6, D7, D10, D11 (EUR 205000, 4 deals), D8 (USD 20000); weighted EUR 8000 + 48000 + 10000 +
 * 48000 = 114000, USD 10000. Velocity EUR 4 × 0.6 × 60000 / 40 = 3600, USD 1 × 0.6 × 30000 / 40
 * = 450. Stage conversion: the five Sales stages only. Contacts, feedback and spend do not
 * belong to a pipeline: as for both. Lifetime value: D1, D4, D14 EUR 125000 / 2 customers (C1,
 * D14) = 62500; D3 USD 30000.
 *
 * Q1, Partners only: won D12, nothing lost: win_rate 1; EUR 70000; cycle 51 days. Open at 04-01:
 * D13 EUR 10005, weighted 1000.5 → 1001. Velocity 1 × 1 × 70000 / 51 = 1372.5 → 1373. P-IC
 * 1 of 2. Lifetime value EUR 70000 (C3).
 */
static void
test_one_pipeline (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) sales
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), fixture->data.sales_id, 0);
  g_autoptr (CrmKpiReport) partners
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), fixture->data.partners_id, 0);
  const CrmKpiResult *r = sales->current;

  g_assert_cmpfloat_with_epsilon (r->win_rate, 0.6, EPSILON);
  assert_money (r->average_deal_size, "EUR 60000, USD 30000");
  g_assert_cmpfloat_with_epsilon (r->sales_cycle_days, 40.0, EPSILON);
  assert_money (r->open_pipeline_value, "EUR 205000, USD 20000");
  assert_money (r->weighted_forecast, "EUR 114000, USD 10000");
  assert_money (r->pipeline_velocity, "EUR 3600, USD 450");
  g_assert_cmpuint (r->stage_conversion->len, ==, 5);
  assert_flow (r->stage_conversion, 0, "Sales", "Initial contact", 8, 7);
  g_assert_cmpuint (r->n_new_leads, ==, 4);
  g_assert_cmpfloat_with_epsilon (r->nps, 100.0 / 6.0, EPSILON);
  assert_money (r->customer_lifetime_value, "EUR 62500, USD 30000");

  r = partners->current;
  g_assert_cmpfloat_with_epsilon (r->win_rate, 1.0, EPSILON);
  assert_money (r->average_deal_size, "EUR 70000");
  g_assert_cmpfloat_with_epsilon (r->sales_cycle_days, 51.0, EPSILON);
  assert_money (r->open_pipeline_value, "EUR 10005");
  assert_money (r->weighted_forecast, "EUR 1001");
  assert_money (r->pipeline_velocity, "EUR 1373");
  g_assert_cmpuint (r->stage_conversion->len, ==, 5);
  assert_flow (r->stage_conversion, 0, "Partners", "Initial contact", 2, 1);
  assert_money (r->customer_lifetime_value, "EUR 70000");
}

/* ---- Nothing to measure ------------------------------------------------------------------------
 *
 * January 2020, long before any fact: nothing open, nothing closed, no contact, no customer, no
 * answer, no spend. Only the money totals and the lead count have a value (zero is true of
 * them); every other KPI is unavailable and says why.
 */
static void
test_empty_period (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) report = compute (fixture, DAY (2020, 1, 1), DAY (2020, 2, 1), 0,
                                             CRM_KPI_WITH_SERIES | CRM_KPI_WITH_PREVIOUS);
  const CrmKpiResult *r = report->current;
  const CrmKpiMonth *month;

  assert_available (r, CRM_KPI_OPEN_PIPELINE_VALUE);
  assert_money (r->open_pipeline_value, "");
  assert_available (r, CRM_KPI_WEIGHTED_FORECAST);
  assert_money (r->weighted_forecast, "");
  assert_available (r, CRM_KPI_NEW_LEADS);
  g_assert_cmpuint (r->n_new_leads, ==, 0);

  assert_unavailable (r, CRM_KPI_WIN_RATE, "No deal was closed");
  assert_unavailable (r, CRM_KPI_AVERAGE_DEAL_SIZE, "No deal was won");
  assert_unavailable (r, CRM_KPI_SALES_CYCLE_DAYS, "No deal was won");
  assert_unavailable (r, CRM_KPI_STAGE_CONVERSION, "No deal entered");
  assert_unavailable (r, CRM_KPI_PIPELINE_VELOCITY, "No deal was closed");
  assert_unavailable (r, CRM_KPI_LEAD_TO_CUSTOMER_RATE, "No contact was captured");
  assert_unavailable (r, CRM_KPI_CHURN_RATE, "no customers at the start");
  assert_unavailable (r, CRM_KPI_NPS, "No NPS answer");
  assert_unavailable (r, CRM_KPI_CSAT, "No CSAT answer");
  assert_unavailable (r, CRM_KPI_CUSTOMER_LIFETIME_VALUE, "No deal was won before");
  assert_unavailable (r, CRM_KPI_CAC, "No acquisition spend");
  g_assert_true (isnan (r->win_rate));
  g_assert_true (isnan (r->nps));
  assert_money (r->average_deal_size, "");
  assert_money (r->cac, "");

  g_assert_cmpuint (report->series->months->len, ==, 1);
  month = &g_array_index (report->series->months, CrmKpiMonth, 0);
  g_assert_true (isnan (month->win_rate));
  g_assert_true (isnan (month->nps));
  g_assert_true (isnan (month->csat));
  g_assert_cmpuint (report->series->lost_reasons->len, ==, 0);
  g_assert_cmpuint (report->previous->n_new_leads, ==, 0);
}

/* ---- One reason at a time -----------------------------------------------------------------------
 *
 * June 2023: D14 was created in Won on 06-10 12:00, closed the same second: win rate 1/1,
 * average EUR 5000, a sales cycle of 0 days — and so no velocity ("no sales cycle").
 *
 * [2024-01-01, 2024-01-16): January's spend EUR 300000 counts for 15 of its 31 days: 300000 ×
 * 15 / 31 = 145161.29 → 145161; but nobody became a customer then (C5 did on 02-20): no CAC.
 *
 * November 2023: C3 became a customer on 11-01, but no spend was entered for November (the
 * December row starts when the period ends): no CAC.
 *
 * Lead to customer without leads, churn without customers at the start: the empty period above.
 */
static void
test_unavailable_reasons (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) june = compute (fixture, DAY (2023, 6, 1), DAY (2023, 7, 1), 0, 0);
  g_autoptr (CrmKpiReport) early_january
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 1, 16), 0, 0);
  g_autoptr (CrmKpiReport) november = compute (fixture, DAY (2023, 11, 1), DAY (2023, 12, 1), 0, 0);

  g_assert_cmpfloat_with_epsilon (june->current->win_rate, 1.0, EPSILON);
  assert_money (june->current->average_deal_size, "EUR 5000");
  assert_available (june->current, CRM_KPI_SALES_CYCLE_DAYS);
  g_assert_cmpfloat_with_epsilon (june->current->sales_cycle_days, 0.0, EPSILON);
  assert_unavailable (june->current, CRM_KPI_PIPELINE_VELOCITY, "no sales cycle");
  assert_money (june->current->pipeline_velocity, "");

  assert_money (early_january->current->acquisition_spend, "EUR 145161");
  g_assert_cmpuint (early_january->current->n_new_customers, ==, 0);
  assert_unavailable (early_january->current, CRM_KPI_CAC, "No contact became a customer");

  g_assert_cmpuint (november->current->n_new_customers, ==, 1);
  assert_money (november->current->acquisition_spend, "");
  assert_unavailable (november->current, CRM_KPI_CAC, "No acquisition spend");
}

static void
test_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  CrmKpiOptions options;

  crm_kpi_options_init (&options, DAY (2024, 4, 1), DAY (2024, 1, 1));
  g_assert_null (crm_kpi_compute (fixture->store, &options, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  crm_kpi_options_init (&options, DAY (2024, 1, 1), DAY (2024, 1, 1));
  g_assert_null (crm_kpi_compute (fixture->store, &options, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  crm_kpi_options_init (&options, DAY (2024, 1, 1), DAY (2024, 4, 1));
  options.pipeline_id = fixture->data.partners_id + 1000;
  g_assert_null (crm_kpi_compute (fixture->store, &options, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

/* ---- The worker thread ------------------------------------------------------------------------ */

static void
on_computed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CrmKpiReport **report = user_data;
  g_autoptr (GError) error = NULL;

  *report = crm_kpi_compute_finish (result, &error);
  g_assert_no_error (error);
}

/* On its own connection, the same figures as computed here; the store's connection is left
 * as it was (no transaction left open). */
static void
test_async (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  CrmKpiOptions options;

  crm_kpi_options_init (&options, DAY (2024, 1, 1), DAY (2024, 4, 1));
  options.now = CRM_TEST_KPI_NOW;
  options.flags = CRM_KPI_WITH_SERIES | CRM_KPI_WITH_PREVIOUS;
  crm_kpi_compute_async (fixture->store, &options, NULL, on_computed, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  assert_money (report->current->weighted_forecast, "EUR 115001, USD 10000");
  g_assert_cmpfloat_with_epsilon (report->current->win_rate, 4.0 / 6.0, EPSILON);
  assert_money (report->current->cac, "EUR 200000, USD 25000");
  g_assert_cmpuint (report->series->months->len, ==, 3);
  g_assert_cmpint (report->previous->from, ==, DAY (2023, 10, 2));

  /* The connection of the store still writes. */
  contact->name = g_strdup ("After");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
}

/* A sync computation inside a transaction of the caller reads it and leaves it open. */
static void
test_inside_transaction (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmKpiReport) report = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  g_assert_true (crm_store_begin (fixture->store, &error));
  contact->name = g_strdup ("Uncommitted");
  contact->captured_at = DAY (2024, 2, 2);
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  report = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, 0);
  g_assert_cmpuint (report->current->n_new_leads, ==, 5);
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

/* ---- History written out of order --------------------------------------------------------------
 *
 * Moves dated in the past come in any order: deal A is moved to Qualification dated 03-01, then
 * to Proposal dated 02-15, while B's rows come between. By time, A went IC (01-01) → PR (02-15)
 * → QU (03-01) and B IC (01-02) → PR (02-01); the rows' ids say otherwise. Q1:
 *   entries: IC A, B — both got further (to Proposal): 2 of 2; PR A, B — A only went back to
 *   Qualification, B nowhere: 0 of 2; QU A: 0 of 1.
 *   stays: IC A 01-01→02-15 45 days, B 01-02→02-01 30 days: mean 37.5; PR A 02-15→03-01 15.
 * In id order A's stays would be IC 60 days and a negative one in Qualification. */
static void
test_history_out_of_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("rapport-kpi-order-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "crm.db", NULL);
  g_autoptr (CrmStore) store = crm_store_open (path, &error);
  g_autoptr (GArray) stages = crm_test_list_default_stage_ids (store);
  g_autoptr (CrmKpiReport) report = NULL;
  gint64 ids[2];
  CrmKpiOptions options;
  const CrmKpiStageTime *time;

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

      deal->title = g_strdup ("Deal");
      deal->stage_id = g_array_index (stages, gint64, 0);
      deal->currency = g_strdup ("EUR");
      deal->created_at = DAY (2024, 1, 1 + i);
      g_assert_true (crm_store_insert_deal (store, deal, &error));
      ids[i] = deal->id;
    }
  g_assert_true (crm_store_move_deal_at (store, ids[0], g_array_index (stages, gint64, 1), -1,
                                         DAY (2024, 3, 1), &error));
  g_assert_true (crm_store_move_deal_at (store, ids[1], g_array_index (stages, gint64, 3), -1,
                                         DAY (2024, 2, 1), &error));
  g_assert_true (crm_store_move_deal_at (store, ids[0], g_array_index (stages, gint64, 3), -1,
                                         DAY (2024, 2, 15), &error));
  g_assert_no_error (error);

  crm_kpi_options_init (&options, DAY (2024, 1, 1), DAY (2024, 4, 1));
  options.now = CRM_TEST_KPI_NOW;
  options.flags = CRM_KPI_WITH_SERIES;
  report = crm_kpi_compute (store, &options, &error);
  g_assert_no_error (error);

  assert_flow (report->current->stage_conversion, 0, "Sales", "Initial contact", 2, 2);
  assert_flow (report->current->stage_conversion, 1, "Sales", "Qualification", 1, 0);
  assert_flow (report->current->stage_conversion, 3, "Sales", "Proposal", 2, 0);
  time = &g_array_index (report->series->stage_times, CrmKpiStageTime, 0);
  g_assert_cmpuint (time->n_stays, ==, 2);
  g_assert_cmpfloat_with_epsilon (time->mean_days, 37.5, EPSILON);
  time = &g_array_index (report->series->stage_times, CrmKpiStageTime, 3);
  g_assert_cmpuint (time->n_stays, ==, 1);
  g_assert_cmpfloat_with_epsilon (time->mean_days, 15.0, EPSILON);
  time = &g_array_index (report->series->stage_times, CrmKpiStageTime, 1);
  g_assert_cmpuint (time->n_stays, ==, 0);

  g_clear_object (&store);
  crm_test_remove_tree (folder);
}

/* ---- Periods ---------------------------------------------------------------------------------- */

static void
test_periods_utc (void)
{
  g_autoptr (GArray) bounds = NULL;
  gint64 from, to;

  /* The last 90 days up to 2024-06-15 12:34: 03-18 to 06-15, both included. */
  crm_kpi_period_last_days (crm_test_utc (2024, 6, 15, 12, 34, 0), 90, &from, &to);
  g_assert_cmpint (from, ==, DAY (2024, 3, 18));
  g_assert_cmpint (to, ==, DAY (2024, 6, 16));

  crm_kpi_previous_period (DAY (2024, 1, 1), DAY (2024, 4, 1), &from, &to);
  g_assert_cmpint (from, ==, DAY (2023, 10, 2));
  g_assert_cmpint (to, ==, DAY (2024, 1, 1));
  /* Not midnights: the same number of seconds back. */
  crm_kpi_previous_period (1000, 1500, &from, &to);
  g_assert_cmpint (from, ==, 500);
  g_assert_cmpint (to, ==, 1000);

  bounds = crm_kpi_month_bounds (DAY (2024, 1, 15), DAY (2024, 3, 10));
  g_assert_cmpuint (bounds->len, ==, 4);
  g_assert_cmpint (g_array_index (bounds, gint64, 0), ==, DAY (2024, 1, 15));
  g_assert_cmpint (g_array_index (bounds, gint64, 1), ==, DAY (2024, 2, 1));
  g_assert_cmpint (g_array_index (bounds, gint64, 2), ==, DAY (2024, 3, 1));
  g_assert_cmpint (g_array_index (bounds, gint64, 3), ==, DAY (2024, 3, 10));
  g_clear_pointer (&bounds, g_array_unref);
  bounds = crm_kpi_month_bounds (DAY (2024, 12, 1), DAY (2025, 1, 1));
  g_assert_cmpuint (bounds->len, ==, 2);
}

/* In Berlin, summer time starts on 2024-03-31: Q2 (91 days) goes back to local midnight of
 * 01-01 (23:00 UTC the day before), not 91 × 24 hours; months start at local midnights. Run in
 * a child process of its own, whose time zone is set before any thread exists. */
static void
test_periods_local_time (void)
{
  g_autoptr (GArray) bounds = NULL;
  gint64 from, to;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  crm_kpi_previous_period (crm_test_utc (2024, 3, 31, 22, 0, 0),
                           crm_test_utc (2024, 6, 30, 22, 0, 0), &from, &to);
  g_assert_cmpint (from, ==, crm_test_utc (2023, 12, 31, 23, 0, 0));
  g_assert_cmpint (to, ==, crm_test_utc (2024, 3, 31, 22, 0, 0));

  bounds = crm_kpi_month_bounds (crm_test_utc (2024, 3, 14, 23, 0, 0),
                                 crm_test_utc (2024, 4, 9, 22, 0, 0));
  g_assert_cmpuint (bounds->len, ==, 3);
  g_assert_cmpint (g_array_index (bounds, gint64, 1), ==, crm_test_utc (2024, 3, 31, 22, 0, 0));

  crm_kpi_period_last_days (crm_test_utc (2024, 4, 2, 10, 0, 0), 3, &from, &to);
  g_assert_cmpint (from, ==, crm_test_utc (2024, 3, 30, 23, 0, 0)); /* 03-31 00:00 CET */
  g_assert_cmpint (to, ==, crm_test_utc (2024, 4, 2, 22, 0, 0));    /* 04-03 00:00 CEST */
}

static void
test_names (void)
{
  const char *const keys[] = { "open_pipeline_value",
                               "weighted_forecast",
                               "win_rate",
                               "average_deal_size",
                               "sales_cycle_days",
                               "stage_conversion",
                               "pipeline_velocity",
                               "new_leads",
                               "lead_to_customer_rate",
                               "churn_rate",
                               "nps",
                               "csat",
                               "customer_lifetime_value",
                               "cac" };

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == CRM_N_KPIS);
  for (CrmKpi kpi = 0; kpi < CRM_N_KPIS; kpi++)
    {
      g_assert_cmpstr (crm_kpi_to_string (kpi), ==, keys[kpi]);
      g_assert_cmpuint (strlen (crm_kpi_get_label (kpi)), >, 0);
    }
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/kpi/q1/all-pipelines", test_q1_all_pipelines);
  TEST_F ("/kpi/q1/series", test_q1_series);
  TEST_F ("/kpi/q1/previous-period", test_q1_previous);
  TEST_F ("/kpi/q2/reaching-past-now", test_q2);
  TEST_F ("/kpi/one-pipeline", test_one_pipeline);
  TEST_F ("/kpi/empty-period", test_empty_period);
  TEST_F ("/kpi/unavailable-reasons", test_unavailable_reasons);
  TEST_F ("/kpi/errors", test_errors);
  TEST_F ("/kpi/async", test_async);
  TEST_F ("/kpi/inside-transaction", test_inside_transaction);
  g_test_add_func ("/kpi/history-out-of-order", test_history_out_of_order);
  g_test_add_func ("/kpi/periods/utc", test_periods_utc);
  g_test_add_func ("/kpi/periods/local-time", test_periods_local_time);
  g_test_add_func ("/kpi/names", test_names);

  return g_test_run ();
}
