/* crm-chart-samples.c — the sample chart data (see the header). The months run from January 2024
 * to December 2025; "now" is July 2025: won revenue until then, the forecast from then on. */
#include "crm-chart-samples.h"

#define N_MONTHS 24

static const CrmChartFunnelStage funnel_stages[] = {
  { "Initial contact", 412, 301 },  { "Qualification", 301, 220 },
  { "Needs assessment", 220, 160 }, { "Proposal", 160, 101 },
  { "Negotiation", 101, 80 },       { "Contract sent", 80, 66 },
  { "Verbal commitment", 66, 58 },  { "Won", 58, 0 },
};
static CrmChartFunnelStage empty_funnel_stages[G_N_ELEMENTS (funnel_stages)];

static const CrmChartCount lead_sources[] = {
  { "Website", 148 },       { "Referral", 96 },
  { "Trade show", 61 },     { "LinkedIn", 54 },
  { "Cold call", 23 },      { "Partner", 38 },
  { "Webinar", 41 },        { "Google Ads", 77 },
  { "Newsletter", 12 },     { "Event sponsorship programme", 9 },
  { "Inbound e-mail", 30 }, { "Other", 5 },
};
static CrmChartCount empty_lead_sources[G_N_ELEMENTS (lead_sources)];

static const CrmChartCount lost_reasons[] = {
  { "Price too high", 31 },
  { "Chose a competitor", 24 },
  { "No budget this year", 17 },
  { "Went silent", 14 },
  { "Bad timing", 11 },
  { "Missing feature: integration with their accounting software", 8 },
  { "Lost our champion", 6 },
  { "Blocked by legal or procurement", 4 },
  { "Too small for us", 2 },
  { "Other", 1 },
};
static CrmChartCount empty_lost_reasons[G_N_ELEMENTS (lost_reasons)];

static const CrmChartStageTimeItem stage_times[] = {
  { "Initial contact", 3.2, 390 },   { "Qualification", 6.8, 290 },
  { "Needs assessment", 11.5, 210 }, { "Proposal", 14.1, 150 },
  { "Negotiation", 21.7, 96 },       { "Contract sent", 5.4, 78 },
  { "Verbal commitment", 2.0, 60 },  { "Won", 0, 0 },
};
static CrmChartStageTimeItem empty_stage_times[G_N_ELEMENTS (stage_times)];

static CrmChartRevenueMonth revenue_months[N_MONTHS], empty_revenue_months[N_MONTHS];
static CrmChartWinRateMonth win_rate_months[N_MONTHS], empty_win_rate_months[N_MONTHS];
static CrmChartSatisfactionMonth satisfaction_months[N_MONTHS], empty_satisfaction_months[N_MONTHS];

static const CrmChartFunnel funnel = { funnel_stages, G_N_ELEMENTS (funnel_stages) };
static const CrmChartFunnel empty_funnel = { empty_funnel_stages, G_N_ELEMENTS (funnel_stages) };
static const CrmChartCounts sources = { lead_sources, G_N_ELEMENTS (lead_sources) };
static const CrmChartCounts empty_sources = { empty_lead_sources, G_N_ELEMENTS (lead_sources) };
static const CrmChartCounts reasons = { lost_reasons, G_N_ELEMENTS (lost_reasons) };
static const CrmChartCounts empty_reasons = { empty_lost_reasons, G_N_ELEMENTS (lost_reasons) };
static const CrmChartStageTime stage_time = { stage_times, G_N_ELEMENTS (stage_times) };
static const CrmChartStageTime empty_stage_time = { empty_stage_times, G_N_ELEMENTS (stage_times) };
static const CrmChartRevenue revenue = { "EUR", revenue_months, N_MONTHS };
static const CrmChartRevenue empty_revenue = { "EUR", empty_revenue_months, N_MONTHS };
static const CrmChartWinRate win_rate = { win_rate_months, N_MONTHS };
static const CrmChartWinRate empty_win_rate = { empty_win_rate_months, N_MONTHS };
static const CrmChartSatisfaction satisfaction = { satisfaction_months, N_MONTHS };
static const CrmChartSatisfaction empty_satisfaction = { empty_satisfaction_months, N_MONTHS };

static void
fill_months (void)
{
  static gboolean filled = FALSE;

  if (filled)
    return;
  filled = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (empty_funnel_stages); i++)
    empty_funnel_stages[i] = (CrmChartFunnelStage){ funnel_stages[i].name, 0, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (empty_lead_sources); i++)
    empty_lead_sources[i] = (CrmChartCount){ lead_sources[i].name, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (empty_lost_reasons); i++)
    empty_lost_reasons[i] = (CrmChartCount){ lost_reasons[i].name, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (empty_stage_times); i++)
    empty_stage_times[i] = (CrmChartStageTimeItem){ stage_times[i].name, 0, 0 };

  for (int i = 0; i < N_MONTHS; i++)
    {
      CrmChartMonth month = { 2024 + i / 12, i % 12 + 1 };
      /* A wobbly rise, in whole euros (minor units: cents). */
      gint64 base = 4000000 + 350000 * i + (i * 7919 % 13) * 250000;

      revenue_months[i] = (CrmChartRevenueMonth){ month, 0, 0 };
      if (i < 18)
        revenue_months[i].won_minor = base;
      if (i == 18)
        {
          revenue_months[i].won_minor = base / 3;
          revenue_months[i].forecast_minor = base / 2;
        }
      if (i > 18)
        revenue_months[i].forecast_minor = base * (30 - i) / 20;
      empty_revenue_months[i] = (CrmChartRevenueMonth){ month, 0, 0 };

      win_rate_months[i] = (CrmChartWinRateMonth){ month, 8 + (i * 5 % 9), 10 + (i * 3 % 7) };
      /* A month without closed deals: the line breaks there. */
      if (i == 7 || i > 18)
        win_rate_months[i].won = win_rate_months[i].lost = 0;
      empty_win_rate_months[i] = (CrmChartWinRateMonth){ month, 0, 0 };

      satisfaction_months[i] = (CrmChartSatisfactionMonth){
        month, 20 + i % 7, 10 + i % 3, 8 + (i * 5 % 11), 30 + i % 9, 36 + i % 9 + i % 4,
      };
      if (i > 18)
        satisfaction_months[i] = (CrmChartSatisfactionMonth){ month };
      if (i == 4)
        satisfaction_months[i].csat_satisfied = satisfaction_months[i].csat_answers = 0;
      empty_satisfaction_months[i] = (CrmChartSatisfactionMonth){ month };
    }
}

gconstpointer
crm_chart_sample (CrmChartKind kind)
{
  fill_months ();
  switch (kind)
    {
      case CRM_CHART_FUNNEL:
        return &funnel;
      case CRM_CHART_REVENUE:
        return &revenue;
      case CRM_CHART_WIN_RATE:
        return &win_rate;
      case CRM_CHART_LEAD_SOURCES:
        return &sources;
      case CRM_CHART_LOST_REASONS:
        return &reasons;
      case CRM_CHART_STAGE_TIME:
        return &stage_time;
      case CRM_CHART_SATISFACTION:
        return &satisfaction;
      case CRM_CHART_N_KINDS:
      default:
        g_assert_not_reached ();
    }
}

gconstpointer
crm_chart_sample_empty (CrmChartKind kind)
{
  fill_months ();
  switch (kind)
    {
      case CRM_CHART_FUNNEL:
        return &empty_funnel;
      case CRM_CHART_REVENUE:
        return &empty_revenue;
      case CRM_CHART_WIN_RATE:
        return &empty_win_rate;
      case CRM_CHART_LEAD_SOURCES:
        return &empty_sources;
      case CRM_CHART_LOST_REASONS:
        return &empty_reasons;
      case CRM_CHART_STAGE_TIME:
        return &empty_stage_time;
      case CRM_CHART_SATISFACTION:
        return &empty_satisfaction;
      case CRM_CHART_N_KINDS:
      default:
        g_assert_not_reached ();
    }
}

const char *
crm_chart_sample_name (CrmChartKind kind)
{
  static const char *const names[] = {
    "funnel", "revenue", "win-rate", "lead-sources", "lost-reasons", "stage-time", "satisfaction",
  };

  g_assert (kind < G_N_ELEMENTS (names));
  return names[kind];
}
