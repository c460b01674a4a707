/* test-win-predictor.c — the predicted win probability: naive Bayes over this database's
 * closed deals, checked against probabilities worked out by hand below, also for one deal as it
 * advances (it must rise); "not enough history" under 20 closed deals; features read from the
 * real stage history. */
#include <string.h>

#include "crm-test-util.h"
#include "crm-win-predictor.h"

#define PAST ((gint64) 1700000000)
#define DAY ((gint64) 86400)

/* ---- The history -------------------------------------------------------------------------
 *
 * The default pipeline: open stages Initial contact (I), Qualification (Q), Needs assessment
 * (N), Proposal (P), Negotiation (G); then Won (W) and Lost (L). A deal's path is the stages it
 * entered in order: it is created in the first. Sources: R = Referral, S = Website, - = none.
 * Values in minor units of EUR (two digits) unless said otherwise.
 *
 * 24 closed deals, 14 won and 10 lost:
 *
 *  won  source path     value (EUR)  activities   band         furthest
 *   1   R      IQNPGW       500.00   0 (+1 after  <1k   0      G
 *                                      the close)
 *   2   R      IQNPGW       500.00   1            <1k   1–2    G
 *   3   R      IQNPGW     5,000.00   2            1k    1–2    G
 *   4   R      IQNPGW     5,000.00   2            1k    1–2    G
 *   5   R      IQNPGW     5,000.00   3            1k    3–5    G
 *   6   R      IQNPGW     5,000.00   4            1k    3–5    G
 *   7   R      IQNPGW     5,000.00   5            1k    3–5    G
 *   8   R      IQNPGW     5,000.00   3            1k    3–5    G
 *   9   S      IQNPGW     5,000.00   4            1k    3–5    G
 *  10   S      IPW        5,000.00   5            1k    3–5    P
 *  11   S      IPW       50,000.00   6            10k   6+     P
 *  12   S      INPW      50,000.00   7            10k   6+     P
 *  13   -      IPW       50,000.00   6            10k   6+     P
 *  14   -      INW      200,000.00   8            100k  6+     N
 *
 *  lost source path     value (EUR)  activities   band         furthest
 *   1   R      IGQL         100.00   0            <1k   0      G (moved back: highest counts)
 *   2   R      IQNPL        200.00   0            <1k   0      P
 *   3   S      IPL          999.99   0            <1k   0      P (reached Proposal, then Lost)
 *   4   S      IQPL         300.00   0            <1k   0      P
 *   5   S      INL        1,000.00   1            1k    1–2    N
 *   6   S      INL        2,000.00   2            1k    1–2    N
 *   7   S      IQL        9,999.00   1            1k    1–2    Q
 *   8   -      IQL       10,000.00   3            10k   3–5    Q
 *   9   -      IQL       99,999.00   5            10k   3–5    Q
 *  10   -      IL       100,000.00   6            100k  6+     I
 *
 * Counts per class:
 *   source     won: R 8, S 4, - 2          lost: R 2, S 5, - 3
 *   furthest   won: G 9, P 4, N 1          lost: G 1, P 3, N 2, Q 3, I 1
 *   value      won: <1k 2, 1k 8, 10k 3, 100k 1   lost: <1k 4, 1k 3, 10k 2, 100k 1
 *   activity   won: 0 1, 1–2 3, 3–5 6, 6+ 4      lost: 0 4, 1–2 3, 3–5 2, 6+ 1
 *
 * The stage feature is "reached at least S": the deals whose furthest stage is S or later. With
 * positions I 0, Q 1, N 2, P 3, G 4, summing the furthest counts from G down:
 *   reached ≥   G    P        N          Q            I
 *   won         9    9+4=13   13+1=14    14+0=14      14+0=14
 *   lost        1    1+3=4    4+2=6      6+3=9        9+1=10
 *
 * Values per feature (the k of the add-one smoothing): sources 7 lead sources + none = 8;
 * reached-at-least-S yes or no = 2; value bands 4; activity bands 4. So the denominators are
 * n(class) + k:
 *   won  (14): source 22, stage 16, value 18, activity 18
 *   lost (10): source 18, stage 12, value 14, activity 14
 * and the smoothed stage conditionals P(reached ≥ S | class) = (count + 1) / (n(class) + 2):
 *   S       I       Q       N       P       G
 *   won     15/16   15/16   15/16   14/16   10/16
 *   lost    11/12   10/12   7/12    5/12    2/12
 * Priors: P(won) = 14/24, P(lost) = 10/24. Below, 24·22·16·18·18 = 2737152 = 2^10·3^5·11 and
 * 24·18·12·14·14 = 1016064 = 2^8·3^4·7^2.
 *
 * Open deal 1: R, path IQP (reached ≥ P), 5,000.00 EUR (1k), 4 activities (3–5).
 *   won:  14/24 · (8+1)/22 · (13+1)/16 · (8+1)/18 · (6+1)/18
 *       = 14/24 · 9/22 · 14/16 · 9/18 · 7/18 = 111132/2737152 = (2^2·3^4·7^3)/(2^10·3^5·11)
 *       = 343/8448 ≈ 0.0406013258
 *   lost: 10/24 · (2+1)/18 · (4+1)/12 · (3+1)/14 · (2+1)/14
 *       = 10/24 · 3/18 · 5/12 · 4/14 · 3/14 = 1800/1016064 = (2^3·3^2·5^2)/(2^8·3^4·7^2)
 *       = 25/14112 ≈ 0.0017715420
 *   Over 2^8·3^2·7^2·11 = 1241856: won 343·147 = 50421, lost 25·88 = 2200;
 *   P(won) = 50421 / (50421 + 2200) = 50421/52621 ≈ 0.958191596510899
 *
 * Open deal 2: S, path IQ (reached ≥ Q), 500.00 EUR (<1k), no activity (0).
 *   won:  14/24 · (4+1)/22 · (14+1)/16 · (2+1)/18 · (1+1)/18
 *       = 14/24 · 5/22 · 15/16 · 3/18 · 2/18 = 6300/2737152 = (2^2·3^2·5^2·7)/(2^10·3^5·11)
 *       = 175/76032 ≈ 0.0023016625
 *   lost: 10/24 · (5+1)/18 · (9+1)/12 · (4+1)/14 · (4+1)/14
 *       = 10/24 · 6/18 · 10/12 · 5/14 · 5/14 = 15000/1016064 = (2^3·3·5^4)/(2^8·3^4·7^2)
 *       = 625/42336 ≈ 0.0147628496
 *   Over 2^8·3^3·7^2·11 = 3725568: won 175·49 = 8575, lost 625·88 = 55000;
 *   P(won) = 8575 / (8575 + 55000) = 8575/63575 = 343/2543 ≈ 0.134880062917814
 *
 * Open deal 3: none, path IGN (reached ≥ G, though it is back in N), 150,000 JPY (zero-digit
 * currency: 150,000 major units, 100k band), 7 activities (6+).
 *   won:  14/24 · (2+1)/22 · (9+1)/16 · (1+1)/18 · (4+1)/18
 *       = 14/24 · 3/22 · 10/16 · 2/18 · 5/18 = 4200/2737152 = (2^3·3·5^2·7)/(2^10·3^5·11)
 *       = 175/114048 ≈ 0.0015344416
 *   lost: 10/24 · (3+1)/18 · (1+1)/12 · (1+1)/14 · (1+1)/14
 *       = 10/24 · 4/18 · 2/12 · 2/14 · 2/14 = 320/1016064 = (2^6·5)/(2^8·3^4·7^2)
 *       = 5/15876 ≈ 0.0003149408
 *   Over 2^7·3^4·7^2·11 = 5588352: won 175·49 = 8575, lost 5·352 = 1760;
 *   P(won) = 8575 / (8575 + 1760) = 8575/10335 = 1715/2067 ≈ 0.829704886308660
 *
 * Open deal 2 as it advances, all else equal: only the stage conditional changes. The odds
 * won : lost are (14/24 · 5/22 · 3/18 · 2/18) / (10/24 · 6/18 · 5/14 · 5/14)
 * = (420/171072) / (1500/84672) = 420/1500 · 84672/171072 = 7/25 · 49/99 = 343/2475, times the
 * stage's (a/16) / (b/12) = 3a / 4b:
 *   I  3·15 / 4·11 = 45/44   odds 343·45 / (2475·44) = 343/2420  P = 343/2763   ≈ 0.1241404
 *   Q  3·15 / 4·10 = 9/8     odds 343·9 / (2475·8)   = 343/2200  P = 343/2543   ≈ 0.1348801
 *   N  3·15 / 4·7  = 45/28   odds 343·45 / (2475·28) = 49/220    P = 49/269     ≈ 0.1821561
 *   P  3·14 / 4·5  = 21/10   odds 343·21 / 24750     = 2401/8250 P = 2401/10651 ≈ 0.2254248
 *   G  3·10 / 4·2  = 15/4    odds 343·15 / 9900      = 343/660   P = 343/1003   ≈ 0.3419741
 * It rises at every step: of the deals that reached a stage, more of the lost than of the won
 * ones stopped there. (With "furthest stage = S", deals that stopped at S, this deal read lower
 * at Qualification than at Initial contact.)
 */

typedef struct
{
  char source;      /* 'R', 'S' or '-' */
  const char *path; /* stage letters, see above */
  gint64 value_minor;
  const char *currency;
  guint n_activities;
} PlannedDeal;

static const PlannedDeal won_deals[] = {
  { 'R', "IQNPGW", 50000, "EUR", 0 },  { 'R', "IQNPGW", 50000, "EUR", 1 },
  { 'R', "IQNPGW", 500000, "EUR", 2 }, { 'R', "IQNPGW", 500000, "EUR", 2 },
  { 'R', "IQNPGW", 500000, "EUR", 3 }, { 'R', "IQNPGW", 500000, "EUR", 4 },
  { 'R', "IQNPGW", 500000, "EUR", 5 }, { 'R', "IQNPGW", 500000, "EUR", 3 },
  { 'S', "IQNPGW", 500000, "EUR", 4 }, { 'S', "IPW", 500000, "EUR", 5 },
  { 'S', "IPW", 5000000, "EUR", 6 },   { 'S', "INPW", 5000000, "EUR", 7 },
  { '-', "IPW", 5000000, "EUR", 6 },   { '-', "INW", 20000000, "EUR", 8 },
};

static const PlannedDeal lost_deals[] = {
  { 'R', "IGQL", 10000, "EUR", 0 },  { 'R', "IQNPL", 20000, "EUR", 0 },
  { 'S', "IPL", 99999, "EUR", 0 },   { 'S', "IQPL", 30000, "EUR", 0 },
  { 'S', "INL", 100000, "EUR", 1 },  { 'S', "INL", 200000, "EUR", 2 },
  { 'S', "IQL", 999900, "EUR", 1 },  { '-', "IQL", 1000000, "EUR", 3 },
  { '-', "IQL", 9999900, "EUR", 5 }, { '-', "IL", 10000000, "EUR", 6 },
};

static const PlannedDeal open_deals[] = {
  { 'R', "IQP", 500000, "EUR", 4 },
  { 'S', "IQ", 50000, "EUR", 0 },
  { '-', "IGN", 150000, "JPY", 7 },
};

static const double expected_probabilities[] = {
  50421.0 / 52621.0,
  343.0 / 2543.0,
  1715.0 / 2067.0,
};

/* Open deal 2 reaching at least I, Q, N, P, G. */
static const double expected_as_deal_2_advances[] = {
  343.0 / 2763.0, 343.0 / 2543.0, 49.0 / 269.0, 2401.0 / 10651.0, 343.0 / 1003.0,
};

typedef struct
{
  char *folder;
  CrmStore *store;
  GArray *stage_ids;
  gint64 referral_id, website_id;
  gint64 won_ids[G_N_ELEMENTS (won_deals)];
  gint64 lost_ids[G_N_ELEMENTS (lost_deals)];
  gint64 open_ids[G_N_ELEMENTS (open_deals)];
} Fixture;

static gint64
stage_for (Fixture *fixture, char letter)
{
  const char *letters = "IQNPGWL";
  const char *at = strchr (letters, letter);

  g_assert_nonnull (at);
  return g_array_index (fixture->stage_ids, gint64, at - letters);
}

/* Creates the deal (with a contact of its source) in the first stage of its path, walks it
 * through the rest a day apart, and logs its activities before its last move; a closed deal
 * also gets one activity after its close, which must not count. */
static gint64
plant_deal (Fixture *fixture, const PlannedDeal *planned, guint index)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;
  gint64 start = PAST + index * 30 * DAY;
  gsize n_steps = strlen (planned->path);
  char last = planned->path[n_steps - 1];
  gboolean closed = last == 'W' || last == 'L';

  contact->name = g_strdup_printf ("Buyer %u", index);
  contact->source_id = planned->source == 'R'   ? fixture->referral_id
                       : planned->source == 'S' ? fixture->website_id
                                                : 0;
  contact->captured_at = contact->created_at = contact->updated_at = start;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);

  deal->title = g_strdup_printf ("Deal %u", index);
  deal->contact_id = contact->id;
  deal->value_minor = planned->value_minor;
  deal->currency = g_strdup (planned->currency);
  deal->stage_id = stage_for (fixture, planned->path[0]);
  deal->created_at = deal->updated_at = deal->stage_entered_at = start;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < planned->n_activities; i++)
    {
      g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

      activity->kind = CRM_ACTIVITY_CALL;
      activity->subject = g_strdup ("Call");
      activity->contact_id = contact->id;
      activity->deal_id = deal->id;
      activity->occurred_at = start + 3600 * (i + 1);
      g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
      g_assert_no_error (error);
    }
  for (gsize step = 1; step < n_steps; step++)
    {
      g_assert_true (crm_store_move_deal_at (fixture->store, deal->id,
                                             stage_for (fixture, planned->path[step]), -1,
                                             start + (gint64) step * DAY, &error));
      g_assert_no_error (error);
    }
  if (closed)
    {
      g_autoptr (CrmActivityRecord) onboarding = crm_activity_record_new ();

      onboarding->kind = CRM_ACTIVITY_TASK;
      onboarding->subject = g_strdup ("Onboarding");
      onboarding->deal_id = deal->id;
      onboarding->occurred_at = start + (gint64) n_steps * DAY;
      g_assert_true (crm_store_insert_activity (fixture->store, onboarding, &error));
      g_assert_no_error (error);
    }
  return deal->id;
}

static gint64
source_named (CrmStore *store, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sources = crm_store_list_lead_sources (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 7);
  for (guint i = 0; i < sources->len; i++)
    if (g_strcmp0 (((CrmLeadSourceRecord *) sources->pdata[i])->name, name) == 0)
      return ((CrmLeadSourceRecord *) sources->pdata[i])->id;
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  guint index = 0;

  fixture->folder = g_dir_make_tmp ("rapport-predictor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->stage_ids = crm_test_list_default_stage_ids (fixture->store);
  g_assert_cmpuint (fixture->stage_ids->len, ==, 7);
  fixture->referral_id = source_named (fixture->store, "Referral");
  fixture->website_id = source_named (fixture->store, "Website");

  for (guint i = 0; i < G_N_ELEMENTS (won_deals); i++)
    fixture->won_ids[i] = plant_deal (fixture, &won_deals[i], index++);
  for (guint i = 0; i < G_N_ELEMENTS (lost_deals); i++)
    fixture->lost_ids[i] = plant_deal (fixture, &lost_deals[i], index++);
  for (guint i = 0; i < G_N_ELEMENTS (open_deals); i++)
    fixture->open_ids[i] = plant_deal (fixture, &open_deals[i], index++);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_array_unref (fixture->stage_ids);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* ---- Tests -------------------------------------------------------------------------------- */

static void
test_probabilities_by_hand (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmWinPredictor) predictor = NULL;
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (fixture->store, &error);

  g_assert_no_error (error);
  predictor = crm_win_predictor_train (fixture->store,
                                       ((CrmPipelineRecord *) pipelines->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_win_predictor_get_n_closed (predictor), ==, 24);
  g_assert_cmpuint (crm_win_predictor_get_n_won (predictor), ==, 14);
  g_assert_true (crm_win_predictor_has_enough_history (predictor));

  for (guint i = 0; i < G_N_ELEMENTS (open_deals); i++)
    {
      double probability = -1;

      g_assert_true (crm_win_predictor_predict_deal (predictor, fixture->store,
                                                     fixture->open_ids[i], &probability, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (probability, expected_probabilities[i], 1e-9);
    }

  /* Trained over every pipeline: the same deals, the same answer. */
  g_clear_pointer (&predictor, crm_win_predictor_free);
  predictor = crm_win_predictor_train (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_win_predictor_get_n_closed (predictor), ==, 24);
}

static double
predict (CrmWinPredictor *predictor, const CrmWinFeatures *features)
{
  g_autoptr (GError) error = NULL;
  double probability = -1;

  g_assert_true (crm_win_predictor_predict (predictor, features, &probability, &error));
  g_assert_no_error (error);
  return probability;
}

/* All else equal, a deal that gets further is predicted higher: open deal 2 as if it had
 * reached each stage, then really moved on through the store, then moved back. */
static void
test_rises_as_deal_advances (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmWinPredictor) predictor = crm_win_predictor_train (fixture->store, 0, &error);
  const char *stages = "IQNPG";
  CrmDealFeatures deal;
  CrmWinFeatures features;
  double previous = 0;

  g_assert_no_error (error);
  g_assert_true (crm_store_get_deal_features (fixture->store, fixture->open_ids[1], &deal, &error));
  g_assert_no_error (error);
  crm_win_features_init (&features, &deal);
  g_assert_cmpint (features.furthest_stage_position, ==, 1);

  for (int position = 0; position < 5; position++)
    {
      double probability;

      features.furthest_stage_position = position;
      probability = predict (predictor, &features);
      g_assert_cmpfloat_with_epsilon (probability, expected_as_deal_2_advances[position], 1e-9);
      g_assert_cmpfloat (probability, >, previous);
      previous = probability;
    }

  /* The same through the stage history: Q, then N, P, G. */
  for (int position = 2; position < 5; position++)
    {
      double probability = -1;

      g_assert_true (crm_store_move_deal_at (fixture->store, fixture->open_ids[1],
                                             stage_for (fixture, stages[position]), -1,
                                             PAST + 400 * DAY + position * DAY, &error));
      g_assert_no_error (error);
      g_assert_true (crm_win_predictor_predict_deal (predictor, fixture->store,
                                                     fixture->open_ids[1], &probability, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (probability, expected_as_deal_2_advances[position], 1e-9);
    }

  /* Back to Qualification: it has still reached Negotiation. */
  g_assert_true (crm_store_move_deal_at (fixture->store, fixture->open_ids[1],
                                         stage_for (fixture, 'Q'), -1, PAST + 410 * DAY, &error));
  g_assert_no_error (error);
  g_assert_true (crm_store_get_deal_features (fixture->store, fixture->open_ids[1], &deal, &error));
  g_assert_no_error (error);
  crm_win_features_init (&features, &deal);
  g_assert_cmpfloat_with_epsilon (predict (predictor, &features), expected_as_deal_2_advances[4],
                                  1e-9);

  /* No open stage in its history at all (position -1): every closed deal reached at least
   * that, (14+1)/16 against (10+1)/12, the same as Initial contact. */
  features = (CrmWinFeatures){ .source_id = fixture->website_id,
                               .furthest_stage_position = -1,
                               .value_band = CRM_VALUE_BAND_UNDER_1K,
                               .activity_band = CRM_ACTIVITY_BAND_NONE };
  g_assert_cmpfloat_with_epsilon (predict (predictor, &features), expected_as_deal_2_advances[0],
                                  1e-9);
}

static void
on_trained (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CrmWinPredictor **predictor = user_data;
  g_autoptr (GError) error = NULL;

  *predictor = crm_win_predictor_train_finish (result, &error);
  g_assert_no_error (error);
}

/* Trained in a thread on a connection of its own: the same numbers. */
static void
test_train_in_thread (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmWinPredictor) predictor = NULL;
  double probability = -1;

  crm_win_predictor_train_async (fixture->store, 0, NULL, on_trained, &predictor);
  while (predictor == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (crm_win_predictor_get_n_closed (predictor), ==, 24);
  g_assert_true (crm_win_predictor_predict_deal (predictor, fixture->store, fixture->open_ids[2],
                                                 &probability, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (probability, expected_probabilities[2], 1e-9);
}

static void
test_features_from_history (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CrmDealFeatures features;
  CrmWinFeatures win;

  /* Reached Proposal (skipping the stages between), then lost: furthest is Proposal. */
  g_assert_true (
      crm_store_get_deal_features (fixture->store, fixture->lost_ids[2], &features, &error));
  g_assert_no_error (error);
  g_assert_cmpint (features.outcome, ==, CRM_STAGE_KIND_LOST);
  g_assert_cmpint (features.furthest_stage_id, ==, stage_for (fixture, 'P'));
  g_assert_cmpint (features.furthest_stage_position, ==, 3);
  g_assert_cmpint (features.source_id, ==, fixture->website_id);
  crm_win_features_init (&win, &features);
  g_assert_cmpint (win.value_band, ==, CRM_VALUE_BAND_UNDER_1K);

  /* Up to Negotiation, back to Qualification, then lost: the highest stage counts. */
  g_assert_true (
      crm_store_get_deal_features (fixture->store, fixture->lost_ids[0], &features, &error));
  g_assert_no_error (error);
  g_assert_cmpint (features.furthest_stage_id, ==, stage_for (fixture, 'G'));

  /* Won with no activity before the close; the onboarding task after it does not count. */
  g_assert_true (
      crm_store_get_deal_features (fixture->store, fixture->won_ids[0], &features, &error));
  g_assert_no_error (error);
  g_assert_cmpint (features.outcome, ==, CRM_STAGE_KIND_WON);
  g_assert_cmpuint (features.n_activities, ==, 0);

  /* An open deal: back in Needs assessment, furthest Negotiation; 150,000 yen is the top band. */
  g_assert_true (
      crm_store_get_deal_features (fixture->store, fixture->open_ids[2], &features, &error));
  g_assert_no_error (error);
  g_assert_cmpint (features.outcome, ==, CRM_STAGE_KIND_OPEN);
  g_assert_cmpint (features.furthest_stage_id, ==, stage_for (fixture, 'G'));
  g_assert_cmpint (features.source_id, ==, 0);
  g_assert_cmpuint (features.n_activities, ==, 7);
  crm_win_features_init (&win, &features);
  g_assert_cmpint (win.value_band, ==, CRM_VALUE_BAND_100K_OR_MORE);
  g_assert_cmpint (win.activity_band, ==, CRM_ACTIVITY_BAND_6_OR_MORE);

  g_assert_false (crm_store_get_deal_features (fixture->store, 99999, &features, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_bands (void)
{
  g_assert_cmpint (crm_value_band_for (99999, "EUR"), ==, CRM_VALUE_BAND_UNDER_1K);
  g_assert_cmpint (crm_value_band_for (100000, "EUR"), ==, CRM_VALUE_BAND_UNDER_10K);
  g_assert_cmpint (crm_value_band_for (999999, "USD"), ==, CRM_VALUE_BAND_UNDER_10K);
  g_assert_cmpint (crm_value_band_for (1000000, "USD"), ==, CRM_VALUE_BAND_UNDER_100K);
  g_assert_cmpint (crm_value_band_for (10000000, "GBP"), ==, CRM_VALUE_BAND_100K_OR_MORE);
  g_assert_cmpint (crm_value_band_for (999, "JPY"), ==, CRM_VALUE_BAND_UNDER_1K);
  g_assert_cmpint (crm_value_band_for (1000, "JPY"), ==, CRM_VALUE_BAND_UNDER_10K);
  g_assert_cmpint (crm_value_band_for (999999, "KWD"), ==, CRM_VALUE_BAND_UNDER_1K);
  g_assert_cmpint (crm_value_band_for (1000000, "KWD"), ==, CRM_VALUE_BAND_UNDER_10K);
  g_assert_cmpint (crm_value_band_for (0, "EUR"), ==, CRM_VALUE_BAND_UNDER_1K);

  g_assert_cmpint (crm_activity_band_for (0), ==, CRM_ACTIVITY_BAND_NONE);
  g_assert_cmpint (crm_activity_band_for (1), ==, CRM_ACTIVITY_BAND_1_TO_2);
  g_assert_cmpint (crm_activity_band_for (2), ==, CRM_ACTIVITY_BAND_1_TO_2);
  g_assert_cmpint (crm_activity_band_for (3), ==, CRM_ACTIVITY_BAND_3_TO_5);
  g_assert_cmpint (crm_activity_band_for (5), ==, CRM_ACTIVITY_BAND_3_TO_5);
  g_assert_cmpint (crm_activity_band_for (6), ==, CRM_ACTIVITY_BAND_6_OR_MORE);
  g_assert_cmpint (crm_activity_band_for (40), ==, CRM_ACTIVITY_BAND_6_OR_MORE);
}

/* Seven closed deals: no number, but the reason, with the counts. */
static void
test_not_enough_history (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("rapport-predictor-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "rapport.db", NULL);
  g_autoptr (CrmWinPredictor) predictor = NULL;
  Fixture fixture = { 0 };
  double probability = -1;

  g_assert_no_error (error);
  fixture.store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture.stage_ids = crm_test_list_default_stage_ids (fixture.store);
  fixture.referral_id = source_named (fixture.store, "Referral");
  fixture.website_id = source_named (fixture.store, "Website");
  for (guint i = 0; i < 7; i++)
    plant_deal (&fixture, &won_deals[i], i);
  fixture.open_ids[0] = plant_deal (&fixture, &open_deals[0], 7);

  predictor = crm_win_predictor_train (fixture.store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_win_predictor_get_n_closed (predictor), ==, 7);
  g_assert_false (crm_win_predictor_has_enough_history (predictor));
  g_assert_false (crm_win_predictor_predict_deal (predictor, fixture.store, fixture.open_ids[0],
                                                  &probability, &error));
  g_assert_error (error, CRM_WIN_PREDICTOR_ERROR, CRM_WIN_PREDICTOR_ERROR_NOT_ENOUGH_HISTORY);
  g_assert_nonnull (strstr (error->message, "7 closed deals"));
  g_assert_nonnull (strstr (error->message, "20 needed"));
  g_assert_cmpfloat (probability, ==, -1);

  g_clear_object (&fixture.store);
  g_array_unref (fixture.stage_ids);
  crm_test_remove_tree (folder);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/win-predictor/probabilities-worked-by-hand", test_probabilities_by_hand);
  TEST_F ("/win-predictor/rises-as-deal-advances", test_rises_as_deal_advances);
  TEST_F ("/win-predictor/features-from-stage-history", test_features_from_history);
  TEST_F ("/win-predictor/train-in-thread", test_train_in_thread);
  g_test_add_func ("/win-predictor/bands", test_bands);
  g_test_add_func ("/win-predictor/not-enough-history", test_not_enough_history);
  return g_test_run ();
}
