/* bench-first-frame.c — how long Rapport takes from opening a database to its first painted
 * frame, for an empty database (the board shows its empty columns), a big seeded one (100,000
 * contacts, 10,000 deals, 200,000 activities by default; issue 2's goal: within 1.2 × the
 * empty one, because a window never reads more rows than it shows) and one with 10,000 open
 * deals spread over the open stages (issue 3's goal: the board within 1.3 × the empty one).
 *
 * Each run is a fresh process (this program started again with --child), so every run pays
 * for cold caches the way a real start does; the runs alternate between the two databases and
 * the median of each is compared. Needs a display: run under Xvfb.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm-application.h"
#include "crm-seed.h"
#include "crm-window.h"
#include "crm-test-util.h"

#define GOAL_RATIO_SEEDED 1.2
#define GOAL_RATIO_OPEN_DEALS 1.3
#define N_OPEN_DEALS 10000
#define CHILD_TIMEOUT_SECONDS 120

/* ---- Child: one measured start ------------------------------------------------------------- */

typedef struct
{
  gint64 started;
  gint64 painted;
} FrameTiming;

static void
on_after_paint (GdkFrameClock *clock, gpointer user_data)
{
  FrameTiming *timing = user_data;

  if (timing->painted == 0)
    timing->painted = g_get_monotonic_time ();
}

static void
on_window_realize (GtkWidget *window, gpointer user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint),
                    user_data);
}

static gboolean
on_child_timeout (gpointer user_data)
{
  g_printerr ("bench-first-frame: no frame painted within %d s\n", CHILD_TIMEOUT_SECONDS);
  exit (1);
}

static int
run_child (const char *path)
{
  g_autoptr (CrmApplication) app = crm_application_new ();
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  FrameTiming timing = { 0 };
  CrmWindow *window;

  /* Independent of any Rapport already running on this display's session bus. */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                    | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot start the application: %s", error->message);
  g_timeout_add_seconds (CHILD_TIMEOUT_SECONDS, on_child_timeout, NULL);

  timing.started = g_get_monotonic_time ();
  store = crm_store_open (path, &error);
  if (store == NULL)
    g_error ("Cannot open %s: %s", path, error->message);
  window = crm_window_new (app, store);
  g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realize), &timing);
  gtk_window_present (GTK_WINDOW (window));
  while (timing.painted == 0)
    g_main_context_iteration (NULL, TRUE);

  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", timing.painted - timing.started);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}

/* ---- Parent: prepare the databases, run the children, compare ------------------------------ */

static double
measure_once (const char *self_path, const char *database_path)
{
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  const char *line;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--child",
                            database_path, NULL);
  if (child == NULL)
    g_error ("Cannot start a run: %s", error->message);
  if (!g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error))
    g_error ("A run failed: %s", error->message);
  if (!g_subprocess_get_successful (child))
    g_error ("A run on %s failed", database_path);
  line = strstr (output, "first-frame-us: ");
  if (line == NULL)
    g_error ("A run printed no time: %s", output);
  return g_ascii_strtod (line + strlen ("first-frame-us: "), NULL) / 1000.0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1)
          + g_array_index (values, double, values->len / 2))
         / 2;
}

static char *
format_runs (GArray *values)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (text, "%s%.0f", i > 0 ? " " : "", g_array_index (values, double, i));
  return g_string_free (text, FALSE);
}

/* N_OPEN_DEALS deals, round-robin over the open stages, as the board's worst case. */
static void
create_open_deals_database (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (path, &error);
  g_autoptr (GArray) stages = NULL;
  const guint n_open_stages = 5;

  if (store == NULL)
    g_error ("Cannot create %s: %s", path, error->message);
  stages = crm_test_list_default_stage_ids (store);
  if (!crm_store_begin_bulk (store, &error))
    g_error ("Cannot write %s: %s", path, error->message);
  for (guint i = 0; i < N_OPEN_DEALS; i++)
    {
      g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

      deal->title = g_strdup_printf ("Open deal %u", i);
      deal->currency = g_strdup (i % 3 == 0 ? "USD" : "EUR");
      deal->value_minor = 50000 + (gint64) i * 37;
      deal->probability_override = -1;
      deal->stage_id = g_array_index (stages, gint64, i % n_open_stages);
      if (!crm_store_insert_deal (store, deal, &error))
        g_error ("Cannot write %s: %s", path, error->message);
    }
  if (!crm_store_commit (store, &error))
    g_error ("Cannot write %s: %s", path, error->message);
}

static void
create_database (const char *path, const CrmSeedOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (path, &error);

  if (store == NULL)
    g_error ("Cannot create %s: %s", path, error->message);
  if (options != NULL && !crm_seed_database (store, options, NULL, NULL, &error))
    g_error ("Cannot seed %s: %s", path, error->message);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) empty_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) seeded_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) open_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *child_path = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *seeded_path = NULL;
  g_autofree char *open_path = NULL;
  g_autofree char *empty_text = NULL;
  g_autofree char *seeded_text = NULL;
  g_autofree char *open_text = NULL;
  CrmSeedOptions options;
  int n_runs = 15, n_contacts = 100000, n_deals = 10000, n_activities = 200000;
  double empty_median, seeded_median, open_median, seeded_ratio, open_ratio;
  const GOptionEntry entries[] = {
    { "child", 0, 0, G_OPTION_ARG_FILENAME, &child_path, "Measure one start on FILE", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs per database (default: 15)", "N" },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Contacts in the big database", "N" },
    { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, "Deals in the big database", "N" },
    { "activities", 0, 0, G_OPTION_ARG_INT, &n_activities, "Activities in the big database", "N" },
    G_OPTION_ENTRY_NULL,
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-first-frame: %s\n", error->message);
      return 2;
    }
  if (child_path != NULL)
    return run_child (child_path);

  self_path = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("rapport-bench-frame-XXXXXX", &error);
  g_assert_no_error (error);
  empty_path = g_build_filename (dir, "empty.db", NULL);
  seeded_path = g_build_filename (dir, "seeded.db", NULL);
  open_path = g_build_filename (dir, "open-deals.db", NULL);

  crm_seed_options_init (&options);
  options.n_contacts = (guint) MAX (n_contacts, 0);
  options.n_deals = (guint) MAX (n_deals, 0);
  options.n_activities = (guint) MAX (n_activities, 0);
  create_database (empty_path, NULL);
  create_database (seeded_path, &options);
  create_open_deals_database (open_path);
  /* The hundreds of megabytes just written go to disk now, not during the measured starts. */
  sync ();

  /* One unmeasured start warms what every later start shares (fonts, icon theme). Then the
   * three take turns, so a slow spell of the machine hits them alike. */
  measure_once (self_path, empty_path);
  for (int i = 0; i < MAX (n_runs, 1); i++)
    {
      double empty = measure_once (self_path, empty_path);
      double seeded = measure_once (self_path, seeded_path);
      double open = measure_once (self_path, open_path);

      g_array_append_val (empty_runs, empty);
      g_array_append_val (seeded_runs, seeded);
      g_array_append_val (open_runs, open);
    }

  empty_text = format_runs (empty_runs);
  seeded_text = format_runs (seeded_runs);
  open_text = format_runs (open_runs);
  empty_median = median (empty_runs);
  seeded_median = median (seeded_runs);
  open_median = median (open_runs);
  seeded_ratio = seeded_median / empty_median;
  open_ratio = open_median / empty_median;
  g_print ("first-frame: empty database (empty board): median %.1f ms (runs: %s ms)\n",
           empty_median, empty_text);
  g_print ("first-frame: seeded database (%u contacts, %u deals, %u activities): median %.1f ms "
           "(runs: %s ms)\n",
           options.n_contacts, options.n_deals, options.n_activities, seeded_median, seeded_text);
  g_print ("first-frame: %d open deals: median %.1f ms (runs: %s ms)\n", N_OPEN_DEALS, open_median,
           open_text);
  g_print ("first-frame: ratio seeded/empty %.2f (goal <= %.1f: %s)\n", seeded_ratio,
           GOAL_RATIO_SEEDED, seeded_ratio <= GOAL_RATIO_SEEDED ? "met" : "MISSED");
  g_print ("first-frame: ratio open deals/empty board %.2f (goal <= %.1f: %s)\n", open_ratio,
           GOAL_RATIO_OPEN_DEALS, open_ratio <= GOAL_RATIO_OPEN_DEALS ? "met" : "MISSED");

  crm_test_remove_database (empty_path);
  crm_test_remove_database (seeded_path);
  crm_test_remove_database (open_path);
  g_rmdir (dir);
  return 0;
}
