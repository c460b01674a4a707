/* crm-kpi-tile.h — CrmKpiTile: one KPI on the dashboard: its name, its value, the change since
 * the previous period (an arrow up or down, green when it is an improvement, red when not) and
 * what it is made of; an unavailable KPI shows "—" with the reason under it and as its tooltip.
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-dashboard-data.h"

G_BEGIN_DECLS

#define CRM_TYPE_KPI_TILE (crm_kpi_tile_get_type ())
G_DECLARE_FINAL_TYPE (CrmKpiTile, crm_kpi_tile, CRM, KPI_TILE, GtkWidget)

GtkWidget *
crm_kpi_tile_new (CrmKpi kpi);
CrmKpi
crm_kpi_tile_get_kpi (CrmKpiTile *self);

/* Shows @figure (NULL: no value yet, "…"). */
void
crm_kpi_tile_set_figure (CrmKpiTile *self, const CrmDashboardFigure *figure);

/* The texts shown, for tests: the value, the change line ("↑ +12%", "" without one) and the
 * detail line. */
const char *
crm_kpi_tile_get_value_text (CrmKpiTile *self);
const char *
crm_kpi_tile_get_change_text (CrmKpiTile *self);
const char *
crm_kpi_tile_get_detail_text (CrmKpiTile *self);

G_END_DECLS
