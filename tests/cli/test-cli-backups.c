/* test-cli-backups.c — `rapport-cli backups` and `rapport-cli restore` run as programs (path
 * in $RAPPORT_CLI): the list, a restore and what it prints, and the refusals that change
 * nothing. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "crm-backups.h"
#include "crm-cli-test-util.h"

typedef CrmCliFixture Fixture;

static void
test_list_and_restore (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCliResult) empty = NULL;
  g_autoptr (CrmCliResult) listed = NULL;
  g_autoptr (CrmCliResult) restored = NULL;
  g_autoptr (CrmCliResult) after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *backup_name = NULL;
  g_auto (GStrv) lines = NULL;

  crm_test_add_contacts (fixture->path, 3);
  empty = crm_cli_run_on_database (fixture, "backups");
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_nonnull (strstr (empty->out, "No backups"));

  backup = crm_backups_back_up (fixture->path, "daily", &error);
  g_assert_no_error (error);
  backup_name = g_path_get_basename (backup);
  crm_test_add_contacts (fixture->path, 2);

  listed = crm_cli_run_on_database (fixture, "backups");
  g_assert_cmpint (listed->status, ==, 0);
  g_assert_cmpstr (listed->err, ==, "");
  lines = g_strsplit (listed->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], "\tdaily\t3 contacts\t0 companies\t0 deals\t0 activities\t"));
  g_assert_true (g_str_has_suffix (lines[0], backup));

  /* By its name in the backup folder. */
  restored = crm_cli_run_on_database (fixture, "restore", backup_name);
  g_assert_cmpint (restored->status, ==, 0);
  g_assert_cmpstr (restored->err, ==, "");
  g_assert_nonnull (strstr (restored->out, "3 contacts"));
  g_assert_nonnull (strstr (restored->out, "-before-restore.db"));
  g_assert_cmpuint (crm_test_read_n_contacts (fixture->path), ==, 3);

  after = crm_cli_run_on_database (fixture, "backups");
  g_assert_nonnull (strstr (after->out, "\tbefore-restore\t5 contacts\t"));
  g_assert_nonnull (strstr (after->out, "\tdaily\t3 contacts\t"));
}

static void
test_restore_refusals (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) missing = NULL;
  g_autoptr (CrmCliResult) garbage = NULL;
  g_autoptr (CrmCliResult) usage = NULL;
  g_autofree char *garbage_path = g_build_filename (fixture->folder, "garbage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  crm_test_add_contacts (fixture->path, 1);
  before = crm_test_file_checksum (fixture->path);
  g_assert_true (g_file_set_contents (garbage_path, "not a database at all, not at all", -1, NULL));

  garbage = crm_cli_run_on_database (fixture, "restore", garbage_path);
  g_assert_cmpint (garbage->status, ==, 1);
  g_assert_cmpstr (garbage->out, ==, "");
  g_assert_true (g_str_has_prefix (garbage->err, "rapport-cli: Cannot restore"));
  g_assert_nonnull (strstr (garbage->err, "Nothing was changed"));
  g_assert_cmpint (strchr (garbage->err, '\n') - garbage->err + 1, ==, strlen (garbage->err));

  missing = crm_cli_run_on_database (fixture, "restore", "no-such-backup.db");
  g_assert_cmpint (missing->status, ==, 1);

  usage = crm_cli_run_on_database (fixture, "restore");
  g_assert_cmpint (usage->status, ==, 2);

  after = crm_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *folder = crm_store_get_backup_folder (fixture->path);
    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  CRM_CLI_TEST_ADD ("/cli/backups/list-and-restore", test_list_and_restore);
  CRM_CLI_TEST_ADD ("/cli/backups/restore-refusals", test_restore_refusals);

  return g_test_run ();
}
