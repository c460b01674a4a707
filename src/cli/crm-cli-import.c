/* crm-cli-import.c — `rapport-cli import FILE`: imports contacts, companies, deals or
 * activities from a CSV or vCard file in one transaction (crm-importer.h) and prints the
 * summary: added, merged, skipped, and each rejected row with its line and reason. */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "crm-cli-private.h"
#include "crm-importer.h"

static gboolean
parse_duplicates (const char *text, CrmImportDuplicateChoice *choice)
{
  if (text == NULL || g_strcmp0 (text, "skip") == 0)
    *choice = CRM_IMPORT_DUPLICATE_SKIP;
  else if (g_strcmp0 (text, "merge") == 0)
    *choice = CRM_IMPORT_DUPLICATE_MERGE;
  else if (g_strcmp0 (text, "new") == 0)
    *choice = CRM_IMPORT_DUPLICATE_ADD_NEW;
  else
    return FALSE;
  return TRUE;
}

/* Progress on a terminal only: a log file or a pipe gets just the summary. */
static void
on_progress (double fraction, gpointer user_data)
{
  g_printerr ("\r\033[K%s %3.0f %%", _ ("Importing…"), fraction * 100.0);
}

static void
print_error (const char *file_name, const GError *error)
{
  if (g_error_matches (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW))
    /* TRANSLATORS: "data.csv line 57: a quoted field is not closed; nothing was imported" */
    crm_cli_print_error (_ ("%s %s; nothing was imported"), file_name, error->message);
  else if (g_error_matches (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_CANCELLED))
    crm_cli_print_error ("%s: %s", file_name, error->message);
  else
    crm_cli_print_error (_ ("%s: %s; nothing was imported"), file_name, error->message);
}

static void
print_summary (const CrmImportSummary *summary, CrmImportKind kind, const char *file_name)
{
  g_print (_ ("%s: %u rows of %s read\n"), file_name, summary->n_rows,
           crm_import_kind_to_string (kind));
  g_print (_ ("Added: %u\n"), summary->n_added);
  g_print (_ ("Merged: %u\n"), summary->n_merged);
  g_print (_ ("Skipped: %u\n"), summary->n_skipped);
  g_print (_ ("Rejected: %u\n"), summary->n_rejected);
  for (guint i = 0; i < summary->rejections->len; i++)
    {
      const CrmImportRejection *rejection = summary->rejections->pdata[i];

      g_print ("  ");
      g_print (_ ("line %u: %s"), rejection->line, rejection->reason);
      g_print ("\n");
    }
  if (summary->n_companies_added > 0)
    g_print (_ ("Companies created: %u\n"), summary->n_companies_added);
  if (summary->n_photos_dropped > 0)
    g_print (_ ("Photos not kept: %u\n"), summary->n_photos_dropped);
  for (guint i = 0; i < summary->warnings->len; i++)
    g_print ("%s %s\n", _ ("Note:"), (const char *) summary->warnings->pdata[i]);
  if (summary->dry_run)
    g_print ("%s\n", _ ("Dry run: nothing was written."));
}

int
crm_cli_import (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_autofree char *kind_text = NULL;
  g_autofree char *duplicates_text = NULL;
  g_autofree char *currency = NULL;
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (CrmImporter) importer = NULL;
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *file_name = NULL;
  gboolean dry_run = FALSE;
  CrmImportKind kind = CRM_IMPORT_KIND_CONTACTS;
  CrmImportDuplicateChoice choice;
  gboolean show_progress = isatty (STDERR_FILENO);
  int status;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      N_ ("What the rows are: contacts, companies, deals or activities (default: guessed from "
          "the headers)"),
      N_ ("KIND") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Check every row and report what would be imported, writing nothing"), NULL },
    { "duplicates", 0, 0, G_OPTION_ARG_STRING, &duplicates_text,
      N_ ("What to do with rows that duplicate a stored record: skip (default), merge or new"),
      N_ ("CHOICE") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_ ("Currency of amounts that name none (default: EUR)"), N_ ("CODE") },
    G_OPTION_ENTRY_NULL,
  };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (args[0] == NULL)
    {
      crm_cli_print_error (_ ("Name the file to import (%s %s --help)"), CRM_CLI_PROGRAM,
                           command->name);
      return CRM_CLI_EXIT_USAGE;
    }
  if (!crm_cli_refuse_extra_arguments (args, 1))
    return CRM_CLI_EXIT_USAGE;
  if (kind_text != NULL && !crm_import_kind_from_string (kind_text, &kind))
    {
      crm_cli_print_error (_ ("“%s” is not a kind of record: use contacts, companies, deals or "
                              "activities"),
                           kind_text);
      return CRM_CLI_EXIT_USAGE;
    }
  if (!parse_duplicates (duplicates_text, &choice))
    {
      crm_cli_print_error (_ ("“%s” is not a choice for duplicates: use skip, merge or new"),
                           duplicates_text);
      return CRM_CLI_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (args[0]);
  file_name = g_file_get_basename (file);
  importer = crm_importer_new (file, kind_text != NULL ? (int) kind : -1, &error);
  if (importer == NULL)
    {
      print_error (file_name, error);
      return CRM_CLI_EXIT_FAILURE;
    }
  if (currency != NULL)
    crm_importer_set_default_currency (importer, currency);
  crm_importer_set_default_duplicate_choice (importer, choice);

  store = crm_cli_open_store (cli, FALSE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;
  summary = crm_importer_run (importer, store, dry_run, NULL, show_progress ? on_progress : NULL,
                              NULL, &error);
  if (show_progress)
    g_printerr ("\r\033[K");
  if (summary == NULL)
    {
      print_error (file_name, error);
      return CRM_CLI_EXIT_FAILURE;
    }
  print_summary (summary, crm_importer_get_kind (importer), file_name);
  return CRM_CLI_EXIT_OK;
}
