/* crm-deal-list-model.h — the deals of one stage in board order, as a GListModel of CrmDeal that
 * follows the store's changes with exact items-changed signals. */
#pragma once

#include <gio/gio.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_DEAL_LIST_MODEL (crm_deal_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmDealListModel, crm_deal_list_model, CRM, DEAL_LIST_MODEL, GObject)

CrmDealListModel *
crm_deal_list_model_new (CrmRepository *repository, gint64 stage_id);
gint64
crm_deal_list_model_get_stage_id (CrmDealListModel *self);
/* Position of deal @deal_id in the list, or -1. */
int
crm_deal_list_model_find (CrmDealListModel *self, gint64 deal_id);

G_END_DECLS
