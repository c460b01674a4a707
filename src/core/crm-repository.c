/* crm-repository.c — an identity map over the store: every list model and view showing row X
 * shares one object for it, so one store write updates every binding at once. */
#include "config.h"

#include "crm-repository.h"

struct _CrmRepository
{
  GObject parent_instance;

  CrmStore *store;
  gulong changed_handler;
  /* Per entity: gint64 id -> LiveEntry (the object is not owned: the entry goes when the object
   * is finalized). */
  GHashTable *live[CRM_N_ENTITIES];
};

G_DEFINE_FINAL_TYPE (CrmRepository, crm_repository, G_TYPE_OBJECT)

typedef struct
{
  gint64 id; /* the key */
  CrmRepository *repository;
  CrmEntity entity;
  CrmEntityObject *object;
} LiveEntry;

static void
on_object_finalized (gpointer data, GObject *where_the_object_was)
{
  LiveEntry *entry = data;

  g_hash_table_remove (entry->repository->live[entry->entity], &entry->id);
  g_free (entry);
}

static void
track_object (CrmRepository *self, CrmEntity entity, CrmEntityObject *object)
{
  LiveEntry *entry = g_new0 (LiveEntry, 1);

  entry->id = crm_entity_object_get_id (object);
  entry->repository = self;
  entry->entity = entity;
  entry->object = object;
  g_hash_table_insert (self->live[entity], &entry->id, entry);
  g_object_weak_ref (G_OBJECT (object), on_object_finalized, entry);
}

static CrmEntityObject *
lookup_object (CrmRepository *self, CrmEntity entity, gint64 id)
{
  LiveEntry *entry = g_hash_table_lookup (self->live[entity], &id);
  return entry != NULL ? entry->object : NULL;
}

static void
refresh_object (CrmRepository *self, CrmEntity entity, CrmEntityObject *object)
{
  gpointer record
      = crm_store_get_record (self->store, entity, crm_entity_object_get_id (object), NULL);

  /* A row deleted meanwhile keeps its last values; the list models drop it. */
  if (record == NULL)
    return;
  crm_entity_object_update_from_record (object, record);
  crm_record_free (entity, record);
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmRepository *self)
{
  GHashTable *table;

  if (entity >= CRM_N_ENTITIES || self->live[entity] == NULL)
    return;
  table = self->live[entity];

  if (action == CRM_CHANGE_UPDATE)
    {
      CrmEntityObject *object = lookup_object (self, entity, id);
      if (object != NULL)
        refresh_object (self, entity, object);
    }
  else if (action == CRM_CHANGE_RESET)
    {
      g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (objects, g_object_ref (((LiveEntry *) value)->object));
      for (guint i = 0; i < objects->len; i++)
        refresh_object (self, entity, objects->pdata[i]);
    }
}

static void
forget_live_objects (CrmRepository *self)
{
  for (guint entity = 0; entity < CRM_N_ENTITIES; entity++)
    {
      GHashTableIter iter;
      gpointer value;

      if (self->live[entity] == NULL)
        continue;
      /* Drop the weak references: the objects may outlive the repository. */
      g_hash_table_iter_init (&iter, self->live[entity]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          LiveEntry *entry = value;
          g_object_weak_unref (G_OBJECT (entry->object), on_object_finalized, entry);
          g_free (entry);
        }
      g_clear_pointer (&self->live[entity], g_hash_table_unref);
    }
}

static void
crm_repository_dispose (GObject *object)
{
  CrmRepository *self = CRM_REPOSITORY (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  forget_live_objects (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_repository_parent_class)->dispose (object);
}

static void
crm_repository_class_init (CrmRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_repository_dispose;
}

static void
crm_repository_init (CrmRepository *self)
{
  for (guint entity = 0; entity < CRM_N_ENTITIES; entity++)
    if (crm_entity_object_type_for_entity (entity) != G_TYPE_INVALID)
      self->live[entity] = g_hash_table_new (g_int64_hash, g_int64_equal);
}

CrmRepository *
crm_repository_new (CrmStore *store)
{
  CrmRepository *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_REPOSITORY, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

CrmStore *
crm_repository_get_store (CrmRepository *self)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);
  return self->store;
}

gpointer
crm_repository_peek_object (CrmRepository *self, CrmEntity entity, gint64 id)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (entity < CRM_N_ENTITIES && self->live[entity] != NULL, NULL);
  return lookup_object (self, entity, id);
}

gpointer
crm_repository_adopt_record (CrmRepository *self, CrmEntity entity, gconstpointer record)
{
  CrmEntityObject *object;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (entity < CRM_N_ENTITIES && self->live[entity] != NULL, NULL);

  object = crm_repository_peek_object (self, entity, ((const CrmRecordHeader *) record)->id);
  if (object != NULL)
    {
      crm_entity_object_update_from_record (object, record);
      return g_object_ref (object);
    }
  object = crm_entity_object_new_for_record (entity, record);
  track_object (self, entity, object);
  return object;
}

gpointer
crm_repository_get_object (CrmRepository *self, CrmEntity entity, gint64 id, GError **error)
{
  CrmEntityObject *object;
  gpointer record = NULL;
  gpointer result;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  object = crm_repository_peek_object (self, entity, id);
  if (object != NULL)
    return g_object_ref (object);

  g_return_val_if_fail (entity < CRM_N_ENTITIES && self->live[entity] != NULL, NULL);
  record = crm_store_get_record (self->store, entity, id, error);
  if (record == NULL)
    return NULL;
  result = crm_repository_adopt_record (self, entity, record);
  crm_record_free (entity, record);
  return result;
}
