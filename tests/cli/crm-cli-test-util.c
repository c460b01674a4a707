/* crm-cli-test-util.c — rapport-cli run as a program by the cli tests. */
#include "crm-cli-test-util.h"

#include <gio/gio.h>
#include <string.h>

void
crm_cli_result_free (CrmCliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

void
crm_cli_fixture_set_up (CrmCliFixture *fixture, gconstpointer data)
{
  crm_test_folder_init (fixture, "rapport-cli-test-XXXXXX");
}

void
crm_cli_fixture_tear_down (CrmCliFixture *fixture, gconstpointer data)
{
  crm_test_folder_clear (fixture);
}

static CrmCliResult *
run (const CrmCliFixture *fixture, gboolean on_database, const char *const *args)
{
  const char *program = g_getenv ("RAPPORT_CLI");
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *data_home = g_build_filename (fixture->folder, "data-home", NULL);
  CrmCliResult *result = g_new0 (CrmCliResult, 1);

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  if (on_database)
    {
      g_ptr_array_add (argv, (gpointer) "--database");
      g_ptr_array_add (argv, fixture->path);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->folder);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  /* Untranslated messages in UTF-8, whatever the tester's locale; local days are UTC days. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status
      = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return result;
}

CrmCliResult *
crm_cli_run_argv (const CrmCliFixture *fixture, const char *const *args)
{
  return run (fixture, FALSE, args);
}

CrmCliResult *
crm_cli_run_on_database_argv (const CrmCliFixture *fixture, const char *const *args)
{
  return run (fixture, TRUE, args);
}

void
crm_cli_assert_one_line_error (const CrmCliResult *result)
{
  const char *newline = strchr (result->err, '\n');

  g_assert_true (g_str_has_prefix (result->err, "rapport-cli: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_cmpuint (strlen (result->err), >, strlen ("rapport-cli: \n"));
  g_assert_cmpstr (result->out, ==, "");
}
