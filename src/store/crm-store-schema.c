/* crm-store-schema.c — each entity described once: its table, its columns and where each lives
 * in the record, and the rules a record must keep (validation). The generic write path in
 * crm-store-records.c and the model objects in src/core both work from these descriptions. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-contact-filter.h"
#include "crm-store-private.h"

/* clang-format off */
#define FIELD(Record, member, type) { #member, type, G_STRUCT_OFFSET (Record, member), NULL, FALSE }
#define ENUM_FIELD(Record, member, names) \
  { #member, CRM_FIELD_ENUM, G_STRUCT_OFFSET (Record, member), names, FALSE }
#define DERIVED_FIELD(Record, member, type) \
  { #member, type, G_STRUCT_OFFSET (Record, member), NULL, TRUE }
/* clang-format on */
#define MEMBER CRM_FIELD_MEMBER

/* ---- Validation ------------------------------------------------------------------------- */

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
require_text (const char *text, const char *message, GError **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("Text is not valid UTF-8"));
      return FALSE;
    }
  if (text_is_blank (text))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_currency (const char *currency, GError **error)
{
  if (currency == NULL || strlen (currency) != 3 || !g_ascii_isupper (currency[0])
      || !g_ascii_isupper (currency[1]) || !g_ascii_isupper (currency[2]))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _ ("“%s” is not a currency code (three capital letters such as EUR)"),
                   currency != NULL ? currency : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_range (int value, int min, int max, const char *what, GError **error)
{
  if (value < min || value > max)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _ ("%s must be between %d and %d, not %d"), what, min, max, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_enum (int value, int n_values, GError **error)
{
  return require_range (value, 0, n_values - 1, _ ("The kind"), error);
}

static gboolean
validate_company (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmCompanyRecord *r = data;
  return require_text (r->name, _ ("A company needs a name"), error);
}

static gboolean
validate_contact (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmContactRecord *r = data;
  return require_text (r->name, _ ("A contact needs a name"), error)
         && require_enum (r->lifecycle, 6, error) && require_enum (r->bant_budget, 3, error)
         && require_enum (r->bant_authority, 3, error) && require_enum (r->bant_need, 3, error)
         && require_enum (r->bant_timeline, 3, error)
         && require_range (r->score, 0, 100, _ ("The score"), error);
}

static gboolean
validate_named (CrmStore *self, gconstpointer data, GError **error)
{
  /* Tags, lost reasons and lead sources all start with { id, uuid, name }. */
  const CrmTagRecord *r = data;
  return require_text (r->name, _ ("A name is needed"), error);
}

static gboolean
validate_stage (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmStageRecord *r = data;
  return require_text (r->name, _ ("A stage needs a name"), error)
         && require_range (r->probability, 0, 100, _ ("The win probability"), error)
         && require_range (r->rotting_days, 0, 10000, _ ("The rotting limit"), error)
         && require_enum (r->kind, 3, error);
}

static gboolean
validate_deal (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmDealRecord *r = data;

  if (!require_text (r->title, _ ("A deal needs a title"), error)
      || !require_currency (r->currency, error))
    return FALSE;
  if (r->value_minor < 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("A deal’s value cannot be negative"));
      return FALSE;
    }
  if (r->probability_override != -1
      && !require_range (r->probability_override, 0, 100, _ ("The probability"), error))
    return FALSE;
  if (r->stage_id == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("A deal needs a stage"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_activity (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmActivityRecord *r = data;
  return require_enum (r->kind, 6, error)
         && (r->subject == NULL || g_utf8_validate (r->subject, -1, NULL));
}

static gboolean
validate_feedback (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmFeedbackRecord *r = data;

  if (!require_enum (r->kind, 2, error))
    return FALSE;
  if (r->kind == CRM_FEEDBACK_NPS)
    return require_range (r->score, 0, 10, _ ("An NPS answer"), error);
  return require_range (r->score, 1, 5, _ ("A CSAT answer"), error);
}

static gboolean
validate_spend (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmAcquisitionSpendRecord *r = data;

  if (!require_currency (r->currency, error))
    return FALSE;
  if (r->amount_minor < 0 || r->source_id == 0 || r->month_start == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("Spend needs a source, a month and an amount of zero or more"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_smart_list (CrmStore *self, gconstpointer data, GError **error)
{
  const CrmSmartListRecord *r = data;
  g_autoptr (CrmContactFilter) filter = NULL;

  if (!require_text (r->name, _ ("A smart list needs a name"), error))
    return FALSE;
  filter = crm_contact_filter_parse (r->filter, error);
  return filter != NULL;
}

/* ---- Entity descriptions ---------------------------------------------------------------- */

static const CrmFieldInfo company_fields[] = {
  FIELD (CrmCompanyRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmCompanyRecord, website, CRM_FIELD_TEXT),
  FIELD (CrmCompanyRecord, industry, CRM_FIELD_TEXT),
  FIELD (CrmCompanyRecord, phone, CRM_FIELD_TEXT),
  FIELD (CrmCompanyRecord, country, CRM_FIELD_TEXT),
  FIELD (CrmCompanyRecord, owner, CRM_FIELD_TEXT),
  FIELD (CrmCompanyRecord, notes, CRM_FIELD_TEXT),
  FIELD (CrmCompanyRecord, created_at, CRM_FIELD_TIME),
  FIELD (CrmCompanyRecord, updated_at, CRM_FIELD_TIME),
};

static const CrmFieldInfo contact_fields[] = {
  FIELD (CrmContactRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmContactRecord, email, CRM_FIELD_TEXT),
  FIELD (CrmContactRecord, phone, CRM_FIELD_TEXT),
  FIELD (CrmContactRecord, title, CRM_FIELD_TEXT),
  FIELD (CrmContactRecord, company_id, CRM_FIELD_REF),
  ENUM_FIELD (CrmContactRecord, lifecycle, crm_lifecycle_stage_names),
  FIELD (CrmContactRecord, source_id, CRM_FIELD_REF),
  FIELD (CrmContactRecord, captured_at, CRM_FIELD_TIME),
  FIELD (CrmContactRecord, owner, CRM_FIELD_TEXT),
  FIELD (CrmContactRecord, country, CRM_FIELD_TEXT),
  FIELD (CrmContactRecord, notes, CRM_FIELD_TEXT),
  ENUM_FIELD (CrmContactRecord, bant_budget, crm_bant_answer_names),
  FIELD (CrmContactRecord, bant_budget_note, CRM_FIELD_TEXT),
  ENUM_FIELD (CrmContactRecord, bant_authority, crm_bant_answer_names),
  FIELD (CrmContactRecord, bant_authority_note, CRM_FIELD_TEXT),
  ENUM_FIELD (CrmContactRecord, bant_need, crm_bant_answer_names),
  FIELD (CrmContactRecord, bant_need_note, CRM_FIELD_TEXT),
  ENUM_FIELD (CrmContactRecord, bant_timeline, crm_bant_answer_names),
  FIELD (CrmContactRecord, bant_timeline_note, CRM_FIELD_TEXT),
  FIELD (CrmContactRecord, score, CRM_FIELD_INT),
  FIELD (CrmContactRecord, last_contacted_at, CRM_FIELD_TIME),
  FIELD (CrmContactRecord, created_at, CRM_FIELD_TIME),
  FIELD (CrmContactRecord, updated_at, CRM_FIELD_TIME),
  DERIVED_FIELD (CrmContactRecord, company_name, CRM_FIELD_TEXT),
};

static const CrmFieldInfo tag_fields[] = {
  FIELD (CrmTagRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmTagRecord, color, CRM_FIELD_TEXT),
};

static const CrmFieldInfo pipeline_fields[] = {
  FIELD (CrmPipelineRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmPipelineRecord, position, CRM_FIELD_INT),
  FIELD (CrmPipelineRecord, created_at, CRM_FIELD_TIME),
  FIELD (CrmPipelineRecord, updated_at, CRM_FIELD_TIME),
};

static const CrmFieldInfo stage_fields[] = {
  FIELD (CrmStageRecord, pipeline_id, CRM_FIELD_REF),
  FIELD (CrmStageRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmStageRecord, position, CRM_FIELD_INT),
  FIELD (CrmStageRecord, probability, CRM_FIELD_INT),
  FIELD (CrmStageRecord, rotting_days, CRM_FIELD_INT),
  ENUM_FIELD (CrmStageRecord, kind, crm_stage_kind_names),
};

static const CrmFieldInfo deal_fields[] = {
  FIELD (CrmDealRecord, title, CRM_FIELD_TEXT),
  FIELD (CrmDealRecord, contact_id, CRM_FIELD_REF),
  FIELD (CrmDealRecord, company_id, CRM_FIELD_REF),
  FIELD (CrmDealRecord, stage_id, CRM_FIELD_REF),
  FIELD (CrmDealRecord, position, CRM_FIELD_TEXT),
  FIELD (CrmDealRecord, value_minor, CRM_FIELD_INT64),
  FIELD (CrmDealRecord, currency, CRM_FIELD_TEXT),
  FIELD (CrmDealRecord, expected_close, CRM_FIELD_TIME),
  FIELD (CrmDealRecord, owner, CRM_FIELD_TEXT),
  FIELD (CrmDealRecord, notes, CRM_FIELD_TEXT),
  FIELD (CrmDealRecord, probability_override, CRM_FIELD_OPT_INT),
  FIELD (CrmDealRecord, lost_reason_id, CRM_FIELD_REF),
  FIELD (CrmDealRecord, is_expansion, CRM_FIELD_BOOL),
  FIELD (CrmDealRecord, created_at, CRM_FIELD_TIME),
  FIELD (CrmDealRecord, updated_at, CRM_FIELD_TIME),
  FIELD (CrmDealRecord, closed_at, CRM_FIELD_TIME),
  FIELD (CrmDealRecord, stage_entered_at, CRM_FIELD_TIME),
};

static const CrmFieldInfo deal_stage_history_fields[] = {
  FIELD (CrmDealStageHistoryRecord, deal_id, CRM_FIELD_REF),
  FIELD (CrmDealStageHistoryRecord, from_stage_id, CRM_FIELD_REF),
  FIELD (CrmDealStageHistoryRecord, to_stage_id, CRM_FIELD_REF),
  FIELD (CrmDealStageHistoryRecord, changed_at, CRM_FIELD_TIME),
};

static const CrmFieldInfo activity_fields[] = {
  ENUM_FIELD (CrmActivityRecord, kind, crm_activity_kind_names),
  FIELD (CrmActivityRecord, subject, CRM_FIELD_TEXT),
  FIELD (CrmActivityRecord, notes, CRM_FIELD_TEXT),
  FIELD (CrmActivityRecord, contact_id, CRM_FIELD_REF),
  FIELD (CrmActivityRecord, deal_id, CRM_FIELD_REF),
  FIELD (CrmActivityRecord, occurred_at, CRM_FIELD_TIME),
  FIELD (CrmActivityRecord, due_at, CRM_FIELD_TIME),
  FIELD (CrmActivityRecord, done, CRM_FIELD_BOOL),
  FIELD (CrmActivityRecord, done_at, CRM_FIELD_TIME),
  FIELD (CrmActivityRecord, created_at, CRM_FIELD_TIME),
  FIELD (CrmActivityRecord, updated_at, CRM_FIELD_TIME),
};

static const CrmFieldInfo lost_reason_fields[] = {
  FIELD (CrmLostReasonRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmLostReasonRecord, position, CRM_FIELD_INT),
};

static const CrmFieldInfo lead_source_fields[] = {
  FIELD (CrmLeadSourceRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmLeadSourceRecord, position, CRM_FIELD_INT),
};

static const CrmFieldInfo feedback_fields[] = {
  FIELD (CrmFeedbackRecord, contact_id, CRM_FIELD_REF),
  ENUM_FIELD (CrmFeedbackRecord, kind, crm_feedback_kind_names),
  FIELD (CrmFeedbackRecord, score, CRM_FIELD_INT),
  FIELD (CrmFeedbackRecord, comment, CRM_FIELD_TEXT),
  FIELD (CrmFeedbackRecord, answered_at, CRM_FIELD_TIME),
};

static const CrmFieldInfo acquisition_spend_fields[] = {
  FIELD (CrmAcquisitionSpendRecord, source_id, CRM_FIELD_REF),
  FIELD (CrmAcquisitionSpendRecord, month_start, CRM_FIELD_TIME),
  FIELD (CrmAcquisitionSpendRecord, amount_minor, CRM_FIELD_INT64),
  FIELD (CrmAcquisitionSpendRecord, currency, CRM_FIELD_TEXT),
};

static const CrmFieldInfo smart_list_fields[] = {
  FIELD (CrmSmartListRecord, name, CRM_FIELD_TEXT),
  FIELD (CrmSmartListRecord, filter, CRM_FIELD_TEXT),
  FIELD (CrmSmartListRecord, position, CRM_FIELD_INT),
  FIELD (CrmSmartListRecord, created_at, CRM_FIELD_TIME),
  FIELD (CrmSmartListRecord, updated_at, CRM_FIELD_TIME),
};

#define ENTITY(kind, table, Record, fields, validate)                                              \
  [kind] = { kind, table, sizeof (Record), fields, G_N_ELEMENTS (fields), validate }

static const CrmEntityInfo entity_infos[CRM_N_ENTITIES] = {
  ENTITY (CRM_ENTITY_COMPANY, "companies", CrmCompanyRecord, company_fields, validate_company),
  ENTITY (CRM_ENTITY_CONTACT, "contacts", CrmContactRecord, contact_fields, validate_contact),
  ENTITY (CRM_ENTITY_TAG, "tags", CrmTagRecord, tag_fields, validate_named),
  ENTITY (CRM_ENTITY_PIPELINE, "pipelines", CrmPipelineRecord, pipeline_fields, validate_named),
  ENTITY (CRM_ENTITY_STAGE, "stages", CrmStageRecord, stage_fields, validate_stage),
  ENTITY (CRM_ENTITY_DEAL, "deals", CrmDealRecord, deal_fields, validate_deal),
  ENTITY (CRM_ENTITY_DEAL_STAGE_HISTORY,
          "deal_stage_history",
          CrmDealStageHistoryRecord,
          deal_stage_history_fields,
          NULL),
  ENTITY (CRM_ENTITY_ACTIVITY, "activities", CrmActivityRecord, activity_fields, validate_activity),
  ENTITY (CRM_ENTITY_LOST_REASON,
          "lost_reasons",
          CrmLostReasonRecord,
          lost_reason_fields,
          validate_named),
  ENTITY (CRM_ENTITY_LEAD_SOURCE,
          "lead_sources",
          CrmLeadSourceRecord,
          lead_source_fields,
          validate_named),
  ENTITY (CRM_ENTITY_FEEDBACK, "feedback", CrmFeedbackRecord, feedback_fields, validate_feedback),
  ENTITY (CRM_ENTITY_ACQUISITION_SPEND,
          "acquisition_spend",
          CrmAcquisitionSpendRecord,
          acquisition_spend_fields,
          validate_spend),
  ENTITY (CRM_ENTITY_SMART_LIST,
          "smart_lists",
          CrmSmartListRecord,
          smart_list_fields,
          validate_smart_list),
};

const CrmEntityInfo *
crm_store_get_entity_info (CrmEntity entity)
{
  g_return_val_if_fail (entity < CRM_N_ENTITIES, NULL);
  return &entity_infos[entity];
}

/* ---- Records in memory ------------------------------------------------------------------ */

gpointer
crm_store_record_new (const CrmEntityInfo *info)
{
  gpointer record = g_malloc0 (info->record_size);

  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].type == CRM_FIELD_OPT_INT)
      MEMBER (record, &info->fields[i], int) = -1;
  return record;
}

gpointer
crm_record_new (CrmEntity entity)
{
  return crm_store_record_new (crm_store_get_entity_info (entity));
}

void
crm_record_free (CrmEntity entity, gpointer record)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);

  if (record == NULL)
    return;
  g_free (((CrmRecordHeader *) record)->uuid);
  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].type == CRM_FIELD_TEXT)
      g_free (MEMBER (record, &info->fields[i], char *));
  g_free (record);
}

gpointer
crm_record_copy (CrmEntity entity, gconstpointer record)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  gpointer copy;

  if (record == NULL)
    return NULL;
  copy = g_memdup2 (record, info->record_size);
  ((CrmRecordHeader *) copy)->uuid = g_strdup (((const CrmRecordHeader *) record)->uuid);
  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].type == CRM_FIELD_TEXT)
      MEMBER (copy, &info->fields[i], char *)
          = g_strdup (MEMBER (record, &info->fields[i], char *));
  return copy;
}
