/* crm-contact-actions.h — the edits the contact and company details make, each one undoable
 * step of a CrmUndoManager (one transaction, named by a label the user reads): writing a
 * contact or company, logging an activity, ticking off a task, tagging, recording a feedback
 * answer. Writes that change what a contact's lead score counts (its fields, its activities)
 * store the new score in the same step, computed with the rules given (none: left as is).
 */
#pragma once

#include "crm-lead-score.h"
#include "crm-store-timeline.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

/* Writes every field of @contact (as crm_store_update_contact()), as the step @label. */
gboolean
crm_contact_actions_update_contact (CrmUndoManager *undo_manager,
                                    const CrmScoreRules *rules,
                                    CrmContactRecord *contact,
                                    const char *label,
                                    GError **error);

/* Writes every field of @company, as the step @label. */
gboolean
crm_contact_actions_update_company (CrmUndoManager *undo_manager,
                                    CrmCompanyRecord *company,
                                    const char *label,
                                    GError **error);

/* Logs @activity (crm_store_log_activity(): the contact's last contact follows) as the step
 * "Logged “subject”"; returns its id, or 0. */
gint64
crm_contact_actions_log_activity (CrmUndoManager *undo_manager,
                                  const CrmScoreRules *rules,
                                  CrmActivityRecord *activity,
                                  GError **error);

/* Marks a task (or support case) done or not done. */
gboolean
crm_contact_actions_set_done (CrmUndoManager *undo_manager,
                              gint64 activity_id,
                              gboolean done,
                              GError **error);

/* Tags contact @contact_id with the tag named @name, made when there is none. */
gboolean
crm_contact_actions_add_tag (CrmUndoManager *undo_manager,
                             gint64 contact_id,
                             const char *name,
                             GError **error);
gboolean
crm_contact_actions_remove_tag (CrmUndoManager *undo_manager,
                                gint64 contact_id,
                                gint64 tag_id,
                                GError **error);

/* Records an NPS or CSAT answer (the store checks its range). */
gboolean
crm_contact_actions_add_feedback (CrmUndoManager *undo_manager,
                                  CrmFeedbackRecord *feedback,
                                  GError **error);

G_END_DECLS
