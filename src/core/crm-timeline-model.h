/* crm-timeline-model.h — CrmTimelineModel, the timeline of a contact, company or deal as a
 * GListModel of CrmTimelineItem, newest first. It reads a page at a time (keyset paging in the
 * store) and reads the next page when asked (crm_timeline_model_load_more: a "Show More" row,
 * or a list scrolled near its end). It follows the store: after a write that may touch it, it
 * reads again as deep as it had read, and says what changed with exact items-changed. */
#pragma once

#include <gio/gio.h>

#include "crm-store-timeline.h"
#include "crm-timeline-item.h"

G_BEGIN_DECLS

#define CRM_TIMELINE_MODEL_PAGE_SIZE 25

#define CRM_TYPE_TIMELINE_MODEL (crm_timeline_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmTimelineModel, crm_timeline_model, CRM, TIMELINE_MODEL, GObject)

/* The timeline of @scope's @id, its first page read. */
CrmTimelineModel *
crm_timeline_model_new (CrmStore *store, CrmTimelineScope scope, gint64 id, guint page_size);

CrmTimelineScope
crm_timeline_model_get_scope (CrmTimelineModel *self);
gint64
crm_timeline_model_get_id (CrmTimelineModel *self);

/* Whether there are older entries than those read (property "has-more"). */
gboolean
crm_timeline_model_get_has_more (CrmTimelineModel *self);
/* Reads the next page, if any; FALSE when there was none or it could not be read. */
gboolean
crm_timeline_model_load_more (CrmTimelineModel *self);
/* Reads again what was read (done by itself, after the store's writes, when idle). */
void
crm_timeline_model_refresh (CrmTimelineModel *self);

G_END_DECLS
