/* crm-dashboard-report.h — the KPI report as a multi-page PDF: page 1 the title, the period, the
 * pipeline and the KPI table (this period, the previous one, the change), then one page per chart
 * drawn by the same renderers as the dashboard (crm-chart.h). Cairo and Pango, no GTK.
 */
#pragma once

#include "crm-dashboard-data.h"

G_BEGIN_DECLS

/* A4 landscape, in points. */
#define CRM_DASHBOARD_REPORT_PAGE_WIDTH 842.0
#define CRM_DASHBOARD_REPORT_PAGE_HEIGHT 595.0

/* How many pages crm_dashboard_write_report() writes: 1 + one per chart. */
#define CRM_DASHBOARD_REPORT_N_PAGES (1 + CRM_CHART_N_KINDS)

/* Writes the report of @data into the PDF file @path, replaced whole or not at all.
 * @pipeline_name names the pipeline on page 1 (NULL: every pipeline); @dark draws it in the dark
 * style. Errors name the file and the reason (G_IO_ERROR from writing, CRM_CHART_ERROR when Cairo
 * fails). */
gboolean
crm_dashboard_write_report (CrmDashboardData *data,
                            const char *pipeline_name,
                            gboolean dark,
                            const char *path,
                            GError **error);

G_END_DECLS
