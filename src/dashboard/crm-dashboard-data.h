/* crm-dashboard-data.h — the KPIs of a period (crm-kpi.h) made ready to show: the data struct of
 * every chart (crm-chart.h) and each KPI's figure as text, for the dashboard page, `rapport-cli
 * chart` and `rapport-cli report`. GLib, core and charts only (no GTK).
 *
 * The charts get counts, not ratios (the renderers compute the rates), months oldest first, one
 * currency in the revenue chart, lost reasons largest first. Stage names carry their pipeline's
 * name ("Partners › Proposal") when the period's figures span more than one pipeline.
 */
#pragma once

#include "crm-chart.h"
#include "crm-kpi.h"

G_BEGIN_DECLS

typedef struct _CrmDashboardData CrmDashboardData;

#define CRM_TYPE_DASHBOARD_DATA (crm_dashboard_data_get_type ())
GType
crm_dashboard_data_get_type (void) G_GNUC_CONST;

/* Takes @report (computed with CRM_KPI_WITH_SERIES; CRM_KPI_WITH_PREVIOUS for the changes).
 * The money figures and the revenue chart are in @currency when the report has amounts in it,
 * else (and when @currency is NULL or "") in the currency with the most won revenue, then the
 * most forecast, then the first by code. */
CrmDashboardData *
crm_dashboard_data_new (CrmKpiReport *report, const char *currency);
CrmDashboardData *
crm_dashboard_data_ref (CrmDashboardData *self);
void
crm_dashboard_data_unref (CrmDashboardData *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDashboardData, crm_dashboard_data_unref)

const CrmKpiReport *
crm_dashboard_data_get_report (CrmDashboardData *self);
/* The currency of the revenue chart and of the money figures; NULL when no amount of money is
 * in the report. */
const char *
crm_dashboard_data_get_currency (CrmDashboardData *self);
/* Every currency of the report's won revenue, forecast, pipeline, spend and lifetime value, by
 * code (NULL-terminated; owned by @self). */
const char *const *
crm_dashboard_data_get_currencies (CrmDashboardData *self);

/* The data struct of @kind (CrmChartFunnel, CrmChartRevenue, …; see CrmChartKind), owned by
 * @self. */
gconstpointer
crm_dashboard_data_get_chart (CrmDashboardData *self, CrmChartKind kind);

/* The stage of the funnel's row @index, for "show these deals"; FALSE when out of range. */
gboolean
crm_dashboard_data_get_funnel_stage (CrmDashboardData *self,
                                     guint index,
                                     gint64 *stage_id,
                                     gint64 *pipeline_id);
/* The lost reason of the lost-reasons chart's row @index (0: no reason given); FALSE when out of
 * range. */
gboolean
crm_dashboard_data_get_lost_reason (CrmDashboardData *self, guint index, gint64 *lost_reason_id);

/* ---- Figures ------------------------------------------------------------------------------ */

/* The KPIs the dashboard shows as tiles and the report lists, in order (stage conversion is the
 * funnel chart's). */
extern const CrmKpi crm_dashboard_kpis[13];

typedef struct
{
  gboolean available;
  char *value;     /* "€12,500.00", "62.5%", "+20"; "—" when unavailable */
  char *detail;    /* what it is made of ("31 won, 19 lost"), other currencies, or the reason it is
                 * unavailable; may be NULL */
  char *previous;  /* the previous period's value as text, NULL without one */
  char *change;    /* versus the previous period: "+12%", "−4.5 pts", "+3 days"; NULL when
                   * either period has no value (or the previous one is 0 for a relative change) */
  int direction;   /* the sign of the change: 1 up, -1 down, 0 none or no change */
  gboolean better; /* the change is an improvement (lower is better for churn, CAC, cycle) */
} CrmDashboardFigure;

void
crm_dashboard_figure_clear (CrmDashboardFigure *figure);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmDashboardFigure, crm_dashboard_figure_clear)

/* Fills @figure (start from a zeroed one) with @kpi of the current period. */
void
crm_dashboard_data_get_figure (CrmDashboardData *self, CrmKpi kpi, CrmDashboardFigure *figure);

/* ---- Charts by name ----------------------------------------------------------------------- */

/* The title of @kind as the dashboard shows it ("Stage Funnel"), translated. */
const char *
crm_dashboard_chart_get_title (CrmChartKind kind);
/* The name of @kind on the command line ("funnel", "revenue", "win-rate", "lead-sources",
 * "lost-reasons", "stage-time", "satisfaction"), and back (FALSE for another name). */
const char *
crm_dashboard_chart_get_name (CrmChartKind kind);
gboolean
crm_dashboard_chart_from_name (const char *name, CrmChartKind *kind);

/* ---- Periods ------------------------------------------------------------------------------ */

typedef enum
{
  CRM_DASHBOARD_PERIOD_THIS_MONTH,
  CRM_DASHBOARD_PERIOD_LAST_30_DAYS,
  CRM_DASHBOARD_PERIOD_LAST_90_DAYS,
  CRM_DASHBOARD_PERIOD_THIS_QUARTER,
  CRM_DASHBOARD_PERIOD_THIS_YEAR,
  CRM_DASHBOARD_PERIOD_CUSTOM,
  CRM_DASHBOARD_N_PERIODS
} CrmDashboardPeriod;

/* The settings nick of @period ("this-month", "last-30-days", …, "custom") and back. */
const char *
crm_dashboard_period_get_nick (CrmDashboardPeriod period);
gboolean
crm_dashboard_period_from_nick (const char *nick, CrmDashboardPeriod *period);
/* Its name as shown ("This Month"), translated. */
const char *
crm_dashboard_period_get_label (CrmDashboardPeriod period);

/* [@from, @to) of @period at @now, in local days: this month, quarter and year end with today
 * (included); custom is @first_day to @last_day, both included ("YYYY-MM-DD"). FALSE when a
 * custom day is not a date or the last day is before the first. */
gboolean
crm_dashboard_period_resolve (CrmDashboardPeriod period,
                              gint64 now,
                              const char *first_day,
                              const char *last_day,
                              gint64 *from,
                              gint64 *to);

/* The period as a line of text: "1 Mar 2024 – 31 Mar 2024" in the locale's date format. */
char *
crm_dashboard_format_period (gint64 from, gint64 to);

G_END_DECLS
