/* crm-undo-manager.c — CrmUndoManager: a bounded stack of change-log ranges, each written by
 * one user action inside one transaction, so that the range holds that action and nothing else
 * (BEGIN IMMEDIATE keeps other connections from writing in between). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-undo-manager.h"

typedef struct
{
  CrmUndoRestoreFunc func;
  gpointer data;
  GDestroyNotify data_free;
} UndoRestore;

typedef struct
{
  char *label;
  gint64 after_change_id;
  gint64 up_to_change_id;
  GPtrArray *restores; /* UndoRestore, in the order they were recorded; or NULL */
} UndoStep;

struct _CrmUndoManager
{
  GObject parent_instance;

  CrmStore *store;
  GQueue steps; /* UndoStep, newest at the head */
  guint recording_depth;
  GPtrArray *recording_restores; /* UndoRestore of the step being recorded, or NULL */
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_UNDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* clang-format off */
G_DEFINE_QUARK (crm-undo-error-quark, crm_undo_error)
/* clang-format on */

G_DEFINE_FINAL_TYPE (CrmUndoManager, crm_undo_manager, G_TYPE_OBJECT)

static void
undo_restore_free (gpointer data)
{
  UndoRestore *restore = data;

  if (restore->data_free != NULL)
    restore->data_free (restore->data);
  g_free (restore);
}

static void
undo_step_free (gpointer data)
{
  UndoStep *step = data;

  g_clear_pointer (&step->restores, g_ptr_array_unref);
  g_free (step->label);
  g_free (step);
}

/* ---- The stack and its properties ------------------------------------------------------- */

static const UndoStep *
peek_step (CrmUndoManager *self)
{
  return g_queue_peek_head (&self->steps);
}

typedef struct
{
  gboolean can_undo;
  char *label;
} StackState;

static StackState
stack_state_save (CrmUndoManager *self)
{
  const UndoStep *step = peek_step (self);
  StackState state = { step != NULL, step != NULL ? g_strdup (step->label) : NULL };

  return state;
}

/* Notifies what changed since @before was saved, and only that. */
static void
stack_state_notify (CrmUndoManager *self, StackState *before)
{
  const UndoStep *step = peek_step (self);

  if (before->can_undo != (step != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (g_strcmp0 (before->label, step != NULL ? step->label : NULL) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_clear_pointer (&before->label, g_free);
}

static void
push_step (CrmUndoManager *self,
           const char *label,
           gint64 after_change_id,
           gint64 up_to_change_id,
           GPtrArray *restores)
{
  StackState before = stack_state_save (self);
  UndoStep *step = g_new0 (UndoStep, 1);

  step->label = g_strdup (label);
  step->after_change_id = after_change_id;
  step->up_to_change_id = up_to_change_id;
  step->restores = restores;
  g_queue_push_head (&self->steps, step);
  while (g_queue_get_length (&self->steps) > CRM_UNDO_MANAGER_MAX_STEPS)
    undo_step_free (g_queue_pop_tail (&self->steps));
  stack_state_notify (self, &before);
}

static void
drop_newest_step (CrmUndoManager *self)
{
  StackState before = stack_state_save (self);

  undo_step_free (g_queue_pop_head (&self->steps));
  stack_state_notify (self, &before);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_undo_manager_dispose (GObject *object)
{
  CrmUndoManager *self = CRM_UNDO_MANAGER (object);

  g_queue_clear_full (&self->steps, undo_step_free);
  g_clear_pointer (&self->recording_restores, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_undo_manager_parent_class)->dispose (object);
}

static void
crm_undo_manager_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmUndoManager *self = CRM_UNDO_MANAGER (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_CAN_UNDO:
        g_value_set_boolean (value, crm_undo_manager_get_can_undo (self));
        break;
      case PROP_UNDO_LABEL:
        g_value_set_string (value, crm_undo_manager_get_undo_label (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_undo_manager_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  CrmUndoManager *self = CRM_UNDO_MANAGER (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_undo_manager_class_init (CrmUndoManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_undo_manager_dispose;
  object_class->get_property = crm_undo_manager_get_property;
  object_class->set_property = crm_undo_manager_set_property;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO]
      = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_LABEL]
      = g_param_spec_string ("undo-label", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_undo_manager_init (CrmUndoManager *self)
{
  g_queue_init (&self->steps);
}

CrmUndoManager *
crm_undo_manager_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return g_object_new (CRM_TYPE_UNDO_MANAGER, "store", store, NULL);
}

CrmStore *
crm_undo_manager_get_store (CrmUndoManager *self)
{
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), NULL);
  return self->store;
}

gboolean
crm_undo_manager_get_can_undo (CrmUndoManager *self)
{
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), FALSE);
  return peek_step (self) != NULL;
}

const char *
crm_undo_manager_get_undo_label (CrmUndoManager *self)
{
  const UndoStep *step;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), NULL);
  step = peek_step (self);
  return step != NULL ? step->label : NULL;
}

void
crm_undo_manager_clear (CrmUndoManager *self)
{
  StackState before;

  g_return_if_fail (CRM_IS_UNDO_MANAGER (self));
  before = stack_state_save (self);
  g_queue_clear_full (&self->steps, undo_step_free);
  stack_state_notify (self, &before);
}

/* ---- Recording and undoing -------------------------------------------------------------- */

static gboolean
run_in_transaction (CrmUndoManager *self,
                    CrmUndoableFunc func,
                    gpointer user_data,
                    gint64 *after_change_id,
                    gint64 *up_to_change_id,
                    GError **error)
{
  if (!crm_store_begin (self->store, error))
    return FALSE;
  /* Read inside the transaction: nobody else can write to the log until it ends. */
  *after_change_id = crm_store_get_last_change_id (self->store);
  self->recording_depth++;
  if (!func (self->store, user_data, error))
    {
      self->recording_depth--;
      crm_store_rollback (self->store);
      return FALSE;
    }
  self->recording_depth--;
  *up_to_change_id = crm_store_get_last_change_id (self->store);
  return crm_store_commit (self->store, error);
}

/* Records @func as a step (or, inside another step's function, as part of it). @restore
 * (taken; may be NULL) joins the step: the restores of a step are kept in the order their
 * calls began, and undone newest first. */
static gboolean
record_step (CrmUndoManager *self,
             const char *label,
             CrmUndoableFunc func,
             gpointer user_data,
             UndoRestore *restore,
             GError **error)
{
  gint64 after_change_id = 0, up_to_change_id = 0;
  GPtrArray *restores;

  if (self->recording_depth > 0)
    {
      gboolean ok = func (self->store, user_data, error);

      if (restore != NULL && ok)
        g_ptr_array_add (self->recording_restores, restore);
      else if (restore != NULL)
        undo_restore_free (restore);
      return ok;
    }

  g_object_ref (self);
  self->recording_restores = g_ptr_array_new_with_free_func (undo_restore_free);
  if (restore != NULL)
    g_ptr_array_add (self->recording_restores, restore);
  if (!run_in_transaction (self, func, user_data, &after_change_id, &up_to_change_id, error))
    {
      g_clear_pointer (&self->recording_restores, g_ptr_array_unref);
      g_object_unref (self);
      return FALSE;
    }
  restores = g_steal_pointer (&self->recording_restores);
  if (up_to_change_id > after_change_id)
    push_step (self, label, after_change_id, up_to_change_id,
               restores->len > 0 ? g_ptr_array_ref (restores) : NULL);
  g_ptr_array_unref (restores);
  g_object_unref (self);
  return TRUE;
}

gboolean
crm_undo_manager_record (CrmUndoManager *self,
                         const char *label,
                         CrmUndoableFunc func,
                         gpointer user_data,
                         GError **error)
{
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return record_step (self, label, func, user_data, NULL, error);
}

gboolean
crm_undo_manager_record_with_restore (CrmUndoManager *self,
                                      const char *label,
                                      CrmUndoableFunc func,
                                      gpointer user_data,
                                      CrmUndoRestoreFunc restore_func,
                                      gpointer restore_data,
                                      GDestroyNotify restore_data_free,
                                      GError **error)
{
  UndoRestore *restore = g_new0 (UndoRestore, 1);

  restore->func = restore_func;
  restore->data = restore_data;
  restore->data_free = restore_data_free;
  if (!CRM_IS_UNDO_MANAGER (self) || label == NULL || func == NULL || restore_func == NULL
      || (error != NULL && *error != NULL))
    {
      undo_restore_free (restore);
      g_return_val_if_reached (FALSE);
    }
  return record_step (self, label, func, user_data, restore, error);
}

/* Reverts the step's range, then runs its restores newest first, in one transaction. */
static gboolean
revert_step (CrmUndoManager *self, const UndoStep *step, GError **error)
{
  if (step->restores == NULL)
    return crm_store_revert_changes (self->store, step->after_change_id, step->up_to_change_id,
                                     error);
  if (!crm_store_begin (self->store, error))
    return FALSE;
  if (!crm_store_revert_changes (self->store, step->after_change_id, step->up_to_change_id, error))
    goto failed;
  for (guint i = step->restores->len; i > 0; i--)
    {
      const UndoRestore *restore = step->restores->pdata[i - 1];
      if (!restore->func (self->store, restore->data, error))
        goto failed;
    }
  return crm_store_commit (self->store, error);

failed:
  crm_store_rollback (self->store);
  return FALSE;
}

gboolean
crm_undo_manager_extend_newest (CrmUndoManager *self,
                                gint64 after_change_id,
                                gint64 up_to_change_id)
{
  UndoStep *step;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), FALSE);
  g_return_val_if_fail (after_change_id <= up_to_change_id, FALSE);

  step = g_queue_peek_head (&self->steps);
  if (step == NULL || step->up_to_change_id != after_change_id)
    return FALSE;
  step->up_to_change_id = up_to_change_id;
  return TRUE;
}

gboolean
crm_undo_manager_undo (CrmUndoManager *self, GError **error)
{
  const UndoStep *step;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), FALSE);

  step = peek_step (self);
  if (step == NULL)
    {
      g_set_error_literal (error, CRM_UNDO_ERROR, CRM_UNDO_ERROR_NOTHING_TO_UNDO,
                           _ ("There is nothing to undo"));
      return FALSE;
    }
  if (revert_step (self, step, &local_error))
    {
      drop_newest_step (self);
      return TRUE;
    }
  /* Refused because its rows were changed since: trying again cannot help. */
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT))
    drop_newest_step (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- The board's actions ---------------------------------------------------------------- */

typedef struct
{
  gint64 deal_id;
  gint64 stage_id;
  int position;
} DealMove;

static gboolean
move_deal (CrmStore *store, gpointer user_data, GError **error)
{
  const DealMove *move = user_data;
  return crm_store_move_deal (store, move->deal_id, move->stage_id, move->position, error);
}

static gboolean
delete_deal (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_delete_deal (store, *(const gint64 *) user_data, error);
}

gboolean
crm_undo_manager_move_deal (
    CrmUndoManager *self, gint64 deal_id, gint64 stage_id, int position, GError **error)
{
  g_autoptr (CrmDealRecord) deal = NULL;
  g_autoptr (CrmStageRecord) stage = NULL;
  g_autofree char *label = NULL;
  DealMove move = { deal_id, stage_id, position };

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), FALSE);

  deal = crm_store_get_deal (self->store, deal_id, error);
  if (deal == NULL)
    return FALSE;
  stage = crm_store_get_stage (self->store, stage_id, error);
  if (stage == NULL)
    return FALSE;

  if (deal->stage_id == stage_id)
    /* Translators: an undoable action; the first %s is a deal's title, the second a stage. */
    label = g_strdup_printf (_ ("Moved “%s” within %s"), deal->title, stage->name);
  else
    /* Translators: an undoable action; the first %s is a deal's title, the second a stage. */
    label = g_strdup_printf (_ ("Moved “%s” to %s"), deal->title, stage->name);
  return crm_undo_manager_record (self, label, move_deal, &move, error);
}

gboolean
crm_undo_manager_delete_deal (CrmUndoManager *self, gint64 deal_id, GError **error)
{
  g_autoptr (CrmDealRecord) deal = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (self), FALSE);

  deal = crm_store_get_deal (self->store, deal_id, error);
  if (deal == NULL)
    return FALSE;
  /* Translators: an undoable action; %s is a deal's title. */
  label = g_strdup_printf (_ ("Deleted “%s”"), deal->title);
  return crm_undo_manager_record (self, label, delete_deal, &deal_id, error);
}
