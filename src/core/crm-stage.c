/* crm-stage.c — CrmStage: properties generated from the stage columns. */
#include "config.h"

#include "crm-stage.h"

struct _CrmStage
{
  CrmEntityObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmStage, crm_stage, CRM_TYPE_ENTITY_OBJECT)

static void
crm_stage_class_init (CrmStageClass *klass)
{
  crm_entity_object_class_install_fields (CRM_ENTITY_OBJECT_CLASS (klass), CRM_ENTITY_STAGE);
}

static void
crm_stage_init (CrmStage *self)
{
}

CrmStage *
crm_stage_new (const CrmStageRecord *record)
{
  return CRM_STAGE (crm_entity_object_new_for_record (CRM_ENTITY_STAGE, record));
}

static const CrmStageRecord *
record_of (CrmStage *self)
{
  return crm_entity_object_get_record (CRM_ENTITY_OBJECT (self));
}

const char *
crm_stage_get_name (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), NULL);
  return record_of (self)->name;
}

gint64
crm_stage_get_pipeline_id (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);
  return record_of (self)->pipeline_id;
}

int
crm_stage_get_position (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);
  return record_of (self)->position;
}

int
crm_stage_get_probability (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);
  return record_of (self)->probability;
}

int
crm_stage_get_rotting_days (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);
  return record_of (self)->rotting_days;
}

CrmStageKind
crm_stage_get_kind (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);
  return record_of (self)->kind;
}
