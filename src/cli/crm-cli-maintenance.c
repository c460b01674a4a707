/* crm-cli-maintenance.c — `rapport-cli check` and `rapport-cli backup`: the commands a cron job
 * runs to keep a database safe. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-cli-private.h"

int
crm_cli_check (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GString) report = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!crm_cli_parse_command_options (cli, command, NULL, argc, argv, &args, &status))
    return status;
  if (!crm_cli_refuse_extra_arguments (args, 0))
    return CRM_CLI_EXIT_USAGE;

  store = crm_cli_open_store (cli, TRUE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;

  report = g_string_new (NULL);
  if (!crm_store_check (store, report, &error))
    {
      if (error != NULL)
        {
          crm_cli_print_error ("%s", error->message);
          return CRM_CLI_EXIT_FAILURE;
        }
      /* The findings go to stdout (they are the command's output); the verdict to stderr. */
      g_print ("%s", report->str);
      if (report->len > 0 && report->str[report->len - 1] != '\n')
        g_print ("\n");
      crm_cli_print_error (_ ("The database “%s” has problems"), crm_store_get_path (store));
      return CRM_CLI_EXIT_FAILURE;
    }

  /* Not translated: scripts compare it, as they do with SQLite's own integrity check. */
  g_print ("ok\n");
  return CRM_CLI_EXIT_OK;
}

static gboolean
is_same_file (const char *a, const char *b)
{
  g_autofree char *canonical_a = g_canonicalize_filename (a, NULL);
  g_autofree char *canonical_b = g_canonicalize_filename (b, NULL);
  GStatBuf stat_a, stat_b;

  if (g_strcmp0 (canonical_a, canonical_b) == 0)
    return TRUE;
  /* Links and bind mounts: the same inode is the same file. */
  return g_stat (a, &stat_a) == 0 && g_stat (b, &stat_b) == 0 && stat_a.st_dev == stat_b.st_dev
         && stat_a.st_ino == stat_b.st_ino;
}

int
crm_cli_backup (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean force = FALSE;
  const char *dest;
  int status;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace DEST when it already exists"),
      NULL },
    G_OPTION_ENTRY_NULL,
  };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (args[0] == NULL)
    {
      crm_cli_print_error (_ ("Missing the backup file to write (%s backup DEST)"),
                           CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }
  if (!crm_cli_refuse_extra_arguments (args, 1))
    return CRM_CLI_EXIT_USAGE;
  dest = args[0];

  path = crm_cli_get_database_path (cli);
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      /* Replacing the database by a copy of itself would lose the changes in its WAL file. */
      if (is_same_file (dest, path))
        {
          crm_cli_print_error (_ ("“%s” is the database itself"), dest);
          return CRM_CLI_EXIT_FAILURE;
        }
      if (!force)
        {
          crm_cli_print_error (_ ("“%s” already exists (--force replaces it)"), dest);
          return CRM_CLI_EXIT_FAILURE;
        }
    }

  store = crm_cli_open_store (cli, TRUE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;
  if (!crm_store_backup (store, dest, &error))
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  g_print (_ ("Backed up “%s” to “%s”\n"), crm_store_get_path (store), dest);
  return CRM_CLI_EXIT_OK;
}
