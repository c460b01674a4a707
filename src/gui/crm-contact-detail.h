/* crm-contact-detail.h — CrmContactDetail, the detail pane of the Contacts page: everything
 * about one contact or one company, editable in place (each edit saved when the row is applied
 * or left, checked first, and undoable with Ctrl+Z), with the contact's tags, qualification,
 * lead score and its reasons, deals, feedback answers and timeline, or the company's people,
 * deals, won revenue and timeline. From a contact the company opens, from a company its
 * people; Back returns.
 */
#pragma once

#include <adwaita.h>

#include "crm-lead-score.h"
#include "crm-repository.h"
#include "crm-timeline-list.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_DETAIL (crm_contact_detail_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactDetail, crm_contact_detail, CRM, CONTACT_DETAIL, GtkWidget)

GtkWidget *
crm_contact_detail_new (CrmRepository *repository, CrmUndoManager *undo_manager);

/* Shows contact @id (0: nothing), forgetting where Back would go; FALSE when there is no
 * such contact. */
gboolean
crm_contact_detail_show_contact (CrmContactDetail *self, gint64 id);
/* Shows company @id, the same way. */
gboolean
crm_contact_detail_show_company (CrmContactDetail *self, gint64 id);
/* What is shown: CRM_ENTITY_CONTACT or CRM_ENTITY_COMPANY and its id; 0 when nothing. */
gint64
crm_contact_detail_get_shown (CrmContactDetail *self, CrmEntity *entity);
/* Goes back to what was shown before the last company or person was opened from here. */
gboolean
crm_contact_detail_go_back (CrmContactDetail *self);

/* The lead-score rules the explanation and the stored scores follow (default: the default
 * rules). */
void
crm_contact_detail_set_score_rules (CrmContactDetail *self, const CrmScoreRules *rules);

/* The text of a row as shown, or NULL when it is empty or hidden. A contact: "name", "email",
 * "phone", "job-title", "company", "owner", "country", "lifecycle", "source", "score",
 * "last-contacted", "captured", "notes", "bant-budget", "bant-authority", "bant-need",
 * "bant-timeline" (and each with "-note"). A company: "name", "website", "industry",
 * "phone", "country", "owner", "notes", "people" (how many), "won-revenue". */
const char *
crm_contact_detail_get_text (CrmContactDetail *self, const char *row);
/* The editing widget of a row (an AdwEntryRow, AdwComboRow or GtkTextView), for tests and
 * keyboard focus; NULL when the row is not an edited one. */
GtkWidget *
crm_contact_detail_get_field_widget (CrmContactDetail *self, const char *row);
/* Saves a row's edit, as leaving it does; FALSE when it is refused (the message is shown:
 * crm_contact_detail_get_problem()). */
gboolean
crm_contact_detail_commit (CrmContactDetail *self, const char *row);
/* The message about the last refused edit, or NULL. */
const char *
crm_contact_detail_get_problem (CrmContactDetail *self);

/* The timeline of what is shown. */
CrmTimelineList *
crm_contact_detail_get_timeline (CrmContactDetail *self);

/* Tags the contact shown with @name (an existing tag, or a new one); removes tag @tag_id. */
gboolean
crm_contact_detail_add_tag (CrmContactDetail *self, const char *name, GError **error);
gboolean
crm_contact_detail_remove_tag (CrmContactDetail *self, gint64 tag_id, GError **error);

/* Opens the Log Activity dialog for the contact shown (contact.log-activity), and the Add
 * Answer dialog (contact.add-answer); returns it (owned by GTK), or NULL. */
GtkWindow *
crm_contact_detail_log_activity (CrmContactDetail *self);
GtkWindow *
crm_contact_detail_add_answer (CrmContactDetail *self);

G_END_DECLS
