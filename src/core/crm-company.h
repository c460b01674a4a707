/* crm-company.h — CrmCompany, the model object of an organisation that people work for and deals are made with.
 * Every column is a property (see CrmEntityObject); the getters below are shortcuts. */
#pragma once

#include "crm-entity-object.h"

G_BEGIN_DECLS

#define CRM_TYPE_COMPANY (crm_company_get_type ())
G_DECLARE_FINAL_TYPE (CrmCompany, crm_company, CRM, COMPANY, CrmEntityObject)

CrmCompany *
crm_company_new (const CrmCompanyRecord *record);
const char *
crm_company_get_name (CrmCompany *self);

G_END_DECLS
