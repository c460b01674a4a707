/* bench-kpi.c — every KPI of a year, with the previous year and the monthly chart series, over
 * a database seeded by `rapport-cli seed --contacts 100000 --deals 100000 --activities 1000000`
 * (the seeding is timed too). Goal: the median of the runs under 200 ms; the benchmark fails
 * when it is missed.
 *
 * Seeding takes minutes, so the seeded file is kept in the folder given as the first argument
 * (the build tree), named after everything that shapes it: the counts, seed, date, version and
 * schema. A file of another name is never reused; delete the folder to seed again.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "crm-kpi.h"
#include "crm-store-kpi.h"
#include "crm-test-util.h"

#define N_CONTACTS "100000"
#define N_DEALS "100000"
#define N_ACTIVITIES "1000000"
#define SEED "1"
#define SEED_DATE "2025-01-01"
#define N_RUNS 7
#define GOAL_MS 200.0

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

/* Seeds the cached database with rapport-cli unless it is there; returns its path. */
static char *
seeded_database (const char *cache_folder)
{
  g_autofree char *name
      = g_strdup_printf ("kpi-contacts-" N_CONTACTS "-deals-" N_DEALS "-activities-" N_ACTIVITIES
                         "-seed-" SEED "-" SEED_DATE "-v%s-schema%d.db",
                         PACKAGE_VERSION, CRM_STORE_SCHEMA_VERSION);
  g_autofree char *path = g_build_filename (cache_folder, name, NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr (GSubprocess) seeder = NULL;
  g_autoptr (GError) error = NULL;
  const char *program = g_getenv ("RAPPORT_CLI");
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_print ("seed: reusing %s\n", path);
      return g_steal_pointer (&path);
    }
  g_assert_nonnull (program);
  g_assert_cmpint (g_mkdir_with_parents (cache_folder, 0700), ==, 0);
  crm_test_remove_database (partial);

  /* Written under another name and renamed when complete: an interrupted run leaves no cache. */
  start = g_get_monotonic_time ();
  seeder
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, program, "--database", partial,
                          "seed", "--contacts", N_CONTACTS, "--deals", N_DEALS, "--activities",
                          N_ACTIVITIES, "--seed", SEED, "--date", SEED_DATE, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (seeder, NULL, &error);
  g_assert_no_error (error);
  g_print ("seed: %s contacts, %s deals, %s activities in %.1f s (rapport-cli seed)\n", N_CONTACTS,
           N_DEALS, N_ACTIVITIES, elapsed_ms (start) / 1000.0);

  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    /* The last connection to close folds the log into the file. */
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (g_rename (partial, path), ==, 0);
  return g_steal_pointer (&path);
}

/* The parts of a computation, one store query each, timed alone (median of N_RUNS). */
static void
time_parts (CrmStore *store, gint64 from, gint64 to)
{
  g_autoptr (GArray) months = crm_kpi_month_bounds (from, to);
  const gint64 forecast[] = { -((gint64) 1 << 62), to, to + 183 * 86400, (gint64) 1 << 62 };
  const char *names[] = { "closed deals by month",
                          "open pipeline at the end",
                          "stage entries",
                          "stage stays",
                          "new leads by month",
                          "churn",
                          "new customers",
                          "feedback by month",
                          "lifetime value",
                          "lost reasons",
                          "spend" };
  double ms[G_N_ELEMENTS (names)][N_RUNS];

  for (guint run = 0; run < N_RUNS; run++)
    for (guint part = 0; part < G_N_ELEMENTS (names); part++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GArray) rows = NULL;
        g_autoptr (GPtrArray) records = NULL;
        guint a, b;
        gint64 start = g_get_monotonic_time ();
        const gint64 *bounds = (const gint64 *) months->data;

        switch (part)
          {
            case 0:
              rows = crm_store_kpi_closed_deals (store, 0, bounds, months->len, &error);
              break;
            case 1:
              rows = crm_store_kpi_open_deals (store, 0, to, forecast, 4, &error);
              break;
            case 2:
              rows = crm_store_kpi_stage_entries (store, 0, from, to, &error);
              break;
            case 3:
              rows = crm_store_kpi_stage_stays (store, 0, from, to, &error);
              break;
            case 4:
              rows = crm_store_kpi_new_leads (store, bounds, months->len, &error);
              break;
            case 5:
              crm_store_kpi_churn (store, from, to, &a, &b, &error);
              break;
            case 6:
              crm_store_kpi_new_customers (store, from, to, &a, &error);
              break;
            case 7:
              rows = crm_store_kpi_feedback (store, bounds, months->len, &error);
              break;
            case 8:
              rows = crm_store_kpi_won_revenue (store, 0, to, &error);
              break;
            case 9:
              rows = crm_store_kpi_lost_reasons (store, 0, from, to, &error);
              break;
            default:
              records = crm_store_kpi_acquisition_spend (store, from, to, &error);
              break;
          }
        g_assert_no_error (error);
        ms[part][run] = elapsed_ms (start);
      }
  for (guint part = 0; part < G_N_ELEMENTS (names); part++)
    g_print ("  %-26s median %7.2f ms\n", names[part], median (ms[part], N_RUNS));
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) start_day = NULL;
  g_autoptr (GDateTime) end_day = NULL;
  CrmKpiOptions options;
  double ms[N_RUNS], kpis_only_ms[N_RUNS], result;

  if (argc < 2)
    {
      g_printerr ("usage: %s CACHE-FOLDER\n", argv[0]);
      return 2;
    }
  /* The year before the seed's date, in whole UTC days. */
  g_setenv ("TZ", "UTC", TRUE);
  path = seeded_database (argv[1]);
  store = crm_store_open (path, &error);
  g_assert_no_error (error);

  start_day = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  end_day = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
  crm_kpi_options_init (&options, g_date_time_to_unix (start_day), g_date_time_to_unix (end_day));
  options.now = options.to;

  for (int run = -1; run < N_RUNS; run++)
    {
      g_autoptr (CrmKpiReport) report = NULL;
      g_autoptr (CrmKpiReport) kpis_only = NULL;
      gint64 start = g_get_monotonic_time ();

      options.flags = CRM_KPI_WITH_PREVIOUS | CRM_KPI_WITH_SERIES;
      report = crm_kpi_compute (store, &options, &error);
      g_assert_no_error (error);
      if (run >= 0)
        ms[run] = elapsed_ms (start);

      start = g_get_monotonic_time ();
      options.flags = 0;
      kpis_only = crm_kpi_compute (store, &options, &error);
      g_assert_no_error (error);
      if (run >= 0)
        kpis_only_ms[run] = elapsed_ms (start);

      if (run == -1)
        g_print ("year 2024: %u won, %u lost, %u open, %u new leads, win rate %.3f, "
                 "cycle %.1f days\n",
                 report->current->n_won, report->current->n_lost, report->current->n_open_deals,
                 report->current->n_new_leads, report->current->win_rate,
                 report->current->sales_cycle_days);
    }

  g_print ("the year alone: median %.1f ms\n", median (kpis_only_ms, N_RUNS));
  g_print ("parts of the year alone:\n");
  time_parts (store, options.from, options.to);
  result = median (ms, N_RUNS);
  g_print ("all KPIs of the year, the previous year and the monthly series: median %.1f ms, "
           "slowest %.1f ms (goal < %.0f ms): %s\n",
           result, ms[N_RUNS - 1], GOAL_MS, result < GOAL_MS ? "met" : "MISSED");
  return result < GOAL_MS ? 0 : 1;
}
