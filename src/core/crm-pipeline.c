/* crm-pipeline.c — CrmPipeline: properties generated from the pipeline columns. */
#include "config.h"

#include "crm-pipeline.h"

struct _CrmPipeline
{
  CrmEntityObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmPipeline, crm_pipeline, CRM_TYPE_ENTITY_OBJECT)

static void
crm_pipeline_class_init (CrmPipelineClass *klass)
{
  crm_entity_object_class_install_fields (CRM_ENTITY_OBJECT_CLASS (klass), CRM_ENTITY_PIPELINE);
}

static void
crm_pipeline_init (CrmPipeline *self)
{
}

CrmPipeline *
crm_pipeline_new (const CrmPipelineRecord *record)
{
  return CRM_PIPELINE (crm_entity_object_new_for_record (CRM_ENTITY_PIPELINE, record));
}

static const CrmPipelineRecord *
record_of (CrmPipeline *self)
{
  return crm_entity_object_get_record (CRM_ENTITY_OBJECT (self));
}

const char *
crm_pipeline_get_name (CrmPipeline *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE (self), NULL);
  return record_of (self)->name;
}
