/* bench-seed.c — how fast crm_seed_database() writes a big database through CrmStore.
 *
 * Seeds 100,000 contacts, 10,000 deals and 200,000 activities (by default) into a temporary
 * database and prints rows/s per phase and the total time. Goal: under 10 s on 2 cores.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-seed.h"
#include "crm-test-util.h"

#define GOAL_SECONDS 10.0

typedef struct
{
  gint64 started;
  gint64 phase_started;
  CrmSeedPhase phase;
  double seconds[CRM_SEED_N_PHASES];
} Timing;

static void
on_progress (CrmSeedPhase phase, guint done, guint total, gpointer user_data)
{
  Timing *timing = user_data;
  gint64 now = g_get_monotonic_time ();

  /* Phases run in order; a phase ends with done == total. The commit phase reports only its
   * end, so it lasts from the end of the phase before it. */
  if (done == total)
    {
      timing->seconds[phase] = (double) (now - timing->phase_started) / G_USEC_PER_SEC;
      timing->phase_started = now;
    }
}

/* Prints one phase and returns its rows, for the total. */
static gint64
print_phase (const char *name, gint64 rows, double seconds)
{
  if (rows > 0)
    g_print ("seed: %-26s %7" G_GINT64_FORMAT " rows in %6.2f s (%6.0f rows/s)\n", name, rows,
             seconds, seconds > 0 ? (double) rows / seconds : 0.0);
  else
    g_print ("seed: %-26s %7s      in %6.2f s\n", name, "", seconds);
  return rows;
}

static gint64
count (CrmStore *store, CrmEntity entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = crm_store_count (store, entity, &error);

  g_assert_no_error (error);
  return n;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  CrmSeedOptions options;
  Timing timing = { 0 };
  int n_contacts = 100000, n_deals = 10000, n_activities = 200000;
  gint64 rows, total_rows = 0;
  double total;
  const GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Number of contacts", "N" },
    { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, "Number of deals", "N" },
    { "activities", 0, 0, G_OPTION_ARG_INT, &n_activities, "Number of activities", "N" },
    G_OPTION_ENTRY_NULL,
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-seed: %s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("rapport-bench-seed-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = crm_store_open (path, &error);
  g_assert_no_error (error);

  crm_seed_options_init (&options);
  options.n_contacts = (guint) MAX (n_contacts, 0);
  options.n_deals = (guint) MAX (n_deals, 0);
  options.n_activities = (guint) MAX (n_activities, 0);
  options.seed = 1;

  timing.started = timing.phase_started = g_get_monotonic_time ();
  if (!crm_seed_database (store, &options, on_progress, &timing, &error))
    g_error ("Seeding failed: %s", error->message);
  total = (double) (g_get_monotonic_time () - timing.started) / G_USEC_PER_SEC;

  total_rows += print_phase ("plan (in memory)", 0, timing.seconds[CRM_SEED_PHASE_PLAN]);
  total_rows += print_phase ("companies", count (store, CRM_ENTITY_COMPANY),
                             timing.seconds[CRM_SEED_PHASE_COMPANIES]);
  total_rows += print_phase ("contacts", count (store, CRM_ENTITY_CONTACT),
                             timing.seconds[CRM_SEED_PHASE_CONTACTS]);
  rows = count (store, CRM_ENTITY_DEAL) + count (store, CRM_ENTITY_DEAL_STAGE_HISTORY);
  total_rows += print_phase ("deals + stage history", rows, timing.seconds[CRM_SEED_PHASE_DEALS]);
  total_rows += print_phase ("activities", count (store, CRM_ENTITY_ACTIVITY),
                             timing.seconds[CRM_SEED_PHASE_ACTIVITIES]);
  total_rows += print_phase ("feedback", count (store, CRM_ENTITY_FEEDBACK),
                             timing.seconds[CRM_SEED_PHASE_FEEDBACK]);
  total_rows += print_phase ("acquisition spend", count (store, CRM_ENTITY_ACQUISITION_SPEND),
                             timing.seconds[CRM_SEED_PHASE_SPEND]);
  total_rows += print_phase ("commit", 0, timing.seconds[CRM_SEED_PHASE_COMMIT]);

  g_print ("seed: %" G_GINT64_FORMAT " rows in %.1f s (%.0f rows/s)\n", total_rows, total,
           (double) total_rows / total);
  g_print ("seed: goal < %.0f s: %s\n", GOAL_SECONDS, total < GOAL_SECONDS ? "met" : "MISSED");

  g_clear_object (&store);
  crm_test_remove_database (path);
  g_rmdir (dir);
  return 0;
}
