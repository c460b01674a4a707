/* crm-smart-list-sidebar.h — CrmSmartListSidebar, the Contacts page's list of lists: All
 * Contacts, then each smart list (a saved filter), each with its live count. Choosing one emits
 * "list-activated" (0 for All Contacts). Each smart list has a menu to rename it or delete it
 * (undoable, with a toast, when the sidebar has an undo manager). */
#pragma once

#include <adwaita.h>

#include "crm-smart-list-model.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_SMART_LIST_SIDEBAR (crm_smart_list_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (
    CrmSmartListSidebar, crm_smart_list_sidebar, CRM, SMART_LIST_SIDEBAR, GtkWidget)

GtkWidget *
crm_smart_list_sidebar_new (CrmStore *store);
void
crm_smart_list_sidebar_set_undo_manager (CrmSmartListSidebar *self, CrmUndoManager *undo_manager);
CrmSmartListModel *
crm_smart_list_sidebar_get_model (CrmSmartListSidebar *self);
/* Marks list @id as the one shown (0: All Contacts; -1: none, the filter was changed by
 * hand), without "list-activated". */
void
crm_smart_list_sidebar_set_selected (CrmSmartListSidebar *self, gint64 id);
gint64
crm_smart_list_sidebar_get_selected (CrmSmartListSidebar *self);
/* The count shown beside list @id (0: All Contacts), as text ("" while counting), or NULL. */
const char *
crm_smart_list_sidebar_get_count_text (CrmSmartListSidebar *self, gint64 id);
/* Deletes smart list @id as its menu does (undoable). */
gboolean
crm_smart_list_sidebar_delete (CrmSmartListSidebar *self, gint64 id, GError **error);
/* Renames smart list @id (a blank name is refused). */
gboolean
crm_smart_list_sidebar_rename (CrmSmartListSidebar *self,
                               gint64 id,
                               const char *name,
                               GError **error);

G_END_DECLS
