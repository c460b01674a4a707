/* crm-contact-merge.h — merging two records of the same person (crm-process.md §2: duplicates
 * are offered for merge, never silently created or dropped).
 *
 * A plan says, field by field, which of the two contacts gives the value; the proposal picks
 * a non-empty value over an empty one, else the value of the more recently updated contact,
 * and for the lifecycle stage the further one. What is not a choice: the notes of both are
 * joined, the capture date is the earlier one, the last contact the later one, and the lead
 * score is computed again after the merge. Applying a plan is one undoable step.
 */
#pragma once

#include "crm-store.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

/* The fields a person chooses between, in the order a merge dialog shows them. A BANT field
 * is its answer and its note together. */
typedef enum
{
  CRM_MERGE_FIELD_NAME,
  CRM_MERGE_FIELD_EMAIL,
  CRM_MERGE_FIELD_PHONE,
  CRM_MERGE_FIELD_TITLE,
  CRM_MERGE_FIELD_COMPANY,
  CRM_MERGE_FIELD_LIFECYCLE,
  CRM_MERGE_FIELD_SOURCE,
  CRM_MERGE_FIELD_OWNER,
  CRM_MERGE_FIELD_COUNTRY,
  CRM_MERGE_FIELD_BANT_BUDGET,
  CRM_MERGE_FIELD_BANT_AUTHORITY,
  CRM_MERGE_FIELD_BANT_NEED,
  CRM_MERGE_FIELD_BANT_TIMELINE,
  CRM_MERGE_N_FIELDS
} CrmMergeField;

typedef struct
{
  /* TRUE: the field's value comes from the second contact; FALSE: from the first. */
  gboolean from_second[CRM_MERGE_N_FIELDS];
  /* TRUE: the second contact's row is the one kept (its id and uuid live on). */
  gboolean keep_second;
} CrmContactMergePlan;

/* The field's name as people read it ("E-mail", "Budget"): translated. */
const char *
crm_merge_field_get_label (CrmMergeField field);
/* Whether the contact has no value for the field (no text, no company, BANT unknown and no
 * note). A lifecycle stage is never empty. */
gboolean
crm_contact_merge_field_is_empty (const CrmContactRecord *contact, CrmMergeField field);
/* Whether both contacts hold the same value for the field. */
gboolean
crm_contact_merge_field_equal (const CrmContactRecord *first,
                               const CrmContactRecord *second,
                               CrmMergeField field);

/* The proposed plan: per field a non-empty value over an empty one, else the value of the
 * contact updated last (the first on a tie), and the further lifecycle stage (in the order
 * of crm-process.md §1). The contact captured first is kept (the lower id on a tie); an
 * unsaved @second (id 0) is never kept. */
void
crm_contact_merge_propose (const CrmContactRecord *first,
                           const CrmContactRecord *second,
                           CrmContactMergePlan *plan);

/* The kept contact as the plan makes it: the chosen values, the kept row's id, uuid and
 * creation, the notes of both joined, the earlier capture, the later last contact. */
CrmContactRecord *
crm_contact_merge_build (const CrmContactRecord *first,
                         const CrmContactRecord *second,
                         const CrmContactMergePlan *plan);

/* Merges contact @other_id into @merged->id (crm_store_merge_contacts()) and computes the
 * kept contact's lead score again, as one undoable step labelled "Merged “other” into
 * “kept”"; undoing it brings both contacts back exactly, lifecycle history included. */
gboolean
crm_contact_merge_apply (CrmUndoManager *undo_manager,
                         gint64 other_id,
                         const CrmContactRecord *merged,
                         GError **error);

/* Writes @merged — an existing contact with values taken from a new entry that was never
 * saved (the quick add's duplicate) — as one undoable step, its score computed again. */
gboolean
crm_contact_merge_apply_entry (CrmUndoManager *undo_manager,
                               const CrmContactRecord *merged,
                               GError **error);

G_END_DECLS
