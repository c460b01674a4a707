/* crm-contacts-bulk-bar.h — CrmContactsBulkBar, the action bar of the contact list's selection
 * mode: how many are selected, and Add Tag…, Remove Tag…, Set Lifecycle… (each one store
 * transaction over every selected contact, undoable, reported in a toast) and Merge… (two
 * selected: "merge-requested"). When everything the list shows is selected the edit goes by
 * the list's filter in SQL, without reading a row. */
#pragma once

#include <adwaita.h>

#include "crm-contact-list-model.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACTS_BULK_BAR (crm_contacts_bulk_bar_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactsBulkBar, crm_contacts_bulk_bar, CRM, CONTACTS_BULK_BAR, GtkWidget)

GtkWidget *
crm_contacts_bulk_bar_new (CrmStore *store);
/* The selection (over @model) the edits apply to; NULL to let go. */
void
crm_contacts_bulk_bar_set_selection (CrmContactsBulkBar *self,
                                     GtkSelectionModel *selection,
                                     CrmContactListModel *model);
void
crm_contacts_bulk_bar_set_undo_manager (CrmContactsBulkBar *self, CrmUndoManager *undo_manager);

/* The edits, as the bar's dialogs run them. The tag of add_tag may be new: a @tag_id of 0 with
 * @new_tag_name creates it (or takes the tag of that name) in the same step. */
gboolean
crm_contacts_bulk_bar_set_lifecycle (CrmContactsBulkBar *self,
                                     CrmLifecycleStage stage,
                                     GError **error);
gboolean
crm_contacts_bulk_bar_add_tag (CrmContactsBulkBar *self,
                               gint64 tag_id,
                               const char *new_tag_name,
                               GError **error);
gboolean
crm_contacts_bulk_bar_remove_tag (CrmContactsBulkBar *self, gint64 tag_id, GError **error);

G_END_DECLS
