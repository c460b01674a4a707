/* crm-spend-editor.h — CrmSpendEditor: the small window where acquisition spend is entered (what
 * CAC is computed from): per lead source, month and currency, added, changed and deleted as
 * undoable steps (crm-spend-actions.h; Ctrl+Z or the toast's Undo), with the rows entered so far
 * listed newest month first.
 */
#pragma once

#include <adwaita.h>

#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_SPEND_EDITOR (crm_spend_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmSpendEditor, crm_spend_editor, CRM, SPEND_EDITOR, AdwWindow)

/* An editor over @undo_manager's store; new rows are in @default_currency until changed. */
CrmSpendEditor *
crm_spend_editor_new (GtkWindow *parent,
                      CrmUndoManager *undo_manager,
                      const char *default_currency);

/* Fills the form as a person would: the lead source @source_id, the month "YYYY-MM", the amount
 * ("1250.50") and the currency; NULL leaves a field as it is. */
void
crm_spend_editor_set_fields (CrmSpendEditor *self,
                             gint64 source_id,
                             const char *month,
                             const char *amount,
                             const char *currency);
/* Adds the form's row, or saves the row being changed (editor.save); the error is shown in the
 * window too. */
gboolean
crm_spend_editor_save (CrmSpendEditor *self, GError **error);
/* Puts row @spend_id in the form to be changed (its row's edit button). */
gboolean
crm_spend_editor_edit (CrmSpendEditor *self, gint64 spend_id);
/* Deletes row @spend_id (its row's delete button), with a toast to undo it. */
gboolean
crm_spend_editor_delete (CrmSpendEditor *self, gint64 spend_id, GError **error);
/* How many rows the list shows. */
guint
crm_spend_editor_get_n_rows (CrmSpendEditor *self);

G_END_DECLS
