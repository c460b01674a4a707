/* crm-activity-editor.h — CrmActivityEditor, the dialog that logs an activity: a call, e-mail,
 * meeting, note, task or support case, with its subject, notes and time; for a task also when
 * it is due and whether it is done; linked to a contact and/or one of its deals. Logging is one
 * undoable step that also moves the contact's last contact forward (for a call, e-mail or
 * meeting that happened).
 */
#pragma once

#include <adwaita.h>

#include "crm-lead-score.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACTIVITY_EDITOR (crm_activity_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmActivityEditor, crm_activity_editor, CRM, ACTIVITY_EDITOR, AdwWindow)

/* A dialog for a new activity of contact @contact_id and/or deal @deal_id (0: none), dated
 * now. */
CrmActivityEditor *
crm_activity_editor_new (GtkWindow *parent,
                         CrmUndoManager *undo_manager,
                         gint64 contact_id,
                         gint64 deal_id);

/* The lead-score rules the contact's new score is worked out with (default: the default
 * rules). */
void
crm_activity_editor_set_score_rules (CrmActivityEditor *self, const CrmScoreRules *rules);

/* The fields, as the user fills them (NULL leaves one as it is); @day is YYYY-MM-DD and
 * @time HH:MM. */
void
crm_activity_editor_set_fields (CrmActivityEditor *self,
                                CrmActivityKind kind,
                                const char *subject,
                                const char *notes,
                                const char *day,
                                const char *time);
/* A task's due day and time ("" for none) and whether it is done. */
void
crm_activity_editor_set_due (CrmActivityEditor *self,
                             const char *day,
                             const char *time,
                             gboolean done);

/* Logs the activity (editor.save): returns its id, or 0 when something is refused (the dialog
 * says what, and so does @error). */
gint64
crm_activity_editor_save (CrmActivityEditor *self, GError **error);

G_END_DECLS
