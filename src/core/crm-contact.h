/* crm-contact.h — CrmContact, the model object of a person: lead, customer or anyone in between.
 * Every column is a property (see CrmEntityObject); the getters below are shortcuts. */
#pragma once

#include "crm-entity-object.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT (crm_contact_get_type ())
G_DECLARE_FINAL_TYPE (CrmContact, crm_contact, CRM, CONTACT, CrmEntityObject)

CrmContact *
crm_contact_new (const CrmContactRecord *record);
const char *
crm_contact_get_name (CrmContact *self);
const char *
crm_contact_get_email (CrmContact *self);
gint64
crm_contact_get_company_id (CrmContact *self);
/* The company's name as stored with the contact (NULL without a company). */
const char *
crm_contact_get_company_name (CrmContact *self);
CrmLifecycleStage
crm_contact_get_lifecycle (CrmContact *self);
int
crm_contact_get_score (CrmContact *self);

G_END_DECLS
