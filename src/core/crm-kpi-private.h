/* crm-kpi-private.h — what the parts of the KPI engine share: the facts read from the store
 * (crm-kpi-facts.c), the arithmetic of one period over them (crm-kpi-compute.c), money per
 * currency, local months (crm-kpi-period.c), and making and freeing results (crm-kpi.c). */
#pragma once

#include "crm-kpi.h"

G_BEGIN_DECLS

/* ---- The facts ----------------------------------------------------------------------------------- */

/* What a stage is to the KPIs, found by its id. */
typedef struct
{
  gint64 pipeline_id;
  int position;
  int probability;
  CrmStageKind kind;
} CrmKpiStageInfo;

typedef struct
{
  gint64 pipeline_id;      /* 0: every pipeline */
  CrmKpiStageInfo *stages; /* indexed by stage id; kind -1 for ids that are no stage */
  gint64 n_stage_ids;      /* the largest stage id + 1 */
  GArray *stage_list;      /* CrmKpiStage: the open and Won stages of the pipeline(s), in order */
  GPtrArray *sources;      /* CrmLeadSourceRecord */
  GPtrArray *lost_reasons; /* CrmLostReasonRecord */
  GArray *deals;           /* CrmKpiDealFact, by id */
  guint *first_change;     /* per deal (its index): its first row in changes */
  guint *n_changes;        /* per deal: how many rows it has there */
  GArray *changes;         /* CrmKpiStageChange, by deal, then time, then id */
  GArray *contacts;        /* CrmKpiContactFact */
  GArray *lifecycle;       /* CrmKpiLifecycleChange, by contact, then time, then id */
  GArray *answers;         /* CrmKpiAnswer */
  GPtrArray *spend;        /* CrmAcquisitionSpendRecord of the months of every period asked */
} CrmKpiFacts;

/* Reads every fact, for periods within [@earliest, @latest) (the spend). NOT_FOUND when
 * @pipeline_id is not 0 and no pipeline has it. */
CrmKpiFacts *
crm_kpi_facts_load (
    CrmStore *store, gint64 pipeline_id, gint64 earliest, gint64 latest, GError **error);
void
crm_kpi_facts_free (CrmKpiFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmKpiFacts, crm_kpi_facts_free)

/* The stage @stage_id, or NULL when it is no stage. */
static inline const CrmKpiStageInfo *
crm_kpi_facts_get_stage (const CrmKpiFacts *facts, gint64 stage_id)
{
  if (stage_id <= 0 || stage_id >= facts->n_stage_ids || (int) facts->stages[stage_id].kind < 0)
    return NULL;
  return &facts->stages[stage_id];
}

/* Whether @stage belongs to the pipeline asked for. */
static inline gboolean
crm_kpi_facts_in_pipeline (const CrmKpiFacts *facts, const CrmKpiStageInfo *stage)
{
  return stage != NULL && (facts->pipeline_id == 0 || stage->pipeline_id == facts->pipeline_id);
}

/* ---- One period (crm-kpi-compute.c, crm-kpi-people.c) ------------------------------------------ */

/* A period being computed: its result and (when wanted) series, cut into buckets by
 * bounds[0] < … < bounds[n_bounds − 1], the period being [from, to) = [bounds[0], bounds[last]). */
typedef struct
{
  const CrmKpiFacts *facts;
  CrmKpiResult *result;
  CrmKpiSeries *series; /* NULL: no series */
  const gint64 *bounds;
  guint n_bounds;
  gint64 from;
  gint64 to;
  guint n_forecast_months;
} CrmKpiPeriod;

/* The bucket of @time among @bounds, or -1 outside them. */
int
crm_kpi_find_bucket (const gint64 *bounds, guint n_bounds, gint64 time);
/* The month of the series @time falls in, or NULL (no series, or outside). */
CrmKpiMonth *
crm_kpi_period_month (const CrmKpiPeriod *period, gint64 time);
gboolean
crm_kpi_in_period (const CrmKpiPeriod *period, gint64 time);
/* One CrmKpiSourceCount per lead source, zeroed; "none" is appended when it has leads. */
GArray *
crm_kpi_source_counts_new (const CrmKpiFacts *facts);

void
crm_kpi_compute_new_leads (const CrmKpiPeriod *period);
void
crm_kpi_compute_lifecycle (const CrmKpiPeriod *period);
void
crm_kpi_compute_feedback (const CrmKpiPeriod *period);
void
crm_kpi_compute_acquisition_cost (const CrmKpiPeriod *period);

/* The KPIs of [bounds[0], bounds[n_bounds - 1]), summed over the buckets between the bounds,
 * and with @series (not NULL) the series of those buckets. The open pipeline is taken at
 * min (to, @now), with @n_forecast_months months of forecast. */
CrmKpiResult *
crm_kpi_compute_period (const CrmKpiFacts *facts,
                        const gint64 *bounds,
                        guint n_bounds,
                        gint64 now,
                        guint n_forecast_months,
                        CrmKpiSeries *series);

/* ---- Money and counts per currency ----------------------------------------------------------------- */

GArray *
crm_kpi_money_new (void);
void
crm_kpi_money_add (GArray *money, const char *currency, gint64 amount_minor);
GArray *
crm_kpi_counts_new (void);
void
crm_kpi_counts_add (GArray *counts, const char *currency, guint count);
guint
crm_kpi_counts_get (GArray *counts, const char *currency);
/* @numerator ÷ @denominator (numerator ≥ 0, denominator > 0), halves rounded up. */
gint64
crm_kpi_divide_rounded (gint64 numerator, gint64 denominator);

/* ---- Results -------------------------------------------------------------------------------------- */

CrmKpiResult *
crm_kpi_result_new (gint64 from, gint64 to, gint64 as_of, gint64 pipeline_id);
void
crm_kpi_result_free (CrmKpiResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmKpiResult, crm_kpi_result_free)
void
crm_kpi_series_free (CrmKpiSeries *series);
/* Sets the reason of @kpi (the first one set stays). */
void
crm_kpi_result_set_unavailable (CrmKpiResult *result, CrmKpi kpi, const char *reason);

/* Clear functions of the arrays of CrmKpiStageFlow / CrmKpiStageTime (their CrmKpiStage),
 * CrmKpiSourceCount, CrmKpiReasonCount, CrmKpiForecastMonth and CrmKpiMonth. */
void
crm_kpi_stage_clear (gpointer data);
void
crm_kpi_source_count_clear (gpointer data);
void
crm_kpi_reason_count_clear (gpointer data);
void
crm_kpi_forecast_month_clear (gpointer data);
void
crm_kpi_month_clear (gpointer data);
CrmKpiStage
crm_kpi_stage_copy (const CrmKpiStage *stage);

/* ---- Local months (crm-kpi-period.c) ------------------------------------------------------------- */

/* Local midnight of the first day of the month @time is in, and of the month after. */
gint64
crm_kpi_month_start (gint64 time);
gint64
crm_kpi_next_month_start (gint64 time);
/* The first second (UTC) of the month after the UTC month @time is in. */
gint64
crm_kpi_next_utc_month_start (gint64 time);

G_END_DECLS
