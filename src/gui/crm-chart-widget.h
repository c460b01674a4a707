/* crm-chart-widget.h — CrmChartWidget: one chart of crm-chart.h drawn in a widget with Cairo
 * (the same renderer as the files), in the light or the dark palette as libadwaita's style is.
 * Pointing at a bar or point names it with its exact value in the tooltip and highlights it;
 * clicking one emits ::item-activated with its index in the chart's data (a funnel stage, a
 * lost reason, …).
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-dashboard-data.h"

G_BEGIN_DECLS

#define CRM_TYPE_CHART_WIDGET (crm_chart_widget_get_type ())
G_DECLARE_FINAL_TYPE (CrmChartWidget, crm_chart_widget, CRM, CHART_WIDGET, GtkWidget)

GtkWidget *
crm_chart_widget_new (CrmChartKind kind);
CrmChartKind
crm_chart_widget_get_kind (CrmChartWidget *self);

/* The data to draw (its chart of the widget's kind), or NULL: the empty state. The widget keeps a
 * reference. */
void
crm_chart_widget_set_data (CrmChartWidget *self, CrmDashboardData *data);
CrmDashboardData *
crm_chart_widget_get_data (CrmChartWidget *self);

/* What pointing at (@x, @y) does: highlights the item there and makes the widget's tooltip its
 * name and exact value ("Proposal: 3 entered, 2 moved on (67%)"), which is returned; NULL and
 * no tooltip where there is no item. The pointer's motion calls it. */
const char *
crm_chart_widget_hover (CrmChartWidget *self, double x, double y);
/* What clicking at (@x, @y) does: ::item-activated for the item there; FALSE when none. */
gboolean
crm_chart_widget_activate_at (CrmChartWidget *self, double x, double y);

G_END_DECLS
