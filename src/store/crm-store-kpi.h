/* crm-store-kpi.h — the stored facts the KPIs are computed from (crm-process.md §9–10), read as
 * compact rows: every deal, every stage change, every contact, every lifecycle change, every
 * feedback answer, and the acquisition spend of a period. The arithmetic is in
 * src/core/crm-kpi.c.
 *
 * Why whole tables rather than SQL aggregates per period: each of these is one sequential pass
 * (about 20 ms for 100,000 deals or 350,000 stage changes), while the same figures asked of SQL
 * per period — which stage a deal was in at a moment, whether it got further after entering a
 * stage, how long each stay lasted, who was a customer at the start — are a correlated lookup
 * per row, seconds at that size. One read serves the period, the previous period and the
 * monthly series alike.
 */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* Reading many tables from one consistent snapshot of the file: a deferred (read) transaction,
 * so writers of other connections are not held up. Does nothing inside a transaction already
 * open on this connection. Always pair with crm_store_end_read(). */
gboolean
crm_store_begin_read (CrmStore *self, GError **error);
void
crm_store_end_read (CrmStore *self);

/* A deal as the KPIs see it. Times are unix seconds; 0 is "none". */
typedef struct
{
  gint64 id;
  gint64 stage_id;
  gint64 contact_id;
  gint64 company_id;
  gint64 value_minor;
  gint64 expected_close;
  gint64 created_at;
  gint64 closed_at;
  gint64 stage_entered_at;
  gint64 lost_reason_id;
  int probability_override; /* -1: the stage's */
  char currency[4];
} CrmKpiDealFact;

/* Every deal, in no particular order (an index that holds these columns may serve it). */
GArray *
crm_store_kpi_read_deals (CrmStore *self, GError **error);

/* A row of the stage history: deal @deal_id entered stage @stage_id (0: a stage since deleted)
 * at @changed_at. */
typedef struct
{
  gint64 id;
  gint64 deal_id;
  gint64 stage_id;
  gint64 changed_at;
} CrmKpiStageChange;

/* Every row of the stage history, in no particular order. */
GArray *
crm_store_kpi_read_stage_changes (CrmStore *self, GError **error);

typedef struct
{
  gint64 id;
  gint64 source_id; /* 0: none */
  gint64 captured_at;
  CrmLifecycleStage lifecycle; /* now */
} CrmKpiContactFact;

/* Every contact, by id. */
GArray *
crm_store_kpi_read_contacts (CrmStore *self, GError **error);

/* A row of the lifecycle history: contact @contact_id changed to @to_stage at @changed_at. */
typedef struct
{
  gint64 id;
  gint64 contact_id;
  gint64 changed_at;
  CrmLifecycleStage to_stage;
} CrmKpiLifecycleChange;

/* Every row of the lifecycle history, in no particular order. */
GArray *
crm_store_kpi_read_lifecycle_changes (CrmStore *self, GError **error);

typedef struct
{
  gint64 answered_at;
  CrmFeedbackKind kind;
  int score;
} CrmKpiAnswer;

/* Every feedback answer, in no particular order. */
GArray *
crm_store_kpi_read_answers (CrmStore *self, GError **error);

/* The acquisition spend rows (CrmAcquisitionSpendRecord) of every month that overlaps
 * [from, to), by month and id. */
GPtrArray *
crm_store_kpi_acquisition_spend (CrmStore *self, gint64 from, gint64 to, GError **error);

/* Every acquisition spend row (CrmAcquisitionSpendRecord), newest month first, for the editor. */
GPtrArray *
crm_store_list_acquisition_spend (CrmStore *self, GError **error);
/* The id of the spend row of @source_id, @month_start and @currency (unique together), 0 when
 * there is none, -1 on error. */
gint64
crm_store_find_acquisition_spend (
    CrmStore *self, gint64 source_id, gint64 month_start, const char *currency, GError **error);

/* ---- The deals behind a figure (the dashboard's "show these deals") ------------------------- */

/* The deals that entered stage @stage_id in [from, to) (the funnel's row), by id. */
GArray *
crm_store_kpi_stage_entry_deal_ids (
    CrmStore *self, gint64 stage_id, gint64 from, gint64 to, GError **error);
/* The deals lost in [from, to) for the reason @lost_reason_id (0: none given), by id. */
GArray *
crm_store_kpi_lost_deal_ids (CrmStore *self,
                             gint64 pipeline_id,
                             gint64 lost_reason_id,
                             gint64 from,
                             gint64 to,
                             GError **error);

G_END_DECLS
