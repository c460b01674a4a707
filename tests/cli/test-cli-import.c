/* test-cli-import.c — `rapport-cli import` as a script meets it: the built program (path in
 * $RAPPORT_CLI) on the files of tests/data/, its summary, its one-line errors, its exit
 * statuses, and what the database holds after (read through the store API). */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "crm-store.h"
#include "crm-cli-test-util.h"

typedef CrmCliFixture Fixture;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
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
  g_autoptr (CrmCliResult) result = crm_cli_run_on_database (fixture, "import", file);

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
  g_autoptr (CrmCliResult) setup = crm_cli_run_on_database (fixture, "import", first);
  g_autoptr (CrmCliResult) dry = NULL;
  g_autoptr (CrmCliResult) skip = NULL;
  g_autoptr (CrmCliResult) bad = NULL;

  g_assert_cmpint (setup->status, ==, 0);
  dry = crm_cli_run_on_database (fixture, "import", file, "--dry-run", "--duplicates", "merge");
  g_assert_cmpint (dry->status, ==, 0);
  g_assert_nonnull (strstr (dry->out, "Added: 1\nMerged: 2\nSkipped: 0\n"));
  g_assert_nonnull (strstr (dry->out, "Dry run: nothing was written."));
  g_assert_cmpint (count_contacts (fixture), ==, 3);

  skip = crm_cli_run_on_database (fixture, "import", file, "--duplicates=skip");
  g_assert_cmpint (skip->status, ==, 0);
  g_assert_nonnull (strstr (skip->out, "Added: 1\nMerged: 0\nSkipped: 2\n"));
  g_assert_cmpint (count_contacts (fixture), ==, 4);

  bad = crm_cli_run_on_database (fixture, "import", file, "--duplicates", "sometimes");
  g_assert_cmpint (bad->status, !=, 0);
  g_assert_nonnull (strstr (bad->err, "sometimes"));
}

static void
test_import_broken (Fixture *fixture, gconstpointer data)
{
  g_autofree char *first = data_path ("pipedrive-contacts.csv");
  g_autofree char *file = data_path ("contacts-broken-unclosed.csv");
  g_autoptr (CrmCliResult) setup = crm_cli_run_on_database (fixture, "import", first);
  g_autoptr (CrmCliResult) result = crm_cli_run_on_database (fixture, "import", file);

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
  g_autoptr (CrmCliResult) setup = crm_cli_run_on_database (fixture, "import", contacts);
  g_autoptr (CrmCliResult) result
      = crm_cli_run_on_database (fixture, "import", deals, "--kind", "deals");
  g_autoptr (CrmCliResult) wrong
      = crm_cli_run_on_database (fixture, "import", deals, "--kind", "planets");
  g_autoptr (CrmCliResult) missing
      = crm_cli_run_on_database (fixture, "import", "/nonexistent/file.csv");

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
  g_autoptr (CrmCliResult) result = crm_cli_run_on_database (fixture, "import", file);

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
  CRM_CLI_TEST_ADD ("/cli/import/summary", test_import_summary);
  CRM_CLI_TEST_ADD ("/cli/import/duplicates", test_import_duplicates);
  CRM_CLI_TEST_ADD ("/cli/import/broken", test_import_broken);
  CRM_CLI_TEST_ADD ("/cli/import/kind", test_import_kind);
  CRM_CLI_TEST_ADD ("/cli/import/vcard", test_import_vcard);
#undef ADD
  return g_test_run ();
}
