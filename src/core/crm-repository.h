/* crm-repository.h — CrmRepository hands out one live model object per stored row, and keeps
 * those objects up to date from the store's change signals. */
#pragma once

#include <gio/gio.h>

#include "crm-entity-object.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_REPOSITORY (crm_repository_get_type ())
G_DECLARE_FINAL_TYPE (CrmRepository, crm_repository, CRM, REPOSITORY, GObject)

CrmRepository *
crm_repository_new (CrmStore *store);
CrmStore *
crm_repository_get_store (CrmRepository *self);

/* The live object of row @id (a new reference), loaded when nobody holds it yet. */
gpointer
crm_repository_get_object (CrmRepository *self, CrmEntity entity, gint64 id, GError **error);
/* The live object of @record's row, brought up to date with @record (a new reference). */
gpointer
crm_repository_adopt_record (CrmRepository *self, CrmEntity entity, gconstpointer record);
/* The live object of row @id if someone holds it, else NULL (no reference added). */
gpointer
crm_repository_peek_object (CrmRepository *self, CrmEntity entity, gint64 id);

G_END_DECLS
