/* crm-cli-export.c — `rapport-cli export KIND FILE`: contacts, companies, deals or activities
 * as CSV, contacts as vCard, tasks and meetings as iCalendar, or the whole database as a copy;
 * the format from --format or else the file's extension. */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli-private.h"
#include "crm-exporter.h"

static char *
list_formats (CrmExportKind kind)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint format = 0; format < CRM_EXPORT_N_FORMATS; format++)
    if (crm_export_kind_supports_format (kind, format))
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              crm_export_format_to_string (format));
  return g_strdup (names->str);
}

/* The format: --format, else the extension of @path, else the kind's own. Prints why and
 * returns FALSE when it is unknown or the kind cannot be written so. */
static gboolean
resolve_format (CrmExportKind kind,
                const char *format_text,
                const char *path,
                CrmExportFormat *format)
{
  g_autofree char *formats = list_formats (kind);

  if (format_text != NULL)
    {
      if (!crm_export_format_from_string (format_text, format))
        {
          crm_cli_print_error (_ ("Unknown format “%s” (csv, vcard, ics or db)"), format_text);
          return FALSE;
        }
    }
  else if (!crm_export_format_from_path (path, format))
    *format = crm_export_kind_get_default_format (kind);

  if (crm_export_kind_supports_format (kind, *format))
    return TRUE;
  crm_cli_print_error (_ ("%s cannot be exported as %s (only as %s; --format chooses)"),
                       crm_export_kind_to_string (kind), crm_export_format_to_string (*format),
                       formats);
  return FALSE;
}

int
crm_cli_export (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (CrmExporter) exporter = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *described = NULL;
  gboolean raw = FALSE, force = FALSE;
  CrmExportKind kind;
  CrmExportFormat format;
  const char *path;
  int status;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_ ("Write FORMAT: csv, vcard, ics or db (default: from the extension of FILE)"),
      N_ ("FORMAT") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_ ("CSV: write cells as stored, without protecting spreadsheets from formulas"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE when it already exists"),
      NULL },
    G_OPTION_ENTRY_NULL,
  };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (args[0] == NULL || args[1] == NULL)
    {
      crm_cli_print_error (_ ("Missing what to export and the file to write (%s export KIND FILE)"),
                           CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }
  if (!crm_cli_refuse_extra_arguments (args, 2))
    return CRM_CLI_EXIT_USAGE;
  if (!crm_export_kind_from_string (args[0], &kind))
    {
      crm_cli_print_error (
          _ ("Unknown kind “%s” (contacts, companies, deals, activities, tasks or database)"),
          args[0]);
      return CRM_CLI_EXIT_USAGE;
    }
  path = args[1];
  if (!resolve_format (kind, format_text, path, &format))
    return CRM_CLI_EXIT_USAGE;
  if (raw && format != CRM_EXPORT_FORMAT_CSV)
    {
      crm_cli_print_error (_ ("--raw applies to CSV files only"));
      return CRM_CLI_EXIT_USAGE;
    }
  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      crm_cli_print_error (_ ("“%s” already exists (--force replaces it)"), path);
      return CRM_CLI_EXIT_FAILURE;
    }

  store = crm_cli_open_store (cli, TRUE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;
  exporter = crm_exporter_new (kind, format);
  crm_exporter_set_raw (exporter, raw);
  file = g_file_new_for_commandline_arg (path);
  if (!crm_exporter_run (exporter, store, file, NULL, NULL, NULL, &error))
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  described = crm_export_describe_count (kind, crm_exporter_get_n_exported (exporter), FALSE);
  g_print (_ ("Exported %s to %s\n"), described, path);
  return CRM_CLI_EXIT_OK;
}
