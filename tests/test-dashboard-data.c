/* test-dashboard-data.c — the KPIs of the hand-built database (crm-test-kpi-data.c; the values
 * are worked out in test-kpi.c's comments) turned into chart data and figures: counts not
 * ratios, months oldest first, one currency per revenue chart (the most won, or the one asked
 * for), the forecast only for a period that reaches the present, lost reasons most first, stage
 * names with their pipeline when two pipelines show; the figures' values and changes; the
 * dashboard's periods; the PDF report. Runs in UTC (set in main). */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "crm-dashboard-data.h"
#include "crm-dashboard-report.h"
#include "crm-money.h"
#include "crm-spend-actions.h"
#include "crm-store-kpi.h"
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

  fixture->folder = g_dir_make_tmp ("rapport-dashboard-XXXXXX", &error);
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

static CrmDashboardData *
compute (Fixture *fixture, gint64 from, gint64 to, gint64 pipeline_id, const char *currency)
{
  g_autoptr (GError) error = NULL;
  CrmKpiOptions options;
  CrmKpiReport *report;

  crm_kpi_options_init (&options, from, to);
  options.pipeline_id = pipeline_id;
  options.now = CRM_TEST_KPI_NOW;
  options.flags = CRM_KPI_WITH_SERIES | CRM_KPI_WITH_PREVIOUS;
  report = crm_kpi_compute (fixture->store, &options, &error);
  g_assert_no_error (error);
  return crm_dashboard_data_new (report, currency);
}

static void
assert_month (CrmChartMonth month, int year, int number)
{
  g_assert_cmpint (month.year, ==, year);
  g_assert_cmpint (month.month, ==, number);
}

/* Q1 2024, both pipelines: see test-kpi.c for every number. */
static void
test_q1_charts (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmDashboardData) data
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, NULL);
  const CrmChartFunnel *funnel = crm_dashboard_data_get_chart (data, CRM_CHART_FUNNEL);
  const CrmChartRevenue *revenue = crm_dashboard_data_get_chart (data, CRM_CHART_REVENUE);
  const CrmChartWinRate *win_rate = crm_dashboard_data_get_chart (data, CRM_CHART_WIN_RATE);
  const CrmChartCounts *sources = crm_dashboard_data_get_chart (data, CRM_CHART_LEAD_SOURCES);
  const CrmChartCounts *reasons = crm_dashboard_data_get_chart (data, CRM_CHART_LOST_REASONS);
  const CrmChartStageTime *times = crm_dashboard_data_get_chart (data, CRM_CHART_STAGE_TIME);
  const CrmChartSatisfaction *answers = crm_dashboard_data_get_chart (data, CRM_CHART_SATISFACTION);
  const char *const *currencies = crm_dashboard_data_get_currencies (data);
  gint64 stage_id, pipeline_id, reason_id;

  /* EUR 190000 won against USD 30000. */
  g_assert_cmpstr (crm_dashboard_data_get_currency (data), ==, "EUR");
  g_assert_cmpuint (g_strv_length ((GStrv) currencies), ==, 2);
  g_assert_cmpstr (currencies[0], ==, "EUR");
  g_assert_cmpstr (currencies[1], ==, "USD");

  /* Two pipelines: the stages carry their pipeline's name; counts, not rates. */
  g_assert_cmpuint (funnel->n_stages, ==, 12);
  g_assert_cmpstr (funnel->stages[0].name, ==, "Sales › Initial contact");
  g_assert_cmpuint (funnel->stages[0].entered, ==, 8);
  g_assert_cmpuint (funnel->stages[0].moved_on, ==, 7);
  g_assert_cmpstr (funnel->stages[5].name, ==, "Sales › Won");
  g_assert_cmpuint (funnel->stages[5].entered, ==, 3);
  g_assert_cmpstr (funnel->stages[6].name, ==, "Partners › Initial contact");
  g_assert_cmpuint (funnel->stages[6].moved_on, ==, 1);
  g_assert_true (crm_dashboard_data_get_funnel_stage (data, 3, &stage_id, &pipeline_id));
  g_assert_cmpint (stage_id, ==, fixture->data.sales_stages[3]);
  g_assert_cmpint (pipeline_id, ==, fixture->data.sales_id);
  g_assert_true (crm_dashboard_data_get_funnel_stage (data, 6, &stage_id, &pipeline_id));
  g_assert_cmpint (stage_id, ==, fixture->data.partners_stages[0]);
  g_assert_cmpint (pipeline_id, ==, fixture->data.partners_id);
  g_assert_false (crm_dashboard_data_get_funnel_stage (data, 12, &stage_id, &pipeline_id));

  /* Oldest first, in EUR; the period is past: no forecast. */
  g_assert_cmpstr (revenue->currency, ==, "EUR");
  g_assert_cmpuint (revenue->n_months, ==, 3);
  assert_month (revenue->months[0].month, 2024, 1);
  assert_month (revenue->months[2].month, 2024, 3);
  g_assert_cmpint (revenue->months[0].won_minor, ==, 100000);
  g_assert_cmpint (revenue->months[1].won_minor, ==, 90000);
  g_assert_cmpint (revenue->months[2].won_minor, ==, 0);
  for (guint i = 0; i < revenue->n_months; i++)
    g_assert_cmpint (revenue->months[i].forecast_minor, ==, 0);

  g_assert_cmpuint (win_rate->n_months, ==, 3);
  assert_month (win_rate->months[1].month, 2024, 2);
  g_assert_cmpuint (win_rate->months[0].won, ==, 1);
  g_assert_cmpuint (win_rate->months[0].lost, ==, 0);
  g_assert_cmpuint (win_rate->months[1].won, ==, 2);
  g_assert_cmpuint (win_rate->months[1].lost, ==, 1);
  g_assert_cmpuint (win_rate->months[2].won, ==, 1);
  g_assert_cmpuint (win_rate->months[2].lost, ==, 1);

  /* Every source in its order, zeros too, and the contacts without one last. */
  g_assert_cmpuint (sources->n_items, ==, 8);
  g_assert_cmpstr (sources->items[0].name, ==, "Referral");
  g_assert_cmpuint (sources->items[0].count, ==, 0);
  g_assert_cmpstr (sources->items[1].name, ==, "Website");
  g_assert_cmpuint (sources->items[1].count, ==, 2);
  g_assert_cmpstr (sources->items[7].name, ==, "No source");
  g_assert_cmpuint (sources->items[7].count, ==, 1);

  g_assert_cmpuint (reasons->n_items, ==, 2);
  g_assert_cmpstr (reasons->items[0].name, ==, "Price");
  g_assert_cmpuint (reasons->items[0].count, ==, 1);
  g_assert_true (crm_dashboard_data_get_lost_reason (data, 1, &reason_id));
  g_assert_cmpint (reason_id, ==, fixture->data.lost_reasons[1]);
  g_assert_false (crm_dashboard_data_get_lost_reason (data, 2, &reason_id));

  g_assert_cmpuint (times->n_stages, ==, 10);
  g_assert_cmpstr (times->stages[0].name, ==, "Sales › Initial contact");
  g_assert_cmpuint (times->stages[0].n_deals, ==, 8);
  g_assert_cmpfloat_with_epsilon (times->stages[0].mean_days, 28.5625, EPSILON);
  g_assert_cmpstr (times->stages[5].name, ==, "Partners › Initial contact");
  g_assert_cmpfloat_with_epsilon (times->stages[5].mean_days, 51.0, EPSILON);
  /* No stay ended: no bar, not a NaN. */
  g_assert_cmpuint (times->stages[6].n_deals, ==, 0);
  g_assert_false (isnan (times->stages[6].mean_days));

  /* February: NPS 9, 8, 6 and CSAT 4, 3. */
  g_assert_cmpuint (answers->n_months, ==, 3);
  g_assert_cmpuint (answers->months[1].nps_promoters, ==, 1);
  g_assert_cmpuint (answers->months[1].nps_passives, ==, 1);
  g_assert_cmpuint (answers->months[1].nps_detractors, ==, 1);
  g_assert_cmpuint (answers->months[1].csat_satisfied, ==, 1);
  g_assert_cmpuint (answers->months[1].csat_answers, ==, 2);
  g_assert_cmpuint (answers->months[0].nps_promoters, ==, 1);
  g_assert_cmpuint (answers->months[0].nps_passives, ==, 0);

  for (CrmChartKind kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    g_assert_false (crm_chart_is_empty (kind, crm_dashboard_data_get_chart (data, kind)));
}

/* The currency asked for, when the report has amounts in it; else the most won. */
static void
test_currency_choice (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmDashboardData) usd
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, "USD");
  g_autoptr (CrmDashboardData) unknown
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, "CHF");
  const CrmChartRevenue *revenue = crm_dashboard_data_get_chart (usd, CRM_CHART_REVENUE);
  g_auto (CrmDashboardFigure) figure = { 0 };
  g_autofree char *expected = crm_money_format (30000, "USD");

  g_assert_cmpstr (crm_dashboard_data_get_currency (usd), ==, "USD");
  g_assert_cmpstr (revenue->currency, ==, "USD");
  g_assert_cmpint (revenue->months[0].won_minor, ==, 0);
  g_assert_cmpint (revenue->months[2].won_minor, ==, 30000);
  g_assert_cmpstr (crm_dashboard_data_get_currency (unknown), ==, "EUR");

  /* The money figures follow it: average deal size USD 30000. */
  crm_dashboard_data_get_figure (usd, CRM_KPI_AVERAGE_DEAL_SIZE, &figure);
  g_assert_cmpstr (figure.value, ==, expected);
}

/* Q2 reaches now (06-15): its months, then the forecast of the months to come (June's merged
 * into June), in the chart's currency. */
static void
test_q2_forecast (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmDashboardData) eur = compute (fixture, DAY (2024, 4, 1), DAY (2024, 7, 1), 0, NULL);
  g_autoptr (CrmDashboardData) usd
      = compute (fixture, DAY (2024, 4, 1), DAY (2024, 7, 1), 0, "USD");
  const CrmChartRevenue *revenue = crm_dashboard_data_get_chart (eur, CRM_CHART_REVENUE);
  const CrmChartCounts *reasons = crm_dashboard_data_get_chart (eur, CRM_CHART_LOST_REASONS);
  const CrmChartRevenue *dollars = crm_dashboard_data_get_chart (usd, CRM_CHART_REVENUE);
  gint64 reason_id = -1;

  g_assert_cmpstr (revenue->currency, ==, "EUR");
  /* Apr, May, Jun, then Jul … Nov (the forecast's six months from June). */
  g_assert_cmpuint (revenue->n_months, ==, 8);
  assert_month (revenue->months[0].month, 2024, 4);
  assert_month (revenue->months[3].month, 2024, 7);
  assert_month (revenue->months[7].month, 2024, 11);
  g_assert_cmpint (revenue->months[1].won_minor, ==, 25000); /* D10 in May */
  g_assert_cmpint (revenue->months[2].forecast_minor, ==, 0);
  g_assert_cmpint (revenue->months[4].forecast_minor, ==, 1001); /* D13 in August */
  g_assert_cmpint (revenue->months[3].forecast_minor, ==, 0);
  g_assert_cmpint (dollars->months[3].forecast_minor, ==, 10000); /* D8 in July */

  /* Price, then the deal lost without a reason. */
  g_assert_cmpuint (reasons->n_items, ==, 2);
  g_assert_cmpstr (reasons->items[0].name, ==, "Price");
  g_assert_cmpstr (reasons->items[1].name, ==, "No reason given");
  g_assert_true (crm_dashboard_data_get_lost_reason (eur, 1, &reason_id));
  g_assert_cmpint (reason_id, ==, 0);
}

/* One pipeline: plain stage names. */
static void
test_one_pipeline (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmDashboardData) data
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), fixture->data.sales_id, NULL);
  const CrmChartFunnel *funnel = crm_dashboard_data_get_chart (data, CRM_CHART_FUNNEL);
  const CrmChartStageTime *times = crm_dashboard_data_get_chart (data, CRM_CHART_STAGE_TIME);

  g_assert_cmpuint (funnel->n_stages, ==, 6);
  g_assert_cmpstr (funnel->stages[0].name, ==, "Initial contact");
  g_assert_cmpstr (funnel->stages[5].name, ==, "Won");
  g_assert_cmpuint (times->n_stages, ==, 5);
  g_assert_cmpstr (times->stages[4].name, ==, "Negotiation");
}

/* The figures of Q1 against its previous period (see test-kpi.c). */
static void
test_figures (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmDashboardData) data
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, NULL);
  g_auto (CrmDashboardFigure) figure = { 0 };
  g_autofree char *open_value = crm_money_format (215005, "EUR");
  g_autofree char *open_previous = crm_money_format (160000, "EUR");
  g_autofree char *dollars = crm_money_format (20000, "USD");

  /* EUR 215005 and USD 20000 open; EUR 160000 before: +34 %, better. */
  crm_dashboard_data_get_figure (data, CRM_KPI_OPEN_PIPELINE_VALUE, &figure);
  g_assert_true (figure.available);
  g_assert_cmpstr (figure.value, ==, open_value);
  g_assert_cmpstr (figure.previous, ==, open_previous);
  g_assert_cmpstr (figure.change, ==, "+34%");
  g_assert_cmpint (figure.direction, ==, 1);
  g_assert_true (figure.better);
  g_assert_nonnull (strstr (figure.detail, "6 open deals"));
  g_assert_nonnull (strstr (figure.detail, dollars));

  /* 4 of 6; the previous period closed nothing: no change. */
  crm_dashboard_data_get_figure (data, CRM_KPI_WIN_RATE, &figure);
  g_assert_cmpstr (figure.value, ==, "66.7%");
  g_assert_cmpstr (figure.detail, ==, "4 won, 2 lost");
  g_assert_null (figure.previous);
  g_assert_null (figure.change);
  g_assert_cmpint (figure.direction, ==, 0);

  /* 1/3 against 1/1: down 66.7 points, which is better for churn. */
  crm_dashboard_data_get_figure (data, CRM_KPI_CHURN_RATE, &figure);
  g_assert_cmpstr (figure.value, ==, "33.3%");
  g_assert_cmpstr (figure.change, ==, "-66.7 pts");
  g_assert_cmpint (figure.direction, ==, -1);
  g_assert_true (figure.better);

  /* 4 new leads against 3: +33 %. */
  crm_dashboard_data_get_figure (data, CRM_KPI_NEW_LEADS, &figure);
  g_assert_cmpstr (figure.value, ==, "4");
  g_assert_cmpstr (figure.change, ==, "+33%");

  /* CAC EUR 200000 against EUR 259: up, which is worse. */
  crm_dashboard_data_get_figure (data, CRM_KPI_CAC, &figure);
  g_assert_cmpint (figure.direction, ==, 1);
  g_assert_false (figure.better);

  crm_dashboard_data_get_figure (data, CRM_KPI_NPS, &figure);
  g_assert_cmpstr (figure.value, ==, "+17");
  crm_dashboard_data_get_figure (data, CRM_KPI_SALES_CYCLE_DAYS, &figure);
  g_assert_cmpstr (figure.value, ==, "42.8 days");
}

/* Nothing happened in 2020: the KPIs without inputs say why. */
static void
test_unavailable_figures (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmDashboardData) data
      = compute (fixture, DAY (2020, 1, 1), DAY (2020, 2, 1), 0, NULL);
  g_auto (CrmDashboardFigure) figure = { 0 };
  const CrmKpiResult *r = crm_dashboard_data_get_report (data)->current;

  for (guint i = 0; i < G_N_ELEMENTS (crm_dashboard_kpis); i++)
    {
      CrmKpi kpi = crm_dashboard_kpis[i];

      crm_dashboard_data_get_figure (data, kpi, &figure);
      if (crm_kpi_result_is_available (r, kpi))
        continue;
      g_assert_false (figure.available);
      g_assert_cmpstr (figure.value, ==, "—");
      g_assert_cmpstr (figure.detail, ==, crm_kpi_result_get_reason (r, kpi));
      g_assert_null (figure.change);
    }
  crm_dashboard_data_get_figure (data, CRM_KPI_WIN_RATE, &figure);
  g_assert_false (figure.available);
  g_assert_null (crm_dashboard_data_get_currency (data));
  for (CrmChartKind kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    g_assert_true (crm_chart_is_empty (kind, crm_dashboard_data_get_chart (data, kind)));
}

static void
test_periods (void)
{
  const gint64 now = crm_test_utc (2024, 5, 15, 13, 30, 0);
  gint64 from = 0, to = 0;
  CrmDashboardPeriod period;
  g_autofree char *text = NULL;

  g_assert_true (
      crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_THIS_MONTH, now, NULL, NULL, &from, &to));
  g_assert_cmpint (from, ==, DAY (2024, 5, 1));
  g_assert_cmpint (to, ==, DAY (2024, 5, 16));
  g_assert_true (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_LAST_30_DAYS, now, NULL, NULL,
                                               &from, &to));
  g_assert_cmpint (from, ==, DAY (2024, 4, 16));
  g_assert_cmpint (to, ==, DAY (2024, 5, 16));
  g_assert_true (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_LAST_90_DAYS, now, NULL, NULL,
                                               &from, &to));
  g_assert_cmpint (from, ==, DAY (2024, 2, 16));
  g_assert_true (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_THIS_QUARTER, now, NULL, NULL,
                                               &from, &to));
  g_assert_cmpint (from, ==, DAY (2024, 4, 1));
  g_assert_cmpint (to, ==, DAY (2024, 5, 16));
  g_assert_true (
      crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_THIS_YEAR, now, NULL, NULL, &from, &to));
  g_assert_cmpint (from, ==, DAY (2024, 1, 1));
  g_assert_true (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_CUSTOM, now, "2023-12-01",
                                               "2024-02-29", &from, &to));
  g_assert_cmpint (from, ==, DAY (2023, 12, 1));
  g_assert_cmpint (to, ==, DAY (2024, 3, 1));
  /* One day is a period; a last day before the first, or no date, is not. */
  g_assert_true (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_CUSTOM, now, "2024-02-29",
                                               "2024-02-29", &from, &to));
  g_assert_cmpint (to - from, ==, 24 * 3600);
  g_assert_false (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_CUSTOM, now, "2024-03-01",
                                                "2024-02-29", &from, &to));
  g_assert_false (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_CUSTOM, now, "2023-02-29",
                                                "2024-02-29", &from, &to));
  g_assert_false (crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_CUSTOM, now, "yesterday",
                                                "2024-02-29", &from, &to));

  for (CrmDashboardPeriod p = 0; p < CRM_DASHBOARD_N_PERIODS; p++)
    {
      g_assert_true (crm_dashboard_period_from_nick (crm_dashboard_period_get_nick (p), &period));
      g_assert_cmpint (period, ==, p);
      g_assert_cmpuint (strlen (crm_dashboard_period_get_label (p)), >, 0);
    }
  g_assert_false (crm_dashboard_period_from_nick ("last-week", &period));

  text = crm_dashboard_format_period (DAY (2024, 1, 1), DAY (2024, 4, 1));
  g_assert_cmpstr (text, ==, "Jan 1, 2024 – Mar 31, 2024");
}

static void
test_chart_names (void)
{
  const char *const names[] = { "funnel",       "revenue",    "win-rate",    "lead-sources",
                                "lost-reasons", "stage-time", "satisfaction" };
  CrmChartKind kind;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == CRM_CHART_N_KINDS);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (crm_dashboard_chart_get_name ((CrmChartKind) i), ==, names[i]);
      g_assert_true (crm_dashboard_chart_from_name (names[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpuint (strlen (crm_dashboard_chart_get_title (kind)), >, 0);
    }
  g_assert_false (crm_dashboard_chart_from_name ("pie", &kind));
  g_assert_false (crm_dashboard_chart_from_name (NULL, &kind));
}

/* A PDF that starts like one; a file in a missing folder is an error naming it, and a failed
 * report leaves the old file as it was. */
static void
test_report_file (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmDashboardData) data
      = compute (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1), 0, NULL);
  g_autofree char *path = g_build_filename (fixture->folder, "report.pdf", NULL);
  g_autofree char *bad = g_build_filename (fixture->folder, "missing", "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_assert_true (crm_dashboard_write_report (data, NULL, FALSE, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_assert_false (crm_dashboard_write_report (data, "Sales", TRUE, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static guint
count_spend (CrmStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = crm_store_list_acquisition_spend (store, &error);

  g_assert_no_error (error);
  return rows->len;
}

/* Spend rows added, changed and deleted as undoable steps; a second row for the same source,
 * month and currency, a month that does not start on the 1st, a bad currency are refused and
 * write nothing. The hand-built data has five rows. */
static void
test_spend_actions (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmUndoManager) undo = crm_undo_manager_new (fixture->store);
  g_autoptr (CrmAcquisitionSpendRecord) spend = crm_acquisition_spend_record_new ();
  g_autoptr (CrmAcquisitionSpendRecord) clash = crm_acquisition_spend_record_new ();
  g_autoptr (CrmAcquisitionSpendRecord) stored = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_cmpint (crm_spend_month_start (2024, 5), ==, DAY (2024, 5, 1));
  g_assert_cmpuint (count_spend (fixture->store), ==, 5);
  /* Newest month first. */
  rows = crm_store_list_acquisition_spend (fixture->store, &error);
  g_assert_cmpint (((CrmAcquisitionSpendRecord *) rows->pdata[0])->month_start, ==,
                   DAY (2024, 4, 1));

  spend->source_id = fixture->data.sources[2];
  spend->month_start = crm_spend_month_start (2024, 5);
  spend->amount_minor = 12345;
  spend->currency = g_strdup ("EUR");
  g_assert_true (crm_spend_actions_add (undo, spend, &error));
  g_assert_no_error (error);
  id = spend->id;
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (count_spend (fixture->store), ==, 6);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (undo), ==, "Added spend of Event for May 2024");
  g_assert_cmpint (crm_store_find_acquisition_spend (fixture->store, spend->source_id,
                                                     spend->month_start, "EUR", &error),
                   ==, id);

  /* The same source, month and currency again. */
  clash->source_id = spend->source_id;
  clash->month_start = spend->month_start;
  clash->amount_minor = 1;
  clash->currency = g_strdup ("EUR");
  g_assert_false (crm_spend_actions_add (undo, clash, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Event already has spend for May 2024 in EUR"));
  g_clear_error (&error);
  /* Another currency is another row. */
  g_free (clash->currency);
  clash->currency = g_strdup ("usd");
  g_assert_false (crm_spend_actions_add (undo, clash, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  clash->month_start += 3600;
  g_free (clash->currency);
  clash->currency = g_strdup ("USD");
  g_assert_false (crm_spend_actions_add (undo, clash, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_spend (fixture->store), ==, 6);

  /* Changed, and the change undone. */
  spend->amount_minor = 50000;
  g_assert_true (crm_spend_actions_update (undo, spend, &error));
  g_assert_no_error (error);
  stored = crm_store_get_acquisition_spend (fixture->store, id, &error);
  g_assert_cmpint (stored->amount_minor, ==, 50000);
  g_clear_pointer (&stored, crm_acquisition_spend_record_free);
  g_assert_true (crm_undo_manager_undo (undo, &error));
  stored = crm_store_get_acquisition_spend (fixture->store, id, &error);
  g_assert_cmpint (stored->amount_minor, ==, 12345);

  /* Deleted, and back. */
  g_assert_true (crm_spend_actions_delete (undo, id, &error));
  g_assert_cmpuint (count_spend (fixture->store), ==, 5);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (undo), ==,
                   "Deleted spend of Event for May 2024");
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_spend (fixture->store), ==, 6);

  /* And the adding undone. */
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_cmpuint (count_spend (fixture->store), ==, 5);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/dashboard/q1/charts", test_q1_charts);
  TEST_F ("/dashboard/currency-choice", test_currency_choice);
  TEST_F ("/dashboard/q2/forecast", test_q2_forecast);
  TEST_F ("/dashboard/one-pipeline", test_one_pipeline);
  TEST_F ("/dashboard/figures", test_figures);
  TEST_F ("/dashboard/unavailable", test_unavailable_figures);
  TEST_F ("/dashboard/report-file", test_report_file);
  TEST_F ("/dashboard/spend-actions", test_spend_actions);
  g_test_add_func ("/dashboard/periods", test_periods);
  g_test_add_func ("/dashboard/chart-names", test_chart_names);

  return g_test_run ();
}
