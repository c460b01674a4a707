/* crm-cli-private.h — what the rapport-cli commands share: the parsed global options, the
 * command table entry, and the one-line error reporting every command uses. */
#pragma once

#include <glib.h>

#include "crm-cli.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_CLI_PROGRAM "rapport-cli"

typedef struct
{
  char *database_path; /* from --database, or NULL for the default database */
} CrmCli;

typedef struct _CrmCliCommand CrmCliCommand;

/* A command gets its own arguments, argv[0] being the command name. */
typedef int (*CrmCliCommandFunc) (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);

struct _CrmCliCommand
{
  const char *name;
  const char *parameters; /* positional parameters for the usage line, e.g. "DEST" */
  const char *summary;    /* N_() marked, translated when shown */
  CrmCliCommandFunc run;
};

/* Prints "rapport-cli: MESSAGE" as exactly one line on stderr. */
void
crm_cli_print_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Parses a command's options with a GOptionContext (its --help and --database included).
 * Returns TRUE with the positional arguments in @args (a new NULL-terminated vector, without
 * the command name); or FALSE with the status to exit with in @exit_status: 0 after printing
 * the help, CRM_CLI_EXIT_USAGE after printing a usage error. */
gboolean
crm_cli_parse_command_options (CrmCli *cli,
                               const CrmCliCommand *command,
                               const GOptionEntry *entries,
                               int argc,
                               char **argv,
                               GStrv *args,
                               int *exit_status);

/* Prints a usage error for positional arguments beyond the first @n_expected ones and returns
 * FALSE, or returns TRUE when there are none. */
gboolean
crm_cli_refuse_extra_arguments (GStrv args, guint n_expected);

/* The database to work on: --database, or the default path. */
char *
crm_cli_get_database_path (CrmCli *cli);

/* Opens the database; when @must_exist, a missing file is an error rather than created.
 * Prints the error and returns NULL on failure. */
CrmStore *
crm_cli_open_store (CrmCli *cli, gboolean must_exist);

/* The period of --from DAY (its first day) and --to DAY (its last, included), YYYY-MM-DD local
 * days; either missing is the default 90 days ending today, or ending / starting at the other
 * (crm-cli-kpi.c). Prints the error and returns FALSE for a bad day or an empty period. */
gboolean
crm_cli_resolve_period (const char *from_text, const char *to_text, gint64 *from, gint64 *to);
/* The id of the pipeline named @name (exactly, else the only one in another case), its name as
 * stored in @stored_name; 0 after printing why when there is none. */
gint64
crm_cli_find_pipeline (CrmStore *store, const char *name, char **stored_name);

int
crm_cli_seed (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_check (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_backup (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_backups (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_restore (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_search (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_kpi (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_chart (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_report (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_import (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);
int
crm_cli_score (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv);

G_END_DECLS
