/* crm-timeline-item.c — CrmTimelineItem: a GObject around one CrmTimelineEntry. */
#include "config.h"

#include "crm-timeline-item.h"

struct _CrmTimelineItem
{
  GObject parent_instance;

  CrmTimelineEntry *entry;
};

G_DEFINE_FINAL_TYPE (CrmTimelineItem, crm_timeline_item, G_TYPE_OBJECT)

static void
crm_timeline_item_finalize (GObject *object)
{
  CrmTimelineItem *self = CRM_TIMELINE_ITEM (object);

  g_clear_pointer (&self->entry, crm_timeline_entry_free);
  G_OBJECT_CLASS (crm_timeline_item_parent_class)->finalize (object);
}

static void
crm_timeline_item_class_init (CrmTimelineItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_timeline_item_finalize;
}

static void
crm_timeline_item_init (CrmTimelineItem *self)
{
}

CrmTimelineItem *
crm_timeline_item_new (CrmTimelineEntry *entry)
{
  CrmTimelineItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (CRM_TYPE_TIMELINE_ITEM, NULL);
  self->entry = entry;
  return self;
}

const CrmTimelineEntry *
crm_timeline_item_get_entry (CrmTimelineItem *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_ITEM (self), NULL);
  return self->entry;
}
