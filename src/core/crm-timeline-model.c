/* crm-timeline-model.c — CrmTimelineModel (see the header). Items are keyed by a number made of
 * the entry's id and kind, so the list diff (crm-list-diff.c) can say exactly which moved in
 * or out; an entry whose text changed (a task ticked off, a subject edited) is replaced in
 * place. */
#include "config.h"

#include "crm-timeline-model.h"

#include "crm-list-diff.h"

struct _CrmTimelineModel
{
  GObject parent_instance;

  CrmStore *store;
  CrmTimelineScope scope;
  gint64 id;
  guint page_size;
  GArray *keys;      /* gint64: item_key() of each item, in order */
  GHashTable *items; /* gint64 key -> CrmTimelineItem */
  gboolean has_more;
  gulong changed_handler;
  guint refresh_source;
};

enum
{
  PROP_0,
  PROP_HAS_MORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_timeline_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmTimelineModel,
                               crm_timeline_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_timeline_model_list_model_init))

static gint64
item_key (const CrmTimelineEntry *entry)
{
  return (entry->key.id << 2) | (gint64) entry->key.kind;
}

/* ---- GListModel --------------------------------------------------------------------------- */

static GType
crm_timeline_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_TIMELINE_ITEM;
}

static guint
crm_timeline_model_get_n_items (GListModel *model)
{
  return CRM_TIMELINE_MODEL (model)->keys->len;
}

static gpointer
crm_timeline_model_get_item (GListModel *model, guint position)
{
  CrmTimelineModel *self = CRM_TIMELINE_MODEL (model);
  CrmTimelineItem *item;

  if (position >= self->keys->len)
    return NULL;
  item = g_hash_table_lookup (self->items, &g_array_index (self->keys, gint64, position));
  return item != NULL ? g_object_ref (item) : NULL;
}

static void
crm_timeline_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_timeline_model_get_item_type;
  iface->get_n_items = crm_timeline_model_get_n_items;
  iface->get_item = crm_timeline_model_get_item;
}

/* ---- Reading -------------------------------------------------------------------------------- */

static void
set_has_more (CrmTimelineModel *self, gboolean has_more)
{
  if (self->has_more == has_more)
    return;
  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

/* Up to @limit entries after @after, and whether more follow (one more is asked for). */
static GPtrArray *
fetch (CrmTimelineModel *self, const CrmTimelineKey *after, guint limit, gboolean *more)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries
      = crm_store_fetch_timeline (self->store, self->scope, self->id, after, limit + 1, &error);

  if (entries == NULL)
    {
      g_warning ("Cannot read the timeline: %s", error->message);
      return NULL;
    }
  *more = entries->len > limit;
  if (*more)
    g_ptr_array_set_size (entries, limit);
  return entries;
}

static void
adopt_entries (CrmTimelineModel *self, GPtrArray *entries, GArray *keys)
{
  for (guint i = 0; i < entries->len; i++)
    {
      CrmTimelineEntry *entry = entries->pdata[i];
      gint64 key = item_key (entry);

      g_array_append_val (keys, key);
      if (!g_hash_table_contains (self->items, &key))
        g_hash_table_insert (self->items, g_memdup2 (&key, sizeof key),
                             crm_timeline_item_new (crm_timeline_entry_copy (entry)));
    }
}

gboolean
crm_timeline_model_load_more (CrmTimelineModel *self)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  const CrmTimelineEntry *last = NULL;
  gboolean more = FALSE;
  guint position;

  g_return_val_if_fail (CRM_IS_TIMELINE_MODEL (self), FALSE);

  if (!self->has_more)
    return FALSE;
  if (self->keys->len > 0)
    {
      CrmTimelineItem *item = g_hash_table_lookup (
          self->items, &g_array_index (self->keys, gint64, self->keys->len - 1));
      last = crm_timeline_item_get_entry (item);
    }
  entries = fetch (self, last != NULL ? &last->key : NULL, self->page_size, &more);
  if (entries == NULL)
    return FALSE;
  adopt_entries (self, entries, keys);
  position = self->keys->len;
  g_array_append_vals (self->keys, keys->data, keys->len);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, keys->len);
  set_has_more (self, more);
  return keys->len > 0;
}

void
crm_timeline_model_refresh (CrmTimelineModel *self)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) changed = g_ptr_array_new ();
  gboolean more = FALSE;

  g_return_if_fail (CRM_IS_TIMELINE_MODEL (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  /* As deep as was read, so the items the user scrolled to stay (with room for a few new). */
  entries = fetch (self, NULL, self->keys->len + self->page_size, &more);
  if (entries == NULL)
    return;
  if (self->has_more && self->keys->len > 0)
    {
      CrmTimelineItem *last = g_hash_table_lookup (
          self->items, &g_array_index (self->keys, gint64, self->keys->len - 1));
      const CrmTimelineKey *last_key = &crm_timeline_item_get_entry (last)->key;
      guint n = 0;

      /* Not deeper than before: what lies past it was not shown, nor asked for. */
      while (n < entries->len
             && crm_timeline_key_compare (&((CrmTimelineEntry *) entries->pdata[n])->key, last_key)
                    <= 0)
        n++;
      if (n < entries->len)
        {
          g_ptr_array_set_size (entries, n);
          more = TRUE;
        }
    }
  /* Entries whose text changed get new items, once the order is right. */
  for (guint i = 0; i < entries->len; i++)
    {
      CrmTimelineEntry *entry = entries->pdata[i];
      gint64 key = item_key (entry);
      CrmTimelineItem *item = g_hash_table_lookup (self->items, &key);

      if (item != NULL && !crm_timeline_entry_equal (crm_timeline_item_get_entry (item), entry))
        g_ptr_array_add (changed, entry);
    }
  adopt_entries (self, entries, keys);
  crm_list_diff_apply (G_LIST_MODEL (self), self->keys, keys);
  crm_list_diff_prune (self->items, self->keys);
  for (guint i = 0; i < changed->len; i++)
    {
      CrmTimelineEntry *entry = changed->pdata[i];
      gint64 key = item_key (entry);

      for (guint position = 0; position < self->keys->len; position++)
        if (g_array_index (self->keys, gint64, position) == key)
          {
            g_hash_table_insert (self->items, g_memdup2 (&key, sizeof key),
                                 crm_timeline_item_new (crm_timeline_entry_copy (entry)));
            g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
            break;
          }
    }
  set_has_more (self, more);
}

/* ---- Following the store ------------------------------------------------------------------ */

static gboolean
on_refresh_idle (gpointer data)
{
  CrmTimelineModel *self = data;

  self->refresh_source = 0;
  crm_timeline_model_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmTimelineModel *self)
{
  switch (entity)
    {
      /* What the timeline lists, and the names it shows. */
      case CRM_ENTITY_ACTIVITY:
      case CRM_ENTITY_DEAL_STAGE_HISTORY:
      case CRM_ENTITY_FEEDBACK:
      case CRM_ENTITY_DEAL:
      case CRM_ENTITY_STAGE:
      case CRM_ENTITY_CONTACT:
        break;
      default:
        return;
    }
  /* A write of many rows signals each: one read after them all. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_refresh_idle, self, NULL);
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
crm_timeline_model_dispose (GObject *object)
{
  CrmTimelineModel *self = CRM_TIMELINE_MODEL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_timeline_model_parent_class)->dispose (object);
}

static void
crm_timeline_model_finalize (GObject *object)
{
  CrmTimelineModel *self = CRM_TIMELINE_MODEL (object);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_array_unref);
  G_OBJECT_CLASS (crm_timeline_model_parent_class)->finalize (object);
}

static void
crm_timeline_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmTimelineModel *self = CRM_TIMELINE_MODEL (object);

  switch (prop_id)
    {
      case PROP_HAS_MORE:
        g_value_set_boolean (value, self->has_more);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_timeline_model_class_init (CrmTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_timeline_model_dispose;
  object_class->finalize = crm_timeline_model_finalize;
  object_class->get_property = crm_timeline_model_get_property;

  properties[PROP_HAS_MORE]
      = g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_timeline_model_init (CrmTimelineModel *self)
{
  self->keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

CrmTimelineModel *
crm_timeline_model_new (CrmStore *store, CrmTimelineScope scope, gint64 id, guint page_size)
{
  CrmTimelineModel *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (scope <= CRM_TIMELINE_SCOPE_DEAL, NULL);

  self = g_object_new (CRM_TYPE_TIMELINE_MODEL, NULL);
  self->store = g_object_ref (store);
  self->scope = scope;
  self->id = id;
  self->page_size = page_size > 0 ? page_size : CRM_TIMELINE_MODEL_PAGE_SIZE;
  self->has_more = TRUE;
  crm_timeline_model_load_more (self);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

CrmTimelineScope
crm_timeline_model_get_scope (CrmTimelineModel *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_MODEL (self), 0);
  return self->scope;
}

gint64
crm_timeline_model_get_id (CrmTimelineModel *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_MODEL (self), 0);
  return self->id;
}

gboolean
crm_timeline_model_get_has_more (CrmTimelineModel *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_MODEL (self), FALSE);
  return self->has_more;
}
