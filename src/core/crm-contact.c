/* crm-contact.c — CrmContact: properties generated from the contact columns. */
#include "config.h"

#include "crm-contact.h"

struct _CrmContact
{
  CrmEntityObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmContact, crm_contact, CRM_TYPE_ENTITY_OBJECT)

static void
crm_contact_class_init (CrmContactClass *klass)
{
  crm_entity_object_class_install_fields (CRM_ENTITY_OBJECT_CLASS (klass), CRM_ENTITY_CONTACT);
}

static void
crm_contact_init (CrmContact *self)
{
}

CrmContact *
crm_contact_new (const CrmContactRecord *record)
{
  return CRM_CONTACT (crm_entity_object_new_for_record (CRM_ENTITY_CONTACT, record));
}

static const CrmContactRecord *
record_of (CrmContact *self)
{
  return crm_entity_object_get_record (CRM_ENTITY_OBJECT (self));
}

const char *
crm_contact_get_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return record_of (self)->name;
}

const char *
crm_contact_get_email (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return record_of (self)->email;
}

gint64
crm_contact_get_company_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);
  return record_of (self)->company_id;
}

const char *
crm_contact_get_company_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return record_of (self)->company_name;
}

CrmLifecycleStage
crm_contact_get_lifecycle (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);
  return record_of (self)->lifecycle;
}

int
crm_contact_get_score (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);
  return record_of (self)->score;
}
