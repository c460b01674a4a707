/* crm-contact-actions.c — undoable edits of the detail pane (see the header). */
#include "config.h"

#include "crm-contact-actions.h"

#include <glib/gi18n-lib.h>

/* Stores the score @contact_id has now under @rules, when it differs. */
static gboolean
refresh_score (CrmStore *store, const CrmScoreRules *rules, gint64 contact_id, GError **error)
{
  g_autoptr (CrmScoreExplanation) explanation = NULL;
  g_autoptr (CrmContactRecord) contact = NULL;

  if (rules == NULL || contact_id == 0)
    return TRUE;
  explanation = crm_lead_score_explain (store, rules, contact_id,
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

/* ---- Contacts and companies ------------------------------------------------------------------ */

typedef struct
{
  const CrmScoreRules *rules;
  gpointer record;
} Write;

static gboolean
update_contact (CrmStore *store, gpointer user_data, GError **error)
{
  Write *write = user_data;
  CrmContactRecord *contact = write->record;

  return crm_store_update_contact (store, contact, error)
         && refresh_score (store, write->rules, contact->id, error);
}

gboolean
crm_contact_actions_update_contact (CrmUndoManager *undo_manager,
                                    const CrmScoreRules *rules,
                                    CrmContactRecord *contact,
                                    const char *label,
                                    GError **error)
{
  Write write = { rules, contact };

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);
  g_return_val_if_fail (contact != NULL && label != NULL, FALSE);

  return crm_undo_manager_record (undo_manager, label, update_contact, &write, error);
}

static gboolean
update_company (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_update_company (store, ((Write *) user_data)->record, error);
}

gboolean
crm_contact_actions_update_company (CrmUndoManager *undo_manager,
                                    CrmCompanyRecord *company,
                                    const char *label,
                                    GError **error)
{
  Write write = { NULL, company };

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);
  g_return_val_if_fail (company != NULL && label != NULL, FALSE);

  return crm_undo_manager_record (undo_manager, label, update_company, &write, error);
}

/* ---- Activities ------------------------------------------------------------------------------ */

static gboolean
log_activity (CrmStore *store, gpointer user_data, GError **error)
{
  Write *write = user_data;
  CrmActivityRecord *activity = write->record;

  return crm_store_log_activity (store, activity, error)
         && refresh_score (store, write->rules, activity->contact_id, error);
}

/* The step's name for an activity without a subject. */
static const char *
untitled_label (CrmActivityKind kind)
{
  switch (kind)
    {
      case CRM_ACTIVITY_CALL:
        return _ ("Logged a call");
      case CRM_ACTIVITY_EMAIL:
        return _ ("Logged an e-mail");
      case CRM_ACTIVITY_MEETING:
        return _ ("Logged a meeting");
      case CRM_ACTIVITY_NOTE:
        return _ ("Added a note");
      case CRM_ACTIVITY_TASK:
        return _ ("Added a task");
      case CRM_ACTIVITY_SUPPORT:
      default:
        return _ ("Logged a support case");
    }
}

gint64
crm_contact_actions_log_activity (CrmUndoManager *undo_manager,
                                  const CrmScoreRules *rules,
                                  CrmActivityRecord *activity,
                                  GError **error)
{
  Write write = { rules, activity };
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), 0);
  g_return_val_if_fail (activity != NULL, 0);

  if (activity->subject != NULL && activity->subject[0] != '\0')
    /* Translators: an undoable step; %s is what the user wrote as the activity's subject. */
    label = g_strdup_printf (_ ("Logged “%s”"), activity->subject);
  else
    label = g_strdup (untitled_label (activity->kind));
  if (!crm_undo_manager_record (undo_manager, label, log_activity, &write, error))
    return 0;
  return activity->id;
}

typedef struct
{
  gint64 id;
  gboolean done;
} SetDone;

static gboolean
set_done (CrmStore *store, gpointer user_data, GError **error)
{
  SetDone *set = user_data;

  return crm_store_set_activity_done (store, set->id, set->done, error);
}

gboolean
crm_contact_actions_set_done (CrmUndoManager *undo_manager,
                              gint64 activity_id,
                              gboolean done,
                              GError **error)
{
  g_autoptr (CrmActivityRecord) activity = NULL;
  g_autofree char *label = NULL;
  SetDone set = { activity_id, done };
  const char *subject;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);

  activity = crm_store_get_activity (crm_undo_manager_get_store (undo_manager), activity_id, error);
  if (activity == NULL)
    return FALSE;
  subject = activity->subject != NULL && activity->subject[0] != '\0'
                ? activity->subject
                : crm_activity_kind_get_label (activity->kind);
  /* Translators: undoable steps; %s is a task's subject. */
  label = g_strdup_printf (done ? _ ("Marked “%s” done") : _ ("Marked “%s” not done"), subject);
  return crm_undo_manager_record (undo_manager, label, set_done, &set, error);
}

/* ---- Tags and feedback ----------------------------------------------------------------------- */

typedef struct
{
  gint64 contact_id;
  const char *name;
  gint64 tag_id;
} Tagging;

static gboolean
add_tag (CrmStore *store, gpointer user_data, GError **error)
{
  Tagging *tagging = user_data;

  tagging->tag_id = crm_store_ensure_tag (store, tagging->name, error);
  return tagging->tag_id != 0
         && crm_store_add_contact_tag (store, tagging->contact_id, tagging->tag_id, error);
}

static gboolean
remove_tag (CrmStore *store, gpointer user_data, GError **error)
{
  Tagging *tagging = user_data;

  return crm_store_remove_contact_tag (store, tagging->contact_id, tagging->tag_id, error);
}

static char *
contact_name (CrmUndoManager *undo_manager, gint64 contact_id)
{
  g_autoptr (CrmContactRecord) contact
      = crm_store_get_contact (crm_undo_manager_get_store (undo_manager), contact_id, NULL);

  return g_strdup (contact != NULL && contact->name != NULL ? contact->name : "");
}

gboolean
crm_contact_actions_add_tag (CrmUndoManager *undo_manager,
                             gint64 contact_id,
                             const char *name,
                             GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *who = NULL;
  g_autofree char *label = NULL;
  Tagging tagging = { contact_id, trimmed, 0 };

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);

  who = contact_name (undo_manager, contact_id);
  /* Translators: an undoable step; the first %s is a tag, the second a contact's name. */
  label = g_strdup_printf (_ ("Added the tag “%s” to “%s”"), trimmed, who);
  return crm_undo_manager_record (undo_manager, label, add_tag, &tagging, error);
}

gboolean
crm_contact_actions_remove_tag (CrmUndoManager *undo_manager,
                                gint64 contact_id,
                                gint64 tag_id,
                                GError **error)
{
  CrmStore *store;
  g_autoptr (CrmTagRecord) tag = NULL;
  g_autofree char *who = NULL;
  g_autofree char *label = NULL;
  Tagging tagging = { contact_id, NULL, tag_id };

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);

  store = crm_undo_manager_get_store (undo_manager);
  tag = crm_store_get_tag (store, tag_id, error);
  if (tag == NULL)
    return FALSE;
  who = contact_name (undo_manager, contact_id);
  /* Translators: an undoable step; the first %s is a tag, the second a contact's name. */
  label = g_strdup_printf (_ ("Removed the tag “%s” from “%s”"), tag->name, who);
  return crm_undo_manager_record (undo_manager, label, remove_tag, &tagging, error);
}

static gboolean
add_feedback (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_insert_feedback (store, user_data, error);
}

gboolean
crm_contact_actions_add_feedback (CrmUndoManager *undo_manager,
                                  CrmFeedbackRecord *feedback,
                                  GError **error)
{
  g_autofree char *who = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);
  g_return_val_if_fail (feedback != NULL, FALSE);

  who = contact_name (undo_manager, feedback->contact_id);
  /* Translators: an undoable step; %s is a contact's name. */
  label = g_strdup_printf (_ ("Added an answer of “%s”"), who);
  return crm_undo_manager_record (undo_manager, label, add_feedback, feedback, error);
}
