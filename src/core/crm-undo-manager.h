/* crm-undo-manager.h — CrmUndoManager, the undo stack of user actions over one CrmStore.
 *
 * A step is a range of the store's change log, written by one user action and named by a
 * label the user reads ("Moved “Deal” to Proposal"); undoing it reverts that range (see
 * crm_store_revert_changes()). Labels are plain text, never markup: whoever shows them in a
 * widget that parses markup (AdwToast titles) escapes them first. */
#pragma once

#include <glib-object.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_UNDO_ERROR (crm_undo_error_quark ())
GQuark
crm_undo_error_quark (void);

typedef enum
{
  CRM_UNDO_ERROR_NOTHING_TO_UNDO, /* the stack is empty */
} CrmUndoError;

/* How many steps the stack keeps; older ones are forgotten. */
#define CRM_UNDO_MANAGER_MAX_STEPS 100

/* One user action: writes to @store (through its typed functions) and returns TRUE, or sets
 * @error and returns FALSE. */
typedef gboolean (*CrmUndoableFunc) (CrmStore *store, gpointer user_data, GError **error);

#define CRM_TYPE_UNDO_MANAGER (crm_undo_manager_get_type ())
G_DECLARE_FINAL_TYPE (CrmUndoManager, crm_undo_manager, CRM, UNDO_MANAGER, GObject)

CrmUndoManager *
crm_undo_manager_new (CrmStore *store);
CrmStore *
crm_undo_manager_get_store (CrmUndoManager *self);

/* Runs @func in one transaction and records what it wrote as one step named @label. Nothing
 * is recorded when @func fails (its writes are rolled back) or writes nothing. A call made from
 * inside @func only runs its own function: the outer step covers it. */
gboolean
crm_undo_manager_record (CrmUndoManager *self,
                         const char *label,
                         CrmUndoableFunc func,
                         gpointer user_data,
                         GError **error);

/* What undoing a step needs beyond its range of the change log (rows that triggers write and
 * the log does not hold): called after the range is reverted, in the same transaction. */
typedef gboolean (*CrmUndoRestoreFunc) (CrmStore *store, gpointer restore_data, GError **error);

/* crm_undo_manager_record(), and @restore_func (with @restore_data, which @func may fill in)
 * runs when the step is undone. The manager owns @restore_data from the call on and frees it
 * with @restore_data_free when the step goes (at once when nothing is recorded). A call from
 * inside another step's @func adds its restore to that step. */
gboolean
crm_undo_manager_record_with_restore (CrmUndoManager *self,
                                      const char *label,
                                      CrmUndoableFunc func,
                                      gpointer user_data,
                                      CrmUndoRestoreFunc restore_func,
                                      gpointer restore_data,
                                      GDestroyNotify restore_data_free,
                                      GError **error);
/* Makes the change log rows (@after_change_id, @up_to_change_id] part of the newest step when
 * they directly follow it: writes derived from a user's action (a recomputed lead score), so
 * that undoing the action undoes them too, and they do not stand in its way. Returns whether
 * the step took them. */
gboolean
crm_undo_manager_extend_newest (CrmUndoManager *self,
                                gint64 after_change_id,
                                gint64 up_to_change_id);

/* Undoes the newest step. Fails with CRM_UNDO_ERROR_NOTHING_TO_UNDO on an empty stack; with
 * CRM_STORE_ERROR_CONSTRAINT (nothing changed) when its rows were changed since — that step
 * can never be undone, so it is dropped; other errors keep it for another try. */
gboolean
crm_undo_manager_undo (CrmUndoManager *self, GError **error);

gboolean
crm_undo_manager_get_can_undo (CrmUndoManager *self);
/* Label of the step crm_undo_manager_undo() would undo, or NULL. */
const char *
crm_undo_manager_get_undo_label (CrmUndoManager *self);
/* Forgets every step (e.g. when another database is opened). */
void
crm_undo_manager_clear (CrmUndoManager *self);

/* The board's actions, recorded with their labels: crm_store_move_deal() ("Moved “Deal” to
 * Proposal", or "Moved “Deal” within Proposal" for a reorder) and crm_store_delete_deal()
 * ("Deleted “Deal”"). */
gboolean
crm_undo_manager_move_deal (
    CrmUndoManager *self, gint64 deal_id, gint64 stage_id, int position, GError **error);
gboolean
crm_undo_manager_delete_deal (CrmUndoManager *self, gint64 deal_id, GError **error);

G_END_DECLS
