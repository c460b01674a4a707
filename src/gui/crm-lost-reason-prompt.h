/* crm-lost-reason-prompt.h — asking why a deal was lost before moving it to a Lost stage. */
#pragma once

#include <adwaita.h>

#include "crm-pipeline-view.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

/* Asks for the lost reason of @deal_id, then moves it to @stage_id at @position with that
 * reason as one undoable step; a cancel changes nothing. Returns the dialog (owned by GTK). */
AdwMessageDialog *
crm_lost_reason_prompt_show (CrmPipelineView *view,
                             CrmUndoManager *undo_manager,
                             gint64 deal_id,
                             gint64 stage_id,
                             int position);

/* The write behind the prompt: the move and the reason, recorded as one undoable step. */
gboolean
crm_lost_reason_prompt_apply (CrmUndoManager *undo_manager,
                              gint64 deal_id,
                              gint64 stage_id,
                              int position,
                              gint64 reason_id,
                              GError **error);

G_END_DECLS
