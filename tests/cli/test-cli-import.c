/* test-cli-import.c — `rapport-cli import` as a script meets it: the built program (path in
 * $RAPPORT_CLI) on the files of tests/data/, its summary, its one-line errors, its exit
 * statuses, and what the database holds after (read through the store API). */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "crm-store.h"
#include "crm-test-util.h"

typedef struct
{
  char *folder;
  char *path; /* the database, created by the first import */
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-cli-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "crm.db", NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Runs `rapport-cli --database DB import ARGS…`. */
static CliResult *
run_import (Fixture *fixture, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  va_list args;

  g_assert_nonnull (g_getenv ("RAPPORT_CLI"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("RAPPORT_CLI")));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (fixture->path));
  g_ptr_array_add (argv, g_strdup ("import"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status
      = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return result;
}

static gint64
count_contacts (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (fixture->path, &error);
  gint64 n;

  g_assert_no_error (error);
  n = crm_store_count (store, CRM_ENTITY_CONTACT, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_import_summary (Fixture *fixture, gconstpointer data)
{
  g_autofree char *file = data_path ("hubspot-contacts.csv");
  g_autoptr (CliResult) result = run_import (fixture, file, NULL);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "hubspot-contacts.csv: 4 rows of contacts read\n"));
  g_assert_nonnull (strstr (result->out, "Added: 3\n"));
  g_assert_nonnull (strstr (result->out, "Merged: 0\n"));
  g_assert_nonnull (strstr (result->out, "Skipped: 0\n"));
  g_assert_nonnull (strstr (result->out, "Rejected: 1\n  line 5: "));
  g_assert_cmpint (count_contacts (fixture), ==, 3);
}

static void
test_import_duplicates (Fixture *fixture, gconstpointer data)
{
  g_autofree char *first = data_path ("hubspot-contacts.csv");
  g_autofree char *file = data_path ("contacts-duplicates.csv");
  g_autoptr (CliResult) setup = run_import (fixture, first, NULL);
  g_autoptr (CliResult) dry = NULL;
  g_autoptr (CliResult) skip = NULL;
  g_autoptr (CliResult) bad = NULL;

  g_assert_cmpint (setup->status, ==, 0);
  dry = run_import (fixture, file, "--dry-run", "--duplicates", "merge", NULL);
  g_assert_cmpint (dry->status, ==, 0);
  g_assert_nonnull (strstr (dry->out, "Added: 1\nMerged: 2\nSkipped: 0\n"));
  g_assert_nonnull (strstr (dry->out, "Dry run: nothing was written."));
  g_assert_cmpint (count_contacts (fixture), ==, 3);

  skip = run_import (fixture, file, "--duplicates=skip", NULL);
  g_assert_cmpint (skip->status, ==, 0);
  g_assert_nonnull (strstr (skip->out, "Added: 1\nMerged: 0\nSkipped: 2\n"));
  g_assert_cmpint (count_contacts (fixture), ==, 4);

  bad = run_import (fixture, file, "--duplicates", "sometimes", NULL);
  g_assert_cmpint (bad->status, !=, 0);
  g_assert_nonnull (strstr (bad->err, "sometimes"));
}

static void
test_import_broken (Fixture *fixture, gconstpointer data)
{
  g_autofree char *first = data_path ("pipedrive-contacts.csv");
  g_autofree char *file = data_path ("contacts-broken-unclosed.csv");
  g_autoptr (CliResult) setup = run_import (fixture, first, NULL);
  g_autoptr (CliResult) result = run_import (fixture, file, NULL);

  g_assert_cmpint (setup->status, ==, 0);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==,
                   "rapport-cli: contacts-broken-unclosed.csv line 4: a quoted field is not "
                   "closed; nothing was imported\n");
  g_assert_cmpint (count_contacts (fixture), ==, 2);
}

static void
test_import_kind (Fixture *fixture, gconstpointer data)
{
  g_autofree char *contacts = data_path ("hubspot-contacts.csv");
  g_autofree char *deals = data_path ("hubspot-deals.csv");
  g_autoptr (CliResult) setup = run_import (fixture, contacts, NULL);
  g_autoptr (CliResult) result = run_import (fixture, deals, "--kind", "deals", NULL);
  g_autoptr (CliResult) wrong = run_import (fixture, deals, "--kind", "planets", NULL);
  g_autoptr (CliResult) missing = run_import (fixture, "/nonexistent/file.csv", NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "5 rows of deals read\nAdded: 3\n"));
  g_assert_nonnull (strstr (result->out, "Note: line 3: no stage"));
  g_assert_cmpint (wrong->status, ==, 2);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_true (g_str_has_prefix (missing->err, "rapport-cli: file.csv: "));
  g_assert_cmpint ((int) (strchr (missing->err, '\n') - missing->err) + 1, ==,
                   (int) strlen (missing->err));
}

static void
test_import_vcard (Fixture *fixture, gconstpointer data)
{
  g_autofree char *file = data_path ("import-cards.vcf");
  g_autoptr (CliResult) result = run_import (fixture, file, NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "import-cards.vcf: 3 rows of contacts read\nAdded: 2\n"));
  g_assert_nonnull (strstr (result->out, "Rejected: 1\n  line 23: "));
  g_assert_nonnull (strstr (result->out, "Photos not kept: 1\n"));
  g_assert_cmpint (count_contacts (fixture), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/import/summary", test_import_summary);
  ADD ("/cli/import/duplicates", test_import_duplicates);
  ADD ("/cli/import/broken", test_import_broken);
  ADD ("/cli/import/kind", test_import_kind);
  ADD ("/cli/import/vcard", test_import_vcard);
#undef ADD
  return g_test_run ();
}
