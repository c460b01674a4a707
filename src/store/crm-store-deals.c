/* crm-store-deals.c — what is special about deals: their place in a stage, moves between stages
 * (one deal row and one stage-history row per move), closing dates and probabilities. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-fractional-index.h"
#include "crm-store-private.h"

static char *
column_text_dup (sqlite3_stmt *statement, int column)
{
  const unsigned char *text = sqlite3_column_text (statement, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* Gives every deal of a stage a fresh, evenly spread key in its current order. Only needed
 * when keys were damaged from outside (hand edits, duplicates): normal moves never call it. */
static gboolean
renumber_stage (CrmStore *self, gint64 stage_id, GError **error)
{
  g_autoptr (GArray) ids = crm_store_list_deal_ids_in_stage (self, stage_id, error);
  g_auto (GStrv) keys = NULL;
  sqlite3_stmt *statement;

  if (ids == NULL)
    return FALSE;
  keys = crm_fractional_index_spread (ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      statement = crm_store_prepare (self, "UPDATE deals SET position = ?2 WHERE id = ?1", error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, id);
      sqlite3_bind_text (statement, 2, keys[i], -1, SQLITE_TRANSIENT);
      if (!crm_store_step_done (self, statement, error))
        return FALSE;
      crm_store_queue_change (self, CRM_ENTITY_DEAL, CRM_CHANGE_UPDATE, id, NULL);
    }
  return TRUE;
}

static gboolean
neighbour_keys (CrmStore *self,
                gint64 stage_id,
                gint64 moving_deal_id,
                int position,
                char **lower,
                char **upper,
                GError **error)
{
  sqlite3_stmt *statement;
  int rc;

  *lower = *upper = NULL;
  /* An append needs only the last key (below), not a walk through the stage. */
  if (position < 0)
    position = G_MAXINT;

  if (position > 0 && position < G_MAXINT)
    {
      statement = crm_store_prepare (self,
                                     "SELECT position FROM deals WHERE stage_id = ?1 AND id <> ?2 "
                                     "ORDER BY position, id LIMIT 2 OFFSET ?3",
                                     error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, stage_id);
      sqlite3_bind_int64 (statement, 2, moving_deal_id);
      sqlite3_bind_int64 (statement, 3, (gint64) position - 1);
      if ((rc = sqlite3_step (statement)) == SQLITE_ROW)
        {
          *lower = column_text_dup (statement, 0);
          if ((rc = sqlite3_step (statement)) == SQLITE_ROW)
            *upper = column_text_dup (statement, 0);
        }
      sqlite3_reset (statement);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          crm_store_set_error_from_db (self, error, NULL);
          return FALSE;
        }
      if (*lower != NULL)
        return TRUE;
    }

  /* At the top (position 0), or past the end: the bound is the first or the last key. */
  statement = crm_store_prepare (
      self,
      /* ORDER BY … LIMIT 1 reads one end of the stage's index (min () and max () with the id test
       * would read the whole stage). */
      position == 0 ? "SELECT position FROM deals WHERE stage_id = ?1 AND id <> ?2 "
                      "ORDER BY position, id LIMIT 1"
                    : "SELECT position FROM deals WHERE stage_id = ?1 AND id <> ?2 "
                      "ORDER BY position DESC, id DESC LIMIT 1",
      error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, stage_id);
  sqlite3_bind_int64 (statement, 2, moving_deal_id);
  if (sqlite3_step (statement) == SQLITE_ROW)
    {
      if (position == 0)
        *upper = column_text_dup (statement, 0);
      else
        *lower = column_text_dup (statement, 0);
    }
  sqlite3_reset (statement);
  return TRUE;
}

static gboolean
keys_leave_room (const char *lower, const char *upper)
{
  if (lower != NULL && !crm_fractional_index_is_valid (lower))
    return FALSE;
  if (upper != NULL && !crm_fractional_index_is_valid (upper))
    return FALSE;
  return lower == NULL || upper == NULL || strcmp (lower, upper) < 0;
}

/* The key for ordinal @position among the other deals of @stage_id. */
static char *
key_for_position (
    CrmStore *self, gint64 stage_id, gint64 moving_deal_id, int position, GError **error)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *lower = NULL;
      g_autofree char *upper = NULL;

      if (!neighbour_keys (self, stage_id, moving_deal_id, position, &lower, &upper, error))
        return NULL;
      if (keys_leave_room (lower, upper))
        return crm_fractional_index_between (lower, upper);
      if (attempt == 0 && !renumber_stage (self, stage_id, error))
        return NULL;
    }
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                       _ ("Cannot find a place for the deal in its stage"));
  return NULL;
}

static gboolean
insert_history (CrmStore *self,
                gint64 deal_id,
                gint64 from_stage_id,
                gint64 to_stage_id,
                gint64 when,
                GError **error)
{
  g_autoptr (CrmDealStageHistoryRecord) history = crm_deal_stage_history_record_new ();

  history->deal_id = deal_id;
  history->from_stage_id = from_stage_id;
  history->to_stage_id = to_stage_id;
  history->changed_at = when;
  return crm_store_insert_deal_stage_history (self, history, error);
}

/* Sets the closing facts a stage implies: Won and Lost close the deal; open stages reopen it. */
static void
apply_stage_kind (CrmDealRecord *deal, const CrmStageRecord *stage, gint64 when)
{
  if (stage->kind == CRM_STAGE_KIND_OPEN)
    {
      deal->closed_at = 0;
      deal->lost_reason_id = 0;
      return;
    }
  if (deal->closed_at == 0)
    deal->closed_at = when;
  if (stage->kind == CRM_STAGE_KIND_WON)
    deal->lost_reason_id = 0;
}

gboolean
crm_store_prepare_deal_insert (CrmStore *self, CrmDealRecord *deal, GError **error)
{
  g_autoptr (CrmStageRecord) stage = crm_store_get_stage (self, deal->stage_id, error);

  if (stage == NULL)
    return FALSE;
  if (deal->created_at == 0)
    deal->created_at = crm_store_now ();
  if (deal->stage_entered_at == 0)
    deal->stage_entered_at = deal->created_at;
  apply_stage_kind (deal, stage, deal->stage_entered_at);

  g_free (deal->position);
  deal->position = key_for_position (self, deal->stage_id, 0, -1, error);
  return deal->position != NULL;
}

gboolean
crm_store_finish_deal_insert (CrmStore *self, CrmDealRecord *deal, GError **error)
{
  return insert_history (self, deal->id, 0, deal->stage_id, deal->stage_entered_at, error);
}

static gboolean
enter_stage (CrmStore *self,
             CrmDealRecord *deal,
             gint64 from_stage_id,
             int position,
             gint64 when,
             GError **error)
{
  g_autoptr (CrmStageRecord) stage = crm_store_get_stage (self, deal->stage_id, error);

  if (stage == NULL)
    return FALSE;
  g_free (deal->position);
  deal->position = key_for_position (self, deal->stage_id, deal->id, position, error);
  if (deal->position == NULL)
    return FALSE;
  if (from_stage_id == deal->stage_id)
    return TRUE;

  deal->stage_entered_at = when;
  apply_stage_kind (deal, stage, when);
  return insert_history (self, deal->id, from_stage_id, deal->stage_id, when, error);
}

gboolean
crm_store_apply_stage_change (CrmStore *self,
                              CrmDealRecord *deal,
                              gint64 from_stage_id,
                              GError **error)
{
  return enter_stage (self, deal, from_stage_id, -1, crm_store_now (), error);
}

gboolean
crm_store_move_deal_at (
    CrmStore *self, gint64 deal_id, gint64 stage_id, int position, gint64 when, GError **error)
{
  g_autoptr (CrmDealRecord) deal = NULL;
  CrmDealRecord *old_deal;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;
  old_deal = crm_store_get_deal (self, deal_id, error);
  if (old_deal == NULL)
    goto failed;

  deal = crm_deal_record_copy (old_deal);
  deal->stage_id = stage_id;
  deal->updated_at = crm_store_now ();
  if (!enter_stage (self, deal, old_deal->stage_id, position, when, error)
      || !crm_store_update_row (self, CRM_ENTITY_DEAL, deal, error))
    goto failed;

  crm_store_queue_change (self, CRM_ENTITY_DEAL, CRM_CHANGE_UPDATE, deal_id, old_deal);
  return crm_store_commit (self, error);

failed:
  crm_deal_record_free (old_deal);
  crm_store_rollback (self);
  return FALSE;
}

gboolean
crm_store_move_deal (CrmStore *self, gint64 deal_id, gint64 stage_id, int position, GError **error)
{
  return crm_store_move_deal_at (self, deal_id, stage_id, position, crm_store_now (), error);
}

GArray *
crm_store_list_deal_ids_in_stage (CrmStore *self, gint64 stage_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_ids (
      self, "SELECT id FROM deals WHERE stage_id = ?1 ORDER BY position, id", stage_id, error);
}

GArray *
crm_store_list_filtered_deal_ids_in_stage (CrmStore *self,
                                           gint64 stage_id,
                                           const char *text,
                                           gboolean stale_only,
                                           gint64 now,
                                           GError **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  match = crm_store_build_fts_query (text);
  /* Stale as the card says it: more whole days in the stage than the stage's rotting limit,
   * and not closed in a Won or Lost stage. */
  statement = crm_store_prepare (
      self,
      "SELECT d.id FROM deals d JOIN stages s ON s.id = d.stage_id "
      "WHERE d.stage_id = ?1 "
      "AND (?2 IS NULL OR d.id IN (SELECT rowid FROM deals_fts WHERE deals_fts MATCH ?2)) "
      "AND (?3 = 0 OR (s.rotting_days > 0 AND max (0, (?4 - d.stage_entered_at) / 86400) "
      "> s.rotting_days AND NOT (s.kind <> 'open' AND ifnull (d.closed_at, 0) <> 0))) "
      "ORDER BY d.position, d.id",
      error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, stage_id);
  if (match != NULL)
    sqlite3_bind_text (statement, 2, match, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (statement, 2);
  sqlite3_bind_int (statement, 3, stale_only ? 1 : 0);
  sqlite3_bind_int64 (statement, 4, now);
  return crm_store_step_ids (self, statement, error);
}

GArray *
crm_store_list_first_deal_ids_in_stage (
    CrmStore *self, gint64 stage_id, guint limit, guint *n_in_stage, GError **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (GArray) count = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (n_in_stage != NULL, NULL);

  /* Both in one read transaction, so they agree. */
  if (!crm_store_begin (self, error))
    return NULL;
  sql = g_strdup_printf ("SELECT id FROM deals WHERE stage_id = ?1 ORDER BY position, id LIMIT %u",
                         limit);
  ids = crm_store_select_ids (self, sql, stage_id, error);
  if (ids != NULL)
    count = crm_store_select_ids (self, "SELECT count(*) FROM deals WHERE stage_id = ?1", stage_id,
                                  error);
  if (ids == NULL || count == NULL)
    {
      crm_store_rollback (self);
      return NULL;
    }
  if (!crm_store_commit (self, error))
    return NULL;
  *n_in_stage = (guint) g_array_index (count, gint64, 0);
  return g_steal_pointer (&ids);
}

GArray *
crm_store_sum_deals_in_stage (CrmStore *self, gint64 stage_id, GError **error)
{
  g_autoptr (GArray) sums = g_array_new (FALSE, TRUE, sizeof (CrmDealSums));
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  statement = crm_store_prepare (
      self,
      "SELECT currency, count(*), sum(value_minor), "
      "sum(CASE WHEN probability_override IS NOT NULL THEN value_minor * probability_override "
      "ELSE 0 END), "
      "sum(CASE WHEN probability_override IS NULL THEN value_minor ELSE 0 END) "
      "FROM deals WHERE stage_id = ?1 GROUP BY currency ORDER BY currency",
      error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, stage_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      CrmDealSums row = { 0 };

      g_strlcpy (row.currency, (const char *) sqlite3_column_text (statement, 0),
                 sizeof row.currency);
      row.n_deals = (guint) sqlite3_column_int64 (statement, 1);
      row.total_minor = sqlite3_column_int64 (statement, 2);
      row.weighted_hundredths = sqlite3_column_int64 (statement, 3);
      row.default_value_minor = sqlite3_column_int64 (statement, 4);
      g_array_append_val (sums, row);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&sums);
}

GPtrArray *
crm_store_list_deal_history (CrmStore *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_DEAL_STAGE_HISTORY,
                                   "WHERE deal_id = ?1 ORDER BY changed_at, id", &deal_id, 1,
                                   error);
}

int
crm_store_get_deal_probability (CrmStore *self, const CrmDealRecord *deal)
{
  sqlite3_stmt *statement;
  int probability = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (deal != NULL, 0);

  if (deal->probability_override >= 0)
    return deal->probability_override;
  statement = crm_store_prepare (self, "SELECT probability FROM stages WHERE id = ?1", NULL);
  if (statement == NULL)
    return 0;
  sqlite3_bind_int64 (statement, 1, deal->stage_id);
  if (sqlite3_step (statement) == SQLITE_ROW)
    probability = sqlite3_column_int (statement, 0);
  sqlite3_reset (statement);
  return probability;
}
