/* crm-pipeline.h — CrmPipeline, the model object of an ordered set of stages that deals move through.
 * Every column is a property (see CrmEntityObject); the getters below are shortcuts. */
#pragma once

#include "crm-entity-object.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE (crm_pipeline_get_type ())
G_DECLARE_FINAL_TYPE (CrmPipeline, crm_pipeline, CRM, PIPELINE, CrmEntityObject)

CrmPipeline *
crm_pipeline_new (const CrmPipelineRecord *record);
const char *
crm_pipeline_get_name (CrmPipeline *self);

G_END_DECLS
