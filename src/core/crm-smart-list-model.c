/* crm-smart-list-model.c — CrmSmartListModel: the smart lists, re-read on their own changes
 * (exact items-changed), and counted in a worker thread. */
#include "config.h"

#include "crm-smart-list-model.h"

#include "crm-list-diff.h"

struct _CrmSmartListModel
{
  GObject parent_instance;

  CrmStore *store;
  GArray *ids;         /* gint64, in list order */
  GHashTable *objects; /* gint64 id -> CrmSmartList */
  int all_count;

  CrmStore *worker_store; /* the counting connection, once opened */
  guint recount_source;
  GCancellable *cancellable; /* of the count under way, or NULL */
  gboolean recount_again;    /* something changed while counting */
  gulong changed_handler;
};

static void
crm_smart_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmSmartListModel,
                               crm_smart_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_smart_list_model_list_model_init))

enum
{
  PROP_0,
  PROP_ALL_COUNT,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
crm_smart_list_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_SMART_LIST;
}

static guint
crm_smart_list_model_get_n_items (GListModel *model)
{
  return CRM_SMART_LIST_MODEL (model)->ids->len;
}

static gpointer
crm_smart_list_model_get_item (GListModel *model, guint position)
{
  CrmSmartListModel *self = CRM_SMART_LIST_MODEL (model);
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  return g_object_ref (g_hash_table_lookup (self->objects, &id));
}

static void
crm_smart_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_smart_list_model_get_item_type;
  iface->get_n_items = crm_smart_list_model_get_n_items;
  iface->get_item = crm_smart_list_model_get_item;
}

/* ---- Counting, in a worker thread ---------------------------------------------------------- */

typedef struct
{
  CrmStore *worker_store; /* NULL: the worker opens it */
  char *path;
  GArray *ids;        /* gint64 */
  GPtrArray *filters; /* char *, as stored */
  /* Results */
  GArray *counts; /* int, -1 for a filter that does not read */
  int all_count;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_clear_object (&job->worker_store);
  g_free (job->path);
  g_array_unref (job->ids);
  g_ptr_array_unref (job->filters);
  g_clear_pointer (&job->counts, g_array_unref);
  g_free (job);
}

static void
count_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  CountJob *job = data;
  GError *error = NULL;

  if (job->worker_store == NULL)
    {
      job->worker_store = crm_store_open (job->path, &error);
      if (job->worker_store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  job->all_count = (int) crm_store_count_contacts (job->worker_store, NULL);
  job->counts = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < job->filters->len; i++)
    {
      g_autoptr (CrmContactFilter) filter = crm_contact_filter_parse (job->filters->pdata[i], NULL);
      int count = -1;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (filter != NULL)
        count = (int) crm_store_count_contacts_filtered (job->worker_store, filter, NULL);
      g_array_append_val (job->counts, count);
    }
  g_task_return_boolean (task, TRUE);
}

static void
start_count (CrmSmartListModel *self);

static void
on_count_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (CrmSmartListModel) self = g_weak_ref_get (weak);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Only opening the second connection fails here (a count that fails counts -1): the
       * file went away under a window closing, or the main connection will say what is wrong
       * with it. The counts stay as they were. */
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot count the smart lists: %s", error->message);
    }
  if (self == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  g_clear_object (&self->cancellable);
  if (self->worker_store == NULL && job->worker_store != NULL)
    self->worker_store = g_object_ref (job->worker_store);
  if (job->counts != NULL)
    {
      for (guint i = 0; i < job->counts->len; i++)
        {
          gint64 id = g_array_index (job->ids, gint64, i);
          CrmSmartList *list = g_hash_table_lookup (self->objects, &id);

          if (list != NULL)
            crm_smart_list_set_count (list, g_array_index (job->counts, int, i));
        }
      if (self->all_count != job->all_count)
        {
          self->all_count = job->all_count;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_COUNT]);
        }
    }
  if (self->recount_again)
    {
      self->recount_again = FALSE;
      start_count (self);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
start_count (CrmSmartListModel *self)
{
  g_autoptr (GTask) task = NULL;
  CountJob *job;
  GWeakRef *weak;

  if (self->cancellable != NULL)
    {
      self->recount_again = TRUE;
      return;
    }
  job = g_new0 (CountJob, 1);
  job->worker_store = self->worker_store != NULL ? g_object_ref (self->worker_store) : NULL;
  job->path = g_strdup (crm_store_get_path (self->store));
  job->ids = g_array_copy (self->ids);
  job->filters = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->ids->len; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);
      g_ptr_array_add (job->filters, g_strdup (crm_smart_list_get_filter_text (
                                         g_hash_table_lookup (self->objects, &id))));
    }
  self->cancellable = g_cancellable_new ();
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->cancellable, on_count_done, weak);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_in_thread);
}

static gboolean
on_recount_timeout (gpointer data)
{
  CrmSmartListModel *self = data;

  self->recount_source = 0;
  start_count (self);
  return G_SOURCE_REMOVE;
}

void
crm_smart_list_model_recount (CrmSmartListModel *self)
{
  gboolean was_counting;

  g_return_if_fail (CRM_IS_SMART_LIST_MODEL (self));

  was_counting = crm_smart_list_model_get_counting (self);
  if (self->recount_source == 0)
    self->recount_source
        = g_timeout_add (CRM_SMART_LIST_MODEL_RECOUNT_DELAY_MS, on_recount_timeout, self);
  if (!was_counting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

/* ---- The lists themselves --------------------------------------------------------------------- */

static void
reload (CrmSmartListModel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = crm_store_list_smart_lists (self->store, &error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (records == NULL)
    {
      g_warning ("Cannot read the smart lists: %s", error->message);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      const CrmSmartListRecord *record = records->pdata[i];
      CrmSmartList *list = g_hash_table_lookup (self->objects, &record->id);

      if (list != NULL)
        crm_smart_list_update (list, record);
      else
        g_hash_table_insert (self->objects, g_memdup2 (&record->id, sizeof (gint64)),
                             crm_smart_list_new (record));
      g_array_append_val (ids, record->id);
    }
  /* Gone before the signals, so that their handlers no longer find them. */
  crm_list_diff_prune (self->objects, ids);
  crm_list_diff_apply (G_LIST_MODEL (self), self->ids, ids);
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmSmartListModel *self)
{
  switch (entity)
    {
      case CRM_ENTITY_SMART_LIST:
        reload (self);
        break;
      /* What the filters look at: the contacts, their tags (a deleted tag), next steps, and the
       * company names that search words find. */
      case CRM_ENTITY_CONTACT:
      case CRM_ENTITY_ACTIVITY:
      case CRM_ENTITY_TAG:
      case CRM_ENTITY_COMPANY:
        break;
      default:
        return;
    }
  crm_smart_list_model_recount (self);
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
crm_smart_list_model_dispose (GObject *object)
{
  CrmSmartListModel *self = CRM_SMART_LIST_MODEL (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_handle_id (&self->recount_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_smart_list_model_parent_class)->dispose (object);
}

static void
crm_smart_list_model_finalize (GObject *object)
{
  CrmSmartListModel *self = CRM_SMART_LIST_MODEL (object);

  g_array_unref (self->ids);
  g_hash_table_unref (self->objects);
  G_OBJECT_CLASS (crm_smart_list_model_parent_class)->finalize (object);
}

static void
crm_smart_list_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmSmartListModel *self = CRM_SMART_LIST_MODEL (object);

  switch (prop_id)
    {
      case PROP_ALL_COUNT:
        g_value_set_int (value, self->all_count);
        break;
      case PROP_COUNTING:
        g_value_set_boolean (value, crm_smart_list_model_get_counting (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_smart_list_model_class_init (CrmSmartListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_smart_list_model_dispose;
  object_class->finalize = crm_smart_list_model_finalize;
  object_class->get_property = crm_smart_list_model_get_property;

  properties[PROP_ALL_COUNT]
      = g_param_spec_int ("all-count", NULL, NULL, -1, G_MAXINT, -1,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTING]
      = g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_smart_list_model_init (CrmSmartListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->all_count = -1;
}

CrmSmartListModel *
crm_smart_list_model_new (CrmStore *store)
{
  CrmSmartListModel *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_SMART_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  reload (self);
  start_count (self);
  return self;
}

CrmSmartList *
crm_smart_list_model_lookup (CrmSmartListModel *self, gint64 id)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST_MODEL (self), NULL);
  return g_hash_table_lookup (self->objects, &id);
}

int
crm_smart_list_model_get_all_count (CrmSmartListModel *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST_MODEL (self), -1);
  return self->all_count;
}

gboolean
crm_smart_list_model_get_counting (CrmSmartListModel *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST_MODEL (self), FALSE);
  return self->recount_source != 0 || self->cancellable != NULL;
}
