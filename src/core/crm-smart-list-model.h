/* crm-smart-list-model.h — every smart list (CrmSmartList) in their order, as a GListModel,
 * each with the live count of the contacts it lists; and the count of all contacts.
 *
 * A moment after contacts (or what filters look at) change, everything is counted again in a
 * worker thread, on a connection of its own to the same file, so that a burst of writes is
 * counted once and the main loop never waits for a count (at a million contacts some take a
 * good part of a second). */
#pragma once

#include <gio/gio.h>

#include "crm-smart-list.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* How long after a change the counting starts. */
#define CRM_SMART_LIST_MODEL_RECOUNT_DELAY_MS 250

#define CRM_TYPE_SMART_LIST_MODEL (crm_smart_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmSmartListModel, crm_smart_list_model, CRM, SMART_LIST_MODEL, GObject)

/* Reads the smart lists and starts counting. */
CrmSmartListModel *
crm_smart_list_model_new (CrmStore *store);
/* The smart list @id, or NULL (no reference added). */
CrmSmartList *
crm_smart_list_model_lookup (CrmSmartListModel *self, gint64 id);
/* The number of all contacts, -1 until counted ("all-count"). */
int
crm_smart_list_model_get_all_count (CrmSmartListModel *self);
/* Whether counts are being worked out or waiting to be ("counting"). */
gboolean
crm_smart_list_model_get_counting (CrmSmartListModel *self);
/* Counts everything again a moment from now. */
void
crm_smart_list_model_recount (CrmSmartListModel *self);

G_END_DECLS
