/* test-background.c — with task reminders on, closing Rapport's last window leaves the
 * application running (to send them), activating it shows the window again, and Quit ends it;
 * with them off, closing the window ends it.
 *
 * Each case runs the real application (g_application_run) in a subprocess of its own, since an
 * application runs once per process. Needs an X display (see tests/meson.build).
 */
#include "config.h"

#include "crm-application.h"
#include "crm-test-util.h"
#include "crm-window.h"

typedef struct
{
  CrmApplication *app;
  char *db_path;
  /* What the scenario saw, checked after the run returned. */
  gboolean closed_window;
  gboolean still_running;
  gboolean reopened;
  gboolean timed_out;
  guint quit_timeout;
  guint close_source;
  guint after_close_source;
} Scenario;

static CrmWindow *
find_window (CrmApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

static gboolean
on_safety_timeout (gpointer data)
{
  Scenario *scenario = data;

  scenario->quit_timeout = 0;
  scenario->timed_out = TRUE;
  g_application_quit (G_APPLICATION (scenario->app));
  return G_SOURCE_REMOVE;
}

/* Half a second after the window closed: is the application still there? Then it is shown
 * again by an activation, and quit. */
static gboolean
on_after_close (gpointer data)
{
  Scenario *scenario = data;
  CrmWindow *window;

  scenario->after_close_source = 0;
  scenario->still_running = TRUE;
  g_application_activate (G_APPLICATION (scenario->app));
  window = find_window (scenario->app);
  scenario->reopened
      = window != NULL
        && g_str_equal (crm_store_get_path (crm_window_get_store (window)), scenario->db_path);
  g_action_group_activate_action (G_ACTION_GROUP (scenario->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* As the user does: once the window is on screen, close it. */
static gboolean
on_close_when_mapped (gpointer data)
{
  Scenario *scenario = data;
  CrmWindow *window = find_window (scenario->app);

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  scenario->close_source = 0;
  scenario->closed_window = TRUE;
  gtk_window_close (GTK_WINDOW (window));
  scenario->after_close_source = g_timeout_add (500, on_after_close, scenario);
  return G_SOURCE_REMOVE;
}

static void
run_scenario (Scenario *scenario, gboolean reminders)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *folder = g_dir_make_tmp ("rapport-background-XXXXXX", &error);
  char *argv[] = { "rapport", "--database", NULL, NULL };

  g_assert_no_error (error);
  g_settings_set_boolean (settings, "task-reminders", reminders);
  scenario->db_path = g_build_filename (folder, "crm.db", NULL);
  argv[2] = scenario->db_path;

  scenario->app = crm_application_new ();
  /* Never hand the work to a Rapport that happens to run on the session bus. */
  g_application_set_flags (G_APPLICATION (scenario->app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  scenario->close_source = g_timeout_add (50, on_close_when_mapped, scenario);
  scenario->quit_timeout = g_timeout_add_seconds (10, on_safety_timeout, scenario);

  g_assert_cmpint (g_application_run (G_APPLICATION (scenario->app), 3, argv), ==, 0);

  g_clear_handle_id (&scenario->quit_timeout, g_source_remove);
  g_clear_handle_id (&scenario->close_source, g_source_remove);
  g_clear_handle_id (&scenario->after_close_source, g_source_remove);
  g_clear_object (&scenario->app);
  crm_test_remove_tree (folder);
  g_clear_pointer (&scenario->db_path, g_free);
}

static void
test_reminders_keep_running (void)
{
  if (g_test_subprocess ())
    {
      Scenario scenario = { 0 };

      run_scenario (&scenario, TRUE);
      g_assert_true (scenario.closed_window);
      g_assert_true (scenario.still_running);
      g_assert_true (scenario.reopened);
      /* Ended by Quit, not by the safety timeout. */
      g_assert_false (scenario.timed_out);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_reminders_quit_with_window (void)
{
  if (g_test_subprocess ())
    {
      Scenario scenario = { 0 };

      run_scenario (&scenario, FALSE);
      g_assert_true (scenario.closed_window);
      g_assert_false (scenario.still_running);
      g_assert_false (scenario.timed_out);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* TAP: the whole program is skipped, with the reason. */
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

  g_test_add_func ("/gui/background/reminders-keep-running", test_reminders_keep_running);
  g_test_add_func ("/gui/background/no-reminders-quit-with-window",
                   test_no_reminders_quit_with_window);
  return g_test_run ();
}
