/* bench-win-predictor.c — training the predicted win probability on a database with 10,000
 * deals (seeded: stage histories, 30,000 activities): the median and slowest of 20 trainings
 * (one query and the counting), and the median of a prediction for one open deal. Goal: a
 * training well under the 100 ms a deal editor may spend opening, so it can train once per
 * open. */
#include <glib/gstdio.h>

#include "crm-seed.h"
#include "crm-test-util.h"
#include "crm-win-predictor.h"

#define N_DEALS 10000
#define N_RUNS 20
#define GOAL_MS 100.0

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("rapport-bench-predictor-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (CrmStore) store = NULL;
  CrmSeedOptions options;
  double train_ms[N_RUNS], predict_ms[N_RUNS];
  guint n_closed = 0;
  gint64 open_deal_id = 0;
  CrmWinHistory history;

  g_assert_no_error (error);
  path = g_build_filename (folder, "bench.db", NULL);
  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  crm_seed_options_init (&options);
  options.n_contacts = 10000;
  options.n_deals = N_DEALS;
  options.n_activities = 30000;
  g_assert_true (crm_seed_database (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);

  /* An open deal to predict: the store's feature query over every deal finds one. */
  g_assert_true (crm_store_read_win_history (store, 0, &history, &error));
  g_assert_no_error (error);
  crm_win_history_clear (&history);
  for (gint64 id = 1; open_deal_id == 0 && id <= N_DEALS; id++)
    {
      CrmDealFeatures features;
      if (crm_store_get_deal_features (store, id, &features, NULL)
          && features.outcome == CRM_STAGE_KIND_OPEN)
        open_deal_id = id;
    }
  g_assert_cmpint (open_deal_id, >, 0);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (CrmWinPredictor) predictor = NULL;
      double probability = 0;
      gint64 start = g_get_monotonic_time ();

      predictor = crm_win_predictor_train (store, 0, &error);
      g_assert_no_error (error);
      train_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      n_closed = crm_win_predictor_get_n_closed (predictor);

      start = g_get_monotonic_time ();
      g_assert_true (
          crm_win_predictor_predict_deal (predictor, store, open_deal_id, &probability, &error));
      predict_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (train_ms, N_RUNS, sizeof (double), compare_doubles);
  qsort (predict_ms, N_RUNS, sizeof (double), compare_doubles);

  g_print ("deals: %u, closed: %u\n", N_DEALS, n_closed);
  g_print ("training: median %.2f ms, slowest %.2f ms (goal < %.0f ms): %s\n", train_ms[N_RUNS / 2],
           train_ms[N_RUNS - 1], GOAL_MS, train_ms[N_RUNS / 2] < GOAL_MS ? "met" : "MISSED");
  g_print ("prediction of one deal: median %.3f ms\n", predict_ms[N_RUNS / 2]);

  g_clear_object (&store);
  crm_test_remove_tree (folder);
  return 0;
}
