/* crm-activity.h — CrmActivity, the model object of a call, e-mail, meeting, note, task or support case.
 * Every column is a property (see CrmEntityObject); the getters below are shortcuts. */
#pragma once

#include "crm-entity-object.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACTIVITY (crm_activity_get_type ())
G_DECLARE_FINAL_TYPE (CrmActivity, crm_activity, CRM, ACTIVITY, CrmEntityObject)

CrmActivity *
crm_activity_new (const CrmActivityRecord *record);
CrmActivityKind
crm_activity_get_kind (CrmActivity *self);
const char *
crm_activity_get_subject (CrmActivity *self);
gint64
crm_activity_get_contact_id (CrmActivity *self);
gint64
crm_activity_get_deal_id (CrmActivity *self);
gint64
crm_activity_get_due_at (CrmActivity *self);
gboolean
crm_activity_get_done (CrmActivity *self);

G_END_DECLS
