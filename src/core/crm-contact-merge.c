/* crm-contact-merge.c — merging two records of the same person (see the header). */
#include "config.h"

#include "crm-contact-merge.h"

#include <glib/gi18n-lib.h>

#include "crm-lead-score.h"

const char *
crm_merge_field_get_label (CrmMergeField field)
{
  switch (field)
    {
      case CRM_MERGE_FIELD_NAME:
        return _ ("Name");
      case CRM_MERGE_FIELD_EMAIL:
        return _ ("E-mail");
      case CRM_MERGE_FIELD_PHONE:
        return _ ("Phone");
      case CRM_MERGE_FIELD_TITLE:
        return _ ("Job Title");
      case CRM_MERGE_FIELD_COMPANY:
        return _ ("Company");
      case CRM_MERGE_FIELD_LIFECYCLE:
        return _ ("Lifecycle Stage");
      case CRM_MERGE_FIELD_SOURCE:
        return _ ("Source");
      case CRM_MERGE_FIELD_OWNER:
        return _ ("Owner");
      case CRM_MERGE_FIELD_COUNTRY:
        return _ ("Country");
      case CRM_MERGE_FIELD_BANT_BUDGET:
        return _ ("Budget");
      case CRM_MERGE_FIELD_BANT_AUTHORITY:
        return _ ("Authority");
      case CRM_MERGE_FIELD_BANT_NEED:
        return _ ("Need");
      case CRM_MERGE_FIELD_BANT_TIMELINE:
        return _ ("Timeline");
      case CRM_MERGE_N_FIELDS:
      default:
        g_return_val_if_reached (NULL);
    }
}

/* ---- Fields ------------------------------------------------------------------------------ */

/* The text member behind a text field, or NULL for the other fields. */
static char **
text_member (CrmContactRecord *contact, CrmMergeField field)
{
  switch (field)
    {
      case CRM_MERGE_FIELD_NAME:
        return &contact->name;
      case CRM_MERGE_FIELD_EMAIL:
        return &contact->email;
      case CRM_MERGE_FIELD_PHONE:
        return &contact->phone;
      case CRM_MERGE_FIELD_TITLE:
        return &contact->title;
      case CRM_MERGE_FIELD_OWNER:
        return &contact->owner;
      case CRM_MERGE_FIELD_COUNTRY:
        return &contact->country;
      default:
        return NULL;
    }
}

/* The answer and note members behind a BANT field; FALSE for the other fields. */
static gboolean
bant_members (CrmContactRecord *contact, CrmMergeField field, CrmBantAnswer **answer, char ***note)
{
  switch (field)
    {
      case CRM_MERGE_FIELD_BANT_BUDGET:
        *answer = &contact->bant_budget;
        *note = &contact->bant_budget_note;
        return TRUE;
      case CRM_MERGE_FIELD_BANT_AUTHORITY:
        *answer = &contact->bant_authority;
        *note = &contact->bant_authority_note;
        return TRUE;
      case CRM_MERGE_FIELD_BANT_NEED:
        *answer = &contact->bant_need;
        *note = &contact->bant_need_note;
        return TRUE;
      case CRM_MERGE_FIELD_BANT_TIMELINE:
        *answer = &contact->bant_timeline;
        *note = &contact->bant_timeline_note;
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Blank and missing text are the same value. */
static gboolean
text_equal (const char *a, const char *b)
{
  if (text_is_blank (a) || text_is_blank (b))
    return text_is_blank (a) && text_is_blank (b);
  return g_strcmp0 (a, b) == 0;
}

gboolean
crm_contact_merge_field_is_empty (const CrmContactRecord *contact, CrmMergeField field)
{
  CrmContactRecord *c = (CrmContactRecord *) contact;
  CrmBantAnswer *answer;
  char **note;
  char **text;

  g_return_val_if_fail (contact != NULL, TRUE);
  g_return_val_if_fail (field < CRM_MERGE_N_FIELDS, TRUE);

  if ((text = text_member (c, field)) != NULL)
    return text_is_blank (*text);
  if (bant_members (c, field, &answer, &note))
    return *answer == CRM_BANT_UNKNOWN && text_is_blank (*note);
  switch (field)
    {
      case CRM_MERGE_FIELD_COMPANY:
        return contact->company_id == 0;
      case CRM_MERGE_FIELD_SOURCE:
        return contact->source_id == 0;
      case CRM_MERGE_FIELD_LIFECYCLE:
      default:
        return FALSE;
    }
}

gboolean
crm_contact_merge_field_equal (const CrmContactRecord *first,
                               const CrmContactRecord *second,
                               CrmMergeField field)
{
  CrmContactRecord *a = (CrmContactRecord *) first;
  CrmContactRecord *b = (CrmContactRecord *) second;
  CrmBantAnswer *answer_a, *answer_b;
  char **note_a, **note_b;
  char **text_a;

  g_return_val_if_fail (first != NULL && second != NULL, FALSE);
  g_return_val_if_fail (field < CRM_MERGE_N_FIELDS, FALSE);

  if ((text_a = text_member (a, field)) != NULL)
    return text_equal (*text_a, *text_member (b, field));
  if (bant_members (a, field, &answer_a, &note_a))
    {
      bant_members (b, field, &answer_b, &note_b);
      return *answer_a == *answer_b && text_equal (*note_a, *note_b);
    }
  switch (field)
    {
      case CRM_MERGE_FIELD_COMPANY:
        return first->company_id == second->company_id;
      case CRM_MERGE_FIELD_SOURCE:
        return first->source_id == second->source_id;
      case CRM_MERGE_FIELD_LIFECYCLE:
      default:
        return first->lifecycle == second->lifecycle;
    }
}

static void
copy_field (CrmContactRecord *to, const CrmContactRecord *from, CrmMergeField field)
{
  CrmContactRecord *f = (CrmContactRecord *) from;
  CrmBantAnswer *to_answer, *from_answer;
  char **to_note, **from_note;
  char **to_text;

  if ((to_text = text_member (to, field)) != NULL)
    {
      g_free (*to_text);
      *to_text = g_strdup (*text_member (f, field));
      return;
    }
  if (bant_members (to, field, &to_answer, &to_note))
    {
      bant_members (f, field, &from_answer, &from_note);
      *to_answer = *from_answer;
      g_free (*to_note);
      *to_note = g_strdup (*from_note);
      return;
    }
  switch (field)
    {
      case CRM_MERGE_FIELD_COMPANY:
        to->company_id = from->company_id;
        break;
      case CRM_MERGE_FIELD_SOURCE:
        to->source_id = from->source_id;
        break;
      case CRM_MERGE_FIELD_LIFECYCLE:
        to->lifecycle = from->lifecycle;
        break;
      default:
        g_assert_not_reached ();
    }
}

/* ---- The plan ----------------------------------------------------------------------------- */

void
crm_contact_merge_propose (const CrmContactRecord *first,
                           const CrmContactRecord *second,
                           CrmContactMergePlan *plan)
{
  gboolean second_is_newer;

  g_return_if_fail (first != NULL && second != NULL && plan != NULL);

  second_is_newer = second->updated_at > first->updated_at;
  for (guint i = 0; i < CRM_MERGE_N_FIELDS; i++)
    {
      CrmMergeField field = (CrmMergeField) i;
      gboolean first_empty = crm_contact_merge_field_is_empty (first, field);
      gboolean second_empty = crm_contact_merge_field_is_empty (second, field);

      if (crm_contact_merge_field_equal (first, second, field))
        plan->from_second[i] = FALSE;
      else if (field == CRM_MERGE_FIELD_LIFECYCLE)
        plan->from_second[i] = second->lifecycle > first->lifecycle;
      else if (first_empty != second_empty)
        plan->from_second[i] = first_empty;
      else
        plan->from_second[i] = second_is_newer;
    }
  plan->keep_second = second->id != 0
                      && (second->captured_at < first->captured_at
                          || (second->captured_at == first->captured_at && second->id < first->id));
}

static gint64
earliest_time (gint64 a, gint64 b)
{
  if (a == 0 || b == 0)
    return a != 0 ? a : b;
  return MIN (a, b);
}

CrmContactRecord *
crm_contact_merge_build (const CrmContactRecord *first,
                         const CrmContactRecord *second,
                         const CrmContactMergePlan *plan)
{
  const CrmContactRecord *kept, *other;
  CrmContactRecord *merged;

  g_return_val_if_fail (first != NULL && second != NULL && plan != NULL, NULL);

  kept = plan->keep_second ? second : first;
  other = plan->keep_second ? first : second;
  merged = crm_contact_record_copy (kept);
  for (guint i = 0; i < CRM_MERGE_N_FIELDS; i++)
    copy_field (merged, plan->from_second[i] ? second : first, (CrmMergeField) i);

  g_free (merged->notes);
  merged->notes = crm_store_join_contact_notes (kept->notes, other->notes);
  merged->captured_at = earliest_time (kept->captured_at, other->captured_at);
  merged->last_contacted_at = MAX (kept->last_contacted_at, other->last_contacted_at);
  /* A start: the score is computed again once the merged contact has all the activities. */
  merged->score = MAX (kept->score, other->score);
  return merged;
}

/* ---- Applying it ------------------------------------------------------------------------- */

typedef struct
{
  gint64 other_id; /* 0: no second contact (a new entry merged into an existing one) */
  const CrmContactRecord *merged;
  CrmLifecycleSnapshot **snapshot; /* filled in inside the step, for its undo */
} MergeJob;

static gboolean
update_score (CrmStore *store, gint64 contact_id, GError **error)
{
  g_autoptr (CrmScoreExplanation) explanation = NULL;
  g_autoptr (CrmContactRecord) contact = NULL;
  CrmScoreRules rules;

  crm_score_rules_init (&rules);
  explanation = crm_lead_score_explain (store, &rules, contact_id,
                                        g_get_real_time () / G_USEC_PER_SEC, error);
  if (explanation == NULL)
    return FALSE;
  contact = crm_store_get_contact (store, contact_id, error);
  if (contact == NULL)
    return FALSE;
  if (contact->score == explanation->score)
    return TRUE;
  contact->score = explanation->score;
  return crm_store_update_contact (store, contact, error);
}

static gboolean
merge_func (CrmStore *store, gpointer user_data, GError **error)
{
  MergeJob *job = user_data;
  gint64 ids[2] = { job->merged->id, job->other_id };

  /* What the change log does not hold, saved before anything is written. */
  *job->snapshot = crm_store_save_lifecycle_history (store, ids, job->other_id != 0 ? 2 : 1, error);
  if (*job->snapshot == NULL)
    return FALSE;
  if (job->other_id != 0)
    {
      if (!crm_store_merge_contacts (store, job->merged->id, job->other_id, job->merged, error))
        return FALSE;
    }
  else
    {
      g_autoptr (CrmContactRecord) merged = crm_contact_record_copy (job->merged);
      if (!crm_store_update_contact (store, merged, error))
        return FALSE;
    }
  return update_score (store, job->merged->id, error);
}

static gboolean
restore_lifecycle_func (CrmStore *store, gpointer restore_data, GError **error)
{
  CrmLifecycleSnapshot **snapshot = restore_data;
  return *snapshot == NULL || crm_store_restore_lifecycle_history (store, *snapshot, error);
}

static void
snapshot_slot_free (gpointer data)
{
  CrmLifecycleSnapshot **snapshot = data;

  g_clear_pointer (snapshot, crm_lifecycle_snapshot_free);
  g_free (snapshot);
}

static gboolean
apply (CrmUndoManager *undo_manager,
       const char *label,
       gint64 other_id,
       const CrmContactRecord *merged,
       GError **error)
{
  CrmLifecycleSnapshot **snapshot = g_new0 (CrmLifecycleSnapshot *, 1);
  MergeJob job = { other_id, merged, snapshot };

  return crm_undo_manager_record_with_restore (undo_manager, label, merge_func, &job,
                                               restore_lifecycle_func, snapshot, snapshot_slot_free,
                                               error);
}

gboolean
crm_contact_merge_apply (CrmUndoManager *undo_manager,
                         gint64 other_id,
                         const CrmContactRecord *merged,
                         GError **error)
{
  CrmStore *store;
  g_autoptr (CrmContactRecord) kept = NULL;
  g_autoptr (CrmContactRecord) other = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);
  g_return_val_if_fail (merged != NULL, FALSE);

  store = crm_undo_manager_get_store (undo_manager);
  if (merged->id == other_id)
    /* The store says why. */
    return crm_store_merge_contacts (store, merged->id, other_id, merged, error);
  kept = crm_store_get_contact (store, merged->id, NULL);
  other = crm_store_get_contact (store, other_id, NULL);
  if (kept == NULL || other == NULL)
    return crm_store_merge_contacts (store, merged->id, other_id, merged, error);

  /* Translators: an undoable step; the first %s is the contact merged away, the second the
   * one kept (as it was named before). */
  label = g_strdup_printf (_ ("Merged “%s” into “%s”"), other->name, kept->name);
  return apply (undo_manager, label, other_id, merged, error);
}

gboolean
crm_contact_merge_apply_entry (CrmUndoManager *undo_manager,
                               const CrmContactRecord *merged,
                               GError **error)
{
  g_autoptr (CrmContactRecord) kept = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);
  g_return_val_if_fail (merged != NULL, FALSE);

  kept = crm_store_get_contact (crm_undo_manager_get_store (undo_manager), merged->id, error);
  if (kept == NULL)
    return FALSE;
  /* Translators: an undoable step; %s is the existing contact the new entry was merged into. */
  label = g_strdup_printf (_ ("Merged the new entry into “%s”"), kept->name);
  return apply (undo_manager, label, 0, merged, error);
}
