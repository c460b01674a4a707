/* crm-feedback-editor.h — CrmFeedbackEditor, the small dialog that records a contact's NPS
 * (0–10) or CSAT (1–5) answer: kind, score, comment and day. One undoable step.
 */
#pragma once

#include <adwaita.h>

#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_FEEDBACK_EDITOR (crm_feedback_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmFeedbackEditor, crm_feedback_editor, CRM, FEEDBACK_EDITOR, AdwWindow)

CrmFeedbackEditor *
crm_feedback_editor_new (GtkWindow *parent, CrmUndoManager *undo_manager, gint64 contact_id);

/* The fields as the user fills them; @day is YYYY-MM-DD (NULL: left as it is). */
void
crm_feedback_editor_set_fields (
    CrmFeedbackEditor *self, CrmFeedbackKind kind, int score, const char *comment, const char *day);

/* Records the answer (editor.save); FALSE when something is refused (the dialog says what). */
gboolean
crm_feedback_editor_save (CrmFeedbackEditor *self, GError **error);

G_END_DECLS
