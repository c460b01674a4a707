/* test-cli.c — rapport-cli as a user and a script meet it: the built program (path in
 * $RAPPORT_CLI) run in a temporary folder, its output, exit statuses and the files it writes,
 * checked through the store API. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "crm-store.h"
#include "crm-test-util.h"

typedef struct
{
  char *folder;
  char *path; /* a database path in the folder, not created */
} Fixture;

typedef struct
{
  int status; /* exit status, or -1 when the program did not exit normally */
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

  fixture->folder = g_dir_make_tmp ("rapport-cli-test-XXXXXX", &error);
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

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* Runs rapport-cli with @args (NULL-terminated) in the fixture's folder, with
 * $XDG_DATA_HOME there too, so the default database is never the user's. */
static CliResult *
run_cli_argv (Fixture *fixture, const char *const *args)
{
  const char *program = g_getenv ("RAPPORT_CLI");
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *data_home = g_build_filename (fixture->folder, "data-home", NULL);
  CliResult *result = g_new0 (CliResult, 1);

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->folder);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  /* Untranslated messages, whatever the tester's locale. */
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status
      = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return result;
}

#define run_cli(fixture, ...) run_cli_argv ((fixture), (const char *const[]){ __VA_ARGS__, NULL })

/* Exactly one line on stderr, "rapport-cli: …", and nothing on stdout. */
static void
assert_one_line_error (const CliResult *result)
{
  const char *newline = strchr (result->err, '\n');

  g_assert_true (g_str_has_prefix (result->err, "rapport-cli: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_cmpuint (strlen (result->err), >, strlen ("rapport-cli: \n"));
  g_assert_cmpstr (result->out, ==, "");
}

static CrmStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  CrmStore *store = crm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
count (CrmStore *store, CrmEntity entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = crm_store_count (store, entity, &error);

  g_assert_no_error (error);
  return n;
}

static void
seed_small (Fixture *fixture, const char *path, const char *seed)
{
  g_autoptr (CliResult) result
      = run_cli (fixture, "--database", path, "seed", "--contacts", "120", "--companies", "12",
                 "--deals", "40", "--activities", "300", "--seed", seed, "--date", "2024-06-01");

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
}

/* A digest of what a seeded database holds, independent of uuids and file layout: every deal
 * (title, value, currency, stage, dates) and every contact (name, e-mail, lifecycle, dates). */
static char *
database_digest (const char *path)
{
  g_autoptr (CrmStore) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  g_autoptr (GPtrArray) contacts = NULL;
  guint n_contacts;

  g_assert_no_error (error);
  for (guint p = 0; p < pipelines->len; p++)
    {
      CrmPipelineRecord *pipeline = g_ptr_array_index (pipelines, p);
      g_autoptr (GPtrArray) stages = crm_store_list_stages (store, pipeline->id, &error);

      g_assert_no_error (error);
      for (guint s = 0; s < stages->len; s++)
        {
          CrmStageRecord *stage = g_ptr_array_index (stages, s);
          g_autoptr (GArray) ids = crm_store_list_deal_ids_in_stage (store, stage->id, &error);

          g_assert_no_error (error);
          for (guint i = 0; i < ids->len; i++)
            {
              g_autoptr (CrmDealRecord) deal
                  = crm_store_get_deal (store, g_array_index (ids, gint64, i), &error);
              g_autofree char *line = NULL;

              g_assert_no_error (error);
              line = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT
                                      "|%" G_GINT64_FORMAT "\n",
                                      deal->title, deal->value_minor, deal->currency, stage->name,
                                      deal->created_at, deal->closed_at);
              g_checksum_update (checksum, (const guchar *) line, -1);
            }
        }
    }

  n_contacts = crm_store_count_contacts (store, &error);
  g_assert_no_error (error);
  contacts = crm_store_fetch_contacts (store, NULL, 0, 0, n_contacts, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (contacts, i);
      g_autofree char *line = g_strdup_printf (
          "%s|%s|%d|%d|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n", contact->name,
          contact->email != NULL ? contact->email : "", contact->lifecycle, contact->score,
          contact->captured_at, contact->last_contacted_at);
      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_seed_counts (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CliResult) result
      = run_cli (fixture, "--database", fixture->path, "seed", "--contacts", "150", "--companies",
                 "15", "--deals", "30", "--activities", "400", "--seed", "7");
  g_autoptr (CrmStore) store = NULL;

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Contacts: 150\n"));
  g_assert_nonnull (strstr (result->out, "Deals: 30\n"));
  g_assert_nonnull (strstr (result->out, "rows/s"));

  store = open_store (fixture->path);
  g_assert_cmpint (count (store, CRM_ENTITY_CONTACT), ==, 150);
  g_assert_cmpint (count (store, CRM_ENTITY_COMPANY), ==, 15);
  g_assert_cmpint (count (store, CRM_ENTITY_DEAL), ==, 30);
  g_assert_cmpint (count (store, CRM_ENTITY_ACTIVITY), ==, 400);
  /* Every deal has at least its creation in the history. */
  g_assert_cmpint (count (store, CRM_ENTITY_DEAL_STAGE_HISTORY), >=, 30);
  g_assert_cmpint (count (store, CRM_ENTITY_ACQUISITION_SPEND), >, 0);
}

static void
test_seed_default_database (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CliResult) result
      = run_cli (fixture, "seed", "--contacts", "20", "--deals", "5", "--activities", "30");
  g_autofree char *path
      = g_build_filename (fixture->folder, "data-home", "rapport", "rapport.db", NULL);
  g_autoptr (CrmStore) store = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  store = open_store (path);
  g_assert_cmpint (count (store, CRM_ENTITY_CONTACT), ==, 20);
}

static void
test_seed_deterministic (Fixture *fixture, gconstpointer data)
{
  g_autofree char *a = g_build_filename (fixture->folder, "a.db", NULL);
  g_autofree char *b = g_build_filename (fixture->folder, "b.db", NULL);
  g_autofree char *c = g_build_filename (fixture->folder, "c.db", NULL);
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;
  g_autofree char *digest_c = NULL;

  seed_small (fixture, a, "42");
  seed_small (fixture, b, "42");
  seed_small (fixture, c, "43");
  digest_a = database_digest (a);
  digest_b = database_digest (b);
  digest_c = database_digest (c);

  g_assert_cmpstr (digest_a, ==, digest_b);
  g_assert_cmpstr (digest_a, !=, digest_c);
}

static void
test_seed_bad_options (Fixture *fixture, gconstpointer data)
{
  const char *const bad[][5] = {
    { "--contacts", "-5", NULL },     { "--contacts", "0", "--deals", "3", NULL },
    { "--deals", "many", NULL },      { "--seed", "-1", NULL },
    { "--date", "2024-13-40", NULL }, { "--bogus", NULL, NULL },
    { "extra-argument", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (CliResult) result = run_cli (fixture, "--database", fixture->path, "seed",
                                              bad[i][0], bad[i][1], bad[i][2], bad[i][3]);

      g_assert_cmpint (result->status, ==, 2);
      assert_one_line_error (result);
      g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
    }
}

static void
test_check_fresh_and_seeded (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmStore) store = open_store (fixture->path);
  g_autoptr (CliResult) fresh = NULL;
  g_autoptr (CliResult) seeded = NULL;

  g_clear_object (&store);
  fresh = run_cli (fixture, "--database", fixture->path, "check");
  g_assert_cmpint (fresh->status, ==, 0);
  g_assert_cmpstr (fresh->out, ==, "ok\n");
  g_assert_cmpstr (fresh->err, ==, "");

  seed_small (fixture, fixture->path, "1");
  /* The option may also follow the command. */
  seeded = run_cli (fixture, "check", "--database", fixture->path);
  g_assert_cmpint (seeded->status, ==, 0);
  g_assert_cmpstr (seeded->out, ==, "ok\n");
}

static void
test_check_garbage (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) garbage = g_string_new (NULL);
  g_autoptr (CliResult) result = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 512; i++)
    g_string_append (garbage, "this is not a database. ");
  g_file_set_contents (fixture->path, garbage->str, (gssize) garbage->len, &error);
  g_assert_no_error (error);

  result = run_cli (fixture, "--database", fixture->path, "check");
  g_assert_cmpint (result->status, ==, 1);
  assert_one_line_error (result);

  /* Refused, and left alone. */
  g_file_get_contents (fixture->path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, garbage->str);
}

static void
test_check_missing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CliResult) result = run_cli (fixture, "--database", fixture->path, "check");

  g_assert_cmpint (result->status, ==, 1);
  assert_one_line_error (result);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_backup_copy (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autoptr (CliResult) result = NULL;
  g_autoptr (CrmStore) original = NULL;
  g_autoptr (CrmStore) copy = NULL;
  GStatBuf info;

  seed_small (fixture, fixture->path, "5");
  result = run_cli (fixture, "--database", fixture->path, "backup", dest);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  g_assert_cmpint (g_stat (dest, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  original = open_store (fixture->path);
  copy = open_store (dest);
  for (CrmEntity entity = 0; entity < CRM_N_ENTITIES; entity++)
    g_assert_cmpint (count (copy, entity), ==, count (original, entity));
  g_assert_cmpint (count (copy, CRM_ENTITY_CONTACT), ==, 120);
}

static void
test_backup_refuses_overwrite (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autoptr (CliResult) refused = NULL;
  g_autoptr (CliResult) forced = NULL;
  g_autoptr (CliResult) itself = NULL;
  g_autoptr (CrmStore) copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  seed_small (fixture, fixture->path, "5");
  g_file_set_contents (dest, "keep me", -1, &error);
  g_assert_no_error (error);

  refused = run_cli (fixture, "--database", fixture->path, "backup", dest);
  g_assert_cmpint (refused->status, ==, 1);
  assert_one_line_error (refused);
  g_file_get_contents (dest, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "keep me");

  forced = run_cli (fixture, "--database", fixture->path, "backup", "--force", dest);
  g_assert_cmpint (forced->status, ==, 0);
  copy = open_store (dest);
  g_assert_cmpint (count (copy, CRM_ENTITY_CONTACT), ==, 120);

  /* Never onto the database itself, even when forced. */
  itself = run_cli (fixture, "--database", fixture->path, "backup", "--force", fixture->path);
  g_assert_cmpint (itself->status, ==, 1);
  assert_one_line_error (itself);
}

static void
test_backup_usage (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autoptr (CliResult) no_dest = run_cli (fixture, "--database", fixture->path, "backup");
  g_autoptr (CliResult) two_dests
      = run_cli (fixture, "--database", fixture->path, "backup", dest, dest);
  g_autoptr (CliResult) no_database
      = run_cli (fixture, "--database", fixture->path, "backup", dest);

  g_assert_cmpint (no_dest->status, ==, 2);
  assert_one_line_error (no_dest);
  g_assert_cmpint (two_dests->status, ==, 2);
  assert_one_line_error (two_dests);
  g_assert_cmpint (no_database->status, ==, 1);
  assert_one_line_error (no_database);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
}

/* `search` prints one tab-separated line per match (kind, id, name, details), names first; any
 * text is safe; no words is a usage error. */
static void
test_search (Fixture *fixture, gconstpointer data)
{
  const char *hostile[] = { "\"", "*", "(", "NEAR", "-", "'", "AND", "ada\" OR *(" };
  g_autoptr (CliResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) cells = NULL;
  gint64 ada_id;

  {
    g_autoptr (CrmStore) store = open_store (fixture->path);
    g_autoptr (CrmContactRecord) ada = crm_contact_record_new ();
    g_autoptr (CrmContactRecord) other = crm_contact_record_new ();

    ada->name = g_strdup ("Ada Lovelace");
    ada->email = g_strdup ("ada@analytical.example");
    ada->notes = g_strdup ("Tabs\tand\nnewlines stay on one line");
    g_assert_true (crm_store_insert_contact (store, ada, &error));
    other->name = g_strdup ("Charles Babbage");
    other->notes = g_strdup ("Worked with Ada");
    g_assert_true (crm_store_insert_contact (store, other, &error));
    g_assert_no_error (error);
    ada_id = ada->id;
  }

  result = run_cli (fixture, "--database", fixture->path, "search", "ada", "lovel");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2); /* one match and the final newline */
  cells = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, 4);
  g_assert_cmpstr (cells[0], ==, "contact");
  g_assert_cmpint (g_ascii_strtoll (cells[1], NULL, 10), ==, ada_id);
  g_assert_cmpstr (cells[2], ==, "Ada Lovelace");
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&cells, g_strfreev);
  g_clear_pointer (&result, cli_result_free);

  /* Both match "ada": the one named so first, the one whose notes mention her after. */
  result = run_cli (fixture, "--database", fixture->path, "search", "ADA");
  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "Ada Lovelace"));
  g_assert_nonnull (strstr (lines[1], "Charles Babbage"));
  g_clear_pointer (&result, cli_result_free);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      result = run_cli (fixture, "--database", fixture->path, "search", hostile[i]);
      g_assert_cmpint (result->status, ==, 0);
      g_assert_cmpstr (result->err, ==, "");
      g_clear_pointer (&result, cli_result_free);
    }

  result = run_cli (fixture, "--database", fixture->path, "search");
  g_assert_cmpint (result->status, ==, 2);
  assert_one_line_error (result);
}

/* `score` recomputes every score, says how many it scored and changed, and lists the highest;
 * a second run changes nothing. */
static void
test_score (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CliResult) result = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GPtrArray) top = NULL;
  g_autoptr (GError) error = NULL;

  seed_small (fixture, fixture->path, "5");
  result = run_cli (fixture, "--database", fixture->path, "score");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_str_has_prefix (result->out, "Scored 120 contacts in "));
  g_assert_nonnull (strstr (result->out, "Highest scores:\n"));
  /* Leads at 50 or more moved to Qualified (the default rules), and it says how many. */
  g_assert_nonnull (strstr (result->out, "became Qualified (score 50 or more)\n"));
  g_clear_pointer (&result, cli_result_free);
  store = open_store (fixture->path);
  {
    g_autoptr (GPtrArray) all = crm_store_fetch_contacts (store, NULL, 0, 0, 1000, &error);
    guint qualified = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      {
        const CrmContactRecord *contact = all->pdata[i];

        g_assert_false (contact->lifecycle == CRM_LIFECYCLE_LEAD && contact->score >= 50);
        qualified += contact->lifecycle == CRM_LIFECYCLE_QUALIFIED;
      }
    g_assert_cmpuint (qualified, >, 0);
  }

  /* The highest score printed first is the highest stored. */
  top = crm_store_fetch_contacts_sorted (store, CRM_CONTACT_SORT_SCORE, NULL, NULL, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (top->len, ==, 1);
  g_clear_object (&store);

  result = run_cli (fixture, "--database", fixture->path, "score");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "; 0 scores changed\n0 leads became Qualified"));
  {
    g_autofree char *expected = g_strdup_printf ("%3d\t%" G_GINT64_FORMAT "\t",
                                                 ((CrmContactRecord *) top->pdata[0])->score,
                                                 ((CrmContactRecord *) top->pdata[0])->id);
    g_assert_nonnull (strstr (result->out, expected));
  }
  g_clear_pointer (&result, cli_result_free);

  result = run_cli (fixture, "--database", fixture->path, "score", "extra");
  g_assert_cmpint (result->status, ==, 2);
  assert_one_line_error (result);
}

static void
test_help (Fixture *fixture, gconstpointer data)
{
  const char *const commands[] = { "seed", "check", "backup", "help" };
  g_autoptr (CliResult) tool = run_cli (fixture, "--help");
  g_autoptr (CliResult) version = run_cli (fixture, "--version");

  g_assert_cmpint (tool->status, ==, 0);
  g_assert_cmpstr (tool->err, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (tool->out, commands[i]));

  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, "rapport-cli " PACKAGE_VERSION "\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr (CliResult) help = run_cli (fixture, commands[i], "--help");
      g_autoptr (CliResult) help_command = run_cli (fixture, "help", commands[i]);
      g_autofree char *usage = g_strdup_printf ("rapport-cli %s", commands[i]);

      g_assert_cmpint (help->status, ==, 0);
      g_assert_cmpstr (help->err, ==, "");
      g_assert_nonnull (strstr (help->out, usage));
      g_assert_cmpint (help_command->status, ==, 0);
      g_assert_cmpstr (help_command->out, ==, help->out);
    }

  /* Help never touches a database. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_usage_errors (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CliResult) unknown = run_cli (fixture, "frobnicate");
  g_autoptr (CliResult) none = run_cli (fixture, "--database", fixture->path);
  g_autoptr (CliResult) bad_option = run_cli (fixture, "--frobnicate", "check");
  g_autoptr (CliResult) extra = run_cli (fixture, "--database", fixture->path, "check", "extra");
  g_autoptr (CliResult) unknown_topic = run_cli (fixture, "help", "frobnicate");

  g_assert_cmpint (unknown->status, ==, 2);
  assert_one_line_error (unknown);
  g_assert_nonnull (strstr (unknown->err, "frobnicate"));
  g_assert_cmpint (none->status, ==, 2);
  assert_one_line_error (none);
  g_assert_cmpint (bad_option->status, ==, 2);
  assert_one_line_error (bad_option);
  g_assert_cmpint (extra->status, ==, 2);
  assert_one_line_error (extra);
  g_assert_cmpint (unknown_topic->status, ==, 2);
  assert_one_line_error (unknown_topic);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/cli/seed/counts", test_seed_counts);
  TEST_F ("/cli/seed/default-database", test_seed_default_database);
  TEST_F ("/cli/seed/deterministic", test_seed_deterministic);
  TEST_F ("/cli/seed/bad-options", test_seed_bad_options);
  TEST_F ("/cli/check/fresh-and-seeded", test_check_fresh_and_seeded);
  TEST_F ("/cli/check/garbage", test_check_garbage);
  TEST_F ("/cli/check/missing", test_check_missing);
  TEST_F ("/cli/backup/copy", test_backup_copy);
  TEST_F ("/cli/backup/refuses-overwrite", test_backup_refuses_overwrite);
  TEST_F ("/cli/backup/usage", test_backup_usage);
  TEST_F ("/cli/search", test_search);
  TEST_F ("/cli/score", test_score);
  TEST_F ("/cli/help", test_help);
  TEST_F ("/cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
