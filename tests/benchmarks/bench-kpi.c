/* bench-kpi.c — every KPI of a year, with the previous year and the monthly chart series, over
 * a database seeded by `rapport-cli seed --contacts 100000 --deals 100000 --activities 1000000`
 * (the seeding is timed too). Goal: the median of the runs under 200 ms; the benchmark fails
 * when it is missed.
 *
 * Seeding takes minutes, so the seeded file is kept in the folder given as the first argument
 * (the build tree), named after everything that shapes it: the counts, seed, date, version,
 * schema and SEED_FORMAT. A file of another name is never reused; delete the folder (or raise
 * SEED_FORMAT when what the seeder writes changes) to seed again.
 *
 * Besides the total it prints where the time goes: each table read alone, loading the facts
 * (the reads and sorting), and the arithmetic of each period.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "crm-kpi-private.h"
#include "crm-store-kpi.h"
#include "crm-test-util.h"

#ifndef N_CONTACTS /* smaller sizes can be given at build time to try the benchmark out */
#define N_CONTACTS "100000"
#define N_DEALS "100000"
#define N_ACTIVITIES "1000000"
#endif
#define SEED "1"
#define SEED_DATE "2025-01-01"
/* Raise when the seeder writes something else for the same options. */
#define SEED_FORMAT 2 /* 2: short order keys for appended deals */
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
                         "-seed-" SEED "-" SEED_DATE "-v%s-schema%d-format%d.db",
                         PACKAGE_VERSION, CRM_STORE_SCHEMA_VERSION, SEED_FORMAT);
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

/* Where the time goes: each table read alone, then the facts loaded (read and sorted) and the
 * arithmetic of the periods over them (median of N_RUNS each). */
static void
time_parts (CrmStore *store, gint64 from, gint64 to)
{
  const char *names[] = { "read deals",
                          "read stage changes",
                          "read contacts",
                          "read lifecycle changes",
                          "read answers",
                          "read spend",
                          "load facts (all reads, sorted)",
                          "compute the year with series",
                          "compute the previous year" };
  double ms[G_N_ELEMENTS (names)][N_RUNS];
  g_autoptr (GArray) months = crm_kpi_month_bounds (from, to);
  gint64 previous[2];

  crm_kpi_previous_period (from, to, &previous[0], &previous[1]);
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CrmKpiFacts) facts = NULL;
      g_autoptr (GPtrArray) spend = NULL;
      CrmKpiSeries *series = g_new0 (CrmKpiSeries, 1);
      GArray *rows;
      gint64 start;

      for (guint part = 0; part < 5; part++)
        {
          start = g_get_monotonic_time ();
          rows = part == 0   ? crm_store_kpi_read_deals (store, &error)
                 : part == 1 ? crm_store_kpi_read_stage_changes (store, &error)
                 : part == 2 ? crm_store_kpi_read_contacts (store, &error)
                 : part == 3 ? crm_store_kpi_read_lifecycle_changes (store, &error)
                             : crm_store_kpi_read_answers (store, &error);
          g_assert_no_error (error);
          ms[part][run] = elapsed_ms (start);
          g_array_unref (rows);
        }
      start = g_get_monotonic_time ();
      spend = crm_store_kpi_acquisition_spend (store, previous[0], to, &error);
      g_assert_no_error (error);
      ms[5][run] = elapsed_ms (start);

      start = g_get_monotonic_time ();
      facts = crm_kpi_facts_load (store, 0, previous[0], to, &error);
      g_assert_no_error (error);
      ms[6][run] = elapsed_ms (start);

      start = g_get_monotonic_time ();
      crm_kpi_result_free (crm_kpi_compute_period (facts, (const gint64 *) months->data,
                                                   months->len, to, 6, series));
      ms[7][run] = elapsed_ms (start);
      crm_kpi_series_free (series);

      start = g_get_monotonic_time ();
      crm_kpi_result_free (crm_kpi_compute_period (facts, previous, 2, to, 6, NULL));
      ms[8][run] = elapsed_ms (start);
    }
  for (guint part = 0; part < G_N_ELEMENTS (names); part++)
    g_print ("  %-32s median %7.2f ms\n", names[part], median (ms[part], N_RUNS));
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
