/* crm-task-list-model.c — open tasks due within a range (see the header).
 *
 * The items are few (a day's tasks and the overdue ones), so all are held, each with the sort
 * key it was placed by: the live object may already carry a change the model has not yet
 * heard of (the repository hears first). A changed task is looked up, removed and put back by
 * its new key. Deleting a contact or a deal deletes its tasks without a signal of their own,
 * so those deletions are followed too. */
#include "config.h"

#include "crm-task-list-model.h"

typedef struct
{
  gint64 due_at;
  gint64 id;
  CrmActivity *task;
} Item;

struct _CrmTaskListModel
{
  GObject parent_instance;

  CrmRepository *repository;
  gint64 due_from;
  gint64 due_before;
  GArray *items; /* Item, in order */
};

static void
crm_task_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmTaskListModel,
                               crm_task_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_task_list_model_list_model_init))

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->task);
}

static int
compare_keys (gint64 due_a, gint64 id_a, gint64 due_b, gint64 id_b)
{
  if (due_a != due_b)
    return due_a < due_b ? -1 : 1;
  return (id_a > id_b) - (id_a < id_b);
}

static gboolean
belongs (CrmTaskListModel *self, const CrmActivityRecord *record)
{
  return record->kind == CRM_ACTIVITY_TASK && !record->done && record->due_at != 0
         && record->due_at >= self->due_from && record->due_at < self->due_before;
}

/* Where a task with this key goes: the first item after it. */
static guint
insertion_point (CrmTaskListModel *self, gint64 due_at, gint64 id)
{
  guint low = 0, high = self->items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      const Item *item = &g_array_index (self->items, Item, middle);

      if (compare_keys (item->due_at, item->id, due_at, id) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

int
crm_task_list_model_find (CrmTaskListModel *self, gint64 task_id)
{
  g_return_val_if_fail (CRM_IS_TASK_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (g_array_index (self->items, Item, i).id == task_id)
        return (int) i;
    }
  return -1;
}

static void
insert_record (CrmTaskListModel *self, const CrmActivityRecord *record)
{
  Item item = { record->due_at, record->id, NULL };
  guint position = insertion_point (self, record->due_at, record->id);

  item.task = crm_repository_adopt_record (self->repository, CRM_ENTITY_ACTIVITY, record);
  g_array_insert_val (self->items, position, item);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
remove_at (CrmTaskListModel *self, guint position)
{
  g_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
reload (CrmTaskListModel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;
  guint removed = self->items->len;

  records = crm_store_list_open_tasks (crm_repository_get_store (self->repository), self->due_from,
                                       self->due_before, 0, &error);
  if (records == NULL)
    g_warning ("Cannot read the tasks: %s", error->message);
  g_array_set_size (self->items, 0);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const CrmActivityRecord *record = records->pdata[i];
      Item item = { record->due_at, record->id, NULL };

      item.task = crm_repository_adopt_record (self->repository, CRM_ENTITY_ACTIVITY, record);
      g_array_append_val (self->items, item);
    }
  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

static void
on_task_changed (CrmTaskListModel *self, CrmChangeAction action, gint64 id)
{
  g_autoptr (CrmActivityRecord) record = NULL;
  int position = crm_task_list_model_find (self, id);

  if (action != CRM_CHANGE_DELETE)
    record = crm_store_get_activity (crm_repository_get_store (self->repository), id, NULL);
  if (record != NULL && !belongs (self, record))
    g_clear_pointer (&record, crm_activity_record_free);

  if (position >= 0 && record != NULL)
    {
      const Item *item = &g_array_index (self->items, Item, position);

      /* Same place: the row shows it again (the subject may have changed). */
      if (item->due_at == record->due_at)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
          return;
        }
    }
  if (position >= 0)
    remove_at (self, position);
  if (record != NULL)
    insert_record (self, record);
}

/* The tasks of a deleted contact or deal went with it. */
static void
remove_tasks_of (CrmTaskListModel *self, CrmEntity entity, gint64 id)
{
  for (guint i = self->items->len; i-- > 0;)
    {
      CrmActivity *task = g_array_index (self->items, Item, i).task;
      gint64 owner = entity == CRM_ENTITY_CONTACT ? crm_activity_get_contact_id (task)
                                                  : crm_activity_get_deal_id (task);

      if (owner == id)
        remove_at (self, i);
    }
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmTaskListModel *self)
{
  if (entity == CRM_ENTITY_ACTIVITY)
    {
      if (action == CRM_CHANGE_RESET)
        reload (self);
      else
        on_task_changed (self, action, id);
    }
  else if ((entity == CRM_ENTITY_CONTACT || entity == CRM_ENTITY_DEAL)
           && action == CRM_CHANGE_DELETE)
    remove_tasks_of (self, entity, id);
}

void
crm_task_list_model_set_range (CrmTaskListModel *self, gint64 due_from, gint64 due_before)
{
  g_return_if_fail (CRM_IS_TASK_LIST_MODEL (self));

  if (due_from == self->due_from && due_before == self->due_before)
    return;
  self->due_from = due_from;
  self->due_before = due_before;
  reload (self);
}

gint64
crm_task_list_model_get_due_from (CrmTaskListModel *self)
{
  g_return_val_if_fail (CRM_IS_TASK_LIST_MODEL (self), 0);
  return self->due_from;
}

gint64
crm_task_list_model_get_due_before (CrmTaskListModel *self)
{
  g_return_val_if_fail (CRM_IS_TASK_LIST_MODEL (self), 0);
  return self->due_before;
}

/* ---- GListModel ------------------------------------------------------------------------- */

static GType
crm_task_list_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_ACTIVITY;
}

static guint
crm_task_list_model_get_n_items (GListModel *model)
{
  return CRM_TASK_LIST_MODEL (model)->items->len;
}

static gpointer
crm_task_list_model_get_item (GListModel *model, guint position)
{
  CrmTaskListModel *self = CRM_TASK_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_array_index (self->items, Item, position).task);
}

static void
crm_task_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_task_list_model_get_item_type;
  iface->get_n_items = crm_task_list_model_get_n_items;
  iface->get_item = crm_task_list_model_get_item;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_task_list_model_dispose (GObject *object)
{
  CrmTaskListModel *self = CRM_TASK_LIST_MODEL (object);

  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (crm_repository_get_store (self->repository), self);
  g_array_set_size (self->items, 0);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (crm_task_list_model_parent_class)->dispose (object);
}

static void
crm_task_list_model_finalize (GObject *object)
{
  CrmTaskListModel *self = CRM_TASK_LIST_MODEL (object);

  g_array_unref (self->items);
  G_OBJECT_CLASS (crm_task_list_model_parent_class)->finalize (object);
}

static void
crm_task_list_model_class_init (CrmTaskListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_task_list_model_dispose;
  object_class->finalize = crm_task_list_model_finalize;
}

static void
crm_task_list_model_init (CrmTaskListModel *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
}

CrmTaskListModel *
crm_task_list_model_new (CrmRepository *repository, gint64 due_from, gint64 due_before)
{
  CrmTaskListModel *self;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  self = g_object_new (CRM_TYPE_TASK_LIST_MODEL, NULL);
  self->repository = g_object_ref (repository);
  self->due_from = due_from;
  self->due_before = due_before;
  g_signal_connect (crm_repository_get_store (repository), "changed", G_CALLBACK (on_store_changed),
                    self);
  reload (self);
  return self;
}
