/* crm-contact-list-model.h — every contact (or those a search finds), in one of the orders of
 * CrmContactSort, as a GListModel of CrmContact that
 * reads only the pages it is asked for: a million contacts cost what a hundred cost. */
#pragma once

#include <gio/gio.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_LIST_MODEL (crm_contact_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactListModel, crm_contact_list_model, CRM, CONTACT_LIST_MODEL, GObject)

/* Rows fetched per page, and pages kept at most. */
#define CRM_CONTACT_LIST_MODEL_PAGE_SIZE 64
#define CRM_CONTACT_LIST_MODEL_MAX_PAGES 32

CrmContactListModel *
crm_contact_list_model_new (CrmRepository *repository);
/* Lists only the contacts matching @text (search terms, prefix matched; any text is safe),
 * or every contact for NULL or text without a searchable term. */
void
crm_contact_list_model_set_search (CrmContactListModel *self, const char *text);
/* The order of the list (by name at first). */
void
crm_contact_list_model_set_sort (CrmContactListModel *self, CrmContactSort sort);
CrmContactSort
crm_contact_list_model_get_sort (CrmContactListModel *self);
/* The search in force, or NULL. */
const char *
crm_contact_list_model_get_search (CrmContactListModel *self);
/* Pages held right now (for tests and benchmarks: it never exceeds MAX_PAGES). */
guint
crm_contact_list_model_get_n_cached_pages (CrmContactListModel *self);

G_END_DECLS
