/* crm-contacts-view.h — CrmContactsView, the Contacts page: the paged list of contacts with
 * search-as-you-type, and the selected contact's details beside it (one at a time when the
 * window is narrow). With no contact at all it shows its empty state.
 */
#pragma once

#include <adwaita.h>

#include "crm-contact-detail.h"
#include "crm-company-list-model.h"
#include "crm-contact-list-model.h"
#include "crm-contact.h"
#include "crm-contacts-bulk-bar.h"
#include "crm-repository.h"
#include "crm-smart-list-sidebar.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACTS_VIEW (crm_contacts_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactsView, crm_contacts_view, CRM, CONTACTS_VIEW, GtkWidget)

/* Edits in the detail pane are steps of @undo_manager. */
GtkWidget *
crm_contacts_view_new (CrmRepository *repository, CrmUndoManager *undo_manager);

/* Whether the contacts were read yet: not before the page is first shown (or the model asked
 * for), so that a window opening on another page does not count a big table of contacts. */
gboolean
crm_contacts_view_get_contacts_read (CrmContactsView *self);
/* The list's model (the search narrows it); reads the contacts if they were not yet. */
CrmContactListModel *
crm_contacts_view_get_model (CrmContactsView *self);
/* Searches as the search field does. */
void
crm_contacts_view_set_search_text (CrmContactsView *self, const char *text);
/* Orders the list as the order menu does. */
void
crm_contacts_view_set_sort (CrmContactsView *self, CrmContactSort sort);
/* Makes deletes, bulk edits and new smart lists undoable (Ctrl+Z, the toasts' Undo). */
void
crm_contacts_view_set_undo_manager (CrmContactsView *self, CrmUndoManager *undo_manager);

/* ---- Filters and smart lists ----------------------------------------------------------------
 * The list shows the contacts the filter (its criteria from the filter popover, its search
 * words from the search field) passes. A smart list is a saved filter; the sidebar lists them
 * with their counts. */

/* Sets the criteria as the filter popover does (@filter's search words are not used). */
void
crm_contacts_view_set_filter (CrmContactsView *self, const CrmContactFilter *filter);
/* The filter in force, search words included. */
const CrmContactFilter *
crm_contacts_view_get_filter (CrmContactsView *self);
/* Shows smart list @id (0: All Contacts) as the sidebar does: its criteria and search words. */
gboolean
crm_contacts_view_show_smart_list (CrmContactsView *self, gint64 id, GError **error);
/* Saves the filter in force as smart list @name (as "Save as Smart List…" does); its id, or 0
 * with @error. */
gint64
crm_contacts_view_save_smart_list (CrmContactsView *self, const char *name, GError **error);

/* The smart lists sidebar. */
CrmSmartListSidebar *
crm_contacts_view_get_sidebar (CrmContactsView *self);

/* ---- People or companies ------------------------------------------------------------------ */
void
crm_contacts_view_set_show_companies (CrmContactsView *self, gboolean companies);
gboolean
crm_contacts_view_get_show_companies (CrmContactsView *self);
/* The companies list's model (read when first asked for). */
CrmCompanyListModel *
crm_contacts_view_get_company_model (CrmContactsView *self);

/* ---- Selection mode -------------------------------------------------------------------------
 * The Select button (or Ctrl+A, which selects everything) turns the list's rows into a
 * selection with a bar of bulk edits; Escape leaves it. */
void
crm_contacts_view_set_selection_mode (CrmContactsView *self, gboolean selection_mode);
gboolean
crm_contacts_view_get_selection_mode (CrmContactsView *self);
void
crm_contacts_view_select_all (CrmContactsView *self);
/* The bar of bulk edits of the selection mode. */
CrmContactsBulkBar *
crm_contacts_view_get_bulk_bar (CrmContactsView *self);
/* The list view's selection model (a GtkMultiSelection in selection mode). */
GtkSelectionModel *
crm_contacts_view_get_selection_model (CrmContactsView *self);
/* Puts the keyboard focus in the search field (Ctrl+F); FALSE when it is not shown. */
gboolean
crm_contacts_view_focus_search (CrmContactsView *self);

/* Shows the contact at @position of the list in the detail pane (as a click does). */
void
crm_contacts_view_select (CrmContactsView *self, guint position);
/* Shows contact @contact_id: the whole list (no search), scrolled to it, its details beside;
 * FALSE when there is no such contact. */
gboolean
crm_contacts_view_show_contact (CrmContactsView *self, gint64 contact_id);
/* The contact shown in the detail pane, or NULL. */
CrmContact *
crm_contacts_view_get_shown_contact (CrmContactsView *self);
/* The text of a detail row ("email", "phone", "company", "lifecycle", "score",
 * "last-contacted", "captured", …: crm_contact_detail_get_text()), as shown, or NULL. */
const char *
crm_contacts_view_get_detail_text (CrmContactsView *self, const char *row);
/* The detail pane. */
CrmContactDetail *
crm_contacts_view_get_detail (CrmContactsView *self);
/* Company @company_id's page beside the list of companies (the page alone in a narrow window):
 * a company shown from elsewhere, such as a search in GNOME Shell. */
void
crm_contacts_view_show_company (CrmContactsView *self, gint64 company_id);

G_END_DECLS
