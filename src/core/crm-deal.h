/* crm-deal.h — CrmDeal, the model object of a sales opportunity on the pipeline board.
 * Every column is a property (see CrmEntityObject); the getters below are shortcuts. */
#pragma once

#include "crm-entity-object.h"

G_BEGIN_DECLS

#define CRM_TYPE_DEAL (crm_deal_get_type ())
G_DECLARE_FINAL_TYPE (CrmDeal, crm_deal, CRM, DEAL, CrmEntityObject)

CrmDeal *
crm_deal_new (const CrmDealRecord *record);
const char *
crm_deal_get_title (CrmDeal *self);
gint64
crm_deal_get_stage_id (CrmDeal *self);
gint64
crm_deal_get_contact_id (CrmDeal *self);
gint64
crm_deal_get_company_id (CrmDeal *self);
gint64
crm_deal_get_value_minor (CrmDeal *self);
const char *
crm_deal_get_currency (CrmDeal *self);
gint64
crm_deal_get_expected_close (CrmDeal *self);
gint64
crm_deal_get_stage_entered_at (CrmDeal *self);

G_END_DECLS
