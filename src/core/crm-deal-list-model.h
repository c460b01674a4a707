/* crm-deal-list-model.h — the deals of one stage in board order, as a GListModel of CrmDeal that
 * follows the store's changes with exact items-changed signals. */
#pragma once

#include <gio/gio.h>

#include "crm-repository.h"

G_BEGIN_DECLS

/* Ids a new model reads at once, with the count: more than any column shows in its first
 * frame. The others are read when an item past them, or a position, is asked for. */
#define CRM_DEAL_LIST_MODEL_FIRST_IDS 48

#define CRM_TYPE_DEAL_LIST_MODEL (crm_deal_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmDealListModel, crm_deal_list_model, CRM, DEAL_LIST_MODEL, GObject)

CrmDealListModel *
crm_deal_list_model_new (CrmRepository *repository, gint64 stage_id);
gint64
crm_deal_list_model_get_stage_id (CrmDealListModel *self);
/* Position of deal @deal_id in the list, or -1. */
int
crm_deal_list_model_find (CrmDealListModel *self, gint64 deal_id);

/* Shows only the deals matching @text (NULL or blank: all) and, with @stale_only, the stale
 * ones. Call again to re-apply when time passes. */
void
crm_deal_list_model_set_filter (CrmDealListModel *self, const char *text, gboolean stale_only);
/* Shows only the deals whose ids are in @deal_ids (a set of gint64 made with g_int64_hash and
 * g_int64_equal; the model keeps a reference), besides the filter above; NULL shows all. */
void
crm_deal_list_model_set_deal_ids (CrmDealListModel *self, GHashTable *deal_ids);
/* Position of @deal_id among all the stage's deals, filtered out or not, or -1. */
int
crm_deal_list_model_get_stage_index (CrmDealListModel *self, gint64 deal_id);
/* All the stage's deals, filtered out or not. */
guint
crm_deal_list_model_get_n_in_stage (CrmDealListModel *self);
/* The position to give crm_store_move_deal() for a deal @moving_id put between the shown
 * items @gap - 1 and @gap (@gap = n_items: after the last). */
int
crm_deal_list_model_get_position_for_gap (CrmDealListModel *self, guint gap, gint64 moving_id);

G_END_DECLS
