/* crm-activity.c — CrmActivity: properties generated from the activity columns. */
#include "config.h"

#include "crm-activity.h"

struct _CrmActivity
{
  CrmEntityObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmActivity, crm_activity, CRM_TYPE_ENTITY_OBJECT)

static void
crm_activity_class_init (CrmActivityClass *klass)
{
  crm_entity_object_class_install_fields (CRM_ENTITY_OBJECT_CLASS (klass), CRM_ENTITY_ACTIVITY);
}

static void
crm_activity_init (CrmActivity *self)
{
}

CrmActivity *
crm_activity_new (const CrmActivityRecord *record)
{
  return CRM_ACTIVITY (crm_entity_object_new_for_record (CRM_ENTITY_ACTIVITY, record));
}

static const CrmActivityRecord *
record_of (CrmActivity *self)
{
  return crm_entity_object_get_record (CRM_ENTITY_OBJECT (self));
}

CrmActivityKind
crm_activity_get_kind (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);
  return record_of (self)->kind;
}

const char *
crm_activity_get_subject (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);
  return record_of (self)->subject;
}

gint64
crm_activity_get_contact_id (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);
  return record_of (self)->contact_id;
}

gint64
crm_activity_get_deal_id (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);
  return record_of (self)->deal_id;
}

gint64
crm_activity_get_due_at (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);
  return record_of (self)->due_at;
}

gboolean
crm_activity_get_done (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);
  return record_of (self)->done;
}
