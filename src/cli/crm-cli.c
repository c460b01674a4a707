/* crm-cli.c — rapport-cli's dispatcher: global options, the command table, help, and what every
 * command shares (its own GOptionContext, one-line errors, opening the database).
 *
 * GOption's built-in --help is turned off everywhere: it prints and calls exit() from inside
 * the parser, while ours prints to stdout and returns, so the caller cleans up as usual.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>

#include "crm-cli-private.h"

static int
crm_cli_help (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);

static const CrmCliCommand commands[] = {
  { "seed", NULL, N_ ("Fill the database with realistic sample data."), crm_cli_seed },
  { "check", NULL, N_ ("Check the database for damage; print “ok” when it is sound."),
    crm_cli_check },
  { "import", N_ ("FILE"),
    N_ ("Import contacts, companies, deals or activities from a CSV or vCard file, all or "
        "nothing."),
    crm_cli_import },
  { "backup", N_ ("DEST"), N_ ("Write a consistent copy of the database to the file DEST."),
    crm_cli_backup },
  { "backups", NULL, N_ ("List the backups of the database, newest first, with what each holds."),
    crm_cli_backups },
  { "restore", N_ ("BACKUP"),
    N_ ("Put a backup in the database's place, keeping the current data as a backup first."),
    crm_cli_restore },
  { "search", N_ ("QUERY…"),
    N_ ("Print the contacts, companies and deals matching QUERY, best first."), crm_cli_search },
  { "kpi", NULL, N_ ("Print the KPIs of a period (default: the last 90 days), or them as JSON."),
    crm_cli_kpi },
  { "chart", N_ ("NAME"),
    N_ ("Draw one KPI chart of a period into a PNG, SVG or PDF file (--output FILE)."),
    crm_cli_chart },
  { "report", NULL,
    N_ ("Write the KPI report of a period (the KPI table and every chart) as a PDF file."),
    crm_cli_report },
  { "score", NULL,
    N_ ("Recompute every contact's lead score and print a summary with the highest scores."),
    crm_cli_score },
  { "help", N_ ("[COMMAND]"), N_ ("Show the help of rapport-cli or of one command."),
    crm_cli_help },
};

void
crm_cli_print_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Scripts read one line per error: fold any line breaks of nested messages. */
  g_strstrip (message);
  for (char *p = message; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  g_printerr ("%s: %s\n", CRM_CLI_PROGRAM, message);
}

static const CrmCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_ ("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-8s %s\n", commands[i].name, _ (commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _ ("Run “%s COMMAND --help” for the options of a command."),
                          CRM_CLI_PROGRAM);
  return g_string_free (text, FALSE);
}

static GStrv
copy_arguments (int argc, char **argv)
{
  GStrv copy = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  return copy;
}

static void
print_help (GOptionContext *context, const char *program)
{
  g_autofree char *help = NULL;

  /* GOption names the program in the usage line by the program name. */
  g_set_prgname (program);
  help = g_option_context_get_help (context, TRUE, NULL);
  g_set_prgname (CRM_CLI_PROGRAM);
  g_print ("%s", help);
}

gboolean
crm_cli_parse_command_options (CrmCli *cli,
                               const CrmCliCommand *command,
                               const GOptionEntry *entries,
                               int argc,
                               char **argv,
                               GStrv *args,
                               int *exit_status)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) arguments = copy_arguments (argc, argv);
  g_autofree char *database = NULL;
  gboolean show_help = FALSE;
  const GOptionEntry common_entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_ ("Work on the database FILE instead of the default one"), N_ ("FILE") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &show_help, N_ ("Show this help"), NULL },
    G_OPTION_ENTRY_NULL,
  };

  context = g_option_context_new (command->parameters != NULL ? _ (command->parameters) : NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _ (command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &arguments, &error))
    {
      crm_cli_print_error ("%s (%s %s --help)", error->message, CRM_CLI_PROGRAM, command->name);
      *exit_status = CRM_CLI_EXIT_USAGE;
      return FALSE;
    }
  if (show_help)
    {
      g_autofree char *program = g_strdup_printf ("%s %s", CRM_CLI_PROGRAM, command->name);

      print_help (context, program);
      *exit_status = CRM_CLI_EXIT_OK;
      return FALSE;
    }
  if (database != NULL)
    {
      g_free (cli->database_path);
      cli->database_path = g_steal_pointer (&database);
    }

  /* arguments[0] is the command name. */
  *args = g_strdupv (arguments[0] != NULL ? arguments + 1 : arguments);
  *exit_status = CRM_CLI_EXIT_OK;
  return TRUE;
}

gboolean
crm_cli_refuse_extra_arguments (GStrv args, guint n_expected)
{
  if (g_strv_length (args) <= n_expected)
    return TRUE;
  crm_cli_print_error (_ ("Unexpected argument “%s”"), args[n_expected]);
  return FALSE;
}

char *
crm_cli_get_database_path (CrmCli *cli)
{
  if (cli->database_path != NULL)
    return g_strdup (cli->database_path);
  return crm_store_get_default_path ();
}

CrmStore *
crm_cli_open_store (CrmCli *cli, gboolean must_exist)
{
  g_autofree char *path = crm_cli_get_database_path (cli);
  g_autoptr (GError) error = NULL;
  CrmStore *store;

  if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      crm_cli_print_error (_ ("There is no database at “%s”"), path);
      return NULL;
    }
  store = crm_store_open (path, &error);
  if (store == NULL)
    crm_cli_print_error ("%s", error->message);
  return store;
}

static GOptionContext *
create_main_context (char **database, gboolean *show_version, gboolean *show_help)
{
  g_autofree char *description = describe_commands ();
  GOptionContext *context = g_option_context_new (_ ("COMMAND [ARGUMENTS…]"));
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, database,
      N_ ("Work on the database FILE instead of the default one"), N_ ("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, show_version, N_ ("Show the version"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, show_help, N_ ("Show this help"), NULL },
    G_OPTION_ENTRY_NULL,
  };

  g_option_context_set_help_enabled (context, FALSE);
  /* Stop at the command: what follows it belongs to the command's own options. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context,
                                _ ("Work with a Rapport database from the command line: seed it, "
                                   "check it, back it up."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static void
print_main_help (void)
{
  g_autofree char *database = NULL;
  gboolean show_version = FALSE, show_help = FALSE;
  g_autoptr (GOptionContext) context = create_main_context (&database, &show_version, &show_help);

  print_help (context, CRM_CLI_PROGRAM);
}

static int
crm_cli_help (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  const CrmCliCommand *topic;
  char *help_argv[] = { NULL, (char *) "--help", NULL };
  int status;

  if (!crm_cli_parse_command_options (cli, command, NULL, argc, argv, &args, &status))
    return status;
  if (!crm_cli_refuse_extra_arguments (args, 1))
    return CRM_CLI_EXIT_USAGE;
  if (args[0] == NULL)
    {
      print_main_help ();
      return CRM_CLI_EXIT_OK;
    }
  topic = find_command (args[0]);
  if (topic == NULL)
    {
      crm_cli_print_error (_ ("Unknown command “%s” (%s --help lists them)"), args[0],
                           CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }
  help_argv[0] = (char *) topic->name;
  return topic->run (cli, topic, 2, help_argv);
}

int
crm_cli_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) arguments = copy_arguments (argc, argv);
  g_autofree char *database = NULL;
  gboolean show_version = FALSE, show_help = FALSE;
  const CrmCliCommand *command;
  CrmCli cli = { NULL };
  int status;

  g_set_prgname (CRM_CLI_PROGRAM);
  context = create_main_context (&database, &show_version, &show_help);
  if (!g_option_context_parse_strv (context, &arguments, &error))
    {
      crm_cli_print_error ("%s (%s --help)", error->message, CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }
  if (show_help)
    {
      print_help (context, CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_OK;
    }
  if (show_version)
    {
      g_print ("%s %s\n", CRM_CLI_PROGRAM, PACKAGE_VERSION);
      return CRM_CLI_EXIT_OK;
    }

  /* arguments[0] is the program, arguments[1] the command. */
  if (arguments[0] == NULL || arguments[1] == NULL)
    {
      crm_cli_print_error (_ ("No command given (%s --help lists them)"), CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }
  command = find_command (arguments[1]);
  if (command == NULL)
    {
      crm_cli_print_error (_ ("Unknown command “%s” (%s --help lists them)"), arguments[1],
                           CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }

  cli.database_path = g_steal_pointer (&database);
  status = command->run (&cli, command, (int) g_strv_length (arguments) - 1, arguments + 1);
  g_free (cli.database_path);
  return status;
}
