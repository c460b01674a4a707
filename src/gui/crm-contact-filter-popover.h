/* crm-contact-filter-popover.h — CrmContactFilterPopover, the contact list's filter: lifecycle
 * stages, lead source, tag, lead score range, owner, days without contact, no next step and
 * country. Each change applies at once ("changed"); Clear empties it; "Save as Smart List…"
 * asks for the filter to be saved ("save-requested"). Search words are not its business. */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_FILTER_POPOVER (crm_contact_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (
    CrmContactFilterPopover, crm_contact_filter_popover, CRM, CONTACT_FILTER_POPOVER, GtkPopover)

GtkWidget *
crm_contact_filter_popover_new (CrmStore *store);
/* The criteria set (a new filter, no search words). */
CrmContactFilter *
crm_contact_filter_popover_dup_filter (CrmContactFilterPopover *self);
/* Shows @filter's criteria (NULL: none), without "changed". */
void
crm_contact_filter_popover_set_filter (CrmContactFilterPopover *self,
                                       const CrmContactFilter *filter);

G_END_DECLS
