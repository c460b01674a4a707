/* crm-stage-list-model.h — the stages of one pipeline in order, as a GListModel of CrmStage that
 * follows the store's changes with exact items-changed signals. */
#pragma once

#include <gio/gio.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAGE_LIST_MODEL (crm_stage_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmStageListModel, crm_stage_list_model, CRM, STAGE_LIST_MODEL, GObject)

CrmStageListModel *
crm_stage_list_model_new (CrmRepository *repository, gint64 pipeline_id);
gint64
crm_stage_list_model_get_pipeline_id (CrmStageListModel *self);

G_END_DECLS
