/* crm-store-features.c — what the predicted win probability learns from: the facts of every
 * closed deal (won or lost, its contact's lead source, the furthest open stage it reached, its
 * value, its activities) read with one query, so training over 10,000 deals is one pass. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-private.h"

/* One row per deal. The furthest stage is the open stage of the highest position, in the
 * pipeline of the deal's stage, that the stage history says the deal entered (a closed deal
 * entered its open stages before it closed). Activities count up to the close, so that what
 * happened after a deal was won (onboarding) does not teach that activity wins deals. */
#define FEATURES_COLUMNS                                                                           \
  "SELECT d.id, ds.kind, c.source_id, d.value_minor, d.currency, fs.id, "                          \
  "ifnull (fs.position, -1), (SELECT count(*) FROM activities a WHERE a.deal_id = d.id "           \
  "AND (d.closed_at IS NULL OR a.occurred_at <= d.closed_at)) "                                    \
  "FROM deals d JOIN stages ds ON ds.id = d.stage_id LEFT JOIN contacts c ON c.id = d.contact_id "

/* Many deals: the furthest stage of every deal from one pass over the stage history, grouped
 * (SQLite takes the bare columns from the row of the max). */
static const char closed_features_sql[] = FEATURES_COLUMNS
    "LEFT JOIN (SELECT h.deal_id AS deal_id, s.pipeline_id AS pipeline_id, s.id AS id, "
    "s.position AS position, max (s.position) FROM deal_stage_history h JOIN stages s "
    "ON s.id = h.to_stage_id WHERE s.kind = 'open' GROUP BY h.deal_id, s.pipeline_id) AS fs "
    "ON fs.deal_id = d.id AND fs.pipeline_id = ds.pipeline_id "
    "WHERE ds.kind <> 'open' AND (?1 = 0 OR ds.pipeline_id = ?1) ORDER BY d.id";

/* One deal: a seek into its own history. */
static const char deal_features_sql[] = FEATURES_COLUMNS
    "LEFT JOIN stages fs ON fs.id = (SELECT s.id FROM deal_stage_history h JOIN stages s "
    "ON s.id = h.to_stage_id WHERE h.deal_id = d.id AND s.kind = 'open' "
    "AND s.pipeline_id = ds.pipeline_id ORDER BY s.position DESC, s.id LIMIT 1) "
    "WHERE d.id = ?1";

static const char *const kind_names[] = { "open", "won", "lost", NULL };

static void
read_features (sqlite3_stmt *statement, CrmDealFeatures *features)
{
  const char *kind = (const char *) sqlite3_column_text (statement, 1);
  const char *currency = (const char *) sqlite3_column_text (statement, 4);

  memset (features, 0, sizeof *features);
  features->deal_id = sqlite3_column_int64 (statement, 0);
  features->outcome = CRM_STAGE_KIND_OPEN;
  for (guint i = 0; kind != NULL && kind_names[i] != NULL; i++)
    if (strcmp (kind, kind_names[i]) == 0)
      features->outcome = (CrmStageKind) i;
  features->source_id = sqlite3_column_int64 (statement, 2);
  features->value_minor = sqlite3_column_int64 (statement, 3);
  g_strlcpy (features->currency, currency != NULL ? currency : "", sizeof features->currency);
  features->furthest_stage_id = sqlite3_column_int64 (statement, 5);
  features->furthest_stage_position = sqlite3_column_int (statement, 6);
  features->n_activities = (guint) sqlite3_column_int64 (statement, 7);
}

static GArray *
select_features (CrmStore *self, const char *sql, gint64 bind_value, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmDealFeatures));
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  int rc;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, bind_value);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      CrmDealFeatures features;

      read_features (statement, &features);
      g_array_append_val (rows, features);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
count_one (CrmStore *self, const char *sql, gint64 bind_value, guint *count, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (statement) > 0)
    sqlite3_bind_int64 (statement, 1, bind_value);
  rc = sqlite3_step (statement);
  *count = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (statement, 0) : 0;
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_store_read_win_history (CrmStore *self,
                            gint64 pipeline_id,
                            CrmWinHistory *history,
                            GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (history != NULL, FALSE);

  memset (history, 0, sizeof *history);
  if (!count_one (self, "SELECT count(*) FROM lead_sources", 0, &history->n_lead_sources, error)
      || !count_one (self,
                     "SELECT count(*) FROM stages WHERE kind = 'open' "
                     "AND (?1 = 0 OR pipeline_id = ?1)",
                     pipeline_id, &history->n_open_stages, error))
    return FALSE;
  history->closed_deals = select_features (self, closed_features_sql, pipeline_id, error);
  return history->closed_deals != NULL;
}

void
crm_win_history_clear (CrmWinHistory *history)
{
  if (history != NULL)
    g_clear_pointer (&history->closed_deals, g_array_unref);
}

gboolean
crm_store_get_deal_features (CrmStore *self,
                             gint64 deal_id,
                             CrmDealFeatures *features,
                             GError **error)
{
  g_autoptr (GArray) rows = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (features != NULL, FALSE);

  rows = select_features (self, deal_features_sql, deal_id, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _ ("No row %lld in %s"),
                   (long long) deal_id, "deals");
      return FALSE;
    }
  *features = g_array_index (rows, CrmDealFeatures, 0);
  return TRUE;
}
