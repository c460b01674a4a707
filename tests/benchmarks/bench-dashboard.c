/* bench-dashboard.c — the Dashboard page's first frame over a seeded database (by default
 * 20,000 contacts, 20,000 deals, 200,000 activities; the period: this year): how long from
 * opening the database to the first painted frame of a window that opens on the Dashboard page
 * (the selectors and the computing state), to the first frame that shows the figures (the KPIs
 * computed in the worker thread), and the longest the main loop went without running while they
 * were computed (input waits that long at worst). For comparison, the first frame of a window
 * that opens on the Pipeline page of the same database, which must not pay for the dashboard.
 *
 * Each run is a fresh process (this program again with --child), the pages alternating. It
 * prints the figures and never fails: timings depend on the host. Needs a display (Xvfb).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm-application.h"
#include "crm-dashboard-view.h"
#include "crm-seed.h"
#include "crm-window.h"
#include "crm-test-util.h"

#define CHILD_TIMEOUT_SECONDS 120
#define TICK_MS 2

/* ---- Child: one measured start ------------------------------------------------------------- */

typedef struct
{
  gint64 started;
  gint64 painted;         /* the first frame */
  gint64 computed;        /* the figures arrived */
  gint64 figures_painted; /* the first frame after they arrived */
  gint64 last_tick;
  gint64 longest_stall; /* between ticks, from the first frame to the figures */
  gboolean stop_ticks;
  CrmDashboardView *view;
} Timing;

static void
on_after_paint (GdkFrameClock *clock, gpointer user_data)
{
  Timing *timing = user_data;
  gint64 now = g_get_monotonic_time ();

  if (timing->painted == 0)
    timing->painted = now;
  /* The figures may come before the first frame (a small database). */
  if (timing->computed != 0 && timing->figures_painted == 0)
    timing->figures_painted = now;
}

static void
on_window_realize (GtkWidget *window, gpointer user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint),
                    user_data);
}

static void
on_computing_notify (CrmDashboardView *view, GParamSpec *pspec, Timing *timing)
{
  if (!crm_dashboard_view_get_computing (view) && crm_dashboard_view_get_n_computed (view) > 0
      && timing->computed == 0)
    {
      timing->computed = g_get_monotonic_time ();
      /* A frame that shows them. */
      gtk_widget_queue_draw (GTK_WIDGET (view));
    }
}

static gboolean
on_tick (gpointer user_data)
{
  Timing *timing = user_data;
  gint64 now = g_get_monotonic_time ();

  if (timing->painted != 0 && timing->computed == 0 && timing->last_tick != 0
      && !timing->stop_ticks)
    timing->longest_stall = MAX (timing->longest_stall, now - timing->last_tick);
  timing->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_child_timeout (gpointer user_data)
{
  g_printerr ("bench-dashboard: nothing painted within %d s\n", CHILD_TIMEOUT_SECONDS);
  exit (1);
}

static int
run_child (const char *path, const char *page)
{
  g_autoptr (CrmApplication) app = crm_application_new ();
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gboolean dashboard = g_str_equal (page, "dashboard");
  Timing timing = { 0 };
  CrmWindow *window;

  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                    | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot start the application: %s", error->message);
  g_timeout_add_seconds (CHILD_TIMEOUT_SECONDS, on_child_timeout, NULL);
  /* The memory settings backend: this process's own. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "last-page", page);
  g_settings_set_string (settings, "dashboard-period", "this-year");
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, on_tick, &timing, NULL);

  timing.started = g_get_monotonic_time ();
  store = crm_store_open (path, &error);
  if (store == NULL)
    g_error ("Cannot open %s: %s", path, error->message);
  window = crm_window_new (app, store);
  g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realize), &timing);
  gtk_window_present (GTK_WINDOW (window));
  {
    /* The page's view, to know when the figures arrive. */
    GtkWidget *found = NULL;
    GPtrArray *queue = g_ptr_array_new ();

    g_ptr_array_add (queue, window);
    while (found == NULL && queue->len > 0)
      {
        GtkWidget *widget = g_ptr_array_steal_index (queue, 0);

        if (CRM_IS_DASHBOARD_VIEW (widget))
          found = widget;
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (queue, child);
      }
    g_ptr_array_unref (queue);
    g_assert_nonnull (found);
    timing.view = CRM_DASHBOARD_VIEW (found);
    g_signal_connect (found, "notify::computing", G_CALLBACK (on_computing_notify), &timing);
  }
  while (timing.painted == 0 || (dashboard && timing.figures_painted == 0))
    g_main_context_iteration (NULL, TRUE);
  if (!dashboard)
    {
      /* The same measure on the board for about as long, for comparison: frames are painted
       * in software under Xvfb. */
      gint64 until = g_get_monotonic_time () + 450000;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
    }
  timing.stop_ticks = TRUE;

  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", timing.painted - timing.started);
  g_print ("stall-us: %" G_GINT64_FORMAT "\n", timing.longest_stall);
  if (dashboard)
    g_print ("figures-us: %" G_GINT64_FORMAT "\n", timing.figures_painted - timing.started);
  else
    /* The dashboard computed nothing behind the Pipeline page. */
    g_print ("dashboard-computed: %u\n", crm_dashboard_view_get_n_computed (timing.view)
                                             + crm_dashboard_view_get_computing (timing.view));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}

/* ---- Parent: seed, run the children, report ------------------------------------------------- */

static double
read_figure (const char *output, const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s: ", name);
  const char *line = strstr (output, key);

  if (line == NULL)
    g_error ("A run printed no %s: %s", name, output);
  return g_ascii_strtod (line + strlen (key), NULL);
}

static char *
run_once (const char *self_path, const char *database_path, const char *page)
{
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;
  char *output = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--child",
                            database_path, "--page", page, NULL);
  if (child == NULL)
    g_error ("Cannot start a run: %s", error->message);
  if (!g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error))
    g_error ("A run failed: %s", error->message);
  if (!g_subprocess_get_successful (child))
    g_error ("A run on %s failed", database_path);
  return output;
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
  return g_array_index (values, double, values->len / 2);
}

static double
maximum (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len - 1);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) pipeline_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) dashboard_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) figures = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) board_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *child_path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CrmStore) store = NULL;
  CrmSeedOptions options;
  int n_runs = 7, n_contacts = 20000, n_deals = 20000, n_activities = 200000;
  guint computed_behind = 0;
  gint64 seed_started;
  const GOptionEntry entries[] = {
    { "child", 0, 0, G_OPTION_ARG_FILENAME, &child_path, "Measure one start on FILE", "FILE" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, "The page the child opens on", "PAGE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs per page (default: 7)", "N" },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Contacts to seed", "N" },
    { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, "Deals to seed", "N" },
    { "activities", 0, 0, G_OPTION_ARG_INT, &n_activities, "Activities to seed", "N" },
    G_OPTION_ENTRY_NULL,
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-dashboard: %s\n", error->message);
      return 2;
    }
  if (child_path != NULL)
    return run_child (child_path, page != NULL ? page : "dashboard");

  self_path = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("rapport-bench-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "seeded.db", NULL);

  crm_seed_options_init (&options);
  options.n_contacts = (guint) MAX (n_contacts, 0);
  options.n_deals = (guint) MAX (n_deals, 0);
  options.n_activities = (guint) MAX (n_activities, 0);
  seed_started = g_get_monotonic_time ();
  store = crm_store_open (path, &error);
  if (store == NULL || !crm_seed_database (store, &options, NULL, NULL, &error))
    g_error ("Cannot seed %s: %s", path, error->message);
  g_clear_object (&store);
  sync ();
  g_print ("dashboard: seeded %u contacts, %u deals, %u activities in %.1f s\n", options.n_contacts,
           options.n_deals, options.n_activities, (g_get_monotonic_time () - seed_started) / 1e6);

  /* One unmeasured start warms what every start shares (fonts, icons). */
  g_free (run_once (self_path, path, "dashboard"));
  for (int i = 0; i < MAX (n_runs, 1); i++)
    {
      g_autofree char *pipeline = run_once (self_path, path, "pipeline");
      g_autofree char *dashboard = run_once (self_path, path, "dashboard");
      double value;

      value = read_figure (pipeline, "first-frame-us") / 1000;
      g_array_append_val (pipeline_frames, value);
      computed_behind += (guint) read_figure (pipeline, "dashboard-computed");
      value = read_figure (pipeline, "stall-us") / 1000;
      g_array_append_val (board_stalls, value);
      value = read_figure (dashboard, "first-frame-us") / 1000;
      g_array_append_val (dashboard_frames, value);
      value = read_figure (dashboard, "figures-us") / 1000;
      g_array_append_val (figures, value);
      value = read_figure (dashboard, "stall-us") / 1000;
      g_array_append_val (stalls, value);
    }

  g_print ("dashboard: window opening on the Pipeline page: first frame median %.1f ms "
           "(dashboard computations meanwhile: %u)\n",
           median (pipeline_frames), computed_behind);
  g_print ("dashboard: window opening on the Dashboard page: first frame median %.1f ms\n",
           median (dashboard_frames));
  g_print ("dashboard: first frame with the figures (this year's KPIs computed in a thread): "
           "median %.1f ms\n",
           median (figures));
  g_print ("dashboard: longest main-loop stall while computing: median %.1f ms, worst %.1f ms\n",
           median (stalls), maximum (stalls));
  g_print ("dashboard: longest main-loop stall on the Pipeline page over as long, for comparison: "
           "median %.1f ms, worst %.1f ms\n",
           median (board_stalls), maximum (board_stalls));

  crm_test_remove_database (path);
  g_rmdir (dir);
  return 0;
}
