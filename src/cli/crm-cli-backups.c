/* crm-cli-backups.c — `rapport-cli backups` (the backups of the database, newest first, with
 * what each holds) and `rapport-cli restore BACKUP` (puts a backup in the database's place,
 * keeping the current file as a backup first: crm_backups_restore). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-backups.h"
#include "crm-cli-private.h"

static char *
format_local_time (gint64 unix_utc)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_utc);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

int
crm_cli_backups (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  int status;
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (!crm_cli_refuse_extra_arguments (args, 0))
    return CRM_CLI_EXIT_USAGE;

  path = crm_cli_get_database_path (cli);
  folder = crm_store_get_backup_folder (path);
  backups = crm_backups_list (path, TRUE, &error);
  if (backups == NULL)
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  if (backups->len == 0)
    {
      g_print (_ ("No backups of “%s” yet (they are kept in “%s”)\n"), path, folder);
      return CRM_CLI_EXIT_OK;
    }

  /* One line per backup, tab-separated for scripts: local time, reason, the counts of
   * contacts, companies, deals and activities (or why they cannot be read), the file. */
  for (guint i = 0; i < backups->len; i++)
    {
      const CrmBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *time = format_local_time (backup->time);
      g_autofree char *counts = NULL;

      if (!backup->has_summary)
        counts = g_strdup_printf (_ ("unreadable: %s"), backup->problem);
      else if (backup->summary.schema_version > CRM_STORE_SCHEMA_VERSION)
        counts = g_strdup_printf (_ ("written by a newer Rapport (database version %d)"),
                                  backup->summary.schema_version);
      else
        counts = g_strdup_printf (_ ("%u contacts\t%u companies\t%u deals\t%u activities"),
                                  backup->summary.n_contacts, backup->summary.n_companies,
                                  backup->summary.n_deals, backup->summary.n_activities);
      g_print ("%s\t%s\t%s\t%s\n", time, *backup->reason != '\0' ? backup->reason : "-", counts,
               backup->path);
    }
  return CRM_CLI_EXIT_OK;
}

/* @name as given, or a file of that name in the backup folder of @database_path. */
static char *
resolve_backup_path (const char *database_path, const char *name)
{
  g_autofree char *folder = NULL;
  g_autofree char *in_folder = NULL;

  if (g_file_test (name, G_FILE_TEST_EXISTS) || strchr (name, G_DIR_SEPARATOR) != NULL)
    return g_strdup (name);
  folder = crm_store_get_backup_folder (database_path);
  in_folder = g_build_filename (folder, name, NULL);
  if (g_file_test (in_folder, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&in_folder);
  return g_strdup (name);
}

int
crm_cli_restore (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *kept = NULL;
  CrmBackupSummary summary;
  int status;
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (args[0] == NULL)
    {
      crm_cli_print_error (_ ("Missing the backup to restore (%s restore BACKUP; “%s backups” "
                              "lists them)"),
                           CRM_CLI_PROGRAM, CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }
  if (!crm_cli_refuse_extra_arguments (args, 1))
    return CRM_CLI_EXIT_USAGE;

  path = crm_cli_get_database_path (cli);
  backup_path = resolve_backup_path (path, args[0]);
  if (!crm_backups_restore (path, backup_path, &kept, &error))
    {
      crm_cli_print_error (_ ("Cannot restore “%s”: %s. Nothing was changed."), backup_path,
                           error->message);
      return CRM_CLI_EXIT_FAILURE;
    }

  if (crm_store_read_summary (path, &summary, NULL))
    g_print (_ ("Restored “%s” from “%s”: %u contacts, %u companies, %u deals, %u "
                "activities\n"),
             path, backup_path, summary.n_contacts, summary.n_companies, summary.n_deals,
             summary.n_activities);
  else
    g_print (_ ("Restored “%s” from “%s”\n"), path, backup_path);
  if (kept != NULL)
    g_print (_ ("The data it held before is kept in “%s”\n"), kept);
  return CRM_CLI_EXIT_OK;
}
