/* crm-store-kpi.h — the stored facts the KPIs are computed from (crm-process.md §9–10), read as
 * small aggregates: closed deals, the open pipeline at a moment, stage entries and stays, new
 * leads, lifecycle changes, feedback answers and acquisition spend. The arithmetic of the KPIs
 * is in src/core/crm-kpi.c; here is only what SQL counts and sums.
 *
 * Times are unix seconds. A period is [from, to). Many queries take "bounds": an ascending array
 * of n ≥ 2 times that cut [bounds[0], bounds[n - 1]) into the n - 1 buckets
 * [bounds[i], bounds[i + 1]) (months, say); each row names its bucket by i. A @pipeline_id of 0
 * means every pipeline; deals belong to the pipeline of their stage.
 */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* Reading many aggregates from one consistent snapshot of the file: a deferred (read)
 * transaction, so writers of other connections are not held up. Does nothing inside a
 * transaction already open on this connection. Always pair with crm_store_end_read(). */
gboolean
crm_store_begin_read (CrmStore *self, GError **error);
void
crm_store_end_read (CrmStore *self);

/* ---- Closed deals --------------------------------------------------------------------------- */

/* Deals closed within the bounds (closed_at in a bucket) that are now in a Won or Lost stage,
 * grouped by bucket, outcome and currency. */
typedef struct
{
  guint bucket;
  CrmStageKind outcome; /* CRM_STAGE_KIND_WON or CRM_STAGE_KIND_LOST */
  char currency[4];
  guint n_deals;
  gint64 value_minor;   /* Σ value */
  gint64 cycle_seconds; /* Σ (closed_at − created_at) */
} CrmKpiClosedDeals;

GArray *
crm_store_kpi_closed_deals (
    CrmStore *self, gint64 pipeline_id, const gint64 *bounds, guint n_bounds, GError **error);

/* Deals lost in [from, to), by lost reason (id 0 and name NULL: none given), most first. */
typedef struct
{
  gint64 lost_reason_id;
  char *name;
  guint n_deals;
} CrmKpiReasonCount;

/* A GArray of CrmKpiReasonCount that frees the names. */
GArray *
crm_store_kpi_lost_reasons (
    CrmStore *self, gint64 pipeline_id, gint64 from, gint64 to, GError **error);

/* Every won deal closed before @before, by currency: how many, their value, and how many
 * customers bought them (a customer is the deal's contact, else its company, else the deal). */
typedef struct
{
  char currency[4];
  guint n_deals;
  guint n_customers;
  gint64 value_minor;
} CrmKpiWonRevenue;

GArray *
crm_store_kpi_won_revenue (CrmStore *self, gint64 pipeline_id, gint64 before, GError **error);

/* ---- The open pipeline ------------------------------------------------------------------------ */

/* The deals that were open at @as_of — created before it and, by the stage history, in an open
 * stage at that moment (a deal's current stage when it entered it before @as_of) — grouped by
 * the bucket of their expected close (bucket -1: none set; before bounds[0] or from
 * bounds[n - 1] on they are in no row: pass wide outer bounds to catch them) and currency.
 * Values and probability overrides are today's: the history records stage moves only. */
typedef struct
{
  int bucket; /* -1: no expected close */
  char currency[4];
  guint n_deals;
  gint64 value_minor;
  gint64 weighted_hundredths; /* Σ value × probability (%, the override or the stage's) */
} CrmKpiOpenDeals;

GArray *
crm_store_kpi_open_deals (CrmStore *self,
                          gint64 pipeline_id,
                          gint64 as_of,
                          const gint64 *bounds,
                          guint n_bounds,
                          GError **error);

/* ---- Stage history ---------------------------------------------------------------------------- */

/* For each stage (open or won) that deals entered in [from, to): how many deals entered it (a
 * deal counted once, at its first entry in the period), and how many of those later entered a
 * stage further on in the same pipeline (a Won stage, or an open stage of a higher position; Lost
 * never counts), at any time after that entry. */
typedef struct
{
  gint64 stage_id;
  guint n_entered;
  guint n_advanced;
} CrmKpiStageEntries;

GArray *
crm_store_kpi_stage_entries (
    CrmStore *self, gint64 pipeline_id, gint64 from, gint64 to, GError **error);

/* Stays in open stages that ended in [from, to) (the deal left the stage then), per stage: how
 * many, and their total length (from entering the stage to leaving it). */
typedef struct
{
  gint64 stage_id;
  guint n_stays;
  gint64 total_seconds;
} CrmKpiStageStays;

GArray *
crm_store_kpi_stage_stays (
    CrmStore *self, gint64 pipeline_id, gint64 from, gint64 to, GError **error);

/* ---- Contacts ------------------------------------------------------------------------------- */

/* Contacts captured within the bounds, by bucket and lead source (0: none): how many, and how
 * many of them are customers now (lifecycle Customer or Advocate). */
typedef struct
{
  guint bucket;
  gint64 source_id;
  guint n_contacts;
  guint n_customers_now;
} CrmKpiNewLeads;

GArray *
crm_store_kpi_new_leads (CrmStore *self, const gint64 *bounds, guint n_bounds, GError **error);

/* By the lifecycle history: how many contacts were customers (Customer or Advocate) at @from —
 * their last lifecycle change before @from made them so — and how many of those changed to
 * Churned in [from, to). */
gboolean
crm_store_kpi_churn (CrmStore *self,
                     gint64 from,
                     gint64 to,
                     guint *n_customers_at_start,
                     guint *n_churned,
                     GError **error);

/* How many contacts became customers (Customer or Advocate) for the first time in [from, to). */
gboolean
crm_store_kpi_new_customers (
    CrmStore *self, gint64 from, gint64 to, guint *n_new_customers, GError **error);

/* ---- Feedback and spend --------------------------------------------------------------------- */

/* Feedback answers within the bounds, by bucket and kind: how many, how many high (NPS 9–10,
 * CSAT 4–5) and how many low (NPS 0–6; CSAT 1–3). */
typedef struct
{
  guint bucket;
  CrmFeedbackKind kind;
  guint n_answers;
  guint n_high;
  guint n_low;
} CrmKpiFeedback;

GArray *
crm_store_kpi_feedback (CrmStore *self, const gint64 *bounds, guint n_bounds, GError **error);

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
