/* crm-dashboard-view.h — CrmDashboardView, the Dashboard page: the KPIs of a period as tiles
 * (value, change since the previous period, or why unavailable) and the charts in an adaptive
 * grid (one column when narrow, up to three when wide), with a period selector (this month, the
 * last 30 or 90 days, this quarter, this year, custom days) and a pipeline selector remembered in
 * GSettings (dashboard-period, -from, -to, -pipeline, -currency).
 *
 * The KPIs are computed in a worker thread (crm_kpi_compute_async) when the page is first shown,
 * not before, and again a moment after the data changes (the store's ::changed, coalesced) or a
 * selector does, while the page shows the figures it has. Clicking a funnel stage or a lost
 * reason emits ::show-deals with those deals, for the Pipeline page.
 *
 * Actions (scope "dashboard."): edit-spend (the acquisition spend editor), export-report (the
 * PDF report of what is shown), currency (s; "" for the one with the most won revenue).
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-chart-card.h"
#include "crm-kpi-tile.h"
#include "crm-repository.h"
#include "crm-spend-editor.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_DASHBOARD_VIEW (crm_dashboard_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmDashboardView, crm_dashboard_view, CRM, DASHBOARD_VIEW, GtkWidget)

/* How long after a change of the data the KPIs are computed again. */
#define CRM_DASHBOARD_VIEW_RECOMPUTE_DELAY_MS 500

GtkWidget *
crm_dashboard_view_new (CrmRepository *repository, CrmUndoManager *undo_manager);

/* The figures shown; NULL until the first computation has ended. */
CrmDashboardData *
crm_dashboard_view_get_data (CrmDashboardView *self);
/* TRUE while a computation runs (also the "computing" property). */
gboolean
crm_dashboard_view_get_computing (CrmDashboardView *self);
/* How many computations have ended and been shown (for tests). */
guint
crm_dashboard_view_get_n_computed (CrmDashboardView *self);

/* The tile of @kpi (one of crm_dashboard_kpis) and the card of @kind. */
CrmKpiTile *
crm_dashboard_view_get_tile (CrmDashboardView *self, CrmKpi kpi);
CrmChartCard *
crm_dashboard_view_get_card (CrmDashboardView *self, CrmChartKind kind);

/* Emits ::show-deals (gint64 pipeline_id, GArray *deal_ids of gint64, const char *description)
 * with the deals behind item @index of chart @kind: a funnel stage's entries in the period, or
 * the deals lost for a reason; FALSE for other charts or without data. Clicking the item does
 * this. */
gboolean
crm_dashboard_view_show_item_deals (CrmDashboardView *self, CrmChartKind kind, guint index);

/* Opens the acquisition spend editor (dashboard.edit-spend). */
CrmSpendEditor *
crm_dashboard_view_edit_spend (CrmDashboardView *self);

G_END_DECLS
