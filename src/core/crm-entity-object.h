/* crm-entity-object.h — the base of the model objects (CrmDeal, CrmContact, …): a GObject whose
 * properties are the columns of its entity, kept in a store record. */
#pragma once

#include <glib-object.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_ENTITY_OBJECT (crm_entity_object_get_type ())
G_DECLARE_DERIVABLE_TYPE (CrmEntityObject, crm_entity_object, CRM, ENTITY_OBJECT, GObject)

struct _CrmEntityObjectClass
{
  GObjectClass parent_class;

  /*< private >*/
  CrmEntity entity;
  GParamSpec **field_properties;
  guint n_field_properties;
};

/* For subclasses: installs one property per column of @entity ("stage_id" → "stage-id"). */
void
crm_entity_object_class_install_fields (CrmEntityObjectClass *klass, CrmEntity entity);

/* A new object of the entity's class (CrmDeal for CRM_ENTITY_DEAL, …) holding a copy of
 * @record. */
CrmEntityObject *
crm_entity_object_new_for_record (CrmEntity entity, gconstpointer record);
/* The class that models @entity, or G_TYPE_INVALID when none does. */
GType
crm_entity_object_type_for_entity (CrmEntity entity);

CrmEntity
crm_entity_object_get_entity (CrmEntityObject *self);
gint64
crm_entity_object_get_id (CrmEntityObject *self);
const char *
crm_entity_object_get_uuid (CrmEntityObject *self);
/* The values as they are (read only), or a copy to change and hand to the store. */
gconstpointer
crm_entity_object_get_record (CrmEntityObject *self);
gpointer
crm_entity_object_dup_record (CrmEntityObject *self);
/* Takes the values of @record, notifying exactly the properties whose value changed. */
void
crm_entity_object_update_from_record (CrmEntityObject *self, gconstpointer record);

G_END_DECLS
