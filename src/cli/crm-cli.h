/* crm-cli.h — rapport-cli, the headless front end over the same store and core as the GUI:
 * `rapport-cli [--database FILE] COMMAND [ARGS]`, for scripts, cron backups, tests and
 * benchmarks.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of rapport-cli. */
typedef enum
{
  CRM_CLI_EXIT_OK = 0,
  CRM_CLI_EXIT_FAILURE = 1, /* the command ran and failed (or found problems) */
  CRM_CLI_EXIT_USAGE = 2,   /* the command line was wrong */
} CrmCliExit;

/* Runs rapport-cli with the process arguments; returns the exit status. Expects gettext and
 * the locale to be set up by the caller (main.c). */
int
crm_cli_run (int argc, char **argv);

G_END_DECLS
