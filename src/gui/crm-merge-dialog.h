/* crm-merge-dialog.h — CrmMergeDialog, merging two records of the same person: both contacts
 * side by side, field by field, with the value that wins chosen per row (proposed by
 * crm_contact_merge_propose()), and what moves along ("12 activities, 2 deals, 3 tags"). Merge
 * applies it as one undoable step and says so in a toast with Undo.
 */
#pragma once

#include <adwaita.h>

#include "crm-contact-merge.h"
#include "crm-repository.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_MERGE_DIALOG (crm_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmMergeDialog, crm_merge_dialog, CRM, MERGE_DIALOG, AdwWindow)

/* Opens the dialog for contacts @first_id and @second_id over @parent and returns it (owned by
 * GTK; it closes itself after a merge). When a contact cannot be read, or both ids are the
 * same, it says why and offers no merge. */
CrmMergeDialog *
crm_merge_dialog_present (GtkWindow *parent,
                          CrmRepository *repository,
                          CrmUndoManager *undo_manager,
                          gint64 first_id,
                          gint64 second_id);

/* The same for a new entry that was never saved (the quick add's likely duplicate): its
 * chosen values are written to contact @existing_id; no second contact is involved. */
CrmMergeDialog *
crm_merge_dialog_present_for_entry (GtkWindow *parent,
                                    CrmRepository *repository,
                                    CrmUndoManager *undo_manager,
                                    gint64 existing_id,
                                    const CrmContactRecord *entry);

/* The toggle that makes @field take the first (@second FALSE) or the second contact's value;
 * NULL when the contacts hold the same value there (no choice to make). */
GtkCheckButton *
crm_merge_dialog_get_choice (CrmMergeDialog *self, CrmMergeField field, gboolean second);

/* Merges as chosen (merge.apply): returns the kept contact's id, or 0 with the reason shown in
 * the dialog and in @error. The dialog closes on success. */
gint64
crm_merge_dialog_merge (CrmMergeDialog *self, GError **error);

/* ::merged (gint64 kept_id): emitted after a merge, before the dialog closes. */

G_END_DECLS
