/* crm-smart-list.c — CrmSmartList: a saved filter with its count. */
#include "config.h"

#include "crm-smart-list.h"

struct _CrmSmartList
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *filter_text;
  int count;
};

G_DEFINE_FINAL_TYPE (CrmSmartList, crm_smart_list, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FILTER_TEXT,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_smart_list_finalize (GObject *object)
{
  CrmSmartList *self = CRM_SMART_LIST (object);

  g_free (self->name);
  g_free (self->filter_text);
  G_OBJECT_CLASS (crm_smart_list_parent_class)->finalize (object);
}

static void
crm_smart_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmSmartList *self = CRM_SMART_LIST (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_FILTER_TEXT:
        g_value_set_string (value, self->filter_text);
        break;
      case PROP_COUNT:
        g_value_set_int (value, self->count);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_smart_list_class_init (CrmSmartListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_smart_list_finalize;
  object_class->get_property = crm_smart_list_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FILTER_TEXT] = g_param_spec_string ("filter-text", NULL, NULL, NULL, flags);
  properties[PROP_COUNT] = g_param_spec_int ("count", NULL, NULL, -1, G_MAXINT, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_smart_list_init (CrmSmartList *self)
{
  self->count = -1;
}

CrmSmartList *
crm_smart_list_new (const CrmSmartListRecord *record)
{
  CrmSmartList *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (CRM_TYPE_SMART_LIST, NULL);
  self->id = record->id;
  self->name = g_strdup (record->name);
  self->filter_text = g_strdup (record->filter);
  return self;
}

gint64
crm_smart_list_get_id (CrmSmartList *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST (self), 0);
  return self->id;
}

const char *
crm_smart_list_get_name (CrmSmartList *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST (self), NULL);
  return self->name;
}

const char *
crm_smart_list_get_filter_text (CrmSmartList *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST (self), NULL);
  return self->filter_text;
}

CrmContactFilter *
crm_smart_list_dup_filter (CrmSmartList *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST (self), NULL);
  return crm_contact_filter_parse (self->filter_text, error);
}

int
crm_smart_list_get_count (CrmSmartList *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST (self), -1);
  return self->count;
}

void
crm_smart_list_set_count (CrmSmartList *self, int count)
{
  g_return_if_fail (CRM_IS_SMART_LIST (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

void
crm_smart_list_update (CrmSmartList *self, const CrmSmartListRecord *record)
{
  g_return_if_fail (CRM_IS_SMART_LIST (self));
  g_return_if_fail (record != NULL && record->id == self->id);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->name, record->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (record->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (g_strcmp0 (self->filter_text, record->filter) != 0)
    {
      g_free (self->filter_text);
      self->filter_text = g_strdup (record->filter);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_TEXT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
