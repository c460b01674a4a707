/* bench-move.c — one deal move through the store and the models, as the board makes it: a
 * database with 10,000 open deals, a CrmDealListModel per stage listening, and 2,000 moves to
 * random stages and places. Prints the median and 95th percentile time of a move (the store
 * write, the change signal and every model's items-changed) and the SQL statements written per
 * move. Goals (issue 3): median < 2 ms, at most 3 statements written per move. */
#include <glib/gstdio.h>

#include "crm-deal-list-model.h"
#include "crm-test-util.h"

#define N_DEALS 10000
#define N_MOVES 2000

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
  g_autofree char *folder = g_dir_make_tmp ("rapport-bench-move-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (CrmRepository) repository = NULL;
  g_autoptr (GArray) stages = NULL;
  g_autoptr (GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) deal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  double *times = g_new (double, N_MOVES);
  guint64 writes_before;
  const guint n_open_stages = 5;

  g_assert_no_error (error);
  path = g_build_filename (folder, "bench.db", NULL);
  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  stages = crm_test_list_default_stage_ids (store);

  g_assert_true (crm_store_begin_bulk (store, &error));
  for (guint i = 0; i < N_DEALS; i++)
    {
      g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
      deal->title = g_strdup_printf ("Deal %u", i);
      deal->currency = g_strdup ("EUR");
      deal->value_minor = 100000 + i;
      deal->stage_id = g_array_index (stages, gint64, i % n_open_stages);
      g_assert_true (crm_store_insert_deal (store, deal, &error));
      g_array_append_val (deal_ids, deal->id);
    }
  g_assert_true (crm_store_commit (store, &error));

  repository = crm_repository_new (store);
  for (guint i = 0; i < stages->len; i++)
    g_ptr_array_add (models,
                     crm_deal_list_model_new (repository, g_array_index (stages, gint64, i)));

  writes_before = crm_store_get_n_write_statements (store);
  for (guint i = 0; i < N_MOVES; i++)
    {
      gint64 deal_id = g_array_index (deal_ids, gint64, g_rand_int_range (rand, 0, N_DEALS));
      gint64 stage_id = g_array_index (stages, gint64, g_rand_int_range (rand, 0, n_open_stages));
      int position = g_rand_int_range (rand, 0, N_DEALS / n_open_stages);
      gint64 start = g_get_monotonic_time ();

      g_assert_true (crm_store_move_deal (store, deal_id, stage_id, position, &error));
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, N_MOVES, sizeof (double), compare_doubles);
  {
    double median = times[N_MOVES / 2];
    double p95 = times[N_MOVES * 95 / 100];
    double writes = (double) (crm_store_get_n_write_statements (store) - writes_before) / N_MOVES;

    g_print ("move: %d moves over %d open deals with %u stage models listening\n", N_MOVES, N_DEALS,
             stages->len);
    g_print ("move: median %.3f ms, p95 %.3f ms (goal median < 2 ms: %s)\n", median, p95,
             median < 2.0 ? "met" : "MISSED");
    g_print ("move: %.2f SQL statements written per move (goal <= 3: %s)\n", writes,
             writes <= 3.0 ? "met" : "MISSED");
  }

  g_free (times);
  g_clear_pointer (&models, g_ptr_array_unref);
  g_clear_object (&repository);
  g_clear_object (&store);
  crm_test_remove_tree (folder);
  return 0;
}
