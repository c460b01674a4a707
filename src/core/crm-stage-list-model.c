/* crm-stage-list-model.c — stages of a pipeline. A pipeline has a handful of stages, so the
 * model re-reads them all on any stage change and emits only the difference. */
#include "config.h"

#include "crm-list-diff.h"
#include "crm-stage-list-model.h"
#include "crm-stage.h"

struct _CrmStageListModel
{
  GObject parent_instance;

  CrmRepository *repository;
  gint64 pipeline_id;
  GArray *ids;
  GHashTable *items; /* gint64 id -> CrmStage (owned) */
  gulong changed_handler;
};

static void
crm_stage_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmStageListModel,
                               crm_stage_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_stage_list_model_list_model_init))

static GType
crm_stage_list_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_STAGE;
}

static guint
crm_stage_list_model_get_n_items (GListModel *model)
{
  return CRM_STAGE_LIST_MODEL (model)->ids->len;
}

static gpointer
crm_stage_list_model_get_item (GListModel *model, guint position)
{
  CrmStageListModel *self = CRM_STAGE_LIST_MODEL (model);

  if (position >= self->ids->len)
    return NULL;
  return g_object_ref (
      g_hash_table_lookup (self->items, &g_array_index (self->ids, gint64, position)));
}

static void
crm_stage_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_stage_list_model_get_item_type;
  iface->get_n_items = crm_stage_list_model_get_n_items;
  iface->get_item = crm_stage_list_model_get_item;
}

static void
reload (CrmStageListModel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stages = crm_store_list_stages (crm_repository_get_store (self->repository),
                                                        self->pipeline_id, &error);
  g_autoptr (GArray) new_ids = NULL;

  if (stages == NULL)
    {
      g_warning ("Cannot read the stages of pipeline %" G_GINT64_FORMAT ": %s", self->pipeline_id,
                 error->message);
      return;
    }
  new_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), stages->len);
  /* Keep the objects of both the old and the new list while the signals go out. */
  for (guint i = 0; i < stages->len; i++)
    {
      CrmStageRecord *record = stages->pdata[i];
      g_array_append_val (new_ids, record->id);
      g_hash_table_replace (
          self->items, g_memdup2 (&record->id, sizeof record->id),
          crm_repository_adopt_record (self->repository, CRM_ENTITY_STAGE, record));
    }
  crm_list_diff_apply (G_LIST_MODEL (self), self->ids, new_ids);

  crm_list_diff_prune (self->items, self->ids);
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmStageListModel *self)
{
  if (entity == CRM_ENTITY_STAGE || (entity == CRM_ENTITY_PIPELINE && action == CRM_CHANGE_RESET))
    reload (self);
}

static void
crm_stage_list_model_dispose (GObject *object)
{
  CrmStageListModel *self = CRM_STAGE_LIST_MODEL (object);

  if (self->repository != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_repository_get_store (self->repository));
  g_clear_object (&self->repository);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  G_OBJECT_CLASS (crm_stage_list_model_parent_class)->dispose (object);
}

static void
crm_stage_list_model_class_init (CrmStageListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_stage_list_model_dispose;
}

static void
crm_stage_list_model_init (CrmStageListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

CrmStageListModel *
crm_stage_list_model_new (CrmRepository *repository, gint64 pipeline_id)
{
  CrmStageListModel *self;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  self = g_object_new (CRM_TYPE_STAGE_LIST_MODEL, NULL);
  self->repository = g_object_ref (repository);
  self->pipeline_id = pipeline_id;
  /* Filled before anyone listens: no signal needed. */
  reload (self);
  self->changed_handler = g_signal_connect (crm_repository_get_store (repository), "changed",
                                            G_CALLBACK (on_store_changed), self);
  return self;
}

gint64
crm_stage_list_model_get_pipeline_id (CrmStageListModel *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_LIST_MODEL (self), 0);
  return self->pipeline_id;
}
