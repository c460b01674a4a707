/* test-cli-export.c — `rapport-cli export` as a script meets it: every kind written to a file
 * in the format its extension (or --format) names, the message on stdout, and one-line errors
 * with their exit statuses, run on a small seeded database (path of the program in
 * $RAPPORT_CLI). */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "crm-store.h"
#include "crm-cli-test-util.h"

typedef CrmCliFixture Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) seeded = NULL;

  crm_test_folder_init (fixture, "rapport-cli-export-XXXXXX");
  seeded = crm_cli_run (fixture, "--database", fixture->path, "seed", "--contacts", "50", "--deals",
                        "20", "--activities", "200", "--companies", "10", "--date", "2026-12-01");
  g_assert_cmpint (seeded->status, ==, 0);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_folder_clear (fixture);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static gint64
count_in_database (Fixture *fixture, CrmEntity entity)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (fixture->path, &error);

  g_assert_no_error (error);
  return crm_store_count (store, entity, NULL);
}

/* Counts the CRLF-ended lines of @text that start with @prefix. */
static guint
count_lines_starting (const char *text, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit (text, "\r\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static char *
read_file (Fixture *fixture, const char *name)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_export_every_kind (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *kind;
    const char *file;
    const char *noun;
    CrmEntity entity;
    const char *first_line;
  } cases[] = {
    { "contacts", "people.csv", "contacts", CRM_ENTITY_CONTACT, "UUID,Name,E-mail," },
    { "companies", "companies.csv", "companies", CRM_ENTITY_COMPANY, "UUID,Name,Website," },
    { "deals", "deals.csv", "deals", CRM_ENTITY_DEAL, "UUID,Deal Name,Company," },
    { "activities", "activities.csv", "activities", CRM_ENTITY_ACTIVITY, "UUID,Activity Type," },
    { "contacts", "people.vcf", "contacts", CRM_ENTITY_CONTACT, "BEGIN:VCARD\r\nVERSION:4.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CrmCliResult) result
          = crm_cli_run (fixture, "-d", fixture->path, "export", cases[i].kind, cases[i].file);
      g_autofree char *text = read_file (fixture, cases[i].file);
      gint64 n = count_in_database (fixture, cases[i].entity);
      g_autofree char *expected = g_strdup_printf ("Exported %" G_GINT64_FORMAT " %s to %s\n", n,
                                                   cases[i].noun, cases[i].file);

      g_assert_cmpint (result->status, ==, 0);
      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpstr (result->out, ==, expected);
      g_assert_cmpint (n, >, 0);
      g_assert_true (g_str_has_prefix (text, cases[i].first_line));
      if (g_str_has_suffix (cases[i].file, ".vcf"))
        g_assert_cmpuint (count_lines_starting (text, "BEGIN:VCARD"), ==, n);
    }
}

static void
test_export_tasks_and_database (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) tasks
      = crm_cli_run (fixture, "-d", fixture->path, "export", "tasks", "t.ics");
  g_autoptr (CrmCliResult) as_csv
      = crm_cli_run (fixture, "-d", fixture->path, "export", "tasks", "t.txt", "--format", "csv");
  g_autoptr (CrmCliResult) database
      = crm_cli_run (fixture, "-d", fixture->path, "export", "database", "copy.db");
  g_autofree char *ics = read_file (fixture, "t.ics");
  g_autofree char *copy_path = g_build_filename (fixture->folder, "copy.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) copy = NULL;
  guint n_components;
  guint64 n_said;

  g_assert_cmpint (tasks->status, ==, 0);
  g_assert_true (g_str_has_prefix (tasks->out, "Exported "));
  n_said = g_ascii_strtoull (tasks->out + strlen ("Exported "), NULL, 10);
  n_components
      = count_lines_starting (ics, "BEGIN:VTODO") + count_lines_starting (ics, "BEGIN:VEVENT");
  g_assert_cmpuint (n_components, >, 0);
  g_assert_cmpuint (n_components, ==, n_said);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_true (g_str_has_suffix (ics, "END:VCALENDAR\r\n"));

  g_assert_cmpint (as_csv->status, ==, 0);
  g_assert_true (g_str_has_suffix (as_csv->out, " tasks and meetings to t.txt\n"));

  g_assert_cmpint (database->status, ==, 0);
  g_assert_true (g_str_has_prefix (database->out, "Exported the whole database ("));
  copy = crm_store_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (copy, CRM_ENTITY_DEAL, NULL), ==,
                   count_in_database (fixture, CRM_ENTITY_DEAL));
}

static void
test_export_errors (Fixture *fixture, gconstpointer data)
{
  g_autofree char *existing = g_build_filename (fixture->folder, "existing.csv", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *missing_db = g_build_filename (fixture->folder, "none.db", NULL);
  static const char *const usage_cases[][4] = {
    { "export", NULL },
    { "export", "contacts", NULL },
    { "export", "pets", "p.csv", NULL },
    { "export", "deals", "d.vcf", NULL },
    { "export", "contacts", "c.csv", "--format=pdf" },
    { "export", "deals", "d.csv", "--raw" }, /* allowed: checked below */
  };

  for (guint i = 0; i < G_N_ELEMENTS (usage_cases) - 1; i++)
    {
      const char *args[8] = { "-d", fixture->path };
      g_autoptr (CrmCliResult) result = NULL;

      for (guint j = 0; j < 4 && usage_cases[i][j] != NULL; j++)
        args[2 + j] = usage_cases[i][j];
      result = crm_cli_run_argv (fixture, args);
      g_assert_cmpint (result->status, ==, 2);
      crm_cli_assert_one_line_error (result);
    }

  {
    g_autoptr (CrmCliResult) raw_vcard
        = crm_cli_run (fixture, "-d", fixture->path, "export", "contacts", "c.vcf", "--raw");
    g_autoptr (CrmCliResult) raw_csv
        = crm_cli_run (fixture, "-d", fixture->path, "export", "deals", "d.csv", "--raw");

    g_assert_cmpint (raw_vcard->status, ==, 2);
    crm_cli_assert_one_line_error (raw_vcard);
    g_assert_cmpint (raw_csv->status, ==, 0);
  }

  /* An existing file is kept without --force, replaced with it. */
  g_assert_true (g_file_set_contents (existing, "mine", -1, NULL));
  {
    g_autoptr (CrmCliResult) refused
        = crm_cli_run (fixture, "-d", fixture->path, "export", "contacts", "existing.csv");
    g_autoptr (CrmCliResult) forced = NULL;

    g_assert_cmpint (refused->status, ==, 1);
    crm_cli_assert_one_line_error (refused);
    g_assert_true (g_file_get_contents (existing, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "mine");
    forced = crm_cli_run (fixture, "-d", fixture->path, "export", "contacts", "existing.csv",
                          "--force");
    g_assert_cmpint (forced->status, ==, 0);
  }

  /* A folder that does not exist, and a database that does not. */
  {
    g_autoptr (CrmCliResult) no_folder
        = crm_cli_run (fixture, "-d", fixture->path, "export", "contacts", "no/such/c.csv");
    g_autoptr (CrmCliResult) no_database
        = crm_cli_run (fixture, "-d", missing_db, "export", "contacts", "c2.csv");

    g_assert_cmpint (no_folder->status, ==, 1);
    crm_cli_assert_one_line_error (no_folder);
    g_assert_nonnull (strstr (no_folder->err, "c.csv"));
    g_assert_cmpint (no_database->status, ==, 1);
    crm_cli_assert_one_line_error (no_database);
    g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/cli/export/every-kind", test_export_every_kind);
  TEST_F ("/cli/export/tasks-and-database", test_export_tasks_and_database);
  TEST_F ("/cli/export/errors", test_export_errors);
  return g_test_run ();
}
