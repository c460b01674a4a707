/* crm-stage-editor.h — CrmStageEditor, the window that edits one pipeline: its name, and its
 * stages (add, rename, reorder, remove; win probability, rotting days, kind). Every change is
 * written at once; removing a stage is undoable, and refused while the stage holds deals.
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAGE_EDITOR (crm_stage_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmStageEditor, crm_stage_editor, CRM, STAGE_EDITOR, AdwPreferencesWindow)

/* Actions, with a stage id ("x") where they act on a stage:
 *   editor.add-stage          a new open stage, before Won and Lost
 *   editor.move-stage-up(x)   one place earlier
 *   editor.move-stage-down(x) one place later
 *   editor.remove-stage(x)    removed, with an Undo toast; refused (a toast says why) while it
 *                             holds deals */
CrmStageEditor *
crm_stage_editor_new (GtkWindow *parent,
                      CrmRepository *repository,
                      CrmUndoManager *undo_manager,
                      gint64 pipeline_id);

gint64
crm_stage_editor_get_pipeline_id (CrmStageEditor *self);

/* The text of the last toast the editor showed (plain text), or NULL. */
const char *
crm_stage_editor_get_last_message (CrmStageEditor *self);

/* The row of stage @stage_id (an AdwExpanderRow), or NULL. */
GtkWidget *
crm_stage_editor_get_stage_row (CrmStageEditor *self, gint64 stage_id);

/* Its name field, win probability and rotting days, as the user edits them. */
AdwEntryRow *
crm_stage_editor_get_name_row (CrmStageEditor *self, gint64 stage_id);
GtkSpinButton *
crm_stage_editor_get_probability_button (CrmStageEditor *self, gint64 stage_id);
GtkSpinButton *
crm_stage_editor_get_rotting_button (CrmStageEditor *self, gint64 stage_id);

G_END_DECLS
