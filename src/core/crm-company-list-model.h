/* crm-company-list-model.h — every company (or those search words find) by name, as a
 * GListModel of CrmCompany that reads only the pages it is asked for, like
 * CrmContactListModel; store changes come as exact items-changed signals (a search, or a
 * commit of many, replaces the list once). */
#pragma once

#include <gio/gio.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_COMPANY_LIST_MODEL_PAGE_SIZE 64
#define CRM_COMPANY_LIST_MODEL_MAX_PAGES 16

#define CRM_TYPE_COMPANY_LIST_MODEL (crm_company_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmCompanyListModel, crm_company_list_model, CRM, COMPANY_LIST_MODEL, GObject)

CrmCompanyListModel *
crm_company_list_model_new (CrmRepository *repository);
/* Lists only the companies @text finds (any text is safe; NULL or no searchable term: all). */
void
crm_company_list_model_set_search (CrmCompanyListModel *self, const char *text);
const char *
crm_company_list_model_get_search (CrmCompanyListModel *self);

G_END_DECLS
