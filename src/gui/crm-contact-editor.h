/* crm-contact-editor.h — CrmContactEditor, the quick add of a contact: a name is enough; e-mail,
 * phone and company (a searchable picker) are optional. Before it adds, it looks for a likely
 * duplicate (the same e-mail, or the same name at the same company) and offers to show that
 * contact instead, to merge what was typed into it (the merge dialog), or to add anyway. The add
 * and the merge are each one undoable step.
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_EDITOR (crm_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactEditor, crm_contact_editor, CRM, CONTACT_EDITOR, AdwWindow)

CrmContactEditor *
crm_contact_editor_new (GtkWindow *parent, CrmRepository *repository, CrmUndoManager *undo_manager);

/* The fields, as the user types them. */
void
crm_contact_editor_set_fields (CrmContactEditor *self,
                               const char *name,
                               const char *email,
                               const char *phone);

/* Adds the contact (editor.add): returns its id; 0 when something is refused (the editor says
 * what, in @error too) or when a likely duplicate was found and is now offered (the editor
 * shows it; crm_contact_editor_get_duplicate_id()). A second call after a duplicate was
 * offered adds anyway. */
gint64
crm_contact_editor_add (CrmContactEditor *self, GError **error);

/* The likely duplicate on offer, or 0. */
gint64
crm_contact_editor_get_duplicate_id (CrmContactEditor *self);

/* ::open-contact (gint64 id): the user chose to see an existing contact instead ("Show
 * Existing"), merged into it, or added one. The editor closes after emitting it. */

G_END_DECLS
