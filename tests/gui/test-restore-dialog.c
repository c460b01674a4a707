/* test-restore-dialog.c — widget tests of Restore from Backup: the empty state, the list of
 * backups newest first with their counts, and a restore after confirmation (the window closes,
 * the database is the backup's, the window opens again with a toast; the data it replaced is
 * kept as a backup), the daily backup of an open window, and the Backups group of Preferences.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-application.h"
#include "crm-backup-scheduler.h"
#include "crm-backups.h"
#include "crm-gui-test-util.h"
#include "crm-preferences-window.h"
#include "crm-restore-dialog.h"
#include "crm-test-util.h"
#include "crm-window.h"

static CrmApplication *app;

typedef CrmTestFolder Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  crm_test_folder_init (fixture, "rapport-gui-restore-XXXXXX");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_destroy_all_windows ();
  crm_test_run_for (50);
  crm_test_folder_clear (fixture);
}

static CrmWindow *
find_window (const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data)
        && g_strcmp0 (crm_store_get_path (crm_window_get_store (l->data)), path) == 0)
      return l->data;
  return NULL;
}

static CrmWindow *
open_window (Fixture *fixture)
{
  CrmWindow *window;

  crm_application_open (app, fixture->path);
  window = find_window (fixture->path);
  g_assert_nonnull (window);
  crm_test_wait_for (crm_test_widget_is_mapped, window, "the window to map");
  return window;
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type, const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_loaded (gpointer data)
{
  GtkStack *stack = GTK_STACK (find_descendant (data, GTK_TYPE_STACK, NULL));
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") != 0;
}

static CrmRestoreDialog *
open_dialog (CrmWindow *window)
{
  CrmRestoreDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  dialog = CRM_RESTORE_DIALOG (crm_test_find_toplevel (CRM_TYPE_RESTORE_DIALOG));
  g_assert_nonnull (dialog);
  crm_test_wait_for (is_loaded, dialog, "the backups to be listed");
  return dialog;
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

static gboolean
has_message_dialog (gpointer data)
{
  return crm_test_find_message_dialog (NULL) != NULL;
}

static void
test_empty (Fixture *fixture, gconstpointer data)
{
  CrmWindow *window = open_window (fixture);
  CrmRestoreDialog *dialog = open_dialog (window);
  GtkStack *stack = GTK_STACK (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL));
  AdwStatusPage *status
      = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (dialog), ADW_TYPE_STATUS_PAGE, NULL));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Backups Yet");
  g_assert_cmpuint (crm_restore_dialog_get_n_backups (dialog), ==, 0);
}

typedef struct
{
  const char *path;
  guint n_contacts;
} RestoredCondition;

static gboolean
is_restored (gpointer data)
{
  const RestoredCondition *condition = data;
  CrmWindow *window = find_window (condition->path);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window))
         && crm_store_count_contacts (crm_window_get_store (window), NULL) == condition->n_contacts;
}

static void
test_lists_and_restores (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  CrmWindow *window, *reopened;
  CrmRestoreDialog *dialog;
  GtkWidget *list_box, *row, *button;
  AdwMessageDialog *confirm;
  RestoredCondition condition = { fixture->path, 2 };

  crm_test_add_contacts (fixture->path, 2);
  older = crm_store_build_backup_path (fixture->path, 1700000000, "daily", &error);
  g_assert_true (crm_store_copy_database (fixture->path, older, &error));
  crm_test_add_contacts (fixture->path, 3);
  newer = crm_backups_back_up (fixture->path, "manual", &error);
  g_assert_no_error (error);
  crm_test_add_contacts (fixture->path, 4);

  window = open_window (fixture);
  dialog = open_dialog (window);
  g_assert_cmpuint (crm_restore_dialog_get_n_backups (dialog), ==, 2);

  /* Newest first, with when, why and what. */
  list_box = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, NULL);
  row = gtk_widget_get_first_child (list_box);
  g_assert_true (
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Today "));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Backed up by hand · 5 contacts · 0 deals");
  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Daily backup · 2 contacts · 0 deals");

  /* Restore the older one: a confirmation first, and Cancel changes nothing. */
  button = find_descendant (row, GTK_TYPE_BUTTON, "_Restore…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  confirm = crm_test_find_message_dialog (NULL);
  g_assert_nonnull (confirm);
  g_assert_true (
      g_str_has_prefix (adw_message_dialog_get_heading (confirm), "Restore the backup of "));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirm, "restore"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (confirm, "cancel");
  crm_test_run_for (100);
  g_assert_true (find_window (fixture->path) == window);
  g_assert_cmpuint (crm_store_count_contacts (crm_window_get_store (window), NULL), ==, 9);

  g_signal_emit_by_name (button, "clicked");
  confirm = crm_test_find_message_dialog (NULL);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "restore");

  crm_test_wait_for_seconds (is_restored, &condition, 15, "the restored database in a window");
  reopened = find_window (fixture->path);
  g_assert_nonnull (reopened);
  g_assert_cmpuint (crm_test_read_n_contacts (fixture->path), ==, 2);

  /* What it replaced is kept: a before-restore backup with all nine. */
  backups = crm_backups_list (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 3);
  {
    const CrmBackup *kept = NULL;

    /* (Taken in the same second as the manual one: found by its reason.) */
    for (guint i = 0; i < backups->len; i++)
      if (g_strcmp0 (((CrmBackup *) g_ptr_array_index (backups, i))->reason, "before-restore") == 0)
        kept = g_ptr_array_index (backups, i);
    g_assert_nonnull (kept);
    g_assert_cmpuint (kept->summary.n_contacts, ==, 9);
  }
}

static void
test_refused_restore_keeps_data (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *garbage = NULL;
  RestoredCondition condition = { fixture->path, 3 };
  CrmWindow *window;

  crm_test_add_contacts (fixture->path, 3);
  garbage = crm_store_build_backup_path (fixture->path, 1700000000, "daily", &error);
  g_assert_true (g_file_set_contents (garbage, "garbage, not a database", -1, NULL));

  window = open_window (fixture);
  crm_restore_dialog_restore (window, garbage, "the garbage");
  /* The window comes back over the same data, with the reason. */
  crm_test_run_for (200);
  crm_test_wait_for_seconds (is_restored, &condition, 15, "the database in a window again");
  crm_test_wait_for (has_message_dialog, NULL, "the error dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (crm_test_find_message_dialog (NULL)), ==,
                   "Cannot Restore the Backup");
  g_assert_cmpuint (crm_test_read_n_contacts (fixture->path), ==, 3);
}

static gboolean
has_daily_backup (gpointer data)
{
  g_autoptr (GPtrArray) backups = crm_backups_list (data, FALSE, NULL);

  return backups != NULL && backups->len == 1
         && g_strcmp0 (((CrmBackup *) g_ptr_array_index (backups, 0))->reason, "daily") == 0;
}

static void
test_daily_backup_of_open_window (Fixture *fixture, gconstpointer data)
{
  crm_test_add_contacts (fixture->path, 1);
  open_window (fixture);
  crm_test_wait_for_seconds (has_daily_backup, fixture->path, 15, "the daily backup");
  /* Not again while the newest is younger than a day. */
  crm_test_run_for (500);
  g_assert_true (has_daily_backup (fixture->path));
}

/* How many labels below @widget start with @prefix. */
static guint
count_labels (GtkWidget *widget, const char *prefix)
{
  guint n = GTK_IS_LABEL (widget)
            && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, prefix);
  return n;
}

typedef struct
{
  guint n_failed;
  guint n_taken;
  char *message;
} BackupOutcome;

static void
on_backup_failed (CrmBackupScheduler *scheduler,
                  const char *path,
                  const char *message,
                  BackupOutcome *outcome)
{
  outcome->n_failed++;
  g_free (outcome->message);
  outcome->message = g_strdup (message);
}

static void
on_backup_taken (CrmBackupScheduler *scheduler,
                 const char *path,
                 const char *backup,
                 BackupOutcome *outcome)
{
  outcome->n_taken++;
}

static gboolean
has_outcomes (gpointer data)
{
  const BackupOutcome *outcome = data;

  return outcome->n_failed + outcome->n_taken > 0;
}

/* Checks now and waits for the outcome. */
static void
check_backup (CrmBackupScheduler *scheduler, BackupOutcome *outcome)
{
  outcome->n_failed = outcome->n_taken = 0;
  crm_backup_scheduler_check_later (scheduler, 0);
  crm_test_wait_for_seconds (has_outcomes, outcome, 15, "the backup's outcome");
}

/* A daily backup that cannot be made is said in a toast over the window, once until one
 * succeeds again, and not only in the log. */
static void
test_daily_backup_failure_said (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmBackupScheduler) scheduler = crm_backup_scheduler_new (GTK_APPLICATION (app));
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  g_autofree char *blocker = g_build_filename (folder, "backups", NULL);
  const char *said = "The daily backup failed: ";
  BackupOutcome outcome = { 0 };
  CrmWindow *window;

  crm_test_add_contacts (fixture->path, 1);
  /* A file where the backups' folder goes: no backup can be written (even by root). */
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  window = open_window (fixture);
  g_signal_connect (scheduler, "backup-failed", G_CALLBACK (on_backup_failed), &outcome);
  g_signal_connect (scheduler, "backup-taken", G_CALLBACK (on_backup_taken), &outcome);

  check_backup (scheduler, &outcome);
  g_assert_cmpuint (outcome.n_failed, ==, 1);
  g_assert_nonnull (outcome.message);
  crm_test_run_for (50);
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), said), ==, 1);
  /* The next check fails too, and says nothing more. */
  check_backup (scheduler, &outcome);
  g_assert_cmpuint (outcome.n_failed, ==, 1);
  crm_test_run_for (50);
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), said), ==, 1);

  /* Made once the way is clear; a later failure is said again. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  check_backup (scheduler, &outcome);
  g_assert_cmpuint (outcome.n_taken, ==, 1);
  g_assert_true (has_daily_backup (fixture->path));
  g_free (outcome.message);
}

static void
test_preferences_backups (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  CrmWindow *window = open_window (fixture);
  CrmPreferencesWindow *preferences = crm_preferences_window_new (GTK_WINDOW (window));
  GtkWidget *button = find_descendant (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "_Back Up");

  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_nonnull (button);
  g_assert_cmpint (g_settings_get_int (settings, "backup-keep"), ==, 7);
  g_signal_emit_by_name (button, "clicked");
  crm_test_wait_for (is_sensitive, button, "the backup to be taken");
  {
    g_autoptr (GPtrArray) backups = crm_backups_list (fixture->path, FALSE, NULL);
    g_assert_cmpuint (backups->len, >=, 1);
    g_assert_cmpstr (((CrmBackup *) g_ptr_array_index (backups, 0))->reason, ==, "manual");
  }
  g_assert_nonnull (find_descendant (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "_Restore…"));
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;
  /* Today and Yesterday are of the local day: keep them in UTC like the file names. */
  g_setenv ("TZ", "UTC", TRUE);
  {
    g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
    /* No notifications service in the test session. */
    g_settings_set_boolean (settings, "task-reminders", FALSE);
  }

  app = crm_test_application_new ();

  CRM_TEST_ADD_F ("/gui/restore/empty", test_empty);
  CRM_TEST_ADD_F ("/gui/restore/lists-and-restores", test_lists_and_restores);
  CRM_TEST_ADD_F ("/gui/restore/refused-keeps-data", test_refused_restore_keeps_data);
  CRM_TEST_ADD_F ("/gui/backups/daily-of-open-window", test_daily_backup_of_open_window);
  CRM_TEST_ADD_F ("/gui/backups/failure-said", test_daily_backup_failure_said);
  CRM_TEST_ADD_F ("/gui/backups/preferences", test_preferences_backups);
  return crm_test_gui_run (&app);
}
