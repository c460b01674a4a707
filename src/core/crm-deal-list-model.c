/* crm-deal-list-model.c — deals of a stage. Holds the ordered ids (cheap even for thousands of
 * deals) and makes item objects only when asked, through the repository. On a store change
 * that touches this stage it re-reads the id order (one indexed query) and emits the
 * difference.
 *
 * With a filter (search text, stale only) the items are the matching deals, and the model
 * also keeps the stage's whole order, because a move is written as a position among all the
 * stage's deals (crm_deal_list_model_get_position_for_gap). */
#include "config.h"

#include "crm-deal-list-model.h"
#include "crm-deal.h"
#include "crm-list-diff.h"

#include <string.h>

struct _CrmDealListModel
{
  GObject parent_instance;

  CrmRepository *repository;
  gint64 stage_id;
  GArray *ids; /* the items: the deals shown */
  /* Items past the end of @ids whose ids are not read yet: a new model reads only the first
   * few and the count (ensure_loaded reads the rest when asked for them). */
  guint n_unloaded;
  GArray *all_ids; /* with a filter: every deal of the stage; NULL without (ids are all) */
  char *filter_text;
  gboolean stale_only;
  GHashTable *deal_ids; /* gint64 set: only these deals (the dashboard's "show these"), or NULL */
  GHashTable *items;    /* gint64 id -> CrmDeal (owned), for the ids asked for */
  gulong changed_handler;
};

static void
crm_deal_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmDealListModel,
                               crm_deal_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_deal_list_model_list_model_init))

static GType
crm_deal_list_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_DEAL;
}

static guint
crm_deal_list_model_get_n_items (GListModel *model)
{
  CrmDealListModel *self = CRM_DEAL_LIST_MODEL (model);

  return self->ids->len + self->n_unloaded;
}

/* Reads the ids not read yet. When the stage changed meanwhile (another program), the items
 * not read yet are replaced by what it holds now, with the signal that says so. */
static void
ensure_loaded (CrmDealListModel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) all_ids = NULL;
  guint n_items;

  if (self->n_unloaded == 0)
    return;
  all_ids = crm_store_list_deal_ids_in_stage (crm_repository_get_store (self->repository),
                                              self->stage_id, &error);
  if (all_ids == NULL)
    {
      g_warning ("Cannot read the deals of stage %" G_GINT64_FORMAT ": %s", self->stage_id,
                 error->message);
      return;
    }
  n_items = self->ids->len + self->n_unloaded;
  if (all_ids->len == n_items
      && memcmp (all_ids->data, self->ids->data, self->ids->len * sizeof (gint64)) == 0)
    {
      /* What was counted: the items are the same, now with their ids. */
      g_array_set_size (self->ids, 0);
      g_array_append_vals (self->ids, all_ids->data, all_ids->len);
      self->n_unloaded = 0;
      return;
    }
  /* Ids no deal has stand for the items not read, so they all differ from the new ones. */
  for (guint i = 0; i < self->n_unloaded; i++)
    {
      gint64 unknown = -1 - (gint64) i;
      g_array_append_val (self->ids, unknown);
    }
  self->n_unloaded = 0;
  crm_list_diff_apply (G_LIST_MODEL (self), self->ids, all_ids);
  crm_list_diff_prune (self->items, self->ids);
}

static gpointer
crm_deal_list_model_get_item (GListModel *model, guint position)
{
  CrmDealListModel *self = CRM_DEAL_LIST_MODEL (model);
  g_autoptr (GError) error = NULL;
  gint64 id;
  CrmDeal *deal;

  if (position >= self->ids->len)
    ensure_loaded (self);
  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  deal = g_hash_table_lookup (self->items, &id);
  if (deal == NULL)
    {
      deal = crm_repository_get_object (self->repository, CRM_ENTITY_DEAL, id, &error);
      if (deal == NULL)
        {
          g_warning ("Cannot read deal %" G_GINT64_FORMAT ": %s", id, error->message);
          return NULL;
        }
      g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), deal);
    }
  return g_object_ref (deal);
}

static void
crm_deal_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_deal_list_model_get_item_type;
  iface->get_n_items = crm_deal_list_model_get_n_items;
  iface->get_item = crm_deal_list_model_get_item;
}

static gboolean
is_filtered (CrmDealListModel *self)
{
  return self->filter_text != NULL || self->stale_only || self->deal_ids != NULL;
}

/* The ids of @ids that are in the set @deal_ids, in order. */
static GArray *
keep_listed (GArray *ids, GHashTable *deal_ids)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (deal_ids, &g_array_index (ids, gint64, i)))
      g_array_append_val (kept, g_array_index (ids, gint64, i));
  return kept;
}

/* Every deal of the stage, in order (the items themselves without a filter). */
static GArray *
stage_ids (CrmDealListModel *self)
{
  ensure_loaded (self);
  return self->all_ids != NULL ? self->all_ids : self->ids;
}

static void
reload (CrmDealListModel *self)
{
  CrmStore *store = crm_repository_get_store (self->repository);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) all_ids = crm_store_list_deal_ids_in_stage (store, self->stage_id, &error);
  g_autoptr (GArray) shown_ids = NULL;

  ensure_loaded (self);
  if (all_ids != NULL && (self->filter_text != NULL || self->stale_only))
    shown_ids = crm_store_list_filtered_deal_ids_in_stage (
        store, self->stage_id, self->filter_text, self->stale_only,
        g_get_real_time () / G_USEC_PER_SEC, &error);
  else if (all_ids != NULL)
    shown_ids = g_array_ref (all_ids);
  if (shown_ids == NULL)
    {
      g_warning ("Cannot read the deals of stage %" G_GINT64_FORMAT ": %s", self->stage_id,
                 error->message);
      return;
    }
  if (self->deal_ids != NULL)
    {
      GArray *kept = keep_listed (shown_ids, self->deal_ids);

      g_array_unref (shown_ids);
      shown_ids = kept;
    }

  g_clear_pointer (&self->all_ids, g_array_unref);
  if (is_filtered (self))
    self->all_ids = g_steal_pointer (&all_ids);
  crm_list_diff_apply (G_LIST_MODEL (self), self->ids, shown_ids);
  crm_list_diff_prune (self->items, self->ids);
}

static gboolean
change_touches_stage (CrmDealListModel *self, guint action, gint64 id, gpointer old_record)
{
  g_autoptr (CrmDealRecord) deal = NULL;

  if (action == CRM_CHANGE_RESET)
    return TRUE;
  if (old_record != NULL && ((CrmDealRecord *) old_record)->stage_id == self->stage_id)
    return TRUE;
  if (action == CRM_CHANGE_DELETE)
    return crm_deal_list_model_get_stage_index (self, id) >= 0;
  deal = crm_store_get_deal (crm_repository_get_store (self->repository), id, NULL);
  return deal != NULL && deal->stage_id == self->stage_id;
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmDealListModel *self)
{
  if (entity == CRM_ENTITY_DEAL && change_touches_stage (self, action, id, old_record))
    reload (self);
  else if (entity == CRM_ENTITY_STAGE && (action == CRM_CHANGE_RESET || id == self->stage_id))
    reload (self);
}

static void
crm_deal_list_model_dispose (GObject *object)
{
  CrmDealListModel *self = CRM_DEAL_LIST_MODEL (object);

  if (self->repository != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_repository_get_store (self->repository));
  g_clear_object (&self->repository);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->all_ids, g_array_unref);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->deal_ids, g_hash_table_unref);
  G_OBJECT_CLASS (crm_deal_list_model_parent_class)->dispose (object);
}

static void
crm_deal_list_model_class_init (CrmDealListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_deal_list_model_dispose;
}

static void
crm_deal_list_model_init (CrmDealListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

CrmDealListModel *
crm_deal_list_model_new (CrmRepository *repository, gint64 stage_id)
{
  CrmDealListModel *self;
  g_autoptr (GArray) ids = NULL;
  guint n_in_stage = 0;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  self = g_object_new (CRM_TYPE_DEAL_LIST_MODEL, NULL);
  self->repository = g_object_ref (repository);
  self->stage_id = stage_id;
  /* The first ones and the count: a board's first frame needs no more. */
  ids = crm_store_list_first_deal_ids_in_stage (crm_repository_get_store (repository), stage_id,
                                                CRM_DEAL_LIST_MODEL_FIRST_IDS, &n_in_stage, NULL);
  if (ids != NULL)
    {
      g_array_append_vals (self->ids, ids->data, ids->len);
      self->n_unloaded = n_in_stage > ids->len ? n_in_stage - ids->len : 0;
    }
  self->changed_handler = g_signal_connect (crm_repository_get_store (repository), "changed",
                                            G_CALLBACK (on_store_changed), self);
  return self;
}

gint64
crm_deal_list_model_get_stage_id (CrmDealListModel *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_LIST_MODEL (self), 0);
  return self->stage_id;
}

int
crm_deal_list_model_find (CrmDealListModel *self, gint64 deal_id)
{
  g_return_val_if_fail (CRM_IS_DEAL_LIST_MODEL (self), -1);
  ensure_loaded (self);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == deal_id)
      return (int) i;
  return -1;
}

static int
index_of (GArray *ids, gint64 deal_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == deal_id)
      return (int) i;
  return -1;
}

int
crm_deal_list_model_get_stage_index (CrmDealListModel *self, gint64 deal_id)
{
  g_return_val_if_fail (CRM_IS_DEAL_LIST_MODEL (self), -1);
  return index_of (stage_ids (self), deal_id);
}

guint
crm_deal_list_model_get_n_in_stage (CrmDealListModel *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_LIST_MODEL (self), 0);
  return stage_ids (self)->len;
}

/* Where a deal lands among all the stage's deals (not counting itself, as crm_store_move_deal
 * counts) when put in gap @gap of the shown ones: right above the shown deal below the gap, or
 * right below the last one. */
int
crm_deal_list_model_get_position_for_gap (CrmDealListModel *self, guint gap, gint64 moving_id)
{
  GArray *all;
  int moving_index, anchor_index;
  gint64 anchor;
  gboolean after;

  g_return_val_if_fail (CRM_IS_DEAL_LIST_MODEL (self), 0);

  all = stage_ids (self);
  if (self->ids->len == 0)
    return 0;
  after = gap >= self->ids->len;
  anchor = g_array_index (self->ids, gint64, after ? self->ids->len - 1 : gap);
  anchor_index = index_of (all, anchor);
  moving_index = index_of (all, moving_id);
  if (anchor_index < 0)
    return 0;
  if (anchor == moving_id)
    return anchor_index;
  if (moving_index >= 0 && moving_index < anchor_index)
    anchor_index--;
  return after ? anchor_index + 1 : anchor_index;
}

void
crm_deal_list_model_set_filter (CrmDealListModel *self, const char *text, gboolean stale_only)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (CRM_IS_DEAL_LIST_MODEL (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_free (self->filter_text);
  self->filter_text = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
  self->stale_only = stale_only;
  /* Also when unchanged: "stale" moves with the clock. */
  reload (self);
}

void
crm_deal_list_model_set_deal_ids (CrmDealListModel *self, GHashTable *deal_ids)
{
  g_return_if_fail (CRM_IS_DEAL_LIST_MODEL (self));

  if (deal_ids == self->deal_ids)
    return;
  g_clear_pointer (&self->deal_ids, g_hash_table_unref);
  self->deal_ids = deal_ids != NULL ? g_hash_table_ref (deal_ids) : NULL;
  reload (self);
}
