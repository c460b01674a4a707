/* crm-company.c — CrmCompany: properties generated from the company columns. */
#include "config.h"

#include "crm-company.h"

struct _CrmCompany
{
  CrmEntityObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmCompany, crm_company, CRM_TYPE_ENTITY_OBJECT)

static void
crm_company_class_init (CrmCompanyClass *klass)
{
  crm_entity_object_class_install_fields (CRM_ENTITY_OBJECT_CLASS (klass), CRM_ENTITY_COMPANY);
}

static void
crm_company_init (CrmCompany *self)
{
}

CrmCompany *
crm_company_new (const CrmCompanyRecord *record)
{
  return CRM_COMPANY (crm_entity_object_new_for_record (CRM_ENTITY_COMPANY, record));
}

static const CrmCompanyRecord *
record_of (CrmCompany *self)
{
  return crm_entity_object_get_record (CRM_ENTITY_OBJECT (self));
}

const char *
crm_company_get_name (CrmCompany *self)
{
  g_return_val_if_fail (CRM_IS_COMPANY (self), NULL);
  return record_of (self)->name;
}
