/* crm-store-types.c — the stored (untranslated) and shown (translated) names of the enums. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-store-private.h"

const char *const crm_lifecycle_stage_names[]
    = { "lead", "qualified", "opportunity", "customer", "advocate", "churned", NULL };
const char *const crm_bant_answer_names[] = { "unknown", "yes", "no", NULL };
const char *const crm_stage_kind_names[] = { "open", "won", "lost", NULL };
const char *const crm_activity_kind_names[]
    = { "call", "email", "meeting", "note", "task", "support", NULL };
const char *const crm_feedback_kind_names[] = { "nps", "csat", NULL };

static const char *
name_at (const char *const *names, guint n_names, guint index)
{
  g_return_val_if_fail (index < n_names, NULL);
  return names[index];
}

const char *
crm_lifecycle_stage_to_string (CrmLifecycleStage stage)
{
  return name_at (crm_lifecycle_stage_names, 6, stage);
}

const char *
crm_lifecycle_stage_get_label (CrmLifecycleStage stage)
{
  switch (stage)
    {
      case CRM_LIFECYCLE_LEAD:
        return _ ("Lead");
      case CRM_LIFECYCLE_QUALIFIED:
        return _ ("Qualified");
      case CRM_LIFECYCLE_OPPORTUNITY:
        return _ ("Opportunity");
      case CRM_LIFECYCLE_CUSTOMER:
        return _ ("Customer");
      case CRM_LIFECYCLE_ADVOCATE:
        return _ ("Advocate");
      case CRM_LIFECYCLE_CHURNED:
        return _ ("Churned");
      default:
        g_return_val_if_reached (NULL);
    }
}

const char *
crm_stage_kind_to_string (CrmStageKind kind)
{
  return name_at (crm_stage_kind_names, 3, kind);
}

const char *
crm_activity_kind_to_string (CrmActivityKind kind)
{
  return name_at (crm_activity_kind_names, 6, kind);
}

const char *
crm_activity_kind_get_label (CrmActivityKind kind)
{
  switch (kind)
    {
      case CRM_ACTIVITY_CALL:
        return _ ("Call");
      case CRM_ACTIVITY_EMAIL:
        return _ ("E-mail");
      case CRM_ACTIVITY_MEETING:
        return _ ("Meeting");
      case CRM_ACTIVITY_NOTE:
        return _ ("Note");
      case CRM_ACTIVITY_TASK:
        return _ ("Task");
      case CRM_ACTIVITY_SUPPORT:
        return _ ("Support");
      default:
        g_return_val_if_reached (NULL);
    }
}

const char *
crm_bant_answer_to_string (CrmBantAnswer answer)
{
  return name_at (crm_bant_answer_names, 3, answer);
}

const char *
crm_feedback_kind_to_string (CrmFeedbackKind kind)
{
  return name_at (crm_feedback_kind_names, 2, kind);
}

const char *
crm_entity_to_table (CrmEntity entity)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  return info != NULL ? info->table : NULL;
}

void
crm_search_hit_free (CrmSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}
