/* crm-store-types.h — the plain records and enums that CrmStore reads and writes.
 *
 * Conventions shared by every record:
 *  - `id` is the SQLite rowid (0 before insert); `uuid` is the stable identity (set on insert
 *    when NULL).
 *  - Times are unix seconds (UTC). 0 means "not set" and is stored as NULL.
 *  - References to other rows (`*_id`) are rowids; 0 means "none" and is stored as NULL.
 *  - Money is an integer in minor units (`*_minor`) plus an ISO 4217 `currency` code.
 *  - Strings are UTF-8 owned by the record (NULL means "none").
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_LIFECYCLE_LEAD,
  CRM_LIFECYCLE_QUALIFIED,
  CRM_LIFECYCLE_OPPORTUNITY,
  CRM_LIFECYCLE_CUSTOMER,
  CRM_LIFECYCLE_ADVOCATE,
  CRM_LIFECYCLE_CHURNED,
} CrmLifecycleStage;

typedef enum
{
  CRM_BANT_UNKNOWN,
  CRM_BANT_YES,
  CRM_BANT_NO,
} CrmBantAnswer;

typedef enum
{
  CRM_STAGE_KIND_OPEN,
  CRM_STAGE_KIND_WON,
  CRM_STAGE_KIND_LOST,
} CrmStageKind;

typedef enum
{
  CRM_ACTIVITY_CALL,
  CRM_ACTIVITY_EMAIL,
  CRM_ACTIVITY_MEETING,
  CRM_ACTIVITY_NOTE,
  CRM_ACTIVITY_TASK,
  CRM_ACTIVITY_SUPPORT,
} CrmActivityKind;

typedef enum
{
  CRM_FEEDBACK_NPS,
  CRM_FEEDBACK_CSAT,
} CrmFeedbackKind;

/* The kinds of stored entity; used in change signals and the change log. */
typedef enum
{
  CRM_ENTITY_COMPANY,
  CRM_ENTITY_CONTACT,
  CRM_ENTITY_TAG,
  CRM_ENTITY_PIPELINE,
  CRM_ENTITY_STAGE,
  CRM_ENTITY_DEAL,
  CRM_ENTITY_DEAL_STAGE_HISTORY,
  CRM_ENTITY_ACTIVITY,
  CRM_ENTITY_LOST_REASON,
  CRM_ENTITY_LEAD_SOURCE,
  CRM_ENTITY_FEEDBACK,
  CRM_ENTITY_ACQUISITION_SPEND,
  CRM_ENTITY_SMART_LIST,
  CRM_N_ENTITIES,
} CrmEntity;

typedef enum
{
  CRM_CHANGE_INSERT,
  CRM_CHANGE_UPDATE,
  CRM_CHANGE_DELETE,
  /* Many rows changed at once (bulk write, another process): re-read everything. */
  CRM_CHANGE_RESET,
} CrmChangeAction;

/* Every record starts with these two members, so generic code can treat any record as this. */
typedef struct
{
  gint64 id;
  char *uuid;
} CrmRecordHeader;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char *website;
  char *industry;
  char *phone;
  char *country;
  char *owner;
  char *notes;
  gint64 created_at;
  gint64 updated_at;
} CrmCompanyRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char *email;
  char *phone;
  char *title;
  gint64 company_id;
  CrmLifecycleStage lifecycle;
  gint64 source_id;
  gint64 captured_at;
  char *owner;
  char *country;
  char *notes;
  CrmBantAnswer bant_budget;
  char *bant_budget_note;
  CrmBantAnswer bant_authority;
  char *bant_authority_note;
  CrmBantAnswer bant_need;
  char *bant_need_note;
  CrmBantAnswer bant_timeline;
  char *bant_timeline_note;
  int score; /* 0–100 */
  gint64 last_contacted_at;
  gint64 created_at;
  gint64 updated_at;
  /* The name of company_id's company, as stored: read only (the database keeps it). */
  char *company_name;
} CrmContactRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char *color; /* "#rrggbb" or NULL */
} CrmTagRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  int position;
  gint64 created_at;
  gint64 updated_at;
} CrmPipelineRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 pipeline_id;
  char *name;
  int position;     /* order within the pipeline, 0-based */
  int probability;  /* default win probability, 0–100 % */
  int rotting_days; /* a deal longer than this in the stage is stale; 0 = never */
  CrmStageKind kind;
} CrmStageRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  char *title;
  gint64 contact_id;
  gint64 company_id;
  gint64 stage_id;
  /* Order key within the stage: a fractional index string, compared bytewise. Written by the
   * store (insert appends, crm_store_move_deal places); callers address places by ordinal. */
  char *position;
  gint64 value_minor;
  char *currency; /* ISO 4217, e.g. "EUR" */
  gint64 expected_close;
  char *owner;
  char *notes;
  int probability_override; /* 0–100, or -1 to follow the stage default */
  gint64 lost_reason_id;
  gboolean is_expansion;
  gint64 created_at;
  gint64 updated_at;
  gint64 closed_at;
  gint64 stage_entered_at;
} CrmDealRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 deal_id;
  gint64 from_stage_id; /* 0 when the deal was created */
  gint64 to_stage_id;
  gint64 changed_at;
} CrmDealStageHistoryRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  CrmActivityKind kind;
  char *subject;
  char *notes;
  gint64 contact_id;
  gint64 deal_id;
  gint64 occurred_at;
  gint64 due_at;
  gboolean done; /* task done / support case resolved */
  gint64 done_at;
  gint64 created_at;
  gint64 updated_at;
} CrmActivityRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  int position;
} CrmLostReasonRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  int position;
} CrmLeadSourceRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 contact_id;
  CrmFeedbackKind kind;
  int score; /* NPS 0–10, CSAT 1–5 */
  char *comment;
  gint64 answered_at;
} CrmFeedbackRecord;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 source_id;
  gint64 month_start; /* first second of the month, UTC */
  gint64 amount_minor;
  char *currency;
} CrmAcquisitionSpendRecord;

/* A saved filter of the contact list. */
typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char *filter; /* crm_contact_filter_to_string() */
  int position; /* order among the smart lists */
  gint64 created_at;
  gint64 updated_at;
} CrmSmartListRecord;

typedef struct
{
  CrmEntity entity;
  gint64 id;
  char *title;
  char *snippet;
} CrmSearchHit;

void
crm_search_hit_free (CrmSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSearchHit, crm_search_hit_free)

/* Names as stored in the database (stable, not translated) and as shown (translated). */
const char *
crm_lifecycle_stage_to_string (CrmLifecycleStage stage);
const char *
crm_lifecycle_stage_get_label (CrmLifecycleStage stage);
const char *
crm_stage_kind_to_string (CrmStageKind kind);
const char *
crm_activity_kind_to_string (CrmActivityKind kind);
const char *
crm_activity_kind_get_label (CrmActivityKind kind);
const char *
crm_bant_answer_to_string (CrmBantAnswer answer);
const char *
crm_feedback_kind_to_string (CrmFeedbackKind kind);
const char *
crm_entity_to_table (CrmEntity entity);

G_END_DECLS
