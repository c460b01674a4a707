/* crm-stage.h — CrmStage, the model object of one column of a pipeline.
 * Every column is a property (see CrmEntityObject); the getters below are shortcuts. */
#pragma once

#include "crm-entity-object.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAGE (crm_stage_get_type ())
G_DECLARE_FINAL_TYPE (CrmStage, crm_stage, CRM, STAGE, CrmEntityObject)

CrmStage *
crm_stage_new (const CrmStageRecord *record);
const char *
crm_stage_get_name (CrmStage *self);
gint64
crm_stage_get_pipeline_id (CrmStage *self);
int
crm_stage_get_position (CrmStage *self);
int
crm_stage_get_probability (CrmStage *self);
int
crm_stage_get_rotting_days (CrmStage *self);
CrmStageKind
crm_stage_get_kind (CrmStage *self);

G_END_DECLS
