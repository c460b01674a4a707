/* crm-contact-list-model.h — every contact (or those a filter and a search pass), in one of the
 * orders of CrmContactSort, as a GListModel of CrmContact that reads only the pages it is asked
 * for: a million contacts cost what a hundred cost. Store changes come as exact items-changed
 * signals (a commit that changed several contacts replaces the list once). */
#pragma once

#include <gio/gio.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_LIST_MODEL (crm_contact_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactListModel, crm_contact_list_model, CRM, CONTACT_LIST_MODEL, GObject)

/* Rows fetched per page, and pages kept at most. */
#define CRM_CONTACT_LIST_MODEL_PAGE_SIZE 64
#define CRM_CONTACT_LIST_MODEL_MAX_PAGES 32
/* Pages read in one query at the top of a new list: the contacts page's list (a grid view of
 * one column) binds about 33 rows at once. (A GtkListView binds 200, and reads on page by page;
 * with four, a search's first pages were read in one query, but through a filter few contacts
 * pass, the store finds 64 rows along the order where it has to sort for 256.) */
#define CRM_CONTACT_LIST_MODEL_READ_AHEAD_PAGES 1

CrmContactListModel *
crm_contact_list_model_new (CrmRepository *repository);
/* Lists only the contacts matching @text (search terms, prefix matched; any text is safe),
 * or every contact for NULL or text without a searchable term. */
void
crm_contact_list_model_set_search (CrmContactListModel *self, const char *text);
/* Lists only the contacts @filter passes (NULL: every contact), its search words included
 * (crm_contact_list_model_set_search() changes them alone). A filter with "not contacted in N
 * days" and no now counts the days from each time the list is read anew. */
void
crm_contact_list_model_set_filter (CrmContactListModel *self, const CrmContactFilter *filter);
/* The filter in force, search words included (never NULL). */
const CrmContactFilter *
crm_contact_list_model_get_filter (CrmContactListModel *self);
/* The order of the list (by name at first). */
void
crm_contact_list_model_set_sort (CrmContactListModel *self, CrmContactSort sort);
CrmContactSort
crm_contact_list_model_get_sort (CrmContactListModel *self);
/* The search in force, or NULL. */
const char *
crm_contact_list_model_get_search (CrmContactListModel *self);
/* Whether contact @contact_id is listed, and where (@position may be NULL). */
gboolean
crm_contact_list_model_find (CrmContactListModel *self, gint64 contact_id, guint *position);
/* Pages held right now (for tests and benchmarks: it never exceeds MAX_PAGES). */
guint
crm_contact_list_model_get_n_cached_pages (CrmContactListModel *self);

G_END_DECLS
