/* crm-lost-reason-prompt.c — moving a deal to a Lost stage asks why (crm-process.md §5: lost
 * reasons are how the process improves). Confirming moves the deal and records the reason as
 * one undoable step; cancelling changes nothing, so a dropped card stays where it was. */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-lost-reason-prompt.h"
#include "crm-pipeline-view-private.h"

typedef struct
{
  CrmPipelineView *view;
  CrmUndoManager *undo_manager;
  gint64 deal_id;
  gint64 stage_id;
  int position;
  GtkDropDown *reason_list;
  GPtrArray *reasons; /* CrmLostReasonRecord */
} LostPrompt;

typedef struct
{
  gint64 deal_id;
  gint64 stage_id;
  int position;
  gint64 reason_id;
} LostMove;

static void
lost_prompt_free (LostPrompt *prompt)
{
  g_clear_object (&prompt->view);
  g_clear_object (&prompt->undo_manager);
  g_clear_pointer (&prompt->reasons, g_ptr_array_unref);
  g_free (prompt);
}

static void
lost_prompt_closure_free (gpointer data, GClosure *closure)
{
  lost_prompt_free (data);
}

static gboolean
write_lost_move (CrmStore *store, gpointer user_data, GError **error)
{
  const LostMove *move = user_data;
  g_autoptr (CrmDealRecord) deal = NULL;

  if (!crm_store_move_deal (store, move->deal_id, move->stage_id, move->position, error))
    return FALSE;
  deal = crm_store_get_deal (store, move->deal_id, error);
  if (deal == NULL)
    return FALSE;
  deal->lost_reason_id = move->reason_id;
  return crm_store_update_deal (store, deal, error);
}

gboolean
crm_lost_reason_prompt_apply (CrmUndoManager *undo_manager,
                              gint64 deal_id,
                              gint64 stage_id,
                              int position,
                              gint64 reason_id,
                              GError **error)
{
  CrmStore *store = crm_undo_manager_get_store (undo_manager);
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (store, deal_id, error);
  g_autoptr (CrmLostReasonRecord) reason = NULL;
  g_autofree char *label = NULL;
  LostMove move = { deal_id, stage_id, position, reason_id };

  if (deal == NULL)
    return FALSE;
  reason = crm_store_get_lost_reason (store, reason_id, error);
  if (reason == NULL)
    return FALSE;
  /* Translators: the first %s is a deal's title, the second why it was lost. */
  label = g_strdup_printf (_ ("Marked “%s” as lost: %s"), deal->title, reason->name);
  return crm_undo_manager_record (undo_manager, label, write_lost_move, &move, error);
}

static void
on_prompt_response (AdwMessageDialog *dialog, const char *response, LostPrompt *prompt)
{
  g_autoptr (GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (prompt->reason_list);
  CrmLostReasonRecord *reason;

  if (g_strcmp0 (response, "lost") != 0 || selected >= prompt->reasons->len)
    return;
  reason = prompt->reasons->pdata[selected];
  if (!crm_lost_reason_prompt_apply (prompt->undo_manager, prompt->deal_id, prompt->stage_id,
                                     prompt->position, reason->id, &error))
    {
      crm_pipeline_view_report (prompt->view, error->message, FALSE);
      return;
    }
  crm_pipeline_view_report (prompt->view, crm_undo_manager_get_undo_label (prompt->undo_manager),
                            TRUE);
}

AdwMessageDialog *
crm_lost_reason_prompt_show (CrmPipelineView *view,
                             CrmUndoManager *undo_manager,
                             gint64 deal_id,
                             gint64 stage_id,
                             int position)
{
  CrmStore *store = crm_undo_manager_get_store (undo_manager);
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (store, deal_id, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  AdwMessageDialog *dialog;
  LostPrompt *prompt;

  if (deal == NULL)
    return NULL;

  prompt = g_new0 (LostPrompt, 1);
  prompt->view = g_object_ref (view);
  prompt->undo_manager = g_object_ref (undo_manager);
  prompt->deal_id = deal_id;
  prompt->stage_id = stage_id;
  prompt->position = position;
  prompt->reasons = crm_store_list_lost_reasons (store, NULL);
  if (prompt->reasons == NULL)
    prompt->reasons = g_ptr_array_new ();
  for (guint i = 0; i < prompt->reasons->len; i++)
    gtk_string_list_append (names, ((CrmLostReasonRecord *) prompt->reasons->pdata[i])->name);
  prompt->reason_list
      = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (prompt->reason_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Lost reason"), -1);

  /* The body is plain text (body-use-markup is off): the title is the user's text. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Why Was the Deal Lost?"), NULL));
  /* Translators: %s is a deal's title. */
  adw_message_dialog_format_body (dialog, _ ("Choose why “%s” was lost."), deal->title);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (prompt->reason_list));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "lost", _ ("Mark as _Lost"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "lost", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "lost");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "lost", prompt->reasons->len > 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_prompt_response), prompt,
                         lost_prompt_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
