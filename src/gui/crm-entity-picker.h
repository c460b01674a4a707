/* crm-entity-picker.h — CrmEntityPicker turns an AdwEntryRow into a searchable picker of
 * contacts or companies: as the user types, a popover under the row lists the best matches of
 * the search index (names first); Down and Up walk the list, Enter or a click picks one, Escape
 * closes it. The picked record's id is kept while the row's text is its name, so two records
 * with the same name are told apart.
 */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_ENTITY_PICKER_MAX_MATCHES 8

#define CRM_TYPE_ENTITY_PICKER (crm_entity_picker_get_type ())
G_DECLARE_FINAL_TYPE (CrmEntityPicker, crm_entity_picker, CRM, ENTITY_PICKER, GObject)

/* @entity: CRM_ENTITY_CONTACT or CRM_ENTITY_COMPANY. The owner of @row calls
 * crm_entity_picker_detach() in its dispose, before @row goes. */
CrmEntityPicker *
crm_entity_picker_new (AdwEntryRow *row, CrmStore *store, CrmEntity entity);
void
crm_entity_picker_detach (CrmEntityPicker *self);

/* The id picked (or set) while the row still shows its name; else 0. */
gint64
crm_entity_picker_get_id (CrmEntityPicker *self);
/* Shows record @id named @name in the row, as picked (0 and "" to clear). */
void
crm_entity_picker_set (CrmEntityPicker *self, gint64 id, const char *name);

/* The matches listed for the text typed so far, and picking one of them (as a click does). */
guint
crm_entity_picker_get_n_matches (CrmEntityPicker *self);
const char *
crm_entity_picker_get_match_name (CrmEntityPicker *self, guint index);
void
crm_entity_picker_pick (CrmEntityPicker *self, guint index);
gboolean
crm_entity_picker_get_popup_shown (CrmEntityPicker *self);

G_END_DECLS
