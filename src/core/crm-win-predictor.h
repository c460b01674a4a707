/* crm-win-predictor.h — the predicted win probability of an open deal (crm-process.md §3): a
 * naive Bayes classifier, won against lost, learnt from this database's own closed deals.
 *
 * Features of a deal:
 *  - the lead source of its contact ("none" is a value of its own);
 *  - how far it got: the position of the furthest open stage its stage history shows it entered,
 *    in its pipeline (-1: none). For an open deal at furthest stage S the feature is "reached at
 *    least S", true of the deal itself; a closed deal has reached at least S when its furthest
 *    position is S's or later. So an open deal at Proposal is compared with every closed deal
 *    that got to Proposal or further, not with the deals that stopped there;
 *  - its value band, in major units of its currency, whatever the currency:
 *    under 1,000 · 1,000 to under 10,000 · 10,000 to under 100,000 · 100,000 and more;
 *  - its activity band, counting the activities logged on the deal (up to its close; for an open
 *    deal, so far): none · 1–2 · 3–5 · 6 or more.
 * P(won | features) ∝ P(won) · Π P(feature | won), the same for lost, normalised to add up to
 * one. The priors are the shares of won and lost deals; every conditional is smoothed by adding
 * one to each count (Laplace): P(v | c) = (n(v, c) + 1) / (n(c) + k), k being the number of
 * values the feature can take (lead sources + 1, 4, 4). The stage feature is binary (reached
 * at least S or not, k = 2): P(reached ≥ S | c) = (n(furthest position ≥ pos(S), c) + 1) /
 * (n(c) + 2). Both counts shrink as S advances; from S to the next stage the prediction rises
 * when, of the deals that reached S, a larger share of the lost than of the won ones stopped at
 * S (smoothing aside): what a pipeline is for, but the data's to say, not a law. Trained over
 * every pipeline (0), positions of different pipelines are compared as numbers. Below
 * CRM_WIN_PREDICTOR_MIN_CLOSED closed deals it predicts nothing: "not enough history".
 */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* Fewer closed deals than this and the predictor says "not enough history". */
#define CRM_WIN_PREDICTOR_MIN_CLOSED 20

#define CRM_WIN_PREDICTOR_ERROR (crm_win_predictor_error_quark ())
GQuark
crm_win_predictor_error_quark (void);

typedef enum
{
  CRM_WIN_PREDICTOR_ERROR_NOT_ENOUGH_HISTORY,
} CrmWinPredictorError;

typedef enum
{
  CRM_VALUE_BAND_UNDER_1K,     /* < 1,000 major units */
  CRM_VALUE_BAND_UNDER_10K,    /* 1,000 to < 10,000 */
  CRM_VALUE_BAND_UNDER_100K,   /* 10,000 to < 100,000 */
  CRM_VALUE_BAND_100K_OR_MORE, /* ≥ 100,000 */
  CRM_N_VALUE_BANDS
} CrmValueBand;

typedef enum
{
  CRM_ACTIVITY_BAND_NONE,      /* 0 */
  CRM_ACTIVITY_BAND_1_TO_2,    /* 1–2 */
  CRM_ACTIVITY_BAND_3_TO_5,    /* 3–5 */
  CRM_ACTIVITY_BAND_6_OR_MORE, /* 6+ */
  CRM_N_ACTIVITY_BANDS
} CrmActivityBand;

/* What the classifier looks at. */
typedef struct
{
  gint64 source_id;            /* 0: none */
  int furthest_stage_position; /* of the furthest open stage reached; -1: none */
  CrmValueBand value_band;
  CrmActivityBand activity_band;
} CrmWinFeatures;

/* The band of @value_minor in @currency (its minor digits: 0 for JPY-like, 3 for BHD-like,
 * else 2). */
CrmValueBand
crm_value_band_for (gint64 value_minor, const char *currency);
CrmActivityBand
crm_activity_band_for (guint n_activities);
/* A deal's row of the store as features. */
void
crm_win_features_init (CrmWinFeatures *features, const CrmDealFeatures *deal);

typedef struct _CrmWinPredictor CrmWinPredictor;

/* Learns from the closed deals of @pipeline_id (0: of every pipeline): one query. Succeeds
 * with too little history too; predicting then says so. */
CrmWinPredictor *
crm_win_predictor_train (CrmStore *store, gint64 pipeline_id, GError **error);
/* The same in a worker thread, on a connection of its own to @store's file (training reads
 * every closed deal: tens of milliseconds at 10,000 deals, more than a frame). */
void
crm_win_predictor_train_async (CrmStore *store,
                               gint64 pipeline_id,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
CrmWinPredictor *
crm_win_predictor_train_finish (GAsyncResult *result, GError **error);
/* The same from rows already read (for tests and tools). */
CrmWinPredictor *
crm_win_predictor_new_from_history (const CrmWinHistory *history);
void
crm_win_predictor_free (CrmWinPredictor *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmWinPredictor, crm_win_predictor_free)

/* How many closed deals it learnt from, and how many of them were won. */
guint
crm_win_predictor_get_n_closed (CrmWinPredictor *self);
guint
crm_win_predictor_get_n_won (CrmWinPredictor *self);
/* Whether it has the CRM_WIN_PREDICTOR_MIN_CLOSED closed deals it needs. */
gboolean
crm_win_predictor_has_enough_history (CrmWinPredictor *self);

/* The probability (0 to 1) that a deal with @features is won. FALSE with
 * CRM_WIN_PREDICTOR_ERROR_NOT_ENOUGH_HISTORY below the minimum of closed deals. */
gboolean
crm_win_predictor_predict (CrmWinPredictor *self,
                           const CrmWinFeatures *features,
                           double *probability,
                           GError **error);
/* The same for stored deal @deal_id, its features read from @store. */
gboolean
crm_win_predictor_predict_deal (
    CrmWinPredictor *self, CrmStore *store, gint64 deal_id, double *probability, GError **error);

G_END_DECLS
