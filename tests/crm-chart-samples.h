/* crm-chart-samples.h — chart data of a realistic size for the chart tests, the benchmark and the
 * gallery: 24 months, 8 stages, 12 lead sources, 10 lost reasons; and "empty" data of each kind
 * (items, but nothing to show).
 */
#pragma once

#include "crm-chart.h"

G_BEGIN_DECLS

/* Static data of @kind (see CrmChartKind for the struct). */
gconstpointer
crm_chart_sample (CrmChartKind kind);
/* Data of @kind with its items (months, stages, sources) but all counts and amounts zero. */
gconstpointer
crm_chart_sample_empty (CrmChartKind kind);
/* A short name of @kind for file names and test paths, e.g. "lost-reasons". */
const char *
crm_chart_sample_name (CrmChartKind kind);

G_END_DECLS
