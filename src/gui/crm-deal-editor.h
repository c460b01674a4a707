/* crm-deal-editor.h — CrmDealEditor, the window that creates or edits one deal. */
#pragma once

#include <adwaita.h>

#include "crm-deal.h"
#include "crm-repository.h"
#include "crm-entity-picker.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_DEAL_EDITOR (crm_deal_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmDealEditor, crm_deal_editor, CRM, DEAL_EDITOR, AdwWindow)

/* An editor for @deal, or for a new deal of @pipeline_id when @deal is NULL. */
CrmDealEditor *
crm_deal_editor_new (GtkWindow *parent,
                     CrmRepository *repository,
                     CrmUndoManager *undo_manager,
                     gint64 pipeline_id,
                     CrmDeal *deal);

/* Validates and writes the deal in one transaction; on an error nothing is written and the
 * message is shown in the editor. Returns the deal's id, or 0. */
gint64
crm_deal_editor_save (CrmDealEditor *self, GError **error);

/* Parses a money amount typed by a person ("1234.5", "1,234.50", "1 234,50") into minor units of
 * @currency. FALSE when it is not an amount of zero or more with at most the currency's digits. */
/* The pickers of the contact and company rows. */
CrmEntityPicker *
crm_deal_editor_get_contact_picker (CrmDealEditor *self);
CrmEntityPicker *
crm_deal_editor_get_company_picker (CrmDealEditor *self);

gboolean
crm_deal_editor_parse_value (const char *text, const char *currency, gint64 *value_minor);

G_END_DECLS
