/* crm-deal.c — CrmDeal: properties generated from the deal columns. */
#include "config.h"

#include "crm-deal.h"

struct _CrmDeal
{
  CrmEntityObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmDeal, crm_deal, CRM_TYPE_ENTITY_OBJECT)

static void
crm_deal_class_init (CrmDealClass *klass)
{
  crm_entity_object_class_install_fields (CRM_ENTITY_OBJECT_CLASS (klass), CRM_ENTITY_DEAL);
}

static void
crm_deal_init (CrmDeal *self)
{
}

CrmDeal *
crm_deal_new (const CrmDealRecord *record)
{
  return CRM_DEAL (crm_entity_object_new_for_record (CRM_ENTITY_DEAL, record));
}

static const CrmDealRecord *
record_of (CrmDeal *self)
{
  return crm_entity_object_get_record (CRM_ENTITY_OBJECT (self));
}

const char *
crm_deal_get_title (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), NULL);
  return record_of (self)->title;
}

gint64
crm_deal_get_stage_id (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), 0);
  return record_of (self)->stage_id;
}

gint64
crm_deal_get_contact_id (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), 0);
  return record_of (self)->contact_id;
}

gint64
crm_deal_get_company_id (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), 0);
  return record_of (self)->company_id;
}

gint64
crm_deal_get_value_minor (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), 0);
  return record_of (self)->value_minor;
}

const char *
crm_deal_get_currency (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), NULL);
  return record_of (self)->currency;
}

gint64
crm_deal_get_expected_close (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), 0);
  return record_of (self)->expected_close;
}

gint64
crm_deal_get_stage_entered_at (CrmDeal *self)
{
  g_return_val_if_fail (CRM_IS_DEAL (self), 0);
  return record_of (self)->stage_entered_at;
}
