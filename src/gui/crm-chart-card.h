/* crm-chart-card.h — CrmChartCard: one chart of the dashboard in a card: its title, a menu (⋮)
 * with Show as Table, Copy Data and Export…, and either the chart (CrmChartWidget) or its data
 * as an accessible table (a GtkColumnView of crm_chart_to_table()).
 *
 * Actions (scope "card."): show-table (a toggle; the "show-table" property), copy (the table as
 * tab-separated text on the clipboard), export (a save dialog; PNG, SVG or PDF by the name's
 * extension, errors in a toast).
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-chart-widget.h"

G_BEGIN_DECLS

#define CRM_TYPE_CHART_CARD (crm_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (CrmChartCard, crm_chart_card, CRM, CHART_CARD, GtkWidget)

/* The size of an exported chart: pixels for PNG, points for SVG and PDF. */
#define CRM_CHART_CARD_EXPORT_WIDTH 1200
#define CRM_CHART_CARD_EXPORT_HEIGHT 675

GtkWidget *
crm_chart_card_new (CrmChartKind kind);
CrmChartWidget *
crm_chart_card_get_chart (CrmChartCard *self);
void
crm_chart_card_set_data (CrmChartCard *self, CrmDashboardData *data);

gboolean
crm_chart_card_get_show_table (CrmChartCard *self);
void
crm_chart_card_set_show_table (CrmChartCard *self, gboolean show_table);
/* The table shown (or that would be), NULL without data. */
const CrmChartTable *
crm_chart_card_get_table (CrmChartCard *self);
/* The table's column view (for tests). */
GtkColumnView *
crm_chart_card_get_column_view (CrmChartCard *self);

/* Puts the table on the clipboard as tab-separated lines (card.copy); FALSE without data. */
gboolean
crm_chart_card_copy (CrmChartCard *self);
/* Writes the chart into @path (card.export does after its dialog), in the style shown. */
gboolean
crm_chart_card_export (CrmChartCard *self, const char *path, GError **error);

G_END_DECLS
