/* crm-spend-actions.h — the acquisition spend that CAC is computed from (crm-process.md §9),
 * entered per lead source, month and currency in the dashboard's editor: adding, changing and
 * deleting a row, each one undoable step of a CrmUndoManager named by a label the user reads
 * ("Added spend of Website for March 2024").
 */
#pragma once

#include "crm-undo-manager.h"

G_BEGIN_DECLS

/* The first second (UTC) of the month of @year and @month (1–12), as spend rows store it. */
gint64
crm_spend_month_start (int year, int month);

/* Adds @spend (source, month_start, amount_minor, currency; its id is filled in). Fails with
 * CRM_STORE_ERROR_INVALID for a month_start that is not a month's first second, a negative
 * amount or a currency that is not three capital letters, and with CRM_STORE_ERROR_CONSTRAINT
 * when the source already has spend for that month in that currency (edit that one instead). */
gboolean
crm_spend_actions_add (CrmUndoManager *undo_manager,
                       CrmAcquisitionSpendRecord *spend,
                       GError **error);
/* Writes every field of @spend (the same checks; the row itself does not count as a clash). */
gboolean
crm_spend_actions_update (CrmUndoManager *undo_manager,
                          CrmAcquisitionSpendRecord *spend,
                          GError **error);
gboolean
crm_spend_actions_delete (CrmUndoManager *undo_manager, gint64 spend_id, GError **error);

G_END_DECLS
