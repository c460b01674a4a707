/* crm-timeline-item.h — CrmTimelineItem, one entry of a timeline (an activity, a deal's stage
 * change or a feedback answer) as an item of CrmTimelineModel. Immutable: when the entry
 * changes, the model puts a new item in its place. */
#pragma once

#include <glib-object.h>

#include "crm-store-timeline.h"

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE_ITEM (crm_timeline_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmTimelineItem, crm_timeline_item, CRM, TIMELINE_ITEM, GObject)

/* Takes @entry. */
CrmTimelineItem *
crm_timeline_item_new (CrmTimelineEntry *entry);
const CrmTimelineEntry *
crm_timeline_item_get_entry (CrmTimelineItem *self);

G_END_DECLS
