/* crm-smart-list.h — CrmSmartList, one saved filter of the contact list as the sidebar shows
 * it: its name, its filter (as text) and how many contacts it lists now. */
#pragma once

#include <glib-object.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_SMART_LIST (crm_smart_list_get_type ())
G_DECLARE_FINAL_TYPE (CrmSmartList, crm_smart_list, CRM, SMART_LIST, GObject)

CrmSmartList *
crm_smart_list_new (const CrmSmartListRecord *record);
gint64
crm_smart_list_get_id (CrmSmartList *self);
const char *
crm_smart_list_get_name (CrmSmartList *self);
/* The filter as stored (crm_contact_filter_to_string()). */
const char *
crm_smart_list_get_filter_text (CrmSmartList *self);
/* A new copy of the filter, or NULL with @error when the stored text does not read. */
CrmContactFilter *
crm_smart_list_dup_filter (CrmSmartList *self, GError **error);
/* How many contacts it lists, -1 until counted. Notifies "count". */
int
crm_smart_list_get_count (CrmSmartList *self);
void
crm_smart_list_set_count (CrmSmartList *self, int count);
/* Takes the stored values of @record (same id); notifies what changed. */
void
crm_smart_list_update (CrmSmartList *self, const CrmSmartListRecord *record);

G_END_DECLS
