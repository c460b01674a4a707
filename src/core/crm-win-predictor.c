/* crm-win-predictor.c — naive Bayes over closed deals (see the header). Training only counts:
 * per class (lost, won) how many deals had each value of each feature; for the stage, how many
 * stopped at each furthest position, summed at prediction into "reached at least". */
#include "config.h"

#include "crm-win-predictor.h"

#include <glib/gi18n-lib.h>

#include "crm-currency.h"

enum
{
  LOST,
  WON,
  N_CLASSES
};

struct _CrmWinPredictor
{
  guint n_class[N_CLASSES];
  GHashTable *by_source; /* gint64 source id (0: none) -> guint[N_CLASSES] */
  GHashTable *by_stage;  /* gint64 furthest stage position (-1: none) -> guint[N_CLASSES] */
  guint by_value_band[CRM_N_VALUE_BANDS][N_CLASSES];
  guint by_activity_band[CRM_N_ACTIVITY_BANDS][N_CLASSES];
  guint n_source_values; /* k of the Laplace smoothing: lead sources + "none" */
};

/* clang-format off */
G_DEFINE_QUARK (crm-win-predictor-error-quark, crm_win_predictor_error)
/* clang-format on */

/* ---- Features ----------------------------------------------------------------------------- */

CrmValueBand
crm_value_band_for (gint64 value_minor, const char *currency)
{
  gint64 unit = 1;
  gint64 major;

  for (guint digits = crm_currency_get_digits (currency); digits > 0; digits--)
    unit *= 10;
  /* Whole major units, rounded down: 999.99 is still under 1,000. */
  major = value_minor / unit;
  if (major < 1000)
    return CRM_VALUE_BAND_UNDER_1K;
  if (major < 10000)
    return CRM_VALUE_BAND_UNDER_10K;
  if (major < 100000)
    return CRM_VALUE_BAND_UNDER_100K;
  return CRM_VALUE_BAND_100K_OR_MORE;
}

CrmActivityBand
crm_activity_band_for (guint n_activities)
{
  if (n_activities == 0)
    return CRM_ACTIVITY_BAND_NONE;
  if (n_activities <= 2)
    return CRM_ACTIVITY_BAND_1_TO_2;
  if (n_activities <= 5)
    return CRM_ACTIVITY_BAND_3_TO_5;
  return CRM_ACTIVITY_BAND_6_OR_MORE;
}

void
crm_win_features_init (CrmWinFeatures *features, const CrmDealFeatures *deal)
{
  g_return_if_fail (features != NULL && deal != NULL);

  features->source_id = deal->source_id;
  features->furthest_stage_position = deal->furthest_stage_position;
  features->value_band = crm_value_band_for (deal->value_minor, deal->currency);
  features->activity_band = crm_activity_band_for (deal->n_activities);
}

/* ---- Training ------------------------------------------------------------------------------ */

static void
count_value (GHashTable *table, gint64 value, guint class)
{
  guint *counts = g_hash_table_lookup (table, &value);

  if (counts == NULL)
    {
      counts = g_new0 (guint, N_CLASSES);
      g_hash_table_insert (table, g_memdup2 (&value, sizeof value), counts);
    }
  counts[class]++;
}

CrmWinPredictor *
crm_win_predictor_new_from_history (const CrmWinHistory *history)
{
  CrmWinPredictor *self;

  g_return_val_if_fail (history != NULL && history->closed_deals != NULL, NULL);

  self = g_new0 (CrmWinPredictor, 1);
  self->by_source = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->by_stage = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->n_source_values = history->n_lead_sources + 1;

  for (guint i = 0; i < history->closed_deals->len; i++)
    {
      const CrmDealFeatures *deal = &g_array_index (history->closed_deals, CrmDealFeatures, i);
      CrmWinFeatures features;
      guint class;

      if (deal->outcome == CRM_STAGE_KIND_OPEN)
        continue;
      class = deal->outcome == CRM_STAGE_KIND_WON ? WON : LOST;
      crm_win_features_init (&features, deal);
      self->n_class[class]++;
      count_value (self->by_source, features.source_id, class);
      count_value (self->by_stage, features.furthest_stage_position, class);
      self->by_value_band[features.value_band][class]++;
      self->by_activity_band[features.activity_band][class]++;
    }
  return self;
}

CrmWinPredictor *
crm_win_predictor_train (CrmStore *store, gint64 pipeline_id, GError **error)
{
  CrmWinHistory history;
  CrmWinPredictor *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!crm_store_read_win_history (store, pipeline_id, &history, error))
    return NULL;
  self = crm_win_predictor_new_from_history (&history);
  crm_win_history_clear (&history);
  return self;
}

static void
train_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  gint64 pipeline_id = *(const gint64 *) task_data;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  CrmWinPredictor *self;

  /* Opening would create a file that is gone (deleted while the thread waited to start). */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_new_error (task, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                               _ ("The database “%s” is gone"), path);
      return;
    }
  store = crm_store_open (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self = crm_win_predictor_train (store, pipeline_id, &error);
  if (self == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, self, (GDestroyNotify) crm_win_predictor_free);
}

void
crm_win_predictor_train_async (CrmStore *store,
                               gint64 pipeline_id,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CRM_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_win_predictor_train_async);
  g_task_set_task_data (task, g_memdup2 (&pipeline_id, sizeof pipeline_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (crm_store_get_path (store)), g_free);
  g_task_run_in_thread (task, train_in_thread);
}

CrmWinPredictor *
crm_win_predictor_train_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_win_predictor_train_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
crm_win_predictor_free (CrmWinPredictor *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_source);
  g_hash_table_unref (self->by_stage);
  g_free (self);
}

guint
crm_win_predictor_get_n_closed (CrmWinPredictor *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_class[WON] + self->n_class[LOST];
}

guint
crm_win_predictor_get_n_won (CrmWinPredictor *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_class[WON];
}

gboolean
crm_win_predictor_has_enough_history (CrmWinPredictor *self)
{
  return crm_win_predictor_get_n_closed (self) >= CRM_WIN_PREDICTOR_MIN_CLOSED;
}

/* ---- Predicting ---------------------------------------------------------------------------- */

/* P(value | class) with add-one smoothing over @n_values values. */
static double
smoothed (guint count, guint n_in_class, guint n_values)
{
  return ((double) count + 1.0) / ((double) n_in_class + (double) n_values);
}

static guint
count_in (GHashTable *table, gint64 value, guint class)
{
  const guint *counts = g_hash_table_lookup (table, &value);
  return counts != NULL ? counts[class] : 0;
}

/* How many closed deals of @class got at least as far as @position: their furthest open stage
 * is at @position or later. */
static guint
count_reached (GHashTable *by_stage, int position, guint class)
{
  GHashTableIter iter;
  gpointer key, value;
  guint count = 0;

  g_hash_table_iter_init (&iter, by_stage);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(const gint64 *) key >= position)
      count += ((const guint *) value)[class];
  return count;
}

/* P(reached at least @position | @class), the stage feature being binary: reached, or not. */
static double
reached_likelihood (CrmWinPredictor *self, int position, guint class)
{
  return smoothed (count_reached (self->by_stage, position, class), self->n_class[class], 2);
}

gboolean
crm_win_predictor_predict (CrmWinPredictor *self,
                           const CrmWinFeatures *features,
                           double *probability,
                           GError **error)
{
  double score[N_CLASSES];
  guint n_closed;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (features != NULL && probability != NULL, FALSE);
  g_return_val_if_fail (features->value_band < CRM_N_VALUE_BANDS, FALSE);
  g_return_val_if_fail (features->activity_band < CRM_N_ACTIVITY_BANDS, FALSE);

  n_closed = crm_win_predictor_get_n_closed (self);
  if (n_closed < CRM_WIN_PREDICTOR_MIN_CLOSED)
    {
      g_set_error (error, CRM_WIN_PREDICTOR_ERROR, CRM_WIN_PREDICTOR_ERROR_NOT_ENOUGH_HISTORY,
                   g_dngettext (GETTEXT_PACKAGE, "Not enough history: %u closed deal, %u needed",
                                "Not enough history: %u closed deals, %u needed", n_closed),
                   n_closed, (guint) CRM_WIN_PREDICTOR_MIN_CLOSED);
      return FALSE;
    }

  for (guint class = 0; class < N_CLASSES; class ++)
    {
      guint n = self->n_class[class];

      score[class]
          = (double) n / (double) n_closed
            * smoothed (count_in (self->by_source, features->source_id, class), n,
                        self->n_source_values)
            * reached_likelihood (self, features->furthest_stage_position, class)
            * smoothed (self->by_value_band[features->value_band][class], n, CRM_N_VALUE_BANDS)
            * smoothed (self->by_activity_band[features->activity_band][class], n,
                        CRM_N_ACTIVITY_BANDS);
    }
  *probability = score[WON] / (score[WON] + score[LOST]);
  return TRUE;
}

gboolean
crm_win_predictor_predict_deal (
    CrmWinPredictor *self, CrmStore *store, gint64 deal_id, double *probability, GError **error)
{
  CrmDealFeatures deal;
  CrmWinFeatures features;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!crm_store_get_deal_features (store, deal_id, &deal, error))
    return FALSE;
  crm_win_features_init (&features, &deal);
  return crm_win_predictor_predict (self, &features, probability, error);
}
